//! `CH-ZH`: the canton of Zurich. Expected dates from the Ruhetags- und Ladenöffnungsgesetz
//! (LS 822.4) § 1, the 1971 law before it, and the Federal Constitution Art. 110 Abs. 3
//! (https://www.fedlex.admin.ch/eli/cc/1999/404/de#art_110) for the Swiss National Day.

use super::*;

#[test]
fn the_cantonal_days_of_rest() {
    assert_holiday("CH-ZH", "2026-01-01", "New Year's Day");
    // Easter Sunday 2026 is 5 April.
    assert_holiday("CH-ZH", "2026-04-03", "Good Friday");
    assert_holiday("CH-ZH", "2026-04-06", "Easter Monday");
    assert_holiday("CH-ZH", "2026-05-01", "Labour Day");
    assert_holiday("CH-ZH", "2026-05-14", "Ascension Day");
    assert_holiday("CH-ZH", "2026-05-25", "Whit Monday");
    assert_holiday("CH-ZH", "2026-12-25", "Christmas Day");
    assert_holiday("CH-ZH", "2025-12-26", "St Stephen's Day");
    assert_holiday_count("CH-ZH", 2026, 9);
}

#[test]
fn swiss_national_day_cantonal_before_1994_and_federal_since() {
    // 1971 law § 1: 1 August a cantonal day of rest; Wednesday 1 August 1990.
    assert_holiday("CH-ZH", "1990-08-01", "Swiss National Day");
    // Federal from 1994 (Verordnung über den Bundesfeiertag, in force 1 July 1994).
    assert_holiday("CH-ZH", "1994-08-01", "Swiss National Day");
    assert_holiday("CH-ZH", "2025-08-01", "Swiss National Day");
    // Exactly one holiday on each 1 August, before and after the change.
    assert_eq!(names_on("CH-ZH", "1993-08-01"), ["Swiss National Day"]);
    assert_eq!(names_on("CH-ZH", "1994-08-01"), ["Swiss National Day"]);
}

#[test]
fn days_outside_the_cantonal_law_are_working_days() {
    // Berchtoldstag (2 January) is not in § 1: Friday 2 January 2026.
    assert_business_day("CH-ZH", "2026-01-02");
    // Corpus Christi is not a holiday in Zurich: Thursday 4 June 2026.
    assert_business_day("CH-ZH", "2026-06-04");
    // The federal level alone is not a calendar.
    assert!(Calendar::builtin("CH").is_err());
}
