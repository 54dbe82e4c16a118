//! Records to Python objects: the same keys, order and values as the JSON that `saywho
//! extract` writes (`serde_json` of the same types), built directly as dicts and lists, which
//! is several times faster than JSON text parsed back by Python.
//!
//! The tests (`tests/test_cli_equality.py`) compare these dicts with the CLI's JSON on every
//! GGT dev document, so a field added to `saywho-record` without a line here is caught.

use crate::pyobj;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyModule, PyString, PyTuple, PyType};
use pyo3::{intern, IntoPyObjectExt};
use saywho_record::{
    EntityKind, EntityRecordOf, ErrorRecord, Gender, GenderSource, Output, QuoteKind, QuoteRecordOf, RecordOf,
    SpeakerRecordOf, TextSpanOf,
};
use std::hash::BuildHasher;

/// A record as the dict `json.loads` would give for its JSON line.
pub fn record<'py, S: AsRef<str>>(py: Python<'py>, r: &RecordOf<S>) -> PyResult<Bound<'py, PyDict>> {
    Converter::new(py).record_dict(r)
}

/// An output line (record, then metadata present, then text when given) as a dict, with the
/// keys in the order of the CLI's JSON (`Meta`'s fields).
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
    if let Some(source) = m.date_source {
        d.set_item(intern!(py, "date_source"), source.as_str())?;
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

/// A copy of the template dict for one shape of object (`keys` in order, values `None`),
/// made on first use by [`shared_keys_template`]: filling the copy replaces values instead
/// of inserting keys, and a field that is `None` (`null` in the JSON) is not set at all.
fn template<'py>(py: Python<'py>, cell: &'static PyOnceLock<Py<PyDict>>, keys: &[&str]) -> PyResult<Bound<'py, PyAny>> {
    let t = cell.get_or_try_init(py, || shared_keys_template(py, keys))?;
    pyobj::copy_dict(t.bind(py))
}

/// Instances of a class made before its template is taken: CPython sizes the value arrays of
/// a class's shared-key dicts for the keys its instances used so far plus a margin that
/// shrinks by one with each new instance (down to one spare slot).
const SHRINK_INSTANCES: usize = 40;

/// A dict with `keys` whose key table is *shared* ("split table", as for the attributes of
/// instances): the `__dict__` of an instance of a class of our own, whose attributes are
/// `keys`. `PyDict_Copy` of such a dict shares the key table and copies only the values, so
/// a copy is about half the memory of an ordinary dict's (96 bytes against 184 for a
/// span), takes no references to the keys, and is freed without releasing them: for the
/// 120,000 dicts of a BBC pass, less work making and freeing them and fewer fresh pages.
/// The copies are plain `dict`s in every way Python can see (type, equality, order, pickling,
/// JSON); a copy given new keys or losing some is handled by CPython as any instance's
/// `__dict__` is, without touching the other copies (`test_api.py` checks it). Checked with
/// the same abi3 wheel on CPython 3.9 to 3.13: equal to the CLI's JSON on 600 BBC texts, a
/// span's dict 96-104 bytes instead of 184-232.
///
/// The template is left out of the cyclic garbage collector's lists (it holds only `None`),
/// and so are its copies until a dict or list is stored in them, as CPython does for any
/// dict: the 88,000 span dicts of a BBC pass, which hold only strs and ints, are then never
/// linked into and out of the collector's lists, nor walked when it runs.
fn shared_keys_template(py: Python<'_>, keys: &[&str]) -> PyResult<Py<PyDict>> {
    let name = format!("_saywho_{}", keys.join("_"));
    let class = py
        .get_type::<PyType>()
        .call1((name, PyTuple::empty(py), PyDict::new(py)))?;
    let mut template = None;
    for _ in 0..SHRINK_INSTANCES {
        let instance = class.call0()?;
        for k in keys {
            instance.setattr(PyString::intern(py, k), py.None())?;
        }
        template = Some(instance.getattr(intern!(py, "__dict__"))?);
    }
    let template = template.expect("SHRINK_INSTANCES > 0").cast_into::<PyDict>()?;
    pyobj::untrack(&template);
    Ok(template.unbind())
}

static QUOTE: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
static ENTITY: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
static SPAN: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
static SPEAKER: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
static RECORD: PyOnceLock<Py<PyDict>> = PyOnceLock::new();

/// Slots of a [`Converter`]'s string cache (a power of two): more and the table falls out
/// of the processor's caches (one holding a call's every name was slower than none).
const STRING_SLOTS: usize = 1 << 10;

/// Bytes of text the string cache keeps before it starts afresh.
const STRING_BYTES: usize = 1 << 16;

/// Strings longer than this are not cached: a repeated string is a name, a pronoun or a cue.
const MAX_CACHED_STRING: usize = 64;

/// The strs made for the texts met last, in a direct-mapped table (a text has one slot, by
/// its hash; a newer text in the slot replaces it), their texts side by side in one buffer:
/// a look-up hashes the text and compares it with one slot's, and keeping a str allocates
/// nothing on the Rust side. Against a hash map of boxed texts, cleared when full: as many
/// strs made (15,700 for 600 BBC texts converted twice) and 3% fewer instructions for the
/// whole conversion (84.5 M against 87.0 M, callgrind), from its probing, growth and boxes.
struct StringCache<'py> {
    slots: Vec<Option<CachedStr<'py>>>,
    texts: String,
}

