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
