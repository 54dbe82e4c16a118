//! One document from a request to an output record: reading the request's body (JSON, plain
//! text or HTML, or one JSONL line of a batch), then HTML extraction and the engine on a
//! blocking thread.

use crate::error::ApiError;
use crate::AppState;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, StatusCode};
use futures_util::StreamExt;
use saywho_io::Extractor;
use saywho_record::{DocError, ErrorKind, Meta, Output};
use serde::Deserialize;
use std::io::{BufRead, Read, Write};
use utoipa::ToSchema;

/// The id of a document sent without one.
pub const DEFAULT_ID: &str = "doc";

/// A document to extract, as JSON: `text` or `html`, and optionally its id and metadata.
/// Other fields are ignored, so a line of a JSONL corpus can be sent as it is. (The schema of
/// the OpenAPI document; a body is read by [`from_json`], which reads it as `saywho extract`
/// reads a JSONL line.)
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ExtractRequest {
    /// The article as plain text (one paragraph a line). Give this or `html`.
    pub text: Option<String>,
    /// The article as an HTML page: its main text and metadata are extracted first. Give this
    /// or `text`.
    pub html: Option<String>,
    /// The document's id, echoed in the record (a string or a number; default `doc`, or
    /// `line-N` in a batch).
    #[schema(value_type = Option<String>)]
    pub id: Option<serde_json::Value>,
    /// The page's URL; for HTML it wins over the page's own.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// The publication date.
    pub date: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// Put the text the offsets refer to in the record (default: only for HTML).
    pub emit_text: Option<bool>,
}

/// What a document is made of.
#[derive(Debug)]
pub enum Content {
    /// Plain text.
    Text(String),
    /// An HTML page and the charset its media type declared.
    Html(Vec<u8>, Option<String>),
}

/// A document ready to extract.
#[derive(Debug)]
pub struct DocInput {
    /// Its id.
    pub id: String,
    /// Where it came from, for error records: `request` or `line N`.
    pub position: String,
    /// The text or page.
    pub content: Content,
    /// Metadata the client gave.
    pub meta: Meta,
    /// Whether to put the text in the record (`None`: only for HTML).
    pub emit_text: Option<bool>,
}

/// Reads the whole body as sent (not decoded), at most `limit` bytes: a 413 as soon as the
/// declared length or the bytes received go over, without holding more than the limit in
/// memory.
pub async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::too_large(limit));
    }
    let mut buf = Vec::with_capacity(declared.map_or(0, |n| n as usize));
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "io",
                format!("the body could not be read: {e}"),
            )
        })?;
        if buf.len() + chunk.len() > limit {
            return Err(ApiError::too_large(limit));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(buf))
}

/// A request body's `Content-Encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    /// None, `identity`, or an empty body: the body as it is.
    Identity,
    /// `gzip` or `x-gzip`, one member or several.
    Gzip,
    /// `deflate`: a zlib stream (RFC 9110), or a raw DEFLATE stream as several clients send.
    Deflate,
}

