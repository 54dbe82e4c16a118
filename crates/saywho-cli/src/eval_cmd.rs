//! `saywho eval`: score the engine against gold data, check the gate, or render the accuracy
//! report. The work is in `saywho-eval`; this file parses arguments and prints.

use crate::eval_text::{write_classes, write_errors, write_gap_errors, write_gap_table, write_table};
use anyhow::{bail, Context};
use saywho_eval::classes::{recall_by_class, ClassRecall};
use saywho_eval::folds::FoldChoice;
use saywho_eval::gap;
use saywho_eval::gate::{run_gate_with, GateOutcome};
use saywho_eval::gold::{self, GoldFormat};
use saywho_eval::markdown;
use saywho_eval::{score, DatasetReport, ErrorItem, ScoreOptions};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Threshold at which `--errors` lists misses, false alarms and wrong speakers.
pub(crate) const ERRORS_AT: f64 = 0.3;

/// Arguments of `saywho eval`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  saywho eval ../shared/data/ggt-eval/ggt_dev.jsonl
  saywho eval --format polnear ../shared/data/polnear/data/dev --errors
  saywho eval ../shared/seed/gold.json --json
  saywho eval ../shared/data/gap/gap-development.tsv
  saywho eval ../shared/data/litbank/quotations/tsv
  saywho eval ../shared/data/article-extraction
  saywho eval --html ../shared/data/article-extraction/html ../shared/data/article-extraction/ground-truth.json --errors
  saywho eval ../shared/data/ggt-eval/ggt_dev.jsonl --folds 5 --fold 2
  saywho eval ../shared/data/ggt-eval/ggt_dev.jsonl --folds 5 --fold 2 --complement --list-ids
  saywho eval --gate gate/floors.json
  saywho eval --markdown-from ggt.json polnear.json seed.json")]
pub struct EvalArgs {
    /// Gold data: a GGT .jsonl file, a PolNeAR split folder (text/ + attributions/), a seed
    /// gold.json, a GAP gap-*.tsv file, a LitBank quotations folder (.ann and .txt), or HTML
    /// pages with their article bodies (a folder of html/ and ground-truth.json, or the
    /// ground-truth file with --html).
    #[arg(required_unless_present_any = ["gate", "markdown_from"])]
    path: Option<PathBuf>,
    /// Gold format; guessed from PATH when absent.
    #[arg(long, value_parser = parse_format)]
    format: Option<GoldFormat>,
    /// The dataset's label in reports (default: from the path, e.g. ggt-dev).
    #[arg(long)]
    name: Option<String>,
    /// Score main-text extraction on the HTML pages (<id>.html[.gz]) of this folder; PATH is
    /// then the ground truth ({id: {"articleBody", "url"}}).
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// List every miss, false alarm and wrong speaker (at overlap 0.3) with its context.
    #[arg(long)]
    errors: bool,
    /// Also print recall by class of gold quote (by its annotated cue: verb of saying,
    /// writing, cognition, "according to", none, other), at overlap 0.3.
    #[arg(long)]
    by_class: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = crate::input_args::parse_threads)]
    threads: Option<usize>,
    /// Score all datasets named in FLOORS and exit 1 if any figure is below its floor.
    #[arg(long, value_name = "FLOORS", conflicts_with_all = ["path", "markdown_from", "errors"])]
    gate: Option<PathBuf>,
    /// Shared data folder for --gate (default: from the floors file, ../shared beside the repo).
    #[arg(long, value_name = "DIR", requires = "gate")]
    shared: Option<PathBuf>,
    /// Split the documents into this many folds (by a hash of their ids; see docs/EVALUATION.md)
    /// and score only the one chosen with --fold.
    #[arg(long, value_name = "K", requires = "fold")]
    folds: Option<usize>,
    /// The fold to score, 0 to K-1.
    #[arg(long, value_name = "F", requires = "folds")]
    fold: Option<usize>,
    /// With --folds: every document except those of --fold (the part a model trains on).
    #[arg(long, requires = "folds")]
    complement: bool,
    /// Print the ids of the documents selected (one a line) instead of scoring them.
    #[arg(long)]
    list_ids: bool,
    /// The speaker ranker that resolves pronouns and descriptions: the hand-written rules, or
    /// the learned model (see docs/ENGINE.md).
    #[arg(long, value_enum, default_value_t = RankerChoice::Rules)]
    ranker: RankerChoice,
    /// With --ranker learned: weights from this file (written by `saywho train-ranker`)
    /// instead of those shipped with the engine.
    #[arg(long, value_name = "FILE")]
    ranker_weights: Option<PathBuf>,
    #[command(flatten)]
    scope: crate::scope_args::ScopeArgs,
    /// Print the body of docs/ACCURACY.md from reports saved earlier with --json.
    #[arg(long, value_name = "REPORT.json", num_args = 1.., conflicts_with = "path")]
    markdown_from: Vec<PathBuf>,
}

