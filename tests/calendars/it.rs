//! `IT`: Italy. Expected dates from the law of 27 May 1949, n. 260, art. 2
//! (https://www.normattiva.it/uri-res/N2Ls?urn:nir:stato:legge:1949-05-27;260) as amended by
//! the law of 20 November 2000, n. 336, the decree-law of 22 February 2011, n. 5, and the law of
//! 8 October 2025, n. 151.

use super::*;

#[test]
fn the_public_holidays_of_2026() {
    assert_holiday("IT", "2026-01-01", "New Year's Day");
    assert_holiday("IT", "2026-01-06", "Epiphany");
    // Easter Sunday 2026 is 5 April.
    assert_holiday("IT", "2026-04-06", "Easter Monday");
    assert_holiday("IT", "2026-05-01", "Labour Day");
    assert_holiday("IT", "2026-06-02", "Republic Day");
    assert_holiday("IT", "2026-12-08", "Immaculate Conception");
    assert_holiday("IT", "2026-12-25", "Christmas Day");
    // 25 April, 15 August and 26 December 2026 are Saturdays; not moved.
    assert_eq!(names_on("IT", "2026-04-25"), ["Liberation Day"]);
    assert_holiday_count("IT", 2026, 12);
}

#[test]
fn republic_day_on_2_june_again_from_2001() {
    // Law 54/1977 moved the celebration to the first Sunday of June; Friday 2 June 2000 was
    // a working day. Law 336/2000: 2 June a holiday again from 2001.
    assert_business_day("IT", "2000-06-02");
    assert_eq!(names_on("IT", "2001-06-02"), ["Republic Day"]);
}

#[test]
fn st_francis_from_2026() {
    // Law 151/2025, in force 1 January 2026: 4 October; Monday 4 October 2027.
    assert_business_day("IT", "2024-10-04");
    assert_eq!(names_on("IT", "2026-10-04"), ["St Francis of Assisi's Day"]);
    assert_holiday("IT", "2027-10-04", "St Francis of Assisi's Day");
}

#[test]
fn one_off_17_march_2011_and_local_days() {
    assert_holiday(
        "IT",
        "2011-03-17",
        "150th anniversary of the Unification of Italy",
    );
    assert_business_day("IT", "2010-03-17");
    // St Peter and Paul is Rome's own: Monday 29 June 2026.
    assert_business_day("IT", "2026-06-29");
}
