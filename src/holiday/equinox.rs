//! The March and September equinoxes, computed from the Sun's apparent longitude.
//!
//! Japan's Vernal Equinox Day and Autumnal Equinox Day are "the day of the vernal (autumnal)
//! equinox" (春分日, 秋分日; Act on National Holidays, art. 2): the date, in Japan Standard Time,
//! of the instant the Sun's apparent geocentric ecliptic longitude, referred to the true
//! equinox of date, reaches 0° (March) or 180° (September). The Cabinet Office publishes the
//! dates a year ahead from the National Astronomical Observatory's ephemeris; this module
//! computes the same instant for any year from 1900 to 2199.
//!
//! # Method
//!
//! The method of J. Meeus, *Astronomical Algorithms* (2nd ed., 1998), chapters 22, 25 and 27:
//!
//! 1. the Earth's heliocentric ecliptic longitude from the VSOP87D theory (Bretagnon and
//!    Francou, 1988), truncated as in Meeus's appendix III, and its distance from the leading
//!    terms of the radius series;
//! 2. the Sun's geometric longitude (Earth's plus 180°), converted to the FK5 frame (−0.09033″);
//! 3. nutation in longitude (the leading terms of the IAU 1980 series) and annual aberration
//!    (−20.4898″ / R) give the apparent longitude;
//! 4. Newton's iteration on the longitude (about 58 days per radian) finds the instant in
//!    Terrestrial Time; ΔT = TT − UT converts it to Universal Time.
//!
//! ΔT is interpolated in a table of observed values (five-year steps, 1900–2025) and, after
//! 2025, extrapolated with the long-term parabola of Morrison and Stephenson (2004),
//! 32 s × ((year − 1820) / 100)², shifted to join the observed value of 2025.
//!
//! # Accuracy
//!
//! Against the full VSOP87 theory the instant in Terrestrial Time is within 20 seconds for every
//! equinox of 1900–2199, 5 seconds on average (the truncated series keep the Sun's longitude to
//! about 0.7″, and the Sun moves 1″ in 24 seconds). For past years the observed ΔT adds less than a second. For future
//! years the error is dominated by ΔT, which cannot be predicted: the extrapolation may be off
//! by about a minute around 2050, a few minutes around 2100 and up to ten minutes by 2199. A
//! date is therefore certain unless the instant falls within those margins of local midnight;
//! `holidays/jp.toml` lists the years 2028–2199 where the margin is small.

use chrono::{Days, NaiveDate};

/// One of the two equinoxes of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Equinox {
    /// The March (northern vernal) equinox: the Sun's apparent longitude is 0°.
    March,
    /// The September (northern autumnal) equinox: the Sun's apparent longitude is 180°.
    September,
}

impl Equinox {
    /// The Sun's apparent longitude at this equinox, in radians.
    fn longitude(self) -> f64 {
        match self {
            Equinox::March => 0.0,
            Equinox::September => std::f64::consts::PI,
        }
    }

    /// The month the equinox falls in.
    #[must_use]
    pub(crate) fn month(self) -> u32 {
        match self {
            Equinox::March => 3,
            Equinox::September => 9,
        }
    }
}

/// The years this module computes: those of the calendar core.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Julian Day of 2000-01-01 12:00 (J2000.0).
const J2000: f64 = 2_451_545.0;

#[cfg(test)]
/// The instant of an equinox in Universal Time (to the second), or `None` for a year outside
/// 1900..=2199.
#[must_use]
pub(crate) fn equinox_utc(year: i32, equinox: Equinox) -> Option<chrono::NaiveDateTime> {
    let jd = equinox_jd_ut(year, equinox)?;
    let seconds = ((jd - 2_440_587.5) * 86_400.0).round();
    // Within 1900..=2199 the value is a few billion seconds: exactly representable in i64.
    chrono::DateTime::<chrono::Utc>::from_timestamp(seconds as i64, 0).map(|t| t.naive_utc())
}

