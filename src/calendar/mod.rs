//! Business-day calendars and their arithmetic.
//!
//! A [`Calendar`] knows which days are business days over the years its data covers: a day is
//! a business day when it is not a weekend day (unless declared a working day) and not a
//! holiday. The weekend is any set of weekdays and may change from a given date on (the UAE
//! moved from Friday–Saturday to Saturday–Sunday on 2022-01-01).
//!
//! # The arithmetic, precisely
//!
//! - [`Calendar::add_business_days`]`(d, n)`: for n > 0 the n-th business day strictly after
//!   `d`; for n < 0 the |n|-th business day strictly before `d`; for n = 0, `d` itself when it
//!   is a business day, else the next business day. This is the "count from the next day" start
//!   rule ([`StartRule::NextDay`], as QuantLib and numpy's `busday_offset` with
//!   `roll='backward'`); "roll forward, then count" ([`StartRule::RollForward`], as the `bdays`
//!   crate: Sunday + 1 = Tuesday) is available through [`Calendar::add_business_days_with`].
//! - [`Calendar::business_days_between`]`(a, b)` is `F(b) − F(a)`, where `F(x)` counts the
//!   business days before `x`. For a ≤ b it is the number of business days in the half-open
//!   range `[a, b)`, like numpy's `busday_count`; for b < a it is minus the number of business
//!   days in `[b, a)`. It is antisymmetric and adds up: `between(a, b) + between(b, c) ==
//!   between(a, c)`. (numpy ≥ 1.25 counts a reversed range as −(b, a]; slacal does not.)
//!
//! Every query is O(1) on a precomputed index (a bitmap with cumulative counts) and allocates
//! nothing. A date outside 1900-01-01 ..= 2199-12-31, outside the years the calendar covers,
//! or an answer that would leave them, is an [`Error`] for which [`Error::is_range`] holds.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use slacal::Calendar;
//!
//! let us = Calendar::builtin("US")?;
//! let friday = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
//! // Thanksgiving (Thursday 2026-11-26) is skipped.
//! assert_eq!(us.add_business_days(friday, 5)?, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
//! assert_eq!(us.business_days_between(friday, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())?, 5);
//! # Ok::<(), slacal::Error>(())
//! ```

pub mod date32;
mod digest;
mod index;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate, Weekday, WeekdaySet};

use crate::Error;
use crate::error::Detail;
pub(crate) use digest::digest;
use index::Index;
pub(crate) use index::weekday_from_index;

/// Where counting starts when adding business days to a date that is not a business day.
///
/// The two rules agree on business days and on n ≤ 0; they differ for n > 0 from a
/// non-business day.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::{Calendar, StartRule};
///
/// let us = Calendar::builtin("US")?;
/// let sunday = NaiveDate::from_ymd_opt(2026, 11, 8).unwrap();
/// assert_eq!(us.add_business_days_with(sunday, 1, StartRule::NextDay)?.to_string(), "2026-11-09");
/// assert_eq!(us.add_business_days_with(sunday, 1, StartRule::RollForward)?.to_string(), "2026-11-10");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StartRule {
    /// Count from the next day: n > 0 gives the n-th business day strictly after the date
    /// (QuantLib, numpy `busday_offset(roll='backward')` for n > 0). The default.
    #[default]
    NextDay,
    /// Roll the date forward to a business day, then count from it (BusinessDays.jl, the
    /// `bdays` crate): Sunday + 1 business day = Tuesday.
    RollForward,
}

impl FromStr for StartRule {
    type Err = Error;

    fn from_str(text: &str) -> Result<StartRule, Error> {
        match text {
            "next-day" | "next_day" => Ok(StartRule::NextDay),
            "roll-forward" | "roll_forward" => Ok(StartRule::RollForward),
            _ => Err(Error::input(format!(
                "unknown start rule `{text}` (expected `next-day` or `roll-forward`)"
            ))),
        }
    }
}

impl fmt::Display for StartRule {
    /// The rule's name, as [`FromStr`] reads it: `next-day` or `roll-forward`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StartRule::NextDay => "next-day",
            StartRule::RollForward => "roll-forward",
        })
    }
}

/// A business-day adjustment convention, as used for payment and settlement dates.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::{Calendar, Convention};
///
/// let us = Calendar::builtin("US")?;
/// // Saturday 2026-10-31: following would leave the month, so modified following goes back.
/// let date = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
/// assert_eq!(us.adjust(date, Convention::Following)?.to_string(), "2026-11-02");
/// assert_eq!(us.adjust(date, Convention::ModifiedFollowing)?.to_string(), "2026-10-30");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Convention {
    /// The first business day on or after the date.
    Following,
    /// Following, unless that is in the next month; then preceding.
    ModifiedFollowing,
    /// The last business day on or before the date.
    Preceding,
    /// Preceding, unless that is in the previous month; then following.
    ModifiedPreceding,
    /// The date itself.
    Unadjusted,
}

impl FromStr for Convention {
    type Err = Error;

    fn from_str(text: &str) -> Result<Convention, Error> {
        match text.replace('_', "-").as_str() {
            "following" => Ok(Convention::Following),
            "modified-following" => Ok(Convention::ModifiedFollowing),
            "preceding" => Ok(Convention::Preceding),
            "modified-preceding" => Ok(Convention::ModifiedPreceding),
            "unadjusted" => Ok(Convention::Unadjusted),
            _ => Err(Error::input(format!(
                "unknown convention `{text}` (expected following, modified-following, \
                 preceding, modified-preceding or unadjusted)"
            ))),
        }
    }
}

