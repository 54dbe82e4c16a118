//! The document: the text and every layer the pipeline adds to it, as flat arrays.
//!
//! Stages read some layers and add one: tokens and paragraphs, quoted spans, sentences,
//! names, quotes, entities and mentions, channels. Offsets are bytes; [`Doc::to_record`]
//! converts to code points for JSON.

use crate::coref::Work;
use crate::lexicon::Gender;
use crate::marks::QuoteSpan;
use crate::names::NameMention;
use crate::np::{Cue, SpeakerNp};
use crate::offsets::OffsetMap;
use crate::rank::{Candidate, Query};
use crate::record::{self, EntityRecordOf, QuoteRecordOf, Record, RecordOf, SpeakerRecordOf, TextSpanOf};
pub use crate::record::{EntityKind, QuoteKind};
use crate::sentence::Sentence;
use crate::token::{Paragraph, Token};
use std::borrow::Cow;

/// One quotation with its attribution. Offsets are bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Byte offset where the quoted words start: just inside the opening mark for a direct
    /// quotation, at the start of the reported content for a mixed or indirect one.
    pub start: u32,
    /// Byte offset just past the quoted words (end-exclusive).
    pub end: u32,
    /// How it reports speech.
    pub kind: QuoteKind,
    /// Sentence where the quotation starts.
    pub sentence: u32,
    /// Fragments of one utterance (a quotation cut in two by its attribution) share a group.
    /// [`crate::Engine::analyze`] numbers groups 0, 1, 2 … in order of first appearance.
    pub group: u32,
    /// The reporting cue of its attribution ("said", "according to"), its own or that of the
    /// fragment it continues; `None` when it has none.
    pub cue: Option<Cue>,
    /// The phrase naming the speaker in the attribution.
    pub speaker: Option<SpeakerNp>,
    /// The speaker phrase was taken from a neighbouring quotation.
    pub speaker_carried: bool,
    /// A paragraph whose last speaker this quotation continues (resolved after indirect
    /// quotations are known, by [`crate::attribution::carry_across_paragraphs`]).
    pub carry_from_paragraph: Option<u32>,
    /// How sure the engine is of the quotation and its attribution, nominally in [0, 1], as
    /// attribution found it; coreference may revise it ([`Resolution::confidence`]).
    /// [`Doc::to_record`] clamps it to that range and rounds it to two decimals.
    pub confidence: f32,
}

impl Quote {
    pub(crate) fn new(start: u32, end: u32, kind: QuoteKind, sentence: u32) -> Quote {
        Quote {
            start,
            end,
            kind,
            sentence,
            group: 0,
            cue: None,
            speaker: None,
            speaker_carried: false,
            carry_from_paragraph: None,
            confidence: crate::confidence::Evidence::NoAttribution.confidence(),
        }
    }
}

/// What coreference made of one quotation's speaker ([`Doc::resolutions`], one per quote).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Resolution {
    /// The speaker: index into [`Doc::entities`].
    pub entity: Option<u32>,
    /// The speaker when no attribution names one: the subject of the paragraph before.
    pub fallback_entity: Option<u32>,
    /// The quotation's confidence when coreference revised it (a speaker found only as the
    /// subject of the paragraph before).
    pub confidence: Option<f32>,
}

/// A person, organisation or group the article refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// The fullest name the article gives.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Its gender as the article shows it (pronouns, gendered titles and role nouns);
    /// [`Gender::Unknown`] for organisations and groups.
    pub gender: Gender,
    /// Byte spans of its mentions, in text order.
    pub mentions: Vec<(u32, u32)>,
}

/// One reference to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index of its first token.
    pub tok_start: u32,
    /// Index just past its last token (end-exclusive).
    pub tok_end: u32,
    /// Index into [`Doc::entities`].
    pub entity: u32,
    /// Looks like the subject of its clause.
    pub subject: bool,
}

