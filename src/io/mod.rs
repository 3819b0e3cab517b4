//! Batch input and output: reading exports of records, evaluating them, and writing results,
//! rejects and a summary; and shifting a CSV of dates in bulk ([`Shift`]).
//!
//! [`Batch`] runs a policy over an export: [`Batch::run`] writes the results as CSV or JSON
//! Lines ([`ResultWriter`]), [`Batch::run_into`] hands each [`ClockOutcome`] and each
//! [`Reject`] to a program's [`OutcomeSink`], in input order; both return a [`Summary`].
//! [`find_record`] gathers one record to explain; [`Generator`] writes synthetic exports.
//!
//! [`ClockOutcome`]: crate::ClockOutcome
//!
//! # Inputs
//!
//! An export is CSV (with a header line) or JSON Lines (one object per line), from a file or
//! standard input, gzip-compressed or not ([`Input`] recognises gzip by its first bytes). It
//! comes in one of two layouts ([`Layout`], detected from the header by [`Schema::detect`]):
//!
//! - an **event log**, one row per event: `record_id,event,at` and an optional `calendar`;
//! - a **wide export**, one row per record: the policy's id column (`offer_id` for the
//!   marketplace policy), an optional `calendar`, and one column per event (`submitted_at`,
//!   …), empty when the event has not happened. A cell may hold several instants separated by
//!   `;` (in JSON Lines also a list of strings): a re-published offer has two `submitted_at`
//!   instants, and its failed certification one `certification_failed_at`. Rows with the same
//!   id one after another are one record.
//!
//! Instants are RFC 3339 with an offset, or local times when the policy names an input zone.
//!
//! # Nothing lost
//!
//! Every row ends in the output (through its record) or in the rejects ([`Reject`]: line,
//! record id, column, raw value, reason, and a [`RejectKind`] where a program may offer a
//! remedy). A row is rejected when it cannot be read (invalid
//! UTF-8 in a field that is read, a field over [`MAX_FIELD_BYTES`], a row over
//! [`MAX_ROW_BYTES`], a wrong number of fields, a truncated last line, an empty id, an
//! unknown event, a malformed or out-of-range instant); a wide row with any bad cell is
//! rejected whole. A record is rejected whole, every row with the reason, when its rows name
//! different calendars, when its calendar is unknown, or when it cannot be evaluated (a
//! deadline beyond the years its calendar covers). A row whose instant falls outside the
//! calendar's years is rejected alone. Exact duplicate events count once.
//!
//! # Outputs
//!
//! One row per record, clock and attempt ([`OutputFormat`]: CSV with the columns of
//! [`OUTCOME_COLUMNS`](crate::sla::OUTCOME_COLUMNS), or JSON Lines with the same keys); rejects
//! as CSV ([`RejectWriter`]); a [`Summary`] with the counts ([`ClockSummary`],
//! [`StatusCounts`]), the policy's digest and the data version of every calendar used
//! ([`CalendarUse`], [`EstimatedUse`]). [`Output`] writes a regular file atomically and a device, a FIFO or
//! standard output straight through ([`Target`]); [`commit_all`] renames all the files of a
//! run into place only once all are complete, and [`abandon`] (for a signal handler) removes
//! what is not committed. Two outputs naming the same file are refused ([`check_distinct`]).
//!
//! # Memory
//!
//! A wide export, and an event log whose rows are grouped by record ([`Batch::sorted`]), are
//! read in one streaming pass: memory does not grow with the records' events, only by 16
//! bytes per record (a fingerprint of its id and its first line, to reject a record that comes
//! back after others). An unsorted event log is grouped in memory (24 bytes per event, plus
//! about 35 bytes and the id's length per record) up to a budget ([`Batch::memory_budget`]),
//! and beyond it in runs sorted by id on disk, merged at the end; its records come out in the
//! byte order of their ids. One record is always held whole.
//!
//! # Example
//!
//! ```
//! use slacal::{Instant, Policy};
//! use slacal::io::{Batch, Input, Reject};
//!
//! let log = "record_id,event,at,calendar\n\
//!            offer-1,submitted,2026-11-20T09:15:00-08:00,US\n\
//!            offer-1,prerequisites_validated,2026-11-20T09:40:00-08:00,\n\
//!            offer-1,certification_passd,2026-11-23T10:00:00-08:00,\n";
//! let batch = Batch::new(Policy::builtin("marketplace")?, Instant::parse("2026-11-22T12:00:00Z")?);
//! let mut output = Vec::new();
//! let mut rejects: Vec<Reject> = Vec::new();
//! let summary = batch.run(Input::from_reader("log", std::io::Cursor::new(log))?, &mut output, &mut rejects)?;
//! assert_eq!((summary.rows_read, summary.rows_rejected), (3, 1));
//! assert!(rejects[0].reason.contains("did you mean `certification_passed`?"));
//! let output = String::from_utf8(output).unwrap();
//! assert!(output.contains("offer-1,validation,1,US,2026-11-20T09:15:00-08:00,2026-11-20,\
//!                          2026-11-20T09:30:00-08:00,2026-11-20T09:40:00-08:00,breached,25,-10,minutes"));
//! # Ok::<(), slacal::Error>(())
//! ```

mod blocks;
mod csv;
mod find;
mod generate;
mod group;
mod input;
mod jsonl;
mod output;
mod pipeline;
mod raw;
mod reject;
mod rows;
mod run;
mod schema;
mod seen;
mod shift;
mod sink;
mod source;
mod store;
mod summary;
mod tally;
mod write;

pub use find::{Found, find_record};
pub use generate::Generator;
pub use input::{Input, InputFormat};
pub use output::{Abandoned, Output, Target, abandon, check_distinct, commit_all, io_error};
pub use reject::{REJECT_COLUMNS, Reject, RejectKind, escape_control};
pub use rows::{MAX_FIELD_BYTES, MAX_ROW_BYTES};
pub use run::{Batch, DEFAULT_MEMORY_BUDGET, MAX_THREADS};
pub use schema::{Layout, Schema};
pub use shift::{Shift, ShiftSummary};
pub use sink::{OutcomeSink, RejectSink, ResultWriter};
pub use summary::{CalendarUse, ClockSummary, EstimatedUse, StatusCounts, Summary, SummaryDisplay};
pub use write::{OutputFormat, RejectWriter};
