"""slacal: business-day arithmetic over regional holiday calendars, for columns of dates.

The functions take a column of dates from wherever it lives and give the answer back in the
same library:

- Arrow ``date32`` arrays through the Arrow PyCapsule interface: pyarrow ``Array`` and
  ``ChunkedArray``, polars ``Series``, pandas ``Series`` with Arrow dtypes, and any other
  producer (arro3, nanoarrow, DuckDB results);
- numpy ``datetime64`` arrays (``[D]``, or a finer unit whose values are whole days), and
  pandas ``Series`` backed by them;
- one ``datetime.date`` (or ``None``), which gives one answer, or is used for every element
  when the other argument is a column;
- a list of dates, which gives a list.

Nulls in, nulls out. A date outside 1900-01-01 ..= 2199-12-31, outside the years a calendar
covers, or an answer that would leave them raises :class:`RangeError` with the engine's
message and the element's position; never a guess.

>>> import datetime as dt, slacal
>>> slacal.add_business_days(dt.date(2026, 11, 20), 15, "US")  # Thanksgiving skipped
datetime.date(2026, 12, 14)
>>> slacal.business_days_between(dt.date(2026, 1, 1), dt.date(2027, 1, 1), "US")
250
>>> slacal.is_business_day(dt.date(2026, 11, 26), "US")
False

The semantics are the engine's (see the project README):

- ``add_business_days(d, n)``: n > 0 is the n-th business day strictly after d, n < 0 the
  |n|-th strictly before, n = 0 is d if it is a business day, else the next one (numpy's
  ``busday_offset`` with ``roll='backward'`` for n > 0 and ``roll='forward'`` for n <= 0).
  ``start_rule="roll-forward"`` rolls d to a business day first (Sunday + 1 = Tuesday).
- ``business_days_between(a, b)`` is F(b) - F(a), where F(x) counts the business days before
  x: the business days in [a, b) for a <= b, and minus those in [b, a) for b < a (numpy >= 1.25
  counts a reversed range as -(b, a]; slacal does not).
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
import sys as _sys
import warnings as _warnings
from dataclasses import dataclass as _dataclass
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from . import _slacal
from ._slacal import DataError, Error, InputError, IoError, RangeError

__all__ = [
    "Calendar",
    "CalendarInfo",
    "DataError",
    "Error",
    "InputError",
    "IoError",
    "RangeError",
    "Evaluation",
    "OUTCOME_COLUMNS",
    "REJECT_COLUMNS",
    "add_business_days",
    "adjust",
    "business_days_between",
    "calendars",
    "evaluate",
    "explain",
    "holidays",
    "is_business_day",
    "outcome_schema",
    "reject_schema",
]

__version__ = _slacal.ENGINE_VERSION

START_RULES = ("next-day", "roll-forward")
CONVENTIONS = ("following", "modified-following", "preceding", "modified-preceding", "unadjusted")


class Calendar(_slacal.Calendar):
    """A business-day calendar.

    ``Calendar("US")`` is a built-in calendar, ``Calendar("US+GB-ENG")`` a joint one (closed when
    either is closed; the first one's time zone), ``Calendar("ACME", holidays_dir="holidays/")``
    one of a folder of holiday files (which may inherit from a built-in calendar, and replaces a
    built-in one of the same id). ``allow_estimates=True`` also covers the years whose holidays
    are not announced yet, with estimated dates (the ``estimated`` column of :meth:`holidays`).

    Every function of the module also takes a calendar's id where it takes a calendar; a
    ``Calendar`` object saves the lookup and is the only way to use ``holidays_dir``.
    Calendars pickle by id, folder and estimates setting, so they travel to Spark executors.

    >>> us = Calendar("US")
    >>> us.id, us.time_zone, us.first_year
    ('US', 'America/New_York', 1971)
    >>> import datetime as dt
    >>> us.add_business_days(dt.date(2026, 11, 25), 1)
    datetime.date(2026, 11, 27)
    >>> [p.id for p in Calendar("US+GB-ENG").parts]
    ['US', 'GB-ENG']

    Raises :class:`DataError` for an unknown id (the message suggests known ones) or a broken
    holiday file (naming its file, line and column), :class:`IoError` when the folder cannot be
    read.
    """

    __slots__ = ()

    @property
    def parts(self) -> List[Calendar]:
        """The calendars a joint calendar is made of (empty for a plain calendar)."""
        return [Calendar(part) for part in self._parts]

    def __reduce__(self) -> Any:
        return (_restore_calendar, (self.id, self.holidays_dir, self.allow_estimates))

    def add_business_days(self, dates: Any, n: Any, *, start_rule: str = "next-day") -> Any:
        """:func:`add_business_days` on this calendar."""
        return add_business_days(dates, n, self, start_rule=start_rule)

    def business_days_between(self, a: Any, b: Any) -> Any:
        """:func:`business_days_between` on this calendar."""
        return business_days_between(a, b, self)

    def is_business_day(self, dates: Any) -> Any:
        """:func:`is_business_day` on this calendar."""
        return is_business_day(dates, self)

    def adjust(self, dates: Any, convention: str = "following") -> Any:
        """:func:`adjust` on this calendar."""
        return adjust(dates, self, convention)

    def holidays(self, from_year: int, to_year: Optional[int] = None) -> Any:
        """:func:`holidays` of this calendar."""
        return holidays(self, from_year, to_year)


def _restore_calendar(id: str, holidays_dir: Any, allow_estimates: bool) -> Calendar:
    return Calendar(id, holidays_dir=holidays_dir, allow_estimates=allow_estimates)


@_dataclass(frozen=True)
class CalendarInfo:
    """What :func:`calendars` says about a calendar, without building it."""

    id: str
    name: str
    time_zone: str
    first_year: int
    last_year: int
    #: The weekend in force from the first covered year, as weekday names (``("sat", "sun")``).
    weekend: Tuple[str, ...]
    #: Later changes of weekend: the date from which each applies, and the new weekend.
    weekend_changes: Tuple[Tuple[_dt.date, Tuple[str, ...]], ...]
    #: Years after ``last_year`` that ``allow_estimates=True`` covers with estimated dates.
    estimated_years: Optional[Tuple[int, int]]
    #: A digest of the holiday definitions (``sha256:…``).
    data_version: str
    #: The holiday file and line that define the calendar.
    origin: str


def calendars(holidays_dir: Any = None) -> List[CalendarInfo]:
    """The calendars that can be asked for by id, sorted by id: the built-in ones, plus those
    of ``holidays_dir`` if given.

    >>> infos = {info.id: info for info in calendars()}
    >>> infos["AE"].weekend, infos["AE"].weekend_changes[0][1]
    (('fri', 'sat'), ('sat', 'sun'))
    """
    out = []
    for info in _slacal.calendars(holidays_dir):
        info["weekend"] = tuple(info["weekend"])
        info["weekend_changes"] = tuple(
            (date, tuple(days)) for date, days in info["weekend_changes"]
        )
        out.append(CalendarInfo(**info))
    return out


def add_business_days(dates: Any, n: Any, calendar: Any, *, start_rule: str = "next-day") -> Any:
    """Adds ``n`` business days to each date.

    ``dates`` is a column of dates or one date; ``n`` an integer column of the same length or one
    integer. n > 0 gives the n-th business day strictly after the date, n < 0 the |n|-th
    strictly before, n = 0 the date itself if it is a business day, else the next one.
    ``start_rule="roll-forward"`` rolls a date to a business day before counting n > 0 from it
    (BusinessDays.jl, the ``bdays`` crate: Sunday + 1 = Tuesday); the default, ``"next-day"``,
    counts from the next day (QuantLib, numpy ``roll='backward'``).

    The result is a column of dates in the form of the first argument that is a column (a
    pyarrow ``date32`` array, a polars ``Date`` series, a numpy ``datetime64[D]`` array, …),
    null where an input is null; or one date.

    >>> import datetime as dt
    >>> sunday = dt.date(2026, 11, 8)
    >>> add_business_days(sunday, 1, "US"), add_business_days(sunday, 1, "US", start_rule="roll-forward")
    (datetime.date(2026, 11, 9), datetime.date(2026, 11, 10))
    >>> import numpy as np
    >>> add_business_days(np.array(["2026-11-25", "NaT"], dtype="datetime64[D]"), 1, "US")
    array(['2026-11-27',        'NaT'], dtype='datetime64[D]')

    Raises :class:`RangeError` when a date is not covered by the calendar or the answer would
    leave its years (the message names the element), :class:`InputError` for an unknown start
    rule or columns of different lengths, :class:`DataError` for an unknown calendar id,
    ``TypeError`` for a column that is not of dates (or integers, for ``n``).
    """
    (d, n_), restore = _prepare(("date", dates, "dates"), ("int", n, "n"))
    return restore(_slacal.add_business_days(d, n_, calendar, start_rule))


def business_days_between(a: Any, b: Any, calendar: Any) -> Any:
    """The number of business days from ``a`` to ``b``: F(b) - F(a), where F(x) counts the
    business days before x. For a <= b that is the business days in [a, b); for b < a, minus
    those in [b, a). Antisymmetric and additive: between(a, b) + between(b, c) == between(a, c).

    ``a`` and ``b`` are columns of one length, or one of them is a single date used for every
    element. The result is an ``int32`` column in the form of the first column argument (null
    where an input is null), or one ``int``.

    >>> import datetime as dt
    >>> business_days_between(dt.date(2024, 1, 8), dt.date(2024, 1, 6), "US")  # a weekend: 0
    0

    Raises :class:`RangeError` when a date is not covered by the calendar, :class:`InputError`
    for columns of different lengths; a numpy input with NaT raises :class:`InputError` too,
    since an integer numpy array has no null (pass an Arrow array to get nulls).
    """
    (a_, b_), restore = _prepare(("date", a, "a"), ("date", b, "b"))
    return restore(_slacal.business_days_between(a_, b_, calendar))


def is_business_day(dates: Any, calendar: Any) -> Any:
    """Whether each date is a business day: not a weekend day (unless declared a working day)
    and not a holiday. A boolean column in the form of ``dates`` (null where it is null), or one
    ``bool``.

    >>> import datetime as dt
    >>> is_business_day(dt.date(2021, 12, 31), "US")  # New Year's Day 2022, observed
    False

    Raises :class:`RangeError` for a date the calendar does not cover; a numpy input with NaT
    raises :class:`InputError`, since a numpy bool array has no null.
    """
    (d,), restore = _prepare(("date", dates, "dates"))
    return restore(_slacal.is_business_day(d, calendar))


def adjust(dates: Any, calendar: Any, convention: str = "following") -> Any:
    """Moves each date to a business day by a convention: ``"following"`` (the first business
    day on or after it), ``"modified-following"`` (following, unless that is in the next month;
    then preceding), ``"preceding"``, ``"modified-preceding"``, or ``"unadjusted"``.

    >>> import datetime as dt
    >>> adjust(dt.date(2026, 10, 31), "US", "modified-following")  # Saturday; November is next
    datetime.date(2026, 10, 30)

    Raises :class:`InputError` for an unknown convention, :class:`RangeError` for a date the
    calendar does not cover or an answer that would leave its years.
    """
    (d,), restore = _prepare(("date", dates, "dates"))
    return restore(_slacal.adjust(d, calendar, convention))


def holidays(calendar: Any, from_year: int, to_year: Optional[int] = None) -> Any:
    """The holidays of the years ``from_year ..= to_year`` (``to_year`` defaults to
    ``from_year``) as a table, in date order: ``date`` (date32), ``name``, ``estimated`` (true
    for a date computed for a year whose holidays are not announced yet), ``observed`` (a
    substitute day, named ``"<holiday> (observed)"``) and ``calendar`` (which part of a joint
    calendar it comes from).

    The table is a ``pyarrow.Table`` when pyarrow is installed, else an Arrow table object that
    polars (``pl.DataFrame(table)``) and other Arrow libraries read through the PyCapsule
    interface.

    >>> table = holidays("US", 2021)
    >>> [(str(row["date"]), row["name"]) for row in table.to_pylist()[-3:]]
    [('2021-12-24', 'Christmas Day (observed)'), ('2021-12-25', 'Christmas Day'), ('2021-12-31', "New Year's Day (observed)")]

    Raises :class:`RangeError` for years the calendar does not cover.
    """
    table = _slacal.holidays(calendar, from_year, from_year if to_year is None else to_year)
    pa = _module("pyarrow")
    return pa.table(table) if pa is not None else table


# ---------------------------------------------------------------- SLA evaluation

#: The columns of :func:`evaluate`'s outcomes: those of ``slacal run``'s output, in its order.
OUTCOME_COLUMNS = (
    "record_id", "clock", "attempt", "calendar", "start", "due_date", "deadline", "stop",
    "status", "elapsed", "remaining", "unit", "estimated",
)
#: The columns of :func:`evaluate`'s rejects: those of ``slacal run``'s rejects file, then
#: ``row``, the index (from 0) of the row in the table given.
REJECT_COLUMNS = ("line", "record_id", "column", "value", "reason", "row")


class Evaluation(NamedTuple):
    """What :func:`evaluate` returns: ``outcomes, rejects, summary = slacal.evaluate(...)``."""

    #: One row per record, clock and attempt (:func:`outcome_schema`).
    outcomes: Any
    #: One row per input row that could not be used (:func:`reject_schema`).
    rejects: Any
    #: The run's summary, as ``slacal run --summary-json`` writes it: ``rows_read``,
    #: ``rows_rejected``, ``records_evaluated``, ``outcome_rows``, ``clocks`` (counts per status),
    #: ``calendars``, ``estimated``, the policy's digest, ...
    summary: Dict[str, Any]


def outcome_schema() -> Any:
    """The Arrow schema of :func:`evaluate`'s outcomes (a ``pyarrow.Schema`` when pyarrow is
    installed), for ``applyInArrow`` and other engines that need the output schema first.

    ``record_id``, ``clock``, ``calendar``, ``status``, ``unit``: string; ``attempt``: int64;
    ``start``, ``deadline``, ``stop``: timestamp[ns, tz=UTC] (the instant; the CLI writes it
    with the calendar's offset, which ``calendar`` determines); ``due_date``: date32;
    ``elapsed``, ``remaining``: float64, in ``unit``, rounded as the CLI writes them (whole
    business days, or a hundredth of the unit); ``estimated``: bool.

    >>> [field.name for field in outcome_schema()] == list(OUTCOME_COLUMNS)
    True
    """
    return _arrow_schema(_slacal.outcome_schema())


def reject_schema() -> Any:
    """The Arrow schema of :func:`evaluate`'s rejects: ``line`` (int64), ``record_id``,
    ``column``, ``value``, ``reason`` (strings) and ``row`` (int64, the table's row)."""
    return _arrow_schema(_slacal.reject_schema())


def evaluate(
    events: Any,
    as_of: Any,
    policy: Any = None,
    *,
    layout: Optional[str] = None,
    holidays_dir: Any = None,
    allow_estimates: Optional[bool] = None,
    threads: Optional[int] = None,
    sorted: bool = False,
) -> Evaluation:
    """Evaluates every SLA clock of every record of a table, as ``slacal run`` does.

    ``events`` is an event log (columns ``record_id``, ``event``, ``at`` and an optional
    ``calendar``) or a wide export (the policy's id column such as ``offer_id``, an optional
    ``calendar``, and a column of instants per event, such as ``submitted_at``): a pyarrow
    ``Table`` or ``RecordBatch``, a polars ``DataFrame``, a pandas ``DataFrame``, or anything
    with the Arrow PyCapsule stream interface. The layout is detected from the column names as
    from a file's header, or given: ``layout="events"`` or ``"wide"``. Other columns are not read.

    Instants are RFC 3339 strings (with an offset, or local times when the policy names an
    input zone), or Arrow timestamps of any unit: with a time zone they are exact instants;
    without one (naive) they are local times, read as the CLI reads a time without an offset
    (in the policy's input zone, or rejected when it names none). A wide export's cell with
    several instants is a string separated by ``;`` or a list column.

    ``as_of`` is an RFC 3339 string or a ``datetime`` with a time zone. ``policy`` is the
    built-in ``marketplace`` (``None``), the name of a built-in policy, the path of a policy
    TOML file, or a policy's TOML text. ``holidays_dir`` loads a folder of holiday files next
    to the built-in calendars; ``allow_estimates`` decides whether the years whose holidays are
    not announced yet are evaluated with estimates (``None``: as ``slacal run``, the policy's
    own setting, else allowed), and ``False`` rejects such records. ``threads`` is the number of
    worker threads (default: the cores, at most 8); ``sorted=True`` promises that an event
    log's rows are grouped by record (a streaming pass; a broken promise is reported in the
    rejects). The work runs without the GIL.

    Returns an :class:`Evaluation` ``(outcomes, rejects, summary)``: the outcome rows
    (:func:`outcome_schema`), the rejects (:func:`reject_schema`), in ``pyarrow.Table`` s
    when pyarrow is installed, and the summary as a dict. Every row is checked as ``slacal
    run`` checks a file's: a row with an unknown event, a malformed instant or an empty id, a
    record on an unknown calendar or on several, is a reject (its ``line`` is the line the row
    would have in a CSV export with a header, its ``row`` the index in ``events``), never an
    exception. The outcomes are the CLI's rows, in its order: a wide export's records in table
    order, an event log's in the byte order of their ids.

    >>> import pyarrow as pa
    >>> log = pa.table({
    ...     "record_id": ["offer-1", "offer-1", "offer-2"],
    ...     "event": ["submitted", "prerequisites_validated", "submited"],
    ...     "at": ["2026-11-20T09:15:00-08:00", "2026-11-20T09:25:00-08:00", "2026-11-20T10:00:00Z"],
    ... })
    >>> outcomes, rejects, summary = evaluate(log, "2026-11-22T12:00:00Z")
    >>> outcomes.select(["clock", "status", "remaining"]).to_pylist()[0]
    {'clock': 'validation', 'status': 'met', 'remaining': 5.0}
    >>> rejects["reason"][0].as_py()[:52]
    'unknown event `submited` (did you mean `submitted`?)'
    >>> (summary["rows_read"], summary["rows_rejected"], summary["records_evaluated"])
    (3, 1, 1)

    Raises :class:`InputError` for an ``as_of`` that is not an instant, columns that fit
    neither layout, or an unknown layout; :class:`DataError` for a broken policy or holiday
    file; ``TypeError`` for a column that cannot be read as text or instants.
    """
    table = _table_arg(events)
    outcomes, rejects, summary, skipped = _slacal.evaluate(
        table,
        _instant_arg(as_of),
        _policy_arg(policy),
        layout,
        None if holidays_dir is None else _os.fspath(holidays_dir),
        allow_estimates,
        threads,
        sorted,
    )
    _warn_skipped(skipped)
    return Evaluation(_arrow_table(outcomes), _arrow_table(rejects), _json.loads(summary))


def explain(
    events: Any,
    as_of: Any,
    policy: Any = None,
    *,
    record_id: Optional[str] = None,
    layout: Optional[str] = None,
    holidays_dir: Any = None,
    allow_estimates: Optional[bool] = None,
) -> List[Dict[str, Any]]:
    """How every deadline of one record was reached, day by day, as ``slacal explain`` shows it.

    ``events`` is a table as :func:`evaluate` takes it, holding the record's rows (other
    records' rows may be there too: ``record_id`` names the one to explain; by default, the
    table's only record). The other arguments are :func:`evaluate`'s.

    Returns one dict per clock and attempt: the outcome's columns (instants as ``datetime`` s
    with the calendar's offset), ``time_zone``, ``budget``, ``start_rule``, ``at_risk`` (each
    threshold with the instant it is reached), ``as_of``, ``steps`` (each a dict with its
    ``kind`` — ``started``, ``day_zero``, ``skipped``, ``counted``, ``paused_day``, ``worked``,
    ``paused``, ``resumed``, ``ignored``, ``due``, ``restarted``, ``ended`` — its fields, and its
    line of ``text``; a dated step says whether the day is ``estimated``, a counted day whether
    it is ``projected``), and ``text``, the clock's whole explanation as the CLI prints it.

    >>> import pyarrow as pa
    >>> log = pa.table({"record_id": ["offer-1"], "event": ["submitted"],
    ...                 "at": ["2026-11-20T09:15:00-08:00"]})
    >>> publish = explain(log, "2026-12-04T12:00:00-08:00")[4]
    >>> publish["clock"], publish["status"], str(publish["due_date"])
    ('publish', 'at_risk', '2026-12-07')
    >>> [s["reason"] for s in publish["steps"] if s["kind"] == "skipped"][2]
    'Thanksgiving Day (US)'

    Raises :class:`InputError` when the record has no usable row (the message gives the
    rejects' reasons) or when ``record_id`` is not given and the table holds several records.
    """
    table = _table_arg(events)
    if record_id is None:
        record_id = _only_record_id(table)
    explained, rejects, skipped = _slacal.explain(
        table,
        _instant_arg(as_of),
        record_id,
        _policy_arg(policy),
        layout,
        None if holidays_dir is None else _os.fspath(holidays_dir),
        allow_estimates,
    )
    _warn_skipped(skipped)
    if not explained:
        reasons = "; ".join(
            f"line {r['line']}: {r['reason']}" for r in _rows(rejects)
        )
        raise InputError(
            f"record `{record_id}` has no usable row"
            + (f" ({reasons})" if reasons else " in the table")
        )
    return explained


def _only_record_id(table: Any) -> str:
    """The one record id of a table (its id column: ``record_id``, else the marketplace
    policy's ``offer_id``)."""
    pa = _module("pyarrow")
    if pa is None:
        raise InputError("`record_id` is needed without pyarrow")
    table = pa.table(table)
    names = table.schema.names
    column = "record_id" if "record_id" in names else "offer_id" if "offer_id" in names else None
    if column is None:
        raise InputError(
            f"the table has no `record_id` column (found: {', '.join(names)}); give `record_id`"
        )
    ids = sorted({str(v).strip() for v in table[column].to_pylist() if v is not None} - {""})
    if len(ids) != 1:
        raise InputError(
            f"the table holds {len(ids)} records; give the `record_id` to explain"
        )
    return ids[0]


def _rows(table: Any) -> List[Dict[str, Any]]:
    pa = _module("pyarrow")
    return pa.table(table).to_pylist() if pa is not None else []


def _table_arg(events: Any) -> Any:
    """An Arrow stream of the caller's table (pandas through pyarrow)."""
    if hasattr(events, "__arrow_c_stream__"):
        return events
    pa = _module("pyarrow")
    if pa is None:
        raise TypeError(
            f"`events` is a {type(events).__name__}: give a table with the Arrow PyCapsule "
            "interface (pyarrow, polars), or install pyarrow"
        )
    pd = _sys.modules.get("pandas")
    if pd is not None and isinstance(events, pd.DataFrame):
        return pa.Table.from_pandas(events, preserve_index=False)
    try:
        return pa.table(events)
    except (TypeError, ValueError, pa.ArrowInvalid) as err:
        raise TypeError(f"`events` is a {type(events).__name__}, not a table: {err}") from None


def _instant_arg(as_of: Any) -> str:
    if isinstance(as_of, _dt.datetime):
        if as_of.tzinfo is None or as_of.utcoffset() is None:
            raise InputError(
                f"`as_of` `{as_of.isoformat()}` has no time zone; give an aware datetime or an "
                "RFC 3339 string with an offset"
            )
        return as_of.isoformat()
    if isinstance(as_of, str):
        return as_of
    raise TypeError(f"`as_of` is a {type(as_of).__name__}: give an RFC 3339 string or a datetime")


def _policy_arg(policy: Any) -> Optional[str]:
    if policy is None or isinstance(policy, str):
        return policy
    return _os.fspath(policy)


def _warn_skipped(skipped: List[str]) -> None:
    for entry in skipped:
        _warnings.warn(f"holiday folder: {entry}", stacklevel=3)


def _arrow_table(table: Any) -> Any:
    pa = _module("pyarrow")
    return pa.table(table) if pa is not None else table


def _arrow_schema(schema: Any) -> Any:
    pa = _module("pyarrow")
    return pa.schema(schema) if pa is not None else schema


# ---------------------------------------------------------------- columns in and out


def _module(name: str) -> Any:
    """A library if the caller's process has it, without importing it when it has not been
    imported (the caller's objects come from an imported library anyway)."""
    module = _sys.modules.get(name)
    if module is not None:
        return module
    try:
        return __import__(name)
    except ImportError:
        return None


def _prepare(*args: Tuple[str, Any, str]) -> Tuple[Tuple[Any, ...], Any]:
    """Turns each argument into what the compiled functions take (an Arrow object, a 1-D numpy
    array, or a scalar) and returns a function that gives the result back in the form of the
    first argument that is a column."""
    values = []
    restore = None
    for kind, value, what in args:
        value, back = _column(kind, value, what)
        values.append(value)
        if restore is None and back is not None:
            restore = back
    return tuple(values), (restore if restore is not None else _same)


def _same(result: Any) -> Any:
    return result


def _column(kind: str, value: Any, what: str) -> Tuple[Any, Any]:
    if value is None or isinstance(value, (_dt.date, int)):
        return value, None
    pd = _sys.modules.get("pandas")
    if pd is not None and isinstance(value, pd.Series):
        return _pandas(pd, kind, value, what)
    pl = _sys.modules.get("polars")
    if pl is not None:
        if isinstance(value, pl.Series):
            name = value.name
            return value, lambda result: pl.Series(result).alias(name)
        if isinstance(value, pl.Expr):
            raise TypeError(
                f"`{what}` is a polars expression: call slacal inside `map_batches`, e.g. "
                '`pl.col("d").map_batches(lambda s: slacal.add_business_days(s, 1, "US"))`'
            )
    np = _sys.modules.get("numpy")
    if np is not None:
        if isinstance(value, np.ndarray):
            return _numpy(np, kind, value, what)
        if isinstance(value, np.generic):
            if kind == "int" and isinstance(value, np.integer):
                return int(value), None
            array, back = _numpy(np, kind, np.asarray(value), what)
            return array, back
    if hasattr(value, "__arrow_c_array__") or hasattr(value, "__arrow_c_stream__"):
        return value, _arrow_back(value)
    if isinstance(value, (list, tuple)):
        return _sequence(kind, value, what)
    return value, None  # the compiled function says what it expected


def _arrow_back(value: Any) -> Any:
    pa = _module("pyarrow")
    if pa is None:
        return None
    if isinstance(value, pa.ChunkedArray):
        return lambda result: pa.chunked_array([pa.array(result)])
    return pa.array


def _pandas(pd: Any, kind: str, series: Any, what: str) -> Tuple[Any, Any]:
    index, name = series.index, series.name
    dtype = series.dtype
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa

        def back(result: Any) -> Any:
            array = pd.arrays.ArrowExtensionArray(pa.chunked_array([pa.array(result)]))
            return pd.Series(array, index=index, name=name)

        return pa.array(series.array), back
    np = _module("numpy")
    numpy_backed = np is not None and isinstance(dtype, np.dtype)
    if numpy_backed and (dtype.kind == "M" or (kind == "int" and dtype.kind in "iu")):
        array, numpy_back = _numpy(np, kind, series.to_numpy(), what)

        def back(result: Any) -> Any:
            result = numpy_back(result)
            if kind == "date" and result.dtype.kind == "M":
                result = result.astype(dtype if dtype.kind == "M" else "datetime64[s]")
            return pd.Series(result, index=index, name=name)

        return array, back
    # Nullable integers (Int64), dates as Python objects, …: through Arrow.
    import pyarrow as pa

    arrow = pa.array(series, type=pa.date32() if kind == "date" else None, from_pandas=True)

    def back_arrow(result: Any) -> Any:
        array = pd.arrays.ArrowExtensionArray(pa.chunked_array([pa.array(result)]))
        return pd.Series(array, index=index, name=name)

    return arrow, back_arrow


def _numpy(np: Any, kind: str, array: Any, what: str) -> Tuple[Any, Any]:
    shape = array.shape
    flat = array.reshape(-1)
    if kind == "date":
        flat = _numpy_days(np, flat, what)
    else:
        flat = _numpy_ints(np, flat, what)

    def back(result: Any) -> Any:
        result = result.reshape(shape)
        return result[()] if shape == () else result

    return flat, back


def _numpy_days(np: Any, array: Any, what: str) -> Any:
    if array.dtype.kind != "M":
        raise TypeError(f"`{what}` is a numpy array of dtype `{array.dtype}`: expected datetime64")
    unit, _ = np.datetime_data(array.dtype)
    if unit == "D":
        return array
    if unit in ("Y", "M", "W", "generic"):
        raise TypeError(
            f"`{what}` is a numpy array of dtype `{array.dtype}`: expected datetime64[D] (or a "
            "finer unit whose values are whole days)"
        )
    days = array.astype("datetime64[D]")
    inexact = (days.astype(array.dtype) != array) & ~np.isnat(array)
    if inexact.any():
        position = int(np.flatnonzero(inexact)[0])
        raise InputError(
            f"element {position} of `{what}` (`{array[position]}`) has a time of day: pass "
            "dates (`values.astype('datetime64[D]')` after choosing the zone whose calendar day "
            "you mean)"
        )
    return days


def _numpy_ints(np: Any, array: Any, what: str) -> Any:
    if array.dtype.kind not in "iu":
        raise TypeError(f"`{what}` is a numpy array of dtype `{array.dtype}`: expected integers")
    if array.dtype in (np.int32, np.int64):
        return array
    if array.dtype == np.uint64 and array.size and array.max() > np.iinfo(np.int64).max:
        position = int(np.argmax(array))
        raise RangeError(
            f"element {position} of `{what}` (`{array[position]}`) is outside the range of a "
            "day count"
        )
    return array.astype(np.int64)


def _sequence(kind: str, values: Any, what: str) -> Tuple[Any, Any]:
    pa = _module("pyarrow")
    if pa is not None:
        array = pa.array(values, type=pa.date32() if kind == "date" else pa.int64())
        return array, lambda result: pa.array(result).to_pylist()
    np = _module("numpy")
    if np is not None:
        array = np.array(
            [v if v is not None else "NaT" for v in values] if kind == "date" else values,
            dtype="datetime64[D]" if kind == "date" else np.int64,
        )
        return array, lambda result: result.tolist()
    raise TypeError(f"`{what}` is a list: install pyarrow or numpy to pass lists")
