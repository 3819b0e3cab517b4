//! `SG`: Singapore's public holidays. Expected dates from the Ministry of Manpower's public
//! holiday lists (https://www.mom.gov.sg/employment-practices/public-holidays) and the
//! Holidays Act 1998 (https://sso.agc.gov.sg/Act/HA1998).

use super::*;

#[test]
fn the_2026_gazetted_holidays() {
    // MOM 2026: Vesak Day, National Day and Deepavali fall on Sundays; the Mondays after are
    // public holidays.
    for (day, name) in [
        ("2026-01-01", "New Year's Day"),
        ("2026-02-17", "Chinese New Year"),
        ("2026-02-18", "Chinese New Year (second day)"),
        ("2026-03-21", "Hari Raya Puasa"),
        ("2026-04-03", "Good Friday"),
        ("2026-05-01", "Labour Day"),
        ("2026-05-27", "Hari Raya Haji"),
        ("2026-05-31", "Vesak Day"),
        ("2026-06-01", "Vesak Day (observed)"),
        ("2026-08-10", "National Day (observed)"),
        ("2026-11-09", "Deepavali (observed)"),
        ("2026-12-25", "Christmas Day"),
    ] {
        assert_holiday("SG", day, name);
    }
    assert_holiday_count("SG", 2026, 14);
}

#[test]
fn sunday_holidays_chain_to_the_next_free_day() {
    // 2023: Chinese New Year on Sunday 22 January and Monday 23 January; Tuesday 24 January
    // is the holiday for the Sunday.
    assert_holiday("SG", "2023-01-24", "Chinese New Year (observed)");
    assert_business_day("SG", "2023-01-25");
    // A Saturday holiday has no substitute: Hari Raya Puasa 2026 on Saturday 21 March.
    assert_business_day("SG", "2026-03-23");
    // Polling Day 2025 (general election, Saturday 3 May) and 2020 (Friday 10 July).
    assert_holiday("SG", "2020-07-10", "Polling Day");
    assert_holiday("SG", "2015-08-07", "SG50 Public Holiday");
}

/// Issue 11: the Ministry of Manpower's list of public holidays for 2027.
#[test]
fn issue_11_the_2027_gazetted_holidays() {
    for (day, name) in [
        ("2027-01-01", "New Year's Day"),
        // Chinese New Year on Saturday 6 and Sunday 7 February: Monday 8 February.
        ("2027-02-08", "Chinese New Year (second day) (observed)"),
        ("2027-03-10", "Hari Raya Puasa"),
        ("2027-03-26", "Good Friday"),
        ("2027-05-17", "Hari Raya Haji"),
        ("2027-05-20", "Vesak Day"),
        ("2027-08-09", "National Day"),
        ("2027-10-28", "Deepavali"),
        ("2027-12-25", "Christmas Day"),
    ] {
        assert_holiday("SG", day, name);
    }
    // Labour Day on a Saturday: no substitute.
    assert_business_day("SG", "2027-05-03");
    assert_holiday_count("SG", 2027, 12);
}

#[test]
fn years_after_the_last_gazetted_year_are_an_error() {
    let sg = calendar("SG");
    assert_eq!(sg.last_year(), 2027);
    let err = sg.is_business_day(date("2028-01-04")).unwrap_err();
    assert!(err.is_range());
    assert!(err.to_string().contains("(2010..=2027)"), "{err}");
}
