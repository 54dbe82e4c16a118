//! What may stand between a subject and its cue: a relative clause without "who" ("the
//! experts I interviewed said"), a prepositional phrase after the subject's head ("sources
//! familiar with the talks said"), or one between "who" and the cue ("who in 2010 said").

use super::{collect_left, cue_participle, is_who, np_word, opens_clause, NpKind, SpeakerNp};
use crate::lexicon::{flag, form};
use crate::token::{shape, Token, TokenKind};

/// "the experts I interviewed said", "people we spoke to said": a description, then a relative
/// clause without "who" or "that" (a subject pronoun and its verb in the past, perhaps with a
/// preposition) ending at `i`, right before the cue. The description speaks.
pub(super) fn reduced_relative_subject(tokens: &[Token], i: usize, lo: usize) -> Option<SpeakerNp> {
    let mut v = i.checked_sub(1)?;
    if v > lo && tokens[v].kind == TokenKind::Word && tokens[v].is(flag::PREP) && !tokens[v].is(flag::SUB) {
        v -= 1;
    }
    let verb = &tokens[v];
    let past = verb.kind == TokenKind::Word && !verb.is_cap() && verb.is_past() && !verb.is(flag::FUNCTION);
    // Any subject pronoun, first persons too ("I", "we").
    if !past || v < lo + 2 || !tokens[v - 1].is_subject_pronoun() {
        return None;
    }
    collect_left(tokens, v - 1, lo).filter(|np| {
        // "all the experts": a quantifier before the phrase.
        let mut a = np.tok_start as usize;
        if a > lo && tokens[a - 1].is(flag::DET) && !tokens[a - 1].is(flag::SUB) {
            a -= 1;
        }
        let after_comma = a > lo && tokens[a - 1].is_punct(b',');
        np.kind == NpKind::Description && (after_comma || opens_clause(tokens, a, lo))
    })
}

/// "McConnell, who in 2010 said …": "who", then a short prepositional phrase of time or place
/// (at most three words or numbers after the preposition), then the cue at `i`.
pub(super) fn who_before_phrase(tokens: &[Token], i: usize, lo: usize) -> Option<SpeakerNp> {
    let floor = lo.max(i.saturating_sub(5));
    let mut p = i;
    while p > floor {
        p -= 1;
        let t = &tokens[p];
        if t.kind == TokenKind::Word && t.is(flag::PREP) && !t.is(flag::SUB) {
            break;
        }
        if !(np_word(t) || t.is(flag::DET)) {
            return None;
        }
    }
    // A time or a place: a preposition of place, or a date or number in its object ("who
    // like others spoke" is a comparison).
    let time_or_place = tokens[p].is(flag::PLACE_PREP)
        || tokens[p + 1..i]
            .iter()
            .any(|t| t.kind == TokenKind::Number || t.is(flag::CALENDAR));
    let opens = p + 1 < i && p > lo && tokens[p].is(flag::PREP) && is_who(&tokens[p - 1]) && time_or_place;
    opens.then(|| SpeakerNp {
        tok_start: p as u32 - 1,
        tok_end: p as u32,
        kind: NpKind::Relative,
    })
}

