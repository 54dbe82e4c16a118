//! `saywho._saywho`: the native half of the `saywho` Python package (PyO3, abi3 for CPython
//! ≥ 3.9). The pure-Python half (`python/saywho/`) adds module-level functions, Arrow tables,
//! and the Spark and Ray helpers on top of it.
//!
//! Every call that runs the engine releases the GIL (`py.detach`); `extract_many` and the
//! Arrow batches extract documents in parallel and keep their order. Bad
//! input raises: a wrong type is a `TypeError`, a document the engine cannot take (text over
//! the limit, bytes that are not UTF-8, a page without an article, a null text) a
//! `SaywhoError` whose `kind` is the error record's kind (`too_large`, `invalid_utf8`, …).

#![warn(missing_docs)]

mod arena;
mod arrow;
mod convert;
mod parallel;
mod pyobj;

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use saywho::ExtractError;
use saywho_record::{quote_rows, ColumnType, DocError, ErrorKind, Meta, Output, QuoteRow, Record, RecordOf};
use std::borrow::Cow;

/// The engine's allocations (not Python's objects) go to mimalloc, as in the `saywho` binary:
/// fewer instructions per allocation than glibc's malloc, and per-thread heaps for the pool.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

create_exception!(
    saywho,
    SaywhoError,
    PyValueError,
    "A document saywho could not process. `kind` is the error record's kind (`too_large`, \
     `invalid_utf8`, `html_extraction`, `missing_text`, `panic`), `id` the document's id, \
     `position` where it was in the input, `message` the details."
);

/// The id of a document given without one.
const DEFAULT_ID: &str = "doc";

/// What to do with a document that cannot be processed, in calls over many documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnError {
    /// Raise a `SaywhoError` for the first one (in input order).
    Raise,
    /// Put an error record (or error row) in its place, as the CLI does.
    Record,
}

impl OnError {
    fn parse(s: &str) -> PyResult<OnError> {
        match s {
            "raise" => Ok(OnError::Raise),
            "record" => Ok(OnError::Record),
            _ => Err(PyValueError::new_err(format!(
                "errors must be \"raise\" or \"record\", not {s:?}"
            ))),
        }
    }
}

/// The Python exception for a document error.
fn doc_error(py: Python<'_>, e: &DocError) -> PyErr {
    let err = SaywhoError::new_err(format!("{}: {} (document {:?})", e.kind, e.message, e.id));
    let value = err.value(py);
    let attributes = [
        ("kind", e.kind.as_str()),
        ("id", e.id.as_str()),
        ("position", e.position.as_str()),
        ("message", e.message.as_str()),
    ];
    for (name, v) in attributes {
        if let Err(e) = value.setattr(name, v) {
            return e;
        }
    }
    err
}

/// One of `extract_many`'s inputs: its id, its position ("texts[3]") and its text, or why it
/// could not be read.
type Input<'t> = (String, String, Result<Cow<'t, str>, DocError>);

/// The record of one of `extract_many`'s inputs, its quotes' words and spans borrowed from
/// the text: records converted and dropped at once would allocate and free a `String` for
/// each of them for nothing (0.6% of `extract_many`'s instructions on BBC, callgrind).
fn extract_input<'a>(
    engine: &saywho::Engine,
    (id, position, text): &'a Input<'_>,
) -> Result<RecordOf<Cow<'a, str>>, DocError> {
    match text {
        Ok(text) => engine
            .analyze(text)
            .map(|doc| doc.to_record_borrowed(id))
            .map_err(|e| extract_error(id, position, e)),
        Err(e) => Err(e.clone()),
    }
}

/// An engine error as a document error, with the kinds of the CLI's error records.
fn extract_error(id: &str, position: &str, e: ExtractError) -> DocError {
    let kind = match e {
        ExtractError::TooLarge { .. } => ErrorKind::TooLarge,
        ExtractError::Panic(_) => ErrorKind::Panic,
    };
    DocError::new(id, position, kind, e.to_string())
}

/// The text of a `str` or UTF-8 `bytes` argument: a `TypeError` (outer error) for another
/// type, an `invalid_utf8` document error (inner) for bytes that are not UTF-8 or a string
/// with lone surrogates.
fn read_text<'a>(obj: &'a Bound<'_, PyAny>, id: &str, position: &str) -> PyResult<Result<Cow<'a, str>, DocError>> {
    let invalid = |message: String| DocError::new(id, position, ErrorKind::InvalidUtf8, message);
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(pyobj::utf8(s).map_err(|e| invalid(format!("not valid Unicode text: {e}"))));
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(std::str::from_utf8(b.as_bytes())
            .map(Cow::Borrowed)
            .map_err(|e| invalid(format!("not UTF-8 text: {e}"))));
    }
    Err(PyTypeError::new_err(format!(
        "the text must be str or bytes, not {}",
        type_name(obj)
    )))
}

