//! `FR`: France (metropolitan). Expected dates from the Code du travail, art. L3133-1
//! (https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006902611), and the laws on the
//! journée de solidarité (loi n° 2004-626, loi n° 2008-351).

use super::*;

#[test]
fn the_eleven_fetes_legales_of_2026() {
    assert_holiday("FR", "2026-01-01", "New Year's Day");
    // Easter Sunday 2026 is 5 April.
    assert_holiday("FR", "2026-04-06", "Easter Monday");
    assert_holiday("FR", "2026-05-01", "Labour Day");
    assert_holiday("FR", "2026-05-08", "Victory in Europe Day");
    assert_holiday("FR", "2026-05-14", "Ascension Day");
    assert_holiday("FR", "2026-05-25", "Whit Monday");
    assert_holiday("FR", "2026-07-14", "Bastille Day");
    assert_holiday("FR", "2026-11-11", "Armistice Day");
    assert_holiday("FR", "2026-12-25", "Christmas Day");
    // 15 August 2026 is a Saturday, 1 November a Sunday: not moved.
    assert_eq!(names_on("FR", "2026-11-01"), ["All Saints' Day"]);
    assert_business_day("FR", "2026-11-02");
    assert_holiday_count("FR", 2026, 11);
}

#[test]
fn whit_monday_was_the_default_solidarity_day_from_2005_to_2007() {
    // Loi n° 2004-626: Whit Monday worked by default from 2005.
    assert_holiday("FR", "2004-05-31", "Whit Monday");
    assert_business_day("FR", "2005-05-16");
    assert_business_day("FR", "2006-06-05");
    assert_business_day("FR", "2007-05-28");
    // Loi n° 2008-351: no longer the default from 2008.
    assert_holiday("FR", "2008-05-12", "Whit Monday");
    assert_holiday_count("FR", 2006, 10);
}

#[test]
fn alsace_moselle_days_are_not_national() {
    // Good Friday and 26 December (Code du travail L3134-13) only in Alsace and Moselle.
    assert_business_day("FR", "2026-04-03");
    assert_business_day("FR", "2025-12-26");
}
