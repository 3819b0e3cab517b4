//! The arithmetic Hebrew calendar: the molad, the postponements (dehiyyot) and the six year
//! types, and the conversion of a Hebrew date to a Gregorian one.
//!
//! The Hebrew calendar is fully arithmetic (fixed since Hillel II, 4th century): a year is 12
//! months, or 13 in years 3, 6, 8, 11, 14, 17 and 19 of the 19-year cycle; a mean lunation
//! (molad interval) is 29 days 12 hours 793 parts (a part, *heleq*, is 1/1080 hour); the year
//! starts on 1 Tishri, the day of the molad of Tishri unless one of four postponements moves it
//! a day or two later:
//!
//! - *lo ADU Rosh*: Rosh Hashanah never falls on a Sunday, Wednesday or Friday;
//! - *molad zaken*: a molad at or after noon moves the new year to the next day;
//! - *GaTaRaD*: in a common year, a molad on Tuesday at or after 9 h 204 parts moves it to
//!   Thursday (else the year would be 356 days long);
//! - *BeTUTaKPaT*: after a leap year, a molad on Monday at or after 15 h 589 parts moves it to
//!   Tuesday (else the previous year would be 382 days long).
//!
//! A year is therefore 353, 354 or 355 days long (deficient, regular, complete), or 383, 384 or
//! 385 in a leap year; Heshvan and Kislev take 29 or 30 days to make up the length.
//!
//! The computation below counts days from the epoch (the eve of 1 Tishri AM 1, 7 October 3761
//! BCE, proleptic Julian) with the standard arithmetic of Reingold and Dershowitz,
//! *Calendrical Calculations*: the molad in parts since the epoch, Lo ADU by the 3-day trick,
//! the molad zaken by counting the molad from noon of the preceding day, and the GaTaRaD and
//! BeTUTaKPaT rules as "the year must not be 356 days long, the previous one not 382".
//!
//! Months are numbered as in the Torah, from Nisan: 1 Nisan, 2 Iyar, 3 Sivan, 4 Tammuz, 5 Av,
//! 6 Elul, 7 Tishri, 8 Heshvan, 9 Kislev, 10 Tevet, 11 Shevat, 12 Adar (Adar I in a leap
//! year), 13 Adar II. The year number changes on 1 Tishri (month 7).

use chrono::NaiveDate;

/// Nisan, the first month of the year counted from spring (Passover is 15 Nisan).
pub(crate) const NISAN: u32 = 1;
#[cfg(test)]
/// Iyar (Israel's Independence Day is 5 Iyar).
pub(crate) const IYAR: u32 = 2;
/// Tishri, the month of the new year (Rosh Hashanah is 1 Tishri).
pub(crate) const TISHRI: u32 = 7;
#[cfg(test)]
/// Adar II, only in leap years.
pub(crate) const ADAR_II: u32 = 13;

/// The Rata Die day number (1 = 1 January 1 CE, proleptic Gregorian) of 1 Tishri AM 1:
/// 7 October 3761 BCE (proleptic Julian).
const EPOCH: i64 = -1_373_427;

/// Parts (1/1080 hour) in a day.
const PARTS_PER_DAY: i64 = 25_920;

/// The month names as written in holiday files, by month number (index 0 unused).
const MONTH_NAMES: [&str; 14] = [
    "", "nisan", "iyar", "sivan", "tammuz", "av", "elul", "tishri", "heshvan", "kislev", "tevet",
    "shevat", "adar", "adar_ii",
];

/// The month number of a month name as written in holiday files (`tishri`, `adar_ii`…).
#[must_use]
pub(crate) fn month_from_name(name: &str) -> Option<u32> {
    let name = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    let name = match name.as_str() {
        "cheshvan" | "marheshvan" | "marcheshvan" => "heshvan",
        "teveth" => "tevet",
        "shvat" | "shebat" => "shevat",
        "adar_i" | "adar_1" => "adar",
        "adar_2" | "adar_sheni" => "adar_ii",
        "tishrei" => "tishri",
        other => other,
    }
    .to_owned();
    MONTH_NAMES
        .iter()
        .position(|&n| !n.is_empty() && n == name)
        .map(|i| i as u32)
}

#[cfg(test)]
/// The name of a month number as written in holiday files.
#[must_use]
pub(crate) fn month_name(month: u32) -> &'static str {
    MONTH_NAMES.get(month as usize).copied().unwrap_or("")
}

/// Whether a Hebrew year has 13 months (years 3, 6, 8, 11, 14, 17 and 19 of the cycle).
#[must_use]
pub(crate) fn is_leap_year(year: i64) -> bool {
    (7 * year + 1).rem_euclid(19) < 7
}

