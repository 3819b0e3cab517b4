//! The events of an unsorted event log, grouped by record: in memory, compactly, up to a
//! memory budget, and beyond it in sorted runs on disk merged at the end (an external sort).
//!
//! Per event in memory: the instant (8 bytes, nanoseconds since 1970), the line, calendar and
//! event packed in 8 bytes, the layout of the instant's text (4 bytes, see `raw.rs`: rejects
//! show it as written) and the index of the record's event before (4 bytes): 24 bytes kept
//! together (following a record's events touches one cache line each), and the text itself
//! for the rare instant whose layout does not fit. Per record: its id, its end in
//! the id text (8 bytes), its last event (4 bytes, and 4 of padding) and a slot of the hash table (8
//! bytes, the record and 32 bits of its id's hash, and a control byte, at most 7/8 full):
//! about the id's length plus 35 bytes. Events and records are kept in chunks of 64 Ki, so
//! that the store grows without copying what it holds.
//!
//! Per event in a run on disk: the line and the calendar's code as LEB128 numbers (1 to 6 and
//! 1 to 3 bytes), the event (1 byte), the instant (8 bytes, nanoseconds since 1970) and the
//! layout word as a LEB128 number (2 bytes for `Z`, 3 for an offset up to ±08:31, 4 beyond):
//! 13 to 22 bytes, about 17 on a log of millions of lines; plus the calendar name when it is
//! not in the table, and the instant's text when its layout does not fit a word. Per record
//! in each run that holds some of its events: its id and the LEB128 numbers of its length and
//! event count. A log of 9,999,880 events and 1,733,000 ids of 13 bytes took 193 MB of runs,
//! 19 bytes per event all told (measured 2026-12-02).
//!
//! Records come out in the byte order of their ids, in memory and merged from disk alike, so
//! that the output does not depend on the memory budget. A record's events come out in input
//! order.
//!
//! Calendar names are kept once each, in a table of at most 65,535 names and 1 MiB; a name
//! that does not fit (an export with more distinct calendar values than that) is kept with its
//! event instead, so that its record is checked (and rejected as naming an unknown calendar)
//! exactly as in a streaming pass.

use std::collections::HashMap;
use std::fs::File;
#[cfg(test)]
use std::hash::BuildHasher;
use std::hash::RandomState;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use hashbrown::HashTable;

use super::group::Group;
use super::output::{io_error, register_dir, remove_stale, unregister_dir};
#[cfg(test)]
use super::raw;
use crate::error::Detail;
use crate::sla::EventId;
use crate::{Error, Instant};

/// An instant's text as written: its layout word, or the text when no word fits it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum RawText<'a> {
    Word(u32),
    Text(&'a str),
}

/// Whether two ids or calendar names are the same text, compared inline rather than by a call
/// to `memcmp` on every row grouped: below 8 bytes byte by byte, 8 to 16 bytes (most ids) as
/// two overlapping words each.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|w| w.first_chunk::<8>())
            .map(|w| u64::from_le_bytes(*w))
    };
    match a.len() {
        0..8 => a.iter().zip(b).fold(true, |same, (x, y)| same & (x == y)),
        8..=16 => {
            let last = a.len() - 8;
            word(a, 0) == word(b, 0) && word(a, last) == word(b, last)
        }
        _ => a == b,
    }
}

