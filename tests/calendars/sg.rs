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

/// Issue 11: the estimators of `holidays/sg.toml`, run over 2010-2027 and compared with
/// MOM's gazetted dates. The hit rates are those the file documents.
#[test]
fn issue_11_the_estimators_against_the_gazetted_years() {
    let hits = estimator_hits(
        "SG",
        "sg.toml",
        (2010, 2027),
        &[
            "Hari Raya Puasa",
            "Hari Raya Haji",
            "Vesak Day",
            "Deepavali",
        ],
    );
    let shown: Vec<String> = hits
        .iter()
        .map(|(name, hit, of)| format!("{name} {hit}/{of}"))
        .collect();
    assert_eq!(
        shown,
        [
            "Hari Raya Puasa 12/18",
            "Hari Raya Haji 14/18",
            "Vesak Day 18/18",
            "Deepavali 18/18",
        ]
    );
}

/// Issue 11: 2028 and later are estimated, never silently.
#[test]
fn issue_11_years_after_the_last_gazetted_year_are_estimated() {
    let sg = calendar("SG");
    assert_eq!(sg.last_year(), 2027);
    assert_eq!(sg.estimates_available(), Some((2028, 2199)));
    let err = sg.is_business_day(date("2028-01-04")).unwrap_err();
    assert!(err.is_range());
    assert!(err.to_string().contains("(2010..=2027)"), "{err}");
    let estimated = calendar_with_estimates("SG");
    let names: Vec<String> = estimated
        .holidays_between(date("2028-01-01"), date("2028-12-31"))
        .unwrap()
        .iter()
        .map(|h| {
            assert!(h.is_estimated(), "{h}");
            format!("{} {}", h.date(), h.name())
        })
        .collect();
    // 2028: Hari Raya Puasa (tabular 1 Shawwal 1449) on Sunday 27 February, so Monday 28;
    // Vesak Day 9 May (4/15 of the Chinese year); Deepavali 17 October.
    for day in [
        "2028-01-26 Chinese New Year",
        "2028-02-28 Hari Raya Puasa (observed)",
        "2028-05-09 Vesak Day",
        "2028-10-17 Deepavali",
    ] {
        assert!(names.contains(&day.to_owned()), "{day}: {names:#?}");
    }
}