/// A document and its layers.
#[derive(Debug, Clone)]
pub struct Doc<'t> {
    /// The input text, which every byte offset indexes.
    pub text: &'t str,
    /// Every token, in text order ([`crate::token::tokenize`]); the layers below index it.
    pub tokens: Vec<Token>,
    /// Lines holding at least one token, in text order.
    pub paragraphs: Vec<Paragraph>,
    /// Text between quotation marks, ordered by opening mark ([`crate::marks::find_quotes`]).
    pub quote_spans: Vec<QuoteSpan>,
    /// Sentences in text order, each inside one paragraph ([`crate::sentence::split_sentences`]).
    pub sentences: Vec<Sentence>,
    /// Proper names outside quotations, in text order ([`crate::names::find_names`]).
    pub names: Vec<NameMention>,
    /// The quotations found, ordered by start offset ([`crate::attribution`] and
    /// [`crate::indirect`]).
    pub quotes: Vec<Quote>,
    /// The speaker entity of each quotation, one per quote ([`crate::coref::resolve`]).
    pub resolutions: Vec<Resolution>,
    /// Where each quotation was said or written ("Twitter", "statement", "interview with CTV
    /// News"), one per quote: the channel named in its attribution's sentence, else the
    /// speaker's current one ([`crate::channel::assign`]).
    pub channels: Vec<Option<Box<str>>>,
    /// The people, organisations and groups referred to ([`crate::coref::resolve`]).
    pub entities: Vec<Entity>,
    /// References to [`Doc::entities`] (names, pronouns, descriptions), ordered by first token.
    pub mentions: Vec<Mention>,
    /// Each pronoun and description coreference resolved, in text order, with the range of its
    /// candidates and the entity chosen ([`crate::coref::resolve`]).
    pub queries: Vec<Query>,
    /// The candidates of every query, query after query, each with its features and score.
    pub candidates: Vec<Candidate>,
    /// The work coreference did, against its budget ([`crate::coref::Work`]).
    pub work: Work,
}

impl<'t> Doc<'t> {
    /// The index of the sentence holding token `tok`.
    pub fn sentence_of(&self, tok: usize) -> usize {
        self.sentences
            .partition_point(|s| (s.tok_end as usize) <= tok)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// Byte span of tokens `a..b`.
    pub fn tok_span(&self, a: u32, b: u32) -> (u32, u32) {
        (self.tokens[a as usize].start, self.tokens[b as usize - 1].end)
    }

    /// The serialisable record, with code-point offsets.
    pub fn to_record(&self, id: &str) -> Record {
        self.record_of(id)
    }

    /// The same record as [`Doc::to_record`]'s, with the quotes' words and every span's text
    /// borrowed from the input text (`Cow::Borrowed`) instead of copied into a `String` each;
    /// names, keys and channels stay owned. For a caller that converts the record at once and
    /// drops it (the Python bindings).
    ///
    /// ```
    /// let engine = saywho::Engine::new();
    /// let text = "“We won,” Ann Lee said.";
    /// let doc = engine.analyze(text).unwrap();
    /// let borrowed = doc.to_record_borrowed("a");
    /// assert!(matches!(borrowed.quotes[0].text, std::borrow::Cow::Borrowed("We won,")));
    /// assert_eq!(serde_json::to_string(&borrowed).unwrap(), serde_json::to_string(&doc.to_record("a")).unwrap());
    /// ```
    pub fn to_record_borrowed(&self, id: &str) -> RecordOf<Cow<'t, str>> {
        self.record_of(id)
    }

