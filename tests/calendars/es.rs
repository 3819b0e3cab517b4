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

/// Issue 11: 2008 and 2009 from the BOE resolutions of the Dirección General de Trabajo for
/// those years (BOE-A-2007-18306, BOE-A-2008-18411).
#[test]
fn issue_11_the_common_holidays_of_2008_and_2009() {
    // 2008: 6 January and 12 October on Sundays; eight common days.
    assert_holiday("ES", "2008-03-21", "Good Friday");
    assert_holiday("ES", "2008-12-08", "Immaculate Conception");
    assert!(names_on("ES", "2008-01-06").is_empty());
    assert_business_day("ES", "2008-10-13");
    assert_holiday_count("ES", 2008, 8);
    // 2009: 1 November and 6 December on Sundays; Epiphany on Tuesday 6 January.
    assert_holiday("ES", "2009-01-06", "Epiphany");
    assert_holiday("ES", "2009-04-10", "Good Friday");
    assert_holiday("ES", "2009-10-12", "National Day of Spain");
    assert_business_day("ES", "2009-11-02");
    assert_holiday_count("ES", 2009, 8);
}

/// Issue 11: the 2027 resolution could not be read, so 2027 and later are estimated from the
/// rules of RD 2001/1983, art. 45.1 (and 6 January), never silently.
#[test]
fn issue_11_years_after_2026_are_estimated_from_the_national_rules() {
    let es = calendar("ES");
    let err = es.is_business_day(date("2027-01-04")).unwrap_err();
    assert!(err.is_range());
    assert!(err.to_string().contains("Estimates::Allow"), "{err}");
    assert!(
        es.is_business_day(date("2007-12-31"))
            .unwrap_err()
            .is_range()
    );
    let estimated = calendar_with_estimates("ES");
    let in_2027: Vec<String> = estimated
        .holidays_between(date("2027-01-01"), date("2027-12-31"))
        .unwrap()
        .iter()
        .map(|h| {
            assert!(h.is_estimated(), "{h}");
            format!("{} {}", h.date(), h.name())
        })
        .collect();
    // 2027: 15 August is a Sunday; Good Friday is 26 March.
    assert_eq!(
        in_2027,
        [
            "2027-01-01 New Year's Day",
            "2027-01-06 Epiphany",
            "2027-03-26 Good Friday",
            "2027-05-01 Labour Day",
            "2027-10-12 National Day of Spain",
            "2027-11-01 All Saints' Day",
            "2027-12-06 Constitution Day",
            "2027-12-08 Immaculate Conception",
            "2027-12-25 Christmas Day",
        ]
    );
}
