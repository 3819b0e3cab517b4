//! Finding one record in an export, for an explanation: its rows, wherever they are, checked
//! as a batch run checks them.

use super::group::{Encoding, Evaluator, Group, Results};
use super::input::{Input, InputFormat};
use super::reject::{Reject, RejectKind};
use super::rows::{Row, RowParser};
use super::schema::Layout;
use super::source::{BLOCK_SIZE, Source};
use super::tally::came_back;
use crate::{Error, Instant, Policy, Record};

/// One record of an export, found by id: its rows and events, ready to be explained.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Found {
    /// The record, when at least one of its rows could be used.
    pub record: Option<Record>,
    /// The record's rows that could not be used.
    pub rejects: Vec<Reject>,
    /// The lines of the rows that were used.
    pub lines: Vec<u64>,
}

/// Reads an export and gathers the rows of one record (wherever they are), checked as a batch
/// run checks them.
///
/// # Errors
///
/// As [`Batch::run`](super::Batch::run).
///
/// # Example
///
/// ```
/// use slacal::Policy;
/// use slacal::io::{Input, find_record};
///
/// let log = "record_id,event,at\nA,submitted,2026-11-20T09:00:00Z\n\
///            B,submitted,2026-11-20T10:00:00Z\nA,live,2026-11-2T09:00:00Z\n";
/// let policy = Policy::builtin("marketplace")?;
/// let input = Input::from_reader("log", std::io::Cursor::new(log))?;
/// let found = find_record(&policy, input, None, None, "A")?;
/// assert_eq!(found.record.unwrap().events().len(), 1);
/// assert_eq!(found.rejects[0].line, 4);
/// # Ok::<(), slacal::Error>(())
/// ```
pub fn find_record(
    policy: &Policy,
    input: Input,
    format: Option<InputFormat>,
    layout: Option<Layout>,
    record_id: &str,
) -> Result<Found, Error> {
    let mut source = Source::open(input, policy, format, layout)?;
    let schema = source.schema.clone();
    let mut parser = RowParser::new(policy, &schema, source.format);
    let mut row = Row::default();
    let mut group = Group::default();
    let mut rejects = Vec::new();
    let mut next = source.blocks(BLOCK_SIZE);
    // A wide export keeps a record's rows together, as a run does: rows of the record after
    // other records are not used.
    let wide = schema.layout() == Layout::Wide;
    let id_column = schema.id_column().to_owned();
    let mut run_ended = false;
    let mut later = Vec::new();
    while let Some(block) = next()? {
        let mut block_rejects = Vec::new();
        parser.parse_block(&block, &mut row, &mut block_rejects, &mut |row| {
            if row.record_id != record_id {
                run_ended = !group.is_empty();
                return;
            }
            if group.is_empty() {
                group.start(row);
            } else if wide && run_ended {
                let first = group.rows.first().map_or(0, |row| row.line);
                later.push(Reject {
                    kind: RejectKind::CameBack {
                        first_line: first,
                        layout: Layout::Wide,
                    },
                    ..Reject::new(
                        row.line,
                        record_id,
                        &*id_column,
                        record_id,
                        came_back(Layout::Wide, record_id, first),
                    )
                });
            } else {
                group.add(row);
            }
        });
        rejects.extend(
            block_rejects
                .into_iter()
                .filter(|r| r.record_id == record_id),
        );
    }
    rejects.append(&mut later);
    if group.is_empty() {
        return Ok(Found {
            record: None,
            rejects,
            lines: Vec::new(),
        });
    }
    let mut evaluator = Evaluator::new(policy, &schema, Instant::EPOCH, Encoding::Nothing);
    let mut results = Results::default();
    let prepared = evaluator.prepare(&group, &mut results);
    rejects.extend(results.rejects);
    rejects.sort_by_key(|r| r.line);
    let record = prepared.map(|_| evaluator.record().clone());
    let lines = record
        .as_ref()
        .map(|r| {
            let mut lines: Vec<u64> = r.events().iter().filter_map(|e| e.row).collect();
            lines.sort_unstable();
            lines.dedup();
            lines
        })
        .unwrap_or_default();
    Ok(Found {
        record,
        rejects,
        lines,
    })
}
