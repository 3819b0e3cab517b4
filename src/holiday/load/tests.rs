use chrono::{NaiveDate, Weekday, WeekdaySet};

use super::*;
use crate::holiday::equinox::Equinox;
use crate::holiday::hindu;
use crate::holiday::lunisolar::Lunisolar;
use crate::holiday::rule::{DateRule, MoveTo};

fn parse(text: &str) -> Result<Vec<CalendarDef>, Error> {
    parse_file("holidays/xx.toml", text.to_owned())
}

const HEAD: &str = r#"
[country]
code = "XX"
name = "Example"
time_zone = "Europe/Paris"
weekend = ["sat", "sun"]
years = [2000, 2100]
sources = ["https://example.org/law"]
"#;

#[test]
fn calendar_rules_and_estimates_parse() {
    let text = HEAD.replace(
        "years = [2000, 2100]",
        "years = [2000, 2026]\nestimated_years = [2027, 2199]",
    ) + "[[holiday]]\nname = \"I\"\nhebrew = { month = \"iyar\", day = 5, moves = { fri = -1, sat = -2 } }\n\
           [[holiday]]\nname = \"C\"\nlunisolar = { calendar = \"korean\", month = 8, day = 15 }\n\
           [[holiday]]\nname = \"Q\"\nsolar_term = { longitude = 15 }\n\
           [[estimate]]\nname = \"E\"\nislamic = { month = 10, day = 1 }\n";
    let defs = parse(&text).unwrap();
    assert_eq!(defs[0].estimated_years, Some((2027, 2199)));
    assert_eq!(defs[0].estimates.len(), 1);
    assert_eq!(
        defs[0].rules[0].date,
        DateRule::Hebrew {
            month: 2,
            day: 5,
            moves: [0, 0, 0, 0, -1, -2, 0]
        }
    );
    assert_eq!(
        defs[0].rules[1].date,
        DateRule::Lunisolar {
            calendar: Lunisolar::Korean,
            month: 8,
            day: 15,
            leap: false
        }
    );
    assert_eq!(
        defs[0].rules[2].date,
        DateRule::SolarTerm {
            calendar: Lunisolar::Chinese,
            longitude: 15
        }
    );
}

#[test]
fn an_inheriting_calendar_may_leave_out_zone_weekend_and_years() {
    let text = "[country]\ncode = \"ACME\"\nname = \"Acme\"\ninherits = \"US\"\n\
                sources = [\"handbook\"]\nchecked = \"2026 against the handbook\"\n\
                as_of = 2026-12-01\n";
    let defs = parse(text).unwrap();
    assert_eq!(
        (defs[0].time_zone, defs[0].weekend, defs[0].years),
        (None, None, None)
    );
    assert_eq!(defs[0].as_of, NaiveDate::from_ymd_opt(2026, 12, 1));
    assert_eq!(
        defs[0].checked.as_deref(),
        Some("2026 against the handbook")
    );
    // Without `inherits` each is required, and the error says so.
    for (key, line) in [
        ("time_zone", "time_zone = \"Europe/Paris\"\n"),
        ("weekend", "weekend = [\"sat\", \"sun\"]\n"),
        ("years", "years = [2000, 2100]\n"),
    ] {
        let text = HEAD.replace(line, "");
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!(
                "holidays/xx.toml:2:1: country: `{key}` is missing (give it, like `{key} = "
            )),
            "{err}"
        );
    }
}

