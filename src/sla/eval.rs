//! Evaluation: a record's events, as of an instant, into one outcome per clock and attempt.
//!
//! For each clock the events are replayed in time order (events at the same instant in the
//! policy's lifecycle order, exact duplicates once, events after as-of not at all):
//!
//! - a start event opens a new attempt, ending an attempt still open as `cancelled`;
//! - a stop event ends the attempt, `met` when strictly before the deadline, else `breached`;
//!   a fail event ends it as `failed`, a cancel event as `cancelled`. An event that ends an
//!   attempt while it is paused ends the pause at the same instant first, so that its row
//!   shows the deadline that gives;
//! - a pause event pauses a running attempt, unless its budget is already used up (the
//!   deadline stands); a resume event resumes a paused one;
//! - any other event, or one that does not apply to the clock's state, is ignored for it.
//!
//! An attempt still open at as-of is `paused`, `overdue` (as-of at or past the deadline),
//! `at_risk` (a threshold reached) or `running`, in that order of precedence. A clock that
//! never started gives one `not_started` row.
//!
//! Budgets are measured by kind: business days count the business days after day 0 (chosen by
//! the clock's start rule) whose close the clock was running at (the moment just before the
//! close); business time is working time while running; elapsed time is physical time while
//! running, to the nanosecond. `remaining` is the budget left, or, on a row whose stop or
//! as-of is at or past its deadline, minus the time past the deadline, rounded away from zero
//! to what is written (a business day, or a hundredth of the unit): negative exactly on the
//! rows that missed their deadline. Evaluation reads no clock and no local zone: the same
//! record, policy and as-of always give the same rows.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::duration::{DurationKind, SlaDuration, Threshold, Unit};
use super::policy::{ClockSpec, EventId, MAX_THRESHOLDS, Policy, Runtime};
use crate::calendar::date32;
use crate::clock::{Instant, Rfc3339, Schedule};
use crate::{Error, StartRule};

/// One event of a record: which event, when, and the input row it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Event {
    /// The event.
    pub event: EventId,
    /// When it happened.
    pub at: Instant,
    /// The input row (line or record number) it came from, for messages.
    pub row: u64,
}

/// A record: an id, its events and an optional calendar override.
///
/// Events are kept in time order, events at the same instant in the policy's lifecycle order,
/// so the order in which they are pushed does not matter. An exact duplicate (same event, same
/// instant) is kept once, with the smallest row.
///
/// # Example
///
/// ```
/// use slacal::{Policy, Record};
///
/// let policy = Policy::builtin("marketplace")?;
/// let mut record = Record::new("offer-1");
/// let live = policy.event("live")?;
/// let submitted = policy.event("submitted")?;
/// record.push(live, policy.parse_instant("2026-12-01T12:00:00-08:00")?, 3);
/// record.push(submitted, policy.parse_instant("2026-11-20T09:00:00-08:00")?, 2);
/// assert!(!record.push(submitted, policy.parse_instant("2026-11-20T17:00:00Z")?, 9)); // duplicate
/// assert_eq!(record.events()[0].event, submitted);
/// assert_eq!(record.events().len(), 2);
/// record.set_calendar("GB-ENG", 2)?;
/// assert!(record.set_calendar("DE", 3).is_err());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    id: Arc<str>,
    events: Vec<Event>,
    calendar: Option<(String, u64)>,
}

impl Record {
    /// An empty record.
    #[must_use]
    pub fn new(id: impl Into<Arc<str>>) -> Record {
        Record {
            id: id.into(),
            events: Vec::new(),
            calendar: None,
        }
    }

    /// Empties the record and gives it a new id, keeping its buffers.
    pub fn reset(&mut self, id: impl Into<Arc<str>>) {
        self.id = id.into();
        self.events.clear();
        self.calendar = None;
    }

    /// The record's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Adds an event; false when it is an exact duplicate of one already there.
    pub fn push(&mut self, event: EventId, at: Instant, row: u64) -> bool {
        let key = (at, event);
        // Events usually arrive in order: check the end first.
        let position = match self.events.last() {
            Some(last) if (last.at, last.event) < key => self.events.len(),
            _ => match self.events.binary_search_by(|e| (e.at, e.event).cmp(&key)) {
                Ok(found) => {
                    let kept = &mut self.events[found];
                    kept.row = kept.row.min(row);
                    return false;
                }
                Err(position) => position,
            },
        };
        self.events.insert(position, Event { event, at, row });
        true
    }

