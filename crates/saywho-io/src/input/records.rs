//! What the WARC and ARC readers share: a record counter, skip counts, and the ways a record
//! ends — as a page, skipped, over the size limit, or cut short (after which the file is
//! abandoned: there is no reliable way to find the next record in a broken stream).

use crate::doc::{Meta, Payload, Unit};
use crate::error::{DocError, ErrorKind};
use crate::input::decode::Decoded;
use crate::input::lines::{read_line_upto, Ending, Line};
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::ops::ControlFlow::{self, Break, Continue};

/// Longest header line kept; WARC, ARC and HTTP header lines are far shorter in practice.
pub(crate) const MAX_HEADER_LINE: usize = 64 * 1024;

/// Records skipped, by reason (`request`, `metadata`, `non-HTML`, …).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WarcSkips {
    /// Count per reason.
    pub by_reason: BTreeMap<String, u64>,
}

impl WarcSkips {
    /// All records skipped.
    pub fn total(&self) -> u64 {
        self.by_reason.values().sum()
    }

    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: &WarcSkips) {
        for (reason, n) in &other.by_reason {
            *self.by_reason.entry(reason.clone()).or_default() += n;
        }
    }

    pub(crate) fn count(&mut self, reason: &str) {
        *self.by_reason.entry(reason.to_string()).or_default() += 1;
    }
}

/// Reads WARC or ARC records from a decompressed stream and turns them into [`Unit`]s: HTML
/// pages become documents, other records are skipped and counted in [`ArchiveReader::skips`].
/// A WARC document's id is its WARC-Record-ID; an ARC one's is `Archive-date/URL`, the Wayback
/// Machine's name for a capture.
pub struct ArchiveReader<'a> {
    r: Records<'a>,
    /// Reads one record of the format: `Some` when it yields a unit.
    read: fn(&mut Records<'_>) -> Option<Unit>,
}

impl<'a> ArchiveReader<'a> {
    /// A reader of the WARC records in `input`, whose positions are labelled `label:record N`.
    pub fn warc(input: &'a mut Decoded, label: &'a str, max_doc_bytes: usize) -> Self {
        ArchiveReader {
            r: Records::new(input, label, max_doc_bytes),
            read: crate::input::warc::next_record,
        }
    }

    /// A reader of the ARC records in `input`, whose positions are labelled `label:record N`.
    pub fn arc(input: &'a mut Decoded, label: &'a str, max_doc_bytes: usize) -> Self {
        ArchiveReader {
            r: Records::new(input, label, max_doc_bytes),
            read: crate::input::arc::next_record,
        }
    }

    /// Records skipped so far.
    pub fn skips(&self) -> &WarcSkips {
        &self.r.skips
    }

    /// The next document or error; `None` at the end of the input (or after an error that
    /// makes the rest unreadable).
    pub fn next_unit(&mut self) -> Option<Unit> {
        while !self.r.done {
            if let Some(unit) = (self.read)(&mut self.r) {
                return Some(unit);
            }
        }
        None
    }
}

