//! `saywho bench --html DIR`: how fast HTML pages become text (the main-text step alone), text
//! and quotes (that step and the engine, in memory), and whole `saywho extract` runs on the
//! pages' folder; megabytes of (uncompressed) HTML per second.

use crate::eval_cmd::emit;
use saywho_eval::article::ArticleSet;
use saywho_eval::bench::{measure_scaling, median, ScalingReport};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// One in-memory step, timed on the calling thread.
#[derive(Debug, Clone, Serialize)]
struct StepReport {
    /// What was timed.
    name: String,
    /// Wall-clock seconds of each run.
    seconds: Vec<f64>,
    /// CPU seconds of the calling thread in each run, where Linux tells them.
    cpu_seconds: Vec<f64>,
    /// MB of HTML per wall-clock second, at the median run.
    mb_per_second: f64,
    /// MB of HTML per CPU second, at the median (0 when unknown).
    mb_per_cpu_second: f64,
}

/// Everything `bench --html` measured.
#[derive(Debug, Clone, Serialize)]
struct HtmlBenchReport {
    /// The ground-truth file of the pages.
    source: String,
    /// Pages.
    pages: usize,
    /// Bytes of HTML, uncompressed.
    html_bytes: usize,
    /// Times each in-memory run goes through the pages.
    passes: usize,
    /// Pages lost to errors in one pass.
    lost: usize,
    /// The in-memory steps.
    steps: Vec<StepReport>,
    /// Whole `saywho extract` processes on the pages' folder.
    whole: ScalingReport,
    /// /proc/loadavg before and after.
    load_average: [String; 2],
}

/// CPU time of the calling thread, from /proc/thread-self/schedstat (nanoseconds on a CPU);
/// `None` off Linux.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

/// A step to time: its name and the work done on one page (its HTML and id).
type Step<'a> = (&'a str, &'a dyn Fn(&[u8], &str));

/// Times each step over every page, `passes` times a run, `repeat` runs. The steps take turns
/// within each repetition, so that a change in the machine's load weighs on all of them alike.
fn time_steps(set: &ArticleSet, repeat: usize, passes: usize, steps: &[Step<'_>]) -> Vec<StepReport> {
    let mut seconds = vec![Vec::new(); steps.len()];
    let mut cpu_seconds = vec![Vec::new(); steps.len()];
    for _ in 0..repeat.max(1) {
        for (i, (_, work)) in steps.iter().enumerate() {
            let cpu = thread_cpu_seconds();
            let started = Instant::now();
            for _ in 0..passes {
                for page in &set.pages {
                    work(&page.html, &page.id);
                }
            }
            seconds[i].push(started.elapsed().as_secs_f64());
            if let (Some(before), Some(after)) = (cpu, thread_cpu_seconds()) {
                cpu_seconds[i].push(after - before);
            }
        }
    }
    let mb = (set.html_bytes() * passes) as f64 / 1e6;
    let per = |s: f64| if s > 0.0 { mb / s } else { 0.0 };
    steps
        .iter()
        .zip(seconds.into_iter().zip(cpu_seconds))
        .map(|((name, _), (seconds, cpu_seconds))| StepReport {
            name: name.to_string(),
            mb_per_second: per(median(&seconds)),
            mb_per_cpu_second: per(median(&cpu_seconds)),
            seconds,
            cpu_seconds,
        })
        .collect()
}

/// Runs `saywho bench --html DIR`.
pub(crate) fn run(dir: &Path, threads: usize, repeat: usize, passes: usize, json: bool) -> anyhow::Result<ExitCode> {
    let set = crate::eval_html::load(dir, None)?;
    let engine = saywho::Engine::new();
    let loads = load_average();
    let lost = set
        .pages
        .iter()
        .filter(|p| crate::eval_html::html_text(p).is_err())
        .count();
    let html_step = |html: &[u8], id: &str| {
        let _ = saywho_io::extract_article(html, None, saywho_io::Meta::default(), id, id);
    };
    let with_engine = |html: &[u8], id: &str| {
        if let Ok(article) = saywho_io::extract_article(html, None, saywho_io::Meta::default(), id, id) {
            let _ = engine.extract(id, &article.text);
        }
    };
    let steps = time_steps(
        &set,
        repeat,
        passes,
        &[
            ("HTML to text (main-text step alone)", &html_step),
            ("HTML to text, then the engine", &with_engine),
        ],
    );
    let exe = std::env::current_exe()?;
    let pages = dir.join("html");
    let counts: Vec<usize> = if threads > 1 { vec![1, threads] } else { vec![1] };
    let whole = measure_scaling(
        "saywho extract on the pages' folder",
        set.html_bytes() as u64,
        &counts,
        repeat,
        |n| crate::bench_cmd::extract_process(&exe, &pages, n),
    )?;
    let report = HtmlBenchReport {
        source: set.source.display().to_string(),
        pages: set.pages.len(),
        html_bytes: set.html_bytes(),
        passes,
        lost,
        steps,
        whole,
        load_average: [loads, load_average()],
    };
    if json {
        emit(&(serde_json::to_string_pretty(&report)? + "\n"))?;
    } else {
        emit(&table(&report))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn table(r: &HtmlBenchReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} pages, {:.2} MB of HTML (uncompressed), {} lost to errors; in memory, one thread, {} a run",
        r.source,
        r.pages,
        r.html_bytes as f64 / 1e6,
        r.lost,
        crate::diag::count(r.passes as u64, "pass", "passes")
    );
    for s in &r.steps {
        let _ = writeln!(
            out,
            "{:<40} {:>7.2} MB/s  {:>7.2} MB per CPU-second",
            s.name, s.mb_per_second, s.mb_per_cpu_second
        );
    }
    let _ = writeln!(
        out,
        "{} (fresh processes, gunzip and JSONL writing included; speedup {:.2}x):",
        r.whole.name, r.whole.speedup
    );
    for run in &r.whole.runs {
        let _ = writeln!(
            out,
            "  {} thread{:<2} {:>7.2} MB/s  {:>7.0} pages/s  {:.3} s",
            run.threads,
            if run.threads == 1 { "" } else { "s" },
            run.mb_per_second,
            run.documents_per_second,
            run.median_seconds
        );
    }
    let _ = writeln!(
        out,
        "median of {} runs; load average {} before, {} after",
        r.steps.first().map_or(0, |s| s.seconds.len()),
        r.load_average[0],
        r.load_average[1]
    );
    out
}
