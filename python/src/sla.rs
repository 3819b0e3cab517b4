//! SLA evaluation over Arrow tables: `slacal.evaluate` and `slacal.explain`.
//!
//! A table of events (`record_id, event, at[, calendar]`) or a wide export goes through the
//! engine's own batch reader ([`slacal::io::Batch::run_into`]): its columns are streamed to it
//! as the text of a CSV export (one line per row, in table order), so every check and every
//! reject is exactly the one `slacal run` makes, and a reject's `line` is the line the row
//! would have in that export (the header is line 1), which maps back to the table's row. The
//! outcomes come back typed, through an [`OutcomeSink`], into Arrow columns.

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder,
    TimestampNanosecondBuilder,
};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono_tz::Tz;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_arrow::{PySchema, PyTable};
use slacal::io::{Batch, Input, InputFormat, Layout, OutcomeSink, Reject, find_record};
use slacal::sla::{Amount, Step, Unit};
use slacal::{ClockOutcome, Estimates, Explanation, Instant, Policy, Registry, date32};

use crate::errors;

/// The rows handed to the engine per read: big enough to keep its reader busy, small enough
/// to keep the text of the rows in flight small.
const ROWS_PER_CHUNK: usize = 8192;

/// The zone of the outcome table's instants.
const UTC: &str = "UTC";

/// The columns of the outcome table: the CLI's output columns, typed.
pub(crate) fn outcome_schema_ref() -> SchemaRef {
    let instant = || DataType::Timestamp(TimeUnit::Nanosecond, Some(UTC.into()));
    Arc::new(Schema::new(vec![
        Field::new("record_id", DataType::Utf8, false),
        Field::new("clock", DataType::Utf8, false),
        Field::new("attempt", DataType::Int64, false),
        Field::new("calendar", DataType::Utf8, false),
        Field::new("start", instant(), true),
        Field::new("due_date", DataType::Date32, true),
        Field::new("deadline", instant(), true),
        Field::new("stop", instant(), true),
        Field::new("status", DataType::Utf8, false),
        Field::new("elapsed", DataType::Float64, false),
        Field::new("remaining", DataType::Float64, false),
        Field::new("unit", DataType::Utf8, false),
        Field::new("estimated", DataType::Boolean, false),
    ]))
}

/// The columns of the rejects table: the CLI's reject columns, then the table's row.
fn reject_schema_ref() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("line", DataType::Int64, false),
        Field::new("record_id", DataType::Utf8, false),
        Field::new("column", DataType::Utf8, false),
        Field::new("value", DataType::Utf8, false),
        Field::new("reason", DataType::Utf8, false),
        Field::new("row", DataType::Int64, true),
    ]))
}

/// The Arrow schema of `evaluate`'s outcome table (see `slacal.outcome_schema`).
#[pyfunction]
pub(crate) fn outcome_schema() -> PySchema {
    PySchema::new(outcome_schema_ref())
}

/// The Arrow schema of `evaluate`'s rejects table (see `slacal.reject_schema`).
#[pyfunction]
pub(crate) fn reject_schema() -> PySchema {
    PySchema::new(reject_schema_ref())
}

/// A policy as the CLI's `--policy` takes it (a file, else a built-in name), or a TOML text;
/// with the calendars of `holidays_dir` and the estimates setting the CLI would use. The
/// second value lists the holiday-folder entries that were skipped.
fn load_policy(
    spec: Option<&str>,
    holidays_dir: Option<&str>,
    allow_estimates: Option<bool>,
) -> PyResult<(Policy, Vec<String>)> {
    let engine = |err: slacal::Error| errors::to_py(&err);
    let mut builder = Policy::builder();
    let mut skipped = Vec::new();
    if let Some(dir) = holidays_dir {
        let registry = Registry::with_dir(Path::new(dir)).map_err(engine)?;
        skipped = registry.skipped().to_vec();
        builder = builder.registry(Arc::new(registry));
    }
    let spec = spec.unwrap_or("marketplace");
    let policy = if spec.contains('\n') || spec.contains('=') {
        builder.parse("<policy text>", spec).map_err(engine)?
    } else if Path::new(spec).is_file() {
        builder.read(Path::new(spec)).map_err(engine)?
    } else if spec.contains(['/', '\\']) || spec.ends_with(".toml") {
        return Err(errors::InputError::new_err(format!(
            "no policy file `{spec}` (give the path of a TOML policy file, a policy's TOML \
             text, or the name of a built-in policy: {})",
            Policy::builtin_names().collect::<Vec<_>>().join(", ")
        )));
    } else {
        builder.builtin(spec).map_err(engine)?
    };
    // As `slacal run`: the caller's setting, else the policy's own, else estimates allowed.
    let estimates = match allow_estimates {
        Some(true) => Estimates::Allow,
        Some(false) => Estimates::Deny,
        None => policy.declared_estimates().unwrap_or(Estimates::Allow),
    };
    let policy = if estimates == policy.estimates() {
        policy
    } else {
        Policy::builder()
            .estimates(estimates)
            .rebuild(&policy)
            .map_err(engine)?
    };
    Ok((policy, skipped))
}

