//! Calibration: of the quotes the engine gives a confidence, how many are right?
//!
//! Each predicted quote (after the dataset's group merging) falls in the bin of its
//! confidence, rounded to two decimals as the output rounds it. A bin counts the quotes, those
//! that match a gold quote at the first scored overlap threshold, and those whose speaker is
//! also right (who-said-what). A well-calibrated engine has `matched / quotes` close to the
//! bin's confidence; [`CalibrationBin::gap`] is the difference.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The quotes given one confidence value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CalibrationBin {
    /// The confidence, in [0, 1], two decimals.
    pub confidence: f64,
    /// Predicted quotes given it.
    pub quotes: usize,
    /// Of those, quotes matching a gold quote.
    pub matched: usize,
    /// Of those, quotes matching a gold quote with the right speaker: the gold's resolved name
    /// where it has one, else its speaker mention overlapped; a gold quote credited to nobody
    /// is right when no speaker is predicted.
    pub speaker_right: usize,
}

impl CalibrationBin {
    /// The share of quotes that match, in [0, 1].
    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.quotes.max(1) as f64
    }

    /// The share of quotes right in quote and speaker, in [0, 1].
    pub fn who_said_what_precision(&self) -> f64 {
        self.speaker_right as f64 / self.quotes.max(1) as f64
    }

    /// Precision minus confidence: positive when the engine is too modest.
    pub fn gap(&self) -> f64 {
        self.precision() - self.confidence
    }
}

/// Collects bins over documents.
#[derive(Debug, Clone, Default)]
pub struct Calibration {
    bins: BTreeMap<u32, CalibrationBin>,
}

impl Calibration {
    /// Counts one predicted quote.
    ///
    /// ```
    /// let mut c = saywho_eval::Calibration::default();
    /// c.count(0.9, true, true);
    /// c.count(0.9, false, false);
    /// c.count(0.5, true, false);
    /// let bins = c.bins();
    /// assert_eq!((bins[1].confidence, bins[1].quotes, bins[1].matched), (0.9, 2, 1));
    /// assert!((bins[1].gap() - (0.5 - 0.9)).abs() < 1e-9);
    /// ```
    pub fn count(&mut self, confidence: f32, matched: bool, speaker_right: bool) {
        let hundredths = (f64::from(confidence.clamp(0.0, 1.0)) * 100.0).round() as u32;
        let bin = self.bins.entry(hundredths).or_insert(CalibrationBin {
            confidence: f64::from(hundredths) / 100.0,
            quotes: 0,
            matched: 0,
            speaker_right: 0,
        });
        bin.quotes += 1;
        bin.matched += usize::from(matched);
        bin.speaker_right += usize::from(matched && speaker_right);
    }

    /// Adds another collection's counts.
    pub fn merge(&mut self, other: &Calibration) {
        for bin in other.bins.values() {
            let hundredths = (bin.confidence * 100.0).round() as u32;
            let mine = self.bins.entry(hundredths).or_insert(CalibrationBin {
                quotes: 0,
                matched: 0,
                speaker_right: 0,
                ..*bin
            });
            mine.quotes += bin.quotes;
            mine.matched += bin.matched;
            mine.speaker_right += bin.speaker_right;
        }
    }

    /// The bins, by rising confidence.
    pub fn bins(&self) -> Vec<CalibrationBin> {
        self.bins.values().copied().collect()
    }
}

/// The expected calibration error: the quote-weighted mean of |precision − confidence|, in
/// [0, 1]. Zero for an empty list.
///
/// ```
/// use saywho_eval::{expected_calibration_error, CalibrationBin};
/// let bins = [CalibrationBin { confidence: 0.9, quotes: 10, matched: 8, speaker_right: 7 },
///             CalibrationBin { confidence: 0.5, quotes: 10, matched: 5, speaker_right: 2 }];
/// assert!((expected_calibration_error(&bins) - 0.05).abs() < 1e-9);
/// ```
pub fn expected_calibration_error(bins: &[CalibrationBin]) -> f64 {
    let total: usize = bins.iter().map(|b| b.quotes).sum();
    if total == 0 {
        return 0.0;
    }
    bins.iter().map(|b| b.gap().abs() * b.quotes as f64).sum::<f64>() / total as f64
}
