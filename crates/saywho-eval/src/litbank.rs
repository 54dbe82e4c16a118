//! LitBank quotations (`litbank/quotations/tsv/`): `NAME.txt` with `NAME.ann`.
//!
//! The text is tokenised, one sentence a line, tokens separated by spaces. The `.ann` file is
//! tab-separated, with two kinds of rows:
//!
//! ```text
//! QUOTE   Q342  54  0  54  13  “ Of course , we ’ll take over your furniture , mother , ”
//! ATTRIB  Q342  Winnie_Verloc-3
//! ```
//!
//! A `QUOTE` row gives the quote's id, its first token (sentence, token within the sentence)
//! and its last token, **inclusive**, then the quotation itself; sentence numbers are line
//! numbers of the `.txt` (from 0), token numbers count the white-space-separated tokens of the
//! line (from 0). The gold span runs from the first code point of the first token to the last
//! code point of the last one (code points of the `.txt`, as every loader here counts), and the
//! text there, with runs of white space read as one space, must be the quotation column.
//!
//! An `ATTRIB` row gives the quote's speaker as a coreference entity id, `NAME-N`: the entity's
//! name with `_` for every space or punctuation mark, then its number. The resolved speaker is
//! that name with `_` read as a space (`Mr__Sherlock_Holmes-0` → `Mr Sherlock Holmes`); an id
//! without a name (`-4`) leaves the speaker unresolved. LitBank does not mark where the
//! speaker is mentioned, nor the cue: those figures read `n/a`. Every quote is direct speech.

use crate::error::{EvalError, Result};
use crate::files::{read_text, sorted_entries};
use crate::gold::{Annotations, GoldDocument, GoldFormat, GoldQuote, GoldSet};
use crate::span::{CharIndex, Span, SpanSet};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What parsing one `.ann` file skipped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AnnStats {
    /// `ATTRIB` rows naming a quote id no `QUOTE` row defines.
    pub orphan_attributions: usize,
    /// Quotes without an `ATTRIB` row, or whose speaker id carries no name.
    pub unresolved: usize,
}

/// The folder a LitBank path names: `dir` itself, or its `tsv/` subfolder when it has one
/// (`litbank/quotations` as well as `litbank/quotations/tsv`).
fn data_dir(dir: &Path) -> PathBuf {
    let tsv = dir.join("tsv");
    if tsv.is_dir() {
        tsv
    } else {
        dir.to_path_buf()
    }
}

/// True when `dir` (or its `tsv/` subfolder) holds LitBank quotation files: `.ann` files with
/// their `.txt` beside them, the first non-blank row of the first non-empty one a `QUOTE` or
/// `ATTRIB` row (a text without quotations has an empty `.ann`).
pub fn looks_like(dir: &Path) -> bool {
    let dir = data_dir(dir);
    let Ok(paths) = sorted_entries(&dir) else {
        return false;
    };
    let first_row = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "ann") && p.with_extension("txt").is_file())
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .find_map(|raw| raw.lines().find(|l| !l.trim().is_empty()).map(str::to_string));
    first_row.is_some_and(|l| l.starts_with("QUOTE\t") || l.starts_with("ATTRIB\t"))
}

/// Reads a LitBank quotations folder (`quotations/tsv`, or `quotations` holding `tsv/`).
pub fn load(dir: &Path) -> Result<GoldSet> {
    let dir = data_dir(dir);
    let mut ann_of: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut texts = 0;
    for path in sorted_entries(&dir)? {
        match path.extension().and_then(|e| e.to_str()) {
            Some("ann") => {
                if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                    ann_of.insert(stem.to_string(), path.clone());
                }
            }
            Some("txt") => texts += 1,
            _ => {}
        }
    }
    if ann_of.is_empty() {
        return Err(EvalError::UnknownFormat {
            path: dir.clone(),
            reason: "no .ann file: not a LitBank quotations folder".into(),
        });
    }
    let mut documents = Vec::with_capacity(ann_of.len());
    let mut stats = AnnStats::default();
    let mut without_text = 0;
    for (name, ann_path) in &ann_of {
        let text_path = ann_path.with_extension("txt");
        if !text_path.is_file() {
            without_text += 1;
            continue;
        }
        let text = read_text(&text_path)?;
        let ann = read_text(ann_path)?;
        let (quotes, ann_stats) = parse_ann(&ann, &text, ann_path)?;
        stats.orphan_attributions += ann_stats.orphan_attributions;
        stats.unresolved += ann_stats.unresolved;
        documents.push(GoldDocument {
            id: name.clone(),
            text,
            quotes,
            sources: None,
        });
    }
    let mut notes = vec![
        "fiction (tokenised text, one sentence a line): a robustness check, not a target".to_string(),
        "no speaker mentions or cues annotated; resolved speakers are the coreference \
         entities' names"
            .to_string(),
    ];
    if stats.unresolved > 0 {
        notes.push(format!("quotes without a named speaker: {}", stats.unresolved));
    }
    if stats.orphan_attributions > 0 {
        notes.push(format!(
            "ATTRIB rows for no QUOTE, skipped: {}",
            stats.orphan_attributions
        ));
    }
    if without_text > 0 {
        notes.push(format!(".ann files without a text, skipped: {without_text}"));
    }
    let texts_without_ann = texts - (ann_of.len() - without_text);
    if texts_without_ann > 0 {
        notes.push(format!("texts without a .ann file, skipped: {texts_without_ann}"));
    }
    Ok(GoldSet {
        format: GoldFormat::Litbank,
        source: dir,
        documents,
        annotations: Annotations {
            speaker_mention: false,
            resolved_speaker: true,
            cue: false,
            channel: false,
            kind: false,
        },
        merge_predicted_groups: false,
        notes,
    })
}

