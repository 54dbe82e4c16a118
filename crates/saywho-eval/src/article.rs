//! Main-text extraction from HTML pages, scored with the article-extraction benchmark's metric
//! (scrapinghub/article-extraction-benchmark, `evaluate.py`): a page's true and predicted
//! bodies are cut into `\w+` tokens, the tokens into shingles of 4 consecutive tokens (a text
//! of fewer tokens is one shingle of them all, an empty one none), and the two multisets of
//! shingles are compared: true positives are the shingles both hold (the smaller count of
//! each), false positives the extra predicted ones, false negatives the missed true ones. The
//! three counts are divided by their sum, so that every page weighs the same. Precision is the
//! mean over pages that predicted something (tp + fp > 0), recall the mean over pages whose
//! truth is not empty (tp + fn > 0), F1 the harmonic mean of the two means, and accuracy the
//! share of pages whose token sequences are identical. A page the extractor failed on
//! (an error such as "no main text") is predicted as empty: it lowers recall, not precision,
//! exactly as in the benchmark, and it is also counted as lost.
//!
//! The data set is a folder of pages `<id>.html` or `<id>.html.gz` and a `ground-truth.json`
//! mapping each id to `{"articleBody", "url"}`.

use crate::error::{EvalError, Result};
use crate::gold::GoldFormat;
use crate::report::{DatasetReport, Prf};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Tokens per shingle, as in the benchmark.
pub const SHINGLE: usize = 4;

/// One page and its true article body.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticlePage {
    /// The page's id (its file name without `.html[.gz]`).
    pub id: String,
    /// The URL the page was fetched from.
    pub url: String,
    /// The page's bytes, decompressed.
    pub html: Vec<u8>,
    /// The hand-checked article body.
    pub truth: String,
}

/// A loaded data set.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleSet {
    /// The ground-truth file read.
    pub source: PathBuf,
    /// The pages, sorted by id.
    pub pages: Vec<ArticlePage>,
}

impl ArticleSet {
    /// Bytes of HTML over all pages (decompressed).
    pub fn html_bytes(&self) -> usize {
        self.pages.iter().map(|p| p.html.len()).sum()
    }
}

/// Whether `dir` is such a data set: a folder holding `ground-truth.json` and `html/`.
pub fn looks_like(dir: &Path) -> bool {
    dir.join("ground-truth.json").is_file() && dir.join("html").is_dir()
}

/// Loads a data set folder (`ground-truth.json` beside `html/`).
pub fn load(dir: &Path) -> Result<ArticleSet> {
    load_split(&dir.join("html"), &dir.join("ground-truth.json"))
}

#[derive(Deserialize)]
struct Truth {
    #[serde(rename = "articleBody", default)]
    article_body: String,
    #[serde(default)]
    url: String,
}

/// Loads the pages of `pages` named in `ground_truth`. Every id of the ground truth must have
/// its page (`<id>.html.gz` or `<id>.html`, gzip detected from the bytes).
pub fn load_split(pages: &Path, ground_truth: &Path) -> Result<ArticleSet> {
    let raw = crate::files::read_text(ground_truth)?;
    let truths: HashMap<String, Truth> = serde_json::from_str(&raw).map_err(|source| EvalError::Json {
        path: ground_truth.to_path_buf(),
        location: "whole file".into(),
        source,
    })?;
    let mut ids: Vec<String> = truths.keys().cloned().collect();
    ids.sort();
    let pages = ids
        .into_par_iter()
        .map(|id| {
            let path = [format!("{id}.html.gz"), format!("{id}.html")]
                .iter()
                .map(|name| pages.join(name))
                .find(|p| p.is_file())
                .ok_or_else(|| {
                    EvalError::invalid(
                        ground_truth,
                        &id,
                        format!("no page {id}.html[.gz] in {}", pages.display()),
                    )
                })?;
            let html = read_page(&path)?;
            let truth = &truths[&id];
            Ok(ArticlePage {
                url: truth.url.clone(),
                truth: truth.article_body.clone(),
                id,
                html,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ArticleSet {
        source: ground_truth.to_path_buf(),
        pages,
    })
}

/// A page's bytes, gunzipped when they start with the gzip magic number.
fn read_page(path: &Path) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 4);
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .read_to_end(&mut out)
        .map_err(|e| EvalError::io(path, e))?;
    Ok(out)
}

/// The `\w+` tokens of `text`: runs of letters, digits and `_`, as Python's `re` finds them.
/// (Python's `\w` differs from Rust's `char::is_alphanumeric` on symbols that Unicode counts
/// as alphabetic, the circled and squared letters `ⓒ` `🄰`, which are left out here as in
/// Python; and on combining marks counted as alphabetic, such as Devanagari vowel signs, which
/// split a Python token and not ours.)
pub fn tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|t| !t.is_empty())
        .collect()
}

