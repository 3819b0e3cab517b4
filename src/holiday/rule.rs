//! The holiday rule model: how a holiday's date is found each year, the years a rule is in
//! force, and the observed (substitute) rule that moves it off a weekend.
//!
//! A [`Rule`] is a [`DateRule`] (a fixed date, the n-th weekday from a date, an offset from
//! Easter, an explicit list of dates), an extra offset in days, the years it is in force, and an
//! [`Observance`]. [`expand`] turns the rules of a calendar into dated holidays for a range of
//! years, observed days included.
//!
//! # Observed days
//!
//! An observance says, per weekday, where a holiday falling on it is observed:
//!
//! - [`Shift::Previous`] / [`Shift::Next`]: the closest earlier / later day that is not a
//!   weekend day (the US federal rule: Saturday → Friday, Sunday → Monday);
//! - [`Shift::NextFree`] / [`Shift::PreviousFree`]: the closest later / earlier day that is
//!   neither a weekend day nor already a holiday, so that substitutes chain (England: Christmas
//!   on a Saturday → Monday 27th, Boxing Day on the Sunday → Tuesday 28th).
//!
//! It can also move a holiday that coincides with another holiday ([`Observance::overlap`]).
//! Holidays are processed in date order, and each substitute day is taken before the next
//! holiday looks for a free day.
//!
//! # Days between two holidays
//!
//! A [`DateRule::BetweenHolidays`] rule makes a holiday of every day that is not yet a holiday
//! and lies between two days that are (Japan's citizens' holiday, 国民の休日), except on the
//! weekdays it skips. It looks only at the days the other rules give, not at observed days,
//! and runs after them.
//!
//! # Election days
//!
//! A [`DateRule::Election`] rule gives the polling days of regular elections set by a term of
//! office, as Korea's Public Official Election Act, Article 34, sets them: the first Wednesday
//! on or after the 70th day before the president's term ends, moved a week later when that day
//! or a day next to it is a holiday. It runs last, after every other rule and observed day.

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate, Weekday, WeekdaySet};

use super::equinox::{self, Equinox};
use super::hindu::{self, Festival};
use super::lunisolar::{self, Lunisolar};
use super::{easter, hebrew, islamic};
use crate::Holiday;
use crate::toml_util::PerWeekday;

/// How a holiday's date is found in a given year.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DateRule {
    /// The same month and day every year (29 February only in leap years).
    Fixed {
        /// Month, 1..=12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// The `nth` `weekday` counted from a day of a month: for `nth > 0`, the nth such weekday
    /// on or after `day` (default: the 1st); for `nth < 0`, the |nth|-th such weekday on or
    /// before `day` (default: the last day of the month). "Third Monday of January" is
    /// `nth = 3`; "last Monday of May" is `nth = -1`; "the Monday before 25 May" is `nth = -1,
    /// day = 24`; "the Friday between 19 and 25 June" is `nth = 1, day = 19`.
    Weekday {
        /// Month, 1..=12.
        month: u32,
        /// The day counted from, if not the start (or end) of the month.
        day: Option<u32>,
        /// The weekday.
        weekday: Weekday,
        /// Which occurrence; never 0.
        nth: i32,
    },
    /// Western Easter Sunday plus `offset` days (Good Friday is −2).
    Easter {
        /// Days from Easter Sunday.
        offset: i32,
    },
    /// Orthodox Easter Sunday plus `offset` days.
    OrthodoxEaster {
        /// Days from Orthodox Easter Sunday.
        offset: i32,
    },
    /// Explicit dates: one-off holidays, or holidays announced year by year.
    Dates(Vec<NaiveDate>),
    /// The date of an equinox in a zone `utc_offset_seconds` east of UTC (Japan's Vernal and
    /// Autumnal Equinox Days: the date in Japan Standard Time, UTC+9); see [`equinox`].
    Equinox {
        /// Which equinox.
        equinox: Equinox,
        /// The offset of the law's standard time from UTC, in seconds.
        utc_offset_seconds: i32,
    },
    /// Every day that is not already a holiday (nor an observed day), is not one of the
    /// `skip` weekdays, and whose day before and day after are holidays given by the other
    /// rules (not observed days): Japan's citizens' holiday. It gives no date by itself;
    /// [`expand`] applies it after the other rules.
    BetweenHolidays {
        /// Weekdays never made a holiday by this rule (Japan until 2006: Sunday).
        skip: WeekdaySet,
    },
    /// A day of a month of the Hebrew calendar ([`hebrew`]), in the Gregorian year it falls
    /// in, then moved by `moves[weekday]` days according to the weekday it falls on (Israel's
    /// Independence Day, 5 Iyar, moves to Thursday from a Friday or Saturday: `moves` has −1
    /// for Friday and −2 for Saturday).
    Hebrew {
        /// Month, 1 (Nisan) ..= 13 (Adar II); see [`hebrew`].
        month: u32,
        /// Day of the month, 1..=30.
        day: u32,
        /// Days to move the date by, indexed by its weekday from Monday (0) to Sunday (6).
        moves: [i32; 7],
    },
    /// A day of a month of the Chinese or Korean lunisolar calendar ([`lunisolar`]): the
    /// month of the lunisolar year that starts in the Gregorian year (or, for the 11th and
    /// 12th months, of the one before, whichever falls in the year).
    Lunisolar {
        /// Which calendar (the meridian its dates are counted in).
        calendar: Lunisolar,
        /// Month, 1..=12.
        month: u32,
        /// Day of the month, 1..=30 (a day 30 in a 29-day month gives no date).
        day: u32,
        /// The leap month of that number, when the year has one.
        leap: bool,
    },
    /// The local date the sun's apparent longitude reaches `longitude` degrees (a solar term:
    /// 15° is Qingming, about 5 April), in the local time of a lunisolar calendar.
    SolarTerm {
        /// Whose local time: Beijing's or Seoul's.
        calendar: Lunisolar,
        /// Degrees, 0..360 (multiples of 15 are the 24 solar terms).
        longitude: u32,
    },
    /// A day of a month of the tabular Islamic calendar ([`islamic`]), for estimates: one or
    /// two dates in a Gregorian year.
    Islamic {
        /// Month, 1 (Muharram) ..= 12 (Dhu al-Hijjah).
        month: u32,
        /// Day of the month, 1..=30.
        day: u32,
    },
    /// A festival of the Hindu lunisolar calendar ([`hindu`]), for estimates: a tithi of a
    /// month kept on the day it is current at a moment of the day at a place.
    Hindu(Festival),
    /// The polling day of each regular election of an office whose terms end on `term_end`
    /// and every `term_years` years after it: the first `weekday` on or after `days_before`
    /// days before a term ends, moved to the same weekday a week later when `avoid_holidays`
    /// is set and that day, the day before or the day after is a holiday (Korea: Public
    /// Official Election Act, Article 34). Terms ending before `term_end` give no date: their
    /// elections are listed as dates. It gives no date by itself; [`expand`] applies it after
    /// every other rule and observed day.
    Election {
        /// The end of the first term whose election the rule gives.
        term_end: NaiveDate,
        /// The length of a term, in years (a new term ends on the same day of the year).
        term_years: u32,
        /// How many days before the end of a term the search for `weekday` starts.
        days_before: u32,
        /// The weekday of the polling day.
        weekday: Weekday,
        /// Whether a polling day that is a holiday, or next to one, moves a week later.
        avoid_holidays: bool,
    },
}

