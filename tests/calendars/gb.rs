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

// `GB-SCT`: bank holidays of Scotland. Expected dates from the gov.uk tables for Scotland
// (https://www.gov.uk/bank-holidays), the Scottish Government's bank holiday page
// (https://www.gov.scot/publications/bank-holidays/) and the statutes named in each case.

#[test]
fn scotland_new_year_and_2_january_substitutes_chain() {
    // gov.uk Scotland 2022: "3 January Monday New Year's Day (substitute day)",
    // "4 January Tuesday 2nd January (substitute day)".
    assert_holiday("GB-SCT", "2022-01-03", "New Year's Day (observed)");
    assert_holiday("GB-SCT", "2022-01-04", "2nd January (observed)");
    // gov.uk Scotland 2023: "2 January Monday 2nd January", "3 January Tuesday New Year's Day
    // (substitute day)".
    assert_holiday("GB-SCT", "2023-01-02", "2nd January");
    assert_holiday("GB-SCT", "2023-01-03", "New Year's Day (observed)");
    // gov.uk Scotland 2027: 2 January is a Saturday, substituted on Monday 4 January.
    assert_holiday("GB-SCT", "2027-01-04", "2nd January (observed)");
    // England has no 2 January holiday.
    assert_business_day("GB-ENG", "2023-01-03");
}

#[test]
fn scotland_keeps_the_first_monday_of_august_and_not_easter_monday() {
    // BFDA 1971, Schedule 1, paragraph 2; gov.uk Scotland 2026: "3 August Monday Summer bank
    // holiday", and no Easter Monday (6 April).
    assert_holiday("GB-SCT", "2026-08-03", "Summer bank holiday");
    assert_business_day("GB-SCT", "2026-08-31");
    assert_business_day("GB-SCT", "2026-04-06");
    assert_holiday("GB-SCT", "2026-04-03", "Good Friday");
    // gov.uk Scotland 2025: "4 August Monday Summer bank holiday".
    assert_holiday("GB-SCT", "2025-08-04", "Summer bank holiday");
}

#[test]
fn st_andrews_day_from_2007_with_its_monday_substitute() {
    // St Andrew's Day Bank Holiday (Scotland) Act 2007, s. 1 (Royal Assent 15 January 2007):
    // none in 2006.
    assert_business_day("GB-SCT", "2006-11-30");
    assert_holiday("GB-SCT", "2007-11-30", "St Andrew's Day");
    // gov.uk Scotland 2024: "2 December Monday St Andrew's Day (substitute day)" (30 November
    // a Saturday); 2025: "1 December Monday St Andrew's Day (substitute day)" (a Sunday).
    assert_holiday("GB-SCT", "2024-12-02", "St Andrew's Day (observed)");
    assert_holiday("GB-SCT", "2025-12-01", "St Andrew's Day (observed)");
    // gov.uk Scotland 2026: "30 November Monday St Andrew's Day".
    assert_holiday("GB-SCT", "2026-11-30", "St Andrew's Day");
}

#[test]
fn scotland_shares_the_uk_wide_one_off_days_and_has_its_own_in_2026() {
    // Royal proclamations for the whole UK.
    assert_holiday(
        "GB-SCT",
        "2022-09-19",
        "State Funeral of Queen Elizabeth II",
    );
    assert_holiday("GB-SCT", "2023-05-08", "Coronation of King Charles III");
    assert_holiday(
        "GB-SCT",
        "2022-06-03",
        "Platinum Jubilee of Queen Elizabeth II",
    );
    assert_holiday("GB-SCT", "2020-05-08", "Early May bank holiday (VE Day)");
    assert_business_day("GB-SCT", "2020-05-04");
    // 1995: "In Scotland, 8 May will be a bank holiday in addition to 1 May 1995" (HC Deb
    // 2 March 1995 vol 255 c709W); England moved its holiday to 8 May.
    assert_holiday("GB-SCT", "1995-05-01", "Early May bank holiday");
    assert_holiday("GB-SCT", "1995-05-08", "Early May bank holiday (VE Day)");
    assert_business_day("GB-ENG", "1995-05-01");
    assert_business_day("GB-NIR", "1995-05-01");
    // Royal proclamation under BFDA 1971, s. 1(3), approved 4 February 2026: "Monday, the
    // fifteenth day of June in the year 2026 to be a bank holiday in Scotland" only.
    assert_holiday("GB-SCT", "2026-06-15", "FIFA World Cup bank holiday");
    assert_business_day("GB-ENG", "2026-06-15");
    assert_business_day("GB-NIR", "2026-06-15");
    // gov.uk Scotland 2026: 10 bank holidays on weekdays (with the World Cup day and the
    // Boxing Day substitute; Boxing Day itself is a Saturday).
    assert_holiday_count("GB-SCT", 2026, 11);
}

