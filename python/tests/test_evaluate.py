"""`slacal.evaluate` and `slacal.explain` give what `slacal run` and `slacal explain` give: the
repository's examples through both, compared row for row (issue 13)."""

import csv
import datetime as dt
import json
import os
import pathlib
import shutil
import subprocess

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import slacal

ROOT = pathlib.Path(__file__).resolve().parents[2]
EVENTS = ROOT / "examples" / "offers.csv"
WIDE = ROOT / "examples" / "offers_wide.csv"
AS_OF = "2026-11-22T12:00:00Z"


@pytest.fixture(scope="module")
def cli():
    """The `slacal` command of this checkout: `SLACAL_BIN` (CI sets it to the one `cargo test`
    built), else built from this checkout (`cargo build --bin slacal`, quick when up to date)."""
    given = os.environ.get("SLACAL_BIN")
    if given:
        assert pathlib.Path(given).is_file(), f"SLACAL_BIN `{given}` is not a file"
        return given
    if shutil.which("cargo") is None:
        pytest.fail("no slacal command: set SLACAL_BIN, or install cargo to build it")
    subprocess.run(["cargo", "build", "--quiet", "--bin", "slacal"], cwd=ROOT, check=True)
    return str(ROOT / "target" / "debug" / "slacal")


def run_cli(cli, tmp_path, source, *args):
    """`slacal run` on a file: its output rows, rejects and summary."""
    out, rejects = tmp_path / "out.csv", tmp_path / "rejects.csv"
    done = subprocess.run(
        [cli, "run", "--input", str(source), "--as-of", AS_OF, "--output", str(out),
         "--rejects", str(rejects), "--quiet", *args],
        capture_output=True, text=True,
    )
    assert done.returncode in (0, 1), done.stderr
    with open(out, newline="") as f:
        rows = list(csv.DictReader(f))
    with open(rejects, newline="") as f:
        rejected = list(csv.DictReader(f))
    summary = json.loads((tmp_path / "out.csv.meta.json").read_text())
    return rows, rejected, summary


def as_text(outcome):
    """An outcome row of `evaluate` written as the CLI writes it."""
    zone = dt.timezone.utc

    def instant(value):
        return "" if value is None else value.astimezone(zone)

    def amount(value):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text

    return {
        "record_id": outcome["record_id"],
        "clock": outcome["clock"],
        "attempt": str(outcome["attempt"]),
        "calendar": outcome["calendar"],
        "start": instant(outcome["start"]),
        "due_date": "" if outcome["due_date"] is None else outcome["due_date"].isoformat(),
        "deadline": instant(outcome["deadline"]),
        "stop": instant(outcome["stop"]),
        "status": outcome["status"],
        "elapsed": amount(outcome["elapsed"]),
        "remaining": amount(outcome["remaining"]),
        "unit": outcome["unit"],
        "estimated": "true" if outcome["estimated"] else "false",
    }


def cli_as_comparable(row):
    """A CLI row with its instants as UTC datetimes (the CLI writes the calendar's offset)."""
    row = dict(row)
    for key in ("start", "deadline", "stop"):
        if row[key]:
            row[key] = dt.datetime.fromisoformat(row[key]).astimezone(dt.timezone.utc)
    return row


def assert_same_as_cli(result, cli_rows, cli_rejects, cli_summary):
    outcomes, rejects, summary = result
    assert outcomes.schema == slacal.outcome_schema()
    assert rejects.schema == slacal.reject_schema()
    ours = [as_text(row) for row in outcomes.to_pylist()]
    theirs = [cli_as_comparable(row) for row in cli_rows]
    assert len(ours) == len(theirs)
    for mine, cli_row in zip(ours, theirs):
        assert mine == cli_row
    ours = rejects.to_pylist()
    assert len(ours) == len(cli_rejects)
    for mine, cli_row in zip(ours, cli_rejects):
        assert str(mine["line"]) == cli_row["line"]
        for key in ("record_id", "column", "value"):
            assert mine[key] == cli_row[key]
        # The CLI adds its own words to some reasons (`slacal calendars` lists the ids).
        assert cli_row["reason"].startswith(mine["reason"])
    for key in ("rows_read", "rows_rejected", "records_evaluated", "duplicate_events",
                "outcome_rows", "clocks", "estimated_rows", "estimated", "calendars",
                "policy_digest", "layout"):
        assert summary[key] == cli_summary[key], key


