//! Reading holiday files: TOML text into calendar definitions, with errors that name the file,
//! the line and the column.
//!
//! The format is documented with a worked example in `holidays/README.md`.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday, WeekdaySet};
use chrono_tz::Tz;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::equinox::Equinox;
use super::lunisolar::Lunisolar;
use super::rule::{DateRule, Move, MoveTo, Observance, Rule, Shift};
use super::{hebrew, hindu};
use crate::{Error, WorkingDay};

/// One calendar as a file defines it, before inheritance is resolved.
#[derive(Clone, Debug)]
pub(crate) struct CalendarDef {
    pub id: String,
    pub name: String,
    /// Where it is defined, for messages: `holidays/us.toml:3`.
    pub origin: String,
    pub file: Arc<SourceFile>,
    pub time_zone: Option<Tz>,
    pub weekend: Option<WeekdaySet>,
    pub years: Option<(i32, i32)>,
    pub inherits: Option<String>,
    pub remove: Vec<(String, String)>,
    pub rules: Vec<Rule>,
    pub working_days: Vec<WorkingDay>,
    pub weekend_changes: Vec<(NaiveDate, WeekdaySet)>,
    pub sources: Vec<String>,
    /// False for a country that is only a base for its subdivisions.
    pub listed: bool,
    /// The years after the covered ones for which estimates can be computed (`estimated_years`).
    pub estimated_years: Option<(i32, i32)>,
    /// The rules used only in estimated years (`[[estimate]]`).
    pub estimates: Vec<Rule>,
    /// What was checked against what (`checked`), for `slacal calendars`.
    pub checked: Option<String>,
    /// When it was checked (`as_of`).
    pub as_of: Option<NaiveDate>,
    /// Kinds of holiday known only up to a year (`[[known_through]]`).
    pub known_through: Vec<KnownThrough>,
    /// True for a definition shipped with the library (set by the registry).
    pub builtin: bool,
}

/// A kind of holiday that a calendar knows only up to a year, although its covered years go
/// on: election days that are set by proclamation, for example. Shown by `slacal calendars`.
///
/// # Example
///
/// ```
/// let registry = slacal::Registry::builtin()?;
/// let infos = registry.infos()?;
/// let za = infos.iter().find(|info| info.id == "ZA").unwrap();
/// let elections = &za.known_through[0];
/// assert!(elections.holidays.contains("election"));
/// assert!(elections.year < za.last_year);
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownThrough {
    /// What kind of holiday: `election days`.
    pub holidays: String,
    /// The last year for which every holiday of that kind is in the data.
    pub year: i32,
    /// Why that year: the law or notice that sets the next one.
    pub source: String,
}

/// A holiday file's text.
#[derive(Debug)]
pub(crate) struct SourceFile {
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileToml {
    country: Spanned<CountryToml>,
    #[serde(default)]
    holiday: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    working_day: Vec<Spanned<WorkingDayToml>>,
    #[serde(default)]
    weekend_change: Vec<Spanned<WeekendChangeToml>>,
    #[serde(default)]
    subdivision: Vec<Spanned<SubdivisionToml>>,
    #[serde(default)]
    estimate: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    known_through: Vec<Spanned<KnownThroughToml>>,
}

/// `[[known_through]]`: a kind of holiday known only up to a year.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KnownThroughToml {
    holidays: String,
    year: i32,
    source: String,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryToml {
    code: String,
    name: String,
    /// Required unless the calendar inherits another (then the parent's).
    time_zone: Option<String>,
    weekend: Option<Vec<String>>,
    years: Option<[i32; 2]>,
    sources: Vec<String>,
    #[serde(default = "yes")]
    calendar: bool,
    inherits: Option<String>,
    #[serde(default)]
    checked: Option<String>,
    #[serde(default)]
    as_of: Option<Datetime>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    estimated_years: Option<[i32; 2]>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubdivisionToml {
    code: String,
    name: String,
    time_zone: Option<String>,
    weekend: Option<Vec<String>>,
    years: Option<[i32; 2]>,
    inherits: Option<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    holiday: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    working_day: Vec<Spanned<WorkingDayToml>>,
    #[serde(default)]
    weekend_change: Vec<Spanned<WeekendChangeToml>>,
    #[serde(default)]
    estimated_years: Option<[i32; 2]>,
    #[serde(default)]
    estimate: Vec<Spanned<HolidayToml>>,
    #[serde(default)]
    known_through: Vec<Spanned<KnownThroughToml>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayToml {
    name: String,
    #[serde(default)]
    local_name: Option<String>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<String>,
    nth: Option<i32>,
    easter: Option<i32>,
    orthodox_easter: Option<i32>,
    date: Option<Datetime>,
    dates: Option<Vec<Datetime>>,
    #[serde(default)]
    offset: i32,
    first_year: Option<i32>,
    last_year: Option<i32>,
    #[serde(default)]
    except_years: Vec<i32>,
    #[serde(rename = "move")]
    moved: Option<MoveTable>,
    observed: Option<ObservedToml>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: Option<String>,
    /// `"march"` or `"september"`: the date of that equinox, with `utc_offset`.
    equinox: Option<String>,
    /// For `equinox`: the law's standard time, `"+09:00"`.
    utc_offset: Option<String>,
    /// `true`: every day between two holidays (Japan's citizens' holiday).
    between_holidays: Option<bool>,
    /// For `between_holidays`: weekdays it never applies to (`["sun"]`).
    skip_weekdays: Option<Vec<String>>,
    /// In force every `every` years from `first_year` on (`every = 6`).
    every: Option<i32>,
    hebrew: Option<HebrewToml>,
    lunisolar: Option<LunisolarToml>,
    solar_term: Option<SolarTermToml>,
    islamic: Option<IslamicToml>,
    election: Option<ElectionToml>,
    hindu: Option<HinduToml>,
    /// The name of a holiday this one replaces in the years that one falls on a weekend day.
    replaces_on_weekend: Option<String>,
}

/// `hindu = { month = "ashvin", tithi = 30, at = "sunset", latitude = 28.61,
/// longitude = 77.21, utc_offset = "+05:30" }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HinduToml {
    month: String,
    tithi: u32,
    at: String,
    latitude: f64,
    longitude: f64,
    utc_offset: String,
}

/// `hebrew = { month = "iyar", day = 5, moves = { fri = -1, sat = -2 } }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HebrewToml {
    month: String,
    day: u32,
    #[serde(default)]
    moves: Option<MovesToml>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MovesToml {
    mon: Option<i32>,
    tue: Option<i32>,
    wed: Option<i32>,
    thu: Option<i32>,
    fri: Option<i32>,
    sat: Option<i32>,
    sun: Option<i32>,
}

/// `lunisolar = { month = 8, day = 15, calendar = "korean", leap = false }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LunisolarToml {
    month: u32,
    day: u32,
    #[serde(default)]
    leap: bool,
    calendar: Option<String>,
}

/// `solar_term = { longitude = 15, calendar = "chinese" }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SolarTermToml {
    longitude: u32,
    calendar: Option<String>,
}