/// Which speaker ranker `saywho eval` runs.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankerChoice {
    /// The hand-written rules (saywho::rank::RuleRanker).
    Rules,
    /// The learned model (saywho::rank::LearnedRanker).
    Learned,
}

/// The engine with the ranker asked for.
fn engine_for(args: &EvalArgs) -> anyhow::Result<saywho::Engine> {
    let engine = saywho::Engine::new().with_scope(args.scope.scope);
    if args.ranker == RankerChoice::Rules {
        if args.ranker_weights.is_some() {
            bail!("--ranker-weights needs --ranker learned");
        }
        return Ok(engine);
    }
    let ranker = match &args.ranker_weights {
        Some(path) => {
            let tsv = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
            saywho::rank::LearnedRanker::parse(&tsv).with_context(|| format!("in {}", path.display()))?
        }
        None => saywho::rank::LearnedRanker::embedded()?,
    };
    Ok(engine.with_ranker(Box::new(ranker)))
}

fn parse_format(s: &str) -> Result<GoldFormat, String> {
    s.parse()
}

/// Runs `saywho eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("cannot set up the thread pool")?;
    }
    if !args.markdown_from.is_empty() {
        return render_markdown(&args.markdown_from);
    }
    if let Some(floors) = &args.gate {
        return gate(floors, args.shared.as_deref(), args.json, args.scope.scope);
    }
    let Some(path) = &args.path else {
        bail!("give a gold PATH, --gate FLOORS or --markdown-from")
    };
    evaluate(path, &args)
}

/// The JSON printed by `--json`: the report, plus the error list under `--errors`.
#[derive(Serialize)]
struct JsonOutput<'a> {
    #[serde(flatten)]
    report: &'a DatasetReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'a [ErrorItem]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recall_by_class: Option<&'a [ClassRecall]>,
}

/// The fold asked for with --folds and --fold, if any.
fn fold_choice(args: &EvalArgs) -> anyhow::Result<Option<FoldChoice>> {
    match (args.folds, args.fold) {
        (Some(folds), Some(fold)) => Ok(Some(
            FoldChoice::new(folds, fold, args.complement).map_err(anyhow::Error::msg)?,
        )),
        _ => Ok(None),
    }
}