/// A holiday of a calendar on one date.
///
/// Observed (substitute) days are holidays of their own, named after the holiday they stand
/// in for with ` (observed)` appended.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Holiday {
    date: NaiveDate,
    name: Arc<str>,
    calendar: Arc<str>,
    observed: bool,
    estimated: bool,
}

impl Holiday {
    /// A holiday on `date` called `name`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use slacal::Holiday;
    ///
    /// let day = Holiday::new(NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(), "Company closure");
    /// assert_eq!(day.name(), "Company closure");
    /// assert!(!day.is_observed());
    /// ```
    #[must_use]
    pub fn new(date: NaiveDate, name: impl Into<Arc<str>>) -> Holiday {
        Holiday {
            date,
            name: name.into(),
            calendar: Arc::from(""),
            observed: false,
            estimated: false,
        }
    }

    /// Marks this holiday as an observed (substitute) day.
    #[must_use]
    pub fn observed(mut self, observed: bool) -> Holiday {
        self.observed = observed;
        self
    }

    /// Marks this holiday's date as estimated (computed ahead of an official announcement).
    #[must_use]
    pub fn estimated(mut self, estimated: bool) -> Holiday {
        self.estimated = estimated;
        self
    }

    /// The date of the holiday.
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The name, e.g. `Christmas Day (observed)`.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The id of the calendar this holiday belongs to (e.g. `GB-ENG`).
    #[must_use]
    pub fn calendar(&self) -> &str {
        &self.calendar
    }

    /// True for an observed or substitute day.
    #[must_use]
    pub fn is_observed(&self) -> bool {
        self.observed
    }

    /// True when the date is an estimate rather than an announced or rule-given date.
    #[must_use]
    pub fn is_estimated(&self) -> bool {
        self.estimated
    }
}

impl fmt::Display for Holiday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.date, self.name)?;
        if !self.calendar.is_empty() {
            write!(f, " ({})", self.calendar)?;
        }
        if self.estimated {
            f.write_str(" [estimated]")?;
        }
        Ok(())
    }
}

/// A weekend day declared a working day (for example a make-up working day in China).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WorkingDay {
    date: NaiveDate,
    name: Arc<str>,
    calendar: Arc<str>,
}

impl WorkingDay {
    /// A working day on `date`, with the reason it is one.
    #[must_use]
    pub fn new(date: NaiveDate, name: impl Into<Arc<str>>) -> WorkingDay {
        WorkingDay {
            date,
            name: name.into(),
            calendar: Arc::from(""),
        }
    }

    /// The date.
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Why the day is a working day.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The id of the calendar that declares it.
    #[must_use]
    pub fn calendar(&self) -> &str {
        &self.calendar
    }
}

/// Everything a calendar says about one date.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DayInfo<'a> {
    /// The date.
    pub date: NaiveDate,
    /// Whether it is a business day.
    pub business: bool,
    /// Whether its weekday is a weekend day of the calendar on that date.
    pub weekend: bool,
    /// The holidays on that date (several when holidays coincide).
    pub holidays: &'a [Holiday],
    /// The working-day declarations on that date.
    pub working_days: &'a [WorkingDay],
}

impl DayInfo<'_> {
    /// A short reason for a non-business day (`weekend`, or the holidays' names with their
    /// calendars), or `business day`.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use slacal::Calendar;
    ///
    /// let us = Calendar::builtin("US")?;
    /// let info = us.day_info(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())?;
    /// assert_eq!(info.reason(), "Thanksgiving Day (US)");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn reason(&self) -> String {
        self.reason_text().into_owned()
    }

    /// [`DayInfo::reason`], borrowed when it is a fixed text (`weekend`, `business day`).
    pub(crate) fn reason_text(&self) -> std::borrow::Cow<'static, str> {
        if !self.holidays.is_empty() {
            let mut text = String::with_capacity(64);
            for (i, h) in self.holidays.iter().enumerate() {
                if i > 0 {
                    text.push_str("; ");
                }
                text.push_str(&h.name);
                text.push_str(" (");
                text.push_str(&h.calendar);
                text.push(')');
                if h.estimated {
                    text.push_str(" [estimated]");
                }
            }
            text.into()
        } else if self.business && !self.working_days.is_empty() {
            let names: Vec<String> = self
                .working_days
                .iter()
                .map(|w| format!("working day: {} ({})", w.name, w.calendar))
                .collect();
            names.join("; ").into()
        } else if self.weekend && !self.business {
            "weekend".into()
        } else {
            "business day".into()
        }
    }
}

/// Where a walk over increasing dates is in a calendar's holidays and working days (see
/// `Calendar::day_info_from`).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DayCursor {
    holidays: usize,
    working_days: usize,
}

