"""saywho: who said what in news text.

Every quotation of an article (direct, indirect and mixed) with its offsets, the cue
("said", "wrote on Twitter"), the speaker resolved to the person or organisation the article
names, the channel and the speaker's gender as the article shows it. The engine is the Rust
code of the ``saywho`` command line; ``extract`` returns exactly the record of its JSON
output, as a dict.

>>> import saywho
>>> record = saywho.extract("“We will never break,” John Legend wrote on Twitter.", id="a")
>>> quote = record["quotes"][0]
>>> quote["text"], quote["speaker"]["name"], quote["cue"]["text"], quote["channel"]
('We will never break,', 'John Legend', 'wrote', 'Twitter')
>>> record["entities"][0]["key"], record["entities"][0]["gender"], record["entities"][0]["gender_source"]
('john-legend', 'male', 'name')

Many documents at once, in parallel on all cores, with the GIL released:

>>> [len(r["quotes"]) for r in saywho.extract_many(["“Yes,” Ann Lee said.", "No quotes."])]
[1, 0]

A table of quotes (one row per quote, the columns of the CLI's CSV and Parquet output) from
a pyarrow table or pandas data frame with a ``text`` column: ``saywho.extract_arrow(table)``.
Spark and Ray: ``saywho.spark.quotes(df)``, ``saywho.ray.quotes(dataset)``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence, Union

from ._saywho import (
    COLUMNS,
    DEFAULT_MAX_TEXT_BYTES,
    SCHEMA_VERSION,
    QuoteBatch,
    SaywhoError,
    __version__,
)
from ._saywho import _COLUMN_TYPES
from ._saywho import Engine as _NativeEngine

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

__all__ = [
    "COLUMNS",
    "DEFAULT_MAX_TEXT_BYTES",
    "SCHEMA_VERSION",
    "Engine",
    "QuoteBatch",
    "SaywhoError",
    "__version__",
    "extract",
    "extract_arrow",
    "extract_html",
    "extract_json",
    "extract_many",
    "quote_schema",
]

Text = Union[str, bytes]

#: Metadata columns copied from an input table to the quote rows, when present.
META_COLUMNS = ("url", "title", "date", "outlet")


class Engine(_NativeEngine):
    """The saywho engine: compiled lexicons and a text limit. Build it once and reuse it; it
    is safe to share between threads.

    ``Engine(max_text_bytes=None)``: texts longer than ``max_text_bytes`` UTF-8 bytes (default
    5 MB, as the CLI's ``--max-doc-bytes``) raise ``SaywhoError`` with ``kind == "too_large"``.

    >>> engine = Engine()
    >>> engine.extract("“Yes,” Ann Lee said.")["quotes"][0]["speaker"]["name"]
    'Ann Lee'
    >>> Engine(max_text_bytes=10).extract("“Yes,” Ann Lee said.")
    Traceback (most recent call last):
      ...
    saywho.SaywhoError: too_large: the text is 24 bytes, over the limit of 10 (document "doc")
    """

    def extract_arrow(
        self,
        data: Any,
        text_column: str = "text",
        id_column: str = "id",
        *,
        threads: Optional[int] = None,
        errors: str = "record",
    ) -> "pyarrow.Table":
        """The quotes of a table's texts as a ``pyarrow.Table``, one row per quote.

        ``data`` is a ``pyarrow.Table``, ``RecordBatch``, ``RecordBatchReader``, an iterable of
        record batches, a pandas ``DataFrame``, or any object with ``__arrow_c_stream__``. Its
        ``text_column`` holds the texts; ``id_column``, when present, the document ids (else a
        row's index in ``data``: "0", "1", …), and the columns ``url``, ``title``, ``date`` and
        ``outlet``, when present, are copied to each quote of the row. Columns that are not
        strings are cast to strings (a date column gives ``YYYY-MM-DD``).

        The result has the columns of ``saywho.COLUMNS`` (the CLI's CSV and Parquet output),
        typed as there: strings, ``group``/``start``/``end`` int64, ``confidence`` float32. A
        row whose text is null, over the engine's limit or failed is an error row (the
        ``error_*`` columns set, the quote columns null) with ``errors="record"`` (the
        default); ``errors="raise"`` raises ``SaywhoError`` instead. ``threads``: as in
        ``extract_many`` (default all cores). ``.to_pandas()`` gives a pandas data frame.

        >>> import pyarrow as pa
        >>> table = pa.table({"id": ["a", "b"], "text": ["“Yes,” Ann Lee said.", "Nothing."],
        ...                   "outlet": ["Daily Example", None]})
        >>> quotes = Engine().extract_arrow(table)
        >>> quotes.num_rows, quotes["doc_id"][0].as_py(), quotes["speaker"][0].as_py()
        (1, 'a', 'Ann Lee')
        >>> quotes["outlet"][0].as_py(), quotes.schema.field("confidence").type
        ('Daily Example', DataType(float))
        """
        import pyarrow as pa

        batches = [
            pa.record_batch(b)
            for b in self.iter_arrow_batches(
                data, text_column, id_column, threads=threads, errors=errors
            )
        ]
        return pa.Table.from_batches(batches, schema=quote_schema())

    def iter_arrow_batches(
        self,
        data: Any,
        text_column: str = "text",
        id_column: str = "id",
        *,
        threads: Optional[int] = None,
        errors: str = "record",
    ) -> Iterator[QuoteBatch]:
        """``extract_arrow`` one input batch at a time, lazily: yields a ``QuoteBatch`` per
        input batch, which ``pyarrow.record_batch(b)`` turns into a ``pyarrow.RecordBatch``
        without copying. For inputs too large to hold their quotes in memory at once."""
        first_row = 0
        for batch in _record_batches(data):
            columns = _input_columns(batch, text_column, id_column)
            yield self._extract_arrow_batch(
                columns, first_row=first_row, threads=threads, errors=errors
            )
            first_row += batch.num_rows


_default_engine: Optional[Engine] = None
_default_lock = threading.Lock()


def default_engine() -> Engine:
    """The engine the module-level functions share, built on first use (once per process)."""
    global _default_engine
    if _default_engine is None:
        with _default_lock:
            if _default_engine is None:
                _default_engine = Engine()
    return _default_engine


def extract(text: Text, id: Optional[Union[str, int]] = None) -> dict:
    """The record of one text, exactly the JSON object ``saywho extract`` writes for it, as a
    dict: ``schema_version``, ``id`` (default ``"doc"``), ``quotes`` and ``entities``.

    ``text`` is ``str`` or UTF-8 ``bytes``. Raises ``SaywhoError`` (``.kind``:
    ``invalid_utf8``, ``too_large``, ``panic``) when the text cannot be processed and
    ``TypeError`` for other types.

    >>> r = extract("Officials said the bridge would reopen in May.", id="x")
    >>> r["quotes"][0]["kind"], r["quotes"][0]["text"], r["quotes"][0]["speaker"]["name"]
    ('indirect', 'the bridge would reopen in May', 'Officials')
    """
    return default_engine().extract(text, id)


def extract_json(text: Text, id: Optional[Union[str, int]] = None) -> str:
    """The record of one text as a JSON string: the very line ``saywho extract`` writes.

    >>> extract_json("No quotes here.", id="n")
    '{"schema_version":"1.2","id":"n","quotes":[],"entities":[]}'
    """
    return default_engine().extract_json(text, id)


def extract_html(
    html: Text, id: Optional[Union[str, int]] = None, url: Optional[str] = None
) -> dict:
    """The record of an HTML page, as the CLI gives for an ``.html`` file: the article's main
    text is extracted (menus, ads, related links and comments left out), and the record adds
    the page's ``url``, ``title``, ``author``, ``date`` (``YYYY-MM-DD``) and ``outlet`` when
    found, and the ``text`` its offsets refer to. ``url``, when given, wins over the page's.
    A page without an article raises ``SaywhoError`` with ``kind == "html_extraction"``.

    >>> page = ('<html><head><title>Rain due</title></head><body><article>'
    ...         '<p>"It will rain all week," forecaster Ann Lee said on Monday.</p>'
    ...         '</article></body></html>')
    >>> r = extract_html(page, id="p", url="https://example.org/rain")
    >>> r["title"], r["url"], r["quotes"][0]["speaker"]["name"]
    ('Rain due', 'https://example.org/rain', 'Ann Lee')
    """
    return default_engine().extract_html(html, id, url)


def extract_many(
    texts: Iterable[Text],
    ids: Optional[Iterable[Union[str, int]]] = None,
    threads: Optional[int] = None,
    errors: str = "raise",
    as_json: bool = False,
) -> list:
    """The records of many texts, in input order, extracted in parallel (``threads``, default
    all cores) with the GIL released.

    ``ids`` defaults to each text's index ("0", "1", …). With ``errors="raise"`` (the
    default) the first text that cannot be processed raises ``SaywhoError``; with
    ``errors="record"`` it becomes the CLI's error record in its place:
    ``{"schema_version", "id", "error": {"kind", "position", "message"}}``.

    With ``as_json=True`` each item is the record's JSON line (``extract_json``'s string),
    made on the worker threads: the fastest way to many records when they are written out or
    parsed later, since building dicts is most of the work left under the GIL.

    >>> rs = extract_many(["“Yes,” Ann Lee said.", b"\\xff"], ids=["a", "b"], errors="record")
    >>> rs[0]["quotes"][0]["speaker"]["name"], rs[1]["error"]["kind"]
    ('Ann Lee', 'invalid_utf8')
    >>> extract_many(["No quotes."], as_json=True)
    ['{"schema_version":"1.2","id":"0","quotes":[],"entities":[]}']
    """
    return default_engine().extract_many(texts, ids, threads, errors, as_json)


def extract_arrow(
    data: Any,
    text_column: str = "text",
    id_column: str = "id",
    *,
    threads: Optional[int] = None,
    errors: str = "record",
) -> "pyarrow.Table":
    """The quotes of a table's texts as a ``pyarrow.Table``, one row per quote, with the
    columns of the CLI's CSV and Parquet output (see ``Engine.extract_arrow``).

    >>> import pyarrow as pa
    >>> t = extract_arrow(pa.table({"text": ["“Yes,” Ann Lee said.", "“No,” he said."]}))
    >>> t.column_names == list(COLUMNS), t.num_rows, t["doc_id"].to_pylist()
    (True, 2, ['0', '1'])
    """
    return default_engine().extract_arrow(
        data, text_column, id_column, threads=threads, errors=errors
    )


def quote_schema() -> "pyarrow.Schema":
    """The ``pyarrow.Schema`` of quote tables: ``COLUMNS`` with the Parquet output's types
    (strings, ``group``/``start``/``end`` int64, ``confidence`` float32; only ``doc_id`` is
    not nullable)."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float32": pa.float32()}
    return pa.schema(
        [pa.field(name, types[kind], nullable=nullable) for name, kind, nullable in _COLUMN_TYPES]
    )


