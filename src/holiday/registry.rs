//! The registry: calendar definitions from a set of holiday files, resolved through
//! inheritance and built into [`Calendar`]s on demand.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate, WeekdaySet};
use chrono_tz::Tz;

use super::load::{CalendarDef, KnownThrough, SourceFile, parse_file};
use super::rule::{Rule, expand};
use crate::error::Detail;
use crate::{Calendar, Error, Holiday, WorkingDay};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

// `Calendar::builtin` is defined here, in the holiday layer, and not beside the rest of
// `Calendar`: the calendar layer knows nothing of holiday files or the registry, and the
// one-call access to a built-in calendar is the registry's.
impl Calendar {
    /// A built-in calendar by id (`US`, `GB-ENG`, `DE`, …), or a joint calendar of several
    /// joined by `+` (`US+GB-ENG`): [`Registry::builtin`]`()?.`[`calendar`](Registry::calendar)`(id)`.
    /// Built once per process and cached.
    ///
    /// # Errors
    ///
    /// A data error for an unknown id ([`Error::is_unknown_calendar`]; the message names the
    /// close ids).
    ///
    /// # Example
    ///
    /// ```
    /// let us = slacal::Calendar::builtin("US")?;
    /// assert_eq!(us.id(), "US");
    /// assert!(slacal::Calendar::builtin("XX").unwrap_err().is_data());
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn builtin(id: &str) -> Result<Calendar, Error> {
        Registry::builtin()?.calendar(id)
    }
}

/// What a listing of calendars shows of one, without building it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CalendarInfo {
    /// The id, e.g. `DE-BY`.
    pub id: String,
    /// The display name.
    pub name: String,
    /// The IANA time zone.
    pub time_zone: Tz,
    /// The first covered year.
    pub first_year: i32,
    /// The last covered year.
    pub last_year: i32,
    /// The file, line and column that define it (`holidays/us.toml:1:1`), or `inserted by
    /// the program (`Registry::insert`)`.
    pub origin: String,
    /// The weekend in force from the first covered year.
    pub weekend: WeekdaySet,
    /// Later changes of weekend: the date from which each applies.
    pub weekend_changes: Vec<(NaiveDate, WeekdaySet)>,
    /// The data version the calendar will have (see [`crate::Calendar::data_version`]).
    pub data_version: String,
    /// The years after `last_year` whose holidays are not announced yet but can be estimated
    /// (first, last): covered only by a calendar built with [`Estimates::Allow`].
    pub estimated_years: Option<(i32, i32)>,
    /// What the data was checked against (the file's `checked`), if it says.
    pub checked: Option<String>,
    /// When it was checked (the file's `as_of`), if it says.
    pub as_of: Option<NaiveDate>,
    /// The statutes and official pages the data comes from, the parent calendars' first.
    pub sources: Vec<String>,
    /// Kinds of holiday known only up to a year, although the covered years go on (election
    /// days set by proclamation).
    pub known_through: Vec<KnownThrough>,
    /// The `.ics` files whose events are closures of this calendar.
    pub closure_files: Vec<String>,
}

impl CalendarInfo {
    /// The last year whose holidays are all announced or given by rules: `last_year`.
    #[must_use]
    pub fn announced_through(&self) -> i32 {
        self.last_year
    }

    /// The last year a calendar allowing estimates covers, when it has estimated years.
    ///
    /// # Example
    ///
    /// ```
    /// let infos = slacal::Registry::builtin()?.infos()?;
    /// let cn = infos.iter().find(|info| info.id == "CN").unwrap();
    /// assert_eq!(cn.estimated_through(), Some(2199));
    /// assert!(cn.announced_through() < 2199);
    /// let us = infos.iter().find(|info| info.id == "US").unwrap();
    /// assert_eq!((us.announced_through(), us.estimated_through()), (2199, None));
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn estimated_through(&self) -> Option<i32> {
        self.estimated_years.map(|(_, last)| last)
    }
}

/// Whether a calendar may use estimated dates beyond the years whose holidays are announced.
///
/// Some governments announce holiday dates year by year (China's State Council arrangements,
/// the UAE's Islamic holidays after the moon sighting). A calendar of such a country covers
/// the announced years; a date after them is a range error by default. With
/// [`Estimates::Allow`] the calendar also covers its estimated years, whose holidays are
/// computed (from the lunisolar or the tabular Islamic calendar) and marked
/// [`crate::Holiday::is_estimated`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::{Estimates, Registry};
///
/// let registry = Registry::builtin()?;
/// let date = NaiveDate::from_ymd_opt(2030, 2, 4).unwrap();
/// let announced = registry.calendar("CN")?;
/// assert!(announced.is_business_day(date).unwrap_err().is_range());
/// let estimated = registry.calendar_with("CN", Estimates::Allow)?;
/// // Spring Festival 2030 (3 February) and the days after it, estimated.
/// assert!(!estimated.is_business_day(date)?);
/// assert!(estimated.day_info(date)?.reason().contains("[estimated]"));
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Estimates {
    /// Only announced or rule-given dates: a date after the announced years is an error.
    #[default]
    Deny,
    /// Also cover the estimated years, with every holiday in them marked as estimated.
    Allow,
}