/// A character of a `\w+` token.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // Circled, parenthesised and squared Latin letters: alphabetic symbols, not letters.
    let symbol_letter = matches!(c as u32, 0x24B6..=0x24E9 | 0x1F130..=0x1F149 | 0x1F150..=0x1F169 | 0x1F170..=0x1F189);
    c.is_alphanumeric() && !symbol_letter
}

/// The multiset of shingles of `tokens`: each run of [`SHINGLE`] consecutive tokens, or the
/// whole sequence when it is shorter (none when it is empty).
fn shingles<'t, 'a>(tokens: &'t [&'a str]) -> HashMap<&'t [&'a str], usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let width = SHINGLE.min(tokens.len());
    for window in tokens.windows(width) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// One page's figures.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PageScore {
    /// Shared shingles, over tp + fp + fn (0 when all three are 0).
    pub tp: f64,
    /// Extra predicted shingles, likewise normalised.
    pub fp: f64,
    /// Missed true shingles, likewise normalised.
    pub fn_: f64,
    /// The token sequences are identical.
    pub exact: bool,
}

impl PageScore {
    /// Precision of this page (1 when nothing is wrong, 0 when nothing is right).
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Recall of this page (1 when nothing is wrong, 0 when nothing is right).
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }
}

/// Scores one predicted body against the true one.
pub fn score_page(truth: &str, predicted: &str) -> PageScore {
    let true_tokens = tokens(truth);
    let predicted_tokens = tokens(predicted);
    let wanted = shingles(&true_tokens);
    let got = shingles(&predicted_tokens);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &t) in &wanted {
        let p = got.get(shingle).copied().unwrap_or(0);
        tp += t.min(p);
        fn_ += t.saturating_sub(p);
    }
    for (shingle, &p) in &got {
        fp += p.saturating_sub(wanted.get(shingle).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    let norm = |x: usize| if sum > 0.0 { x as f64 / sum } else { 0.0 };
    PageScore {
        tp: norm(tp),
        fp: norm(fp),
        fn_: norm(fn_),
        exact: true_tokens == predicted_tokens,
    }
}

/// The benchmark's figures over a set of pages, as fractions in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Figures {
    /// Mean precision over pages with a prediction (tp + fp > 0).
    pub precision: f64,
    /// Mean recall over pages with a true body (tp + fn > 0).
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Share of pages whose token sequences are identical.
    pub accuracy: f64,
}

/// Averages page scores as the benchmark does.
pub fn figures(scores: &[PageScore]) -> Figures {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(
        scores
            .iter()
            .filter(|s| s.tp + s.fp > 0.0)
            .map(PageScore::precision)
            .collect(),
    );
    let recall = mean(
        scores
            .iter()
            .filter(|s| s.tp + s.fn_ > 0.0)
            .map(PageScore::recall)
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = mean(scores.iter().map(|s| if s.exact { 1.0 } else { 0.0 }).collect());
    Figures {
        precision,
        recall,
        f1,
        accuracy,
    }
}

/// What happened to one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageResult {
    /// The page's id.
    pub id: String,
    /// Its URL.
    pub url: String,
    /// Its figures.
    pub score: PageScore,
    /// The extractor's error (the page is lost), or `panic` when it panicked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The figures of a data set, for [`DatasetReport::article`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ArticleReport {
    /// Pages scored.
    pub pages: usize,
    /// Pages the extractor returned an error for (scored as an empty prediction).
    pub lost: usize,
    /// Pages on which it panicked (also lost).
    pub panicked: usize,
    /// The benchmark's figures.
    pub figures: Figures,
    /// Megabytes of HTML (decompressed).
    pub html_bytes: usize,
}

/// Runs `extract` (HTML page to main text, or an error) on every page, in parallel, and scores
/// it. A panic is caught and counted. The results come in page order.
pub fn score_articles<F>(set: &ArticleSet, extract: F) -> (ArticleReport, Vec<PageResult>)
where
    F: Fn(&ArticlePage) -> std::result::Result<String, String> + Sync,
{
    let results: Vec<(PageResult, bool)> = set
        .pages
        .par_iter()
        .map(|page| {
            let (predicted, error, panicked) = match catch_unwind(AssertUnwindSafe(|| extract(page))) {
                Ok(Ok(text)) => (text, None, false),
                Ok(Err(message)) => (String::new(), Some(message), false),
                Err(_) => (String::new(), Some("panic".to_string()), true),
            };
            let result = PageResult {
                id: page.id.clone(),
                url: page.url.clone(),
                score: score_page(&page.truth, &predicted),
                error,
            };
            (result, panicked)
        })
        .collect();
    let scores: Vec<PageScore> = results.iter().map(|(r, _)| r.score).collect();
    let report = ArticleReport {
        pages: results.len(),
        lost: results.iter().filter(|(r, _)| r.error.is_some()).count(),
        panicked: results.iter().filter(|(_, panicked)| *panicked).count(),
        figures: figures(&scores),
        html_bytes: set.html_bytes(),
    };
    (report, results.into_iter().map(|(r, _)| r).collect())
}

