//! `ZA`: public holidays of South Africa. Expected dates from the Public Holidays Act 36 of
//! 1994 (https://www.gov.za/documents/public-holidays-act), the government's public holidays
//! page (https://www.gov.za/about-sa/public-holidays) and the section 2A declarations named in
//! each case.

use super::*;

#[test]
fn a_holiday_on_a_sunday_is_kept_on_the_monday() {
    // Section 2(1). gov.za 2021: "Monday 22 March" for Human Rights Day on Sunday 21 March.
    assert_holiday("ZA", "2021-03-21", "Human Rights Day");
    assert_holiday("ZA", "2021-03-22", "Human Rights Day (observed)");
    // gov.za 2024: Youth Day on Sunday 16 June, Monday 17 June a public holiday.
    assert_holiday("ZA", "2024-06-17", "Youth Day (observed)");
    // gov.za 2023: New Year's Day on a Sunday, Monday 2 January a public holiday.
    assert_holiday("ZA", "2023-01-02", "New Year's Day (observed)");
    // gov.za 2026: Heritage Day is a Thursday; 2027: 9 August (Monday) National Women's Day.
    assert_holiday("ZA", "2026-09-24", "Heritage Day");
    assert_holiday("ZA", "2027-08-09", "National Women's Day");
}

#[test]
fn a_holiday_on_a_saturday_is_not_moved() {
    // gov.za 2020: Human Rights Day fell on Saturday 21 March; Monday 23 March was a work day.
    assert_holiday("ZA", "2020-03-21", "Human Rights Day");
    assert_business_day("ZA", "2020-03-23");
}

#[test]
fn christmas_on_a_sunday_and_the_declared_27_december() {
    // The Monday after a Sunday Christmas is the Day of Goodwill already; the President
    // declared 27 December under section 2A (2011: Acting President, 14 December 2011;
    // 2016: the Presidency, 19 September 2016; 2022).
    for year in [2011, 2016, 2022] {
        assert_holiday("ZA", &format!("{year}-12-26"), "Day of Goodwill");
        assert_holiday(
            "ZA",
            &format!("{year}-12-27"),
            "Public holiday (Christmas Day on a Sunday)",
        );
    }
    // 2033: Christmas on a Sunday again; no declaration yet, so the 27th is a business day.
    assert_business_day("ZA", "2033-12-27");
}

#[test]
fn election_days_declared_under_section_2a() {
    // The general elections of 8 May 2019 and 29 May 2024 (notice of 23 February 2024).
    assert_holiday("ZA", "2019-05-08", "National and provincial elections");
    assert_holiday("ZA", "2024-05-29", "National and provincial elections");
    // The local government elections of 1 November 2021 (Proclamation Notice 38 of 2021,
    // Government Gazette 45354).
    assert_holiday("ZA", "2021-11-01", "Municipal elections");
    assert_holiday("ZA", "1999-06-02", "National and provincial elections");
}

#[test]
fn other_one_off_days() {
    // 31 December 1999 and 2 January 2000 (a Sunday, so Monday 3 January too).
    assert_holiday("ZA", "1999-12-31", "Y2K changeover");
    assert_holiday("ZA", "2000-01-03", "Y2K changeover (observed)");
    // 2 May 2008: Human Rights Day and Good Friday coincided on 21 March 2008.
    assert_holiday("ZA", "2008-03-21", "Good Friday");
    assert_holiday("ZA", "2008-03-21", "Human Rights Day");
    assert_holiday(
        "ZA",
        "2008-05-02",
        "Public holiday (Human Rights Day on Good Friday)",
    );
    // 15 December 2023, the Rugby World Cup victory.
    assert_holiday("ZA", "2023-12-15", "Rugby World Cup victory");
}

#[test]
fn the_holidays_of_2026() {
    // gov.za 2026: the twelve public holidays (Good Friday 3 April, Family Day 6 April),
    // National Women's Day on Sunday 9 August kept on Monday 10 August; and the local
    // government election day, Wednesday 4 November 2026, declared a public holiday under
    // section 2A (gov.za notice "Public Holidays Act: Declaration of the fourth day of
    // November 2026 as a public holiday").
    assert_holiday("ZA", "2026-04-03", "Good Friday");
    assert_holiday("ZA", "2026-04-06", "Family Day");
    assert_holiday("ZA", "2026-08-10", "National Women's Day (observed)");
    assert_holiday("ZA", "2026-11-04", "Municipal elections");
    assert_holiday_count("ZA", 2026, 14);
}
