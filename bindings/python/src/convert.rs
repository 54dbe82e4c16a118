//! Records to Python objects: the same keys, order and values as the JSON that `saywho
//! extract` writes (`serde_json` of the same types), built directly as dicts and lists, which
//! is several times faster than JSON text parsed back by Python.
//!
//! The tests (`tests/test_cli_equality.py`) compare these dicts with the CLI's JSON on every
//! GGT dev document, so a field added to `saywho-record` without a line here is caught.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::{intern, IntoPyObjectExt};
use saywho_record::{EntityRecord, ErrorRecord, Output, QuoteRecord, Record, SpeakerRecord, TextSpan};

/// A record as the dict `json.loads` would give for its JSON line.
pub fn record<'py>(py: Python<'py>, r: &Record) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "schema_version"), &r.schema_version)?;
    d.set_item(intern!(py, "id"), &r.id)?;
    let quotes = r.quotes.iter().map(|q| quote(py, q)).collect::<PyResult<Vec<_>>>()?;
    d.set_item(intern!(py, "quotes"), PyList::new(py, quotes)?)?;
    let entities = r.entities.iter().map(|e| entity(py, e)).collect::<PyResult<Vec<_>>>()?;
    d.set_item(intern!(py, "entities"), PyList::new(py, entities)?)?;
    Ok(d)
}

/// An output line (record, then metadata present, then text when given) as a dict.
pub fn output<'py>(py: Python<'py>, out: &Output) -> PyResult<Bound<'py, PyDict>> {
    let d = record(py, &out.record)?;
    let m = &out.meta;
    let meta = [
        (intern!(py, "url"), &m.url),
        (intern!(py, "title"), &m.title),
        (intern!(py, "author"), &m.author),
        (intern!(py, "date"), &m.date),
        (intern!(py, "outlet"), &m.outlet),
    ];
    for (key, value) in meta {
        if let Some(value) = value {
            d.set_item(key, value)?;
        }
    }
    if let Some(text) = &out.text {
        d.set_item(intern!(py, "text"), text)?;
    }
    Ok(d)
}

/// An error record (`{"schema_version", "id", "error": {"kind", "position", "message"}}`).
pub fn error_record<'py>(py: Python<'py>, e: &ErrorRecord) -> PyResult<Bound<'py, PyDict>> {
    let body = PyDict::new(py);
    body.set_item(intern!(py, "kind"), e.error.kind.as_str())?;
    body.set_item(intern!(py, "position"), &e.error.position)?;
    body.set_item(intern!(py, "message"), &e.error.message)?;
    let d = PyDict::new(py);
    d.set_item(intern!(py, "schema_version"), &e.schema_version)?;
    d.set_item(intern!(py, "id"), &e.id)?;
    d.set_item(intern!(py, "error"), body)?;
    Ok(d)
}

fn span<'py>(py: Python<'py>, s: &TextSpan) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "text"), &s.text)?;
    d.set_item(intern!(py, "start"), s.start)?;
    d.set_item(intern!(py, "end"), s.end)?;
    Ok(d)
}

fn optional_span<'py>(py: Python<'py>, s: Option<&TextSpan>) -> PyResult<Bound<'py, PyAny>> {
    match s {
        Some(s) => Ok(span(py, s)?.into_any()),
        None => Ok(py.None().into_bound(py)),
    }
}

fn speaker<'py>(py: Python<'py>, s: &SpeakerRecord) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "name"), &s.name)?;
    d.set_item(intern!(py, "entity"), s.entity)?;
    d.set_item(intern!(py, "mention"), optional_span(py, s.mention.as_ref())?)?;
    Ok(d)
}

fn quote<'py>(py: Python<'py>, q: &QuoteRecord) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "text"), &q.text)?;
    d.set_item(intern!(py, "start"), q.start)?;
    d.set_item(intern!(py, "end"), q.end)?;
    d.set_item(intern!(py, "kind"), q.kind.as_str())?;
    d.set_item(intern!(py, "group"), q.group)?;
    d.set_item(intern!(py, "cue"), optional_span(py, q.cue.as_ref())?)?;
    let who = match &q.speaker {
        Some(s) => speaker(py, s)?.into_any(),
        None => py.None().into_bound(py),
    };
    d.set_item(intern!(py, "speaker"), who)?;
    d.set_item(intern!(py, "channel"), q.channel.as_deref())?;
    d.set_item(
        intern!(py, "confidence"),
        json_float(q.confidence).into_bound_py_any(py)?,
    )?;
    Ok(d)
}

fn entity<'py>(py: Python<'py>, e: &EntityRecord) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), e.id)?;
    d.set_item(intern!(py, "name"), &e.name)?;
    d.set_item(intern!(py, "key"), e.key.as_deref())?;
    d.set_item(intern!(py, "type"), e.kind.as_str())?;
    d.set_item(intern!(py, "gender"), e.gender.as_str())?;
    d.set_item(intern!(py, "gender_source"), e.gender_source.as_str())?;
    let mentions = e.mentions.iter().map(|m| span(py, m)).collect::<PyResult<Vec<_>>>()?;
    d.set_item(intern!(py, "mentions"), PyList::new(py, mentions)?)?;
    Ok(d)
}

/// The float Python reads back from the JSON of an `f32`: serde_json writes its shortest
/// decimal form (`0.9`, not `0.8999999761581421`), and a non-finite value as `null`.
///
/// ```ignore
/// assert_eq!(json_float(0.9_f32), Some(0.9_f64));
/// ```
pub fn json_float(x: f32) -> Option<f64> {
    if !x.is_finite() {
        return None;
    }
    // Display gives the shortest decimal that reads back as the same f32, as serde_json does.
    x.to_string().parse::<f64>().ok()
}
