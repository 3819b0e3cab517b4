//! The batch commands: run, explain, generate, policy.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use slacal::io::{
    Batch, Generator, Input, InputFormat, Layout, MAX_THREADS, Output, OutputFormat, Reject,
    RejectKind, RejectSink, RejectWriter, Target, check_distinct, commit_all, escape_control,
    find_record, io_error,
};
use slacal::{Estimates, Instant, Policy, Registry};

use crate::args::{
    CalendarSource, ExplainArgs, GenerateArgs, InputFormatArg, LayoutArg, PolicyCommand,
    PolicyShowArgs, ResultFormat, RunArgs,
};
use crate::error::Error;

/// What a command did: how many rows it rejected, and whether it stopped early because the
/// reader of its output went away.
pub struct Outcome {
    pub rejected: u64,
    pub stopped: bool,
}

/// A policy by file or built-in name, with the user's calendars and estimates.
pub fn load_policy(spec: &str, calendars: &CalendarSource) -> Result<Policy, Error> {
    let path = Path::new(spec);
    let mut builder = Policy::builder();
    if let Some(dir) = &calendars.holidays_dir {
        builder = builder.registry(Arc::new(registry_with_dir(dir)?));
    }
    let policy = if path.is_file() {
        builder.read(path)?
    } else {
        let looks_like_file = spec.contains(['/', '\\']) || spec.ends_with(".toml");
        builder.builtin(spec).map_err(|e| {
            if looks_like_file {
                Error::msg(format!(
                    "no policy file `{spec}` (give the path of a TOML policy file, or the name of \
                     a built-in policy: {})",
                    Policy::builtin_names().collect::<Vec<_>>().join(", ")
                ))
            } else {
                e.into()
            }
        })?
    };
    // A flag decides; else the policy's own `estimates` setting; else estimates are allowed
    // (the batch CLI answers in the years not announced yet, and flags the rows).
    let estimates = calendars
        .estimates()
        .or(policy.declared_estimates())
        .unwrap_or(Estimates::Allow);
    if estimates == policy.estimates() {
        Ok(policy)
    } else {
        Ok(Policy::builder().estimates(estimates).rebuild(&policy)?)
    }
}

/// The built-in calendars and those of a folder, with a warning for each entry skipped.
pub fn registry_with_dir(dir: &Path) -> Result<Registry, Error> {
    let registry = Registry::with_dir(dir)?;
    for skipped in registry.skipped() {
        warn(skipped);
    }
    Ok(registry)
}

fn parse_as_of(text: &str) -> Result<Instant, Error> {
    Ok(Instant::parse(text).map_err(|e| e.context("`--as-of`"))?)
}

fn input_format(arg: Option<InputFormatArg>) -> Option<InputFormat> {
    arg.map(|format| match format {
        InputFormatArg::Csv => InputFormat::Csv,
        InputFormatArg::Jsonl => InputFormat::Jsonl,
    })
}

fn layout(arg: Option<LayoutArg>) -> Option<Layout> {
    arg.map(|layout| match layout {
        LayoutArg::Events => Layout::EventLog,
        LayoutArg::Wide => Layout::Wide,
    })
}

/// The CLI's words for what a reject is about, where the library's name no flag or command:
/// the reason of a row that breaks the `--sorted` promise, and of a record on an unknown
/// calendar.
fn cli_reason(reject: &Reject) -> Option<String> {
    match reject.kind {
        RejectKind::CameBack {
            first_line,
            layout: Layout::EventLog,
        } => Some(format!(
            "record `{}` first appeared at line {first_line}, with other records in between: \
             `--sorted` promises that a record's rows are together; without `--sorted` the log \
             is grouped by record",
            reject.record_id
        )),
        RejectKind::UnknownCalendar => Some(format!(
            "{}; `slacal calendars` lists the known ids",
            reject.reason
        )),
        _ => None,
    }
}

/// Rejects with the CLI's words ([`cli_reason`]), passed on.
struct CliRejects<R>(R);

impl<R: RejectSink> RejectSink for CliRejects<R> {
    fn reject(&mut self, reject: &Reject) -> Result<(), slacal::Error> {
        match cli_reason(reject) {
            Some(reason) => {
                let mut reject = reject.clone();
                reject.reason = reason;
                self.0.reject(&reject)
            }
            None => self.0.reject(reject),
        }
    }
}