fn parse_layout(layout: Option<&str>) -> PyResult<Option<Layout>> {
    match layout {
        None => Ok(None),
        Some("events") => Ok(Some(Layout::EventLog)),
        Some("wide") => Ok(Some(Layout::Wide)),
        Some(other) => Err(errors::InputError::new_err(format!(
            "unknown layout `{other}`; the layouts are `events` and `wide`"
        ))),
    }
}

/// How a column's cells are written as CSV text.
#[derive(Clone, Copy, Debug)]
enum Cells {
    /// Every cell empty (an Arrow `null` column).
    Empty,
    /// Text (`utf8`, after a cast for other types).
    Text,
    /// Instants: with a zone, written in UTC (`Z`); without, as local times (no offset),
    /// which the policy reads in its input zone or rejects.
    Timestamp(TimeUnit, bool),
    /// A list of text or instants, written separated by `;` (a wide export's repeated events).
    List(ListItems),
}

#[derive(Clone, Copy, Debug)]
enum ListItems {
    Empty,
    Text,
    Timestamp(TimeUnit, bool),
}

/// The text or timestamp form of a column the engine reads, cast where Arrow can.
fn prepare_column(name: &str, array: &ArrayRef) -> PyResult<(ArrayRef, Cells)> {
    let text = |array: &ArrayRef| -> PyResult<ArrayRef> {
        if matches!(array.data_type(), DataType::Utf8) {
            return Ok(Arc::clone(array));
        }
        arrow_cast::cast(array, &DataType::Utf8).map_err(|err| {
            PyTypeError::new_err(format!(
                "column `{name}` is of type {} and cannot be read as text ({err}); give \
                 strings or timestamps",
                array.data_type()
            ))
        })
    };
    match array.data_type() {
        DataType::Null => Ok((Arc::clone(array), Cells::Empty)),
        DataType::Timestamp(unit, zone) => {
            Ok((Arc::clone(array), Cells::Timestamp(*unit, zone.is_some())))
        }
        DataType::List(_) | DataType::LargeList(_) => {
            // A large list becomes a list, its items text or timestamps.
            let list = if let DataType::LargeList(item) = array.data_type() {
                let target = DataType::List(Arc::clone(item));
                arrow_cast::cast(array, &target)
                    .map_err(|err| PyTypeError::new_err(format!("column `{name}`: {err}")))?
            } else {
                Arc::clone(array)
            };
            let values = Arc::clone(list.as_list::<i32>().values());
            let (values, items) = match values.data_type() {
                DataType::Null => (values, ListItems::Empty),
                DataType::Timestamp(unit, zone) => {
                    let items = ListItems::Timestamp(*unit, zone.is_some());
                    (values, items)
                }
                _ => (text(&values)?, ListItems::Text),
            };
            let field = Arc::new(Field::new("item", values.data_type().clone(), true));
            let list = list.as_list::<i32>();
            let rebuilt = arrow_array::ListArray::try_new(
                field,
                list.offsets().clone(),
                values,
                list.nulls().cloned(),
            )
            .map_err(|err| PyTypeError::new_err(format!("column `{name}`: {err}")))?;
            Ok((Arc::new(rebuilt), Cells::List(items)))
        }
        _ => Ok((text(array)?, Cells::Text)),
    }
}

