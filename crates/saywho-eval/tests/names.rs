//! Name normalisation and speaker equality.

use saywho_eval::names::{normalize_name, same_speaker};

#[test]
fn names_normalise_to_comparable_words() {
    let cases: &[(&str, &[&str])] = &[
        ("Doug McCallum", &["doug", "mccallum"]),
        ("Mr. McCallum", &["mccallum"]),
        ("Premier Doug Ford", &["doug", "ford"]),
        ("Prime Minister Justin Trudeau", &["justin", "trudeau"]),
        ("Dr Bonnie Henry", &["bonnie", "henry"]),
        ("Sen. Elizabeth Warren", &["elizabeth", "warren"]),
        ("Martin Luther King Jr.", &["martin", "luther", "king"]),
        ("O’Brien", &["obrien"]),
        ("Jean-Yves Duclos", &["jean", "yves", "duclos"]),
        ("The diocese", &["diocese"]),
        ("Mr.", &[]),
    ];
    for (name, words) in cases {
        assert_eq!(normalize_name(name), *words, "{name}");
    }
}

#[test]
fn same_speaker_accepts_subsets_with_the_same_last_name() {
    // (gold, predicted, same?)
    let cases = [
        ("Doug McCallum", "McCallum", true),
        ("McCallum", "Doug McCallum", true),
        ("Doug McCallum", "doug mccallum", true),
        ("Doug McCallum", "Mayor Doug McCallum", true),
        ("Mr. McCallum", "Doug McCallum", true),
        ("Hillary Rodham Clinton", "Hillary Clinton", true),
        ("Dr. Theresa Tam", "Theresa Tam.", true),
        ("O'Brien", "O’Brien", true),
        ("Jane Smith", "John Smith", false),
        ("Doug McCallum", "Doug", false), // first name only: the last names differ
        ("Bill Clinton", "Hillary Clinton", false),
        ("Doug McCallum", "", false),
        ("", "Doug McCallum", false),
        ("Mr.", "Mr.", false), // nothing left to compare
        ("Some voters", "voters", true),
        ("The diocese", "diocese", true),
    ];
    for (gold, predicted, expected) in cases {
        assert_eq!(same_speaker(gold, predicted), expected, "{gold:?} vs {predicted:?}");
    }
}
