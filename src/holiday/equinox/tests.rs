use chrono::{Datelike, NaiveDateTime};

use super::*;

const TOKYO: i32 = 9 * 3600;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The days of Vernal Equinox Day in March, 1990–2027, as the Cabinet Office announced them
/// in the Official Gazette each February for the next year (from the National Astronomical
/// Observatory of Japan's calendar, 暦要項: https://eco.mtk.nao.ac.jp/koyomi/yoko/).
const MARCH: [(i32, u32); 38] = [
    (1990, 21),
    (1991, 21),
    (1992, 20),
    (1993, 20),
    (1994, 21),
    (1995, 21),
    (1996, 20),
    (1997, 20),
    (1998, 21),
    (1999, 21),
    (2000, 20),
    (2001, 20),
    (2002, 21),
    (2003, 21),
    (2004, 20),
    (2005, 20),
    (2006, 21),
    (2007, 21),
    (2008, 20),
    (2009, 20),
    (2010, 21),
    (2011, 21),
    (2012, 20),
    (2013, 20),
    (2014, 21),
    (2015, 21),
    (2016, 20),
    (2017, 20),
    (2018, 21),
    (2019, 21),
    (2020, 20),
    (2021, 20),
    (2022, 21),
    (2023, 21),
    (2024, 20),
    (2025, 20),
    (2026, 20),
    (2027, 21),
];

/// The days of Autumnal Equinox Day in September, 1990–2027 (same source).
const SEPTEMBER: [(i32, u32); 38] = [
    (1990, 23),
    (1991, 23),
    (1992, 23),
    (1993, 23),
    (1994, 23),
    (1995, 23),
    (1996, 23),
    (1997, 23),
    (1998, 23),
    (1999, 23),
    (2000, 23),
    (2001, 23),
    (2002, 23),
    (2003, 23),
    (2004, 23),
    (2005, 23),
    (2006, 23),
    (2007, 23),
    (2008, 23),
    (2009, 23),
    (2010, 23),
    (2011, 23),
    (2012, 22),
    (2013, 23),
    (2014, 23),
    (2015, 23),
    (2016, 22),
    (2017, 23),
    (2018, 23),
    (2019, 23),
    (2020, 22),
    (2021, 23),
    (2022, 23),
    (2023, 23),
    (2024, 22),
    (2025, 23),
    (2026, 23),
    (2027, 23),
];

#[test]
fn the_published_equinox_days_of_1990_to_2027() {
    for (year, day) in MARCH {
        assert_eq!(
            equinox_date(year, Equinox::March, TOKYO),
            Some(date(year, 3, day)),
            "March {year}"
        );
    }
    for (year, day) in SEPTEMBER {
        assert_eq!(
            equinox_date(year, Equinox::September, TOKYO),
            Some(date(year, 9, day)),
            "September {year}"
        );
    }
}

#[test]
fn instants_agree_with_the_published_minutes() {
    // US Naval Observatory, "Earth's Seasons: Equinoxes, Solstices, Perihelion, and Aphelion"
    // (https://aa.usno.navy.mil/data/Earth_Seasons), times in UT to the minute.
    let published = [
        (2000, Equinox::March, "2000-03-20T07:35"),
        (2012, Equinox::September, "2012-09-22T14:49"),
        (2020, Equinox::March, "2020-03-20T03:50"),
        (2020, Equinox::September, "2020-09-22T13:31"),
        (2023, Equinox::March, "2023-03-20T21:24"),
        (2023, Equinox::September, "2023-09-23T06:50"),
        (2024, Equinox::March, "2024-03-20T03:06"),
        (2024, Equinox::September, "2024-09-22T12:44"),
        (2025, Equinox::March, "2025-03-20T09:01"),
        (2025, Equinox::September, "2025-09-22T18:19"),
        (2026, Equinox::March, "2026-03-20T14:46"),
        (2026, Equinox::September, "2026-09-23T00:05"),
    ];
    for (year, equinox, minute) in published {
        let want = NaiveDateTime::parse_from_str(minute, "%Y-%m-%dT%H:%M").unwrap();
        let got = equinox_utc(year, equinox).unwrap();
        let off = (got - want).num_seconds().abs();
        // The published minute is rounded: within 30 s, plus the method's 20 s.
        assert!(
            off <= 50,
            "{year} {equinox:?}: computed {got}, published {want}"
        );
    }
}

