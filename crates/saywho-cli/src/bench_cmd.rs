//! `saywho bench`: throughput and memory of the engine on a JSONL corpus, and with
//! `--pipeline` of whole `saywho extract` runs (JSONL, and WARC.gz built from the corpus) on 1
//! and N threads. The measuring is in `saywho_eval::bench`; this file parses arguments and
//! prints.

use crate::eval_cmd::emit;
use anyhow::Context;
use saywho_eval::bench::{
    load_corpus, measure_scaling, run_bench, BenchOptions, BenchReport, CorpusDocument, RunReport,
};
use saywho_eval::markdown;
use saywho_eval::EvalError;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The corpus measured when `--corpus` is not given (relative to the repository root).
const DEFAULT_CORPUS: &str = "../shared/data/news-corpus/bbc/bbc_news_2225.jsonl";

/// The HTML pages measured by `--html` without a folder (relative to the repository root).
const DEFAULT_HTML: &str = "../shared/data/article-extraction";

/// Arguments of `saywho bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// JSONL corpus with `id` and `text` on each line.
    #[arg(long, value_name = "FILE.jsonl", default_value = DEFAULT_CORPUS)]
    corpus: PathBuf,
    /// Threads of the parallel run (default: all cores).
    #[arg(long, value_parser = crate::input_args::parse_threads)]
    threads: Option<usize>,
    /// Runs of each kind; the median is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Time whole extract runs instead (reading, extraction, JSONL writing) on 1 and N threads:
    /// the JSONL corpus, and a WARC.gz built from it in a temporary folder (each `--passes`
    /// times over).
    #[arg(long, conflicts_with = "markdown_from")]
    pipeline: bool,
    /// Time single pathological documents instead (many names, many speakers, one long
    /// prose document, mixed quotation marks, CR line ends) at 1, 2, 4 and 8 times 0.55 MB, to
    /// show how time grows with a document's length. The corpus gives the prose.
    #[arg(long, conflicts_with_all = ["markdown_from", "pipeline"])]
    pathological: bool,
    /// Times each run goes through the corpus, so that a run lasts seconds and start-up and
    /// the machine's noise weigh little. With --pipeline the JSONL input is the corpus this
    /// many times over (ids made unique).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=1000))]
    passes: u32,
    /// Time HTML pages instead: the main-text step alone and with the engine (in memory, one
    /// thread), and whole `saywho extract` runs on the pages, in MB of HTML per second. DIR
    /// holds html/ (<id>.html[.gz]) and ground-truth.json.
    #[arg(long, value_name = "DIR", num_args = 0..=1, default_missing_value = DEFAULT_HTML,
          conflicts_with_all = ["markdown_from", "pipeline", "pathological"])]
    html: Option<PathBuf>,
    /// Print the body of docs/PERFORMANCE.md from a report saved earlier with --json.
    #[arg(long, value_name = "BENCH.json", conflicts_with_all = ["threads", "json"])]
    markdown_from: Option<PathBuf>,
}

