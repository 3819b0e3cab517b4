//! Shifting dates in bulk: a CSV of `date,days` pairs in, the same rows with a `result`
//! column out, on the machinery of a batch run (blocks of whole records, worker threads, a
//! sequencer that keeps input order).
//!
//! The output's contract, which programs comparing it with numpy's `busday_offset` rely on:
//! the header's names and every input field echoed as given (quoted only when they hold a
//! comma, a quote or a line break), `YYYY-MM-DD` results, lines ended by `\n`, a final line
//! break. Every input row gives one output row: a row that cannot be shifted keeps its
//! fields with an empty `result` and is a [`Reject`] naming its line and why. Workers parse
//! dates and counts without allocating and compute on day numbers; memory stays flat.

use std::io::{self, Write};

use chrono::NaiveDate;

use super::blocks::{Block, BlockKind, BlockReader, Spares, Split, give_back, take_spare};
use super::input::Input;
use super::output::io_error;
use super::pipeline::ordered;
use super::reject::{Reject, shown_value};
use super::sink::RejectSink;
use crate::calendar::date32;
use crate::{Calendar, Error, StartRule};

/// Input is cut into blocks of about this many bytes of whole records.
const BLOCK_SIZE: usize = 1 << 18;
/// A row longer than this is rejected without being read whole.
const MAX_ROW: usize = 1 << 16;
/// Worker threads by default, at most: the work per row is small, so a few keep up with
/// reading and writing.
const DEFAULT_THREADS: usize = 4;

/// Business-day addition over a streamed CSV of `date,days` pairs: `date,days` in,
/// `date,days,result` out, `result = add_business_days(date, days)` under a start rule.
///
/// # Example
///
/// ```
/// use slacal::io::{Input, Reject, Shift};
/// use slacal::{Calendar, StartRule};
///
/// let pairs = "date,days\n2026-11-20,15\n2026-11-22,1\n2026-13-01,1\n";
/// let shift = Shift::new(Calendar::builtin("US")?);
/// let (mut output, mut rejects) = (Vec::new(), Vec::<Reject>::new());
/// let summary = shift.run(Input::from_reader("pairs", std::io::Cursor::new(pairs))?, &mut output, &mut rejects)?;
/// assert_eq!(String::from_utf8(output).unwrap(),
///     "date,days,result\n2026-11-20,15,2026-12-14\n2026-11-22,1,2026-11-23\n2026-13-01,1,\n");
/// assert_eq!((summary.rows_read, summary.rows_rejected), (3, 1));
/// assert_eq!((rejects[0].line, rejects[0].column.as_str()), (4, "date"));
///
/// // Sunday + 1 business day is Tuesday when the start rolls forward first.
/// let shift = shift.start_rule(StartRule::RollForward);
/// let mut output = Vec::new();
/// shift.run(Input::from_reader("pairs", std::io::Cursor::new("date,days\n2026-11-22,1\n"))?, &mut output, &mut rejects)?;
/// assert!(String::from_utf8(output).unwrap().ends_with("2026-11-22,1,2026-11-24\n"));
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Shift {
    calendar: Calendar,
    start_rule: StartRule,
    threads: usize,
    block_size: usize,
}

/// What a shift did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShiftSummary {
    /// Data rows read (the header not counted), each written back.
    pub rows_read: u64,
    /// The rows whose `result` is empty: each was a [`Reject`].
    pub rows_rejected: u64,
    /// The first and last days in years whose holidays are estimated (not announced yet)
    /// that an answer used, if any: its start, its result, or the days between.
    pub estimated: Option<(NaiveDate, NaiveDate)>,
}

/// What the header says about the columns.
#[derive(Clone, Copy)]
struct Columns {
    width: usize,
    date: usize,
    days: usize,
}

/// One processed block: its output rows, its rejects, and the days in estimated years that
/// its answers used (first, last).
#[derive(Default)]
struct Done {
    rows: Vec<u8>,
    /// The block's buffer, to be reused once the rows are written.
    input: Vec<u8>,
    rejects: Vec<Reject>,
    read: u64,
    estimated: Option<(i32, i32)>,
}

