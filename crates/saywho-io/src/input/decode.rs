//! Transparent decompression: gzip (including multi-member files such as `.warc.gz`) and zstd
//! are recognised by their magic bytes, so the file name does not have to say.

use crate::error::ErrorKind;
use flate2::bufread::MultiGzDecoder;
use std::io::{self, BufRead, BufReader, Read};

/// How an input is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip, one member or many.
    Gzip,
    /// zstd.
    Zstd,
}

type Raw = BufReader<Box<dyn Read + Send>>;

enum Inner {
    Plain(Raw),
    Gzip(Box<BufReader<MultiGzDecoder<Raw>>>),
    Zstd(BufReader<zstd::stream::read::Decoder<'static, Raw>>),
}

/// A decompressed input stream.
pub struct Decoded {
    inner: Inner,
    /// Bytes taken from `inner` by [`Decoded::peek`] and not yet read, from `head_at` on:
    /// they are read before any more of `inner`.
    head: Vec<u8>,
    head_at: usize,
}

/// 256 KiB buffers: large enough that the reader thread does few system calls, small enough to
/// keep memory flat.
const BUFFER: usize = 256 * 1024;

/// Wraps `raw` in the decoder its first bytes call for.
///
/// ```
/// use std::io::Read;
/// let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
/// std::io::Write::write_all(&mut gz, b"hello").unwrap();
/// let bytes = gz.finish().unwrap();
/// let mut decoded = saywho_io::open_decoded(Box::new(std::io::Cursor::new(bytes))).unwrap();
/// assert_eq!(decoded.compression(), saywho_io::Compression::Gzip);
/// let mut text = String::new();
/// decoded.read_to_string(&mut text).unwrap();
/// assert_eq!(text, "hello");
/// ```
pub fn open_decoded(raw: Box<dyn Read + Send>) -> io::Result<Decoded> {
    let mut raw = BufReader::with_capacity(BUFFER, raw);
    let head = raw.fill_buf()?;
    let inner = if head.starts_with(&[0x1f, 0x8b]) {
        Inner::Gzip(Box::new(BufReader::with_capacity(BUFFER, MultiGzDecoder::new(raw))))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Inner::Zstd(BufReader::with_capacity(
            BUFFER,
            zstd::stream::read::Decoder::with_buffer(raw)?,
        ))
    } else {
        Inner::Plain(raw)
    };
    Ok(Decoded {
        inner,
        head: Vec::new(),
        head_at: 0,
    })
}

impl Decoded {
    /// The compression found.
    pub fn compression(&self) -> Compression {
        match self.inner {
            Inner::Plain(_) => Compression::None,
            Inner::Gzip(_) => Compression::Gzip,
            Inner::Zstd(_) => Compression::Zstd,
        }
    }

    /// The error kind and message for a read error of this stream: a decoder's complaint is a
    /// truncated or corrupt file, not an I/O failure.
    pub fn classify(&self, e: &io::Error) -> (ErrorKind, String) {
        let kind = match (self.compression(), e.kind()) {
            (Compression::Gzip, io::ErrorKind::UnexpectedEof) => ErrorKind::TruncatedGzip,
            (Compression::Gzip, io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData) => ErrorKind::CorruptGzip,
            (Compression::Zstd, io::ErrorKind::UnexpectedEof | io::ErrorKind::Other | io::ErrorKind::InvalidData) => {
                ErrorKind::CorruptZstd
            }
            _ => ErrorKind::Io,
        };
        let message = match kind {
            ErrorKind::TruncatedGzip => format!("gzip stream ends early: {e}"),
            _ => e.to_string(),
        };
        (kind, message)
    }
}

impl Decoded {
    /// The next bytes, without reading past them: at least `want` of them, or fewer when a
    /// newline or the end comes first. A stream may hand over only a few bytes at a time (a
    /// slow pipe); this reads on until the bytes asked for are in.
    pub fn peek(&mut self, want: usize) -> io::Result<&[u8]> {
        loop {
            let held = &self.head[self.head_at..];
            if held.len() >= want || held.contains(&b'\n') {
                break;
            }
            let missing = want - held.len();
            let more = self.inner_fill_buf()?;
            if more.is_empty() {
                break;
            }
            let taken = more[..more.len().min(missing)].to_vec();
            self.inner_consume(taken.len());
            self.head.drain(..self.head_at);
            self.head_at = 0;
            self.head.extend_from_slice(&taken);
        }
        Ok(&self.head[self.head_at..])
    }

    fn inner_fill_buf(&mut self) -> io::Result<&[u8]> {
        match &mut self.inner {
            Inner::Plain(r) => r.fill_buf(),
            Inner::Gzip(r) => r.fill_buf(),
            Inner::Zstd(r) => r.fill_buf(),
        }
    }

    fn inner_consume(&mut self, amount: usize) {
        match &mut self.inner {
            Inner::Plain(r) => r.consume(amount),
            Inner::Gzip(r) => r.consume(amount),
            Inner::Zstd(r) => r.consume(amount),
        }
    }
}

impl Read for Decoded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.head_at < self.head.len() {
            let n = (&self.head[self.head_at..]).read(buf)?;
            self.head_at += n;
            return Ok(n);
        }
        match &mut self.inner {
            Inner::Plain(r) => r.read(buf),
            Inner::Gzip(r) => r.read(buf),
            Inner::Zstd(r) => r.read(buf),
        }
    }
}

impl BufRead for Decoded {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.head_at < self.head.len() {
            return Ok(&self.head[self.head_at..]);
        }
        self.inner_fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if self.head_at < self.head.len() {
            self.head_at = (self.head_at + amount).min(self.head.len());
            return;
        }
        self.inner_consume(amount);
    }
}
