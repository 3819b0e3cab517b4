//! The events of an unsorted event log, grouped by record in memory, compactly.
//!
//! Per event: the instant (8 bytes, nanoseconds since 1970), the line, calendar and event
//! packed in 8 bytes, the layout of the instant's text (4 bytes, see `raw.rs`: rejects show it
//! as written) and the index of the record's next event (4 bytes): 24 bytes, and the text
//! itself for the rare instant whose layout does not fit. Per record: its id, its end in the id
//! text (8 bytes), its first and last event (8 bytes) and a slot of the hash table (4 bytes
//! and a control byte, at most 7/8 full): about the id's length plus 30 bytes. Events are kept
//! in chunks of 64 Ki, so that the store grows without copying what it holds.

use std::hash::{BuildHasher, RandomState};

use hashbrown::HashTable;

use super::group::Group;
#[cfg(test)]
use super::raw;
use crate::{Error, EventId, Instant};

/// An instant's text as written: its layout word, or the text when no word fits it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum RawText<'a> {
    Word(u32),
    Text(&'a str),
}

/// Events per chunk.
const CHUNK: usize = 1 << 16;
/// Bits of the packed word that hold the event, then the calendar; the line takes the rest.
const EVENT_BITS: u32 = 6;
const CALENDAR_BITS: u32 = 16;
/// The largest line number the store can hold.
pub(crate) const MAX_LINE: u64 = (1 << (64 - EVENT_BITS - CALENDAR_BITS)) - 1;
/// The most distinct calendar names the store can hold.
pub(crate) const MAX_CALENDARS: usize = 1 << CALENDAR_BITS;
const NONE: u32 = u32::MAX;

/// A vector that grows by chunks.
#[derive(Debug, Default)]
struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T: Copy> Chunked<T> {
    fn push(&mut self, value: T) {
        if self.len % CHUNK == 0 {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        // A chunk was pushed above when the last one was full.
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(value);
        }
        self.len += 1;
    }

    fn get(&self, index: usize) -> T {
        self.chunks[index / CHUNK][index % CHUNK]
    }

    fn set(&mut self, index: usize, value: T) {
        self.chunks[index / CHUNK][index % CHUNK] = value;
    }
}

/// Records and their events.
#[derive(Debug, Default)]
pub(crate) struct Store {
    hasher: RandomState,
    table: HashTable<u32>,
    ids: String,
    id_ends: Chunked<u64>,
    heads: Chunked<u32>,
    tails: Chunked<u32>,
    at: Chunked<i64>,
    packed: Chunked<u64>,
    /// The layout of each instant's text; `NONE` when it is in `raw_texts`.
    raw: Chunked<u32>,
    raw_texts: std::collections::HashMap<u32, Box<str>>,
    next: Chunked<u32>,
    calendars: Vec<String>,
    calendar_index: std::collections::HashMap<String, u16>,
}

impl Store {
    /// The number of records.
    pub(crate) fn records(&self) -> usize {
        self.id_ends.len
    }

    fn id(&self, record: usize) -> &str {
        let end = self.id_ends.get(record) as usize;
        let start = if record == 0 {
            0
        } else {
            self.id_ends.get(record - 1) as usize
        };
        self.ids.get(start..end).unwrap_or("")
    }

