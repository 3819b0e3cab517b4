//! Dates as day numbers: days since 1970-01-01, the layout of Arrow's `Date32` and numpy's
//! `datetime64[D]`.
//!
//! The bulk forms of the calendar arithmetic work on these numbers, so that a column of dates
//! from Arrow, Parquet or numpy can be processed without conversion. This module converts them
//! to and from civil dates and parses and writes ISO 8601 dates (`YYYY-MM-DD`) without
//! allocating; it is what makes the `shift` command fast.
//!
//! # Example
//!
//! ```
//! use slacal::date32;
//!
//! let day = date32::parse_iso(b"2024-02-29")?;
//! assert_eq!(day, 19782);
//! assert_eq!(date32::to_civil(day), (2024, 2, 29));
//! let mut text = [0u8; 10];
//! date32::write_iso(day, &mut text);
//! assert_eq!(&text, b"2024-02-29");
//! # Ok::<(), slacal::Error>(())
//! ```

use chrono::NaiveDate;

use crate::Error;

/// The first supported date, 1900-01-01, as a day number.
pub const MIN: i32 = -25_567;
/// The last supported date, 2199-12-31, as a day number.
pub const MAX: i32 = 84_005;
/// The first supported year.
pub const MIN_YEAR: i32 = 1900;
/// The last supported year.
pub const MAX_YEAR: i32 = 2199;

/// Days from 0000-03-01 (proleptic Gregorian) to 1970-01-01.
const EPOCH_SHIFT: i32 = 719_468;

/// The day number of a civil date. The date is not validated; use [`from_ymd`] for that.
///
/// # Example
///
/// ```
/// assert_eq!(slacal::date32::from_civil(1970, 1, 1), 0);
/// assert_eq!(slacal::date32::from_civil(1900, 1, 1), slacal::date32::MIN);
/// ```
#[must_use]
#[inline]
pub const fn from_civil(year: i32, month: u32, day: u32) -> i32 {
    // Howard Hinnant's days_from_civil, on years shifted to start in March. The arithmetic
    // wraps instead of overflowing for years far outside the supported range.
    let y = if month <= 2 {
        year.wrapping_sub(1)
    } else {
        year
    };
    let era = if y >= 0 { y } else { y.wrapping_sub(399) } / 400;
    let yoe = y.wrapping_sub(era.wrapping_mul(400));
    let mp = if month > 2 {
        month.wrapping_sub(3)
    } else {
        month.wrapping_add(9)
    } as i32;
    let doy = (153i32.wrapping_mul(mp).wrapping_add(2) / 5)
        .wrapping_add(day as i32)
        .wrapping_sub(1);
    let doe = yoe
        .wrapping_mul(365)
        .wrapping_add(yoe / 4)
        .wrapping_sub(yoe / 100)
        .wrapping_add(doy);
    era.wrapping_mul(146_097)
        .wrapping_add(doe)
        .wrapping_sub(EPOCH_SHIFT)
}

/// The civil date `(year, month, day)` of a day number.
///
/// # Example
///
/// ```
/// assert_eq!(slacal::date32::to_civil(0), (1970, 1, 1));
/// assert_eq!(slacal::date32::to_civil(slacal::date32::MAX), (2199, 12, 31));
/// ```
#[must_use]
#[inline]
pub const fn to_civil(day: i32) -> (i32, u32, u32) {
    // Neri and Schneider, "Euclidean affine functions and their application to calendar
    // algorithms" (2022): branch-free, one division by a constant. Days are shifted so that
    // every i32 day number maps to a non-negative count of days since 0000-03-01 of a
    // proleptic cycle far in the past.
    const SHIFT_CYCLES: u32 = 82;
    const K: u32 = EPOCH_SHIFT as u32 + 146_097 * SHIFT_CYCLES;
    const L: i32 = 400 * SHIFT_CYCLES as i32;
    let n = (day as u32).wrapping_add(K);
    // Outside the supported range the arithmetic wraps instead of overflowing: the answer is
    // meaningless there, but no input makes it panic.
    let n1 = n.wrapping_mul(4).wrapping_add(3);
    let century = n1 / 146_097;
    let n_c = n1 % 146_097 / 4;
    let n2 = n_c.wrapping_mul(4).wrapping_add(3);
    let p2 = 2_939_745u64 * n2 as u64;
    let z = (p2 >> 32) as u32;
    let n_y = (p2 as u32) / 2_939_745 / 4;
    let n3 = n_y.wrapping_mul(2141).wrapping_add(197_913);
    let month = n3 >> 16;
    let d = (n3 & 0xffff) / 2141;
    let january_or_february = n_y >= 306;
    let year = (century.wrapping_mul(100).wrapping_add(z) as i32)
        .wrapping_sub(L)
        .wrapping_add(january_or_february as i32);
    let month = if january_or_february {
        month - 12
    } else {
        month
    };
    (year, month, d + 1)
}

