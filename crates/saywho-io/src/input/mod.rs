//! Inputs: which files to read, in which format, and the streaming readers that turn each into
//! [`Unit`]s. Readers hold at most one document (bounded by `max_doc_bytes`) in memory.

mod arc;
mod decode;
mod json;
mod lines;
mod plan;
mod records;
mod stream;
mod warc;

pub use decode::{open_decoded, Compression, Decoded};
pub use lines::{read_line_bounded, Line};

use lines::{read_line_upto, Ending};
pub use plan::{plan, same_file, Plan, SharedId, SkippedFiles, Source};
pub use records::{ArchiveReader, WarcSkips};
pub use warc::write_warc_record;

use crate::doc::{Payload, Unit};
use crate::error::{DocError, ErrorKind};
use std::io::{self, BufRead, Read};
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
    /// A JSON document: an array of objects, or objects one after another however laid out
    /// (pretty-printed); each object is a document, as a JSONL line is. Never chosen by a
    /// file's name (a folder's `.json` files are often something else): by `--input-format`,
    /// or by the first bytes of an input whose name says nothing ([`sniff_format`]).
    Json,
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
        let name = InputFormat::COMPRESSED
            .iter()
            .find_map(|c| name.strip_suffix(&format!(".{c}")))
            .unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        InputFormat::EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, format)| *format)
    }

    /// The extensions (lower case, without the dot) that [`InputFormat::detect`] reads, and
    /// the format of each: also what a folder's files are chosen by.
    pub const EXTENSIONS: [(&'static str, InputFormat); 9] = [
        ("txt", InputFormat::Text),
        ("text", InputFormat::Text),
        ("jsonl", InputFormat::Jsonl),
        ("ndjson", InputFormat::Jsonl),
        ("html", InputFormat::Html),
        ("htm", InputFormat::Html),
        ("xhtml", InputFormat::Html),
        ("warc", InputFormat::Warc),
        ("arc", InputFormat::Arc),
    ];

    /// The compressed suffixes [`InputFormat::detect`] looks through (`corpus.jsonl.gz`).
    pub const COMPRESSED: [&'static str; 2] = ["gz", "zst"];
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
                emit(failed(source.id.clone(), &label, ErrorKind::Io, open_error(path, &e)));
                return;
            }
        },
    };
    let counted = Counting {
        inner: raw,
        count: Arc::clone(bytes_read),
    };
    read_stream(Box::new(counted), source, options, emit, skips);
}