/// `election = { term_end = 2030-06-03, term_years = 5, days_before = 70, weekday = "wed",
/// avoid_holidays = true }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ElectionToml {
    term_end: Datetime,
    term_years: u32,
    days_before: u32,
    weekday: String,
    #[serde(default)]
    avoid_holidays: bool,
}

/// `islamic = { month = 10, day = 1 }`
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IslamicToml {
    month: u32,
    day: u32,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ObservedToml {
    Preset(String),
    Table(ObservedTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ObservedTable {
    mon: Option<String>,
    tue: Option<String>,
    wed: Option<String>,
    thu: Option<String>,
    fri: Option<String>,
    sat: Option<String>,
    sun: Option<String>,
    overlap: Option<String>,
}

/// `move = { sat = "next_mon", ... }`: where the holiday moves from each weekday.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveTable {
    mon: Option<String>,
    tue: Option<String>,
    wed: Option<String>,
    thu: Option<String>,
    fri: Option<String>,
    sat: Option<String>,
    sun: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WorkingDayToml {
    name: String,
    date: Option<Datetime>,
    dates: Option<Vec<Datetime>>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WeekendChangeToml {
    from: Datetime,
    weekend: Vec<String>,
    #[serde(default)]
    source: Option<String>,
}

/// Where a byte offset of a text is, as `line:column` (both from 1).
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses one holiday file into its calendar definitions.
pub(crate) fn parse_file(path: &str, text: String) -> Result<Vec<CalendarDef>, Error> {
    let file = Arc::new(SourceFile { text });
    let at = |offset: usize| {
        let (line, column) = line_column(&file.text, offset);
        format!("{path}:{line}:{column}")
    };
    let parsed: FileToml = toml::from_str(&file.text).map_err(|err| {
        let place = err
            .span()
            .map_or_else(|| path.to_owned(), |span| at(span.start));
        Error::data(err.message().trim().replace('\n', "; ")).context(place)
    })?;

    let country_at = at(parsed.country.span().start);
    let country = parsed.country.into_inner();
    let within = |what: &str| format!("{country_at}: {what}");
    // An inheriting calendar takes its zone, weekend and years from its parent unless it sets
    // them; any other needs all three.
    let required = |key: &str, example: &str| {
        Error::data(format!(
            "`{key}` is missing (give it, like `{key} = {example}`, or inherit it from \
             another calendar with `inherits`)"
        ))
        .context(within("country"))
    };
    if country.inherits.is_none() {
        if country.time_zone.is_none() {
            return Err(required("time_zone", "\"Europe/Paris\""));
        }
        if country.weekend.is_none() {
            return Err(required("weekend", "[\"sat\", \"sun\"]"));
        }
        if country.years.is_none() {
            return Err(required("years", "[2000, 2199]"));
        }
    }
    let country_def = CalendarDef {
        id: check_id(&country.code).map_err(|e| e.context(within("country")))?,
        name: country.name,
        origin: country_at.clone(),
        file: file.clone(),
        time_zone: country
            .time_zone
            .as_deref()
            .map(parse_zone)
            .transpose()
            .map_err(|e| e.context(within("country")))?,
        weekend: country
            .weekend
            .as_deref()
            .map(parse_weekdays)
            .transpose()
            .map_err(|e| e.context(within("weekend")))?,
        years: country
            .years
            .map(check_years)
            .transpose()
            .map_err(|e| e.context(within("years")))?,
        inherits: country.inherits,
        remove: Vec::new(),
        rules: parse_rules(&parsed.holiday, &at)?,
        working_days: parse_working_days(&parsed.working_day, &at)?,
        weekend_changes: parse_weekend_changes(&parsed.weekend_change, &at)?,
        sources: non_empty_sources(country.sources).map_err(|e| e.context(within("sources")))?,
        listed: country.calendar,
        estimated_years: match (country.estimated_years, country.years) {
            (None, _) => None,
            (Some(estimated), Some(years)) => Some(
                check_estimated_years(estimated, years)
                    .map_err(|e| e.context(within("estimated_years")))?,
            ),
            (Some(_), None) => {
                return Err(Error::data(
                    "`estimated_years` needs the calendar's own `years` (the announced ones)",
                )
                .context(within("estimated_years")));
            }
        },
        estimates: parse_rules(&parsed.estimate, &at)?,
        checked: country.checked,
        as_of: country
            .as_of
            .as_ref()
            .map(date_part)
            .transpose()
            .map_err(|e| e.context(within("as_of")))?,
        known_through: parse_known_through(&parsed.known_through, &at)?,
        builtin: false,
    };
    if !country_def.estimates.is_empty() && country_def.estimated_years.is_none() {
        return Err(Error::data(
            "`[[estimate]]` rules need `estimated_years` in `[country]` (the years they estimate)",
        )
        .context(within("estimate")));
    }
    check_replacements(&country_def)?;
    let _ = country.notes;

    let mut defs = vec![country_def];
    for sub in parsed.subdivision {
        let sub_at = at(sub.span().start);
        let within = |what: &str| format!("{sub_at}: subdivision: {what}");
        let remove_at = sub_at.clone();
        let sub = sub.into_inner();
        let id = check_id(&sub.code).map_err(|e| e.context(within("code")))?;
        let def = CalendarDef {
            name: sub.name,
            origin: sub_at.clone(),
            file: file.clone(),
            time_zone: sub
                .time_zone
                .as_deref()
                .map(parse_zone)
                .transpose()
                .map_err(|e| e.context(within(&id)))?,
            weekend: sub
                .weekend
                .as_deref()
                .map(parse_weekdays)
                .transpose()
                .map_err(|e| e.context(within(&id)))?,
            years: sub
                .years
                .map(check_years)
                .transpose()
                .map_err(|e| e.context(within(&id)))?,
            inherits: Some(sub.inherits.unwrap_or_else(|| defs[0].id.clone())),
            remove: sub
                .remove
                .into_iter()
                .map(|name| (name, remove_at.clone()))
                .collect(),
            rules: parse_rules(&sub.holiday, &at)?,
            working_days: parse_working_days(&sub.working_day, &at)?,
            weekend_changes: parse_weekend_changes(&sub.weekend_change, &at)?,
            sources: sub.sources,
            listed: true,
            estimated_years: match (sub.estimated_years, sub.years) {
                (None, _) => None,
                (Some(estimated), Some(years)) => Some(
                    check_estimated_years(estimated, years)
                        .map_err(|e| e.context(within("estimated_years")))?,
                ),
                (Some(_), None) => {
                    return Err(Error::data(
                        "`estimated_years` needs the subdivision's own `years` (the announced ones)",
                    )
                    .context(within(&id)));
                }
            },
            estimates: parse_rules(&sub.estimate, &at)?,
            checked: None,
            as_of: None,
            known_through: parse_known_through(&sub.known_through, &at)?,
            builtin: false,
            id,
        };
        if !def.estimates.is_empty() && def.estimated_years.is_none() {
            return Err(Error::data(
                "`[[subdivision.estimate]]` rules need `estimated_years` in the subdivision",
            )
            .context(within(&def.id)));
        }
        check_replacements(&def)?;
        let _ = sub.notes;
        defs.push(def);
    }
    Ok(defs)
}

/// Every `replaces_on_weekend` names a holiday of the same calendar definition.
fn check_replacements(def: &CalendarDef) -> Result<(), Error> {
    let rules = || def.rules.iter().chain(&def.estimates);
    for rule in rules() {
        if let Some(other) = &rule.replaces_on_weekend
            && !rules().any(|r| r.name == *other)
        {
            return Err(Error::data(format!(
                "holiday `{}`: `replaces_on_weekend` names `{other}`, which calendar `{}` does \
                 not define",
                rule.name, def.id
            ))
            .context(def.origin.clone()));
        }
    }
    Ok(())
}

/// `[[known_through]]` entries.
fn parse_known_through(
    entries: &[Spanned<KnownThroughToml>],
    at: &impl Fn(usize) -> String,
) -> Result<Vec<KnownThrough>, Error> {
    entries
        .iter()
        .map(|entry| {
            let known = entry.get_ref();
            let _ = &known.note;
            let context = || {
                format!(
                    "{}: known_through `{}`",
                    at(entry.span().start),
                    known.holidays
                )
            };
            if known.holidays.trim().is_empty() {
                return Err(Error::data(
                    "`holidays` is empty (say which kind of holiday, like \"election days\")",
                )
                .context(at(entry.span().start)));
            }
            if known.source.trim().is_empty() {
                return Err(Error::data(
                    "`source` is empty (name the law or notice that sets the next one)",
                )
                .context(context()));
            }
            if !(crate::date32::MIN_YEAR..=crate::date32::MAX_YEAR).contains(&known.year) {
                return Err(crate::date32::out_of_range_year(known.year).context(context()));
            }
            Ok(KnownThrough {
                holidays: known.holidays.trim().to_owned(),
                year: known.year,
                source: known.source.trim().to_owned(),
            })
        })
        .collect()
}

/// The date of a TOML date or date-time (`as_of = 2026-11-22`).
fn date_part(value: &Datetime) -> Result<NaiveDate, Error> {
    match value.date {
        Some(date) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        )
        .ok_or_else(|| Error::data(format!("`{value}` is not a date"))),
        None => Err(Error::data(format!(
            "`{value}` is not a date (write it as YYYY-MM-DD)"
        ))),
    }
}

fn check_id(id: &str) -> Result<String, Error> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(id.to_owned())
    } else {
        Err(Error::data(format!(
            "calendar id `{id}` must be made of capital letters, digits, `-` and `_` (like `US` or `GB-ENG`)"
        )))
    }
}

fn parse_zone(name: &str) -> Result<Tz, Error> {
    name.parse::<Tz>().map_err(|_| {
        Error::data(format!(
            "unknown time zone `{name}` (expected an IANA name such as `America/New_York`)"
        ))
    })
}

fn check_years([first, last]: [i32; 2]) -> Result<(i32, i32), Error> {
    let range = crate::date32::MIN_YEAR..=crate::date32::MAX_YEAR;
    for year in [first, last] {
        if !range.contains(&year) {
            return Err(crate::date32::out_of_range_year(year));
        }
    }
    if first > last {
        return Err(Error::data(format!(
            "first year {first} is after last year {last}"
        )));
    }
    Ok((first, last))
}

/// Estimated years start the year after the covered ones.
fn check_estimated_years(
    [first, last]: [i32; 2],
    [_, covered_last]: [i32; 2],
) -> Result<(i32, i32), Error> {
    let (first, last) = check_years([first, last])?;
    if first != covered_last + 1 {
        return Err(Error::data(format!(
            "estimated years start in {first}, but must start the year after the covered years \
             end ({})",
            covered_last + 1
        )));
    }
    Ok((first, last))
}

fn non_empty_sources(sources: Vec<String>) -> Result<Vec<String>, Error> {
    if sources.iter().any(|s| !s.trim().is_empty()) {
        Ok(sources)
    } else {
        Err(Error::data(
            "a holiday file must name its sources (the statute, the official page)",
        ))
    }
}

/// Parses a weekday name: `mon`, `monday`, `Mon`…
pub(crate) fn parse_weekday(name: &str) -> Result<Weekday, Error> {
    name.parse::<Weekday>().map_err(|_| {
        Error::data(format!(
            "unknown weekday `{name}` (expected mon, tue, wed, thu, fri, sat or sun)"
        ))
    })
}

fn parse_weekdays(names: &[String]) -> Result<WeekdaySet, Error> {
    let mut set = WeekdaySet::EMPTY;
    for name in names {
        set.insert(parse_weekday(name)?);
    }
    Ok(set)
}

fn to_date(value: &Datetime) -> Result<NaiveDate, Error> {
    match (value.date, value.time, value.offset) {
        (Some(date), None, None) => {
            let date32 = crate::date32::from_ymd(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )?;
            crate::date32::to_naive(date32)
        }
        _ => Err(Error::data(format!(
            "`{value}` is not a plain date (write it as YYYY-MM-DD, without a time)"
        ))),
    }
}

fn parse_rules(
    entries: &[Spanned<HolidayToml>],
    at: &impl Fn(usize) -> String,
) -> Result<Vec<Rule>, Error> {
    entries
        .iter()
        .map(|entry| {
            let holiday = entry.get_ref();
            parse_rule(holiday).map_err(|err| {
                err.context(format!("holiday `{}`", holiday.name))
                    .context(at(entry.span().start))
            })
        })
        .collect()
}

fn parse_rule(h: &HolidayToml) -> Result<Rule, Error> {
    let _ = (&h.local_name, &h.source, &h.note);
    if h.name.trim().is_empty() {
        return Err(Error::data("the name is empty"));
    }
    let kinds = [
        h.month.is_some() || h.day.is_some() || h.weekday.is_some() || h.nth.is_some(),
        h.easter.is_some(),
        h.orthodox_easter.is_some(),
        h.date.is_some(),
        h.dates.is_some(),
        h.equinox.is_some(),
        h.between_holidays.is_some(),
        h.hebrew.is_some(),
        h.lunisolar.is_some(),
        h.solar_term.is_some(),
        h.islamic.is_some(),
        h.election.is_some(),
        h.hindu.is_some(),
    ];
    if kinds.iter().filter(|&&k| k).count() != 1 {
        return Err(Error::data(
            "give exactly one way to find the date: `month` and `day` (with `weekday` and \
             `nth` for a weekday rule), `easter`, `orthodox_easter`, `date`, `dates`, \
             `equinox`, `between_holidays`, `hebrew`, `lunisolar`, `solar_term`, `islamic`, \
             `hindu` or `election`",
        ));
    }
    if h.utc_offset.is_some() && h.equinox.is_none() {
        return Err(Error::data("`utc_offset` is only for an `equinox` rule"));
    }
    let date = if let Some(rule) = calendar_rule(h)? {
        rule
    } else if let Some(election) = &h.election {
        if h.offset != 0 || h.observed.is_some() || h.moved.is_some() || h.skip_weekdays.is_some() {
            return Err(Error::data(
                "an `election` rule takes no `offset`, `move`, `skip_weekdays` or `observed` \
                 rule (its own `avoid_holidays` moves it)",
            ));
        }
        parse_election(election)?
    } else if let Some(name) = &h.equinox {
        parse_equinox(name, h.utc_offset.as_deref())?
    } else if let Some(between) = h.between_holidays {
        if !between {
            return Err(Error::data(
                "`between_holidays = false` means nothing: remove it, or set it to true",
            ));
        }
        if h.offset != 0 || h.observed.is_some() {
            return Err(Error::data(
                "a `between_holidays` rule takes no `offset` and no `observed` rule",
            ));
        }
        DateRule::BetweenHolidays {
            skip: parse_weekdays(h.skip_weekdays.as_deref().unwrap_or_default())?,
        }
    } else if let Some(offset) = h.easter {
        DateRule::Easter { offset }
    } else if let Some(offset) = h.orthodox_easter {
        DateRule::OrthodoxEaster { offset }
    } else if let Some(date) = &h.date {
        DateRule::Dates(vec![to_date(date)?])
    } else if let Some(dates) = &h.dates {
        if dates.is_empty() {
            return Err(Error::data("`dates` is empty"));
        }
        DateRule::Dates(dates.iter().map(to_date).collect::<Result<_, _>>()?)
    } else {
        let month = h.month.ok_or_else(|| Error::data("`month` is missing"))?;
        if !(1..=12).contains(&month) {
            return Err(Error::data(format!(
                "month {month} is out of range (1..=12)"
            )));
        }
        // 2000 is a leap year: 29 February is a valid fixed date.
        let max_day = crate::date32::days_in_month(2000, month);
        if let Some(day) = h.day
            && !(1..=max_day).contains(&day)
        {
            return Err(Error::data(format!(
                "day {day} is out of range for month {month} (1..={max_day})"
            )));
        }
        match (&h.weekday, h.nth) {
            (None, None) => DateRule::Fixed {
                month,
                day: h.day.ok_or_else(|| Error::data("`day` is missing"))?,
            },
            (Some(weekday), Some(nth)) => {
                if nth == 0 || !(-5..=5).contains(&nth) {
                    return Err(Error::data(format!(
                        "nth {nth} is out of range (1..=5 from the start, -1..=-5 from the end)"
                    )));
                }
                DateRule::Weekday {
                    month,
                    day: h.day,
                    weekday: parse_weekday(weekday)?,
                    nth,
                }
            }
            _ => return Err(Error::data("a weekday rule needs both `weekday` and `nth`")),
        }
    };
    let years = crate::date32::MIN_YEAR..=crate::date32::MAX_YEAR;
    for year in [h.first_year, h.last_year].into_iter().flatten() {
        if !years.contains(&year) {
            return Err(crate::date32::out_of_range_year(year));
        }
    }
    if let (Some(first), Some(last)) = (h.first_year, h.last_year)
        && first > last
    {
        return Err(Error::data(format!(
            "first_year {first} is after last_year {last}"
        )));
    }
    if h.offset.abs() > 366 {
        return Err(Error::data(format!(
            "offset {} is out of range (-366..=366 days)",
            h.offset
        )));
    }
    let mut except_years = h.except_years.clone();
    if let Some(every) = h.every {
        except_years.extend(off_cycle_years(every, h.first_year, h.last_year)?);
    }
    Ok(Rule {
        name: Arc::from(h.name.trim()),
        date,
        offset: h.offset,
        first_year: h.first_year,
        last_year: h.last_year,
        except_years,
        moved: h.moved.as_ref().map_or(Ok(Move::NONE), parse_move_table)?,
        // For a `between_holidays` rule the weekdays are part of its date rule.
        skip_weekdays: match (&h.skip_weekdays, h.between_holidays) {
            (Some(names), None) => parse_weekdays(names)?,
            _ => WeekdaySet::EMPTY,
        },
        replaces_on_weekend: match h.replaces_on_weekend.as_deref().map(str::trim) {
            None => None,
            Some("") => return Err(Error::data("`replaces_on_weekend` names no holiday")),
            Some(name) if name == h.name.trim() => {
                return Err(Error::data(
                    "`replaces_on_weekend` names the holiday itself; name the holiday it replaces",
                ));
            }
            Some(name) => Some(Arc::from(name)),
        },
        observed: match &h.observed {
            None => Observance::NONE,
            Some(ObservedToml::Preset(name)) => Observance::preset(name).ok_or_else(|| {
                Error::data(format!(
                    "unknown observed rule `{name}` (expected none, sat_fri_sun_mon, sun_mon, \
                     next_free_weekday, sun_next_free, or a table such as \
                     {{ sat = \"previous\", sun = \"next\" }})"
                ))
            })?,
            Some(ObservedToml::Table(table)) => parse_observed_table(table)?,
        },
    })
}

/// An `equinox` rule: `"march"` or `"september"`, with its `utc_offset` (`"+09:00"`).
fn parse_equinox(name: &str, utc_offset: Option<&str>) -> Result<DateRule, Error> {
    let equinox = match name {
        "march" => Equinox::March,
        "september" => Equinox::September,
        _ => {
            return Err(Error::data(format!(
                "unknown equinox `{name}` (expected march or september)"
            )));
        }
    };
    let text = utc_offset.ok_or_else(|| {
        Error::data(
            "an `equinox` rule needs `utc_offset`, the law's standard time (Japan: \"+09:00\")",
        )
    })?;
    Ok(DateRule::Equinox {
        equinox,
        utc_offset_seconds: parse_utc_offset(text)?,
    })
}

/// A `utc_offset`: `"+09:00"`, `"-03:30"`, within ±14:59.
fn parse_utc_offset(text: &str) -> Result<i32, Error> {
    let bad = || {
        Error::data(format!(
            "utc_offset `{text}` is not an offset from UTC (expected ±HH:MM, like \"+09:00\")"
        ))
    };
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'+') => (1, &text[1..]),
        Some(b'-') => (-1, &text[1..]),
        _ => return Err(bad()),
    };
    let (hours, minutes) = rest.split_once(':').ok_or_else(bad)?;
    let two_digits = |part: &str| -> Result<i32, Error> {
        if part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let (hours, minutes) = (two_digits(hours)?, two_digits(minutes)?);
    if hours > 14 || minutes > 59 {
        return Err(bad());
    }
    Ok(sign * (hours * 3600 + minutes * 60))
}