#[test]
fn known_through_parses_and_checks_its_keys() {
    let text = format!(
        "{HEAD}\n[[known_through]]\nholidays = \"election days\"\nyear = 2026\n\
         source = \"Electoral Act s. 18\"\n"
    );
    let defs = parse(&text).unwrap();
    assert_eq!(
        defs[0].known_through,
        [KnownThrough {
            holidays: "election days".to_owned(),
            year: 2026,
            source: "Electoral Act s. 18".to_owned(),
        }]
    );
    let text = format!(
        "{HEAD}\n[[known_through]]\nholidays = \"election days\"\nyear = 2026\nsource = \" \"\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert_eq!(
        err,
        "holidays/xx.toml:13:10: known_through `election days`: `source` is empty (name the \
         law or notice that sets the next one)"
    );
    let text =
        format!("{HEAD}\n[[known_through]]\nholidays = \"x\"\nyear = 2300\nsource = \"s\"\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("2300"), "{err}");
    let text = format!("{HEAD}\n[[known_through]]\nholidays = \"x\"\nyear = 2026\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("missing field `source`"), "{err}");
}

#[test]
fn a_small_file_parses() {
    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Day\"\nmonth = 5\nday = 1\nobserved = \"sun_mon\"\n\
         [[subdivision]]\ncode = \"XX-A\"\nname = \"A\"\nremove = [\"Day\"]\n"
    );
    let defs = parse(&text).unwrap();
    assert_eq!(defs.len(), 2);
    assert_eq!(defs[0].rules.len(), 1);
    assert_eq!(defs[1].inherits.as_deref(), Some("XX"));
}

#[test]
fn equinox_between_holidays_and_every_parse() {
    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Vernal Equinox Day\"\nequinox = \"march\"\n\
         utc_offset = \"+09:00\"\n\
         [[holiday]]\nname = \"Citizens' Holiday\"\nbetween_holidays = true\nfirst_year = 1986\n\
         skip_weekdays = [\"sun\"]\n\
         [[holiday]]\nname = \"Inauguration\"\nmonth = 10\nday = 1\nfirst_year = 2024\nevery = 6\n"
    );
    let defs = parse(&text).unwrap();
    let rules = &defs[0].rules;
    assert_eq!(
        rules[0].date,
        DateRule::Equinox {
            equinox: Equinox::March,
            utc_offset_seconds: 9 * 3600
        }
    );
    assert_eq!(
        rules[1].date,
        DateRule::BetweenHolidays {
            skip: WeekdaySet::single(Weekday::Sun)
        }
    );
    let years: Vec<i32> = (2020..=2040).filter(|&y| rules[2].in_force(y)).collect();
    assert_eq!(years, [2024, 2030, 2036]);
    assert!(rules[2].in_force(2198) && !rules[2].in_force(2199));

    let west = HEAD.to_owned()
        + "\n[[holiday]]\nname = \"E\"\nequinox = \"september\"\nutc_offset = \"-03:30\"\n";
    let defs = parse(&west).unwrap();
    assert_eq!(
        defs[0].rules[0].date,
        DateRule::Equinox {
            equinox: Equinox::September,
            utc_offset_seconds: -(3 * 3600 + 30 * 60)
        }
    );
}

#[test]
fn an_election_rule_parses_and_checks_its_fields() {
    let rule = |fields: &str| {
        format!("{HEAD}\n[[holiday]]\nname = \"Election\"\nelection = {{ {fields} }}\n")
    };
    let defs = parse(&rule(
        "term_end = 2030-06-03, term_years = 5, days_before = 70, weekday = \"wed\", \
         avoid_holidays = true",
    ))
    .unwrap();
    assert_eq!(
        defs[0].rules[0].date,
        DateRule::Election {
            term_end: NaiveDate::from_ymd_opt(2030, 6, 3).unwrap(),
            term_years: 5,
            days_before: 70,
            weekday: Weekday::Wed,
            avoid_holidays: true,
        }
    );
    for (fields, message) in [
        (
            "term_end = 2028-02-29, term_years = 4, days_before = 50, weekday = \"wed\"",
            "on 29 February has no date in most years",
        ),
        (
            "term_end = 2028-05-29, term_years = 0, days_before = 50, weekday = \"wed\"",
            "term_years 0 is out of range (1..=20)",
        ),
        (
            "term_end = 2028-05-29, term_years = 4, days_before = 400, weekday = \"wed\"",
            "days_before 400 is out of range (0..=366)",
        ),
        (
            "term_end = 2028-05-29, term_years = 4, days_before = 50, weekday = \"mittwoch\"",
            "unknown weekday `mittwoch`",
        ),
        (
            "term_end = 2028-05-29, term_years = 4, weekday = \"wed\"",
            "missing field `days_before`",
        ),
    ] {
        let err = parse(&rule(fields)).unwrap_err().to_string();
        assert!(err.contains(message), "{fields}: {err}");
    }
    let text = rule("term_end = 2028-05-29, term_years = 4, days_before = 50, weekday = \"wed\"")
        + "observed = \"sun_mon\"\n";
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("an `election` rule takes no `offset`, `move`, `skip_weekdays` or"),
        "{err}"
    );
}

