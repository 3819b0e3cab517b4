//! Explanations: how a clock attempt's deadline was reached, day by day, in a form a person
//! can check by hand.
//!
//! For a business-day budget the explanation walks from the start to the due date: the start
//! day, day 0 (and why it moved, if it did), every later day with whether it counted (business
//! day *n*, closing at …), and if not why (`weekend`, the holiday's name and calendar,
//! `paused: awaiting publisher sign-out`), then the day the budget runs out. For business time
//! it gives the working time of each business day; for elapsed time the arithmetic of start,
//! pauses and budget. Events that the clock ignored are listed with the reason.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::duration::{DurationKind, SlaDuration, Threshold};
use super::eval::{Effect, Trace, threshold_instants};
use super::outcome::{ClockOutcome, Status};
use super::policy::{ClockSpec, Policy};
use crate::calendar::{DayCursor, date32};
use crate::clock::{Instant, Schedule, TimeOfDay, WorkingTime};
use crate::{Error, StartRule};

/// The longest walk an explanation makes, in days (ten years).
const MAX_WALK: i32 = 3653;

/// One line of an explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// The attempt started.
    Started {
        /// When.
        at: Instant,
        /// The starting event.
        event: &'static str,
    },
    /// Day 0 of a business-day count: free, the count starts the day after.
    DayZero {
        /// The date.
        date: NaiveDate,
        /// Why day 0 is not the start's date, when it is not.
        moved: Option<String>,
        /// Why day 0 is not a business day, when it is not (next-day rule).
        closed: Option<String>,
        /// The start rule that chose the day.
        rule: StartRule,
    },
    /// A day that does not count: not a business day, or before day 0.
    Skipped {
        /// The date.
        date: NaiveDate,
        /// Why: `weekend`, a holiday with its calendar, `before day 0`.
        reason: Cow<'static, str>,
    },
    /// A business day that counts, at its close.
    Counted {
        /// The date.
        date: NaiveDate,
        /// The running count: business day `count` of the budget.
        count: i64,
        /// The day's close.
        close: Instant,
        /// True when the close is after the stop or as-of: a projection.
        projected: bool,
        /// The day's own hours or closures, when it has any.
        note: Option<String>,
    },
    /// A business day whose close fell inside a pause: not counted.
    PausedDay {
        /// The date.
        date: NaiveDate,
        /// What the clock was paused for.
        reason: Cow<'static, str>,
    },
    /// Working time counted on a business day (business-time budgets).
    Worked {
        /// The date.
        date: NaiveDate,
        /// The working time counted that day.
        time: WorkingTime,
        /// The running total.
        total: WorkingTime,
        /// The day's business hours.
        hours: String,
        /// True for working time after the stop or as-of, up to the deadline: a projection,
        /// not work done.
        projected: bool,
    },
    /// The clock paused.
    Paused {
        /// When.
        at: Instant,
        /// The pausing event.
        event: &'static str,
        /// Why the clock pauses, if the policy says.
        reason: Option<&'static str>,
    },
    /// The clock resumed.
    Resumed {
        /// When.
        at: Instant,
        /// The resuming event.
        event: &'static str,
        /// The elapsed time the pause lasted, in nanoseconds.
        after: i64,
    },
    /// An event the clock ignored.
    Ignored {
        /// When.
        at: Instant,
        /// The event.
        event: &'static str,
        /// Why it was ignored.
        why: Cow<'static, str>,
    },
    /// Where the budget runs out.
    Due {
        /// The due date.
        date: NaiveDate,
        /// The deadline: a stop strictly before it meets the budget.
        deadline: Instant,
        /// How the deadline follows from the due date or the arithmetic.
        how: String,
    },
    /// A new start ended the attempt as `cancelled`.
    Restarted {
        /// When.
        at: Instant,
        /// The starting event.
        event: &'static str,
        /// The number of the attempt it started.
        next: u32,
        /// True when the attempt was paused: the pause ended with it.
        ended_pause: bool,
    },
    /// The attempt ended.
    Ended {
        /// When.
        at: Instant,
        /// The ending event.
        event: &'static str,
        /// The attempt's status.
        status: Status,
        /// True when the attempt was paused: the pause ended with it, at the same instant.
        ended_pause: bool,
    },
}

