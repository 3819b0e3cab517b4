//! iCalendar (RFC 5545): a calendar's holidays as all-day events, and a company's closures read
//! from `.ics` files.
//!
//! The text format is the `icalendar` crate's: its writer folds lines at 75 octets and ends
//! them with CRLF, and its parser reads the files. Recurrence rules are expanded by the
//! `rrule` crate.
//!
//! # Writing
//!
//! [`to_ics`] writes one all-day `VEVENT` per holiday (`DTSTART;VALUE=DATE` and the next day as
//! the exclusive `DTEND`). The output is deterministic, so that the same data gives the same
//! file byte for byte and a calendar client that subscribes to it sees no spurious changes:
//!
//! - `UID` is `<date>-<calendar>-<digest of the name>@slacal`: the same holiday keeps its UID
//!   from one export to the next, and a moved or renamed holiday gets a new one;
//! - `DTSTAMP` is the date the calendar's data was last checked (its files' `as_of`), at
//!   midnight UTC, or 1970-01-01 when no file says: never the time of the export;
//! - an estimated holiday is `STATUS:TENTATIVE` and its `SUMMARY` ends in `[estimated]`; the
//!   others are `STATUS:CONFIRMED`. Every event is `TRANSP:TRANSPARENT` (a holiday does not
//!   make anyone busy).
//!
//! # Reading closures
//!
//! [`read_closures`] reads the all-day events of an `.ics` file (an export of a shared company
//! calendar) as holidays: each event closes the days from its `DTSTART` up to its `DTEND`
//! (excluded; one day without `DTEND`, or the days of a `DURATION` such as `P3D`), on every
//! occurrence of its `RRULE`s and `RDATE`s except its `EXDATE`s, from 1900 to 2199. Its
//! `SUMMARY` names the closure. A cancelled event (`STATUS:CANCELLED`) closes nothing. An
//! event with a time of day (a meeting) is an error: a calendar's days are open or closed,
//! and a closure of part of a day belongs in a policy's `closure` list.
//!
//! In a folder of holiday files, `<ID>.ics` (or `<ID>.<anything>.ics`, for several files) adds
//! its closures to calendar `<ID>` (the file name in any letter case: `acme.ics` closes `ACME`).

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{Days, NaiveDate, TimeZone};
use chrono_tz::Tz;

use crate::{Calendar, Error, Holiday};

/// The calendar id a closures file applies to: its name up to the first `.`, in capitals
/// (`acme.2027.ics` → `ACME`); `None` when that is not a valid id.
#[must_use]
pub(crate) fn calendar_of_file(file_name: &str) -> Option<String> {
    let stem = file_name.split('.').next()?.to_ascii_uppercase();
    let valid = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_');
    valid.then_some(stem)
}