#[test]
fn a_hindu_rule_and_a_replacement_parse() {
    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Ram Navami\"\nhindu = {{ month = \"chaitra\", tithi = 9, \
         at = \"noon\", latitude = 28.61, longitude = 77.21, utc_offset = \"+05:30\" }}\n\
         [[holiday]]\nname = \"Maha Shivaratri\"\nhindu = {{ month = \"magha\", tithi = 29, \
         at = \"midnight\", latitude = 28.61, longitude = 77.21, utc_offset = \"+05:30\" }}\n\
         replaces_on_weekend = \"Ram Navami\"\n"
    );
    let defs = parse(&text).unwrap();
    let DateRule::Hindu(festival) = defs[0].rules[0].date else {
        panic!("{:?}", defs[0].rules[0].date);
    };
    assert_eq!((festival.month, festival.tithi), (1, 9));
    assert_eq!(festival.at, hindu::TimeOfDay::Noon);
    assert_eq!(festival.place.utc_offset_seconds, 19_800);
    assert_eq!(
        defs[0].rules[1].replaces_on_weekend.as_deref(),
        Some("Ram Navami")
    );

    let rule =
        |fields: &str| format!("{HEAD}\n[[holiday]]\nname = \"H\"\nhindu = {{ {fields} }}\n");
    let place = "latitude = 28.61, longitude = 77.21, utc_offset = \"+05:30\"";
    for (fields, message) in [
        (
            format!("month = \"kartik\", tithi = 15, at = \"sunrise\", {place}"),
            "unknown Hindu month `kartik` (expected chaitra, vaishakha",
        ),
        (
            format!("month = \"kartika\", tithi = 31, at = \"sunrise\", {place}"),
            "tithi 31 is out of range (1..=30",
        ),
        (
            format!("month = \"kartika\", tithi = 15, at = \"dawn\", {place}"),
            "unknown moment of the day `dawn`",
        ),
        (
            "month = \"kartika\", tithi = 15, at = \"sunrise\", latitude = 78.2, \
             longitude = 15.6, utc_offset = \"+01:00\""
                .to_owned(),
            "latitude 78.2 is out of range",
        ),
        (
            "month = \"kartika\", tithi = 15, at = \"sunrise\", latitude = 28.6, \
             longitude = 277.2, utc_offset = \"+05:30\""
                .to_owned(),
            "longitude 277.2 is out of range",
        ),
        (
            "month = \"kartika\", tithi = 15, at = \"sunrise\", latitude = 28.6, \
             longitude = 77.2, utc_offset = \"IST\""
                .to_owned(),
            "utc_offset `IST` is not an offset from UTC",
        ),
    ] {
        let err = parse(&rule(&fields)).unwrap_err().to_string();
        assert!(err.contains(message), "{fields}: {err}");
    }

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Day\"\nmonth = 2\nday = 26\nreplaces_on_weekend = \"Other\"\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains(
            "holiday `Day`: `replaces_on_weekend` names `Other`, which calendar `XX` does not \
             define"
        ),
        "{err}"
    );
    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Day\"\nmonth = 2\nday = 26\nreplaces_on_weekend = \"Day\"\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("names the holiday itself"), "{err}");
}

