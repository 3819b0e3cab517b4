//! Reading holiday files: TOML text into calendar definitions, with errors that name the file
//! and the line and column of the bad key.
//!
//! The format is documented with a worked example in `holidays/README.md`; [`format`] is the
//! format as serde reads it, [`rules`] turns its holiday tables into rules, and this module
//! the rest of a file (the country, its subdivisions, working days, weekend changes).

mod format;
mod rules;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use chrono::{NaiveDate, Weekday, WeekdaySet};
use chrono_tz::Tz;
use toml::Spanned;
use toml::value::Datetime;

use self::format::{FileToml, HolidayToml, KnownThroughToml, WeekendChangeToml, WorkingDayToml};
use self::rules::parse_rules;
use super::rule::Rule;
use crate::toml_util::{line_column, parse_zone, to_date};
use crate::{Error, WorkingDay};

/// One calendar as a file defines it, before inheritance is resolved.
#[derive(Clone, Debug)]
pub(crate) struct CalendarDef {
    pub id: String,
    pub name: String,
    /// Where it is defined, for messages: `holidays/us.toml:3:1`.
    pub origin: String,
    pub file: Arc<SourceFile>,
    pub time_zone: Option<Tz>,
    pub weekend: Option<WeekdaySet>,
    pub years: Option<(i32, i32)>,
    pub inherits: Option<String>,
    /// The names of the inherited holidays it removes, with where `remove` says so.
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
    /// What was checked against what (`checked`), for listings of calendars.
    pub checked: Option<String>,
    /// When it was checked (`as_of`).
    pub as_of: Option<NaiveDate>,
    /// Kinds of holiday known only up to a year (`[[known_through]]`).
    pub known_through: Vec<KnownThrough>,
    /// True for a definition shipped with the library (set by the registry).
    pub builtin: bool,
}

/// A kind of holiday that a calendar knows only up to a year, although its covered years go
/// on: election days that are set by proclamation, for example ([`crate::CalendarInfo`]).
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
#[non_exhaustive]
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

/// An error at a byte offset of the file: the key (or the table) it is about.
struct At(usize, Error);

/// Runs a check of a key's value; its error is then about that key.
fn check<T, R>(key: &Spanned<T>, parse: impl FnOnce(&T) -> Result<R, Error>) -> Result<R, At> {
    parse(key.get_ref()).map_err(|err| At(key.span().start, err))
}

/// A key's error, with its place and what it is about: `holidays/xx.toml:6:13: country:
/// unknown time zone ...`.
fn within<'a>(position: &'a impl Fn(usize) -> String, what: &str) -> impl FnOnce(At) -> Error + 'a {
    let what = what.to_owned();
    move |At(offset, err)| err.context(what).context(position(offset))
}