/// The entries of `items` (sorted by date) dated `date`, found by galloping from `*at`, which
/// is left at the first entry dated `date` or later: dates near the last one asked cost a
/// few comparisons, whichever way they lie.
fn dated_from<T>(
    items: &[T],
    at: &mut usize,
    date_of: impl Fn(&T) -> NaiveDate,
    date: NaiveDate,
) -> std::ops::Range<usize> {
    let before = |i: usize| date_of(&items[i]) < date;
    let mut start = (*at).min(items.len());
    if start < items.len() && before(start) {
        // Forward: everything before `lo` is before `date`.
        let (mut lo, mut step) = (start + 1, 1);
        while lo + step - 1 < items.len() && before(lo + step - 1) {
            lo += step;
            step *= 2;
        }
        let hi = (lo + step - 1).min(items.len());
        start = lo + items[lo..hi].partition_point(|item| date_of(item) < date);
    } else if start > 0 && !before(start - 1) {
        // Backward: the entry at `hi` is dated `date` or later.
        let (mut hi, mut step) = (start - 1, 1);
        while hi >= step && !before(hi - step) {
            hi -= step;
            step *= 2;
        }
        let lo = if hi >= step { hi - step + 1 } else { 0 };
        start = lo + items[lo..hi].partition_point(|item| date_of(item) < date);
    }
    let end = start
        + items[start..]
            .iter()
            .take_while(|item| date_of(item) == date)
            .count();
    *at = start;
    start..end
}

/// A business-day calendar: weekend, holidays and working days over the years it covers, with
/// O(1) arithmetic.
///
/// A `Calendar` is a cheap handle (one `Arc`): clone it freely and share it between threads.
/// Get a built-in one with [`Calendar::builtin`], build your own with [`Calendar::builder`],
/// load a folder of holiday files with [`crate::Registry`], and combine several with
/// [`Calendar::joint`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::Calendar;
///
/// let cal = Calendar::builtin("GB-ENG")?;
/// let christmas = NaiveDate::from_ymd_opt(2021, 12, 25).unwrap();
/// // Christmas and Boxing Day 2021 fell on a weekend; their substitutes are 27 and 28 December.
/// assert_eq!(cal.add_business_days(christmas, 1)?.to_string(), "2021-12-29");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone)]
pub struct Calendar {
    data: Arc<CalendarData>,
}

struct CalendarData {
    id: String,
    name: String,
    first_year: i32,
    last_year: i32,
    /// Weekend in force from each day on, sorted; the first entry applies before the second.
    weekends: Vec<(i32, WeekdaySet)>,
    /// Sorted by date, then calendar and name.
    holidays: Vec<Holiday>,
    /// Sorted by date.
    working_days: Vec<WorkingDay>,
    index: Index,
    data_version: String,
    sources: Vec<String>,
    parts: Vec<Calendar>,
    /// Covered years whose holidays are estimates.
    estimated_years: Option<(i32, i32)>,
    /// Years after the covered ones that a calendar allowing estimates would cover.
    estimates_available: Option<(i32, i32)>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("id", &self.data.id)
            .field("years", &(self.data.first_year..=self.data.last_year))
            .field("holidays", &self.data.holidays.len())
            .finish_non_exhaustive()
    }
}

impl Calendar {
    /// A builder for a calendar of your own.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{NaiveDate, Weekday, WeekdaySet};
    /// use slacal::{Calendar, Holiday};
    ///
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let cal = Calendar::builder("ACME")
    ///     .name("Acme Corp. offices")
    ///     .years(2020, 2030)
    ///     .weekend(WeekdaySet::from_array([Weekday::Sat, Weekday::Sun]))
    ///     .holiday(Holiday::new(date(2026, 12, 24), "Company closure"))
    ///     .build()?;
    /// assert!(!cal.is_business_day(date(2026, 12, 24))?);
    /// assert_eq!(cal.add_business_days(date(2026, 12, 23), 1)?, date(2026, 12, 25));
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn builder(id: impl Into<String>) -> CalendarBuilder {
        CalendarBuilder::new(id)
    }

