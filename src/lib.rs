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
//! - [`Registry`]: the built-in calendars, or those of a folder of holiday files.
//! - [`holiday`]: the holiday rule model (fixed dates, n-th weekdays, Easter offsets, explicit
//!   dates, observed rules) and the TOML file format.
//! - [`Error`]: the one error type, with predicates ([`Error::is_range`], [`Error::is_data`],
//!   [`Error::is_input`]).
//!
//! # Cookbook
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
pub mod clock;
mod error;
pub mod holiday;
pub mod sla;

pub use calendar::date32;
pub use calendar::{
    Calendar, CalendarBuilder, Convention, DayInfo, Holiday, StartRule, WorkingDay,
};
pub use clock::{
    DayHours, Disambiguation, Instant, Schedule, ScheduleBuilder, TimeOfDay, TimeSpan, WeeklyHours,
    WorkingTime, to_instant,
};
pub use error::Error;
pub use holiday::{CalendarInfo, Registry};
pub use sla::{
    ClockOutcome, ClockSpec, DurationKind, Event, EventId, EventSet, Explanation, Field,
    OUTCOME_COLUMNS, Policy, Record, SlaDuration, Status, Step, Threshold, Unit,
};