/// "Advocates for stem cell research said", "sources familiar with the talks said", "One in
/// four voters in a poll said": a subject with a prepositional phrase after its head. Taken
/// only when the head opens the clause, so that an object or an adverbial before the cue
/// ("After talks with the union, officials said") is never read as one. The phrase returned
/// is the head.
pub(super) fn postmodified_subject(tokens: &[Token], k: usize, i: usize, lo: usize) -> Option<SpeakerNp> {
    // A cue word that may be a noun ("the notice of civil claim") or a participle ("statistics
    // showing") after such a phrase is not the verb.
    let cue = &tokens[k];
    let finite = cue.is_past() || !cue.is(flag::CUE_NOUN);
    if !finite || cue.has_form(form::GERUND) {
        return None;
    }
    let floor = lo.max(i.saturating_sub(10));
    let mut p = i;
    while p > floor {
        p -= 1;
        let t = &tokens[p];
        if t.kind == TokenKind::Word && t.is(flag::PREP) && !t.is(flag::SUB) && !t.is_cap() {
            break;
        }
        // "Experts on housing and transit said": a conjunction between two words of the
        // preposition's object.
        // (A conjunction opening the text has no word before it.)
        let joins_object = t.is(flag::ADDITIVE_CONJ)
            && p + 1 < i
            && np_word(&tokens[p + 1])
            && p.checked_sub(1).is_some_and(|q| np_word(&tokens[q]));
        // "Most of those questioned said": a cue's participle ending the object.
        let participle = p + 1 == i && cue_participle(t);
        // "Advisers to Mr. Obama say": the period of a title's abbreviation, written against it.
        let title_period = t.is_punct(b'.')
            && p > floor
            && tokens[p - 1].is(flag::HONORIFIC | flag::TITLE)
            && tokens[p - 1].end == t.start;
        if !np_word(t) && !t.is(flag::DET) && !joins_object && !participle && !title_period {
            return None;
        }
    }
    // The preposition has an object ("states where" is no phrase).
    if p <= lo || p + 1 >= i || !tokens[p].is(flag::PREP) || tokens[i - 1].is(flag::DET) {
        return None;
    }
    // One adjective or participle may stand between the head and its preposition
    // ("familiar with", "close to", "briefed on").
    let mut end = p;
    let t = &tokens[p - 1];
    // (A share is the head itself: "Twenty-four percent of voters said".)
    if t.kind == TokenKind::Word
        && !t.is_cap()
        && !t.is(flag::FUNCTION | flag::ROLE | flag::TITLE | flag::CUE | flag::GROUP_QUANTIFIER)
        && p - 1 > lo
    {
        end = p - 1;
    }
    let np = collect_left(tokens, end, lo).or_else(|| (end != p).then(|| collect_left(tokens, p, lo)).flatten())?;
    let head_ok = matches!(np.kind, NpKind::Name | NpKind::Description);
    // After a comma too: "…, a security professional present during the attack said."
    let a = np.tok_start as usize;
    let after_comma = a > lo && tokens[a - 1].is_punct(b',');
    if !(head_ok && (after_comma || opens_clause(tokens, a, lo))) {
        return None;
    }
    // "Hundreds of residents said", "Six in 10 voters said": a quantity heads nothing alone;
    // the phrase is the whole group counted.
    if tokens[np.tok_end as usize - 1].is(flag::GROUP_QUANTIFIER) {
        return Some(SpeakerNp {
            tok_start: np.tok_start,
            tok_end: i as u32,
            kind: NpKind::Description,
        });
    }
    Some(np)
}

/// Where an inverted speaker phrase `np` ends, with what modifies its head ("said a source in
/// the room", "said two sources familiar with the talks", "said Jane Doe of the union"): only
/// after a role or a name, not a possessive ("Trump's approach in terms of …" is an object).
pub fn speaker_phrase_end(tokens: &[Token], np: SpeakerNp, hi: usize) -> usize {
    let end = np.tok_end as usize;
    let head = &tokens[end - 1];
    if (head.is(flag::ROLE) || head.is_cap()) && head.shape & shape::POSSESSIVE == 0 {
        postmodifier_end(tokens, end, hi)
    } else {
        end
    }
}

/// Where a postmodifier of an inverted speaker ends ("…, said a source in the room.", "…,
/// said two sources familiar with the talks."): a phrase that opens with a preposition, or
/// with a plain lower-case word and then one, and holds no verb of its own, up to the next
/// comma, semicolon or sentence end; `at` itself when there is none.
fn postmodifier_end(tokens: &[Token], at: usize, hi: usize) -> usize {
    let opens = |i: usize| tokens.get(i).is_some_and(|t| t.is_word() && t.is(flag::PREP));
    // "familiar", "close": not a function word, a cue, or a verb's or adverb's form.
    let plain = |t: &Token| {
        t.is_word()
            && !t.is_cap()
            && !t.is(flag::FUNCTION)
            && t.info.cue.is_none()
            && !t.has_form(form::GERUND | form::PAST | form::ADVERB)
    };
    let starts = opens(at) || tokens.get(at).is_some_and(plain) && opens(at + 1);
    if !starts {
        return at;
    }
    let mut end = at;
    while end < hi && !(tokens[end].is_punct(b',') || tokens[end].is_punct(b';') || tokens[end].is_terminal()) {
        let t = &tokens[end];
        // A verb, a clause opener or a quotation: not a phrase of the speaker's.
        if t.info.cue.is_some()
            || t.is(flag::AUX | flag::SUB | flag::WH | flag::COMPLEMENTIZER | flag::BE_FORM)
            || t.is_subject_pronoun()
            || t.kind == TokenKind::QuoteMark
        {
            return at;
        }
        end += 1;
    }
    end
}
