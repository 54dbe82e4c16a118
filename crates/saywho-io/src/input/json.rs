//! A JSON document as input: an array of objects (`json.dump(docs)`, pandas'
//! `to_json(orient="records")`), objects one after another however they are laid out (a
//! pretty-printed object, `jq .` output), or several arrays one after another (`cat a.json
//! b.json`). Each object becomes a unit as a JSONL line does, parsed in the workers, so its
//! fields, its errors and its stand-in id (`line-N`, N counting the objects) are a JSONL
//! line's.
//!
//! The document is split into its items by a scan of its bytes (strings, escapes and nesting),
//! not parsed here: an item that is not valid JSON or not UTF-8 is an error record of its own
//! and the items after it are read, and memory holds one item at a time, as for JSONL. Only a
//! break in the document's own structure (a missing comma, the end inside an item) stops the
//! reading, after the items before it.

use super::{failed, Decoded, ReadOptions, BOM, GIVE_UP_FACTOR};
use crate::doc::{Payload, Unit};
use crate::error::ErrorKind;
use std::io::{self, BufRead};

/// Reads a JSON document and hands each item to `emit` (see the module's comment); stops
/// when `emit` returns false.
pub(super) fn read_json(label: &str, input: &mut Decoded, options: &ReadOptions, emit: &mut dyn FnMut(Unit) -> bool) {
    let mut items = Items {
        label,
        max_doc_bytes: options.max_doc_bytes,
        give_up: options.max_doc_bytes.saturating_mul(GIVE_UP_FACTOR),
        emit,
        count: 0,
    };
    if let Err(end) = items.read(input) {
        let unit = match end {
            End::Stopped => return,
            End::Io(e) => {
                let (kind, message) = input.classify(&e);
                items.failed(kind, message)
            }
            End::Broken(message) => items.failed(ErrorKind::MalformedJson, message),
            End::Endless => {
                let message = format!(
                    "an item of more than {} bytes without an end ({GIVE_UP_FACTOR} times --max-doc-bytes): \
                     the rest of the document is not read",
                    items.give_up
                );
                items.failed(ErrorKind::TooLarge, message)
            }
        };
        (items.emit)(unit);
    }
}

/// Why the reading of a document ended before its end.
enum End {
    /// `emit` asked to stop: nothing more is handed over.
    Stopped,
    /// The input could not be read (a gzip stream cut short).
    Io(io::Error),
    /// The document's structure breaks here (what was found instead of what was expected).
    Broken(String),
    /// An item runs on past [`GIVE_UP_FACTOR`] times `--max-doc-bytes`.
    Endless,
}

impl From<io::Error> for End {
    fn from(e: io::Error) -> End {
        End::Io(e)
    }
}

/// The state of one document's reading: where its items go and how many went.
struct Items<'a> {
    label: &'a str,
    max_doc_bytes: usize,
    give_up: usize,
    emit: &'a mut dyn FnMut(Unit) -> bool,
    count: usize,
}

impl Items<'_> {
    /// Every item of the document, top-level value after top-level value.
    fn read(&mut self, input: &mut Decoded) -> Result<(), End> {
        if input.fill_buf()?.starts_with(BOM) {
            input.consume(BOM.len());
        }
        while let Some(first) = next_token(input)? {
            if first != b'[' {
                self.item(input)?;
                continue;
            }
            input.consume(1);
            // An item is due after `[` and after a comma; `]` closes the array at any point
            // (a trailing comma is let pass).
            let mut item_due = true;
            loop {
                match (next_token(input)?, item_due) {
                    (None, _) => {
                        let message = format!("the document ends inside its array, after item {}", self.count);
                        return Err(End::Broken(message));
                    }
                    (Some(b']'), _) => {
                        input.consume(1);
                        break;
                    }
                    (Some(b','), false) => {
                        input.consume(1);
                        item_due = true;
                    }
                    (Some(_), true) => {
                        self.item(input)?;
                        item_due = false;
                    }
                    (Some(b), false) => {
                        return Err(End::Broken(format!("{} where a comma or `]` was expected", shown(b))));
                    }
                }
            }
        }
        Ok(())
    }

    /// Reads the item that starts here and hands it over.
    fn item(&mut self, input: &mut Decoded) -> Result<(), End> {
        let mut bytes = Vec::new();
        let len = scan_value(input, &mut bytes, self.max_doc_bytes, self.give_up, self.count + 1)?;
        self.count += 1;
        let n = self.count;
        let position = format!("{}:item-{n}", self.label);
        let unit = if len > self.max_doc_bytes {
            let message = format!(
                "item of {len} bytes is over --max-doc-bytes ({} bytes)",
                self.max_doc_bytes
            );
            failed(format!("line-{n}"), &position, ErrorKind::TooLarge, message)
        } else {
            Unit {
                position,
                payload: Payload::JsonLine { line: n, bytes },
            }
        };
        if (self.emit)(unit) {
            Ok(())
        } else {
            Err(End::Stopped)
        }
    }

    /// The error record for the item after the last one handed over.
    fn failed(&self, kind: ErrorKind, message: String) -> Unit {
        let n = self.count + 1;
        failed(format!("line-{n}"), &format!("{}:item-{n}", self.label), kind, message)
    }
}

