//! One word: where it ends, and the token it makes with its lexicon entry.
//!
//! Both run for every word of every document, so each has a path for plain ASCII words (most
//! of news text) that reads the word's bytes once and decodes no `char`; words with other
//! characters take the general path, which gives the same result for ASCII words.

use super::alnum::{alnum_run, class, AlnumRun};
use super::{shape, Token, TokenKind};
use crate::lexicon::{flag, Lexicon, WordInfo};

/// The end of the word starting at `start`: letters and digits, joined by inner apostrophes,
/// hyphens, and the periods of "U.S." or "3.5". With it, when the word is only ASCII letters
/// and digits, that run (for [`plain_word_token`]).
#[inline(always)]
pub(super) fn scan_word(text: &str, start: usize) -> (usize, Option<AlnumRun>) {
    let bytes = text.as_bytes();
    // ASCII letters and digits are most words: their run, without decoding a char.
    let run = alnum_run(bytes.get(start..).unwrap_or_default());
    let at = start + run.len;
    // Most words end at an ASCII character: one that is neither a letter, a digit nor a
    // combining mark, and not a joiner that [`scan_any_word`] would take (each needs a letter
    // or digit after it, which an ASCII character that is neither is not).
    let ends = match bytes.get(at) {
        None => true,
        Some(&b) => {
            b.is_ascii()
                && (!matches!(b, b'\'' | b'-' | b'&' | b'.' | b',')
                    || bytes
                        .get(at + 1)
                        .is_none_or(|&n| n.is_ascii() && !n.is_ascii_alphanumeric()))
        }
    };
    if ends {
        return (at, Some(run));
    }
    // Otherwise the general scan decides; the word is plain when it takes nothing more.
    let end = scan_any_word(text, start);
    (end, (end == at).then_some(run))
}

