//! The figures of one scored dataset, as counts and percentages, and their names for floors.

use crate::gold::GoldFormat;
use serde::{Deserialize, Serialize};

/// A count out of a count, with its percentage (`None` when the denominator is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Ratio {
    /// Numerator.
    pub num: usize,
    /// Denominator.
    pub den: usize,
    /// `100 * num / den`, or `None` when `den` is 0.
    pub percent: Option<f64>,
}

impl Ratio {
    /// `num` out of `den`.
    pub fn new(num: usize, den: usize) -> Ratio {
        let percent = (den > 0).then(|| 100.0 * num as f64 / den as f64);
        Ratio { num, den, percent }
    }

    /// The percentage, with an empty denominator read as 0 (nothing right out of nothing).
    pub fn percent_or_zero(&self) -> f64 {
        self.percent.unwrap_or(0.0)
    }
}

/// Precision, recall and F1 of `true_positives` among `predicted` and `gold` items.
///
/// With one-to-one matching F1 is `2·TP / (gold + predicted)`, so it is a [`Ratio`] too.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prf {
    /// True positives over predicted items.
    pub precision: Ratio,
    /// True positives over gold items.
    pub recall: Ratio,
    /// Twice the true positives over gold plus predicted items.
    pub f1: Ratio,
}

impl Prf {
    /// The three figures from the counts.
    pub fn new(true_positives: usize, gold: usize, predicted: usize) -> Prf {
        Prf {
            precision: Ratio::new(true_positives, predicted),
            recall: Ratio::new(true_positives, gold),
            f1: Ratio::new(2 * true_positives, gold + predicted),
        }
    }
}

/// How a report picks one of a [`Prf`]'s figures.
pub type PrfPick = fn(&Prf) -> &Ratio;

/// The three figures of a [`Prf`] by name, in the order reports print them, for tables whose
/// columns are different [`Prf`]s.
///
/// ```
/// use saywho_eval::report::{Prf, PRF_PARTS};
/// let prf = Prf::new(1, 2, 4);
/// let names: Vec<&str> = PRF_PARTS.iter().map(|(name, _)| *name).collect();
/// assert_eq!(names, ["precision", "recall", "F1"]);
/// assert_eq!((PRF_PARTS[1].1)(&prf), &prf.recall);
/// ```
pub const PRF_PARTS: [(&str, PrfPick); 3] = [
    ("precision", |p| &p.precision),
    ("recall", |p| &p.recall),
    ("F1", |p| &p.f1),
];

/// Figures at one overlap threshold. A `None` accuracy means the dataset does not annotate
/// that field (reported as `n/a`), not that it scored 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThresholdReport {
    /// The overlap threshold (0.3 lenient, 0.8 strict).
    pub threshold: f64,
    /// Gold quotes matched one-to-one.
    pub matched: usize,
    /// Quote extraction precision, recall and F1.
    pub quote: Prf,
    /// Matched quotes whose predicted speaker mention overlaps the gold one, over matched quotes
    /// whose gold has a mention span.
    pub speaker_mention: Option<Ratio>,
    /// Matched quotes whose predicted speaker name resolves to the gold speaker, over matched
    /// quotes whose gold has a resolved speaker.
    pub resolved_speaker: Option<Ratio>,
    /// Who said what: matched and speaker resolved right.
    pub who_said_what: Option<Prf>,
    /// Matched quotes with the gold cue (lower-cased, equal), over those whose gold has a cue.
    pub cue: Option<Ratio>,
    /// Matched quotes with the gold channel (case-insensitive), over those whose gold has one.
    pub channel: Option<Ratio>,
    /// Matched quotes with the gold kind, over those whose gold has one.
    pub kind: Option<Ratio>,
}

/// Everything measured on one dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatasetReport {
    /// A label for the dataset (`ggt-dev`, a file name…).
    pub name: String,
    /// The gold format.
    pub format: GoldFormat,
    /// The file or folder read.
    pub source: String,
    /// Documents scored.
    pub documents: usize,
    /// Gold quotes.
    pub gold_quotes: usize,
    /// Predicted quotes (after merging groups where the format asks for it).
    pub predicted_quotes: usize,
    /// Documents on which the extractor panicked (scored as if it found nothing).
    pub panicked_documents: usize,
    /// Exact-span precision, recall and F1 (spans trimmed of quotation marks, punctuation
    /// and white space).
    pub exact: Prf,
    /// Figures at each overlap threshold.
    pub thresholds: Vec<ThresholdReport>,
    /// What the loader and scorer did that a reader should know.
    pub notes: Vec<String>,
    /// Predicted quotes by confidence, at the first scored threshold: how many were right.
    #[serde(default)]
    pub calibration: Vec<crate::CalibrationBin>,
    /// The gender of the people quoted, where the gold lists them by gender (GGT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<crate::gender::GenderReport>,
    /// Pronoun coreference figures, for a GAP data set (which has no quotations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<crate::gap::GapReport>,
    /// Main-text extraction figures, for HTML pages (which have no quotations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<crate::article::ArticleReport>,
}

/// The value of a metric named in a floors file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MetricValue {
    /// A percentage (an empty denominator reads as 0).
    Percent(f64),
    /// A count (pages lost), for a ceiling rather than a floor.
    Count(f64),
    /// The dataset does not annotate what the metric needs.
    NotAnnotated,
}

impl DatasetReport {
    /// The figures at `threshold`, if it was scored.
    pub fn at(&self, threshold: f64) -> Option<&ThresholdReport> {
        self.thresholds.iter().find(|t| (t.threshold - threshold).abs() < 1e-9)
    }

