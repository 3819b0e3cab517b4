//! Rejects: the rows, or parts of rows, that a run could not use, with where they are, the
//! raw value and why; and text made safe for a terminal.

use std::borrow::Cow;
use std::fmt;

use super::schema::Layout;

/// How much of a raw value a reject shows, in characters.
pub(crate) const SHOWN_VALUE: usize = 200;

/// A row, or a part of one, that could not be used: where it is, the raw value and why.
///
/// The rejects file has one line per `Reject`; a row with several bad fields has several.
/// [`Reject::kind`] says what a reject is about where a program can offer a remedy of its
/// own (the CLI names its flags there).
///
/// # Example
///
/// ```
/// use slacal::io::{Reject, RejectKind};
///
/// let reject = Reject::new(14, "offer-9", "at", "2026-02-30T10:00:00Z", "day 30 does not exist in February");
/// assert_eq!(reject.kind, RejectKind::Row);
/// assert_eq!(reject.to_string(),
///     "line 14: record `offer-9`: column `at`: value `2026-02-30T10:00:00Z`: day 30 does not exist in February");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
    /// What the reject is about, beyond its words.
    pub kind: RejectKind,
}

impl Reject {
    /// A reject of a row or a value ([`RejectKind::Row`]).
    #[must_use]
    pub fn new(
        line: u64,
        record_id: impl Into<String>,
        column: impl Into<String>,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Reject {
        Reject {
            line,
            record_id: record_id.into(),
            column: column.into(),
            value: value.into(),
            reason: reason.into(),
            kind: RejectKind::Row,
        }
    }
}

/// What a [`Reject`] is about, where a program may offer a remedy of its own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RejectKind {
    /// A row or a value that cannot be used, or a record that cannot be evaluated: the reason
    /// says why.
    #[default]
    Row,
    /// A row of a record that first appeared at an earlier line, with other records in
    /// between, in an input read as grouped by record: a wide export, or an event log
    /// promised grouped ([`Batch::sorted`](crate::io::Batch::sorted)).
    CameBack {
        /// The line where the record first appeared.
        first_line: u64,
        /// The input's layout.
        layout: Layout,
    },
    /// A row of a record whose calendar no calendar of the policy's registry has (the error
    /// behind it has [`Error::is_unknown_calendar`](crate::Error::is_unknown_calendar)).
    UnknownCalendar,
}

impl RejectKind {
    /// The kind of the rejects of a record that could not be used because of `error`.
    pub(crate) fn of(error: &crate::Error) -> RejectKind {
        if error.is_unknown_calendar() {
            RejectKind::UnknownCalendar
        } else {
            RejectKind::Row
        }
    }
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

pub(crate) fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN_VALUE {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(SHOWN_VALUE).collect();
    short.push('…');
    short
}
