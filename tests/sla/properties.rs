//! Properties of SLA clocks over random starts, pauses and calendars.

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use proptest::prelude::*;
use slacal::{Calendar, ClockOutcome, Instant, Policy, Record, StartRule};

use super::*;

const CALENDARS: [&str; 4] = ["US", "GB-ENG", "DE", "US+GB-ENG"];

/// 2025-01-01T00:00:00Z.
const BASE: i64 = 1_735_689_600;

fn instant(offset: i64) -> Instant {
    Instant::from_unix_seconds(BASE + offset).unwrap()
}

fn evaluate_record(
    policy: &Policy,
    calendar: &str,
    events: &[(&str, Instant)],
    as_of: Instant,
) -> Vec<ClockOutcome> {
    let mut record = Record::new("p");
    record.set_calendar_from_row(calendar, 1).unwrap();
    for (row, (event, at)) in events.iter().enumerate() {
        record.push_from_row(policy.event(event).unwrap(), *at, row as u64);
    }
    policy.evaluate(&record, as_of).unwrap()
}

fn publish(rows: &[ClockOutcome]) -> &ClockOutcome {
    rows.iter().find(|r| r.clock() == "publish").unwrap()
}

/// The zone a calendar runs in under the marketplace policy.
fn zone_of(calendar: &str) -> Tz {
    if calendar.starts_with("US") {
        chrono_tz::America::Los_Angeles
    } else {
        slacal::Registry::builtin()
            .unwrap()
            .time_zone(calendar)
            .unwrap()
    }
}

/// The close of a day without business hours, computed straight from the zone: the local
/// midnight that ends it.
fn close(zone: Tz, date: NaiveDate) -> i64 {
    let next = date.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap();
    zone.from_local_datetime(&next)
        .earliest()
        .unwrap()
        .timestamp()
}

/// Day 0 by the definition of the default start rule (`next-day`): the start's local date,
/// whatever kind of day it is.
fn day_zero(start: Instant, zone: Tz) -> NaiveDate {
    zone.timestamp_opt(start.unix_seconds(), 0)
        .unwrap()
        .date_naive()
}

/// The business days after day 0 whose close falls in `(p, r]`, one day at a time.
fn closes_inside(calendar: &Calendar, zone: Tz, day0: NaiveDate, p: Instant, r: Instant) -> i64 {
    let mut date = zone
        .timestamp_opt(p.unix_seconds(), 0)
        .unwrap()
        .date_naive();
    let last = zone
        .timestamp_opt(r.unix_seconds(), 0)
        .unwrap()
        .date_naive();
    let mut count = 0;
    while date <= last {
        let c = close(zone, date);
        if date > day0
            && calendar.is_business_day(date).unwrap()
            && p.unix_seconds() < c
            && c <= r.unix_seconds()
        {
            count += 1;
        }
        date = date.succ_opt().unwrap();
    }
    count
}

