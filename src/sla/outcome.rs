//! Outcomes: the result of one clock attempt of one record, a row of the output.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::duration::{Amount, Unit};
use super::policy::EventId;
use crate::calendar::date32;
use crate::clock::{Instant, Rfc3339};

/// The status of a clock attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// Stopped strictly before the deadline.
    Met,
    /// Stopped at or after the deadline.
    Breached,
    /// Running, before any at-risk threshold.
    Running,
    /// Running, an at-risk threshold reached, not yet overdue.
    AtRisk,
    /// Running at or past the deadline.
    Overdue,
    /// Paused.
    Paused,
    /// Never started.
    NotStarted,
    /// Ended by a failing event.
    Failed,
    /// Ended by a cancel event, or by a new start while open.
    Cancelled,
}

impl Status {
    /// The status as written in outputs: `met`, `at_risk`, ….
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Breached => "breached",
            Status::Running => "running",
            Status::AtRisk => "at_risk",
            Status::Overdue => "overdue",
            Status::Paused => "paused",
            Status::NotStarted => "not_started",
            Status::Failed => "failed",
            Status::Cancelled => "cancelled",
        }
    }

    /// The status's position in [`Status::ALL`].
    pub(crate) fn index(self) -> usize {
        match self {
            Status::Met => 0,
            Status::Breached => 1,
            Status::Running => 2,
            Status::AtRisk => 3,
            Status::Overdue => 4,
            Status::Paused => 5,
            Status::NotStarted => 6,
            Status::Failed => 7,
            Status::Cancelled => 8,
        }
    }

    /// Every status, in a stable order (for summaries).
    pub const ALL: [Status; 9] = [
        Status::Met,
        Status::Breached,
        Status::Running,
        Status::AtRisk,
        Status::Overdue,
        Status::Paused,
        Status::NotStarted,
        Status::Failed,
        Status::Cancelled,
    ];
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The output columns of an evaluation, in order; [`ClockOutcome::fields`] gives a row's
/// values in the same order. `estimated` is [`ClockOutcome::is_estimated`].
pub const OUTCOME_COLUMNS: [&str; 13] = [
    "record_id",
    "clock",
    "attempt",
    "calendar",
    "start",
    "due_date",
    "deadline",
    "stop",
    "status",
    "elapsed",
    "remaining",
    "unit",
    "estimated",
];

/// One output value of a [`ClockOutcome`], written as the output columns want it.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Field<'a> {
    /// Nothing: an empty column.
    Empty,
    /// Text as is.
    Text(&'a str),
    /// A whole number.
    Number(u32),
    /// A date, `YYYY-MM-DD`.
    Date(NaiveDate),
    /// An instant in RFC 3339 with the calendar's offset, to the second, with the fraction of
    /// a second when it has one.
    Instant(Rfc3339),
    /// An amount in a unit: whole, or rounded to two decimals ([`Unit::format`]).
    Amount(Amount, Unit),
    /// A yes or no: `true` or `false`.
    Flag(bool),
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Empty => Ok(()),
            Field::Text(text) => f.write_str(text),
            Field::Number(n) => write!(f, "{n}"),
            Field::Date(date) => write!(f, "{date}"),
            Field::Instant(instant) => write!(f, "{instant}"),
            Field::Amount(amount, unit) => f.write_str(&unit.format(*amount)),
            Field::Flag(flag) => write!(f, "{flag}"),
        }
    }
}

