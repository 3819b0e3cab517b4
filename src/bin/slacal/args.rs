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
                  Exit codes: 0 success, 1 some input rows were rejected, 2 usage or configuration error, \
                  141 standard output was closed (a broken pipe), 130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP \
                  (output files left as they were).\n\n\
                  Examples:\n  \
                  slacal run --input offers.csv --as-of 2026-11-22T12:00:00Z > results.csv\n  \
                  slacal explain offer-17 --input offers.csv --as-of 2026-11-22T12:00:00Z\n  \
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
    /// Evaluate a policy's SLA clocks over an export of records (CSV or JSON Lines): one row
    /// per record, clock and attempt, a rejects file, and a summary.
    #[command(after_help = RUN_HELP)]
    Run(RunArgs),
    /// Explain, day by day, every clock of one record of an export.
    Explain(ExplainArgs),
    /// Write a synthetic export of offers (deterministic by seed), for tests and benchmarks.
    Generate(GenerateArgs),
    /// Validate and show a policy (a TOML file, or the name of a built-in policy).
    #[command(after_help = POLICY_HELP)]
    Policy(PolicyArgs),
    /// List the calendars: id, name, time zone, covered years, announced and estimated years,
    /// weekend, data version; with ids, everything about those calendars (sources, what was
    /// checked and when, kinds of holiday known only to some year).
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
    /// Refuse to answer in years whose holidays are not announced yet (a date there is an
    /// error; `run` rejects such records). By default those years are covered with estimated
    /// dates (computed from the lunisolar or the Islamic calendar, or the rules of earlier
    /// years), each estimated holiday marked `[estimated]`, and a note on standard error says
    /// when an answer uses them. `run` and `explain` follow the policy's `estimates` setting
    /// unless this or `--allow-estimates` is given. See `slacal calendars`.
    #[arg(long, conflicts_with = "allow_estimates")]
    pub no_estimates: bool,
    /// Use estimated dates in the years whose holidays are not announced yet: the default,
    /// kept for scripts that give it; for `run` and `explain` it overrides a policy's
    /// `estimates = "deny"`.
    #[arg(long)]
    pub allow_estimates: bool,
}

impl CalendarSource {
    /// What the flags say about estimated years, if they say anything.
    pub fn estimates(&self) -> Option<slacal::Estimates> {
        if self.no_estimates {
            Some(slacal::Estimates::Deny)
        } else if self.allow_estimates {
            Some(slacal::Estimates::Allow)
        } else {
            None
        }
    }
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
    /// Show these calendars in full (default: a line for every calendar).
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
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
    /// Output format: `ics` writes an iCalendar file of all-day events (RFC 5545).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: HolidaysFormat,
    #[command(flatten)]
    pub source: CalendarSource,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HolidaysFormat {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values with a header.
    Csv,
    /// A JSON array of objects.
    Json,
    /// iCalendar (RFC 5545): one all-day event per holiday, for calendar applications.
    Ics,
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

const POLICY_HELP: &str = "\
A policy is a TOML file: its events in lifecycle order, its clocks (start, stop, fail, cancel,
pause and resume events, a budget, at-risk thresholds), its default calendar and how calendars
run (zone, business hours, cutoff), and how exports map to events. Every key is described in
policies/README.md (the policy format guide, in the slacal sources); the built-in `marketplace`
policy is policies/marketplace.toml, printed by `slacal policy show marketplace --toml`.

Examples:
  slacal policy show marketplace
  slacal policy check my-policy.toml";

const RUN_HELP: &str = "\
Inputs: an event log (`record_id,event,at[,calendar]`, one row per event) or a wide export (the
policy's id column, e.g. `offer_id`, an optional `calendar`, and one `<event>_at` column per event;
several instants in one cell separated by `;`), as CSV or JSON Lines, plain or gzip-compressed.
The layout is detected from the header: `event` and `at` columns make an event log, event columns
a wide export (`--layout` forces it).

Output columns: record_id,clock,attempt,calendar,start,due_date,deadline,stop,status,elapsed,
remaining,unit,estimated. Rejects (CSV): line,record_id,column,value,reason. Without --rejects, each rejected
row is reported on standard error. With --output FILE (a regular file), a sidecar FILE.meta.json
records the summary: the policy digest and the data version of every calendar used.

Estimates: years whose holidays are not announced yet (China's arrangements, the UAE's Islamic
holidays, ...) are evaluated with estimated dates unless the policy says `estimates = \"deny\"` or
--no-estimates is given (a record that needs them is then rejected). `estimated` is true for a
row when a day from its start through the later of its due date and its stop (or as-of) falls in
such a year, for a clock counting business days or hours; the summary counts those rows per
calendar and year.

Files: a regular file (or a link to one) is written to a temporary file next to it and renamed
into place when the run is complete; all the outputs of a run are renamed together at the end, and
a run that fails or is interrupted replaces none. A device, a FIFO or `-` is written straight
through. Two outputs naming the same file are refused.

Memory: a wide export is one streaming pass. An event log is grouped by record (about 24 bytes per
event plus 35 bytes and the id per record) in memory up to --memory-budget (default 128M), and in
sorted runs spilled to temporary files (in --temp-dir) beyond it, merged at the end; an unsorted
log's records come out in order of their ids. --sorted promises that each record's rows are
together and makes it one streaming pass; a broken promise rejects the rows that come back.

