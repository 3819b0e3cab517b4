//! What a batch run did: rows read and rejected, records evaluated, clocks by status with
//! breach rates, and what is needed to reproduce the result (the policy's digest and the data
//! version of every calendar used).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::Status;

/// The outcome rows of one clock, by status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClockSummary {
    /// The clock's name.
    pub clock: String,
    /// Rows per status, in the order of [`Status::ALL`].
    pub counts: [u64; 9],
}

impl ClockSummary {
    /// The number of rows with a status.
    #[must_use]
    pub fn count(&self, status: Status) -> u64 {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.counts[i])
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
        for (status, count) in Status::ALL.iter().zip(self.counts) {
            map.serialize_entry(status.name(), &count)?;
        }
        map.serialize_entry("breach_rate", &self.breach_rate())?;
        map.end()
    }
}

/// A calendar a run used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    /// The input's name.
    pub input: String,
    /// The input's layout: `events` or `wide`.
    pub layout: String,
    /// The input's format: `csv` or `jsonl`.
    pub input_format: String,
    /// The output's format.
    pub output_format: String,
    /// The policy's name.
    pub policy: String,
    /// Where the policy came from.
    pub policy_file: String,
    /// The digest of the policy's text.
    pub policy_digest: String,
    /// The instant the clocks were evaluated as of, in UTC.
    pub as_of: String,
    /// Whether estimated holiday years were allowed.
    pub estimates: bool,
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
    /// Outcome rows per clock and status.
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

    pub(crate) fn add_estimated(&mut self, counts: &BTreeMap<(String, i32), u64>) {
        self.estimated = counts
            .iter()
            .map(|((calendar, year), rows)| EstimatedUse {
                calendar: calendar.clone(),
                year: *year,
                rows: *rows,
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
        writeln!(
            f,
            "{} rows read from {} ({}, {}): {} used, {} rejected; {} records evaluated{}",
            self.rows_read,
            self.input,
            self.layout,
            self.input_format,
            self.rows_used(),
            self.rows_rejected,
            self.records_evaluated,
            if self.duplicate_events > 0 {
                format!(
                    "; {} duplicate event{} counted once",
                    self.duplicate_events,
                    if self.duplicate_events == 1 { "" } else { "s" }
                )
            } else {
                String::new()
            }
        )?;
        if self.evaluated && !self.clocks.is_empty() {
            let width = self
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
            for clock in &self.clocks {
                write!(f, "{:width$}", clock.clock)?;
                for count in clock.counts {
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
            self.policy,
            self.policy_file,
            self.policy_digest,
            self.as_of,
            if self.estimates {
                ", estimated holiday years allowed"
            } else {
                ""
            }
        )?;
        if let Some(why) = &self.stopped {
            writeln!(f, "stopped early: {why}")?;
        }
        if !self.calendars.is_empty() {
            let used: Vec<String> = self
                .calendars
                .iter()
                .map(|c| {
                    let noun = if c.records == 1 { "record" } else { "records" };
                    format!("{} {} ({} {noun})", c.id, c.data_version, c.records)
                })
                .collect();
            writeln!(f, "calendars: {}", used.join(", "))?;
        }
        if self.estimated_rows > 0 {
            let years: Vec<String> = self
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
                 `estimated` column marks them (`--no-estimates` rejects such records instead)",
                self.estimated_rows,
                if self.estimated_rows == 1 {
                    "row"
                } else {
                    "rows"
                },
                years.join(", ")
            )?;
        }
        Ok(())
    }
}
