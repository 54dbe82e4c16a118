//! Speakers carried from neighbours: a quotation with no attribution of its own takes the
//! speaker of an attributed quotation next to it (in its paragraph, or the paragraph before,
//! across a paragraph of narration that names no one), or of the named person a sentence of
//! narration right before it is about.

use super::{attribution_between, last_attribution, Side};
use crate::confidence::Evidence;
use crate::doc::{Doc, Quote, QuoteKind};
use crate::lexicon::{cased, flag, Gender, Lexicon};
use crate::marks::QuoteSpan;
use crate::np::{NpKind, SpeakerNp};
use crate::token::{shape, Token, TokenKind};

/// `“It's over,” she said. “We're done.”`: is the quotation `q` a whole sentence (ending with
/// its stop) right after an attributed quotation, the previous one kept (`prev`, with the side
/// of its attribution)? Then even a short one is the speaker going on, not a scare quote or a
/// term.
pub(super) fn continues_attributed(doc: &Doc, q: &QuoteSpan, prev: Option<(&QuoteSpan, Option<Side>)>) -> bool {
    let tokens = &doc.tokens[..];
    let Some((p, Some(_))) = prev else {
        return false;
    };
    let (Some(close), open) = (q.close_tok.map(|c| c as usize), q.open_tok as usize) else {
        return false;
    };
    let Some(before) = open.checked_sub(1) else {
        return false;
    };
    // Right after: the sentence before it is the one the previous quotation closes in
    // (`she said. “We're done.”`), or it follows that quotation's closing mark at once
    // (`replied: “No.” “Never.”`); not after a sentence of narration ("On the wall hung a sign.
    // “No entry.”").
    let prev_close = p.close_tok.unwrap_or(p.end_tok.saturating_sub(1)) as usize;
    let after_its_sentence = tokens[before].is_terminal() && doc.sentence_of(before) == doc.sentence_of(prev_close);
    let after_its_mark = before == prev_close && before > 0 && tokens[before - 1].is_terminal();
    let ends_sentence = close > open + 1 && tokens[close - 1].is_terminal();
    (after_its_sentence || after_its_mark) && ends_sentence
}

/// `“The plan,” she said, “will fail.”`: two direct quotations in a row whose one attribution
/// stands between them in one sentence are the fragments of one utterance, and share a group.
/// (Each fragment finds the cue on its own side, so the grouping of [`carry_speakers`], which
/// asks of a fragment with no attribution, does not reach them.) Only a first fragment cut
/// short, not one that ends its sentence (`“….” Collins said: “…”`, a new utterance, or
/// someone else's in `“….” The mayor then says: “…”`), and not across sentences (`“…,” she
/// said. “…”` is for [`carry_speakers`], when the second quotation has no attribution of its
/// own). `quotes` are in text order.
pub fn join_fragments_around_their_cue(doc: &Doc, quotes: &mut [Quote]) {
    let sentence_at = |byte: u32| doc.sentence_of(doc.tokens.partition_point(|t| t.start < byte).saturating_sub(1));
    for i in 1..quotes.len() {
        let (a, b) = (&quotes[i - 1], &quotes[i]);
        let (Some(x), Some(y)) = (a.cue, b.cue) else {
            continue;
        };
        let one_attribution = x.tok_start == y.tok_start
            && x.tok_end == y.tok_end
            && a.kind == QuoteKind::Direct
            && b.kind == QuoteKind::Direct
            && !a.speaker_carried
            && !b.speaker_carried;
        let Some(cue) = doc.tokens.get(x.tok_start as usize).filter(|_| one_attribution) else {
            continue;
        };
        // (The first fragment need not open its sentence: `But “…,” he added, “…”`, `means
        // “…,” she says, “…”`. So a term quoted first is joined too, as in `Asked about “the
        // plan,” Mary Jones said, “…”`: requiring the sentence's start split more real pairs
        // than it kept apart on PolNeAR, dev and train.)
        let between = a.end <= cue.start && cue.start < b.start;
        let cut_short = || !doc.text[..a.end as usize].trim_end().ends_with(['.', '!', '?', '…']);
        let cue_sentence = doc.sentence_of(x.tok_start as usize);
        if between && cut_short() && sentence_at(a.end) == cue_sentence && sentence_at(b.start + 1) == cue_sentence {
            // The second fragment's whole group joins the first's.
            let (from, to) = (quotes[i].group, quotes[i - 1].group);
            for q in quotes.iter_mut().filter(|q| q.group == from) {
                q.group = to;
            }
        }
    }
}

