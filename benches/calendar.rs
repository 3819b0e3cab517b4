//! Calendar benchmarks: bulk add, count and business-day test over 1,000,000 random pairs
//! against a day-stepping reference, calendar construction, and `slacal shift` over a
//! 1,000,000-row CSV end to end.
//!
//! ```text
//! cargo bench --bench calendar
//! ```

use std::collections::HashSet;
use std::hint::black_box;
use std::io::Write;
use std::process::Command;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use slacal::{Calendar, Registry, date32};

const PAIRS: usize = 1_000_000;

/// A small deterministic generator (SplitMix64), so every run times the same inputs.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn range(&mut self, low: i32, high: i32) -> i32 {
        low + (self.next() % (high - low + 1) as u64) as i32
    }
}

/// Dates uniform in 2000-01-01 ..= 2060-12-31, n in -30..=30 (the peer harness's workload).
fn pairs() -> (Vec<i32>, Vec<i32>, Vec<i32>) {
    let mut rng = SplitMix(20_240_601);
    let (low, high) = (
        date32::from_civil(2000, 1, 1),
        date32::from_civil(2060, 12, 31),
    );
    let dates: Vec<i32> = (0..PAIRS).map(|_| rng.range(low, high)).collect();
    let days: Vec<i32> = (0..PAIRS).map(|_| rng.range(-30, 30)).collect();
    let ends: Vec<i32> = dates.iter().map(|&d| d + rng.range(-60, 60)).collect();
    (dates, days, ends)
}

/// Day stepping over a set of holidays: the definition, one day at a time.
struct Reference {
    holidays: HashSet<i32>,
}

impl Reference {
    fn new(calendar: &Calendar) -> Reference {
        let holidays = calendar
            .holidays()
            .iter()
            .map(|h| date32::from_naive(h.date()))
            .collect();
        Reference { holidays }
    }

    fn business(&self, day: i32) -> bool {
        date32::weekday_index(day) < 5 && !self.holidays.contains(&day)
    }

    fn add(&self, day: i32, n: i32) -> i32 {
        let mut day = day;
        if n == 0 {
            while !self.business(day) {
                day += 1;
            }
            return day;
        }
        let mut left = n.abs();
        while left > 0 {
            day += n.signum();
            if self.business(day) {
                left -= 1;
            }
        }
        day
    }

    fn between(&self, a: i32, b: i32) -> i32 {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        sign * (lo..hi).filter(|&d| self.business(d)).count() as i32
    }
}

