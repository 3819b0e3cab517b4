//! `IL`: Israel's days of rest. Expected dates from the published Hebrew-Gregorian holiday
//! tables (the Israeli government's holiday calendar, https://www.gov.il/, and the Knesset's
//! publications of the Independence Day dates).

use super::*;
use chrono::Weekday;

#[test]
fn yom_kippur_2000_to_2030_matches_the_published_tables() {
    let table = [
        "2000-10-09",
        "2001-09-27",
        "2002-09-16",
        "2003-10-06",
        "2004-09-25",
        "2005-10-13",
        "2006-10-02",
        "2007-09-22",
        "2008-10-09",
        "2009-09-28",
        "2010-09-18",
        "2011-10-08",
        "2012-09-26",
        "2013-09-14",
        "2014-10-04",
        "2015-09-23",
        "2016-10-12",
        "2017-09-30",
        "2018-09-19",
        "2019-10-09",
        "2020-09-28",
        "2021-09-16",
        "2022-10-05",
        "2023-09-25",
        "2024-10-12",
        "2025-10-02",
        "2026-09-21",
        "2027-10-11",
        "2028-09-30",
        "2029-09-19",
        "2030-10-07",
    ];
    for day in table {
        assert!(
            names_on("IL", day).contains(&"Yom Kippur".to_owned()),
            "{day}"
        );
    }
}

#[test]
fn the_holidays_of_5786() {
    // Rosh Hashanah 5786: 23-24 September 2025; Sukkot 7 October; Shemini Atzeret 14
    // October; Passover 2026: 2 and 8 April; Shavuot: 22 May.
    for (day, name) in [
        ("2025-09-23", "Rosh Hashanah"),
        ("2025-09-24", "Rosh Hashanah (second day)"),
        ("2025-10-07", "Sukkot"),
        ("2025-10-14", "Shemini Atzeret"),
        ("2026-04-02", "Passover"),
        ("2026-04-08", "Seventh day of Passover"),
        ("2026-04-22", "Independence Day"),
        ("2026-05-22", "Shavuot"),
    ] {
        assert!(
            names_on("IL", day).contains(&name.to_owned()),
            "{day} {name}"
        );
    }
    // The eve of Yom Kippur is a working day.
    assert_business_day("IL", "2025-10-01");
}

#[test]
fn independence_day_moves_with_its_weekday() {
    // 5 Iyar on Friday 6 May 2022 → Thursday 5 May.
    assert_holiday("IL", "2022-05-05", "Independence Day");
    assert_business_day("IL", "2022-05-04");
    // 5 Iyar on Saturday 3 May 2025 → Thursday 1 May.
    assert_holiday("IL", "2025-05-01", "Independence Day");
    // 5 Iyar on Monday 13 May 2024 → Tuesday 14 May (the 2004 rule).
    assert_holiday("IL", "2024-05-14", "Independence Day");
    assert_business_day("IL", "2024-05-13");
    // 5 Iyar on Monday 26 April 2004 → Tuesday 27 April, the first year of the rule.
    assert_holiday("IL", "2004-04-27", "Independence Day");
    // 5 Iyar on Wednesday 26 April 2023 stays.
    assert_holiday("IL", "2023-04-26", "Independence Day");
    // Never on Friday, Saturday, Sunday or Monday after the moves.
    let il = calendar("IL");
    for h in il
        .holidays()
        .iter()
        .filter(|h| h.name() == "Independence Day")
    {
        let weekday = h.date().weekday();
        assert!(
            [Weekday::Tue, Weekday::Wed, Weekday::Thu].contains(&weekday) || h.date().year() < 2004,
            "{h}"
        );
    }
}

#[test]
fn the_weekend_is_friday_and_saturday_and_elections_are_days_of_rest() {
    let il = calendar("IL");
    assert!(!il.is_business_day(date("2026-01-02")).unwrap()); // Friday
    assert!(!il.is_business_day(date("2026-01-03")).unwrap()); // Saturday
    assert!(il.is_business_day(date("2026-01-04")).unwrap()); // Sunday
    assert_holiday("IL", "2022-11-01", "Knesset Election Day");
    assert_holiday("IL", "2024-02-27", "Local Elections Day");
}
