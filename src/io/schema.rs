//! The two layouts of an export and how their columns map to a policy's events.

use crate::error::Detail;
use crate::sla::EventId;
use crate::{Error, Policy};

/// How an export lays out a record's events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layout {
    /// One row per event: `record_id,event,at` and an optional `calendar`.
    EventLog,
    /// One row per record: the record id, an optional `calendar`, and one column of instants
    /// per event (`<event>_at` unless the policy maps them otherwise).
    Wide,
}

impl std::fmt::Display for Layout {
    /// The name: as [`Layout::name`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Layout {
    /// The layout's name: `events` or `wide`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Layout::EventLog => "events",
            Layout::Wide => "wide",
        }
    }
}

/// What a column (CSV) or key (JSON Lines) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The record id.
    Id,
    /// The record's calendar.
    Calendar,
    /// An event log's event name.
    Event,
    /// An event log's instant.
    At,
    /// A wide export's instants of one event.
    Instants(EventId),
}

/// The columns of an export that a policy reads: which layout, which column holds what.
///
/// A CSV header or the keys of the first JSON Lines object decide the layout
/// ([`Schema::detect`]):
///
/// - an **event log** has the columns `event` and `at` and a record id column (`record_id`, or
///   the policy's id column such as `offer_id`);
/// - a **wide export** has the policy's id column (or `record_id`) and at least one of the
///   policy's event columns (`submitted_at`, …);
/// - both have an optional calendar column (`calendar`). Other columns are ignored.
///
/// # Example
///
/// ```
/// use slacal::Policy;
/// use slacal::io::{Layout, Schema};
///
/// let policy = Policy::builtin("marketplace")?;
/// let header = ["record_id", "event", "at", "calendar", "note"].map(String::from);
/// assert_eq!(Schema::detect(&policy, &header, None)?.layout(), Layout::EventLog);
/// let header = ["offer_id", "calendar", "submitted_at", "live_at"].map(String::from);
/// let schema = Schema::detect(&policy, &header, None)?;
/// assert_eq!(schema.layout(), Layout::Wide);
/// // The event columns the export lacks are reported, not guessed.
/// assert!(schema.warnings()[0].contains("prerequisites_validated_at"));
/// assert!(Schema::detect(&policy, &["when".to_owned()], None).is_err());
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Schema {
    layout: Layout,
    /// The name and role of each field the policy reads.
    pub(crate) slots: Vec<(String, Role)>,
    /// For CSV: the slot of each column, by position.
    pub(crate) columns: Vec<Option<usize>>,
    /// For CSV: the column of each slot (the header names each at most once).
    pub(crate) sources: Vec<Option<usize>>,
    /// The header's names.
    header: Vec<String>,
    warnings: Vec<String>,
}

