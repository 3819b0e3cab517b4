//! The single public error type.
//!
//! Every fallible operation of the crate returns [`Error`]. It is cheap to clone (one `Arc`),
//! carries a chain of context from the outermost operation to the innermost cause, and answers a
//! few questions through predicates instead of exposing its kinds:
//!
//! - [`Error::is_range`]: a date, year or count outside what the calendar covers;
//! - [`Error::is_data`]: a broken holiday or policy definition;
//! - [`Error::is_input`]: a malformed value in the user's input (a date, a number, a row);
//! - [`Error::is_io`]: reading or writing a file failed ([`Error::io_kind`] says how);
//! - [`Error::is_estimates_needed`], [`Error::is_unknown_calendar`]: what a program (the CLI
//!   among them) can offer the user to do about it.
//!
//! `Display` prints the chain outer to inner, joined by `: `, for example
//! ``holidays/us.toml:12:9: holiday `New Year's Day`: month 13 is out of range (1..=12)``.
//!
//! Errors are made only by the library (the constructors are crate-private): a program that
//! links it and reports failures of its own wraps [`Error`] in its own type, as the `slacal`
//! binary does.

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
    /// What the error is about, when a program can offer a remedy; kept through every context.
    detail: Option<Detail>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Range,
    Data,
    Input,
    Io,
}

/// What an error is about, beyond its kind, for the predicates that let a program offer a
/// remedy ([`Error::is_estimates_needed`], [`Error::is_unknown_calendar`],
/// [`Error::is_layout_unknown`], [`Error::is_grouped_input_needed`],
/// [`Error::is_spill_folder`]). Crate-private, so that it can grow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    /// A date in a year whose holidays are not announced yet, which estimates would cover.
    EstimatesNeeded,
    /// A calendar id that no calendar of the registry has.
    UnknownCalendar,
    /// An export whose layout (event log or wide) cannot be told from its header or keys.
    LayoutUnknown,
    /// An event log too large or too far-reaching to group by record, which could be read as
    /// one stream if its rows were grouped by record already.
    GroupedInputNeeded,
    /// No temporary folder for the runs of an event log grouped on disk.
    SpillFolder,
}

impl Error {
    fn new(kind: Kind, message: impl Into<String>) -> Error {
        Error {
            inner: Arc::new(Inner {
                kind,
                message: message.into(),
                cause: None,
                io_kind: None,
                detail: None,
            }),
        }
    }

    /// A value outside the supported or covered range.
    pub(crate) fn range(message: impl Into<String>) -> Error {
        Error::new(Kind::Range, message)
    }

    /// A broken holiday definition, policy or calendar data, or an unknown id.
    pub(crate) fn data(message: impl Into<String>) -> Error {
        Error::new(Kind::Data, message)
    }

    /// A malformed value in the user's input.
    pub(crate) fn input(message: impl Into<String>) -> Error {
        Error::new(Kind::Input, message)
    }

    /// A failed read or write: what was being done, and the I/O error.
    pub(crate) fn from_io(message: impl Into<String>, cause: &std::io::Error) -> Error {
        let mut err = Error::new(Kind::Io, format!("{}: {cause}", message.into()));
        if let Some(inner) = Arc::get_mut(&mut err.inner) {
            inner.io_kind = Some(cause.kind());
        }
        err
    }

    /// This error, marked with what it is about (see [`Detail`]).
    #[must_use]
    pub(crate) fn with_detail(mut self, detail: Detail) -> Error {
        match Arc::get_mut(&mut self.inner) {
            Some(inner) => {
                inner.detail = Some(detail);
                self
            }
            None => self.rebuilt(self.inner.kind, Some(detail)),
        }
    }

    /// This error as a data error, its chain and detail kept: a value that is well-formed
    /// input but wrong as part of a definition (a policy's `budget = "3 fortnights"`).
    #[must_use]
    pub(crate) fn into_data(self) -> Error {
        self.rebuilt(Kind::Data, self.inner.detail)
    }

    /// The same message and causes, with another kind and detail at the top.
    fn rebuilt(&self, kind: Kind, detail: Option<Detail>) -> Error {
        Error {
            inner: Arc::new(Inner {
                kind,
                message: self.inner.message.clone(),
                cause: self.inner.cause.clone(),
                io_kind: if kind == Kind::Io {
                    self.inner.io_kind
                } else {
                    None
                },
                detail,
            }),
        }
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
                detail: self.inner.detail,
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
    /// use std::io::ErrorKind;
    ///
    /// let err = slacal::Registry::with_dir("no/such/folder".as_ref()).unwrap_err();
    /// assert!(err.is_io());
    /// assert_eq!(err.io_kind(), Some(ErrorKind::NotFound));
    /// ```
    #[must_use]
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        self.inner.io_kind
    }

