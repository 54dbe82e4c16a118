"""The bindings give exactly the CLI's records: on the seed article and on every GGT dev
document (JSON records), and extract_arrow gives the CLI's CSV rows."""

from __future__ import annotations

import csv
import io
import json

import pytest

import saywho
from conftest import run_cli, shared_file

META = ("url", "title", "author", "date", "outlet")


def test_seed_article_equals_the_cli(cli):
    path = shared_file("seed/article.txt")
    expected = json.loads(run_cli(cli, "extract", str(path)))
    got = saywho.extract(path.read_text(encoding="utf-8"), id=path.stem)
    assert got == expected
    assert saywho.extract_json(path.read_bytes(), id=path.stem) == json.dumps(
        expected, ensure_ascii=False, separators=(",", ":")
    )


def test_an_html_page_equals_the_cli(cli, tmp_path):
    # Every field of an HTML page's line, its date's source included, as `saywho extract`
    # writes it for the page's file.
    page = tmp_path / "rain.html"
    page.write_text(
        """<html><head><title>Rain due</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://example.org/rain"></head>
<body><article><h1>Rain due</h1>
<p>"It will rain all week," forecaster Ann Lee said on Monday, warning drivers.</p>
<p>Officials said the roads would be gritted overnight and buses would run as usual.</p>
</article></body></html>""",
        encoding="utf-8",
    )
    expected = json.loads(run_cli(cli, "extract", "--emit-text", str(page)))
    assert expected["date_source"] == "metadata"
    got = saywho.extract_html(page.read_bytes(), id="rain")
    assert got == expected
    assert list(got) == list(expected)


def ggt_dev():
    path = shared_file("data/ggt-eval/ggt_dev.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return path, lines


def test_every_ggt_dev_document_equals_the_cli(cli):
    path, docs = ggt_dev()
    expected = [json.loads(line) for line in run_cli(cli, "extract", str(path)).splitlines()]
    assert len(expected) == len(docs) > 0
    got = saywho.extract_many([d["text"] for d in docs], ids=[d["id"] for d in docs])
    for e, g in zip(expected, got):
        record = {k: v for k, v in e.items() if k not in META}
        assert g == record, e["id"]
    # One at a time too, and the same text as bytes.
    for d, e in zip(docs[:5], expected):
        assert saywho.extract(d["text"].encode(), id=d["id"]) == {k: v for k, v in e.items() if k not in META}
    assert sum(len(r["quotes"]) for r in got) > 100


def test_ggt_dev_as_arrow_equals_the_cli_csv(cli):
    pa = pytest.importorskip("pyarrow")
    path, docs = ggt_dev()
    rows = list(csv.DictReader(io.StringIO(run_cli(cli, "extract", str(path), "--output-format", "csv"))))
    table = pa.Table.from_pylist(docs)
    got = saywho.extract_arrow(table)
    assert got.column_names == list(saywho.COLUMNS) == list(rows[0].keys())
    assert got.num_rows == len(rows)

    def cell(v):
        if v is None:
            return ""
        if isinstance(v, float):
            return repr(round(v, 6))
        return str(v)

    for name in saywho.COLUMNS:
        values = got[name].to_pylist()
        expected = [r[name] for r in rows]
        if name == "confidence":
            assert [round(v, 6) for v in values] == [round(float(x), 6) for x in expected]
        else:
            assert [cell(v) for v in values] == expected, name
