//! SLA policies: which clocks a record's events start, stop, pause and resume, with their
//! budgets, at-risk thresholds, calendars and business hours. Written in TOML; `marketplace`
//! is built in.
//!
//! # The format
//!
//! ```toml
//! name = "support"                       # the policy's name
//! description = "Support tickets"        # optional
//! # Every event, in lifecycle order: events at the same instant apply in this order.
//! events = ["opened", "answered", "waiting_on_customer", "customer_replied", "closed", "withdrawn"]
//! calendar = "GB-ENG"                    # the default calendar; a record's `calendar` column overrides it
//! estimates = "allow"                    # optional: evaluate in years whose holidays are only
//!                                        # estimated (rows flagged `estimated`); default "deny"
//! start_rule = "next-day"                # day 0 of business-day counts: the start's date (the
//!                                        # default), or "roll-forward" to the next business day
//!
//! # How a calendar runs under this policy (all keys optional). `[calendars."*"]` applies to any
//! # calendar without an entry of its own; a joint calendar (`US+GB-ENG`) without an entry uses
//! # the entry of its first part.
//! [calendars.GB-ENG]
//! time_zone = "Europe/London"            # default: the calendar's own zone
//! cutoff = "16:00"                       # a start after it makes the next day day 0
//! hours = { weekdays = ["09:00-12:30", "13:30-17:30"], fri = ["09:00-16:00"] }
//! day = [{ date = 2026-12-24, hours = ["09:00-13:00"], name = "Christmas Eve: early close" }]
//! closure = [{ date = 2026-06-10, time = "14:00-16:00", name = "all-hands meeting" }]
//!
//! [input]                                # how exports map to events (all keys optional)
//! record_id = "ticket_id"                # the id column of a wide export (default `record_id`)
//! calendar = "calendar"                  # the calendar column (default `calendar`)
//! columns = { opened = "created_at" }    # a wide export's column per event (default `<event>_at`)
//! time_zone = "Europe/London"            # the zone of local times and dates without offset
//! disambiguation = "compatible"          # local times in DST gaps and folds: compatible,
//!                                        # earlier, later, reject or first_reached
//!
//! [[clock]]
//! name = "first_response"
//! start = "opened"                       # one event or a list
//! stop = "answered"                      # met or breached by time
//! fail = []                              # ends the attempt as `failed`
//! cancel = ["withdrawn"]                 # ends the attempt as `cancelled`
//! pause = "waiting_on_customer"
//! resume = "customer_replied"
//! pause_reason = "waiting on the customer"   # shown in explanations
//! budget = "4 business hours"
//! at_risk = ["50%", "75%"]               # one or several: a duration of any kind or a share of the budget
//! start_rule = "roll-forward"            # this clock's own start rule (default: the policy's)
//! ```
//!
//! A policy with an unknown key, an unknown event, a malformed duration, an unknown calendar
//! or time zone, broken hours, or a clock that counts business hours on a calendar the policy
//! gives none (the default calendar, one with settings of its own, or `*`) is rejected with
//! an error naming the file, the line and column, and the field. A record whose calendar has
//! no settings of its own (and the policy has no `*` entry) is refused when it is evaluated
//! if a clock counts business hours: which calendars records name is known only then.
//!
//! # The built-in `marketplace` policy
//!
//! [`Policy::builtin`]`("marketplace")` is this file:
//!
#![doc = concat!("```toml\n", include_str!("marketplace.toml"), "```")]

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock};

use chrono::{NaiveDate, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::duration::{DurationKind, SlaDuration, Threshold};
use crate::clock::{
    Disambiguation, Instant, Schedule, TimeOfDay, TimeSpan, WeeklyHours, check_spans,
};
use crate::{Calendar, Error, Estimates, Registry, StartRule};

/// The built-in policies: `(name, TOML text)`.
const BUILTIN: &[(&str, &str)] = &[("marketplace", include_str!("marketplace.toml"))];

/// The most events a policy may declare.
const MAX_EVENTS: usize = 64;
/// The most at-risk thresholds a clock may have.
pub(crate) const MAX_THRESHOLDS: usize = 8;

/// Where the identities of policies come from: each parsed policy takes the next.
static NEXT_POLICY: AtomicU32 = AtomicU32::new(1);

/// An event of a policy, by its position in the policy's lifecycle order. Ids belong to the
/// policy that issued them ([`Policy::event`]): each carries the identity of its policy (a
/// number given when the policy is parsed, shared by its clones and by
/// [`Policy::with_estimates`]), and evaluating a record with an id of another policy is an
/// input error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventId {
    /// First, so that ids of one policy order by lifecycle.
    index: u8,
    policy: u32,
}

impl EventId {
    /// The first event of no policy (a placeholder where an id is needed before any event).
    pub(crate) const FIRST: EventId = EventId {
        index: 0,
        policy: 0,
    };

    /// The position of the event in the policy's `events` list (its lifecycle order).
    #[must_use]
    pub fn index(self) -> usize {
        usize::from(self.index)
    }
}

/// A set of a policy's events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EventSet {
    bits: u64,
    policy: u32,
}

impl EventSet {
    /// Whether the set holds an event.
    #[must_use]
    pub fn contains(self, event: EventId) -> bool {
        self.bits >> event.index & 1 == 1 && self.policy == event.policy
    }

    /// Whether the set holds an event of its policy, by index alone: for evaluation, which
    /// has checked that the record's events are the policy's.
    #[inline]
    pub(crate) fn has(self, event: EventId) -> bool {
        self.bits >> event.index & 1 == 1
    }

