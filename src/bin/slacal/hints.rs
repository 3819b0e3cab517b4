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
    } else {
        None
    }
}
