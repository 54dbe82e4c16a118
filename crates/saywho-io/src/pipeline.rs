//! The streaming pipeline: one reader thread → `threads` workers → the writer (the calling
//! thread), joined by bounded channels.
//!
//! ```text
//! reader ──batches──▶ workers (prepare, extract, render) ──results──▶ writer (reorder, write)
//!    ▲                                                                   │
//!    └──────────────────────────── credits ◀─────────────────────────────┘
//! ```
//!
//! The reader groups units into batches, so channel traffic and the one lock-free hand-off per
//! batch stay off the per-document path. Every batch needs a credit, and the writer returns a
//! credit only once a batch is written; so at most `window` batches exist at any time, however
//! large the corpus and however slow one document is, and memory is bounded even while the
//! writer holds results back to keep input order.

use crate::doc::{Document, Output, Payload, Unit};
use crate::error::{DocError, Error, ErrorKind, Result};
use crate::input::{read_source, Plan, ReadOptions, WarcSkips};
use crate::output::{OutputFormat, Render, Sink};
use crate::prepare::{prepare, unit_id, Fields};
use crate::resume::Skip;
use crossbeam_channel::{bounded, Receiver, Sender};
use saywho::{Engine, ExtractError, Record};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

/// A batch closes at this many documents …
///
/// Small enough that at the end of a run no worker waits long for the last batch (the tail
/// is up to one batch of work on one thread), large enough that the channel hand-off per
/// batch stays negligible next to extracting its documents.
const BATCH_DOCS: usize = 16;
/// … or this many input bytes, whichever comes first.
const BATCH_BYTES: usize = 256 * 1024;

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Worker threads (at least one).
    pub threads: usize,
    /// Write results in input order (otherwise as they finish).
    pub ordered: bool,
    /// Stop at the first failed document.
    pub strict: bool,
    /// Documents over this many bytes are `too_large` errors.
    pub max_doc_bytes: usize,
    /// JSONL fields.
    pub fields: Fields,
    /// The output format.
    pub format: OutputFormat,
    /// Put the text in JSONL output; `None`: only for text extracted from HTML.
    pub emit_text: Option<bool>,
    /// Input documents to pass over, because the output of an earlier run covers them
    /// (`--resume`, see [`crate::resume_point`]). They are read, not extracted nor written.
    pub skip: Skip,
    /// Set (to a signal number, or any non-zero value) from another thread or a signal handler
    /// to end the run early: reading stops, the documents already read are extracted and
    /// written, the output is closed properly (a Parquet footer written), and
    /// [`Summary::interrupted`] holds the value.
    pub interrupt: Option<Arc<AtomicUsize>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            ordered: true,
            strict: false,
            max_doc_bytes: 5_000_000,
            fields: Fields::default(),
            format: OutputFormat::Jsonl { pretty: false },
            emit_text: None,
            skip: Skip::Nothing,
            interrupt: None,
        }
    }
}

/// Where the run is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Documents written (results and errors).
    pub documents: u64,
    /// Input bytes read from disk (compressed size).
    pub bytes_read: u64,
    /// All input bytes, when known.
    pub total_bytes: Option<u64>,
}

/// Hears about the run as it goes; called on the calling thread. Both methods do nothing by
/// default.
pub trait Observer {
    /// After each batch of results is written.
    fn progress(&mut self, _progress: &Progress) {}
    /// For each failed document, in output order.
    fn failed(&mut self, _error: &DocError) {}
    /// Once, at the end of a run in which JSONL documents shared ids: the first id seen again,
    /// and how many documents repeated an id seen before. The records are all written; they
    /// just cannot be told apart by id.
    fn duplicate_ids(&mut self, _first: &str, _count: u64) {}
}

/// An observer that ignores everything.
#[derive(Debug, Default)]
pub struct Quiet;
impl Observer for Quiet {}

/// What a run did. `read == extracted + failed`, always.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents read (each became a result or an error record).
    pub read: u64,
    /// Documents extracted.
    pub extracted: u64,
    /// Documents that failed.
    pub failed: u64,
    /// Quotes found.
    pub quotes: u64,
    /// Failures by kind.
    pub failed_by_kind: BTreeMap<&'static str, u64>,
    /// WARC records skipped, by reason.
    pub skipped: WarcSkips,
    /// Input bytes read (compressed size).
    pub bytes_read: u64,
    /// With `strict`: the failure the run stopped at.
    pub stopped_at: Option<DocError>,
    /// JSONL documents whose id an earlier JSONL document had (see [`Observer::duplicate_ids`]).
    pub duplicate_ids: u64,
    /// The first such id.
    pub first_duplicate_id: Option<String>,
    /// Set when [`Options::interrupt`] ended the run early: its value.
    pub interrupted: Option<usize>,
}

