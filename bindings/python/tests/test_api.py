"""The Python API: records, engines, errors, extract_many and extract_html."""

from __future__ import annotations

import doctest
import json
import threading

import pytest

import saywho

LEGEND = "“We will never break,” John Legend wrote on Twitter. “I love you,” he added."


def test_extract_returns_the_record_with_its_schema_version():
    r = saywho.extract(LEGEND, id="a")
    assert list(r) == ["schema_version", "id", "quotes", "entities"]
    assert r["schema_version"] == saywho.SCHEMA_VERSION == "1.2"
    assert r["id"] == "a"
    q = r["quotes"][0]
    assert list(q) == ["text", "start", "end", "kind", "group", "cue", "speaker", "channel", "confidence"]
    assert (q["text"], q["kind"], q["channel"]) == ("We will never break,", "direct", "Twitter")
    assert LEGEND[q["start"] : q["end"]] == q["text"], "offsets are Python string indices"
    assert q["speaker"]["name"] == "John Legend"
    assert q["confidence"] == 0.9, "the float JSON gives, not the f32 widened"
    second = r["quotes"][1]
    assert second["speaker"]["mention"]["text"] == "he"
    e = r["entities"][0]
    assert list(e) == ["id", "name", "key", "type", "gender", "gender_source", "mentions"]
    assert (e["key"], e["type"]) == ("john-legend", "person")


def test_dict_equals_the_json_of_the_same_record():
    for text in [LEGEND, "Officials said the bridge would reopen.", "", "No quotes."]:
        assert saywho.extract(text, id="x") == json.loads(saywho.extract_json(text, id="x"))


def test_records_are_independent_plain_dicts():
    # The dicts share their key tables (convert.rs, shared_keys_template): changing one
    # record, even adding or removing keys, must leave every other one as it was.
    import pickle

    first, second = saywho.extract(LEGEND), saywho.extract(LEGEND)
    assert first == second and first is not second
    q = first["quotes"][0]
    assert type(q) is dict and type(q["cue"]) is dict and type(q["speaker"]) is dict
    q["extra"] = 1
    del q["channel"]
    q["cue"]["text"] = "changed"
    first["entities"][0]["mentions"][0].pop("start")
    assert list(q)[-1] == "extra" and "channel" not in q
    assert second == saywho.extract(LEGEND), "another record changed with the first"
    assert list(second["quotes"][0]) == list(saywho.extract(LEGEND)["quotes"][0])
    assert "channel" in second["quotes"][0]
    third = saywho.extract(LEGEND)
    assert "extra" not in third["quotes"][0] and third == second
    assert pickle.loads(pickle.dumps(first)) == first
    assert json.loads(json.dumps(second)) == second


