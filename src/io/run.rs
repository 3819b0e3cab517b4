//! A batch run: an export in, outcome rows, rejects and a summary out.
//!
//! The input is cut into blocks of whole records ([`BlockReader`]); worker threads read the
//! rows of a block, gather them by record and evaluate the records; a sequencer puts the
//! results back in input order, joins the record that a block boundary split, writes the rows
//! and the rejects and counts. What is in memory depends on the layout:
//!
//! - a **wide export**, and an event log with the `sorted` promise, are one streaming pass: a
//!   record is the rows with the same id one after another, and only a few blocks are in
//!   flight, whatever the input's size. A record whose id comes back after other records (in
//!   a wide export, or breaking the `sorted` promise) has its later rows rejected, naming the
//!   line where it first appeared (a fingerprint and that line, 16 bytes per record finished,
//!   are kept to notice this).
//! - an **unsorted event log** is grouped first (see the store's rule: 24 bytes per event plus
//!   the id's length and about 30 bytes per record), in memory up to the memory budget and in
//!   runs sorted by id on disk beyond it, then its records are evaluated in the byte order of
//!   their ids.
//!
//! A worker keeps at most [`OUTPUT_CAP`] bytes of output per job and leaves the rest of its
//! records to the sequencer, which evaluates and writes them one by one; rejects held back for
//! a record still open are bounded too, so memory stays flat whatever the input or policy.
//! When an output reports a broken pipe, the run stops and returns the summary of what it read.

use std::collections::BTreeMap;
use std::io::{self, Chain, Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};

use hashbrown::HashTable;

use super::blocks::{Block, BlockReader, Split};
use super::group::{Evaluator, Group, Results, fingerprint};
use super::input::{Input, InputFormat};
use super::output::{io_error, is_broken_pipe};
use super::raw;
use super::rows::{MAX_ROW_BYTES, Reject, Row, RowParser, csv_header, jsonl_keys};
use super::schema::{Layout, Schema};
use super::store::{RawText, Spill, Store};
use super::summary::{ClockSummary, Summary};
use super::write::{OutputFormat, RejectWriter};
use crate::sla::EventId;
use crate::{Error, Estimates, Instant, Policy, Record};

/// Blocks of about this many bytes of whole records: small enough that a few in flight per
/// thread stay well under 100 MB, large enough that handing them over costs nothing.
const BLOCK_SIZE: usize = 1 << 18;
/// Records of an unsorted event log evaluated per job.
const RECORDS_PER_JOB: usize = 2048;
/// Events of an unsorted event log evaluated per job, at most (a job ends with the record
/// that passes this).
const EVENTS_PER_JOB: usize = 1 << 16;
/// Output a worker produces for a job before it leaves the rest of the job's records to the
/// sequencer, which evaluates them one by one and writes each at once: a policy with
/// thousands of clocks keeps memory bounded too.
const OUTPUT_CAP: usize = 4 << 20;
/// Rejects held back, at most, to be written in line order with those of a record still
/// open; past that they are written at once (a record's own rejects may then come later
/// than those of the lines after its first).
const MAX_HELD_REJECTS: usize = 1 << 14;
/// The most worker threads a run starts.
pub const MAX_THREADS: usize = 256;
/// How much memory grouping an unsorted event log takes before it spills to disk, by default.
pub const DEFAULT_MEMORY_BUDGET: usize = 128 << 20;

/// Where rejected rows go.
pub trait RejectSink: Send {
    /// Takes one reject.
    ///
    /// # Errors
    ///
    /// When it cannot be written; the run then stops with this error.
    fn reject(&mut self, reject: &Reject) -> Result<(), Error>;
}

impl<W: Write + Send> RejectSink for RejectWriter<W> {
    fn reject(&mut self, reject: &Reject) -> Result<(), Error> {
        self.write(reject)
    }
}

impl RejectSink for Vec<Reject> {
    fn reject(&mut self, reject: &Reject) -> Result<(), Error> {
        self.push(reject.clone());
        Ok(())
    }
}

/// A batch run's settings: a policy evaluated as of an instant over an export.
///
/// # Example
///
/// ```
/// use slacal::{Instant, Policy};
/// use slacal::io::{Batch, Input, Reject};
///
/// let export = "offer_id,calendar,submitted_at,prerequisites_validated_at\n\
///               offer-1,GB-ENG,2026-11-20T09:00:00Z,2026-11-20T09:05:00Z\n\
///               offer-2,XX,2026-11-20T09:00:00Z,\n\
///               offer-3,,2026-11-31T09:00:00Z,\n";
/// let policy = Policy::builtin("marketplace")?;
/// let batch = Batch::new(policy, Instant::parse("2026-11-22T12:00:00Z")?);
/// let input = Input::from_reader("export", std::io::Cursor::new(export))?;
/// let mut output = Vec::new();
/// let mut rejects: Vec<Reject> = Vec::new();
/// let summary = batch.run(input, &mut output, &mut rejects)?;
/// assert_eq!((summary.rows_read, summary.rows_rejected, summary.records_evaluated), (3, 2, 1));
/// let output = String::from_utf8(output).unwrap();
/// assert!(output.starts_with("record_id,clock,attempt,calendar,start,"));
/// assert!(output.contains("offer-1,validation,1,GB-ENG,2026-11-20T09:00:00+00:00,"));
/// assert_eq!((rejects[0].line, rejects[0].column.as_str()), (3, "calendar"));
/// assert!(rejects[0].reason.starts_with("unknown calendar `XX`"));
/// assert_eq!((rejects[1].line, rejects[1].column.as_str()), (4, "submitted_at"));
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Batch {
    policy: Policy,
    as_of: Instant,
    layout: Option<Layout>,
    input_format: Option<InputFormat>,
    output_format: OutputFormat,
    sorted: bool,
    threads: usize,
    evaluate: bool,
    block_size: usize,
    progress: Option<Arc<AtomicU64>>,
    memory_budget: usize,
    temp_dir: Option<PathBuf>,
}

