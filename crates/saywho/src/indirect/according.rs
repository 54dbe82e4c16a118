//! "According to X, CONTENT." and "CONTENT, according to X.": the phrase says by itself that
//! what surrounds it is reported, whoever or whatever its source is.

use super::{content_end, make, MIN_CONTENT_WORDS};
use crate::confidence::Evidence;
use crate::doc::{Doc, Quote};
use crate::lexicon::{flag, form, CueClass};
use crate::np::{np_after, Cue, NpKind, SpeakerNp};
use crate::token::{word_count, Token, TokenKind};

/// "According to X, CONTENT." and "CONTENT, according to X."
pub(super) fn according_to(doc: &Doc, si: usize, k: usize) -> Option<Quote> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let s = &doc.sentences[si];
    let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
    let cue = Cue {
        tok_start: k as u32,
        tok_end: k as u32 + 2,
        class: CueClass::Speech,
    };
    // "according to" says by itself that what surrounds it is reported: its source may be a
    // document, a count or a poll ("according to a memo released Friday", "according to exit
    // polls"), a phrase up to the next comma.
    let np = np_after(tokens, k + 2, hi)
        .map(|np| {
            if np.kind == NpKind::Name {
                doc.with_whole_names(np)
            } else {
                np
            }
        })
        .or_else(|| source_phrase(tokens, k + 2, hi))?;
    let np_end = np.tok_end as usize;
    let after_np = {
        let mut a = np_end;
        while a < hi && tokens[a].is_punct(b',') {
            a += 1;
        }
        a
    };
    let (a, b) = if tokens[lo..k].iter().all(|t| t.is(flag::CONJ)) {
        // "According to X, CONTENT." The source may go on past its phrase ("according to the
        // … Center at Colorado State University, there is …", "according to Labor Department
        // figures, …", "according to his agent, …"): the content then starts after the comma a
        // few words on. Not when content opens right after the phrase: a determiner before a
        // lower-case word, a pronoun, a quantity ("According to Reuters the company will cut
        // 500 jobs, including …", "According to a poll most voters …").
        let content_opens = tokens.get(np_end).is_some_and(|t| {
            t.kind == TokenKind::Word
                && (t.is(flag::PRONOUN | flag::GROUP_QUANTIFIER | flag::SUB)
                    || t.is(flag::DET) && tokens.get(np_end + 1).is_some_and(|n| !n.is_cap()))
                || t.kind == TokenKind::Number
        });
        // How far the source may go on: a place or a qualifier after a preposition or a
        // participle ("at Colorado State University", "conducted by … the Radicati Group", a
        // dozen tokens); a noun or two otherwise ("figures", "agent"): further on, a comma is
        // the content's own ("According to analysts sales of the new phone rose …, beating").
        let qualifier = tokens.get(np_end).is_some_and(|t| {
            t.kind == TokenKind::Word
                && !t.is_cap()
                && (t.is(flag::PREP) || t.has_form(form::PAST) && t.info.cue.is_none())
                || t.kind == TokenKind::Punct && !t.is_punct(b',')
        });
        let reach = if qualifier { 12 } else { 3 };
        let start = if after_np > np_end || content_opens {
            after_np
        } else {
            (np_end..hi.min(np_end + reach))
                .take_while(|&m| !tokens[m].is_terminal() && tokens[m].kind != TokenKind::QuoteMark)
                .find(|&m| tokens[m].is_punct(b','))
                .map_or(after_np, |comma| comma + 1)
        };
        (start, content_end(text, tokens, start, hi, false))
    } else if tokens[k - 1].is_punct(b',')
        && tokens.get(np_end).is_some_and(|t| t.is_punct(b','))
        && word_count(tokens, after_np, hi) >= MIN_CONTENT_WORDS
    {
        // "The harsh truth, according to experts, is …": the whole sentence was said, the
        // attribution in the middle of it.
        (lo, content_end(text, tokens, after_np, hi, false))
    } else if tokens[k - 1].is_punct(b',') || after_np >= hi || tokens[after_np].is_terminal() {
        // "CONTENT, according to X." (the comma is sometimes left out)
        let end = if tokens[k - 1].is_punct(b',') { k - 1 } else { k };
        (lo, content_end(text, tokens, lo, end, false))
    } else {
        return None;
    };
    if b <= a || word_count(tokens, a, b) < MIN_CONTENT_WORDS {
        return None;
    }
    Some(make(doc, si, a, b, Some(cue), Some(np), Evidence::AccordingTo))
}

/// The source of "according to" when it is no speaker phrase: the words up to the next comma,
/// dash or the sentence's end, if they are few and hold no quotation mark.
fn source_phrase(tokens: &[Token], a: usize, hi: usize) -> Option<SpeakerNp> {
    if a >= hi {
        return None;
    }
    let stop = (a..hi.min(a + 16))
        .find(|&m| {
            let t = &tokens[m];
            // "a senior aide who spoke on condition of anonymity": the source ends before its
            // relative clause.
            t.is_punct(b',') || t.is_terminal() || t.kind == TokenKind::Dash || m > a && t.is(flag::PERSON_RELATIVE)
        })
        .unwrap_or(hi);
    let words = &tokens[a..stop];
    let plain = !words.is_empty()
        && words.iter().all(|t| t.kind != TokenKind::QuoteMark)
        && words
            .first()
            .is_some_and(|t| t.is_word() || t.kind == TokenKind::Number)
        && (stop < hi.min(a + 16) || stop == hi);
    plain.then_some(SpeakerNp {
        tok_start: a as u32,
        tok_end: stop as u32,
        kind: NpKind::Description,
    })
}
