//! The single public error type.
//!
//! Every fallible operation of the crate returns [`Error`]. It is cheap to clone (one `Arc`),
//! carries a chain of context from the outermost operation to the innermost cause, and answers a
//! few questions through predicates instead of exposing its kinds:
//!
//! - [`Error::is_range`]: a date, year or count outside what the calendar covers;
//! - [`Error::is_data`]: a broken holiday or policy definition;
//! - [`Error::is_input`]: a malformed value in the user's input (a date, a number, a row);
//! - [`Error::is_io`]: reading or writing a file failed.
//!
//! `Display` prints the chain outer to inner, joined by `: `, for example
//! ``holidays/us.toml:12:1: holiday `New Year's Day`: month 13 is out of range (1..=12)``.

use std::fmt;
use std::sync::Arc;

/// What went wrong, in a form a person can act on.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use slacal::Calendar;
///
/// let us = Calendar::builtin("US")?;
/// let err = us.add_business_days(NaiveDate::from_ymd_opt(1850, 1, 1).unwrap(), 1).unwrap_err();
/// assert!(err.is_range());
/// assert!(err.to_string().contains("1850-01-01"));
/// # Ok::<(), slacal::Error>(())
/// ```
#[derive(Clone)]
pub struct Error {
    inner: Arc<Inner>,
}

struct Inner {
    kind: Kind,
    message: String,
    cause: Option<Error>,
    /// The kind of the I/O error behind an I/O error, kept through every context.
    io_kind: Option<std::io::ErrorKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Range,
    Data,
    Input,
    Io,
}

impl Error {
    fn new(kind: Kind, message: impl Into<String>) -> Error {
        Error {
            inner: Arc::new(Inner {
                kind,
                message: message.into(),
                cause: None,
                io_kind: None,
            }),
        }
    }

    /// A value outside the supported or covered range.
    pub fn range(message: impl Into<String>) -> Error {
        Error::new(Kind::Range, message)
    }

    /// A broken holiday definition, policy or calendar data, or an unknown id.
    pub fn data(message: impl Into<String>) -> Error {
        Error::new(Kind::Data, message)
    }

    /// A malformed value in the user's input.
    pub fn input(message: impl Into<String>) -> Error {
        Error::new(Kind::Input, message)
    }

    /// A failed read or write: what was being done, and the I/O error.
    pub fn from_io(message: impl Into<String>, cause: &std::io::Error) -> Error {
        let mut err = Error::new(Kind::Io, format!("{}: {cause}", message.into()));
        if let Some(inner) = Arc::get_mut(&mut err.inner) {
            inner.io_kind = Some(cause.kind());
        }
        err
    }

    /// Wraps this error with what was being done when it happened.
    ///
    /// The kind of the innermost error is kept, so predicates such as [`Error::is_range`] still
    /// answer for the cause.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::Calendar;
    ///
    /// let err = Calendar::builtin("XX").unwrap_err().context("loading the policy");
    /// assert!(err.to_string().starts_with("loading the policy: "));
    /// ```
    #[must_use]
    pub fn context(self, message: impl Into<String>) -> Error {
        Error {
            inner: Arc::new(Inner {
                kind: self.inner.kind,
                message: message.into(),
                io_kind: self.inner.io_kind,
                cause: Some(self),
            }),
        }
    }

    /// True when a date, year or count fell outside the supported range (1900-01-01 ..=
    /// 2199-12-31) or outside the years a calendar's data covers.
    #[must_use]
    pub fn is_range(&self) -> bool {
        self.inner.kind == Kind::Range
    }

    /// True when holiday, calendar or policy data is broken or an id is unknown.
    #[must_use]
    pub fn is_data(&self) -> bool {
        self.inner.kind == Kind::Data
    }

    /// True when a value given by the user (a date, a number, a row) is malformed.
    #[must_use]
    pub fn is_input(&self) -> bool {
        self.inner.kind == Kind::Input
    }

    /// True when reading or writing a file failed.
    #[must_use]
    pub fn is_io(&self) -> bool {
        self.inner.kind == Kind::Io
    }

    /// The kind of the I/O error behind an I/O error ([`Error::is_io`]), whatever context was
    /// added since; `None` for other errors.
    ///
    /// # Example
    ///
    /// ```
    /// use std::io::{Error as IoError, ErrorKind};
    ///
    /// let err = slacal::Error::from_io("writing the output", &IoError::from(ErrorKind::BrokenPipe))
    ///     .context("run");
    /// assert_eq!(err.io_kind(), Some(ErrorKind::BrokenPipe));
    /// ```
    #[must_use]
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        self.inner.io_kind
    }

    /// The message of this level only, without the causes.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The error this one wraps, if any.
    #[must_use]
    pub fn cause(&self) -> Option<&Error> {
        self.inner.cause.as_ref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)?;
        let mut next = self.inner.cause.as_ref();
        while let Some(err) = next {
            write!(f, ": {}", err.inner.message)?;
            next = err.inner.cause.as_ref();
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}: {self})", self.inner.kind)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_joins_the_chain_outer_to_inner() {
        let err = Error::data("month 13 is out of range (1..=12)")
            .context("holiday `New Year's Day`")
            .context("holidays/us.toml:12:1");
        assert_eq!(
            err.to_string(),
            "holidays/us.toml:12:1: holiday `New Year's Day`: month 13 is out of range (1..=12)"
        );
        assert!(err.is_data());
        assert!(!err.is_range());
        assert_eq!(err.message(), "holidays/us.toml:12:1");
        assert!(err.cause().is_some());
    }
}