impl Batch {
    /// A run of `policy` as of `as_of`, with the defaults: layout and input format detected,
    /// CSV output, unsorted, as many threads as cores (at most 8).
    #[must_use]
    pub fn new(policy: Policy, as_of: Instant) -> Batch {
        Batch {
            policy,
            as_of,
            layout: None,
            input_format: None,
            output_format: OutputFormat::Csv,
            sorted: false,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
            evaluate: true,
            block_size: BLOCK_SIZE,
            progress: None,
            memory_budget: DEFAULT_MEMORY_BUDGET,
            temp_dir: None,
        }
    }

    /// Forces the layout instead of detecting it from the header.
    #[must_use]
    pub fn layout(mut self, layout: Option<Layout>) -> Batch {
        self.layout = layout;
        self
    }

    /// Forces the input format instead of taking it from the file name or the first bytes.
    #[must_use]
    pub fn input_format(mut self, format: Option<InputFormat>) -> Batch {
        self.input_format = format;
        self
    }

    /// The output format.
    #[must_use]
    pub fn output_format(mut self, format: OutputFormat) -> Batch {
        self.output_format = format;
        self
    }

    /// Promises that an event log's rows are grouped by record (the rows of a record one after
    /// another), which makes the run a streaming pass. A broken promise is reported as rejects.
    #[must_use]
    pub fn sorted(mut self, sorted: bool) -> Batch {
        self.sorted = sorted;
        self
    }

    /// The number of worker threads (1 runs everything on the calling thread), at most
    /// [`MAX_THREADS`].
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Batch {
        self.threads = threads.clamp(1, MAX_THREADS);
        self
    }

    /// How much memory grouping an unsorted event log may take ([`DEFAULT_MEMORY_BUDGET`]
    /// by default): beyond it, the records grouped so far are written, sorted by id, to a
    /// temporary file, and the files are merged at the end. The records of an unsorted log
    /// come out in the byte order of their ids either way.
    #[must_use]
    pub fn memory_budget(mut self, bytes: usize) -> Batch {
        self.memory_budget = bytes;
        self
    }

    /// Where an unsorted event log over the memory budget spills (default: the system's
    /// temporary folder). The files are removed when the run ends, however it ends; a
    /// folder left by a run that was killed is removed by the next run that spills there.
    #[must_use]
    pub fn temp_dir(mut self, dir: impl Into<PathBuf>) -> Batch {
        self.temp_dir = Some(dir.into());
        self
    }

    /// False to only read the rows and write each record's events back (as
    /// `record_id,event,at` in UTC) without evaluating: the baseline that shows what the
    /// evaluation costs.
    #[must_use]
    pub fn evaluate(mut self, evaluate: bool) -> Batch {
        self.evaluate = evaluate;
        self
    }

    /// The size of the blocks the input is cut into (for tests of block boundaries).
    #[must_use]
    pub fn block_size(mut self, bytes: usize) -> Batch {
        self.block_size = bytes.max(1);
        self
    }

    /// A counter of the rows read so far, updated as the run goes (for progress reports).
    #[must_use]
    pub fn progress(mut self, rows: Arc<AtomicU64>) -> Batch {
        self.progress = Some(rows);
        self
    }

