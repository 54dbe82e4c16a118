//! One document's quotations and the entities who speak in it.
//!
//! The types are generic over their texts' type `S` ([`RecordOf`], [`QuoteRecordOf`], …); the
//! names without `Of` ([`Record`], [`QuoteRecord`], …) are those with `String` texts, which
//! everything but the Python bindings uses. `saywho::Doc::to_record_borrowed` gives a
//! `RecordOf<Cow<str>>` whose quote texts and spans are borrowed from the input text instead of
//! copied into a `String` each, for a caller that turns the record straight into something
//! else and drops it. Both serialise the same.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One document's quotations and the entities who speak in it.
pub type Record = RecordOf<String>;
/// One quotation.
pub type QuoteRecord = QuoteRecordOf<String>;
/// Who said a quotation.
pub type SpeakerRecord = SpeakerRecordOf<String>;
/// A person, organisation or group that the article refers to.
pub type EntityRecord = EntityRecordOf<String>;
/// A piece of text with code-point offsets.
pub type TextSpan = TextSpanOf<String>;

/// One document's quotations and the entities who speak in it, its texts `S`s ([`Record`]
/// for `String`s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordOf<S> {
    /// The schema this record follows ([`crate::SCHEMA_VERSION`] when the engine made it).
    pub schema_version: String,
    /// The caller's identifier for the document.
    pub id: String,
    /// Every quotation found, in text order.
    pub quotes: Vec<QuoteRecordOf<S>>,
    /// The people and organisations the article names (and unnamed speaker groups).
    pub entities: Vec<EntityRecordOf<S>>,
}

impl Record {
    /// A record of the current schema version.
    ///
    /// ```
    /// let r = saywho_record::Record::new("doc-1", vec![], vec![]);
    /// assert_eq!(r.schema_version, saywho_record::SCHEMA_VERSION);
    /// ```
    pub fn new(id: impl Into<String>, quotes: Vec<QuoteRecord>, entities: Vec<EntityRecord>) -> Record {
        RecordOf::with_texts(id, quotes, entities)
    }
}

impl<S> RecordOf<S> {
    /// A record of the current schema version whose texts are `S`s.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// let r = saywho_record::RecordOf::<Cow<str>>::with_texts("doc-1", vec![], vec![]);
    /// assert_eq!(r.schema_version, saywho_record::SCHEMA_VERSION);
    /// ```
    pub fn with_texts(
        id: impl Into<String>,
        quotes: Vec<QuoteRecordOf<S>>,
        entities: Vec<EntityRecordOf<S>>,
    ) -> RecordOf<S> {
        RecordOf {
            schema_version: crate::SCHEMA_VERSION.to_string(),
            id: id.into(),
            quotes,
            entities,
        }
    }

    /// The entity that said quote `q`, if any.
    pub fn speaker_entity(&self, q: &QuoteRecordOf<S>) -> Option<&EntityRecordOf<S>> {
        q.speaker.as_ref().and_then(|s| self.entities.get(s.entity))
    }
}

/// A piece of text with code-point offsets, the text an `S` ([`TextSpan`] for a `String`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpanOf<S> {
    /// The words, exactly as in the input.
    pub text: S,
    /// Code-point offset of the first character.
    pub start: usize,
    /// Code-point offset just past the last character.
    pub end: usize,
}

/// How a quotation reports speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Verbatim, inside quotation marks.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech with a quoted fragment.
    Mixed,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person, as the article shows: a speaker, someone called "he" or "she", or someone
    /// given a personal role.
    Person,
    /// An organisation, or a group named in the plural ("the Liberals").
    Organization,
    /// Anything not shown to be a person or organisation (a place, an event, a thing).
    Other,
}

/// A speaker's gender as the output reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// Shown female.
    Female,
    /// Shown male.
    Male,
    /// Not shown, or not a person.
    #[default]
    Unknown,
}

