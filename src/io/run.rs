//! A batch run: an export in, outcome rows, rejects and a summary out.
//!
//! The input is cut into blocks of whole records (`blocks.rs`); worker threads read the
//! rows of a block, gather them by record and evaluate the records; a sequencer puts the
//! results back in input order, joins the record that a block boundary split, hands the
//! results and the rejects to the sink and counts (`tally.rs`). A sink that writes rows in
//! an output format has them formatted by the workers; any other gets the outcomes. What is in memory depends on the layout:
//!
//! - a **wide export**, and an event log with the `sorted` promise, are one streaming pass: a
//!   record is the rows with the same id one after another, and only a few blocks are in
//!   flight, whatever the input's size. A record whose id comes back after other records (in
//!   a wide export, or breaking the `sorted` promise) has its later rows rejected, naming the
//!   line where it first appeared (a fingerprint and that line, 14 to 21 bytes per record
//!   finished, are kept to notice this).
//! - an **unsorted event log** is grouped first (see the store's rule: 24 bytes per event plus
//!   the id's length and about 35 bytes per record), in memory up to the memory budget and in
//!   runs sorted by id on disk beyond it, then its records are evaluated in the byte order of
//!   their ids.
//!
//! A worker keeps at most [`OUTPUT_CAP`] bytes of output per job and leaves the rest of its
//! records to the sequencer, which evaluates and writes them one by one; rejects held back for
//! a record still open are bounded too, so memory stays flat whatever the input or policy.
//! When an output reports a broken pipe, the run stops and returns the summary of what it read.

use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};

