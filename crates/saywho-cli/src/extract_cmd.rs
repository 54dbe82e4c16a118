//! `saywho extract`: parse arguments, run the `saywho_io` pipeline, report on stderr.
use crate::extract_checks::{
    note_skipped_files, output_format, refuse_compressed_names, refuse_to_overwrite_inputs, warn_shared_ids,
    OutputFormat,
};
use crate::input_args::InputArgs;
use anyhow::{bail, Context, Result};
use indicatif::ProgressBar;
use saywho_io::{pipeline, DocError, FileSink, Observer, Progress, Summary};
use signal_hook::consts::{SIGINT, SIGTERM};
use std::fs;
use std::io::Seek;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// Extract quotations from news articles.
///
/// Inputs are text files, folders (read recursively), JSONL (also .gz and .zst), HTML pages
/// (the article's main text and metadata are extracted), WARC or WARC.gz files (HTML
/// responses), ARC or ARC.gz files (the Internet Archive's older format), or standard input.
/// The format comes from the file name, or --input-format; standard input, and a file whose
/// extension saywho does not know, is read as its first bytes show: JSONL, HTML, WARC, ARC,
/// else text.
/// Output is one JSON object per document (JSONL), one row per quote (CSV, Parquet), or a
/// listing with --format text; with -o and no --output-format, the output file's extension
/// chooses (.csv, .parquet, .txt).
/// Documents that cannot be read become error records; the run goes on.
///
/// Examples:
///   saywho extract examples/article.txt --format text
///   saywho extract articles/ -o quotes.jsonl
///   saywho extract corpus.jsonl.gz --id-field doc_id --text-field body
///   saywho extract corpus.jsonl --meta-field title=headline --meta-field url=link
///   saywho extract CC-NEWS-20250101.warc.gz -o quotes.parquet
///   saywho extract pages/ -o quotes.csv --errors failed.jsonl
///   cat article.txt | saywho extract --pretty
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write here instead of standard output (`-` is standard output, as `-` for input is
    /// standard input). Never compressed: a .gz, .zst, .bz2 or .xz name is refused.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output: JSONL records, CSV or Parquet rows (one per quote), or text for a person to read
    /// (default: from the -o file's extension, .jsonl/.ndjson/.json, .csv, .parquet/.pq or .txt;
    /// JSONL otherwise and on standard output).
    #[arg(long = "output-format", visible_alias = "format", value_enum)]
    pub format: Option<OutputFormat>,
    /// Indent the JSON (one document then spans several lines). JSONL output only: refused with
    /// another format, whether --output-format or the -o file's extension chose it.
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
    #[arg(long, short = 'j', value_parser = crate::input_args::parse_threads)]
    pub threads: Option<usize>,
    /// Write results as they finish rather than in input order.
    #[arg(long)]
    pub unordered: bool,
    /// Documents larger than this many bytes become `too_large` error records.
    #[arg(long, default_value_t = 5_000_000, value_name = "BYTES")]
    pub max_doc_bytes: usize,
    #[command(flatten)]
    pub scope: crate::scope_args::ScopeArgs,
    /// Also write every error record (JSONL) to this file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Stop at the first document that fails, with exit code 1.
    #[arg(long)]
    pub strict: bool,
    /// Continue the output (-o FILE, JSONL or CSV; not `-o -`) of a run that was killed or interrupted: its
    /// partial last document is cut, the input documents it covers are skipped, and the rest
    /// is appended. With the same inputs and options the result is what one uninterrupted run
    /// writes. Without an output file yet, the run starts afresh. The errors file is rebuilt
    /// from the output kept.
    #[arg(long, requires = "output", conflicts_with_all = ["unordered", "pretty"])]
    pub resume: bool,
    /// No progress bar, no per-document error messages (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(mut args: ExtractArgs) -> Result<ExitCode> {
    // `-o -` is standard output, not a file named "-".
    args.output = args.output.filter(|path| path.as_os_str() != "-");
    if args.resume && args.output.is_none() {
        // clap's `requires = "output"` lets `-o -` through; resume would be ignored unannounced.
        bail!("--resume continues an output file, and -o - is standard output, which cannot be continued: give a file with -o");
    }
    refuse_compressed_names(&args)?;
    let plan = args.input.plan();
    refuse_to_overwrite_inputs(&args, &plan)?;
    warn_shared_ids(&plan.shared_ids);
    note_skipped_files(&plan.skipped_files);
    let format = output_format(&args)?;
    if format == saywho_io::OutputFormat::Parquet && args.output.is_none() && io::stdout().is_terminal() {
        bail!("Parquet is binary: give a file with -o, or redirect standard output");
    }
    let errors_failed = Arc::new(AtomicBool::new(false));
    let mut errors_file = match &args.errors {
        Some(path) => Some(Watched {
            inner: BufWriter::new(create(path)?),
            failed: Arc::clone(&errors_failed),
        }),
        None => None,
    };
    let output_failed = Arc::new(AtomicBool::new(false));
    let (sink, resumed) = open_output(&args, format, &output_failed, errors_file.as_mut())?;
    let interrupt = on_signals()?;
    let options = saywho_io::Options {
        ordered: !args.unordered,
        strict: args.strict,
        format,
        emit_text: match (args.emit_text, args.no_emit_text) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        skip: resumed.as_ref().map_or(saywho_io::Skip::Nothing, |r| r.skip.clone()),
        interrupt: Some(Arc::clone(&interrupt)),
        ..args.input.options(args.threads, args.max_doc_bytes)?
    };
    if let Some(resumed) = &resumed {
        let what = if format == saywho_io::OutputFormat::Csv {
            "rows"
        } else {
            "documents"
        };
        let kept = resumed.kept;
        diag!("saywho: resuming: {kept} {what} of the output kept, the input documents they cover skipped");
    }
    let mut reporter = Reporter::new(&args, plan.total_bytes);
    let engine = saywho::Engine::new()
        .with_max_text_bytes(args.max_doc_bytes)
        .with_scope(args.scope.scope);
    let errors: Option<&mut dyn Write> = errors_file.as_mut().map(|f| f as &mut dyn Write);
    let summary = pipeline::run(&engine, &plan, &options, sink, errors, &mut reporter);
    reporter.bar.finish_and_clear();
    let summary = summary.map_err(|e| {
        if output_failed.load(Ordering::Relaxed) {
            file_error(e.into(), "-o", &args.output)
        } else if errors_failed.load(Ordering::Relaxed) {
            file_error(e.into(), "--errors", &args.errors)
        } else {
            e.into()
        }
    })?;
    if let Some(f) = errors_file.as_mut() {
        f.flush().map_err(|e| file_error(e.into(), "--errors", &args.errors))?;
    }
    report(&summary, &plan);
    if let Some(signal) = summary.interrupted {
        let name = if signal == SIGINT as usize { "SIGINT" } else { "SIGTERM" };
        diag!("saywho: stopped by {name}: {}", after_interrupt(&args, format));
        return Ok(ExitCode::from(128u8.saturating_add(signal as u8)));
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The output's sink: standard output, a new file, or with `--resume` the kept part of an
/// existing one, which is then also the source of the errors file's first records.
fn open_output(
    args: &ExtractArgs,
    format: saywho_io::OutputFormat,
    failed: &Arc<AtomicBool>,
    errors: Option<&mut Watched<BufWriter<fs::File>>>,
) -> Result<(FileSink, Option<saywho_io::Resume>)> {
    let Some(path) = &args.output else {
        let out = Box::new(BufWriter::with_capacity(256 * 1024, io::stdout()));
        return Ok((FileSink::new(format, out)?, None));
    };
    let watched = |file| -> Box<dyn Write + Send> {
        Box::new(Watched {
            inner: BufWriter::with_capacity(256 * 1024, file),
            failed: Arc::clone(failed),
        })
    };
    if args.resume && matches!(format, saywho_io::OutputFormat::Parquet | saywho_io::OutputFormat::Text) {
        bail!(
            "--resume continues JSONL or CSV output; a Parquet file cannot be appended to (its footer, written \
             last, indexes the whole file), and a text listing is not one document a line"
        );
    }
    let existing = args.resume.then(|| fs::File::open(path).ok()).flatten();
    let Some(existing) = existing else {
        let sink =
            FileSink::new(format, watched(create(path)?)).map_err(|e| file_error(e.into(), "-o", &args.output))?;
        return Ok((sink, None));
    };
    let mut write_error = Ok(());
    let mut errors = errors;
    let resume = saywho_io::resume_point(io::BufReader::new(existing), format, &mut |line| {
        if let (Some(errors), Ok(())) = (errors.as_mut(), &write_error) {
            write_error = errors.write_all(line);
        }
    })
    .with_context(|| format!("cannot read {} to resume it", path.display()))?;
    write_error.map_err(|e| file_error(e.into(), "--errors", &args.errors))?;
    let mut file = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    // Cut what the kill left half-written (and, for CSV, the last document's rows), then append.
    file.set_len(resume.keep_bytes)
        .and_then(|()| file.seek(io::SeekFrom::End(0)).map(drop))
        .with_context(|| format!("cannot cut {} to resume it", path.display()))?;
    let fresh_csv = format == saywho_io::OutputFormat::Csv && !resume.has_header;
    let sink = if fresh_csv {
        FileSink::new(format, watched(file))
    } else {
        FileSink::appending(format, watched(file))
    };
    let sink = sink.map_err(|e| file_error(e.into(), "-o", &args.output))?;
    Ok((sink, Some(resume)))
}

/// What an interrupted run left and how to finish it. Only an ordered, one-line-a-document
/// file (JSONL or CSV, -o) can be resumed: telling every run to use --resume sent Parquet users
/// to an option that is then refused.
fn after_interrupt(args: &ExtractArgs, format: saywho_io::OutputFormat) -> String {
    const WRITTEN: &str = "the output is complete up to the last document written";
    let not_resumable = match (&args.output, format) {
        (None, _) => "--resume continues only an output file (-o)",
        (Some(path), saywho_io::OutputFormat::Parquet) => {
            return format!(
                "{} is a readable Parquet file (footer included) holding the rows of the documents read \
                 so far; a Parquet file cannot be appended to, so --resume is not available: run the \
                 command again to have them all",
                path.display()
            )
        }
        (Some(_), saywho_io::OutputFormat::Text) => "--resume cannot continue a text listing",
        (Some(_), _) if args.pretty => "--resume cannot continue --pretty JSON",
        (Some(_), _) if args.unordered => "--resume cannot continue --unordered output",
        (Some(_), _) => return format!("{WRITTEN}; run the same command with --resume to continue"),
    };
    format!("{WRITTEN}; {not_resumable}: run the command again to have it all")
}

/// SIGINT and SIGTERM set the returned value to their number: the pipeline then finishes the
/// documents in flight, closes the output properly and the run exits with 128 + the number.
/// A second signal ends the process at once, with the same code.
fn on_signals() -> Result<Arc<AtomicUsize>> {
    let interrupt = Arc::new(AtomicUsize::new(0));
    let signalled = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM] {
        let code = 128 + signal;
        // Registered first, so that it sees the flag the first signal set.
        signal_hook::flag::register_conditional_shutdown(signal, code, Arc::clone(&signalled))?;
        signal_hook::flag::register(signal, Arc::clone(&signalled))?;
        signal_hook::flag::register_usize(signal, Arc::clone(&interrupt), signal as usize)?;
    }
    Ok(interrupt)
}

/// Creates (or truncates) an output file.
fn create(path: &Path) -> Result<fs::File> {
    fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))
}

