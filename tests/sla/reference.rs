//! A second implementation of the SLA semantics, written from SPEC section 3 alone ("Time,
//! business hours and clocks", "Business-day clocks, precisely" and its edge rules, "SLA
//! policy and evaluation", "The built-in marketplace policy"), to test the engine against.
//!
//! It is deliberately simple and slow: it walks a record's timeline event by event and the
//! calendar day by day, and measures every quantity from its definition at the instant it is
//! asked for, with nothing carried over but caches of pure answers (a date's close, whether it
//! is a business day). From the library it uses only
//! [`Calendar::is_business_day`] and [`slacal::Registry::time_zone`]; times are chrono and chrono-tz,
//! instants are nanoseconds since 1970 (`i128`). It covers policies without business hours:
//! business-day and elapsed budgets, pauses, fail and cancel events, at-risk thresholds stated
//! as business days, as elapsed time or as a percentage of the budget, both start rules (for
//! the policy or one clock), and calendars run in a zone of the policy's, with a cutoff.
//!
//! Policies are described here as values ([`Policy`]) and written out as the TOML text that
//! `slacal::Policy::parse` reads ([`Policy::toml`]), so that both sides see the same policy.
//! The built-in `marketplace` policy is transcribed from the SPEC's table ([`Policy::marketplace`])
//! and compared with the engine's built-in one, not with its TOML.
//!
//! # The rules, as read from the SPEC
//!
//! - Instants keep the precision they were given, to the nanosecond, and are written with
//!   their fraction of a second when they have one (`.5`, trailing zeros dropped).
//! - A day closes at the local midnight that ends it: the first instant whose local date in the
//!   calendar's zone is after it. Where a DST change skips midnight, that is the end of the gap;
//!   where midnight happens twice, the first time.
//! - Day 0, under the start rule `next-day` (the default): the start's local date, whatever
//!   kind of day it is, or the next day when the start is after the cutoff (a start at the
//!   cutoff itself keeps its date). Under `roll-forward`: the start's local date, or the next
//!   business day when that is not one or the start is after the cutoff. Day 0 is free; each
//!   later business day counts when the clock is running in the moment just before its close:
//!   a close `c` counts for a run `[from, to)` when `from < c <= to`.
//! - The due date is the day on which the count reaches the budget, the deadline its close; so
//!   with no pause a budget of `n` business days from day 0 `d` is due on
//!   `add_business_days(d, n)`: the n-th business day after `d`, or for `n` = 0, `d` when it is
//!   a business day and else the next one (a due date is a business day). Elapsed budgets run
//!   in physical nanoseconds while running; the deadline is the instant they run out and the
//!   due date its local date.
//! - Events after as-of are ignored; events at the same instant apply in the policy's lifecycle
//!   order; an exact duplicate (same event, same instant, whatever offset wrote it) counts once.
//! - A start while an attempt is open ends it as `cancelled` at that instant; a stop ends it as
//!   `met` when strictly before the deadline as it stood, else `breached`; fail and cancel
//!   events end it as `failed` and `cancelled`. An event that ends an attempt while it is
//!   paused ends the pause at the same instant first, so that the row shows the deadline that
//!   gives. A pause pauses a running attempt unless its budget is already used up, i.e. its
//!   deadline reached, at that instant (the deadline stands); a resume resumes a paused one;
//!   anything else is ignored.
//! - An open attempt at as-of is `paused`, `overdue` (as-of at or after the deadline),
//!   `at_risk` (a threshold reached, at equality) or `running`, in that order. A percentage
//!   threshold is that share of the budget, rounded up, measured like the budget; a business-day
//!   threshold counts closes like a business-day budget, so that 0 business days are reached
//!   at the close of the due date of a budget of 0; an elapsed threshold is running time.
//! - `elapsed` is the budget used by the stop or as-of (every counted close, also past the
//!   deadline). `remaining` is the budget minus it, except on a row whose stop or as-of is at
//!   or past its deadline (breached, overdue, and failed or cancelled late): there it is minus
//!   the time past the deadline, rounded away from zero to what is written (a business day, or
//!   a hundredth of the unit) and at least that much, so that it is negative exactly on the
//!   rows that missed their deadline. Business days past the deadline are the business days
//!   after the due date that closed by then, plus the one in progress unless it is exactly at
//!   a close. Amounts are in the budget's smallest unit, whole or rounded to two decimals half
//!   away from zero.
//! - A row is at risk from the first instant a threshold was reached, by the stop or as-of.
//!
//! # Points the SPEC leaves open, decided as the engine does
//!
//! Each is pinned by a hand-worked case in `differential.rs` or `dated.rs`.
//!
//! - Amounts of 0 business days. A budget of 0 is due on day 0 (or the next business day) and
//!   runs out at that day's close, whatever the pauses; it is "used up" there, not at the
//!   start, so a pause before that close applies. A threshold of 0 is reached at that close,
//!   also when a pause covers it. A stop while such a pause lasts ends the pause and is
//!   compared with that close like any stop (the SPEC's "met unless the budget was used up
//!   before the pause" is about budgets that a pause can delay).
//! - A pause at the very instant the budget runs out: the close at that instant counts (a
//!   pause at a close still counts that day), the budget is used up, the pause is ignored.
//! - A start exactly at the cutoff is not after it: its date stays day 0. Under `next-day` the
//!   cutoff moves day 0 on any day, business day or not.
//! - Under the marketplace policy `US+GB-ENG` runs in Los Angeles like `US` (a joint calendar
//!   without an entry of its own takes its first part's), although "any other calendar runs in
//!   its own zone" could be read to mean New York.
//! - An amount that rounds to zero is written `0`, never `-0`.
//! - A record whose evaluation needs a date outside the years its calendar covers is refused
//!   whole; which dates a side looks at differs near those edges (see `differential.rs`).

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use slacal::{Calendar, Error};

