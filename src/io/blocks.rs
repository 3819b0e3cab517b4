//! Cutting a byte stream into blocks of whole records, so that blocks can be processed on
//! several threads and written back in order.
//!
//! In CSV a line break ends a record unless it is inside a quoted field; a field is quoted when
//! it starts with a quote, and a quote inside it is doubled. [`Quote`] follows these rules as the
//! CSV reader does (a quote in the middle of an unquoted field is an ordinary character), so a
//! block never cuts a record in two, whatever the input. In JSON Lines every line break is a
//! boundary. Memory stays flat: a block is about `block_size` bytes of whole
//! records, and a record longer than the record limit is never buffered whole: it becomes a
//! block of kind [`BlockKind::TooLong`] that holds only its first bytes, or, when a quote
//! opened in it is still open at the limit, [`BlockKind::UnclosedQuote`] that holds its first
//! line (reading goes on from the next line).

use std::io::{self, Read};

/// How records end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Split {
    /// CSV: at a line break outside quotes.
    Csv,
    /// JSON Lines: at every line break.
    Lines,
}

/// Where a CSV scan stands with respect to quotes, as the CSV reader sees them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Quote {
    /// At the start of a field.
    #[default]
    FieldStart,
    /// In a field that does not start with a quote: quotes are ordinary characters.
    Unquoted,
    /// In a quoted field: line breaks and commas are part of it.
    Quoted,
    /// Just after a quote in a quoted field: a second quote is an escaped quote; anything else
    /// means the quote closed the field.
    ClosingOrEscaped,
}

impl Quote {
    /// The state after a byte, and whether the byte ends a record.
    #[inline]
    pub(crate) fn step(self, byte: u8) -> (Quote, bool) {
        match (self, byte) {
            (Quote::Quoted, b'"') => (Quote::ClosingOrEscaped, false),
            (Quote::Quoted, _) => (Quote::Quoted, false),
            (Quote::ClosingOrEscaped, b'"') => (Quote::Quoted, false),
            (_, b'\n') => (Quote::FieldStart, true),
            (_, b',') => (Quote::FieldStart, false),
            (Quote::FieldStart, b'"') => (Quote::Quoted, false),
            _ => (Quote::Unquoted, false),
        }
    }

    /// The state at the end of `bytes`, from the start of a record.
    pub(crate) fn after(bytes: &[u8]) -> Quote {
        bytes
            .iter()
            .fold(Quote::FieldStart, |state, &b| state.step(b).0)
    }
}

/// What a block holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Whole records.
    Records,
    /// One record longer than the limit: `bytes` holds its first bytes only.
    TooLong {
        /// The record's length in bytes.
        length: u64,
        /// How many lines it spans.
        lines: u64,
    },
    /// One CSV line that opens a quote not closed within the record limit: `bytes` holds the
    /// line; reading goes on from the next line.
    UnclosedQuote,
}

/// Whole records of the input, with the line number of the first one.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// Line number (from 1) of the block's first line.
    pub(crate) first_line: u64,
    /// The bytes of whole records (or the start of a record that is too long).
    pub(crate) bytes: Vec<u8>,
    /// What the block holds.
    pub(crate) kind: BlockKind,
    /// True for the last block of the input.
    pub(crate) last: bool,
}

/// How many bytes of a record that is too long are kept, to show it in the rejects.
const KEPT_PREFIX: usize = 256;

/// Byte buffers handed back for another block: a buffer that has held one keeps its pages,
/// where a new one is fresh memory that the kernel faults in and clears page by page.
pub(crate) type Spares = std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>;

/// Buffers a pool of [`Spares`] keeps, at most.
const MAX_SPARES: usize = 64;

/// An empty buffer of at least `capacity` bytes, a spare one when there is one.
pub(crate) fn take_spare(spares: &Spares, capacity: usize) -> Vec<u8> {
    match spares.lock().ok().and_then(|mut spares| spares.pop()) {
        Some(mut buffer) => {
            buffer.clear();
            buffer.reserve(capacity);
            buffer
        }
        None => Vec::with_capacity(capacity),
    }
}

/// Hands a buffer back to `spares` for another block.
pub(crate) fn give_back(spares: &Spares, buffer: Vec<u8>) {
    if let Ok(mut spares) = spares.lock()
        && spares.len() < MAX_SPARES
        && buffer.capacity() > 0
    {
        spares.push(buffer);
    }
}

