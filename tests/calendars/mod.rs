//! Calendars: every holiday file loads, every calendar builds over its whole range, its
//! expansion matches the checked-in snapshot, and dated cases from official sources hold.
//!
//! Each region has a module of dated cases, each case citing the official page or statute it
//! was taken from.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use slacal::{Calendar, Estimates, Registry};

mod ae;
mod at;
mod au;
mod be;
mod br;
mod ca;
mod ch;
mod cn;
mod de;
mod dk;
mod es;
mod fi;
mod fr;
mod gb;
mod ie;
mod il;
mod r#in;
mod it;
mod jp;
mod kr;
mod mx;
mod nl;
mod no;
mod nz;
mod pl;
mod pt;
mod se;
mod sg;
mod us;
mod za;

/// A built-in calendar.
pub fn calendar(id: &str) -> Calendar {
    Calendar::builtin(id).unwrap_or_else(|e| panic!("calendar {id}: {e}"))
}

/// A date from `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    text.parse()
        .unwrap_or_else(|e| panic!("bad date `{text}` in a test: {e}"))
}

/// A built-in calendar with its estimated years.
pub fn calendar_with_estimates(id: &str) -> Calendar {
    Registry::builtin()
        .and_then(|r| r.calendar_with(id, Estimates::Allow))
        .unwrap_or_else(|e| panic!("calendar {id} with estimates: {e}"))
}

/// A calendar made of the `[[estimate]]` rules of a shipped holiday file alone, as ordinary
/// rules over `years`: to test an estimator against the years whose dates were announced.
pub fn estimates_alone(file: &str, years: (i32, i32)) -> Calendar {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("holidays")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    let mut keep = false;
    for line in text.lines() {
        if line.starts_with('[') {
            keep = line == "[country]" || line == "[[estimate]]";
            if line == "[[estimate]]" {
                out.push_str("[[holiday]]\n");
                continue;
            }
        }
        if !keep || line.starts_with("estimated_years") {
            continue;
        }
        if line.starts_with("years = ") {
            out.push_str(&format!("years = [{}, {}]\n", years.0, years.1));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    let registry = Registry::from_files([(format!("estimates of {file}"), out)]).unwrap();
    let id = registry.ids().next().unwrap().to_owned();
    registry.calendar(&id).unwrap()
}

/// How many of the announced dates of the holidays named in `names` the estimator of a
/// calendar gives on the same date, per name: `(name, hits, announced)`.
pub fn estimator_hits(
    id: &str,
    file: &str,
    years: (i32, i32),
    names: &[&str],
) -> Vec<(String, usize, usize)> {
    let announced = calendar(id);
    let estimated = estimates_alone(file, years);
    let from = NaiveDate::from_ymd_opt(years.0, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(years.1, 12, 31).unwrap();
    let estimated_days: Vec<(NaiveDate, String)> = estimated
        .holidays_between(from, to)
        .unwrap()
        .iter()
        .filter(|h| !h.is_observed())
        .map(|h| (h.date(), h.name().to_owned()))
        .collect();
    names
        .iter()
        .map(|&name| {
            let days: Vec<NaiveDate> = announced
                .holidays_between(from, to)
                .unwrap()
                .iter()
                .filter(|h| h.name() == name && !h.is_observed())
                .map(|h| h.date())
                .collect();
            let hits = days
                .iter()
                .filter(|&&d| estimated_days.contains(&(d, name.to_owned())))
                .count();
            (name.to_owned(), hits, days.len())
        })
        .collect()
}

/// Asserts that a date is a working day declared on a weekend (a make-up working day).
#[track_caller]
pub fn assert_working_day(id: &str, day: &str) {
    let cal = calendar(id);
    let info = cal.day_info(date(day)).unwrap();
    assert!(
        info.business && info.weekend && !info.working_days.is_empty(),
        "{id}: expected {day} to be a declared working day, found: {}",
        info.reason()
    );
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

#[test]
fn every_calendar_with_estimates_builds_and_marks_only_estimated_years() {
    let registry = Registry::builtin().unwrap();
    for info in registry.infos().unwrap() {
        let cal = registry.calendar_with(&info.id, Estimates::Allow).unwrap();
        let Some((first, last)) = info.estimated_years else {
            assert_eq!(cal.last_year(), info.last_year, "{}", info.id);
            assert_eq!(cal.estimated_years(), None);
            assert!(
                cal.holidays().iter().all(|h| !h.is_estimated()),
                "{}",
                info.id
            );
            continue;
        };
        assert_eq!(first, info.last_year + 1, "{}", info.id);
        assert_eq!((cal.first_year(), cal.last_year()), (info.first_year, last));
        assert_eq!(cal.estimated_years(), Some((first, last)));
        let plain = registry.calendar(&info.id).unwrap();
        assert_eq!(plain.estimates_available(), Some((first, last)));
        for h in cal.holidays() {
            assert_eq!(
                h.is_estimated(),
                h.date().year() >= first,
                "{} {h}",
                info.id
            );
        }
        for year in first..=last {
            let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
            assert!(
                !cal.holidays_between(from, to).unwrap().is_empty(),
                "{} {year}",
                info.id
            );
        }
        // The announced years are the same with or without estimates.
        let to = plain.last_date();
        let first_date = plain.first_date();
        assert_eq!(
            cal.business_days_between(first_date, to).unwrap(),
            plain.business_days_between(first_date, to).unwrap(),
            "{}",
            info.id
        );
        // Without estimates, the first estimated day is an error that says how to allow them.
        let after = to.succ_opt().unwrap();
        let err = plain.is_business_day(after).unwrap_err();
        assert!(err.is_range());
        assert!(err.to_string().contains("Estimates::Allow"), "{err}");
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
        if let Some((estimated_first, _)) = info.estimated_years {
            let estimated = registry.calendar_with(&info.id, Estimates::Allow).unwrap();
            let from = NaiveDate::from_ymd_opt(estimated_first, 1, 1).unwrap();
            let to = NaiveDate::from_ymd_opt(SNAPSHOT_YEARS.1, 12, 31).unwrap();
            for h in estimated.holidays_between(from, to).unwrap() {
                writeln!(text, "{},{} [estimated]", h.date(), h.name()).unwrap();
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

/// The README's calendar table names every calendar with its covered years.
#[test]
fn the_readme_lists_every_calendar_with_its_years() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    for info in Registry::builtin().unwrap().infos().unwrap() {
        let row = readme
            .lines()
            .find(|line| line.starts_with(&format!("| `{}` |", info.id)))
            .unwrap_or_else(|| panic!("README.md has no row for {}", info.id));
        let years = format!("| {}–{}", info.first_year, info.last_year);
        assert!(
            row.contains(&years),
            "README.md row for {} lacks `{years}`: {row}",
            info.id
        );
        assert!(
            row.contains(info.time_zone.name()),
            "README.md row for {}: {row}",
            info.id
        );
    }
}
