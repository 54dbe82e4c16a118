//! ARC files (the Internet Archive's format before WARC), read as a stream: HTML records become
//! documents, the rest is skipped and counted.
//!
//! An ARC file is a version block, a record whose URL is `filedesc://…`, then records. Each
//! record is one header line of space-separated fields — `URL IP-address Archive-date
//! Content-type Archive-length` in ARC v1; v2 adds five fields before the length, which is
//! always last — then `Archive-length` bytes of content (for HTTP fetches, the whole HTTP
//! response) and a newline. Errors are the WARC reader's: a record cut short (in its header
//! line or its content) is `truncated_warc` and ends the file; a header line of neither 5 nor
//! 10 fields (such as one whose URL holds a space) is `malformed_warc`, and reading resumes at
//! the next header line (the first record's ends the file: it is no ARC file). An
//! `Archive-length` that does not end where the next header line starts is corrected as the
//! WARC reader corrects a `Content-Length`.

use crate::doc::{Meta, Unit};
use crate::error::ErrorKind;
use crate::input::records::{RecordStart, Records};
use crate::input::warc::{charset_of, http_body, is_html_type, HttpBody};
use std::ops::ControlFlow::{Break, Continue};

/// The URL, date, content type and length of an ARC header line's fields.
fn header_fields<'t>(fields: &[&'t str]) -> Option<(&'t str, &'t str, &'t str, u64)> {
    let length = fields.last()?.parse::<u64>().ok()?;
    // v1: URL IP-address Archive-date Content-type Archive-length; v2 adds Result-code,
    // Checksum, Location, Offset and Filename before the length.
    match *fields {
        [url, _ip, date, content_type, _] | [url, _ip, date, content_type, _, _, _, _, _, _] => {
            Some((url, date, content_type, length))
        }
        _ => None,
    }
}

/// Whether a line starts an ARC record, for finding where a record whose length is wrong truly
/// ends: a header line the reader accepts whose URL has a scheme, whose IP address is digits
/// and dots, and whose date is 14 digits.
fn starts_record(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    let fields: Vec<&str> = text.split_whitespace().collect();
    let Some((url, date, _, _)) = header_fields(&fields) else {
        return false;
    };
    let ip = fields[1];
    url.contains(':')
        && !ip.is_empty()
        && ip.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && date.len() == 14
        && date.bytes().all(|b| b.is_ascii_digit())
}

/// An ARC record starts with its header line, right after the line end that closes the record
/// before it.
pub(crate) const RECORD_START: RecordStart = RecordStart {
    line: starts_record,
    first_byte: |b| b.is_ascii_alphabetic(),
    after_blank_line: false,
};

/// Reads one record: `Some` when it yields a unit, `None` when it was skipped or the input
/// ended.
pub(crate) fn next_record(r: &mut Records<'_>) -> Option<Unit> {
    let mut line = Vec::new();
    let ended = if r.resync {
        match r.seek_record(&mut line) {
            Ok(true) => true,
            Ok(false) => return None,
            Err(e) => return r.stop(r.fallback_id(), ErrorKind::TruncatedWarc, &e),
        }
    } else {
        match r.start(&mut line, "an ARC record") {
            Continue(ended) => ended,
            Break(end) => return end,
        }
    };
    let text = String::from_utf8_lossy(&line).into_owned();
    let fields: Vec<&str> = text.split_whitespace().collect();
    let length = fields.last().and_then(|f| f.parse::<u64>().ok());
    let Some((url, date, content_type, length)) = header_fields(&fields) else {
        r.done = true;
        let start: String = text.chars().take(60).collect();
        let (kind, message) = if line.starts_with(b"WARC/") {
            (
                ErrorKind::MalformedWarc,
                "this is a WARC file, not ARC: read it with --input-format warc".to_string(),
            )
        } else if !ended {
            (
                ErrorKind::TruncatedWarc,
                format!("the input ends inside an ARC header line: {start:?}"),
            )
        } else {
            let n = fields.len();
            let found = if length.is_none() {
                format!("{n} fields, the last not a length")
            } else if n > 5 {
                format!("{n} fields (a space in the URL?)")
            } else {
                format!("{n} fields")
            };
            let mut message = format!(
                "expected an ARC header line of 5 fields (v1: URL IP-address date content-type length) \
                 or 10 (v2, length last), found {found}: {start:?}"
            );
            // After the version block, the next header line is the best guess at the next
            // record (its length cannot be trusted: it may be some other field).
            if r.record > 1 {
                r.done = false;
                r.resync = true;
                message.push_str("; reading resumes at the next ARC header line");
            }
            (ErrorKind::MalformedWarc, message)
        };
        return r.fail(r.fallback_id(), kind, message);
    };
    let id = format!("{date}/{url}");
    let content_type = content_type.to_ascii_lowercase();
    if url.starts_with("filedesc://") || !is_html_type(&content_type) {
        let reason = if url.starts_with("filedesc://") {
            "filedesc"
        } else {
            "non-HTML"
        };
        r.skips.count(reason);
        return r.skip_body(id, length);
    }
    let block = match r.block(&id, length) {
        Continue(block) => block,
        Break(end) => return end,
    };
    let meta = Meta {
        url: Some(url.to_string()),
        ..Meta::default()
    };
    // HTTP fetches hold the whole response; other captures are the page itself.
    if !block.starts_with(b"HTTP/") {
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
