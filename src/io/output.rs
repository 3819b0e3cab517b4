//! Where results go: standard output, a stream (a character device or a FIFO), or a regular
//! file written atomically, all the outputs of a run committed together.
//!
//! # What each kind of path gets
//!
//! [`Target::of`] decides once per path:
//!
//! - no path or `-`: standard output, written straight through;
//! - a character device (`/dev/null`, a terminal, `/dev/stdout`), a FIFO or a socket: written
//!   straight through, never replaced, and never given a sidecar;
//! - a regular file, a path that does not exist yet, or a symbolic link to either: a temporary
//!   file in the folder of the real file (the link's target), renamed over it when the run is
//!   complete, so that the link stays a link;
//! - a folder or a block device: refused.
//!
//! # One commit point
//!
//! [`commit_all`] flushes and syncs every output of a run first, and only then renames the
//! temporary files into place, one after another, while holding a lock on each folder
//! involved: two runs that commit into the same folders at the same time do it one after the
//! other, so the files they leave all come from the same run. A run that fails before the
//! commit replaces nothing. What is not achieved: the renames of several files are not one
//! atomic step for a reader that looks at the files during the commit (a few microseconds), and
//! a `SIGKILL` or a power cut in the middle of it can leave some files new and others old.
//!
//! # Temporary files
//!
//! A temporary file is named `.<name>.slacal-tmp-<pid>-<random>` next to its output and locked
//! (`flock`) while it is written. [`abandon`] removes the temporary files of the outputs not
//! yet committed (a signal handler calls it). Temporary files left by a process that was
//! killed (`SIGKILL` cannot be caught) are removed when a later run writes the same output: a
//! file of our naming whose process is gone and whose lock is free is stale.

use std::ffi::OsString;
use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::Error;

const BUFFER: usize = 1 << 18;
/// Symbolic links followed before giving up.
const MAX_LINKS: usize = 40;
/// The longest part of an output's name kept in its temporary file's name, in bytes (file
/// names are at most 255 bytes).
const MAX_NAME_IN_TEMP: usize = 160;

/// Where an output goes, decided once per path:
///
/// - no path or `-`: standard output, written straight through;
/// - a character device (`/dev/null`, a terminal, `/dev/stdout`), a FIFO or a socket: written
///   straight through, never replaced, and never given a sidecar;
/// - a regular file, a path that does not exist yet, or a symbolic link to either: a temporary
///   file in the folder of the real file (the link's target), renamed over it by
///   [`commit_all`], so that the link stays a link;
/// - a folder or a block device: refused.
///
/// # Example
///
/// ```
/// use slacal::io::Target;
///
/// let dir = tempfile::tempdir().unwrap();
/// let file = Target::of(Some(&dir.path().join("results.csv")))?;
/// assert!(file.is_file());
/// let device = Target::of(Some("/dev/null".as_ref()))?;
/// assert!(!device.is_file()); // written straight through, never replaced
/// assert!(Target::of(Some(dir.path())).is_err()); // a folder
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// Standard output.
    Stdout,
    /// A character device, a FIFO or a socket, written straight through.
    Stream(PathBuf),
    /// A regular file (or one to create), written atomically.
    File {
        /// The path as given.
        path: PathBuf,
        /// The path of the real file: symbolic links followed, the folder made canonical.
        real: PathBuf,
    },
}