    /// The record with its texts as `S`: one builder for the owned and the borrowed records,
    /// so that they cannot differ.
    fn record_of<S>(&self, id: &str) -> RecordOf<S>
    where
        S: From<&'t str> + From<String> + AsRef<str> + Clone,
    {
        let spans = Spans {
            text: self.text,
            map: OffsetMap::new(self.text),
        };
        let (entities, keep) = self.entity_records::<S>(&spans);
        let mut quotes = Vec::with_capacity(self.quotes.len());
        for (i, q) in self.quotes.iter().enumerate() {
            let resolution = self.resolutions.get(i).copied().unwrap_or_default();
            let speaker = resolution.entity.and_then(|e| {
                let idx = keep[e as usize]?;
                let mention = q
                    .speaker
                    .filter(|_| !q.speaker_carried)
                    .map(|np| self.speaker_mention_span(np))
                    .map(|(a, b)| spans.span(a, b));
                Some(SpeakerRecordOf {
                    name: entities[idx].name.clone(),
                    entity: idx,
                    mention,
                })
            });
            let whole = QuoteRecordOf {
                text: S::from(&self.text[q.start as usize..q.end as usize]),
                start: spans.map.char_offset(q.start as usize),
                end: spans.map.char_offset(q.end as usize),
                kind: q.kind,
                group: q.group as usize,
                cue: q.cue.map(|c| {
                    let (a, b) = self.tok_span(c.tok_start, c.tok_end);
                    spans.span(a, b)
                }),
                speaker,
                channel: self
                    .channels
                    .get(i)
                    .and_then(|c| c.as_deref())
                    .map(|c| S::from(c.to_string())),
                confidence: (resolution.confidence.unwrap_or(q.confidence).clamp(0.0, 1.0) * 100.0).round() / 100.0,
            };
            // A direct quote that runs over paragraphs, each reopened by a quotation mark, is
            // one fragment a paragraph, in one group (as a quote cut by its attribution is).
            let fragments = if q.kind == QuoteKind::Direct && whole.text.as_ref().contains('\n') {
                paragraph_fragments(self.text, q.start, q.end)
            } else {
                Vec::new()
            };
            if fragments.len() < 2 {
                quotes.push(whole);
                continue;
            }
            for (a, b) in fragments {
                let span = spans.span(a, b);
                quotes.push(QuoteRecordOf {
                    text: span.text,
                    start: span.start,
                    end: span.end,
                    cue: whole.cue.clone(),
                    speaker: whole.speaker.clone(),
                    channel: whole.channel.clone(),
                    ..whole
                });
            }
        }
        RecordOf::with_texts(id, quotes, entities)
    }