/// Where rows start when a cell holds a line break: the CSV line of a row is 2 plus its index
/// plus the line breaks inside the cells of the rows before it.
#[derive(Debug, Default)]
struct LineMap {
    /// `(line, row)`: row `row` starts at line `line`; after the last such pair the lines go
    /// up by one per row.
    starts: Vec<(u64, u64)>,
}

impl LineMap {
    /// The table row (from 0) of a row starting at CSV `line`; `None` for the header.
    fn row_of(&self, line: u64) -> Option<u64> {
        let index = self.starts.partition_point(|&(start, _)| start <= line);
        match index.checked_sub(1).and_then(|i| self.starts.get(i)) {
            Some(&(start, row)) => Some(row + (line - start)),
            None => line.checked_sub(2),
        }
    }
}

/// The columns of a table as the text of a CSV export, read by the engine as its input.
struct Feed {
    header: Vec<String>,
    /// Per batch, the columns the engine reads, with how each is written.
    batches: Vec<(usize, Vec<(ArrayRef, Cells)>)>,
    batch: usize,
    row: usize,
    rows_done: u64,
    line: u64,
    buffer: Vec<u8>,
    position: usize,
    started: bool,
    lines: Arc<Mutex<LineMap>>,
}

impl Feed {
    /// The columns of `batches` the policy may read (its id, calendar and event columns, and
    /// an event log's `record_id`, `event` and `at`); the others are not read, as in a file.
    fn new(
        policy: &Policy,
        schema: &SchemaRef,
        batches: &[RecordBatch],
        lines: Arc<Mutex<LineMap>>,
    ) -> PyResult<Feed> {
        let mut wanted: Vec<&str> = vec![
            "record_id",
            "event",
            "at",
            "calendar",
            policy.record_id_column(),
            policy.calendar_column(),
        ];
        wanted.extend(policy.event_columns().map(|(_, column)| column));
        let selected: Vec<usize> = (0..schema.fields().len())
            .filter(|&i| wanted.contains(&schema.field(i).name().as_str()))
            .collect();
        let header = selected
            .iter()
            .map(|&i| schema.field(i).name().clone())
            .collect();
        let mut prepared = Vec::with_capacity(batches.len());
        for batch in batches {
            let mut columns = Vec::with_capacity(selected.len());
            for &i in &selected {
                columns.push(prepare_column(schema.field(i).name(), batch.column(i))?);
            }
            prepared.push((batch.num_rows(), columns));
        }
        Ok(Feed {
            header,
            batches: prepared,
            batch: 0,
            row: 0,
            rows_done: 0,
            line: 2,
            buffer: Vec::with_capacity(1 << 20),
            position: 0,
            started: false,
            lines,
        })
    }

    /// The header line.
    fn write_header(&mut self) {
        for (i, name) in self.header.iter().enumerate() {
            if i > 0 {
                self.buffer.push(b',');
            }
            write_text(&mut self.buffer, name);
        }
        self.buffer.push(b'\n');
    }

    /// The next rows as CSV lines; false at the end of the table.
    fn fill(&mut self) -> bool {
        self.buffer.clear();
        self.position = 0;
        if !self.started {
            self.started = true;
            self.write_header();
        }
        let mut written = 0;
        while written < ROWS_PER_CHUNK {
            let Some((rows, columns)) = self.batches.get(self.batch) else {
                break;
            };
            if self.row >= *rows {
                self.batch += 1;
                self.row = 0;
                continue;
            }
            let mut breaks = 0;
            for (i, (array, cells)) in columns.iter().enumerate() {
                if i > 0 {
                    self.buffer.push(b',');
                }
                breaks += write_cell(&mut self.buffer, array, *cells, self.row);
            }
            self.buffer.push(b'\n');
            self.row += 1;
            self.rows_done += 1;
            self.line += 1 + breaks;
            if breaks > 0 {
                // A poisoned lock only loses the row numbers of rejects, never a row.
                if let Ok(mut map) = self.lines.lock() {
                    map.starts.push((self.line, self.rows_done));
                }
            }
            written += 1;
        }
        !self.buffer.is_empty()
    }
}

impl Read for Feed {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.position >= self.buffer.len() && !self.fill() {
            return Ok(0);
        }
        let available = &self.buffer[self.position..];
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.position += n;
        Ok(n)
    }
}