impl Target {
    /// What `path` is as an output: standard output when `None` or `-`.
    ///
    /// # Errors
    ///
    /// An input error for a folder, a block device, a path whose folder does not exist, or a
    /// loop of symbolic links; an I/O error when the path cannot be examined.
    pub fn of(path: Option<&Path>) -> Result<Target, Error> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Target::Stdout);
        };
        match fs::metadata(path) {
            Ok(metadata) => {
                let kind = metadata.file_type();
                if kind.is_file() {
                    return Ok(Target::File {
                        path: path.to_owned(),
                        real: resolve(path)?,
                    });
                }
                if kind.is_dir() {
                    return Err(Error::input(format!(
                        "the output `{}` is a folder; give the name of a file",
                        path.display()
                    )));
                }
                #[cfg(unix)]
                {
                    use std::os::unix::fs::FileTypeExt;
                    if kind.is_block_device() {
                        return Err(Error::input(format!(
                            "the output `{}` is a block device; slacal writes to files, \
                             character devices, FIFOs and standard output only",
                            path.display()
                        )));
                    }
                }
                Ok(Target::Stream(path.to_owned()))
            }
            // Nothing there yet (or a link to nothing yet): a file to create.
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Target::File {
                path: path.to_owned(),
                real: resolve(path)?,
            }),
            Err(e) => Err(Error::from_io(
                format!("examining the output `{}`", path.display()),
                &e,
            )),
        }
    }

    /// True for a regular file, written atomically (and the only kind that gets a sidecar).
    #[must_use]
    pub fn is_file(&self) -> bool {
        matches!(self, Target::File { .. })
    }

    /// The path as given; `None` for standard output.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match self {
            Target::Stdout => None,
            Target::Stream(path) | Target::File { path, .. } => Some(path),
        }
    }

    fn name(&self) -> String {
        match self.path() {
            Some(path) => format!("`{}`", path.display()),
            None => "standard output".to_owned(),
        }
    }

    /// What identifies the file: its canonical path and its device and inode, where known.
    fn identity(&self) -> Result<Identity, Error> {
        let inode = |metadata: &fs::Metadata| -> Option<(u64, u64)> {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                Some((metadata.dev(), metadata.ino()))
            }
            #[cfg(not(unix))]
            {
                let _ = metadata;
                None
            }
        };
        Ok(match self {
            Target::Stdout => {
                #[cfg(unix)]
                let metadata = {
                    use std::os::fd::AsFd;
                    io::stdout()
                        .as_fd()
                        .try_clone_to_owned()
                        .ok()
                        .and_then(|fd| File::from(fd).metadata().ok())
                };
                #[cfg(not(unix))]
                let metadata: Option<fs::Metadata> = None;
                Identity {
                    canonical: None,
                    inode: metadata.as_ref().and_then(inode),
                    device: metadata.as_ref().is_some_and(is_device),
                }
            }
            Target::Stream(path) => {
                let metadata = fs::metadata(path).ok();
                Identity {
                    canonical: fs::canonicalize(path).ok(),
                    inode: metadata.as_ref().and_then(inode),
                    device: metadata.as_ref().is_some_and(is_device),
                }
            }
            Target::File { real, .. } => Identity {
                canonical: Some(real.clone()),
                inode: fs::metadata(real).ok().and_then(|m| inode(&m)),
                device: false,
            },
        })
    }
}

#[derive(Debug)]
struct Identity {
    canonical: Option<PathBuf>,
    inode: Option<(u64, u64)>,
    /// A character device (`/dev/null`, a terminal): several outputs may share one, as
    /// nothing written there replaces anything.
    device: bool,
}

impl Identity {
    fn same(&self, other: &Identity) -> bool {
        if self.device && other.device {
            return false;
        }
        (self.canonical.is_some() && self.canonical == other.canonical)
            || (self.inode.is_some() && self.inode == other.inode)
    }
}

fn is_device(metadata: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        metadata.file_type().is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        false
    }
}

/// The path of the real file behind `path`: symbolic links followed (also a link to a file
/// that does not exist yet), the folder made canonical.
fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&current).map_err(|e| {
                    Error::from_io(format!("reading the link `{}`", current.display()), &e)
                })?;
                current = if target.is_absolute() {
                    target
                } else {
                    folder_of(&current).join(target)
                };
            }
            Ok(_) => {
                return fs::canonicalize(&current).map_err(|e| {
                    Error::from_io(format!("examining the output `{}`", path.display()), &e)
                });
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let Some(name) = current.file_name() else {
                    return Err(Error::input(format!(
                        "the output `{}` names no file",
                        path.display()
                    )));
                };
                let folder = folder_of(&current);
                let folder = fs::canonicalize(folder).map_err(|e| {
                    Error::from_io(
                        format!(
                            "the folder `{}` of the output `{}`",
                            folder.display(),
                            path.display()
                        ),
                        &e,
                    )
                })?;
                return Ok(folder.join(name));
            }
            Err(e) => {
                return Err(Error::from_io(
                    format!("examining the output `{}`", path.display()),
                    &e,
                ));
            }
        }
    }
    Err(Error::input(format!(
        "the output `{}` is a loop of symbolic links (or more than {MAX_LINKS} of them)",
        path.display()
    )))
}

