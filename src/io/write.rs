//! Writing results: outcome rows as CSV or JSON Lines with the columns of
//! [`OUTCOME_COLUMNS`] (each format's writer is in its own module, `csv.rs` and `jsonl.rs`),
//! the values they share (instants, dates, amounts), and the rejects file.
//!
//! Writing is on the hot path of a batch run (a record gives five rows with up to three
//! instants each), so rows are formatted straight into a byte buffer, without the formatting
//! machinery; the text is the same as [`Field`](crate::Field)'s `Display` (tested).

use std::io::Write;
use std::path::Path;

use chrono_tz::Tz;

use super::reject::{REJECT_COLUMNS, Reject, escape_control};
use crate::calendar::date32;
use crate::clock::rfc3339_parts;
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

impl std::fmt::Display for OutputFormat {
    /// The name: as [`OutputFormat::name`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
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
        match self {
            OutputFormat::Csv => super::csv::write_outcome(row, out),
            OutputFormat::Jsonl => super::jsonl::write_outcome(row, out),
        }
    }
}

/// Appends an instant as RFC 3339 in a zone, to the second and with its fraction of a second
/// when it has one, exactly as [`Instant::rfc3339`] writes it.
pub(crate) fn write_instant(out: &mut Vec<u8>, instant: Instant, zone: Tz) {
    match rfc3339_parts(instant, zone) {
        Some((day, time)) => {
            write_date(out, day);
            time.write_to(out);
        }
        None => {
            let _ = write!(out, "{}", instant.rfc3339(zone));
        }
    }
}

/// Days whose text [`write_date`] keeps, per thread: a batch's dates fall on few days.
const DATE_SLOTS: usize = 256;

std::thread_local! {
    /// The text of recent days, by day number modulo [`DATE_SLOTS`]: `(day, text)`.
    static DATES: std::cell::RefCell<[(i32, [u8; 10]); DATE_SLOTS]> =
        const { std::cell::RefCell::new([(i32::MIN, [0; 10]); DATE_SLOTS]) };
}

/// Appends a day number as `YYYY-MM-DD`.
pub(crate) fn write_date(out: &mut Vec<u8>, day: i32) {
    let slot = day.rem_euclid(DATE_SLOTS as i32) as usize;
    let text = DATES.with(|dates| {
        let mut dates = dates.borrow_mut();
        let (cached, text) = &mut dates[slot];
        if *cached != day {
            date32::write_iso(day, text);
            *cached = day;
        }
        *text
    });
    out.extend_from_slice(&text);
}

/// Appends an amount in a unit exactly as [`Unit::format`] writes it.
pub(crate) fn write_amount(out: &mut Vec<u8>, amount: i64, unit: Unit) {
    let abs = amount.unsigned_abs();
    // The unit's size in ticks as a constant, so that the divisions are multiplications
    // (tested against `Unit::ticks` for every unit).
    let (whole, fraction) = match unit {
        Unit::BusinessDays => (abs, 0),
        Unit::BusinessSeconds | Unit::Seconds => hundredths::<1_000_000_000>(abs),
        Unit::BusinessMinutes | Unit::Minutes => hundredths::<60_000_000_000>(abs),
        Unit::BusinessHours | Unit::Hours => hundredths::<3_600_000_000_000>(abs),
        Unit::Days => hundredths::<86_400_000_000_000>(abs),
        Unit::Weeks => hundredths::<604_800_000_000_000>(abs),
    };
    let negative = amount < 0 && (whole > 0 || fraction > 0);
    if whole >= 10_000 {
        if negative {
            out.push(b'-');
        }
        out.extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
        if fraction != 0 {
            out.push(b'.');
            out.push(b'0' + (fraction / 10) as u8);
            if !fraction.is_multiple_of(10) {
                out.push(b'0' + (fraction % 10) as u8);
            }
        }
        return;
    }
    // At most eight bytes (`-9999.99`), put together in a register from the last one back and
    // stored whole: a copy of a length known only at run time would call `memcpy`.
    let (mut text, mut length) = (0u64, 0usize);
    let mut push = |byte: u8| {
        text = text << 8 | u64::from(byte);
        length += 1;
    };
    if fraction != 0 {
        if !fraction.is_multiple_of(10) {
            push(b'0' + (fraction % 10) as u8);
        }
        push(b'0' + (fraction / 10) as u8);
        push(b'.');
    }
    let mut rest = whole;
    loop {
        push(b'0' + (rest % 10) as u8);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if negative {
        push(b'-');
    }
    let end = out.len() + length;
    out.extend_from_slice(&text.to_le_bytes());
    out.truncate(end);
}

/// An amount of ticks in whole units of `SIZE` ticks and hundredths of one, rounded half away
/// from zero (the rest is below a unit, at most a week of nanoseconds, so a hundred times it
/// fits).
#[inline]
fn hundredths<const SIZE: u64>(ticks: u64) -> (u64, u64) {
    let (whole, rest) = (ticks / SIZE, ticks % SIZE);
    match (rest * 100 + SIZE / 2) / SIZE {
        100 => (whole + 1, 0),
        fraction => (whole, fraction),
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
/// writer.write(&Reject::new(
///     14,
///     "offer-9",
///     "at",
///     "2026-02-30T10:00:00Z",
///     "malformed instant, day 30 does not exist in February",
/// ))?;
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
            super::csv::csv_field(&mut self.buffer, escape_control(field).as_bytes());
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
    fn dates_are_written_as_iso_whatever_was_written_before() {
        let mut out = Vec::new();
        // Days that share slots of the cache, one after another and back again.
        for day in (-800_000..800_000)
            .step_by(97)
            .chain((0..3000).map(|n| n % 7 * 256 - 1))
        {
            out.clear();
            write_date(&mut out, day);
            let mut expected = [0u8; 10];
            date32::write_iso(day, &mut expected);
            assert_eq!(out, expected, "{day}");
        }
    }

    #[test]
    fn amounts_are_written_as_unit_format_writes_them() {
        let mut out = Vec::new();
        for unit in [
            Unit::BusinessDays,
            Unit::BusinessHours,
            Unit::BusinessMinutes,
            Unit::BusinessSeconds,
            Unit::Weeks,
            Unit::Days,
            Unit::Hours,
            Unit::Minutes,
            Unit::Seconds,
        ] {
            let amounts = (-200_000i64..200_000)
                .step_by(37)
                .map(|n| n * 1_000_000_007)
                .chain((-2_000..2_000).step_by(7).map(|n| n * 4_999_999))
                // Around each hundredth of the unit, and around 9999.99 and 10000 units.
                .chain((-300..300).map(|n| n * (unit.ticks() / 100).max(1) + n % 3 - 1))
                .chain((-3..3).map(|n| 10_000 * unit.ticks() + n * (unit.ticks() / 200).max(1)))
                .chain([i64::MIN / 200, 0, i64::MIN, i64::MIN + 1, i64::MAX, 1, -1]);
            for amount in amounts {
                out.clear();
                write_amount(&mut out, amount, unit);
                let typed = crate::sla::Amount::from_ticks(unit.kind(), amount);
                assert_eq!(std::str::from_utf8(&out).unwrap(), unit.format(typed));
            }
        }
    }
}
