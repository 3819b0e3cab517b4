//! Meters: how far a budget or an at-risk threshold has run, by kind of duration.

use super::duration::{DurationKind, SlaDuration, Threshold, Unit};
use crate::clock::{Instant, Schedule};
use crate::{Error, StartRule};

/// How far a budget or threshold has run, by kind. Amounts are ticks: business days, or
/// nanoseconds of working or elapsed time.
#[derive(Clone, Copy, Debug)]
pub(super) enum Meter {
    Days(DayMeter),
    Time(TimeMeter),
    Elapsed(ElapsedMeter),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct DayMeter {
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
pub(super) struct TimeMeter {
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
pub(super) struct ElapsedMeter {
    pub(super) target: i64,
    pub(super) anchor: Instant,
    pub(super) remaining: i64,
    pub(super) spent: i64,
    pub(super) paused: bool,
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
    pub(super) fn new(
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

    pub(super) fn for_threshold(
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

    pub(super) fn target(&self) -> i64 {
        match self {
            Meter::Days(m) => m.target,
            Meter::Time(m) => m.target,
            Meter::Elapsed(m) => m.target,
        }
    }

    pub(super) fn paused(&self) -> bool {
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
    // Inlined into its callers: returned through memory, its `Result<Option<Instant>, _>` is
    // read back at once, and `perf annotate` put a quarter of `Attempt::outcome`'s samples on
    // the loads right after the two calls (one typical record about 8% faster inlined).
    #[inline(always)]
    pub(super) fn deadline(&mut self, schedule: &Schedule) -> Result<Option<Instant>, Error> {
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
    // Inlined, as `deadline`.
    #[inline(always)]
    pub(super) fn reached(&mut self, schedule: &Schedule) -> Result<Option<Instant>, Error> {
        match self {
            Meter::Days(m) if m.target == 0 => {
                Ok(Some(schedule.close_day(Meter::zero_due(m, schedule)?)?))
            }
            _ => self.deadline(schedule),
        }
    }

    /// The due date: the due day of a business-day meter, else the local date of the deadline.
    /// The due date as a day number.
    pub(super) fn due_date(
        &mut self,
        schedule: &Schedule,
        deadline: Option<Instant>,
    ) -> Result<Option<i32>, Error> {
        match self {
            Meter::Days(_) => self.due_day(schedule),
            _ => Ok(deadline.map(|d| schedule.day_of(d))),
        }
    }

    /// Pauses at `at`; false when the meter is already paused or its budget was used up by
    /// then (a pause then changes nothing).
    pub(super) fn pause(&mut self, at: Instant, schedule: &Schedule) -> Result<bool, Error> {
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
    pub(super) fn resume(&mut self, at: Instant, schedule: &Schedule) -> Result<bool, Error> {
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
    pub(super) fn elapsed(&self, at: Instant, schedule: &Schedule) -> Result<i64, Error> {
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
    pub(super) fn lateness(
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
