//! Business hours: times of day, spans of a day, and the spans of each weekday.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::Weekday;

use crate::Error;
use crate::toml_util::{PerWeekday, weekday_key};

/// A time of day to the second, from `00:00` to `24:00` (the end of the day, allowed as the end
/// of a span). It is a wall-clock time: on a day when the clocks move it still names the same
/// reading of the clock.
///
/// # Example
///
/// ```
/// use slacal::TimeOfDay;
///
/// let nine: TimeOfDay = "09:00".parse()?;
/// assert_eq!(nine.seconds(), 9 * 3600);
/// assert_eq!("24:00".parse::<TimeOfDay>()?.to_string(), "24:00");
/// assert!("17:60".parse::<TimeOfDay>().is_err());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u32);

impl TimeOfDay {
    /// `00:00`, the start of the day.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    /// `24:00`, the end of the day.
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(86_400);

    /// A time of day from hours, minutes and seconds.
    ///
    /// # Errors
    ///
    /// An input error when a field is out of range (24:00:00 is the only time with hour 24).
    pub fn from_hms(hour: u32, minute: u32, second: u32) -> Result<TimeOfDay, Error> {
        if minute > 59 || second > 59 || hour > 24 || (hour == 24 && minute + second > 0) {
            return Err(Error::input(format!(
                "time of day {hour:02}:{minute:02}:{second:02} is out of range (00:00 to 24:00)"
            )));
        }
        Ok(TimeOfDay(hour * 3600 + minute * 60 + second))
    }

    /// Seconds since the start of the day (86,400 for `24:00`).
    #[must_use]
    pub const fn seconds(self) -> u32 {
        self.0
    }

    /// The hour, minute and second (`24:00` is `(24, 0, 0)`).
    #[must_use]
    pub const fn hms(self) -> (u32, u32, u32) {
        (self.0 / 3600, self.0 / 60 % 60, self.0 % 60)
    }
}

impl FromStr for TimeOfDay {
    type Err = Error;

    /// `HH:MM` or `HH:MM:SS`.
    fn from_str(text: &str) -> Result<TimeOfDay, Error> {
        let bad = || {
            Error::input(format!(
                "malformed time of day `{text}` (expected HH:MM or HH:MM:SS, like `09:00` or `24:00`)"
            ))
        };
        let mut fields = text.trim().split(':');
        let mut next = |required: bool| -> Result<u32, Error> {
            match fields.next() {
                Some(field) if field.len() == 2 && field.bytes().all(|b| b.is_ascii_digit()) => {
                    field.parse().map_err(|_| bad())
                }
                None if !required => Ok(0),
                _ => Err(bad()),
            }
        };
        let hour = next(true)?;
        let minute = next(true)?;
        let second = next(false)?;
        if fields.next().is_some() {
            return Err(bad());
        }
        TimeOfDay::from_hms(hour, minute, second).map_err(|_| bad())
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (hour, minute, second) = self.hms();
        write!(f, "{hour:02}:{minute:02}")?;
        if second != 0 {
            write!(f, ":{second:02}")?;
        }
        Ok(())
    }
}

/// A span of a day from a start time to a later end time, `09:00-17:00`: the instants at which
/// the wall clock shows a time from the start (included) to the end (excluded).
///
/// # Example
///
/// ```
/// use slacal::TimeSpan;
///
/// let morning: TimeSpan = "09:00-12:30".parse()?;
/// assert_eq!(morning.seconds(), 3 * 3600 + 1800);
/// assert!("17:00-09:00".parse::<TimeSpan>().is_err());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeSpan {
    start: TimeOfDay,
    end: TimeOfDay,
}

impl TimeSpan {
    /// The whole day, `00:00-24:00`.
    pub const ALL_DAY: TimeSpan = TimeSpan {
        start: TimeOfDay::MIDNIGHT,
        end: TimeOfDay::END_OF_DAY,
    };

    /// A span from `start` to `end`.
    ///
    /// # Errors
    ///
    /// An input error unless `start` is before `end`.
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Result<TimeSpan, Error> {
        if start < end {
            Ok(TimeSpan { start, end })
        } else {
            Err(Error::input(format!(
                "span `{start}-{end}` does not end after it starts"
            )))
        }
    }

    /// Where the span starts.
    #[must_use]
    pub const fn start(self) -> TimeOfDay {
        self.start
    }

    /// Where the span ends.
    #[must_use]
    pub const fn end(self) -> TimeOfDay {
        self.end
    }

    /// The span's length by the wall clock, in seconds (on a day when the clocks move, the
    /// physical length of a span across the change differs).
    #[must_use]
    pub const fn seconds(self) -> u32 {
        self.end.0 - self.start.0
    }
}

impl FromStr for TimeSpan {
    type Err = Error;

    /// `HH:MM-HH:MM` (seconds allowed).
    fn from_str(text: &str) -> Result<TimeSpan, Error> {
        let Some((start, end)) = text.split_once('-') else {
            return Err(Error::input(format!(
                "malformed span `{text}` (expected two times of day joined by `-`, like `09:00-17:00`)"
            )));
        };
        TimeSpan::new(start.parse()?, end.parse()?)
    }
}

impl fmt::Display for TimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// Checks that spans are in order and do not overlap (touching is allowed).
pub(crate) fn check_spans(spans: &[TimeSpan]) -> Result<(), Error> {
    for pair in spans.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(Error::input(format!(
                "spans `{}` and `{}` overlap or are out of order (list them from the earliest, \
                 without overlap)",
                pair[0], pair[1]
            )));
        }
    }
    Ok(())
}

