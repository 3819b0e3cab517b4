//! Reading rows: CSV and JSON Lines records into a record id, a calendar and events, with
//! every problem reported as a [`Reject`] that names the line, the column and the raw value.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::blocks::{Block, BlockKind, Quote};
use super::input::InputFormat;
use super::schema::{Role, Schema};
use crate::sla::EventId;
use crate::{Error, Instant, Policy};

/// The longest row (record) read, in bytes; a longer one is rejected.
pub const MAX_ROW_BYTES: usize = 64 * 1024;
/// The longest field read, in bytes; a longer one is rejected.
pub const MAX_FIELD_BYTES: usize = 4096;
/// How much of a raw value a reject shows, in characters.
const SHOWN_VALUE: usize = 200;

/// 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z: instants outside them are outside every
/// calendar's years, whatever the zone (with a day's margin for offsets).
const FIRST_SECOND: i64 = -2_208_988_800 - 86_400;
const END_SECOND: i64 = 7_258_118_400 + 86_400;

/// A row, or a part of one, that could not be used: where it is, the raw value and why.
///
/// The rejects file has one line per `Reject`; a row with several bad fields has several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reject {
    /// The line (from 1) where the row starts.
    pub line: u64,
    /// The row's record id, when it has a readable one.
    pub record_id: String,
    /// The column (or JSON key) at fault; empty when the whole row is.
    pub column: String,
    /// The raw value, shortened and with bytes that are not UTF-8 written as `\xNN`.
    pub value: String,
    /// Why, in plain words.
    pub reason: String,
}

/// The rejects file's columns.
pub const REJECT_COLUMNS: [&str; 5] = ["line", "record_id", "column", "value", "reason"];

impl fmt::Display for Reject {
    /// `line 14: column `at`: value `2026-13-01`: reason`, with control characters from the
    /// input escaped ([`escape_control`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if !self.record_id.is_empty() {
            write!(f, ": record `{}`", escape_control(&self.record_id))?;
        }
        if !self.column.is_empty() {
            write!(f, ": column `{}`", escape_control(&self.column))?;
        }
        if !self.value.is_empty() {
            write!(f, ": value `{}`", escape_control(&self.value))?;
        }
        write!(f, ": {}", escape_control(&self.reason))
    }
}

/// Text with its control characters written as escapes, so that a value from the input
/// cannot move the cursor, change colours or break a line on a terminal, nor in a rejects
/// file: `\t`, `\n`, `\r`, and `\x1b`-style escapes for the other C0 controls and DEL,
/// `\u{9b}`-style for the C1 controls. Other text is returned as it is.
///
/// # Example
///
/// ```
/// use slacal::io::escape_control;
///
/// assert_eq!(escape_control("offer-1\u{1b}[31m\n"), "offer-1\\x1b[31m\\n");
/// assert_eq!(escape_control("plain, or accented: é"), "plain, or accented: é");
/// ```
#[must_use]
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c if c.is_control() && (c as u32) < 0x80 => {
                escaped.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => escaped.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// A raw value for a reject: lossy UTF-8 with invalid bytes as `\xNN`, shortened.
#[must_use]
pub(crate) fn shown_value(bytes: &[u8]) -> String {
    let mut text = String::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        for byte in chunk.invalid() {
            text.push_str(&format!("\\x{byte:02x}"));
        }
        if text.chars().count() > SHOWN_VALUE {
            break;
        }
    }
    shorten(&text)
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_VALUE {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(SHOWN_VALUE).collect();
    short.push('…');
    short
}

/// One usable row: the record it belongs to, its calendar (empty when it names none) and its
/// events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// The line (from 1) where the row starts.
    pub line: u64,
    /// The record id, trimmed.
    pub record_id: String,
    /// The calendar the row names, trimmed; empty for none.
    pub calendar: String,
    /// The row's events: one for an event log, any number for a wide export.
    pub events: Vec<(EventId, Instant)>,
    /// The instants as written (trimmed), one after another; `raw_spans` says where each
    /// event's is.
    pub raw: String,
    /// Where each event's instant is in `raw`, in the order of `events`.
    pub raw_spans: Vec<std::ops::Range<usize>>,
}

