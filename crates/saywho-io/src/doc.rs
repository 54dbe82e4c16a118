//! What flows through the pipeline: a [`Unit`] of raw input from the reader, a [`Document`]
//! ready for the engine, and the [`Output`] record written for it.

use crate::error::DocError;
use saywho::Record;
use serde::Serialize;

/// A document's metadata: from JSONL fields, or from an HTML page and its WARC record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Meta {
    /// The page's URL (canonical link, `og:url`, or the WARC target URI).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The publication date, as the page or JSONL line gives it (`YYYY-MM-DD` from HTML).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The outlet (site name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// Raw input for one document, as the reader found it. Decoding and parsing happen in the
/// workers, so the reader stays cheap and the pipeline scales with threads.
#[derive(Debug)]
pub struct Unit {
    /// Where in the input: `file`, `file:line` or `file:record N`.
    pub position: String,
    /// The bytes and how to read them.
    pub payload: Payload,
}

/// The bytes of a [`Unit`].
#[derive(Debug)]
pub enum Payload {
    /// A plain-text document.
    Text {
        /// Its id.
        id: String,
        /// Its bytes (to be checked for UTF-8).
        bytes: Vec<u8>,
    },
    /// One JSONL line.
    JsonLine {
        /// The line number, for the `line-N` stand-in id.
        line: usize,
        /// The line's bytes.
        bytes: Vec<u8>,
    },
    /// An HTML page.
    Html {
        /// Its id.
        id: String,
        /// The page's bytes.
        bytes: Vec<u8>,
        /// The charset the HTTP header declared, if any.
        charset: Option<String>,
        /// What the container knew (the WARC target URI).
        meta: Meta,
    },
    /// The reader already knows the document failed.
    Failed(DocError),
}

/// A document ready for the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its id.
    pub id: String,
    /// The text the offsets refer to.
    pub text: String,
    /// Its metadata.
    pub meta: Meta,
    /// True when `text` was extracted from HTML, so it is not in the input as such and is
    /// emitted by default.
    pub extracted: bool,
}

/// One line of JSONL output: the engine's record plus the document's metadata and, on request,
/// its text.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    /// The engine's record (`id`, `quotes`, `entities`).
    #[serde(flatten)]
    pub record: Record,
    /// The document's metadata.
    #[serde(flatten)]
    pub meta: Meta,
    /// The text the offsets refer to (`--emit-text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}