#[test]
fn the_sun_is_at_the_equinox_longitude_at_the_computed_instant() {
    for year in [1900, 1950, 2000, 2050, 2100, 2150, 2199] {
        for equinox in [Equinox::March, Equinox::September] {
            let jde = equinox_jde(year, equinox);
            let off = (apparent_solar_longitude(jde) - equinox.longitude())
                .sin()
                .abs();
            // 1e-9 rad is 0.0002″, a hundredth of a second of the Sun's motion.
            assert!(off < 1e-9, "{year} {equinox:?}: {off}");
        }
    }
}

#[test]
fn delta_t_follows_the_observed_values_then_grows() {
    assert!((delta_t_seconds(2000.0) - 63.8).abs() < 0.01);
    assert!((delta_t_seconds(1992.5) - 58.85).abs() < 0.01);
    assert!((delta_t_seconds(2025.0) - 69.2).abs() < 0.01);
    assert!(delta_t_seconds(2100.0) > 150.0 && delta_t_seconds(2100.0) < 250.0);
    assert!(delta_t_seconds(1899.9) < 0.0);
}

#[test]
fn near_midnight_margins() {
    // 2026: 14:45:54 UT is 23:45:54 in Tokyo, 14 minutes before midnight.
    let margin = midnight_margin_seconds(2026, Equinox::March, TOKYO).unwrap();
    assert!((margin - 14.0 * 60.0).abs() < 60.0, "{margin}");
    // The September equinox of 2074 falls a few minutes after midnight in Tokyo.
    let margin = midnight_margin_seconds(2074, Equinox::September, TOKYO).unwrap();
    assert!(margin < 300.0, "{margin}");
}

#[test]
fn years_outside_the_range_have_no_equinox() {
    assert_eq!(equinox_date(1899, Equinox::March, TOKYO), None);
    assert_eq!(equinox_date(2200, Equinox::September, TOKYO), None);
    assert_eq!(equinox_utc(i32::MIN, Equinox::March), None);
    assert_eq!(midnight_margin_seconds(i32::MAX, Equinox::March, 0), None);
    assert!(equinox_date(1900, Equinox::March, -12 * 3600).is_some());
    assert!(equinox_date(2199, Equinox::September, 14 * 3600).is_some());
}

#[test]
fn every_year_gives_a_date_in_the_equinox_month() {
    for year in 1900..=2199 {
        for (equinox, days) in [(Equinox::March, 19..=22), (Equinox::September, 21..=24)] {
            let day = equinox_date(year, equinox, TOKYO).unwrap();
            assert_eq!(day.month(), equinox.month(), "{year}");
            assert!(days.contains(&day.day()), "{year} {equinox:?}: {day}");
        }
    }
}

/// The example the documentation of `equinox_utc` gave.
#[test]
fn the_example_of_equinox_utc() {
    // USNO: September equinox 2026, 23 September 00:05 UTC.
    let instant = equinox_utc(2026, Equinox::September).unwrap();
    assert_eq!(
        instant.format("%Y-%m-%d %H:%M").to_string(),
        "2026-09-23 00:05"
    );
}

/// The example of the module documentation.
#[test]
fn the_example_of_the_module() {
    // The March equinox of 2026 is at 14:46 UTC on 20 March: 23:46 on 20 March in Tokyo.
    let tokyo = 9 * 3600;
    let day = equinox_date(2026, Equinox::March, tokyo).unwrap();
    assert_eq!(day.to_string(), "2026-03-20");
}