/// Nanoseconds in a second.
pub const SECOND: i128 = 1_000_000_000;

/// Where a business-day count starts: the SPEC's two start rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rule {
    /// Day 0 is the start's local date, whatever kind of day (the default).
    #[default]
    NextDay,
    /// Day 0 is the next business day when the start's date is not one.
    RollForward,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::NextDay => "next-day",
            Rule::RollForward => "roll-forward",
        }
    }
}

/// A unit of elapsed time, from the smallest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl TimeUnit {
    pub const ALL: [TimeUnit; 5] = [
        TimeUnit::Seconds,
        TimeUnit::Minutes,
        TimeUnit::Hours,
        TimeUnit::Days,
        TimeUnit::Weeks,
    ];

    /// Physical seconds: a day is 24 hours and a week 168, also across DST changes.
    pub fn seconds(self) -> i64 {
        match self {
            TimeUnit::Seconds => 1,
            TimeUnit::Minutes => 60,
            TimeUnit::Hours => 3_600,
            TimeUnit::Days => 86_400,
            TimeUnit::Weeks => 604_800,
        }
    }

    /// The name in the `unit` column, and the plural in durations.
    pub fn name(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
        }
    }
}

/// An elapsed duration as written: terms of distinct units, e.g. `4 days 1 hour`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Elapsed(pub Vec<(i64, TimeUnit)>);

impl Elapsed {
    fn seconds(&self) -> i64 {
        self.0.iter().map(|&(n, unit)| n * unit.seconds()).sum()
    }

    fn nanos(&self) -> i128 {
        i128::from(self.seconds()) * SECOND
    }

    /// The smallest unit written, in which the clock reports.
    fn unit(&self) -> TimeUnit {
        self.0
            .iter()
            .map(|&(_, unit)| unit)
            .min()
            .unwrap_or(TimeUnit::Seconds)
    }

    fn text(&self) -> String {
        let terms: Vec<String> = self
            .0
            .iter()
            .map(|&(n, unit)| {
                let name = unit.name();
                format!(
                    "{n} {}",
                    if n == 1 {
                        &name[..name.len() - 1]
                    } else {
                        name
                    }
                )
            })
            .collect();
        terms.join(" ")
    }
}

/// A budget: whole business days, or elapsed time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Budget {
    BusinessDays(i64),
    Elapsed(Elapsed),
}

impl Budget {
    /// Business days, or seconds.
    pub fn amount(&self) -> i64 {
        match self {
            Budget::BusinessDays(n) => *n,
            Budget::Elapsed(elapsed) => elapsed.seconds(),
        }
    }

    /// Business days, or nanoseconds.
    fn ticks(&self) -> i128 {
        match self {
            Budget::BusinessDays(n) => i128::from(*n),
            Budget::Elapsed(elapsed) => elapsed.nanos(),
        }
    }

    fn unit_name(&self) -> &'static str {
        match self {
            Budget::BusinessDays(_) => "business_days",
            Budget::Elapsed(elapsed) => elapsed.unit().name(),
        }
    }

    /// Ticks (business days, or nanoseconds) per reported unit.
    fn unit_size(&self) -> i128 {
        match self {
            Budget::BusinessDays(_) => 1,
            Budget::Elapsed(elapsed) => i128::from(elapsed.unit().seconds()) * SECOND,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Budget::BusinessDays(1) => "1 business day".to_owned(),
            Budget::BusinessDays(n) => format!("{n} business days"),
            Budget::Elapsed(elapsed) => elapsed.text(),
        }
    }
}

/// An at-risk threshold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Threshold {
    BusinessDays(i64),
    Elapsed(Elapsed),
    /// Hundredths of a percent of the budget: 7500 is 75 %.
    Percent(i64),
}

impl Threshold {
    pub fn text(&self) -> String {
        match self {
            Threshold::BusinessDays(n) => Budget::BusinessDays(*n).text(),
            Threshold::Elapsed(elapsed) => format!("{} elapsed", elapsed.text()),
            Threshold::Percent(hundredths) => {
                let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
                let text = text.trim_end_matches('0').trim_end_matches('.');
                format!("{text}%")
            }
        }
    }
}

/// One clock of a policy: event names for each role.
#[derive(Clone, Debug)]
pub struct Clock {
    pub name: &'static str,
    pub start: Vec<&'static str>,
    pub stop: Vec<&'static str>,
    pub fail: Vec<&'static str>,
    pub cancel: Vec<&'static str>,
    pub pause: Vec<&'static str>,
    pub resume: Vec<&'static str>,
    pub budget: Budget,
    pub at_risk: Vec<Threshold>,
    /// The clock's own start rule, if it has one.
    pub start_rule: Option<Rule>,
}

