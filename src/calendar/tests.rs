//! Laws of the arithmetic, checked on random calendars against a day-stepping reference.

use chrono::{Datelike, NaiveDate, Weekday, WeekdaySet};
use proptest::prelude::*;

use super::*;

/// A calendar and the same calendar as a plain list of business-day flags.
#[derive(Clone, Debug)]
struct Fixture {
    calendar: Calendar,
    first: i32,
    business: Vec<bool>,
}

impl Fixture {
    fn is_business(&self, day: i32) -> Option<bool> {
        let off = usize::try_from(day - self.first).ok()?;
        self.business.get(off).copied()
    }

    /// Day stepping: the definition of add, one day at a time.
    fn add(&self, day: i32, n: i64) -> Option<i32> {
        self.is_business(day)?;
        let mut day = day;
        if n == 0 {
            while !self.is_business(day)? {
                day += 1;
            }
            return Some(day);
        }
        let step = n.signum() as i32;
        let mut left = n.abs();
        while left > 0 {
            day += step;
            if self.is_business(day)? {
                left -= 1;
            }
        }
        Some(day)
    }

    /// Day stepping: F(b) - F(a) as a count over the days between.
    fn between(&self, a: i32, b: i32) -> Option<i64> {
        self.is_business(a)?;
        self.is_business(b)?;
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let count = (lo..hi)
            .filter(|&d| self.is_business(d) == Some(true))
            .count() as i64;
        Some(sign * count)
    }

    fn date(&self, day: i32) -> NaiveDate {
        date32::to_naive(day).unwrap()
    }
}

fn weekday_set(bits: u8) -> WeekdaySet {
    let mut set = WeekdaySet::EMPTY;
    for i in 0..7 {
        if bits >> i & 1 == 1 {
            set.insert(weekday_from_index(i));
        }
    }
    set
}

prop_compose! {
    fn fixture()(
        first_year in 1990..2005i32,
        span in 0..6i32,
        // Weekends of zero to three days, and sometimes a change of weekend.
        weekend_bits in prop::sample::select(vec![0b110_0000u8, 0b011_0000, 0b100_0000, 0, 0b111_0000, 0b000_0001]),
        change in prop::option::of((0..2000i32, prop::sample::select(vec![0b110_0000u8, 0b011_0000]))),
        holiday_offsets in prop::collection::vec(0..2200i32, 0..120),
        working_offsets in prop::collection::vec(0..2200i32, 0..20),
    ) -> Fixture {
        let last_year = first_year + span;
        let first = date32::from_civil(first_year, 1, 1);
        let last = date32::from_civil(last_year, 12, 31);
        let mut builder = Calendar::builder("TEST")
            .years(first_year, last_year)
            .weekend(weekday_set(weekend_bits));
        let mut weekends = vec![(i32::MIN, weekday_set(weekend_bits))];
        if let Some((offset, bits)) = change {
            let from = first + offset;
            builder = builder.weekend_from(date32::to_naive(from).unwrap(), weekday_set(bits));
            weekends.push((from, weekday_set(bits)));
        }
        let holidays: Vec<i32> = holiday_offsets.iter().map(|&o| first + o).filter(|&d| d <= last).collect();
        for &day in &holidays {
            builder = builder.holiday(Holiday::new(date32::to_naive(day).unwrap(), "Holiday"));
        }
        let working: Vec<i32> = working_offsets
            .iter()
            .map(|&o| first + o)
            .filter(|&d| d <= last && !holidays.contains(&d))
            .collect();
        for &day in &working {
            builder = builder.working_day(WorkingDay::new(date32::to_naive(day).unwrap(), "Working day"));
        }
        let calendar = builder.build().unwrap();
        let business = (first..=last)
            .map(|day| {
                let weekday = date32::to_naive(day).unwrap().weekday();
                let weekend = weekend_at(&weekends, day).contains(weekday);
                !holidays.contains(&day) && (working.contains(&day) || !weekend)
            })
            .collect();
        Fixture { calendar, first, business }
    }
}

