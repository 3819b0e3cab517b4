//! `KR`: South Korea's public holidays. Expected dates from the Ministry of Personnel
//! Management's announcements of public and substitute holidays (https://www.mpm.go.kr/), the
//! Act on Public Holidays and the Regulations on Holidays of Government Offices
//! (https://www.law.go.kr/), and the lunar calendar of the Korea Astronomy and Space Science
//! Institute (https://astro.kasi.re.kr/).

use super::*;

#[test]
fn the_2025_holidays() {
    for (day, name) in [
        ("2025-01-01", "New Year's Day"),
        ("2025-01-27", "Temporary Public Holiday"),
        ("2025-01-28", "Seollal (eve)"),
        ("2025-01-29", "Seollal"),
        ("2025-01-30", "Seollal (second day)"),
        // 1 March on a Saturday: substitute on Monday 3 March.
        ("2025-03-03", "Independence Movement Day (observed)"),
        // Children's Day and Buddha's Birthday both on Monday 5 May: one substitute, 6 May.
        ("2025-05-05", "Children's Day"),
        ("2025-05-05", "Buddha's Birthday"),
        ("2025-05-06", "Children's Day (observed)"),
        ("2025-06-03", "Presidential Election Day"),
        ("2025-06-06", "Memorial Day"),
        ("2025-08-15", "Liberation Day"),
        ("2025-10-03", "National Foundation Day"),
        // Chuseok 5-7 October with the eve on a Sunday: substitute on 8 October.
        ("2025-10-06", "Chuseok"),
        ("2025-10-08", "Chuseok (eve) (observed)"),
        ("2025-10-09", "Hangul Day"),
        ("2025-12-25", "Christmas Day"),
    ] {
        assert_holiday("KR", day, name);
    }
    assert_business_day("KR", "2025-05-07");
}

#[test]
fn constitution_day_and_labor_day_return_in_2026() {
    // Act on Public Holidays, as amended in 2026: Labor Day from 1 May 2026 (amendment passed
    // on 31 March 2026), Constitution Day from 17 July 2026 (promulgated 10 February 2026).
    // Before, 1 May was a paid holiday of private employees only, not a public holiday.
    assert_holiday("KR", "2026-05-01", "Labor Day");
    assert_business_day("KR", "2025-05-01");
    assert_holiday("KR", "2026-07-17", "Constitution Day");
    assert_business_day("KR", "2025-07-17");
    // Public Official Election Act, Article 34: the local elections of Wednesday 3 June 2026.
    assert_holiday("KR", "2026-06-03", "Local Election Day");
    // Liberation Day and National Foundation Day 2026 on Saturdays: substitutes on Monday.
    assert_holiday("KR", "2026-08-17", "Liberation Day (observed)");
    assert_holiday("KR", "2026-10-05", "National Foundation Day (observed)");
    // Buddha's Birthday on Sunday 24 May 2026: substitute on Monday 25 May.
    assert_holiday("KR", "2026-05-25", "Buddha's Birthday (observed)");
}

#[test]
fn substitute_rules_by_period() {
    // 2014: the first substitute day, for the eve of Chuseok on Sunday 7 September:
    // Wednesday 10 September.
    assert_holiday("KR", "2014-09-10", "Chuseok (eve) (observed)");
    // Before 2021 a national day on a weekend had no substitute: 15 August 2020 (Saturday).
    assert_business_day("KR", "2020-08-18");
    // Christmas 2022 on a Sunday had none (from 2023 on it has).
    assert_business_day("KR", "2022-12-26");
    // Seollal on a Saturday has none: 2027 has one for the Sunday only (9 February).
    assert_holiday("KR", "2027-02-09", "Seollal (observed)");
    assert_business_day("KR", "2027-02-10");
    // Chuseok on National Foundation Day (3 October 2028): the substitute is Chuseok's.
    assert_holiday("KR", "2028-10-05", "Chuseok (observed)");
}

