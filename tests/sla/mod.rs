//! SLA clocks end to end through the public API: dated cases worked out by hand, properties
//! over random records, and a second implementation written from the SPEC alone
//! (`reference.rs`) that the engine is compared with on random records (`differential.rs`).

use slacal::{ClockOutcome, Instant, Policy, Record};

mod dated;
mod differential;
mod guide;
mod properties;
mod reference;

/// The built-in marketplace policy.
pub fn marketplace() -> Policy {
    Policy::builtin("marketplace").unwrap_or_else(|e| panic!("marketplace: {e}"))
}

/// An instant from RFC 3339 text.
pub fn at(text: &str) -> Instant {
    Instant::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

/// A record of `(event, RFC 3339 instant)` pairs, with an optional calendar.
pub fn record(policy: &Policy, calendar: Option<&str>, events: &[(&str, &str)]) -> Record {
    let mut record = Record::new("offer-1");
    for (row, (event, instant)) in events.iter().enumerate() {
        let id = policy.event(event).unwrap_or_else(|e| panic!("{e}"));
        record.push_from_row(id, at(instant), row as u64 + 2);
    }
    if let Some(calendar) = calendar {
        record.set_calendar_from_row(calendar, 2).unwrap();
    }
    record
}

/// Evaluates and writes each row as the CSV line of the output, without the record id.
pub fn evaluate(
    policy: &Policy,
    calendar: Option<&str>,
    events: &[(&str, &str)],
    as_of: &str,
) -> Vec<String> {
    policy
        .evaluate(&record(policy, calendar, events), at(as_of))
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(line)
        .collect()
}

/// A row as its CSV line, without the record id, and with the `estimated` column only when it
/// is true (`,estimated` at the end).
pub fn line(row: &ClockOutcome) -> String {
    let mut line = row
        .fields()
        .iter()
        .skip(1)
        .take(slacal::sla::OUTCOME_COLUMNS.len() - 2)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    if row.is_estimated() {
        line.push_str(",estimated");
    }
    line
}

/// The rows of one clock.
pub fn clock<'a>(rows: &'a [String], name: &str) -> Vec<&'a str> {
    rows.iter()
        .filter(|row| row.split(',').next() == Some(name))
        .map(String::as_str)
        .collect()
}