/// The calendars of a set of holiday files.
///
/// [`Registry::builtin`] holds the files shipped with the library; [`Registry::with_dir`] adds
/// a user's folder, whose calendars replace built-in calendars of the same id. A calendar of the
/// folder that inherits its own id (`code = "US"`, `inherits = "US"`) extends the built-in one;
/// the built-in calendars keep inheriting the built-in ones (replacing `US` leaves `US-CA` as
/// shipped). `.ics` files in the folder add closures to a calendar (see [`super::ics`]).
/// Calendars are built on first request and cached; a [`Calendar`] handle is cheap to clone.
///
/// # Example
///
/// ```
/// use slacal::Registry;
///
/// let registry = Registry::builtin()?;
/// let joint = registry.calendar("US+DE")?;
/// assert_eq!(joint.id(), "US+DE");
/// assert!(registry.infos()?.iter().any(|info| info.id == "GB-ENG"));
/// # Ok::<(), slacal::Error>(())
/// ```
pub struct Registry {
    defs: BTreeMap<String, Arc<CalendarDef>>,
    /// The built-in definitions that a user's folder replaces, by id: what the built-in
    /// calendars inherit, and what a user's calendar inheriting its own id extends.
    shadowed: BTreeMap<String, Arc<CalendarDef>>,
    /// The closures of `.ics` files, by calendar id.
    closures: BTreeMap<String, Vec<Arc<Closures>>>,
    cache: Mutex<HashMap<String, Calendar>>,
    /// Entries of a holiday folder that were not read, with why.
    skipped: Vec<String>,
    /// The calendars a program inserted, by id, with the zone they run in.
    inserted: BTreeMap<String, (Calendar, Tz)>,
}

