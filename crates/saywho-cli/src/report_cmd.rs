//! `saywho report`: who is quoted in a store, how often, and in what gender shares, as a
//! self-contained HTML page (charts inline), Markdown or JSON.
use crate::report_html;
use crate::search_cmd::{open, FilterArgs};
use anyhow::{Context, Result};
use saywho_store::{fts_query, Count, GenderShare, Report, Share};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Report on the quotes of a store: documents and quotes, the most quoted people and
/// organisations, the share of women, men and unknown among quoted people (by people and by
/// quotes; overall, by outlet, by month), and the channels.
///
/// The HTML report is one file with its charts inline (SVG): it opens in a browser with no
/// network. The format follows the output file's extension (.html, .md, .json) unless given.
///
/// Examples:
///   saywho report --db corpus.db -o report.html
///   saywho report housing --db corpus.db --from 2024-01-01 --format md
///   saywho report --db corpus.db --outlet BBC --format json > bbc.json
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ReportArgs {
    /// Only quotes matching this full-text query (FTS5 syntax, as for `search`).
    pub query: Option<String>,
    /// The store.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Search the words of QUERY as typed: no operators, phrases or prefixes.
    #[arg(long)]
    pub literal: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// html, md or json (default: from the output's extension; md on standard output).
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
}

/// The report's formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Md,
    Json,
}

/// Runs `saywho report`.
pub fn run(args: ReportArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let query = fts_query(args.query.as_deref(), args.literal);
    let report = store
        .report(query.as_deref(), &args.filters.filters()?)
        .map_err(crate::search_cmd::in_cli_terms)?;
    let format = args.format.unwrap_or_else(|| {
        let ext = args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str());
        match ext.map(str::to_ascii_lowercase).as_deref() {
            Some("html" | "htm") => ReportFormat::Html,
            Some("json") => ReportFormat::Json,
            _ => ReportFormat::Md,
        }
    });
    let scope = scope(&args);
    let body = match format {
        ReportFormat::Html => report_html::render(&report, &scope)?,
        ReportFormat::Md => markdown(&report, &scope),
        ReportFormat::Json => serde_json::to_string_pretty(&report)? + "\n",
    };
    match &args.output {
        Some(path) => std::fs::write(path, body).with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(body.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What the report covers, in words: the store, the query and each filter.
fn scope(args: &ReportArgs) -> Vec<(String, String)> {
    let f = &args.filters;
    let mut scope = vec![("store".to_string(), args.db.display().to_string())];
    let pairs = [
        ("query", &args.query),
        ("speaker", &f.speaker),
        ("gender", &f.gender),
        ("outlet", &f.outlet),
        ("kind", &f.kind),
        ("from", &f.from),
        ("to", &f.to),
    ];
    scope.extend(
        pairs
            .iter()
            .filter_map(|(k, v)| v.as_ref().map(|v| (k.to_string(), v.clone()))),
    );
    scope
}

/// `n` of the total as `12.5%` (`-` when the total is 0).
pub(crate) fn pct(share: &Share, n: u64) -> String {
    if share.total() == 0 {
        "-".into()
    } else {
        format!("{:.1}%", share.percent(n))
    }
}

/// A cell of a Markdown table: pipes escaped and lines joined, so data cannot break the table.
fn md(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The report in Markdown.
pub(crate) fn markdown(r: &Report, scope: &[(String, String)]) -> String {
    let mut s = String::from("# Who is quoted\n\n");
    for (k, v) in scope {
        let _ = writeln!(s, "- {k}: {}", md(v));
    }
    let _ = writeln!(
        s,
        "\n| documents | with quotes | quotes | error records |\n|---:|---:|---:|---:|\n| {} | {} | {} | {} |",
        r.documents, r.documents_with_quotes, r.quotes, r.errors
    );
    for (title, rows) in [
        ("Most quoted people", &r.people),
        ("Most quoted organisations", &r.organizations),
    ] {
        let _ = writeln!(
            s,
            "\n## {title}\n\n| # | name | key | quotes | documents | gender |\n|---:|---|---|---:|---:|---|"
        );
        for (i, c) in rows.iter().enumerate() {
            let gender = c.gender.as_deref().unwrap_or("-");
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {gender} |",
                i + 1,
                md(&c.name),
                md(&c.key),
                c.quotes,
                c.documents
            );
        }
    }
    s.push_str(
        "\n## Gender of quoted people\n\nPeople: distinct speakers (by entity key) shown as persons, each with the gender most \
         of their articles show. Quotes: each quote by a person, with the gender its own article shows.\n",
    );
    share_table(&mut s, "", std::slice::from_ref(&r.gender));
    share_table(&mut s, "### By outlet", &r.gender_by_outlet);
    share_table(&mut s, "### By month", &r.gender_by_month);
    for (title, rows) in [("Channels", &r.channels), ("Kinds of quote", &r.kinds)] {
        let _ = writeln!(s, "\n## {title}\n\n| | quotes | documents |\n|---|---:|---:|");
        for c in rows {
            let _ = writeln!(s, "| {} | {} | {} |", md(&c.name), c.quotes, c.documents);
        }
    }
    s
}

fn share_table(s: &mut String, title: &str, groups: &[GenderShare]) {
    if !title.is_empty() {
        let _ = writeln!(s, "\n{title}");
    }
    let _ = writeln!(
        s,
        "\n| | people | women | men | unknown | quotes | by women | by men | unknown |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for g in groups {
        let (p, q) = (&g.people, &g.quotes);
        let name = if g.group.is_empty() { "all" } else { g.group.as_str() };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md(name),
            p.total(),
            pct(p, p.female),
            pct(p, p.male),
            pct(p, p.unknown),
            q.total(),
            pct(q, q.female),
            pct(q, q.male),
            pct(q, q.unknown)
        );
    }
}

/// The count rows shown in a chart: the first `n`.
pub(crate) fn first(rows: &[Count], n: usize) -> &[Count] {
    &rows[..rows.len().min(n)]
}
