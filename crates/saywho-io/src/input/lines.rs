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

/// [`read_line_bounded`], also telling whether the line ended with a newline (rather than at
/// the end of the input).
pub(crate) fn read_line_ended<R: BufRead + ?Sized>(
    input: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(Line, bool)> {
    buf.clear();
    let mut len = 0usize;
    let mut seen_any = false;
    let mut ended = false;
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
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
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
            ended = true;
            break;
        }
    }
    if !seen_any {
        return Ok((Line::Eof, false));
    }
    if len > limit {
        buf.clear();
        return Ok((Line::TooLong(len), ended));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok((Line::Complete, ended))
}