/// The date of an equinox in a zone `utc_offset_seconds` east of UTC (Japan Standard Time is
/// `9 * 3600`), or `None` for a year outside 1900..=2199.
#[must_use]
pub(crate) fn equinox_date(
    year: i32,
    equinox: Equinox,
    utc_offset_seconds: i32,
) -> Option<NaiveDate> {
    let jd = equinox_jd_ut(year, equinox)? + f64::from(utc_offset_seconds) / 86_400.0;
    // Julian Day 2451544.5 is 2000-01-01 at 00:00.
    let days = (jd - 2_451_544.5).floor();
    let epoch = NaiveDate::from_ymd_opt(2000, 1, 1)?;
    if days >= 0.0 {
        epoch.checked_add_days(Days::new(days as u64))
    } else {
        epoch.checked_sub_days(Days::new((-days) as u64))
    }
}

#[cfg(test)]
/// How far, in seconds, the equinox instant is from the nearest local midnight in a zone
/// `utc_offset_seconds` east of UTC: a small margin means the computed date is uncertain for
/// future years, when ΔT is not known.
#[must_use]
pub(crate) fn midnight_margin_seconds(
    year: i32,
    equinox: Equinox,
    utc_offset_seconds: i32,
) -> Option<f64> {
    let jd = equinox_jd_ut(year, equinox)? + f64::from(utc_offset_seconds) / 86_400.0;
    let day_fraction = (jd - 0.5).rem_euclid(1.0);
    Some(day_fraction.min(1.0 - day_fraction) * 86_400.0)
}

/// The equinox instant as a Julian Day in Universal Time.
fn equinox_jd_ut(year: i32, equinox: Equinox) -> Option<f64> {
    if !YEARS.contains(&year) {
        return None;
    }
    let jde = equinox_jde(year, equinox);
    Some(jde - delta_t_seconds(decimal_year(jde)) / 86_400.0)
}

/// The equinox instant as a Julian Ephemeris Day (Terrestrial Time).
fn equinox_jde(year: i32, equinox: Equinox) -> f64 {
    // Start from the 21st of the month at noon: within two days of the answer in 1900..=2199,
    // well inside the convergence of the iteration.
    let start = julian_day(year, equinox.month(), 21.5);
    let target = equinox.longitude();
    let mut jde = start;
    // Each step divides the error by about 60; eight steps reach the float precision.
    for _ in 0..8 {
        let correction = 58.0 * (target - apparent_solar_longitude(jde)).sin();
        jde += correction;
        if correction.abs() < 1e-8 {
            break;
        }
    }
    jde
}

/// The Julian Day of a Gregorian date and fractional day (Meeus, chapter 7).
fn julian_day(year: i32, month: u32, day: f64) -> f64 {
    let (y, m) = if month <= 2 {
        (f64::from(year - 1), f64::from(month + 12))
    } else {
        (f64::from(year), f64::from(month))
    };
    let a = (y / 100.0).floor();
    let b = 2.0 - a + (a / 4.0).floor();
    (365.25 * (y + 4716.0)).floor() + (30.6001 * (m + 1.0)).floor() + day + b - 1524.5
}

fn decimal_year(jde: f64) -> f64 {
    2000.0 + (jde - J2000) / 365.25
}

/// ΔT = TT − UT in seconds: observed values 1900–2025 (IERS and the Astronomical Almanac,
/// rounded to 0.1 s), then the Morrison–Stephenson parabola joined to the 2025 value.
fn delta_t_seconds(year: f64) -> f64 {
    const OBSERVED: [f64; 26] = [
        -2.7, 3.9, 10.5, 17.1, 21.2, 23.6, 24.0, 23.9, 24.3, 26.8, 29.1, 31.1, 33.2, 35.7, 40.2,
        45.5, 50.5, 54.3, 56.9, 60.8, 63.8, 64.7, 66.1, 67.6, 69.4, 69.2,
    ];
    let parabola = |y: f64| 32.0 * ((y - 1820.0) / 100.0).powi(2);
    let last_year = 1900.0 + 5.0 * (OBSERVED.len() - 1) as f64;
    if year >= last_year {
        return OBSERVED[OBSERVED.len() - 1] + parabola(year) - parabola(last_year);
    }
    let position = ((year - 1900.0) / 5.0).max(0.0);
    // `position` is in 0..25 here, so the index is in bounds.
    let index = (position.floor() as usize).min(OBSERVED.len() - 2);
    let fraction = position - index as f64;
    OBSERVED[index] + (OBSERVED[index + 1] - OBSERVED[index]) * fraction
}

