//! Instants: points in time, to the nanosecond, independent of any zone.

use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike};
use chrono_tz::Tz;

use super::zone::{Disambiguation, start_of_day, to_instant};
use crate::Error;

/// A point in time, to the nanosecond: seconds since 1970-01-01T00:00:00Z and a fraction of
/// a second, within the years 0001 to 9999.
///
/// Records carry instants as RFC 3339 text with an offset ([`Instant::parse`]), or as local
/// times and dates interpreted in a zone ([`Instant::parse_in`]). A fraction of a second is
/// kept to the nanosecond: `09:15:00.4` is 0.4 s after `09:15:00`, and never the same instant.
/// An instant is written back in a calendar's zone with [`Instant::rfc3339`], with its fraction
/// when it has one (`.4`, trailing zeros dropped).
///
/// # Example
///
/// ```
/// use slacal::Instant;
///
/// let zone: chrono_tz::Tz = "America/Los_Angeles".parse().unwrap();
/// let at = Instant::parse("2026-11-20T18:30:00Z")?;
/// assert_eq!(at.rfc3339(zone).to_string(), "2026-11-20T10:30:00-08:00");
/// assert_eq!(at.local_date(zone).to_string(), "2026-11-20");
/// let later = Instant::parse("2026-11-20T10:30:00.750-08:00")?;
/// assert!(later > at);
/// assert_eq!(later.subsec_nanos(), 750_000_000);
/// assert_eq!(later.rfc3339(zone).to_string(), "2026-11-20T10:30:00.75-08:00");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    /// Whole seconds since the epoch, rounded down.
    secs: i64,
    /// Nanoseconds after `secs`, below 1,000,000,000.
    nanos: u32,
}

/// Nanoseconds in a second.
pub(crate) const NANOS: i64 = 1_000_000_000;

/// 0001-01-01T00:00:00Z.
const MIN_SECONDS: i64 = -62_135_596_800;
/// 9999-12-31T23:59:59Z.
const MAX_SECONDS: i64 = 253_402_300_799;

const EXPECTED_OFFSET: &str = "expected RFC 3339 with an offset, like `2026-11-20T09:30:00-08:00`";
const EXPECTED_ANY: &str = "expected RFC 3339 like `2026-11-20T09:30:00-08:00`, a local time \
                            like `2026-11-20 09:30`, or a date like `2026-11-20`";

impl Instant {
    /// 1970-01-01T00:00:00Z.
    pub const EPOCH: Instant = Instant { secs: 0, nanos: 0 };

    /// An instant of whole seconds known to be in range (callers clamp or check).
    pub(crate) const fn from_secs_unchecked(secs: i64) -> Instant {
        Instant { secs, nanos: 0 }
    }

    /// The instant `seconds` after 1970-01-01T00:00:00Z.
    ///
    /// # Errors
    ///
    /// A range error outside the years 0001 to 9999.
    pub fn from_unix_seconds(seconds: i64) -> Result<Instant, Error> {
        Instant::from_parts(seconds, 0)
    }

    /// The instant `nanos` nanoseconds after 1970-01-01T00:00:00Z.
    ///
    /// # Errors
    ///
    /// A range error outside the years 0001 to 9999.
    ///
    /// # Example
    ///
    /// ```
    /// let at = slacal::Instant::from_unix_nanos(-500_000_000)?;
    /// assert_eq!((at.unix_seconds(), at.subsec_nanos()), (-1, 500_000_000));
    /// assert_eq!(at.to_string(), "1969-12-31T23:59:59.5Z");
    /// assert_eq!(at.unix_nanos(), -500_000_000);
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn from_unix_nanos(nanos: i128) -> Result<Instant, Error> {
        let nanos_per_second = i128::from(NANOS);
        let secs = i64::try_from(nanos.div_euclid(nanos_per_second)).map_err(|_| {
            Error::range(format!(
                "instant {nanos} ns after 1970-01-01T00:00:00Z is outside the years 0001..=9999"
            ))
        })?;
        // `rem_euclid` of a positive divisor is in 0..1e9, which fits a u32.
        Instant::from_parts(secs, nanos.rem_euclid(nanos_per_second) as u32)
    }

