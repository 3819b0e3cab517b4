//! Calendars: every holiday file loads, every calendar builds over its whole range, its
//! expansion matches the checked-in snapshot, and dated cases from official sources hold.
//!
//! Each region has a module of dated cases, each case citing the official page or statute it
//! was taken from.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use slacal::{Calendar, Registry};

mod de;
mod gb;
mod us;

/// A built-in calendar.
pub fn calendar(id: &str) -> Calendar {
    Calendar::builtin(id).unwrap_or_else(|e| panic!("calendar {id}: {e}"))
}

/// A date from `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|e| panic!("bad date `{text}` in a test: {e}"))
}

/// The names of the holidays of a calendar on a date.
pub fn names_on(id: &str, day: &str) -> Vec<String> {
    let cal = calendar(id);
    let d = date(day);
    cal.holidays_between(d, d)
        .unwrap_or_else(|e| panic!("{id} {day}: {e}"))
        .iter()
        .map(|h| h.name().to_owned())
        .collect()
}

/// Asserts that a calendar has a holiday of exactly this name on this date, and that the date
/// is not a business day.
#[track_caller]
pub fn assert_holiday(id: &str, day: &str, name: &str) {
    let names = names_on(id, day);
    assert!(
        names.iter().any(|n| n == name),
        "{id}: expected `{name}` on {day}, found {names:?}"
    );
    assert!(
        !calendar(id).is_business_day(date(day)).unwrap(),
        "{id}: {day} should not be a business day"
    );
}

/// Asserts that a date is a business day of a calendar (no holiday, not a weekend day).
#[track_caller]
pub fn assert_business_day(id: &str, day: &str) {
    let cal = calendar(id);
    let info = cal.day_info(date(day)).unwrap();
    assert!(
        info.business,
        "{id}: expected {day} to be a business day, found: {}",
        info.reason()
    );
}

/// Asserts the number of holidays (observed days included) a calendar has in a year.
#[track_caller]
pub fn assert_holiday_count(id: &str, year: i32, count: usize) {
    let cal = calendar(id);
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
    let holidays = cal.holidays_between(from, to).unwrap();
    let shown: Vec<String> = holidays.iter().map(ToString::to_string).collect();
    assert_eq!(holidays.len(), count, "{id} {year}: {shown:#?}");
}

#[test]
fn every_file_loads_and_every_calendar_builds_over_its_whole_range() {
    let registry = Registry::builtin().unwrap();
    let infos = registry.infos().unwrap();
    assert!(!infos.is_empty());
    for info in infos {
        let cal = registry.calendar(&info.id).unwrap();
        assert_eq!(
            (cal.first_year(), cal.last_year()),
            (info.first_year, info.last_year)
        );
        assert_eq!(cal.data_version(), info.data_version, "{}", info.id);
        assert!(!cal.sources().is_empty(), "{} names no source", info.id);
        let (first, last) = (cal.first_date(), cal.last_date());
        // Every covered day answers, and the answers are consistent.
        let total = cal.business_days_between(first, last).unwrap();
        assert!(total > 0, "{} has no business day", info.id);
        assert_eq!(
            cal.add_business_days(first, 0).unwrap(),
            cal.adjust(first, slacal::Convention::Following).unwrap()
        );
        let mut day = first;
        let mut business = 0;
        while day < last {
            if cal.is_business_day(day).unwrap() {
                business += 1;
            }
            day = day.succ_opt().unwrap();
        }
        assert_eq!(business, total, "{}", info.id);
        // Every year has holidays, and none falls outside the covered years.
        for h in cal.holidays() {
            assert!((info.first_year..=info.last_year).contains(&h.date().year()));
            assert!(!h.name().trim().is_empty());
        }
        for year in info.first_year..=info.last_year {
            let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
            assert!(
                !cal.holidays_between(from, to).unwrap().is_empty(),
                "{} has no holiday in {year}",
                info.id
            );
        }
        // Just outside the range is an error that says so.
        let before = first.pred_opt().unwrap();
        assert!(cal.is_business_day(before).unwrap_err().is_range());
        let after = last.succ_opt().unwrap();
        assert!(cal.is_business_day(after).unwrap_err().is_range());
    }
}

/// The snapshot years: wide enough to cover every rule change since 1990 and two decades ahead.
const SNAPSHOT_YEARS: (i32, i32) = (1990, 2045);

/// Every calendar's holidays in the snapshot years must equal `tests/golden/holidays/<ID>.csv`.
/// Run with `SLACAL_BLESS=1` to write the snapshots after a deliberate change of data, and
/// review the diff.
#[test]
fn holiday_expansions_match_their_snapshots() {
    let registry = Registry::builtin().unwrap();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/holidays");
    let bless = std::env::var_os("SLACAL_BLESS").is_some();
    let mut failures = Vec::new();
    for info in registry.infos().unwrap() {
        let cal = registry.calendar(&info.id).unwrap();
        let first = SNAPSHOT_YEARS.0.max(info.first_year);
        let last = SNAPSHOT_YEARS.1.min(info.last_year);
        let mut text = String::from("date,name\n");
        if first <= last {
            let from = NaiveDate::from_ymd_opt(first, 1, 1).unwrap();
            let to = NaiveDate::from_ymd_opt(last, 12, 31).unwrap();
            for h in cal.holidays_between(from, to).unwrap() {
                let estimated = if h.is_estimated() { " [estimated]" } else { "" };
                let name = format!("{}{estimated}", h.name());
                let name = if name.contains([',', '"']) {
                    format!("\"{}\"", name.replace('"', "\"\""))
                } else {
                    name
                };
                writeln!(text, "{},{name}", h.date()).unwrap();
            }
        }
        let path = dir.join(format!("{}.csv", info.id));
        if bless {
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == text => {}
            Ok(want) => {
                let diff: Vec<String> = diff_lines(&want, &text);
                failures.push(format!(
                    "{}: differs from {}:\n{}",
                    info.id,
                    path.display(),
                    diff.join("\n")
                ));
            }
            Err(_) => failures.push(format!("{}: no snapshot at {}", info.id, path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(after a deliberate change of data, rerun with SLACAL_BLESS=1 and review the diff)",
        failures.join("\n\n")
    );
}

/// The lines only in `want` (`-`) and only in `got` (`+`), at most 20.
fn diff_lines(want: &str, got: &str) -> Vec<String> {
    let want_set: std::collections::BTreeSet<&str> = want.lines().collect();
    let got_set: std::collections::BTreeSet<&str> = got.lines().collect();
    want_set
        .difference(&got_set)
        .map(|l| format!("- {l}"))
        .chain(got_set.difference(&want_set).map(|l| format!("+ {l}")))
        .take(20)
        .collect()
}