impl Step {
    /// The step as one line of text, instants in `zone`.
    #[must_use]
    pub fn render(&self, zone: Tz) -> String {
        let mut line = String::new();
        // Writing to a `String` cannot fail.
        let _ = self.write_to(&mut line, zone);
        line
    }

    /// Writes the step's line to `out`, without allocating for the line's parts.
    fn write_to(&self, out: &mut impl fmt::Write, zone: Tz) -> fmt::Result {
        let day = |date: &NaiveDate| Day(*date);
        let at = |instant: &Instant| instant.rfc3339(zone);
        let on = |instant: &Instant| Day(instant.local_date(zone));
        let pause_ended = |ended: bool| {
            if ended {
                " (the pause ends with it)"
            } else {
                ""
            }
        };
        match self {
            Step::Started { at: when, event } => {
                write!(out, "{}  start: `{event}` at {}", on(when), at(when))
            }
            Step::DayZero {
                date,
                moved,
                closed,
                rule,
            } => {
                write!(out, "{}  day 0: ", day(date))?;
                let closed = Paren(closed.as_deref());
                match (moved, rule) {
                    (None, _) => write!(out, "the start day{closed}, free")?,
                    (Some(why), StartRule::NextDay) => {
                        write!(out, "the next day{closed}, since {why}; free")?;
                    }
                    (Some(why), _) => write!(out, "the next business day, since {why}; free")?,
                }
                out.write_str(" (counting starts the day after)")
            }
            Step::Skipped { date, reason } => write!(out, "{}  not counted: {reason}", day(date)),
            Step::Counted {
                date,
                count,
                close,
                projected,
                note,
            } => write!(
                out,
                "{}  business day {count}, counted at its close {}{}{}",
                day(date),
                at(close),
                Paren(note.as_deref()),
                if *projected { " (projected)" } else { "" }
            ),
            Step::PausedDay { date, reason } => write!(
                out,
                "{}  not counted: paused ({reason}) at its close",
                day(date)
            ),
            Step::Worked {
                date,
                time,
                total,
                hours,
                projected: false,
            } => write!(
                out,
                "{}  worked {time} (hours {hours}); total {total}",
                day(date)
            ),
            Step::Worked {
                date,
                time,
                total,
                hours,
                projected: true,
            } => write!(
                out,
                "{}  {time} to work (hours {hours}); total {total} (projected)",
                day(date)
            ),
            Step::Paused {
                at: when,
                event,
                reason,
            } => write!(
                out,
                "{}  paused: `{event}` at {}{}",
                on(when),
                at(when),
                Paren(*reason)
            ),
            Step::Resumed {
                at: when,
                event,
                after,
            } => write!(
                out,
                "{}  resumed: `{event}` at {}, after {} paused",
                on(when),
                at(when),
                elapsed_text(*after)
            ),
            Step::Ignored {
                at: when,
                event,
                why,
            } => write!(
                out,
                "{}  ignored: `{event}` at {}: {why}",
                on(when),
                at(when)
            ),
            Step::Due {
                date,
                deadline,
                how,
            } => write!(out, "due date {date}, deadline {} ({how})", at(deadline)),
            Step::Restarted {
                at: when,
                event,
                next,
                ended_pause,
            } => write!(
                out,
                "{}  ended: a new `{event}` at {} started attempt {next}: cancelled{}",
                on(when),
                at(when),
                pause_ended(*ended_pause)
            ),
            Step::Ended {
                at: when,
                event,
                status,
                ended_pause,
            } => write!(
                out,
                "{}  ended: `{event}` at {}: {status}{}",
                on(when),
                at(when),
                pause_ended(*ended_pause)
            ),
        }
    }
}

