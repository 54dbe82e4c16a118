//! Where a mention stands in its clause: subject or not, a place after "in", a possessive; and
//! the clauses and sources around a pronoun that rule an antecedent out.

use crate::doc::Mention;
use crate::lexicon::{flag, form, Case};
use crate::token::{shape, Token, TokenKind};

/// Does the name starting at `k` follow a preposition of place ("in Halifax", "from the UK")?
/// "in Dublin, Ireland": the second name of a place is a place too.
pub(super) fn is_located(tokens: &[Token], k: usize) -> bool {
    located_within(tokens, k, 1)
}

/// Does the name starting at `k` end an address after a preposition of place, each name set
/// off by a comma ("in Temple Street, Birmingham, England"; up to three names before it)?
/// Only for a name of the place table: in "the likes of Frank Lebeouf, Titi Camara" the
/// names are people's.
pub(super) fn ends_address(tokens: &[Token], k: usize) -> bool {
    located_within(tokens, k, 3)
}

/// Is the name at `k`, or one of up to `names_before` names before it, each set off by a
/// comma, right after a preposition of place?
fn located_within(tokens: &[Token], k: usize, names_before: usize) -> bool {
    let mut at = k;
    for _ in 0..names_before {
        if is_located_direct(tokens, at) {
            return true;
        }
        if !(at >= 2 && tokens[at - 1].is_punct(b',') && tokens[at - 2].is_cap()) {
            return false;
        }
        at -= 2;
        while at > 0 && tokens[at - 1].is_cap() && tokens[at - 1].is_word() {
            at -= 1;
        }
    }
    is_located_direct(tokens, at)
}

pub(super) fn is_located_direct(tokens: &[Token], k: usize) -> bool {
    let mut i = k;
    if i > 0 && tokens[i - 1].is(flag::DEF_ARTICLE) {
        i -= 1;
    }
    // "according to Carly Fiorina" names a person, not a place; "according to Sharafnama",
    // "according to the Times" stay no one's name (a book, a paper).
    let according_to = i == k
        && i >= 2
        && tokens[i - 2].is(flag::SOURCE_CUE_HEAD)
        && tokens[i - 1].is(flag::INFINITIVE_TO)
        && tokens.get(k + 1).is_some_and(|t| t.is_word() && t.is_cap());
    i > 0 && tokens[i - 1].is(flag::PLACE_PREP) && !according_to
}

/// The case of the pronoun at `k`; "her" before a noun is possessive ("her love").
pub(super) fn pronoun_case(tokens: &[Token], k: usize) -> Option<Case> {
    let t = &tokens[k];
    if t.is(flag::OBJECT_OR_POSSESSIVE) {
        let before_noun = tokens
            .get(k + 1)
            .is_some_and(|n| n.kind == TokenKind::Word && !n.is(flag::FUNCTION | flag::PRONOUN));
        return Some(if before_noun { Case::Possessive } else { Case::Object });
    }
    t.info.case
}

/// Is the phrase at tokens `a..b` the subject of its clause?
pub(super) fn is_subject(tokens: &[Token], a: usize, b: usize) -> bool {
    if tokens[b - 1].shape & shape::POSSESSIVE != 0 {
        return false;
    }
    // "his father, Bill, who …": a name in apposition to a noun is not the clause's subject.
    let appositive = a >= 2 && tokens[a - 1].is_punct(b',') && tokens[a - 2].is(flag::ROLE_PERSON);
    let before_ok = !appositive
        && (a == 0 || tokens[a].shape & shape::SENT_START != 0 || {
            let p = &tokens[a - 1];
            match p.kind {
                TokenKind::Word => {
                    p.is(flag::CONJ | flag::SUB | flag::DET) && !p.is(flag::ADDITIVE_CONJ)
                        || p.is(flag::ROLE) && role_phrase_is_subject(tokens, a - 1)
                        || tokens[a].is(flag::TITLE)
                            && p.is_cap()
                            && p.shape & shape::POSSESSIVE == 0
                            && names_lead_clause(tokens, a - 1)
                }
                TokenKind::QuoteMark | TokenKind::Dash => true,
                TokenKind::Punct => p.is_punct(b',') || p.is_punct(b'(') || p.is_punct(b':'),
                TokenKind::Number => false,
            }
        });
    // After "the" or "a", a name is a modifier or a predicate ("the Northumberland co-op",
    // "the American authorities", "a Kentucky Republican,") unless a verb of saying follows.
    let after_determiner = a > 0 && tokens[a - 1].is(flag::DET) && tokens[a].shape & shape::SENT_START == 0;
    let after_ok = tokens.get(b).is_some_and(|n| match n.kind {
        TokenKind::Word if after_determiner => n.is(flag::CUE | flag::AUX),
        TokenKind::Word => {
            n.is(flag::CUE | flag::AUX | flag::ADV | flag::NEG) || !n.is_cap() && !n.is(flag::FUNCTION | flag::PRONOUN)
        }
        TokenKind::Dash => !after_determiner,
        TokenKind::Punct => !after_determiner && (n.is_punct(b',') || n.is_punct(b'(')),
        _ => false,
    });
    before_ok && after_ok
}

