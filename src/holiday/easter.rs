//! Easter Sunday by the Western (Gregorian) and Orthodox (Julian) computus.
//!
//! Many public holidays are offsets from Easter: Good Friday (−2), Easter Monday (+1),
//! Ascension Day (+39), Whit Monday (+50), Corpus Christi (+60).

use chrono::NaiveDate;

/// Western Easter Sunday of a year of the Gregorian calendar (the "anonymous Gregorian
/// algorithm", Meeus/Jones/Butcher). `None` for years before 1583.
#[must_use]
pub(crate) fn western_easter(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Orthodox Easter Sunday of a year, as a date of the Gregorian calendar: the Julian computus
/// (Meeus), then the difference between the Julian and Gregorian calendars (13 days in
/// 1900–2099, 14 days in 2100–2199). `None` for years before 1583.
#[must_use]
pub(crate) fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    if year < 1583 {
        return None;
    }
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // The Julian date of Easter, then the calendar difference valid from March of this year
    // (the Julian leap days of century years not divisible by 400 have all been passed).
    let julian = NaiveDate::from_ymd_opt(year, month as u32, day as u32)?;
    let difference = year / 100 - year / 400 - 2;
    julian.checked_add_days(chrono::Days::new(difference as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn western_easter_matches_published_dates() {
        // Dates from the tables of the Astronomical Society of South Africa / US Naval
        // Observatory ("Date of Easter", https://www.assa.org.za/astronomy/easter-dates/).
        for (year, want) in [
            (1900, "1900-04-15"),
            (1954, "1954-04-18"),
            (1981, "1981-04-19"),
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2038, "2038-04-25"),
            (2100, "2100-03-28"),
            (2160, "2160-03-23"),
        ] {
            assert_eq!(western_easter(year), Some(date(want)), "{year}");
        }
    }

    #[test]
    fn orthodox_easter_matches_published_dates() {
        // Published Orthodox Paschalion dates (Gregorian calendar).
        for (year, want) in [
            (1990, "1990-04-15"),
            (2000, "2000-04-30"),
            (2010, "2010-04-04"),
            (2016, "2016-05-01"),
            (2021, "2021-05-02"),
            (2023, "2023-04-16"),
            (2026, "2026-04-12"),
            (2099, "2099-04-12"),
        ] {
            assert_eq!(orthodox_easter(year), Some(date(want)), "{year}");
        }
    }

    #[test]
    fn easter_is_always_a_sunday_in_its_window() {
        // Western Easter: 22 March ..= 25 April. Orthodox Easter: 22 March ..= 25 April of the
        // Julian calendar, which is 4 April ..= 8 May (Gregorian) until 2099 and 5 April ..=
        // 9 May from 2100.
        use chrono::{Datelike, Weekday};
        for year in 1900..=2199 {
            let west = western_easter(year).unwrap();
            let east = orthodox_easter(year).unwrap();
            assert_eq!(west.weekday(), Weekday::Sun);
            assert_eq!(east.weekday(), Weekday::Sun);
            assert!(west >= NaiveDate::from_ymd_opt(year, 3, 22).unwrap());
            assert!(west <= NaiveDate::from_ymd_opt(year, 4, 25).unwrap());
            assert!(east >= west);
            let latest = if year < 2100 { 8 } else { 9 };
            assert!(east <= NaiveDate::from_ymd_opt(year, 5, latest).unwrap());
        }
    }

    /// The example the documentation of `western_easter` gave.
    #[test]
    fn the_example_of_western_easter() {
        assert_eq!(western_easter(2024).unwrap().to_string(), "2024-03-31");
        assert_eq!(western_easter(2025).unwrap().to_string(), "2025-04-20");
    }

    /// The example the documentation of `orthodox_easter` gave.
    #[test]
    fn the_example_of_orthodox_easter() {
        assert_eq!(orthodox_easter(2024).unwrap().to_string(), "2024-05-05");
        assert_eq!(orthodox_easter(2025).unwrap().to_string(), "2025-04-20");
    }
}
