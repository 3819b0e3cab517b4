//! `BE`: Belgium. Expected dates from the royal decree of 18 April 1974, art. 1, under the law
//! of 4 January 1974 on public holidays (SPF Emploi, Travail et Concertation sociale:
//! https://emploi.belgique.be/fr/themes/reglementation-du-travail/jours-feries).

use super::*;

#[test]
fn the_ten_public_holidays_of_2026() {
    assert_holiday("BE", "2026-01-01", "New Year's Day");
    // Easter Sunday 2026 is 5 April.
    assert_holiday("BE", "2026-04-06", "Easter Monday");
    assert_holiday("BE", "2026-05-01", "Labour Day");
    assert_holiday("BE", "2026-05-14", "Ascension Day");
    assert_holiday("BE", "2026-05-25", "Whit Monday");
    assert_holiday("BE", "2026-07-21", "National Day");
    assert_holiday("BE", "2026-11-11", "Armistice Day");
    assert_holiday("BE", "2026-12-25", "Christmas Day");
    // Assumption Day on Saturday 15 August 2026: the replacement day is chosen per employer,
    // so nothing nationwide moves.
    assert_eq!(names_on("BE", "2026-08-15"), ["Assumption Day"]);
    assert_business_day("BE", "2026-08-17");
    assert_holiday_count("BE", 2026, 10);
}

#[test]
fn public_service_and_community_days_are_not_public_holidays() {
    // King's Feast, Monday 15 November 2027; 26 December 2025, a Friday; Good Friday 2026.
    assert_business_day("BE", "2027-11-15");
    assert_business_day("BE", "2025-12-26");
    assert_business_day("BE", "2026-04-03");
    // Flemish Community day, Friday 11 July 2025.
    assert_business_day("BE", "2025-07-11");
    assert_holiday("BE", "1990-07-21", "National Day");
}