    /// Sets the record's calendar from a row's `calendar` column. An empty value sets nothing.
    ///
    /// # Errors
    ///
    /// An input error when an earlier row named a different calendar: the record is to be
    /// rejected whole.
    pub fn set_calendar(&mut self, id: &str, row: u64) -> Result<(), Error> {
        let id = id.trim();
        if id.is_empty() {
            return Ok(());
        }
        match &self.calendar {
            Some((existing, first_row)) if existing != id => Err(Error::input(format!(
                "rows {first_row} and {row} of record `{}` name different calendars (`{existing}` \
                 and `{id}`); a record runs on one calendar",
                self.id
            ))),
            Some(_) => Ok(()),
            None => {
                self.calendar = Some((id.to_owned(), row));
                Ok(())
            }
        }
    }

    /// The calendar the record names, if any.
    #[must_use]
    pub fn calendar(&self) -> Option<&str> {
        self.calendar.as_ref().map(|(id, _)| id.as_str())
    }

    /// The events, in time and lifecycle order, without duplicates.
    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }
}

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
    /// An amount of ticks (business days, or nanoseconds; see [`Unit::ticks`]) in a unit:
    /// whole, or rounded to two decimals.
    Amount(i64, Unit),
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
/// record.push(policy.event("submitted")?, policy.parse_instant("2026-11-20T09:00:00-08:00")?, 2);
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
    pub(crate) clock: Arc<str>,
    pub(crate) clock_index: usize,
    pub(crate) attempt: u32,
    pub(crate) calendar: Arc<str>,
    pub(crate) zone: Tz,
    pub(crate) start: Option<Instant>,
    pub(crate) start_event: Option<EventId>,
    pub(crate) due_date: Option<NaiveDate>,
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
        &self.clock
    }

    /// The attempt's number, from 1.
    #[must_use]
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The calendar's id.
    #[must_use]
    pub fn calendar(&self) -> &str {
        &self.calendar
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

    /// The budget used, at the stop or at as-of, in ticks: business days, or nanoseconds (see
    /// [`Unit::ticks`]).
    #[must_use]
    pub fn elapsed(&self) -> i64 {
        self.elapsed
    }

    /// The budget left, in ticks (business days, or nanoseconds); on a row whose stop or as-of
    /// is at or past its deadline, minus the time past the deadline, rounded away from zero to
    /// a business day or a hundredth of the unit, and at least that: negative exactly on the
    /// rows that missed their deadline.
    #[must_use]
    pub fn remaining(&self) -> i64 {
        self.remaining
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
    /// record.push(policy.event("submitted")?, policy.parse_instant("2026-12-15T10:00:00+08:00")?, 2);
    /// record.set_calendar("CN", 2)?;
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
        self.due_date.map_or(Field::Empty, Field::Date)
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
        Field::Amount(self.elapsed, self.unit)
    }

    /// The `remaining` column.
    #[must_use]
    pub fn remaining_text(&self) -> Field<'_> {
        Field::Amount(self.remaining, self.unit)
    }

    /// The row's values, in the order of [`OUTCOME_COLUMNS`].
    #[must_use]
    pub fn fields(&self) -> [Field<'_>; 13] {
        [
            Field::Text(&self.record_id),
            Field::Text(&self.clock),
            Field::Number(self.attempt),
            Field::Text(&self.calendar),
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

/// What happened to an event, for one clock (recorded for explanations).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    Started,
    Stopped,
    Failed,
    Cancelled,
    /// A new start ended the open attempt.
    Superseded,
    Paused,
    Resumed,
    /// A pause after the budget was used up.
    PauseAfterDeadline,
    AlreadyPaused,
    NotPaused,
    NoAttempt,
    AfterAsOf,
}

/// One event's effect on one clock.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trace {
    pub(crate) attempt: u32,
    pub(crate) event: Event,
    pub(crate) effect: Effect,
}

