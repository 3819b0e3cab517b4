"""Every kind of column in, the same kind out; nulls in, nulls out."""

import datetime as dt

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import slacal

D = dt.date
WEEK = [D(2026, 11, 23) + dt.timedelta(days=i) for i in range(7)]  # Mon 23 .. Sun 29, Thanksgiving 26
NEXT = [D(2026, 11, 24), D(2026, 11, 25), D(2026, 11, 27), D(2026, 11, 27), D(2026, 11, 30), D(2026, 11, 30), D(2026, 11, 30)]


def test_pyarrow_array_in_pyarrow_array_out():
    got = slacal.add_business_days(pa.array(WEEK), 1, "US")
    assert isinstance(got, pa.Array) and got.type == pa.date32()
    assert got.to_pylist() == NEXT


def test_pyarrow_chunked_array_in_chunked_array_out():
    chunked = pa.chunked_array([WEEK[:2], [], WEEK[2:5], WEEK[5:]], type=pa.date32())
    got = slacal.add_business_days(chunked, 1, "US")
    assert isinstance(got, pa.ChunkedArray)
    assert got.to_pylist() == NEXT


def test_chunks_of_dates_and_counts_need_not_line_up():
    rng = np.random.default_rng(3)
    base = np.datetime64("2026-01-01") + rng.integers(0, 700, 10_000).astype("timedelta64[D]")
    n = rng.integers(-20, 21, base.size)
    dates = pa.chunked_array([pa.array(base[:3000]), pa.array(base[3000:3001]), pa.array(base[3001:])])
    counts = pa.chunked_array([pa.array(n[:17]), pa.array(n[17:9000]), pa.array(n[9000:])])
    want = slacal.add_business_days(base, n, "US")
    got = slacal.add_business_days(dates, counts, "US")
    np.testing.assert_array_equal(got.to_numpy().astype("datetime64[D]"), want)


def test_polars_series_keeps_its_name():
    got = slacal.add_business_days(pl.Series("submitted", WEEK), 1, "US")
    assert isinstance(got, pl.Series) and got.name == "submitted" and got.dtype == pl.Date
    assert got.to_list() == NEXT
    flags = slacal.is_business_day(pl.Series("d", WEEK), "US")
    assert flags.dtype == pl.Boolean and flags.to_list() == [True, True, True, False, True, False, False]


def test_pandas_arrow_dtype_keeps_index_and_name():
    series = pd.Series(WEEK, dtype=pd.ArrowDtype(pa.date32()), index=list("abcdefg"), name="d")
    got = slacal.add_business_days(series, 1, "US")
    assert isinstance(got.dtype, pd.ArrowDtype)
    assert list(got.index) == list("abcdefg") and got.name == "d"
    assert got.tolist() == NEXT


def test_pandas_datetime64_series_stays_datetime64():
    series = pd.Series(pd.to_datetime([d.isoformat() for d in WEEK] + [None]), name="d")
    got = slacal.add_business_days(series, 1, "US")
    assert got.dtype == series.dtype and got.name == "d"
    assert [t.date() for t in got[:-1]] == NEXT and pd.isna(got.iloc[-1])
    counts = slacal.business_days_between(series[:-1], D(2026, 12, 1), "US")
    assert counts.tolist() == [5, 4, 3, 2, 2, 1, 1]


def test_pandas_object_dates_and_nullable_ints_go_through_arrow():
    dates = pd.Series(WEEK[:3] + [None])
    counts = pd.Series([1, None, 2, 3], dtype="Int64")
    got = slacal.add_business_days(dates, counts, "US")
    assert got.tolist()[0] == D(2026, 11, 24) and pd.isna(got.iloc[1]) and got.tolist()[2] == D(2026, 11, 30)
    assert pd.isna(got.iloc[3])


def test_numpy_datetime64_keeps_its_shape():
    grid = np.array([d.isoformat() for d in WEEK[:6]], dtype="datetime64[D]").reshape(2, 3)
    got = slacal.add_business_days(grid, 1, "US")
    assert got.shape == (2, 3) and got.dtype == np.dtype("datetime64[D]")
    assert got.reshape(-1).tolist() == NEXT[:6]
    assert slacal.add_business_days(np.datetime64("2026-11-25"), 1, "US") == np.datetime64("2026-11-27")


def test_numpy_finer_units_are_accepted_when_they_are_whole_days():
    seconds = np.array(["2026-11-25T00:00:00", "NaT"], dtype="datetime64[s]")
    got = slacal.add_business_days(seconds, 1, "US")
    assert got.tolist() == [D(2026, 11, 27), None]


def test_lists_and_tuples_give_lists():
    assert slacal.add_business_days(WEEK, 1, "US") == NEXT
    assert slacal.is_business_day((D(2026, 11, 26), None), "US") == [False, None]


def test_integer_types_of_n():
    dates = pa.array(WEEK[:3])
    for array in [
        pa.array([1, 2, 3], type=t) for t in (pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64())
    ] + [np.array([1, 2, 3], dtype=t) for t in (np.int8, np.int16, np.int32, np.int64, np.uint16, np.uint64)]:
        got = slacal.add_business_days(dates, array, "US")
        assert got.to_pylist() == [D(2026, 11, 24), D(2026, 11, 27), D(2026, 12, 1)], array
    assert slacal.add_business_days(dates, np.int64(1), "US").to_pylist()[0] == D(2026, 11, 24)


