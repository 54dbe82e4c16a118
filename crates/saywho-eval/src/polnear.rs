//! PolNeAR in brat standoff: `text/NAME.txt` with `attributions/NAME_ANNOTATOR.ann`.
//!
//! Where an article has several annotators, the alphabetically first `.ann` is used (as
//! PolNeAR's own statistics script does). Each `E` relation with a Content argument is one gold
//! quotation: its content is the union of the fragments of every `Content*` argument (a
//! discontinuous `a b;c d` span and a `Content2` both add fragments; the gap between them is not
//! part of the quote), the speaker mention is the Source span (the hull of its fragments), the
//! cue is the Cue text. Relations without a Content are skipped and counted in the notes.
//! Covered texts are taken from the article by offset, not from the `.ann` line, because
//! multi-line covered texts spill onto continuation lines there.

use crate::error::{EvalError, Result};
use crate::files::{read_text, sorted_entries};
use crate::gold::{char_len, Annotations, GoldDocument, GoldFormat, GoldQuote, GoldSet};
use crate::span::{CharIndex, Span, SpanSet};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What parsing one `.ann` file skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnnStats {
    /// `E` relations with no Content argument.
    pub without_content: usize,
}

/// One text-bound annotation (`T` line).
#[derive(Debug, Clone, PartialEq, Eq)]
struct TextBound {
    fragments: Vec<Span>,
}

/// Reads a PolNeAR split folder (one holding `text/` and `attributions/`).
pub fn load(dir: &Path) -> Result<GoldSet> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    // name -> alphabetically first .ann file; BTreeMap keeps the articles in name order.
    let mut ann_of: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in sorted_entries(&ann_dir)? {
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = file_name.strip_suffix(".ann") else {
            continue;
        };
        let Some((name, _annotator)) = stem.rsplit_once('_') else {
            return Err(EvalError::invalid(&path, "file name", "expected NAME_ANNOTATOR.ann"));
        };
        let keep = match ann_of.get(name) {
            Some(current) => path < *current,
            None => true,
        };
        if keep {
            ann_of.insert(name.to_string(), path);
        }
    }
    let mut documents = Vec::with_capacity(ann_of.len());
    let mut stats = AnnStats::default();
    let mut without_text = 0;
    for (name, ann_path) in &ann_of {
        let text_path = text_dir.join(format!("{name}.txt"));
        if !text_path.is_file() {
            without_text += 1;
            continue;
        }
        let text = read_text(&text_path)?;
        let ann = read_text(ann_path)?;
        let (quotes, ann_stats) = parse_ann(&ann, &text, ann_path)?;
        stats.without_content += ann_stats.without_content;
        documents.push(GoldDocument {
            id: name.clone(),
            text,
            quotes,
            sources: None,
        });
    }
    let texts_without_ann = sorted_entries(&text_dir)?
        .iter()
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()))
        .filter(|stem| !ann_of.contains_key(*stem))
        .count();
    let mut notes = vec![
        "content spans are the union of their fragments; predicted quotes sharing a group \
         are scored as one item"
            .to_string(),
    ];
    if stats.without_content > 0 {
        notes.push(format!(
            "relations without a Content, skipped: {}",
            stats.without_content
        ));
    }
    if without_text > 0 {
        notes.push(format!(".ann files without a text, skipped: {without_text}"));
    }
    if texts_without_ann > 0 {
        notes.push(format!("texts without a .ann file, skipped: {texts_without_ann}"));
    }
    Ok(GoldSet {
        format: GoldFormat::Polnear,
        source: dir.to_path_buf(),
        documents,
        annotations: Annotations {
            speaker_mention: true,
            resolved_speaker: false,
            cue: true,
            channel: false,
            kind: false,
        },
        merge_predicted_groups: true,
        notes,
    })
}