/// "Canadian actor Oh said" (subject) versus "agreed with Halifax Crown attorney Paul Carver"
/// (object): what stands before the role phrase ending at `k`.
pub(super) fn role_phrase_is_subject(tokens: &[Token], k: usize) -> bool {
    let mut i = k;
    while i > 0 && tokens[i - 1].is_word() && (tokens[i - 1].is_cap() || !tokens[i - 1].is(flag::FUNCTION)) {
        if tokens[i].shape & shape::SENT_START != 0 {
            return true;
        }
        i -= 1;
    }
    if tokens[i].shape & shape::SENT_START != 0 || i == 0 {
        return true;
    }
    let p = &tokens[i - 1];
    p.is_punct(b',') || p.kind == TokenKind::QuoteMark || p.is(flag::CONJ | flag::SUB) && !p.is(flag::ADDITIVE_CONJ)
}

/// "…, Senate Majority Leader Mitch McConnell blamed": the capitalised words before the title
/// (ending at `k`) open the clause.
fn names_lead_clause(tokens: &[Token], k: usize) -> bool {
    let mut i = k;
    while i > 0 && tokens[i].shape & shape::SENT_START == 0 && tokens[i - 1].is_word() && tokens[i - 1].is_cap() {
        i -= 1;
    }
    if i == 0 || tokens[i].shape & shape::SENT_START != 0 {
        return true;
    }
    let p = &tokens[i - 1];
    p.is_punct(b',') || p.is(flag::CONJ | flag::SUB) && !p.is(flag::ADDITIVE_CONJ)
}

/// Does another clause open between a subject ending at token `from` and the object pronoun at
/// `k`, so that the pronoun may be that subject? A wh-word ("Jones met Patterson, who thanked
/// him"); a subordinator or a conjunction before a new subject ("whenever he left the cabin or
/// people visited him"; not "as usual", "that car", "and the hat for him", "and hand it to
/// him"); or an infinitive after a person's name, whose subject that name is ("Cao Bao begged
/// Zhang Fei to let him off"; not "went to London to meet him").
pub(super) fn clause_opens_between(tokens: &[Token], mentions: &[Mention], from: u32, k: u32) -> bool {
    (from..k).any(|j| {
        let t = &tokens[j as usize];
        if t.kind != TokenKind::Word {
            return false;
        }
        if t.is(flag::WH) {
            return true;
        }
        if t.is(flag::SUB | flag::CONJ) {
            return new_subject_at(tokens, j as usize + 1);
        }
        t.is(flag::INFINITIVE_TO) && j > from && person_name_ends_at(tokens, mentions, j)
    })
}

/// Does a clause's subject start at token `j`: a subject pronoun, a name, or a plain noun
/// before a finite verb ("people visited")?
fn new_subject_at(tokens: &[Token], j: usize) -> bool {
    let Some(t) = tokens.get(j).filter(|t| t.kind == TokenKind::Word) else {
        return false;
    };
    let noun_before_verb = || {
        !t.is_cap()
            && !t.is(flag::FUNCTION | flag::PRONOUN)
            && !t.has_form(form::PAST | form::GERUND)
            && tokens
                .get(j + 1)
                .is_some_and(|v| v.kind == TokenKind::Word && (v.has_form(form::PAST | form::S) || v.is(flag::AUX)))
    };
    t.is_subject_pronoun() || t.is_cap() && !t.is(flag::FUNCTION) || noun_before_verb()
}

