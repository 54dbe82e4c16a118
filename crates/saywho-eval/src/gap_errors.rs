//! Why a GAP decision is wrong: each example sorted into one class of error (or right), so that
//! work on pronoun coreference goes where the errors are (`saywho eval gap-*.tsv --errors`).
//!
//! The classes follow the resolver's stages, first failure first: the gold name is no entity
//! at all; the two names are one entity; the pronoun is no query (never resolved); the gold
//! entity is not among its candidates, or is but the hard constraints rule it out; and only then
//! a ranking error (the other name, or a third entity, chosen).

use crate::gap::GapExample;
use saywho::rank::learned::allowed;
use saywho::rank::{name_conflict, Query, QueryKind};
use saywho::Doc;
use serde::Serialize;

/// The class of one example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapClass {
    /// Both decisions right.
    Right,
    /// No mention of the engine overlaps the gold name: the name is no entity.
    GoldNotEntity,
    /// The two names are one entity.
    Conflated,
    /// The pronoun is not resolved: it was no query (not a pronoun to the engine, or in a
    /// quotation).
    NoQuery,
    /// The gold entity is not among the pronoun's candidates (mentioned only after it, or too
    /// far before).
    GoldNotCandidate,
    /// The gold entity is a candidate that does not agree with the pronoun: the text gives it
    /// the other gender (titles, pronouns resolved to it earlier) or says it is no person (an
    /// organisation, a place, a name seen only as a modifier).
    GoldDisagrees,
    /// The gold entity is a candidate, ruled out by the gender of its first name (the name
    /// table), the text saying nothing.
    GoldRuledOutFirstName,
    /// The gold entity is a candidate, ruled out by syntax or distance.
    GoldRuledOutOther,
    /// The gold entity was allowed; nothing was chosen.
    Unresolved,
    /// The other name was chosen.
    WrongPick,
    /// A third entity was chosen.
    ThirdEntity,
    /// Neither name is the referent, and the pronoun was resolved to one of them.
    FalseAlarm,
}

impl GapClass {
    /// Its label in listings.
    pub fn label(self) -> &'static str {
        match self {
            GapClass::Right => "right",
            GapClass::GoldNotEntity => "gold name not an entity",
            GapClass::Conflated => "A and B one entity",
            GapClass::NoQuery => "pronoun not a query",
            GapClass::GoldNotCandidate => "gold not a candidate",
            GapClass::GoldDisagrees => "gold disagrees (text gender, not a person)",
            GapClass::GoldRuledOutFirstName => "gold ruled out by gender (first name)",
            GapClass::GoldRuledOutOther => "gold ruled out (syntax, distance)",
            GapClass::Unresolved => "gold allowed, none chosen",
            GapClass::WrongPick => "other name chosen",
            GapClass::ThirdEntity => "third entity chosen",
            GapClass::FalseAlarm => "neither, resolved to A or B",
        }
    }
}

/// Byte span of the code points `a..b` of `text`.
fn bytes(text: &str, a: usize, b: usize) -> (usize, usize) {
    let at = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
    (at(a), at(b))
}

