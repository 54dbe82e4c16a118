//! The run of ASCII letters and digits that starts a word, read eight bytes at a time.
//!
//! Most words of news text are such a run and end within sixteen bytes: two loads and a few
//! bit operations find the run's end, which classes of byte it holds, and its bytes lowered,
//! ready for the lexicon's short-word table, where a loop ran (and mispredicted its exit)
//! once per byte and the lookup read and lowered the word's bytes again.

use crate::lexicon::ShortKey;

/// Bits of [`CLASS`]: what an ASCII byte is.
pub(super) mod class {
    /// `a`–`z`.
    pub const LOWER: u8 = 1;
    /// `A`–`Z`.
    pub const UPPER: u8 = 1 << 1;
    /// `0`–`9`.
    pub const DIGIT: u8 = 1 << 2;
}

/// The [`class`] of each byte (zero for every byte that is not an ASCII letter or digit).
pub(super) static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            class::LOWER
        } else if c.is_ascii_uppercase() {
            class::UPPER
        } else if c.is_ascii_digit() {
            class::DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The high bit of each byte of a word.
const LANE_HIGH: u64 = 0x8080_8080_8080_8080;

/// The run of ASCII letters and digits at the start of some bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AlnumRun {
    /// Its length in bytes.
    pub(super) len: usize,
    /// The union of its bytes' [`CLASS`] bits.
    pub(super) classes: u8,
    /// Its first eight bytes (at most), zero-padded, little-endian.
    head: u64,
    /// The same with capitals lowered.
    lowered: [u64; 2],
}

impl AlnumRun {
    /// The run's key in the lexicon's short-word table, when it is short enough to have one.
    #[inline]
    pub(super) fn short_key(&self) -> Option<ShortKey> {
        ShortKey::from_lowered(self.lowered, self.len)
    }

    /// The run's bytes as a little-endian number, when it has at most eight (most words).
    #[inline]
    pub(super) fn bytes_number(&self) -> Option<u64> {
        (self.len <= 8).then_some(self.head)
    }

    /// The run's first byte (0 for an empty run).
    #[inline]
    pub(super) fn first_byte(&self) -> u8 {
        self.head as u8
    }
}

/// Which of eight bytes (little-endian in a word) are ASCII lower-case letters, capitals and
/// digits, as the high bit of each byte.
struct Lanes {
    lower: u64,
    upper: u64,
    digit: u64,
}

impl Lanes {
    /// The lanes of the eight bytes of `w`. A byte's high bit is set after adding `0x80 - c`
    /// to its low seven bits when they are at least `c`; no sum carries into the next byte.
    #[inline(always)]
    fn of(w: u64) -> Lanes {
        const ONES: u64 = 0x0101_0101_0101_0101;
        let ascii = !w & LANE_HIGH;
        let low7 = w & !LANE_HIGH;
        let at_least = |v: u64, c: u8| v + ONES * u64::from(0x80 - c);
        // Setting bit 5 folds capitals onto lower-case letters, whose ASCII codes run from
        // 0x61 to 0x7A.
        let folded = low7 | (ONES * 0x20);
        let letter = (at_least(folded, 0x61) ^ at_least(folded, 0x7A + 1)) & ascii;
        // Bit 5 of a letter, moved to its byte's high bit: set for lower case.
        let lower = letter & low7 << 2;
        Lanes {
            lower,
            upper: letter & !lower,
            digit: (at_least(low7, b'0') ^ at_least(low7, b'9' + 1)) & ascii,
        }
    }

    /// The high bit of each byte that is not a letter or digit.
    #[inline(always)]
    fn stops(&self) -> u64 {
        !(self.lower | self.upper | self.digit) & LANE_HIGH
    }

    /// The union of the [`CLASS`] bits of the bytes whose high bits `mask` keeps.
    #[inline(always)]
    fn classes(&self, mask: u64) -> u8 {
        (u8::from(self.lower & mask != 0) * class::LOWER)
            | (u8::from(self.upper & mask != 0) * class::UPPER)
            | (u8::from(self.digit & mask != 0) * class::DIGIT)
    }

    /// The bytes of `w` whose high bits `mask` keeps (all their bits), as they are and with
    /// capitals lowered.
    #[inline(always)]
    fn kept(&self, w: u64, mask: u64) -> (u64, u64) {
        // From a byte's high bit down to bit 0 of that byte: the whole byte.
        let kept = w & ((mask >> 7) * 0xFF);
        // A capital's high bit moved to its bit 5, which lowers it.
        (kept, kept | (self.upper & mask) >> 2)
    }
}

