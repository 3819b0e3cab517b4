//! The date commands: calendars, holidays, add, count, check, adjust, cal.

use std::io::Write;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use slacal::{Calendar, Estimates, Registry, date32};

use crate::args::{
    AddArgs, AdjustArgs, CalArgs, CalendarSource, CalendarsArgs, CheckArgs, CountArgs,
    HolidaysArgs, HolidaysFormat, ListFormat,
};
use crate::error::Error;
use slacal::io::{Output, io_error};

/// The registry of built-in calendars, plus the user's folder when one is given.
pub fn registry(source: &CalendarSource) -> Result<&'static Registry, Error> {
    match &source.holidays_dir {
        None => Ok(Registry::builtin()?),
        // The registry lives as long as the process; leaking it gives the same lifetime as the
        // built-in one.
        Some(dir) => Ok(Box::leak(Box::new(crate::batch::registry_with_dir(dir)?))),
    }
}

/// A calendar by id from the built-ins or the user's folder, covering the years whose
/// holidays are estimated unless `--no-estimates` is given.
pub fn calendar(source: &CalendarSource, id: &str) -> Result<Calendar, Error> {
    let estimates = source.estimates().unwrap_or(Estimates::Allow);
    if source.holidays_dir.is_none() {
        // One calendar, once: from its own files rather than all of them.
        return Ok(Registry::builtin_calendar(id, estimates)?);
    }
    Ok(registry(source)?.calendar_with(id, estimates)?)
}

/// The estimated years of each part of a calendar that the dates `from..=to` touch, as
/// `` `CN` 2027``; empty when the answer uses no estimate.
pub fn estimated_uses(calendar: &Calendar, from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let (from, to) = (from.min(to), from.max(to));
    let parts: Vec<Calendar> = if calendar.parts().is_empty() {
        vec![calendar.clone()]
    } else {
        calendar.parts().to_vec()
    };
    parts
        .iter()
        .filter_map(|part| {
            let (first, last) = part.estimated_years()?;
            let (first, last) = (from.year().max(first), to.year().min(last));
            (first <= last).then(|| {
                let years = if first == last {
                    first.to_string()
                } else {
                    format!("{first}-{last}")
                };
                format!("`{}` {years}", part.id())
            })
        })
        .collect()
}

/// Says on standard error that an answer over the dates `from..=to` uses estimated holidays,
/// when it does.
pub fn note_estimates(calendar: &Calendar, from: NaiveDate, to: NaiveDate) {
    let uses = estimated_uses(calendar, from, to);
    if !uses.is_empty() {
        eprintln!(
            "slacal: note: this answer uses estimated holidays of {}: they are not announced \
             yet, and the official dates may differ (`--no-estimates` refuses instead)",
            uses.join(", ")
        );
    }
}

/// Estimated-only years as `2027-2199`, or `-`.
fn estimated_text(info: &slacal::CalendarInfo) -> String {
    info.estimated_years
        .map_or_else(|| "-".to_owned(), |(first, last)| format!("{first}-{last}"))
}

/// Parses a date argument.
pub fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    Ok(date32::to_naive(date32::parse_iso(
        text.trim().as_bytes(),
    )?)?)
}

fn print(out: &mut Output, text: std::fmt::Arguments<'_>) -> Result<(), Error> {
    out.write_fmt(text)
        .map_err(|e| io_error("writing to standard output".into(), &e).into())
}

macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {
        print($out, format_args!("{}\n", format_args!($($arg)*)))
    };
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Quotes a CSV field when it needs it.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// A weekend as `Sat+Sun`, with its changes: `Fri+Sat, Sat+Sun from 2022-01-01`.
fn weekend_text(info: &slacal::CalendarInfo) -> String {
    let mut text = weekend_names(info.weekend);
    for (from, set) in &info.weekend_changes {
        text.push_str(&format!(", {} from {from}", weekend_names(*set)));
    }
    text
}

fn weekend_names(set: chrono::WeekdaySet) -> String {
    let names: Vec<String> = set.iter(Weekday::Mon).map(|d| d.to_string()).collect();
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join("+")
    }
}

