"""slacal inside Spark: functions for ``DataFrame.mapInArrow`` (and, per record,
``groupBy(...).applyInArrow``).

Spark hands a Python worker its rows as Arrow record batches; slacal computes on those columns
as they are, so a business-day column costs one vectorized call per batch and no row-by-row
Python. Nothing here imports pyspark: the functions only see pyarrow objects, so they are tested
(and usable) without Spark, and pickle to executors with the calendar they use.

Date columns, with ``mapInArrow``::

    import slacal
    from slacal.spark import schema_with, with_columns

    us = slacal.Calendar("US")
    due = with_columns(
        due=lambda batch: slacal.add_business_days(batch["submitted"], batch["days"], us),
        business_day=lambda batch: slacal.is_business_day(batch["submitted"], us),
    )
    out = df.mapInArrow(due, schema_with(df.schema, due="date", business_day="boolean"))

Per record, with ``groupBy("record_id").applyInArrow``: Spark calls the function with one
record's rows as a ``pyarrow.Table`` and takes a table back, so a record's rows are together
however the export was partitioned (SLA evaluation of a record's events takes this shape)::

    def span(table):
        first, last = pc.min(table["at"]).as_py(), pc.max(table["at"]).as_py()
        days = slacal.business_days_between(first, last, us)
        return pa.table({"record_id": table["record_id"][:1], "business_days": [days]})

    df.groupBy("record_id").applyInArrow(span, "record_id string, business_days int")

SLA clocks, per record, with :func:`evaluate_records` and :data:`OUTCOME_DDL`::

    from slacal.spark import OUTCOME_DDL, REJECT_DDL, evaluate_records

    as_of = "2026-11-22T12:00:00Z"
    outcomes = log.groupBy("record_id").applyInArrow(evaluate_records(as_of), OUTCOME_DDL)
    rejects = log.groupBy("record_id").applyInArrow(evaluate_records(as_of, rejects=True), REJECT_DDL)
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Optional

#: The Spark schema of :func:`evaluate_records`'s outcomes (``slacal.outcome_schema()`` in
#: Spark's types: instants are ``timestamp``, microseconds in Spark).
OUTCOME_DDL = (
    "record_id string, clock string, attempt bigint, calendar string, start timestamp, "
    "due_date date, deadline timestamp, stop timestamp, status string, elapsed double, "
    "remaining double, unit string, estimated boolean"
)
#: The Spark schema of :func:`evaluate_records`'s rejects (``slacal.reject_schema()``).
REJECT_DDL = "line bigint, record_id string, column string, value string, reason string, row bigint"


def with_columns(**columns: Callable[[Any], Any]) -> Callable[[Iterable[Any]], Iterator[Any]]:
    """A function for ``DataFrame.mapInArrow`` that appends computed columns to every batch.

    Each keyword names a new column (appended in the order given, after the batch's own
    columns); its value is a function of the ``pyarrow.RecordBatch`` that returns an array of
    the batch's length (a pyarrow array, or anything ``pyarrow.array`` takes). The output schema
    given to ``mapInArrow`` must list the batch's columns and then these.

    >>> import datetime as dt, pyarrow as pa, slacal
    >>> add = with_columns(due=lambda b: slacal.add_business_days(b["d"], 1, "US"))
    >>> batch = pa.record_batch({"d": pa.array([dt.date(2026, 11, 25)])})
    >>> next(add([batch])).to_pylist()
    [{'d': datetime.date(2026, 11, 25), 'due': datetime.date(2026, 11, 27)}]
    """

    def apply(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            arrays = list(batch.columns)
            names = list(batch.schema.names)
            for name, compute in columns.items():
                array = compute(batch)
                if isinstance(array, pa.ChunkedArray):
                    array = array.combine_chunks()
                elif not isinstance(array, pa.Array):
                    array = pa.array(array)
                arrays.append(array)
                names.append(name)
            yield pa.RecordBatch.from_arrays(arrays, names=names)

    return apply


def schema_with(schema: Any, **columns: Any) -> Any:
    """A copy of a Spark ``StructType`` with columns appended: ``name=type``, where the type is
    a Spark data type or its name (``"date"``, ``"boolean"``, ``"int"``).

    The output schema that ``mapInArrow`` needs for :func:`with_columns`. (``StructType.add``
    changes the schema it is called on, and ``df.schema`` is the frame's own; hence a copy.)
    """
    from pyspark.sql.types import StructType

    out = StructType.fromJson(schema.jsonValue())
    for name, data_type in columns.items():
        out = out.add(name, data_type)
    return out


def evaluate_records(
    as_of: Any,
    policy: Any = None,
    *,
    rejects: bool = False,
    layout: Optional[str] = None,
    holidays_dir: Any = None,
    allow_estimates: Optional[bool] = None,
) -> Callable[[Any], Any]:
    """A function for ``groupBy(<record id>).applyInArrow``: evaluates the rows of one record
    (an event log's rows, or a wide export's row) with :func:`slacal.evaluate` and returns its
    outcome rows, in the columns of :data:`OUTCOME_DDL` (or, with ``rejects=True``, its rejected
    rows, in those of :data:`REJECT_DDL`).

    SLA clocks are independent per record, so grouping by the record id is all the distribution
    they need: the outcomes are those of ``slacal run`` on the whole export. The arguments are
    :func:`slacal.evaluate`'s; a policy given as a path must be readable on the executors (its
    TOML text always is). Spark keeps instants to the microsecond: a sub-microsecond fraction
    of an outcome's instant is cut off on the way into Spark (the evaluation used it). A
    reject's ``line`` and ``row`` are counted within the record's group, not the export; its
    ``record_id``, ``column``, ``value`` and ``reason`` are the CLI's. Rows whose record id is
    empty form a group of their own, rejected as the CLI rejects them.

    >>> import pyarrow as pa
    >>> record = pa.table({"record_id": ["offer-1"], "event": ["submitted"],
    ...                    "at": ["2026-11-20T09:15:00-08:00"]})
    >>> out = evaluate_records("2026-11-22T12:00:00Z")(record)
    >>> out.column_names[:3], out["status"].to_pylist()[:2]
    (['record_id', 'clock', 'attempt'], ['overdue', 'running'])
    """
    import slacal

    def apply(table: Any) -> Any:
        import pyarrow as pa
        import pyarrow.compute as pc

        result = slacal.evaluate(
            table, as_of, policy, layout=layout, holidays_dir=holidays_dir,
            allow_estimates=allow_estimates, threads=1,
        )
        if rejects:
            return result.rejects
        outcomes = result.outcomes
        columns = []
        for field, column in zip(outcomes.schema, outcomes.columns):
            if pa.types.is_timestamp(field.type):
                column = pc.cast(column, pa.timestamp("us", tz="UTC"), safe=False)
            columns.append(column)
        return pa.table(columns, names=outcomes.column_names)

    return apply
