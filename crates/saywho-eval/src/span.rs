//! Code-point spans, unions of spans, and the trimming used by exact-span matching.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of Unicode code points (Python `str` indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`, or `None` when `start > end`.
    pub fn new(start: usize, end: usize) -> Option<Span> {
        (start <= end).then_some(Span { start, end })
    }

    /// Number of code points covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// Number of code points both spans cover.
    pub fn intersection_len(&self, other: &Span) -> usize {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        end.saturating_sub(start)
    }
}

/// A union of spans, kept sorted and disjoint: a discontinuous quotation (PolNeAR's
/// `315 448;463 553`, or a quote that its attribution cuts in two) is one item of this kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SpanSet {
    fragments: Vec<Span>,
}

impl SpanSet {
    /// The union of `fragments`: empty ones are dropped, overlapping or touching ones merged.
    pub fn from_fragments(fragments: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut sorted: Vec<Span> = fragments.into_iter().filter(|s| !s.is_empty()).collect();
        sorted.sort();
        let mut merged: Vec<Span> = Vec::with_capacity(sorted.len());
        for span in sorted {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        SpanSet { fragments: merged }
    }

    /// A set of one span (empty when the span is).
    pub fn single(span: Span) -> SpanSet {
        SpanSet::from_fragments([span])
    }

    /// The disjoint fragments, in text order.
    pub fn fragments(&self) -> &[Span] {
        &self.fragments
    }

    /// Total number of code points covered.
    pub fn len(&self) -> usize {
        self.fragments.iter().map(Span::len).sum()
    }

    /// True when nothing is covered (for instance a gold quote that could not be located).
    pub fn is_empty(&self) -> bool {
        self.fragments.is_empty()
    }

    /// The smallest single span covering every fragment.
    pub fn hull(&self) -> Option<Span> {
        let first = self.fragments.first()?;
        let last = self.fragments.last()?;
        Some(Span {
            start: first.start,
            end: last.end,
        })
    }

    /// Number of code points covered by both sets.
    pub fn overlap(&self, other: &SpanSet) -> usize {
        // Both lists are sorted and disjoint, so a merge walk visits each pair that can meet.
        let (mut i, mut j, mut total) = (0, 0, 0);
        while i < self.fragments.len() && j < other.fragments.len() {
            let (a, b) = (&self.fragments[i], &other.fragments[j]);
            total += a.intersection_len(b);
            if a.end <= b.end {
                i += 1;
            } else {
                j += 1;
            }
        }
        total
    }

    /// Each fragment with [`trim_span`] applied: the form compared by exact-span matching.
    pub fn trimmed(&self, chars: &[char]) -> SpanSet {
        SpanSet::from_fragments(self.fragments.iter().map(|s| trim_span(chars, *s)))
    }
}

/// True for the characters exact-span matching ignores at either end of a span: white space,
/// punctuation and every kind of quotation mark (straight, curly, low-9, guillemets, primes).
pub fn is_trimmable(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{2018}'..='\u{201F}' // ‘ ’ ‚ ‛ “ ” „ ‟
                | '\u{2032}'..='\u{2037}' // primes used as quote marks
                | '\u{00AB}' | '\u{00BB}' | '\u{2039}' | '\u{203A}' // guillemets
                | '\u{2013}' | '\u{2014}' | '\u{2026}' // en dash, em dash, ellipsis
                | '\u{00A0}'
        )
}

/// `span` shrunk from both sides past [`is_trimmable`] characters; clamped to the text, so a
/// span reaching past the end of the text (an engine bug) never panics.
pub fn trim_span(chars: &[char], span: Span) -> Span {
    let mut end = span.end.min(chars.len());
    let mut start = span.start.min(end);
    while start < end && is_trimmable(chars[start]) {
        start += 1;
    }
    while end > start && is_trimmable(chars[end - 1]) {
        end -= 1;
    }
    Span { start, end }
}

/// Maps code-point offsets of one text to byte offsets, to slice it by code points.
#[derive(Debug, Clone)]
pub struct CharIndex<'t> {
    text: &'t str,
    byte_of_char: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of_char.push(text.len());
        CharIndex { text, byte_of_char }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.byte_of_char.len() - 1
    }

    /// The text of code points `[start, end)`, clamped to the text.
    pub fn slice(&self, start: usize, end: usize) -> &'t str {
        let last = self.char_len();
        let end = end.min(last);
        let start = start.min(end);
        &self.text[self.byte_of_char[start]..self.byte_of_char[end]]
    }
}