/// Parses one holiday file into its calendar definitions.
pub(crate) fn parse_file(path: &str, text: String) -> Result<Vec<CalendarDef>, Error> {
    let file = Arc::new(SourceFile { text });
    let position = |offset: usize| {
        let (line, column) = line_column(&file.text, offset);
        format!("{path}:{line}:{column}")
    };
    let parsed: FileToml = toml::from_str(&file.text).map_err(|err| {
        let place = err
            .span()
            .map_or_else(|| path.to_owned(), |span| position(span.start));
        Error::data(err.message().trim().replace('\n', "; ")).context(place)
    })?;

    let country_at = position(parsed.country.span().start);
    let country = parsed.country.into_inner();
    // An inheriting calendar takes its zone, weekend and years from its parent unless it sets
    // them; any other needs all three.
    let required = |key: &str, example: &str| {
        Error::data(format!(
            "`{key}` is missing (give it, like `{key} = {example}`, or inherit it from \
             another calendar with `inherits`)"
        ))
        .context(format!("{country_at}: country"))
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
    let years = country
        .years
        .as_ref()
        .map(|years| check(years, |&years| check_years(years)))
        .transpose()
        .map_err(within(&position, "years"))?;
    let country_def = CalendarDef {
        id: check(&country.code, |code| check_id(code)).map_err(within(&position, "country"))?,
        name: country.name,
        origin: country_at.clone(),
        file: file.clone(),
        time_zone: country
            .time_zone
            .as_ref()
            .map(|zone| check(zone, |zone| parse_zone(zone)))
            .transpose()
            .map_err(within(&position, "country"))?,
        weekend: country
            .weekend
            .as_ref()
            .map(|weekend| check(weekend, |names| parse_weekdays(names)))
            .transpose()
            .map_err(within(&position, "weekend"))?,
        years,
        inherits: country.inherits,
        remove: Vec::new(),
        rules: parse_rules(&parsed.holiday, &position)?,
        working_days: parse_working_days(&parsed.working_day, &position)?,
        weekend_changes: parse_weekend_changes(&parsed.weekend_change, &position)?,
        sources: check(&country.sources, |sources| non_empty_sources(sources))
            .map_err(within(&position, "sources"))?,
        listed: country.calendar,
        estimated_years: match (&country.estimated_years, years) {
            (None, _) => None,
            (Some(estimated), Some(years)) => Some(
                check(estimated, |&estimated| {
                    check_estimated_years(estimated, years)
                })
                .map_err(within(&position, "estimated_years"))?,
            ),
            (Some(estimated), None) => {
                return Err(within(&position, "estimated_years")(At(
                    estimated.span().start,
                    Error::data(
                        "`estimated_years` needs the calendar's own `years` (the announced ones)",
                    ),
                )));
            }
        },
        estimates: parse_rules(&parsed.estimate, &position)?,
        checked: country.checked,
        as_of: country
            .as_of
            .as_ref()
            .map(|as_of| check(as_of, date_part))
            .transpose()
            .map_err(within(&position, "as_of"))?,
        known_through: parse_known_through(&parsed.known_through, &position)?,
        builtin: false,
    };
    if !country_def.estimates.is_empty() && country_def.estimated_years.is_none() {
        return Err(Error::data(
            "`[[estimate]]` rules need `estimated_years` in `[country]` (the years they estimate)",
        )
        .context(format!("{country_at}: estimate")));
    }
    check_replacements(
        &country_def.id,
        [&parsed.holiday, &parsed.estimate],
        &position,
    )?;
    let _ = country.notes;

    let mut defs = vec![country_def];
    for sub in parsed.subdivision {
        let sub_at = position(sub.span().start);
        let sub = sub.into_inner();
        let id = check(&sub.code, |code| check_id(code))
            .map_err(within(&position, "subdivision: code"))?;
        let label = format!("subdivision: {id}");
        let years = sub
            .years
            .as_ref()
            .map(|years| check(years, |&years| check_years(years)))
            .transpose()
            .map_err(within(&position, &label))?;
        let def = CalendarDef {
            name: sub.name,
            origin: sub_at.clone(),
            file: file.clone(),
            time_zone: sub
                .time_zone
                .as_ref()
                .map(|zone| check(zone, |zone| parse_zone(zone)))
                .transpose()
                .map_err(within(&position, &label))?,
            weekend: sub
                .weekend
                .as_ref()
                .map(|weekend| check(weekend, |names| parse_weekdays(names)))
                .transpose()
                .map_err(within(&position, &label))?,
            years,
            inherits: Some(sub.inherits.unwrap_or_else(|| defs[0].id.clone())),
            remove: sub.remove.as_ref().map_or_else(Vec::new, |remove| {
                let at = position(remove.span().start);
                remove
                    .get_ref()
                    .iter()
                    .map(|name| (name.clone(), at.clone()))
                    .collect()
            }),
            rules: parse_rules(&sub.holiday, &position)?,
            working_days: parse_working_days(&sub.working_day, &position)?,
            weekend_changes: parse_weekend_changes(&sub.weekend_change, &position)?,
            sources: sub.sources,
            listed: true,
            estimated_years: match (&sub.estimated_years, years) {
                (None, _) => None,
                (Some(estimated), Some(years)) => Some(
                    check(estimated, |&estimated| {
                        check_estimated_years(estimated, years)
                    })
                    .map_err(within(&position, "subdivision: estimated_years"))?,
                ),
                (Some(estimated), None) => {
                    return Err(within(&position, &label)(At(
                        estimated.span().start,
                        Error::data(
                            "`estimated_years` needs the subdivision's own `years` (the announced ones)",
                        ),
                    )));
                }
            },
            estimates: parse_rules(&sub.estimate, &position)?,
            checked: None,
            as_of: None,
            known_through: parse_known_through(&sub.known_through, &position)?,
            builtin: false,
            id,
        };
        if !def.estimates.is_empty() && def.estimated_years.is_none() {
            return Err(Error::data(
                "`[[subdivision.estimate]]` rules need `estimated_years` in the subdivision",
            )
            .context(format!("{sub_at}: {label}")));
        }
        check_replacements(&def.id, [&sub.holiday, &sub.estimate], &position)?;
        let _ = sub.notes;
        defs.push(def);
    }
    Ok(defs)
}

/// Every `replaces_on_weekend` names a holiday of the same calendar definition (its rules or
/// its estimates).
fn check_replacements(
    id: &str,
    lists: [&[Spanned<HolidayToml>]; 2],
    position: &impl Fn(usize) -> String,
) -> Result<(), Error> {
    let entries = || lists.into_iter().flatten().map(Spanned::get_ref);
    for holiday in entries() {
        if let Some(other) = &holiday.replaces_on_weekend
            && !entries().any(|h| h.name.get_ref().trim() == other.get_ref().trim())
        {
            return Err(Error::data(format!(
                "`replaces_on_weekend` names `{}`, which calendar `{id}` does not define",
                other.get_ref().trim()
            ))
            .context(format!("holiday `{}`", holiday.name.get_ref().trim()))
            .context(position(other.span().start)));
        }
    }
    Ok(())
}

/// `[[known_through]]` entries.
fn parse_known_through(
    entries: &[Spanned<KnownThroughToml>],
    position: &impl Fn(usize) -> String,
) -> Result<Vec<KnownThrough>, Error> {
    entries
        .iter()
        .map(|entry| {
            let known = entry.get_ref();
            let _ = &known.note;
            let holidays = known.holidays.get_ref().trim();
            let context =
                |key_at: usize| format!("{}: known_through `{holidays}`", position(key_at));
            if holidays.is_empty() {
                return Err(Error::data(
                    "`holidays` is empty (say which kind of holiday, like \"election days\")",
                )
                .context(position(known.holidays.span().start)));
            }
            let source = known.source.get_ref().trim();
            if source.is_empty() {
                return Err(Error::data(
                    "`source` is empty (name the law or notice that sets the next one)",
                )
                .context(context(known.source.span().start)));
            }
            let year = *known.year.get_ref();
            check_year(year).map_err(|e| e.context(context(known.year.span().start)))?;
            Ok(KnownThrough {
                holidays: holidays.to_owned(),
                year,
                source: source.to_owned(),
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

/// A plain date of a holiday file, within the supported years.
fn plain_date(value: &Datetime) -> Result<NaiveDate, Error> {
    let date = to_date(value)?;
    check_year(chrono::Datelike::year(&date))?;
    Ok(date)
}

/// A year of a holiday file within the supported range: outside it, the file is wrong, so
/// the error is a data error (a query outside the range is a range error).
fn check_year(year: i32) -> Result<(), Error> {
    if (crate::date32::MIN_YEAR..=crate::date32::MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(crate::date32::out_of_range_year(year).into_data())
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

fn check_years([first, last]: [i32; 2]) -> Result<(i32, i32), Error> {
    check_year(first)?;
    check_year(last)?;
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
    (_, covered_last): (i32, i32),
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

fn non_empty_sources(sources: &[String]) -> Result<Vec<String>, Error> {
    if sources.iter().any(|s| !s.trim().is_empty()) {
        Ok(sources.to_vec())
    } else {
        Err(Error::data(
            "a holiday file must name its sources (the statute, the official page)",
        ))
    }
}

/// Parses a weekday name: `mon`, `monday`, `Mon`…
fn parse_weekday(name: &str) -> Result<Weekday, Error> {
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

fn parse_working_days(
    entries: &[Spanned<WorkingDayToml>],
    position: &impl Fn(usize) -> String,
) -> Result<Vec<WorkingDay>, Error> {
    let mut out = Vec::new();
    for entry in entries {
        let w = entry.get_ref();
        let _ = &w.source;
        let context = |offset: usize| format!("{}: working day `{}`", position(offset), w.name);
        let dates: Vec<&Spanned<Datetime>> =
            w.date.iter().chain(w.dates.iter().flatten()).collect();
        if dates.is_empty() {
            return Err(Error::data("give `date` or `dates`").context(context(entry.span().start)));
        }
        for date in dates {
            let day =
                plain_date(date.get_ref()).map_err(|e| e.context(context(date.span().start)))?;
            out.push(WorkingDay::new(day, w.name.trim()));
        }
    }
    Ok(out)
}

fn parse_weekend_changes(
    entries: &[Spanned<WeekendChangeToml>],
    position: &impl Fn(usize) -> String,
) -> Result<Vec<(NaiveDate, WeekdaySet)>, Error> {
    entries
        .iter()
        .map(|entry| {
            let change = entry.get_ref();
            let _ = &change.source;
            let located = |key_at: usize| {
                move |e: Error| e.context(format!("{}: weekend change", position(key_at)))
            };
            let from =
                plain_date(change.from.get_ref()).map_err(located(change.from.span().start))?;
            let weekend = parse_weekdays(change.weekend.get_ref())
                .map_err(located(change.weekend.span().start))?;
            Ok((from, weekend))
        })
        .collect()
}
