//! Throughput and memory of an extractor on a JSONL corpus: the corpus is loaded into memory
//! first, then only extraction is timed, on one thread and on a pool of `threads`.

use crate::error::{EvalError, Result};
use rayon::prelude::*;
use saywho::Record;
use serde::{Deserialize, Serialize};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

/// One corpus article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusDocument {
    /// Its id (numbers are turned into strings).
    pub id: String,
    /// Its text.
    pub text: String,
}

/// Reads a JSONL corpus whose lines carry `id` and `text`.
pub fn load_corpus(path: &Path) -> Result<Vec<CorpusDocument>> {
    #[derive(Deserialize)]
    struct Line {
        id: serde_json::Value,
        text: String,
    }
    let raw = crate::files::read_text(path)?;
    let mut documents = Vec::new();
    for (index, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            location: format!("line {}", index + 1),
            source,
        })?;
        let id = match parsed.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        documents.push(CorpusDocument { id, text: parsed.text });
    }
    Ok(documents)
}

/// How to measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BenchOptions {
    /// Threads of the parallel run.
    pub threads: usize,
    /// Runs of each kind; the median is reported.
    pub repeat: usize,
    /// Times each run goes through the corpus, so that a run lasts long enough for the
    /// machine's noise and the thread pool's start to weigh little (at least 1).
    pub passes: usize,
}

/// Timings of one kind of run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// Threads used.
    pub threads: usize,
    /// Wall-clock seconds of each repetition.
    pub seconds: Vec<f64>,
    /// The median of `seconds`.
    pub median_seconds: f64,
    /// Megabytes (10^6 bytes) of UTF-8 text per second, at the median.
    pub mb_per_second: f64,
    /// Documents per second, at the median.
    pub documents_per_second: f64,
    /// Peak resident memory during these runs (VmHWM), in bytes; `None` where unknown.
    pub peak_memory_bytes: Option<u64>,
    /// The process's CPU seconds (all threads, user and system) of each repetition; empty
    /// where unknown (runs in child processes, or off Unix). Per-core throughput on a busy
    /// machine, which the wall clock misstates: `scripts/bench-python` compares the Python
    /// bindings' CPU time with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpu_seconds: Vec<f64>,
}

/// Everything [`run_bench`] measured.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    /// The corpus file.
    pub corpus: String,
    /// Documents in it.
    pub documents: usize,
    /// Times each timed run went through the corpus; throughput counts every pass.
    #[serde(default = "one")]
    pub passes: usize,
    /// Bytes of UTF-8 text (the `text` fields only).
    pub text_bytes: usize,
    /// Logical CPUs the machine offers.
    pub available_cpus: usize,
    /// Quotes the extractor found in the whole corpus (one run).
    pub quotes_found: usize,
    /// Documents on which the extractor panicked.
    pub panicked_documents: usize,
    /// Resident memory once the corpus was loaded, in bytes (VmRSS).
    pub memory_after_load_bytes: Option<u64>,
    /// True when the peak could be reset between runs, so each run's peak is its own;
    /// false when each peak includes everything before it.
    pub peak_reset_between_runs: bool,
    /// The run on the calling thread.
    pub single_thread: RunReport,
    /// The run on a pool of [`BenchOptions::threads`].
    pub multi_thread: RunReport,
}

fn one() -> usize {
    1
}

/// Times `extract` over `documents` (`passes` times in each run): `repeat` runs on the calling
/// thread, then `repeat` runs on a rayon pool of `threads`. Panics inside `extract` are caught
/// and counted; quotes and panics are those of one pass.
pub fn run_bench<F>(
    corpus: &str,
    documents: &[CorpusDocument],
    options: BenchOptions,
    extract: F,
) -> Result<BenchReport>
where
    F: Fn(&str, &str) -> Record + Sync,
{
    let repeat = options.repeat.max(1);
    let threads = options.threads.max(1);
    let passes = options.passes.max(1);
    // Every pass's documents, in order: the pool's work list and the single thread's.
    let work: Vec<&CorpusDocument> = (0..passes).flat_map(|_| documents.iter()).collect();
    let text_bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let memory_after_load_bytes = proc_status_bytes("VmRSS:");
    // Outcome of one document: quotes found, or None when the extractor panicked.
    let one = |d: &CorpusDocument| -> Option<usize> {
        catch_unwind(AssertUnwindSafe(|| extract(&d.id, &d.text).quotes.len())).ok()
    };
    let tally = |outcomes: &[Option<usize>]| {
        let first_pass = &outcomes[..documents.len().min(outcomes.len())];
        let quotes: usize = first_pass.iter().flatten().sum();
        (quotes, first_pass.iter().filter(|o| o.is_none()).count())
    };

    let mut peak_reset = reset_peak_memory();
    let mut single_seconds = Vec::with_capacity(repeat);
    let mut single_cpu = Vec::with_capacity(repeat);
    let mut found = (0, 0);
    for _ in 0..repeat {
        let (started, cpu) = (Instant::now(), process_cpu_seconds());
        let outcomes: Vec<Option<usize>> = work.iter().map(|d| one(d)).collect();
        single_seconds.push(started.elapsed().as_secs_f64());
        single_cpu.extend(cpu_since(cpu));
        found = tally(&outcomes);
    }
    let single_peak = proc_status_bytes("VmHWM:");

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| EvalError::invalid(corpus, "thread pool", e.to_string()))?;
    peak_reset &= reset_peak_memory();
    let mut multi_seconds = Vec::with_capacity(repeat);
    let mut multi_cpu = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let (started, cpu) = (Instant::now(), process_cpu_seconds());
        let outcomes: Vec<Option<usize>> = pool.install(|| work.par_iter().map(|d| one(d)).collect());
        multi_seconds.push(started.elapsed().as_secs_f64());
        multi_cpu.extend(cpu_since(cpu));
        found = tally(&outcomes);
    }
    let multi_peak = proc_status_bytes("VmHWM:");

    let run = |threads, seconds: Vec<f64>, peak, cpu_seconds: Vec<f64>| {
        let median = median(&seconds);
        let per_second = |amount: f64| if median > 0.0 { amount / median } else { 0.0 };
        RunReport {
            threads,
            median_seconds: median,
            mb_per_second: per_second((text_bytes * passes) as f64 / 1e6),
            documents_per_second: per_second((documents.len() * passes) as f64),
            seconds,
            peak_memory_bytes: peak,
            // Only when every repetition has its figure, so that they pair with `seconds`.
            cpu_seconds: if cpu_seconds.len() == repeat {
                cpu_seconds
            } else {
                Vec::new()
            },
        }
    };
    Ok(BenchReport {
        corpus: corpus.to_string(),
        documents: documents.len(),
        passes,
        text_bytes,
        available_cpus: std::thread::available_parallelism().map_or(1, |n| n.get()),
        quotes_found: found.0,
        panicked_documents: found.1,
        memory_after_load_bytes,
        peak_reset_between_runs: peak_reset,
        single_thread: run(1, single_seconds, single_peak, single_cpu),
        multi_thread: run(threads, multi_seconds, multi_peak, multi_cpu),
    })
}