impl Coding {
    /// The coding of a body that has been read: a 415 for one the server does not read. An
    /// empty body is empty whatever the header says (clients that compress every request send
    /// an empty one so), and is answered as an empty body without the header is; it was a 400,
    /// since an empty stream is not a valid gzip or zlib stream.
    pub fn of(headers: &HeaderMap, body: &[u8]) -> Result<Coding, ApiError> {
        let name = headers
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap_or("?").trim().to_ascii_lowercase())
            .unwrap_or_default();
        let coding = match name.as_str() {
            "" | "identity" => Coding::Identity,
            "gzip" | "x-gzip" => Coding::Gzip,
            "deflate" => Coding::Deflate,
            other => {
                let message = format!(
                    "Content-Encoding {other:?} is not read here; send the body as it is, or gzip or deflate it"
                );
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    message,
                ));
            }
        };
        Ok(if body.is_empty() { Coding::Identity } else { coding })
    }

    fn name(self) -> &'static str {
        match self {
            Coding::Identity => "identity",
            Coding::Gzip => "gzip",
            Coding::Deflate => "deflate",
        }
    }

    /// A reader of `body` decoded. `deflate` is read as zlib when its first two bytes are a
    /// zlib header (RFC 1950: compression method 8, a window of at most 32 KB, and the check
    /// bits), as raw DEFLATE otherwise: decided once, never by decoding twice.
    fn reader(self, body: Bytes) -> Box<dyn Read + Send> {
        let zlib = matches!(*body, [cmf, flg, ..]
            if cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0);
        let body = std::io::Cursor::new(body);
        match self {
            Coding::Identity => Box::new(body),
            Coding::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(body)),
            Coding::Deflate if zlib => Box::new(flate2::bufread::ZlibDecoder::new(body)),
            Coding::Deflate => Box::new(flate2::bufread::DeflateDecoder::new(body)),
        }
    }

    /// Decodes `body` into `out`, stopping just past `limit` bytes (a small compressed body can
    /// expand to gigabytes): a 400 `malformed_body` when it does not decode, a 413 past the
    /// limit.
    fn decode_into(self, body: Bytes, limit: usize, out: &mut impl Write) -> Result<(), ApiError> {
        match std::io::copy(&mut self.reader(body).take(limit as u64 + 1), out) {
            Err(e) => {
                let message = format!("the body does not decode as {}: {e}", self.name());
                Err(ApiError::new(StatusCode::BAD_REQUEST, "malformed_body", message))
            }
            Ok(n) if n > limit as u64 => Err(ApiError::too_large(limit)),
            Ok(_) => Ok(()),
        }
    }

    /// The body as sent before its coding, at most `limit` bytes. Decoded, it is up to `limit`
    /// bytes from a body of a few kilobytes: call this only once the request holds an
    /// extraction slot, so that the decoded bodies in memory are bounded by the slots, and a
    /// request turned away decodes nothing.
    pub fn decode(self, body: Bytes, limit: usize) -> Result<Bytes, ApiError> {
        if self == Coding::Identity {
            return Ok(body);
        }
        let mut plain = Vec::new();
        self.decode_into(body, limit, &mut plain)?;
        Ok(Bytes::from(plain))
    }

    /// What [`Coding::decode`] would answer, keeping nothing of what the body decodes to: for a
    /// batch, which is then decoded again a line at a time ([`DecodedLines`]).
    pub fn check(self, body: Bytes, limit: usize) -> Result<(), ApiError> {
        if self == Coding::Identity {
            return Ok(());
        }
        self.decode_into(body, limit, &mut std::io::sink())
    }
}

/// The non-blank lines of an encoded batch body, decoded as they are read: only the line being
/// read is in memory decoded, besides the body as sent and the decoder's state (its window).
/// The caller checks the body first ([`Coding::check`]), so that a body that does not decode or
/// is over the limit is refused before the answer starts.
pub struct DecodedLines {
    reader: std::io::BufReader<std::io::Take<Box<dyn Read + Send>>>,
    number: usize,
    done: bool,
}

impl DecodedLines {
    /// The lines of `body` in `coding`, at most `limit` bytes of them in all.
    pub fn new(coding: Coding, body: Bytes, limit: usize) -> DecodedLines {
        DecodedLines {
            reader: std::io::BufReader::new(coding.reader(body).take(limit as u64)),
            number: 0,
            done: false,
        }
    }

    /// The next non-blank line and its number (from 1), without its line end, as
    /// `split_lines` in api.rs gives a plain body's; `None` at the end. A body that stops
    /// decoding (checked first, so not expected) gives its error in place of the line, then
    /// ends.
    pub fn next_line(&mut self) -> Option<(usize, Result<Bytes, String>)> {
        while !self.done {
            let mut line = Vec::new();
            let read = self.reader.read_until(b'\n', &mut line);
            match read {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.number += 1;
                    if line.last() == Some(&b'\n') {
                        line.pop();
                    }
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    if !line.trim_ascii().is_empty() {
                        return Some((self.number, Ok(Bytes::from(line))));
                    }
                }
                Err(e) => {
                    self.done = true;
                    self.number += 1;
                    return Some((self.number, Err(format!("the body stopped decoding: {e}"))));
                }
            }
        }
        None
    }
}

impl std::fmt::Debug for DecodedLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DecodedLines(after line {})", self.number)
    }
}

/// A declared charset that is not UTF-8 (an unknown label included); `None` for UTF-8 or none.
pub fn other_charset(charset: Option<&str>) -> Option<&str> {
    charset.filter(|c| encoding_rs::Encoding::for_label(c.as_bytes()) != Some(encoding_rs::UTF_8))
}

