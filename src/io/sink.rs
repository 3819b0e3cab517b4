//! Where a batch run's results go: typed outcomes and rejects to a program's sink, or rows in
//! an output format to a writer.

use std::io::Write;

use super::output::io_error;
use super::reject::Reject;
use super::write::{OutputFormat, RejectWriter};
use crate::{ClockOutcome, Error};

/// Where rejected rows go.
pub trait RejectSink: Send {
    /// Takes one reject.
    ///
    /// # Errors
    ///
    /// When it cannot be written; the run then stops with this error.
    fn reject(&mut self, reject: &Reject) -> Result<(), Error>;
}

impl<W: Write + Send> RejectSink for RejectWriter<W> {
    fn reject(&mut self, reject: &Reject) -> Result<(), Error> {
        self.write(reject)
    }
}

impl RejectSink for Vec<Reject> {
    fn reject(&mut self, reject: &Reject) -> Result<(), Error> {
        self.push(reject.clone());
        Ok(())
    }
}

impl<R: RejectSink + ?Sized> RejectSink for &mut R {
    fn reject(&mut self, reject: &Reject) -> Result<(), Error> {
        (**self).reject(reject)
    }
}

/// Where a batch run's results go, in input order, on the thread that called
/// [`Batch::run_into`](super::Batch::run_into): each outcome row of each record evaluated, and
/// each reject.
///
/// A sink that writes rows in one of the [`OutputFormat`]s (as [`ResultWriter`] does) says so
/// with [`OutcomeSink::format`]: the batch then formats the rows on its worker threads and
/// hands them over as bytes ([`OutcomeSink::rows`]) instead of one outcome at a time.
///
/// # Example
///
/// ```
/// use slacal::io::{Batch, Input, OutcomeSink, Reject};
/// use slacal::{ClockOutcome, Error, Instant, Policy, Status};
///
/// /// Counts the certifications that missed their deadline, and the rejects.
/// #[derive(Default)]
/// struct Late {
///     late: u64,
///     rejected: u64,
/// }
///
/// impl OutcomeSink for Late {
///     fn outcome(&mut self, outcome: &ClockOutcome) -> Result<(), Error> {
///         if outcome.clock() == "certification"
///             && matches!(outcome.status(), Status::Breached | Status::Overdue)
///         {
///             self.late += 1;
///         }
///         Ok(())
///     }
///
///     fn reject(&mut self, _: &Reject) -> Result<(), Error> {
///         self.rejected += 1;
///         Ok(())
///     }
/// }
///
/// let batch = Batch::new(Policy::builtin("marketplace")?, Instant::parse("2026-11-22T12:00:00Z")?);
/// let mut late = Late::default();
/// let summary = batch.run_into(Input::open(Some("examples/offers.csv".as_ref()))?, &mut late)?;
/// assert_eq!(late.rejected, summary.rows_rejected);
/// assert_eq!(late.late, summary.clocks[1].count(Status::Breached) + summary.clocks[1].count(Status::Overdue));
/// # Ok::<(), slacal::Error>(())
/// ```
pub trait OutcomeSink: Send {
    /// Takes one outcome row.
    ///
    /// # Errors
    ///
    /// When it cannot take it; the run then stops with this error (a broken pipe stops it
    /// quietly: see [`Batch::run_into`](super::Batch::run_into)).
    fn outcome(&mut self, outcome: &ClockOutcome) -> Result<(), Error>;

    /// Takes one reject.
    ///
    /// # Errors
    ///
    /// As [`OutcomeSink::outcome`].
    fn reject(&mut self, reject: &Reject) -> Result<(), Error>;

    /// The format of the rows, when the sink writes rows in one of the output formats: the
    /// batch then formats them itself, on its worker threads, and gives them to
    /// [`OutcomeSink::rows`]. `None` (the default): each outcome goes to
    /// [`OutcomeSink::outcome`].
    fn format(&self) -> Option<OutputFormat> {
        None
    }

    /// Takes rows formatted in [`OutcomeSink::format`]: first the header (nothing for JSON
    /// Lines), then whole rows, in order. Called only when `format` is `Some`.
    ///
    /// # Errors
    ///
    /// As [`OutcomeSink::outcome`]. The default, for a sink without a format, refuses.
    fn rows(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let _ = bytes;
        Err(Error::data(
            "internal error: formatted rows were given to a sink without a format",
        ))
    }
}

/// Writes outcome rows in an [`OutputFormat`] (with the CSV header) and passes rejects on to a
/// [`RejectSink`]: the sink of [`Batch::run`](super::Batch::run).
///
/// # Example
///
/// ```
/// use slacal::io::{OutcomeSink, OutputFormat, Reject, ResultWriter};
/// use slacal::{Policy, Record};
///
/// let policy = Policy::builtin("marketplace")?;
/// let mut record = Record::new("offer-1");
/// record.push(policy.event("submitted")?, policy.parse_instant("2026-11-20T09:15:00-08:00")?);
/// let rows = policy.evaluate(&record, policy.parse_instant("2026-11-20T10:00:00-08:00")?)?;
/// let mut writer = ResultWriter::new(OutputFormat::Csv, Vec::new(), Vec::<Reject>::new());
/// writer.outcome(&rows[0])?;
/// let (bytes, rejects) = writer.finish()?;
/// assert_eq!(String::from_utf8(bytes).unwrap(),
///     "record_id,clock,attempt,calendar,start,due_date,deadline,stop,status,elapsed,remaining,unit,estimated\n\
///      offer-1,validation,1,US,2026-11-20T09:15:00-08:00,2026-11-20,2026-11-20T09:30:00-08:00,,overdue,45,-30,minutes,false\n");
/// assert!(rejects.is_empty());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Debug)]
pub struct ResultWriter<W: Write, R> {
    format: OutputFormat,
    out: W,
    rejects: R,
    started: bool,
    buffer: Vec<u8>,
}

impl<W: Write + Send, R: RejectSink> ResultWriter<W, R> {
    /// A writer of rows in `format` to `out`, of rejects to `rejects`.
    pub fn new(format: OutputFormat, out: W, rejects: R) -> ResultWriter<W, R> {
        ResultWriter {
            format,
            out,
            rejects,
            started: false,
            buffer: Vec::with_capacity(512),
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.out
            .write_all(bytes)
            .map_err(|e| io_error("writing the output".to_owned(), &e))
    }

    fn start(&mut self) -> Result<(), Error> {
        if !self.started {
            self.started = true;
            let mut header = Vec::new();
            self.format.write_header(&mut header);
            self.write(&header)?;
        }
        Ok(())
    }

    /// The writer and the reject sink, after writing the header if nothing was written.
    ///
    /// # Errors
    ///
    /// An I/O error of the writer.
    pub fn finish(mut self) -> Result<(W, R), Error> {
        self.start()?;
        Ok((self.out, self.rejects))
    }
}

impl<W: Write + Send, R: RejectSink> OutcomeSink for ResultWriter<W, R> {
    fn outcome(&mut self, outcome: &ClockOutcome) -> Result<(), Error> {
        self.start()?;
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        self.format.write_row(outcome, &mut buffer);
        let written = self.write(&buffer);
        self.buffer = buffer;
        written
    }

    fn reject(&mut self, reject: &Reject) -> Result<(), Error> {
        self.rejects.reject(reject)
    }

    fn format(&self) -> Option<OutputFormat> {
        Some(self.format)
    }

    fn rows(&mut self, bytes: &[u8]) -> Result<(), Error> {
        // The batch gives the header first.
        self.started = true;
        self.write(bytes)
    }
}
