//! A bit table of keys that says "not there" for most keys never inserted, at a few
//! instructions, before a hash table is asked. The callers key a word or a name by its shape
//! (a few bytes and its length): the words as written of the lexicon
//! (`lexicon/cased_words.rs`) and the place table (`places.rs`), asked of nearly every
//! capitalised word or name, nearly always in vain.

/// Bits of the table: with a few thousand keys, about one bit in ten is set.
const BITS: usize = 1 << 16;

/// The bits of the inserted keys' hashes.
#[derive(Debug)]
pub(crate) struct ShapeFilter {
    bits: Box<[u64; BITS / 64]>,
}

/// The multiplier of the hashing: the high bits of the product mix every bit of the key.
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// The bit of `key` in the table.
#[inline(always)]
fn bit(key: u64) -> usize {
    (key.wrapping_mul(MIX) >> 48) as usize
}

/// The bit of `key` in a table of one word (64 bits), by the same hashing: for the few keys of
/// one document (`names.rs`: the shapes of the words opening its sentences).
#[inline(always)]
pub(crate) fn bit_of_word(key: u64) -> u64 {
    1 << (key.wrapping_mul(MIX) >> 58)
}

impl ShapeFilter {
    /// A table of `keys`.
    pub(crate) fn new(keys: impl IntoIterator<Item = u64>) -> ShapeFilter {
        let mut bits = Box::new([0u64; BITS / 64]);
        for key in keys {
            let b = bit(key);
            bits[b / 64] |= 1 << (b % 64);
        }
        ShapeFilter { bits }
    }

    /// False when `key` was surely never inserted; true when it may have been.
    #[inline(always)]
    pub(crate) fn may_hold(&self, key: u64) -> bool {
        let b = bit(key);
        self.bits[b / 64] & 1 << (b % 64) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::ShapeFilter;

    #[test]
    fn every_inserted_key_may_be_held_and_most_others_are_not() {
        let keys: Vec<u64> = (0..1000u64).map(|k| k * 7919).collect();
        let filter = ShapeFilter::new(keys.iter().copied());
        assert!(keys.iter().all(|&k| filter.may_hold(k)));
        let others = (0..10_000u64)
            .map(|k| k * 7919 + 1)
            .filter(|&k| filter.may_hold(k))
            .count();
        assert!(others < 1_000, "{others} of 10,000 keys never inserted pass");
    }
}
