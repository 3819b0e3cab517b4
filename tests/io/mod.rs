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
    let columns: Vec<&str> = slacal::sla::OUTCOME_COLUMNS.to_vec();
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

#[test]
fn issue_9_rejects_after_a_record_left_open_are_not_held_until_the_end() {
    // One good row, then a flood of bad rows: none of them closes the record, which once held
    // every later reject in memory until the end of the input.
    let mut text = String::from("offer_id,submitted_at\noffer-1,2026-11-20T09:00:00Z\n");
    for n in 0..150_000 {
        text.push_str(&format!("bad-{n},2026-13-01T00:00:00Z\n"));
    }
    let input = Input::from_reader("flood", Cursor::new(text.clone().into_bytes())).unwrap();
    let read = input.bytes_read();
    struct Watch {
        read: std::sync::Arc<std::sync::atomic::AtomicU64>,
        first_at: Option<u64>,
        count: u64,
    }
    impl slacal::io::RejectSink for Watch {
        fn reject(&mut self, _: &Reject) -> Result<(), slacal::Error> {
            self.first_at
                .get_or_insert(self.read.load(std::sync::atomic::Ordering::Relaxed));
            self.count += 1;
            Ok(())
        }
    }
    let mut watch = Watch {
        read,
        first_at: None,
        count: 0,
    };
    let mut output = Vec::new();
    let summary = batch()
        .threads(1)
        .run(input, &mut output, &mut watch)
        .unwrap();
    assert_eq!((summary.rows_rejected, watch.count), (150_000, 150_000));
    let first_at = watch.first_at.unwrap();
    assert!(
        first_at < text.len() as u64 / 2,
        "the first reject went out after {first_at} of {} bytes",
        text.len()
    );
}

#[test]
fn issue_9_a_policy_with_many_clocks_keeps_its_output_in_order() {
    // 300 clocks: a block of offers gives more output than a worker keeps, and the rest of
    // its records are evaluated by the writer, in order.
    let mut text =
        String::from("name = \"many\"\nevents = [\"opened\", \"closed\"]\ncalendar = \"US\"\n");
    for n in 0..300 {
        text.push_str(&format!(
            "[[clock]]\nname = \"c{n}\"\nstart = \"opened\"\nstop = \"closed\"\nbudget = \"{} hours\"\n",
            n + 1
        ));
    }
    let policy = Policy::builder().parse("many.toml", &text).unwrap();
    let mut export = String::from("record_id,event,at\n");
    for n in 0..400 {
        export.push_str(&format!("r{n:04},opened,2026-11-20T09:00:00Z\n"));
        export.push_str(&format!(
            "r{n:04},closed,2026-11-20T{:02}:00:00Z\n",
            10 + n % 12
        ));
    }
    let bytes = export.into_bytes();
    let one_by_one = Batch::new(policy.clone(), as_of())
        .sorted(true)
        .block_size(7)
        .threads(1);
    let (want, _, _) = run(&one_by_one, &bytes);
    for threads in [1, 2] {
        for sorted in [true, false] {
            let batch = Batch::new(policy.clone(), as_of())
                .sorted(sorted)
                .threads(threads);
            let (got, _, summary) = run(&batch, &bytes);
            assert_eq!(summary.outcome_rows, 400 * 300);
            assert_eq!(got, want, "threads {threads}, sorted {sorted}");
        }
    }
}

/// Collects what a run hands to a program: outcomes formatted as CSV lines, and rejects.
#[derive(Default)]
struct Collect {
    rows: Vec<u8>,
    rejects: Vec<Reject>,
}

impl slacal::io::OutcomeSink for Collect {
    fn outcome(&mut self, outcome: &slacal::ClockOutcome) -> Result<(), slacal::Error> {
        OutputFormat::Csv.write_row(outcome, &mut self.rows);
        Ok(())
    }

    fn reject(&mut self, reject: &Reject) -> Result<(), slacal::Error> {
        self.rejects.push(reject.clone());
        Ok(())
    }
}