/// The holidays of a calendar as an iCalendar document: one all-day `VEVENT` per holiday, with
/// deterministic `UID`s and `DTSTAMP` (see the [module docs](self)). `zone` is the calendar's
/// zone (`X-WR-TIMEZONE`, for calendar applications; [`crate::Registry::time_zone`]), `stamp`
/// the `DTSTAMP` date (the data's `as_of`); lines are folded at 75 octets and end in CRLF.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::Calendar;
/// use slacal::holiday::ics::to_ics;
///
/// let us = Calendar::builtin("US")?;
/// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let holidays = us.holidays_between(date(2026, 12, 1), date(2026, 12, 31))?;
/// let zone = chrono_tz::America::New_York;
/// let text = to_ics(&us, zone, holidays, date(2026, 11, 22));
/// assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert!(text.contains("DTSTART;VALUE=DATE:20261225\r\n"));
/// assert!(text.contains("DTEND;VALUE=DATE:20261226\r\n"));
/// assert!(text.contains("DTSTAMP:20261122T000000Z\r\n"));
/// assert!(text.contains("SUMMARY:Christmas Day\r\n"));
/// assert!(text.contains("X-WR-TIMEZONE:America/New_York\r\n"));
/// assert_eq!(text, to_ics(&us, zone, holidays, date(2026, 11, 22))); // deterministic
/// # Ok::<(), slacal::Error>(())
/// ```
#[must_use]
pub fn to_ics(calendar: &Calendar, zone: Tz, holidays: &[Holiday], stamp: NaiveDate) -> String {
    use icalendar::{Component as _, EventLike as _};

    let property = |key: &str, value: &str| icalendar::Property::new(key, value);
    let mut document = icalendar::Calendar {
        properties: vec![
            property("VERSION", "2.0"),
            property(
                "PRODID",
                &format!("-//slacal//slacal {}//EN", env!("CARGO_PKG_VERSION")),
            ),
            property("CALSCALE", "GREGORIAN"),
            property("METHOD", "PUBLISH"),
            property(
                "X-WR-CALNAME",
                &format!("{} ({})", calendar.name(), calendar.id()),
            ),
            property("X-WR-TIMEZONE", zone.name()),
        ],
        components: Vec::new(),
    };
    let stamp = chrono::Utc.from_utc_datetime(&stamp.and_time(chrono::NaiveTime::MIN));
    let joint = !calendar.parts().is_empty();
    for holiday in holidays {
        let mut summary = holiday.name().to_owned();
        if joint {
            summary.push_str(&format!(" ({})", holiday.calendar()));
        }
        if holiday.is_estimated() {
            summary.push_str(" [estimated]");
        }
        let owner = if holiday.calendar().is_empty() {
            calendar.id()
        } else {
            holiday.calendar()
        };
        let digest = crate::calendar::digest(holiday.name().as_bytes());
        let uid = format!(
            "{}-{}-{}@slacal",
            holiday.date().format("%Y%m%d"),
            owner,
            digest.trim_start_matches("sha256:").get(..8).unwrap_or("0")
        );
        let mut event = icalendar::Event::new();
        event
            .uid(&uid)
            .timestamp(stamp)
            .summary(&summary)
            .starts(holiday.date())
            // The day after is the exclusive end; 2199-12-31 + 1 exists in chrono.
            .ends(holiday.date() + Days::new(1))
            .status(if holiday.is_estimated() {
                icalendar::EventStatus::Tentative
            } else {
                icalendar::EventStatus::Confirmed
            })
            .add_property("TRANSP", "TRANSPARENT");
        if holiday.is_observed() {
            event.description("Observed (substitute) day");
        } else if holiday.is_estimated() {
            event.description("Estimated: the official date is not announced yet and may differ");
        }
        document.components.push(event.done().into());
    }
    document.to_string()
}

/// The longest closure one event may make, in days.
const MAX_EVENT_DAYS: u64 = 366;
/// The most occurrences one recurring event may have (every day of the supported range).
const MAX_OCCURRENCES: usize = 110_000;
/// The most closure days one file may give (nine times every day of the supported range).
const MAX_FILE_CLOSURES: usize = 1_000_000;

/// Reads the all-day events of an iCalendar file as closures (see the [module docs](self)).
/// `name` names the file in messages.
///
/// # Errors
///
/// A data error naming the file and line: for a file that is not iCalendar, a component that
/// is not closed, an event without `SUMMARY` or `DTSTART`, an event with a time of day, a
/// malformed date, duration or recurrence rule.
///
/// # Example
///
/// ```
/// use slacal::holiday::ics::read_closures;
///
/// let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\n\
///             SUMMARY:Winter closure\r\nDTSTART;VALUE=DATE:20261228\r\n\
///             DTEND;VALUE=DATE:20261231\r\nRRULE:FREQ=YEARLY;COUNT=2\r\n\
///             END:VEVENT\r\nEND:VCALENDAR\r\n";
/// let closures = read_closures("ACME.ics", text)?;
/// let days: Vec<String> = closures.iter().map(|h| h.date().to_string()).collect();
/// assert_eq!(days, ["2026-12-28", "2026-12-29", "2026-12-30",
///                   "2027-12-28", "2027-12-29", "2027-12-30"]);
/// assert_eq!(closures[0].name(), "Winter closure");
///
/// let broken = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Retreat\nDTSTART:20260610T090000\nEND:VEVENT\nEND:VCALENDAR\n";
/// let err = read_closures("ACME.ics", broken).unwrap_err().to_string();
/// assert!(err.starts_with("ACME.ics:4: event `Retreat`: DTSTART `20260610T090000` has a time of day"), "{err}");
/// # Ok::<(), slacal::Error>(())
/// ```
pub fn read_closures(name: &str, text: &str) -> Result<Vec<Holiday>, Error> {
    let lines = Lines::new(text);
    let events = lines.check_structure(name)?;
    let unfolded = icalendar::parser::unfold(text);
    let parsed = icalendar::parser::read_calendar(&unfolded).map_err(|message| {
        let (line, what) = lines.nom_error(&message);
        Error::data(format!("not valid iCalendar here ({what})")).context(format!("{name}:{line}"))
    })?;
    let mut closures = Vec::new();
    let mut index = 0;
    for component in &parsed.components {
        if !component.name.as_str().eq_ignore_ascii_case("VEVENT") {
            continue;
        }
        let span = events.get(index).copied().unwrap_or((1, lines.count()));
        index += 1;
        read_event(name, &lines, span, component, &mut closures)?;
        if closures.len() > MAX_FILE_CLOSURES {
            return Err(Error::data(format!(
                "the file closes more than {MAX_FILE_CLOSURES} days; a calendar's closures are \
                 days off, not a schedule"
            ))
            .context(format!("{name}:{}", lines.number(span.0))));
        }
    }
    closures.sort_by_key(Holiday::date);
    Ok(closures)
}

