//! Helpers shared by the integration tests: record builders and an oracle extractor that
//! answers with the gold itself.
#![allow(dead_code)] // each test file uses its own subset

use saywho::{QuoteKind, QuoteRecord, Record, SpeakerRecord, TextSpan};
use saywho_eval::gold::{GoldDocument, GoldSet};
use std::collections::HashMap;
use std::path::PathBuf;

/// `../shared` relative to the workspace root.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The shared data path `rel`, or `None` (after saying so) when it is absent.
pub fn shared_path(rel: &str) -> Option<PathBuf> {
    let path = shared_dir().join(rel);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

/// A text span of `text` by code points.
pub fn text_span(text: &str, start: usize, end: usize) -> TextSpan {
    let slice: String = text.chars().skip(start).take(end - start).collect();
    TextSpan {
        text: slice,
        start,
        end,
    }
}

/// A predicted quote `[start, end)` of `text` said by `speaker` through `mention`.
pub fn quote(
    text: &str,
    (start, end): (usize, usize),
    group: usize,
    speaker: Option<&str>,
    mention: Option<(usize, usize)>,
) -> QuoteRecord {
    QuoteRecord {
        text: text_span(text, start, end).text,
        start,
        end,
        kind: QuoteKind::Direct,
        group,
        cue: None,
        speaker: speaker.map(|name| SpeakerRecord {
            name: name.to_string(),
            entity: 0,
            mention: mention.map(|(s, e)| text_span(text, s, e)),
        }),
        channel: None,
        confidence: 1.0,
    }
}

/// The gold of `document` as a record: every fragment of a gold quote becomes a predicted quote,
/// the fragments of one gold quote sharing a group.
pub fn oracle_record(document: &GoldDocument) -> Record {
    let mut quotes = Vec::new();
    for (group, gold) in document.quotes.iter().enumerate() {
        for fragment in gold.span.fragments() {
            let mut q = quote(
                &document.text,
                (fragment.start, fragment.end),
                group,
                gold.speaker.as_deref().or(gold.speaker_mention_text.as_deref()),
                gold.speaker_mention.map(|m| (m.start, m.end)),
            );
            q.cue = gold.cue.as_ref().map(|c| TextSpan {
                text: c.clone(),
                start: 0,
                end: 0,
            });
            q.channel = gold.channel.clone();
            q.kind = gold
                .kind
                .as_deref()
                .and_then(|k| k.parse().ok())
                .unwrap_or(QuoteKind::Direct);
            quotes.push(q);
        }
    }
    quotes.sort_by_key(|q| (q.start, q.end));
    Record::new(document.id.clone(), quotes, vec![])
}

/// An extractor that looks the answer up in `gold`.
pub fn oracle(gold: &GoldSet) -> impl Fn(&str, &str) -> Record + Sync {
    let records: HashMap<String, Record> = gold
        .documents
        .iter()
        .map(|d| (d.id.clone(), oracle_record(d)))
        .collect();
    move |id, _text| {
        records
            .get(id)
            .cloned()
            .unwrap_or_else(|| Record::new(id, vec![], vec![]))
    }
}

/// Code-point span of the first occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str) -> (usize, usize) {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// A gold quote of `text`: the quotation `quote`, said by `speaker` through `mention`, with `cue`.
pub fn gold_quote(text: &str, quote: &str, speaker: &str, mention: &str, cue: &str) -> saywho_eval::GoldQuote {
    use saywho_eval::span::{Span, SpanSet};
    let (s, e) = find(text, quote);
    let (ms, me) = find(text, mention);
    saywho_eval::GoldQuote {
        id: quote.to_string(),
        text: quote.to_string(),
        span: SpanSet::single(Span { start: s, end: e }),
        speaker: Some(speaker.to_string()),
        speaker_mention: Some(Span { start: ms, end: me }),
        speaker_mention_text: Some(mention.to_string()),
        cue: Some(cue.to_string()),
        channel: None,
        kind: None,
    }
}