impl Schema {
    /// Detects the layout from a header's names (or the keys of a first JSON object), or
    /// checks the header against a forced layout.
    ///
    /// # Errors
    ///
    /// An input error when the header fits neither layout (or not the forced one), or names
    /// a column the policy reads twice; the message lists the columns found and expected.
    pub fn detect(
        policy: &Policy,
        header: &[String],
        forced: Option<Layout>,
    ) -> Result<Schema, Error> {
        let has = |name: &str| header.iter().any(|h| h == name);
        let id_column = if has(policy.record_id_column()) {
            Some(policy.record_id_column().to_owned())
        } else if has("record_id") {
            Some("record_id".to_owned())
        } else {
            None
        };
        let event_columns: Vec<(EventId, &str)> = policy.event_columns().collect();
        let wide_columns = event_columns.iter().filter(|(_, c)| has(c)).count();
        let log_columns = has("event") && has("at");
        let layout = match forced {
            Some(layout) => layout,
            None if log_columns && id_column.is_some() => Layout::EventLog,
            None if wide_columns > 0 && id_column.is_some() => Layout::Wide,
            None => {
                return Err(Error::input(format!(
                    "the header fits neither layout (found: {}); an event log needs the columns \
                     `record_id,event,at` (and optionally `{calendar}`), a wide export needs \
                     `{id}` and event columns such as `{first}`; name the layout to say which \
                     one is meant",
                    shown(header),
                    calendar = policy.calendar_column(),
                    id = policy.record_id_column(),
                    first = event_columns.first().map_or("<event>_at", |(_, c)| c),
                ))
                .with_detail(Detail::LayoutUnknown));
            }
        };
        let Some(id_column) = id_column else {
            return Err(Error::input(format!(
                "the header has no record id column `{}` or `record_id` (found: {})",
                policy.record_id_column(),
                shown(header)
            )));
        };
        let mut slots = vec![(id_column, Role::Id)];
        if has(policy.calendar_column()) {
            slots.push((policy.calendar_column().to_owned(), Role::Calendar));
        }
        let mut warnings = Vec::new();
        match layout {
            Layout::EventLog => {
                for name in ["event", "at"] {
                    if !has(name) {
                        return Err(Error::input(format!(
                            "an event log needs the columns `record_id,event,at`; the header has \
                             no `{name}` (found: {})",
                            shown(header)
                        )));
                    }
                }
                slots.push(("event".to_owned(), Role::Event));
                slots.push(("at".to_owned(), Role::At));
            }
            Layout::Wide => {
                if wide_columns == 0 {
                    return Err(Error::input(format!(
                        "a wide export needs one column per event ({}); the header has none of \
                         them (found: {})",
                        event_columns
                            .iter()
                            .map(|(_, c)| format!("`{c}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        shown(header)
                    )));
                }
                let missing: Vec<String> = event_columns
                    .iter()
                    .filter(|(_, c)| !has(c))
                    .map(|(_, c)| format!("`{c}`"))
                    .collect();
                if !missing.is_empty() {
                    warnings.push(format!(
                        "the header has no column {}: those events are never read",
                        missing.join(", ")
                    ));
                }
                for (event, column) in &event_columns {
                    if has(column) {
                        slots.push(((*column).to_owned(), Role::Instants(*event)));
                    }
                }
            }
        }
        let mut columns = vec![None; header.len()];
        let mut sources = vec![None; slots.len()];
        for (slot, (name, _)) in slots.iter().enumerate() {
            let positions: Vec<usize> = header
                .iter()
                .enumerate()
                .filter(|(_, h)| *h == name)
                .map(|(i, _)| i)
                .collect();
            if positions.len() > 1 {
                return Err(Error::input(format!(
                    "the header names the column `{name}` {} times; which one to read is unclear",
                    positions.len()
                )));
            }
            if let Some(&position) = positions.first() {
                columns[position] = Some(slot);
                sources[slot] = Some(position);
            }
        }
        Ok(Schema {
            layout,
            slots,
            columns,
            sources,
            header: header.to_vec(),
            warnings,
        })
    }

    /// The layout.
    #[must_use]
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The header's column names, in order.
    #[must_use]
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The name of the record id column.
    #[must_use]
    pub fn id_column(&self) -> &str {
        &self.slots[0].0
    }

    /// The name of the calendar column, when the export has one.
    #[must_use]
    pub fn calendar_column(&self) -> Option<&str> {
        self.slots
            .iter()
            .find(|(_, role)| *role == Role::Calendar)
            .map(|(name, _)| name.as_str())
    }

    /// Things worth telling the user that do not stop the run (event columns the export
    /// lacks).
    #[must_use]
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The name of the column that holds an event's instant: `at` in an event log.
    pub(crate) fn instant_column(&self, event: EventId) -> &str {
        self.slots
            .iter()
            .find(|(_, role)| *role == Role::At || *role == Role::Instants(event))
            .map_or("at", |(name, _)| name.as_str())
    }
}

/// Header names for a message, shortened when there are many.
fn shown(header: &[String]) -> String {
    if header.is_empty() {
        return "nothing".to_owned();
    }
    let mut names: Vec<String> = header
        .iter()
        .take(12)
        .map(|h| {
            let short: String = h.chars().take(40).collect();
            format!("`{short}`")
        })
        .collect();
    if header.len() > 12 {
        names.push(format!("and {} more", header.len() - 12));
    }
    names.join(", ")
}