#[test]
fn a_move_table_parses() {
    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"St Brigid's Day\"\nmonth = 2\nday = 1\n\
         move = {{ tue = \"next_mon\", sun = \"previous_fri\", mon = \"none\" }}\n"
    );
    let defs = parse(&text).unwrap();
    let moved = defs[0].rules[0].moved;
    assert_eq!(moved.on(Weekday::Tue), Some(MoveTo::Next(Weekday::Mon)));
    assert_eq!(moved.on(Weekday::Sun), Some(MoveTo::Previous(Weekday::Fri)));
    assert_eq!(moved.on(Weekday::Mon), None);
    assert_eq!(moved.on(Weekday::Wed), None);
}

#[test]
fn errors_name_the_file_line_and_problem() {
    let text = format!("{HEAD}\n[[holiday]]\nname = \"Bad\"\nmonth = 13\nday = 1\n");
    let err = parse(&text).unwrap_err().to_string();
    assert_eq!(
        err,
        "holidays/xx.toml:12:9: holiday `Bad`: month 13 is out of range (1..=12)"
    );

    let text = format!("{HEAD}\n[[holiday]]\nname = \"Bad\"\nmonht = 1\nday = 1\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("holidays/xx.toml:12:1: unknown field `monht`"),
        "{err}"
    );

    let err = parse("[country\n").unwrap_err().to_string();
    assert!(err.starts_with("holidays/xx.toml:1:"), "{err}");

    let text = HEAD.replace("Europe/Paris", "Mars/Olympus");
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("unknown time zone `Mars/Olympus`"), "{err}");

    let text = format!("{HEAD}\n[[holiday]]\nname = \"Two\"\nmonth = 1\nday = 1\neaster = 1\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("give exactly one way"), "{err}");

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Obs\"\nmonth = 1\nday = 1\nobserved = \"sometimes\"\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("unknown observed rule `sometimes`"), "{err}");

    let text = format!("{HEAD}\n[[holiday]]\nname = \"Eq\"\nequinox = \"march\"\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("an `equinox` rule needs `utc_offset`"),
        "{err}"
    );

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"H\"\nhebrew = {{ month = \"thermidor\", day = 1 }}\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("unknown Hebrew month `thermidor`"), "{err}");

    let text =
        format!("{HEAD}\n[[holiday]]\nname = \"L\"\nlunisolar = {{ month = 13, day = 1 }}\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("lunisolar month 13 is out of range (1..=12)"),
        "{err}"
    );

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Eq\"\nequinox = \"june\"\nutc_offset = \"+09:00\"\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("unknown equinox `june`"), "{err}");

    for offset in ["09:00", "+9:00", "+09:60", "+15:00", "+09", "+０9:00"] {
        let text = format!(
            "{HEAD}\n[[holiday]]\nname = \"Eq\"\nequinox = \"march\"\nutc_offset = \"{offset}\"\n"
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("is not an offset from UTC"), "{offset}: {err}");
    }

    let text =
        format!("{HEAD}\n[[holiday]]\nname = \"D\"\nmonth = 1\nday = 1\nutc_offset = \"+09:00\"\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("`utc_offset` is only for an `equinox` rule"),
        "{err}"
    );

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"D\"\nmonth = 1\nday = 1\nskip_weekdays = [\"sunday\", \"dimanche\"]\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("unknown weekday `dimanche`"), "{err}");

    let text = format!("{HEAD}\n[[holiday]]\nname = \"B\"\nbetween_holidays = false\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("`between_holidays = false` means nothing"),
        "{err}"
    );

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"B\"\nbetween_holidays = true\nobserved = \"sun_mon\"\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("takes no `offset` and no `observed` rule"),
        "{err}"
    );

    let text = format!("{HEAD}\n[[holiday]]\nname = \"E\"\nmonth = 10\nday = 1\nevery = 6\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("`every` needs `first_year`"), "{err}");

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"E\"\nmonth = 10\nday = 1\nevery = 1\nfirst_year = 2024\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("every 1 is out of range (2..=100 years)"),
        "{err}"
    );

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"Mv\"\nmonth = 2\nday = 1\nmove = {{ sat = \"after_monday\" }}\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert_eq!(
        err,
        "holidays/xx.toml:14:8: holiday `Mv`: unknown move `after_monday` (expected none, or \
         next_ or previous_ and a weekday, like `next_mon` or `previous_fri`)"
    );

    let text = format!(
        "{HEAD}\n[[holiday]]\nname = \"L\"\nlunisolar = {{ month = 1, day = 1, calendar = \"maya\" }}\n"
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("unknown lunisolar calendar `maya`"), "{err}");

    let text = format!("{HEAD}\n[[estimate]]\nname = \"E\"\nislamic = {{ month = 10, day = 1 }}\n");
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("`[[estimate]]` rules need `estimated_years`"),
        "{err}"
    );

    let text = HEAD.replace(
        "years = [2000, 2100]",
        "years = [2000, 2026]\nestimated_years = [2030, 2199]",
    );
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.contains("must start the year after the covered years end (2027)"),
        "{err}"
    );

    let text = HEAD.replace("sources = [\"https://example.org/law\"]", "sources = []");
    let err = parse(&text).unwrap_err().to_string();
    assert!(err.contains("must name its sources"), "{err}");
}