/// A `hindu` rule: a month, a tithi, a moment of the day and a place.
fn parse_hindu(rule: &HinduToml) -> Result<DateRule, Error> {
    let month = hindu::MONTHS
        .iter()
        .position(|name| *name == rule.month)
        .ok_or_else(|| {
            Error::data(format!(
                "unknown Hindu month `{}` (expected {})",
                rule.month,
                hindu::MONTHS.join(", ")
            ))
        })?;
    if !(1..=30).contains(&rule.tithi) {
        return Err(Error::data(format!(
            "tithi {} is out of range (1..=30: 1-15 the bright half, 16-30 the dark half)",
            rule.tithi
        )));
    }
    let at = hindu::TimeOfDay::from_name(&rule.at).ok_or_else(|| {
        Error::data(format!(
            "unknown moment of the day `{}` (expected sunrise, noon, afternoon, sunset or \
             midnight)",
            rule.at
        ))
    })?;
    if !(rule.latitude.is_finite() && rule.latitude.abs() <= 66.0) {
        return Err(Error::data(format!(
            "latitude {} is out of range (-66..=66 degrees: the sun must rise and set every day)",
            rule.latitude
        )));
    }
    if !(rule.longitude.is_finite() && rule.longitude.abs() <= 180.0) {
        return Err(Error::data(format!(
            "longitude {} is out of range (-180..=180 degrees)",
            rule.longitude
        )));
    }
    Ok(DateRule::Hindu(hindu::Festival {
        // The position of one of 12 names.
        month: month as u32 + 1,
        tithi: rule.tithi,
        at,
        place: hindu::Place {
            latitude: rule.latitude,
            longitude: rule.longitude,
            utc_offset_seconds: parse_utc_offset(&rule.utc_offset)?,
        },
    }))
}

