//! Dated cases worked out by hand. Holidays: `US` from OPM's federal holiday tables
//! (https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/), `GB-ENG` from the
//! gov.uk bank holiday tables (https://www.gov.uk/bank-holidays). The marketplace policy runs
//! `US` in America/Los_Angeles (PST -08:00 from 2026-11-01, PDT -07:00 from 2026-03-08) and any
//! other calendar in its own zone; a day without business hours closes at local midnight.

use slacal::sla::Step;
use slacal::{Policy, Status};

use super::*;

#[test]
fn submission_on_the_friday_before_thanksgiving() {
    // Submitted Friday 2026-11-20 at 09:15 in Los Angeles; Thanksgiving is Thursday
    // 2026-11-26 (OPM 2026 table).
    //
    // certification, 15 business days: day 0 is Friday 20 (free). Counting at each close:
    // Mon 23 (1), Tue 24 (2), Wed 25 (3), Thu 26 is Thanksgiving, Fri 27 (4), Mon 30 (5),
    // Tue 1 Dec (6), Wed 2 (7), Thu 3 (8), Fri 4 (9), Mon 7 (10), Tue 8 (11), Wed 9 (12),
    // Thu 10 (13), Fri 11 (14), Mon 14 (15): due Monday 2026-12-14, deadline its midnight.
    // At risk after 1 week elapsed: from Friday 2026-11-27 09:15. As of Thursday 3 December
    // 08:00, seven closes have passed: Mon 23, Tue 24, Wed 25, Fri 27, Mon 30, Tue 1, Wed 2.
    //
    // publish, 10 business days: the same count stops at Mon 7 Dec (10); at risk after 7
    // business days, the close of Wed 2 Dec (7), i.e. 2026-12-03T00:00.
    //
    // validation, 15 minutes: deadline 09:30; prerequisites validated at 09:25, met.
    let policy = marketplace();
    let events = [
        ("submitted", "2026-11-20T09:15:00-08:00"),
        ("prerequisites_validated", "2026-11-20T17:25:00Z"),
    ];
    let rows = evaluate(&policy, None, &events, "2026-12-03T08:00:00-08:00");
    assert_eq!(
        rows,
        [
            "validation,1,US,2026-11-20T09:15:00-08:00,2026-11-20,2026-11-20T09:30:00-08:00,2026-11-20T09:25:00-08:00,met,10,5,minutes",
            "certification,1,US,2026-11-20T09:15:00-08:00,2026-12-14,2026-12-15T00:00:00-08:00,,at_risk,7,8,business_days",
            "packaging,1,US,,,,,not_started,0,1,hours",
            "release,1,US,,,,,not_started,0,97,hours",
            "publish,1,US,2026-11-20T09:15:00-08:00,2026-12-07,2026-12-08T00:00:00-08:00,,at_risk,7,3,business_days",
        ]
    );
    // One second before Wednesday's close the publish clock had 6 business days: running.
    let rows = evaluate(&policy, None, &events, "2026-12-02T23:59:59-08:00");
    assert!(clock(&rows, "publish")[0].ends_with(",running,6,4,business_days"));
    // As of the deadline itself it is overdue, and late (by the day then beginning): its
    // `remaining` is -1, never 0. A nanosecond earlier it was running with 1 left.
    let rows = evaluate(&policy, None, &events, "2026-12-08T00:00:00-08:00");
    assert!(clock(&rows, "publish")[0].ends_with(",overdue,10,-1,business_days"));
    let rows = evaluate(
        &policy,
        None,
        &events,
        "2026-12-07T23:59:59.999999999-08:00",
    );
    assert!(clock(&rows, "publish")[0].ends_with(",at_risk,9,1,business_days"));
}

#[test]
fn the_spec_example_deadline_is_local_midnight() {
    // SPEC section 3: "the deadline of due date 2026-12-11 in US is written
    // 2026-12-12T00:00:00-08:00". Submitted Thursday 2026-11-19: day 0 Thu 19, then Fri 20 (1),
    // Mon 23 (2), Tue 24 (3), Wed 25 (4), Fri 27 (5), Mon 30 (6), Tue 1 (7), Wed 2 (8),
    // Thu 3 (9), Fri 4 (10), Mon 7 (11), Tue 8 (12), Wed 9 (13), Thu 10 (14), Fri 11 (15).
    let rows = evaluate(
        &marketplace(),
        None,
        &[("submitted", "2026-11-19T10:00:00-08:00")],
        "2026-11-19T11:00:00-08:00",
    );
    assert_eq!(
        clock(&rows, "certification"),
        [
            "certification,1,US,2026-11-19T10:00:00-08:00,2026-12-11,2026-12-12T00:00:00-08:00,,running,0,15,business_days"
        ]
    );
}