impl DateRule {
    /// The dates this rule gives in `year` (empty when it gives none that year).
    pub(crate) fn dates_in(&self, year: i32, out: &mut Vec<NaiveDate>) {
        match self {
            DateRule::Fixed { month, day } => {
                out.extend(NaiveDate::from_ymd_opt(year, *month, *day))
            }
            DateRule::Weekday {
                month,
                day,
                weekday,
                nth,
            } => out.extend(nth_weekday(year, *month, *day, *weekday, *nth)),
            DateRule::Easter { offset } => {
                out.extend(easter::western_easter(year).and_then(|e| add_days(e, *offset)));
            }
            DateRule::OrthodoxEaster { offset } => {
                out.extend(easter::orthodox_easter(year).and_then(|e| add_days(e, *offset)));
            }
            DateRule::Dates(dates) => out.extend(dates.iter().filter(|d| d.year() == year)),
            DateRule::Equinox {
                equinox,
                utc_offset_seconds,
            } => out.extend(equinox::equinox_date(year, *equinox, *utc_offset_seconds)),
            DateRule::BetweenHolidays { .. } | DateRule::Election { .. } => {}
            DateRule::Hebrew { month, day, moves } => {
                out.extend(
                    hebrew::in_gregorian_year(year, *month, *day).and_then(|date| {
                        add_days(date, moves[date.weekday().num_days_from_monday() as usize])
                    }),
                );
            }
            DateRule::Lunisolar {
                calendar,
                month,
                day,
                leap,
            } => {
                // Months 11 and 12 of the lunisolar year that started in the previous
                // Gregorian year can fall in January.
                for start_year in [year - 1, year] {
                    let date = lunisolar::to_gregorian(*calendar, start_year, *month, *leap, *day);
                    out.extend(date.filter(|d| d.year() == year));
                }
            }
            DateRule::SolarTerm {
                calendar,
                longitude,
            } => out.extend(lunisolar::solar_term(
                *calendar,
                year,
                f64::from(*longitude),
            )),
            DateRule::Islamic { month, day } => {
                out.extend(islamic::in_gregorian_year(year, *month, *day));
            }
            DateRule::Hindu(festival) => out.extend(hindu::festival_dates(festival, year)),
        }
    }
}

