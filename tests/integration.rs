//! Integration tests: the calendars against official dates, and the CLI end to end.

mod calendars;
mod cli;
mod io;
mod sla;
