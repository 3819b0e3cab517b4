//! SLA policies: which clocks a record's events start, stop, pause and resume, with their
//! budgets, at-risk thresholds, calendars and business hours. Written in TOML (the format is
//! described, key by key, in `policies/README.md`); `marketplace` is built in, and is the file
//! `policies/marketplace.toml`.
//!
//! A policy with an unknown key, an unknown event, a malformed duration, an unknown calendar
//! or time zone, broken hours, or a clock that counts business hours on a calendar the policy
//! gives none (the default calendar, one with settings of its own, or `*`) is rejected with
//! an error naming the file, the line and column, and the field. A record whose calendar has
//! no settings of its own (and the policy has no `*` entry) is refused when it is evaluated
//! if a clock counts business hours: which calendars records name is known only then.

mod parse;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::duration::{DurationKind, SlaDuration, Threshold};
use crate::clock::{Disambiguation, Instant, Schedule, TimeOfDay, TimeSpan, WeeklyHours};
use crate::{Calendar, Error, Estimates, Registry, StartRule};

/// The built-in policies: `(name, TOML text)`. Each is a file of `policies/`, embedded.
const BUILTIN: &[(&str, &str)] = &[(
    "marketplace",
    include_str!("../../policies/marketplace.toml"),
)];

/// The most at-risk thresholds a clock may have.
pub(crate) const MAX_THRESHOLDS: usize = 8;

/// An event of a policy, by its position in the policy's lifecycle order. Ids belong to the
/// policy that issued them ([`Policy::event`]): each carries the identity of its policy (a
/// number given when the policy is parsed, shared by its clones and by a policy built again
/// from it with [`PolicyBuilder::rebuild`]), and evaluating a record with an id of another
/// policy is an input error.
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
    pub(super) bits: u64,
    pub(super) policy: u32,
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

    /// The events of either set (sets of one policy).
    #[inline]
    pub(crate) fn union(self, other: EventSet) -> EventSet {
        EventSet {
            bits: self.bits | other.bits,
            policy: self.policy,
        }
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
    pub(crate) name: &'static str,
    pub(super) description: Option<String>,
    pub(crate) start: EventSet,
    pub(crate) stop: EventSet,
    pub(crate) fail: EventSet,
    pub(crate) cancel: EventSet,
    pub(crate) pause: EventSet,
    pub(crate) resume: EventSet,
    pub(super) pause_reason: Option<&'static str>,
    pub(crate) budget: SlaDuration,
    pub(crate) at_risk: Vec<Threshold>,
    pub(crate) start_rule: StartRule,
}

impl ClockSpec {
    /// The clock's name, e.g. `certification`.
    #[must_use]
    pub fn name(&self) -> &str {
        self.name
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
    pub fn pause_reason(&self) -> Option<&'static str> {
        self.pause_reason
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
    pub(super) origin: String,
    pub(super) zone: Option<Tz>,
    pub(super) cutoff: Option<TimeOfDay>,
    pub(super) hours: Option<WeeklyHours>,
    pub(super) days: Vec<(NaiveDate, Vec<TimeSpan>, String)>,
    pub(super) closures: Vec<(NaiveDate, TimeSpan, String)>,
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
    pub(crate) id: &'static str,
    pub(crate) schedule: Schedule,
    pub(crate) hours: bool,
    /// The settings entry it runs under (`*` for the catch-all), if any.
    pub(crate) entry: Option<Arc<str>>,
}

/// Where a policy's calendars come from.
#[derive(Clone)]
pub(super) enum Registries {
    Builtin(&'static Registry),
    Shared(Arc<Registry>),
}

impl Registries {
    pub(super) fn get(&self) -> &Registry {
        match self {
            Registries::Builtin(registry) => registry,
            Registries::Shared(registry) => registry,
        }
    }
}

/// Where a policy comes from: built in, a file, or text a program gave.
///
/// Its `Display` is what summaries and `policy show` print: `built in`, the file's path, or the
/// name the text was given.
///
/// # Example
///
/// ```
/// use slacal::Policy;
/// use slacal::sla::PolicyOrigin;
///
/// let policy = Policy::builtin("marketplace")?;
/// assert_eq!(policy.origin(), &PolicyOrigin::Builtin("marketplace"));
/// assert_eq!(policy.origin().to_string(), "built in");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PolicyOrigin {
    /// A built-in policy, by name ([`Policy::builtin`]).
    Builtin(&'static str),
    /// A policy file ([`PolicyBuilder::read`]).
    File(PathBuf),
    /// Text given to [`PolicyBuilder::parse`], under the name it was given.
    Text(String),
}

impl PolicyOrigin {
    /// How messages about the policy's text name it: `built-in policy `marketplace``, the
    /// file's path, or the name the text was given.
    fn label(&self) -> String {
        match self {
            PolicyOrigin::Builtin(name) => format!("built-in policy `{name}`"),
            PolicyOrigin::File(path) => path.display().to_string(),
            PolicyOrigin::Text(name) => name.clone(),
        }
    }
}

impl fmt::Display for PolicyOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyOrigin::Builtin(_) => f.write_str("built in"),
            PolicyOrigin::File(path) => write!(f, "{}", path.display()),
            PolicyOrigin::Text(name) => f.write_str(name),
        }
    }
}