#[test]
fn submission_at_23_30_local_on_a_business_day() {
    // 23:30 on Wednesday 2026-11-18 in Los Angeles is 07:30Z on Thursday, and 02:30 on
    // Thursday in New York (the US calendar's own zone). Under the marketplace policy the
    // calendar runs in Los Angeles, so day 0 is Wednesday 18 (its close, 30 minutes later,
    // counts nothing: day 0 is free). Counting: Thu 19 (1), Fri 20 (2), Mon 23 (3), Tue 24 (4),
    // Wed 25 (5), Fri 27 (6), Mon 30 (7), Tue 1 (8), Wed 2 (9), Thu 3 (10), Fri 4 (11),
    // Mon 7 (12), Tue 8 (13), Wed 9 (14), Thu 10 (15): due 2026-12-10.
    let policy = marketplace();
    let expected = "certification,1,US,2026-11-18T23:30:00-08:00,2026-12-10,2026-12-11T00:00:00-08:00,,running,1,14,business_days";
    for written in [
        "2026-11-18T23:30:00-08:00",
        "2026-11-19T07:30:00Z",
        "2026-11-19T02:30:00-05:00",
    ] {
        let rows = evaluate(
            &policy,
            None,
            &[("submitted", written)],
            "2026-11-20T08:00:00-08:00",
        );
        assert_eq!(clock(&rows, "certification"), [expected], "input {written}");
    }
    // A policy that runs US in its own zone (New York) sees a Thursday start: day 0 is
    // Thursday 19 and the due date one business day later, Friday 2026-12-11.
    let new_york = Policy::builder()
        .parse(
            "ny.toml",
            r#"
name = "ny"
events = ["submitted", "certification_passed"]
calendar = "US"
[[clock]]
name = "certification"
start = "submitted"
stop = "certification_passed"
budget = "15 business days"
"#,
        )
        .unwrap();
    let rows = evaluate(
        &new_york,
        None,
        &[("submitted", "2026-11-18T23:30:00-08:00")],
        "2026-11-20T08:00:00-08:00",
    );
    assert_eq!(
        rows,
        [
            "certification,1,US,2026-11-19T02:30:00-05:00,2026-12-11,2026-12-12T00:00:00-05:00,,running,0,15,business_days"
        ]
    );
}

#[test]
fn submission_on_a_saturday() {
    // Submitted Saturday 2026-11-21. Under the default start rule (`next-day`) the start day
    // is day 0, whatever kind of day it is: Saturday 21 (free), Sunday 22 not counted, then
    // certification: Mon 23 (1), Tue 24 (2), Wed 25 (3), Fri 27 (4), Mon 30 (5), Tue 1 (6),
    // Wed 2 (7), Thu 3 (8), Fri 4 (9), Mon 7 (10), Tue 8 (11), Wed 9 (12), Thu 10 (13),
    // Fri 11 (14), Mon 14 (15): due 2026-12-14, as for a Friday submission and as
    // `add_business_days(2026-11-21, 15)`. publish: ... Mon 7 (10): due 2026-12-07. As of
    // Tuesday noon, Monday has closed: 1 counted.
    let policy = marketplace();
    let rows = evaluate(
        &policy,
        None,
        &[("submitted", "2026-11-21T10:00:00-08:00")],
        "2026-11-24T12:00:00-08:00",
    );
    assert_eq!(
        clock(&rows, "certification"),
        [
            "certification,1,US,2026-11-21T10:00:00-08:00,2026-12-14,2026-12-15T00:00:00-08:00,,running,1,14,business_days"
        ]
    );
    assert_eq!(
        clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-21T10:00:00-08:00,2026-12-07,2026-12-08T00:00:00-08:00,,running,1,9,business_days"
        ]
    );
    let us = slacal::Calendar::builtin("US").unwrap();
    let saturday = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    assert_eq!(
        us.add_business_days(saturday, 15).unwrap().to_string(),
        "2026-12-14"
    );
    // The explanation names the rule and says what kind of day day 0 is.
    let explanation = policy
        .explain(
            &record(&policy, None, &[("submitted", "2026-11-21T10:00:00-08:00")]),
            at("2026-11-24T12:00:00-08:00"),
        )
        .unwrap()
        .remove(1);
    let text = explanation.to_string();
    for line in [
        "start rule: next-day (day 0 is the start's local date, whatever kind of day)\n",
        "2026-11-21 Sat  day 0: the start day (weekend), free (counting starts the day after)\n",
        "2026-11-22 Sun  not counted: weekend\n",
        "2026-11-23 Mon  business day 1, counted at its close 2026-11-24T00:00:00-08:00\n",
        "2026-11-26 Thu  not counted: Thanksgiving Day (US)\n",
    ] {
        assert!(text.contains(line), "{line}{text}");
    }
}

/// The built-in marketplace policy with a start rule stated for the whole policy.
fn marketplace_with(start_rule: &str) -> Policy {
    let text = Policy::builtin("marketplace").unwrap().text().replacen(
        "calendar = \"US\"\n",
        &format!("calendar = \"US\"\nstart_rule = \"{start_rule}\"\n"),
        1,
    );
    Policy::builder().parse("marketplace.toml", &text).unwrap()
}

