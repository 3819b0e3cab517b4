//! A record's rows, gathered: checked as a whole (one calendar, instants inside the calendar's
//! years) and evaluated into output rows, or rejected with every row named.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::ops::Range;

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::csv::{RecordWriter, csv_field};
use super::reject::{Reject, RejectKind};
use super::rows::Row;
use super::schema::Schema;
use super::store::RawText;
use super::write::{OutputFormat, write_instant};
use crate::calendar::date32;
use crate::clock::local_day;
use crate::sla::EventId;
use crate::sla::policy::Runtime;
use crate::{ClockOutcome, Error, Instant, Policy, Record};

/// The rows of one record, in input order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Group {
    pub(crate) id: String,
    pub(crate) rows: Vec<GroupRow>,
    /// Every row's events: `(event, instant, row index)`.
    pub(crate) events: Vec<(EventId, Instant, u32)>,
    /// Where each event's instant is in `text`, as written, for rejects; an empty range when
    /// the text is in `words` instead.
    pub(crate) raw: Vec<Range<usize>>,
    /// The layout words of instants kept without their text (see `raw.rs`), by event, and
    /// the zone local times were read in.
    words: Vec<(usize, u32)>,
    zone: Option<Tz>,
    /// The rows' calendar names and instants as written, one after another.
    pub(crate) text: String,
}

#[derive(Clone, Debug)]
pub(crate) struct GroupRow {
    pub(crate) line: u64,
    pub(crate) calendar: Range<usize>,
}

impl Group {
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub(crate) fn clear(&mut self) {
        self.id.clear();
        self.rows.clear();
        self.events.clear();
        self.raw.clear();
        self.words.clear();
        self.text.clear();
    }

    /// Starts the group with a row.
    pub(crate) fn start(&mut self, row: &Row) {
        self.clear();
        self.id.push_str(&row.record_id);
        self.add(row);
    }

    /// Adds a row of the same record, with its instants as written.
    pub(crate) fn add(&mut self, row: &Row) {
        let first = self.raw.len();
        self.add_parts(row.line, &row.calendar, row.events.iter().copied());
        for (slot, span) in self.raw[first..].iter_mut().zip(&row.raw_spans) {
            let start = self.text.len();
            self.text
                .push_str(row.raw.get(span.clone()).unwrap_or_default());
            *slot = start..self.text.len();
        }
    }

    /// Adds a row of one event kept in memory with the layout of its text, or the text.
    pub(crate) fn add_stored(
        &mut self,
        line: u64,
        calendar: &str,
        (event, at): (EventId, Instant),
        text: RawText<'_>,
        zone: Option<Tz>,
    ) {
        self.add_parts(line, calendar, std::iter::once((event, at)));
        let position = self.events.len() - 1;
        match text {
            RawText::Word(word) => {
                self.words.push((position, word));
                self.zone = zone;
            }
            RawText::Text(text) => {
                let start = self.text.len();
                self.text.push_str(text);
                self.raw[position] = start..self.text.len();
            }
        }
    }

    pub(crate) fn add_parts(
        &mut self,
        line: u64,
        calendar: &str,
        events: impl Iterator<Item = (EventId, Instant)>,
    ) {
        let index = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        let start = self.text.len();
        self.text.push_str(calendar);
        self.rows.push(GroupRow {
            line,
            calendar: start..self.text.len(),
        });
        self.events
            .extend(events.map(|(event, at)| (event, at, index)));
        // Parallel to the events; without the text as written until [`Group::add`] sets it.
        self.raw.resize(self.events.len(), 0..0);
    }