/// The Sun's apparent geocentric longitude at a Julian Ephemeris Day, in radians, referred to
/// the true equinox of date.
fn apparent_solar_longitude(jde: f64) -> f64 {
    let tau = (jde - J2000) / 365_250.0;
    let t = tau * 10.0;
    let earth = series(&[L0, L1, L2, L3, L4, L5], tau);
    let radius = series(&[R0, R1, R2], tau);
    let arcsecond = std::f64::consts::PI / (180.0 * 3600.0);
    // Geometric longitude of the Sun, FK5 correction (Meeus 25.9, in longitude only).
    let sun = earth + std::f64::consts::PI - 0.09033 * arcsecond;
    let aberration = -20.4898 * arcsecond / radius;
    sun + nutation_in_longitude(t) + aberration
}

/// A VSOP87 series: Σ_k τ^k Σ_i A cos(B + C τ), with A in units of 1e-8.
fn series(terms: &[&[(f64, f64, f64)]], tau: f64) -> f64 {
    let mut total = 0.0;
    let mut power = 1.0;
    for group in terms {
        let sum: f64 = group.iter().map(|&(a, b, c)| a * (b + c * tau).cos()).sum();
        total += sum * power;
        power *= tau;
    }
    total * 1e-8
}

/// Nutation in longitude Δψ in radians, at `t` Julian centuries from J2000.0: the terms of the
/// IAU 1980 theory larger than 0.0010″ (Meeus, table 22.A), good to about 0.01″.
fn nutation_in_longitude(t: f64) -> f64 {
    // Fundamental arguments in degrees: D, M, M', F, Ω.
    let d = 297.85036 + t * (445_267.111_480 + t * (-0.001_914_2 + t / 189_474.0));
    let m = 357.52772 + t * (35_999.050_340 + t * (-0.000_160_3 - t / 300_000.0));
    let mp = 134.96298 + t * (477_198.867_398 + t * (0.008_697_2 + t / 56_250.0));
    let f = 93.27191 + t * (483_202.017_538 + t * (-0.003_682_5 + t / 327_270.0));
    let omega = 125.04452 + t * (-1_934.136_261 + t * (0.002_070_8 + t / 450_000.0));
    let arguments = [d, m, mp, f, omega];
    let mut sum = 0.0;
    for &(multipliers, a, b) in NUTATION {
        let argument: f64 = multipliers
            .iter()
            .zip(arguments)
            .map(|(&k, x)| f64::from(k) * x)
            .sum();
        sum += (a + b * t) * argument.to_radians().sin();
    }
    // The coefficients are in units of 0.0001″.
    sum * 1e-4 * std::f64::consts::PI / (180.0 * 3600.0)
}

/// Nutation in longitude: multipliers of D, M, M', F, Ω; coefficient and its rate per century
/// in 0.0001″.
type NutationTerm = ([i8; 5], f64, f64);

