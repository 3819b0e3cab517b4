//! What a batch run did: rows read and rejected, records evaluated, clocks by status with
//! breach rates, and what is needed to reproduce the result (the policy's digest and the data
//! version of every calendar used).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::input::InputFormat;
use super::schema::Layout;
use super::write::OutputFormat;
use crate::sla::PolicyOrigin;
use crate::{Estimates, Instant, Status};

/// Outcome rows by status.
///
/// # Example
///
/// ```
/// use slacal::io::{Batch, Input};
/// use slacal::{Instant, Policy, Status};
///
/// let batch = Batch::new(Policy::builtin("marketplace")?, Instant::parse("2026-11-22T12:00:00Z")?);
/// let input = Input::open(Some("examples/offers_wide.csv".as_ref()))?;
/// let summary = batch.run(input, &mut std::io::sink(), &mut Vec::new())?;
/// let publish = &summary.clocks[4];
/// assert_eq!(publish.clock, "publish");
/// assert_eq!(publish.counts.iter().map(|(_, n)| n).sum::<u64>(), publish.counts.total());
/// assert!(publish.counts.get(Status::Met) > 0);
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StatusCounts {
    counts: [u64; Status::ALL.len()],
}

impl StatusCounts {
    /// The rows with a status.
    #[must_use]
    pub fn get(&self, status: Status) -> u64 {
        self.counts[status.index()]
    }

    /// Every status with its rows, in the order of [`Status::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (Status, u64)> + '_ {
        Status::ALL.iter().map(|&status| (status, self.get(status)))
    }

    /// The rows of every status.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Counts one more row with the status of index `status` (see `Status::index`).
    pub(crate) fn add(&mut self, status: u8) {
        if let Some(count) = self.counts.get_mut(usize::from(status)) {
            *count += 1;
        }
    }
}

/// The outcome rows of one clock, by status.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ClockSummary {
    /// The clock's name.
    pub clock: String,
    /// Rows per status.
    pub counts: StatusCounts,
}

impl ClockSummary {
    /// A clock with no rows yet.
    pub(crate) fn new(clock: &str) -> ClockSummary {
        ClockSummary {
            clock: clock.to_owned(),
            counts: StatusCounts::default(),
        }
    }

    /// The number of rows with a status.
    #[must_use]
    pub fn count(&self, status: Status) -> u64 {
        self.counts.get(status)
    }

    /// The share of attempts that missed their deadline, among those whose fate is known:
    /// (`breached` + `overdue`) / (`met` + `breached` + `overdue`). `None` when there is no
    /// such attempt. Running, at-risk, paused, failed, cancelled and not-started attempts do
    /// not count.
    #[must_use]
    pub fn breach_rate(&self) -> Option<f64> {
        let missed = self.count(Status::Breached) + self.count(Status::Overdue);
        let decided = missed + self.count(Status::Met);
        (decided > 0).then(|| missed as f64 / decided as f64)
    }
}

impl Serialize for ClockSummary {
    /// `{"clock": "publish", "met": 12, …, "breach_rate": 0.25}`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(Status::ALL.len() + 2))?;
        map.serialize_entry("clock", &self.clock)?;
        for (status, count) in self.counts.iter() {
            map.serialize_entry(status.name(), &count)?;
        }
        map.serialize_entry("breach_rate", &self.breach_rate())?;
        map.end()
    }
}

/// A calendar a run used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CalendarUse {
    /// The calendar's id.
    pub id: String,
    /// The data version: a digest of the holiday definitions it was built from.
    pub data_version: String,
    /// How many records ran on it.
    pub records: u64,
}

/// Rows that depend on one estimated year of one calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EstimatedUse {
    /// The calendar's id (as the records name it: `SG`, or a joint `US+SG`).
    pub calendar: String,
    /// The year whose holidays are estimated.
    pub year: i32,
    /// The outcome rows that depend on it (see
    /// [`ClockOutcome::is_estimated`](crate::ClockOutcome::is_estimated)).
    pub rows: u64,
}

