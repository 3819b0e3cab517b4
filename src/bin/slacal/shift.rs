//! `slacal shift`: business-day addition over a streamed CSV of `date,days` pairs.
//!
//! The input is cut into blocks of whole records; worker threads parse dates and counts
//! without allocating, compute on day numbers and format into a buffer per block; a writer
//! puts the blocks back in input order. Memory stays flat: a few blocks are in flight at a time.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::{Mutex, mpsc};

use slacal::io::{Block, BlockKind, BlockReader, Input, Output, Split, io_error};
use slacal::{Calendar, StartRule, date32};

use crate::args::ShiftArgs;
use crate::dates::{calendar, note_estimates};
use crate::error::Error;

/// What a run did: how many rows it rejected.
pub struct Outcome {
    pub rejected: u64,
}

/// Input is cut into blocks of about this many bytes of whole records.
const BLOCK_SIZE: usize = 1 << 20;
/// A row longer than this is rejected without being read whole.
const MAX_ROW: usize = 1 << 16;

/// What the header says about the columns.
struct Layout {
    width: usize,
    date_col: usize,
    days_col: usize,
    rule: StartRule,
}

/// One processed block: its output rows, its error messages, how many rows it rejected, and
/// the days in estimated years that its answers used (first, last).
struct Done {
    seq: u64,
    rows: Vec<u8>,
    errors: Vec<u8>,
    rejected: u64,
    estimated: Option<(i32, i32)>,
}

/// Widens a span of days to hold another.
fn widen(span: &mut Option<(i32, i32)>, other: Option<(i32, i32)>) {
    if let Some((first, last)) = other {
        *span = Some(span.map_or((first, last), |(a, b)| (a.min(first), b.max(last))));
    }
}

pub fn run(args: &ShiftArgs) -> Result<Outcome, Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let input_name = args.input.as_ref().map_or_else(
        || "standard input".to_owned(),
        |p| format!("`{}`", p.display()),
    );
    let read_error = |e: io::Error| io_error(format!("reading {input_name}"), &e);
    let mut blocks = BlockReader::new(
        Input::open(args.input.as_deref())?,
        Split::Csv,
        BLOCK_SIZE,
        MAX_ROW,
    );
    let Some(header_block) = blocks.header().map_err(read_error)? else {
        return Err(Error::msg(format!(
            "{input_name} is empty: expected a CSV header with the columns `date` and `days`"
        )));
    };
    let header = parse_header(&header_block.bytes);
    let column = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| {
            Error::msg(format!(
                "the header of {input_name} has no column `{name}` (found: {}); expected `date,days`",
                header.join(",")
            ))
        })
    };
    let layout = Layout {
        width: header.len(),
        date_col: column("date")?,
        days_col: column("days")?,
        rule: args.start_rule.into(),
    };

    let mut out = Output::create(args.output.as_deref())?;
    let mut first = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if i > 0 {
            first.push(b',');
        }
        write_field(&mut first, name.as_bytes());
    }
    first.extend_from_slice(b",result\n");
    out.write_all(&first)
        .map_err(|e| io_error("writing the output".into(), &e))?;

    // The reader (this thread) cuts blocks, workers shift them, the writer puts them back in
    // order. Bounded channels keep memory flat whatever the input size.
    // Estimated years are the last covered ones: a row uses them when it reaches this day.
    let estimated_from = calendar
        .estimated_years()
        .map(|(first, _)| date32::from_civil(first, 1, 1));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().clamp(1, 4));
    let (job_tx, job_rx) = mpsc::sync_channel::<Block>(workers * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(workers * 2);
    let (read_result, write_result) = std::thread::scope(|scope| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let (job_rx, calendar, layout, input_name) = (&job_rx, &calendar, &layout, &input_name);
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(block) = job else { return };
                    let done = shift_block(calendar, layout, input_name, &block, estimated_from);
                    if done_tx.send(done).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let writer = scope.spawn(move || {
            write_in_order(&mut out, done_rx)
                .map(|(rejected, estimated)| (out, rejected, estimated))
        });
        let read_result = (|| {
            while let Some(block) = blocks.next_block().map_err(read_error)? {
                if job_tx.send(block).is_err() {
                    break;
                }
            }
            Ok::<(), Error>(())
        })();
        drop(job_tx);
        let write_result = writer
            .join()
            .unwrap_or_else(|_| Err(Error::msg("the output writer stopped unexpectedly")));
        (read_result, write_result)
    });
    read_result?;
    let (out, rejected, estimated) = write_result?;
    out.commit()?;
    if let Some((first, last)) = estimated {
        note_estimates(&calendar, date32::to_naive(first)?, date32::to_naive(last)?);
    }
    Ok(Outcome { rejected })
}

/// Writes processed blocks to the output in input order, their errors to standard error.
fn write_in_order(
    out: &mut Output,
    done: mpsc::Receiver<Done>,
) -> Result<(u64, Option<(i32, i32)>), Error> {
    let mut waiting = BTreeMap::new();
    let mut next = 0u64;
    let mut rejected = 0;
    let mut estimated = None;
    let stderr = io::stderr();
    for block in done {
        waiting.insert(block.seq, block);
        while let Some(block) = waiting.remove(&next) {
            out.write_all(&block.rows)
                .map_err(|e| io_error("writing the output".into(), &e))?;
            if !block.errors.is_empty() {
                // No raw control characters from the input on the terminal.
                let text = crate::batch::escape_lines(&String::from_utf8_lossy(&block.errors));
                let _ = stderr.lock().write_all(text.as_bytes());
            }
            rejected += block.rejected;
            widen(&mut estimated, block.estimated);
            next += 1;
        }
    }
    if !waiting.is_empty() {
        return Err(Error::msg(format!(
            "internal error: block {next} of the input was never processed"
        )));
    }
    Ok((rejected, estimated))
}

