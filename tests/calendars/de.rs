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

// `DE-BY`: Bavaria. Expected dates from the Bavarian holiday law, Feiertagsgesetz Art. 1
// (https://www.gesetze-bayern.de/Content/Document/BayFTG-1), for the state capital Munich.

#[test]
fn bavaria_adds_epiphany_corpus_christi_assumption_and_all_saints() {
    // FTG Art. 1: 6 January; 6 January 2026 is a Tuesday, a working day in Berlin.
    assert_holiday("DE-BY", "2026-01-06", "Epiphany");
    assert_business_day("DE", "2026-01-06");
    // Corpus Christi, the Thursday 60 days after Easter Sunday (5 April 2026).
    assert_holiday("DE-BY", "2026-06-04", "Corpus Christi");
    // Assumption Day in the municipalities with a Catholic majority, Munich among them.
    assert_holiday("DE-BY", "2025-08-15", "Assumption Day");
    // All Saints' Day, 1 November 2024 a Friday.
    assert_holiday("DE-BY", "2024-11-01", "All Saints' Day");
    // The nationwide days are inherited.
    assert_holiday("DE-BY", "2026-10-03", "Day of German Unity");
    assert_holiday_count("DE-BY", 2026, 13);
}

#[test]
fn bavaria_rule_changes_and_exclusions() {
    // Day of Repentance and Prayer: a holiday in Bavaria too until 1994 (SGB XI section 58).
    assert_holiday("DE-BY", "1994-11-16", "Day of Repentance and Prayer");
    assert_business_day("DE-BY", "1995-11-22");
    // Reformation Day 2017, once in every state.
    assert_holiday("DE-BY", "2017-10-31", "Reformation Day");
    assert_business_day("DE-BY", "2018-10-31");
    // The Augsburg Peace Festival (8 August) is Augsburg's only: Friday 8 August 2025.
    assert_business_day("DE-BY", "2025-08-08");
}

// `DE-BE`: Berlin. Expected dates from the Berlin holiday law, Gesetz über die Sonn- und
// Feiertage § 1 (https://gesetze.berlin.de/bsbe/document/jlr-FeiertGBErahmen), as amended on
// 30 January 2019 and 10 July 2024 (GVBl. 2024 S. 460).

#[test]
fn berlin_womens_day_from_2019() {
    assert_business_day("DE-BE", "2018-03-08");
    assert_holiday("DE-BE", "2019-03-08", "International Women's Day");
    assert_holiday("DE-BE", "2027-03-08", "International Women's Day");
    // Not a holiday elsewhere: 8 March 2027 is a Monday.
    assert_business_day("DE-BY", "2027-03-08");
}

#[test]
fn berlin_one_off_anniversaries() {
    assert_holiday(
        "DE-BE",
        "2020-05-08",
        "75th anniversary of the end of the Second World War",
    );
    assert_holiday(
        "DE-BE",
        "2025-05-08",
        "80th anniversary of the end of the Second World War",
    );
    // Once each: 8 May 2024 and 8 May 2026 are working days.
    assert_business_day("DE-BE", "2024-05-08");
    assert_business_day("DE-BE", "2026-05-08");
    // 17 June 2028, a Saturday, the 75th anniversary of the uprising of 1953.
    assert_eq!(
        names_on("DE-BE", "2028-06-17"),
        ["75th anniversary of the East German uprising of 1953"]
    );
    assert_holiday_count("DE-BE", 2025, 11);
}

#[test]
fn berlin_keeps_only_the_nationwide_church_days() {
    // No Corpus Christi, Epiphany or All Saints' Day in Berlin.
    assert_business_day("DE-BE", "2026-06-04");
    assert_business_day("DE-BE", "2026-01-06");
    assert_holiday("DE-BE", "2026-04-03", "Good Friday");
    assert_holiday("DE-BE", "1994-11-16", "Day of Repentance and Prayer");
}
