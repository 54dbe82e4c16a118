//! The serialisable result of one document: the JSON schema users see.
//!
//! Offsets here are **Unicode code points** into the exact input text, end-exclusive, as Python
//! and JavaScript index strings. The in-memory [`crate::Doc`] keeps byte offsets; it converts
//! to a [`Record`] with [`crate::Doc::to_record`]. The JSON Schema for this shape is
//! `docs/schema/record.schema.json`.

use serde::{Deserialize, Serialize};

/// One document's quotations and the entities who speak in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The caller's identifier for the document.
    pub id: String,
    /// Every quotation found, in text order.
    pub quotes: Vec<QuoteRecord>,
    /// The people and organisations the article names (and unnamed speaker groups).
    pub entities: Vec<EntityRecord>,
}

/// A piece of text with code-point offsets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The words, exactly as in the input.
    pub text: String,
    /// Code-point offset of the first character.
    pub start: usize,
    /// Code-point offset just past the last character.
    pub end: usize,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The quoted words, without their enclosing quotation marks.
    pub text: String,
    /// Code-point offset where the quoted words start.
    pub start: usize,
    /// Code-point offset just past them.
    pub end: usize,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// Fragments of one utterance (a quote cut in two by its attribution) share a group.
    pub group: usize,
    /// The reporting words ("said", "according to"), or `None` when the quote carries over.
    pub cue: Option<TextSpan>,
    /// Who said it, or `None` when no speaker was found.
    pub speaker: Option<SpeakerRecord>,
    /// Where it was said or written: `Twitter`, `Instagram`, `statement`, `interview with CNN`, …
    pub channel: Option<String>,
    /// How sure the engine is, in [0, 1].
    pub confidence: f32,
}

/// Who said a quotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRecord {
    /// The entity's canonical (fullest) name, e.g. "John Legend".
    pub name: String,
    /// Index into [`Record::entities`].
    pub entity: usize,
    /// The mention the attribution used ("he", "Legend", "the singer"), when there is one in
    /// the attribution itself; `null` for a quote whose speaker carries over from earlier.
    pub mention: Option<TextSpan>,
}

/// A person, organisation or group that the article refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// Its index in [`Record::entities`].
    pub id: usize,
    /// The fullest name the article gives, or the description of an unnamed speaker.
    pub name: String,
    /// `person`, `organization` or `other`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `female`, `male` or `unknown`, from the article's own evidence.
    pub gender: String,
    /// Every mention resolved to it: names, pronouns outside quotations, descriptions.
    pub mentions: Vec<TextSpan>,
}