#[rustfmt::skip]
const NUTATION: &[NutationTerm] = &[
    ([0, 0, 0, 0, 1], -171_996.0, -174.2),
    ([-2, 0, 0, 2, 2], -13_187.0, -1.6),
    ([0, 0, 0, 2, 2], -2_274.0, -0.2),
    ([0, 0, 0, 0, 2], 2_062.0, 0.2),
    ([0, 1, 0, 0, 0], 1_426.0, -3.4),
    ([0, 0, 1, 0, 0], 712.0, 0.1),
    ([-2, 1, 0, 2, 2], -517.0, 1.2),
    ([0, 0, 0, 2, 1], -386.0, -0.4),
    ([0, 0, 1, 2, 2], -301.0, 0.0),
    ([-2, -1, 0, 2, 2], 217.0, -0.5),
    ([-2, 0, 1, 0, 0], -158.0, 0.0),
    ([-2, 0, 0, 2, 1], 129.0, 0.1),
    ([0, 0, -1, 2, 2], 123.0, 0.0),
    ([2, 0, 0, 0, 0], 63.0, 0.0),
    ([0, 0, 1, 0, 1], 63.0, 0.1),
    ([2, 0, -1, 2, 2], -59.0, 0.0),
    ([0, 0, -1, 0, 1], -58.0, -0.1),
    ([0, 0, 1, 2, 1], -51.0, 0.0),
    ([-2, 0, 2, 0, 0], 48.0, 0.0),
    ([0, 0, -2, 2, 1], 46.0, 0.0),
    ([2, 0, 0, 2, 2], -38.0, 0.0),
    ([0, 0, 2, 2, 2], -31.0, 0.0),
    ([0, 0, 2, 0, 0], 29.0, 0.0),
    ([-2, 0, 1, 2, 2], 29.0, 0.0),
    ([0, 0, 0, 2, 0], 26.0, 0.0),
    ([-2, 0, 0, 2, 0], -22.0, 0.0),
    ([0, 0, -1, 2, 1], 21.0, 0.0),
    ([0, 2, 0, 0, 0], 17.0, -0.1),
    ([2, 0, -1, 0, 1], 16.0, 0.0),
    ([-2, 2, 0, 2, 2], -16.0, 0.1),
    ([0, 1, 0, 0, 1], -15.0, 0.0),
    ([-2, 0, 1, 0, 1], -13.0, 0.0),
    ([0, -1, 0, 0, 1], -12.0, 0.0),
    ([0, 0, 2, -2, 0], 11.0, 0.0),
    ([2, 0, -1, 2, 1], -10.0, 0.0),
    ([2, 0, 1, 2, 2], -8.0, 0.0),
    ([0, 1, 0, 2, 2], 7.0, 0.0),
    ([-2, 1, 1, 0, 0], -7.0, 0.0),
    ([0, -1, 0, 2, 2], -7.0, 0.0),
    ([2, 0, 0, 2, 1], -7.0, 0.0),
    ([2, 0, 1, 0, 0], 6.0, 0.0),
    ([-2, 0, 2, 2, 2], 6.0, 0.0),
    ([-2, 0, 1, 2, 1], 6.0, 0.0),
    ([2, 0, -2, 0, 1], -6.0, 0.0),
    ([2, 0, 0, 0, 1], -6.0, 0.0),
    ([0, -1, 1, 0, 0], 5.0, 0.0),
    ([-2, -1, 0, 2, 1], -5.0, 0.0),
    ([-2, 0, 0, 0, 1], -5.0, 0.0),
    ([0, 0, 2, 2, 1], -5.0, 0.0),
];

// VSOP87D, the Earth's heliocentric longitude L and radius R, truncated as in Meeus,
// Astronomical Algorithms, appendix III: (A, B, C) with A in 1e-8 rad (1e-8 AU for R), B in
// radians, C in radians per Julian millennium.

