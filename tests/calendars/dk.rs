//! `DK`: Denmark. Expected dates from the Act on Holiday Peace (helligdagsloven) § 1, lov nr.
//! 105 af 28. februar 2023 (Great Prayer Day abolished from 2024) and forældelsesloven § 27,
//! stk. 2 for Christmas Eve and New Year's Eve.

use super::*;

#[test]
fn great_prayer_day_until_2023() {
    // The fourth Friday after Easter: Friday 5 May 2023 (Easter Sunday 9 April).
    assert_holiday("DK", "2023-05-05", "Great Prayer Day");
    assert_holiday("DK", "1990-05-11", "Great Prayer Day");
    // Abolished from 2024: Friday 26 April 2024 (Easter Sunday 31 March) is a working day.
    assert_business_day("DK", "2024-04-26");
    assert_business_day("DK", "2026-05-01");
}

#[test]
fn the_holidays_of_2026() {
    // Easter Sunday 2026 is 5 April.
    assert_holiday("DK", "2026-04-02", "Maundy Thursday");
    assert_holiday("DK", "2026-04-03", "Good Friday");
    assert_holiday("DK", "2026-04-06", "Easter Monday");
    assert_holiday("DK", "2026-05-14", "Ascension Day");
    assert_holiday("DK", "2026-05-25", "Whit Monday");
    assert_holiday("DK", "2026-12-24", "Christmas Eve");
    assert_holiday("DK", "2026-12-31", "New Year's Eve");
    // Constitution Day, Friday 5 June 2026: a day off from noon only, not included.
    assert_business_day("DK", "2026-06-05");
    assert_holiday_count("DK", 2026, 12);
}