/// Entities with a mention that is no pronoun query (a name or a description) overlapping the
/// byte span `span`.
fn entities_at(doc: &Doc, span: (usize, usize)) -> Vec<u32> {
    let mut out: Vec<u32> = doc
        .mentions
        .iter()
        .filter(|m| {
            !doc.queries
                .iter()
                .any(|q| q.kind == QueryKind::Pronoun && q.tok_start == m.tok_start)
        })
        .filter(|m| {
            let (a, b) = doc.tok_span(m.tok_start, m.tok_end);
            (a as usize) < span.1 && span.0 < b as usize
        })
        .map(|m| m.entity)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The class of `example` given the engine's analysis of its text.
pub fn classify(example: &GapExample, doc: &Doc) -> GapClass {
    let text = &example.text;
    let (p, _) = bytes(text, example.pronoun_offset, example.pronoun_offset);
    let query: Option<&Query> = doc.queries.iter().find(|q| {
        let (a, b) = doc.tok_span(q.tok_start, q.tok_end);
        q.kind == QueryKind::Pronoun && a as usize <= p && p < b as usize
    });
    let chosen = query.and_then(|q| q.chosen);
    let names = example.names.each_ref().map(|n| {
        let (a, b) = bytes(text, n.offset, n.offset + n.text.chars().count());
        entities_at(doc, (a, b))
    });
    let said = names.each_ref().map(|es| chosen.is_some_and(|c| es.contains(&c)));
    if said[0] == example.names[0].coref && said[1] == example.names[1].coref {
        return GapClass::Right;
    }
    let Some(g) = example.names.iter().position(|n| n.coref) else {
        return GapClass::FalseAlarm;
    };
    let (gold, other) = (&names[g], &names[1 - g]);
    if gold.is_empty() {
        return GapClass::GoldNotEntity;
    }
    if gold.iter().any(|e| other.contains(e)) {
        return GapClass::Conflated;
    }
    let Some(q) = query else {
        return GapClass::NoQuery;
    };
    let candidates = &doc.candidates[q.candidates.0 as usize..q.candidates.1 as usize];
    let gold_candidates: Vec<_> = candidates.iter().filter(|c| gold.contains(&c.entity)).collect();
    if gold_candidates.is_empty() {
        return GapClass::GoldNotCandidate;
    }
    if !gold_candidates.iter().any(|c| allowed(q, c)) {
        let text_gender = gold_candidates.iter().any(|c| !c.features.agrees);
        let first_name = gold_candidates.iter().any(|c| name_conflict(q, &c.features));
        return if text_gender {
            GapClass::GoldDisagrees
        } else if first_name {
            GapClass::GoldRuledOutFirstName
        } else {
            GapClass::GoldRuledOutOther
        };
    }
    match chosen {
        None => GapClass::Unresolved,
        Some(c) if other.contains(&c) => GapClass::WrongPick,
        Some(_) => GapClass::ThirdEntity,
    }
}

/// One example's diagnosis, for the listing.
#[derive(Debug, Clone, Serialize)]
pub struct GapDiagnosis {
    /// The example's id.
    pub id: String,
    /// Its class.
    pub class: GapClass,
    /// The pronoun as written, lower case.
    pub pronoun: String,
    /// The name of the entity chosen, if any.
    pub chosen: Option<String>,
}

/// The diagnosis of each example, in file order (an example the engine fails on is
/// [`GapClass::NoQuery`]).
pub fn diagnose(engine: &saywho::Engine, examples: &[GapExample]) -> Vec<GapDiagnosis> {
    use rayon::prelude::*;
    examples
        .par_iter()
        .map(|ex| {
            let (class, chosen) = match engine.analyze(&ex.text) {
                Ok(doc) => {
                    let class = classify(ex, &doc);
                    let (p, _) = bytes(&ex.text, ex.pronoun_offset, ex.pronoun_offset);
                    let chosen = doc
                        .queries
                        .iter()
                        .find(|q| {
                            let (a, b) = doc.tok_span(q.tok_start, q.tok_end);
                            a as usize <= p && p < b as usize
                        })
                        .and_then(|q| q.chosen)
                        .map(|e| doc.entities[e as usize].name.clone());
                    (class, chosen)
                }
                Err(_) => (GapClass::NoQuery, None),
            };
            GapDiagnosis {
                id: ex.id.clone(),
                class,
                pronoun: ex.pronoun.to_lowercase(),
                chosen,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn classes_of_small_examples() {
        let header = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n";
        let text = "Mark Dunn met Ali Reza in Toronto. Dunn smiled as he went home.";
        // The engine resolves "he" to Mark Dunn. (A, B, their gold answers, the class.)
        let cases = [
            ("Mark Dunn\t0\tTRUE\tAli Reza\t14\tFALSE", GapClass::Right),
            ("Mark Dunn\t0\tFALSE\tAli Reza\t14\tTRUE", GapClass::WrongPick),
            ("Mark Dunn\t0\tFALSE\tAli Reza\t14\tFALSE", GapClass::FalseAlarm),
            // "home" is no entity.
            ("Mark Dunn\t0\tFALSE\thome\t58\tTRUE", GapClass::GoldNotEntity),
        ];
        let engine = saywho::Engine::new();
        for (names, expected) in cases {
            let tsv = format!("{header}t-1\t{text}\the\t50\t{names}\t-\n");
            let set = crate::gap::parse(&tsv, Path::new("t.tsv")).expect("parses");
            let d = diagnose(&engine, &set.examples);
            assert_eq!(d[0].class, expected, "{names}");
        }
    }
}