/// What a batch run did, and what it ran with.
///
/// Its `Display` is the summary for people; [`Summary::to_json`] the one for a sidecar file.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// The input's name.
    pub input: String,
    /// The input's layout (`events` or `wide` in JSON).
    #[serde(serialize_with = "by_name")]
    pub layout: Layout,
    /// The input's format (`csv` or `jsonl` in JSON).
    #[serde(serialize_with = "by_name")]
    pub input_format: InputFormat,
    /// The output's format, when the results were rows in one ([`OutcomeSink::format`]);
    /// `None` when a program took them as outcomes.
    ///
    /// [`OutcomeSink::format`]: super::OutcomeSink::format
    #[serde(serialize_with = "by_name")]
    pub output_format: Option<OutputFormat>,
    /// The policy's name.
    pub policy: String,
    /// Where the policy came from (`policy_file` in JSON: `built in`, or the file).
    #[serde(rename = "policy_file", serialize_with = "as_text")]
    pub policy_origin: PolicyOrigin,
    /// The digest of the policy's text.
    pub policy_digest: String,
    /// The instant the clocks were evaluated as of (in UTC in JSON).
    #[serde(serialize_with = "as_text")]
    pub as_of: Instant,
    /// Whether estimated holiday years were allowed (`true` or `false` in JSON).
    #[serde(serialize_with = "allowed")]
    pub estimates: Estimates,
    /// False for a run that only read and wrote the rows (no evaluation).
    pub evaluated: bool,
    /// Data rows read (blank lines and the header not counted).
    pub rows_read: u64,
    /// Rows that went to the rejects.
    pub rows_rejected: u64,
    /// Records evaluated: each gave its output rows.
    pub records_evaluated: u64,
    /// Events counted once because another row gave the same event at the same instant.
    pub duplicate_events: u64,
    /// Outcome rows written.
    pub outcome_rows: u64,
    /// Outcome rows per clock and status, clocks in the policy's order.
    pub clocks: Vec<ClockSummary>,
    /// Outcome rows whose due date or deadline depends on a year whose holidays are
    /// estimated (the `estimated` column).
    pub estimated_rows: u64,
    /// Those rows per calendar and estimated year, sorted; a row that depends on two
    /// estimated years counts in both.
    pub estimated: Vec<EstimatedUse>,
    /// The calendars used, sorted by id.
    pub calendars: Vec<CalendarUse>,
    /// Things worth knowing that did not stop the run.
    pub warnings: Vec<String>,
    /// Why the run stopped before the end of its input (an output was closed: a broken
    /// pipe); `None` for a run that read all of it.
    pub stopped: Option<String>,
    /// The slacal version that produced the result.
    pub version: String,
}

/// A value named by its `name()`, in JSON.
trait Named {
    fn name(&self) -> Option<&'static str>;
}

impl Named for Layout {
    fn name(&self) -> Option<&'static str> {
        Some(Layout::name(*self))
    }
}

impl Named for InputFormat {
    fn name(&self) -> Option<&'static str> {
        Some(InputFormat::name(*self))
    }
}

impl Named for Option<OutputFormat> {
    fn name(&self) -> Option<&'static str> {
        self.map(OutputFormat::name)
    }
}

fn by_name<T: Named, S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.name().serialize(serializer)
}

fn as_text<T: fmt::Display, S: serde::Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

fn allowed<S: serde::Serializer>(value: &Estimates, serializer: S) -> Result<S::Ok, S::Error> {
    (*value == Estimates::Allow).serialize(serializer)
}

/// A summary for people, with the words a program uses to say how estimated years are
/// refused ([`Summary::display_with`]).
#[derive(Clone, Copy, Debug)]
pub struct SummaryDisplay<'a> {
    summary: &'a Summary,
    refuse_estimates: &'a str,
}

impl Summary {
    /// The rows that ended in the output, through their records.
    #[must_use]
    pub fn rows_used(&self) -> u64 {
        self.rows_read.saturating_sub(self.rows_rejected)
    }

    /// The summary as pretty JSON, for a sidecar file.
    #[must_use]
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers and lists always serializes.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The summary for people, saying that `refuse_estimates` refuses estimated years
    /// instead (the `Display` of a summary says a policy's `estimates = "deny"`; a program
    /// names its own setting).
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::io::{Batch, Input};
    /// use slacal::{Instant, Policy};
    ///
    /// let export = "offer_id,calendar,submitted_at\noffer-1,CN,2026-12-15T10:00:00+08:00\n";
    /// let batch = Batch::new(Policy::builtin("marketplace")?, Instant::parse("2026-12-16T00:00:00Z")?);
    /// let input = Input::from_reader("export", std::io::Cursor::new(export))?;
    /// let summary = batch.run(input, &mut std::io::sink(), &mut Vec::new())?;
    /// assert!(summary.to_string().contains("(`estimates = \"deny\"` rejects such records instead)"));
    /// let text = summary.display_with("`--strict`").to_string();
    /// assert!(text.contains("the `estimated` column marks them (`--strict` rejects such records instead)"));
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn display_with<'a>(&'a self, refuse_estimates: &'a str) -> SummaryDisplay<'a> {
        SummaryDisplay {
            summary: self,
            refuse_estimates,
        }
    }