/// An `election` rule: a term end, a term length, a number of days and a weekday.
fn parse_election(election: &ElectionToml) -> Result<DateRule, Error> {
    let term_end = to_date(&election.term_end)?;
    if term_end.month() == 2 && term_end.day() == 29 {
        return Err(Error::data(
            "an election's `term_end` on 29 February has no date in most years: give the day \
             the law makes the term end in a common year",
        ));
    }
    if !(1..=20).contains(&election.term_years) {
        return Err(Error::data(format!(
            "term_years {} is out of range (1..=20)",
            election.term_years
        )));
    }
    if election.days_before > 366 {
        return Err(Error::data(format!(
            "days_before {} is out of range (0..=366)",
            election.days_before
        )));
    }
    Ok(DateRule::Election {
        term_end,
        term_years: election.term_years,
        days_before: election.days_before,
        weekday: parse_weekday(&election.weekday)?,
        avoid_holidays: election.avoid_holidays,
    })
}

/// The years of `first..=last` (or the end of the supported range) that are not on a cycle of
/// `every` years counted from `first`.
fn off_cycle_years(every: i32, first: Option<i32>, last: Option<i32>) -> Result<Vec<i32>, Error> {
    let first = first
        .ok_or_else(|| Error::data("`every` needs `first_year`, the first year of the cycle"))?;
    if !(2..=100).contains(&every) {
        return Err(Error::data(format!(
            "every {every} is out of range (2..=100 years)"
        )));
    }
    let last = last.unwrap_or(crate::date32::MAX_YEAR);
    Ok((first..=last)
        .filter(|year| (year - first) % every != 0)
        .collect())
}

