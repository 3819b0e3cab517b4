//! The `ENGINE_BENCH` program of the business-day peer harness: times slacal's bulk add and
//! count on the harness's holiday list and inputs, next to numpy and the `bdays` crate.
//!
//! ```text
//! cargo build --release --examples
//! ENGINE_NAME=slacal \
//! ENGINE_BENCH="$PWD/target/release/examples/peer_bench --holidays {holidays} --pairs {pairs} --counts {counts} --runs {runs}" \
//! ENGINE_E2E_ADD="$PWD/target/release/slacal shift US --input {in} --output {out}" \
//! ../shared/peers/run.sh
//! ```
//!
//! It prints one `RESULT` line per workload: label, workload, median ns/op, ns/op of each run,
//! checksum (sum of (i+1)·v_i, wrapping) and the number of results that differ from a
//! day-stepping reference.
//!
//! `--only WORKLOAD` runs one workload (`add`, `count`, `add-naivedate` or
//! `build-cal-1970-2100`), so that instructions per operation can be counted where the machine
//! has no hardware counters: the difference between `--runs 11` and `--runs 1` under
//! `valgrind --tool=cachegrind --cache-sim=no`, divided by 10 runs of 1,000,000 operations.

use std::collections::HashSet;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use slacal::{Calendar, Holiday, date32};

struct Args {
    holidays: String,
    pairs: String,
    counts: String,
    runs: usize,
    label: String,
    only: Option<String>,
}

/// The workloads, in the order they run.
const WORKLOADS: [&str; 4] = ["add", "count", "add-naivedate", "build-cal-1970-2100"];

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        holidays: String::new(),
        pairs: String::new(),
        counts: String::new(),
        runs: 5,
        label: std::env::var("ENGINE_NAME").unwrap_or_else(|_| "slacal".to_owned()),
        only: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--holidays" => args.holidays = value,
            "--pairs" => args.pairs = value,
            "--counts" => args.counts = value,
            "--runs" => args.runs = value.parse().map_err(|_| format!("bad --runs `{value}`"))?,
            "--label" => args.label = value,
            "--only" => args.only = Some(value),
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if let Some(only) = &args.only
        && !WORKLOADS.contains(&only.as_str())
    {
        return Err(format!(
            "unknown workload `{only}` (one of {})",
            WORKLOADS.join(", ")
        ));
    }
    if args.holidays.is_empty() || args.pairs.is_empty() || args.counts.is_empty() {
        return Err(
            "usage: peer_bench --holidays FILE --pairs FILE --counts FILE [--runs N] [--only WORKLOAD]"
                .into(),
        );
    }
    Ok(args)
}

/// Reads a two-column CSV with a header into two columns, the first a date and the second a
/// date or an integer.
fn read_pairs(path: &str, second_is_date: bool) -> Result<(Vec<i32>, Vec<i32>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut first = Vec::new();
    let mut second = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let (a, b) = line
            .split_once(',')
            .ok_or_else(|| format!("{path}:{}: expected two fields", i + 1))?;
        first.push(date32::parse_iso(a.as_bytes()).map_err(|e| format!("{path}:{}: {e}", i + 1))?);
        second.push(if second_is_date {
            date32::parse_iso(b.as_bytes()).map_err(|e| format!("{path}:{}: {e}", i + 1))?
        } else {
            b.parse().map_err(|e| format!("{path}:{}: {e}", i + 1))?
        });
    }
    Ok((first, second))
}

fn build(holidays: &[Holiday]) -> Result<Calendar, slacal::Error> {
    Calendar::builder("PEER")
        .years(1970, 2100)
        .holidays(holidays.iter().cloned())
        .build()
}

fn checksum(values: impl Iterator<Item = i64>) -> i64 {
    values.enumerate().fold(0i64, |sum, (i, v)| {
        sum.wrapping_add((i as i64 + 1).wrapping_mul(v))
    })
}

/// Times `runs` runs of `work` after one warm-up; ns per op of each run.
fn time(runs: usize, ops: usize, mut work: impl FnMut()) -> Vec<f64> {
    work();
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_nanos() as f64 / ops as f64
        })
        .collect()
}

