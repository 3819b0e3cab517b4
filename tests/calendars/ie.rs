//! `IE`: public holidays of Ireland. Expected dates from the Organisation of Working Time Act
//! 1997, Schedule 2 (https://www.irishstatutebook.ie/eli/1997/act/20/schedule/2/enacted/en/html),
//! the Government's announcement of 19 January 2022 (St Brigid's Day, 18 March 2022) and the
//! Citizens Information lists of public holidays
//! (https://www.citizensinformation.ie/en/employment/employment-rights-and-conditions/leave-and-holidays/public-holidays/).

use super::*;

#[test]
fn st_brigids_day_from_2023_on_the_first_monday_or_a_friday_1_february() {
    // Government announcement, 19 January 2022: "the first Monday of February except where
    // the 1st of February falls on a Friday"; Citizens Information: Monday 6 February 2023,
    // Monday 5 February 2024, Monday 3 February 2025, Monday 2 February 2026.
    assert_holiday("IE", "2023-02-06", "St Brigid's Day");
    assert_holiday("IE", "2024-02-05", "St Brigid's Day");
    assert_holiday("IE", "2025-02-03", "St Brigid's Day");
    assert_holiday("IE", "2026-02-02", "St Brigid's Day");
    // 1 February 2023 (a Wednesday) is not itself a holiday, and there was none in 2022.
    assert_business_day("IE", "2023-02-01");
    assert_business_day("IE", "2022-02-07");
    // 1 February 2030 is a Friday: the holiday is that day, not Monday 4 February.
    assert_holiday("IE", "2030-02-01", "St Brigid's Day");
    assert_business_day("IE", "2030-02-04");
}

#[test]
fn the_one_off_days_of_1999_and_2022() {
    // Government decision of 1999 (Dáil written answer, 30 November 1999): 31 December 1999.
    assert_holiday("IE", "1999-12-31", "Millennium public holiday");
    // Announcement of 19 January 2022: a once-off public holiday on Friday 18 March 2022.
    assert_holiday(
        "IE",
        "2022-03-18",
        "COVID-19 remembrance and recognition public holiday",
    );
    assert_holiday("IE", "2022-03-17", "St Patrick's Day");
    assert_business_day("IE", "2023-03-20");
}

#[test]
fn the_may_holiday_from_1994() {
    // First observed on Monday 2 May 1994 (Holidays (Employees) Act 1973 regulations, 1993).
    assert_business_day("IE", "1993-05-03");
    assert_holiday("IE", "1994-05-02", "May bank holiday");
    // 1995: S.I. No. 91 of 1993 appoints the first Monday in May, Monday 1 May 1995; the
    // move to Monday 8 May (VE Day) was the United Kingdom's (HC Deb 2 March 1995 vol 255
    // c709W) and no Irish instrument substituting it was found.
    assert_holiday("IE", "1995-05-01", "May bank holiday");
    assert_business_day("IE", "1995-05-08");
    // Citizens Information 2026: Monday 4 May.
    assert_holiday("IE", "2026-05-04", "May bank holiday");
}

#[test]
fn weekend_holidays_are_not_moved_and_good_friday_is_a_working_day() {
    // OWTA 1997, s. 21: a public holiday on a Sunday gives an entitlement (a day off within a
    // month, a day of annual leave or a day's pay, at the employer's choice), not a fixed
    // substitute day. St Patrick's Day 2024 was a Sunday.
    assert_holiday("IE", "2024-03-17", "St Patrick's Day");
    assert_business_day("IE", "2024-03-18");
    // Christmas Day 2021 a Saturday, St Stephen's Day a Sunday.
    assert_business_day("IE", "2021-12-27");
    // Good Friday is not in Schedule 2.
    assert_business_day("IE", "2026-04-03");
    assert_holiday("IE", "2026-04-06", "Easter Monday");
}

#[test]
fn before_1998_a_sunday_holiday_moved_to_the_next_day() {
    // Holidays (Employees) Act 1973, Schedule: "St. Patrick's Day if falling on a weekday or,
    // if not, the next day": 17 March 1991 a Sunday, Monday 18 March.
    assert_holiday("IE", "1991-03-18", "St Patrick's Day");
    assert!(names_on("IE", "1991-03-17").is_empty());
    // "Christmas Day if falling on a weekday or, if not, the next Tuesday": 1994.
    assert_holiday("IE", "1994-12-26", "St Stephen's Day");
    assert_holiday("IE", "1994-12-27", "Christmas Day");
    // S.I. No. 341 of 1974: New Year's Day 1995 (a Sunday) on Monday 2 January.
    assert_holiday("IE", "1995-01-02", "New Year's Day");
    // A Saturday is a weekday in the Act: Christmas Day 1993 stays, St Stephen's Day (a
    // Sunday) goes to Monday 27 December.
    assert_holiday("IE", "1993-12-25", "Christmas Day");
    assert_holiday("IE", "1993-12-27", "St Stephen's Day");
    assert_business_day("IE", "1993-12-28");
}

#[test]
fn the_ten_public_holidays_of_2026() {
    // Citizens Information, public holidays in 2026.
    for (day, name) in [
        ("2026-01-01", "New Year's Day"),
        ("2026-02-02", "St Brigid's Day"),
        ("2026-03-17", "St Patrick's Day"),
        ("2026-04-06", "Easter Monday"),
        ("2026-05-04", "May bank holiday"),
        ("2026-06-01", "June bank holiday"),
        ("2026-08-03", "August bank holiday"),
        ("2026-10-26", "October bank holiday"),
        ("2026-12-25", "Christmas Day"),
        ("2026-12-26", "St Stephen's Day"),
    ] {
        assert_holiday("IE", day, name);
    }
    assert_holiday_count("IE", 2026, 10);
    // Nine before St Brigid's Day: 2019.
    assert_holiday_count("IE", 2019, 9);
}
