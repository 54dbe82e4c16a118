//! Helpers of the table-driven engine tests (engine.rs, recall.rs): a passage in, its quotes
//! as (quote text, kind, speaker, cue) out.

#![allow(dead_code)] // each test file uses its own subset

use saywho::{Engine, Record};

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

/// Asserts that each passage gives exactly its expected quotes.
pub fn check(cases: &[(&str, &[Expected])]) {
    for (text, expected) in cases {
        let got = summary(&extract(text));
        let want: Vec<(String, String, String, String)> = expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        assert_eq!(got, want, "\n  passage: {text}");
    }
}