/// The hash the record table places an entry by, from the 32 bits of its id's hash it keeps:
/// spread over 64 bits, so that the table's tag (its top bits) and its place (its low bits)
/// do not share bits.
fn table_hash(short: u32) -> u64 {
    u64::from(short).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Slots of the store's cache of calendar codes.
const RECENT: usize = 64;

/// The store's cache of calendar codes.
#[derive(Debug)]
struct Recent([u16; RECENT]);

impl Default for Recent {
    fn default() -> Self {
        Recent([0; RECENT])
    }
}

/// A calendar name's slot in the cache of codes: from its length and its first and last
/// bytes, which tell most calendar names apart.
fn recent_slot(calendar: &str) -> usize {
    let bytes = calendar.as_bytes();
    let (first, last) = (
        bytes.first().copied().unwrap_or(0),
        bytes.last().copied().unwrap_or(0),
    );
    (bytes.len() ^ usize::from(first).wrapping_mul(7) ^ usize::from(last).wrapping_mul(29)) % RECENT
}

/// Events per chunk.
const CHUNK: usize = 1 << 16;
/// Bits of the packed word that hold the event, then the calendar; the line takes the rest.
const EVENT_BITS: u32 = 6;
const CALENDAR_BITS: u32 = 16;
/// The largest line number the store can hold.
pub(crate) const MAX_LINE: u64 = (1 << (64 - EVENT_BITS - CALENDAR_BITS)) - 1;
/// The calendar code of a name kept with its event, not in the table.
const OVERFLOW: u16 = u16::MAX;
/// The most bytes of calendar names the table holds.
const MAX_CALENDAR_BYTES: usize = 1 << 20;
const NONE: u32 = u32::MAX;
/// At most this many records or events before the store spills, whatever the budget (indices
/// are 32 bits).
const MAX_ITEMS: usize = (u32::MAX - 1) as usize;
/// How many runs are merged at once; more are merged in passes.
const MAX_FAN_IN: usize = 64;
/// The buffer of each run being read or written.
const RUN_BUFFER: usize = 1 << 16;

/// A vector that grows by chunks.
#[derive(Debug)]
struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Copy> Chunked<T> {
    fn push(&mut self, value: T) {
        if self.len.is_multiple_of(CHUNK) {
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

    fn update(&mut self, index: usize, change: impl FnOnce(&mut T)) {
        change(&mut self.chunks[index / CHUNK][index % CHUNK]);
    }

    fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
    }

    fn bytes(&self) -> usize {
        self.chunks.len() * CHUNK * std::mem::size_of::<T>()
    }
}

/// Records and their events.
#[derive(Debug, Default)]
pub(crate) struct Store {
    hasher: RandomState,
    /// `(record, the low 32 bits of its id's hash)`: the table grows without hashing ids
    /// again, and an id is compared only with ids of the same 32 bits.
    table: HashTable<(u32, u32)>,
    /// The record of the last event added, and its hash's 32 bits: rows one after another
    /// often belong to one record.
    last_record: Option<(u32, u32)>,
    ids: String,
    /// Each record's end in `ids` and last event.
    records: Chunked<RecordSlot>,
    /// The events, each in one slot: a record's events are followed one cache line each.
    slots: Chunked<Slot>,
    raw_texts: HashMap<u32, Box<str>>,
    raw_text_bytes: usize,
    calendars: Vec<String>,
    calendar_index: HashMap<String, u16>,
    /// The code last looked up.
    last_calendar: Option<u16>,
    /// Codes found lately, by a cheap hash of their names (see `recent_slot`), checked
    /// against the name before use: a few dozen names are found without hashing them.
    recent_calendars: Recent,
    calendar_bytes: usize,
    /// Calendar names that did not fit the table, by event index (in event order).
    overflow: Vec<(u32, String)>,
    overflow_bytes: usize,
}

/// An event in the store.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// Nanoseconds since 1970.
    at: i64,
    /// The line, calendar code and event (see `EVENT_BITS`).
    packed: u64,
    /// The layout of the instant's text; `NONE` when it is in `raw_texts`.
    raw: u32,
    /// The record's event before, or `NONE`: adding an event writes only its own slot and
    /// its record's.
    previous: u32,
}

/// A record in the store.
#[derive(Clone, Copy, Debug)]
struct RecordSlot {
    /// The end of its id in the ids' text.
    id_end: u64,
    /// Its last event.
    last: u32,
}

/// A record's event as the store gives it back: line, calendar name, event, instant, and the
/// instant's text as written.
type StoredEvent<'a> = (u64, &'a str, EventId, Instant, RawText<'a>);

impl Store {
    /// The number of records.
    pub(crate) fn records(&self) -> usize {
        self.records.len
    }

    /// The number of events.
    pub(crate) fn events(&self) -> usize {
        self.slots.len
    }

    /// The memory the store holds, in bytes, with what sorting its records would take.
    pub(crate) fn memory(&self) -> usize {
        self.ids.capacity()
            + self.records.bytes()
            + self.slots.bytes()
            + self.raw_text_bytes
            + self.table.capacity() * (std::mem::size_of::<(u32, u32)>() + 1)
            + self.calendar_bytes * 3
            + self.calendars.len() * 64
            + self.overflow_bytes
            + self.records() * std::mem::size_of::<(u64, u32)>()
    }

    /// True when the store cannot take another event (its indices are 32 bits).
    pub(crate) fn is_full(&self) -> bool {
        self.records() >= MAX_ITEMS || self.events() >= MAX_ITEMS
    }

    /// Forgets the records and events, keeping the calendar names (their codes stay valid in
    /// the runs on disk).
    pub(crate) fn clear(&mut self) {
        self.table.clear();
        self.last_record = None;
        self.ids.clear();
        self.ids.shrink_to(1 << 20);
        self.records.clear();
        self.slots.clear();
        self.raw_texts = HashMap::new();
        self.raw_text_bytes = 0;
        self.overflow.clear();
        self.overflow.shrink_to_fit();
        self.overflow_bytes = 0;
    }

    fn id(&self, record: usize) -> &str {
        let end = self.records.get(record).id_end as usize;
        let start = if record == 0 {
            0
        } else {
            self.records.get(record - 1).id_end as usize
        };
        self.ids.get(start..end).unwrap_or("")
    }

    /// The code of a calendar name: its place in the table, or [`OVERFLOW`] when the table is
    /// full.
    fn calendar_code(&mut self, calendar: &str) -> u16 {
        // Rows one after another mostly name the same calendar: no hashing then.
        if let Some(code) = self.last_calendar
            && (self.calendars.get(usize::from(code)))
                .is_some_and(|known| same_text(known, calendar))
        {
            return code;
        }
        let slot = recent_slot(calendar);
        let recent = self.recent_calendars.0[slot];
        if (self.calendars.get(usize::from(recent))).is_some_and(|known| same_text(known, calendar))
        {
            self.last_calendar = Some(recent);
            return recent;
        }
        if let Some(&index) = self.calendar_index.get(calendar) {
            self.last_calendar = Some(index);
            self.recent_calendars.0[slot] = index;
            return index;
        }
        if self.calendars.len() >= usize::from(OVERFLOW)
            || self.calendar_bytes + calendar.len() > MAX_CALENDAR_BYTES
        {
            return OVERFLOW;
        }
        // Fewer than OVERFLOW names, so the index fits.
        let index = self.calendars.len() as u16;
        self.calendars.push(calendar.to_owned());
        self.calendar_index.insert(calendar.to_owned(), index);
        self.calendar_bytes += calendar.len();
        index
    }

    fn calendar_name(&self, code: u16, event: usize) -> &str {
        if code == OVERFLOW {
            let at = self
                .overflow
                .binary_search_by_key(&(event as u32), |(e, _)| *e);
            return at.map_or("", |i| self.overflow[i].1.as_str());
        }
        self.calendars
            .get(usize::from(code))
            .map_or("", String::as_str)
    }

    /// Adds an event row of a record (the tests' form of [`Store::add_hashed`]).
    #[cfg(test)]
    pub(crate) fn add(
        &mut self,
        id: &str,
        calendar: &str,
        line: u64,
        event: EventId,
        at: Instant,
        text: RawText<'_>,
    ) -> Result<(), Error> {
        let hash = self.hasher.hash_one(id);
        self.add_hashed(hash, id, calendar, line, event, at, text)
    }

    /// The hasher of the record ids: [`Store::add_hashed`] takes `hash_one(id)` of it, so
    /// that threads reading rows can hash their ids while one thread groups them.
    pub(crate) fn id_hasher(&self) -> RandomState {
        self.hasher.clone()
    }

    /// Adds an event row of a record, with `hash` the id's hash by [`Store::id_hasher`]. The
    /// caller spills the store before it [is full](Store::is_full).
    ///
    /// # Errors
    ///
    /// An input error for a line past [`MAX_LINE`] or an instant outside the years 1677 to
    /// 2262 (rows are checked to be within 1900..=2199 before); a data error for a full store.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn add_hashed(
        &mut self,
        hash: u64,
        id: &str,
        calendar: &str,
        line: u64,
        event: EventId,
        at: Instant,
        text: RawText<'_>,
    ) -> Result<(), Error> {
        if line > MAX_LINE {
            return Err(Error::input(format!(
                "the event log has more than {MAX_LINE} lines, more than grouping by record \
                 keeps; group its rows by record and read it as grouped"
            ))
            .with_detail(Detail::GroupedInputNeeded));
        }
        // Nanoseconds since 1970 fit 64 bits from 1677 to 2262; rows are within 1900..=2199.
        let nanos = i64::try_from(at.unix_nanos()).map_err(|_| {
            Error::input(format!(
                "the event log has an instant out of range (`{at}`) to group by record; group \
                 its rows by record and read it as grouped"
            ))
            .with_detail(Detail::GroupedInputNeeded)
        })?;
        let event_index = u32::try_from(self.slots.len)
            .ok()
            .filter(|&i| i != NONE)
            .ok_or_else(|| Error::data("internal error: the event store is full"))?;
        let calendar_code = self.calendar_code(calendar);
        if calendar_code == OVERFLOW {
            self.overflow.push((event_index, calendar.to_owned()));
            self.overflow_bytes += calendar.len() + std::mem::size_of::<(u32, String)>();
        }
        let short = hash as u32;
        let record = {
            let Store {
                table,
                ids,
                records,
                last_record,
                ..
            } = self;
            let id_of = |record: u32| {
                let record = record as usize;
                let end = records.get(record).id_end as usize;
                let start = if record == 0 {
                    0
                } else {
                    records.get(record - 1).id_end as usize
                };
                &ids[start..end]
            };
            let found = match *last_record {
                Some((record, last)) if last == short && same_text(id_of(record), id) => {
                    Some(record)
                }
                _ => table
                    .find(table_hash(short), |&(r, h)| {
                        h == short && same_text(id_of(r), id)
                    })
                    .map(|&(record, _)| record),
            };
            match found {
                Some(record) => record,
                None => {
                    let record = u32::try_from(records.len)
                        .ok()
                        .filter(|&r| r != NONE)
                        .ok_or_else(|| Error::data("internal error: the record store is full"))?;
                    table
                        .insert_unique(table_hash(short), (record, short), |&(_, h)| table_hash(h));
                    ids.push_str(id);
                    records.push(RecordSlot {
                        id_end: ids.len() as u64,
                        last: NONE,
                    });
                    record
                }
            }
        };
        self.last_record = Some((record, short));
        let raw = match text {
            RawText::Word(word) => word,
            RawText::Text(text) => {
                self.raw_texts.insert(event_index, Box::from(text));
                // The text, and a slot of the table (key, pointer and length, control byte)
                // at most 7/8 full.
                self.raw_text_bytes += text.len() + 32;
                NONE
            }
        };
        self.slots.push(Slot {
            at: nanos,
            packed: line << (EVENT_BITS + CALENDAR_BITS)
                | u64::from(calendar_code) << EVENT_BITS
                | event.index() as u64,
            raw,
            previous: self.records.get(record as usize).last,
        });
        self.records
            .update(record as usize, |slot| slot.last = event_index);
        Ok(())
    }

    /// The records in the byte order of their ids.
    pub(crate) fn sorted(&self) -> Vec<u32> {
        let n = self.records();
        if n == 0 {
            return Vec::new();
        }
        // Sorted by the 8 bytes after the prefix all ids share (ids of one export mostly
        // differ there), then by the whole id where those are equal.
        let first = self.id(0).as_bytes();
        let mut common = first.len();
        for record in 1..n {
            if common == 0 {
                break;
            }
            let id = self.id(record).as_bytes();
            common = first[..common]
                .iter()
                .zip(id)
                .take_while(|(a, b)| a == b)
                .count();
        }
        let key = |id: &[u8]| {
            let rest = id.get(common..).unwrap_or_default();
            let mut bytes = [0u8; 8];
            let length = rest.len().min(8);
            bytes[..length].copy_from_slice(&rest[..length]);
            u64::from_be_bytes(bytes)
        };
        // Fewer than u32::MAX records (see `is_full`).
        let mut keyed: Vec<(u64, u32)> = (0..n)
            .map(|record| (key(self.id(record).as_bytes()), record as u32))
            .collect();
        keyed.sort_unstable_by_key(|&(key, _)| key);
        let mut start = 0;
        while start < n {
            let end = start
                + keyed[start..]
                    .iter()
                    .take_while(|(key, _)| *key == keyed[start].0)
                    .count();
            if end - start > 1 {
                keyed[start..end].sort_unstable_by(|a, b| {
                    self.id(a.1 as usize)
                        .as_bytes()
                        .cmp(self.id(b.1 as usize).as_bytes())
                });
            }
            start = end;
        }
        keyed.into_iter().map(|(_, record)| record).collect()
    }

    /// Visits a record's events in input order.
    fn each_event<'a>(
        &'a self,
        record: usize,
        events: &[EventId],
        visit: &mut dyn FnMut(StoredEvent<'a>),
    ) {
        self.each_index(record, |index| {
            let slot = self.slots.get(index);
            let packed = slot.packed;
            let line = packed >> (EVENT_BITS + CALENDAR_BITS);
            let code = ((packed >> EVENT_BITS) & ((1 << CALENDAR_BITS) - 1)) as u16;
            let event = events[(packed & ((1 << EVENT_BITS) - 1)) as usize];
            // Instants were valid when stored.
            let at = Instant::from_unix_nanos(i128::from(slot.at)).unwrap_or(Instant::EPOCH);
            let text = match slot.raw {
                NONE => RawText::Text(self.raw_texts.get(&(index as u32)).map_or("", |text| text)),
                word => RawText::Word(word),
            };
            visit((line, self.calendar_name(code, index), event, at, text));
        });
    }

    /// Visits the indices of a record's events in input order.
    fn each_index(&self, record: usize, mut visit: impl FnMut(usize)) {
        // The events are linked from the last; most records have a few.
        let mut few = [0u32; 16];
        let mut many: Vec<u32> = Vec::new();
        let mut n = 0;
        let mut at = self.records.get(record).last;
        while at != NONE {
            if n < few.len() {
                few[n] = at;
            } else {
                if many.is_empty() {
                    many.extend_from_slice(&few);
                }
                many.push(at);
            }
            n += 1;
            at = self.slots.get(at as usize).previous;
        }
        let indices = if many.is_empty() { &few[..n] } else { &many };
        for &index in indices.iter().rev() {
            visit(index as usize);
        }
    }

    /// Appends a record's events as they are kept in a run, in input order, and gives their
    /// number. Per event: line, calendar code (and the name when it is not in the table),
    /// event, instant (its nanoseconds since the epoch in 8 bytes: the test
    /// `issue_9_a_spilled_log_gives_what_one_held_in_memory_gives` notices a fraction of a
    /// second lost on the way), the layout word of the instant's text (and the text when no
    /// word fits it).
    fn encode_events(&self, record: usize, events: &[EventId], out: &mut Vec<u8>) -> u64 {
        let mut count = 0;
        self.each_index(record, |index| {
            count += 1;
            let slot = self.slots.get(index);
            let packed = slot.packed;
            varint(out, packed >> (EVENT_BITS + CALENDAR_BITS));
            let code = ((packed >> EVENT_BITS) & ((1 << CALENDAR_BITS) - 1)) as u16;
            varint(out, u64::from(code));
            if code == OVERFLOW {
                let name = self.calendar_name(code, index);
                varint(out, name.len() as u64);
                out.extend_from_slice(name.as_bytes());
            }
            let event = events[(packed & ((1 << EVENT_BITS) - 1)) as usize];
            out.push(event.index() as u8);
            out.extend_from_slice(&slot.at.to_le_bytes());
            match slot.raw {
                NONE => {
                    let text = self.raw_texts.get(&(index as u32)).map_or("", |text| text);
                    varint(out, u64::from(NONE));
                    varint(out, text.len() as u64);
                    out.extend_from_slice(text.as_bytes());
                }
                word => varint(out, u64::from(word)),
            }
        });
        count
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
        self.each_event(record, events, &mut |(line, calendar, event, at, text)| {
            group.add_stored(line, calendar, (event, at), text, zone);
        });
    }
}

