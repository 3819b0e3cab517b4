//! A calendar in a time zone with business hours: where each business day closes, which day a
//! clock's count starts from, and working time.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::Instant;
use super::hours::{TimeOfDay, TimeSpan, WeeklyHours, check_spans, subtract};
use super::instant::{NANOS, fraction_digits};
use super::zone::{Disambiguation, offset_at, offset_at_cached, start_of_day, to_instant};
use crate::calendar::date32;
use crate::toml_util::weekday_key;
use crate::{Calendar, Error, StartRule};

/// An amount of working time (time inside business hours), to the nanosecond. It is kept
/// apart from elapsed time: 4 business hours can span a night.
///
/// # Example
///
/// ```
/// use slacal::WorkingTime;
///
/// let time = WorkingTime::from_seconds(4 * 3600 + 90);
/// assert_eq!(time.to_string(), "4h 1m 30s");
/// assert_eq!(time.seconds(), 14_490);
/// let time = WorkingTime::from_nanos(90_500_000_000);
/// assert_eq!(time.to_string(), "1m 30.5s");
/// assert_eq!(time.nanos(), 90_500_000_000);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkingTime(i64);

impl WorkingTime {
    /// Working time of a number of seconds (saturating at about 292 years).
    #[must_use]
    pub const fn from_seconds(seconds: i64) -> WorkingTime {
        WorkingTime(seconds.saturating_mul(NANOS))
    }

    /// Working time of a number of nanoseconds.
    #[must_use]
    pub const fn from_nanos(nanos: i64) -> WorkingTime {
        WorkingTime(nanos)
    }

    /// The number of whole seconds (rounded toward zero).
    #[must_use]
    pub const fn seconds(self) -> i64 {
        self.0 / NANOS
    }

    /// The number of nanoseconds.
    #[must_use]
    pub const fn nanos(self) -> i64 {
        self.0
    }
}

impl fmt::Display for WorkingTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let nanos = self.0.unsigned_abs();
        let seconds = nanos / NANOS as u64;
        let fraction = (nanos % NANOS as u64) as u32;
        if self.0 < 0 {
            f.write_str("-")?;
        }
        let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        let mut parts = Vec::new();
        if hours > 0 {
            parts.push(format!("{hours}h"));
        }
        if minutes > 0 {
            parts.push(format!("{minutes}m"));
        }
        if rest > 0 || fraction > 0 || parts.is_empty() {
            let mut digits = [0u8; 10];
            let length = fraction_digits(fraction, &mut digits);
            // The digits are ASCII.
            let fraction = std::str::from_utf8(&digits[..length]).unwrap_or("");
            parts.push(format!("{rest}{fraction}s"));
        }
        f.write_str(&parts.join(" "))
    }
}

/// The hours of one date that differ from its weekday's: hours given for the date (a short
/// day, a working Saturday), timed closures, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayHours {
    date: NaiveDate,
    day: i32,
    spans: Arc<[TimeSpan]>,
    hours_name: Option<Arc<str>>,
    closures: Vec<(TimeSpan, Arc<str>)>,
}

impl DayHours {
    /// The date.
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The open spans of the day, closures removed.
    #[must_use]
    pub fn spans(&self) -> &[TimeSpan] {
        &self.spans
    }

    /// Why the day has hours of its own, when it does (e.g. `Christmas Eve: early close`).
    #[must_use]
    pub fn hours_name(&self) -> Option<&str> {
        self.hours_name.as_deref()
    }

    /// The timed closures of the day, with their names.
    pub fn closures(&self) -> impl Iterator<Item = (TimeSpan, &str)> {
        self.closures.iter().map(|(span, name)| (*span, &**name))
    }
}

