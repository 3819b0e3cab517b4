//! `slacal.Calendar`: a handle on an engine calendar (built-in, joint, or from a folder of
//! holiday files), and the `calendars()` listing.

use std::path::PathBuf;

use chrono::{NaiveDate, Weekday, WeekdaySet};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use slacal::{Calendar, Estimates, Registry};

use crate::errors;

/// A business-day calendar: a built-in id (`"US"`, `"GB-ENG"`), a joint calendar (`"US+GB-ENG"`,
/// closed when either is), or a calendar of your own from a folder of holiday files.
///
/// Cheap to share: building it once and passing it to many calls avoids looking the id up
/// each time. The Python class `slacal.Calendar` derives from this one and adds the methods
/// and pickling (by id, folder and estimates setting).
#[pyclass(name = "Calendar", module = "slacal", frozen, subclass)]
pub(crate) struct PyCalendar {
    pub(crate) inner: Calendar,
    /// The zone the calendar's data gives it (a calendar has none of its own), and those of
    /// its parts when it is a joint calendar.
    zone: &'static str,
    part_zones: Vec<&'static str>,
    holidays_dir: Option<PathBuf>,
    allow_estimates: bool,
}

impl PyCalendar {
    fn build(
        id: &str,
        holidays_dir: Option<PathBuf>,
        allow_estimates: bool,
    ) -> PyResult<PyCalendar> {
        let estimates = if allow_estimates {
            Estimates::Allow
        } else {
            Estimates::Deny
        };
        let with = |registry: &Registry| {
            let calendar = registry.calendar_with(id, estimates)?;
            let part_zones = calendar
                .parts()
                .iter()
                .map(|part| Ok(registry.time_zone(part.id())?.name()))
                .collect::<Result<Vec<_>, slacal::Error>>()?;
            Ok::<_, slacal::Error>((calendar, registry.time_zone(id)?.name(), part_zones))
        };
        let (inner, zone, part_zones) = match &holidays_dir {
            None => Registry::builtin().and_then(with),
            Some(dir) => Registry::with_dir(dir).and_then(|registry| with(&registry)),
        }
        .map_err(|err| errors::to_py(&err))?;
        Ok(PyCalendar {
            inner,
            zone,
            part_zones,
            holidays_dir,
            allow_estimates,
        })
    }
}

#[pymethods]
impl PyCalendar {
    #[new]
    #[pyo3(signature = (id, *, holidays_dir=None, allow_estimates=false))]
    fn new(
        id: &Bound<'_, PyAny>,
        holidays_dir: Option<PathBuf>,
        allow_estimates: bool,
    ) -> PyResult<PyCalendar> {
        if let Ok(other) = id.cast::<PyCalendar>() {
            let other = other.get();
            return Ok(PyCalendar {
                inner: other.inner.clone(),
                zone: other.zone,
                part_zones: other.part_zones.clone(),
                holidays_dir: other.holidays_dir.clone(),
                allow_estimates: other.allow_estimates,
            });
        }
        let Ok(id) = id.cast::<PyString>() else {
            return Err(PyTypeError::new_err(
                "a calendar is given by its id (a str such as \"US\" or \"US+GB-ENG\") or as a \
                 slacal.Calendar",
            ));
        };
        PyCalendar::build(&id.to_cow()?, holidays_dir, allow_estimates)
    }

    /// The id, e.g. `"GB-ENG"` or `"US+GB-ENG"`.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// The display name.
    #[getter]
    fn name(&self) -> &str {
        self.inner.name()
    }

