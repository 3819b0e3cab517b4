//! `AU`, `AU-NSW`, `AU-VIC`: public holidays of Australia, New South Wales and Victoria.
//! Expected dates from the Public Holidays Act 2010 (NSW), the NSW Government's public holiday
//! lists (https://www.nsw.gov.au/about-nsw/public-holidays), the Public Holidays Act 1993 (Vic)
//! and Business Victoria's lists
//! (https://business.vic.gov.au/business-information/public-holidays/victorian-public-holiday-dates).

use super::*;

#[test]
fn au_holds_the_days_every_state_keeps() {
    // Every state and territory: Australia Day Monday 26 January 2026, Good Friday 3 April,
    // Easter Monday 6 April, Anzac Day Friday 25 April 2025.
    assert_holiday("AU", "2026-01-26", "Australia Day");
    assert_holiday("AU", "2026-04-03", "Good Friday");
    assert_holiday("AU", "2026-04-06", "Easter Monday");
    assert_holiday("AU", "2025-04-25", "Anzac Day");
    // The Sovereign's birthday and Labour Day differ between states: not national.
    assert_business_day("AU", "2026-06-08");
    // Anzac Day on Saturday 25 April 2026: no weekday in every state (NSW's Monday 27 April
    // is an additional day by its own order), so none in AU.
    assert_business_day("AU", "2026-04-27");
    // Seven days and the Monday for Boxing Day (Saturday 26 December 2026).
    assert_holiday_count("AU", 2026, 8);
}

/// Issue 11: the weekdays every state gives for New Year's Day, Australia Day, Christmas Day
/// and Boxing Day on a weekend were business days in `AU`. Each state's act gives them (ACT
/// Holidays Act 1958; NSW Public Holidays Act 2010 s. 4; NT Public Holidays Act 1981; Qld
/// Holidays Act 1983; SA Holidays Act 1910 and Public Holidays Act 2023; Tas Statutory
/// Holidays Act 2000; Vic Public Holidays Act 1993 s. 6; WA Public and Bank Holidays Act 1972).
#[test]
fn issue_11_au_weekend_substitutes_common_to_every_state() {
    // Australia Day on Sunday 26 January 2025: the holiday is Monday 27 January everywhere.
    assert_holiday("AU", "2025-01-27", "Australia Day");
    assert!(names_on("AU", "2025-01-26").is_empty());
    // Boxing Day on Saturday 26 December 2026: Monday 28 December.
    assert_holiday("AU", "2026-12-28", "Boxing Day (observed)");
    // 2027: Christmas on a Saturday and Boxing Day on a Sunday: Monday 27 and Tuesday 28.
    assert_holiday("AU", "2027-12-27", "Christmas Day (observed)");
    assert_holiday("AU", "2027-12-28", "Boxing Day (observed)");
    // New Year's Day on Saturday 1 January 2028: Monday 3 January.
    assert_holiday("AU", "2028-01-03", "New Year's Day (observed)");
    // 2022: Christmas on a Sunday: Boxing Day Monday 26, Christmas's day Tuesday 27.
    assert_holiday("AU", "2022-12-26", "Boxing Day");
    assert_holiday("AU", "2022-12-27", "Christmas Day (observed)");
    // Anzac Day keeps no substitute: Sunday 25 April 2027, Monday 26 April is a business day.
    assert_business_day("AU", "2027-04-26");
    // Before 2011 the states differed: New Year's Day on Saturday 1 January 2005 gave no
    // Monday in New South Wales (Banks and Bank Holidays Act 1912, Sunday holidays only).
    assert_business_day("AU", "2005-01-03");
    // The states replace these rules with their own and count each day once.
    for id in ["AU-NSW", "AU-VIC"] {
        assert_eq!(
            names_on(id, "2021-12-27"),
            ["Christmas Day (observed)"],
            "{id}"
        );
        assert_eq!(names_on(id, "2025-01-27"), ["Australia Day"], "{id}");
    }
}