/// Calendars with weekends of every kind: Friday–Saturday (`IL`), a weekend that changed
/// (`AE`), make-up working days (`CN`), a joint calendar.
const ADD_CALENDARS: [&str; 8] = ["US", "GB-ENG", "DE", "JP", "IL", "AE", "CN", "US+GB-ENG"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// SPEC 3: "with no pause, the due date of a start on day d with a budget of n business
    /// days is `add_business_days(d, n)`, so the CLI's `add` and a clock always agree" — and,
    /// rolling forward, `add_business_days_with(d, n, RollForward)`. The deadline is the due
    /// date's close, the local midnight that ends it in the calendar's own zone.
    #[test]
    fn a_clock_without_pauses_is_due_when_add_business_days_says(
        calendar in 0..ADD_CALENDARS.len(),
        // 2019-01-01 to 2025-06-30, to the nanosecond.
        start in 1_546_300_800_000_000_000i128..1_751_241_600_000_000_000,
        budget in prop_oneof![1 => Just(0i64), 8 => 1i64..=40],
        roll_forward in any::<bool>(),
    ) {
        let calendar_id = ADD_CALENDARS[calendar];
        let rule = if roll_forward { StartRule::RollForward } else { StartRule::NextDay };
        let policy = Policy::builder().parse(
            "add.toml",
            &format!(
                "name = \"add\"\nevents = [\"a\", \"b\"]\ncalendar = \"{calendar_id}\"\n\
                 start_rule = \"{rule}\"\n[[clock]]\nname = \"c\"\nstart = \"a\"\nstop = \"b\"\n\
                 budget = \"{budget} business days\"\n"
            ),
        )
        .unwrap();
        let cal = Calendar::builtin(calendar_id).unwrap();
        let zone = slacal::Registry::builtin()
            .unwrap()
            .time_zone(calendar_id)
            .unwrap();
        let start = Instant::from_unix_nanos(start).unwrap();
        let mut record = Record::new("r");
        record.push_from_row(policy.event("a").unwrap(), start, 2);
        let rows = policy.evaluate(&record, start).unwrap();
        let day = start.local_date(zone);
        let due = cal.add_business_days_with(day, budget, rule).unwrap();
        if rule == StartRule::NextDay {
            prop_assert_eq!(due, cal.add_business_days(day, budget).unwrap());
        }
        prop_assert_eq!(rows[0].due_date(), Some(due));
        let close = zone
            .from_local_datetime(&due.succ_opt().unwrap().and_hms_opt(0, 0, 0).unwrap())
            .earliest()
            .unwrap();
        prop_assert_eq!(rows[0].deadline(), Some(Instant::from_datetime(&close).unwrap()));
    }

    #[test]
    fn deadlines_never_precede_the_start_and_later_starts_never_give_earlier_deadlines(
        calendar in 0..CALENDARS.len(),
        start in 0i64..4 * 365 * 86_400,
        later in 0i64..20 * 86_400,
    ) {
        let policy = marketplace();
        let calendar = CALENDARS[calendar];
        let events = |at: Instant| vec![("submitted", at), ("certification_passed", at), ("go_live", at)];
        let (first, second) = (instant(start), instant(start + later));
        let a = evaluate_record(&policy, calendar, &events(first), first);
        let b = evaluate_record(&policy, calendar, &events(second), second);
        prop_assert_eq!(a.len(), 5);
        for (x, y) in a.iter().zip(&b) {
            let (dx, dy) = (x.deadline().unwrap(), y.deadline().unwrap());
            prop_assert!(dx >= first, "{} {:?}", x.clock(), x);
            prop_assert!(dx > first || x.budget_is_zero(), "{}", x.clock());
            prop_assert!(dy >= dx, "{}: {:?} then {:?}", x.clock(), x, y);
        }
    }

    #[test]
    fn pausing_over_k_business_day_closes_moves_the_deadline_by_k_business_days(
        calendar in 0..CALENDARS.len(),
        start in 0i64..4 * 365 * 86_400,
        pause_at in 0.0f64..1.0,
        length in 1i64..30 * 86_400,
    ) {
        let policy = marketplace();
        let calendar_id = CALENDARS[calendar];
        let cal = Calendar::builtin(calendar_id).unwrap();
        let zone = zone_of(calendar_id);
        let s = instant(start);
        let plain = evaluate_record(&policy, calendar_id, &[("submitted", s)], s);
        let deadline = publish(&plain).deadline().unwrap();
        let due = publish(&plain).due_date().unwrap();
        // A pause that starts before the deadline (later pauses change nothing).
        let span = deadline.unix_seconds() - s.unix_seconds();
        let p = instant(start + 1 + ((span - 1) as f64 * pause_at) as i64);
        let r = instant(p.unix_seconds() - BASE + length);
        let k = closes_inside(&cal, zone, day_zero(s, zone), p, r);
        let paused = evaluate_record(
            &policy,
            calendar_id,
            &[("submitted", s), ("preview_ready", p), ("go_live", r)],
            r,
        );
        prop_assert_eq!(publish(&paused).due_date(), Some(cal.add_business_days(due, k).unwrap()));
    }

    #[test]
    fn pausing_only_over_non_business_time_moves_nothing(
        calendar in 0..CALENDARS.len(),
        start in 0i64..4 * 365 * 86_400,
        days_later in 1u64..20,
        from in 0.0f64..1.0,
        to in 0.0f64..1.0,
    ) {
        let policy = marketplace();
        let calendar_id = CALENDARS[calendar];
        let cal = Calendar::builtin(calendar_id).unwrap();
        let zone = zone_of(calendar_id);
        let s = instant(start);
        let plain = evaluate_record(&policy, calendar_id, &[("submitted", s)], s);
        // A stretch with no business-day close in it: from the start of a later date to the
        // close of the last day before the next business day (a weekend or holiday run), or a
        // business day before its close.
        let date = day_zero(s, zone) + chrono::Days::new(days_later);
        let begin = zone
            .from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .timestamp();
        let end = if cal.is_business_day(date).unwrap() {
            close(zone, date) - 1
        } else {
            let next = cal.add_business_days(date, 0).unwrap();
            close(zone, next.pred_opt().unwrap())
        };
        let (lo, hi) = (from.min(to), from.max(to));
        let p = Instant::from_unix_seconds(begin + ((end - begin) as f64 * lo) as i64).unwrap();
        let r = Instant::from_unix_seconds(begin + ((end - begin) as f64 * hi) as i64 + 1).unwrap();
        let r = r.min(Instant::from_unix_seconds(end).unwrap());
        prop_assume!(p < r);
        let paused = evaluate_record(
            &policy,
            calendar_id,
            &[("submitted", s), ("preview_ready", p), ("go_live", r)],
            r,
        );
        prop_assert_eq!(publish(&paused).due_date(), publish(&plain).due_date());
        prop_assert_eq!(publish(&paused).deadline(), publish(&plain).deadline());
    }

    #[test]
    fn a_business_hours_deadline_minus_the_start_in_working_time_is_the_budget(
        calendar in 0..CALENDARS.len(),
        start in 0i64..4 * 365 * 86_400,
        budget_minutes in 1i64..3000,
        pause_from in 0i64..5 * 86_400,
        pause_length in 0i64..5 * 86_400,
    ) {
        let calendar_id = CALENDARS[calendar];
        let policy = Policy::builder().parse(
            "hours.toml",
            &format!(
                r#"
name = "hours"
events = ["opened", "waiting", "replied", "answered"]
calendar = "US"
[calendars."*"]
hours = {{ weekdays = ["08:30-12:00", "13:00-17:30"], fri = ["09:00-15:00"] }}
[calendars.US]
time_zone = "America/Chicago"
hours = {{ weekdays = ["09:00-17:00"] }}
[[clock]]
name = "response"
start = "opened"
stop = "answered"
pause = "waiting"
resume = "replied"
budget = "{budget_minutes} business minutes"
"#
            ),
        )
        .unwrap();
        let schedule = policy.schedule(Some(calendar_id)).unwrap();
        let s = instant(start);
        let rows = evaluate_record(&policy, calendar_id, &[("opened", s)], s);
        let deadline = rows[0].deadline().unwrap();
        prop_assert_eq!(schedule.working_time_between(s, deadline).unwrap().seconds(), budget_minutes * 60);
        // With a pause that starts before the deadline, the working time inside the pause does
        // not count.
        let p = instant(start + pause_from);
        let r = instant(start + pause_from + pause_length);
        prop_assume!(p < deadline);
        let rows = evaluate_record(&policy, calendar_id, &[("opened", s), ("waiting", p), ("replied", r)], r);
        let deadline = rows[0].deadline().unwrap();
        let worked = schedule.working_time_between(s, deadline).unwrap().seconds()
            - schedule.working_time_between(p, r.min(deadline).max(p)).unwrap().seconds();
        prop_assert_eq!(worked, budget_minutes * 60);
    }

    #[test]
    fn evaluation_is_independent_of_event_order(
        calendar in 0..CALENDARS.len(),
        start in 0i64..4 * 365 * 86_400,
        gaps in prop::collection::vec(0i64..4 * 86_400, 9),
        order in Just((0..9usize).collect::<Vec<_>>()).prop_shuffle(),
        as_of in 0i64..40 * 86_400,
    ) {
        let policy = marketplace();
        let names = [
            "submitted",
            "prerequisites_validated",
            "certification_failed",
            "submitted",
            "prerequisites_validated",
            "certification_passed",
            "preview_ready",
            "go_live",
            "live",
        ];
        let mut at = start;
        let events: Vec<(&str, Instant)> = names
            .iter()
            .zip(&gaps)
            .map(|(name, gap)| {
                at += gap;
                (*name, instant(at))
            })
            .collect();
        let shuffled: Vec<(&str, Instant)> = order.iter().map(|&i| events[i]).collect();
        let as_of = instant(start + as_of);
        let calendar = CALENDARS[calendar];
        prop_assert_eq!(
            evaluate_record(&policy, calendar, &events, as_of),
            evaluate_record(&policy, calendar, &shuffled, as_of)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any events at any instants (years 0001 to 9999), on any calendar name, as of any
    /// instant: evaluation and explanation answer or fail, and never panic.
    #[test]
    fn evaluation_never_panics(
        events in prop::collection::vec((0usize..7, -62_135_596_800i64..253_402_300_799), 0..2),
        near in prop::collection::vec((0usize..7, 0i64..60 * 86_400), 0..12),
        base in prop_oneof![-62_135_596_800i64..253_402_300_799, 0i64..7_258_118_400],
        calendar in prop::sample::select(vec!["", "US", "GB-ENG", "DE", "US+GB-ENG", "XX", "US+"]),
        as_of in prop_oneof![-62_135_596_800i64..253_402_300_799, 0i64..60 * 86_400],
    ) {
        let policy = marketplace();
        let names: Vec<String> = policy.events().map(|(_, name)| name.to_owned()).collect();
        let mut record = Record::new("fuzz");
        record.set_calendar_from_row(calendar, 1).unwrap();
        let near_base = base.clamp(-62_135_596_800, 253_402_300_799 - 61 * 86_400);
        let all = events
            .iter()
            .copied()
            .chain(near.iter().map(|&(e, offset)| (e, near_base + offset)));
        for (row, (event, at)) in all.enumerate() {
            let id = policy.event(&names[event]).unwrap();
            record.push_from_row(id, Instant::from_unix_seconds(at).unwrap(), row as u64);
        }
        let as_of = if (0..60 * 86_400).contains(&as_of) { near_base + as_of } else { as_of };
        let as_of = Instant::from_unix_seconds(as_of).unwrap();
        if let Ok(rows) = policy.evaluate(&record, as_of) {
            prop_assert!(rows.len() >= policy.clocks().len());
            let explained = policy.explain(&record, as_of).unwrap();
            prop_assert_eq!(explained.len(), rows.len());
        }
    }
}

/// Budgets of zero length would allow a deadline equal to the start.
trait ZeroBudget {
    fn budget_is_zero(&self) -> bool;
}

impl ZeroBudget for ClockOutcome {
    fn budget_is_zero(&self) -> bool {
        self.remaining().ticks() + self.elapsed().ticks() == 0
    }
}