/// The rules of the non-Gregorian calendars: `hebrew`, `lunisolar`, `solar_term`, `islamic`.
fn calendar_rule(h: &HolidayToml) -> Result<Option<DateRule>, Error> {
    let day_in = |day: u32, max: u32| {
        if (1..=max).contains(&day) {
            Ok(day)
        } else {
            Err(Error::data(format!(
                "day {day} is out of range (1..={max})"
            )))
        }
    };
    let lunisolar_calendar = |name: &Option<String>| match name.as_deref() {
        None => Ok(Lunisolar::Chinese),
        Some(name) => Lunisolar::from_name(name).ok_or_else(|| {
            Error::data(format!(
                "unknown lunisolar calendar `{name}` (expected `chinese` or `korean`)"
            ))
        }),
    };
    if let Some(rule) = &h.hebrew {
        let month = hebrew::month_from_name(&rule.month).ok_or_else(|| {
            Error::data(format!(
                "unknown Hebrew month `{}` (expected nisan, iyar, sivan, tammuz, av, elul, \
                 tishri, heshvan, kislev, tevet, shevat, adar or adar_ii)",
                rule.month
            ))
        })?;
        let mut moves = [0; 7];
        if let Some(m) = &rule.moves {
            for (index, shift) in [m.mon, m.tue, m.wed, m.thu, m.fri, m.sat, m.sun]
                .into_iter()
                .enumerate()
            {
                let shift = shift.unwrap_or(0);
                if !(-6..=6).contains(&shift) {
                    return Err(Error::data(format!(
                        "move {shift} is out of range (-6..=6 days)"
                    )));
                }
                moves[index] = shift;
            }
        }
        return Ok(Some(DateRule::Hebrew {
            month,
            day: day_in(rule.day, 30)?,
            moves,
        }));
    }
    if let Some(rule) = &h.lunisolar {
        if !(1..=12).contains(&rule.month) {
            return Err(Error::data(format!(
                "lunisolar month {} is out of range (1..=12)",
                rule.month
            )));
        }
        return Ok(Some(DateRule::Lunisolar {
            calendar: lunisolar_calendar(&rule.calendar)?,
            month: rule.month,
            day: day_in(rule.day, 30)?,
            leap: rule.leap,
        }));
    }
    if let Some(rule) = &h.solar_term {
        if rule.longitude >= 360 {
            return Err(Error::data(format!(
                "solar longitude {} is out of range (0..360 degrees)",
                rule.longitude
            )));
        }
        return Ok(Some(DateRule::SolarTerm {
            calendar: lunisolar_calendar(&rule.calendar)?,
            longitude: rule.longitude,
        }));
    }
    if let Some(rule) = &h.hindu {
        return parse_hindu(rule).map(Some);
    }
    if let Some(rule) = &h.islamic {
        if !(1..=12).contains(&rule.month) {
            return Err(Error::data(format!(
                "Islamic month {} is out of range (1..=12)",
                rule.month
            )));
        }
        return Ok(Some(DateRule::Islamic {
            month: rule.month,
            day: day_in(rule.day, 30)?,
        }));
    }
    Ok(None)
}