/// The nth weekday counted from a day of a month; see [`DateRule::Weekday`].
fn nth_weekday(
    year: i32,
    month: u32,
    day: Option<u32>,
    weekday: Weekday,
    nth: i32,
) -> Option<NaiveDate> {
    if nth > 0 {
        let start = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
        let ahead =
            (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
        let date = add_days(start, ahead as i32 + 7 * (nth - 1))?;
        // "The fifth Monday of a month" does not exist in every month.
        (day.is_some() || date.month() == month).then_some(date)
    } else if nth < 0 {
        let last = crate::date32::days_in_month(year, month);
        let start = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(last))?;
        let back =
            (7 + start.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        let date = add_days(start, -(back as i32) - 7 * (-nth - 1))?;
        (day.is_some() || date.month() == month).then_some(date)
    } else {
        None
    }
}

fn add_days(date: NaiveDate, days: i32) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(u64::from(days.unsigned_abs())))
    }
}

/// Where a holiday falling on a given weekday (or on another holiday) is observed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) enum Shift {
    /// Not moved.
    #[default]
    None,
    /// The closest earlier day that is not a weekend day.
    Previous,
    /// The closest later day that is not a weekend day.
    Next,
    /// The closest earlier day that is neither a weekend day nor a holiday.
    PreviousFree,
    /// The closest later day that is neither a weekend day nor a holiday (substitutes chain).
    NextFree,
}

/// The observed-day rule of a holiday: a [`Shift`] per weekday, and one for a holiday that
/// coincides with another.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Observance {
    by_weekday: PerWeekday<Shift>,
    /// Where the holiday goes when it coincides with a holiday earlier in date order.
    pub(crate) overlap: Shift,
}

impl Observance {
    /// No observed day.
    pub(crate) const NONE: Observance = Observance {
        by_weekday: PerWeekday([Shift::None; 7]),
        overlap: Shift::None,
    };

    /// The named presets of the holiday files:
    ///
    /// - `none`;
    /// - `sat_fri_sun_mon`: Saturday → the Friday before, Sunday → the Monday after (US
    ///   federal, 5 U.S.C. 6103(b));
    /// - `sun_mon`: Sunday → the Monday after;
    /// - `next_free_weekday`: Saturday or Sunday → the next weekday that is not already a
    ///   holiday (substitute days chain; England and Wales);
    /// - `sun_next_free`: Sunday → the next day that is neither a weekend day nor a holiday.
    #[must_use]
    pub(crate) fn preset(name: &str) -> Option<Observance> {
        let mut observance = Observance::NONE;
        match name {
            "none" => {}
            "sat_fri_sun_mon" => {
                observance.set(Weekday::Sat, Shift::Previous);
                observance.set(Weekday::Sun, Shift::Next);
            }
            "sun_mon" => observance.set(Weekday::Sun, Shift::Next),
            "next_free_weekday" => {
                observance.set(Weekday::Sat, Shift::NextFree);
                observance.set(Weekday::Sun, Shift::NextFree);
            }
            "sun_next_free" => observance.set(Weekday::Sun, Shift::NextFree),
            _ => return None,
        }
        Some(observance)
    }

    /// The shift for a holiday falling on `weekday`.
    #[must_use]
    pub(crate) fn on(&self, weekday: Weekday) -> Shift {
        self.by_weekday[weekday]
    }

    /// Sets the shift for a holiday falling on `weekday`.
    pub(crate) fn set(&mut self, weekday: Weekday, shift: Shift) {
        self.by_weekday[weekday] = shift;
    }
}

/// Where a holiday moves when its date falls on a given weekday: the holiday is then on the
/// new date only, unlike an observed day, which is a second day. A weekday without a target
/// leaves the date where it is.
///
/// Ireland's St Brigid's Day, for example, is the first Monday in February, or 1 February when
/// that is a Friday: 1 February, moved to the next Monday when it falls on any other day but a
/// Monday.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Move {
    by_weekday: PerWeekday<Option<MoveTo>>,
}

/// The date a holiday moves to: the closest given weekday after or before its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum MoveTo {
    /// The first such weekday after the date (a Tuesday moved to `Next(Mon)` goes 6 days on).
    Next(Weekday),
    /// The last such weekday before the date.
    Previous(Weekday),
}

impl Move {
    /// Never moves.
    pub(crate) const NONE: Move = Move {
        by_weekday: PerWeekday([None; 7]),
    };

    /// Where a holiday falling on `weekday` moves, if it moves.
    #[must_use]
    pub(crate) fn on(&self, weekday: Weekday) -> Option<MoveTo> {
        self.by_weekday[weekday]
    }

    /// Sets where a holiday falling on `weekday` moves (`None`: it stays).
    pub(crate) fn set(&mut self, weekday: Weekday, to: Option<MoveTo>) {
        self.by_weekday[weekday] = to;
    }

    /// True when the holiday never moves.
    #[must_use]
    pub(crate) fn is_none(&self) -> bool {
        *self == Move::NONE
    }

