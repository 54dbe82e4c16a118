"""Type stubs of the saywho package (the native module and its Python half)."""

from typing import Any, Iterable, Iterator, List, Literal, Optional, Tuple, TypedDict, Union

import pyarrow

__version__: str
#: The output schema's version, carried by every record as ``schema_version``.
SCHEMA_VERSION: str
#: The columns of quote tables, in order (the CLI's CSV and Parquet output).
COLUMNS: Tuple[str, ...]
#: The engine's default text limit, in UTF-8 bytes (5 MB).
DEFAULT_MAX_TEXT_BYTES: int
#: Metadata columns copied from an input table to its quote rows.
META_COLUMNS: Tuple[str, ...]

Text = Union[str, bytes]
Id = Union[str, int]
Errors = Literal["raise", "record"]

class Span(TypedDict):
    text: str
    start: int
    end: int

class Speaker(TypedDict):
    name: str
    entity: int
    mention: Optional[Span]

class Quote(TypedDict):
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect", "mixed"]
    group: int
    cue: Optional[Span]
    speaker: Optional[Speaker]
    channel: Optional[str]
    confidence: float

class Entity(TypedDict):
    id: int
    name: str
    key: Optional[str]
    type: Literal["person", "organization", "other"]
    gender: Literal["female", "male", "unknown"]
    gender_source: Literal["text", "name", "none"]
    mentions: List[Span]

class Record(TypedDict):
    schema_version: str
    id: str
    quotes: List[Quote]
    entities: List[Entity]

class ErrorBody(TypedDict):
    kind: str
    position: str
    message: str

class ErrorRecord(TypedDict):
    schema_version: str
    id: str
    error: ErrorBody

class SaywhoError(ValueError):
    """A document saywho could not process."""

    #: The error record's kind: ``too_large``, ``invalid_utf8``, ``html_extraction``,
    #: ``missing_text`` or ``panic``.
    kind: str
    #: The document's id.
    id: str
    #: Where it was in the input (the id, ``texts[N]`` or ``row N``).
    position: str
    #: The details, for a person.
    message: str

class QuoteBatch:
    """A record batch of quotes; ``pyarrow.record_batch(batch)`` reads it without copying."""

    def __len__(self) -> int: ...
    def __arrow_c_schema__(self) -> object: ...
    def __arrow_c_array__(self, requested_schema: Optional[object] = None) -> Tuple[object, object]: ...

class Engine:
    """The saywho engine; build once, reuse, share between threads."""

    def __init__(self, max_text_bytes: Optional[int] = None, scope: Literal["speech", "attributions"] = "speech") -> None: ...
    @property
    def max_text_bytes(self) -> int: ...
    @property
    def scope(self) -> Literal["speech", "attributions"]: ...
    def extract(self, text: Text, id: Optional[Id] = None) -> Record: ...
    def extract_json(self, text: Text, id: Optional[Id] = None) -> str: ...
    def extract_html(self, html: Text, id: Optional[Id] = None, url: Optional[str] = None) -> Record: ...
    def extract_many(
        self,
        texts: Iterable[Text],
        ids: Optional[Iterable[Id]] = None,
        threads: Optional[int] = None,
        errors: Errors = "raise",
        as_json: bool = False,
    ) -> List[Union[Record, ErrorRecord, str]]: ...
    def extract_arrow(
        self,
        data: Any,
        text_column: str = "text",
        id_column: str = "id",
        *,
        threads: Optional[int] = None,
        errors: Errors = "record",
    ) -> pyarrow.Table: ...
    def iter_arrow_batches(
        self,
        data: Any,
        text_column: str = "text",
        id_column: str = "id",
        *,
        threads: Optional[int] = None,
        errors: Errors = "record",
    ) -> Iterator[QuoteBatch]: ...

def default_engine() -> Engine: ...
def extract(text: Text, id: Optional[Id] = None) -> Record: ...
def extract_json(text: Text, id: Optional[Id] = None) -> str: ...
def extract_html(html: Text, id: Optional[Id] = None, url: Optional[str] = None) -> Record: ...
def extract_many(
    texts: Iterable[Text],
    ids: Optional[Iterable[Id]] = None,
    threads: Optional[int] = None,
    errors: Errors = "raise",
    as_json: bool = False,
) -> List[Union[Record, ErrorRecord, str]]: ...
def extract_arrow(
    data: Any,
    text_column: str = "text",
    id_column: str = "id",
    *,
    threads: Optional[int] = None,
    errors: Errors = "record",
) -> pyarrow.Table: ...
def quote_schema() -> pyarrow.Schema: ...
