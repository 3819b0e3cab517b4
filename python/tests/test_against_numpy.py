"""slacal against numpy's busday functions on calendars both can express: a weekend and a list
of closures, over random dates of the whole supported range."""

import numpy as np
import pyarrow as pa
import pytest

import slacal
from conftest import CLOSURES

N = 200_000


def numpy_add(dates, n, cal):
    """numpy with slacal's semantics: two masked calls (the peers' adaptation)."""
    out = np.empty_like(dates)
    positive = n > 0
    out[positive] = np.busday_offset(dates[positive], n[positive], roll="backward", busdaycal=cal)
    out[~positive] = np.busday_offset(dates[~positive], n[~positive], roll="forward", busdaycal=cal)
    return out


def numpy_between(a, b, cal):
    """F(b) - F(a): numpy's count over [min, max), negated where a > b."""
    count = np.busday_count(np.minimum(a, b), np.maximum(a, b), busdaycal=cal)
    return np.where(a > b, -count, count)


CASES = [
    ("WEEKENDS", "1111100", []),
    ("FRISAT", "1111001", []),
    ("CLOSED", "1111100", [d for d, _ in CLOSURES]),
]


@pytest.fixture(scope="module")
def sample():
    rng = np.random.default_rng(20261202)
    # Far enough from the range's ends that no answer leaves 1900..=2199.
    lo, hi = np.datetime64("1903-01-01").astype(int), np.datetime64("2197-01-01").astype(int)
    dates = rng.integers(lo, hi, N).astype("datetime64[D]")
    # Every date near the closures too, where the weekend and the list interact.
    near = np.arange(np.datetime64("2024-02-20"), np.datetime64("2025-06-10"))
    dates = np.concatenate([dates, near, near])
    n = rng.integers(-300, 301, dates.size)
    n[-2 * near.size :] = np.tile(np.arange(-3, 4), near.size * 2 // 7 + 1)[: 2 * near.size]
    others = dates + rng.integers(-900, 901, dates.size).astype("timedelta64[D]")
    return dates, n, others


@pytest.mark.parametrize("code, weekmask, closures", CASES)
def test_add_matches_numpy(fixture_dir, sample, code, weekmask, closures):
    dates, n, _ = sample
    cal = slacal.Calendar(code, holidays_dir=fixture_dir)
    npcal = np.busdaycalendar(weekmask=weekmask, holidays=closures)
    want = numpy_add(dates, n, npcal)
    np.testing.assert_array_equal(slacal.add_business_days(dates, n, cal), want)
    # The same through Arrow, with int32 counts.
    got = slacal.add_business_days(pa.array(dates), pa.array(n.astype(np.int32)), cal)
    np.testing.assert_array_equal(got.to_numpy(zero_copy_only=False).astype("datetime64[D]"), want)


@pytest.mark.parametrize("code, weekmask, closures", CASES)
def test_between_matches_numpy(fixture_dir, sample, code, weekmask, closures):
    dates, _, others = sample
    cal = slacal.Calendar(code, holidays_dir=fixture_dir)
    npcal = np.busdaycalendar(weekmask=weekmask, holidays=closures)
    got = slacal.business_days_between(dates, others, cal)
    assert got.dtype == np.int32
    np.testing.assert_array_equal(got, numpy_between(dates, others, npcal))
    np.testing.assert_array_equal(slacal.business_days_between(others, dates, cal), -got)


@pytest.mark.parametrize("code, weekmask, closures", CASES)
def test_is_business_day_matches_numpy(fixture_dir, sample, code, weekmask, closures):
    dates, _, _ = sample
    cal = slacal.Calendar(code, holidays_dir=fixture_dir)
    npcal = np.busdaycalendar(weekmask=weekmask, holidays=closures)
    np.testing.assert_array_equal(slacal.is_business_day(dates, cal), np.is_busday(dates, busdaycal=npcal))


@pytest.mark.parametrize("code, weekmask, closures", CASES)
@pytest.mark.parametrize(
    "convention, roll",
    [
        ("following", "forward"),
        ("preceding", "backward"),
        ("modified-following", "modifiedfollowing"),
        ("modified-preceding", "modifiedpreceding"),
    ],
)
def test_adjust_matches_numpy_rolls(fixture_dir, sample, code, weekmask, closures, convention, roll):
    dates = sample[0][:20_000]
    cal = slacal.Calendar(code, holidays_dir=fixture_dir)
    npcal = np.busdaycalendar(weekmask=weekmask, holidays=closures)
    want = np.busday_offset(dates, 0, roll=roll, busdaycal=npcal)
    np.testing.assert_array_equal(slacal.adjust(dates, cal, convention), want)


def test_roll_forward_matches_rolling_first(fixture_dir, sample):
    dates, n, _ = sample
    cal = slacal.Calendar("CLOSED", holidays_dir=fixture_dir)
    npcal = np.busdaycalendar(weekmask="1111100", holidays=[d for d, _ in CLOSURES])
    rolled = np.where(n > 0, np.busday_offset(dates, 0, roll="forward", busdaycal=npcal), dates)
    want = numpy_add(rolled, n, npcal)
    got = slacal.add_business_days(dates, n, cal, start_rule="roll-forward")
    np.testing.assert_array_equal(got, want)


def test_us_calendar_matches_numpy_given_its_holidays():
    # The engine's own US holidays, given to numpy: the arithmetic agrees over 1971..=2199.
    table = slacal.holidays("US", 1971, 2199)
    closed = np.array(table.column("date").to_pylist(), dtype="datetime64[D]")
    npcal = np.busdaycalendar(weekmask="1111100", holidays=closed)
    rng = np.random.default_rng(7)
    lo, hi = np.datetime64("1972-01-01").astype(int), np.datetime64("2198-06-30").astype(int)
    dates = rng.integers(lo, hi, 100_000).astype("datetime64[D]")
    n = rng.integers(-60, 61, dates.size)
    np.testing.assert_array_equal(slacal.add_business_days(dates, n, "US"), numpy_add(dates, n, npcal))
