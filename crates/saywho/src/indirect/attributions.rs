//! Attributions beyond speech ([`Scope::Attributions`]): a source's stance or claim whose
//! content is a noun phrase ("Trump called for a ban"), an infinitive ("Clinton pledged to
//! work with both parties") or a belief without "that" ("Cruz thinks he can win").
//!
//! They are read in a pass after speech, over the tokens no quotation has taken, and their
//! content ends before any quotation or cue, so that the broader scope keeps every quotation
//! the default one finds.
//!
//! [`Scope::Attributions`]: crate::Scope::Attributions

use super::{content_end, make, subject_first, Found, Reading};
use crate::confidence::Evidence;
use crate::doc::{Doc, Quote};
use crate::lexicon::{cased, flag, form, Case, CueClass, Lexicon};
use crate::np::{Cue, NpKind, SpeakerNp};
use crate::token::{shape, Token, TokenKind};

/// The attributions of the document outside the `taken` tokens (quotations and their cues),
/// with `used` marking the cues of quotations in quotation marks.
pub(super) fn attribution_pass(doc: &Doc, lex: &Lexicon, used: &[bool], taken: &[bool]) -> Vec<Found> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
        let mut k = lo;
        while k < hi {
            let t = &tokens[k];
            let may_start = t.info.cue.is_some() || may_start_attribution(text, lex, t);
            if !may_start || taken[k] || used[k] || t.in_quote() {
                k += 1;
                continue;
            }
            let found = attribution_cue(text, lex, tokens, lo, k)
                .and_then(|cue| subject_first(doc, lex, si, &cue, Reading::Attribution))
                .and_then(|(q, _)| end_before_taken(tokens, |m| taken[m] || used[m], q))
                .filter(|q| !hearer_only(text, lex, tokens, q));
            match found {
                Some(q) => {
                    let resume = tokens.partition_point(|t| t.start < q.end);
                    out.push(Found::from(q));
                    k = resume.max(k + 1);
                }
                None => k += 1,
            }
        }
    }
    out
}

/// Content that runs into a taken token (a quotation, a cue) ends before it when a comma or
/// a dash sets the rest off ("Ann Lee, who endorsed Trump, said the plan would fail" keeps
/// "Trump" for the stance); otherwise the reading is wrong ("She says it …" where "it …" is
/// reported speech already), and there is no attribution.
fn end_before_taken(tokens: &[Token], taken: impl Fn(usize) -> bool, mut q: Quote) -> Option<Quote> {
    let (a, b) = token_range(tokens, &q);
    let Some(stop) = (a..b).find(|&m| taken(m)) else {
        return Some(q);
    };
    let mut end = stop;
    let mut set_off = false;
    while end > a && !matches!(tokens[end - 1].kind, TokenKind::Word | TokenKind::Number) {
        set_off |= tokens[end - 1].is_punct(b',') || tokens[end - 1].kind == TokenKind::Dash;
        end -= 1;
    }
    if !set_off || end <= a {
        return None;
    }
    q.end = tokens[end - 1].end;
    Some(q)
}

/// The tokens of a quotation's content, as a range of token indices.
fn token_range(tokens: &[Token], q: &Quote) -> (usize, usize) {
    (
        tokens.partition_point(|t| t.end <= q.start),
        tokens.partition_point(|t| t.start < q.end),
    )
}