fn evaluate(path: &Path, args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let format = match (args.format, &args.html) {
        (Some(format), _) => format,
        (None, Some(_)) => GoldFormat::Html,
        (None, None) => gold::detect_format(path).map_err(|e| {
            let context = format!("cannot load gold data from {}", path.display());
            match e {
                // The options that say what detection cannot tell, which the library does not
                // know: --html is how a ground-truth .json of HTML pages is scored.
                saywho_eval::EvalError::UnknownFormat { .. } => anyhow::anyhow!(
                    "{context}: {e}; name the format with --format, or for a ground-truth file \
                     of HTML pages give their folder with --html DIR"
                ),
                e => anyhow::Error::new(e).context(context),
            }
        })?,
    };
    if format == GoldFormat::Html {
        let set = crate::eval_html::load(path, args.html.as_deref())?;
        let name = args.name.clone().unwrap_or_else(|| default_name(path, format));
        return crate::eval_html::evaluate(&set, &name, args.json, args.errors);
    }
    if format == GoldFormat::Gap {
        return evaluate_gap(path, args, started);
    }
    let mut gold =
        gold::load(path, Some(format)).with_context(|| format!("cannot load gold data from {}", path.display()))?;
    if let Some(choice) = fold_choice(args)? {
        let total = gold.documents.len();
        gold.documents = choice.select(std::mem::take(&mut gold.documents), |d| d.id.as_str());
        gold.notes.push(choice.describe(gold.documents.len(), total));
    }
    if args.list_ids {
        let ids: String = gold.documents.iter().map(|d| format!("{}\n", d.id)).collect();
        emit(&ids)?;
        return Ok(ExitCode::SUCCESS);
    }
    let options = ScoreOptions {
        name: args.name.clone().unwrap_or_else(|| default_name(path, gold.format)),
        errors_at: (args.errors || args.by_class).then_some(ERRORS_AT),
        ..ScoreOptions::default()
    };
    let engine = engine_for(args)?;
    let scored = score(&gold, &options, |id, text| extract_or_panic(&engine, id, text));
    let by_class = args
        .by_class
        .then(|| recall_by_class(&gold, &scored.errors, engine.lexicon()));
    let mut out = String::new();
    if args.json {
        let output = JsonOutput {
            report: &scored.report,
            errors: args.errors.then_some(&scored.errors[..]),
            recall_by_class: by_class.as_deref(),
        };
        out = serde_json::to_string_pretty(&output)? + "\n";
    } else {
        if args.errors {
            write_errors(&mut out, &scored.errors);
        }
        write_table(&mut out, &scored.report, started.elapsed().as_secs_f64());
        if let Some(classes) = &by_class {
            write_classes(&mut out, classes);
        }
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `saywho eval` on a GAP file: pronoun coreference figures.
fn evaluate_gap(path: &Path, args: &EvalArgs, started: Instant) -> anyhow::Result<ExitCode> {
    let mut set = gap::load(path).with_context(|| format!("cannot load GAP data from {}", path.display()))?;
    let mut notes = Vec::new();
    if let Some(choice) = fold_choice(args)? {
        let total = set.examples.len();
        set.examples = choice.select(std::mem::take(&mut set.examples), |e| e.id.as_str());
        notes.push(
            choice
                .describe(set.examples.len(), total)
                .replace("documents", "examples"),
        );
    }
    if args.list_ids {
        let ids: String = set.examples.iter().map(|e| format!("{}\n", e.id)).collect();
        emit(&ids)?;
        return Ok(ExitCode::SUCCESS);
    }
    let engine = engine_for(args)?;
    let scored = gap::score_gap(&set, |text| gap::engine_mentions(&engine, text));
    let name = args.name.clone().unwrap_or_else(|| default_name(path, GoldFormat::Gap));
    let report = gap::dataset_report(&name, &set, scored, notes);
    let out = if args.json {
        serde_json::to_string_pretty(&report)? + "\n"
    } else {
        let mut out = String::new();
        if args.errors {
            write_gap_errors(
                &mut out,
                &set,
                &saywho_eval::gap_errors::diagnose(&engine, &set.examples),
            );
        }
        write_gap_table(&mut out, &report, started.elapsed().as_secs_f64());
        out
    };
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// `ggt-dev` for `ggt_dev.jsonl`, `polnear-dev` for `.../polnear/data/dev`, `seed` for the seed,
/// `litbank` for LitBank.
fn default_name(path: &Path, format: GoldFormat) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("gold");
    match format {
        GoldFormat::Ggt => stem.replace('_', "-"),
        GoldFormat::Polnear => format!("polnear-{stem}"),
        GoldFormat::Seed => "seed".to_string(),
        GoldFormat::Gap => stem.to_string(),
        GoldFormat::Litbank => "litbank".to_string(),
        GoldFormat::Html => "article-extraction".to_string(),
    }
}

fn render_markdown(paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut reports = Vec::with_capacity(paths.len());
    for path in paths {
        let raw = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let report: DatasetReport = serde_json::from_str(&raw)
            .with_context(|| format!("{} is not a report written by `saywho eval --json`", path.display()))?;
        reports.push(report);
    }
    emit(&markdown::accuracy(&reports))?;
    Ok(ExitCode::SUCCESS)
}

fn gate(floors: &Path, shared: Option<&Path>, json: bool, scope: saywho::Scope) -> anyhow::Result<ExitCode> {
    let engine = saywho::Engine::new().with_scope(scope);
    let coref = |text: &str| gap::engine_mentions(&engine, text);
    let outcome = run_gate_with(
        floors,
        shared,
        |id, text| extract_or_panic(&engine, id, text),
        Some(&coref),
        Some(&crate::eval_html::html_text),
    )
    .with_context(|| format!("gate {}", floors.display()))?;
    let findings = match &outcome {
        GateOutcome::Skipped { reason } => {
            // Not an error: CI without the shared data has nothing to check.
            emit(&format!("saywho eval --gate: skipped, shared data absent ({reason})\n"))?;
            return Ok(ExitCode::SUCCESS);
        }
        GateOutcome::Checked { findings, .. } => findings,
    };
    let failures = outcome.failures();
    let mut summary = String::new();
    if failures.is_empty() {
        let _ = writeln!(
            summary,
            "gate passed: {} figures within their floors and ceilings",
            findings.len()
        );
    } else {
        let _ = writeln!(
            summary,
            "gate FAILED: {} of {} figures beyond their floors or ceilings:",
            failures.len(),
            findings.len()
        );
        for f in &failures {
            let _ = writeln!(
                summary,
                "  {} {} = {:.1} {} {:.1}",
                f.dataset,
                f.metric,
                f.value,
                if f.ceiling { ">" } else { "<" },
                f.floor
            );
        }
    }
    if json {
        // stdout stays pure JSON; the verdict goes to stderr.
        emit(&(serde_json::to_string_pretty(findings)? + "\n"))?;
        diag!("{}", summary.trim_end());
    } else {
        let mut out = String::new();
        for f in findings {
            let verdict = if f.passed { "ok  " } else { "FAIL" };
            let _ = writeln!(
                out,
                "{verdict} {:<16} {:<34} {:>6.1}  ({} {:.1})",
                f.dataset,
                f.metric,
                f.value,
                if f.ceiling { "ceiling" } else { "floor" },
                f.floor
            );
        }
        out.push_str(&summary);
        emit(&out)?;
    }
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Writes `text` to standard output. A closed pipe (`saywho eval --errors | head`) ends the
/// output quietly instead of panicking.
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to standard output"),
    }
}

/// The engine's record; an engine error becomes a panic, which the scorer catches and counts
/// as a failed document, so that nothing is dropped silently.
pub(crate) fn extract_or_panic(engine: &saywho::Engine, id: &str, text: &str) -> saywho::Record {
    engine.extract(id, text).unwrap_or_else(|e| panic!("{id}: {e}"))
}
