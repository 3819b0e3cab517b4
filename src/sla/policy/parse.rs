//! Reading a policy file: TOML into a [`Policy`], every problem named by file, line, column
//! and field. The format is described in `policies/README.md`.
//!
//! Each part of the file is read by a function of its own, in the order of the checks:
//! `estimates`, `name`, `events`, `[calendars.*]`, `calendar`, `start_rule`, `[input]`, the
//! `[[clock]]`s, and last the business hours that business-hours clocks need.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock};

use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::{
    CalendarEntry, ClockSpec, EventSet, MAX_THRESHOLDS, Policy, PolicyData, PolicyOrigin,
    Registries, Runtime, build_runtime, check_hours, lookup_event, unknown_event,
};
use crate::clock::{Disambiguation, TimeOfDay, TimeSpan, WeeklyHours, check_spans};
use crate::sla::duration::{DurationKind, SlaDuration, Threshold};
use crate::toml_util::{ExtraKey, WeekdayTable, line_column, parse_zone, to_date};
use crate::{Error, Estimates, StartRule};

/// The most events a policy may declare.
const MAX_EVENTS: usize = 64;
/// The largest business-day budget: beyond any calendar's years.
const MAX_BUSINESS_DAYS: i64 = 100_000;

/// Where the identities of policies come from: each parsed policy takes the next.
static NEXT_POLICY: AtomicU32 = AtomicU32::new(1);

/// What a policy is parsed with: where it comes from, its registry, the estimates chosen
/// over the file's own setting, and the identity of a policy parsed again.
pub(super) struct Options {
    pub(super) origin: PolicyOrigin,
    pub(super) registry: Registries,
    pub(super) chosen: Option<Estimates>,
    pub(super) identity: Option<u32>,
}

/// The text being parsed and the name it goes by in messages, to say where a span is.
struct Source<'a> {
    label: &'a str,
    text: &'a str,
}

impl Source<'_> {
    /// `file:line:column` of a span's start.
    fn at(&self, span: Range<usize>) -> String {
        let (line, column) = line_column(self.text, span.start);
        format!("{}:{line}:{column}", self.label)
    }

    /// `file:line:column: field `name``.
    fn field(&self, span: Range<usize>, name: &str) -> String {
        format!("{}: field `{name}`", self.at(span))
    }
}

/// A lower-level error (a malformed duration, time or rule name) as a problem of the policy
/// file, at a place in it: a data error, its chain kept.
fn in_policy(e: Error, place: String) -> Error {
    e.into_data().context(place)
}

/// Parses a policy's text.
pub(super) fn parse(text: &str, options: Options) -> Result<Policy, Error> {
    let identity = options
        .identity
        .unwrap_or_else(|| NEXT_POLICY.fetch_add(1, Ordering::Relaxed));
    let label = options.origin.label();
    let source = Source {
        label: &label,
        text,
    };
    let parsed: PolicyToml = toml::from_str(text).map_err(|err| {
        let place = err
            .span()
            .map_or_else(|| label.clone(), |span| source.at(span));
        Error::data(err.message().trim().replace('\n', "; ")).context(place)
    })?;
    let declared_estimates = parse_estimates(&source, parsed.estimates.as_ref())?;
    let estimates = options.chosen.or(declared_estimates).unwrap_or_default();
    let name = parse_name(&source, &parsed.name)?;
    let events = parse_events(&source, &parsed.events)?;
    let registry = options.registry;
    let settings = parse_calendars(&source, &parsed.calendars, &registry, estimates)?;
    let default_calendar = parsed.calendar.get_ref().trim().to_owned();
    let default_runtime = registry
        .get()
        .calendar_with(&default_calendar, estimates)
        .and_then(|calendar| build_runtime(&settings, calendar, registry.get()))
        .map_err(|e| e.context(source.field(parsed.calendar.span(), "calendar")))?;
    let start_rule = parsed
        .start_rule
        .as_ref()
        .map(|rule| parse_start_rule(rule, source.field(rule.span(), "start_rule")))
        .transpose()?
        .unwrap_or_default();
    let input = parse_input(&source, parsed.input, &name, &events)?;
    let roles = Roles {
        events: &events,
        policy: &name,
        identity,
    };
    let mut clocks: Vec<ClockSpec> = Vec::new();
    // Where the first clock that counts business hours is, for messages.
    let mut hours_clock: Option<String> = None;
    for entry in &parsed.clock {
        let clock = parse_clock(&source, entry, &roles, &clocks, start_rule)?;
        if hours_clock.is_none() && clock.needs_hours() {
            hours_clock = Some(clock_field(
                &source,
                clock.name,
                entry.get_ref().budget.span(),
                "budget",
            ));
        }
        clocks.push(clock);
    }
    if clocks.is_empty() {
        return Err(
            Error::data("the policy defines no clock; add a `[[clock]]` table").context(label),
        );
    }
    if let Some(place) = &hours_clock {
        check_policy_hours(
            &name,
            &clocks,
            &default_runtime,
            &default_calendar,
            &settings,
        )
        .map_err(|e| in_policy(e, place.clone()))?;
    }
    Ok(Policy {
        inner: Arc::new(PolicyData {
            name: crate::sla::intern::intern(&name),
            description: parsed.description,
            origin: options.origin,
            text: text.to_owned(),
            digest: crate::calendar::digest(text.as_bytes()),
            identity,
            needs_hours: hours_clock.is_some(),
            start_rule,
            events,
            clocks,
            default_calendar,
            default_runtime,
            settings,
            runtimes: RwLock::new(HashMap::new()),
            building: std::sync::Mutex::new(()),
            registry,
            estimates,
            chosen_estimates: options.chosen,
            declared_estimates,
            record_id_column: input.record_id,
            calendar_column: input.calendar,
            event_columns: input.event_columns,
            input_zone: input.zone,
            disambiguation: input.disambiguation,
        }),
    })
}

