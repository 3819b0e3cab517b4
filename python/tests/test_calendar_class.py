"""The Calendar class, the calendars() listing, and what travels to workers."""

import datetime as dt
import pickle

import pytest

import slacal

D = dt.date


def test_attributes_of_a_built_in_calendar():
    us = slacal.Calendar("US")
    assert (us.id, us.time_zone, us.first_year, us.last_year) == ("US", "America/New_York", 1971, 2199)
    assert us.first_date == D(1971, 1, 1) and us.last_date == D(2199, 12, 31)
    assert us.name.startswith("United States")
    assert us.data_version.startswith("sha256:")
    assert any("6103" in source for source in us.sources)
    assert us.parts == [] and us.holidays_dir is None and us.allow_estimates is False
    assert us.estimated_years is None
    assert repr(us).startswith('Calendar("US")')


def test_a_calendar_is_accepted_wherever_an_id_is():
    us = slacal.Calendar("US")
    assert slacal.Calendar(us) == us and hash(slacal.Calendar(us)) == hash(us)
    assert slacal.add_business_days(D(2026, 11, 25), 1, us) == slacal.add_business_days(D(2026, 11, 25), 1, "US")
    assert us != slacal.Calendar("GB-ENG")


def test_estimates_change_the_covered_years():
    cn = slacal.Calendar("CN")
    assert cn.last_year == 2026 and cn.estimates_available == (2027, 2199)
    estimated = slacal.Calendar("CN", allow_estimates=True)
    assert estimated.last_year == 2199 and estimated != cn


def test_a_calendar_of_your_own(fixture_dir):
    closed = slacal.Calendar("CLOSED", holidays_dir=fixture_dir)
    assert closed.holidays_dir == fixture_dir
    assert closed.is_business_day(D(2024, 2, 29)) is False
    assert closed.add_business_days(D(2024, 2, 28), 1) == D(2024, 3, 4)
    names = closed.holidays(2024).column("name").to_pylist()
    assert names == ["Leap day closure", "Day after the leap day", "Year end"]
    # The folder's calendars are listed next to the built-in ones.
    ids = [info.id for info in slacal.calendars(fixture_dir)]
    assert {"CLOSED", "FRISAT", "WEEKENDS", "US"} <= set(ids) and ids == sorted(ids)


def test_pickling_keeps_folder_and_estimates(fixture_dir):
    for calendar in (
        slacal.Calendar("US+GB-ENG"),
        slacal.Calendar("CN", allow_estimates=True),
        slacal.Calendar("CLOSED", holidays_dir=fixture_dir),
    ):
        copy = pickle.loads(pickle.dumps(calendar))
        assert type(copy) is slacal.Calendar and copy == calendar
        assert copy.holidays_dir == calendar.holidays_dir
        assert copy.allow_estimates == calendar.allow_estimates


def test_calendars_lists_every_built_in_calendar():
    infos = slacal.calendars()
    ids = [info.id for info in infos]
    assert ids == sorted(ids) and len(ids) >= 40
    assert {"US", "GB-ENG", "DE-BY", "JP", "AE"} <= set(ids)
    us = next(info for info in infos if info.id == "US")
    assert (us.time_zone, us.first_year, us.last_year, us.weekend) == ("America/New_York", 1971, 2199, ("sat", "sun"))
    assert us.data_version == slacal.Calendar("US").data_version
    assert us.origin.startswith("holidays/us.toml")
    for info in infos:
        calendar = slacal.Calendar(info.id)
        assert (calendar.first_year, calendar.last_year) == (info.first_year, info.last_year)


def test_calendar_ids_must_be_strings():
    with pytest.raises(TypeError, match="a calendar is given by its id"):
        slacal.Calendar(42)
