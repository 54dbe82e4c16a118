//! The lexicon's short ASCII words in a table made for the tokeniser's one lookup per word.
//!
//! A word of at most [`MAX_LEN`] ASCII bytes is lower-cased into two machine words (with its
//! length in the last byte), hashed
//! with two multiplications and found by comparing those two words: no string hashing, no call
//! to `memcmp`. Most words of a text are in no table, and a miss usually costs one read of the
//! small slot array.

use super::WordInfo;

/// The longest word the table holds, in bytes: the 16th byte of a key is its length.
pub(super) const MAX_LEN: usize = 15;

/// An odd constant with well-mixed bits (the golden ratio's fraction, as Fibonacci hashing
/// uses).
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// Short lower-case ASCII words and what the lexicon knows of each.
#[derive(Debug, Default)]
pub(super) struct ShortWords {
    /// Open addressing with linear probing: the low 15 bits are 0 for an empty slot, else an
    /// index into `entries`; the high bit ([`CHAIN`]) is set when some word's probe
    /// passed the slot (its own slot was taken), so a lookup whose word is not in its first
    /// slot looks further only then. A power of two long, at most a quarter full, so that most
    /// words (which are in no table) end at their first slot.
    slots: Box<[u16]>,
    /// Each word's key (its bytes, zero-padded, and its length in the last byte, as two
    /// little-endian words) and entry; first a key that no word has (all zero: a word's length
    /// is at least 1) with the empty entry, which an empty slot's index 0 reads and
    /// [`ShortWords::get_key`] answers for a word in no table. One list, not two, so that a
    /// word's key and entry share a cache line and one bounds check covers both.
    entries: Vec<([u64; 2], WordInfo)>,
    /// 64 minus the base-2 logarithm of the number of slots.
    shift: u32,
}

/// The bit of a slot of [`ShortWords::slots`] that says a probe passed it.
const CHAIN: u16 = 1 << 15;

/// A word's key in the short-word table: its bytes (1 to [`MAX_LEN`], ASCII, capitals
/// lowered), zero-padded to 15 bytes, and its length in the 16th, as two little-endian words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShortKey([u64; 2]);

impl ShortKey {
    /// The key of a word of ASCII bytes given lowered and zero-padded (`lowered`: its first
    /// sixteen bytes at most, little-endian) and its length; `None` when the table holds no
    /// word of that length. The tokeniser has the bytes so from its scan of the word.
    #[inline]
    pub fn from_lowered(lowered: [u64; 2], len: usize) -> Option<ShortKey> {
        (1..=MAX_LEN)
            .contains(&len)
            .then(|| ShortKey([lowered[0], lowered[1] | (len as u64) << 56]))
    }
}

