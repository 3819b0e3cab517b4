//! `PT`: Portugal. Expected dates from the Código do Trabalho, art. 234
//! (https://diariodarepublica.pt/dr/legislacao-consolidada/lei/2009-34546475), Lei n.º 23/2012
//! (four holidays suspended from 2013) and Lei n.º 8/2016 (restored).

use super::*;

#[test]
fn the_four_suspended_holidays_2013_to_2015() {
    // The last 5 October before the suspension: Friday 5 October 2012.
    assert_holiday("PT", "2012-10-05", "Republic Day");
    assert_business_day("PT", "2013-11-01");
    assert_business_day("PT", "2014-12-01");
    // Corpus Christi 2015: Thursday 4 June (Easter Sunday 5 April).
    assert_business_day("PT", "2015-06-04");
    assert_business_day("PT", "2015-10-05");
    assert_holiday_count("PT", 2014, 9);
}

#[test]
fn restored_in_2016() {
    // Corpus Christi 2016: Thursday 26 May (Easter Sunday 27 March).
    assert_holiday("PT", "2016-05-26", "Corpus Christi");
    assert_holiday("PT", "2016-10-05", "Republic Day");
    assert_holiday("PT", "2016-11-01", "All Saints' Day");
    assert_holiday("PT", "2016-12-01", "Restoration of Independence");
}

#[test]
fn the_holidays_of_2026() {
    // Easter Sunday 2026 is 5 April.
    assert_holiday("PT", "2026-04-03", "Good Friday");
    assert_holiday("PT", "2026-04-05", "Easter Sunday");
    assert_holiday("PT", "2026-06-10", "Portugal Day");
    assert_holiday("PT", "2026-12-08", "Immaculate Conception");
    // Carnival (Tuesday 17 February 2026) is optional; Lisbon's St Anthony (Friday 13 June
    // 2025) is municipal.
    assert_business_day("PT", "2026-02-17");
    assert_business_day("PT", "2025-06-13");
    assert_holiday_count("PT", 2026, 13);
}