    /// Runs: reads `input`, writes the outcome rows to `output` and the rejected rows to
    /// `rejects`, and returns the summary.
    ///
    /// When `output` or `rejects` reports a broken pipe (the reader went away), the run stops
    /// there and returns the summary of the rows read so far, with
    /// [`Summary::stopped`](Summary) saying so; the rejects of those rows have been written.
    ///
    /// # Errors
    ///
    /// An input error when the input is empty or its header fits no layout; an I/O error when
    /// reading or writing fails. Bad rows are not errors: they go to `rejects`.
    pub fn run(
        &self,
        input: Input,
        output: &mut (dyn Write + Send),
        rejects: &mut dyn RejectSink,
    ) -> Result<Summary, Error> {
        let name = input.name().to_owned();
        let mut source = Source::open(input, &self.policy, self.input_format, self.layout)?;
        let mut summary = Summary {
            input: name,
            layout: source.schema.layout().name().to_owned(),
            input_format: source.format.name().to_owned(),
            output_format: self.output_format.name().to_owned(),
            policy: self.policy.name().to_owned(),
            policy_file: self.policy.origin().to_string(),
            policy_digest: self.policy.digest().to_owned(),
            as_of: self.as_of.to_string(),
            estimates: self.policy.estimates() == Estimates::Allow,
            evaluated: self.evaluate,
            warnings: source.schema.warnings().to_vec(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            clocks: self
                .policy
                .clocks()
                .iter()
                .map(|c| ClockSummary {
                    clock: c.name().to_owned(),
                    counts: [0; 9],
                })
                .collect(),
            ..Summary::default()
        };
        let mut header = Vec::new();
        if self.evaluate {
            self.output_format.write_header(&mut header);
        } else {
            header.extend_from_slice(b"record_id,event,at\n");
        }
        let mut tally = Tally {
            summary: &mut summary,
            output,
            rejects,
            calendars: BTreeMap::new(),
            estimated: BTreeMap::new(),
            seen: (self.sorted || source.schema.layout() == Layout::Wide).then(HashTable::new),
            layout: source.schema.layout(),
            id_column: source.schema.id_column().to_owned(),
            hasher: std::hash::RandomState::new(),
            progress: self.progress.clone(),
            pending: Vec::new(),
        };
        let streaming = source.schema.layout() == Layout::Wide || self.sorted;
        let result = tally.write(&header).and_then(|()| {
            if streaming {
                self.stream(&mut source, &mut tally)
            } else {
                self.group_unsorted(&mut source, &mut tally)
            }
        });
        let stopped = match result {
            Ok(()) => false,
            Err(e) if is_broken_pipe(&e) => {
                // The rejects gathered so far still go out (unless they are what broke).
                let _ = tally.flush();
                true
            }
            Err(e) => return Err(e),
        };
        let calendars = std::mem::take(&mut tally.calendars);
        let estimated = std::mem::take(&mut tally.estimated);
        drop(tally);
        summary.add_estimated(&estimated);
        if stopped {
            summary.stopped = Some(format!(
                "an output was closed (a broken pipe) after {} rows were read; the counts are \
                 those of the rows read until then",
                summary.rows_read
            ));
        }
        let mut used = BTreeMap::new();
        for (id, records) in calendars {
            let version = self
                .policy
                .schedule(Some(&id))
                .map(|s| s.calendar().data_version().to_owned())
                .unwrap_or_default();
            used.insert(id, (records, version));
        }
        summary.add_calendars(&used);
        Ok(summary)
    }

    fn evaluator<'a>(&'a self, schema: &'a Schema) -> Evaluator<'a> {
        Evaluator::new(
            &self.policy,
            schema,
            self.as_of,
            self.output_format,
            self.evaluate,
        )
    }

    /// One pass: records are runs of rows with the same id.
    fn stream(&self, source: &mut Source, tally: &mut Tally<'_>) -> Result<(), Error> {
        let schema = source.schema.clone();
        let format = source.format;
        let mut sequencer = self.evaluator(&schema);
        let mut carry: Option<Group> = None;
        let mut next_block = source.blocks(self.block_size);
        let state = || {
            (
                RowParser::new(&self.policy, &schema, format),
                self.evaluator(&schema),
                Row::default(),
            )
        };
        let work = |(parser, evaluator, row): &mut (RowParser<'_>, Evaluator<'_>, Row),
                    block: Block| {
            let mut done = StreamDone::default();
            let mut current = Group::default();
            let mut first: Option<Group> = None;
            let mut parse_rejects = Vec::new();
            let counts = parser.parse_block(&block, row, &mut parse_rejects, &mut |row| {
                if !current.is_empty() && current.id == row.record_id {
                    current.add(row);
                    return;
                }
                if !current.is_empty() {
                    if first.is_none() {
                        first = Some(std::mem::take(&mut current));
                    } else if done.results.out.len() >= OUTPUT_CAP {
                        done.deferred.push(std::mem::take(&mut current));
                    } else {
                        evaluator.evaluate(&current, &mut done.results);
                    }
                }
                current.start(row);
            });
            done.rows = counts.rows;
            done.rejected = counts.rejected;
            done.parse_rejects = parse_rejects;
            match first {
                None if !current.is_empty() => {
                    done.first = Some(current);
                    done.only = true;
                }
                None => {}
                Some(first) => {
                    done.first = Some(first);
                    done.last = (!current.is_empty()).then_some(current);
                }
            }
            done
        };
        let mut sink = |done: StreamDone| -> Result<(), Error> {
            tally.rows(done.rows, done.rejected, &done.parse_rejects)?;
            if let Some(first) = done.first {
                let merged = match carry.take() {
                    Some(mut open) if open.id == first.id => {
                        open.append(&first);
                        open
                    }
                    Some(open) => {
                        tally.finish(&open, &mut sequencer)?;
                        first
                    }
                    None => first,
                };
                if done.only {
                    carry = Some(merged);
                } else {
                    tally.finish(&merged, &mut sequencer)?;
                    tally.accept(done.results)?;
                    for group in &done.deferred {
                        tally.finish(group, &mut sequencer)?;
                    }
                    carry = done.last;
                }
            }
            tally.flush_before(
                carry
                    .as_ref()
                    .and_then(|g| g.rows.first())
                    .map_or(u64::MAX, |row| row.line),
            )
        };
        ordered(self.threads, &mut next_block, &state, &work, &mut sink)?;
        if let Some(open) = carry.take() {
            tally.finish(&open, &mut sequencer)?;
        }
        tally.flush()
    }

    /// Two passes: group every row by record (in memory up to the budget, in sorted runs on
    /// disk beyond it), then evaluate the records in the byte order of their ids.
    fn group_unsorted(&self, source: &mut Source, tally: &mut Tally<'_>) -> Result<(), Error> {
        let schema = source.schema.clone();
        let format = source.format;
        let events: Vec<EventId> = self.policy.events().map(|(id, _)| id).collect();
        let temp_dir = self.temp_dir.clone().unwrap_or_else(std::env::temp_dir);
        // The zone local times are read in, to give their texts back as written.
        let zone = self.policy.input_time_zone();
        let mut store = Store::default();
        let mut spill: Option<Spill> = None;
        {
            let mut next_block = source.blocks(self.block_size);
            let state = || {
                (
                    RowParser::new(&self.policy, &schema, format),
                    Row::default(),
                )
            };
            let work = |(parser, row): &mut (RowParser<'_>, Row), block: Block| {
                let mut parsed = Parsed::default();
                let mut rejects = Vec::new();
                let zone = self.policy.input_time_zone();
                let counts = parser.parse_block(&block, row, &mut rejects, &mut |row| {
                    let start = parsed.text.len();
                    parsed.text.push_str(&row.record_id);
                    let middle = parsed.text.len();
                    parsed.text.push_str(&row.calendar);
                    let end = parsed.text.len();
                    for (i, &(event, at)) in row.events.iter().enumerate() {
                        // The instant's text as written, for rejects: its layout in a word,
                        // or the text when no word fits.
                        let text = row.raw_spans.get(i).and_then(|s| row.raw.get(s.clone()));
                        let raw = match text.and_then(|text| raw::encode(text, at, zone)) {
                            Some(word) => Ok(word),
                            None => {
                                let from = parsed.text.len();
                                parsed.text.push_str(text.unwrap_or(""));
                                Err(from..parsed.text.len())
                            }
                        };
                        parsed
                            .rows
                            .push((row.line, start, middle, end, event, at, raw));
                    }
                });
                parsed.counts = (counts.rows, counts.rejected);
                parsed.rejects = rejects;
                parsed
            };
            let mut sink = |parsed: Parsed| -> Result<(), Error> {
                tally.rows(parsed.counts.0, parsed.counts.1, &parsed.rejects)?;
                for (line, start, middle, end, event, at, raw) in &parsed.rows {
                    let (line, start, middle, end, event, at) =
                        (*line, *start, *middle, *end, *event, *at);
                    let text = match raw {
                        Ok(word) => RawText::Word(*word),
                        Err(span) => RawText::Text(&parsed.text[span.clone()]),
                    };
                    if store.is_full() {
                        spilled(&mut spill, &temp_dir)?.write_run(&mut store, &events)?;
                    }
                    store.add(
                        &parsed.text[start..middle],
                        &parsed.text[middle..end],
                        line,
                        event,
                        at,
                        text,
                    )?;
                }
                if store.memory() > self.memory_budget {
                    spilled(&mut spill, &temp_dir)?.write_run(&mut store, &events)?;
                }
                tally.flush()
            };
            ordered(self.threads, &mut next_block, &state, &work, &mut sink)?;
        }
        let mut sequencer = self.evaluator(&schema);
        if let Some(mut spill) = spill {
            if store.records() > 0 {
                spill.write_run(&mut store, &events)?;
            }
            drop(store);
            let mut merge = spill.merge(events, zone)?;
            let mut jobs = || -> Result<Option<Vec<Group>>, Error> {
                let mut groups = Vec::new();
                let mut size = 0;
                while groups.len() < RECORDS_PER_JOB && size < EVENTS_PER_JOB {
                    let mut group = Group::default();
                    if !merge.next_group(&mut group)? {
                        break;
                    }
                    size += group.events.len();
                    groups.push(group);
                }
                Ok((!groups.is_empty()).then_some(groups))
            };
            let state = || self.evaluator(&schema);
            let work = |evaluator: &mut Evaluator<'_>, groups: Vec<Group>| {
                let mut results = Results::default();
                let mut deferred = Vec::new();
                for group in groups {
                    if results.out.len() >= OUTPUT_CAP {
                        deferred.push(group);
                    } else {
                        evaluator.evaluate(&group, &mut results);
                    }
                }
                (results, deferred)
            };
            let mut sink = |(results, deferred): (Results, Vec<Group>)| {
                tally.accept(results)?;
                for group in &deferred {
                    tally.finish(group, &mut sequencer)?;
                }
                tally.flush()
            };
            return ordered(self.threads, &mut jobs, &state, &work, &mut sink);
        }
        let order = store.sorted();
        let mut next = 0usize;
        let mut jobs = || -> Result<Option<std::ops::Range<usize>>, Error> {
            if next >= order.len() {
                return Ok(None);
            }
            let range = next..(next + RECORDS_PER_JOB).min(order.len());
            next = range.end;
            Ok(Some(range))
        };
        let state = || (self.evaluator(&schema), Group::default());
        let work = |(evaluator, group): &mut (Evaluator<'_>, Group),
                    range: std::ops::Range<usize>| {
            let mut results = Results::default();
            for at in range.clone() {
                if results.out.len() >= OUTPUT_CAP {
                    return (results, at..range.end);
                }
                store.group(order[at] as usize, &events, zone, group);
                evaluator.evaluate(group, &mut results);
            }
            (results, range.end..range.end)
        };
        let mut group = Group::default();
        let mut sink = |(results, deferred): (Results, std::ops::Range<usize>)| {
            tally.accept(results)?;
            for at in deferred {
                store.group(order[at] as usize, &events, zone, &mut group);
                tally.finish(&group, &mut sequencer)?;
            }
            tally.flush()
        };
        ordered(self.threads, &mut jobs, &state, &work, &mut sink)
    }
}

/// The spill of a run, created when first needed.
fn spilled<'a>(spill: &'a mut Option<Spill>, dir: &Path) -> Result<&'a mut Spill, Error> {
    if spill.is_none() {
        *spill = Some(Spill::create(dir)?);
    }
    // Set just above when it was not.
    spill
        .as_mut()
        .ok_or_else(|| Error::data("internal error: no spill"))
}

