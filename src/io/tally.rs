//! The sequencer's side of a batch run: results handed to the sink in input order, rejects in
//! line order, and the counts of the summary.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::group::{Evaluator, Group, Results, fingerprint};
use super::reject::{Reject, RejectKind};
use super::schema::Layout;
use super::seen::Seen;
use super::sink::OutcomeSink;
use super::summary::Summary;
use crate::Error;

/// Records whose slots in the table of records seen [`Seen::warm`] reads at a time.
const WARM_AHEAD: usize = 64;

/// Rejects held back, at most, to be written in line order with those of a record still
/// open; past that they are written at once (a record's own rejects may then come later
/// than those of the lines after its first).
const MAX_HELD_REJECTS: usize = 1 << 14;

/// Writes results in order and counts.
pub(super) struct Tally<'a> {
    pub(super) summary: &'a mut Summary,
    pub(super) sink: &'a mut dyn OutcomeSink,
    /// Whether the sink takes formatted rows ([`OutcomeSink::format`]), else outcomes.
    pub(super) rows: bool,
    /// Records per calendar.
    pub(super) calendars: BTreeMap<String, u64>,
    /// Estimated rows per calendar and estimated year.
    pub(super) estimated: BTreeMap<String, BTreeMap<i32, u64>>,
    /// Fingerprints of the records finished, with their first lines, when rows are to be
    /// grouped (a wide export, or an event log promised sorted): 14 to 21 bytes per record.
    pub(super) seen: Option<Seen>,
    pub(super) layout: Layout,
    pub(super) id_column: String,
    pub(super) hasher: std::hash::RandomState,
    pub(super) progress: Option<Arc<AtomicU64>>,
    /// The rejects of the block or job at hand, written in line order by [`Tally::flush`].
    pub(super) pending: Vec<Reject>,
}