    /// True for the empty set.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The events, in lifecycle order.
    pub fn iter(self) -> impl Iterator<Item = EventId> {
        (0..64u8)
            .filter(move |&i| self.bits >> i & 1 == 1)
            .map(move |index| EventId {
                index,
                policy: self.policy,
            })
    }
}

/// One clock of a policy.
#[derive(Clone, Debug)]
pub struct ClockSpec {
    pub(crate) name: Arc<str>,
    description: Option<String>,
    pub(crate) start: EventSet,
    pub(crate) stop: EventSet,
    pub(crate) fail: EventSet,
    pub(crate) cancel: EventSet,
    pub(crate) pause: EventSet,
    pub(crate) resume: EventSet,
    pause_reason: Option<String>,
    pub(crate) budget: SlaDuration,
    pub(crate) at_risk: Vec<Threshold>,
    pub(crate) start_rule: StartRule,
}

impl ClockSpec {
    /// The clock's name, e.g. `certification`.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the clock measures, if the policy says.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The events that start an attempt.
    #[must_use]
    pub fn starts_on(&self) -> EventSet {
        self.start
    }

    /// The events that stop the clock, met or breached by time.
    #[must_use]
    pub fn stops_on(&self) -> EventSet {
        self.stop
    }

    /// The events that end the attempt as `failed`.
    #[must_use]
    pub fn fails_on(&self) -> EventSet {
        self.fail
    }

    /// The events that end the attempt as `cancelled`.
    #[must_use]
    pub fn cancels_on(&self) -> EventSet {
        self.cancel
    }

    /// The events that pause the clock.
    #[must_use]
    pub fn pauses_on(&self) -> EventSet {
        self.pause
    }

    /// The events that resume a paused clock.
    #[must_use]
    pub fn resumes_on(&self) -> EventSet {
        self.resume
    }

    /// Why the clock pauses, for explanations (`awaiting publisher sign-out`).
    #[must_use]
    pub fn pause_reason(&self) -> Option<&str> {
        self.pause_reason.as_deref()
    }

    /// The budget.
    #[must_use]
    pub fn budget(&self) -> SlaDuration {
        self.budget
    }

    /// The at-risk thresholds; the first one reached makes the clock `at_risk`.
    #[must_use]
    pub fn at_risk(&self) -> &[Threshold] {
        &self.at_risk
    }

    /// The start rule of its business-day counts: the clock's own `start_rule`, else the
    /// policy's ([`StartRule::NextDay`] unless the policy says otherwise).
    #[must_use]
    pub fn start_rule(&self) -> StartRule {
        self.start_rule
    }

    /// Whether the clock measures business hours (its budget or a threshold): it needs a
    /// calendar with business hours.
    #[must_use]
    pub fn needs_hours(&self) -> bool {
        self.budget.kind() == DurationKind::BusinessTime
            || self.at_risk.iter().any(|threshold| match threshold {
                Threshold::After(duration) => duration.kind() == DurationKind::BusinessTime,
                Threshold::Percent(_) => false,
            })
    }
}

/// How a calendar runs under a policy, as the policy file's `[calendars.ID]` entry says:
/// see [`Policy::calendar_entries`].
#[derive(Clone, Debug, Default)]
pub struct CalendarEntry {
    /// Where the settings are defined, for messages.
    origin: String,
    zone: Option<Tz>,
    cutoff: Option<TimeOfDay>,
    hours: Option<WeeklyHours>,
    days: Vec<(NaiveDate, Vec<TimeSpan>, String)>,
    closures: Vec<(NaiveDate, TimeSpan, String)>,
}

impl CalendarEntry {
    /// The zone the calendar runs in, when the entry sets one (else the calendar's own).
    #[must_use]
    pub fn time_zone(&self) -> Option<Tz> {
        self.zone
    }

    /// The daily cutoff, when the entry sets one.
    #[must_use]
    pub fn cutoff(&self) -> Option<TimeOfDay> {
        self.cutoff
    }

    /// The business hours of each weekday, when the entry sets them (else a day closes at
    /// local midnight).
    #[must_use]
    pub fn hours(&self) -> Option<&WeeklyHours> {
        self.hours.as_ref()
    }

    /// The dates with hours of their own: date, spans and why.
    pub fn day_hours(&self) -> impl Iterator<Item = (NaiveDate, &[TimeSpan], &str)> {
        self.days
            .iter()
            .map(|(date, spans, name)| (*date, spans.as_slice(), name.as_str()))
    }

    /// The timed closures: date, span and name.
    pub fn closures(&self) -> impl Iterator<Item = (NaiveDate, TimeSpan, &str)> {
        self.closures
            .iter()
            .map(|(date, span, name)| (*date, *span, name.as_str()))
    }
}

/// A calendar as it runs under a policy: the schedule, the id written in outputs, and
/// whether the policy gave it business hours.
#[derive(Clone, Debug)]
pub(crate) struct Runtime {
    pub(crate) id: Arc<str>,
    pub(crate) schedule: Schedule,
    pub(crate) hours: bool,
    /// The settings entry it runs under (`*` for the catch-all), if any.
    pub(crate) entry: Option<Arc<str>>,
}