/// A row of a block of an unsorted event log: `(line, id start, calendar start, end, event,
/// instant, the instant's layout word or where its text is)` over `text`.
type ParsedRow = (
    u64,
    usize,
    usize,
    usize,
    EventId,
    Instant,
    Result<u32, std::ops::Range<usize>>,
);

/// The rows of a block of an unsorted event log.
#[derive(Default)]
struct Parsed {
    text: String,
    rows: Vec<ParsedRow>,
    counts: (u64, u64),
    rejects: Vec<Reject>,
}

/// A block of a streaming pass, read and mostly evaluated.
#[derive(Default)]
struct StreamDone {
    rows: u64,
    rejected: u64,
    parse_rejects: Vec<Reject>,
    /// The records after the first and before the last, evaluated.
    results: Results,
    /// The records after those, not evaluated: the results reached [`OUTPUT_CAP`].
    deferred: Vec<Group>,
    /// The first record, not evaluated: it may continue the previous block's last.
    first: Option<Group>,
    /// True when the first record is the only one (it may go on in the next block).
    only: bool,
    /// The last record, not evaluated: it may go on in the next block.
    last: Option<Group>,
}

/// The sequencer's side: writes results in order and counts.
struct Tally<'a> {
    summary: &'a mut Summary,
    output: &'a mut (dyn Write + Send),
    rejects: &'a mut dyn RejectSink,
    calendars: BTreeMap<String, u64>,
    /// Estimated rows per calendar and estimated year.
    estimated: BTreeMap<(String, i32), u64>,
    /// Fingerprints of the records finished, with their first lines, when rows are to be
    /// grouped (a wide export, or an event log with `--sorted`): 16 bytes per record. The
    /// fingerprint is a hash already, so it is its own hash in the table.
    seen: Option<HashTable<(u64, u64)>>,
    layout: Layout,
    id_column: String,
    hasher: std::hash::RandomState,
    progress: Option<Arc<AtomicU64>>,
    /// The rejects of the block or job at hand, written in line order by [`Tally::flush`].
    pending: Vec<Reject>,
}