#[test]
fn issue_12_typed_outcomes_are_the_rows_of_the_results() {
    for layout in [Layout::Wide, Layout::EventLog] {
        let bytes = export(500, 13, layout, InputFormat::Csv, 0.1);
        let (csv, csv_rejects, csv_summary) = run(&batch().threads(1), &bytes);
        let (header, rows) = csv.split_once('\n').unwrap();
        assert_eq!(header, slacal::sla::OUTCOME_COLUMNS.join(","));
        for (threads, block) in [(1, 1 << 20), (2, 300), (3, 4096)] {
            let input = Input::from_reader("export", Cursor::new(bytes.clone())).unwrap();
            let mut sink = Collect::default();
            let summary = batch()
                .threads(threads)
                .block_size(block)
                .run_into(input, &mut sink)
                .unwrap();
            assert_eq!(String::from_utf8(sink.rows).unwrap(), rows, "{layout:?}");
            assert_eq!(sorted(sink.rejects), sorted(csv_rejects.clone()));
            assert_eq!(summary.output_format, None);
            assert_eq!(csv_summary.output_format, Some(OutputFormat::Csv));
            assert_eq!(summary.outcome_rows, csv_summary.outcome_rows);
            assert_eq!(summary.clocks, csv_summary.clocks);
            assert_eq!(summary.rows_rejected, csv_summary.rows_rejected);
        }
    }
}

#[test]
fn issue_12_a_shift_is_the_same_whatever_the_threads_and_blocks() {
    let mut text = String::from("date,days\n");
    for n in 0..2000u32 {
        let day = 1 + n % 28;
        let month = 1 + n % 12;
        if n % 97 == 5 {
            text.push_str("2026-02-30,3\n");
        } else {
            text.push_str(&format!(
                "2026-{month:02}-{day:02},{}\n",
                n as i64 % 61 - 30
            ));
        }
    }
    let calendar = slacal::Calendar::builtin("US").unwrap();
    let shift = |threads: usize, block: usize| {
        let input = Input::from_reader("pairs", Cursor::new(text.clone().into_bytes())).unwrap();
        let (mut output, mut rejects) = (Vec::new(), Vec::<Reject>::new());
        let summary = slacal::io::Shift::new(calendar.clone())
            .threads(threads)
            .block_size(block)
            .run(input, &mut output, &mut rejects)
            .unwrap();
        (String::from_utf8(output).unwrap(), rejects, summary)
    };
    let (want, want_rejects, summary) = shift(1, 1 << 20);
    assert_eq!(summary.rows_read, 2000);
    assert_eq!(summary.rows_rejected, want_rejects.len() as u64);
    assert_eq!(want.lines().count(), 2001);
    assert!(want.ends_with('\n'));
    for (threads, block) in [(2, 64), (3, 1000), (4, 7)] {
        let (got, rejects, _) = shift(threads, block);
        assert_eq!(got, want, "{threads} threads, blocks of {block}");
        assert_eq!(rejects, want_rejects);
    }
}

/// Issue 12: the library says what a reject is about by its kind, never by a CLI command in its
/// words; the tool adds its hint from the kind.
#[test]
fn issue_12_a_record_on_an_unknown_calendar_is_rejected_with_its_kind() {
    let log = "record_id,event,at,calendar\n\
               a,submitted,2026-11-20T09:00:00Z,UK\n\
               a,prerequisites_validated,2026-11-20T09:05:00Z,\n\
               b,submitted,2026-11-20T09:00:00Z,US\n";
    let (output, rejects, _) = run(&batch(), log.as_bytes());
    assert!(output.contains("\nb,validation,1,US,"), "{output}");
    assert_eq!(rejects.len(), 2);
    for reject in &rejects {
        assert_eq!(reject.kind, slacal::io::RejectKind::UnknownCalendar);
        assert!(
            reject.reason.starts_with("unknown calendar `UK`"),
            "{}",
            reject.reason
        );
        assert!(!reject.reason.contains("slacal"), "{}", reject.reason);
    }
}