/// Does a name mention that is no place ("to London") end just before token `j`?
fn person_name_ends_at(tokens: &[Token], mentions: &[Mention], j: u32) -> bool {
    // Mentions are in text order: the last one starting before `j`.
    let i = mentions.partition_point(|m| m.tok_start < j);
    i.checked_sub(1).and_then(|i| mentions.get(i)).is_some_and(|m| {
        m.tok_end == j && !tokens[m.tok_start as usize].is(flag::PRONOUN) && !is_located(tokens, m.tok_start as usize)
    })
}

/// The entity that is the source of an "according to" earlier in the sentence, when the pronoun
/// at `k` stands after the source's phrase (past the comma that closes it): the source reports
/// on others ("According to Glenn Snow, a historian, Danielson pulled out his revolver"). The
/// source's head, not its possessor ("According to Sannikov's lawyer Pavel Sapelko, he …" may
/// be Sannikov), and no pronoun ("According to him, he …").
pub(super) fn according_to_source(
    tokens: &[Token],
    mentions: &[Mention],
    sentence_start: u32,
    k: u32,
) -> Option<usize> {
    let to = (sentence_start + 1..k)
        .find(|&to| tokens[to as usize - 1].is(flag::SOURCE_CUE_HEAD) && tokens[to as usize].is(flag::INFINITIVE_TO))?;
    let comma = (to + 1..k).find(|&j| tokens[j as usize].is_punct(b','))?;
    let first = mentions.partition_point(|m| m.tok_start <= to);
    mentions[first..]
        .iter()
        .take_while(|m| m.tok_start < comma)
        .filter(|m| !tokens[m.tok_start as usize].is(flag::PRONOUN))
        .find(|m| tokens[m.tok_end as usize - 1].shape & shape::POSSESSIVE == 0)
        .map(|m| m.entity as usize)
}

/// The comma that ends the phrase fronted before a sentence's subject, when the pronoun at `k`
/// stands in that phrase: "In his list for the Review, Robert Christgau named …", "When he
/// was 14, Hayden …", "Living with her aunt, Kelsey studied …". The phrase opens the
/// sentence (after at most one adverb or conjunction: "Soon after her return", "Early in his
/// service", "Yet, in order to …") with a preposition, a subordinator or a participle, holds
/// no other comma before the pronoun and no quotation, and is at most [`MAX_FRONTED`] tokens
/// long.
pub(super) fn fronted_phrase_end(
    tokens: &[Token],
    sentence_start: usize,
    sentence_end: usize,
    k: usize,
) -> Option<usize> {
    let mut open = sentence_start;
    let adverb =
        |t: &Token| (t.is(flag::ADV | flag::CONJ) || t.has_form(form::ADVERB)) && !t.is(flag::PREP | flag::SUB);
    if tokens.get(open).is_some_and(adverb) {
        open += 1;
        if tokens.get(open).is_some_and(|t| t.is_punct(b',')) {
            open += 1;
        }
    }
    let opener = tokens.get(open).filter(|_| open < k)?;
    let opens_phrase = opener.kind == TokenKind::Word
        && (opener.is(flag::PREP | flag::SUB) || opener.has_form(form::GERUND) || opener.is_past());
    if !opens_phrase || tokens[open..k].iter().any(|t| t.is_punct(b',')) {
        return None;
    }
    // (Within the sentence: "Because he was ill he missed the vote. Finally, Peter Jones …"
    // has no fronted phrase.)
    let comma = k + tokens[k..sentence_end.max(k)]
        .iter()
        .take(MAX_FRONTED)
        .position(|t| t.is_punct(b','))?;
    let inside = &tokens[open..comma];
    // A quotation inside is no fronted phrase.
    let plain = inside.iter().all(|t| t.kind != TokenKind::QuoteMark);
    (comma - sentence_start <= MAX_FRONTED && plain).then_some(comma)
}

/// The longest phrase fronted before a subject that [`fronted_phrase_end`] reads, in tokens.
const MAX_FRONTED: usize = 30;