/// The folder a path is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Checks that no two outputs of a run name the same file (by canonical path, or by device
/// and inode: a hard link, `/dev/stdout` when standard output is that file or pipe, ...), so
/// that one cannot silently replace the other or mix into it. Character devices (`/dev/null`,
/// a terminal) may be shared. Each output is `(what it is, its target)`.
///
/// # Errors
///
/// An input error naming both outputs.
///
/// # Example
///
/// ```
/// use slacal::io::{Target, check_distinct};
///
/// let dir = tempfile::tempdir().unwrap();
/// let results = Target::of(Some(&dir.path().join("out.csv")))?;
/// let same = Target::of(Some(&dir.path().join("./out.csv")))?;
/// let err = check_distinct(&[("`--output`", &results), ("`--rejects`", &same)]).unwrap_err();
/// assert!(err.to_string().contains("name the same file"));
/// # Ok::<(), slacal::Error>(())
/// ```
pub fn check_distinct(outputs: &[(&str, &Target)]) -> Result<(), Error> {
    let identities = outputs
        .iter()
        .map(|(_, target)| target.identity())
        .collect::<Result<Vec<_>, Error>>()?;
    for (i, a) in identities.iter().enumerate() {
        for (j, b) in identities.iter().enumerate().skip(i + 1) {
            if a.same(b) {
                return Err(Error::input(format!(
                    "{} ({}) and {} ({}) name the same file: one would replace the other; give \
                     each output a file of its own",
                    outputs[i].0,
                    outputs[i].1.name(),
                    outputs[j].0,
                    outputs[j].1.name()
                )));
            }
        }
    }
    Ok(())
}

/// A sink for results: standard output or a stream written straight through, or a regular
/// file written to a temporary file next to it and renamed into place by [`Output::commit`]
/// (or [`commit_all`]), so that an interrupted run leaves either the old file or the complete
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
pub struct Output {
    sink: Sink,
}

#[derive(Debug)]
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    Stream {
        writer: BufWriter<File>,
        path: PathBuf,
    },
    File {
        writer: BufWriter<Staged>,
        /// Where the file goes (the real file, links followed).
        real: PathBuf,
        /// The temporary file, as registered for [`abandon`].
        temp: PathBuf,
    },
    /// Committed.
    Done,
}

impl Output {
    /// Standard output when `path` is `None` (or `-`), else what [`Target::of`] says.
    ///
    /// # Errors
    ///
    /// As [`Target::of`] and [`Output::open`].
    pub fn create(path: Option<&Path>) -> Result<Output, Error> {
        Output::open(&Target::of(path)?)
    }

