//! Gold documents in one shape, whatever format they were read from.

use crate::error::{EvalError, Result};
use crate::span::{Span, SpanSet};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The gold formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GoldFormat {
    /// Gender Gap Tracker JSONL: one article a line.
    Ggt,
    /// PolNeAR brat standoff: a split folder with `text/` and `attributions/`.
    Polnear,
    /// The project's hand-annotated seed article (`gold.json` beside `article.txt`).
    Seed,
    /// GAP pronoun–name coreference (`gap-development.tsv`): not quotations, scored by
    /// [`crate::gap`].
    Gap,
    /// LitBank quotations (fiction): a folder of tokenised `NAME.txt` with `NAME.ann` rows
    /// `QUOTE` and `ATTRIB`, read by [`crate::litbank`].
    Litbank,
    /// Main text of HTML pages (the article-extraction benchmark): a folder of pages
    /// `<id>.html[.gz]` and `ground-truth.json`, scored by [`crate::article`].
    Html,
}

impl GoldFormat {
    /// The name used on the command line and in JSON.
    pub fn name(self) -> &'static str {
        match self {
            GoldFormat::Ggt => "ggt",
            GoldFormat::Polnear => "polnear",
            GoldFormat::Seed => "seed",
            GoldFormat::Gap => "gap",
            GoldFormat::Litbank => "litbank",
            GoldFormat::Html => "html",
        }
    }
}

impl fmt::Display for GoldFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for GoldFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<GoldFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "ggt" => Ok(GoldFormat::Ggt),
            "polnear" => Ok(GoldFormat::Polnear),
            "seed" => Ok(GoldFormat::Seed),
            "gap" => Ok(GoldFormat::Gap),
            "litbank" => Ok(GoldFormat::Litbank),
            "html" => Ok(GoldFormat::Html),
            other => Err(format!(
                "unknown gold format {other:?} (ggt, polnear, seed, gap, litbank or html)"
            )),
        }
    }
}

/// One annotated quotation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoldQuote {
    /// The annotation's own id (`q3`, `E12`, or the quote's index in a GGT line).
    pub id: String,
    /// The quotation as annotated (GGT and PolNeAR keep the quotation marks).
    pub text: String,
    /// Where it is; empty when the annotation could not be located in the text (then it can
    /// only be missed).
    pub span: SpanSet,
    /// The resolved speaker (GGT `reference`, seed `speaker`); `None` when not annotated.
    pub speaker: Option<String>,
    /// The speaker mention of the attribution (GGT `speaker`, PolNeAR Source, seed mention).
    pub speaker_mention: Option<Span>,
    /// The text of that mention.
    pub speaker_mention_text: Option<String>,
    /// The cue as written (`said`, `told reporters`).
    pub cue: Option<String>,
    /// Where it was said (`Twitter`, `speech`), seed only.
    pub channel: Option<String>,
    /// `direct`, `indirect` or `mixed`, seed only.
    pub kind: Option<String>,
}

/// One article and its gold quotations.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GoldDocument {
    /// The article's id.
    pub id: String,
    /// The full article text the offsets index.
    pub text: String,
    /// The gold quotations, in the file's order.
    pub quotes: Vec<GoldQuote>,
    /// The people quoted, by gender (GGT's `sources_female`, `sources_male`,
    /// `sources_unknown`); `None` when the format does not annotate them.
    pub sources: Option<GoldSources>,
}

/// The people an article quotes, by the gender the annotators gave them (GGT).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldSources {
    /// Women quoted.
    pub female: Vec<String>,
    /// Men quoted.
    pub male: Vec<String>,
    /// People quoted whose gender the annotators could not tell.
    pub unknown: Vec<String>,
}

/// Which fields a dataset annotates, so a metric it cannot support reads `n/a`, not 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Annotations {
    /// Speaker mention spans.
    pub speaker_mention: bool,
    /// Resolved (canonical) speaker names.
    pub resolved_speaker: bool,
    /// Cue words.
    pub cue: bool,
    /// Channels.
    pub channel: bool,
    /// Direct / indirect / mixed.
    pub kind: bool,
}

/// A loaded gold dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSet {
    /// The format it was read from.
    pub format: GoldFormat,
    /// The file or folder it was read from.
    pub source: PathBuf,
    /// The documents, in a stable order (file order, or sorted file names).
    pub documents: Vec<GoldDocument>,
    /// What the format annotates.
    pub annotations: Annotations,
    /// True when one gold item covers all fragments of an utterance (PolNeAR's discontinuous
    /// Content), so predicted quotes that share a group are scored as one item.
    pub merge_predicted_groups: bool,
    /// What the loader did that a reader of the figures should know (skipped items…).
    pub notes: Vec<String>,
}

