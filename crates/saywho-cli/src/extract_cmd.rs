//! `saywho extract`: read documents, run the engine, write records.
use anyhow::{Context, Result};
use rayon::prelude::*;
use saywho::{Engine, Record};
use serde::Serialize;
use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Extract quotations from news articles.
///
/// Inputs are text files, folders of `.txt` files, JSONL files (one document a line), or
/// standard input (text, or JSONL with --input-format jsonl). Output is one JSON object per
/// document (JSONL), or a readable listing with --format text.
///
/// Examples:
///   saywho extract examples/article.txt --format text
///   saywho extract articles/ -o quotes.jsonl
///   saywho extract corpus.jsonl --id-field doc_id --text-field body
///   cat article.txt | saywho extract --pretty
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ExtractArgs {
    /// Files or folders to read; none, or "-", reads standard input.
    pub inputs: Vec<PathBuf>,
    /// How to read the inputs: by file extension (auto), plain text, or JSONL.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// JSONL field holding the document id (a line number is used when it is missing).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSONL field holding the document text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output: JSONL records, or text for a person to read.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Indent the JSON (one document then spans several lines).
    #[arg(long)]
    pub pretty: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Text,
    Jsonl,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Jsonl,
    Text,
}

/// One document to process, or the reason it could not be read.
enum Item {
    Doc {
        id: String,
        text: String,
    },
    Error {
        id: String,
        position: String,
        kind: &'static str,
        message: String,
    },
}

/// An error record in the output: the document could not be processed.
#[derive(Serialize)]
struct ErrorRecord<'a> {
    id: &'a str,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    position: &'a str,
    message: &'a str,
}

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let items = read_inputs(&args)?;
    let engine = Engine::new();
    let records: Vec<Result<Record, &Item>> = items
        .par_iter()
        .map(|item| match item {
            Item::Doc { id, text } => Ok(engine.extract(id, text)),
            err => Err(err),
        })
        .collect();

    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let (mut ok, mut failed) = (0usize, 0usize);
    for (record, item) in records.iter().zip(&items) {
        match record {
            Ok(rec) => {
                ok += 1;
                match args.format {
                    OutputFormat::Jsonl => write_json(&mut out, rec, args.pretty)?,
                    OutputFormat::Text => {
                        let Item::Doc { text, .. } = item else { continue };
                        write_text(&mut out, rec, text)?;
                    }
                }
            }
            Err(Item::Error {
                id,
                position,
                kind,
                message,
            }) => {
                failed += 1;
                eprintln!("saywho: {position}: {kind}: {message}");
                let rec = ErrorRecord {
                    id,
                    error: ErrorBody {
                        kind,
                        position,
                        message,
                    },
                };
                if args.format == OutputFormat::Jsonl {
                    write_json(&mut out, &rec, args.pretty)?;
                }
            }
            Err(Item::Doc { .. }) => {}
        }
    }
    out.flush()?;
    if items.len() > 1 || failed > 0 {
        eprintln!(
            "saywho: {} documents read, {ok} extracted, {failed} failed",
            items.len()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_json<T: Serialize>(out: &mut impl Write, value: &T, pretty: bool) -> Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

fn write_text(out: &mut impl Write, rec: &Record, _text: &str) -> Result<()> {
    writeln!(out, "== {} ({} quotes)", rec.id, rec.quotes.len())?;
    for q in &rec.quotes {
        let speaker = q.speaker.as_ref().map_or("(unknown)", |s| s.name.as_str());
        let cue = q.cue.as_ref().map_or("-", |c| c.text.as_str());
        let channel = q.channel.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
        writeln!(out, "{speaker} · {cue}{channel} · {} · {:.2}", q.kind, q.confidence)?;
        writeln!(out, "    {}", q.text.replace('\n', " "))?;
    }
    for e in &rec.entities {
        writeln!(
            out,
            "  entity {}: {} ({}, {}, {} mentions)",
            e.id,
            e.name,
            e.kind,
            e.gender,
            e.mentions.len()
        )?;
    }
    Ok(())
}

fn read_inputs(args: &ExtractArgs) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    if args.inputs.is_empty() || args.inputs.iter().any(|p| p.as_os_str() == "-") {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        if args.input_format == InputFormat::Jsonl {
            read_jsonl(&buf[..], "<stdin>", args, &mut items);
        } else {
            items.push(text_item("stdin".to_string(), "<stdin>", buf));
        }
    }
    for path in args.inputs.iter().filter(|p| p.as_os_str() != "-") {
        if path.is_dir() {
            let mut files: Vec<PathBuf> = fs::read_dir(path)
                .with_context(|| format!("cannot read folder {}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            for f in files {
                read_file(&f, args, &mut items);
            }
        } else {
            read_file(path, args, &mut items);
        }
    }
    Ok(items)
}

fn read_file(path: &Path, args: &ExtractArgs, items: &mut Vec<Item>) {
    let label = path.display().to_string();
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            items.push(Item::Error {
                id: label.clone(),
                position: label,
                kind: "io",
                message: e.to_string(),
            });
            return;
        }
    };
    let jsonl = match args.input_format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto => path.extension().is_some_and(|x| x == "jsonl" || x == "ndjson"),
    };
    if jsonl {
        read_jsonl(&bytes[..], &label, args, items);
    } else {
        let id = path
            .file_stem()
            .map_or(label.clone(), |s| s.to_string_lossy().into_owned());
        items.push(text_item(id, &label, bytes));
    }
}

fn text_item(id: String, position: &str, bytes: Vec<u8>) -> Item {
    match String::from_utf8(bytes) {
        Ok(text) => Item::Doc { id, text },
        Err(e) => Item::Error {
            id,
            position: position.to_string(),
            kind: "invalid_utf8",
            message: format!("not UTF-8 text: {}", e.utf8_error()),
        },
    }
}

fn read_jsonl(bytes: &[u8], label: &str, args: &ExtractArgs, items: &mut Vec<Item>) {
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = n + 1;
        let position = format!("{label}:{line_no}");
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_slice(line) {
            Ok(v) => v,
            Err(e) => {
                items.push(Item::Error {
                    id: format!("line-{line_no}"),
                    position,
                    kind: "malformed_json",
                    message: e.to_string(),
                });
                continue;
            }
        };
        let id = match value.get(&args.id_field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) if !v.is_null() => v.to_string(),
            _ => format!("line-{line_no}"),
        };
        match value.get(&args.text_field).and_then(|t| t.as_str()) {
            Some(text) => items.push(Item::Doc {
                id,
                text: text.to_string(),
            }),
            None => items.push(Item::Error {
                id,
                position,
                kind: "missing_text",
                message: format!("no string field {:?}", args.text_field),
            }),
        }
    }
}