    #[inline]
    fn from_parts(secs: i64, nanos: u32) -> Result<Instant, Error> {
        if (MIN_SECONDS..=MAX_SECONDS).contains(&secs) && nanos < NANOS as u32 {
            Ok(Instant { secs, nanos })
        } else {
            Err(Error::range(format!(
                "instant {secs} s after 1970-01-01T00:00:00Z is outside the years 0001..=9999"
            )))
        }
    }

    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down (the fraction is
    /// [`Instant::subsec_nanos`]).
    #[must_use]
    pub const fn unix_seconds(self) -> i64 {
        self.secs
    }

    /// The nanoseconds after [`Instant::unix_seconds`]: 0 to 999,999,999.
    #[must_use]
    pub const fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Nanoseconds since 1970-01-01T00:00:00Z.
    #[must_use]
    pub const fn unix_nanos(self) -> i128 {
        self.secs as i128 * NANOS as i128 + self.nanos as i128
    }

    /// The instant of a chrono date-time in any zone, to the nanosecond.
    ///
    /// # Errors
    ///
    /// A range error outside the years 0001 to 9999.
    pub fn from_datetime<Z: TimeZone>(time: &DateTime<Z>) -> Result<Instant, Error> {
        // chrono shows a leap second as a fraction of 1 s or more: it is the second's end.
        Instant::from_parts(
            time.timestamp(),
            time.timestamp_subsec_nanos().min(NANOS as u32 - 1),
        )
    }

    /// This instant `seconds` later (or earlier, when negative).
    ///
    /// # Errors
    ///
    /// A range error when the result leaves the years 0001 to 9999.
    pub fn checked_add_seconds(self, seconds: i64) -> Result<Instant, Error> {
        self.secs
            .checked_add(seconds)
            .ok_or_else(|| Error::range("instant arithmetic overflowed"))
            .and_then(|secs| Instant::from_parts(secs, self.nanos))
    }

    /// This instant `nanos` nanoseconds later (or earlier, when negative).
    ///
    /// # Errors
    ///
    /// A range error when the result leaves the years 0001 to 9999.
    pub fn checked_add_nanos(self, nanos: i64) -> Result<Instant, Error> {
        // In 64-bit parts: 128-bit division is slow, and this is on the hot path.
        let overflow = || Error::range("instant arithmetic overflowed");
        let total = nanos
            .checked_add(i64::from(self.nanos))
            .ok_or_else(overflow)?;
        let secs = self
            .secs
            .checked_add(total.div_euclid(NANOS))
            .ok_or_else(overflow)?;
        // The remainder of a positive divisor is below it, so it fits a u32.
        Instant::from_parts(secs, total.rem_euclid(NANOS) as u32)
    }

    /// The instant of whole seconds and nanoseconds below a second.
    pub(crate) fn from_seconds_and_nanos(secs: i64, nanos: u32) -> Result<Instant, Error> {
        Instant::from_parts(secs, nanos)
    }

    /// The nanoseconds from `earlier` to this instant (negative when `earlier` is later).
    #[must_use]
    pub const fn nanos_since(self, earlier: Instant) -> i128 {
        self.unix_nanos() - earlier.unix_nanos()
    }

    /// The nanoseconds from `earlier` to this instant, when they fit 64 bits (about 292
    /// years); in 64-bit arithmetic, for the hot path.
    #[inline]
    pub(crate) fn nanos_after(self, earlier: Instant) -> Option<i64> {
        (self.secs - earlier.secs)
            .checked_mul(NANOS)?
            .checked_add(i64::from(self.nanos) - i64::from(earlier.nanos))
    }

    /// Adds nanoseconds that are known to keep the instant in range (used where the result is
    /// bounded by another valid instant).
    pub(crate) fn plus_nanos(self, nanos: i64) -> Instant {
        self.checked_add_nanos(nanos).unwrap_or(if nanos < 0 {
            Instant {
                secs: MIN_SECONDS,
                nanos: 0,
            }
        } else {
            Instant {
                secs: MAX_SECONDS,
                nanos: NANOS as u32 - 1,
            }
        })
    }

    /// The UTC date-time.
    pub(crate) fn naive_utc(self) -> NaiveDateTime {
        // Every instant is within chrono's range (years 0001..=9999).
        DateTime::from_timestamp(self.secs, self.nanos)
            .unwrap_or_default()
            .naive_utc()
    }

    /// This instant in a time zone.
    #[must_use]
    pub fn in_zone(self, zone: Tz) -> DateTime<Tz> {
        zone.from_utc_datetime(&self.naive_utc())
    }

    /// The local date of this instant in a zone.
    #[must_use]
    pub fn local_date(self, zone: Tz) -> NaiveDate {
        self.in_zone(zone).date_naive()
    }

    /// RFC 3339 text in a zone, with that zone's offset at this instant, to the second, and
    /// the fraction of a second when there is one: `2026-12-12T00:00:00-08:00`,
    /// `2026-06-01T09:15:00.4-07:00` (`+00:00` for a zero offset, never `Z`).
    #[must_use]
    pub fn rfc3339(self, zone: Tz) -> Rfc3339 {
        Rfc3339 {
            instant: self,
            zone,
        }
    }

    /// Parses RFC 3339 text with an offset: `2026-11-20T09:30:00-08:00`, `2026-11-20T17:30Z`,
    /// with `T`, `t` or a space between date and time, optional seconds and a fraction of a
    /// second of up to nine digits (kept to the nanosecond).
    ///
    /// # Errors
    ///
    /// An input error naming the text and what is wrong with it, also when the offset is
    /// missing (use [`Instant::parse_in`] for local times), or when the fraction is finer
    /// than a nanosecond.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::Instant;
    ///
    /// assert_eq!(Instant::parse("1970-01-01T01:00:00+01:00")?.unix_seconds(), 0);
    /// assert_eq!(Instant::parse("1970-01-01T00:00:00.000000250Z")?.unix_nanos(), 250);
    /// let err = Instant::parse("2026-11-20 09:30").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "instant `2026-11-20 09:30` has no offset (expected RFC 3339 with an offset, like \
    ///      `2026-11-20T09:30:00-08:00`)"
    /// );
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Instant, Error> {
        let parsed = parse_parts(crate::text::trim(text))
            .map_err(|why| malformed(text, why, EXPECTED_OFFSET))?;
        match parsed {
            Parts::Offset(seconds, nanos) => Instant::from_parts(seconds, nanos),
            Parts::Local(..) | Parts::Date(_) => Err(Error::input(format!(
                "instant `{text}` has no offset ({EXPECTED_OFFSET})"
            ))),
        }
    }

    /// Parses an instant that may also be a local time or a date, interpreted in `zone`:
    /// RFC 3339 with an offset (the zone is then not used), a local time
    /// (`2026-11-20 09:30`, `2026-11-20T09:30:15.25`), whose DST gaps and folds `rule` decides,
    /// or a date (`2026-11-20`), which means the first instant of that day in the zone.
    ///
    /// # Errors
    ///
    /// An input error naming the text and what is wrong with it, or a local time rejected by
    /// the rule.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Disambiguation, Instant};
    ///
    /// let zone: chrono_tz::Tz = "Europe/London".parse().unwrap();
    /// let rule = Disambiguation::Compatible;
    /// let at = Instant::parse_in("2026-07-01 09:30", zone, rule)?;
    /// assert_eq!(at, Instant::parse("2026-07-01T08:30:00Z")?);
    /// let day = Instant::parse_in("2026-07-01", zone, rule)?;
    /// assert_eq!(day.rfc3339(zone).to_string(), "2026-07-01T00:00:00+01:00");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn parse_in(text: &str, zone: Tz, rule: Disambiguation) -> Result<Instant, Error> {
        let parsed = parse_parts(crate::text::trim(text))
            .map_err(|why| malformed(text, why, EXPECTED_ANY))?;
        match parsed {
            Parts::Offset(seconds, nanos) => Instant::from_parts(seconds, nanos),
            Parts::Local(date, time) => to_instant(zone, date.and_time(time), rule)
                .map_err(|e| e.context(format!("instant `{text}`"))),
            Parts::Date(date) => {
                start_of_day(zone, date).map_err(|e| e.context(format!("instant `{text}`")))
            }
        }
    }
}