fn report(label: &str, workload: &str, per_run: &[f64], checksum: &str, mismatches: &str) {
    let mut sorted = per_run.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let runs: Vec<String> = per_run.iter().map(|v| format!("{v:.3}")).collect();
    println!(
        "RESULT\t{label}\t{workload}\t{median:.3}\t{}\t{checksum}\t{mismatches}",
        runs.join(",")
    );
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("peer_bench: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let text =
        std::fs::read_to_string(&args.holidays).map_err(|e| format!("{}: {e}", args.holidays))?;
    let holidays: Vec<NaiveDate> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.trim()
                .parse()
                .map_err(|e| format!("{}: `{l}`: {e}", args.holidays))
        })
        .collect::<Result<_, _>>()?;
    // The holiday list as the library takes it, made once (like numpy's prebuilt array).
    let listed: Vec<Holiday> = holidays
        .iter()
        .map(|&d| Holiday::new(d, "holiday"))
        .collect();
    let calendar = build(&listed).map_err(|e| e.to_string())?;
    let (dates, days) = read_pairs(&args.pairs, false)?;
    let (a, b) = read_pairs(&args.counts, true)?;
    let runs = args.runs.max(1);
    let wanted = |workload: &str| args.only.as_deref().is_none_or(|only| only == workload);

    // Day-stepping reference, computed once outside the timings.
    let holiday_set: HashSet<i32> = holidays.iter().map(|&d| date32::from_naive(d)).collect();
    let business = |day: i32| {
        let weekday = date32::weekday_index(day);
        weekday < 5 && !holiday_set.contains(&day)
    };
    let reference_add = |day: i32, n: i32| {
        let mut day = day;
        if n == 0 {
            while !business(day) {
                day += 1;
            }
            return day;
        }
        let mut left = n.abs();
        while left > 0 {
            day += n.signum();
            if business(day) {
                left -= 1;
            }
        }
        day
    };
    let reference_count = |a: i32, b: i32| {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        sign * (lo..hi).filter(|&d| business(d)).count() as i32
    };

    if wanted("add") {
        // add: bulk over day numbers (Arrow Date32 / datetime64[D] layout).
        let mut out = vec![0i32; dates.len()];
        let per_run = time(runs, dates.len(), || {
            calendar
                .add_business_days_bulk(black_box(&dates), black_box(&days), &mut out)
                .expect("every pair of the harness is inside 1970-2100");
            black_box(&out);
        });
        let mismatches = dates
            .iter()
            .zip(&days)
            .zip(&out)
            .filter(|&((&d, &n), &r)| reference_add(d, n) != r)
            .count();
        let sum = checksum(out.iter().map(|&v| i64::from(v)));
        report(
            &args.label,
            "add",
            &per_run,
            &sum.to_string(),
            &mismatches.to_string(),
        );
    }

    if wanted("count") {
        // count: bulk F(b) - F(a).
        let mut counts = vec![0i32; a.len()];
        let per_run = time(runs, a.len(), || {
            calendar
                .business_days_between_bulk(black_box(&a), black_box(&b), &mut counts)
                .expect("every pair of the harness is inside 1970-2100");
            black_box(&counts);
        });
        let mismatches = a
            .iter()
            .zip(&b)
            .zip(&counts)
            .filter(|&((&a, &b), &c)| reference_count(a, b) != c)
            .count();
        let sum = checksum(counts.iter().map(|&v| i64::from(v)));
        report(
            &args.label,
            "count",
            &per_run,
            &sum.to_string(),
            &mismatches.to_string(),
        );
    }

    if wanted("add-naivedate") {
        // add through the chrono API, one call per pair: what a caller with `NaiveDate`s pays.
        let naive: Vec<NaiveDate> = dates
            .iter()
            .map(|&d| date32::to_naive(d).expect("in range"))
            .collect();
        let mut naive_out = vec![NaiveDate::MIN; naive.len()];
        let per_run = time(runs, naive.len(), || {
            for ((&date, &n), out) in naive.iter().zip(&days).zip(naive_out.iter_mut()) {
                *out = calendar
                    .add_business_days(black_box(date), i64::from(n))
                    .expect("in range");
            }
            black_box(&naive_out);
        });
        let mismatches = naive_out
            .iter()
            .zip(dates.iter().zip(&days))
            .filter(|&(&r, (&d, &n))| date32::from_naive(r) != reference_add(d, n))
            .count();
        let sum = checksum(naive_out.iter().map(|d| i64::from(date32::from_naive(*d))));
        report(
            &args.label,
            "add-naivedate",
            &per_run,
            &sum.to_string(),
            &mismatches.to_string(),
        );
    }

    if wanted("build-cal-1970-2100") {
        // Calendar construction over 1970-2100 from the holiday list.
        let builds = 50;
        let per_run = time(runs, builds, || {
            for _ in 0..builds {
                black_box(build(black_box(&listed)).expect("valid"));
            }
        });
        report(&args.label, "build-cal-1970-2100", &per_run, "0", "-");
    }
    debug_assert_eq!(calendar.first_date().year(), 1970);
    Ok(())
}
