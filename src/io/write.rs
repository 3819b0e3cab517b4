//! Writing results: outcome rows as CSV or JSON Lines with the columns of
//! [`OUTCOME_COLUMNS`], and the rejects file.
//!
//! Writing is on the hot path of a batch run (a record gives five rows with up to three
//! instants each), so rows are formatted straight into a byte buffer, without the formatting
//! machinery; the text is the same as [`Field`](crate::Field)'s `Display` (tested).

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::rows::{REJECT_COLUMNS, Reject, escape_control};
use crate::calendar::date32;
use crate::clock::fraction_digits;
use crate::sla::{OUTCOME_COLUMNS, Unit};
use crate::{ClockOutcome, Error, Instant};

/// The format of the results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutputFormat {
    /// CSV with a header line.
    #[default]
    Csv,
    /// JSON Lines: one object per row, with the CSV's column names as keys.
    Jsonl,
}

impl OutputFormat {
    /// The format a file name implies (`.jsonl`, `.ndjson` or `.csv`), if any.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<OutputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(OutputFormat::Jsonl)
        } else if name.ends_with(".csv") {
            Some(OutputFormat::Csv)
        } else {
            None
        }
    }

    /// The format's name: `csv` or `jsonl`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Csv => "csv",
            OutputFormat::Jsonl => "jsonl",
        }
    }

    /// Appends what comes before the rows: the CSV header line, nothing for JSON Lines.
    pub fn write_header(self, out: &mut Vec<u8>) {
        if self == OutputFormat::Csv {
            out.extend_from_slice(OUTCOME_COLUMNS.join(",").as_bytes());
            out.push(b'\n');
        }
    }

    /// Appends one outcome row.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Policy, Record};
    /// use slacal::io::OutputFormat;
    ///
    /// let policy = Policy::builtin("marketplace")?;
    /// let mut record = Record::new("offer-1");
    /// record.push(policy.event("submitted")?, policy.parse_instant("2026-11-20T09:15:00-08:00")?);
    /// record.push(policy.event("prerequisites_validated")?, policy.parse_instant("2026-11-20T17:25:00Z")?);
    /// let rows = policy.evaluate(&record, policy.parse_instant("2026-11-21T00:00:00Z")?)?;
    /// let mut out = Vec::new();
    /// OutputFormat::Csv.write_row(&rows[0], &mut out);
    /// OutputFormat::Jsonl.write_row(&rows[0], &mut out);
    /// assert_eq!(String::from_utf8(out).unwrap(),
    ///     "offer-1,validation,1,US,2026-11-20T09:15:00-08:00,2026-11-20,2026-11-20T09:30:00-08:00,\
    ///      2026-11-20T09:25:00-08:00,met,10,5,minutes,false\n\
    ///      {\"record_id\":\"offer-1\",\"clock\":\"validation\",\"attempt\":1,\"calendar\":\"US\",\
    ///      \"start\":\"2026-11-20T09:15:00-08:00\",\"due_date\":\"2026-11-20\",\
    ///      \"deadline\":\"2026-11-20T09:30:00-08:00\",\"stop\":\"2026-11-20T09:25:00-08:00\",\
    ///      \"status\":\"met\",\"elapsed\":10,\"remaining\":5,\"unit\":\"minutes\",\
    ///      \"estimated\":false}\n");
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn write_row(self, row: &ClockOutcome, out: &mut Vec<u8>) {
        let zone = row.time_zone();
        match self {
            OutputFormat::Csv => {
                csv_field(out, row.record_id().as_bytes());
                out.push(b',');
                csv_field(out, row.clock().as_bytes());
                out.push(b',');
                out.extend_from_slice(itoa::Buffer::new().format(row.attempt()).as_bytes());
                out.push(b',');
                csv_field(out, row.calendar().as_bytes());
                out.push(b',');
                if let Some(start) = row.start() {
                    write_instant(out, start, zone);
                }
                out.push(b',');
                if let Some(date) = row.due_date() {
                    write_date(out, date32::from_naive(date));
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
            OutputFormat::Jsonl => {
                out.extend_from_slice(b"{\"record_id\":");
                json_string(out, row.record_id());
                out.extend_from_slice(b",\"clock\":");
                json_string(out, row.clock());
                out.extend_from_slice(b",\"attempt\":");
                out.extend_from_slice(itoa::Buffer::new().format(row.attempt()).as_bytes());
                out.extend_from_slice(b",\"calendar\":");
                json_string(out, row.calendar());
                out.extend_from_slice(b",\"start\":");
                json_instant(out, row.start(), zone);
                out.extend_from_slice(b",\"due_date\":");
                match row.due_date() {
                    Some(date) => {
                        out.push(b'"');
                        write_date(out, date32::from_naive(date));
                        out.push(b'"');
                    }
                    None => out.extend_from_slice(b"null"),
                }
                out.extend_from_slice(b",\"deadline\":");
                json_instant(out, row.deadline(), zone);
                out.extend_from_slice(b",\"stop\":");
                json_instant(out, row.stop(), zone);
                out.extend_from_slice(b",\"status\":\"");
                out.extend_from_slice(row.status().name().as_bytes());
                out.extend_from_slice(b"\",\"elapsed\":");
                write_amount(out, row.elapsed, row.unit());
                out.extend_from_slice(b",\"remaining\":");
                write_amount(out, row.remaining, row.unit());
                out.extend_from_slice(b",\"unit\":\"");
                out.extend_from_slice(row.unit().name().as_bytes());
                out.extend_from_slice(if row.is_estimated() {
                    b"\",\"estimated\":true}\n"
                } else {
                    b"\",\"estimated\":false}\n"
                });
            }
        }
    }
}

/// A zone's offset from UTC at an instant, in seconds; `None` outside chrono's range.
fn exact_offset(zone: Tz, seconds: i64) -> Option<i64> {
    let utc = DateTime::from_timestamp(seconds, 0)?;
    Some(i64::from(
        zone.offset_from_utc_datetime(&utc.naive_utc())
            .fix()
            .local_minus_utc(),
    ))
}

/// Slots of the per-thread cache of offsets.
const OFFSET_SLOTS: usize = 4096;

thread_local! {
    /// `(zone, UTC day, offset)` for days over which a zone's offset does not change: the
    /// instants of a record fall on a few days, and looking an offset up in the time zone
    /// database costs more than formatting the instant.
    static OFFSETS: std::cell::RefCell<[(u32, i64, i64); OFFSET_SLOTS]> =
        const { std::cell::RefCell::new([(u32::MAX, 0, 0); OFFSET_SLOTS]) };
}

/// A zone's offset from UTC at an instant, in seconds, cached per UTC day.
pub(crate) fn offset_at(zone: Tz, seconds: i64) -> Option<i64> {
    let day = seconds.div_euclid(86_400);
    let key = zone as u32;
    let mixed = (day as u64 ^ u64::from(key) << 32).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let slot = (mixed >> 52) as usize % OFFSET_SLOTS;
    let cached = OFFSETS.with(|cache| {
        let cache = cache.borrow();
        let (zone_key, cached_day, offset) = cache[slot];
        (zone_key == key && cached_day == day).then_some(offset)
    });
    if cached.is_some() {
        return cached;
    }
    let start = exact_offset(zone, day * 86_400)?;
    let end = exact_offset(zone, day * 86_400 + 86_399)?;
    if start != end {
        // The offset changes that day: no caching.
        return exact_offset(zone, seconds);
    }
    OFFSETS.with(|cache| cache.borrow_mut()[slot] = (key, day, start));
    Some(start)
}

/// The local date of an instant in a zone, as a day number.
pub(crate) fn local_day(zone: Tz, instant: Instant) -> Option<i64> {
    let seconds = instant.unix_seconds();
    Some((seconds + offset_at(zone, seconds)?).div_euclid(86_400))
}

/// Appends an instant as RFC 3339 in a zone, to the second and with its fraction of a second
/// when it has one, exactly as [`Instant::rfc3339`] writes it.
pub(crate) fn write_instant(out: &mut Vec<u8>, instant: Instant, zone: Tz) {
    let seconds = instant.unix_seconds();
    let Some(offset) = offset_at(zone, seconds) else {
        let _ = write!(out, "{}", instant.rfc3339(zone));
        return;
    };
    let local = seconds + offset;
    let day = local.div_euclid(86_400);
    if offset % 60 != 0 || !(i64::from(date32::MIN)..=i64::from(date32::MAX)).contains(&day) {
        let _ = write!(out, "{}", instant.rfc3339(zone));
        return;
    }
    // In range, so the day number fits an i32.
    write_date(out, day as i32);
    let second_of_day = local.rem_euclid(86_400);
    let mut time = *b"T00:00:00";
    two_digits(&mut time[1..3], second_of_day / 3600);
    two_digits(&mut time[4..6], second_of_day / 60 % 60);
    two_digits(&mut time[7..9], second_of_day % 60);
    out.extend_from_slice(&time);
    let mut fraction = [0u8; 10];
    let length = fraction_digits(instant.subsec_nanos(), &mut fraction);
    out.extend_from_slice(&fraction[..length]);
    let mut zone_text = *b"+00:00";
    if offset < 0 {
        zone_text[0] = b'-';
    }
    let abs = offset.abs();
    two_digits(&mut zone_text[1..3], abs / 3600);
    two_digits(&mut zone_text[4..6], abs / 60 % 60);
    out.extend_from_slice(&zone_text);
}

fn two_digits(out: &mut [u8], value: i64) {
    out[0] = b'0' + (value / 10 % 10) as u8;
    out[1] = b'0' + (value % 10) as u8;
}

/// Appends a day number as `YYYY-MM-DD`.
fn write_date(out: &mut Vec<u8>, day: i32) {
    let mut text = [0u8; 10];
    date32::write_iso(day, &mut text);
    out.extend_from_slice(&text);
}

/// Appends an amount in a unit exactly as [`Unit::format`] writes it.
pub(crate) fn write_amount(out: &mut Vec<u8>, amount: i64, unit: Unit) {
    let size = i128::from(unit.ticks());
    let hundredths = (i128::from(amount).abs() * 100 + size / 2) / size;
    if amount < 0 && hundredths > 0 {
        out.push(b'-');
    }
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    out.extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
    if fraction != 0 {
        out.push(b'.');
        out.push(b'0' + (fraction / 10) as u8);
        if fraction % 10 != 0 {
            out.push(b'0' + (fraction % 10) as u8);
        }
    }
}

fn json_instant(out: &mut Vec<u8>, instant: Option<Instant>, zone: Tz) {
    match instant {
        Some(instant) => {
            out.push(b'"');
            write_instant(out, instant, zone);
            out.push(b'"');
        }
        None => out.extend_from_slice(b"null"),
    }
}

/// Appends a JSON string.
pub(crate) fn json_string(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        // Writing to a Vec cannot fail, and a &str always serializes.
        let _ = serde_json::to_writer(&mut *out, text);
    }
}