/// Days from the epoch to the molad of Tishri of `year`, with the lo ADU and molad zaken
/// postponements applied.
fn elapsed_days(year: i64) -> i64 {
    let months = (235 * year - 234).div_euclid(19);
    // 12084 parts: the molad of Tishri AM 1 (BaHaRaD, 5 h 204 p on Monday night) counted from
    // noon of the preceding day, so that a molad at or after noon lands on the next day.
    let parts = 12_084 + 13_753 * months;
    let days = 29 * months + parts.div_euclid(PARTS_PER_DAY);
    // Lo ADU Rosh: (3 * (days + 1)) mod 7 < 3 exactly when 1 Tishri would fall on Sunday,
    // Wednesday or Friday.
    if (3 * (days + 1)).rem_euclid(7) < 3 {
        days + 1
    } else {
        days
    }
}

/// The GaTaRaD and BeTUTaKPaT postponements: a year may not be 356 days long, nor the year
/// before it 382.
fn year_delay(year: i64) -> i64 {
    let previous = elapsed_days(year - 1);
    let this = elapsed_days(year);
    let next = elapsed_days(year + 1);
    if next - this == 356 {
        2
    } else if this - previous == 382 {
        1
    } else {
        0
    }
}

/// The Rata Die of 1 Tishri of `year`.
fn new_year_rd(year: i64) -> i64 {
    EPOCH + elapsed_days(year) + year_delay(year)
}

/// The number of days of a Hebrew year: 353, 354, 355, 383, 384 or 385.
#[must_use]
pub(crate) fn year_length(year: i64) -> i64 {
    new_year_rd(year + 1) - new_year_rd(year)
}

/// The number of days of a month of a year (0 for Adar II in a common year, or a month out
/// of 1..=13).
#[must_use]
pub(crate) fn month_length(year: i64, month: u32) -> u32 {
    let length = year_length(year);
    match month {
        2 | 4 | 6 | 10 => 29,
        13 if is_leap_year(year) => 29,
        13 => 0,
        12 if is_leap_year(year) => 30,
        12 => 29,
        // Heshvan is long in complete years, Kislev short in deficient years.
        8 if length % 10 == 5 => 30,
        8 => 29,
        9 if length % 10 == 3 => 29,
        9 => 30,
        1 | 3 | 5 | 7 | 11 => 30,
        _ => 0,
    }
}

/// The Rata Die of a Hebrew date, if the month and day exist in that year.
fn to_rd(year: i64, month: u32, day: u32) -> Option<i64> {
    if day == 0 || day > month_length(year, month) {
        return None;
    }
    let last_month = if is_leap_year(year) { 13 } else { 12 };
    let before: i64 = if month < TISHRI {
        // From Tishri to the end of the year, then from Nisan to the month before.
        (TISHRI..=last_month)
            .chain(NISAN..month)
            .map(|m| i64::from(month_length(year, m)))
            .sum()
    } else {
        (TISHRI..month)
            .map(|m| i64::from(month_length(year, m)))
            .sum()
    };
    Some(new_year_rd(year) + before + i64::from(day) - 1)
}

/// The Gregorian date of a Hebrew date, or `None` when the month or day does not exist that
/// year (Adar II in a common year, 30 Heshvan in a year where Heshvan has 29 days) or the date
/// is beyond what `chrono` represents.
#[must_use]
pub(crate) fn to_gregorian(year: i64, month: u32, day: u32) -> Option<NaiveDate> {
    let rd = to_rd(year, month, day)?;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(rd).ok()?)
}