#[derive(Clone)]
enum Registries {
    Builtin(&'static Registry),
    Shared(Arc<Registry>),
}

impl Registries {
    fn get(&self) -> &Registry {
        match self {
            Registries::Builtin(registry) => registry,
            Registries::Shared(registry) => registry,
        }
    }
}

/// An SLA policy: events in lifecycle order, clocks, the default calendar and how calendars
/// run (zone, business hours, cutoff), and how exports map to events.
///
/// A `Policy` is a cheap handle (one `Arc`); clone it and share it between threads. Calendars
/// named by records are resolved on first use and cached.
///
/// # Example
///
/// ```
/// use slacal::Policy;
///
/// let policy = Policy::builtin("marketplace")?;
/// assert_eq!(policy.default_calendar(), "US");
/// let names: Vec<&str> = policy.clocks().iter().map(|c| c.name()).collect();
/// assert_eq!(names, ["validation", "certification", "packaging", "release", "publish"]);
/// assert_eq!(policy.event("live")?.index(), 6);
/// assert_eq!(
///     policy.event("launched").unwrap_err().to_string(),
///     "unknown event `launched` (the events of policy `marketplace` are submitted, \
///      prerequisites_validated, certification_passed, certification_failed, preview_ready, \
///      go_live, live)"
/// );
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone)]
pub struct Policy {
    inner: Arc<PolicyData>,
}

struct PolicyData {
    name: String,
    description: Option<String>,
    file: String,
    text: String,
    digest: String,
    /// The identity its event ids carry.
    identity: u32,
    /// Whether a clock counts business hours.
    needs_hours: bool,
    start_rule: StartRule,
    events: Vec<Arc<str>>,
    clocks: Vec<ClockSpec>,
    default_calendar: String,
    default_runtime: Runtime,
    settings: BTreeMap<String, CalendarEntry>,
    runtimes: RwLock<HashMap<String, Runtime>>,
    registry: Registries,
    estimates: Estimates,
    declared_estimates: Option<Estimates>,
    record_id_column: String,
    calendar_column: String,
    event_columns: Vec<String>,
    input_zone: Option<Tz>,
    disambiguation: Disambiguation,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("name", &self.inner.name)
            .field("file", &self.inner.file)
            .field("digest", &self.inner.digest)
            .finish_non_exhaustive()
    }
}