/// A value of a field, before it is checked.
enum Cell<'a> {
    Absent,
    Null,
    Bytes(&'a [u8]),
    Text(Cow<'a, str>),
    List(Vec<Cow<'a, str>>),
    /// A JSON value of a type the field cannot hold: what it is.
    Wrong(&'static str),
}

/// What is wrong with a field: its raw value and the reason.
type Problem = (String, String);

impl Cell<'_> {
    /// The field as trimmed text (`None` when absent, null or blank).
    fn text(&self) -> Result<Option<Cow<'_, str>>, Problem> {
        let text: Cow<'_, str> = match self {
            Cell::Absent | Cell::Null => return Ok(None),
            Cell::Bytes(bytes) => {
                check_length(bytes.len(), bytes)?;
                match std::str::from_utf8(bytes) {
                    Ok(text) => Cow::Borrowed(text),
                    Err(e) => {
                        return Err((
                            shown_value(bytes),
                            format!(
                                "not valid UTF-8 (byte 0x{:02x} at offset {}); the input must be \
                                 UTF-8",
                                bytes[e.valid_up_to()],
                                e.valid_up_to()
                            ),
                        ));
                    }
                }
            }
            Cell::Text(text) => {
                check_length(text.len(), text.as_bytes())?;
                Cow::Borrowed(text.as_ref())
            }
            Cell::List(_) => {
                return Err((
                    String::new(),
                    "a list, where a single text value is expected".to_owned(),
                ));
            }
            Cell::Wrong(what) => {
                return Err((
                    String::new(),
                    format!("{what}, where a text value is expected"),
                ));
            }
        };
        let trimmed = match text {
            Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
            Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
        };
        Ok((!trimmed.is_empty()).then_some(trimmed))
    }
}

fn check_length(length: usize, bytes: &[u8]) -> Result<(), Problem> {
    if length > MAX_FIELD_BYTES {
        return Err((
            shown_value(&bytes[..SHOWN_VALUE.min(bytes.len())]),
            format!("the field is {length} bytes long; at most {MAX_FIELD_BYTES} are read"),
        ));
    }
    Ok(())
}

/// Parses an instant of an export with the policy's rules, within the supported years.
fn instant(policy: &Policy, text: &str) -> Result<Instant, String> {
    let at = policy.parse_instant(text).map_err(|e| e.to_string())?;
    if !(FIRST_SECOND..END_SECOND).contains(&at.unix_seconds()) {
        return Err(format!(
            "instant `{text}` is outside the supported years 1900..=2199"
        ));
    }
    Ok(at)
}

/// Reads the rows of blocks with a schema and a policy.
pub(crate) struct RowParser<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) schema: &'a Schema,
    pub(crate) format: InputFormat,
    record: csv::ByteRecord,
}

/// What reading a block found.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct BlockCounts {
    /// Rows read.
    pub(crate) rows: u64,
    /// Rows rejected.
    pub(crate) rejected: u64,
}

impl<'a> RowParser<'a> {
    pub(crate) fn new(policy: &'a Policy, schema: &'a Schema, format: InputFormat) -> Self {
        RowParser {
            policy,
            schema,
            format,
            record: csv::ByteRecord::new(),
        }
    }

