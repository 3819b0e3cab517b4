//! What the batch targets share: run an export through the library twice, with tiny blocks
//! and with the default ones, and check that nothing is lost and nothing differs.

use std::collections::BTreeSet;
use std::io::Cursor;

use slacal::io::{Batch, Input, Reject, Summary};
use slacal::{Instant, Policy};

/// The output, the rejects sorted by line, and the summary of a run; `None` when the input
/// is refused as a whole (an empty input, a header that fits no layout).
pub fn run(
    bytes: &[u8],
    block_size: usize,
    sorted: bool,
) -> Option<(String, Vec<Reject>, Summary)> {
    run_with(bytes, block_size, sorted, slacal::io::DEFAULT_MEMORY_BUDGET)
}

/// As [`run`], with a memory budget for grouping an unsorted log (a tiny one spills every
/// block to disk).
pub fn run_with(
    bytes: &[u8],
    block_size: usize,
    sorted: bool,
    memory_budget: usize,
) -> Option<(String, Vec<Reject>, Summary)> {
    let policy = Policy::builtin("marketplace").expect("the built-in policy");
    let as_of = Instant::parse("2026-11-22T12:00:00Z").expect("a valid instant");
    let batch = Batch::new(policy, as_of)
        .threads(1)
        .block_size(block_size)
        .sorted(sorted)
        .memory_budget(memory_budget);
    let input = Input::from_reader("fuzz", Cursor::new(bytes.to_vec())).ok()?;
    let mut output = Vec::new();
    let mut rejects: Vec<Reject> = Vec::new();
    let summary = batch.run(input, &mut output, &mut rejects).ok()?;
    // Every rejected row is in the rejects at least once, and only rejected rows are.
    let lines: BTreeSet<u64> = rejects.iter().map(|r| r.line).collect();
    assert_eq!(lines.len() as u64, summary.rows_rejected, "{rejects:?}");
    assert!(summary.rows_rejected <= summary.rows_read);
    rejects.sort_by(|a, b| (a.line, &a.column, &a.reason).cmp(&(b.line, &b.column, &b.reason)));
    Some((
        String::from_utf8(output).expect("the output is UTF-8"),
        rejects,
        summary,
    ))
}

/// Runs with blocks of a few bytes and with the default blocks: the same answer.
#[allow(dead_code)]
pub fn check(bytes: &[u8], sorted: bool) {
    let small = run(bytes, 7, sorted);
    let large = run(bytes, 1 << 18, sorted);
    match (small, large) {
        (Some(small), Some(large)) => {
            assert_eq!(small.0, large.0);
            assert_eq!(small.1, large.1);
            assert_eq!(small.2, large.2);
        }
        (None, None) => {}
        (small, large) => panic!(
            "one run refused the input: {:?} / {:?}",
            small.map(|s| s.2),
            large.map(|s| s.2)
        ),
    }
}
