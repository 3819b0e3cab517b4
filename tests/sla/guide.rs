//! The policy format guide, `policies/README.md`, against the parser: every key the parser
//! accepts is in the guide's tables and every key of the tables is accepted, the guide's
//! example is a valid policy, and the built-in `marketplace` policy is the guide's file.

use std::collections::BTreeSet;

use slacal::Policy;

fn guide() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/policies/README.md")).unwrap()
}

/// The keys of the first table (`| key | …`) after a heading of the guide.
fn documented(guide: &str, heading: &str) -> BTreeSet<String> {
    let start = guide
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("the guide has no heading {heading:?}"));
    let rest = &guide[start + heading.len() + 2..];
    rest.lines()
        .skip_while(|line| !line.starts_with("| key |"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let key = line.split('|').nth(1).unwrap().trim();
            key.trim_matches('`').to_owned()
        })
        .collect()
}

/// The keys the parser accepts in a table: those its error for an unknown key lists.
fn accepted(probe: &str) -> BTreeSet<String> {
    let err = Policy::builder()
        .parse("probe.toml", probe)
        .unwrap_err()
        .to_string();
    let (_, list) = err
        .split_once("expected one of ")
        .unwrap_or_else(|| panic!("no list of keys in {err:?}"));
    list.split(", ")
        .map(|key| key.trim_matches('`').to_owned())
        .collect()
}

const HEAD: &str = "name = \"p\"\nevents = [\"a\", \"b\"]\ncalendar = \"US\"\n";

#[test]
fn issue_12_the_guide_documents_every_key_of_every_table() {
    let guide = guide();
    let tables = [
        ("## Top-level keys", format!("{HEAD}zzz_unknown = 1\n")),
        (
            "## `[calendars.ID]`",
            format!("{HEAD}[calendars.US]\nzzz_unknown = 1\n"),
        ),
        (
            "### `hours`",
            format!("{HEAD}[calendars.US]\nhours = {{ zzz_unknown = [] }}\n"),
        ),
        (
            "### `day`",
            format!("{HEAD}[calendars.US]\nday = [{{ zzz_unknown = 1 }}]\n"),
        ),
        (
            "### `closure`",
            format!("{HEAD}[calendars.US]\nclosure = [{{ zzz_unknown = 1 }}]\n"),
        ),
        ("## `[input]`", format!("{HEAD}[input]\nzzz_unknown = 1\n")),
        (
            "## `[[clock]]`",
            format!("{HEAD}[[clock]]\nzzz_unknown = 1\n"),
        ),
    ];
    for (heading, probe) in tables {
        let keys = accepted(&probe);
        assert!(keys.len() >= 3, "{heading}: {keys:?}");
        assert_eq!(documented(&guide, heading), keys, "{heading}");
    }
}

#[test]
fn issue_12_the_guide_s_example_is_a_valid_policy() {
    let guide = guide();
    let start = guide.find("```toml\n").unwrap() + "```toml\n".len();
    let end = start + guide[start..].find("```").unwrap();
    let policy = Policy::builder()
        .parse("policies/README.md", &guide[start..end])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(policy.name(), "support");
    let clocks: Vec<&str> = policy.clocks().iter().map(|c| c.name()).collect();
    assert_eq!(clocks, ["first_response", "resolution"]);
    assert_eq!(policy.record_id_column(), "ticket_id");
}

#[test]
fn issue_12_the_built_in_marketplace_policy_is_the_guide_s_file() {
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/policies/marketplace.toml"
    ))
    .unwrap();
    let builtin = Policy::builtin("marketplace").unwrap();
    assert_eq!(builtin.text(), file);
    let read = Policy::builder()
        .read(concat!(env!("CARGO_MANIFEST_DIR"), "/policies/marketplace.toml").as_ref())
        .unwrap();
    assert_eq!(read.digest(), builtin.digest());
    assert!(guide().contains("[`marketplace.toml`](marketplace.toml)"));
}