/// A date with its weekday: `2026-11-26 Thu`.
struct Day(NaiveDate);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = date32::from_naive(self.0);
        if (date32::MIN..=date32::MAX).contains(&day) {
            let mut text = *b"YYYY-MM-DD Www";
            let (date, name) = text.split_at_mut(10);
            date32::write_iso(day, date.try_into().map_err(|_| fmt::Error)?);
            name[1..].copy_from_slice(weekday(&self.0).as_bytes());
            // ASCII digits and a weekday's name.
            f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
        } else {
            write!(f, "{} {}", self.0, weekday(&self.0))
        }
    }
}

/// ` (text)` when there is a text, nothing otherwise.
struct Paren<'a>(Option<&'a str>);

impl fmt::Display for Paren<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(text) => write!(f, " ({text})"),
            None => Ok(()),
        }
    }
}

fn weekday(date: &NaiveDate) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        [date.weekday().num_days_from_monday() as usize]
}

/// Elapsed nanoseconds as `1d 2h 3m 4s` (`4.5s` with a fraction of a second).
fn elapsed_text(nanos: i64) -> String {
    let all = nanos.unsigned_abs();
    let s = all / 1_000_000_000;
    let fraction = (all % 1_000_000_000) as u32;
    let mut text: Vec<String> = [(s / 86_400, "d"), (s / 3600 % 24, "h"), (s / 60 % 60, "m")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if !s.is_multiple_of(60) || fraction > 0 || text.is_empty() {
        // Below a minute, so it fits.
        let seconds = (s % 60) as i64 * 1_000_000_000 + i64::from(fraction);
        text.push(WorkingTime::from_nanos(seconds).to_string());
    }
    text.join(" ")
}

/// How one clock attempt's deadline and status came about.
///
/// # Example
///
/// ```
/// use slacal::sla::Step;
/// use slacal::{Policy, Record};
///
/// let policy = Policy::builtin("marketplace")?;
/// let mut record = Record::new("offer-9");
/// record.push(policy.event("submitted")?, policy.parse_instant("2026-11-25T09:00:00-08:00")?);
/// let as_of = policy.parse_instant("2026-11-30T09:00:00-08:00")?;
/// let explanations = policy.explain(&record, as_of)?;
/// let certification = explanations.iter().find(|e| e.outcome().clock() == "certification").unwrap();
/// assert!(certification.steps().iter().any(|step| matches!(step,
///     Step::Skipped { reason, .. } if reason == "Thanksgiving Day (US)")));
/// let text = certification.to_string();
/// assert!(text.contains("2026-11-26 Thu  not counted: Thanksgiving Day (US)"));
/// assert!(text.contains("2026-11-27 Fri  business day 1"));
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    outcome: ClockOutcome,
    policy: &'static str,
    budget: SlaDuration,
    start_rule: StartRule,
    cutoff: Option<TimeOfDay>,
    at_risk: Vec<(Threshold, Option<Instant>)>,
    calendar_name: &'static str,
    as_of: Instant,
    steps: Vec<Step>,
    /// The calendar's estimated years (first, last), if it has any.
    estimated_years: Option<(i32, i32)>,
}

impl Explanation {
    /// The row this explains.
    #[must_use]
    pub fn outcome(&self) -> &ClockOutcome {
        &self.outcome
    }

    /// The clock's budget.
    #[must_use]
    pub fn budget(&self) -> SlaDuration {
        self.budget
    }

    /// The start rule in force for the clock's business-day counts.
    #[must_use]
    pub fn start_rule(&self) -> StartRule {
        self.start_rule
    }

    /// The at-risk thresholds with the instant each is (or would be) reached, if known.
    #[must_use]
    pub fn at_risk(&self) -> &[(Threshold, Option<Instant>)] {
        &self.at_risk
    }