/// Gives quotes without an attribution of their own the speaker of a neighbour, and groups
/// the fragments of one utterance.
pub(super) fn carry_speakers(
    doc: &Doc,
    lex: &Lexicon,
    quotes: &mut [Quote],
    sides: &[Option<Side>],
    spans: &[&QuoteSpan],
) {
    let para_of = |q: &QuoteSpan| doc.sentences[doc.sentence_of(q.open_tok as usize)].para;
    let close_para = |q: &QuoteSpan| {
        let last = q.close_tok.unwrap_or(q.end_tok - 1) as usize;
        doc.sentences[doc.sentence_of(last)].para
    };
    // Spans are in text order, so each paragraph's quotes are a run: `para_start[i]` and
    // `para_end[i]` bound the run of quote i. And no quote before j closes in a paragraph
    // after `max_close[j]`. Searches stay within these bounds instead of every quote.
    let paras: Vec<u32> = spans.iter().map(|q| para_of(q)).collect();
    let mut para_start = vec![0usize; quotes.len()];
    for i in 1..quotes.len() {
        para_start[i] = if paras[i] == paras[i - 1] { para_start[i - 1] } else { i };
    }
    let mut para_end = vec![quotes.len(); quotes.len()];
    for i in (0..quotes.len().saturating_sub(1)).rev() {
        para_end[i] = if paras[i] == paras[i + 1] {
            para_end[i + 1]
        } else {
            i + 1
        };
    }
    let max_close = running_max(spans.iter().map(|q| close_para(q)));
    for i in 0..quotes.len() {
        if sides[i].is_some() {
            continue;
        }
        let para = paras[i];
        // 1. The quote just before, in the same paragraph, attributed after its closing mark
        //    with nothing but that attribution in between: the same utterance.
        if i > 0 && sides[i - 1] == Some(Side::After) && para_of(spans[i - 1]) == para {
            let gap_is_attribution = spans[i - 1].close_tok.is_some_and(|c| {
                let end_of_attr = doc.sentences[doc.sentence_of(c as usize)].tok_end;
                end_of_attr >= spans[i].open_tok
            });
            if gap_is_attribution {
                quotes[i].cue = quotes[i - 1].cue;
                quotes[i].speaker = quotes[i - 1].speaker;
                quotes[i].group = quotes[i - 1].group;
                // One utterance, one attribution: the mention names both fragments.
                continue;
            }
        }
        // 2. An attributed quote elsewhere in the paragraph, before first, then after.
        let in_para = (para_start[i]..i)
            .rev()
            .chain(i + 1..para_end[i])
            .find(|&j| sides[j].is_some());
        if let Some(j) = in_para {
            // `"…," a columnist wrote. "…" Foster writes that … "…"`: a named speaker's cue
            // between the two quotes is the nearer attribution.
            let between = (j < i)
                .then(|| {
                    spans[j].close_tok.and_then(|c| {
                        attribution_between(doc, c as usize + 1, spans[i].open_tok as usize)
                            .or_else(|| subject_sentence_before(doc, lex, spans[i], c as usize + 1))
                    })
                })
                .flatten();
            quotes[i].speaker = between.or(quotes[j].speaker);
            quotes[i].speaker_carried = true;
            quotes[i].confidence = Evidence::SpeakerOfSameParagraph.confidence();
            continue;
        }
        // 3. A sentence about a named person right before it, in its paragraph.
        let para_first_tok = doc.paragraphs[para as usize].tok_start as usize;
        if let Some(np) = subject_sentence_before(doc, lex, spans[i], para_first_tok) {
            quotes[i].speaker = Some(np);
            quotes[i].speaker_carried = true;
            quotes[i].confidence = Evidence::SpeakerOfSameParagraph.confidence();
            continue;
        }
        // 4. The last quote of the paragraph before, or an introduction ending in a colon.
        let prev_para = previous_paragraph_with_words(doc, para);
        if let Some(pp) = prev_para {
            if let Some(j) = (0..i)
                .rev()
                .take_while(|&j| max_close[j] >= pp)
                .find(|&j| close_para(spans[j]) == pp && quotes[j].speaker.is_some())
            {
                quotes[i].speaker = quotes[j].speaker;
                quotes[i].speaker_carried = true;
                quotes[i].confidence = Evidence::SpeakerOfPreviousParagraph.confidence();
                continue;
            }
            quotes[i].carry_from_paragraph = Some(pp);
        }
        quotes[i].confidence = Evidence::NoAttribution.confidence();
    }
}

