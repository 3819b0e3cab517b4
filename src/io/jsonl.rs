//! JSON Lines: reading the rows of a block (one JSON object per line), the keys of the
//! first object, and writing outcome rows.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::blocks::Block;
use super::reject::{Reject, RejectKind, shown_value};
use super::rows::{BlockCounts, Cell, MAX_ROW_BYTES, Row, RowParser};
use super::schema::Role;
use super::write::{write_amount, write_date, write_instant};
use chrono_tz::Tz;

use crate::clock::Instant;
use crate::{ClockOutcome, Error};

impl RowParser<'_> {
    pub(super) fn parse_jsonl(
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
                kind: RejectKind::Row,
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
                        kind: RejectKind::Row,
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

/// Appends one outcome row as a JSON object on a line.
pub(super) fn write_outcome(row: &ClockOutcome, out: &mut Vec<u8>) {
    let zone = row.time_zone();
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
    match row.due_day() {
        Some(day) => {
            out.push(b'"');
            write_date(out, day);
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