#[test]
fn korean_lunar_dates_are_counted_in_korean_time() {
    // KASI: Seollal 1997 is 8 February (the new moon at 00:06 KST); in China it was 7 February.
    assert_holiday("KR", "1997-02-08", "Seollal");
    assert_holiday("KR", "1997-02-07", "Seollal (eve)");
    // Chuseok 2017: 3-5 October, its eve on National Foundation Day; substitute 6 October.
    assert_holiday("KR", "2017-10-04", "Chuseok");
    assert_holiday("KR", "2017-10-06", "Chuseok (eve) (observed)");
}

#[test]
fn holidays_removed_and_restored() {
    // Arbor Day until 2005, Constitution Day until 2007, Hangul Day again from 2013.
    assert_holiday("KR", "2005-04-05", "Arbor Day");
    assert_business_day("KR", "2006-04-05");
    assert_holiday("KR", "2007-07-17", "Constitution Day");
    assert_business_day("KR", "2008-07-17");
    assert_business_day("KR", "2012-10-09");
    assert_holiday("KR", "2013-10-09", "Hangul Day");
    // New Year's Day: two days until 1998.
    assert_holiday("KR", "1998-01-02", "New Year's Day (second day)");
    assert_business_day("KR", "1999-01-04");
}

/// Issue 11: the regular elections after the listed ones were gaps. Public Official Election
/// Act, Article 34(1): the first Wednesday on or after the 70th (president), 50th (National
/// Assembly) or 30th (local) day before the term ends; 34(2): a week later when that day, or a
/// day next to it, is a public holiday.
#[test]
fn issue_11_regular_elections_follow_article_34() {
    // The 21st president's term began on 4 June 2025 (the early election's result) and ends
    // on 3 June 2030: 70 days before is Monday 25 March, so Wednesday 27 March 2030.
    assert_holiday("KR", "2030-03-27", "Presidential Election Day");
    // The 22nd National Assembly's term ends on 29 May 2028: 50 days before is Sunday
    // 9 April, so Wednesday 12 April 2028.
    assert_holiday("KR", "2028-04-12", "National Assembly Election Day");
    // Local terms end on 30 June 2030: Wednesday 5 June, next to Memorial Day (6 June), moves
    // to 12 June 2030.
    assert_holiday("KR", "2030-06-12", "Local Election Day");
    assert_business_day("KR", "2030-06-05");
    // The next terms: the 2032 Assembly (Friday 9 April 2032 → Wednesday 14 April) and the
    // 2035 presidential election (Sunday 25 March 2035 → Wednesday 28 March).
    assert_holiday("KR", "2032-04-14", "National Assembly Election Day");
    assert_holiday("KR", "2035-03-28", "Presidential Election Day");
    // 2027-2040: four Assembly, four local and two presidential elections, each a Wednesday.
    let kr = calendar("KR");
    let elections: Vec<_> = kr
        .holidays_between(date("2027-01-01"), date("2040-12-31"))
        .unwrap()
        .iter()
        .filter(|h| h.name().contains("Election"))
        .collect();
    assert_eq!(elections.len(), 10, "{elections:?}");
    assert!(
        elections
            .iter()
            .all(|h| h.date().weekday() == chrono::Weekday::Wed)
    );
}

/// After an early presidential election the term chain changes: a user's folder can replace
/// `KR` with a copy whose rule starts from the new term (here a hypothetical vacancy filled on
/// Wednesday 3 May 2028, a new term ending on 2 May 2033).
#[test]
fn issue_11_an_early_election_is_overridden_by_a_users_copy_of_the_file() {
    let builtin = include_str!("../../holidays/kr.toml");
    assert!(builtin.contains("term_end = 2030-06-03"));
    let edited = builtin
        .replace("term_end = 2030-06-03", "term_end = 2033-05-02")
        .replace(
            "2022-03-09, 2025-06-03]",
            "2022-03-09, 2025-06-03, 2028-05-03]",
        );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kr.toml"), edited).unwrap();
    let registry = Registry::with_dir(dir.path()).unwrap();
    let kr = registry.calendar("KR").unwrap();
    assert!(kr.is_business_day(date("2030-03-27")).unwrap());
    assert!(!kr.is_business_day(date("2028-05-03")).unwrap());
    // 2 May 2033 - 70 days = Tuesday 22 February: Wednesday 23 February 2033.
    assert!(!kr.is_business_day(date("2033-02-23")).unwrap());
}