/// `estimates = "allow"` or `"deny"`.
fn parse_estimates(
    source: &Source<'_>,
    value: Option<&Spanned<String>>,
) -> Result<Option<Estimates>, Error> {
    let Some(value) = value else {
        return Ok(None);
    };
    match value.get_ref().trim() {
        "allow" => Ok(Some(Estimates::Allow)),
        "deny" => Ok(Some(Estimates::Deny)),
        other => Err(Error::data(format!(
            "unknown setting `{other}` (expected \"allow\", to evaluate in years whose holidays \
             are estimated, or \"deny\")"
        ))
        .context(source.field(value.span(), "estimates"))),
    }
}

/// The policy's `name`, not empty.
fn parse_name(source: &Source<'_>, name: &Spanned<String>) -> Result<String, Error> {
    let trimmed = name.get_ref().trim().to_owned();
    if trimmed.is_empty() {
        return Err(
            Error::data("the policy's name is empty").context(source.field(name.span(), "name"))
        );
    }
    Ok(trimmed)
}

/// The `events`, in lifecycle order: identifiers, each once, at most [`MAX_EVENTS`].
fn parse_events(
    source: &Source<'_>,
    listed: &Spanned<Vec<Spanned<String>>>,
) -> Result<Vec<&'static str>, Error> {
    let mut events: Vec<&'static str> = Vec::new();
    for event in listed.get_ref() {
        let text = event.get_ref();
        let problem = if !is_identifier(text) {
            Some(format!(
                "event name `{text}` must start with a lowercase letter and hold only lowercase \
                 letters, digits and `_`"
            ))
        } else if events.iter().any(|e| &**e == text) {
            Some(format!("event `{text}` is listed twice"))
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(Error::data(problem).context(source.field(event.span(), "events")));
        }
        events.push(crate::sla::intern::intern(text));
    }
    if events.is_empty() {
        return Err(Error::data("the policy lists no events")
            .context(source.field(listed.span(), "events")));
    }
    if events.len() > MAX_EVENTS {
        return Err(Error::data(format!(
            "the policy lists {} events; at most {MAX_EVENTS} are supported",
            events.len()
        ))
        .context(source.field(listed.span(), "events")));
    }
    Ok(events)
}