/// Text in `charset` (UTF-8 when none is declared) as a string; why not when the charset is
/// unknown or the bytes are not valid in it.
pub fn decode_text(bytes: &[u8], charset: Option<&str>) -> Result<String, String> {
    let Some(label) = other_charset(charset) else {
        return String::from_utf8(bytes.to_vec()).map_err(|e| format!("not UTF-8 text: {}", e.utf8_error()));
    };
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes())
        .ok_or_else(|| format!("charset {label:?} is not one saywho knows"))?;
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(format!("not valid {} text", encoding.name()));
    }
    Ok(text.into_owned())
}

/// The media type of a request without its parameters, in lower case, and its charset.
pub fn media_type(headers: &HeaderMap) -> (String, Option<String>) {
    let value = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string());
    (essence, charset)
}

/// A JSON object (a request body or a batch line) as a document; `default_id` when it has none.
///
/// The id and metadata are read by saywho-io's JSONL reader (`json_id`, `json_meta`), so they
/// are what `saywho extract` reads from the same line: the id is taken before anything else
/// can fail, metadata fields that are not non-empty strings are left out. Beyond that reader, a
/// document may be an `html` page instead of a `text` (not both: `malformed_json`), and may ask
/// for its text with `emit_text`; an `emit_text` that is not a boolean is ignored, like any
/// other field of an unexpected type. A `text` (or `html`) that is not a string is
/// `missing_text`; an empty text is a document with no quotes.
pub fn from_json(bytes: &[u8], default_id: &str, position: &str) -> Result<DocInput, DocError> {
    let fail = |kind, message: String| DocError::new(default_id, position, kind, message);
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(fail(ErrorKind::InvalidUtf8, format!("not UTF-8: {e}")));
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| fail(ErrorKind::MalformedJson, e.to_string()))?;
    let serde_json::Value::Object(mut object) = value else {
        return Err(fail(ErrorKind::MalformedJson, "not a JSON object".to_string()));
    };
    let id = saywho_io::json_id(&object, "id").unwrap_or_else(|| default_id.to_string());
    let meta = saywho_io::json_meta(&object, &saywho_io::MetaFields::default());
    let emit_text = object.get("emit_text").and_then(serde_json::Value::as_bool);
    let fail = |kind, message: &str| DocError::new(id.clone(), position, kind, message);
    let mut string = |name: &str| match object.remove(name) {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    let content = match (string("text"), string("html")) {
        (Some(text), None) => Content::Text(text),
        (None, Some(html)) => Content::Html(html.into_bytes(), None),
        (Some(_), Some(_)) => return Err(fail(ErrorKind::MalformedJson, "give \"text\" or \"html\", not both")),
        (None, None) => return Err(fail(ErrorKind::MissingText, "no string field \"text\" or \"html\"")),
    };
    Ok(DocInput {
        id,
        position: position.to_string(),
        content,
        meta,
        emit_text,
    })
}

/// Extracts one document on the blocking thread pool, so that the async workers keep serving
/// other connections while the engine runs. `permit` is the extraction slot; it is released
/// when the extraction ends, even if the request stopped waiting for it.
pub async fn extract_blocking(
    app: &AppState,
    input: DocInput,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> Result<Output, DocError> {
    let extractor = app.extractor();
    let (id, position) = (input.id.clone(), input.position.clone());
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        extract_document(&*extractor, input)
    });
    let result = task.await.unwrap_or_else(|e| {
        // The engine catches its own panics; this is one in HTML extraction or the record.
        let message = format!("extraction failed (a bug in saywho): {e}");
        Err(DocError::new(id, position, ErrorKind::Panic, message))
    });
    if let Ok(output) = &result {
        app.metrics().document(output.record.quotes.len());
    }
    result
}