impl GoldSet {
    /// An in-memory gold set (tests, fixtures): predicted groups are not merged and no notes.
    pub fn new(format: GoldFormat, documents: Vec<GoldDocument>, annotations: Annotations) -> GoldSet {
        GoldSet {
            format,
            source: PathBuf::from("<memory>"),
            documents,
            annotations,
            merge_predicted_groups: false,
            notes: Vec::new(),
        }
    }

    /// Total number of gold quotations.
    pub fn quote_count(&self) -> usize {
        self.documents.iter().map(|d| d.quotes.len()).sum()
    }
}

/// Guesses the format of `path`: a `.jsonl` file is GGT; a folder holding `text/` and
/// `attributions/` is PolNeAR; a `.json` file whose `quotes` array holds objects with a `qid`
/// is the seed gold; a `.tsv` file whose name starts with `gap` is GAP; a folder of `.ann`
/// files with their `.txt` whose rows are `QUOTE` and `ATTRIB` (or one holding such a `tsv/`)
/// is LitBank; a folder holding `ground-truth.json` and `html/` is the article-extraction
/// benchmark (HTML).
pub fn detect_format(path: &Path) -> Result<GoldFormat> {
    let unknown = |reason: &str| EvalError::UnknownFormat {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    if path.is_dir() {
        if path.join("text").is_dir() && path.join("attributions").is_dir() {
            return Ok(GoldFormat::Polnear);
        }
        if crate::litbank::looks_like(path) {
            return Ok(GoldFormat::Litbank);
        }
        if crate::article::looks_like(path) {
            return Ok(GoldFormat::Html);
        }
        return Err(unknown(
            "a folder, but neither PolNeAR (text/ and attributions/), LitBank (.ann and .txt) \
             nor HTML pages (html/ and ground-truth.json)",
        ));
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension.to_ascii_lowercase().as_str() {
        "jsonl" => Ok(GoldFormat::Ggt),
        "tsv" if file_name_starts_with(path, "gap") => Ok(GoldFormat::Gap),
        "json" => {
            let raw = crate::files::read_text(path)?;
            let value: serde_json::Value = serde_json::from_str(&raw).map_err(|source| EvalError::Json {
                path: path.to_path_buf(),
                location: "whole file".into(),
                source,
            })?;
            let is_seed = value
                .get("quotes")
                .and_then(|q| q.as_array())
                .is_some_and(|quotes| quotes.iter().all(|q| q.get("qid").is_some()));
            if is_seed {
                Ok(GoldFormat::Seed)
            } else {
                Err(unknown("a .json file without a `quotes` array of objects with `qid`"))
            }
        }
        _ if !path.exists() => Err(unknown("no such file or folder")),
        _ => Err(unknown(
            "not a GGT .jsonl file, a seed .json file or a GAP gap*.tsv file, nor a folder of \
             PolNeAR (text/ and attributions/), LitBank (.ann and .txt) or HTML pages (html/ and \
             ground-truth.json)",
        )),
    }
}

fn file_name_starts_with(path: &Path, prefix: &str) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.to_ascii_lowercase().starts_with(prefix)
}

/// Loads `path` in `format`, or in the detected format when `format` is `None`. GAP is not
/// quotation gold, nor is HTML: they are errors here, and [`crate::gap::load`] and
/// [`crate::article::load`] read them.
pub fn load(path: &Path, format: Option<GoldFormat>) -> Result<GoldSet> {
    let format = match format {
        Some(format) => format,
        None => detect_format(path)?,
    };
    match format {
        GoldFormat::Ggt => crate::ggt::load(path),
        GoldFormat::Polnear => crate::polnear::load(path),
        GoldFormat::Seed => crate::seed::load(path),
        GoldFormat::Litbank => crate::litbank::load(path),
        GoldFormat::Gap => Err(EvalError::UnknownFormat {
            path: path.to_path_buf(),
            reason: "GAP is pronoun coreference, not quotations: read it with saywho_eval::gap::load".into(),
        }),
        GoldFormat::Html => Err(EvalError::UnknownFormat {
            path: path.to_path_buf(),
            reason: "HTML pages are main-text gold, not quotations: read them with saywho_eval::article::load".into(),
        }),
    }
}

/// Number of code points in `text`.
pub(crate) fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// `Some(trimmed)` unless `s` is blank.
pub(crate) fn non_blank(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}
