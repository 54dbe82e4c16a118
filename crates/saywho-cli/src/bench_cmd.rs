//! `saywho bench`: throughput and memory of the engine on a JSONL corpus. The measuring is in
//! `saywho_eval::bench`; this file parses arguments and prints.

use crate::eval_cmd::emit;
use anyhow::Context;
use saywho_eval::bench::{load_corpus, run_bench, BenchOptions, BenchReport, RunReport};
use saywho_eval::markdown;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The corpus measured when `--corpus` is not given (relative to the repository root).
const DEFAULT_CORPUS: &str = "../shared/data/news-corpus/bbc/bbc_news_2225.jsonl";

/// Arguments of `saywho bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// JSONL corpus with `id` and `text` on each line.
    #[arg(long, value_name = "FILE.jsonl", default_value = DEFAULT_CORPUS)]
    corpus: PathBuf,
    /// Threads of the parallel run (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Runs of each kind; the median is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Print the body of docs/PERFORMANCE.md from a report saved earlier with --json.
    #[arg(long, value_name = "BENCH.json", conflicts_with_all = ["threads", "json"])]
    markdown_from: Option<PathBuf>,
}

/// Runs `saywho bench`.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.markdown_from {
        return render_markdown(path);
    }
    if !args.corpus.is_file() {
        eprintln!(
            "saywho bench: corpus {} not found; nothing to measure (give one with --corpus FILE.jsonl)",
            args.corpus.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let documents = load_corpus(&args.corpus)?;
    let setup = Instant::now();
    let engine = saywho::Engine::new();
    let setup_seconds = setup.elapsed().as_secs_f64();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = BenchOptions {
        threads,
        repeat: args.repeat,
    };
    let corpus = args.corpus.display().to_string();
    let report = run_bench(&corpus, &documents, options, |id, text| engine.extract(id, text))?;
    if args.json {
        emit(&(serde_json::to_string_pretty(&report)? + "\n"))?;
    } else {
        emit(&table(&report, setup_seconds))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render_markdown(path: &Path) -> anyhow::Result<ExitCode> {
    let raw = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let report: BenchReport = serde_json::from_str(&raw)
        .with_context(|| format!("{} is not a report written by `saywho bench --json`", path.display()))?;
    emit(&markdown::performance(&report))?;
    Ok(ExitCode::SUCCESS)
}

fn memory(bytes: Option<u64>) -> String {
    bytes.map_or_else(|| "n/a".into(), |b| format!("{:.1} MB", b as f64 / 1e6))
}

fn write_run(out: &mut String, run: &RunReport) {
    let threads = match run.threads {
        1 => "1 thread".to_string(),
        n => format!("{n} threads"),
    };
    let _ = writeln!(
        out,
        "{threads:<12} {:>9.2} MB/s {:>10.0} docs/s {:>9.3} s   peak {}",
        run.mb_per_second,
        run.documents_per_second,
        run.median_seconds,
        memory(run.peak_memory_bytes)
    );
}

fn table(r: &BenchReport, setup_seconds: f64) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} documents, {:.2} MB of text; {} CPUs; engine set up in {:.3} s",
        r.corpus,
        r.documents,
        r.text_bytes as f64 / 1e6,
        r.available_cpus,
        setup_seconds
    );
    write_run(&mut out, &r.single_thread);
    write_run(&mut out, &r.multi_thread);
    let _ = writeln!(
        out,
        "median of {} runs; {} quotes found; {} panics; memory after loading the corpus {}{}",
        r.single_thread.seconds.len(),
        r.quotes_found,
        r.panicked_documents,
        memory(r.memory_after_load_bytes),
        if r.peak_reset_between_runs {
            ""
        } else {
            " (peaks are cumulative)"
        }
    );
    out
}