/// Runs `saywho bench`.
pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.markdown_from {
        return render_markdown(path);
    }
    if let Some(dir) = &args.html {
        let threads = args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        return crate::bench_html::run(dir, threads, args.repeat, args.passes as usize, args.json);
    }
    if !args.corpus.is_file() {
        diag!(
            "saywho bench: corpus {} not found; nothing to measure (give one with --corpus FILE.jsonl)",
            args.corpus.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let documents = load_corpus(&args.corpus)?;
    if args.pipeline {
        return run_pipeline(&args, &documents);
    }
    if args.pathological {
        return crate::bench_pathological::run(&documents, args.json);
    }
    let setup = Instant::now();
    let engine = saywho::Engine::new();
    let setup_seconds = setup.elapsed().as_secs_f64();
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let options = BenchOptions {
        threads,
        repeat: args.repeat,
        passes: args.passes as usize,
    };
    let corpus = args.corpus.display().to_string();
    let report = run_bench(&corpus, &documents, options, |id, text| {
        crate::eval_cmd::extract_or_panic(&engine, id, text)
    })?;
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
        "{}: {} documents, {:.2} MB of text, {} a run; {} CPUs; engine set up in {:.3} s",
        r.corpus,
        r.documents,
        r.text_bytes as f64 / 1e6,
        crate::diag::count(r.passes as u64, "pass", "passes"),
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

/// Writes the pipeline's inputs into `dir`: the corpus `passes` times over (ids made unique) as
/// JSONL and as a WARC.gz of one HTML page per article; returns each path and its size.
fn pipeline_inputs(dir: &Path, passes: u32, documents: &[CorpusDocument]) -> anyhow::Result<[(PathBuf, u64); 2]> {
    let jsonl = dir.join("bbc.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&jsonl)?);
    for pass in 0..passes {
        for d in documents {
            let line = serde_json::json!({"id": format!("{}#{pass}", d.id), "text": d.text});
            writeln!(file, "{line}")?;
        }
    }
    file.flush()?;
    let jsonl_bytes = std::fs::metadata(&jsonl)?.len();

    let warc = dir.join("bbc.warc.gz");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&warc)?);
    // Passes over, as the JSONL: one pass of the WARC ran for a third of a second, where the
    // machine's noise weighed as much as the figure.
    let ids: Vec<String> = (0..passes)
        .flat_map(|pass| documents.iter().map(move |d| format!("{}#{pass}", d.id)))
        .collect();
    let articles = ids
        .iter()
        .zip(documents.iter().cycle())
        .map(|(id, d)| (id.as_str(), d.id.as_str(), d.text.as_str()));
    let warc_bytes = saywho_io::write_article_warc(&mut file, articles)?;
    file.flush()?;
    Ok([(jsonl, jsonl_bytes), (warc, warc_bytes)])
}

/// Runs `exe extract PATH --threads N` to /dev/null, as a user runs it, and returns the
/// documents it read (from its summary line).
pub(crate) fn extract_process(exe: &Path, path: &Path, threads: usize) -> Result<u64, EvalError> {
    let fail = |e: &dyn std::fmt::Display| EvalError::invalid(path, "pipeline", e.to_string());
    let out = std::process::Command::new(exe)
        .arg("extract")
        .arg(path)
        .args(["--threads", &threads.to_string(), "--quiet", "-o", "/dev/null"])
        .output()
        .map_err(|e| fail(&e))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr
        .lines()
        .find_map(|l| {
            l.strip_prefix("saywho: ")?
                .split(" documents read")
                .next()?
                .parse()
                .ok()
        })
        .ok_or_else(|| fail(&format!("no summary from saywho extract: {stderr}")))
}

/// `--pipeline`: whole runs on the JSONL corpus and on a WARC.gz made from it.
fn run_pipeline(args: &BenchArgs, documents: &[CorpusDocument]) -> anyhow::Result<ExitCode> {
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let counts: Vec<usize> = if threads > 1 { vec![1, threads] } else { vec![1] };
    // Each run is a fresh `saywho extract` process, as a user runs it, start-up included. (Runs
    // repeated inside one process once looked slower on WARC input; callgrind found the same
    // instructions in every round and no lock contention, so that was the machine's load.)
    let exe = std::env::current_exe()?;
    let run = |path: &Path, n: usize| extract_process(&exe, path, n);
    let dir = std::env::temp_dir().join(format!("saywho-bench-pipeline-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    // The inputs live in `dir`, which goes whatever happens.
    let reports =
        pipeline_inputs(&dir, args.passes, documents).and_then(|[(jsonl, jsonl_bytes), (warc, warc_bytes)]| {
            let jsonl_name = format!("BBC JSONL x{}", args.passes);
            let warc_name = format!("BBC as WARC.gz x{}", args.passes);
            Ok(vec![
                measure_scaling(&jsonl_name, jsonl_bytes, &counts, args.repeat, |n| run(&jsonl, n))?,
                measure_scaling(&warc_name, warc_bytes, &counts, args.repeat, |n| run(&warc, n))?,
            ])
        });
    let _ = std::fs::remove_dir_all(&dir);
    let reports = reports?;
    if args.json {
        emit(&(serde_json::to_string_pretty(&reports)? + "\n"))?;
    } else {
        let mut out = String::new();
        for r in &reports {
            let _ = writeln!(
                out,
                "{}: {} documents, {:.2} MB of input (uncompressed); speedup {:.2}x",
                r.name,
                r.documents,
                r.input_bytes as f64 / 1e6,
                r.speedup
            );
            for run in &r.runs {
                write_run(&mut out, run);
            }
        }
        let _ = writeln!(
            out,
            "median of {} runs; whole extract runs: read, extract, write JSONL",
            args.repeat.max(1)
        );
        emit(&out)?;
    }
    Ok(ExitCode::SUCCESS)
}