/// Issue 12: an error points at the line of the key that is wrong, not at its table's first
/// line; a year outside the supported range in a file is a data error (the file is wrong), not
/// a range error (a query outside the range).
#[test]
fn issue_12_errors_point_at_the_bad_key_and_years_in_files_are_data_errors() {
    let cases = [
        (
            "[[holiday]]\nname = \"Day\"\nmonth = 5\nday = 1\nfirst_year = 1850\n",
            "holidays/xx.toml:14:14: holiday `Day`: year 1850 is outside the supported range \
             1900..=2199",
        ),
        (
            "[[holiday]]\nname = \"Day\"\nmonth = 5\nday = 1\nfirst_year = 2030\nlast_year = 2020\n",
            "holidays/xx.toml:15:13: holiday `Day`: first_year 2030 is after last_year 2020",
        ),
        (
            "[[holiday]]\nname = \"Day\"\ndates = [\n  2026-05-01,\n  2300-05-01,\n]\n",
            "holidays/xx.toml:14:3: holiday `Day`: year 2300 is outside the supported range \
             1900..=2199",
        ),
        (
            "[[holiday]]\nname = \"Day\"\nmonth = 5\nday = 1\nobserved = \"sometimes\"\n",
            "holidays/xx.toml:14:12: holiday `Day`: unknown observed rule `sometimes`",
        ),
        (
            "[[working_day]]\nname = \"Make-up\"\ndates = [2026-05-09, 1899-05-09]\n",
            "holidays/xx.toml:12:22: working day `Make-up`: year 1899 is outside the supported \
             range 1900..=2199",
        ),
        (
            "[[weekend_change]]\nfrom = 2022-01-01\nweekend = [\"sat\", \"sunday\", \"dimanche\"]\n",
            "holidays/xx.toml:12:11: weekend change: unknown weekday `dimanche`",
        ),
    ];
    for (tail, expected) in cases {
        let err = parse(&format!("{HEAD}\n{tail}")).unwrap_err();
        assert!(err.to_string().starts_with(expected), "{tail}: {err}");
        assert!(err.is_data(), "{tail}: {err:?}");
    }
    let text = HEAD.replace("years = [2000, 2100]", "years = [1850, 2100]");
    let err = parse(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "holidays/xx.toml:7:9: years: year 1850 is outside the supported range 1900..=2199"
    );
    assert!(err.is_data() && !err.is_range());
    let text = HEAD.replace("Europe/Paris", "Mars/Olympus");
    let err = parse(&text).unwrap_err().to_string();
    assert!(
        err.starts_with("holidays/xx.toml:5:13: country: unknown time zone"),
        "{err}"
    );
}
