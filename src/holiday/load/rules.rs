//! `[[holiday]]` and `[[estimate]]` tables into [`Rule`]s: each way of finding a date, the
//! years a rule is in force, and where it moves or is observed. Every error is located at the
//! key it is about.

use std::sync::Arc;

use chrono::{Datelike, Weekday, WeekdaySet};
use toml::Spanned;

use super::format::{ElectionToml, HinduToml, HolidayToml, ObservedToml, Overlap};
use super::{At, check, check_year, parse_weekday, parse_weekdays, plain_date};
use crate::Error;
use crate::holiday::equinox::Equinox;
use crate::holiday::lunisolar::Lunisolar;
use crate::holiday::rule::{DateRule, Move, MoveTo, Observance, Rule, Shift};
use crate::holiday::{hebrew, hindu};
use crate::toml_util::WeekdayTable;

/// An error about the value of a key.
fn at<T>(key: &Spanned<T>, err: Error) -> At {
    At(key.span().start, err)
}

/// The rules of a list of `[[holiday]]` (or `[[estimate]]`) tables; an error names the file
/// position of the bad key, then the holiday.
pub(super) fn parse_rules(
    entries: &[Spanned<HolidayToml>],
    position: &impl Fn(usize) -> String,
) -> Result<Vec<Rule>, Error> {
    entries
        .iter()
        .map(|entry| {
            let holiday = entry.get_ref();
            parse_rule(holiday, entry.span().start).map_err(|At(offset, err)| {
                err.context(format!("holiday `{}`", holiday.name.get_ref()))
                    .context(position(offset))
            })
        })
        .collect()
}

/// One rule; `table` is the offset of its table, for the errors that are about no one key.
fn parse_rule(h: &HolidayToml, table: usize) -> Result<Rule, At> {
    let _ = (&h.local_name, &h.source, &h.note);
    let name = h.name.get_ref().trim();
    if name.is_empty() {
        return Err(at(&h.name, Error::data("the name is empty")));
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
        return Err(At(
            table,
            Error::data(
                "give exactly one way to find the date: `month` and `day` (with `weekday` and \
                 `nth` for a weekday rule), `easter`, `orthodox_easter`, `date`, `dates`, \
                 `equinox`, `between_holidays`, `hebrew`, `lunisolar`, `solar_term`, `islamic`, \
                 `hindu` or `election`",
            ),
        ));
    }
    if let Some(utc_offset) = &h.utc_offset
        && h.equinox.is_none()
    {
        return Err(at(
            utc_offset,
            Error::data("`utc_offset` is only for an `equinox` rule"),
        ));
    }
    let offset = h.offset.as_ref().map_or(0, |offset| *offset.get_ref());
    let date = date_rule(h, offset)?;
    for year in [&h.first_year, &h.last_year].into_iter().flatten() {
        check(year, |&year| check_year(year))?;
    }
    if let (Some(first), Some(last)) = (&h.first_year, &h.last_year)
        && first.get_ref() > last.get_ref()
    {
        return Err(at(
            last,
            Error::data(format!(
                "first_year {} is after last_year {}",
                first.get_ref(),
                last.get_ref()
            )),
        ));
    }
    if let Some(offset) = &h.offset {
        check(offset, |&offset| {
            if offset.abs() > 366 {
                Err(Error::data(format!(
                    "offset {offset} is out of range (-366..=366 days)"
                )))
            } else {
                Ok(())
            }
        })?;
    }
    let first_year = h.first_year.as_ref().map(|year| *year.get_ref());
    let last_year = h.last_year.as_ref().map(|year| *year.get_ref());
    let mut except_years = h.except_years.clone();
    if let Some(every) = &h.every {
        except_years.extend(check(every, |&every| {
            off_cycle_years(every, first_year, last_year)
        })?);
    }
    Ok(Rule {
        name: Arc::from(name),
        date,
        offset,
        first_year,
        last_year,
        except_years,
        moved: match &h.moved {
            None => Move::NONE,
            Some(table) => check(table, parse_move_table)?,
        },
        // For a `between_holidays` rule the weekdays are part of its date rule.
        skip_weekdays: match (&h.skip_weekdays, &h.between_holidays) {
            (Some(names), None) => check(names, |names| parse_weekdays(names))?,
            _ => WeekdaySet::EMPTY,
        },
        replaces_on_weekend: match &h.replaces_on_weekend {
            None => None,
            Some(other) => Some(check(other, |other| match other.trim() {
                "" => Err(Error::data("`replaces_on_weekend` names no holiday")),
                other if other == name => Err(Error::data(
                    "`replaces_on_weekend` names the holiday itself; name the holiday it replaces",
                )),
                other => Ok(Arc::from(other)),
            })?),
        },
        observed: match &h.observed {
            None => Observance::NONE,
            Some(observed) => check(observed, parse_observed)?,
        },
    })
}