/// Ids of the JSONL documents written so far, to warn about repeats. Hashes, not strings,
/// and at most [`SeenIds::MAX`] of them, so that memory stays bounded on any corpus (about
/// 16 bytes an id); ids after that are still checked against those kept.
#[derive(Default)]
struct SeenIds {
    hashes: std::collections::HashSet<u64>,
}

impl SeenIds {
    /// Ids kept: 4 Mi, some 64 MB at most.
    const MAX: usize = 1 << 22;

    /// True when `id` was seen before.
    fn repeated(&mut self, id: &str) -> bool {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        // SipHash, 64 bits: a false repeat needs a collision, about one in 2^64 / n.
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(id);
        if self.hashes.contains(&hash) {
            return true;
        }
        if self.hashes.len() < Self::MAX {
            self.hashes.insert(hash);
        }
        false
    }
}

/// What turns a document's text into a record: the [`Engine`], or any function of the same
/// shape (a configured engine, a fake in tests, another language's engine).
pub trait Extractor: Sync {
    /// The record of document `id` with `text`.
    fn extract(&self, id: &str, text: &str) -> std::result::Result<Record, ExtractError>;
}

impl Extractor for Engine {
    fn extract(&self, id: &str, text: &str) -> std::result::Result<Record, ExtractError> {
        Engine::extract(self, id, text)
    }
}

impl<F> Extractor for F
where
    F: Fn(&str, &str) -> std::result::Result<Record, ExtractError> + Sync,
{
    fn extract(&self, id: &str, text: &str) -> std::result::Result<Record, ExtractError> {
        self(id, text)
    }
}

/// One document's rendered result.
struct Done<I> {
    item: I,
    failure: Option<DocError>,
    quotes: usize,
    /// The id of a document extracted from a JSONL line, checked for repeats.
    jsonl_id: Option<String>,
}

struct Batch {
    seq: u64,
    units: Vec<Unit>,
}

struct Results<I> {
    seq: u64,
    done: Result<Vec<Done<I>>>,
}

type ItemOf<S> = <<S as Sink>::Render as Render>::Item;

/// Runs the pipeline over `plan`: reads, extracts with `extractor` (usually an [`Engine`]) on
/// `options.threads` workers, renders on the workers with the sink's [`Render`], writes to
/// `sink` and each failure also to `errors` (as JSONL error records).
///
/// ```
/// use saywho_io::{pipeline, plan, FileSink, Options, OutputFormat, Quiet};
/// let dir = std::env::temp_dir().join(format!("saywho-io-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("corpus.jsonl");
/// std::fs::write(&file, "{\"id\": \"a\", \"text\": \"“Yes,” Ann Lee said.\"}\n{broken\n").unwrap();
/// let plan = plan(&[file], None);
/// let out = dir.join("out.jsonl");
/// let sink = FileSink::new(OutputFormat::Jsonl { pretty: false }, Box::new(std::fs::File::create(&out).unwrap())).unwrap();
/// let summary = pipeline::run(&saywho::Engine::new(), &plan, &Options::default(), sink, None, &mut Quiet).unwrap();
/// assert_eq!((summary.read, summary.extracted, summary.failed), (2, 1, 1));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn run<E: Extractor + ?Sized, S: Sink>(
    extractor: &E,
    plan: &Plan,
    options: &Options,
    mut sink: S,
    mut errors: Option<&mut dyn Write>,
    observer: &mut dyn Observer,
) -> Result<Summary> {
    let threads = options.threads.max(1);
    let window = threads * 4 + 2;
    let (work_tx, work_rx) = bounded::<Batch>(window);
    let (result_tx, result_rx) = bounded::<Results<ItemOf<S>>>(window);
    let (credit_tx, credit_rx) = bounded::<()>(window);
    for _ in 0..window {
        // Cannot fail: the channel holds exactly `window` credits and its receiver is alive.
        let _ = credit_tx.send(());
    }
    let stop = AtomicBool::new(false);
    let bytes_read = Arc::new(AtomicU64::new(0));
    let mut summary = Summary::default();

    let render = sink.render();
    let outcome = std::thread::scope(|scope| {
        let reader = scope.spawn(|| read_all(plan, options, &bytes_read, &stop, work_tx, credit_rx));
        for _ in 0..threads {
            let (work_rx, result_tx, render) = (work_rx.clone(), result_tx.clone(), &render);
            scope.spawn(move || work(extractor, render, options, work_rx, result_tx));
        }
        drop((work_rx, result_tx));
        let written = write_all(
            plan,
            options,
            &mut sink,
            &mut errors,
            observer,
            &mut summary,
            &bytes_read,
            result_rx,
            credit_tx,
        );
        // Whether the writer finished or gave up, its channel ends are gone now, so the reader
        // and workers see closed channels and end.
        stop.store(true, Ordering::Relaxed);
        let skips = reader.join().map_err(|_| Error::Thread("the reader panicked".into()));
        (written, skips)
    });
    let (written, skips) = outcome;
    written?;
    if let Some(first) = &summary.first_duplicate_id {
        observer.duplicate_ids(first, summary.duplicate_ids);
    }
    summary.skipped = skips?;
    summary.bytes_read = bytes_read.load(Ordering::Relaxed);
    summary.interrupted = interrupted(options);
    sink.finish()?;
    Ok(summary)
}