    /// Opens a target: a temporary file next to a regular file (removing stale temporary
    /// files of the same output left by processes that are gone), or the stream itself.
    ///
    /// # Errors
    ///
    /// An I/O error when the temporary file cannot be created (the folder is not writable) or
    /// the stream cannot be opened.
    pub fn open(target: &Target) -> Result<Output, Error> {
        let sink = match target {
            Target::Stdout => Sink::Stdout(BufWriter::with_capacity(BUFFER, io::stdout())),
            Target::Stream(path) => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| io_error(format!("opening `{}`", path.display()), &e))?;
                Sink::Stream {
                    writer: BufWriter::with_capacity(BUFFER, file),
                    path: path.clone(),
                }
            }
            Target::File { path, real } => {
                let (writer, temp) = temporary_file(path, real)?;
                Sink::File {
                    writer,
                    real: real.clone(),
                    temp,
                }
            }
        };
        Ok(Output { sink })
    }

    /// The temporary file being written, for a regular file.
    #[must_use]
    pub fn temporary_path(&self) -> Option<&Path> {
        match &self.sink {
            Sink::File { temp, .. } => Some(temp),
            _ => None,
        }
    }

    /// Flushes everything and, for a regular file, renames the temporary file into place.
    ///
    /// # Errors
    ///
    /// As [`commit_all`].
    pub fn commit(self) -> Result<(), Error> {
        commit_all(vec![self])
    }

    /// Flushes the buffer, and syncs a temporary file to disk.
    fn finish(&mut self) -> Result<(), Error> {
        match &mut self.sink {
            Sink::Stdout(out) => out
                .flush()
                .map_err(|e| io_error("writing to standard output".into(), &e)),
            Sink::Stream { writer, path } => writer
                .flush()
                .map_err(|e| io_error(format!("writing `{}`", path.display()), &e)),
            Sink::Done => Ok(()),
            Sink::File { writer, real, .. } => {
                writer
                    .flush()
                    .map_err(|e| io_error(format!("writing `{}`", real.display()), &e))?;
                writer
                    .get_ref()
                    .file
                    .as_file()
                    .sync_all()
                    .map_err(|e| io_error(format!("writing `{}`", real.display()), &e))
            }
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Sink::File { temp, .. } = &self.sink {
            // The temporary file itself is removed by its own drop.
            unregister(temp);
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.sink {
            Sink::Stdout(out) => out.write(buf),
            Sink::Stream { writer, .. } => writer.write(buf),
            Sink::File { writer, .. } => writer.write(buf),
            Sink::Done => Err(io::Error::other("the output was committed")),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(out) => out.write_all(buf),
            Sink::Stream { writer, .. } => writer.write_all(buf),
            Sink::File { writer, .. } => writer.write_all(buf),
            Sink::Done => Err(io::Error::other("the output was committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout(out) => out.flush(),
            Sink::Stream { writer, .. } => writer.flush(),
            Sink::File { writer, .. } => writer.flush(),
            Sink::Done => Err(io::Error::other("the output was committed")),
        }
    }
}

/// The start of the names of the temporary files of an output named `name`.
fn temporary_prefix(name: &std::ffi::OsStr) -> OsString {
    let mut prefix = OsString::from(".");
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = name.as_bytes();
        prefix.push(std::ffi::OsStr::from_bytes(
            &bytes[..bytes.len().min(MAX_NAME_IN_TEMP)],
        ));
    }
    #[cfg(not(unix))]
    {
        let text = name.to_string_lossy();
        prefix.push(text.chars().take(MAX_NAME_IN_TEMP / 4).collect::<String>());
    }
    prefix.push(".slacal-tmp-");
    prefix
}

fn temporary_file(given: &Path, real: &Path) -> Result<(BufWriter<Staged>, PathBuf), Error> {
    let dir = folder_of(real);
    let name = real.file_name().unwrap_or(real.as_os_str());
    let prefix = temporary_prefix(name);
    remove_stale(dir, &prefix);
    let mut full_prefix = prefix;
    full_prefix.push(format!("{}-", std::process::id()));
    let mut guard = pending();
    let mut builder = tempfile::Builder::new();
    builder.prefix(&full_prefix).rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with the mode the process's umask gives a new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir).map_err(|e| {
        io_error(
            format!("creating a temporary file in `{}`", dir.display()),
            &e,
        )
    })?;
    if guard.abandoned {
        return Err(interrupted());
    }
    guard.temps.push(temp.path().to_owned());
    drop(guard);
    lock(temp.as_file(), true);
    // The result keeps the permissions of the file it replaces (a new file gets those of a
    // file created the usual way, set when the temporary file was created).
    if let Ok(metadata) = fs::metadata(real) {
        fs::set_permissions(temp.path(), metadata.permissions())
            .map_err(|e| io_error(format!("preparing the output `{}`", given.display()), &e))?;
    }
    let path = temp.path().to_owned();
    Ok((BufWriter::with_capacity(BUFFER, Staged::new(temp)), path))
}

/// Bytes written to a temporary file before the kernel is asked to start writing them to
/// disk: the sync before the commit waits for at most this much and what is still in flight
/// (a one-million-row `shift`'s sync took 3.4 ms with steps of 8 MiB, 1.1 with 2, 0.4 with 1).
const WRITEBACK_STEP: u64 = 1 << 20;

/// A temporary file being written, with its data sent on to the disk as it grows: the sync
/// before the commit then waits for the last megabyte or so, where it had waited for the
/// whole file (8 of the 66 ms of a one-million-row `shift` went to that sync).
#[derive(Debug)]
struct Staged {
    file: tempfile::NamedTempFile,
    /// Bytes written.
    written: u64,
    /// Bytes whose writing to disk has been started.
    started: u64,
}

impl Staged {
    fn new(file: tempfile::NamedTempFile) -> Staged {
        Staged {
            file,
            written: 0,
            started: 0,
        }
    }

