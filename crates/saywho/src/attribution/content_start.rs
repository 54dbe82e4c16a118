//! Where the reported content after a cue begins: after "that", a hearer ("told reporters
//! that"), a time ("said Monday"), or a short phrase of place, time or channel ("said in a
//! statement the …", "said at 7:30 p.m., there were …").

use crate::lexicon::flag;
use crate::np::{cue_at, Cue};
use crate::token::{shape, Token, TokenKind};

/// Where the reported content of `cue` starts, looking no further than `limit`, and whether
/// a "that" introduced it.
pub(crate) fn content_start(text: &str, tokens: &[Token], cue: &Cue, limit: usize) -> (usize, bool) {
    let j = cue.tok_end as usize;
    // "told reporters that": the first object is the hearer, not the content.
    let hearer_verb = tokens[cue.tok_start as usize].is(flag::HEARER_VERB);
    // "said that", "told reporters that", "said Tuesday that", "said in a statement that"
    let mut in_title = false;
    for (k, t) in tokens.iter().enumerate().take(limit.min(j + 10)).skip(j) {
        if in_title {
            in_title = t.kind != TokenKind::QuoteMark;
            continue;
        }
        if t.kind == TokenKind::Word && t.is(flag::COMPLEMENTIZER) {
            // "said that was not her view": right after the cue, a verb after it makes "that"
            // the subject of what was said, not its complementizer.
            let subject = k == j
                && tokens
                    .get(k + 1)
                    .is_some_and(|n| n.kind == TokenKind::Word && n.is(flag::AUX | flag::BE_FORM));
            return (if subject { k } else { k + 1 }, true);
        }
        // Commas inside a place or an adverbial do not end the search: "says at a campaign
        // stop in Toledo, Ohio, that", "states, however, that".
        // A clause visibly begins ("says the system is designed for that …"): no "that" to
        // look for. A determiner after a preposition ("in a statement") does not count.
        let after_prep = k > j && tokens[k - 1].is(flag::PREP);
        // "told the House of Commons that": the hearer's determiner starts no clause.
        // Nor does one after a conjunction inside it ("warned banks and other lenders that").
        let hearer = hearer_verb
            && (k == j
                || tokens[k - 1].is(flag::CONJ)
                    && tokens[j..k - 1]
                        .iter()
                        .all(|t| t.is_word() && !t.is(flag::CUE | flag::FUNCTION)));
        let clause_start = t.is(flag::DET) && !t.is(flag::SUB) && !after_prep && !hearer;
        if t.is_terminal()
            // After a preposition a cue word is a noun: "said via email that".
            || t.is(flag::CUE) && !after_prep && cue_at(text, tokens, k).is_some()
            || t.is_subject_pronoun()
            || clause_start
        {
            break;
        }
        if t.kind == TokenKind::QuoteMark {
            // "told MSNBC's “Morning Joe” that": a short quoted title.
            let title_close = tokens[k + 1..limit.min(k + 6)]
                .iter()
                .position(|n| n.kind == TokenKind::QuoteMark);
            if title_close.is_none() {
                break;
            }
            in_title = true;
        }
    }
    let mut k = j;
    // "said Monday he is …", "said yesterday the plan …", "said Friday afternoon the …": a
    // time before the content. (Only the adverbs of that list, or its nouns after a day's
    // name: "said weekend traffic was heavy" keeps its noun.)
    while k < limit
        && (tokens[k].is(flag::CALENDAR)
            || tokens[k].is(flag::TIME_BEFORE_CONTENT)
                && (tokens[k].is(flag::ADV) || k > j && tokens[k - 1].is(flag::CALENDAR)))
    {
        k += 1;
    }
    // "said by text message the weather …", "said in a statement the company …": a short
    // prepositional phrase between the cue and its content.
    if let Some(start) = after_phrase(tokens, k, limit) {
        return (start, false);
    }
    if hearer_verb {
        // Skip the hearer: a pronoun or a short noun phrase.
        let mut n = 0;
        while k < limit && n < 4 {
            let t = &tokens[k];
            // A determiner after the hearer starts the content: "told reporters the plan …".
            if n > 0 && t.is(flag::DET) {
                break;
            }
            let object_pronoun = t.is(flag::PRONOUN) && t.info.case == Some(crate::lexicon::Case::Object);
            let hearer_word = t.kind == TokenKind::Word
                && (object_pronoun
                    || !t.is(flag::PRONOUN)
                        && (t.is(flag::DET | flag::ROLE)
                            || t.is_cap()
                            || t.shape & crate::token::shape::POSSESSIVE != 0));
            // "told CTV News it has …": a subject pronoun starts the content.
            let modifier = t.kind == TokenKind::Word && !t.is(flag::FUNCTION | flag::PRONOUN) && n > 0 && n < 3;
            if !hearer_word && !modifier {
                break;
            }
            k += 1;
            n += 1;
            if t.is(flag::PRONOUN) && t.info.case == Some(crate::lexicon::Case::Object) {
                break;
            }
        }
    }
    (k, false)
}

