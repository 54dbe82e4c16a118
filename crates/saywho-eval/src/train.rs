//! Training the learned speaker ranker ([`saywho::rank::LearnedRanker`]): a conditional logit
//! over each query's allowed candidates, fitted by full-batch gradient descent with momentum and
//! an L2 penalty.
//!
//! For a query with allowed candidates `A`, right candidates `R ⊆ A` and weights `w`, the model
//! gives candidate `a` the probability `p(a) = exp(w·x(a)) / Σ_{b∈A} exp(w·x(b))`; the loss is
//! `−log Σ_{r∈R} p(r)`, and its gradient `Σ_{a∈A} (p(a) − q(a)) x(a)` where `q` is `p`
//! restricted to `R` and renormalised. Every sum runs in a fixed order in `f64`, so the same
//! samples and options give the same weights on every machine: the shipped weights can be
//! regenerated bit for bit (`scripts/train-ranker`).

use crate::ranker_data::Sample;
use saywho::rank::learned::{feature_name, Vector, DIMENSION};
use std::fmt::Write as _;

/// How to train.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainOptions {
    /// Passes of gradient descent over all samples.
    pub iterations: usize,
    /// Step size.
    pub learning_rate: f64,
    /// Momentum of the steps.
    pub momentum: f64,
    /// L2 penalty on the weights.
    pub l2: f64,
    /// Weigh each source (`gap`, `ggt`, …) as much as the others in total, whatever its size.
    pub balance_sources: bool,
    /// Multipliers of the weight of some sources (after balancing), by source name; 0 leaves
    /// a source out.
    pub source_weights: Vec<(String, f64)>,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            iterations: 400,
            learning_rate: 0.5,
            momentum: 0.9,
            l2: 1e-3,
            balance_sources: true,
            source_weights: Vec::new(),
        }
    }
}

/// The weight of each sample: 1, or under `balance_sources` the same total for each source;
/// times the source's multiplier.
fn sample_weights(samples: &[Sample], options: &TrainOptions) -> Vec<f64> {
    let multiplier = |s: &Sample| {
        options
            .source_weights
            .iter()
            .find(|(name, _)| *name == s.source)
            .map_or(1.0, |x| x.1)
    };
    if !options.balance_sources {
        return samples.iter().map(multiplier).collect();
    }
    let mut sources: Vec<(&str, usize)> = Vec::new();
    for s in samples {
        match sources.iter_mut().find(|(name, _)| *name == s.source) {
            Some((_, n)) => *n += 1,
            None => sources.push((&s.source, 1)),
        }
    }
    let share = samples.len() as f64 / sources.len().max(1) as f64;
    samples
        .iter()
        .map(|s| {
            let n = sources.iter().find(|(name, _)| *name == s.source).map_or(1, |x| x.1);
            share / n as f64 * multiplier(s)
        })
        .collect()
}

fn dot(w: &[f64; DIMENSION], x: &Vector) -> f64 {
    w.iter().zip(x).map(|(w, &x)| w * f64::from(x)).sum()
}

/// Adds the gradient of one sample's loss, times `weight`, to `grad`; returns the loss.
fn accumulate(w: &[f64; DIMENSION], s: &Sample, weight: f64, grad: &mut [f64; DIMENSION]) -> f64 {
    let scores: Vec<Option<f64>> = s
        .vectors
        .iter()
        .zip(&s.allowed)
        .map(|(x, &ok)| ok.then(|| dot(w, x)))
        .collect();
    let Some(max) = scores.iter().flatten().copied().reduce(f64::max) else {
        return 0.0;
    };
    let exp: Vec<f64> = scores.iter().map(|s| s.map_or(0.0, |s| (s - max).exp())).collect();
    let total: f64 = exp.iter().sum();
    let right: f64 = exp.iter().zip(&s.gold).filter(|(_, &g)| g).map(|(e, _)| e).sum();
    if right <= 0.0 || total <= 0.0 {
        return 0.0;
    }
    for ((x, e), &g) in s.vectors.iter().zip(&exp).zip(&s.gold) {
        let p = e / total;
        let q = if g { e / right } else { 0.0 };
        let d = weight * (p - q);
        if d != 0.0 {
            for (gi, &xi) in grad.iter_mut().zip(x) {
                *gi += d * f64::from(xi);
            }
        }
    }
    -weight * (right / total).ln()
}

