//! The API's handlers: extraction of one document or a JSONL batch, health, metrics and the
//! OpenAPI document. Their `#[utoipa::path]` annotations are the OpenAPI document's source.

use crate::document::{
    self, extract_blocking, from_json, Coding, Content, DecodedLines, DocInput, ExtractRequest, DEFAULT_ID,
};
use crate::error::{ApiError, ErrorResponse};
use crate::AppState;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use saywho_record::{DocError, Meta, Output};
use serde::Deserialize;
use std::convert::Infallible;
use tokio::sync::OwnedSemaphorePermit;

/// The media types `/v1/extract` reads.
const EXTRACT_TYPES: &str = "application/json, text/plain or text/html";
/// The media types `/v1/extract/batch` reads.
const BATCH_TYPES: &str = "application/x-ndjson (also application/jsonl, application/json or text/plain)";
/// The media type of a JSONL response.
const NDJSON: &str = "application/x-ndjson";

/// The id and metadata of a plain-text or HTML body, in the query string.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RawParams {
    /// The document's id (default `doc`); for plain-text and HTML bodies only.
    id: Option<String>,
    /// The page's URL; for plain-text and HTML bodies only.
    url: Option<String>,
}

/// Extract the quotes of one document.
///
/// The body is JSON (`{"text"}` or `{"html"}`, with optional `id`, `url`, `title`, `author`,
/// `date`, `outlet`, `emit_text`), plain text, or an HTML page. The answer is the document's
/// record, the same JSON as a line of `saywho extract`; for HTML it carries the page's metadata
/// and the `text` its offsets refer to. An empty text is a document too: its record has no
/// quotes, as `saywho extract` gives an empty file. The body may be sent with
/// `Content-Encoding: gzip` or `deflate` (zlib, or raw DEFLATE without zlib's header).
#[utoipa::path(
    post,
    path = "/v1/extract",
    tag = "extract",
    params(RawParams),
    request_body(content(
        (ExtractRequest = "application/json"),
        (String = "text/plain"),
        (String = "text/html"),
    )),
    responses(
        (status = 200, description = "The document's record", body = ref("#/components/schemas/record")),
        (status = 400, description = "`malformed_json`, `invalid_utf8` (text not valid in its charset, UTF-8 unless `charset=` says), `malformed_body` (a `Content-Encoding` that does not decode) or `bad_query`", body = ErrorResponse),
        (status = 413, description = "`too_large`: the body is over the limit (decoded, for a compressed body)", body = ErrorResponse),
        (status = 415, description = "`unsupported_media_type` (or a `Content-Encoding` other than gzip and deflate)", body = ErrorResponse),
        (status = 422, description = "`missing_text` (no `text` or `html` string field) or `html_extraction` (a page without an article)", body = ErrorResponse),
        (status = 500, description = "`panic`: a bug in saywho", body = ErrorResponse),
        (status = 503, description = "`overloaded` or `timeout`, with `Retry-After`", body = ErrorResponse),
    )
)]
pub async fn extract(
    State(app): State<AppState>,
    query: Result<Query<RawParams>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let limit = app.config().timeout;
    let work = async {
        let Query(params) = query.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
        let (media, charset) = document::media_type(&headers);
        let kind = classify(&media).ok_or_else(|| ApiError::media_type(&media, EXTRACT_TYPES))?;
        if let Some(label) = charset.as_deref().filter(|_| kind == BodyKind::Text) {
            if encoding_rs::Encoding::for_label(label.as_bytes()).is_none() {
                let message = format!("charset {label:?} is not one saywho knows; send UTF-8 or a WHATWG charset");
                return Err(ApiError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    message,
                ));
            }
        }
        let max = app.config().max_body_bytes;
        let body = document::read_body(&headers, body, max).await?;
        let coding = Coding::of(&headers, &body)?;
        // A compressed body is decoded only once the request holds its slot: a few kilobytes
        // can expand to the body limit, so decoded bodies waiting in the queue would take
        // memory without bound, and a request turned away must not decode at all. A body sent
        // as it is is read before, as ever (a malformed one is answered without waiting).
        let (bytes, permit) = match coding {
            Coding::Identity => (body, None),
            coding => {
                let permit = app.limiter().acquire().await.map_err(|_| ApiError::overloaded())?;
                (coding.decode(body, max)?, Some(permit))
            }
        };
        let input = request_document(kind, bytes, charset, params).map_err(|e| ApiError::from_doc(&e))?;
        let permit = match permit {
            Some(permit) => permit,
            None => app.limiter().acquire().await.map_err(|_| ApiError::overloaded())?,
        };
        let output = extract_blocking(&app, input, permit)
            .await
            .map_err(|e| ApiError::from_doc(&e))?;
        Ok(json_response(&output))
    };
    tokio::time::timeout(limit, work)
        .await
        .unwrap_or_else(|_| Err(ApiError::timeout(limit)))
}

