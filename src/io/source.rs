//! Opening an export: its format, its layout (from the header, or the first JSON object's
//! keys), its schema, and its blocks of whole records.

use std::collections::VecDeque;
use std::io::{self, Chain, Cursor, Read};

use super::blocks::{Block, BlockReader, Spares, Split};
use super::csv::csv_header;
use super::input::{Input, InputFormat};
use super::jsonl::jsonl_keys;
use super::output::io_error;
use super::rows::MAX_ROW_BYTES;
use super::schema::{Layout, Schema};
use crate::error::Detail;
use crate::{Error, Policy};

/// Blocks of about this many bytes of whole records: small enough that a few in flight per
/// thread stay well under 100 MB, large enough that handing them over costs nothing.
pub(super) const BLOCK_SIZE: usize = 1 << 18;

/// An opened input with its format, its schema and its first data block.
pub(super) struct Source {
    pub(super) format: InputFormat,
    pub(super) schema: Schema,
    reader: BlockReader<Chain<Cursor<Vec<u8>>, Input>>,
    /// Data blocks read while looking for the layout (JSON Lines), to be read first.
    first: VecDeque<Block>,
}

impl Source {
    pub(super) fn open(
        mut input: Input,
        policy: &Policy,
        format: Option<InputFormat>,
        layout: Option<Layout>,
    ) -> Result<Source, Error> {
        let name = input.name().to_owned();
        let read_error = |e: io::Error| io_error(format!("reading {name}"), &e);
        let mut start = vec![0u8; 4096];
        let mut filled = 0;
        while filled < start.len() {
            match input.read(&mut start[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_error(e)),
            }
        }
        start.truncate(filled);
        let format = format
            .or_else(|| input.path().and_then(InputFormat::from_path))
            .unwrap_or_else(|| InputFormat::sniff(&start));
        let split = match format {
            InputFormat::Csv => Split::Csv,
            InputFormat::Jsonl => Split::Lines,
        };
        let mut reader = BlockReader::new(
            Cursor::new(start).chain(input),
            split,
            BLOCK_SIZE,
            MAX_ROW_BYTES,
        );
        let empty = || {
            Error::input(format!(
                "{name} is empty: expected a header line (CSV) or JSON objects (JSON Lines)"
            ))
        };
        let header_error = |e: io::Error| match e.kind() {
            io::ErrorKind::InvalidData => Error::input(format!("{name}: {e}")),
            _ => read_error(e),
        };
        let (names, first) = match format {
            InputFormat::Csv => {
                let header = reader.header().map_err(header_error)?.ok_or_else(empty)?;
                let names = csv_header(&header.bytes).map_err(|e| e.context(name.clone()))?;
                (names, VecDeque::new())
            }
            InputFormat::Jsonl => {
                // The keys of the first line that is a JSON object; the lines before it that
                // are not are rows like any other, rejected when they are read.
                let mut first = VecDeque::new();
                let mut skipped = 0usize;
                let mut problem: Option<Error> = None;
                let keys = loop {
                    let Some(block) = reader.header().map_err(header_error)? else {
                        match (problem, layout) {
                            (_, Some(_)) => break Vec::new(),
                            (Some(problem), None) => return Err(problem),
                            (None, None) => return Err(empty()),
                        }
                    };
                    if block.bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    match jsonl_keys(block.bytes.trim_ascii()) {
                        Ok(keys) => {
                            first.push_back(block);
                            break keys;
                        }
                        // With the layout given, the keys are known: no need to look further.
                        Err(_) if layout.is_some() => {
                            first.push_back(block);
                            break Vec::new();
                        }
                        Err(e) => {
                            skipped += block.bytes.len();
                            let line = block.first_line;
                            first.push_back(block);
                            if problem.is_none() {
                                problem = Some(e.context(format!(
                                    "{name}: line {line} (and no later line is a JSON object whose \
                                     keys show the layout; name the layout)"
                                ))
                                .with_detail(Detail::LayoutUnknown));
                            }
                            if skipped > MAX_ROW_BYTES * 16 {
                                return Err(problem.unwrap_or_else(empty));
                            }
                        }
                    }
                };
                (keys, first)
            }
        };
        let (names, layout) = if format == InputFormat::Jsonl {
            // Objects may leave out keys: read every key the layout knows, whatever the first
            // object holds.
            let detected = match layout {
                Some(layout) => layout,
                None => Schema::detect(policy, &names, layout)
                    .map_err(|e| e.context(name.clone()))?
                    .layout(),
            };
            let id = if names.iter().any(|k| k == policy.record_id_column())
                || (names.is_empty() && detected == Layout::Wide)
            {
                policy.record_id_column()
            } else {
                "record_id"
            };
            let mut keys = vec![id.to_owned(), policy.calendar_column().to_owned()];
            match detected {
                Layout::EventLog => keys.extend(["event".to_owned(), "at".to_owned()]),
                Layout::Wide => keys.extend(policy.event_columns().map(|(_, c)| c.to_owned())),
            }
            (keys, Some(detected))
        } else {
            (names, layout)
        };
        let schema = Schema::detect(policy, &names, layout).map_err(|e| e.context(name.clone()))?;
        Ok(Source {
            format,
            schema,
            reader,
            first,
        })
    }

    /// Takes the buffers of the next blocks from `spares`, where their users hand them back.
    pub(super) fn use_spares(&mut self, spares: Spares) {
        self.reader.set_spares(spares);
    }

    /// The blocks of the input, first the one read while detecting.
    pub(super) fn blocks(
        &mut self,
        block_size: usize,
    ) -> impl FnMut() -> Result<Option<Block>, Error> + '_ {
        let mut first = std::mem::take(&mut self.first);
        move || {
            if let Some(block) = first.pop_front() {
                return Ok(Some(block));
            }
            let block = self.reader.next_block_of(block_size);
            block.map_err(|e| io_error("reading the input".to_owned(), &e))
        }
    }
}

impl<R: Read> BlockReader<R> {
    /// The next block of about `size` bytes.
    fn next_block_of(&mut self, size: usize) -> io::Result<Option<Block>> {
        self.set_block_size(size);
        self.next_block()
    }
}
