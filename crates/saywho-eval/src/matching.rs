//! One-to-one matching of gold and predicted quotations.
//!
//! The GGT convention (its `evaluate_quotes.py`): a gold quote and a predicted one may match
//! when the characters they share cover **more than** `threshold` of the gold span (0.3 lenient,
//! 0.8 strict). Pairs are then taken greedily, largest overlap (in characters) first, each gold
//! and each predicted quote used at most once; ties go to the earlier gold, then the earlier
//! prediction, so results never depend on thread timing.

use crate::span::SpanSet;
use std::collections::HashMap;

/// A matched pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index into the gold list.
    pub gold: usize,
    /// Index into the predicted list.
    pub predicted: usize,
    /// Code points both cover.
    pub overlap: usize,
}

/// The greedy one-to-one matching at `threshold`, sorted by gold index.
pub fn match_quotes(gold: &[SpanSet], predicted: &[SpanSet], threshold: f64) -> Vec<Match> {
    let mut candidates = Vec::new();
    for (g, gold_span) in gold.iter().enumerate() {
        let gold_len = gold_span.len();
        if gold_len == 0 {
            continue;
        }
        for (p, predicted_span) in predicted.iter().enumerate() {
            let overlap = gold_span.overlap(predicted_span);
            if overlap > 0 && overlap as f64 / gold_len as f64 > threshold {
                candidates.push(Match {
                    gold: g,
                    predicted: p,
                    overlap,
                });
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.overlap
            .cmp(&a.overlap)
            .then(a.gold.cmp(&b.gold))
            .then(a.predicted.cmp(&b.predicted))
    });
    let mut gold_used = vec![false; gold.len()];
    let mut predicted_used = vec![false; predicted.len()];
    let mut matches = Vec::new();
    for candidate in candidates {
        if gold_used[candidate.gold] || predicted_used[candidate.predicted] {
            continue;
        }
        gold_used[candidate.gold] = true;
        predicted_used[candidate.predicted] = true;
        matches.push(candidate);
    }
    matches.sort_by_key(|m| m.gold);
    matches
}

/// How many gold spans have a predicted span exactly equal to them, each prediction counted
/// once. Callers pass spans already trimmed with [`SpanSet::trimmed`]; empty gold spans never
/// count.
pub fn exact_matches(gold: &[SpanSet], predicted: &[SpanSet]) -> usize {
    let mut available: HashMap<&SpanSet, usize> = HashMap::new();
    for span in predicted {
        *available.entry(span).or_default() += 1;
    }
    let mut found = 0;
    for span in gold.iter().filter(|s| !s.is_empty()) {
        if let Some(count) = available.get_mut(span) {
            if *count > 0 {
                *count -= 1;
                found += 1;
            }
        }
    }
    found
}
