//! The policy format and its errors, and the evaluation's edge rules, on small policies over
//! the `US` calendar run in Los Angeles.
//!
//! November 2026 in `US`: Monday 2 to Friday 6 are business days, Veterans Day is Wednesday
//! 11, Thanksgiving Thursday 26. Los Angeles is on PST (-08:00) after Sunday 1 November.

use super::*;
use crate::{Instant, Policy, Record, StartRule, Status};

const EVENTS: &str = r#"
name = "test"
events = ["open", "pause", "resume", "done", "fail", "cancel", "other"]
calendar = "US"
"#;

/// A policy of the test events, the US calendar in Los Angeles with `calendar` settings, and
/// one clock `c` with the given keys.
fn policy(calendar: &str, clock: &str) -> Policy {
    let text = format!(
        "{EVENTS}\n[calendars.US]\ntime_zone = \"America/Los_Angeles\"\n{calendar}\n\n[[clock]]\nname = \"c\"\nstart = \"open\"\nstop = \"done\"\n{clock}\n"
    );
    Policy::builder()
        .parse("test.toml", &text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn days_policy(extra: &str) -> Policy {
    policy(
        "",
        &format!(
            "fail = \"fail\"\ncancel = \"cancel\"\npause = \"pause\"\nresume = \"resume\"\n\
             pause_reason = \"waiting\"\nbudget = \"3 business days\"\n{extra}"
        ),
    )
}

fn at(text: &str) -> Instant {
    Instant::parse(text).unwrap()
}

fn record(policy: &Policy, events: &[(&str, &str)]) -> Record {
    let mut record = Record::new("r1");
    for (row, (event, instant)) in events.iter().enumerate() {
        record.push_from_row(policy.event(event).unwrap(), at(instant), row as u64 + 2);
    }
    record
}

/// The rows of an evaluation as CSV lines, without the `estimated` column (`US` has no
/// estimated years, so it is false on every row: checked here).
fn rows(policy: &Policy, events: &[(&str, &str)], as_of: &str) -> Vec<String> {
    policy
        .evaluate(&record(policy, events), at(as_of))
        .unwrap()
        .iter()
        .map(|row| {
            let [columns @ .., estimated] = row.fields().map(|field| field.to_string());
            assert_eq!(estimated, "false", "{columns:?}");
            columns.join(",")
        })
        .collect()
}

fn one(policy: &Policy, events: &[(&str, &str)], as_of: &str) -> String {
    let mut all = rows(policy, events, as_of);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

const MON: &str = "2026-11-02T10:00:00-08:00";

#[test]
fn business_days_without_pauses() {
    // Day 0 is Monday 2026-11-02; Tuesday, Wednesday and Thursday count at their closes (the
    // midnights that end them): due Thursday 2026-11-05, deadline Friday 00:00.
    let p = days_policy("");
    assert_eq!(
        one(&p, &[("open", MON)], "2026-11-04T12:00:00-08:00"),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,,running,1,2,business_days"
    );
    assert_eq!(
        OUTCOME_COLUMNS.join(","),
        "record_id,clock,attempt,calendar,start,due_date,deadline,stop,status,elapsed,remaining,unit,estimated"
    );
}

#[test]
fn a_pause_exactly_at_a_close_still_counts_that_day() {
    // Paused at Tuesday's close (Wednesday 00:00), resumed Wednesday noon: Tuesday counts, no
    // close fell inside the pause, the deadline does not move.
    let p = days_policy("");
    let events = [
        ("open", MON),
        ("pause", "2026-11-04T00:00:00-08:00"),
        ("resume", "2026-11-04T12:00:00-08:00"),
    ];
    assert_eq!(
        one(&p, &events, "2026-11-04T13:00:00-08:00"),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,,running,1,2,business_days"
    );
}

#[test]
fn a_resume_exactly_at_a_close_does_not_count_that_day() {
    // Paused Tuesday noon, resumed exactly at Tuesday's close: Tuesday's close fell inside the
    // pause, so the count moves one business day: due Friday 2026-11-06.
    let p = days_policy("");
    let events = [
        ("open", MON),
        ("pause", "2026-11-03T12:00:00-08:00"),
        ("resume", "2026-11-04T00:00:00-08:00"),
    ];
    assert_eq!(
        one(&p, &events, "2026-11-04T13:00:00-08:00"),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-06,2026-11-07T00:00:00-08:00,,running,0,3,business_days"
    );
}

#[test]
fn a_stop_at_the_deadline_breaches_and_a_second_before_meets() {
    let p = days_policy("");
    let at_deadline = one(
        &p,
        &[("open", MON), ("done", "2026-11-06T00:00:00-08:00")],
        "2026-11-30T00:00:00Z",
    );
    assert_eq!(
        at_deadline,
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,2026-11-06T00:00:00-08:00,breached,3,-1,business_days"
    );
    let before = one(
        &p,
        &[("open", MON), ("done", "2026-11-05T23:59:59-08:00")],
        "2026-11-30T00:00:00Z",
    );
    assert!(before.contains(",met,2,1,"), "{before}");
    // A tenth of a second before the deadline meets it: fractions are kept.
    let just_before = one(
        &p,
        &[("open", MON), ("done", "2026-11-05T23:59:59.9-08:00")],
        "2026-11-30T00:00:00Z",
    );
    assert_eq!(
        just_before,
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,2026-11-05T23:59:59.9-08:00,met,2,1,business_days"
    );
}

#[test]
fn paused_without_resume_has_no_deadline_and_a_stop_while_paused_meets() {
    let p = days_policy("");
    let events = [("open", MON), ("pause", "2026-11-03T12:00:00-08:00")];
    assert_eq!(
        one(&p, &events, "2026-11-20T00:00:00-08:00"),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,,,,paused,0,3,business_days"
    );
    // The stop ends the pause at the same instant (Thursday 19's close): 3 business days
    // left from there, Fri 20, Mon 23, Tue 24: met, with that deadline.
    let mut stopped = events.to_vec();
    stopped.push(("done", "2026-11-20T00:00:00-08:00"));
    assert_eq!(
        one(&p, &stopped, "2026-11-30T00:00:00-08:00"),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-24,2026-11-25T00:00:00-08:00,2026-11-20T00:00:00-08:00,met,0,3,business_days"
    );
    // A failing event, a cancel and a new start while paused show the deadline as it stood.
    for (event, status) in [("fail", "failed"), ("cancel", "cancelled")] {
        let mut ended = events.to_vec();
        ended.push((event, "2026-11-20T00:00:00-08:00"));
        assert_eq!(
            one(&p, &ended, "2026-11-30T00:00:00-08:00"),
            format!(
                "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-24,2026-11-25T00:00:00-08:00,2026-11-20T00:00:00-08:00,{status},0,3,business_days"
            )
        );
    }
    let mut restarted = events.to_vec();
    restarted.push(("open", "2026-11-20T00:00:00-08:00"));
    assert_eq!(
        rows(&p, &restarted, "2026-11-20T00:00:00-08:00")[0],
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-24,2026-11-25T00:00:00-08:00,2026-11-20T00:00:00-08:00,cancelled,0,3,business_days"
    );
}

#[test]
fn once_the_budget_is_used_up_a_pause_changes_nothing() {
    // The deadline passed on Friday 00:00; a pause on Monday 2026-11-09 is ignored, the clock
    // is overdue, and the business days keep counting (Tue, Wed, Thu, Fri = 4).
    let p = days_policy("");
    let events = [("open", MON), ("pause", "2026-11-09T10:00:00-08:00")];
    assert_eq!(
        one(&p, &events, "2026-11-09T12:00:00-08:00"),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,,overdue,4,-2,business_days"
    );
    // Late by Friday, closed, and part of Monday: 2 business days, rounded away from zero.
    // At Monday's close it is late by exactly 2; a moment later, by 3.
    assert!(one(&p, &events, "2026-11-10T00:00:00-08:00").ends_with(",overdue,5,-2,business_days"));
    assert!(
        one(&p, &events, "2026-11-10T00:00:00.5-08:00").ends_with(",overdue,5,-3,business_days")
    );
    // A pause exactly at the deadline is after the budget ran out, too; as-of at the
    // deadline is overdue, and late (by the day then beginning).
    let events = [("open", MON), ("pause", "2026-11-06T00:00:00-08:00")];
    assert!(one(&p, &events, "2026-11-06T00:00:00-08:00").ends_with(",overdue,3,-1,business_days"));
    assert!(
        one(&p, &events, "2026-11-05T23:59:59.999999999-08:00")
            .ends_with(",running,2,1,business_days")
    );
}

#[test]
fn a_new_start_cancels_the_open_attempt_and_a_clock_that_never_started_has_one_row() {
    let p = days_policy("");
    let events = [("open", MON), ("open", "2026-11-03T09:00:00-08:00")];
    assert_eq!(
        rows(&p, &events, "2026-11-03T10:00:00-08:00"),
        [
            "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,2026-11-03T09:00:00-08:00,cancelled,0,3,business_days",
            "r1,c,2,US,2026-11-03T09:00:00-08:00,2026-11-06,2026-11-07T00:00:00-08:00,,running,0,3,business_days",
        ]
    );
    assert_eq!(
        one(
            &p,
            &[("other", MON), ("done", MON)],
            "2026-11-03T10:00:00-08:00"
        ),
        "r1,c,1,US,,,,,not_started,0,3,business_days"
    );
    // The cancel event, and the failing event, show the deadline as it stood.
    assert_eq!(
        one(
            &p,
            &[("open", MON), ("cancel", "2026-11-04T12:00:00-08:00")],
            "2026-11-30T00:00:00Z"
        ),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,2026-11-04T12:00:00-08:00,cancelled,1,2,business_days"
    );
    assert_eq!(
        one(
            &p,
            &[("open", MON), ("fail", "2026-11-04T12:00:00-08:00")],
            "2026-11-30T00:00:00Z"
        ),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-05,2026-11-06T00:00:00-08:00,2026-11-04T12:00:00-08:00,failed,1,2,business_days"
    );
}

#[test]
fn events_after_as_of_duplicates_and_same_instant_events() {
    let p = days_policy("");
    // The stop is after as-of: ignored.
    assert!(
        one(
            &p,
            &[("open", MON), ("done", "2026-11-05T00:00:00-08:00")],
            "2026-11-04T00:00:00-08:00"
        )
        .contains(",running,")
    );
    // An event at as-of applies.
    assert!(
        one(
            &p,
            &[("open", MON), ("done", "2026-11-04T00:00:00-08:00")],
            "2026-11-04T00:00:00-08:00"
        )
        .contains(",met,")
    );
    // Start and stop at the same instant apply in lifecycle order (open before done),
    // whatever the order of the input.
    let forward = one(&p, &[("open", MON), ("done", MON)], MON);
    let backward = one(&p, &[("done", MON), ("open", MON)], MON);
    assert_eq!(forward, backward);
    assert!(
        forward.ends_with(",2026-11-02T10:00:00-08:00,met,0,3,business_days"),
        "{forward}"
    );
    // Exact duplicates count once: two identical starts are one attempt.
    assert_eq!(rows(&p, &[("open", MON), ("open", MON)], MON).len(), 1);
    // A resume while running and a stop before any start are ignored.
    let ignored = one(
        &p,
        &[
            ("done", "2026-11-01T10:00:00-08:00"),
            ("open", MON),
            ("resume", MON),
        ],
        "2026-11-04T12:00:00-08:00",
    );
    assert!(ignored.contains(",running,1,2,"), "{ignored}");
}

#[test]
fn thresholds_are_reached_at_equality_and_overdue_wins() {
    // At risk after 2 business days: Wednesday's close, Thursday 00:00.
    let p = days_policy("at_risk = \"2 business days\"");
    let status = |as_of: &str| {
        let row = one(&p, &[("open", MON)], as_of);
        row.split(',').nth(8).unwrap().to_owned()
    };
    assert_eq!(status("2026-11-04T23:59:59-08:00"), "running");
    assert_eq!(status("2026-11-05T00:00:00-08:00"), "at_risk");
    assert_eq!(status("2026-11-05T23:59:59-08:00"), "at_risk");
    assert_eq!(status("2026-11-06T00:00:00-08:00"), "overdue");
    // A paused clock is paused, even past a threshold.
    let row = one(
        &p,
        &[("open", MON), ("pause", "2026-11-05T08:00:00-08:00")],
        "2026-11-05T09:00:00-08:00",
    );
    assert!(row.contains(",paused,2,1,"), "{row}");
    // Several thresholds: the first one reached makes the clock at risk.
    let p = policy("", "budget = \"2 hours\"\nat_risk = [\"90%\", \"50%\"]");
    let row = p
        .evaluate(
            &record(&p, &[("open", MON)]),
            at("2026-11-02T11:00:00-08:00"),
        )
        .unwrap()
        .remove(0);
    assert_eq!(row.status(), Status::AtRisk);
    assert_eq!(row.at_risk_from(), Some(at("2026-11-02T11:00:00-08:00")));
    assert_eq!(row.elapsed_text().to_string(), "1");
    assert_eq!(row.unit(), Unit::Hours);
}

#[test]
fn business_hours_and_elapsed_clocks_pause_and_resume() {
    // 09:00-17:00 on weekdays; 4 business hours from Monday 15:00: Monday 15-16 (1h), paused
    // until Tuesday 10:00, then 10:00-13:00 (3h): deadline Tuesday 13:00.
    let p = policy(
        "hours = { weekdays = [\"09:00-17:00\"] }",
        "pause = \"pause\"\nresume = \"resume\"\nbudget = \"4 business hours\"",
    );
    let events = [
        ("open", "2026-11-02T15:00:00-08:00"),
        ("pause", "2026-11-02T16:00:00-08:00"),
        ("resume", "2026-11-03T10:00:00-08:00"),
    ];
    assert_eq!(
        one(&p, &events, "2026-11-03T11:30:00-08:00"),
        "r1,c,1,US,2026-11-02T15:00:00-08:00,2026-11-03,2026-11-03T13:00:00-08:00,,running,2.5,1.5,business_hours"
    );
    // 2 hours elapsed from Monday 10:00, paused 10:30 to 11:00: deadline 12:30.
    let p = policy(
        "",
        "pause = \"pause\"\nresume = \"resume\"\nbudget = \"2 hours\"",
    );
    let events = [
        ("open", MON),
        ("pause", "2026-11-02T10:30:00-08:00"),
        ("resume", "2026-11-02T11:00:00-08:00"),
        ("done", "2026-11-02T12:30:00-08:00"),
    ];
    assert_eq!(
        one(&p, &events, "2026-11-03T00:00:00-08:00"),
        "r1,c,1,US,2026-11-02T10:00:00-08:00,2026-11-02,2026-11-02T12:30:00-08:00,2026-11-02T12:30:00-08:00,breached,2,-0.01,hours"
    );
    // Late by 36 s is late by a hundredth of an hour; by 37 s, rounded away from zero, by two.
    let mut late = events.to_vec();
    late[3].1 = "2026-11-02T12:30:36-08:00";
    assert!(one(&p, &late, "2026-11-03T00:00:00-08:00").ends_with(",breached,2.01,-0.01,hours"));
    late[3].1 = "2026-11-02T12:30:37-08:00";
    assert!(one(&p, &late, "2026-11-03T00:00:00-08:00").ends_with(",breached,2.01,-0.02,hours"));
}

#[test]
fn record_calendars() {
    let p = days_policy("");
    let mut r = record(&p, &[("open", "2026-12-24T10:00:00+00:00")]);
    r.set_calendar_from_row("GB-ENG", 2).unwrap();
    r.set_calendar_from_row("", 3).unwrap();
    r.set_calendar_from_row("GB-ENG", 4).unwrap();
    assert_eq!(
        r.set_calendar_from_row("DE", 5).unwrap_err().to_string(),
        "rows 2 and 5 of record `r1` name different calendars (`GB-ENG` and `DE`); a record runs \
         on one calendar"
    );
    // GB-ENG runs in its own zone: Christmas Eve 2026 is a Thursday, then Christmas Day and
    // Boxing Day (Saturday, substitute Monday 28): day 0 Thursday 24, then Tuesday 29, Wednesday
    // 30 and Thursday 31 count: due 2026-12-31.
    let row = p
        .evaluate(&r, at("2026-12-24T12:00:00Z"))
        .unwrap()
        .remove(0);
    assert_eq!(row.calendar(), "GB-ENG");
    assert_eq!(row.due_date_text().to_string(), "2026-12-31");
    assert_eq!(row.deadline_text().to_string(), "2027-01-01T00:00:00+00:00");
    let mut unknown = record(&p, &[("open", MON)]);
    unknown.set_calendar_from_row("XX", 2).unwrap();
    let err = p.evaluate(&unknown, at(MON)).unwrap_err();
    assert!(err.is_data());
    assert!(
        err.to_string()
            .starts_with("record `r1`: unknown calendar `XX` (join several with `+`"),
        "{err}"
    );
}

#[test]
fn evaluation_out_of_range_is_an_error_naming_record_and_clock() {
    let p = days_policy("");
    let err = p
        .evaluate(
            &record(&p, &[("open", "1960-01-04T10:00:00Z")]),
            at("1960-01-05T00:00:00Z"),
        )
        .unwrap_err();
    assert!(err.is_range());
    assert_eq!(
        err.to_string(),
        "record `r1`: clock `c` on calendar `US`: date `1960-01-04` is before the years covered by calendar `US` (1971..=2199)"
    );
}

#[test]
fn the_marketplace_policy_as_built_in() {
    let p = Policy::builtin("marketplace").unwrap();
    assert_eq!(p.name(), "marketplace");
    assert_eq!(p.record_id_column(), "offer_id");
    assert_eq!(p.calendar_column(), "calendar");
    let columns: Vec<&str> = p.event_columns().map(|(_, c)| c).collect();
    assert_eq!(
        columns,
        [
            "submitted_at",
            "prerequisites_validated_at",
            "certification_passed_at",
            "certification_failed_at",
            "preview_ready_at",
            "go_live_at",
            "live_at"
        ]
    );
    assert!(p.digest().starts_with("sha256:") && p.digest().len() == 23);
    assert_eq!(
        p.schedule(None).unwrap().time_zone().name(),
        "America/Los_Angeles"
    );
    assert_eq!(
        p.schedule(Some("GB-ENG")).unwrap().time_zone().name(),
        "Europe/London"
    );
    // A joint calendar takes the settings of its first part: US+GB-ENG runs in Los Angeles.
    assert_eq!(
        p.schedule(Some("US+GB-ENG")).unwrap().time_zone().name(),
        "America/Los_Angeles"
    );
    assert_eq!(
        p.schedule(Some("DE+US")).unwrap().time_zone().name(),
        "Europe/Berlin"
    );
    let budgets: Vec<String> = p.clocks().iter().map(|c| c.budget().to_string()).collect();
    assert_eq!(
        budgets,
        [
            "15 minutes",
            "15 business days",
            "1 hour",
            "4 days 1 hour",
            "10 business days"
        ]
    );
    let publish = &p.clocks()[4];
    assert_eq!(publish.pause_reason(), Some("awaiting publisher sign-out"));
    assert_eq!(
        publish
            .fails_on()
            .iter()
            .map(|e| p.event_name(e))
            .collect::<Vec<_>>(),
        ["certification_failed"]
    );
    assert_eq!(publish.at_risk()[0].to_string(), "7 business days");
    assert_eq!(p.clocks()[1].at_risk()[0].to_string(), "1 week");
    assert_eq!(
        Policy::builtin("support").unwrap_err().to_string(),
        "unknown built-in policy `support` (built in: marketplace; or give a policy file)"
    );
}

fn parse_error(text: &str) -> String {
    Policy::builder()
        .parse("p.toml", text)
        .unwrap_err()
        .to_string()
}

#[test]
fn policy_errors_name_file_line_and_field() {
    let clock =
        |body: &str| format!("{EVENTS}\n[[clock]]\nname = \"c\"\nstart = \"open\"\n{body}\n");
    // Line 9 is the line after `start` (the text starts with an empty line).
    assert_eq!(
        parse_error(&clock("stop = \"dnoe\"\nbudget = \"1 hour\"")),
        "p.toml:9:8: clock `c`: field `stop`: unknown event `dnoe` (did you mean `done`?) (the \
         events of policy `test` are open, pause, resume, done, fail, cancel, other)"
    );
    assert_eq!(
        parse_error(&clock("stop = 5\nbudget = \"1 hour\"")),
        "p.toml:9:8: invalid type: integer `5`, expected a string or a list of strings, like \
         \"submitted\" or [\"a\", \"b\"]"
    );
    assert_eq!(
        parse_error(&clock("stop = \"done\"\nbudget = \"1 hourz\"")),
        "p.toml:10:10: clock `c`: field `budget`: malformed duration `1 hourz`: unknown unit \
         `hourz` (expected business days, business hours, business minutes, business seconds, \
         weeks, days, hours, minutes or seconds)"
    );
    assert_eq!(
        parse_error(&clock(
            "stop = \"done\"\npause = \"done\"\nresume = \"resume\"\nbudget = \"1 hour\""
        )),
        "p.toml:10:9: clock `c`: field `pause`: event `done` is both a `stop` and a `pause` event \
         of the clock; give each event one role"
    );
    assert_eq!(
        parse_error(&clock(
            "stop = \"done\"\npause = \"pause\"\nbudget = \"1 hour\""
        )),
        "p.toml:10:9: clock `c`: field `pause`: the clock has `pause` events but no `resume` \
         events; give both or neither"
    );
    assert_eq!(
        parse_error(&clock(
            "stop = \"done\"\nbudget = \"2 hours\"\nat_risk = \"3 hours\""
        )),
        "p.toml:11:11: clock `c`: field `at_risk`: threshold `3 hours` is beyond the budget \
         `2 hours`; a clock would be overdue before it is at risk"
    );
    assert_eq!(
        parse_error(&clock(
            "stop = \"done\"\nbudget = \"1 hour\"\ncolour = \"red\""
        )),
        "p.toml:11:1: unknown field `colour`, expected one of `name`, `description`, `start`, \
         `stop`, `fail`, `cancel`, `pause`, `resume`, `pause_reason`, `budget`, `at_risk`, \
         `start_rule`"
    );
    assert_eq!(
        parse_error(&EVENTS.replace("\"US\"", "\"XX\"")),
        "p.toml:4:12: field `calendar`: unknown calendar `XX` (join several with `+`, like \
         `US+GB-ENG`)"
    );
    assert_eq!(
        parse_error(&format!(
            "{EVENTS}\n[calendars.ZZ]\ntime_zone = \"Europe/Paris\""
        )),
        "p.toml:6:1: `calendars.ZZ`: unknown calendar `ZZ` (join several with `+`, like \
         `US+GB-ENG`)"
    );
    assert_eq!(
        parse_error(&format!(
            "{EVENTS}\n[calendars.US]\ntime_zone = \"America/Los_Angles\""
        )),
        "p.toml:7:13: `calendars.US`: field `time_zone`: unknown time zone `America/Los_Angles` \
         (expected an IANA name such as `America/Los_Angeles`)"
    );
    assert_eq!(
        parse_error(&format!(
            "{EVENTS}\n[calendars.US]\nday = [{{ date = 2026-11-26, hours = [\"09:00-13:00\"], name = \"short\" }}]"
        )),
        "p.toml:6:1: `calendars.US`: calendar `US` under the settings at p.toml:6:1: hours are \
         given on 2026-11-26, which is not a business day of calendar `US` (Thanksgiving Day (US))"
    );
    assert_eq!(
        parse_error(&format!(
            "{EVENTS}\n[calendars.US]\nhours = {{ weekdays = [\"09:00-17:00\", \"12:00-13:00\"] }}"
        )),
        "p.toml:7:9: `calendars.US`: field `hours`: hours of mon: spans `09:00-17:00` and \
         `12:00-13:00` overlap or are out of order (list them from the earliest, without overlap)"
    );
    assert_eq!(
        parse_error(&format!(
            "{EVENTS}\n[input]\ncolumns = {{ opened = \"created_at\" }}"
        )),
        "p.toml:7:22: `input.columns`: unknown event `opened` (did you mean `open`?) (the events \
         of policy `test` are open, pause, resume, done, fail, cancel, other)"
    );
    assert_eq!(
        parse_error(EVENTS),
        "p.toml: the policy defines no clock; add a `[[clock]]` table"
    );
    assert_eq!(
        parse_error("name = \"x\"\nevents = [\"a\", \"A b\"]\ncalendar = \"US\""),
        "p.toml:2:16: field `events`: event name `A b` must start with a lowercase letter and \
         hold only lowercase letters, digits and `_`"
    );
    assert_eq!(
        parse_error("name = \"x\"\nevents = [\"a\"\ncalendar = \"US\""),
        "p.toml:3:1: missing comma between array elements, expected `,`"
    );
    assert!(
        Policy::builder()
            .parse("p.toml", "")
            .unwrap_err()
            .to_string()
            .starts_with("p.toml")
    );
}

#[test]
fn explanations_say_why_an_attempt_was_cancelled_and_which_events_were_ignored() {
    let p = days_policy("");
    let events = [
        ("done", "2026-11-01T10:00:00-08:00"),
        ("open", MON),
        ("open", "2026-11-03T09:00:00-08:00"),
        ("done", "2026-11-04T09:00:00-08:00"),
        ("pause", "2026-11-04T10:00:00-08:00"),
        ("done", "2026-11-05T09:00:00-08:00"),
    ];
    let explanations = p
        .explain(&record(&p, &events), at("2026-11-04T12:00:00-08:00"))
        .unwrap();
    let first = explanations[0].to_string();
    assert!(first.contains("2026-11-01 Sun  ignored: `done` at 2026-11-01T10:00:00-08:00: no attempt of the clock was open\n"), "{first}");
    assert!(first.contains("2026-11-03 Tue  ended: a new `open` at 2026-11-03T09:00:00-08:00 started attempt 2: cancelled\n"), "{first}");
    let second = explanations[1].to_string();
    assert!(
        second.contains("2026-11-04 Wed  ended: `done` at 2026-11-04T09:00:00-08:00: met\n"),
        "{second}"
    );
    assert!(second.contains("2026-11-04 Wed  ignored: `pause` at 2026-11-04T10:00:00-08:00: no attempt of the clock was open\n"), "{second}");
    assert!(
        second.contains(
            "ignored: `done` at 2026-11-05T09:00:00-08:00: after as-of 2026-11-04T12:00:00-08:00\n"
        ),
        "{second}"
    );
}

#[test]
fn explanations_list_the_days_and_render_as_text() {
    let p = days_policy("at_risk = \"2 business days\"");
    let events = [
        ("open", "2026-11-06T10:00:00-08:00"),
        ("pause", "2026-11-09T12:00:00-08:00"),
        ("resume", "2026-11-10T12:00:00-08:00"),
        ("resume", "2026-11-10T13:00:00-08:00"),
    ];
    let explanation = p
        .explain(&record(&p, &events), at("2026-11-12T09:00:00-08:00"))
        .unwrap()
        .remove(0);
    // Day 0 Friday 6; weekend; Monday 9's close fell in the pause; Tuesday 10 is business day
    // 1; Veterans Day Wednesday 11; Thursday 12 and Friday 13 are days 2 and 3.
    assert_eq!(
        explanation.to_string(),
        "record `r1`, clock `c`, attempt 1 (policy `test`)
calendar US (United States (federal holidays)), running in America/Los_Angeles
budget: 3 business days; at risk after 2 business days (from 2026-11-13T00:00:00-08:00)
start rule: next-day (day 0 is the start's local date, whatever kind of day)
  2026-11-06 Fri  start: `open` at 2026-11-06T10:00:00-08:00
  2026-11-06 Fri  day 0: the start day, free (counting starts the day after)
  2026-11-07 Sat  not counted: weekend
  2026-11-08 Sun  not counted: weekend
  2026-11-09 Mon  paused: `pause` at 2026-11-09T12:00:00-08:00 (waiting)
  2026-11-09 Mon  not counted: paused (waiting) at its close
  2026-11-10 Tue  resumed: `resume` at 2026-11-10T12:00:00-08:00, after 1d paused
  2026-11-10 Tue  ignored: `resume` at 2026-11-10T13:00:00-08:00: the clock was not paused
  2026-11-10 Tue  business day 1, counted at its close 2026-11-11T00:00:00-08:00
  2026-11-11 Wed  not counted: Veterans Day (US)
  2026-11-12 Thu  business day 2, counted at its close 2026-11-13T00:00:00-08:00 (projected)
  2026-11-13 Fri  business day 3, counted at its close 2026-11-14T00:00:00-08:00 (projected)
  due date 2026-11-13, deadline 2026-11-14T00:00:00-08:00 (the close of 2026-11-13: the local midnight that ends it)
status as of 2026-11-12T09:00:00-08:00: running; elapsed 1, remaining 2 business_days"
    );
}

#[test]
fn issue_10_a_business_hours_clock_needs_a_calendar_with_hours() {
    // At load: the default calendar, and every calendar the policy has settings for
    // (`*` included), must have hours when a clock counts business hours, in its budget or
    // in a threshold.
    let text = |calendars: &str, budget: &str, at_risk: &str| {
        format!(
            "{EVENTS}{calendars}\n[[clock]]\nname = \"first_response\"\nstart = \"open\"\nstop = \"done\"\nbudget = \"{budget}\"\n{at_risk}\n"
        )
    };
    assert_eq!(
        parse_error(&text("", "4 business hours", "")),
        "p.toml:10:10: clock `first_response`: field `budget`: clock `first_response` counts \
         business hours, but calendar `US` has no business hours under policy `test` (the \
         policy has no settings for it); give `hours` in `[calendars.US]` or \
         `[calendars.\"*\"]`"
    );
    let hours = "[calendars.US]\nhours = { weekdays = [\"09:00-17:00\"] }\n";
    assert!(
        Policy::builder()
            .parse("p.toml", &text(hours, "4 business hours", ""))
            .is_ok()
    );
    let zone_only = format!("{hours}[calendars.DE]\ntime_zone = \"Europe/Berlin\"\n");
    assert!(
        parse_error(&text(&zone_only, "4 business hours", ""))
            .contains("calendar `DE` has no business hours under policy `test` (its settings `[calendars.DE]` give no `hours`)")
    );
    let star = format!("{hours}[calendars.\"*\"]\ncutoff = \"16:00\"\n");
    assert!(parse_error(&text(&star, "4 business hours", "")).ends_with(
        "clock `first_response` counts business hours, but `[calendars.\"*\"]` \
                        (how any calendar without settings of its own runs under policy \
                        `test`) gives no `hours`; give them there"
    ));
    assert!(
        parse_error(&text(
            "",
            "2 business days",
            "at_risk = \"2 business hours\""
        ))
        .contains("clock `first_response` counts business hours")
    );
    // Per record: a calendar without settings of its own, and no `*` entry, runs without
    // hours, so the record is refused, naming the clock and the calendar.
    let p = Policy::builder()
        .parse("p.toml", &text(hours, "4 business hours", ""))
        .unwrap();
    let mut r = record(&p, &[("open", MON)]);
    r.set_calendar_from_row("DE", 2).unwrap();
    let err = p.evaluate(&r, at(MON)).unwrap_err();
    assert!(err.is_input());
    assert_eq!(
        err.to_string(),
        "record `r1`: clock `first_response` counts business hours, but calendar `DE` has no \
         business hours under policy `test` (the policy has no settings for it); give `hours` \
         in `[calendars.DE]` or `[calendars.\"*\"]`"
    );
    // A joint calendar takes the settings of its first part, hours included.
    let mut joint = record(&p, &[("open", MON)]);
    joint.set_calendar_from_row("US+GB-ENG", 2).unwrap();
    assert!(p.evaluate(&joint, at(MON)).is_ok());
}

#[test]
fn issue_10_an_event_id_of_another_policy_is_an_input_error() {
    let p = days_policy("");
    let other = days_policy("");
    let mut r = Record::new("r1");
    r.push_from_row(other.event("open").unwrap(), at(MON), 7);
    assert!(!p.owns(other.event("open").unwrap()));
    assert!(p.owns(p.event("open").unwrap()));
    let err = p.evaluate(&r, at(MON)).unwrap_err();
    assert!(err.is_input());
    assert_eq!(
        err.to_string(),
        "record `r1`: row 7: event id 0 was issued by another policy than `test`; take event \
         ids from the policy that evaluates the record (`Policy::event`)"
    );
    // Clones and the same policy with estimates share the ids.
    let estimated = Policy::builder()
        .estimates(crate::Estimates::Allow)
        .rebuild(&p)
        .unwrap();
    let mut r = Record::new("r1");
    r.push_from_row(p.clone().event("open").unwrap(), at(MON), 2);
    assert!(estimated.evaluate(&r, at(MON)).is_ok());
    // An event set says which policy's events it holds.
    let clock = &p.clocks()[0];
    assert!(clock.starts_on().contains(p.event("open").unwrap()));
    assert!(!clock.starts_on().contains(other.event("open").unwrap()));
    assert_eq!(
        clock.starts_on().iter().collect::<Vec<_>>(),
        [p.event("open").unwrap()]
    );
}

#[test]
fn issue_10_business_hours_explanations_mark_days_after_the_end_as_projected() {
    // 09:00-17:00 on weekdays; 12 business hours from Monday 2026-11-02 15:00: Monday 2h,
    // Tuesday 8h, Wednesday 2h: deadline Wednesday 11:00. Stopped Tuesday at 12:00: worked
    // Monday 2h and Tuesday 3h; the rest of Tuesday and Wednesday's 2h are projected.
    let p = policy(
        "hours = { weekdays = [\"09:00-17:00\"] }",
        "budget = \"12 business hours\"",
    );
    let events = [
        ("open", "2026-11-02T15:00:00-08:00"),
        ("done", "2026-11-03T12:00:00-08:00"),
    ];
    let text = p
        .explain(&record(&p, &events), at("2026-11-10T00:00:00-08:00"))
        .unwrap()
        .remove(0)
        .to_string();
    for line in [
        "  2026-11-02 Mon  worked 2h (hours 09:00-17:00); total 2h\n",
        "  2026-11-03 Tue  worked 3h (hours 09:00-17:00); total 5h\n",
        "  2026-11-03 Tue  ended: `done` at 2026-11-03T12:00:00-08:00: met\n",
        "  2026-11-03 Tue  5h to work (hours 09:00-17:00); total 10h (projected)\n",
        "  2026-11-04 Wed  2h to work (hours 09:00-17:00); total 12h (projected)\n",
        "  due date 2026-11-04, deadline 2026-11-04T11:00:00-08:00 (12 business hours of working time from the start)\n",
    ] {
        assert!(text.contains(line), "{line}{text}");
    }
    assert!(!text.contains("2026-11-04 Wed  worked"), "{text}");
    // Running, as of Tuesday 12:00.5: what is after as-of is projected too.
    let text = p
        .explain(&record(&p, &events[..1]), at("2026-11-03T12:00:00.5-08:00"))
        .unwrap()
        .remove(0)
        .to_string();
    assert!(
        text.contains("  2026-11-03 Tue  worked 3h 0.5s (hours 09:00-17:00); total 5h 0.5s\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  2026-11-03 Tue  4h 59m 59.5s to work (hours 09:00-17:00); total 10h (projected)\n"
        ),
        "{text}"
    );
}

#[test]
fn issue_10_policies_name_their_start_rule() {
    let p = days_policy("");
    assert_eq!(p.start_rule(), StartRule::NextDay);
    assert_eq!(p.clocks()[0].start_rule(), StartRule::NextDay);
    let text = format!(
        "{EVENTS}start_rule = \"roll-forward\"\n[[clock]]\nname = \"a\"\nstart = \"open\"\nstop = \"done\"\nbudget = \"1 business day\"\n[[clock]]\nname = \"b\"\nstart = \"open\"\nstop = \"done\"\nbudget = \"1 business day\"\nstart_rule = \"next_day\"\n"
    );
    let p = Policy::builder().parse("p.toml", &text).unwrap();
    assert_eq!(p.start_rule(), StartRule::RollForward);
    let rules: Vec<StartRule> = p.clocks().iter().map(ClockSpec::start_rule).collect();
    assert_eq!(rules, [StartRule::RollForward, StartRule::NextDay]);
    // Saturday 2026-11-07: rolling forward, day 0 is Monday 9 and Tuesday 10 is due; from
    // the next day, Monday 9 is.
    let rows = rows(
        &p,
        &[("open", "2026-11-07T10:00:00-08:00")],
        "2026-11-07T11:00:00-08:00",
    );
    assert!(rows[0].contains(",2026-11-10,"), "{rows:?}");
    assert!(rows[1].contains(",2026-11-09,"), "{rows:?}");
    assert_eq!(
        parse_error(&text.replace("next_day", "sunday")),
        "p.toml:16:14: clock `b`: field `start_rule`: unknown start rule `sunday` (expected \
         `next-day` or `roll-forward`)"
    );
}

/// A buffer reused from record to record (more rows, fewer rows, another calendar, another
/// record id, an error in between) holds exactly what a fresh evaluation gives (issue 14).
#[test]
fn issue_14_a_reused_buffer_holds_what_a_fresh_evaluation_gives() {
    let policy = Policy::builtin("marketplace").unwrap();
    let as_of = at("2026-12-01T00:00:00Z");
    let typical = [
        ("submitted", "2026-11-16T09:00:00-08:00"),
        ("prerequisites_validated", "2026-11-16T09:05:00-08:00"),
        ("certification_passed", "2026-11-20T11:00:00-08:00"),
        ("preview_ready", "2026-11-20T11:40:00-08:00"),
        ("go_live", "2026-11-23T10:00:00-08:00"),
        ("live", "2026-11-25T16:00:00-08:00"),
    ];
    let republished = [
        ("submitted", "2026-11-02T09:00:00-08:00"),
        ("certification_failed", "2026-11-10T14:00:00-08:00"),
        ("submitted", "2026-11-16T09:00:00-08:00"),
        ("certification_passed", "2026-11-20T11:00:00-08:00"),
    ];
    let mut other_calendar = record(&policy, &typical);
    other_calendar.set_calendar_from_row("GB-ENG", 2).unwrap();
    let mut out_of_range = record(&policy, &typical);
    out_of_range.push_from_row(
        policy.event("submitted").unwrap(),
        at("2300-01-01T00:00:00Z"),
        9,
    );
    let records = [
        record(&policy, &republished),
        record(&policy, &typical),
        Record::new("empty"),
        other_calendar,
        record(&policy, &republished),
        out_of_range,
        record(&policy, &typical),
    ];
    let mut out = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let fresh = policy.evaluate(record, as_of);
        let reused = policy.evaluate_into(record, as_of, &mut out);
        match fresh {
            Ok(fresh) => {
                reused.unwrap();
                assert_eq!(out, fresh, "record {i}");
            }
            Err(e) => {
                assert_eq!(reused.unwrap_err().to_string(), e.to_string(), "record {i}");
                assert!(out.is_empty(), "record {i}");
            }
        }
    }
}
