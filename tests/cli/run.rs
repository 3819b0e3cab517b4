//! run, explain, generate and policy end to end: the shipped example against golden files, and
//! the bad-input corpus of `tests/data/bad/`, each case with its expected outcome.

use std::collections::BTreeSet;

use serde::Deserialize;

use super::*;

const AS_OF: &str = "2026-11-22T12:00:00Z";

/// A run with its rejects file read back.
struct Checked {
    run: Run,
    /// The rejects: `[line, record_id, column, value, reason]`.
    rejects: Vec<[String; 5]>,
    /// The sidecar summary, when there was an output file.
    meta: Option<serde_json::Value>,
    output: String,
}

impl Checked {
    /// The reasons of the rejects of a line.
    fn reasons(&self, line: u64) -> Vec<&str> {
        self.rejects
            .iter()
            .filter(|r| r[0] == line.to_string())
            .map(|r| r[4].as_str())
            .collect()
    }

    /// The lines that have rejects.
    fn lines(&self) -> BTreeSet<u64> {
        self.rejects.iter().map(|r| r[0].parse().unwrap()).collect()
    }

    fn meta(&self, key: &str) -> u64 {
        self.meta.as_ref().unwrap()[key].as_u64().unwrap()
    }
}

/// Runs `slacal run` with an output file, a rejects file and extra arguments.
fn run_checked(input: &str, extra: &[&str]) -> Checked {
    run_checked_with(input, extra, None)
}

