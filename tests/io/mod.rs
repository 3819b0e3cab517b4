//! The batch pipeline through the library: the same answer whatever the block size, the
//! number of threads, the format or the layout.

use std::collections::BTreeSet;
use std::io::Cursor;

use slacal::io::{Batch, Generator, Input, InputFormat, Layout, OutputFormat, Reject, Summary};
use slacal::{Instant, Policy};

fn as_of() -> Instant {
    Instant::parse("2026-11-22T12:00:00Z").unwrap()
}

fn export(offers: u64, seed: u64, layout: Layout, format: InputFormat, mistakes: f64) -> Vec<u8> {
    let mut out = Vec::new();
    Generator::new(offers, seed)
        .layout(layout)
        .format(format)
        .mistakes(mistakes)
        .write(&mut out)
        .unwrap();
    out
}

fn run(batch: &Batch, bytes: &[u8]) -> (String, Vec<Reject>, Summary) {
    let input = Input::from_reader("export", Cursor::new(bytes.to_vec())).unwrap();
    let mut output = Vec::new();
    let mut rejects: Vec<Reject> = Vec::new();
    let summary = batch.run(input, &mut output, &mut rejects).unwrap();
    (String::from_utf8(output).unwrap(), rejects, summary)
}

fn batch() -> Batch {
    Batch::new(Policy::builtin("marketplace").unwrap(), as_of())
}

fn sorted(mut rejects: Vec<Reject>) -> Vec<Reject> {
    rejects.sort_by(|a, b| (a.line, &a.column, &a.reason).cmp(&(b.line, &b.column, &b.reason)));
    rejects
}

#[test]
fn block_sizes_and_threads_do_not_change_the_answer() {
    for layout in [Layout::Wide, Layout::EventLog] {
        let bytes = export(700, 11, layout, InputFormat::Csv, 0.15);
        let (want, want_rejects, want_summary) = run(&batch().threads(1), &bytes);
        assert!(want_summary.rows_rejected > 0);
        for (threads, block) in [(1, 97), (2, 1000), (3, 4096), (4, 1 << 20)] {
            let (got, rejects, summary) = run(&batch().threads(threads).block_size(block), &bytes);
            assert_eq!(
                got, want,
                "{layout:?}, {threads} threads, blocks of {block}"
            );
            assert_eq!(sorted(rejects), sorted(want_rejects.clone()));
            assert_eq!(summary, want_summary);
        }
    }
}

#[test]
fn a_grouped_event_log_gives_the_same_answer_streamed_with_any_block_size() {
    let mut bytes = Vec::new();
    Generator::new(400, 3)
        .layout(Layout::EventLog)
        .grouped(true)
        .mistakes(0.1)
        .write(&mut bytes)
        .unwrap();
    let (want, want_rejects, _) = run(&batch().threads(1), &bytes);
    for (threads, block) in [(1, 50), (2, 333), (3, 5000)] {
        let (got, rejects, _) = run(
            &batch().sorted(true).threads(threads).block_size(block),
            &bytes,
        );
        assert_eq!(got, want, "{threads} threads, blocks of {block}");
        assert_eq!(sorted(rejects), sorted(want_rejects.clone()));
    }
}

#[test]
fn csv_and_json_lines_wide_and_events_agree() {
    let rows = |layout, format| {
        let bytes = export(300, 21, layout, format, 0.0);
        let (out, rejects, summary) = run(&batch(), &bytes);
        assert!(rejects.is_empty(), "{rejects:?}");
        assert_eq!(summary.rows_rejected, 0);
        out.lines()
            .skip(1)
            .map(str::to_owned)
            .collect::<BTreeSet<_>>()
    };
    let want = rows(Layout::Wide, InputFormat::Csv);
    assert!(want.len() > 1400);
    assert_eq!(rows(Layout::Wide, InputFormat::Jsonl), want);
    // An offer with no event yet has a row in a wide export, none in an event log.
    let started: BTreeSet<&str> = want
        .iter()
        .filter(|row| !row.contains(",not_started,"))
        .map(|row| row.split(',').next().unwrap())
        .collect();
    let want: BTreeSet<String> = want
        .iter()
        .filter(|row| started.contains(row.split(',').next().unwrap()))
        .cloned()
        .collect();
    assert_eq!(rows(Layout::EventLog, InputFormat::Csv), want);
    assert_eq!(rows(Layout::EventLog, InputFormat::Jsonl), want);
}

#[test]
fn json_lines_results_hold_the_same_values_as_csv() {
    let bytes = export(50, 5, Layout::Wide, InputFormat::Csv, 0.0);
    let (csv, _, _) = run(&batch(), &bytes);
    let (jsonl, _, _) = run(&batch().output_format(OutputFormat::Jsonl), &bytes);
    let columns: Vec<&str> = slacal::OUTCOME_COLUMNS.to_vec();
    for (csv_line, json_line) in csv.lines().skip(1).zip(jsonl.lines()) {
        let object: serde_json::Value = serde_json::from_str(json_line).unwrap();
        let values: Vec<String> = columns
            .iter()
            .map(|c| match &object[c] {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect();
        assert_eq!(values.join(","), csv_line);
    }
}