/// The closures one `.ics` file adds to a calendar.
#[derive(Debug)]
struct Closures {
    path: String,
    file: Arc<SourceFile>,
    holidays: Vec<Holiday>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("calendars", &self.defs.keys().collect::<Vec<_>>())
            .field("inserted", &self.inserted.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// A registry of the same files and inserted calendars, with the calendars built so far:
/// the way to a registry of the built-in calendars that a program can add to
/// (`Registry::builtin()?.clone()`, then [`Registry::insert`]).
impl Clone for Registry {
    fn clone(&self) -> Registry {
        let cache = self.cache.lock().map(|c| c.clone()).unwrap_or_default();
        Registry {
            defs: self.defs.clone(),
            shadowed: self.shadowed.clone(),
            closures: self.closures.clone(),
            cache: Mutex::new(cache),
            skipped: self.skipped.clone(),
            inserted: self.inserted.clone(),
        }
    }
}

/// How deep inheritance may go.
const MAX_INHERITANCE: usize = 16;

/// The registry of the shipped files, parsed on first use ([`Registry::builtin`]).
static BUILTIN: OnceLock<Result<Registry, Error>> = OnceLock::new();

impl Registry {
    /// The calendars shipped with the library, parsed once per process.
    ///
    /// # Errors
    ///
    /// A data error if a shipped file is broken (the test suite keeps this from happening).
    pub fn builtin() -> Result<&'static Registry, Error> {
        BUILTIN
            .get_or_init(|| {
                let files = embedded::EMBEDDED
                    .iter()
                    .map(|(name, text)| (format!("holidays/{name}"), (*text).to_owned()));
                Registry::from_layer(files, true)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A built-in calendar by id (or a joint calendar), the same as
    /// `Registry::builtin()?.calendar_with(id, estimates)`, built from only the shipped files it
    /// needs when the built-in registry is not loaded yet: for a program that needs one
    /// calendar once, such as a command that answers one question, reading the one or two
    /// files of its country instead of all of them takes a few milliseconds less. It is built
    /// anew on each call; a program asking again should keep it, or use [`Registry::builtin`],
    /// which keeps every calendar it builds.
    ///
    /// # Errors
    ///
    /// As [`Registry::calendar`].
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Estimates, Registry};
    ///
    /// let us = Registry::builtin_calendar("US-CA", Estimates::Deny)?;
    /// assert_eq!(us.holidays(), Registry::builtin()?.calendar("US-CA")?.holidays());
    /// assert!(Registry::builtin_calendar("XX", Estimates::Deny).unwrap_err().is_unknown_calendar());
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn builtin_calendar(id: &str, estimates: Estimates) -> Result<Calendar, Error> {
        if BUILTIN.get().is_none()
            && let Some(calendar) = Registry::builtin_subset(id)
                .and_then(|registry| registry.calendar_with(id, estimates).ok())
        {
            return Ok(calendar);
        }
        // Loaded already, or the few files do not make the calendar: the whole registry, which
        // also says what is wrong with an id in the words of every other path.
        Registry::builtin()?.calendar_with(id, estimates)
    }

    /// The built-in files that define `id` (each part of a joint id) and what they inherit:
    /// a calendar `XX` or `XX-YY` is defined in `xx.toml` (the test suite checks it of every
    /// shipped calendar). `None` when an id has no such file, or a file does not parse.
    fn builtin_subset(id: &str) -> Option<Registry> {
        let file_of = |id: &str| {
            let country = id.split('-').next()?.trim().to_ascii_lowercase();
            embedded::EMBEDDED
                .iter()
                .position(|(name, _)| name.strip_suffix(".toml") == Some(country.as_str()))
        };
        let mut files: Vec<usize> = Vec::new();
        let mut wanted: Vec<String> = id.split('+').map(|part| part.trim().to_owned()).collect();
        for _ in 0..=MAX_INHERITANCE {
            for part in &wanted {
                let file = file_of(part)?;
                if !files.contains(&file) {
                    files.push(file);
                }
            }
            // In the order of the whole registry's files.
            files.sort_unstable();
            let texts = files.iter().map(|&file| {
                let (name, text) = embedded::EMBEDDED[file];
                (format!("holidays/{name}"), text.to_owned())
            });
            let registry = Registry::from_layer(texts, true).ok()?;
            wanted = registry
                .defs
                .values()
                .filter_map(|def| def.inherits.clone())
                .filter(|parent| !registry.defs.contains_key(parent))
                .collect();
            if wanted.is_empty() {
                return Some(registry);
            }
        }
        None
    }

    /// The built-in calendars plus those of every `*.toml` file in `dir`, with the closures of
    /// its `*.ics` files. A calendar of the folder replaces a built-in one with the same id; a
    /// file may inherit from a built-in calendar (`inherits = "US"`), also under the built-in
    /// calendar's own id (`code = "US"`, `inherits = "US"`: the built-in `US` and more). The
    /// built-in calendars are unchanged by the folder, except for the closures of an `.ics`
    /// file named after one of them.
    ///
    /// # Errors
    ///
    /// An I/O error when the folder cannot be read; a data error naming the file, line and
    /// column of the first broken definition, or naming an id defined twice in the folder, or
    /// an `.ics` file named after no calendar.
    ///
    /// # Example
    ///
    /// ```
    /// # let dir = tempfile::tempdir().unwrap();
    /// std::fs::write(dir.path().join("us.toml"), r#"
    /// [country]
    /// code = "US"
    /// name = "United States, and our closures"
    /// inherits = "US"
    /// sources = ["staff handbook"]
    ///
    /// [[holiday]]
    /// name = "Christmas Eve"
    /// month = 12
    /// day = 24
    /// "#).unwrap();
    /// let registry = slacal::Registry::with_dir(dir.path())?;
    /// let us = registry.calendar("US")?;
    /// let date = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// assert!(!us.is_business_day(date(12, 24))?); // the folder's closure
    /// assert!(!us.is_business_day(date(11, 26))?); // the built-in Thanksgiving
    /// assert_eq!(us.first_year(), slacal::Calendar::builtin("US")?.first_year()); // its years
    /// // The built-in subdivisions still inherit the built-in `US`.
    /// assert!(registry.calendar("US-CA")?.is_business_day(date(12, 24))?);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn with_dir(dir: &Path) -> Result<Registry, Error> {
        let builtin = Registry::builtin()?;
        let (files, skipped) = read_dir(dir)?;
        let user = Registry::from_layer(files, false)?;
        let mut defs = builtin.defs.clone();
        let mut shadowed = BTreeMap::new();
        for (id, def) in user.defs {
            if let Some(replaced) = defs.insert(id.clone(), def) {
                shadowed.insert(id, replaced);
            }
        }
        let registry = Registry {
            defs,
            shadowed,
            closures: user.closures,
            cache: Mutex::new(HashMap::new()),
            skipped,
            inserted: BTreeMap::new(),
        };
        registry.check_closures()?;
        Ok(registry)
    }

    /// Only the calendars of the `*.toml` files in `dir`, with the closures of its `*.ics`
    /// files.
    ///
    /// # Errors
    ///
    /// As [`Registry::with_dir`].
    pub fn from_dir(dir: &Path) -> Result<Registry, Error> {
        let (files, skipped) = read_dir(dir)?;
        let mut registry = Registry::from_layer(files, false)?;
        registry.check_closures()?;
        registry.skipped = skipped;
        Ok(registry)
    }

    /// The entries of the holiday folder named `*.toml` or `*.ics` that were not read because
    /// they are not regular files (a folder, a FIFO, a device), each with why: a warning to show.
    /// Empty for a registry not read from a folder.
    #[must_use]
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The calendars of holiday files given as `(name shown in messages, text)` pairs. A name
    /// ending in `.ics` is an iCalendar file of closures for the calendar it is named after
    /// (see [`super::ics`]).
    ///
    /// # Errors
    ///
    /// A data error naming the file, line and column of the first broken definition, an id
    /// defined twice, or an `.ics` file named after no calendar of the files.
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Registry, Error> {
        let registry = Registry::from_layer(files, false)?;
        registry.check_closures()?;
        Ok(registry)
    }

    /// The calendars of some files, marked as built in or not.
    fn from_layer(
        files: impl IntoIterator<Item = (String, String)>,
        builtin: bool,
    ) -> Result<Registry, Error> {
        let mut defs: BTreeMap<String, Arc<CalendarDef>> = BTreeMap::new();
        let mut closures: BTreeMap<String, Vec<Arc<Closures>>> = BTreeMap::new();
        for (path, text) in files {
            if path.to_ascii_lowercase().ends_with(".ics") {
                let file_name = Path::new(&path)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(&path);
                let id = super::ics::calendar_of_file(file_name).ok_or_else(|| {
                    Error::data(format!(
                        "`{path}`: the name of an `.ics` file names the calendar it closes \
                         (`<ID>.ics` or `<ID>.<anything>.ics`, like `ACME.ics`); `{file_name}` \
                         does not start with a calendar id"
                    ))
                })?;
                let holidays = super::ics::read_closures(&path, &text)?;
                closures.entry(id).or_default().push(Arc::new(Closures {
                    path,
                    file: Arc::new(SourceFile { text }),
                    holidays,
                }));
                continue;
            }
            for mut def in parse_file(&path, text)? {
                def.builtin = builtin;
                if let Some(other) = defs.get(&def.id) {
                    return Err(Error::data(format!(
                        "calendar `{}` is defined twice: at {} and at {}",
                        def.id, other.origin, def.origin
                    )));
                }
                defs.insert(def.id.clone(), Arc::new(def));
            }
        }
        Ok(Registry {
            defs,
            shadowed: BTreeMap::new(),
            closures,
            cache: Mutex::new(HashMap::new()),
            skipped: Vec::new(),
            inserted: BTreeMap::new(),
        })
    }

    /// Every `.ics` file names a known calendar.
    fn check_closures(&self) -> Result<(), Error> {
        for (id, files) in &self.closures {
            if !self.defs.contains_key(id) {
                let path = files.first().map_or("", |f| f.path.as_str());
                return Err(self
                    .def(id)
                    .err()
                    .unwrap_or_else(|| Error::data(format!("unknown calendar `{id}`")))
                    .context(format!(
                        "`{path}` adds closures to calendar `{id}` (from its name)"
                    )));
            }
        }
        Ok(())
    }

    /// The ids of the calendars that can be requested, sorted (the files' and the inserted
    /// ones).
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        let mut ids: Vec<&str> = self
            .defs
            .values()
            .filter(|def| def.listed)
            .map(|def| def.id.as_str())
            .chain(self.inserted.keys().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
    }

    /// Adds a calendar of the program's own ([`Calendar::builder`]), to run in `time_zone`, so
    /// that it can be named by its id wherever the registry's calendars are: in
    /// [`Registry::calendar`], in a joint id (`ACME+US`), and in a policy read with this
    /// registry (`calendar = "ACME"`), which then runs SLA clocks on it. It replaces a calendar
    /// of the same id, the files' or one inserted before; calendars of the files that inherit
    /// that id keep inheriting the file's definition (and none can inherit an inserted
    /// calendar). The calendar is the same with or without
    /// [`Estimates::Allow`]: it covers the years it was built with.
    ///
    /// A registry shared by [`Registry::builtin`] cannot change: insert into a copy of it
    /// (`Registry::builtin()?.clone()`) or into one read from files.
    ///
    /// # Errors
    ///
    /// A data error for a joint calendar ([`Calendar::joint`]): insert its parts, and name
    /// them joined by `+`.
    ///
    /// # Example
    ///
    /// ```
    /// use std::sync::Arc;
    ///
    /// use chrono::NaiveDate;
    /// use slacal::{Calendar, Holiday, Instant, Policy, Record, Registry};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let acme = Calendar::builder("ACME")
    ///     .name("Acme Corp. offices")
    ///     .years(2020, 2030)
    ///     .holiday(Holiday::new(date(2026, 12, 24), "Company closure"))
    ///     .holiday(Holiday::new(date(2026, 12, 25), "Christmas Day"))
    ///     .build()?;
    /// let mut registry = Registry::builtin()?.clone();
    /// registry.insert(acme, chrono_tz::America::Chicago)?;
    /// assert_eq!(registry.time_zone("ACME")?, chrono_tz::America::Chicago);
    ///
    /// // A policy names the calendar by its id and runs its clocks on it.
    /// let policy = Policy::builder().registry(Arc::new(registry)).parse("acme.toml", r#"
    /// name = "tickets"
    /// events = ["opened", "closed"]
    /// calendar = "ACME"
    ///
    /// [[clock]]
    /// name = "resolution"
    /// start = "opened"
    /// stop = "closed"
    /// budget = "2 business days"
    /// "#)?;
    /// let mut record = Record::new("ticket-1");
    /// let opened = Instant::parse("2026-12-23T10:00:00-06:00")?;
    /// record.push(policy.event("opened")?, opened);
    /// let rows = policy.evaluate(&record, opened)?;
    /// // Day 0 is Wednesday the 23rd; the 24th and 25th are closed, the 26th and 27th a
    /// // weekend: due on Tuesday the 29th, at midnight in Chicago.
    /// assert_eq!(rows[0].calendar(), "ACME");
    /// assert_eq!(rows[0].due_date(), Some(date(2026, 12, 29)));
    /// assert_eq!(rows[0].deadline_text().to_string(), "2026-12-30T00:00:00-06:00");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn insert(&mut self, calendar: Calendar, time_zone: Tz) -> Result<(), Error> {
        if !calendar.parts().is_empty() {
            return Err(Error::data(format!(
                "`{}` is a joint calendar: insert its parts, and name them joined by `+`",
                calendar.id()
            )));
        }
        self.inserted
            .insert(calendar.id().to_owned(), (calendar, time_zone));
        // Joint calendars built before may contain the id.
        if let Ok(mut cache) = self.cache.lock() {
            cache.clear();
        }
        Ok(())
    }

    /// What each listed calendar is, sorted by id, without building the calendars.
    ///
    /// # Errors
    ///
    /// A data error when a definition's inheritance is broken.
    pub fn infos(&self) -> Result<Vec<CalendarInfo>, Error> {
        let mut infos = self
            .defs
            .values()
            .filter(|def| def.listed && !self.inserted.contains_key(&def.id))
            .map(|def| {
                let resolved = self.resolve(&def.id)?;
                // The weekend in force on the first covered day, and the changes after it.
                let weekends = resolved.weekends();
                let first_day =
                    NaiveDate::from_ymd_opt(resolved.years.0, 1, 1).unwrap_or(NaiveDate::MIN);
                Ok(CalendarInfo {
                    id: def.id.clone(),
                    name: def.name.clone(),
                    time_zone: resolved.time_zone,
                    first_year: resolved.years.0,
                    last_year: resolved.years.1,
                    origin: def.origin.clone(),
                    data_version: resolved.data_version(),
                    weekend: weekend_on(&weekends, first_day),
                    weekend_changes: weekends
                        .iter()
                        .skip(1)
                        .filter(|&&(from, _)| from > first_day)
                        .copied()
                        .collect(),
                    estimated_years: resolved.estimated_years,
                    checked: resolved.checked.clone(),
                    as_of: resolved.as_of,
                    sources: resolved.sources.clone(),
                    known_through: resolved.known_through.clone(),
                    closure_files: resolved.closure_files.clone(),
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        infos.extend(
            self.inserted
                .values()
                .map(|(calendar, zone)| inserted_info(calendar, *zone)),
        );
        infos.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(infos)
    }

    /// A calendar by id, or a joint calendar of ids joined by `+` (`US+GB-ENG`), with
    /// announced and rule-given dates only ([`Estimates::Deny`]).
    ///
    /// # Errors
    ///
    /// A data error for an unknown id (listing the known ones) or a broken definition.
    pub fn calendar(&self, id: &str) -> Result<Calendar, Error> {
        self.calendar_with(id, Estimates::Deny)
    }

    /// A calendar by id (or a joint calendar), choosing whether the years after the announced
    /// ones are covered with estimated dates. For a calendar without estimated years both
    /// choices give the same calendar.
    ///
    /// # Errors
    ///
    /// As [`Registry::calendar`].
    pub fn calendar_with(&self, id: &str, estimates: Estimates) -> Result<Calendar, Error> {
        if let Some((calendar, _)) = self.inserted.get(id) {
            return Ok(calendar.clone());
        }
        let key = match estimates {
            Estimates::Deny => id.to_owned(),
            Estimates::Allow => format!("{id} (estimates)"),
        };
        if let Some(calendar) = self.cached(&key) {
            return Ok(calendar);
        }
        let calendar = if id.contains('+') {
            let parts = id
                .split('+')
                .map(|part| self.calendar_with(part.trim(), estimates))
                .collect::<Result<Vec<_>, _>>()?;
            Calendar::joint(&parts)?
        } else {
            self.build(id, estimates)?
        };
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, calendar.clone());
        }
        Ok(calendar)
    }

    /// The IANA time zone a calendar runs in unless told otherwise: its file's `time_zone`
    /// (inherited from the calendar it inherits when the file does not set one); for a joint
    /// calendar (`US+GB-ENG`) the zone of its first part. A [`Calendar`] itself has no zone:
    /// the clock layer puts one over it ([`crate::Schedule`]).
    ///
    /// # Errors
    ///
    /// A data error for an unknown id ([`Error::is_unknown_calendar`]) or a broken
    /// inheritance.
    ///
    /// # Example
    ///
    /// ```
    /// let registry = slacal::Registry::builtin()?;
    /// assert_eq!(registry.time_zone("US")?, chrono_tz::America::New_York);
    /// assert_eq!(registry.time_zone("GB-ENG+US")?, chrono_tz::Europe::London);
    /// assert!(registry.time_zone("XX").unwrap_err().is_unknown_calendar());
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn time_zone(&self, id: &str) -> Result<Tz, Error> {
        let mut zones = id
            .split('+')
            .map(|part| self.own_time_zone(part.trim()))
            .collect::<Result<Vec<Tz>, Error>>()?
            .into_iter();
        // `split` gives at least one part.
        Ok(zones.next().unwrap_or(Tz::UTC))
    }

    /// The zone of one calendar (not joint): the last definition of its inheritance chain
    /// that sets one, else UTC (as [`Registry::infos`] resolves it).
    fn own_time_zone(&self, id: &str) -> Result<Tz, Error> {
        if let Some(&(_, zone)) = self.inserted.get(id) {
            return Ok(zone);
        }
        let chain = self.chain(id)?;
        Ok(chain
            .iter()
            .rev()
            .find_map(|(def, _)| def.time_zone)
            .unwrap_or(Tz::UTC))
    }

    fn cached(&self, id: &str) -> Option<Calendar> {
        self.cache.lock().ok()?.get(id).cloned()
    }

    fn def(&self, id: &str) -> Result<&Arc<CalendarDef>, Error> {
        self.defs.get(id).ok_or_else(|| {
            let upper = id.to_ascii_uppercase();
            // The same id in other letters; else its subdivisions; else ids one typo away.
            let exact: Vec<&str> = self.ids().filter(|known| *known == upper).collect();
            let prefix = format!("{upper}-");
            let close: Vec<&str> = if !exact.is_empty() {
                exact
            } else {
                self.ids()
                    .filter(|known| {
                        known.starts_with(&prefix)
                            || (id.len() >= 4 && crate::edit_distance(known, &upper) == 1)
                    })
                    .take(5)
                    .collect()
            };
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("did you mean `{}`? ", close.join("`, `"))
            };
            Error::data(format!(
                "unknown calendar `{id}` ({hint}join several with `+`, like `US+GB-ENG`)"
            ))
            .with_detail(Detail::UnknownCalendar)
        })
    }

    fn build(&self, id: &str, estimates: Estimates) -> Result<Calendar, Error> {
        let def = self.def(id)?;
        if !def.listed {
            let subdivisions: Vec<&str> = self
                .defs
                .values()
                .filter(|d| d.inherits.as_deref() == Some(id))
                .map(|d| d.id.as_str())
                .collect();
            return Err(Error::data(format!(
                "`{id}` is not a calendar of its own; use one of its subdivisions: {}",
                subdivisions.join(", ")
            )));
        }
        let resolved = self.resolve(id)?;
        let (first_year, last_year) = resolved.years;
        let weekends = resolved.weekends();
        let is_weekend = |date: NaiveDate| weekend_on(&weekends, date).contains(date.weekday());
        let mut holidays = expand(&resolved.rules, first_year, last_year, is_weekend);
        let mut covered_last = last_year;
        if let Some((estimated_first, estimated_last)) = resolved.estimated_years {
            let boundary = NaiveDate::from_ymd_opt(estimated_first, 1, 1).unwrap_or(NaiveDate::MAX);
            holidays.retain(|h| h.date() < boundary);
            if estimates == Estimates::Allow {
                // The estimated years: every rule that computes a date (a list of announced
                // dates gives none there), plus the rules that exist only as estimates.
                let mut rules = resolved.rules.clone();
                rules.extend(resolved.estimates.iter().cloned());
                let estimated = expand(&rules, estimated_first, estimated_last, is_weekend);
                holidays.extend(
                    estimated
                        .into_iter()
                        .filter(|h| h.date() >= boundary)
                        .map(|h| h.estimated(true)),
                );
                covered_last = estimated_last;
            }
        }
        // Closures are the company's own days, never estimates.
        holidays.extend(resolved.closures.iter().cloned());
        let mut builder = Calendar::builder(id)
            .name(def.name.clone())
            .years(first_year, covered_last)
            .weekend(resolved.weekend)
            .holidays(holidays)
            .data_version(resolved.data_version())
            .sources(resolved.sources);
        for (from, set) in resolved.weekend_changes {
            builder = builder.weekend_from(from, set);
        }
        for day in resolved.working_days {
            builder = builder.working_day(day);
        }
        if let Some((estimated_first, estimated_last)) = resolved.estimated_years {
            builder = match estimates {
                Estimates::Allow => builder.estimated_years(estimated_first, estimated_last),
                Estimates::Deny => builder.estimates_available(estimated_first, estimated_last),
            };
        }
        builder
            .build()
            .map_err(|e| e.context(format!("{}: calendar `{id}`", def.origin)))
    }

    /// The built-in definition of an id, whether or not a user's folder replaces it.
    fn builtin_def(&self, id: &str) -> Option<&Arc<CalendarDef>> {
        self.shadowed
            .get(id)
            .or_else(|| self.defs.get(id).filter(|def| def.builtin))
    }

    /// The definition `def` inherits as `parent`: a built-in definition inherits the built-in
    /// one, and so does a user's definition inheriting its own id; any other the one the
    /// registry lists.
    fn parent_of(&self, def: &CalendarDef, parent: &str) -> Result<&Arc<CalendarDef>, Error> {
        if parent == def.id {
            return match self.builtin_def(parent) {
                Some(found) if !def.builtin => Ok(found),
                _ => Err(Error::data(format!(
                    "calendar `{parent}` inherits itself; a calendar of a folder of your own may \
                     inherit its own id only to extend the built-in calendar of that id (a \
                     folder read next to the built-in calendars), and there is no built-in \
                     `{parent}`"
                ))),
            };
        }
        if def.builtin
            && let Some(found) = self.builtin_def(parent)
        {
            return Ok(found);
        }
        self.def(parent)
    }

    /// The inheritance chain of a calendar, from the root to the calendar, each with whether
    /// it is seen from the user's side (the closures of `.ics` files apply there).
    fn chain(&self, id: &str) -> Result<Vec<(Arc<CalendarDef>, bool)>, Error> {
        let mut def = Arc::clone(self.def(id)?);
        let mut user_view = true;
        let mut chain: Vec<(Arc<CalendarDef>, bool)> = Vec::new();
        loop {
            if chain.iter().any(|(seen, _)| Arc::ptr_eq(seen, &def)) {
                let path: Vec<&str> = chain
                    .iter()
                    .map(|(d, _)| d.id.as_str())
                    .chain([def.id.as_str()])
                    .collect();
                return Err(Error::data(format!(
                    "{}: calendar `{id}`: its inheritance goes round in a circle ({})",
                    chain[0].0.origin,
                    path.join(" -> ")
                )));
            }
            if chain.len() > MAX_INHERITANCE {
                return Err(Error::data(format!(
                    "{}: calendar `{id}`: inheritance goes more than {MAX_INHERITANCE} levels deep",
                    chain[0].0.origin
                )));
            }
            chain.push((Arc::clone(&def), user_view));
            let Some(parent) = def.inherits.clone() else {
                break;
            };
            let next = Arc::clone(self.parent_of(&def, &parent).map_err(|e| {
                e.context(format!(
                    "{}: calendar `{}` inherits `{parent}`",
                    def.origin, def.id
                ))
            })?);
            if def.builtin {
                user_view = false;
            }
            def = next;
        }
        chain.reverse();
        Ok(chain)
    }

    /// Resolves a definition through its inheritance chain.
    fn resolve(&self, id: &str) -> Result<Resolved, Error> {
        let chain = self.chain(id)?;
        let mut resolved: Option<Resolved> = None;
        let mut parent_file: Option<Arc<SourceFile>> = None;
        for (def, user_view) in &chain {
            resolved = Some(self.apply(resolved, def, *user_view, parent_file.as_ref())?);
            parent_file = Some(Arc::clone(&def.file));
        }
        // The chain has at least the calendar itself.
        resolved.ok_or_else(|| Error::data(format!("calendar `{id}` has no definition")))
    }

    /// One definition of a chain over what its parents resolved to.
    fn apply(
        &self,
        parent: Option<Resolved>,
        def: &Arc<CalendarDef>,
        user_view: bool,
        parent_file: Option<&Arc<SourceFile>>,
    ) -> Result<Resolved, Error> {
        let id = def.id.as_str();
        let mut resolved = match parent {
            Some(resolved) => resolved,
            None => Resolved {
                estimated_years: def.estimated_years,
                time_zone: def.time_zone.unwrap_or(Tz::UTC),
                weekend: def.weekend.unwrap_or(WeekdaySet::EMPTY),
                years: def.years.unwrap_or((1900, 2199)),
                ..Resolved::default()
            },
        };
        for (name, origin) in &def.remove {
            let before = resolved.rules.len();
            resolved.rules.retain(|rule| &*rule.name != name.as_str());
            if resolved.rules.len() == before {
                return Err(Error::data(format!(
                    "{origin}: calendar `{id}`: `remove` names `{name}`, which it does not inherit"
                )));
            }
        }
        if let Some(zone) = def.time_zone {
            resolved.time_zone = zone;
        }
        if let Some(weekend) = def.weekend {
            resolved.weekend = weekend;
        }
        if let Some((first, last)) = def.years {
            let (parent_first, parent_last) = resolved.years;
            if def.inherits.is_some() && (first < parent_first || last > parent_last) {
                return Err(Error::data(format!(
                    "{}: calendar `{id}`: years {first}..={last} reach beyond the years of the \
                     calendar it inherits ({parent_first}..={parent_last})",
                    def.origin
                )));
            }
            resolved.years = (first, last);
            // A subdivision with its own years has no estimates of its own.
            if def.inherits.is_some() {
                resolved.estimated_years = None;
            }
        }
        if def.estimated_years.is_some() {
            resolved.estimated_years = def.estimated_years;
        }
        // What was checked, and when, is said by the file: a subdivision shares its country's,
        // a file of its own says its own (or nothing).
        let same_file = parent_file.is_some_and(|file| Arc::ptr_eq(file, &def.file));
        if !same_file || def.checked.is_some() {
            resolved.checked = def.checked.clone();
        }
        if !same_file || def.as_of.is_some() {
            resolved.as_of = def.as_of;
        }
        resolved
            .known_through
            .extend(def.known_through.iter().cloned());
        resolved.estimates.extend(def.estimates.iter().cloned());
        resolved.rules.extend(def.rules.iter().cloned());
        resolved
            .working_days
            .extend(def.working_days.iter().cloned());
        resolved
            .weekend_changes
            .extend(def.weekend_changes.iter().cloned());
        resolved.sources.extend(def.sources.iter().cloned());
        resolved.files.push(def.file.clone());
        let listed_here = self.defs.get(id).is_some_and(|d| Arc::ptr_eq(d, def));
        if user_view && listed_here {
            for closures in self.closures.get(id).into_iter().flatten() {
                resolved.closures.extend(closures.holidays.iter().cloned());
                resolved
                    .sources
                    .push(format!("closures: {}", closures.path));
                resolved.closure_files.push(closures.path.clone());
                resolved.files.push(closures.file.clone());
            }
        }
        Ok(resolved)
    }
}

/// What a listing shows of an inserted calendar: what the calendar says of itself.
fn inserted_info(calendar: &Calendar, time_zone: Tz) -> CalendarInfo {
    let mut weekends = calendar.weekend_changes().into_iter();
    let weekend = weekends.next().map_or(WeekdaySet::EMPTY, |(_, set)| set);
    // A calendar built with estimated years covers them; its announced years end before.
    let (last_year, estimated_years) = match calendar.estimated_years() {
        Some((first, last)) => (first - 1, Some((first, last))),
        None => (calendar.last_year(), calendar.estimates_available()),
    };
    CalendarInfo {
        id: calendar.id().to_owned(),
        name: calendar.name().to_owned(),
        time_zone,
        first_year: calendar.first_year(),
        last_year,
        origin: "inserted by the program (`Registry::insert`)".to_owned(),
        weekend,
        weekend_changes: weekends.collect(),
        data_version: calendar.data_version().to_owned(),
        estimated_years,
        checked: None,
        as_of: None,
        sources: calendar.sources().to_vec(),
        known_through: Vec::new(),
        closure_files: Vec::new(),
    }
}

/// A calendar definition with its inheritance applied.
#[derive(Default)]
struct Resolved {
    time_zone: Tz,
    weekend: WeekdaySet,
    years: (i32, i32),
    rules: Vec<Rule>,
    working_days: Vec<WorkingDay>,
    weekend_changes: Vec<(NaiveDate, WeekdaySet)>,
    sources: Vec<String>,
    files: Vec<Arc<super::load::SourceFile>>,
    estimated_years: Option<(i32, i32)>,
    estimates: Vec<Rule>,
    checked: Option<String>,
    as_of: Option<NaiveDate>,
    known_through: Vec<KnownThrough>,
    closures: Vec<Holiday>,
    closure_files: Vec<String>,
}

impl Resolved {
    /// The digest of the texts of the files the definition was resolved from.
    fn data_version(&self) -> String {
        let mut texts: Vec<&str> = self.files.iter().map(|f| f.text.as_str()).collect();
        texts.dedup();
        crate::calendar::digest(texts.concat().as_bytes())
    }

    /// The weekend schedule: the base weekend, then each change from its date on.
    fn weekends(&self) -> Vec<(NaiveDate, WeekdaySet)> {
        let mut weekends = vec![(NaiveDate::MIN, self.weekend)];
        let mut changes = self.weekend_changes.clone();
        changes.sort_by_key(|&(from, _)| from);
        weekends.extend(changes);
        weekends
    }
}

fn weekend_on(weekends: &[(NaiveDate, WeekdaySet)], date: NaiveDate) -> WeekdaySet {
    weekends
        .iter()
        .rev()
        .find(|(from, _)| *from <= date)
        .map_or(WeekdaySet::EMPTY, |&(_, set)| set)
}

/// Holiday files as `(path, text)`.
type HolidayFiles = Vec<(String, String)>;

/// The `*.toml` files of a folder as `(path, text)`, sorted, and the entries skipped because
/// they are not regular files (reading a FIFO would wait forever, a folder cannot be read).
fn read_dir(dir: &Path) -> Result<(HolidayFiles, Vec<String>), Error> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::from_io(format!("reading holiday folder `{}`", dir.display()), &e))?;
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| {
            Error::from_io(format!("reading holiday folder `{}`", dir.display()), &e)
        })?;
        let path = entry.path();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(extension.as_deref(), Some("toml" | "ics")) {
            continue;
        }
        // Links are followed: a link to a holiday file is a holiday file.
        match std::fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => {}
            Ok(metadata) => {
                let what = if metadata.is_dir() {
                    "a folder"
                } else {
                    "not a regular file (a FIFO, a socket or a device)"
                };
                skipped.push(format!(
                    "`{}` is {what}, not a holiday file; it is skipped",
                    path.display()
                ));
                continue;
            }
            Err(e) => {
                skipped.push(format!(
                    "`{}` cannot be examined ({e}); it is skipped",
                    path.display()
                ));
                continue;
            }
        }
        let bytes = std::fs::read(&path)
            .map_err(|e| Error::from_io(format!("reading `{}`", path.display()), &e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::data(format!(
                "`{}` is not valid UTF-8 (byte {} is not)",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        files.push((path.display().to_string(), text));
    }
    files.sort();
    skipped.sort();
    Ok((files, skipped))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    /// Issue 14: a built-in calendar built from the files it needs is the one the whole
    /// registry builds, for every shipped calendar and joint ones, with and without estimates;
    /// and every shipped calendar is in the file its id names.
    #[test]
    fn issue_14_a_builtin_calendar_from_its_own_files_is_the_registrys() {
        let registry = Registry::builtin().unwrap();
        let mut ids: Vec<String> = registry.ids().map(str::to_owned).collect();
        ids.extend(["US+GB-ENG".to_owned(), "CN+KR+DE-BY".to_owned()]);
        for id in &ids {
            let subset = Registry::builtin_subset(id).unwrap_or_else(|| panic!("{id}"));
            assert!(subset.defs.len() < registry.defs.len(), "{id}");
            for estimates in [Estimates::Deny, Estimates::Allow] {
                let whole = registry.calendar_with(id, estimates).unwrap();
                let own = subset.calendar_with(id, estimates).unwrap();
                assert_eq!(own.id(), whole.id(), "{id}");
                assert_eq!(own.name(), whole.name(), "{id}");
                assert_eq!(
                    (own.first_year(), own.last_year()),
                    (whole.first_year(), whole.last_year()),
                    "{id}"
                );
                assert_eq!(own.weekend_changes(), whole.weekend_changes(), "{id}");
                assert_eq!(own.data_version(), whole.data_version(), "{id}");
                assert_eq!(own.holidays(), whole.holidays(), "{id}");
                assert_eq!(own.sources(), whole.sources(), "{id}");
                assert_eq!(own.estimated_years(), whole.estimated_years(), "{id}");
            }
        }
        // Ids without a file of their own, and ids that are no calendar, take the whole
        // registry's answer (the few files give none).
        for id in ["XX", "GB", "us", "US-XX", ""] {
            let subset = Registry::builtin_subset(id);
            assert!(subset.is_none_or(|r| r.calendar(id).is_err()), "{id}");
            let whole = registry.calendar(id).map(|c| c.id().to_owned());
            let own = Registry::builtin_calendar(id, Estimates::Deny).map(|c| c.id().to_owned());
            assert_eq!(
                own.map_err(|e| e.to_string()),
                whole.map_err(|e| e.to_string()),
                "{id}"
            );
        }
    }

    /// Issue 12: a program's own calendar, inserted, is named by its id like any other.
    #[test]
    fn issue_12_an_inserted_calendar_is_listed_joined_and_replaces_its_id() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let acme = Calendar::builder("ACME")
            .name("Acme")
            .years(2020, 2030)
            .holiday(Holiday::new(date(2026, 8, 14), "Office move"))
            .build()
            .unwrap();
        let mut registry = Registry::builtin().unwrap().clone();
        let before = registry.calendar("US+DE").unwrap();
        registry
            .insert(acme.clone(), chrono_tz::America::Chicago)
            .unwrap();
        assert!(registry.ids().any(|id| id == "ACME"));
        let info = registry.infos().unwrap();
        let found = info.iter().find(|info| info.id == "ACME").unwrap();
        assert_eq!(
            (found.time_zone, found.first_year, found.last_year),
            (chrono_tz::America::Chicago, 2020, 2030)
        );
        assert_eq!(found.data_version, acme.data_version());
        assert!(info.windows(2).all(|pair| pair[0].id < pair[1].id));
        let joint = registry.calendar("US+ACME").unwrap();
        assert!(!joint.is_business_day(date(2026, 8, 14)).unwrap());
        assert_eq!(
            registry.time_zone("US+ACME").unwrap(),
            chrono_tz::America::New_York
        );

        // Replacing `US`: the calendar of that id is the inserted one; `US-CA` still inherits
        // the file's `US`; the built-in registry is unchanged.
        let us = Calendar::builder("US").years(2020, 2030).build().unwrap();
        registry.insert(us, chrono_tz::America::Denver).unwrap();
        let thanksgiving = date(2026, 11, 26);
        assert!(
            registry
                .calendar("US")
                .unwrap()
                .is_business_day(thanksgiving)
                .unwrap()
        );
        assert_eq!(
            registry.time_zone("US").unwrap(),
            chrono_tz::America::Denver
        );
        assert!(
            !registry
                .calendar("US-CA")
                .unwrap()
                .is_business_day(thanksgiving)
                .unwrap()
        );
        // The joint calendar built before is rebuilt with the new `US`.
        assert!(!before.is_business_day(thanksgiving).unwrap());
        assert!(
            registry
                .calendar("US+DE")
                .unwrap()
                .is_business_day(thanksgiving)
                .unwrap()
        );
        assert_eq!(
            registry
                .infos()
                .unwrap()
                .iter()
                .filter(|i| i.id == "US")
                .count(),
            1
        );
        assert!(
            !Calendar::builtin("US")
                .unwrap()
                .is_business_day(thanksgiving)
                .unwrap()
        );

        let err = registry.insert(joint, chrono_tz::UTC).unwrap_err();
        assert!(err.is_data(), "{err}");
        assert!(err.to_string().contains("joint calendar"), "{err}");
    }
}