    /// The date a holiday on `date` is kept on (`None` only past the end of the date range).
    #[must_use]
    pub(crate) fn apply(&self, date: NaiveDate) -> Option<NaiveDate> {
        let from = date.weekday().num_days_from_monday() as i32;
        match self.on(date.weekday()) {
            None => Some(date),
            Some(MoveTo::Next(to)) => {
                let ahead = (to.num_days_from_monday() as i32 - from).rem_euclid(7);
                add_days(date, if ahead == 0 { 7 } else { ahead })
            }
            Some(MoveTo::Previous(to)) => {
                let back = (from - to.num_days_from_monday() as i32).rem_euclid(7);
                add_days(date, -(if back == 0 { 7 } else { back }))
            }
        }
    }
}

/// One holiday rule of a calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rule {
    /// The holiday's name, e.g. `Independence Day`.
    pub(crate) name: Arc<str>,
    /// How the date is found each year.
    pub(crate) date: DateRule,
    /// Days added to the date the rule gives (the day after Thanksgiving is the fourth
    /// Thursday of November plus 1).
    pub(crate) offset: i32,
    /// The first year the rule is in force.
    pub(crate) first_year: Option<i32>,
    /// The last year the rule is in force.
    pub(crate) last_year: Option<i32>,
    /// Years in which the rule does not apply (a holiday moved by a one-off law).
    pub(crate) except_years: Vec<i32>,
    /// Where the holiday moves when it falls on a given weekday (applied after `offset`,
    /// before the observed rule).
    pub(crate) moved: Move,
    /// Weekdays on which the rule gives no date that year, after `offset` and `moved` (Spain:
    /// a national holiday on a Sunday is not a holiday common to every region).
    pub(crate) skip_weekdays: WeekdaySet,
    /// The name of a holiday this one replaces when that one falls on a weekend day: the rule
    /// gives its date only in the years in which a day of the named holiday is a weekend day
    /// (India's Central Government offices close for Maha Shivaratri in the years Ram Navami
    /// falls on a weekend). Applied by [`expand`].
    pub(crate) replaces_on_weekend: Option<Arc<str>>,
    /// The observed (substitute) rule.
    pub(crate) observed: Observance,
}

impl Rule {
    #[cfg(test)]
    /// A rule in force every year, with no offset and no observed day.
    #[must_use]
    pub(crate) fn new(name: impl Into<Arc<str>>, date: DateRule) -> Rule {
        Rule {
            name: name.into(),
            date,
            offset: 0,
            first_year: None,
            last_year: None,
            except_years: Vec::new(),
            moved: Move::NONE,
            skip_weekdays: WeekdaySet::EMPTY,
            replaces_on_weekend: None,
            observed: Observance::NONE,
        }
    }

    /// Whether the rule is in force in `year`.
    #[must_use]
    pub(crate) fn in_force(&self, year: i32) -> bool {
        self.first_year.is_none_or(|first| year >= first)
            && self.last_year.is_none_or(|last| year <= last)
            && !self.except_years.contains(&year)
    }

    /// The dates of the holiday in `year`: offset and moved, without the skipped weekdays,
    /// before any observed shift.
    pub(crate) fn dates_in(&self, year: i32, out: &mut Vec<NaiveDate>) {
        if !self.in_force(year) {
            return;
        }
        let start = out.len();
        self.date.dates_in(year, out);
        if self.offset != 0 || !self.moved.is_none() || !self.skip_weekdays.is_empty() {
            let (offset, moved, skip) = (self.offset, self.moved, self.skip_weekdays);
            let shifted: Vec<NaiveDate> = out
                .drain(start..)
                .filter_map(|d| add_days(d, offset).and_then(|d| moved.apply(d)))
                .filter(|d| !skip.contains(d.weekday()))
                .collect();
            out.extend(shifted);
        }
    }
}