/// Is the content of a hearer verb's attribution only its hearer ("told ⟨the BBC⟩: …",
/// "told ⟨Five Live's Sportsweek⟩", "urged ⟨Congress⟩", "told ⟨reporters⟩ on Monday")? A
/// phrase of at most six tokens right after the verb (no particle: after "warned of" the
/// object is no hearer) that is, past its determiners, an object pronoun alone, or names and
/// possessives only, or those or nothing before a noun for a person, group, organisation or
/// outlet ("the show's director", "the newspaper"). A lower-case word before the head, or a
/// second object, makes it content ("promised ⟨a Muslim ban⟩", "urged ⟨more police⟩",
/// "promised ⟨them a wall⟩", "Fox told ⟨a slightly different tale⟩").
fn hearer_only(text: &str, lex: &Lexicon, tokens: &[Token], q: &Quote) -> bool {
    let Some(cue) = q
        .cue
        .filter(|c| c.tok_end == c.tok_start + 1 && tokens[c.tok_start as usize].is(flag::HEARER_VERB))
    else {
        return false;
    };
    let (a, b) = token_range(tokens, q);
    // A time after the hearer ("told reporters on Monday") is no content either.
    let time = |m: usize| tokens[m].is(flag::PREP) && tokens.get(m + 1).is_some_and(|n| n.is(flag::CALENDAR));
    let b = (a..b).find(|&m| time(m)).unwrap_or(b);
    if a != cue.tok_end as usize || b == a || b - a > 6 {
        return false;
    }
    let words = &tokens[(a..b).find(|&m| !tokens[m].is(flag::DET)).unwrap_or(b)..b];
    let Some((head, before)) = words.split_last() else {
        return false;
    };
    let named = |t: &Token| t.is_cap() || t.kind == TokenKind::Number || t.shape & shape::POSSESSIVE != 0;
    if !before.iter().all(named) {
        return false;
    }
    let object_pronoun = head.is(flag::PRONOUN) && head.info.case == Some(Case::Object);
    let hearer_noun = head.is(flag::ROLE_PERSON | flag::ROLE_GROUP | flag::ROLE_ORG)
        || lex.is_cased(head.text(text), cased::MEDIA_ROLE);
    if before.is_empty() && object_pronoun {
        return true;
    }
    named(head) && !head.is(flag::PRONOUN) || hearer_noun
}

/// Whether `t` may be the cue of an attribution that is not a reporting verb: a verb of stance
/// ("endorsed", "denounced"; `attitude_verbs.tsv`). Only words in lower case: a capitalised
/// one inside a sentence is a name.
fn may_start_attribution(text: &str, lex: &Lexicon, t: &Token) -> bool {
    t.kind == TokenKind::Word && !t.is_cap() && lex.is_cased(t.text(text), cased::ATTITUDE_VERB)
}

/// The cue of an attribution at token `k` of a sentence starting at token `lo`: a reporting
/// verb (including those that label, "called", and those followed by an infinitive, "pledged
/// to") or a verb of stance, used as a verb, with the preposition that opens its content
/// ("called for", "warned of"). `None` for a noun ("the plan", "his support", "two states") or
/// a passive ("was blasted", "was also accused of").
fn attribution_cue(text: &str, lex: &Lexicon, tokens: &[Token], lo: usize, k: usize) -> Option<Cue> {
    let t = tokens.get(k)?;
    if t.kind != TokenKind::Word
        || t.shape & (shape::HEADLINE | shape::POSSESSIVE) != 0
        || t.is_cap() && t.shape & shape::SENT_START == 0
    {
        return None;
    }
    let class = match t.info.cue {
        Some(_) if lex.is_cased(t.text(text), cased::ATTRIBUTION_EXCLUDED) => return None,
        Some(class) => class,
        None if lex.is_cased(t.text(text), cased::ATTITUDE_VERB) => CueClass::Attitude,
        None => return None,
    };
    if k > lo && (noun_use(tokens, lo, k) || passive(tokens, lo, k)) {
        return None;
    }
    // "declined on Friday to comment": a preposition before a time opens an adverbial.
    let particle = tokens
        .get(k + 1)
        .is_some_and(|n| n.kind == TokenKind::Word && lex.is_cased(n.text(text), cased::ATTRIBUTION_PARTICLE))
        && !tokens
            .get(k + 2)
            .is_some_and(|n| n.is(flag::CALENDAR | flag::TIME_BEFORE_CONTENT));
    Some(Cue {
        tok_start: k as u32,
        tok_end: (k + 1 + usize::from(particle)) as u32,
        class,
    })
}