fn parse_observed_table(table: &ObservedTable) -> Result<Observance, Error> {
    let shift = |text: &Option<String>| -> Result<Shift, Error> {
        match text.as_deref() {
            None | Some("none") => Ok(Shift::None),
            Some("previous") => Ok(Shift::Previous),
            Some("next") => Ok(Shift::Next),
            Some("previous_free") => Ok(Shift::PreviousFree),
            Some("next_free") => Ok(Shift::NextFree),
            Some(other) => Err(Error::data(format!(
                "unknown shift `{other}` (expected none, previous, next, previous_free or next_free)"
            ))),
        }
    };
    let mut observance = Observance::NONE;
    for (weekday, text) in [
        (Weekday::Mon, &table.mon),
        (Weekday::Tue, &table.tue),
        (Weekday::Wed, &table.wed),
        (Weekday::Thu, &table.thu),
        (Weekday::Fri, &table.fri),
        (Weekday::Sat, &table.sat),
        (Weekday::Sun, &table.sun),
    ] {
        observance.set(weekday, shift(text)?);
    }
    observance.overlap = shift(&table.overlap)?;
    Ok(observance)
}

fn parse_move_table(table: &MoveTable) -> Result<Move, Error> {
    let target = |text: &Option<String>| -> Result<Option<MoveTo>, Error> {
        let Some(text) = text.as_deref() else {
            return Ok(None);
        };
        let unknown = || {
            Error::data(format!(
                "unknown move `{text}` (expected none, or next_ or previous_ and a weekday, like \
                 `next_mon` or `previous_fri`)"
            ))
        };
        if text == "none" {
            return Ok(None);
        }
        let (direction, weekday) = text.split_once('_').ok_or_else(unknown)?;
        let weekday = parse_weekday(weekday).map_err(|_| unknown())?;
        match direction {
            "next" => Ok(Some(MoveTo::Next(weekday))),
            "previous" => Ok(Some(MoveTo::Previous(weekday))),
            _ => Err(unknown()),
        }
    };
    let mut moved = Move::NONE;
    for (weekday, text) in [
        (Weekday::Mon, &table.mon),
        (Weekday::Tue, &table.tue),
        (Weekday::Wed, &table.wed),
        (Weekday::Thu, &table.thu),
        (Weekday::Fri, &table.fri),
        (Weekday::Sat, &table.sat),
        (Weekday::Sun, &table.sun),
    ] {
        moved.set(weekday, target(text)?);
    }
    Ok(moved)
}

fn parse_working_days(
    entries: &[Spanned<WorkingDayToml>],
    at: &impl Fn(usize) -> String,
) -> Result<Vec<WorkingDay>, Error> {
    let mut out = Vec::new();
    for entry in entries {
        let w = entry.get_ref();
        let _ = &w.source;
        let context = || format!("{}: working day `{}`", at(entry.span().start), w.name);
        let dates: Vec<&Datetime> = w.date.iter().chain(w.dates.iter().flatten()).collect();
        if dates.is_empty() {
            return Err(Error::data("give `date` or `dates`").context(context()));
        }
        for date in dates {
            let date = to_date(date).map_err(|e| e.context(context()))?;
            out.push(WorkingDay::new(date, w.name.trim()));
        }
    }
    Ok(out)
}

