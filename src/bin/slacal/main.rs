//! The `slacal` command-line tool: glue between the arguments and the library.

mod args;
mod batch;
mod dates;
mod shift;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit code when some input rows were rejected.
const EXIT_REJECTED: u8 = 1;
/// Exit code for a usage or configuration error.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rejected = |outcome: batch::Outcome| {
        if outcome.rejected > 0 {
            EXIT_REJECTED
        } else {
            0
        }
    };
    let result = match &cli.command {
        Command::Run(args) => batch::run(args).map(rejected),
        Command::Explain(args) => batch::explain(args).map(rejected),
        Command::Generate(args) => batch::generate(args).map(|()| 0),
        Command::Policy(args) => batch::policy(&args.command).map(|()| 0),
        Command::Calendars(args) => dates::calendars(args).map(|()| 0),
        Command::Holidays(args) => dates::holidays(args).map(|()| 0),
        Command::Add(args) => dates::add(args).map(|()| 0),
        Command::Count(args) => dates::count(args).map(|()| 0),
        Command::Check(args) => dates::check(args).map(|()| 0),
        Command::Adjust(args) => dates::adjust(args).map(|()| 0),
        Command::Cal(args) => dates::cal(args).map(|()| 0),
        Command::Shift(args) => shift::run(args).map(|outcome| {
            if outcome.rejected > 0 {
                eprintln!("slacal: {} rows rejected", outcome.rejected);
                EXIT_REJECTED
            } else {
                0
            }
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // The reader of our output went away (`slacal holidays US | head`): stop quietly.
        Err(err) if slacal::io::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("slacal: error: {err}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