/// Writes one cell; returns the line breaks written inside it.
fn write_cell(out: &mut Vec<u8>, array: &ArrayRef, cells: Cells, row: usize) -> u64 {
    if array.is_null(row) {
        return 0;
    }
    match cells {
        Cells::Empty => 0,
        Cells::Text => write_text(out, array.as_string::<i32>().value(row)),
        Cells::Timestamp(unit, zoned) => {
            write_timestamp(out, timestamp_value(array, unit, row), unit, zoned);
            0
        }
        Cells::List(items) => {
            let list = array.as_list::<i32>();
            let values = list.values();
            let offsets = list.value_offsets();
            let (start, end) = (offsets[row] as usize, offsets[row + 1] as usize);
            // The instants of a cell are one field: quoted when any holds a special byte.
            let mut cell = Vec::new();
            let mut first = true;
            for i in start..end {
                if values.is_null(i) {
                    continue;
                }
                if !first {
                    cell.push(b';');
                }
                first = false;
                match items {
                    ListItems::Empty => {}
                    ListItems::Text => {
                        cell.extend_from_slice(values.as_string::<i32>().value(i).as_bytes());
                    }
                    ListItems::Timestamp(unit, zoned) => {
                        write_timestamp(&mut cell, timestamp_value(values, unit, i), unit, zoned);
                    }
                }
            }
            // Text items are valid UTF-8 and the separators are ASCII.
            write_text(out, &String::from_utf8_lossy(&cell))
        }
    }
}

fn timestamp_value(array: &ArrayRef, unit: TimeUnit, row: usize) -> i64 {
    match unit {
        TimeUnit::Second => array.as_primitive::<TimestampSecondType>().value(row),
        TimeUnit::Millisecond => array.as_primitive::<TimestampMillisecondType>().value(row),
        TimeUnit::Microsecond => array.as_primitive::<TimestampMicrosecondType>().value(row),
        TimeUnit::Nanosecond => array.as_primitive::<TimestampNanosecondType>().value(row),
    }
}

/// A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break.
/// Returns the line breaks inside it.
fn write_text(out: &mut Vec<u8>, text: &str) -> u64 {
    let bytes = text.as_bytes();
    if !bytes
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        out.extend_from_slice(bytes);
        return 0;
    }
    out.push(b'"');
    let mut breaks = 0;
    for &b in bytes {
        if b == b'"' {
            out.push(b'"');
        }
        if b == b'\n' {
            breaks += 1;
        }
        out.push(b);
    }
    out.push(b'"');
    breaks
}

/// An Arrow timestamp as RFC 3339: `YYYY-MM-DDTHH:MM:SS[.fraction]` and `Z` when the column
/// has a zone (the value is UTC), the fraction to the column's precision without trailing
/// zeros. A value outside the years chrono handles is written as the bare number, which the
/// engine rejects as a malformed instant, naming it.
fn write_timestamp(out: &mut Vec<u8>, value: i64, unit: TimeUnit, zoned: bool) {
    let per_second: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let (seconds, fraction) = (value.div_euclid(per_second), value.rem_euclid(per_second));
    let days = seconds.div_euclid(86_400);
    let second_of_day = seconds.rem_euclid(86_400);
    let date = i32::try_from(days)
        .ok()
        .and_then(|d| date32::to_naive(d).ok());
    let Some(date) = date else {
        out.extend_from_slice(value.to_string().as_bytes());
        return;
    };
    use chrono::Datelike;
    let two = |out: &mut Vec<u8>, n: i64| {
        out.push(b'0' + (n / 10) as u8);
        out.push(b'0' + (n % 10) as u8);
    };
    let year = i64::from(date.year());
    two(out, year / 100);
    two(out, year % 100);
    out.push(b'-');
    two(out, i64::from(date.month()));
    out.push(b'-');
    two(out, i64::from(date.day()));
    out.push(b'T');
    two(out, second_of_day / 3600);
    out.push(b':');
    two(out, second_of_day / 60 % 60);
    out.push(b':');
    two(out, second_of_day % 60);
    if fraction > 0 {
        let digits = per_second.ilog10() as usize;
        let text = format!("{fraction:0digits$}");
        out.push(b'.');
        out.extend_from_slice(text.trim_end_matches('0').as_bytes());
    }
    if zoned {
        out.push(b'Z');
    }
}