    /// The calendar's id, e.g. `GB-ENG` or `US+GB-ENG`.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.data.id
    }

    /// The display name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.data.name
    }

    /// The first year the calendar's data covers.
    #[must_use]
    pub fn first_year(&self) -> i32 {
        self.data.first_year
    }

    /// The last year the calendar's data covers.
    #[must_use]
    pub fn last_year(&self) -> i32 {
        self.data.last_year
    }

    /// The covered years whose holidays are estimates rather than announced or rule-given
    /// dates (first, last), if any: only a calendar built with [`crate::Estimates::Allow`]
    /// has them.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Estimates, Registry};
    ///
    /// let registry = Registry::builtin()?;
    /// assert_eq!(registry.calendar("AE")?.estimated_years(), None);
    /// let ae = registry.calendar_with("AE", Estimates::Allow)?;
    /// assert_eq!(ae.estimated_years(), Some((ae.last_year() - 172, ae.last_year())));
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn estimated_years(&self) -> Option<(i32, i32)> {
        self.data.estimated_years
    }

    /// The years after the covered ones that the same calendar would cover with estimated
    /// dates if estimates were allowed (see [`crate::Estimates`]), if any.
    #[must_use]
    pub fn estimates_available(&self) -> Option<(i32, i32)> {
        self.data.estimates_available
    }

    /// The first covered date (1 January of the first year).
    #[must_use]
    pub fn first_date(&self) -> NaiveDate {
        date32::to_naive_in_range(self.data.index.first())
    }

    /// The first covered date as a day number.
    pub(crate) fn first_day(&self) -> i32 {
        self.data.index.first()
    }

    /// The last covered date (31 December of the last year).
    #[must_use]
    pub fn last_date(&self) -> NaiveDate {
        date32::to_naive_in_range(self.data.index.last())
    }

    /// A digest of the holiday definitions the calendar was built from (`sha256:` and 16 hex
    /// digits), so that a result can be tied to the data that produced it.
    #[must_use]
    pub fn data_version(&self) -> &str {
        &self.data.data_version
    }

    /// The sources (statutes, official pages) the calendar's data was taken from.
    #[must_use]
    pub fn sources(&self) -> &[String] {
        &self.data.sources
    }

    /// The calendars a joint calendar is made of (empty for a plain calendar).
    #[must_use]
    pub fn parts(&self) -> &[Calendar] {
        &self.data.parts
    }

    /// The weekend in force on a date.
    #[must_use]
    pub fn weekend_on(&self, date: NaiveDate) -> WeekdaySet {
        weekend_at(&self.data.weekends, date32::from_naive(date))
    }

    /// Every change of weekend: the date from which each weekend is in force (the first entry
    /// is the calendar's first covered date).
    #[must_use]
    pub fn weekend_changes(&self) -> Vec<(NaiveDate, WeekdaySet)> {
        let first = self.data.index.first();
        let mut changes = vec![(
            date32::to_naive_in_range(first),
            weekend_at(&self.data.weekends, first),
        )];
        changes.extend(
            self.data
                .weekends
                .iter()
                .filter(|(from, _)| *from > first && *from <= self.data.index.last())
                .map(|&(from, set)| (date32::to_naive_in_range(from), set)),
        );
        changes
    }

    /// The business-day bitmap behind the index: the day number of its first bit and its
    /// words (bit set = business day; bits past the last covered day are zero). Working-time
    /// arithmetic weighs these bits by weekday.
    pub(crate) fn business_bitmap(&self) -> (i32, Vec<u64>) {
        (self.data.index.first(), self.data.index.bitmap())
    }

    /// The error for a day number the calendar does not cover.
    pub(crate) fn not_covered_error(&self, day: i32) -> Error {
        self.not_covered(day)
    }

    /// [`Calendar::is_business_day`] on a day number.
    #[inline]
    pub(crate) fn is_business_date32(&self, day: i32) -> Result<bool, Error> {
        self.data
            .index
            .is_business(day)
            .ok_or_else(|| self.not_covered(day))
    }

    /// The covered day number of a date, or the range error that explains why it is not
    /// covered.
    fn covered(&self, date: NaiveDate) -> Result<i32, Error> {
        let day = date32::from_naive(date);
        self.check_day(day)?;
        Ok(day)
    }

    /// Checks that a day number is covered by the calendar.
    fn check_day(&self, day: i32) -> Result<(), Error> {
        if self.data.index.offset(day).is_some() {
            return Ok(());
        }
        Err(self.not_covered(day))
    }

    fn not_covered(&self, day: i32) -> Error {
        if !(date32::MIN..=date32::MAX).contains(&day) {
            let shown = NaiveDate::from_num_days_from_ce_opt(day.saturating_add(719_163))
                .map_or_else(|| format!("day number {day}"), |d| d.to_string());
            return Error::range(format!(
                "date `{shown}` is outside the supported range 1900-01-01 ..= 2199-12-31"
            ));
        }
        let (year, ..) = date32::to_civil(day);
        let (first, last) = (self.data.first_year, self.data.last_year);
        let side = if year < first { "before" } else { "after" };
        let message = format!(
            "date `{}` is {side} the years covered by calendar `{}` ({first}..={last})",
            date32::to_naive_in_range(day),
            self.data.id
        );
        self.with_estimates_hint(message, year)
    }

    /// A range error, which says so when estimates would cover `year` (and is then
    /// [`Error::is_estimates_needed`]).
    fn with_estimates_hint(&self, mut message: String, year: i32) -> Error {
        match self.estimates_hint(year) {
            Some(hint) => {
                message.push_str(&hint);
                Error::range(message).with_detail(Detail::EstimatesNeeded)
            }
            None => Error::range(message),
        }
    }

    /// Why a year after the covered ones is not covered, when estimates would cover it.
    fn estimates_hint(&self, year: i32) -> Option<String> {
        if let Some((first, last)) = self.data.estimates_available
            && (first..=last).contains(&year)
        {
            return Some(format!(
                ": the holidays of `{}` after {} are not announced yet; estimated dates cover \
                 the years up to {last} when estimates are allowed (`Estimates::Allow`)",
                self.data.id,
                first - 1
            ));
        }
        self.data
            .parts
            .iter()
            .find_map(|part| part.estimates_hint(year))
    }

    fn left_range(&self, what: impl fmt::Display) -> Error {
        let message = format!(
            "{what} leaves the years covered by calendar `{}` ({}..={})",
            self.data.id, self.data.first_year, self.data.last_year
        );
        self.with_estimates_hint(message, self.data.last_year + 1)
    }

    /// Whether a date is a business day.
    ///
    /// # Errors
    ///
    /// A range error when the date is outside the years the calendar covers.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let us = slacal::Calendar::builtin("US")?;
    /// assert!(!us.is_business_day(NaiveDate::from_ymd_opt(2021, 12, 31).unwrap())?); // New Year 2022 observed
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn is_business_day(&self, date: NaiveDate) -> Result<bool, Error> {
        let day = date32::from_naive(date);
        self.data
            .index
            .is_business(day)
            .ok_or_else(|| self.not_covered(day))
    }

    /// Adds `n` business days to a date with the default start rule ([`StartRule::NextDay`]):
    /// n > 0 gives the n-th business day strictly after `date`, n < 0 the |n|-th strictly
    /// before, n = 0 the date itself if it is a business day, else the next one.
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered or the answer would leave the covered years.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let us = slacal::Calendar::builtin("US")?;
    /// let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    /// assert_eq!(us.add_business_days(date, 15)?.to_string(), "2026-12-14");
    /// assert_eq!(us.add_business_days(date, -1)?.to_string(), "2026-11-19");
    /// assert!(us.add_business_days(date, 1_000_000).unwrap_err().is_range());
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn add_business_days(&self, date: NaiveDate, n: i64) -> Result<NaiveDate, Error> {
        let day = self.add_business_days_date32(date32::from_naive(date), n)?;
        Ok(date32::to_naive_in_range(day))
    }

    /// Adds `n` business days with an explicit start rule.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_business_days`].
    pub fn add_business_days_with(
        &self,
        date: NaiveDate,
        n: i64,
        rule: StartRule,
    ) -> Result<NaiveDate, Error> {
        let mut day = date32::from_naive(date);
        if rule == StartRule::RollForward && n > 0 {
            day = self.add_business_days_date32(day, 0)?;
        }
        let day = self.add_business_days_date32(day, n)?;
        Ok(date32::to_naive_in_range(day))
    }

    /// [`Calendar::add_business_days`] on a day number (days since 1970-01-01).
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_business_days`].
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{date32, Calendar};
    ///
    /// let us = Calendar::builtin("US")?;
    /// let day = date32::parse_iso(b"2026-11-25")?;
    /// assert_eq!(us.add_business_days_date32(day, 1)?, date32::parse_iso(b"2026-11-27")?);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[inline]
    pub fn add_business_days_date32(&self, day: i32, n: i64) -> Result<i32, Error> {
        self.data.index.add(day, n).map_err(|not_covered| {
            if not_covered {
                self.not_covered(day)
            } else {
                let date = date32::to_naive_in_range(day);
                self.left_range(format_args!("adding {n} business days to {date}"))
            }
        })
    }

    /// The number of business days from `a` to `b`: `F(b) − F(a)` where `F(x)` counts the
    /// business days before `x`; for a ≤ b the business days in `[a, b)`.
    ///
    /// # Errors
    ///
    /// A range error when either date is not covered.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let us = slacal::Calendar::builtin("US")?;
    /// let a = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    /// let b = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    /// assert_eq!(us.business_days_between(a, b)?, 250);
    /// assert_eq!(us.business_days_between(b, a)?, -250);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn business_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, Error> {
        self.business_days_between_date32(date32::from_naive(a), date32::from_naive(b))
    }

    /// [`Calendar::business_days_between`] on day numbers.
    ///
    /// # Errors
    ///
    /// As [`Calendar::business_days_between`].
    #[inline]
    pub fn business_days_between_date32(&self, a: i32, b: i32) -> Result<i64, Error> {
        self.data.index.between(a, b).ok_or_else(|| {
            let bad = if self.data.index.offset(a).is_none() {
                a
            } else {
                b
            };
            self.not_covered(bad)
        })
    }

    /// The first business day strictly after a date.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_business_days`].
    pub fn next_business_day(&self, date: NaiveDate) -> Result<NaiveDate, Error> {
        self.add_business_days(date, 1)
    }

    /// The last business day strictly before a date.
    ///
    /// # Errors
    ///
    /// As [`Calendar::add_business_days`].
    pub fn previous_business_day(&self, date: NaiveDate) -> Result<NaiveDate, Error> {
        self.add_business_days(date, -1)
    }

    /// Adjusts a date to a business day by a convention.
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered or the adjusted date would leave the
    /// covered years.
    pub fn adjust(&self, date: NaiveDate, convention: Convention) -> Result<NaiveDate, Error> {
        let day = self.covered(date)?;
        let index = &self.data.index;
        let roll = |forward: bool| {
            index
                .roll(day, forward)
                .ok_or_else(|| self.left_range(format_args!("adjusting {date} by {convention:?}")))
        };
        let same_month = |other: i32| date32::to_civil(other).1 == date.month();
        let day = match convention {
            Convention::Unadjusted => day,
            Convention::Following => roll(true)?,
            Convention::Preceding => roll(false)?,
            Convention::ModifiedFollowing => match roll(true) {
                Ok(next) if same_month(next) => next,
                _ => roll(false)?,
            },
            Convention::ModifiedPreceding => match roll(false) {
                Ok(previous) if same_month(previous) => previous,
                _ => roll(true)?,
            },
        };
        Ok(date32::to_naive_in_range(day))
    }

    /// The holidays from `from` to `to`, both included, in date order (observed days as their
    /// own entries).
    ///
    /// # Errors
    ///
    /// A range error when either date is not covered.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let cal = slacal::Calendar::builtin("US")?;
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let names: Vec<&str> = cal
    ///     .holidays_between(date(2021, 12, 1), date(2022, 1, 31))?
    ///     .iter()
    ///     .map(|h| h.name())
    ///     .collect();
    /// assert_eq!(names[..3], ["Christmas Day (observed)", "Christmas Day", "New Year's Day (observed)"]);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> Result<&[Holiday], Error> {
        self.covered(from)?;
        self.covered(to)?;
        let holidays = &self.data.holidays;
        let start = holidays.partition_point(|h| h.date < from);
        let end = holidays.partition_point(|h| h.date <= to).max(start);
        Ok(&holidays[start..end])
    }

    /// Every holiday the calendar knows, in date order.
    #[must_use]
    pub fn holidays(&self) -> &[Holiday] {
        &self.data.holidays
    }

    /// The declared working days (weekend days that are working), in date order.
    #[must_use]
    pub fn working_days(&self) -> &[WorkingDay] {
        &self.data.working_days
    }

    /// Everything the calendar says about a date: business day or not, weekend, holidays,
    /// working-day declarations.
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered.
    pub fn day_info(&self, date: NaiveDate) -> Result<DayInfo<'_>, Error> {
        self.day_info_from(date, &mut DayCursor::default())
    }

    /// [`Calendar::day_info`] for dates asked in increasing order: `cursor` keeps where the
    /// last date left the holidays and working days, so that a walk over many days searches
    /// them once rather than once a day.
    pub(crate) fn day_info_from(
        &self,
        date: NaiveDate,
        cursor: &mut DayCursor,
    ) -> Result<DayInfo<'_>, Error> {
        let day = self.covered(date)?;
        let holidays = &self.data.holidays;
        let working = &self.data.working_days;
        let on = dated_from(holidays, &mut cursor.holidays, |h| h.date, date);
        let working_on = dated_from(working, &mut cursor.working_days, |w| w.date, date);
        Ok(DayInfo {
            date,
            business: self.data.index.is_business(day) == Some(true),
            weekend: weekend_at(&self.data.weekends, day).contains(date.weekday()),
            holidays: &holidays[on],
            working_days: &working[working_on],
        })
    }

    /// The non-business days from `from` to `to`, both included, with what the calendar says
    /// about each.
    ///
    /// # Errors
    ///
    /// A range error when either date is not covered.
    pub fn non_business_days(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<impl Iterator<Item = DayInfo<'_>> + '_, Error> {
        let start = self.covered(from)?;
        let end = self.covered(to)?;
        Ok((start..=end)
            .filter(move |&day| self.data.index.is_business(day) == Some(false))
            .filter_map(move |day| self.day_info(date32::to_naive_in_range(day)).ok()))
    }

    /// Bulk [`Calendar::add_business_days_date32`]: `out[i] = add(days[i], n[i])`.
    ///
    /// # Errors
    ///
    /// The error of the first element that fails, with its position; the elements before it
    /// are written.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{date32, Calendar};
    ///
    /// let us = Calendar::builtin("US")?;
    /// let days = [date32::parse_iso(b"2026-11-25")?, date32::parse_iso(b"2026-11-30")?];
    /// let mut out = [0; 2];
    /// us.add_business_days_bulk(&days, &[1, -1], &mut out)?;
    /// assert_eq!(out, [date32::parse_iso(b"2026-11-27")?, date32::parse_iso(b"2026-11-27")?]);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn add_business_days_bulk(
        &self,
        days: &[i32],
        n: &[i32],
        out: &mut [i32],
    ) -> Result<(), Error> {
        check_lengths(days.len(), n.len(), out.len())?;
        self.data.index.add_bulk(days, n, out).map_err(|i| {
            // `i` is a position in the inputs, whose lengths were checked equal.
            let err = self
                .add_business_days_date32(days[i], i64::from(n[i]))
                .err();
            bulk_error(err, i)
        })
    }

    /// Bulk [`Calendar::business_days_between_date32`]: `out[i] = between(a[i], b[i])`.
    ///
    /// # Errors
    ///
    /// The error of the first element that fails, with its position.
    pub fn business_days_between_bulk(
        &self,
        a: &[i32],
        b: &[i32],
        out: &mut [i32],
    ) -> Result<(), Error> {
        check_lengths(a.len(), b.len(), out.len())?;
        self.data.index.between_bulk(a, b, out).map_err(|i| {
            // `i` is a position in the inputs, whose lengths were checked equal.
            let err = self.business_days_between_date32(a[i], b[i]).err();
            bulk_error(err, i)
        })
    }

    /// Bulk business-day test on day numbers.
    ///
    /// # Errors
    ///
    /// The error of the first day that is not covered, with its position.
    pub fn is_business_day_bulk(&self, days: &[i32], out: &mut [bool]) -> Result<(), Error> {
        check_lengths(days.len(), days.len(), out.len())?;
        for (i, (&day, out)) in days.iter().zip(out.iter_mut()).enumerate() {
            match self.data.index.is_business(day) {
                Some(business) => *out = business,
                None => return Err(bulk_error(Some(self.not_covered(day)), i)),
            }
        }
        Ok(())
    }

    /// A joint calendar, closed when any of its parts is closed: `US+GB-ENG`. It covers the
    /// years all parts cover. (Run as a [`crate::Schedule`], it takes the zone of its first
    /// part: [`crate::Registry::time_zone`].)
    ///
    /// # Errors
    ///
    /// A data error when no calendar is given or the parts share no covered year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use slacal::Calendar;
    ///
    /// let joint = Calendar::joint(&[Calendar::builtin("US")?, Calendar::builtin("GB-ENG")?])?;
    /// assert_eq!(joint.id(), "US+GB-ENG");
    /// // Thanksgiving (US) and the Summer bank holiday (England) are both closed.
    /// assert!(!joint.is_business_day(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())?);
    /// assert!(!joint.is_business_day(NaiveDate::from_ymd_opt(2026, 8, 31).unwrap())?);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn joint(parts: &[Calendar]) -> Result<Calendar, Error> {
        let (head, rest) = parts
            .split_first()
            .ok_or_else(|| Error::data("a joint calendar needs at least one calendar"))?;
        if rest.is_empty() {
            return Ok(head.clone());
        }
        let id = parts.iter().map(Calendar::id).collect::<Vec<_>>().join("+");
        let first_year = parts.iter().map(Calendar::first_year).max().unwrap_or(0);
        let last_year = parts.iter().map(Calendar::last_year).min().unwrap_or(0);
        if first_year > last_year {
            return Err(Error::data(format!(
                "the calendars of `{id}` share no covered year"
            )));
        }
        let first = date32::from_civil(first_year, 1, 1);
        let last = date32::from_civil(last_year, 12, 31);
        let len = (last - first + 1) as u32;
        let mut words = vec![0u64; len as usize / 64 + 1];
        for off in 0..len {
            let day = first + off as i32;
            if parts
                .iter()
                .all(|cal| cal.data.index.is_business(day) == Some(true))
            {
                words[(off / 64) as usize] |= 1 << (off % 64);
            }
        }
        let mut changes: Vec<i32> = parts
            .iter()
            .flat_map(|cal| cal.data.weekends.iter().map(|&(from, _)| from))
            .collect();
        changes.sort_unstable();
        changes.dedup();
        let weekends = changes
            .into_iter()
            .map(|from| {
                let union = parts.iter().fold(WeekdaySet::EMPTY, |set, cal| {
                    set.union(weekend_at(&cal.data.weekends, from))
                });
                (from, union)
            })
            .collect();
        let mut holidays: Vec<Holiday> = parts
            .iter()
            .flat_map(|cal| cal.data.holidays.iter().cloned())
            .collect();
        holidays.sort_by(|a, b| (a.date, &a.calendar).cmp(&(b.date, &b.calendar)));
        let mut working_days: Vec<WorkingDay> = parts
            .iter()
            .flat_map(|cal| cal.data.working_days.iter().cloned())
            .collect();
        working_days.sort_by_key(|w| w.date);
        let versions: Vec<&str> = parts.iter().map(Calendar::data_version).collect();
        let estimated_first = parts
            .iter()
            .filter_map(|cal| cal.estimated_years().map(|(first, _)| first))
            .min()
            .filter(|&first| first <= last_year);
        let data = CalendarData {
            estimated_years: estimated_first.map(|first| (first.max(first_year), last_year)),
            estimates_available: None,
            name: parts
                .iter()
                .map(Calendar::name)
                .collect::<Vec<_>>()
                .join(" + "),
            first_year,
            last_year,
            weekends,
            holidays,
            working_days,
            index: Index::from_words(first, len, words),
            data_version: digest(versions.join("+").as_bytes()),
            sources: parts.iter().flat_map(|c| c.sources().to_vec()).collect(),
            parts: parts.to_vec(),
            id,
        };
        Ok(Calendar {
            data: Arc::new(data),
        })
    }
}

