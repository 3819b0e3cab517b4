//! `PL`: Poland. Expected dates from the Act of 18 January 1951 on days off work, art. 1
//! (https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU19510040028), as amended in 1990,
//! 2010 and 2024, and the act of 7 November 2018.

use super::*;

#[test]
fn epiphany_from_2011() {
    assert_business_day("PL", "2010-01-06");
    assert_holiday("PL", "2011-01-06", "Epiphany");
}

#[test]
fn christmas_eve_from_2025() {
    assert_business_day("PL", "2024-12-24");
    assert_holiday("PL", "2025-12-24", "Christmas Eve");
    assert_holiday("PL", "2026-12-24", "Christmas Eve");
}

#[test]
fn centenary_of_independence_once() {
    assert_holiday("PL", "2018-11-12", "Centenary of Independence");
    assert_business_day("PL", "2019-11-12");
}

#[test]
fn the_1990_act_restored_3_may() {
    assert_holiday("PL", "1990-05-03", "Constitution Day");
    // 22 July was removed: Monday 22 July 1991.
    assert_business_day("PL", "1991-07-22");
}

#[test]
fn the_holidays_of_2026() {
    // Easter Sunday 2026 is 5 April.
    assert_holiday("PL", "2026-04-06", "Easter Monday");
    assert_holiday("PL", "2026-06-04", "Corpus Christi");
    assert_holiday("PL", "2026-11-11", "Independence Day");
    // Good Friday is a working day.
    assert_business_day("PL", "2026-04-03");
    assert_holiday_count("PL", 2026, 14);
}
