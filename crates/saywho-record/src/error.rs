//! Documents that could not be processed: a [`DocError`] in memory, an [`ErrorRecord`] in the
//! output (`{"schema_version", "id", "error": {"kind", "position", "message"}}`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why one document could not be processed. The `kind` strings are part of the output format
/// (`docs/OUTPUT.md`); never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A file or standard input could not be read.
    Io,
    /// The text is not UTF-8 (and no other encoding was declared).
    InvalidUtf8,
    /// A JSONL line is not a JSON object.
    MalformedJson,
    /// A JSONL object has no string in the text field.
    MissingText,
    /// The document is over `--max-doc-bytes`.
    TooLarge,
    /// A gzip stream ends in the middle of a member.
    TruncatedGzip,
    /// A gzip stream is corrupt (bad header, bad deflate data or checksum).
    CorruptGzip,
    /// A zstd stream ends early or is corrupt.
    CorruptZstd,
    /// A WARC record ends before its `Content-Length`, or in its header.
    TruncatedWarc,
    /// A WARC record header cannot be parsed (no `WARC/` line, no `Content-Length`).
    MalformedWarc,
    /// The HTML page yielded no main text, or its HTTP body could not be decoded.
    HtmlExtraction,
    /// The engine panicked on the document (a bug in saywho; please report it).
    Panic,
}

impl ErrorKind {
    /// The name used in error records, e.g. `"truncated_gzip"`.
    ///
    /// ```
    /// assert_eq!(saywho_record::ErrorKind::TooLarge.as_str(), "too_large");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::MalformedJson => "malformed_json",
            ErrorKind::MissingText => "missing_text",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::TruncatedGzip => "truncated_gzip",
            ErrorKind::CorruptGzip => "corrupt_gzip",
            ErrorKind::CorruptZstd => "corrupt_zstd",
            ErrorKind::TruncatedWarc => "truncated_warc",
            ErrorKind::MalformedWarc => "malformed_warc",
            ErrorKind::HtmlExtraction => "html_extraction",
            ErrorKind::Panic => "panic",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document that could not be processed: it becomes an [`ErrorRecord`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// The document's id, or a stand-in (`line-7`, the file name) when the id is unknown.
    pub id: String,
    /// Where in the input: `file`, `file:line` or `file:record N`.
    pub position: String,
    /// What went wrong.
    pub kind: ErrorKind,
    /// For a person: the details.
    pub message: String,
}

impl DocError {
    /// A new document error.
    pub fn new(
        id: impl Into<String>,
        position: impl Into<String>,
        kind: ErrorKind,
        message: impl Into<String>,
    ) -> Self {
        DocError {
            id: id.into(),
            position: position.into(),
            kind,
            message: message.into(),
        }
    }

    /// The error record written for it.
    ///
    /// ```
    /// use saywho_record::{DocError, ErrorKind};
    /// let e = DocError::new("a", "a.txt", ErrorKind::InvalidUtf8, "byte 3");
    /// let json = serde_json::to_string(&e.record()).unwrap();
    /// assert_eq!(json, r#"{"schema_version":"1.2","id":"a","error":{"kind":"invalid_utf8","position":"a.txt","message":"byte 3"}}"#);
    /// ```
    pub fn record(&self) -> ErrorRecord {
        ErrorRecord {
            schema_version: crate::SCHEMA_VERSION.to_string(),
            id: self.id.clone(),
            error: ErrorBody {
                kind: self.kind,
                position: self.position.clone(),
                message: self.message.clone(),
            },
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.position, self.kind, self.message)
    }
}

impl std::error::Error for DocError {}

impl From<ErrorRecord> for DocError {
    fn from(r: ErrorRecord) -> DocError {
        DocError {
            id: r.id,
            position: r.error.position,
            kind: r.error.kind,
            message: r.error.message,
        }
    }
}

/// The output line of a document that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// The schema this record follows.
    pub schema_version: String,
    /// The document's id.
    pub id: String,
    /// What went wrong, and where.
    pub error: ErrorBody,
}

/// The body of an [`ErrorRecord`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Why.
    pub kind: ErrorKind,
    /// Where in the input.
    pub position: String,
    /// The details.
    pub message: String,
}