/// The value of [`Options::interrupt`], when set.
fn interrupted(options: &Options) -> Option<usize> {
    let value = options.interrupt.as_ref()?.load(Ordering::Relaxed);
    (value != 0).then_some(value)
}

/// Passes over the input documents that [`Options::skip`] names.
struct Skipper<'a> {
    skip: &'a Skip,
    fields: &'a Fields,
    /// Documents passed over, or documents with the id seen so far.
    seen: u64,
    done: bool,
}

impl Skipper<'_> {
    /// True when `unit` is to be passed over.
    fn skips(&mut self, unit: &Unit) -> bool {
        if self.done {
            return false;
        }
        match self.skip {
            Skip::Nothing => self.done = true,
            Skip::Documents(n) => {
                self.done = self.seen >= *n;
                self.seen += 1;
            }
            Skip::Through { id, occurrence } => {
                if unit_id(unit, self.fields) == *id {
                    self.seen += 1;
                }
                // The unit that completes the count is the last one skipped.
                let last = self.seen >= *occurrence;
                if last {
                    self.done = true;
                    return true;
                }
            }
        }
        !self.done
    }
}

/// The reader thread: every source in order, in batches, each paid for with a credit.
fn read_all(
    plan: &Plan,
    options: &Options,
    bytes_read: &Arc<AtomicU64>,
    stop: &AtomicBool,
    work_tx: Sender<Batch>,
    credit_rx: Receiver<()>,
) -> WarcSkips {
    let read_options = ReadOptions {
        max_doc_bytes: options.max_doc_bytes,
    };
    let mut skips = WarcSkips::default();
    let mut seq = 0u64;
    let mut units = Vec::with_capacity(BATCH_DOCS);
    let mut batch_bytes = 0usize;
    let mut send = |units: Vec<Unit>| -> bool {
        if credit_rx.recv().is_err() {
            return false;
        }
        let ok = work_tx.send(Batch { seq, units }).is_ok();
        seq += 1;
        ok
    };
    let mut skipper = Skipper {
        skip: &options.skip,
        fields: &options.fields,
        seen: 0,
        done: false,
    };
    let mut open = true;
    for source in &plan.sources {
        let mut emit = |unit: Unit| -> bool {
            if stop.load(Ordering::Relaxed) {
                open = false;
                return false;
            }
            if interrupted(options).is_some() {
                return false;
            }
            if skipper.skips(&unit) {
                return true;
            }
            batch_bytes += unit_bytes(&unit);
            units.push(unit);
            if units.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                batch_bytes = 0;
                open = send(std::mem::replace(&mut units, Vec::with_capacity(BATCH_DOCS)));
            }
            open
        };
        read_source(source, &read_options, bytes_read, &mut emit, &mut skips);
        if !open {
            return skips;
        }
        // Interrupted: what was read is finished (the partial batch below), nothing more.
        if interrupted(options).is_some() {
            break;
        }
    }
    if !units.is_empty() {
        send(units);
    }
    skips
}

fn unit_bytes(unit: &Unit) -> usize {
    match &unit.payload {
        Payload::Text { bytes, .. } | Payload::JsonLine { bytes, .. } | Payload::Html { bytes, .. } => bytes.len(),
        Payload::Failed(_) => 0,
    }
}

/// A worker thread: batches in, rendered results out, until either channel closes.
fn work<E: Extractor + ?Sized, R: Render>(
    extractor: &E,
    render: &R,
    options: &Options,
    work_rx: Receiver<Batch>,
    result_tx: Sender<Results<R::Item>>,
) {
    for batch in work_rx {
        let done: Result<Vec<Done<R::Item>>> = batch
            .units
            .into_iter()
            .map(|u| process(extractor, render, options, u))
            .collect();
        if result_tx.send(Results { seq: batch.seq, done }).is_err() {
            return;
        }
    }
}

