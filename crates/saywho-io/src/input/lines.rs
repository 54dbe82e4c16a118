//! Line reading with a bound: a line longer than the limit is skipped without being held in
//! memory, so one huge JSONL line cannot exhaust memory.

use std::io::{self, BufRead};

/// What [`read_line_bounded`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A line is in the buffer, without its `\n` (and `\r`).
    Complete,
    /// The line had this many bytes, over the limit; it was skipped.
    TooLong(usize),
    /// The input is exhausted.
    Eof,
}

/// Reads the next line into `buf` (cleared first), keeping at most `limit` bytes.
///
/// ```
/// use saywho_io::{read_line_bounded, Line};
/// let mut input = &b"short\nmuch too long\nlast"[..];
/// let mut buf = Vec::new();
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), Line::Complete);
/// assert_eq!(buf, b"short");
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), Line::TooLong(13));
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), Line::Complete);
/// assert_eq!(buf, b"last");
/// assert_eq!(read_line_bounded(&mut input, &mut buf, 8).unwrap(), Line::Eof);
/// ```
pub fn read_line_bounded<R: BufRead + ?Sized>(input: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    read_line_ended(input, buf, limit).map(|(line, _)| line)
}

/// How a line read by [`read_line_upto`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// At a newline.
    Newline,
    /// At the end of the input.
    Eof,
    /// Nowhere yet: the line was longer than `give_up` bytes and reading stopped inside it.
    Cut,
}

/// [`read_line_bounded`], also telling whether the line ended with a newline (rather than at
/// the end of the input).
pub(crate) fn read_line_ended<R: BufRead + ?Sized>(
    input: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(Line, bool)> {
    read_line_upto(input, buf, limit, u64::MAX).map(|(line, ending)| (line, ending == Ending::Newline))
}

/// [`read_line_bounded`] that also bounds time: a line longer than `give_up` bytes is not read
/// to its end (which may never come: `/dev/zero`) but returned as [`Line::TooLong`] with
/// [`Ending::Cut`], the input left inside it.
pub(crate) fn read_line_upto<R: BufRead + ?Sized>(
    input: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
    give_up: u64,
) -> io::Result<(Line, Ending)> {
    buf.clear();
    let mut len = 0usize;
    let mut seen_any = false;
    let mut ending = Ending::Eof;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        seen_any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if len + take <= limit {
            buf.extend_from_slice(&chunk[..take]);
        } else if len <= limit {
            // Over the limit: stop keeping bytes, but go on counting to the line's end.
            buf.clear();
            buf.shrink_to(64 * 1024);
        }
        len += take;
        input.consume(if done { take + 1 } else { take });
        if done {
            ending = Ending::Newline;
            break;
        }
        if len as u64 > give_up {
            ending = Ending::Cut;
            break;
        }
    }
    if !seen_any {
        return Ok((Line::Eof, Ending::Eof));
    }
    if len > limit || ending == Ending::Cut {
        buf.clear();
        return Ok((Line::TooLong(len), ending));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok((Line::Complete, ending))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An endless line, as from `/dev/zero`.
    struct Endless;
    impl io::Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(b'x');
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_line_is_cut_after_give_up_bytes() {
        let mut input = io::BufReader::with_capacity(1024, Endless);
        let mut buf = Vec::new();
        let (line, ending) = read_line_upto(&mut input, &mut buf, 100, 10_000).unwrap();
        assert_eq!(ending, Ending::Cut);
        assert!(
            matches!(line, Line::TooLong(n) if (10_000..=11_024).contains(&n)),
            "{line:?}"
        );
        assert!(buf.capacity() <= 64 * 1024);

        let mut input = &b"ab\ncd"[..];
        assert_eq!(
            read_line_upto(&mut input, &mut buf, 100, 1).unwrap(),
            (Line::Complete, Ending::Newline)
        );
        assert_eq!(
            read_line_upto(&mut input, &mut buf, 100, 1).unwrap(),
            (Line::TooLong(2), Ending::Cut)
        );
    }
}