    /// The steps, in order.
    #[must_use]
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The instant the explanation is as of.
    #[must_use]
    pub fn as_of(&self) -> Instant {
        self.as_of
    }

    /// True when the calendar's holidays on `date` are estimates (its year is not announced
    /// yet): the explanation marks such days `[estimated]`.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Policy, Record};
    ///
    /// let policy = Policy::builtin("marketplace")?;
    /// let mut record = Record::new("offer-cn");
    /// record.push(policy.event("submitted")?, policy.parse_instant("2026-12-28T10:00:00+08:00")?);
    /// record.set_calendar("CN")?;
    /// let explanation = policy.explain(&record, policy.parse_instant("2026-12-29T00:00:00Z")?)?.remove(1);
    /// assert!(explanation.is_estimated_day(chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()));
    /// let text = explanation.to_string();
    /// assert!(text.contains("2027-01-01 Fri  not counted: New Year's Day (CN) [estimated]"), "{text}");
    /// assert!(text.contains("2027-01-04 Mon  business day 4, counted at its close"), "{text}");
    /// assert!(text.lines().any(|l| l.contains("2027-01-04 Mon") && l.ends_with("[estimated]")), "{text}");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn is_estimated_day(&self, date: NaiveDate) -> bool {
        self.estimated_years
            .is_some_and(|(first, last)| (first..=last).contains(&date.year()))
    }
}

/// The date a step of the day walk is about.
fn step_date(step: &Step) -> Option<NaiveDate> {
    match step {
        Step::DayZero { date, .. }
        | Step::Skipped { date, .. }
        | Step::Counted { date, .. }
        | Step::PausedDay { date, .. }
        | Step::Worked { date, .. } => Some(*date),
        _ => None,
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = &self.outcome;
        let zone = o.time_zone();
        writeln!(
            f,
            "record `{}`, clock `{}`, attempt {} (policy `{}`)",
            o.record_id(),
            o.clock(),
            o.attempt(),
            self.policy
        )?;
        writeln!(
            f,
            "calendar {} ({}), running in {zone}",
            o.calendar(),
            self.calendar_name
        )?;
        write!(f, "budget: {}", self.budget)?;
        for (threshold, reached) in &self.at_risk {
            write!(f, "; at risk after {threshold}")?;
            if let Some(reached) = reached {
                write!(f, " (from {})", reached.rfc3339(zone))?;
            }
        }
        writeln!(f)?;
        let day0 = match self.start_rule {
            StartRule::NextDay => "day 0 is the start's local date, whatever kind of day",
            _ => "day 0 is the start's local date, or the next business day when that is not one",
        };
        write!(f, "start rule: {} ({day0}", self.start_rule)?;
        if let Some(cutoff) = self.cutoff {
            let next = match self.start_rule {
                StartRule::NextDay => "the next day",
                _ => "the next business day",
            };
            write!(f, "; a start after the cutoff {cutoff} makes {next} day 0")?;
        }
        writeln!(f, ")")?;
        if let Some((first, last)) = o.estimated_years() {
            let years = if first == last {
                first.to_string()
            } else {
                format!("{first}-{last}")
            };
            writeln!(
                f,
                "estimated: the holidays of {} in {years} are not announced yet; the days \
                 marked [estimated] use estimated dates",
                o.calendar()
            )?;
        }
        let mut line = String::with_capacity(128);
        for step in &self.steps {
            line.clear();
            step.write_to(&mut line, zone)?;
            let estimated = step_date(step).is_some_and(|date| self.is_estimated_day(date));
            if estimated && !line.ends_with("[estimated]") {
                writeln!(f, "  {line} [estimated]")?;
            } else {
                writeln!(f, "  {line}")?;
            }
        }
        write!(
            f,
            "status as of {}: {}; elapsed {}, remaining {} {}",
            self.as_of.rfc3339(zone),
            o.status(),
            o.elapsed_text(),
            o.remaining_text(),
            o.unit()
        )
    }
}

