//! WARC (ISO 28500) records, read as a stream: HTML `response` (and `resource`) records become
//! documents; request, metadata, warcinfo, revisit and non-HTML records are skipped and counted.
//!
//! A record is a `WARC/1.x` line, header lines, a blank line, `Content-Length` bytes of block
//! and a blank line. Header lines are bounded and bodies over the size limit are skipped without
//! being held in memory. A `Content-Length` that does not fit what follows the block is
//! corrected (see `records`): the record is read up to where the next `WARC/` line starts, and
//! counted in [`crate::WarcSkips::wrong_length`]. A record that the input ends inside, with no record
//! start in what is left, is a `truncated_warc` error that ends the file. A record whose header
//! cannot be read (too many lines, no `Content-Length`, or no `WARC/` line where a record should
//! start) is a `malformed_warc` error, and reading resumes at the next line that starts with
//! `WARC/`. A file whose first record is not WARC is not read further.

use crate::doc::{Meta, Unit};
use crate::error::ErrorKind;
use crate::input::lines::{read_line_bounded, read_line_upto, Ending, Line};
use crate::input::records::{RecordStart, Records, MAX_HEADER_LINE};
use std::io::{self, BufRead, Read, Write};
use std::ops::ControlFlow::{Break, Continue};

/// Most header lines in one record.
const MAX_HEADER_LINES: usize = 1024;

/// A parsed header block: `name: value` lines, names lower-cased.
type Headers = Vec<(String, String)>;

fn header<'h>(headers: &'h Headers, name: &str) -> Option<&'h str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Whether a line starts a WARC record.
pub(crate) fn starts_record(line: &[u8]) -> bool {
    line.starts_with(b"WARC/")
}

/// A WARC record starts with its `WARC/1.x` line, after the blank line that ends the record
/// before it.
pub(crate) const RECORD_START: RecordStart = RecordStart {
    line: starts_record,
    first_byte: |b| b == b'W',
    after_blank_line: true,
};