/// How far a budget or threshold has run, by kind. Amounts are ticks: business days, or
/// nanoseconds of working or elapsed time.
#[derive(Clone, Copy, Debug)]
enum Meter {
    Days(DayMeter),
    Time(TimeMeter),
    Elapsed(ElapsedMeter),
}

#[derive(Clone, Copy, Debug)]
struct DayMeter {
    day0: i32,
    target: i64,
    /// Every business day up to here is accounted for.
    cursor: i32,
    remaining: i64,
    /// Business days after day 0 whose close fell in a finished pause.
    excluded: i64,
    paused: bool,
    /// The due day and deadline while running, once computed.
    memo: Option<(i32, Instant)>,
}

#[derive(Clone, Copy, Debug)]
struct TimeMeter {
    /// Where working time starts (after the cutoff rule).
    begin: Instant,
    target: i64,
    /// The last start or resume, and its cumulative working time.
    anchor: Instant,
    anchor_work: i128,
    remaining: i64,
    spent: i64,
    paused: bool,
    /// The deadline while running, once computed.
    memo: Option<Instant>,
}

#[derive(Clone, Copy, Debug)]
struct ElapsedMeter {
    target: i64,
    anchor: Instant,
    remaining: i64,
    spent: i64,
    paused: bool,
}

/// A span of time in nanoseconds as a tick count, or a range error past about 292 years.
fn ticks(nanos: i128) -> Result<i64, Error> {
    i64::try_from(nanos).map_err(|_| too_long())
}

/// The nanoseconds from `earlier` to `later` as a tick count.
#[inline]
fn span(later: Instant, earlier: Instant) -> Result<i64, Error> {
    later.nanos_after(earlier).ok_or_else(too_long)
}

fn too_long() -> Error {
    Error::range("a time span of more than 292 years does not fit a clock's amounts")
}

impl Meter {
    fn new(
        kind: DurationKind,
        amount: i64,
        start: Instant,
        schedule: &Schedule,
        rule: StartRule,
    ) -> Result<Meter, Error> {
        let target = super::duration::ticks(kind, amount);
        Ok(match kind {
            DurationKind::BusinessDays => {
                let day0 = schedule.day_zero_day(start, rule)?;
                Meter::Days(DayMeter {
                    day0,
                    target,
                    cursor: day0,
                    remaining: target,
                    excluded: 0,
                    paused: false,
                    memo: None,
                })
            }
            DurationKind::BusinessTime => {
                let begin = schedule.working_start(start)?;
                Meter::Time(TimeMeter {
                    begin,
                    target,
                    anchor: begin,
                    anchor_work: schedule.cumulative(begin)?,
                    remaining: target,
                    spent: 0,
                    paused: false,
                    memo: None,
                })
            }
            DurationKind::Elapsed => Meter::Elapsed(ElapsedMeter {
                target,
                anchor: start,
                remaining: target,
                spent: 0,
                paused: false,
            }),
        })
    }

    fn for_threshold(
        threshold: Threshold,
        budget: SlaDuration,
        start: Instant,
        schedule: &Schedule,
        rule: StartRule,
    ) -> Result<Meter, Error> {
        match threshold {
            Threshold::After(duration) => {
                Meter::new(duration.kind(), duration.amount(), start, schedule, rule)
            }
            Threshold::Percent(_) => {
                let share = threshold.share_of(budget).unwrap_or(budget.amount());
                Meter::new(budget.kind(), share, start, schedule, rule)
            }
        }
    }

    fn target(&self) -> i64 {
        match self {
            Meter::Days(m) => m.target,
            Meter::Time(m) => m.target,
            Meter::Elapsed(m) => m.target,
        }
    }

    fn paused(&self) -> bool {
        match self {
            Meter::Days(m) => m.paused,
            Meter::Time(m) => m.paused,
            Meter::Elapsed(m) => m.paused,
        }
    }

    /// The due day of a budget of 0 business days: day 0 when it is a business day, else the
    /// next business day (`add_business_days(day 0, 0)`), whatever the pauses: there is no
    /// day to count.
    fn zero_due(m: &DayMeter, schedule: &Schedule) -> Result<i32, Error> {
        schedule.calendar().add_business_days_date32(m.day0, 0)
    }