/// The run of ASCII letters and digits that `bytes` starts with.
#[inline(always)]
pub(super) fn alnum_run(bytes: &[u8]) -> AlnumRun {
    let Some(head) = bytes.first_chunk::<16>() else {
        return alnum_run_near_end(bytes);
    };
    let (first, second) = head.split_at(8);
    let w0 = u64::from_le_bytes(first.try_into().unwrap_or([0; 8]));
    let lanes0 = Lanes::of(w0);
    let stops0 = lanes0.stops();
    if stops0 != 0 {
        // The high bits of the bytes before the first stop.
        let before = ((stops0 & stops0.wrapping_neg()) - 1) & LANE_HIGH;
        let (bytes0, lowered0) = lanes0.kept(w0, before);
        return AlnumRun {
            len: stops0.trailing_zeros() as usize / 8,
            classes: lanes0.classes(before),
            head: bytes0,
            lowered: [lowered0, 0],
        };
    }
    let w1 = u64::from_le_bytes(second.try_into().unwrap_or([0; 8]));
    let lanes1 = Lanes::of(w1);
    let stops1 = lanes1.stops();
    let classes0 = lanes0.classes(LANE_HIGH);
    let (bytes0, lowered0) = lanes0.kept(w0, LANE_HIGH);
    if stops1 != 0 {
        let before = ((stops1 & stops1.wrapping_neg()) - 1) & LANE_HIGH;
        let (_, lowered1) = lanes1.kept(w1, before);
        return AlnumRun {
            len: 8 + stops1.trailing_zeros() as usize / 8,
            classes: classes0 | lanes1.classes(before),
            head: bytes0,
            lowered: [lowered0, lowered1],
        };
    }
    // Sixteen letters and digits or more (rare): the rest a byte at a time.
    let mut classes = classes0 | lanes1.classes(LANE_HIGH);
    let rest = bytes[16..]
        .iter()
        .map(|&b| CLASS[usize::from(b)])
        .take_while(|&c| c != 0)
        .fold(0usize, |n, c| {
            classes |= c;
            n + 1
        });
    let (_, lowered1) = lanes1.kept(w1, LANE_HIGH);
    AlnumRun {
        len: 16 + rest,
        classes,
        head: bytes0,
        lowered: [lowered0, lowered1],
    }
}

/// [`alnum_run`] of the last fifteen bytes of a text or fewer: the same, on them zero-padded
/// (a zero byte ends a run as the end of the text does).
#[cold]
#[inline(never)]
fn alnum_run_near_end(bytes: &[u8]) -> AlnumRun {
    let mut padded = [0u8; 16];
    let len = bytes.len().min(16);
    padded[..len].copy_from_slice(&bytes[..len]);
    alnum_run(&padded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The run a byte at a time: its length, classes and lowered first sixteen bytes.
    fn byte_by_byte(bytes: &[u8]) -> AlnumRun {
        let len = bytes.iter().take_while(|&&b| CLASS[usize::from(b)] != 0).count();
        let classes = bytes[..len].iter().fold(0, |c, &b| c | CLASS[usize::from(b)]);
        let mut buf = [0u8; 16];
        for (d, s) in buf.iter_mut().zip(&bytes[..len]) {
            *d = *s;
        }
        let as_words = |buf: &[u8; 16]| {
            [
                u64::from_le_bytes(buf[..8].try_into().unwrap()),
                u64::from_le_bytes(buf[8..].try_into().unwrap()),
            ]
        };
        let head = as_words(&buf)[0];
        buf.make_ascii_lowercase();
        AlnumRun {
            len,
            classes,
            head,
            lowered: as_words(&buf),
        }
    }

    #[test]
    fn runs_match_a_byte_loop() {
        // Every byte value after runs of every length, of each class, at every offset.
        for stop in 0..=255u8 {
            for len in 0..20 {
                for fill in [b'a', b'Z', b'7', b'q', b'A', b'0', b'z', b'9'] {
                    let mut bytes = vec![fill; len];
                    bytes.push(stop);
                    bytes.extend_from_slice(b"xyz");
                    for at in 0..bytes.len() {
                        assert_eq!(alnum_run(&bytes[at..]), byte_by_byte(&bytes[at..]), "{bytes:?} at {at}");
                    }
                }
            }
        }
        let text = "Mixed Case words, 1990s and B52s; naïve ÀÉ `@[{/:_ \
                    0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            assert_eq!(alnum_run(&bytes[at..]), byte_by_byte(&bytes[at..]), "{text} at {at}");
        }
    }
}
