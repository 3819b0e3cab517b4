//! `NL`: the Netherlands. Expected dates from the Algemene termijnenwet, art. 3
//! (https://wetten.overheid.nl/BWBR0002448), the royal decrees on Queen's Day and King's Day,
//! the cabinet decision of 12 March 1982 on Liberation Day, and the Rijksoverheid list of
//! official holidays (https://www.rijksoverheid.nl/onderwerpen/feestdagen).

use super::*;

#[test]
fn queens_day_on_a_sunday_is_held_on_the_saturday_before() {
    // 30 April 2006 was a Sunday: Queen's Day on Saturday 29 April 2006.
    assert_eq!(names_on("NL", "2006-04-29"), ["Queen's Day"]);
    assert!(names_on("NL", "2006-04-30").is_empty());
    assert_holiday("NL", "2013-04-30", "Queen's Day");
    assert_holiday("NL", "1990-04-30", "Queen's Day");
}

#[test]
fn kings_day_from_2014() {
    // 27 April 2014 was a Sunday: the first King's Day was Saturday 26 April 2014.
    assert_eq!(names_on("NL", "2014-04-26"), ["King's Day"]);
    assert!(names_on("NL", "2014-04-27").is_empty());
    assert!(names_on("NL", "2014-04-30").is_empty());
    // The same in 2025; Monday 27 April 2026.
    assert_eq!(names_on("NL", "2025-04-26"), ["King's Day"]);
    assert_holiday("NL", "2026-04-27", "King's Day");
}

#[test]
fn liberation_day_every_year() {
    // Algemene termijnenwet art. 3 lid 1 and the decision of 12 March 1982: every year, not
    // only in lustrum years.
    assert_holiday("NL", "2025-05-05", "Liberation Day");
    assert_holiday("NL", "2026-05-05", "Liberation Day");
    assert_holiday("NL", "2023-05-05", "Liberation Day");
}

#[test]
fn the_other_holidays_of_2026() {
    assert_holiday("NL", "2026-01-01", "New Year's Day");
    // Good Friday, equated by art. 3 lid 2; Easter Sunday 2026 is 5 April.
    assert_holiday("NL", "2026-04-03", "Good Friday");
    assert_holiday("NL", "2026-04-06", "Easter Monday");
    assert_holiday("NL", "2026-05-14", "Ascension Day");
    assert_holiday("NL", "2026-05-25", "Whit Monday");
    assert_holiday("NL", "2026-12-25", "Christmas Day");
    assert_holiday("NL", "2026-12-26", "Second Day of Christmas");
    // The Friday after Ascension Day is equated for time limits only: a working day.
    assert_business_day("NL", "2026-05-15");
    assert_holiday_count("NL", 2026, 11);
}
