//! Attributions beyond speech ([`Scope::Attributions`]): a source's stance or claim whose
//! content is a noun phrase ("Trump called for a ban"), an infinitive ("Clinton pledged to
//! work with both parties") or a belief without "that" ("Cruz thinks he can win").
//!
//! They are read only where the speech reading of the same cue found nothing, so that the
//! broader scope reports everything the default one does, and more.
//!
//! [`Scope::Attributions`]: crate::Scope::Attributions

use super::{content_end, make};
use crate::confidence::Evidence;
use crate::doc::{Doc, Quote};
use crate::lexicon::{cased, flag, form, Case, CueClass, Lexicon};
use crate::np::{Cue, SpeakerNp};
use crate::token::{shape, Token, TokenKind};

/// Whether `t` may be the cue of an attribution that is not a reporting verb: a verb of stance
/// ("endorsed", "denounced"; `attitude_verbs.tsv`). Only words in lower case: a capitalised
/// one inside a sentence is a name.
pub(super) fn may_start_attribution(text: &str, lex: &Lexicon, t: &Token) -> bool {
    t.kind == TokenKind::Word && !t.is_cap() && lex.is_cased(t.text(text), cased::ATTITUDE_VERB)
}

/// The cue of an attribution at token `k`: a reporting verb (including those that label, "called",
/// and those followed by an infinitive, "pledged to") or a verb of stance, used as a verb, with
/// the preposition that opens its content ("called for", "warned of"). `None` for a noun ("the
/// plan", "his support") or a passive ("was blasted").
pub(super) fn attribution_cue(text: &str, lex: &Lexicon, tokens: &[Token], k: usize) -> Option<Cue> {
    let t = tokens.get(k)?;
    if t.kind != TokenKind::Word
        || t.in_quote()
        || t.shape & (shape::HEADLINE | shape::POSSESSIVE) != 0
        || t.is_cap() && t.shape & shape::SENT_START == 0
    {
        return None;
    }
    let class = match t.info.cue {
        Some(class) => class,
        None if lex.is_cased(t.text(text), cased::ATTITUDE_VERB) => CueClass::Attitude,
        None => return None,
    };
    // (A quantifier may be the subject, "many oppose the plan": see `counted` below.)
    let determiner = |p: &Token| {
        p.is(flag::DET) && !p.is(flag::WH | flag::GROUP_QUANTIFIER)
            || p.info.case == Some(Case::Possessive)
            || p.is(flag::OBJECT_OR_POSSESSIVE)
            || p.shape & shape::POSSESSIVE != 0
    };
    if let Some(p) = k.checked_sub(1).map(|i| &tokens[i]) {
        let passive = p.is(flag::BE_FORM) && !t.has_form(form::GERUND);
        // A base form after a determiner and one modifier is a noun too ("the sharp decline"),
        // unless the modifier is a plural, the subject ("the officials decline to …").
        let base_form = !t.has_form(form::PAST | form::S | form::GERUND);
        let modified_noun = base_form && k >= 2 && p.is_word() && !p.has_form(form::S) && determiner(&tokens[k - 2]);
        // After a number or a quantifier, a noun ("two states by a wide margin", "most state
        // parties"), unless its object follows: "many oppose the plan".
        let object_follows = tokens
            .get(k + 1)
            .is_some_and(|n| n.kind == TokenKind::Number || n.is(flag::DET | flag::PRONOUN) || n.is_cap());
        let counted = (p.kind == TokenKind::Number || p.is(flag::GROUP_QUANTIFIER)) && !object_follows;
        if determiner(p) || passive || modified_noun || counted {
            return None;
        }
    }
    let particle = tokens
        .get(k + 1)
        .is_some_and(|n| n.kind == TokenKind::Word && lex.is_cased(n.text(text), cased::ATTRIBUTION_PARTICLE));
    Some(Cue {
        tok_start: k as u32,
        tok_end: (k + 1 + usize::from(particle)) as u32,
        class,
    })
}

/// The attribution of speaker `np` with cue `cue`, whose content starts at token `cstart`: all
/// of it to the end of the clause, one word or more ("endorsed her"). Returns the quotation and
/// the token to resume the search at.
pub(super) fn attributed(doc: &Doc, si: usize, cue: &Cue, np: SpeakerNp, cstart: usize) -> Option<(Quote, usize)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let hi = doc.sentences[si].tok_end as usize;
    if cstart >= hi || !opens_content(tokens, cstart) {
        return None;
    }
    let cend = content_end(text, tokens, cstart, hi, false);
    if cend <= cstart {
        return None;
    }
    Some((
        make(doc, si, cstart, cend, Some(*cue), Some(np), Evidence::Attribution),
        cend,
    ))
}

/// Can an attribution's content open with token `c`? A word or a number; not punctuation, a
/// conjunction ("blasted and …"), an adverb that ends the verb's phrase ("declined again"), nor
/// "to" before a noun phrase ("did not respond to a request"), only the "to" of an infinitive
/// ("pledged to ban …"). (Other prepositions may open content: PolNeAR marks "agreed with ⟦the
/// analysis⟧"; refusing them, or joining them to the cue, changed PolNeAR train F1 by -0.1 and
/// +0.0.)
fn opens_content(tokens: &[Token], c: usize) -> bool {
    let t = &tokens[c];
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word if t.is(flag::INFINITIVE_TO) => tokens.get(c + 1).is_some_and(|n| {
            n.kind == TokenKind::Word && !n.is_cap() && !n.is(flag::DET | flag::PRONOUN | flag::FUNCTION)
        }),
        TokenKind::Word => !t.is(flag::CONJ) && !t.has_form(form::ADVERB),
        _ => false,
    }
}
