"""extract_arrow: columns, types, row counts, metadata, errors and input kinds."""

from __future__ import annotations

import datetime

import pytest

import saywho

pa = pytest.importorskip("pyarrow")

TEXTS = [
    "“We will never break,” John Legend wrote on Twitter. “I love you,” he added.",
    "Nothing said here.",
    "Officials said the bridge would reopen in May.",
]


def table(**extra):
    columns = {"id": ["a", "b", "c"], "text": TEXTS}
    columns.update(extra)
    return pa.table(columns)


def test_columns_and_types_are_the_parquet_outputs():
    t = saywho.extract_arrow(table())
    assert t.column_names == list(saywho.COLUMNS)
    assert t.schema == saywho.quote_schema()
    types = {f.name: f.type for f in t.schema}
    assert types["group"] == types["start"] == types["end"] == pa.int64()
    assert types["confidence"] == pa.float32()
    assert all(types[c] == pa.string() for c in saywho.COLUMNS if c not in ("group", "start", "end", "confidence"))
    assert not t.schema.field("doc_id").nullable


def test_one_row_per_quote_matching_the_records():
    t = saywho.extract_arrow(table())
    records = saywho.extract_many(TEXTS, ids=["a", "b", "c"])
    assert t.num_rows == sum(len(r["quotes"]) for r in records) == 3
    assert t["doc_id"].to_pylist() == ["a", "a", "c"]
    quotes = [q for r in records for q in r["quotes"]]
    assert t["quote"].to_pylist() == [q["text"] for q in quotes]
    assert t["start"].to_pylist() == [q["start"] for q in quotes]
    assert t["speaker"].to_pylist() == ["John Legend", "John Legend", "Officials"]
    keys = [r["entities"][q["speaker"]["entity"]]["key"] for r in records for q in r["quotes"]]
    assert t["speaker_key"].to_pylist() == keys and keys[0] == "john-legend"
    assert t["channel"].to_pylist()[0] == "Twitter"
    assert t["error_kind"].null_count == t.num_rows


def test_metadata_columns_are_copied_and_others_dropped():
    t = saywho.extract_arrow(
        table(
            url=["https://e.org/a", None, "https://e.org/c"],
            title=["A", "B", ""],
            date=[datetime.date(2024, 1, 5), None, datetime.date(2024, 2, 1)],
            outlet=pa.array(["Daily", "Daily", "Weekly"]).dictionary_encode(),
            author=["x", "y", "z"],
        )
    )
    assert t["url"].to_pylist() == ["https://e.org/a"] * 2 + ["https://e.org/c"]
    assert t["title"].to_pylist() == ["A", "A", None], "empty strings are no metadata, as in the CLI"
    assert t["date"].to_pylist() == ["2024-01-05", "2024-01-05", "2024-02-01"]
    assert t["outlet"].to_pylist() == ["Daily", "Daily", "Weekly"]
    assert "author" not in t.column_names


def test_without_an_id_column_rows_are_numbered():
    t = saywho.extract_arrow(pa.table({"body": TEXTS}), text_column="body")
    assert t["doc_id"].to_pylist() == ["0", "0", "2"]
    batches = pa.table({"text": TEXTS * 2}).to_batches(max_chunksize=2)
    assert len(batches) == 3
    t = saywho.extract_arrow(batches)
    assert t["doc_id"].to_pylist() == ["0", "0", "2", "3", "3", "5"], "numbered across batches"


def test_integer_ids_are_cast_to_strings():
    t = saywho.extract_arrow(pa.table({"id": [10, 11, 12], "text": TEXTS}))
    assert t["doc_id"].to_pylist() == ["10", "10", "12"]


def test_input_kinds():
    expected = saywho.extract_arrow(table())
    tbl = table()
    assert saywho.extract_arrow(tbl.to_batches()[0]).equals(expected)
    assert saywho.extract_arrow(pa.RecordBatchReader.from_batches(tbl.schema, tbl.to_batches())).equals(expected)
    assert saywho.extract_arrow(iter(tbl.to_batches())).equals(expected)
    large = tbl.cast(pa.schema([("id", pa.large_string()), ("text", pa.large_string())]))
    assert saywho.extract_arrow(large).equals(expected)
    if hasattr(pa, "string_view"):
        view = tbl.cast(pa.schema([("id", pa.string_view()), ("text", pa.string_view())]))
        assert saywho.extract_arrow(view).equals(expected)
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["a", "b", "c"], "text": TEXTS})
    assert saywho.extract_arrow(frame).equals(expected)
    df = expected.to_pandas()
    assert list(df.columns) == list(saywho.COLUMNS) and len(df) == 3


def test_sliced_input_is_read_at_its_offset():
    t = saywho.extract_arrow(table().slice(1))
    assert t["doc_id"].to_pylist() == ["c"]


def test_empty_input_gives_an_empty_table_with_the_schema():
    t = saywho.extract_arrow(pa.table({"text": pa.array([], pa.string())}))
    assert t.num_rows == 0 and t.schema == saywho.quote_schema()
    assert saywho.extract_arrow([]).schema == saywho.quote_schema()


def test_bad_rows_become_error_rows_or_raise():
    engine = saywho.Engine(max_text_bytes=60)
    t = pa.table({"id": ["ok", "null", "big"], "text": ["“Yes,” Ann Lee said.", None, "x" * 61]})
    rows = engine.extract_arrow(t)
    assert rows["doc_id"].to_pylist() == ["ok", "null", "big"]
    assert rows["error_kind"].to_pylist() == [None, "missing_text", "too_large"]
    assert rows["error_position"].to_pylist() == [None, "row 1", "row 2"]
    assert rows["quote"].to_pylist() == ["Yes,", None, None]
    with pytest.raises(saywho.SaywhoError) as info:
        engine.extract_arrow(t, errors="raise")
    assert info.value.kind == "missing_text" and info.value.id == "null"


def test_bad_tables_raise():
    with pytest.raises(ValueError, match="no column 'text'"):
        saywho.extract_arrow(pa.table({"body": ["x"]}))
    with pytest.raises(TypeError):
        saywho.extract_arrow(pa.table({"text": [b"bytes"]}))
    with pytest.raises(TypeError):
        saywho.extract_arrow("not a table")
    with pytest.raises(TypeError):
        saywho.extract_arrow([1, 2])
    with pytest.raises(TypeError):
        saywho.default_engine()._extract_arrow_batch({"text": ["not arrow"]})
    with pytest.raises(TypeError):
        saywho.default_engine()._extract_arrow_batch({"text": pa.array([1, 2])})
    with pytest.raises(ValueError, match="rows"):
        saywho.default_engine()._extract_arrow_batch({"text": pa.array(["a", "b"]), "id": pa.array(["a"])})


def test_threads_give_the_same_table():
    t = pa.table({"text": TEXTS * 50})
    one = saywho.extract_arrow(t, threads=1)
    assert saywho.extract_arrow(t, threads=2).equals(one)
    assert saywho.extract_arrow(t).equals(one)
    assert one.num_rows == 150


def test_quote_batch_speaks_the_capsule_interface():
    batches = list(saywho.default_engine().iter_arrow_batches(table()))
    assert len(batches) == 1 and len(batches[0]) == 3
    rb = pa.record_batch(batches[0])
    assert rb.schema == saywho.quote_schema()
    assert pa.record_batch(batches[0]).equals(rb), "exported again on each call"