/// [`read_source`] over bytes from `raw` rather than the source's own file: `source` gives the
/// format, the id and the label of positions. For callers that hold the bytes elsewhere (a
/// network stream, a fuzzer's input).
///
/// ```
/// use saywho_io::{read_stream, InputFormat, ReadOptions, Source, WarcSkips};
/// let source = Source { path: None, format: InputFormat::Jsonl, id: "mem".into(), unreadable: None, sniff: false };
/// let bytes = b"{\"id\": \"a\", \"text\": \"x\"}\n{broken\n".to_vec();
/// let mut units = Vec::new();
/// let options = ReadOptions { max_doc_bytes: 1000 };
/// read_stream(Box::new(std::io::Cursor::new(bytes)), &source, &options, &mut |u| { units.push(u); true }, &mut WarcSkips::default());
/// assert_eq!(units.len(), 2);
/// ```
pub fn read_stream(
    raw: Box<dyn Read + Send>,
    source: &Source,
    options: &ReadOptions,
    emit: &mut dyn FnMut(Unit) -> bool,
    skips: &mut WarcSkips,
) {
    let label = source.label();
    let mut input = match open_decoded(raw) {
        Ok(d) => d,
        Err(e) => {
            emit(failed(source.id.clone(), &label, ErrorKind::Io, e.to_string()));
            return;
        }
    };
    let sniffed;
    let source = if source.sniff {
        let format = match input.peek(SNIFF_BYTES) {
            Ok(head) => sniff_format(head),
            Err(e) => {
                let (kind, message) = input.classify(&e);
                emit(failed(source.id.clone(), &label, kind, message));
                return;
            }
        };
        sniffed = Source {
            format,
            sniff: false,
            ..source.clone()
        };
        &sniffed
    } else {
        source
    };
    match source.format {
        InputFormat::Text | InputFormat::Html => read_whole(source, &label, &mut input, options, emit),
        InputFormat::Jsonl => read_jsonl(&label, &mut input, options, emit),
        InputFormat::Json => json::read_json(&label, &mut input, options, emit),
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

/// Bytes [`sniff_format`] is given (fewer when the first line or the input ends sooner).
const SNIFF_BYTES: usize = 512;

/// The format of an input that nothing names (standard input without `--input-format`, a file
/// given by a name saywho does not know), told from its first bytes once decompressed: a
/// WARC or ARC file by its first record's header, JSONL by a first line that opens a JSON
/// object (`{` then, on the same line, a key or `}`), a JSON document by `[{` or `{"` across
/// lines, or by `{` or `[` opening what reads as JSON up to the end of the bytes given, HTML
/// by a tag (or `<!DOCTYPE`, `<?xml`), and text otherwise (a text does not start so).
/// Leading white space and a UTF-8 byte-order mark are passed over.
///
/// ```
/// use saywho_io::{sniff_format, InputFormat};
/// assert_eq!(sniff_format(b"{\"id\": \"a\", \"text\": \"...\"}\n"), InputFormat::Jsonl);
/// assert_eq!(sniff_format(b"[{\"id\": \"a\", \"text\": \"...\"}]"), InputFormat::Json);
/// assert_eq!(sniff_format(b"{\n  \"id\": \"a\","), InputFormat::Json);
/// assert_eq!(sniff_format(b"<!DOCTYPE html><html>"), InputFormat::Html);
/// assert_eq!(sniff_format(b"WARC/1.1\r\n"), InputFormat::Warc);
/// assert_eq!(sniff_format("“We will win,” she said.".as_bytes()), InputFormat::Text);
/// ```
pub fn sniff_format(head: &[u8]) -> InputFormat {
    let head = head.strip_prefix(BOM).unwrap_or(head);
    let head = head.trim_ascii_start();
    // The first byte after `n` that is not a space or a tab: a JSON line's key is on its line.
    let after = |n: usize| {
        head.get(n..)
            .unwrap_or_default()
            .iter()
            .copied()
            .find(|b| !matches!(b, b' ' | b'\t'))
    };
    if head.starts_with(b"WARC/") {
        InputFormat::Warc
    } else if head.starts_with(b"filedesc://") {
        InputFormat::Arc
    } else if head.first() == Some(&b'{') && matches!(after(1), Some(b'"' | b'}')) {
        InputFormat::Jsonl
    } else if matches!(head.first(), Some(b'{' | b'[')) && (opens_record(head) || starts_json(head)) {
        // An object laid out over lines, or an array.
        InputFormat::Json
    } else if head.first() == Some(&b'<')
        && head
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || b"!?".contains(b))
    {
        InputFormat::Html
    } else {
        InputFormat::Text
    }
}

/// Whether `head` opens an array of objects (`[` then `{`) or an object with a key (`{` then
/// `"`), white space and line ends between: JSON whatever follows, even when broken further on.
fn opens_record(head: &[u8]) -> bool {
    let second = head.iter().skip(1).find(|b| !b.is_ascii_whitespace());
    matches!(
        (head.first(), second),
        (Some(b'['), Some(b'{')) | (Some(b'{'), Some(b'"'))
    )
}

/// Whether `head` opens a JSON value: its first value parses, or is cut short by the end of
/// `head` ("[Photo] Ann said …" and "{braces} open this text" do neither).
fn starts_json(head: &[u8]) -> bool {
    match serde_json::Deserializer::from_slice(head)
        .into_iter::<serde::de::IgnoredAny>()
        .next()
    {
        Some(Ok(_)) => true,
        Some(Err(e)) => e.is_eof(),
        None => false,
    }
}

/// Why `path` cannot be opened, naming the target of a symbolic link (a broken one is the usual cause).
fn open_error(path: &Path, e: &io::Error) -> String {
    match std::fs::read_link(path) {
        Ok(target) => format!("symbolic link to {}: {e}", target.display()),
        Err(_) => e.to_string(),
    }
}

/// The UTF-8 byte-order mark some Windows editors put in front of a file.
pub(super) const BOM: &[u8] = b"\xef\xbb\xbf";

/// Drops a UTF-8 byte-order mark: it is not text (offsets count from after it), and in front
/// of a JSONL line it would make the line malformed JSON.
fn strip_bom(bytes: &mut Vec<u8>) {
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
}

pub(super) fn failed(id: String, position: &str, kind: ErrorKind, message: String) -> Unit {
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
        // The HTML decoder drops its own byte-order mark, with the charset it implies.
        InputFormat::Html => Payload::Html {
            id,
            bytes,
            charset: None,
            meta: Default::default(),
        },
        _ => {
            strip_bom(&mut bytes);
            Payload::Text { id, bytes }
        }
    };
    emit(Unit {
        position: label.to_string(),
        payload,
    });
}

