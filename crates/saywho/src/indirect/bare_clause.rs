//! Whether reported content without "that" is a clause: "said the plan failed", "asked whether
//! …", "…, which he said were …", and not an object ("denied the request", "did not say when").

use crate::lexicon::{flag, form, CueClass, Gender};
use crate::np::{Cue, SpeakerNp};
use crate::token::{Token, TokenKind};

/// Can reported content start with this token?
pub(super) fn starts_clause(t: &Token, next: Option<&Token>) -> bool {
    // "said roughly 65 per cent of …": an approximating adverb before a number.
    if t.has_form(form::ADVERB) && next.is_some_and(|n| n.kind == TokenKind::Number) {
        return true;
    }
    match t.kind {
        // A subject: a pronoun, a determiner, a name, "having"; or a bare noun that is not an
        // adverb ("said protesters were …", not "writes extensively"; "there" and "that's" are
        // neither prepositions nor auxiliaries).
        TokenKind::Word => {
            t.is(flag::DET) && !t.is(flag::SUB)
                || t.is(flag::PRONOUN) && t.info.case != Some(crate::lexicon::Case::Object)
                || t.is_cap()
                || t.is(flag::CLAUSE_OPENER)
                || !t.is(flag::PREP | flag::CONJ | flag::AUX | flag::NEG) && !t.has_form(form::ADVERB)
        }
        TokenKind::Number => true,
        _ => false,
    }
}

/// Verbs that report a clause without "that" ("said the plan failed"). Others only take one
/// after "that": "denied the request" and "responded a minute later" report nothing; or
/// when the content opens with a pronoun that can only be a subject ("added he doesn't
/// think …", "admitted they were wrong"), as no object of theirs can.
pub(super) fn takes_bare_clause(tokens: &[Token], cue: &Cue, content: &Token) -> bool {
    // Third persons only: "it" and "you" are objects too ("asked you what …").
    let nominative_only =
        content.is_subject_pronoun() && matches!(content.info.gender, Gender::Male | Gender::Female | Gender::Plural);
    tokens[cue.tok_start as usize].is(flag::BARE_CLAUSE_VERB) || nominative_only && cue.class != CueClass::Cognition
}

/// Does the content at token `cstart`, after cue `cue` and its subject `np` in the sentence of
/// tokens `lo..hi`, read as a clause without "that" ("said the plan failed", "asked whether …",
/// "…, which he said were …")?
pub(super) fn reads_bare_clause(
    tokens: &[Token],
    (lo, hi): (usize, usize),
    cue: &Cue,
    np: &SpeakerNp,
    cstart: usize,
) -> bool {
    let c = cstart.min(hi - 1);
    let next = tokens.get(c + 1).filter(|_| c + 1 < hi);
    // "asked whether …": a question verb's content opens with its question word; no other
    // verb's does ("did not say when the plant would close").
    // ("said if he wins, …" is a clause: only wh-words are refused.)
    let word = |mask: u64| tokens[c].kind == TokenKind::Word && tokens[c].is(mask);
    let question_verb = tokens[cue.tok_start as usize].is(flag::QUESTION_VERB);
    // "did not say when …", "would not say which …": a refusal to say reports nothing.
    let k = cue.tok_start as usize;
    let negated = tokens[lo.max(k.saturating_sub(3))..k].iter().any(|t| t.is(flag::NEG));
    // "…donations, which he said were accompanied by leverage": a relative pronoun after a
    // comma (not "who", a person) is the subject of what was said, whose verb opens the
    // content.
    let j = np.tok_start as usize;
    let relative_subject = j >= lo + 2
        && tokens[j - 1].is(flag::WH)
        && !tokens[j - 1].is(flag::PERSON_RELATIVE)
        && tokens[j - 2].is_punct(b',')
        && tokens[c].is(flag::AUX | flag::BE_FORM);
    // "questioned what they called a lack of transparency", "asked what he described as …":
    // "what" and a naming verb make a noun phrase, the object; no question is reported.
    let naming = || {
        tokens[c + 1..hi.min(c + 5)].iter().enumerate().any(|(m, t)| {
            t.is(flag::LABEL_VERB) || t.info.cue.is_some() && tokens.get(c + 2 + m).is_some_and(|n| n.is(flag::AS_LINK))
        })
    };
    if word(flag::WH | flag::SUB) && (negated || naming()) {
        false
    } else if question_verb && word(flag::WH | flag::SUB) || relative_subject {
        true
    } else {
        !word(flag::WH) && starts_clause(&tokens[c], next) && takes_bare_clause(tokens, cue, &tokens[c])
    }
}
