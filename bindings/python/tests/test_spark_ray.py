"""The Spark and Ray helpers in local mode (Spark local[2])."""

from __future__ import annotations

import os
import sys
from collections import Counter, defaultdict

import pytest

import saywho

pa = pytest.importorskip("pyarrow")

DOCS = [
    {"id": "a", "text": "“We will never break,” John Legend wrote on Twitter. “I love you,” he added.",
     "outlet": "Daily", "date": "2024-01-05"},
    {"id": "b", "text": "“It will rain,” forecaster Ann Lee said. Ms. Lee added that roads would close.",
     "outlet": "Daily", "date": "2024-02-11"},
    {"id": "c", "text": "Nothing said here.", "outlet": "Weekly", "date": None},
    {"id": "d", "text": "“Not again,” Ann Lee said on Monday.", "outlet": None, "date": "2024-02-20"},
    {"id": "e", "text": None, "outlet": "Weekly", "date": None},
]


def expected_table():
    return saywho.extract_arrow(pa.Table.from_pylist(DOCS))


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark is not installed (scripts/test-python installs it)")
    import shutil
    import subprocess

    if not shutil.which("java"):
        pytest.skip("no java (scripts/test-python installs openjdk-17-jre-headless)")
    if subprocess.run(["java", "-version"], capture_output=True).returncode != 0:
        pytest.skip("java does not run")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # The Python workers must be this venv's Python, which has saywho and pyarrow.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("saywho-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


def sorted_rows(rows):
    return sorted(rows, key=repr)


def test_spark_quotes_equal_extract_arrow(spark):
    import saywho.spark

    df = spark.createDataFrame(DOCS, "id string, text string, outlet string, date string").repartition(2)
    quotes = saywho.spark.quotes(df)
    assert quotes.columns == list(saywho.COLUMNS)
    assert quotes.schema == saywho.spark.quote_struct()
    # A row's position ("row N") counts within its Spark partition, so it is left out.
    at = saywho.COLUMNS.index("error_position")
    got = sorted_rows(tuple(r)[:at] + tuple(r)[at + 1 :] for r in quotes.collect())
    expected = sorted_rows(tuple(r.values())[:at] + tuple(r.values())[at + 1 :] for r in expected_table().to_pylist())
    assert len(got) == expected_table().num_rows >= 5
    assert got == expected
    errors = [r for r in got if r[0] == "e"]
    assert [r[saywho.COLUMNS.index("error_kind")] for r in errors] == ["missing_text"]


def test_spark_quotes_without_ids_and_with_other_column_names(spark):
    import saywho.spark

    df = spark.createDataFrame([(d["text"],) for d in DOCS[:4]], "body string")
    quotes = saywho.spark.quotes(df, text_col="body")
    rows = quotes.select("doc_id", "speaker").collect()
    assert len(rows) == saywho.extract_arrow(pa.table({"text": [d["text"] for d in DOCS[:4]]})).num_rows >= 4
    assert len({r.doc_id for r in rows}) == 3
    with pytest.raises(ValueError):
        saywho.spark.quotes(df)


def reference_report(table, group_of):
    """The report's shares computed in plain Python from a quote table (the store's rules)."""
    rows = [r for r in table.to_pylist() if r["error_kind"] is None and r["speaker"] is not None]
    gender = lambda g: g if g in ("female", "male") else "unknown"
    votes = defaultdict(Counter)
    for doc, key, g in {(r["doc_id"], r["speaker_key"], gender(r["speaker_gender"])) for r in rows if r["speaker_key"]}:
        votes[key][g] += 1
    key_gender = {k: "female" if v["female"] > v["male"] else "male" if v["male"] > v["female"] else "unknown"
                  for k, v in votes.items()}
    out = defaultdict(lambda: dict.fromkeys(
        ["people_female", "people_male", "people_unknown", "quotes_female", "quotes_male", "quotes_unknown"], 0))
    for r in rows:
        out[group_of(r)]["quotes_" + gender(r["speaker_gender"])] += 1
    for group, key in {(group_of(r), r["speaker_key"]) for r in rows if r["speaker_key"]}:
        out[group]["people_" + key_gender[key]] += 1
    return {g: dict(v, quotes=v["quotes_female"] + v["quotes_male"] + v["quotes_unknown"]) for g, v in out.items()}


def test_spark_report_counts_people_and_quotes_by_gender(spark):
    import saywho.spark

    df = spark.createDataFrame(DOCS, "id string, text string, outlet string, date string")
    tables = saywho.spark.report(saywho.spark.quotes(df))
    expected = expected_table()

    def got(name):
        return {r["group"]: {k: v for k, v in r.asDict().items() if k != "group"} for r in tables[name].collect()}

    overall = got("overall")
    assert overall == reference_report(expected, lambda r: "")
    quotes = sum(1 for row in expected.to_pylist() if row["error_kind"] is None)
    assert quotes >= 4, "the documents hold at least four quotes"
    assert overall[""]["quotes"] == quotes and overall[""]["people_female"] + overall[""]["people_unknown"] >= 1
    assert got("by_outlet") == reference_report(expected, lambda r: r["outlet"] or "(none)")
    assert got("by_month") == reference_report(expected, lambda r: (r["date"] or "(no date)")[:7] if r["date"] else "(no date)")
    months = [r.group for r in tables["by_month"].collect()]
    assert months == sorted(months) and "(none)" in got("by_outlet")
    outlets = [r.asDict() for r in tables["by_outlet"].collect()]
    assert [o["quotes"] for o in outlets] == sorted((o["quotes"] for o in outlets), reverse=True)
    assert tables["by_outlet"].columns == tables["overall"].columns == tables["by_month"].columns


def test_spark_report_of_no_quotes(spark):
    import saywho.spark

    df = spark.createDataFrame([("x", "No quotes.")], "id string, text string")
    overall = saywho.spark.report(saywho.spark.quotes(df))["overall"].collect()
    assert [tuple(r) for r in overall] == [("", 0, 0, 0, 0, 0, 0, 0)]


@pytest.fixture(scope="module")
def ray_session():
    ray = pytest.importorskip("ray", reason="ray is not installed (scripts/test-python installs it)")
    pytest.importorskip("ray.data")
    ray.init(_node_ip_address="127.0.0.1", include_dashboard=False, num_cpus=2,
             log_to_driver=False, ignore_reinit_error=True)
    yield ray
    ray.shutdown()


def test_ray_quotes_equal_extract_arrow(ray_session):
    import ray.data

    import saywho.ray

    ds = ray.data.from_arrow(pa.Table.from_pylist(DOCS))
    out = saywho.ray.quotes(ds, batch_size=2)
    got = pa.Table.from_pandas(out.to_pandas(), preserve_index=False)
    expected = expected_table()
    assert got.column_names == list(saywho.COLUMNS)
    assert got.num_rows == expected.num_rows >= 5
    key = lambda t: sorted(zip(t["doc_id"].to_pylist(), t["quote"].to_pylist(), t["speaker"].to_pylist()),
                           key=lambda r: (r[0], r[1] or ""))
    assert key(got) == key(expected)