/// Where the content starts after a short prepositional phrase at token `k` (not reaching
/// `limit`), when one is there: "said in a statement the company …", "said at 7:30 p.m., there
/// were …".
fn after_phrase(tokens: &[Token], k: usize, limit: usize) -> Option<usize> {
    if !tokens.get(k).is_some_and(|t| t.is(flag::PREP) && !t.is(flag::SUB)) {
        return None;
    }
    let mut m = k + 1;
    if tokens.get(m).is_some_and(|t| t.is(flag::DET)) {
        m += 1;
    }
    let stop = limit.min(m + 4);
    // Words, numbers, and the points of a time or an abbreviation written against them
    // ("at 7:30 p.m."), which take more tokens than words: the phrase may run three tokens
    // past `stop` before a comma.
    let phrase_word = |i: usize| {
        let t = &tokens[i];
        t.kind == TokenKind::Number
            || t.is_word() && !t.is(flag::DET | flag::PRONOUN | flag::FUNCTION)
            || (t.is_punct(b'.') || t.is_punct(b':')) && tokens[i - 1].end == t.start
    };
    while m < stop + 3 && m < limit && phrase_word(m) {
        m += 1;
    }
    if m < stop
        && tokens[m].is_word()
        && tokens[m].is(flag::DET | flag::PRONOUN)
        && tokens[m].info.case != Some(crate::lexicon::Case::Object)
    {
        return Some(m);
    }
    // "said at 7:30 p.m., there were …": a comma, then a clause. Not when the cue is in a
    // clause that opens the sentence with a subordinator ("After residents complained about
    // the noise, the council was …"): the clause after the comma is the main one.
    let finite = |t: &Token| t.is_word() && t.is(flag::AUX | flag::BE_FORM) && !t.is(flag::INFINITIVE_TO);
    if m < limit && m > k + 1 && tokens[m].is_punct(b',') && !in_opening_subordinate(tokens, k) {
        let c = m + 1;
        let subject = tokens
            .get(c)
            .filter(|_| c < limit)
            .is_some_and(|t| t.is_word() && (t.is(flag::DET) && !t.is(flag::SUB) || t.is_subject_pronoun()));
        // "there were", "officials said": one word and its verb.
        let one_word_subject = c + 1 < limit
            && tokens[c].is_word()
            && !tokens[c].is(flag::PREP | flag::CONJ | flag::SUB | flag::AUX | flag::NEG | flag::WH)
            && finite(&tokens[c + 1]);
        if one_word_subject || subject && tokens[c + 1..limit.min(c + 4)].iter().any(finite) {
            return Some(c);
        }
    }
    None
}

/// Is token `k` in a subordinate clause that opens its sentence ("After …", "Ever since …",
/// "When …"): a subordinator between the sentence's start and `k`, with no comma between?
/// Looks back at most 24 tokens.
fn in_opening_subordinate(tokens: &[Token], k: usize) -> bool {
    for i in (k.saturating_sub(24)..k).rev() {
        let t = &tokens[i];
        if t.is_punct(b',') || t.is_terminal() {
            return false;
        }
        if t.is(flag::SUB) && !t.is(flag::COMPLEMENTIZER) && t.is_word() {
            return true;
        }
        if t.shape & shape::SENT_START != 0 {
            return false;
        }
    }
    false
}