/// A file given with `-o` or `--errors` could not be written. Unlike standard output going
/// away (`saywho extract … | head`), which ends the run quietly, this is a failure whatever the
/// cause, a closed pipe included: the file the user asked for is incomplete.
#[derive(Debug)]
pub struct OutputFileFailed(String);

impl std::fmt::Display for OutputFileFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `error`, marked as a failure to write the file given with `option`.
fn file_error(error: anyhow::Error, option: &str, path: &Option<PathBuf>) -> anyhow::Error {
    let path = path.as_deref().map_or_else(String::new, |p| p.display().to_string());
    error.context(OutputFileFailed(format!("cannot write {option} {path}")))
}

/// A writer that remembers whether a write to it failed, so that a failed run can say which
/// output was at fault.
struct Watched<W> {
    inner: W,
    failed: Arc<AtomicBool>,
}

impl<W: Write> Watched<W> {
    fn watch<T>(&self, result: io::Result<T>) -> io::Result<T> {
        if result.is_err() {
            self.failed.store(true, Ordering::Relaxed);
        }
        result
    }
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// The summary on stderr; its first line's format is relied on by scripts and tests.
fn report(summary: &Summary, plan: &saywho_io::Plan) {
    let sources = plan.sources.len();
    if summary.read > 1 || sources > 1 || summary.failed > 0 || summary.skipped.total() > 0 {
        diag!(
            "saywho: {} read, {} extracted, {} failed",
            crate::diag::count(summary.read, "document", "documents"),
            summary.extracted,
            summary.failed
        );
    }
    if summary.skipped.total() > 0 {
        let reasons: Vec<String> = summary
            .skipped
            .by_reason
            .iter()
            .map(|(reason, n)| format!("{reason} {n}"))
            .collect();
        let kind = archive_kind(plan);
        diag!(
            "saywho: {} skipped ({})",
            crate::diag::count(
                summary.skipped.total(),
                &format!("{kind} record"),
                &format!("{kind} records")
            ),
            reasons.join(", ")
        );
    }
    let wrong = summary.skipped.wrong_length;
    if wrong > 0 {
        let records = if wrong == 1 {
            "record's length was"
        } else {
            "records' lengths were"
        };
        diag!(
            "saywho: warning: {wrong} {} {records} wrong; each was read up to where the next record starts",
            archive_kind(plan)
        );
    }
    if let Some(e) = &summary.stopped_at {
        diag!("saywho: stopped at the first failed document (--strict): {e}");
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
        let bar = crate::diag::progress_bar(args.quiet || !to_file, total);
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
            self.bar.suspend(|| diag!("saywho: {e}"));
        }
    }