/// A str and where its text is in [`StringCache::texts`].
struct CachedStr<'py> {
    start: u32,
    end: u32,
    object: Bound<'py, PyAny>,
}

impl<'py> StringCache<'py> {
    fn new() -> Self {
        StringCache {
            slots: (0..STRING_SLOTS).map(|_| None).collect(),
            texts: String::new(),
        }
    }

    /// The str kept for `s` (at most [`MAX_CACHED_STRING`] bytes), made and kept now if
    /// another text had the slot.
    fn get(&mut self, py: Python<'py>, s: &str) -> PyResult<&Bound<'py, PyAny>> {
        debug_assert!(s.len() <= MAX_CACHED_STRING);
        let slot = (rustc_hash::FxBuildHasher.hash_one(s) as usize) & (STRING_SLOTS - 1);
        let texts = &self.texts;
        let kept = |c: &CachedStr<'py>| texts.get(c.start as usize..c.end as usize) == Some(s);
        if !self.slots[slot].as_ref().is_some_and(kept) {
            if self.texts.len() + s.len() > STRING_BYTES {
                self.texts.clear();
                self.slots.iter_mut().for_each(|c| *c = None);
            }
            let object = pyobj::str(py, s)?;
            // Both fit in u32: the buffer never holds more than STRING_BYTES.
            let start = self.texts.len() as u32;
            self.texts.push_str(s);
            let end = self.texts.len() as u32;
            self.slots[slot] = Some(CachedStr { start, end, object });
        }
        Ok(&self.slots[slot].as_ref().expect("filled above").object)
    }
}

/// Builds records' objects. Records repeat many short strings (a speaker's name in each quote,
/// "he" and "said" in mentions and cues in every document) and few confidence values, so each
/// is made once and shared, within a record and across the records of one call (strs and
/// floats are immutable, so sharing them cannot be seen from Python): object creation is most
/// of the cost of a conversion.
pub struct Converter<'py> {
    py: Python<'py>,
    strings: StringCache<'py>,
    floats: Vec<(u32, Bound<'py, PyAny>)>,
    quote_variants: Variants<'py>,
    entity_variants: Variants<'py>,
    ints: Vec<Option<Bound<'py, PyAny>>>,
}

/// Ints below this are made once per [`Converter`] and shared, indexed by value: offsets
/// recur across records (every document has a quote starting near 100), and an int is as
/// immutable as the small ones CPython shares itself. A BBC pass has 157,000 offsets and
/// other ints; the table grows to the largest value met (at most 512 KB of pointers).
const MAX_CACHED_INT: usize = 1 << 16;

/// Variants of a template with its enum-like fields already set, by a key made of their
/// values: a quote's kind and confidence (13 combinations on BBC), an entity's type, gender
/// and gender source (8). A copy of a variant needs two or three fewer keys set.
struct Variants<'py>(Vec<(u64, Bound<'py, PyAny>)>);

impl<'py> Variants<'py> {
    /// A copy of the variant kept for `key`, if any.
    fn copy(&self, key: u64) -> Option<PyResult<Bound<'py, PyAny>>> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, d)| pyobj::copy_dict(d))
    }

    /// Keeps a copy of `d` as the variant for `key`, up to [`MAX_VARIANTS`].
    fn keep(&mut self, key: u64, d: &Bound<'py, PyAny>) -> PyResult<()> {
        if self.0.len() < MAX_VARIANTS {
            self.0.push((key, pyobj::copy_dict(d)?));
        }
        Ok(())
    }
}

/// Variants kept per shape; past that (a corpus with more confidence values than the rules
/// give), dicts are copied from the plain template and filled.
const MAX_VARIANTS: usize = 64;

