"""The Spark recipes of python/README.md, on a real local Spark (`local[2]`).

Needs `java` on PATH. Without it the tests are skipped, unless SLACAL_REQUIRE_SPARK=1 (as in
CI), where a missing Java is a failure."""

import datetime as dt
import os
import shutil
import sys

import pytest

import slacal
from slacal.spark import schema_with, with_columns

D = dt.date

if shutil.which("java") is None:
    if os.environ.get("SLACAL_REQUIRE_SPARK") == "1":
        raise RuntimeError("SLACAL_REQUIRE_SPARK=1 but `java` is not on PATH (apt-get install default-jre-headless)")
    pytest.skip("Spark needs `java` on PATH", allow_module_level=True)

pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("slacal-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


OFFERS = [
    ("offer-1", D(2026, 11, 20), 15),
    ("offer-2", D(2026, 11, 25), 1),
    ("offer-3", None, 3),
    ("offer-4", D(2026, 12, 24), None),
    ("offer-5", D(2026, 11, 8), 1),
]


def test_map_in_arrow_adds_date_columns(spark):
    df = spark.createDataFrame(OFFERS, "offer_id string, submitted date, days int").repartition(2)
    us = slacal.Calendar("US")
    add = with_columns(
        due=lambda batch: slacal.add_business_days(batch["submitted"], batch["days"], us),
        business_day=lambda batch: slacal.is_business_day(batch["submitted"], us),
    )
    out = df.mapInArrow(add, schema_with(df.schema, due="date", business_day="boolean"))
    rows = {r["offer_id"]: (r["due"], r["business_day"]) for r in out.collect()}
    assert rows == {
        "offer-1": (D(2026, 12, 14), True),
        "offer-2": (D(2026, 11, 27), True),
        "offer-3": (None, None),
        "offer-4": (None, True),
        "offer-5": (D(2026, 11, 9), False),
    }


def test_map_in_arrow_raises_the_engine_error(spark):
    df = spark.createDataFrame([("offer-9", D(1950, 1, 2), 1)], "offer_id string, submitted date, days int")
    add = with_columns(due=lambda batch: slacal.add_business_days(batch["submitted"], batch["days"], "US"))
    with pytest.raises(Exception, match="before the years covered by calendar `US`"):
        df.mapInArrow(add, schema_with(df.schema, due="date")).collect()


def test_apply_in_arrow_per_record(spark):
    import pyarrow as pa
    import pyarrow.compute as pc

    events = [
        ("offer-1", "submitted", D(2026, 11, 20)),
        ("offer-1", "certification_passed", D(2026, 12, 3)),
        ("offer-2", "submitted", D(2026, 12, 23)),
        ("offer-2", "live", D(2027, 1, 4)),
        ("offer-2", "go_live", D(2026, 12, 31)),
    ]
    df = spark.createDataFrame(events, "record_id string, event string, on date").repartition(3)
    us = slacal.Calendar("US")

    def span(table):
        first, last = pc.min(table["on"]).as_py(), pc.max(table["on"]).as_py()
        return pa.table(
            {
                "record_id": table["record_id"][:1],
                "business_days": pa.array([slacal.business_days_between(first, last, us)], pa.int32()),
            }
        )

    out = df.groupBy("record_id").applyInArrow(span, "record_id string, business_days int")
    assert {r["record_id"]: r["business_days"] for r in out.collect()} == {"offer-1": 8, "offer-2": 6}


def _strings(spark, path):
    """An export read by Spark with every column as text (as the CLI reads it)."""
    return spark.read.option("header", True).option("inferSchema", False).csv(str(path))


def _key(row):
    """A row as text; instants as naive UTC (Spark's session zone is UTC)."""

    def text(value):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return "" if value is None else str(value)

    return tuple(text(v) for v in row)


def test_apply_in_arrow_evaluates_the_event_log_as_evaluate_does(spark):
    # issue 13: per record on Spark, the outcomes and rejects of the whole export.
    import pathlib

    import pyarrow.csv as pacsv

    from slacal.spark import OUTCOME_DDL, REJECT_DDL, evaluate_records

    path = pathlib.Path(__file__).resolve().parents[2] / "examples" / "offers.csv"
    as_of = "2026-11-22T12:00:00Z"
    log = _strings(spark, path).repartition(2)
    outcomes = log.groupBy("record_id").applyInArrow(evaluate_records(as_of), OUTCOME_DDL)
    rejects = log.groupBy("record_id").applyInArrow(evaluate_records(as_of, rejects=True), REJECT_DDL)

    import pyarrow as pa

    header = path.read_text().splitlines()[0].split(",")
    table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
        column_types={name: pa.string() for name in header}, strings_can_be_null=True))
    expected = slacal.evaluate(table, as_of)
    got = sorted(_key(r) for r in outcomes.collect())
    want = sorted(_key(r.values()) for r in expected.outcomes.to_pylist())
    assert len(got) == len(want) > 100
    assert got == want
    columns = ["record_id", "column", "value", "reason"]
    got = sorted(_key(r) for r in rejects.select(*columns).collect())
    want = sorted(_key(r[c] for c in columns) for r in expected.rejects.to_pylist())
    assert len(got) == len(want) > 0
    # A record on several calendars names its lines, which Spark counts within the record.
    same = [(g, w) for g, w in zip(got, want) if not w[3].startswith("lines ")]
    assert all(g == w for g, w in same) and len(same) > 0


def test_apply_in_arrow_on_a_wide_export(spark):
    import pathlib

    from slacal.spark import OUTCOME_DDL, evaluate_records

    path = pathlib.Path(__file__).resolve().parents[2] / "examples" / "offers_wide.csv"
    as_of = "2026-11-22T12:00:00Z"
    wide = _strings(spark, path)
    out = wide.groupBy("offer_id").applyInArrow(evaluate_records(as_of), OUTCOME_DDL)
    import pyarrow.csv as pacsv

    expected = slacal.evaluate(pacsv.read_csv(path), as_of).outcomes.to_pylist()
    assert sorted(_key(r) for r in out.collect()) == sorted(_key(r.values()) for r in expected)
