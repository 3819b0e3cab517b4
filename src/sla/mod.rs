//! SLA clocks: policies, evaluation of a record's events, and explanations.
//!
//! A [`Policy`] defines clocks ([`ClockSpec`]): the events that start, stop, fail, cancel,
//! pause and resume each, a budget ([`SlaDuration`]: business days, business time or elapsed
//! time) and at-risk [`Threshold`]s, over a calendar running in a zone with business hours
//! ([`Schedule`]). [`Policy::evaluate`] turns a [`Record`]'s events into one [`ClockOutcome`]
//! per clock and attempt, as of an instant, with its [`Status`] and its `elapsed` and
//! `remaining` as typed [`Amount`]s; [`Policy::explain`] says how each deadline was reached
//! ([`Explanation`], [`Step`]). Policies are built with [`PolicyBuilder`]; their file format
//! is described in `policies/README.md`.
//!
//! The main types ([`Policy`], [`Record`], [`ClockOutcome`], [`Status`], [`Explanation`]) are
//! at the crate's root; this module holds the others.
//!
//! # Business-day clocks, precisely
//!
//! The start day is day 0 and is free, whatever kind of day it is. Each later business day
//! counts once the clock is running at that day's close (the end of its business hours, or
//! local midnight when the calendar has none): running in the moment just before the close,
//! so a pause or stop exactly at a close still counts that day, and a resume exactly at a
//! close does not. The due date is the day on which the count reaches the budget; the deadline
//! is that day's close, and a stop strictly before the deadline meets it. A start after the
//! cutoff makes the next day day 0. Day 0 is the local date of the start in the calendar's
//! zone, whatever offset the input used. So with no pause a budget of `n` business days is due
//! on [`Calendar::add_business_days`]`(day 0, n)`, the date `slacal add` gives.
//!
//! That is the start rule `next-day` ([`StartRule::NextDay`]), the default. A policy, or one
//! clock, may choose `start_rule = "roll-forward"` ([`StartRule::RollForward`]): a start on a
//! non-business day, or after the cutoff, then makes the next business day day 0 ("received
//! on the next business day": Sunday + 1 business day is Tuesday). Explanations and
//! `slacal policy show` name the rule in force.
//!
//! Instants keep their fraction of a second, to the nanosecond, through evaluation and
//! output. A row whose stop or as-of is at or past its deadline has a negative `remaining`:
//! the time past the deadline, rounded away from zero in the budget's unit.
//!
//! [`Calendar::add_business_days`]: crate::Calendar::add_business_days
//! [`StartRule::NextDay`]: crate::StartRule::NextDay
//! [`StartRule::RollForward`]: crate::StartRule::RollForward
//! [`Schedule`]: crate::Schedule
//! [`Policy`]: crate::Policy
//! [`Policy::evaluate`]: crate::Policy::evaluate
//! [`Policy::explain`]: crate::Policy::explain
//! [`Record`]: crate::Record
//! [`ClockOutcome`]: crate::ClockOutcome
//! [`Status`]: crate::Status
//! [`Explanation`]: crate::Explanation

mod duration;
mod eval;
pub(crate) mod explain;
pub(crate) mod intern;
mod meter;
pub(crate) mod outcome;
pub(crate) mod policy;
pub(crate) mod record;
#[cfg(test)]
mod tests;

pub use duration::{Amount, BusinessDays, DurationKind, SlaDuration, Threshold, Unit};
pub use explain::Step;
pub use outcome::{Field, OUTCOME_COLUMNS};
pub use policy::{CalendarEntry, ClockSpec, EventId, EventSet, PolicyBuilder, PolicyOrigin};
pub use record::Event;