/// What a `/v1/extract` body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    Json,
    Text,
    Html,
}

fn classify(media: &str) -> Option<BodyKind> {
    match media {
        "application/json" => Some(BodyKind::Json),
        "text/plain" => Some(BodyKind::Text),
        "text/html" | "application/xhtml+xml" => Some(BodyKind::Html),
        m if m.starts_with("application/") && m.ends_with("+json") => Some(BodyKind::Json),
        _ => None,
    }
}

fn request_document(
    kind: BodyKind,
    bytes: Bytes,
    charset: Option<String>,
    params: RawParams,
) -> Result<DocInput, DocError> {
    let id = params.id.unwrap_or_else(|| DEFAULT_ID.to_string());
    let position = "request";
    let meta = Meta {
        url: params.url,
        ..Meta::default()
    };
    let content = match kind {
        BodyKind::Json => return from_json(&bytes, DEFAULT_ID, position),
        BodyKind::Html => Content::Html(bytes.to_vec(), charset),
        BodyKind::Text => match document::decode_text(&bytes, charset.as_deref()) {
            Ok(text) => Content::Text(text),
            Err(message) => {
                return Err(DocError::new(
                    id,
                    position,
                    saywho_record::ErrorKind::InvalidUtf8,
                    message,
                ));
            }
        },
    };
    Ok(DocInput {
        id,
        position: position.to_string(),
        content,
        meta,
        emit_text: None,
    })
}

fn json_response(output: &Output) -> Response {
    match serde_json::to_vec(output) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
        Err(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "panic", e.to_string()).into_response(),
    }
}