/// The number of days in a month, or 0 for a month outside 1..=12.
#[must_use]
#[inline]
pub const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True for a leap year of the Gregorian calendar.
#[must_use]
#[inline]
pub const fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The day number of a valid civil date in the supported range.
///
/// # Errors
///
/// An input error for an impossible date (month 13, February 30), a range error for a date
/// before 1900-01-01 or after 2199-12-31.
///
/// # Example
///
/// ```
/// use slacal::date32;
///
/// assert_eq!(date32::from_ymd(2026, 11, 26)?, 20_783);
/// assert!(date32::from_ymd(2026, 2, 29).unwrap_err().is_input());
/// assert!(date32::from_ymd(2200, 1, 1).unwrap_err().is_range());
/// # Ok::<(), slacal::Error>(())
/// ```
#[inline]
pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<i32, Error> {
    if day == 0 || day > days_in_month(year, month) {
        return Err(Error::input(format!(
            "`{year:04}-{month:02}-{day:02}` is not a date of the calendar"
        )));
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(out_of_range_year(year));
    }
    Ok(from_civil(year, month, day))
}

pub(crate) fn out_of_range_year(year: i32) -> Error {
    Error::range(format!(
        "year {year} is outside the supported range {MIN_YEAR}..={MAX_YEAR}"
    ))
}

/// Parses an ISO 8601 calendar date `YYYY-MM-DD` (exactly ten bytes) into a day number.
///
/// # Errors
///
/// An input error when the text is not of that form or names an impossible date; a range error
/// when the date is outside 1900-01-01 ..= 2199-12-31.
///
/// # Example
///
/// ```
/// use slacal::date32;
///
/// assert_eq!(date32::parse_iso(b"1970-01-02")?, 1);
/// assert!(date32::parse_iso(b"2024-13-01").unwrap_err().is_input());
/// assert!(date32::parse_iso(b"24-1-1").unwrap_err().is_input());
/// # Ok::<(), slacal::Error>(())
/// ```
#[inline]
pub fn parse_iso(text: &[u8]) -> Result<i32, Error> {
    if let (Some(head), Some(&[d0, d1])) = (text.first_chunk::<8>(), text.get(8..10))
        && text.len() == 10
    {
        // `YYYY-MM-` as one word: XOR with `0000-00-` makes each digit its value and each
        // dash 0 (XOR is one to one, so nothing else does); adding `0x80 - 10` to every byte
        // then sets the high bit of those of ten or more (a byte of 0x80 or more has it set
        // already, and a carry out of a flagged byte can only flag the next).
        let word = u64::from_le_bytes(*head) ^ u64::from_le_bytes(*b"0000-00-");
        let flagged = (word.wrapping_add(u64::from_le_bytes([0x80 - 10; 8])) | word)
            & u64::from_le_bytes([0x80; 8]);
        let dashes = word & 0xff00_00ff_0000_0000;
        let (d0, d1) = (d0.wrapping_sub(b'0'), d1.wrapping_sub(b'0'));
        if flagged | dashes == 0 && d0 < 10 && d1 < 10 {
            let digit = |i: u32| (word >> (8 * i)) as u32 & 0xff;
            let year = (digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)) as i32;
            let month = digit(5) * 10 + digit(6);
            let day = u32::from(d0) * 10 + u32::from(d1);
            return from_ymd(year, month, day);
        }
    }
    Err(Error::input(format!(
        "`{}` is not a date of the form YYYY-MM-DD",
        String::from_utf8_lossy(text)
    )))
}

