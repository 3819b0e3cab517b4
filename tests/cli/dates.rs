//! calendars, holidays, add, count, check, adjust, cal: answers, formats, errors, exit codes.

use super::*;

#[test]
fn add_count_check_and_adjust_print_their_answers() {
    assert_eq!(
        slacal(&["add", "US", "2026-11-20", "15"]).ok(),
        "2026-12-14\n"
    );
    assert_eq!(
        slacal(&["add", "US", "2026-11-27", "-1"]).ok(),
        "2026-11-25\n"
    );
    assert_eq!(
        slacal(&["add", "US", "2026-11-22", "1"]).ok(),
        "2026-11-23\n"
    );
    assert_eq!(
        slacal(&[
            "add",
            "US",
            "2026-11-22",
            "1",
            "--start-rule",
            "roll-forward"
        ])
        .ok(),
        "2026-11-24\n"
    );
    assert_eq!(
        slacal(&["count", "US", "2026-01-01", "2027-01-01"]).ok(),
        "250\n"
    );
    assert_eq!(
        slacal(&["count", "US", "2027-01-01", "2026-01-01"]).ok(),
        "-250\n"
    );
    assert_eq!(
        slacal(&[
            "adjust",
            "US",
            "2026-10-31",
            "--convention",
            "modified-following"
        ])
        .ok(),
        "2026-10-30\n"
    );
    assert_eq!(
        slacal(&["check", "US", "2026-11-26"]).ok(),
        "2026-11-26 (Thu) is not a business day in US: Thanksgiving Day (US)\n\
         previous business day: 2026-11-25\n\
         next business day: 2026-11-27\n"
    );
    assert!(
        slacal(&["check", "US", "2026-11-27"])
            .ok()
            .starts_with("2026-11-27 (Fri) is a business day in US\n")
    );
}

#[test]
fn add_explain_lists_the_skipped_days() {
    let out = slacal(&["add", "GB-ENG", "2021-12-24", "1", "--explain"]);
    assert_golden("add_explain_gb_eng_christmas_2021.txt", out.ok());
}

