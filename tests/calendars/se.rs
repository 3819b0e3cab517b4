//! `SE`: Sweden. Expected dates from the Act on Public Holidays, lag (1989:253) om allmänna
//! helgdagar
//! (https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/lag-1989253-om-allmanna-helgdagar_sfs-1989-253/),
//! as amended by SFS 2004:1320, and lag (1930:173) § 2 for the eves.

use super::*;

#[test]
fn national_day_replaced_whit_monday_in_2005() {
    assert_holiday("SE", "2004-05-31", "Whit Monday");
    assert_business_day("SE", "2003-06-06");
    // SFS 2004:1320, in force 1 April 2005.
    assert_business_day("SE", "2005-05-16");
    assert_holiday("SE", "2005-06-06", "National Day");
}

#[test]
fn midsummer_and_all_saints_fall_on_a_saturday() {
    // Midsummer Day, the Saturday from 20 to 26 June; Midsummer Eve the Friday before.
    assert_holiday("SE", "2026-06-19", "Midsummer Eve");
    assert_eq!(names_on("SE", "2026-06-20"), ["Midsummer Day"]);
    assert_holiday("SE", "2025-06-20", "Midsummer Eve");
    assert_holiday("SE", "1993-06-25", "Midsummer Eve");
    // All Saints' Day, the Saturday from 31 October to 6 November.
    assert_eq!(names_on("SE", "2026-10-31"), ["All Saints' Day"]);
    assert_eq!(names_on("SE", "2025-11-01"), ["All Saints' Day"]);
}

#[test]
fn the_holidays_and_eves_of_2026() {
    assert_holiday("SE", "2026-01-06", "Epiphany");
    // Easter Sunday 2026 is 5 April.
    assert_holiday("SE", "2026-04-03", "Good Friday");
    assert_holiday("SE", "2026-04-06", "Easter Monday");
    assert_holiday("SE", "2026-05-14", "Ascension Day");
    assert_holiday("SE", "2026-12-24", "Christmas Eve");
    assert_holiday("SE", "2026-12-31", "New Year's Eve");
    assert_holiday_count("SE", 2026, 16);
}