#[test]
fn a_sunday_start_both_ways() {
    // The issue's example: `slacal add US 2026-11-22 15` says 2026-12-14, and a Sunday
    // submission's certification is due then too. Submitted Sunday 2026-11-22 at 10:00 in
    // Los Angeles.
    //
    // next-day (the default): day 0 is Sunday 22; Mon 23 (1), Tue 24 (2), Wed 25 (3), Thu 26 is
    // Thanksgiving, Fri 27 (4), Mon 30 (5), Tue 1 (6), Wed 2 (7), Thu 3 (8), Fri 4 (9),
    // Mon 7 (10), Tue 8 (11), Wed 9 (12), Thu 10 (13), Fri 11 (14), Mon 14 (15): due Monday
    // 2026-12-14. publish, 10: due Mon 7 Dec; at risk after 7: the close of Wed 2 Dec.
    //
    // roll-forward ("received on the next business day"): day 0 is Monday 23; Tue 24 (1), Wed 25
    // (2), Fri 27 (3), ... Mon 14 (14), Tue 15 (15): due 2026-12-15, one business day later;
    // publish due Tue 8 Dec.
    let sunday = [("submitted", "2026-11-22T10:00:00-08:00")];
    let as_of = "2026-11-22T12:00:00-08:00";
    let us = slacal::Calendar::builtin("US").unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    assert_eq!(
        us.add_business_days(date, 15).unwrap().to_string(),
        "2026-12-14"
    );
    let next_day = evaluate(&marketplace(), None, &sunday, as_of);
    assert_eq!(
        clock(&next_day, "certification"),
        [
            "certification,1,US,2026-11-22T10:00:00-08:00,2026-12-14,2026-12-15T00:00:00-08:00,,running,0,15,business_days"
        ]
    );
    assert_eq!(
        clock(&next_day, "publish"),
        [
            "publish,1,US,2026-11-22T10:00:00-08:00,2026-12-07,2026-12-08T00:00:00-08:00,,running,0,10,business_days"
        ]
    );
    let rolled = marketplace_with("roll-forward");
    let roll_forward = evaluate(&rolled, None, &sunday, as_of);
    assert_eq!(
        clock(&roll_forward, "certification"),
        [
            "certification,1,US,2026-11-22T10:00:00-08:00,2026-12-15,2026-12-16T00:00:00-08:00,,running,0,15,business_days"
        ]
    );
    assert_eq!(
        clock(&roll_forward, "publish"),
        [
            "publish,1,US,2026-11-22T10:00:00-08:00,2026-12-08,2026-12-09T00:00:00-08:00,,running,0,10,business_days"
        ]
    );
    assert_eq!(
        us.add_business_days_with(date, 15, slacal::StartRule::RollForward)
            .unwrap()
            .to_string(),
        "2026-12-15"
    );
    // Stating `next-day` changes nothing; one clock can roll forward on its own.
    assert_eq!(
        evaluate(&marketplace_with("next-day"), None, &sunday, as_of),
        next_day
    );
    let text = Policy::builtin("marketplace").unwrap().text().replacen(
        "budget = \"15 business days\"\n",
        "budget = \"15 business days\"\nstart_rule = \"roll-forward\"\n",
        1,
    );
    let one_clock = Policy::builder().parse("marketplace.toml", &text).unwrap();
    let rows = evaluate(&one_clock, None, &sunday, as_of);
    assert_eq!(
        clock(&rows, "certification"),
        clock(&roll_forward, "certification")
    );
    assert_eq!(clock(&rows, "publish"), clock(&next_day, "publish"));
    // The explanations name the rule in force and say why day 0 is what it is.
    let explain = |policy: &Policy| {
        policy
            .explain(&record(policy, None, &sunday), at(as_of))
            .unwrap()
            .remove(1)
            .to_string()
    };
    let text = explain(&marketplace());
    assert!(
        text.contains(
            "start rule: next-day (day 0 is the start's local date, whatever kind of day)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "2026-11-22 Sun  day 0: the start day (weekend), free (counting starts the day after)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("2026-11-23 Mon  business day 1, counted at its close"),
        "{text}"
    );
    let text = explain(&rolled);
    assert!(text.contains("start rule: roll-forward (day 0 is the start's local date, or the next business day when that is not one)\n"), "{text}");
    assert!(
        text.contains("2026-11-22 Sun  not counted: weekend\n"),
        "{text}"
    );
    assert!(text.contains("2026-11-23 Mon  day 0: the next business day, since the start day is not a business day (weekend); free (counting starts the day after)\n"), "{text}");
    assert!(
        text.contains("2026-11-24 Tue  business day 1, counted at its close"),
        "{text}"
    );
}

#[test]
fn fractions_of_a_second_are_kept() {
    // packaging, 1 hour from certification passed Friday 2026-11-20 at 10:00:00.25: deadline
    // 11:00:00.25. Preview ready 0.1 s before it meets the budget; at it, breaches it, late by
    // a hundredth of an hour (the time past the deadline rounded away from zero).
    let policy = marketplace();
    let passed = ("certification_passed", "2026-11-20T10:00:00.25-08:00");
    let rows = evaluate(
        &policy,
        None,
        &[passed, ("preview_ready", "2026-11-20T11:00:00.15-08:00")],
        "2026-11-21T00:00:00-08:00",
    );
    assert_eq!(
        clock(&rows, "packaging"),
        [
            "packaging,1,US,2026-11-20T10:00:00.25-08:00,2026-11-20,2026-11-20T11:00:00.25-08:00,2026-11-20T11:00:00.15-08:00,met,1,0,hours"
        ]
    );
    let rows = evaluate(
        &policy,
        None,
        &[passed, ("preview_ready", "2026-11-20T19:00:00.250Z")],
        "2026-11-21T00:00:00-08:00",
    );
    assert_eq!(
        clock(&rows, "packaging"),
        [
            "packaging,1,US,2026-11-20T10:00:00.25-08:00,2026-11-20,2026-11-20T11:00:00.25-08:00,2026-11-20T11:00:00.25-08:00,breached,1,-0.01,hours"
        ]
    );
    // An event 0.3 s after as-of is ignored: the clock has not started.
    let rows = evaluate(
        &policy,
        None,
        &[("submitted", "2026-11-20T09:00:00.3-08:00")],
        "2026-11-20T09:00:00-08:00",
    );
    assert_eq!(
        clock(&rows, "validation"),
        ["validation,1,US,,,,,not_started,0,15,minutes"]
    );
    // Rows of one event at one instant count once, whatever offset wrote it; 0.5 s apart
    // they are two events (the second submission cancels the first attempt).
    let once = policy
        .evaluate(
            &record(
                &policy,
                None,
                &[
                    ("submitted", "2026-11-20T09:00:00.5-08:00"),
                    ("submitted", "2026-11-20T17:00:00.500Z"),
                ],
            ),
            at("2026-11-20T10:00:00-08:00"),
        )
        .unwrap();
    assert_eq!(once.len(), 5);
    let twice = evaluate(
        &policy,
        None,
        &[
            ("submitted", "2026-11-20T09:00:00-08:00"),
            ("submitted", "2026-11-20T09:00:00.5-08:00"),
        ],
        "2026-11-20T09:10:00-08:00",
    );
    assert_eq!(
        clock(&twice, "validation"),
        [
            "validation,1,US,2026-11-20T09:00:00-08:00,2026-11-20,2026-11-20T09:15:00-08:00,2026-11-20T09:00:00.5-08:00,cancelled,0.01,14.99,minutes",
            "validation,2,US,2026-11-20T09:00:00.5-08:00,2026-11-20,2026-11-20T09:15:00.5-08:00,,running,9.99,5.01,minutes",
        ]
    );
}

#[test]
fn a_saturday_stop_after_a_friday_deadline_is_one_business_day_late() {
    // Submitted Friday 2026-11-27 (the day after Thanksgiving) at 09:00: publish, 10 business
    // days: Mon 30 (1), Tue 1 (2), Wed 2 (3), Thu 3 (4), Fri 4 (5), Mon 7 (6), Tue 8 (7), Wed 9
    // (8), Thu 10 (9), Fri 11 (10): due Friday 2026-12-11, deadline 2026-12-12T00:00 (the
    // SPEC's example). Live on Saturday 12 at 10:00: breached, 10 counted, and 1 business day
    // late, not 0. Live on Monday 14 at 10:00 is still within the first business day past the
    // deadline; at Monday's close, late by exactly 1; a moment after, by 2.
    let policy = marketplace();
    let live = |when: &str| {
        let rows = evaluate(
            &policy,
            None,
            &[("submitted", "2026-11-27T09:00:00-08:00"), ("live", when)],
            "2026-12-20T00:00:00-08:00",
        );
        clock(&rows, "publish")[0].to_owned()
    };
    assert_eq!(
        live("2026-12-12T10:00:00-08:00"),
        "publish,1,US,2026-11-27T09:00:00-08:00,2026-12-11,2026-12-12T00:00:00-08:00,2026-12-12T10:00:00-08:00,breached,10,-1,business_days"
    );
    assert!(live("2026-12-14T10:00:00-08:00").ends_with(",breached,10,-1,business_days"));
    assert!(live("2026-12-15T00:00:00-08:00").ends_with(",breached,11,-1,business_days"));
    assert!(live("2026-12-15T00:00:00.1-08:00").ends_with(",breached,11,-2,business_days"));
    assert!(live("2026-12-11T23:59:59.9-08:00").ends_with(",met,9,1,business_days"));
}

#[test]
fn events_that_end_an_attempt_while_paused_end_the_pause() {
    // Submitted Monday 2026-11-16 09:00; preview ready Friday 20 at 15:00 after Tue 17, Wed 18
    // and Thu 19 have counted (3 of 10): paused, no deadline.
    //
    // A stop while paused (live on Tuesday 24 at 10:00) ends the pause then: Fri 20 and Mon
    // 23 closed inside it; 7 left from Tuesday: Tue 24 (4), Wed 25 (5), Fri 27 (6), Mon 30
    // (7), Tue 1 (8), Wed 2 (9), Thu 3 Dec (10). Met, with that deadline; no `met` row without
    // one.
    //
    // A re-publish while paused (submitted again on Tuesday 24 at 10:00) ends the pause and
    // cancels attempt 1 with the same deadline; attempt 2 starts on Tuesday 24: Wed 25 (1) ...
    // Wed 9 Dec (10).
    let policy = marketplace();
    let paused = [
        ("submitted", "2026-11-16T09:00:00-08:00"),
        ("preview_ready", "2026-11-20T15:00:00-08:00"),
    ];
    let with = |event: (&'static str, &'static str)| {
        let mut events = paused.to_vec();
        events.push(event);
        let rows = evaluate(&policy, None, &events, "2026-11-24T12:00:00-08:00");
        clock(&rows, "publish")
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        with(("live", "2026-11-24T10:00:00-08:00")),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,2026-11-24T10:00:00-08:00,met,3,7,business_days"
        ]
    );
    assert_eq!(
        with(("submitted", "2026-11-24T10:00:00-08:00")),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,2026-11-24T10:00:00-08:00,cancelled,3,7,business_days",
            "publish,2,US,2026-11-24T10:00:00-08:00,2026-12-09,2026-12-10T00:00:00-08:00,,running,0,10,business_days",
        ]
    );
    assert_eq!(
        with(("certification_failed", "2026-11-24T10:00:00-08:00")),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,2026-11-24T10:00:00-08:00,failed,3,7,business_days"
        ]
    );
    // The explanation says that the pause ended with the attempt.
    let mut events = paused.to_vec();
    events.push(("live", "2026-11-24T10:00:00-08:00"));
    let text = policy
        .explain(
            &record(&policy, None, &events),
            at("2026-11-24T12:00:00-08:00"),
        )
        .unwrap()
        .pop()
        .unwrap()
        .to_string();
    assert!(
        text.contains("2026-11-24 Tue  ended: `live` at 2026-11-24T10:00:00-08:00: met (the pause ends with it)\n"),
        "{text}"
    );
    assert!(
        text.contains("2026-11-24 Tue  business day 4, counted at its close 2026-11-25T00:00:00-08:00 (projected)\n"),
        "{text}"
    );
}

