//! `--allow-estimates` and the covered and estimated years shown by `slacal calendars`.

use super::*;

#[test]
fn issue_6_add_across_china_s_national_day() {
    let output = slacal(&["add", "CN", "2025-09-26", "5"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(output.stdout.trim(), "2025-10-10");
}

#[test]
fn a_date_after_the_announced_years_needs_allow_estimates() {
    let denied = slacal(&["check", "CN", "2027-02-08"]);
    assert_eq!(denied.code, 2);
    let message = denied.stderr;
    assert!(message.contains("not announced yet"), "{message}");
    assert!(message.contains("--allow-estimates"), "{message}");

    let allowed = slacal(&["check", "CN", "2027-02-08", "--allow-estimates"]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert!(
        allowed
            .stdout
            .clone()
            .contains("Spring Festival (third day) (CN) [estimated]")
    );

    let holidays = slacal(&["holidays", "AE", "--from", "2027", "--allow-estimates"]);
    assert_eq!(holidays.code, 0, "{}", holidays.stderr);
    let text = holidays.stdout;
    assert!(
        text.contains("2027-03-10,Eid al-Fitr [estimated]"),
        "{text}"
    );
    assert!(
        text.lines()
            .skip(1)
            .all(|line| line.ends_with("[estimated]")),
        "{text}"
    );
}

#[test]
fn calendars_show_covered_and_estimated_years() {
    let output = slacal(&["calendars", "--format", "csv"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let text = output.stdout;
    assert!(text.starts_with(
        "id,name,time_zone,first_year,last_year,weekend,data_version,estimated_first_year,estimated_last_year,announced_through,estimated_through,checked,as_of,known_through,sources\n"
    ));
    let row = |id: &str| {
        text.lines()
            .find(|line| line.starts_with(&format!("{id},")))
            .unwrap_or_else(|| panic!("no row for {id} in {text}"))
            .to_owned()
    };
    assert!(row("CN").starts_with("CN,China,Asia/Shanghai,2008,2026,"));
    assert!(row("CN").ends_with(",2027,2199"));
    assert!(row("AE").ends_with(",2027,2199"));
    assert!(row("KR").starts_with("KR,South Korea,Asia/Seoul,1991,2199,"));
    assert!(row("KR").ends_with(","));

    let table = slacal(&["calendars"]).stdout;
    let ae = table
        .lines()
        .find(|l| l.starts_with("AE "))
        .unwrap_or_default();
    assert!(ae.contains("2019-2026") && ae.contains("2027-2199"), "{ae}");
    assert!(ae.contains("Fri+Sat, Sat+Sun from 2022-01-01"), "{ae}");
}