    /// The IANA time zone of the calendar's days, e.g. `"America/New_York"`.
    #[getter]
    fn time_zone(&self) -> &'static str {
        self.zone
    }

    /// The first year the calendar's data covers.
    #[getter]
    fn first_year(&self) -> i32 {
        self.inner.first_year()
    }

    /// The last year the calendar's data covers (with estimates, if allowed).
    #[getter]
    fn last_year(&self) -> i32 {
        self.inner.last_year()
    }

    /// The first covered date (1 January of the first year).
    #[getter]
    fn first_date(&self) -> NaiveDate {
        self.inner.first_date()
    }

    /// The last covered date (31 December of the last year).
    #[getter]
    fn last_date(&self) -> NaiveDate {
        self.inner.last_date()
    }

    /// The covered years whose holidays are estimates (first, last), or None: only a calendar
    /// built with `allow_estimates=True` has them.
    #[getter]
    fn estimated_years(&self) -> Option<(i32, i32)> {
        self.inner.estimated_years()
    }

    /// The years after the covered ones that `allow_estimates=True` would cover, or None.
    #[getter]
    fn estimates_available(&self) -> Option<(i32, i32)> {
        self.inner.estimates_available()
    }

    /// Whether estimated years were allowed when the calendar was built.
    #[getter]
    fn allow_estimates(&self) -> bool {
        self.allow_estimates
    }

    /// The folder of holiday files the calendar was loaded with, or None for a built-in one.
    #[getter]
    fn holidays_dir(&self) -> Option<PathBuf> {
        self.holidays_dir.clone()
    }

    /// A digest of the holiday definitions the calendar was built from (`sha256:…`).
    #[getter]
    fn data_version(&self) -> &str {
        self.inner.data_version()
    }

    /// The statutes and official pages the calendar's data was taken from.
    #[getter]
    fn sources(&self) -> Vec<String> {
        self.inner.sources().to_vec()
    }

    /// The weekend in force on a date, as weekday names (`["sat", "sun"]`).
    fn weekend_on(&self, date: NaiveDate) -> Vec<&'static str> {
        weekday_names(self.inner.weekend_on(date))
    }

    /// The calendars a joint calendar is made of (empty for a plain calendar).
    #[getter]
    fn _parts(&self) -> Vec<PyCalendar> {
        self.inner
            .parts()
            .iter()
            .zip(&self.part_zones)
            .map(|(part, zone)| PyCalendar {
                inner: part.clone(),
                zone,
                part_zones: Vec::new(),
                holidays_dir: self.holidays_dir.clone(),
                allow_estimates: self.allow_estimates,
            })
            .collect()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCalendar>().is_ok_and(|other| {
            let other = other.get();
            self.inner.id() == other.inner.id()
                && self.inner.data_version() == other.inner.data_version()
                && self.inner.last_year() == other.inner.last_year()
        })
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (
            self.inner.id(),
            self.inner.data_version(),
            self.inner.last_year(),
        )
            .hash(&mut hasher);
        hasher.finish()
    }

    fn __repr__(&self) -> String {
        let estimates = if self.allow_estimates {
            ", allow_estimates=True"
        } else {
            ""
        };
        let dir = self.holidays_dir.as_ref().map_or_else(String::new, |d| {
            format!(", holidays_dir={:?}", d.display().to_string())
        });
        format!(
            "Calendar({:?}{dir}{estimates})  # {}, {}, {}..={}",
            self.inner.id(),
            self.inner.name(),
            self.zone,
            self.inner.first_year(),
            self.inner.last_year()
        )
    }
}

/// A calendar argument: a `Calendar`, or the id of a built-in one.
pub(crate) fn calendar_arg(obj: &Bound<'_, PyAny>) -> PyResult<Calendar> {
    if let Ok(calendar) = obj.cast::<PyCalendar>() {
        return Ok(calendar.get().inner.clone());
    }
    if let Ok(id) = obj.cast::<PyString>() {
        return Calendar::builtin(&id.to_cow()?).map_err(|err| errors::to_py(&err));
    }
    Err(PyTypeError::new_err(format!(
        "`calendar` must be a slacal.Calendar or the id of a built-in calendar (a str such as \
         \"US\" or \"US+GB-ENG\"), not `{}`",
        obj.get_type()
            .fully_qualified_name()
            .map_or_else(|_| "?".to_owned(), |name| name.to_string())
    )))
}

fn weekday_names(set: WeekdaySet) -> Vec<&'static str> {
    const NAMES: [(Weekday, &str); 7] = [
        (Weekday::Mon, "mon"),
        (Weekday::Tue, "tue"),
        (Weekday::Wed, "wed"),
        (Weekday::Thu, "thu"),
        (Weekday::Fri, "fri"),
        (Weekday::Sat, "sat"),
        (Weekday::Sun, "sun"),
    ];
    NAMES
        .iter()
        .filter(|(day, _)| set.contains(*day))
        .map(|&(_, name)| name)
        .collect()
}

/// What each calendar is, as dicts (`slacal.calendars()` turns them into `CalendarInfo`s).
#[pyfunction]
#[pyo3(signature = (holidays_dir=None))]
pub(crate) fn calendars<'py>(
    py: Python<'py>,
    holidays_dir: Option<PathBuf>,
) -> PyResult<Bound<'py, PyList>> {
    let owned;
    let registry = match &holidays_dir {
        None => Registry::builtin().map_err(|err| errors::to_py(&err))?,
        Some(dir) => {
            owned = Registry::with_dir(dir).map_err(|err| errors::to_py(&err))?;
            &owned
        }
    };
    let infos = registry.infos().map_err(|err| errors::to_py(&err))?;
    let list = PyList::empty(py);
    for info in infos {
        let dict = PyDict::new(py);
        dict.set_item("id", &info.id)?;
        dict.set_item("name", &info.name)?;
        dict.set_item("time_zone", info.time_zone.name())?;
        dict.set_item("first_year", info.first_year)?;
        dict.set_item("last_year", info.last_year)?;
        dict.set_item("weekend", weekday_names(info.weekend))?;
        let changes: Vec<(NaiveDate, Vec<&str>)> = info
            .weekend_changes
            .iter()
            .map(|&(from, set)| (from, weekday_names(set)))
            .collect();
        dict.set_item("weekend_changes", changes)?;
        dict.set_item("estimated_years", info.estimated_years)?;
        dict.set_item("data_version", &info.data_version)?;
        dict.set_item("origin", &info.origin)?;
        list.append(dict)?;
    }
    Ok(list)
}