/// Writes a day number as `YYYY-MM-DD` into a ten-byte buffer.
///
/// Years outside 0..=9999 are not representable in this form; the supported range never
/// produces them.
#[inline]
pub fn write_iso(day: i32, out: &mut [u8; 10]) {
    let (year, month, day) = to_civil(day);
    let year = year.clamp(0, 9999) as usize;
    out[0..2].copy_from_slice(&two_digits(year / 100));
    out[2..4].copy_from_slice(&two_digits(year % 100));
    out[4] = b'-';
    out[5..7].copy_from_slice(&two_digits(month as usize));
    out[7] = b'-';
    out[8..10].copy_from_slice(&two_digits(day as usize));
}

/// The two digits of `n` (below 100; the last two digits of a larger number).
#[inline]
pub(crate) fn two_digits(n: usize) -> [u8; 2] {
    let i = n % 100 * 2;
    [TWO_DIGITS[i], TWO_DIGITS[i + 1]]
}

/// "00" to "99", for writing two digits at a time.
const TWO_DIGITS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// The day number of a chrono date (any date chrono can represent).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(1970, 1, 31).unwrap();
/// assert_eq!(slacal::date32::from_naive(date), 30);
/// ```
#[must_use]
#[inline]
pub fn from_naive(date: NaiveDate) -> i32 {
    date.to_epoch_days()
}

/// The chrono date of a day number in the supported range.
///
/// # Errors
///
/// A range error when the day number is outside [`MIN`] ..= [`MAX`].
///
/// # Example
///
/// ```
/// let date = slacal::date32::to_naive(0)?;
/// assert_eq!(date.to_string(), "1970-01-01");
/// # Ok::<(), slacal::Error>(())
/// ```
pub fn to_naive(day: i32) -> Result<NaiveDate, Error> {
    if !(MIN..=MAX).contains(&day) {
        let (year, month, day_of_month) = to_civil(day);
        return Err(Error::range(format!(
            "date `{year:04}-{month:02}-{day_of_month:02}` is outside the supported range \
             1900-01-01 ..= 2199-12-31"
        )));
    }
    Ok(to_naive_in_range(day))
}

/// A day number held in 64 bits (numpy's `datetime64[D]`, a count from another source) as a
/// day number of this module. A value that fits in `i32` is returned as it is, for a calendar
/// to check against the years it covers (and to name the date in its error).
///
/// # Errors
///
/// A range error for a value beyond `i32`, which lies far outside the supported range.
///
/// # Example
///
/// ```
/// use slacal::date32;
///
/// assert_eq!(date32::from_i64(20_783)?, 20_783);
/// assert!(date32::from_i64(1 << 40).unwrap_err().is_range());
/// # Ok::<(), slacal::Error>(())
/// ```
pub fn from_i64(days: i64) -> Result<i32, Error> {
    i32::try_from(days).map_err(|_| {
        Error::range(format!(
            "date at day number {days} (days since 1970-01-01) is outside the supported range \
             1900-01-01 ..= 2199-12-31"
        ))
    })
}

/// The chrono date of a day number already known to be in the supported range.
#[inline]
pub(crate) fn to_naive_in_range(day: i32) -> NaiveDate {
    // Every day number in MIN..=MAX is a date that chrono can represent.
    NaiveDate::from_epoch_days(day).unwrap_or(NaiveDate::MIN)
}

