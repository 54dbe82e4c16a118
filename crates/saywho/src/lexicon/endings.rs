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
    /// For each byte, the entries of 1 to 8 bytes ending in it, in [`BYTE_SLOTS`] slots
    /// (unused ones give no bits), for [`Endings::forms_of_bytes`]; `None` when a byte ends
    /// more entries than that.
    short_by_last: Option<Box<[[ShortEnding; BYTE_SLOTS]; 256]>>,
}

/// How many endings of 1 to 8 bytes one last byte may have in [`Endings::short_by_last`]: the
/// English table has three at most ("ian", "ean", "ican").
const BYTE_SLOTS: usize = 3;

/// An ending of 1 to 8 bytes as [`Endings::forms_of_bytes`] compares it.
#[derive(Debug, Clone, Copy, Default)]
struct ShortEnding {
    /// Its bytes as a little-endian number.
    number: u64,
    /// In the low byte, 64 minus 8 times its length: a word's bytes placed at the top of a
    /// number ([`Endings::forms_of_bytes`]), shifted down by this, leave as many of its last
    /// bytes. In the next, its bits of [`form`](super::form) (0 in an unused slot). One field,
    /// read whole for the shift, so that the bits are at hand whether the ending matches or
    /// not: as a field of their own, they were read only on a match, behind a branch.
    shift_and_bits: u32,
}

impl ShortEnding {
    /// The bits of [`form`](super::form).
    fn bits(&self) -> u8 {
        (self.shift_and_bits >> 8) as u8
    }
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
        let short_by_last = short_by_last(&list);
        Endings {
            list,
            by_last_byte,
            numbers,
            short_by_last,
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
    /// little-endian number `bytes` (zero above them). Its last byte's slots are all compared,
    /// without a branch: a loop over the entries that end in it mispredicted its exit about
    /// once a word (the last letter decides how many there are), some million times on BBC news.
    #[inline]
    pub(super) fn forms_of_bytes(&self, bytes: u64, len: usize) -> u8 {
        debug_assert!((1..=8).contains(&len));
        // The word's last byte at the top: shifted down by 64 - 8 × L, its last L bytes, and for
        // a word shorter than L a number whose lowest byte is 0, which no ending has.
        let top = bytes << (64 - 8 * (len as u32 & 15));
        let last = (top >> 56) as usize;
        let Some(table) = &self.short_by_last else {
            return self.forms_of_bytes_looped(bytes, len, last);
        };
        table[last].iter().fold(0, |forms, e| {
            let matches = top >> (e.shift_and_bits & 63) == e.number;
            forms | (e.bits() * u8::from(matches))
        })
    }

    /// [`Endings::forms_of_bytes`] when a byte ends too many entries for its slots.
    #[cold]
    fn forms_of_bytes_looped(&self, bytes: u64, len: usize, last: usize) -> u8 {
        let mut candidates = self.by_last_byte[last];
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

/// [`Endings::short_by_last`] of `list`: its entries of 1 to 8 bytes without a zero byte (a
/// word shorter than an entry shows a zero byte where the entry's first would be), with the
/// bits of equal entries joined; `None` when a byte ends more than [`BYTE_SLOTS`] of them.
fn short_by_last(list: &[(Box<str>, u8)]) -> Option<Box<[[ShortEnding; BYTE_SLOTS]; 256]>> {
    let mut table = Box::new([[ShortEnding::default(); BYTE_SLOTS]; 256]);
    for (ending, bits) in list {
        let b = ending.as_bytes();
        let (Some(&last), true) = (b.last(), b.len() <= 8 && !b.contains(&0)) else {
            continue;
        };
        let (number, shift) = (number_of(b), 64 - 8 * b.len() as u32);
        let slots = &mut table[usize::from(last)];
        match slots
            .iter_mut()
            .find(|s| s.bits() == 0 || (s.number, s.shift_and_bits & 0xFF) == (number, shift))
        {
            Some(slot) => {
                slot.number = number;
                slot.shift_and_bits = shift | u32::from(slot.bits() | bits) << 8;
            }
            None => return None,
        }
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endings(list: &[(&str, u8)]) -> Endings {
        Endings::new(list.iter().map(|&(e, bits)| (Box::from(e), bits)).collect())
    }

    /// The slots give what the loop over all entries gives, for words shorter than, as long
    /// as and longer than the entries, and the loop itself when a byte ends too many.
    #[test]
    fn forms_of_bytes_match_forms_of() {
        let words = [
            "s", "ss", "boss", "bosses", "an", "ian", "Ian", "ican", "African", "Korean", "Indian", "ing", "saying",
            "g", "ly", "lyly", "abcdefgh", "x", "ed", "added", "n", "Ss",
        ];
        let too_many = [("n", 1), ("an", 2), ("ian", 4), ("ean", 8), ("ican", 16)];
        let tables = [
            endings(&[
                ("s", 1),
                ("ss", 2),
                ("ian", 4),
                ("ean", 4),
                ("ican", 8),
                ("ing", 16),
                ("ly", 32),
            ]),
            endings(&[
                ("s", 1),
                ("s", 2),
                ("-year-old", 4),
                ("ed", 8),
                ("abcdefgh", 16),
                ("xabcdefgh", 32),
            ]),
            endings(&too_many),
        ];
        assert!(tables[0].short_by_last.is_some() && tables[2].short_by_last.is_none());
        for table in &tables {
            for w in words {
                let number = number_of(w.as_bytes());
                assert_eq!(table.forms_of_bytes(number, w.len()), table.forms_of(w), "{w}");
            }
        }
    }
}
