//! The tool's errors: the library's, or the tool's own (a flag's value, a file that does not
//! fit the command), each with the context of what the command was doing.
//!
//! The library makes its errors itself; the tool wraps them here rather than making library
//! errors, and adds its hints when it prints them ([`crate::hints`]).

use std::fmt;

/// A failure of a command.
#[derive(Clone, Debug)]
pub enum Error {
    /// The library's error.
    Library(slacal::Error),
    /// The tool's own: what is wrong and what to do, in the tool's terms.
    Cli(String),
}

impl Error {
    /// The tool's own error.
    pub fn msg(message: impl Into<String>) -> Error {
        Error::Cli(message.into())
    }

    /// The library's error behind this one, if it is one.
    pub fn library(&self) -> Option<&slacal::Error> {
        match self {
            Error::Library(err) => Some(err),
            Error::Cli(_) => None,
        }
    }

    /// True when the reader of the output went away (`slacal holidays US | head`).
    pub fn is_broken_pipe(&self) -> bool {
        self.library()
            .is_some_and(|err| err.io_kind() == Some(std::io::ErrorKind::BrokenPipe))
    }
}

impl From<slacal::Error> for Error {
    fn from(err: slacal::Error) -> Error {
        Error::Library(err)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Library(err) => err.fmt(f),
            Error::Cli(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for Error {}