def _record_batches(data: Any) -> Iterator["pyarrow.RecordBatch"]:
    """The record batches of any table-like input."""
    import pyarrow as pa

    if isinstance(data, pa.RecordBatch):
        yield data
    elif isinstance(data, pa.Table):
        yield from data.to_batches()
    elif isinstance(data, pa.RecordBatchReader):
        yield from data
    elif _is_pandas(data):
        yield from pa.Table.from_pandas(data, preserve_index=False).to_batches()
    elif hasattr(data, "__arrow_c_stream__"):
        yield from pa.RecordBatchReader.from_stream(data)
    elif isinstance(data, (str, bytes, dict)) or not hasattr(data, "__iter__"):
        raise TypeError(
            "extract_arrow takes a pyarrow Table, RecordBatch, RecordBatchReader, an iterable "
            f"of record batches or a pandas DataFrame, not {type(data).__name__}"
        )
    else:
        for batch in data:
            if isinstance(batch, pa.Table):
                yield from batch.to_batches()
            elif isinstance(batch, pa.RecordBatch):
                yield batch
            else:
                raise TypeError(
                    f"expected pyarrow record batches, got {type(batch).__name__}"
                )


def _is_pandas(data: Any) -> bool:
    module = type(data).__module__
    return module.startswith("pandas") and type(data).__name__ == "DataFrame"


def _input_columns(
    batch: "pyarrow.RecordBatch", text_column: str, id_column: str
) -> dict:
    """The columns the engine reads, as Arrow string arrays (others are cast to strings)."""
    import pyarrow as pa

    names = batch.schema.names
    if text_column not in names:
        raise ValueError(
            f"no column {text_column!r} among {names} (set text_column=...)"
        )
    wanted = {"text": text_column, "id": id_column}
    wanted.update({m: m for m in META_COLUMNS})
    columns = {}
    for key, name in wanted.items():
        if name not in names:
            continue
        array = batch.column(names.index(name))
        if isinstance(array, pa.ChunkedArray):  # pragma: no cover (batches hold arrays)
            array = array.combine_chunks()
        if pa.types.is_dictionary(array.type):
            array = array.dictionary_decode()
        if not (
            pa.types.is_string(array.type)
            or pa.types.is_large_string(array.type)
            or getattr(pa.types, "is_string_view", lambda _t: False)(array.type)
        ):
            if key == "text" and (
                pa.types.is_binary(array.type) or pa.types.is_large_binary(array.type)
            ):
                raise TypeError(
                    f"column {name!r} holds bytes; decode it to strings first"
                )
            array = array.cast(pa.string())
        columns[key] = array
    return columns
