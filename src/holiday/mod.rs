//! Holiday definitions: the rule model, the file format and the registry of calendars.
//!
//! Holiday data lives in human-readable TOML files, one per country, in the top-level
//! `holidays/` folder of the source tree. They are embedded into the library at build time and
//! parsed on first use; a user's own folder of files (a company's closures, a corrected rule)
//! can be loaded next to them with [`Registry::with_dir`]. The format is described, with a
//! worked example, in `holidays/README.md`.
//!
//! - [`rule`]: how a holiday's date is found each year and where it is observed;
//! - [`easter`]: the Western and Orthodox Easter computus;
//! - [`equinox`]: the March and September equinoxes (Japan's equinox days);
//! - [`hebrew`], [`lunisolar`], [`islamic`]: the Hebrew calendar, the Chinese and Korean
//!   lunisolar calendars and the tabular Islamic calendar (for estimates);
//! - [`hindu`]: the Hindu lunisolar calendar's festivals, computed astronomically (for
//!   estimates);
//! - [`ics`]: holidays as iCalendar events, and closures read from `.ics` files;
//! - [`Registry`]: the calendars of a set of files, built on demand and cached; with
//!   [`Estimates::Allow`], a calendar whose holidays are announced year by year also covers
//!   the years after the last announcement, with estimated dates.

pub mod easter;
pub mod equinox;
pub mod hebrew;
pub mod hindu;
pub mod ics;
pub mod islamic;
mod load;
pub mod lunisolar;
mod registry;
pub mod rule;

pub use load::KnownThrough;
pub use registry::{CalendarInfo, Estimates, Registry};
pub use rule::{DateRule, Move, MoveTo, Observance, Rule, Shift, expand};
