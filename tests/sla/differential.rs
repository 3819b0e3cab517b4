//! Differential tests: the engine against the reference evaluator of `reference.rs`, on random
//! records, comparing every column of every row.
//!
//! Records are built around dates where things go wrong: DST changes of the zone the calendar
//! runs in (including zones whose clocks skip or repeat midnight), year ends, holidays and
//! weekends, with instants at, just before and just after the closes, events at the same
//! instant, exact duplicates, input out of order, events after as-of and re-publishes. The
//! calendars are `US`, `GB-ENG`, `DE`, `JP`, `US+GB-ENG` and `IL` (a Friday–Saturday weekend).

use chrono::{Datelike, Days, NaiveDate};
use chrono_tz::Tz;
use proptest::prelude::*;
use slacal::{Calendar, ClockOutcome, Error, Instant, Record};

use super::reference::{self, Budget, Clock, Elapsed, Row, Rule, Settings, Threshold, TimeUnit};

const CALENDARS: [&str; 6] = ["US", "GB-ENG", "DE", "JP", "US+GB-ENG", "IL"];

/// Nanoseconds in a second.
const SECOND: i64 = 1_000_000_000;

/// An event's instant, relative to a date. Amounts are nanoseconds: instants keep fractions
/// of a second, and the engine must not drop them.
#[derive(Clone, Debug)]
enum Time {
    /// The close of the date (the local midnight that ends it), plus a second, a tenth of a
    /// second or a nanosecond either way, or nothing.
    Close(i64),
    /// Nanoseconds after the start of the date.
    Within(i64),
    /// The instant of an earlier event of the list (else the start of the date).
    SameAs(usize),
    /// Nanoseconds after an earlier event of the list (else after the start of the date).
    After(usize, i64),
}

/// One event of a random record: which (an index into the policy's events), on which day
/// after the anchor, at what time.
#[derive(Clone, Debug)]
struct RawEvent {
    event: usize,
    day: i64,
    time: Time,
}

/// As-of, relative to the anchor or to an event.
#[derive(Clone, Debug)]
enum AsOf {
    Day(i64, Time),
    /// An event's instant, plus 0 or minus a second, 0.3 s or a nanosecond (nanoseconds).
    Event(usize, i64),
    /// Long after: every deadline has passed.
    Far(i64),
}

/// A random record, as raw choices; [`Case::build`] turns it into instants.
#[derive(Clone, Debug)]
struct Case {
    calendar: usize,
    /// Whether the record names its calendar (always, when it is not the policy's).
    named: bool,
    year: i32,
    anchor_kind: u8,
    anchor_pick: usize,
    /// When set, the events in time order follow the policy's usual path, without the later
    /// steps whose bit is set here, and only the events beyond the path keep their random
    /// names.
    path: Option<u16>,
    events: Vec<RawEvent>,
    /// Events pushed a second time (exact duplicates).
    duplicates: Vec<usize>,
    as_of: AsOf,
}

/// A fraction of a second: usually none, else a tenth, a nanosecond short of a second, or any.
fn fraction() -> impl Strategy<Value = i64> {
    prop_oneof![
        6 => Just(0i64),
        1 => Just(SECOND / 10),
        1 => Just(SECOND - 1),
        1 => 0..SECOND,
    ]
}

fn time() -> impl Strategy<Value = Time> {
    let close = prop::sample::select(vec![
        -SECOND,
        -SECOND / 10,
        -1,
        0,
        0,
        1,
        SECOND / 10,
        SECOND,
    ]);
    prop_oneof![
        close.prop_map(Time::Close),
        (0i64..86_400, fraction())
            .prop_map(|(seconds, nanos)| Time::Within(seconds * SECOND + nanos)),
        (0usize..12).prop_map(Time::SameAs),
        (0usize..12, 0i64..7_200, fraction())
            .prop_map(|(event, seconds, nanos)| Time::After(event, seconds * SECOND + nanos)),
    ]
}

fn case(events: usize) -> impl Strategy<Value = Case> {
    let raw = (0..events, -3i64..=30, time())
        .prop_map(|(event, day, time)| RawEvent { event, day, time })
        .boxed();
    let as_of = prop_oneof![
        4 => (-3i64..=45, time()).prop_map(|(day, time)| AsOf::Day(day, time)),
        2 => (0usize..12, prop::sample::select(vec![-SECOND, -3 * SECOND / 10, -1, 0, 0]))
            .prop_map(|(event, delta)| AsOf::Event(event, delta)),
        1 => (60i64..=800).prop_map(AsOf::Far),
    ];
    (
        (
            0..CALENDARS.len(),
            any::<bool>(),
            // Now and then the first or the last year a calendar covers (0 stands for the
            // first): dates beyond them must be refused by both sides.
            prop_oneof![8 => 1996i32..=2030, 1 => Just(0), 1 => Just(2199)],
        ),
        (0u8..4, any::<usize>()),
        // Each later step of the path dropped with probability 1/4.
        prop_oneof![1 => Just(None), 4 => (any::<u16>(), any::<u16>()).prop_map(|(a, b)| Some(a & b & !1))],
        prop_oneof![1 => prop::collection::vec(raw.clone(), 0..=3), 4 => prop::collection::vec(raw, 4..=11)],
        prop::collection::vec(0usize..12, 0..=2),
        as_of,
    )
        .prop_map(
            |((calendar, named, year), (anchor_kind, anchor_pick), path, events, duplicates, as_of)| Case {
                calendar,
                named,
                year,
                anchor_kind,
                anchor_pick,
                path,
                events,
                duplicates,
                as_of,
            },
        )
}

/// The dates of a year on which the zone's offset changes.
fn offset_changes(zone: Tz, year: i32) -> Vec<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    first
        .iter_days()
        .take_while(|date| date.year() == year)
        .filter(|&date| {
            let start = reference::close(zone, date.pred_opt().unwrap());
            let end = reference::close(zone, date);
            reference::offset(zone, start) != reference::offset(zone, end - 1)
        })
        .collect()
}

/// A date to build a record around: a DST change of the zone, the end of the year, a holiday
/// of the calendar or any day of the year.
fn anchor(calendar: &Calendar, zone: Tz, year: i32, kind: u8, pick: usize) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
    let choices: Vec<NaiveDate> = match kind {
        0 => offset_changes(zone, year),
        1 => (14..=31)
            .map(|day| NaiveDate::from_ymd_opt(year, 12, day).unwrap())
            .collect(),
        2 => calendar
            .holidays_between(first, last)
            .unwrap()
            .iter()
            .map(|holiday| holiday.date())
            .collect(),
        _ => Vec::new(),
    };
    if choices.is_empty() {
        return first + Days::new((pick % 365) as u64);
    }
    // Start a few days before the interesting date, so that both sides of it are covered.
    let date = choices[pick % choices.len()];
    date - Days::new((pick / choices.len() % 4) as u64)
}

