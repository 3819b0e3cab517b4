//! `ES`: Spain, the national holidays common to every autonomous community. Expected dates from
//! Real Decreto 2001/1983, art. 45, and the yearly lists of fiestas laborales published in the
//! Boletín Oficial del Estado (Resoluciones de la Dirección General de Trabajo).

use super::*;

#[test]
fn the_common_holidays_of_2026() {
    // BOE list for 2026: 1 and 6 January, Good Friday (3 April), 1 May, 15 August,
    // 12 October, 8 and 25 December common to every community.
    assert_holiday("ES", "2026-01-01", "New Year's Day");
    assert_holiday("ES", "2026-01-06", "Epiphany");
    assert_holiday("ES", "2026-04-03", "Good Friday");
    assert_holiday("ES", "2026-05-01", "Labour Day");
    assert_holiday("ES", "2026-10-12", "National Day of Spain");
    assert_holiday("ES", "2026-12-08", "Immaculate Conception");
    assert_holiday("ES", "2026-12-25", "Christmas Day");
    // 1 November and 6 December 2026 are Sundays: their Mondays are holidays in some
    // communities only.
    assert!(names_on("ES", "2026-11-01").is_empty());
    assert_business_day("ES", "2026-11-02");
    assert_business_day("ES", "2026-12-07");
    assert_holiday_count("ES", 2026, 8);
}

#[test]
fn sunday_holidays_are_not_common() {
    // 2025: 12 October a Sunday, moved to Monday 13 October in some communities only.
    assert!(names_on("ES", "2025-10-12").is_empty());
    assert_business_day("ES", "2025-10-13");
    // 2024: 8 December a Sunday.
    assert_business_day("ES", "2024-12-09");
    // 2018: none on a Sunday, all ten common (BOE 2018).
    assert_holiday_count("ES", 2018, 10);
}

#[test]
fn regional_days_are_not_included() {
    // Maundy Thursday (2 April 2026) is replaced in Catalonia and Valencia.
    assert_business_day("ES", "2026-04-02");
    // St Joseph, Thursday 19 March 2026, in some communities only.
    assert_business_day("ES", "2026-03-19");
}

#[test]
fn years_without_a_checked_list_are_an_error() {
    let es = calendar("ES");
    assert!(
        es.is_business_day(date("2027-01-04"))
            .unwrap_err()
            .is_range()
    );
    assert!(
        es.is_business_day(date("2009-12-31"))
            .unwrap_err()
            .is_range()
    );
}