/// Appends a CSV field, quoted when it holds a comma, a quote, a line break or surrounding
/// white space.
pub(crate) fn csv_field(out: &mut Vec<u8>, field: &[u8]) {
    let needs_quotes = field
        .iter()
        .any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || field.first().is_some_and(u8::is_ascii_whitespace)
        || field.last().is_some_and(u8::is_ascii_whitespace);
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

/// Writes rejects as CSV: `line,record_id,column,value,reason`.
///
/// # Example
///
/// ```
/// use slacal::io::{Reject, RejectWriter};
///
/// let mut writer = RejectWriter::new(Vec::new());
/// writer.write(&Reject {
///     line: 14,
///     record_id: "offer-9".into(),
///     column: "at".into(),
///     value: "2026-02-30T10:00:00Z".into(),
///     reason: "malformed instant, day 30 does not exist in February".into(),
/// })?;
/// let text = String::from_utf8(writer.into_inner()?).unwrap();
/// assert_eq!(text, "line,record_id,column,value,reason\n\
///     14,offer-9,at,2026-02-30T10:00:00Z,\"malformed instant, day 30 does not exist in February\"\n");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Debug)]
pub struct RejectWriter<W: Write> {
    out: W,
    buffer: Vec<u8>,
    count: u64,
}

impl<W: Write> RejectWriter<W> {
    /// A writer; the header is written with the first reject, or by
    /// [`RejectWriter::into_inner`] when there is none.
    pub fn new(out: W) -> RejectWriter<W> {
        RejectWriter {
            out,
            buffer: Vec::with_capacity(256),
            count: 0,
        }
    }

    /// Writes one reject.
    ///
    /// # Errors
    ///
    /// An I/O error of the underlying writer.
    pub fn write(&mut self, reject: &Reject) -> Result<(), Error> {
        self.buffer.clear();
        if self.count == 0 {
            self.header();
        }
        self.count += 1;
        self.buffer
            .extend_from_slice(itoa::Buffer::new().format(reject.line).as_bytes());
        for field in [
            &reject.record_id,
            &reject.column,
            &reject.value,
            &reject.reason,
        ] {
            self.buffer.push(b',');
            // A rejects file is read by people too: no raw control characters from the input.
            csv_field(&mut self.buffer, escape_control(field).as_bytes());
        }
        self.buffer.push(b'\n');
        self.out
            .write_all(&self.buffer)
            .map_err(|e| super::output::io_error("writing the rejects".to_owned(), &e))
    }

    fn header(&mut self) {
        self.buffer
            .extend_from_slice(REJECT_COLUMNS.join(",").as_bytes());
        self.buffer.push(b'\n');
    }

    /// How many rejects were written.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The underlying writer, after writing the header if no reject was written.
    ///
    /// # Errors
    ///
    /// An I/O error of the underlying writer.
    pub fn into_inner(mut self) -> Result<W, Error> {
        if self.count == 0 {
            self.buffer.clear();
            self.header();
            self.out
                .write_all(&self.buffer)
                .map_err(|e| super::output::io_error("writing the rejects".to_owned(), &e))?;
        }
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_written_as_the_library_writes_them() {
        let zones: [Tz; 5] = [
            "America/Los_Angeles".parse().unwrap(),
            "Asia/Kolkata".parse().unwrap(),
            "Europe/London".parse().unwrap(),
            "Pacific/Chatham".parse().unwrap(),
            "UTC".parse().unwrap(),
        ];
        // Every 7919 seconds over 1900..2200 would be slow; a stride that visits all times of
        // day and both sides of every DST change over a few decades is enough.
        let mut seconds = -2_208_988_800i64;
        let mut out = Vec::new();
        let mut step = 0i128;
        while seconds < 7_258_118_400 {
            // Every third instant with a fraction of a second, of 1 to 9 digits.
            step += 1;
            let nanos = [0, 500_000_000, 123_456_789, 1, 10_000][step as usize % 5];
            let instant =
                Instant::from_unix_nanos(i128::from(seconds) * 1_000_000_000 + nanos).unwrap();
            for zone in zones {
                out.clear();
                write_instant(&mut out, instant, zone);
                assert_eq!(
                    std::str::from_utf8(&out).unwrap(),
                    instant.rfc3339(zone).to_string()
                );
            }
            seconds += 86_400 * 3 + 3_599;
        }
    }

    #[test]
    fn amounts_are_written_as_unit_format_writes_them() {
        let mut out = Vec::new();
        for unit in [Unit::BusinessDays, Unit::Hours, Unit::Minutes, Unit::Weeks] {
            let amounts = (-200_000i64..200_000)
                .step_by(37)
                .map(|n| n * 1_000_000_007)
                .chain((-2_000..2_000).step_by(7).map(|n| n * 4_999_999))
                .chain([i64::MIN / 200, 0]);
            for amount in amounts {
                out.clear();
                write_amount(&mut out, amount, unit);
                let typed = crate::sla::Amount::from_ticks(unit.kind(), amount);
                assert_eq!(std::str::from_utf8(&out).unwrap(), unit.format(typed));
            }
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
}
