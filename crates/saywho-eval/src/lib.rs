//! Measuring instruments for saywho: gold loaders (GGT, PolNeAR, seed, GAP, LitBank), one-to-one quote
//! matching, metrics, the gender of the people quoted, pronoun coreference (GAP), k-fold splits, the accuracy gate, main-text extraction from HTML pages (the article-extraction benchmark's metric), the throughput benchmark and the Markdown reports.
//!
//! The library never prints; every failure is an [`EvalError`] naming the file and place.
//! The scorer takes any extractor `Fn(&str, &str) -> saywho::Record`, so tests can pass fakes:
//!
//! ```
//! use saywho_eval::{gold::{Annotations, GoldDocument, GoldFormat, GoldSet}, score, ScoreOptions};
//! let gold = GoldSet::new(GoldFormat::Seed, vec![GoldDocument::default()], Annotations::default());
//! let scored = score(&gold, &ScoreOptions::default(), |id, _text| saywho::Record::new(id.to_string(), vec![], vec![]));
//! assert_eq!(scored.report.predicted_quotes, 0);
//! ```

#![warn(missing_docs)]

pub mod article;
pub mod bench;
pub mod calibration;
pub mod classes;
pub mod error;
mod files;
pub mod folds;
pub mod gap;
pub mod gap_errors;
pub mod gate;
pub mod gender;
pub mod ggt;
pub mod gold;
pub mod litbank;
pub mod markdown;
pub mod matching;
pub mod names;
pub mod pathological;
pub mod polnear;
pub mod ranker_data;
pub mod report;
pub mod score;
pub mod seed;
pub mod span;
pub mod train;

pub use calibration::{expected_calibration_error, Calibration, CalibrationBin};
pub use error::{EvalError, Result};
pub use gold::{GoldDocument, GoldFormat, GoldQuote, GoldSet};
pub use report::{DatasetReport, MetricValue, Prf, Ratio, ThresholdReport};
pub use score::{score, ErrorItem, ErrorKind, ScoreOptions, Scored};
