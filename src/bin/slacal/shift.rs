//! `slacal shift`: business-day addition over a streamed CSV of `date,days` pairs.
//!
//! The hot loop reads raw byte records, parses dates and counts without allocating, computes
//! on day numbers, and writes into a reused buffer.

use std::io::{self, Write};

use slacal::{Calendar, Error, StartRule, date32};

use crate::args::ShiftArgs;
use crate::dates::calendar;
use crate::output::{Output, io_error, open_input};

/// What a run did: how many rows it rejected.
pub struct Outcome {
    pub rejected: u64,
}

pub fn run(args: &ShiftArgs) -> Result<Outcome, Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let input_name = args.input.as_ref().map_or_else(
        || "standard input".to_owned(),
        |p| format!("`{}`", p.display()),
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 18)
        .from_reader(open_input(args.input.as_deref())?);
    let mut record = csv::ByteRecord::new();
    let read_error = |e: csv::Error| {
        let at = e
            .position()
            .map_or_else(String::new, |p| format!(" at line {}", p.line()));
        Error::input(format!("reading {input_name}{at}: {e}"))
    };
    if !reader.read_byte_record(&mut record).map_err(read_error)? {
        return Err(Error::input(format!(
            "{input_name} is empty: expected a CSV header with the columns `date` and `days`"
        )));
    }
    let header: Vec<String> = record
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
        .collect();
    let column = |name: &str| {
        header.iter().position(|h| h == name).ok_or_else(|| {
            Error::input(format!(
                "the header of {input_name} has no column `{name}` (found: {}); expected `date,days`",
                header.join(",")
            ))
        })
    };
    let (date_col, days_col) = (column("date")?, column("days")?);

    let mut out = Output::create(args.output.as_deref())?;
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    for (i, name) in header.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        write_field(&mut buf, name.as_bytes());
    }
    buf.extend_from_slice(b",result\n");

    let rule: StartRule = args.start_rule.into();
    let stderr = io::stderr();
    let mut errors = io::BufWriter::new(stderr.lock());
    let mut rejected = 0u64;
    let width = header.len();
    while reader.read_byte_record(&mut record).map_err(read_error)? {
        // The output stays rectangular: a short row is padded with empty fields, a long one cut
        // to the header's width (and rejected, so the cut is reported).
        for i in 0..width {
            if i > 0 {
                buf.push(b',');
            }
            write_field(&mut buf, record.get(i).unwrap_or_default());
        }
        buf.push(b',');
        match shift_row(&calendar, &record, width, (date_col, days_col), rule) {
            Ok(day) => {
                let mut text = [0u8; 10];
                date32::write_iso(day, &mut text);
                buf.extend_from_slice(&text);
            }
            Err(reason) => {
                rejected += 1;
                let line = record.position().map_or(0, csv::Position::line);
                let _ = writeln!(errors, "slacal: {input_name}: line {line}: {reason}");
            }
        }
        buf.push(b'\n');
        if buf.len() >= 1 << 20 {
            out.write_all(&buf)
                .map_err(|e| io_error("writing the output".into(), &e))?;
            buf.clear();
        }
    }
    out.write_all(&buf)
        .map_err(|e| io_error("writing the output".into(), &e))?;
    let _ = errors.flush();
    out.commit()?;
    Ok(Outcome { rejected })
}

/// The shifted day of one row, or why the row cannot be shifted.
#[inline]
fn shift_row(
    calendar: &Calendar,
    record: &csv::ByteRecord,
    width: usize,
    (date_col, days_col): (usize, usize),
    rule: StartRule,
) -> Result<i32, Error> {
    if record.len() != width {
        let fields = if record.len() == 1 { "field" } else { "fields" };
        return Err(Error::input(format!(
            "the row has {} {fields}, the header has {width}",
            record.len()
        )));
    }
    let (Some(date), Some(days)) = (record.get(date_col), record.get(days_col)) else {
        return Err(Error::input("the row lacks the `date` or `days` field"));
    };
    let day = date32::parse_iso(date).map_err(|e| e.context("column `date`"))?;
    let n = parse_days(days).map_err(|e| e.context("column `days`"))?;
    let start = if rule == StartRule::RollForward && n > 0 {
        calendar.add_business_days_date32(day, 0)?
    } else {
        day
    };
    calendar.add_business_days_date32(start, n)
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