impl Policy {
    /// A built-in policy by name (`marketplace`).
    ///
    /// # Errors
    ///
    /// A data error for an unknown name (listing the built-in ones).
    pub fn builtin(name: &str) -> Result<Policy, Error> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            Error::data(format!(
                "unknown built-in policy `{name}` (built in: {}; or give a policy file)",
                Policy::builtin_names().collect::<Vec<_>>().join(", ")
            ))
        })?;
        Policy::parse(&format!("built-in policy `{name}`"), text)
    }

    /// The names of the built-in policies.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(name, _)| *name)
    }

    /// Parses a policy from TOML text, with the built-in calendars. `file` names the text in
    /// error messages.
    ///
    /// # Errors
    ///
    /// A data error naming the file, line, column and field of the first problem.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::Policy;
    ///
    /// let text = r#"
    /// name = "reviews"
    /// events = ["requested", "approved"]
    /// calendar = "DE"
    ///
    /// [[clock]]
    /// name = "review"
    /// start = "requested"
    /// stop = "approved"
    /// budget = "3 business dayz"
    /// "#;
    /// let err = Policy::parse("reviews.toml", text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "reviews.toml:10:10: clock `review`: field `budget`: malformed duration \
    ///      `3 business dayz`: unknown unit `business dayz` (expected business days, business \
    ///      hours, business minutes, business seconds, weeks, days, hours, minutes or seconds)"
    /// );
    /// ```
    pub fn parse(file: &str, text: &str) -> Result<Policy, Error> {
        parse(
            file,
            text,
            Registries::Builtin(Registry::builtin()?),
            None,
            None,
        )
    }

    /// Parses a policy whose calendars come from a registry of your own (e.g.
    /// [`Registry::with_dir`]).
    ///
    /// # Errors
    ///
    /// As [`Policy::parse`].
    pub fn parse_with_registry(
        file: &str,
        text: &str,
        registry: Arc<Registry>,
    ) -> Result<Policy, Error> {
        parse(file, text, Registries::Shared(registry), None, None)
    }

    /// Reads and parses a policy file, with the built-in calendars.
    ///
    /// # Errors
    ///
    /// An I/O error when the file cannot be read; else as [`Policy::parse`].
    pub fn read(path: &Path) -> Result<Policy, Error> {
        Policy::parse(&path.display().to_string(), &read(path)?)
    }

    /// Reads and parses a policy file whose calendars come from a registry of your own.
    ///
    /// # Errors
    ///
    /// As [`Policy::read`].
    pub fn read_with_registry(path: &Path, registry: Arc<Registry>) -> Result<Policy, Error> {
        Policy::parse_with_registry(&path.display().to_string(), &read(path)?, registry)
    }

    /// The same policy, with its calendars built with or without estimated years (see
    /// [`Estimates`]), whatever its `estimates` setting says: with [`Estimates::Allow`],
    /// records on a calendar whose holidays are announced year by year (CN, AE, AU-VIC) can be
    /// evaluated past the announced years, and the rows that depend on those years are
    /// [`ClockOutcome::is_estimated`](crate::ClockOutcome::is_estimated).
    ///
    /// # Errors
    ///
    /// As [`Policy::parse`] (the policy is parsed again with the new setting).
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Estimates, Policy};
    ///
    /// let policy = Policy::builtin("marketplace")?.with_estimates(Estimates::Allow)?;
    /// assert_eq!(policy.estimates(), Estimates::Allow);
    /// let cn = policy.schedule(Some("CN"))?;
    /// assert!(cn.calendar().last_year() > 2100);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn with_estimates(&self, estimates: Estimates) -> Result<Policy, Error> {
        let data = &self.inner;
        parse(
            &data.file,
            &data.text,
            data.registry.clone(),
            Some(estimates),
            Some(data.identity),
        )
    }

    /// Whether the policy's calendars cover estimated years: the policy file's `estimates`
    /// setting (`"allow"` or `"deny"`, the default), unless [`Policy::with_estimates`] chose.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Estimates, Policy};
    ///
    /// assert_eq!(Policy::builtin("marketplace")?.estimates(), Estimates::Allow);
    /// let text = "name = \"p\"\nevents = [\"a\", \"b\"]\ncalendar = \"CN\"\n\
    ///             [[clock]]\nname = \"c\"\nstart = \"a\"\nstop = \"b\"\nbudget = \"5 business days\"\n";
    /// let strict = Policy::parse("p.toml", text)?;
    /// assert_eq!((strict.estimates(), strict.declared_estimates()), (Estimates::Deny, None));
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn estimates(&self) -> Estimates {
        self.inner.estimates
    }

    /// What the policy file's `estimates` setting says, if it has one.
    #[must_use]
    pub fn declared_estimates(&self) -> Option<Estimates> {
        self.inner.declared_estimates
    }

    /// The policy's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The policy's description, if it has one.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.inner.description.as_deref()
    }

    /// The file name it was parsed under.
    #[must_use]
    pub fn file(&self) -> &str {
        &self.inner.file
    }

    /// Where the policy comes from, for people: its file, or `built in`.
    ///
    /// # Example
    ///
    /// ```
    /// let policy = slacal::Policy::builtin("marketplace")?;
    /// assert_eq!(policy.origin(), "built in");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn origin(&self) -> &str {
        if self.inner.file.starts_with("built-in policy ") {
            "built in"
        } else {
            &self.inner.file
        }
    }

    /// The TOML text it was parsed from.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.inner.text
    }

    /// A digest of the policy's text (`sha256:` and 16 hex digits), so that results can be tied
    /// to the policy that produced them.
    #[must_use]
    pub fn digest(&self) -> &str {
        &self.inner.digest
    }

    /// The events, in lifecycle order.
    pub fn events(&self) -> impl Iterator<Item = (EventId, &str)> {
        self.inner
            .events
            .iter()
            .enumerate()
            // At most 64 events, so the index fits a u8.
            .map(|(i, name)| (self.event_id(i), &**name))
    }

    /// The id of an event by name.
    ///
    /// # Errors
    ///
    /// An input error for a name the policy does not know, listing the ones it knows (and a
    /// close match, when there is one).
    pub fn event(&self, name: &str) -> Result<EventId, Error> {
        lookup_event(&self.inner.events, name)
            .map(|index| self.event_id(index))
            .ok_or_else(|| Error::input(unknown_event(&self.inner.name, &self.inner.events, name)))
    }

    /// The name of an event.
    #[must_use]
    pub fn event_name(&self, event: EventId) -> &str {
        self.inner
            .events
            .get(event.index())
            .map_or("?", |name| name)
    }

    /// The clocks, in the policy's order.
    #[must_use]
    pub fn clocks(&self) -> &[ClockSpec] {
        &self.inner.clocks
    }

    /// The default calendar's id.
    #[must_use]
    pub fn default_calendar(&self) -> &str {
        &self.inner.default_calendar
    }

    /// The id column of a wide export (`offer_id` for the marketplace policy).
    #[must_use]
    pub fn record_id_column(&self) -> &str {
        &self.inner.record_id_column
    }

    /// The calendar column of an export.
    #[must_use]
    pub fn calendar_column(&self) -> &str {
        &self.inner.calendar_column
    }

    /// The column of a wide export that holds each event's instant (`<event>_at` unless the
    /// policy says otherwise), in lifecycle order.
    pub fn event_columns(&self) -> impl Iterator<Item = (EventId, &str)> {
        self.inner
            .event_columns
            .iter()
            .enumerate()
            .map(|(i, column)| (self.event_id(i), column.as_str()))
    }

    /// The zone in which local times and dates without offset are read, if the policy sets
    /// one.
    #[must_use]
    pub fn input_time_zone(&self) -> Option<Tz> {
        self.inner.input_zone
    }

    /// The rule for local times that DST changes skip or repeat.
    #[must_use]
    pub fn disambiguation(&self) -> Disambiguation {
        self.inner.disambiguation
    }

    /// Parses an instant of an export: RFC 3339 with an offset, or, when the policy sets an
    /// input zone, a local time or a date in that zone.
    ///
    /// # Errors
    ///
    /// An input error for malformed text, or a local time when the policy sets no input zone.
    ///
    /// # Example
    ///
    /// ```
    /// let policy = slacal::Policy::builtin("marketplace")?;
    /// assert!(policy.parse_instant("2026-11-20T09:00:00-08:00").is_ok());
    /// assert!(policy.parse_instant("2026-11-20 09:00").is_err()); // no input zone: offset required
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn parse_instant(&self, text: &str) -> Result<Instant, Error> {
        match self.inner.input_zone {
            Some(zone) => Instant::parse_in(text, zone, self.inner.disambiguation),
            None => Instant::parse(text),
        }
    }

    /// How a calendar runs under this policy: the default calendar when `id` is `None`.
    ///
    /// # Errors
    ///
    /// A data error for an unknown calendar, or when the policy's settings do not fit the
    /// calendar (hours on one of its holidays, no hours on one of its working weekdays).
    pub fn schedule(&self, id: Option<&str>) -> Result<Schedule, Error> {
        Ok(self.runtime(id)?.schedule)
    }

    pub(crate) fn runtime(&self, id: Option<&str>) -> Result<Runtime, Error> {
        let data = &self.inner;
        let id = match id {
            None => return Ok(data.default_runtime.clone()),
            Some(id) if id == data.default_calendar => return Ok(data.default_runtime.clone()),
            Some(id) => id,
        };
        if let Some(found) = data.runtimes.read().ok().and_then(|r| r.get(id).cloned()) {
            return Ok(found);
        }
        let calendar = data.registry.get().calendar_with(id, data.estimates)?;
        let runtime = build_runtime(&data.settings, calendar, data.registry.get())?;
        if let Ok(mut cache) = data.runtimes.write() {
            cache.insert(id.to_owned(), runtime.clone());
        }
        Ok(runtime)
    }

    /// The start rule of the policy's business-day counts (`start_rule`, [`StartRule::NextDay`]
    /// by default); a clock may have its own ([`ClockSpec::start_rule`]).
    #[must_use]
    pub fn start_rule(&self) -> StartRule {
        self.inner.start_rule
    }

    /// How calendars run under the policy, as its `[calendars.ID]` entries say, by id (`*` for
    /// the entry of any calendar without one of its own).
    pub fn calendar_entries(&self) -> impl Iterator<Item = (&str, &CalendarEntry)> {
        self.inner
            .settings
            .iter()
            .map(|(id, entry)| (id.as_str(), entry))
    }

    /// Whether an event id was issued by this policy.
    #[must_use]
    pub fn owns(&self, event: EventId) -> bool {
        event.policy == self.inner.identity
    }

    /// The id of the event at `index` (below 64).
    fn event_id(&self, index: usize) -> EventId {
        EventId {
            // At most 64 events, so the index fits a u8.
            index: index as u8,
            policy: self.inner.identity,
        }
    }

    /// How a record's calendar runs, refused when a clock needs business hours it lacks.
    pub(crate) fn checked_runtime(&self, id: Option<&str>) -> Result<Runtime, Error> {
        let runtime = self.runtime(id)?;
        if self.inner.needs_hours && !runtime.hours {
            check_hours(&self.inner.name, &self.inner.clocks, &runtime, &runtime.id)?;
        }
        Ok(runtime)
    }

    pub(crate) fn clock_count(&self) -> usize {
        self.inner.clocks.len()
    }

    pub(crate) fn event_count(&self) -> usize {
        self.inner.events.len()
    }
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::from_io(format!("reading policy file {}", path.display()), &e))
}