/// The `[calendars.ID]` entries, each checked against its calendar (but `*`, which applies to
/// any calendar).
fn parse_calendars(
    source: &Source<'_>,
    entries: &BTreeMap<String, Spanned<CalendarToml>>,
    registry: &Registries,
    estimates: Estimates,
) -> Result<BTreeMap<String, CalendarEntry>, Error> {
    let mut settings = BTreeMap::new();
    for (id, entry) in entries {
        let origin = source.at(entry.span());
        let calendar = if id == "*" {
            None
        } else {
            Some(
                registry
                    .get()
                    .calendar_with(id, estimates)
                    .map_err(|e| e.context(format!("{origin}: `calendars.{id}`")))?,
            )
        };
        let resolved = parse_calendar_entry(source, id, entry.get_ref(), origin.clone())?;
        if let Some(calendar) = calendar {
            // Check the settings against the calendar now, so that errors name the file.
            build_runtime(
                &BTreeMap::from([(id.clone(), resolved.clone())]),
                calendar,
                registry.get(),
            )
            .map_err(|e| e.context(format!("{origin}: `calendars.{id}`")))?;
        }
        settings.insert(id.clone(), resolved);
    }
    Ok(settings)
}

/// One `[calendars.ID]` entry: zone, cutoff, hours, days with hours of their own, closures.
fn parse_calendar_entry(
    source: &Source<'_>,
    id: &str,
    entry: &CalendarToml,
    origin: String,
) -> Result<CalendarEntry, Error> {
    let context = |field_name: &str, span: Range<usize>| {
        format!(
            "{}: `calendars.{id}`: field `{field_name}`",
            source.at(span)
        )
    };
    let mut resolved = CalendarEntry {
        origin,
        ..CalendarEntry::default()
    };
    if let Some(zone) = &entry.time_zone {
        resolved.zone = Some(
            parse_zone(zone.get_ref()).map_err(|e| e.context(context("time_zone", zone.span())))?,
        );
    }
    if let Some(cutoff) = &entry.cutoff {
        resolved.cutoff = Some(
            cutoff
                .get_ref()
                .parse::<TimeOfDay>()
                .map_err(|e| in_policy(e, context("cutoff", cutoff.span())))?,
        );
    }
    if let Some(hours) = &entry.hours {
        resolved.hours = Some(
            parse_hours(hours.get_ref())
                .map_err(|e| in_policy(e, context("hours", hours.span())))?,
        );
    }
    for day in &entry.day {
        let parsed_day = (|| -> Result<_, Error> {
            let day = day.get_ref();
            let date = to_date(&day.date)?;
            let spans = parse_spans(&day.hours)?;
            check_spans(&spans)?;
            Ok((date, spans, day.name.clone()))
        })()
        .map_err(|e| in_policy(e, context("day", day.span())))?;
        resolved.days.push(parsed_day);
    }
    for closure in &entry.closure {
        let parsed_closure = (|| -> Result<_, Error> {
            let closure = closure.get_ref();
            Ok((
                to_date(&closure.date)?,
                closure.time.parse::<TimeSpan>()?,
                closure.name.clone(),
            ))
        })()
        .map_err(|e| in_policy(e, context("closure", closure.span())))?;
        resolved.closures.push(parsed_closure);
    }
    Ok(resolved)
}

/// A `start_rule` value: `next-day` or `roll-forward`.
fn parse_start_rule(value: &Spanned<String>, place: String) -> Result<StartRule, Error> {
    value
        .get_ref()
        .parse::<StartRule>()
        .map_err(|e| in_policy(e, place))
}

/// How exports map to events, as `[input]` says.
struct InputMapping {
    record_id: String,
    calendar: String,
    event_columns: Vec<String>,
    zone: Option<Tz>,
    disambiguation: Disambiguation,
}