fn arithmetic(c: &mut Criterion) {
    let us = Calendar::builtin("US").expect("built-in US");
    let reference = Reference::new(&us);
    let (dates, days, ends) = pairs();
    let want_add: Vec<i32> = dates
        .iter()
        .zip(&days)
        .map(|(&d, &n)| reference.add(d, n))
        .collect();
    let want_count: Vec<i32> = dates
        .iter()
        .zip(&ends)
        .map(|(&a, &b)| reference.between(a, b))
        .collect();
    let want_business: Vec<bool> = dates.iter().map(|&d| reference.business(d)).collect();
    // Every answer is compared with the reference inside the timed loop: one `memcmp`, about
    // 0.2 ns per element less than the checksum it replaced (a sixth of a bulk add).

    let mut group = c.benchmark_group("add_business_days");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(20);
    let mut out = vec![0i32; PAIRS];
    group.bench_function("slacal/bulk_1m", |b| {
        b.iter(|| {
            us.add_business_days_bulk(black_box(&dates), black_box(&days), &mut out)
                .expect("in range");
            assert!(out == want_add, "add differs from day stepping");
        });
    });
    group.bench_function("slacal/one_call_each_1m", |b| {
        b.iter(|| {
            for ((&d, &n), out) in dates.iter().zip(&days).zip(out.iter_mut()) {
                *out = us
                    .add_business_days_date32(black_box(d), i64::from(n))
                    .expect("in range");
            }
            assert!(out == want_add, "add differs from day stepping");
        });
    });
    group.sample_size(10);
    group.bench_function("reference_day_stepping/1m", |b| {
        b.iter(|| {
            for ((&d, &n), out) in dates.iter().zip(&days).zip(out.iter_mut()) {
                *out = reference.add(black_box(d), n);
            }
            assert!(out == want_add, "add differs from day stepping");
        });
    });
    group.finish();

    let mut group = c.benchmark_group("business_days_between");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(20);
    group.bench_function("slacal/bulk_1m", |b| {
        b.iter(|| {
            us.business_days_between_bulk(black_box(&dates), black_box(&ends), &mut out)
                .expect("in range");
            assert!(out == want_count, "count differs from day stepping");
        });
    });
    group.sample_size(10);
    group.bench_function("reference_day_stepping/1m", |b| {
        b.iter(|| {
            for ((&a, &e), out) in dates.iter().zip(&ends).zip(out.iter_mut()) {
                *out = reference.between(black_box(a), e);
            }
            assert!(out == want_count, "count differs from day stepping");
        });
    });
    group.finish();

    let mut group = c.benchmark_group("is_business_day");
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.sample_size(20);
    let mut business = vec![false; PAIRS];
    group.bench_function("slacal/bulk_1m", |b| {
        b.iter(|| {
            us.is_business_day_bulk(black_box(&dates), &mut business)
                .expect("in range");
            assert!(business == want_business, "test differs from the reference");
        });
    });
    group.finish();
}

fn construction(c: &mut Criterion) {
    let mut group = c.benchmark_group("calendar_build");
    let us = Calendar::builtin("US").expect("built-in US");
    let holidays = us.holidays().to_vec();
    group.bench_function("from_holiday_list/US_1971_2199", |b| {
        b.iter(|| {
            let cal = Calendar::builder("US-LIST")
                .years(1971, 2199)
                .holidays(black_box(holidays.iter().cloned()))
                .build()
                .expect("valid");
            assert_eq!(cal.holidays().len(), holidays.len());
        });
    });
    let text = include_str!("../holidays/us.toml").to_owned();
    for id in ["US", "GB-ENG"] {
        let gb = include_str!("../holidays/gb.toml").to_owned();
        let files = vec![
            ("holidays/us.toml".to_owned(), text.clone()),
            ("holidays/gb.toml".to_owned(), gb),
        ];
        group.bench_with_input(
            BenchmarkId::new("from_rules_uncached", id),
            &files,
            |b, files| {
                b.iter(|| {
                    let registry = Registry::from_files(files.clone()).expect("valid files");
                    let cal = registry.calendar(id).expect("known id");
                    assert!(cal.holidays().len() > 1000);
                });
            },
        );
    }
    group.finish();
}

/// `slacal shift` as a whole process over a 1,000,000-row CSV: read, parse, compute, format,
/// write.
fn shift_end_to_end(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let input = dir.path().join("pairs.csv");
    let output = dir.path().join("out.csv");
    let (dates, days, _) = pairs();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&input).expect("create input"));
    writeln!(file, "date,days").expect("write");
    for (&d, &n) in dates.iter().zip(&days) {
        let mut text = [0u8; 10];
        date32::write_iso(d, &mut text);
        file.write_all(&text).expect("write");
        writeln!(file, ",{n}").expect("write");
    }
    drop(file);

    let mut group = c.benchmark_group("shift_cli");
    group.sample_size(10);
    group.throughput(Throughput::Elements(PAIRS as u64));
    group.bench_function("US/1m_rows", |b| {
        b.iter(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_slacal"))
                .args(["shift", "US", "--input"])
                .arg(&input)
                .arg("--output")
                .arg(&output)
                .status()
                .expect("slacal runs");
            assert!(status.success());
        });
    });
    group.finish();
}

criterion_group!(benches, arithmetic, construction, shift_end_to_end);
criterion_main!(benches);
