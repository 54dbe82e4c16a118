//! `saywho extract`: parse arguments, run the `saywho_io` pipeline, report on stderr.
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use saywho_io::{pipeline, DocError, FileSink, Observer, Progress, Summary};
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Extract quotations from news articles.
///
/// Inputs are text files, folders (read recursively), JSONL (also .gz and .zst), HTML pages
/// (the article's main text and metadata are extracted), WARC or WARC.gz files (HTML
/// responses), ARC or ARC.gz files (the Internet Archive's older format), or standard input.
/// The format comes from the file name, or --input-format. Output is one JSON object per
/// document (JSONL), one row per quote (CSV, Parquet), or a listing with --format text.
/// Documents that cannot be read become error records; the run goes on.
///
/// Examples:
///   saywho extract examples/article.txt --format text
///   saywho extract articles/ -o quotes.jsonl
///   saywho extract corpus.jsonl.gz --id-field doc_id --text-field body
///   saywho extract corpus.jsonl --meta-field title=headline --meta-field url=link
///   saywho extract CC-NEWS-20250101.warc.gz --output-format parquet -o quotes.parquet
///   saywho extract pages/ --output-format csv -o quotes.csv --errors failed.jsonl
///   cat article.txt | saywho extract --pretty
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ExtractArgs {
    /// Files or folders (read recursively) to read; none, or "-", reads standard input. A file's
    /// id is its path below the folder given, without extension.
    pub inputs: Vec<PathBuf>,
    /// How to read the inputs: by file name (auto), or one format for all.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// JSONL field holding the document id (a line number is used when it is missing).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSONL field holding the document text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSONL field holding a metadata field, as NAME=FIELD, NAME one of url, title, author,
    /// date, outlet (e.g. --meta-field title=headline); repeatable. Unmapped names are read
    /// from the field of the same name.
    #[arg(long = "meta-field", value_name = "NAME=FIELD", value_parser = parse_meta_field)]
    pub meta_fields: Vec<(String, String)>,
    /// Write here instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output: JSONL records, CSV or Parquet rows (one per quote), or text for a person to read.
    #[arg(long = "output-format", visible_alias = "format", value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Indent the JSON (one document then spans several lines).
    #[arg(long)]
    pub pretty: bool,
    /// Include each document's text in JSONL output (default: only text extracted from HTML,
    /// as in HTML files and the HTML responses of WARC and ARC files).
    #[arg(long, overrides_with = "no_emit_text")]
    pub emit_text: bool,
    /// Never include the text, not even text extracted from HTML.
    #[arg(long)]
    pub no_emit_text: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    pub threads: Option<usize>,
    /// Write results as they finish rather than in input order.
    #[arg(long)]
    pub unordered: bool,
    /// Documents larger than this many bytes become `too_large` error records.
    #[arg(long, default_value_t = 5_000_000, value_name = "BYTES")]
    pub max_doc_bytes: usize,
    /// Also write every error record (JSONL) to this file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Stop at the first document that fails, with exit code 1.
    #[arg(long)]
    pub strict: bool,
    /// No progress bar, no per-document error messages (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Text,
    Jsonl,
    Html,
    Warc,
    Arc,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Jsonl,
    Csv,
    Parquet,
    Text,
}

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let forced = match args.input_format {
        InputFormat::Auto => None,
        InputFormat::Text => Some(saywho_io::InputFormat::Text),
        InputFormat::Jsonl => Some(saywho_io::InputFormat::Jsonl),
        InputFormat::Html => Some(saywho_io::InputFormat::Html),
        InputFormat::Warc => Some(saywho_io::InputFormat::Warc),
        InputFormat::Arc => Some(saywho_io::InputFormat::Arc),
    };
    let plan = saywho_io::plan(&args.inputs, forced);
    warn_shared_ids(&plan.shared_ids);
    let format = match args.format {
        OutputFormat::Jsonl => saywho_io::OutputFormat::Jsonl { pretty: args.pretty },
        OutputFormat::Csv => saywho_io::OutputFormat::Csv,
        OutputFormat::Parquet => saywho_io::OutputFormat::Parquet,
        OutputFormat::Text => saywho_io::OutputFormat::Text,
    };
    if format == saywho_io::OutputFormat::Parquet && args.output.is_none() && io::stdout().is_terminal() {
        bail!("Parquet is binary: give a file with -o, or redirect standard output");
    }
    let out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(BufWriter::with_capacity(
            256 * 1024,
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(256 * 1024, io::stdout())),
    };
    let sink = FileSink::new(format, out)?;
    let mut errors_file = match &args.errors {
        Some(path) => Some(BufWriter::new(
            fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => None,
    };
    let options = saywho_io::Options {
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        ordered: !args.unordered,
        strict: args.strict,
        max_doc_bytes: args.max_doc_bytes,
        fields: saywho_io::Fields {
            id: args.id_field.clone(),
            text: args.text_field.clone(),
            meta: meta_fields(&args.meta_fields)?,
        },
        format,
        emit_text: match (args.emit_text, args.no_emit_text) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
    };
    let mut reporter = Reporter::new(&args, plan.total_bytes);
    let engine = saywho::Engine::new().with_max_text_bytes(args.max_doc_bytes);
    let errors: Option<&mut dyn Write> = errors_file.as_mut().map(|f| f as &mut dyn Write);
    let summary = pipeline::run(&engine, &plan, &options, sink, errors, &mut reporter);
    reporter.bar.finish_and_clear();
    let summary = summary?;
    if let Some(f) = errors_file.as_mut() {
        f.flush().context("cannot write the errors file")?;
    }
    report(&summary, &plan);
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A `--meta-field` value: `NAME=FIELD`, with a metadata name saywho knows.
pub(crate) fn parse_meta_field(value: &str) -> Result<(String, String), String> {
    let Some((name, field)) = value.split_once('=') else {
        return Err("expected NAME=FIELD, e.g. title=headline".to_string());
    };
    let (name, field) = (name.trim(), field.trim());
    if field.is_empty() {
        return Err(format!("no JSONL field given for {name:?}"));
    }
    saywho_io::MetaFields::default().set(name, field)?;
    Ok((name.to_string(), field.to_string()))
}

/// The metadata fields, defaults overridden by `--meta-field`.
pub(crate) fn meta_fields(mappings: &[(String, String)]) -> Result<saywho_io::MetaFields> {
    let mut meta = saywho_io::MetaFields::default();
    for (name, field) in mappings {
        meta.set(name, field).map_err(anyhow::Error::msg)?;
    }
    Ok(meta)
}

/// One warning on stderr when several inputs would give their documents the same id.
pub(crate) fn warn_shared_ids(shared: &[saywho_io::SharedId]) {
    const SHOWN: usize = 3;
    if shared.is_empty() {
        return;
    }
    let mut groups: Vec<String> = shared
        .iter()
        .take(SHOWN)
        .map(|s| format!("{:?} ({})", s.id, s.paths.join(", ")))
        .collect();
    if shared.len() > SHOWN {
        groups.push(format!("and {} more", shared.len() - SHOWN));
    }
    let ids = if shared.len() == 1 { "id is" } else { "ids are" };
    eprintln!(
        "saywho: warning: {} {ids} shared by several inputs, whose records cannot be told apart by id: {}",
        shared.len(),
        groups.join("; ")
    );
}

/// The summary on stderr; its first line's format is relied on by scripts and tests.
fn report(summary: &Summary, plan: &saywho_io::Plan) {
    let sources = plan.sources.len();
    if summary.read > 1 || sources > 1 || summary.failed > 0 || summary.skipped.total() > 0 {
        let documents = if summary.read == 1 { "document" } else { "documents" };
        eprintln!(
            "saywho: {} {documents} read, {} extracted, {} failed",
            summary.read, summary.extracted, summary.failed
        );
    }
    if summary.skipped.total() > 0 {
        let reasons: Vec<String> = summary
            .skipped
            .by_reason
            .iter()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect();
        let total = summary.skipped.total();
        let records = if total == 1 { "record" } else { "records" };
        eprintln!(
            "saywho: {total} {} {records} skipped ({})",
            archive_kind(plan),
            reasons.join(", ")
        );
    }
    if let Some(e) = &summary.stopped_at {
        eprintln!("saywho: stopped at the first failed document (--strict): {e}");
    }
}

/// What the skipped records were: `WARC`, `ARC`, or `WARC and ARC` (`archive` when no source
/// says, as with standard input).
fn archive_kind(plan: &saywho_io::Plan) -> &'static str {
    let has = |format| plan.sources.iter().any(|s| s.format == format);
    match (has(saywho_io::InputFormat::Warc), has(saywho_io::InputFormat::Arc)) {
        (true, true) => "WARC and ARC",
        (true, false) => "WARC",
        (false, true) => "ARC",
        (false, false) => "archive",
    }
}

/// Progress bar and per-document failures on stderr.
struct Reporter {
    bar: ProgressBar,
    quiet: bool,
}

impl Reporter {
    fn new(args: &ExtractArgs, total: Option<u64>) -> Reporter {
        // A bar only for a person watching a run whose output goes to a file: never when the
        // output is piped on, or shares the terminal.
        let to_file = args.output.is_some() || fs::metadata("/dev/stdout").is_ok_and(|m| m.is_file());
        let show = !args.quiet && to_file && io::stderr().is_terminal();
        let bar = if show {
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(4));
            let template = if total.is_some() {
                "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} · {msg}"
            } else {
                "{spinner} {elapsed_precise} {bytes} {binary_bytes_per_sec} · {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        Reporter { bar, quiet: args.quiet }
    }
}

impl Observer for Reporter {
    fn progress(&mut self, p: &Progress) {
        self.bar.set_position(p.bytes_read);
        self.bar.set_message(format!("{} documents", p.documents));
    }

    fn failed(&mut self, e: &DocError) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("saywho: {e}"));
        }
    }
}