/// Is the word at `k` (after `lo`, the sentence's first token) a noun? After a determiner or a
/// possessive ("the decline", "his support"), after one of those and a modifier ("the sharp
/// decline"), or after a number or a quantifier unless its object follows ("two states by a
/// wide margin", but "many oppose the plan").
fn noun_use(tokens: &[Token], lo: usize, k: usize) -> bool {
    let (t, p) = (&tokens[k], &tokens[k - 1]);
    // (A quantifier may be the subject: see `counted`.)
    let determiner = |p: &Token| p.is(flag::DET) && !p.is(flag::WH | flag::GROUP_QUANTIFIER) || p.is_possessor();
    // A modifier is no plural: "the officials decline to …" has its subject.
    let base_form = !t.has_form(form::PAST | form::S | form::GERUND);
    let modified = base_form && k >= lo + 2 && p.is_word() && !p.has_form(form::S) && determiner(&tokens[k - 2]);
    let object_follows = tokens
        .get(k + 1)
        .is_some_and(|n| n.kind == TokenKind::Number || n.is(flag::DET | flag::PRONOUN) || n.is_cap());
    let counted = (p.kind == TokenKind::Number || p.is(flag::GROUP_QUANTIFIER)) && !object_follows;
    determiner(p) || modified || counted
}

/// Is the participle at `k` passive: a form of "be" before it, maybe across an adverb or a
/// negation ("was denounced", "was also accused of", "is not expected to")?
fn passive(tokens: &[Token], lo: usize, k: usize) -> bool {
    if tokens[k].has_form(form::GERUND) {
        return false;
    }
    tokens[lo..k]
        .iter()
        .rev()
        .take(3)
        .find(|p| !(p.has_form(form::ADVERB) || p.is(flag::ADV | flag::NEG)))
        .is_some_and(|p| p.is(flag::BE_FORM))
}

/// The attribution of speaker `np` with cue `cue`, whose content starts at token `cstart`: all
/// of it to the end of the clause, one word or more ("endorsed her"). Returns the quotation and
/// the token to resume the search at.
pub(super) fn attributed(doc: &Doc, si: usize, cue: &Cue, np: SpeakerNp, cstart: usize) -> Option<(Quote, usize)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let hi = doc.sentences[si].tok_end as usize;
    // "declined on Friday to comment": the time is no content.
    let mut cstart = cstart;
    while cstart + 2 < hi && tokens[cstart].is(flag::PREP) && tokens[cstart + 1].is(flag::CALENDAR) {
        cstart += 2;
    }
    if cstart >= hi || !opens_content(tokens, cstart) {
        return None;
    }
    // "Businesses complaining ⟦might like …⟧": after a participle that modifies its subject, an
    // auxiliary is the main clause's verb. (After a finite cue it may open content: "a letter
    // that he said ⟦was drafted by the firm⟧".)
    let k = cue.tok_start as usize;
    let auxiliary_before = k
        .checked_sub(1)
        .is_some_and(|p| tokens[p].is(flag::AUX | flag::BE_FORM));
    if tokens[k].has_form(form::GERUND) && !auxiliary_before && tokens[cstart].is(flag::AUX) {
        return None;
    }
    let mut cend = content_end(text, tokens, cstart, hi, np.kind == NpKind::Relative);
    cend = super::main_clause_cut(tokens, doc.sentences[si].tok_start as usize, &np, cstart, cend);
    // "The senators who endorsed Trump met on Monday": in a relative clause after no comma, the
    // content ends where the main clause's verb comes, which only a comma shows here.
    let restrictive = k >= 2 && tokens[k - 1].is(flag::WH | flag::PERSON_RELATIVE) && !tokens[k - 2].is_punct(b',');
    if restrictive {
        cend = (cstart + 1..cend).find(|&m| tokens[m].is_punct(b','))?;
    }
    // "the supporters will agree ⟦with⟧": a preposition or a conjunction alone is no content
    // (a word like "yes" or "this", or a number, is: "Everyone but Hewlett said yes", "denied
    // this").
    let bare =
        |t: &Token| !matches!(t.kind, TokenKind::Word | TokenKind::Number) || t.is(flag::PREP | flag::CONJ | flag::SUB);
    if cend <= cstart || tokens[cstart..cend].iter().all(bare) {
        return None;
    }
    Some((
        make(doc, si, cstart, cend, Some(*cue), Some(np), Evidence::Attribution),
        cend,
    ))
}

