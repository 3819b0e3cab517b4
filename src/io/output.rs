//! Where results go: standard output, or a file written atomically.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::Error;

/// A sink for results. A file is written to a temporary file next to it and renamed into place
/// by [`Output::commit`], so that an interrupted run leaves either the old file or the complete
/// new one, never half a file. Dropping an `Output` without committing it removes the
/// temporary file and leaves the old file alone.
///
/// # Example
///
/// ```
/// use std::io::Write;
/// use slacal::io::Output;
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// let mut out = Output::create(Some(&path))?;
/// out.write_all(b"a,b\n").unwrap();
/// assert!(!path.exists()); // nothing there until the commit
/// out.commit()?;
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "a,b\n");
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Debug)]
pub enum Output {
    /// Standard output, buffered.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file next to `path`, renamed to `path` on commit.
    File {
        /// The temporary file.
        writer: BufWriter<tempfile::NamedTempFile>,
        /// Where the file goes.
        path: PathBuf,
    },
}

const BUFFER: usize = 1 << 18;

impl Output {
    /// Standard output when `path` is `None`, else a temporary file next to `path`.
    ///
    /// # Errors
    ///
    /// An I/O error when the temporary file cannot be created (the folder does not exist or
    /// is not writable).
    pub fn create(path: Option<&Path>) -> Result<Output, Error> {
        let Some(path) = path else {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                BUFFER,
                io::stdout(),
            )));
        };
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".slacal-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| {
                io_error(
                    format!("creating a temporary file in `{}`", dir.display()),
                    &e,
                )
            })?;
        // A temporary file is private to its owner; the result gets the permissions of the
        // file it replaces, or those of a file created the usual way.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let permissions = std::fs::metadata(path)
                .map(|m| m.permissions())
                .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
            std::fs::set_permissions(temp.path(), permissions)
                .map_err(|e| io_error(format!("preparing the output `{}`", path.display()), &e))?;
        }
        Ok(Output::File {
            writer: BufWriter::with_capacity(BUFFER, temp),
            path: path.to_owned(),
        })
    }

    /// The temporary file being written, for a file output (to remove it if the process is
    /// interrupted before the commit).
    #[must_use]
    pub fn temporary_path(&self) -> Option<&Path> {
        match self {
            Output::Stdout(_) => None,
            Output::File { writer, .. } => Some(writer.get_ref().path()),
        }
    }

    /// Flushes everything and, for a file, renames the temporary file into place.
    ///
    /// # Errors
    ///
    /// An I/O error when writing, syncing or renaming fails; the old file is then left alone.
    pub fn commit(self) -> Result<(), Error> {
        match self {
            Output::Stdout(mut out) => out
                .flush()
                .map_err(|e| io_error("writing to standard output".into(), &e)),
            Output::File { writer, path } => {
                let temp = writer
                    .into_inner()
                    .map_err(|e| io_error(format!("writing `{}`", path.display()), e.error()))?;
                temp.as_file()
                    .sync_all()
                    .map_err(|e| io_error(format!("writing `{}`", path.display()), &e))?;
                temp.persist(&path).map_err(|e| {
                    io_error(
                        format!("renaming the output into `{}`", path.display()),
                        &e.error,
                    )
                })?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File { writer, .. } => writer.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::File { writer, .. } => writer.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File { writer, .. } => writer.flush(),
        }
    }
}

/// An I/O error as a library error, keeping a broken pipe recognisable ([`is_broken_pipe`]).
pub fn io_error(what: String, err: &io::Error) -> Error {
    if err.kind() == io::ErrorKind::BrokenPipe {
        return broken_pipe();
    }
    Error::from_io(what, err)
}

/// The error that stands for "the reader of our output went away".
pub fn broken_pipe() -> Error {
    Error::from_io(
        "broken pipe".to_owned(),
        &io::Error::from(io::ErrorKind::BrokenPipe),
    )
}

/// True for the error [`broken_pipe`] makes: the reader of our output went away.
pub fn is_broken_pipe(err: &Error) -> bool {
    err.is_io() && err.message().starts_with("broken pipe")
}
