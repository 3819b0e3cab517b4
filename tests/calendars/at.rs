//! `AT`: Austria. Expected dates from the Arbeitsruhegesetz § 7 Abs. 2
//! (https://www.ris.bka.gv.at/GeltendeFassung.wxe?Abfrage=Bundesnormen&Gesetzesnummer=10008541),
//! the same thirteen days as the Feiertagsruhegesetz 1957 § 1.

use super::*;

#[test]
fn the_thirteen_public_holidays_of_2026() {
    assert_holiday("AT", "2026-01-01", "New Year's Day");
    assert_holiday("AT", "2026-01-06", "Epiphany");
    // Easter Sunday 2026 is 5 April.
    assert_holiday("AT", "2026-04-06", "Easter Monday");
    assert_holiday("AT", "2026-05-01", "Labour Day");
    assert_holiday("AT", "2026-05-14", "Ascension Day");
    assert_holiday("AT", "2026-05-25", "Whit Monday");
    assert_holiday("AT", "2026-06-04", "Corpus Christi");
    assert_holiday("AT", "2026-10-26", "National Day");
    assert_holiday("AT", "2026-12-08", "Immaculate Conception");
    assert_holiday("AT", "2026-12-25", "Christmas Day");
    // 15 August, 1 November and 26 December 2026 fall on a weekend and are not moved.
    assert_eq!(names_on("AT", "2026-08-15"), ["Assumption Day"]);
    assert_business_day("AT", "2026-08-17");
    assert_holiday_count("AT", 2026, 13);
}

#[test]
fn good_friday_and_christmas_eve_are_working_days() {
    // ARG § 7 Abs. 3 (until 2018): Good Friday only for members of the Protestant churches;
    // since BGBl. I Nr. 22/2019 for nobody.
    assert_business_day("AT", "2018-03-30");
    assert_business_day("AT", "2019-04-19");
    assert_business_day("AT", "2026-04-03");
    // 24 December is not in § 7 Abs. 2: Thursday 24 December 2026.
    assert_business_day("AT", "2026-12-24");
}

#[test]
fn the_list_is_the_same_in_1990() {
    // Nationalfeiertag 26 October (a day of rest since 1967): Friday 26 October 1990.
    assert_holiday("AT", "1990-10-26", "National Day");
    assert_holiday("AT", "1990-06-14", "Corpus Christi");
    assert_holiday_count("AT", 1990, 13);
}