    /// The due day and deadline of a running business-day meter.
    fn day_deadline(m: &mut DayMeter, schedule: &Schedule) -> Result<(i32, Instant), Error> {
        if let Some(memo) = m.memo {
            return Ok(memo);
        }
        let due = if m.target == 0 {
            Meter::zero_due(m, schedule)?
        } else {
            schedule
                .calendar()
                .add_business_days_date32(m.cursor, m.remaining)?
        };
        let memo = (due, schedule.close_day(due)?);
        m.memo = Some(memo);
        Ok(memo)
    }

    /// The due day of a business-day meter; `None` while paused.
    fn due_day(&mut self, schedule: &Schedule) -> Result<Option<i32>, Error> {
        match self {
            Meter::Days(m) if !m.paused => Ok(Some(Meter::day_deadline(m, schedule)?.0)),
            _ => Ok(None),
        }
    }

    /// The instant the budget runs out if the clock keeps running; `None` while paused.
    fn deadline(&mut self, schedule: &Schedule) -> Result<Option<Instant>, Error> {
        match self {
            Meter::Days(m) if !m.paused => Ok(Some(Meter::day_deadline(m, schedule)?.1)),
            Meter::Time(m) if !m.paused => {
                if let Some(memo) = m.memo {
                    return Ok(Some(memo));
                }
                let deadline = if m.remaining == 0 {
                    m.anchor
                } else {
                    schedule.reach(
                        m.anchor_work + i128::from(m.remaining),
                        schedule.day_of(m.anchor),
                    )?
                };
                m.memo = Some(deadline);
                Ok(Some(deadline))
            }
            Meter::Elapsed(m) if !m.paused => Ok(Some(m.anchor.checked_add_nanos(m.remaining)?)),
            _ => Ok(None),
        }
    }

    /// The instant a threshold meter reaches its target: its deadline, while it is not paused
    /// before reaching it. A target of 0 business days is reached at the close of its due day
    /// (day 0, or the next business day) whatever the pauses: the count is 0 then (as a budget
    /// of 0 is due then), and no pause changes which day that is. As a deadline it would
    /// vanish while a pause covers that close and come back once resumed, so that the same
    /// attempt would be at risk from an instant that an earlier as-of had said was not.
    fn reached(&mut self, schedule: &Schedule) -> Result<Option<Instant>, Error> {
        match self {
            Meter::Days(m) if m.target == 0 => {
                Ok(Some(schedule.close_day(Meter::zero_due(m, schedule)?)?))
            }
            _ => self.deadline(schedule),
        }
    }

    /// The due date: the due day of a business-day meter, else the local date of the deadline.
    fn due_date(
        &mut self,
        schedule: &Schedule,
        deadline: Option<Instant>,
    ) -> Result<Option<NaiveDate>, Error> {
        match self {
            Meter::Days(_) => self.due_day(schedule)?.map(date32::to_naive).transpose(),
            _ => Ok(deadline.map(|d| schedule.local_date(d))),
        }
    }

    /// Pauses at `at`; false when the meter is already paused or its budget was used up by
    /// then (a pause then changes nothing).
    fn pause(&mut self, at: Instant, schedule: &Schedule) -> Result<bool, Error> {
        if self.paused() {
            return Ok(false);
        }
        if self
            .deadline(schedule)?
            .is_some_and(|deadline| deadline <= at)
        {
            return Ok(false);
        }
        match self {
            Meter::Days(m) => {
                let closed = schedule.last_closed(at)?;
                if closed > m.cursor {
                    m.remaining -= schedule.count_after(m.cursor, closed)?;
                    m.cursor = closed;
                }
                m.paused = true;
                m.memo = None;
            }
            Meter::Time(m) => {
                let worked = ticks((schedule.cumulative(at)? - m.anchor_work).max(0))?;
                m.remaining -= worked;
                m.spent += worked;
                m.paused = true;
                m.memo = None;
            }
            Meter::Elapsed(m) => {
                let worked = span(at, m.anchor)?.max(0);
                m.remaining -= worked;
                m.spent += worked;
                m.paused = true;
            }
        }
        Ok(true)
    }