fn parse_weekend_changes(
    entries: &[Spanned<WeekendChangeToml>],
    at: &impl Fn(usize) -> String,
) -> Result<Vec<(NaiveDate, WeekdaySet)>, Error> {
    entries
        .iter()
        .map(|entry| {
            let change = entry.get_ref();
            let _ = &change.source;
            let parsed =
                to_date(&change.from).and_then(|from| Ok((from, parse_weekdays(&change.weekend)?)));
            parsed.map_err(|e| e.context(format!("{}: weekend change", at(entry.span().start))))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<CalendarDef>, Error> {
        parse_file("holidays/xx.toml", text.to_owned())
    }

    const HEAD: &str = r#"
[country]
code = "XX"
name = "Example"
time_zone = "Europe/Paris"
weekend = ["sat", "sun"]
years = [2000, 2100]
sources = ["https://example.org/law"]
"#;

    #[test]
    fn calendar_rules_and_estimates_parse() {
        let text = HEAD.replace(
            "years = [2000, 2100]",
            "years = [2000, 2026]\nestimated_years = [2027, 2199]",
        ) + "[[holiday]]\nname = \"I\"\nhebrew = { month = \"iyar\", day = 5, moves = { fri = -1, sat = -2 } }\n\
               [[holiday]]\nname = \"C\"\nlunisolar = { calendar = \"korean\", month = 8, day = 15 }\n\
               [[holiday]]\nname = \"Q\"\nsolar_term = { longitude = 15 }\n\
               [[estimate]]\nname = \"E\"\nislamic = { month = 10, day = 1 }\n";
        let defs = parse(&text).unwrap();
        assert_eq!(defs[0].estimated_years, Some((2027, 2199)));
        assert_eq!(defs[0].estimates.len(), 1);
        assert_eq!(
            defs[0].rules[0].date,
            DateRule::Hebrew {
                month: 2,
                day: 5,
                moves: [0, 0, 0, 0, -1, -2, 0]
            }
        );
        assert_eq!(
            defs[0].rules[1].date,
            DateRule::Lunisolar {
                calendar: Lunisolar::Korean,
                month: 8,
                day: 15,
                leap: false
            }
        );
        assert_eq!(
            defs[0].rules[2].date,
            DateRule::SolarTerm {
                calendar: Lunisolar::Chinese,
                longitude: 15
            }
        );
    }

    #[test]
    fn an_inheriting_calendar_may_leave_out_zone_weekend_and_years() {
        let text = "[country]\ncode = \"ACME\"\nname = \"Acme\"\ninherits = \"US\"\n\
                    sources = [\"handbook\"]\nchecked = \"2026 against the handbook\"\n\
                    as_of = 2026-12-01\n";
        let defs = parse(text).unwrap();
        assert_eq!(
            (defs[0].time_zone, defs[0].weekend, defs[0].years),
            (None, None, None)
        );
        assert_eq!(defs[0].as_of, NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(
            defs[0].checked.as_deref(),
            Some("2026 against the handbook")
        );
        // Without `inherits` each is required, and the error says so.
        for (key, line) in [
            ("time_zone", "time_zone = \"Europe/Paris\"\n"),
            ("weekend", "weekend = [\"sat\", \"sun\"]\n"),
            ("years", "years = [2000, 2100]\n"),
        ] {
            let text = HEAD.replace(line, "");
            let err = parse(&text).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!(
                    "holidays/xx.toml:2:1: country: `{key}` is missing (give it, like `{key} = "
                )),
                "{err}"
            );
        }
    }

    #[test]
    fn known_through_parses_and_checks_its_keys() {
        let text = format!(
            "{HEAD}\n[[known_through]]\nholidays = \"election days\"\nyear = 2026\n\
             source = \"Electoral Act s. 18\"\n"
        );
        let defs = parse(&text).unwrap();
        assert_eq!(
            defs[0].known_through,
            [KnownThrough {
                holidays: "election days".to_owned(),
                year: 2026,
                source: "Electoral Act s. 18".to_owned(),
            }]
        );
        let text = format!(
            "{HEAD}\n[[known_through]]\nholidays = \"election days\"\nyear = 2026\nsource = \" \"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert_eq!(
            err,
            "holidays/xx.toml:10:1: known_through `election days`: `source` is empty (name the \
             law or notice that sets the next one)"
        );
        let text =
            format!("{HEAD}\n[[known_through]]\nholidays = \"x\"\nyear = 2300\nsource = \"s\"\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("2300"), "{err}");
        let text = format!("{HEAD}\n[[known_through]]\nholidays = \"x\"\nyear = 2026\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("missing field `source`"), "{err}");
    }

    #[test]
    fn a_small_file_parses() {
        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Day\"\nmonth = 5\nday = 1\nobserved = \"sun_mon\"\n\
             [[subdivision]]\ncode = \"XX-A\"\nname = \"A\"\nremove = [\"Day\"]\n"
        );
        let defs = parse(&text).unwrap();
        assert_eq!(defs.len(), 2);
        assert_eq!(defs[0].rules.len(), 1);
        assert_eq!(defs[1].inherits.as_deref(), Some("XX"));
    }

    #[test]
    fn equinox_between_holidays_and_every_parse() {
        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Vernal Equinox Day\"\nequinox = \"march\"\n\
             utc_offset = \"+09:00\"\n\
             [[holiday]]\nname = \"Citizens' Holiday\"\nbetween_holidays = true\nfirst_year = 1986\n\
             skip_weekdays = [\"sun\"]\n\
             [[holiday]]\nname = \"Inauguration\"\nmonth = 10\nday = 1\nfirst_year = 2024\nevery = 6\n"
        );
        let defs = parse(&text).unwrap();
        let rules = &defs[0].rules;
        assert_eq!(
            rules[0].date,
            DateRule::Equinox {
                equinox: Equinox::March,
                utc_offset_seconds: 9 * 3600
            }
        );
        assert_eq!(
            rules[1].date,
            DateRule::BetweenHolidays {
                skip: WeekdaySet::single(Weekday::Sun)
            }
        );
        let years: Vec<i32> = (2020..=2040).filter(|&y| rules[2].in_force(y)).collect();
        assert_eq!(years, [2024, 2030, 2036]);
        assert!(rules[2].in_force(2198) && !rules[2].in_force(2199));

        let west = HEAD.to_owned()
            + "\n[[holiday]]\nname = \"E\"\nequinox = \"september\"\nutc_offset = \"-03:30\"\n";
        let defs = parse(&west).unwrap();
        assert_eq!(
            defs[0].rules[0].date,
            DateRule::Equinox {
                equinox: Equinox::September,
                utc_offset_seconds: -(3 * 3600 + 30 * 60)
            }
        );
    }

    #[test]
    fn an_election_rule_parses_and_checks_its_fields() {
        let rule = |fields: &str| {
            format!("{HEAD}\n[[holiday]]\nname = \"Election\"\nelection = {{ {fields} }}\n")
        };
        let defs = parse(&rule(
            "term_end = 2030-06-03, term_years = 5, days_before = 70, weekday = \"wed\", \
             avoid_holidays = true",
        ))
        .unwrap();
        assert_eq!(
            defs[0].rules[0].date,
            DateRule::Election {
                term_end: NaiveDate::from_ymd_opt(2030, 6, 3).unwrap(),
                term_years: 5,
                days_before: 70,
                weekday: Weekday::Wed,
                avoid_holidays: true,
            }
        );
        for (fields, message) in [
            (
                "term_end = 2028-02-29, term_years = 4, days_before = 50, weekday = \"wed\"",
                "on 29 February has no date in most years",
            ),
            (
                "term_end = 2028-05-29, term_years = 0, days_before = 50, weekday = \"wed\"",
                "term_years 0 is out of range (1..=20)",
            ),
            (
                "term_end = 2028-05-29, term_years = 4, days_before = 400, weekday = \"wed\"",
                "days_before 400 is out of range (0..=366)",
            ),
            (
                "term_end = 2028-05-29, term_years = 4, days_before = 50, weekday = \"mittwoch\"",
                "unknown weekday `mittwoch`",
            ),
            (
                "term_end = 2028-05-29, term_years = 4, weekday = \"wed\"",
                "missing field `days_before`",
            ),
        ] {
            let err = parse(&rule(fields)).unwrap_err().to_string();
            assert!(err.contains(message), "{fields}: {err}");
        }
        let text =
            rule("term_end = 2028-05-29, term_years = 4, days_before = 50, weekday = \"wed\"")
                + "observed = \"sun_mon\"\n";
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("an `election` rule takes no `offset`, `move`, `skip_weekdays` or"),
            "{err}"
        );
    }

    #[test]
    fn a_hindu_rule_and_a_replacement_parse() {
        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Ram Navami\"\nhindu = {{ month = \"chaitra\", tithi = 9, \
             at = \"noon\", latitude = 28.61, longitude = 77.21, utc_offset = \"+05:30\" }}\n\
             [[holiday]]\nname = \"Maha Shivaratri\"\nhindu = {{ month = \"magha\", tithi = 29, \
             at = \"midnight\", latitude = 28.61, longitude = 77.21, utc_offset = \"+05:30\" }}\n\
             replaces_on_weekend = \"Ram Navami\"\n"
        );
        let defs = parse(&text).unwrap();
        let DateRule::Hindu(festival) = defs[0].rules[0].date else {
            panic!("{:?}", defs[0].rules[0].date);
        };
        assert_eq!((festival.month, festival.tithi), (1, 9));
        assert_eq!(festival.at, hindu::TimeOfDay::Noon);
        assert_eq!(festival.place.utc_offset_seconds, 19_800);
        assert_eq!(
            defs[0].rules[1].replaces_on_weekend.as_deref(),
            Some("Ram Navami")
        );

        let rule =
            |fields: &str| format!("{HEAD}\n[[holiday]]\nname = \"H\"\nhindu = {{ {fields} }}\n");
        let place = "latitude = 28.61, longitude = 77.21, utc_offset = \"+05:30\"";
        for (fields, message) in [
            (
                format!("month = \"kartik\", tithi = 15, at = \"sunrise\", {place}"),
                "unknown Hindu month `kartik` (expected chaitra, vaishakha",
            ),
            (
                format!("month = \"kartika\", tithi = 31, at = \"sunrise\", {place}"),
                "tithi 31 is out of range (1..=30",
            ),
            (
                format!("month = \"kartika\", tithi = 15, at = \"dawn\", {place}"),
                "unknown moment of the day `dawn`",
            ),
            (
                "month = \"kartika\", tithi = 15, at = \"sunrise\", latitude = 78.2, \
                 longitude = 15.6, utc_offset = \"+01:00\""
                    .to_owned(),
                "latitude 78.2 is out of range",
            ),
            (
                "month = \"kartika\", tithi = 15, at = \"sunrise\", latitude = 28.6, \
                 longitude = 277.2, utc_offset = \"+05:30\""
                    .to_owned(),
                "longitude 277.2 is out of range",
            ),
            (
                "month = \"kartika\", tithi = 15, at = \"sunrise\", latitude = 28.6, \
                 longitude = 77.2, utc_offset = \"IST\""
                    .to_owned(),
                "utc_offset `IST` is not an offset from UTC",
            ),
        ] {
            let err = parse(&rule(&fields)).unwrap_err().to_string();
            assert!(err.contains(message), "{fields}: {err}");
        }

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Day\"\nmonth = 2\nday = 26\nreplaces_on_weekend = \"Other\"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains(
                "holiday `Day`: `replaces_on_weekend` names `Other`, which calendar `XX` does not \
                 define"
            ),
            "{err}"
        );
        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Day\"\nmonth = 2\nday = 26\nreplaces_on_weekend = \"Day\"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("names the holiday itself"), "{err}");
    }

    #[test]
    fn a_move_table_parses() {
        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"St Brigid's Day\"\nmonth = 2\nday = 1\n\
             move = {{ tue = \"next_mon\", sun = \"previous_fri\", mon = \"none\" }}\n"
        );
        let defs = parse(&text).unwrap();
        let moved = defs[0].rules[0].moved;
        assert_eq!(moved.on(Weekday::Tue), Some(MoveTo::Next(Weekday::Mon)));
        assert_eq!(moved.on(Weekday::Sun), Some(MoveTo::Previous(Weekday::Fri)));
        assert_eq!(moved.on(Weekday::Mon), None);
        assert_eq!(moved.on(Weekday::Wed), None);
    }

    #[test]
    fn errors_name_the_file_line_and_problem() {
        let text = format!("{HEAD}\n[[holiday]]\nname = \"Bad\"\nmonth = 13\nday = 1\n");
        let err = parse(&text).unwrap_err().to_string();
        assert_eq!(
            err,
            "holidays/xx.toml:10:1: holiday `Bad`: month 13 is out of range (1..=12)"
        );

        let text = format!("{HEAD}\n[[holiday]]\nname = \"Bad\"\nmonht = 1\nday = 1\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.starts_with("holidays/xx.toml:12:1: unknown field `monht`"),
            "{err}"
        );

        let err = parse("[country\n").unwrap_err().to_string();
        assert!(err.starts_with("holidays/xx.toml:1:"), "{err}");

        let text = HEAD.replace("Europe/Paris", "Mars/Olympus");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("unknown time zone `Mars/Olympus`"), "{err}");

        let text = format!("{HEAD}\n[[holiday]]\nname = \"Two\"\nmonth = 1\nday = 1\neaster = 1\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("give exactly one way"), "{err}");

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Obs\"\nmonth = 1\nday = 1\nobserved = \"sometimes\"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("unknown observed rule `sometimes`"), "{err}");

        let text = format!("{HEAD}\n[[holiday]]\nname = \"Eq\"\nequinox = \"march\"\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("an `equinox` rule needs `utc_offset`"),
            "{err}"
        );

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"H\"\nhebrew = {{ month = \"thermidor\", day = 1 }}\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("unknown Hebrew month `thermidor`"), "{err}");

        let text =
            format!("{HEAD}\n[[holiday]]\nname = \"L\"\nlunisolar = {{ month = 13, day = 1 }}\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("lunisolar month 13 is out of range (1..=12)"),
            "{err}"
        );

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Eq\"\nequinox = \"june\"\nutc_offset = \"+09:00\"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("unknown equinox `june`"), "{err}");

        for offset in ["09:00", "+9:00", "+09:60", "+15:00", "+09", "+０9:00"] {
            let text = format!(
                "{HEAD}\n[[holiday]]\nname = \"Eq\"\nequinox = \"march\"\nutc_offset = \"{offset}\"\n"
            );
            let err = parse(&text).unwrap_err().to_string();
            assert!(err.contains("is not an offset from UTC"), "{offset}: {err}");
        }

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"D\"\nmonth = 1\nday = 1\nutc_offset = \"+09:00\"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("`utc_offset` is only for an `equinox` rule"),
            "{err}"
        );

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"D\"\nmonth = 1\nday = 1\nskip_weekdays = [\"sunday\", \"dimanche\"]\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("unknown weekday `dimanche`"), "{err}");

        let text = format!("{HEAD}\n[[holiday]]\nname = \"B\"\nbetween_holidays = false\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("`between_holidays = false` means nothing"),
            "{err}"
        );

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"B\"\nbetween_holidays = true\nobserved = \"sun_mon\"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("takes no `offset` and no `observed` rule"),
            "{err}"
        );

        let text = format!("{HEAD}\n[[holiday]]\nname = \"E\"\nmonth = 10\nday = 1\nevery = 6\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("`every` needs `first_year`"), "{err}");

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"E\"\nmonth = 10\nday = 1\nevery = 1\nfirst_year = 2024\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("every 1 is out of range (2..=100 years)"),
            "{err}"
        );

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Mv\"\nmonth = 2\nday = 1\nmove = {{ sat = \"after_monday\" }}\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert_eq!(
            err,
            "holidays/xx.toml:10:1: holiday `Mv`: unknown move `after_monday` (expected none, or \
             next_ or previous_ and a weekday, like `next_mon` or `previous_fri`)"
        );

        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"L\"\nlunisolar = {{ month = 1, day = 1, calendar = \"maya\" }}\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("unknown lunisolar calendar `maya`"), "{err}");

        let text =
            format!("{HEAD}\n[[estimate]]\nname = \"E\"\nislamic = {{ month = 10, day = 1 }}\n");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("`[[estimate]]` rules need `estimated_years`"),
            "{err}"
        );

        let text = HEAD.replace(
            "years = [2000, 2100]",
            "years = [2000, 2026]\nestimated_years = [2030, 2199]",
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.contains("must start the year after the covered years end (2027)"),
            "{err}"
        );

        let text = HEAD.replace("sources = [\"https://example.org/law\"]", "sources = []");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("must name its sources"), "{err}");
    }
}
