//! The date commands: calendars, holidays, add, count, check, adjust, cal.

use std::io::Write;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use slacal::{Calendar, Error, Estimates, Registry, date32};

use crate::args::{
    AddArgs, AdjustArgs, CalArgs, CalendarSource, CalendarsArgs, CheckArgs, CountArgs,
    HolidaysArgs, ListFormat,
};
use slacal::io::{Output, io_error};

/// The registry of built-in calendars, plus the user's folder when one is given.
pub fn registry(source: &CalendarSource) -> Result<&'static Registry, Error> {
    match &source.holidays_dir {
        None => Registry::builtin(),
        // The registry lives as long as the process; leaking it gives the same lifetime as the
        // built-in one.
        Some(dir) => Ok(Box::leak(Box::new(crate::batch::registry_with_dir(dir)?))),
    }
}

/// A calendar by id from the built-ins or the user's folder, with estimated years when
/// `--allow-estimates` is given.
pub fn calendar(source: &CalendarSource, id: &str) -> Result<Calendar, Error> {
    let estimates = if source.allow_estimates {
        Estimates::Allow
    } else {
        Estimates::Deny
    };
    registry(source)?.calendar_with(id, estimates)
}

/// Estimated-only years as `2027-2199`, or `-`.
fn estimated_text(info: &slacal::CalendarInfo) -> String {
    info.estimated_years
        .map_or_else(|| "-".to_owned(), |(first, last)| format!("{first}-{last}"))
}

/// Parses a date argument.
pub fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    date32::to_naive(date32::parse_iso(text.trim().as_bytes())?)
}

fn print(out: &mut Output, text: std::fmt::Arguments<'_>) -> Result<(), Error> {
    out.write_fmt(text)
        .map_err(|e| io_error("writing to standard output".into(), &e))
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

pub fn calendars(args: &CalendarsArgs) -> Result<(), Error> {
    let registry = registry(&args.source)?;
    let infos = registry.infos()?;
    let mut out = Output::create(None)?;
    match args.format {
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
                "{:id_width$}  {:name_width$}  {:zone_width$}  {:9}  {:9}  {:weekend_width$}  VERSION",
                "ID",
                "NAME",
                "TIME ZONE",
                "YEARS",
                "ESTIMATED",
                "WEEKEND"
            )?;
            for (info, weekend) in infos.iter().zip(&weekends) {
                let years = format!("{}-{}", info.first_year, info.last_year);
                outln!(
                    &mut out,
                    "{:id_width$}  {:name_width$}  {:zone_width$}  {years:9}  {:9}  {weekend:weekend_width$}  {}",
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
                "id,name,time_zone,first_year,last_year,weekend,data_version,estimated_first_year,estimated_last_year"
            )?;
            for info in &infos {
                let (estimated_first, estimated_last) = info
                    .estimated_years
                    .map_or((String::new(), String::new()), |(first, last)| {
                        (first.to_string(), last.to_string())
                    });
                outln!(
                    &mut out,
                    "{},{},{},{},{},{},{},{estimated_first},{estimated_last}",
                    info.id,
                    csv_field(&info.name),
                    info.time_zone.name(),
                    info.first_year,
                    info.last_year,
                    csv_field(&weekend_text(info)),
                    info.data_version
                )?;
            }
        }
        ListFormat::Json => {
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
                })
                .collect();
            outln!(&mut out, "{}", to_json(&rows)?)?;
        }
    }
    out.commit()
}

fn to_json<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string_pretty(value).map_err(|e| Error::data(format!("writing JSON: {e}")))
}

pub fn holidays(args: &HolidaysArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let from_year = args.from.unwrap_or_else(|| today().year());
    let to_year = args.to.unwrap_or(from_year);
    if from_year > to_year {
        return Err(Error::input(format!(
            "--from {from_year} is after --to {to_year}"
        )));
    }
    let from = date32::to_naive(date32::from_ymd(from_year, 1, 1)?)?;
    let to = date32::to_naive(date32::from_ymd(to_year, 12, 31)?)?;
    let holidays = calendar.holidays_between(from, to)?;
    let mut out = Output::create(None)?;
    match args.format {
        ListFormat::Csv => {
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
        ListFormat::Table => {
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
        ListFormat::Json => {
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
    }
    out.commit()
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
        Error::input(format!(
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
    out.commit()
}

pub fn count(args: &CountArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let from = parse_date(&args.from)?;
    let to = parse_date(&args.to)?;
    let count = calendar.business_days_between(from, to)?;
    let mut out = Output::create(None)?;
    outln!(&mut out, "{count}")?;
    out.commit()
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
    if let Ok(previous) = calendar.previous_business_day(date) {
        outln!(&mut out, "previous business day: {previous}")?;
    }
    if let Ok(next) = calendar.next_business_day(date) {
        outln!(&mut out, "next business day: {next}")?;
    }
    out.commit()
}

pub fn adjust(args: &AdjustArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let date = parse_date(&args.date)?;
    let result = calendar.adjust(date, args.convention.into())?;
    let mut out = Output::create(None)?;
    outln!(&mut out, "{result}")?;
    out.commit()
}

pub fn cal(args: &CalArgs) -> Result<(), Error> {
    let calendar = calendar(&args.source, &args.calendar)?;
    let now = today();
    let year = args.year.unwrap_or(now.year());
    let months: Vec<u32> = match (args.year, args.month) {
        (_, Some(month)) if !(1..=12).contains(&month) => {
            return Err(Error::input(format!(
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
    out.commit()
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