fn check_lengths(a: usize, b: usize, out: usize) -> Result<(), Error> {
    if a == b && b == out {
        Ok(())
    } else {
        Err(Error::input(format!(
            "bulk inputs and output differ in length ({a}, {b}, {out})"
        )))
    }
}

fn bulk_error(err: Option<Error>, position: usize) -> Error {
    err.unwrap_or_else(|| Error::range("value out of range"))
        .context(format!("element {position}"))
}

fn weekend_at(weekends: &[(i32, WeekdaySet)], day: i32) -> WeekdaySet {
    weekends
        .iter()
        .rev()
        .find(|(from, _)| *from <= day)
        .or(weekends.first())
        .map_or(WeekdaySet::EMPTY, |&(_, set)| set)
}

/// Builds a [`Calendar`] from a weekend, holidays and working days; see [`Calendar::builder`].
///
/// Setters chain; everything is checked once, in [`CalendarBuilder::build`].
#[derive(Clone, Debug)]
pub struct CalendarBuilder {
    id: String,
    name: Option<String>,
    years: (i32, i32),
    weekend: WeekdaySet,
    weekend_changes: Vec<(NaiveDate, WeekdaySet)>,
    holidays: Vec<Holiday>,
    working_days: Vec<WorkingDay>,
    data_version: Option<String>,
    sources: Vec<String>,
    estimated_years: Option<(i32, i32)>,
    estimates_available: Option<(i32, i32)>,
}