/// A record ready for both sides.
struct Built {
    calendar: &'static str,
    named: Option<&'static str>,
    zone: Tz,
    /// In the order they are pushed, duplicates included; nanoseconds since 1970.
    events: Vec<(&'static str, i128)>,
    as_of: i128,
    /// Built at the first or last year the calendar covers.
    edge: bool,
}

impl Case {
    /// `nanos` after an event already placed, else after the start of `date`.
    fn after(instants: &[i128], event: usize, nanos: i64, zone: Tz, date: NaiveDate) -> i128 {
        let base = match instants.get(event) {
            Some(&at) => at,
            None => reference::close(zone, date.pred_opt().unwrap()),
        };
        base + i128::from(nanos)
    }

    fn build(&self, policy: &reference::Policy, path: &[&'static str]) -> Built {
        let calendar_id = CALENDARS[self.calendar];
        let calendar = Calendar::builtin(calendar_id).unwrap();
        let zone = policy.zone(&calendar);
        let year = if self.year == 0 {
            calendar.first_year()
        } else {
            self.year
        };
        let anchor = anchor(&calendar, zone, year, self.anchor_kind, self.anchor_pick);
        let date = |day: i64| {
            if day >= 0 {
                anchor + Days::new(day as u64)
            } else {
                anchor - Days::new(day.unsigned_abs())
            }
        };
        let mut instants: Vec<i128> = Vec::new();
        let at = |day: i64, time: &Time, instants: &[i128]| {
            let date = date(day);
            match *time {
                Time::Close(delta) => reference::close(zone, date) + i128::from(delta),
                Time::Within(nanos) => {
                    reference::close(zone, date.pred_opt().unwrap()) + i128::from(nanos)
                }
                Time::SameAs(event) => Self::after(instants, event, 0, zone, date),
                Time::After(event, seconds) => Self::after(instants, event, seconds, zone, date),
            }
        };
        for raw in &self.events {
            let instant = at(raw.day, &raw.time, &instants);
            instants.push(instant);
        }
        let mut names: Vec<&'static str> = self
            .events
            .iter()
            .map(|raw| policy.events[raw.event % policy.events.len()])
            .collect();
        if let Some(dropped) = self.path {
            let mut order: Vec<usize> = (0..instants.len()).collect();
            order.sort_by_key(|&i| instants[i]);
            let steps = path
                .iter()
                .enumerate()
                .filter(|&(step, _)| dropped & (1 << step) == 0);
            for (&i, (_, &name)) in order.iter().zip(steps) {
                names[i] = name;
            }
        }
        let mut events: Vec<(&'static str, i128)> =
            names.into_iter().zip(instants.iter().copied()).collect();
        for &duplicate in &self.duplicates {
            if let Some(&event) = events.get(duplicate) {
                events.push(event);
            }
        }
        let as_of = match self.as_of {
            AsOf::Day(day, ref time) => at(day, time, &instants),
            AsOf::Event(event, delta) => match instants.get(event) {
                Some(&at) => at + i128::from(delta),
                None => reference::close(zone, anchor),
            },
            AsOf::Far(days) => reference::close(zone, date(days)),
        };
        let named = (self.named || calendar_id != policy.calendar).then_some(calendar_id);
        Built {
            calendar: calendar_id,
            named,
            zone,
            events,
            as_of,
            edge: self.year == 0 || self.year == 2199,
        }
    }
}

/// The engine, as a program evaluating record after record would use it: one policy, one
/// record emptied and refilled ([`Record::reset`]), one output buffer
/// ([`slacal::Policy::evaluate_into`]). Whatever the engine keeps from record to record must
/// not change an answer.
struct Engine {
    policy: slacal::Policy,
    record: Record,
    out: Vec<ClockOutcome>,
}

impl Engine {
    fn new(policy: slacal::Policy) -> Engine {
        Engine {
            policy,
            record: Record::new("offer-0"),
            out: Vec::new(),
        }
    }

    /// The engine's rows, as text, or its refusal; fails when
    /// [`slacal::Policy::evaluate`] on a fresh record does not give the same.
    fn rows(&mut self, built: &Built) -> Result<Result<Vec<Row>, Error>, TestCaseError> {
        let policy = &self.policy;
        let fill = |record: &mut Record| -> Result<(), Error> {
            if let Some(calendar) = built.named {
                record.set_calendar_from_row(calendar, 1)?;
            }
            for (row, &(name, at)) in built.events.iter().enumerate() {
                record.push_from_row(
                    policy.event(name)?,
                    Instant::from_unix_nanos(at)?,
                    row as u64 + 2,
                );
            }
            Ok(())
        };
        let setup = || TestCaseError::fail("a record the engine cannot even hold");
        let as_of = Instant::from_unix_nanos(built.as_of).map_err(|_| setup())?;
        self.record.reset("offer-1");
        fill(&mut self.record).map_err(|_| setup())?;
        let reused = policy.evaluate_into(&self.record, as_of, &mut self.out);
        let mut fresh = Record::new("offer-1");
        fill(&mut fresh).map_err(|_| setup())?;
        let fresh = policy.evaluate(&fresh, as_of);
        match (reused, fresh) {
            (Ok(()), Ok(rows)) if rows == self.out => {}
            (Err(a), Err(b)) if a.to_string() == b.to_string() => return Ok(Err(a)),
            (reused, fresh) => {
                return Err(TestCaseError::fail(format!(
                    "evaluate_into on a reused record gave {reused:?} {:?}, evaluate {fresh:?}",
                    self.out
                )));
            }
        }
        Ok(Ok(self
            .out
            .iter()
            .map(|row| {
                let [columns @ .., estimated] = row.fields().map(|field| field.to_string());
                // None of these calendars has estimated years: no row depends on one.
                assert_eq!(estimated, "false", "{columns:?}");
                (row, columns)
            })
            .map(|(row, columns)| Row {
                columns,
                at_risk_from: row
                    .at_risk_from()
                    .map(|at| at.rfc3339(row.time_zone()).to_string())
                    .unwrap_or_default(),
            })
            .collect()))
    }
}

/// Both sides on one record; on a difference, the record and both answers, readably.
///
/// Both may refuse a record (a date outside the years the calendar covers); the messages are
/// each side's own. The reference asks a calendar only about the dates an answer needs, the
/// engine about a few more (the projected instant of a threshold not yet reached, the day of
/// an as-of past the last covered close): for records built at the first or last year a
/// calendar covers, the engine may refuse with a range error where the reference answers.
/// The SPEC asks for an error rather than a silent wrong answer, and that is one. The other
/// way round, an answer where the reference needed a date outside the covered years, would be
/// a silent wrong answer, and fails; so does any refusal by one side anywhere else.
fn compare(
    engine: &mut Engine,
    reference_policy: &reference::Policy,
    built: &Built,
) -> Result<(), TestCaseError> {
    let ours = reference_policy.evaluate("offer-1", built.named, &built.events, built.as_of);
    let theirs = engine.rows(built)?;
    match (&ours, &theirs) {
        (Ok(ours), Ok(theirs)) if ours == theirs => return Ok(()),
        (Err(_), Err(_)) => return Ok(()),
        (Ok(_), Err(e)) if built.edge && e.is_range() => return Ok(()),
        _ => {}
    }
    let text = |rows: &Result<Vec<Row>, Error>| match rows {
        Ok(rows) => rows.iter().map(Row::line).collect::<Vec<_>>().join("\n"),
        Err(e) => format!("error: {e}"),
    };
    let mut sorted = built.events.clone();
    sorted.sort_by_key(|&(_, at)| at);
    let events: Vec<String> = sorted
        .iter()
        .map(|&(name, at)| format!("  {} {name}", reference::rfc3339(built.zone, at)))
        .collect();
    Err(TestCaseError::fail(format!(
        "calendar {} (named: {:?}) in {}, as of {}\nevents:\n{}\nreference:\n{}\nengine:\n{}",
        built.calendar,
        built.named,
        built.zone.name(),
        reference::rfc3339(built.zone, built.as_of),
        events.join("\n"),
        text(&ours),
        text(&theirs),
    )))
}

/// The marketplace's usual path: a failed certification, a re-publish, then through preview
/// and Go Live to live.
const MARKETPLACE_PATH: [&str; 9] = [
    "submitted",
    "prerequisites_validated",
    "certification_failed",
    "submitted",
    "prerequisites_validated",
    "certification_passed",
    "preview_ready",
    "go_live",
    "live",
];

/// A support desk's usual path: waiting on the customer twice, an escalation, a reopen.
const DESK_PATH: [&str; 10] = [
    "opened",
    "acknowledged",
    "waiting",
    "replied",
    "waiting",
    "escalated",
    "replied",
    "resolved",
    "reopened",
    "withdrawn",
];

/// An elapsed duration of `seconds`, written in whole units from weeks down.
fn elapsed(mut seconds: i64) -> Elapsed {
    let mut terms = Vec::new();
    for unit in TimeUnit::ALL.into_iter().rev() {
        let size = unit.seconds();
        if seconds >= size {
            terms.push((seconds / size, unit));
            seconds %= size;
        }
    }
    Elapsed(terms)
}

fn budget() -> impl Strategy<Value = Budget> {
    let terms = prop::collection::btree_map(0usize..5, 1i64..=5, 1..=2).prop_map(|terms| {
        Budget::Elapsed(Elapsed(
            terms
                .into_iter()
                .rev()
                .map(|(unit, n)| (n, TimeUnit::ALL[unit]))
                .collect(),
        ))
    });
    prop_oneof![
        6 => (1i64..=15).prop_map(Budget::BusinessDays),
        6 => terms,
        1 => Just(Budget::BusinessDays(0)),
        1 => Just(Budget::Elapsed(Elapsed(vec![(0, TimeUnit::Minutes)]))),
    ]
}

/// At-risk thresholds the policy parser accepts for a budget: a percentage, or a duration of
/// the budget's kind within it, or of the other kind.
fn thresholds(budget: &Budget) -> impl Strategy<Value = Vec<Threshold>> + use<> {
    let amount = budget.amount();
    let same_kind: BoxedStrategy<Threshold> = match budget {
        Budget::BusinessDays(_) => (0..=amount).prop_map(Threshold::BusinessDays).boxed(),
        Budget::Elapsed(_) => (1..=amount.max(1))
            .prop_map(|seconds| Threshold::Elapsed(elapsed(seconds)))
            .boxed(),
    };
    let other_kind: BoxedStrategy<Threshold> = match budget {
        Budget::BusinessDays(_) => (1i64..=21 * 86_400)
            .prop_map(|seconds| Threshold::Elapsed(elapsed(seconds)))
            .boxed(),
        Budget::Elapsed(_) => (0i64..=10).prop_map(Threshold::BusinessDays).boxed(),
    };
    let one = prop_oneof![
        (1i64..=10_000).prop_map(Threshold::Percent),
        same_kind,
        other_kind,
    ];
    let one = if amount == 0 && matches!(budget, Budget::Elapsed(_)) {
        // No elapsed threshold fits in an empty elapsed budget.
        (1i64..=10_000).prop_map(Threshold::Percent).boxed()
    } else {
        one.boxed()
    };
    prop::collection::vec(one, 0..=3)
}

fn budget_and_thresholds() -> impl Strategy<Value = (Budget, Vec<Threshold>)> {
    budget().prop_flat_map(|budget| {
        let thresholds = thresholds(&budget);
        (Just(budget), thresholds)
    })
}

/// Zones the desk policy may run calendars in: their own; Santiago (clocks skip midnight);
/// Havana (skip and repeat midnight), Lord Howe (half-hour DST) and Kathmandu (+05:45);
/// Beirut (midnight changes) for `US`, and Berlin for the rest, which a joint calendar led by
/// `US` must not take; São Paulo (midnight changes until 2019) and Chatham (+12:45/+13:45).
fn zone_sets() -> [Vec<(&'static str, Tz)>; 5] {
    use chrono_tz::{America, Asia, Australia, Europe, Pacific};
    [
        Vec::new(),
        vec![("*", America::Santiago)],
        vec![
            ("US", America::Havana),
            ("GB-ENG", Australia::Lord_Howe),
            ("*", Asia::Kathmandu),
        ],
        vec![("US", Asia::Beirut), ("*", Europe::Berlin)],
        vec![("IL", America::Sao_Paulo), ("JP", Pacific::Chatham)],
    ]
}

/// The calendar entries a cutoff may be added to (creating the entry when there is none).
const CUTOFF_TARGETS: [&str; 7] = ["*", "US", "GB-ENG", "DE", "JP", "IL", "US+GB-ENG"];

/// How the desk policy runs its calendars: a zone set, and a cutoff in the entries of the
/// targets whose bit is set.
fn calendar_settings(
    zones: usize,
    cutoff: Option<(u32, u32)>,
    targets: u8,
) -> Vec<(&'static str, Settings)> {
    let mut settings: Vec<(&'static str, Settings)> = zone_sets()[zones]
        .iter()
        .map(|&(id, zone)| (id, Settings::zone(zone)))
        .collect();
    let Some((hour, minute)) = cutoff else {
        return settings;
    };
    let cutoff = chrono::NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
    for (bit, target) in CUTOFF_TARGETS.into_iter().enumerate() {
        if targets & (1 << bit) == 0 {
            continue;
        }
        match settings.iter_mut().find(|(id, _)| *id == target) {
            Some((_, entry)) => entry.cutoff = Some(cutoff),
            None => settings.push((
                target,
                Settings {
                    time_zone: None,
                    cutoff: Some(cutoff),
                },
            )),
        }
    }
    settings
}

/// A cutoff at a whole hour, a half hour or a minute before the hour, and the entries it goes
/// in.
fn cutoff() -> impl Strategy<Value = (Option<(u32, u32)>, u8)> {
    (
        prop::option::of((0u32..24, prop::sample::select(vec![0u32, 30, 59]))),
        any::<u8>(),
    )
}

/// The start rules a desk policy states: for the policy, and for each of its four clocks
/// (`None`: not stated).
#[derive(Clone, Debug)]
struct Rules {
    policy: Option<Rule>,
    clocks: [Option<Rule>; 4],
}

fn rule() -> impl Strategy<Value = Option<Rule>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(Rule::NextDay)),
        2 => Just(Some(Rule::RollForward)),
    ]
}

fn rules() -> impl Strategy<Value = Rules> {
    (rule(), [rule(), rule(), rule(), rule()]).prop_map(|(policy, clocks)| Rules { policy, clocks })
}

/// A support desk: four clocks over the same events with every role, budgets, thresholds and
/// start rules as drawn.
fn desk(
    clocks: &[(Budget, Vec<Threshold>)],
    calendars: Vec<(&'static str, Settings)>,
    rules: &Rules,
) -> reference::Policy {
    let events = vec![
        "opened",
        "acknowledged",
        "waiting",
        "replied",
        "escalated",
        "resolved",
        "withdrawn",
        "reopened",
    ];
    let clock = |i: usize, name, start: &[&'static str], stop: &[&'static str]| Clock {
        name,
        start: start.to_vec(),
        stop: stop.to_vec(),
        fail: Vec::new(),
        cancel: Vec::new(),
        pause: Vec::new(),
        resume: Vec::new(),
        budget: clocks[i].0.clone(),
        at_risk: clocks[i].1.clone(),
        start_rule: rules.clocks[i],
    };
    reference::Policy {
        name: "desk",
        events,
        calendar: "GB-ENG",
        calendars,
        start_rule: rules.policy,
        clocks: vec![
            Clock {
                cancel: vec!["withdrawn"],
                ..clock(0, "response", &["opened", "reopened"], &["acknowledged"])
            },
            Clock {
                fail: vec!["escalated"],
                cancel: vec!["withdrawn"],
                pause: vec!["waiting"],
                resume: vec!["replied"],
                ..clock(1, "resolution", &["opened", "reopened"], &["resolved"])
            },
            Clock {
                cancel: vec!["escalated"],
                pause: vec!["waiting"],
                resume: vec!["reopened"],
                ..clock(2, "follow_up", &["replied"], &["resolved"])
            },
            // Stopped by an event earlier in the lifecycle than the one that starts it.
            Clock {
                pause: vec!["withdrawn"],
                resume: vec!["acknowledged"],
                ..clock(3, "late", &["resolved"], &["opened"])
            },
        ],
    }
}

/// A modest number of cases for CI; `PROPTEST_CASES` asks for more.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(192)
}

thread_local! {
    /// One marketplace engine for every case of a test thread, as for a long run.
    static MARKETPLACE: std::cell::RefCell<Engine> =
        std::cell::RefCell::new(Engine::new(super::marketplace()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// The built-in marketplace policy, which the reference transcribes from the SPEC's table.
    #[test]
    fn the_engine_agrees_with_the_reference_on_the_marketplace_policy(
        cases in prop::collection::vec(case(7), 1..=3),
    ) {
        let reference_policy = reference::Policy::marketplace();
        for case in cases {
            let built = case.build(&reference_policy, &MARKETPLACE_PATH);
            MARKETPLACE.with_borrow_mut(|engine| compare(engine, &reference_policy, &built))?;
        }
    }

    /// User policies with business-day and elapsed budgets (zero included), pauses, fail and
    /// cancel events, thresholds of every kind, and calendars run in zones of their own and
    /// with cutoffs.
    #[test]
    fn the_engine_agrees_with_the_reference_on_user_policies(
        clocks in prop::collection::vec(budget_and_thresholds(), 4),
        zones in 0..zone_sets().len(),
        (cutoff, targets) in cutoff(),
        rules in rules(),
        cases in prop::collection::vec(case(8), 1..=3),
    ) {
        let reference_policy = desk(&clocks, calendar_settings(zones, cutoff, targets), &rules);
        let text = reference_policy.toml();
        let engine_policy = slacal::Policy::builder().parse("desk.toml", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let mut engine = Engine::new(engine_policy);
        for case in cases {
            let built = case.build(&reference_policy, &DESK_PATH);
            compare(&mut engine, &reference_policy, &built)
                .map_err(|e| TestCaseError::fail(format!("{e}\npolicy:\n{text}")))?;
        }
    }
}

/// The generated records reach every status on both policies, so that the properties above
/// compare something (a fixed seed: this cannot flake).
#[test]
fn the_generated_records_reach_every_status() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeSet;

    const STATUSES: [&str; 9] = [
        "met",
        "breached",
        "running",
        "at_risk",
        "overdue",
        "paused",
        "not_started",
        "failed",
        "cancelled",
    ];
    let mut runner = TestRunner::deterministic();
    let mut marketplace = BTreeSet::new();
    let mut desks = BTreeSet::new();
    let policy = reference::Policy::marketplace();
    let strategy = case(7);
    for _ in 0..150 {
        let case = strategy.new_tree(&mut runner).unwrap().current();
        let built = case.build(&policy, &MARKETPLACE_PATH);
        // Records beyond the covered years have no rows.
        let rows = policy.evaluate("r", built.named, &built.events, built.as_of);
        marketplace.extend(rows.into_iter().flatten().map(|row| row.columns[8].clone()));
    }
    let strategy = (
        prop::collection::vec(budget_and_thresholds(), 4),
        0..zone_sets().len(),
        cutoff(),
        rules(),
        case(8),
    );
    for _ in 0..150 {
        let (clocks, zones, (cutoff, targets), rules, case) =
            strategy.new_tree(&mut runner).unwrap().current();
        let policy = desk(&clocks, calendar_settings(zones, cutoff, targets), &rules);
        let built = case.build(&policy, &DESK_PATH);
        let rows = policy.evaluate("r", built.named, &built.events, built.as_of);
        desks.extend(rows.into_iter().flatten().map(|row| row.columns[8].clone()));
    }
    let all: BTreeSet<String> = STATUSES.iter().map(|status| status.to_string()).collect();
    assert_eq!(marketplace, all, "marketplace");
    assert_eq!(desks, all, "desk");
}

// Hand-worked examples: the reference and the engine must both give the rows worked out by
// hand. The marketplace policy runs `US` in America/Los_Angeles (PST, -08:00, from
// 2026-11-01); holidays: `US` from OPM's federal holiday table (Veterans Day Wednesday
// 2026-11-11, Thanksgiving Thursday 2026-11-26), `DE` from the federal public holidays
// (Whit Monday 2026-05-25, then none until 3 October), `IL` from the holiday file.

/// An instant from RFC 3339 text, read by chrono, in nanoseconds since 1970.
fn unix(text: &str) -> i128 {
    let time = chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    i128::from(time.timestamp()) * i128::from(SECOND) + i128::from(time.timestamp_subsec_nanos())
}

/// Both sides on a record written by hand; asserts they agree and gives the rows as CSV lines
/// without the record id.
fn both(
    reference_policy: &reference::Policy,
    engine_policy: &slacal::Policy,
    calendar: Option<&'static str>,
    events: &[(&'static str, &str)],
    as_of: &str,
) -> Vec<String> {
    let calendar_id = CALENDARS
        .into_iter()
        .find(|id| Some(*id) == calendar)
        .unwrap_or(reference_policy.calendar);
    let built = Built {
        calendar: calendar_id,
        named: calendar,
        zone: reference_policy.zone(&Calendar::builtin(calendar_id).unwrap()),
        events: events
            .iter()
            .map(|&(event, at)| (event, unix(at)))
            .collect(),
        as_of: unix(as_of),
        edge: false,
    };
    if let Err(e) = compare(
        &mut Engine::new(engine_policy.clone()),
        reference_policy,
        &built,
    ) {
        panic!("{e}");
    }
    reference_policy
        .evaluate("offer-1", calendar, &built.events, built.as_of)
        .unwrap()
        .iter()
        .map(|row| row.columns[1..].join(","))
        .collect()
}

fn marketplace_both(events: &[(&'static str, &str)], as_of: &str) -> Vec<String> {
    both(
        &reference::Policy::marketplace(),
        &super::marketplace(),
        None,
        events,
        as_of,
    )
}

/// A policy of one clock over two events, for the reference and the engine.
fn one_clock(
    calendar: &'static str,
    budget: Budget,
    at_risk: Vec<Threshold>,
) -> (reference::Policy, slacal::Policy) {
    let policy = reference::Policy {
        name: "permits",
        events: vec!["filed", "granted"],
        calendar,
        calendars: Vec::new(),
        start_rule: None,
        clocks: vec![Clock {
            at_risk,
            ..Clock::new("review", "filed", "granted", budget)
        }],
    };
    let engine = slacal::Policy::builder()
        .parse("permits.toml", &policy.toml())
        .unwrap();
    (policy, engine)
}

#[test]
fn the_spec_deadline_of_due_date_2026_12_11_in_us() {
    // SPEC section 3: "the `deadline` of due date 2026-12-11 in `US` is written
    // 2026-12-12T00:00:00-08:00". Submitted Thursday 2026-11-19: day 0 Thu 19, then Fri 20
    // (1), Mon 23 (2), Tue 24 (3), Wed 25 (4), Fri 27 (5), Mon 30 (6), Tue 1 (7), Wed 2 (8),
    // Thu 3 (9), Fri 4 (10), Mon 7 (11), Tue 8 (12), Wed 9 (13), Thu 10 (14), Fri 11 (15).
    let rows = marketplace_both(
        &[("submitted", "2026-11-19T10:00:00-08:00")],
        "2026-11-19T11:00:00-08:00",
    );
    assert_eq!(
        super::clock(&rows, "certification"),
        [
            "certification,1,US,2026-11-19T10:00:00-08:00,2026-12-11,2026-12-12T00:00:00-08:00,,running,0,15,business_days"
        ]
    );
}

#[test]
fn the_crate_docs_record() {
    // The record of the crate documentation, as of Friday 2026-12-04 at noon. publish: day 0
    // Fri 20 Nov; Mon 23 (1), Tue 24 (2), Wed 25 (3), Fri 27 (4), Mon 30 (5), Tue 1 (6), Wed 2
    // (7, at risk), Thu 3 (8) have closed; Fri 4 (9), Mon 7 (10): due 2026-12-07.
    // certification passed on Thu 3 at 16:00 with 7 closed. packaging started then, 1 hour:
    // 20 hours by as-of, 19 past the budget.
    let rows = marketplace_both(
        &[
            ("submitted", "2026-11-20T09:15:00-08:00"),
            ("prerequisites_validated", "2026-11-20T09:25:00-08:00"),
            ("certification_passed", "2026-12-03T16:00:00-08:00"),
        ],
        "2026-12-04T12:00:00-08:00",
    );
    assert_eq!(
        rows,
        [
            "validation,1,US,2026-11-20T09:15:00-08:00,2026-11-20,2026-11-20T09:30:00-08:00,2026-11-20T09:25:00-08:00,met,10,5,minutes",
            "certification,1,US,2026-11-20T09:15:00-08:00,2026-12-14,2026-12-15T00:00:00-08:00,2026-12-03T16:00:00-08:00,met,7,8,business_days",
            "packaging,1,US,2026-12-03T16:00:00-08:00,2026-12-03,2026-12-03T17:00:00-08:00,,overdue,20,-19,hours",
            "release,1,US,,,,,not_started,0,97,hours",
            "publish,1,US,2026-11-20T09:15:00-08:00,2026-12-07,2026-12-08T00:00:00-08:00,,at_risk,8,2,business_days",
        ]
    );
}

#[test]
fn a_pause_at_a_close_counts_that_day_and_a_resume_at_a_close_does_not() {
    // SPEC: "a pause or stop exactly at a close still counts that day; a resume exactly at a
    // close does not". Submitted Monday 2026-11-16 09:00; preview ready exactly at the close
    // of Tue 17 (2026-11-18T00:00): Tue 17 counts (1). Go Live exactly at the close of Wed 18
    // (2026-11-19T00:00): Wed 18 does not count. Then Thu 19 (2), Fri 20 (3), Mon 23 (4),
    // Tue 24 (5), Wed 25 (6), Fri 27 (7), Mon 30 (8), Tue 1 (9), Wed 2 (10): due 2026-12-02,
    // one business day after the unpaused due date (Tue 1 Dec).
    let events = [
        ("submitted", "2026-11-16T09:00:00-08:00"),
        ("preview_ready", "2026-11-18T00:00:00-08:00"),
        ("go_live", "2026-11-19T00:00:00-08:00"),
    ];
    let rows = marketplace_both(&events, "2026-11-19T00:00:00-08:00");
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-02,2026-12-03T00:00:00-08:00,,running,1,9,business_days"
        ]
    );
    // Live one second before the deadline meets it; live at the deadline (a stop exactly at
    // the close of the 10th day counts that day) breaches it, late by the day then beginning:
    // `remaining` is -1, never 0, on a breached row.
    let mut live = events.to_vec();
    live.push(("live", "2026-12-02T23:59:59-08:00"));
    let rows = marketplace_both(&live, "2026-12-10T00:00:00-08:00");
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-02,2026-12-03T00:00:00-08:00,2026-12-02T23:59:59-08:00,met,9,1,business_days"
        ]
    );
    live[3].1 = "2026-12-03T00:00:00-08:00";
    let rows = marketplace_both(&live, "2026-12-10T00:00:00-08:00");
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-02,2026-12-03T00:00:00-08:00,2026-12-03T00:00:00-08:00,breached,10,-1,business_days"
        ]
    );
    // A tenth of a second before the deadline meets it: fractions are kept.
    live[3].1 = "2026-12-02T23:59:59.9-08:00";
    let rows = marketplace_both(&live, "2026-12-10T00:00:00-08:00");
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-02,2026-12-03T00:00:00-08:00,2026-12-02T23:59:59.9-08:00,met,9,1,business_days"
        ]
    );
}