/// Extract the quotes of many documents: JSONL in, JSONL out, streamed.
///
/// Each line is a JSON object like the body of `/v1/extract` (`{"id", "text"}` or
/// `{"id", "html"}`; other fields are ignored). Each answer line is the record of the line at
/// the same place, in input order, written as soon as it and those before it are done; a line
/// that cannot be read or extracted is an error record
/// `{"schema_version", "id", "error": {"kind", "position", "message"}}` in its place, and the
/// response is still 200. Each line gets the record or error record `saywho extract` gives the
/// same JSONL line. Blank lines are skipped. The body may be sent with
/// `Content-Encoding: gzip` or `deflate` (zlib, or raw DEFLATE without zlib's header).
#[utoipa::path(
    post,
    path = "/v1/extract/batch",
    tag = "extract",
    request_body(content = String, content_type = "application/x-ndjson", description = "One JSON object a line"),
    responses(
        (status = 200, description = "One record or error record a line, in input order", content_type = "application/x-ndjson", body = String),
        (status = 400, description = "`malformed_body` (a `Content-Encoding` that does not decode) or `io`", body = ErrorResponse),
        (status = 413, description = "`too_large`: the body is over the limit (decoded, for a compressed body)", body = ErrorResponse),
        (status = 415, description = "`unsupported_media_type`", body = ErrorResponse),
        (status = 503, description = "`overloaded` or `timeout` (reading the body, and for a compressed body waiting for a slot to check it under), with `Retry-After`", body = ErrorResponse),
    )
)]
pub async fn extract_batch(State(app): State<AppState>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let (media, charset) = document::media_type(&headers);
    // JSON lines are UTF-8 (RFC 8259); a batch in another charset is refused as a whole
    // rather than failing line by line.
    if let Some(label) = document::other_charset(charset.as_deref()) {
        let message = format!("charset {label:?}: a batch is JSON lines, which are UTF-8");
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        ));
    }
    let jsonl = [
        "application/x-ndjson",
        "application/jsonl",
        "application/json-lines",
        "application/x-jsonlines",
        "application/json",
        "text/plain",
    ];
    if !jsonl.contains(&media.as_str()) {
        return Err(ApiError::media_type(&media, BATCH_TYPES));
    }
    let (limit, max) = (app.config().timeout, app.config().max_body_bytes);
    let admit = async {
        let body = document::read_body(&headers, body, max).await?;
        match Coding::of(&headers, &body)? {
            // Admission is decided once, for the whole batch: once the response has started,
            // every line gets its record.
            Coding::Identity if app.limiter().is_saturated() => Err(ApiError::overloaded()),
            Coding::Identity => Ok(Lines::Plain(split_lines(&body).collect::<Vec<_>>().into_iter())),
            // A compressed batch is admitted by taking a slot, and checked under it (does it
            // decode, and to no more than the limit?) without keeping what it decodes to; its
            // lines are then decoded one at a time, each under the slot of its extraction, so
            // a batch never exists decoded as a whole and a batch turned away decodes nothing.
            coding => {
                let _slot = app.limiter().acquire().await.map_err(|_| ApiError::overloaded())?;
                coding.check(body.clone(), max)?;
                Ok(Lines::Decoded(DecodedLines::new(coding, body, max)))
            }
        }
    };
    let lines = tokio::time::timeout(limit, admit)
        .await
        .unwrap_or_else(|_| Err(ApiError::timeout(limit)))?;
    // As many lines in flight as there are slots, so a batch alone can use every core. A task
    // of its own reads the lines and starts each one's extraction, in input order, once the
    // answer has room for it (a channel of `depth` answers): a client that stops reading its
    // answer stops the batch there, holding no slot. (Taken inside the answer's stream, a
    // slot granted to a line that the stalled stream no longer polled stayed taken until the
    // write timeout.)
    let depth = app.config().slots.max(1);
    let (answers, mut queued) = tokio::sync::mpsc::channel::<(usize, tokio::sync::oneshot::Receiver<Bytes>)>(depth);
    let reader = app.clone();
    tokio::spawn(async move {
        let mut lines = lines;
        while let Ok(room) = answers.reserve().await {
            let (n, line, permit) = match &mut lines {
                Lines::Plain(plain) => match plain.next() {
                    Some((n, line)) => (n, Ok(line), None),
                    None => break,
                },
                Lines::Decoded(decoded) => {
                    // The slot first, then the line: a decoded line is only ever in memory
                    // under a slot.
                    let permit = reader.limiter().acquire_admitted().await.ok();
                    match decoded.next_line() {
                        Some((n, line)) => (n, line, permit),
                        None => break,
                    }
                }
            };
            let (done, answer) = tokio::sync::oneshot::channel();
            let app = reader.clone();
            tokio::spawn(async move {
                // The receiver is gone only when the client is.
                let _ = done.send(batch_line(&app, n, line, permit).await);
            });
            room.send((n, answer));
        }
    });
    let stream = futures_util::stream::poll_fn(move |cx| queued.poll_recv(cx))
        .then(|(n, answer)| async move { Ok::<Bytes, Infallible>(answer.await.unwrap_or_else(|_| lost_line(n))) });
    Ok(([(header::CONTENT_TYPE, NDJSON)], Body::from_stream(stream)).into_response())
}

/// The lines of a batch: those of a body sent as it is, split at once, or those of a
/// compressed body, decoded as they are read.
enum Lines {
    Plain(std::vec::IntoIter<(usize, Bytes)>),
    Decoded(DecodedLines),
}

/// The non-blank lines of a body with their numbers (from 1), without their line ends.
fn split_lines(bytes: &Bytes) -> impl Iterator<Item = (usize, Bytes)> + '_ {
    let mut start = 0;
    bytes.split(|&b| b == b'\n').enumerate().filter_map(move |(i, line)| {
        let range = start..start + line.len();
        start += line.len() + 1;
        let trimmed = line.strip_suffix(b"\r").unwrap_or(line);
        (!trimmed.trim_ascii().is_empty()).then(|| (i + 1, bytes.slice(range.start..range.start + trimmed.len())))
    })
}