    /// Adds an event row of a record.
    ///
    /// # Errors
    ///
    /// When the store is full: more than 4,294,967,294 events or records, a line past
    /// [`MAX_LINE`], or more than 65,536 distinct calendar names.
    pub(crate) fn add(
        &mut self,
        id: &str,
        calendar: &str,
        line: u64,
        event: EventId,
        at: Instant,
        text: RawText<'_>,
    ) -> Result<(), Error> {
        let full = |what: &str| {
            Error::input(format!(
                "the event log has {what} to group in memory; sort it by record and pass \
                 `--sorted`"
            ))
        };
        if line > MAX_LINE {
            return Err(full("too many lines"));
        }
        let event_index = u32::try_from(self.at.len)
            .ok()
            .filter(|&i| i != NONE)
            .ok_or_else(|| full("too many events"))?;
        let calendar = match self.calendar_index.get(calendar) {
            Some(&index) => index,
            None => {
                if self.calendars.len() >= MAX_CALENDARS {
                    return Err(full("too many distinct calendar names"));
                }
                let index = self.calendars.len() as u16;
                self.calendars.push(calendar.to_owned());
                self.calendar_index.insert(calendar.to_owned(), index);
                index
            }
        };
        let hash = self.hasher.hash_one(id);
        let record = {
            let Store {
                table,
                ids,
                id_ends,
                hasher,
                ..
            } = self;
            let id_of = |record: u32| {
                let record = record as usize;
                let end = id_ends.get(record) as usize;
                let start = if record == 0 {
                    0
                } else {
                    id_ends.get(record - 1) as usize
                };
                &ids[start..end]
            };
            match table.find(hash, |&r| id_of(r) == id) {
                Some(&record) => record,
                None => {
                    let record = u32::try_from(id_ends.len)
                        .ok()
                        .filter(|&r| r != NONE)
                        .ok_or_else(|| full("too many records"))?;
                    table.insert_unique(hash, record, |&r| hasher.hash_one(id_of(r)));
                    ids.push_str(id);
                    id_ends.push(ids.len() as u64);
                    self.heads.push(NONE);
                    self.tails.push(NONE);
                    record
                }
            }
        };
        // Nanoseconds since 1970 fit 64 bits from 1677 to 2262; rows are within 1900..=2199.
        self.at
            .push(i64::try_from(at.unix_nanos()).map_err(|_| full("an instant out of range"))?);
        self.packed.push(
            line << (EVENT_BITS + CALENDAR_BITS)
                | u64::from(calendar) << EVENT_BITS
                | event.index() as u64,
        );
        match text {
            RawText::Word(word) => self.raw.push(word),
            RawText::Text(text) => {
                self.raw.push(NONE);
                self.raw_texts.insert(event_index, Box::from(text));
            }
        }
        self.next.push(NONE);
        let record = record as usize;
        let tail = self.tails.get(record);
        if tail == NONE {
            self.heads.set(record, event_index);
        } else {
            self.next.set(tail as usize, event_index);
        }
        self.tails.set(record, event_index);
        Ok(())
    }

    /// Fills `group` with a record's rows, in input order; `zone` is the zone local times
    /// were read in.
    pub(crate) fn group(
        &self,
        record: usize,
        events: &[EventId],
        zone: Option<chrono_tz::Tz>,
        group: &mut Group,
    ) {
        group.clear();
        group.id.push_str(self.id(record));
        let mut next = self.heads.get(record);
        while next != NONE {
            let index = next as usize;
            let packed = self.packed.get(index);
            let line = packed >> (EVENT_BITS + CALENDAR_BITS);
            let calendar = (packed >> EVENT_BITS) as usize & (MAX_CALENDARS - 1);
            let event = events[(packed & ((1 << EVENT_BITS) - 1)) as usize];
            // Instants were valid when stored.
            let at =
                Instant::from_unix_nanos(i128::from(self.at.get(index))).unwrap_or(Instant::EPOCH);
            let text = match self.raw.get(index) {
                NONE => RawText::Text(self.raw_texts.get(&next).map_or("", |text| text)),
                word => RawText::Word(word),
            };
            group.add_stored(
                line,
                self.calendars.get(calendar).map_or("", String::as_str),
                (event, at),
                text,
                zone,
            );
            next = self.next.get(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    #[test]
    fn events_come_back_grouped_by_record_in_input_order() {
        let policy = Policy::builtin("marketplace").unwrap();
        let events: Vec<EventId> = policy.events().map(|(id, _)| id).collect();
        let at = |s: &str| Instant::parse(s).unwrap();
        let mut store = Store::default();
        let rows = [
            ("b", "", 2, "submitted", "2026-11-20T09:00:00Z"),
            ("a", "DE", 3, "submitted", "2026-11-21T09:00:00Z"),
            ("b", "US", 4, "live", "2026-11-25T09:00:00Z"),
            ("a", "DE", 5, "go_live", "2026-11-24T09:00:00Z"),
            ("c", "", 6, "live", "2026-11-26T09:00:00.123456789Z"),
        ];
        for (id, calendar, line, event, when) in rows {
            store
                .add(
                    id,
                    calendar,
                    line,
                    policy.event(event).unwrap(),
                    at(when),
                    RawText::Word(raw::encode(when, at(when), None).unwrap()),
                )
                .unwrap();
        }
        assert_eq!(store.records(), 3);
        let mut group = Group::default();
        store.group(0, &events, None, &mut group);
        assert_eq!(group.id, "b");
        let lines: Vec<u64> = group.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(&group.text[group.rows[1].calendar.clone()], "US");
        store.group(1, &events, None, &mut group);
        assert_eq!(group.id, "a");
        assert_eq!(group.events.len(), 2);
        assert_eq!(group.events[1].0, policy.event("go_live").unwrap());
        store.group(2, &events, None, &mut group);
        assert_eq!((group.id.as_str(), group.rows.len()), ("c", 1));
        // Fractions of a second are kept, and the text as written.
        assert_eq!(group.events[0].1, at("2026-11-26T09:00:00.123456789Z"));
        assert_eq!(
            group.raw_of(0).as_deref(),
            Some("2026-11-26T09:00:00.123456789Z")
        );
    }
}