/// Reads one record: `Some` when it yields a unit, `None` when it was skipped or the input
/// ended (then `done` is set).
pub(crate) fn next_record(r: &mut Records<'_>) -> Option<Unit> {
    let mut line = Vec::new();
    if r.resync {
        match r.seek_record(&mut line) {
            Ok(true) => {}
            Ok(false) => return None,
            Err(e) => return r.stop(r.fallback_id(), ErrorKind::TruncatedWarc, &e),
        }
    } else if let Break(end) = r.start(&mut line, "a record") {
        return end;
    }
    let fallback_id = r.fallback_id();
    if !starts_record(&line) {
        let start = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
        let mut message = format!("expected a WARC/1.x line, found {start:?}");
        if line.starts_with(b"filedesc://") {
            message.push_str(": this looks like an ARC file, not WARC: read it with --input-format arc");
        }
        // The first record: this is not a WARC file. A later one: the record before it had a
        // wrong Content-Length, and the next `WARC/` line is the best guess at the next record.
        if r.record == 1 {
            r.done = true;
        } else {
            r.resync = true;
            message.push_str("; reading resumes at the next WARC/ line");
        }
        return r.fail(fallback_id, ErrorKind::MalformedWarc, message);
    }
    let headers = match read_headers(&mut r.input, MAX_HEADER_LINE as u64) {
        Ok(Header::Complete(h)) => h,
        Ok(Header::Malformed(message)) => {
            r.resync = true;
            let message = format!("{message}; reading resumes at the next WARC/ line");
            return r.fail(fallback_id, ErrorKind::MalformedWarc, message);
        }
        Ok(Header::Eof) => {
            r.done = true;
            return r.fail(
                fallback_id,
                ErrorKind::TruncatedWarc,
                "the input ends inside a record header".into(),
            );
        }
        Err(e) => return r.stop(fallback_id, ErrorKind::TruncatedWarc, &e),
    };
    let id = header(&headers, "warc-record-id")
        .map(|v| v.trim_matches(|c| c == '<' || c == '>').to_string())
        .unwrap_or(fallback_id);
    let Some(length) = header(&headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok()) else {
        r.resync = true;
        let message = "no valid Content-Length header; reading resumes at the next WARC/ line";
        return r.fail(id, ErrorKind::MalformedWarc, message.into());
    };
    let warc_type = header(&headers, "warc-type").unwrap_or("").to_ascii_lowercase();
    let content_type = header(&headers, "content-type").unwrap_or("").to_ascii_lowercase();
    let wanted = match warc_type.as_str() {
        "response" => content_type.contains("application/http"),
        "resource" => is_html_type(&content_type),
        _ => false,
    };
    if !wanted {
        let reason = match warc_type.as_str() {
            "request" | "metadata" | "warcinfo" | "revisit" | "conversion" => warc_type.clone(),
            "response" | "resource" => "non-HTML".to_string(),
            _ => "other".to_string(),
        };
        r.skips.count(&reason);
        return r.skip_body(id, length);
    }
    let block = match r.block(&id, length) {
        Continue(block) => block,
        Break(end) => return end,
    };
    let meta = Meta {
        url: header(&headers, "warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string()),
        ..Meta::default()
    };
    if warc_type == "resource" {
        return r.page(id, block, charset_of(&content_type), meta);
    }
    match http_body(&block, r.max_doc_bytes) {
        HttpBody::Html { body, charset } => r.page(id, body, charset, meta),
        HttpBody::Skip(reason) => {
            r.skips.count(reason);
            None
        }
        HttpBody::Bad(message) => r.fail(id, ErrorKind::HtmlExtraction, message),
    }
}

/// What [`read_headers`] found.
enum Header {
    /// The header lines, up to the blank line that ends them.
    Complete(Headers),
    /// No header block can end here: too many lines, or a line without end.
    Malformed(String),
    /// The input ends first.
    Eof,
}

/// Reads `name: value` lines up to a blank line. Both the lines and their number are bounded;
/// a line over the bound is skipped when it is read to its end within `give_up` bytes, and
/// makes the header malformed otherwise, so garbage costs bounded memory and time.
fn read_headers<R: BufRead + ?Sized>(input: &mut R, give_up: u64) -> io::Result<Header> {
    let mut headers = Headers::new();
    let mut line = Vec::new();
    for _ in 0..MAX_HEADER_LINES {
        match read_line_upto(input, &mut line, MAX_HEADER_LINE, give_up)? {
            (Line::Eof, _) => return Ok(Header::Eof),
            (Line::TooLong(_), Ending::Newline) => continue,
            (Line::TooLong(n), _) => {
                return Ok(Header::Malformed(format!("a header line of over {n} bytes")));
            }
            (Line::Complete, _) if line.is_empty() => return Ok(Header::Complete(headers)),
            (Line::Complete, _) => {
                let text = String::from_utf8_lossy(&line);
                if let Some((name, value)) = text.split_once(':') {
                    headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
                }
            }
        }
    }
    Ok(Header::Malformed(format!("more than {MAX_HEADER_LINES} header lines")))
}

/// What an HTTP response block holds.
pub(crate) enum HttpBody {
    /// A 2xx HTML body (de-chunked, un-gzipped) and its declared charset.
    Html { body: Vec<u8>, charset: Option<String> },
    /// Not a document, for this reason.
    Skip(&'static str),
    /// A response that cannot be decoded.
    Bad(String),
}

pub(crate) fn is_html_type(content_type: &str) -> bool {
    content_type.contains("text/html") || content_type.contains("application/xhtml")
}

/// The `charset=` parameter of a Content-Type value.
pub(crate) fn charset_of(content_type: &str) -> Option<String> {
    // The parameter's name is case-insensitive (`Charset=`, `CHARSET=`).
    let at = content_type.to_ascii_lowercase().find("charset=")?;
    let rest = &content_type[at + "charset=".len()..];
    let value = rest.split(';').next()?.trim().trim_matches(|c| c == '"' || c == '\'');
    (!value.is_empty()).then(|| value.to_string())
}

/// Splits an HTTP response into its headers and body, keeping 2xx HTML bodies.
pub(crate) fn http_body(block: &[u8], max_doc_bytes: usize) -> HttpBody {
    let mut cursor = block;
    let mut status = Vec::new();
    if !matches!(
        read_line_bounded(&mut cursor, &mut status, MAX_HEADER_LINE),
        Ok(Line::Complete)
    ) {
        return HttpBody::Bad("no HTTP status line".into());
    }
    let status_text = String::from_utf8_lossy(&status);
    let code = status_text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok());
    // The block is in memory: a long line costs no more than the block.
    let headers = match read_headers(&mut cursor, u64::MAX) {
        Ok(Header::Complete(h)) => h,
        _ => return HttpBody::Bad("the HTTP header does not end".into()),
    };
    if !code.is_some_and(|c| (200..300).contains(&c)) {
        return HttpBody::Skip("HTTP status not 2xx");
    }
    let content_type = header(&headers, "content-type").unwrap_or("").to_ascii_lowercase();
    if !is_html_type(&content_type) {
        return HttpBody::Skip("non-HTML");
    }
    let mut body = cursor.to_vec();
    if header(&headers, "transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        match dechunk(&body) {
            Some(b) => body = b,
            None => return HttpBody::Bad("malformed chunked transfer encoding".into()),
        }
    }
    if header(&headers, "content-encoding").is_some_and(|v| v.eq_ignore_ascii_case("gzip")) {
        // Decompress at most one byte past the document limit: a small gzipped body can expand
        // to gigabytes, and `page` rejects anything over the limit anyway.
        let mut plain = Vec::new();
        let limit = max_doc_bytes as u64 + 1;
        if let Err(e) = flate2::read::MultiGzDecoder::new(&body[..])
            .take(limit)
            .read_to_end(&mut plain)
        {
            return HttpBody::Bad(format!("gzip content encoding does not decode: {e}"));
        }
        body = plain;
    }
    HttpBody::Html {
        body,
        charset: charset_of(&content_type),
    }
}