    /// Appends the rows of a later part of the same record.
    pub(crate) fn append(&mut self, other: &Group) {
        let offset = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        let text_offset = self.text.len();
        self.text.push_str(&other.text);
        self.rows.extend(other.rows.iter().map(|row| GroupRow {
            line: row.line,
            calendar: row.calendar.start + text_offset..row.calendar.end + text_offset,
        }));
        self.events.extend(
            other
                .events
                .iter()
                .map(|&(event, at, row)| (event, at, row.saturating_add(offset))),
        );
        let event_offset = self.raw.len();
        self.raw.extend(
            other
                .raw
                .iter()
                .map(|span| span.start + text_offset..span.end + text_offset),
        );
        self.words.extend(
            other
                .words
                .iter()
                .map(|&(event, word)| (event + event_offset, word)),
        );
        self.zone = self.zone.or(other.zone);
    }

    /// An event's instant as written, if it is known.
    pub(crate) fn raw_of(&self, event: usize) -> Option<String> {
        if let Some(text) = self
            .raw
            .get(event)
            .filter(|span| !span.is_empty())
            .and_then(|span| self.text.get(span.clone()))
        {
            return Some(text.to_owned());
        }
        let &(_, word) = self.words.iter().find(|&&(e, _)| e == event)?;
        let at = self.events.get(event)?.1;
        Some(super::raw::decode(word, at, self.zone))
    }

    fn calendar_of(&self, row: &GroupRow) -> &str {
        self.text.get(row.calendar.clone()).unwrap_or("")
    }
}

/// A 64-bit fingerprint of a record id, to notice a record that comes back.
pub(crate) fn fingerprint(hasher: &std::hash::RandomState, id: &str) -> u64 {
    let mut state = hasher.build_hasher();
    state.write(id.as_bytes());
    state.finish()
}

/// What a group became.
#[derive(Clone, Debug)]
pub(crate) struct GroupMeta {
    /// Where the record id is in [`Results::ids`].
    pub(crate) id: Range<usize>,
    /// Where its output rows are in [`Results::out`].
    pub(crate) out: Range<usize>,
    /// Where its outcomes are in [`Results::outcomes`].
    pub(crate) outcomes: Range<usize>,
    /// Where its outcome statuses are in [`Results::statuses`].
    pub(crate) statuses: Range<usize>,
    /// Where the lines of its used rows are in [`Results::lines`].
    pub(crate) lines: Range<usize>,
    /// Where the estimated years of its estimated rows are in [`Results::estimated`].
    pub(crate) estimated: Range<usize>,
    /// The calendar it ran on (index into [`Results::calendars`]); `None` when rejected.
    pub(crate) calendar: Option<usize>,
    /// The line of its first row.
    pub(crate) first_line: u64,
}

/// Evaluated groups: their output bytes, rejects and what to count.
#[derive(Debug, Default)]
pub(crate) struct Results {
    /// The output rows, formatted ([`Encoding::Rows`], [`Encoding::Events`]).
    pub(crate) out: Vec<u8>,
    /// The outcomes ([`Encoding::Outcomes`]).
    pub(crate) outcomes: Vec<ClockOutcome>,
    pub(crate) rejects: Vec<Reject>,
    pub(crate) groups: Vec<GroupMeta>,
    pub(crate) ids: String,
    /// `(clock index, status index)` of each outcome row.
    pub(crate) statuses: Vec<(u16, u8)>,
    /// The estimated years (first, last) of each outcome row that depends on them.
    pub(crate) estimated: Vec<(i32, i32)>,
    pub(crate) lines: Vec<u64>,
    pub(crate) calendars: Vec<String>,
    /// The [`fingerprint`]s of the first groups' ids, where [`Results::fingerprint`] took
    /// them (on the threads that evaluate, rather than the one that writes in order).
    pub(crate) fingerprints: Vec<u64>,
    /// Rows rejected here (not counting the rows rejected while reading).
    pub(crate) rejected_rows: u64,
    /// Events that were exact duplicates of another of the record.
    pub(crate) duplicates: u64,
}

/// Results handed back once written, for another block: a block's results are megabytes, and
/// buffers that size freed on the writing thread went back to the system each time (an unmap
/// that stops every core to flush its address translations) and came back page by page.
#[derive(Debug, Default)]
pub(crate) struct ResultsPool(std::sync::Mutex<Vec<Results>>);