    /// Resumes at `at`; false when the meter is not paused.
    fn resume(&mut self, at: Instant, schedule: &Schedule) -> Result<bool, Error> {
        if !self.paused() {
            return Ok(false);
        }
        match self {
            Meter::Days(m) => {
                let closed = schedule.last_closed(at)?;
                if closed > m.cursor {
                    m.excluded += schedule.count_after(m.cursor, closed)?;
                    m.cursor = closed;
                }
                m.paused = false;
                m.memo = None;
            }
            Meter::Time(m) => {
                m.anchor = at.max(m.begin);
                m.anchor_work = schedule.cumulative(m.anchor)?;
                m.paused = false;
                m.memo = None;
            }
            Meter::Elapsed(m) => {
                m.anchor = at;
                m.paused = false;
            }
        }
        Ok(true)
    }

    /// How much of the budget was used by `at` (at or after every event applied).
    fn elapsed(&self, at: Instant, schedule: &Schedule) -> Result<i64, Error> {
        Ok(match self {
            Meter::Days(m) => {
                let closed = schedule.last_closed(at)?;
                let mut count = schedule.count_after(m.day0, closed)? - m.excluded;
                if m.paused {
                    count -= schedule.count_after(m.cursor, closed)?;
                }
                count
            }
            Meter::Time(m) => {
                let running = if m.paused {
                    0
                } else {
                    ticks((schedule.cumulative(at)? - m.anchor_work).max(0))?
                };
                m.spent + running
            }
            Meter::Elapsed(m) => {
                let running = if m.paused {
                    0
                } else {
                    span(at, m.anchor)?.max(0)
                };
                m.spent + running
            }
        })
    }

    /// How late `end` is for a deadline it reached, in ticks, rounded away from zero to what
    /// the amounts show (a business day; a hundredth of the unit) and at least that much: a
    /// row that missed its deadline always has a negative `remaining`.
    ///
    /// Business days: the business days after the deadline that have closed by `end`, plus
    /// one for the day in progress when `end` is not exactly at a close (so a stop on the
    /// Saturday after a Friday deadline is 1 day late). Business time: the working time from
    /// the deadline to `end`; elapsed time: the physical time.
    fn lateness(
        &mut self,
        deadline: Instant,
        end: Instant,
        unit: Unit,
        schedule: &Schedule,
    ) -> Result<i64, Error> {
        let step = (unit.ticks() / 100).max(1);
        let late = match self {
            Meter::Days(m) => {
                let due = if m.paused {
                    schedule.day_of(deadline.checked_add_nanos(-1)?)
                } else {
                    Meter::day_deadline(m, schedule)?.0
                };
                let closed = schedule.last_closed(end)?;
                let counted = schedule.count_after(due, closed)?;
                let in_progress = closed < due || schedule.close_day(closed)? != end;
                return Ok((counted + i64::from(in_progress)).max(1));
            }
            Meter::Time(_) => ticks(schedule.cumulative(end)? - schedule.cumulative(deadline)?)?,
            Meter::Elapsed(_) => span(end, deadline)?,
        };
        let rounded = ((late.max(0) + step - 1) / step).max(1);
        rounded
            .checked_mul(step)
            .ok_or_else(|| Error::range("a clock's lateness does not fit its amounts"))
    }
}

/// An open attempt of a clock.
struct Attempt {
    /// False before the first start and after an attempt ended.
    open: bool,
    number: u32,
    start: Instant,
    start_event: EventId,
    budget: Meter,
    /// The first `threshold_count` are the clock's thresholds. Kept in place (an attempt is
    /// restarted, not rebuilt) so that evaluation does not copy them around.
    thresholds: [Meter; MAX_THRESHOLDS],
    threshold_count: usize,
}

/// How an attempt ended.
#[derive(Clone, Copy)]
enum Ending {
    Stop,
    Fail,
    Cancel,
}

impl Attempt {
    fn idle() -> Attempt {
        let idle = Meter::Elapsed(ElapsedMeter {
            target: 0,
            anchor: Instant::EPOCH,
            remaining: 0,
            spent: 0,
            paused: false,
        });
        Attempt {
            open: false,
            number: 0,
            start: Instant::EPOCH,
            start_event: EventId::FIRST,
            budget: idle,
            thresholds: [idle; MAX_THRESHOLDS],
            threshold_count: 0,
        }
    }