/// How the date is found: the one key that says so, checked with the keys that go with it.
fn date_rule(h: &HolidayToml, offset: i32) -> Result<DateRule, At> {
    if let Some(rule) = calendar_rule(h)? {
        return Ok(rule);
    }
    if let Some(election) = &h.election {
        if offset != 0 || h.observed.is_some() || h.moved.is_some() || h.skip_weekdays.is_some() {
            return Err(at(
                election,
                Error::data(
                    "an `election` rule takes no `offset`, `move`, `skip_weekdays` or `observed` \
                     rule (its own `avoid_holidays` moves it)",
                ),
            ));
        }
        return check(election, parse_election);
    }
    if let Some(name) = &h.equinox {
        let equinox = check(name, |name| match name.as_str() {
            "march" => Ok(Equinox::March),
            "september" => Ok(Equinox::September),
            _ => Err(Error::data(format!(
                "unknown equinox `{name}` (expected march or september)"
            ))),
        })?;
        let Some(utc_offset) = &h.utc_offset else {
            return Err(at(
                name,
                Error::data(
                    "an `equinox` rule needs `utc_offset`, the law's standard time (Japan: \
                     \"+09:00\")",
                ),
            ));
        };
        return Ok(DateRule::Equinox {
            equinox,
            utc_offset_seconds: check(utc_offset, |text| parse_utc_offset(text))?,
        });
    }
    if let Some(between) = &h.between_holidays {
        if !*between.get_ref() {
            return Err(at(
                between,
                Error::data(
                    "`between_holidays = false` means nothing: remove it, or set it to true",
                ),
            ));
        }
        if offset != 0 || h.observed.is_some() {
            return Err(at(
                between,
                Error::data("a `between_holidays` rule takes no `offset` and no `observed` rule"),
            ));
        }
        let skip = match &h.skip_weekdays {
            None => WeekdaySet::EMPTY,
            Some(names) => check(names, |names| parse_weekdays(names))?,
        };
        return Ok(DateRule::BetweenHolidays { skip });
    }
    if let Some(offset) = &h.easter {
        return Ok(DateRule::Easter {
            offset: *offset.get_ref(),
        });
    }
    if let Some(offset) = &h.orthodox_easter {
        return Ok(DateRule::OrthodoxEaster {
            offset: *offset.get_ref(),
        });
    }
    if let Some(date) = &h.date {
        return Ok(DateRule::Dates(vec![check(date, plain_date)?]));
    }
    if let Some(dates) = &h.dates {
        if dates.get_ref().is_empty() {
            return Err(at(dates, Error::data("`dates` is empty")));
        }
        let dates = dates
            .get_ref()
            .iter()
            .map(|date| check(date, plain_date))
            .collect::<Result<_, _>>()?;
        return Ok(DateRule::Dates(dates));
    }
    weekday_or_fixed(h)
}