/// Runs of records sorted by id, spilled to a temporary folder, and merged back.
pub(crate) struct Spill {
    dir: tempfile::TempDir,
    /// Held while the folder is in use: a later run removes the folder only when it is free.
    _lock: Option<File>,
    runs: Vec<PathBuf>,
    /// The calendar names of the store, for the codes in the runs.
    calendars: Vec<String>,
}

impl std::fmt::Debug for Spill {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spill")
            .field("dir", &self.dir.path())
            .field("runs", &self.runs.len())
            .finish_non_exhaustive()
    }
}

/// The start of the names of spill folders.
const SPILL_PREFIX: &str = ".slacal-spill-";

impl Spill {
    /// A temporary folder in `parent` for the runs; stale folders of runs that were killed
    /// are removed first.
    pub(crate) fn create(parent: &Path) -> Result<Spill, Error> {
        remove_stale(parent, SPILL_PREFIX.as_ref());
        let dir = tempfile::Builder::new()
            .prefix(&format!("{SPILL_PREFIX}{}-", std::process::id()))
            .tempdir_in(parent)
            .map_err(|e| {
                io_error(
                    format!(
                        "creating a temporary folder in `{}` to sort the event log (choose \
                         another folder, or a memory budget that holds the log)",
                        parent.display()
                    ),
                    &e,
                )
                .with_detail(Detail::SpillFolder)
            })?;
        register_dir(dir.path())?;
        let lock = File::open(dir.path()).ok();
        if let Some(file) = &lock {
            #[cfg(unix)]
            {
                let _ = rustix::fs::flock(file, rustix::fs::FlockOperation::LockExclusive);
            }
            #[cfg(not(unix))]
            let _ = file;
        }
        Ok(Spill {
            dir,
            _lock: lock,
            runs: Vec::new(),
            calendars: Vec::new(),
        })
    }