impl Done {
    /// Ends an output row (its fields and the comma before `result` are written) with the
    /// shifted date, or an empty `result` and a reject on line `line()`.
    fn finish_row(
        &mut self,
        result: Result<(i32, i32), (&'static str, &[u8], Error)>,
        estimated_from: Option<i32>,
        line: impl FnOnce() -> u64,
    ) {
        match result {
            Ok((start, day)) => {
                if let Some(boundary) = estimated_from {
                    let (low, high) = (start.min(day), start.max(day));
                    if high >= boundary {
                        widen(&mut self.estimated, Some((low.max(boundary), high)));
                    }
                }
                let mut text = [0u8; 10];
                date32::write_iso(day, &mut text);
                self.rows.extend_from_slice(&text);
            }
            Err((column, value, e)) => {
                self.rejects.push(Reject::new(
                    line(),
                    "",
                    column,
                    shown_value(value),
                    e.to_string(),
                ));
            }
        }
        self.rows.push(b'\n');
    }
}

/// Widens a span of days to hold another.
fn widen(span: &mut Option<(i32, i32)>, other: Option<(i32, i32)>) {
    if let Some((first, last)) = other {
        *span = Some(span.map_or((first, last), |(a, b)| (a.min(first), b.max(last))));
    }
}

impl Shift {
    /// A shift over `calendar`, with the default start rule ([`StartRule::NextDay`]) and as
    /// many worker threads as cores, at most 4.
    #[must_use]
    pub fn new(calendar: Calendar) -> Shift {
        Shift {
            calendar,
            start_rule: StartRule::default(),
            threads: std::thread::available_parallelism()
                .map_or(1, |n| n.get().min(DEFAULT_THREADS)),
            block_size: BLOCK_SIZE,
        }
    }

    /// How counting starts from a day that is not a business day.
    #[must_use]
    pub fn start_rule(mut self, rule: StartRule) -> Shift {
        self.start_rule = rule;
        self
    }

    /// The number of worker threads (1 runs everything on the calling thread), at most
    /// [`MAX_THREADS`](super::MAX_THREADS).
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Shift {
        self.threads = threads.clamp(1, super::MAX_THREADS);
        self
    }

    /// The size of the blocks the input is cut into (for tests of block boundaries).
    #[must_use]
    pub fn block_size(mut self, bytes: usize) -> Shift {
        self.block_size = bytes.max(1);
        self
    }

    /// Reads `input`, writes every row with its `result` to `output`, in input order, and
    /// each row that cannot be shifted to `rejects`.
    ///
    /// # Errors
    ///
    /// An input error when the input is empty or its header lacks the column `date` or
    /// `days`; an I/O error when reading or writing fails (a broken pipe among them: see
    /// [`Error::io_kind`]). Bad rows are not errors: they go to `rejects`.
    pub fn run(
        &self,
        input: Input,
        output: &mut (dyn Write + Send),
        rejects: &mut dyn RejectSink,
    ) -> Result<ShiftSummary, Error> {
        let input_name = input.name().to_owned();
        let read_error = |e: io::Error| io_error(format!("reading {input_name}"), &e);
        // Blocks' buffers and their results' go round: read, shifted, written, reused.
        let spares = Spares::default();
        let mut blocks = BlockReader::new(input, Split::Csv, self.block_size, MAX_ROW)
            .with_spares(spares.clone());
        let Some(header_block) = blocks.header().map_err(read_error)? else {
            return Err(Error::input(format!(
                "{input_name} is empty: expected a CSV header with the columns `date` and `days`"
            )));
        };
        let header = parse_header(&header_block.bytes);
        let column = |name: &str| {
            header.iter().position(|h| h == name).ok_or_else(|| {
                Error::input(format!(
                    "the header of {input_name} has no column `{name}` (found: {}); expected \
                     `date,days`",
                    header.join(",")
                ))
            })
        };
        let columns = Columns {
            width: header.len(),
            date: column("date")?,
            days: column("days")?,
        };
        let mut first = Vec::new();
        for (i, name) in header.iter().enumerate() {
            if i > 0 {
                first.push(b',');
            }
            write_field(&mut first, name.as_bytes());
        }
        first.extend_from_slice(b",result\n");
        let write = |output: &mut (dyn Write + Send), bytes: &[u8]| {
            output
                .write_all(bytes)
                .map_err(|e| io_error("writing the output".to_owned(), &e))
        };
        write(output, &first)?;
        // Estimated years are the last covered ones: a row uses them when it reaches this day.
        let estimated_from = self
            .calendar
            .estimated_years()
            .map(|(first, _)| date32::from_civil(first, 1, 1));
        let mut summary = ShiftSummary::default();
        let mut estimated = None;
        let mut next = || {
            blocks
                .next_block()
                .map_err(|e| io_error(format!("reading {input_name}"), &e))
        };
        let work = |(): &mut (), block: Block| {
            let mut done = self.shift_block(columns, &block, estimated_from, &spares);
            done.input = block.bytes;
            done
        };
        let mut sink = |done: Done| -> Result<(), Error> {
            write(output, &done.rows)?;
            give_back(&spares, done.input);
            give_back(&spares, done.rows);
            summary.rows_read += done.read;
            summary.rows_rejected += done.rejects.len() as u64;
            for reject in &done.rejects {
                rejects.reject(reject)?;
            }
            widen(&mut estimated, done.estimated);
            Ok(())
        };
        ordered(self.threads, &mut next, &|| (), &work, &mut sink)?;
        summary.estimated = estimated
            .map(|(first, last)| {
                Ok::<_, Error>((date32::to_naive(first)?, date32::to_naive(last)?))
            })
            .transpose()?;
        Ok(summary)
    }

