//! The Gender Gap Tracker gold (`ggt_dev.jsonl`): one article a line.
//!
//! Each line has `id`, `text` and `quotes[]`; a quote has the strings `quote`, `speaker`,
//! `verb`, `reference` and the spans `quote_span_aligned`, `speaker_span_aligned`,
//! `verb_span_aligned` (`[start, end)` code points into `text`, or `null`).
//!
//! When `quote_span_aligned` is null the quote is looked up by string search, with every
//! quotation mark folded to its straight form on both sides, choosing the occurrence nearest
//! the original (drifting) `quote_index`; if the search fails too, the quote keeps an empty span
//! and can only be missed. A null `speaker_span_aligned` leaves the quote out of
//! speaker-mention accuracy (its speaker string is still there, but not where).

use crate::error::{EvalError, Result};
use crate::gold::{char_len, non_blank, Annotations, GoldDocument, GoldFormat, GoldQuote, GoldSet, GoldSources};
use crate::span::{is_trimmable, Span, SpanSet};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct Line {
    id: String,
    text: String,
    #[serde(default)]
    quotes: Vec<Quote>,
    // The people quoted, by gender: JSON arrays of names, written as strings in the derived
    // file (`"[\"Cindy Dalglish\"]"`), or as arrays.
    #[serde(default)]
    sources_female: Option<serde_json::Value>,
    #[serde(default)]
    sources_male: Option<serde_json::Value>,
    #[serde(default)]
    sources_unknown: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Quote {
    #[serde(default)]
    quote: String,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    verb: Option<String>,
    #[serde(default)]
    reference: Option<String>,
    #[serde(default)]
    quote_index: Option<String>,
    #[serde(default)]
    quote_span_aligned: Option<[usize; 2]>,
    #[serde(default)]
    speaker_span_aligned: Option<[usize; 2]>,
}

/// What parsing one line had to work around, for the set's notes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineStats {
    /// Quotes without an aligned span that string search found.
    pub located_by_search: usize,
    /// Quotes found nowhere: they keep an empty span.
    pub unlocated: usize,
    /// Quotes with a speaker string but no aligned speaker span.
    pub speaker_unaligned: usize,
    /// Quotes that repeat an earlier one of their article (same span, speaker mention and
    /// speaker), dropped: one article of GGT dev lists its 27 quotes twice, and a repeat is a
    /// miss that no system could match (matching is one to one).
    pub duplicates: usize,
}

/// Reads a GGT JSONL file.
pub fn load(path: &Path) -> Result<GoldSet> {
    let raw = crate::files::read_text(path)?;
    let mut documents = Vec::new();
    let mut stats = LineStats::default();
    for (index, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (document, line_stats) = parse_line(line, path, index + 1)?;
        stats.located_by_search += line_stats.located_by_search;
        stats.unlocated += line_stats.unlocated;
        stats.speaker_unaligned += line_stats.speaker_unaligned;
        stats.duplicates += line_stats.duplicates;
        documents.push(document);
    }
    if documents.iter().all(|d| d.quotes.is_empty()) {
        let lines = count(documents.len(), "line", "lines");
        return Err(EvalError::NoGold {
            path: path.to_path_buf(),
            reason: format!(
                "{lines}, none with a non-empty `quotes` array (GGT gold is one article a line with \
                 `id`, `text` and `quotes`); a corpus without annotations is read with `saywho extract`"
            ),
        });
    }
    let notes = [
        (
            stats.located_by_search,
            "gold quote had no aligned span and was located by string search",
            "gold quotes had no aligned span and were located by string search",
        ),
        (
            stats.unlocated,
            "gold quote could not be located in its text; it counts as a miss",
            "gold quotes could not be located in their text; they count as misses",
        ),
        (
            stats.speaker_unaligned,
            "gold quote names a speaker mention without an aligned span; it is left out of speaker-mention accuracy",
            "gold quotes name a speaker mention without an aligned span; they are left out of speaker-mention accuracy",
        ),
        (
            stats.duplicates,
            "gold quote repeated an earlier quote of its article (same span and speaker) and was dropped",
            "gold quotes repeated an earlier quote of their article (same span and speaker) and were dropped",
        ),
    ];
    let notes = notes
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
    Ok(GoldSet {
        format: GoldFormat::Ggt,
        source: path.to_path_buf(),
        documents,
        annotations: Annotations {
            speaker_mention: true,
            resolved_speaker: true,
            cue: true,
            channel: false,
            kind: false,
        },
        merge_predicted_groups: false,
        notes,
    })
}

