//! `saywho index`: run the engine over a corpus (or read an `extract` JSONL output) into a
//! quote store, in batched transactions, with a progress bar and a summary on stderr.
use crate::diag::count;
use crate::extract_checks::warn_shared_ids;
use crate::index_output;
use crate::input_args::InputArgs;
use anyhow::{bail, Context, Result};
use indicatif::ProgressBar;
use saywho_io::{pipeline, AsIs, DocError, Observer, Output, Progress, Sink};
use saywho_store::{Store, Writer};
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

/// Index a corpus into a quote store (one SQLite file) for `search`, `report` and `speakers`.
///
/// Reads anything `extract` reads (text, folders, JSONL, HTML, WARC, ARC), or the JSONL
/// output of `saywho extract` (recognised by its lines, or forced with --from-output), and
/// stores documents, quotes, entities, mentions and error records. A document id indexed
/// again replaces the old one; running the same command twice changes nothing. Documents are
/// committed in batches: a run killed at any point leaves a database holding only whole
/// documents, and running the command again completes it.
///
/// Examples:
///   saywho index corpus.jsonl --db corpus.db
///   saywho index articles/ crawl.warc.gz --db corpus.db
///   saywho extract corpus.jsonl -o quotes.jsonl && saywho index quotes.jsonl --db corpus.db
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct IndexArgs {
    /// The store (created if missing).
    #[arg(long, value_name = "FILE")]
    pub db: PathBuf,
    /// The inputs are `saywho extract` JSONL output (detected without this flag for files
    /// whose first line is an output record; needed for standard input).
    #[arg(long)]
    pub from_output: bool,
    #[command(flatten)]
    pub input: InputArgs,
    /// Do not store document text (a smaller file; search then shows no context).
    #[arg(long)]
    pub no_text: bool,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_parser = crate::input_args::parse_threads)]
    pub threads: Option<usize>,
    /// Documents larger than this many bytes become `too_large` error records.
    #[arg(long, default_value_t = 5_000_000, value_name = "BYTES")]
    pub max_doc_bytes: usize,
    #[command(flatten)]
    pub scope: crate::scope_args::ScopeArgs,
    /// Documents per transaction.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,
    /// No progress bar and no per-document error messages (the summary is still printed).
    #[arg(long, short)]
    pub quiet: bool,
}

/// What a run stored.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub read: u64,
    pub indexed: u64,
    pub failed: u64,
    pub quotes: u64,
    /// Documents whose id an earlier document of the run had: the store keeps the later.
    pub repeated: RepeatedIds,
}

/// The ids of a run's documents, to tell when one comes again (the store keys documents by
/// id, so the later replaces the earlier). Kept as 64-bit hashes, 16 bytes or so a document
/// for a crawl of millions; a collision would only give a warning too many.
#[derive(Debug, Default)]
pub(crate) struct RepeatedIds {
    seen: std::collections::HashSet<u64>,
    count: u64,
    examples: Vec<String>,
}

impl RepeatedIds {
    /// Notes a stored document's id.
    pub fn note(&mut self, id: &str) {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(id);
        if !self.seen.insert(hash) {
            self.count += 1;
            if self.examples.len() < 3 {
                self.examples.push(id.to_string());
            }
        }
    }

    /// The warning for the run's summary, if any id came again.
    pub fn warning(&self) -> Option<String> {
        (self.count > 0).then(|| {
            let examples: Vec<String> = self.examples.iter().map(|id| format!("{id:?}")).collect();
            let more = if self.count > self.examples.len() as u64 {
                ", …"
            } else {
                ""
            };
            // "line-3" is the id a JSONL line without one gets: files of such lines repeat them.
            let hint = if self.examples.iter().any(|id| id.starts_with("line-")) {
                "; ids made from line numbers repeat in every file: name each line's id field with --id-field"
            } else {
                ""
            };
            format!(
                "saywho: warning: {} had the id of one indexed before in this run and \
                 replaced it (the store keeps one document an id): {}{more}{hint}",
                count(self.count, "document", "documents"),
                examples.join(", "),
            )
        })
    }
}

