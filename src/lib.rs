//! slacal: a business-day SLA engine.
//!
//! Business-day arithmetic over regional holiday calendars, fast enough for bulk work and
//! exact about its semantics: which day counts, which does not, and why.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use slacal::Calendar;
//!
//! let us = Calendar::builtin("US")?;
//! let submitted = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
//! // 15 business days after Friday 2026-11-20, skipping Thanksgiving.
//! let due = us.add_business_days(submitted, 15)?;
//! assert_eq!(due, NaiveDate::from_ymd_opt(2026, 12, 14).unwrap());
//! assert_eq!(us.business_days_between(submitted, due)?, 15);
//! assert!(!us.is_business_day(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())?);
//! # Ok::<(), slacal::Error>(())
//! ```
//!
//! # Overview
//!
//! - [`Calendar`]: a calendar's business days with O(1) arithmetic —
//!   [`Calendar::is_business_day`], [`Calendar::add_business_days`],
//!   [`Calendar::business_days_between`], [`Calendar::adjust`], holidays in a range, joint
//!   calendars (`US+GB-ENG`) and bulk forms over day numbers ([`date32`]).
//! - [`Registry`]: the built-in calendars, or those of a folder of holiday files (or of a
//!   program's own text), and calendars of a program's own ([`Registry::insert`]);
//!   [`Registry::calendar_with`] and [`Estimates`] choose whether the years after a
//!   government's last announcement are covered with estimated dates; [`CalendarInfo`] says
//!   what each calendar is (its time zone, years, sources) without building it.
//! - [`holiday`]: the holiday file format (fixed dates, n-th weekdays, Easter offsets, explicit
//!   dates, Hebrew, Chinese/Korean lunisolar and Islamic dates, solar terms, observed rules)
//!   and iCalendar export and import ([`holiday::ics`]).
//! - SLA clocks ([`sla`]): a policy (the built-in `marketplace`, or a TOML file in the format of
//!   `policies/README.md`) turns a record's events into one row per clock and attempt, and
//!   explains each deadline day by day.
//!   - [`Policy`]: events in lifecycle order, clocks, calendars and how exports map to events;
//!     [`Policy::builtin`], [`Policy::evaluate`], [`Policy::explain`].
//!   - [`sla::PolicyBuilder`]: a policy's registry and estimates, then its text, file or name.
//!   - [`sla::PolicyOrigin`]: where a policy comes from (built in, a file, a program's text).
//!   - [`Record`]: a record's id, events and calendar.
//!   - [`sla::Event`], [`sla::EventId`], [`sla::EventSet`]: a record's event, a policy's event,
//!     a set of them.
//!   - [`sla::ClockSpec`]: one clock of a policy: its events, budget, thresholds, start rule.
//!   - [`sla::CalendarEntry`]: how a calendar runs under a policy (zone, hours, cutoff).
//!   - [`ClockOutcome`]: one clock attempt of one record: start, due date, deadline, stop,
//!     status, elapsed and remaining.
//!   - [`Status`]: `met`, `breached`, `running`, `at_risk`, `overdue`, `paused`, … .
//!   - [`sla::Amount`], [`sla::BusinessDays`]: `elapsed` and `remaining`, typed by kind.
//!   - [`sla::SlaDuration`], [`sla::DurationKind`], [`sla::Unit`]: a budget, its kind and the
//!     unit it is written in.
//!   - [`sla::Threshold`]: when a clock becomes `at_risk`.
//!   - [`sla::Field`], [`sla::OUTCOME_COLUMNS`]: an outcome's values as the output columns
//!     write them.
//!   - [`Explanation`], [`sla::Step`]: how a deadline was reached, step by step.
//! - Batch runs ([`io`]): exports of records (event logs and wide exports, CSV and JSON Lines,
//!   gzip) evaluated into results, rejects and a summary, nothing lost and memory flat.
//!   - [`io::Batch`]: a run's settings; [`io::Batch::run`] writes CSV or JSON Lines,
//!     [`io::Batch::run_into`] hands typed outcomes to a program.
//!   - [`io::OutcomeSink`]: where a run's outcomes and rejects go, in input order.
//!   - [`io::ResultWriter`], [`io::OutputFormat`]: outcome rows written as CSV or JSON Lines.
//!   - [`io::Reject`], [`io::RejectKind`]: a row that could not be used, where and why.
//!   - [`io::RejectSink`], [`io::RejectWriter`]: where rejects go; the rejects file.
//!   - [`io::Input`], [`io::InputFormat`]: an export from a file or standard input, gzip or not.
//!   - [`io::Layout`], [`io::Schema`]: an event log or a wide export, and its columns.
//!   - [`io::Summary`]: what a run did and what it ran with ([`io::ClockSummary`],
//!     [`io::StatusCounts`], [`io::CalendarUse`], [`io::EstimatedUse`],
//!     [`io::SummaryDisplay`]).
//!   - [`io::Output`], [`io::Target`], [`io::commit_all`], [`io::abandon`],
//!     [`io::check_distinct`]: outputs written atomically and committed together.
//!   - [`io::Shift`], [`io::ShiftSummary`]: a CSV of `date,days` pairs shifted in bulk.
//!   - [`io::find_record`], [`io::Found`]: one record of an export, gathered to explain.
//!   - [`io::Generator`]: synthetic exports of offers, for tests and benchmarks.
//! - [`Schedule`], [`Instant`]: a calendar in a time zone with business hours, cutoff and
//!   closures; working-time arithmetic; DST rules ([`Disambiguation`], [`to_instant`]).
//! - [`Error`]: the one error type, with predicates ([`Error::is_range`], [`Error::is_data`],
//!   [`Error::is_input`], [`Error::is_estimates_needed`], ...).
//!
//! Dependencies point one way: calendar → holiday → clock → sla → io. The design notes
//! ([`design`]) give the layering and the rule of the public surface.
//!
//! # Cookbook
//!
//! Evaluate a record against the built-in marketplace policy (`US` run in Los Angeles):
//!
//! ```
//! use slacal::{Instant, Policy, Record};
//!
//! let policy = Policy::builtin("marketplace")?;
//! let mut record = Record::new("offer-42");
//! let events = [
//!     ("submitted", "2026-11-20T09:15:00-08:00"),
//!     ("prerequisites_validated", "2026-11-20T09:25:00-08:00"),
//!     ("certification_passed", "2026-12-03T16:00:00-08:00"),
//! ];
//! for (event, at) in events {
//!     // An unknown event name is an error for that row.
//!     record.push(policy.event(event)?, policy.parse_instant(at)?);
//! }
//! let as_of = Instant::parse("2026-12-04T12:00:00-08:00")?;
//! let rows: Vec<String> = policy
//!     .evaluate(&record, as_of)?
//!     .iter()
//!     .map(|row| row.fields().map(|field| field.to_string()).join(","))
//!     .collect();
//! assert_eq!(slacal::sla::OUTCOME_COLUMNS.join(","),
//!     "record_id,clock,attempt,calendar,start,due_date,deadline,stop,status,elapsed,remaining,unit,estimated");
//! assert_eq!(rows, [
//!     "offer-42,validation,1,US,2026-11-20T09:15:00-08:00,2026-11-20,2026-11-20T09:30:00-08:00,2026-11-20T09:25:00-08:00,met,10,5,minutes,false",
//!     "offer-42,certification,1,US,2026-11-20T09:15:00-08:00,2026-12-14,2026-12-15T00:00:00-08:00,2026-12-03T16:00:00-08:00,met,7,8,business_days,false",
//!     "offer-42,packaging,1,US,2026-12-03T16:00:00-08:00,2026-12-03,2026-12-03T17:00:00-08:00,,overdue,20,-19,hours,false",
//!     "offer-42,release,1,US,,,,,not_started,0,97,hours,false",
//!     "offer-42,publish,1,US,2026-11-20T09:15:00-08:00,2026-12-07,2026-12-08T00:00:00-08:00,,at_risk,8,2,business_days,false",
//! ]);
//! // How the publish deadline was reached, day by day.
//! let explanation = policy.explain(&record, as_of)?.remove(4);
//! let text = explanation.to_string();
//! assert!(text.contains("2026-11-26 Thu  not counted: Thanksgiving Day (US)"));
//! assert!(text.contains("due date 2026-12-07, deadline 2026-12-08T00:00:00-08:00"));
//! # Ok::<(), slacal::Error>(())
//! ```
//!
//! A joint calendar, closed when either region is:
//!
//! ```
//! use chrono::NaiveDate;
//!
//! let both = slacal::Calendar::builtin("US+GB-ENG")?;
//! let date = NaiveDate::from_ymd_opt(2026, 5, 22).unwrap(); // Friday before two Monday holidays
//! assert_eq!(both.next_business_day(date)?.to_string(), "2026-05-26");
//! # Ok::<(), slacal::Error>(())
//! ```
//!
//! Bulk arithmetic over a column of Arrow `Date32` values:
//!
//! ```
//! use slacal::{date32, Calendar};
//!
//! let de = Calendar::builtin("DE")?;
//! let dates = [date32::parse_iso(b"2026-12-23")?, date32::parse_iso(b"2026-04-02")?];
//! let mut due = [0; 2];
//! de.add_business_days_bulk(&dates, &[2, 1], &mut due)?;
//! assert_eq!(due, [date32::parse_iso(b"2026-12-28")?, date32::parse_iso(b"2026-04-07")?]);
//! # Ok::<(), slacal::Error>(())
//! ```

#![deny(missing_docs)]

mod calendar;
mod clock;
mod error;
pub mod holiday;
pub mod io;
pub mod sla;
mod text;
mod toml_util;

pub use calendar::date32;
pub use calendar::{
    Calendar, CalendarBuilder, Convention, DayInfo, Holiday, StartRule, WorkingDay,
};
pub use clock::{
    DayHours, Disambiguation, Instant, Rfc3339, Schedule, ScheduleBuilder, TimeOfDay, TimeSpan,
    WeeklyHours, WorkingTime, to_instant,
};
pub use error::Error;
pub use holiday::load::KnownThrough;
pub use holiday::registry::{CalendarInfo, Estimates, Registry};
pub use sla::explain::Explanation;
pub use sla::outcome::{ClockOutcome, Status};
pub use sla::policy::Policy;
pub use sla::record::Record;

/// The Levenshtein distance of two short strings, for "did you mean" hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

#[cfg(any(doc, doctest))]
#[doc = include_str!("../DESIGN.md")]
pub mod design {}
