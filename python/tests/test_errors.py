"""Errors are exceptions of slacal's hierarchy with the engine's messages, and say where."""

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest

import slacal

D = dt.date


def test_the_hierarchy_mirrors_the_engine_predicates():
    for cls in (slacal.RangeError, slacal.DataError, slacal.InputError, slacal.IoError):
        assert issubclass(cls, slacal.Error) and issubclass(cls, Exception)
    assert not issubclass(slacal.RangeError, slacal.DataError)


def test_a_date_outside_the_supported_range_names_the_element():
    dates = pa.array([D(2026, 1, 1), D(1850, 1, 1)])
    with pytest.raises(slacal.RangeError) as err:
        slacal.add_business_days(dates, 1, "US")
    assert str(err.value) == (
        "element 1: date `1850-01-01` is outside the supported range 1900-01-01 ..= 2199-12-31"
    )


def test_the_position_counts_across_chunks():
    dates = pa.chunked_array([[D(2026, 1, 1)] * 3, [D(2026, 1, 1), D(1960, 6, 1)]])
    with pytest.raises(slacal.RangeError, match=r"^element 4: date `1960-06-01` is before the years covered by calendar `US` \(1971..=2199\)$"):
        slacal.is_business_day(dates, "US")


def test_the_first_failing_element_is_reported():
    dates = pa.array([D(2026, 1, 1), None, D(2199, 12, 1), D(1850, 1, 1)])
    with pytest.raises(slacal.RangeError, match=r"^element 2: adding 30 business days to 2199-12-01 leaves the years covered by calendar `US` \(1971..=2199\)$"):
        slacal.add_business_days(dates, 30, "US")


def test_a_scalar_call_has_no_position():
    with pytest.raises(slacal.RangeError, match=r"^date `1850-01-01` is outside the supported range"):
        slacal.add_business_days(D(1850, 1, 1), 1, "US")


def test_uncovered_years_are_an_error_not_a_guess():
    with pytest.raises(slacal.RangeError, match="after the years covered by calendar `IN` \\(2022..=2026\\)"):
        slacal.add_business_days(np.array(["2027-03-02"], dtype="datetime64[D]"), 1, "IN")
    with pytest.raises(slacal.RangeError, match="`CN` after 2026 are not announced yet"):
        slacal.business_days_between(D(2026, 6, 1), D(2027, 6, 1), "CN")
    with pytest.raises(slacal.RangeError):
        slacal.holidays("IN", 2027)


def test_counts_too_large_for_a_day_count_keep_their_value_in_the_message():
    with pytest.raises(slacal.RangeError, match="^element 0: adding 1099511627776 business days to 2026-01-01"):
        slacal.add_business_days(pa.array([D(2026, 1, 1)]), pa.array([2**40]), "US")
    with pytest.raises(slacal.RangeError, match="^adding -5000000000 business days to 2026-01-01"):
        slacal.add_business_days(D(2026, 1, 1), -5_000_000_000, "US")
    with pytest.raises(slacal.RangeError, match="outside the range of a day count"):
        slacal.add_business_days(D(2026, 1, 1), 2**70, "US")


def test_numpy_dates_beyond_any_calendar():
    far = np.array([20454, 2**40], dtype="datetime64[D]")  # 2026-01-01, then far out
    with pytest.raises(slacal.RangeError, match=r"^element 1: date at day number 1099511627776 \(days since 1970-01-01\) is outside the supported range"):
        slacal.is_business_day(far, "US")


def test_unknown_calendar_is_a_data_error_with_hints():
    with pytest.raises(slacal.DataError, match="unknown calendar `us` \\(did you mean `US`\\?"):
        slacal.is_business_day(D(2026, 1, 1), "us")
    with pytest.raises(slacal.DataError, match="unknown calendar `XX`"):
        slacal.Calendar("XX")


def test_unknown_names_are_input_errors():
    with pytest.raises(slacal.InputError, match=r"^unknown start rule `sideways` \(expected `next-day` or `roll-forward`\)$"):
        slacal.add_business_days(D(2026, 1, 1), 1, "US", start_rule="sideways")
    with pytest.raises(slacal.InputError, match="^unknown convention `nearest`"):
        slacal.adjust(D(2026, 1, 1), "US", "nearest")


def test_columns_of_different_lengths():
    with pytest.raises(slacal.InputError, match=r"^`dates` has 2 elements and `n` has 3"):
        slacal.add_business_days(pa.array([D(2026, 1, 1)] * 2), pa.array([1, 2, 3]), "US")
    with pytest.raises(slacal.InputError, match=r"^`a` has 1 elements and `b` has 2"):
        slacal.business_days_between(np.array(["2026-01-01"], dtype="datetime64[D]"), pa.array([D(2026, 1, 1)] * 2), "US")


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError, match="`dates` is an Arrow array of type `Timestamp"):
        slacal.add_business_days(pa.array([dt.datetime(2026, 1, 1)]), 1, "US")
    with pytest.raises(TypeError, match="`dates` is a datetime: pass a date"):
        slacal.is_business_day(dt.datetime(2026, 1, 1, 12), "US")
    with pytest.raises(TypeError, match="`n` is an Arrow array of type `Float64`"):
        slacal.add_business_days(pa.array([D(2026, 1, 1)]), pa.array([1.5]), "US")
    with pytest.raises(TypeError, match="`n` is a numpy array of dtype `float64`"):
        slacal.add_business_days(pa.array([D(2026, 1, 1)]), np.array([1.0]), "US")
    with pytest.raises(TypeError, match="`n` must be an integer, not a bool"):
        slacal.add_business_days(D(2026, 1, 1), True, "US")
    with pytest.raises(TypeError, match="`calendar` must be a slacal.Calendar or the id"):
        slacal.is_business_day(D(2026, 1, 1), 42)
    with pytest.raises(TypeError, match="`dates` must be an Arrow date32 array"):
        slacal.is_business_day("2026-01-01", "US")


def test_a_numpy_time_of_day_is_refused():
    with pytest.raises(slacal.InputError, match="^element 1 of `dates` \\(`2026-01-01T12`\\) has a time of day"):
        slacal.is_business_day(np.array(["2026-01-01T00", "2026-01-01T12"], dtype="datetime64[h]"), "US")
    with pytest.raises(TypeError, match="expected datetime64\\[D\\]"):
        slacal.is_business_day(np.array(["2026-01"], dtype="datetime64[M]"), "US")


def test_holiday_folders(tmp_path):
    (tmp_path / "bad.toml").write_text('[country]\ncode = "BAD"\nname = 3\n')
    with pytest.raises(slacal.DataError, match="bad.toml:3"):
        slacal.Calendar("BAD", holidays_dir=tmp_path)
    with pytest.raises(slacal.IoError):
        slacal.Calendar("US", holidays_dir=tmp_path / "missing")


def test_holidays_years_in_order():
    with pytest.raises(slacal.InputError, match="^`from_year` 2027 is after `to_year` 2026$"):
        slacal.holidays("US", 2027, 2026)
    with pytest.raises(slacal.RangeError):
        slacal.holidays("US", 1800)
