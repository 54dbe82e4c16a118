//! Inputs: which files to read, in which format, and the streaming readers that turn each into
//! [`Unit`]s. Readers hold at most one document (bounded by `max_doc_bytes`) in memory.

mod arc;
mod decode;
mod lines;
mod plan;
mod records;
mod warc;

pub use decode::{open_decoded, Compression, Decoded};
pub use lines::{read_line_bounded, Line};
pub use plan::{plan, same_file, Plan, SharedId, Source};
pub use records::{ArchiveReader, WarcSkips};
pub use warc::write_warc_record;

use crate::doc::{Payload, Unit};
use crate::error::{DocError, ErrorKind};
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// How to read an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// One plain-text document.
    Text,
    /// One document a line: a JSON object with an id and a text field.
    Jsonl,
    /// One HTML page.
    Html,
    /// WARC records; HTML responses become documents.
    Warc,
    /// ARC records (the Internet Archive's format before WARC); HTML captures become documents.
    Arc,
}

impl InputFormat {
    /// The format a file name implies, looking through a `.gz` or `.zst` suffix; `None` for a
    /// name saywho does not read.
    ///
    /// ```
    /// use saywho_io::InputFormat;
    /// use std::path::Path;
    /// assert_eq!(InputFormat::detect(Path::new("CC-NEWS-1.warc.gz")), Some(InputFormat::Warc));
    /// assert_eq!(InputFormat::detect(Path::new("IA-001102.arc.gz")), Some(InputFormat::Arc));
    /// assert_eq!(InputFormat::detect(Path::new("corpus.jsonl.zst")), Some(InputFormat::Jsonl));
    /// assert_eq!(InputFormat::detect(Path::new("notes.md")), None);
    /// ```
    pub fn detect(path: &Path) -> Option<InputFormat> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name
            .strip_suffix(".gz")
            .or_else(|| name.strip_suffix(".zst"))
            .unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" => InputFormat::Text,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "html" | "htm" | "xhtml" => InputFormat::Html,
            "warc" => InputFormat::Warc,
            "arc" => InputFormat::Arc,
            _ => return None,
        })
    }
}

/// Options of the readers.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Documents over this many bytes become `too_large` error records, unread.
    pub max_doc_bytes: usize,
}

/// A reader that counts the bytes read through it, for progress.
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads one source and hands each unit to `emit`; `emit` returns false to stop early
/// (`--strict`, or the pipeline shutting down). Nothing here fails the run: every problem is a
/// [`Payload::Failed`] unit.
pub fn read_source(
    source: &Source,
    options: &ReadOptions,
    bytes_read: &Arc<AtomicU64>,
    emit: &mut dyn FnMut(Unit) -> bool,
    skips: &mut WarcSkips,
) {
    let label = source.label();
    if let Some(message) = &source.unreadable {
        emit(failed(source.id.clone(), &label, ErrorKind::Io, message.clone()));
        return;
    }
    let raw: Box<dyn Read + Send> = match &source.path {
        None => Box::new(io::stdin()),
        Some(path) => match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                emit(failed(source.id.clone(), &label, ErrorKind::Io, e.to_string()));
                return;
            }
        },
    };
    let counted = Counting {
        inner: raw,
        count: Arc::clone(bytes_read),
    };
    let mut input = match open_decoded(Box::new(counted)) {
        Ok(d) => d,
        Err(e) => {
            emit(failed(source.id.clone(), &label, ErrorKind::Io, e.to_string()));
            return;
        }
    };
    match source.format {
        InputFormat::Text | InputFormat::Html => read_whole(source, &label, &mut input, options, emit),
        InputFormat::Jsonl => read_jsonl(&label, &mut input, options, emit),
        InputFormat::Warc | InputFormat::Arc => {
            let mut reader = if source.format == InputFormat::Warc {
                ArchiveReader::warc(&mut input, &label, options.max_doc_bytes)
            } else {
                ArchiveReader::arc(&mut input, &label, options.max_doc_bytes)
            };
            while let Some(unit) = reader.next_unit() {
                if !emit(unit) {
                    break;
                }
            }
            skips.add(reader.skips());
        }
    }
}

fn failed(id: String, position: &str, kind: ErrorKind, message: String) -> Unit {
    Unit {
        position: position.to_string(),
        payload: Payload::Failed(DocError::new(id, position, kind, message)),
    }
}

/// A text or HTML source: one document, read up to the size limit.
fn read_whole(
    source: &Source,
    label: &str,
    input: &mut Decoded,
    options: &ReadOptions,
    emit: &mut dyn FnMut(Unit) -> bool,
) {
    let id = source.id.clone();
    let mut bytes = Vec::new();
    let limit = options.max_doc_bytes as u64;
    if let Err(e) = input.by_ref().take(limit + 1).read_to_end(&mut bytes) {
        let (kind, message) = input.classify(&e);
        emit(failed(id, label, kind, message));
        return;
    }
    if bytes.len() as u64 > limit {
        let message = format!("over --max-doc-bytes ({limit} bytes)");
        emit(failed(id, label, ErrorKind::TooLarge, message));
        return;
    }
    let payload = match source.format {
        InputFormat::Html => Payload::Html {
            id,
            bytes,
            charset: None,
            meta: Default::default(),
        },
        _ => Payload::Text { id, bytes },
    };
    emit(Unit {
        position: label.to_string(),
        payload,
    });
}

/// A JSONL source: one unit a non-blank line. Lines are split here and parsed in the workers.
fn read_jsonl(label: &str, input: &mut Decoded, options: &ReadOptions, emit: &mut dyn FnMut(Unit) -> bool) {
    let mut line_no = 0usize;
    loop {
        line_no += 1;
        let mut buf = Vec::new();
        let position = format!("{label}:{line_no}");
        match read_line_bounded(input, &mut buf, options.max_doc_bytes) {
            Ok(Line::Eof) => return,
            Ok(Line::Complete) if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Line::Complete) => {
                let unit = Unit {
                    position,
                    payload: Payload::JsonLine {
                        line: line_no,
                        bytes: buf,
                    },
                };
                if !emit(unit) {
                    return;
                }
            }
            Ok(Line::TooLong(len)) => {
                let message = format!(
                    "line of {len} bytes is over --max-doc-bytes ({} bytes)",
                    options.max_doc_bytes
                );
                if !emit(failed(
                    format!("line-{line_no}"),
                    &position,
                    ErrorKind::TooLarge,
                    message,
                )) {
                    return;
                }
            }
            Err(e) => {
                let (kind, message) = input.classify(&e);
                emit(failed(format!("line-{line_no}"), &position, kind, message));
                return;
            }
        }
    }
}