/// The greatest of `values` so far, at each position: how far back a search from there may
/// have to look.
fn running_max(values: impl Iterator<Item = u32>) -> Vec<u32> {
    values
        .scan(0u32, |m, v| {
            *m = (*m).max(v);
            Some(*m)
        })
        .collect()
}

/// A quote that opens a paragraph with no attribution continues the last speaker of the
/// paragraph before, now that indirect quotes are known too.
pub fn carry_across_paragraphs(doc: &Doc, lex: &Lexicon, quotes: &mut [Quote]) {
    let para = |q: &Quote| doc.sentences[q.sentence as usize].para;
    // No quote before j is in a paragraph after `max_para[j]`: the search back stops there
    // instead of reading every quote of a long document.
    let max_para = running_max(quotes.iter().map(para));
    for i in 0..quotes.len() {
        let Some(pp) = quotes[i].carry_from_paragraph else {
            continue;
        };
        let speaker_in = |pp: u32| {
            let source = (0..i)
                .rev()
                .take_while(|&j| max_para[j] >= pp)
                .find(|&j| quotes[j].speaker.is_some() && para(&quotes[j]) == pp);
            match source {
                Some(j) => (quotes[j].speaker, true),
                // No quote there with a speaker (its marks may be unbalanced): the paragraph's
                // last attribution ("…," said Nicholson in an email).
                None => (last_attribution(doc, pp as usize), false),
            }
        };
        let (mut speaker, mut quoted) = speaker_in(pp);
        // `"…," Garland said. / The loss from a stroke was the largest. / "…"`: a paragraph of
        // the writer's own naming no one, between a paragraph with a speaker (a quotation's, or
        // failing that its last attribution's) and this quotation, does not end that turn.
        if speaker.is_none() && opens_paragraph(doc, &quotes[i]) && names_no_one(doc, lex, pp as usize) {
            if let Some(before) = previous_paragraph_with_words(doc, pp) {
                (speaker, quoted) = speaker_in(before);
            }
        }
        if speaker.is_some() {
            quotes[i].speaker = speaker;
            quotes[i].speaker_carried = true;
            quotes[i].confidence = if quoted {
                Evidence::CarriedAcrossParagraphs
            } else {
                Evidence::LastAttributionOfParagraph
            }
            .confidence();
        }
    }
}