/// The next byte that is not JSON white space, left unread; `None` at the end.
fn next_token(input: &mut Decoded) -> io::Result<Option<u8>> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(None);
        }
        match buf.iter().position(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            Some(at) => {
                let b = buf[at];
                input.consume(at);
                return Ok(Some(b));
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
}

/// Reads one JSON value from here to its end, keeping its first `keep` bytes (+1, so that a
/// longer one shows) in `bytes`; returns its length. Strings, escapes and nesting are followed,
/// nothing else is checked: the workers parse the item.
fn scan_value(
    input: &mut Decoded,
    bytes: &mut Vec<u8>,
    keep: usize,
    give_up: usize,
    item: usize,
) -> Result<usize, End> {
    let Some(first) = next_token(input)? else {
        return Err(End::Broken(format!("the document ends where item {item} should start")));
    };
    if matches!(first, b',' | b']' | b'}' | b':') {
        return Err(End::Broken(format!("{} where item {item} should start", shown(first))));
    }
    let mut scan = Scan::default();
    let mut len = 0usize;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return match scan.at_end_of_input() {
                true => Ok(len),
                false => Err(End::Broken(format!("the document ends inside item {item}"))),
            };
        }
        let (used, done) = scan.feed(buf);
        let room = (keep + 1).saturating_sub(bytes.len());
        bytes.extend_from_slice(&buf[..used.min(room)]);
        input.consume(used);
        len += used;
        if done {
            return Ok(len);
        }
        if len > give_up {
            return Err(End::Endless);
        }
    }
}

/// Where a scan of one JSON value stands.
#[derive(Default)]
struct Scan {
    /// Open `{` and `[` not yet closed.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// A number, `true`, `false` or `null`: it ends at the first byte that cannot go on it.
    scalar: bool,
    started: bool,
}

impl Scan {
    /// Reads `buf` up to the value's end: the bytes that belong to it, and whether it ended.
    fn feed(&mut self, buf: &[u8]) -> (usize, bool) {
        for (i, &b) in buf.iter().enumerate() {
            if !self.started {
                self.started = true;
                match b {
                    b'{' | b'[' => self.depth = 1,
                    b'"' => self.in_string = true,
                    _ => self.scalar = true,
                }
                continue;
            }
            if self.scalar {
                if matches!(
                    b,
                    b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b'[' | b'{' | b'"' | b':'
                ) {
                    return (i, true);
                }
                continue;
            }
            if self.in_string {
                match (self.escaped, b) {
                    (true, _) => self.escaped = false,
                    (false, b'\\') => self.escaped = true,
                    (false, b'"') => {
                        self.in_string = false;
                        if self.depth == 0 {
                            return (i + 1, true);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                _ => {}
            }
        }
        (buf.len(), false)
    }

    /// Whether the value is whole when the input ends here: only a scalar ends without a
    /// closing byte.
    fn at_end_of_input(&self) -> bool {
        self.scalar
    }
}

/// A byte as an error message shows it.
fn shown(b: u8) -> String {
    if b.is_ascii_graphic() {
        format!("`{}`", b as char)
    } else {
        format!("byte 0x{b:02x}")
    }
}