    /// The record's entities, and for each of [`Doc::entities`] its index among them: those
    /// that speak, or that are people or organisations, are listed; places and events that
    /// happen to be capitalised are not.
    fn entity_records<S>(&self, spans: &Spans<'t>) -> (Vec<EntityRecordOf<S>>, Vec<Option<usize>>)
    where
        S: From<&'t str> + From<String>,
    {
        let mut keep: Vec<Option<usize>> = vec![None; self.entities.len()];
        let mut entities = Vec::new();
        // Byte spans of proper names: an entity with one among its mentions is named, and gets
        // a cross-document key; one known only by descriptions ("officials") does not.
        let mut name_spans: Vec<(u32, u32)> = self
            .names
            .iter()
            .map(|n| self.tok_span(n.tok_start, n.tok_end))
            .collect();
        name_spans.sort_unstable();
        // Which entities speak, found once: a scan of the quotes per entity grew with the
        // square of a long document.
        let mut speaks = vec![false; self.entities.len()];
        for e in self.resolutions.iter().filter_map(|r| r.entity) {
            if let Some(s) = speaks.get_mut(e as usize) {
                *s = true;
            }
        }
        for (i, e) in self.entities.iter().enumerate() {
            if speaks[i] || e.kind != EntityKind::Other {
                keep[i] = Some(entities.len());
                let named = e.mentions.iter().any(|m| name_spans.binary_search(m).is_ok());
                // The text's evidence first, then the first name's (people only).
                let (gender, gender_source) = crate::name_gender::record_gender(e.gender, e.kind, &e.name, named);
                entities.push(EntityRecordOf {
                    id: entities.len(),
                    name: S::from(e.name.clone()),
                    key: if named {
                        record::entity_key(&e.name).map(S::from)
                    } else {
                        None
                    },
                    kind: e.kind,
                    gender,
                    gender_source,
                    mentions: e.mentions.iter().map(|&(a, b)| spans.span(a, b)).collect(),
                });
            }
        }
        (entities, keep)
    }

    /// The span to report for a speaker phrase: the name inside it when there is one.
    pub fn speaker_mention_span(&self, np: SpeakerNp) -> (u32, u32) {
        if np.kind != crate::np::NpKind::Name {
            return self.tok_span(np.tok_start, np.tok_end);
        }
        match self.head_name(np) {
            Some(i) => self.tok_span(self.names[i].tok_start, self.names[i].tok_end),
            None => self.tok_span(np.tok_start, np.tok_end),
        }
    }

    /// A name phrase widened to the whole of a longer name the name finder took, of which it
    /// is the tail or the head: the phrase stops at "and" or a comma inside "the Food and Drug
    /// Administration" or "the Meteorology, Climatology and Geophysics Agency".
    pub fn with_whole_names(&self, mut np: SpeakerNp) -> SpeakerNp {
        // Names are in text order and do not overlap: the last starting before the phrase,
        // and the last starting inside it.
        let before = self.names.partition_point(|n| n.tok_start < np.tok_start);
        if let Some(n) = before.checked_sub(1).map(|i| &self.names[i]) {
            if n.tok_end == np.tok_end {
                np.tok_start = n.tok_start;
            }
        }
        let inside = self.names.partition_point(|n| n.tok_start < np.tok_end);
        if let Some(n) = inside.checked_sub(1).map(|i| &self.names[i]) {
            if n.tok_start >= np.tok_start && n.tok_end > np.tok_end {
                np.tok_end = n.tok_end;
            }
        }
        np
    }

    /// The name that heads a speaker phrase (index into [`Doc::names`]): the last name in it
    /// ("Cambridge cartoonist Andre Campbell"), or the first when a preposition attaches an
    /// organisation to it ("Tim Guest with the Nova Scotia Health Authority"). A possessor
    /// before a role noun ("Teigen's spokesperson") never heads it.
    pub fn head_name(&self, np: SpeakerNp) -> Option<usize> {
        use crate::lexicon::flag;
        let tokens = &self.tokens;
        let inside = |n: &NameMention| n.tok_end <= np.tok_end;
        let possessor = |n: &NameMention| {
            tokens[n.tok_end as usize - 1].shape & crate::token::shape::POSSESSIVE != 0
                && tokens
                    .get(n.tok_end as usize)
                    .is_some_and(|t| t.is(flag::ROLE | flag::TITLE))
        };
        // Names are in text order: only those starting inside the phrase are looked at, so a
        // speaker phrase costs its own length, not the document's number of names.
        let first = self.names.partition_point(|n| n.tok_start < np.tok_start);
        let last = first + self.names[first..].partition_point(|n| n.tok_start < np.tok_end);
        // The preposition that attaches a phrase to the head, not one inside a name ("the Bank
        // of Canada") or its titles ("Secretary of State John Kerry").
        let in_name = |k: u32| {
            self.names[first..last]
                .iter()
                .any(|n| n.title_start.min(n.tok_start) <= k && k < n.tok_end)
        };
        let prep = (np.tok_start..np.tok_end).find(|&k| tokens[k as usize].is(flag::PREP) && !in_name(k));
        let mut candidates = self.names[first..last]
            .iter()
            .enumerate()
            .map(|(i, n)| (first + i, n))
            .filter(|(_, n)| inside(n) && !possessor(n));
        // "University of the Fraser Valley political scientist Hamish Telford": a role noun
        // just before the last name makes that name the head, prepositions or not.
        let role_before = |n: &NameMention| {
            let k = n.title_start.min(n.tok_start) as usize;
            k > np.tok_start as usize && tokens[k - 1].is(flag::ROLE | flag::TITLE) && !tokens[k - 1].is_cap()
        };
        let last = candidates.clone().next_back();
        match (prep, last) {
            (Some(p), Some((_, n))) if p < n.tok_start && role_before(n) => last.map(|(i, _)| i),
            (Some(p), _) => candidates.find(|(_, n)| n.tok_end <= p).map(|(i, _)| i),
            (None, _) => last.map(|(i, _)| i),
        }
    }
}

/// The byte spans of a direct quote's paragraphs (`start..end`, inside its marks), where each
/// paragraph after the first opens with a quotation mark again and the one before it ends a
/// sentence with no closing mark (the press's convention for a quotation that goes on); the
/// whole span when none does. A fragment ends before the line break, its trailing spaces
/// dropped, and the next starts after the repeated mark. (A line wrapped inside a sentence,
/// "told me to go\n“away”", is no paragraph break.)
fn paragraph_fragments(text: &str, start: u32, end: u32) -> Vec<(u32, u32)> {
    const OPENING: [&str; 4] = ["“", "«", "„", "‘"];
    let (start, end) = (start as usize, end as usize);
    let mut out = Vec::new();
    let mut from = start;
    let mut k = start;
    while let Some(nl) = text[k..end].find('\n').map(|p| k + p) {
        let after = nl + text[nl..end].len() - text[nl..end].trim_start().len();
        // The paragraph before ends a sentence and no quotation: one that ends with a mark
        // closed its quotation (the next mark opens another, the marks paired across), and one
        // that ends mid-sentence is a wrapped line.
        let before = text[from..nl].trim_end();
        let sentence_ends = before.ends_with(['.', '?', '!', '…']);
        match OPENING.iter().find(|m| text[after..end].starts_with(**m)) {
            Some(mark) if sentence_ends && after + mark.len() < end => {
                let frag_end = from + before.len();
                if frag_end > from {
                    out.push((from as u32, frag_end as u32));
                }
                from = after + mark.len();
                k = from;
            }
            _ => k = nl + 1,
        }
    }
    if out.is_empty() {
        return vec![(start as u32, end as u32)];
    }
    out.push((from as u32, end as u32));
    out
}

/// Byte spans of a document's text as a record's spans: the text, and code-point offsets.
struct Spans<'t> {
    text: &'t str,
    map: OffsetMap,
}