def read_strings(path):
    """A CSV export read by pyarrow with every column as text, as the CLI reads it."""
    header = path.read_text().splitlines()[0].split(",")
    options = pacsv.ConvertOptions(column_types={name: pa.string() for name in header},
                                   strings_can_be_null=True)
    return pacsv.read_csv(path, convert_options=options)


def test_issue_13_event_log_example_is_the_clis_row_for_row(cli, tmp_path):
    expected = run_cli(cli, tmp_path, EVENTS)
    assert expected[1], "the example has bad rows to reject"
    assert_same_as_cli(slacal.evaluate(read_strings(EVENTS), AS_OF), *expected)


def test_issue_13_wide_example_is_the_clis_row_for_row(cli, tmp_path):
    expected = run_cli(cli, tmp_path, WIDE)
    assert_same_as_cli(slacal.evaluate(read_strings(WIDE), AS_OF), *expected)


def test_issue_13_inferred_types_give_the_same_rows(cli, tmp_path):
    # pyarrow infers what it can (timestamps where a column parses as such); the rows agree.
    expected = run_cli(cli, tmp_path, WIDE)
    assert_same_as_cli(slacal.evaluate(pacsv.read_csv(WIDE), AS_OF), *expected)


def test_issue_13_no_estimates_and_threads_as_the_cli(cli, tmp_path):
    expected = run_cli(cli, tmp_path, EVENTS, "--no-estimates", "--threads", "1")
    got = slacal.evaluate(read_strings(EVENTS), AS_OF, allow_estimates=False, threads=1)
    assert_same_as_cli(got, *expected)


def test_polars_and_pandas_frames_give_the_same_result():
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
    table = read_strings(EVENTS)
    expected = slacal.evaluate(table, AS_OF)
    for frame in (pl.from_arrow(table), table.to_pandas(), table.to_batches()[0]):
        got = slacal.evaluate(frame, AS_OF)
        assert got.outcomes.equals(expected.outcomes), type(frame)
        assert got.rejects.equals(expected.rejects), type(frame)
    assert isinstance(table.to_pandas(), pd.DataFrame)


def event_log(at, record_ids=None, events=None):
    n = len(at)
    return pa.table({
        "record_id": record_ids or ["r1"] * n,
        "event": events or ["submitted", "prerequisites_validated"][:n],
        "at": at,
    })


def test_timestamp_columns_are_exact_instants_to_the_nanosecond():
    text = event_log(["2026-11-20T17:15:00Z", "2026-11-20T17:29:59.999999999Z"])
    start = int(dt.datetime(2026, 11, 20, 17, 15, tzinfo=dt.timezone.utc).timestamp())
    ns = pa.array([start * 10**9, start * 10**9 + 899_999_999_999], pa.timestamp("ns", "UTC"))
    stamped = event_log(ns)
    expected = slacal.evaluate(text, AS_OF).outcomes
    assert slacal.evaluate(stamped, AS_OF).outcomes.equals(expected)
    # Another zone and unit: the same instants.
    us = pa.array([start * 10**6, start * 10**6 + 899_999_999], pa.timestamp("us", "Asia/Tokyo"))
    got = slacal.evaluate(event_log(us), AS_OF).outcomes.to_pylist()
    assert got[0]["status"] == "met"
    assert got[0]["stop"] == dt.datetime(2026, 11, 20, 17, 29, 59, 999999, tzinfo=dt.timezone.utc)