/// Parses one GGT line; `path` and `line_no` only label errors.
pub fn parse_line(line: &str, path: &Path, line_no: usize) -> Result<(GoldDocument, LineStats)> {
    let parsed: Line = serde_json::from_str(line).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        location: format!("line {line_no}"),
        source,
    })?;
    let text_len = char_len(&parsed.text);
    let mut stats = LineStats::default();
    let mut quotes = Vec::with_capacity(parsed.quotes.len());
    for (index, quote) in parsed.quotes.into_iter().enumerate() {
        let location = || format!("line {line_no} (id {}), quote {index}", parsed.id);
        let checked = |pair: [usize; 2], what: &str| {
            Span::new(pair[0], pair[1])
                .filter(|s| s.end <= text_len)
                .ok_or_else(|| {
                    EvalError::invalid(
                        path,
                        location(),
                        format!("{what} {pair:?} is not a span of a {text_len}-character text"),
                    )
                })
        };
        let span = match quote.quote_span_aligned {
            Some(pair) => SpanSet::single(checked(pair, "quote_span_aligned")?),
            None => {
                let near = quote.quote_index.as_deref().and_then(parse_index_start);
                match locate(&parsed.text, &quote.quote, near) {
                    Some(found) => {
                        stats.located_by_search += 1;
                        SpanSet::single(found)
                    }
                    None => {
                        stats.unlocated += 1;
                        SpanSet::default()
                    }
                }
            }
        };
        let speaker_mention_text = non_blank(quote.speaker.as_deref());
        let speaker_mention = match quote.speaker_span_aligned {
            Some(pair) => Some(checked(pair, "speaker_span_aligned")?),
            None => {
                if speaker_mention_text.is_some() {
                    stats.speaker_unaligned += 1;
                }
                None
            }
        };
        let reference = non_blank(quote.reference.as_deref());
        let repeated = quotes.iter().any(|q: &GoldQuote| {
            q.span == span && q.speaker == reference && q.speaker_mention == speaker_mention && !span.is_empty()
        });
        if repeated {
            stats.duplicates += 1;
            continue;
        }
        quotes.push(GoldQuote {
            id: index.to_string(),
            text: quote.quote,
            span,
            speaker: reference,
            speaker_mention,
            speaker_mention_text,
            cue: non_blank(quote.verb.as_deref()),
            channel: None,
            kind: None,
        });
    }
    let names = |value: &Option<serde_json::Value>, field: &str| {
        name_list(value.as_ref())
            .map_err(|message| EvalError::invalid(path, format!("line {line_no} (id {}), {field}", parsed.id), message))
    };
    let (female, male, unknown) = (
        names(&parsed.sources_female, "sources_female")?,
        names(&parsed.sources_male, "sources_male")?,
        names(&parsed.sources_unknown, "sources_unknown")?,
    );
    // An article annotates its sources when any of the three lists is present.
    let sources = (female.is_some() || male.is_some() || unknown.is_some()).then(|| GoldSources {
        female: female.unwrap_or_default(),
        male: male.unwrap_or_default(),
        unknown: unknown.unwrap_or_default(),
    });
    let document = GoldDocument {
        id: parsed.id,
        text: parsed.text,
        quotes,
        sources,
    };
    Ok((document, stats))
}

