//! `NO`: Norway. Expected dates from the Act on Holidays and Holiday Peace § 2
//! (https://lovdata.no/dokument/NL/lov/1995-02-24-12) and the act on 1 and 17 May
//! (https://lovdata.no/dokument/NL/lov/1947-04-26-1).

use super::*;

#[test]
fn the_holidays_of_2026() {
    assert_holiday("NO", "2026-01-01", "New Year's Day");
    // Easter Sunday 2026 is 5 April.
    assert_holiday("NO", "2026-04-02", "Maundy Thursday");
    assert_holiday("NO", "2026-04-03", "Good Friday");
    assert_holiday("NO", "2026-04-06", "Easter Monday");
    assert_holiday("NO", "2026-05-01", "Labour Day");
    assert_holiday("NO", "2026-05-14", "Ascension Day");
    assert_holiday("NO", "2026-05-25", "Whit Monday");
    assert_holiday("NO", "2026-12-25", "Christmas Day");
    // 17 May 2026 is a Sunday; Monday 17 May 2027.
    assert_eq!(names_on("NO", "2026-05-17"), ["Constitution Day"]);
    assert_holiday("NO", "2027-05-17", "Constitution Day");
    assert_holiday_count("NO", 2026, 12);
}

#[test]
fn eves_are_working_days() {
    // Christmas Eve and New Year's Eve are not holidays: Thursdays in 2026.
    assert_business_day("NO", "2026-12-24");
    assert_business_day("NO", "2026-12-31");
    assert_holiday("NO", "1990-04-12", "Maundy Thursday");
}