impl Clock {
    /// A clock that starts and stops on one event each, with nothing else.
    pub fn new(
        name: &'static str,
        start: &'static str,
        stop: &'static str,
        budget: Budget,
    ) -> Clock {
        Clock {
            name,
            start: vec![start],
            stop: vec![stop],
            fail: Vec::new(),
            cancel: Vec::new(),
            pause: Vec::new(),
            resume: Vec::new(),
            budget,
            at_risk: Vec::new(),
            start_rule: None,
        }
    }
}

/// How a calendar runs under a policy: its zone (the calendar's own when `None`) and cutoff.
#[derive(Clone, Copy, Debug, Default)]
pub struct Settings {
    pub time_zone: Option<Tz>,
    /// A start after this local time of day counts from the next business day.
    pub cutoff: Option<NaiveTime>,
}

impl Settings {
    pub fn zone(zone: Tz) -> Settings {
        Settings {
            time_zone: Some(zone),
            cutoff: None,
        }
    }
}

/// A policy without business hours.
#[derive(Clone, Debug)]
pub struct Policy {
    pub name: &'static str,
    /// In lifecycle order.
    pub events: Vec<&'static str>,
    /// The calendar unless a record names another.
    pub calendar: &'static str,
    /// How calendars run, by calendar id, or `*` for any calendar without an entry.
    pub calendars: Vec<(&'static str, Settings)>,
    /// The policy's start rule, when it states one (else `next-day`).
    pub start_rule: Option<Rule>,
    pub clocks: Vec<Clock>,
}

/// A row: the output columns as written, and when the first at-risk threshold was reached by
/// the stop or as-of (what `ClockOutcome::at_risk_from` gives; empty when none was).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub columns: [String; 12],
    pub at_risk_from: String,
}

impl Row {
    /// The CSV line, and when it was at risk from.
    pub fn line(&self) -> String {
        let line = self.columns.join(",");
        if self.at_risk_from.is_empty() {
            line
        } else {
            format!("{line}  (at risk from {})", self.at_risk_from)
        }
    }
}

impl Policy {
    /// The built-in `marketplace` policy, from the SPEC's table (section 3, "The built-in
    /// `marketplace` policy").
    pub fn marketplace() -> Policy {
        let hours = |n| Budget::Elapsed(Elapsed(vec![(n, TimeUnit::Hours)]));
        Policy {
            name: "marketplace",
            events: vec![
                "submitted",
                "prerequisites_validated",
                "certification_passed",
                "certification_failed",
                "preview_ready",
                "go_live",
                "live",
            ],
            calendar: "US",
            calendars: vec![("US", Settings::zone(chrono_tz::America::Los_Angeles))],
            start_rule: None,
            clocks: vec![
                Clock::new(
                    "validation",
                    "submitted",
                    "prerequisites_validated",
                    Budget::Elapsed(Elapsed(vec![(15, TimeUnit::Minutes)])),
                ),
                Clock {
                    stop: vec!["certification_passed", "certification_failed"],
                    at_risk: vec![Threshold::Elapsed(Elapsed(vec![(1, TimeUnit::Weeks)]))],
                    ..Clock::new(
                        "certification",
                        "submitted",
                        "certification_passed",
                        Budget::BusinessDays(15),
                    )
                },
                Clock::new(
                    "packaging",
                    "certification_passed",
                    "preview_ready",
                    hours(1),
                ),
                Clock::new(
                    "release",
                    "go_live",
                    "live",
                    Budget::Elapsed(Elapsed(vec![(4, TimeUnit::Days), (1, TimeUnit::Hours)])),
                ),
                Clock {
                    fail: vec!["certification_failed"],
                    pause: vec!["preview_ready"],
                    resume: vec!["go_live"],
                    at_risk: vec![Threshold::BusinessDays(7)],
                    ..Clock::new("publish", "submitted", "live", Budget::BusinessDays(10))
                },
            ],
        }
    }

    /// The policy as the TOML text that `slacal::Policy::parse` reads.
    pub fn toml(&self) -> String {
        let list = |names: &[&str]| {
            let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
            format!("[{}]", quoted.join(", "))
        };
        let mut text = String::new();
        writeln!(text, "name = \"{}\"", self.name).unwrap();
        writeln!(text, "events = {}", list(&self.events)).unwrap();
        writeln!(text, "calendar = \"{}\"", self.calendar).unwrap();
        if let Some(rule) = self.start_rule {
            writeln!(text, "start_rule = \"{}\"", rule.name()).unwrap();
        }
        for (calendar, settings) in &self.calendars {
            writeln!(text, "[calendars.\"{calendar}\"]").unwrap();
            if let Some(zone) = settings.time_zone {
                writeln!(text, "time_zone = \"{}\"", zone.name()).unwrap();
            }
            if let Some(cutoff) = settings.cutoff {
                writeln!(text, "cutoff = \"{}\"", cutoff.format("%H:%M")).unwrap();
            }
        }
        for clock in &self.clocks {
            writeln!(text, "[[clock]]\nname = \"{}\"", clock.name).unwrap();
            for (key, events) in [
                ("start", &clock.start),
                ("stop", &clock.stop),
                ("fail", &clock.fail),
                ("cancel", &clock.cancel),
                ("pause", &clock.pause),
                ("resume", &clock.resume),
            ] {
                writeln!(text, "{key} = {}", list(events)).unwrap();
            }
            writeln!(text, "budget = \"{}\"", clock.budget.text()).unwrap();
            let thresholds: Vec<String> = clock.at_risk.iter().map(Threshold::text).collect();
            let thresholds: Vec<&str> = thresholds.iter().map(String::as_str).collect();
            writeln!(text, "at_risk = {}", list(&thresholds)).unwrap();
            if let Some(rule) = clock.start_rule {
                writeln!(text, "start_rule = \"{}\"", rule.name()).unwrap();
            }
        }
        text
    }