def test_a_scalar_date_broadcasts_against_a_column():
    ends = pa.array([D(2026, 12, 1), D(2026, 12, 31), None])
    assert slacal.business_days_between(D(2026, 11, 23), ends, "US").to_pylist() == [5, 26, None]
    assert slacal.business_days_between(ends, D(2026, 11, 23), "US").to_pylist() == [-5, -26, None]
    got = slacal.add_business_days(D(2026, 11, 25), pa.array([1, 2, None]), "US")
    assert got.to_pylist() == [D(2026, 11, 27), D(2026, 11, 30), None]


def test_arrow_nulls_in_dates_or_counts():
    dates = pa.array([WEEK[0], None, WEEK[2], WEEK[3]])
    counts = pa.array([1, 1, None, 1])
    assert slacal.add_business_days(dates, counts, "US").to_pylist() == [D(2026, 11, 24), None, None, D(2026, 11, 27)]
    assert slacal.is_business_day(dates, "US").to_pylist() == [True, None, True, False]
    assert slacal.adjust(dates, "US").to_pylist() == [WEEK[0], None, WEEK[2], D(2026, 11, 27)]
    assert slacal.business_days_between(dates, pa.array([None, WEEK[4], WEEK[4], WEEK[4]]), "US").to_pylist() == [None, None, 1, 0]


def test_a_null_scalar_makes_every_result_null():
    dates = pa.array(WEEK[:3])
    assert slacal.add_business_days(dates, None, "US").to_pylist() == [None] * 3
    assert slacal.add_business_days(None, 3, "US") is None
    assert slacal.is_business_day(None, "US") is None
    assert slacal.business_days_between(dates, None, "US").null_count == 3


def test_null_positions_never_raise_even_when_their_values_would():
    # A null slot's buffer value (here 1850-01-01, outside every calendar) is never looked at.
    values = pa.array([WEEK[0], D(1850, 1, 1), WEEK[1]])
    dates = pa.Array.from_buffers(pa.date32(), 3, [pa.array([True, False, True]).buffers()[1], values.buffers()[1]])
    assert dates.to_pylist() == [WEEK[0], None, WEEK[1]]
    assert slacal.add_business_days(dates, 1, "US").to_pylist() == [D(2026, 11, 24), None, D(2026, 11, 25)]
    nat = np.array(["2026-11-25", "NaT"], dtype="datetime64[D]")
    got = slacal.add_business_days(nat, np.array([1, 10**12]), "US")
    assert got[0] == np.datetime64("2026-11-27") and np.isnat(got[1])


def test_many_nulls_across_blocks_and_chunks_match_one_by_one():
    rng = np.random.default_rng(11)
    size = 20_000  # several blocks of 4096, with chunk boundaries inside them
    days = np.datetime64("1990-01-01") + rng.integers(0, 20_000, size).astype("timedelta64[D]")
    n = rng.integers(-40, 41, size)
    date_mask = rng.random(size) < 0.3
    n_mask = rng.random(size) < 0.1
    dates = pa.array(days, mask=date_mask)
    counts = pa.array(n, mask=n_mask)
    chunked = pa.chunked_array([dates[:5000], dates[5000:12_345], dates[12_345:]])
    got = slacal.add_business_days(chunked, counts, "US").to_pylist()
    us = slacal.Calendar("US")
    for i in range(0, size, 7):
        if date_mask[i] or n_mask[i]:
            assert got[i] is None
        else:
            assert got[i] == us.add_business_days(days[i].item(), int(n[i]))
    assert sum(v is None for v in got) == int((date_mask | n_mask).sum())


def test_empty_columns():
    assert slacal.add_business_days(pa.array([], type=pa.date32()), 1, "US").to_pylist() == []
    assert slacal.is_business_day(np.array([], dtype="datetime64[D]"), "US").shape == (0,)


def test_numpy_bool_and_int_results_cannot_hold_nat():
    dates = np.array(["2026-11-25", "NaT"], dtype="datetime64[D]")
    with pytest.raises(slacal.InputError, match="element 1 of `dates` is NaT, and a numpy bool array has no null"):
        slacal.is_business_day(dates, "US")
    with pytest.raises(slacal.InputError, match="numpy int32 array has no null"):
        slacal.business_days_between(dates, dates, "US")
    # Through Arrow the same values give nulls.
    assert slacal.is_business_day(pa.array(dates), "US").to_pylist() == [True, None]


def test_other_arrow_producers_through_the_pycapsule_interface():
    class Producer:
        """A minimal Arrow producer that is neither pyarrow nor polars."""

        def __init__(self, array):
            self.array = array

        def __arrow_c_array__(self, requested_schema=None):
            return self.array.__arrow_c_array__(requested_schema)

    got = slacal.add_business_days(Producer(pa.array(WEEK)), 1, "US")
    assert pa.array(got).to_pylist() == NEXT


def test_concurrent_calls_from_threads():
    # The bulk work runs without the GIL; calls from several threads at once stay right.
    import threading

    days = np.datetime64("2000-01-01") + np.arange(2_000_000) % 20_000
    want = slacal.add_business_days(days[:1000], 5, "US")
    results = []
    threads = [threading.Thread(target=lambda: results.append(slacal.add_business_days(days, 5, "US"))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and all((r[:1000] == want).all() for r in results)


def test_numpy_is_not_needed():
    # A process without numpy (pip install with no extras): dates, lists and Arrow producers.
    import subprocess
    import sys

    script = """
import sys
sys.modules["numpy"] = None  # importing numpy now fails
import datetime as dt
import slacal
assert slacal.add_business_days(dt.date(2026, 11, 25), 1, "US") == dt.date(2026, 11, 27)
assert slacal.is_business_day([dt.date(2026, 11, 26), None], "US") == [False, None]
assert slacal.holidays("US", 2026).num_rows > 10
print("ok")
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
