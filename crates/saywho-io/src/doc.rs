//! What flows through the pipeline: a [`Unit`] of raw input from the reader, a [`Document`]
//! ready for the engine, and the [`Output`] record written for it.

use crate::error::DocError;
pub use saywho_record::{DateSource, Meta, Output};

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