    /// How a calendar runs under this policy: its own entry; for a joint calendar without
    /// one, the entry of its first part; else the `*` entry; else nothing special. The zone is
    /// the entry's, else the calendar's own (the first part's, for a joint calendar): an entry
    /// with a cutoff only does not take the zone of `*`.
    pub fn settings(&self, calendar: &Calendar) -> (Tz, Option<NaiveTime>) {
        let id = calendar.id();
        let entry = |key: &str| {
            self.calendars
                .iter()
                .find(|(k, _)| *k == key)
                .map(|&(_, settings)| settings)
        };
        let first = id.split('+').next().unwrap_or(id);
        let settings = entry(id)
            .or_else(|| entry(first))
            .or_else(|| entry("*"))
            .unwrap_or_default();
        (
            settings.time_zone.unwrap_or_else(|| {
                slacal::Registry::builtin()
                    .and_then(|registry| registry.time_zone(id))
                    .unwrap()
            }),
            settings.cutoff,
        )
    }

    /// The zone a calendar runs in under this policy.
    pub fn zone(&self, calendar: &Calendar) -> Tz {
        self.settings(calendar).0
    }

    fn event_index(&self, name: &str) -> usize {
        self.events
            .iter()
            .position(|event| *event == name)
            .unwrap_or_else(|| panic!("event `{name}` is not one of policy `{}`", self.name))
    }

    /// Evaluates a record: its calendar (the policy's when `None`), its events as `(name,
    /// nanoseconds since 1970)` in any order, as of an instant. One row per clock and attempt,
    /// clocks in the policy's order.
    ///
    /// # Errors
    ///
    /// The calendar's error when a date it is asked about falls outside its years, or an
    /// unknown calendar.
    pub fn evaluate(
        &self,
        record_id: &str,
        calendar: Option<&str>,
        events: &[(&str, i128)],
        as_of: i128,
    ) -> Result<Vec<Row>, Error> {
        let calendar_id = calendar.unwrap_or(self.calendar);
        let calendar = Calendar::builtin(calendar_id)?;
        let (zone, cutoff) = self.settings(&calendar);
        let days = Days::new(&calendar, zone, cutoff);
        // The timeline: in time order, the same instant in lifecycle order, duplicates once,
        // nothing after as-of.
        let mut timeline: Vec<(i128, usize)> = events
            .iter()
            .map(|&(name, at)| (at, self.event_index(name)))
            .filter(|&(at, _)| at <= as_of)
            .collect();
        timeline.sort_unstable();
        timeline.dedup();
        let mut rows = Vec::new();
        for clock in &self.clocks {
            let replay = Replay {
                policy: self,
                clock,
                rule: clock.start_rule.or(self.start_rule).unwrap_or_default(),
                days: &days,
                record_id,
                calendar_id,
            };
            rows.extend(replay.rows(&timeline, as_of)?);
        }
        Ok(rows)
    }
}

/// A calendar in a zone, day by day, remembering what it has already worked out.
struct Days<'a> {
    calendar: &'a Calendar,
    zone: Tz,
    cutoff: Option<NaiveTime>,
    day_zeros: RefCell<HashMap<(i128, Rule), NaiveDate>>,
    closes: RefCell<HashMap<NaiveDate, i128>>,
    business: RefCell<HashMap<NaiveDate, bool>>,
}