/// The kinds of holiday known only to some year, as `election days known through 2025`.
fn known_text(info: &slacal::CalendarInfo) -> String {
    let known: Vec<String> = info
        .known_through
        .iter()
        .map(|k| format!("{} known through {}", k.holidays, k.year))
        .collect();
    known.join("; ")
}

pub fn calendars(args: &CalendarsArgs) -> Result<(), Error> {
    let registry = registry(&args.source)?;
    let mut infos = registry.infos()?;
    if !args.ids.is_empty() {
        let mut chosen = Vec::new();
        for id in &args.ids {
            match infos.iter().find(|info| &info.id == id) {
                Some(info) => chosen.push(info.clone()),
                // The registry's error names the close ids.
                None => {
                    return Err(registry.calendar(id).err().map_or_else(
                        || Error::msg(format!("`{id}` is not a calendar of its own")),
                        Error::from,
                    ));
                }
            }
        }
        infos = chosen;
    }
    let mut out = Output::create(None)?;
    match args.format {
        ListFormat::Table if !args.ids.is_empty() => {
            for (i, info) in infos.iter().enumerate() {
                if i > 0 {
                    outln!(&mut out, "")?;
                }
                calendar_details(&mut out, info)?;
            }
        }
        ListFormat::Table => {
            let id_width = infos.iter().map(|i| i.id.len()).max().unwrap_or(2).max(2);
            let name_width = infos.iter().map(|i| i.name.len()).max().unwrap_or(4).max(4);
            let zone_width = infos
                .iter()
                .map(|i| i.time_zone.name().len())
                .max()
                .unwrap_or(9)
                .max(9);
            let weekends: Vec<String> = infos.iter().map(weekend_text).collect();
            let weekend_width = weekends.iter().map(String::len).max().unwrap_or(7).max(7);
            outln!(
                &mut out,
                "{:id_width$}  {:name_width$}  {:zone_width$}  {:9}  {:9}  {:weekend_width$}  {:10}  VERSION",
                "ID",
                "NAME",
                "TIME ZONE",
                "YEARS",
                "ESTIMATED",
                "WEEKEND",
                "AS OF"
            )?;
            for (info, weekend) in infos.iter().zip(&weekends) {
                let years = format!("{}-{}", info.first_year, info.last_year);
                let as_of = info.as_of.map_or_else(|| "-".to_owned(), |d| d.to_string());
                // A kind of holiday known only to some year is said at the end of the line.
                let known = if info.known_through.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", known_text(info))
                };
                outln!(
                    &mut out,
                    "{:id_width$}  {:name_width$}  {:zone_width$}  {years:9}  {:9}  {weekend:weekend_width$}  {as_of:10}  {}{known}",
                    info.id,
                    info.name,
                    info.time_zone.name(),
                    estimated_text(info),
                    info.data_version
                )?;
            }
        }
        ListFormat::Csv => {
            outln!(
                &mut out,
                "id,name,time_zone,first_year,last_year,weekend,data_version,estimated_first_year,estimated_last_year,announced_through,estimated_through,checked,as_of,known_through,sources"
            )?;
            for info in &infos {
                let (estimated_first, estimated_last) = info
                    .estimated_years
                    .map_or((String::new(), String::new()), |(first, last)| {
                        (first.to_string(), last.to_string())
                    });
                outln!(
                    &mut out,
                    "{},{},{},{},{},{},{},{estimated_first},{estimated_last},{},{},{},{},{},{}",
                    info.id,
                    csv_field(&info.name),
                    info.time_zone.name(),
                    info.first_year,
                    info.last_year,
                    csv_field(&weekend_text(info)),
                    info.data_version,
                    info.announced_through(),
                    info.estimated_through()
                        .map(|y| y.to_string())
                        .unwrap_or_default(),
                    csv_field(info.checked.as_deref().unwrap_or("")),
                    info.as_of.map(|d| d.to_string()).unwrap_or_default(),
                    csv_field(&known_text(info)),
                    csv_field(&info.sources.join("; "))
                )?;
            }
        }
        ListFormat::Json => {
            #[derive(Serialize)]
            struct Known<'a> {
                holidays: &'a str,
                year: i32,
                source: &'a str,
            }
            #[derive(Serialize)]
            struct Row<'a> {
                id: &'a str,
                name: &'a str,
                time_zone: &'a str,
                first_year: i32,
                last_year: i32,
                weekend: String,
                data_version: &'a str,
                estimated_first_year: Option<i32>,
                estimated_last_year: Option<i32>,
                announced_through: i32,
                estimated_through: Option<i32>,
                checked: Option<&'a str>,
                as_of: Option<String>,
                known_through: Vec<Known<'a>>,
                sources: &'a [String],
                closure_files: &'a [String],
                origin: &'a str,
            }
            let rows: Vec<Row<'_>> = infos
                .iter()
                .map(|i| Row {
                    id: &i.id,
                    name: &i.name,
                    time_zone: i.time_zone.name(),
                    first_year: i.first_year,
                    last_year: i.last_year,
                    weekend: weekend_text(i),
                    data_version: &i.data_version,
                    estimated_first_year: i.estimated_years.map(|(first, _)| first),
                    estimated_last_year: i.estimated_years.map(|(_, last)| last),
                    announced_through: i.announced_through(),
                    estimated_through: i.estimated_through(),
                    checked: i.checked.as_deref(),
                    as_of: i.as_of.map(|d| d.to_string()),
                    known_through: i
                        .known_through
                        .iter()
                        .map(|k| Known {
                            holidays: &k.holidays,
                            year: k.year,
                            source: &k.source,
                        })
                        .collect(),
                    sources: &i.sources,
                    closure_files: &i.closure_files,
                    origin: &i.origin,
                })
                .collect();
            outln!(&mut out, "{}", to_json(&rows)?)?;
        }
    }
    Ok(out.commit()?)
}

