"""Type stubs of the compiled module. Use the functions of ``slacal`` (which accept pyarrow,
polars, pandas and numpy objects and give results back in the caller's library); these take
Arrow PyCapsule objects, 1-D numpy arrays and scalars, and return an Arrow array object, a
numpy array or a scalar."""

import datetime
import os
from typing import Any, Dict, List, Optional, Tuple, Union

ENGINE_VERSION: str

class Error(Exception):
    """Base class of every error slacal raises; the message is the engine's."""

class RangeError(Error):
    """A date, year or count outside the supported range (1900-01-01 ..= 2199-12-31) or outside
    the years a calendar's data covers."""

class DataError(Error):
    """Broken holiday or calendar data, or an unknown calendar id."""

class InputError(Error):
    """A malformed value given by the caller: an unknown convention or start rule, columns of
    different lengths, a null where the result type has none."""

class IoError(Error):
    """Reading a folder of holiday files failed."""

_Path = Union[str, "os.PathLike[str]"]

class Calendar:
    def __new__(
        cls,
        id: Union[str, Calendar],
        *,
        holidays_dir: Optional[_Path] = None,
        allow_estimates: bool = False,
    ) -> Calendar: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def first_year(self) -> int: ...
    @property
    def last_year(self) -> int: ...
    @property
    def first_date(self) -> datetime.date: ...
    @property
    def last_date(self) -> datetime.date: ...
    @property
    def estimated_years(self) -> Optional[Tuple[int, int]]: ...
    @property
    def estimates_available(self) -> Optional[Tuple[int, int]]: ...
    @property
    def allow_estimates(self) -> bool: ...
    @property
    def holidays_dir(self) -> Optional["os.PathLike[str]"]: ...
    @property
    def data_version(self) -> str: ...
    @property
    def sources(self) -> List[str]: ...
    @property
    def _parts(self) -> List[Calendar]: ...
    def weekend_on(self, date: datetime.date) -> List[str]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

_CalendarArg = Union[str, Calendar]

def add_business_days(
    dates: Any, n: Any, calendar: _CalendarArg, start_rule: str = "next-day"
) -> Any: ...
def business_days_between(a: Any, b: Any, calendar: _CalendarArg) -> Any: ...
def is_business_day(dates: Any, calendar: _CalendarArg) -> Any: ...
def adjust(dates: Any, calendar: _CalendarArg, convention: str = "following") -> Any: ...
def holidays(calendar: _CalendarArg, from_year: int, to_year: int) -> Any: ...
def calendars(holidays_dir: Optional[_Path] = None) -> List[Dict[str, Any]]: ...
def outcome_schema() -> Any: ...
def reject_schema() -> Any: ...
def evaluate(
    events: Any,
    as_of: str,
    policy: Optional[str] = None,
    layout: Optional[str] = None,
    holidays_dir: Optional[str] = None,
    allow_estimates: Optional[bool] = None,
    threads: Optional[int] = None,
    sorted: bool = False,
) -> Tuple[Any, Any, str, List[str]]: ...
def explain(
    events: Any,
    as_of: str,
    record_id: str,
    policy: Optional[str] = None,
    layout: Optional[str] = None,
    holidays_dir: Optional[str] = None,
    allow_estimates: Optional[bool] = None,
) -> Tuple[List[Dict[str, Any]], Any, List[str]]: ...
