//! The Hindu lunisolar calendar, computed astronomically, for estimating festival dates.
//!
//! India's and Singapore's gazetted holidays include festivals of the Hindu calendar (Diwali,
//! Dussehra, Holi, Janmashtami…). Their dates are set each year from a panchangam (almanac);
//! this module computes the same quantities from the positions of the sun and the moon, so a
//! calendar can *estimate* the festivals of the years not announced yet. Estimates only: the
//! panchangams differ among themselves (ephemeris, place, the rule for a festival whose lunar
//! day spans two civil days), and governments choose among them.
//!
//! # The calendar
//!
//! - A **tithi** (lunar day) is the time the moon takes to gain 12° of elongation on the sun:
//!   tithi 1 (Shukla Pratipada) starts at the new moon, tithi 15 (Purnima) ends at the full
//!   moon, tithi 30 (Amavasya) ends at the next new moon. A tithi lasts 19 to 26 hours, so it
//!   can span two sunrises or none.
//! - A **month** runs from new moon to new moon (the *amanta* reckoning of South and West
//!   India, in which the festivals' months are named here), and is named after the sign of the
//!   sidereal zodiac the sun is in when it starts: the month starting with the sun in Mina
//!   (Pisces, 330°–360°) is Chaitra, then Vaishakha, Jyeshtha, Ashadha, Shravana, Bhadrapada,
//!   Ashvin, Kartika, Margashirsha, Pausha, Magha and Phalguna. A month in which the sun
//!   enters no new sign is a leap month (*adhika*); festivals are kept in the regular month of
//!   that name, never in a leap month.
//! - The sidereal longitude is the tropical one minus the Lahiri ayanamsa (the Indian
//!   Calendar Reform Committee's, used by the Indian Astronomical Ephemeris), taken here as
//!   23.853° at J2000.0 growing by 1.3969° a century (the precession of the equinoxes).
//! - A festival is a tithi of a month, kept on the civil day on which that tithi is current at
//!   a given moment of the day at a given place ([`TimeOfDay`]): at sunrise for most
//!   festivals, at noon for Ram Navami, in the afternoon for Dussehra, at sunset for Diwali and
//!   Holika Dahan, at midnight for Maha Shivaratri. When the tithi covers that moment on two
//!   days the first is taken; when it covers it on none (a tithi shorter than a day, between
//!   two such moments), the day it ends on.
//!
//! # Astronomy
//!
//! - The moon's longitude: the periodic terms of the ELP-2000/82 theory that Meeus keeps (the
//!   59 of table 47.A with a longitude coefficient) and the additive terms of Venus, Jupiter
//!   and the flattening of the Earth, as in Meeus,
//!   *Astronomical Algorithms* (2nd ed., chapter 47): about 10″, that is 20 seconds of time in
//!   the moon's motion relative to the sun; with nutation in longitude.
//! - The sun's apparent longitude and ΔT: those of [`super::lunisolar`] (about 0.0005°).
//! - Sunrise and sunset: the moment the sun's centre is 0.833° below the horizon (refraction
//!   and the sun's radius), from its right ascension and declination and the sidereal time;
//!   a minute or so from the almanacs', which use other conventions.
//!
//! A boundary of a tithi is therefore known to within a minute or two; the dates it gives
//! differ from an almanac's only when a tithi begins or ends within minutes of the moment the
//! festival looks at, and then the almanacs themselves disagree. The larger error is the
//! rule: a panchangam may apply an extra condition (Dussehra's, Holi's) that these rules do
//! not model. `holidays/in.toml` and `holidays/sg.toml` give each estimator's hit rate against
//! the announced years.

use chrono::{Datelike, NaiveDate};

use super::lunisolar::{delta_t, solar_longitude};

/// The month names, in order from Chaitra (1) to Phalguna (12).
pub(crate) const MONTHS: [&str; 12] = [
    "chaitra",
    "vaishakha",
    "jyeshtha",
    "ashadha",
    "shravana",
    "bhadrapada",
    "ashvin",
    "kartika",
    "margashirsha",
    "pausha",
    "magha",
    "phalguna",
];