/// Everything about one calendar, for people.
fn calendar_details(out: &mut Output, info: &slacal::CalendarInfo) -> Result<(), Error> {
    outln!(out, "{}  {}", info.id, info.name)?;
    outln!(out, "  time zone     {}", info.time_zone.name())?;
    outln!(out, "  weekend       {}", weekend_text(info))?;
    outln!(
        out,
        "  years         {}-{}: holidays announced or given by rules through {}",
        info.first_year,
        info.last_year,
        info.announced_through()
    )?;
    match info.estimated_years {
        Some((first, last)) => outln!(
            out,
            "  estimated     {first}-{last}: holidays estimated (not announced yet), used unless \
             --no-estimates"
        )?,
        None => outln!(out, "  estimated     -")?,
    }
    for known in &info.known_through {
        outln!(
            out,
            "  known only    {} through {} ({})",
            known.holidays,
            known.year,
            known.source
        )?;
    }
    if let Some(checked) = &info.checked {
        outln!(out, "  checked       {checked}")?;
    }
    if let Some(as_of) = info.as_of {
        outln!(out, "  as of         {as_of}")?;
    }
    outln!(out, "  defined at    {}", info.origin)?;
    outln!(out, "  data version  {}", info.data_version)?;
    outln!(out, "  sources")?;
    for source in &info.sources {
        outln!(out, "    - {source}")?;
    }
    Ok(())
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(|e| Error::msg(format!("writing JSON: {e}")))
}

