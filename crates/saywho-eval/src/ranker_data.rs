//! Training data for a speaker ranker: the engine's queries (pronouns and descriptions to
//! resolve, [`saywho::rank::Query`]) with their candidates' feature vectors, each candidate
//! labelled by the gold data where it says which entity the phrase refers to.
//!
//! Sources of labels:
//! - **GAP**: the example's pronoun, and the name (A or B) marked TRUE. A candidate is right when
//!   one of its name or description mentions overlaps that name. Examples where neither name is
//!   the referent give no sample.
//! - **LitBank coreference** (`litbank/coref/brat`): each pronoun the engine resolves whose span is
//!   a gold mention; a candidate is right when one of its name or description mentions overlaps
//!   a gold mention of the same chain before the pronoun.
//! - **Quotations with resolved speakers** (GGT, LitBank quotations): each predicted quote whose
//!   speaker phrase is a pronoun or description the engine resolved, matched to a gold quote (it
//!   covers more than 30% of the gold span); a candidate is right when its name is the gold
//!   speaker's ([`crate::names::same_speaker`]).
//!
//! A query with no right candidate, or whose right candidate is not allowed by the hard
//! constraints, teaches nothing about ranking and gives no sample. The features are those the
//! engine computes while resolving with the ranker it was given (the rules, by default), so the
//! history (who was mentioned, with what gender) is the one the engine builds.

use crate::error::{EvalError, Result};
use crate::gap::GapSet;
use crate::gold::GoldSet;
use crate::names::same_speaker;
use crate::span::{Span, SpanSet};
use rayon::prelude::*;
use saywho::rank::learned::{allowed, vectors, Vector};
use saywho::rank::{Query, QueryKind};
use saywho::{Doc, Engine};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

/// One query with labelled candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Where the label comes from: `gap`, `litbank-coref`, `ggt`, `litbank-quotes`.
    pub source: String,
    /// The document's id.
    pub doc: String,
    /// The query's first token.
    pub tok: u32,
    /// Pronoun or description.
    pub kind: QueryKind,
    /// Each candidate's feature vector.
    pub vectors: Vec<Vector>,
    /// Each candidate is allowed by the hard constraints.
    pub allowed: Vec<bool>,
    /// Each candidate is right.
    pub gold: Vec<bool>,
    /// Each candidate's entity name (for the dump).
    pub names: Vec<String>,
}

impl Sample {
    /// Builds the sample of `query` from `doc` with `right(entity)` as the label; `None` when no
    /// allowed candidate is right.
    fn of(source: &str, id: &str, doc: &Doc, query: &Query, right: &dyn Fn(u32) -> bool) -> Option<Sample> {
        let (a, b) = (query.candidates.0 as usize, query.candidates.1 as usize);
        let candidates = &doc.candidates[a..b];
        let allowed: Vec<bool> = candidates.iter().map(|c| allowed(query, c)).collect();
        let gold: Vec<bool> = candidates.iter().map(|c| right(c.entity)).collect();
        if !gold.iter().zip(&allowed).any(|(g, a)| *g && *a) {
            return None;
        }
        Some(Sample {
            source: source.to_string(),
            doc: id.to_string(),
            tok: query.tok_start,
            kind: query.kind,
            vectors: vectors(query, candidates),
            allowed,
            gold,
            names: candidates
                .iter()
                .map(|c| doc.entities[c.entity as usize].name.clone())
                .collect(),
        })
    }
}

/// Byte offset of each code point of `text`, and the text's length at the end.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Code-point offset of each byte of `text` (a byte inside a code point maps to it), and of
/// its end.
fn char_of_byte(text: &str) -> Vec<usize> {
    let mut out = vec![0; text.len() + 1];
    let mut count = 0;
    for (i, (b, ch)) in text.char_indices().enumerate() {
        out[b..b + ch.len_utf8()].fill(i);
        count = i + 1;
    }
    out[text.len()] = count;
    out
}