/// An amount as the CLI writes it (whole, or rounded to a hundredth of the unit, half away
/// from zero: [`Unit::format`]), as a number.
fn amount_value(amount: Amount, unit: Unit) -> f64 {
    let unit = match amount {
        Amount::BusinessDays(_) => Unit::BusinessDays,
        _ => unit,
    };
    let size = i128::from(unit.ticks());
    let scaled = i128::from(amount.ticks()) * 100;
    let hundredths = (scaled.abs() + size / 2) / size;
    // Division of two whole numbers is correctly rounded: the nearest double to the decimal
    // the CLI writes, the value `float()` of its text gives.
    let value = hundredths as f64 / 100.0;
    if scaled < 0 { -value } else { value }
}

fn nanos(instant: Instant) -> i64 {
    // Instants are within 1900..=2199 (the engine checks), well inside i64 nanoseconds.
    i64::try_from(instant.unix_nanos()).unwrap_or(i64::MAX)
}

/// The outcomes and rejects of a run, as Arrow columns.
struct Collect {
    record_id: StringBuilder,
    clock: StringBuilder,
    attempt: Int64Builder,
    calendar: StringBuilder,
    start: TimestampNanosecondBuilder,
    due_date: Date32Builder,
    deadline: TimestampNanosecondBuilder,
    stop: TimestampNanosecondBuilder,
    status: StringBuilder,
    elapsed: Float64Builder,
    remaining: Float64Builder,
    unit: StringBuilder,
    estimated: BooleanBuilder,
    rejects: Vec<Reject>,
}

impl Collect {
    fn new() -> Collect {
        Collect {
            record_id: StringBuilder::new(),
            clock: StringBuilder::new(),
            attempt: Int64Builder::new(),
            calendar: StringBuilder::new(),
            start: TimestampNanosecondBuilder::new(),
            due_date: Date32Builder::new(),
            deadline: TimestampNanosecondBuilder::new(),
            stop: TimestampNanosecondBuilder::new(),
            status: StringBuilder::new(),
            elapsed: Float64Builder::new(),
            remaining: Float64Builder::new(),
            unit: StringBuilder::new(),
            estimated: BooleanBuilder::new(),
            rejects: Vec::new(),
        }
    }

    fn push(&mut self, outcome: &ClockOutcome) {
        self.record_id.append_value(outcome.record_id());
        self.clock.append_value(outcome.clock());
        self.attempt.append_value(i64::from(outcome.attempt()));
        self.calendar.append_value(outcome.calendar());
        self.start.append_option(outcome.start().map(nanos));
        self.due_date
            .append_option(outcome.due_date().map(date32::from_naive));
        self.deadline.append_option(outcome.deadline().map(nanos));
        self.stop.append_option(outcome.stop().map(nanos));
        self.status.append_value(outcome.status().name());
        let unit = outcome.unit();
        self.elapsed
            .append_value(amount_value(outcome.elapsed(), unit));
        self.remaining
            .append_value(amount_value(outcome.remaining(), unit));
        self.unit.append_value(unit.name());
        self.estimated.append_value(outcome.is_estimated());
    }

    fn outcomes(&mut self) -> PyResult<PyTable> {
        let schema = outcome_schema_ref();
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.record_id.finish()),
            Arc::new(self.clock.finish()),
            Arc::new(self.attempt.finish()),
            Arc::new(self.calendar.finish()),
            Arc::new(self.start.finish().with_timezone(UTC)),
            Arc::new(self.due_date.finish()),
            Arc::new(self.deadline.finish().with_timezone(UTC)),
            Arc::new(self.stop.finish().with_timezone(UTC)),
            Arc::new(self.status.finish()),
            Arc::new(self.elapsed.finish()),
            Arc::new(self.remaining.finish()),
            Arc::new(self.unit.finish()),
            Arc::new(self.estimated.finish()),
        ];
        table(schema, columns)
    }
}

impl OutcomeSink for Collect {
    fn outcome(&mut self, outcome: &ClockOutcome) -> Result<(), slacal::Error> {
        self.push(outcome);
        Ok(())
    }