    /// Shifts every record of a block.
    fn shift_block(
        &self,
        columns: Columns,
        block: &Block,
        estimated_from: Option<i32>,
        spares: &Spares,
    ) -> Done {
        if block.kind != BlockKind::Records {
            // A row too long to read, or an unclosed quote: one rejected row, kept as an empty
            // row.
            let mut rows = vec![b','; columns.width];
            rows.push(b'\n');
            return Done {
                rows,
                rejects: vec![Reject::new(
                    block.first_line,
                    "",
                    "",
                    shown_value(&block.bytes),
                    format!(
                        "the row is over {MAX_ROW} bytes or opens a quote it does not close; it \
                         is not read"
                    ),
                )],
                read: 1,
                ..Done::default()
            };
        }
        let bytes = &block.bytes[..];
        if memchr::memchr2(b'"', b'\r', bytes).is_none() {
            return self.shift_plain(columns, block, estimated_from, spares);
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut record = csv::ByteRecord::new();
        let mut done = Done {
            rows: Vec::with_capacity(block.bytes.len() * 3 / 2),
            ..Done::default()
        };
        let line_of = |record: &csv::ByteRecord| {
            let Some(position) = record.position() else {
                return block.first_line;
            };
            // The reader's position is where it started reading, before the empty lines it
            // skipped: count those, so that the line is the record's own.
            let skipped = bytes
                .get(usize::try_from(position.byte()).unwrap_or(usize::MAX)..)
                .unwrap_or_default()
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .filter(|&&b| b == b'\n')
                .count() as u64;
            block.first_line + position.line() - 1 + skipped
        };
        // Reading a byte record from memory fails only on malformed quoting; such a row is
        // reported like any bad row.
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    done.read += 1;
                    let line = e
                        .position()
                        .map_or(block.first_line, |p| block.first_line + p.line() - 1);
                    done.rejects.push(Reject::new(
                        line,
                        "",
                        "",
                        "",
                        format!("unreadable CSV: {e}"),
                    ));
                    continue;
                }
            }
            done.read += 1;
            // The output stays rectangular: a short row is padded with empty fields, a long
            // one cut to the header's width (and rejected, so the cut is reported).
            write_padded(&mut done.rows, columns.width, |i| record.get(i));
            done.rows.push(b',');
            let result = self.shift_row(
                record.len(),
                record.get(columns.date),
                record.get(columns.days),
                columns,
            );
            done.finish_row(result, estimated_from, || line_of(&record));
        }
        done
    }

    /// [`Shift::shift_block`] for a block without quotes and carriage returns, as the CSV
    /// reader would read it: records are its non-empty lines, fields are split at commas, and
    /// no field needs quoting, so a row of the header's width is echoed as it is. Under the
    /// header `date,days`, a line `YYYY-MM-DD,<days>` whose answer is found is written
    /// straight away ([`quick_pair`]); any other line, or one that fails, the long way.
    fn shift_plain(
        &self,
        columns: Columns,
        block: &Block,
        estimated_from: Option<i32>,
        spares: &Spares,
    ) -> Done {
        let bytes = &block.bytes[..];
        // A row of `date,days` (11 bytes or more with its line end) gives 11 bytes more: twice
        // the input holds the output of all but short, padded rows.
        let mut done = Done {
            rows: take_spare(spares, bytes.len() * 2),
            ..Done::default()
        };
        let pairs = columns.width == 2 && columns.date == 0 && columns.days == 1;
        let mut fields: Vec<&[u8]> = Vec::with_capacity(columns.width + 1);
        let mut line = block.first_line;
        let mut at = 0;
        while at < bytes.len() {
            let rest = &bytes[at..];
            if pairs
                && let Some((day, n, length)) = quick_pair(rest)
                && let Ok(answer) = self.shift_day(day, n)
            {
                done.read += 1;
                // The line as it is, without its line end.
                done.rows.extend_from_slice(&rest[..length - 1]);
                done.rows.push(b',');
                done.finish_row(Ok(answer), estimated_from, || line);
                at += length;
                line += 1;
                continue;
            }
            let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let text = &rest[..end];
            // Empty lines are no records, as for the CSV reader.
            if !text.is_empty() {
                fields.clear();
                fields.extend(text.split(|&b| b == b','));
                done.read += 1;
                if fields.len() == columns.width {
                    done.rows.extend_from_slice(text);
                } else {
                    write_padded(&mut done.rows, columns.width, |i| fields.get(i).copied());
                }
                done.rows.push(b',');
                let result = self.shift_row(
                    fields.len(),
                    fields.get(columns.date).copied(),
                    fields.get(columns.days).copied(),
                    columns,
                );
                done.finish_row(result, estimated_from, || line);
            }
            at += end + 1;
            line += 1;
        }
        done
    }

    /// The day of one row and its shifted day, or why the row cannot be shifted: the column
    /// at fault (empty for the whole row), its value and the error.
    #[inline]
    fn shift_row<'r>(
        &self,
        len: usize,
        date: Option<&'r [u8]>,
        days: Option<&'r [u8]>,
        columns: Columns,
    ) -> Result<(i32, i32), (&'static str, &'r [u8], Error)> {
        let width = columns.width;
        if len != width {
            let fields = if len == 1 { "field" } else { "fields" };
            return Err((
                "",
                b"",
                Error::input(format!(
                    "the row has {len} {fields}, the header has {width}"
                )),
            ));
        }
        let (Some(date), Some(days)) = (date, days) else {
            return Err((
                "",
                b"",
                Error::input("the row lacks the `date` or `days` field"),
            ));
        };
        let day = date32::parse_iso(date).map_err(|e| ("date", date, e))?;
        let n = parse_days(days).map_err(|e| ("days", days, e))?;
        self.shift_day(day, n).map_err(|e| ("", &b""[..], e))
    }

    /// `day` and the day `n` business days from it, under the start rule.
    #[inline]
    fn shift_day(&self, day: i32, n: i64) -> Result<(i32, i32), Error> {
        let start = if self.start_rule == StartRule::RollForward && n > 0 {
            self.calendar.add_business_days_date32(day, 0)?
        } else {
            day
        };
        Ok((day, self.calendar.add_business_days_date32(start, n)?))
    }
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

