#!/usr/bin/env python3
"""SLA evaluation through Python against `slacal run`: the same generated export of offers,
evaluated by both in one run.

    cargo build --release --bin slacal              # the CLI, timed as a whole process
    python python/bench/bench_sla.py [--offers 1000000] [--runs 5] [--events]

The export is `slacal generate --offers N --seed 1` (a wide export; `--events` adds the event
log of the same offers), evaluated as of 2026-11-22T12:00:00Z with the built-in marketplace
policy. Cases:

- `slacal run`: the whole process, from the CSV file to a CSV file of results and the rejects;
- `pyarrow.csv.read_csv`: reading the file into an Arrow table (every column as text), once;
- `slacal.evaluate`: that table to the Arrow tables of outcomes and rejects and the summary;
- the two Python steps together, the file-to-tables path a data team runs.

Before anything is timed, the Python outcomes are checked against the CLI's file: the same
number of rows, and the same rows (status and due date of each) in the same order. Each case
runs once to warm up, then `--runs` times; the table gives medians and ratios to `slacal run`.
This is a benchmark to read, not a test: nothing is asserted about time.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

import slacal

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-22T12:00:00Z"


def timed(runs, work):
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def read_strings(path):
    with open(path, newline="") as f:
        header = next(csv.reader(f))
    options = pacsv.ConvertOptions(column_types={name: pa.string() for name in header},
                                   strings_can_be_null=True)
    return pacsv.read_csv(path, convert_options=options)


def check(binary, path, folder, table, threads):
    """The Python outcomes are the CLI's: row count, and every row's key, status and due date."""
    out = folder / "check.csv"
    args = [str(binary), "run", "--quiet", "--as-of", AS_OF, "--input", str(path),
            "--output", str(out), "--rejects", str(folder / "check-rejects.csv")]
    if threads:
        args += ["--threads", str(threads)]
    subprocess.run(args, check=True)
    summary = json.loads((folder / "check.csv.meta.json").read_text())
    result = slacal.evaluate(table, AS_OF, threads=threads)
    assert result.summary["outcome_rows"] == summary["outcome_rows"] == result.outcomes.num_rows
    assert result.summary["rows_rejected"] == summary["rows_rejected"]
    ours = zip(*(result.outcomes[c].to_pylist() for c in ("record_id", "clock", "attempt", "status", "due_date")))
    with open(out, newline="") as f:
        for mine, theirs in zip(ours, csv.DictReader(f)):
            due = "" if mine[4] is None else mine[4].isoformat()
            assert (mine[0], mine[1], str(mine[2]), mine[3], due) == (
                theirs["record_id"], theirs["clock"], theirs["attempt"], theirs["status"],
                theirs["due_date"],
            ), (mine, theirs)
    return summary["outcome_rows"]


def bench(binary, path, folder, runs, threads, label):
    table = read_strings(path)
    rows = check(binary, path, folder, table, threads)
    cli_args = [str(binary), "run", "--quiet", "--as-of", AS_OF, "--input", str(path),
                "--output", str(folder / "out.csv"), "--rejects", str(folder / "rejects.csv")]
    if threads:
        cli_args += ["--threads", str(threads)]
    cli, _ = timed(runs, lambda: subprocess.run(cli_args, check=True))
    read, _ = timed(runs, lambda: read_strings(path))
    evaluate, _ = timed(runs, lambda: slacal.evaluate(table, AS_OF, threads=threads))
    both, _ = timed(runs, lambda: slacal.evaluate(read_strings(path), AS_OF, threads=threads))
    print(f"\n{label}: {table.num_rows:,} input rows, {rows:,} outcome rows, "
          f"threads: {threads or 'all'}")
    print("| case | median | vs `slacal run` |")
    print("|---|---|---|")
    for name, seconds in [
        ("`slacal run` (file to file)", cli),
        ("`pyarrow.csv.read_csv` (file to table)", read),
        ("`slacal.evaluate` (table to tables)", evaluate),
        ("read + evaluate (file to tables)", both),
    ]:
        print(f"| {name} | {seconds * 1000:,.0f} ms | {seconds / cli:.2f}x |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None, help="worker threads (default: all)")
    parser.add_argument("--events", action="store_true", help="also the event-log layout")
    parser.add_argument("--binary", type=Path, default=ROOT / "target" / "release" / "slacal")
    args = parser.parse_args()
    if not args.binary.is_file():
        sys.exit(f"no `{args.binary}`: run `cargo build --release --bin slacal` first")
    print(f"slacal {slacal.__version__}, pyarrow {pa.__version__}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        layouts = [("wide", "wide export")] + ([("events", "event log")] if args.events else [])
        for layout, label in layouts:
            path = folder / f"{layout}.csv"
            subprocess.run([str(args.binary), "generate", "--offers", str(args.offers), "--seed", "1",
                            "--format", layout, "--output", str(path)], check=True)
            bench(args.binary, path, folder, args.runs, args.threads, f"{label} of {args.offers:,} offers")


if __name__ == "__main__":
    main()