    fn reject(&mut self, reject: &Reject) -> Result<(), slacal::Error> {
        self.rejects.push(reject.clone());
        Ok(())
    }
}

fn table(schema: SchemaRef, columns: Vec<ArrayRef>) -> PyResult<PyTable> {
    let batch = RecordBatch::try_new(Arc::clone(&schema), columns)
        .map_err(|err| PyValueError::new_err(format!("building a result table failed: {err}")))?;
    PyTable::try_new(vec![batch], schema)
}

fn rejects_table(rejects: &[Reject], lines: &LineMap) -> PyResult<PyTable> {
    let mut line = Int64Builder::new();
    let mut record_id = StringBuilder::new();
    let mut column = StringBuilder::new();
    let mut value = StringBuilder::new();
    let mut reason = StringBuilder::new();
    let mut row = Int64Builder::new();
    for reject in rejects {
        line.append_value(i64::try_from(reject.line).unwrap_or(i64::MAX));
        record_id.append_value(&reject.record_id);
        column.append_value(&reject.column);
        value.append_value(&reject.value);
        reason.append_value(&reject.reason);
        row.append_option(
            lines
                .row_of(reject.line)
                .and_then(|r| i64::try_from(r).ok()),
        );
    }
    let columns: Vec<ArrayRef> = vec![
        Arc::new(line.finish()),
        Arc::new(record_id.finish()),
        Arc::new(column.finish()),
        Arc::new(value.finish()),
        Arc::new(reason.finish()),
        Arc::new(row.finish()),
    ];
    table(reject_schema_ref(), columns)
}

/// The settings shared by `evaluate` and `explain`.
struct Setup {
    policy: Policy,
    as_of: Instant,
    layout: Option<Layout>,
    skipped: Vec<String>,
    batches: Vec<RecordBatch>,
    schema: SchemaRef,
}

fn setup(
    events: PyTable,
    as_of: &str,
    policy: Option<&str>,
    layout: Option<&str>,
    holidays_dir: Option<&str>,
    allow_estimates: Option<bool>,
) -> PyResult<Setup> {
    let as_of = Instant::parse(as_of).map_err(|err| errors::to_py(&err.context("`as_of`")))?;
    let layout = parse_layout(layout)?;
    let (policy, skipped) = load_policy(policy, holidays_dir, allow_estimates)?;
    let (batches, schema) = events.into_inner();
    Ok(Setup {
        policy,
        as_of,
        layout,
        skipped,
        batches,
        schema,
    })
}

/// Evaluates every clock of every record of a table (see `slacal.evaluate`): the outcomes,
/// the rejects, the summary as JSON and the skipped holiday-folder entries.
#[pyfunction]
#[pyo3(signature = (events, as_of, policy=None, layout=None, holidays_dir=None, allow_estimates=None, threads=None, sorted=false))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn evaluate(
    py: Python<'_>,
    events: PyTable,
    as_of: &str,
    policy: Option<&str>,
    layout: Option<&str>,
    holidays_dir: Option<&str>,
    allow_estimates: Option<bool>,
    threads: Option<usize>,
    sorted: bool,
) -> PyResult<(PyTable, PyTable, String, Vec<String>)> {
    let setup = setup(events, as_of, policy, layout, holidays_dir, allow_estimates)?;
    let lines = Arc::new(Mutex::new(LineMap::default()));
    let feed = Feed::new(
        &setup.policy,
        &setup.schema,
        &setup.batches,
        Arc::clone(&lines),
    )?;
    let mut batch = Batch::new(setup.policy, setup.as_of)
        .layout(setup.layout)
        .input_format(Some(InputFormat::Csv))
        .sorted(sorted);
    if let Some(threads) = threads {
        batch = batch.threads(threads);
    }
    let mut collect = Collect::new();
    let summary = py
        .detach(|| {
            let input = Input::from_reader("table", feed)?;
            batch.run_into(input, &mut collect)
        })
        .map_err(|err| errors::to_py(&err))?;
    let lines = lines.lock().map_err(|_| {
        PyValueError::new_err("internal error: the row numbers of the rejects were lost")
    })?;
    Ok((
        collect.outcomes()?,
        rejects_table(&collect.rejects, &lines)?,
        summary.to_json(),
        setup.skipped,
    ))
}