impl Tally<'_> {
    /// Writes the rejects gathered so far, in line order.
    fn flush(&mut self) -> Result<(), Error> {
        self.flush_before(u64::MAX)
    }

    /// Writes the rejects gathered so far of the lines before `line`, in line order, and
    /// keeps the others (a record still open may yet be rejected whole, naming earlier
    /// lines) — but never more than [`MAX_HELD_REJECTS`]: past that all are written, so that
    /// a record left open by a flood of bad rows cannot make memory grow.
    fn flush_before(&mut self, line: u64) -> Result<(), Error> {
        self.pending.sort_by_key(|r| r.line);
        let split = if self.pending.len() > MAX_HELD_REJECTS {
            self.pending.len()
        } else {
            self.pending.partition_point(|r| r.line < line)
        };
        for reject in self.pending.drain(..split) {
            self.rejects.reject(&reject)?;
        }
        Ok(())
    }

    fn rows(&mut self, read: u64, rejected: u64, rejects: &[Reject]) -> Result<(), Error> {
        self.summary.rows_read += read;
        self.summary.rows_rejected += rejected;
        if let Some(progress) = &self.progress {
            progress.fetch_add(read, Ordering::Relaxed);
        }
        self.pending.extend_from_slice(rejects);
        Ok(())
    }

    /// Evaluates a record on the sequencer's thread and takes its results.
    fn finish(&mut self, group: &Group, evaluator: &mut Evaluator<'_>) -> Result<(), Error> {
        let mut results = Results::default();
        evaluator.evaluate(group, &mut results);
        self.accept(results)
    }

    /// Writes evaluated records in order, rejecting those that break the `sorted` promise.
    fn accept(&mut self, results: Results) -> Result<(), Error> {
        self.summary.rows_rejected += results.rejected_rows;
        self.summary.duplicate_events += results.duplicates;
        self.pending.extend(results.rejects);
        let mut run: Option<std::ops::Range<usize>> = None;
        for group in &results.groups {
            let id = &results.ids[group.id.clone()];
            if let Some(seen) = &mut self.seen {
                let key = fingerprint(&self.hasher, id);
                if let Some(&(_, first)) = seen.find(key, |&(k, _)| k == key) {
                    if group.calendar.is_some() {
                        let reason = came_back(self.layout, id, first);
                        for &line in &results.lines[group.lines.clone()] {
                            self.pending.push(Reject {
                                line,
                                record_id: id.to_owned(),
                                column: self.id_column.clone(),
                                value: id.to_owned(),
                                reason: reason.clone(),
                            });
                            self.summary.rows_rejected += 1;
                        }
                    }
                    continue;
                }
                seen.insert_unique(key, (key, group.first_line), |&(k, _)| k);
            }
            let Some(calendar) = group.calendar else {
                continue;
            };
            // Consecutive records are written in one go.
            match &mut run {
                Some(range) if range.end == group.out.start => range.end = group.out.end,
                _ => {
                    if let Some(range) = run.take() {
                        self.write(&results.out[range])?;
                    }
                    run = Some(group.out.clone());
                }
            }
            self.summary.records_evaluated += 1;
            for &(clock, status) in &results.statuses[group.statuses.clone()] {
                if let Some(counts) = self.summary.clocks.get_mut(usize::from(clock)) {
                    counts.counts[usize::from(status)] += 1;
                }
                self.summary.outcome_rows += 1;
            }
            *self
                .calendars
                .entry(results.calendars[calendar].clone())
                .or_insert(0) += 1;
            for &(first, last) in &results.estimated[group.estimated.clone()] {
                self.summary.estimated_rows += 1;
                for year in first..=last {
                    *self
                        .estimated
                        .entry((results.calendars[calendar].clone(), year))
                        .or_insert(0) += 1;
                }
            }
        }
        if let Some(range) = run {
            self.write(&results.out[range])?;
        }
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.output
            .write_all(bytes)
            .map_err(|e| io_error("writing the output".to_owned(), &e))
    }
}