#[test]
fn a_pause_once_the_budget_is_used_up_changes_nothing() {
    // SPEC: "Once a clock's budget is used up, its deadline stands: a later pause changes
    // nothing". Submitted Monday 2026-11-16 09:00: publish is due Tue 1 Dec (see above), its
    // deadline 2026-12-02T00:00. Preview ready exactly then: the 10th close has counted, the
    // budget is used up, the pause and the Go Live after it are ignored. As of Friday 4 Dec at
    // noon, Wed 2 (11) and Thu 3 (12) have closed too, and Friday is under way: overdue, late
    // by 2 business days and part of a third, so `remaining` is -3.
    let used_up = [
        ("submitted", "2026-11-16T09:00:00-08:00"),
        ("preview_ready", "2026-12-02T00:00:00-08:00"),
        ("go_live", "2026-12-03T10:00:00-08:00"),
    ];
    let rows = marketplace_both(&used_up, "2026-12-04T12:00:00-08:00");
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-01,2026-12-02T00:00:00-08:00,,overdue,12,-3,business_days"
        ]
    );
    // One second earlier the pause applies: 9 have counted, the closes of Tue 1 and Wed 2 fall
    // inside it, and after Go Live on Thu 3 at 10:00 its close is the 10th: due 2026-12-03,
    // and as of Friday noon late by part of Friday: 1 business day.
    let mut in_time = used_up;
    in_time[1].1 = "2026-12-01T23:59:59-08:00";
    let rows = marketplace_both(&in_time, "2026-12-04T12:00:00-08:00");
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,,overdue,10,-1,business_days"
        ]
    );
}

