//! CSV: reading the rows of a block, the header's column names, and writing outcome rows
//! and fields.
//!
//! A record ends at `\n` outside quotes (a `\r` before it is trimmed with the field); a
//! field is quoted when it starts with a quote, and a quote inside it is doubled, as the
//! `csv` crate reads it.

use std::borrow::Cow;

use super::blocks::{Block, Quote};
use super::reject::{Reject, RejectKind, shown_value};
use super::rows::{BlockCounts, Cell, MAX_ROW_BYTES, Row, RowParser};
use super::write::{write_amount, write_date, write_instant};
use crate::{ClockOutcome, Error};

impl RowParser<'_> {
    pub(super) fn parse_csv(
        &mut self,
        block: &Block,
        row: &mut Row,
        rejects: &mut Vec<Reject>,
        visit: &mut dyn FnMut(&Row),
    ) -> BlockCounts {
        let mut counts = BlockCounts::default();
        // Records end at `\n` only, as blocks do (a `\r` before it is trimmed with the field).
        let mut reader = Records::new(&block.bytes);
        let unclosed_at_end = block.last && Quote::after(&block.bytes) == Quote::Quoted;
        let width = self.schema.columns.len();
        let mut record = std::mem::take(&mut self.record);
        // The cells of a row borrow the record, which the next row overwrites: the vector
        // is emptied and its allocation reused from row to row.
        let mut spare: Vec<Cell<'static>> = Vec::new();
        // Lines are counted here: the CSV reader's own count is one short after a CRLF.
        let mut counted = (0usize, block.first_line);
        let mut line_at = |offset: usize| {
            let bytes = &block.bytes;
            let mut offset = offset.min(bytes.len());
            // A record starts after the line ends and blank lines before it.
            while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
                offset += 1;
            }
            if offset >= counted.0 {
                counted.1 += super::blocks::count_lines(&bytes[counted.0..offset]) as u64;
                counted.0 = offset;
            }
            counted.1
        };
        loop {
            let start = reader.position();
            match reader.read(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    counts.rows += 1;
                    counts.rejected += 1;
                    let line = line_at(usize::try_from(start).unwrap_or(usize::MAX));
                    rejects.push(Reject {
                        kind: RejectKind::Row,
                        line,
                        record_id: String::new(),
                        column: String::new(),
                        value: String::new(),
                        reason: format!("unreadable CSV: {e}"),
                    });
                    continue;
                }
            }
            if record.len() == 1 && record[0].trim_ascii().is_empty() {
                // A blank line is not a row.
                continue;
            }
            counts.rows += 1;
            let line = line_at(usize::try_from(start).unwrap_or(usize::MAX));
            let end = reader.position();
            let whole = || {
                let from = usize::try_from(start).unwrap_or(0).min(block.bytes.len());
                let to = usize::try_from(end).unwrap_or(0).min(block.bytes.len());
                let row = &block.bytes[from..to];
                // Without the line ends and blank lines before it, which blocks cut anywhere.
                let first = row
                    .iter()
                    .position(|b| !matches!(b, b'\r' | b'\n'))
                    .unwrap_or(row.len());
                shown_value(row[first..].trim_ascii_end())
            };
            let problem = if unclosed_at_end && end as usize >= block.bytes.len() {
                Some("the input ends inside a quoted field: the last line is truncated".to_owned())
            } else if end - start > MAX_ROW_BYTES as u64 {
                Some(format!(
                    "the row is {} bytes long; at most {MAX_ROW_BYTES} are read",
                    end - start
                ))
            } else if record.len() != width {
                let fields = if record.len() == 1 { "field" } else { "fields" };
                Some(format!(
                    "the row has {} {fields}, the header has {width}",
                    record.len()
                ))
            } else {
                None
            };
            if let Some(reason) = problem {
                counts.rejected += 1;
                rejects.push(Reject {
                    kind: RejectKind::Row,
                    line,
                    record_id: record
                        .get(self.schema_id_position())
                        .filter(|_| record.len() == width)
                        .map(|id| shown_value(id.trim_ascii()))
                        .unwrap_or_default(),
                    column: String::new(),
                    value: whole(),
                    reason,
                });
                continue;
            }
            // The row's UTF-8 checked at once (one look at its bytes when they are ASCII, as
            // they mostly are), rather than field by field; a row that is not UTF-8 keeps
            // its bytes, so that the field at fault is named.
            let checked = ::csv::StringRecord::from_byte_record(record)
                .map_err(::csv::FromUtf8Error::into_byte_record);
            // Each cell pushed in slot order rather than written over an `Absent` one: a cell
            // built apart and moved over another was read back before its stores had retired
            // (a fifth of this function's samples, `perf annotate`).
            let mut cells = recycle(std::mem::take(&mut spare));
            cells.extend(self.schema.sources.iter().map(|source| {
                let Some(index) = *source else {
                    return Cell::Absent;
                };
                match &checked {
                    Ok(text) => text
                        .get(index)
                        .map_or(Cell::Absent, |f| Cell::Text(Cow::Borrowed(f))),
                    Err(bytes) => bytes.get(index).map_or(Cell::Absent, Cell::Bytes),
                }
            }));
            if self.fill(&cells, line, row, rejects) {
                visit(row);
            } else {
                counts.rejected += 1;
            }
            spare = recycle(cells);
            record = checked.map_or_else(|bytes| bytes, ::csv::StringRecord::into_byte_record);
        }
        self.record = record;
        counts
    }

    fn schema_id_position(&self) -> usize {
        self.schema
            .columns
            .iter()
            .position(|slot| *slot == Some(0))
            .unwrap_or(usize::MAX)
    }
}

