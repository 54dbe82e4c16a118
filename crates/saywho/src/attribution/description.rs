//! Descriptions of a speaker whose head noun the roles lack ("a veteran forecaster", "another
//! person", "the RNC member"), read only where the position already says a speaker stands.

use crate::lexicon::{cased, flag, form, Lexicon};
use crate::np::{NpKind, SpeakerNp};
use crate::token::{shape, Token, TokenKind};

/// `"…," a veteran forecaster commented`: between a quotation's closing mark and its cue,
/// where only the speaker can stand, a determiner and up to three lower-case words describe
/// the speaker when the last is a noun for a person, even one that heads no description in
/// the lexicon's roles ("a harsh voice cried" is nobody).
pub(crate) fn unlisted_description(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    a: usize,
    k: usize,
) -> Option<SpeakerNp> {
    let words = &tokens[a..k];
    let plain = |t: &Token| {
        t.kind == TokenKind::Word
            && !t.is_cap()
            && !t.is(flag::FUNCTION | flag::CUE | flag::PRONOUN | flag::ADV | flag::AUX)
    };
    // A capitalised word may modify the head: "the RNC member", "a Labour voter" (a party or
    // a body the person belongs to, not the speaker).
    let modifier = |t: &Token| {
        plain(t) || t.kind == TokenKind::Word && t.shape & shape::POSSESSIVE == 0 && !t.is(flag::FUNCTION | flag::CUE)
    };
    let head = words.last()?;
    let person = head.is(flag::ROLE_PERSON) || lex.is_cased(head.text(text), cased::PERSON_NOUN);
    let described = tokens[a].is(flag::DET)
        && !tokens[a].is(flag::PRONOUN)
        && (2..=4).contains(&words.len())
        && words[1..words.len() - 1].iter().all(modifier)
        && plain(head)
        && person
        && tokens.get(k).is_none_or(|next| agrees(head, next));
    described.then_some(SpeakerNp {
        tok_start: a as u32,
        tok_end: k as u32,
        kind: NpKind::Description,
    })
}

/// `"…," says a local shopkeeper`, `"…?" asked a voter in the crowd`: right after an inverted
/// cue (token `k` on, not reaching `hi`), the same description as [`unlisted_description`],
/// ending where the sentence's punctuation, a preposition, a conjunction or a relative pronoun
/// follows its head (at most three words after the determiner).
pub(crate) fn unlisted_description_after(
    text: &str,
    tokens: &[Token],
    lex: &Lexicon,
    k: usize,
    hi: usize,
) -> Option<SpeakerNp> {
    let end = (k + 2..=hi.min(k + 4)).find(|&e| {
        e >= hi
            || tokens
                .get(e)
                .is_none_or(|n| !n.is_word() || n.is(flag::PREP | flag::CONJ | flag::PERSON_RELATIVE) && !n.is_cap())
    })?;
    unlisted_description(text, tokens, lex, k, end)
}

/// Can `next`, when it is a cue, be the verb of a description headed by `head`? A singular
/// head takes a finite form ("the plumber said", "the plumber says"); a bare form after it is
/// a noun ("The great American plumber joke, that …"). (Anything else after the head, a comma
/// before a relative clause, leaves the verb to be found later.)
fn agrees(head: &Token, next: &Token) -> bool {
    next.info.cue.is_none() || head.has_form(form::S) || crate::names::is_finite_cue(next)
}