fn lookup_event(events: &[Arc<str>], name: &str) -> Option<usize> {
    events.iter().position(|e| &**e == name)
}

fn unknown_event(policy: &str, events: &[Arc<str>], name: &str) -> String {
    let known: Vec<&str> = events.iter().map(|e| &**e).collect();
    let mut message = format!("unknown event `{name}`");
    if let Some(close) = known
        .iter()
        .filter(|k| crate::edit_distance(k, name) <= 2)
        .min_by_key(|k| crate::edit_distance(k, name))
    {
        message.push_str(&format!(" (did you mean `{close}`?)"));
    }
    message.push_str(&format!(
        " (the events of policy `{policy}` are {})",
        known.join(", ")
    ));
    message
}

fn build_runtime(
    settings: &BTreeMap<String, CalendarEntry>,
    calendar: Calendar,
    registry: &Registry,
) -> Result<Runtime, Error> {
    let id = calendar.id().to_owned();
    // The zone the calendar's data gives it, unless the settings give another.
    let own_zone = registry.time_zone(&id)?;
    let first_part = calendar.parts().first().map(|part| part.id().to_owned());
    let entry = settings
        .get_key_value(&id)
        .or_else(|| {
            first_part
                .as_ref()
                .and_then(|part| settings.get_key_value(part))
        })
        .or_else(|| settings.get_key_value("*"));
    let Some((key, entry)) = entry else {
        return Ok(Runtime {
            id: Arc::from(id),
            schedule: Schedule::new(calendar, own_zone),
            hours: false,
            entry: None,
        });
    };
    let mut builder = Schedule::builder(calendar, entry.zone.unwrap_or(own_zone));
    if let Some(hours) = &entry.hours {
        builder = builder.hours(hours.clone());
    }
    if let Some(cutoff) = entry.cutoff {
        builder = builder.cutoff(cutoff);
    }
    for (date, spans, name) in &entry.days {
        builder = builder.day_hours(*date, spans, name.clone());
    }
    for (date, span, name) in &entry.closures {
        builder = builder.closure(*date, *span, name.clone());
    }
    let schedule = builder.build().map_err(|e| {
        e.context(format!(
            "calendar `{id}` under the settings at {}",
            entry.origin
        ))
    })?;
    Ok(Runtime {
        id: Arc::from(id),
        schedule,
        hours: entry.hours.is_some(),
        entry: Some(Arc::from(key.as_str())),
    })
}