/// The moment of the day at which a festival's tithi must be current.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TimeOfDay {
    /// Sunrise (udaya tithi): most festivals.
    Sunrise,
    /// The sun's transit (madhyahna): Ram Navami.
    Noon,
    /// The middle of the fourth fifth of the daytime (aparahna): Dussehra.
    Afternoon,
    /// Sunset (the start of pradosh): Diwali, Holika Dahan.
    Sunset,
    /// Twelve hours after the sun's transit (nishita): Maha Shivaratri.
    Midnight,
}

impl TimeOfDay {
    /// The moment of a name as written in holiday files: `sunrise`, `noon`, `afternoon`,
    /// `sunset` or `midnight`.
    #[must_use]
    pub(crate) fn from_name(name: &str) -> Option<TimeOfDay> {
        match name {
            "sunrise" => Some(TimeOfDay::Sunrise),
            "noon" => Some(TimeOfDay::Noon),
            "afternoon" => Some(TimeOfDay::Afternoon),
            "sunset" => Some(TimeOfDay::Sunset),
            "midnight" => Some(TimeOfDay::Midnight),
            _ => None,
        }
    }
}

/// Where a festival's day is reckoned: a place and its civil time. The coordinates are finite
/// numbers (the holiday files' loader checks them), so places compare as equal or not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Place {
    /// Degrees north (negative: south).
    pub(crate) latitude: f64,
    /// Degrees east (negative: west).
    pub(crate) longitude: f64,
    /// The civil time's offset from UTC, in seconds (India: 19 800).
    pub(crate) utc_offset_seconds: i32,
}

impl Eq for Place {}

/// A festival: a tithi of a month, kept on the civil day on which it is current at a moment
/// of the day at a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Festival {
    /// The month, 1 (Chaitra) ..= 12 (Phalguna), amanta (new moon to new moon).
    pub(crate) month: u32,
    /// The tithi, 1..=30: 1-15 the bright half (15 is Purnima, the full moon), 16-30 the
    /// dark half (30 is Amavasya, the new moon).
    pub(crate) tithi: u32,
    /// The moment of the day that decides the civil day.
    pub(crate) at: TimeOfDay,
    /// Where.
    pub(crate) place: Place,
}

fn sin_deg(x: f64) -> f64 {
    x.to_radians().sin()
}

fn cos_deg(x: f64) -> f64 {
    x.to_radians().cos()
}

/// Julian day (UT) of 2000-01-01 12:00.
const J2000: f64 = 2_451_545.0;