/// How a policy is built: which registry its calendars come from and whether they cover
/// estimated years, then from where — text ([`PolicyBuilder::parse`]), a file
/// ([`PolicyBuilder::read`]), a built-in policy ([`PolicyBuilder::builtin`]), or a policy
/// built before ([`PolicyBuilder::rebuild`]). [`Policy::builtin`] is the one-call path for a
/// built-in policy with the defaults.
///
/// By default calendars come from the built-in registry, and a policy's own `estimates`
/// setting decides (`deny` when it has none).
///
/// # Example
///
/// ```
/// use std::sync::Arc;
/// use slacal::{Estimates, Policy, Registry};
///
/// let text = "name = \"reviews\"\nevents = [\"requested\", \"approved\"]\ncalendar = \"ACME\"\n\
///             [[clock]]\nname = \"review\"\nstart = \"requested\"\nstop = \"approved\"\n\
///             budget = \"3 business days\"\n";
/// // A company's own calendar, `ACME`, from a folder of holiday files.
/// let registry = Arc::new(Registry::with_dir("tests/data/holidays-acme".as_ref())?);
/// let policy = Policy::builder()
///     .registry(registry)
///     .estimates(Estimates::Allow)
///     .parse("reviews.toml", text)?;
/// assert_eq!(policy.schedule(None)?.calendar().id(), "ACME");
/// assert_eq!(policy.estimates(), Estimates::Allow);
/// assert_eq!(policy.origin().to_string(), "reviews.toml");
/// // The same policy, strict: its event ids stay valid.
/// let strict = Policy::builder().estimates(Estimates::Deny).rebuild(&policy)?;
/// assert_eq!(strict.estimates(), Estimates::Deny);
/// assert!(strict.owns(policy.event("approved")?));
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct PolicyBuilder {
    registry: Option<Arc<Registry>>,
    estimates: Option<Estimates>,
}

impl PolicyBuilder {
    /// Calendars from this registry (e.g. [`Registry::with_dir`]) instead of the built-in one.
    pub fn registry(mut self, registry: Arc<Registry>) -> PolicyBuilder {
        self.registry = Some(registry);
        self
    }

    /// Calendars built with or without estimated years (see [`Estimates`]), whatever the
    /// policy's `estimates` setting says: with [`Estimates::Allow`], records on a calendar
    /// whose holidays are announced year by year (CN, AE, AU-VIC) can be evaluated past the
    /// announced years, and the rows that depend on those years are
    /// [`ClockOutcome::is_estimated`](crate::ClockOutcome::is_estimated).
    pub fn estimates(mut self, estimates: Estimates) -> PolicyBuilder {
        self.estimates = Some(estimates);
        self
    }

    fn registries(&self) -> Result<Registries, Error> {
        Ok(match &self.registry {
            Some(registry) => Registries::Shared(Arc::clone(registry)),
            None => Registries::Builtin(Registry::builtin()?),
        })
    }

