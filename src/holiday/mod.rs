//! Holidays: the file format they are written in, and what is computed from it.
//!
//! Holiday data lives in human-readable TOML files, one per country, in the top-level
//! `holidays/` folder of the source tree. They are embedded into the library at build time and
//! parsed on first use; a user's own folder of files (a company's closures, a corrected rule)
//! can be loaded next to them with [`crate::Registry::with_dir`], and a program's own text with
//! [`crate::Registry::from_files`]. The format is described, with a worked example, in
//! `holidays/README.md`: it is the public model of holiday rules (fixed dates, n-th weekdays,
//! Easter offsets, equinoxes, the Hebrew, Chinese and Korean lunisolar, Islamic and Hindu
//! calendars, elections, observed and substitute days). The Rust types behind it are the
//! crate's own, so that the format can grow without breaking a program.
//!
//! - [`ics`]: a calendar's holidays as iCalendar events, and closures read from `.ics` files.
//!
//! The [`crate::Registry`] builds the calendars of a set of files on demand and caches them;
//! with [`crate::Estimates::Allow`], a calendar whose holidays are announced year by year also
//! covers the years after the last announcement, with estimated dates.
//!
//! The modules behind it, crate-private: `rule` (how a holiday's date is found each year and
//! where it is observed), `easter`, `equinox` (Japan's equinox days), `hebrew`, `lunisolar`,
//! `islamic` and `hindu` (the calendars and astronomy the rules need), `load` (the files into
//! definitions) and `registry`.

mod easter;
mod equinox;
mod hebrew;
mod hindu;
pub mod ics;
mod islamic;
pub(crate) mod load;
mod lunisolar;
pub(crate) mod registry;
mod rule;
