//! Helpers of the table-driven engine tests (engine.rs, recall.rs, speaker_names.rs and the
//! coreference tables *_coref.rs): a passage in, its quotes as (quote text, kind, speaker, cue)
//! out, or its pronouns with the entities they resolve to.

#![allow(dead_code)] // each test file uses its own subset

use saywho::{Engine, EntityKind, Record};

/// (quote text, kind, speaker name or "", cue or "")
pub type Expected<'a> = (&'a str, &'a str, &'a str, &'a str);

/// The engine's record of `text`.
pub fn extract(text: &str) -> Record {
    Engine::new().extract("t", text).expect("extracts")
}

/// Each quote as (text, kind, speaker name or "", cue or "").
pub fn summary(r: &Record) -> Vec<(String, String, String, String)> {
    r.quotes
        .iter()
        .map(|q| {
            (
                q.text.clone(),
                q.kind.to_string(),
                q.speaker.as_ref().map(|s| s.name.clone()).unwrap_or_default(),
                q.cue.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
            )
        })
        .collect()
}

/// Each quote's speaker name, in order ("" for none).
pub fn speakers(r: &Record) -> Vec<&str> {
    r.quotes
        .iter()
        .map(|q| q.speaker.as_ref().map_or("", |s| s.name.as_str()))
        .collect()
}

/// Asserts that each passage gives exactly its expected quotes.
pub fn check(cases: &[(&str, &[Expected])]) {
    check_with(&Engine::new(), cases);
}

/// As [`check`], with the engine given (another scope, another ranker).
pub fn check_with(engine: &Engine, cases: &[(&str, &[Expected])]) {
    for (text, expected) in cases {
        let got = summary(&engine.extract("t", text).expect("extracts"));
        let want: Vec<(String, String, String, String)> = expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(got, want, "\n  passage: {text}");
    }
}

/// The entity each third-person pronoun of `text` is resolved to, in text order (`-` when none).
pub fn pronoun_referents(text: &str) -> Vec<(String, String)> {
    let engine = Engine::new();
    let doc = engine.analyze(text).expect("analyses");
    doc.queries
        .iter()
        .map(|q| {
            let (a, b) = doc.tok_span(q.tok_start, q.tok_end);
            let who = q
                .chosen
                .map_or_else(|| "-".to_string(), |e| doc.entities[e as usize].name.clone());
            (text[a as usize..b as usize].to_string(), who)
        })
        .collect()
}

/// Asserts that each passage's pronouns resolve to the expected entities, in text order:
/// (passage, [(pronoun, entity name or "-")]).
pub fn check_referents(cases: &[(&str, &[(&str, &str)])]) {
    for (text, expected) in cases {
        let want: Vec<(String, String)> = expected.iter().map(|(p, e)| (p.to_string(), e.to_string())).collect();
        assert_eq!(pronoun_referents(text), want, "{text}");
    }
}

/// Asserts that the first quote of each passage is said by the entity expected:
/// (passage, entity name, entity kind).
pub fn check_first_speaker(cases: &[(&str, &str, EntityKind)]) {
    for &(text, name, kind) in cases {
        let record = extract(text);
        let quote = record.quotes.first().unwrap_or_else(|| panic!("a quote in {text}"));
        let entity = &record.entities[quote.speaker.as_ref().expect("a speaker").entity];
        assert_eq!((entity.name.as_str(), entity.kind), (name, kind), "{text}");
    }
}