/// Expands rules into dated holidays for the years `first_year..=last_year`, observed days
/// included, in date order. Days between two holidays ([`DateRule::BetweenHolidays`]) are
/// added last, after the observed days.
///
/// The rules are evaluated for one year more on each side, so that an observed day that
/// crosses a year boundary (New Year's Day 2022, a Saturday, observed on Friday 2021-12-31) is
/// found; callers keep the dates they cover. `is_weekend` says whether a date is a weekend day
/// of the calendar.
pub(crate) fn expand(
    rules: &[Rule],
    first_year: i32,
    last_year: i32,
    is_weekend: impl Fn(NaiveDate) -> bool,
) -> Vec<Holiday> {
    let mut regular: Vec<(NaiveDate, usize)> = Vec::new();
    let mut dates = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        for year in first_year - 1..=last_year + 1 {
            dates.clear();
            rule.dates_in(year, &mut dates);
            regular.extend(dates.iter().map(|&d| (d, index)));
        }
    }
    regular.sort();
    regular.dedup();
    drop_unneeded_replacements(rules, &mut regular, &is_weekend);

    let mut taken: HashSet<NaiveDate> = regular.iter().map(|&(d, _)| d).collect();
    let mut holidays: Vec<Holiday> = Vec::with_capacity(regular.len() * 5 / 4);
    let mut previous: Option<NaiveDate> = None;
    for &(date, index) in &regular {
        let rule = &rules[index];
        holidays.push(Holiday::new(date, rule.name.clone()));
        let coincides = previous == Some(date);
        previous = Some(date);
        let mut shift = if is_weekend(date) {
            rule.observed.on(date.weekday())
        } else {
            Shift::None
        };
        if shift == Shift::None && coincides {
            shift = rule.observed.overlap;
        }
        if let Some(target) = observed_date(date, shift, &is_weekend, &taken) {
            taken.insert(target);
            let name = format!("{} (observed)", rule.name);
            holidays.push(Holiday::new(target, name).observed(true));
        }
    }
    add_days_between_holidays(rules, &regular, &mut taken, &mut holidays);
    add_election_days(rules, first_year - 1, last_year + 1, &taken, &mut holidays);
    holidays.sort_by_key(Holiday::date);
    holidays
}

/// Applies the [`DateRule::Election`] rules for the elections held in `first_year..=last_year`.
/// `taken` holds the days of every other rule and the observed days; elections held on the
/// same day (a local and a by-election) do not move each other.
fn add_election_days(
    rules: &[Rule],
    first_year: i32,
    last_year: i32,
    taken: &HashSet<NaiveDate>,
    holidays: &mut Vec<Holiday>,
) {
    for rule in rules {
        let DateRule::Election {
            term_end,
            term_years,
            days_before,
            weekday,
            avoid_holidays,
        } = rule.date
        else {
            continue;
        };
        for term in 0.. {
            let Some(day) = election_day(term_end, term_years, term, days_before, weekday) else {
                break;
            };
            let near_holiday = [-1, 0, 1]
                .iter()
                .any(|&d| add_days(day, d).is_some_and(|d| taken.contains(&d)));
            let day = if avoid_holidays && near_holiday {
                match add_days(day, 7) {
                    Some(day) => day,
                    None => break,
                }
            } else {
                day
            };
            if day.year() > last_year {
                break;
            }
            if day.year() >= first_year && rule.in_force(day.year()) {
                holidays.push(Holiday::new(day, rule.name.clone()));
            }
        }
    }
}

/// The first `weekday` on or after `days_before` days before the end of term number `term`
/// (0 is the term ending on `term_end`), before any move for holidays.
fn election_day(
    term_end: NaiveDate,
    term_years: u32,
    term: u32,
    days_before: u32,
    weekday: Weekday,
) -> Option<NaiveDate> {
    let years = i32::try_from(term.checked_mul(term_years)?).ok()?;
    let end = term_end.with_year(term_end.year().checked_add(years)?)?;
    let start = add_days(end, -i32::try_from(days_before).ok()?)?;
    let ahead = (7 + weekday.num_days_from_monday() - start.weekday().num_days_from_monday()) % 7;
    add_days(start, ahead as i32)
}

/// Removes the days of the rules with [`Rule::replaces_on_weekend`] in the years in which no
/// day of the holiday they replace is a weekend day.
fn drop_unneeded_replacements(
    rules: &[Rule],
    regular: &mut Vec<(NaiveDate, usize)>,
    is_weekend: &impl Fn(NaiveDate) -> bool,
) {
    if rules.iter().all(|rule| rule.replaces_on_weekend.is_none()) {
        return;
    }
    let weekend_years = |name: &str| -> HashSet<i32> {
        regular
            .iter()
            .filter(|&&(date, index)| &*rules[index].name == name && is_weekend(date))
            .map(|&(date, _)| date.year())
            .collect()
    };
    let keep: Vec<Option<HashSet<i32>>> = rules
        .iter()
        .map(|rule| rule.replaces_on_weekend.as_deref().map(weekend_years))
        .collect();
    regular.retain(|&(date, index)| {
        keep[index]
            .as_ref()
            .is_none_or(|years| years.contains(&date.year()))
    });
}

/// Applies the [`DateRule::BetweenHolidays`] rules: a day that is not yet a holiday (nor an
/// observed day) and whose neighbours are both days of the other rules becomes a holiday,
/// unless the rule in force skips its weekday.
fn add_days_between_holidays(
    rules: &[Rule],
    regular: &[(NaiveDate, usize)],
    taken: &mut HashSet<NaiveDate>,
    holidays: &mut Vec<Holiday>,
) {
    let between: Vec<&Rule> = rules
        .iter()
        .filter(|rule| matches!(rule.date, DateRule::BetweenHolidays { .. }))
        .collect();
    if between.is_empty() {
        return;
    }
    let days: HashSet<NaiveDate> = regular.iter().map(|&(d, _)| d).collect();
    for &(before, _) in regular {
        let (Some(day), Some(after)) = (add_days(before, 1), add_days(before, 2)) else {
            continue;
        };
        if !days.contains(&after) || taken.contains(&day) {
            continue;
        }
        let Some(rule) = between.iter().find(|rule| rule.in_force(day.year())) else {
            continue;
        };
        if let DateRule::BetweenHolidays { skip } = rule.date
            && !skip.contains(day.weekday())
        {
            taken.insert(day);
            holidays.push(Holiday::new(day, rule.name.clone()));
        }
    }
}

