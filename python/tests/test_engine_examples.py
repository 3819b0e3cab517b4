"""The engine's documented examples (README, crate docs, design notes), through the Python package."""

import datetime as dt

import pytest

import slacal

D = dt.date


def test_us_fifteen_business_days_skip_thanksgiving():
    us = slacal.Calendar("US")
    due = us.add_business_days(D(2026, 11, 20), 15)
    assert due == D(2026, 12, 14)
    assert us.business_days_between(D(2026, 11, 20), due) == 15
    assert us.is_business_day(D(2026, 11, 26)) is False


def test_year_2026_has_250_us_business_days_both_ways():
    assert slacal.business_days_between(D(2026, 1, 1), D(2027, 1, 1), "US") == 250
    assert slacal.business_days_between(D(2027, 1, 1), D(2026, 1, 1), "US") == -250


def test_de_bulk_example():
    # The crate docs' bulk example: 2026-12-23 + 2 (Christmas) and 2026-04-02 + 1 (Easter).
    import pyarrow as pa

    got = slacal.add_business_days(pa.array([D(2026, 12, 23), D(2026, 4, 2)]), pa.array([2, 1]), "DE")
    assert got.to_pylist() == [D(2026, 12, 28), D(2026, 4, 7)]


def test_us_bulk_example_forward_and_back():
    import pyarrow as pa

    got = slacal.add_business_days(pa.array([D(2026, 11, 25), D(2026, 11, 30)]), pa.array([1, -1]), "US")
    assert got.to_pylist() == [D(2026, 11, 27), D(2026, 11, 27)]


def test_start_rules_on_a_sunday():
    sunday = D(2026, 11, 8)
    assert slacal.add_business_days(sunday, 1, "US") == D(2026, 11, 9)
    assert slacal.add_business_days(sunday, 1, "US", start_rule="next-day") == D(2026, 11, 9)
    assert slacal.add_business_days(sunday, 1, "US", start_rule="roll-forward") == D(2026, 11, 10)
    # The rules agree for n <= 0 and on business days.
    for n in (0, -1, -5):
        assert slacal.add_business_days(sunday, n, "US", start_rule="roll-forward") == (
            slacal.add_business_days(sunday, n, "US")
        )
    monday = D(2026, 11, 9)
    assert slacal.add_business_days(monday, 3, "US", start_rule="roll-forward") == D(2026, 11, 13)


def test_n_zero_rolls_to_the_next_business_day():
    assert slacal.add_business_days(D(2021, 12, 25), 0, "US") == D(2021, 12, 27)
    assert slacal.add_business_days(D(2021, 12, 27), 0, "US") == D(2021, 12, 27)


def test_reversed_count_is_antisymmetric_unlike_numpy():
    # DESIGN.md: [Sat 6, Mon 8) holds no business day, in either direction.
    assert slacal.business_days_between(D(2024, 1, 8), D(2024, 1, 6), "US") == 0
    assert slacal.business_days_between(D(2024, 1, 6), D(2024, 1, 8), "US") == 0
    assert slacal.business_days_between(D(2024, 1, 7), D(2024, 1, 5), "US") == -1


@pytest.mark.parametrize(
    "convention, want",
    [
        ("following", D(2026, 11, 2)),
        ("modified-following", D(2026, 10, 30)),
        ("modified_following", D(2026, 10, 30)),
        ("preceding", D(2026, 10, 30)),
        ("modified-preceding", D(2026, 10, 30)),
        ("unadjusted", D(2026, 10, 31)),
    ],
)
def test_adjust_saturday_at_month_end(convention, want):
    assert slacal.adjust(D(2026, 10, 31), "US", convention) == want


def test_adjust_default_is_following():
    assert slacal.adjust(D(2026, 11, 26), "US") == D(2026, 11, 27)


def test_joint_calendar_is_closed_when_either_is():
    both = slacal.Calendar("US+GB-ENG")
    assert [part.id for part in both.parts] == ["US", "GB-ENG"]
    assert both.time_zone == "America/New_York"
    # Friday before Spring bank holiday (England) and Memorial Day (US): both Mondays 2026-05-25.
    assert both.add_business_days(D(2026, 5, 22), 1) == D(2026, 5, 26)
    assert both.is_business_day(D(2026, 8, 31)) is False  # Summer bank holiday (England)
    assert both.is_business_day(D(2026, 11, 26)) is False  # Thanksgiving (US)
    assert slacal.Calendar("US").is_business_day(D(2026, 8, 31)) is True


def test_observed_days_are_holidays_of_their_own():
    table = slacal.holidays("US", 2021, 2022)
    rows = [r for r in table.to_pylist() if D(2021, 12, 1) <= r["date"] <= D(2022, 1, 31)]
    assert [(r["date"], r["name"], r["observed"]) for r in rows[:3]] == [
        (D(2021, 12, 24), "Christmas Day (observed)", True),
        (D(2021, 12, 25), "Christmas Day", False),
        (D(2021, 12, 31), "New Year's Day (observed)", True),
    ]
    assert table.schema.names == ["date", "name", "estimated", "observed", "calendar"]
    assert not any(table.column("estimated").to_pylist())
    assert set(table.column("calendar").to_pylist()) == {"US"}
    assert slacal.is_business_day(D(2021, 12, 31), "US") is False


def test_holidays_of_a_joint_calendar_name_their_part():
    table = slacal.holidays("US+GB-ENG", 2026)
    by_date = {(r["date"], r["calendar"]) for r in table.to_pylist()}
    assert (D(2026, 11, 26), "US") in by_date
    assert (D(2026, 8, 31), "GB-ENG") in by_date
    assert table.column("date").to_pylist() == sorted(table.column("date").to_pylist())


def test_estimated_years_need_allow_estimates():
    # Crate docs (Estimates): Spring Festival 2030 in China is estimated, and only with estimates.
    date = D(2030, 2, 4)
    with pytest.raises(slacal.RangeError, match="after the years covered by calendar `CN`"):
        slacal.is_business_day(date, "CN")
    cn = slacal.Calendar("CN", allow_estimates=True)
    assert cn.is_business_day(date) is False
    assert cn.estimated_years is not None and cn.estimated_years[0] == 2027
    table = cn.holidays(2030)
    assert table.num_rows > 0 and all(table.column("estimated").to_pylist())
    assert not any(cn.holidays(2026).column("estimated").to_pylist())


def test_weekend_change_in_the_uae():
    ae = slacal.Calendar("AE")
    assert ae.weekend_on(D(2021, 6, 1)) == ["fri", "sat"]
    assert ae.weekend_on(D(2022, 6, 1)) == ["sat", "sun"]
    info = {i.id: i for i in slacal.calendars()}["AE"]
    assert info.weekend == ("fri", "sat")
    assert info.weekend_changes == ((D(2022, 1, 1), ("sat", "sun")),)
