//! `IN`: closed holidays of the Central Government's administrative offices in Delhi / New
//! Delhi. Expected dates from the Department of Personnel and Training's Office Memoranda,
//! Annexure I (https://dopt.gov.in/), and its memoranda declaring 14 April a closed holiday.

use super::*;

#[test]
fn the_2024_list() {
    // DoPT O.M. of 3 July 2023, Annexure I: 17 holidays for 2024.
    for (day, name) in [
        ("2024-01-26", "Republic Day"),
        ("2024-03-25", "Holi"),
        ("2024-03-29", "Good Friday"),
        ("2024-04-11", "Id-ul-Fitr"),
        ("2024-04-17", "Ram Navami"),
        ("2024-05-23", "Buddha Purnima"),
        ("2024-06-17", "Id-ul-Zuha (Bakrid)"),
        ("2024-07-17", "Muharram"),
        ("2024-08-15", "Independence Day"),
        ("2024-08-26", "Janmashtami"),
        ("2024-09-16", "Milad-un-Nabi (Id-e-Milad)"),
        ("2024-10-02", "Mahatma Gandhi's Birthday"),
        ("2024-10-31", "Diwali (Deepavali)"),
        ("2024-11-15", "Guru Nanak's Birthday"),
        ("2024-12-25", "Christmas Day"),
    ] {
        assert_holiday("IN", day, name);
    }
    // Mahavir Jayanti (21 April) and Dussehra (12 October) fell on a weekend.
    assert!(names_on("IN", "2024-04-21").contains(&"Mahavir Jayanti".to_owned()));
    assert!(names_on("IN", "2024-10-12").contains(&"Dussehra".to_owned()));
    assert_holiday_count("IN", 2024, 17);
}

#[test]
fn the_2025_list_and_the_ambedkar_holiday() {
    // DoPT 2025: Gandhi Jayanti and Dussehra both on 2 October; 14 April declared a closed
    // holiday by the O.M. of March 2025.
    let names = names_on("IN", "2025-10-02");
    assert!(
        names.contains(&"Dussehra".to_owned())
            && names.contains(&"Mahatma Gandhi's Birthday".to_owned())
    );
    assert_holiday("IN", "2025-04-14", "Dr. B. R. Ambedkar's Birthday");
    assert_holiday("IN", "2025-02-26", "Maha Shivaratri");
    assert_holiday("IN", "2023-04-14", "Dr. B. R. Ambedkar's Birthday");
    // Muharram 2022 moved from 8 to 9 August by DoPT after the moon sighting.
    assert_holiday("IN", "2022-08-09", "Muharram");
    assert_business_day("IN", "2022-08-08");
}

/// Issue 11: DoPT's O.M. of 3 July 2025, Annexure I (holidays of 2026), and the closed
/// holiday of Tuesday 14 April 2026 for Dr. B. R. Ambedkar's Birthday.
#[test]
fn issue_11_the_2026_list() {
    for (day, name) in [
        ("2026-01-26", "Republic Day"),
        ("2026-03-04", "Holi"),
        ("2026-03-26", "Ram Navami"),
        ("2026-03-31", "Mahavir Jayanti"),
        ("2026-04-03", "Good Friday"),
        ("2026-04-14", "Dr. B. R. Ambedkar's Birthday"),
        ("2026-05-01", "Buddha Purnima"),
        ("2026-05-27", "Id-ul-Zuha (Bakrid)"),
        ("2026-06-26", "Muharram"),
        ("2026-08-26", "Milad-un-Nabi (Id-e-Milad)"),
        ("2026-09-04", "Janmashtami"),
        ("2026-10-02", "Mahatma Gandhi's Birthday"),
        ("2026-10-20", "Dussehra"),
        ("2026-11-24", "Guru Nanak's Birthday"),
        ("2026-12-25", "Christmas Day"),
    ] {
        assert_holiday("IN", day, name);
    }
    // Id-ul-Fitr (Saturday 21 March), Independence Day (Saturday 15 August) and Diwali
    // (Sunday 8 November) fall on weekends; Maha Shivaratri is not a closed holiday in 2026.
    assert!(names_on("IN", "2026-11-08").contains(&"Diwali (Deepavali)".to_owned()));
    assert!(names_on("IN", "2026-03-21").contains(&"Id-ul-Fitr".to_owned()));
    assert_business_day("IN", "2026-02-16");
    assert_holiday_count("IN", 2026, 18);
}