/// Runs `saywho index`.
pub fn run(args: IndexArgs) -> Result<ExitCode> {
    let plan = args.input.plan();
    crate::extract_checks::note_skipped_files(&plan.skipped_files);
    let from_output = args.from_output || index_output::is_extract_output(&plan)?;
    let mut store = Store::open(&args.db).with_context(|| format!("cannot open the store {}", args.db.display()))?;
    let bar = crate::diag::progress_bar(args.quiet, plan.total_bytes);
    let tally = if from_output {
        index_output::index(
            &plan,
            &mut store,
            args.batch as usize,
            args.max_doc_bytes,
            &bar,
            args.quiet,
        )?
    } else {
        warn_shared_ids(&plan.shared_ids);
        index_corpus(&args, &plan, &mut store, &bar)?
    };
    bar.finish_and_clear();
    let counts = store.counts()?;
    diag!(
        "saywho: {} read, {} indexed, {} failed ({})",
        count(tally.read, "document", "documents"),
        tally.indexed,
        tally.failed,
        count(tally.quotes, "quote", "quotes")
    );
    if let Some(warning) = tally.repeated.warning() {
        diag!("{warning}");
    }
    diag!(
        "saywho: {} now holds {}, {}, {}, {}",
        args.db.display(),
        count(counts.documents, "document", "documents"),
        count(counts.quotes, "quote", "quotes"),
        count(counts.entities, "entity", "entities"),
        count(counts.errors, "error record", "error records")
    );
    Ok(if tally.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The engine over the corpus, through `saywho_io::pipeline`, into the store.
fn index_corpus(args: &IndexArgs, plan: &saywho_io::Plan, store: &mut Store, bar: &ProgressBar) -> Result<Tally> {
    // Ordered, not strict, nothing skipped and no interrupt: a killed or interrupted index
    // keeps whole documents (transactions) and a rerun completes it, so there is nothing to
    // skip and no signal handling of its own. The sink ignores the (default) format: it
    // receives values, not bytes.
    let options = saywho_io::Options {
        // The text is what search shows a quote's context from.
        emit_text: Some(!args.no_text),
        ..args.input.options(args.threads, args.max_doc_bytes)?
    };
    let engine = saywho::Engine::new()
        .with_max_text_bytes(args.max_doc_bytes)
        .with_scope(args.scope.scope);
    let mut repeated = RepeatedIds::default();
    let sink = StoreSink {
        writer: store.writer(args.batch as usize)?,
        repeated: &mut repeated,
    };
    let mut observer = BarObserver {
        bar: bar.clone(),
        quiet: args.quiet,
    };
    let summary = pipeline::run(&engine, plan, &options, sink, None, &mut observer)?;
    if summary.read == 0 && plan.sources.is_empty() {
        bail!("nothing to index");
    }
    Ok(Tally {
        read: summary.read,
        indexed: summary.extracted,
        failed: summary.failed,
        quotes: summary.quotes,
        repeated,
    })
}

/// The store as a pipeline sink: each document's `Output` (or error) as it is, written on the
/// pipeline's writer thread in input order.
struct StoreSink<'a> {
    writer: Writer<'a>,
    repeated: &'a mut RepeatedIds,
}

impl Sink for StoreSink<'_> {
    type Render = AsIs;

    fn render(&self) -> AsIs {
        AsIs
    }

    fn write(&mut self, item: Result<Output, DocError>) -> saywho_io::Result<()> {
        let written = match item {
            Ok(out) => {
                self.repeated.note(&out.record.id);
                self.writer.put(&out)
            }
            Err(e) => self.writer.put_error(&e),
        };
        written.map_err(store_error)
    }

    fn finish(self) -> saywho_io::Result<()> {
        self.writer.finish().map_err(store_error)
    }
}

/// The pipeline's error type has no store variant; the store's error travels as the source of
/// a write error, and the CLI prints the whole chain.
fn store_error(e: saywho_store::Error) -> saywho_io::Error {
    saywho_io::Error::Write(io::Error::other(e))
}

/// Progress and per-document failures, as for `extract`.
struct BarObserver {
    bar: ProgressBar,
    quiet: bool,
}

impl Observer for BarObserver {
    fn progress(&mut self, p: &Progress) {
        self.bar.set_position(p.bytes_read);
        self.bar.set_message(format!("{} documents", p.documents));
    }

    fn failed(&mut self, e: &DocError) {
        if !self.quiet {
            self.bar.suspend(|| diag!("saywho: {e}"));
        }
    }
}
