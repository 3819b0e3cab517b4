//! Event logs built from the fuzzer's bytes out of plausible pieces (a few ids, every event
//! and some unknown ones, instants near each other in several offsets, calendars known and
//! unknown): grouping rows into records, checking them and evaluating them must never panic,
//! must account for every row, and must give the same answer sorted and unsorted when the
//! rows of each record are together, and the same answer spilled to disk and held in memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const EVENTS: [&str; 9] = [
    "submitted",
    "prerequisites_validated",
    "certification_passed",
    "certification_failed",
    "preview_ready",
    "go_live",
    "live",
    "launched",
    "",
];
const CALENDARS: [&str; 8] = ["", "US", "GB-ENG", "DE", "JP", "IN", "XX", "US+GB-ENG"];
const OFFSETS: [&str; 5] = ["Z", "-08:00", "+05:30", "+14:00", ""];
const FRACTIONS: [&str; 4] = ["", ".5", ".123456789", ",25"];

fuzz_target!(|data: &[u8]| {
    let mut log = String::from("record_id,event,at,calendar\n");
    let mut grouped: Vec<(u8, String)> = Vec::new();
    for chunk in data.chunks_exact(6) {
        let id = chunk[0] % 5;
        let event = EVENTS[usize::from(chunk[1]) % EVENTS.len()];
        let calendar = CALENDARS[usize::from(chunk[2] >> 4) % CALENDARS.len()];
        let offset = OFFSETS[usize::from(chunk[2] & 0x0f) % OFFSETS.len()];
        // Instants over about three years around 2026, some with a fraction of a second.
        let fraction = FRACTIONS[usize::from(chunk[1] >> 5) % FRACTIONS.len()];
        let seconds =
            1_700_000_000i64 + i64::from(u32::from_le_bytes([chunk[3], chunk[4], chunk[5], 0])) * 6;
        let at = chrono::DateTime::from_timestamp(seconds, 0)
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default();
        let row = format!("r{id},{event},\"{at}{fraction}{offset}\",{calendar}\n");
        log.push_str(&row);
        grouped.push((id, row));
    }
    common::check(log.as_bytes(), false);
    // Spilled to disk at every block and merged: the answer of the log held in memory.
    let held = common::run(log.as_bytes(), 64, false);
    let spilled = common::run_with(log.as_bytes(), 64, false, 1);
    assert_eq!(held.map(|r| (r.0, r.1)), spilled.map(|r| (r.0, r.1)));
    grouped.sort_by_key(|(id, _)| *id);
    let mut sorted = String::from("record_id,event,at,calendar\n");
    for (_, row) in &grouped {
        sorted.push_str(row);
    }
    let streamed = common::run(sorted.as_bytes(), 13, true);
    let in_memory = common::run(sorted.as_bytes(), 1 << 18, false);
    let (streamed, in_memory) = (
        streamed.expect("a valid header"),
        in_memory.expect("a valid header"),
    );
    assert_eq!(streamed.0, in_memory.0);
    assert_eq!(streamed.1, in_memory.1);
});