/// Reads blocks of whole records from a byte stream.
pub(crate) struct BlockReader<R> {
    input: R,
    pending: Vec<u8>,
    split: Split,
    block_size: usize,
    max_record: usize,
    next_line: u64,
    eof: bool,
    /// Where the buffers of the next blocks come from, when the blocks' users give theirs back.
    spares: Option<Spares>,
}

impl<R: Read> BlockReader<R> {
    /// A reader cutting blocks of about `block_size` bytes; a record longer than `max_record`
    /// bytes is not buffered whole.
    pub(crate) fn new(
        input: R,
        split: Split,
        block_size: usize,
        max_record: usize,
    ) -> BlockReader<R> {
        let block_size = block_size.max(1);
        BlockReader {
            input,
            pending: Vec::with_capacity(block_size + (1 << 16)),
            split,
            block_size,
            max_record: max_record.max(1),
            next_line: 1,
            eof: false,
            spares: None,
        }
    }

    /// Takes the buffers of the next blocks from `spares`, where the blocks' users hand them
    /// back ([`give_back`]).
    pub(crate) fn with_spares(mut self, spares: Spares) -> BlockReader<R> {
        self.set_spares(spares);
        self
    }

    /// As [`BlockReader::with_spares`], in place.
    pub(crate) fn set_spares(&mut self, spares: Spares) {
        self.spares = Some(spares);
    }