/// The evidence that decided an entity's [`Gender`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GenderSource {
    /// The article's own words: pronouns resolved to the person, honorifics, gendered roles.
    Text,
    /// The first name's statistics, where the text shows nothing.
    Name,
    /// No evidence: the gender is `unknown`.
    #[default]
    None,
}

macro_rules! names {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// The name used in JSON, CSV and Parquet.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::str::FromStr for $ty {
            type Err = String;
            /// Parses the JSON name back.
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($name => Ok(Self::$variant),)*
                    _ => Err(format!("not one of {}: {s:?}", [$($name),*].join(", "))),
                }
            }
        }
    };
}

names!(QuoteKind { Direct => "direct", Indirect => "indirect", Mixed => "mixed" });
names!(EntityKind { Person => "person", Organization => "organization", Other => "other" });
names!(Gender { Female => "female", Male => "male", Unknown => "unknown" });
names!(GenderSource { Text => "text", Name => "name", None => "none" });

/// One quotation, its texts `S`s ([`QuoteRecord`] for `String`s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecordOf<S> {
    /// The quoted words, without their enclosing quotation marks.
    pub text: S,
    /// Code-point offset where the quoted words start.
    pub start: usize,
    /// Code-point offset just past them.
    pub end: usize,
    /// Direct, indirect or mixed.
    pub kind: QuoteKind,
    /// Fragments of one utterance (a quote cut in two by its attribution, or the paragraphs of
    /// one that runs over several) share a group.
    pub group: usize,
    /// The reporting words ("said", "according to"), or `None` when the quote carries over.
    pub cue: Option<TextSpanOf<S>>,
    /// Who said it, or `None` when no speaker was found.
    pub speaker: Option<SpeakerRecordOf<S>>,
    /// Where it was said or written: `Twitter`, `Instagram`, `statement`, `interview with CNN`, …
    pub channel: Option<S>,
    /// How sure the engine is, in [0, 1].
    pub confidence: f32,
}

/// Who said a quotation, its texts `S`s ([`SpeakerRecord`] for `String`s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerRecordOf<S> {
    /// The entity's canonical (fullest) name, e.g. "John Legend".
    pub name: S,
    /// Index into [`RecordOf::entities`].
    pub entity: usize,
    /// The mention the attribution used ("he", "Legend", "the singer"), when there is one in
    /// the attribution itself; `null` for a quote whose speaker carries over from earlier.
    pub mention: Option<TextSpanOf<S>>,
}

/// A person, organisation or group that the article refers to, its texts `S`s
/// ([`EntityRecord`] for `String`s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecordOf<S> {
    /// Its index in [`RecordOf::entities`].
    pub id: usize,
    /// The fullest name the article gives, or the description of an unnamed speaker.
    pub name: S,
    /// The same for the same name in every document ([`crate::entity_key`]), so that a store
    /// can count one person across a corpus; `null` for an unnamed speaker ("officials",
    /// "a spokesperson"), who is nobody in particular outside the article.
    pub key: Option<S>,
    /// Person, organisation or other.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Female, male or unknown.
    pub gender: Gender,
    /// What decided `gender`.
    pub gender_source: GenderSource,
    /// Every mention resolved to it: names, pronouns outside quotations, descriptions.
    pub mentions: Vec<TextSpanOf<S>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_names_round_trip_through_json_and_from_str() {
        for kind in [QuoteKind::Direct, QuoteKind::Indirect, QuoteKind::Mixed] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(kind.as_str().parse::<QuoteKind>().unwrap(), kind);
        }
        for g in [Gender::Female, Gender::Male, Gender::Unknown] {
            assert_eq!(serde_json::from_str::<Gender>(&format!("\"{g}\"")).unwrap(), g);
        }
        assert_eq!(
            serde_json::to_string(&EntityKind::Organization).unwrap(),
            "\"organization\""
        );
        assert!("Person".parse::<EntityKind>().is_err());
    }
}
