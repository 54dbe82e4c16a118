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
pub mod caption;
pub mod channel;
pub mod confidence;
pub mod coref;
pub mod doc;
pub mod error;
pub mod indirect;
pub mod lexicon;
pub mod marks;
pub mod name_gender;
pub mod names;
pub mod np;
pub mod offsets;
pub mod places;
pub mod rank;
pub mod record;
mod scope;
pub mod sentence;
mod shape_filter;
pub mod surnames;
pub mod token;

pub use doc::{Doc, Entity, EntityKind, Quote, QuoteKind, Resolution};
pub use error::ExtractError;
pub use record::*;
pub use scope::Scope;

use lexicon::Lexicon;
use rank::{RuleRanker, SpeakerRanker};

/// The longest text [`Engine::new`] accepts, in bytes: 5 MB, some fifty times the longest
/// news article; longer inputs are rarely one article and cost time out of proportion.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 5_000_000;

/// The longest text any engine accepts: byte offsets are `u32` inside the engine.
pub const HARD_MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// The extraction engine: compiled lexicons, limits and the speaker ranker. Build once, share
/// across threads.
#[derive(Debug)]
pub struct Engine {
    lex: Lexicon,
    max_text_bytes: usize,
    ranker: Box<dyn SpeakerRanker>,
    scope: Scope,
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

    /// An engine for the language with ISO 639-1 code `code` (only `en` so far).
    ///
    /// ```
    /// assert!(saywho::Engine::for_language("en").is_ok());
    /// assert!(saywho::Engine::for_language("xx").is_err());
    /// ```
    pub fn for_language(code: &str) -> Result<Engine, lexicon::UnknownLanguage> {
        Ok(Engine::with_lexicon(Lexicon::for_language(code)?))
    }

    /// An engine with the given lexicon (its language's word lists) and the default limit.
    pub fn with_lexicon(lex: Lexicon) -> Engine {
        Engine {
            lex,
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            ranker: Box::new(RuleRanker),
            scope: Scope::Speech,
        }
    }

    /// The same engine with another speaker ranker: the one that chooses which entity a
    /// pronoun or description refers to among its candidates ([`rank`]). The default is
    /// [`RuleRanker`], the engine's hand-written rules.
    ///
    /// ```
    /// use saywho::rank::{best_score, Candidate, Query, SpeakerRanker};
    /// /// Always the candidate mentioned last.
    /// #[derive(Debug)]
    /// struct Nearest;
    /// impl SpeakerRanker for Nearest {
    ///     fn rank(&self, _query: &Query, candidates: &mut [Candidate]) -> Option<usize> {
    ///         for c in candidates.iter_mut() {
    ///             c.score = c.features.agrees.then(|| -(c.features.tokens_since_mention as f32));
    ///         }
    ///         best_score(candidates)
    ///     }
    /// }
    /// let engine = saywho::Engine::new().with_ranker(Box::new(Nearest));
    /// let doc = engine.analyze("Ann Lee spoke. “Yes,” she said.").unwrap();
    /// assert_eq!(doc.queries.len(), 1);
    /// assert_eq!(doc.queries[0].chosen, Some(0));
    /// ```
    pub fn with_ranker(mut self, ranker: Box<dyn SpeakerRanker>) -> Engine {
        self.ranker = ranker;
        self
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

    /// The same engine reporting what `scope` says: speech only (the default) or every
    /// attribution ([`Scope`] has an example).
    pub fn with_scope(mut self, scope: Scope) -> Engine {
        self.scope = scope;
        self
    }

    /// What the engine reports.
    pub fn scope(&self) -> Scope {
        self.scope
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
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run_stages(text)))
            .map_err(|panic| ExtractError::from_panic(&*panic))
    }

    /// Every stage in order; the text is within the limit. Each layer of [`Doc`] is written by
    /// one stage (docs/ENGINE.md lists which).
    fn run_stages<'t>(&self, text: &'t str) -> Doc<'t> {
        let lex = &self.lex;
        let (tokens, paragraphs, marks) = token::tokenize_with_marks(text, lex);
        let mut doc = Doc {
            text,
            tokens,
            paragraphs,
            quote_spans: Vec::new(),
            sentences: Vec::new(),
            names: Vec::new(),
            quotes: Vec::new(),
            resolutions: Vec::new(),
            channels: Vec::new(),
            entities: Vec::new(),
            mentions: Vec::new(),
            queries: Vec::new(),
            candidates: Vec::new(),
            work: coref::Work::default(),
        };
        if doc.tokens.is_empty() {
            return doc;
        }
        doc.quote_spans = marks::find_quotes_among(&mut doc.tokens, &doc.paragraphs, &marks);
        doc.sentences = sentence::split_sentences(text, &mut doc.tokens, &doc.paragraphs, &doc.quote_spans, lex);
        doc.names = names::find_names(text, &doc.tokens, lex);
        doc.quotes = find_quotes(&doc, lex, self.scope);
        let work = coref::Work::for_tokens(doc.tokens.len());
        coref::resolve(&mut doc, lex, &*self.ranker, work);
        drop_unspoken_phrases(&mut doc);
        renumber_groups(&mut doc.quotes);
        channel::assign(&mut doc, lex);
        doc
    }

    /// Extracts every quotation of `text` as a serialisable record (code-point offsets).
    pub fn extract(&self, id: &str, text: &str) -> Result<Record, ExtractError> {
        Ok(self.analyze(text)?.to_record(id))
    }
}