impl<'a> Days<'a> {
    fn new(calendar: &'a Calendar, zone: Tz, cutoff: Option<NaiveTime>) -> Days<'a> {
        Days {
            calendar,
            zone,
            cutoff,
            day_zeros: RefCell::default(),
            closes: RefCell::default(),
            business: RefCell::default(),
        }
    }

    fn is_business_day(&self, date: NaiveDate) -> Result<bool, Error> {
        if let Some(&known) = self.business.borrow().get(&date) {
            return Ok(known);
        }
        let business = self.calendar.is_business_day(date)?;
        self.business.borrow_mut().insert(date, business);
        Ok(business)
    }

    /// The first business day on or after a date.
    fn business_on_or_after(&self, mut date: NaiveDate) -> Result<NaiveDate, Error> {
        while !self.is_business_day(date)? {
            date = date.succ_opt().unwrap();
        }
        Ok(date)
    }

    fn local_date(&self, at: i128) -> NaiveDate {
        local_date(self.zone, at)
    }

    fn close(&self, date: NaiveDate) -> i128 {
        if let Some(&known) = self.closes.borrow().get(&date) {
            return known;
        }
        let close = close(self.zone, date);
        self.closes.borrow_mut().insert(date, close);
        close
    }

    /// Day 0 of a start under a start rule. A start is after the cutoff when its local time of
    /// day is later than the cutoff (strictly: a start at the cutoff itself keeps its date, as
    /// the SPEC's "after the calendar's cutoff time" reads and the engine decides).
    /// `next-day`: the start's local date, whatever kind of day, or the next day after the
    /// cutoff. `roll-forward`: the next business day when the date is not one or the start is
    /// after the cutoff.
    fn day_zero(&self, start: i128, rule: Rule) -> Result<NaiveDate, Error> {
        if let Some(&known) = self.day_zeros.borrow().get(&(start, rule)) {
            return Ok(known);
        }
        let local = utc(start).with_timezone(&self.zone).naive_local();
        let date = local.date();
        let late = self.cutoff.is_some_and(|cutoff| local.time() > cutoff);
        // The start's date must be one the calendar covers, whatever the rule.
        let business = self.is_business_day(date)?;
        let date = match rule {
            Rule::NextDay if late => date.succ_opt().unwrap(),
            Rule::NextDay => date,
            Rule::RollForward if late || !business => {
                self.business_on_or_after(date.succ_opt().unwrap())?
            }
            Rule::RollForward => date,
        };
        self.day_zeros.borrow_mut().insert((start, rule), date);
        Ok(date)
    }

    /// The business days after day 0 whose close falls inside a run, by `at`: a run `[from,
    /// to)` counts a close `c` when `from < c <= to` (running in the moment just before it).
    fn counted_closes(&self, attempt: &Attempt, at: i128) -> Result<i64, Error> {
        self.counted_closes_up_to(attempt, at, i64::MAX)
    }

    /// [`Days::counted_closes`], stopping at `cap`. A calendar is asked only about the dates
    /// an answer needs (a close inside a run, before the count is known to reach `cap`), so
    /// that a date outside its years is an error only where it matters.
    fn counted_closes_up_to(&self, attempt: &Attempt, at: i128, cap: i64) -> Result<i64, Error> {
        let mut count = 0;
        let mut date = attempt.day_zero(self)?.succ_opt().unwrap();
        let last = self.local_date(at);
        while date <= last && count < cap {
            let close = self.close(date);
            if close <= at
                && attempt
                    .runs(at)
                    .any(|(from, to)| from < close && close <= to)
                && self.is_business_day(date)?
            {
                count += 1;
            }
            date = date.succ_opt().unwrap();
        }
        Ok(count)
    }

    /// The due date of a budget of 0 business days: day 0, or the next business day when day 0
    /// is not one (as `add_business_days(day 0, 0)`).
    fn zero_due(&self, attempt: &Attempt) -> Result<NaiveDate, Error> {
        self.business_on_or_after(attempt.day_zero(self)?)
    }

    /// Whether `n` business days were reached by `at`: the count reached `n` by then, and the
    /// due date of a budget of 0 has closed. The second condition matters for `n` = 0 only. A
    /// budget of 0 business days is due on that day and runs out at its close (SPEC: "the due
    /// date is the day on which the count reaches the budget; the deadline is that day's
    /// close"); a threshold of 0 business days, "measured like the budget", is reached there
    /// too, not at the start. The SPEC does not say so for thresholds in words; the engine
    /// decides it this way.
    fn business_days_reached(&self, attempt: &Attempt, n: i64, at: i128) -> Result<bool, Error> {
        let zero = self.close(self.zero_due(attempt)?);
        Ok(at >= zero && self.counted_closes_up_to(attempt, at, n)? >= n)
    }

    /// The due day and deadline of a running business-day budget: walking on from the last
    /// resume (or the start), the day whose close makes the count reach the budget.
    fn business_day_deadline(
        &self,
        attempt: &Attempt,
        budget: i64,
    ) -> Result<(NaiveDate, i128), Error> {
        if budget == 0 {
            let due = self.zero_due(attempt)?;
            return Ok((due, self.close(due)));
        }
        let from = attempt.resumed_at();
        let mut count = self.counted_closes(attempt, from)?;
        let mut date = attempt
            .day_zero(self)?
            .succ_opt()
            .unwrap()
            .max(self.local_date(from));
        for _ in 0..10 * 366 {
            let close = self.close(date);
            if close > from && self.is_business_day(date)? {
                count += 1;
                if count >= budget {
                    return Ok((date, close));
                }
            }
            date = date.succ_opt().unwrap();
        }
        panic!("no deadline within ten years of {}", utc(from))
    }

    /// The business days past a deadline (the close of `due`) at `end`, rounded away from
    /// zero and at least 1: the business days after `due` that closed by `end`, plus the one in
    /// progress unless `end` is exactly at a close.
    fn days_late(&self, due: NaiveDate, deadline: i128, end: i128) -> Result<i128, Error> {
        let (mut closed, mut last_close) = (0, deadline);
        let mut date = due.succ_opt().unwrap();
        while date <= self.local_date(end) {
            let close = self.close(date);
            if close <= end && self.is_business_day(date)? {
                closed += 1;
                last_close = close;
            }
            date = date.succ_opt().unwrap();
        }
        let in_progress = i128::from(end > last_close);
        Ok((closed + in_progress).max(1))
    }
}

/// An attempt of a clock: its start, its start rule and its runs (start or resume to pause).
/// Its day 0 is worked out when a business-day amount needs it, and only then: an elapsed
/// clock with no business-day threshold needs no calendar, and answers outside the years a
/// calendar covers.
#[derive(Clone, Debug)]
struct Attempt {
    number: u32,
    start: i128,
    rule: Rule,
    /// `(from, Some(to))` for a finished run, `(from, None)` for the one going on.
    runs: Vec<(i128, Option<i128>)>,
}

impl Attempt {
    fn day_zero(&self, days: &Days<'_>) -> Result<NaiveDate, Error> {
        days.day_zero(self.start, self.rule)
    }