/// The error record of line `n` whose extraction task ended without an answer (a bug).
fn lost_line(n: usize) -> Bytes {
    let e = DocError::new(
        format!("line-{n}"),
        format!("line {n}"),
        saywho_record::ErrorKind::Panic,
        "the line's extraction ended without an answer",
    );
    let mut bytes = serde_json::to_vec(&e.record()).unwrap_or_default();
    bytes.push(b'\n');
    Bytes::from(bytes)
}

/// One line of a batch (or why it could not be decoded): its record or its error record, with
/// the line end. `permit` is the slot the line was decoded under, if it was.
async fn batch_line(
    app: &AppState,
    n: usize,
    line: Result<Bytes, String>,
    permit: Option<OwnedSemaphorePermit>,
) -> Bytes {
    let position = format!("line {n}");
    let input = match line {
        Ok(line) => from_json(&line, &format!("line-{n}"), &position),
        Err(message) => Err(DocError::new(
            format!("line-{n}"),
            position.as_str(),
            saywho_record::ErrorKind::Io,
            message,
        )),
    };
    let result = match input {
        Ok(input) => {
            let permit = match permit {
                Some(permit) => Ok(permit),
                None => app.limiter().acquire_admitted().await,
            };
            match permit {
                Ok(permit) => extract_blocking(app, input, permit).await,
                Err(_) => Err(DocError::new(
                    input.id,
                    position.as_str(),
                    saywho_record::ErrorKind::Panic,
                    "the extraction slots are closed",
                )),
            }
        }
        Err(e) => {
            drop(permit);
            Err(e)
        }
    };
    let json = match &result {
        Ok(output) => serde_json::to_vec(output),
        Err(e) => {
            app.metrics().document_error(e.kind.as_str());
            serde_json::to_vec(&e.record())
        }
    };
    let mut bytes = json.unwrap_or_else(|e| {
        let e = DocError::new(
            format!("line-{n}"),
            position,
            saywho_record::ErrorKind::Panic,
            e.to_string(),
        );
        serde_json::to_vec(&e.record()).unwrap_or_default()
    });
    bytes.push(b'\n');
    Bytes::from(bytes)
}

/// Health: 200 and `{"status": "ok"}` while the server runs.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, description = "The server is up", body = Object, example = json!({"status": "ok", "documents": 0, "corpus": false}))))]
pub async fn healthz(State(app): State<AppState>) -> Response {
    let corpus = app.corpus().is_some();
    let body = serde_json::json!({"status": "ok", "documents": app.metrics().documents(), "corpus": corpus});
    axum::Json(body).into_response()
}

/// Metrics in the Prometheus text format: requests by route and status, a latency histogram,
/// documents, quotes, errors by kind, and the extraction slots in use.
#[utoipa::path(get, path = "/metrics", tag = "operations", responses((status = 200, description = "Prometheus text format 0.0.4", content_type = "text/plain; version=0.0.4", body = String)))]
pub async fn metrics(State(app): State<AppState>) -> Response {
    let text = app.metrics().render(app.limiter(), app.config().slots);
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        text,
    )
        .into_response()
}

/// This API's OpenAPI 3.1 document, generated from the code.
#[utoipa::path(get, path = "/openapi.json", tag = "operations", responses((status = 200, description = "The OpenAPI document", body = Object)))]
pub async fn openapi(State(app): State<AppState>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        app.openapi_json().to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_from_one_and_blank_ones_skipped() {
        let body = Bytes::from_static(b"{\"a\":1}\r\n\n  \n{\"b\":2}");
        let lines: Vec<_> = split_lines(&body).collect();
        assert_eq!(
            lines,
            vec![
                (1, Bytes::from_static(b"{\"a\":1}")),
                (4, Bytes::from_static(b"{\"b\":2}"))
            ]
        );
    }
}
