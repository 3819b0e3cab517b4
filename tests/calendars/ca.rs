//! `CA`, `CA-ON`, `CA-QC`: statutory holidays of Canada (federal), Ontario and Quebec.
//! Expected dates from the Canada Labour Code (ss. 166, 193), the Holidays Act, the Government
//! of Canada's holiday lists, Ontario's Employment Standards Act, 2000 and its public holiday
//! guide (https://www.ontario.ca/document/your-guide-employment-standards-act-0/public-holidays),
//! and Quebec's Act respecting labour standards (s. 60) with the CNESST's lists.

use super::*;

#[test]
fn national_day_for_truth_and_reconciliation_from_2021() {
    // S.C. 2021, c. 11: first held Thursday 30 September 2021.
    assert_business_day("CA", "2020-09-30");
    assert_holiday(
        "CA",
        "2021-09-30",
        "National Day for Truth and Reconciliation",
    );
    // 2023: 30 September a Saturday; federal offices closed Monday 2 October.
    assert_holiday(
        "CA",
        "2023-10-02",
        "National Day for Truth and Reconciliation (observed)",
    );
    assert_holiday(
        "CA",
        "2026-09-30",
        "National Day for Truth and Reconciliation",
    );
}

#[test]
fn canada_day_on_a_sunday_is_2_july_and_on_a_saturday_the_monday_after() {
    // Holidays Act, s. 2: 1 July 2018 a Sunday, Canada Day Monday 2 July.
    assert_holiday("CA", "2018-07-02", "Canada Day");
    assert!(names_on("CA", "2018-07-01").is_empty());
    // Canada Labour Code, s. 193(2): 1 July 2023 a Saturday, observed Monday 3 July.
    assert_holiday("CA", "2023-07-03", "Canada Day (observed)");
}

#[test]
fn federal_weekend_holidays_move_to_the_next_working_day() {
    // Canada Labour Code, s. 193(2). 2021: Christmas Saturday, Boxing Day Sunday: Monday 27
    // and Tuesday 28 December. 2023: Remembrance Day a Saturday, Monday 13 November.
    assert_holiday("CA", "2021-12-27", "Christmas Day (observed)");
    assert_holiday("CA", "2021-12-28", "Boxing Day (observed)");
    assert_holiday("CA", "2023-11-13", "Remembrance Day (observed)");
    assert_holiday("CA", "2022-01-03", "New Year's Day (observed)");
}

#[test]
fn federal_fixed_weekday_holidays_and_what_is_not_statutory() {
    // Government of Canada 2026: Victoria Day Monday 18 May, Labour Day Monday 7 September,
    // Thanksgiving Monday 12 October, Good Friday 3 April.
    assert_holiday("CA", "2026-05-18", "Victoria Day");
    assert_holiday("CA", "2026-09-07", "Labour Day");
    assert_holiday("CA", "2026-10-12", "Thanksgiving Day");
    assert_holiday("CA", "2026-04-03", "Good Friday");
    // Easter Monday and the August civic holiday are not in s. 166.
    assert_business_day("CA", "2026-04-06");
    assert_business_day("CA", "2026-08-03");
    // The National Day of Mourning for Queen Elizabeth II, a federal holiday.
    assert_holiday(
        "CA",
        "2022-09-19",
        "National Day of Mourning for Queen Elizabeth II",
    );
}

#[test]
fn ontario_family_day_from_2008() {
    // Employment Standards Act, 2000 (amended 2007): first Family Day Monday 18 February 2008.
    assert_business_day("CA-ON", "2007-02-19");
    assert_holiday("CA-ON", "2008-02-18", "Family Day");
    assert_holiday("CA-ON", "2026-02-16", "Family Day");
    assert_business_day("CA", "2026-02-16");
}

#[test]
fn ontario_keeps_the_esa_days_only() {
    // Remembrance Day and the National Day for Truth and Reconciliation are not public
    // holidays under the ESA; nor was the 2022 day of mourning.
    assert_business_day("CA-ON", "2026-11-11");
    assert_business_day("CA-ON", "2025-09-30");
    assert_business_day("CA-ON", "2022-09-19");
    // Ontario 2026: nine public holidays; Boxing Day (a Saturday) substituted Monday 28.
    assert_holiday("CA-ON", "2026-12-28", "Boxing Day (observed)");
    assert_holiday("CA-ON", "2026-05-18", "Victoria Day");
    assert_holiday_count("CA-ON", 2026, 10);
}

#[test]
fn ontario_substitute_days_are_working_days() {
    // ESA s. 29: the substitute is a working day. 2022: Christmas a Sunday, Boxing Day
    // Monday 26, Christmas substituted Tuesday 27.
    assert_holiday("CA-ON", "2022-12-26", "Boxing Day");
    assert_holiday("CA-ON", "2022-12-27", "Christmas Day (observed)");
    assert_holiday("CA-ON", "2021-12-28", "Boxing Day (observed)");
    assert_holiday("CA-ON", "2023-07-03", "Canada Day (observed)");
}

#[test]
fn quebec_patriots_day_and_before_it_dollard_day() {
    // Act respecting labour standards, s. 60: the Monday before 25 May; National Patriots'
    // Day by decree 1322-2002 from 2003, formerly Fête de Dollard.
    assert_holiday("CA-QC", "2002-05-20", "Dollard Day");
    assert_holiday("CA-QC", "2003-05-19", "National Patriots' Day");
    assert_holiday("CA-QC", "2026-05-18", "National Patriots' Day");
}

#[test]
fn quebec_fete_nationale_and_canada_day_on_a_sunday() {
    // Act respecting the Fête nationale: 24 June 2026 (a Wednesday); 24 June 2018 a Sunday,
    // 25 June a holiday.
    assert_holiday("CA-QC", "2026-06-24", "Fête nationale");
    assert_holiday("CA-QC", "2018-06-25", "Fête nationale (observed)");
    // s. 60: 1 July, or 2 July when a Sunday (2018). A Saturday has no substitute (2023).
    assert_holiday("CA-QC", "2018-07-02", "Canada Day");
    assert_business_day("CA-QC", "2023-07-03");
}

#[test]
fn quebec_has_no_federal_only_days_and_no_weekend_substitutes() {
    // Not statutory holidays in Quebec: Remembrance Day, Boxing Day, the National Day for
    // Truth and Reconciliation.
    assert_business_day("CA-QC", "2026-11-11");
    assert_business_day("CA-QC", "2025-12-26");
    assert_business_day("CA-QC", "2025-09-30");
    // s. 62: a holiday on a non-working day gives an indemnity or a compensatory day, not a
    // fixed day: Christmas 2021 (a Saturday).
    assert_business_day("CA-QC", "2021-12-27");
    // Good Friday (the employer may choose Easter Monday instead; this calendar keeps Good
    // Friday, with the federal offices and banks).
    assert_holiday("CA-QC", "2026-04-03", "Good Friday");
    assert_business_day("CA-QC", "2026-04-06");
    assert_holiday_count("CA-QC", 2026, 8);
}
