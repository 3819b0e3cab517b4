//! `AE`: the United Arab Emirates' official holidays. Expected dates from the UAE government
//! portal (https://u.ae/en/information-and-services/public-holidays-and-religious-affairs/public-holidays)
//! and the announcements of the Federal Authority for Government Human Resources and the
//! Ministry of Human Resources and Emiratisation (https://www.mohre.gov.ae/).

use super::*;

#[test]
fn issue_6_the_weekend_moved_on_2022_01_01() {
    // Friday 31 December 2021 was a weekend day (Friday-Saturday weekend); Friday 7 January
    // 2022 a working day (Saturday-Sunday weekend from 1 January 2022).
    let ae = calendar("AE");
    let info = ae.day_info(date("2021-12-31")).unwrap();
    assert!(info.weekend && !info.business, "{}", info.reason());
    assert_business_day("AE", "2022-01-07");
    assert!(!ae.is_business_day(date("2022-01-08")).unwrap());
    assert!(!ae.is_business_day(date("2022-01-09")).unwrap());
    assert_business_day("AE", "2021-12-26"); // Sunday, before the change
    assert_eq!(
        ae.add_business_days(date("2021-12-30"), 1).unwrap(),
        date("2022-01-03")
    );
    let weekends = ae.weekend_changes();
    assert_eq!(weekends.len(), 2);
    assert_eq!(weekends[1].0, date("2022-01-01"));
}

#[test]
fn the_2025_holidays() {
    // Announcements of 2025: Eid al-Fitr 30 March - 1 April; Arafat Day 5 June; Eid al-Adha
    // 6-8 June; Hijri New Year on Friday 27 June; the Prophet's Birthday on Friday 5
    // September; National Day moved to 1-2 December.
    for (day, name) in [
        ("2025-01-01", "New Year's Day"),
        ("2025-03-30", "Eid al-Fitr"),
        ("2025-04-01", "Eid al-Fitr holiday"),
        ("2025-06-05", "Arafat Day"),
        ("2025-06-06", "Eid al-Adha"),
        ("2025-06-27", "Hijri New Year"),
        ("2025-09-05", "Prophet's Birthday"),
        ("2025-12-01", "National Day"),
        ("2025-12-02", "National Day (second day)"),
    ] {
        assert_holiday("AE", day, name);
    }
    assert_business_day("AE", "2025-12-03");
    // 2024: Eid al-Fitr from 29 Ramadan (8 April) to 3 Shawwal (12 April).
    assert_holiday("AE", "2024-04-08", "Eid al-Fitr holiday");
    assert_holiday("AE", "2024-04-10", "Eid al-Fitr");
    assert_holiday("AE", "2024-04-12", "Eid al-Fitr holiday");
    // 2022: three days of mourning for Sheikh Khalifa.
    assert_holiday(
        "AE",
        "2022-05-16",
        "Mourning for Sheikh Khalifa bin Zayed Al Nahyan",
    );
}

#[test]
fn the_eid_al_fitr_holidays_of_2021_and_2026() {
    // Federal Authority for Government Human Resources, 4 May 2021: from 29 Ramadan (Tuesday
    // 11 May) to 3 Shawwal (Saturday 15 May); Eid on Thursday 13 May.
    assert_holiday("AE", "2021-05-11", "Eid al-Fitr holiday");
    assert_holiday("AE", "2021-05-13", "Eid al-Fitr");
    assert_holiday("AE", "2021-05-15", "Eid al-Fitr holiday");
    // Federal Authority for Government Human Resources and MoHRE, 23 February 2026: federal
    // offices closed from Thursday 19 to Sunday 22 March, work resuming on Monday 23 March
    // (the private sector to 21 March, extended to 22 March if Ramadan had 30 days; Eid fell
    // on Friday 20 March, after a 30-day Ramadan begun on 18 February).
    assert_holiday("AE", "2026-03-19", "Eid al-Fitr holiday");
    assert_holiday("AE", "2026-03-20", "Eid al-Fitr");
    assert_holiday("AE", "2026-03-22", "Eid al-Fitr holiday");
    assert_business_day("AE", "2026-03-23");
}

#[test]
fn estimates_use_the_tabular_islamic_calendar() {
    let err = calendar("AE")
        .is_business_day(date("2027-03-10"))
        .unwrap_err();
    assert!(
        err.to_string().contains("after 2026 are not announced yet"),
        "{err}"
    );
    let ae = calendar_with_estimates("AE");
    // 1 Shawwal 1448 in the tabular calendar: Wednesday 10 March 2027.
    let info = ae.day_info(date("2027-03-10")).unwrap();
    assert_eq!(info.reason(), "Eid al-Fitr (AE) [estimated]");
    // National Day is a rule, estimated too in a year whose holidays are not announced.
    let dec = ae
        .holidays_between(date("2027-12-02"), date("2027-12-02"))
        .unwrap();
    assert!(
        dec.iter()
            .all(|h| h.is_estimated() && h.name() == "National Day")
    );
}
