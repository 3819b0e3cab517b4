//! Records: a record's id, its events in time and lifecycle order, and its calendar.

use std::sync::Arc;

use super::policy::EventId;
use crate::Error;
use crate::clock::Instant;

/// One event of a record: which event, when, and the input row it came from, if known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Event {
    /// The event.
    pub event: EventId,
    /// When it happened.
    pub at: Instant,
    /// The input row (line or record number) it came from, for messages: set by
    /// [`Record::push_from_row`], `None` after [`Record::push`].
    pub row: Option<u64>,
}

/// A record: an id, its events and an optional calendar override.
///
/// Events are kept in time order, events at the same instant in the policy's lifecycle order,
/// so the order in which they are pushed does not matter. An exact duplicate (same event, same
/// instant) is kept once, with the smallest row. A program's events come with
/// [`Record::push`]; a reader of input rows uses [`Record::push_from_row`], so that messages
/// can name the row.
///
/// # Example
///
/// ```
/// use slacal::{Policy, Record};
///
/// let policy = Policy::builtin("marketplace")?;
/// let mut record = Record::new("offer-1");
/// let live = policy.event("live")?;
/// let submitted = policy.event("submitted")?;
/// record.push(live, policy.parse_instant("2026-12-01T12:00:00-08:00")?);
/// record.push(submitted, policy.parse_instant("2026-11-20T09:00:00-08:00")?);
/// assert!(!record.push(submitted, policy.parse_instant("2026-11-20T17:00:00Z")?)); // duplicate
/// assert_eq!(record.events()[0].event, submitted);
/// assert_eq!(record.events().len(), 2);
/// record.set_calendar("GB-ENG")?;
/// assert!(record.set_calendar("DE").is_err());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub(crate) id: Arc<str>,
    pub(crate) events: Vec<Event>,
    /// The calendar named, and the row that named it (if known); empty for none. Kept as a
    /// buffer from record to record.
    calendar: String,
    calendar_row: Option<u64>,
}

impl Record {
    /// An empty record.
    #[must_use]
    pub fn new(id: impl Into<Arc<str>>) -> Record {
        Record {
            id: id.into(),
            events: Vec::new(),
            calendar: String::new(),
            calendar_row: None,
        }
    }

    /// Empties the record and gives it a new id, keeping its buffers.
    pub fn reset(&mut self, id: impl Into<Arc<str>>) {
        self.id = id.into();
        self.events.clear();
        self.calendar.clear();
        self.calendar_row = None;
    }

    /// The record's id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Adds an event; false when it is an exact duplicate of one already there.
    pub fn push(&mut self, event: EventId, at: Instant) -> bool {
        self.insert(Event {
            event,
            at,
            row: None,
        })
    }

    /// Adds an event read from an input row (its line, or its record number), which messages
    /// about the event name; false when it is an exact duplicate of one already there (the
    /// one kept names the smaller row).
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::{Policy, Record};
    ///
    /// let policy = Policy::builtin("marketplace")?;
    /// let mut record = Record::new("offer-1");
    /// let submitted = policy.event("submitted")?;
    /// record.push_from_row(submitted, policy.parse_instant("2026-11-20T09:00:00-08:00")?, 7);
    /// record.push_from_row(submitted, policy.parse_instant("2026-11-20T17:00:00Z")?, 3);
    /// assert_eq!(record.events()[0].row, Some(3));
    /// # Ok::<(), slacal::Error>(())
    /// ```
    pub fn push_from_row(&mut self, event: EventId, at: Instant, row: u64) -> bool {
        self.insert(Event {
            event,
            at,
            row: Some(row),
        })
    }

    fn insert(&mut self, new: Event) -> bool {
        let key = (new.at, new.event);
        // Events usually arrive in order: check the end first.
        let position = match self.events.last() {
            Some(last) if (last.at, last.event) < key => self.events.len(),
            _ => match self.events.binary_search_by(|e| (e.at, e.event).cmp(&key)) {
                Ok(found) => {
                    let kept = &mut self.events[found];
                    kept.row = match (kept.row, new.row) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    return false;
                }
                Err(position) => position,
            },
        };
        self.events.insert(position, new);
        true
    }

    /// Sets the record's calendar (a record's `calendar` column). An empty value sets nothing.
    ///
    /// # Errors
    ///
    /// An input error when the record names a different calendar already: the record is to
    /// be rejected whole.
    pub fn set_calendar(&mut self, id: &str) -> Result<(), Error> {
        self.name_calendar(id, None)
    }

    /// Sets the record's calendar from an input row's `calendar` column, naming the row in
    /// messages. An empty value sets nothing.
    ///
    /// # Errors
    ///
    /// An input error when an earlier row named a different calendar: the record is to be
    /// rejected whole.
    pub fn set_calendar_from_row(&mut self, id: &str, row: u64) -> Result<(), Error> {
        self.name_calendar(id, Some(row))
    }

    fn name_calendar(&mut self, id: &str, row: Option<u64>) -> Result<(), Error> {
        let id = id.trim();
        if id.is_empty() {
            return Ok(());
        }
        if self.calendar.is_empty() {
            self.calendar.push_str(id);
            self.calendar_row = row;
            return Ok(());
        }
        if self.calendar == id {
            return Ok(());
        }
        let existing = &self.calendar;
        Err(Error::input(match (self.calendar_row, row) {
            (Some(first_row), Some(row)) => format!(
                "rows {first_row} and {row} of record `{}` name different calendars (`{existing}` \
                 and `{id}`); a record runs on one calendar",
                self.id
            ),
            _ => format!(
                "record `{}` names different calendars (`{existing}` and `{id}`); a record runs \
                 on one calendar",
                self.id
            ),
        }))
    }

    /// The calendar the record names, if any.
    #[must_use]
    pub fn calendar(&self) -> Option<&str> {
        (!self.calendar.is_empty()).then_some(self.calendar.as_str())
    }

    /// The events, in time and lifecycle order, without duplicates.
    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }
}