/// Parses one `.ann` file against its article `text`; `path` only labels errors.
pub fn parse_ann(ann: &str, text: &str, path: &Path) -> Result<(Vec<GoldQuote>, AnnStats)> {
    let text_len = char_len(text);
    let chars = CharIndex::new(text);
    let mut bounds: HashMap<&str, TextBound> = HashMap::new();
    let mut relations: Vec<(&str, &str)> = Vec::new();
    for line in ann.lines() {
        // Lines not starting with `T<n>\t` or `E<n>\t` are notes (`#`, `A`, `R`) or the
        // continuation of a covered text that holds a line break: neither carries offsets.
        let Some((id, rest)) = line.split_once('\t') else {
            continue;
        };
        let is_id = |prefix: char| {
            id.strip_prefix(prefix)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        if is_id('T') {
            let spec = rest.split('\t').next().unwrap_or(rest);
            bounds.insert(id, parse_text_bound(spec, text_len, path, id)?);
        } else if is_id('E') {
            relations.push((id, rest));
        }
    }
    let mut stats = AnnStats::default();
    let mut quotes = Vec::new();
    for (id, args) in relations {
        let mut content = Vec::new();
        let mut source: Option<&TextBound> = None;
        let mut cue: Option<&TextBound> = None;
        for arg in args.split_whitespace() {
            let Some((role, target)) = arg.split_once(':') else {
                return Err(EvalError::invalid(path, id, format!("argument {arg:?} is not ROLE:ID")));
            };
            let bound = bounds
                .get(target)
                .ok_or_else(|| EvalError::invalid(path, id, format!("refers to {target}, which is not defined")))?;
            // `Content2` is a second content argument: roles may carry a number.
            match role.trim_end_matches(|c: char| c.is_ascii_digit()) {
                "Content" => content.extend_from_slice(&bound.fragments),
                "Source" => source = source.or(Some(bound)),
                "Cue" => cue = cue.or(Some(bound)),
                _ => {}
            }
        }
        let span = SpanSet::from_fragments(content);
        if span.is_empty() {
            stats.without_content += 1;
            continue;
        }
        let covered = |bound: &TextBound| {
            let parts: Vec<&str> = bound.fragments.iter().map(|s| chars.slice(s.start, s.end)).collect();
            parts.join(" ")
        };
        let hull = |bound: &TextBound| SpanSet::from_fragments(bound.fragments.clone()).hull();
        quotes.push(GoldQuote {
            id: id.to_string(),
            text: span
                .fragments()
                .iter()
                .map(|s| chars.slice(s.start, s.end))
                .collect::<Vec<_>>()
                .join(" "),
            span,
            speaker: None,
            speaker_mention: source.and_then(hull),
            speaker_mention_text: source.map(covered),
            cue: cue.map(covered).filter(|c| !c.trim().is_empty()),
            channel: None,
            kind: None,
        });
    }
    Ok((quotes, stats))
}

/// Parses `Type start end[;start end...]`; the type does not matter, since the relation's
/// argument roles say what each span is.
fn parse_text_bound(spec: &str, text_len: usize, path: &Path, id: &str) -> Result<TextBound> {
    let bad = |message: String| EvalError::invalid(path, id, message);
    let (_kind, ranges) = spec
        .split_once(' ')
        .ok_or_else(|| bad(format!("expected `Type start end`, found {spec:?}")))?;
    let mut fragments = Vec::new();
    for range in ranges.split(';') {
        let mut numbers = range.split_whitespace().map(str::parse::<usize>);
        let (Some(Ok(start)), Some(Ok(end)), None) = (numbers.next(), numbers.next(), numbers.next()) else {
            return Err(bad(format!("bad offsets {range:?}")));
        };
        let span = Span::new(start, end)
            .filter(|s| s.end <= text_len)
            .ok_or_else(|| bad(format!("{start} {end} is not a span of a {text_len}-character text")))?;
        fragments.push(span);
    }
    Ok(TextBound { fragments })
}
