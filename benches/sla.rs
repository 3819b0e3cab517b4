//! Evaluations per second of the built-in marketplace policy for typical records.
//!
//! `cargo bench --bench sla`. Each benchmark asserts its answer inside the timed loop.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use slacal::{Instant, Policy, Record, Status};

const TYPICAL: [(&str, &str); 6] = [
    ("submitted", "2026-11-16T09:00:00-08:00"),
    ("prerequisites_validated", "2026-11-16T09:05:00-08:00"),
    ("certification_passed", "2026-11-20T11:00:00-08:00"),
    ("preview_ready", "2026-11-20T11:40:00-08:00"),
    ("go_live", "2026-11-23T10:00:00-08:00"),
    ("live", "2026-11-25T16:00:00-08:00"),
];

const REPUBLISHED: [(&str, &str); 9] = [
    ("submitted", "2026-11-02T09:00:00-08:00"),
    ("prerequisites_validated", "2026-11-02T09:10:00-08:00"),
    ("certification_failed", "2026-11-10T14:00:00-08:00"),
    ("submitted", "2026-11-16T09:00:00-08:00"),
    ("prerequisites_validated", "2026-11-16T09:05:00-08:00"),
    ("certification_passed", "2026-11-20T11:00:00-08:00"),
    ("preview_ready", "2026-11-20T11:40:00-08:00"),
    ("go_live", "2026-11-23T10:00:00-08:00"),
    ("live", "2026-11-25T16:00:00-08:00"),
];

fn record(policy: &Policy, events: &[(&str, &str)]) -> Record {
    let mut record = Record::new("offer-1");
    for (row, (event, at)) in events.iter().enumerate() {
        record.push_from_row(
            policy.event(event).unwrap(),
            Instant::parse(at).unwrap(),
            row as u64 + 2,
        );
    }
    record
}

fn evaluate(c: &mut Criterion) {
    let policy = Policy::builtin("marketplace").unwrap();
    let as_of = Instant::parse("2026-12-01T00:00:00Z").unwrap();
    let mut group = c.benchmark_group("sla/evaluate/marketplace");
    group.throughput(Throughput::Elements(1));
    for (name, events, rows) in [
        ("typical", &TYPICAL[..], 5),
        ("republished", &REPUBLISHED[..], 8),
    ] {
        let record = record(&policy, events);
        let mut out = Vec::with_capacity(8);
        group.bench_function(name, |b| {
            b.iter(|| {
                policy
                    .evaluate_into(black_box(&record), black_box(as_of), &mut out)
                    .unwrap();
                assert_eq!(out.len(), rows);
                assert_eq!(out[rows - 1].status(), Status::Met);
            })
        });
    }
    // The same, from text: parsing the six instants and building the record as well.
    let ids: Vec<_> = TYPICAL
        .iter()
        .map(|(event, _)| policy.event(event).unwrap())
        .collect();
    let mut record = Record::new("offer-1");
    let mut out = Vec::with_capacity(8);
    group.bench_function("typical_from_text", |b| {
        b.iter(|| {
            record.reset("offer-1");
            for (row, ((_, at), id)) in TYPICAL.iter().zip(&ids).enumerate() {
                record.push_from_row(
                    *id,
                    policy.parse_instant(black_box(at)).unwrap(),
                    row as u64,
                );
            }
            policy.evaluate_into(&record, as_of, &mut out).unwrap();
            assert_eq!(out[4].status(), Status::Met);
        })
    });
    // A record on another calendar than the policy's default (resolved through the cache).
    let mut other = self::record(&policy, &TYPICAL);
    other.set_calendar_from_row("GB-ENG", 2).unwrap();
    group.bench_function("typical_gb_eng", |b| {
        b.iter(|| {
            policy
                .evaluate_into(black_box(&other), as_of, &mut out)
                .unwrap();
            assert_eq!(out[4].status(), Status::Met);
        })
    });
    group.finish();

    let mut group = c.benchmark_group("sla/explain/marketplace");
    group.throughput(Throughput::Elements(1));
    // One typical record's five explanations, as steps; then as the text `slacal explain`
    // prints.
    let typical = self::record(&policy, &TYPICAL);
    group.bench_function("typical", |b| {
        b.iter(|| {
            let explanations = policy.explain(black_box(&typical), as_of).unwrap();
            assert_eq!(explanations.len(), 5);
        })
    });
    let mut text = String::with_capacity(16 * 1024);
    group.bench_function("typical_text", |b| {
        b.iter(|| {
            text.clear();
            for explanation in policy.explain(black_box(&typical), as_of).unwrap() {
                writeln!(text, "{explanation}").unwrap();
            }
            assert!(text.contains("business day 15"));
        })
    });
    let republished = self::record(&policy, &REPUBLISHED);
    group.bench_function("republished", |b| {
        b.iter(|| {
            let explanations = policy.explain(black_box(&republished), as_of).unwrap();
            assert_eq!(explanations.len(), 8);
        })
    });
    group.finish();
}

criterion_group!(benches, evaluate);
criterion_main!(benches);