/// Rejects reported on standard error, one line each.
struct StderrRejects {
    input: String,
    count: u64,
}

impl RejectSink for StderrRejects {
    fn reject(&mut self, reject: &Reject) -> Result<(), slacal::Error> {
        self.count += 1;
        let mut err = std::io::stderr().lock();
        let line = format!("slacal: {}: {reject}", self.input);
        let _ = writeln!(err, "{}", escape_control(&line));
        Ok(())
    }
}

/// A progress bar on standard error, updated from the counters by a thread of its own.
struct ProgressBar {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    fn start(rows: Arc<AtomicU64>, bytes: Arc<AtomicU64>, size: Option<u64>) -> ProgressBar {
        let done = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&done);
        // No thread, no progress bar: the run goes on without one.
        let thread = std::thread::Builder::new()
            .name("progress".to_owned())
            .spawn(move || {
                let bar = match size {
                    Some(size) => indicatif::ProgressBar::new(size).with_style(
                        indicatif::ProgressStyle::with_template(
                            "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
                        )
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                    ),
                    None => indicatif::ProgressBar::new_spinner().with_style(
                        indicatif::ProgressStyle::with_template(
                            "{spinner} [{elapsed_precise}] {bytes} read {msg}",
                        )
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                    ),
                };
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                let started = std::time::Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    let rows = rows.load(Ordering::Relaxed);
                    let seconds = started.elapsed().as_secs_f64().max(1e-3);
                    bar.set_position(bytes.load(Ordering::Relaxed));
                    bar.set_message(format!("{rows} rows, {:.0} rows/s", rows as f64 / seconds));
                    std::thread::sleep(Duration::from_millis(100));
                }
                bar.finish_and_clear();
            });
        ProgressBar {
            done,
            thread: thread.ok(),
        }
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The sidecar of an output file: `results.csv.meta.json`.
fn meta_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".meta.json");
    PathBuf::from(name)
}