/// Explains how every deadline of one record was reached (see `slacal.explain`): a list of
/// dictionaries, one per clock and attempt, and the record's rejects.
#[pyfunction]
#[pyo3(signature = (events, as_of, record_id, policy=None, layout=None, holidays_dir=None, allow_estimates=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn explain<'py>(
    py: Python<'py>,
    events: PyTable,
    as_of: &str,
    record_id: &str,
    policy: Option<&str>,
    layout: Option<&str>,
    holidays_dir: Option<&str>,
    allow_estimates: Option<bool>,
) -> PyResult<(Bound<'py, PyList>, PyTable, Vec<String>)> {
    let setup = setup(events, as_of, policy, layout, holidays_dir, allow_estimates)?;
    let lines = Arc::new(Mutex::new(LineMap::default()));
    let feed = Feed::new(
        &setup.policy,
        &setup.schema,
        &setup.batches,
        Arc::clone(&lines),
    )?;
    let (policy, as_of, layout) = (&setup.policy, setup.as_of, setup.layout);
    let (found, explained) = py
        .detach(|| {
            let input = Input::from_reader("table", feed)?;
            let found = find_record(policy, input, Some(InputFormat::Csv), layout, record_id)?;
            let explained = match &found.record {
                Some(record) => policy.explain(record, as_of)?,
                None => Vec::new(),
            };
            Ok::<_, slacal::Error>((found, explained))
        })
        .map_err(|err| errors::to_py(&err))?;
    let list = PyList::empty(py);
    for explanation in &explained {
        list.append(explanation_dict(py, explanation)?)?;
    }
    let lines = lines.lock().map_err(|_| {
        PyValueError::new_err("internal error: the row numbers of the rejects were lost")
    })?;
    Ok((list, rejects_table(&found.rejects, &lines)?, setup.skipped))
}

/// An instant as a `datetime` with the offset of `zone` at that instant (as the CLI writes it).
fn instant_py<'py>(
    py: Python<'py>,
    zone: Tz,
    instant: Option<Instant>,
) -> PyResult<Bound<'py, PyAny>> {
    match instant {
        None => Ok(py.None().into_bound(py)),
        Some(instant) => Ok(instant
            .in_zone(zone)
            .fixed_offset()
            .into_pyobject(py)?
            .into_any()),
    }
}

/// An explanation as a dictionary: the outcome's columns, the budget, the start rule, the
/// at-risk thresholds, the steps (each a dictionary with its `kind`) and the text `slacal
/// explain` prints.
fn explanation_dict<'py>(
    py: Python<'py>,
    explanation: &Explanation,
) -> PyResult<Bound<'py, PyDict>> {
    let outcome = explanation.outcome();
    let zone = outcome.time_zone();
    let dict = PyDict::new(py);
    dict.set_item("record_id", outcome.record_id())?;
    dict.set_item("clock", outcome.clock())?;
    dict.set_item("attempt", outcome.attempt())?;
    dict.set_item("calendar", outcome.calendar())?;
    dict.set_item("time_zone", zone.name())?;
    dict.set_item("start", instant_py(py, zone, outcome.start())?)?;
    dict.set_item("due_date", outcome.due_date())?;
    dict.set_item("deadline", instant_py(py, zone, outcome.deadline())?)?;
    dict.set_item("stop", instant_py(py, zone, outcome.stop())?)?;
    dict.set_item("status", outcome.status().name())?;
    let unit = outcome.unit();
    dict.set_item("elapsed", amount_value(outcome.elapsed(), unit))?;
    dict.set_item("remaining", amount_value(outcome.remaining(), unit))?;
    dict.set_item("unit", unit.name())?;
    dict.set_item("estimated", outcome.is_estimated())?;
    dict.set_item("budget", explanation.budget().to_string())?;
    dict.set_item("start_rule", explanation.start_rule().to_string())?;
    let at_risk = PyList::empty(py);
    for (threshold, reached) in explanation.at_risk() {
        let entry = PyDict::new(py);
        entry.set_item("threshold", threshold.to_string())?;
        entry.set_item("reached", instant_py(py, zone, *reached)?)?;
        at_risk.append(entry)?;
    }
    dict.set_item("at_risk", at_risk)?;
    dict.set_item("as_of", instant_py(py, zone, Some(explanation.as_of()))?)?;
    let steps = PyList::empty(py);
    for step in explanation.steps() {
        let entry = step_dict(py, zone, step)?;
        entry.set_item("text", step.render(zone))?;
        if let Some(date) = entry.get_item("date")? {
            let date: chrono::NaiveDate = date.extract()?;
            entry.set_item("estimated", explanation.is_estimated_day(date))?;
        }
        steps.append(entry)?;
    }
    dict.set_item("steps", steps)?;
    dict.set_item("text", explanation.to_string())?;
    Ok(dict)
}