/// A calendar in a time zone with business hours, date-specific hours, timed closures and a
/// daily cutoff: the clock that SLA deadlines run on.
///
/// A [`Calendar`] says which dates are business days; a schedule puts it in a time zone with
/// business hours, so that a business day has a **close** and time has a **working** part
/// (time inside the hours). The zone is the schedule's, not the calendar's: the zone a
/// calendar's data gives it is [`crate::Registry::time_zone`], and a policy may run a calendar
/// in another.
///
/// - A business day **closes** at the end of its last span of business hours, or at the local
///   midnight that ends it when the schedule has no hours ([`Schedule::close`]).
/// - A clock started at an instant counts business days from **day 0**: the local date of the
///   start whatever kind of day it is, or the next day when the start is after the cutoff
///   ([`Schedule::day_zero`]); rolling forward ([`StartRule::RollForward`]), the next business
///   day when that date is not a business day or the start is after the cutoff
///   ([`Schedule::day_zero_with`]).
/// - **Working time** is time inside business hours, exact to the nanosecond and measured in
///   physical time (a 00:00–24:00 day is 23 hours long on the day the clocks go forward).
///   [`Schedule::add_working_time`] and [`Schedule::working_time_between`] use the calendar's
///   index and a table of per-weekday working time, so their cost does not grow with the
///   number of days spanned beyond one step per 64 days.
///
/// # Hours across DST changes
///
/// Hours are wall-clock times in the schedule's zone: a business day of 09:00–17:00 is
/// 09:00–17:00 local time on the day the clocks move, too, and it is eight physical hours
/// long. A span that contains the change is shorter or longer by the change: 00:00–24:00 is 23
/// hours on the day the clocks go forward and 25 on the day they go back. Boundaries in a gap
/// are the end of the gap, and in a fold the first time the clock shows them
/// ([`Disambiguation::FirstReached`]). Local times in records are
/// [`Disambiguation::Compatible`] unless told otherwise; every conversion of a local time to
/// an instant goes through [`crate::to_instant`].
///
/// `Schedule` is a cheap handle (one `Arc`); clone it freely and share it between threads.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::{Calendar, Instant, Schedule, WeeklyHours, WorkingTime};
///
/// let schedule = Schedule::builder(Calendar::builtin("US")?, chrono_tz::America::Los_Angeles)
///     .hours(WeeklyHours::none().weekdays(&["09:00-12:00".parse()?, "13:00-17:00".parse()?])?)
///     .build()?;
/// let zone = schedule.time_zone();
/// // Wednesday 2026-11-25 at 16:00, plus 4 business hours: one hour on Wednesday, Thanksgiving
/// // is closed, then 09:00-12:00 on Friday.
/// let start = Instant::parse("2026-11-25T16:00:00-08:00")?;
/// let due = schedule.add_working_time(start, WorkingTime::from_seconds(4 * 3600))?;
/// assert_eq!(due.rfc3339(zone).to_string(), "2026-11-27T12:00:00-08:00");
/// assert_eq!(schedule.working_time_between(start, due)?.seconds(), 4 * 3600);
/// let close = schedule.close(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())?;
/// assert_eq!(close.rfc3339(zone).to_string(), "2026-11-25T17:00:00-08:00");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone)]
pub struct Schedule {
    data: Arc<ScheduleData>,
}

struct ScheduleData {
    calendar: Calendar,
    zone: Tz,
    weekly: WeeklyHours,
    /// Sorted by day number; business days only.
    days: Vec<DayHours>,
    cutoff: Option<TimeOfDay>,
    /// Every business day closes at local midnight (no hours of any kind).
    midnight_closes: bool,
    work: OnceLock<Result<WorkIndex, Error>>,
    /// A number no other schedule has, for the per-thread cache of closes.
    id: u64,
}

