//! `slacal shift`: business-day addition over a streamed CSV of `date,days` pairs, by the
//! library's [`Shift`]; bad rows are reported on standard error by line.

use std::io::Write;

use slacal::io::{Input, Output, Reject, RejectSink, Shift, escape_control};

use crate::args::ShiftArgs;
use crate::dates::{calendar, note_estimates};
use crate::error::Error;

/// What a run did: how many rows it rejected.
pub struct Outcome {
    pub rejected: u64,
}

/// The rows that cannot be shifted, one line each on standard error:
/// `slacal: <input>: line N: column `date`: reason`.
struct StderrRejects {
    input: String,
}

impl RejectSink for StderrRejects {
    fn reject(&mut self, reject: &Reject) -> Result<(), slacal::Error> {
        let column = if reject.column.is_empty() {
            String::new()
        } else {
            format!("column `{}`: ", reject.column)
        };
        let line = format!(
            "slacal: {}: line {}: {column}{}",
            self.input, reject.line, reject.reason
        );
        // No raw control characters from the input on the terminal.
        let _ = writeln!(std::io::stderr().lock(), "{}", escape_control(&line));
        Ok(())
    }
}

pub fn run(args: &ShiftArgs) -> Result<Outcome, Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let input = Input::open(args.input.as_deref())?;
    let mut rejects = StderrRejects {
        input: input.name().to_owned(),
    };
    let mut out = Output::create(args.output.as_deref())?;
    let summary = Shift::new(calendar.clone())
        .start_rule(args.start_rule.into())
        .run(input, &mut out, &mut rejects)?;
    out.commit()?;
    if let Some((first, last)) = summary.estimated {
        note_estimates(&calendar, first, last);
    }
    Ok(Outcome {
        rejected: summary.rows_rejected,
    })
}