Exit codes: 0 every row used, 1 some rows rejected, 2 usage or configuration error (nothing is
replaced), 141 standard output was closed (the run stops; the rejects of the rows read so far are
written), 130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP (nothing is replaced).

Example: slacal run --input examples/offers.csv --as-of 2026-11-22T12:00:00Z --rejects rejects.csv";

/// The format of results.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ResultFormat {
    /// CSV with a header line.
    Csv,
    /// JSON Lines, with the CSV's column names as keys.
    Jsonl,
}

/// The format of an export.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    /// CSV with a header line.
    Csv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

/// The layout of an export.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LayoutArg {
    /// One row per event: record_id,event,at[,calendar].
    Events,
    /// One row per record, one column per event.
    Wide,
}

/// Where the policy comes from.
#[derive(Debug, Args)]
pub struct PolicySource {
    /// The policy: a TOML file, or the name of a built-in policy.
    #[arg(long, value_name = "FILE|NAME", default_value = "marketplace")]
    pub policy: String,
    #[command(flatten)]
    pub calendars: CalendarSource,
}

/// How to read an export.
#[derive(Debug, Args)]
pub struct ExportSource {
    /// The export (default: standard input). Gzip-compressed files are recognised by their
    /// first bytes.
    #[arg(long, short, value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// The export's format (default: from the file name, `.csv` or `.jsonl`, else from its
    /// first character: `{` means JSON Lines).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormatArg>,
    /// The export's layout (default: detected from the header or the first object's keys).
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub policy: PolicySource,
    #[command(flatten)]
    pub export: ExportSource,
    /// The results (default: standard output; `-` too). A regular file is written atomically,
    /// with a sidecar FILE.meta.json; a device or a FIFO is written straight through.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Write the rejected rows to this CSV file (atomically, committed with the results)
    /// instead of standard error.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,
    /// Evaluate the clocks as of this instant (RFC 3339 with an offset, e.g.
    /// 2026-11-22T12:00:00Z). Required: results never depend on the machine's clock.
    #[arg(long, value_name = "INSTANT")]
    pub as_of: String,
    /// The results' format (default: from the output file name, else csv).
    #[arg(long, value_enum)]
    pub format: Option<ResultFormat>,
    /// Promise that an event log's rows are grouped by record: read it in one streaming pass.
    #[arg(long)]
    pub sorted: bool,
    /// No progress bar, no summary, no warnings (rejected rows are still reported).
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads (default: the number of cores, at most 8; at most 256).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// How much memory grouping an unsorted event log may take before it spills sorted runs
    /// to temporary files (a number of bytes, or with K, M or G: `512M`). Default 128M.
    #[arg(long, value_name = "SIZE")]
    pub memory_budget: Option<String>,
    /// Where an unsorted event log over the memory budget spills (default: the system's
    /// temporary folder, `$TMPDIR` or `/tmp`).
    #[arg(long, value_name = "DIR")]
    pub temp_dir: Option<PathBuf>,
    /// Only read the rows and write each record's events back (`record_id,event,at` in UTC),
    /// without evaluating: the baseline for benchmarks.
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The id of the record to explain.
    pub record_id: String,
    /// Explain the clocks as of this instant (RFC 3339 with an offset).
    #[arg(long, value_name = "INSTANT")]
    pub as_of: String,
    #[command(flatten)]
    pub export: ExportSource,
    #[command(flatten)]
    pub policy: PolicySource,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many offers.
    #[arg(long, value_name = "N")]
    pub offers: u64,
    /// The seed: the same seed gives the same export.
    #[arg(long, value_name = "S", default_value = "1")]
    pub seed: u64,
    /// One row per offer (`wide`) or one row per event (`events`).
    #[arg(long, value_enum, default_value = "wide")]
    pub format: LayoutArg,
    /// Write JSON Lines instead of CSV (also chosen by an output name ending in `.jsonl`).
    #[arg(long)]
    pub jsonl: bool,
    /// In an event log, keep each offer's rows together (for `run --sorted`); by default the
    /// events of a thousand offers at a time are mixed in time order.
    #[arg(long)]
    pub grouped: bool,
    /// The share of rows (0 to 1) given a typical mistake: a malformed or impossible instant,
    /// a time without offset, an unknown event or calendar, a duplicated row, ...
    #[arg(long, value_name = "FRACTION", default_value = "0")]
    pub mistakes: f64,
    /// Nothing happens after this instant (the export is taken then).
    #[arg(long, value_name = "INSTANT", default_value = "2026-11-22T12:00:00Z")]
    pub until: String,
    /// The export (default: standard output); a name ending in `.gz` is gzip-compressed.
    /// Written atomically.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct PolicyArgs {
    #[command(subcommand)]
    pub command: PolicyCommand,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Show a policy: its events, clocks, budgets, thresholds and how exports map to it.
    Show(PolicyShowArgs),
    /// Check that a policy is valid; exit code 2 with the first problem if not.
    Check(PolicyShowArgs),
}

#[derive(Debug, Args)]
pub struct PolicyShowArgs {
    /// A policy file, or the name of a built-in policy.
    #[arg(default_value = "marketplace", value_name = "FILE|NAME")]
    pub policy: String,
    /// Print the policy's TOML text as well.
    #[arg(long)]
    pub toml: bool,
    #[command(flatten)]
    pub calendars: CalendarSource,
}