pub fn run(args: &RunArgs) -> Result<Outcome, Error> {
    let policy = load_policy(&args.policy.policy, &args.policy.calendars)?;
    let as_of = parse_as_of(&args.as_of)?;
    // Every output is decided and checked before anything is read: two outputs naming the
    // same file would silently replace one another.
    let output_target = Target::of(args.output.as_deref())?;
    let rejects_target = args
        .rejects
        .as_deref()
        .map(|path| Target::of(Some(path)))
        .transpose()?;
    // Only a regular file gets a sidecar: never a device, a FIFO or standard output.
    let meta_target = match &output_target {
        Target::File { path, .. } => Some(Target::of(Some(&meta_path(path)))?),
        _ => None,
    };
    // The input too: a rejects file renamed over it would destroy it.
    let input_target = args
        .export
        .input
        .as_deref()
        .filter(|path| path.is_file())
        .map(|path| Target::of(Some(path)))
        .transpose()?;
    let mut named = vec![("`--output`", &output_target)];
    if let Some(target) = &input_target {
        named.push(("`--input`", target));
    }
    if let Some(target) = &rejects_target {
        named.push(("`--rejects`", target));
    }
    if let Some(target) = &meta_target {
        named.push(("the summary sidecar", target));
    }
    check_distinct(&named)?;
    let memory_budget = args.memory_budget.as_deref().map(parse_size).transpose()?;

    let input = Input::open(args.export.input.as_deref())?;
    let input_name = input.name().to_owned();
    let format = match args.format {
        Some(ResultFormat::Csv) => OutputFormat::Csv,
        Some(ResultFormat::Jsonl) => OutputFormat::Jsonl,
        None => args
            .output
            .as_deref()
            .and_then(OutputFormat::from_path)
            .unwrap_or_default(),
    };
    let rows = Arc::new(AtomicU64::new(0));
    let mut batch = Batch::new(policy, as_of)
        .layout(layout(args.export.layout))
        .input_format(input_format(args.export.input_format))
        .output_format(format)
        .sorted(args.sorted)
        .evaluate(!args.parse_only)
        .progress(Arc::clone(&rows));
    if let Some(budget) = memory_budget {
        batch = batch.memory_budget(budget);
    }
    if let Some(dir) = &args.temp_dir {
        batch = batch.temp_dir(dir);
    }
    if let Some(threads) = args.threads {
        if threads > MAX_THREADS && !args.quiet {
            warn(&format!(
                "`--threads {threads}` is more than {MAX_THREADS}; {MAX_THREADS} threads are used"
            ));
        }
        batch = batch.threads(threads);
    }

    let mut output = Output::open(&output_target)?;
    let rejects_output = rejects_target.as_ref().map(Output::open).transpose()?;
    let meta_output = meta_target.as_ref().map(Output::open).transpose()?;
    let progress = (!args.quiet && std::io::stderr().is_terminal())
        .then(|| ProgressBar::start(Arc::clone(&rows), input.bytes_read(), input.size()));
    let (summary, rejected, rejects_output) = match rejects_output {
        Some(rejects_output) => {
            let mut rejects = CliRejects(RejectWriter::new(rejects_output));
            let summary = batch.run(input, &mut output, &mut rejects)?;
            let count = rejects.0.count();
            (summary, count, Some(rejects.0.into_inner()?))
        }
        None => {
            let mut rejects = CliRejects(StderrRejects {
                input: input_name,
                count: 0,
            });
            let summary = batch.run(input, &mut output, &mut rejects)?;
            (summary, rejects.0.count, None)
        }
    };
    drop(progress);
    let mut outputs = vec![output];
    outputs.extend(rejects_output);
    if let Some(mut meta) = meta_output {
        let mut json = summary.to_json();
        json.push('\n');
        meta.write_all(json.as_bytes())
            .map_err(|e| io_error("writing the summary".to_owned(), &e))?;
        outputs.push(meta);
    }
    // The one commit point: every output is complete before any is renamed into place.
    commit_all(outputs)?;
    if !args.quiet || summary.stopped.is_some() {
        let mut text = String::new();
        for warning in &summary.warnings {
            text.push_str(&format!("slacal: warning: {warning}\n"));
        }
        text.push_str(&summary.display_with("`--no-estimates`").to_string());
        if rejected > 0 {
            match &args.rejects {
                Some(path) => text.push_str(&format!(
                    "{rejected} rejects written to `{}`\n",
                    path.display()
                )),
                None => text.push_str(
                    "the rejected rows are listed above; `--rejects FILE` writes them as CSV\n",
                ),
            }
        }
        let _ = std::io::stderr()
            .lock()
            .write_all(escape_lines(&text).as_bytes());
    }
    Ok(Outcome {
        rejected: summary.rows_rejected,
        stopped: summary.stopped.is_some(),
    })
}

/// A size such as `256M`, `1G`, `512K` or a number of bytes.
fn parse_size(text: &str) -> Result<usize, Error> {
    let trimmed = text.trim();
    let (digits, unit) = match trimmed.find(|c: char| !c.is_ascii_digit()) {
        Some(at) => trimmed.split_at(at),
        None => (trimmed, ""),
    };
    let multiplier: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => 0,
    };
    digits
        .parse::<u64>()
        .ok()
        .filter(|_| multiplier > 0)
        .and_then(|n| n.checked_mul(multiplier))
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| {
            Error::msg(format!(
                "`--memory-budget {text}` is not a size (expected a number of bytes with K, M or \
                 G, like `256M`)"
            ))
        })
}

/// A message for the terminal: control characters from the input written as escapes, line
/// by line.
pub fn escape_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| match line.strip_suffix('\n') {
            Some(line) => format!("{}\n", escape_control(line)),
            None => escape_control(line).into_owned(),
        })
        .collect()
}

/// A warning on standard error.
pub fn warn(message: &str) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "slacal: warning: {}",
        escape_control(message)
    );
}