/// Does the "that" that ends at `cstart` (found by `content_start`) introduce the content of
/// `cue` in the attribution reading? Not after an infinitive or a verb form ("refused to
/// accept that …": the content is the infinitive, the "that" is the inner verb's), nor before
/// a time ("may defend her title in Sheffield earlier that month"). Adverbs and phrases of
/// place, time or channel may stand between ("threatened repeatedly that", "threatened in a
/// statement that"), as in speech.
pub(super) fn that_opens_content(tokens: &[Token], cue: &Cue, cstart: usize) -> bool {
    let (a, that) = (cue.tok_end as usize, cstart.saturating_sub(1));
    let time_after = tokens
        .get(cstart)
        .is_some_and(|n| n.is(flag::CALENDAR) || n.is(flag::TIME_BEFORE_CONTENT) && !n.is(flag::ADV));
    // "to" before a verb is an infinitive's; before a name or a determiner, a preposition
    // ("reported to the IRS that").
    let infinitive = |m: usize| {
        tokens[m].is(flag::INFINITIVE_TO)
            && tokens
                .get(m + 1)
                .is_some_and(|n| n.is_word() && !n.is_cap() && !n.is(flag::DET | flag::PRONOUN))
    };
    let verb_form = |t: &Token| t.is_word() && !t.is_cap() && t.has_form(form::PAST | form::GERUND);
    !time_after && !(a..that).any(|m| infinitive(m) || verb_form(&tokens[m]))
}

/// Can an attribution's content open with token `c`? A word or a number; not punctuation, a
/// conjunction ("blasted and …"), an adverb that ends the verb's phrase ("declined again"), a
/// question word or "whether" (the speech reading decides questions, and refuses "did not say
/// when …"), nor "to" before a noun phrase ("did not respond to a request"): only the "to" of
/// an infinitive ("pledged to ban …"). (Other prepositions may open content: PolNeAR marks
/// "agreed with ⟦the analysis⟧"; refusing them, or joining them to the cue, changed PolNeAR
/// train F1 by -0.1 and +0.0.)
fn opens_content(tokens: &[Token], c: usize) -> bool {
    let t = &tokens[c];
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Word if t.is(flag::INFINITIVE_TO) => {
            let verb = tokens.get(c + 1).is_some_and(|n| {
                n.kind == TokenKind::Word && !n.is_cap() && !n.is(flag::DET | flag::PRONOUN | flag::FUNCTION)
            });
            // "refused to say when …": a refusal to say reports nothing, as in speech.
            let refusal = tokens.get(c + 1).is_some_and(|n| n.info.cue.is_some())
                && tokens
                    .get(c + 2)
                    .is_some_and(|n| n.is(flag::WH) || n.is(flag::SUB) && !n.is(flag::COMPLEMENTIZER));
            verb && !refusal
        }
        // (A verb form may: refusing it, "sales decline worried investors" is none, cost
        // PolNeAR train 0.24 points of F1.)
        TokenKind::Word => {
            !t.is(flag::CONJ | flag::WH)
                && (!t.is(flag::SUB) || t.is(flag::COMPLEMENTIZER))
                && !t.has_form(form::ADVERB)
        }
        _ => false,
    }
}
