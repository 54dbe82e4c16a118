//! What the WARC and ARC readers share: a record counter, skip counts, and the ways a record
//! ends — as a page, skipped, over the size limit, or cut short.
//!
//! A record's length field is checked against what follows its block: the next record's first
//! line, or the end of the input. When it does not fit, the block is cut at the first record
//! start inside it (the length overran the next record, which is read next) or extended to the
//! next record start after it (the length stopped short). Only an input that ends inside a
//! record holding no record start is abandoned.

use crate::doc::{Meta, Payload, Unit};
use crate::error::{DocError, ErrorKind};
use crate::input::decode::Decoded;
use crate::input::lines::{read_line_upto, Ending, Line};
use crate::input::stream::{record_start_in, trim_line_end, trim_trailing_line_ends, Stream};
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
    /// Records (read or skipped) whose length field was wrong, read up to where the next record
    /// starts instead.
    pub wrong_length: u64,
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
        self.wrong_length += other.wrong_length;
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
            r: Records::new(input, label, max_doc_bytes, crate::input::warc::starts_record),
            read: crate::input::warc::next_record,
        }
    }

    /// A reader of the ARC records in `input`, whose positions are labelled `label:record N`.
    pub fn arc(input: &'a mut Decoded, label: &'a str, max_doc_bytes: usize) -> Self {
        ArchiveReader {
            r: Records::new(input, label, max_doc_bytes, crate::input::arc::starts_record),
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
    pub(crate) input: Stream<'a>,
    /// Whether a line (without its line end) is the first line of a record of the format.
    starts_record: fn(&[u8]) -> bool,
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

/// Where [`Records::extend_to_record_start`] stopped.
enum Extended {
    /// At a line that starts a record.
    ToRecordStart,
    /// At the end of the input.
    ToEnd,
    /// At the size limit.
    OverLimit,
}

/// How reading a record's block ended.
enum BlockEnd {
    /// The block, up to where the next record starts.
    Whole(Vec<u8>),
    /// Over the size limit: read past, not kept.
    TooLarge,
    /// The input ends after this many of its bytes, with no record start among them.
    Truncated(u64),
}

impl<'a> Records<'a> {
    pub(crate) fn new(
        input: &'a mut Decoded,
        label: &'a str,
        max_doc_bytes: usize,
        starts_record: fn(&[u8]) -> bool,
    ) -> Self {
        Records {
            input: Stream::new(input),
            starts_record,
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
            match read_line_upto(&mut self.input, line, MAX_HEADER_LINE, MAX_HEADER_LINE as u64) {
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

    /// Skips to the next line that starts a record and reads it into `line`, counting a new
    /// record; `false` when the input ends first. Lines are read with a bound, so memory stays
    /// flat over any garbage in between.
    pub(crate) fn seek_record(&mut self, line: &mut Vec<u8>) -> io::Result<bool> {
        self.resync = false;
        loop {
            match read_line_upto(&mut self.input, line, MAX_HEADER_LINE, u64::MAX)? {
                (Line::Complete, _) if (self.starts_record)(line) => {
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

    /// The most bytes of one block held in memory: a page at the size limit and its HTTP
    /// header.
    fn held_limit(&self) -> u64 {
        self.max_doc_bytes as u64 + MAX_HEADER_LINE as u64
    }

    /// Reads a block of `length` bytes. `Break` holds what to return instead: an error unit when
    /// the block is over the size limit (skipped unread) or the input ends first.
    pub(crate) fn block(&mut self, id: &str, length: u64) -> ControlFlow<Option<Unit>, Vec<u8>> {
        match self.read_block(length) {
            Ok(BlockEnd::Whole(block)) => Continue(block),
            Ok(BlockEnd::TooLarge) => {
                let message = format!(
                    "record of {length} bytes is over --max-doc-bytes ({})",
                    self.max_doc_bytes
                );
                Break(self.fail(id.to_string(), ErrorKind::TooLarge, message))
            }
            Ok(BlockEnd::Truncated(n)) => Break(self.truncated(id.to_string(), n, length)),
            Err(e) => Break(self.stop(id.to_string(), ErrorKind::TruncatedWarc, &e)),
        }
    }

    /// Skips a block without keeping it; an error unit when the input ends first.
    pub(crate) fn skip_body(&mut self, id: String, length: u64) -> Option<Unit> {
        match self.read_block(length) {
            Ok(BlockEnd::Whole(_) | BlockEnd::TooLarge) => None,
            Ok(BlockEnd::Truncated(n)) => self.truncated(id, n, length),
            Err(e) => self.stop(id, ErrorKind::TruncatedWarc, &e),
        }
    }

    /// The error of a record the input ends inside; nothing more can be read.
    fn truncated(&mut self, id: String, n: u64, length: u64) -> Option<Unit> {
        self.done = true;
        let message = format!("the record ends after {n} of its {length} bytes");
        self.fail(id, ErrorKind::TruncatedWarc, message)
    }

    /// Reads a block of `length` bytes, up to where the next record truly starts; blocks over
    /// the size limit are not kept.
    fn read_block(&mut self, length: u64) -> io::Result<BlockEnd> {
        if length > self.held_limit() {
            return self.read_long_block(length);
        }
        let mut block = Vec::with_capacity(length as usize);
        let n = self.input.by_ref().take(length).read_to_end(&mut block)? as u64;
        if n == length {
            if self.next_starts_record()? {
                return Ok(BlockEnd::Whole(block));
            }
            // The line the length ends in may be the next record's first ("\n\nWA" + "RC/1.0").
            let rest = self.input.read_raw_line(MAX_HEADER_LINE)?;
            block.extend_from_slice(&rest);
        }
        // The length overran the next record, which starts inside the block.
        if let Some(p) = record_start_in(&block, self.starts_record) {
            self.input.put_back(block.split_off(p));
            self.skips.wrong_length += 1;
            trim_trailing_line_ends(&mut block);
            return Ok(BlockEnd::Whole(block));
        }
        if n < length {
            return Ok(BlockEnd::Truncated(n));
        }
        // The length stopped short: the block goes on to the next record start. Without one
        // before the input ends, what follows is no part of it, but a record cut short (or
        // garbage), and is read as the next record.
        match self.extend_to_record_start(&mut block)? {
            Extended::ToRecordStart => {
                self.skips.wrong_length += 1;
                trim_trailing_line_ends(&mut block);
                Ok(BlockEnd::Whole(block))
            }
            Extended::ToEnd => {
                self.input.put_back(block.split_off(length as usize));
                Ok(BlockEnd::Whole(block))
            }
            Extended::OverLimit => {
                self.skips.wrong_length += 1;
                self.resync = true;
                Ok(BlockEnd::TooLarge)
            }
        }
    }

    /// Whether what follows the read position, after blank lines, starts a record (or the
    /// input ends there).
    fn next_starts_record(&mut self) -> io::Result<bool> {
        Ok(match self.input.peek_first_line(MAX_HEADER_LINE)? {
            None => true,
            Some(line) => (self.starts_record)(&line),
        })
    }

    /// Appends lines to `block` up to the next record start or the end of the input.
    fn extend_to_record_start(&mut self, block: &mut Vec<u8>) -> io::Result<Extended> {
        loop {
            let room = self.held_limit().saturating_sub(block.len() as u64);
            if room == 0 {
                return Ok(Extended::OverLimit);
            }
            let piece = self.input.read_raw_line(room.min(MAX_HEADER_LINE as u64) as usize)?;
            if piece.is_empty() {
                return Ok(Extended::ToEnd);
            }
            let at_line_start = block.last().is_none_or(|&b| b == b'\n');
            if at_line_start && (self.starts_record)(trim_line_end(&piece)) {
                self.input.put_back(piece);
                return Ok(Extended::ToRecordStart);
            }
            block.extend_from_slice(&piece);
        }
    }

    /// [`Records::read_block`] of a block over the size limit, read a line at a time: its start
    /// is held up to the limit, and from the first record start inside it, what follows, so
    /// that a length that overran the next records gives them back. When what follows a
    /// record start grows to the limit too, the length is taken to be wrong there and then (a
    /// line starting a record is next to impossible in a real block's bytes), so that no byte
    /// is read that cannot be given back.
    fn read_long_block(&mut self, length: u64) -> io::Result<BlockEnd> {
        let limit = self.held_limit();
        let mut head = Some(Vec::new());
        let mut inside: Option<Vec<u8>> = None;
        let mut got = 0u64;
        let mut at_line_start = false;
        let mut inside_full = false;
        while got < length {
            // Whole lines, even past the block's end: the line the length ends in may be the
            // next record's first.
            let mut piece = self.input.read_raw_line(MAX_HEADER_LINE)?;
            if piece.is_empty() {
                break;
            }
            let starts = inside.is_none() && at_line_start && (self.starts_record)(trim_line_end(&piece));
            let past_end = (got + piece.len() as u64).saturating_sub(length) as usize;
            if past_end > 0 && !starts {
                self.input.put_back(piece.split_off(piece.len() - past_end));
            }
            match (&mut inside, &mut head) {
                (None, _) if starts => inside = Some(piece.clone()),
                (None, Some(h)) if (h.len() + piece.len()) as u64 <= limit => h.extend_from_slice(&piece),
                (None, _) => head = None,
                (Some(held), _) if (held.len() + piece.len()) as u64 <= limit => held.extend_from_slice(&piece),
                (Some(_), _) => {
                    self.input.put_back(piece);
                    inside_full = true;
                    break;
                }
            }
            got += piece.len() as u64;
            at_line_start = piece.ends_with(b"\n");
        }
        let ended_early = got < length && !inside_full;
        if !ended_early && !inside_full && self.next_starts_record()? {
            return Ok(BlockEnd::TooLarge);
        }
        let Some(inside) = inside else {
            if ended_early {
                return Ok(BlockEnd::Truncated(got));
            }
            // The length stopped short: the next record is found by its first line.
            self.skips.wrong_length += 1;
            self.resync = true;
            return Ok(BlockEnd::TooLarge);
        };
        self.input.put_back(inside);
        self.skips.wrong_length += 1;
        Ok(match head {
            Some(mut block) => {
                trim_trailing_line_ends(&mut block);
                BlockEnd::Whole(block)
            }
            None => BlockEnd::TooLarge,
        })
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