/// `month` and `day`, with `weekday` and `nth` for a weekday rule.
fn weekday_or_fixed(h: &HolidayToml) -> Result<DateRule, At> {
    // One of `month`, `day`, `weekday` and `nth` is there (the kinds were counted): where the
    // rule's keys start.
    let first_key = [
        h.month.as_ref().map(|key| key.span().start),
        h.day.as_ref().map(|key| key.span().start),
        h.weekday.as_ref().map(|key| key.span().start),
        h.nth.as_ref().map(|key| key.span().start),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(0);
    let Some(month_key) = &h.month else {
        return Err(At(first_key, Error::data("`month` is missing")));
    };
    let month = *month_key.get_ref();
    if !(1..=12).contains(&month) {
        return Err(at(
            month_key,
            Error::data(format!("month {month} is out of range (1..=12)")),
        ));
    }
    // 2000 is a leap year: 29 February is a valid fixed date.
    let max_day = crate::date32::days_in_month(2000, month);
    if let Some(day) = &h.day
        && !(1..=max_day).contains(day.get_ref())
    {
        return Err(at(
            day,
            Error::data(format!(
                "day {} is out of range for month {month} (1..={max_day})",
                day.get_ref()
            )),
        ));
    }
    match (&h.weekday, &h.nth) {
        (None, None) => match &h.day {
            Some(day) => Ok(DateRule::Fixed {
                month,
                day: *day.get_ref(),
            }),
            None => Err(at(month_key, Error::data("`day` is missing"))),
        },
        (Some(weekday), Some(nth_key)) => {
            let nth = *nth_key.get_ref();
            if nth == 0 || !(-5..=5).contains(&nth) {
                return Err(at(
                    nth_key,
                    Error::data(format!(
                        "nth {nth} is out of range (1..=5 from the start, -1..=-5 from the end)"
                    )),
                ));
            }
            Ok(DateRule::Weekday {
                month,
                day: h.day.as_ref().map(|day| *day.get_ref()),
                weekday: check(weekday, |name| parse_weekday(name))?,
                nth,
            })
        }
        (Some(_), None) | (None, Some(_)) => {
            let given = h.weekday.as_ref().map(|key| key.span().start);
            let given = given.or(h.nth.as_ref().map(|key| key.span().start));
            Err(At(
                given.unwrap_or(first_key),
                Error::data("a weekday rule needs both `weekday` and `nth`"),
            ))
        }
    }
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
    let term_end = plain_date(&election.term_end)?;
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

/// The rules of the non-Gregorian calendars: `hebrew`, `lunisolar`, `solar_term`, `islamic`,
/// `hindu`.
fn calendar_rule(h: &HolidayToml) -> Result<Option<DateRule>, At> {
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
    if let Some(key) = &h.hebrew {
        return check(key, |rule| {
            let month = hebrew::month_from_name(&rule.month).ok_or_else(|| {
                Error::data(format!(
                    "unknown Hebrew month `{}` (expected nisan, iyar, sivan, tammuz, av, elul, \
                     tishri, heshvan, kislev, tevet, shevat, adar or adar_ii)",
                    rule.month
                ))
            })?;
            let mut moves = [0; 7];
            if let Some(table) = &rule.moves {
                for (weekday, shift) in table.days.iter() {
                    let shift = shift.unwrap_or(0);
                    if !(-6..=6).contains(&shift) {
                        return Err(Error::data(format!(
                            "move {shift} is out of range (-6..=6 days)"
                        )));
                    }
                    moves[weekday.num_days_from_monday() as usize] = shift;
                }
            }
            Ok(Some(DateRule::Hebrew {
                month,
                day: day_in(rule.day, 30)?,
                moves,
            }))
        });
    }
    if let Some(key) = &h.lunisolar {
        return check(key, |rule| {
            if !(1..=12).contains(&rule.month) {
                return Err(Error::data(format!(
                    "lunisolar month {} is out of range (1..=12)",
                    rule.month
                )));
            }
            Ok(Some(DateRule::Lunisolar {
                calendar: lunisolar_calendar(&rule.calendar)?,
                month: rule.month,
                day: day_in(rule.day, 30)?,
                leap: rule.leap,
            }))
        });
    }
    if let Some(key) = &h.solar_term {
        return check(key, |rule| {
            if rule.longitude >= 360 {
                return Err(Error::data(format!(
                    "solar longitude {} is out of range (0..360 degrees)",
                    rule.longitude
                )));
            }
            Ok(Some(DateRule::SolarTerm {
                calendar: lunisolar_calendar(&rule.calendar)?,
                longitude: rule.longitude,
            }))
        });
    }
    if let Some(key) = &h.hindu {
        return check(key, |rule| parse_hindu(rule).map(Some));
    }
    if let Some(key) = &h.islamic {
        return check(key, |rule| {
            if !(1..=12).contains(&rule.month) {
                return Err(Error::data(format!(
                    "Islamic month {} is out of range (1..=12)",
                    rule.month
                )));
            }
            Ok(Some(DateRule::Islamic {
                month: rule.month,
                day: day_in(rule.day, 30)?,
            }))
        });
    }
    Ok(None)
}

/// A shift of an observed rule's table.
fn parse_shift(text: Option<&str>) -> Result<Shift, Error> {
    match text {
        None | Some("none") => Ok(Shift::None),
        Some("previous") => Ok(Shift::Previous),
        Some("next") => Ok(Shift::Next),
        Some("previous_free") => Ok(Shift::PreviousFree),
        Some("next_free") => Ok(Shift::NextFree),
        Some(other) => Err(Error::data(format!(
            "unknown shift `{other}` (expected none, previous, next, previous_free or next_free)"
        ))),
    }
}

/// `observed`: a preset's name, or a table of shifts by weekday (and `overlap`).
fn parse_observed(observed: &ObservedToml) -> Result<Observance, Error> {
    match observed {
        ObservedToml::Preset(name) => Observance::preset(name).ok_or_else(|| {
            Error::data(format!(
                "unknown observed rule `{name}` (expected none, sat_fri_sun_mon, sun_mon, \
                 next_free_weekday, sun_next_free, or a table such as \
                 {{ sat = \"previous\", sun = \"next\" }})"
            ))
        }),
        ObservedToml::Table(table) => parse_observed_table(table),
    }
}

fn parse_observed_table(table: &WeekdayTable<String, Overlap>) -> Result<Observance, Error> {
    let mut observance = Observance::NONE;
    for (weekday, text) in table.days.iter() {
        observance.set(weekday, parse_shift(text.as_deref())?);
    }
    observance.overlap = parse_shift(table.extra.as_deref())?;
    Ok(observance)
}

/// `move`: where a holiday falling on a weekday moves (`next_mon`, `previous_fri`, `none`).
fn parse_move_table(table: &WeekdayTable<String>) -> Result<Move, Error> {
    let target = |text: &str| -> Result<Option<MoveTo>, Error> {
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
        let weekday: Weekday = parse_weekday(weekday).map_err(|_| unknown())?;
        match direction {
            "next" => Ok(Some(MoveTo::Next(weekday))),
            "previous" => Ok(Some(MoveTo::Previous(weekday))),
            _ => Err(unknown()),
        }
    };
    let mut moved = Move::NONE;
    for (weekday, text) in table.days.iter() {
        if let Some(text) = text {
            moved.set(weekday, target(text)?);
        }
    }
    Ok(moved)
}