/// Fits weights to `samples` (see the module documentation).
pub fn train(samples: &[Sample], options: &TrainOptions) -> Vector {
    let weights = sample_weights(samples, options);
    let total: f64 = weights.iter().sum::<f64>().max(1.0);
    let mut w = [0.0f64; DIMENSION];
    let mut velocity = [0.0f64; DIMENSION];
    for _ in 0..options.iterations {
        let mut grad = [0.0f64; DIMENSION];
        for (s, &sw) in samples.iter().zip(&weights) {
            accumulate(&w, s, sw, &mut grad);
        }
        for i in 0..DIMENSION {
            let g = grad[i] / total + options.l2 * w[i];
            velocity[i] = options.momentum * velocity[i] - options.learning_rate * g;
            w[i] += velocity[i];
        }
    }
    w.map(|x| x as f32)
}

/// The fraction of `samples` whose best allowed candidate under `weights` is right (the first
/// on ties, as the ranker chooses), as (right, total).
pub fn accuracy(samples: &[Sample], weights: &Vector) -> (usize, usize) {
    let w = weights.map(f64::from);
    let right = samples
        .iter()
        .filter(|s| {
            let mut best: Option<(usize, f64)> = None;
            for (i, (x, &ok)) in s.vectors.iter().zip(&s.allowed).enumerate() {
                let score = dot(&w, x);
                if ok && best.is_none_or(|(_, b)| score > b) {
                    best = Some((i, score));
                }
            }
            best.is_some_and(|(i, _)| s.gold[i])
        })
        .count();
    (right, samples.len())
}

/// The weights as the file [`saywho::rank::LearnedRanker::parse`] reads: `#` lines of
/// provenance, then `name<TAB>weight`, weights with 6 decimals.
pub fn to_tsv(weights: &Vector, provenance: &[String]) -> String {
    let mut out = String::new();
    for line in provenance {
        let _ = writeln!(out, "# {line}");
    }
    for (i, w) in weights.iter().enumerate() {
        // "-0.000000" and "0.000000" are the same weight: write one.
        let w = if w.abs() < 5e-7 { 0.0 } else { *w };
        let _ = writeln!(out, "{}\t{w:.6}", feature_name(i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use saywho::rank::QueryKind;

    /// A query of two allowed candidates, feature 0 set on the right one when `separable`.
    fn toy(i: usize, right_first: bool) -> Sample {
        let mut a = [0.0; DIMENSION];
        let mut b = [0.0; DIMENSION];
        // Feature 0 marks the right candidate; feature 1 is noise, the same on both.
        let noise = (i % 3) as f32;
        a[1] = noise;
        b[1] = noise;
        if right_first {
            a[0] = 1.0;
        } else {
            b[0] = 1.0;
        }
        Sample {
            source: if i % 2 == 0 { "x" } else { "y" }.to_string(),
            doc: format!("d{i}"),
            tok: 0,
            kind: QueryKind::Pronoun,
            vectors: vec![a, b],
            allowed: vec![true, true],
            gold: vec![right_first, !right_first],
            names: vec!["A".into(), "B".into()],
        }
    }

    #[test]
    fn learns_a_separable_problem() {
        let samples: Vec<Sample> = (0..40).map(|i| toy(i, i % 4 != 0)).collect();
        // Before training every score ties and the first candidate wins: wrong on a quarter.
        assert_eq!(accuracy(&samples, &[0.0; DIMENSION]), (30, 40));
        let w = train(&samples, &TrainOptions::default());
        assert_eq!(accuracy(&samples, &w), (40, 40));
        assert!(w[0] > 1.0, "the marking feature weighs {}", w[0]);
        assert!(w[1].abs() < 1e-3, "the noise weighs {}", w[1]);
        // Deterministic.
        assert_eq!(w, train(&samples, &TrainOptions::default()));
    }

    #[test]
    fn disallowed_candidates_are_never_chosen() {
        let mut s = toy(0, false);
        s.allowed = vec![true, false];
        s.gold = vec![false, true];
        assert_eq!(accuracy(&[s], &[0.0; DIMENSION]), (0, 1));
    }

    #[test]
    fn weights_round_trip_through_the_file() {
        let samples: Vec<Sample> = (0..8).map(|i| toy(i, i % 2 == 0)).collect();
        let w = train(&samples, &TrainOptions::default());
        let tsv = to_tsv(&w, &["toy".to_string()]);
        let ranker = saywho::rank::LearnedRanker::parse(&tsv).expect("parses");
        for (a, b) in ranker.weights().iter().zip(&w) {
            assert!((a - b).abs() < 1e-6);
        }
    }
}
