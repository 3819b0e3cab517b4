//! `NZ`: national public holidays of New Zealand. Expected dates from the Holidays Act 2003
//! (https://www.legislation.govt.nz/act/public/2003/0129/latest/DLM236387.html), the Te Kāhui o
//! Matariki Public Holiday Act 2022, Schedule 1, and Employment New Zealand's tables
//! (https://www.employment.govt.nz/leave-and-holidays/public-holidays/public-holidays-and-anniversary-dates/).

use super::*;

#[test]
fn matariki_on_the_dates_of_its_act_and_coverage_ends_with_the_list() {
    // Te Kāhui o Matariki Public Holiday Act 2022, Schedule 1.
    assert_holiday("NZ", "2022-06-24", "Matariki");
    assert_holiday("NZ", "2023-07-14", "Matariki");
    assert_holiday("NZ", "2026-07-10", "Matariki");
    assert_holiday("NZ", "2052-06-21", "Matariki");
    assert_business_day("NZ", "2021-07-02");
    // 2052 is the last year listed: 2053 is outside the data, an error that says so.
    let err = calendar("NZ")
        .is_business_day(date("2053-01-05"))
        .unwrap_err();
    assert!(err.is_range(), "{err}");
}

#[test]
fn waitangi_and_anzac_days_are_mondayised_from_2014() {
    // Holidays Act 2003, s. 45A (from 2014). Employment NZ: Waitangi Day 2021 (a Saturday)
    // observed Monday 8 February; ANZAC Day 2020 (a Saturday) observed Monday 27 April;
    // ANZAC Day 2021 (a Sunday) observed Monday 26 April.
    assert_holiday("NZ", "2021-02-08", "Waitangi Day (observed)");
    assert_holiday("NZ", "2020-04-27", "ANZAC Day (observed)");
    assert_holiday("NZ", "2021-04-26", "ANZAC Day (observed)");
    assert_holiday("NZ", "2015-04-27", "ANZAC Day (observed)");
    // Before 2014 they were not: Waitangi Day 2013 was a Wednesday, but ANZAC Day 2009 and
    // Waitangi Day 2010 were Saturdays with no Monday holiday.
    assert_business_day("NZ", "2009-04-27");
    assert_business_day("NZ", "2010-02-08");
    // 2038: ANZAC Day is Easter Sunday; the following Monday (Easter Monday) is the
    // observed day, and the Tuesday is a working day.
    assert_holiday("NZ", "2038-04-26", "ANZAC Day (observed)");
    assert_holiday("NZ", "2038-04-26", "Easter Monday");
    assert_business_day("NZ", "2038-04-27");
}

#[test]
fn christmas_and_new_year_are_transferred_in_turn() {
    // Holidays Act 2003, s. 45. Employment NZ 2021-22: Christmas Day observed Monday 27
    // December, Boxing Day Tuesday 28 December, New Year's Day Monday 3 January 2022, Day
    // after New Year's Day Tuesday 4 January 2022.
    assert_holiday("NZ", "2021-12-27", "Christmas Day (observed)");
    assert_holiday("NZ", "2021-12-28", "Boxing Day (observed)");
    assert_holiday("NZ", "2022-01-03", "New Year's Day (observed)");
    assert_holiday("NZ", "2022-01-04", "Day after New Year's Day (observed)");
    // 2022-23: Christmas Day a Sunday, observed Tuesday 27 December after Boxing Day;
    // New Year's Day a Sunday, observed Tuesday 3 January 2023.
    assert_holiday("NZ", "2022-12-26", "Boxing Day");
    assert_holiday("NZ", "2022-12-27", "Christmas Day (observed)");
    assert_holiday("NZ", "2023-01-02", "Day after New Year's Day");
    assert_holiday("NZ", "2023-01-03", "New Year's Day (observed)");
}

#[test]
fn one_off_day_and_the_sovereigns_birthday() {
    // Queen Elizabeth II Memorial Day Act 2022: Monday 26 September 2022.
    assert_holiday("NZ", "2022-09-26", "Queen Elizabeth II Memorial Day");
    // Employment NZ: Queen's Birthday 6 June 2022; King's Birthday 5 June 2023 and 1 June 2026.
    assert_holiday("NZ", "2022-06-06", "Queen's Birthday");
    assert_holiday("NZ", "2023-06-05", "King's Birthday");
    assert_holiday("NZ", "2026-06-01", "King's Birthday");
    // Labour Day, the fourth Monday in October: 26 October 2026.
    assert_holiday("NZ", "2026-10-26", "Labour Day");
    // Employment NZ 2026: 11 national holidays; ANZAC Day (a Saturday) is observed on Monday
    // 27 April and Boxing Day (a Saturday) on Monday 28 December: 13 rows.
    assert_holiday("NZ", "2026-04-27", "ANZAC Day (observed)");
    assert_holiday("NZ", "2026-12-28", "Boxing Day (observed)");
    assert_holiday_count("NZ", 2026, 13);
}
