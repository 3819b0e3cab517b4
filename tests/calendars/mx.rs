//! `MX`: mandatory rest days of Mexico. Expected dates from the Ley Federal del Trabajo, art.
//! 74 (https://www.diputados.gob.mx/LeyesBiblio/pdf/LFT.pdf), its reform published in the
//! Diario Oficial of 17 January 2006, the Constitution (art. 83) and the electoral laws
//! (LGIPE art. 22; COFIPE), as named in each case.

use super::*;

#[test]
fn the_rest_days_of_2026() {
    // LFT art. 74 for 2026: 1 January, 2 February (first Monday), 16 March (third Monday),
    // 1 May, 16 September, 16 November (third Monday), 25 December.
    for (day, name) in [
        ("2026-01-01", "New Year's Day"),
        ("2026-02-02", "Constitution Day"),
        ("2026-03-16", "Benito Juárez's Birthday"),
        ("2026-05-01", "Labour Day"),
        ("2026-09-16", "Independence Day"),
        ("2026-11-16", "Revolution Day"),
        ("2026-12-25", "Christmas Day"),
    ] {
        assert_holiday("MX", day, name);
    }
    assert_holiday_count("MX", 2026, 7);
    // Not rest days under art. 74: Holy Thursday and Good Friday, 12 December.
    assert_business_day("MX", "2026-04-02");
    assert_business_day("MX", "2026-04-03");
    assert_business_day("MX", "2026-12-11");
}

#[test]
fn the_2006_reform_moves_days_to_mondays() {
    // Before the reform: 5 February, 21 March and 20 November on their dates (2005).
    assert_holiday("MX", "2005-02-05", "Constitution Day");
    assert_holiday("MX", "2005-03-21", "Benito Juárez's Birthday");
    assert_holiday("MX", "2005-11-20", "Revolution Day");
    // DOF 2006-01-17: first Monday of February and third Monday of November from 2006
    // (6 February 2006); fraction III (third Monday of March) only from 2007, so 21 March
    // 2006, the bicentenary, stayed on its date and Monday 20 March 2006 was a work day.
    assert_holiday("MX", "2006-02-06", "Constitution Day");
    assert_business_day("MX", "2006-02-03");
    assert_holiday("MX", "2006-03-21", "Benito Juárez's Birthday");
    assert_business_day("MX", "2006-03-20");
    assert_holiday("MX", "2007-03-19", "Benito Juárez's Birthday");
    assert_holiday("MX", "2006-11-20", "Revolution Day");
}

#[test]
fn the_transmission_of_executive_power() {
    // LFT art. 74 VII: 1 December 2018 (a Saturday), then 1 October 2024 (Constitution art. 83
    // as reformed in 2014); every six years.
    assert_holiday(
        "MX",
        "2018-12-01",
        "Transmission of Federal Executive Power",
    );
    assert_holiday(
        "MX",
        "2024-10-01",
        "Transmission of Federal Executive Power",
    );
    assert_holiday(
        "MX",
        "2030-10-01",
        "Transmission of Federal Executive Power",
    );
    assert_business_day("MX", "2024-12-02");
    assert_business_day("MX", "2025-10-01");
    assert_business_day("MX", "2023-12-01");
}

#[test]
fn federal_election_days() {
    // LFT art. 74 IX with LGIPE art. 22: the first Sunday of June (2 June 2024, 6 June 2021,
    // 6 June 2027); 2018 on the first Sunday of July (1 July 2018); COFIPE: 2 July 2000 and
    // 18 August 1991.
    assert_holiday("MX", "2024-06-02", "Federal election day");
    assert_holiday("MX", "2021-06-06", "Federal election day");
    assert_holiday("MX", "2027-06-06", "Federal election day");
    assert_holiday("MX", "2018-07-01", "Federal election day");
    assert_holiday("MX", "2000-07-02", "Federal election day");
    assert_holiday("MX", "1991-08-18", "Federal election day");
    // No federal election in 2025 or 2026.
    assert_eq!(names_on("MX", "2025-06-01"), Vec::<String>::new());
    assert_eq!(names_on("MX", "2026-06-07"), Vec::<String>::new());
}

#[test]
fn no_substitute_days() {
    // A rest day on a weekend is not moved: 16 September 2023 was a Saturday and 1 January
    // 2023 a Sunday; the Mondays after were working days.
    assert_holiday("MX", "2023-09-16", "Independence Day");
    assert_business_day("MX", "2023-09-18");
    assert_business_day("MX", "2023-01-02");
}
