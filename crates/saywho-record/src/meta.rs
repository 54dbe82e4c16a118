//! A document's metadata and the output line that carries it beside the engine's record.

use crate::{ErrorRecord, Record};
use serde::{Deserialize, Serialize};

/// A document's metadata: from JSONL fields, or from an HTML page and its WARC record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The page's URL (canonical link, `og:url`, or the WARC target URI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The byline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The publication date, as the page or JSONL line gives it (`YYYY-MM-DD` from HTML).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The outlet (site name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Where an HTML page's `date` came from; absent when the date came with the input (a
    /// JSONL field) or there is no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
}

/// Where a page's publication date was read: never from the article's prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The page's metadata: a meta tag, JSON-LD or a `<time>` element.
    Metadata,
    /// The dateline that opens the article ("WASHINGTON, March 3, 2019 (Reuters) -").
    Dateline,
}

impl DateSource {
    /// The name in the output: `metadata` or `dateline`.
    ///
    /// ```
    /// assert_eq!(saywho_record::DateSource::Dateline.as_str(), "dateline");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Dateline => "dateline",
        }
    }
}

impl std::str::FromStr for DateSource {
    type Err = String;
    /// Parses the output name back (`"dateline".parse()`).
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "metadata" => Ok(DateSource::Metadata),
            "dateline" => Ok(DateSource::Dateline),
            _ => Err(format!("not one of metadata, dateline: {s:?}")),
        }
    }
}

/// One line of `extract` output for a document that was processed: the engine's record plus
/// the document's metadata and, on request, its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    /// The engine's record (`schema_version`, `id`, `quotes`, `entities`).
    #[serde(flatten)]
    pub record: Record,
    /// The document's metadata.
    #[serde(flatten)]
    pub meta: Meta,
    /// The text the offsets refer to (`--emit-text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Any line of `extract`'s JSONL output, read back (by the store, or a user's program).
///
/// ```
/// use saywho_record::OutputLine;
/// let ok: OutputLine = serde_json::from_str(r#"{"schema_version":"1.2","id":"a","quotes":[],"entities":[],"title":"T"}"#).unwrap();
/// assert!(matches!(ok, OutputLine::Document(ref o) if o.meta.title.as_deref() == Some("T")));
/// let failed: OutputLine = serde_json::from_str(r#"{"schema_version":"1.2","id":"b","error":{"kind":"too_large","position":"x:2","message":"m"}}"#).unwrap();
/// assert!(matches!(failed, OutputLine::Error(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OutputLine {
    /// A document that failed (tried first: it has the `error` field a document lacks).
    Error(ErrorRecord),
    /// A document processed.
    Document(Box<Output>),
}