fn step_dict<'py>(py: Python<'py>, zone: Tz, step: &Step) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let at = |d: &Bound<'py, PyDict>, instant: &Instant| {
        d.set_item("at", instant_py(py, zone, Some(*instant))?)
    };
    match step {
        Step::Started { at: when, event } => {
            d.set_item("kind", "started")?;
            at(&d, when)?;
            d.set_item("event", event)?;
        }
        Step::DayZero {
            date,
            moved,
            closed,
            rule,
        } => {
            d.set_item("kind", "day_zero")?;
            d.set_item("date", date)?;
            d.set_item("moved", moved)?;
            d.set_item("closed", closed)?;
            d.set_item("rule", rule.to_string())?;
        }
        Step::Skipped { date, reason } => {
            d.set_item("kind", "skipped")?;
            d.set_item("date", date)?;
            d.set_item("reason", reason)?;
        }
        Step::Counted {
            date,
            count,
            close,
            projected,
            note,
        } => {
            d.set_item("kind", "counted")?;
            d.set_item("date", date)?;
            d.set_item("count", count)?;
            d.set_item("close", instant_py(py, zone, Some(*close))?)?;
            d.set_item("projected", projected)?;
            d.set_item("note", note)?;
        }
        Step::PausedDay { date, reason } => {
            d.set_item("kind", "paused_day")?;
            d.set_item("date", date)?;
            d.set_item("reason", reason)?;
        }
        Step::Worked {
            date,
            time,
            total,
            hours,
            projected,
        } => {
            d.set_item("kind", "worked")?;
            d.set_item("date", date)?;
            d.set_item("seconds", time.nanos() as f64 / 1e9)?;
            d.set_item("total_seconds", total.nanos() as f64 / 1e9)?;
            d.set_item("hours", hours)?;
            d.set_item("projected", projected)?;
        }
        Step::Paused {
            at: when,
            event,
            reason,
        } => {
            d.set_item("kind", "paused")?;
            at(&d, when)?;
            d.set_item("event", event)?;
            d.set_item("reason", reason)?;
        }
        Step::Resumed {
            at: when,
            event,
            after,
        } => {
            d.set_item("kind", "resumed")?;
            at(&d, when)?;
            d.set_item("event", event)?;
            d.set_item("paused_seconds", *after as f64 / 1e9)?;
        }
        Step::Ignored {
            at: when,
            event,
            why,
        } => {
            d.set_item("kind", "ignored")?;
            at(&d, when)?;
            d.set_item("event", event)?;
            d.set_item("why", why)?;
        }
        Step::Due {
            date,
            deadline,
            how,
        } => {
            d.set_item("kind", "due")?;
            d.set_item("date", date)?;
            d.set_item("deadline", instant_py(py, zone, Some(*deadline))?)?;
            d.set_item("how", how)?;
        }
        Step::Restarted {
            at: when,
            event,
            next,
            ended_pause,
        } => {
            d.set_item("kind", "restarted")?;
            at(&d, when)?;
            d.set_item("event", event)?;
            d.set_item("next", next)?;
            d.set_item("ended_pause", ended_pause)?;
        }
        Step::Ended {
            at: when,
            event,
            status,
            ended_pause,
        } => {
            d.set_item("kind", "ended")?;
            at(&d, when)?;
            d.set_item("event", event)?;
            d.set_item("status", status.name())?;
            d.set_item("ended_pause", ended_pause)?;
        }
        _ => {
            d.set_item("kind", "other")?;
        }
    }
    Ok(d)
}