/// The header's column names: the first record, without a byte-order mark, trimmed.
fn parse_header(bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record).unwrap_or(false) {
        return Vec::new();
    }
    record
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let field = if i == 0 {
                field.strip_prefix(b"\xef\xbb\xbf").unwrap_or(field)
            } else {
                field
            };
            String::from_utf8_lossy(field).trim().to_owned()
        })
        .collect()
}

/// Shifts every record of a block.
fn shift_block(
    calendar: &Calendar,
    layout: &Layout,
    input_name: &str,
    block: &Block,
    estimated_from: Option<i32>,
) -> Done {
    if block.kind != BlockKind::Records {
        // A row too long to read, or an unclosed quote: one rejected row, kept as an empty row.
        let mut errors = Vec::new();
        let _ = writeln!(
            errors,
            "slacal: {input_name}: line {}: the row is over {MAX_ROW} bytes or opens a quote it \
             does not close; it is not read",
            block.first_line
        );
        let mut rows = vec![b','; layout.width];
        rows.push(b'\n');
        return Done {
            seq: block.seq,
            rows,
            errors,
            rejected: 1,
            estimated: None,
        };
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&block.bytes[..]);
    let mut record = csv::ByteRecord::new();
    let mut rows = Vec::with_capacity(block.bytes.len() * 3 / 2);
    let mut errors = Vec::new();
    let mut rejected = 0;
    let mut estimated = None;
    let line_of = |record: &csv::ByteRecord| {
        block.first_line + record.position().map_or(1, csv::Position::line) - 1
    };
    // Reading a byte record from memory fails only on malformed quoting; such a row is
    // reported like any bad row.
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                rejected += 1;
                let line = e
                    .position()
                    .map_or(block.first_line, |p| block.first_line + p.line() - 1);
                let _ = writeln!(
                    errors,
                    "slacal: {input_name}: line {line}: unreadable CSV: {e}"
                );
                continue;
            }
        }
        // The output stays rectangular: a short row is padded with empty fields, a long one cut
        // to the header's width (and rejected, so the cut is reported).
        for i in 0..layout.width {
            if i > 0 {
                rows.push(b',');
            }
            write_field(&mut rows, record.get(i).unwrap_or_default());
        }
        rows.push(b',');
        match shift_row(calendar, &record, layout) {
            Ok((start, day)) => {
                if let Some(boundary) = estimated_from {
                    let (low, high) = (start.min(day), start.max(day));
                    if high >= boundary {
                        widen(&mut estimated, Some((low.max(boundary), high)));
                    }
                }
                let mut text = [0u8; 10];
                date32::write_iso(day, &mut text);
                rows.extend_from_slice(&text);
            }
            Err(reason) => {
                rejected += 1;
                let line = line_of(&record);
                let _ = writeln!(errors, "slacal: {input_name}: line {line}: {reason}");
            }
        }
        rows.push(b'\n');
    }
    Done {
        seq: block.seq,
        rows,
        errors,
        rejected,
        estimated,
    }
}

/// The day of one row and its shifted day, or why the row cannot be shifted.
#[inline]
fn shift_row(
    calendar: &Calendar,
    record: &csv::ByteRecord,
    layout: &Layout,
) -> Result<(i32, i32), Error> {
    let Layout {
        width,
        date_col,
        days_col,
        rule,
    } = *layout;
    if record.len() != width {
        let fields = if record.len() == 1 { "field" } else { "fields" };
        return Err(Error::msg(format!(
            "the row has {} {fields}, the header has {width}",
            record.len()
        )));
    }
    let (Some(date), Some(days)) = (record.get(date_col), record.get(days_col)) else {
        return Err(Error::msg("the row lacks the `date` or `days` field"));
    };
    let day = date32::parse_iso(date).map_err(|e| e.context("column `date`"))?;
    let n = parse_days(days).map_err(|e| e.context("column `days`"))?;
    let start = if rule == StartRule::RollForward && n > 0 {
        calendar.add_business_days_date32(day, 0)?
    } else {
        day
    };
    Ok((day, calendar.add_business_days_date32(start, n)?))
}

/// Parses an optionally signed decimal integer without allocating.
#[inline]
fn parse_days(text: &[u8]) -> Result<i64, Error> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
        return Err(Error::msg(format!(
            "`{}` is not a whole number of days (expected an integer of at most 18 digits, such as 15 or -3)",
            String::from_utf8_lossy(text)
        )));
    }
    let value = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
    Ok(if negative { -value } else { value })
}

/// Writes a CSV field, quoting it when it holds a comma, a quote or a line break.
///
/// Unlike the batch writer's quoting (`slacal::io`), a field with leading or trailing spaces is
/// not quoted: `shift` echoes its input fields as given, byte for byte, as the peer harness's
/// output contract (and numpy's minimal quoting) requires.
#[inline]
fn write_field(buf: &mut Vec<u8>, field: &[u8]) {
    if field
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        buf.push(b'"');
        for &b in field {
            if b == b'"' {
                buf.push(b'"');
            }
            buf.push(b);
        }
        buf.push(b'"');
    } else {
        buf.extend_from_slice(field);
    }
}