fn run_checked_with(input: &str, extra: &[&str], stdin: Option<&[u8]>) -> Checked {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out.csv");
    let rejects = dir.path().join("rejects.csv");
    let mut args = vec!["run", "--as-of", AS_OF, "--quiet"];
    if !input.is_empty() {
        args.extend(["--input", input]);
    }
    let (output_text, rejects_text) = (
        output.to_str().unwrap().to_owned(),
        rejects.to_str().unwrap().to_owned(),
    );
    args.extend(["--output", &output_text, "--rejects", &rejects_text]);
    args.extend(extra);
    let run = slacal_with_input(&args, stdin);
    let rejects = std::fs::read(&rejects)
        .map(|bytes| {
            let mut reader = csv::Reader::from_reader(&bytes[..]);
            assert_eq!(
                reader.headers().unwrap(),
                vec!["line", "record_id", "column", "value", "reason"]
            );
            reader
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    std::array::from_fn(|i| r[i].to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let meta = std::fs::read_to_string(dir.path().join("out.csv.meta.json"))
        .ok()
        .map(|text| serde_json::from_str(&text).unwrap());
    let output = std::fs::read_to_string(&output).unwrap_or_default();
    Checked {
        run,
        rejects,
        meta,
        output,
    }
}

fn bad(name: &str) -> String {
    data(&format!("bad/{name}"))
}

/// One output row of JSON Lines: the keys of the CSV, and nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct OutcomeRow {
    record_id: String,
    clock: String,
    attempt: u32,
    calendar: String,
    start: Option<String>,
    due_date: Option<String>,
    deadline: Option<String>,
    stop: Option<String>,
    status: String,
    elapsed: f64,
    remaining: f64,
    unit: String,
    estimated: bool,
}

#[test]
fn the_shipped_example_gives_the_golden_results_rejects_and_summary() {
    let out = slacal(&["run", "--input", "examples/offers.csv", "--as-of", AS_OF]);
    assert_eq!(out.code, 1, "rows are rejected: {}", out.stderr);
    assert_golden("run_offers.csv", &out.stdout);
    assert_golden("run_offers.stderr.txt", &out.stderr);
    let checked = run_checked("examples/offers.csv", &[]);
    assert_eq!(checked.output, out.stdout);
    let mut rejects = String::from("line,record_id,column,value,reason\n");
    for r in &checked.rejects {
        rejects.push_str(&format!("{}\n", r.join(" | ")));
    }
    assert_golden("run_offers_rejects.txt", &rejects);
    // Every row is used or rejected, and each rejected row is in the rejects file.
    let rows = std::fs::read_to_string(root().join("examples/offers.csv"))
        .unwrap()
        .lines()
        .count() as u64
        - 1;
    assert_eq!(checked.meta("rows_read"), rows);
    assert_eq!(checked.meta("rows_rejected"), checked.lines().len() as u64);
    assert_eq!(checked.meta("duplicate_events"), 1);
    let meta = checked.meta.as_ref().unwrap();
    assert_eq!(meta["policy_digest"], "sha256:20806ae52929ea84");
    let calendars: Vec<&str> = meta["calendars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(
        calendars.contains(&"JP") && calendars.contains(&"GB-ENG"),
        "{calendars:?}"
    );
    for calendar in meta["calendars"].as_array().unwrap() {
        assert!(
            calendar["data_version"]
                .as_str()
                .unwrap()
                .starts_with("sha256:")
        );
    }
}

#[test]
fn the_wide_example_gives_the_same_clocks_as_the_event_log_for_the_clean_records() {
    let wide = slacal(&[
        "run",
        "--input",
        "examples/offers_wide.csv",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(wide.code, 0, "{}", wide.stderr);
    assert_golden("run_offers_wide.csv", &wide.stdout);
    assert!(
        wide.stdout.contains(",failed,"),
        "a failed certification ends an attempt"
    );
    assert!(
        wide.stdout.contains(",publish,2,"),
        "a re-publish starts attempt 2"
    );
    let log = slacal(&["run", "--input", "examples/offers.csv", "--as-of", AS_OF]);
    // The example event log is the same offers with mistakes put in some of them.
    let spoiled: BTreeSet<&str> = [
        "offer-0000001",
        "offer-0000005",
        "offer-0000011",
        "offer-0000013",
        "offer-0000016",
        "offer-0000024",
        "offer-0000030",
    ]
    .into();
    let clean = |text: &str| -> BTreeSet<String> {
        text.lines()
            .filter(|l| !spoiled.contains(l.split(',').next().unwrap()))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(clean(&wide.stdout), clean(&log.stdout));
}

#[test]
fn explain_shows_every_clock_of_one_record_day_by_day() {
    let out = slacal(&[
        "explain",
        "offer-0000017",
        "--input",
        "examples/offers.csv",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_golden("explain_offer_17.txt", &out.stdout);
    assert!(out.stdout.contains("paused: `preview_ready`"));
    assert!(out.stdout.contains("not counted: weekend"));

    // A record with a rejected row says so, and exits 1.
    let out = slacal(&[
        "explain",
        "offer-0000013",
        "--input",
        "examples/offers.csv",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("not used: line 90"), "{}", out.stdout);

    let out = slacal(&[
        "explain",
        "offer-9999",
        "--input",
        "examples/offers.csv",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no row of record `offer-9999`"),
        "{}",
        out.stderr
    );
}

#[test]
fn results_can_be_json_lines_with_exactly_the_csv_keys() {
    let out = slacal(&[
        "run",
        "--input",
        "examples/offers_wide.csv",
        "--as-of",
        AS_OF,
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let csv = slacal(&[
        "run",
        "--input",
        "examples/offers_wide.csv",
        "--as-of",
        AS_OF,
    ]);
    let rows: Vec<OutcomeRow> = out
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(rows.len(), csv.stdout.lines().count() - 1);
    assert!(rows.iter().any(|r| r.status == "overdue"));
    // November 2026 on the example's calendars: nothing depends on an estimated year.
    assert!(rows.iter().all(|r| !r.estimated));
    assert!(
        rows.iter()
            .any(|r| r.status == "not_started" && r.start.is_none())
    );
}

#[test]
fn wrong_headers_and_missing_columns_are_usage_errors() {
    let out = run_checked(&bad("wrong_header.csv"), &[]);
    assert_eq!(out.run.code, 2);
    assert!(
        out.run
            .stderr
            .contains("the header fits neither layout (found: `id`, `when`, `what`)")
    );
    // The library says what is wrong; the tool names the flag that helps (issue 12).
    assert!(
        out.run
            .stderr
            .contains("\nslacal: hint: pass `--layout events` or `--layout wide`"),
        "{}",
        out.run.stderr
    );
    let out = run_checked(&bad("missing_columns.csv"), &[]);
    assert_eq!(out.run.code, 2);
    let out = run_checked(&bad("missing_columns.csv"), &["--layout", "events"]);
    assert_eq!(out.run.code, 2);
    assert!(
        out.run.stderr.contains("the header has no `at`"),
        "{}",
        out.run.stderr
    );
    // Event columns a wide export lacks are a warning: those events are never read.
    let out = slacal(&[
        "run",
        "--input",
        &bad("missing_event_columns.csv"),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("warning: the header has no column `certification_passed_at`")
    );
    assert!(out.stdout.contains("offer-1,validation,1,US,"));
}

#[test]
fn an_empty_input_is_an_error_and_a_header_alone_gives_no_rows() {
    let out = run_checked(&bad("empty.csv"), &[]);
    assert_eq!(out.run.code, 2);
    assert!(out.run.stderr.contains("is empty"), "{}", out.run.stderr);
    assert!(out.meta.is_none(), "nothing is written");
    let out = run_checked(&bad("header_only.csv"), &[]);
    assert_eq!(out.run.code, 0, "{}", out.run.stderr);
    assert_eq!(out.output.lines().count(), 1);
    assert_eq!(out.meta("rows_read"), 0);
}

#[test]
fn empty_and_blank_fields_are_rejected_with_their_column() {
    let out = run_checked(&bad("empty_fields.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert_eq!(out.reasons(2), ["the record id is empty"]);
    assert_eq!(out.reasons(3), ["the event is empty"]);
    assert_eq!(out.reasons(4), ["the instant is empty"]);
    assert_eq!(out.reasons(5), ["the instant is empty"]);
    assert_eq!(out.reasons(6), ["the record id is empty"]);
    // A blank calendar is no calendar: the row is used.
    assert!(out.reasons(7).is_empty());
    assert_eq!((out.meta("rows_read"), out.meta("rows_rejected")), (6, 5));
    assert!(
        out.output
            .contains("offer-1,validation,1,US,2026-11-20T09:00:00-08:00,")
    );
}

#[test]
fn bad_timestamps_are_rejected_with_the_reason() {
    let out = run_checked(&bad("bad_timestamps.csv"), &[]);
    assert_eq!(out.run.code, 1);
    let expect = [
        (3, "the date is not YYYY-MM-DD"),
        (4, "the date is not YYYY-MM-DD"),
        (5, "no such date"),
        (6, "no such date"),
        (7, "the time of day is out of range"),
        (8, "outside the supported years 1900..=2199"),
        (9, "outside the supported years 1900..=2199"),
        (10, "the date is not YYYY-MM-DD"),
        (11, "has no offset"),
        (12, "the offset is out of range"),
        (13, "the date is not YYYY-MM-DD"),
    ];
    for (line, reason) in expect {
        let reasons = out.reasons(line);
        assert_eq!(reasons.len(), 1, "line {line}");
        assert!(reasons[0].contains(reason), "line {line}: {}", reasons[0]);
        let row = out
            .rejects
            .iter()
            .find(|r| r[0] == line.to_string())
            .unwrap();
        assert_eq!((row[1].as_str(), row[2].as_str()), ("offer-1", "at"));
    }
    assert_eq!(out.meta("rows_rejected"), 11);
    assert_eq!(out.meta("records_evaluated"), 1);
}

#[test]
fn a_naive_time_is_read_in_the_policy_s_input_zone_when_it_names_one() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("local.toml");
    let builtin = slacal::Policy::builtin("marketplace").unwrap();
    let text = builtin.text().replace(
        "[input]\n",
        "[input]\ntime_zone = \"America/Los_Angeles\"\n",
    );
    std::fs::write(&policy, text).unwrap();
    let input = b"record_id,event,at\noffer-1,submitted,2026-11-20 09:00\n";
    let out = slacal_with_input(
        &[
            "run",
            "--as-of",
            AS_OF,
            "--policy",
            policy.to_str().unwrap(),
        ],
        Some(input),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("offer-1,validation,1,US,2026-11-20T09:00:00-08:00,")
    );
}

#[test]
fn unknown_events_reject_a_row_and_unknown_calendars_a_record() {
    let out = run_checked(&bad("unknown_event_calendar.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert!(out.reasons(3)[0].starts_with("unknown event `launched`"));
    for line in [4, 5] {
        assert!(
            out.reasons(line)[0].starts_with("unknown calendar `UK`"),
            "line {line}"
        );
    }
    assert!(out.output.contains("offer-1,validation"));
    assert!(!out.output.contains("offer-2"));
}

#[test]
fn exact_duplicates_count_once() {
    let out = run_checked(&bad("duplicates.csv"), &[]);
    assert_eq!(out.run.code, 0, "{}", out.run.stderr);
    assert_eq!(
        out.meta("duplicate_events"),
        2,
        "the same instant in another offset too"
    );
    assert_eq!(out.output.matches("offer-1,validation,").count(), 1);
}

#[test]
fn a_record_whose_rows_name_different_calendars_is_rejected_whole() {
    let out = run_checked(&bad("conflicting_calendars.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert_eq!(out.lines(), [2, 4, 5].into());
    for row in &out.rejects {
        assert_eq!(row[1], "offer-1");
        assert_eq!(row[2], "calendar");
        assert!(row[4].contains("lines 2 and 4 of record `offer-1` name different calendars"));
    }
    assert!(!out.output.contains("offer-1,"));
    assert!(out.output.contains("offer-2,validation,1,DE,"));
}

#[test]
fn extremely_long_fields_and_rows_are_rejected_without_reading_them_whole() {
    let out = run_checked(&bad("long_field.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert_eq!(
        out.reasons(2),
        ["the field is 5000 bytes long; at most 4096 are read"]
    );
    assert!(out.output.contains("offer-1,validation"));
    let out = run_checked(&bad("long_row.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert!(out.reasons(2)[0].starts_with("the row is 70045 bytes long; at most 65536"));
    assert!(
        out.rejects[0][3].chars().count() <= 201,
        "the value is shortened"
    );
    assert!(out.output.contains("offer-2,validation"));
}

#[test]
fn invalid_utf8_rejects_the_row_only_in_a_field_that_is_read() {
    let out = run_checked(&bad("invalid_utf8.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert_eq!(out.lines(), [2, 3].into());
    assert_eq!(out.rejects[0][3], "offer-\\xff");
    assert!(out.reasons(2)[0].contains("not valid UTF-8 (byte 0xff at offset 6)"));
    assert!(
        out.output.contains("offer-3,validation"),
        "the note column is not read"
    );
}

#[test]
fn a_truncated_last_line_is_rejected() {
    let out = run_checked(&bad("truncated.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert_eq!(out.reasons(3), ["the row has 3 fields, the header has 4"]);
    assert!(out.output.contains("offer-1,validation"));
    let out = run_checked(&bad("truncated_quote.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert_eq!(
        out.reasons(3),
        ["the input ends inside a quoted field: the last line is truncated"]
    );
    let out = run_checked(&bad("truncated.jsonl"), &[]);
    assert_eq!(out.run.code, 1);
    assert!(out.reasons(2)[0].starts_with("the last line ends early: the file is truncated"));
    assert!(out.output.contains("offer-1,validation"));
}

#[test]
fn crlf_line_ends_and_a_byte_order_mark_change_nothing() {
    let lf = run_checked(&bad("lf.csv"), &[]);
    assert_eq!(lf.run.code, 0, "{}", lf.run.stderr);
    for name in ["crlf.csv", "bom.csv", "wide.csv.gz"] {
        let other = run_checked(&bad(name), &[]);
        assert_eq!(other.run.code, 0, "{name}: {}", other.run.stderr);
        assert_eq!(other.output, lf.output, "{name}");
    }
    // Line numbers count CRLF line ends as one line each (found by the `csv_rows` fuzz target).
    let input =
        b"offer_id,submitted_at\r\nA,2026-11-20T09:00:00Z\r\n\r\nB,2026-13-20T09:00:00Z\r\n";
    let out = run_checked_with("", &[], Some(input));
    assert_eq!(out.lines(), [4].into());
    let out = run_checked(&bad("bare_cr.csv"), &[]);
    assert_eq!(out.run.code, 2);
    assert!(out.run.stderr.contains("classic Mac"), "{}", out.run.stderr);
    let out = run_checked(&bad("utf16.csv"), &[]);
    assert_eq!(out.run.code, 2);
    assert!(
        out.run.stderr.contains("the input is UTF-16"),
        "{}",
        out.run.stderr
    );
}

#[test]
fn bad_json_lines_are_rejected_one_by_one() {
    let out = run_checked(&bad("bad.jsonl"), &[]);
    assert_eq!(out.run.code, 1);
    assert!(out.reasons(2)[0].contains("expected a JSON object"));
    assert!(out.reasons(3)[0].starts_with("malformed instant `1795348800`"));
    assert_eq!(
        out.reasons(4),
        ["a list, where a single text value is expected"]
    );
    assert!(out.reasons(5)[0].starts_with("the key appears twice"));
    assert!(out.reasons(7)[0].starts_with("not a valid JSON object"));
    // A number is a fine id; keys the policy does not read are ignored.
    assert!(
        out.output.contains("\n42,validation,1,US,"),
        "{}",
        out.output
    );
    assert_eq!(out.meta("rows_read"), 7);
}

#[test]
fn a_truncated_gzip_file_stops_the_run_and_leaves_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    std::fs::write(&target, "old contents\n").unwrap();
    let out = slacal(&[
        "run",
        "--input",
        &bad("truncated.csv.gz"),
        "--as-of",
        AS_OF,
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("the file is truncated"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old contents\n");
    assert_eq!(temporary_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_broken_sorted_promise_rejects_the_rows_that_come_back() {
    let out = run_checked(&bad("sorted_broken.csv"), &["--sorted"]);
    assert_eq!(out.run.code, 1);
    assert_eq!(out.lines(), [4].into());
    assert!(out.reasons(4)[0].contains(
        "record `A` first appeared at line 2, with other records in between: `--sorted` \
         promises that a record's rows are together"
    ));
    let unsorted = run_checked(&bad("sorted_broken.csv"), &[]);
    assert_eq!(unsorted.run.code, 0);
    assert!(unsorted.output.contains("A,validation,1,US,2026-11-20T09:00:00-08:00,2026-11-20,2026-11-20T09:15:00-08:00,2026-11-20T09:10:00-08:00,met"));
}

#[test]
fn instants_outside_the_calendar_s_years_reject_their_row() {
    let out = run_checked(&bad("outside_years.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert!(out.reasons(2)[0].contains("outside the years calendar `US` covers (1971..=2199)"));
    assert!(out.reasons(4)[0].contains("outside the years calendar `IN` covers (2022..=2199)"));
    assert!(
        out.output
            .contains("offer-1,validation,1,US,2026-11-20T09:00:00-08:00")
    );
}

#[test]
fn issue_10_rejects_show_an_instant_outside_the_years_as_it_was_written() {
    // The row names the instant in UTC (and with a space); the reject shows it so, not
    // re-formatted in the calendar's zone. A streaming event log keeps the text too.
    let out = run_checked(&bad("wide_outside_years.csv"), &[]);
    assert_eq!(out.run.code, 1);
    let value = |line: &str| {
        out.rejects
            .iter()
            .filter(|r| r[0] == line)
            .map(|r| (r[2].as_str(), r[3].as_str()))
            .collect::<Vec<_>>()
    };
    assert_eq!(value("2"), [("submitted_at", "1950-11-20T17:00:00Z")]);
    assert_eq!(value("4"), [("submitted_at", "2021-11-20 09:00:00+05:30")]);
    assert_eq!(out.lines(), [2, 4].into());
    // The instant the row keeps has its fraction of a second, in the calendar's zone.
    assert!(
        out.output.contains(
            "A,validation,1,US,2026-11-20T09:00:00.5-08:00,2026-11-20,2026-11-20T09:15:00.5-08:00,"
        ),
        "{}",
        out.output
    );
    // An event log, grouped in memory, streamed with `--sorted`, and spilled to disk (issue 9)
    // and merged back: the rows of `offer-2` name `IN` on one row only, and both instants are
    // outside its years.
    let spill = tempfile::tempdir().unwrap();
    let spill_dir = spill.path().to_str().unwrap();
    let spilled = ["--memory-budget", "1", "--temp-dir", spill_dir];
    for (how, extra) in [
        ("in memory", &[][..]),
        ("sorted", &["--sorted"][..]),
        ("spilled", &spilled[..]),
    ] {
        let out = run_checked(&bad("outside_years_as_written.csv"), extra);
        let values: Vec<(&str, &str)> = out
            .rejects
            .iter()
            .map(|r| (r[0].as_str(), r[3].as_str()))
            .collect();
        assert_eq!(
            values,
            [
                ("2", "1950-11-20 17:00Z"),
                ("4", "2021-11-20T09:00:00+0530"),
                ("5", "2021-11-21t09:00:00.500+05:30"),
            ],
            "{how}"
        );
    }
    assert_eq!(
        std::fs::read_dir(spill.path()).unwrap().count(),
        0,
        "the spill is gone"
    );
}

#[test]
fn issue_10_an_id_that_comes_back_in_a_wide_export_is_rejected_naming_its_first_line() {
    // A at line 2, B at line 3, A again at line 4: the later row is not used (not evaluated
    // as a second record), by `run` and `explain` alike.
    let out = run_checked(&bad("wide_id_comes_back.csv"), &[]);
    assert_eq!(out.run.code, 1);
    assert_eq!(out.lines(), [4].into());
    assert_eq!(out.rejects[0][2], "offer_id");
    assert_eq!(
        out.reasons(4),
        [
            "record `A` first appeared at line 2, with other records in between: a wide export \
          keeps a record's rows together, so these rows are not used (put them next to its \
          first rows)"
        ]
    );
    assert_eq!(out.output.matches("\nA,validation,").count(), 1);
    assert!(
        out.output
            .contains("\nA,publish,1,US,2026-11-20T09:00:00-08:00,2026-12-07,")
    );
    let explain = slacal(&[
        "explain",
        "A",
        "--input",
        &bad("wide_id_comes_back.csv"),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(explain.code, 1, "{}", explain.stderr);
    assert!(
        explain.stdout.contains("1 row used (lines 2), 1 not used\n  not used: line 4: record `A`: column `offer_id`: value `A`: record `A` first appeared at line 2"),
        "{}",
        explain.stdout
    );
    assert!(
        explain.stdout.contains("clock `publish`, attempt 1"),
        "{}",
        explain.stdout
    );
    assert!(
        !explain.stdout.contains("ended: `live`"),
        "{}",
        explain.stdout
    );
}

#[test]
fn as_of_is_required_and_needs_an_offset() {
    let out = slacal(&["run", "--input", "examples/offers.csv"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--as-of"), "{}", out.stderr);
    let out = slacal(&[
        "run",
        "--input",
        "examples/offers.csv",
        "--as-of",
        "2026-11-22 12:00",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`--as-of`: instant `2026-11-22 12:00` has no offset")
    );
    let out = slacal(&[
        "run",
        "--input",
        "examples/offers.csv",
        "--as-of",
        AS_OF,
        "--policy",
        "nope.toml",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no policy file `nope.toml`"),
        "{}",
        out.stderr
    );
}

#[test]
fn standard_input_may_be_gzip_compressed_json_lines() {
    let generated = slacal(&[
        "generate", "--offers", "50", "--seed", "9", "--format", "events", "--jsonl",
    ]);
    assert_eq!(generated.code, 0, "{}", generated.stderr);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(generated.stdout.as_bytes()).unwrap();
    let compressed = encoder.finish().unwrap();
    let from_gzip = run_checked_with("", &[], Some(&compressed));
    assert_eq!(from_gzip.run.code, 0, "{}", from_gzip.run.stderr);
    let plain = run_checked_with("", &[], Some(generated.stdout.as_bytes()));
    assert_eq!(from_gzip.output, plain.output);
    assert_eq!(from_gzip.meta.as_ref().unwrap()["input_format"], "jsonl");
    assert_eq!(from_gzip.meta.as_ref().unwrap()["layout"], "events");
}

#[test]
fn generate_is_deterministic_and_its_mistakes_are_all_accounted_for() {
    let one = slacal(&[
        "generate",
        "--offers",
        "300",
        "--seed",
        "4",
        "--mistakes",
        "0.2",
    ]);
    let two = slacal(&[
        "generate",
        "--offers",
        "300",
        "--seed",
        "4",
        "--mistakes",
        "0.2",
    ]);
    let other = slacal(&[
        "generate",
        "--offers",
        "300",
        "--seed",
        "5",
        "--mistakes",
        "0.2",
    ]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout, two.stdout);
    assert_ne!(one.stdout, other.stdout);
    for layout in ["wide", "events"] {
        let export = slacal(&[
            "generate",
            "--offers",
            "400",
            "--seed",
            "4",
            "--mistakes",
            "0.2",
            "--format",
            layout,
        ]);
        let out = run_checked_with("", &[], Some(export.stdout.as_bytes()));
        assert_eq!(out.run.code, 1, "{layout}: {}", out.run.stderr);
        let rows = export.stdout.lines().count() as u64 - 1;
        assert_eq!(out.meta("rows_read"), rows, "{layout}");
        // Each rejected row is in the rejects file at least once.
        assert_eq!(
            out.meta("rows_rejected"),
            out.lines().len() as u64,
            "{layout}"
        );
        assert!(out.meta("records_evaluated") > 300, "{layout}");
    }
}

#[test]
fn sorted_and_unsorted_event_logs_give_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("grouped.csv");
    let out = slacal(&[
        "generate",
        "--offers",
        "500",
        "--seed",
        "8",
        "--format",
        "events",
        "--grouped",
        "--mistakes",
        "0.1",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let path = path.to_str().unwrap();
    let sorted = run_checked(path, &["--sorted"]);
    let grouped = run_checked(path, &[]);
    let one_thread = run_checked(path, &["--sorted", "--threads", "1"]);
    assert_eq!(sorted.output, grouped.output);
    assert_eq!(sorted.output, one_thread.output);
    assert_eq!(sorted.lines(), grouped.lines());
    assert_eq!(sorted.meta("rows_rejected"), grouped.meta("rows_rejected"));
}

#[test]
fn estimates_and_a_holidays_folder_reach_the_run() {
    let input = b"record_id,event,at,calendar\noffer-1,submitted,2030-02-01T09:00:00+08:00,CN\n";
    let as_of = ["--as-of", "2030-02-20T00:00:00Z"];
    let denied = slacal_with_input(&["run", as_of[0], as_of[1], "--no-estimates"], Some(input));
    assert_eq!(denied.code, 1, "{}", denied.stderr);
    assert!(
        denied
            .stderr
            .contains("outside the years calendar `CN` covers"),
        "{}",
        denied.stderr
    );
    let allowed = slacal_with_input(
        &["run", as_of[0], as_of[1], "--allow-estimates"],
        Some(input),
    );
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert!(allowed.stdout.contains("offer-1,certification,1,CN,"));
    // Allowing estimates is the default.
    let default = slacal_with_input(&["run", as_of[0], as_of[1]], Some(input));
    assert_eq!(default.code, 0, "{}", default.stderr);
    assert_eq!(default.stdout, allowed.stdout);

    let input = b"record_id,event,at,calendar\noffer-1,submitted,2026-11-20T09:00:00-06:00,ACME\n";
    let out = slacal_with_input(
        &[
            "run",
            "--as-of",
            AS_OF,
            "--holidays-dir",
            "tests/data/holidays-acme",
        ],
        Some(input),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("offer-1,validation,1,ACME,2026-11-20T09:00:00-06:00")
    );
}

#[test]
fn the_parse_only_baseline_writes_the_events_back() {
    let out = slacal(&[
        "run",
        "--input",
        "examples/offers_wide.csv",
        "--as-of",
        AS_OF,
        "--parse-only",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("record_id,event,at\noffer-0000000,submitted,")
    );
}

#[test]
fn issue_10_policy_show_names_the_start_rule_hours_cutoff_closures_and_day_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("support.toml");
    std::fs::write(
        &file,
        r#"name = "support"
events = ["opened", "answered"]
calendar = "GB-ENG"
start_rule = "roll-forward"
[calendars.GB-ENG]
cutoff = "16:00"
hours = { weekdays = ["09:00-12:30", "13:30-17:30"], fri = ["09:00-16:00"] }
day = [{ date = 2026-12-24, hours = ["09:00-13:00"], name = "Christmas Eve: early close" }]
closure = [{ date = 2026-06-10, time = "14:00-16:00", name = "all-hands meeting" }]
[calendars."*"]
hours = { weekdays = ["08:00-18:00"] }
[[clock]]
name = "first_response"
start = "opened"
stop = "answered"
budget = "4 business hours"
[[clock]]
name = "resolution"
start = "opened"
stop = "answered"
budget = "3 business days"
start_rule = "next-day"
"#,
    )
    .unwrap();
    let out = slacal(&["policy", "show", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in [
        "start rule: roll-forward (day 0 of a business-day count is the start's local date, or \
         the next business day when that is not one or the start is after the cutoff)\n",
        "calendars, as the policy runs them:\n  `GB-ENG`: time zone Europe/London; hours \
         mon-thu 09:00-12:30, 13:30-17:30; fri 09:00-16:00; sat-sun closed; cutoff 16:00\n    \
         2026-12-24: hours 09:00-13:00 (Christmas Eve: early close)\n    2026-06-10: closed \
         14:00-16:00 (all-hands meeting)\n  any other calendar: its own time zone; hours \
         mon-fri 08:00-18:00; sat-sun closed; no cutoff\n",
        "clock `resolution`\n  budget     3 business days\n  start rule next-day\n",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
    assert!(
        !out.stdout
            .contains("clock `first_response`\n  budget     4 business hours\n  start rule")
    );
    // A business-hours clock on a calendar without hours is refused when the policy loads.
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "hours = { weekdays = [\"08:00-18:00\"] }",
            "cutoff = \"17:00\"",
        ),
    )
    .unwrap();
    let out = slacal(&["policy", "check", file.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("support.toml:16:10: clock `first_response`: field `budget`: clock `first_response` counts business hours, but `[calendars.\"*\"]` (how any calendar without settings of its own runs under policy `support`) gives no `hours`"),
        "{}",
        out.stderr
    );
}

#[test]
fn policy_check_and_show() {
    let out = slacal(&["policy", "check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("policy `marketplace` (built in) is valid: 7 events, 5 clocks")
    );
    let out = slacal(&["policy", "show", "marketplace"]);
    assert_eq!(out.code, 0);
    assert_golden("policy_show_marketplace.txt", &out.stdout);
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(
        &broken,
        "name = \"x\"\nevents = [\"a\", \"b\"]\ncalendar = \"US\"\n[[clock]]\nname = \"c\"\nstart = \"a\"\nstop = \"z\"\nbudget = \"1 day\"\n",
    )
    .unwrap();
    let out = slacal(&["policy", "check", broken.to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("broken.toml:7:8: clock `c`: field `stop`: unknown event `z`"),
        "{}",
        out.stderr
    );
}

#[test]
fn issue_12_policy_help_points_at_the_format_guide() {
    let out = slacal(&["policy", "--help"]);
    let help = out.ok();
    assert!(help.contains("policies/README.md"), "{help}");
    assert!(help.contains("policies/marketplace.toml"), "{help}");
    assert!(root().join("policies/README.md").is_file());
}