    /// The first record (the header), with its line break; `None` for an empty input.
    ///
    /// # Errors
    ///
    /// A read error, or invalid data when the first record is longer than the record limit.
    pub(crate) fn header(&mut self) -> io::Result<Option<Block>> {
        let header = self.take(0)?;
        match header {
            Some(block) if block.kind != BlockKind::Records => Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "the first line is longer than {} bytes: not a header",
                    self.max_record
                ),
            )),
            other => Ok(other),
        }
    }

    /// The next block of records, or `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// A read error of the underlying input.
    pub(crate) fn next_block(&mut self) -> io::Result<Option<Block>> {
        self.take(self.block_size)
    }

    /// Changes the size of the next blocks.
    pub(crate) fn set_block_size(&mut self, bytes: usize) {
        self.block_size = bytes.max(1);
    }

    /// The next block of at most about `limit` bytes (a whole first record always), or `None`
    /// at the end of the input.
    fn take(&mut self, limit: usize) -> io::Result<Option<Block>> {
        let mut scanned_to = 0;
        let mut state = Quote::FieldStart;
        loop {
            if let Some(end) = self.boundary(limit, &mut scanned_to, &mut state) {
                return Ok(Some(self.cut(end, BlockKind::Records)));
            }
            if self.eof {
                if self.pending.is_empty() {
                    return Ok(None);
                }
                let end = self.pending.len();
                return Ok(Some(self.cut(end, BlockKind::Records)));
            }
            if self.pending.len() >= limit.max(self.max_record) {
                // No record boundary in the buffer: its first record is at least this long.
                return self.oversized(state == Quote::Quoted).map(Some);
            }
            let want = limit
                .max(self.max_record)
                .saturating_sub(self.pending.len())
                .clamp(1 << 16, 1 << 22);
            self.fill(want)?;
        }
    }

    /// Handles a first record longer than the limit.
    fn oversized(&mut self, quote_open: bool) -> io::Result<Block> {
        if quote_open
            && self.split == Split::Csv
            && let Some(pos) = self.pending.iter().position(|&b| b == b'\n')
        {
            return Ok(self.cut(pos + 1, BlockKind::UnclosedQuote));
        }
        // Skip to the end of the record without keeping it.
        let prefix: Vec<u8> = self.pending[..KEPT_PREFIX.min(self.pending.len())].to_vec();
        let mut length = 0u64;
        let mut lines = 0u64;
        let mut state = Quote::FieldStart;
        loop {
            let mut end = None;
            for (i, &b) in self.pending.iter().enumerate() {
                let ends = match self.split {
                    Split::Csv => {
                        let (next, ends) = state.step(b);
                        state = next;
                        ends
                    }
                    Split::Lines => b == b'\n',
                };
                if b == b'\n' {
                    lines += 1;
                }
                if ends {
                    end = Some(i + 1);
                    break;
                }
            }
            match end {
                Some(end) => {
                    length += end as u64;
                    self.pending.drain(..end);
                    break;
                }
                None => {
                    length += self.pending.len() as u64;
                    self.pending.clear();
                    if self.eof {
                        lines += 1;
                        break;
                    }
                    self.fill(1 << 20)?;
                    if self.eof && self.pending.is_empty() {
                        lines += 1;
                        break;
                    }
                }
            }
        }
        let block = Block {
            first_line: self.next_line,
            bytes: prefix,
            kind: BlockKind::TooLong { length, lines },
            last: self.eof && self.pending.is_empty(),
        };
        self.next_line += lines;
        Ok(block)
    }

    /// Reads up to `want` more bytes of input into `pending`.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        let start = self.pending.len();
        self.pending.resize(start + want, 0);
        let read = loop {
            match self.input.read(&mut self.pending[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.pending.truncate(start);
                    return Err(e);
                }
            }
        };
        self.pending.truncate(start + read);
        self.eof = read == 0;
        Ok(())
    }

    /// The end (after the line break) of the last record boundary in `pending` at or before
    /// `limit` bytes, or of the first boundary past it when there is none before; `None` when
    /// more input is needed. `scanned_to` and `state` carry the scan between calls.
    fn boundary(&self, limit: usize, scanned_to: &mut usize, state: &mut Quote) -> Option<usize> {
        let data = &self.pending;
        if data.len() < limit && !self.eof {
            return None;
        }
        let window = &data[..limit.min(data.len())];
        // Fast path: lines, or no quote at all in the window: the last line break is the
        // boundary.
        if limit > 0
            && (self.split == Split::Lines || !window.contains(&b'"'))
            && let Some(pos) = window.iter().rposition(|&b| b == b'\n')
        {
            return Some(pos + 1);
        }
        let mut quote = *state;
        let mut last_before_limit = None;
        for (i, &b) in data.iter().enumerate().skip(*scanned_to) {
            let ends = match self.split {
                Split::Csv => {
                    let (next, ends) = quote.step(b);
                    quote = next;
                    ends
                }
                Split::Lines => b == b'\n',
            };
            if ends {
                if i < limit {
                    last_before_limit = Some(i + 1);
                } else {
                    return Some(last_before_limit.unwrap_or(i + 1));
                }
            }
        }
        if last_before_limit.is_none() {
            *scanned_to = data.len();
            *state = quote;
        }
        last_before_limit
    }

    /// Cuts the first `end` bytes of `pending` into a block.
    fn cut(&mut self, end: usize, kind: BlockKind) -> Block {
        // The rest goes to the buffer of the next block, sized for it at once.
        let capacity = self.pending.len() - end + self.block_size;
        let mut rest = match &self.spares {
            Some(spares) => take_spare(spares, capacity),
            None => Vec::with_capacity(capacity),
        };
        rest.extend_from_slice(&self.pending[end..]);
        self.pending.truncate(end);
        let bytes = std::mem::replace(&mut self.pending, rest);
        let lines = count_lines(&bytes) as u64;
        let block = Block {
            first_line: self.next_line,
            bytes,
            kind,
            last: self.eof && self.pending.is_empty(),
        };
        self.next_line += lines;
        block
    }
}

