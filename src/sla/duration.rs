//! Durations and budgets of the three kinds, read from and written as plain text.
//!
//! | kind | text | meaning |
//! |---|---|---|
//! | business days | `15 business days` | the deadline is the close of the 15th business day after day 0 |
//! | business time | `4 business hours`, `90 business minutes` | working time inside business hours, to the second |
//! | elapsed | `15 minutes`, `4 days 1 hour`, `1 week` | physical time: a day is 24 hours, a week 168 |
//!
//! Numbers are whole; several terms of the same kind add up (`4 days 1 hour`,
//! `1 business hour 30 business minutes`). An elapsed duration may end in the word `elapsed`
//! (`1 week elapsed`). Business days do not combine with other units, and business time does
//! not combine with elapsed time.

use std::fmt;
use std::str::FromStr;

use chrono::TimeDelta;

use crate::Error;
use crate::clock::WorkingTime;

/// The kind of a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DurationKind {
    /// Whole business days, counted at each business day's close.
    BusinessDays,
    /// Working time inside business hours.
    BusinessTime,
    /// Physical (wall-clock) time.
    Elapsed,
}

/// The unit a duration is stated in, and in which its clock's `elapsed` and `remaining` are
/// reported: the smallest unit of the duration's text (`4 days 1 hour` is reported in hours).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// `business_days`
    BusinessDays,
    /// `business_hours`
    BusinessHours,
    /// `business_minutes`
    BusinessMinutes,
    /// `business_seconds`
    BusinessSeconds,
    /// `weeks`
    Weeks,
    /// `days`
    Days,
    /// `hours`
    Hours,
    /// `minutes`
    Minutes,
    /// `seconds`
    Seconds,
}

