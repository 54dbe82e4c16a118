//! A title that names its office with "of": "Secretary of State John Kerry", "Minister of
//! Health Patty Hajdu", "Chancellor of the Exchequer Gordon Brown". The capitalised run after
//! "of" holds the office and then the name; without this, "State John Kerry" was the name,
//! and the speaker was the title.

use crate::lexicon::flag;
use crate::token::{Token, TokenKind};

/// Where the name starts in the run `start..end` when the run follows "TITLE of" (or "TITLE
/// of the") and holds a first name (not a place's name) after its first word and before its
/// last: the office's words come before the first name. With the token of the title, where
/// the name's titles then start. `None` when the run is not so placed, or holds no such first
/// name ("Secretary of State Kerry" stays one run: nothing tells where the office ends).
pub(super) fn name_after_office(text: &str, tokens: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    // The lexicon's words: "the", and "of" (the preposition names hold, "Bank of Canada").
    let word = |i: usize, role: u64| tokens.get(i).is_some_and(|t| t.is(role) && !t.is_cap());
    let mut at = start.checked_sub(1)?;
    if word(at, flag::DEF_ARTICLE) {
        at = at.checked_sub(1)?;
    }
    if !word(at, flag::NAME_INNER_PREP) {
        return None;
    }
    let title = at.checked_sub(1)?;
    let t = &tokens[title];
    if !(t.kind == TokenKind::Word && t.is(flag::TITLE) && t.is_cap() && !t.in_quote()) {
        return None;
    }
    // The first of the run's first names that is no place: "Governor of West Virginia John
    // J. Jacob" is John J. Jacob's title, though Virginia is a first name too.
    let first = (start + 1..end.saturating_sub(1)).find(|&i| {
        let word = tokens[i].base(text);
        crate::name_gender::first_name_gender(word).is_some() && !crate::places::is_place(&[word])
    })?;
    Some((title, first))
}