/// A fixture, three days in (or just outside) its range, and a day count.
fn case() -> impl Strategy<Value = (Fixture, i32, i32, i32, i64)> {
    fixture().prop_flat_map(|f| {
        let len = f.business.len() as i32;
        let day = f.first - 3..f.first + len + 3;
        (Just(f), day.clone(), day.clone(), day, -400i64..400)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn add_agrees_with_day_stepping((f, d, _, _, n) in case()) {
        let got = f.calendar.add_business_days_date32(d, n).ok();
        prop_assert_eq!(got, f.add(d, n));
        if let Some(result) = got {
            prop_assert_eq!(f.is_business(result), Some(true));
        }
    }

    #[test]
    fn between_agrees_with_day_stepping((f, a, b, _, _) in case()) {
        prop_assert_eq!(f.calendar.business_days_between_date32(a, b).ok(), f.between(a, b));
        prop_assert_eq!(f.calendar.is_business_day(f.date(a.clamp(f.first, f.first))).ok(), f.is_business(f.first));
    }

    #[test]
    fn add_lands_on_a_business_day_and_counts_back_to_n((f, d, _, _, n) in case()) {
        if let Ok(result) = f.calendar.add_business_days_date32(d, n) {
            prop_assert!(f.calendar.data.index.is_business(result) == Some(true));
            if n > 0 && f.is_business(d) == Some(true) {
                prop_assert_eq!(f.calendar.business_days_between_date32(d, result).unwrap(), n);
                prop_assert_eq!(f.calendar.add_business_days_date32(result, -n).unwrap(), d);
            }
            if n < 0 && f.is_business(d) == Some(true) {
                prop_assert_eq!(f.calendar.add_business_days_date32(result, -n).unwrap(), d);
            }
        }
    }

    #[test]
    fn between_is_antisymmetric_and_additive((f, a, b, c, _) in case()) {
        let cal = &f.calendar;
        if let (Ok(ab), Ok(bc), Ok(ac)) = (
            cal.business_days_between_date32(a, b),
            cal.business_days_between_date32(b, c),
            cal.business_days_between_date32(a, c),
        ) {
            prop_assert_eq!(ab, -cal.business_days_between_date32(b, a).unwrap());
            prop_assert_eq!(ab + bc, ac);
        }
    }

    #[test]
    fn roll_forward_rule_rolls_then_counts((f, d, _, _, n) in case()) {
        let date = match date32::to_naive(d) { Ok(date) => date, Err(_) => return Ok(()) };
        let got = f.calendar.add_business_days_with(date, n, StartRule::RollForward).ok().map(date32::from_naive);
        let want = if n > 0 { f.add(d, 0).and_then(|r| f.add(r, n)) } else { f.add(d, n) };
        prop_assert_eq!(got, want);
    }

    #[test]
    fn adjust_agrees_with_day_stepping((f, d, _, _, _) in case()) {
        let date = match date32::to_naive(d) { Ok(date) => date, Err(_) => return Ok(()) };
        let following = || f.add(d, 0);
        let preceding = || {
            let mut day = d;
            while !f.is_business(day)? { day -= 1; }
            Some(day)
        };
        let month = |day: i32| f.date(day).month();
        let cases = [
            (Convention::Unadjusted, f.is_business(d).map(|_| d)),
            (Convention::Following, following()),
            (Convention::Preceding, preceding()),
            (Convention::ModifiedFollowing, match following() {
                Some(next) if month(next) == date.month() => Some(next),
                _ => preceding(),
            }),
            (Convention::ModifiedPreceding, match preceding() {
                Some(prev) if month(prev) == date.month() => Some(prev),
                _ => following(),
            }),
        ];
        for (convention, want) in cases {
            let got = f.calendar.adjust(date, convention).ok().map(date32::from_naive);
            prop_assert_eq!(got, want, "{:?}", convention);
        }
    }

    #[test]
    fn bulk_forms_agree_with_single_calls((f, a, b, _, n) in case()) {
        let days = [a, b, a];
        let counts = [n as i32, 0, -(n as i32)];
        let mut out = [0; 3];
        let bulk = f.calendar.add_business_days_bulk(&days, &counts, &mut out);
        let single: Result<Vec<i32>, _> = days.iter().zip(counts)
            .map(|(&d, n)| f.calendar.add_business_days_date32(d, i64::from(n)))
            .collect();
        prop_assert_eq!(bulk.is_ok(), single.is_ok());
        if let Ok(single) = single {
            prop_assert_eq!(out.to_vec(), single);
        }
        let mut counted = [0; 3];
        if f.calendar.business_days_between_bulk(&days, &[b, a, b], &mut counted).is_ok() {
            prop_assert_eq!(i64::from(counted[0]), f.between(a, b).unwrap());
        }
    }
}

#[test]
fn n_that_overflows_or_leaves_the_range_is_an_error() {
    let us = Calendar::builtin("US").unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    for n in [i64::MAX, i64::MIN, 1 << 40, -(1 << 40), 100_000, -100_000] {
        let err = us.add_business_days(date, n).unwrap_err();
        assert!(err.is_range(), "{n}: {err}");
    }
    assert_eq!(
        us.add_business_days(date, 100_000).unwrap_err().to_string(),
        "adding 100000 business days to 2026-11-20 leaves the years covered by calendar `US` (1971..=2199)"
    );
    let early = NaiveDate::from_ymd_opt(1950, 6, 1).unwrap();
    assert_eq!(
        us.is_business_day(early).unwrap_err().to_string(),
        "date `1950-06-01` is before the years covered by calendar `US` (1971..=2199)"
    );
    let ancient = NaiveDate::from_ymd_opt(1066, 10, 14).unwrap();
    assert_eq!(
        us.business_days_between(ancient, date)
            .unwrap_err()
            .to_string(),
        "date `1066-10-14` is outside the supported range 1900-01-01 ..= 2199-12-31"
    );
    let far = NaiveDate::from_ymd_opt(262_000, 1, 1).unwrap();
    assert!(us.is_business_day(far).unwrap_err().is_range());
    assert!(us.holidays_between(date, far).unwrap_err().is_range());
}

#[test]
fn calendar_with_no_business_day_answers_with_errors() {
    let all = WeekdaySet::ALL;
    let cal = Calendar::builder("CLOSED")
        .years(2000, 2000)
        .weekend(all)
        .build()
        .unwrap();
    let date = NaiveDate::from_ymd_opt(2000, 6, 1).unwrap();
    assert!(!cal.is_business_day(date).unwrap());
    assert!(cal.add_business_days(date, 0).unwrap_err().is_range());
    assert!(cal.add_business_days(date, -1).unwrap_err().is_range());
    assert_eq!(cal.business_days_between(date, date).unwrap(), 0);
    assert!(
        cal.adjust(date, Convention::ModifiedFollowing)
            .unwrap_err()
            .is_range()
    );
}

#[test]
fn builder_rejects_bad_ids_years_and_clashing_working_days() {
    let date = NaiveDate::from_ymd_opt(2020, 1, 4).unwrap();
    assert!(Calendar::builder("A+B").build().unwrap_err().is_data());
    assert!(Calendar::builder("").build().unwrap_err().is_data());
    assert!(
        Calendar::builder("X")
            .years(1899, 2000)
            .build()
            .unwrap_err()
            .is_range()
    );
    assert!(
        Calendar::builder("X")
            .years(2001, 2000)
            .build()
            .unwrap_err()
            .is_data()
    );
    let err = Calendar::builder("X")
        .holiday(Holiday::new(date, "Feast"))
        .working_day(WorkingDay::new(date, "Make-up day"))
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "calendar `X`: 2020-01-04 is declared a working day (Make-up day) and is also a holiday (Feast)"
    );
}

#[test]
fn a_weekend_change_takes_effect_on_its_date() {
    // The UAE: Friday-Saturday until 2021-12-31, Saturday-Sunday from 2022-01-01.
    let cal = Calendar::builder("AE-TEST")
        .years(2021, 2022)
        .weekend(WeekdaySet::from_array([Weekday::Fri, Weekday::Sat]))
        .weekend_from(
            NaiveDate::from_ymd_opt(2022, 1, 1).unwrap(),
            WeekdaySet::from_array([Weekday::Sat, Weekday::Sun]),
        )
        .build()
        .unwrap();
    let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert!(!cal.is_business_day(date(2021, 12, 31)).unwrap());
    assert!(cal.is_business_day(date(2021, 12, 26)).unwrap());
    assert!(cal.is_business_day(date(2022, 1, 7)).unwrap());
    assert!(!cal.is_business_day(date(2022, 1, 9)).unwrap());
    assert_eq!(
        cal.weekend_on(date(2021, 12, 31)),
        WeekdaySet::from_array([Weekday::Fri, Weekday::Sat])
    );
    assert_eq!(cal.weekend_changes().len(), 2);
}

proptest! {
    /// A cursor kept across lookups in any order finds exactly the entries of each date, as a
    /// search of the whole list does.
    #[test]
    fn issue_14_galloping_from_a_cursor_finds_each_dates_entries(
        mut dates in proptest::collection::vec(0i32..400, 0..200),
        asked in proptest::collection::vec(-5i32..405, 1..60),
        start in 0usize..250,
    ) {
        dates.sort_unstable();
        let day = |n: i32| NaiveDate::from_epoch_days(20_454 + n).unwrap();
        let items: Vec<NaiveDate> = dates.iter().map(|&n| day(n)).collect();
        let mut at = start;
        for n in asked {
            let date = day(n);
            let expected = items.partition_point(|d| *d < date)..items.partition_point(|d| *d <= date);
            prop_assert_eq!(dated_from(&items, &mut at, |d| *d, date), expected.clone());
            prop_assert_eq!(at, expected.start);
        }
    }
}