    /// Starts attempt `number` at `event`.
    fn restart(
        &mut self,
        number: u32,
        event: &Event,
        spec: &ClockSpec,
        schedule: &Schedule,
    ) -> Result<(), Error> {
        let rule = spec.start_rule;
        self.budget = Meter::new(
            spec.budget.kind(),
            spec.budget.amount(),
            event.at,
            schedule,
            rule,
        )?;
        for (slot, &threshold) in self.thresholds.iter_mut().zip(&spec.at_risk) {
            *slot = Meter::for_threshold(threshold, spec.budget, event.at, schedule, rule)?;
        }
        self.threshold_count = spec.at_risk.len().min(MAX_THRESHOLDS);
        self.number = number;
        self.start = event.at;
        self.start_event = event.event;
        self.open = true;
        Ok(())
    }

    fn pause(&mut self, at: Instant, schedule: &Schedule) -> Result<Effect, Error> {
        if self.budget.paused() {
            return Ok(Effect::AlreadyPaused);
        }
        if !self.budget.pause(at, schedule)? {
            return Ok(Effect::PauseAfterDeadline);
        }
        for meter in &mut self.thresholds[..self.threshold_count] {
            meter.pause(at, schedule)?;
        }
        Ok(Effect::Paused)
    }

    fn resume(&mut self, at: Instant, schedule: &Schedule) -> Result<Effect, Error> {
        if !self.budget.resume(at, schedule)? {
            return Ok(Effect::NotPaused);
        }
        for meter in &mut self.thresholds[..self.threshold_count] {
            meter.resume(at, schedule)?;
        }
        Ok(Effect::Resumed)
    }

    /// The earliest instant a threshold was reached, if by `at`.
    fn at_risk_from(&mut self, at: Instant, schedule: &Schedule) -> Result<Option<Instant>, Error> {
        let mut first: Option<Instant> = None;
        for meter in &mut self.thresholds[..self.threshold_count] {
            if let Some(reached) = meter.reached(schedule)?
                && reached <= at
                && first.is_none_or(|f| reached < f)
            {
                first = Some(reached);
            }
        }
        Ok(first)
    }

    /// The outcome row, ended by `ending` at `end`, or open at as-of when `ending` is `None`.
    fn outcome(
        &mut self,
        context: &Context<'_>,
        end: Instant,
        ending: Option<(Ending, EventId)>,
    ) -> Result<ClockOutcome, Error> {
        let schedule = &context.runtime.schedule;
        let deadline = self.budget.deadline(schedule)?;
        let due_date = self.budget.due_date(schedule, deadline)?;
        let elapsed = self.budget.elapsed(end, schedule)?;
        let at_risk_from = self.at_risk_from(end, schedule)?;
        let late = match deadline {
            Some(deadline) if end >= deadline => {
                Some(
                    self.budget
                        .lateness(deadline, end, context.spec.budget.unit(), schedule)?,
                )
            }
            _ => None,
        };
        let past_deadline = late.is_some();
        let status = match ending {
            Some((Ending::Stop, _)) if past_deadline => Status::Breached,
            Some((Ending::Stop, _)) => Status::Met,
            Some((Ending::Fail, _)) => Status::Failed,
            Some((Ending::Cancel, _)) => Status::Cancelled,
            None if self.budget.paused() => Status::Paused,
            None if past_deadline => Status::Overdue,
            None if at_risk_from.is_some() => Status::AtRisk,
            None => Status::Running,
        };
        let estimated = estimated_span(context.spec, schedule, self.start, due_date, end);
        Ok(ClockOutcome {
            start: Some(self.start),
            start_event: Some(self.start_event),
            due_date,
            deadline,
            stop: ending.map(|_| end),
            stop_event: ending.map(|(_, event)| event),
            status,
            elapsed,
            remaining: late.map_or(self.budget.target() - elapsed, |late| -late),
            attempt: self.number,
            at_risk_from,
            estimated,
            ..context.blank()
        })
    }
}