/// Periodic terms of the moon's longitude (Meeus, table 47.A): multiples of D, M, M', F and
/// the coefficient in 10⁻⁶ degrees.
const MOON_TERMS: [(f64, f64, f64, f64, f64); 59] = [
    (0.0, 0.0, 1.0, 0.0, 6288774.0),
    (2.0, 0.0, -1.0, 0.0, 1274027.0),
    (2.0, 0.0, 0.0, 0.0, 658314.0),
    (0.0, 0.0, 2.0, 0.0, 213618.0),
    (0.0, 1.0, 0.0, 0.0, -185116.0),
    (0.0, 0.0, 0.0, 2.0, -114332.0),
    (2.0, 0.0, -2.0, 0.0, 58793.0),
    (2.0, -1.0, -1.0, 0.0, 57066.0),
    (2.0, 0.0, 1.0, 0.0, 53322.0),
    (2.0, -1.0, 0.0, 0.0, 45758.0),
    (0.0, 1.0, -1.0, 0.0, -40923.0),
    (1.0, 0.0, 0.0, 0.0, -34720.0),
    (0.0, 1.0, 1.0, 0.0, -30383.0),
    (2.0, 0.0, 0.0, -2.0, 15327.0),
    (0.0, 0.0, 1.0, 2.0, -12528.0),
    (0.0, 0.0, 1.0, -2.0, 10980.0),
    (4.0, 0.0, -1.0, 0.0, 10675.0),
    (0.0, 0.0, 3.0, 0.0, 10034.0),
    (4.0, 0.0, -2.0, 0.0, 8548.0),
    (2.0, 1.0, -1.0, 0.0, -7888.0),
    (2.0, 1.0, 0.0, 0.0, -6766.0),
    (1.0, 0.0, -1.0, 0.0, -5163.0),
    (1.0, 1.0, 0.0, 0.0, 4987.0),
    (2.0, -1.0, 1.0, 0.0, 4036.0),
    (2.0, 0.0, 2.0, 0.0, 3994.0),
    (4.0, 0.0, 0.0, 0.0, 3861.0),
    (2.0, 0.0, -3.0, 0.0, 3665.0),
    (0.0, 1.0, -2.0, 0.0, -2689.0),
    (2.0, 0.0, -1.0, 2.0, -2602.0),
    (2.0, -1.0, -2.0, 0.0, 2390.0),
    (1.0, 0.0, 1.0, 0.0, -2348.0),
    (2.0, -2.0, 0.0, 0.0, 2236.0),
    (0.0, 1.0, 2.0, 0.0, -2120.0),
    (0.0, 2.0, 0.0, 0.0, -2069.0),
    (2.0, -2.0, -1.0, 0.0, 2048.0),
    (2.0, 0.0, 1.0, -2.0, -1773.0),
    (2.0, 0.0, 0.0, 2.0, -1595.0),
    (4.0, -1.0, -1.0, 0.0, 1215.0),
    (0.0, 0.0, 2.0, 2.0, -1110.0),
    (3.0, 0.0, -1.0, 0.0, -892.0),
    (2.0, 1.0, 1.0, 0.0, -810.0),
    (4.0, -1.0, -2.0, 0.0, 759.0),
    (0.0, 2.0, -1.0, 0.0, -713.0),
    (2.0, 2.0, -1.0, 0.0, -700.0),
    (2.0, 1.0, -2.0, 0.0, 691.0),
    (2.0, -1.0, 0.0, -2.0, 596.0),
    (4.0, 0.0, 1.0, 0.0, 549.0),
    (0.0, 0.0, 4.0, 0.0, 537.0),
    (4.0, -1.0, 0.0, 0.0, 520.0),
    (1.0, 0.0, -2.0, 0.0, -487.0),
    (2.0, 1.0, 0.0, -2.0, -399.0),
    (0.0, 0.0, 2.0, -2.0, -381.0),
    (1.0, 1.0, 1.0, 0.0, 351.0),
    (3.0, 0.0, -2.0, 0.0, -340.0),
    (4.0, 0.0, -3.0, 0.0, 330.0),
    (2.0, -1.0, 2.0, 0.0, 327.0),
    (0.0, 2.0, 1.0, 0.0, -323.0),
    (1.0, 1.0, -1.0, 0.0, 299.0),
    (2.0, 0.0, 3.0, 0.0, 294.0),
];

/// The moon's apparent geocentric ecliptic longitude, in degrees (0..360), at a moment
/// (Julian day, UT).
#[must_use]
pub(crate) fn lunar_longitude(jd: f64) -> f64 {
    let t = (jd + delta_t(jd) - J2000) / 36525.0;
    let (t2, t3, t4) = (t * t, t * t * t, t * t * t * t);
    let l = 218.3164477 + 481267.88123421 * t - 0.0015786 * t2 + t3 / 538841.0 - t4 / 65194000.0;
    let d = 297.8501921 + 445267.1114034 * t - 0.0018819 * t2 + t3 / 545868.0 - t4 / 113065000.0;
    let m = 357.5291092 + 35999.0502909 * t - 0.0001536 * t2 + t3 / 24490000.0;
    let mp = 134.9633964 + 477198.8675055 * t + 0.0087414 * t2 + t3 / 69699.0 - t4 / 14712000.0;
    let f = 93.2720950 + 483202.0175233 * t - 0.0036539 * t2 - t3 / 3526000.0 + t4 / 863310000.0;
    let e = 1.0 - 0.002516 * t - 0.0000074 * t2;
    let mut sum: f64 = MOON_TERMS
        .iter()
        .map(|&(cd, cm, cmp, cf, coefficient)| {
            coefficient * e.powi(cm.abs() as i32) * sin_deg(cd * d + cm * m + cmp * mp + cf * f)
        })
        .sum();
    // Venus (A1), Jupiter (A2) and the flattening of the Earth.
    sum += 3958.0 * sin_deg(119.75 + 131.849 * t)
        + 1962.0 * sin_deg(l - f)
        + 318.0 * sin_deg(53.09 + 479264.290 * t);
    // Nutation in longitude, as in the sun's apparent longitude.
    let a = 124.90 - 1934.134 * t + 0.002063 * t2;
    let b = 201.11 + 72001.5377 * t + 0.00057 * t2;
    let nutation = -0.004778 * sin_deg(a) - 0.0003667 * sin_deg(b);
    (l + sum / 1e6 + nutation).rem_euclid(360.0)
}