/// The Gregorian date of a Hebrew month and day in a Gregorian year: the Hebrew year is the
/// one whose `month` falls in `gregorian_year` (Tishri to Elul straddle two Gregorian years;
/// a date of Tishri to Tevet is in the autumn, of Nisan to Elul in the spring and summer).
///
/// Shevat and Adar fall in January to March, except that 1 Tevet can fall in late December;
/// the Hebrew year chosen is the one that gives a date in `gregorian_year`, if any.
#[must_use]
pub(crate) fn in_gregorian_year(gregorian_year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    // The Hebrew year starting in the autumn of gregorian_year is gregorian_year + 3761.
    let autumn = i64::from(gregorian_year) + 3761;
    [autumn - 1, autumn]
        .into_iter()
        .filter_map(|year| to_gregorian(year, month, day))
        .find(|date| chrono::Datelike::year(date) == gregorian_year)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};

    #[test]
    fn year_lengths_are_the_six_types_and_rosh_hashanah_avoids_adu() {
        // Every year whose new year falls in 1900..=2200.
        for year in 5660..=5961 {
            let length = year_length(year);
            if is_leap_year(year) {
                assert!([383, 384, 385].contains(&length), "{year}: {length}");
            } else {
                assert!([353, 354, 355].contains(&length), "{year}: {length}");
            }
            let rosh = to_gregorian(year, TISHRI, 1).unwrap();
            assert!(
                ![Weekday::Sun, Weekday::Wed, Weekday::Fri].contains(&rosh.weekday()),
                "{year}: {rosh}"
            );
            // Passover never on Monday, Wednesday or Friday (lo BaDU Pesach).
            let pesach = to_gregorian(year, NISAN, 15).unwrap();
            assert!(![Weekday::Mon, Weekday::Wed, Weekday::Fri].contains(&pesach.weekday()));
            // Months add up to the year.
            let months: u32 = (1..=13).map(|m| month_length(year, m)).sum();
            assert_eq!(i64::from(months), length, "{year}");
            // 1 Tishri of the next year follows the last day of Elul.
            let last = to_gregorian(year, 6, 29).unwrap();
            assert_eq!(last.succ_opt(), to_gregorian(year + 1, TISHRI, 1));
        }
    }

    #[test]
    fn known_dates() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        // Rosh Hashanah 5784: Saturday 16 September 2023; 5785: Thursday 3 October 2024.
        assert_eq!(to_gregorian(5784, TISHRI, 1), date(2023, 9, 16));
        assert_eq!(to_gregorian(5785, TISHRI, 1), date(2024, 10, 3));
        // Passover 5784: Tuesday 23 April 2024 (a leap year: Adar I and II before Nisan).
        assert_eq!(to_gregorian(5784, NISAN, 15), date(2024, 4, 23));
        // Rosh Hashanah 5661: 24 September 1900.
        assert_eq!(to_gregorian(5661, TISHRI, 1), date(1900, 9, 24));
        assert_eq!(in_gregorian_year(2025, TISHRI, 10), date(2025, 10, 2));
        assert_eq!(in_gregorian_year(2025, NISAN, 15), date(2025, 4, 13));
        assert_eq!(month_from_name("Adar II"), Some(ADAR_II));
        assert_eq!(month_name(IYAR), "iyar");
    }

    /// The example the documentation of `month_from_name` gave.
    #[test]
    fn the_example_of_month_from_name() {
        assert_eq!(month_from_name("Iyar"), Some(IYAR));
        assert_eq!(month_from_name("thermidor"), None);
    }

    /// The example the documentation of `is_leap_year` gave.
    #[test]
    fn the_example_of_is_leap_year() {
        assert!(is_leap_year(5784));
        assert!(!is_leap_year(5785));
    }

    /// The example the documentation of `year_length` gave.
    #[test]
    fn the_example_of_year_length() {
        assert_eq!(year_length(5784), 383);
        assert_eq!(year_length(5785), 355);
    }

    /// The example the documentation of `to_gregorian` gave.
    #[test]
    fn the_example_of_to_gregorian() {
        use chrono::NaiveDate;

        // Passover 5785 (15 Nisan): Sunday 13 April 2025.
        assert_eq!(
            to_gregorian(5785, NISAN, 15),
            NaiveDate::from_ymd_opt(2025, 4, 13)
        );
        assert_eq!(to_gregorian(5785, ADAR_II, 1), None);
    }

    /// Rosh Hashanah never falls on a Sunday, Wednesday or Friday (lo ADU Rosh), and the `IL`
    /// calendar has it on the day computed here.
    #[test]
    fn rosh_hashanah_never_falls_on_sunday_wednesday_or_friday() {
        let il = crate::Calendar::builtin("IL").unwrap();
        for year in 5751..=5960 {
            let day = to_gregorian(year, TISHRI, 1).unwrap();
            assert!(
                ![Weekday::Sun, Weekday::Wed, Weekday::Fri].contains(&day.weekday()),
                "{day}"
            );
            let names: Vec<String> = il
                .holidays_between(day, day)
                .unwrap()
                .iter()
                .map(|h| h.name().to_owned())
                .collect();
            assert!(names.contains(&"Rosh Hashanah".to_owned()));
        }
    }

    /// The example of the module documentation.
    #[test]
    fn the_example_of_the_module() {
        use chrono::NaiveDate;

        // Yom Kippur 5786 (10 Tishri): Thursday 2 October 2025.
        assert_eq!(
            to_gregorian(5786, TISHRI, 10),
            NaiveDate::from_ymd_opt(2025, 10, 2)
        );
        assert_eq!(year_length(5786), 354);
    }
}