/// `word` (at most [`MAX_LEN`] bytes) with ASCII capitals lowered, zero-padded to 15 bytes and
/// its length in the 16th, as two little-endian words; `None` when it has a byte that is not
/// ASCII.
#[inline]
fn pack(word: &[u8]) -> Option<[u64; 2]> {
    let len = word.len();
    debug_assert!(len <= MAX_LEN);
    // Little-endian loads of 4 or 8 bytes, overlapping for lengths in between (bytes read
    // twice land in the same place), instead of a byte loop or a call to `memcpy`.
    let load8 = |at: usize| {
        word.get(at..at + 8)
            .map_or(0, |b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
    };
    let load4 = |at: usize| {
        word.get(at..at + 4)
            .map_or(0, |b| u64::from(u32::from_le_bytes(b.try_into().unwrap_or([0; 4]))))
    };
    let (lo, hi) = if len >= 8 {
        // The last 8 bytes, of which the high `len - 8` are bytes 8.. of the word.
        let tail = load8(len - 8).checked_shr(8 * (16 - len) as u32).unwrap_or(0);
        (load8(0), tail)
    } else if len >= 4 {
        (load4(0) | load4(len - 4) << (8 * (len - 4)), 0)
    } else {
        let lo = word.iter().rev().fold(0u64, |w, &b| w << 8 | u64::from(b));
        (lo, 0)
    };
    let hi = hi | (len as u64) << 56;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if (lo | hi) & HIGH != 0 {
        return None;
    }
    Some([ascii_lower(lo), ascii_lower(hi)])
}

/// The eight ASCII bytes of `w` with capitals lowered, all at once: a byte's high bit is set
/// after adding 0x3F when it is at least `A`, and after adding 0x25 when it is past `Z`; no
/// sum carries into the next byte, as every byte is below 0x80.
#[inline]
fn ascii_lower(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // 0x41 and 0x5A are the ASCII codes of the first and last capital letters.
    let at_least_a = w + ONES * (0x80 - 0x41);
    let past_z = w + ONES * (0x80 - 0x5A - 1);
    let capital = (at_least_a ^ past_z) & HIGH;
    w | capital >> 2
}

impl ShortWords {
    /// The table of the words among `words` that it can hold: lower-case ASCII, 1 to
    /// [`MAX_LEN`] bytes. Others stay out: [`ShortWords::get`] answers `None` for words
    /// longer or not ASCII, and the empty entry for words with a capital, which a lookup
    /// (lower-casing what it looks for) never finds anyway.
    pub(super) fn new<'a>(words: impl Iterator<Item = (&'a str, WordInfo)>) -> ShortWords {
        let mut table = ShortWords {
            entries: vec![([0; 2], WordInfo::default())],
            ..ShortWords::default()
        };
        for (w, info) in words {
            let b = w.as_bytes();
            let fits =
                !b.is_empty() && b.len() <= MAX_LEN && b.iter().all(|&c| c.is_ascii() && !c.is_ascii_uppercase());
            if let Some(key) = fits.then(|| pack(b)).flatten() {
                table.entries.push((key, info));
            }
        }
        // 15 bits of a slot index 32,767 entries (the empty one first); past that the table
        // stays empty and every lookup takes the general path.
        if table.entries.len() > usize::from(!CHAIN) {
            return ShortWords::default();
        }
        let size = (table.entries.len() * 4).next_power_of_two().max(16);
        table.shift = 64 - size.trailing_zeros();
        let mut slots = vec![0u16; size].into_boxed_slice();
        for (i, (key, _)) in table.entries.iter().enumerate().skip(1) {
            let mut s = table.slot_of(key);
            while slots[s] & !CHAIN != 0 {
                slots[s] |= CHAIN;
                s = (s + 1) & (size - 1);
            }
            slots[s] |= i as u16;
        }
        table.slots = slots;
        table
    }

    #[inline]
    fn slot_of(&self, key: &[u64; 2]) -> usize {
        ((key[0].wrapping_mul(MIX) ^ key[1]).wrapping_mul(MIX) >> self.shift) as usize
    }

    /// What the lexicon knows of the ASCII word `word`, matched without regard to ASCII case:
    /// its entry, or the empty one when it has none. `None` when the table cannot tell (the
    /// word is empty, longer than [`MAX_LEN`] or not ASCII): ask the general table.
    // Always inlined: called, it returned its entry through the stack, where the caller
    // copied it in pieces and read bytes back across them, a stalled load on every word.
    #[inline(always)]
    pub(super) fn get(&self, word: &[u8]) -> Option<WordInfo> {
        if word.is_empty() || word.len() > MAX_LEN {
            return None;
        }
        self.get_key(ShortKey(pack(word)?)).copied()
    }

    /// [`ShortWords::get`] of the word whose key is `key`; `None` only when the table is empty.
    /// A reference into the table, not a copy: built in place from the empty entry's fields,
    /// the copy was read back whole across them by the caller (a stalled load on nearly every
    /// word, which is in no table).
    #[inline(always)]
    pub(super) fn get_key(&self, ShortKey(key): ShortKey) -> Option<&WordInfo> {
        if self.slots.is_empty() {
            return None;
        }
        // The word's first slot decides without a branch between a word found there and one
        // in no table (the empty entry, index 0): the two are about as common in news text,
        // and a loop that asked "empty?" and then "this word?" mispredicted one or the other
        // for about every other word.
        let s = self.slot_of(&key);
        let slot = self.slots[s];
        let i = usize::from(slot & !CHAIN);
        let found = self.entries[i].0 == key;
        // `&` of the two, not `&&`: the short circuit branched on `found`.
        if (slot & CHAIN != 0) & !found {
            return Some(self.probe_after(key, s));
        }
        Some(&self.entries[if found { i } else { 0 }].1)
    }

    /// [`ShortWords::get_key`] of a word not in its first slot `s`, whose slot a probe passed:
    /// the slots after it, in turn, to the word or an empty slot.
    #[cold]
    #[inline(never)]
    fn probe_after(&self, key: [u64; 2], mut s: usize) -> &WordInfo {
        let mask = self.slots.len() - 1;
        loop {
            s = (s + 1) & mask;
            let i = usize::from(self.slots[s] & !CHAIN);
            if i == 0 || self.entries[i].0 == key {
                return &self.entries[i].1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_short_words_in_any_ascii_case() {
        let mut said = WordInfo::default();
        said.add(super::super::flag::CUE);
        let table = ShortWords::new(
            [
                ("said", said),
                ("Mr", said),
                ("exactly-fifteen", said),
                ("sixteen-letters!", said),
                ("a", said),
            ]
            .into_iter(),
        );
        assert!(table.get(b"said").is_some_and(|i| i.is(super::super::flag::CUE)));
        assert!(table.get(b"SAID").is_some_and(|i| i.is(super::super::flag::CUE)));
        assert!(table.get(b"EXACTLY-fifteen").is_some_and(|i| i.flags() != 0));
        assert!(table.get(b"a\0").is_some_and(|i| i.flags() == 0));
        // A key with a capital is found by no lookup, which lower-cases the word.
        assert!(table.get(b"mr").is_some_and(|i| i.flags() == 0));
        assert!(table.get(b"sai").is_some_and(|i| i.flags() == 0));
        assert!(table.get(b"").is_none());
        assert!(table.get(b"sixteen-letters!").is_none());
        assert!(table.get("café".as_bytes()).is_none());
        // Many words, so that some lose their first slot: each is found, and words in no table
        // (whose first slots those probes pass too) are not.
        let mut flagged = WordInfo::default();
        flagged.add(super::super::flag::CUE);
        let words: Vec<String> = (0..3000).map(|i| format!("w{i}")).collect();
        let table = ShortWords::new(words.iter().map(|w| (w.as_str(), flagged)));
        assert!(table.slots.iter().any(|&s| s & CHAIN != 0));
        for i in 0..6000 {
            let found = table.get(format!("W{i}").as_bytes()).map(|e| e.flags());
            assert_eq!(found, Some(if i < 3000 { flagged.flags() } else { 0 }), "{i}");
        }
        // Packing agrees with a byte-by-byte copy at every length.
        for len in 0..=MAX_LEN {
            let word: Vec<u8> = (0..len as u8).map(|i| b'A' + i).collect();
            let mut buf = [0u8; 16];
            for (d, s) in buf.iter_mut().zip(&word) {
                *d = s.to_ascii_lowercase();
            }
            buf[15] = len as u8;
            let want = [
                u64::from_le_bytes(buf[..8].try_into().unwrap()),
                u64::from_le_bytes(buf[8..].try_into().unwrap()),
            ];
            assert_eq!(pack(&word), Some(want), "{len}");
        }
        // Every ASCII byte lowers as `to_ascii_lowercase` lowers it.
        for b in 0u8..0x80 {
            let w = u64::from_le_bytes([b, b'A', b'Z', b'@', b'[', b'a', b'z', b]);
            let want = u64::from_le_bytes([
                b.to_ascii_lowercase(),
                b'a',
                b'z',
                b'@',
                b'[',
                b'a',
                b'z',
                b.to_ascii_lowercase(),
            ]);
            assert_eq!(ascii_lower(w), want, "{b}");
        }
    }
}
