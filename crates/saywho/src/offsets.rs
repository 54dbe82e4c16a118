//! Byte offsets to Unicode code-point offsets.
//!
//! The engine works in bytes; users index strings by code point, as Python does (JavaScript
//! counts UTF-16 units and must convert for characters beyond the Basic Multilingual Plane). An
//! [`OffsetMap`] converts in O(log k) per offset, k being the number of non-ASCII characters,
//! and costs nothing for ASCII text.

/// Converts byte offsets of one text into code-point offsets.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// For each non-ASCII character: (byte offset just after it, extra bytes so far).
    extra: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    ///
    /// ```
    /// let text = "“Hi,” she said";
    /// let map = saywho::offsets::OffsetMap::new(text);
    /// assert_eq!(map.char_offset(text.find("she").unwrap()), 6);
    /// ```
    pub fn new(text: &str) -> OffsetMap {
        let mut extra = Vec::new();
        let bytes = text.as_bytes();
        let mut total = 0u32;
        let mut i = 0usize;
        while i < bytes.len() {
            // ASCII runs 32 bytes at a time, as four words tested at once (most of a text,
            // some 5 MB for the BBC news corpus), then eight at a time.
            if let Some(block) = bytes.get(i..i + 32) {
                let word = |k: usize| u64::from_le_bytes(block[k..k + 8].try_into().unwrap_or([0x80; 8]));
                if (word(0) | word(8) | word(16) | word(24)) & 0x8080_8080_8080_8080 == 0 {
                    i += 32;
                    continue;
                }
            }
            if let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                continue;
            }
            // `i` is the lead byte of a character (the text is UTF-8): its length follows.
            let len: u32 = match b {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            total += len - 1;
            extra.push((i as u32 + len, total));
            i += len as usize;
        }
        OffsetMap { extra }
    }

    /// The code-point offset of byte offset `byte` (which must be a char boundary).
    pub fn char_offset(&self, byte: usize) -> usize {
        let b = byte as u32;
        let k = self.extra.partition_point(|&(after, _)| after <= b);
        let extra = if k == 0 { 0 } else { self.extra[k - 1].1 };
        (b - extra) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_char_indices() {
        for text in [
            "plain ascii",
            "“Curly” — é ü 日本 🎉 end",
            "",
            "eight by eight bytes, then é, then 🎉, then more ASCII than eight bytes ü",
        ] {
            let map = OffsetMap::new(text);
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                assert_eq!(map.char_offset(bi), ci, "{text} at {bi}");
            }
            assert_eq!(map.char_offset(text.len()), text.chars().count());
        }
    }

    #[test]
    fn matches_char_indices_around_blocks_of_32_bytes() {
        for at in [0, 7, 8, 31, 32, 33, 40, 63, 64, 70] {
            for c in ["é", "“", "🎉"] {
                let text = format!("{}{c}{}{c}", "a".repeat(at), "b".repeat(at + 35));
                let map = OffsetMap::new(&text);
                for (ci, (bi, _)) in text.char_indices().enumerate() {
                    assert_eq!(map.char_offset(bi), ci, "{text} at {bi}");
                }
                assert_eq!(map.char_offset(text.len()), text.chars().count());
            }
        }
    }
}
