//! Command-line arguments. Each flag's help text sits next to its definition.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Business-day SLA engine: deadlines and business-day arithmetic over regional holiday
/// calendars.
#[derive(Debug, Parser)]
#[command(
    name = "slacal",
    version,
    about,
    after_help = "Dates are written YYYY-MM-DD and must lie in 1900-01-01 ..= 2199-12-31 and in the years \
                  the calendar covers (see `slacal calendars`).\n\
                  Exit codes: 0 success, 1 some input rows were rejected, 2 usage or configuration error.\n\n\
                  Examples:\n  \
                  slacal add US 2026-11-20 15          15 business days after 2026-11-20\n  \
                  slacal count US 2026-01-01 2027-01-01\n  \
                  slacal holidays GB-ENG --from 2020 --to 2023\n  \
                  slacal shift US < pairs.csv > shifted.csv"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the calendars: id, name, time zone, covered years, estimated-only years, weekend,
    /// data version.
    Calendars(CalendarsArgs),
    /// List a calendar's holidays for a range of years (observed days as their own rows).
    Holidays(HolidaysArgs),
    /// Add N business days to a date and print the resulting date.
    #[command(after_help = "N > 0: the N-th business day strictly after DATE.\n\
                            N < 0: the |N|-th business day strictly before DATE.\n\
                            N = 0: DATE if it is a business day, else the next business day.\n\n\
                            Example: slacal add US 2026-11-20 15   ->   2026-12-14")]
    Add(AddArgs),
    /// Count the business days from one date to another (FROM included, TO excluded).
    #[command(
        after_help = "The count is F(TO) - F(FROM), where F(x) is the number of business days before x:\n\
                            the business days in [FROM, TO), negative when TO is before FROM.\n\n\
                            Example: slacal count US 2026-01-01 2027-01-01   ->   250"
    )]
    Count(CountArgs),
    /// Say whether a date is a business day, and why not.
    Check(CheckArgs),
    /// Move a date to a business day by a convention (following, modified-following, ...).
    Adjust(AdjustArgs),
    /// Add business days to every row of a CSV of `date,days` pairs (streamed).
    #[command(
        after_help = "Input: CSV with a header that has the columns `date` and `days` (others are kept).\n\
                            Output: the input columns and `result`, one row per input row, in input order.\n\
                            A bad row is reported on standard error with its line number and reason, keeps an\n\
                            empty `result`, and makes the exit code 1; the run goes on.\n\n\
                            Example: slacal shift US --input pairs.csv --output shifted.csv"
    )]
    Shift(ShiftArgs),
    /// Print a month (or a year) with the non-business days marked.
    Cal(CalArgs),
}

/// Where calendars come from.
#[derive(Debug, Args)]
pub struct CalendarSource {
    /// Also load the holiday files (*.toml) of this folder; its calendars replace built-in
    /// ones with the same id.
    #[arg(long, value_name = "DIR")]
    pub holidays_dir: Option<PathBuf>,
    /// Also cover the years after a calendar's announced holidays with estimated dates
    /// (computed from the lunisolar or the tabular Islamic calendar), shown as `[estimated]`.
    /// Without it a date after the announced years is an error. See `slacal calendars`.
    #[arg(long)]
    pub allow_estimates: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// A JSON array of objects.
    Json,
}

#[derive(Debug, Args)]
pub struct CalendarsArgs {
    #[command(flatten)]
    pub source: CalendarSource,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct HolidaysArgs {
    /// Calendar id, e.g. `US`, `GB-ENG`, or a joint calendar such as `US+GB-ENG`.
    pub calendar: String,
    /// First year (default: the current year).
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// Last year, included (default: the first year).
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ListFormat,
    #[command(flatten)]
    pub source: CalendarSource,
}

/// How counting starts from a day that is not a business day.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StartRuleArg {
    /// Count from the next day: Sunday + 1 = Monday (QuantLib, numpy roll='backward').
    NextDay,
    /// Roll forward to a business day first, then count: Sunday + 1 = Tuesday (bdays crate).
    RollForward,
}

impl From<StartRuleArg> for slacal::StartRule {
    fn from(rule: StartRuleArg) -> slacal::StartRule {
        match rule {
            StartRuleArg::NextDay => slacal::StartRule::NextDay,
            StartRuleArg::RollForward => slacal::StartRule::RollForward,
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Calendar id, e.g. `US` or `US+GB-ENG`.
    pub calendar: String,
    /// The start date, YYYY-MM-DD.
    pub date: String,
    /// Business days to add; negative to go back.
    #[arg(allow_hyphen_values = true)]
    pub days: String,
    /// How counting starts from a non-business day.
    #[arg(long, value_enum, default_value = "next-day")]
    pub start_rule: StartRuleArg,
    /// Also list every non-business day skipped on the way, with its reason.
    #[arg(long)]
    pub explain: bool,
    #[command(flatten)]
    pub source: CalendarSource,
}

#[derive(Debug, Args)]
pub struct CountArgs {
    /// Calendar id.
    pub calendar: String,
    /// First date, YYYY-MM-DD (counted).
    pub from: String,
    /// Last date, YYYY-MM-DD (not counted).
    pub to: String,
    #[command(flatten)]
    pub source: CalendarSource,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Calendar id.
    pub calendar: String,
    /// The date, YYYY-MM-DD.
    pub date: String,
    #[command(flatten)]
    pub source: CalendarSource,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ConventionArg {
    /// The first business day on or after the date.
    Following,
    /// Following, unless that leaves the month; then preceding.
    ModifiedFollowing,
    /// The last business day on or before the date.
    Preceding,
    /// Preceding, unless that leaves the month; then following.
    ModifiedPreceding,
    /// The date itself.
    Unadjusted,
}

impl From<ConventionArg> for slacal::Convention {
    fn from(convention: ConventionArg) -> slacal::Convention {
        match convention {
            ConventionArg::Following => slacal::Convention::Following,
            ConventionArg::ModifiedFollowing => slacal::Convention::ModifiedFollowing,
            ConventionArg::Preceding => slacal::Convention::Preceding,
            ConventionArg::ModifiedPreceding => slacal::Convention::ModifiedPreceding,
            ConventionArg::Unadjusted => slacal::Convention::Unadjusted,
        }
    }
}

#[derive(Debug, Args)]
pub struct AdjustArgs {
    /// Calendar id.
    pub calendar: String,
    /// The date, YYYY-MM-DD.
    pub date: String,
    /// The adjustment convention.
    #[arg(long, value_enum, default_value = "following")]
    pub convention: ConventionArg,
    #[command(flatten)]
    pub source: CalendarSource,
}

#[derive(Debug, Args)]
pub struct ShiftArgs {
    /// Calendar id.
    pub calendar: String,
    /// Input CSV (default: standard input).
    #[arg(long, short, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Output CSV (default: standard output). Written atomically: a temporary file renamed
    /// into place when complete.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// How counting starts from a non-business day.
    #[arg(long, value_enum, default_value = "next-day")]
    pub start_rule: StartRuleArg,
    #[command(flatten)]
    pub source: CalendarSource,
}

#[derive(Debug, Args)]
pub struct CalArgs {
    /// Calendar id.
    pub calendar: String,
    /// Year (default: the current year).
    pub year: Option<i32>,
    /// Month, 1-12 (default: the current month when no year is given, else the whole year).
    pub month: Option<u32>,
    #[command(flatten)]
    pub source: CalendarSource,
}