#[test]
fn clocks_spanning_the_spring_and_autumn_dst_changes() {
    let policy = marketplace();
    // release, 4 days 1 hour elapsed = 97 physical hours. Go live Friday 2026-03-06 12:00 PST
    // (20:00Z); + 97 h = Tuesday 2026-03-10 21:00Z, which is 14:00 PDT: the clocks went forward
    // on Sunday 2026-03-08, so the wall clock shows 14:00, not 13:00.
    let rows = evaluate(
        &policy,
        None,
        &[("go_live", "2026-03-06T12:00:00-08:00")],
        "2026-03-07T00:00:00-08:00",
    );
    assert_eq!(
        clock(&rows, "release"),
        [
            "release,1,US,2026-03-06T12:00:00-08:00,2026-03-10,2026-03-10T14:00:00-07:00,,running,12,85,hours"
        ]
    );
    // Go live Friday 2026-10-30 12:00 PDT (19:00Z); + 97 h = Tuesday 2026-11-03 20:00Z, 12:00
    // PST: the clocks went back on Sunday 2026-11-01.
    let rows = evaluate(
        &policy,
        None,
        &[("go_live", "2026-10-30T12:00:00-07:00")],
        "2026-11-03T11:00:00-08:00",
    );
    assert_eq!(
        clock(&rows, "release"),
        [
            "release,1,US,2026-10-30T12:00:00-07:00,2026-11-03,2026-11-03T12:00:00-08:00,,running,96,1,hours"
        ]
    );
    // certification across the spring change: submitted Monday 2026-03-02 10:00 PST; no
    // federal holiday until Memorial Day. Tue 3 (1) … Fri 6 (4), Mon 9 (5) … Fri 13 (9),
    // Mon 16 (10) … Fri 20 (14), Mon 23 (15): the deadline is written in PDT. The at-risk
    // week is 168 physical hours: Monday 2026-03-09 11:00 PDT, not 10:00.
    let start = [("submitted", "2026-03-02T10:00:00-08:00")];
    let rows = evaluate(&policy, None, &start, "2026-03-09T10:59:59-07:00");
    assert_eq!(
        clock(&rows, "certification"),
        [
            "certification,1,US,2026-03-02T10:00:00-08:00,2026-03-23,2026-03-24T00:00:00-07:00,,running,4,11,business_days"
        ]
    );
    let rows = evaluate(&policy, None, &start, "2026-03-09T11:00:00-07:00");
    assert!(clock(&rows, "certification")[0].contains(",at_risk,4,11,"));
    // certification across the autumn change: submitted Monday 2026-10-19 10:00 PDT.
    // Tue 20 (1) … Fri 23 (4), Mon 26 (5) … Fri 30 (9), Mon 2 Nov (10) … Fri 6 (14),
    // Mon 9 (15); Veterans Day (Wed 11) comes after.
    let rows = evaluate(
        &policy,
        None,
        &[("submitted", "2026-10-19T10:00:00-07:00")],
        "2026-10-20T10:00:00-07:00",
    );
    assert_eq!(
        clock(&rows, "certification"),
        [
            "certification,1,US,2026-10-19T10:00:00-07:00,2026-11-09,2026-11-10T00:00:00-08:00,,running,0,15,business_days"
        ]
    );
    // Business hours across the spring change: 09:00-17:00 local on weekdays. 4 business
    // hours from Friday 2026-03-06 15:00 PST: Friday 15:00-17:00 (2 h), Monday 09:00-11:00
    // PDT (2 h). The physical time between is 64 hours, not 65.
    let hours = Policy::builder()
        .parse(
            "hours.toml",
            r#"
name = "hours"
events = ["opened", "answered"]
calendar = "US"
[calendars.US]
time_zone = "America/Los_Angeles"
hours = { weekdays = ["09:00-17:00"] }
[[clock]]
name = "response"
start = "opened"
stop = "answered"
budget = "4 business hours"
"#,
        )
        .unwrap();
    let rows = evaluate(
        &hours,
        None,
        &[("opened", "2026-03-06T15:00:00-08:00")],
        "2026-03-09T10:00:00-07:00",
    );
    assert_eq!(
        rows,
        [
            "response,1,US,2026-03-06T15:00:00-08:00,2026-03-09,2026-03-09T11:00:00-07:00,,running,3,1,business_hours"
        ]
    );
}

