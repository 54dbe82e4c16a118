//! Words that are first names to the first-name table but more often surnames, from
//! `lexicons/en/surnames.txt` (derived from the 1990 US Census name lists by
//! `scripts/build-surname-table`; provenance in `lexicons/README.md`).
//!
//! A person named by one word is named by a surname far more often than by a first name: news
//! and reference works give the full name once and the surname after ("Williams was elected a
//! judge in 1990"), and a passage may show only the later mentions. The first-name table would
//! make "Williams", "Henning" or "Davis" a man and rule them out for "she"; this list says
//! which one-word names to read as surnames, and so as no gender evidence. "Maria" or "Tony",
//! far more often first names, are not in it.
//!
//! ```
//! assert!(saywho::surnames::is_mostly_surname("Williams"));
//! assert!(!saywho::surnames::is_mostly_surname("Maria"));
//! ```

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// The list, as `scripts/build-surname-table` writes it.
const TABLE: &str = include_str!("../lexicons/en/surnames.txt");

/// The words of the list, borrowed from the embedded text: built once per process.
/// Held as bytes, so that a word lowered into a buffer is looked up without a UTF-8 check.
fn words() -> &'static FxHashSet<&'static [u8]> {
    static WORDS: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    WORDS.get_or_init(|| crate::lexicon::data_lines(TABLE).map(str::as_bytes).collect())
}

/// Is `word` (any case) a decisive first name that is more often a surname?
pub fn is_mostly_surname(word: &str) -> bool {
    // The longest words of the list are short; a long word is not looked up. A shorter one is
    // lowered on the stack (coreference asks for nearly every one-word entity).
    let mut buffer = [0u8; 24];
    let Some(lower) = buffer.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    words().contains(&*lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_lower_case_and_without_duplicates() {
        let rows: Vec<&str> = TABLE.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(rows.len() > 1000);
        for pair in rows.windows(2) {
            assert!(pair[0].as_bytes() < pair[1].as_bytes(), "{pair:?}");
        }
        assert!(rows
            .iter()
            .all(|r| r.to_lowercase() == *r && r.trim() == *r && !r.is_empty()));
    }

    #[test]
    fn surnames_and_first_names() {
        let cases: &[(&str, bool)] = &[
            ("Williams", true),
            ("WILLIAMS", true),
            ("Henning", true),
            ("Davis", true),
            ("Martin", true),
            ("Maria", false),
            ("Tony", false),
            ("Daniel", false),
            ("Kim", false), // no gender to the first-name table, so not listed
            ("", false),
        ];
        for (word, expected) in cases {
            assert_eq!(is_mostly_surname(word), *expected, "{word:?}");
        }
    }
}