/// The `[input]` table: id and calendar columns, a wide export's column per event, the zone
/// and DST rule of local times.
fn parse_input(
    source: &Source<'_>,
    input: Option<InputToml>,
    policy: &str,
    events: &[&'static str],
) -> Result<InputMapping, Error> {
    let input = input.unwrap_or(InputToml {
        record_id: None,
        calendar: None,
        columns: BTreeMap::new(),
        time_zone: None,
        disambiguation: None,
    });
    let mut event_columns: Vec<String> = events.iter().map(|e| format!("{e}_at")).collect();
    for (event, column) in &input.columns {
        let id = lookup_event(events, event).ok_or_else(|| {
            Error::data(unknown_event(policy, events, event))
                .context(format!("{}: `input.columns`", source.at(column.span())))
        })?;
        event_columns[id] = column.get_ref().clone();
    }
    let zone = input
        .time_zone
        .as_ref()
        .map(|zone| {
            parse_zone(zone.get_ref()).map_err(|e| {
                e.context(format!(
                    "{}: `input`: field `time_zone`",
                    source.at(zone.span())
                ))
            })
        })
        .transpose()?;
    let disambiguation = input
        .disambiguation
        .as_ref()
        .map(|rule| {
            rule.get_ref().parse::<Disambiguation>().map_err(|e| {
                in_policy(
                    e,
                    format!(
                        "{}: `input`: field `disambiguation`",
                        source.at(rule.span())
                    ),
                )
            })
        })
        .transpose()?
        .unwrap_or_default();
    Ok(InputMapping {
        record_id: input.record_id.unwrap_or_else(|| "record_id".to_owned()),
        calendar: input.calendar.unwrap_or_else(|| "calendar".to_owned()),
        event_columns,
        zone,
        disambiguation,
    })
}

/// What a clock's event roles are checked against: the policy's events and identity.
struct Roles<'a> {
    events: &'a [&'static str],
    policy: &'a str,
    identity: u32,
}

impl Roles<'_> {
    /// The events named by a role (`start`, `pause`, …), as a set; empty when absent.
    fn set(
        &self,
        value: Option<&Spanned<OneOrMany>>,
        place: impl Fn(Range<usize>) -> String,
    ) -> Result<EventSet, Error> {
        let Some(value) = value else {
            return Ok(EventSet {
                bits: 0,
                policy: self.identity,
            });
        };
        let mut bits = 0u64;
        for item in value.get_ref().items() {
            let id = lookup_event(self.events, item).ok_or_else(|| {
                Error::data(unknown_event(self.policy, self.events, item))
                    .context(place(value.span()))
            })?;
            bits |= 1 << id;
        }
        Ok(EventSet {
            bits,
            policy: self.identity,
        })
    }
}

/// `file:line:column: clock `name`: field `field``.
fn clock_field(source: &Source<'_>, clock: &str, span: Range<usize>, field: &str) -> String {
    format!("{}: clock `{clock}`: field `{field}`", source.at(span))
}

/// One `[[clock]]`.
fn parse_clock(
    source: &Source<'_>,
    entry: &Spanned<ClockToml>,
    roles: &Roles<'_>,
    earlier: &[ClockSpec],
    policy_rule: StartRule,
) -> Result<ClockSpec, Error> {
    let clock = entry.get_ref();
    let clock_name = clock.name.get_ref().clone();
    let within =
        |span: Range<usize>, field_name: &str| clock_field(source, &clock_name, span, field_name);
    if !is_identifier(&clock_name) {
        return Err(Error::data(format!(
            "clock name `{clock_name}` must start with a lowercase letter and hold only \
             lowercase letters, digits and `_`"
        ))
        .context(source.field(clock.name.span(), "name")));
    }
    if earlier.iter().any(|c| *c.name == *clock_name) {
        return Err(
            Error::data(format!("clock `{clock_name}` is defined twice"))
                .context(source.field(clock.name.span(), "name")),
        );
    }
    let sets = parse_roles(clock, &entry.span(), roles, &within)?;
    let budget = parse_budget(&clock.budget, &within)?;
    let at_risk = match &clock.at_risk {
        Some(value) => parse_thresholds(value, budget, &within)?,
        None => Vec::new(),
    };
    let start_rule = clock
        .start_rule
        .as_ref()
        .map(|rule| parse_start_rule(rule, within(rule.span(), "start_rule")))
        .transpose()?
        .unwrap_or(policy_rule);
    if budget.kind() == DurationKind::BusinessDays && budget.amount() > MAX_BUSINESS_DAYS {
        return Err(
            Error::data(format!("budget `{budget}` is beyond any calendar's years"))
                .context(within(clock.budget.span(), "budget")),
        );
    }
    let [start, stop, fail, cancel, pause, resume] = sets;
    Ok(ClockSpec {
        name: crate::sla::intern::intern(clock_name.as_str()),
        description: clock.description.clone(),
        start,
        stop,
        fail,
        cancel,
        pause,
        resume,
        pause_reason: clock
            .pause_reason
            .as_deref()
            .map(crate::sla::intern::intern),
        budget,
        at_risk,
        start_rule,
    })
}

