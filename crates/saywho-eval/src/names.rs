//! Whether a predicted speaker name resolves to the gold one.
//!
//! Names are compared as word lists after [`normalize_name`]: lower case, apostrophes dropped
//! (`O'Brien` = `OBrien`), other punctuation read as a space, honorifics and titles dropped
//! (Mr, Dr, Premier, Mayor…), a leading `the` and trailing generational suffixes (Jr, III)
//! dropped. Two names are the same speaker when the word lists are equal, or when they end in
//! the same word and one list's words are all in the other (gold "Doug McCallum" and predicted
//! "McCallum" agree; so do gold "McCallum" and predicted "Doug McCallum"; "Jane Smith" and
//! "John Smith" do not). Letters are not folded: "Díaz" and "Diaz" differ.

/// Words dropped wherever they occur in a name: honorifics and office titles.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "president",
    "premier",
    "mayor",
    "minister",
    "prime",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "sir",
    "dame",
    "rev",
    "reverend",
    "hon",
    "honourable",
    "honorable",
];

/// Words dropped at the end of a name.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// The comparable words of a name.
pub fn normalize_name(name: &str) -> Vec<String> {
    let mut cleaned = String::with_capacity(name.len());
    for c in name.chars() {
        if c == '\'' || c == '\u{2019}' || c == '\u{2018}' {
            continue;
        }
        if c.is_alphanumeric() {
            cleaned.extend(c.to_lowercase());
        } else {
            cleaned.push(' ');
        }
    }
    let mut words: Vec<String> = cleaned
        .split_whitespace()
        .filter(|w| !TITLES.contains(w))
        .map(str::to_string)
        .collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    while words.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) && words.len() > 1 {
        words.pop();
    }
    words
}

/// True when `predicted` names the same speaker as `gold` (see the module documentation).
pub fn same_speaker(gold: &str, predicted: &str) -> bool {
    let gold = normalize_name(gold);
    let predicted = normalize_name(predicted);
    let (Some(gold_last), Some(predicted_last)) = (gold.last(), predicted.last()) else {
        return false;
    };
    if gold == predicted {
        return true;
    }
    let subset = |small: &[String], big: &[String]| small.iter().all(|w| big.contains(w));
    gold_last == predicted_last && (subset(&gold, &predicted) || subset(&predicted, &gold))
}
