//! Reporting cues: is the word at a token a verb of saying, and how many words is the cue
//! ("said", "was quoted as saying", "responded by saying", "pointed out")?

use crate::lexicon::{flag, form, CueClass};
use crate::token::{shape, Token, TokenKind};

/// A reporting cue: tokens `tok_start..tok_end` ("said", "concluded by writing").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Index of its first token: the reporting verb, or the first word of "according to" or
    /// "quoted as saying".
    pub tok_start: u32,
    /// Index just past its last token (end-exclusive).
    pub tok_end: u32,
    /// The class of its verb; [`CueClass::Speech`] for "according to" and "quoted as saying".
    pub class: CueClass,
}

/// The cue starting at token `k`, if the word there is a reporting verb.
#[inline]
pub fn cue_at(text: &str, tokens: &[Token], k: usize) -> Option<Cue> {
    let t = tokens.get(k)?;
    // Most words are neither a cue verb nor the start of "quoted as saying": no cue, as the
    // full test below would find (every cue it returns starts with one of the two).
    if t.info.cue.is_none() && !t.is(flag::QUOTATION_PARTICIPLE) {
        return None;
    }
    cue_at_word(text, tokens, k, false)
}

/// The cue at token `k` after a quotation and its speaker (`"…," Swank said to Eastwood`):
/// [`cue_at`], and also a verb followed by "to" and its hearer ("said to the 74-year-old
/// Eastwood", "said to reporters") when a comma ends the quotation (`with_comma`): after one
/// that ended its sentence (`…."`, `…?"`, `…!"`), "Ms Sturgeon has written to Mr McConnell" is
/// news of its own. Only here, where the quotation is what was said: elsewhere what follows
/// the hearer is as often no report ("wrote to the operators to challenge …", "objected to
/// subsidies that …"), and "said to be" and "told to leave" are none anywhere.
pub fn cue_after_quote(text: &str, tokens: &[Token], k: usize, with_comma: bool) -> Option<Cue> {
    let t = tokens.get(k)?;
    if t.info.cue.is_none() && !t.is(flag::QUOTATION_PARTICIPLE) {
        return None;
    }
    cue_at_word(text, tokens, k, with_comma)
}

