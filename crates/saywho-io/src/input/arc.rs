//! ARC files (the Internet Archive's format before WARC), read as a stream: HTML records become
//! documents, the rest is skipped and counted.
//!
//! An ARC file is a version block, a record whose URL is `filedesc://…`, then records. Each
//! record is one header line of space-separated fields — `URL IP-address Archive-date
//! Content-type Archive-length` in ARC v1; v2 adds five fields before the length, which is
//! always last — then `Archive-length` bytes of content (for HTTP fetches, the whole HTTP
//! response) and a newline. Errors are the WARC reader's: a record cut short (in its header
//! line or its content) is `truncated_warc`, a header line of neither 5 nor 10 fields (such
//! as one whose URL holds a space) is `malformed_warc`; either ends the file.

use crate::doc::{Meta, Unit};
use crate::error::ErrorKind;
use crate::input::records::Records;
use crate::input::warc::{charset_of, http_body, is_html_type, HttpBody};
use std::ops::ControlFlow::{Break, Continue};

/// Reads one record: `Some` when it yields a unit, `None` when it was skipped or the input
/// ended.
pub(crate) fn next_record(r: &mut Records<'_>) -> Option<Unit> {
    let mut line = Vec::new();
    let ended = match r.start(&mut line, "an ARC record") {
        Continue(ended) => ended,
        Break(end) => return end,
    };
    let text = String::from_utf8_lossy(&line).into_owned();
    let fields: Vec<&str> = text.split_whitespace().collect();
    let length = fields.last().and_then(|f| f.parse::<u64>().ok());
    // v1: URL IP-address Archive-date Content-type Archive-length; v2 adds Result-code,
    // Checksum, Location, Offset and Filename before the length.
    let header = match (fields.as_slice(), length) {
        (&[url, _ip, date, content_type, _], Some(length))
        | (&[url, _ip, date, content_type, _, _, _, _, _, _], Some(length)) => Some((url, date, content_type, length)),
        _ => None,
    };
    let Some((url, date, content_type, length)) = header else {
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
            let message = format!(
                "expected an ARC header line of 5 fields (v1: URL IP-address date content-type length) \
                 or 10 (v2, length last), found {found}: {start:?}"
            );
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