/// Byte spans of the mentions of each entity that are not pronouns resolved to it (names and
/// descriptions): what gold names are compared with.
fn anchor_mentions(doc: &Doc) -> Vec<Vec<(usize, usize)>> {
    let pronouns: HashSet<u32> = doc
        .queries
        .iter()
        .filter(|q| q.kind == QueryKind::Pronoun)
        .map(|q| q.tok_start)
        .collect();
    let mut out = vec![Vec::new(); doc.entities.len()];
    for m in &doc.mentions {
        if pronouns.contains(&m.tok_start) {
            continue;
        }
        let (a, b) = doc.tok_span(m.tok_start, m.tok_end);
        out[m.entity as usize].push((a as usize, b as usize));
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Samples from a GAP file (see the module documentation).
pub fn gap_samples(engine: &Engine, set: &GapSet) -> Vec<Sample> {
    set.examples
        .par_iter()
        .filter_map(|ex| {
            let name = ex.names.iter().find(|n| n.coref)?;
            let doc = engine.analyze(&ex.text).ok()?;
            let bytes = byte_offsets(&ex.text);
            let at = |c: usize| bytes[c.min(bytes.len() - 1)];
            let pronoun = at(ex.pronoun_offset);
            let gold = (at(name.offset), at(name.offset + name.text.chars().count()));
            let anchors = anchor_mentions(&doc);
            let query = doc.queries.iter().find(|q| {
                let (a, b) = doc.tok_span(q.tok_start, q.tok_end);
                q.kind == QueryKind::Pronoun && a as usize <= pronoun && pronoun < b as usize
            })?;
            let right = |e: u32| anchors[e as usize].iter().any(|&m| overlaps(m, gold));
            Sample::of("gap", &ex.id, &doc, query, &right)
        })
        .collect()
}

/// Samples from the resolved speakers of a quotation gold set (GGT, LitBank quotations), under
/// the label `source`.
pub fn quote_samples(engine: &Engine, gold: &GoldSet, source: &str) -> Vec<Sample> {
    let per_doc: Vec<Vec<Sample>> = gold
        .documents
        .par_iter()
        .map(|g| {
            let Ok(doc) = engine.analyze(&g.text) else {
                return Vec::new();
            };
            let chars = char_of_byte(&g.text);
            let mut out = Vec::new();
            for query in &doc.queries {
                let Some(q) = doc
                    .quotes
                    .iter()
                    .find(|q| !q.speaker_carried && q.speaker.is_some_and(|np| np.tok_start == query.tok_start))
                else {
                    continue;
                };
                let Some(span) = Span::new(chars[q.start as usize], chars[q.end as usize]) else {
                    continue;
                };
                let predicted = SpanSet::single(span);
                let matched = g
                    .quotes
                    .iter()
                    .filter(|gq| gq.speaker.is_some() && !gq.span.is_empty())
                    .map(|gq| (gq.span.overlap(&predicted), gq))
                    .filter(|(o, gq)| *o * 10 > gq.span.len() * 3)
                    .max_by_key(|(o, _)| *o);
                let Some(name) = matched.and_then(|(_, gq)| gq.speaker.as_deref()) else {
                    continue;
                };
                let right = |e: u32| same_speaker(name, &doc.entities[e as usize].name);
                out.extend(Sample::of(source, &g.id, &doc, query, &right));
            }
            out
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// One LitBank coreference document: its text and its gold mentions (code points) by chain.
#[derive(Debug, Clone, PartialEq)]
pub struct CorefDocument {
    /// The file stem.
    pub id: String,
    /// The text.
    pub text: String,
    /// (start, end, chain) of every mention, code points, end-exclusive.
    pub mentions: Vec<(usize, usize, u32)>,
}

/// Reads LitBank's coreference folder (`coref/brat`: `NAME.ann` and `NAME.txt`). A mention is a
/// `T` row whose type is a chain id (`Sir_Walter_Elliot-0`) rather than an entity category.
pub fn load_litbank_coref(dir: &Path) -> Result<Vec<CorefDocument>> {
    let anns: Vec<_> = crate::files::sorted_entries(dir)?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    let mut docs = Vec::new();
    for ann_path in anns {
        let txt_path = ann_path.with_extension("txt");
        let ann = crate::files::read_text(&ann_path)?;
        let text = crate::files::read_text(&txt_path)?;
        let mut chains: Vec<String> = Vec::new();
        let mut mentions = Vec::new();
        for (n, line) in ann.lines().enumerate() {
            let mut fields = line.split('\t');
            let (Some(id), Some(head)) = (fields.next(), fields.next()) else {
                continue;
            };
            if !id.starts_with('T') {
                continue;
            }
            let mut parts = head.split(' ');
            let (Some(kind), Some(a), Some(b)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            let is_chain = kind.rsplit_once('-').is_some_and(|(_, num)| num.parse::<u64>().is_ok());
            if !is_chain {
                continue;
            }
            let bad = || EvalError::invalid(&ann_path, format!("line {}", n + 1), format!("bad offsets in {head:?}"));
            let (a, b) = (
                a.parse::<usize>().map_err(|_| bad())?,
                b.parse::<usize>().map_err(|_| bad())?,
            );
            let chain = match chains.iter().position(|c| c == kind) {
                Some(i) => i,
                None => {
                    chains.push(kind.to_string());
                    chains.len() - 1
                }
            };
            mentions.push((a, b, chain as u32));
        }
        let id = ann_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        docs.push(CorefDocument { id, text, mentions });
    }
    Ok(docs)
}

/// Samples from LitBank coreference documents (see the module documentation).
pub fn litbank_coref_samples(engine: &Engine, docs: &[CorefDocument]) -> Vec<Sample> {
    let per_doc: Vec<Vec<Sample>> = docs
        .par_iter()
        .map(|d| {
            let Ok(doc) = engine.analyze(&d.text) else {
                return Vec::new();
            };
            let bytes = byte_offsets(&d.text);
            let at = |c: usize| bytes[c.min(bytes.len() - 1)];
            let gold: Vec<(usize, usize, u32)> = d.mentions.iter().map(|&(a, b, c)| (at(a), at(b), c)).collect();
            let anchors = anchor_mentions(&doc);
            let mut out = Vec::new();
            for query in doc.queries.iter().filter(|q| q.kind == QueryKind::Pronoun) {
                let (a, b) = doc.tok_span(query.tok_start, query.tok_end);
                let (a, b) = (a as usize, b as usize);
                let Some(&(_, _, chain)) = gold.iter().find(|g| g.0 == a && g.1 == b) else {
                    continue;
                };
                let before: Vec<(usize, usize)> = gold
                    .iter()
                    .filter(|g| g.2 == chain && g.1 <= a)
                    .map(|g| (g.0, g.1))
                    .collect();
                let right = |e: u32| {
                    anchors[e as usize]
                        .iter()
                        .any(|&m| m.1 <= a && before.iter().any(|&g| overlaps(m, g)))
                };
                out.extend(Sample::of("litbank-coref", &d.id, &doc, query, &right));
            }
            out
        })
        .collect();
    per_doc.into_iter().flatten().collect()
}

/// The samples as tab-separated rows, one per candidate: source, document, query token, kind,
/// candidate number, entity name, allowed, right, then the features (named in the header).
pub fn dump(samples: &[Sample]) -> String {
    let mut out = String::from("source\tdoc\ttok\tkind\tcandidate\tentity\tallowed\tright");
    for i in 0..saywho::rank::learned::DIMENSION {
        out.push('\t');
        out.push_str(&saywho::rank::learned::feature_name(i));
    }
    out.push('\n');
    for s in samples {
        let kind = match s.kind {
            QueryKind::Pronoun => "pronoun",
            QueryKind::Description => "description",
        };
        for (i, v) in s.vectors.iter().enumerate() {
            let name = s.names[i].replace(['\t', '\n'], " ");
            let _ = write!(
                out,
                "{}\t{}\t{}\t{kind}\t{i}\t{name}\t{}\t{}",
                s.source,
                s.doc,
                s.tok,
                u8::from(s.allowed[i]),
                u8::from(s.gold[i])
            );
            for x in v {
                let _ = write!(out, "\t{x}");
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_of_bytes() {
        let text = "Zoë met";
        let c = char_of_byte(text);
        assert_eq!(c[0], 0);
        assert_eq!(c[2], 2); // "ë" starts at byte 2
        assert_eq!(c[4], 3); // the space after it
        assert_eq!(c[text.len()], 7);
    }

    #[test]
    fn a_gap_example_gives_a_labelled_pronoun() {
        let tsv = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n\
                   t-1\tMark Dunn met Ali Reza in Toronto. Dunn smiled as he went home.\the\t50\tMark Dunn\t0\tTRUE\tAli Reza\t14\tFALSE\t-\n";
        let set = crate::gap::parse(tsv, Path::new("gap-t.tsv")).expect("parses");
        let samples = gap_samples(&Engine::new(), &set);
        assert_eq!(samples.len(), 1);
        let s = &samples[0];
        let right: Vec<&str> = s
            .names
            .iter()
            .zip(&s.gold)
            .filter(|(_, g)| **g)
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(right, ["Mark Dunn"]);
        assert!(dump(&samples).lines().count() > 1);
    }
}