impl Policy {
    /// Explains every row of [`Policy::evaluate`] for a record: one [`Explanation`] per clock
    /// and attempt, in the same order.
    ///
    /// # Errors
    ///
    /// As [`Policy::evaluate`].
    pub fn explain(
        &self,
        record: &super::record::Record,
        as_of: Instant,
    ) -> Result<Vec<Explanation>, Error> {
        let mut outcomes = Vec::with_capacity(self.clocks().len() + 2);
        let mut traces = Vec::with_capacity(self.clocks().len() * record.events().len());
        self.run(record, as_of, &mut outcomes, Some(&mut traces))?;
        let runtime = self.runtime(record.calendar())?;
        let schedule = &runtime.schedule;
        let calendar_name = super::intern::intern(schedule.calendar().name());
        let mut own: Vec<&Trace> = Vec::with_capacity(traces.len());
        let mut context = Context {
            policy: self,
            schedule,
            calendar_name,
            as_of,
            // The walks of a record's clocks cover nearby days: one cursor serves them all.
            cursor: DayCursor::default(),
        };
        let mut explanations = Vec::with_capacity(outcomes.len());
        for outcome in outcomes {
            let spec = &self.clocks()[outcome.clock_index];
            own.clear();
            own.extend(
                traces
                    .iter()
                    .filter(|(clock, t)| {
                        *clock == outcome.clock_index
                            && (t.attempt == outcome.attempt
                                || (t.attempt == 0 && outcome.attempt == 1))
                    })
                    .map(|(_, t)| t),
            );
            let explanation = explain_one(&mut context, spec, outcome, &own)
                .map_err(|e| e.context(format!("explaining record `{}`", record.id())))?;
            explanations.push(explanation);
        }
        Ok(explanations)
    }
}

/// A pause of an attempt: when, by which event, and the resume if any.
struct Pause {
    at: Instant,
    resume: Option<Instant>,
}

/// What the explanations of one record share.
struct Context<'a> {
    policy: &'a Policy,
    schedule: &'a Schedule,
    calendar_name: &'static str,
    as_of: Instant,
    cursor: DayCursor,
}

