//! A user's folder of holiday files: extending a built-in calendar under its own id,
//! inheritance that takes the parent's zone, weekend and years, errors said once, and
//! iCalendar: `holidays --format ics` and `.ics` files of closures.

use super::*;

const EXTENDED: &str = "tests/data/holidays-us-extended";

#[test]
fn issue_11_a_user_file_extends_the_built_in_calendar_under_its_own_id() {
    let dir = ["--holidays-dir", EXTENDED];
    // The built-in US holidays, the file's own day and the closures of its `.ics` file.
    let check = |date: &str| {
        let mut args = vec!["check", "US", date];
        args.extend_from_slice(&dir);
        slacal(&args)
            .ok()
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        check("2026-11-26"),
        "2026-11-26 (Thu) is not a business day in US: Thanksgiving Day (US)"
    );
    assert_eq!(
        check("2026-11-27"),
        "2026-11-27 (Fri) is not a business day in US: Day after Thanksgiving (US)"
    );
    assert_eq!(
        check("2026-12-29"),
        "2026-12-29 (Tue) is not a business day in US: Winter closure, all offices (US)"
    );
    // EXDATE 2028-12-28; UNTIL 2029-12-28; the cancelled off-site closes nothing.
    assert!(check("2028-12-28").contains("is a business day"));
    assert!(check("2029-12-28").contains("Winter closure"));
    assert!(check("2030-12-30").contains("is a business day"));
    assert!(check("2027-03-02").contains("is a business day"));
    // The last Friday of June, every year (a folded SUMMARY).
    assert!(
        check("2028-06-30").contains(
            "Summer party (offices close at noon the day before; the whole day off on the day itself)"
        ),
        "{}",
        check("2028-06-30")
    );

    // It takes the built-in calendar's zone, weekend and years.
    let mut args = vec!["calendars", "--format", "json"];
    args.extend_from_slice(&dir);
    let rows: serde_json::Value = serde_json::from_str(slacal(&args).ok()).unwrap();
    let builtin: serde_json::Value =
        serde_json::from_str(slacal(&["calendars", "--format", "json"]).ok()).unwrap();
    let find = |rows: &serde_json::Value, id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    let (mine, shipped) = (find(&rows, "US"), find(&builtin, "US"));
    for key in ["time_zone", "weekend", "first_year", "last_year"] {
        assert_eq!(mine[key], shipped[key], "{key}");
    }
    assert_ne!(mine["data_version"], shipped["data_version"]);
    assert_eq!(mine["as_of"], "2026-12-01");
    assert_eq!(
        mine["closure_files"][0],
        "tests/data/holidays-us-extended/us.closures.ics"
    );
    assert!(
        mine["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().starts_with("5 U.S.C. 6103"))
    );
    // The built-in subdivisions still inherit the built-in `US`: unchanged, same version.
    for id in ["US-CA", "US-NY", "US-TX"] {
        assert_eq!(find(&rows, id), find(&builtin, id), "{id}");
    }
    let mut args = vec!["check", "US-CA", "2026-11-27"];
    args.extend_from_slice(&dir);
    assert!(
        slacal(&args)
            .ok()
            .contains("Day after Thanksgiving (US-CA)"),
        "California's own day after Thanksgiving"
    );
    let mut args = vec!["check", "US-NY", "2026-12-29"];
    args.extend_from_slice(&dir);
    assert!(slacal(&args).ok().contains("is a business day"));

    // A run on the folder uses the extended `US` (the marketplace's default calendar).
    let input = b"record_id,event,at\nr1,submitted,2026-11-25T09:00:00-08:00\n";
    let mut args = vec!["run", "--as-of", "2026-11-25T12:00:00-08:00"];
    args.extend_from_slice(&dir);
    let extended = slacal_with_input(&args, Some(input));
    let plain = slacal_with_input(
        &["run", "--as-of", "2026-11-25T12:00:00-08:00"],
        Some(input),
    );
    let due = |out: &Run| {
        out.stdout
            .lines()
            .find(|l| l.starts_with("r1,certification,"))
            .map(|l| l.split(',').nth(5).unwrap_or_default().to_owned())
            .unwrap_or_default()
    };
    // 15 business days from Wednesday 2026-11-25: the day after Thanksgiving pushes the due
    // date by one business day.
    assert_eq!(due(&plain), "2026-12-17");
    assert_eq!(due(&extended), "2026-12-18");
}

#[test]
fn issue_11_an_inheritance_cycle_is_one_error_naming_the_file() {
    let out = slacal(&["calendars", "--holidays-dir", "tests/data/holidays-cycle"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "slacal: error: tests/data/holidays-cycle/a.toml:2:1: calendar `ALPHA`: its inheritance \
         goes round in a circle (ALPHA -> BETA -> ALPHA)\n"
    );
    // A calendar that inherits its own id without a built-in one to extend.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("self.toml"),
        "[country]\ncode = \"SELF\"\nname = \"Self\"\ninherits = \"SELF\"\nsources = [\"x\"]\n",
    )
    .unwrap();
    let out = slacal(&["calendars", "--holidays-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("calendar `SELF` inherits itself")
            && out.stderr.contains("there is no built-in `SELF`"),
        "{}",
        out.stderr
    );
    // Without `inherits`, the zone, weekend and years are required.
    std::fs::write(
        dir.path().join("self.toml"),
        "[country]\ncode = \"SELF\"\nname = \"Self\"\ntime_zone = \"UTC\"\nyears = [2000, 2030]\nsources = [\"x\"]\n",
    )
    .unwrap();
    let out = slacal(&["calendars", "--holidays-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.ends_with(
            "self.toml:1:1: country: `weekend` is missing (give it, like `weekend = [\"sat\", \
             \"sun\"]`, or inherit it from another calendar with `inherits`)\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn issue_11_holidays_as_icalendar() {
    let out = slacal(&[
        "holidays", "GB-ENG", "--from", "2026", "--to", "2027", "--format", "ics",
    ]);
    let text = out.ok();
    assert_golden("holidays_gb_eng_2026_2027.ics", text);
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    // CRLF everywhere, no line longer than 75 octets.
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(text.split("\r\n").all(|line| line.len() <= 75));
    // Deterministic: the same data gives the same file (no clock, no random UIDs).
    let again = slacal(&[
        "holidays", "GB-ENG", "--from", "2026", "--to", "2027", "--format", "ics",
    ]);
    assert_eq!(again.stdout, out.stdout);
    let events = text.matches("BEGIN:VEVENT\r\n").count();
    let csv = slacal(&["holidays", "GB-ENG", "--from", "2026", "--to", "2027"]);
    assert_eq!(events, csv.ok().lines().count() - 1);
    let uids: std::collections::BTreeSet<&str> =
        text.lines().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(uids.len(), events, "one UID per event");

    // Estimated holidays are tentative and say so; a joint calendar names each holiday's.
    let out = slacal(&["holidays", "US+CN", "--from", "2027", "--format", "ics"]);
    let text = out.ok().replace("\r\n ", "");
    assert!(
        text.contains("SUMMARY:Spring Festival (CN) [estimated]\r\n"),
        "{text}"
    );
    assert!(text.contains("STATUS:TENTATIVE\r\n"));
    assert!(text.contains("SUMMARY:Thanksgiving Day (US)\r\n"));
    assert!(out.stderr.contains("`CN` 2027"), "{}", out.stderr);

    // What it writes reads back as closures: the file put in a folder as `ACME.ics` closes the
    // same days for a calendar named so.
    let dir = tempfile::tempdir().unwrap();
    let ics = slacal(&["holidays", "DE", "--from", "2027", "--format", "ics"]);
    std::fs::write(dir.path().join("acme.ics"), ics.ok()).unwrap();
    std::fs::write(
        dir.path().join("acme.toml"),
        "[country]\ncode = \"ACME\"\nname = \"Acme\"\ntime_zone = \"Europe/Berlin\"\n\
         weekend = [\"sat\", \"sun\"]\nyears = [2027, 2027]\nsources = [\"x\"]\n",
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let acme = slacal(&[
        "count",
        "ACME",
        "2027-01-01",
        "2027-12-31",
        "--holidays-dir",
        folder,
    ]);
    let de = slacal(&["count", "DE", "2027-01-01", "2027-12-31"]);
    assert_eq!(acme.ok(), de.ok());
}

#[test]
fn issue_11_a_broken_ics_file_is_an_error_naming_its_file_and_line() {
    let out = slacal(&[
        "check",
        "US",
        "2027-01-04",
        "--holidays-dir",
        "tests/data/holidays-ics-broken",
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "slacal: error: tests/data/holidays-ics-broken/US.ics:10: event `All-hands meeting`: \
         DTSTART `20270610T140000Z` has a time of day: only all-day events \
         (`DTSTART;VALUE=DATE:YYYYMMDD`) close a calendar's days (a closure of part of a day \
         belongs in a policy's `closure` list)\n"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nowhere.ics"),
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let out = slacal(&["calendars", "--holidays-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unknown calendar `NOWHERE`")
            && out
                .stderr
                .contains("nowhere.ics` adds closures to calendar `NOWHERE`"),
        "{}",
        out.stderr
    );
    std::fs::write(
        dir.path().join("nowhere.ics"),
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Cut\r\nDTSTART;VALUE=DATE:20270104\r\n",
    )
    .unwrap();
    std::fs::rename(dir.path().join("nowhere.ics"), dir.path().join("US.ics")).unwrap();
    let out = slacal(&["calendars", "--holidays-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains(
            "US.ics:2: `BEGIN:VEVENT` is never closed with `END:VEVENT` (is the file cut short?)"
        ),
        "{}",
        out.stderr
    );
}
