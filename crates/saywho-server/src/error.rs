//! Errors of the API: every failure is `{"error": {"kind", "message"}}` with a stable `kind`
//! and the HTTP status that goes with it.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use saywho_record::{DocError, ErrorKind};
use serde::Serialize;
use utoipa::ToSchema;

/// Seconds a client is told to wait (`Retry-After`) when the server is saturated. Short: an
/// extraction takes milliseconds, so a queue drains quickly.
pub const RETRY_AFTER_SECS: u64 = 1;

/// A failed request. The `kind` strings are part of the API (`docs/SERVER.md`); never rename one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The stable machine-readable reason, e.g. `too_large`.
    pub kind: &'static str,
    /// For a person: the details.
    pub message: String,
}

/// The JSON body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorResponse {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The body of an [`ErrorResponse`].
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable reason: `malformed_json`, `invalid_utf8`, `malformed_body`, `bad_query`, `not_found`,
    /// `method_not_allowed`, `too_large`, `unsupported_media_type`, `missing_text`,
    /// `html_extraction`, `panic`, `overloaded`, `timeout`, `store`.
    pub kind: String,
    /// For a person: the details.
    pub message: String,
}

impl ApiError {
    /// An error with this status, kind and message.
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            kind,
            message: message.into(),
        }
    }

    /// 400: the body is not the JSON the route reads.
    pub fn malformed_json(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "malformed_json", message)
    }

    /// 413: the body is over the limit.
    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the request body is over the limit of {limit} bytes"),
        )
    }

    /// 415: a media type the route does not read.
    pub fn media_type(got: &str, accepted: &str) -> ApiError {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            format!("Content-Type {got:?} is not read here; send {accepted}"),
        )
    }

    /// 422: no text to read.
    pub fn missing_text(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "missing_text", message)
    }

    /// 503: every extraction slot is busy and the queue is full.
    pub fn overloaded() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "the server is saturated: every extraction slot is busy and the queue is full; retry shortly",
        )
    }

    /// 503: the request took longer than the server's time limit.
    pub fn timeout(limit: std::time::Duration) -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            format!("the request took longer than the limit of {} ms", limit.as_millis()),
        )
    }

    /// 404.
    pub fn not_found(path: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("no route {path}"))
    }

    /// The error of a document the pipeline could not read: its kind, with the status that
    /// says whose fault it is.
    pub fn from_doc(e: &DocError) -> ApiError {
        let status = match e.kind {
            ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::InvalidUtf8 | ErrorKind::MalformedJson => StatusCode::BAD_REQUEST,
            ErrorKind::MissingText | ErrorKind::HtmlExtraction => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.kind.as_str(), e.message.clone())
    }

    fn retry_after(&self) -> bool {
        self.status == StatusCode::SERVICE_UNAVAILABLE
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.kind, self.message)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry = self.retry_after();
        let tag = crate::metrics::ErrorTag(self.kind);
        let body = ErrorResponse {
            error: ErrorDetail {
                kind: self.kind.to_string(),
                message: self.message,
            },
        };
        let mut response = (self.status, axum::Json(body)).into_response();
        response.extensions_mut().insert(tag);
        if retry {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
        }
        response
    }
}
