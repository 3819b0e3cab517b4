//! Business time: instants, time zones, business hours and working-time arithmetic (the
//! items are re-exported at the crate root; the module is private).
//!
//! - [`Instant`]: a point in time to the nanosecond, parsed from RFC 3339 or from a local time in
//!   a zone, written back in RFC 3339 with a zone's offset ([`Rfc3339`]).
//! - [`to_instant`] and [`Disambiguation`]: the one conversion from a local time to an instant,
//!   with a named rule for the times that DST changes skip or repeat.
//! - [`TimeOfDay`], [`TimeSpan`], [`WeeklyHours`]: business hours per weekday, one or several
//!   spans a day.
//! - [`Schedule`]: a calendar in a zone, with hours, date-specific hours, timed closures and
//!   cutoff; closes, day 0 of a business-day count, and working-time arithmetic (DST rules in
//!   its documentation).

mod hours;
mod instant;
mod schedule;
#[cfg(test)]
mod tests;
mod zone;

pub(crate) use hours::check_spans;
pub use hours::{TimeOfDay, TimeSpan, WeeklyHours};
pub(crate) use instant::rfc3339_parts;
pub use instant::{Instant, Rfc3339};
pub use schedule::{DayHours, Schedule, ScheduleBuilder, WorkingTime};
pub use zone::{Disambiguation, to_instant};
// The one cache of UTC offsets, for the layers above that convert many instants.
#[allow(unused_imports)]
pub(crate) use zone::{local_day, offset_at_cached};
