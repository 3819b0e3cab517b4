//! Batch runs: the library pipeline over generated exports in memory, and `slacal run` as a
//! whole process over 1,000,000 generated offers, each against a run that only reads and
//! writes (no evaluation), so that the cost of the date math shows.
//!
//! `cargo bench --bench run`. Peak memory is not something criterion measures: see
//! `benches/run_cli.sh`, which runs the same commands under `/usr/bin/time -v`.

use std::hint::black_box;
use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use slacal::io::{Batch, Generator, Input, Layout, OutcomeSink, Reject};
use slacal::{ClockOutcome, Error, Instant, Policy, Status};

const OFFERS: u64 = 100_000;
const CLI_OFFERS: u64 = 1_000_000;

fn as_of() -> Instant {
    Instant::parse("2026-11-22T12:00:00Z").expect("a valid instant")
}

fn export(offers: u64, layout: Layout, grouped: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    Generator::new(offers, 1)
        .layout(layout)
        .grouped(grouped)
        .write(&mut bytes)
        .expect("generating in memory");
    bytes
}

fn library(c: &mut Criterion) {
    let policy = Policy::builtin("marketplace").expect("the built-in policy");
    let mut group = c.benchmark_group("run/library");
    group.sample_size(10);
    group.throughput(Throughput::Elements(OFFERS));
    let wide = export(OFFERS, Layout::Wide, false);
    let events = export(OFFERS, Layout::EventLog, false);
    let grouped = export(OFFERS, Layout::EventLog, true);
    let cases: [(&str, &[u8], bool, bool); 5] = [
        ("wide/100k_offers/1_thread", &wide, false, true),
        ("wide_parse_only/100k_offers/1_thread", &wide, false, false),
        ("events/100k_offers/1_thread", &events, false, true),
        (
            "events_parse_only/100k_offers/1_thread",
            &events,
            false,
            false,
        ),
        ("events_sorted/100k_offers/1_thread", &grouped, true, true),
    ];
    for (name, bytes, sorted, evaluate) in cases {
        let batch = Batch::new(policy.clone(), as_of())
            .threads(1)
            .sorted(sorted)
            .evaluate(evaluate);
        group.bench_function(name, |b| {
            b.iter(|| {
                let input = Input::from_reader("bench", Cursor::new(black_box(bytes).to_vec()))
                    .expect("in memory");
                let mut output = Vec::with_capacity(bytes.len() * 5);
                let mut rejects: Vec<Reject> = Vec::new();
                let summary = batch
                    .run(input, &mut output, &mut rejects)
                    .expect("a valid export");
                assert_eq!(summary.rows_rejected, 0);
                assert!(summary.records_evaluated > OFFERS * 9 / 10);
                output.len()
            });
        });
    }
    // Typed results for a program: every outcome handed to a sink, none formatted.
    let batch = Batch::new(policy.clone(), as_of()).threads(1);
    group.bench_function("wide_outcomes/100k_offers/1_thread", |b| {
        b.iter(|| {
            let input = Input::from_reader("bench", Cursor::new(black_box(&wide).to_vec()))
                .expect("in memory");
            let mut sink = Counts::default();
            let summary = batch.run_into(input, &mut sink).expect("a valid export");
            assert_eq!(sink.outcomes, summary.outcome_rows);
            assert_eq!(sink.rejects, 0);
            sink.met
        });
    });
    group.finish();
}

/// Counts outcomes as a program's sink would read them.
#[derive(Default)]
struct Counts {
    outcomes: u64,
    met: u64,
    rejects: u64,
}

impl OutcomeSink for Counts {
    fn outcome(&mut self, outcome: &ClockOutcome) -> Result<(), Error> {
        self.outcomes += 1;
        self.met += u64::from(outcome.status() == Status::Met && outcome.deadline().is_some());
        Ok(())
    }

    fn reject(&mut self, _: &Reject) -> Result<(), Error> {
        self.rejects += 1;
        Ok(())
    }
}

fn cli(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let wide = dir.path().join("wide.csv");
    let events = dir.path().join("events.csv");
    for (path, layout) in [(&wide, Layout::Wide), (&events, Layout::EventLog)] {
        let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
        Generator::new(CLI_OFFERS, 1)
            .layout(layout)
            .write(&mut file)
            .expect("write the export");
    }
    let output = dir.path().join("out.csv");
    let run = |input: &Path, extra: &[&str]| {
        let status = Command::new(env!("CARGO_BIN_EXE_slacal"))
            .args([
                "run",
                "--quiet",
                "--as-of",
                "2026-11-22T12:00:00Z",
                "--input",
            ])
            .arg(input)
            .arg("--output")
            .arg(&output)
            .args(extra)
            .status()
            .expect("slacal runs");
        assert!(status.success());
    };
    let mut group = c.benchmark_group("run/cli");
    group.sample_size(10);
    group.throughput(Throughput::Elements(CLI_OFFERS));
    group.bench_function("wide/1m_offers/1_thread", |b| {
        b.iter(|| run(&wide, &["--threads", "1"]))
    });
    group.bench_function("wide_parse_only/1m_offers/1_thread", |b| {
        b.iter(|| run(&wide, &["--threads", "1", "--parse-only"]))
    });
    group.bench_function("wide/1m_offers/all_threads", |b| b.iter(|| run(&wide, &[])));
    group.bench_function("events/1m_offers/1_thread", |b| {
        b.iter(|| run(&events, &["--threads", "1"]))
    });
    group.bench_function("events_parse_only/1m_offers/1_thread", |b| {
        b.iter(|| run(&events, &["--threads", "1", "--parse-only"]))
    });
    group.finish();
}

criterion_group!(benches, library, cli);
criterion_main!(benches);
