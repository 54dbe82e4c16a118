//! Words as written, with their [`cased`](super::cased) bits, and a bit table that rules most
//! other words out before the hash table is asked.
//!
//! The name finder and coreference ask of nearly every capitalised word whether it is one of
//! these few thousand ("Hydro", "Street", "Lake"), and nearly every answer is no: hashing the
//! word and probing the table cost some 70 instructions a question. A word's first two and last
//! two bytes and its length, in a [`ShapeFilter`], say no for most words at a
//! few instructions, and the table answers the rest, so every answer is the table's.

use crate::shape_filter::ShapeFilter;
use rustc_hash::FxHashMap;

/// The words as written and the filter of their shapes.
#[derive(Debug)]
pub(super) struct CasedWords {
    bits: FxHashMap<Box<str>, u32>,
    /// [`shape_key`] of each word of `bits`.
    filter: ShapeFilter,
}

/// The shape of `word` (not empty): its first two and last two bytes and its length.
#[inline(always)]
fn shape_key(word: &[u8]) -> u64 {
    let (len, at) = (word.len(), |i: usize| u64::from(word[i]));
    at(0) | at(1.min(len - 1)) << 8 | at(len.saturating_sub(2)) << 16 | at(len - 1) << 24 | (len as u64) << 32
}

impl CasedWords {
    pub(super) fn new(bits: FxHashMap<Box<str>, u32>) -> CasedWords {
        let filter = ShapeFilter::new(bits.keys().filter(|w| !w.is_empty()).map(|w| shape_key(w.as_bytes())));
        CasedWords { bits, filter }
    }

    /// The bits of `word` as written; zero for a word not listed.
    // The filter inlined, the table's look-up out of line: a call whose body hashed and probed
    // cost more in saving and restoring registers than the filter's test.
    #[inline(always)]
    pub(super) fn get(&self, word: &str) -> u32 {
        if !word.is_empty() && !self.filter.may_hold(shape_key(word.as_bytes())) {
            return 0;
        }
        self.look_up(word)
    }

    #[inline(never)]
    fn look_up(&self, word: &str) -> u32 {
        self.bits.get(word).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_passes_the_filter_and_others_are_looked_up() {
        let words: FxHashMap<Box<str>, u32> = [("Hydro", 1), ("Street", 4), ("", 2), ("I", 8)]
            .into_iter()
            .map(|(w, b)| (Box::from(w), b))
            .collect();
        let cased = CasedWords::new(words.clone());
        for (w, &b) in &words {
            assert_eq!(cased.get(w), b, "{w:?}");
        }
        for w in ["hydro", "Streets", "Hydra", "J", "Ontario"] {
            assert_eq!(cased.get(w), 0, "{w:?}");
        }
    }
}
