//! `BR`: national holidays of Brazil. Expected dates from the federal laws (Lei 662/1949 as
//! worded by Lei 10.607/2002, Lei 6.802/1980, Lei 9.093/1995, Lei 14.759/2023, at
//! https://www.planalto.gov.br/) and the federal government's yearly ordinance of holidays and
//! optional days (Portaria MGI nº 11.460 of 29 December 2025, for 2026, Diário Oficial da União).

use super::*;

#[test]
fn the_national_holidays_of_2026() {
    // Portaria MGI for 2026: feriados nacionais 1 January, 3 April (Paixão de Cristo),
    // 21 April, 1 May, 7 September, 12 October, 2 November, 15 November (a Sunday),
    // 20 November and 25 December.
    for (day, name) in [
        ("2026-01-01", "Universal Fraternization Day"),
        ("2026-04-03", "Good Friday"),
        ("2026-04-21", "Tiradentes' Day"),
        ("2026-05-01", "Labour Day"),
        ("2026-09-07", "Independence Day"),
        ("2026-10-12", "Our Lady of Aparecida"),
        ("2026-11-02", "All Souls' Day"),
        (
            "2026-11-20",
            "National Day of Zumbi and Black Consciousness",
        ),
        ("2026-12-25", "Christmas Day"),
    ] {
        assert_holiday("BR", day, name);
    }
    assert_holiday_count("BR", 2026, 10);
}

#[test]
fn optional_days_are_not_national_holidays() {
    // The same ordinance lists Carnival (16 and 17 February 2026), Ash Wednesday (18 February,
    // until 14:00) and Corpus Christi (4 June 2026) as pontos facultativos: no federal law makes
    // them holidays.
    assert_business_day("BR", "2026-02-16");
    assert_business_day("BR", "2026-02-17");
    assert_business_day("BR", "2026-02-18");
    assert_business_day("BR", "2026-06-04");
}

#[test]
fn black_consciousness_day_from_2024() {
    // Lei 14.759/2023, of 21 December 2023: a national holiday from 2024.
    assert_holiday(
        "BR",
        "2024-11-20",
        "National Day of Zumbi and Black Consciousness",
    );
    assert_business_day("BR", "2023-11-20");
}

#[test]
fn no_substitute_days() {
    // Brazilian law moves no holiday: 15 November 2026 is a Sunday, Monday 16 is a work day.
    assert_holiday("BR", "2026-11-15", "Republic Proclamation Day");
    assert_business_day("BR", "2026-11-16");
    // 21 April 2000 was Good Friday and Tiradentes' Day at once; nothing else was added.
    assert_holiday("BR", "2000-04-21", "Good Friday");
    assert_holiday("BR", "2000-04-21", "Tiradentes' Day");
    assert_holiday_count("BR", 2000, 9);
}

#[test]
fn our_lady_of_aparecida_since_1980() {
    // Lei 6.802/1980, of 30 June 1980: 12 October a national holiday.
    assert_holiday("BR", "1980-10-12", "Our Lady of Aparecida");
    assert_holiday("BR", "1995-10-12", "Our Lady of Aparecida");
    // All Souls' Day before and after Lei 10.607/2002.
    assert_holiday("BR", "1999-11-02", "All Souls' Day");
    assert_holiday("BR", "2003-11-02", "All Souls' Day");
}
