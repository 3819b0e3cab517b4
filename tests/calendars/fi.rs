//! `FI`: Finland. Expected dates from the Church Act (the church holidays), the acts on May Day
//! and Independence Day, and the Act on the Calculation of Statutory Time Limits (150/1930)
//! § 5 for the eves (https://www.finlex.fi/fi/laki/ajantasa/1930/19300150).

use super::*;

#[test]
fn epiphany_and_ascension_on_their_dates_from_1992() {
    // Monday 6 January 1992 and Thursday 28 May 1992 (Easter Sunday 19 April).
    assert_holiday("FI", "1992-01-06", "Epiphany");
    assert_holiday("FI", "1992-05-28", "Ascension Day");
    // 1991 is not covered: which rule applied that year is uncertain.
    assert!(
        calendar("FI")
            .is_business_day(date("1991-05-09"))
            .unwrap_err()
            .is_range()
    );
}

#[test]
fn midsummer_and_all_saints_fall_on_a_saturday() {
    assert_holiday("FI", "2026-06-19", "Midsummer Eve");
    assert_eq!(names_on("FI", "2026-06-20"), ["Midsummer Day"]);
    assert_eq!(names_on("FI", "2026-10-31"), ["All Saints' Day"]);
    assert_eq!(names_on("FI", "2025-11-01"), ["All Saints' Day"]);
}

#[test]
fn the_holidays_of_2026() {
    // Easter Sunday 2026 is 5 April.
    assert_holiday("FI", "2026-04-03", "Good Friday");
    assert_holiday("FI", "2026-04-06", "Easter Monday");
    assert_holiday("FI", "2026-05-01", "May Day");
    assert_holiday("FI", "2026-05-14", "Ascension Day");
    assert_holiday("FI", "2026-12-24", "Christmas Eve");
    assert_holiday("FI", "2027-12-06", "Independence Day");
    // New Year's Eve is not in the time-limit act: Thursday 31 December 2026.
    assert_business_day("FI", "2026-12-31");
    assert_holiday_count("FI", 2026, 15);
}