    fn is_paused(&self) -> bool {
        self.runs.last().is_some_and(|(_, to)| to.is_some())
    }

    /// The runs up to `at`, the one going on ending there.
    fn runs(&self, at: i128) -> impl Iterator<Item = (i128, i128)> + '_ {
        self.runs
            .iter()
            .map(move |&(from, to)| (from, to.unwrap_or(at).min(at)))
            .filter(|&(from, to)| from <= to)
    }

    fn running_nanos(&self, at: i128) -> i128 {
        self.runs(at).map(|(from, to)| to - from).sum()
    }

    /// The start of the run going on.
    fn resumed_at(&self) -> i128 {
        self.runs.last().map_or(self.start, |&(from, _)| from)
    }
}

/// How an attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    Stop,
    Fail,
    Cancel,
}

struct Replay<'a> {
    policy: &'a Policy,
    clock: &'a Clock,
    rule: Rule,
    days: &'a Days<'a>,
    record_id: &'a str,
    calendar_id: &'a str,
}

impl Replay<'_> {
    fn has(&self, role: &[&str], event: usize) -> bool {
        role.contains(&self.policy.events[event])
    }

    /// How much of the budget (business days, or nanoseconds) the attempt had used by `at`.
    fn used(&self, attempt: &Attempt, at: i128) -> Result<i128, Error> {
        match &self.clock.budget {
            Budget::BusinessDays(_) => Ok(i128::from(self.days.counted_closes(attempt, at)?)),
            Budget::Elapsed(_) => Ok(attempt.running_nanos(at)),
        }
    }

    /// The due date and deadline as they stand for an attempt; none while paused.
    fn deadline(&self, attempt: &Attempt) -> Result<Option<(NaiveDate, i128)>, Error> {
        if attempt.is_paused() {
            return Ok(None);
        }
        Ok(Some(match &self.clock.budget {
            Budget::BusinessDays(budget) => self.days.business_day_deadline(attempt, *budget)?,
            Budget::Elapsed(elapsed) => {
                let from = attempt.resumed_at();
                let deadline = from + elapsed.nanos() - attempt.running_nanos(from);
                (self.days.local_date(deadline), deadline)
            }
        }))
    }

    /// The budget left at `end` as written in `remaining`: the budget minus what was used, or,
    /// at or past the deadline, minus the time past it rounded away from zero to a business
    /// day or a hundredth of the unit, and at least that.
    fn remaining(
        &self,
        deadline: Option<(NaiveDate, i128)>,
        end: i128,
        used: i128,
    ) -> Result<i128, Error> {
        let budget = &self.clock.budget;
        let Some((due, deadline)) = deadline.filter(|&(_, deadline)| end >= deadline) else {
            return Ok(budget.ticks() - used);
        };
        Ok(match budget {
            Budget::BusinessDays(_) => -self.days.days_late(due, deadline, end)?,
            Budget::Elapsed(_) => {
                let step = budget.unit_size() / 100;
                let late = end - deadline;
                let steps = ((late + step - 1) / step).max(1);
                -steps * step
            }
        })
    }

    /// When a threshold was first reached, if it was by `by`: the first instant its measure
    /// equals its amount.
    fn reached_at(
        &self,
        attempt: &Attempt,
        threshold: &Threshold,
        by: i128,
    ) -> Result<Option<i128>, Error> {
        let (business_days, nanos) = match *threshold {
            Threshold::BusinessDays(n) => (Some(n), None),
            Threshold::Elapsed(ref elapsed) => (None, Some(elapsed.nanos())),
            Threshold::Percent(hundredths) => {
                let share = (self.clock.budget.amount() * hundredths + 9_999) / 10_000;
                match self.clock.budget {
                    Budget::BusinessDays(_) => (Some(share), None),
                    Budget::Elapsed(_) => (None, Some(i128::from(share) * SECOND)),
                }
            }
        };
        if let Some(n) = business_days {
            // The close at which the count reaches `n`; for 0, the close of a budget of 0's
            // due date.
            if n == 0 {
                let zero = self.days.close(self.days.zero_due(attempt)?);
                return Ok((zero <= by).then_some(zero));
            }
            let mut count = 0;
            let mut date = attempt.day_zero(self.days)?.succ_opt().unwrap();
            while date <= self.days.local_date(by) {
                let close = self.days.close(date);
                if close <= by
                    && attempt
                        .runs(by)
                        .any(|(from, to)| from < close && close <= to)
                    && self.days.is_business_day(date)?
                {
                    count += 1;
                    if count == n {
                        return Ok(Some(close));
                    }
                }
                date = date.succ_opt().unwrap();
            }
            return Ok(None);
        }
        let nanos = nanos.unwrap_or_default();
        // The instant the running time reaches `nanos`.
        let mut run_so_far = 0;
        for (from, to) in attempt.runs(by) {
            if run_so_far + (to - from) >= nanos {
                return Ok(Some(from + nanos - run_so_far));
            }
            run_so_far += to - from;
        }
        Ok(None)
    }

    /// When the first at-risk threshold was reached, if one was by `by`.
    fn at_risk_from(&self, attempt: &Attempt, by: i128) -> Result<Option<i128>, Error> {
        let mut first: Option<i128> = None;
        for threshold in &self.clock.at_risk {
            if let Some(at) = self.reached_at(attempt, threshold, by)? {
                first = Some(first.map_or(at, |first| first.min(at)));
            }
        }
        // The two readings of "reached" agree: by the measure at `by`, and by the instant.
        assert_eq!(
            first.is_some(),
            self.at_risk(attempt, by)?,
            "at risk by {by}"
        );
        Ok(first)
    }

    /// Whether any at-risk threshold was reached by `at`.
    fn at_risk(&self, attempt: &Attempt, at: i128) -> Result<bool, Error> {
        for threshold in &self.clock.at_risk {
            let reached = match threshold {
                Threshold::BusinessDays(n) => self.days.business_days_reached(attempt, *n, at)?,
                Threshold::Elapsed(elapsed) => attempt.running_nanos(at) >= elapsed.nanos(),
                Threshold::Percent(hundredths) => {
                    // Rounded up: a threshold is reached at equality.
                    let share = (self.clock.budget.amount() * hundredths + 9_999) / 10_000;
                    match self.clock.budget {
                        Budget::BusinessDays(_) => {
                            self.days.business_days_reached(attempt, share, at)?
                        }
                        Budget::Elapsed(_) => {
                            attempt.running_nanos(at) >= i128::from(share) * SECOND
                        }
                    }
                }
            };
            if reached {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn rows(&self, timeline: &[(i128, usize)], as_of: i128) -> Result<Vec<Row>, Error> {
        let mut rows = Vec::new();
        let mut open: Option<Attempt> = None;
        let mut attempts = 0;
        for &(at, event) in timeline {
            let clock = self.clock;
            let starts = self.has(&clock.start, event);
            let ending = if starts {
                Some(Ending::Cancel)
            } else if self.has(&clock.stop, event) {
                Some(Ending::Stop)
            } else if self.has(&clock.fail, event) {
                Some(Ending::Fail)
            } else if self.has(&clock.cancel, event) {
                Some(Ending::Cancel)
            } else {
                None
            };
            if let (Some(ending), Some(attempt)) = (ending, open.as_mut()) {
                // An event that ends an attempt while it is paused ends the pause at the same
                // instant: the row shows the deadline that gives.
                if attempt.is_paused() {
                    attempt.runs.push((at, None));
                }
                rows.push(self.ended(attempt, at, ending)?);
                open = None;
            }
            if starts {
                attempts += 1;
                open = Some(Attempt {
                    number: attempts,
                    start: at,
                    rule: self.rule,
                    runs: vec![(at, None)],
                });
                continue;
            }
            let Some(attempt) = open.as_mut() else {
                continue; // not started, or just ended: nothing applies
            };
            if self.has(&clock.pause, event) && !attempt.is_paused() {
                // Once the budget is used up (at the deadline) the deadline stands: the pause
                // changes nothing. For a budget of 1 or more this is "the budget used by the
                // pause is the whole budget"; for a budget of 0 business days, whose deadline
                // is the close of its due date, a pause before that close still applies (the
                // engine's reading of "used up before the pause"; the SPEC does not single it
                // out).
                let deadline = self.deadline(attempt)?.map(|(_, deadline)| deadline);
                if deadline.is_some_and(|deadline| at < deadline) {
                    attempt.runs.last_mut().unwrap().1 = Some(at);
                }
            } else if self.has(&clock.resume, event) && attempt.is_paused() {
                attempt.runs.push((at, None));
            }
        }
        match open {
            Some(attempt) => rows.push(self.open(&attempt, as_of)?),
            None if attempts == 0 => {
                let budget = self.clock.budget.ticks();
                rows.push(self.row(None, None, None, "not_started", 0, budget, None));
            }
            None => {}
        }
        Ok(rows)
    }

    /// The row of an attempt ended at `at`.
    fn ended(&self, attempt: &Attempt, at: i128, ending: Ending) -> Result<Row, Error> {
        let deadline = self.deadline(attempt)?;
        let status = match ending {
            Ending::Stop => match deadline {
                Some((_, deadline)) if at >= deadline => "breached",
                _ => "met",
            },
            Ending::Fail => "failed",
            Ending::Cancel => "cancelled",
        };
        let used = self.used(attempt, at)?;
        let remaining = self.remaining(deadline, at, used)?;
        let at_risk_from = self.at_risk_from(attempt, at)?;
        Ok(self.row(
            Some(attempt),
            deadline,
            Some(at),
            status,
            used,
            remaining,
            at_risk_from,
        ))
    }

    /// The row of an attempt still open at as-of.
    fn open(&self, attempt: &Attempt, as_of: i128) -> Result<Row, Error> {
        let deadline = self.deadline(attempt)?;
        let status = match deadline {
            None => "paused",
            Some((_, deadline)) if as_of >= deadline => "overdue",
            Some(_) if self.at_risk(attempt, as_of)? => "at_risk",
            Some(_) => "running",
        };
        let used = self.used(attempt, as_of)?;
        let remaining = self.remaining(deadline, as_of, used)?;
        let at_risk_from = self.at_risk_from(attempt, as_of)?;
        Ok(self.row(
            Some(attempt),
            deadline,
            None,
            status,
            used,
            remaining,
            at_risk_from,
        ))
    }

    /// A row of an attempt, or the `not_started` row.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        attempt: Option<&Attempt>,
        deadline: Option<(NaiveDate, i128)>,
        stop: Option<i128>,
        status: &str,
        used: i128,
        remaining: i128,
        at_risk_from: Option<i128>,
    ) -> Row {
        let budget = &self.clock.budget;
        let instant =
            |at: Option<i128>| at.map(|at| rfc3339(self.days.zone, at)).unwrap_or_default();
        let columns = [
            self.record_id.to_owned(),
            self.clock.name.to_owned(),
            attempt.map_or(1, |attempt| attempt.number).to_string(),
            self.calendar_id.to_owned(),
            instant(attempt.map(|attempt| attempt.start)),
            deadline
                .map(|(date, _)| date.to_string())
                .unwrap_or_default(),
            instant(deadline.map(|(_, at)| at)),
            instant(stop),
            status.to_owned(),
            amount(used, budget.unit_size()),
            amount(remaining, budget.unit_size()),
            budget.unit_name().to_owned(),
        ];
        Row {
            columns,
            at_risk_from: instant(at_risk_from),
        }
    }
}

/// The close of a date in a zone (no business hours): the first instant whose local date is
/// after it, i.e. the local midnight that ends it, the end of the gap when a DST change skips
/// that midnight, and its first occurrence when a change repeats it. In nanoseconds, but
/// always a whole second (offsets are whole seconds).
pub fn close(zone: Tz, date: NaiveDate) -> i128 {
    let local_date = |at: i64| {
        utc(i128::from(at) * SECOND)
            .with_timezone(&zone)
            .date_naive()
    };
    let next = date
        .succ_opt()
        .expect("dates in tests are far from the end of time");
    let midnight = next.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp();
    // Offsets are within ±14 hours, so the local date is not yet after `date` 36 hours before
    // that midnight read as UTC, and is after it 36 hours later: search between, by seconds.
    let (mut before, mut after) = (midnight - 36 * 3_600, midnight + 36 * 3_600);
    assert!(local_date(before) <= date && local_date(after) > date);
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if local_date(middle) > date {
            after = middle;
        } else {
            before = middle;
        }
    }
    i128::from(after) * SECOND
}