/// [`cue_at`] for a word that is a cue verb or a quotation participle; with `to_hearer`, a verb
/// followed by "to" and an object is one too.
fn cue_at_word(text: &str, tokens: &[Token], k: usize, to_hearer: bool) -> Option<Cue> {
    let t = tokens.get(k)?;
    // A possessive ("the show's host") is a noun, never the verb; so is a cue word after one
    // ("Musk's tweet", "her statement").
    if t.kind != TokenKind::Word || t.shape & (shape::IN_QUOTE | shape::HEADLINE | shape::POSSESSIVE) != 0 {
        return None;
    }
    if k > 0 && tokens[k - 1].shape & shape::POSSESSIVE != 0 {
        return None;
    }
    // A capitalised cue word inside a sentence is part of a name or title ("Washington Post").
    if t.is_cap() && t.shape & shape::SENT_START == 0 {
        return None;
    }
    // "was quoted as saying"
    // A cue of several words never runs over a line break (nor so out of its sentence).
    let one_line = |last: usize| !text[t.end as usize..tokens[last].start as usize].contains('\n');
    if t.is(flag::QUOTATION_PARTICIPLE)
        && tokens.get(k + 1).is_some_and(|n| n.is(flag::AS_LINK))
        && tokens.get(k + 2).is_some_and(|n| n.is(flag::CUE))
        && one_line(k + 2)
    {
        return Some(Cue {
            tok_start: k as u32,
            tok_end: k as u32 + 3,
            class: CueClass::Speech,
        });
    }
    let class = t.info.cue?;
    // "those questioned said", "voters asked said": a participle after "those" or a plural
    // and before a past cue verb belongs to the subject ("he said reported cases rose" and
    // "said disputes …" keep their verb).
    if t.is_past()
        && !t.is(flag::IRREGULAR_PAST)
        && k > 0
        && (tokens[k - 1].is(flag::DEFINITE) || tokens[k - 1].has_form(form::S) && !tokens[k - 1].is(flag::FUNCTION))
        && tokens.get(k + 1).is_some_and(|n| n.info.cue.is_some() && n.is_past())
    {
        return None;
    }
    // "GOP state senator", "a report card": a base-form cue word before a role noun is a noun.
    if counted_plural(tokens, k) {
        return None;
    }
    let base_form = !t.has_form(form::PAST | form::S | form::GERUND);
    if base_form
        && !t.is(flag::IRREGULAR_PAST)
        && tokens
            .get(k + 1)
            .is_some_and(|n| n.is(flag::ROLE | flag::TITLE) && !n.is_cap())
    {
        return None;
    }
    // "NBC's “Today” show", "the note": a base-form cue word after an article or a quoted
    // title is a noun.
    if base_form && k > 0 {
        let p = &tokens[k - 1];
        if p.kind == TokenKind::QuoteMark && k >= 2 && tokens[k - 2].is_word()
            || p.is(flag::DEF_ARTICLE | flag::INDEF_ARTICLE)
        {
            return None;
        }
        // "the company's blog post", "a Facebook post": a noun compound after a determiner.
        let compound = t.is(flag::CUE_NOUN) && p.is_word() && !p.is(flag::FUNCTION | flag::PRONOUN) && k >= 2 && {
            // A determiner, a possessive pronoun ("her" included) or a possessor.
            let d = &tokens[k - 2];
            d.is(flag::DET) || d.is_possessor()
        };
        if compound {
            return None;
        }
    }
    // "this terrible dumb question is its own reply", "his claim was false": a base-form cue
    // word that is also a noun, after a determiner or possessor and its modifiers and before a
    // verb, is that verb's subject. ("a bill which critics claim would allow …" keeps its
    // verb: a plural before it is its subject.)
    if base_form && t.is(flag::CUE_NOUN) && tokens.get(k + 1).is_some_and(|n| n.is(flag::BE_FORM | flag::AUX)) {
        let modifiers = tokens[..k]
            .iter()
            .rev()
            .take(3)
            .take_while(|p| p.is_word() && !p.is_cap() && !p.is(flag::FUNCTION | flag::PRONOUN) && !p.has_form(form::S))
            .count();
        let d = k.checked_sub(modifiers + 1).map(|i| &tokens[i]);
        let determined = d.is_some_and(|d| d.is(flag::DET) && !d.is(flag::WH) || d.is_possessor());
        if determined {
            return None;
        }
    }
    // Gerunds and participles used as nouns or adjectives ("the writing", "a said amount")
    // are filtered by the caller's need for a speaker; "said to be" and "told to" are not
    // reports of speech.
    // (Only a cue verb gets here, so "according to" is not one of these.)
    // (With `to_hearer`, "said to reporters", "said to him", "said to the BBC": "to" before
    // an object is a preposition, and the cue reports to that hearer.)
    let object = |n: &Token| {
        n.kind == TokenKind::Number
            || n.kind == TokenKind::Word
                && (n.is(flag::DET | flag::PRONOUN | flag::ROLE | flag::TITLE)
                    || n.is_cap()
                    || n.has_form(form::S) && !n.is(flag::AUX | flag::BE_FORM))
    };
    if tokens
        .get(k + 1)
        .is_some_and(|n| n.kind == TokenKind::Word && n.is(flag::INFINITIVE_TO))
        && !(to_hearer && tokens.get(k + 2).is_some_and(object))
    {
        return None;
    }
    // Passives ("it was said", "he was told") report no speech of the subject.
    if k > 0 && !t.has_form(form::GERUND) {
        let p = &tokens[k - 1];
        if p.kind == TokenKind::Word && p.is(flag::BE_FORM) {
            return None;
        }
    }
    let mut end = k + 1;
    // "concluded by writing", "responded by saying"
    if tokens.get(k + 1).is_some_and(|n| n.is(flag::MEANS_BY))
        && tokens
            .get(k + 2)
            .is_some_and(|n| n.is(flag::CUE) && n.has_form(form::GERUND))
        && one_line(k + 2)
    {
        end = k + 3;
    }
    // "pointed out" is listed as "point": its particle belongs to the cue.
    if tokens.get(end).is_some_and(|n| n.is(flag::CUE_PARTICLE)) {
        end += 1;
    }
    Some(Cue {
        tok_start: k as u32,
        tok_end: end as u32,
        class,
    })
}

/// Is the cue word at `k` a plural noun counted by the number or quantifier before it ("the two
/// states hold primaries", "some states remained", "all five states")? A verb after a plural
/// subject has no "-s" ("most say", "some suggest"); "a majority says" (a quantifier after
/// "a") is singular.
fn counted_plural(tokens: &[Token], k: usize) -> bool {
    let Some(p) = k.checked_sub(1).map(|i| &tokens[i]) else {
        return false;
    };
    let singular = k >= 2 && tokens[k - 2].is(flag::INDEF_ARTICLE);
    tokens[k].has_form(form::S) && (p.kind == TokenKind::Number || p.is(flag::GROUP_QUANTIFIER)) && !singular
}