/// A stream of archive records being read.
pub(crate) struct Records<'a> {
    pub(crate) input: &'a mut Decoded,
    label: &'a str,
    pub(crate) max_doc_bytes: usize,
    /// The current record, counting from 1.
    pub(crate) record: usize,
    pub(crate) skips: WarcSkips,
    /// Set at the end of the input, or after an error that makes the rest unreadable.
    pub(crate) done: bool,
    /// Set after a record whose header cannot be read: the next record is found by looking for
    /// the line that starts it (WARC: `WARC/`), not where the broken one said it ends.
    pub(crate) resync: bool,
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a mut Decoded, label: &'a str, max_doc_bytes: usize) -> Self {
        Records {
            input,
            label,
            max_doc_bytes,
            record: 0,
            skips: WarcSkips::default(),
            done: false,
            resync: false,
        }
    }

    /// The `record-N` id of the current record, for when it has no better one.
    pub(crate) fn fallback_id(&self) -> String {
        format!("record-{}", self.record)
    }

    /// Reads the first line of the next record into `line`, skipping the blank lines that end
    /// the previous one, and counts the record. `Continue` tells whether the line ended with a
    /// newline (`false`: the input ends inside it); `Break` holds what to return instead:
    /// `None` at the end of the input, or an error unit.
    pub(crate) fn start(&mut self, line: &mut Vec<u8>, what: &str) -> ControlFlow<Option<Unit>, bool> {
        loop {
            // A line that starts a record is short: reading stops just past the bound, so that
            // input that is not the format (`/dev/zero`) fails at its first bytes.
            match read_line_upto(self.input, line, MAX_HEADER_LINE, MAX_HEADER_LINE as u64) {
                Ok((Line::Eof, _)) => {
                    self.done = true;
                    return Break(None);
                }
                Ok((Line::Complete, _)) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok((Line::Complete, ending)) => {
                    self.record += 1;
                    return Continue(ending == Ending::Newline);
                }
                Ok((Line::TooLong(n), _)) => {
                    self.record += 1;
                    self.done = true;
                    let message = format!("a line of over {n} bytes where {what} should start");
                    return Break(self.fail(self.fallback_id(), ErrorKind::MalformedWarc, message));
                }
                Err(e) => {
                    self.record += 1;
                    return Break(self.stop(self.fallback_id(), ErrorKind::TruncatedWarc, &e));
                }
            }
        }
    }

    /// Skips to the next line that starts with `prefix` and reads it into `line`, counting a
    /// new record; `false` when the input ends first. Lines are read with a bound, so memory
    /// stays flat over any garbage in between.
    pub(crate) fn seek_line(&mut self, line: &mut Vec<u8>, prefix: &[u8]) -> io::Result<bool> {
        self.resync = false;
        loop {
            match read_line_upto(self.input, line, MAX_HEADER_LINE, u64::MAX)? {
                (Line::Complete, _) if line.starts_with(prefix) => {
                    self.record += 1;
                    return Ok(true);
                }
                (Line::Complete | Line::TooLong(_), _) => continue,
                (Line::Eof, _) => {
                    self.done = true;
                    return Ok(false);
                }
            }
        }
    }

    /// An error unit for the current record.
    pub(crate) fn fail(&mut self, id: String, kind: ErrorKind, message: String) -> Option<Unit> {
        let position = self.position();
        Some(Unit {
            position: position.clone(),
            payload: Payload::Failed(DocError::new(id, position, kind, message)),
        })
    }

    /// An error that ends the file: `kind`, unless the decompressor explains the failure.
    pub(crate) fn stop(&mut self, id: String, kind: ErrorKind, e: &io::Error) -> Option<Unit> {
        self.done = true;
        let (kind, message) = match self.input.classify(e) {
            (ErrorKind::Io, _) => (kind, e.to_string()),
            other => other,
        };
        self.fail(id, kind, message)
    }

    fn position(&self) -> String {
        format!("{}:record {}", self.label, self.record)
    }

    /// Reads a block of `length` bytes. `Break` holds what to return instead: an error unit when
    /// the block is over the size limit (skipped unread) or the input ends first.
    pub(crate) fn block(&mut self, id: &str, length: u64) -> ControlFlow<Option<Unit>, Vec<u8>> {
        // The limit is on the page; allow for the HTTP header in front of it.
        if length > self.max_doc_bytes as u64 + MAX_HEADER_LINE as u64 {
            if let Some(unit) = self.skip_body(id.to_string(), length) {
                return Break(Some(unit));
            }
            let message = format!(
                "record of {length} bytes is over --max-doc-bytes ({})",
                self.max_doc_bytes
            );
            return Break(self.fail(id.to_string(), ErrorKind::TooLarge, message));
        }
        let mut block = Vec::with_capacity(length as usize);
        match self.input.by_ref().take(length).read_to_end(&mut block) {
            Ok(n) if (n as u64) < length => {
                self.done = true;
                let message = format!("the record ends after {n} of its {length} bytes");
                Break(self.fail(id.to_string(), ErrorKind::TruncatedWarc, message))
            }
            Ok(_) => Continue(block),
            Err(e) => Break(self.stop(id.to_string(), ErrorKind::TruncatedWarc, &e)),
        }
    }

    /// Skips a block without keeping it; an error unit when the input ends first.
    pub(crate) fn skip_body(&mut self, id: String, length: u64) -> Option<Unit> {
        match io::copy(&mut self.input.by_ref().take(length), &mut io::sink()) {
            Ok(n) if n < length => {
                self.done = true;
                self.fail(
                    id,
                    ErrorKind::TruncatedWarc,
                    format!("the record ends after {n} of its {length} bytes"),
                )
            }
            Ok(_) => None,
            Err(e) => self.stop(id, ErrorKind::TruncatedWarc, &e),
        }
    }

    /// An HTML page found in the current record.
    pub(crate) fn page(&mut self, id: String, bytes: Vec<u8>, charset: Option<String>, meta: Meta) -> Option<Unit> {
        if bytes.len() > self.max_doc_bytes {
            let message = format!(
                "page of {} bytes is over --max-doc-bytes ({})",
                bytes.len(),
                self.max_doc_bytes
            );
            return self.fail(id, ErrorKind::TooLarge, message);
        }
        Some(Unit {
            position: self.position(),
            payload: Payload::Html {
                id,
                bytes,
                charset,
                meta,
            },
        })
    }
}
