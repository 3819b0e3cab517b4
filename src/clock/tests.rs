//! Working-time arithmetic against a day-by-day reference, and named DST transitions.

use chrono::{NaiveDate, Weekday, WeekdaySet};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::*;
use crate::calendar::date32;
use crate::{Calendar, Holiday, StartRule};

fn zone(name: &str) -> Tz {
    name.parse().unwrap()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn at(text: &str) -> Instant {
    Instant::parse(text).unwrap()
}

fn span(text: &str) -> TimeSpan {
    text.parse().unwrap()
}

/// A calendar on which every day is a business day (run in a zone, DST days are business days).
fn every_day() -> Calendar {
    Calendar::builder("EVERY")
        .years(2020, 2030)
        .weekend(WeekdaySet::EMPTY)
        .build()
        .unwrap()
}

/// The reference: working seconds in `[a, b)`, summed day by day over the spans.
fn reference(schedule: &Schedule, a: Instant, b: Instant) -> i64 {
    let mut total = 0;
    for day in schedule.day_of(a)..=schedule.day_of(b) {
        for s in schedule.spans_on_day(day).unwrap() {
            let start = schedule.boundary(day, s.start()).unwrap().max(a);
            let end = schedule.boundary(day, s.end()).unwrap().min(b);
            total += (end.unix_seconds() - start.unix_seconds()).max(0);
        }
    }
    total
}

#[test]
fn us_spring_forward_2026_03_08() {
    // At 02:00 PST on Sunday 2026-03-08 the clocks in Los Angeles jump to 03:00 PDT, so the
    // day is 23 hours long: open all day, it has 23 hours of working time.
    let schedule = Schedule::new(every_day(), zone("America/Los_Angeles"));
    let day_start = schedule.start_of_day(date("2026-03-08")).unwrap();
    let next = schedule.start_of_day(date("2026-03-09")).unwrap();
    assert_eq!(
        day_start.rfc3339(schedule.time_zone()).to_string(),
        "2026-03-08T00:00:00-08:00"
    );
    assert_eq!(
        next.rfc3339(schedule.time_zone()).to_string(),
        "2026-03-09T00:00:00-07:00"
    );
    assert_eq!(
        schedule
            .working_time_between(day_start, next)
            .unwrap()
            .seconds(),
        23 * 3600
    );
    // 24 working hours from the start of the day end at 01:00 the next day.
    let due = schedule
        .add_working_time(day_start, WorkingTime::from_seconds(24 * 3600))
        .unwrap();
    assert_eq!(
        due.rfc3339(schedule.time_zone()).to_string(),
        "2026-03-09T01:00:00-07:00"
    );
    // Naive times in the gap: 02:30 does not exist.
    let gap = date("2026-03-08").and_hms_opt(2, 30, 0).unwrap();
    let text = |rule| {
        to_instant(schedule.time_zone(), gap, rule)
            .unwrap()
            .rfc3339(schedule.time_zone())
            .to_string()
    };
    assert_eq!(
        text(Disambiguation::Compatible),
        "2026-03-08T03:30:00-07:00"
    );
    assert_eq!(text(Disambiguation::Later), "2026-03-08T03:30:00-07:00");
    assert_eq!(text(Disambiguation::Earlier), "2026-03-08T01:30:00-08:00");
    assert_eq!(
        text(Disambiguation::FirstReached),
        "2026-03-08T03:00:00-07:00"
    );
    assert_eq!(
        to_instant(schedule.time_zone(), gap, Disambiguation::Reject)
            .unwrap_err()
            .to_string(),
        "local time `2026-03-08T02:30:00` does not exist in America/Los_Angeles (the clocks moved forward)"
    );
}

#[test]
fn us_fall_back_2026_11_01() {
    // At 02:00 PDT on Sunday 2026-11-01 the clocks go back to 01:00 PST: a 25-hour day, and
    // 01:30 happens twice.
    let schedule = Schedule::new(every_day(), zone("America/Los_Angeles"));
    let tz = schedule.time_zone();
    let day_start = schedule.start_of_day(date("2026-11-01")).unwrap();
    let next = schedule.start_of_day(date("2026-11-02")).unwrap();
    assert_eq!(
        schedule
            .working_time_between(day_start, next)
            .unwrap()
            .seconds(),
        25 * 3600
    );
    let fold = date("2026-11-01").and_hms_opt(1, 30, 0).unwrap();
    let text = |rule| to_instant(tz, fold, rule).unwrap().rfc3339(tz).to_string();
    assert_eq!(
        text(Disambiguation::Compatible),
        "2026-11-01T01:30:00-07:00"
    );
    assert_eq!(text(Disambiguation::Earlier), "2026-11-01T01:30:00-07:00");
    assert_eq!(
        text(Disambiguation::FirstReached),
        "2026-11-01T01:30:00-07:00"
    );
    assert_eq!(text(Disambiguation::Later), "2026-11-01T01:30:00-08:00");
    assert!(
        to_instant(tz, fold, Disambiguation::Reject)
            .unwrap_err()
            .to_string()
            .contains("happens twice in America/Los_Angeles")
    );
    // The close of Saturday 2026-10-31 is the midnight that ends it, still in PDT.
    let close = schedule.close(date("2026-10-31")).unwrap();
    assert_eq!(close.rfc3339(tz).to_string(), "2026-11-01T00:00:00-07:00");
}

#[test]
fn eu_spring_forward_2026_03_29_leaves_office_hours_at_eight_hours() {
    // Europe/Berlin moves from 02:00 CET to 03:00 CEST on Sunday 2026-03-29. With 09:00-17:00
    // every day, that day still has 8 hours, 09:00 to 17:00 local.
    let hours = WeeklyHours::all_day();
    let hours = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .fold(hours, |h, d| h.day(d, &[span("09:00-17:00")]).unwrap());
    let schedule = Schedule::builder(every_day(), zone("Europe/Berlin"))
        .hours(hours)
        .build()
        .unwrap();
    let tz = schedule.time_zone();
    let saturday_noon = at("2026-03-28T12:00:00+01:00");
    let monday_noon = at("2026-03-30T12:00:00+02:00");
    // Saturday 12-17 (5h), Sunday 09-17 (8h), Monday 09-12 (3h).
    assert_eq!(
        schedule
            .working_time_between(saturday_noon, monday_noon)
            .unwrap()
            .seconds(),
        16 * 3600
    );
    let due = schedule
        .add_working_time(saturday_noon, WorkingTime::from_seconds(13 * 3600))
        .unwrap();
    // Budget running out at the end of a span gives that end, not the next opening.
    assert_eq!(due.rfc3339(tz).to_string(), "2026-03-29T17:00:00+02:00");
    assert_eq!(
        schedule
            .close(date("2026-03-29"))
            .unwrap()
            .rfc3339(tz)
            .to_string(),
        "2026-03-29T17:00:00+02:00"
    );
}

#[test]
fn us_spring_forward_2026_03_08_span_starting_in_the_gap_opens_at_the_gap_end() {
    // A span 02:30-05:00 on the day 02:00 jumps to 03:00 opens at 03:00: two hours.
    let schedule = Schedule::builder(every_day(), zone("America/Los_Angeles"))
        .day_hours(date("2026-03-08"), &[span("02:30-05:00")], "night shift")
        .build()
        .unwrap();
    let day_start = schedule.start_of_day(date("2026-03-08")).unwrap();
    let next = schedule.start_of_day(date("2026-03-09")).unwrap();
    assert_eq!(
        schedule
            .working_time_between(day_start, next)
            .unwrap()
            .seconds(),
        2 * 3600
    );
    assert_eq!(reference(&schedule, day_start, next), 2 * 3600);
}

#[test]
fn chile_spring_forward_2026_09_06_at_midnight() {
    // America/Santiago moves from 00:00 -04 to 01:00 -03 on Sunday 2026-09-06: local midnight
    // does not exist, the day starts at 01:00 and is 23 hours long; Saturday closes at that
    // instant.
    let schedule = Schedule::new(every_day(), zone("America/Santiago"));
    let tz = schedule.time_zone();
    let close = schedule.close(date("2026-09-05")).unwrap();
    assert_eq!(close.rfc3339(tz).to_string(), "2026-09-06T01:00:00-03:00");
    let start = schedule.start_of_day(date("2026-09-06")).unwrap();
    assert_eq!(start, close);
    let end = schedule.start_of_day(date("2026-09-07")).unwrap();
    assert_eq!(
        schedule.working_time_between(start, end).unwrap().seconds(),
        23 * 3600
    );
    // And on 2026-04-04 the clocks went back from 00:00 -03 to 23:00 -04: a 25-hour Saturday.
    let saturday = schedule.start_of_day(date("2026-04-04")).unwrap();
    let sunday = schedule.start_of_day(date("2026-04-05")).unwrap();
    assert_eq!(sunday.rfc3339(tz).to_string(), "2026-04-05T00:00:00-04:00");
    assert_eq!(
        schedule
            .working_time_between(saturday, sunday)
            .unwrap()
            .seconds(),
        25 * 3600
    );
}

#[test]
fn closures_date_hours_and_cutoff() {
    // Hours 09:00-12:00 and 13:00-17:00 on weekdays; Christmas Eve 2026 closes at 13:00; an
    // all-hands meeting closes 14:00-16:00 on Wednesday 2026-06-10; cutoff 16:00.
    let us = Calendar::builtin("US").unwrap();
    let schedule = Schedule::builder(us, zone("America/New_York"))
        .hours(
            WeeklyHours::none()
                .weekdays(&[span("09:00-12:00"), span("13:00-17:00")])
                .unwrap(),
        )
        .day_hours(
            date("2026-12-24"),
            &[span("09:00-13:00")],
            "Christmas Eve: early close",
        )
        .closure(date("2026-06-10"), span("14:00-16:00"), "all-hands meeting")
        .cutoff("16:00".parse().unwrap())
        .build()
        .unwrap();
    let tz = schedule.time_zone();
    assert_eq!(
        schedule.hours_on(date("2026-06-10")).unwrap(),
        [
            span("09:00-12:00"),
            span("13:00-14:00"),
            span("16:00-17:00")
        ]
    );
    assert_eq!(schedule.hours_on(date("2026-12-25")).unwrap(), []);
    assert_eq!(
        schedule
            .close(date("2026-12-24"))
            .unwrap()
            .rfc3339(tz)
            .to_string(),
        "2026-12-24T13:00:00-05:00"
    );
    // Wednesday 2026-06-10: 3h + 1h + 1h = 5h.
    let from = at("2026-06-10T00:00:00-04:00");
    let to = at("2026-06-11T00:00:00-04:00");
    assert_eq!(
        schedule.working_time_between(from, to).unwrap().seconds(),
        5 * 3600
    );
    // Week of Christmas 2026: Mon 21 to Wed 23 are full days (7h each), Thu 24 has 4h, Fri 25
    // is Christmas Day: 25h from Monday 00:00 to Saturday 00:00.
    let monday = at("2026-12-21T00:00:00-05:00");
    let saturday = at("2026-12-26T00:00:00-05:00");
    assert_eq!(
        schedule
            .working_time_between(monday, saturday)
            .unwrap()
            .seconds(),
        25 * 3600
    );
    assert_eq!(reference(&schedule, monday, saturday), 25 * 3600);
    // The cutoff: a start at 16:30 counts from the next day (the next business day, rolling
    // forward).
    let late = at("2026-06-10T16:30:00-04:00");
    assert_eq!(schedule.day_zero(late).unwrap(), date("2026-06-11"));
    assert_eq!(
        schedule
            .day_zero_reason(late, StartRule::NextDay)
            .unwrap()
            .as_deref(),
        Some("the start was after the cutoff 16:00")
    );
    // Friday 2026-06-12 after the cutoff: the next day is Saturday, or, rolling forward,
    // Monday.
    let friday = at("2026-06-12T16:30:00-04:00");
    assert_eq!(schedule.day_zero(friday).unwrap(), date("2026-06-13"));
    assert_eq!(
        schedule
            .day_zero_with(friday, StartRule::RollForward)
            .unwrap(),
        date("2026-06-15")
    );
    // A Saturday start is day 0 itself, or, rolling forward, Monday; before the cutoff or not.
    let saturday = at("2026-06-13T10:00:00-04:00");
    assert_eq!(schedule.day_zero(saturday).unwrap(), date("2026-06-13"));
    assert_eq!(
        schedule
            .day_zero_reason(saturday, StartRule::NextDay)
            .unwrap(),
        None
    );
    assert_eq!(
        schedule
            .day_zero_reason(saturday, StartRule::RollForward)
            .unwrap()
            .as_deref(),
        Some("the start day is not a business day (weekend)")
    );
    assert_eq!(
        schedule
            .working_start(late)
            .unwrap()
            .rfc3339(tz)
            .to_string(),
        "2026-06-11T00:00:00-04:00"
    );
    // At the cutoff exactly is not after it.
    assert_eq!(
        schedule.day_zero(at("2026-06-10T16:00:00-04:00")).unwrap(),
        date("2026-06-10")
    );
}

#[test]
fn schedule_errors_name_the_day_and_the_fix() {
    let us = || Calendar::builtin("US").unwrap();
    let message = |builder: ScheduleBuilder| builder.build().unwrap_err().to_string();
    assert_eq!(
        message(Schedule::builder(us(), zone("America/New_York")).day_hours(
            date("2026-11-26"),
            &[span("09:00-12:00")],
            "x"
        )),
        "hours are given on 2026-11-26, which is not a business day of calendar `US` \
         (Thanksgiving Day (US))"
    );
    assert_eq!(
        message(
            Schedule::builder(us(), zone("America/New_York")).hours(
                WeeklyHours::none()
                    .day(Weekday::Mon, &[span("09:00-17:00")])
                    .unwrap()
            )
        ),
        "the hours give no span on tue, a working weekday of calendar `US` (from 1971-01-01); \
         give hours for tue"
    );
    assert_eq!(
        message(Schedule::builder(us(), zone("America/New_York")).closure(
            date("2026-06-10"),
            span("00:00-24:00"),
            "outage"
        )),
        "closure `outage` (00:00-24:00) on 2026-06-10 closes the whole day (a closed day is a \
         holiday: add it to a calendar file)"
    );
    let hours = WeeklyHours::none()
        .weekdays(&[span("09:00-17:00")])
        .unwrap();
    assert_eq!(
        message(
            Schedule::builder(us(), zone("America/New_York"))
                .hours(hours)
                .closure(date("2026-06-10"), span("18:00-19:00"), "party")
        ),
        "closure `party` (18:00-19:00) on 2026-06-10 is outside that day's hours (09:00-17:00)"
    );
    // A declared working Saturday needs hours when the weekly hours have none for Saturdays.
    let working = Calendar::builder("MAKEUP")
        .years(2025, 2026)
        .working_day(crate::WorkingDay::new(date("2025-09-27"), "make-up day"))
        .build()
        .unwrap();
    let hours = WeeklyHours::none()
        .weekdays(&[span("09:00-17:00")])
        .unwrap();
    assert_eq!(
        message(Schedule::builder(working.clone(), chrono_tz::Tz::UTC).hours(hours.clone())),
        "2025-09-27 is a working day of calendar `MAKEUP` (make-up day) but the hours give no \
         span on sat; give hours for that date"
    );
    let schedule = Schedule::builder(working, chrono_tz::Tz::UTC)
        .hours(hours)
        .day_hours(
            date("2025-09-27"),
            &[span("10:00-14:00")],
            "working Saturday",
        )
        .build()
        .unwrap();
    assert_eq!(
        schedule.hours_on(date("2025-09-27")).unwrap(),
        [span("10:00-14:00")]
    );
}

#[test]
fn out_of_range_is_an_error_not_a_panic() {
    let schedule = Schedule::new(Calendar::builtin("US").unwrap(), zone("America/New_York"));
    let early = at("1960-01-04T12:00:00Z");
    assert!(schedule.day_zero(early).unwrap_err().is_range());
    assert!(
        schedule
            .working_time_between(early, at("2026-01-01T00:00:00Z"))
            .unwrap_err()
            .is_range()
    );
    let late = at("2199-12-30T12:00:00Z");
    let err = schedule
        .add_working_time(late, WorkingTime::from_seconds(10 * 86_400))
        .unwrap_err();
    assert!(err.is_range(), "{err}");
    assert!(
        schedule
            .business_day_deadline(late, 5)
            .unwrap_err()
            .is_range()
    );
    assert!(
        schedule
            .business_day_deadline(at("2026-01-05T12:00:00Z"), -1)
            .is_err()
    );
}

fn weekday_set(bits: u8) -> WeekdaySet {
    let mut set = WeekdaySet::EMPTY;
    for i in 0..7 {
        if bits >> i & 1 == 1 {
            set.insert(crate::calendar::weekday_from_index(i));
        }
    }
    set
}

const ZONES: [&str; 6] = [
    "UTC",
    "America/Los_Angeles",
    "Europe/Berlin",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
];

const HOURS: [&[&str]; 4] = [
    &["00:00-24:00"],
    &["09:00-17:00"],
    &["01:30-02:30", "09:00-12:00", "13:00-17:30"],
    &["00:00-03:00", "22:00-24:00"],
];

#[derive(Debug, Clone)]
struct Setup {
    weekend: u8,
    holidays: Vec<u16>,
    zone: usize,
    hours: usize,
    friday: usize,
    closures: Vec<(u16, usize)>,
}

fn setups() -> impl Strategy<Value = Setup> {
    (
        0u8..0x7f,
        prop::collection::vec(0u16..1100, 0..40),
        0..ZONES.len(),
        0..HOURS.len(),
        0..HOURS.len(),
        prop::collection::vec((0u16..1100, 0..3usize), 0..10),
    )
        .prop_map(|(weekend, holidays, zone, hours, friday, closures)| Setup {
            weekend,
            holidays,
            zone,
            hours,
            friday,
            closures,
        })
}

impl Setup {
    fn schedule(&self) -> Schedule {
        let first = date32::from_civil(2025, 1, 1);
        let day = |offset: u16| date32::to_naive(first + i32::from(offset)).unwrap();
        let calendar = Calendar::builder("PROP")
            .years(2025, 2028)
            .weekend(weekday_set(self.weekend))
            .holidays(
                self.holidays
                    .iter()
                    .map(|&o| Holiday::new(day(o), "holiday")),
            )
            .build()
            .unwrap();
        let spans = |i: usize| -> Vec<TimeSpan> { HOURS[i].iter().map(|s| span(s)).collect() };
        let mut hours = WeeklyHours::none();
        for index in 0..7 {
            let weekday = crate::calendar::weekday_from_index(index);
            let which = if weekday == Weekday::Fri {
                self.friday
            } else {
                self.hours
            };
            hours = hours.day(weekday, &spans(which)).unwrap();
        }
        let closures = ["10:00-11:00", "16:00-17:00", "02:00-02:15"];
        let mut builder = Schedule::builder(calendar.clone(), zone(ZONES[self.zone])).hours(hours);
        let mut seen = Vec::new();
        for &(offset, which) in &self.closures {
            let date = day(offset);
            if seen.contains(&date) || !calendar.is_business_day(date).unwrap() {
                continue;
            }
            let closed = span(closures[which]);
            let open = schedule_spans(&builder, date);
            let left = super::hours::subtract(&open, closed);
            if left.is_empty() || left == open {
                continue;
            }
            seen.push(date);
            builder = builder.closure(date, closed, "closure");
        }
        builder.build().unwrap()
    }
}

fn schedule_spans(builder: &ScheduleBuilder, date: NaiveDate) -> Vec<TimeSpan> {
    let schedule = builder.clone().build().unwrap();
    schedule.hours_on(date).unwrap().to_vec()
}

fn instant_in(offset: u32) -> Instant {
    // Seconds from 2025-01-02T00:00:00Z, within about three years: inside the covered years
    // in every zone (2025-01-01T00:00:00Z is still 2024 west of UTC).
    Instant::from_unix_seconds(1_735_776_000 + i64::from(offset)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn working_time_matches_the_day_by_day_reference(
        setup in setups(),
        a in 0u32..90_000_000,
        b in 0u32..90_000_000,
        c in 0u32..90_000_000,
    ) {
        let schedule = setup.schedule();
        let (a, b, c) = (instant_in(a), instant_in(b), instant_in(c));
        let (lo, hi) = (a.min(b), a.max(b));
        let between = schedule.working_time_between(lo, hi).unwrap().seconds();
        prop_assert_eq!(between, reference(&schedule, lo, hi));
        // Antisymmetric and additive.
        prop_assert_eq!(schedule.working_time_between(hi, lo).unwrap().seconds(), -between);
        let ab = schedule.working_time_between(a, b).unwrap().seconds();
        let bc = schedule.working_time_between(b, c).unwrap().seconds();
        prop_assert_eq!(ab + bc, schedule.working_time_between(a, c).unwrap().seconds());
    }

    #[test]
    fn adding_working_time_lands_on_the_first_instant_that_has_it(
        setup in setups(),
        a in 0u32..60_000_000,
        hours in 0i64..400,
        seconds in 0i64..3600,
    ) {
        let schedule = setup.schedule();
        let a = instant_in(a);
        let amount = hours * 3600 + seconds;
        let due = schedule.add_working_time(a, WorkingTime::from_seconds(amount)).unwrap();
        prop_assert!(due >= a);
        prop_assert_eq!(schedule.working_time_between(a, due).unwrap().seconds(), amount);
        if amount > 0 {
            let before = due.checked_add_seconds(-1).unwrap();
            prop_assert!(schedule.working_time_between(a, before).unwrap().seconds() < amount);
        }
    }
}

#[test]
fn issue_9_business_hours_answer_on_2199_12_31() {
    // Hours to midnight: the close of the last supported day is 2200-01-01T00:00 local, an
    // instant even though 2200-01-01 is not a supported date.
    let evening = WeeklyHours::none()
        .weekdays(&[TimeSpan::new(
            TimeOfDay::from_hms(18, 0, 0).unwrap(),
            TimeOfDay::END_OF_DAY,
        )
        .unwrap()])
        .unwrap();
    let zone: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap();
    let schedule = Schedule::builder(Calendar::builtin("US").unwrap(), zone)
        .hours(evening)
        .build()
        .unwrap();
    let start = at("2199-12-31T19:00:00-08:00");
    let deadline = schedule
        .add_working_time(start, WorkingTime::from_seconds(4 * 3600))
        .unwrap();
    assert_eq!(
        deadline.rfc3339(zone).to_string(),
        "2199-12-31T23:00:00-08:00"
    );
    assert_eq!(
        schedule
            .working_time_between(start, at("2199-12-31T20:00:00-08:00"))
            .unwrap(),
        WorkingTime::from_seconds(3600)
    );
    let close = schedule
        .close(chrono::NaiveDate::from_ymd_opt(2199, 12, 31).unwrap())
        .unwrap();
    assert_eq!(close.rfc3339(zone).to_string(), "2200-01-01T00:00:00-08:00");
    // Past the last day, a clean range error.
    let err = schedule
        .add_working_time(start, WorkingTime::from_seconds(6 * 3600))
        .unwrap_err();
    assert!(err.is_range(), "{err}");
    // Without hours, the close of 2199-12-31 is its local midnight.
    let plain = Schedule::new(
        Calendar::builtin("US").unwrap(),
        chrono_tz::America::New_York,
    );
    let (due, deadline) = plain
        .business_day_deadline(at("2199-12-30T12:00:00Z"), 1)
        .unwrap();
    assert_eq!(due.to_string(), "2199-12-31");
    assert_eq!(
        deadline.rfc3339(plain.time_zone()).to_string(),
        "2200-01-01T00:00:00-05:00"
    );
}

/// Zones with daylight saving time, half-hour and odd offsets, and changes of their rules.
const ODD_ZONES: [&str; 6] = [
    "America/Los_Angeles",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "America/Santiago",
    "Pacific/Apia",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The schedule's local days go through the per-thread cache of offsets: they are the
    /// uncached conversion's, in zones with daylight saving time, half-hour and odd offsets,
    /// around the year and before and after changes of the zone's rules (issue 14).
    #[test]
    fn issue_14_cached_local_days_are_the_uncached_ones(
        zone_index in 0..ODD_ZONES.len(),
        seconds in -2_208_988_800i64..7_258_118_400,
        repeat in 0usize..3,
    ) {
        let name = ODD_ZONES[zone_index];
        let schedule = Schedule::new(every_day(), zone(name));
        // Near the instant too, so that the second and later lookups read the cache.
        for step in 0..=repeat as i64 {
            let instant = Instant::from_secs_unchecked(seconds + step * 1_800);
            let expected = instant.local_date(zone(name));
            prop_assert_eq!(schedule.local_date(instant), expected, "{}", name);
            prop_assert_eq!(schedule.day_of(instant), date32::from_naive(expected), "{}", name);
        }
    }

    /// RFC 3339 text written digit by digit through the cache of offsets is chrono's text,
    /// with and without fractions of a second, in zones with daylight saving time, half-hour
    /// and odd offsets, and before 1900 where offsets have seconds (issue 14).
    #[test]
    fn issue_14_instants_written_fast_are_written_as_chrono_writes_them(
        zone_index in 0..ODD_ZONES.len(),
        seconds in -2_500_000_000i64..7_400_000_000,
        nanos in prop_oneof![Just(0u32), Just(250_000_000), 0u32..1_000_000_000],
    ) {
        let name = ODD_ZONES[zone_index];
        let instant = Instant::from_seconds_and_nanos(seconds, nanos).unwrap();
        let text = instant.rfc3339(zone(name));
        let mut expected = String::new();
        text.write_by_chrono(&mut expected).unwrap();
        prop_assert_eq!(text.to_string(), expected, "{}", name);
    }

    /// Instants read from RFC 3339 text by day arithmetic are those chrono reads, over the
    /// years 0001..=9999, every day of every month (impossible ones too: February 29 of
    /// common years, day 31 of short months), offsets east and west, and fractions of a
    /// second (issue 14).
    #[test]
    fn issue_14_instants_read_by_day_arithmetic_are_the_ones_chrono_reads(
        (year, month, day) in (1i32..=9999, 1u32..=12, 1u32..=31),
        (hour, minute, second) in (0u32..24, 0u32..60, 0u32..60),
        offset_minutes in prop_oneof![Just(0i32), -1439i32..1440],
        nanos in prop_oneof![Just(0u32), 1u32..1_000_000_000],
        zulu in any::<bool>(),
    ) {
        let fraction = if nanos == 0 { String::new() } else { format!(".{nanos:09}") };
        let zone = if zulu && offset_minutes == 0 {
            "Z".to_owned()
        } else {
            let (sign, abs) = if offset_minutes < 0 { ('-', -offset_minutes) } else { ('+', offset_minutes) };
            format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
        };
        let text = format!(
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{fraction}{zone}"
        );
        let expected = chrono::DateTime::parse_from_rfc3339(&text)
            .ok()
            .and_then(|t| Instant::from_seconds_and_nanos(t.timestamp(), t.timestamp_subsec_nanos()).ok());
        prop_assert_eq!(Instant::parse(&text).ok(), expected, "{}", text);
    }

    /// The per-thread memos of the last closed day and the last count give what computing
    /// them again gives, whatever schedules and instants the questions alternate between: two
    /// schedules on one calendar with other hours, the same question twice, and others between
    /// (issue 14).
    #[test]
    fn issue_14_the_memos_of_last_closed_days_and_counts_are_the_computed_ones(
        questions in proptest::collection::vec((0usize..2, 0i64..86_400 * 60, 0i32..40), 1..24),
    ) {
        let us = Calendar::builtin("US").unwrap();
        let office = Schedule::builder(us.clone(), zone("America/New_York"))
            .hours(WeeklyHours::none().weekdays(&[span("09:00-17:00")]).unwrap())
            .build()
            .unwrap();
        let schedules = [Schedule::new(us, zone("America/Los_Angeles")), office];
        let base = at("2026-11-01T00:00:00Z").unix_seconds();
        for (which, offset, days) in questions {
            let schedule = &schedules[which];
            for _ in 0..2 {
                let t = Instant::from_secs_unchecked(base + offset);
                prop_assert_eq!(schedule.last_closed(t)?, schedule.compute_last_closed(t)?);
                let a = schedule.day_of(t);
                prop_assert_eq!(
                    schedule.count_after(a, a + days)?,
                    schedule.compute_count_after(a, a + days)?
                );
            }
        }
    }
}
