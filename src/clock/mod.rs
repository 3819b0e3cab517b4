//! Business time: instants, time zones, business hours and working-time arithmetic.
//!
//! A calendar says which dates are business days; a [`Schedule`] puts that calendar in a time
//! zone with business hours, so that a business day has a **close** (the end of its hours, or
//! its local midnight when there are none) and time has a **working** part (time inside the
//! hours).
//!
//! - [`Instant`]: a point in time to the nanosecond, parsed from RFC 3339 or from a local time in
//!   a zone, written back in RFC 3339 with a zone's offset.
//! - [`to_instant`] and [`Disambiguation`]: the one conversion from a local time to an instant,
//!   with a named rule for the times that DST changes skip or repeat.
//! - [`TimeOfDay`], [`TimeSpan`], [`WeeklyHours`]: business hours per weekday, one or several
//!   spans a day.
//! - [`Schedule`]: a calendar, its zone, hours, date-specific hours, timed closures and cutoff;
//!   closes, day 0 of a business-day count, and working-time arithmetic.
//!
//! # Hours across DST changes
//!
//! Hours are wall-clock times: a business day of 09:00–17:00 is 09:00–17:00 local time on the
//! day the clocks move, too, and it is eight physical hours long. A span that contains the
//! change is shorter or longer by the change: 00:00–24:00 is 23 hours on the day the clocks go
//! forward and 25 on the day they go back. Boundaries in a gap are the end of the gap, and in a
//! fold the first time the clock shows them ([`Disambiguation::FirstReached`]). Local times in
//! records are [`Disambiguation::Compatible`] unless told otherwise.
//!
//! # Example
//!
//! ```
//! use slacal::{Calendar, Instant, Schedule};
//!
//! // The US calendar, run in Los Angeles, without business hours: days close at midnight.
//! let schedule = Schedule::builder(Calendar::builtin("US")?, chrono_tz::America::Los_Angeles)
//!     .build()?;
//! // 23:30 local on Wednesday 2026-11-18 is already Thursday in New York, but day 0 is the
//! // local date in the schedule's zone.
//! let start = Instant::parse("2026-11-18T23:30:00-08:00")?;
//! assert_eq!(schedule.day_zero(start)?.to_string(), "2026-11-18");
//! # Ok::<(), slacal::Error>(())
//! ```

mod hours;
mod instant;
mod schedule;
#[cfg(test)]
mod tests;
mod zone;

pub(crate) use hours::check_spans;
pub use hours::{TimeOfDay, TimeSpan, WeeklyHours};
pub(crate) use instant::fraction_digits;
pub use instant::{Instant, Rfc3339};
pub use schedule::{DayHours, Schedule, ScheduleBuilder, WorkingTime};
pub use zone::{Disambiguation, to_instant};
// The one cache of UTC offsets, for the layers above that convert many instants.
#[allow(unused_imports)]
pub(crate) use zone::{local_day, offset_at_cached};