/// The logical (unfolded) lines of a file with the line number each starts on.
struct Lines<'a> {
    lines: Vec<(usize, String)>,
    _text: std::marker::PhantomData<&'a str>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let mut lines: Vec<(usize, String)> = Vec::new();
        for (number, raw) in text.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
                (Some(rest), Some((_, last))) => last.push_str(rest),
                _ => lines.push((number + 1, raw.to_owned())),
            }
        }
        Lines {
            lines,
            _text: std::marker::PhantomData,
        }
    }

    fn count(&self) -> usize {
        self.lines.len()
    }

    /// The line number of a logical line, from 1.
    fn number(&self, index: usize) -> usize {
        self.lines
            .get(index)
            .or(self.lines.last())
            .map_or(1, |(number, _)| *number)
    }

    /// Checks that the file is a `VCALENDAR` whose components open and close in order, and
    /// that every line is a content line; gives the logical line range of each top-level
    /// `VEVENT`.
    fn check_structure(&self, name: &str) -> Result<Vec<(usize, usize)>, Error> {
        let at = |index: usize| format!("{name}:{}", self.number(index));
        let mut stack: Vec<(String, usize)> = Vec::new();
        let mut events = Vec::new();
        let mut seen_calendar = false;
        for (index, (_, line)) in self.lines.iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            if stack.is_empty() {
                if seen_calendar {
                    return Err(Error::data(format!(
                        "`{}` comes after `END:VCALENDAR`",
                        shorten(line)
                    ))
                    .context(at(index)));
                }
                let opens_calendar = line.split_once(':').is_some_and(|(key, value)| {
                    key.trim().eq_ignore_ascii_case("BEGIN")
                        && value.trim().eq_ignore_ascii_case("VCALENDAR")
                });
                if !opens_calendar {
                    return Err(Error::data(format!(
                        "not an iCalendar file: it starts with `{}`, not `BEGIN:VCALENDAR`",
                        shorten(line)
                    ))
                    .context(at(index)));
                }
            }
            let Some((key, value)) = line.split_once(':') else {
                return Err(Error::data(format!(
                    "`{}` is not an iCalendar content line (NAME:VALUE)",
                    shorten(line)
                ))
                .context(at(index)));
            };
            let key = key.split(';').next().unwrap_or(key).trim();
            let value = value.trim().to_ascii_uppercase();
            if key.eq_ignore_ascii_case("BEGIN") {
                if value == "VEVENT" && stack.len() == 1 {
                    events.push((index, index));
                }
                stack.push((value, index));
                seen_calendar = true;
            } else if key.eq_ignore_ascii_case("END") {
                match stack.pop() {
                    Some((open, begin)) if open == value => {
                        if open == "VEVENT"
                            && stack.len() == 1
                            && let Some(last) = events.last_mut()
                        {
                            *last = (begin, index);
                        }
                    }
                    Some((open, begin)) => {
                        return Err(Error::data(format!(
                            "`END:{value}` does not close `BEGIN:{open}` of line {}",
                            self.number(begin)
                        ))
                        .context(at(index)));
                    }
                    None => {
                        return Err(
                            Error::data(format!("`END:{value}` closes nothing")).context(at(index))
                        );
                    }
                }
            }
        }
        if let Some((open, begin)) = stack.last() {
            return Err(Error::data(format!(
                "`BEGIN:{open}` is never closed with `END:{open}` (is the file cut short?)"
            ))
            .context(at(*begin)));
        }
        if !seen_calendar {
            return Err(Error::data("the file is empty: expected `BEGIN:VCALENDAR`")
                .context(name.to_owned()));
        }
        Ok(events)
    }

    /// The first line of `span` (logical lines, both ends included) that holds property `key`.
    fn property_line(&self, span: (usize, usize), key: &str) -> usize {
        let (first, last) = span;
        let found = (first..=last.min(self.lines.len().saturating_sub(1))).find(|&index| {
            let line = &self.lines[index].1;
            line.len() > key.len()
                && line.is_char_boundary(key.len())
                && line[..key.len()].eq_ignore_ascii_case(key)
                && matches!(line.as_bytes()[key.len()], b':' | b';')
        });
        self.number(found.unwrap_or(first))
    }

    /// The line and a short description of a parser error ("at line N" counts logical lines).
    fn nom_error(&self, message: &str) -> (usize, String) {
        let logical = message
            .split("at line ")
            .nth(1)
            .and_then(|rest| {
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<usize>().ok()
            })
            .unwrap_or(1);
        let index = logical.saturating_sub(1);
        let text = self
            .lines
            .get(index)
            .map_or_else(String::new, |(_, line)| shorten(line));
        (self.number(index), format!("`{text}`"))
    }
}

