//! `CN`: China's public holidays with the State Council's arrangements. Expected dates from the
//! notices of the General Office of the State Council on the holiday arrangements of each year
//! (国务院办公厅关于 YYYY 年部分节假日安排的通知, https://www.gov.cn/zhengce/), and the lunar
//! new year table of the Hong Kong Observatory (Gregorian-Lunar Calendar Conversion Table,
//! https://www.hko.gov.hk/en/gts/time/conversion.htm).

use super::*;

#[test]
fn issue_6_make_up_sunday_counts_as_a_business_day() {
    // Notice for 2025 (国办发明电〔2024〕12号): National Day and Mid-Autumn, 1-8 October off;
    // Sunday 28 September and Saturday 11 October are working days.
    let cn = calendar("CN");
    assert_eq!(
        cn.add_business_days(date("2025-09-26"), 5).unwrap(),
        date("2025-10-10")
    );
    assert_working_day("CN", "2025-09-28");
    assert_working_day("CN", "2025-10-11");
    for day in ["2025-10-01", "2025-10-06", "2025-10-07", "2025-10-08"] {
        assert!(!cn.is_business_day(date(day)).unwrap(), "{day}");
    }
    assert_holiday("CN", "2025-10-06", "Mid-Autumn Festival");
    assert_holiday("CN", "2025-10-07", "National Day holiday");
}

#[test]
fn the_2026_arrangements() {
    // Notice of the General Office of the State Council of 4 November 2025 for 2026
    // (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm).
    // New Year's Day: 1-3 January off, Sunday 4 January worked.
    assert_holiday("CN", "2026-01-02", "New Year's Day holiday");
    assert_working_day("CN", "2026-01-04");
    // Spring Festival: 15-23 February off (9 days), 14 and 28 February (Saturdays) worked.
    assert_holiday("CN", "2026-02-16", "Spring Festival (eve)");
    assert_holiday("CN", "2026-02-17", "Spring Festival");
    assert_holiday("CN", "2026-02-19", "Spring Festival (third day)");
    assert_holiday("CN", "2026-02-20", "Spring Festival holiday");
    assert_holiday("CN", "2026-02-23", "Spring Festival holiday");
    assert_working_day("CN", "2026-02-14");
    assert_working_day("CN", "2026-02-28");
    // Qingming: 4-6 April; Labour Day: 1-5 May, Saturday 9 May worked.
    assert_holiday("CN", "2026-04-05", "Qingming Festival");
    assert_holiday("CN", "2026-04-06", "Qingming Festival holiday");
    assert_holiday("CN", "2026-05-01", "Labour Day");
    assert_holiday("CN", "2026-05-05", "Labour Day holiday");
    assert_working_day("CN", "2026-05-09");
    // Dragon Boat 19 June; Mid-Autumn 25 September; National Day 1-7 October, 20 September
    // and 10 October worked.
    assert_holiday("CN", "2026-06-19", "Dragon Boat Festival");
    assert_holiday("CN", "2026-09-25", "Mid-Autumn Festival");
    assert_holiday("CN", "2026-10-07", "National Day holiday");
    assert_working_day("CN", "2026-09-20");
    assert_working_day("CN", "2026-10-10");
    // February 2026: 20 weekdays, 5 of them off (16, 17, 18, 19, 20, 23 minus none), plus
    // two working Saturdays: 20 - 6 + 2 = 16 business days.
    let cn = calendar("CN");
    assert_eq!(
        cn.business_days_between(date("2026-02-01"), date("2026-03-01"))
            .unwrap(),
        16
    );
}

#[test]
fn the_2020_spring_festival_was_extended() {
    // Notice of 27 January 2020: the Spring Festival holiday extended to 2 February; the
    // make-up working day of Saturday 1 February was cancelled.
    assert_holiday("CN", "2020-01-31", "Spring Festival holiday");
    let cn = calendar("CN");
    let info = cn.day_info(date("2020-02-01")).unwrap();
    assert!(
        !info.business && info.working_days.is_empty(),
        "{}",
        info.reason()
    );
    assert_business_day("CN", "2020-02-03");
    assert_working_day("CN", "2020-01-19");
}

#[test]
fn statutory_days_follow_the_2007_2013_and_2024_revisions() {
    // 2013: the eve, 1st and 2nd days (notice for 2013: 9-15 February).
    assert_holiday("CN", "2013-02-09", "Spring Festival (eve)");
    assert_holiday("CN", "2013-02-11", "Spring Festival (second day)");
    // 2014-2024: 1st to 3rd days; the eve (30 January 2014) is a working day.
    assert_business_day("CN", "2014-01-30");
    assert_holiday("CN", "2014-02-02", "Spring Festival (third day)");
    // 2025: the eve and 1st to 3rd days; Labour Day 1-2 May.
    assert_holiday("CN", "2025-01-28", "Spring Festival (eve)");
    assert_holiday("CN", "2025-05-02", "Labour Day (second day)");
    // 2015: the one-off Victory Day, 3 September, with 4 September off and 6 September worked.
    assert_holiday("CN", "2015-09-03", "Victory Day");
    assert_working_day("CN", "2015-09-06");
}