#[test]
fn re_publish_after_a_failed_certification() {
    // First attempt: submitted Monday 2026-11-02 09:00, validated 09:10, certification
    // failed Tuesday 2026-11-10 14:00. The publisher fixes the offer and re-publishes
    // Monday 2026-11-16 09:00 (validated 09:05); certification passes Friday 20 at 11:00,
    // preview ready 11:40, the publisher selects Go Live on Monday 23 at 10:00, live
    // Wednesday 25 at 16:00.
    //
    // certification 1: day 0 Mon 2 Nov; Tue 3 (1) … Fri 6 (4), Mon 9 (5), Tue 10 (6),
    // Wed 11 is Veterans Day, Thu 12 (7), Fri 13 (8), Mon 16 (9) … Fri 20 (13), Mon 23 (14),
    // Tue 24 (15): due 2026-11-24. The review answered (failed) on Tue 10 at 14:00 with 5
    // business days closed: met.
    // certification 2: day 0 Mon 16; Tue 17 (1) … Fri 20 (4), Mon 23 (5), Tue 24 (6),
    // Wed 25 (7), Fri 27 (8), Mon 30 (9) … Fri 4 Dec (13), Mon 7 (14), Tue 8 (15): due
    // 2026-12-08; passed on Fri 20 with 3 closed: met.
    // publish 1: due Tue 17 Nov (10); ended by the failed certification: failed, showing the
    // deadline as it stood.
    // publish 2: Tue 17, Wed 18, Thu 19 count (3); paused Fri 20 at 11:40 until Mon 23 at
    // 10:00, over Friday's close: 7 left, counted from Fri 20: Mon 23 (1), Tue 24 (2),
    // Wed 25 (3), Fri 27 (4), Mon 30 (5), Tue 1 (6), Wed 2 (7): due 2026-12-02, one business
    // day later than without the pause (2026-12-01). Live on Wed 25 at 16:00 with 5 closed.
    // packaging: 11:00 to 11:40 of a 1-hour budget. release: Mon 23 10:00 + 97 h = Fri 27
    // 11:00; live after 54 h.
    let policy = marketplace();
    let events = [
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
    let rows = evaluate(&policy, None, &events, "2026-11-30T00:00:00-08:00");
    assert_eq!(
        rows,
        [
            "validation,1,US,2026-11-02T09:00:00-08:00,2026-11-02,2026-11-02T09:15:00-08:00,2026-11-02T09:10:00-08:00,met,10,5,minutes",
            "validation,2,US,2026-11-16T09:00:00-08:00,2026-11-16,2026-11-16T09:15:00-08:00,2026-11-16T09:05:00-08:00,met,5,10,minutes",
            "certification,1,US,2026-11-02T09:00:00-08:00,2026-11-24,2026-11-25T00:00:00-08:00,2026-11-10T14:00:00-08:00,met,5,10,business_days",
            "certification,2,US,2026-11-16T09:00:00-08:00,2026-12-08,2026-12-09T00:00:00-08:00,2026-11-20T11:00:00-08:00,met,3,12,business_days",
            "packaging,1,US,2026-11-20T11:00:00-08:00,2026-11-20,2026-11-20T12:00:00-08:00,2026-11-20T11:40:00-08:00,met,0.67,0.33,hours",
            "release,1,US,2026-11-23T10:00:00-08:00,2026-11-27,2026-11-27T11:00:00-08:00,2026-11-25T16:00:00-08:00,met,54,43,hours",
            "publish,1,US,2026-11-02T09:00:00-08:00,2026-11-17,2026-11-18T00:00:00-08:00,2026-11-10T14:00:00-08:00,failed,5,5,business_days",
            "publish,2,US,2026-11-16T09:00:00-08:00,2026-12-02,2026-12-03T00:00:00-08:00,2026-11-25T16:00:00-08:00,met,5,5,business_days",
        ]
    );
}

#[test]
fn publish_paused_across_a_weekend_and_a_holiday() {
    // Submitted Monday 2026-11-16 09:00; preview ready Friday 20 at 15:00 (paused: awaiting
    // publisher sign-out); Go Live on Monday 30 at 10:00. The closes inside the pause are
    // those of the business days Fri 20, Mon 23, Tue 24, Wed 25 and Fri 27: five (the weekends
    // and Thanksgiving have none). Without the pause the due date is Tue 1 Dec; with it, five
    // business days later: Wed 2 (1), Thu 3 (2), Fri 4 (3), Mon 7 (4), Tue 8 (5): 2026-12-08.
    // As of Wed 2 Dec at noon: Tue 17, Wed 18, Thu 19, Mon 30 and Tue 1 have closed: 5 of 10,
    // below the 7 that make it at risk.
    let policy = marketplace();
    let events = [
        ("submitted", "2026-11-16T09:00:00-08:00"),
        ("certification_passed", "2026-11-18T10:00:00-08:00"),
        ("preview_ready", "2026-11-20T15:00:00-08:00"),
        ("go_live", "2026-11-30T10:00:00-08:00"),
    ];
    let rows = evaluate(&policy, None, &events, "2026-12-02T12:00:00-08:00");
    assert_eq!(
        clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-08,2026-12-09T00:00:00-08:00,,running,5,5,business_days"
        ]
    );
    // While paused there is no deadline.
    let rows = evaluate(&policy, None, &events[..3], "2026-11-25T12:00:00-08:00");
    assert_eq!(
        clock(&rows, "publish"),
        ["publish,1,US,2026-11-16T09:00:00-08:00,,,,paused,3,7,business_days"]
    );
    let explanation = policy
        .explain(
            &record(&policy, None, &events),
            at("2026-12-02T12:00:00-08:00"),
        )
        .unwrap()
        .pop()
        .unwrap();
    let paused: Vec<String> = explanation
        .steps()
        .iter()
        .filter_map(|step| match step {
            Step::PausedDay { date, reason } => Some(format!("{date} {reason}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        paused,
        [
            "2026-11-20 awaiting publisher sign-out",
            "2026-11-23 awaiting publisher sign-out",
            "2026-11-24 awaiting publisher sign-out",
            "2026-11-25 awaiting publisher sign-out",
            "2026-11-27 awaiting publisher sign-out",
        ]
    );
    let text = explanation.to_string();
    assert!(
        text.contains("2026-11-26 Thu  not counted: Thanksgiving Day (US)\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "2026-11-30 Mon  business day 4, counted at its close 2026-12-01T00:00:00-08:00\n"
        ),
        "{text}"
    );
    assert!(text.contains("2026-12-08 Tue  business day 10, counted at its close 2026-12-09T00:00:00-08:00 (projected)\n"), "{text}");
    assert!(
        text.contains("due date 2026-12-08, deadline 2026-12-09T00:00:00-08:00"),
        "{text}"
    );
}

#[test]
fn gb_eng_over_christmas_with_substitute_days() {
    // calendar GB-ENG, in Europe/London (GMT, +00:00). gov.uk 2021/2022: Christmas Day
    // (Saturday) substituted on Monday 27 December, Boxing Day (Sunday) on Tuesday 28, New
    // Year's Day 2022 (Saturday) on Monday 3 January.
    // Submitted Thursday 2021-12-23 10:00: day 0 Thu 23; Fri 24 (1), Wed 29 (2), Thu 30 (3),
    // Fri 31 (4), Tue 4 Jan (5), Wed 5 (6), Thu 6 (7), Fri 7 (8), Mon 10 (9), Tue 11 (10) —
    // the publish due date — Wed 12 (11), Thu 13 (12), Fri 14 (13), Mon 17 (14), Tue 18 (15) —
    // the certification due date.
    let policy = marketplace();
    let events = [("submitted", "2021-12-23T10:00:00Z")];
    let rows = evaluate(&policy, Some("GB-ENG"), &events, "2021-12-30T12:00:00Z");
    assert_eq!(
        clock(&rows, "certification"),
        [
            "certification,1,GB-ENG,2021-12-23T10:00:00+00:00,2022-01-18,2022-01-19T00:00:00+00:00,,at_risk,2,13,business_days"
        ]
    );
    assert_eq!(
        clock(&rows, "publish"),
        [
            "publish,1,GB-ENG,2021-12-23T10:00:00+00:00,2022-01-11,2022-01-12T00:00:00+00:00,,running,2,8,business_days"
        ]
    );
    let explanation = policy
        .explain(
            &record(&policy, Some("GB-ENG"), &events),
            at("2021-12-30T12:00:00Z"),
        )
        .unwrap()
        .remove(1)
        .to_string();
    for line in [
        "2021-12-25 Sat  not counted: Christmas Day (GB-ENG)\n",
        "2021-12-27 Mon  not counted: Christmas Day (observed) (GB-ENG)\n",
        "2021-12-28 Tue  not counted: Boxing Day (observed) (GB-ENG)\n",
        "2022-01-03 Mon  not counted: New Year's Day (observed) (GB-ENG)\n",
        "calendar GB-ENG (England and Wales), running in Europe/London\n",
    ] {
        assert!(explanation.contains(line), "{line}\n{explanation}");
    }
}

#[test]
fn a_joint_calendar() {
    // US+GB-ENG is closed when either is: the Summer bank holiday (England, Monday
    // 2026-08-31; gov.uk) and Labor Day (US, Monday 2026-09-07; OPM). It runs with the
    // settings of its first part, US: Los Angeles. Submitted Friday 2026-08-28 10:00 PDT:
    // day 0 Fri 28; Mon 31 closed (GB-ENG); Tue 1 (1) … Fri 4 (4); Mon 7 closed (US);
    // Tue 8 (5) … Fri 11 (8), Mon 14 (9) … Fri 18 (13), Mon 21 (14), Tue 22 (15).
    // The US calendar alone counts Monday 31 and is due a day earlier, Monday 21.
    let policy = marketplace();
    let events = [("submitted", "2026-08-28T10:00:00-07:00")];
    let rows = evaluate(
        &policy,
        Some("US+GB-ENG"),
        &events,
        "2026-08-31T12:00:00-07:00",
    );
    assert_eq!(
        clock(&rows, "certification"),
        [
            "certification,1,US+GB-ENG,2026-08-28T10:00:00-07:00,2026-09-22,2026-09-23T00:00:00-07:00,,running,0,15,business_days"
        ]
    );
    let alone = evaluate(&policy, Some("US"), &events, "2026-08-31T12:00:00-07:00");
    assert!(clock(&alone, "certification")[0].contains(",2026-09-21,"));
    let text = policy
        .explain(
            &record(&policy, Some("US+GB-ENG"), &events),
            at("2026-08-31T12:00:00-07:00"),
        )
        .unwrap()
        .remove(1)
        .to_string();
    assert!(
        text.contains("2026-08-31 Mon  not counted: Summer bank holiday (GB-ENG)\n"),
        "{text}"
    );
    assert!(
        text.contains("2026-09-07 Mon  not counted: Labor Day (US)\n"),
        "{text}"
    );
}

#[test]
fn a_user_policy_with_hours_cutoff_early_close_and_percent_thresholds() {
    // A support desk in London: 09:00-12:30 and 13:30-17:30 Monday to Thursday, 09:00-16:00 on
    // Friday, a cutoff at 16:00, Christmas Eve 2026 (Thursday) closes at 13:00.
    // first_response: 4 business hours, at risk at 50 % and 75 %.
    // Ticket opened Wednesday 2026-12-23 at 15:00 GMT: Wed 15:00-17:30 (2.5 h), Thu 24
    // 09:00-10:30 (1.5 h): deadline Thursday 10:30. At risk from 2 h (Wed 17:00).
    // resolution: 2 business days, counted at the closes (17:30, 13:00 on the 24th, 16:00 on
    // Fridays). Opened Wed 23 at 15:00: day 0 is Wed 23; Thu 24 (1) at 13:00; Fri 25 and
    // Mon 28 are Christmas Day and Boxing Day (observed: Boxing Day 2026 is a Saturday); Tue 29
    // (2): due 2026-12-29, deadline 17:30.
    // Opened at 16:30 instead, after the cutoff: day 0 is Thu 24, so Tue 29 (1) and Wed 30 (2):
    // due 2026-12-30; and working time starts on Thursday, whose 09:00-13:00 holds the whole
    // 4 business hours: deadline Thursday 13:00.
    let policy = Policy::builder()
        .parse(
            "support.toml",
            r#"
name = "support"
events = ["opened", "answered", "resolved"]
calendar = "GB-ENG"
[calendars.GB-ENG]
cutoff = "16:00"
hours = { weekdays = ["09:00-12:30", "13:30-17:30"], fri = ["09:00-16:00"] }
day = [{ date = 2026-12-24, hours = ["09:00-13:00"], name = "Christmas Eve: early close" }]
[[clock]]
name = "first_response"
start = "opened"
stop = "answered"
budget = "4 business hours"
at_risk = ["75%", "50%"]
[[clock]]
name = "resolution"
start = "opened"
stop = "resolved"
budget = "2 business days"
"#,
        )
        .unwrap();
    let rows = evaluate(
        &policy,
        None,
        &[("opened", "2026-12-23T15:00:00Z")],
        "2026-12-23T17:00:00Z",
    );
    assert_eq!(
        rows,
        [
            "first_response,1,GB-ENG,2026-12-23T15:00:00+00:00,2026-12-24,2026-12-24T10:30:00+00:00,,at_risk,2,2,business_hours",
            "resolution,1,GB-ENG,2026-12-23T15:00:00+00:00,2026-12-29,2026-12-29T17:30:00+00:00,,running,0,2,business_days",
        ]
    );
    let rows = evaluate(
        &policy,
        None,
        &[("opened", "2026-12-23T16:30:00Z")],
        "2026-12-23T17:00:00Z",
    );
    assert_eq!(
        rows,
        [
            "first_response,1,GB-ENG,2026-12-23T16:30:00+00:00,2026-12-24,2026-12-24T13:00:00+00:00,,running,0,4,business_hours",
            "resolution,1,GB-ENG,2026-12-23T16:30:00+00:00,2026-12-30,2026-12-30T17:30:00+00:00,,running,0,2,business_days",
        ]
    );
    let rows = policy
        .evaluate(
            &record(&policy, None, &[("opened", "2026-12-23T16:30:00Z")]),
            at("2026-12-29T10:00:00Z"),
        )
        .unwrap();
    assert_eq!(rows[0].status(), Status::Overdue);
}

#[test]
fn zero_business_day_threshold_paused_over_day_0s_close() {
    // Regression, found by the differential tests against the reference evaluator: a
    // threshold of 0 business days is reached at day 0's close (as a budget of 0 business days
    // is due then). The engine said so once the attempt had resumed, but not while a pause
    // covered that close, nor for an attempt ended while paused: when an attempt was at risk
    // from depended on the as-of.
    // DE, opened Monday 2026-06-01 10:00 CEST (day 0), waiting from 12:00 until Wednesday 3
    // at 09:00, over the closes of Monday (2026-06-02T00:00) and Tuesday. The budget counts
    // Wed 3 (1), Thu 4 (2), Fri 5 (3): due 2026-06-05.
    let policy = Policy::builder()
        .parse(
            "desk.toml",
            r#"
name = "desk"
events = ["opened", "waiting", "replied", "resolved"]
calendar = "DE"
[[clock]]
name = "resolution"
start = "opened"
stop = "resolved"
pause = "waiting"
resume = "replied"
budget = "3 business days"
at_risk = "0 business days"
"#,
        )
        .unwrap();
    let day_0_close = at("2026-06-02T00:00:00+02:00");
    let opened = ("opened", "2026-06-01T10:00:00+02:00");
    let waiting = ("waiting", "2026-06-01T12:00:00+02:00");
    let replied = ("replied", "2026-06-03T09:00:00+02:00");
    let as_of_row = |events: &[(&str, &str)], as_of: &str| {
        let mut rows = policy
            .evaluate(&record(&policy, None, events), at(as_of))
            .unwrap();
        rows.remove(0)
    };
    // Paused: no deadline, but at risk since day 0's close all the same.
    let row = as_of_row(&[opened, waiting], "2026-06-02T12:00:00+02:00");
    assert_eq!(row.status(), Status::Paused);
    assert_eq!(row.at_risk_from(), Some(day_0_close));
    // Resumed: the same instant.
    let row = as_of_row(&[opened, waiting, replied], "2026-06-03T12:00:00+02:00");
    assert_eq!(
        line(&row),
        "resolution,1,DE,2026-06-01T10:00:00+02:00,2026-06-05,2026-06-06T00:00:00+02:00,,at_risk,0,3,business_days"
    );
    assert_eq!(row.at_risk_from(), Some(day_0_close));
    // Resolved while paused: met, and at risk from day 0's close.
    let resolved = ("resolved", "2026-06-02T15:00:00+02:00");
    let row = as_of_row(&[opened, waiting, resolved], "2026-06-03T12:00:00+02:00");
    assert_eq!(row.status(), Status::Met);
    assert_eq!(row.at_risk_from(), Some(day_0_close));
    // The explanation says the same.
    let text = policy
        .explain(
            &record(&policy, None, &[opened, waiting]),
            at("2026-06-02T12:00:00+02:00"),
        )
        .unwrap()
        .remove(0)
        .to_string();
    assert!(
        text.contains("at risk after 0 business days (from 2026-06-02T00:00:00+02:00)"),
        "{text}"
    );
}
