//! The accuracy gate: floors for headline figures, kept in one JSON file, checked against
//! fresh scores. See `gate/floors.json` for the file and `docs/EVALUATION.md` for its rules.

use crate::article::{self, ArticlePage};
use crate::error::{EvalError, Result};
use crate::gap::{self, CorefMention};
use crate::gold::{self, GoldFormat};
use crate::report::{DatasetReport, MetricValue};
use crate::score::{score, ScoreOptions};
use saywho::Record;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A floors file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floors {
    /// Free text for people (JSON has no comments).
    #[serde(default)]
    pub comment: Option<serde_json::Value>,
    /// Where the shared data lives, relative to the floors file's folder.
    #[serde(default)]
    pub shared_dir: Option<PathBuf>,
    /// One entry per gold dataset.
    pub datasets: Vec<DatasetFloors>,
}

/// The floors of one dataset.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetFloors {
    /// Label in reports (`ggt-dev`).
    pub name: String,
    /// Its gold format.
    pub format: GoldFormat,
    /// Its path, relative to the shared folder.
    pub path: PathBuf,
    /// Metric name (see [`DatasetReport::metric`]) to the lowest acceptable percentage.
    #[serde(default)]
    pub floors: BTreeMap<String, f64>,
    /// Metric name to the highest acceptable value (a count of pages lost, say).
    #[serde(default)]
    pub ceilings: BTreeMap<String, f64>,
}

/// One metric checked against its floor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The dataset's label.
    pub dataset: String,
    /// The metric's name.
    pub metric: String,
    /// The measured percentage.
    pub value: f64,
    /// The floor (or the ceiling, when `ceiling` is set).
    pub floor: f64,
    /// `floor` is a ceiling: the value must be at most it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ceiling: bool,
    /// `value >= floor` (`value <= floor` for a ceiling).
    pub passed: bool,
}

/// What a gate run found.
#[derive(Debug, Clone, PartialEq)]
pub enum GateOutcome {
    /// The shared data is not there; nothing was checked.
    Skipped {
        /// Why, for the message.
        reason: String,
    },
    /// Every dataset was scored and checked.
    Checked {
        /// The reports, in the floors file's order.
        reports: Vec<DatasetReport>,
        /// Every floor checked.
        findings: Vec<Finding>,
    },
}

impl GateOutcome {
    /// The findings below their floor (none when skipped).
    pub fn failures(&self) -> Vec<&Finding> {
        match self {
            GateOutcome::Skipped { .. } => Vec::new(),
            GateOutcome::Checked { findings, .. } => findings.iter().filter(|f| !f.passed).collect(),
        }
    }
}

/// Reads a floors file.
pub fn load_floors(path: &Path) -> Result<Floors> {
    let raw = crate::files::read_text(path)?;
    serde_json::from_str(&raw).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        location: "whole file".into(),
        source,
    })
}

/// Checks `report` against `floors` (and its ceilings). Any panic of the extractor fails the gate too. An unknown
/// metric, or one the dataset does not annotate, is an error rather than a silent pass.
pub fn check(floors: &DatasetFloors, report: &DatasetReport) -> Result<Vec<Finding>> {
    let mut findings = Vec::with_capacity(floors.floors.len() + floors.ceilings.len() + 1);
    let bounds = floors
        .floors
        .iter()
        .map(|(metric, bound)| (metric, *bound, false))
        .chain(floors.ceilings.iter().map(|(metric, bound)| (metric, *bound, true)));
    for (metric, bound, ceiling) in bounds {
        let bad = |message: String| EvalError::Floor {
            dataset: floors.name.clone(),
            message,
        };
        let value = match report.metric(metric).map_err(bad)? {
            MetricValue::Percent(value) | MetricValue::Count(value) => value,
            MetricValue::NotAnnotated => {
                return Err(bad(format!("{metric} is not available: the gold does not annotate it")))
            }
        };
        findings.push(Finding {
            dataset: floors.name.clone(),
            metric: metric.clone(),
            value,
            floor: bound,
            ceiling,
            passed: if ceiling { value <= bound } else { value >= bound },
        });
    }
    if report.panicked_documents > 0 {
        findings.push(Finding {
            dataset: floors.name.clone(),
            metric: "panicked_documents (must be 0)".into(),
            value: report.panicked_documents as f64,
            floor: 0.0,
            ceiling: true,
            passed: false,
        });
    }
    Ok(findings)
}