impl CalendarBuilder {
    fn new(id: impl Into<String>) -> CalendarBuilder {
        CalendarBuilder {
            id: id.into(),
            name: None,
            years: (date32::MIN_YEAR, date32::MAX_YEAR),
            weekend: WeekdaySet::from_array([Weekday::Sat, Weekday::Sun]),
            weekend_changes: Vec::new(),
            holidays: Vec::new(),
            working_days: Vec::new(),
            data_version: None,
            sources: Vec::new(),
            estimated_years: None,
            estimates_available: None,
        }
    }

    /// Marks covered years as estimated: their holidays are estimates (mark each with
    /// [`Holiday::estimated`]). They must lie within [`CalendarBuilder::years`].
    #[must_use]
    pub fn estimated_years(mut self, first: i32, last: i32) -> Self {
        self.estimated_years = Some((first, last));
        self
    }

    /// Records the years after the covered ones for which the data has estimates, so that a
    /// date in them is reported as "not announced yet; allow estimates" rather than only as
    /// outside the covered years.
    #[must_use]
    pub fn estimates_available(mut self, first: i32, last: i32) -> Self {
        self.estimates_available = Some((first, last));
        self
    }

    /// The display name (default: the id).
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The first and last year the data covers (default 1900..=2199, the whole supported range).
    #[must_use]
    pub fn years(mut self, first: i32, last: i32) -> Self {
        self.years = (first, last);
        self
    }

