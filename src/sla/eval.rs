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

use std::sync::Arc;

use super::duration::{DurationKind, Threshold};
use super::meter::{ElapsedMeter, Meter};
use super::outcome::{ClockOutcome, Status};
use super::policy::{ClockSpec, EventId, MAX_THRESHOLDS, Policy, Runtime};
use super::record::{Event, Record};
use crate::Error;
use crate::calendar::date32;
use crate::clock::{Instant, Schedule};

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

    /// The outcome row, ended by `ending` at `end`, or open at as-of when `ending` is `None`,
    /// written as the next of `rows`.
    fn outcome(
        &mut self,
        context: &Context<'_>,
        end: Instant,
        ending: Option<(Ending, EventId)>,
        rows: &mut Rows<'_>,
    ) -> Result<(), Error> {
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
        let row = rows.next(context);
        row.start = Some(self.start);
        row.start_event = Some(self.start_event);
        row.due_date = due_date;
        row.deadline = deadline;
        row.stop = ending.map(|_| end);
        row.stop_event = ending.map(|(_, event)| event);
        row.status = status;
        row.elapsed = elapsed;
        row.remaining = late.map_or(self.budget.target() - elapsed, |late| -late);
        row.attempt = self.number;
        row.at_risk_from = at_risk_from;
        row.estimated = estimated;
        Ok(())
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
            clock: self.spec.name,
            clock_index: self.clock_index,
            attempt: 1,
            calendar: self.runtime.id,
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

    /// Makes `row` the [`Context::blank`] row, keeping its record id when it is already this
    /// context's: a buffer reused for the same record then takes no new reference to it, and
    /// drops none.
    fn reset(&self, row: &mut ClockOutcome) {
        // Every field, by name, so that a new one cannot be left out.
        let ClockOutcome {
            record_id,
            clock,
            clock_index,
            attempt,
            calendar,
            zone,
            start,
            start_event,
            due_date,
            deadline,
            stop,
            stop_event,
            status,
            elapsed,
            remaining,
            unit,
            at_risk_from,
            estimated,
        } = row;
        if !Arc::ptr_eq(record_id, self.record_id) {
            *record_id = self.record_id.clone();
        }
        // Interned names: copying them is copying a pointer.
        *clock = self.spec.name;
        *calendar = self.runtime.id;
        let budget = self.spec.budget;
        *clock_index = self.clock_index;
        *attempt = 1;
        *zone = self.runtime.schedule.time_zone();
        *start = None;
        *start_event = None;
        *due_date = None;
        *deadline = None;
        *stop = None;
        *stop_event = None;
        *status = Status::NotStarted;
        *elapsed = 0;
        *remaining = budget.ticks();
        *unit = budget.unit();
        *at_risk_from = None;
        *estimated = None;
    }
}

/// The rows of one evaluation, written over those a reused buffer holds from an earlier
/// record (see [`Context::reset`]) and then pushed; [`Rows::finish`] drops the rest.
struct Rows<'a> {
    out: &'a mut Vec<ClockOutcome>,
    len: usize,
}

impl Rows<'_> {
    /// The next row, blank for `context`.
    fn next(&mut self, context: &Context<'_>) -> &mut ClockOutcome {
        if self.len < self.out.len() {
            context.reset(&mut self.out[self.len]);
        } else {
            self.out.push(context.blank());
        }
        self.len += 1;
        let last = self.len - 1;
        &mut self.out[last]
    }

    /// Drops the rows of an earlier record past those written.
    fn finish(self) {
        self.out.truncate(self.len);
    }
}