impl fmt::Display for Instant {
    /// RFC 3339 in UTC: `2026-11-20T18:30:00Z`, `2026-11-20T18:30:00.25Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let time = self.naive_utc();
        write_fields(f, &time)?;
        write_fraction(f, self.nanos)?;
        f.write_str("Z")
    }
}

/// An instant written in RFC 3339 in a zone; see [`Instant::rfc3339`].
#[derive(Clone, Copy, Debug)]
pub struct Rfc3339 {
    instant: Instant,
    zone: Tz,
}

impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((day, time)) = rfc3339_parts(self.instant, self.zone) {
            let mut date = [0u8; 10];
            crate::calendar::date32::write_iso(day, &mut date);
            let (time, length) = time.bytes();
            // Both parts are ASCII.
            f.write_str(std::str::from_utf8(&date).unwrap_or(""))?;
            return f.write_str(std::str::from_utf8(&time[..length]).unwrap_or(""));
        }
        self.write_by_chrono(f)
    }
}

impl Rfc3339 {
    /// The text through chrono's calendar and the zone's rules, for every instant.
    pub(super) fn write_by_chrono(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let utc = self.instant.naive_utc();
        let offset = self
            .zone
            .offset_from_utc_datetime(&utc)
            .fix()
            .local_minus_utc();
        let local = utc + chrono::TimeDelta::seconds(i64::from(offset));
        write_fields(f, &local)?;
        write_fraction(f, self.instant.nanos)?;
        let sign = if offset < 0 { '-' } else { '+' };
        let abs = offset.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60)?;
        if !abs.is_multiple_of(60) {
            // Local mean time offsets (before 1900 in most zones) have seconds.
            write!(f, ":{:02}", abs % 60)?;
        }
        Ok(())
    }
}