/// Results a [`ResultsPool`] keeps, at most: about as many as a pipeline has in flight.
const POOLED_RESULTS: usize = 16;

impl ResultsPool {
    /// Empty results, with the buffers of some handed back when there are.
    pub(crate) fn take(&self) -> Results {
        self.0
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default()
    }

    /// Hands results back, emptied.
    pub(crate) fn give_back(&self, mut results: Results) {
        results.clear();
        if let Ok(mut pool) = self.0.lock()
            && pool.len() < POOLED_RESULTS
        {
            pool.push(results);
        }
    }
}

impl Results {
    /// Empties the results, keeping their buffers.
    pub(crate) fn clear(&mut self) {
        let Results {
            out,
            outcomes,
            rejects,
            groups,
            ids,
            statuses,
            estimated,
            lines,
            calendars,
            fingerprints,
            rejected_rows,
            duplicates,
        } = self;
        out.clear();
        outcomes.clear();
        rejects.clear();
        groups.clear();
        ids.clear();
        statuses.clear();
        estimated.clear();
        lines.clear();
        calendars.clear();
        fingerprints.clear();
        *rejected_rows = 0;
        *duplicates = 0;
    }

    /// About how many bytes the results hold: the rows formatted, or the outcomes kept.
    pub(crate) fn size(&self) -> usize {
        self.out.len() + self.outcomes.len() * std::mem::size_of::<ClockOutcome>()
    }

    /// Takes the fingerprints of the groups' ids not yet taken.
    pub(crate) fn fingerprint(&mut self, hasher: &std::hash::RandomState) {
        for group in &self.groups[self.fingerprints.len()..] {
            self.fingerprints
                .push(fingerprint(hasher, &self.ids[group.id.clone()]));
        }
    }

    fn calendar_index(&mut self, id: &str) -> usize {
        match self.calendars.iter().position(|c| c == id) {
            Some(i) => i,
            None => {
                self.calendars.push(id.to_owned());
                self.calendars.len() - 1
            }
        }
    }
}

/// The calendar facts a group is checked against.
#[derive(Clone, Debug)]
struct Coverage {
    /// Shared: a record takes a copy.
    id: std::sync::Arc<str>,
    zone: Tz,
    first: NaiveDate,
    last: NaiveDate,
    /// Where the calendar's runtime is in [`Evaluator::runtimes`]; `None` when the policy
    /// refuses it (the evaluation then says why).
    runtime: Option<usize>,
}

/// What an evaluator gives for a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// Its outcome rows, formatted.
    Rows(OutputFormat),
    /// Its outcomes, for a program's sink.
    Outcomes,
    /// Its events as an event log in UTC, without evaluating (the baseline of a run).
    Events,
    /// Nothing: the record is only checked and built.
    Nothing,
}

/// Turns groups into output rows or rejects.
pub(crate) struct Evaluator<'a> {
    policy: &'a Policy,
    schema: &'a Schema,
    as_of: Instant,
    encoding: Encoding,
    record: Record,
    outcomes: Vec<ClockOutcome>,
    /// Writes a record's rows as CSV.
    rows: RecordWriter,
    coverage: HashMap<String, Result<Coverage, Error>>,
    /// The runtimes of the calendars in `coverage`, kept per thread (see
    /// [`Policy::evaluate_on`]).
    runtimes: Vec<Runtime>,
    bad_rows: Vec<bool>,
    /// The events of the record at hand, sorted before they go into the record.
    order: Vec<(Instant, EventId, u64)>,
}

/// How many calendar names an evaluator remembers before it starts afresh.
const MAX_REMEMBERED_CALENDARS: usize = 1024;