/// The Lahiri ayanamsa, in degrees, at a moment (Julian day).
fn ayanamsa(jd: f64) -> f64 {
    23.853 + 1.3969 * (jd - J2000) / 36525.0
}

/// The sign (0 = Mesha … 11 = Mina) of the sidereal zodiac the sun is in at a moment.
fn sidereal_sign(jd: f64) -> u32 {
    ((solar_longitude(jd) - ayanamsa(jd)).rem_euclid(360.0) / 30.0) as u32 % 12
}

/// The mean elongation of the moon (Meeus 47.2), unwrapped, in degrees, at a moment.
fn mean_elongation(jd: f64) -> f64 {
    297.8501921 + 445267.1114034 * (jd - J2000) / 36525.0
}

/// The moon's elongation from the sun, unwrapped: it increases by 360° each lunation and is
/// within a few degrees of the mean elongation.
fn elongation(jd: f64) -> f64 {
    let mean = mean_elongation(jd);
    let true_mod = (lunar_longitude(jd) - solar_longitude(jd)).rem_euclid(360.0);
    mean + ((true_mod - mean).rem_euclid(360.0) + 180.0).rem_euclid(360.0) - 180.0
}

/// The mean motion of the elongation, degrees a day (the true one is 10° to 15°).
const ELONGATION_RATE: f64 = 445267.1114034 / 36525.0;

/// The moment (Julian day, UT) the unwrapped elongation reaches `target` degrees.
fn elongation_reaches(target: f64) -> f64 {
    // A step with the mean rate, then secant steps: the elongation is smooth and increasing,
    // so this converges to a fraction of a second in four or five evaluations.
    let mut previous = J2000 + (target - 297.8501921) / ELONGATION_RATE;
    let mut previous_error = elongation(previous) - target;
    let mut jd = previous - previous_error / ELONGATION_RATE;
    for _ in 0..12 {
        let error = elongation(jd) - target;
        let slope = if (jd - previous).abs() > 1e-9 {
            (error - previous_error) / (jd - previous)
        } else {
            ELONGATION_RATE
        };
        // The true rate stays between 10° and 15° a day; a slope outside that is noise.
        let slope = slope.clamp(9.0, 16.0);
        let step = error / slope;
        (previous, previous_error) = (jd, error);
        jd -= step;
        if step.abs() < 1e-7 {
            break;
        }
    }
    jd
}

/// The sun's right ascension and declination, in degrees, at a moment.
fn solar_equatorial(jd: f64) -> (f64, f64) {
    let lambda = solar_longitude(jd);
    let t = (jd - J2000) / 36525.0;
    let epsilon = 23.439291 - 0.0130042 * t;
    let ra = (cos_deg(epsilon) * sin_deg(lambda))
        .atan2(cos_deg(lambda))
        .to_degrees()
        .rem_euclid(360.0);
    let dec = (sin_deg(epsilon) * sin_deg(lambda)).asin().to_degrees();
    (ra, dec)
}

/// Greenwich mean sidereal time, in degrees, at a moment.
fn sidereal_time(jd: f64) -> f64 {
    let t = (jd - J2000) / 36525.0;
    (280.46061837 + 360.98564736629 * (jd - J2000) + 0.000387933 * t * t).rem_euclid(360.0)
}