/// One document: prepare, extract and render, with panics caught and turned into errors.
fn process<E: Extractor + ?Sized, R: Render>(
    extractor: &E,
    render: &R,
    options: &Options,
    unit: Unit,
) -> Result<Done<R::Item>> {
    let (id, position) = stand_in_id(&unit);
    let from_jsonl = matches!(unit.payload, Payload::JsonLine { .. });
    let extracted = catch_unwind(AssertUnwindSafe(|| {
        prepare(unit, &options.fields).and_then(|doc| extract(extractor, options, doc, &position))
    }));
    let result = match extracted {
        Ok(r) => r,
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(DocError::new(id, position, ErrorKind::Panic, message))
        }
    };
    match result {
        Ok(out) => Ok(Done {
            quotes: out.record.quotes.len(),
            jsonl_id: from_jsonl.then(|| out.record.id.clone()),
            item: render.render(Ok(out))?,
            failure: None,
        }),
        Err(e) => Ok(Done {
            item: render.render(Err(&e))?,
            failure: Some(e),
            quotes: 0,
            jsonl_id: None,
        }),
    }
}

fn extract<E: Extractor + ?Sized>(
    extractor: &E,
    options: &Options,
    doc: Document,
    position: &str,
) -> std::result::Result<Output, DocError> {
    let record = extractor.extract(&doc.id, &doc.text).map_err(|e| {
        let kind = match e {
            ExtractError::TooLarge { .. } => ErrorKind::TooLarge,
            ExtractError::Panic(_) => ErrorKind::Panic,
        };
        DocError::new(doc.id.clone(), position, kind, e.to_string())
    })?;
    let text = options.emit_text.unwrap_or(doc.extracted).then_some(doc.text);
    Ok(Output {
        record,
        meta: doc.meta,
        text,
    })
}

fn stand_in_id(unit: &Unit) -> (String, String) {
    let id = match &unit.payload {
        Payload::Text { id, .. } | Payload::Html { id, .. } => id.clone(),
        Payload::JsonLine { line, .. } => format!("line-{line}"),
        Payload::Failed(e) => e.id.clone(),
    };
    (id, unit.position.clone())
}

/// The writer: results in order (or as they come), to the sink, the errors file and the
/// observer; a credit back to the reader for each batch written.
#[allow(clippy::too_many_arguments)]
fn write_all<S: Sink>(
    plan: &Plan,
    options: &Options,
    sink: &mut S,
    errors: &mut Option<&mut dyn Write>,
    observer: &mut dyn Observer,
    summary: &mut Summary,
    bytes_read: &AtomicU64,
    result_rx: Receiver<Results<ItemOf<S>>>,
    credit_tx: Sender<()>,
) -> Result<()> {
    let mut held: HashMap<u64, Result<Vec<Done<ItemOf<S>>>>> = HashMap::new();
    let mut next = 0u64;
    let mut seen_ids = SeenIds::default();
    for results in &result_rx {
        let ready: Vec<Result<Vec<Done<ItemOf<S>>>>> = if options.ordered {
            held.insert(results.seq, results.done);
            let mut ready = Vec::new();
            while let Some(done) = held.remove(&next) {
                ready.push(done);
                next += 1;
            }
            ready
        } else {
            vec![results.done]
        };
        for done in ready {
            for d in done? {
                if let Some(id) = d.jsonl_id.as_deref().filter(|id| seen_ids.repeated(id)) {
                    summary.duplicate_ids += 1;
                    summary.first_duplicate_id.get_or_insert_with(|| id.to_string());
                }
                if write_one(d, sink, errors, observer, summary, options.strict)? {
                    return Ok(());
                }
            }
            observer.progress(&Progress {
                documents: summary.read,
                bytes_read: bytes_read.load(Ordering::Relaxed),
                total_bytes: plan.total_bytes,
            });
            // The reader may have finished and dropped its end; nothing is lost then.
            let _ = credit_tx.send(());
        }
    }
    Ok(())
}

/// Writes one result; true when the run must stop (`strict`).
fn write_one<S: Sink>(
    d: Done<ItemOf<S>>,
    sink: &mut S,
    errors: &mut Option<&mut dyn Write>,
    observer: &mut dyn Observer,
    summary: &mut Summary,
    strict: bool,
) -> Result<bool> {
    sink.write(d.item)?;
    summary.read += 1;
    let Some(failure) = d.failure else {
        summary.extracted += 1;
        summary.quotes += d.quotes as u64;
        return Ok(false);
    };
    summary.failed += 1;
    *summary.failed_by_kind.entry(failure.kind.as_str()).or_default() += 1;
    observer.failed(&failure);
    if let Some(errors) = errors.as_mut() {
        let line = serde_json::to_string(&failure.record()).map_err(|e| Error::Write(e.into()))?;
        writeln!(errors, "{line}").map_err(Error::Write)?;
    }
    if strict {
        summary.stopped_at = Some(failure);
        return Ok(true);
    }
    Ok(false)
}