/// A list of names: a JSON array of strings, or a string holding one (`"[\"A\", \"B\"]"`).
/// `None` for an absent or null field; blank names are dropped.
fn name_list(value: Option<&serde_json::Value>) -> std::result::Result<Option<Vec<String>>, String> {
    use serde_json::Value;
    let parsed;
    let array = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Array(items)) => items,
        Some(Value::String(raw)) => {
            parsed = serde_json::from_str::<Value>(raw).map_err(|e| format!("not a JSON array of names: {e}"))?;
            match &parsed {
                Value::Array(items) => items,
                _ => return Err(format!("not a JSON array of names: {raw:?}")),
            }
        }
        Some(other) => return Err(format!("not a list of names: {other}")),
    };
    array
        .iter()
        .filter_map(|item| match item {
            Value::String(name) => non_blank(Some(name)).map(Ok),
            other => Some(Err(format!("a name that is not a string: {other}"))),
        })
        .collect::<std::result::Result<Vec<_>, _>>()
        .map(Some)
}

/// `n` and the words that go with it: `1 gold quote was`, `2 gold quotes were` ("1 gold quotes
/// were dropped" in a report reads as a mistake). The CLI's `diag::count`, for this crate's notes.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The start of a GGT `*_index` string such as `"(173,234)"`.
fn parse_index_start(index: &str) -> Option<usize> {
    let inner = index.trim().trim_start_matches('(');
    inner.split(',').next()?.trim().parse().ok()
}

/// Every quotation mark folded to `"` or `'`, one character for one, so offsets survive.
fn fold_quote_marks(c: char) -> char {
    match c {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' | '\u{2032}' => '\'',
        other => other,
    }
}

/// Finds `needle` in `text` after folding quotation marks, nearest to code point `near` when
/// it occurs several times. A needle that is not found whole is tried again without its
/// enclosing marks and punctuation, since the annotation and the text sometimes disagree there.
pub fn locate(text: &str, needle: &str, near: Option<usize>) -> Option<Span> {
    let folded_text: Vec<char> = text.chars().map(fold_quote_marks).collect();
    let whole: Vec<char> = needle.trim().chars().map(fold_quote_marks).collect();
    let inner: Vec<char> = {
        let mut slice = whole.as_slice();
        while let Some((first, rest)) = slice.split_first() {
            if !is_trimmable(*first) {
                break;
            }
            slice = rest;
        }
        while let Some((last, rest)) = slice.split_last() {
            if !is_trimmable(*last) {
                break;
            }
            slice = rest;
        }
        slice.to_vec()
    };
    [whole, inner].into_iter().find_map(|pattern| {
        if pattern.is_empty() || pattern.len() > folded_text.len() {
            return None;
        }
        let starts = folded_text
            .windows(pattern.len())
            .enumerate()
            .filter(|(_, window)| *window == pattern.as_slice())
            .map(|(start, _)| start);
        let best = starts.min_by_key(|start| near.map_or(*start, |n| start.abs_diff(n)))?;
        Span::new(best, best + pattern.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_count_in_english() {
        let dir = std::env::temp_dir().join(format!("saywho-ggt-notes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("gold.jsonl");
        // One quote found by search (no aligned span), then the same quote again (dropped).
        let quote = serde_json::json!({"quote": "It rained", "speaker": "Ann", "reference": "Ann Lee",
                                       "speaker_span_aligned": [13, 16]});
        let line =
            serde_json::json!({"id": "a", "text": "\u{201c}It rained,\u{201d} Ann said.", "quotes": [quote, quote]});
        std::fs::write(&path, format!("{line}\n")).unwrap();
        let gold = load(&path);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(
            gold.unwrap().notes,
            [
                "2 gold quotes had no aligned span and were located by string search",
                "1 gold quote repeated an earlier quote of its article (same span and speaker) and was dropped"
            ]
        );
    }
}
