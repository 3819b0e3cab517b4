//! The registry: calendar definitions from a set of holiday files, resolved through
//! inheritance and built into [`Calendar`]s on demand.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate, WeekdaySet};
use chrono_tz::Tz;

use super::load::{CalendarDef, parse_file};
use super::rule::{Rule, expand};
use crate::{Calendar, Error, WorkingDay};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// What `slacal calendars` shows of a calendar, without building it.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// The file and line that define it.
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
/// a user's folder, whose calendars replace built-in calendars of the same id. Calendars are
/// built on first request and cached; a [`Calendar`] handle is cheap to clone.
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
    cache: Mutex<HashMap<String, Calendar>>,
    /// Entries of a holiday folder that were not read, with why.
    skipped: Vec<String>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("calendars", &self.defs.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// How deep inheritance may go before it is taken for a cycle.
const MAX_INHERITANCE: usize = 16;

impl Registry {
    /// The calendars shipped with the library, parsed once per process.
    ///
    /// # Errors
    ///
    /// A data error if a shipped file is broken (the test suite keeps this from happening).
    pub fn builtin() -> Result<&'static Registry, Error> {
        static BUILTIN: OnceLock<Result<Registry, Error>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let files = embedded::EMBEDDED
                    .iter()
                    .map(|(name, text)| (format!("holidays/{name}"), (*text).to_owned()));
                Registry::from_files(files)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The built-in calendars plus those of every `*.toml` file in `dir`. A calendar of the
    /// folder replaces a built-in one with the same id; a file may inherit from a built-in
    /// calendar (`inherits = "US"`).
    ///
    /// # Errors
    ///
    /// An I/O error when the folder cannot be read; a data error naming the file, line and
    /// column of the first broken definition, or naming an id defined twice in the folder.
    pub fn with_dir(dir: &Path) -> Result<Registry, Error> {
        let builtin = Registry::builtin()?;
        let (files, skipped) = read_dir(dir)?;
        let user = Registry::from_files(files)?;
        let mut defs = builtin.defs.clone();
        defs.extend(user.defs);
        Ok(Registry {
            defs,
            cache: Mutex::new(HashMap::new()),
            skipped,
        })
    }

    /// Only the calendars of the `*.toml` files in `dir`.
    ///
    /// # Errors
    ///
    /// As [`Registry::with_dir`].
    pub fn from_dir(dir: &Path) -> Result<Registry, Error> {
        let (files, skipped) = read_dir(dir)?;
        let mut registry = Registry::from_files(files)?;
        registry.skipped = skipped;
        Ok(registry)
    }

    /// The entries of the holiday folder named `*.toml` that were not read because they are
    /// not regular files (a folder, a FIFO, a device), each with why: a warning to show.
    /// Empty for a registry not read from a folder.
    #[must_use]
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The calendars of holiday files given as `(name shown in messages, text)` pairs.
    ///
    /// # Errors
    ///
    /// A data error naming the file, line and column of the first broken definition, or an id
    /// defined twice.
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Registry, Error> {
        let mut defs: BTreeMap<String, Arc<CalendarDef>> = BTreeMap::new();
        for (path, text) in files {
            for def in parse_file(&path, text)? {
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
            cache: Mutex::new(HashMap::new()),
            skipped: Vec::new(),
        })
    }

    /// The ids of the calendars that can be requested, sorted.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.defs
            .values()
            .filter(|def| def.listed)
            .map(|def| def.id.as_str())
    }

    /// What each listed calendar is, sorted by id, without building the calendars.
    ///
    /// # Errors
    ///
    /// A data error when a definition's inheritance is broken.
    pub fn infos(&self) -> Result<Vec<CalendarInfo>, Error> {
        self.defs
            .values()
            .filter(|def| def.listed)
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
                })
            })
            .collect()
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
                "unknown calendar `{id}` ({hint}`slacal calendars` lists the known ids; join \
                 several with `+`, like `US+GB-ENG`)"
            ))
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
        let mut builder = Calendar::builder(id)
            .name(def.name.clone())
            .time_zone(resolved.time_zone)
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

    /// Resolves a definition through its inheritance chain.
    fn resolve(&self, id: &str) -> Result<Resolved, Error> {
        self.resolve_depth(id, 0)
    }

    fn resolve_depth(&self, id: &str, depth: usize) -> Result<Resolved, Error> {
        let def = self.def(id)?;
        if depth > MAX_INHERITANCE {
            return Err(Error::data(format!(
                "{}: calendar `{id}`: inheritance goes more than {MAX_INHERITANCE} levels deep (is there a cycle?)",
                def.origin
            )));
        }
        let mut resolved = match &def.inherits {
            Some(parent) => self.resolve_depth(parent, depth + 1).map_err(|e| {
                e.context(format!(
                    "{}: calendar `{id}` inherits `{parent}`",
                    def.origin
                ))
            })?,
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
        Ok(resolved)
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
}

impl Resolved {
    /// The digest of the texts of the files the definition was resolved from.
    fn data_version(&self) -> String {
        let mut texts: Vec<&str> = self.files.iter().map(|f| f.text.as_str()).collect();
        texts.dedup();
        super::digest(texts.concat().as_bytes())
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
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
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