/// A document id: a `str`, or an `int` written in decimal; `None` gives `default`.
fn read_id(obj: Option<&Bound<'_, PyAny>>, default: impl FnOnce() -> String) -> PyResult<String> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(default());
    };
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(pyobj::utf8(s)?.into_owned());
    }
    if let Ok(n) = obj.extract::<i128>() {
        if !obj.is_instance_of::<pyo3::types::PyBool>() {
            return Ok(n.to_string());
        }
    }
    Err(PyTypeError::new_err(format!(
        "an id must be str or int, not {}",
        type_name(obj)
    )))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| "an unknown type".to_string(), |n| n.to_string())
}

/// The saywho engine: compiled lexicons and a text limit. Build it once and reuse it; it is
/// safe to share between threads.
///
/// >>> import saywho
/// >>> engine = saywho.Engine()
/// >>> record = engine.extract("“We will never break,” John Legend wrote on Twitter.")
/// >>> record["quotes"][0]["speaker"]["name"], record["quotes"][0]["channel"]
/// ('John Legend', 'Twitter')
#[pyclass(frozen, subclass, module = "saywho")]
struct Engine {
    inner: saywho::Engine,
}

#[pymethods]
impl Engine {
    /// A new engine. `max_text_bytes` is the longest text it takes, in UTF-8 bytes (default
    /// 5 MB, as the CLI's `--max-doc-bytes`); longer texts raise `SaywhoError(kind="too_large")`.
    /// `scope` is what counts as a quotation, as the CLI's `--scope`: `"speech"` (the default,
    /// what people said or wrote) or `"attributions"` (also stances and claims with a noun
    /// phrase or an infinitive as content, "called for a ban"); another value raises
    /// `ValueError`.
    #[new]
    #[pyo3(signature = (max_text_bytes=None, scope="speech"))]
    fn new(max_text_bytes: Option<usize>, scope: &str) -> PyResult<Engine> {
        let scope: saywho::Scope = scope.parse().map_err(pyo3::exceptions::PyValueError::new_err)?;
        let engine = saywho::Engine::new().with_scope(scope);
        let inner = match max_text_bytes {
            Some(limit) => engine.with_max_text_bytes(limit),
            None => engine,
        };
        Ok(Engine { inner })
    }