#[test]
fn events_at_one_instant_apply_in_lifecycle_order_and_duplicates_and_later_events_are_ignored() {
    // Certification passed and submitted at the same instant (listed in that order, and
    // submitted twice): submitted applies first, so certification starts and stops at once
    // (met, nothing used) and packaging starts. Live and Go Live come after as-of: ignored.
    // As of 09:10: validation has used 10 of 15 minutes, packaging 10 minutes of its hour
    // (0.17 hours, rounded), publish nothing: day 0 Fri 20; Mon 23 (1) … Mon 7 (10).
    let rows = marketplace_both(
        &[
            ("certification_passed", "2026-11-20T09:00:00-08:00"),
            ("submitted", "2026-11-20T09:00:00-08:00"),
            ("submitted", "2026-11-20T17:00:00Z"),
            ("live", "2026-11-20T09:11:00-08:00"),
            ("go_live", "2026-11-20T09:30:00-08:00"),
        ],
        "2026-11-20T09:10:00-08:00",
    );
    assert_eq!(
        rows,
        [
            "validation,1,US,2026-11-20T09:00:00-08:00,2026-11-20,2026-11-20T09:15:00-08:00,,running,10,5,minutes",
            "certification,1,US,2026-11-20T09:00:00-08:00,2026-12-14,2026-12-15T00:00:00-08:00,2026-11-20T09:00:00-08:00,met,0,15,business_days",
            "packaging,1,US,2026-11-20T09:00:00-08:00,2026-11-20,2026-11-20T10:00:00-08:00,,running,0.17,0.83,hours",
            "release,1,US,,,,,not_started,0,97,hours",
            "publish,1,US,2026-11-20T09:00:00-08:00,2026-12-07,2026-12-08T00:00:00-08:00,,running,0,10,business_days",
        ]
    );
}