// `GB-NIR`: bank holidays of Northern Ireland. Expected dates from the gov.uk tables for
// Northern Ireland (https://www.gov.uk/bank-holidays) and NI Direct
// (https://www.nidirect.gov.uk/articles/bank-holidays).

#[test]
fn st_patricks_day_and_its_substitute() {
    // gov.uk Northern Ireland 2024: "18 March Monday St Patrick's Day (substitute day)".
    assert_holiday("GB-NIR", "2024-03-18", "St Patrick's Day (observed)");
    // gov.uk Northern Ireland 2026: "17 March Tuesday St Patrick's Day".
    assert_holiday("GB-NIR", "2026-03-17", "St Patrick's Day");
    // gov.uk Northern Ireland 2019: "18 March Monday St Patrick's Day (substitute day)".
    assert_holiday("GB-NIR", "2019-03-18", "St Patrick's Day (observed)");
    assert_business_day("GB-ENG", "2026-03-17");
}

#[test]
fn battle_of_the_boyne_and_its_substitute() {
    // gov.uk Northern Ireland 2025: "14 July Monday Battle of the Boyne (Orangemen's Day)
    // (substitute day)"; 2020: "13 July Monday ... (substitute day)".
    assert_holiday(
        "GB-NIR",
        "2025-07-14",
        "Battle of the Boyne (Orangemen's Day) (observed)",
    );
    assert_holiday(
        "GB-NIR",
        "2020-07-13",
        "Battle of the Boyne (Orangemen's Day) (observed)",
    );
    // gov.uk Northern Ireland 2024: "12 July Friday Battle of the Boyne (Orangemen's Day)".
    assert_holiday(
        "GB-NIR",
        "2024-07-12",
        "Battle of the Boyne (Orangemen's Day)",
    );
    assert_business_day("GB-SCT", "2024-07-12");
}

#[test]
fn northern_ireland_keeps_easter_monday_and_the_last_monday_of_august() {
    // gov.uk Northern Ireland 2026: "6 April Monday Easter Monday", "31 August Monday Summer
    // bank holiday"; 10 bank holidays with the Boxing Day substitute on 28 December.
    assert_holiday("GB-NIR", "2026-04-06", "Easter Monday");
    assert_holiday("GB-NIR", "2026-08-31", "Summer bank holiday");
    assert_holiday(
        "GB-NIR",
        "2026-07-13",
        "Battle of the Boyne (Orangemen's Day) (observed)",
    );
    assert_holiday("GB-NIR", "2026-12-28", "Boxing Day (observed)");
    assert_business_day("GB-NIR", "2026-01-02");
    assert_business_day("GB-NIR", "2026-08-03");
    // Shared UK-wide days.
    assert_holiday(
        "GB-NIR",
        "2022-09-19",
        "State Funeral of Queen Elizabeth II",
    );
    assert_holiday("GB-NIR", "2023-05-08", "Coronation of King Charles III");
    // 2026: the 8 shared or English-style days plus St Patrick's Day and the Boyne (on a
    // Sunday, with its Monday substitute).
    assert_holiday_count("GB-NIR", 2026, 12);
}