    /// What counts as a quotation: `"speech"` or `"attributions"`.
    #[getter]
    fn scope(&self) -> &'static str {
        self.inner.scope().as_str()
    }

    /// The longest text the engine takes, in UTF-8 bytes.
    #[getter]
    fn max_text_bytes(&self) -> usize {
        self.inner.max_text_bytes()
    }

    /// The record of one text: the dict of `saywho extract`'s JSON line (`schema_version`,
    /// `id`, `quotes`, `entities`). `text` is `str` or UTF-8 `bytes`; `id` defaults to "doc".
    #[pyo3(signature = (text, id=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let record = self.extract_one(py, text, id)?;
        convert::record(py, &record)
    }

    /// The same record as a JSON string, exactly the line `saywho extract` writes.
    #[pyo3(signature = (text, id=None))]
    fn extract_json<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<String> {
        let record = self.extract_one(py, text, id)?;
        serde_json::to_string(&record).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The record of an HTML page: its main text (menus, ads and comments left out) is
    /// extracted as the CLI does for an `.html` file, and the record carries the page's
    /// metadata (`url`, `title`, `author`, `date`, `outlet`, when found) and the `text` the
    /// offsets refer to. `html` is `str`, or `bytes` in UTF-8 or the charset its
    /// `<meta charset>` declares; `url`, when given, wins over the page's own.
    #[pyo3(signature = (html, id=None, url=None))]
    fn extract_html<'py>(
        &self,
        py: Python<'py>,
        html: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
        url: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let id = read_id(id, || DEFAULT_ID.to_string())?;
        let position = id.clone();
        let bytes: Cow<'_, [u8]> = if let Ok(s) = html.cast::<PyString>() {
            match pyobj::utf8(s) {
                Ok(Cow::Borrowed(s)) => Cow::Borrowed(s.as_bytes()),
                Ok(Cow::Owned(s)) => Cow::Owned(s.into_bytes()),
                Err(e) => {
                    let e = DocError::new(
                        &id,
                        &position,
                        ErrorKind::InvalidUtf8,
                        format!("not valid Unicode: {e}"),
                    );
                    return Err(doc_error(py, &e));
                }
            }
        } else if let Ok(b) = html.cast::<PyBytes>() {
            Cow::Borrowed(b.as_bytes())
        } else {
            return Err(PyTypeError::new_err(format!(
                "the page must be str or bytes, not {}",
                type_name(html)
            )));
        };
        let known = Meta {
            url: url.filter(|u| !u.is_empty()),
            ..Meta::default()
        };
        let engine = &self.inner;
        let result = py.detach(|| {
            let article = saywho_io::extract_article(&bytes, None, known, &position, &id)?;
            let record = engine
                .extract(&id, &article.text)
                .map_err(|e| extract_error(&id, &position, e))?;
            Ok::<_, DocError>(Output {
                record,
                meta: article.meta,
                text: Some(article.text),
            })
        });
        match result {
            Ok(out) => convert::output(py, &out),
            Err(e) => Err(doc_error(py, &e)),
        }
    }

    /// The records of many texts, in order, extracted in parallel with the GIL released.
    ///
    /// `texts` is any iterable of `str` or UTF-8 `bytes`; `ids` an iterable of the same
    /// length (default: each text's index, "0", "1", …); `threads` the number of threads
    /// (default: all cores). With `errors="raise"` (the default) the first document that
    /// cannot be processed raises `SaywhoError`; with `errors="record"` it becomes an error
    /// record `{"schema_version", "id", "error": {"kind", "position", "message"}}` in its place.
    /// With `as_json=True` each item is the JSON line instead (`extract_json`'s string),
    /// serialised on the worker threads: several times less work under the GIL than dicts.
    #[pyo3(signature = (texts, ids=None, threads=None, errors="raise", as_json=false))]
    fn extract_many<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
        errors: &str,
        as_json: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let on_error = OnError::parse(errors)?;
        if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
            return Err(PyTypeError::new_err(
                "texts must be an iterable of texts, not one text (use extract for one)",
            ));
        }
        let objects: Vec<Bound<'py, PyAny>> = texts.try_iter()?.collect::<PyResult<_>>()?;
        let ids: Vec<String> = match ids.filter(|o| !o.is_none()) {
            Some(ids) => {
                let ids = ids
                    .try_iter()?
                    .enumerate()
                    .map(|(i, id)| read_id(Some(&id?), || i.to_string()))
                    .collect::<PyResult<Vec<_>>>()?;
                if ids.len() != objects.len() {
                    return Err(PyValueError::new_err(format!(
                        "{} ids for {} texts",
                        ids.len(),
                        objects.len()
                    )));
                }
                ids
            }
            None => (0..objects.len()).map(|i| i.to_string()).collect(),
        };
        let mut inputs = Vec::with_capacity(objects.len());
        for (i, (obj, id)) in objects.iter().zip(ids).enumerate() {
            let position = format!("texts[{i}]");
            let text = read_text(obj, &id, &position)?;
            inputs.push((id, position, text));
        }
        let engine = &self.inner;
        let mut out = Vec::with_capacity(inputs.len());
        if as_json {
            let to_json = |input: &Input<'_>| {
                extract_input(engine, input).and_then(|record| {
                    serde_json::to_string(&record)
                        .map_err(|e| DocError::new(&input.0, &input.1, ErrorKind::Panic, e.to_string()))
                })
            };
            parallel::in_order(py, threads, &inputs, to_json, |result| {
                let line = match result {
                    Ok(line) => Cow::Borrowed(line),
                    Err(e) if on_error == OnError::Raise => return Err(doc_error(py, e)),
                    Err(e) => Cow::Owned(
                        serde_json::to_string(&e.record()).map_err(|e| PyValueError::new_err(e.to_string()))?,
                    ),
                };
                out.push(PyString::new(py, &line).into_any());
                Ok(())
            })?;
            return PyList::new(py, out);
        }
        let _pause = convert::GcPause::new(py)?;
        let mut converter = convert::Converter::new(py);
        parallel::in_order(
            py,
            threads,
            &inputs,
            |input| extract_input(engine, input),
            |result| {
                let item = match result {
                    Ok(record) => converter.record_dict(record)?.into_any(),
                    Err(e) if on_error == OnError::Raise => return Err(doc_error(py, e)),
                    Err(e) => convert::error_record(py, &e.record())?.into_any(),
                };
                out.push(item);
                Ok(())
            },
        )?;
        PyList::new(py, out)
    }

    /// The quotes of one batch of Arrow columns as a `QuoteBatch` (one row per quote, the
    /// columns of `saywho.COLUMNS`): the engine of `saywho.extract_arrow`, which prepares the
    /// columns. `columns` maps "text" (required), "id", "url", "title", "date" and "outlet" to
    /// Arrow string arrays of one length; `first_row` numbers the rows in ids and positions.
    #[pyo3(signature = (columns, first_row=0, threads=None, errors="record"))]
    fn _extract_arrow_batch(
        &self,
        py: Python<'_>,
        columns: &Bound<'_, PyDict>,
        first_row: usize,
        threads: Option<usize>,
        errors: &str,
    ) -> PyResult<arrow::QuoteBatch> {
        let on_error = OnError::parse(errors)?;
        let column = |name: &str| -> PyResult<Option<arrow::Strings>> {
            match columns.get_item(name)? {
                Some(obj) if !obj.is_none() => Ok(Some(arrow::import_strings(&obj, name)?)),
                _ => Ok(None),
            }
        };
        let Some(texts) = column("text")? else {
            return Err(PyValueError::new_err("no \"text\" column"));
        };
        let ids = column("id")?;
        let meta_columns = [column("url")?, column("title")?, column("date")?, column("outlet")?];
        let n = texts.len();
        for (name, c) in ["id", "url", "title", "date", "outlet"]
            .iter()
            .zip(std::iter::once(&ids).chain(&meta_columns))
        {
            if let Some(c) = c {
                if c.len() != n {
                    return Err(PyValueError::new_err(format!(
                        "column {name:?} has {} rows, the text column {n}",
                        c.len()
                    )));
                }
            }
        }
        let rows: Vec<usize> = (0..n).collect();
        let engine = &self.inner;
        let done = py.detach(|| {
            parallel::map_items(threads, &rows, |_, &i| {
                let row = first_row + i;
                let id = ids
                    .as_ref()
                    .and_then(|c| c.get(i))
                    .map_or_else(|| row.to_string(), str::to_string);
                let position = format!("row {row}");
                let meta = |k: usize| {
                    meta_columns[k]
                        .as_ref()
                        .and_then(|c| c.get(i))
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                };
                let result = match texts.get(i) {
                    Some(text) => engine.extract(&id, text).map_err(|e| extract_error(&id, &position, e)),
                    None => Err(DocError::new(
                        &id,
                        &position,
                        ErrorKind::MissingText,
                        "the text is null",
                    )),
                };
                match result {
                    Ok(record) => {
                        let out = Output {
                            record,
                            meta: Meta {
                                url: meta(0),
                                title: meta(1),
                                author: None,
                                date: meta(2),
                                outlet: meta(3),
                                date_source: None,
                            },
                            text: None,
                        };
                        (quote_rows(Ok(&out)), None)
                    }
                    Err(e) => (quote_rows(Err(&e)), Some(e)),
                }
            })
        });
        let done = done.map_err(PyValueError::new_err)?;
        if on_error == OnError::Raise {
            if let Some(e) = done.iter().find_map(|(_, e)| e.as_ref()) {
                return Err(doc_error(py, e));
            }
        }
        let batch = py.detach(|| {
            let rows: Vec<QuoteRow> = done.into_iter().flat_map(|(rows, _)| rows).collect();
            saywho_io::quote_batch(&saywho_io::quote_schema(), &rows)
        });
        Ok(arrow::QuoteBatch::new(batch.map_err(arrow::arrow_error)?))
    }
}