/// The instant each at-risk threshold of a clock is reached, given the attempt's start and
/// its applied pauses (with their resumes); `None` while paused before reaching it.
pub(crate) fn threshold_instants(
    spec: &ClockSpec,
    schedule: &Schedule,
    start: Instant,
    pauses: &[(Instant, Option<Instant>)],
) -> Result<Vec<Option<Instant>>, Error> {
    spec.at_risk
        .iter()
        .map(|&threshold| {
            let mut meter =
                Meter::for_threshold(threshold, spec.budget, start, schedule, spec.start_rule)?;
            for &(pause, resume) in pauses {
                meter.pause(pause, schedule)?;
                if let Some(resume) = resume {
                    meter.resume(resume, schedule)?;
                }
            }
            meter.reached(schedule)
        })
        .collect()
}

/// What an evaluation of one clock needs to know.
struct Context<'a> {
    record_id: &'a Arc<str>,
    spec: &'a ClockSpec,
    clock_index: usize,
    runtime: &'a Runtime,
}

impl Context<'_> {
    /// A `not_started` row, the base of every row.
    fn blank(&self) -> ClockOutcome {
        let budget = self.spec.budget;
        ClockOutcome {
            record_id: self.record_id.clone(),
            clock: self.spec.name.clone(),
            clock_index: self.clock_index,
            attempt: 1,
            calendar: self.runtime.id.clone(),
            zone: self.runtime.schedule.time_zone(),
            start: None,
            start_event: None,
            due_date: None,
            deadline: None,
            stop: None,
            stop_event: None,
            status: Status::NotStarted,
            elapsed: 0,
            remaining: budget.ticks(),
            unit: budget.unit(),
            at_risk_from: None,
            estimated: None,
        }
    }
}

/// The estimated years an attempt's row depends on: those of the days from the start's local
/// date through the later of the due date and `end` (the stop or as-of), when the clock reads
/// the calendar's days at all (see [`ClockOutcome::is_estimated`]).
fn estimated_span(
    spec: &ClockSpec,
    schedule: &Schedule,
    start: Instant,
    due_date: Option<NaiveDate>,
    end: Instant,
) -> Option<(i32, i32)> {
    let (first_estimated, last_estimated) = schedule.calendar().estimated_years()?;
    let reads_days = spec.budget.kind() != DurationKind::Elapsed
        || spec.at_risk.iter().any(|threshold| match threshold {
            Threshold::After(duration) => duration.kind() != DurationKind::Elapsed,
            Threshold::Percent(_) => false,
        });
    if !reads_days {
        return None;
    }
    let first_day = schedule.day_of(start);
    let mut last_day = schedule.day_of(end).max(first_day);
    if let Some(due) = due_date {
        last_day = last_day.max(date32::from_naive(due));
    }
    let first = date32::to_civil(first_day).0.max(first_estimated);
    let last = date32::to_civil(last_day).0.min(last_estimated);
    (first <= last).then_some((first, last))
}

/// Replays a record's events for one clock.
fn evaluate_clock(
    context: &Context<'_>,
    events: &[Event],
    as_of: Instant,
    attempt: &mut Attempt,
    out: &mut Vec<ClockOutcome>,
    mut trace: Option<&mut Vec<Trace>>,
) -> Result<(), Error> {
    let spec = context.spec;
    let schedule = &context.runtime.schedule;
    // One attempt for all the clocks of a record: it is restarted, not rebuilt.
    attempt.open = false;
    let mut attempts = 0u32;
    let mut note = |attempt: u32, event: &Event, effect: Effect| {
        if let Some(trace) = trace.as_deref_mut() {
            trace.push(Trace {
                attempt,
                event: *event,
                effect,
            });
        }
    };
    for event in events {
        let id = event.event;
        let relevant = spec.start.has(id)
            || spec.stop.has(id)
            || spec.fail.has(id)
            || spec.cancel.has(id)
            || spec.pause.has(id)
            || spec.resume.has(id);
        if !relevant {
            continue;
        }
        if event.at > as_of {
            note(attempts, event, Effect::AfterAsOf);
            continue;
        }
        if spec.start.has(id) {
            if attempt.open {
                // An ending event ends a pause too, at the same instant: the row shows the
                // deadline that gives.
                if attempt.budget.paused() {
                    attempt.resume(event.at, schedule)?;
                }
                out.push(attempt.outcome(context, event.at, Some((Ending::Cancel, id)))?);
                note(attempt.number, event, Effect::Superseded);
            }
            attempts += 1;
            attempt.restart(attempts, event, spec, schedule)?;
            note(attempts, event, Effect::Started);
            continue;
        }
        if !attempt.open {
            note(attempts, event, Effect::NoAttempt);
            continue;
        }
        let ending = if spec.stop.has(id) {
            Some((Ending::Stop, Effect::Stopped))
        } else if spec.fail.has(id) {
            Some((Ending::Fail, Effect::Failed))
        } else if spec.cancel.has(id) {
            Some((Ending::Cancel, Effect::Cancelled))
        } else {
            None
        };
        if let Some((ending, effect)) = ending {
            if attempt.budget.paused() {
                attempt.resume(event.at, schedule)?;
            }
            out.push(attempt.outcome(context, event.at, Some((ending, id)))?);
            note(attempt.number, event, effect);
            attempt.open = false;
        } else if spec.pause.has(id) {
            let effect = attempt.pause(event.at, schedule)?;
            note(attempt.number, event, effect);
        } else {
            let effect = attempt.resume(event.at, schedule)?;
            note(attempt.number, event, effect);
        }
    }
    if attempt.open {
        out.push(attempt.outcome(context, as_of, None)?);
    }
    if attempts == 0 {
        out.push(context.blank());
    }
    Ok(())
}

