//! `saywho bench --pathological`: one document at a time from each pathological generator
//! (`saywho_eval::pathological`) at 1, 2, 4 and 8 times a base size, timed on one thread, to
//! show how the engine's time grows with a document's length.

use crate::eval_cmd::emit;
use saywho_eval::bench::CorpusDocument;
use saywho_eval::pathological::{run_pathological, PathologicalRun};
use std::fmt::Write as _;
use std::process::ExitCode;

/// The base size: 8 times it (4.4 MB) stays under the 5 MB default document limit.
const BASE_BYTES: usize = 550_000;
/// The multiples of the base size measured.
const SCALES: [usize; 4] = [1, 2, 4, 8];
/// A series stops after a run this long: larger sizes would only be slower.
const CAP_SECONDS: f64 = 30.0;

/// Runs the benchmark; `documents` is the prose for the prose families.
pub fn run(documents: &[CorpusDocument], json: bool) -> anyhow::Result<ExitCode> {
    let engine = saywho::Engine::new().with_max_text_bytes(BASE_BYTES * 8 + 1);
    let prose: Vec<&str> = documents.iter().map(|d| d.text.as_str()).collect();
    let runs = run_pathological(BASE_BYTES, &SCALES, CAP_SECONDS, &prose, |text| {
        engine
            .extract("pathological", text)
            .map(|r| r.quotes.len())
            .map_err(|e| e.to_string())
    });
    if json {
        emit(&(serde_json::to_string_pretty(&runs)? + "\n"))?;
    } else {
        emit(&markdown(&runs))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The table of docs/PERFORMANCE.md: seconds per size, and the growth from 1x to 8x.
pub fn markdown(runs: &[PathologicalRun]) -> String {
    let mut out = String::new();
    let heads: Vec<String> = SCALES
        .iter()
        .map(|s| format!("{s}x ({:.2} MB)", (BASE_BYTES * s) as f64 / 1e6))
        .collect();
    let _ = writeln!(out, "| generator | {} | 8x / 1x |", heads.join(" | "));
    let _ = writeln!(out, "|---|{}--:|", "--:|".repeat(SCALES.len()));
    let mut names: Vec<&str> = runs.iter().map(|r| r.generator.name()).collect();
    names.dedup();
    for name in names {
        let series: Vec<&PathologicalRun> = runs.iter().filter(|r| r.generator.name() == name).collect();
        let cells: Vec<String> = series
            .iter()
            .map(|r| match (&r.seconds, &r.error) {
                (None, _) => "skipped".into(),
                (Some(s), Some(e)) => format!("{s:.2} s ({e})"),
                (Some(s), None) => format!("{s:.2} s"),
            })
            .collect();
        let first = series.first().and_then(|r| r.seconds);
        let last = series.last().and_then(|r| r.seconds);
        let growth = match (first, last) {
            (Some(a), Some(b)) if a > 0.0 => format!("{:.1}x", b / a),
            _ => "n/a".into(),
        };
        let _ = writeln!(out, "| {name} | {} | {growth} |", cells.join(" | "));
    }
    let _ = writeln!(
        out,
        "\nOne document per cell, one thread; linear growth is 8x from 1x to 8x. A series stops \
         after a run over {CAP_SECONDS} s."
    );
    out
}