/// The text of an instant's time of day in a zone, with the fraction and the offset:
/// `T09:30:00-08:00`, `T09:30:00.25+05:30`. Kept as the register values it is built from and
/// stored straight into its destination: copied through a byte array on the stack, the text
/// was read back in wider loads than it had been stored with, which the store buffer cannot
/// forward (a stall that was a quarter of the time of building it).
pub(crate) struct TimeText {
    /// `Thh:mm:ss`, little-endian, in the low nine bytes.
    time: u128,
    /// `±hh:mm`, little-endian, in the low six bytes.
    zone: u64,
    /// The fraction of a second, in nanoseconds.
    nanos: u32,
}

impl TimeText {
    /// Appends the text to `out`.
    #[inline]
    pub(crate) fn write_to(&self, out: &mut Vec<u8>) {
        if self.nanos == 0 {
            // Sixteen bytes stored whole, the last (a zero) dropped again.
            out.extend_from_slice(&self.whole().to_le_bytes());
            out.truncate(out.len() - 1);
        } else {
            let (bytes, length) = self.bytes();
            out.extend_from_slice(&bytes[..length]);
        }
    }

    /// The text of a whole second, `Thh:mm:ss±hh:mm`, in the low fifteen bytes.
    #[inline]
    fn whole(&self) -> u128 {
        self.time | u128::from(self.zone) << 72
    }

    /// The text in an array, and its length.
    fn bytes(&self) -> ([u8; 25], usize) {
        let mut bytes = [0u8; 25];
        if self.nanos == 0 {
            bytes[..16].copy_from_slice(&self.whole().to_le_bytes());
            return (bytes, 15);
        }
        bytes[..9].copy_from_slice(&self.time.to_le_bytes()[..9]);
        let mut fraction = [0u8; 10];
        let digits = fraction_digits(self.nanos, &mut fraction);
        bytes[9..9 + digits].copy_from_slice(&fraction[..digits]);
        bytes[9 + digits..15 + digits].copy_from_slice(&self.zone.to_le_bytes()[..6]);
        (bytes, 15 + digits)
    }
}

/// An instant's local day number in `zone` and the rest of its RFC 3339 text, exactly as
/// [`Instant::rfc3339`] writes it, through the cache of offsets; `None` when the offset has
/// seconds (local mean time) or the day is outside the years 1900–2199, which chrono writes.
pub(crate) fn rfc3339_parts(instant: Instant, zone: Tz) -> Option<(i32, TimeText)> {
    use crate::calendar::date32;
    let offset = i64::from(super::zone::offset_at_cached(zone, instant));
    let local = instant.unix_seconds() + offset;
    let day = local.div_euclid(86_400);
    if offset % 60 != 0 || !(i64::from(date32::MIN)..=i64::from(date32::MAX)).contains(&day) {
        return None;
    }
    // Below a day, and the offset's hours below 100 (chrono's offsets are under a day).
    let second_of_day = local.rem_euclid(86_400) as usize;
    let abs = offset.unsigned_abs() as usize;
    let pair = |n: usize| u16::from_le_bytes(date32::two_digits(n));
    // `Thh:mm:ss` and `±hh:mm` put together in registers and stored whole: written a byte or
    // two at a time, the text was read back before its stores had retired (a stall of the
    // store buffer that was a quarter of this function's time).
    let time = u128::from(b'T')
        | u128::from(pair(second_of_day / 3600)) << 8
        | u128::from(b':') << 24
        | u128::from(pair(second_of_day / 60 % 60)) << 32
        | u128::from(b':') << 48
        | u128::from(pair(second_of_day % 60)) << 56;
    let zone_text = u64::from(if offset < 0 { b'-' } else { b'+' })
        | u64::from(pair(abs / 3600)) << 8
        | u64::from(b':') << 24
        | u64::from(pair(abs / 60 % 60)) << 32;
    // In range, so the day number fits an i32.
    Some((
        day as i32,
        TimeText {
            time,
            zone: zone_text,
            nanos: instant.subsec_nanos(),
        },
    ))
}