#[rustfmt::skip]
const L0: &[(f64, f64, f64)] = &[
    (175_347_046.0, 0.0, 0.0),
    (3_341_656.0, 4.669_256_8, 6_283.075_850_0),
    (34_894.0, 4.626_10, 12_566.151_70),
    (3_497.0, 2.744_1, 5_753.384_9),
    (3_418.0, 2.828_9, 3.523_1),
    (3_136.0, 3.627_7, 77_713.771_5),
    (2_676.0, 4.418_1, 7_860.419_4),
    (2_343.0, 6.135_2, 3_930.209_7),
    (1_324.0, 0.742_5, 11_506.769_8),
    (1_273.0, 2.037_1, 529.691_0),
    (1_199.0, 1.109_6, 1_577.343_5),
    (990.0, 5.233, 5_884.927),
    (902.0, 2.045, 26.298),
    (857.0, 3.508, 398.149),
    (780.0, 1.179, 5_223.694),
    (753.0, 2.533, 5_507.553),
    (505.0, 4.583, 18_849.228),
    (492.0, 4.205, 775.523),
    (357.0, 2.920, 0.067),
    (317.0, 5.849, 11_790.629),
    (284.0, 1.899, 796.298),
    (271.0, 0.315, 10_977.079),
    (243.0, 0.345, 5_486.778),
    (206.0, 4.806, 2_544.314),
    (205.0, 1.869, 5_573.143),
    (202.0, 2.458, 6_069.777),
    (156.0, 0.833, 213.299),
    (132.0, 3.411, 2_942.463),
    (126.0, 1.083, 20.775),
    (115.0, 0.645, 0.980),
    (103.0, 0.636, 4_694.003),
    (102.0, 0.976, 15_720.839),
    (102.0, 4.267, 7.114),
    (99.0, 6.21, 2_146.17),
    (98.0, 0.68, 155.42),
    (86.0, 5.98, 161_000.69),
    (85.0, 1.30, 6_275.96),
    (85.0, 3.67, 71_430.70),
    (80.0, 1.81, 17_260.15),
    (79.0, 3.04, 12_036.46),
    (75.0, 1.76, 5_088.63),
    (74.0, 3.50, 3_154.69),
    (74.0, 4.68, 801.82),
    (70.0, 0.83, 9_437.76),
    (62.0, 3.98, 8_827.39),
    (61.0, 1.82, 7_084.90),
    (57.0, 2.78, 6_286.60),
    (56.0, 4.39, 14_143.50),
    (56.0, 3.47, 6_279.55),
    (52.0, 0.19, 12_139.55),
    (52.0, 1.33, 1_748.02),
    (51.0, 0.28, 5_856.48),
    (49.0, 0.49, 1_194.45),
    (41.0, 5.37, 8_429.24),
    (41.0, 2.40, 19_651.05),
    (39.0, 6.17, 10_447.39),
    (37.0, 6.04, 10_213.29),
    (37.0, 2.57, 1_059.38),
    (36.0, 1.71, 2_352.87),
    (36.0, 1.78, 6_812.77),
    (33.0, 0.59, 17_789.85),
    (30.0, 0.44, 83_996.85),
    (30.0, 2.74, 1_349.87),
    (25.0, 3.16, 4_690.48),
];

#[rustfmt::skip]
const L1: &[(f64, f64, f64)] = &[
    (628_331_966_747.0, 0.0, 0.0),
    (206_059.0, 2.678_235, 6_283.075_850),
    (4_303.0, 2.635_1, 12_566.151_7),
    (425.0, 1.590, 3.523),
    (119.0, 5.796, 26.298),
    (109.0, 2.966, 1_577.344),
    (93.0, 2.59, 18_849.23),
    (72.0, 1.14, 529.69),
    (68.0, 1.87, 398.15),
    (67.0, 4.41, 5_507.55),
    (59.0, 2.89, 5_223.69),
    (56.0, 2.17, 155.42),
    (45.0, 0.40, 796.30),
    (36.0, 0.47, 775.52),
    (29.0, 2.65, 7.11),
    (21.0, 5.34, 0.98),
    (19.0, 1.85, 5_486.78),
    (19.0, 4.97, 213.30),
    (17.0, 2.99, 6_275.96),
    (16.0, 0.03, 2_544.31),
    (16.0, 1.43, 2_146.17),
    (15.0, 1.21, 10_977.08),
    (12.0, 2.83, 1_748.02),
    (12.0, 3.26, 5_088.63),
    (12.0, 5.27, 1_194.45),
    (12.0, 2.08, 4_694.00),
    (11.0, 0.77, 553.57),
    (10.0, 1.30, 6_286.60),
    (10.0, 4.24, 1_349.87),
    (9.0, 2.70, 242.73),
    (9.0, 5.64, 951.72),
    (8.0, 5.30, 2_352.87),
    (6.0, 2.65, 9_437.76),
    (6.0, 4.67, 4_690.48),
];