#[test]
fn national_day_of_mourning_2022_everywhere() {
    // Declared a public holiday in every state and territory: Thursday 22 September 2022.
    for id in ["AU", "AU-NSW", "AU-VIC"] {
        assert_holiday(
            id,
            "2022-09-22",
            "National Day of Mourning for Queen Elizabeth II",
        );
    }
    assert_business_day("AU", "2022-09-21");
}

#[test]
fn au_coverage_starts_in_1994() {
    // Before 1994 not every state kept Australia Day on 26 January: outside the data.
    let err = calendar("AU")
        .is_business_day(date("1993-12-31"))
        .unwrap_err();
    assert!(err.is_range(), "{err}");
    assert_holiday("AU", "1994-01-26", "Australia Day");
}

#[test]
fn nsw_additional_days_for_new_year_christmas_and_boxing_day() {
    // Public Holidays Act 2010, s. 4(a): NSW 2022 list, "Monday 3 January (additional day)".
    assert_holiday("AU-NSW", "2022-01-03", "New Year's Day (observed)");
    // s. 4(j), (k): 2021, Christmas on a Saturday and Boxing Day on a Sunday: Monday 27 and
    // Tuesday 28 December.
    assert_holiday("AU-NSW", "2021-12-27", "Christmas Day (observed)");
    assert_holiday("AU-NSW", "2021-12-28", "Boxing Day (observed)");
    // 2022: Christmas on a Sunday: Boxing Day Monday 26, additional day Tuesday 27.
    assert_holiday("AU-NSW", "2022-12-26", "Boxing Day");
    assert_holiday("AU-NSW", "2022-12-27", "Christmas Day (observed)");
    // 2026: Boxing Day on a Saturday: Monday 28 December.
    assert_holiday("AU-NSW", "2026-12-28", "Boxing Day (observed)");
}

#[test]
fn nsw_australia_day_moves_to_monday() {
    // s. 4(b): "no public holiday on that day and instead the following Monday". NSW 2020:
    // Monday 27 January; 2025: Monday 27 January.
    assert_holiday("AU-NSW", "2020-01-27", "Australia Day");
    assert!(names_on("AU-NSW", "2020-01-26").is_empty());
    assert_holiday("AU-NSW", "2025-01-27", "Australia Day");
    assert_holiday("AU-NSW", "2024-01-26", "Australia Day");
}

#[test]
fn nsw_anzac_day_and_its_one_off_additional_days() {
    // Anzac Day on a weekend has no weekday holiday under the Act: 2021 (a Sunday).
    assert_business_day("AU-NSW", "2021-04-26");
    // Public Holidays Amendment (Anzac Day) Order 2026: Monday 27 April 2026 and Monday
    // 26 April 2027.
    assert_holiday(
        "AU-NSW",
        "2026-04-27",
        "Anzac Day additional public holiday",
    );
    assert_holiday(
        "AU-NSW",
        "2027-04-26",
        "Anzac Day additional public holiday",
    );
    // 2032: Anzac Day a Sunday again; no order (yet): a working Monday.
    assert_business_day("AU-NSW", "2032-04-26");
    // Schedule 1, Part 2: in 2011 Easter Monday was held on Tuesday 26 April.
    assert_holiday("AU-NSW", "2011-04-25", "Anzac Day");
    assert_holiday("AU-NSW", "2011-04-26", "Easter Monday");
}

#[test]
fn nsw_state_days_of_2026() {
    // NSW 2026 list.
    assert_holiday("AU-NSW", "2026-04-04", "Easter Saturday");
    assert_holiday("AU-NSW", "2026-04-05", "Easter Sunday");
    assert_holiday("AU-NSW", "2026-06-08", "King's Birthday");
    assert_holiday("AU-NSW", "2026-10-05", "Labour Day");
    assert_holiday("AU-NSW", "2022-06-13", "Queen's Birthday");
    // Bank Holiday, Monday 3 August 2026: banks only (s. 6), not a public holiday.
    assert_business_day("AU-NSW", "2026-08-03");
    // Coverage starts with the 2010 Act.
    let err = calendar("AU-NSW")
        .is_business_day(date("2010-12-27"))
        .unwrap_err();
    assert!(err.is_range(), "{err}");
}

