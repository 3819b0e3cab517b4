//! `GB-ENG`: bank holidays of England and Wales. Expected dates from the gov.uk bank holiday
//! tables (https://www.gov.uk/bank-holidays) and the royal proclamations in The Gazette.

use super::*;

#[test]
fn christmas_on_a_saturday_gives_two_substitute_days() {
    // gov.uk 2021: "27 December Monday Christmas Day (substitute day)",
    // "28 December Tuesday Boxing Day (substitute day)".
    assert_holiday("GB-ENG", "2021-12-27", "Christmas Day (observed)");
    assert_holiday("GB-ENG", "2021-12-28", "Boxing Day (observed)");
    // gov.uk 2027: the same pattern.
    assert_holiday("GB-ENG", "2027-12-27", "Christmas Day (observed)");
    assert_holiday("GB-ENG", "2027-12-28", "Boxing Day (observed)");
}

#[test]
fn christmas_on_a_sunday_is_substituted_after_boxing_day() {
    // gov.uk 2022: "26 December Monday Boxing Day", "27 December Tuesday Christmas Day
    // (substitute day)".
    assert_holiday("GB-ENG", "2022-12-26", "Boxing Day");
    assert_holiday("GB-ENG", "2022-12-27", "Christmas Day (observed)");
}

#[test]
fn boxing_day_on_a_saturday_and_new_year_substitutes() {
    // gov.uk 2020: "28 December Monday Boxing Day (substitute day)".
    assert_holiday("GB-ENG", "2020-12-28", "Boxing Day (observed)");
    // gov.uk 2022: "3 January Monday New Year's Day (substitute day)".
    assert_holiday("GB-ENG", "2022-01-03", "New Year's Day (observed)");
    // gov.uk 2023: "2 January Monday New Year's Day (substitute day)".
    assert_holiday("GB-ENG", "2023-01-02", "New Year's Day (observed)");
}

#[test]
fn moved_and_one_off_bank_holidays() {
    // 2020: the early May bank holiday moved to Friday 8 May (VE Day 75).
    assert_holiday("GB-ENG", "2020-05-08", "Early May bank holiday (VE Day)");
    assert_business_day("GB-ENG", "2020-05-04");
    // 2022: spring bank holiday on Thursday 2 June, Platinum Jubilee on Friday 3 June.
    assert_holiday("GB-ENG", "2022-06-02", "Spring bank holiday");
    assert_holiday(
        "GB-ENG",
        "2022-06-03",
        "Platinum Jubilee of Queen Elizabeth II",
    );
    assert_business_day("GB-ENG", "2022-05-30");
    // The State Funeral of Queen Elizabeth II and the Coronation of King Charles III.
    assert_holiday(
        "GB-ENG",
        "2022-09-19",
        "State Funeral of Queen Elizabeth II",
    );
    assert_holiday("GB-ENG", "2023-05-08", "Coronation of King Charles III");
    // 2012: spring bank holiday on 4 June, Diamond Jubilee on 5 June.
    assert_holiday("GB-ENG", "2012-06-04", "Spring bank holiday");
    assert_holiday(
        "GB-ENG",
        "2012-06-05",
        "Diamond Jubilee of Queen Elizabeth II",
    );
    assert_business_day("GB-ENG", "2012-05-28");
    // The Millennium bank holiday.
    assert_holiday("GB-ENG", "1999-12-31", "Millennium Day");
}

#[test]
fn regular_bank_holidays_of_2026() {
    // gov.uk 2026 table: 8 bank holidays.
    for (day, name) in [
        ("2026-01-01", "New Year's Day"),
        ("2026-04-03", "Good Friday"),
        ("2026-04-06", "Easter Monday"),
        ("2026-05-04", "Early May bank holiday"),
        ("2026-05-25", "Spring bank holiday"),
        ("2026-08-31", "Summer bank holiday"),
        ("2026-12-25", "Christmas Day"),
        ("2026-12-28", "Boxing Day (observed)"),
    ] {
        assert_holiday("GB-ENG", day, name);
    }
    // Boxing Day 2026 is a Saturday: listed, and substituted on Monday 28 December.
    assert_holiday_count("GB-ENG", 2026, 9);
}

#[test]
fn arithmetic_over_christmas_2021() {
    let cal = calendar("GB-ENG");
    assert_eq!(
        cal.add_business_days(date("2021-12-24"), 1).unwrap(),
        date("2021-12-29")
    );
    // 24, 29, 30 and 31 December; 3 January 2022 is the New Year substitute.
    assert_eq!(
        cal.business_days_between(date("2021-12-24"), date("2022-01-04"))
            .unwrap(),
        4
    );
}