def test_naive_timestamps_are_local_times_without_an_offset():
    # The marketplace policy names no input zone: a local time is rejected, as in a file.
    naive = pa.array([dt.datetime(2026, 11, 20, 9, 15)], pa.timestamp("s"))
    outcomes, rejects, summary = slacal.evaluate(event_log(naive), AS_OF)
    assert len(outcomes) == 0 and summary["rows_rejected"] == 1
    assert rejects["value"][0].as_py() == "2026-11-20T09:15:00"
    assert "offset" in rejects["reason"][0].as_py()
    # A policy with an input zone reads it there.
    policy = (ROOT / "policies" / "marketplace.toml").read_text()
    zoned = policy.replace("[input]\n", '[input]\ntime_zone = "America/Los_Angeles"\n', 1)
    assert zoned != policy
    outcomes, rejects, _ = slacal.evaluate(event_log(naive), AS_OF, zoned)
    assert len(rejects) == 0, rejects.to_pylist()
    assert outcomes["start"][0].as_py() == dt.datetime(2026, 11, 20, 17, 15, tzinfo=dt.timezone.utc)


def test_rejects_name_the_row_of_the_table():
    log = pa.table({
        "record_id": ["a", "b", "c\nd", "e", ""],
        "event": ["submitted", "submitted", "submitted", "sumbitted", "submitted"],
        "at": ["2026-11-20T09:00:00Z", "2026-11-31T09:00:00Z", "2026-11-20T09:00:00Z",
               "2026-11-20T09:00:00Z", "2026-11-20T09:00:00Z"],
        "calendar": ["US", "US", "XX", "US", "US"],
    })
    outcomes, rejects, summary = slacal.evaluate(log, AS_OF)
    by_row = {r["row"]: r for r in rejects.to_pylist()}
    assert sorted(by_row) == [1, 2, 3, 4]
    assert by_row[1]["column"] == "at" and by_row[1]["value"] == "2026-11-31T09:00:00Z"
    assert by_row[2]["reason"].startswith("unknown calendar `XX`")
    assert by_row[2]["record_id"] == "c\nd"
    # A line break inside a cell moves the lines, not the rows.
    assert (by_row[3]["line"], by_row[3]["value"]) == (6, "sumbitted")
    assert "did you mean `submitted`" in by_row[3]["reason"]
    assert by_row[4]["reason"] == "the record id is empty"
    assert set(outcomes["record_id"].to_pylist()) == {"a"}
    assert summary["rows_read"] == 5 and summary["rows_rejected"] == 4


def test_wide_list_columns_hold_repeated_events():
    wide = pa.table({
        "offer_id": ["o1"],
        "submitted_at": pa.array([["2026-11-02T09:00:00Z", "2026-11-09T09:00:00Z"]]),
        "certification_failed_at": pa.array([[dt.datetime(2026, 11, 5, 9)]], pa.list_(pa.timestamp("s", "UTC"))),
    })
    outcomes = slacal.evaluate(wide, AS_OF).outcomes
    publish = [r for r in outcomes.to_pylist() if r["clock"] == "publish"]
    assert [(r["attempt"], r["status"]) for r in publish] == [(1, "failed"), (2, "at_risk")]
    same = pa.table({
        "offer_id": ["o1"],
        "submitted_at": ["2026-11-02T09:00:00Z;2026-11-09T09:00:00Z"],
        "certification_failed_at": ["2026-11-05T09:00:00Z"],
    })
    assert slacal.evaluate(same, AS_OF).outcomes.equals(outcomes)


def test_policy_by_path_text_and_name_agree():
    table = read_strings(EVENTS)
    expected = slacal.evaluate(table, AS_OF).outcomes
    path = ROOT / "policies" / "marketplace.toml"
    assert slacal.evaluate(table, AS_OF, path).outcomes.equals(expected)
    assert slacal.evaluate(table, AS_OF, path.read_text()).outcomes.equals(expected)
    assert slacal.evaluate(table, AS_OF, "marketplace").outcomes.equals(expected)
    with pytest.raises(slacal.Error, match="policy"):
        slacal.evaluate(table, AS_OF, "no-such-policy")
    with pytest.raises(slacal.InputError, match="no policy file `missing.toml`"):
        slacal.evaluate(table, AS_OF, "missing.toml")