#[test]
fn vic_state_days() {
    // Business Victoria 2026: Labour Day Monday 9 March, King's Birthday Monday 8 June,
    // Friday before the AFL Grand Final 25 September, Melbourne Cup Day Tuesday 3 November.
    assert_holiday("AU-VIC", "2026-03-09", "Labour Day");
    assert_holiday("AU-VIC", "2026-06-08", "King's Birthday");
    assert_holiday("AU-VIC", "2026-09-25", "Friday before the AFL Grand Final");
    assert_holiday("AU-VIC", "2026-11-03", "Melbourne Cup Day");
    assert_business_day("AU-NSW", "2026-11-03");
    // Easter Sunday from 2016 (Saturday before Easter Sunday throughout).
    assert_holiday("AU-VIC", "2016-03-27", "Easter Sunday");
    assert!(!names_on("AU-VIC", "2015-04-05").contains(&"Easter Sunday".to_owned()));
    assert_holiday("AU-VIC", "2015-04-04", "Saturday before Easter Sunday");
}

#[test]
fn vic_afl_grand_final_friday_is_an_announced_list() {
    // First held on Friday 2 October 2015; in 2020 on Friday 23 October (Grand Final in
    // Brisbane); none before 2015.
    assert_holiday("AU-VIC", "2015-10-02", "Friday before the AFL Grand Final");
    assert_holiday("AU-VIC", "2020-10-23", "Friday before the AFL Grand Final");
    assert_business_day("AU-VIC", "2020-09-25");
    assert_business_day("AU-VIC", "2014-09-26");
    // 2026 is the last announced year: 2027 is outside the data, an error that says so.
    let err = calendar("AU-VIC")
        .is_business_day(date("2027-01-04"))
        .unwrap_err();
    assert!(err.is_range(), "{err}");
}

#[test]
fn vic_substitute_days() {
    // s. 6(c): Australia Day 2025 (a Sunday) on Monday 27 January.
    assert_holiday("AU-VIC", "2025-01-27", "Australia Day");
    // s. 6(k) as of 2008: Christmas Day 2016 (a Sunday) moved to Tuesday 27 December.
    assert_holiday("AU-VIC", "2016-12-27", "Christmas Day");
    // s. 6(ka) from 2019: 2022, an additional day on Tuesday 27 December.
    assert_holiday("AU-VIC", "2022-12-27", "Christmas Day (observed)");
    // 2021: Monday 27 (Christmas) and Tuesday 28 December (Boxing Day).
    assert_holiday("AU-VIC", "2021-12-27", "Christmas Day (observed)");
    assert_holiday("AU-VIC", "2021-12-28", "Boxing Day (observed)");
    // s. 6(b): New Year's Day 2022 (a Saturday): Monday 3 January.
    assert_holiday("AU-VIC", "2022-01-03", "New Year's Day (observed)");
    // Anzac Day is never substituted: 2021 (a Sunday).
    assert_business_day("AU-VIC", "2021-04-26");
    // 2011: Anzac Day on Easter Monday; Tuesday 26 April an additional public holiday
    // appointed by Gazette notice under s. 7(1)(a) of the Act.
    assert_holiday(
        "AU-VIC",
        "2011-04-26",
        "Additional public holiday (Anzac Day on Easter Monday)",
    );
}

#[test]
fn victoria_after_the_announced_years_needs_estimates() {
    // The Friday before the AFL Grand Final is declared each year; 2026 is the last one listed.
    let registry = Registry::builtin().unwrap();
    let err = registry
        .calendar("AU-VIC")
        .unwrap()
        .is_business_day(date("2027-09-24"))
        .unwrap_err();
    assert!(err.is_range(), "{err}");
    let estimated = registry.calendar_with("AU-VIC", Estimates::Allow).unwrap();
    let info = estimated.day_info(date("2027-09-24")).unwrap();
    assert!(!info.business);
    assert_eq!(
        info.reason(),
        "Friday before the AFL Grand Final (AU-VIC) [estimated]"
    );
    // The estimate is the Friday before the last Saturday of September.
    assert!(estimated.is_business_day(date("2028-09-22")).unwrap());
    assert!(!estimated.is_business_day(date("2028-09-29")).unwrap());
}