/// The result of one clock attempt of one record: a row of the output.
///
/// # Example
///
/// ```
/// use slacal::{Policy, Record, Status};
///
/// let policy = Policy::builtin("marketplace")?;
/// let mut record = Record::new("offer-7");
/// record.push(policy.event("submitted")?, policy.parse_instant("2026-11-20T09:00:00-08:00")?);
/// let as_of = policy.parse_instant("2026-11-25T12:00:00-08:00")?;
/// let rows = policy.evaluate(&record, as_of)?;
/// let certification = rows.iter().find(|r| r.clock() == "certification").unwrap();
/// assert_eq!(certification.status(), Status::Running);
/// // Day 0 is Friday 2026-11-20; the 15th business day after it, skipping Thanksgiving, is
/// // Monday 2026-12-14, which closes at midnight in Los Angeles.
/// assert_eq!(certification.due_date_text().to_string(), "2026-12-14");
/// assert_eq!(certification.deadline_text().to_string(), "2026-12-15T00:00:00-08:00");
/// assert_eq!(certification.elapsed_text().to_string(), "2"); // Monday and Tuesday have closed
/// assert_eq!(certification.unit().name(), "business_days");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockOutcome {
    pub(crate) record_id: Arc<str>,
    pub(crate) clock: &'static str,
    pub(crate) clock_index: usize,
    pub(crate) attempt: u32,
    pub(crate) calendar: &'static str,
    pub(crate) zone: Tz,
    pub(crate) start: Option<Instant>,
    pub(crate) start_event: Option<EventId>,
    /// A day number ([`crate::date32`]): converted to a date only when asked.
    pub(crate) due_date: Option<i32>,
    pub(crate) deadline: Option<Instant>,
    pub(crate) stop: Option<Instant>,
    pub(crate) stop_event: Option<EventId>,
    pub(crate) status: Status,
    pub(crate) elapsed: i64,
    pub(crate) remaining: i64,
    pub(crate) unit: Unit,
    pub(crate) at_risk_from: Option<Instant>,
    /// The estimated years of the calendar that the row depends on (first, last).
    pub(crate) estimated: Option<(i32, i32)>,
}

impl ClockOutcome {
    /// The record's id.
    #[must_use]
    pub fn record_id(&self) -> &str {
        &self.record_id
    }

    /// The clock's name.
    #[must_use]
    pub fn clock(&self) -> &str {
        self.clock
    }

    /// The attempt's number, from 1.
    #[must_use]
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The calendar's id.
    #[must_use]
    pub fn calendar(&self) -> &str {
        self.calendar
    }

    /// The zone the calendar ran in.
    #[must_use]
    pub fn time_zone(&self) -> Tz {
        self.zone
    }

    /// When the attempt started.
    #[must_use]
    pub fn start(&self) -> Option<Instant> {
        self.start
    }

    /// The event that started the attempt.
    #[must_use]
    pub fn start_event(&self) -> Option<EventId> {
        self.start_event
    }

    /// The due date: for a business-day budget the day the count reaches the budget, else the
    /// local date of the deadline. `None` while paused with budget left, or never started;
    /// an attempt ended while paused shows the due date that ending the pause gives.
    #[must_use]
    pub fn due_date(&self) -> Option<NaiveDate> {
        self.due_date.map(date32::to_naive_in_range)
    }

    /// [`ClockOutcome::due_date`] as a day number of [`crate::date32`] (days since
    /// 1970-01-01, the Arrow `Date32` value), for programs that store or format dates
    /// themselves.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Instant, Policy, Record};
    ///
    /// let policy = Policy::builtin("marketplace")?;
    /// let mut record = Record::new("offer-1");
    /// record.push(policy.event("submitted")?, Instant::parse("2026-11-20T09:00:00-08:00")?);
    /// let rows = policy.evaluate(&record, Instant::parse("2026-11-22T12:00:00Z")?)?;
    /// let row = &rows[0];
    /// assert_eq!(row.due_day().map(slacal::date32::to_naive).transpose()?, row.due_date());
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn due_day(&self) -> Option<i32> {
        self.due_date
    }

    /// The deadline: a stop strictly before it meets the budget.
    #[must_use]
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// When the attempt ended (stopped, failed or cancelled).
    #[must_use]
    pub fn stop(&self) -> Option<Instant> {
        self.stop
    }

    /// The event that ended the attempt.
    #[must_use]
    pub fn stop_event(&self) -> Option<EventId> {
        self.stop_event
    }

    /// The status.
    #[must_use]
    pub fn status(&self) -> Status {
        self.status
    }

    /// The budget used, at the stop or at as-of: business days, or business or elapsed time
    /// to the nanosecond, as the budget's kind is; [`ClockOutcome::unit`] says how it is
    /// written.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::sla::{Amount, BusinessDays, Unit};
    /// use slacal::{Policy, Record};
    ///
    /// let policy = Policy::builtin("marketplace")?;
    /// let mut record = Record::new("offer-7");
    /// record.push(policy.event("submitted")?, policy.parse_instant("2026-11-20T09:00:00-08:00")?);
    /// let rows = policy.evaluate(&record, policy.parse_instant("2026-11-25T12:00:00-08:00")?)?;
    /// assert_eq!(rows[1].elapsed(), Amount::BusinessDays(BusinessDays(2)));
    /// assert_eq!(rows[1].remaining(), Amount::BusinessDays(BusinessDays(13)));
    /// assert_eq!(rows[0].unit(), Unit::Minutes);
    /// assert_eq!(rows[0].remaining().in_unit(Unit::Minutes), -7365.0); // 15 minutes, long past
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn elapsed(&self) -> Amount {
        Amount::from_ticks(self.unit.kind(), self.elapsed)
    }