fn explain_one(
    context: &mut Context<'_>,
    spec: &ClockSpec,
    outcome: ClockOutcome,
    traces: &[&Trace],
) -> Result<Explanation, Error> {
    let &mut Context {
        policy,
        schedule,
        calendar_name,
        as_of,
        ref mut cursor,
    } = context;
    let name = |t: &Trace| policy.event_name(t.event.event);
    let pause_reason = spec.pause_reason();
    let mut events: Vec<(i32, Step)> = Vec::with_capacity(traces.len());
    let mut pauses: Vec<Pause> = Vec::new();
    for trace in traces {
        let at = trace.event.at;
        let event = name(trace);
        let ignored = |why| Step::Ignored { at, event, why };
        let step = match trace.effect {
            Effect::Started => Step::Started { at, event },
            Effect::Paused => {
                pauses.push(Pause { at, resume: None });
                Step::Paused {
                    at,
                    event,
                    reason: pause_reason,
                }
            }
            Effect::Resumed => {
                let after = pauses.last().map_or(0, |p| {
                    i64::try_from(at.nanos_since(p.at)).unwrap_or(i64::MAX)
                });
                if let Some(pause) = pauses.last_mut() {
                    pause.resume = Some(at);
                }
                Step::Resumed { at, event, after }
            }
            Effect::Superseded => Step::Restarted {
                at,
                event,
                next: outcome.attempt() + 1,
                ended_pause: end_pause(&mut pauses, at),
            },
            Effect::Stopped | Effect::Failed | Effect::Cancelled => Step::Ended {
                at,
                event,
                status: outcome.status(),
                ended_pause: end_pause(&mut pauses, at),
            },
            Effect::PauseAfterDeadline => ignored(Cow::Borrowed(
                "the budget was already used up, so the deadline stands",
            )),
            Effect::AlreadyPaused => ignored(Cow::Borrowed("the clock was already paused")),
            Effect::NotPaused => ignored(Cow::Borrowed("the clock was not paused")),
            Effect::NoAttempt => ignored(Cow::Borrowed("no attempt of the clock was open")),
            Effect::AfterAsOf => ignored(Cow::Owned(format!(
                "after as-of {}",
                as_of.rfc3339(outcome.time_zone())
            ))),
        };
        // Day numbers in the schedule's zone (the outcome's), through its cache of offsets.
        events.push((schedule.day_of(at), step));
    }
    let budget = spec.budget();
    let mut at_risk = Vec::new();
    let steps = if let Some(start) = outcome.start() {
        let spans: Vec<(Instant, Option<Instant>)> =
            pauses.iter().map(|p| (p.at, p.resume)).collect();
        let reached = threshold_instants(spec, schedule, start, &spans)?;
        at_risk = spec.at_risk().iter().copied().zip(reached).collect();
        let end = outcome.stop().unwrap_or(as_of);
        let mut lines = Lines::new(events);
        let walk = Walk {
            schedule,
            outcome: &outcome,
            start,
            end,
            pauses: &pauses,
            cursor,
        };
        match budget.kind() {
            DurationKind::BusinessDays => {
                walk_days(walk, spec.start_rule(), pause_reason, &mut lines)?;
            }
            DurationKind::BusinessTime => walk_hours(walk, &mut lines)?,
            DurationKind::Elapsed => {}
        }
        let mut steps = lines.finish();
        if let (Some(date), Some(deadline)) = (outcome.due_date(), outcome.deadline()) {
            let how = match budget.kind() {
                DurationKind::BusinessDays if schedule.closes_at_midnight() => {
                    format!("the close of {date}: the local midnight that ends it")
                }
                DurationKind::BusinessDays => {
                    format!("the close of {date}: the end of its business hours")
                }
                DurationKind::BusinessTime => format!("{budget} of working time from the start"),
                DurationKind::Elapsed => {
                    let paused: i128 = pauses
                        .iter()
                        .filter_map(|p| p.resume.map(|r| r.nanos_since(p.at)))
                        .sum();
                    let paused = i64::try_from(paused).unwrap_or(i64::MAX);
                    if paused > 0 {
                        format!(
                            "start + {budget} + {} paused; elapsed time is physical time",
                            elapsed_text(paused)
                        )
                    } else {
                        format!("start + {budget}; elapsed time is physical time")
                    }
                }
            };
            steps.push(Step::Due {
                date,
                deadline,
                how,
            });
        }
        steps
    } else {
        Lines::new(events).finish()
    };
    Ok(Explanation {
        policy: policy.name(),
        budget,
        start_rule: spec.start_rule(),
        cutoff: schedule.cutoff(),
        at_risk,
        calendar_name,
        as_of,
        steps,
        estimated_years: schedule.calendar().estimated_years(),
        outcome,
    })
}

/// The steps of an explanation as the day walk makes them: each event goes before the day
/// steps of its local date (or after the walk when later).
struct Lines {
    steps: Vec<Step>,
    /// The event steps not placed yet, with their day numbers in the schedule's zone, last
    /// first.
    events: Vec<(i32, Step)>,
}

impl Lines {
    /// The event steps in time order, with their day numbers.
    fn new(mut events: Vec<(i32, Step)>) -> Lines {
        events.reverse();
        Lines {
            steps: Vec::new(),
            events,
        }
    }

    /// Makes room for the events and `days` day steps, at once.
    fn reserve(&mut self, days: i32) {
        let days = usize::try_from(days).unwrap_or(0);
        self.steps.reserve_exact(self.events.len() + days + 1);
    }