    /// The weekend (default Saturday and Sunday).
    #[must_use]
    pub fn weekend(mut self, weekend: WeekdaySet) -> Self {
        self.weekend = weekend;
        self
    }

    /// A different weekend from `date` on.
    #[must_use]
    pub fn weekend_from(mut self, date: NaiveDate, weekend: WeekdaySet) -> Self {
        self.weekend_changes.push((date, weekend));
        self
    }

    /// Adds a holiday. Holidays outside the covered years are ignored.
    #[must_use]
    pub fn holiday(mut self, holiday: Holiday) -> Self {
        self.holidays.push(holiday);
        self
    }

    /// Adds holidays.
    #[must_use]
    pub fn holidays(mut self, holidays: impl IntoIterator<Item = Holiday>) -> Self {
        self.holidays.extend(holidays);
        self
    }

    /// Declares a weekend day a working day. Working days outside the covered years are
    /// ignored.
    #[must_use]
    pub fn working_day(mut self, day: WorkingDay) -> Self {
        self.working_days.push(day);
        self
    }

    /// The data version to report (default: a digest of the holidays, working days and
    /// weekends given).
    #[must_use]
    pub fn data_version(mut self, version: impl Into<String>) -> Self {
        self.data_version = Some(version.into());
        self
    }

    /// The sources of the calendar's data.
    #[must_use]
    pub fn sources(mut self, sources: impl IntoIterator<Item = String>) -> Self {
        self.sources.extend(sources);
        self
    }