/// A line this many times `--max-doc-bytes` long is not skipped to its end: it may have none
/// (`/dev/zero`, a binary file), and reading on would take unbounded time.
pub(super) const GIVE_UP_FACTOR: usize = 16;

/// A JSONL source: one unit a non-blank line. Lines are split here and parsed in the workers.
/// A file that cannot be JSONL — binary data at its start, or a line that does not end — is one
/// error record, and the rest of it is not read.
fn read_jsonl(label: &str, input: &mut Decoded, options: &ReadOptions, emit: &mut dyn FnMut(Unit) -> bool) {
    // A decoder's error (a gzip header cut short) is given once, then the stream reads as
    // ended: it is reported here, not lost to the look at the first bytes below.
    if let Some(e) = input.fill_buf().err() {
        let (kind, message) = input.classify(&e);
        emit(failed("line-1".into(), &format!("{label}:1"), kind, message));
        return;
    }
    if let Some(message) = binary_start(input) {
        emit(failed(
            "line-1".into(),
            &format!("{label}:1"),
            ErrorKind::MalformedJson,
            message,
        ));
        return;
    }
    let give_up = options.max_doc_bytes.saturating_mul(GIVE_UP_FACTOR) as u64;
    let mut line_no = 0usize;
    loop {
        line_no += 1;
        let mut buf = Vec::new();
        let position = format!("{label}:{line_no}");
        let unit = match read_line_upto(input, &mut buf, options.max_doc_bytes, give_up) {
            Ok((Line::Eof, _)) => return,
            Ok((Line::Complete, _)) => {
                // At the start of the file, or of a file concatenated to it (`cat a.jsonl b.jsonl`).
                strip_bom(&mut buf);
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                Unit {
                    position,
                    payload: Payload::JsonLine {
                        line: line_no,
                        bytes: buf,
                    },
                }
            }
            Ok((Line::TooLong(len), Ending::Cut)) => {
                let message = format!(
                    "a line of more than {len} bytes without an end ({GIVE_UP_FACTOR} times --max-doc-bytes): \
                     this is not JSONL; the rest of the file is not read"
                );
                emit(failed(
                    format!("line-{line_no}"),
                    &position,
                    ErrorKind::TooLarge,
                    message,
                ));
                return;
            }
            Ok((Line::TooLong(len), _)) => {
                let message = format!(
                    "line of {len} bytes is over --max-doc-bytes ({} bytes)",
                    options.max_doc_bytes
                );
                failed(format!("line-{line_no}"), &position, ErrorKind::TooLarge, message)
            }
            Err(e) => {
                let (kind, message) = input.classify(&e);
                emit(failed(format!("line-{line_no}"), &position, kind, message));
                return;
            }
        };
        if !emit(unit) {
            return;
        }
    }
}

/// Why the input cannot be JSONL text, judged by its first KiB: NUL bytes, which JSON never
/// holds, where the text does not open a JSON object or where they are many (a binary file,
/// UTF-16, `/dev/zero`). Reading such a file line by line would give a flood of errors, or one
/// endless line. A stray NUL inside a first line that is JSON makes that line malformed, as it
/// would further down, and the rest is read.
fn binary_start(input: &mut Decoded) -> Option<String> {
    // A read error is reported before this is asked.
    let head = input.fill_buf().ok()?;
    let head = &head[..head.len().min(1024)];
    let at = head.iter().position(|&b| b == 0)?;
    let nuls = head.iter().filter(|&&b| b == 0).count();
    let opens_object = head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    // UTF-16 holds a NUL in every other byte of ASCII text.
    if opens_object && nuls * 16 <= head.len() {
        return None;
    }
    let utf16 = if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        " (it starts with a UTF-16 byte-order mark: convert it to UTF-8)"
    } else {
        ""
    };
    Some(format!(
        "binary data, not JSONL text: a NUL byte at offset {at}{utf16}; the rest of the file is not read"
    ))
}
