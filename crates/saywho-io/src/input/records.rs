//! What the WARC and ARC readers share: a record counter, skip counts, and the ways a record
//! ends — as a page, skipped, over the size limit, or cut short.
//!
//! A record's length field fits when its block is followed by the end of the input, by a line
//! end and the next record's first line, or by that first line at once; a length that fits is
//! never overridden, whatever the block holds. A length followed by neither a line end nor a
//! record start is wrong: the block is cut at the first record start inside it (the length
//! overran the next record, which is read next) or read on to the next record start after it
//! (the length stopped short). A line end followed by anything else is damage after a right
//! length unless a record starts inside the block (see `Fit::Suspect`).

use crate::doc::{Meta, Payload, Unit};
use crate::error::{DocError, ErrorKind};
use crate::input::decode::Decoded;
use crate::input::lines::{read_line_upto, Ending, Line};
use crate::input::stream::{trim_line_end, trim_trailing_line_ends, Stream};
use std::collections::BTreeMap;
use std::io::{self, BufRead, Read};
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
            r: Records::new(input, label, max_doc_bytes, crate::input::warc::RECORD_START),
            read: crate::input::warc::next_record,
        }
    }

    /// A reader of the ARC records in `input`, whose positions are labelled `label:record N`.
    pub fn arc(input: &'a mut Decoded, label: &'a str, max_doc_bytes: usize) -> Self {
        ArchiveReader {
            r: Records::new(input, label, max_doc_bytes, crate::input::arc::RECORD_START),
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
    /// What the first line of a record of the format looks like.
    start: RecordStart,
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

/// How a format's records start: a line of their own, after a blank line or not.
#[derive(Clone, Copy)]
pub(crate) struct RecordStart {
    /// Whether a line (without its line end) is the first line of a record.
    pub(crate) line: fn(&[u8]) -> bool,
    /// Whether a byte may be a record's first: a quick test that spares looking at most lines.
    pub(crate) first_byte: fn(u8) -> bool,
    /// Whether the line before a record's first is blank (WARC's block is followed by two line
    /// ends; ARC's by one, after the content's last line).
    pub(crate) after_blank_line: bool,
}

impl RecordStart {
    /// Whether `line` (with its line end) starts a record after the bytes `before` it (at
    /// least the last two, when there are).
    pub(crate) fn is_at(&self, before: &[u8], line: &[u8]) -> bool {
        let line_start = before.last().is_none_or(|&b| b == b'\n');
        let blank_before = before.ends_with(b"\n\n") || before.ends_with(b"\n\r\n") || before.is_empty();
        line_start && (blank_before || !self.after_blank_line) && (self.line)(trim_line_end(line))
    }
}

/// What [`Records::read_long_block`] keeps of a block over the size limit: its head, and from the
/// first record start inside it, what follows, each up to the limit.
struct LongBlock {
    limit: u64,
    head: Option<Vec<u8>>,
    inside: Option<Vec<u8>>,
    /// Bytes after a record start that were over the limit.
    lost: u64,
    /// The last bytes read, for the test of a record start.
    before: Vec<u8>,
}

impl LongBlock {
    fn new(limit: u64) -> Self {
        LongBlock {
            limit,
            head: Some(Vec::new()),
            inside: None,
            lost: 0,
            before: Vec::with_capacity(32),
        }
    }

    fn keep(&mut self, bytes: &[u8]) {
        let room = |held: &Vec<u8>| self.limit.saturating_sub(held.len() as u64).min(bytes.len() as u64) as usize;
        match (&mut self.inside, &mut self.head) {
            (Some(held), _) => {
                let n = room(held);
                held.extend_from_slice(&bytes[..n]);
                self.lost += (bytes.len() - n) as u64;
            }
            (None, Some(head)) if room(head) == bytes.len() => head.extend_from_slice(bytes),
            (None, _) => self.head = None,
        }
        self.before.extend_from_slice(&bytes[bytes.len().saturating_sub(16)..]);
        self.before.drain(..self.before.len().saturating_sub(16));
    }
}

/// How a record's length fits what follows its block.
enum Fit {
    /// The end of the input, a record start after a line end, or a record start right there
    /// (a writer that left out the line ends).
    Fits,
    /// A line end, then no record start: damage after a right length, or a wrong length that
    /// ends just before a line end.
    Suspect,
    /// Neither a line end nor a record start: the length is wrong.
    Wrong,
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

/// The first place after `bytes`' first byte where a record starts.
fn record_start_in(bytes: &[u8], start: RecordStart) -> Option<usize> {
    memchr::memchr_iter(b'\n', bytes).map(|i| i + 1).find(|&p| {
        let rest = &bytes[p..];
        let line = &rest[..memchr::memchr(b'\n', rest).map_or(rest.len(), |e| e + 1)];
        start.is_at(&bytes[..p], line)
    })
}

/// Where the last record in `held` starts (`held` starts with one).
fn last_record_start(held: &[u8], start: RecordStart) -> usize {
    memchr::memchr_iter(b'\n', held)
        .map(|i| i + 1)
        .rfind(|&p| {
            let rest = &held[p..];
            let line = &rest[..memchr::memchr(b'\n', rest).map_or(rest.len(), |e| e + 1)];
            start.is_at(&held[..p], line)
        })
        .unwrap_or(0)
}

/// How reading a record's block ended.
enum BlockEnd {
    /// The block, up to where the next record starts.
    Whole(Vec<u8>),
    /// Over the size limit: read past, not kept.
    TooLarge,
    /// The input ends after this many of its bytes, with no record start among them.
    Truncated(u64),
    /// The length overran the next records by more than the size limit: those in the first
    /// part were given back, `lost` bytes after them could not be.
    Overran { lost: u64 },
    /// The length stopped short, and the block runs on past it to over the size limit.
    RunsOn,
}

impl<'a> Records<'a> {
    pub(crate) fn new(input: &'a mut Decoded, label: &'a str, max_doc_bytes: usize, start: RecordStart) -> Self {
        Records {
            input: Stream::new(input),
            start,
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
                (Line::Complete, _) if (self.start.line)(line) => {
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
            Ok(end) => Break(self.block_error(id.to_string(), length, end)),
            Err(e) => Break(self.stop(id.to_string(), ErrorKind::TruncatedWarc, &e)),
        }
    }

    /// Skips a block without keeping it; an error unit when the input ends first.
    pub(crate) fn skip_body(&mut self, id: String, length: u64) -> Option<Unit> {
        match self.read_block(length) {
            Ok(BlockEnd::Whole(_) | BlockEnd::TooLarge) => None,
            Ok(end) => self.block_error(id, length, end),
            Err(e) => self.stop(id, ErrorKind::TruncatedWarc, &e),
        }
    }

    /// The error unit of a block that ended in a way that loses bytes.
    fn block_error(&mut self, id: String, length: u64, end: BlockEnd) -> Option<Unit> {
        match end {
            BlockEnd::Truncated(n) => {
                self.done = true;
                let message = format!("the record ends after {n} of its {length} bytes");
                self.fail(id, ErrorKind::TruncatedWarc, message)
            }
            BlockEnd::Overran { lost } => {
                let message = format!(
                    "the record's length ({length}) runs past the records after it: those in the \
                     first --max-doc-bytes after it are read, {lost} bytes after them are lost"
                );
                self.fail(id, ErrorKind::MalformedWarc, message)
            }
            BlockEnd::RunsOn => {
                let message = format!(
                    "the record runs on past its length ({length}) to over --max-doc-bytes ({}) \
                     without a record start; reading resumes at the next one",
                    self.max_doc_bytes
                );
                self.fail(id, ErrorKind::TooLarge, message)
            }
            BlockEnd::Whole(_) | BlockEnd::TooLarge => None,
        }
    }

    /// How well the length just read fits what follows it.
    fn fit(&mut self) -> io::Result<Fit> {
        match self.input.fill_buf()?.first() {
            None => return Ok(Fit::Fits),
            Some(b'\r' | b'\n') => {}
            Some(_) => {
                let line = self.input.read_raw_line(MAX_HEADER_LINE)?;
                let starts = (self.start.line)(trim_line_end(&line));
                self.input.put_back(line);
                return Ok(if starts { Fit::Fits } else { Fit::Wrong });
            }
        }
        Ok(match self.input.peek_first_line(MAX_HEADER_LINE)? {
            None => Fit::Fits,
            Some(line) if (self.start.line)(&line) => Fit::Fits,
            Some(_) => Fit::Suspect,
        })
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
            match self.fit()? {
                Fit::Fits => return Ok(BlockEnd::Whole(block)),
                // Damage after a right length, or a wrong one that ends just before a line
                // end: only a record start inside the block says which.
                Fit::Suspect => {
                    if let Some(p) = record_start_in(&block, self.start) {
                        self.input.put_back(block.split_off(p));
                        self.skips.wrong_length += 1;
                        trim_trailing_line_ends(&mut block);
                    }
                    return Ok(BlockEnd::Whole(block));
                }
                Fit::Wrong => {}
            }
            // The line the length ends in may be the next record's first ("\n\nWA" + "RC/1.0").
            let rest = self.input.read_raw_line(MAX_HEADER_LINE)?;
            block.extend_from_slice(&rest);
        }
        // The length overran the next record, which starts inside the block.
        if let Some(p) = record_start_in(&block, self.start) {
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
                Ok(BlockEnd::RunsOn)
            }
        }
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
            if self.start.is_at(block, &piece) {
                self.input.put_back(piece);
                return Ok(Extended::ToRecordStart);
            }
            block.extend_from_slice(&piece);
        }
    }

    /// [`Records::read_block`] of a block over the size limit, read a line at a time: its start
    /// is held up to the limit, and from the first record start inside it, what follows up to
    /// the limit again, so that a length that overran the next records gives them back.
    fn read_long_block(&mut self, length: u64) -> io::Result<BlockEnd> {
        let start = self.start;
        let mut kept = LongBlock::new(self.held_limit());
        let mut got = 0u64;
        // The block's own first line is no record start.
        let mut at_line_start = false;
        let mut piece = Vec::new();
        while got < length {
            let chunk = self.input.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            if at_line_start && kept.inside.is_none() && (start.first_byte)(chunk[0]) {
                // A line that may start a record, read whole even past the block's end: the
                // line the length ends in may be the next record's first.
                self.input.read_raw_line_into(&mut piece, MAX_HEADER_LINE)?;
                let starts = start.is_at(&kept.before, &piece);
                let past_end = (got + piece.len() as u64).saturating_sub(length) as usize;
                if past_end > 0 && !starts {
                    self.input.put_back(piece[piece.len() - past_end..].to_vec());
                    piece.truncate(piece.len() - past_end);
                }
                got += piece.len() as u64;
                at_line_start = piece.ends_with(b"\n");
                if starts {
                    kept.inside = Some(Vec::new());
                }
                kept.keep(&piece);
                continue;
            }
            // Bytes in bulk, up to the next line start that may start a record while none has
            // been found.
            let avail = chunk.len().min((length - got) as usize);
            let take = match kept.inside {
                Some(_) => avail,
                None => memchr::memchr_iter(b'\n', &chunk[..avail])
                    .find(|&i| i + 1 == avail || (start.first_byte)(chunk[i + 1]))
                    .map_or(avail, |i| i + 1),
            };
            at_line_start = chunk[take - 1] == b'\n';
            kept.keep(&chunk[..take]);
            self.input.consume(take);
            got += take as u64;
        }
        let LongBlock { head, inside, lost, .. } = kept;
        let ended_early = got < length;
        if !ended_early {
            match self.fit()? {
                Fit::Fits => return Ok(BlockEnd::TooLarge),
                Fit::Suspect if inside.is_none() => return Ok(BlockEnd::TooLarge),
                Fit::Suspect | Fit::Wrong => {}
            }
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
        self.skips.wrong_length += 1;
        if lost > 0 {
            // The last record held is cut where holding stopped: it is lost too, so that its
            // block is not read on into bytes that are not its own.
            let mut inside = inside;
            let last = last_record_start(&inside, self.start);
            let cut = inside.len() - last;
            inside.truncate(last);
            self.input.put_back(inside);
            return Ok(BlockEnd::Overran {
                lost: lost + cut as u64,
            });
        }
        self.input.put_back(inside);
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