    pub(crate) fn add_estimated(&mut self, counts: &BTreeMap<String, BTreeMap<i32, u64>>) {
        self.estimated = counts
            .iter()
            .flat_map(|(calendar, years)| {
                years.iter().map(|(year, rows)| EstimatedUse {
                    calendar: calendar.clone(),
                    year: *year,
                    rows: *rows,
                })
            })
            .collect();
    }

    pub(crate) fn add_calendars(&mut self, used: &BTreeMap<String, (u64, String)>) {
        self.calendars = used
            .iter()
            .map(|(id, (records, data_version))| CalendarUse {
                id: id.clone(),
                data_version: data_version.clone(),
                records: *records,
            })
            .collect();
    }
}

impl fmt::Display for Summary {
    /// The summary for people: counts, then a table of clocks by status, then what the
    /// result depends on.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.display_with("`estimates = \"deny\"`").fmt(f)
    }
}

impl fmt::Display for SummaryDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let summary = self.summary;
        writeln!(
            f,
            "{} rows read from {} ({}, {}): {} used, {} rejected; {} records evaluated{}",
            summary.rows_read,
            summary.input,
            summary.layout,
            summary.input_format,
            summary.rows_used(),
            summary.rows_rejected,
            summary.records_evaluated,
            if summary.duplicate_events > 0 {
                format!(
                    "; {} duplicate event{} counted once",
                    summary.duplicate_events,
                    if summary.duplicate_events == 1 {
                        ""
                    } else {
                        "s"
                    }
                )
            } else {
                String::new()
            }
        )?;
        if summary.evaluated && !summary.clocks.is_empty() {
            let width = summary
                .clocks
                .iter()
                .map(|c| c.clock.len())
                .max()
                .unwrap_or(5)
                .max(5);
            write!(f, "{:width$}", "clock")?;
            for status in Status::ALL {
                write!(f, " {:>11}", status.name())?;
            }
            writeln!(f, " {:>11}", "breach rate")?;
            for clock in &summary.clocks {
                write!(f, "{:width$}", clock.clock)?;
                for (_, count) in clock.counts.iter() {
                    write!(f, " {count:>11}")?;
                }
                match clock.breach_rate() {
                    Some(rate) => writeln!(f, " {:>10.1}%", rate * 100.0)?,
                    None => writeln!(f, " {:>11}", "-")?,
                }
            }
        }
        writeln!(
            f,
            "policy `{}` ({}) {}, as of {}{}",
            summary.policy,
            summary.policy_origin,
            summary.policy_digest,
            summary.as_of,
            if summary.estimates == Estimates::Allow {
                ", estimated holiday years allowed"
            } else {
                ""
            }
        )?;
        if let Some(why) = &summary.stopped {
            writeln!(f, "stopped early: {why}")?;
        }
        if !summary.calendars.is_empty() {
            let used: Vec<String> = summary
                .calendars
                .iter()
                .map(|c| {
                    let noun = if c.records == 1 { "record" } else { "records" };
                    format!("{} {} ({} {noun})", c.id, c.data_version, c.records)
                })
                .collect();
            writeln!(f, "calendars: {}", used.join(", "))?;
        }
        if summary.estimated_rows > 0 {
            let years: Vec<String> = summary
                .estimated
                .iter()
                .map(|e| {
                    let noun = if e.rows == 1 { "row" } else { "rows" };
                    format!("{} {} ({} {noun})", e.calendar, e.year, e.rows)
                })
                .collect();
            writeln!(
                f,
                "estimated: {} {} depend on holidays not announced yet, estimated for {}; the \
                 `estimated` column marks them ({} rejects such records instead)",
                summary.estimated_rows,
                if summary.estimated_rows == 1 {
                    "row"
                } else {
                    "rows"
                },
                years.join(", "),
                self.refuse_estimates
            )?;
        }
        Ok(())
    }
}
