"""Shared fixtures of the Python tests: calendars of known shape, written as holiday files."""

import textwrap

import pytest


def _calendar_file(code, name, weekend, holidays=()):
    rules = "".join(
        f'\n[[holiday]]\nname = "{label}"\ndate = {date}\n' for date, label in holidays
    )
    return textwrap.dedent(
        f"""\
        [country]
        code = "{code}"
        name = "{name}"
        time_zone = "UTC"
        weekend = {weekend!r}
        years = [1900, 2199]
        sources = ["test fixture: a weekend and the listed days closed, nothing else"]
        """
    ).replace("'", '"') + rules


# Closures of the third calendar, chosen around weekends, month ends and leap days.
CLOSURES = [
    ("2024-02-29", "Leap day closure"),
    ("2024-03-01", "Day after the leap day"),
    ("2024-12-31", "Year end"),
    ("2025-01-01", "New year"),
    ("2025-05-30", "Friday before a weekend"),
    ("2025-06-02", "Monday after a weekend"),
]


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory):
    """A folder with `WEEKENDS` (Sat+Sun), `FRISAT` (Fri+Sat) and `CLOSED` (Sat+Sun and
    CLOSURES), covering 1900..=2199."""
    folder = tmp_path_factory.mktemp("holidays")
    (folder / "weekends.toml").write_text(_calendar_file("WEEKENDS", "Weekends only", ["sat", "sun"]))
    (folder / "frisat.toml").write_text(_calendar_file("FRISAT", "Friday and Saturday", ["fri", "sat"]))
    (folder / "closed.toml").write_text(
        _calendar_file("CLOSED", "Weekends and closures", ["sat", "sun"], CLOSURES)
    )
    return folder