    /// How many runs are on disk.
    #[cfg(test)]
    pub(crate) fn runs(&self) -> usize {
        self.runs.len()
    }

    fn write_error(&self, e: &io::Error) -> Error {
        io_error(
            format!(
                "writing a sorted run of the event log in `{}`",
                self.dir.path().display()
            ),
            e,
        )
    }

    /// Writes the store's records, sorted by id, as a run, and empties the store.
    pub(crate) fn write_run(&mut self, store: &mut Store, events: &[EventId]) -> Result<(), Error> {
        let path = self.dir.path().join(format!("run-{}", self.runs.len()));
        let file = File::create(&path).map_err(|e| self.write_error(&e))?;
        let mut out = BufWriter::with_capacity(RUN_BUFFER, file);
        let mut buffer = Vec::with_capacity(1 << 12);
        let mut body = Vec::with_capacity(1 << 12);
        for record in store.sorted() {
            let record = record as usize;
            buffer.clear();
            body.clear();
            let id = store.id(record);
            let count = store.encode_events(record, events, &mut body);
            write_header(&mut buffer, id.as_bytes(), count, body.len());
            out.write_all(&buffer).map_err(|e| self.write_error(&e))?;
            out.write_all(&body).map_err(|e| self.write_error(&e))?;
        }
        out.flush().map_err(|e| self.write_error(&e))?;
        self.runs.push(path);
        self.calendars.clone_from(&store.calendars);
        store.clear();
        Ok(())
    }

