//! `saywho eval` on HTML pages: main-text extraction scored with the article-extraction
//! benchmark's metric (`saywho_eval::article`).

use crate::eval_cmd::emit;
use anyhow::Context;
use saywho_eval::article::{self, ArticlePage, ArticleSet, PageResult};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The main text saywho extracts from a page (what `saywho extract page.html` gives the
/// engine), or the error that loses the page.
pub(crate) fn html_text(page: &ArticlePage) -> Result<String, String> {
    saywho_io::extract_article(&page.html, None, saywho_io::Meta::default(), &page.id, &page.id)
        .map(|a| a.text)
        .map_err(|e| e.message)
}

/// Loads the data set: `path` is either the data set's folder (`html/` and
/// `ground-truth.json`) or, with `pages`, the ground-truth file.
pub(crate) fn load(path: &Path, pages: Option<&Path>) -> anyhow::Result<ArticleSet> {
    let set = match pages {
        Some(pages) => article::load_split(pages, path),
        None => article::load(path),
    };
    set.with_context(|| format!("cannot load HTML pages and ground truth from {}", path.display()))
}

/// Scores the pages and prints the figures (a table, or `--json`), with every page worst
/// first under `errors`.
pub(crate) fn evaluate(set: &ArticleSet, name: &str, json: bool, errors: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let (scored, pages) = article::score_articles(set, html_text);
    let report = article::dataset_report(name, set, scored, Vec::new());
    let out = if json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        let mut out = String::new();
        if errors {
            write_pages(&mut out, &pages);
        }
        if let Some(a) = &report.article {
            let f = &a.figures;
            let _ = writeln!(out, "{} (html: {})", report.name, report.source);
            let _ = writeln!(
                out,
                "{} pages, {:.2} MB of HTML, {} lost to errors, {} panics, {:.2} s\n",
                a.pages,
                a.html_bytes as f64 / 1e6,
                a.lost,
                a.panicked,
                started.elapsed().as_secs_f64()
            );
            let _ = writeln!(
                out,
                "F1 {:.3}   precision {:.3}   recall {:.3}   accuracy {:.3}",
                f.f1, f.precision, f.recall, f.accuracy
            );
        }
        out
    };
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// Every page, worst F1 first, with its error if it was lost.
fn write_pages(out: &mut String, pages: &[PageResult]) {
    let f1 = |r: &PageResult| {
        let (p, r) = (r.score.precision(), r.score.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let mut sorted: Vec<&PageResult> = pages.iter().collect();
    sorted.sort_by(|a, b| f1(a).total_cmp(&f1(b)));
    let _ = writeln!(out, "{:>6} {:>6} {:>6}  page", "F1", "P", "R");
    for r in sorted {
        let _ = write!(
            out,
            "{:>6.3} {:>6.3} {:>6.3}  {} {}",
            f1(r),
            r.score.precision(),
            r.score.recall(),
            r.id.chars().take(12).collect::<String>(),
            r.url
        );
        if let Some(e) = &r.error {
            let _ = write!(out, "  LOST: {e}");
        }
        out.push('\n');
    }
    out.push('\n');
}