/// A clock's event roles, `[start, stop, fail, cancel, pause, resume]`: a start and a stop
/// event at least, each event in one role, pauses and resumes both or neither.
fn parse_roles(
    clock: &ClockToml,
    clock_span: &Range<usize>,
    roles: &Roles<'_>,
    within: &dyn Fn(Range<usize>, &str) -> String,
) -> Result<[EventSet; 6], Error> {
    let span_of = |value: &Option<Spanned<OneOrMany>>| {
        value
            .as_ref()
            .map_or_else(|| clock_span.clone(), Spanned::span)
    };
    let set = |value: Option<&Spanned<OneOrMany>>, role: &str| {
        roles.set(value, |span| within(span, role))
    };
    let found: [(&str, EventSet, Range<usize>); 6] = [
        (
            "start",
            set(Some(&clock.start), "start")?,
            clock.start.span(),
        ),
        ("stop", set(Some(&clock.stop), "stop")?, clock.stop.span()),
        (
            "fail",
            set(clock.fail.as_ref(), "fail")?,
            span_of(&clock.fail),
        ),
        (
            "cancel",
            set(clock.cancel.as_ref(), "cancel")?,
            span_of(&clock.cancel),
        ),
        (
            "pause",
            set(clock.pause.as_ref(), "pause")?,
            span_of(&clock.pause),
        ),
        (
            "resume",
            set(clock.resume.as_ref(), "resume")?,
            span_of(&clock.resume),
        ),
    ];
    for (role, events, span) in &found[..2] {
        if events.is_empty() {
            return Err(
                Error::data(format!("a clock needs at least one `{role}` event"))
                    .context(within(span.clone(), role)),
            );
        }
    }
    for (i, (role, set_a, span)) in found.iter().enumerate() {
        for (other, set_b, _) in &found[..i] {
            let shared = EventSet {
                bits: set_a.bits & set_b.bits,
                policy: roles.identity,
            };
            if let Some(event) = shared.iter().next() {
                return Err(Error::data(format!(
                    "event `{}` is both a `{other}` and a `{role}` event of the clock; give each \
                     event one role",
                    roles.events[event.index()]
                ))
                .context(within(span.clone(), role)));
            }
        }
    }
    let (pause, resume) = (found[4].1, found[5].1);
    if pause.is_empty() != resume.is_empty() {
        let (missing, present, span) = if pause.is_empty() {
            ("pause", "resume", found[5].2.clone())
        } else {
            ("resume", "pause", found[4].2.clone())
        };
        return Err(Error::data(format!(
            "the clock has `{present}` events but no `{missing}` events; give both or neither"
        ))
        .context(within(span, present)));
    }
    Ok(found.map(|(_, set, _)| set))
}

/// A clock's `budget`.
fn parse_budget(
    budget: &Spanned<String>,
    within: &dyn Fn(Range<usize>, &str) -> String,
) -> Result<SlaDuration, Error> {
    SlaDuration::parse(budget.get_ref()).map_err(|e| in_policy(e, within(budget.span(), "budget")))
}

/// A clock's `at_risk` thresholds: at most [`MAX_THRESHOLDS`], none beyond a budget of its
/// kind.
fn parse_thresholds(
    value: &Spanned<OneOrMany>,
    budget: SlaDuration,
    within: &dyn Fn(Range<usize>, &str) -> String,
) -> Result<Vec<Threshold>, Error> {
    let place = || within(value.span(), "at_risk");
    let mut at_risk = Vec::new();
    for item in value.get_ref().items() {
        at_risk.push(Threshold::parse(item).map_err(|e| in_policy(e, place()))?);
    }
    if at_risk.len() > MAX_THRESHOLDS {
        return Err(Error::data(format!(
            "{} thresholds given; at most {MAX_THRESHOLDS} are supported",
            at_risk.len()
        ))
        .context(place()));
    }
    let beyond = at_risk.iter().find_map(|threshold| match threshold {
        Threshold::After(after)
            if after.kind() == budget.kind() && after.amount() > budget.amount() =>
        {
            Some(after)
        }
        _ => None,
    });
    if let Some(after) = beyond {
        return Err(Error::data(format!(
            "threshold `{after}` is beyond the budget `{budget}`; a clock would be overdue \
             before it is at risk"
        ))
        .context(place()));
    }
    Ok(at_risk)
}

