#!/usr/bin/env python3
"""Vectorized add_business_days over 10M dates: slacal through Python against the Rust bulk call,
numpy.busday_offset and polars add_business_days, on the same data in one run.

    cargo build --release --example peer_bench      # the Rust bulk call, timed on the same pairs
    python python/bench/bench_calendar.py [--size 10000000] [--runs 5]

The workload is the peer harness's: dates uniform in [2000-01-01, 2060-12-31], counts uniform in
[-30, 30] (numpy PCG64, seeded), the US federal calendar. slacal uses its built-in `US`; numpy,
polars and the Rust bulk call get the same calendar as a weekend and a holiday list (the weekday
holidays of slacal's `US`, 1971..=2199). Every result is checked equal to numpy's before
anything is timed, with slacal's semantics: numpy takes two masked `busday_offset` calls
(`roll='backward'` where n > 0, `'forward'` elsewhere) and polars two rolls picked per row, as
the peers do.

Each case is run once to warm up, then `--runs` times; the table gives the median, ns per date,
and ratios. This is a benchmark to read, not a test: nothing is asserted about time.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

import slacal

ROOT = Path(__file__).resolve().parents[2]


def timed(runs, work):
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def numpy_add(dates, n, cal):
    out = np.empty_like(dates)
    positive = n > 0
    out[positive] = np.busday_offset(dates[positive], n[positive], roll="backward", busdaycal=cal)
    out[~positive] = np.busday_offset(dates[~positive], n[~positive], roll="forward", busdaycal=cal)
    return out


def polars_add(frame, holidays):
    d, n = pl.col("date"), pl.col("days")
    forward = d.dt.add_business_days(n, holidays=holidays, roll="forward")
    backward = d.dt.add_business_days(n, holidays=holidays, roll="backward")
    return frame.select(pl.when(n > 0).then(backward).otherwise(forward).alias("r"))["r"]


def rust_bulk(binary, dates, n, holidays, runs):
    """The Rust bulk call (examples/peer_bench) on the same pairs: median ns per date."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "holidays.txt").write_text("\n".join(str(d) for d in holidays) + "\n")
        pacsv.write_csv(
            pa.table({"date": pa.array(dates), "days": pa.array(n.astype(np.int32))}),
            folder / "pairs.csv",
            pacsv.WriteOptions(quoting_style="none"),
        )
        (folder / "counts.csv").write_text("a,b\n2026-01-05,2026-01-09\n")
        out = subprocess.run(
            [str(binary), "--holidays", str(folder / "holidays.txt"), "--pairs", str(folder / "pairs.csv"),
             "--counts", str(folder / "counts.csv"), "--runs", str(runs), "--label", "rust-bulk"],
            check=True, capture_output=True, text=True,
        ).stdout
    for line in out.splitlines():
        fields = line.split("\t")
        if fields[0] == "RESULT" and fields[2] == "add":
            if fields[6] != "0":
                sys.exit(f"the Rust bulk call disagrees with its reference on {fields[6]} pairs")
            return float(fields[3]), [float(x) for x in fields[4].split(",")], int(fields[5])
    sys.exit(f"no add result from {binary}:\n{out}")


def checksum(days):
    v = np.asarray(days, dtype=np.int64)
    with np.errstate(over="ignore"):
        return int(np.sum(np.arange(1, len(v) + 1, dtype=np.int64) * v, dtype=np.int64))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--peer-bench", type=Path, default=ROOT / "target/release/examples/peer_bench",
                        help="the Rust bulk-call program (cargo build --release --example peer_bench)")
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    lo, hi = np.datetime64("2000-01-01").astype(np.int64), np.datetime64("2060-12-31").astype(np.int64)
    dates = rng.integers(lo, hi + 1, size=args.size, dtype=np.int64).astype("datetime64[D]")
    n64 = rng.integers(-30, 31, size=args.size, dtype=np.int64)
    n32 = n64.astype(np.int32)
    arrow_dates, arrow_n32, arrow_n64 = pa.array(dates), pa.array(n32), pa.array(n64)
    polars_frame = pl.DataFrame({"date": pl.Series(dates), "days": pl.Series(n32)})
    us = slacal.Calendar("US")
    table = us.holidays(us.first_year, us.last_year)
    holidays = [d for d in table.column("date").to_pylist() if d.weekday() < 5]
    npcal = np.busdaycalendar(weekmask="1111100", holidays=np.array(holidays, dtype="datetime64[D]"))

    cases = {
        "slacal, pyarrow date32 + int32": lambda: slacal.add_business_days(arrow_dates, arrow_n32, us),
        "slacal, pyarrow date32 + int64": lambda: slacal.add_business_days(arrow_dates, arrow_n64, us),
        "slacal, pyarrow date32 + scalar 15": lambda: slacal.add_business_days(arrow_dates, 15, us),
        "slacal, polars Date + Int32": lambda: slacal.add_business_days(polars_frame["date"], polars_frame["days"], us),
        "slacal, numpy datetime64[D] + int64": lambda: slacal.add_business_days(dates, n64, us),
        "numpy busday_offset (2 masked calls)": lambda: numpy_add(dates, n64, npcal),
        "polars add_business_days (2 rolls)": lambda: polars_add(polars_frame, holidays),
    }

    # Same answers first.
    want = numpy_add(dates, n64, npcal)
    for name, work in cases.items():
        result = work()
        if isinstance(result, pa.Array):
            result = result.to_numpy(zero_copy_only=False)
        elif isinstance(result, pl.Series):
            result = result.to_numpy()
        got = np.asarray(result).astype("datetime64[D]")
        expected = numpy_add(dates, np.full(args.size, 15), npcal) if "scalar" in name else want
        if not np.array_equal(got, expected):
            sys.exit(f"{name}: {int((got != expected).sum())} results differ from numpy's")

    print(f"add_business_days over {args.size:,} dates, median of {args.runs} runs after a warm-up")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, pyarrow {pa.__version__}, polars {pl.__version__}, "
          f"cores {os.cpu_count()}")
    results = {}
    if args.peer_bench.exists():
        ns, runs, rust_sum = rust_bulk(args.peer_bench, dates, n32, holidays, args.runs)
        if rust_sum != checksum(want.astype(np.int64)):
            sys.exit("the Rust bulk call's checksum differs from numpy's")
        results["Rust bulk call (Calendar::add_business_days_bulk)"] = (ns * args.size / 1e9, [r * args.size / 1e9 for r in runs])
    else:
        print(f"(no {args.peer_bench}: build it with `cargo build --release --example peer_bench`)")
    for name, work in cases.items():
        results[name] = timed(args.runs, work)

    rust = results.get("Rust bulk call (Calendar::add_business_days_bulk)", (None,))[0]
    arrow = results["slacal, pyarrow date32 + int32"][0]
    print()
    print("| case | median ms | ns/date | vs Rust bulk | slacal pyarrow is faster by |")
    print("|---|---|---|---|---|")
    for name, (median, _) in results.items():
        vs_rust = f"{median / rust:.2f}x" if rust else "-"
        faster = f"{median / arrow:.1f}x" if not name.startswith("slacal") and not name.startswith("Rust") else "-"
        print(f"| {name} | {median * 1e3:.1f} | {median / args.size * 1e9:.2f} | {vs_rust} | {faster} |")


if __name__ == "__main__":
    main()
