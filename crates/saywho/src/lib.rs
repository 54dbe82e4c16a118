//! saywho: who said what in news text.
//!
//! ```
//! let engine = saywho::Engine::new();
//! let text = "“We will never break,” John Legend wrote on Twitter.";
//! let record = engine.extract("doc-1", text).unwrap();
//! assert_eq!(record.quotes[0].text, "We will never break,");
//! assert_eq!(record.quotes[0].speaker.as_ref().unwrap().name, "John Legend");
//! assert_eq!(record.quotes[0].channel.as_deref(), Some("Twitter"));
//! assert_eq!(record.entities[0].key.as_deref(), Some("john-legend"));
//! ```
//!
//! The pipeline is a sequence of stages, each a function that reads some layers of a
//! [`Doc`] and adds one: [`token`] → [`marks`] → [`sentence`] → [`names`] → [`attribution`]
//! and [`indirect`] → [`coref`] → [`channel`].
//!
//! A text longer than the engine's limit ([`DEFAULT_MAX_TEXT_BYTES`] unless set with
//! [`Engine::with_max_text_bytes`]) is an [`ExtractError::TooLarge`], never a record with
//! wrong offsets, and a panic inside the engine (a bug) is an [`ExtractError::Panic`] for that
//! document, never the caller's crash.

#![warn(missing_docs)]

pub mod attribution;
pub mod channel;
pub mod coref;
pub mod doc;
pub mod indirect;
pub mod lexicon;
pub mod marks;
pub mod names;
pub mod np;
pub mod offsets;
pub mod record;
pub mod sentence;
pub mod token;

pub use doc::{Doc, Entity, EntityKind, Quote, QuoteKind};
pub use record::*;

use lexicon::Lexicon;

/// The longest text [`Engine::new`] accepts, in bytes: 5 MB, some fifty times the longest
/// news article; longer inputs are rarely one article and cost time out of proportion.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 5_000_000;

/// The longest text any engine accepts: byte offsets are `u32` inside the engine.
pub const HARD_MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// Why a text could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The text is longer than the engine's limit.
    TooLarge {
        /// The text's length in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The engine panicked on this text: a bug in saywho, reported with its message.
    Panic(String),
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::TooLarge { bytes, limit } => {
                write!(f, "the text is {bytes} bytes, over the limit of {limit}")
            }
            ExtractError::Panic(message) => write!(f, "the engine panicked (a bug in saywho): {message}"),
        }
    }
}

impl std::error::Error for ExtractError {}

/// The extraction engine: compiled lexicons and limits. Build once, share across threads.
#[derive(Debug)]
pub struct Engine {
    lex: Lexicon,
    max_text_bytes: usize,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl Engine {
    /// An engine with the embedded English lexicons and the default text limit.
    pub fn new() -> Engine {
        Engine::with_lexicon(Lexicon::english())
    }

    /// An engine with the given lexicon (its language's word lists) and the default limit.
    pub fn with_lexicon(lex: Lexicon) -> Engine {
        Engine {
            lex,
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
        }
    }

    /// The same engine with another text limit, in bytes (at most [`HARD_MAX_TEXT_BYTES`]).
    ///
    /// ```
    /// let engine = saywho::Engine::new().with_max_text_bytes(10);
    /// let err = engine.extract("a", "“Yes,” Ann Lee said.").unwrap_err();
    /// assert!(matches!(err, saywho::ExtractError::TooLarge { limit: 10, .. }));
    /// ```
    pub fn with_max_text_bytes(mut self, limit: usize) -> Engine {
        self.max_text_bytes = limit.min(HARD_MAX_TEXT_BYTES);
        self
    }

    /// The longest text this engine accepts, in bytes.
    pub fn max_text_bytes(&self) -> usize {
        self.max_text_bytes
    }

    /// The lexicon the engine reads with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Runs the whole pipeline on `text` and returns the document with all its layers
    /// (byte offsets); an error when the text is over the limit or the engine panics.
    pub fn analyze<'t>(&self, text: &'t str) -> Result<Doc<'t>, ExtractError> {
        if text.len() > self.max_text_bytes {
            return Err(ExtractError::TooLarge {
                bytes: text.len(),
                limit: self.max_text_bytes,
            });
        }
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run_stages(text))).map_err(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            ExtractError::Panic(message)
        })
    }

    /// Every stage in order; the text is within the limit.
    fn run_stages<'t>(&self, text: &'t str) -> Doc<'t> {
        let lex = &self.lex;
        let (tokens, paragraphs) = token::tokenize(text, lex);
        let mut doc = Doc {
            text,
            tokens,
            paragraphs,
            quote_spans: Vec::new(),
            sentences: Vec::new(),
            names: Vec::new(),
            quotes: Vec::new(),
            entities: Vec::new(),
            mentions: Vec::new(),
        };
        if doc.tokens.is_empty() {
            return doc;
        }
        doc.quote_spans = marks::find_quotes(&mut doc.tokens, &doc.paragraphs);
        doc.sentences = sentence::split_sentences(text, &mut doc.tokens, &doc.paragraphs, &doc.quote_spans, lex);
        doc.names = names::find_names(text, &doc.tokens, lex);
        let mut quotes = attribution::attribute_quoted(&doc);
        let indirect = indirect::attribute_indirect(&doc, &quotes);
        for (group, mut q) in (quotes.len() as u32..).zip(indirect) {
            q.group = group;
            let second = q.continued_by.take().map(|(start, end)| Quote {
                start,
                end,
                ..q.clone()
            });
            quotes.push(q);
            quotes.extend(second);
        }
        quotes.sort_by_key(|q| q.start);
        carry_across_paragraphs(&doc, &mut quotes);
        doc.quotes = quotes;
        coref::resolve(&mut doc, lex);
        // A short quoted phrase that nobody is found to have said is a title, a slogan or a
        // term, not a quotation.
        doc.quotes.retain(|q| {
            q.entity.is_some()
                || q.cue.is_some()
                || text[q.start as usize..q.end as usize].split_whitespace().count() >= 8
        });
        renumber_groups(&mut doc.quotes);
        channel::assign(&mut doc, lex);
        doc
    }

    /// Extracts every quotation of `text` as a serialisable record (code-point offsets).
    pub fn extract(&self, id: &str, text: &str) -> Result<Record, ExtractError> {
        Ok(self.analyze(text)?.to_record(id))
    }
}

/// A quote that opens a paragraph with no attribution continues the last speaker of the
/// paragraph before, now that indirect quotes are known too.
fn carry_across_paragraphs(doc: &Doc, quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        let Some(pp) = quotes[i].carry_from_paragraph else {
            continue;
        };
        let source = (0..i)
            .rev()
            .find(|&j| quotes[j].speaker.is_some() && doc.sentences[quotes[j].sentence as usize].para == pp);
        let speaker = match source {
            Some(j) => quotes[j].speaker,
            // No quote there with a speaker (its marks may be unbalanced): the paragraph's
            // last attribution ("…," said Nicholson in an email).
            None => attribution::last_attribution(doc, pp as usize),
        };
        if speaker.is_some() {
            quotes[i].speaker = speaker;
            quotes[i].speaker_carried = true;
            quotes[i].confidence = if source.is_some() { 0.65 } else { 0.55 };
        }
    }
}

/// Groups numbered 0, 1, 2 … in order of first appearance.
fn renumber_groups(quotes: &mut [Quote]) {
    let mut seen: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
    for q in quotes.iter_mut() {
        let next = seen.len() as u32;
        q.group = *seen.entry(q.group).or_insert(next);
    }
}
