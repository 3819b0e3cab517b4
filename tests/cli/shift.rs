//! shift: streamed bulk addition over a CSV, with bad rows reported and kept.

use super::*;

#[test]
fn shift_keeps_every_row_and_reports_bad_ones_by_line() {
    let out = slacal(&["shift", "US", "--input", &data("pairs.csv")]);
    assert_eq!(out.code, 1, "some rows are bad: {}", out.stderr);
    assert_golden("shift_us_pairs.csv", &out.stdout);
    assert_golden("shift_us_pairs.stderr.txt", &out.stderr);
    let input_rows = std::fs::read_to_string(root().join(data("pairs.csv")))
        .unwrap()
        .lines()
        .count();
    assert_eq!(
        out.stdout.lines().count(),
        input_rows,
        "one output row per input row"
    );
}

#[test]
fn shift_reads_standard_input_and_writes_standard_output() {
    let input = b"date,days\n2026-11-20,15\n2026-11-25,1\n";
    let out = slacal_with_input(&["shift", "US"], Some(input));
    assert_eq!(
        out.ok(),
        "date,days,result\n2026-11-20,15,2026-12-14\n2026-11-25,1,2026-11-27\n"
    );
}

#[test]
fn shift_handles_crlf_a_bom_extra_columns_and_a_missing_last_newline() {
    let out = slacal(&["shift", "US", "--input", &data("pairs_crlf_truncated.csv")]);
    assert_eq!(
        out.ok(),
        "date,days,result\n2026-11-20,15,2026-12-14\n2026-11-25,1,2026-11-27\n2026-12-24,-2,2026-12-22\n"
    );
    let input = "\u{feff}id,days,date,note\n7,2,2026-12-24,\"gift, wrapped\"\n";
    let out = slacal_with_input(&["shift", "US"], Some(input.as_bytes()));
    assert_eq!(
        out.ok(),
        "id,days,date,note,result\n7,2,2026-12-24,\"gift, wrapped\",2026-12-29\n"
    );
}

#[test]
fn shift_writes_its_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    std::fs::write(&target, "old contents\n").unwrap();
    let target_text = target.to_str().unwrap();
    let out = slacal(&[
        "shift",
        "US",
        "--input",
        &data("pairs_crlf_truncated.csv"),
        "--output",
        target_text,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("date,days,result\n")
    );
    assert!(
        temporary_files(dir.path()).is_empty(),
        "no temporary file left"
    );

    // A run that fails before writing leaves the old file alone.
    std::fs::write(&target, "old contents\n").unwrap();
    let out = slacal_with_input(
        &["shift", "US", "--output", target_text],
        Some(b"when,n\n1,2\n"),
    );
    assert_eq!(out.code, 2);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old contents\n");
    assert!(temporary_files(dir.path()).is_empty());
}

#[test]
fn shift_rejects_inputs_without_the_columns_or_without_a_header() {
    let out = slacal_with_input(&["shift", "US"], Some(b""));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("standard input is empty"),
        "{}",
        out.stderr
    );
    let out = slacal_with_input(&["shift", "US"], Some(b"2026-11-20,15\n"));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("has no column `date`"),
        "{}",
        out.stderr
    );
    let out = slacal(&["shift", "US", "--input", "tests/data/missing.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("opening `tests/data/missing.csv`"),
        "{}",
        out.stderr
    );
}

#[test]
fn shift_survives_invalid_utf8_and_odd_bytes() {
    let input = b"date,days\n\xff\xfe,1\n2026-11-20,\x00\n2026-11-20,1\n";
    let out = slacal_with_input(&["shift", "US"], Some(input));
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.ends_with("2026-11-20,1,2026-11-23\n"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("line 2"), "{}", out.stderr);
    assert!(out.stderr.contains("line 3"), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"));
}