/// HTML to text if need be, then the engine. Runs on a blocking thread.
fn extract_document(extractor: &(dyn Extractor + Send + Sync), input: DocInput) -> Result<Output, DocError> {
    let DocInput {
        id,
        position,
        content,
        meta,
        emit_text,
    } = input;
    let (text, meta, html) = match content {
        Content::Text(text) => (text, meta, false),
        Content::Html(bytes, charset) => {
            let article = html_article(&bytes, charset.as_deref(), meta, &position, &id)?;
            (article.0, article.1, true)
        }
    };
    let record = extractor.extract(&id, &text).map_err(|e| {
        let kind = match e {
            saywho::ExtractError::TooLarge { .. } => ErrorKind::TooLarge,
            saywho::ExtractError::Panic(_) => ErrorKind::Panic,
        };
        DocError::new(id.as_str(), position.as_str(), kind, e.to_string())
    })?;
    Ok(Output {
        record,
        meta,
        text: emit_text.unwrap_or(html).then_some(text),
    })
}

/// The main text and metadata of a page.
fn html_article(
    bytes: &[u8],
    charset: Option<&str>,
    meta: Meta,
    position: &str,
    id: &str,
) -> Result<(String, Meta), DocError> {
    let article = saywho_io::extract_article(bytes, charset, meta, position, id)?;
    Ok((article.text, article.meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_documents_and_their_errors() {
        let ok = from_json(
            br#"{"id": 7, "text": "Hi.", "url": "https://e.org", "extra": 1}"#,
            "doc",
            "request",
        )
        .unwrap();
        assert_eq!((ok.id.as_str(), ok.meta.url.as_deref()), ("7", Some("https://e.org")));
        let cases: [(&[u8], ErrorKind); 6] = [
            (b"{not json", ErrorKind::MalformedJson),
            (b"[1]", ErrorKind::MalformedJson),
            (br#"{"text": "a", "html": "b"}"#, ErrorKind::MalformedJson),
            (br#"{"id": "x"}"#, ErrorKind::MissingText),
            (br#"{"id": "x", "text": 42}"#, ErrorKind::MissingText),
            (b"{\"text\": \"caf\xe9\"}", ErrorKind::InvalidUtf8),
        ];
        for (bytes, kind) in cases {
            let e = from_json(bytes, "line-3", "line 3").unwrap_err();
            assert_eq!(e.kind, kind, "{}", String::from_utf8_lossy(bytes));
        }
        assert_eq!(from_json(br#"{"id": "x"}"#, "d", "p").unwrap_err().id, "x");
        // Like any field of an unexpected type, an emit_text that is not a boolean is ignored.
        let lax = from_json(br#"{"text": "a", "emit_text": "yes"}"#, "d", "p").unwrap();
        assert_eq!(lax.emit_text, None);
        assert_eq!(
            from_json(b"[1]", "line-3", "p").unwrap_err().message,
            "not a JSON object"
        );
    }

    #[test]
    fn the_lines_of_a_compressed_batch_are_decoded_one_at_a_time() {
        use std::io::Write;
        let body = b"{\"a\":1}\r\n\n  \n{\"b\":2}\n\r\n{\"c\":3}";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(body).unwrap();
        let gz = Bytes::from(gz.finish().unwrap());
        let all = |mut lines: DecodedLines| std::iter::from_fn(move || lines.next_line()).collect::<Vec<_>>();
        let ok = |n, line: &'static [u8]| (n, Ok(Bytes::from_static(line)));
        let expected = vec![ok(1, b"{\"a\":1}"), ok(4, b"{\"b\":2}"), ok(6, b"{\"c\":3}")];
        assert_eq!(all(DecodedLines::new(Coding::Gzip, gz.clone(), 1000)), expected);
        // A stream cut short gives its lines, then its error in place of a line, then ends.
        let cut = gz.slice(..gz.len() - 8);
        let lines = all(DecodedLines::new(Coding::Gzip, cut, 1000));
        assert!(
            matches!(lines.last(), Some((_, Err(m))) if m.contains("stopped decoding")),
            "{lines:?}"
        );
        assert!(Coding::Gzip.check(gz.slice(..gz.len() - 8), 1000).is_err());
        assert_eq!(Coding::Gzip.check(gz.clone(), body.len()), Ok(()));
        assert_eq!(
            Coding::Gzip.check(gz, body.len() - 1).map_err(|e| e.kind),
            Err("too_large")
        );
    }

    #[test]
    fn media_types_are_read_without_their_parameters() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            "Text/HTML; Charset=\"windows-1252\"".parse().unwrap(),
        );
        assert_eq!(media_type(&h), ("text/html".into(), Some("windows-1252".into())));
        assert_eq!(media_type(&HeaderMap::new()), (String::new(), None));
    }
}