    /// Merges the runs, in passes of at most [`MAX_FAN_IN`], into one stream of records in
    /// id order, with the records `store` still holds (its events come after those of the
    /// runs, written earlier); `zone` is the zone local times were read in. The merge gives
    /// jobs of records, and the decoder turns them into groups of rows on any thread.
    pub(crate) fn merge<'a>(
        mut self,
        events: Vec<EventId>,
        zone: Option<chrono_tz::Tz>,
        store: Option<&'a Store>,
    ) -> Result<(Merge<'a>, Decoder<'a>), Error> {
        while self.runs.len() > MAX_FAN_IN {
            let mut merged = Vec::new();
            for (n, group) in self.runs.chunks(MAX_FAN_IN).enumerate() {
                let path = self.dir.path().join(format!("run-{}-{n}", self.runs.len()));
                let mut merge = Merge::open(group, None)?;
                let file = File::create(&path).map_err(|e| self.write_error(&e))?;
                let mut out = BufWriter::with_capacity(RUN_BUFFER, file);
                let mut record = Vec::new();
                while merge.next_raw(&mut record)? {
                    out.write_all(&record).map_err(|e| self.write_error(&e))?;
                }
                out.flush().map_err(|e| self.write_error(&e))?;
                merged.push(path);
                for old in group {
                    let _ = std::fs::remove_file(old);
                }
            }
            self.runs = merged;
        }
        // The store's calendar table holds every code the runs use, and the names it added
        // after the last run.
        let calendars = match store {
            Some(store) => store.calendars.clone(),
            None => self.calendars.clone(),
        };
        let mut merge = Merge::open(&self.runs, store.filter(|store| store.records() > 0))?;
        merge.spill = Some(self);
        let decoder = Decoder {
            events,
            calendars,
            zone,
            store,
        };
        Ok((merge, decoder))
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        // The folder itself is removed by its own drop.
        unregister_dir(self.dir.path());
    }
}

/// Appends an unsigned LEB128 number.
fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends the head of a record in a run: its id, its event count and the length of its
/// events as written (so that a reader takes them in one piece).
fn write_header(out: &mut Vec<u8>, id: &[u8], count: u64, body: usize) {
    varint(out, id.len() as u64);
    out.extend_from_slice(id);
    varint(out, count);
    varint(out, body as u64);
}

fn decode_instant(bytes: [u8; 8]) -> Instant {
    // Instants were valid when written.
    Instant::from_unix_nanos(i128::from(i64::from_le_bytes(bytes))).unwrap_or(Instant::EPOCH)
}

/// A run being read: its current record's id and encoded events.
struct RunReader {
    input: BufReader<File>,
    /// The current record: its id, and its events as written.
    id: Vec<u8>,
    body: Vec<u8>,
    count: u64,
}

fn read_error(e: &io::Error) -> Error {
    io_error("reading a sorted run of the event log".to_owned(), e)
}

fn read_varint(input: &mut impl Read) -> io::Result<Option<u64>> {
    let mut value = 0u64;
    let mut shift = 0;
    let mut byte = [0u8];
    loop {
        match input.read(&mut byte)? {
            0 if shift == 0 => return Ok(None),
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            _ => {}
        }
        if shift > 63 {
            return Err(io::ErrorKind::InvalidData.into());
        }
        value |= u64::from(byte[0] & 0x7f) << shift;
        if byte[0] & 0x80 == 0 {
            return Ok(Some(value));
        }
        shift += 7;
    }
}

/// [`read_varint`] from the reader's buffer when the number is whole in it.
fn read_varint_buffered(input: &mut BufReader<File>) -> io::Result<Option<u64>> {
    let buffer = input.fill_buf()?;
    if buffer.is_empty() {
        return Ok(None);
    }
    let mut value = 0u64;
    for (n, &byte) in buffer.iter().take(10).enumerate() {
        value |= u64::from(byte & 0x7f) << (7 * n);
        if byte & 0x80 == 0 {
            input.consume(n + 1);
            return Ok(Some(value));
        }
    }
    // Cut by the end of the buffer (or too long): byte by byte.
    read_varint(input)
}

/// An unsigned LEB128 number from the front of `body`.
fn take_varint(body: &mut &[u8]) -> io::Result<u64> {
    let mut value = 0u64;
    for (n, &byte) in body.iter().take(10).enumerate() {
        value |= u64::from(byte & 0x7f) << (7 * n);
        if byte & 0x80 == 0 {
            *body = &body[n + 1..];
            return Ok(value);
        }
    }
    Err(if body.len() < 10 {
        io::ErrorKind::UnexpectedEof
    } else {
        io::ErrorKind::InvalidData
    }
    .into())
}

fn need(value: io::Result<Option<u64>>) -> io::Result<u64> {
    value?.ok_or_else(|| io::ErrorKind::UnexpectedEof.into())
}

/// Takes `length` bytes from the front of `body`.
fn take_bytes<'a>(body: &mut &'a [u8], length: u64) -> io::Result<&'a [u8]> {
    let length = usize::try_from(length).map_err(|_| io::ErrorKind::InvalidData)?;
    if length > body.len() {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let (taken, rest) = body.split_at(length);
    *body = rest;
    Ok(taken)
}

/// Reads `length` bytes into `out`, which it resizes.
fn read_into(input: &mut BufReader<File>, out: &mut Vec<u8>, length: u64) -> io::Result<()> {
    let length = usize::try_from(length).map_err(|_| io::ErrorKind::InvalidData)?;
    out.clear();
    if let Some(bytes) = input.buffer().get(..length) {
        out.extend_from_slice(bytes);
        input.consume(length);
        return Ok(());
    }
    out.resize(length, 0);
    input.read_exact(out)
}

impl RunReader {
    /// Reads the next record; false at the end of the run.
    fn advance(&mut self) -> io::Result<bool> {
        let Some(length) = read_varint_buffered(&mut self.input)? else {
            return Ok(false);
        };
        read_into(&mut self.input, &mut self.id, length)?;
        self.count = need(read_varint_buffered(&mut self.input))?;
        let length = need(read_varint_buffered(&mut self.input))?;
        // The events are kept as they are, to be decoded (or written again) after the merge.
        read_into(&mut self.input, &mut self.body, length)?;
        Ok(true)
    }
}

/// Records of a merge handed on together: their ids and the events of their parts in the
/// runs, as written, and for each whether the store holds more of its events.
#[derive(Debug, Default)]
pub(crate) struct MergedJob {
    bytes: Vec<u8>,
    records: Vec<MergedRecord>,
    /// Events in the runs' parts, plus one per record the store holds.
    events: usize,
}

#[derive(Clone, Debug)]
struct MergedRecord {
    /// Where the id is in the bytes.
    id: std::ops::Range<usize>,
    /// Where the events from the runs are in the bytes (in run order), and how many.
    body: std::ops::Range<usize>,
    count: u64,
    /// The store's record with the id, whose events come after, or `NONE`.
    stored: u32,
}

impl MergedJob {
    /// The number of records.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.records.clear();
        self.events = 0;
    }
}