    /// The budget left, of the kind [`ClockOutcome::elapsed`] is; on a row whose stop or as-of
    /// is at or past its deadline, minus the time past the deadline, rounded away from zero to
    /// a business day or a hundredth of the unit, and at least that: negative exactly on the
    /// rows that missed their deadline.
    #[must_use]
    pub fn remaining(&self) -> Amount {
        Amount::from_ticks(self.unit.kind(), self.remaining)
    }

    /// The unit `elapsed` and `remaining` are written in: the budget's.
    #[must_use]
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// When the first at-risk threshold was reached, if one was by the stop or as-of.
    #[must_use]
    pub fn at_risk_from(&self) -> Option<Instant> {
        self.at_risk_from
    }

    /// True when the row depends on a year whose holidays are estimates, not announced yet
    /// (see [`crate::Estimates`]): its calendar covers estimated years, and a day from the
    /// start's local date through the later of the due date and the day the row is measured
    /// at (the stop, or as-of for an open attempt) falls in one of them. Only clocks that
    /// count business days or business time (in their budget or an at-risk threshold) read
    /// the calendar's days; an elapsed clock never depends on them. A row that never started
    /// depends on nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Policy, Record};
    ///
    /// let policy = Policy::builtin("marketplace")?; // `estimates = "allow"`
    /// let mut record = Record::new("offer-cn");
    /// record.push(policy.event("submitted")?, policy.parse_instant("2026-12-15T10:00:00+08:00")?);
    /// record.set_calendar("CN")?;
    /// let rows = policy.evaluate(&record, policy.parse_instant("2026-12-16T00:00:00Z")?)?;
    /// let certification = rows.iter().find(|r| r.clock() == "certification").unwrap();
    /// // 15 business days from 15 December 2026 end in January 2027, not announced yet in China.
    /// assert_eq!(certification.due_date().unwrap().to_string(), "2027-01-06");
    /// assert!(certification.is_estimated());
    /// assert_eq!(certification.estimated_years(), Some((2027, 2027)));
    /// let validation = rows.iter().find(|r| r.clock() == "validation").unwrap();
    /// assert!(!validation.is_estimated()); // 15 minutes of elapsed time
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn is_estimated(&self) -> bool {
        self.estimated.is_some()
    }

    /// The estimated years the row depends on (first, last), if any (see
    /// [`ClockOutcome::is_estimated`]).
    #[must_use]
    pub fn estimated_years(&self) -> Option<(i32, i32)> {
        self.estimated
    }

    fn instant(&self, instant: Option<Instant>) -> Field<'_> {
        instant.map_or(Field::Empty, |i| Field::Instant(i.rfc3339(self.zone)))
    }

    /// The `start` column.
    #[must_use]
    pub fn start_text(&self) -> Field<'_> {
        self.instant(self.start)
    }

    /// The `due_date` column.
    #[must_use]
    pub fn due_date_text(&self) -> Field<'_> {
        self.due_date().map_or(Field::Empty, Field::Date)
    }

    /// The `deadline` column.
    #[must_use]
    pub fn deadline_text(&self) -> Field<'_> {
        self.instant(self.deadline)
    }

    /// The `stop` column.
    #[must_use]
    pub fn stop_text(&self) -> Field<'_> {
        self.instant(self.stop)
    }

    /// The `elapsed` column.
    #[must_use]
    pub fn elapsed_text(&self) -> Field<'_> {
        Field::Amount(self.elapsed(), self.unit)
    }

    /// The `remaining` column.
    #[must_use]
    pub fn remaining_text(&self) -> Field<'_> {
        Field::Amount(self.remaining(), self.unit)
    }

    /// The row's values, in the order of [`OUTCOME_COLUMNS`].
    #[must_use]
    pub fn fields(&self) -> [Field<'_>; 13] {
        [
            Field::Text(&self.record_id),
            Field::Text(self.clock),
            Field::Number(self.attempt),
            Field::Text(self.calendar),
            self.start_text(),
            self.due_date_text(),
            self.deadline_text(),
            self.stop_text(),
            Field::Text(self.status.name()),
            self.elapsed_text(),
            self.remaining_text(),
            Field::Text(self.unit.name()),
            Field::Flag(self.is_estimated()),
        ]
    }
}