/// An opened input with its format, its schema and its first data block.
struct Source {
    format: InputFormat,
    schema: Schema,
    reader: BlockReader<Chain<Cursor<Vec<u8>>, Input>>,
    /// Data blocks read while looking for the layout (JSON Lines), to be read first.
    first: std::collections::VecDeque<Block>,
}

impl Source {
    fn open(
        mut input: Input,
        policy: &Policy,
        format: Option<InputFormat>,
        layout: Option<Layout>,
    ) -> Result<Source, Error> {
        let name = input.name().to_owned();
        let read_error = |e: io::Error| io_error(format!("reading {name}"), &e);
        let mut start = vec![0u8; 4096];
        let mut filled = 0;
        while filled < start.len() {
            match input.read(&mut start[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_error(e)),
            }
        }
        start.truncate(filled);
        let format = format
            .or_else(|| input.path().and_then(InputFormat::from_path))
            .unwrap_or_else(|| InputFormat::sniff(&start));
        let split = match format {
            InputFormat::Csv => Split::Csv,
            InputFormat::Jsonl => Split::Lines,
        };
        let mut reader = BlockReader::new(
            Cursor::new(start).chain(input),
            split,
            BLOCK_SIZE,
            MAX_ROW_BYTES,
        );
        let empty = || {
            Error::input(format!(
                "{name} is empty: expected a header line (CSV) or JSON objects (JSON Lines)"
            ))
        };
        let header_error = |e: io::Error| match e.kind() {
            io::ErrorKind::InvalidData => Error::input(format!("{name}: {e}")),
            _ => read_error(e),
        };
        let (names, first) = match format {
            InputFormat::Csv => {
                let header = reader.header().map_err(header_error)?.ok_or_else(empty)?;
                let names = csv_header(&header.bytes).map_err(|e| e.context(name.clone()))?;
                (names, std::collections::VecDeque::new())
            }
            InputFormat::Jsonl => {
                // The keys of the first line that is a JSON object; the lines before it that
                // are not are rows like any other, rejected when they are read.
                let mut first = std::collections::VecDeque::new();
                let mut skipped = 0usize;
                let mut problem: Option<Error> = None;
                let keys = loop {
                    let Some(block) = reader.header().map_err(header_error)? else {
                        match (problem, layout) {
                            (_, Some(_)) => break Vec::new(),
                            (Some(problem), None) => return Err(problem),
                            (None, None) => return Err(empty()),
                        }
                    };
                    if block.bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    match jsonl_keys(block.bytes.trim_ascii()) {
                        Ok(keys) => {
                            first.push_back(block);
                            break keys;
                        }
                        // With the layout given, the keys are known: no need to look further.
                        Err(_) if layout.is_some() => {
                            first.push_back(block);
                            break Vec::new();
                        }
                        Err(e) => {
                            skipped += block.bytes.len();
                            let line = block.first_line;
                            first.push_back(block);
                            if problem.is_none() {
                                problem = Some(e.context(format!(
                                    "{name}: line {line} (and no later line is a JSON object whose \
                                     keys show the layout; pass `--layout`)"
                                )));
                            }
                            if skipped > MAX_ROW_BYTES * 16 {
                                return Err(problem.unwrap_or_else(empty));
                            }
                        }
                    }
                };
                (keys, first)
            }
        };
        let (names, layout) = if format == InputFormat::Jsonl {
            // Objects may leave out keys: read every key the layout knows, whatever the first
            // object holds.
            let detected = match layout {
                Some(layout) => layout,
                None => Schema::detect(policy, &names, layout)
                    .map_err(|e| e.context(name.clone()))?
                    .layout(),
            };
            let id = if names.iter().any(|k| k == policy.record_id_column())
                || (names.is_empty() && detected == Layout::Wide)
            {
                policy.record_id_column()
            } else {
                "record_id"
            };
            let mut keys = vec![id.to_owned(), policy.calendar_column().to_owned()];
            match detected {
                Layout::EventLog => keys.extend(["event".to_owned(), "at".to_owned()]),
                Layout::Wide => keys.extend(policy.event_columns().map(|(_, c)| c.to_owned())),
            }
            (keys, Some(detected))
        } else {
            (names, layout)
        };
        let schema = Schema::detect(policy, &names, layout).map_err(|e| e.context(name.clone()))?;
        Ok(Source {
            format,
            schema,
            reader,
            first,
        })
    }