/// The estimated years an attempt's row depends on: those of the days from the start's local
/// date through the later of the due date and `end` (the stop or as-of), when the clock reads
/// the calendar's days at all (see [`ClockOutcome::is_estimated`]).
fn estimated_span(
    spec: &ClockSpec,
    schedule: &Schedule,
    start: Instant,
    due_date: Option<i32>,
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
        last_day = last_day.max(due);
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
    out: &mut Rows<'_>,
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
    // The events the clock reacts to, as one set: most of a record's events are not this
    // clock's, and are passed over with one test.
    let relevant = spec
        .start
        .union(spec.stop)
        .union(spec.fail)
        .union(spec.cancel)
        .union(spec.pause)
        .union(spec.resume);
    for event in events {
        let id = event.event;
        if !relevant.has(id) {
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
                attempt.outcome(context, event.at, Some((Ending::Cancel, id)), out)?;
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
            attempt.outcome(context, event.at, Some((ending, id)), out)?;
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
        attempt.outcome(context, as_of, None, out)?;
    }
    if attempts == 0 {
        out.next(context);
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

    /// [`Policy::evaluate`] into a buffer, to reuse it from record to record: the buffer ends
    /// up holding exactly the record's rows, as if cleared first. Its rows are overwritten in
    /// place, so that a row whose clock, calendar and record id are those of the row it
    /// replaces takes no new reference to them (the fast way to evaluate many records).
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
        // The rows are written over the buffer's (see `Rows`), not cleared first.
        let result = self.run(record, as_of, out, None);
        emptied_on_error(result, out)
    }

    /// Evaluates with an optional trace of each event's effect per clock (`(clock index,
    /// trace)`), for explanations. `out` ends up holding exactly the record's rows: those it
    /// held before are overwritten (keeping their shared names when they are the same) or
    /// dropped.
    pub(crate) fn run(
        &self,
        record: &Record,
        as_of: Instant,
        out: &mut Vec<ClockOutcome>,
        traces: Option<&mut Vec<(usize, Trace)>>,
    ) -> Result<(), Error> {
        self.check_events(record)?;
        // Borrowed for the policy's default calendar: no handle is cloned per record.
        let runtime = self
            .checked_runtime(record.calendar())
            .map_err(|e| e.context(format!("record `{}`", record.id)))?;
        self.run_on(record, &runtime, as_of, out, traces)
    }

    /// Refuses a record with an event id of another policy.
    fn check_events(&self, record: &Record) -> Result<(), Error> {
        let fail = |e: Error| e.context(format!("record `{}`", record.id));
        if let Some(bad) = record
            .events
            .iter()
            .find(|e| !self.owns(e.event) || e.event.index() >= self.event_count())
        {
            let message = format!(
                "event id {} was issued by another policy than `{}`; take event ids from the \
                 policy that evaluates the record (`Policy::event`)",
                bad.event.index(),
                self.name()
            );
            let err = Error::input(message);
            return Err(fail(match bad.row {
                Some(row) => err.context(format!("row {row}")),
                None => err,
            }));
        }
        Ok(())
    }

    /// Evaluates `record` on `runtime`, which must be its calendar's
    /// ([`Policy::checked_runtime`]): a batch keeps its calendars' runtimes per thread, where
    /// taking them from the policy for each record would share a lock and reference counts
    /// between the threads. Otherwise as [`Policy::evaluate_into`].
    pub(crate) fn evaluate_on(
        &self,
        record: &Record,
        runtime: &Runtime,
        as_of: Instant,
        out: &mut Vec<ClockOutcome>,
    ) -> Result<(), Error> {
        let result = self
            .check_events(record)
            .and_then(|()| self.run_on(record, runtime, as_of, out, None));
        emptied_on_error(result, out)
    }

    fn run_on(
        &self,
        record: &Record,
        runtime: &Runtime,
        as_of: Instant,
        out: &mut Vec<ClockOutcome>,
        mut traces: Option<&mut Vec<(usize, Trace)>>,
    ) -> Result<(), Error> {
        let fail = |e: Error| e.context(format!("record `{}`", record.id));
        let mut attempt = Attempt::idle();
        let mut local = Vec::new();
        let mut rows = Rows { out, len: 0 };
        for (clock_index, spec) in self.clocks().iter().enumerate() {
            let context = Context {
                record_id: &record.id,
                spec,
                clock_index,
                runtime,
            };
            let trace = traces.as_ref().map(|_| &mut local);
            evaluate_clock(
                &context,
                &record.events,
                as_of,
                &mut attempt,
                &mut rows,
                trace,
            )
            .map_err(|e| {
                fail(e.context(format!(
                    "clock `{}` on calendar `{}`",
                    spec.name, runtime.id
                )))
            })?;
            if let Some(traces) = traces.as_deref_mut() {
                traces.extend(local.drain(..).map(|t| (clock_index, t)));
            }
        }
        rows.finish();
        Ok(())
    }
}

/// `result`, with `out` emptied when it is an error (it may hold some of the record's rows).
fn emptied_on_error(result: Result<(), Error>, out: &mut Vec<ClockOutcome>) -> Result<(), Error> {
    if result.is_err() {
        out.clear();
    }
    result
}
