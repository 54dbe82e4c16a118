//! Place names: continents, countries, US states, Canada's provinces and territories, the UK's nations, the capitals of
//! countries and the cities of a million people or more, from `lexicons/en/places.txt`
//! (derived from GeoNames by `scripts/build-place-table`; provenance in `lexicons/README.md`).
//!
//! Coreference reads it so that an entity whose whole name is a place ("Kenya", "Ontario",
//! "Houston") is a thing: "he" and "she" never refer to it, and it is not counted among the
//! people quoted, whatever the first-name table says of the word ("Kenya" and "India" are
//! also women's first names). A longer name is not a place ("George Washington"), and an
//! article's own evidence of a person (a title or role before the name) wins.
//!
//! ```
//! assert!(saywho::places::is_place(&["Kenya"]));
//! assert!(saywho::places::is_place(&["Nova", "Scotia"]));
//! assert!(!saywho::places::is_place(&["George", "Washington"]));
//! ```

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// The table, as `scripts/build-place-table` writes it.
const TABLE: &str = include_str!("../lexicons/en/places.txt");

/// The names of the table, borrowed from the embedded text: built once per process. Held as
/// bytes, so that a name lowered into a buffer is looked up without checking it is UTF-8.
fn names() -> &'static FxHashSet<&'static [u8]> {
    static NAMES: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    NAMES.get_or_init(|| crate::lexicon::data_lines(TABLE).map(str::as_bytes).collect())
}

/// Is the name made of `words` (as written, any case) exactly a place of the table?
pub fn is_place(words: &[&str]) -> bool {
    // The longest names of the table have five words ("Saint Vincent and the Grenadines").
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    // Coreference asks for every name it links: an ASCII name is lower-cased into a buffer on
    // the stack, a word at a time, without allocating; any other is joined and lower-cased as
    // Unicode says.
    let mut buffer = [0u8; 64];
    let mut len = 0;
    for (i, word) in words.iter().enumerate() {
        let separator = usize::from(i > 0);
        let end = len + separator + word.len();
        if !word.is_ascii() || end > buffer.len() {
            return names().contains(words.join(" ").to_lowercase().as_bytes());
        }
        if separator == 1 {
            buffer[len] = b' ';
        }
        let lower = &mut buffer[len + separator..end];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        len = end;
    }
    names().contains(&buffer[..len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_lower_case_and_without_duplicates() {
        let rows: Vec<&str> = TABLE.lines().filter(|l| !l.starts_with('#')).collect();
        assert!(rows.len() > 500);
        for pair in rows.windows(2) {
            assert!(pair[0].as_bytes() < pair[1].as_bytes(), "{pair:?}");
        }
        assert!(rows.iter().all(|r| r.to_lowercase() == *r && r.trim() == *r));
    }

    #[test]
    fn whole_names_only() {
        let cases: &[(&[&str], bool)] = &[
            (&["Ontario"], true),
            (&["BRITISH", "COLUMBIA"], true),
            (&["Houston"], true),
            (&["Ontario", "Power", "Generation"], false),
            (&["Doug", "Ford"], false),
            // Past the stack buffer, and outside ASCII: the same answer.
            (
                &["Saint Vincent and the Grenadines and much more text than any place has"],
                false,
            ),
            (&["SÃO", "PAULO"], true),
            (&[], false),
        ];
        for (words, expected) in cases {
            assert_eq!(is_place(words), *expected, "{words:?}");
        }
    }
}