/// The code-point span of every token of every line of `text`: `[line][token]`.
fn token_spans(text: &str) -> Vec<Vec<Span>> {
    let mut lines: Vec<Vec<Span>> = vec![Vec::new()];
    let mut start: Option<usize> = None;
    let mut position = 0;
    for c in text.chars() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                lines.last_mut().expect("one line").push(Span {
                    start: s,
                    end: position,
                });
            }
            if c == '\n' {
                lines.push(Vec::new());
            }
        } else if start.is_none() {
            start = Some(position);
        }
        position += 1;
    }
    if let Some(s) = start {
        lines.last_mut().expect("one line").push(Span {
            start: s,
            end: position,
        });
    }
    lines
}

/// `s` with runs of white space read as one space, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The speaker's name in a LitBank entity id (`Mrs__Hall-6` → `Mrs Hall`), `None` when the id
/// carries no name.
pub fn speaker_name(id: &str) -> Option<String> {
    let id = id.trim();
    let name = match id.rsplit_once('-') {
        Some((name, number)) if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => id,
    };
    let name = squeeze(&name.replace('_', " "));
    (!name.is_empty()).then_some(name)
}

/// Parses one `.ann` file against its `text`; `path` only labels errors.
pub fn parse_ann(ann: &str, text: &str, path: &Path) -> Result<(Vec<GoldQuote>, AnnStats)> {
    let tokens = token_spans(text);
    let chars = CharIndex::new(text);
    let mut quotes: Vec<GoldQuote> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    let mut attributions: Vec<(String, String)> = Vec::new();
    for (row, line) in ann.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let location = || format!("row {}", row + 1);
        match fields[0] {
            "QUOTE" => {
                let [_, id, s1, t1, s2, t2, quotation, ..] = fields[..] else {
                    return Err(EvalError::invalid(path, location(), "a QUOTE row has 7 fields"));
                };
                let bad = |message: String| EvalError::invalid(path, format!("{} ({id})", location()), message);
                let number = |s: &str| {
                    s.trim()
                        .parse::<usize>()
                        .map_err(|_| bad(format!("{s:?} is not a sentence or token number")))
                };
                let token = |sentence: usize, token: usize| {
                    tokens
                        .get(sentence)
                        .and_then(|line| line.get(token))
                        .copied()
                        .ok_or_else(|| bad(format!("sentence {sentence} has no token {token}")))
                };
                let first = token(number(s1)?, number(t1)?)?;
                let last = token(number(s2)?, number(t2)?)?;
                let span =
                    Span::new(first.start, last.end).ok_or_else(|| bad("the quote ends before it starts".into()))?;
                let covered = chars.slice(span.start, span.end);
                if squeeze(covered) != squeeze(quotation) {
                    return Err(bad(format!(
                        "the text at its tokens is {:?}, not the quotation {:?}",
                        squeeze(covered),
                        squeeze(quotation)
                    )));
                }
                index_of.insert(id.to_string(), quotes.len());
                quotes.push(GoldQuote {
                    id: id.to_string(),
                    text: covered.to_string(),
                    span: SpanSet::single(span),
                    ..GoldQuote::default()
                });
            }
            "ATTRIB" => {
                let [_, id, speaker, ..] = fields[..] else {
                    return Err(EvalError::invalid(path, location(), "an ATTRIB row has 3 fields"));
                };
                attributions.push((id.to_string(), speaker.to_string()));
            }
            other => {
                return Err(EvalError::invalid(
                    path,
                    location(),
                    format!("unknown row label {other:?} (QUOTE or ATTRIB)"),
                ))
            }
        }
    }
    let mut stats = AnnStats::default();
    let mut attributed = vec![false; quotes.len()];
    for (id, speaker) in attributions {
        match index_of.get(&id) {
            // The first attribution of a quote wins.
            Some(&i) if !attributed[i] => {
                attributed[i] = true;
                quotes[i].speaker = speaker_name(&speaker);
            }
            Some(_) => {}
            None => stats.orphan_attributions += 1,
        }
    }
    stats.unresolved = quotes.iter().filter(|q| q.speaker.is_none()).count();
    Ok((quotes, stats))
}
