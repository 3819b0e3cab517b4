//! The tabular (arithmetic) Islamic calendar, for estimates only.
//!
//! The Islamic holidays of the countries in this library (the UAE, Singapore, India) follow the
//! sighting of the crescent moon, or a local computation, and are announced shortly before
//! they happen; no formula reproduces them. The tabular calendar gives dates that are usually
//! right or one day early or late, which is what an *estimate* is for: a date computed ahead of
//! the announcement, shown as `[estimated]`, and used only when the caller allows estimates.
//!
//! The tabular calendar has 12 months of alternately 30 and 29 days (Muharram 30, Safar 29…),
//! and Dhu al-Hijjah gets a 30th day in 11 leap years of each 30-year cycle: years 2, 5, 7, 10,
//! 13, 16, 18, 21, 24, 26 and 29 (the most common convention). Its epoch is 1 Muharram AH 1 =
//! Friday 16 July 622 (Julian), the "civil" epoch.
//!
//! Months: 1 Muharram, 2 Safar, 3 Rabi al-Awwal, 4 Rabi al-Thani, 5 Jumada al-Awwal, 6 Jumada
//! al-Thani, 7 Rajab, 8 Shaban, 9 Ramadan, 10 Shawwal, 11 Dhu al-Qadah, 12 Dhu al-Hijjah.

use chrono::{Datelike, NaiveDate};

/// Rata Die (1 = 1 January 1 CE, proleptic Gregorian) of 1 Muharram AH 1: 16 July 622 Julian.
const EPOCH: i64 = 227_015;

/// Whether a year of the tabular calendar has 355 days (a 30th day of Dhu al-Hijjah).
#[must_use]
pub(crate) fn is_leap_year(year: i64) -> bool {
    (14 + 11 * year).rem_euclid(30) < 11
}

/// The number of days of a month: 30 for odd months, 29 for even ones, and 30 for Dhu
/// al-Hijjah in a leap year (0 for a month out of 1..=12).
#[must_use]
pub(crate) fn month_length(year: i64, month: u32) -> u32 {
    match month {
        12 if is_leap_year(year) => 30,
        1..=12 if month % 2 == 1 => 30,
        1..=12 => 29,
        _ => 0,
    }
}

/// The Gregorian date of a tabular Islamic date, or `None` when the day does not exist.
#[must_use]
pub(crate) fn to_gregorian(year: i64, month: u32, day: u32) -> Option<NaiveDate> {
    if day == 0 || day > month_length(year, month) {
        return None;
    }
    let month = i64::from(month);
    let rd = EPOCH - 1
        + i64::from(day)
        + 29 * (month - 1)
        + (6 * month - 1).div_euclid(11)
        + (year - 1) * 354
        + (3 + 11 * year).div_euclid(30);
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(rd).ok()?)
}

/// The dates of an Islamic month and day that fall in a Gregorian year: one, or two when the
/// Islamic year (354 or 355 days) starts twice in it (as in 2008 and 2041), or none.
#[must_use]
pub(crate) fn in_gregorian_year(gregorian_year: i32, month: u32, day: u32) -> Vec<NaiveDate> {
    // AH year y starts about 622.5 + (y - 1) * 0.9702 Gregorian years.
    let approx = ((f64::from(gregorian_year) - 622.0) / 0.970_224) as i64 + 1;
    (approx - 2..=approx + 2)
        .filter_map(|year| to_gregorian(year, month, day))
        .filter(|date| date.year() == gregorian_year)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_have_354_or_355_days_and_the_cycle_has_11_leap_years() {
        for year in 1300..=1650 {
            let start = to_gregorian(year, 1, 1).unwrap();
            let next = to_gregorian(year + 1, 1, 1).unwrap();
            let length = (next - start).num_days();
            assert_eq!(length, if is_leap_year(year) { 355 } else { 354 }, "{year}");
        }
        assert_eq!((1..=30).filter(|&y| is_leap_year(y)).count(), 11);
        let leap: Vec<i64> = (1..=30).filter(|&y| is_leap_year(y)).collect();
        assert_eq!(leap, [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]);
    }

    #[test]
    fn every_gregorian_year_has_each_date_once_or_twice() {
        for year in 1900..=2199 {
            let found = in_gregorian_year(year, 10, 1);
            assert!((1..=2).contains(&found.len()), "{year}: {found:?}");
        }
        // 1 Muharram 1300 AH: 12 November 1882 in the tabular calendar.
        assert_eq!(
            to_gregorian(1300, 1, 1),
            NaiveDate::from_ymd_opt(1882, 11, 12)
        );
    }

    /// The example the documentation of `is_leap_year` gave.
    #[test]
    fn the_example_of_is_leap_year() {
        assert!(is_leap_year(1445)); // year 5 of its cycle
        assert!(!is_leap_year(1446));
    }

    /// The example the documentation of `to_gregorian` gave.
    #[test]
    fn the_example_of_to_gregorian() {
        use chrono::NaiveDate;

        // 10 Dhu al-Hijjah 1446 (Eid al-Adha), tabular: Saturday 7 June 2025 (announced in the
        // UAE: Friday 6 June).
        assert_eq!(
            to_gregorian(1446, 12, 10),
            NaiveDate::from_ymd_opt(2025, 6, 7)
        );
        assert_eq!(to_gregorian(1446, 2, 30), None);
    }

    /// The example of the module documentation.
    #[test]
    fn the_example_of_the_module() {
        use chrono::NaiveDate;

        // 1 Shawwal 1446 (Eid al-Fitr) in the tabular calendar: Monday 31 March 2025 (the UAE
        // announced Sunday 30 March after the moon sighting).
        assert_eq!(
            to_gregorian(1446, 10, 1),
            NaiveDate::from_ymd_opt(2025, 3, 31)
        );
    }
}