/// The number of line feeds in `bytes`: counted in byte-wide sums of at most 255 bytes, which
/// the compiler turns into vector code 32 bytes at a time.
pub(super) fn count_lines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|chunk| {
            let in_chunk = chunk
                .iter()
                .fold(0u8, |sum, &b| sum.wrapping_add(u8::from(b == b'\n')));
            usize::from(in_chunk)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(input: &str, size: usize) -> (Option<String>, Vec<(u64, String)>) {
        let mut reader = BlockReader::new(input.as_bytes(), Split::Csv, size, 1 << 16);
        let header = reader
            .header()
            .unwrap()
            .map(|b| String::from_utf8(b.bytes).unwrap());
        let mut out = Vec::new();
        while let Some(block) = reader.next_block().unwrap() {
            out.push((block.first_line, String::from_utf8(block.bytes).unwrap()));
        }
        (header, out)
    }

    #[test]
    fn a_header_then_blocks_of_whole_records() {
        let input = &b"id,at\n1,\"a\nb\"\n2,c\n"[..];
        let mut reader = BlockReader::new(input, Split::Csv, 1 << 20, 1 << 16);
        let header = reader.header().unwrap().unwrap();
        assert_eq!(header.bytes, b"id,at\n");
        let block = reader.next_block().unwrap().unwrap();
        assert_eq!(
            (block.first_line, &block.bytes[..]),
            (2, &b"1,\"a\nb\"\n2,c\n"[..])
        );
        assert!(reader.next_block().unwrap().is_none());
    }

    #[test]
    fn blocks_end_at_record_boundaries_with_line_numbers() {
        let (header, body) = blocks("a,b\n1,2\n3,4\n5,6", 5);
        assert_eq!(header.as_deref(), Some("a,b\n"));
        let joined: String = body.iter().map(|(_, b)| b.as_str()).collect();
        assert_eq!(joined, "1,2\n3,4\n5,6");
        assert_eq!(body[0].0, 2);
        for (_, block) in &body[..body.len() - 1] {
            assert!(block.ends_with('\n'));
        }
    }

    #[test]
    fn a_line_break_inside_quotes_is_not_a_boundary() {
        let input = "h\n\"x\ny\",1\n\"a\"\"b\nc\",2\nlast\n";
        for size in 1..input.len() + 2 {
            let (header, body) = blocks(input, size);
            assert_eq!(header.as_deref(), Some("h\n"));
            let records: Vec<&str> = body.iter().map(|(_, b)| b.as_str()).collect();
            assert_eq!(
                records.concat(),
                "\"x\ny\",1\n\"a\"\"b\nc\",2\nlast\n",
                "size {size}"
            );
            for block in &records {
                assert_eq!(block.matches('"').count() % 2, 0, "size {size}: {block:?}");
            }
        }
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_an_ordinary_character() {
        // As the CSV reader reads it: `ab"c` is a field with a quote in it, and `"q""` opens a
        // quoted field that goes on to the next line.
        let input = "h\nab\"c,1\nd,2\n\"q\"\"\nr\",3\nlast\n";
        for size in 1..input.len() + 2 {
            let (_, body) = blocks(input, size);
            let records: Vec<&str> = body.iter().map(|(_, b)| b.as_str()).collect();
            assert_eq!(records.concat(), &input[2..], "size {size}");
            assert!(
                !records.iter().any(|b| b.ends_with("\"q\"\"\n")),
                "size {size}: {records:?}"
            );
            if size <= 4 {
                assert!(records.contains(&"ab\"c,1\n"), "size {size}: {records:?}");
            }
        }
    }

    #[test]
    fn empty_input_has_no_header() {
        assert_eq!(blocks("", 8), (None, vec![]));
    }

    #[test]
    fn a_record_over_the_limit_is_skipped_with_its_length_and_lines() {
        // Longer than what one read brings in, so that the reader sees no end to it.
        let long = "x".repeat(300_000);
        let input = format!("h\n1\n{long}\n2\n3\n");
        let mut reader = BlockReader::new(input.as_bytes(), Split::Lines, 4, 100);
        reader.header().unwrap();
        let mut seen = Vec::new();
        while let Some(block) = reader.next_block().unwrap() {
            seen.push((block.first_line, block.kind.clone(), block.bytes.len()));
        }
        assert_eq!(seen[0], (2, BlockKind::Records, 2));
        assert_eq!(
            seen[1],
            (
                3,
                BlockKind::TooLong {
                    length: 300_001,
                    lines: 1
                },
                KEPT_PREFIX
            )
        );
        assert_eq!(seen[2], (4, BlockKind::Records, 4));
        assert_eq!(seen.len(), 3);
    }

    #[test]
    fn an_unclosed_quote_costs_one_line_and_reading_goes_on() {
        let mut input = String::from("h\n1,\"open\n");
        for i in 0..100 {
            input.push_str(&format!("{i},plain\n"));
        }
        let mut reader = BlockReader::new(input.as_bytes(), Split::Csv, 64, 128);
        reader.header().unwrap();
        let first = reader.next_block().unwrap().unwrap();
        assert_eq!(first.kind, BlockKind::UnclosedQuote);
        assert_eq!(first.bytes, b"1,\"open\n");
        let mut lines = 0;
        while let Some(block) = reader.next_block().unwrap() {
            assert_eq!(block.kind, BlockKind::Records);
            lines += count_lines(&block.bytes);
        }
        assert_eq!(lines, 100);
    }

    #[test]
    fn a_header_longer_than_the_limit_is_an_error() {
        let input = "x".repeat(1000);
        let mut reader = BlockReader::new(input.as_bytes(), Split::Csv, 64, 100);
        assert!(reader.header().is_err());
    }
}