impl Unit {
    /// The unit's name in output columns: `business_days`, `hours`, ….
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Unit::BusinessDays => "business_days",
            Unit::BusinessHours => "business_hours",
            Unit::BusinessMinutes => "business_minutes",
            Unit::BusinessSeconds => "business_seconds",
            Unit::Weeks => "weeks",
            Unit::Days => "days",
            Unit::Hours => "hours",
            Unit::Minutes => "minutes",
            Unit::Seconds => "seconds",
        }
    }

    /// The kind of duration the unit measures.
    #[must_use]
    pub fn kind(self) -> DurationKind {
        match self {
            Unit::BusinessDays => DurationKind::BusinessDays,
            Unit::BusinessHours | Unit::BusinessMinutes | Unit::BusinessSeconds => {
                DurationKind::BusinessTime
            }
            _ => DurationKind::Elapsed,
        }
    }

    /// How many base amounts (business days, or seconds) one unit is.
    #[must_use]
    pub fn size(self) -> i64 {
        match self {
            Unit::BusinessDays | Unit::BusinessSeconds | Unit::Seconds => 1,
            Unit::BusinessMinutes | Unit::Minutes => 60,
            Unit::BusinessHours | Unit::Hours => 3600,
            Unit::Days => 86_400,
            Unit::Weeks => 604_800,
        }
    }

    /// How many ticks one unit is: 1 for business days, else the unit's nanoseconds (see
    /// [`Amount::ticks`]).
    #[must_use]
    pub fn ticks(self) -> i64 {
        match self {
            Unit::BusinessDays => 1,
            _ => self.size() * 1_000_000_000,
        }
    }

    /// Formats an amount in this unit: a whole number when exact, else rounded to two
    /// decimals (half away from zero), without trailing zeros. A business-day amount is a
    /// number of business days whatever the unit.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::TimeDelta;
    /// use slacal::WorkingTime;
    /// use slacal::sla::{Amount, BusinessDays, Unit};
    ///
    /// assert_eq!(Unit::Minutes.format(Amount::Elapsed(TimeDelta::seconds(750))), "12.5");
    /// assert_eq!(Unit::Hours.format(Amount::Elapsed(TimeDelta::seconds(-5400))), "-1.5");
    /// assert_eq!(Unit::BusinessHours.format(Amount::BusinessTime(WorkingTime::from_seconds(20))), "0.01");
    /// assert_eq!(Unit::Seconds.format(Amount::Elapsed(TimeDelta::milliseconds(250))), "0.25");
    /// assert_eq!(Unit::BusinessDays.format(Amount::BusinessDays(BusinessDays(3))), "3");
    /// ```
    #[must_use]
    pub fn format(self, amount: Amount) -> String {
        let unit = match amount {
            Amount::BusinessDays(_) => Unit::BusinessDays,
            _ => self,
        };
        let size = i128::from(unit.ticks());
        let scaled = i128::from(amount.ticks()) * 100;
        let hundredths = (scaled.abs() + size / 2) / size;
        let sign = if scaled < 0 && hundredths > 0 {
            "-"
        } else {
            ""
        };
        let (whole, fraction) = (hundredths / 100, hundredths % 100);
        match fraction {
            0 => format!("{sign}{whole}"),
            f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
            f => format!("{sign}{whole}.{f:02}"),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A number of business days: the unit of a business-day budget, and of the `elapsed` and
/// `remaining` of its clock ([`Amount::BusinessDays`]).
///
/// # Example
///
/// ```
/// use slacal::sla::BusinessDays;
///
/// assert_eq!(BusinessDays(15).to_string(), "15");
/// assert!(BusinessDays(-1) < BusinessDays(0));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BusinessDays(pub i64);

impl fmt::Display for BusinessDays {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// An amount of a clock's budget, typed by its kind: the `elapsed` and `remaining` of a
/// [`ClockOutcome`](crate::ClockOutcome), whose [`unit`](crate::ClockOutcome::unit) says how
/// it is written ([`Unit::format`]).
///
/// # Example
///
/// ```
/// use chrono::TimeDelta;
/// use slacal::sla::{Amount, BusinessDays, DurationKind, Unit};
///
/// let late = Amount::Elapsed(TimeDelta::minutes(-90));
/// assert_eq!(late.kind(), DurationKind::Elapsed);
/// assert_eq!(late.in_unit(Unit::Hours), -1.5);
/// assert_eq!(Unit::Hours.format(late), "-1.5");
/// assert_eq!(Amount::BusinessDays(BusinessDays(3)).ticks(), 3);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Amount {
    /// Business days, counted at each business day's close.
    BusinessDays(BusinessDays),
    /// Working time inside business hours, to the nanosecond.
    BusinessTime(WorkingTime),
    /// Physical time, to the nanosecond.
    Elapsed(TimeDelta),
}

impl Amount {
    /// An amount of a kind from its ticks (business days, or nanoseconds).
    pub(crate) fn from_ticks(kind: DurationKind, ticks: i64) -> Amount {
        match kind {
            DurationKind::BusinessDays => Amount::BusinessDays(BusinessDays(ticks)),
            DurationKind::BusinessTime => Amount::BusinessTime(WorkingTime::from_nanos(ticks)),
            DurationKind::Elapsed => Amount::Elapsed(TimeDelta::nanoseconds(ticks)),
        }
    }

    /// The kind of duration it measures.
    #[must_use]
    pub fn kind(self) -> DurationKind {
        match self {
            Amount::BusinessDays(_) => DurationKind::BusinessDays,
            Amount::BusinessTime(_) => DurationKind::BusinessTime,
            Amount::Elapsed(_) => DurationKind::Elapsed,
        }
    }

    /// The amount as one whole number, its ticks: business days for business days, else
    /// nanoseconds (saturating at about 292 years, beyond any clock's amounts).
    #[must_use]
    pub fn ticks(self) -> i64 {
        match self {
            Amount::BusinessDays(days) => days.0,
            Amount::BusinessTime(time) => time.nanos(),
            Amount::Elapsed(time) => {
                time.num_nanoseconds()
                    .unwrap_or(if time < TimeDelta::zero() {
                        i64::MIN
                    } else {
                        i64::MAX
                    })
            }
        }
    }

    /// The amount as a number of `unit`s, unrounded (`90 minutes` is 1.5 hours); a
    /// business-day amount is its number of business days whatever the unit.
    #[must_use]
    pub fn in_unit(self, unit: Unit) -> f64 {
        match self {
            Amount::BusinessDays(days) => days.0 as f64,
            _ => self.ticks() as f64 / unit.ticks() as f64,
        }
    }
}

/// A duration of one of the three kinds, with the unit it was stated in.
///
/// | kind | text | meaning |
/// |---|---|---|
/// | business days | `15 business days` | the deadline is the close of the 15th business day after day 0 |
/// | business time | `4 business hours`, `90 business minutes` | working time inside business hours, to the second |
/// | elapsed | `15 minutes`, `4 days 1 hour`, `1 week` | physical time: a day is 24 hours, a week 168 |
///
/// Numbers are whole; several terms of the same kind add up (`4 days 1 hour`,
/// `1 business hour 30 business minutes`). An elapsed duration may end in the word `elapsed`
/// (`1 week elapsed`). Business days do not combine with other units, and business time does
/// not combine with elapsed time.
///
/// # Example
///
/// ```
/// use slacal::sla::{DurationKind, SlaDuration, Unit};
///
/// let budget: SlaDuration = "4 days 1 hour".parse()?;
/// assert_eq!(budget.kind(), DurationKind::Elapsed);
/// assert_eq!(budget.amount(), 97 * 3600);
/// assert_eq!(budget.unit(), Unit::Hours);
/// assert_eq!(budget.to_string(), "4 days 1 hour");
/// assert_eq!("15 business days".parse::<SlaDuration>()?.amount(), 15);
/// assert_eq!("1 week".parse::<SlaDuration>()?.amount(), 7 * 86_400);
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SlaDuration {
    amount: i64,
    unit: Unit,
}

impl SlaDuration {
    /// A duration of `amount` base amounts (business days for [`Unit::BusinessDays`], seconds
    /// otherwise), reported in `unit`.
    ///
    /// # Errors
    ///
    /// An input error when the amount is negative.
    pub fn new(amount: i64, unit: Unit) -> Result<SlaDuration, Error> {
        if amount < 0 {
            return Err(Error::input(format!("a duration of {amount} is negative")));
        }
        Ok(SlaDuration { amount, unit })
    }

    /// `n` business days.
    ///
    /// # Errors
    ///
    /// An input error when `n` is negative.
    pub fn business_days(n: i64) -> Result<SlaDuration, Error> {
        SlaDuration::new(n, Unit::BusinessDays)
    }

    /// Parses a duration; see [`SlaDuration`] for the text.
    ///
    /// # Errors
    ///
    /// An input error naming the text and what is wrong with it.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::sla::SlaDuration;
    ///
    /// let err = SlaDuration::parse("10 bizness days").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "malformed duration `10 bizness days`: unknown unit `bizness` (expected business \
    ///      days, business hours, business minutes, business seconds, weeks, days, hours, \
    ///      minutes or seconds)"
    /// );
    /// ```
    pub fn parse(text: &str) -> Result<SlaDuration, Error> {
        parse(text).map_err(|why| Error::input(format!("malformed duration `{text}`: {why}")))
    }

    /// The kind of duration.
    #[must_use]
    pub fn kind(self) -> DurationKind {
        self.unit.kind()
    }

    /// The amount: business days for business days, seconds otherwise.
    #[must_use]
    pub fn amount(self) -> i64 {
        self.amount
    }

    /// The unit it was stated in (the smallest of its text).
    #[must_use]
    pub fn unit(self) -> Unit {
        self.unit
    }

    /// The amount in ticks (see [`Unit::ticks`]): business days, or nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let budget: slacal::sla::SlaDuration = "15 minutes".parse()?;
    /// assert_eq!(budget.ticks(), 900_000_000_000);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn ticks(self) -> i64 {
        ticks(self.kind(), self.amount)
    }
}

/// An amount (business days, or seconds) of a kind in ticks. Durations are at most
/// [`MAX_SECONDS`], so that this is exact; larger amounts saturate.
pub(crate) fn ticks(kind: DurationKind, amount: i64) -> i64 {
    match kind {
        DurationKind::BusinessDays => amount,
        _ => amount.saturating_mul(1_000_000_000),
    }
}

impl FromStr for SlaDuration {
    type Err = Error;

    fn from_str(text: &str) -> Result<SlaDuration, Error> {
        SlaDuration::parse(text)
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl fmt::Display for SlaDuration {
    /// The canonical text, which parses back to the same amount.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let amount = self.amount;
        let mut parts = Vec::new();
        match self.kind() {
            DurationKind::BusinessDays => parts.push(plural(amount, "business day")),
            DurationKind::BusinessTime => {
                let values = [
                    (amount / 3600, "business hour"),
                    (amount / 60 % 60, "business minute"),
                    (amount % 60, "business second"),
                ];
                for (n, word) in values {
                    if n > 0 {
                        parts.push(plural(n, word));
                    }
                }
            }
            DurationKind::Elapsed => {
                if amount > 0 && amount % 604_800 == 0 {
                    parts.push(plural(amount / 604_800, "week"));
                } else {
                    let values = [
                        (amount / 86_400, "day"),
                        (amount / 3600 % 24, "hour"),
                        (amount / 60 % 60, "minute"),
                        (amount % 60, "second"),
                    ];
                    for (n, word) in values {
                        if n > 0 {
                            parts.push(plural(n, word));
                        }
                    }
                }
            }
        }
        if parts.is_empty() {
            parts.push(format!("0 {}", self.unit.name().replace('_', " ")));
        }
        f.write_str(&parts.join(" "))
    }
}

/// The largest duration, in seconds (or business days).
const MAX_SECONDS: i64 = 9_000_000_000;

const UNITS: &str = "business days, business hours, business minutes, business seconds, weeks, \
                     days, hours, minutes or seconds";

fn unit_of(word: &str, business: bool) -> Option<Unit> {
    let unit = match word {
        "day" | "days" if business => Unit::BusinessDays,
        "hour" | "hours" if business => Unit::BusinessHours,
        "minute" | "minutes" if business => Unit::BusinessMinutes,
        "second" | "seconds" if business => Unit::BusinessSeconds,
        "week" | "weeks" if !business => Unit::Weeks,
        "day" | "days" => Unit::Days,
        "hour" | "hours" => Unit::Hours,
        "minute" | "minutes" => Unit::Minutes,
        "second" | "seconds" => Unit::Seconds,
        _ => return None,
    };
    Some(unit)
}

fn parse(text: &str) -> Result<SlaDuration, String> {
    let lower = text.to_ascii_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.last() == Some(&"elapsed") {
        words.pop();
        if words.is_empty() {
            return Err("it is empty".to_owned());
        }
        if words.contains(&"business") {
            return Err("business time is not elapsed time; drop `elapsed`".to_owned());
        }
    }
    if words.is_empty() {
        return Err(
            "it is empty (expected a number and a unit, like `15 business days`)".to_owned(),
        );
    }
    let mut total: i64 = 0;
    let mut smallest: Option<Unit> = None;
    let mut seen: Vec<Unit> = Vec::new();
    let mut rest = words.as_slice();
    while let [number, tail @ ..] = rest {
        let n: i64 = match number.parse::<u64>() {
            Ok(n) => i64::try_from(n).map_err(|_| format!("`{number}` is too large"))?,
            Err(_) => return Err(format!("`{number}` is not a whole number")),
        };
        let (business, tail) = match tail {
            ["business", tail @ ..] => (true, tail),
            _ => (false, tail),
        };
        let Some((word, tail)) = tail.split_first() else {
            return Err(format!("`{number}` has no unit (expected {UNITS})"));
        };
        let unit = unit_of(word, business).ok_or_else(|| {
            let shown = if business {
                format!("business {word}")
            } else {
                (*word).to_owned()
            };
            format!("unknown unit `{shown}` (expected {UNITS})")
        })?;
        if seen.contains(&unit) {
            return Err(format!(
                "`{}` is given twice",
                unit.name().replace('_', " ")
            ));
        }
        if let Some(previous) = smallest
            && previous.kind() != unit.kind()
        {
            return Err(match (previous.kind(), unit.kind()) {
                (DurationKind::BusinessDays, _) | (_, DurationKind::BusinessDays) => {
                    "business days do not combine with other units".to_owned()
                }
                _ => "business time and elapsed time do not combine".to_owned(),
            });
        }
        seen.push(unit);
        let amount = n
            .checked_mul(unit.size())
            .ok_or_else(|| format!("`{number} {word}` is too large"))?;
        total = total
            .checked_add(amount)
            .ok_or_else(|| "it is too large".to_owned())?;
        smallest = Some(match smallest {
            Some(previous) if previous.size() <= unit.size() => previous,
            _ => unit,
        });
        rest = tail;
    }
    // The loop ran at least once, so there is a unit.
    let unit = smallest.ok_or_else(|| "it has no unit".to_owned())?;
    // A clock measures time to the nanosecond in 64 bits: about 292 years.
    if total > MAX_SECONDS {
        return Err(format!(
            "it is too large (at most {MAX_SECONDS} seconds, about 285 years)"
        ));
    }
    Ok(SlaDuration {
        amount: total,
        unit,
    })
}

/// When a clock becomes `at_risk`: after a duration of any kind (measured like a budget of
/// that kind, from the same start, pauses excluded), or after a percentage of the budget.
///
/// # Example
///
/// ```
/// use slacal::sla::Threshold;
///
/// assert_eq!("75%".parse::<Threshold>()?.to_string(), "75%");
/// assert_eq!("62.5 %".parse::<Threshold>()?.to_string(), "62.5%");
/// assert_eq!("1 week elapsed".parse::<Threshold>()?.to_string(), "1 week");
/// assert!("150%".parse::<Threshold>().is_err());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Threshold {
    /// After this much of the duration's kind.
    After(SlaDuration),
    /// After this share of the budget, in hundredths of a percent (`7500` is 75 %).
    Percent(u32),
}

impl Threshold {
    /// Parses `50%`, `62.5 %` or a duration.
    ///
    /// # Errors
    ///
    /// An input error naming the text and what is wrong with it.
    pub fn parse(text: &str) -> Result<Threshold, Error> {
        let trimmed = text.trim();
        if let Some(number) = trimmed.strip_suffix('%') {
            return parse_percent(number.trim())
                .map(Threshold::Percent)
                .ok_or_else(|| {
                    Error::input(format!(
                        "malformed percentage `{text}` (expected a number above 0 and at most \
                         100, with up to two decimals, like `75%`)"
                    ))
                });
        }
        SlaDuration::parse(trimmed).map(Threshold::After)
    }

    /// The threshold as an amount of the budget's kind, for a percentage; `None` for a
    /// duration. Rounded up, since a threshold is reached at equality (50 % of 15 business
    /// days is reached after 8).
    #[must_use]
    pub fn share_of(self, budget: SlaDuration) -> Option<i64> {
        match self {
            Threshold::After(_) => None,
            Threshold::Percent(hundredths) => {
                let amount = i128::from(budget.amount()) * i128::from(hundredths);
                Some(((amount + 9_999) / 10_000) as i64)
            }
        }
    }
}

fn parse_percent(number: &str) -> Option<u32> {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || whole.len() > 3 || fraction.len() > 2 {
        return None;
    }
    if !whole
        .bytes()
        .chain(fraction.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = if fraction.is_empty() {
        0
    } else {
        format!("{fraction:0<2}").parse().ok()?
    };
    let value = whole * 100 + fraction;
    (1..=10_000).contains(&value).then_some(value)
}

impl FromStr for Threshold {
    type Err = Error;

    fn from_str(text: &str) -> Result<Threshold, Error> {
        Threshold::parse(text)
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Threshold::After(duration) => write!(f, "{duration}"),
            Threshold::Percent(value) => {
                write!(f, "{}", value / 100)?;
                match value % 100 {
                    0 => {}
                    x if x % 10 == 0 => write!(f, ".{}", x / 10)?,
                    x => write!(f, ".{x:02}")?,
                }
                f.write_str("%")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(text: &str) -> SlaDuration {
        SlaDuration::parse(text).unwrap()
    }

    fn error(text: &str) -> String {
        SlaDuration::parse(text).unwrap_err().to_string()
    }

    #[test]
    fn the_readable_forms_of_the_three_kinds() {
        assert_eq!(
            duration("15 business days"),
            SlaDuration {
                amount: 15,
                unit: Unit::BusinessDays
            }
        );
        assert_eq!(duration("1 business day").amount(), 1);
        assert_eq!(duration("4 business hours").amount(), 14_400);
        assert_eq!(duration("4 business hours").unit(), Unit::BusinessHours);
        assert_eq!(
            duration("1 business hour 30 business minutes").amount(),
            5400
        );
        assert_eq!(
            duration("1 business hour 30 business minutes").unit(),
            Unit::BusinessMinutes
        );
        assert_eq!(duration("15 minutes").amount(), 900);
        assert_eq!(duration("15 Minutes").unit(), Unit::Minutes);
        assert_eq!(duration("4 days 1 hour").amount(), 4 * 86_400 + 3600);
        assert_eq!(duration("1 hour 4 days").unit(), Unit::Hours);
        assert_eq!(duration("1 week").amount(), 604_800);
        assert_eq!(duration("1 week").unit(), Unit::Weeks);
        assert_eq!(duration("  1   week  elapsed ").amount(), 604_800);
        assert_eq!(duration("0 business days").amount(), 0);
        assert_eq!(duration("45 seconds").unit(), Unit::Seconds);
    }

    #[test]
    fn canonical_text_round_trips() {
        for text in [
            "15 business days",
            "1 business day",
            "4 business hours",
            "1 business hour 30 business minutes",
            "15 minutes",
            "4 days 1 hour",
            "1 week",
            "2 weeks",
            "10 days",
            "1 day 2 hours 3 minutes 4 seconds",
            "0 business days",
        ] {
            let parsed = duration(text);
            assert_eq!(parsed.to_string(), text);
            assert_eq!(duration(&parsed.to_string()).amount(), parsed.amount());
        }
        assert_eq!(duration("7 days").to_string(), "1 week");
        assert_eq!(
            duration("90 business minutes").to_string(),
            "1 business hour 30 business minutes"
        );
    }

    #[test]
    fn malformed_durations_say_what_is_wrong() {
        assert_eq!(
            error(""),
            "malformed duration ``: it is empty (expected a number and a unit, like `15 business days`)"
        );
        assert_eq!(
            error("fifteen business days"),
            "malformed duration `fifteen business days`: `fifteen` is not a whole number"
        );
        assert_eq!(
            error("15"),
            "malformed duration `15`: `15` has no unit (expected business days, business hours, \
             business minutes, business seconds, weeks, days, hours, minutes or seconds)"
        );
        assert_eq!(
            error("2 business weeks"),
            "malformed duration `2 business weeks`: unknown unit `business weeks` (expected \
             business days, business hours, business minutes, business seconds, weeks, days, \
             hours, minutes or seconds)"
        );
        assert_eq!(
            error("1 business day 4 business hours"),
            "malformed duration `1 business day 4 business hours`: business days do not combine \
             with other units"
        );
        assert_eq!(
            error("4 business hours 30 minutes"),
            "malformed duration `4 business hours 30 minutes`: business time and elapsed time do \
             not combine"
        );
        assert_eq!(
            error("1 day 2 days"),
            "malformed duration `1 day 2 days`: `days` is given twice"
        );
        assert_eq!(
            error("1.5 hours"),
            "malformed duration `1.5 hours`: `1.5` is not a whole number"
        );
        assert_eq!(
            error("-3 days"),
            "malformed duration `-3 days`: `-3` is not a whole number"
        );
        assert_eq!(
            error("4 business hours elapsed"),
            "malformed duration `4 business hours elapsed`: business time is not elapsed time; drop `elapsed`"
        );
        assert!(error("99999999999999999999 days").contains("not a whole number"));
        assert!(error("9999999999999 weeks").contains("too large"));
    }

    #[test]
    fn thresholds_and_their_share_of_the_budget() {
        let budget = duration("15 business days");
        assert_eq!(Threshold::parse("50%").unwrap().share_of(budget), Some(8));
        assert_eq!(Threshold::parse("100%").unwrap().share_of(budget), Some(15));
        assert_eq!(Threshold::parse("0.01%").unwrap(), Threshold::Percent(1));
        let hours = duration("4 business hours");
        assert_eq!(
            Threshold::parse("75 %").unwrap().share_of(hours),
            Some(10_800)
        );
        assert_eq!(Threshold::parse("1 week").unwrap().share_of(hours), None);
        for bad in ["0%", "100.5%", "50.123%", "abc%", "%", "-5%"] {
            assert!(Threshold::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Threshold::parse("120%").unwrap_err().to_string(),
            "malformed percentage `120%` (expected a number above 0 and at most 100, with up to \
             two decimals, like `75%`)"
        );
    }

    #[test]
    fn unit_formatting_rounds_to_hundredths() {
        const S: i64 = 1_000_000_000;
        let nanos = |n: i64| Amount::Elapsed(TimeDelta::nanoseconds(n));
        assert_eq!(Unit::Minutes.format(nanos(900 * S)), "15");
        assert_eq!(Unit::Minutes.format(nanos(7 * S)), "0.12");
        assert_eq!(Unit::Minutes.format(nanos(-7 * S)), "-0.12");
        assert_eq!(Unit::Hours.format(nanos(S)), "0");
        assert_eq!(Unit::Hours.format(nanos(-S)), "0");
        assert_eq!(Unit::Weeks.format(nanos(302_400 * S)), "0.5");
        assert_eq!(Unit::Seconds.format(nanos(S / 200)), "0.01");
        assert_eq!(Unit::Seconds.format(nanos(S / 200 - 1)), "0");
        assert_eq!(
            Unit::BusinessDays.format(Amount::BusinessDays(BusinessDays(-2))),
            "-2"
        );
    }
}