def test_as_of_as_a_datetime_and_its_errors():
    table = read_strings(EVENTS)
    expected = slacal.evaluate(table, AS_OF).outcomes
    aware = dt.datetime(2026, 11, 22, 4, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    assert slacal.evaluate(table, aware).outcomes.equals(expected)
    with pytest.raises(slacal.InputError, match="no time zone"):
        slacal.evaluate(table, dt.datetime(2026, 11, 22, 12))
    with pytest.raises(slacal.InputError, match="as_of"):
        slacal.evaluate(table, "2026-11-22")


def test_bad_tables_are_clear_errors():
    with pytest.raises(slacal.InputError, match="fits neither layout"):
        slacal.evaluate(pa.table({"when": ["x"]}), AS_OF)
    with pytest.raises(slacal.InputError, match="unknown layout `long`"):
        slacal.evaluate(read_strings(EVENTS), AS_OF, layout="long")
    nested = pa.table({"record_id": ["a"], "event": ["submitted"],
                       "at": pa.array([{"x": 1}])})
    with pytest.raises(TypeError, match="column `at`"):
        slacal.evaluate(nested, AS_OF)
    with pytest.raises(TypeError, match="events"):
        slacal.evaluate(42, AS_OF)


def test_sorted_promise_broken_is_rejected_as_the_cli_does():
    log = event_log(["2026-11-20T09:00:00Z"] * 3, ["a", "b", "a"], ["submitted"] * 3)
    _, rejects, _ = slacal.evaluate(log, AS_OF, sorted=True)
    assert rejects.to_pylist()[0]["row"] == 2
    _, rejects, summary = slacal.evaluate(log, AS_OF)
    # Grouped by record: `a`'s two rows are one event at one instant, counted once.
    assert len(rejects) == 0 and summary["duplicate_events"] == 1


def test_issue_13_explain_is_the_clis(cli):
    record = "offer-0000017"
    table = read_strings(EVENTS)
    explained = slacal.explain(table, AS_OF, record_id=record)
    done = subprocess.run([cli, "explain", record, "--input", str(EVENTS), "--as-of", AS_OF],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for clock in explained:
        assert clock["text"] in done.stdout
        assert clock["record_id"] == record
    outcomes = slacal.evaluate(table, AS_OF).outcomes.to_pylist()
    rows = [r for r in outcomes if r["record_id"] == record]
    assert [(r["clock"], r["attempt"], r["status"]) for r in rows] == [
        (c["clock"], c["attempt"], c["status"]) for c in explained
    ]
    kinds = {step["kind"] for clock in explained for step in clock["steps"]}
    assert {"started", "due"} <= kinds
    for clock in explained:
        for step in clock["steps"]:
            assert step["text"] in clock["text"]


def test_explain_one_record_table_and_errors():
    log = event_log(["2026-11-20T09:15:00-08:00"], events=["submitted"])
    publish = slacal.explain(log, "2026-12-04T12:00:00-08:00")[4]
    skipped = [s for s in publish["steps"] if s["kind"] == "skipped"]
    assert any(s["reason"] == "Thanksgiving Day (US)" and s["date"] == dt.date(2026, 11, 26) for s in skipped)
    assert publish["start"].utcoffset() == dt.timedelta(hours=-8)  # the calendar's offset
    with pytest.raises(slacal.InputError, match="2 records"):
        slacal.explain(event_log(["2026-11-20T09:15:00Z"] * 2, ["a", "b"], ["submitted"] * 2), AS_OF)
    bad = event_log(["2026-11-20T09:15:00"], events=["submitted"])
    with pytest.raises(slacal.InputError, match="no usable row"):
        slacal.explain(bad, AS_OF)
