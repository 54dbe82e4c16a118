//! `saywho speakers`: the people and organisations quoted in a store, with counts, gender and
//! its evidence, and the names the articles used for them.
use crate::search_cmd::{column_widths, open, pad_row, shorten_end, write_csv, FilterArgs, ListFormat};
use anyhow::Result;
use saywho_record::EntityKind;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// List the people and organisations quoted in a store, most quoted first.
///
/// Speakers are counted by entity key across documents ("Gordon Brown" and "GORDON BROWN" are
/// one). Gender is the one more of the speaker's articles show (from pronouns, honorifics and
/// gendered words in the text; unknown on a tie or with no evidence), with the number of
/// articles showing each; TYPE, likewise, is the type most articles give the speaker; NAMES are
/// the words the articles used for the speaker.
///
/// Examples:
///   saywho speakers --db corpus.db
///   saywho speakers --db corpus.db --type organization --outlet BBC --limit 100
///   saywho speakers --db corpus.db --format csv > speakers.csv
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct SpeakersArgs {
    /// The store.
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// Only speakers of this type: the type most of their articles give them (on a tie person,
    /// then organization), the one the TYPE column shows; their counts then take in all their
    /// quotes, whatever type a single article gave them.
    #[arg(long = "type", id = "entity_type", value_parser = ["person", "organization", "other"])]
    pub kind: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// At most this many speakers.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// A table for a person, or one JSON object or CSV row per speaker.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// A speaker as a CSV row: the names in one cell.
#[derive(Serialize)]
struct Row<'a> {
    key: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    quotes: u64,
    documents: u64,
    gender: &'a str,
    gender_source: &'a str,
    female_documents: u64,
    male_documents: u64,
    entity_documents: u64,
    names: String,
}

/// Runs `saywho speakers`.
pub fn run(args: SpeakersArgs) -> Result<ExitCode> {
    let store = open(&args.db)?;
    let kind = args
        .kind
        .as_deref()
        .map(str::parse::<EntityKind>)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let speakers = store
        .speakers(&args.filters.filters()?, kind, args.limit)
        .map_err(crate::search_cmd::in_cli_terms)?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        ListFormat::Jsonl => {
            for s in &speakers {
                serde_json::to_writer(&mut out, s)?;
                out.write_all(b"\n")?;
            }
        }
        ListFormat::Csv => {
            let rows: Vec<Row> = speakers
                .iter()
                .map(|s| Row {
                    key: &s.key,
                    name: &s.name,
                    kind: &s.kind,
                    quotes: s.quotes,
                    documents: s.documents,
                    gender: &s.gender,
                    gender_source: &s.gender_source,
                    female_documents: s.female_documents,
                    male_documents: s.male_documents,
                    entity_documents: s.entity_documents,
                    names: s.names.join("; "),
                })
                .collect();
            write_csv(&mut out, &rows)?;
        }
        ListFormat::Table => {
            let headers = ["SPEAKER", "TYPE", "QUOTES", "DOCS", "GENDER", "EVIDENCE", "NAMES USED"];
            let rows: Vec<Vec<String>> = speakers
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        s.kind.clone(),
                        s.quotes.to_string(),
                        s.documents.to_string(),
                        s.gender.clone(),
                        format!(
                            "{} (f {}, m {} of {})",
                            s.gender_source, s.female_documents, s.male_documents, s.entity_documents
                        ),
                        shorten_end(&s.names.join(", "), 60),
                    ]
                })
                .collect();
            let widths = column_widths(&headers, &rows, 60);
            let header: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
            writeln!(out, "{}", pad_row(&header, &widths))?;
            for row in &rows {
                writeln!(out, "{}", pad_row(row, &widths))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