#[test]
fn a_start_while_open_cancels_the_attempt() {
    // Submitted Monday 2026-11-16 09:00 and again Wednesday 18 at 09:00, as of noon that day.
    // Each first attempt is cancelled at the second submission, with its deadline as it stood:
    // validation had used 2 days (2880 minutes) of 15; certification and publish had counted
    // Tue 17 (closed at 2026-11-18T00:00). Certification 1 was due Tue 8 Dec (15 after Mon
    // 16, skipping Thanksgiving), publish 1 Tue 1 Dec. The second attempts start on Wed 18:
    // certification due Thu 10 Dec, publish Thu 3 Dec; validation 2 is 3 hours in, overdue.
    let rows = marketplace_both(
        &[
            ("submitted", "2026-11-16T09:00:00-08:00"),
            ("submitted", "2026-11-18T09:00:00-08:00"),
        ],
        "2026-11-18T12:00:00-08:00",
    );
    assert_eq!(
        rows,
        [
            "validation,1,US,2026-11-16T09:00:00-08:00,2026-11-16,2026-11-16T09:15:00-08:00,2026-11-18T09:00:00-08:00,cancelled,2880,-2865,minutes",
            "validation,2,US,2026-11-18T09:00:00-08:00,2026-11-18,2026-11-18T09:15:00-08:00,,overdue,180,-165,minutes",
            "certification,1,US,2026-11-16T09:00:00-08:00,2026-12-08,2026-12-09T00:00:00-08:00,2026-11-18T09:00:00-08:00,cancelled,1,14,business_days",
            "certification,2,US,2026-11-18T09:00:00-08:00,2026-12-10,2026-12-11T00:00:00-08:00,,running,0,15,business_days",
            "packaging,1,US,,,,,not_started,0,1,hours",
            "release,1,US,,,,,not_started,0,97,hours",
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-01,2026-12-02T00:00:00-08:00,2026-11-18T09:00:00-08:00,cancelled,1,9,business_days",
            "publish,2,US,2026-11-18T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,,running,0,10,business_days",
        ]
    );
}

