//! Opening an input: a file or standard input, gzip-compressed or not, with a count of the
//! bytes read for progress reports.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::MultiGzDecoder;

use super::output::io_error;
use crate::Error;

/// The two bytes every gzip stream starts with.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The format of an input's records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputFormat {
    /// Comma-separated values with a header line.
    Csv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

impl std::fmt::Display for InputFormat {
    /// The name: as [`InputFormat::name`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl InputFormat {
    /// The format a file name implies: `.csv` or `.jsonl`/`.ndjson`, optionally followed by
    /// `.gz`; `None` for any other name.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::io::InputFormat;
    ///
    /// assert_eq!(InputFormat::from_path("offers.jsonl.gz".as_ref()), Some(InputFormat::Jsonl));
    /// assert_eq!(InputFormat::from_path("offers.CSV".as_ref()), Some(InputFormat::Csv));
    /// assert_eq!(InputFormat::from_path("offers.txt".as_ref()), None);
    /// ```
    #[must_use]
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        if name.ends_with(".csv") {
            Some(InputFormat::Csv)
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(InputFormat::Jsonl)
        } else {
            None
        }
    }

    /// The format the first bytes of a (decompressed) input suggest: JSON Lines when the first
    /// character other than white space and a byte-order mark is `{`, else CSV.
    #[must_use]
    pub fn sniff(start: &[u8]) -> InputFormat {
        let start = start.strip_prefix(b"\xef\xbb\xbf").unwrap_or(start);
        match start.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputFormat::Jsonl,
            _ => InputFormat::Csv,
        }
    }

    /// The format's name: `csv` or `jsonl`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Csv => "csv",
            InputFormat::Jsonl => "jsonl",
        }
    }
}

/// An opened input: its name for messages, its decompressed bytes, and a count of the bytes
/// read from the file (compressed bytes for a compressed file).
///
/// # Example
///
/// ```
/// use std::io::Read;
/// use slacal::io::Input;
///
/// // A gzip-compressed input is recognised by its first bytes, whatever its name.
/// let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
/// std::io::Write::write_all(&mut encoder, b"record_id,event,at\n").unwrap();
/// let compressed = encoder.finish().unwrap();
/// let mut input = Input::from_reader("upload", std::io::Cursor::new(compressed))?;
/// assert!(input.is_compressed());
/// let mut text = String::new();
/// input.read_to_string(&mut text).unwrap();
/// assert_eq!(text, "record_id,event,at\n");
/// # Ok::<(), slacal::Error>(())
/// ```
pub struct Input {
    name: String,
    path: Option<PathBuf>,
    size: Option<u64>,
    compressed: bool,
    counter: Arc<AtomicU64>,
    reader: Box<dyn Read + Send>,
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Input")
            .field("name", &self.name)
            .field("compressed", &self.compressed)
            .finish_non_exhaustive()
    }
}

/// Counts the bytes read through it.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Gives a decoder's errors a plain meaning.
struct Decoded<R> {
    inner: R,
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let what = if e.kind() == io::ErrorKind::UnexpectedEof {
                "the compressed data ends early: the file is truncated"
            } else {
                "the compressed data is damaged"
            };
            io::Error::new(io::ErrorKind::InvalidData, format!("{what} ({e})"))
        })
    }
}

impl Input {
    /// Opens a file, or standard input when `path` is `None`. Gzip is recognised by its first
    /// two bytes and decompressed on the fly (several concatenated gzip members are read as
    /// one stream).
    ///
    /// # Errors
    ///
    /// An I/O error naming the file when it cannot be opened or read.
    pub fn open(path: Option<&Path>) -> Result<Input, Error> {
        match path {
            None => Input::from_reader("standard input", io::stdin()),
            Some(path) => {
                let name = format!("`{}`", path.display());
                let file = File::open(path).map_err(|e| io_error(format!("opening {name}"), &e))?;
                let size = file.metadata().ok().map(|m| m.len());
                let mut input = Input::from_reader(&name, file)?;
                input.path = Some(path.to_owned());
                input.size = size;
                Ok(input)
            }
        }
    }

    /// An input over any reader; `name` names it in messages.
    ///
    /// # Errors
    ///
    /// An I/O error when its first bytes cannot be read.
    pub fn from_reader(name: &str, reader: impl Read + Send + 'static) -> Result<Input, Error> {
        let counter = Arc::new(AtomicU64::new(0));
        let mut buffered = BufReader::with_capacity(
            1 << 16,
            Counting {
                inner: reader,
                counter: Arc::clone(&counter),
            },
        );
        let start = loop {
            match buffered.fill_buf() {
                Ok(bytes) => break bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_error(format!("reading {name}"), &e)),
            }
        };
        let compressed = start.starts_with(&GZIP_MAGIC);
        let reader: Box<dyn Read + Send> = if compressed {
            Box::new(Decoded {
                inner: MultiGzDecoder::new(buffered),
            })
        } else {
            Box::new(buffered)
        };
        Ok(Input {
            name: name.to_owned(),
            path: None,
            size: None,
            compressed,
            counter,
            reader,
        })
    }

    /// The input's name for messages: `` `offers.csv` `` or `standard input`.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file's path, when the input is a file.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The file's size in bytes (compressed), when known.
    #[must_use]
    pub fn size(&self) -> Option<u64> {
        self.size
    }

    /// True when the input is gzip-compressed.
    #[must_use]
    pub fn is_compressed(&self) -> bool {
        self.compressed
    }

    /// A shared count of the bytes read so far from the file (compressed bytes when the file
    /// is compressed), for progress reports from another thread.
    #[must_use]
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.counter)
    }
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.reader.read(buf)
    }
}