pub fn explain(args: &ExplainArgs) -> Result<Outcome, Error> {
    let policy = load_policy(&args.policy.policy, &args.policy.calendars)?;
    let as_of = parse_as_of(&args.as_of)?;
    let input = Input::open(args.export.input.as_deref())?;
    let input_name = input.name().to_owned();
    let found = find_record(
        &policy,
        input,
        input_format(args.export.input_format),
        layout(args.export.layout),
        &args.record_id,
    )?;
    let mut out = Output::create(None)?;
    let mut text = String::new();
    if found.record.is_none() && found.rejects.is_empty() {
        return Err(Error::msg(format!(
            "no row of record `{}` in {input_name}",
            args.record_id
        )));
    }
    let lines: Vec<String> = found.lines.iter().map(u64::to_string).collect();
    let rows = |n: usize| if n == 1 { "row" } else { "rows" };
    text.push_str(&format!(
        "record `{}` in {input_name}, as of {}: {} {} used (lines {}), {} not used\n",
        args.record_id,
        as_of,
        found.lines.len(),
        rows(found.lines.len()),
        if lines.is_empty() {
            "-".to_owned()
        } else {
            lines.join(", ")
        },
        found.rejects.len()
    ));
    for reject in &found.rejects {
        text.push_str(&format!("  not used: {reject}\n"));
    }
    if let Some(record) = &found.record {
        for explanation in policy.explain(record, as_of)? {
            text.push('\n');
            text.push_str(&explanation.to_string());
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
    }
    out.write_all(escape_lines(&text).as_bytes())
        .map_err(|e| io_error("writing to standard output".to_owned(), &e))?;
    out.commit()?;
    Ok(Outcome {
        rejected: found.rejects.len() as u64,
        stopped: false,
    })
}

pub fn generate(args: &GenerateArgs) -> Result<(), Error> {
    let until = Instant::parse(&args.until).map_err(|e| e.context("`--until`"))?;
    if !(0.0..=1.0).contains(&args.mistakes) {
        return Err(Error::msg(format!(
            "`--mistakes {}` is not a share between 0 and 1",
            args.mistakes
        )));
    }
    let jsonl = args.jsonl
        || args.output.as_deref().is_some_and(|p| {
            let name = p.to_string_lossy().to_ascii_lowercase();
            let name = name.strip_suffix(".gz").unwrap_or(&name);
            name.ends_with(".jsonl") || name.ends_with(".ndjson")
        });
    let compressed = args
        .output
        .as_deref()
        .is_some_and(|p| p.to_string_lossy().to_ascii_lowercase().ends_with(".gz"));
    let generator = Generator::new(args.offers, args.seed)
        .layout(layout(Some(args.format)).unwrap_or(Layout::Wide))
        .format(if jsonl {
            InputFormat::Jsonl
        } else {
            InputFormat::Csv
        })
        .mistakes(args.mistakes)
        .grouped(args.grouped)
        .until(until);
    let mut out = Output::create(args.output.as_deref())?;
    if compressed {
        let mut encoder = flate2::write::GzEncoder::new(&mut out, flate2::Compression::fast());
        generator.write(&mut encoder)?;
        encoder
            .finish()
            .map_err(|e| io_error("writing the export".to_owned(), &e))?;
    } else {
        generator.write(&mut out)?;
    }
    Ok(out.commit()?)
}

pub fn policy(command: &PolicyCommand) -> Result<(), Error> {
    let (args, check): (&PolicyShowArgs, bool) = match command {
        PolicyCommand::Show(args) => (args, false),
        PolicyCommand::Check(args) => (args, true),
    };
    let policy = load_policy(&args.policy, &args.calendars)?;
    let mut text = String::new();
    if check {
        text.push_str(&format!(
            "policy `{}` ({}) is valid: {} events, {} clocks, default calendar `{}`; digest {}\n",
            policy.name(),
            policy.origin(),
            policy.events().count(),
            policy.clocks().len(),
            policy.default_calendar(),
            policy.digest()
        ));
    } else {
        text.push_str(&describe(&policy)?);
    }
    if args.toml {
        text.push('\n');
        text.push_str(policy.text());
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    let mut out = Output::create(None)?;
    out.write_all(text.as_bytes())
        .map_err(|e| io_error("writing to standard output".to_owned(), &e))?;
    Ok(out.commit()?)
}

/// A policy for people.
fn describe(policy: &Policy) -> Result<String, Error> {
    let names = |set: slacal::sla::EventSet| -> String {
        let names: Vec<&str> = set.iter().map(|e| policy.event_name(e)).collect();
        if names.is_empty() {
            "-".to_owned()
        } else {
            names.join(", ")
        }
    };
    let default = policy.schedule(None)?;
    let mut text = format!(
        "policy `{}` ({}), digest {}\n",
        policy.name(),
        policy.origin(),
        policy.digest()
    );
    if let Some(description) = policy.description() {
        text.push_str(&format!("  {description}\n"));
    }
    let events: Vec<&str> = policy.events().map(|(_, name)| name).collect();
    text.push_str(&format!(
        "events, in lifecycle order: {}\n",
        events.join(", ")
    ));
    text.push_str(&format!(
        "calendar: `{}` running in {} (a record's `{}` column names another)\n",
        policy.default_calendar(),
        default.time_zone(),
        policy.calendar_column()
    ));
    text.push_str(&format!(
        "start rule: {}\n",
        start_rule_text(policy.start_rule())
    ));
    text.push_str(&calendars_text(policy)?);
    let columns: Vec<String> = policy
        .event_columns()
        .map(|(_, column)| column.to_owned())
        .collect();
    text.push_str(&format!(
        "wide exports: id column `{}`, event columns {}\n",
        policy.record_id_column(),
        columns.join(", ")
    ));
    text.push_str(&format!(
        "estimated years: {}\n",
        match (policy.estimates(), policy.declared_estimates()) {
            (Estimates::Allow, Some(Estimates::Allow)) =>
                "evaluated with estimated holidays (`estimates = \"allow\"`); such rows say `estimated`",
            (Estimates::Allow, _) =>
                "evaluated with estimated holidays (the CLI's default); such rows say `estimated`",
            (_, Some(Estimates::Deny)) =>
                "refused (`estimates = \"deny\"`): a record that needs them is rejected",
            _ => "refused (`--no-estimates`): a record that needs them is rejected",
        }
    ));
    text.push_str(&format!(
        "instants: {}\n",
        match policy.input_time_zone() {
            Some(zone) => format!(
                "RFC 3339, or local times in {zone} ({:?} in DST gaps and folds)",
                policy.disambiguation()
            ),
            None => "RFC 3339 with an offset".to_owned(),
        }
    ));
    for clock in policy.clocks() {
        text.push_str(&format!("\nclock `{}`", clock.name()));
        if let Some(description) = clock.description() {
            text.push_str(&format!(": {description}"));
        }
        text.push('\n');
        text.push_str(&format!("  budget     {}\n", clock.budget()));
        let counts_days = clock.budget().kind() == slacal::sla::DurationKind::BusinessDays
            || clock.at_risk().iter().any(|threshold| {
                matches!(threshold, slacal::sla::Threshold::After(d)
                    if d.kind() == slacal::sla::DurationKind::BusinessDays)
            });
        if counts_days {
            text.push_str(&format!("  start rule {}\n", clock.start_rule()));
        }
        if !clock.at_risk().is_empty() {
            let thresholds: Vec<String> = clock.at_risk().iter().map(ToString::to_string).collect();
            text.push_str(&format!("  at risk    {}\n", thresholds.join(", ")));
        }
        text.push_str(&format!("  starts on  {}\n", names(clock.starts_on())));
        text.push_str(&format!("  stops on   {}\n", names(clock.stops_on())));
        if !clock.fails_on().is_empty() {
            text.push_str(&format!("  fails on   {}\n", names(clock.fails_on())));
        }
        if !clock.cancels_on().is_empty() {
            text.push_str(&format!("  cancels on {}\n", names(clock.cancels_on())));
        }
        if !clock.pauses_on().is_empty() {
            text.push_str(&format!(
                "  pauses on  {}, resumes on {}{}\n",
                names(clock.pauses_on()),
                names(clock.resumes_on()),
                clock
                    .pause_reason()
                    .map(|r| format!(" ({r})"))
                    .unwrap_or_default()
            ));
        }
    }
    Ok(text)
}

/// What a start rule means, for people.
fn start_rule_text(rule: slacal::StartRule) -> String {
    match rule {
        slacal::StartRule::NextDay => format!(
            "{rule} (day 0 of a business-day count is the start's local date, whatever kind of \
             day; each later business day counts at its close)"
        ),
        _ => format!(
            "{rule} (day 0 of a business-day count is the start's local date, or the next \
             business day when that is not one or the start is after the cutoff)"
        ),
    }
}

/// The business hours of a week: runs of weekdays with the same spans, `mon-thu 09:00-17:00`.
fn hours_text(hours: &slacal::WeeklyHours) -> String {
    use chrono::Weekday;
    const DAYS: [(Weekday, &str); 7] = [
        (Weekday::Mon, "mon"),
        (Weekday::Tue, "tue"),
        (Weekday::Wed, "wed"),
        (Weekday::Thu, "thu"),
        (Weekday::Fri, "fri"),
        (Weekday::Sat, "sat"),
        (Weekday::Sun, "sun"),
    ];
    let spans = |day: Weekday| -> String {
        let spans: Vec<String> = hours.on(day).iter().map(ToString::to_string).collect();
        if spans.is_empty() {
            "closed".to_owned()
        } else {
            spans.join(", ")
        }
    };
    let mut runs: Vec<String> = Vec::new();
    let mut start = 0;
    while start < DAYS.len() {
        let text = spans(DAYS[start].0);
        let mut end = start;
        while end + 1 < DAYS.len() && spans(DAYS[end + 1].0) == text {
            end += 1;
        }
        let days = if end == start {
            DAYS[start].1.to_owned()
        } else {
            format!("{}-{}", DAYS[start].1, DAYS[end].1)
        };
        runs.push(format!("{days} {text}"));
        start = end + 1;
    }
    runs.join("; ")
}

/// How each calendar runs under a policy: zone, business hours, cutoff, day overrides and
/// closures, for the default calendar, every calendar with settings, and any other.
fn calendars_text(policy: &Policy) -> Result<String, Error> {
    let entry_text = |zone: String, entry: Option<&slacal::sla::CalendarEntry>| -> String {
        let mut parts = vec![zone];
        match entry.and_then(slacal::sla::CalendarEntry::hours) {
            Some(hours) => parts.push(format!("hours {}", hours_text(hours))),
            None => parts.push("no business hours (a day closes at local midnight)".to_owned()),
        }
        match entry.and_then(slacal::sla::CalendarEntry::cutoff) {
            Some(cutoff) => parts.push(format!("cutoff {cutoff}")),
            None => parts.push("no cutoff".to_owned()),
        }
        let mut text = parts.join("; ");
        if let Some(entry) = entry {
            for (date, spans, name) in entry.day_hours() {
                let spans: Vec<String> = spans.iter().map(ToString::to_string).collect();
                text.push_str(&format!(
                    "\n    {date}: hours {} ({name})",
                    spans.join(", ")
                ));
            }
            for (date, span, name) in entry.closures() {
                text.push_str(&format!("\n    {date}: closed {span} ({name})"));
            }
        }
        text
    };
    let entries: Vec<(&str, &slacal::sla::CalendarEntry)> = policy.calendar_entries().collect();
    let find = |id: &str| entries.iter().find(|(key, _)| *key == id).map(|(_, e)| *e);
    let mut text = String::from("calendars, as the policy runs them:\n");
    let default_id = policy.default_calendar();
    let default = policy.schedule(None)?;
    let default_entry = find(default_id).or_else(|| find("*"));
    text.push_str(&format!(
        "  `{default_id}`: {}\n",
        entry_text(format!("time zone {}", default.time_zone()), default_entry)
    ));
    for (id, entry) in &entries {
        if *id == default_id || *id == "*" {
            continue;
        }
        let zone = match policy.schedule(Some(id)) {
            Ok(schedule) => format!("time zone {}", schedule.time_zone()),
            Err(_) => "time zone unknown".to_owned(),
        };
        text.push_str(&format!("  `{id}`: {}\n", entry_text(zone, Some(entry))));
    }
    let other_zone = match find("*").and_then(slacal::sla::CalendarEntry::time_zone) {
        Some(zone) => format!("time zone {zone}"),
        None => "its own time zone".to_owned(),
    };
    text.push_str(&format!(
        "  any other calendar: {}\n",
        entry_text(other_zone, find("*"))
    ));
    Ok(text)
}