/// A business-hours clock can run on the default calendar and on every calendar the policy
/// has settings for; each of them needs hours. (A record that names a calendar without
/// settings runs under `[calendars."*"]`, checked here too, or under none: that record is
/// refused when it is evaluated, since which calendars records name is not known here.)
fn check_policy_hours(
    policy: &str,
    clocks: &[ClockSpec],
    default_runtime: &Runtime,
    default_calendar: &str,
    settings: &BTreeMap<String, CalendarEntry>,
) -> Result<(), Error> {
    check_hours(policy, clocks, default_runtime, default_calendar)?;
    for (id, entry) in settings {
        if entry.hours.is_none() {
            let runtime = Runtime {
                id: crate::sla::intern::intern(id.as_str()),
                schedule: default_runtime.schedule.clone(),
                hours: false,
                entry: Some(Arc::from(id.as_str())),
            };
            check_hours(policy, clocks, &runtime, id)?;
        }
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyToml {
    name: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    events: Spanned<Vec<Spanned<String>>>,
    calendar: Spanned<String>,
    start_rule: Option<Spanned<String>>,
    #[serde(default)]
    estimates: Option<Spanned<String>>,
    #[serde(default)]
    calendars: BTreeMap<String, Spanned<CalendarToml>>,
    #[serde(default)]
    input: Option<InputToml>,
    #[serde(default)]
    clock: Vec<Spanned<ClockToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarToml {
    time_zone: Option<Spanned<String>>,
    cutoff: Option<Spanned<String>>,
    hours: Option<Spanned<HoursToml>>,
    #[serde(default)]
    day: Vec<Spanned<DayToml>>,
    #[serde(default)]
    closure: Vec<Spanned<ClosureToml>>,
}

/// Business hours: spans per weekday, and `weekdays` for Monday to Friday.
type HoursToml = WeekdayTable<Vec<String>, Weekdays>;

/// The key of business hours besides the weekdays: `weekdays`.
struct Weekdays;

impl ExtraKey for Weekdays {
    const NAME: Option<&'static str> = Some("weekdays");
    const KEYS: &'static [&'static str] =
        &["weekdays", "mon", "tue", "wed", "thu", "fri", "sat", "sun"];
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayToml {
    date: Datetime,
    hours: Vec<String>,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClosureToml {
    date: Datetime,
    time: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InputToml {
    record_id: Option<String>,
    calendar: Option<String>,
    #[serde(default)]
    columns: BTreeMap<String, Spanned<String>>,
    time_zone: Option<Spanned<String>>,
    disambiguation: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockToml {
    name: Spanned<String>,
    #[serde(default)]
    description: Option<String>,
    start: Spanned<OneOrMany>,
    stop: Spanned<OneOrMany>,
    fail: Option<Spanned<OneOrMany>>,
    cancel: Option<Spanned<OneOrMany>>,
    pause: Option<Spanned<OneOrMany>>,
    resume: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pause_reason: Option<String>,
    budget: Spanned<String>,
    at_risk: Option<Spanned<OneOrMany>>,
    start_rule: Option<Spanned<String>>,
}

/// One name or a list of names.
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<OneOrMany, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings, like \"submitted\" or [\"a\", \"b\"]")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value.to_owned()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl OneOrMany {
    fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(one) => vec![one.as_str()],
            OneOrMany::Many(many) => many.iter().map(String::as_str).collect(),
        }
    }
}

fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn parse_spans(texts: &[String]) -> Result<Vec<TimeSpan>, Error> {
    texts.iter().map(|text| text.parse::<TimeSpan>()).collect()
}

fn parse_hours(hours: &HoursToml) -> Result<WeeklyHours, Error> {
    let mut weekly = WeeklyHours::none();
    if let Some(spans) = &hours.extra {
        weekly = weekly.weekdays(&parse_spans(spans)?)?;
    }
    for (weekday, spans) in hours.days.iter() {
        if let Some(spans) = spans {
            weekly = weekly.day(weekday, &parse_spans(spans)?)?;
        }
    }
    Ok(weekly)
}