    /// Adds a day step, after the events of its date and before.
    fn day(&mut self, step: Step) {
        let day = step_date(&step).map_or(i32::MAX, date32::from_naive);
        while self.events.last().is_some_and(|(at, _)| *at <= day) {
            if let Some((_, event)) = self.events.pop() {
                self.steps.push(event);
            }
        }
        self.steps.push(step);
    }

    fn finish(mut self) -> Vec<Step> {
        self.steps
            .extend(self.events.into_iter().rev().map(|(_, step)| step));
        self.steps
    }
}

/// What makes a date's hours its own: its date-specific hours and closures, by name.
fn day_note(schedule: &Schedule, date: NaiveDate) -> Option<String> {
    let day = schedule.day_hours_on(date)?;
    let mut parts: Vec<String> = day.hours_name().map(str::to_owned).into_iter().collect();
    parts.extend(
        day.closures()
            .map(|(span, name)| format!("closed {span}: {name}")),
    );
    Some(parts.join("; "))
}

/// Ends a pause still open at an event that ends the attempt; true when there was one.
fn end_pause(pauses: &mut [Pause], at: Instant) -> bool {
    match pauses.last_mut() {
        Some(pause) if pause.resume.is_none() => {
            pause.resume = Some(at);
            true
        }
        _ => false,
    }
}

fn in_pause(pauses: &[Pause], close: Instant) -> bool {
    pauses
        .iter()
        .any(|p| p.at < close && p.resume.is_none_or(|r| close <= r))
}

/// The days from `first` to `last`, both included, as day numbers and dates.
fn days(first: i32, last: i32) -> Result<impl Iterator<Item = (i32, NaiveDate)>, Error> {
    let mut date = date32::to_naive(first)?;
    Ok((first..=last).map(move |day| {
        let this = date;
        // A walk's days are covered by its calendar, far from chrono's last date.
        date = date.succ_opt().unwrap_or(date);
        (day, this)
    }))
}

/// What a day walk covers: an attempt from its start to `end` (its stop, or as-of), with its
/// pauses.
struct Walk<'a> {
    schedule: &'a Schedule,
    outcome: &'a ClockOutcome,
    start: Instant,
    end: Instant,
    pauses: &'a [Pause],
    /// Where the calendar's holidays were last looked up.
    cursor: &'a mut DayCursor,
}

fn walk_days(
    walk: Walk<'_>,
    rule: StartRule,
    pause_reason: Option<&'static str>,
    lines: &mut Lines,
) -> Result<(), Error> {
    let Walk {
        schedule,
        outcome,
        start,
        end,
        pauses,
        cursor,
    } = walk;
    let calendar = schedule.calendar();
    let first = schedule.day_of(start);
    let day0 = schedule.day_zero_day(start, rule)?;
    let last = match outcome.due_date() {
        Some(due) => date32::from_naive(due),
        None => schedule.day_of(end).max(day0),
    }
    .min(first + MAX_WALK);
    let paused: Cow<'static, str> = Cow::Borrowed(pause_reason.unwrap_or("by a pause event"));
    lines.reserve(last - first + 1);
    let mut count = 0;
    for (day, date) in days(first, last)? {
        // What the calendar says about a day is looked up only where the step names it.
        let business = calendar.is_business_date32(day)?;
        let mut reason = || {
            calendar
                .day_info_from(date, cursor)
                .map(|info| info.reason_text())
        };
        if day < day0 {
            let why = if day == first && business {
                schedule
                    .day_zero_reason(start, rule)?
                    .map_or(Cow::Borrowed("before day 0"), |why| {
                        Cow::Owned(format!("before day 0, since {why}"))
                    })
            } else {
                reason()?
            };
            lines.day(Step::Skipped { date, reason: why });
            continue;
        }
        if day == day0 {
            let moved = if day0 == first {
                None
            } else {
                schedule.day_zero_reason(start, rule)?
            };
            let closed = if business {
                None
            } else {
                Some(reason()?.into_owned())
            };
            lines.day(Step::DayZero {
                date,
                moved,
                closed,
                rule,
            });
            continue;
        }
        if !business {
            lines.day(Step::Skipped {
                date,
                reason: reason()?,
            });
            continue;
        }
        let close = schedule.close_day(day)?;
        if in_pause(pauses, close) {
            lines.day(Step::PausedDay {
                date,
                reason: paused.clone(),
            });
            continue;
        }
        count += 1;
        lines.day(Step::Counted {
            date,
            count,
            close,
            projected: close > end,
            note: day_note(schedule, date),
        });
    }
    Ok(())
}

