//! Reported speech after a gerund: "X criticised the plan, saying CONTENT", whose speaker is
//! the subject of an attribution just before or of the sentence's main clause.

use super::bare_clause::{starts_clause, takes_bare_clause};
use super::{content_end, make, MIN_CONTENT_WORDS};
use crate::attribution::content_start;
use crate::confidence::Evidence;
use crate::doc::{Doc, Quote};
use crate::lexicon::{flag, form};
use crate::np::{cue_at, np_after, np_before, Cue, SpeakerNp};
use crate::token::{word_count, Token, TokenKind};

/// "X criticised the plan, saying CONTENT": the speaker is the subject of the sentence.
pub(super) fn gerund_clause(doc: &Doc, si: usize, cue: &Cue) -> Option<(Quote, usize)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let s = &doc.sentences[si];
    let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
    let k = cue.tok_start as usize;
    if k == lo || !tokens[k].has_form(form::GERUND) {
        return None;
    }
    // Where the gerund's lead-in ends: the comma before it, or before a quotation's closing
    // mark there (`he's a "long way from a decision," noting that …`), or "by" ("responded …
    // by saying …": the means of an act of the subject's).
    let lead_end = if tokens[k - 1].is_punct(b',') || tokens[k - 1].is(flag::MEANS_BY) && k >= lo + 3 {
        k - 1
    } else if k >= lo + 2 && tokens[k - 1].kind == TokenKind::QuoteMark && tokens[k - 2].is_punct(b',') {
        k - 2
    } else {
        return None;
    };
    // The subject: that of an attribution just before (`"…," he said, adding that …`), else
    // the subject of the main clause (see below).
    let attribution = (lo..lead_end).rev().take(8).find_map(|c| {
        let before = cue_at(text, tokens, c)?;
        let end = before.tok_end as usize;
        // A base form there is a noun ("the province's economic state, saying").
        let t = &tokens[c];
        if !t.has_form(form::PAST | form::S) && !t.is(flag::IRREGULAR_PAST) {
            return None;
        }
        // Only an attribution right before the lead-in's end: "he said, adding", "said Ann Lee,
        // adding". An inverted one opens its clause, after a comma or a quotation's mark: in
        // "The company criticised the plan, saying" the phrase after the verb is its object.
        if end == lead_end {
            np_before(tokens, c, lo)
        } else if c > lo && (tokens[c - 1].is_punct(b',') || tokens[c - 1].kind == TokenKind::QuoteMark) {
            np_after(tokens, end, lead_end).filter(|np| np.tok_end as usize == lead_end)
        } else {
            None
        }
    });
    // Else the subject: the first phrase before the main clause's verb and not after a
    // preposition ("The diocese issued a statement, saying": not "a statement"; "In his speech
    // at the signing, Bush mentioned …": not "the signing"), failing that the first phrase of
    // the sentence.
    let np = attribution
        .or_else(|| {
            let (clause, verb) = main_clause(tokens, lo, lead_end).unwrap_or((lo, k));
            subject_before(tokens, clause, verb)
        })
        .or_else(|| (lo..k.min(lo + 12)).find_map(|a| np_after(tokens, a, k)))?;
    let (cstart, has_that) = content_start(text, tokens, cue, hi);
    // "…, rejecting a deathbed plea": an object, not reported speech.
    if cstart >= hi
        || !(has_that
            || starts_clause(&tokens[cstart], tokens.get(cstart + 1))
                && takes_bare_clause(tokens, cue, &tokens[cstart]))
    {
        return None;
    }
    let cend = content_end(text, tokens, cstart, hi, false);
    if word_count(tokens, cstart, cend) < MIN_CONTENT_WORDS {
        return None;
    }
    Some((
        make(
            doc,
            si,
            cstart,
            cend,
            Some(*cue),
            Some(np),
            Evidence::IndirectAfterGerund,
        ),
        cend,
    ))
}

/// The first phrase in `from..verb` that is not the object of a preposition ("In a letter to
/// the council the union criticised …": "the union"; "In 2019 Smith criticised …": "Smith").
/// Each step moves past at least one token, so the scan ends.
fn subject_before(tokens: &[Token], from: usize, verb: usize) -> Option<SpeakerNp> {
    let mut a = from;
    while a < verb {
        if tokens[a].is(flag::PREP) {
            // The preposition's object: skipped whole.
            let object = np_after(tokens, a + 1, verb);
            a = object.map_or(a + 1, |np| (np.tok_end as usize).max(a + 1));
            continue;
        }
        if let Some(np) = np_after(tokens, a, verb) {
            return Some(np);
        }
        a += 1;
    }
    None
}

/// The main clause of a gerund's lead-in that runs to `end`: where it starts and its verb.
/// It starts after a quotation's last mark (`"…," Mr. Ackman said at the time, adding`), else
/// after the comma that closes an opening clause or phrase ("As unrest escalated, Suncor
/// concluded …", "On Friday, the company …"; not a relative clause's comma: "The minister
/// rejected the claims, which critics raised, saying"). Its verb is the first past form after
/// a word that is a verb of saying, follows a name ("BC Hydro reminded customers") or has an
/// object after it (a determiner, a pronoun, a name or "that"): "criticised the plan", not
/// "the newly elected mayor", "a letter obtained by Reuters" or "as unrest escalated,".
fn main_clause(tokens: &[Token], lo: usize, end: usize) -> Option<(usize, usize)> {
    let after_quote = (lo..end).rev().find(|&j| tokens[j].kind == TokenKind::QuoteMark);
    let opener = &tokens[lo];
    let opens = opener.is(flag::SUB | flag::PREP | flag::ADV) || opener.has_form(form::GERUND);
    let from = match after_quote {
        Some(q) => q + 1,
        None if opens => (lo..end).find(|&j| tokens[j].is_punct(b',')).map_or(lo, |c| c + 1),
        None => lo,
    };
    let verb = (from.max(lo + 1)..end).find(|&j| {
        let t = &tokens[j];
        t.kind == TokenKind::Word
            && !t.is_cap()
            && t.is_past()
            && tokens[j - 1].is_word()
            && (t.info.cue.is_some()
                || tokens[j - 1].is_cap()
                || tokens.get(j + 1).is_some_and(|n| {
                    n.is_word() && (n.is(flag::DET | flag::PRONOUN | flag::COMPLEMENTIZER) || n.is_cap())
                }))
    })?;
    Some((from, verb))
}