fn shorten(line: &str) -> String {
    let line = line.trim_end();
    if line.chars().count() > 60 {
        format!("{}…", line.chars().take(60).collect::<String>())
    } else {
        line.to_owned()
    }
}

/// One property of a parsed component: its value and parameters.
struct Prop<'c> {
    value: &'c str,
    params: Vec<(String, Option<String>)>,
}

fn props<'c>(component: &'c icalendar::parser::Component<'_>, key: &str) -> Vec<Prop<'c>> {
    component
        .properties
        .iter()
        .filter(|p| p.name.as_str().eq_ignore_ascii_case(key))
        .map(|p| Prop {
            value: p.val.as_str(),
            params: p
                .params
                .iter()
                .map(|param| {
                    (
                        param.key.as_str().to_ascii_uppercase(),
                        param.val.as_ref().map(|v| v.as_str().to_owned()),
                    )
                })
                .collect(),
        })
        .collect()
}

fn read_event(
    name: &str,
    lines: &Lines<'_>,
    span: (usize, usize),
    component: &icalendar::parser::Component<'_>,
    out: &mut Vec<Holiday>,
) -> Result<(), Error> {
    let begin = lines.number(span.0);
    let at = |key: &str| format!("{name}:{}", lines.property_line(span, key));
    let status = props(component, "STATUS");
    if status
        .first()
        .is_some_and(|s| s.value.trim().eq_ignore_ascii_case("CANCELLED"))
    {
        return Ok(());
    }
    let summary = props(component, "SUMMARY")
        .first()
        .map(|p| p.value.trim().to_owned())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Error::data("the event has no `SUMMARY` (the closure's name)")
                .context(format!("{name}:{begin}"))
        })?;
    let event = |key: &str| format!("{}: event `{summary}`", at(key));
    let start_props = props(component, "DTSTART");
    let start = start_props.first().ok_or_else(|| {
        Error::data("the event has no `DTSTART` (its first day)")
            .context(format!("{name}:{begin}: event `{summary}`"))
    })?;
    let start_date = all_day_date("DTSTART", start).map_err(|e| e.context(event("DTSTART")))?;
    let days = match (
        props(component, "DTEND").first(),
        props(component, "DURATION").first(),
    ) {
        (Some(end), _) => {
            let end_date = all_day_date("DTEND", end).map_err(|e| e.context(event("DTEND")))?;
            let days = (end_date - start_date).num_days();
            if days <= 0 {
                return Err(Error::data(format!(
                    "DTEND {end_date} is not after DTSTART {start_date} (DTEND is the first day \
                     after the closure)"
                ))
                .context(event("DTEND")));
            }
            days as u64
        }
        (None, Some(duration)) => {
            parse_days(duration.value).map_err(|e| e.context(event("DURATION")))?
        }
        (None, None) => 1,
    };
    if days > MAX_EVENT_DAYS {
        return Err(Error::data(format!(
            "the event lasts {days} days; a closure of one event lasts at most {MAX_EVENT_DAYS}"
        ))
        .context(event("DTSTART")));
    }
    let mut firsts: Vec<NaiveDate> = vec![start_date];
    let rules = props(component, "RRULE");
    let rdates = props(component, "RDATE");
    let exdates = props(component, "EXDATE");
    if !rules.is_empty() || !rdates.is_empty() {
        firsts = occurrences(start_date, &rules, &rdates, &exdates, &event)?;
    } else if !exdates.is_empty() {
        // EXDATE without a recurrence: it can only remove the one occurrence.
        let excluded = dates_of("EXDATE", &exdates).map_err(|e| e.context(event("EXDATE")))?;
        firsts.retain(|d| !excluded.contains(d));
    }
    let (min, max) = (
        NaiveDate::from_ymd_opt(crate::date32::MIN_YEAR, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(crate::date32::MAX_YEAR, 12, 31).unwrap_or(NaiveDate::MAX),
    );
    if rules.is_empty() && rdates.is_empty() && (start_date < min || start_date > max) {
        return Err(Error::data(format!(
            "DTSTART {start_date} is outside the supported range 1900-01-01 ..= 2199-12-31"
        ))
        .context(event("DTSTART")));
    }
    let name: std::sync::Arc<str> = std::sync::Arc::from(summary.as_str());
    // Occurrences in order; days that overlapping occurrences share are closed once, so an
    // event closes each day of the supported range at most once.
    firsts.sort_unstable();
    let mut next_free = NaiveDate::MIN;
    for first in firsts {
        let Some(end) = first.checked_add_days(Days::new(days)) else {
            continue;
        };
        let mut date = first.max(next_free).max(min);
        while date < end && date <= max {
            out.push(Holiday::new(date, name.clone()));
            let Some(next) = date.succ_opt() else { break };
            date = next;
        }
        next_free = next_free.max(end);
    }
    Ok(())
}