/// [`scan_word`]'s end, for any word.
#[inline(never)]
fn scan_any_word(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut seg_len = 0usize; // letters since the last inner period
    let mut at = start;
    while at < bytes.len() {
        // ASCII letters and digits: a byte at a time, without decoding a char.
        if bytes[at].is_ascii_alphanumeric() {
            at += 1;
            end = at;
            seg_len += 1;
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        let after = at + c.len_utf8();
        // Decomposed accents ("Jose\u{301}") belong to their letter.
        if c.is_alphanumeric() || is_combining_mark(c) {
            end = after;
            at = after;
            seg_len += 1;
            continue;
        }
        let next = text[after..].chars().next();
        let joins = match c {
            '\'' | '’' => next.is_some_and(char::is_alphabetic),
            '-' | '&' => next.is_some_and(char::is_alphanumeric),
            '.' => {
                next.is_some_and(|n| n.is_alphabetic()) && seg_len == 1
                    || next.is_some_and(|n| n.is_ascii_digit())
                        && text[start..at].bytes().all(|b| b.is_ascii_digit() || b == b',')
            }
            ',' => {
                next.is_some_and(|n| n.is_ascii_digit())
                    && text[start..at].bytes().all(|b| b.is_ascii_digit() || b == b',')
            }
            _ => false,
        };
        if !joins {
            break;
        }
        if c == '.' {
            seg_len = 0;
        }
        at = after;
    }
    // "U.S." keeps no final period here; the period is its own token and the sentence
    // splitter asks the abbreviation list about "U.S".
    end
}

/// Combining diacritical marks, which Unicode stores after the letter they accent.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// What one pass over an ASCII word's bytes tells.
#[derive(Clone, Copy)]
struct AsciiShape {
    /// The first letter or digit, if any.
    first_alnum: Option<u8>,
    /// Letters.
    letters: usize,
    /// Any lower-case letter.
    lower: bool,
    /// Any upper-case letter.
    upper: bool,
    /// Any apostrophe.
    apostrophe: bool,
    /// Any hyphen.
    hyphen: bool,
}

impl AsciiShape {
    /// The shape of `bytes`, or `None` when they are not all ASCII.
    #[inline]
    fn of(bytes: &[u8]) -> Option<AsciiShape> {
        let mut s = AsciiShape {
            first_alnum: None,
            letters: 0,
            lower: false,
            upper: false,
            apostrophe: false,
            hyphen: false,
        };
        for &b in bytes {
            if !b.is_ascii() {
                return None;
            }
            if b.is_ascii_lowercase() {
                s.lower = true;
                s.letters += 1;
            } else if b.is_ascii_uppercase() {
                s.upper = true;
                s.letters += 1;
            } else if b == b'\'' {
                s.apostrophe = true;
            } else if b == b'-' {
                s.hyphen = true;
            }
            if s.first_alnum.is_none() && b.is_ascii_alphanumeric() {
                s.first_alnum = Some(b);
            }
        }
        Some(s)
    }
}

/// The token of the word `text[start..end]`, with its lexicon entry.
pub(super) fn word_token(text: &str, start: usize, end: usize, lex: &Lexicon) -> Token {
    let t = &text[start..end];
    let (is_number, shape, info) = match AsciiShape::of(t.as_bytes()) {
        Some(ascii) => ascii_word(t, ascii, lex),
        None => any_word(t, lex),
    };
    word_or_number(start, end, is_number, shape, text.as_bytes()[start], info)
}

/// The token of the word `text[start..end]`, the run `run` of ASCII letters and digits (from
/// [`scan_word`]): what [`word_token`] gives, from what the scan has already seen. Such a word
/// has no possessive or contraction ending (each starts with an apostrophe) and no name
/// particle (each ends in a hyphen).
#[inline]
pub(super) fn plain_word_token(text: &str, start: usize, end: usize, run: &AlnumRun, lex: &Lexicon) -> Token {
    // The word as a string only on the rare paths that read it again (longer than eight bytes
    // or than the short-word table's words, capitals without a lower-case letter): slicing it
    // checks its bounds and char boundaries, some ten instructions on every word, where the
    // run already holds its first bytes.
    let word = || text.get(start..end).unwrap_or_default();
    let classes = run.classes;
    let first = run.first_byte();
    let is_number = first.is_ascii_digit();
    let mut shape = 0u8;
    if first.is_ascii_uppercase() {
        shape |= shape::CAP;
        if classes & class::LOWER == 0 && word().bytes().filter(|b| b.is_ascii_alphabetic()).nth(1).is_some() {
            shape |= shape::ALL_CAPS;
        }
    }
    let mut info = if is_number {
        WordInfo::default()
    } else {
        // The entry read in place: a copy joined with `lookup`'s (returned through the stack)
        // was built field by field in a stack slot and read back across the fields, a stalled
        // load on every word; so only the rare word the table cannot tell is copied.
        let looked_up;
        let entry = match run.short_key().and_then(|key| lex.short_entry(key)) {
            Some(entry) => entry,
            None => {
                looked_up = lex.lookup(word());
                &looked_up
            }
        };
        case_roles(*entry, classes & class::UPPER != 0)
    };
    info.form = match run.bytes_number() {
        Some(number) => lex.forms_of_bytes(number, run.len),
        None => lex.forms_of(word()),
    };
    word_or_number(start, end, is_number, shape, first, info)
}

/// The token both word paths make once they know what the word is.
#[inline]
fn word_or_number(start: usize, end: usize, is_number: bool, shape: u8, first: u8, info: WordInfo) -> Token {
    Token {
        start: start as u32,
        end: end as u32,
        kind: if is_number { TokenKind::Number } else { TokenKind::Word },
        shape,
        mark: 0,
        first,
        info,
    }
}

/// [`any_word`] for a word of ASCII characters whose shape is `s`: the same result, from the
/// bytes already read.
#[inline]
fn ascii_word(t: &str, s: AsciiShape, lex: &Lexicon) -> (bool, u8, WordInfo) {
    let is_number = s.first_alnum.is_some_and(|b| b.is_ascii_digit());
    let mut shape = 0u8;
    // Every name particle ends in a hyphen (Lexicon::has_name_particle).
    let particle_name = s.hyphen && lex.has_name_particle(t);
    if s.first_alnum.is_some_and(|b| b.is_ascii_uppercase()) || particle_name {
        shape |= shape::CAP;
        if s.letters >= 2 && !s.lower {
            shape |= shape::ALL_CAPS;
        }
    }
    let base = lex.strip_possessive(t);
    let possessive = base.len() < t.len();
    let mut info = if is_number {
        WordInfo::default()
    } else {
        // Every contraction ending has an apostrophe (Lexicon::contraction_stem).
        let stem = if s.apostrophe { lex.contraction_stem(base) } else { None };
        match stem.map(|s| (s, lex.lookup(s))) {
            Some((stem, info)) if info.flags() != 0 => whole_word_roles(info, stem, t, s.upper),
            _ => whole_word_roles(lex.lookup(base), base, t, s.upper),
        }
    };
    info.form = lex.forms_of(t);
    // "she's", "it's": a contraction, not a possessive.
    if possessive && !info.is(flag::PRONOUN | flag::FUNCTION) {
        shape |= shape::POSSESSIVE;
    }
    (is_number, shape, info)
}

/// Whether the word `t` is a number, its [`shape`] bits and its lexicon entry.
fn any_word(t: &str, lex: &Lexicon) -> (bool, u8, WordInfo) {
    let first_char = t.chars().find(|c| c.is_alphanumeric());
    let is_number = first_char.is_some_and(|c| c.is_ascii_digit());
    let mut shape = 0u8;
    // "al-Shabaab", "el-Sisi": a lower-case particle before a capitalised name.
    let particle_name = lex.has_name_particle(t);
    if first_char.is_some_and(char::is_uppercase) || particle_name {
        shape |= shape::CAP;
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 2 && !t.chars().any(char::is_lowercase) {
            shape |= shape::ALL_CAPS;
        }
    }
    let base = lex.strip_possessive(t);
    let possessive = base.len() < t.len();
    let upper = t.bytes().any(|b| b.is_ascii_uppercase());
    let mut info = if is_number {
        WordInfo::default()
    } else {
        // "I’m", "they’re", "don’t": the word before the contraction says what it is.
        match lex.contraction_stem(base).map(|s| (s, lex.lookup(s))) {
            Some((stem, info)) if info.flags() != 0 => whole_word_roles(info, stem, t, upper),
            _ => whole_word_roles(lex.lookup(base), base, t, upper),
        }
    };
    info.form = lex.forms_of(t);
    // "she's", "it's": a contraction, not a possessive.
    if possessive && !info.is(flag::PRONOUN | flag::FUNCTION) {
        shape |= shape::POSSESSIVE;
    }
    (is_number, shape, info)
}

/// `info`, found for `word` (all of `token`, or a part of it), without the roles that hold
/// only for the word itself when `word` is a part ("wasn't" is no form of "be"), nor those of
/// a lower-case word when `token` has an ASCII capital (`token_upper`).
#[inline]
fn whole_word_roles(mut info: WordInfo, word: &str, token: &str, token_upper: bool) -> WordInfo {
    if word.len() != token.len() {
        info.remove(flag::WHOLE_WORD);
        info
    } else {
        case_roles(info, token_upper)
    }
}

/// [`whole_word_roles`] of `info` found for the whole token.
#[inline]
fn case_roles(mut info: WordInfo, token_upper: bool) -> WordInfo {
    if info.is(flag::LOWER_CASE_ONLY) && token_upper {
        info.remove(flag::LOWER_CASE_ONLY);
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII path and the general path agree on every kind of ASCII word.
    #[test]
    fn ascii_path_matches_general_path() {
        let lex = Lexicon::english();
        let words = [
            "said",
            "Said",
            "SAID",
            "the",
            "The",
            "U.S",
            "Teigen's",
            "she's",
            "they're",
            "don't",
            "wasn't",
            "al-Shabaab",
            "el-sisi",
            "then-Surrey",
            "'90s",
            "'em",
            "1.13bn",
            "3",
            "A",
            "I",
            "I'm",
            "NATO",
            "x",
            "who's",
            "According",
            "as",
            "As",
            "BBC's",
            "CEO",
            "Mr",
            "Jean-Luc",
            "AT&T",
            "can't",
            "A1",
            "B52s",
            "1990s",
            "G7",
            "IOU",
            "Officials",
            "saying",
            "Reportedly",
            "American",
            "boss",
        ];
        for w in words {
            if let (end, Some(run)) = scan_word(w, 0) {
                if end == w.len() {
                    let a = plain_word_token(w, 0, end, &run, &lex);
                    let b = word_token(w, 0, end, &lex);
                    assert_eq!((a.kind, a.shape, a.first), (b.kind, b.shape, b.first), "{w}");
                    assert_eq!(
                        (
                            a.info.flags(),
                            a.info.form,
                            a.info.gender,
                            a.info.cue,
                            a.info.case,
                            a.info.channel
                        ),
                        (
                            b.info.flags(),
                            b.info.form,
                            b.info.gender,
                            b.info.cue,
                            b.info.case,
                            b.info.channel
                        ),
                        "{w}"
                    );
                }
            }
            let s = AsciiShape::of(w.as_bytes()).expect("ASCII");
            let (n1, s1, i1) = ascii_word(w, s, &lex);
            let (n2, s2, i2) = any_word(w, &lex);
            assert_eq!((n1, s1), (n2, s2), "{w}");
            assert_eq!(
                (i1.flags(), i1.form, i1.gender, i1.cue, i1.case, i1.channel),
                (i2.flags(), i2.form, i2.gender, i2.cue, i2.case, i2.channel),
                "{w}"
            );
        }
    }

    #[test]
    fn words_end_where_the_general_rules_say() {
        let cases = [
            ("U.S. said", "U.S"),
            ("3,000 people", "3,000"),
            ("1.5m.", "1.5m"),
            ("rock-solid x", "rock-solid"),
            ("AT&T's", "AT&T's"),
            ("Jose\u{301} spoke", "Jose\u{301}"),
            ("don’t go", "don’t"),
            ("end, then", "end"),
            ("end- then", "end"),
        ];
        for (text, word) in cases {
            assert_eq!(&text[..scan_word(text, 0).0], word, "{text}");
        }
        // The fast scan ends where the general one does, at every start of these texts.
        let texts = [
            "It's the U.S. and A.B.C. on 3,000.5 or 1.13bn, rock 'n' roll - AT&T; x-ray.",
            "don’t José Jose\u{301} naïve 日本 word,word word.word 5'10\" a--b a-'b",
        ];
        for text in texts {
            for (i, _) in text.char_indices() {
                let (end, plain) = scan_word(text, i);
                assert_eq!(end, scan_any_word(text, i), "{text} at {i}");
                let word = &text[i..end];
                let simple = !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric());
                assert_eq!(plain.is_some(), simple || word.is_empty(), "{text} at {i}");
            }
        }
    }
}