/// `"…," says House. Durning did not need much coaxing. "I'm thankful …"`: the sentence right
/// before a quotation that opens its own sentence, starting at or after token `lo`, opens with
/// a name followed by a lower-case word that is no cue, no negation and no function word, and
/// the quotation speaks in the first person singular and of no "he" or "she": that person
/// speaking of themself. The name, as the speaker phrase. (Without the quotation's person, a
/// sentence about a player, a team or the dead took the quotation of the coach or the mother
/// quoted before: "Smith scored twice. “He was fantastic.”")
fn subject_sentence_before(doc: &Doc, lex: &Lexicon, q: &QuoteSpan, lo: usize) -> Option<SpeakerNp> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let open = q.open_tok as usize;
    let si = doc.sentence_of(open);
    let prev = doc.sentences.get(si.checked_sub(1)?)?;
    let here = &doc.sentences[si];
    if here.tok_start as usize != open || prev.para != here.para || (prev.tok_start as usize) < lo {
        return None;
    }
    let first = doc.names.partition_point(|n| n.title_start < prev.tok_start);
    let n = doc.names.get(first).filter(|n| n.title_start == prev.tok_start)?;
    let verb = tokens.get(n.tok_end as usize)?;
    let narrated = tokens[n.tok_end as usize - 1].shape & shape::POSSESSIVE == 0
        && verb.kind == TokenKind::Word
        && !verb.is_cap()
        && verb.info.cue.is_none()
        && !verb.is(flag::CONJ | flag::PREP | flag::SUB | flag::DET | flag::NEG)
        && tokens[prev.tok_start as usize..prev.tok_end as usize]
            .iter()
            .all(|t| t.kind != TokenKind::QuoteMark);
    // The quotation's own words last, the costliest test (a look-up a word).
    let words = &tokens[q.first_tok as usize..q.end_tok as usize];
    let first_person = || {
        words.iter().any(|t| lex.is_cased(t.text(text), cased::FIRST_SINGULAR))
            && !words
                .iter()
                .any(|t| t.is(flag::PRONOUN) && matches!(t.info.gender, Gender::Male | Gender::Female))
    };
    (narrated && first_person()).then_some(SpeakerNp {
        tok_start: n.tok_start,
        tok_end: n.tok_end,
        kind: NpKind::Name,
    })
}

/// The nearest paragraph before `para` with a word in it (paragraphs of stray punctuation,
/// ". ", come between paragraphs in some feeds).
fn previous_paragraph_with_words(doc: &Doc, para: u32) -> Option<u32> {
    (0..para).rev().find(|&p| {
        let pr = &doc.paragraphs[p as usize];
        doc.tokens[pr.tok_start as usize..pr.tok_end as usize]
            .iter()
            .any(|t| t.kind == TokenKind::Word)
    })
}

/// Does quote `q` open its paragraph, no word before its opening mark?
fn opens_paragraph(doc: &Doc, q: &Quote) -> bool {
    let para = doc.sentences[q.sentence as usize].para;
    let p = &doc.paragraphs[para as usize];
    doc.tokens[p.tok_start as usize..p.tok_end as usize]
        .iter()
        .take_while(|t| t.start < q.start)
        .all(|t| t.kind != TokenKind::Word)
}

/// Does paragraph `para` name no one: one or two sentences of narration ending in a period (not
/// a subhead), with no quotation mark, no pronoun, no capitalised word but a sentence's first,
/// no reporting verb and no word for a person or a group ("Another passenger described …",
/// "Others were less sure.")?
fn names_no_one(doc: &Doc, lex: &Lexicon, para: usize) -> bool {
    let Some(p) = doc.paragraphs.get(para) else {
        return false;
    };
    let tokens = &doc.tokens[p.tok_start as usize..p.tok_end as usize];
    let sentences = tokens.iter().filter(|t| t.shape & shape::SENT_START != 0).count();
    // (A quantity opening a sentence is people: "Others were less sure"; inside it mostly a
    // share: "eight per cent".)
    let person_word = |t: &Token| {
        t.is(flag::ROLE | flag::TITLE | flag::PRONOUN)
            || t.is(flag::GROUP_QUANTIFIER) && t.shape & shape::SENT_START != 0
            || crate::names::is_finite_cue(t)
            || lex.is_cased(t.text(doc.text), cased::PERSON_NOUN)
    };
    sentences <= 2
        && tokens.last().is_some_and(|t| t.is_punct(b'.'))
        && tokens.iter().all(|t| match t.kind {
            TokenKind::QuoteMark => false,
            TokenKind::Word => !person_word(t) && (!t.is_cap() || t.shape & shape::SENT_START != 0),
            _ => true,
        })
}