/// The common line of a `date,days` file, read in one pass: `YYYY-MM-DD,` and an optionally
/// negative count of at most nine digits, then `\n`. The day, the count and the line's length
/// with its line end; `None` for any other line (and a valid date is required), which the
/// general path then reads (and explains). What this accepts, [`date32::parse_iso`] and
/// [`parse_days`] read the same.
#[inline]
fn quick_pair(rest: &[u8]) -> Option<(i32, i64, usize)> {
    let date = rest.get(..10)?;
    if rest.get(10) != Some(&b',') {
        return None;
    }
    let day = date32::parse_iso(date).ok()?;
    let negative = rest.get(11) == Some(&b'-');
    let first = 11 + usize::from(negative);
    let mut at = first;
    let mut value = 0i64;
    loop {
        let &byte = rest.get(at)?;
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            break;
        }
        value = value * 10 + i64::from(digit);
        at += 1;
        if at - first > 9 {
            return None;
        }
    }
    if at == first || rest[at] != b'\n' {
        return None;
    }
    Some((day, if negative { -value } else { value }, at + 1))
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
        return Err(Error::input(format!(
            "`{}` is not a whole number of days (expected an integer of at most 18 digits, such \
             as 15 or -3)",
            String::from_utf8_lossy(text)
        )));
    }
    let value = digits
        .iter()
        .fold(0i64, |acc, &d| acc * 10 + i64::from(d - b'0'));
    Ok(if negative { -value } else { value })
}