    /// Parses a policy from TOML text. `name` names the text in error messages and is its
    /// [`PolicyOrigin::Text`].
    ///
    /// # Errors
    ///
    /// A data error naming the file, line, column and field of the first problem; a data
    /// error when the built-in registry cannot be loaded.
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
    /// let err = Policy::builder().parse("reviews.toml", text).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "reviews.toml:10:10: clock `review`: field `budget`: malformed duration \
    ///      `3 business dayz`: unknown unit `business dayz` (expected business days, business \
    ///      hours, business minutes, business seconds, weeks, days, hours, minutes or seconds)"
    /// );
    /// ```
    pub fn parse(&self, name: &str, text: &str) -> Result<Policy, Error> {
        self.build(PolicyOrigin::Text(name.to_owned()), text, None)
    }

    /// Reads and parses a policy file.
    ///
    /// # Errors
    ///
    /// An I/O error when the file cannot be read; else as [`PolicyBuilder::parse`].
    pub fn read(&self, path: &Path) -> Result<Policy, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::from_io(format!("reading policy file {}", path.display()), &e))?;
        self.build(PolicyOrigin::File(path.to_owned()), &text, None)
    }

    /// A built-in policy by name (`marketplace`; see [`Policy::builtin_names`]).
    ///
    /// # Errors
    ///
    /// A data error for an unknown name (listing the built-in ones).
    pub fn builtin(&self, name: &str) -> Result<Policy, Error> {
        let (name, text) = BUILTIN.iter().find(|(n, _)| *n == name).ok_or_else(|| {
            Error::data(format!(
                "unknown built-in policy `{name}` (built in: {}; or give a policy file)",
                Policy::builtin_names().collect::<Vec<_>>().join(", ")
            ))
        })?;
        self.build(PolicyOrigin::Builtin(name), text, None)
    }

    /// The same policy (its text, origin and event ids) built again with these options; an
    /// option not set here keeps the policy's own.
    ///
    /// # Errors
    ///
    /// As [`PolicyBuilder::parse`]: the text is parsed again, and a calendar may not be known
    /// to another registry or cover its years with other estimates.
    pub fn rebuild(&self, policy: &Policy) -> Result<Policy, Error> {
        let data = &policy.inner;
        let registry = match &self.registry {
            Some(registry) => Registries::Shared(Arc::clone(registry)),
            None => data.registry.clone(),
        };
        parse::parse(
            &data.text,
            parse::Options {
                origin: data.origin.clone(),
                registry,
                chosen: self.estimates.or(data.chosen_estimates),
                identity: Some(data.identity),
            },
        )
    }

    fn build(
        &self,
        origin: PolicyOrigin,
        text: &str,
        identity: Option<u32>,
    ) -> Result<Policy, Error> {
        parse::parse(
            text,
            parse::Options {
                origin,
                registry: self.registries()?,
                chosen: self.estimates,
                identity,
            },
        )
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

/// What a policy holds; built by the parser.
pub(super) struct PolicyData {
    name: &'static str,
    description: Option<String>,
    origin: PolicyOrigin,
    text: String,
    digest: String,
    /// The identity its event ids carry.
    identity: u32,
    /// Whether a clock counts business hours.
    needs_hours: bool,
    start_rule: StartRule,
    events: Vec<&'static str>,
    clocks: Vec<ClockSpec>,
    default_calendar: String,
    default_runtime: Runtime,
    settings: BTreeMap<String, CalendarEntry>,
    runtimes: RwLock<HashMap<String, Runtime>>,
    /// Held while a calendar's runtime is built.
    building: std::sync::Mutex<()>,
    registry: Registries,
    estimates: Estimates,
    /// The estimates chosen over the file's setting, if any.
    chosen_estimates: Option<Estimates>,
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
            .field("origin", &self.inner.origin)
            .field("digest", &self.inner.digest)
            .finish_non_exhaustive()
    }
}

impl Policy {
    /// A built-in policy by name (`marketplace`), with the built-in calendars and the
    /// policy's own `estimates` setting: [`PolicyBuilder::builtin`] with the defaults.
    ///
    /// # Errors
    ///
    /// A data error for an unknown name (listing the built-in ones).
    ///
    /// # The built-in `marketplace` policy
    ///
    /// `Policy::builtin("marketplace")` is the file `policies/marketplace.toml`:
    ///
    #[doc = concat!("```toml\n", include_str!("../../policies/marketplace.toml"), "```")]
    pub fn builtin(name: &str) -> Result<Policy, Error> {
        PolicyBuilder::default().builtin(name)
    }