/// Where schedules' numbers come from.
static NEXT_SCHEDULE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_schedule_id() -> u64 {
    NEXT_SCHEDULE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Slots of the per-thread cache of closes: a batch's schedules and days, a thousand or so
/// (512 slots missed a third of the lookups of a wide export).
const CLOSE_SLOTS: usize = 2048;

thread_local! {
    /// `(schedule and day, close)`, the schedule in the high 32 bits of the tag and the day in
    /// the low: a day's close is a pure function of the schedule and the day, and finding a
    /// local time's instant in the time zone database costs more than the rest of a clock's
    /// arithmetic. Schedule 0 is none.
    static CLOSES: [std::cell::Cell<(u64, Instant)>; CLOSE_SLOTS] =
        const { [const { std::cell::Cell::new((0, Instant::EPOCH)) }; CLOSE_SLOTS] };
}

thread_local! {
    /// `(schedule, instant, day)`: the last answer of [`Schedule::last_closed`]. A clock's
    /// budget and its at-risk thresholds pause and resume at the same instants, and every
    /// clock of a record ends at the same as-of: the same question, asked again at once.
    /// Schedule 0 is none.
    static LAST_CLOSED: std::cell::Cell<(u64, Instant, i32)> =
        const { std::cell::Cell::new((0, Instant::EPOCH, 0)) };
    /// `(schedule, a, b, count)`: the last answer of [`Schedule::count_after`], for the same
    /// reason.
    static COUNT_AFTER: std::cell::Cell<(u64, i32, i32, i64)> =
        const { std::cell::Cell::new((0, 0, 0, 0)) };
}

impl fmt::Debug for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Schedule")
            .field("calendar", &self.data.calendar.id())
            .field("zone", &self.data.zone)
            .field("cutoff", &self.data.cutoff)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Schedule`]; see [`Schedule::builder`]. Everything is checked once, in
/// [`ScheduleBuilder::build`].
#[derive(Clone, Debug)]
pub struct ScheduleBuilder {
    calendar: Calendar,
    zone: Tz,
    weekly: WeeklyHours,
    day_hours: Vec<(NaiveDate, Vec<TimeSpan>, String)>,
    closures: Vec<(NaiveDate, TimeSpan, String)>,
    cutoff: Option<TimeOfDay>,
}

impl ScheduleBuilder {
    /// The business hours of each weekday (default: open all day, closing at local midnight).
    #[must_use]
    pub fn hours(mut self, hours: WeeklyHours) -> Self {
        self.weekly = hours;
        self
    }

    /// Hours for one date that replace its weekday's: a short day before a holiday, an early
    /// close on 24 December, a working Saturday (which the calendar must declare a working
    /// day). `name` says why, for explanations.
    #[must_use]
    pub fn day_hours(
        mut self,
        date: NaiveDate,
        spans: &[TimeSpan],
        name: impl Into<String>,
    ) -> Self {
        self.day_hours.push((date, spans.to_vec(), name.into()));
        self
    }

    /// A timed closure within a business day (a staff meeting, an outage): the span is taken
    /// out of that day's hours.
    #[must_use]
    pub fn closure(mut self, date: NaiveDate, span: TimeSpan, name: impl Into<String>) -> Self {
        self.closures.push((date, span, name.into()));
        self
    }

    /// The daily cutoff: a clock started after it counts from the next day (the next business
    /// day, rolling forward).
    #[must_use]
    pub fn cutoff(mut self, cutoff: TimeOfDay) -> Self {
        self.cutoff = Some(cutoff);
        self
    }

    /// Checks everything and builds the schedule.
    ///
    /// # Errors
    ///
    /// A data error when a weekday that can be a business day (by the calendar's weekends) has
    /// no hours, a declared working day has no hours, date-specific hours or a closure fall on
    /// a day that is not a business day or not covered, a date has hours given twice, spans
    /// overlap, or a closure is outside the day's hours or closes the whole day (make that day
    /// a holiday in a calendar file instead).
    pub fn build(self) -> Result<Schedule, Error> {
        let calendar = self.calendar;
        let weekly = self.weekly;
        for (from, weekend) in calendar.weekend_changes() {
            for index in 0..7 {
                let weekday = crate::calendar::weekday_from_index(index);
                if !weekend.contains(weekday) && weekly.on(weekday).is_empty() {
                    return Err(Error::data(format!(
                        "the hours give no span on {}, a working weekday of calendar `{}` (from \
                         {from}); give hours for {0}",
                        weekday_key(weekday),
                        calendar.id()
                    )));
                }
            }
        }
        let mut days: Vec<DayHours> = Vec::new();
        let business = |date: NaiveDate, what: &str| -> Result<i32, Error> {
            if calendar.is_business_day(date)? {
                Ok(date32::from_naive(date))
            } else {
                let reason = calendar.day_info(date)?.reason();
                Err(Error::data(format!(
                    "{what} on {date}, which is not a business day of calendar `{}` ({reason})",
                    calendar.id()
                )))
            }
        };
        for (date, spans, name) in self.day_hours {
            let day = business(date, "hours are given")?;
            if spans.is_empty() {
                return Err(Error::data(format!(
                    "the hours of {date} have no span (a closed day is a holiday: add it to a \
                     calendar file)"
                )));
            }
            check_spans(&spans).map_err(|e| e.context(format!("hours of {date}")))?;
            if days.iter().any(|d| d.date == date) {
                return Err(Error::data(format!("the hours of {date} are given twice")));
            }
            days.push(DayHours {
                date,
                day,
                spans: Arc::from(spans),
                hours_name: Some(Arc::from(name)),
                closures: Vec::new(),
            });
        }
        for (date, closed, name) in self.closures {
            let day = business(date, &format!("closure `{name}` is"))?;
            let position = match days.iter().position(|d| d.date == date) {
                Some(position) => position,
                None => {
                    let spans = weekly.on_index(date32::weekday_index(day));
                    days.push(DayHours {
                        date,
                        day,
                        spans: Arc::from(spans),
                        hours_name: None,
                        closures: Vec::new(),
                    });
                    days.len() - 1
                }
            };
            let entry = &mut days[position];
            let open = subtract(&entry.spans, closed);
            if open.as_slice() == &*entry.spans {
                return Err(Error::data(format!(
                    "closure `{name}` ({closed}) on {date} is outside that day's hours ({})",
                    spans_text(&entry.spans)
                )));
            }
            if open.is_empty() {
                return Err(Error::data(format!(
                    "closure `{name}` ({closed}) on {date} closes the whole day (a closed day is \
                     a holiday: add it to a calendar file)"
                )));
            }
            entry.spans = Arc::from(open);
            entry.closures.push((closed, Arc::from(name)));
        }
        for working in calendar.working_days() {
            let weekday = chrono::Datelike::weekday(&working.date());
            if weekly.on(weekday).is_empty() && !days.iter().any(|d| d.date == working.date()) {
                return Err(Error::data(format!(
                    "{} is a working day of calendar `{}` ({}) but the hours give no span on {}; \
                     give hours for that date",
                    working.date(),
                    calendar.id(),
                    working.name(),
                    weekday_key(weekday)
                )));
            }
        }
        days.sort_by_key(|d| d.day);
        let midnight_closes = weekly.is_all_day() && days.is_empty();
        Ok(Schedule {
            data: Arc::new(ScheduleData {
                zone: self.zone,
                calendar,
                weekly,
                days,
                cutoff: self.cutoff,
                midnight_closes,
                work: OnceLock::new(),
                id: next_schedule_id(),
            }),
        })
    }
}

fn spans_text(spans: &[TimeSpan]) -> String {
    spans
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Schedule {
    /// A schedule over a calendar in a zone, without business hours (a business day closes at
    /// local midnight) and without cutoff. The zone a calendar's data gives it is
    /// [`crate::Registry::time_zone`].
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use slacal::{Calendar, Registry, Schedule};
    ///
    /// let zone = Registry::builtin()?.time_zone("GB-ENG")?; // Europe/London
    /// let schedule = Schedule::new(Calendar::builtin("GB-ENG")?, zone);
    /// let close = schedule.close(NaiveDate::from_ymd_opt(2026, 3, 27).unwrap())?;
    /// // Friday 2026-03-27 closes at midnight, still GMT; the clocks go forward on the Sunday.
    /// assert_eq!(close.rfc3339(schedule.time_zone()).to_string(), "2026-03-28T00:00:00+00:00");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn new(calendar: Calendar, zone: Tz) -> Schedule {
        Schedule {
            data: Arc::new(ScheduleData {
                zone,
                calendar,
                weekly: WeeklyHours::all_day(),
                days: Vec::new(),
                cutoff: None,
                midnight_closes: true,
                work: OnceLock::new(),
                id: next_schedule_id(),
            }),
        }
    }

    /// A builder for a schedule over a calendar in a zone (the zone the calendar's data gives
    /// it is [`crate::Registry::time_zone`]; a policy may run a calendar in another).
    #[must_use]
    pub fn builder(calendar: Calendar, zone: Tz) -> ScheduleBuilder {
        ScheduleBuilder {
            calendar,
            zone,
            weekly: WeeklyHours::all_day(),
            day_hours: Vec::new(),
            closures: Vec::new(),
            cutoff: None,
        }
    }

    /// The calendar.
    #[must_use]
    pub fn calendar(&self) -> &Calendar {
        &self.data.calendar
    }

    /// The zone the calendar runs in.
    #[must_use]
    pub fn time_zone(&self) -> Tz {
        self.data.zone
    }

    /// The daily cutoff, if any.
    #[must_use]
    pub fn cutoff(&self) -> Option<TimeOfDay> {
        self.data.cutoff
    }

    /// The business hours of each weekday.
    #[must_use]
    pub fn weekly_hours(&self) -> &WeeklyHours {
        &self.data.weekly
    }

    /// The dates whose hours differ from their weekday's, in date order.
    #[must_use]
    pub fn day_hours(&self) -> &[DayHours] {
        &self.data.days
    }

    /// True when every business day closes at local midnight (no hours, no date-specific
    /// hours, no closures).
    #[must_use]
    pub fn closes_at_midnight(&self) -> bool {
        self.data.midnight_closes
    }

    /// The date-specific hours of a date, if it has any.
    #[must_use]
    pub fn day_hours_on(&self, date: NaiveDate) -> Option<&DayHours> {
        let day = date32::from_naive(date);
        self.special(day)
    }

    fn special(&self, day: i32) -> Option<&DayHours> {
        let days = &self.data.days;
        days.binary_search_by_key(&day, |d| d.day)
            .ok()
            .map(|i| &days[i])
    }

    /// The business hours of a date, closures taken out; empty on a non-business day.
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered by the calendar.
    pub fn hours_on(&self, date: NaiveDate) -> Result<&[TimeSpan], Error> {
        self.spans_on_day(date32::from_naive(date))
    }

    pub(crate) fn spans_on_day(&self, day: i32) -> Result<&[TimeSpan], Error> {
        if !self.data.calendar.is_business_date32(day)? {
            return Ok(&[]);
        }
        Ok(match self.special(day) {
            Some(special) => &special.spans,
            None => self.data.weekly.on_index(date32::weekday_index(day)),
        })
    }

    /// The local date of an instant in the schedule's zone.
    #[must_use]
    pub fn local_date(&self, instant: Instant) -> NaiveDate {
        // The day number of any instant (years 0001..=9999) is a chrono date; the fallback is
        // the uncached conversion, never a guess.
        NaiveDate::from_epoch_days(self.day_of(instant))
            .unwrap_or_else(|| instant.local_date(self.data.zone))
    }

    /// The local date of an instant as a day number, through the per-thread cache of offsets
    /// by zone and UTC day ([`offset_at_cached`], exact: a day whose offset changes is never
    /// cached), as evaluation asks for the local day of every event and deadline.
    pub(crate) fn day_of(&self, instant: Instant) -> i32 {
        let local = instant.unix_seconds() + i64::from(offset_at_cached(self.data.zone, instant));
        // Instants are within the years 0001..=9999, so the day number fits an i32.
        local.div_euclid(86_400) as i32
    }

    /// The instant a wall-clock time of a day is first reached (`24:00` is the next day's
    /// start).
    pub(crate) fn boundary(&self, day: i32, time: TimeOfDay) -> Result<Instant, Error> {
        // `24:00` is counted from the day itself, not looked up as the next day's start: the
        // close of 2199-12-31 is an instant even though 2200-01-01 is not a supported date.
        let date = date32::to_naive(day)?;
        let local = date.and_time(chrono::NaiveTime::MIN)
            + chrono::TimeDelta::seconds(i64::from(time.seconds()));
        to_instant(self.data.zone, local, Disambiguation::FirstReached)
    }

    /// The first instant of a local date.
    ///
    /// # Errors
    ///
    /// A range error when the date is outside the supported range.
    pub fn start_of_day(&self, date: NaiveDate) -> Result<Instant, Error> {
        start_of_day(self.data.zone, date)
    }

    /// Where a business day closes: the end of its last span of business hours, or the local
    /// midnight that ends it when the schedule has no hours. For a day that is not a business
    /// day, the local midnight that ends it.
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered by the calendar.
    pub fn close(&self, date: NaiveDate) -> Result<Instant, Error> {
        self.close_day(date32::from_naive(date))
    }

    pub(crate) fn close_day(&self, day: i32) -> Result<Instant, Error> {
        // Schedules are numbered from 1 in the order they are built; one built after the
        // first 2^32 is not cached (its number does not fit the tag).
        if self.data.id >> 32 != 0 {
            return self.compute_close(day);
        }
        let tag = self.data.id << 32 | u64::from(day as u32);
        let slot = (tag.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 53) as usize % CLOSE_SLOTS;
        let (cached, close) = CLOSES.with(|cache| cache[slot].get());
        if cached == tag {
            return Ok(close);
        }
        let close = self.compute_close(day)?;
        CLOSES.with(|cache| cache[slot].set((tag, close)));
        Ok(close)
    }

    fn compute_close(&self, day: i32) -> Result<Instant, Error> {
        let end = if self.data.midnight_closes {
            self.data.calendar.is_business_date32(day)?;
            TimeOfDay::END_OF_DAY
        } else {
            self.spans_on_day(day)?
                .last()
                .map_or(TimeOfDay::END_OF_DAY, |span| span.end())
        };
        self.boundary(day, end)
    }

    /// The last business day whose close is at or before `t`; the day before the calendar's
    /// first covered day when there is none.
    pub(crate) fn last_closed(&self, t: Instant) -> Result<i32, Error> {
        let id = self.data.id;
        let (memo_id, memo_t, memo_day) = LAST_CLOSED.get();
        if memo_id == id && memo_t == t {
            return Ok(memo_day);
        }
        let day = self.compute_last_closed(t)?;
        LAST_CLOSED.set((id, t, day));
        Ok(day)
    }

    pub(super) fn compute_last_closed(&self, t: Instant) -> Result<i32, Error> {
        let day = self.day_of(t);
        // Without hours a day closes at the start of the next, never at or before an instant
        // of its own: only days with hours need their close looked up.
        let business = self.data.calendar.is_business_date32(day)?;
        if business && !self.data.midnight_closes && self.close_day(day)? <= t {
            return Ok(day);
        }
        let calendar = &self.data.calendar;
        Ok(calendar
            .add_business_days_date32(day, -1)
            .unwrap_or_else(|_| calendar.first_day() - 1))
    }

    /// The number of business days in `(a, b]`.
    pub(crate) fn count_after(&self, a: i32, b: i32) -> Result<i64, Error> {
        if b <= a {
            return Ok(0);
        }
        let id = self.data.id;
        let (memo_id, memo_a, memo_b, memo_count) = COUNT_AFTER.get();
        if memo_id == id && memo_a == a && memo_b == b {
            return Ok(memo_count);
        }
        let count = self.compute_count_after(a, b)?;
        COUNT_AFTER.set((id, a, b, count));
        Ok(count)
    }

    pub(super) fn compute_count_after(&self, a: i32, b: i32) -> Result<i64, Error> {
        let calendar = &self.data.calendar;
        let before = calendar.business_days_between_date32(a + 1, b)?;
        Ok(before + i64::from(calendar.is_business_date32(b)?))
    }

    /// Whether an instant is after the cutoff of its local date (false without a cutoff).
    fn after_cutoff(&self, start: Instant, day: i32) -> Result<bool, Error> {
        match self.data.cutoff {
            Some(cutoff) => Ok(start > self.boundary(day, cutoff)?),
            None => Ok(false),
        }
    }

    /// Day 0 of a business-day clock started at `start`, with the default start rule
    /// ([`StartRule::NextDay`]): the local date of the start in the schedule's zone, whatever
    /// kind of day it is, or the next day when the start is after the cutoff. Day 0 is free:
    /// the first business day that counts is the one after it, so that with no pause the due
    /// date of `n` business days is [`Calendar::add_business_days`]`(day 0, n)`.
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered by the calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Calendar, Instant, Schedule, StartRule};
    ///
    /// let schedule = Schedule::new(Calendar::builtin("US")?, chrono_tz::America::New_York);
    /// // Saturday 2026-11-21 is day 0 itself; rolling forward makes it Monday 2026-11-23.
    /// let start = Instant::parse("2026-11-21T10:00:00-05:00")?;
    /// assert_eq!(schedule.day_zero(start)?.to_string(), "2026-11-21");
    /// assert_eq!(schedule.day_zero_with(start, StartRule::RollForward)?.to_string(), "2026-11-23");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn day_zero(&self, start: Instant) -> Result<NaiveDate, Error> {
        self.day_zero_with(start, StartRule::NextDay)
    }

    /// Day 0 of a business-day clock started at `start`, with a start rule:
    /// [`StartRule::NextDay`] as [`Schedule::day_zero`]; [`StartRule::RollForward`] makes
    /// the next business day day 0 when the start's date is not a business day or the start
    /// is after the cutoff ("received on the next business day").
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered by the calendar.
    pub fn day_zero_with(&self, start: Instant, rule: StartRule) -> Result<NaiveDate, Error> {
        date32::to_naive(self.day_zero_day(start, rule)?)
    }

    pub(crate) fn day_zero_day(&self, start: Instant, rule: StartRule) -> Result<i32, Error> {
        let day = self.day_of(start);
        let calendar = &self.data.calendar;
        let business = calendar.is_business_date32(day)?;
        match rule {
            StartRule::NextDay => {
                if self.after_cutoff(start, day)? {
                    // The next day must be covered too: it is where counting starts from.
                    calendar.is_business_date32(day + 1)?;
                    Ok(day + 1)
                } else {
                    Ok(day)
                }
            }
            StartRule::RollForward => {
                if !business {
                    calendar.add_business_days_date32(day, 0)
                } else if self.after_cutoff(start, day)? {
                    calendar.add_business_days_date32(day, 1)
                } else {
                    Ok(day)
                }
            }
        }
    }

    /// Why day 0 is not the local date of the start under a start rule, if it is not:
    /// `the start was after the cutoff HH:MM`, or, rolling forward, `the start day is not a
    /// business day (weekend)` (or the holiday's name).
    ///
    /// # Errors
    ///
    /// A range error when the date is not covered by the calendar.
    pub fn day_zero_reason(
        &self,
        start: Instant,
        rule: StartRule,
    ) -> Result<Option<String>, Error> {
        let date = self.local_date(start);
        let info = self.data.calendar.day_info(date)?;
        if rule == StartRule::RollForward && !info.business {
            return Ok(Some(format!(
                "the start day is not a business day ({})",
                info.reason()
            )));
        }
        if self.after_cutoff(start, date32::from_naive(date))? {
            let cutoff = self.data.cutoff.unwrap_or(TimeOfDay::END_OF_DAY);
            return Ok(Some(format!("the start was after the cutoff {cutoff}")));
        }
        Ok(None)
    }

    /// The due date and deadline of `n` business days from `start`, without pauses, with the
    /// default start rule: the due date is the n-th business day after day 0
    /// ([`Calendar::add_business_days`]`(day 0, n)`), the deadline its close.
    ///
    /// # Errors
    ///
    /// A range error when a date is not covered by the calendar, or `n` is negative.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Calendar, Instant, Schedule, StartRule};
    ///
    /// let schedule = Schedule::new(Calendar::builtin("US")?, chrono_tz::America::New_York);
    /// let start = Instant::parse("2026-11-20T10:00:00-05:00")?;
    /// let (due, deadline) = schedule.business_day_deadline(start, 15)?;
    /// assert_eq!(due.to_string(), "2026-12-14");
    /// assert_eq!(deadline.rfc3339(schedule.time_zone()).to_string(), "2026-12-15T00:00:00-05:00");
    /// // A Sunday start: `add_business_days(sunday, 1)` is Monday; rolling forward, Tuesday.
    /// let sunday = Instant::parse("2026-11-22T10:00:00-05:00")?;
    /// assert_eq!(schedule.business_day_deadline(sunday, 1)?.0.to_string(), "2026-11-23");
    /// let (due, _) = schedule.business_day_deadline_with(sunday, 1, StartRule::RollForward)?;
    /// assert_eq!(due.to_string(), "2026-11-24");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn business_day_deadline(
        &self,
        start: Instant,
        n: i64,
    ) -> Result<(NaiveDate, Instant), Error> {
        self.business_day_deadline_with(start, n, StartRule::NextDay)
    }

    /// [`Schedule::business_day_deadline`] with a start rule.
    ///
    /// # Errors
    ///
    /// As [`Schedule::business_day_deadline`].
    pub fn business_day_deadline_with(
        &self,
        start: Instant,
        n: i64,
        rule: StartRule,
    ) -> Result<(NaiveDate, Instant), Error> {
        if n < 0 {
            return Err(Error::range(format!(
                "a budget of {n} business days is negative"
            )));
        }
        let due = self
            .data
            .calendar
            .add_business_days_date32(self.day_zero_day(start, rule)?, n)?;
        Ok((date32::to_naive(due)?, self.close_day(due)?))
    }

    /// The business days counted by `at` for a clock started at `start` and never paused,
    /// with a start rule: the business days after day 0 whose close is at or before `at`.
    ///
    /// # Errors
    ///
    /// A range error when a date is not covered by the calendar.
    pub fn business_days_elapsed(
        &self,
        start: Instant,
        at: Instant,
        rule: StartRule,
    ) -> Result<i64, Error> {
        let day0 = self.day_zero_day(start, rule)?;
        self.count_after(day0, self.last_closed(at)?)
    }

    /// Where working time of a clock started at `start` begins: `start`, or the first instant
    /// of the next day when `start` is after the cutoff. (Working time only accrues inside
    /// business hours, so for it the start rules agree.)
    ///
    /// # Errors
    ///
    /// A range error when a date is not covered by the calendar.
    pub fn working_start(&self, start: Instant) -> Result<Instant, Error> {
        let day = self.day_of(start);
        self.data.calendar.is_business_date32(day)?;
        if self.after_cutoff(start, day)? {
            return self.boundary(day + 1, TimeOfDay::MIDNIGHT);
        }
        Ok(start)
    }

    /// The working time from `a` to `b` (negative when `b` is before `a`). The cutoff plays no
    /// part here; see [`Schedule::working_start`].
    ///
    /// # Errors
    ///
    /// A range error when a date is not covered by the calendar, or the working time does not
    /// fit about 292 years.
    pub fn working_time_between(&self, a: Instant, b: Instant) -> Result<WorkingTime, Error> {
        let nanos = self.cumulative(b)? - self.cumulative(a)?;
        i64::try_from(nanos)
            .map(WorkingTime)
            .map_err(|_| Error::range("the working time between the instants overflows"))
    }

    /// The first instant at which `amount` of working time has passed since `from`. The budget
    /// running out at the end of a span gives that end, not the next opening. The cutoff plays
    /// no part here; see [`Schedule::working_start`].
    ///
    /// # Errors
    ///
    /// A range error when `amount` is negative or the answer leaves the covered years.
    pub fn add_working_time(&self, from: Instant, amount: WorkingTime) -> Result<Instant, Error> {
        if amount.0 < 0 {
            return Err(Error::range(format!(
                "adding a negative working time ({amount}) is not supported"
            )));
        }
        if amount.0 == 0 {
            return Ok(from);
        }
        let target = self.cumulative(from)? + i128::from(amount.0);
        self.reach(target, self.day_of(from)).map_err(|e| {
            e.context(format!(
                "adding {amount} of working time to {}",
                from.rfc3339(self.data.zone)
            ))
        })
    }

    fn work(&self) -> Result<&WorkIndex, Error> {
        self.data
            .work
            .get_or_init(|| WorkIndex::build(self))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// `C(t)`: the working time from the calendar's first covered day to `t`, in nanoseconds.
    pub(crate) fn cumulative(&self, t: Instant) -> Result<i128, Error> {
        let day = self.day_of(t);
        let work = self.work()?;
        let before = work
            .before(day)
            .ok_or_else(|| self.data.calendar.not_covered_error(day))?;
        let mut within = 0;
        for span in self.spans_on_day(day)? {
            let start = self.boundary(day, span.start())?;
            if t <= start {
                break;
            }
            let end = self.boundary(day, span.end())?;
            within += t.min(end).nanos_since(start);
        }
        Ok(i128::from(before) * i128::from(NANOS) + within)
    }

    /// The first instant `t` with `C(t) >= target` (nanoseconds), searching from day `from`
    /// on, where `C(start of from) < target`.
    pub(crate) fn reach(&self, target: i128, from: i32) -> Result<Instant, Error> {
        let work = self.work()?;
        let last = work.first + work.len as i32 - 1;
        let through = |day: i32| {
            work.before(day + 1)
                .map_or(i128::MAX, |seconds| i128::from(seconds) * i128::from(NANOS))
        };
        let leaves = || {
            Error::range(format!(
                "the answer leaves the years covered by calendar `{}` ({}..={})",
                self.data.calendar.id(),
                self.data.calendar.first_year(),
                self.data.calendar.last_year()
            ))
        };
        if work.before(from).is_none() {
            return Err(self.data.calendar.not_covered_error(from));
        }
        // Gallop to a day whose end reaches the target, then bisect.
        let (mut lo, mut hi) = (from, from);
        let mut step = 1i32;
        while through(hi) < target {
            if hi >= last {
                return Err(leaves());
            }
            lo = hi + 1;
            hi = hi.saturating_add(step).min(last);
            step = step.saturating_mul(2);
        }
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if through(mid) >= target {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let day = lo;
        let mut left = target - i128::from(work.before(day).unwrap_or(0)) * i128::from(NANOS);
        for span in self.spans_on_day(day)? {
            let start = self.boundary(day, span.start())?;
            let end = self.boundary(day, span.end())?;
            let length = end.nanos_since(start);
            if left <= length {
                // Within one day's span, so it fits.
                return Ok(start.plus_nanos(left as i64));
            }
            left -= length;
        }
        // The day's spans add up to what the index says, so the loop returns.
        Err(Error::data(format!(
            "working time of {} does not match the index (a bug)",
            date32::to_naive(day)?
        )))
    }
}

/// Per-day working time, precomputed for [`Schedule::cumulative`]: nominal time per weekday
/// weighed over the calendar's business-day bitmap, plus corrections for days whose hours
/// differ from their weekday's (date-specific hours, closures, DST changes inside the hours).
#[derive(Debug)]
struct WorkIndex {
    first: i32,
    len: u32,
    week_seconds: [i64; 7],
    /// The working seconds of the weekday-nominal hours before each 64-day word.
    word_base: Box<[i64]>,
    /// The bitmap words (a copy of the calendar's).
    words: Box<[u64]>,
    /// Days whose working time differs from their weekday's nominal time, sorted.
    adjust_days: Box<[i32]>,
    /// `adjust_before[i]`: the sum of the differences of `adjust_days[..i]`.
    adjust_before: Box<[i64]>,
}

/// `PATTERN[j]`: the bits `i` of a word with `i % 7 == j`.
const PATTERN: [u64; 7] = {
    let mut patterns = [0u64; 7];
    let mut i = 0;
    while i < 64 {
        patterns[i % 7] |= 1 << i;
        i += 1;
    }
    patterns
};

impl WorkIndex {
    fn build(schedule: &Schedule) -> Result<WorkIndex, Error> {
        let calendar = &schedule.data.calendar;
        let (first, words) = calendar.business_bitmap();
        let last = date32::from_naive(calendar.last_date());
        let len = (last - first + 1) as u32;
        let weekly = &schedule.data.weekly;
        let week_seconds: [i64; 7] = std::array::from_fn(|i| {
            weekly
                .on_index(i as u32)
                .iter()
                .map(|s| i64::from(s.seconds()))
                .sum()
        });
        let mut word_base = Vec::with_capacity(words.len());
        let mut total = 0i64;
        for (w, &word) in words.iter().enumerate() {
            word_base.push(total);
            total += weighted(word, first + 64 * w as i32, &week_seconds);
        }
        let mut candidates: Vec<i32> = schedule.data.days.iter().map(|d| d.day).collect();
        let zone = schedule.data.zone;
        let from = zone_start(zone, first)?;
        let to = schedule.boundary(last, TimeOfDay::END_OF_DAY)?;
        for &transition in transitions(zone).iter() {
            if transition < from || transition > to {
                continue;
            }
            // The change is inside the local day that contains it, or ends the day before.
            let day = schedule.day_of(transition);
            candidates.extend([day - 1, day]);
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut adjust_days = Vec::new();
        let mut adjust_before = vec![0i64];
        for day in candidates {
            if day < first || day > last || !calendar.is_business_date32(day)? {
                continue;
            }
            let mut exact = 0;
            for span in schedule.spans_on_day(day)? {
                let start = schedule.boundary(day, span.start())?;
                let end = schedule.boundary(day, span.end())?;
                exact += end.unix_seconds() - start.unix_seconds();
            }
            let delta = exact - week_seconds[date32::weekday_index(day) as usize];
            if delta != 0 {
                adjust_days.push(day);
                let sum = adjust_before.last().copied().unwrap_or(0) + delta;
                adjust_before.push(sum);
            }
        }
        Ok(WorkIndex {
            first,
            len,
            week_seconds,
            word_base: word_base.into_boxed_slice(),
            words: words.into_boxed_slice(),
            adjust_days: adjust_days.into_boxed_slice(),
            adjust_before: adjust_before.into_boxed_slice(),
        })
    }

    /// `W(day)`: working seconds of the business days before `day`, for `day` in
    /// `first..=last + 1`.
    #[inline]
    fn before(&self, day: i32) -> Option<i64> {
        let off = u32::try_from(day.checked_sub(self.first)?).ok()?;
        if off > self.len {
            return None;
        }
        let w = (off / 64) as usize;
        let below = (1u64 << (off % 64)) - 1;
        let word = self.words[w] & below;
        let nominal =
            self.word_base[w] + weighted(word, self.first + 64 * w as i32, &self.week_seconds);
        let adjusted = self.adjust_days.partition_point(|&d| d < day);
        Some(nominal + self.adjust_before[adjusted])
    }
}

/// The nominal working seconds of the business days set in a word whose first day is
/// `start`.
#[inline]
fn weighted(word: u64, start: i32, week_seconds: &[i64; 7]) -> i64 {
    if word == 0 {
        return 0;
    }
    let first_weekday = date32::weekday_index(start) as usize;
    let mut total = 0;
    for (weekday, &seconds) in week_seconds.iter().enumerate() {
        if seconds != 0 {
            let bits = word & PATTERN[(weekday + 7 - first_weekday) % 7];
            total += seconds * i64::from(bits.count_ones());
        }
    }
    total
}

fn zone_start(zone: Tz, day: i32) -> Result<Instant, Error> {
    start_of_day(zone, date32::to_naive(day)?)
}

/// The instants at which a zone's UTC offset changes from 1900 to 2200, found once per zone
/// and cached: the offset is sampled every day and each change is bisected to the second.
/// (Two changes less than a day apart would be missed; the time zone database has none since
/// 1900 that would matter to business hours.)
fn transitions(zone: Tz) -> Arc<[Instant]> {
    static CACHE: OnceLock<Mutex<HashMap<Tz, Arc<[Instant]>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&zone).cloned()) {
        return found;
    }
    const DAY: i64 = 86_400;
    // 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z.
    let (from, to) = (-2_208_988_800i64, 7_258_118_400i64);
    let offset = |seconds: i64| offset_at(zone, Instant::from_secs_unchecked(seconds));
    let mut found = Vec::new();
    let mut previous = offset(from);
    let mut at = from;
    while at < to {
        let next = at + DAY;
        let current = offset(next);
        if current != previous {
            // The first second at which the offset is no longer `previous`.
            let (mut lo, mut hi) = (at, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == previous {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push(Instant::from_secs_unchecked(hi));
            previous = current;
        }
        at = next;
    }
    let found: Arc<[Instant]> = Arc::from(found);
    if let Ok(mut cache) = cache.lock() {
        cache.insert(zone, found.clone());
    }
    found
}