impl<'a> Evaluator<'a> {
    pub(crate) fn new(
        policy: &'a Policy,
        schema: &'a Schema,
        as_of: Instant,
        encoding: Encoding,
    ) -> Evaluator<'a> {
        Evaluator {
            policy,
            schema,
            as_of,
            encoding,
            record: Record::default(),
            outcomes: Vec::with_capacity(16),
            rows: RecordWriter::default(),
            coverage: HashMap::new(),
            runtimes: Vec::new(),
            bad_rows: Vec::new(),
            order: Vec::new(),
        }
    }

    fn coverage(&mut self, calendar: Option<&str>) -> Result<Coverage, Error> {
        let key = calendar.unwrap_or("");
        if let Some(found) = self.coverage.get(key) {
            return found.clone();
        }
        if self.coverage.len() >= MAX_REMEMBERED_CALENDARS {
            self.coverage.clear();
            self.runtimes.clear();
        }
        let runtime = match self.policy.checked_runtime(calendar) {
            Ok(runtime) => {
                self.runtimes.push(runtime.into_owned());
                Some(self.runtimes.len() - 1)
            }
            Err(_) => None,
        };
        let found = self.policy.schedule(calendar).map(|schedule| Coverage {
            id: std::sync::Arc::from(schedule.calendar().id()),
            zone: schedule.time_zone(),
            first: schedule.calendar().first_date(),
            last: schedule.calendar().last_date(),
            runtime,
        });
        self.coverage.insert(key.to_owned(), found.clone());
        found
    }

    fn reject_all(
        &self,
        group: &Group,
        rows: impl Iterator<Item = usize>,
        column: Option<&str>,
        reason: &str,
        kind: RejectKind,
        results: &mut Results,
    ) {
        for index in rows {
            let row = &group.rows[index];
            let (column, value) = match column {
                Some(column) => (column.to_owned(), group.calendar_of(row).to_owned()),
                None => (String::new(), String::new()),
            };
            results.rejects.push(Reject {
                kind,
                line: row.line,
                record_id: group.id.clone(),
                column,
                value,
                reason: reason.to_owned(),
            });
            results.rejected_rows += 1;
        }
    }

    /// Checks a group and builds its record; the rows it cannot use go to `results`. `None`
    /// when no row is left.
    pub(crate) fn prepare(&mut self, group: &Group, results: &mut Results) -> Option<Prepared> {
        let (schema, policy) = (self.schema, self.policy);
        let calendar_column = schema.calendar_column().unwrap_or(policy.calendar_column());
        // One calendar per record.
        let mut named: Option<(&str, u64)> = None;
        for row in &group.rows {
            let calendar = group.calendar_of(row);
            if calendar.is_empty() {
                continue;
            }
            match named {
                None => named = Some((calendar, row.line)),
                Some((first, first_line)) if first != calendar => {
                    let reason = format!(
                        "lines {first_line} and {} of record `{}` name different calendars \
                         (`{first}` and `{calendar}`); a record runs on one calendar, so none of \
                         its rows is used",
                        row.line, group.id
                    );
                    self.reject_all(
                        group,
                        0..group.rows.len(),
                        Some(calendar_column),
                        &reason,
                        RejectKind::Row,
                        results,
                    );
                    return None;
                }
                Some(_) => {}
            }
        }
        let coverage = match self.coverage(named.map(|(c, _)| c)) {
            Ok(coverage) => coverage,
            Err(e) => {
                let reason = format!("{e}; none of the record's rows is used");
                self.reject_all(
                    group,
                    0..group.rows.len(),
                    Some(calendar_column),
                    &reason,
                    RejectKind::of(&e),
                    results,
                );
                return None;
            }
        };
        // Instants inside the calendar's years.
        self.bad_rows.clear();
        self.bad_rows.resize(group.rows.len(), false);
        let (first_day, last_day) = (
            i64::from(date32::from_naive(coverage.first)),
            i64::from(date32::from_naive(coverage.last)),
        );
        for (position, &(event, at, row)) in group.events.iter().enumerate() {
            let day = local_day(coverage.zone, at);
            if day < first_day || day > last_day {
                let date = at.local_date(coverage.zone);
                let index = row as usize;
                if self.bad_rows.get(index).copied().unwrap_or(true) {
                    continue;
                }
                self.bad_rows[index] = true;
                // The value as written (else, which does not happen, the instant in the
                // calendar's zone).
                let value = match group.raw_of(position) {
                    Some(raw) => raw,
                    None => {
                        let mut value = Vec::new();
                        write_instant(&mut value, at, coverage.zone);
                        String::from_utf8_lossy(&value).into_owned()
                    }
                };
                results.rejects.push(Reject {
                    kind: RejectKind::Row,
                    line: group.rows[index].line,
                    record_id: group.id.clone(),
                    column: self.schema.instant_column(event).to_owned(),
                    value,
                    reason: format!(
                        "the date {date} is outside the years calendar `{}` covers ({}..={}); \
                         the row is not used",
                        coverage.id,
                        coverage.first.format("%Y"),
                        coverage.last.format("%Y")
                    ),
                });
                results.rejected_rows += 1;
            }
        }
        if self.bad_rows.iter().all(|&bad| bad) {
            return None;
        }
        self.record.reset(group.id.as_str());
        if let Some((calendar, line)) = named {
            // One calendar was checked above, so this cannot conflict.
            let _ = self.record.set_calendar_from_row(calendar, line);
        }
        // In time order, so that each event lands at the end of the record: pushing the
        // events of a record given out of order one by one would take quadratic time.
        self.order.clear();
        self.order.extend(
            group
                .events
                .iter()
                .filter(|&&(_, _, row)| !self.bad_rows[row as usize])
                .map(|&(event, at, row)| (at, event, group.rows[row as usize].line)),
        );
        if !self.order.is_sorted() {
            self.order.sort_unstable();
        }
        for &(at, event, line) in &self.order {
            if !self.record.push_from_row(event, at, line) {
                results.duplicates += 1;
            }
        }
        // The runtime was found for the calendar as named; the record's is the same text
        // (checked, as the evaluation must run on the record's own calendar).
        let runtime = coverage
            .runtime
            .filter(|_| self.record.calendar() == named.map(|(calendar, _)| calendar));
        Some(Prepared {
            calendar: coverage.id,
            runtime,
        })
    }

    /// The record built by the last successful [`Evaluator::prepare`].
    pub(crate) fn record(&self) -> &Record {
        &self.record
    }

    /// Evaluates a group into `results`.
    pub(crate) fn evaluate(&mut self, group: &Group, results: &mut Results) {
        let Some(prepared) = self.prepare(group, results) else {
            push_rejected(group, results);
            return;
        };
        let used = || {
            (0..group.rows.len())
                .filter(|&i| !self.bad_rows.get(i).copied().unwrap_or(false))
                .collect::<Vec<usize>>()
        };
        let out_start = results.out.len();
        let outcomes_start = results.outcomes.len();
        let statuses_start = results.statuses.len();
        let estimated_start = results.estimated.len();
        match self.encoding {
            Encoding::Rows(_) | Encoding::Outcomes => {
                let evaluated = match prepared.runtime.and_then(|i| self.runtimes.get(i)) {
                    Some(runtime) => self.policy.evaluate_on(
                        &self.record,
                        runtime,
                        self.as_of,
                        &mut self.outcomes,
                    ),
                    None => self
                        .policy
                        .evaluate_into(&self.record, self.as_of, &mut self.outcomes),
                };
                if let Err(e) = evaluated {
                    let reason = format!("{e}; none of the record's rows is used");
                    let rows = used();
                    let kind = RejectKind::of(&e);
                    self.reject_all(group, rows.into_iter(), None, &reason, kind, results);
                    push_rejected(group, results);
                    return;
                }
                for outcome in &self.outcomes {
                    results
                        .statuses
                        .push((outcome.clock_index as u16, outcome.status().index() as u8));
                    if let Some(years) = outcome.estimated_years() {
                        results.estimated.push(years);
                    }
                }
                match self.encoding {
                    Encoding::Rows(OutputFormat::Csv) => {
                        self.rows.write(&self.outcomes, &mut results.out);
                    }
                    Encoding::Rows(format) => {
                        for outcome in &self.outcomes {
                            format.write_row(outcome, &mut results.out);
                        }
                    }
                    _ => results.outcomes.extend_from_slice(&self.outcomes),
                }
            }
            Encoding::Events => {
                // Parsing only: the record's events as an event log, in UTC.
                let utc: Tz = chrono_tz::UTC;
                for event in self.record.events() {
                    csv_field(&mut results.out, self.record.id().as_bytes());
                    results.out.push(b',');
                    results
                        .out
                        .extend_from_slice(self.policy.event_name(event.event).as_bytes());
                    results.out.push(b',');
                    write_instant(&mut results.out, event.at, utc);
                    results.out.push(b'\n');
                }
            }
            Encoding::Nothing => {}
        }
        let id_start = results.ids.len();
        results.ids.push_str(&group.id);
        let lines_start = results.lines.len();
        for (index, row) in group.rows.iter().enumerate() {
            if !self.bad_rows[index] {
                results.lines.push(row.line);
            }
        }
        let calendar = results.calendar_index(&prepared.calendar);
        results.groups.push(GroupMeta {
            id: id_start..results.ids.len(),
            out: out_start..results.out.len(),
            outcomes: outcomes_start..results.outcomes.len(),
            statuses: statuses_start..results.statuses.len(),
            lines: lines_start..results.lines.len(),
            estimated: estimated_start..results.estimated.len(),
            calendar: Some(calendar),
            first_line: group.rows.first().map_or(0, |row| row.line),
        });
    }
}

