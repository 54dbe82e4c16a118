//! Errors as values: a [`DocError`] is one document that could not be processed (the run goes
//! on and it becomes an error record); an [`Error`] stops the whole run (an output that cannot
//! be written, a thread pool that cannot start).

use serde::Serialize;
use std::fmt;

/// Why one document could not be processed. The `kind` strings are part of the output format
/// (`docs/OUTPUT.md`); never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// assert_eq!(saywho_io::ErrorKind::TooLarge.as_str(), "too_large");
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

/// A document that could not be processed: it becomes the error record
/// `{"id", "error": {"kind", "position", "message"}}`.
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

    /// The error record's JSON shape.
    pub fn record(&self) -> ErrorRecord<'_> {
        ErrorRecord {
            id: &self.id,
            error: ErrorBody {
                kind: self.kind.as_str(),
                position: &self.position,
                message: &self.message,
            },
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.position, self.kind, self.message)
    }
}

/// The serialised error record.
#[derive(Debug, Serialize)]
pub struct ErrorRecord<'a> {
    /// The document's id.
    pub id: &'a str,
    /// What went wrong, and where.
    pub error: ErrorBody<'a>,
}

/// The body of an [`ErrorRecord`].
#[derive(Debug, Serialize)]
pub struct ErrorBody<'a> {
    /// An [`ErrorKind`] name.
    pub kind: &'a str,
    /// Where in the input.
    pub position: &'a str,
    /// The details.
    pub message: &'a str,
}

/// An error that stops the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing the output failed.
    #[error("cannot write the output")]
    Write(#[source] std::io::Error),
    /// Writing the Parquet output failed.
    #[error("cannot write Parquet")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Building an Arrow batch failed (a bug: the columns disagree).
    #[error("cannot build an Arrow batch")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// Writing a CSV row failed.
    #[error("cannot write CSV")]
    Csv(#[from] csv::Error),
    /// A worker or the reader thread died.
    #[error("a pipeline thread failed: {0}")]
    Thread(String),
}

/// Results of the whole run.
pub type Result<T, E = Error> = std::result::Result<T, E>;