    /// Reads every row of a block: each usable row goes to `visit`, each problem to
    /// `rejects`.
    pub(crate) fn parse_block(
        &mut self,
        block: &Block,
        row: &mut Row,
        rejects: &mut Vec<Reject>,
        visit: &mut dyn FnMut(&Row),
    ) -> BlockCounts {
        match &block.kind {
            BlockKind::Records => {}
            BlockKind::TooLong { length, lines } => {
                let span = if *lines > 1 {
                    format!(" over {lines} lines")
                } else {
                    String::new()
                };
                rejects.push(Reject {
                    line: block.first_line,
                    record_id: String::new(),
                    column: String::new(),
                    value: shown_value(&block.bytes),
                    reason: format!(
                        "the row is {length} bytes long{span}; at most {MAX_ROW_BYTES} are read"
                    ),
                });
                return BlockCounts {
                    rows: 1,
                    rejected: 1,
                };
            }
            BlockKind::UnclosedQuote => {
                rejects.push(Reject {
                    line: block.first_line,
                    record_id: String::new(),
                    column: String::new(),
                    value: shown_value(&block.bytes),
                    reason: format!(
                        "a quote opened on this line is not closed within {MAX_ROW_BYTES} bytes; \
                         quotes inside a field are written twice (`\"\"`)"
                    ),
                });
                return BlockCounts {
                    rows: 1,
                    rejected: 1,
                };
            }
        }
        match self.format {
            InputFormat::Csv => self.parse_csv(block, row, rejects, visit),
            InputFormat::Jsonl => self.parse_jsonl(block, row, rejects, visit),
        }
    }

