//! The archive readers' input: the decompressed stream, with room to put bytes back in front.
//!
//! A record whose length field is wrong (a file edited as text, two files spliced, a digit
//! flipped) overruns the next record or stops short of its end. The reader finds the true
//! boundary in the bytes it has already read (see `Records::block`) and puts the next
//! record's bytes back here, so that reading goes on from the record that starts there
//! instead of losing it.

use crate::error::ErrorKind;
use crate::input::decode::Decoded;
use std::io::{self, BufRead, Read};

/// A [`Decoded`] stream with bytes put back in front of it.
pub(crate) struct Stream<'a> {
    decoded: &'a mut Decoded,
    /// Bytes put back, read before the stream's own; those before `at` are read already.
    front: Vec<u8>,
    at: usize,
}

impl<'a> Stream<'a> {
    pub(crate) fn new(decoded: &'a mut Decoded) -> Self {
        Stream {
            decoded,
            front: Vec::new(),
            at: 0,
        }
    }

    /// Puts `bytes` back in front of whatever is still unread.
    pub(crate) fn put_back(&mut self, mut bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        // Bytes just read from the front go back by moving the read position: a front of
        // megabytes (the records a wrong length swallowed) is not copied at every look ahead.
        if self.at >= bytes.len() && self.front[self.at - bytes.len()..self.at] == bytes[..] {
            self.at -= bytes.len();
            return;
        }
        bytes.extend_from_slice(&self.front[self.at..]);
        self.front = bytes;
        self.at = 0;
    }

    /// The error kind and message for a read error, as [`Decoded::classify`] gives them.
    pub(crate) fn classify(&self, e: &io::Error) -> (ErrorKind, String) {
        self.decoded.classify(e)
    }

    /// Reads the next line, its newline included: at most `limit` bytes of it (the rest is
    /// the next piece), empty at the end of the input.
    pub(crate) fn read_raw_line(&mut self, limit: usize) -> io::Result<Vec<u8>> {
        let mut line = Vec::new();
        self.read_raw_line_into(&mut line, limit)?;
        Ok(line)
    }

    /// [`Stream::read_raw_line`] into `line`, which is cleared first.
    pub(crate) fn read_raw_line_into(&mut self, line: &mut Vec<u8>, limit: usize) -> io::Result<()> {
        line.clear();
        while line.len() < limit {
            let chunk = match self.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            let room = limit - line.len();
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) if i < room => (i + 1, true),
                _ => (chunk.len().min(room), false),
            };
            line.extend_from_slice(&chunk[..take]);
            self.consume(take);
            if done {
                break;
            }
        }
        Ok(())
    }
}

impl Stream<'_> {
    /// The first line after any blank ones (only whitespace, as between records), without its
    /// line end, read and put back: `None` when the input ends first. At most `limit` bytes
    /// are looked at; past them, the line is empty.
    pub(crate) fn peek_first_line(&mut self, limit: usize) -> io::Result<Option<Vec<u8>>> {
        let mut seen = Vec::new();
        let mut line = None;
        while seen.len() < limit {
            let piece = self.read_raw_line(limit - seen.len())?;
            if piece.is_empty() {
                break;
            }
            seen.extend_from_slice(&piece);
            if !piece.iter().all(u8::is_ascii_whitespace) {
                line = Some(trim_line_end(&piece).to_vec());
                break;
            }
        }
        let at_end = line.is_none() && seen.len() < limit;
        self.put_back(seen);
        if at_end {
            return Ok(None);
        }
        Ok(Some(line.unwrap_or_default()))
    }
}

/// `line` without its `\n` or `\r\n`.
pub(crate) fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// `block` without the line ends that close it (a WARC block is followed by two).
pub(crate) fn trim_trailing_line_ends(block: &mut Vec<u8>) {
    while block.last().is_some_and(|&b| b == b'\r' || b == b'\n') {
        block.pop();
    }
}

impl Read for Stream<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at < self.front.len() {
            let n = buf.len().min(self.front.len() - self.at);
            buf[..n].copy_from_slice(&self.front[self.at..self.at + n]);
            self.consume(n);
            return Ok(n);
        }
        self.decoded.read(buf)
    }
}

impl BufRead for Stream<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.at < self.front.len() {
            return Ok(&self.front[self.at..]);
        }
        self.decoded.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.at < self.front.len() {
            self.at += amount;
            if self.at >= self.front.len() {
                self.front = Vec::new();
                self.at = 0;
            }
        } else {
            self.decoded.consume(amount);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream_of(bytes: &[u8]) -> Decoded {
        crate::input::decode::open_decoded(Box::new(io::Cursor::new(bytes.to_vec()))).expect("a stream")
    }

    #[test]
    fn bytes_put_back_are_read_first() {
        let mut decoded = stream_of(b"WARC/1.0\r\nrest\n");
        let mut stream = Stream::new(&mut decoded);
        let line = stream.read_raw_line(1024).unwrap();
        assert_eq!(line, b"WARC/1.0\r\n");
        stream.put_back(line);
        stream.put_back(b"front ".to_vec());
        let mut all = Vec::new();
        stream.read_to_end(&mut all).unwrap();
        assert_eq!(all, b"front WARC/1.0\r\nrest\n");
        // Peeking past blank lines reads nothing; blank lines up to the end are nothing.
        let mut decoded = stream_of(b"\r\n \r\nWARC/1.0\r\n");
        let mut stream = Stream::new(&mut decoded);
        assert_eq!(stream.peek_first_line(1024).unwrap(), Some(b"WARC/1.0".to_vec()));
        assert_eq!(stream.read_raw_line(1024).unwrap(), b"\r\n");
        let mut decoded = stream_of(b"\r\n\n");
        let mut stream = Stream::new(&mut decoded);
        assert_eq!(stream.peek_first_line(1024).unwrap(), None);
        assert_eq!(stream.read_raw_line(1024).unwrap(), b"\r\n");
        // A line longer than the bound is read in pieces.
        let mut decoded = stream_of(b"abcdef\nx");
        let mut stream = Stream::new(&mut decoded);
        assert_eq!(stream.read_raw_line(4).unwrap(), b"abcd");
        assert_eq!(stream.read_raw_line(4).unwrap(), b"ef\n");
        assert_eq!(stream.read_raw_line(4).unwrap(), b"x");
        assert_eq!(stream.read_raw_line(4).unwrap(), b"");
        // Bytes read from the front go back in place, before those put back earlier.
        let mut decoded = stream_of(b"tail");
        let mut stream = Stream::new(&mut decoded);
        stream.put_back(b"line one\nline two\n".to_vec());
        let first = stream.read_raw_line(64).unwrap();
        let second = stream.read_raw_line(64).unwrap();
        assert_eq!(second, b"line two\n");
        stream.put_back(second);
        stream.put_back(first);
        stream.put_back(b"new ".to_vec());
        let mut all = Vec::new();
        stream.read_to_end(&mut all).unwrap();
        assert_eq!(all, b"new line one\nline two\ntail");
    }
}