/// The moment (Julian day, UT) the sun is at an hour angle `hour_angle` (degrees; 0 is the
/// transit, negative before it) on the civil date starting at `day_start` (Julian day, UT)
/// at a place.
fn sun_at_hour_angle(day_start: f64, place: &Place, hour_angle: impl Fn(f64) -> f64) -> f64 {
    let mut jd =
        day_start + 0.5 - place.longitude / 360.0 + f64::from(place.utc_offset_seconds) / 86400.0;
    for _ in 0..5 {
        let (ra, dec) = solar_equatorial(jd);
        let now = (sidereal_time(jd) + place.longitude - ra + 180.0).rem_euclid(360.0) - 180.0;
        jd += (hour_angle(dec) - now) / 360.985_647_366_29;
    }
    jd
}

/// The hour angle (degrees) of sunrise (negative) or sunset (positive) for a declination.
fn horizon_hour_angle(latitude: f64, dec: f64, setting: bool) -> f64 {
    let cos_h =
        (sin_deg(-0.8333) - sin_deg(latitude) * sin_deg(dec)) / (cos_deg(latitude) * cos_deg(dec));
    // Polar day or night never happens at the places of these calendars; clamp anyway.
    let h = cos_h.clamp(-1.0, 1.0).acos().to_degrees();
    if setting { h } else { -h }
}

/// The moment (Julian day, UT) of `at` on the civil date whose local midnight is
/// `day_start`.
fn moment_of_day(day_start: f64, at: TimeOfDay, place: &Place) -> f64 {
    let rise = |dec| horizon_hour_angle(place.latitude, dec, false);
    let set = |dec| horizon_hour_angle(place.latitude, dec, true);
    match at {
        TimeOfDay::Sunrise => sun_at_hour_angle(day_start, place, rise),
        TimeOfDay::Sunset => sun_at_hour_angle(day_start, place, set),
        TimeOfDay::Noon => sun_at_hour_angle(day_start, place, |_| 0.0),
        TimeOfDay::Midnight => sun_at_hour_angle(day_start, place, |_| 0.0) + 0.5,
        TimeOfDay::Afternoon => {
            let sunrise = sun_at_hour_angle(day_start, place, rise);
            let sunset = sun_at_hour_angle(day_start, place, set);
            sunrise + 0.7 * (sunset - sunrise)
        }
    }
}

/// Julian day number of 2000-01-01.
const JDN_2000: i64 = 2_451_545;

fn jdn_of(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - 730_120 + JDN_2000
}

fn date_of_jdn(jdn: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - JDN_2000 + 730_120).ok()?)
}

/// The Julian day (UT) of local midnight starting the civil date `jdn` at a place.
fn local_midnight(jdn: i64, place: &Place) -> f64 {
    jdn as f64 - 0.5 - f64::from(place.utc_offset_seconds) / 86400.0
}

/// The civil date (Julian day number) of a moment at a place.
fn local_date(jd: f64, place: &Place) -> i64 {
    (jd + 0.5 + f64::from(place.utc_offset_seconds) / 86400.0).floor() as i64
}