    fn parse_csv(
        &mut self,
        block: &Block,
        row: &mut Row,
        rejects: &mut Vec<Reject>,
        visit: &mut dyn FnMut(&Row),
    ) -> BlockCounts {
        let mut counts = BlockCounts::default();
        // Records end at `\n` only, as blocks do (a `\r` before it is trimmed with the field).
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(&block.bytes[..]);
        let unclosed_at_end = block.last && Quote::after(&block.bytes) == Quote::Quoted;
        let width = self.schema.columns.len();
        let mut record = std::mem::take(&mut self.record);
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
                counted.1 += bytes[counted.0..offset]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u64;
                counted.0 = offset;
            }
            counted.1
        };
        loop {
            let start = reader.position().byte();
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    counts.rows += 1;
                    counts.rejected += 1;
                    let line = line_at(usize::try_from(start).unwrap_or(usize::MAX));
                    rejects.push(Reject {
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
            let end = reader.position().byte();
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
            let mut cells: Vec<Cell<'_>> = Vec::with_capacity(self.schema.slots.len());
            cells.resize_with(self.schema.slots.len(), || Cell::Absent);
            for (field, slot) in record.iter().zip(&self.schema.columns) {
                if let Some(slot) = slot {
                    cells[*slot] = Cell::Bytes(field);
                }
            }
            if self.fill(&cells, line, row, rejects) {
                visit(row);
            } else {
                counts.rejected += 1;
            }
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

    fn parse_jsonl(
        &mut self,
        block: &Block,
        row: &mut Row,
        rejects: &mut Vec<Reject>,
        visit: &mut dyn FnMut(&Row),
    ) -> BlockCounts {
        let mut counts = BlockCounts::default();
        let mut line = block.first_line;
        let mut rest = &block.bytes[..];
        while !rest.is_empty() {
            let (text, next, ended) = match rest.iter().position(|&b| b == b'\n') {
                Some(pos) => (&rest[..pos], &rest[pos + 1..], true),
                None => (rest, &rest[rest.len()..], false),
            };
            rest = next;
            let this_line = line;
            line += 1;
            let text = if this_line == 1 {
                text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text)
            } else {
                text
            };
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            counts.rows += 1;
            let reject = |reason: String| Reject {
                line: this_line,
                record_id: String::new(),
                column: String::new(),
                value: shown_value(text.trim_ascii()),
                reason,
            };
            if text.len() > MAX_ROW_BYTES {
                counts.rejected += 1;
                rejects.push(reject(format!(
                    "the row is {} bytes long; at most {MAX_ROW_BYTES} are read",
                    text.len()
                )));
                continue;
            }
            let seed = ObjectSeed {
                slots: &self.schema.slots,
            };
            let mut deserializer = serde_json::Deserializer::from_slice(text);
            let parsed = seed
                .deserialize(&mut deserializer)
                .and_then(|cells| deserializer.end().map(|()| cells));
            match parsed {
                Ok(Ok(cells)) => {
                    if self.fill(&cells, this_line, row, rejects) {
                        visit(row);
                    } else {
                        counts.rejected += 1;
                    }
                }
                Ok(Err(problem)) => {
                    counts.rejected += 1;
                    rejects.push(Reject {
                        column: problem.0,
                        ..reject(problem.1)
                    });
                }
                Err(e) => {
                    counts.rejected += 1;
                    let truncated = block.last && !ended && e.is_eof();
                    let reason = if truncated {
                        format!("the last line ends early: the file is truncated ({e})")
                    } else {
                        format!("not a valid JSON object: {e}")
                    };
                    rejects.push(reject(reason));
                }
            }
        }
        counts
    }

    /// Checks the fields of a row and fills `row`; false (with the problems in `rejects`)
    /// when the row cannot be used.
    fn fill(
        &self,
        cells: &[Cell<'_>],
        line: u64,
        row: &mut Row,
        rejects: &mut Vec<Reject>,
    ) -> bool {
        row.line = line;
        row.record_id.clear();
        row.calendar.clear();
        row.events.clear();
        row.raw.clear();
        row.raw_spans.clear();
        let before = rejects.len();
        let mut problem = |column: &str, (value, reason): Problem, id: &str| {
            rejects.push(Reject {
                line,
                record_id: id.to_owned(),
                column: column.to_owned(),
                value,
                reason,
            });
        };
        let mut event_name: Option<(EventId, String)> = None;
        let mut at_text: Option<String> = None;
        for ((name, role), cell) in self.schema.slots.iter().zip(cells) {
            match role {
                Role::Id => match cell.text() {
                    Ok(Some(id)) => row.record_id.push_str(&id),
                    Ok(None) => problem(
                        name,
                        (String::new(), "the record id is empty".to_owned()),
                        "",
                    ),
                    Err(p) => problem(name, p, ""),
                },
                Role::Calendar => match cell.text() {
                    Ok(Some(calendar)) => row.calendar.push_str(&calendar),
                    Ok(None) => {}
                    Err(p) => problem(name, p, &row.record_id),
                },
                Role::Event => match cell.text() {
                    Ok(Some(event)) => match self.policy.event(&event) {
                        Ok(id) => event_name = Some((id, event.into_owned())),
                        Err(e) => problem(name, (shorten(&event), e.to_string()), &row.record_id),
                    },
                    Ok(None) => problem(
                        name,
                        (String::new(), "the event is empty".to_owned()),
                        &row.record_id,
                    ),
                    Err(p) => problem(name, p, &row.record_id),
                },
                Role::At => match cell.text() {
                    Ok(Some(at)) => at_text = Some(at.into_owned()),
                    Ok(None) => problem(
                        name,
                        (String::new(), "the instant is empty".to_owned()),
                        &row.record_id,
                    ),
                    Err(p) => problem(name, p, &row.record_id),
                },
                Role::Instants(event) => {
                    let mut add = |text: &str| -> Result<(), Problem> {
                        for piece in text.split(';') {
                            let piece = piece.trim();
                            if piece.is_empty() {
                                continue;
                            }
                            let at = instant(self.policy, piece)
                                .map_err(|reason| (shorten(text), reason))?;
                            row.events.push((*event, at));
                            let start = row.raw.len();
                            row.raw.push_str(piece);
                            row.raw_spans.push(start..row.raw.len());
                        }
                        Ok(())
                    };
                    let result = match cell {
                        Cell::List(items) => {
                            let mut result = Ok(());
                            for item in items {
                                if let Err(p) = check_length(item.len(), item.as_bytes())
                                    .and_then(|()| add(item))
                                {
                                    result = Err(p);
                                    break;
                                }
                            }
                            result
                        }
                        other => match other.text() {
                            Ok(Some(text)) => add(&text),
                            Ok(None) => Ok(()),
                            Err(p) => Err(p),
                        },
                    };
                    if let Err(p) = result {
                        problem(name, p, &row.record_id);
                    }
                }
            }
        }
        if let (Some((event, _)), Some(at)) = (event_name, &at_text) {
            match instant(self.policy, at) {
                Ok(instant) => {
                    row.events.push((event, instant));
                    row.raw.push_str(at);
                    row.raw_spans.push(0..row.raw.len());
                }
                Err(reason) => problem("at", (shorten(at), reason), &row.record_id),
            }
        }
        // Problems found before the id was read name no record: name it now.
        if !row.record_id.is_empty() {
            for reject in &mut rejects[before..] {
                if reject.record_id.is_empty() {
                    reject.record_id.clone_from(&row.record_id);
                }
            }
        }
        rejects.len() == before
    }
}

/// Reads one JSON object into the cells of the schema's slots.
struct ObjectSeed<'s> {
    slots: &'s [(String, Role)],
}

impl<'de> DeserializeSeed<'de> for ObjectSeed<'_> {
    /// The cells, or a problem with one key (its name, and the value and reason).
    type Value = Result<Vec<Cell<'de>>, (String, String)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed<'_> {
    type Value = Result<Vec<Cell<'de>>, (String, String)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut cells: Vec<Cell<'de>> = self.slots.iter().map(|_| Cell::Absent).collect();
        let mut duplicate: Option<String> = None;
        while let Some(key) = map.next_key::<Text<'de>>()? {
            match self.slots.iter().position(|(name, _)| *name == *key.0) {
                Some(slot) => {
                    let value = map.next_value::<Value<'de>>()?;
                    if !matches!(cells[slot], Cell::Absent) {
                        duplicate = Some(key.0.into_owned());
                    }
                    cells[slot] = value.0;
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(key) = duplicate {
            return Ok(Err((
                key,
                "the key appears twice in the object; which value to read is unclear".to_owned(),
            )));
        }
        Ok(Ok(cells))
    }
}

/// A JSON string, borrowed when it has no escapes.
struct Text<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// A JSON value as a cell: text, a number as text, null, a list of strings, or the name of a
/// type a field cannot hold.
struct Value<'de>(Cell<'de>);

impl<'de> de::Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, a number, null or a list of strings")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Text(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Text(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Text(Cow::Owned(v))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Text(Cow::Owned(v.to_string()))))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Text(Cow::Owned(v.to_string()))))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Wrong("a fractional number")))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Wrong("a boolean")))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Value<'de>, E> {
                Ok(Value(Cell::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
                let mut items = Vec::new();
                let mut wrong = false;
                while let Some(item) = seq.next_element::<Value<'de>>()? {
                    match item.0 {
                        Cell::Text(text) if items.len() < 1000 => items.push(text),
                        Cell::Null => {}
                        _ => wrong = true,
                    }
                }
                Ok(Value(if wrong {
                    Cell::Wrong("a list holding something other than strings (or over 1000 items)")
                } else {
                    Cell::List(items)
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Value(Cell::Wrong("an object")))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
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
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => Ok(record
            .iter()
            .map(|field| String::from_utf8_lossy(field).trim().to_owned())
            .collect()),
        Ok(false) => Ok(Vec::new()),
        Err(e) => Err(Error::input(format!("unreadable CSV header: {e}"))),
    }
}

/// The keys of the first JSON object of a JSON Lines text, in order.
///
/// # Errors
///
/// An input error when the first line that is not blank is not a JSON object.
pub(crate) fn jsonl_keys(line: &[u8]) -> Result<Vec<String>, Error> {
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    let value: serde_json::Value = serde_json::from_slice(line)
        .map_err(|e| Error::input(format!("the first line is not a JSON object: {e}")))?;
    match value {
        serde_json::Value::Object(map) => Ok(map.keys().cloned().collect()),
        _ => Err(Error::input("the first line is not a JSON object")),
    }
}