#[rustfmt::skip]
const L2: &[(f64, f64, f64)] = &[
    (52_919.0, 0.0, 0.0),
    (8_720.0, 1.072_1, 6_283.075_8),
    (309.0, 0.867, 12_566.152),
    (27.0, 0.05, 3.52),
    (16.0, 5.19, 26.30),
    (16.0, 3.68, 155.42),
    (10.0, 0.76, 18_849.23),
    (9.0, 2.06, 77_713.77),
    (7.0, 0.83, 775.52),
    (5.0, 4.66, 1_577.34),
    (4.0, 1.03, 7.11),
    (4.0, 3.44, 5_573.14),
    (3.0, 5.14, 796.30),
    (3.0, 6.05, 5_507.55),
    (3.0, 1.19, 242.73),
    (3.0, 6.12, 529.69),
    (3.0, 0.31, 398.15),
    (3.0, 2.28, 553.57),
    (2.0, 4.38, 5_223.69),
    (2.0, 3.75, 0.98),
];

#[rustfmt::skip]
const L3: &[(f64, f64, f64)] = &[
    (289.0, 5.844, 6_283.076),
    (35.0, 0.0, 0.0),
    (17.0, 5.49, 12_566.15),
    (3.0, 5.20, 155.42),
    (1.0, 4.72, 3.52),
    (1.0, 5.30, 18_849.23),
    (1.0, 5.97, 242.73),
];

// The phase 3.142 (3.14) is the theory's published, rounded value, not an approximation of π.
#[allow(clippy::approx_constant)]
#[rustfmt::skip]
const L4: &[(f64, f64, f64)] = &[
    (114.0, 3.142, 0.0),
    (8.0, 4.13, 6_283.08),
    (1.0, 3.84, 12_566.15),
];

// The phase 3.142 (3.14) is the theory's published, rounded value, not an approximation of π.
#[allow(clippy::approx_constant)]
#[rustfmt::skip]
const L5: &[(f64, f64, f64)] = &[(1.0, 3.14, 0.0)];

// The radius enters only the aberration (20.5″ / R): its leading terms keep R to 1e-5 AU,
// 0.0002″ of longitude.
#[rustfmt::skip]
const R0: &[(f64, f64, f64)] = &[
    (100_013_989.0, 0.0, 0.0),
    (1_670_700.0, 3.098_463_5, 6_283.075_850_0),
    (13_956.0, 3.055_25, 12_566.151_70),
    (3_084.0, 5.198_5, 77_713.771_5),
    (1_628.0, 1.173_9, 5_753.384_9),
    (1_576.0, 2.846_9, 7_860.419_4),
    (925.0, 5.453, 11_506.770),
    (542.0, 4.564, 3_930.210),
    (472.0, 3.661, 5_884.927),
];

// The phase 3.142 (3.14) is the theory's published, rounded value, not an approximation of π.
#[allow(clippy::approx_constant)]
#[rustfmt::skip]
const R1: &[(f64, f64, f64)] = &[
    (103_019.0, 1.107_490, 6_283.075_850),
    (1_721.0, 1.064_4, 12_566.151_7),
    (702.0, 3.142, 0.0),
];

#[rustfmt::skip]
const R2: &[(f64, f64, f64)] = &[(4_359.0, 5.784_6, 6_283.075_8)];

#[cfg(test)]
mod tests;
