//! Any text as a policy file: parsing gives a policy or an error naming a place, never a
//! panic; a policy that parses evaluates and explains a record of its own events.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slacal::{Instant, Policy, Record};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let policy = match Policy::builder().parse("fuzz.toml", text) {
        Ok(policy) => policy,
        Err(err) => {
            assert!(err.to_string().starts_with("fuzz.toml"), "{err}");
            return;
        }
    };
    let events: Vec<_> = policy.events().map(|(id, _)| id).collect();
    let mut record = Record::new("fuzz");
    let start = Instant::parse("2026-11-20T09:00:00Z").expect("a valid instant");
    for (i, event) in events.iter().enumerate() {
        let at = start
            .checked_add_seconds(i as i64 * 86_399)
            .expect("in range");
        record.push_from_row(*event, at, i as u64 + 2);
    }
    let as_of = Instant::parse("2026-12-31T00:00:00Z").expect("a valid instant");
    if let Ok(rows) = policy.evaluate(&record, as_of) {
        assert!(rows.len() >= policy.clocks().len());
        let _ = policy.explain(&record, as_of);
    }
});
