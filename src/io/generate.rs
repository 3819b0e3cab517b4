//! Synthetic exports of the built-in marketplace policy: realistic offers, deterministic by
//! seed, for tests and benchmarks.
//!
//! Each offer runs on one of several calendars (`US` for most, then `GB-ENG`, `DE`, `JP`, …)
//! and goes through the publishing steps with times drawn to look like real ones: submitted on
//! a working day, prerequisites validated within minutes (sometimes past the 15-minute budget),
//! certification after 1 to 20 business days of its calendar, failing in about one case in
//! eight (then re-published days later, up to three attempts), preview within the hour, the
//! publisher's sign-out after hours to weeks, go live, and live within days. Nothing after the
//! export's instant is written, so recent offers are in flight: running, at risk or overdue.
//!
//! A share of rows can be given a typical mistake: a malformed instant, an impossible date, a
//! year out of range, a time without offset, an unknown event or calendar, an empty id, a
//! duplicated row, or (in an event log) a row naming another calendar than the rest of its
//! record.

use std::io::Write;

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;

use super::input::InputFormat;
use super::jsonl::json_string;
use super::output::io_error;
use super::schema::Layout;
use super::write::write_instant;
use crate::clock::{Disambiguation, to_instant};
use crate::{Calendar, Error, Instant, Registry};

/// The marketplace events, in lifecycle order.
const EVENTS: [&str; 7] = [
    "submitted",
    "prerequisites_validated",
    "certification_passed",
    "certification_failed",
    "preview_ready",
    "go_live",
    "live",
];

/// Calendars and their weights (out of 100).
const CALENDARS: [(&str, u64); 12] = [
    ("US", 40),
    ("GB-ENG", 12),
    ("DE", 10),
    ("JP", 8),
    ("FR", 6),
    ("CA", 5),
    ("AU-NSW", 5),
    ("NL", 4),
    ("BR", 3),
    ("US-CA", 3),
    ("SE", 2),
    ("KR", 2),
];

/// Offers whose events are shuffled together in an event log that is not grouped.
const WINDOW: u64 = 1000;

/// A SplitMix64 generator: small, fast, and the same numbers on every platform forever.
#[derive(Clone, Debug)]
struct Random(u64);