#[test]
fn israel_1996_03_14_closes_at_01_00_since_its_midnight_never_happened() {
    // Israel moved its clocks from 00:00 to 01:00 at the end of Thursday 1996-03-14 (tz
    // database, rule Zion 1996: "Mar 14 24:00"); Thursday is a business day of `IL` (weekend
    // Friday and Saturday). Its close is the first instant of Friday: 01:00 IDT (+03:00).
    // Filed Monday 1996-03-11: day 0 Mon 11; Tue 12 (1), Wed 13 (2), Thu 14 (3).
    let (policy, engine) = one_clock("IL", Budget::BusinessDays(3), Vec::new());
    let filed = ("filed", "1996-03-11T09:00:00+02:00");
    let rows = both(
        &policy,
        &engine,
        None,
        &[filed],
        "1996-03-14T23:59:59+02:00",
    );
    assert_eq!(
        rows,
        [
            "review,1,IL,1996-03-11T09:00:00+02:00,1996-03-14,1996-03-15T01:00:00+03:00,,running,2,1,business_days"
        ]
    );
    let rows = both(
        &policy,
        &engine,
        None,
        &[filed],
        "1996-03-15T01:00:00+03:00",
    );
    assert_eq!(
        rows,
        [
            "review,1,IL,1996-03-11T09:00:00+02:00,1996-03-14,1996-03-15T01:00:00+03:00,,overdue,3,-1,business_days"
        ]
    );
    let granted = ("granted", "1996-03-14T23:59:59+02:00");
    let rows = both(
        &policy,
        &engine,
        None,
        &[filed, granted],
        "1996-03-20T00:00:00+03:00",
    );
    assert_eq!(
        rows,
        [
            "review,1,IL,1996-03-11T09:00:00+02:00,1996-03-14,1996-03-15T01:00:00+03:00,1996-03-14T23:59:59+02:00,met,2,1,business_days"
        ]
    );
}

