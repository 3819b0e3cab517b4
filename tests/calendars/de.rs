//! `DE`: public holidays kept in every German state. Expected dates from the Federal Ministry
//! of the Interior's list of public holidays
//! (https://www.bmi.bund.de/DE/themen/verfassung/staatliche-symbole/nationale-feiertage/nationale-feiertage-node.html)
//! and the state holiday laws.

use super::*;

#[test]
fn easter_based_holidays_of_2026() {
    assert_holiday("DE", "2026-04-03", "Good Friday");
    assert_holiday("DE", "2026-04-06", "Easter Monday");
    assert_holiday("DE", "2026-05-14", "Ascension Day");
    assert_holiday("DE", "2026-05-25", "Whit Monday");
}

#[test]
fn fixed_holidays_are_not_moved_off_weekends() {
    // 3 October 2026 is a Saturday; German law has no substitute day.
    assert_eq!(names_on("DE", "2026-10-03"), ["Day of German Unity"]);
    assert_business_day("DE", "2026-10-05");
    assert_business_day("DE", "2026-10-02");
    assert_holiday("DE", "2025-05-01", "Labour Day");
    assert_holiday("DE", "2024-12-26", "St Stephen's Day");
}

#[test]
fn reformation_day_2017_once() {
    assert_holiday("DE", "2017-10-31", "Reformation Day");
    assert_business_day("DE", "2016-10-31");
    assert_business_day("DE", "2018-10-31");
}

#[test]
fn day_of_repentance_until_1994() {
    // Wednesday before 23 November; abolished outside Saxony from 1995 (SGB XI section 58).
    assert_holiday("DE", "1994-11-16", "Day of Repentance and Prayer");
    assert_holiday("DE", "1991-11-20", "Day of Repentance and Prayer");
    assert_business_day("DE", "1995-11-22");
}

#[test]
fn arithmetic_over_christmas_and_easter() {
    let de = calendar("DE");
    assert_eq!(
        de.add_business_days(date("2026-12-23"), 2).unwrap(),
        date("2026-12-28")
    );
    assert_eq!(
        de.add_business_days(date("2026-04-02"), 1).unwrap(),
        date("2026-04-07")
    );
    assert_holiday_count("DE", 2026, 9);
}