pub fn holidays(args: &HolidaysArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let from_year = args.from.unwrap_or_else(|| today().year());
    let to_year = args.to.unwrap_or(from_year);
    if from_year > to_year {
        return Err(Error::msg(format!(
            "--from {from_year} is after --to {to_year}"
        )));
    }
    let from = date32::to_naive(date32::from_ymd(from_year, 1, 1)?)?;
    let to = date32::to_naive(date32::from_ymd(to_year, 12, 31)?)?;
    let holidays = calendar.holidays_between(from, to)?;
    let mut out = Output::create(None)?;
    match args.format {
        HolidaysFormat::Csv => {
            outln!(&mut out, "date,name")?;
            for h in holidays {
                outln!(
                    &mut out,
                    "{},{}",
                    h.date(),
                    csv_field(&holiday_label(h, &calendar))
                )?;
            }
        }
        HolidaysFormat::Table => {
            for h in holidays {
                outln!(
                    &mut out,
                    "{}  {}  {}",
                    h.date(),
                    h.date().weekday(),
                    holiday_label(h, &calendar)
                )?;
            }
        }
        HolidaysFormat::Json => {
            #[derive(Serialize)]
            struct Row<'a> {
                date: String,
                name: &'a str,
                calendar: &'a str,
                observed: bool,
                estimated: bool,
            }
            let rows: Vec<Row<'_>> = holidays
                .iter()
                .map(|h| Row {
                    date: h.date().to_string(),
                    name: h.name(),
                    calendar: h.calendar(),
                    observed: h.is_observed(),
                    estimated: h.is_estimated(),
                })
                .collect();
            outln!(&mut out, "{}", to_json(&rows)?)?;
        }
        HolidaysFormat::Ics => {
            let registry = registry(&args.source)?;
            let stamp = data_as_of(registry, &calendar)?;
            let zone = registry.time_zone(calendar.id())?;
            let text = slacal::holiday::ics::to_ics(&calendar, zone, holidays, stamp);
            out.write_all(text.as_bytes())
                .map_err(|e| io_error("writing to standard output".into(), &e))?;
        }
    }
    out.commit()?;
    note_estimates(&calendar, from, to);
    Ok(())
}

/// The latest `as_of` of the files a calendar (or each part of a joint one) was built from,
/// or 1970-01-01: the `DTSTAMP` of an iCalendar export, so that the same data gives the same
/// file.
fn data_as_of(registry: &Registry, calendar: &Calendar) -> Result<NaiveDate, Error> {
    let ids: Vec<&str> = if calendar.parts().is_empty() {
        vec![calendar.id()]
    } else {
        calendar.parts().iter().map(Calendar::id).collect()
    };
    let infos = registry.infos()?;
    Ok(infos
        .iter()
        .filter(|info| ids.contains(&info.id.as_str()))
        .filter_map(|info| info.as_of)
        .max()
        .unwrap_or(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN)))
}

/// A holiday's name as listed: with its calendar in a joint calendar, marked when estimated.
fn holiday_label(holiday: &slacal::Holiday, calendar: &Calendar) -> String {
    let mut label = holiday.name().to_owned();
    if !calendar.parts().is_empty() {
        label.push_str(&format!(" ({})", holiday.calendar()));
    }
    if holiday.is_estimated() {
        label.push_str(" [estimated]");
    }
    label
}

/// Parses a day count argument.
pub fn parse_days(text: &str) -> Result<i64, Error> {
    text.trim().parse::<i64>().map_err(|_| {
        Error::msg(format!(
            "`{text}` is not a whole number of days (expected an integer such as 15 or -3)"
        ))
    })
}

pub fn add(args: &AddArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let date = parse_date(&args.date)?;
    let n = parse_days(&args.days)?;
    let result = calendar.add_business_days_with(date, n, args.start_rule.into())?;
    let mut out = Output::create(None)?;
    outln!(&mut out, "{result}")?;
    if args.explain {
        let (from, to) = if result >= date {
            (date, result)
        } else {
            (result, date)
        };
        for info in calendar.non_business_days(from, to)? {
            outln!(
                &mut out,
                "  skipped {} {}: {}",
                info.date,
                info.date.weekday(),
                info.reason()
            )?;
        }
    }
    out.commit()?;
    note_estimates(&calendar, date, result);
    Ok(())
}

pub fn count(args: &CountArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let from = parse_date(&args.from)?;
    let to = parse_date(&args.to)?;
    let count = calendar.business_days_between(from, to)?;
    let mut out = Output::create(None)?;
    outln!(&mut out, "{count}")?;
    out.commit()?;
    // The days counted: [from, to).
    let last = from
        .max(to)
        .pred_opt()
        .unwrap_or(from.max(to))
        .max(from.min(to));
    note_estimates(&calendar, from.min(to), last);
    Ok(())
}