#[test]
fn holidays_in_each_format() {
    let csv = slacal(&["holidays", "GB-ENG", "--from", "2020", "--to", "2023"]);
    assert_golden("holidays_gb_eng_2020_2023.csv", csv.ok());
    let table = slacal(&["holidays", "US", "--from", "2022", "--format", "table"]);
    assert_golden("holidays_us_2022.txt", table.ok());
    let json = slacal(&[
        "holidays",
        "US+GB-ENG",
        "--from",
        "2026",
        "--format",
        "json",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(json.ok()).unwrap();
    assert!(
        rows.iter()
            .any(|r| r["date"] == "2026-11-26" && r["calendar"] == "US")
    );
    assert!(
        rows.iter().any(|r| r["date"] == "2026-12-28"
            && r["calendar"] == "GB-ENG"
            && r["observed"] == true)
    );
}

#[test]
fn calendars_lists_every_calendar_with_its_years() {
    let out = slacal(&["calendars", "--format", "csv"]);
    let text = out.ok();
    assert!(text.starts_with(
        "id,name,time_zone,first_year,last_year,weekend,data_version,estimated_first_year,estimated_last_year,announced_through,estimated_through,checked,as_of,known_through,sources\n"
    ));
    for id in ["US", "GB-ENG", "DE"] {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{id},"))),
            "{id} missing:\n{text}"
        );
    }
    assert!(
        !text.lines().any(|l| l.starts_with("GB,")),
        "GB is not a calendar of its own"
    );
}

#[test]
fn cal_marks_weekends_and_holidays() {
    let out = slacal(&["cal", "US", "2026", "11"]);
    assert_golden("cal_us_2026_11.txt", out.ok());
}

#[test]
fn user_holiday_folder_adds_calendars_that_inherit_built_in_ones() {
    let dir = data("holidays-acme");
    let out = slacal(&["add", "ACME", "2026-11-25", "1", "--holidays-dir", &dir]);
    assert_eq!(out.ok(), "2026-11-30\n");
    let out = slacal(&["check", "ACME", "2026-08-14", "--holidays-dir", &dir]);
    assert!(out.ok().contains("Office move (ACME)"), "{}", out.stdout);
    let out = slacal(&["calendars", "--holidays-dir", &dir]);
    assert!(out.ok().contains("ACME"));
}

#[test]
fn errors_say_what_is_wrong_and_exit_with_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["add", "XX", "2026-01-01", "1"], "unknown calendar `XX`"),
        (
            &["add", "US", "1850-01-01", "1"],
            "year 1850 is outside the supported range 1900..=2199",
        ),
        (
            &["add", "US", "1950-01-01", "1"],
            "date `1950-01-01` is before the years covered by calendar `US` (1971..=2199)",
        ),
        (
            &["add", "US", "2026-02-30", "1"],
            "`2026-02-30` is not a date of the calendar",
        ),
        (
            &["add", "US", "26-1-1", "1"],
            "`26-1-1` is not a date of the form YYYY-MM-DD",
        ),
        (
            &["add", "US", "2026-01-01", "99999999999999999999"],
            "`99999999999999999999` is not a whole number of days",
        ),
        (
            &["add", "US", "2026-01-01", "9223372036854775807"],
            "leaves the years covered by calendar `US`",
        ),
        (
            &["count", "US", "2026-01-01", "2300-01-01"],
            "year 2300 is outside the supported range",
        ),
        (
            &["holidays", "US", "--from", "2030", "--to", "2020"],
            "--from 2030 is after --to 2020",
        ),
        (&["cal", "US", "2026", "13"], "month 13 is out of range"),
        (
            &[
                "add",
                "BAD",
                "2026-01-01",
                "1",
                "--holidays-dir",
                "tests/data/holidays-broken",
            ],
            "tests/data/holidays-broken/bad.toml:12:7: holiday `Impossible`: day 30 is out of range for month 2 (1..=29)",
        ),
        (
            &[
                "add",
                "US",
                "2026-01-01",
                "1",
                "--holidays-dir",
                "tests/data/no-such-folder",
            ],
            "reading holiday folder `tests/data/no-such-folder`",
        ),
    ];
    for (args, message) in cases {
        let out = slacal(args);
        assert_eq!(
            out.code, 2,
            "{args:?}: stdout {} stderr {}",
            out.stdout, out.stderr
        );
        assert!(
            out.stderr.contains(message),
            "{args:?}: stderr was: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{args:?}: {}", out.stderr);
    }
}

#[test]
fn usage_errors_exit_with_2_and_help_explains_the_commands() {
    let out = slacal(&["add", "US"]);
    assert_eq!(out.code, 2);
    let help = slacal(&["--help"]).stdout;
    for command in [
        "calendars",
        "holidays",
        "add",
        "count",
        "check",
        "adjust",
        "shift",
        "cal",
    ] {
        assert!(help.contains(command), "{command} missing from --help");
    }
    let help = slacal(&["add", "--help"]).stdout;
    assert!(help.contains("strictly after DATE"), "{help}");
}

/// Issue 12: the library says what is wrong in its own terms; the CLI adds the flag or command
/// that helps, on a line of its own, chosen by what the error is about.
#[test]
fn issue_12_the_cli_adds_its_hints_to_library_errors() {
    let out = slacal(&["add", "us", "2026-01-01", "1"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "slacal: error: unknown calendar `us` (did you mean `US`? join several with `+`, like \
         `US+GB-ENG`)\nslacal: hint: `slacal calendars` lists the known ids\n"
    );
    let out = slacal(&["check", "CN", "2027-02-08", "--no-estimates"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "slacal: error: date `2027-02-08` is after the years covered by calendar `CN` \
         (2001..=2026): the holidays of `CN` after 2026 are not announced yet; estimated dates \
         cover the years up to 2199 when estimates are allowed (`Estimates::Allow`)\n\
         slacal: hint: slacal answers with estimated dates unless `--no-estimates` or a \
         policy's `estimates = \"deny\"` refuses them\n"
    );
    // Errors without a remedy of the CLI's have no hint.
    let out = slacal(&["add", "US", "1950-01-01", "1"]);
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains("hint"), "{}", out.stderr);
}