    /// Checks everything and builds the calendar and its index.
    ///
    /// # Errors
    ///
    /// A range error when the years are outside 1900..=2199; a data error when the id is empty
    /// or contains `+` or spaces, the years are reversed, the estimated years are not within
    /// them, or a declared working day is also a holiday.
    pub fn build(self) -> Result<Calendar, Error> {
        let id = self.id;
        if id.is_empty() || id.contains('+') || id.contains(char::is_whitespace) {
            return Err(Error::data(format!(
                "calendar id `{id}` must be non-empty, without `+` or spaces"
            )));
        }
        let (first_year, last_year) = self.years;
        for year in [first_year, last_year] {
            if !(date32::MIN_YEAR..=date32::MAX_YEAR).contains(&year) {
                return Err(date32::out_of_range_year(year).context(format!("calendar `{id}`")));
            }
        }
        if first_year > last_year {
            return Err(Error::data(format!(
                "calendar `{id}`: first year {first_year} is after last year {last_year}"
            )));
        }
        if let Some((first, last)) = self.estimated_years
            && (first > last || first < first_year || last > last_year)
        {
            return Err(Error::data(format!(
                "calendar `{id}`: estimated years {first}..={last} are not within the covered \
                 years {first_year}..={last_year}"
            )));
        }
        let first = date32::from_civil(first_year, 1, 1);
        let last = date32::from_civil(last_year, 12, 31);
        let in_range = |date: NaiveDate| (first..=last).contains(&date32::from_naive(date));
        let tag: Arc<str> = Arc::from(id.as_str());

        let mut weekends = vec![(i32::MIN, self.weekend)];
        let mut changes = self.weekend_changes;
        changes.sort_by_key(|&(date, _)| date);
        weekends.extend(
            changes
                .into_iter()
                .map(|(date, set)| (date32::from_naive(date), set)),
        );

        let mut holidays: Vec<Holiday> = self
            .holidays
            .into_iter()
            .filter(|h| in_range(h.date))
            .map(|mut h| {
                if h.calendar.is_empty() {
                    h.calendar = tag.clone();
                }
                h
            })
            .collect();
        holidays.sort_by_key(|h| h.date);
        holidays.dedup();
        let mut working_days: Vec<WorkingDay> = self
            .working_days
            .into_iter()
            .filter(|w| in_range(w.date))
            .map(|mut w| {
                if w.calendar.is_empty() {
                    w.calendar = tag.clone();
                }
                w
            })
            .collect();
        working_days.sort_by_key(|w| w.date);
        working_days.dedup();
        for working in &working_days {
            let clash = holidays
                .binary_search_by(|h| h.date.cmp(&working.date))
                .ok()
                .map(|i| &holidays[i]);
            if let Some(holiday) = clash {
                return Err(Error::data(format!(
                    "calendar `{id}`: {} is declared a working day ({}) and is also a holiday ({})",
                    working.date, working.name, holiday.name
                )));
            }
        }

        let index = Index::build(
            first,
            last,
            &weekends,
            holidays.iter().map(|h| date32::from_naive(h.date)),
            working_days.iter().map(|w| date32::from_naive(w.date)),
        );
        let data_version = self.data_version.unwrap_or_else(|| {
            let mut bytes = format!("{weekends:?}").into_bytes();
            bytes.reserve(16 * (holidays.len() + working_days.len()));
            let days = holidays
                .iter()
                .map(|h| (h.date, &h.name))
                .chain(working_days.iter().map(|w| (w.date, &w.name)));
            for (date, name) in days {
                bytes.extend_from_slice(&date32::from_naive(date).to_le_bytes());
                bytes.extend_from_slice(name.as_bytes());
                bytes.push(0);
            }
            digest(&bytes)
        });
        Ok(Calendar {
            data: Arc::new(CalendarData {
                name: self.name.unwrap_or_else(|| id.clone()),
                id,
                first_year,
                last_year,
                weekends,
                holidays,
                working_days,
                index,
                data_version,
                sources: self.sources,
                parts: Vec::new(),
                estimated_years: self.estimated_years,
                estimates_available: self.estimates_available,
            }),
        })
    }
}