fn write_fields(f: &mut impl fmt::Write, time: &NaiveDateTime) -> fmt::Result {
    write!(
        f,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

/// The fraction of a second, when there is one: `.` and its digits without trailing zeros.
fn write_fraction(f: &mut impl fmt::Write, nanos: u32) -> fmt::Result {
    let mut digits = [0u8; 10];
    let length = fraction_digits(nanos, &mut digits);
    // The digits are ASCII.
    f.write_str(std::str::from_utf8(&digits[..length]).unwrap_or(""))
}

/// Writes `.` and the digits of a fraction of a second (nanoseconds), trailing zeros dropped,
/// into `out`; the length written, 0 when there is no fraction.
pub(super) fn fraction_digits(nanos: u32, out: &mut [u8; 10]) -> usize {
    if nanos == 0 {
        return 0;
    }
    out[0] = b'.';
    let mut value = nanos;
    for slot in out[1..].iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
    let mut length = 10;
    while out[length - 1] == b'0' {
        length -= 1;
    }
    length
}

fn malformed(text: &str, why: &str, expected: &str) -> Error {
    Error::input(format!("malformed instant `{text}`: {why} ({expected})"))
}

/// What an instant's text says.
#[derive(Debug, PartialEq)]
enum Parts {
    /// Seconds since the epoch and nanoseconds, from a time with an offset.
    Offset(i64, u32),
    /// A local date and time.
    Local(NaiveDate, NaiveTime),
    /// A date alone.
    Date(NaiveDate),
}

/// Reads `count` ASCII digits at `at` as a number.
#[inline]
fn digits(bytes: &[u8], at: usize, count: usize) -> Option<u32> {
    let field = bytes.get(at..at + count)?;
    // Without a branch per byte: a non-digit is noted and the value dropped at the end (the
    // fields are at most four bytes, so the value cannot overflow meanwhile).
    let (mut value, mut other) = (0u32, false);
    for &b in field {
        let digit = b.wrapping_sub(b'0');
        other |= digit > 9;
        value = value.wrapping_mul(10).wrapping_add(u32::from(digit));
    }
    (!other).then_some(value)
}

/// The form nearly every export writes, `YYYY-MM-DDTHH:MM:SS` then `Z` or `±HH:MM`, read eight
/// bytes at a time; `None` for any other text, or for a value out of range, which
/// [`parse_parts`] then reads (and explains) the long way. What this accepts, it reads as
/// `parse_parts` does (tested against it on every byte at every place).
#[inline]
fn parse_common(b: &[u8]) -> Option<Parts> {
    const ZEROS: u64 = u64::from_le_bytes([b'0'; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const BELOW_TEN: u64 = u64::from_le_bytes([0x80 - 10; 8]);
    // Whether every byte of `digits` (non-digit places masked off) is below ten: adding
    // `0x80 - 10` sets a byte's high bit exactly when it is ten or more (a byte of 0x80 or more
    // has it set already; the carry out of an invalid byte can only clear a later flag).
    let all_digits = |digits: u64| (digits.wrapping_add(BELOW_TEN) | digits) & HIGHS == 0;
    let word = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(*b.get(at..at + 8)?.first_chunk::<8>()?))
    };
    // The zone at byte 19: `Z`, or `±HH:MM`.
    let with_offset = match b.len() {
        20 if matches!(b[19], b'Z' | b'z') => false,
        25 if matches!(b[19], b'+' | b'-') && b[22] == b':' => true,
        _ => return None,
    };
    // `YYYY-MM-` and `HH:MM:SS` (bytes 11..19), digits turned into their values.
    let date = word(0)? ^ ZEROS;
    let time = word(11)? ^ ZEROS;
    // The separators, after the same `^ b'0'`: `-` is 0x1d, `:` is 0x0a.
    const DATE_DIGITS: u64 = 0x00ff_ff00_ffff_ffff;
    const DATE_DASHES: u64 = 0x1d00_001d_0000_0000;
    const TIME_DIGITS: u64 = 0xffff_00ff_ff00_ffff;
    const TIME_COLONS: u64 = 0x0000_0a00_000a_0000;
    let (day_tens, day_ones) = (b[8] ^ b'0', b[9] ^ b'0');
    if date & !DATE_DIGITS != DATE_DASHES
        || time & !TIME_DIGITS != TIME_COLONS
        || !all_digits(date & DATE_DIGITS)
        || !all_digits(time & TIME_DIGITS)
        || day_tens > 9
        || day_ones > 9
        || !matches!(b[10], b'T' | b't' | b' ')
    {
        return None;
    }
    // Each byte times ten plus the next: the byte of a pair's first digit holds its value
    // (at most 99, so nothing carries into the next byte).
    let pairs = |digits: u64| digits.wrapping_mul(10).wrapping_add(digits >> 8);
    let byte = |word: u64, at: u32| (word >> (8 * at)) as u32 & 0xff;
    let (date, time) = (pairs(date & DATE_DIGITS), pairs(time & TIME_DIGITS));
    let year = (byte(date, 0) * 100 + byte(date, 2)) as i32;
    let month = byte(date, 5);
    let day = u32::from(day_tens) * 10 + u32::from(day_ones);
    let (hour, minute, second) = (byte(time, 0), byte(time, 3), byte(time, 6));
    if day == 0
        || day > crate::calendar::date32::days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let offset = if with_offset {
        let (hours, minutes) = (digits(b, 20, 2)?, digits(b, 23, 2)?);
        if hours > 23 || minutes > 59 {
            return None;
        }
        let value = i64::from(hours * 3600 + minutes * 60);
        if b[19] == b'-' { -value } else { value }
    } else {
        0
    };
    let days = i64::from(crate::calendar::date32::from_civil(year, month, day));
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset;
    Some(Parts::Offset(seconds, 0))
}

fn parse_parts(text: &str) -> Result<Parts, &'static str> {
    match parse_common(text.as_bytes()) {
        Some(parts) => Ok(parts),
        None => parse_any(text),
    }
}

/// Every form [`Instant::parse_in`] reads, with what is wrong when the text is none of them.
fn parse_any(text: &str) -> Result<Parts, &'static str> {
    let b = text.as_bytes();
    let (Some(year), Some(month), Some(day)) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2))
    else {
        return Err("the date is not YYYY-MM-DD");
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err("the date is not YYYY-MM-DD");
    }
    // The year has four digits, so it fits an i32; chrono's dates include all such years.
    let year = year as i32;
    if day == 0 || day > crate::calendar::date32::days_in_month(year, month) {
        return Err("no such date");
    }
    let date = || NaiveDate::from_ymd_opt(year, month, day).ok_or("no such date");
    if b.len() == 10 {
        return Ok(Parts::Date(date()?));
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return Err("expected `T` or a space after the date");
    }
    let (Some(hour), Some(minute)) = (digits(b, 11, 2), digits(b, 14, 2)) else {
        return Err("the time is not HH:MM or HH:MM:SS");
    };
    if b.get(13) != Some(&b':') {
        return Err("the time is not HH:MM or HH:MM:SS");
    }
    let mut at = 16;
    let mut second = 0;
    let mut nanos = 0u32;
    if b.get(at) == Some(&b':') {
        second = digits(b, at + 1, 2).ok_or("the seconds are not two digits")?;
        at += 3;
        if b.get(at) == Some(&b'.') || b.get(at) == Some(&b',') {
            at += 1;
            let start = at;
            while let Some(&digit) = b.get(at).filter(|d| d.is_ascii_digit()) {
                let place = at - start;
                if place < 9 {
                    nanos += u32::from(digit - b'0') * 10u32.pow(8 - place as u32);
                } else if digit != b'0' {
                    return Err("the fraction of a second is finer than a nanosecond");
                }
                at += 1;
            }
            if at == start {
                return Err("the fraction of a second has no digits");
            }
        }
    }
    // A leap second (RFC 3339 allows `:60`) is read as the last second of its minute.
    let leap = second == 60;
    if hour > 23 || minute > 59 || second > 60 {
        return Err(
            "the time of day is out of range (00:00:00 to 23:59:59, or :60 for a leap second)",
        );
    }
    let offset = match &b[at..] {
        [] if leap && (hour, minute) != (23, 59) => {
            return Err("a leap second (`:60`) comes only at 23:59:60");
        }
        [] => {
            let time = NaiveTime::from_hms_nano_opt(hour, minute, second.min(59), nanos)
                .ok_or("no such time of day")?;
            return Ok(Parts::Local(date()?, time));
        }
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            // `±HH:MM:SS` is what we write for the local mean time offsets of old dates
            // (Europe/Amsterdam was +00:19:32 until 1937), so that it reads back.
            let (hours, minutes, seconds) = match rest {
                [_, _, b':', _, _] => (digits(rest, 0, 2), digits(rest, 3, 2), Some(0)),
                [_, _, b':', _, _, b':', _, _] => {
                    (digits(rest, 0, 2), digits(rest, 3, 2), digits(rest, 6, 2))
                }
                [_, _, _, _] => (digits(rest, 0, 2), digits(rest, 2, 2), Some(0)),
                _ => (None, None, None),
            };
            let (Some(hours), Some(minutes), Some(seconds)) = (hours, minutes, seconds) else {
                return Err("the offset is not ±HH:MM");
            };
            if hours > 23 || minutes > 59 || seconds > 59 {
                return Err("the offset is out of range");
            }
            let value = i64::from(hours * 3600 + minutes * 60 + seconds);
            if *sign == b'-' { -value } else { value }
        }
        _ => return Err("unexpected text after the time (expected `Z` or an offset ±HH:MM)"),
    };
    // The days since 1970 of a valid date of the years 0000..=9999, and the time of day.
    let days = i64::from(crate::calendar::date32::from_civil(year, month, day));
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second.min(59)) - offset;
    if leap && (seconds + 1).rem_euclid(86_400) != 0 {
        return Err("a leap second (`:60`) comes only at 23:59:60 UTC");
    }
    Ok(Parts::Offset(seconds, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_form_is_read_as_the_general_parser_reads_it() {
        // Every byte at every place of texts of the common form (and of the dates and times
        // at the edges of their ranges): what the fast path accepts, the general parser reads
        // the same; the texts themselves take the fast path.
        let texts = [
            "2026-11-20T10:30:00Z",
            "2026-11-20T10:30:00-08:00",
            "2024-02-29T23:59:59+05:30",
            "0000-01-01t00:00:00z",
            "9999-12-31 23:59:59-23:59",
        ];
        for text in texts {
            assert_eq!(
                parse_common(text.as_bytes()),
                parse_any(text).ok(),
                "{text}"
            );
            let mut accepted = 0;
            for at in 0..text.len() {
                for byte in 0..=u8::MAX {
                    let mut bytes = text.as_bytes().to_vec();
                    bytes[at] = byte;
                    let Some(fast) = parse_common(&bytes) else {
                        continue;
                    };
                    accepted += 1;
                    let mutated = std::str::from_utf8(&bytes).expect("ASCII");
                    assert_eq!(parse_any(mutated), Ok(fast), "{mutated}");
                }
            }
            assert!(accepted > 2 * text.len(), "{text}: {accepted}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_of_the_common_form_is_read_as_the_general_parser_reads_it(
            year in 0u32..10_000, month in 0u32..14, day in 0u32..33, hour in 0u32..26,
            minute in 0u32..62, second in 0u32..62, zone in 0u32..3, hours in 0u32..26,
            minutes in 0u32..62,
        ) {
            let sign = ["Z", "+", "-"][zone as usize];
            let offset = if zone == 0 { String::new() } else { format!("{hours:02}:{minutes:02}") };
            let text = format!(
                "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{sign}{offset}"
            );
            let general = parse_any(&text).ok();
            match parse_common(text.as_bytes()) {
                Some(fast) => proptest::prop_assert_eq!(Some(fast), general),
                // Only what is out of range (a leap second too) is left to the general parser.
                None => proptest::prop_assert!(
                    second == 60 || !matches!(general, Some(Parts::Offset(..))),
                    "{}", text
                ),
            }
        }
    }

    #[test]
    fn the_common_form_leaves_what_it_cannot_read_to_the_general_parser() {
        for text in [
            "2026-02-29T10:30:00Z",
            "2026-11-20T24:00:00Z",
            "2026-06-30T23:59:60Z",
            "2026-11-20T10:30:00+24:00",
            "2026-11-20T10:30:00.5Z",
            "2026-13-01T10:30:00Z",
            "2026-11-20T10:30:00-0800",
        ] {
            assert_eq!(parse_common(text.as_bytes()), None, "{text}");
        }
        let leap = Instant::parse("2026-06-30T23:59:60Z").expect("a leap second");
        let last = Instant::parse("2026-06-30T23:59:59Z").expect("a second");
        assert_eq!(leap, last);
    }

    #[test]
    fn parses_the_rfc_3339_forms() {
        let at = |text: &str| Instant::parse(text).unwrap().unix_seconds();
        assert_eq!(at("1970-01-01T00:00:00Z"), 0);
        assert_eq!(at("1970-01-01t00:00:00z"), 0);
        assert_eq!(at("1970-01-01 00:00:00+00:00"), 0);
        assert_eq!(at("1970-01-01T01:00+01:00"), 0);
        assert_eq!(at("1970-01-01T01:00:00+0100"), 0);
        assert_eq!(at("1969-12-31T16:00:00.999999-08:00"), 0);
        assert_eq!(at("2026-11-20T10:30:00-08:00"), 1_795_199_400);
    }

    #[test]
    fn fractions_are_kept_to_the_nanosecond_and_written_without_trailing_zeros() {
        let zone: Tz = "America/Los_Angeles".parse().unwrap();
        let at = |text: &str| Instant::parse(text).unwrap();
        let whole = at("2026-06-01T09:15:00-07:00");
        let fraction = at("2026-06-01T09:15:00.4-07:00");
        assert!(fraction > whole);
        assert_eq!(fraction.nanos_since(whole), 400_000_000);
        assert_eq!(
            fraction.rfc3339(zone).to_string(),
            "2026-06-01T09:15:00.4-07:00"
        );
        assert_eq!(fraction.to_string(), "2026-06-01T16:15:00.4Z");
        assert_eq!(whole.rfc3339(zone).to_string(), "2026-06-01T09:15:00-07:00");
        // The same instant whatever offset wrote it, and whatever trailing zeros.
        assert_eq!(at("2026-06-01T16:15:00,400000000Z"), fraction);
        assert_eq!(at("2026-06-01T16:15:00.4000000000000Z"), fraction);
        assert_eq!(
            at("1969-12-31T23:59:59.000000001Z")
                .rfc3339(Tz::UTC)
                .to_string(),
            "1969-12-31T23:59:59.000000001+00:00"
        );
        assert_eq!(at("1969-12-31T23:59:59.999999999Z").unix_nanos(), -1);
        let message = Instant::parse("2026-06-01T16:15:00.0000000001Z")
            .unwrap_err()
            .to_string();
        assert!(message.contains("finer than a nanosecond"), "{message}");
        let local =
            Instant::parse_in("2026-06-01 09:15:00.25", zone, Disambiguation::Compatible).unwrap();
        assert_eq!(
            local.rfc3339(zone).to_string(),
            "2026-06-01T09:15:00.25-07:00"
        );
        assert_eq!(
            whole
                .checked_add_nanos(-1)
                .unwrap()
                .rfc3339(zone)
                .to_string(),
            "2026-06-01T09:14:59.999999999-07:00"
        );
    }

    #[test]
    fn rejects_malformed_text_with_the_reason() {
        let message = |text: &str| Instant::parse(text).unwrap_err().to_string();
        assert_eq!(
            message("2026-13-01T00:00:00Z"),
            "malformed instant `2026-13-01T00:00:00Z`: no such date (expected RFC 3339 with an \
             offset, like `2026-11-20T09:30:00-08:00`)"
        );
        assert!(message("2026-11-20T24:00:00Z").contains("out of range"));
        assert!(message("2026-11-20T10:00:00+5").contains("not ±HH:MM"));
        assert!(message("2026-11-20T10:00:00 PST").contains("unexpected text"));
        assert!(message("20261120").contains("YYYY-MM-DD"));
        assert!(message("").contains("YYYY-MM-DD"));
        assert!(message("2026-11-20").contains("has no offset"));
        assert!(message("2026-11-20T10:00:00.Z").contains("no digits"));
    }

    #[test]
    fn writes_the_zone_offset_of_each_instant() {
        let zone: Tz = "America/Los_Angeles".parse().unwrap();
        let winter = Instant::parse("2026-12-12T08:00:00Z").unwrap();
        assert_eq!(
            winter.rfc3339(zone).to_string(),
            "2026-12-12T00:00:00-08:00"
        );
        let summer = Instant::parse("2026-07-01T07:00:00Z").unwrap();
        assert_eq!(
            summer.rfc3339(zone).to_string(),
            "2026-07-01T00:00:00-07:00"
        );
        assert_eq!(
            summer.rfc3339(Tz::UTC).to_string(),
            "2026-07-01T07:00:00+00:00"
        );
        assert_eq!(summer.to_string(), "2026-07-01T07:00:00Z");
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        assert_eq!(
            summer.rfc3339(kolkata).to_string(),
            "2026-07-01T12:30:00+05:30"
        );
    }

    #[test]
    fn issue_9_a_leap_second_is_the_last_second_of_its_minute() {
        let at = |text: &str| Instant::parse(text).map(Instant::unix_seconds);
        assert_eq!(
            at("2016-12-31T23:59:60Z").unwrap(),
            at("2016-12-31T23:59:59Z").unwrap()
        );
        assert_eq!(
            at("2017-01-01T00:59:60+01:00").unwrap(),
            at("2016-12-31T23:59:59Z").unwrap()
        );
        let message = Instant::parse("2016-12-31T12:34:60Z")
            .unwrap_err()
            .to_string();
        assert!(message.contains("only at 23:59:60 UTC"), "{message}");
        assert!(Instant::parse("2016-12-31T23:59:61Z").is_err());
    }

    #[test]
    fn issue_9_offsets_with_seconds_are_written_in_a_form_that_reads_back() {
        // Liberia kept Monrovia mean time, -00:44:30, until 1972.
        let zone: Tz = "Africa/Monrovia".parse().unwrap();
        let instant = Instant::parse("1960-06-01T12:00:00Z").unwrap();
        let text = instant.rfc3339(zone).to_string();
        assert_eq!(text, "1960-06-01T11:15:30-00:44:30");
        assert_eq!(Instant::parse(&text).unwrap(), instant);
        // Every zone, across the years where offsets had seconds.
        let mut seconds = -2_208_988_800i64;
        while seconds < 100_000_000 {
            let instant = Instant::from_unix_seconds(seconds).unwrap();
            for zone in chrono_tz::TZ_VARIANTS.iter().step_by(7) {
                let text = instant.rfc3339(*zone).to_string();
                assert_eq!(Instant::parse(&text).unwrap(), instant, "{text} in {zone}");
            }
            seconds += 86_400 * 97 + 7_919;
        }
    }

    #[test]
    fn range_is_checked() {
        assert!(
            Instant::from_unix_seconds(MAX_SECONDS + 1)
                .unwrap_err()
                .is_range()
        );
        assert!(Instant::from_unix_seconds(i64::MIN).is_err());
        assert!(Instant::parse("9999-12-31T23:59:59Z").is_ok());
        assert!(
            Instant::parse("9999-12-31T23:59:59-01:00")
                .unwrap_err()
                .is_range()
        );
        let zone: Tz = "Asia/Tokyo".parse().unwrap();
        assert!(
            Instant::parse("0001-01-01T00:00:00Z")
                .unwrap()
                .rfc3339(zone)
                .to_string()
                .starts_with("0001-01-01T09:1")
        );
    }
}