impl Tally<'_> {
    /// Writes the rejects gathered so far, in line order.
    pub(super) fn flush(&mut self) -> Result<(), Error> {
        self.flush_before(u64::MAX)
    }

    /// Writes the rejects gathered so far of the lines before `line`, in line order, and
    /// keeps the others (a record still open may yet be rejected whole, naming earlier
    /// lines) — but never more than [`MAX_HELD_REJECTS`]: past that all are written, so that
    /// a record left open by a flood of bad rows cannot make memory grow.
    pub(super) fn flush_before(&mut self, line: u64) -> Result<(), Error> {
        self.pending.sort_by_key(|r| r.line);
        let split = if self.pending.len() > MAX_HELD_REJECTS {
            self.pending.len()
        } else {
            self.pending.partition_point(|r| r.line < line)
        };
        for reject in self.pending.drain(..split) {
            self.sink.reject(&reject)?;
        }
        Ok(())
    }

    /// Counts the rows read from a block, and takes the rejects found reading them.
    pub(super) fn rows(&mut self, read: u64, rejected: u64, rejects: &[Reject]) {
        self.summary.rows_read += read;
        self.summary.rows_rejected += rejected;
        if let Some(progress) = &self.progress {
            progress.fetch_add(read, Ordering::Relaxed);
        }
        self.pending.extend_from_slice(rejects);
    }

    /// Writes bytes the batch formatted (the header) to a sink of rows.
    pub(super) fn header(&mut self, bytes: &[u8]) -> Result<(), Error> {
        if self.rows {
            self.sink.rows(bytes)?;
        }
        Ok(())
    }

    /// Evaluates a record on the sequencer's thread and takes its results.
    pub(super) fn finish(
        &mut self,
        group: &Group,
        evaluator: &mut Evaluator<'_>,
    ) -> Result<(), Error> {
        let mut results = Results::default();
        evaluator.evaluate(group, &mut results);
        self.accept(&mut results)
    }

    /// Hands evaluated records to the sink in order, rejecting those that come back after
    /// other records where rows are grouped.
    pub(super) fn accept(&mut self, results: &mut Results) -> Result<(), Error> {
        self.summary.rows_rejected += results.rejected_rows;
        self.summary.duplicate_events += results.duplicates;
        self.pending.append(&mut results.rejects);
        if self.seen.is_some() {
            results.fingerprint(&self.hasher);
        }
        // Records per calendar of the results, added to the map once.
        let mut records = vec![0u64; results.calendars.len()];
        let mut run: Option<std::ops::Range<usize>> = None;
        for (index, group) in results.groups.iter().enumerate() {
            let id = &results.ids[group.id.clone()];
            if let Some(seen) = &mut self.seen {
                // The table slots of the next few records read together, few enough that
                // they are still in the caches (and their pages in the TLB) when checked in.
                if index % WARM_AHEAD == 0 {
                    let ahead = results.fingerprints.get(index..).unwrap_or_default();
                    seen.warm(&ahead[..ahead.len().min(WARM_AHEAD)]);
                }
                let key = (results.fingerprints.get(index).copied())
                    .unwrap_or_else(|| fingerprint(&self.hasher, id));
                if let Some(first) = seen.check_in(key, group.first_line) {
                    if group.calendar.is_some() {
                        let reason = came_back(self.layout, id, first);
                        for &line in &results.lines[group.lines.clone()] {
                            self.pending.push(Reject {
                                kind: RejectKind::CameBack {
                                    first_line: first,
                                    layout: self.layout,
                                },
                                ..Reject::new(line, id, &*self.id_column, id, reason.clone())
                            });
                            self.summary.rows_rejected += 1;
                        }
                    }
                    continue;
                }
            }
            let Some(calendar) = group.calendar else {
                continue;
            };
            if self.rows {
                // Consecutive records are written in one go.
                match &mut run {
                    Some(range) if range.end == group.out.start => range.end = group.out.end,
                    _ => {
                        if let Some(range) = run.take() {
                            self.sink.rows(&results.out[range])?;
                        }
                        run = Some(group.out.clone());
                    }
                }
            } else {
                for outcome in &results.outcomes[group.outcomes.clone()] {
                    self.sink.outcome(outcome)?;
                }
            }
            self.summary.records_evaluated += 1;
            for &(clock, status) in &results.statuses[group.statuses.clone()] {
                if let Some(counts) = self.summary.clocks.get_mut(usize::from(clock)) {
                    counts.counts.add(status);
                }
                self.summary.outcome_rows += 1;
            }
            if let Some(count) = records.get_mut(calendar) {
                *count += 1;
            }
            let calendar = &results.calendars[calendar];
            let estimated = &results.estimated[group.estimated.clone()];
            if !estimated.is_empty() {
                if !self.estimated.contains_key(calendar) {
                    self.estimated.insert(calendar.clone(), BTreeMap::new());
                }
                if let Some(years) = self.estimated.get_mut(calendar) {
                    for &(first, last) in estimated {
                        self.summary.estimated_rows += 1;
                        for year in first..=last {
                            *years.entry(year).or_insert(0) += 1;
                        }
                    }
                }
            }
        }
        for (calendar, &count) in results.calendars.iter().zip(&records) {
            if count == 0 {
                continue;
            }
            match self.calendars.get_mut(calendar) {
                Some(records) => *records += count,
                None => {
                    self.calendars.insert(calendar.clone(), count);
                }
            }
        }
        if let Some(range) = run {
            self.sink.rows(&results.out[range])?;
        }
        Ok(())
    }
}

/// Why the rows of a record that comes back after other records are not used.
pub(super) fn came_back(layout: Layout, id: &str, first: u64) -> String {
    match layout {
        Layout::Wide => format!(
            "record `{id}` first appeared at line {first}, with other records in between: a \
             wide export keeps a record's rows together, so these rows are not used (put them \
             next to its first rows)"
        ),
        _ => format!(
            "record `{id}` first appeared at line {first}, with other records in between: the \
             log was read as grouped by record, as promised, so these rows are not used (put \
             them next to its first rows, or read the log ungrouped, which groups it by record)"
        ),
    }
}