/// The median of `values` (the mean of the middle two for an even count); 0 when empty.
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => 0.0,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// CPU seconds this process has used so far, all its threads, user and system time; `None`
/// where the clock is not available.
fn process_cpu_seconds() -> Option<f64> {
    #[cfg(unix)]
    {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `t` is a valid timespec to write; the clock id is a constant POSIX defines.
        if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0 {
            return Some(t.tv_sec as f64 + t.tv_nsec as f64 / 1e9);
        }
    }
    None
}

/// CPU seconds used since `start` (from [`process_cpu_seconds`]).
fn cpu_since(start: Option<f64>) -> Option<f64> {
    Some(process_cpu_seconds()? - start?)
}

/// A `kB` line of `/proc/self/status` in bytes; `None` off Linux or when absent.
pub fn proc_status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_status_kb(&status, field).map(|kb| kb * 1024)
}

/// The number of a `FIELD   123 kB` line of a `/proc/*/status` text.
pub fn parse_status_kb(status: &str, field: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..].split_whitespace().next()?.parse().ok()
}

/// Resets the peak resident memory (VmHWM) to the current one, as Linux allows by writing `5`
/// to `/proc/self/clear_refs`; false where that is not possible.
fn reset_peak_memory() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Throughput of whole runs (read, extract, write) at several thread counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalingReport {
    /// What was run, e.g. `BBC JSONL` or `BBC as WARC.gz`.
    pub name: String,
    /// Input bytes, uncompressed, that MB/s refers to.
    pub input_bytes: u64,
    /// Documents per run.
    pub documents: u64,
    /// One report per thread count, in the order given.
    pub runs: Vec<RunReport>,
    /// Throughput of the last run over the first (e.g. 2 threads over 1).
    pub speedup: f64,
}

/// Times `run(threads)` `repeat` times for each of `threads` and reports the medians. The runs
/// are interleaved (1, N, 1, N, …) so that a change in the machine's load during the measuring
/// weighs on every thread count alike. `run` returns the documents it processed; a run that
/// processes a different number than the first is an error, since the figures would not be
/// comparable.
///
/// ```
/// use saywho_eval::bench::measure_scaling;
/// let report = measure_scaling("fake", 1_000_000, &[1, 2], 3, |_threads| Ok(10)).unwrap();
/// assert_eq!((report.documents, report.runs.len()), (10, 2));
/// assert_eq!(report.runs[1].seconds.len(), 3);
/// ```
pub fn measure_scaling<F>(
    name: &str,
    input_bytes: u64,
    threads: &[usize],
    repeat: usize,
    mut run: F,
) -> Result<ScalingReport>
where
    F: FnMut(usize) -> Result<u64>,
{
    let repeat = repeat.max(1);
    let mut documents = None;
    let mut seconds: Vec<Vec<f64>> = vec![Vec::with_capacity(repeat); threads.len()];
    for _ in 0..repeat {
        for (i, &n) in threads.iter().enumerate() {
            let started = Instant::now();
            let done = run(n)?;
            seconds[i].push(started.elapsed().as_secs_f64());
            if *documents.get_or_insert(done) != done {
                return Err(EvalError::invalid(
                    name,
                    "documents",
                    format!("{done} documents at {n} threads"),
                ));
            }
        }
    }
    let runs: Vec<RunReport> = threads
        .iter()
        .zip(seconds)
        .map(|(&n, seconds)| {
            let median = median(&seconds);
            let per_second = |amount: f64| if median > 0.0 { amount / median } else { 0.0 };
            RunReport {
                threads: n,
                median_seconds: median,
                mb_per_second: per_second(input_bytes as f64 / 1e6),
                documents_per_second: per_second(documents.unwrap_or(0) as f64),
                seconds,
                // Interleaved runs (or child processes) have no peak of their own to report.
                peak_memory_bytes: None,
                // The work is in child processes, not this one.
                cpu_seconds: Vec::new(),
            }
        })
        .collect();
    let speedup = match (runs.first(), runs.last()) {
        (Some(a), Some(b)) if a.mb_per_second > 0.0 => b.mb_per_second / a.mb_per_second,
        _ => 0.0,
    };
    Ok(ScalingReport {
        name: name.to_string(),
        input_bytes,
        documents: documents.unwrap_or(0),
        runs,
        speedup,
    })
}