    /// Starts writing the bytes not yet started to disk, without waiting for them (Linux's
    /// `sync_file_range`); elsewhere the sync before the commit does it all. A failure here
    /// is not an error: the sync reports what cannot be written.
    fn start_writeback(&mut self) {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let (Ok(offset), Ok(length)) = (
                libc::off64_t::try_from(self.started),
                libc::off64_t::try_from(self.written - self.started),
            ) else {
                return;
            };
            // SAFETY: the descriptor is the open file's, and the call reads no memory.
            unsafe {
                libc::sync_file_range(
                    self.file.as_file().as_raw_fd(),
                    offset,
                    length,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
        self.started = self.written;
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.file.write(buf)?;
        self.written += written as u64;
        if self.written - self.started >= WRITEBACK_STEP {
            self.start_writeback();
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Locks a file (`flock`): exclusively and waiting when `wait`, else without waiting. True
/// when the lock is held.
fn lock(file: &File, wait: bool) -> bool {
    #[cfg(unix)]
    {
        use rustix::fs::{FlockOperation, flock};
        let operation = if wait {
            FlockOperation::LockExclusive
        } else {
            FlockOperation::NonBlockingLockExclusive
        };
        flock(file, operation).is_ok()
    }
    #[cfg(not(unix))]
    {
        let _ = (file, wait);
        false
    }
}

/// True when no process with this id exists (in this process's view).
fn process_is_gone(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return false;
        };
        matches!(
            rustix::process::test_kill_process(pid),
            Err(rustix::io::Errno::SRCH)
        )
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// Removes the entries of `dir` whose names start with `prefix` and go on with the id of a
/// process that is gone, when nobody holds their lock: what a killed run left behind.
/// Returns how many were removed.
pub(crate) fn remove_stale(dir: &Path, prefix: &std::ffi::OsStr) -> usize {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(entries) = fs::read_dir(dir) else {
            return 0;
        };
        let prefix = prefix.as_bytes();
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(rest) = name.as_bytes().strip_prefix(prefix) else {
                continue;
            };
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let pid = std::str::from_utf8(&rest[..digits])
                .ok()
                .and_then(|p| p.parse::<u32>().ok());
            let Some(pid) = pid else { continue };
            if pid == std::process::id() || !process_is_gone(pid) {
                continue;
            }
            let path = entry.path();
            let Ok(file) = File::open(&path) else {
                continue;
            };
            if !lock(&file, false) {
                continue;
            }
            let gone = match entry.file_type() {
                Ok(kind) if kind.is_dir() => fs::remove_dir_all(&path).is_ok(),
                Ok(_) => fs::remove_file(&path).is_ok(),
                Err(_) => false,
            };
            removed += usize::from(gone);
        }
        removed
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, prefix);
        0
    }
}

/// The temporary files and folders of this process not committed yet.
#[derive(Default)]
struct Pending {
    temps: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
    /// Set by [`abandon`]: nothing may be committed any more.
    abandoned: bool,
    /// Some outputs were committed.
    committed: bool,
}

static PENDING: Mutex<Pending> = Mutex::new(Pending {
    temps: Vec::new(),
    dirs: Vec::new(),
    abandoned: false,
    committed: false,
});

fn pending() -> MutexGuard<'static, Pending> {
    // The state stays consistent whatever a panicking holder did: a list of paths.
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

fn unregister(path: &Path) {
    let mut guard = pending();
    guard.temps.retain(|p| p != path);
    guard.dirs.retain(|p| p != path);
}

/// Registers a temporary folder (of a spilled sort) for [`abandon`].
pub(crate) fn register_dir(path: &Path) -> Result<(), Error> {
    let mut guard = pending();
    if guard.abandoned {
        return Err(interrupted());
    }
    guard.dirs.push(path.to_owned());
    Ok(())
}

/// Forgets a temporary folder registered with [`register_dir`].
pub(crate) fn unregister_dir(path: &Path) {
    unregister(path);
}

fn interrupted() -> Error {
    Error::from_io(
        "the run was interrupted".to_owned(),
        &io::Error::from(io::ErrorKind::Interrupted),
    )
}

/// What [`abandon`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Abandoned {
    /// There was nothing to remove or keep: no output file was being written.
    NothingPending,
    /// Nothing had been committed: the old outputs are as they were.
    LeftAsTheyWere,
    /// The outputs had been committed already (the signal came after the commit).
    AlreadyCommitted,
}

/// Removes every temporary file and folder of this process that is not committed yet, and
/// refuses any later commit: for a signal handler, which then ends the process. A commit in
/// progress is waited for, so that the outputs of a run are either all replaced or none.
pub fn abandon() -> Abandoned {
    let mut guard = pending();
    guard.abandoned = true;
    let nothing = guard.temps.is_empty() && guard.dirs.is_empty();
    for path in guard.temps.drain(..) {
        let _ = fs::remove_file(path);
    }
    for path in guard.dirs.drain(..) {
        let _ = fs::remove_dir_all(path);
    }
    if guard.committed {
        Abandoned::AlreadyCommitted
    } else if nothing {
        Abandoned::NothingPending
    } else {
        Abandoned::LeftAsTheyWere
    }
}

/// Commits the outputs of a run together: flushes and syncs every one first; only when all
/// are complete, renames the temporary files into place (holding a lock on each folder, so
/// that concurrent runs commit one after the other), then syncs the folders.
///
/// # Errors
///
/// An I/O error when writing, syncing or renaming fails; when it fails before the renames,
/// every old file is left alone. An error when the process is being interrupted.
pub fn commit_all(outputs: Vec<Output>) -> Result<(), Error> {
    let mut outputs = outputs;
    for output in &mut outputs {
        output.finish()?;
    }
    let mut guard = pending();
    if guard.abandoned {
        return Err(interrupted());
    }
    // Lock every folder written to, in a fixed order so that two runs cannot wait for each
    // other.
    let mut folders: Vec<((u64, u64), File)> = Vec::new();
    for output in &outputs {
        if let Sink::File { real, .. } = &output.sink {
            let dir = folder_of(real);
            let Ok(file) = File::open(dir) else { continue };
            let key = file_key(&file);
            if !folders.iter().any(|(k, _)| *k == key) {
                folders.push((key, file));
            }
        }
    }
    folders.sort_by_key(|(key, _)| *key);
    for (_, file) in &folders {
        lock(file, true);
    }
    for output in outputs {
        let mut output = output;
        let sink = std::mem::replace(&mut output.sink, Sink::Done);
        if let Sink::File { writer, real, temp } = sink {
            guard.temps.retain(|p| *p != temp);
            let file = writer
                .into_inner()
                .map_err(|e| io_error(format!("writing `{}`", real.display()), e.error()))?
                .file;
            file.persist(&real).map_err(|e| {
                io_error(
                    format!("renaming the output into `{}`", real.display()),
                    &e.error,
                )
            })?;
            guard.committed = true;
        }
    }
    for (_, file) in &folders {
        // Makes the renames durable; a folder that cannot be synced (some file systems) is
        // no reason to fail.
        let _ = file.sync_all();
    }
    Ok(())
}

/// The device and inode of an open file (zero where unknown).
fn file_key(file: &File) -> (u64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        file.metadata().map_or((0, 0), |m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        (0, 0)
    }
}

/// An I/O error as a library error, saying what was being done; its kind stays known
/// ([`Error::io_kind`]), a broken pipe's included.
pub fn io_error(what: String, err: &io::Error) -> Error {
    if err.kind() == io::ErrorKind::BrokenPipe {
        return broken_pipe();
    }
    Error::from_io(what, err)
}

/// The error that stands for "the reader of our output went away".
pub(crate) fn broken_pipe() -> Error {
    Error::from_io(
        "broken pipe".to_owned(),
        &io::Error::from(io::ErrorKind::BrokenPipe),
    )
}

/// True when the reader of our output went away: the error's I/O kind is
/// [`io::ErrorKind::BrokenPipe`] (never decided by the message's text).
pub(crate) fn is_broken_pipe(err: &Error) -> bool {
    err.io_kind() == Some(io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stale_temporary_file_of_a_gone_process_is_removed_and_a_live_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let prefix = temporary_prefix("out.csv".as_ref());
        let mut stale = prefix.clone();
        // Pids are at most 2^22 on Linux: this one is gone.
        stale.push("2147480000-abcdef");
        fs::write(dir.path().join(&stale), "old").unwrap();
        let mut ours = prefix.clone();
        ours.push(format!("{}-abcdef", std::process::id()));
        fs::write(dir.path().join(&ours), "ours").unwrap();
        let mut locked = prefix.clone();
        locked.push("2147480001-abcdef");
        let held = File::create(dir.path().join(&locked)).unwrap();
        assert!(lock(&held, false));
        assert_eq!(remove_stale(dir.path(), &prefix), 1);
        assert!(!dir.path().join(&stale).exists());
        assert!(dir.path().join(&ours).exists());
        assert!(dir.path().join(&locked).exists(), "its lock is held");
    }

    #[test]
    fn a_link_to_a_file_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        fs::write(&real, "old\n").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut out = Output::create(Some(&link)).unwrap();
        out.write_all(b"new\n").unwrap();
        out.commit().unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
    }
}
