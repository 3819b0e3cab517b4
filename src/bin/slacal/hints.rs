//! What the tool adds to a library error when it prints one: the flag or command that helps,
//! chosen by what the error is about (its predicates), never by its text.

use crate::error::Error;

/// The tool's hint for an error, if it has one: shown after the error, on a line of its own.
pub fn hint(err: &Error) -> Option<&'static str> {
    let err = err.library()?;
    if err.is_unknown_calendar() {
        Some("`slacal calendars` lists the known ids")
    } else if err.is_estimates_needed() {
        Some(
            "slacal answers with estimated dates unless `--no-estimates` or a policy's \
             `estimates = \"deny\"` refuses them",
        )
    } else if err.is_layout_unknown() {
        Some("pass `--layout events` or `--layout wide` to say which layout is meant")
    } else if err.is_grouped_input_needed() {
        Some("sort the log by record and pass `--sorted`: it is then read as one stream")
    } else if err.is_spill_folder() {
        Some("`--temp-dir DIR` names another folder; a larger `--memory-budget` spills less")
    } else {
        None
    }
}