impl<'py> Converter<'py> {
    /// A converter with nothing cached yet.
    pub fn new(py: Python<'py>) -> Self {
        Converter {
            py,
            strings: StringCache::new(),
            floats: Vec::new(),
            quote_variants: Variants(Vec::new()),
            entity_variants: Variants(Vec::new()),
            ints: Vec::new(),
        }
    }

    /// A record as the dict `json.loads` would give for its JSON line (its texts `String`s,
    /// or borrowed from the input as [`saywho::Doc::to_record_borrowed`] gives them).
    pub fn record_dict<S: AsRef<str>>(&mut self, r: &RecordOf<S>) -> PyResult<Bound<'py, PyDict>> {
        let d = self.record(r)?;
        // SAFETY: `Converter::record` returns a copy of the RECORD template, a dict.
        Ok(unsafe { d.cast_into_unchecked() })
    }

    /// `d[key] = s`, the str shared within the record and with the records converted before.
    /// The `set_*` methods store the cached object itself: no reference taken and dropped.
    fn set_string(&mut self, d: &Bound<'py, PyAny>, key: &Bound<'py, PyString>, s: &str) -> PyResult<()> {
        if s.len() > MAX_CACHED_STRING {
            return pyobj::set(d, key, &pyobj::str(self.py, s)?);
        }
        pyobj::set(d, key, self.strings.get(self.py, s)?)
    }

    fn float(&mut self, x: f32) -> PyResult<Bound<'py, PyAny>> {
        let bits = x.to_bits();
        if let Some((_, found)) = self.floats.iter().find(|(b, _)| *b == bits) {
            return Ok(found.clone());
        }
        let made = json_float(x).into_bound_py_any(self.py)?;
        self.floats.push((bits, made.clone()));
        Ok(made)
    }

    /// `d[key] = v`, the int shared by all the records of the call.
    fn set_int(&mut self, d: &Bound<'py, PyAny>, key: &Bound<'py, PyString>, v: usize) -> PyResult<()> {
        if v >= MAX_CACHED_INT {
            return pyobj::set(d, key, &pyobj::int(self.py, v)?);
        }
        if v >= self.ints.len() {
            self.ints.resize_with((v + 1).next_power_of_two(), || None);
        }
        let slot = &mut self.ints[v];
        if slot.is_none() {
            *slot = Some(pyobj::int(self.py, v)?);
        }
        pyobj::set(d, key, slot.as_ref().expect("filled above"))
    }

    fn record<S: AsRef<str>>(&mut self, r: &RecordOf<S>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let d = template(py, &RECORD, &["schema_version", "id", "quotes", "entities"])?;
        pyobj::set(&d, intern!(py, "schema_version"), &pyobj::str(py, &r.schema_version)?)?;
        pyobj::set(&d, intern!(py, "id"), &pyobj::str(py, &r.id)?)?;
        let quotes = pyobj::list(py, r.quotes.len(), |i| self.quote(&r.quotes[i]))?;
        pyobj::set(&d, intern!(py, "quotes"), &quotes)?;
        let entities = pyobj::list(py, r.entities.len(), |i| self.entity(&r.entities[i]))?;
        pyobj::set(&d, intern!(py, "entities"), &entities)?;
        Ok(d)
    }

    fn span<S: AsRef<str>>(&mut self, s: &TextSpanOf<S>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let d = template(py, &SPAN, &["text", "start", "end"])?;
        self.set_string(&d, intern!(py, "text"), s.text.as_ref())?;
        self.set_int(&d, intern!(py, "start"), s.start)?;
        self.set_int(&d, intern!(py, "end"), s.end)?;
        Ok(d)
    }

    fn speaker<S: AsRef<str>>(&mut self, s: &SpeakerRecordOf<S>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let d = template(py, &SPEAKER, &["name", "entity", "mention"])?;
        self.set_string(&d, intern!(py, "name"), s.name.as_ref())?;
        self.set_int(&d, intern!(py, "entity"), s.entity)?;
        if let Some(mention) = &s.mention {
            pyobj::set(&d, intern!(py, "mention"), &self.span(mention)?)?;
        }
        Ok(d)
    }

    /// A copy of the quote template with `kind` and `confidence` set.
    fn quote_variant(&mut self, kind: QuoteKind, confidence: f32) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let key = (kind as u64) << 32 | u64::from(confidence.to_bits());
        if let Some(copy) = self.quote_variants.copy(key) {
            return copy;
        }
        let keys = [
            "text",
            "start",
            "end",
            "kind",
            "group",
            "cue",
            "speaker",
            "channel",
            "confidence",
        ];
        let d = template(py, &QUOTE, &keys)?;
        let kind = match kind {
            QuoteKind::Direct => intern!(py, "direct"),
            QuoteKind::Indirect => intern!(py, "indirect"),
            QuoteKind::Mixed => intern!(py, "mixed"),
        };
        pyobj::set(&d, intern!(py, "kind"), kind)?;
        pyobj::set(&d, intern!(py, "confidence"), &self.float(confidence)?)?;
        self.quote_variants.keep(key, &d)?;
        Ok(d)
    }

    fn quote<S: AsRef<str>>(&mut self, q: &QuoteRecordOf<S>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let d = self.quote_variant(q.kind, q.confidence)?;
        // The quote's own words are long and unique: not worth a look-up.
        pyobj::set(&d, intern!(py, "text"), &pyobj::str(py, q.text.as_ref())?)?;
        self.set_int(&d, intern!(py, "start"), q.start)?;
        self.set_int(&d, intern!(py, "end"), q.end)?;
        self.set_int(&d, intern!(py, "group"), q.group)?;
        if let Some(cue) = &q.cue {
            pyobj::set(&d, intern!(py, "cue"), &self.span(cue)?)?;
        }
        if let Some(speaker) = &q.speaker {
            pyobj::set(&d, intern!(py, "speaker"), &self.speaker(speaker)?)?;
        }
        // Four quotes in five have no channel.
        if let Some(channel) = &q.channel {
            self.set_string(&d, intern!(py, "channel"), channel.as_ref())?;
        }
        Ok(d)
    }

    /// A copy of the entity template with `type`, `gender` and `gender_source` set.
    fn entity_variant(&mut self, kind: EntityKind, g: Gender, source: GenderSource) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let key = kind as u64 | (g as u64) << 8 | (source as u64) << 16;
        if let Some(copy) = self.entity_variants.copy(key) {
            return copy;
        }
        let keys = ["id", "name", "key", "type", "gender", "gender_source", "mentions"];
        let d = template(py, &ENTITY, &keys)?;
        let kind = match kind {
            EntityKind::Person => intern!(py, "person"),
            EntityKind::Organization => intern!(py, "organization"),
            EntityKind::Other => intern!(py, "other"),
        };
        pyobj::set(&d, intern!(py, "type"), kind)?;
        pyobj::set(&d, intern!(py, "gender"), gender(py, g))?;
        let source = match source {
            GenderSource::Text => intern!(py, "text"),
            GenderSource::Name => intern!(py, "name"),
            GenderSource::None => intern!(py, "none"),
        };
        pyobj::set(&d, intern!(py, "gender_source"), source)?;
        self.entity_variants.keep(key, &d)?;
        Ok(d)
    }

    fn entity<S: AsRef<str>>(&mut self, e: &EntityRecordOf<S>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let d = self.entity_variant(e.kind, e.gender, e.gender_source)?;
        self.set_int(&d, intern!(py, "id"), e.id)?;
        self.set_string(&d, intern!(py, "name"), e.name.as_ref())?;
        if let Some(key) = &e.key {
            self.set_string(&d, intern!(py, "key"), key.as_ref())?;
        }
        let mentions = pyobj::list(py, e.mentions.len(), |i| self.span(&e.mentions[i]))?;
        pyobj::set(&d, intern!(py, "mentions"), &mentions)?;
        Ok(d)
    }
}

/// The enum names are interned: one string object each, shared by every record.
fn gender<'py>(py: Python<'py>, g: Gender) -> &'py Bound<'py, PyString> {
    match g {
        Gender::Female => intern!(py, "female"),
        Gender::Male => intern!(py, "male"),
        Gender::Unknown => intern!(py, "unknown"),
    }
}

/// Python's cyclic garbage collector paused while records are turned into dicts, and
/// resumed (if it ran before) when dropped. Building many thousand dicts otherwise sets off
/// collections that walk every container made so far, which cost as much as the building
/// (the dicts and lists made here hold no cycles).
pub struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    /// Pauses the collector when it is enabled.
    pub fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        let gc = py.import(intern!(py, "gc"))?;
        if gc.call_method0(intern!(py, "isenabled"))?.is_truthy()? {
            gc.call_method0(intern!(py, "disable"))?;
            return Ok(GcPause { gc: Some(gc) });
        }
        Ok(GcPause { gc: None })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.gc {
            // Cannot fail in practice; if it did, there is no caller to tell from a drop.
            let _ = gc.call_method0(intern!(gc.py(), "enable"));
        }
    }
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