/// The civil dates in a Gregorian year of a festival (one, or none or two in the rare years
/// where the month falls twice or not at all in the Gregorian year).
#[must_use]
pub(crate) fn festival_dates(festival: &Festival, year: i32) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return dates;
    };
    if !(1..=12).contains(&festival.month) || !(1..=30).contains(&festival.tithi) {
        return dates;
    }
    let place = &festival.place;
    // The lunations that can hold a day of the year: from the one before 1 January.
    let lunation_at = |jd: f64| (mean_elongation(jd) / 360.0).floor() as i64;
    let first = lunation_at(local_midnight(jdn_of(from), place)) - 1;
    let last = lunation_at(local_midnight(jdn_of(to) + 1, place) + 360.0 / ELONGATION_RATE);
    // The sign the sun is in at the start of the month: Chaitra starts in Mina (11).
    let sign = (festival.month + 10) % 12;
    for lunation in first..=last {
        // Cheap test first, from the mean motions: the sun's mean sidereal longitude at the
        // mean new moon is within a few degrees of the true one at the true new moon (the
        // equation of the centre is under 2°, the new moon within 15 hours of the mean).
        let mean_new_moon = J2000 + (360.0 * lunation as f64 - 297.8501921) / ELONGATION_RATE;
        let mean_sun = 280.46646 + 0.985_647_36 * (mean_new_moon - J2000);
        let from_sign =
            (mean_sun - ayanamsa(mean_new_moon) - 30.0 * f64::from(sign)).rem_euclid(360.0);
        if (35.0..355.0).contains(&from_sign) {
            continue;
        }
        // A month's name is fixed by the sun's sign at its start; in a leap month the sun
        // is still in that sign at its end.
        let start = elongation_reaches(360.0 * lunation as f64);
        if sidereal_sign(start) != sign {
            continue;
        }
        let end = elongation_reaches(360.0 * (lunation + 1) as f64);
        if sidereal_sign(end) == sign {
            continue;
        }
        let base = 360.0 * lunation as f64;
        let tithi_start = elongation_reaches(base + 12.0 * f64::from(festival.tithi - 1));
        let tithi_end = elongation_reaches(base + 12.0 * f64::from(festival.tithi));
        let first_day = local_date(tithi_start, place);
        let day = (first_day..=first_day + 2)
            .find(|&jdn| {
                let moment = moment_of_day(local_midnight(jdn, place), festival.at, place);
                (tithi_start..tithi_end).contains(&moment)
            })
            .unwrap_or_else(|| local_date(tithi_end, place));
        if let Some(date) = date_of_jdn(day).filter(|d| d.year() == year) {
            dates.push(date);
        }
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const DELHI: Place = Place {
        latitude: 28.61,
        longitude: 77.21,
        utc_offset_seconds: 19_800,
    };

    #[test]
    fn new_and_full_moons_of_known_moments() {
        // New moon 2024-04-08 18:21 UT (the total solar eclipse); full moon 2026-03-03
        // 11:38 UT (the total lunar eclipse).
        let new = elongation_reaches(360.0 * ((mean_elongation(2460409.0) / 360.0).round()));
        assert!(((new - 2460409.2646) * 1440.0).abs() < 2.0, "{new}");
        let k = (mean_elongation(2461102.0) / 360.0).floor();
        let full = elongation_reaches(360.0 * k + 180.0);
        assert!(((full - 2461102.985) * 1440.0).abs() < 3.0, "{full}");
    }

    #[test]
    fn sunrise_and_sunset_in_new_delhi() {
        // 2026-03-04: sunrise 06:43, sunset 18:24 IST (almanac values, to a minute or two).
        let day = local_midnight(jdn_of(date(2026, 3, 4)), &DELHI);
        let ist = |jd: f64| ((jd - day) * 24.0 * 60.0).round() as i64;
        let rise = ist(moment_of_day(day, TimeOfDay::Sunrise, &DELHI));
        let set = ist(moment_of_day(day, TimeOfDay::Sunset, &DELHI));
        assert!((rise - (6 * 60 + 43)).abs() <= 3, "{rise}");
        assert!((set - (18 * 60 + 24)).abs() <= 3, "{set}");
    }

    #[test]
    fn months_are_named_by_the_suns_sign_and_leap_months_skipped() {
        // 2023 had a leap Shravana (18 July - 16 August): Shravana's Krishna Ashtami
        // (Janmashtami) is in the regular month, 7 September 2023.
        let janmashtami = Festival {
            month: 5,
            tithi: 23,
            at: TimeOfDay::Sunrise,
            place: DELHI,
        };
        assert_eq!(festival_dates(&janmashtami, 2023), [date(2023, 9, 7)]);
        // Every year 1900-2199 has each festival once, or twice at most.
        for year in (1900..=2199).step_by(13) {
            let n = festival_dates(&janmashtami, year).len();
            assert!((1..=2).contains(&n), "{year}: {n}");
        }
    }

    /// The example of the module documentation.
    #[test]
    fn the_example_of_the_module() {
        use chrono::NaiveDate;

        // Diwali: the Amavasya (tithi 30) of Ashvin (month 7) current at sunset in New Delhi.
        let delhi = Place {
            latitude: 28.61,
            longitude: 77.21,
            utc_offset_seconds: 19_800,
        };
        let diwali = Festival {
            month: 7,
            tithi: 30,
            at: TimeOfDay::Sunset,
            place: delhi,
        };
        assert_eq!(
            festival_dates(&diwali, 2025),
            [NaiveDate::from_ymd_opt(2025, 10, 20).unwrap()]
        );
    }
}