/// Issue 11: the estimators of `holidays/in.toml`, run over 2022-2026 and compared with the
/// DoPT lists of those years (Annexure I of each year's O.M.). The hit rates are those the
/// file documents.
#[test]
fn issue_11_the_estimators_against_the_announced_lists() {
    let hits = estimator_hits(
        "IN",
        "in.toml",
        (2022, 2026),
        &[
            "Maha Shivaratri",
            "Holi",
            "Ram Navami",
            "Mahavir Jayanti",
            "Buddha Purnima",
            "Janmashtami",
            "Dussehra",
            "Diwali (Deepavali)",
            "Guru Nanak's Birthday",
            "Id-ul-Fitr",
            "Id-ul-Zuha (Bakrid)",
            "Muharram",
            "Milad-un-Nabi (Id-e-Milad)",
        ],
    );
    let shown: Vec<String> = hits
        .iter()
        .map(|(name, hit, of)| format!("{name} {hit}/{of}"))
        .collect();
    assert_eq!(
        shown,
        [
            "Maha Shivaratri 2/2",
            "Holi 3/5",
            "Ram Navami 3/3",
            "Mahavir Jayanti 5/5",
            "Buddha Purnima 5/5",
            "Janmashtami 5/5",
            "Dussehra 4/5",
            "Diwali (Deepavali) 5/5",
            "Guru Nanak's Birthday 5/5",
            "Id-ul-Fitr 3/5",
            "Id-ul-Zuha (Bakrid) 5/5",
            "Muharram 3/5",
            "Milad-un-Nabi (Id-e-Milad) 3/5",
        ]
    );
    let total: usize = hits.iter().map(|h| h.1).sum();
    let announced: usize = hits.iter().map(|h| h.2).sum();
    assert_eq!((total, announced), (51, 60));
    // Maha Shivaratri only in the years Ram Navami falls on a weekend (2022, 2025), as DoPT
    // chose.
    let estimated = estimates_alone("in.toml", (2022, 2026));
    let shivaratri: Vec<NaiveDate> = estimated
        .holidays_between(date("2022-01-01"), date("2026-12-31"))
        .unwrap()
        .iter()
        .filter(|h| h.name() == "Maha Shivaratri")
        .map(|h| h.date())
        .collect();
    assert_eq!(shivaratri, [date("2022-03-01"), date("2025-02-26")]);
}

/// Issue 11: 2027 (no DoPT list read yet) is estimated, never silently.
#[test]
fn issue_11_2027_is_estimated() {
    let err = calendar("IN")
        .is_business_day(date("2027-03-04"))
        .unwrap_err();
    assert!(err.is_range());
    assert!(err.to_string().contains("(2022..=2026)"), "{err}");
    assert!(err.to_string().contains("Estimates::Allow"), "{err}");
    let estimated = calendar_with_estimates("IN");
    let in_2027 = estimated
        .holidays_between(date("2027-01-01"), date("2027-12-31"))
        .unwrap();
    assert!(in_2027.iter().all(|h| h.is_estimated()));
    let names: Vec<String> = in_2027
        .iter()
        .map(|h| format!("{} {}", h.date(), h.name()))
        .collect();
    // Holi 22 March and Diwali 29 October 2027 (the almanacs' dates); Maha Shivaratri is not
    // estimated, Ram Navami (Thursday 15 April) being a weekday.
    for day in [
        "2027-03-22 Holi",
        "2027-04-15 Ram Navami",
        "2027-10-29 Diwali (Deepavali)",
        "2027-04-14 Dr. B. R. Ambedkar's Birthday",
        "2027-01-26 Republic Day",
    ] {
        assert!(names.contains(&day.to_owned()), "{day}: {names:#?}");
    }
    assert!(
        !names.iter().any(|n| n.contains("Shivaratri")),
        "{names:#?}"
    );
    assert_eq!(in_2027.len(), 18, "{names:#?}");
}