/// Writes a row's fields padded with empty ones, or cut, to the header's `width`: the output
/// stays rectangular.
fn write_padded<'f>(buf: &mut Vec<u8>, width: usize, field: impl Fn(usize) -> Option<&'f [u8]>) {
    for i in 0..width {
        if i > 0 {
            buf.push(b',');
        }
        write_field(buf, field(i).unwrap_or_default());
    }
}

/// Writes a CSV field, quoting it when it holds a comma, a quote or a line break.
///
/// Unlike the batch writer's quoting ([`csv_field`](super::csv::csv_field)), a field with
/// leading or trailing spaces is not quoted: a shift echoes its input fields as given, byte
/// for byte, as the output contract (and numpy's minimal quoting) requires.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Shifts text with a block size and a number of threads: output, rejects' lines and
    /// reasons.
    fn shift(text: &str, block: usize, threads: usize) -> (String, Vec<(u64, String)>) {
        let calendar = Calendar::builtin("US").unwrap();
        let input = Input::from_reader("pairs", io::Cursor::new(text.to_owned())).unwrap();
        let mut output = Vec::new();
        let mut rejects: Vec<Reject> = Vec::new();
        let summary = Shift::new(calendar)
            .block_size(block)
            .threads(threads)
            .run(input, &mut output, &mut rejects)
            .unwrap();
        assert_eq!(summary.rows_rejected, rejects.len() as u64);
        let rejects = rejects
            .into_iter()
            .map(|r| (r.line, format!("{}|{}", r.column, r.reason)))
            .collect();
        (String::from_utf8(output).unwrap(), rejects)
    }

    #[test]
    fn block_sizes_and_threads_do_not_change_a_shift() {
        let mut text = String::from("date,days,note\n");
        for n in 0..500 {
            let day = 1 + n % 28;
            match n % 50 {
                7 => text.push_str("2026-13-01,1,bad month\n"),
                13 => text.push_str(&format!("2026-11-{day:02},ten,\"a, b\"\n")),
                29 => text.push_str("2026-11-02,1\n"),
                _ => text.push_str(&format!(
                    "2026-11-{day:02},{},\"say \"\"hi\"\"\"\n",
                    n % 40 - 20
                )),
            }
        }
        let (want, want_rejects) = shift(&text, 1 << 20, 1);
        assert_eq!(want.lines().count(), 501);
        assert_eq!(want_rejects.len(), 30);
        assert_eq!(
            want_rejects[0],
            (9, "date|`2026-13-01` is not a date of the calendar".into())
        );
        for (block, threads) in [(1, 1), (64, 2), (1000, 3), (4096, 4)] {
            assert_eq!(
                shift(&text, block, threads),
                (want.clone(), want_rejects.clone())
            );
        }
    }

    #[test]
    fn issue_14_a_block_without_quotes_is_read_as_the_csv_reader_reads_it() {
        // Empty lines, short and long rows, bad dates and counts, spaces kept as they are, and
        // Thanksgiving (2026-11-26) rolled to the next business day.
        let rows = "2026-11-20,15,x\n\n2026-11-21,-3\n2026-13-01,1,y\n2026-11-23,ten,z\n\
                    2026-11-24,1,a,extra\n 2026-11-25,1,b\n2026-11-26,0, spaced \n\n\n\
                    2026-12-24,+2,\n2026-12-31,1,last";
        let plain = format!("date,days,note\n{rows}\n");
        // One quoted field sends the whole block through the CSV reader.
        let quoted = format!("date,days,note\n{rows}\n2026-11-02,1,\"q\"\n");
        let (plain_out, plain_rejects) = shift(&plain, 1 << 20, 1);
        let (quoted_out, quoted_rejects) = shift(&quoted, 1 << 20, 1);
        assert_eq!(
            quoted_out,
            format!("{plain_out}2026-11-02,1,q,2026-11-03\n"),
            "the same rows, byte for byte"
        );
        assert_eq!(
            plain_rejects, quoted_rejects,
            "the same rejects on the same lines"
        );
        // The short row after an empty line is on line 4 (header, row, empty line, row).
        assert_eq!(plain_rejects[0].0, 4, "{plain_rejects:?}");
        assert_eq!(plain_rejects.len(), 5, "{plain_rejects:?}");
        assert!(
            plain_out.contains("2026-11-26,0, spaced ,2026-11-27\n"),
            "{plain_out}"
        );
        assert!(plain_out.contains("2026-11-24,1,a,\n"), "{plain_out}");
        assert!(plain_out.contains("2026-11-21,-3,,\n"), "{plain_out}");
        assert!(
            plain_out.ends_with("2026-12-31,1,last,2027-01-04\n"),
            "{plain_out}"
        );
    }

    #[test]
    fn issue_14_the_quick_lines_of_a_date_days_file_are_read_as_any_other() {
        // Lines the quick reading takes (counts of one to nine digits, negative, zero, leading
        // zeros) and lines it leaves to the general one: a sign `+`, ten digits, a count that
        // leaves the calendar's years, an impossible date, a date out of range, a short and a
        // long row, a comma or a space too many, empty lines, and a last line without its end.
        let rows = "2026-11-20,15\n2026-11-21,-3\n2026-11-26,0\n2026-11-26,-0\n2026-11-20,007\n\
                    2026-11-20,123456789\n2026-11-20,-12345\n2026-11-20,+2\n\
                    2026-11-20,1234567890\n2026-11-20,99999\n2026-02-30,1\n1899-12-31,1\n\
                    2026-11-20\n2026-11-20,1,x\n2026-11-20,,1\n2026-11-20, 1\n\n\n\
                    2026-11-20,1a\n2026-11-20,\n2026-11-20,-\n2026-12-31,1";
        let plain = format!("date,days\n{rows}\n");
        let quoted = format!("date,days\n{rows}\n2026-11-02,\"1\"\n");
        let (plain_out, plain_rejects) = shift(&plain, 1 << 20, 1);
        let (quoted_out, quoted_rejects) = shift(&quoted, 1 << 20, 1);
        assert_eq!(quoted_out, format!("{plain_out}2026-11-02,1,2026-11-03\n"));
        assert_eq!(plain_rejects, quoted_rejects);
        assert_eq!(plain_rejects.len(), 12, "{plain_rejects:?}");
        for line in [
            "2026-11-20,15,2026-12-14\n",
            "2026-11-21,-3,2026-11-18\n",
            "2026-11-26,0,2026-11-27\n",
            "2026-11-26,-0,2026-11-27\n",
            "2026-11-20,007,2026-12-02\n",
            "2026-11-20,+2,2026-11-24\n",
            "2026-11-20,99999,\n",
            "2026-12-31,1,2027-01-04\n",
        ] {
            assert!(plain_out.contains(line), "{line} in {plain_out}");
        }
        // Without its line end, the last row is read too (and by the general path).
        let (out, rejects) = shift("date,days\n2026-11-20,15\n2026-11-21,-3", 1 << 20, 1);
        assert_eq!(
            (out.as_str(), rejects.len()),
            (
                "date,days,result\n2026-11-20,15,2026-12-14\n2026-11-21,-3,2026-11-18\n",
                0
            )
        );
    }
}
