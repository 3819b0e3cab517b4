//! `US`: federal holidays. Expected dates from the Office of Personnel Management's federal
//! holiday tables (https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/) and
//! 5 U.S.C. 6103.

use super::*;

#[test]
fn new_year_on_a_saturday_is_observed_the_friday_before_in_the_previous_year() {
    // OPM 2022 table: "Friday, December 31, 2021* New Year's Day".
    assert_holiday("US", "2021-12-31", "New Year's Day (observed)");
    // OPM 2011 table: "Friday, December 31, 2010* New Year's Day".
    assert_holiday("US", "2010-12-31", "New Year's Day (observed)");
}

#[test]
fn sunday_holidays_are_observed_the_monday_after() {
    // OPM 2022 table: "Monday, December 26* Christmas Day".
    assert_holiday("US", "2022-12-26", "Christmas Day (observed)");
    // OPM 2023 table: "Monday, January 2* New Year's Day".
    assert_holiday("US", "2023-01-02", "New Year's Day (observed)");
    // OPM 2021 table: "Monday, July 5* Independence Day".
    assert_holiday("US", "2021-07-05", "Independence Day (observed)");
}

#[test]
fn saturday_holidays_are_observed_the_friday_before() {
    // OPM 2026 table: "Friday, July 3* Independence Day".
    assert_holiday("US", "2026-07-03", "Independence Day (observed)");
    // OPM 2023 table: "Friday, November 10* Veterans Day".
    assert_holiday("US", "2023-11-10", "Veterans Day (observed)");
}

#[test]
fn juneteenth_from_2021() {
    // Pub. L. 117-17, signed 2021-06-17; OPM 2021: "Friday, June 18* Juneteenth".
    assert_holiday(
        "US",
        "2021-06-18",
        "Juneteenth National Independence Day (observed)",
    );
    assert_business_day("US", "2020-06-19");
    // OPM 2026 table: "Friday, June 19 Juneteenth National Independence Day".
    assert_holiday("US", "2026-06-19", "Juneteenth National Independence Day");
    // OPM 2027 projected: Saturday June 19 observed Friday June 18.
    assert_holiday(
        "US",
        "2027-06-18",
        "Juneteenth National Independence Day (observed)",
    );
}

#[test]
fn martin_luther_king_day_from_1986() {
    // Pub. L. 98-144: first observed Monday 1986-01-20.
    assert_holiday("US", "1986-01-20", "Birthday of Martin Luther King, Jr.");
    assert_business_day("US", "1985-01-21");
    assert_holiday("US", "2026-01-19", "Birthday of Martin Luther King, Jr.");
}

#[test]
fn veterans_day_on_the_fourth_monday_of_october_from_1971_to_1977() {
    // Uniform Monday Holiday Act; Pub. L. 94-97 moved it back to November 11 from 1978.
    assert_holiday("US", "1975-10-27", "Veterans Day");
    assert_business_day("US", "1975-11-11");
    // 1978-11-11 was a Saturday: observed Friday 1978-11-10.
    assert_holiday("US", "1978-11-10", "Veterans Day (observed)");
}

#[test]
fn monday_holidays_and_thanksgiving_2026() {
    // OPM 2026 table.
    assert_holiday("US", "2026-02-16", "Washington's Birthday");
    assert_holiday("US", "2026-05-25", "Memorial Day");
    assert_holiday("US", "2026-09-07", "Labor Day");
    assert_holiday("US", "2026-10-12", "Columbus Day");
    assert_holiday("US", "2026-11-26", "Thanksgiving Day");
    assert_holiday("US", "2026-12-25", "Christmas Day");
    // Executive-order closures are not legal public holidays (Christmas Eve 2024).
    assert_business_day("US", "2024-12-24");
    // Eleven legal public holidays in 2026, none on a weekend but Independence Day.
    assert_holiday_count("US", 2026, 12);
}

#[test]
fn arithmetic_over_thanksgiving_and_the_year() {
    let us = calendar("US");
    assert_eq!(
        us.add_business_days(date("2026-11-20"), 15).unwrap(),
        date("2026-12-14")
    );
    assert_eq!(
        us.add_business_days(date("2026-11-25"), 1).unwrap(),
        date("2026-11-27")
    );
    // 261 weekdays in 2026, 11 of them federal holidays.
    assert_eq!(
        us.business_days_between(date("2026-01-01"), date("2027-01-01"))
            .unwrap(),
        250
    );
}