impl<'t> Spans<'t> {
    fn span<S: From<&'t str>>(&self, a: u32, b: u32) -> TextSpanOf<S> {
        TextSpanOf {
            text: S::from(&self.text[a as usize..b as usize]),
            start: self.map.char_offset(a as usize),
            end: self.map.char_offset(b as usize),
        }
    }
}

#[cfg(test)]
mod paragraph_tests {
    use super::paragraph_fragments;

    /// The fragments of the quote inside the first opening mark and the last closing one.
    fn fragments(text: &str) -> Vec<&str> {
        let start = text.find('“').map_or(0, |i| i + '“'.len_utf8());
        let end = text.rfind('”').unwrap_or(text.len());
        paragraph_fragments(text, start as u32, end as u32)
            .into_iter()
            .map(|(a, b)| &text[a as usize..b as usize])
            .collect()
    }

    #[test]
    fn paragraphs_reopened_by_a_mark_are_fragments() {
        let cases: &[(&str, &[&str])] = &[
            ("“One.\n\n“Two.”", &["One.", "Two."]),
            ("“One.\r\n\r\n“Two?\n“Three.”", &["One.", "Two?", "Three."]),
            ("“Un.\n\n«Deux.”", &["Un.", "Deux."]),
            // A line wrapped inside a sentence is no paragraph break.
            (
                "“He told me to go\n“away” and then he left.”",
                &["He told me to go\n“away” and then he left."],
            ),
            // A paragraph that closes its quotation ends it.
            ("“One,’ he said.’\n\n“Two.”", &["One,’ he said.’\n\n“Two."]),
            // A straight mark may close as well as open.
            ("“One.\n\n\"Two.”", &["One.\n\n\"Two."]),
        ];
        for (text, want) in cases {
            assert_eq!(fragments(text), *want, "{text:?}");
        }
    }
}
