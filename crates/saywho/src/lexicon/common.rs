//! The language's common words: words that are not names ("wood", "police", "went"), from
//! `common_words.txt`, with the inflections that reduce a word to a listed one ("prices" →
//! "price", "studied" → "study") from `affixes.tsv`.
//!
//! The list is long (some 72,000 English words) and consulted rarely (a word opening a sentence
//! that nothing else shows to be a name or not), so it is searched in place in the embedded
//! text, sorted bytewise, rather than copied into a set when the lexicon is built.

impl super::Lexicon {
    /// True when `word` (any case) is a common word of the language, a word that is not a name
    /// ("Wood", "Police", "Prices"), by the list `common_words.txt` and the inflections of
    /// `affixes.tsv`. A name that is also a common word ("Wood") is common here.
    ///
    /// ```
    /// let lex = saywho::lexicon::Lexicon::english();
    /// assert!(lex.is_common_word("Prices"));
    /// assert!(!lex.is_common_word("Lieberman"));
    /// ```
    pub fn is_common_word(&self, word: &str) -> bool {
        self.common_words.contains(word)
    }
}

/// The sorted word list and the inflections that reduce a word to a listed one.
#[derive(Debug)]
pub(super) struct CommonWords {
    /// One lower-case word a line, sorted bytewise, each line ending in a newline.
    sorted: SortedWords,
    /// Endings and what replaces them ("ies" → "y"), tried in order.
    inflections: Vec<(Box<str>, Box<str>)>,
}

/// The embedded text of the list. Its debug output is its length: the list is long.
struct SortedWords(&'static str);

impl std::fmt::Debug for SortedWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.len().fmt(f)
    }
}

/// The longest word looked up: longer words are taken as common (no name is that long).
const LONGEST: usize = 40;

impl CommonWords {
    /// The list from a table's text (comment lines first, then the sorted words) and the
    /// inflections.
    pub(super) fn new(table: &'static str, inflections: Vec<(Box<str>, Box<str>)>) -> CommonWords {
        // The comments are the leading lines starting with '#'.
        let mut body = 0;
        for line in table.split_inclusive('\n') {
            if !line.starts_with('#') {
                break;
            }
            body += line.len();
        }
        let sorted = &table[body..];
        debug_assert!(sorted.is_empty() || sorted.ends_with('\n'));
        CommonWords {
            sorted: SortedWords(sorted),
            inflections,
        }
    }

    /// Is `word` (any case) a listed word, or an inflection of one, or made of such words
    /// joined by hyphens ("Good-evening", "Steady-eyed")?
    pub(super) fn contains(&self, word: &str) -> bool {
        self.contains_word(word)
            || word.contains('-') && word.split('-').all(|part| !part.is_empty() && self.contains_word(part))
    }

    /// [`CommonWords::contains`] for one word. A word that is not ASCII is taken as common:
    /// the list is English, and says nothing of "Я" or "Über".
    fn contains_word(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if bytes.len() > LONGEST || !bytes.is_ascii() {
            return true;
        }
        let mut buf = [0u8; LONGEST];
        let lower = &mut buf[..bytes.len()];
        lower.copy_from_slice(bytes);
        lower.make_ascii_lowercase();
        if self.has_line(lower) {
            return true;
        }
        let mut stem = [0u8; LONGEST + 8];
        self.inflections.iter().any(|(ending, replacement)| {
            let Some(base) = lower.strip_suffix(ending.as_bytes()) else {
                return false;
            };
            // A stem of one letter makes no word of the list worth the match ("is" → "i").
            if base.len() < 2 || base.len() + replacement.len() > stem.len() {
                return false;
            }
            stem[..base.len()].copy_from_slice(base);
            stem[base.len()..base.len() + replacement.len()].copy_from_slice(replacement.as_bytes());
            self.has_line(&stem[..base.len() + replacement.len()])
        })
    }

    /// Binary search of the sorted lines for `word`.
    fn has_line(&self, word: &[u8]) -> bool {
        let text = self.sorted.0.as_bytes();
        // Every line starting in lo..hi may still be `word`; lo is a line's start.
        let (mut lo, mut hi) = (0, text.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = text[lo..mid]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(lo, |p| lo + p + 1);
            let end = text[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |p| start + p);
            match text[start..end].cmp(word) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        false
    }

    /// The listed words, in order (for tests).
    #[cfg(test)]
    pub(super) fn words(&self) -> impl Iterator<Item = &'static str> {
        self.sorted.0.lines()
    }
}