pub fn check(args: &CheckArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let date = parse_date(&args.date)?;
    let info = calendar.day_info(date)?;
    let mut out = Output::create(None)?;
    let weekday = date.weekday();
    if info.business {
        let note = if info.working_days.is_empty() {
            String::new()
        } else {
            format!(" ({})", info.reason())
        };
        outln!(
            &mut out,
            "{date} ({weekday}) is a business day in {}{note}",
            calendar.id()
        )?;
    } else {
        outln!(
            &mut out,
            "{date} ({weekday}) is not a business day in {}: {}",
            calendar.id(),
            info.reason()
        )?;
    }
    let previous = calendar.previous_business_day(date).ok();
    let next = calendar.next_business_day(date).ok();
    if let Some(previous) = previous {
        outln!(&mut out, "previous business day: {previous}")?;
    }
    if let Some(next) = next {
        outln!(&mut out, "next business day: {next}")?;
    }
    out.commit()?;
    note_estimates(&calendar, previous.unwrap_or(date), next.unwrap_or(date));
    Ok(())
}

pub fn adjust(args: &AdjustArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let date = parse_date(&args.date)?;
    let result = calendar.adjust(date, args.convention.into())?;
    let mut out = Output::create(None)?;
    outln!(&mut out, "{result}")?;
    out.commit()?;
    note_estimates(&calendar, date, result);
    Ok(())
}

pub fn cal(args: &CalArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let now = today();
    let year = args.year.unwrap_or(now.year());
    let months: Vec<u32> = match (args.year, args.month) {
        (_, Some(month)) if !(1..=12).contains(&month) => {
            return Err(Error::msg(format!(
                "month {month} is out of range (1..=12)"
            )));
        }
        (_, Some(month)) => vec![month],
        (None, None) => vec![now.month()],
        (Some(_), None) => (1..=12).collect(),
    };
    let mut out = Output::create(None)?;
    for (i, &month) in months.iter().enumerate() {
        if i > 0 {
            outln!(&mut out, "")?;
        }
        month_view(&mut out, &calendar, year, month)?;
    }
    out.commit()?;
    let first = date32::to_naive(date32::from_ymd(year, months[0], 1)?)?;
    let last_month = months.last().copied().unwrap_or(months[0]);
    let last = date32::to_naive(date32::from_ymd(
        year,
        last_month,
        date32::days_in_month(year, last_month),
    )?)?;
    note_estimates(&calendar, first, last);
    Ok(())
}

fn month_view(out: &mut Output, calendar: &Calendar, year: i32, month: u32) -> Result<(), Error> {
    let first = date32::to_naive(date32::from_ymd(year, month, 1)?)?;
    let days = date32::days_in_month(year, month);
    let last = date32::to_naive(date32::from_ymd(year, month, days)?)?;
    // Check the range once, for a clear error.
    calendar.holidays_between(first, last)?;
    let title = format!("{} {year} — {}", first.format("%B"), calendar.id());
    outln!(out, "{title}")?;
    outln!(out, " Mo  Tu  We  Th  Fr  Sa  Su")?;
    let mut line = "    ".repeat(first.weekday().num_days_from_monday() as usize);
    let mut notes = Vec::new();
    for day in 1..=days {
        let date = first.with_day(day).unwrap_or(first);
        let info = calendar.day_info(date)?;
        let mark = if !info.holidays.is_empty() {
            notes.push(format!("{day:>3}* {}", info.reason()));
            '*'
        } else if !info.business {
            '.'
        } else if !info.working_days.is_empty() {
            notes.push(format!("{day:>3}+ {}", info.reason()));
            '+'
        } else {
            ' '
        };
        line.push_str(&format!("{day:>3}{mark}"));
        if date.weekday() == Weekday::Sun {
            outln!(out, "{}", line.trim_end())?;
            line.clear();
        }
    }
    if !line.is_empty() {
        outln!(out, "{}", line.trim_end())?;
    }
    for note in notes {
        outln!(out, "{note}")?;
    }
    Ok(())
}
