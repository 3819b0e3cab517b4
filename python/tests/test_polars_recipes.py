"""The Polars recipes of python/README.md."""

import datetime as dt

import polars as pl

import slacal

D = dt.date


def frame():
    return pl.DataFrame(
        {
            "submitted": [D(2026, 11, 20), D(2026, 11, 25), None, D(2026, 12, 24)],
            "days": [15, 1, 3, None],
        }
    )


def test_map_batches_with_a_fixed_count():
    out = frame().with_columns(
        due=pl.col("submitted").map_batches(
            lambda s: slacal.add_business_days(s, 15, "US"), return_dtype=pl.Date
        )
    )
    # 2026-12-24 + 15 skips Christmas, New Year and Martin Luther King Day (2027-01-18).
    assert out["due"].to_list() == [D(2026, 12, 14), D(2026, 12, 17), None, D(2027, 1, 19)]


def test_map_batches_over_two_columns_through_a_struct():
    out = frame().with_columns(
        due=pl.struct("submitted", "days").map_batches(
            lambda s: slacal.add_business_days(s.struct.field("submitted"), s.struct.field("days"), "US"),
            return_dtype=pl.Date,
        )
    )
    assert out["due"].to_list() == [D(2026, 12, 14), D(2026, 11, 27), None, None]


def test_lazy_frames_and_eager_series():
    lazy = frame().lazy().with_columns(
        open=pl.col("submitted").map_batches(lambda s: slacal.is_business_day(s, "US"), return_dtype=pl.Boolean)
    )
    assert lazy.collect()["open"].to_list() == [True, True, None, True]
    df = frame()
    left = slacal.business_days_between(df["submitted"], D(2026, 12, 31), "US")
    assert left.dtype == pl.Int32 and left.to_list() == [27, 24, None, 4]


def test_sla_evaluation_per_record_with_map_groups():
    # issue 13: the Polars recipe of python/README.md, per record and on the whole frame.
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    log = pl.read_csv(root / "examples" / "offers.csv", infer_schema=False)
    as_of = "2026-11-22T12:00:00Z"
    whole = pl.from_arrow(slacal.evaluate(log, as_of).outcomes)
    per_record = log.group_by("record_id").map_groups(
        lambda group: pl.from_arrow(slacal.evaluate(group, as_of, threads=1).outcomes)
    )
    assert per_record.schema == whole.schema
    assert per_record.sort(["record_id", "clock", "attempt"]).equals(
        whole.sort(["record_id", "clock", "attempt"])
    )
    assert whole.group_by("status").len().height > 3
    lazy = log.lazy().map_batches(
        lambda frame: pl.from_arrow(slacal.evaluate(frame, as_of).outcomes),
        schema=whole.schema,
        streamable=False,
    )
    assert lazy.collect().equals(whole)
