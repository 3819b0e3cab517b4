//! The `slacal` command-line tool: glue between the arguments and the library.

mod args;
mod batch;
mod dates;
mod error;
mod hints;
mod shift;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// Exit code when some input rows were rejected.
const EXIT_REJECTED: u8 = 1;
/// Exit code for a usage or configuration error.
const EXIT_ERROR: u8 = 2;
/// Exit code when the reader of standard output went away (a broken pipe): 128 + SIGPIPE, what
/// a shell reports for a program that a broken pipe ends.
const EXIT_BROKEN_PIPE: u8 = 141;

/// Ends the process on SIGINT, SIGTERM and SIGHUP (exit code 128 + the signal: 130, 143, 129)
/// after removing the temporary files of the outputs not committed yet, which leaves the old
/// outputs as they were. A commit in progress is finished first.
fn handle_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    // Without the thread, the signals keep their default action (the process ends, and a later
    // run removes what it left).
    let _ = std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let what = match signal {
                    SIGINT => "interrupted",
                    SIGTERM => "terminated",
                    SIGHUP => "hung up",
                    _ => "stopped by a signal",
                };
                let message = match slacal::io::abandon() {
                    slacal::io::Abandoned::AlreadyCommitted => {
                        format!("slacal: {what} after the output files were written\n")
                    }
                    slacal::io::Abandoned::LeftAsTheyWere => {
                        format!("slacal: {what}; the output files were left as they were\n")
                    }
                    _ => format!("slacal: {what}\n"),
                };
                write_to_stderr(message.as_bytes());
                std::process::exit(128 + signal);
            }
        });
}

/// Writes to standard error without taking its lock, which another thread may hold.
fn write_to_stderr(bytes: &[u8]) {
    use std::io::Write;
    use std::os::fd::AsFd;
    if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
        let _ = std::fs::File::from(fd).write_all(bytes);
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    handle_signals();
    let rejected = |outcome: batch::Outcome| {
        if outcome.stopped {
            EXIT_BROKEN_PIPE
        } else if outcome.rejected > 0 {
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
        // The reader of our output went away (`slacal holidays US | head`): stop quietly, with
        // an exit code that says the output was cut short.
        Err(err) if err.is_broken_pipe() => ExitCode::from(EXIT_BROKEN_PIPE),
        Err(err) => {
            eprintln!(
                "slacal: error: {}",
                slacal::io::escape_control(&err.to_string())
            );
            if let Some(hint) = hints::hint(&err) {
                eprintln!("slacal: hint: {hint}");
            }
            ExitCode::from(EXIT_ERROR)
        }
    }
}
