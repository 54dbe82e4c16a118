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

use crate::shape_filter::ShapeFilter;
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// The table, as `scripts/build-place-table` writes it.
const TABLE: &str = include_str!("../lexicons/en/places.txt");

/// The names of the table, borrowed from the embedded text, and a filter of their shapes:
/// built once per process. Held as bytes, so that a name lowered into a buffer is looked up
/// without checking it is UTF-8.
struct Places {
    names: FxHashSet<&'static [u8]>,
    /// [`shape_key`] of each name: coreference asks of nearly every name it links, and few
    /// are places, so most are answered without lowering and hashing the name.
    shapes: ShapeFilter,
}

/// The shape of a name of `len` bytes (words and the spaces between them) whose first and last
/// bytes, lowered, are `first` and `last`.
#[inline(always)]
fn shape_key(first: u8, last: u8, len: usize) -> u64 {
    u64::from(first) | u64::from(last) << 8 | (len as u64) << 16
}

fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| {
        let names: FxHashSet<&'static [u8]> = crate::lexicon::data_lines(TABLE).map(str::as_bytes).collect();
        let shapes = ShapeFilter::new(names.iter().filter_map(|name| match (name.first(), name.last()) {
            (Some(&first), Some(&last)) => Some(shape_key(first, last, name.len())),
            _ => None,
        }));
        Places { names, shapes }
    })
}

/// Is the name made of `words` (as written, any case) exactly a place of the table?
pub fn is_place(words: &[&str]) -> bool {
    // The longest names of the table have five words ("Saint Vincent and the Grenadines").
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let places = places();
    // Coreference asks for every name it links: an ASCII name is lower-cased into a buffer on
    // the stack, a word at a time, without allocating, once its shape may be a place's; any
    // other is joined and lower-cased as Unicode says.
    let len = words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1;
    let ascii = words.iter().all(|w| w.is_ascii());
    let first = words[0].as_bytes().first();
    let last = words[words.len() - 1].as_bytes().last();
    if let (true, Some(first), Some(last)) = (ascii, first, last) {
        if !places
            .shapes
            .may_hold(shape_key(first.to_ascii_lowercase(), last.to_ascii_lowercase(), len))
        {
            return false;
        }
    }
    let mut buffer = [0u8; 64];
    let mut len = 0;
    for (i, word) in words.iter().enumerate() {
        let separator = usize::from(i > 0);
        let end = len + separator + word.len();
        if !word.is_ascii() || end > buffer.len() {
            return places.names.contains(words.join(" ").to_lowercase().as_bytes());
        }
        if separator == 1 {
            buffer[len] = b' ';
        }
        let lower = &mut buffer[len + separator..end];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        len = end;
    }
    places.names.contains(&buffer[..len])
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
    fn every_name_of_the_table_is_found_in_any_case() {
        // (Names of more than six words are never asked for: see is_place.)
        for name in crate::lexicon::data_lines(TABLE).filter(|n| n.split(' ').count() <= 6) {
            let upper = name.to_ascii_uppercase();
            for written in [name, upper.as_str()] {
                let words: Vec<&str> = written.split(' ').collect();
                assert!(is_place(&words), "{written:?}");
            }
        }
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