    /// The blocks of the input, first the one read while detecting.
    fn blocks(&mut self, block_size: usize) -> impl FnMut() -> Result<Option<Block>, Error> + '_ {
        let mut first = std::mem::take(&mut self.first);
        move || {
            if let Some(block) = first.pop_front() {
                return Ok(Some(block));
            }
            let block = self.reader.next_block_of(block_size);
            block.map_err(|e| io_error("reading the input".to_owned(), &e))
        }
    }
}

impl<R: Read> BlockReader<R> {
    /// The next block of about `size` bytes.
    fn next_block_of(&mut self, size: usize) -> io::Result<Option<Block>> {
        self.set_block_size(size);
        self.next_block()
    }
}

/// Runs `work` over jobs from `source` on `threads` threads and hands the results to `sink`
/// in the order of the jobs. At most a few jobs per thread are in flight, so memory stays
/// flat. With one thread everything runs on the calling thread.
fn ordered<J: Send, D: Send, S>(
    threads: usize,
    source: &mut dyn FnMut() -> Result<Option<J>, Error>,
    state: &(dyn Fn() -> S + Sync),
    work: &(dyn Fn(&mut S, J) -> D + Sync),
    sink: &mut (dyn FnMut(D) -> Result<(), Error> + Send),
) -> Result<(), Error> {
    if threads <= 1 {
        let mut state = state();
        while let Some(job) = source()? {
            sink(work(&mut state, job))?;
        }
        return Ok(());
    }
    let in_flight = (threads * 2 + 2) as u64;
    let (job_tx, job_rx) = mpsc::sync_channel::<(u64, J)>(threads * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(u64, D)>(threads * 2);
    // How many results the sink has taken: the source waits when it is too far ahead.
    let written = (Mutex::new(0u64), Condvar::new());
    let stopped = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let mut workers = 0;
        let mut spawn_error = None;
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let job_rx = &job_rx;
            let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
                let mut state = state();
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, job)) = job else { return };
                    if done_tx.send((seq, work(&mut state, job))).is_err() {
                        return;
                    }
                }
            });
            match spawned {
                Ok(_) => workers += 1,
                // The system has no more threads to give: the ones started do the work.
                Err(e) => {
                    spawn_error = Some(e);
                    break;
                }
            }
        }
        drop(done_tx);
        if workers == 0 {
            let e = spawn_error.unwrap_or_else(|| io::Error::other("no thread"));
            return Err(io_error("starting a worker thread".to_owned(), &e));
        }
        let (written_ref, stopped_ref) = (&written, &stopped);
        let sink_thread = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut waiting = BTreeMap::new();
            let mut next = 0u64;
            let result = (|| {
                for (seq, done) in done_rx.iter() {
                    waiting.insert(seq, done);
                    while let Some(done) = waiting.remove(&next) {
                        sink(done)?;
                        next += 1;
                        if let Ok(mut count) = written_ref.0.lock() {
                            *count = next;
                        }
                        written_ref.1.notify_all();
                    }
                }
                if !waiting.is_empty() {
                    return Err(Error::data(format!(
                        "internal error: block {next} of the input was never processed"
                    )));
                }
                Ok(())
            })();
            if result.is_err() {
                stopped_ref.store(true, Ordering::Relaxed);
                written_ref.1.notify_all();
            }
            result
        });
        let sink_thread = match sink_thread {
            Ok(thread) => thread,
            Err(e) => {
                drop(job_tx);
                return Err(io_error("starting the writer thread".to_owned(), &e));
            }
        };
        let read_result = (|| {
            let mut seq = 0u64;
            while let Some(job) = source()? {
                // Wait until the sink is close enough behind.
                let mut count = written.0.lock().map_err(|_| stopped_error())?;
                while seq >= *count + in_flight && !stopped.load(Ordering::Relaxed) {
                    count = written.1.wait(count).map_err(|_| stopped_error())?;
                }
                drop(count);
                if stopped.load(Ordering::Relaxed) || job_tx.send((seq, job)).is_err() {
                    break;
                }
                seq += 1;
            }
            Ok::<(), Error>(())
        })();
        drop(job_tx);
        let write_result = sink_thread
            .join()
            .unwrap_or_else(|_| Err(Error::data("internal error: the writer stopped")));
        write_result.and(read_result)
    })
}

