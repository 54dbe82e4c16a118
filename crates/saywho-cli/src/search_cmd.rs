//! `saywho search`: full-text search over the quotes of a store, with filters; a table for a
//! person, or JSONL or CSV for a program. Also the filter options and the table printer shared
//! by `report` and `speakers`.
use anyhow::{Context, Result};
use saywho_record::{Gender, QuoteKind};
use saywho_store::{fts_query, Filters, SearchHit, Store};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Search the quotes of a store (made by `saywho index`).
///
/// QUERY is SQLite FTS5 syntax over quote text: words (housing), phrases ("rent control"),
/// prefixes (hous*), AND, OR, NOT, NEAR(a b, 5). A query that is not valid FTS5 is an error
/// with the reason; --literal searches the words as typed instead (every character plain).
/// Without QUERY, lists the quotes that pass the filters.
///
/// Examples:
///   saywho search housing --db corpus.db
///   saywho search '"rent control" OR hous*' --db corpus.db --outlet BBC --from 2024-01-01
///   saywho search --db corpus.db --speaker "Gordon Brown" --format csv > brown.csv
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct SearchArgs {
    /// The full-text query (FTS5 syntax).
    pub query: Option<String>,
    /// The store.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Search the words of QUERY as typed: no operators, phrases or prefixes.
    #[arg(long)]
    pub literal: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// At most this many quotes, best match first.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// A table for a person, or one JSON object or CSV row per quote.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// The filters of `search`, `report` and `speakers`.
#[derive(clap::Args, Debug, Clone)]
pub struct FilterArgs {
    /// Only quotes of this speaker: a name ("Gordon Brown") or key (gordon-brown).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only quotes whose speaker the article shows with this gender.
    #[arg(long, value_parser = ["female", "male", "unknown"])]
    pub gender: Option<String>,
    /// Only documents of this outlet.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Only quotes of this kind.
    #[arg(long, value_parser = ["direct", "indirect", "mixed"])]
    pub kind: Option<String>,
    /// Only documents dated on or after this day (YYYY-MM-DD); undated documents are left out.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Only documents dated on or before this day (YYYY-MM-DD); undated documents are left out.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
}

impl FilterArgs {
    /// The store's filters (values were checked by clap; dates are checked by the store).
    pub fn filters(&self) -> Result<Filters> {
        let gender = self.gender.as_deref().map(str::parse::<Gender>).transpose();
        let kind = self.kind.as_deref().map(str::parse::<QuoteKind>).transpose();
        Ok(Filters {
            speaker: self.speaker.clone(),
            gender: gender.map_err(anyhow::Error::msg)?,
            outlet: self.outlet.clone(),
            kind: kind.map_err(anyhow::Error::msg)?,
            from: self.from.clone(),
            to: self.to.clone(),
        })
    }
}

/// How to list rows.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Jsonl,
    Csv,
}

/// Runs `saywho search`.
pub fn run(args: SearchArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let query = fts_query(args.query.as_deref(), args.literal);
    let hits = store
        .search(query.as_deref(), &args.filters.filters()?, args.limit)
        .map_err(in_cli_terms)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ListFormat::Jsonl => {
            for hit in &hits {
                serde_json::to_writer(&mut out, hit)?;
                out.write_all(b"\n")?;
            }
        }
        ListFormat::Csv => write_csv(&mut out, &hits)?,
        ListFormat::Table => write_table(&mut out, &hits)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A store error in the words of the command line: its options, where the library names
/// the fields of its filters (as the API does).
pub fn in_cli_terms(e: saywho_store::Error) -> anyhow::Error {
    match e {
        saywho_store::Error::Query { .. } => anyhow::anyhow!("{e}; or pass --literal to search the words as typed"),
        saywho_store::Error::Filter { field, message } => anyhow::anyhow!("invalid filter: --{field} {message}"),
        e => e.into(),
    }
}

/// Opens a store read-only, with the path in the error.
pub fn open(path: &std::path::Path) -> Result<Store> {
    require_store(path)?;
    Store::open_read_only(path).with_context(|| format!("cannot open the store {}", path.display()))
}

/// A store path that does not exist is refused with how to make one (SQLite's own "unable to
/// open database file" says neither), for every command that reads a store.
pub fn require_store(path: &std::path::Path) -> Result<()> {
    if !path.exists() {
        anyhow::bail!(
            "no store at {}; create one with `saywho index … --db {}`",
            path.display(),
            path.display()
        );
    }
    Ok(())
}

/// Rows as CSV with a header, through serde.
pub fn write_csv<T: serde::Serialize>(out: &mut dyn Write, rows: &[T]) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    for row in rows {
        w.serialize(row)?;
    }
    w.flush()?;
    Ok(())
}

/// Characters of a quote shown in the table; a longer one is cut in the middle.
const QUOTE_CHARS: usize = 160;

fn write_table(out: &mut dyn Write, hits: &[SearchHit]) -> Result<()> {
    if hits.is_empty() {
        writeln!(out, "no quotes found")?;
        return Ok(());
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            vec![
                h.date.clone().unwrap_or_default(),
                h.outlet.clone().unwrap_or_default(),
                h.doc_id.clone(),
                h.speaker.clone().unwrap_or_else(|| "?".into()),
                h.speaker_gender.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let headers = ["DATE", "OUTLET", "DOCUMENT", "SPEAKER", "GENDER"];
    let widths = column_widths(&headers, &rows, 28);
    let header: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    writeln!(
        out,
        "{}    [QUOTE] IN CONTEXT (KIND, CUE, CHANNEL)",
        pad_row(&header, &widths)
    )?;
    for (hit, row) in hits.iter().zip(&rows) {
        writeln!(out, "{}", pad_row(row, &widths))?;
        let mut context = String::new();
        context.push_str(&hit.before);
        context.push('[');
        context.push_str(&shorten(&hit.quote, QUOTE_CHARS));
        context.push(']');
        context.push_str(&hit.after);
        let cue = hit.cue.as_deref().unwrap_or("-");
        let channel = hit.channel.as_deref().map(|c| format!(", {c}")).unwrap_or_default();
        writeln!(out, "    {} ({}, {cue}{channel})", context.replace('\n', " "), hit.kind)?;
    }
    Ok(())
}

/// Widths of columns: the longest cell or header, at most `max`.
pub fn column_widths(headers: &[&str], rows: &[Vec<String>], max: usize) -> Vec<usize> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
                .min(max)
        })
        .collect()
}

/// Cells padded (or cut with `…`) to their widths, two spaces apart.
pub fn pad_row(cells: &[String], widths: &[usize]) -> String {
    let cells: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(c, &w)| {
            let c = shorten_end(c, w);
            format!("{c:<w$}")
        })
        .collect();
    cells.join("  ").trim_end().to_string()
}

/// `s` cut to `max` characters with `…` at the end.
pub fn shorten_end(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut cut: String = s.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// `s` cut to `max` characters with `…` in the middle, so a long quote keeps both ends.
fn shorten(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let half = max / 2;
    let head: String = s.chars().take(half).collect();
    let tail: String = s.chars().skip(n - half).collect();
    format!("{head} … {tail}")
}