impl Engine {
    fn extract_one(&self, py: Python<'_>, text: &Bound<'_, PyAny>, id: Option<&Bound<'_, PyAny>>) -> PyResult<Record> {
        let id = read_id(id, || DEFAULT_ID.to_string())?;
        let text = read_text(text, &id, &id)?.map_err(|e| doc_error(py, &e))?;
        let engine = &self.inner;
        py.detach(|| engine.extract(&id, &text))
            .map_err(|e| doc_error(py, &extract_error(&id, &id, e)))
    }
}

/// The native module.
#[pymodule]
fn _saywho(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // Before any record is made: see arena.rs.
    m.add("_ARENA_CACHE_BYTES", arena::install())?;
    m.add_class::<Engine>()?;
    m.add_class::<arrow::QuoteBatch>()?;
    m.add("SaywhoError", py.get_type::<SaywhoError>())?;
    m.add("SCHEMA_VERSION", saywho_record::SCHEMA_VERSION)?;
    m.add("COLUMNS", PyTuple::new(py, saywho_record::COLUMNS)?)?;
    // (name, Arrow type name, nullable) of each column: the Python half's pyarrow and Spark
    // schemas are built from it.
    let column_types = saywho_record::COLUMN_TYPES.iter().map(|c| {
        let ty = match c.ty {
            ColumnType::Text => "string",
            ColumnType::Int64 => "int64",
            ColumnType::Float32 => "float32",
        };
        (c.name, ty, c.nullable)
    });
    m.add("_COLUMN_TYPES", PyTuple::new(py, column_types)?)?;
    m.add("DEFAULT_MAX_TEXT_BYTES", saywho::DEFAULT_MAX_TEXT_BYTES)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
