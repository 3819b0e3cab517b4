//! Reading rows: the records of a block into a record id, a calendar and events, with every
//! problem reported as a [`Reject`] that names the line, the column and the raw value. The
//! formats' own readers are in `csv.rs` and `jsonl.rs`; this is what they share: the cells of
//! a row, checked and filled into a [`Row`].

use std::borrow::Cow;

use super::blocks::{Block, BlockKind};
use super::input::InputFormat;
use super::reject::{Reject, RejectKind, SHOWN_VALUE, shorten, shown_value};
use super::schema::{Role, Schema};
use crate::sla::EventId;
use crate::{Instant, Policy};

/// The longest row (record) read, in bytes; a longer one is rejected.
pub const MAX_ROW_BYTES: usize = 64 * 1024;
/// The longest field read, in bytes; a longer one is rejected.
pub const MAX_FIELD_BYTES: usize = 4096;

/// 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z: instants outside them are outside every
/// calendar's years, whatever the zone (with a day's margin for offsets).
const FIRST_SECOND: i64 = -2_208_988_800 - 86_400;
const END_SECOND: i64 = 7_258_118_400 + 86_400;

/// One usable row: the record it belongs to, its calendar (empty when it names none) and its
/// events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Row {
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
pub(super) enum Cell<'a> {
    Absent,
    Null,
    Bytes(&'a [u8]),
    Text(Cow<'a, str>),
    List(Vec<Cow<'a, str>>),
    /// A JSON value of a type the field cannot hold: what it is.
    Wrong(&'static str),
}

/// What is wrong with a field: its raw value and the reason.
pub(super) type Problem = (String, String);

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
            Cow::Borrowed(text) => Cow::Borrowed(crate::text::trim(text)),
            Cow::Owned(text) => Cow::Owned(text.trim().to_owned()),
        };
        Ok((!trimmed.is_empty()).then_some(trimmed))
    }
}

pub(super) fn check_length(length: usize, bytes: &[u8]) -> Result<(), Problem> {
    if length > MAX_FIELD_BYTES {
        return Err((
            shown_value(&bytes[..SHOWN_VALUE.min(bytes.len())]),
            format!("the field is {length} bytes long; at most {MAX_FIELD_BYTES} are read"),
        ));
    }
    Ok(())
}

/// Parses an instant of an export with the policy's rules, within the supported years.
pub(super) fn instant(policy: &Policy, text: &str) -> Result<Instant, String> {
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
    pub(super) record: ::csv::ByteRecord,
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
            record: ::csv::ByteRecord::new(),
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
                    kind: RejectKind::Row,
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
                    kind: RejectKind::Row,
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

    /// Checks the fields of a row and fills `row`; false (with the problems in `rejects`)
    /// when the row cannot be used.
    pub(super) fn fill(
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
                kind: RejectKind::Row,
                line,
                record_id: id.to_owned(),
                column: column.to_owned(),
                value,
                reason,
            });
        };
        // Borrowed from the cells: an event log's row allocates nothing here.
        let mut event_id: Option<EventId> = None;
        let mut at_text: Option<Cow<'_, str>> = None;
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
                        Ok(id) => event_id = Some(id),
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
                    Ok(Some(at)) => at_text = Some(at),
                    Ok(None) => problem(
                        name,
                        (String::new(), "the instant is empty".to_owned()),
                        &row.record_id,
                    ),
                    Err(p) => problem(name, p, &row.record_id),
                },
                Role::Instants(event) => {
                    let mut add = |text: &str| -> Result<(), Problem> {
                        for piece in crate::text::split(text, b';') {
                            let piece = crate::text::trim(piece);
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
        if let (Some(event), Some(at)) = (event_id, &at_text) {
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