/// The day a holiday on `date` is observed on under `shift`, if it moves.
fn observed_date(
    date: NaiveDate,
    shift: Shift,
    is_weekend: &impl Fn(NaiveDate) -> bool,
    taken: &HashSet<NaiveDate>,
) -> Option<NaiveDate> {
    let (step, free) = match shift {
        Shift::None => return None,
        Shift::Previous => (-1, false),
        Shift::Next => (1, false),
        Shift::PreviousFree => (-1, true),
        Shift::NextFree => (1, true),
    };
    let mut day = date;
    // A week of weekend days and holidays in a row never happens in real data; the bound keeps
    // a broken file from looping.
    for _ in 0..31 {
        day = add_days(day, step)?;
        let busy = is_weekend(day) || (free && taken.contains(&day));
        if !busy {
            return Some(day);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn sat_sun(d: NaiveDate) -> bool {
        d.weekday().num_days_from_monday() >= 5
    }

    #[test]
    fn nth_weekday_counts_from_either_end_and_from_a_day() {
        let rule = |month, day, weekday, nth| {
            let mut out = Vec::new();
            DateRule::Weekday {
                month,
                day,
                weekday,
                nth,
            }
            .dates_in(2026, &mut out);
            out
        };
        assert_eq!(rule(1, None, Weekday::Mon, 3), [date(2026, 1, 19)]);
        assert_eq!(rule(5, None, Weekday::Mon, -1), [date(2026, 5, 25)]);
        assert_eq!(rule(11, None, Weekday::Thu, 4), [date(2026, 11, 26)]);
        // Victoria Day: the Monday before 25 May.
        assert_eq!(rule(5, Some(24), Weekday::Mon, -1), [date(2026, 5, 18)]);
        // Midsummer Eve (Sweden): the Friday between 19 and 25 June.
        assert_eq!(rule(6, Some(19), Weekday::Fri, 1), [date(2026, 6, 19)]);
        // No fifth Monday in February 2026.
        assert_eq!(rule(2, None, Weekday::Mon, 5), []);
    }

    #[test]
    fn substitute_days_chain_in_date_order() {
        let mut christmas = Rule::new("Christmas Day", DateRule::Fixed { month: 12, day: 25 });
        let mut boxing = Rule::new("Boxing Day", DateRule::Fixed { month: 12, day: 26 });
        christmas.observed = Observance::preset("next_free_weekday").unwrap();
        boxing.observed = christmas.observed;
        let days = expand(&[boxing, christmas], 2021, 2021, sat_sun);
        let december: Vec<(NaiveDate, &str)> = days
            .iter()
            .filter(|h| h.date().year() == 2021)
            .map(|h| (h.date(), h.name()))
            .collect();
        assert_eq!(
            december,
            [
                (date(2021, 12, 25), "Christmas Day"),
                (date(2021, 12, 26), "Boxing Day"),
                (date(2021, 12, 27), "Christmas Day (observed)"),
                (date(2021, 12, 28), "Boxing Day (observed)"),
            ]
        );
    }

    #[test]
    fn equinox_rules_give_the_date_in_the_laws_time() {
        let mut out = Vec::new();
        let rule = |utc_offset_seconds| DateRule::Equinox {
            equinox: Equinox::March,
            utc_offset_seconds,
        };
        // The March equinox of 2026 is at 14:46 UTC on the 20th: the 21st from UTC+9:15 on.
        rule(9 * 3600).dates_in(2026, &mut out);
        rule(10 * 3600).dates_in(2026, &mut out);
        assert_eq!(out, [date(2026, 3, 20), date(2026, 3, 21)]);
    }

    #[test]
    fn a_weekday_between_two_holidays_becomes_a_holiday() {
        let fixed = |name: &str, month, day| Rule::new(name, DateRule::Fixed { month, day });
        let mut citizens = Rule::new(
            "Citizens' Holiday",
            DateRule::BetweenHolidays {
                skip: WeekdaySet::single(Weekday::Sun),
            },
        );
        citizens.first_year = Some(1986);
        let mut constitution = fixed("Constitution Memorial Day", 5, 3);
        constitution.observed = Observance::preset("sun_mon").unwrap();
        let rules = [
            fixed("Showa Day", 4, 29),
            Rule::new("Enthronement", DateRule::Dates(vec![date(2019, 5, 1)])),
            constitution,
            fixed("Children's Day", 5, 5),
            citizens,
        ];
        let shown = |year| -> Vec<String> {
            expand(&rules, year, year, sat_sun)
                .iter()
                .filter(|h| h.date().year() == year)
                .map(|h| format!("{} {}", h.date(), h.name()))
                .collect()
        };
        // 2019: 30 April, 2 May and 4 May (a Saturday, not skipped) lie between holidays.
        assert_eq!(
            shown(2019),
            [
                "2019-04-29 Showa Day",
                "2019-04-30 Citizens' Holiday",
                "2019-05-01 Enthronement",
                "2019-05-02 Citizens' Holiday",
                "2019-05-03 Constitution Memorial Day",
                "2019-05-04 Citizens' Holiday",
                "2019-05-05 Children's Day",
            ]
        );
        // 1992: 3 May is a Sunday; 4 May is its substitute day, not a citizens' holiday.
        assert_eq!(
            shown(1992)[1..],
            [
                "1992-05-03 Constitution Memorial Day",
                "1992-05-04 Constitution Memorial Day (observed)",
                "1992-05-05 Children's Day",
            ]
        );
        // 1991: 4 May, a Saturday, lies between two holidays; 1997: 4 May is a skipped Sunday.
        assert!(shown(1991).contains(&"1991-05-04 Citizens' Holiday".to_owned()));
        assert!(!shown(1997).iter().any(|h| h.contains("Citizens")));
        // Before the rule's first year, nothing is added.
        assert!(!shown(1985).iter().any(|h| h.contains("Citizens")));
    }

    #[test]
    fn a_moved_holiday_is_on_the_new_date_only() {
        // St Brigid's Day (Ireland): 1 February if a Monday or Friday, else the next Monday.
        let mut rule = Rule::new("St Brigid's Day", DateRule::Fixed { month: 2, day: 1 });
        for day in [
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Sat,
            Weekday::Sun,
        ] {
            rule.moved.set(day, Some(MoveTo::Next(Weekday::Mon)));
        }
        let mut out = Vec::new();
        for year in [2023, 2024, 2025, 2026, 2027, 2030, 2031] {
            rule.dates_in(year, &mut out);
        }
        assert_eq!(
            out,
            [
                date(2023, 2, 6),
                date(2024, 2, 5),
                date(2025, 2, 3),
                date(2026, 2, 2),
                date(2027, 2, 1),
                date(2030, 2, 1),
                date(2031, 2, 3),
            ]
        );
        // Backwards, and never onto the same day.
        let mut back = Move::NONE;
        back.set(Weekday::Wed, Some(MoveTo::Previous(Weekday::Wed)));
        back.set(Weekday::Thu, Some(MoveTo::Previous(Weekday::Mon)));
        assert_eq!(back.apply(date(2026, 11, 25)), Some(date(2026, 11, 18)));
        assert_eq!(back.apply(date(2026, 11, 26)), Some(date(2026, 11, 23)));
        assert_eq!(back.apply(date(2026, 11, 27)), Some(date(2026, 11, 27)));
        // The end of the date range is not a panic.
        let mut far = Move::NONE;
        far.set(NaiveDate::MAX.weekday(), Some(MoveTo::Next(Weekday::Mon)));
        assert_eq!(far.apply(NaiveDate::MAX), None);
    }

    #[test]
    fn election_days_follow_the_term_and_avoid_holidays() {
        // Korea, Public Official Election Act, Article 34: the first Wednesday from the 50th
        // day before the National Assembly's term ends (29 May), a week later when that day or
        // a day next to it is a holiday.
        let election = |term_end, days_before| DateRule::Election {
            term_end,
            term_years: 4,
            days_before,
            weekday: Weekday::Wed,
            avoid_holidays: true,
        };
        let assembly = Rule::new(
            "National Assembly Election Day",
            election(date(2008, 5, 29), 50),
        );
        let local = Rule::new("Local Election Day", election(date(2006, 6, 30), 30));
        let memorial = Rule::new("Memorial Day", DateRule::Fixed { month: 6, day: 6 });
        let rules = [assembly, local, memorial];
        let elections: Vec<NaiveDate> = expand(&rules, 2006, 2030, sat_sun)
            .iter()
            .filter(|h| h.name().contains("Election"))
            .map(Holiday::date)
            .collect();
        assert_eq!(
            elections,
            [
                date(2006, 5, 31), // 31 May is itself a Wednesday
                date(2008, 4, 9),
                date(2010, 6, 2),
                date(2012, 4, 11),
                date(2014, 6, 4),
                date(2016, 4, 13),
                date(2018, 6, 13), // 6 June is Memorial Day: a week later
                date(2020, 4, 15),
                date(2022, 6, 1),
                date(2024, 4, 10),
                date(2026, 6, 3),
                date(2028, 4, 12),
                date(2030, 6, 12), // 6 June is the day after: a week later
            ]
        );
        // Without avoid_holidays, the day stays.
        let plain = DateRule::Election {
            term_end: date(2018, 6, 30),
            term_years: 4,
            days_before: 30,
            weekday: Weekday::Wed,
            avoid_holidays: false,
        };
        let rules = [
            Rule::new("Local Election Day", plain),
            Rule::new("Memorial Day", DateRule::Fixed { month: 6, day: 6 }),
        ];
        let days = expand(&rules, 2018, 2018, sat_sun);
        assert!(
            days.iter()
                .any(|h| h.date() == date(2018, 6, 6) && h.name() == "Local Election Day")
        );
        // The chain stops at the end of the date range, without a panic.
        let far = Rule::new(
            "Election",
            election(NaiveDate::MAX.with_day(1).unwrap(), 50),
        );
        let mut out = Vec::new();
        add_election_days(&[far], 262_000, 262_143, &HashSet::new(), &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn a_replacement_holiday_is_kept_only_when_the_other_falls_on_a_weekend() {
        let fixed = |name: &str, month, day| Rule::new(name, DateRule::Fixed { month, day });
        let mut second = fixed("Second choice", 2, 26);
        second.replaces_on_weekend = Some(Arc::from("First choice"));
        let rules = [fixed("First choice", 4, 6), second];
        let names = |year| -> Vec<String> {
            expand(&rules, year, year, sat_sun)
                .iter()
                .filter(|h| h.date().year() == year)
                .map(|h| format!("{} {}", h.date(), h.name()))
                .collect()
        };
        // 6 April 2025 is a Sunday: the second choice is kept; 6 April 2026 is a Monday.
        assert_eq!(
            names(2025),
            ["2025-02-26 Second choice", "2025-04-06 First choice"]
        );
        assert_eq!(names(2026), ["2026-04-06 First choice"]);
    }

    #[test]
    fn skipped_weekdays_give_no_date() {
        // Spain: All Saints' Day is a common holiday unless it falls on a Sunday.
        let mut rule = Rule::new("All Saints' Day", DateRule::Fixed { month: 11, day: 1 });
        rule.skip_weekdays = WeekdaySet::single(Weekday::Sun);
        let mut out = Vec::new();
        for year in 2024..=2027 {
            rule.dates_in(year, &mut out);
        }
        // 2026-11-01 is a Sunday.
        assert_eq!(
            out,
            [date(2024, 11, 1), date(2025, 11, 1), date(2027, 11, 1)]
        );
    }

    #[test]
    fn years_in_force_and_exceptions() {
        let mut rule = Rule::new("Juneteenth", DateRule::Fixed { month: 6, day: 19 });
        rule.first_year = Some(2021);
        rule.except_years = vec![2023];
        let mut out = Vec::new();
        for year in 2019..=2024 {
            rule.dates_in(year, &mut out);
        }
        assert_eq!(
            out,
            [date(2021, 6, 19), date(2022, 6, 19), date(2024, 6, 19)]
        );
    }

    /// The example the documentation of `Observance` gave.
    #[test]
    fn the_example_of_observance() {
        use chrono::Weekday;

        let us = Observance::preset("sat_fri_sun_mon").unwrap();
        assert_eq!(us.on(Weekday::Sat), Shift::Previous);
        assert_eq!(us.on(Weekday::Sun), Shift::Next);
        assert_eq!(us.on(Weekday::Mon), Shift::None);
    }

    /// The example the documentation of `expand` gave.
    #[test]
    fn the_example_of_expand() {
        let mut rule = Rule::new("New Year's Day", DateRule::Fixed { month: 1, day: 1 });
        rule.observed = Observance::preset("sat_fri_sun_mon").unwrap();
        let weekend = |d: chrono::NaiveDate| {
            use chrono::Datelike;
            d.weekday().num_days_from_monday() >= 5
        };
        let days = expand(&[rule], 2022, 2022, weekend);
        let shown: Vec<String> = days
            .iter()
            .map(|h| format!("{} {}", h.date(), h.name()))
            .collect();
        // The years on either side are evaluated too: 2021 and 2023 are in the list.
        assert_eq!(
            shown[1..3],
            [
                "2021-12-31 New Year's Day (observed)",
                "2022-01-01 New Year's Day"
            ]
        );
    }

    /// The example the documentation of `Move` gave: Ireland's St Brigid's Day.
    #[test]
    fn the_example_of_move() {
        use chrono::{NaiveDate, Weekday};

        let mut brigid = Move::NONE;
        for day in [
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Sat,
            Weekday::Sun,
        ] {
            brigid.set(day, Some(MoveTo::Next(Weekday::Mon)));
        }
        let first = |y| NaiveDate::from_ymd_opt(y, 2, 1).unwrap();
        assert_eq!(
            brigid.apply(first(2023)),
            NaiveDate::from_ymd_opt(2023, 2, 6)
        ); // a Wednesday
        assert_eq!(brigid.apply(first(2030)), Some(first(2030))); // a Friday
    }
}
