//! Splitting a CSV stream into blocks of whole records, so that blocks can be processed on
//! several threads and written back in order.
//!
//! A block ends at a line break outside quotes: in CSV a quote inside a quoted field is
//! doubled, so a line break is a record boundary exactly when the number of quotes before it
//! (from a boundary) is even. Memory stays flat: a block is about `block_size` bytes, longer only
//! when a single record is.

use std::io::{self, Read};

/// Whole records of the input, with the line number of the first one.
pub struct Block {
    /// Position of the block in the input, from 0.
    pub seq: u64,
    /// Line number (from 1) of the block's first line.
    pub first_line: u64,
    /// The bytes of whole records.
    pub bytes: Vec<u8>,
}

/// Reads blocks of whole records from a byte stream.
pub struct BlockReader<R> {
    input: R,
    pending: Vec<u8>,
    block_size: usize,
    next_line: u64,
    seq: u64,
    eof: bool,
}

impl<R: Read> BlockReader<R> {
    pub fn new(input: R, block_size: usize) -> BlockReader<R> {
        BlockReader {
            input,
            pending: Vec::with_capacity(block_size * 2),
            block_size,
            next_line: 1,
            seq: 0,
            eof: false,
        }
    }

    /// The next block of at most about `limit` bytes (a whole first record always), or `None`
    /// at the end of the input.
    fn take(&mut self, limit: usize) -> io::Result<Option<Block>> {
        let mut scanned_to = 0;
        let mut quotes_before = 0usize;
        loop {
            if let Some(end) = self.boundary(limit, &mut scanned_to, &mut quotes_before) {
                return Ok(Some(self.cut(end)));
            }
            if self.eof {
                if self.pending.is_empty() {
                    return Ok(None);
                }
                let end = self.pending.len();
                return Ok(Some(self.cut(end)));
            }
            // Read up to the limit, or more when one record is longer than the limit.
            let want = limit.saturating_sub(self.pending.len()).max(1 << 16);
            self.fill(want)?;
        }
    }

    /// The first record (the header), with its line break.
    pub fn header(&mut self) -> io::Result<Option<Block>> {
        let header = self.take(0);
        // The blocks after the header are numbered from 0.
        self.seq = 0;
        header
    }

    /// The next block of records.
    pub fn next_block(&mut self) -> io::Result<Option<Block>> {
        self.take(self.block_size)
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
    /// more input is needed. `scanned_to` and `quotes_before` carry the scan between calls.
    fn boundary(
        &self,
        limit: usize,
        scanned_to: &mut usize,
        quotes_before: &mut usize,
    ) -> Option<usize> {
        let data = &self.pending;
        if data.len() < limit && !self.eof {
            return None;
        }
        let window = &data[..limit.min(data.len())];
        // Fast path: no quote at all in the window; the last line break is the boundary.
        if limit > 0 && !window.contains(&b'"') {
            if let Some(pos) = window.iter().rposition(|&b| b == b'\n') {
                return Some(pos + 1);
            }
        }
        let mut quotes = *quotes_before;
        let mut last_before_limit = None;
        for (i, &b) in data.iter().enumerate().skip(*scanned_to) {
            if b == b'"' {
                quotes += 1;
            } else if b == b'\n' && quotes % 2 == 0 {
                if i < limit {
                    last_before_limit = Some(i + 1);
                } else {
                    return Some(last_before_limit.unwrap_or(i + 1));
                }
            }
        }
        if last_before_limit.is_none() {
            *scanned_to = data.len();
            *quotes_before = quotes;
        }
        last_before_limit
    }

    /// Cuts the first `end` bytes of `pending` into a block.
    fn cut(&mut self, end: usize) -> Block {
        let rest = self.pending.split_off(end);
        let bytes = std::mem::replace(&mut self.pending, rest);
        let block = Block {
            seq: self.seq,
            first_line: self.next_line,
            bytes,
        };
        self.seq += 1;
        self.next_line += block.bytes.iter().filter(|&&b| b == b'\n').count() as u64;
        self.pending.reserve(self.block_size);
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(input: &str, size: usize) -> (Option<String>, Vec<(u64, String)>) {
        let mut reader = BlockReader::new(input.as_bytes(), size);
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
    fn empty_input_has_no_header() {
        assert_eq!(blocks("", 8), (None, vec![]));
    }
}