impl Policy {
    /// Evaluates every clock of the policy for a record, as of an instant: one row per clock
    /// and attempt, clocks in the policy's order.
    ///
    /// # Errors
    ///
    /// A data error for an unknown calendar named by the record; a range error when an event
    /// or a deadline falls outside the years the calendar covers; an input error for an event
    /// id of another policy. The message names the record and the clock.
    pub fn evaluate(&self, record: &Record, as_of: Instant) -> Result<Vec<ClockOutcome>, Error> {
        let mut out = Vec::with_capacity(self.clock_count() + 2);
        self.evaluate_into(record, as_of, &mut out)?;
        Ok(out)
    }

    /// [`Policy::evaluate`] into a buffer (cleared first), to reuse it from record to record.
    ///
    /// # Errors
    ///
    /// As [`Policy::evaluate`]; the buffer then holds no rows.
    pub fn evaluate_into(
        &self,
        record: &Record,
        as_of: Instant,
        out: &mut Vec<ClockOutcome>,
    ) -> Result<(), Error> {
        out.clear();
        let result = self.run(record, as_of, out, None);
        if result.is_err() {
            out.clear();
        }
        result
    }

    /// Evaluates with an optional trace of each event's effect per clock (`(clock index,
    /// trace)`), for explanations.
    pub(crate) fn run(
        &self,
        record: &Record,
        as_of: Instant,
        out: &mut Vec<ClockOutcome>,
        mut traces: Option<&mut Vec<(usize, Trace)>>,
    ) -> Result<(), Error> {
        let fail = |e: Error| e.context(format!("record `{}`", record.id));
        if let Some(bad) = record
            .events
            .iter()
            .find(|e| !self.owns(e.event) || e.event.index() >= self.event_count())
        {
            return Err(fail(Error::input(format!(
                "row {}: event id {} was issued by another policy than `{}`; take event ids \
                 from the policy that evaluates the record (`Policy::event`)",
                bad.row,
                bad.event.index(),
                self.name()
            ))));
        }
        let runtime = self.checked_runtime(record.calendar()).map_err(fail)?;
        let mut attempt = Attempt::idle();
        let mut local = Vec::new();
        for (clock_index, spec) in self.clocks().iter().enumerate() {
            let context = Context {
                record_id: &record.id,
                spec,
                clock_index,
                runtime: &runtime,
            };
            let trace = traces.as_ref().map(|_| &mut local);
            evaluate_clock(&context, &record.events, as_of, &mut attempt, out, trace).map_err(
                |e| {
                    fail(e.context(format!(
                        "clock `{}` on calendar `{}`",
                        spec.name, runtime.id
                    )))
                },
            )?;
            if let Some(traces) = traces.as_deref_mut() {
                traces.extend(local.drain(..).map(|t| (clock_index, t)));
            }
        }
        Ok(())
    }
}