/// The records of several runs, and of the store after them, merged in id order; the parts
/// of a record from several runs are joined in run order, so its events stay in input order.
pub(crate) struct Merge<'a> {
    readers: Vec<RunReader>,
    /// The store's records in id order, and the place of the next one.
    memory: Option<(&'a Store, Vec<u32>)>,
    next_memory: usize,
    /// The sources with a current record (runs by index, then the store), a binary heap by
    /// `(id, source)`, smallest first.
    heap: Vec<usize>,
    parts: Vec<usize>,
    /// Kept until the merge is done: its drop removes the folder.
    spill: Option<Spill>,
}

impl<'a> Merge<'a> {
    fn open(runs: &[PathBuf], store: Option<&'a Store>) -> Result<Merge<'a>, Error> {
        let mut merge = Merge {
            readers: Vec::with_capacity(runs.len()),
            memory: store.map(|store| (store, store.sorted())),
            next_memory: 0,
            heap: Vec::with_capacity(runs.len() + 1),
            parts: Vec::new(),
            spill: None,
        };
        for (n, path) in runs.iter().enumerate() {
            let file = File::open(path).map_err(|e| read_error(&e))?;
            let mut reader = RunReader {
                input: BufReader::with_capacity(RUN_BUFFER, file),
                id: Vec::new(),
                body: Vec::new(),
                count: 0,
            };
            let more = reader.advance().map_err(|e| read_error(&e))?;
            merge.readers.push(reader);
            if more {
                merge.push(n);
            }
        }
        if merge
            .memory
            .as_ref()
            .is_some_and(|(_, order)| !order.is_empty())
        {
            merge.push(runs.len());
        }
        Ok(merge)
    }

    /// The current id of a source.
    fn id(&self, source: usize) -> &[u8] {
        match self.readers.get(source) {
            Some(reader) => &reader.id,
            None => match &self.memory {
                Some((store, order)) => order
                    .get(self.next_memory)
                    .map_or(&[], |&record| store.id(record as usize).as_bytes()),
                None => &[],
            },
        }
    }

    fn less(&self, a: usize, b: usize) -> bool {
        (self.id(a), a) < (self.id(b), b)
    }

    fn push(&mut self, source: usize) {
        self.heap.push(source);
        let mut at = self.heap.len() - 1;
        while at > 0 {
            let parent = (at - 1) / 2;
            if !self.less(self.heap[at], self.heap[parent]) {
                break;
            }
            self.heap.swap(at, parent);
            at = parent;
        }
    }

    fn pop(&mut self) -> Option<usize> {
        let last = self.heap.len().checked_sub(1)?;
        self.heap.swap(0, last);
        let top = self.heap.pop();
        let mut at = 0;
        loop {
            let (left, right) = (2 * at + 1, 2 * at + 2);
            let mut smallest = at;
            if left < self.heap.len() && self.less(self.heap[left], self.heap[smallest]) {
                smallest = left;
            }
            if right < self.heap.len() && self.less(self.heap[right], self.heap[smallest]) {
                smallest = right;
            }
            if smallest == at {
                break;
            }
            self.heap.swap(at, smallest);
            at = smallest;
        }
        top
    }

    /// Takes the next record's sources into `parts`, in source order; false when none is
    /// left. The caller takes the parts' events and then calls [`Merge::step`].
    fn next_parts(&mut self) -> bool {
        self.parts.clear();
        let Some(first) = self.pop() else {
            return false;
        };
        self.parts.push(first);
        while let Some(&top) = self.heap.first() {
            if self.id(top) != self.id(first) {
                break;
            }
            self.pop();
            self.parts.push(top);
        }
        // Popped by `(id, source)`: in source order already.
        true
    }

    /// Moves the sources of `parts` on to their next records.
    fn step(&mut self) -> Result<(), Error> {
        for n in 0..self.parts.len() {
            let source = self.parts[n];
            let more = match self.readers.get_mut(source) {
                Some(reader) => reader.advance().map_err(|e| read_error(&e))?,
                None => {
                    self.next_memory += 1;
                    self.memory
                        .as_ref()
                        .is_some_and(|(_, order)| self.next_memory < order.len())
                }
            };
            if more {
                self.push(source);
            }
        }
        Ok(())
    }

    /// The next record as it is written in a run (a merge of runs only), into `out`; false
    /// at the end.
    fn next_raw(&mut self, out: &mut Vec<u8>) -> Result<bool, Error> {
        if !self.next_parts() {
            return Ok(false);
        }
        out.clear();
        let (mut count, mut length) = (0u64, 0usize);
        for &run in &self.parts {
            if let Some(reader) = self.readers.get(run) {
                count += reader.count;
                length += reader.body.len();
            }
        }
        write_header(out, self.id(self.parts[0]), count, length);
        for &run in &self.parts {
            if let Some(reader) = self.readers.get(run) {
                out.extend_from_slice(&reader.body);
            }
        }
        self.step()?;
        Ok(true)
    }

    /// Fills `job` with the next records, until it holds `records` of them or `events`
    /// events; false when none is left.
    pub(crate) fn fill(
        &mut self,
        job: &mut MergedJob,
        records: usize,
        events: usize,
    ) -> Result<bool, Error> {
        job.clear();
        while job.records.len() < records && job.events < events {
            if !self.next_parts() {
                break;
            }
            let start = job.bytes.len();
            job.bytes.extend_from_slice(self.id(self.parts[0]));
            let id = start..job.bytes.len();
            let (mut count, mut stored) = (0u64, NONE);
            for &source in &self.parts {
                match self.readers.get(source) {
                    Some(reader) => {
                        count += reader.count;
                        job.bytes.extend_from_slice(&reader.body);
                    }
                    None => {
                        if let Some((_, order)) = &self.memory {
                            stored = order.get(self.next_memory).copied().unwrap_or(NONE);
                        }
                        job.events += 1;
                    }
                }
            }
            job.events = job
                .events
                .saturating_add(usize::try_from(count).unwrap_or(usize::MAX));
            job.records.push(MergedRecord {
                id: id.clone(),
                body: id.end..job.bytes.len(),
                count,
                stored,
            });
            self.step()?;
        }
        Ok(!job.records.is_empty())
    }
}

/// Turns the records of a merge into groups of rows: shared by the threads that evaluate.
pub(crate) struct Decoder<'a> {
    events: Vec<EventId>,
    calendars: Vec<String>,
    /// The zone local times were read in, for the texts of their instants.
    zone: Option<chrono_tz::Tz>,
    store: Option<&'a Store>,
}