/// The weekday of a day number, Monday = 0 .. Sunday = 6.
#[must_use]
#[inline]
pub const fn weekday_index(day: i32) -> u32 {
    // 1970-01-01 was a Thursday (index 3).
    // In i64, so that no day number overflows.
    (day as i64 + 3).rem_euclid(7) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn every_supported_day_round_trips_through_civil_and_chrono() {
        let mut date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        for day in MIN..=MAX {
            let (y, m, d) = to_civil(day);
            assert_eq!(
                (y, m, d),
                (date.year(), date.month(), date.day()),
                "day {day}"
            );
            assert_eq!(from_civil(y, m, d), day);
            assert_eq!(from_naive(date), day);
            assert_eq!(to_naive(day).unwrap(), date);
            assert_eq!(
                weekday_index(day),
                date.weekday().num_days_from_monday(),
                "day {day}"
            );
            let mut text = [0u8; 10];
            write_iso(day, &mut text);
            assert_eq!(std::str::from_utf8(&text).unwrap(), date.to_string());
            assert_eq!(parse_iso(&text).unwrap(), day);
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn conversions_never_panic_far_outside_the_range() {
        for day in [
            i32::MIN,
            i32::MIN + 1,
            -1_000_000_000,
            1_000_000_000,
            i32::MAX,
        ] {
            let _ = to_civil(day);
            let _ = weekday_index(day);
            let mut text = [0u8; 10];
            write_iso(day, &mut text);
            assert!(to_naive(day).is_err());
        }
        for (year, month, day) in [
            (i32::MIN, 1, 1),
            (i32::MAX, 12, 31),
            (0, 0, 0),
            (2000, u32::MAX, u32::MAX),
        ] {
            let _ = from_civil(year, month, day);
            assert!(from_ymd(year, month, day).is_err());
        }
    }

    #[test]
    fn parse_rejects_malformed_and_out_of_range_text() {
        for bad in [
            &b""[..],
            b"2024-1-01",
            b"2024-01-1",
            b"2024/01/01",
            b"2024-01-01T",
            b"2024-02-30",
            b"2023-02-29",
            b"2024-00-10",
            b"2024-01-00",
            b"+024-01-01",
            b"\xff\xfe24-01-01",
        ] {
            assert!(parse_iso(bad).unwrap_err().is_input(), "{bad:?}");
        }
        assert!(parse_iso(b"1899-12-31").unwrap_err().is_range());
        assert!(parse_iso(b"2200-01-01").unwrap_err().is_range());
        assert_eq!(
            parse_iso(b"2200-01-01").unwrap_err().to_string(),
            "year 2200 is outside the supported range 1900..=2199"
        );
        assert!(to_naive(MAX + 1).is_err());
    }

    /// `parse_iso` read byte by byte, for comparison with its reading of a word at a time.
    fn parse_plainly(text: &[u8]) -> Option<Result<i32, Error>> {
        let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text else {
            return None;
        };
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let [y0, y1, y2, y3, m0, m1, d0, d1] = digits.map(|b| u32::from(b - b'0'));
        let year = (y0 * 1000 + y1 * 100 + y2 * 10 + y3) as i32;
        Some(from_ymd(year, m0 * 10 + m1, d0 * 10 + d1))
    }

    #[test]
    fn issue_14_every_byte_at_every_place_is_read_as_byte_by_byte() {
        for text in [
            &b"2026-11-25"[..],
            b"1900-01-01",
            b"2199-12-31",
            b"2024-02-29",
        ] {
            for place in 0..text.len() {
                for byte in 0..=255u8 {
                    let mut changed = text.to_vec();
                    changed[place] = byte;
                    let ours = parse_iso(&changed);
                    match parse_plainly(&changed) {
                        Some(Ok(day)) => assert_eq!(ours.unwrap(), day, "{changed:?}"),
                        Some(Err(e)) => {
                            assert_eq!(ours.unwrap_err().to_string(), e.to_string());
                        }
                        None => assert!(ours.unwrap_err().is_input(), "{changed:?}"),
                    }
                }
            }
            // Shorter and longer texts are refused.
            assert!(parse_iso(&text[..9]).is_err());
            assert!(parse_iso(&[text, b"0"].concat()).is_err());
        }
    }
}
