//! Explanations: how a clock attempt's deadline was reached, day by day, in a form a person
//! can check by hand.
//!
//! For a business-day budget the explanation walks from the start to the due date: the start
//! day, day 0 (and why it moved, if it did), every later day with whether it counted (business
//! day *n*, closing at …), and if not why (`weekend`, the holiday's name and calendar,
//! `paused: awaiting publisher sign-out`), then the day the budget runs out. For business time
//! it gives the working time of each business day; for elapsed time the arithmetic of start,
//! pauses and budget. Events that the clock ignored are listed with the reason.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::duration::{DurationKind, SlaDuration, Threshold};
use super::eval::{Effect, Trace, threshold_instants};
use super::outcome::{ClockOutcome, Status};
use super::policy::{ClockSpec, Policy};
use crate::calendar::date32;
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
        event: String,
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
        reason: String,
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
        reason: String,
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
        event: String,
        /// Why the clock pauses, if the policy says.
        reason: Option<String>,
    },
    /// The clock resumed.
    Resumed {
        /// When.
        at: Instant,
        /// The resuming event.
        event: String,
        /// The elapsed time the pause lasted, in nanoseconds.
        after: i64,
    },
    /// An event the clock ignored.
    Ignored {
        /// When.
        at: Instant,
        /// The event.
        event: String,
        /// Why it was ignored.
        why: String,
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
        event: String,
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
        event: String,
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
        let day = |date: &NaiveDate| format!("{date} {}", weekday(date));
        let at = |instant: &Instant| instant.rfc3339(zone).to_string();
        let on = |instant: &Instant| day(&instant.local_date(zone));
        match self {
            Step::Started { at: when, event } => {
                format!("{}  start: `{event}` at {}", on(when), at(when))
            }
            Step::DayZero {
                date,
                moved,
                closed,
                rule,
            } => {
                let closed = closed
                    .as_ref()
                    .map(|why| format!(" ({why})"))
                    .unwrap_or_default();
                let which = match (moved, rule) {
                    (None, _) => format!("the start day{closed}, free"),
                    (Some(why), StartRule::NextDay) => {
                        format!("the next day{closed}, since {why}; free")
                    }
                    (Some(why), _) => format!("the next business day, since {why}; free"),
                };
                format!(
                    "{}  day 0: {which} (counting starts the day after)",
                    day(date)
                )
            }
            Step::Skipped { date, reason } => format!("{}  not counted: {reason}", day(date)),
            Step::Counted {
                date,
                count,
                close,
                projected,
                note,
            } => format!(
                "{}  business day {count}, counted at its close {}{}{}",
                day(date),
                at(close),
                note.as_ref().map(|n| format!(" ({n})")).unwrap_or_default(),
                if *projected { " (projected)" } else { "" }
            ),
            Step::PausedDay { date, reason } => {
                format!("{}  not counted: paused ({reason}) at its close", day(date))
            }
            Step::Worked {
                date,
                time,
                total,
                hours,
                projected: false,
            } => format!(
                "{}  worked {time} (hours {hours}); total {total}",
                day(date)
            ),
            Step::Worked {
                date,
                time,
                total,
                hours,
                projected: true,
            } => format!(
                "{}  {time} to work (hours {hours}); total {total} (projected)",
                day(date)
            ),
            Step::Paused {
                at: when,
                event,
                reason,
            } => match reason {
                Some(reason) => {
                    format!("{}  paused: `{event}` at {} ({reason})", on(when), at(when))
                }
                None => format!("{}  paused: `{event}` at {}", on(when), at(when)),
            },
            Step::Resumed {
                at: when,
                event,
                after,
            } => format!(
                "{}  resumed: `{event}` at {}, after {} paused",
                on(when),
                at(when),
                elapsed_text(*after)
            ),
            Step::Ignored {
                at: when,
                event,
                why,
            } => format!("{}  ignored: `{event}` at {}: {why}", on(when), at(when)),
            Step::Due {
                date,
                deadline,
                how,
            } => format!("due date {date}, deadline {} ({how})", at(deadline)),
            Step::Restarted {
                at: when,
                event,
                next,
                ended_pause,
            } => format!(
                "{}  ended: a new `{event}` at {} started attempt {next}: cancelled{}",
                on(when),
                at(when),
                if *ended_pause {
                    " (the pause ends with it)"
                } else {
                    ""
                }
            ),
            Step::Ended {
                at: when,
                event,
                status,
                ended_pause,
            } => format!(
                "{}  ended: `{event}` at {}: {status}{}",
                on(when),
                at(when),
                if *ended_pause {
                    " (the pause ends with it)"
                } else {
                    ""
                }
            ),
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
    policy: String,
    budget: SlaDuration,
    start_rule: StartRule,
    cutoff: Option<TimeOfDay>,
    at_risk: Vec<(Threshold, Option<Instant>)>,
    calendar_name: String,
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
        for step in &self.steps {
            let line = step.render(zone);
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
        let mut outcomes = Vec::new();
        let mut traces = Vec::new();
        self.run(record, as_of, &mut outcomes, Some(&mut traces))?;
        let runtime = self.runtime(record.calendar())?;
        let schedule = &runtime.schedule;
        outcomes
            .into_iter()
            .map(|outcome| {
                let spec = &self.clocks()[outcome.clock_index];
                let own: Vec<&Trace> = traces
                    .iter()
                    .filter(|(clock, t)| {
                        *clock == outcome.clock_index
                            && (t.attempt == outcome.attempt
                                || (t.attempt == 0 && outcome.attempt == 1))
                    })
                    .map(|(_, t)| t)
                    .collect();
                explain_one(self, spec, schedule, outcome, &own, as_of)
                    .map_err(|e| e.context(format!("explaining record `{}`", record.id())))
            })
            .collect()
    }
}

/// A pause of an attempt: when, by which event, and the resume if any.
struct Pause {
    at: Instant,
    resume: Option<Instant>,
}

fn explain_one(
    policy: &Policy,
    spec: &ClockSpec,
    schedule: &Schedule,
    outcome: ClockOutcome,
    traces: &[&Trace],
    as_of: Instant,
) -> Result<Explanation, Error> {
    let name = |t: &Trace| policy.event_name(t.event.event).to_owned();
    let pause_reason = spec.pause_reason().map(str::to_owned);
    let mut events: Vec<Step> = Vec::new();
    let mut pauses: Vec<Pause> = Vec::new();
    for trace in traces {
        let at = trace.event.at;
        let event = name(trace);
        let why = match trace.effect {
            Effect::Started => {
                events.push(Step::Started { at, event });
                continue;
            }
            Effect::Paused => {
                pauses.push(Pause { at, resume: None });
                events.push(Step::Paused {
                    at,
                    event,
                    reason: pause_reason.clone(),
                });
                continue;
            }
            Effect::Resumed => {
                let after = pauses.last().map_or(0, |p| {
                    i64::try_from(at.nanos_since(p.at)).unwrap_or(i64::MAX)
                });
                if let Some(pause) = pauses.last_mut() {
                    pause.resume = Some(at);
                }
                events.push(Step::Resumed { at, event, after });
                continue;
            }
            Effect::Superseded => {
                events.push(Step::Restarted {
                    at,
                    event,
                    next: outcome.attempt() + 1,
                    ended_pause: end_pause(&mut pauses, at),
                });
                continue;
            }
            Effect::Stopped | Effect::Failed | Effect::Cancelled => {
                events.push(Step::Ended {
                    at,
                    event,
                    status: outcome.status(),
                    ended_pause: end_pause(&mut pauses, at),
                });
                continue;
            }
            Effect::PauseAfterDeadline => {
                "the budget was already used up, so the deadline stands".to_owned()
            }
            Effect::AlreadyPaused => "the clock was already paused".to_owned(),
            Effect::NotPaused => "the clock was not paused".to_owned(),
            Effect::NoAttempt => "no attempt of the clock was open".to_owned(),
            Effect::AfterAsOf => format!("after as-of {}", as_of.rfc3339(outcome.time_zone())),
        };
        events.push(Step::Ignored { at, event, why });
    }
    let budget = spec.budget();
    let mut at_risk = Vec::new();
    let steps = if let Some(start) = outcome.start() {
        let spans: Vec<(Instant, Option<Instant>)> =
            pauses.iter().map(|p| (p.at, p.resume)).collect();
        let reached = threshold_instants(spec, schedule, start, &spans)?;
        at_risk = spec.at_risk().iter().copied().zip(reached).collect();
        let end = outcome.stop().unwrap_or(as_of);
        let walk = match budget.kind() {
            DurationKind::BusinessDays => walk_days(
                schedule,
                &outcome,
                start,
                spec.start_rule(),
                &pauses,
                pause_reason.as_deref(),
                end,
            )?,
            DurationKind::BusinessTime => walk_hours(schedule, &outcome, start, &pauses, end)?,
            DurationKind::Elapsed => Vec::new(),
        };
        let mut steps = merge(walk, events, outcome.time_zone());
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
        events
    };
    Ok(Explanation {
        policy: policy.name().to_owned(),
        budget,
        start_rule: spec.start_rule(),
        cutoff: schedule.cutoff(),
        at_risk,
        calendar_name: schedule.calendar().name().to_owned(),
        as_of,
        steps,
        estimated_years: schedule.calendar().estimated_years(),
        outcome,
    })
}

/// Puts event steps before the day steps of their local date (or after the walk when later).
fn merge(walk: Vec<Step>, events: Vec<Step>, zone: Tz) -> Vec<Step> {
    let event_date = |step: &Step| match step {
        Step::Started { at, .. }
        | Step::Paused { at, .. }
        | Step::Resumed { at, .. }
        | Step::Ignored { at, .. }
        | Step::Restarted { at, .. }
        | Step::Ended { at, .. } => Some(at.local_date(zone)),
        _ => None,
    };
    let walk_date = |step: &Step| match step {
        Step::DayZero { date, .. }
        | Step::Skipped { date, .. }
        | Step::Counted { date, .. }
        | Step::PausedDay { date, .. }
        | Step::Worked { date, .. } => Some(*date),
        _ => None,
    };
    let mut out = Vec::with_capacity(walk.len() + events.len());
    let mut events = events.into_iter().peekable();
    for step in walk {
        let date = walk_date(&step);
        while let Some(event) = events.peek() {
            match (event_date(event), date) {
                (Some(e), Some(d)) if e <= d => out.push(events.next().unwrap_or(step.clone())),
                _ => break,
            }
        }
        out.push(step);
    }
    out.extend(events);
    out
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

fn walk_days(
    schedule: &Schedule,
    outcome: &ClockOutcome,
    start: Instant,
    rule: StartRule,
    pauses: &[Pause],
    pause_reason: Option<&str>,
    end: Instant,
) -> Result<Vec<Step>, Error> {
    let calendar = schedule.calendar();
    let first = schedule.day_of(start);
    let day0 = schedule.day_zero_day(start, rule)?;
    let last = match outcome.due_date() {
        Some(due) => date32::from_naive(due),
        None => schedule.day_of(end).max(day0),
    }
    .min(first + MAX_WALK);
    let reason = pause_reason.unwrap_or("by a pause event").to_owned();
    let mut steps = Vec::new();
    let mut count = 0;
    for day in first..=last {
        let date = date32::to_naive(day)?;
        let info = calendar.day_info(date)?;
        if day < day0 {
            let why = if day == first && info.business {
                schedule.day_zero_reason(start, rule)?.map_or_else(
                    || "before day 0".to_owned(),
                    |why| format!("before day 0, since {why}"),
                )
            } else {
                info.reason()
            };
            steps.push(Step::Skipped { date, reason: why });
            continue;
        }
        if day == day0 {
            let moved = if day0 == first {
                None
            } else {
                schedule.day_zero_reason(start, rule)?
            };
            steps.push(Step::DayZero {
                date,
                moved,
                closed: (!info.business).then(|| info.reason()),
                rule,
            });
            continue;
        }
        if !info.business {
            steps.push(Step::Skipped {
                date,
                reason: info.reason(),
            });
            continue;
        }
        let close = schedule.close_day(day)?;
        if in_pause(pauses, close) {
            steps.push(Step::PausedDay {
                date,
                reason: reason.clone(),
            });
            continue;
        }
        count += 1;
        steps.push(Step::Counted {
            date,
            count,
            close,
            projected: close > end,
            note: day_note(schedule, date),
        });
    }
    Ok(steps)
}

/// Working time on business days: what was worked by `end` (the stop or as-of) and, while
/// the clock runs at `end`, what it would work up to the deadline, marked as projected.
fn walk_hours(
    schedule: &Schedule,
    outcome: &ClockOutcome,
    start: Instant,
    pauses: &[Pause],
    end: Instant,
) -> Result<Vec<Step>, Error> {
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
    let mut steps = Vec::new();
    let mut total = 0i64;
    let between = |a: Instant, b: Instant| -> Result<i64, Error> {
        if a < b {
            Ok(schedule.working_time_between(a, b)?.nanos())
        } else {
            Ok(0)
        }
    };
    for day in first..=last {
        let date = date32::to_naive(day)?;
        if !calendar.is_business_date32(day)? {
            steps.push(Step::Skipped {
                date,
                reason: calendar.day_info(date)?.reason(),
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
            steps.push(Step::Skipped { date, reason: why });
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
            steps.push(Step::Worked {
                date,
                time: WorkingTime::from_nanos(worked),
                total: WorkingTime::from_nanos(total),
                hours: hours.clone(),
                projected: false,
            });
        }
        if projected > 0 {
            total += projected;
            steps.push(Step::Worked {
                date,
                time: WorkingTime::from_nanos(projected),
                total: WorkingTime::from_nanos(total),
                hours,
                projected: true,
            });
        }
    }
    Ok(steps)
}