/// The date of an all-day `DTSTART`/`DTEND`/`EXDATE`/`RDATE` value.
fn all_day_date(key: &str, prop: &Prop<'_>) -> Result<NaiveDate, Error> {
    let value = prop.value.trim();
    let declared_date = prop
        .params
        .iter()
        .any(|(k, v)| k == "VALUE" && v.as_deref().is_some_and(|v| v.eq_ignore_ascii_case("DATE")));
    if value.contains(['T', 't']) && !declared_date {
        return Err(Error::data(format!(
            "{key} `{value}` has a time of day: only all-day events (`{key};VALUE=DATE:YYYYMMDD`) \
             close a calendar's days (a closure of part of a day belongs in a policy's \
             `closure` list)"
        )));
    }
    parse_date(value).ok_or_else(|| {
        Error::data(format!(
            "{key} `{value}` is not a date (expected YYYYMMDD, like 20261224)"
        ))
    })
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = value.get(..4)?.parse().ok()?;
    let month = value.get(4..6)?.parse().ok()?;
    let day = value.get(6..8)?.parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The dates of a list of `EXDATE`/`RDATE` properties (comma-separated dates each).
fn dates_of(key: &str, props: &[Prop<'_>]) -> Result<HashSet<NaiveDate>, Error> {
    let mut dates = HashSet::new();
    for prop in props {
        for value in prop.value.split(',') {
            let one = Prop {
                value,
                params: prop.params.clone(),
            };
            dates.insert(all_day_date(key, &one)?);
        }
    }
    Ok(dates)
}

/// A `DURATION` of whole days or weeks (`P3D`, `P1W`).
fn parse_days(value: &str) -> Result<u64, Error> {
    let text = value.trim();
    let bad = || {
        Error::data(format!(
            "DURATION `{text}` is not a whole number of days or weeks (expected like P3D or P1W)"
        ))
    };
    let body = text.strip_prefix('P').ok_or_else(bad)?;
    let (number, unit) = body.split_at(body.len().saturating_sub(1));
    let n: u64 = number.parse().map_err(|_| bad())?;
    let days = match unit {
        "D" => n,
        "W" => n.checked_mul(7).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if days == 0 {
        return Err(bad());
    }
    Ok(days)
}

/// The first days of the occurrences of a recurring event, expanded up to 2199.
fn occurrences(
    start: NaiveDate,
    rules: &[Prop<'_>],
    rdates: &[Prop<'_>],
    exdates: &[Prop<'_>],
    event: &dyn Fn(&str) -> String,
) -> Result<Vec<NaiveDate>, Error> {
    let utc =
        |date: NaiveDate| rrule::Tz::UTC.from_utc_datetime(&date.and_time(chrono::NaiveTime::MIN));
    let mut set = rrule::RRuleSet::new(utc(start)).limit();
    for rule in rules {
        let text = all_day_until(rule.value.trim());
        let parsed: rrule::RRule<rrule::Unvalidated> =
            text.parse().map_err(|e: rrule::RRuleError| {
                Error::data(format!(
                    "RRULE `{}` is not a valid recurrence rule: {e}",
                    rule.value.trim()
                ))
                .context(event("RRULE"))
            })?;
        let validated = parsed.validate(utc(start)).map_err(|e| {
            Error::data(format!(
                "RRULE `{}` is not a valid recurrence rule: {e}",
                rule.value.trim()
            ))
            .context(event("RRULE"))
        })?;
        set = set.rrule(validated);
    }
    for date in dates_of("RDATE", rdates).map_err(|e| e.context(event("RDATE")))? {
        set = set.rdate(utc(date));
    }
    // Without a rule, the start itself is an occurrence next to the RDATEs.
    if rules.is_empty() {
        set = set.rdate(utc(start));
    }
    let excluded = dates_of("EXDATE", exdates).map_err(|e| e.context(event("EXDATE")))?;
    let end = NaiveDate::from_ymd_opt(crate::date32::MAX_YEAR, 12, 31).unwrap_or(NaiveDate::MAX);
    let mut firsts: Vec<NaiveDate> = set
        .into_iter()
        .map(|occurrence| occurrence.date_naive())
        .take_while(|date| *date <= end)
        .take(MAX_OCCURRENCES)
        .filter(|date| !excluded.contains(date))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    Ok(firsts)
}

/// An RRULE whose `UNTIL` is a date (as RFC 5545 wants with an all-day `DTSTART`), with the
/// end of that day in UTC instead: occurrences are computed at midnight UTC.
fn all_day_until(rule: &str) -> String {
    let mut out = String::with_capacity(rule.len() + 8);
    for (i, part) in rule.split(';').enumerate() {
        if i > 0 {
            out.push(';');
        }
        match part.split_once('=') {
            Some((key, value))
                if key.eq_ignore_ascii_case("UNTIL") && parse_date(value.trim()).is_some() =>
            {
                let _ = write!(out, "{key}={}T235959Z", value.trim());
            }
            Some((key, value))
                if key.eq_ignore_ascii_case("UNTIL")
                    && value.len() == 15
                    && parse_date(&value[..8]).is_some() =>
            {
                // A floating date-time: its date.
                let _ = write!(out, "{key}={}T235959Z", &value[..8]);
            }
            _ => out.push_str(part),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ics(events: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{events}END:VCALENDAR\r\n")
    }

    fn dates(closures: &[Holiday]) -> Vec<String> {
        closures.iter().map(|h| h.date().to_string()).collect()
    }

    #[test]
    fn yearly_rules_with_until_and_exdate_expand() {
        let text = ics("BEGIN:VEVENT\r\nSUMMARY:Company day\\, closed\r\n\
                        DTSTART;VALUE=DATE:20261224\r\nRRULE:FREQ=YEARLY;UNTIL=20301224\r\n\
                        EXDATE;VALUE=DATE:20281224,20291224\r\nEND:VEVENT\r\n");
        let closures = read_closures("x.ics", &text).unwrap();
        assert_eq!(dates(&closures), ["2026-12-24", "2027-12-24", "2030-12-24"]);
        assert_eq!(closures[0].name(), "Company day, closed");
    }

    #[test]
    fn an_unbounded_yearly_rule_runs_to_2199() {
        let text = ics(
            "BEGIN:VEVENT\r\nSUMMARY:Founders' Day\r\nDTSTART;VALUE=DATE:19950301\r\n\
                        RRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n",
        );
        let closures = read_closures("x.ics", &text).unwrap();
        assert_eq!(closures.len(), 2199 - 1995 + 1);
        assert_eq!(closures.last().unwrap().date().to_string(), "2199-03-01");
        // The n-th weekday form: the last Friday of June.
        let text = ics(
            "BEGIN:VEVENT\r\nSUMMARY:Summer party\r\nDTSTART;VALUE=DATE:20260626\r\n\
                        RRULE:FREQ=YEARLY;BYMONTH=6;BYDAY=-1FR;COUNT=3\r\nEND:VEVENT\r\n",
        );
        let closures = read_closures("x.ics", &text).unwrap();
        assert_eq!(dates(&closures), ["2026-06-26", "2027-06-25", "2028-06-30"]);
    }

    #[test]
    fn durations_rdates_and_cancelled_events() {
        let text = ics(
            "BEGIN:VEVENT\r\nSUMMARY:Stocktake\r\nDTSTART;VALUE=DATE:20260105\r\n\
                        DURATION:P2D\r\nRDATE;VALUE=DATE:20260706\r\nEND:VEVENT\r\n\
                        BEGIN:VEVENT\r\nSUMMARY:Off-site\r\nSTATUS:CANCELLED\r\n\
                        DTSTART;VALUE=DATE:20260301\r\nEND:VEVENT\r\n",
        );
        let closures = read_closures("x.ics", &text).unwrap();
        assert_eq!(
            dates(&closures),
            ["2026-01-05", "2026-01-06", "2026-07-06", "2026-07-07"]
        );
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases = [
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART;VALUE=DATE:20260101\n",
                "x.ics:2: `BEGIN:VEVENT` is never closed with `END:VEVENT` (is the file cut short?)",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VCALENDAR\n",
                "x.ics:4: `END:VCALENDAR` does not close `BEGIN:VEVENT` of line 2",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nDTSTART20260101\nEND:VEVENT\nEND:VCALENDAR\n",
                "x.ics:4: `DTSTART20260101` is not an iCalendar content line (NAME:VALUE)",
            ),
            (
                "name,date\nx,2026-01-01\n",
                "x.ics:1: not an iCalendar file: it starts with `name,date`, not `BEGIN:VCALENDAR`",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nEND:VEVENT\nEND:VCALENDAR\n",
                "x.ics:2: the event has no `SUMMARY` (the closure's name)",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Gone\nDTSTART;VALUE=DATE:20261301\nEND:VEVENT\nEND:VCALENDAR\n",
                "x.ics:4: event `Gone`: DTSTART `20261301` is not a date (expected YYYYMMDD, like 20261224)",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Loop\nDTSTART;VALUE=DATE:20260101\n\
                 RRULE:FREQ=SOMETIMES\nEND:VEVENT\nEND:VCALENDAR\n",
                "x.ics:5: event `Loop`: RRULE `FREQ=SOMETIMES` is not a valid recurrence rule",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:Back\nDTSTART;VALUE=DATE:20260105\n\
                 DTEND;VALUE=DATE:20260105\nEND:VEVENT\nEND:VCALENDAR\n",
                "x.ics:5: event `Back`: DTEND 2026-01-05 is not after DTSTART 2026-01-05",
            ),
        ];
        for (text, want) in cases {
            let err = read_closures("x.ics", text).unwrap_err().to_string();
            assert!(err.starts_with(want), "{err}\nwant: {want}");
        }
        // Line numbers count the file's lines, folded lines included.
        let folded = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:A long\r\n  name\r\n\
                      DTSTART:20260101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let err = read_closures("x.ics", folded).unwrap_err().to_string();
        assert!(
            err.starts_with("x.ics:5: event `A long name`: DTSTART"),
            "{err}"
        );
    }

    /// A closures file, edited at random: reading it never panics, and what it reads lies in
    /// the supported range and round-trips through the writer.
    mod edited {
        use super::*;
        use proptest::prelude::*;

        const BASE: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Closure\\, one\r\n\
                            DTSTART;VALUE=DATE:20261228\r\nDTEND;VALUE=DATE:20261231\r\n\
                            RRULE:FREQ=YEARLY;UNTIL=20301228;BYMONTH=12\r\n\
                            EXDATE;VALUE=DATE:20281228\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n\
                            SUMMARY:Two\r\nDTSTART:20270105\r\nDURATION:P2D\r\n\
                            RDATE;VALUE=DATE:21991231\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        const PIECES: [&str; 16] = [
            "\r\n",
            "\r\n ",
            ":",
            ";",
            "=",
            ",",
            "T",
            "Z",
            "0",
            "9",
            "BEGIN:VEVENT",
            "END:VEVENT",
            "RRULE:FREQ=DAILY",
            "COUNT=",
            "P",
            "\\",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn never_panics_and_round_trips(
                edits in proptest::collection::vec((0usize..400, 0usize..3, 0usize..PIECES.len()), 1..6)
            ) {
                let mut text = BASE.to_owned();
                for (at, kind, piece) in edits {
                    let mut at = at % (text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    match kind {
                        0 => text.insert_str(at, PIECES[piece]),
                        1 => {
                            let end = (at + 1 + piece).min(text.len());
                            if text.is_char_boundary(end) {
                                text.replace_range(at..end, "");
                            }
                        }
                        _ => text.truncate(at),
                    }
                }
                let Ok(closures) = read_closures("x.ics", &text) else {
                    return Ok(());
                };
                let calendar = Calendar::builder("XX").holidays(closures.iter().cloned()).build();
                prop_assert!(calendar.is_ok());
                let calendar = calendar.unwrap();
                prop_assert_eq!(calendar.holidays().len(), {
                    let mut keys: Vec<_> = closures.iter().map(|h| (h.date(), h.name().to_owned())).collect();
                    keys.sort();
                    keys.dedup();
                    keys.len()
                });
                let written = to_ics(&calendar, Tz::UTC, calendar.holidays(), NaiveDate::MIN);
                let back = read_closures("XX.ics", &written);
                prop_assert!(back.is_ok(), "{:?}", back);
                let key = |h: &Holiday| (h.date(), h.name().to_owned());
                let mut want: Vec<_> = calendar.holidays().iter().map(key).collect();
                let mut got: Vec<_> = back.unwrap().iter().map(key).collect();
                want.sort();
                got.sort();
                prop_assert_eq!(want, got);
            }
        }
    }

    #[test]
    fn exported_lines_are_folded_at_75_octets_with_crlf() {
        let calendar = Calendar::builder("XX")
            .name("A calendar whose name is long enough to need folding, ünïcödé included, twice over")
            .years(2026, 2026)
            .holiday(Holiday::new(
                NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or(NaiveDate::MIN),
                "A holiday with a very long name, to be folded: ünïcödé ünïcödé ünïcödé ünïcödé",
            ))
            .build()
            .unwrap();
        let text = to_ics(&calendar, Tz::UTC, calendar.holidays(), NaiveDate::MIN);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n'));
        }
        assert!(text.contains("\r\n "), "a line was folded");
        // What it writes reads back as the same closures.
        let back = read_closures("XX.ics", &text).unwrap();
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].name(), calendar.holidays()[0].name());
        assert_eq!(back[0].date(), calendar.holidays()[0].date());
    }

    /// The example the documentation of `calendar_of_file` gave.
    #[test]
    fn the_example_of_calendar_of_file() {
        assert_eq!(calendar_of_file("acme.ics").as_deref(), Some("ACME"));
        assert_eq!(
            calendar_of_file("us-ca.closures-2027.ics").as_deref(),
            Some("US-CA")
        );
        assert_eq!(calendar_of_file("my closures.ics"), None);
    }
}