#[test]
fn israel_2000_10_05_closes_at_the_first_of_two_midnights() {
    // Israel moved its clocks back from 01:00 to 00:00 on Friday 2000-10-06 (tz database,
    // rule Zion 2000: "Oct 6 1:00"), so the midnight that ends Thursday 5 happened twice; the
    // close is the first, 00:00 IDT (+03:00). Filed Monday 2000-10-02 (after Rosh Hashanah):
    // day 0 Mon 2; Tue 3 (1), Wed 4 (2), Thu 5 (3). Granted at the second midnight, an hour
    // after the deadline: breached, 1 business day late (Friday is under way).
    let (policy, engine) = one_clock("IL", Budget::BusinessDays(3), Vec::new());
    let events = [
        ("filed", "2000-10-02T09:00:00+03:00"),
        ("granted", "2000-10-06T00:00:00+02:00"),
    ];
    let rows = both(&policy, &engine, None, &events, "2000-10-08T12:00:00+02:00");
    assert_eq!(
        rows,
        [
            "review,1,IL,2000-10-02T09:00:00+03:00,2000-10-05,2000-10-06T00:00:00+03:00,2000-10-06T00:00:00+02:00,breached,3,-1,business_days"
        ]
    );
}

#[test]
fn a_percentage_threshold_is_that_share_of_the_budget_rounded_up() {
    // 50 % of 15 business days is 7.5, reached at 8 (thresholds are reached at equality, so
    // the share is rounded up). DE: filed Monday 2026-06-01 10:00 (CEST); Tue 2 (1) … Thu 11
    // (8): at risk from the close of Thu 11, 2026-06-12T00:00; due Mon 22 (15).
    let (policy, engine) = one_clock(
        "DE",
        Budget::BusinessDays(15),
        vec![Threshold::Percent(5_000)],
    );
    let filed = [("filed", "2026-06-01T10:00:00+02:00")];
    let rows = both(&policy, &engine, None, &filed, "2026-06-11T23:59:59+02:00");
    assert_eq!(
        rows,
        [
            "review,1,DE,2026-06-01T10:00:00+02:00,2026-06-22,2026-06-23T00:00:00+02:00,,running,7,8,business_days"
        ]
    );
    let rows = both(&policy, &engine, None, &filed, "2026-06-12T00:00:00+02:00");
    assert_eq!(
        rows,
        [
            "review,1,DE,2026-06-01T10:00:00+02:00,2026-06-22,2026-06-23T00:00:00+02:00,,at_risk,8,7,business_days"
        ]
    );
    // 62.5 % of 4 hours is 2 h 30 min: at risk from 12:30:00. One second before, the amounts
    // round to 2.5 and 1.5 hours all the same.
    let (policy, engine) = one_clock(
        "DE",
        Budget::Elapsed(Elapsed(vec![(4, TimeUnit::Hours)])),
        vec![Threshold::Percent(6_250)],
    );
    let rows = both(&policy, &engine, None, &filed, "2026-06-01T12:29:59+02:00");
    assert_eq!(
        rows,
        [
            "review,1,DE,2026-06-01T10:00:00+02:00,2026-06-01,2026-06-01T14:00:00+02:00,,running,2.5,1.5,hours"
        ]
    );
    let rows = both(&policy, &engine, None, &filed, "2026-06-01T12:30:00+02:00");
    assert_eq!(
        rows,
        [
            "review,1,DE,2026-06-01T10:00:00+02:00,2026-06-01,2026-06-01T14:00:00+02:00,,at_risk,2.5,1.5,hours"
        ]
    );
}

#[test]
fn zero_business_days_are_reached_at_the_close_of_day_0() {
    // A budget of 0 business days is due on day 0 and its deadline is day 0's close (SPEC:
    // "the due date is the day on which the count reaches the budget; the deadline is that
    // day's close"). The SPEC leaves two points open, which the engine decides and the
    // reference follows: a threshold of 0 business days is reached there too ("measured like
    // the budget"), not at the start; and a pause before that close still applies (the budget
    // is used up at the deadline, not at the start). DE, filed Monday 2026-06-01 10:00.
    let (policy, engine) = one_clock(
        "DE",
        Budget::BusinessDays(2),
        vec![Threshold::BusinessDays(0)],
    );
    let filed = [("filed", "2026-06-01T10:00:00+02:00")];
    let rows = both(&policy, &engine, None, &filed, "2026-06-01T23:59:59+02:00");
    assert_eq!(
        rows,
        [
            "review,1,DE,2026-06-01T10:00:00+02:00,2026-06-03,2026-06-04T00:00:00+02:00,,running,0,2,business_days"
        ]
    );
    let rows = both(&policy, &engine, None, &filed, "2026-06-02T00:00:00+02:00");
    assert_eq!(
        rows,
        [
            "review,1,DE,2026-06-01T10:00:00+02:00,2026-06-03,2026-06-04T00:00:00+02:00,,at_risk,0,2,business_days"
        ]
    );
    let (mut policy, _) = one_clock("DE", Budget::BusinessDays(0), Vec::new());
    policy.events.extend(["waiting", "replied"]);
    policy.clocks[0].pause = vec!["waiting"];
    policy.clocks[0].resume = vec!["replied"];
    let engine = slacal::Policy::builder()
        .parse("permits.toml", &policy.toml())
        .unwrap();
    let paused = [
        ("filed", "2026-06-01T10:00:00+02:00"),
        ("waiting", "2026-06-01T12:00:00+02:00"),
    ];
    let rows = both(&policy, &engine, None, &paused, "2026-06-02T12:00:00+02:00");
    assert_eq!(
        rows,
        ["review,1,DE,2026-06-01T10:00:00+02:00,,,,paused,0,0,business_days"]
    );
}

#[test]
fn a_start_at_the_cutoff_keeps_its_day_and_a_second_later_does_not() {
    // SPEC: "a start ... after the calendar's cutoff time makes the next business day day 0".
    // A start exactly at the cutoff is not after it (the engine decides so; the reference
    // follows). DE run with a cutoff at 16:00, 2 business days. Filed Monday 2026-06-01 at
    // 16:00:00: day 0 Mon 1; Tue 2 (1), Wed 3 (2). At 16:00:01: day 0 Tue 2; Wed 3 (1), Thu 4
    // (2). Filed Friday 5 at 09:00, before the cutoff: day 0 Fri 5; Mon 8 (1), Tue 9 (2).
    let (mut policy, _) = one_clock("DE", Budget::BusinessDays(2), Vec::new());
    policy.calendars = vec![(
        "DE",
        Settings {
            time_zone: None,
            cutoff: chrono::NaiveTime::from_hms_opt(16, 0, 0),
        },
    )];
    let engine = slacal::Policy::builder()
        .parse("permits.toml", &policy.toml())
        .unwrap();
    let as_of = "2026-06-01T18:00:00+02:00";
    assert_eq!(
        both(
            &policy,
            &engine,
            None,
            &[("filed", "2026-06-01T16:00:00+02:00")],
            as_of
        ),
        [
            "review,1,DE,2026-06-01T16:00:00+02:00,2026-06-03,2026-06-04T00:00:00+02:00,,running,0,2,business_days"
        ]
    );
    assert_eq!(
        both(
            &policy,
            &engine,
            None,
            &[("filed", "2026-06-01T16:00:01+02:00")],
            as_of
        ),
        [
            "review,1,DE,2026-06-01T16:00:01+02:00,2026-06-04,2026-06-05T00:00:00+02:00,,running,0,2,business_days"
        ]
    );
    assert_eq!(
        both(
            &policy,
            &engine,
            None,
            &[("filed", "2026-06-05T09:00:00+02:00")],
            "2026-06-05T10:00:00+02:00"
        ),
        [
            "review,1,DE,2026-06-05T09:00:00+02:00,2026-06-09,2026-06-10T00:00:00+02:00,,running,0,2,business_days"
        ]
    );
}

