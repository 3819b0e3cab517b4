//! Years whose holidays are not announced yet (issue 11): the date commands and `run` answer in
//! them with estimated dates and say so; `--no-estimates` and a policy's `estimates = "deny"`
//! refuse. And what `slacal calendars` says about announced and estimated years.
//!
//! The tests over every calendar are right for the finished data: each calendar covers 2026
//! and 2027 by announcement or by estimate.

use serde_json::Value;

use super::*;

/// `slacal calendars --format json`, by id.
fn calendars() -> Vec<Value> {
    let out = slacal(&["calendars", "--format", "json"]);
    let rows: Value = serde_json::from_str(out.ok()).unwrap();
    rows.as_array().unwrap().clone()
}

/// The first year of a calendar's estimated years, if it has any.
fn estimated_from(calendar: &Value) -> Option<i64> {
    calendar["estimated_first_year"].as_i64()
}

/// The note a date command writes when its answer uses estimated years.
const NOTE: &str = "slacal: note: this answer uses estimated holidays of";

#[test]
fn issue_6_add_across_china_s_national_day() {
    let output = slacal(&["add", "CN", "2025-09-26", "5"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(output.stdout.trim(), "2025-10-10");
    assert!(output.stderr.is_empty(), "{}", output.stderr);
}

#[test]
fn issue_11_date_commands_answer_in_estimated_years_and_say_so() {
    let answered = slacal(&["check", "CN", "2027-02-08"]);
    assert_eq!(answered.code, 0, "{}", answered.stderr);
    assert!(
        answered
            .stdout
            .contains("Spring Festival (third day) (CN) [estimated]"),
        "{}",
        answered.stdout
    );
    assert_eq!(
        answered.stderr,
        "slacal: note: this answer uses estimated holidays of `CN` 2027: they are not announced \
         yet, and the official dates may differ (`--no-estimates` refuses instead)\n"
    );
    // `--allow-estimates` is still accepted, and is the default.
    let allowed = slacal(&["check", "CN", "2027-02-08", "--allow-estimates"]);
    assert_eq!(
        (allowed.code, &allowed.stdout, &allowed.stderr),
        (0, &answered.stdout, &answered.stderr)
    );
    let refused = slacal(&["check", "CN", "2027-02-08", "--no-estimates"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stdout.is_empty());
    assert!(
        refused.stderr.contains("not announced yet") && refused.stderr.contains("--no-estimates"),
        "{}",
        refused.stderr
    );
    let both = slacal(&[
        "check",
        "CN",
        "2027-02-08",
        "--no-estimates",
        "--allow-estimates",
    ]);
    assert_eq!(both.code, 2, "the two flags conflict");

    let holidays = slacal(&["holidays", "AE", "--from", "2027"]);
    assert_eq!(holidays.code, 0, "{}", holidays.stderr);
    let text = &holidays.stdout;
    assert!(
        text.contains("2027-03-10,Eid al-Fitr [estimated]"),
        "{text}"
    );
    assert!(
        text.lines()
            .skip(1)
            .all(|line| line.ends_with("[estimated]")),
        "{text}"
    );
    assert!(holidays.stderr.contains("`AE` 2027"), "{}", holidays.stderr);
    let json = slacal(&["holidays", "AE", "--from", "2027", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_str(json.ok()).unwrap();
    assert!(rows.iter().all(|row| row["estimated"] == true));

    // Every date command notes estimated years, naming the calendar and the years; none
    // notes anything for announced or rule-given years.
    let cases: [(&[&str], &str); 7] = [
        (&["add", "CN", "2026-12-15", "15"], "`CN` 2027"),
        (
            &["count", "CN", "2026-01-01", "2029-01-01"],
            "`CN` 2027-2028",
        ),
        (&["adjust", "CN", "2027-01-01"], "`CN` 2027"),
        (&["cal", "AE", "2027", "3"], "`AE` 2027"),
        (&["check", "US+CN", "2027-10-04"], "`CN` 2027"),
        (&["add", "AU-VIC", "2026-12-20", "30"], "`AU-VIC` 2027"),
        (
            &["holidays", "US+AE", "--from", "2026", "--to", "2028"],
            "`AE` 2027-2028",
        ),
    ];
    for (args, uses) in cases {
        let out = slacal(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(NOTE) && out.stderr.contains(uses),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(out.stderr.lines().count(), 1, "{args:?}: {}", out.stderr);
        let mut refused: Vec<&str> = args.to_vec();
        refused.push("--no-estimates");
        assert_eq!(slacal(&refused).code, 2, "{refused:?}");
    }
    for args in [
        &["add", "CN", "2026-09-01", "5"][..],
        &["count", "CN", "2026-01-01", "2027-01-01"],
        &["cal", "US", "2027", "12"],
        &["holidays", "US", "--from", "2027"],
        &["check", "US+CN", "2026-10-01"],
    ] {
        let out = slacal(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(out.stderr.is_empty(), "{args:?}: {}", out.stderr);
    }

    // `shift` says it once for the whole file.
    let input = b"date,days\n2026-12-20,10\n2026-06-01,5\n2027-03-01,-3\n";
    let out = slacal_with_input(&["shift", "CN"], Some(input));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr.matches(NOTE).count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("`CN` 2027"), "{}", out.stderr);
    let out = slacal_with_input(&["shift", "CN"], Some(b"date,days\n2026-06-01,5\n"));
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let out = slacal_with_input(&["shift", "CN", "--no-estimates"], Some(input));
    assert_eq!(out.code, 1, "two rows need estimates: {}", out.stderr);
}

/// The "Done when" check of issue 11: every calendar answers across the year boundary, with
/// estimated years where its holidays are not announced yet, and says so exactly then.
#[test]
fn issue_11_every_calendar_answers_add_and_count_across_the_year_boundary() {
    let mut failures = Vec::new();
    for calendar in calendars() {
        let id = calendar["id"].as_str().unwrap();
        let estimated = estimated_from(&calendar);
        let add = slacal(&["add", id, "2026-12-15", "15"]);
        if add.code != 0 {
            failures.push(format!("add {id} 2026-12-15 15: {}", add.stderr.trim()));
        } else {
            let due: chrono::NaiveDate = add.stdout.trim().parse().unwrap();
            let from = chrono::NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
            assert!(due > from, "{id}: {due}");
            let uses_estimates = estimated.is_some_and(|first| i64::from(due.year()) >= first);
            let says = add.stderr.starts_with(NOTE) && add.stderr.contains(&format!("`{id}`"));
            if uses_estimates != says {
                failures.push(format!(
                    "add {id} 2026-12-15 15 = {due}: estimated from {estimated:?}, but stderr \
                     says `{}`",
                    add.stderr.trim()
                ));
            }
        }
        let count = slacal(&["count", id, "2026-01-01", "2028-01-01"]);
        if count.code != 0 {
            failures.push(format!(
                "count {id} 2026-01-01 2028-01-01: {}",
                count.stderr.trim()
            ));
        } else {
            let days: i64 = count.stdout.trim().parse().unwrap();
            // Two years of business days: about 500, whatever the weekend and holidays.
            assert!((400..=540).contains(&days), "{id}: {days}");
            let uses_estimates = estimated.is_some_and(|first| first <= 2027);
            let says = count.stderr.starts_with(NOTE) && count.stderr.contains("2027");
            if uses_estimates != says {
                failures.push(format!(
                    "count {id}: estimated from {estimated:?}, but stderr says `{}`",
                    count.stderr.trim()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

use chrono::Datelike;

/// A December batch, one submission per calendar (`tests/data/december_2026.csv`: submitted
/// at 10:00 local on 15 December 2026): nothing is rejected by default, and exactly the rows
/// whose due date falls in a calendar's estimated years say `estimated`, counted per calendar
/// and year in the summary.
#[test]
fn issue_11_a_december_batch_rejects_nothing_and_flags_the_estimated_rows() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("results.csv");
    let output = output.to_str().unwrap();
    let input = data("december_2026.csv");
    let out = slacal(&[
        "run",
        "--input",
        &input,
        "--as-of",
        "2026-12-16T00:00:00Z",
        "--output",
        output,
    ]);
    assert_eq!(out.code, 0, "nothing is rejected: {}", out.stderr);
    let calendars = calendars();
    let estimated_from = |id: &str| {
        calendars
            .iter()
            .find(|c| c["id"] == id)
            .and_then(estimated_from)
    };
    let text = std::fs::read_to_string(output).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header.last(), Some(&"estimated"));
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (calendar, clock, due, estimated) = (
        column("calendar"),
        column("clock"),
        column("due_date"),
        column("estimated"),
    );
    let mut flagged: std::collections::BTreeMap<(String, i64), u64> = Default::default();
    let mut records = std::collections::BTreeSet::new();
    for line in lines {
        let fields: Vec<&str> = line.split(',').collect();
        records.insert(fields[calendar].to_owned());
        let business_days = matches!(fields[clock], "certification" | "publish");
        let due_year: i64 = fields[due].get(..4).map_or(0, |y| y.parse().unwrap());
        // Day 0 and the as-of are in 2026: the due date decides.
        let want = business_days
            && estimated_from(fields[calendar]).is_some_and(|first| due_year >= first);
        assert_eq!(fields[estimated] == "true", want, "{line}");
        assert!(matches!(fields[estimated], "true" | "false"), "{line}");
        if want {
            *flagged
                .entry((fields[calendar].to_owned(), due_year))
                .or_default() += 1;
        }
    }
    assert_eq!(records.len(), calendars.len(), "one record per calendar");
    // The calendars whose 2027 is not announced yet have estimated rows.
    assert!(flagged.keys().any(|(id, _)| id == "CN"), "{flagged:?}");
    assert!(flagged.keys().any(|(id, _)| id == "AE"), "{flagged:?}");
    // The summary counts them per calendar and year, on standard error and in the sidecar.
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{output}.meta.json")).unwrap())
            .unwrap();
    assert_eq!(meta["rows_rejected"], 0);
    let total: u64 = flagged.values().sum();
    assert_eq!(meta["estimated_rows"], total);
    let counted: std::collections::BTreeMap<(String, i64), u64> = meta["estimated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                (
                    e["calendar"].as_str().unwrap().to_owned(),
                    e["year"].as_i64().unwrap(),
                ),
                e["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counted, flagged);
    assert!(
        out.stderr.contains(&format!(
            "estimated: {total} rows depend on holidays not announced yet"
        )),
        "{}",
        out.stderr
    );
    let cn = flagged[&("CN".to_owned(), 2027)];
    let noun = if cn == 1 { "row" } else { "rows" };
    assert!(
        out.stderr.contains(&format!("CN 2027 ({cn} {noun})")),
        "{}",
        out.stderr
    );

    // `--no-estimates` rejects those records whole, as before.
    let strict = slacal(&[
        "run",
        "--input",
        &input,
        "--as-of",
        "2026-12-16T00:00:00Z",
        "--no-estimates",
    ]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains("dec-cn"), "{}", strict.stderr);
    assert!(
        !strict.stdout.lines().skip(1).any(|l| l.ends_with(",true")),
        "{}",
        strict.stdout
    );
}

#[test]
fn issue_11_a_policy_says_allow_or_deny_and_the_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let policy = |setting: &str| {
        let path = dir.path().join(format!("p-{setting}.toml"));
        std::fs::write(
            &path,
            format!(
                "name = \"reviews\"\nevents = [\"requested\", \"approved\"]\ncalendar = \"CN\"\n\
                 {setting}\n[[clock]]\nname = \"review\"\nstart = \"requested\"\n\
                 stop = \"approved\"\nbudget = \"10 business days\"\n"
            ),
        )
        .unwrap();
        path.to_str().unwrap().to_owned()
    };
    let input = b"record_id,event,at\nr1,requested,2026-12-22T10:00:00+08:00\n";
    let run = |policy: &str, extra: &[&str]| {
        let mut args = vec!["run", "--policy", policy, "--as-of", "2026-12-23T00:00:00Z"];
        args.extend_from_slice(extra);
        slacal_with_input(&args, Some(input))
    };
    let deny = policy("estimates = \"deny\"");
    let denied = run(&deny, &[]);
    assert_eq!(denied.code, 1, "{}", denied.stderr);
    assert!(
        denied.stderr.contains("not announced yet"),
        "{}",
        denied.stderr
    );
    let overridden = run(&deny, &["--allow-estimates"]);
    assert_eq!(overridden.code, 0, "{}", overridden.stderr);
    assert!(
        overridden.stdout.lines().nth(1).unwrap().ends_with(",true"),
        "{}",
        overridden.stdout
    );
    let allow = policy("estimates = \"allow\"");
    assert_eq!(run(&allow, &[]).stdout, overridden.stdout);
    assert_eq!(run(&allow, &["--no-estimates"]).code, 1);
    // Saying nothing: the batch CLI allows them.
    assert_eq!(run(&policy(""), &[]).stdout, overridden.stdout);
    let show = slacal(&["policy", "show", &deny]);
    assert!(
        show.ok()
            .contains("estimated years: refused (`estimates = \"deny\"`)"),
        "{}",
        show.stdout
    );
    let bad = policy("estimates = \"sometimes\"");
    let out = slacal(&["policy", "check", &bad]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains(":4:13: field `estimates`: unknown setting `sometimes`"),
        "{}",
        out.stderr
    );
}

#[test]
fn issue_11_explain_marks_each_estimated_day() {
    let input = b"record_id,event,at,calendar\nr1,submitted,2026-12-28T10:00:00+08:00,CN\n";
    let out = slacal_with_input(
        &["explain", "r1", "--as-of", "2026-12-29T00:00:00Z"],
        Some(input),
    );
    let text = out.ok();
    assert!(
        text.contains(
            "estimated: the holidays of CN in 2027 are not announced yet; the days marked \
             [estimated] use estimated dates"
        ),
        "{text}"
    );
    assert!(
        text.contains("2027-01-01 Fri  not counted: New Year's Day (CN) [estimated]"),
        "{text}"
    );
    let walk: Vec<&str> = text.lines().filter(|l| l.starts_with("  20")).collect();
    assert!(!walk.is_empty());
    for line in walk {
        // Every day of 2027 is marked, once; no day of 2026 is.
        let estimated = line.trim_start().starts_with("2027-");
        assert_eq!(line.ends_with("[estimated]"), estimated, "{line}");
        assert!(!line.ends_with("[estimated] [estimated]"), "{line}");
    }
}

#[test]
fn calendars_show_announced_and_estimated_years_and_what_the_files_say() {
    let rows = calendars();
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    let cn = row("CN");
    assert_eq!(cn["first_year"], 2001);
    assert_eq!(cn["estimated_through"], 2199);
    assert_eq!(
        cn["estimated_first_year"].as_i64().unwrap(),
        cn["announced_through"].as_i64().unwrap() + 1
    );
    assert!(
        cn["checked"].as_str().unwrap().contains("State Council"),
        "{cn}"
    );
    assert!(cn["as_of"].as_str().unwrap().starts_with("2026-"), "{cn}");
    assert!(!cn["sources"].as_array().unwrap().is_empty());
    let us = row("US");
    assert_eq!(
        (
            us["announced_through"].clone(),
            us["estimated_through"].clone()
        ),
        (Value::from(2199), Value::Null)
    );
    for id in ["IL", "ZA"] {
        let known = row(id)["known_through"].as_array().unwrap().clone();
        assert_eq!(known.len(), 1, "{id}");
        assert!(
            known[0]["holidays"]
                .as_str()
                .unwrap()
                .starts_with("election days"),
            "{id}"
        );
        assert!(known[0]["year"].as_i64().unwrap() >= 2025, "{id}");
        assert!(!known[0]["source"].as_str().unwrap().is_empty(), "{id}");
        assert_eq!(row(id)["last_year"], 2199);
    }
    // A subdivision shares its country's metadata.
    assert_eq!(row("US-CA")["as_of"], us["as_of"]);
    assert_eq!(row("US-CA")["checked"], us["checked"]);

    let csv = slacal(&["calendars", "--format", "csv"]);
    let mut reader = ::csv::Reader::from_reader(csv.ok().as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header.join(","),
        "id,name,time_zone,first_year,last_year,weekend,data_version,estimated_first_year,\
         estimated_last_year,announced_through,estimated_through,checked,as_of,known_through,sources"
    );
    let records: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    let za = records.iter().find(|r| &r[0] == "ZA").unwrap();
    assert!(za[13].contains("known through 2026"), "{za:?}");
    let kr = records.iter().find(|r| &r[0] == "KR").unwrap();
    assert_eq!((&kr[7], &kr[8], &kr[10]), ("", "", ""));

    let table = slacal(&["calendars"]).stdout;
    assert_eq!(
        table.lines().count(),
        rows.len() + 1,
        "one line per calendar"
    );
    let ae = table
        .lines()
        .find(|l| l.starts_with("AE "))
        .unwrap_or_default();
    assert!(ae.contains("2019-") && ae.contains("-2199"), "{ae}");
    assert!(ae.contains("Fri+Sat, Sat+Sun from 2022-01-01"), "{ae}");
    let il = table.lines().find(|l| l.starts_with("IL ")).unwrap();
    assert!(il.contains("(election days"), "{il}");

    let details = slacal(&["calendars", "IL"]);
    let text = details.ok();
    assert!(text.starts_with("IL  Israel\n"), "{text}");
    assert!(text.contains("  known only    election days"), "{text}");
    assert!(text.contains("  as of         2026-"), "{text}");
    assert!(text.contains("    - Hours of Work and Rest Law"), "{text}");
    let unknown = slacal(&["calendars", "UK"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("unknown calendar `UK`"),
        "{}",
        unknown.stderr
    );
}
