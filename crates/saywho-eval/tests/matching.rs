//! Spans, overlap thresholds, one-to-one greedy matching and exact-span matching.

use saywho_eval::matching::{exact_matches, match_quotes};
use saywho_eval::span::{trim_span, Span, SpanSet};

/// Spans as `(start, end)` pairs, for compact tables.
type Pairs = &'static [(usize, usize)];

fn set(spans: &[(usize, usize)]) -> SpanSet {
    SpanSet::from_fragments(spans.iter().map(|&(s, e)| Span { start: s, end: e }))
}

#[test]
fn span_sets_merge_and_measure_overlap() {
    // (fragments, other, expected len, expected overlap)
    let cases: &[(Pairs, Pairs, usize, usize)] = &[
        (&[(0, 10)], &[(5, 20)], 10, 5),
        (&[(0, 10), (5, 15)], &[(0, 100)], 15, 15), // overlapping fragments merge
        (&[(0, 10), (20, 30)], &[(5, 25)], 20, 10), // the gap between fragments is not counted
        (&[(0, 10), (10, 12)], &[(11, 12)], 12, 1), // touching fragments merge
        (&[(3, 3)], &[(0, 10)], 0, 0),              // empty fragment dropped
        (&[(0, 5)], &[(5, 10)], 5, 0),              // half-open: touching is no overlap
    ];
    for (i, (fragments, other, len, overlap)) in cases.iter().enumerate() {
        let a = set(fragments);
        assert_eq!(a.len(), *len, "case {i} len");
        assert_eq!(a.overlap(&set(other)), *overlap, "case {i} overlap");
        assert_eq!(set(other).overlap(&a), *overlap, "case {i} overlap is symmetric");
    }
}

#[test]
fn thresholds_are_strictly_more_than_a_share_of_the_gold_span() {
    // gold 0..100; (predicted, threshold, matches?)
    let cases: &[((usize, usize), f64, bool)] = &[
        ((0, 31), 0.3, true),
        ((0, 30), 0.3, false), // exactly 30% is not more than 30%
        ((69, 200), 0.3, true),
        ((0, 81), 0.8, true),
        ((0, 80), 0.8, false),
        ((10, 90), 0.8, false),
        ((0, 1000), 0.8, true), // a prediction much longer than the gold still covers it
        ((100, 200), 0.0, false),
    ];
    let gold = [set(&[(0, 100)])];
    for (i, (predicted, threshold, expected)) in cases.iter().enumerate() {
        let matches = match_quotes(&gold, &[set(&[*predicted])], *threshold);
        assert_eq!(!matches.is_empty(), *expected, "case {i}: {predicted:?} at {threshold}");
    }
}

#[test]
fn greedy_matching_is_one_to_one_and_takes_the_largest_overlap_first() {
    // (gold, predicted, threshold, expected (gold, predicted) pairs)
    type Case = (
        &'static [(usize, usize)],
        &'static [(usize, usize)],
        f64,
        &'static [(usize, usize)],
    );
    let cases: &[Case] = &[
        // one prediction covering two gold quotes matches only the one it overlaps most
        (&[(0, 10), (10, 40)], &[(0, 40)], 0.3, &[(1, 0)]),
        // two predictions on one gold: the larger overlap wins, the other is unmatched
        (&[(0, 100)], &[(0, 40), (40, 100)], 0.3, &[(0, 1)]),
        // the largest pair goes first even though gold 0 comes first
        (&[(0, 50), (40, 140)], &[(30, 140)], 0.3, &[(1, 0)]),
        // with that prediction taken, gold 0 falls back to its second choice
        (&[(0, 50), (40, 140)], &[(30, 140), (0, 45)], 0.3, &[(0, 1), (1, 0)]),
        // identical duplicates pair off in order
        (&[(5, 9), (5, 9)], &[(5, 9), (5, 9)], 0.8, &[(0, 0), (1, 1)]),
        // an empty (unlocated) gold span never matches
        (&[(7, 7)], &[(0, 10)], 0.3, &[]),
    ];
    for (i, (gold, predicted, threshold, expected)) in cases.iter().enumerate() {
        let gold: Vec<SpanSet> = gold.iter().map(|s| set(&[*s])).collect();
        let predicted: Vec<SpanSet> = predicted.iter().map(|s| set(&[*s])).collect();
        let pairs: Vec<(usize, usize)> = match_quotes(&gold, &predicted, *threshold)
            .iter()
            .map(|m| (m.gold, m.predicted))
            .collect();
        assert_eq!(pairs, *expected, "case {i}");
    }
}

#[test]
fn trimming_drops_quote_marks_punctuation_and_space_at_both_ends() {
    let text: Vec<char> = "He said: “We will win,” and left. ‘x’".chars().collect();
    // (span, expected trimmed span)
    let cases = [
        ((9, 23), (10, 21)),   // “We will win,” -> We will win
        ((10, 21), (10, 21)),  // already trimmed
        ((7, 10), (10, 10)),   // ": “" is all punctuation: empty at the first non-trimmable
        ((34, 37), (35, 36)),  // ‘x’
        ((30, 500), (30, 36)), // clamped to the 37-character text, then the final ’ dropped
    ];
    for (i, ((s, e), (ts, te))) in cases.into_iter().enumerate() {
        let trimmed = trim_span(&text, Span { start: s, end: e });
        assert_eq!((trimmed.start, trimmed.end), (ts, te), "case {i}");
    }
}

#[test]
fn exact_matches_count_each_prediction_once() {
    let cases: &[(Pairs, Pairs, usize)] = &[
        (&[(0, 5), (10, 20)], &[(0, 5), (10, 20)], 2),
        (&[(0, 5), (0, 5)], &[(0, 5)], 1),
        (&[(0, 5)], &[(0, 6)], 0),
        (&[(3, 3)], &[(3, 3)], 0), // empty gold never counts
    ];
    for (i, (gold, predicted, expected)) in cases.iter().enumerate() {
        let gold: Vec<SpanSet> = gold.iter().map(|s| set(&[*s])).collect();
        let predicted: Vec<SpanSet> = predicted.iter().map(|s| set(&[*s])).collect();
        assert_eq!(exact_matches(&gold, &predicted), *expected, "case {i}");
    }
}