/// Working time on business days: what was worked by `end` (the stop or as-of) and, while
/// the clock runs at `end`, what it would work up to the deadline, marked as projected.
fn walk_hours(walk: Walk<'_>, lines: &mut Lines) -> Result<(), Error> {
    let Walk {
        schedule,
        outcome,
        start,
        end,
        pauses,
        cursor,
    } = walk;
    let calendar = schedule.calendar();
    let begin = schedule.working_start(start)?;
    let first = schedule.day_of(start);
    // Up to the deadline (a projection past the end), or to the end while paused.
    let cap = outcome.deadline().map_or(end, |deadline| deadline.max(end));
    let last = schedule.day_of(cap).min(first + MAX_WALK);
    // Running segments: from the working start to the first pause, from each resume to the
    // next pause, from the last resume on.
    let mut segments: Vec<(Instant, Option<Instant>)> = Vec::new();
    let mut from = Some(begin);
    for pause in pauses {
        if let Some(f) = from.take() {
            segments.push((f, Some(pause.at.max(f))));
        }
        from = pause.resume.map(|r| r.max(begin));
    }
    if let Some(f) = from {
        segments.push((f, None));
    }
    let mut total = 0i64;
    let between = |a: Instant, b: Instant| -> Result<i64, Error> {
        if a < b {
            Ok(schedule.working_time_between(a, b)?.nanos())
        } else {
            Ok(0)
        }
    };
    for (day, date) in days(first, last)? {
        if !calendar.is_business_date32(day)? {
            lines.day(Step::Skipped {
                date,
                reason: calendar.day_info_from(date, cursor)?.reason_text(),
            });
            continue;
        }
        if day < schedule.day_of(begin) {
            let why = schedule
                .day_zero_reason(start, StartRule::NextDay)?
                .map_or_else(
                    || "before the clock started".to_owned(),
                    |why| format!("before the clock started, since {why}"),
                );
            lines.day(Step::Skipped {
                date,
                reason: why.into(),
            });
            continue;
        }
        let day_start = schedule.start_of_day(date)?;
        let day_end = schedule.start_of_day(date.succ_opt().unwrap_or(date))?;
        let (mut worked, mut projected) = (0, 0);
        for &(a, b) in &segments {
            let a = a.max(day_start);
            let b = b.unwrap_or(cap).min(day_end).min(cap);
            worked += between(a, b.min(end))?;
            projected += between(a.max(end), b)?;
        }
        let hours: Vec<String> = schedule
            .hours_on(date)?
            .iter()
            .map(ToString::to_string)
            .collect();
        let mut hours = hours.join(", ");
        if let Some(note) = day_note(schedule, date) {
            hours = format!("{hours}; {note}");
        }
        if worked > 0 || projected == 0 {
            total += worked;
            lines.day(Step::Worked {
                date,
                time: WorkingTime::from_nanos(worked),
                total: WorkingTime::from_nanos(total),
                hours: hours.clone(),
                projected: false,
            });
        }
        if projected > 0 {
            total += projected;
            lines.day(Step::Worked {
                date,
                time: WorkingTime::from_nanos(projected),
                total: WorkingTime::from_nanos(total),
                hours,
                projected: true,
            });
        }
    }
    Ok(())
}
