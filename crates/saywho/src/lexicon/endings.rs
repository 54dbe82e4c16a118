//! Word endings indexed by their last byte.

/// Word endings indexed by their last byte, so that a token is compared only with the
/// endings it may have: this runs for every token.
#[derive(Debug)]
pub(super) struct Endings {
    /// (ending, bits of [`form`](super::form)), in table order.
    list: Vec<(Box<str>, u8)>,
    /// For each byte, the bit set of `list` entries ending in it (at most 32 entries).
    by_last_byte: Box<[u32; 256]>,
    /// Each entry of `list` as a number (its bytes, little-endian) and its length, for
    /// [`Endings::forms_of_bytes`]; the number is 0 for an entry longer than 8 bytes, which
    /// never matches there.
    numbers: Vec<(u64, usize)>,
}

/// The number whose little-endian bytes are `bytes` (at most 8).
fn number_of(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0u64, |n, &b| n << 8 | u64::from(b))
}

impl Endings {
    /// The endings of `list` (at most 32), indexed.
    pub(super) fn new(list: Vec<(Box<str>, u8)>) -> Endings {
        // `by_last_byte` indexes 32 endings at most.
        debug_assert!(list.len() <= 32);
        let mut by_last_byte = Box::new([0u32; 256]);
        for (i, (ending, _)) in list.iter().enumerate().take(32) {
            if let Some(&last) = ending.as_bytes().last() {
                by_last_byte[last as usize] |= 1 << i;
            }
        }
        let numbers = list
            .iter()
            .map(|(ending, _)| (number_of(ending.as_bytes()), ending.len()))
            .map(|(n, len)| if len <= 8 { (n, len) } else { (0, usize::MAX) })
            .collect();
        Endings {
            list,
            by_last_byte,
            numbers,
        }
    }

    /// The entries `word` ends with, in table order.
    #[inline]
    fn matches<'a>(&'a self, word: &'a str) -> impl Iterator<Item = &'a (Box<str>, u8)> + 'a {
        let bytes = word.as_bytes();
        let mut candidates = bytes.last().map_or(0, |&last| self.by_last_byte[last as usize]);
        std::iter::from_fn(move || {
            while candidates != 0 {
                let entry = &self.list[candidates.trailing_zeros() as usize];
                candidates &= candidates - 1;
                // Compared byte by byte: endings are a few bytes, shorter than a call to memcmp.
                let ending = entry.0.as_bytes();
                if bytes.len() >= ending.len() && bytes.iter().rev().zip(ending.iter().rev()).all(|(a, b)| a == b) {
                    return Some(entry);
                }
            }
            None
        })
    }

    /// The bits of every entry `word` ends with.
    #[inline]
    pub(super) fn forms_of(&self, word: &str) -> u8 {
        self.matches(word).fold(0, |forms, (_, bits)| forms | bits)
    }

    /// [`Endings::forms_of`] of the word of `len` bytes (1 to 8) whose bytes are the
    /// little-endian number `bytes` (zero above them) and whose last byte is `last`: an entry
    /// matches when the word's last bytes, shifted down, are its number; no byte loop.
    #[inline]
    pub(super) fn forms_of_bytes(&self, bytes: u64, len: usize, last: u8) -> u8 {
        debug_assert!((1..=8).contains(&len));
        let mut candidates = self.by_last_byte[usize::from(last)];
        let mut forms = 0;
        while candidates != 0 {
            let i = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let (number, ending_len) = self.numbers[i];
            if ending_len <= len && bytes >> (8 * (len - ending_len)) == number {
                forms |= self.list[i].1;
            }
        }
        forms
    }

    /// `word` without the first entry, in table order, it ends with.
    #[inline]
    pub(super) fn strip<'w>(&self, word: &'w str) -> Option<&'w str> {
        self.matches(word).next().map(|(e, _)| &word[..word.len() - e.len()])
    }
}