/// The UTC offset of a zone at an instant, in seconds.
pub fn offset(zone: Tz, at: i128) -> i32 {
    use chrono::Offset as _;
    utc(at)
        .with_timezone(&zone)
        .offset()
        .fix()
        .local_minus_utc()
}

/// The local date of an instant in a zone.
pub fn local_date(zone: Tz, at: i128) -> NaiveDate {
    utc(at).with_timezone(&zone).date_naive()
}

fn utc(at: i128) -> DateTime<Utc> {
    let seconds = i64::try_from(at.div_euclid(SECOND)).expect("instants in tests fit");
    let nanos = u32::try_from(at.rem_euclid(SECOND)).expect("below a second");
    Utc.timestamp_opt(seconds, nanos)
        .single()
        .expect("instants in tests are within chrono's range")
}

/// RFC 3339 with the zone's offset at that instant, to the second, `+00:00` rather than `Z`,
/// and the fraction of a second when there is one, without trailing zeros.
pub fn rfc3339(zone: Tz, at: i128) -> String {
    let local = utc(at).with_timezone(&zone);
    let mut text = local.format("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = at.rem_euclid(SECOND);
    if nanos != 0 {
        let digits = format!("{nanos:09}");
        text.push('.');
        text.push_str(digits.trim_end_matches('0'));
    }
    text.push_str(&local.format("%:z").to_string());
    text
}

/// An amount of ticks (business days, or nanoseconds) in units of `size` ticks: whole when
/// exact, else rounded to two decimals half away from zero, without trailing zeros.
pub fn amount(base: i128, size: i128) -> String {
    if base % size == 0 {
        return (base / size).to_string();
    }
    let hundredths = (base.abs() * 200 + size) / (2 * size);
    let sign = if base < 0 && hundredths != 0 { "-" } else { "" };
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    format!("{sign}{}", text.trim_end_matches('0').trim_end_matches('.'))
}
