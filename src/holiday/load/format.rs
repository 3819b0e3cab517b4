//! The holiday file format as serde reads it: one struct per table, unknown keys refused.
//! Values that can be wrong are [`Spanned`], so that an error points at the line of the bad
//! key. The format is documented, with a worked example, in `holidays/README.md`.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use crate::toml_util::{ExtraKey, WeekdayTable};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileToml {
    pub country: Spanned<CountryToml>,
    #[serde(default)]
    pub holiday: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    pub working_day: Vec<Spanned<WorkingDayToml>>,
    #[serde(default)]
    pub weekend_change: Vec<Spanned<WeekendChangeToml>>,
    #[serde(default)]
    pub subdivision: Vec<Spanned<SubdivisionToml>>,
    #[serde(default)]
    pub estimate: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    pub known_through: Vec<Spanned<KnownThroughToml>>,
}

/// `[[known_through]]`: a kind of holiday known only up to a year.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct KnownThroughToml {
    pub holidays: Spanned<String>,
    pub year: Spanned<i32>,
    pub source: Spanned<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `[country]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CountryToml {
    pub code: Spanned<String>,
    pub name: String,
    /// Required unless the calendar inherits another (then the parent's).
    pub time_zone: Option<Spanned<String>>,
    pub weekend: Option<Spanned<Vec<String>>>,
    pub years: Option<Spanned<[i32; 2]>>,
    pub sources: Spanned<Vec<String>>,
    #[serde(default = "yes")]
    pub calendar: bool,
    pub inherits: Option<String>,
    #[serde(default)]
    pub checked: Option<String>,
    #[serde(default)]
    pub as_of: Option<Spanned<Datetime>>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub estimated_years: Option<Spanned<[i32; 2]>>,
}

fn yes() -> bool {
    true
}

/// `[[subdivision]]`: a calendar that inherits the country's (or another's).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SubdivisionToml {
    pub code: Spanned<String>,
    pub name: String,
    pub time_zone: Option<Spanned<String>>,
    pub weekend: Option<Spanned<Vec<String>>>,
    pub years: Option<Spanned<[i32; 2]>>,
    pub inherits: Option<String>,
    #[serde(default)]
    pub remove: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub holiday: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    pub working_day: Vec<Spanned<WorkingDayToml>>,
    #[serde(default)]
    pub weekend_change: Vec<Spanned<WeekendChangeToml>>,
    #[serde(default)]
    pub estimated_years: Option<Spanned<[i32; 2]>>,
    #[serde(default)]
    pub estimate: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    pub known_through: Vec<Spanned<KnownThroughToml>>,
}

/// `[[holiday]]` and `[[estimate]]`: one rule.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HolidayToml {
    pub name: Spanned<String>,
    #[serde(default)]
    pub local_name: Option<String>,
    pub month: Option<Spanned<u32>>,
    pub day: Option<Spanned<u32>>,
    pub weekday: Option<Spanned<String>>,
    pub nth: Option<Spanned<i32>>,
    pub easter: Option<Spanned<i32>>,
    pub orthodox_easter: Option<Spanned<i32>>,
    pub date: Option<Spanned<Datetime>>,
    pub dates: Option<Spanned<Vec<Spanned<Datetime>>>>,
    pub offset: Option<Spanned<i32>>,
    pub first_year: Option<Spanned<i32>>,
    pub last_year: Option<Spanned<i32>>,
    #[serde(default)]
    pub except_years: Vec<i32>,
    #[serde(rename = "move")]
    pub moved: Option<Spanned<WeekdayTable<String>>>,
    pub observed: Option<Spanned<ObservedToml>>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// `"march"` or `"september"`: the date of that equinox, with `utc_offset`.
    pub equinox: Option<Spanned<String>>,
    /// For `equinox`: the law's standard time, `"+09:00"`.
    pub utc_offset: Option<Spanned<String>>,
    /// `true`: every day between two holidays (Japan's citizens' holiday).
    pub between_holidays: Option<Spanned<bool>>,
    /// Weekdays the rule gives no date on; for `between_holidays`, weekdays it never applies
    /// to (`["sun"]`).
    pub skip_weekdays: Option<Spanned<Vec<String>>>,
    /// In force every `every` years from `first_year` on (`every = 6`).
    pub every: Option<Spanned<i32>>,
    pub hebrew: Option<Spanned<HebrewToml>>,
    pub lunisolar: Option<Spanned<LunisolarToml>>,
    pub solar_term: Option<Spanned<SolarTermToml>>,
    pub islamic: Option<Spanned<IslamicToml>>,
    pub election: Option<Spanned<ElectionToml>>,
    pub hindu: Option<Spanned<HinduToml>>,
    /// The name of a holiday this one replaces in the years that one falls on a weekend day.
    pub replaces_on_weekend: Option<Spanned<String>>,
}

/// `hindu = { month = "ashvin", tithi = 30, at = "sunset", latitude = 28.61,
/// longitude = 77.21, utc_offset = "+05:30" }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HinduToml {
    pub month: String,
    pub tithi: u32,
    pub at: String,
    pub latitude: f64,
    pub longitude: f64,
    pub utc_offset: String,
}

/// `hebrew = { month = "iyar", day = 5, moves = { fri = -1, sat = -2 } }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HebrewToml {
    pub month: String,
    pub day: u32,
    #[serde(default)]
    pub moves: Option<WeekdayTable<i32>>,
}

/// `lunisolar = { month = 8, day = 15, calendar = "korean", leap = false }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LunisolarToml {
    pub month: u32,
    pub day: u32,
    #[serde(default)]
    pub leap: bool,
    pub calendar: Option<String>,
}

/// `solar_term = { longitude = 15, calendar = "chinese" }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SolarTermToml {
    pub longitude: u32,
    pub calendar: Option<String>,
}

/// `election = { term_end = 2030-06-03, term_years = 5, days_before = 70, weekday = "wed",
/// avoid_holidays = true }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ElectionToml {
    pub term_end: Datetime,
    pub term_years: u32,
    pub days_before: u32,
    pub weekday: String,
    #[serde(default)]
    pub avoid_holidays: bool,
}

/// `islamic = { month = 10, day = 1 }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct IslamicToml {
    pub month: u32,
    pub day: u32,
}

/// `observed = "sat_fri_sun_mon"`, or a table `{ sat = "previous", sun = "next" }`.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum ObservedToml {
    Preset(String),
    Table(WeekdayTable<String, Overlap>),
}

/// An observed rule's table also says where a holiday goes that coincides with another.
pub(super) struct Overlap;

impl ExtraKey for Overlap {
    const NAME: Option<&'static str> = Some("overlap");
    const KEYS: &'static [&'static str] =
        &["mon", "tue", "wed", "thu", "fri", "sat", "sun", "overlap"];
}

/// `[[working_day]]`: weekend days declared working.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkingDayToml {
    pub name: String,
    pub date: Option<Spanned<Datetime>>,
    pub dates: Option<Vec<Spanned<Datetime>>>,
    #[serde(default)]
    pub source: Option<String>,
}

/// `[[weekend_change]]`: a new weekend from a date on.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WeekendChangeToml {
    pub from: Spanned<Datetime>,
    pub weekend: Spanned<Vec<String>>,
    #[serde(default)]
    pub source: Option<String>,
}