/// The shared folder: `shared` when given, else the floors file's `shared_dir` (relative to
/// the floors file's folder), else `../shared` relative to the folder above the floors file's
/// (the repository root when the file is `gate/floors.json`).
pub fn shared_dir(floors_path: &Path, floors: &Floors, shared: Option<&Path>) -> PathBuf {
    if let Some(shared) = shared {
        return shared.to_path_buf();
    }
    let floors_dir = floors_path.parent().unwrap_or_else(|| Path::new("."));
    let floors_dir = if floors_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        floors_dir
    };
    match &floors.shared_dir {
        Some(dir) => floors_dir.join(dir),
        None => floors_dir.join("../../shared"),
    }
}

/// Runs the gate: loads every dataset the floors name from the shared folder, scores
/// `extract` on it and checks the floors. When `<shared>/data` is absent it returns
/// [`GateOutcome::Skipped`]; a dataset missing while the folder exists is an error.
/// A floors file naming a GAP data set needs [`run_gate_with_coref`]; here it is an error.
pub fn run_gate<F>(floors_path: &Path, shared: Option<&Path>, extract: F) -> Result<GateOutcome>
where
    F: Fn(&str, &str) -> Record + Sync,
{
    run_gate_with_coref(floors_path, shared, extract, None)
}

/// The resolver a GAP data set is scored with: a passage's resolved mentions (see
/// [`crate::gap::score_gap`]).
pub type Coref<'a> = &'a (dyn Fn(&str) -> std::result::Result<Vec<CorefMention>, String> + Sync);

/// The main-text extractor an HTML data set is scored with (see
/// [`crate::article::score_articles`]).
pub type HtmlText<'a> = &'a (dyn Fn(&ArticlePage) -> std::result::Result<String, String> + Sync);

/// [`run_gate`], with `coref` to score the GAP data sets the floors name.
pub fn run_gate_with_coref<F>(
    floors_path: &Path,
    shared: Option<&Path>,
    extract: F,
    coref: Option<Coref<'_>>,
) -> Result<GateOutcome>
where
    F: Fn(&str, &str) -> Record + Sync,
{
    run_gate_with(floors_path, shared, extract, coref, None)
}

/// [`run_gate_with_coref`], with `html` to score the HTML main-text data sets the floors name.
pub fn run_gate_with<F>(
    floors_path: &Path,
    shared: Option<&Path>,
    extract: F,
    coref: Option<Coref<'_>>,
    html: Option<HtmlText<'_>>,
) -> Result<GateOutcome>
where
    F: Fn(&str, &str) -> Record + Sync,
{
    let floors = load_floors(floors_path)?;
    let shared = shared_dir(floors_path, &floors, shared);
    if !shared.join("data").is_dir() {
        return Ok(GateOutcome::Skipped {
            reason: format!("{} not found", shared.join("data").display()),
        });
    }
    let mut reports = Vec::new();
    let mut findings = Vec::new();
    for dataset in &floors.datasets {
        let path = shared.join(&dataset.path);
        if dataset.format == GoldFormat::Gap {
            let coref = coref.ok_or_else(|| EvalError::Floor {
                dataset: dataset.name.clone(),
                message: "a GAP data set needs a coreference resolver (run_gate_with_coref)".into(),
            })?;
            let set = gap::load(&path)?;
            let report = gap::dataset_report(&dataset.name, &set, gap::score_gap(&set, coref), Vec::new());
            findings.extend(check(dataset, &report)?);
            reports.push(report);
            continue;
        }
        if dataset.format == GoldFormat::Html {
            let html = html.ok_or_else(|| EvalError::Floor {
                dataset: dataset.name.clone(),
                message: "an HTML data set needs a main-text extractor (run_gate_with)".into(),
            })?;
            let set = article::load(&path)?;
            let (scored, _) = article::score_articles(&set, html);
            let report = article::dataset_report(&dataset.name, &set, scored, Vec::new());
            findings.extend(check(dataset, &report)?);
            reports.push(report);
            continue;
        }
        let gold = gold::load(&path, Some(dataset.format))?;
        let options = ScoreOptions {
            name: dataset.name.clone(),
            ..ScoreOptions::default()
        };
        let report = score(&gold, &options, &extract).report;
        findings.extend(check(dataset, &report)?);
        reports.push(report);
    }
    Ok(GateOutcome::Checked { reports, findings })
}
