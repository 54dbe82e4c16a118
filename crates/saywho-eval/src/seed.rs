//! The project's seed gold: `gold.json` with its article (named by its `source` field) beside
//! it. Quotes carry `quote_start/quote_end`, `speaker` (resolved), `speaker_start/end`, `cue`,
//! `channel`, `type` and `group`; every offset is checked against the text, and the quoted
//! string must be exactly the text at its offsets.

use crate::error::{EvalError, Result};
use crate::gold::{non_blank, Annotations, GoldDocument, GoldFormat, GoldQuote, GoldSet};
use crate::span::{CharIndex, Span, SpanSet};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct SeedFile {
    #[serde(default)]
    doc_id: Option<String>,
    source: String,
    quotes: Vec<SeedQuote>,
}

#[derive(Deserialize)]
struct SeedQuote {
    qid: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    quote: String,
    quote_start: usize,
    quote_end: usize,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_mention: Option<String>,
    #[serde(default)]
    speaker_start: Option<usize>,
    #[serde(default)]
    speaker_end: Option<usize>,
    #[serde(default)]
    cue: Option<String>,
    #[serde(default)]
    channel: Option<String>,
}

/// Reads a seed `gold.json` and the article its `source` names.
pub fn load(path: &Path) -> Result<GoldSet> {
    let raw = crate::files::read_text(path)?;
    let source = source_name(&raw, path)?;
    let text_path = path.parent().unwrap_or_else(|| Path::new(".")).join(source);
    let text = crate::files::read_text(&text_path)?;
    let document = parse(&raw, text, path)?;
    Ok(GoldSet {
        format: GoldFormat::Seed,
        source: path.to_path_buf(),
        documents: vec![document],
        annotations: Annotations {
            speaker_mention: true,
            resolved_speaker: true,
            cue: true,
            channel: true,
            kind: true,
        },
        merge_predicted_groups: false,
        notes: Vec::new(),
    })
}

/// The `source` field of a seed gold file: the article's file name.
pub fn source_name(raw: &str, path: &Path) -> Result<String> {
    let file: SeedFile = from_json(raw, path)?;
    Ok(file.source)
}

fn from_json(raw: &str, path: &Path) -> Result<SeedFile> {
    serde_json::from_str(raw).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        location: "whole file".into(),
        source,
    })
}

/// Parses seed gold JSON against its article `text`; `path` only labels errors.
pub fn parse(raw: &str, text: String, path: &Path) -> Result<GoldDocument> {
    let file = from_json(raw, path)?;
    let chars = CharIndex::new(&text);
    let text_len = chars.char_len();
    let mut quotes = Vec::with_capacity(file.quotes.len());
    for quote in file.quotes {
        let bad = |message: String| EvalError::invalid(path, format!("quote {}", quote.qid), message);
        let span = Span::new(quote.quote_start, quote.quote_end)
            .filter(|s| s.end <= text_len)
            .ok_or_else(|| {
                bad(format!(
                    "quote_start/quote_end {}..{} is not a span of a {text_len}-character text",
                    quote.quote_start, quote.quote_end
                ))
            })?;
        if chars.slice(span.start, span.end) != quote.quote {
            return Err(bad("the text at quote_start..quote_end is not `quote`".into()));
        }
        let speaker_mention = match (quote.speaker_start, quote.speaker_end) {
            (Some(start), Some(end)) => Some(
                Span::new(start, end)
                    .filter(|s| s.end <= text_len)
                    .ok_or_else(|| bad(format!("speaker_start/end {start}..{end} is not a span")))?,
            ),
            _ => None,
        };
        quotes.push(GoldQuote {
            id: quote.qid.clone(),
            text: quote.quote,
            span: SpanSet::single(span),
            speaker: non_blank(quote.speaker.as_deref()),
            speaker_mention,
            speaker_mention_text: non_blank(quote.speaker_mention.as_deref()),
            cue: non_blank(quote.cue.as_deref()),
            channel: non_blank(quote.channel.as_deref()),
            kind: non_blank(quote.kind.as_deref()).map(|k| k.to_lowercase()),
        });
    }
    Ok(GoldDocument {
        id: file.doc_id.unwrap_or_else(|| "seed".to_string()),
        text,
        quotes,
        sources: None,
    })
}