/// The records of a block, read by the CSV reader, or split at line ends and commas when the
/// block holds no quote: then the reader's fields are the bytes between them, and splitting
/// is several times faster (the same records, fields and positions: tested).
enum Records<'b> {
    Csv(::csv::Reader<&'b [u8]>),
    Plain { bytes: &'b [u8], at: usize },
}

impl<'b> Records<'b> {
    fn new(bytes: &'b [u8]) -> Records<'b> {
        if memchr::memchr(b'"', bytes).is_none() {
            return Records::Plain { bytes, at: 0 };
        }
        // Records end at `\n` only, as blocks do (a `\r` before it is trimmed with the field).
        Records::Csv(
            ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .terminator(::csv::Terminator::Any(b'\n'))
                .from_reader(bytes),
        )
    }

    /// Where the next record starts, or the empty lines before it: a byte offset.
    fn position(&self) -> u64 {
        match self {
            Records::Csv(reader) => reader.position().byte(),
            Records::Plain { at, .. } => *at as u64,
        }
    }

    /// Reads the next record into `record`: false at the end of the block.
    fn read(&mut self, record: &mut ::csv::ByteRecord) -> Result<bool, ::csv::Error> {
        let (bytes, at) = match self {
            Records::Csv(reader) => return reader.read_byte_record(record),
            Records::Plain { bytes, at } => (*bytes, at),
        };
        // Empty lines are no records, as for the CSV reader.
        while bytes.get(*at) == Some(&b'\n') {
            *at += 1;
        }
        let Some(rest) = bytes.get(*at..).filter(|rest| !rest.is_empty()) else {
            return Ok(false);
        };
        let (line, next) = match memchr::memchr(b'\n', rest) {
            Some(end) => (&rest[..end], *at + end + 1),
            None => (rest, bytes.len()),
        };
        record.clear();
        let mut from = 0;
        for comma in memchr::memchr_iter(b',', line) {
            record.push_field(&line[from..comma]);
            from = comma + 1;
        }
        record.push_field(&line[from..]);
        *at = next;
        Ok(true)
    }
}

/// The column names of a CSV header line: without a byte-order mark, trimmed.
///
/// # Errors
///
/// An input error for a UTF-16 input (recognised by its byte-order mark) or an unreadable
/// header.
pub(crate) fn csv_header(bytes: &[u8]) -> Result<Vec<String>, Error> {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Err(Error::input(
            "the input is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let line = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.contains(&b'\r') {
        return Err(Error::input(
            "the header line holds a carriage return: the input seems to end its lines with `\\r` \
             alone (classic Mac); convert the line ends to `\\n` or `\\r\\n`",
        ));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_reader(bytes);
    let mut record = ::csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => Ok(record
            .iter()
            .map(|field| String::from_utf8_lossy(field).trim().to_owned())
            .collect()),
        Ok(false) => Ok(Vec::new()),
        Err(e) => Err(Error::input(format!("unreadable CSV header: {e}"))),
    }
}

/// Appends a CSV field, quoted when it holds a comma, a quote, a line break or surrounding
/// white space.
pub(crate) fn csv_field(out: &mut Vec<u8>, field: &[u8]) {
    // Every byte that can call for quotes (white space too) is below `-`: most fields pass
    // one look at each eight bytes.
    let needs_quotes = any_below_dash(field)
        && (field
            .iter()
            .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
            || field.first().is_some_and(u8::is_ascii_whitespace)
            || field.last().is_some_and(u8::is_ascii_whitespace));
    if needs_quotes {
        out.push(b'"');
        for &b in field {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field);
    }
}

/// Whether a byte of `bytes` is below `-`, eight bytes at a time: some byte of a word `w` is
/// below `n` (at most 128) exactly when some byte of `(w - n·0x01…01) & !w & 0x80…80` is set
/// (the borrows that cross into higher bytes start at a byte already found).
fn any_below_dash(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let below = |chunk: &[u8]| {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        word.wrapping_sub(ONES * u64::from(b'-')) & !word & HIGHS != 0
    };
    if bytes.len() < 8 {
        return bytes.iter().fold(false, |found, &b| found | (b < b'-'));
    }
    // Whole words, then the last eight bytes (overlapping the last word): copying the few
    // bytes left into a word would call `memcpy`.
    let found = bytes
        .chunks_exact(8)
        .fold(false, |found, chunk| found | below(chunk));
    found | below(&bytes[bytes.len() - 8..])
}

/// Appends one outcome row as a CSV line.
pub(super) fn write_outcome(row: &ClockOutcome, out: &mut Vec<u8>) {
    csv_field(out, row.record_id().as_bytes());
    out.push(b',');
    csv_field(out, row.clock().as_bytes());
    out.push(b',');
    write_attempt(out, row.attempt());
    csv_field(out, row.calendar().as_bytes());
    out.push(b',');
    write_times(row, out);
}

/// Writes the rows of records as CSV lines, each field of a record's rows that is the same in
/// all of them made ready once: its id and calendar per record, a clock's name per clock.
#[derive(Debug, Default)]
pub(crate) struct RecordWriter {
    /// The field of each clock's name, with its comma, by clock index.
    clocks: Vec<Option<Vec<u8>>>,
    /// The fields of the record's id and of its calendar, each with its comma.
    fields: Vec<u8>,
}

impl RecordWriter {
    /// Appends the rows of one record (all with the same record id), as [`write_outcome`]
    /// writes each.
    pub(crate) fn write(&mut self, rows: &[ClockOutcome], out: &mut Vec<u8>) {
        let Some(first) = rows.first() else {
            return;
        };
        self.fields.clear();
        csv_field(&mut self.fields, first.record_id().as_bytes());
        self.fields.push(b',');
        let id_end = self.fields.len();
        csv_field(&mut self.fields, first.calendar().as_bytes());
        self.fields.push(b',');
        let (id, calendar) = self.fields.split_at(id_end);
        for row in rows {
            debug_assert_eq!(row.record_id(), first.record_id());
            out.extend_from_slice(id);
            if self.clocks.len() <= row.clock_index {
                self.clocks.resize(row.clock_index + 1, None);
            }
            let clock = self.clocks[row.clock_index].get_or_insert_with(|| {
                let mut field = Vec::new();
                csv_field(&mut field, row.clock().as_bytes());
                field.push(b',');
                field
            });
            out.extend_from_slice(clock);
            write_attempt(out, row.attempt());
            // The calendars of a record's rows are the same string.
            if std::ptr::eq(row.calendar(), first.calendar()) {
                out.extend_from_slice(calendar);
            } else {
                csv_field(out, row.calendar().as_bytes());
                out.push(b',');
            }
            write_times(row, out);
        }
    }
}

/// Appends an attempt's number and a comma.
#[inline]
fn write_attempt(out: &mut Vec<u8>, attempt: u32) {
    if attempt < 10 {
        out.extend_from_slice(&[b'0' + attempt as u8, b',']);
    } else {
        out.extend_from_slice(itoa::Buffer::new().format(attempt).as_bytes());
        out.push(b',');
    }
}

/// Appends the fields of an outcome row from its start on, and the line break.
#[inline]
fn write_times(row: &ClockOutcome, out: &mut Vec<u8>) {
    let zone = row.time_zone();
    if let Some(start) = row.start() {
        write_instant(out, start, zone);
    }
    out.push(b',');
    if let Some(day) = row.due_day() {
        write_date(out, day);
    }
    out.push(b',');
    if let Some(deadline) = row.deadline() {
        write_instant(out, deadline, zone);
    }
    out.push(b',');
    if let Some(stop) = row.stop() {
        write_instant(out, stop, zone);
    }
    out.push(b',');
    out.extend_from_slice(row.status().name().as_bytes());
    out.push(b',');
    write_amount(out, row.elapsed, row.unit());
    out.push(b',');
    write_amount(out, row.remaining, row.unit());
    out.push(b',');
    out.extend_from_slice(row.unit().name().as_bytes());
    out.extend_from_slice(if row.is_estimated() {
        b",true\n"
    } else {
        b",false\n"
    });
}

/// An empty vector of cells with the allocation of `cells`, for cells of another lifetime
/// (collecting an iterator of nothing into a vector of the same layout reuses it in place).
// `filter` would keep the lifetime: the point is a vector of another type.
#[allow(clippy::unnecessary_filter_map)]
fn recycle<'b>(cells: Vec<Cell<'_>>) -> Vec<Cell<'b>> {
    cells.into_iter().filter_map(|_| None).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_without_quotes_is_split_as_the_csv_reader_reads_it() {
        let pieces: [&[u8]; 9] = [
            b"a", b",", b"\n", b"\r", b"", b" b ", b",,", b"\r\n", b"\n\n",
        ];
        // Every text of up to four pieces, and a longer one.
        let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| [t.as_slice(), p].concat()))
                .collect();
            texts.extend(longer);
        }
        texts.push(b"x,1,2\n\ny,3\r\n,,\nz".repeat(50));
        for text in &texts {
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .terminator(::csv::Terminator::Any(b'\n'))
                .from_reader(&text[..]);
            let mut plain = Records::new(text);
            assert!(matches!(plain, Records::Plain { .. }));
            let (mut expected, mut got) = (::csv::ByteRecord::new(), ::csv::ByteRecord::new());
            loop {
                assert_eq!(plain.position(), reader.position().byte(), "{text:?}");
                let more = reader.read_byte_record(&mut expected).unwrap();
                assert_eq!(plain.read(&mut got).unwrap(), more, "{text:?}");
                if !more {
                    break;
                }
                assert_eq!(got, expected, "{text:?}");
            }
        }
    }

    #[test]
    fn a_record_s_rows_are_written_as_each_row_alone() {
        let policy = crate::Policy::builtin("marketplace").expect("built in");
        let at = |text: &str| policy.parse_instant(text).expect("an instant");
        let mut writer = RecordWriter::default();
        for id in ["offer-1", "a,b", " padded", "say \"hi\""] {
            let mut record = crate::Record::new(id);
            record.push(
                policy.event("submitted").unwrap(),
                at("2026-11-20T09:15:00-08:00"),
            );
            record.push(
                policy.event("prerequisites_validated").unwrap(),
                at("2026-11-20T17:25:00Z"),
            );
            let mut rows = policy
                .evaluate(&record, at("2026-11-24T00:00:00Z"))
                .expect("evaluated");
            assert!(rows.len() > 1);
            // A later attempt, and a row on a calendar of its own.
            rows[0].attempt = 12;
            rows[1].calendar = "Other, with a comma";
            let mut expected = Vec::new();
            for row in &rows {
                write_outcome(row, &mut expected);
            }
            let mut out = b"before\n".to_vec();
            writer.write(&rows, &mut out);
            assert_eq!(&out[..7], b"before\n");
            assert_eq!(
                std::str::from_utf8(&out[7..]).unwrap(),
                std::str::from_utf8(&expected).unwrap()
            );
        }
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        let mut out = Vec::new();
        csv_field(&mut out, b"a,b");
        csv_field(&mut out, b"say \"hi\"");
        csv_field(&mut out, b" pad");
        csv_field(&mut out, b"plain");
        assert_eq!(out, b"\"a,b\"\"say \"\"hi\"\"\"\" pad\"plain");
    }

    #[test]
    fn a_field_is_quoted_exactly_when_a_byte_of_it_calls_for_quotes() {
        // Every byte, alone, first, inside and last, and at every place of fields up to 19
        // bytes long (the check reads eight bytes at a time, then the rest).
        for b in 0..=u8::MAX {
            let mut fields = vec![vec![b], vec![b, b'x'], vec![b'x', b, b'x'], vec![b'x', b]];
            for length in 4..=19 {
                for at in 0..length {
                    let mut field = vec![b'x'; length];
                    field[at] = b;
                    fields.push(field);
                }
            }
            for field in fields {
                let special = field
                    .iter()
                    .any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r'))
                    || field[0].is_ascii_whitespace()
                    || field[field.len() - 1].is_ascii_whitespace();
                let mut out = Vec::new();
                csv_field(&mut out, &field);
                assert_eq!(out.first() == Some(&b'"'), special, "{field:?}");
            }
        }
    }
}