/// Direct, mixed and indirect quotations, in text order, with speakers carried across
/// paragraphs once all are known.
fn find_quotes(doc: &Doc, lex: &Lexicon, scope: Scope) -> Vec<Quote> {
    let mut quotes = attribution::attribute_quoted(doc, lex);
    let first_group = quotes.len() as u32;
    let indirect = indirect::attribute_indirect(doc, lex, &quotes, scope);
    quotes.extend(indirect.into_iter().map(|mut q| {
        q.group += first_group;
        q
    }));
    let next_group = quotes.iter().map(|q| q.group + 1).max().unwrap_or(0);
    let labelled = attribution::label::labelled(doc, &quotes, next_group);
    quotes.extend(labelled);
    // A photo caption repeats or sums up what the article reports: not a quotation of its own.
    quotes.retain(|q| !caption::is_caption(doc, doc.sentences[q.sentence as usize].para as usize));
    quotes.sort_by_key(|q| q.start);
    attribution::join_fragments_around_their_cue(doc, &mut quotes);
    attribution::carry_across_paragraphs(doc, lex, &mut quotes);
    extend_to_names(doc, &mut quotes);
    quotes
}

/// Speakers' name phrases cover the whole names they are part of ([`Doc::with_whole_names`]).
fn extend_to_names(doc: &Doc, quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        if let Some(np) = q.speaker.as_mut().filter(|np| np.kind == np::NpKind::Name) {
            *np = doc.with_whole_names(*np);
        }
    }
}

/// A short quoted phrase that nobody is found to have said is a title, a slogan or a term,
/// not a quotation: it leaves the quotes and their resolutions together.
fn drop_unspoken_phrases(doc: &mut Doc) {
    let text = doc.text;
    let keep: Vec<bool> = doc
        .quotes
        .iter()
        .zip(&doc.resolutions)
        .map(|(q, r)| {
            r.entity.is_some()
                || q.cue.is_some()
                || text[q.start as usize..q.end as usize].split_whitespace().count() >= 8
        })
        .collect();
    let mut flags = keep.iter();
    doc.quotes.retain(|_| flags.next().copied().unwrap_or(true));
    let mut flags = keep.iter();
    doc.resolutions.retain(|_| flags.next().copied().unwrap_or(true));
}

/// Groups numbered 0, 1, 2 … in order of first appearance.
fn renumber_groups(quotes: &mut [Quote]) {
    let mut seen: rustc_hash::FxHashMap<u32, u32> = rustc_hash::FxHashMap::default();
    for q in quotes.iter_mut() {
        let next = seen.len() as u32;
        q.group = *seen.entry(q.group).or_insert(next);
    }
}