/// Undoes HTTP/1.1 chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

/// Writes one WARC/1.0 record (`response`, `request`, `metadata`, …) with the headers saywho
/// reads. Used by the benchmark and tests to build WARC files; pass a fresh writer per record
/// and gzip each separately to get a Common-Crawl-style `.warc.gz`.
///
/// ```
/// let mut out = Vec::new();
/// let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>";
/// saywho_io::write_warc_record(&mut out, "response", "https://example.org/a", "urn:uuid:1", "application/http; msgtype=response", http).unwrap();
/// assert!(out.starts_with(b"WARC/1.0\r\nWARC-Type: response\r\n"));
/// ```
pub fn write_warc_record(
    out: &mut impl Write,
    warc_type: &str,
    target_uri: &str,
    record_id: &str,
    content_type: &str,
    block: &[u8],
) -> io::Result<()> {
    write!(
        out,
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {target_uri}\r\nWARC-Date: 2026-01-01T00:00:00Z\r\n\
         WARC-Record-ID: <{record_id}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )?;
    out.write_all(block)?;
    out.write_all(b"\r\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_decode() {
        let cases: &[(&[u8], Option<&[u8]>)] = &[
            (b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", Some(b"hello world")),
            (b"0\r\n\r\n", Some(b"")),
            (b"zz\r\nhello\r\n", None),
            (b"9\r\nhello\r\n", None),
        ];
        for (input, expected) in cases {
            assert_eq!(
                dechunk(input).as_deref(),
                *expected,
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn charsets_come_from_content_type() {
        let cases = [
            ("text/html; charset=utf-8", Some("utf-8")),
            ("text/html; charset=\"windows-1252\"; x=y", Some("windows-1252")),
            ("text/html", None),
        ];
        for (value, expected) in cases {
            assert_eq!(charset_of(value).as_deref(), expected, "{value}");
        }
    }
}