/// Why the rows of a record that comes back after other records are not used.
fn came_back(layout: Layout, id: &str, first: u64) -> String {
    match layout {
        Layout::Wide => format!(
            "record `{id}` first appeared at line {first}, with other records in between: a \
             wide export keeps a record's rows together, so these rows are not used (put them \
             next to its first rows)"
        ),
        _ => format!(
            "record `{id}` first appeared at line {first}, with other records in between: \
             `--sorted` promises that a record's rows are together; without `--sorted` the log \
             is grouped by record"
        ),
    }
}

fn stopped_error() -> Error {
    Error::data("internal error: a worker stopped")
}

/// One record of an export, found by id: its rows and events, ready to be explained.
#[derive(Clone, Debug)]
pub struct Found {
    /// The record, when at least one of its rows could be used.
    pub record: Option<Record>,
    /// The record's rows that could not be used.
    pub rejects: Vec<Reject>,
    /// The lines of the rows that were used.
    pub lines: Vec<u64>,
}

/// Reads an export and gathers the rows of one record (wherever they are), checked as a batch
/// run checks them.
///
/// # Errors
///
/// As [`Batch::run`].
///
/// # Example
///
/// ```
/// use slacal::Policy;
/// use slacal::io::{Input, find_record};
///
/// let log = "record_id,event,at\nA,submitted,2026-11-20T09:00:00Z\n\
///            B,submitted,2026-11-20T10:00:00Z\nA,live,2026-11-2T09:00:00Z\n";
/// let policy = Policy::builtin("marketplace")?;
/// let input = Input::from_reader("log", std::io::Cursor::new(log))?;
/// let found = find_record(&policy, input, None, None, "A")?;
/// assert_eq!(found.record.unwrap().events().len(), 1);
/// assert_eq!(found.rejects[0].line, 4);
/// # Ok::<(), slacal::Error>(())
/// ```
pub fn find_record(
    policy: &Policy,
    input: Input,
    format: Option<InputFormat>,
    layout: Option<Layout>,
    record_id: &str,
) -> Result<Found, Error> {
    let mut source = Source::open(input, policy, format, layout)?;
    let schema = source.schema.clone();
    let mut parser = RowParser::new(policy, &schema, source.format);
    let mut row = Row::default();
    let mut group = Group::default();
    let mut rejects = Vec::new();
    let mut next = source.blocks(BLOCK_SIZE);
    // A wide export keeps a record's rows together, as a run does: rows of the record after
    // other records are not used.
    let wide = schema.layout() == Layout::Wide;
    let id_column = schema.id_column().to_owned();
    let mut run_ended = false;
    let mut later = Vec::new();
    while let Some(block) = next()? {
        let mut block_rejects = Vec::new();
        parser.parse_block(&block, &mut row, &mut block_rejects, &mut |row| {
            if row.record_id != record_id {
                run_ended = !group.is_empty();
                return;
            }
            if group.is_empty() {
                group.start(row);
            } else if wide && run_ended {
                let first = group.rows.first().map_or(0, |row| row.line);
                later.push(Reject {
                    line: row.line,
                    record_id: record_id.to_owned(),
                    column: id_column.clone(),
                    value: record_id.to_owned(),
                    reason: came_back(Layout::Wide, record_id, first),
                });
            } else {
                group.add(row);
            }
        });
        rejects.extend(
            block_rejects
                .into_iter()
                .filter(|r| r.record_id == record_id),
        );
    }
    rejects.append(&mut later);
    if group.is_empty() {
        return Ok(Found {
            record: None,
            rejects,
            lines: Vec::new(),
        });
    }
    let mut evaluator = Evaluator::new(policy, &schema, Instant::EPOCH, OutputFormat::Csv, false);
    let mut results = Results::default();
    let prepared = evaluator.prepare(&group, &mut results);
    rejects.extend(results.rejects);
    rejects.sort_by_key(|r| r.line);
    let record = prepared.map(|_| evaluator.record().clone());
    let lines = record
        .as_ref()
        .map(|r| {
            let mut lines: Vec<u64> = r.events().iter().filter_map(|e| e.row).collect();
            lines.sort_unstable();
            lines.dedup();
            lines
        })
        .unwrap_or_default();
    Ok(Found {
        record,
        rejects,
        lines,
    })
}