use super::blocks::{Block, Spares, give_back};
use super::group::{Encoding, Evaluator, Group, Results, ResultsPool};
use super::input::{Input, InputFormat};
use super::output::is_broken_pipe;
use super::pipeline::ordered;
use super::raw;
use super::reject::Reject;
use super::rows::{Row, RowParser};
use super::schema::{Layout, Schema};
use super::seen::Seen;
use super::sink::{OutcomeSink, RejectSink, ResultWriter};
use super::source::{BLOCK_SIZE, Source};
use super::store::{MergedJob, RawText, Spill, Store};
use super::summary::{ClockSummary, Summary};
use super::tally::Tally;
use super::write::OutputFormat;
use crate::sla::EventId;
use crate::{Error, Instant, Policy};
/// Records of an unsorted event log evaluated per job.
const RECORDS_PER_JOB: usize = 2048;
/// Events of an unsorted event log evaluated per job, at most (a job ends with the record
/// that passes this).
const EVENTS_PER_JOB: usize = 1 << 16;
/// Output a worker produces for a job before it leaves the rest of the job's records to the
/// sequencer, which evaluates them one by one and writes each at once: a policy with
/// thousands of clocks keeps memory bounded too.
const OUTPUT_CAP: usize = 4 << 20;
/// The most worker threads a run starts.
pub const MAX_THREADS: usize = 256;
/// How much memory grouping an unsorted event log takes before it spills to disk, by default.
pub const DEFAULT_MEMORY_BUDGET: usize = 128 << 20;

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

    /// The output format of [`Batch::run`] (CSV by default).
    #[must_use]
    pub fn output_format(mut self, format: OutputFormat) -> Batch {
        self.output_format = format;
        self
    }

    /// Promises that an event log's rows are grouped by record (the rows of a record one after
    /// another), which makes the run a streaming pass. A broken promise is reported as rejects
    /// ([`RejectKind::CameBack`](super::RejectKind::CameBack)).
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
    /// evaluation costs. A sink without a [format](OutcomeSink::format) then gets only the
    /// rejects.
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

    /// Runs: reads `input`, writes the outcome rows to `output` in the
    /// [output format](Batch::output_format) and the rejected rows to `rejects`, and returns
    /// the summary. The same as [`Batch::run_into`] with a [`ResultWriter`].
    ///
    /// When `output` or `rejects` reports a broken pipe (the reader went away), the run stops
    /// there and returns the summary of the rows read so far, with
    /// [`Summary::stopped`](Summary) saying so; the rejects of those rows have been written.
    ///
    /// # Errors
    ///
    /// As [`Batch::run_into`].
    pub fn run(
        &self,
        input: Input,
        output: &mut (dyn Write + Send),
        rejects: &mut dyn RejectSink,
    ) -> Result<Summary, Error> {
        let mut writer = ResultWriter::new(self.output_format, output, rejects);
        self.run_into(input, &mut writer)
    }

    /// Runs: reads `input`, hands each outcome row and each rejected row to `sink` in input
    /// order (on the calling thread), and returns the summary. A sink with a
    /// [format](OutcomeSink::format) gets its rows formatted by the worker threads.
    ///
    /// When the sink reports a broken pipe (the reader of its output went away), the run
    /// stops there and returns the summary of the rows read so far, with
    /// [`Summary::stopped`](Summary) saying so; the rejects of those rows have been given.
    ///
    /// # Errors
    ///
    /// An input error when the input is empty or its header fits no layout; an I/O error when
    /// reading fails; the sink's error when it fails otherwise. Bad rows are not errors: they
    /// go to the sink's [`reject`](OutcomeSink::reject).
    pub fn run_into(&self, input: Input, sink: &mut dyn OutcomeSink) -> Result<Summary, Error> {
        let name = input.name().to_owned();
        let mut source = Source::open(input, &self.policy, self.input_format, self.layout)?;
        let output_format = sink.format();
        let mut summary = Summary {
            input: name,
            layout: source.schema.layout(),
            input_format: source.format,
            output_format,
            policy: self.policy.name().to_owned(),
            policy_origin: self.policy.origin().clone(),
            policy_digest: self.policy.digest().to_owned(),
            as_of: self.as_of,
            estimates: self.policy.estimates(),
            evaluated: self.evaluate,
            rows_read: 0,
            rows_rejected: 0,
            records_evaluated: 0,
            duplicate_events: 0,
            outcome_rows: 0,
            clocks: self
                .policy
                .clocks()
                .iter()
                .map(|c| ClockSummary::new(c.name()))
                .collect(),
            estimated_rows: 0,
            estimated: Vec::new(),
            calendars: Vec::new(),
            warnings: source.schema.warnings().to_vec(),
            stopped: None,
            version: env!("CARGO_PKG_VERSION").to_owned(),
        };
        let encoding = match (self.evaluate, output_format) {
            (true, Some(format)) => Encoding::Rows(format),
            (true, None) => Encoding::Outcomes,
            (false, Some(_)) => Encoding::Events,
            (false, None) => Encoding::Nothing,
        };
        let mut header = Vec::new();
        match encoding {
            Encoding::Rows(format) => format.write_header(&mut header),
            Encoding::Events => header.extend_from_slice(b"record_id,event,at\n"),
            _ => {}
        }
        let mut tally = Tally {
            summary: &mut summary,
            sink,
            rows: output_format.is_some(),
            calendars: BTreeMap::new(),
            estimated: BTreeMap::new(),
            seen: (self.sorted || source.schema.layout() == Layout::Wide).then(Seen::default),
            layout: source.schema.layout(),
            id_column: source.schema.id_column().to_owned(),
            hasher: std::hash::RandomState::new(),
            progress: self.progress.clone(),
            pending: Vec::new(),
        };
        let streaming = source.schema.layout() == Layout::Wide || self.sorted;
        let result = tally.header(&header).and_then(|()| {
            if streaming {
                self.stream(&mut source, &mut tally, encoding)
            } else {
                self.group_unsorted(&mut source, &mut tally, encoding)
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

    fn evaluator<'a>(&'a self, schema: &'a Schema, encoding: Encoding) -> Evaluator<'a> {
        Evaluator::new(&self.policy, schema, self.as_of, encoding)
    }

    /// One pass: records are runs of rows with the same id.
    fn stream(
        &self,
        source: &mut Source,
        tally: &mut Tally<'_>,
        encoding: Encoding,
    ) -> Result<(), Error> {
        let schema = source.schema.clone();
        let format = source.format;
        let mut sequencer = self.evaluator(&schema, encoding);
        let mut carry: Option<Group> = None;
        // Blocks' buffers and results' go back to where the workers take theirs.
        let spares = Spares::default();
        source.use_spares(spares.clone());
        let pool = ResultsPool::default();
        let mut next_block = source.blocks(self.block_size);
        // The ids' fingerprints are taken with the rest of the work, off the thread that
        // checks them.
        let hasher = tally.seen.is_some().then(|| tally.hasher.clone());
        let state = || {
            (
                RowParser::new(&self.policy, &schema, format),
                self.evaluator(&schema, encoding),
                Row::default(),
            )
        };
        let work = |(parser, evaluator, row): &mut (RowParser<'_>, Evaluator<'_>, Row),
                    block: Block| {
            let mut done = StreamDone {
                results: pool.take(),
                ..StreamDone::default()
            };
            // A wide export's results are about four and a half times its size: grown at
            // once rather than by doubling and copying.
            done.results
                .out
                .reserve((block.bytes.len() * 5).min(OUTPUT_CAP));
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
                    } else if done.results.size() >= OUTPUT_CAP {
                        done.deferred.push(std::mem::take(&mut current));
                    } else {
                        evaluator.evaluate(&current, &mut done.results);
                    }
                }
                current.start(row);
            });
            give_back(&spares, block.bytes);
            if let Some(hasher) = &hasher {
                done.results.fingerprint(hasher);
            }
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
        let mut sink = |mut done: StreamDone| -> Result<(), Error> {
            tally.rows(done.rows, done.rejected, &done.parse_rejects);
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
                    tally.accept(&mut done.results)?;
                    for group in &done.deferred {
                        tally.finish(group, &mut sequencer)?;
                    }
                    carry = done.last;
                }
            }
            pool.give_back(done.results);
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
    fn group_unsorted(
        &self,
        source: &mut Source,
        tally: &mut Tally<'_>,
        encoding: Encoding,
    ) -> Result<(), Error> {
        let schema = source.schema.clone();
        let format = source.format;
        let events: Vec<EventId> = self.policy.events().map(|(id, _)| id).collect();
        let temp_dir = self.temp_dir.clone().unwrap_or_else(std::env::temp_dir);
        // The zone local times are read in, to give their texts back as written.
        let zone = self.policy.input_time_zone();
        let mut store = Store::default();
        let mut spill: Option<Spill> = None;
        {
            let spares = Spares::default();
            source.use_spares(spares.clone());
            let mut next_block = source.blocks(self.block_size);
            let state = || {
                (
                    RowParser::new(&self.policy, &schema, format),
                    Row::default(),
                )
            };
            let id_hasher = store.id_hasher();
            // The buffers of blocks grouped, for the next blocks: the threads that read then
            // neither allocate them nor free those of the others.
            let pool: Mutex<Vec<Parsed>> = Mutex::new(Vec::new());
            let work = |(parser, row): &mut (RowParser<'_>, Row), block: Block| {
                let mut parsed = pool
                    .lock()
                    .ok()
                    .and_then(|mut pool| pool.pop())
                    .unwrap_or_default();
                let mut rejects = Vec::new();
                let zone = self.policy.input_time_zone();
                let counts = parser.parse_block(&block, row, &mut rejects, &mut |row| {
                    let start = parsed.text.len();
                    parsed.text.push_str(&row.record_id);
                    let middle = parsed.text.len();
                    parsed.text.push_str(&row.calendar);
                    let end = parsed.text.len();
                    // Hashed here, on the threads that read, rather than where the rows are
                    // grouped one by one.
                    let hash = id_hasher.hash_one(&row.record_id);
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
                            .push((row.line, hash, start, middle, end, event, at, raw));
                    }
                });
                give_back(&spares, block.bytes);
                parsed.counts = (counts.rows, counts.rejected);
                parsed.rejects = rejects;
                parsed
            };
            let mut sink = |mut parsed: Parsed| -> Result<(), Error> {
                tally.rows(parsed.counts.0, parsed.counts.1, &parsed.rejects);
                for (line, hash, start, middle, end, event, at, raw) in &parsed.rows {
                    let (line, hash, start, middle, end, event, at) =
                        (*line, *hash, *start, *middle, *end, *event, *at);
                    let text = match raw {
                        Ok(word) => RawText::Word(*word),
                        Err(span) => RawText::Text(&parsed.text[span.clone()]),
                    };
                    if store.is_full() {
                        spilled(&mut spill, &temp_dir)?.write_run(&mut store, &events)?;
                    }
                    store.add_hashed(
                        hash,
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
                if let Ok(mut pool) = pool.lock() {
                    parsed.clear();
                    pool.push(parsed);
                }
                tally.flush()
            };
            ordered(self.threads, &mut next_block, &state, &work, &mut sink)?;
        }
        let mut sequencer = self.evaluator(&schema, encoding);
        if let Some(spill) = spill {
            // The records still in the store are merged with the runs, not written as one.
            let (mut merge, decoder) = spill.merge(events.clone(), zone, Some(&store))?;
            // The buffers of jobs evaluated, for the next jobs.
            let pool: Mutex<Vec<MergedJob>> = Mutex::new(Vec::new());
            let mut jobs = || -> Result<Option<MergedJob>, Error> {
                let mut job = pool
                    .lock()
                    .ok()
                    .and_then(|mut pool| pool.pop())
                    .unwrap_or_default();
                Ok(merge
                    .fill(&mut job, RECORDS_PER_JOB, EVENTS_PER_JOB)?
                    .then_some(job))
            };
            // The records are decoded on the threads that evaluate them.
            let state = || (self.evaluator(&schema, encoding), Group::default());
            let results_pool = ResultsPool::default();
            let work = |(evaluator, group): &mut (Evaluator<'_>, Group), job: MergedJob| {
                let mut results = results_pool.take();
                let mut deferred = Vec::new();
                let mut failed = None;
                for n in 0..job.len() {
                    if let Err(e) = decoder.group(&job, n, group) {
                        failed = Some(e);
                        break;
                    }
                    if results.size() >= OUTPUT_CAP {
                        deferred.push(group.clone());
                    } else {
                        evaluator.evaluate(group, &mut results);
                    }
                }
                if let Ok(mut pool) = pool.lock() {
                    pool.push(job);
                }
                (results, deferred, failed)
            };
            let mut sink =
                |(mut results, deferred, failed): (Results, Vec<Group>, Option<Error>)| {
                    if let Some(e) = failed {
                        return Err(e);
                    }
                    tally.accept(&mut results)?;
                    results_pool.give_back(results);
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
        let state = || (self.evaluator(&schema, encoding), Group::default());
        let results_pool = ResultsPool::default();
        let work = |(evaluator, group): &mut (Evaluator<'_>, Group),
                    range: std::ops::Range<usize>| {
            let mut results = results_pool.take();
            for at in range.clone() {
                if results.size() >= OUTPUT_CAP {
                    return (results, at..range.end);
                }
                store.group(order[at] as usize, &events, zone, group);
                evaluator.evaluate(group, &mut results);
            }
            (results, range.end..range.end)
        };
        let mut group = Group::default();
        let mut sink = |(mut results, deferred): (Results, std::ops::Range<usize>)| {
            tally.accept(&mut results)?;
            results_pool.give_back(results);
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

/// A row of a block of an unsorted event log: `(line, the id's hash, id start, calendar start,
/// end, event, instant, the instant's layout word or where its text is)` over `text`.
type ParsedRow = (
    u64,
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

impl Parsed {
    /// Empties it, keeping its buffers.
    fn clear(&mut self) {
        self.text.clear();
        self.rows.clear();
        self.counts = (0, 0);
        self.rejects.clear();
    }
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