    fn duplicate_ids(&mut self, first: &str, count: u64) {
        let documents = if count == 1 {
            "document repeats"
        } else {
            "documents repeat"
        };
        self.bar.suspend(|| {
            diag!(
                "saywho: warning: {count} JSONL {documents} an id seen before (the first: {first:?}); their records cannot be told apart by id"
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: ExtractArgs,
    }

    fn args(line: &[&str]) -> ExtractArgs {
        Cli::try_parse_from(std::iter::once("extract").chain(line.iter().copied()))
            .expect("valid arguments")
            .args
    }

    #[test]
    fn after_an_interrupt_resume_is_advised_only_where_it_is_accepted() {
        let jsonl = saywho_io::OutputFormat::Jsonl { pretty: false };
        let advice = |line: &[&str]| after_interrupt(&args(line), jsonl);
        assert!(advice(&["x", "-o", "o.jsonl"]).contains("run the same command with --resume"));
        // --pretty is read from the options, whatever the format says: clap refuses
        // --resume with --pretty.
        assert!(advice(&["x", "-o", "o.jsonl", "--pretty"]).contains("cannot continue --pretty"));
        assert!(advice(&["x", "-o", "o.jsonl", "--unordered"]).contains("cannot continue --unordered"));
        assert!(advice(&["x"]).contains("only an output file"));
    }
}