    /// Looks up a metric by name: `exact_precision`, `exact_recall`, `exact_f1`, or
    /// `NAME@THRESHOLD` with NAME one of `quote_precision`, `quote_recall`, `quote_f1`,
    /// `speaker_mention_accuracy`, `resolved_speaker_accuracy`, `who_said_what_precision`,
    /// `who_said_what_recall`, `who_said_what_f1`, `cue_accuracy`, `channel_accuracy`,
    /// `kind_accuracy` (e.g. `quote_f1@0.3`); the gender figures (GGT) `female_source_precision`,
    /// `female_source_recall`, `female_source_f1`, the same with `male_`, and
    /// `female_share_agreement` (100 minus the distance in points between the system's and the
    /// gold's female share); the GAP figures `gap_f1`, `gap_f1_masculine`, `gap_f1_feminine` and
    /// `gap_bias` (feminine F1 over masculine F1, times 100); the HTML main-text figures
    /// `article_f1`, `article_precision`, `article_recall`, `article_accuracy` (percentages) and
    /// `article_lost_pages` (a count). `Err` explains an unknown name or threshold.
    pub fn metric(&self, key: &str) -> Result<MetricValue, String> {
        let percent = |r: &Ratio| MetricValue::Percent(r.percent_or_zero());
        let optional = |r: Option<Ratio>| r.as_ref().map_or(MetricValue::NotAnnotated, percent);
        match key {
            "exact_precision" => return Ok(percent(&self.exact.precision)),
            "exact_recall" => return Ok(percent(&self.exact.recall)),
            "exact_f1" => return Ok(percent(&self.exact.f1)),
            _ => {}
        }
        if let Some(value) = self.gender_or_gap_metric(key) {
            return Ok(value);
        }
        if let Some(value) = self.article_metric(key) {
            return Ok(value);
        }
        let (name, threshold) = key
            .split_once('@')
            .ok_or_else(|| format!("unknown metric {key:?}: expected NAME@THRESHOLD"))?;
        let threshold: f64 = threshold
            .parse()
            .map_err(|_| format!("metric {key:?}: {threshold:?} is not a number"))?;
        let at = self
            .at(threshold)
            .ok_or_else(|| format!("metric {key:?}: threshold {threshold} was not scored"))?;
        let wsw = |pick: fn(&Prf) -> Ratio| optional(at.who_said_what.as_ref().map(pick));
        Ok(match name {
            "quote_precision" => percent(&at.quote.precision),
            "quote_recall" => percent(&at.quote.recall),
            "quote_f1" => percent(&at.quote.f1),
            "speaker_mention_accuracy" => optional(at.speaker_mention),
            "resolved_speaker_accuracy" => optional(at.resolved_speaker),
            "who_said_what_precision" => wsw(|p| p.precision),
            "who_said_what_recall" => wsw(|p| p.recall),
            "who_said_what_f1" => wsw(|p| p.f1),
            "cue_accuracy" => optional(at.cue),
            "channel_accuracy" => optional(at.channel),
            "kind_accuracy" => optional(at.kind),
            _ => return Err(format!("unknown metric {name:?} in {key:?}")),
        })
    }

    /// The HTML main-text metrics by name; `None` for any other name.
    fn article_metric(&self, key: &str) -> Option<MetricValue> {
        let article = |pick: fn(&crate::article::ArticleReport) -> MetricValue| {
            self.article.as_ref().map_or(MetricValue::NotAnnotated, pick)
        };
        Some(match key {
            "article_f1" => article(|a| MetricValue::Percent(100.0 * a.figures.f1)),
            "article_precision" => article(|a| MetricValue::Percent(100.0 * a.figures.precision)),
            "article_recall" => article(|a| MetricValue::Percent(100.0 * a.figures.recall)),
            "article_accuracy" => article(|a| MetricValue::Percent(100.0 * a.figures.accuracy)),
            "article_lost_pages" => article(|a| MetricValue::Count(a.lost as f64)),
            _ => return None,
        })
    }

    /// The gender (GGT) and GAP metrics by name; `None` for any other name.
    fn gender_or_gap_metric(&self, key: &str) -> Option<MetricValue> {
        let gender = |pick: fn(&crate::gender::GenderReport) -> MetricValue| {
            self.gender.as_ref().map_or(MetricValue::NotAnnotated, pick)
        };
        let gap =
            |pick: fn(&crate::gap::GapReport) -> MetricValue| self.gap.as_ref().map_or(MetricValue::NotAnnotated, pick);
        Some(match key {
            "female_source_precision" => gender(|g| MetricValue::Percent(g.female.precision.percent_or_zero())),
            "female_source_recall" => gender(|g| MetricValue::Percent(g.female.recall.percent_or_zero())),
            "female_source_f1" => gender(|g| MetricValue::Percent(g.female.f1.percent_or_zero())),
            "male_source_precision" => gender(|g| MetricValue::Percent(g.male.precision.percent_or_zero())),
            "male_source_recall" => gender(|g| MetricValue::Percent(g.male.recall.percent_or_zero())),
            "male_source_f1" => gender(|g| MetricValue::Percent(g.male.f1.percent_or_zero())),
            "female_share_agreement" => gender(|g| MetricValue::Percent(g.female_share_agreement().unwrap_or(0.0))),
            "gap_f1" => gap(|g| MetricValue::Percent(g.overall.f1.percent_or_zero())),
            "gap_f1_masculine" => gap(|g| MetricValue::Percent(g.masculine.f1.percent_or_zero())),
            "gap_f1_feminine" => gap(|g| MetricValue::Percent(g.feminine.f1.percent_or_zero())),
            "gap_bias" => gap(|g| MetricValue::Percent(100.0 * g.bias().unwrap_or(0.0))),
            _ => return None,
        })
    }
}