    /// True when a date fell in a year whose holidays are not announced yet, and estimated
    /// dates would cover it: the same question asked of a calendar that allows estimates
    /// ([`crate::Estimates::Allow`]) has an answer. Such an error is also a range error.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use slacal::{Estimates, Registry};
    ///
    /// let registry = Registry::builtin()?;
    /// let date = NaiveDate::from_ymd_opt(2030, 2, 4).unwrap();
    /// let err = registry.calendar("CN")?.is_business_day(date).unwrap_err();
    /// assert!(err.is_range() && err.is_estimates_needed());
    /// assert!(registry.calendar_with("CN", Estimates::Allow)?.is_business_day(date).is_ok());
    /// // Before the covered years, estimates do not help.
    /// let early = NaiveDate::from_ymd_opt(1950, 1, 2).unwrap();
    /// assert!(!registry.calendar("CN")?.is_business_day(early).unwrap_err().is_estimates_needed());
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn is_estimates_needed(&self) -> bool {
        self.inner.detail == Some(Detail::EstimatesNeeded)
    }

    /// True when a calendar id is not known to the registry that was asked (the listing of
    /// [`crate::Registry::ids`] has the known ones). Such an error is also a data error.
    ///
    /// # Example
    ///
    /// ```
    /// let err = slacal::Calendar::builtin("XX").unwrap_err();
    /// assert!(err.is_data() && err.is_unknown_calendar());
    /// ```
    #[must_use]
    pub fn is_unknown_calendar(&self) -> bool {
        self.inner.detail == Some(Detail::UnknownCalendar)
    }

    /// True when an export's layout (event log or wide export) could not be told from its
    /// header or its JSON keys: naming the layout ([`crate::io::Batch::layout`]) helps.
    ///
    /// # Example
    ///
    /// ```
    /// use slacal::io::{Batch, Input, Reject};
    /// use slacal::{Instant, Policy};
    ///
    /// let batch = Batch::new(Policy::builtin("marketplace")?, Instant::parse("2026-11-22T12:00:00Z")?);
    /// let input = Input::from_reader("x.csv", std::io::Cursor::new("a,b\n1,2\n"))?;
    /// let err = batch.run(input, &mut Vec::new(), &mut Vec::<Reject>::new()).unwrap_err();
    /// assert!(err.is_input() && err.is_layout_unknown());
    /// # Ok::<(), slacal::Error>(())
    /// ```
    #[must_use]
    pub fn is_layout_unknown(&self) -> bool {
        self.inner.detail == Some(Detail::LayoutUnknown)
    }

    /// True when an event log could not be grouped by record (more lines or farther instants
    /// than grouping keeps), and would be read as one stream if its rows were grouped by record
    /// already ([`crate::io::Batch::sorted`]).
    #[must_use]
    pub fn is_grouped_input_needed(&self) -> bool {
        self.inner.detail == Some(Detail::GroupedInputNeeded)
    }

    /// True when no temporary folder could be made for the runs of an event log grouped on
    /// disk: another folder ([`crate::io::Batch::temp_dir`]) or a larger memory budget
    /// ([`crate::io::Batch::memory_budget`]) helps.
    #[must_use]
    pub fn is_spill_folder(&self) -> bool {
        self.inner.detail == Some(Detail::SpillFolder)
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

    #[test]
    fn a_change_of_kind_keeps_the_chain_and_the_detail() {
        let inner = Error::range("year 2300 is outside the supported range 1900..=2199")
            .with_detail(Detail::EstimatesNeeded)
            .context("holiday `Day`");
        let outer = inner.clone().into_data().context("p.toml:3:1");
        assert!(outer.is_data() && !outer.is_range());
        assert!(outer.is_estimates_needed());
        assert_eq!(
            outer.to_string(),
            "p.toml:3:1: holiday `Day`: year 2300 is outside the supported range 1900..=2199"
        );
        // The causes keep their own kinds.
        assert!(
            outer
                .cause()
                .and_then(Error::cause)
                .is_some_and(Error::is_range)
        );
        assert!(inner.is_range());
        // An I/O error's kind goes with its kind.
        let io = Error::from_io("reading `x`", &std::io::ErrorKind::NotFound.into());
        assert_eq!(
            io.clone().context("c").io_kind(),
            Some(std::io::ErrorKind::NotFound)
        );
        assert_eq!(io.into_data().io_kind(), None);
    }
}