#[test]
fn qingming_is_the_day_of_the_solar_term() {
    // The Qingming day of each notice, 2008-2026.
    let expected = [
        "2008-04-04",
        "2009-04-04",
        "2010-04-05",
        "2011-04-05",
        "2012-04-04",
        "2013-04-04",
        "2014-04-05",
        "2015-04-05",
        "2016-04-04",
        "2017-04-04",
        "2018-04-05",
        "2019-04-05",
        "2020-04-04",
        "2021-04-04",
        "2022-04-05",
        "2023-04-05",
        "2024-04-04",
        "2025-04-04",
        "2026-04-05",
    ];
    for day in expected {
        assert_holiday("CN", day, "Qingming Festival");
    }
}

#[test]
fn years_after_the_last_notice_are_an_error_unless_estimates_are_allowed() {
    let cn = calendar("CN");
    let err = cn.is_business_day(date("2027-02-08")).unwrap_err();
    assert!(err.is_range() && err.is_estimates_needed());
    assert_eq!(
        err.to_string(),
        "date `2027-02-08` is after the years covered by calendar `CN` (2001..=2026): the \
         holidays of `CN` after 2026 are not announced yet; estimated dates cover the years up \
         to 2199 when estimates are allowed (`Estimates::Allow`)"
    );
    // Adding across the end of the announced years says so too.
    let err = cn.add_business_days(date("2026-12-30"), 5).unwrap_err();
    assert!(err.to_string().contains("not announced yet"), "{err}");
    assert!(err.is_estimates_needed());

    // With estimates: 2027's Spring Festival falls on Saturday 6 February; the statutory
    // days (5-8 February) and the Article 6 make-up days for the weekend ones (9 and 10
    // February) are estimated.
    let estimated = calendar_with_estimates("CN");
    let feb = estimated
        .holidays_between(date("2027-02-05"), date("2027-02-10"))
        .unwrap();
    assert!(feb.iter().all(|h| h.is_estimated()));
    let names: Vec<String> = feb.iter().map(ToString::to_string).collect();
    assert!(
        names.contains(&"2027-02-09 Spring Festival (observed) (CN) [estimated]".to_owned()),
        "{names:#?}"
    );
    assert_eq!(
        estimated.next_business_day(date("2027-02-04")).unwrap(),
        date("2027-02-11")
    );
    let info = estimated.day_info(date("2027-02-08")).unwrap();
    assert_eq!(
        info.reason(),
        "Spring Festival (third day) (CN) [estimated]"
    );
    // No make-up working days are estimated.
    assert!(
        estimated
            .working_days()
            .iter()
            .all(|w| w.date().year() <= 2026)
    );
}

/// Issue 11: 2001-2007, the years of the 1999 text of the Measures (State Council Order
/// No. 270: three days each for the Spring Festival, Labour Day and National Day), from the
/// notices of the General Office of the State Council for each year.
#[test]
fn issue_11_the_golden_weeks_of_2001_to_2007() {
    // 国办发明电〔2001〕1号: Spring Festival 24-30 January 2001 (29 and 30 swapped from
    // 20 and 21 January, which were worked); "五一" 1-7 May with 28 and 29 April worked.
    for day in ["2001-01-24", "2001-01-26", "2001-01-29", "2001-01-30"] {
        assert!(!calendar("CN").is_business_day(date(day)).unwrap(), "{day}");
    }
    assert_holiday("CN", "2001-01-26", "Spring Festival (third day)");
    assert_working_day("CN", "2001-01-20");
    assert_working_day("CN", "2001-04-29");
    assert_holiday("CN", "2001-05-03", "Labour Day (third day)");
    assert_holiday("CN", "2001-05-07", "Labour Day holiday");
    // The 2002 notice: New Year's Day 1-3 January 2002, with 29 and 30 December 2001 worked.
    assert_holiday("CN", "2002-01-03", "New Year's Day holiday");
    assert_working_day("CN", "2001-12-30");
    // 2003: the "五一" week cancelled during the SARS epidemic (notice of 21 April 2003):
    // 1-3 May, and Saturday 3 May's rest on Monday 5 May; 26 April is an ordinary Saturday
    // and 6 May a working day.
    assert_holiday("CN", "2003-05-05", "Labour Day holiday");
    assert_business_day("CN", "2003-05-06");
    assert!(
        calendar("CN")
            .day_info(date("2003-04-26"))
            .unwrap()
            .working_days
            .is_empty()
    );
    // 国办发明电〔2005〕35号: National Day 1-7 October 2006, with 30 September and 8 October
    // worked.
    assert_holiday("CN", "2006-10-06", "National Day holiday");
    assert_working_day("CN", "2006-10-08");
    // 国办发明电〔2006〕49号: Spring Festival 18-24 February 2007, with 17 and 25 February
    // worked. Then the 2008 notice: 31 December 2007 off, 29 December worked.
    assert_holiday("CN", "2007-02-23", "Spring Festival holiday");
    assert_working_day("CN", "2007-02-25");
    assert_holiday("CN", "2007-12-31", "New Year's Day holiday");
    assert_working_day("CN", "2007-12-29");
    // No Qingming, Dragon Boat or Mid-Autumn holiday before 2008 (5 April 2007 a Thursday).
    assert_business_day("CN", "2007-04-05");
    assert_business_day("CN", "2007-06-19");
    // 2000's notice was not read: the year is outside the data.
    assert!(
        calendar("CN")
            .is_business_day(date("2000-12-29"))
            .unwrap_err()
            .is_range()
    );
}