    /// The names of the built-in policies.
    pub fn builtin_names() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(name, _)| *name)
    }

    /// How to build a policy: its registry and estimates, then from text, a file or a name.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// Whether the policy's calendars cover estimated years: the policy file's `estimates`
    /// setting (`"allow"` or `"deny"`, the default), unless [`PolicyBuilder::estimates`] chose.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Estimates, Policy};
    ///
    /// assert_eq!(Policy::builtin("marketplace")?.estimates(), Estimates::Allow);
    /// let text = "name = \"p\"\nevents = [\"a\", \"b\"]\ncalendar = \"CN\"\n\
    ///             [[clock]]\nname = \"c\"\nstart = \"a\"\nstop = \"b\"\nbudget = \"5 business days\"\n";
    /// let strict = Policy::builder().parse("p.toml", text)?;
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
    pub fn name(&self) -> &'static str {
        self.inner.name
    }

    /// The policy's description, if it has one.
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.inner.description.as_deref()
    }

    /// Where the policy comes from: built in, a file, or text a program gave.
    ///
    /// # Example
    ///
    /// ```
    /// let policy = slacal::Policy::builtin("marketplace")?;
    /// assert_eq!(policy.origin().to_string(), "built in");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn origin(&self) -> &PolicyOrigin {
        &self.inner.origin
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
            .ok_or_else(|| Error::input(unknown_event(self.inner.name, &self.inner.events, name)))
    }

    /// The name of an event.
    #[must_use]
    pub fn event_name(&self, event: EventId) -> &'static str {
        self.inner.events.get(event.index()).copied().unwrap_or("?")
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
        Ok(self.runtime(id)?.schedule.clone())
    }

    /// How a calendar runs: borrowed for the default calendar (most records), so that
    /// evaluating a record copies nothing.
    pub(crate) fn runtime(&self, id: Option<&str>) -> Result<Cow<'_, Runtime>, Error> {
        let data = &self.inner;
        let id = match id {
            None => return Ok(Cow::Borrowed(&data.default_runtime)),
            Some(id) if id == data.default_calendar => {
                return Ok(Cow::Borrowed(&data.default_runtime));
            }
            Some(id) => id,
        };
        let cached = || data.runtimes.read().ok().and_then(|r| r.get(id).cloned());
        if let Some(found) = cached() {
            return Ok(Cow::Owned(found));
        }
        // One thread builds a calendar while the others that need it wait, rather than each
        // building it again.
        let _building = data.building.lock();
        if let Some(found) = cached() {
            return Ok(Cow::Owned(found));
        }
        let calendar = data.registry.get().calendar_with(id, data.estimates)?;
        let runtime = build_runtime(&data.settings, calendar, data.registry.get())?;
        if let Ok(mut cache) = data.runtimes.write() {
            cache.insert(id.to_owned(), runtime.clone());
        }
        Ok(Cow::Owned(runtime))
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
    pub(crate) fn checked_runtime(&self, id: Option<&str>) -> Result<Cow<'_, Runtime>, Error> {
        let runtime = self.runtime(id)?;
        if self.inner.needs_hours && !runtime.hours {
            check_hours(self.inner.name, &self.inner.clocks, &runtime, runtime.id)?;
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

pub(super) fn lookup_event(events: &[&'static str], name: &str) -> Option<usize> {
    events.iter().position(|e| &**e == name)
}

pub(super) fn unknown_event(policy: &str, events: &[&'static str], name: &str) -> String {
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

pub(super) fn build_runtime(
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
            id: super::intern::intern(&id),
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
        id: super::intern::intern(&id),
        schedule,
        hours: entry.hours.is_some(),
        entry: Some(Arc::from(key.as_str())),
    })
}

/// Refuses a business-hours clock on a calendar without business hours: SPEC 3 asks that
/// business hours never be counted as 24-hour days.
pub(super) fn check_hours(
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