def test_arena_cache_keeps_records_equal_in_reused_memory():
    # arena.rs: pymalloc's freed arenas are kept for the next records (Linux CPython), as
    # long as SAYWHO_ARENA_CACHE_MB does not turn it off; records made in reused memory are
    # the same records.
    import os
    import platform
    import subprocess
    import sys

    from saywho import _saywho

    if sys.platform == "linux" and platform.python_implementation() == "CPython":
        limit = os.environ.get("SAYWHO_ARENA_CACHE_MB", "256")
        assert _saywho._ARENA_CACHE_BYTES == int(limit) << 20
    texts = [LEGEND * 40] * 300
    expected = json.dumps(saywho.extract_many(texts))
    for _ in range(3):
        again = saywho.extract_many(texts, threads=2)
        assert json.dumps(again) == expected
        del again
    off = subprocess.run(
        [sys.executable, "-c", "import saywho._saywho as s; print(s._ARENA_CACHE_BYTES)"],
        env={**os.environ, "SAYWHO_ARENA_CACHE_MB": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert off.stdout.strip() == "0"


def test_default_and_integer_ids():
    assert saywho.extract("Hi.")["id"] == "doc"
    assert saywho.extract("Hi.", id=7)["id"] == "7"
    with pytest.raises(TypeError):
        saywho.extract("Hi.", id=1.5)


def test_engine_reuse_and_bytes_input():
    engine = saywho.Engine()
    assert engine.max_text_bytes == saywho.DEFAULT_MAX_TEXT_BYTES == 5_000_000
    assert engine.extract(LEGEND.encode(), id="b") == saywho.extract(LEGEND, id="b")
    assert isinstance(saywho.default_engine(), saywho.Engine)


@pytest.mark.parametrize("bad", [None, 5, 3.0, ["a"], {"text": "a"}, object()])
def test_wrong_types_raise_type_error(bad):
    with pytest.raises(TypeError):
        saywho.extract(bad)
    with pytest.raises(TypeError):
        saywho.extract_html(bad)


def test_bytes_that_are_not_utf8_raise_with_a_kind():
    with pytest.raises(saywho.SaywhoError) as info:
        saywho.extract(b"caf\xe9 \xff", id="latin")
    e = info.value
    assert (e.kind, e.id) == ("invalid_utf8", "latin")
    assert "UTF-8" in e.message and isinstance(e, ValueError)


def test_lone_surrogates_raise_invalid_utf8():
    with pytest.raises(saywho.SaywhoError) as info:
        saywho.extract("bad \ud800 text")
    assert info.value.kind == "invalid_utf8"


def test_text_over_the_limit_raises_too_large():
    with pytest.raises(saywho.SaywhoError) as info:
        saywho.Engine(max_text_bytes=10).extract("“Yes,” Ann Lee said.", id="t")
    assert info.value.kind == "too_large" and info.value.id == "t"
    huge = "a" * (saywho.DEFAULT_MAX_TEXT_BYTES + 1)
    with pytest.raises(saywho.SaywhoError) as info:
        saywho.extract(huge)
    assert info.value.kind == "too_large"
    assert "5000001 bytes" in str(info.value)


def test_scope_attributions_adds_stances_and_keeps_speech():
    text = "Senator Ann Lee called for a ban on assault weapons. She said the plan would fail."
    speech = saywho.Engine().extract(text)
    broad = saywho.Engine(scope="attributions")
    assert saywho.Engine().scope == "speech" and broad.scope == "attributions"
    assert [q["text"] for q in speech["quotes"]] == ["the plan would fail"]
    record = broad.extract(text)
    assert [q["text"] for q in record["quotes"]] == ["a ban on assault weapons", "the plan would fail"]
    assert record["quotes"][0]["cue"]["text"] == "called for"
    assert record["quotes"][0]["confidence"] == pytest.approx(0.45)
    with pytest.raises(ValueError, match="unknown scope"):
        saywho.Engine(scope="beliefs")


def test_negative_limit_is_rejected():
    with pytest.raises(OverflowError):
        saywho.Engine(max_text_bytes=-1)


def test_odd_texts_do_not_crash():
    for text in ["", " ", "\n\n", "“", "”“", "\u0000", "said said said", "🙂" * 1000, "“a" * 5000]:
        r = saywho.extract(text)
        assert r["schema_version"] == "1.2"


def test_extract_many_keeps_order_and_ids():
    texts = [f"“Number {i},” Ann Lee said." if i % 3 else "Nothing here." for i in range(200)]
    records = saywho.extract_many(texts)
    assert [r["id"] for r in records] == [str(i) for i in range(200)]
    assert [len(r["quotes"]) for r in records] == [1 if i % 3 else 0 for i in range(200)]
    assert records[5]["quotes"][0]["text"] == "Number 5,"
    ids = [f"d{i}" for i in range(200)]
    one = saywho.extract_many(texts, ids=ids, threads=1)
    for threads in (2, 3, None):
        assert saywho.extract_many(iter(texts), ids=iter(ids), threads=threads) == one
    assert one == [saywho.extract(t, id=i) for t, i in zip(texts, ids)]
    # More documents than the workers may run ahead of the conversion (1024).
    many = texts * 15
    assert saywho.extract_many(many, threads=3) == saywho.extract_many(many, threads=1)


def test_extract_many_as_json_gives_the_cli_lines():
    texts = [LEGEND, "Nothing.", b"\xff"]
    lines = saywho.extract_many(texts, ids=["a", "b", "c"], errors="record", as_json=True, threads=2)
    records = saywho.extract_many(texts, ids=["a", "b", "c"], errors="record")
    assert [json.loads(line) for line in lines] == records
    assert lines[0] == saywho.extract_json(LEGEND, id="a")
    with pytest.raises(saywho.SaywhoError):
        saywho.extract_many(texts, as_json=True)


def test_extract_many_arguments():
    assert saywho.extract_many([]) == []
    with pytest.raises(TypeError):
        saywho.extract_many("one text")
    with pytest.raises(TypeError):
        saywho.extract_many(["ok", None])
    with pytest.raises(TypeError):
        saywho.extract_many(5)
    with pytest.raises(ValueError):
        saywho.extract_many(["a", "b"], ids=["x"])
    with pytest.raises(ValueError):
        saywho.extract_many(["a"], threads=0)
    with pytest.raises(ValueError):
        saywho.extract_many(["a"], errors="ignore")


def test_extract_many_errors_raise_or_become_records():
    engine = saywho.Engine(max_text_bytes=100)
    texts = ["“Yes,” Ann Lee said.", "x" * 101, b"\xff", "“No,” Bob Ray said."]
    with pytest.raises(saywho.SaywhoError) as info:
        engine.extract_many(texts)
    assert (info.value.kind, info.value.id, info.value.position) == ("too_large", "1", "texts[1]")
    records = engine.extract_many(texts, errors="record")
    assert [r.get("error", {}).get("kind") for r in records] == [None, "too_large", "invalid_utf8", None]
    assert records[1] == {
        "schema_version": "1.2",
        "id": "1",
        "error": {"kind": "too_large", "position": "texts[1]", "message": records[1]["error"]["message"]},
    }
    assert records[3]["quotes"][0]["speaker"]["name"] == "Bob Ray"
    # On several threads too, the error raised is the first in input order, and the records
    # in its place are those of one thread.
    many = ["“Yes,” Ann Lee said."] * 300
    many[40], many[150] = b"\xff", "x" * 101
    for threads in (2, 3, None):
        with pytest.raises(saywho.SaywhoError) as info:
            engine.extract_many(many, threads=threads)
        assert (info.value.kind, info.value.id) == ("invalid_utf8", "40")
        assert engine.extract_many(many, errors="record", threads=threads) == engine.extract_many(
            many, errors="record", threads=1
        )


def test_extract_many_releases_the_gil():
    """Another Python thread runs while extract_many works."""
    texts = [LEGEND * 20] * 400
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    t = threading.Thread(target=tick)
    t.start()
    try:
        saywho.extract_many(texts, threads=1)
    finally:
        done.set()
        t.join()
    assert len(ticks) > 5


def test_engine_is_shared_between_python_threads():
    engine = saywho.Engine()
    expected = engine.extract(LEGEND)
    results = []

    def work():
        results.append(all(engine.extract(LEGEND) == expected for _ in range(50)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 4


PAGE = """<html><head><title>Rain due</title>
<meta property="og:site_name" content="Daily Example">
<link rel="canonical" href="https://example.org/rain"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Rain due</h1>
<p>"It will rain all week," forecaster Ann Lee said on Monday, warning drivers.</p>
<p>Officials said the roads would be gritted overnight and buses would run as usual.</p></article>
<footer>Copyright Daily Example</footer></body></html>"""


def test_extract_html_gives_text_and_metadata():
    r = saywho.extract_html(PAGE, id="rain")
    assert r["id"] == "rain"
    assert (r["title"], r["outlet"], r["url"]) == ("Rain due", "Daily Example", "https://example.org/rain")
    assert "Copyright" not in r["text"] and "Home" not in r["text"]
    q = r["quotes"][0]
    assert r["text"][q["start"] : q["end"]] == q["text"]
    assert q["speaker"]["name"] == "Ann Lee"
    assert list(r)[:4] == ["schema_version", "id", "quotes", "entities"] and list(r)[-1] == "text"
    assert saywho.extract_html(PAGE.encode(), id="rain") == r
    assert saywho.extract_html(PAGE, id="rain", url="https://w.org/x")["url"] == "https://w.org/x"


def test_extract_html_in_a_declared_charset():
    page = PAGE.replace("<head>", '<head><meta charset="iso-8859-1">').replace("Ann Lee", "Zoé Lee")
    r = saywho.extract_html(page.encode("latin-1"))
    assert r["quotes"][0]["speaker"]["name"] == "Zoé Lee"


def test_extract_html_without_an_article_raises():
    with pytest.raises(saywho.SaywhoError) as info:
        saywho.extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", id="menu")
    assert info.value.kind == "html_extraction"
    with pytest.raises(saywho.SaywhoError) as info:
        saywho.extract_html(b"<html>\xff\xfe</html>")
    assert info.value.kind == "invalid_utf8"


@pytest.mark.parametrize("module", ["saywho", "saywho.spark", "saywho.ray"])
def test_docstring_examples(module):
    if module != "saywho":
        pytest.importorskip("pyarrow")
    mod = __import__(module, fromlist=["_"])
    failures, _ = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_stubs_name_every_public_function():
    from pathlib import Path

    stub = (Path(saywho.__file__).parent / "__init__.pyi").read_text()
    for name in saywho.__all__ + ["default_engine"]:
        assert name in stub, name
    assert (Path(saywho.__file__).parent / "py.typed").exists()