/// Removes a closed span from a day's spans.
pub(crate) fn subtract(spans: &[TimeSpan], closed: TimeSpan) -> Vec<TimeSpan> {
    let mut out = Vec::with_capacity(spans.len() + 1);
    for &span in spans {
        if closed.end <= span.start || span.end <= closed.start {
            out.push(span);
            continue;
        }
        if span.start < closed.start {
            out.push(TimeSpan {
                start: span.start,
                end: closed.start,
            });
        }
        if closed.end < span.end {
            out.push(TimeSpan {
                start: closed.end,
                end: span.end,
            });
        }
    }
    out
}

/// The business hours of each weekday: one or several spans a day, or none.
///
/// The default, [`WeeklyHours::all_day`], is what a calendar without business hours means: a
/// business day is open from its local midnight to the next.
///
/// # Example
///
/// ```
/// use chrono::Weekday;
/// use slacal::WeeklyHours;
///
/// let hours = WeeklyHours::none()
///     .weekdays(&["09:00-12:00".parse()?, "13:00-17:00".parse()?])?
///     .day(Weekday::Fri, &["09:00-15:00".parse()?])?;
/// assert_eq!(hours.on(Weekday::Mon).len(), 2);
/// assert_eq!(hours.on(Weekday::Fri)[0].to_string(), "09:00-15:00");
/// assert!(hours.on(Weekday::Sat).is_empty());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeeklyHours {
    days: PerWeekday<Arc<[TimeSpan]>>,
}

impl WeeklyHours {
    /// Open all day, every day (`00:00-24:00`): what a calendar without business hours means.
    #[must_use]
    pub fn all_day() -> WeeklyHours {
        let all: Arc<[TimeSpan]> = Arc::from([TimeSpan::ALL_DAY]);
        WeeklyHours {
            days: PerWeekday::from_fn(|_| all.clone()),
        }
    }

    /// No hours on any day; add them with [`WeeklyHours::day`] and [`WeeklyHours::weekdays`].
    #[must_use]
    pub fn none() -> WeeklyHours {
        let empty: Arc<[TimeSpan]> = Arc::from([]);
        WeeklyHours {
            days: PerWeekday::from_fn(|_| empty.clone()),
        }
    }

    /// The same hours with `spans` on `weekday`.
    ///
    /// # Errors
    ///
    /// An input error when the spans overlap or are out of order.
    pub fn day(mut self, weekday: Weekday, spans: &[TimeSpan]) -> Result<WeeklyHours, Error> {
        check_spans(spans).map_err(|e| e.context(format!("hours of {}", weekday_key(weekday))))?;
        self.days[weekday] = Arc::from(spans);
        Ok(self)
    }

    /// The same hours with `spans` on Monday to Friday.
    ///
    /// # Errors
    ///
    /// As [`WeeklyHours::day`].
    pub fn weekdays(self, spans: &[TimeSpan]) -> Result<WeeklyHours, Error> {
        use Weekday::*;
        [Mon, Tue, Wed, Thu, Fri]
            .into_iter()
            .try_fold(self, |hours, day| hours.day(day, spans))
    }

    /// The spans of a weekday, in order.
    #[must_use]
    pub fn on(&self, weekday: Weekday) -> &[TimeSpan] {
        &self.days[weekday]
    }

    /// The spans of a weekday by index, Monday = 0.
    pub(crate) fn on_index(&self, index: u32) -> &[TimeSpan] {
        &self.days.0[(index % 7) as usize]
    }

    /// True when every day is open `00:00-24:00`.
    #[must_use]
    pub fn is_all_day(&self) -> bool {
        self.days
            .iter()
            .all(|(_, spans)| **spans == [TimeSpan::ALL_DAY])
    }
}

impl Default for WeeklyHours {
    fn default() -> WeeklyHours {
        WeeklyHours::all_day()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> TimeSpan {
        text.parse().unwrap()
    }

    #[test]
    fn times_and_spans_parse_and_print() {
        assert_eq!(
            "09:05:30".parse::<TimeOfDay>().unwrap().to_string(),
            "09:05:30"
        );
        assert_eq!(span("00:00-24:00"), TimeSpan::ALL_DAY);
        assert_eq!(
            "9:00".parse::<TimeOfDay>().unwrap_err().to_string(),
            "malformed time of day `9:00` (expected HH:MM or HH:MM:SS, like `09:00` or `24:00`)"
        );
        assert_eq!(
            "12:00-12:00".parse::<TimeSpan>().unwrap_err().to_string(),
            "span `12:00-12:00` does not end after it starts"
        );
        assert!("24:01".parse::<TimeOfDay>().is_err());
        assert!("09:00".parse::<TimeSpan>().is_err());
    }

    #[test]
    fn overlapping_spans_are_rejected() {
        let err = WeeklyHours::none()
            .day(Weekday::Mon, &[span("09:00-13:00"), span("12:00-17:00")])
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "hours of mon: spans `09:00-13:00` and `12:00-17:00` overlap or are out of order \
             (list them from the earliest, without overlap)"
        );
    }

    #[test]
    fn closures_cut_spans() {
        let day = [span("09:00-12:00"), span("13:00-17:00")];
        assert_eq!(
            subtract(&day, span("11:00-14:00")),
            [span("09:00-11:00"), span("14:00-17:00")]
        );
        assert_eq!(subtract(&day, span("10:00-11:00")).len(), 3);
        assert_eq!(subtract(&day, span("08:00-18:00")), []);
        assert_eq!(subtract(&day, span("12:00-13:00")), day);
    }
}