#[test]
fn a_calendar_takes_one_entry_of_the_policy_whole() {
    // The policy format: `[calendars."*"]` applies to a calendar without an entry of its own,
    // and a joint calendar without one uses its first part's. An entry is taken whole: `DE`,
    // whose entry sets only a cutoff, runs in its own zone (Europe/Berlin), not in the `*`
    // zone; `GB-ENG` runs in the `*` zone, Santiago (-04:00 in June); `US+GB-ENG` takes the
    // entry of `US`, Honolulu (-10:00).
    let (mut policy, _) = one_clock("DE", Budget::BusinessDays(2), Vec::new());
    policy.calendars = vec![
        ("*", Settings::zone(chrono_tz::America::Santiago)),
        (
            "DE",
            Settings {
                time_zone: None,
                cutoff: chrono::NaiveTime::from_hms_opt(16, 0, 0),
            },
        ),
        ("US", Settings::zone(chrono_tz::Pacific::Honolulu)),
    ];
    let engine = slacal::Policy::builder()
        .parse("permits.toml", &policy.toml())
        .unwrap();
    let filed = [("filed", "2026-06-01T12:00:00Z")];
    let as_of = "2026-06-01T13:00:00Z";
    assert_eq!(
        both(&policy, &engine, None, &filed, as_of),
        [
            "review,1,DE,2026-06-01T14:00:00+02:00,2026-06-03,2026-06-04T00:00:00+02:00,,running,0,2,business_days"
        ]
    );
    assert_eq!(
        both(&policy, &engine, Some("GB-ENG"), &filed, as_of),
        [
            "review,1,GB-ENG,2026-06-01T08:00:00-04:00,2026-06-03,2026-06-04T00:00:00-04:00,,running,0,2,business_days"
        ]
    );
    assert_eq!(
        both(&policy, &engine, Some("US+GB-ENG"), &filed, as_of),
        [
            "review,1,US+GB-ENG,2026-06-01T02:00:00-10:00,2026-06-03,2026-06-04T00:00:00-10:00,,running,0,2,business_days"
        ]
    );
}

#[test]
fn a_stop_while_paused_ends_the_pause_and_shows_the_deadline_that_gives() {
    // SPEC: "An event that ends an attempt while it is paused (a stop, a failing event, a new
    // start) ends the pause at the same instant: a stop is then met unless the budget was used
    // up before the pause, and the row shows the deadline that gives." Submitted Monday
    // 2026-11-16 09:00; preview ready Friday 20 at 15:00 after Tue 17, Wed 18 and Thu 19 have
    // counted (3); live on Tuesday 24 at 10:00, still paused. The pause ends then: Fri 20 and
    // Mon 23 closed inside it; 7 left from Tuesday 24: Tue 24 (4), Wed 25 (5), Fri 27 (6),
    // Mon 30 (7), Tue 1 (8), Wed 2 (9), Thu 3 Dec (10). Met, 3 used, 7 left, due 2026-12-03.
    let rows = marketplace_both(
        &[
            ("submitted", "2026-11-16T09:00:00-08:00"),
            ("preview_ready", "2026-11-20T15:00:00-08:00"),
            ("live", "2026-11-24T10:00:00-08:00"),
        ],
        "2026-11-25T00:00:00-08:00",
    );
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,2026-11-24T10:00:00-08:00,met,3,7,business_days"
        ]
    );
    // A re-publish while paused: the new `submitted` ends the pause and cancels attempt 1
    // with the same deadline; certification failing while paused fails it likewise.
    let rows = marketplace_both(
        &[
            ("submitted", "2026-11-16T09:00:00-08:00"),
            ("preview_ready", "2026-11-20T15:00:00-08:00"),
            ("submitted", "2026-11-24T10:00:00-08:00"),
        ],
        "2026-11-24T11:00:00-08:00",
    );
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,2026-11-24T10:00:00-08:00,cancelled,3,7,business_days",
            "publish,2,US,2026-11-24T10:00:00-08:00,2026-12-09,2026-12-10T00:00:00-08:00,,running,0,10,business_days",
        ]
    );
    let rows = marketplace_both(
        &[
            ("submitted", "2026-11-16T09:00:00-08:00"),
            ("preview_ready", "2026-11-20T15:00:00-08:00"),
            ("certification_failed", "2026-11-24T10:00:00-08:00"),
        ],
        "2026-11-24T11:00:00-08:00",
    );
    assert_eq!(
        super::clock(&rows, "publish"),
        [
            "publish,1,US,2026-11-16T09:00:00-08:00,2026-12-03,2026-12-04T00:00:00-08:00,2026-11-24T10:00:00-08:00,failed,3,7,business_days"
        ]
    );
}

#[test]
fn amounts_round_half_away_from_zero_and_never_to_minus_zero() {
    // packaging, 1 hour from certification passed at 10:00. One second past the deadline,
    // `remaining` is the time past it rounded away from zero to a hundredth of an hour, -0.01
    // (never 0 on an overdue row), while `elapsed`, 1 + 1/3600, rounds to 1; 18 seconds past,
    // 1.005 rounds half away from zero to 1.01. A row that is not late rounds half away
    // from zero too, and an amount that rounds to zero is written `0`, never `-0`.
    let passed = [("certification_passed", "2026-11-20T10:00:00-08:00")];
    let rows = marketplace_both(&passed, "2026-11-20T11:00:01-08:00");
    assert_eq!(
        super::clock(&rows, "packaging"),
        [
            "packaging,1,US,2026-11-20T10:00:00-08:00,2026-11-20,2026-11-20T11:00:00-08:00,,overdue,1,-0.01,hours"
        ]
    );
    let rows = marketplace_both(&passed, "2026-11-20T11:00:18-08:00");
    assert_eq!(
        super::clock(&rows, "packaging"),
        [
            "packaging,1,US,2026-11-20T10:00:00-08:00,2026-11-20,2026-11-20T11:00:00-08:00,,overdue,1.01,-0.01,hours"
        ]
    );
    let rows = marketplace_both(&passed, "2026-11-20T10:59:59-08:00");
    assert_eq!(
        super::clock(&rows, "packaging"),
        [
            "packaging,1,US,2026-11-20T10:00:00-08:00,2026-11-20,2026-11-20T11:00:00-08:00,,running,1,0,hours"
        ]
    );
    let s = i128::from(SECOND);
    assert_eq!(reference::amount(-17 * s, 3_600 * s), "0");
    assert_eq!(reference::amount(750 * s, 60 * s), "12.5");
    assert_eq!(reference::amount(-5_400 * s, 3_600 * s), "-1.5");
}