/// The figures as a [`DatasetReport`] (no quotations: the quote figures are empty), so that the
/// gate, `--json` and the Markdown report handle this data set like the others.
pub fn dataset_report(name: &str, set: &ArticleSet, article: ArticleReport, notes: Vec<String>) -> DatasetReport {
    DatasetReport {
        name: name.to_string(),
        format: GoldFormat::Html,
        source: set.source.display().to_string(),
        documents: set.pages.len(),
        gold_quotes: 0,
        predicted_quotes: 0,
        panicked_documents: article.panicked,
        exact: Prf::new(0, 0, 0),
        thresholds: Vec::new(),
        notes,
        calibration: Vec::new(),
        gender: None,
        gap: None,
        article: Some(article),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_are_runs_of_word_characters() {
        assert_eq!(
            tokens("It's 3.5 km_h — naïve, 東京!"),
            ["It", "s", "3", "5", "km_h", "naïve", "東京"]
        );
        assert_eq!(tokens("ⓒ2019 Ⅻ²"), ["2019", "Ⅻ²"]);
        assert!(tokens(" — ... ").is_empty());
    }

    #[test]
    fn pages_score_by_shingles_of_four_tokens() {
        // Truth a b c d e: shingles abcd, bcde. Prediction a b c d x: abcd, bcdx.
        // tp 1, fp 1, fn 1, each a third.
        let s = score_page("a b c d e", "a b c d x");
        assert!(close(s.tp, 1.0 / 3.0) && close(s.fp, 1.0 / 3.0) && close(s.fn_, 1.0 / 3.0));
        assert!(close(s.precision(), 0.5) && close(s.recall(), 0.5));
        assert!(!s.exact);
        // Punctuation and spacing do not count: identical tokens are exact.
        let s = score_page("One, two; three four.", "one two three four");
        assert!(!s.exact, "case counts");
        let s = score_page("One, two; three four.", "One two\nthree   four");
        assert!(s.exact && close(s.precision(), 1.0) && close(s.recall(), 1.0));
        // Multisets: the truth's shingles are abcd twice, bcda, cdab and dabc; the prediction's
        // abcd once: tp 1, fn 4 (the second abcd and the other three), fp 0.
        let s = score_page("a b c d a b c d", "a b c d");
        assert!(close(s.tp, 1.0 / 5.0) && close(s.fn_, 4.0 / 5.0) && close(s.fp, 0.0));
        assert!(close(s.precision(), 1.0) && close(s.recall(), 0.2));
    }

    #[test]
    fn short_and_empty_texts() {
        // Fewer than four tokens: one shingle of them all.
        let s = score_page("a b", "a b");
        assert!(close(s.tp, 1.0) && s.exact);
        let s = score_page("a b", "a b c");
        assert!(close(s.tp, 0.0) && close(s.fp, 0.5) && close(s.fn_, 0.5));
        // An empty prediction: no precision to speak of, recall 0.
        let s = score_page("a b c d", "");
        assert!(close(s.fn_, 1.0) && close(s.tp + s.fp, 0.0));
        assert!(close(s.recall(), 0.0));
        // Both empty: all zero, and exact.
        let s = score_page("", "");
        assert!(close(s.tp + s.fp + s.fn_, 0.0) && s.exact);
        assert!(close(s.precision(), 1.0) && close(s.recall(), 1.0));
    }

    #[test]
    fn figures_average_over_pages_then_take_f1() {
        let scores = [
            score_page("a b c d e", "a b c d x"), // P 0.5, R 0.5
            score_page("a b c d e", "a b c d e"), // P 1, R 1, exact
            score_page("a b c d e", ""),          // no P, R 0
        ];
        let f = figures(&scores);
        assert!(close(f.precision, 0.75), "{f:?}");
        assert!(close(f.recall, 0.5), "{f:?}");
        assert!(close(f.f1, 2.0 * 0.75 * 0.5 / 1.25), "{f:?}");
        assert!(close(f.accuracy, 1.0 / 3.0), "{f:?}");
        assert_eq!(figures(&[]), Figures::default());
    }

    #[test]
    fn failures_and_panics_are_lost_pages() {
        let page = |id: &str, html: &str| ArticlePage {
            id: id.into(),
            url: String::new(),
            html: html.as_bytes().to_vec(),
            truth: "one two three four five".into(),
        };
        let set = ArticleSet {
            source: PathBuf::from("<memory>"),
            pages: vec![
                page("a", "one two three four five"),
                page("b", "fail"),
                page("c", "panic"),
            ],
        };
        let (report, results) = score_articles(&set, |p| match &p.html[..] {
            b"fail" => Err("no main text".into()),
            b"panic" => panic!("boom"),
            html => Ok(String::from_utf8_lossy(html).into_owned()),
        });
        assert_eq!((report.pages, report.lost, report.panicked), (3, 2, 1));
        assert!(close(report.figures.precision, 1.0) && close(report.figures.recall, 1.0 / 3.0));
        assert_eq!(results[2].error.as_deref(), Some("panic"));
    }
}