/// Notes a group whose rows were all rejected, so that its id is still seen.
fn push_rejected(group: &Group, results: &mut Results) {
    let id_start = results.ids.len();
    results.ids.push_str(&group.id);
    let (out, outcomes, statuses, lines, estimated) = (
        results.out.len(),
        results.outcomes.len(),
        results.statuses.len(),
        results.lines.len(),
        results.estimated.len(),
    );
    results.groups.push(GroupMeta {
        id: id_start..results.ids.len(),
        out: out..out,
        outcomes: outcomes..outcomes,
        statuses: statuses..statuses,
        lines: lines..lines,
        estimated: estimated..estimated,
        calendar: None,
        first_line: group.rows.first().map_or(0, |row| row.line),
    });
}

/// What [`Evaluator::prepare`] learned: the calendar the record runs on.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub(crate) calendar: std::sync::Arc<str>,
    /// Where its runtime is in the evaluator's, if the policy runs it.
    runtime: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_handed_back_come_back_empty_with_their_buffers() {
        let pool = ResultsPool::default();
        let mut results = pool.take();
        results.out.extend_from_slice(&[b'x'; 10_000]);
        results.ids.push_str("offer-1");
        results.lines.push(7);
        results.statuses.push((1, 2));
        results.estimated.push((2027, 2027));
        results.calendars.push("US".to_owned());
        results.fingerprints.push(99);
        results
            .rejects
            .push(Reject::new(3, "offer-1", "at", "x", "why"));
        results.rejected_rows = 4;
        results.duplicates = 5;
        pool.give_back(results);
        let again = pool.take();
        assert!(again.out.is_empty() && again.out.capacity() >= 10_000);
        assert!(again.ids.is_empty() && again.lines.is_empty() && again.statuses.is_empty());
        assert!(again.estimated.is_empty() && again.calendars.is_empty());
        assert!(again.fingerprints.is_empty() && again.rejects.is_empty());
        assert_eq!(
            (again.rejected_rows, again.duplicates, again.size()),
            (0, 0, 0)
        );
        // Nothing left: a new one.
        assert_eq!(pool.take().out.capacity(), 0);
    }
}