impl Decoder<'_> {
    /// Fills `group` with the rows of the job's `index`-th record (one per event, in input
    /// order), with its instants' texts as written.
    pub(crate) fn group(
        &self,
        job: &MergedJob,
        index: usize,
        group: &mut Group,
    ) -> Result<(), Error> {
        let record = job
            .records
            .get(index)
            .ok_or_else(|| Error::data("internal error: no such merged record"))?;
        group.clear();
        let id = job.bytes.get(record.id.clone()).unwrap_or_default();
        match std::str::from_utf8(id) {
            Ok(id) => group.id.push_str(id),
            Err(_) => group.id.push_str(&String::from_utf8_lossy(id)),
        }
        let body = job.bytes.get(record.body.clone()).unwrap_or_default();
        self.decode(body, record.count, group)
            .map_err(|e| read_error(&e))?;
        if record.stored != NONE
            && let Some(store) = self.store
        {
            store.each_event(record.stored as usize, &self.events, &mut |(
                line,
                calendar,
                event,
                at,
                text,
            )| {
                group.add_stored(line, calendar, (event, at), text, self.zone);
            });
        }
        Ok(())
    }

    /// Adds `count` events as written in a run to `group`.
    fn decode(&self, mut body: &[u8], count: u64, group: &mut Group) -> io::Result<()> {
        for _ in 0..count {
            let line = take_varint(&mut body)?;
            let code = take_varint(&mut body)?;
            let calendar = if code == u64::from(OVERFLOW) {
                let length = take_varint(&mut body)?;
                let name = take_bytes(&mut body, length)?;
                String::from_utf8_lossy(name)
            } else {
                std::borrow::Cow::Borrowed(
                    self.calendars
                        .get(usize::try_from(code).unwrap_or(usize::MAX))
                        .map_or("", String::as_str),
                )
            };
            let Some((&event, rest)) = body.split_first() else {
                return Err(io::ErrorKind::UnexpectedEof.into());
            };
            let Some((at, rest)) = rest.split_first_chunk::<8>() else {
                return Err(io::ErrorKind::UnexpectedEof.into());
            };
            body = rest;
            let word = take_varint(&mut body)?;
            let text = if word == u64::from(NONE) {
                let length = take_varint(&mut body)?;
                let text = take_bytes(&mut body, length)?;
                Some(String::from_utf8_lossy(text))
            } else {
                None
            };
            let text = match &text {
                Some(text) => RawText::Text(text),
                None => RawText::Word(
                    u32::try_from(word).map_err(|_| io::Error::from(io::ErrorKind::InvalidData))?,
                ),
            };
            let event = self
                .events
                .get(usize::from(event))
                .copied()
                .ok_or_else(|| io::Error::from(io::ErrorKind::InvalidData))?;
            group.add_stored(
                line,
                &calendar,
                (event, decode_instant(*at)),
                text,
                self.zone,
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    #[test]
    fn ids_are_the_same_exactly_when_their_texts_are() {
        let ids: Vec<String> = (0..=20)
            .flat_map(|length| {
                let base = "offer-0123456789abcdefghij"[..length].to_owned();
                // The same, and one byte changed at each place.
                let mut variants = vec![base.clone()];
                for at in 0..length {
                    let mut bytes = base.clone().into_bytes();
                    bytes[at] = b'#';
                    variants.push(String::from_utf8(bytes).expect("ASCII"));
                }
                variants
            })
            .collect();
        for a in &ids {
            for b in &ids {
                assert_eq!(same_text(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    /// Instants in several layouts: with a fraction of a second, and with an offset that has
    /// seconds (its text is kept, no layout word fits it).
    const ROWS: [(&str, &str, u64, &str, &str); 6] = [
        ("b", "", 2, "submitted", "2026-11-20T09:00:00Z"),
        ("a", "DE", 3, "submitted", "2026-11-21 10:00+01:00"),
        ("b", "US", 4, "live", "2026-11-25T09:00:00Z"),
        ("a", "DE", 5, "go_live", "2026-11-24T09:19:32+00:19:32"),
        ("c", "", 6, "live", "2026-11-26T09:00:00.123456789Z"),
        ("c", "", 7, "go_live", "2026-11-27T01:00:00,5-0800"),
    ];

    fn at(text: &str) -> Instant {
        Instant::parse(text).unwrap()
    }

    fn fill(store: &mut Store, policy: &Policy, rows: &[(&str, &str, u64, &str, &str)]) {
        for &(id, calendar, line, event, when) in rows {
            let text = match raw::encode(when, at(when), None) {
                Some(word) => RawText::Word(word),
                None => RawText::Text(when),
            };
            store
                .add(
                    id,
                    calendar,
                    line,
                    policy.event(event).unwrap(),
                    at(when),
                    text,
                )
                .unwrap();
        }
    }

    #[test]
    fn events_come_back_grouped_by_record_in_input_order() {
        let policy = Policy::builtin("marketplace").unwrap();
        let events: Vec<EventId> = policy.events().map(|(id, _)| id).collect();
        let mut store = Store::default();
        fill(&mut store, &policy, &ROWS);
        assert_eq!(store.records(), 3);
        let mut group = Group::default();
        let order = store.sorted();
        store.group(order[1] as usize, &events, None, &mut group);
        assert_eq!(group.id, "b");
        let lines: Vec<u64> = group.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(&group.text[group.rows[1].calendar.clone()], "US");
        store.group(order[0] as usize, &events, None, &mut group);
        assert_eq!(group.id, "a");
        assert_eq!(group.events.len(), 2);
        assert_eq!(group.events[1].0, policy.event("go_live").unwrap());
        assert_eq!(
            group.raw_of(1).as_deref(),
            Some("2026-11-24T09:19:32+00:19:32")
        );
        store.group(order[2] as usize, &events, None, &mut group);
        assert_eq!((group.id.as_str(), group.rows.len()), ("c", 2));
        // Fractions of a second are kept, and the text as written.
        assert_eq!(group.events[0].1, at("2026-11-26T09:00:00.123456789Z"));
        assert_eq!(
            group.raw_of(0).as_deref(),
            Some("2026-11-26T09:00:00.123456789Z")
        );
        assert_eq!(
            group.raw_of(1).as_deref(),
            Some("2026-11-27T01:00:00,5-0800")
        );
    }

    #[test]
    fn runs_merged_from_disk_give_the_records_the_store_gives() {
        let policy = Policy::builtin("marketplace").unwrap();
        let events: Vec<EventId> = policy.events().map(|(id, _)| id).collect();
        let mut whole = Store::default();
        fill(&mut whole, &policy, &ROWS);
        // Every row in a run of its own (every record split across runs), then the last
        // rows left in the store, merged after the runs.
        for kept in [0, 1, 3] {
            let dir = tempfile::tempdir().unwrap();
            let mut spill = Spill::create(dir.path()).unwrap();
            let mut store = Store::default();
            for row in &ROWS[..ROWS.len() - kept] {
                fill(&mut store, &policy, &[*row]);
                spill.write_run(&mut store, &events).unwrap();
            }
            assert_eq!(spill.runs(), ROWS.len() - kept);
            fill(&mut store, &policy, &ROWS[ROWS.len() - kept..]);
            let (mut merge, decoder) = spill.merge(events.clone(), None, Some(&store)).unwrap();
            let (mut got, mut want) = (Group::default(), Group::default());
            let mut job = MergedJob::default();
            let mut order = whole.sorted().into_iter();
            // Jobs of at most two records.
            while merge.fill(&mut job, 2, usize::MAX).unwrap() {
                assert!(job.len() <= 2);
                for n in 0..job.len() {
                    decoder.group(&job, n, &mut got).unwrap();
                    let record = order.next().unwrap();
                    whole.group(record as usize, &events, None, &mut want);
                    assert_eq!(format!("{got:?}"), format!("{want:?}"));
                    // The instants, to the nanosecond, and their texts as written.
                    for (n, &(_, at, _)) in want.events.iter().enumerate() {
                        assert_eq!(got.events[n].1, at);
                        assert!(want.raw_of(n).is_some());
                        assert_eq!(got.raw_of(n), want.raw_of(n));
                    }
                }
            }
            assert!(order.next().is_none(), "every record merged");
            drop(merge);
            assert_eq!(
                std::fs::read_dir(dir.path()).unwrap().count(),
                0,
                "cleaned up"
            );
        }
    }

    #[test]
    fn more_runs_than_the_fan_in_are_merged_in_passes() {
        let policy = Policy::builtin("marketplace").unwrap();
        let events: Vec<EventId> = policy.events().map(|(id, _)| id).collect();
        let submitted = policy.event("submitted").unwrap();
        let at = Instant::parse("2026-11-20T09:00:00Z").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut spill = Spill::create(dir.path()).unwrap();
        let mut store = Store::default();
        // 150 runs of 3 records each; record `r{n % 7}` gets an event in every run.
        let runs = 150u64;
        for run in 0..runs {
            for id in [format!("r{}", run % 7), format!("s{run}"), "t".to_owned()] {
                store
                    .add(&id, "", run + 2, submitted, at, RawText::Word(0))
                    .unwrap();
            }
            spill.write_run(&mut store, &events).unwrap();
        }
        store
            .add("t", "", runs + 2, submitted, at, RawText::Word(0))
            .unwrap();
        let (mut merge, decoder) = spill.merge(events, None, Some(&store)).unwrap();
        let mut job = MergedJob::default();
        let mut group = Group::default();
        let mut got = Vec::new();
        while merge.fill(&mut job, 100, usize::MAX).unwrap() {
            for n in 0..job.len() {
                decoder.group(&job, n, &mut group).unwrap();
                let lines: Vec<u64> = group.rows.iter().map(|row| row.line).collect();
                assert!(lines.is_sorted(), "{}: {lines:?}", group.id);
                got.push((group.id.clone(), lines.len()));
            }
        }
        let mut want: Vec<(String, usize)> = (0..7)
            .map(|n| {
                (
                    format!("r{n}"),
                    (runs as usize).div_ceil(7) - usize::from(n >= runs % 7),
                )
            })
            .chain((0..runs).map(|run| (format!("s{run}"), 1)))
            .chain([("t".to_owned(), runs as usize + 1)])
            .collect();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn records_are_sorted_by_the_bytes_of_their_ids() {
        let policy = Policy::builtin("marketplace").unwrap();
        let submitted = policy.event("submitted").unwrap();
        let at = Instant::parse("2026-11-20T09:00:00Z").unwrap();
        let ids = [
            "offer-10",
            "offer-9",
            "offer-1",
            "offer-1\0",
            "offer-100000000x",
            "offer-100000000",
            "offer-",
            "p",
            "offer-2é",
            "offer-2",
        ];
        let mut store = Store::default();
        for (n, id) in ids.iter().enumerate() {
            store
                .add(id, "", n as u64 + 2, submitted, at, RawText::Word(0))
                .unwrap();
        }
        let got: Vec<&str> = store
            .sorted()
            .iter()
            .map(|&r| store.id(r as usize))
            .collect();
        let mut want = ids.to_vec();
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn issue_9_calendar_names_beyond_the_table_are_kept_with_their_events() {
        let policy = Policy::builtin("marketplace").unwrap();
        let events: Vec<EventId> = policy.events().map(|(id, _)| id).collect();
        let submitted = policy.event("submitted").unwrap();
        let at = Instant::parse("2026-11-20T09:00:00Z").unwrap();
        let mut store = Store::default();
        for n in 0..70_000u64 {
            store
                .add(
                    &format!("r{n}"),
                    &format!("X{n}"),
                    n + 2,
                    submitted,
                    at,
                    RawText::Word(0),
                )
                .unwrap();
        }
        let mut group = Group::default();
        for record in [0usize, 65_534, 65_535, 69_999] {
            store.group(record, &events, None, &mut group);
            let name = &group.text[group.rows[0].calendar.clone()];
            assert_eq!(name, format!("X{record}"));
        }
    }
}