impl Random {
    fn new(seed: u64, stream: u64) -> Random {
        let mut random = Random(seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        random.next();
        random
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: i64, high: i64) -> i64 {
        let span = (high - low).max(0) as u64 + 1;
        low + (self.next() % span) as i64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Writes a synthetic export of offers.
///
/// # Example
///
/// ```
/// use slacal::io::{Generator, Layout};
///
/// let mut export = Vec::new();
/// Generator::new(3, 42).write(&mut export)?;
/// let text = String::from_utf8(export).unwrap();
/// assert!(text.starts_with("offer_id,calendar,submitted_at,prerequisites_validated_at,"));
/// assert_eq!(text.lines().count(), 4);
/// // The same seed gives the same export.
/// let mut again = Vec::new();
/// Generator::new(3, 42).write(&mut again)?;
/// assert_eq!(text.as_bytes(), &again[..]);
/// let mut log = Vec::new();
/// Generator::new(3, 42).layout(Layout::EventLog).write(&mut log)?;
/// assert!(String::from_utf8(log).unwrap().starts_with("record_id,event,at,calendar\n"));
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Generator {
    offers: u64,
    seed: u64,
    layout: Layout,
    format: InputFormat,
    mistakes: f64,
    grouped: bool,
    until: Instant,
}

/// One event of an offer, as written.
#[derive(Clone, Debug)]
struct Written {
    event: usize,
    at: Instant,
    /// The text written instead of the instant, for a mistake.
    text: Option<String>,
}

/// One offer, as written.
#[derive(Clone, Debug)]
struct Offer {
    id: String,
    calendar: &'static str,
    /// Whether the calendar column names the calendar (US offers often leave it empty).
    named: bool,
    zone: Tz,
    events: Vec<Written>,
    /// A mistake that concerns the whole offer.
    mistake: Option<OfferMistake>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OfferMistake {
    UnknownCalendar,
    EmptyId,
    Duplicate,
    ConflictingCalendar,
    UnknownEvent,
}

impl Generator {
    /// A generator of `offers` offers from a seed: wide CSV, no mistakes, nothing after
    /// 2026-11-22T12:00:00Z.
    #[must_use]
    pub fn new(offers: u64, seed: u64) -> Generator {
        Generator {
            offers,
            seed,
            layout: Layout::Wide,
            format: InputFormat::Csv,
            mistakes: 0.0,
            grouped: false,
            // 2026-11-22T12:00:00Z.
            until: Instant::from_unix_seconds(1_795_348_800).unwrap_or(Instant::EPOCH),
        }
    }

    /// One row per offer (wide) or one row per event (event log).
    #[must_use]
    pub fn layout(mut self, layout: Layout) -> Generator {
        self.layout = layout;
        self
    }

    /// CSV or JSON Lines.
    #[must_use]
    pub fn format(mut self, format: InputFormat) -> Generator {
        self.format = format;
        self
    }

    /// The share of offers (0 to 1) given a typical mistake.
    #[must_use]
    pub fn mistakes(mut self, share: f64) -> Generator {
        self.mistakes = share.clamp(0.0, 1.0);
        self
    }

    /// For an event log: the rows of each offer together (true), or the events of a thousand
    /// offers at a time mixed in time order (false, the default).
    #[must_use]
    pub fn grouped(mut self, grouped: bool) -> Generator {
        self.grouped = grouped;
        self
    }

    /// The instant the export is taken: nothing happens after it.
    #[must_use]
    pub fn until(mut self, until: Instant) -> Generator {
        self.until = until;
        self
    }

    /// Writes the export.
    ///
    /// # Errors
    ///
    /// An I/O error of `out`, or a data error if a built-in calendar cannot be built.
    pub fn write(&self, out: &mut dyn Write) -> Result<(), Error> {
        let calendars: Vec<(Calendar, Tz)> = CALENDARS
            .iter()
            .map(|(id, _)| Ok((Calendar::builtin(id)?, Registry::builtin()?.time_zone(id)?)))
            .collect::<Result<_, _>>()?;
        let mut buffer = Vec::with_capacity(1 << 20);
        self.header(&mut buffer);
        let mut offers = Vec::new();
        let mut index = 0;
        while index < self.offers {
            let end = (index + WINDOW).min(self.offers);
            offers.clear();
            for i in index..end {
                offers.push(self.offer(i, &calendars));
            }
            match self.layout {
                Layout::Wide => {
                    for offer in &offers {
                        self.wide_row(offer, &mut buffer);
                        if offer.mistake == Some(OfferMistake::Duplicate) {
                            self.wide_row(offer, &mut buffer);
                        }
                    }
                }
                Layout::EventLog => self.event_rows(&offers, &mut buffer),
            }
            if buffer.len() > 1 << 20 {
                out.write_all(&buffer)
                    .map_err(|e| io_error("writing the export".to_owned(), &e))?;
                buffer.clear();
            }
            index = end;
        }
        out.write_all(&buffer)
            .map_err(|e| io_error("writing the export".to_owned(), &e))?;
        out.flush()
            .map_err(|e| io_error("writing the export".to_owned(), &e))
    }

    fn header(&self, out: &mut Vec<u8>) {
        if self.format == InputFormat::Jsonl {
            return;
        }
        match self.layout {
            Layout::Wide => {
                out.extend_from_slice(b"offer_id,calendar");
                for event in EVENTS {
                    out.extend_from_slice(format!(",{event}_at").as_bytes());
                }
                out.push(b'\n');
            }
            Layout::EventLog => out.extend_from_slice(b"record_id,event,at,calendar\n"),
        }
    }

    /// Simulates offer `index`.
    fn offer(&self, index: u64, calendars: &[(Calendar, Tz)]) -> Offer {
        let mut random = Random::new(self.seed, index);
        let mut pick = random.range(0, 99) as u64;
        let mut which = 0;
        for (i, (_, weight)) in CALENDARS.iter().enumerate() {
            if pick < *weight {
                which = i;
                break;
            }
            pick -= weight;
        }
        let (calendar, zone) = &calendars[which];
        let id = CALENDARS[which].0;
        let named = id != "US" || random.chance(0.5);
        let until = self.until.unix_seconds();
        let mut events = Vec::new();
        // Submitted on a working day, in working hours, within the 120 days before the export.
        let mut at = until - random.range(3600, 120 * 86_400);
        at = working_time(calendar, *zone, at, &mut random);
        let mut attempts = 0;
        'publishing: loop {
            attempts += 1;
            let mut push = |event: usize, at: i64| {
                if at <= until
                    && let Ok(at) = Instant::from_unix_seconds(at)
                {
                    events.push(Written {
                        event,
                        at,
                        text: None,
                    });
                }
            };
            push(0, at);
            // Validation is automated: minutes, now and then past its 15-minute budget.
            let validated = at
                + if random.chance(0.94) {
                    random.range(60, 12 * 60)
                } else {
                    random.range(12 * 60, 40 * 60)
                };
            push(1, validated);
            // Certification: 1 to 20 business days, most often 3 to 10.
            let days = if random.chance(0.8) {
                random.range(3, 10)
            } else {
                random.range(1, 20)
            };
            let start_date = local_date(at, *zone);
            let Ok(answer_date) = calendar.add_business_days(start_date, days) else {
                break;
            };
            let answered =
                at_local(answer_date, random.range(8 * 3600, 18 * 3600), *zone).max(validated + 60);
            if attempts < 3 && random.chance(0.12) {
                push(3, answered);
                // Fixed and re-published 1 to 10 days later, on a working day.
                at = working_time(
                    calendar,
                    *zone,
                    answered + random.range(86_400, 10 * 86_400),
                    &mut random,
                );
                continue 'publishing;
            }
            push(2, answered);
            // Packaging is automated: within the hour, now and then late.
            let preview = answered
                + if random.chance(0.93) {
                    random.range(10 * 60, 50 * 60)
                } else {
                    random.range(50 * 60, 3 * 3600)
                };
            push(4, preview);
            // The publisher's sign-out: hours to weeks.
            let wait = if random.chance(0.6) {
                random.range(2 * 3600, 3 * 86_400)
            } else {
                random.range(3 * 86_400, 21 * 86_400)
            };
            let go_live = preview + wait;
            push(5, go_live);
            let live = go_live
                + if random.chance(0.9) {
                    random.range(6 * 3600, 3 * 86_400)
                } else {
                    random.range(3 * 86_400, 6 * 86_400)
                };
            push(6, live);
            break;
        }
        let mut offer = Offer {
            id: format!("offer-{index:07}"),
            calendar: id,
            named,
            zone: *zone,
            events,
            mistake: None,
        };
        if self.mistakes > 0.0 && random.chance(self.mistakes) {
            self.spoil(&mut offer, &mut random);
        }
        offer
    }

    /// Gives an offer one typical mistake.
    fn spoil(&self, offer: &mut Offer, random: &mut Random) {
        let kinds = if self.layout == Layout::EventLog {
            10
        } else {
            8
        };
        let kind = random.range(0, kinds - 1);
        let count = offer.events.len();
        let sample = offer
            .events
            .first()
            .map(|e| e.at.in_zone(offer.zone).naive_local())
            .unwrap_or_default();
        let target = (count > 0).then(|| random.range(0, count as i64 - 1) as usize);
        let mut instant_mistake = |text: String| {
            if let Some(target) = target {
                offer.events[target].text = Some(text);
            }
        };
        match kind {
            0 => instant_mistake(sample.format("%Y/%m/%d %H:%M").to_string()),
            1 => instant_mistake(format!("{}-02-30T10:00:00Z", sample.year())),
            2 => instant_mistake(sample.format("%Y-%m-%d %H:%M:%S").to_string()),
            3 => instant_mistake(format!("2{}", sample.format("%Y-%m-%dT%H:%M:%SZ"))),
            7 => instant_mistake(sample.format("%d.%m.%Y %H:%M").to_string()),
            4 => offer.mistake = Some(OfferMistake::UnknownCalendar),
            5 => offer.mistake = Some(OfferMistake::EmptyId),
            6 => offer.mistake = Some(OfferMistake::Duplicate),
            8 => offer.mistake = Some(OfferMistake::UnknownEvent),
            _ => offer.mistake = Some(OfferMistake::ConflictingCalendar),
        }
    }

    fn calendar_text(offer: &Offer) -> &'static str {
        match offer.mistake {
            Some(OfferMistake::UnknownCalendar) => "UK",
            _ if offer.named => offer.calendar,
            _ => "",
        }
    }

    fn id_text(offer: &Offer) -> &str {
        if offer.mistake == Some(OfferMistake::EmptyId) {
            ""
        } else {
            &offer.id
        }
    }

    fn instant_text(offer: &Offer, event: &Written, out: &mut Vec<u8>) {
        match &event.text {
            Some(text) => out.extend_from_slice(text.as_bytes()),
            None if event.at.unix_seconds() % 7 == 0 => {
                out.extend_from_slice(event.at.to_string().as_bytes());
            }
            None => write_instant(out, event.at, offer.zone),
        }
    }

    fn wide_row(&self, offer: &Offer, out: &mut Vec<u8>) {
        match self.format {
            InputFormat::Csv => {
                out.extend_from_slice(Self::id_text(offer).as_bytes());
                out.push(b',');
                out.extend_from_slice(Self::calendar_text(offer).as_bytes());
                for event in 0..EVENTS.len() {
                    out.push(b',');
                    let mut first = true;
                    for written in offer.events.iter().filter(|e| e.event == event) {
                        if !first {
                            out.push(b';');
                        }
                        first = false;
                        Self::instant_text(offer, written, out);
                    }
                }
                out.push(b'\n');
            }
            _ => {
                out.extend_from_slice(b"{\"offer_id\":");
                json_string(out, Self::id_text(offer));
                out.extend_from_slice(b",\"calendar\":");
                match Self::calendar_text(offer) {
                    "" => out.extend_from_slice(b"null"),
                    calendar => json_string(out, calendar),
                }
                for (event, name) in EVENTS.iter().enumerate() {
                    out.extend_from_slice(format!(",\"{name}_at\":").as_bytes());
                    let instants: Vec<&Written> =
                        offer.events.iter().filter(|e| e.event == event).collect();
                    match instants.len() {
                        0 => out.extend_from_slice(b"null"),
                        1 => {
                            let mut text = Vec::new();
                            Self::instant_text(offer, instants[0], &mut text);
                            json_string(out, &String::from_utf8_lossy(&text));
                        }
                        _ => {
                            out.push(b'[');
                            for (i, written) in instants.iter().enumerate() {
                                if i > 0 {
                                    out.push(b',');
                                }
                                let mut text = Vec::new();
                                Self::instant_text(offer, written, &mut text);
                                json_string(out, &String::from_utf8_lossy(&text));
                            }
                            out.push(b']');
                        }
                    }
                }
                out.extend_from_slice(b"}\n");
            }
        }
    }

    fn event_rows(&self, offers: &[Offer], out: &mut Vec<u8>) {
        let mut rows: Vec<(i64, usize, usize)> = Vec::new();
        for (o, offer) in offers.iter().enumerate() {
            for (e, written) in offer.events.iter().enumerate() {
                rows.push((written.at.unix_seconds(), o, e));
            }
        }
        if !self.grouped {
            rows.sort_unstable();
        }
        for (_, o, e) in rows {
            let offer = &offers[o];
            let written = &offer.events[e];
            let mut calendar = Self::calendar_text(offer);
            let mut event = EVENTS[written.event];
            if e == offer.events.len() - 1 {
                match offer.mistake {
                    Some(OfferMistake::ConflictingCalendar) => {
                        calendar = if offer.calendar == "DE" { "FR" } else { "DE" };
                    }
                    Some(OfferMistake::UnknownEvent) => event = "certification_passd",
                    _ => {}
                }
            }
            let copies = if e == 0 && offer.mistake == Some(OfferMistake::Duplicate) {
                2
            } else {
                1
            };
            for _ in 0..copies {
                match self.format {
                    InputFormat::Csv => {
                        out.extend_from_slice(Self::id_text(offer).as_bytes());
                        out.push(b',');
                        out.extend_from_slice(event.as_bytes());
                        out.push(b',');
                        Self::instant_text(offer, written, out);
                        out.push(b',');
                        out.extend_from_slice(calendar.as_bytes());
                        out.push(b'\n');
                    }
                    _ => {
                        out.extend_from_slice(b"{\"record_id\":");
                        json_string(out, Self::id_text(offer));
                        out.extend_from_slice(b",\"event\":");
                        json_string(out, event);
                        out.extend_from_slice(b",\"at\":");
                        let mut text = Vec::new();
                        Self::instant_text(offer, written, &mut text);
                        json_string(out, &String::from_utf8_lossy(&text));
                        if !calendar.is_empty() {
                            out.extend_from_slice(b",\"calendar\":");
                            json_string(out, calendar);
                        }
                        out.extend_from_slice(b"}\n");
                    }
                }
            }
        }
    }
}

fn local_date(seconds: i64, zone: Tz) -> NaiveDate {
    Instant::from_unix_seconds(seconds)
        .map(|at| at.local_date(zone))
        .unwrap_or_default()
}

/// The instant `second_of_day` seconds into a local date.
fn at_local(date: NaiveDate, second_of_day: i64, zone: Tz) -> i64 {
    let time =
        NaiveTime::from_num_seconds_from_midnight_opt(second_of_day.clamp(0, 86_399) as u32, 0)
            .unwrap_or_default();
    to_instant(zone, date.and_time(time), Disambiguation::Compatible)
        .map_or(0, Instant::unix_seconds)
}

/// Moves an instant to a working day of the calendar (mostly), at a working hour.
fn working_time(calendar: &Calendar, zone: Tz, seconds: i64, random: &mut Random) -> i64 {
    let mut date = local_date(seconds, zone);
    if !random.chance(0.05) {
        // Most offers are submitted on a working day.
        date = calendar
            .adjust(date, crate::Convention::Following)
            .unwrap_or(date);
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            date = date.succ_opt().unwrap_or(date);
        }
    }
    at_local(date, random.range(8 * 3600, 18 * 3600), zone)
}