/// Refuses a business-hours clock on a calendar without business hours: SPEC 3 asks that
/// business hours never be counted as 24-hour days.
fn check_hours(
    policy: &str,
    clocks: &[ClockSpec],
    runtime: &Runtime,
    calendar: &str,
) -> Result<(), Error> {
    if runtime.hours {
        return Ok(());
    }
    let Some(clock) = clocks.iter().find(|clock| clock.needs_hours()) else {
        return Ok(());
    };
    if calendar == "*" {
        return Err(Error::input(format!(
            "clock `{}` counts business hours, but `[calendars.\"*\"]` (how any calendar \
             without settings of its own runs under policy `{policy}`) gives no `hours`; give \
             them there",
            clock.name
        )));
    }
    let entry = match runtime.entry.as_deref() {
        Some("*") => "its settings `[calendars.\"*\"]` give no `hours`".to_owned(),
        Some(entry) => format!("its settings `[calendars.{entry}]` give no `hours`"),
        None => "the policy has no settings for it".to_owned(),
    };
    Err(Error::input(format!(
        "clock `{}` counts business hours, but calendar `{calendar}` has no business hours \
         under policy `{policy}` ({entry}); give `hours` in `[calendars.{calendar}]` or \
         `[calendars.\"*\"]`",
        clock.name
    )))
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursToml {
    weekdays: Option<Vec<String>>,
    mon: Option<Vec<String>>,
    tue: Option<Vec<String>>,
    wed: Option<Vec<String>>,
    thu: Option<Vec<String>>,
    fri: Option<Vec<String>>,
    sat: Option<Vec<String>>,
    sun: Option<Vec<String>>,
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

/// Where a byte offset of a text is, as `line:column` (both from 1).
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Parses a policy; `chosen` overrides the file's `estimates` setting.
fn parse(
    file: &str,
    text: &str,
    registry: Registries,
    chosen: Option<Estimates>,
    identity: Option<u32>,
) -> Result<Policy, Error> {
    let policy = identity.unwrap_or_else(|| NEXT_POLICY.fetch_add(1, Ordering::Relaxed));
    let at = |span: std::ops::Range<usize>| {
        let (line, column) = line_column(text, span.start);
        format!("{file}:{line}:{column}")
    };
    let parsed: PolicyToml = toml::from_str(text).map_err(|err| {
        let place = err.span().map_or_else(|| file.to_owned(), &at);
        Error::data(err.message().trim().replace('\n', "; ")).context(place)
    })?;
    let field = |span: std::ops::Range<usize>, name: &str| format!("{}: field `{name}`", at(span));
    let declared_estimates = parsed
        .estimates
        .as_ref()
        .map(|value| match value.get_ref().trim() {
            "allow" => Ok(Estimates::Allow),
            "deny" => Ok(Estimates::Deny),
            other => Err(Error::data(format!(
                "unknown setting `{other}` (expected \"allow\", to evaluate in years whose \
                 holidays are estimated, or \"deny\")"
            ))
            .context(field(value.span(), "estimates"))),
        })
        .transpose()?;
    let estimates = chosen.or(declared_estimates).unwrap_or_default();

    let name = parsed.name.get_ref().trim().to_owned();
    if name.is_empty() {
        return Err(
            Error::data("the policy's name is empty").context(field(parsed.name.span(), "name"))
        );
    }

    // Events, in lifecycle order.
    let events_span = parsed.events.span();
    let mut events: Vec<Arc<str>> = Vec::new();
    for event in parsed.events.get_ref() {
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
            return Err(Error::data(problem).context(field(event.span(), "events")));
        }
        events.push(Arc::from(text.as_str()));
    }
    if events.is_empty() {
        return Err(Error::data("the policy lists no events").context(field(events_span, "events")));
    }
    if events.len() > MAX_EVENTS {
        return Err(Error::data(format!(
            "the policy lists {} events; at most {MAX_EVENTS} are supported",
            events.len()
        ))
        .context(field(events_span, "events")));
    }

    // Calendars.
    let registry_ref = registry.get();
    let mut settings: BTreeMap<String, CalendarEntry> = BTreeMap::new();
    for (id, entry) in &parsed.calendars {
        let origin = at(entry.span());
        let context = |field_name: &str, span: std::ops::Range<usize>| {
            format!("{}: `calendars.{id}`: field `{field_name}`", at(span))
        };
        let calendar = if id == "*" {
            None
        } else {
            Some(
                registry_ref
                    .calendar_with(id, estimates)
                    .map_err(|e| e.context(format!("{origin}: `calendars.{id}`")))?,
            )
        };
        let entry = entry.get_ref();
        let mut resolved = CalendarEntry {
            origin: origin.clone(),
            ..CalendarEntry::default()
        };
        if let Some(zone) = &entry.time_zone {
            resolved.zone = Some(
                parse_zone(zone.get_ref())
                    .map_err(|e| e.context(context("time_zone", zone.span())))?,
            );
        }
        if let Some(cutoff) = &entry.cutoff {
            resolved.cutoff = Some(cutoff.get_ref().parse::<TimeOfDay>().map_err(|e| {
                Error::data(e.to_string()).context(context("cutoff", cutoff.span()))
            })?);
        }
        if let Some(hours) = &entry.hours {
            resolved.hours =
                Some(parse_hours(hours.get_ref()).map_err(|e| {
                    Error::data(e.to_string()).context(context("hours", hours.span()))
                })?);
        }
        for day in &entry.day {
            let parsed_day = (|| -> Result<_, Error> {
                let day = day.get_ref();
                let date = to_date(&day.date)?;
                let spans = parse_spans(&day.hours)?;
                check_spans(&spans)?;
                Ok((date, spans, day.name.clone()))
            })()
            .map_err(|e| Error::data(e.to_string()).context(context("day", day.span())))?;
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
            .map_err(|e| Error::data(e.to_string()).context(context("closure", closure.span())))?;
            resolved.closures.push(parsed_closure);
        }
        if let Some(calendar) = calendar {
            // Check the settings against the calendar now, so that errors name the file.
            build_runtime(
                &BTreeMap::from([(id.clone(), resolved.clone())]),
                calendar,
                registry_ref,
            )
            .map_err(|e| e.context(format!("{origin}: `calendars.{id}`")))?;
        }
        settings.insert(id.clone(), resolved);
    }
    let default_calendar = parsed.calendar.get_ref().trim().to_owned();
    let default_runtime = registry_ref
        .calendar_with(&default_calendar, estimates)
        .and_then(|calendar| build_runtime(&settings, calendar, registry_ref))
        .map_err(|e| e.context(field(parsed.calendar.span(), "calendar")))?;
    let start_rule = |value: &Spanned<String>, context: String| {
        value
            .get_ref()
            .parse::<StartRule>()
            .map_err(|e| Error::data(e.to_string()).context(context))
    };
    let policy_rule = parsed
        .start_rule
        .as_ref()
        .map(|rule| start_rule(rule, field(rule.span(), "start_rule")))
        .transpose()?
        .unwrap_or_default();

    // Input mapping.
    let input = parsed.input.unwrap_or(InputToml {
        record_id: None,
        calendar: None,
        columns: BTreeMap::new(),
        time_zone: None,
        disambiguation: None,
    });
    let mut event_columns: Vec<String> = events.iter().map(|e| format!("{e}_at")).collect();
    for (event, column) in &input.columns {
        let id = lookup_event(&events, event).ok_or_else(|| {
            Error::data(unknown_event(&name, &events, event))
                .context(format!("{}: `input.columns`", at(column.span())))
        })?;
        event_columns[id] = column.get_ref().clone();
    }
    let input_zone = input
        .time_zone
        .as_ref()
        .map(|zone| {
            parse_zone(zone.get_ref())
                .map_err(|e| e.context(format!("{}: `input`: field `time_zone`", at(zone.span()))))
        })
        .transpose()?;
    let disambiguation = input
        .disambiguation
        .as_ref()
        .map(|rule| {
            rule.get_ref().parse::<Disambiguation>().map_err(|e| {
                Error::data(e.to_string()).context(format!(
                    "{}: `input`: field `disambiguation`",
                    at(rule.span())
                ))
            })
        })
        .transpose()?
        .unwrap_or_default();

    // Clocks.
    let mut clocks: Vec<ClockSpec> = Vec::new();
    // Where the first clock that counts business hours is, for messages.
    let mut hours_clock: Option<String> = None;
    for entry in &parsed.clock {
        let clock = entry.get_ref();
        let clock_name = clock.name.get_ref().clone();
        let within = |span: std::ops::Range<usize>, field_name: &str| {
            format!("{}: clock `{clock_name}`: field `{field_name}`", at(span))
        };
        if !is_identifier(&clock_name) {
            return Err(Error::data(format!(
                "clock name `{clock_name}` must start with a lowercase letter and hold only \
                 lowercase letters, digits and `_`"
            ))
            .context(field(clock.name.span(), "name")));
        }
        if clocks.iter().any(|c| *c.name == *clock_name) {
            return Err(
                Error::data(format!("clock `{clock_name}` is defined twice"))
                    .context(field(clock.name.span(), "name")),
            );
        }
        let set =
            |value: Option<&Spanned<OneOrMany>>, field_name: &str| -> Result<EventSet, Error> {
                let Some(value) = value else {
                    return Ok(EventSet::default());
                };
                let mut set = 0u64;
                for item in value.get_ref().items() {
                    let id = lookup_event(&events, item).ok_or_else(|| {
                        Error::data(unknown_event(&name, &events, item))
                            .context(within(value.span(), field_name))
                    })?;
                    set |= 1 << id;
                }
                Ok(EventSet { bits: set, policy })
            };
        let roles = [
            (
                "start",
                set(Some(&clock.start), "start")?,
                clock.start.span(),
            ),
            ("stop", set(Some(&clock.stop), "stop")?, clock.stop.span()),
            (
                "fail",
                set(clock.fail.as_ref(), "fail")?,
                span_of(&clock.fail, &entry.span()),
            ),
            (
                "cancel",
                set(clock.cancel.as_ref(), "cancel")?,
                span_of(&clock.cancel, &entry.span()),
            ),
            (
                "pause",
                set(clock.pause.as_ref(), "pause")?,
                span_of(&clock.pause, &entry.span()),
            ),
            (
                "resume",
                set(clock.resume.as_ref(), "resume")?,
                span_of(&clock.resume, &entry.span()),
            ),
        ];
        for (role, events_of_role, span) in &roles[..2] {
            if events_of_role.is_empty() {
                return Err(
                    Error::data(format!("a clock needs at least one `{role}` event"))
                        .context(within(span.clone(), role)),
                );
            }
        }
        for (i, (role, set_a, span)) in roles.iter().enumerate() {
            for (other, set_b, _) in &roles[..i] {
                let shared = EventSet {
                    bits: set_a.bits & set_b.bits,
                    policy,
                };
                if let Some(event) = shared.iter().next() {
                    return Err(Error::data(format!(
                        "event `{}` is both a `{other}` and a `{role}` event of the clock; give \
                         each event one role",
                        events[event.index()]
                    ))
                    .context(within(span.clone(), role)));
                }
            }
        }
        let (pause, resume) = (roles[4].1, roles[5].1);
        if pause.is_empty() != resume.is_empty() {
            let (missing, present, span) = if pause.is_empty() {
                ("pause", "resume", roles[5].2.clone())
            } else {
                ("resume", "pause", roles[4].2.clone())
            };
            return Err(Error::data(format!(
                "the clock has `{present}` events but no `{missing}` events; give both or neither"
            ))
            .context(within(span, present)));
        }
        let budget = SlaDuration::parse(clock.budget.get_ref()).map_err(|e| {
            Error::data(e.to_string()).context(within(clock.budget.span(), "budget"))
        })?;
        let mut at_risk = Vec::new();
        if let Some(value) = &clock.at_risk {
            for item in value.get_ref().items() {
                let threshold = Threshold::parse(item).map_err(|e| {
                    Error::data(e.to_string()).context(within(value.span(), "at_risk"))
                })?;
                at_risk.push(threshold);
            }
            if at_risk.len() > MAX_THRESHOLDS {
                return Err(Error::data(format!(
                    "{} thresholds given; at most {MAX_THRESHOLDS} are supported",
                    at_risk.len()
                ))
                .context(within(value.span(), "at_risk")));
            }
            if let Some(Threshold::After(after)) = at_risk.iter().find(|t| {
                matches!(t, Threshold::After(d) if d.kind() == budget.kind() && d.amount() > budget.amount())
            }) {
                return Err(Error::data(format!(
                    "threshold `{after}` is beyond the budget `{budget}`; a clock would be \
                     overdue before it is at risk"
                ))
                .context(within(value.span(), "at_risk")));
            }
        }
        let rule = clock
            .start_rule
            .as_ref()
            .map(|rule| start_rule(rule, within(rule.span(), "start_rule")))
            .transpose()?
            .unwrap_or(policy_rule);
        if budget.kind() == DurationKind::BusinessDays && budget.amount() > 100_000 {
            return Err(
                Error::data(format!("budget `{budget}` is beyond any calendar's years"))
                    .context(within(clock.budget.span(), "budget")),
            );
        }
        clocks.push(ClockSpec {
            name: Arc::from(clock_name.as_str()),
            description: clock.description.clone(),
            start: roles[0].1,
            stop: roles[1].1,
            fail: roles[2].1,
            cancel: roles[3].1,
            pause,
            resume,
            pause_reason: clock.pause_reason.clone(),
            budget,
            at_risk,
            start_rule: rule,
        });
        if hours_clock.is_none() && clocks.last().is_some_and(ClockSpec::needs_hours) {
            hours_clock = Some(within(clock.budget.span(), "budget"));
        }
    }
    if clocks.is_empty() {
        return Err(
            Error::data("the policy defines no clock; add a `[[clock]]` table")
                .context(file.to_owned()),
        );
    }
    // A business-hours clock can run on the default calendar and on every calendar the policy
    // has settings for; each of them needs hours. (A record that names a calendar without
    // settings runs under `[calendars."*"]`, checked here too, or under none: that record is
    // refused when it is evaluated, since which calendars records name is not known here.)
    if let Some(place) = &hours_clock {
        let refuse = |e: Error| Error::data(e.to_string()).context(place.clone());
        check_hours(&name, &clocks, &default_runtime, &default_calendar).map_err(refuse)?;
        for (id, entry) in &settings {
            if entry.hours.is_none() {
                let runtime = Runtime {
                    id: Arc::from(id.as_str()),
                    schedule: default_runtime.schedule.clone(),
                    hours: false,
                    entry: Some(Arc::from(id.as_str())),
                };
                let shown = if id == "*" { "*" } else { id.as_str() };
                check_hours(&name, &clocks, &runtime, shown).map_err(refuse)?;
            }
        }
    }

    Ok(Policy {
        inner: Arc::new(PolicyData {
            name,
            description: parsed.description,
            file: file.to_owned(),
            text: text.to_owned(),
            digest: crate::calendar::digest(text.as_bytes()),
            identity: policy,
            needs_hours: hours_clock.is_some(),
            start_rule: policy_rule,
            events,
            clocks,
            default_calendar,
            default_runtime,
            settings,
            runtimes: RwLock::new(HashMap::new()),
            registry,
            estimates,
            declared_estimates,
            record_id_column: input.record_id.unwrap_or_else(|| "record_id".to_owned()),
            calendar_column: input.calendar.unwrap_or_else(|| "calendar".to_owned()),
            event_columns,
            input_zone,
            disambiguation,
        }),
    })
}

/// The span of an optional field, or of its clock when it is absent.
fn span_of(
    value: &Option<Spanned<OneOrMany>>,
    clock: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    value.as_ref().map_or_else(|| clock.clone(), Spanned::span)
}

fn parse_zone(name: &str) -> Result<Tz, Error> {
    name.parse::<Tz>().map_err(|_| {
        Error::data(format!(
            "unknown time zone `{name}` (expected an IANA name such as `America/Los_Angeles`)"
        ))
    })
}

fn parse_spans(texts: &[String]) -> Result<Vec<TimeSpan>, Error> {
    texts.iter().map(|text| text.parse::<TimeSpan>()).collect()
}

fn parse_hours(hours: &HoursToml) -> Result<WeeklyHours, Error> {
    let mut weekly = WeeklyHours::none();
    if let Some(spans) = &hours.weekdays {
        weekly = weekly.weekdays(&parse_spans(spans)?)?;
    }
    let days = [
        (Weekday::Mon, &hours.mon),
        (Weekday::Tue, &hours.tue),
        (Weekday::Wed, &hours.wed),
        (Weekday::Thu, &hours.thu),
        (Weekday::Fri, &hours.fri),
        (Weekday::Sat, &hours.sat),
        (Weekday::Sun, &hours.sun),
    ];
    for (weekday, spans) in days {
        if let Some(spans) = spans {
            weekly = weekly.day(weekday, &parse_spans(spans)?)?;
        }
    }
    Ok(weekly)
}

fn to_date(value: &Datetime) -> Result<NaiveDate, Error> {
    match (value.date, value.time, value.offset) {
        (Some(date), None, None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| Error::data(format!("`{value}` is not a date"))),
        _ => Err(Error::data(format!(
            "`{value}` is not a plain date (write it as YYYY-MM-DD, without a time)"
        ))),
    }
}
