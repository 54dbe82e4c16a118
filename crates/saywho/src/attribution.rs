//! Direct and mixed quotations: each quoted span gets its cue and speaker phrase.
//!
//! For every span between quotation marks, the attribution is looked for after the closing
//! mark in the same sentence (`"…," he wrote.`), then before the opening mark (`he added,
//! "…"`). A span embedded in reported speech without a comma or colon before it is a mixed
//! quotation (`Legend explained that he wrote the song "because…"`). A span with no
//! attribution of its own continues the speaker of a quotation next to it, in its paragraph or
//! the one before. Short title-cased spans ("Never Break") are titles, not quotations.

use crate::confidence::{Evidence, CUE_WITHOUT_SPEAKER_PENALTY};
use crate::doc::{Doc, Quote, QuoteKind};
use crate::lexicon::{flag, Lexicon};
use crate::marks::QuoteSpan;
use crate::np::{cue_at, np_after, np_before, Cue, NpKind, SpeakerNp};
use crate::token::{word_count, Token, TokenKind};

mod carry;
mod content_start;
pub(crate) use content_start::content_start;
mod description;
mod gerund;
pub(crate) mod label;
mod quoted_label;
use quoted_label::mixed_from_content;
mod post;

pub(crate) use description::{unlisted_description, unlisted_description_after};

pub use carry::{carry_across_paragraphs, join_fragments_around_their_cue};

/// Where the attribution of a direct quote stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    After,
    Before,
}

/// A short run of capitalised words with no sentence punctuation: a title ("Big Love").
fn is_title(text: &str, tokens: &[Token], q: &QuoteSpan) -> bool {
    let span = &tokens[q.first_tok as usize..q.end_tok as usize];
    let n = word_count(tokens, q.first_tok as usize, q.end_tok as usize);
    if n == 0 || n > 5 || span.iter().any(|t| t.is_terminal() || t.is_punct(b',')) {
        return false;
    }
    span.iter()
        .filter(|t| t.kind == TokenKind::Word)
        .all(|t| t.is_cap() || t.is(flag::FUNCTION) && t.text(text).len() <= 4)
}

/// The attribution after a closing mark: `, he wrote`, `, said Legend`, `Jane Doe told CTV`.
fn after(doc: &Doc, lex: &Lexicon, q: &QuoteSpan, limit: usize) -> Option<(Cue, Option<SpeakerNp>)> {
    let close = q.close_tok? as usize;
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let closed_by_period = q.closed_by_period(tokens);
    // `"…," Smith said to reporters`: a comma ends the quotation (see cue_after_quote).
    let with_comma = tokens[close - 1].is_punct(b',') || tokens.get(close + 1).is_some_and(|t| t.is_punct(b','));
    let mut a = close + 1;
    while a < limit && (tokens[a].is_punct(b',') || tokens[a].kind == TokenKind::Dash) {
        a += 1;
    }
    if a >= limit {
        return None;
    }
    if let Some(cue) = cue_at(text, tokens, a) {
        let np = np_after(tokens, cue.tok_end as usize, limit)
            .or_else(|| unlisted_description_after(text, tokens, lex, cue.tok_end as usize, limit));
        return Some((cue, np));
    }
    // `"…," according to Dr. Keith Ahamad`
    if tokens[a].is(flag::SOURCE_CUE_HEAD) && tokens.get(a + 1).is_some_and(|t| t.is(flag::INFINITIVE_TO)) {
        let cue = Cue {
            tok_start: a as u32,
            tok_end: a as u32 + 2,
            class: crate::lexicon::CueClass::Speech,
        };
        return Some((cue, np_after(tokens, a + 2, limit)));
    }
    for k in a + 1..limit.min(a + 18) {
        let abbreviation = crate::np::abbreviation_period(tokens, k);
        let mark = tokens[k].kind == TokenKind::QuoteMark && !crate::np::plural_possessive(tokens, k);
        if mark || tokens[k].is_terminal() && !abbreviation {
            break;
        }
        if tokens[k].is_punct(b',') && tokens.get(k + 1).is_some_and(|t| t.is(flag::PERSON_RELATIVE)) {
            if let Some(found) = past_relative_clause(doc, lex, a, k, limit) {
                return Some(found);
            }
        }
        if let Some(cue) = crate::np::cue_after_quote(text, tokens, k, with_comma) {
            if closed_by_period && opens_content(tokens, cue.tok_end as usize, limit) {
                // `"…unfunded." Jones said it was a disaster`: the quotation ended its
                // sentence, and the cue after it introduces a report of its own.
                return None;
            }
            let np = np_before(tokens, k, a).or_else(|| unlisted_description(text, tokens, lex, a, k))?;
            // `"…," a voter in the crowd said`: the phrase after a preposition is where the
            // speaker is, when a person noun the roles lack heads what comes before it. (A
            // role's phrase was read by np_before: "a spokesman for NBC" speaks for NBC.)
            let s = np.tok_start as usize;
            let np = (s > a + 1 && tokens[s - 1].is(flag::PREP) && !tokens[s - 1].is_cap())
                .then(|| unlisted_description(text, tokens, lex, a, s - 1))
                .flatten()
                .filter(|d| !tokens[d.tok_end as usize - 1].is(flag::ROLE | flag::TITLE))
                .unwrap_or(np);
            // "University of the Fraser Valley political scientist Hamish Telford said": an
            // organisation's name before the phrase belongs to it.
            // "Rally Canada volunteer media coordinator Tom Hinderks said": an organisation's
            // name and a job title the lexicon lacks, before the name.
            // (A quotation mark past `a` is a plural possessive's apostrophe: the search for
            // the cue stopped at any other.)
            let plain = |t: &Token| {
                t.is_word() && !t.is(flag::CUE | flag::AUX | flag::PRONOUN | flag::CONJ | flag::SUB)
                    || t.kind == TokenKind::QuoteMark && t.start > tokens[a].start
            };
            // `"…," the company's founder, Paul Smith, said`: a description of a person, headed
            // by a role word, in apposition just before the name.
            let s = np.tok_start as usize;
            // (Not before a colon: "…" LTA chief executive, John Crowther, added: "…" introduces
            // what follows.)
            let appositive_role = s >= a + 2
                && !tokens.get(cue.tok_end as usize).is_some_and(|t| t.is_punct(b':'))
                && tokens[s - 1].is_punct(b',')
                && tokens[s - 2].is(flag::ROLE_PERSON | flag::TITLE)
                && tokens[a..s - 1].iter().all(plain);
            let lead_in = tokens[a..s].iter().all(plain) || appositive_role;
            if np.tok_start as usize == a || lead_in && np.tok_start as usize <= a + 6 {
                return Some((cue, Some(np)));
            }
            return coordinated_speakers(tokens, a, np).map(|both| (cue, Some(both)));
        }
    }
    None
}

/// `"…," Smith and Jones said`, `"…," the IMF and the World Bank said`: two speaker phrases
/// joined by "and" right after the quotation, the second ending at the cue: the whole
/// coordination speaks (its head, for the entity, the last name).
fn coordinated_speakers(tokens: &[Token], a: usize, second: SpeakerNp) -> Option<SpeakerNp> {
    let s = second.tok_start as usize;
    let and = s
        .checked_sub(1)
        .filter(|&c| c > a && tokens[c].is(flag::ADDITIVE_CONJ) && !tokens[c].is_cap())?;
    let first = np_before(tokens, and, a).filter(|np| np.tok_start as usize == a && np.kind == second.kind)?;
    Some(SpeakerNp {
        tok_start: first.tok_start,
        ..second
    })
}

/// `"…," a citizen, whose name is redacted, wrote`: the speaker phrase `a..comma`, a relative
/// clause set off by commas (its own verbs, "asked not to be named", are no cue of the
/// quotation), then the cue. `None` when the clause is not closed by a comma and a cue.
fn past_relative_clause(
    doc: &Doc,
    lex: &Lexicon,
    a: usize,
    comma: usize,
    limit: usize,
) -> Option<(Cue, Option<SpeakerNp>)> {
    let tokens = &doc.tokens[..];
    let np = np_before(tokens, comma, a)
        .or_else(|| unlisted_description(doc.text, tokens, lex, a, comma))
        .filter(|np| np.tok_start as usize == a)?;
    let end = (comma + 2..limit.min(comma + 20))
        .take_while(|&j| {
            let terminal = tokens[j].is_terminal() && !crate::np::abbreviation_period(tokens, j);
            !terminal && tokens[j].kind != TokenKind::QuoteMark
        })
        .find(|&j| tokens[j].is_punct(b','))?;
    let cue = cue_at(doc.text, tokens, end + 1)?;
    Some((cue, Some(np)))
}

/// The last cue with a named or pronoun subject in tokens `lo..hi` (between two quotations,
/// or from a paragraph's start to a quotation).
fn attribution_between(doc: &Doc, lo: usize, hi: usize) -> Option<SpeakerNp> {
    (lo..hi).rev().find_map(|k| named_attribution_at(doc, k, lo))
}

/// A cue starting at token `k` whose subject, within the cue's sentence and not before `lo`,
/// is a name or a pronoun ("Foster writes", "he said").
pub(crate) fn named_attribution_at(doc: &Doc, k: usize, lo: usize) -> Option<SpeakerNp> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let cue = cue_at(text, tokens, k)?;
    (cue.tok_start as usize == k).then_some(())?;
    let sentence_start = doc.sentences[doc.sentence_of(k)].tok_start as usize;
    let np = np_before(tokens, k, sentence_start.max(lo))?;
    matches!(np.kind, NpKind::Name | NpKind::Pronoun).then_some(np)
}

/// Does the word at `k` open reported content after a cue ("said *it* was", "said *that*",
/// "said *the* plan", "said *Ottawa* would")? A date ("said Monday"), a preposition or an
/// adverb ("said on Monday", "said later") ends an attribution instead.
fn opens_content(tokens: &[Token], k: usize, limit: usize) -> bool {
    tokens.get(k).filter(|_| k < limit).is_some_and(|t| {
        t.kind == TokenKind::Word
            && !t.is(flag::CALENDAR | flag::PREP | flag::ADV)
            && (t.is(flag::COMPLEMENTIZER | flag::PRONOUN | flag::DET) || t.is_cap())
    })
}

/// Short single-quoted spans are mostly apostrophes paired by chance, unless the words end in
/// the punctuation of speech before the closing mark ('It's over,' she said).
fn chance_single_marks(tokens: &[Token], q: &QuoteSpan) -> bool {
    let spoken_close = q.close_tok.is_some_and(|c| {
        let p = &tokens[c as usize - 1];
        p.is_punct(b',') || p.is_terminal()
    });
    q.single && !spoken_close && word_count(tokens, q.first_tok as usize, q.end_tok as usize) < 3
}

/// A name signing a quotation after a dash, alone up to the end of its paragraph or sentence:
/// `"We will win." — Commissioner Jane Roe`, or followed by a description set off by a comma
/// that ends the paragraph: `"…" — Jane Roe, commissioner of the district` (a verb there
/// makes a sentence of it, not a signature).
fn signature(doc: &Doc, q: &QuoteSpan) -> Option<SpeakerNp> {
    let tokens = &doc.tokens[..];
    let close = q.close_tok? as usize;
    if tokens.get(close + 1)?.kind != TokenKind::Dash {
        return None;
    }
    let para = &doc.paragraphs[doc.sentences[doc.sentence_of(close)].para as usize];
    let end = para.tok_end as usize;
    let np = np_after(tokens, close + 2, end).filter(|np| np.kind == NpKind::Name)?;
    let after = np.tok_end as usize;
    if after >= end {
        return Some(np);
    }
    // (The name ends before the paragraph does: the tokens read here are the paragraph's.)
    let rest = &tokens[after];
    let described = rest.is_punct(b',')
        && end - after <= MAX_SIGNATURE_DESCRIPTION
        && tokens[after + 1..end]
            .iter()
            .all(|t| !t.is(flag::CUE | flag::AUX | flag::BE_FORM) && t.kind != TokenKind::QuoteMark);
    (rest.is_terminal() || described).then_some(np)
}

/// The longest description after a signature's name, in tokens with its comma.
const MAX_SIGNATURE_DESCRIPTION: usize = 12;

/// The attribution before an opening mark. Returns the cue, its speaker and whether the quote
/// is embedded in reported speech (mixed), with the token where that reported content starts.
fn before(
    doc: &Doc,
    lex: &Lexicon,
    q: &QuoteSpan,
    lo: usize,
) -> Option<(Option<Cue>, Option<SpeakerNp>, Option<usize>)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let b = q.open_tok as usize;
    if b <= lo {
        return None;
    }
    let p = &tokens[b - 1];
    let intro = p.is_punct(b',') || p.is_punct(b':') || p.kind == TokenKind::Dash;
    if intro {
        // The nearest cue with a subject before it ("Hayne joked in his turn to answer the
        // question, “…”"); an infinitive ("to answer") is never the reporting verb.
        let cues = (lo..b - 1)
            .rev()
            .take(16)
            .take_while(|&k| tokens[k].kind != TokenKind::QuoteMark)
            .filter(|&k| k == 0 || !tokens[k - 1].is(flag::INFINITIVE_TO))
            .filter_map(|k| cue_at(text, tokens, k));
        let mut inverted = None;
        for cue in cues {
            let k = cue.tok_start as usize;
            // "… so she picked it up and crowed, “…”": a cue coordinated with an earlier verb
            // speaks for the clause's subject, not for an earlier cue's ("guarantee her").
            // (A finite one: "by leaning towards him and remarking:" has its subject elsewhere;
            // and not after the subject's own reporting verb: in "Clarke said he … but argued:"
            // "said" reports what comes before "but argued", and "Schulberg told the magazine
            // that … he sported a moustache and asked:" is another's question.)
            let coordinated = || {
                crate::names::is_finite_cue(&tokens[k])
                    .then(|| crate::indirect::coordinated_subject(tokens, k, lo))
                    .flatten()
                    .filter(|np| !tokens.get(np.tok_end as usize).is_some_and(|t| t.is(flag::CUE)))
            };
            // "Another person said: “…”": opening the sentence, a description whose head is a
            // noun for a person the roles lack, as before reported content.
            let opening_description = || unlisted_description(text, tokens, lex, lo, k);
            if let Some(np) = gerund::after_report(text, tokens, k, lo)
                .or_else(|| np_before(tokens, k, lo))
                .or_else(coordinated)
                .or_else(opening_description)
            {
                return Some((Some(cue), Some(np), None));
            }
            if inverted.is_none() {
                inverted = np_after(tokens, cue.tok_end as usize, b - 1).map(|np| (Some(cue), Some(np), None));
            }
        }
        if inverted.is_some() {
            return inverted;
        }
        // `Martell, the addictions doctor, is more blunt: "…"`: a colon introduces the words of
        // the sentence's subject, with no verb of saying.
        if p.is_punct(b':') {
            // The last name there that acts ("when Musk again took to Twitter with this:"),
            // else the sentence's first phrase ("Martell, the doctor, is more blunt:").
            // Names are in text order: those starting between `lo` and the colon.
            let first = doc.names.partition_point(|n| (n.tok_start as usize) < lo);
            let last = first + doc.names[first..].partition_point(|n| (n.tok_start as usize) < b - 1);
            let acting = doc.names[first..last]
                .iter()
                .rev()
                .filter(|n| (n.tok_end as usize) < b - 1)
                .find(|n| {
                    let next = &tokens[n.tok_end as usize];
                    next.is_word() && !next.is_cap() && !next.is(flag::PREP | flag::DET | flag::CONJ | flag::SUB)
                })
                .map(|n| SpeakerNp {
                    tok_start: n.title_start,
                    tok_end: n.tok_end,
                    kind: NpKind::Name,
                });
            let subject = acting.or_else(|| {
                (lo..b - 1)
                    .take(3)
                    .find_map(|s| np_after(tokens, s, b - 1))
                    .filter(|np| matches!(np.kind, NpKind::Name | NpKind::Pronoun))
            });
            if let Some(np) = subject {
                return Some((None, Some(np), None));
            }
        }
        return None;
    }
    // Embedded: the cue whose clause holds the quote. Prefer one followed by "that".
    let mut best: Option<(Cue, SpeakerNp, usize)> = None;
    for k in lo..b {
        let Some(cue) = cue_at(text, tokens, k) else { continue };
        let Some(np) = np_before(tokens, k, lo) else {
            continue;
        };
        let (content, has_that) = content_start(text, tokens, &cue, b);
        if has_that {
            return Some((Some(cue), Some(np), Some(content)));
        }
        if best.is_none() && !second_clause_holds(text, tokens, k, b) {
            best = Some((cue, np, content));
        }
    }
    best.map(|(c, np, s)| (Some(c), Some(np), Some(s)))
}

/// Without "that", does a clause of its own hold the quote opening at token `b`, after the cue
/// at `k`: a comma, a conjunction, a new subject and its own finite cue, with no comma between
/// that cue and the quote? Then the earlier cue's content ends before it ("criticised the
/// approach, and the envoy said the bid “must …”"; but not "…, calling it “…”", nor an aside
/// inside the content, "said the accusations, and the way reporters described them, had left
/// her “…”").
fn second_clause_holds(text: &str, tokens: &[Token], k: usize, b: usize) -> bool {
    (k + 2..b).any(|c| {
        tokens[c].is(flag::CONJ)
            && tokens[c - 1].is_punct(b',')
            && tokens
                .get(c + 1)
                .is_some_and(|n| n.is_word() && !n.is(flag::CUE | flag::ADV | flag::AUX))
            && (c + 2..b).any(|m| {
                crate::names::is_finite_cue(&tokens[m])
                    && cue_at(text, tokens, m).is_some()
                    && !tokens[m + 1..b].iter().any(|t| t.is_punct(b','))
            })
    })
}

/// The speaker phrase of the last reporting verb in paragraph `para` that has one.
pub(crate) fn last_attribution(doc: &Doc, para: usize) -> Option<SpeakerNp> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let p = doc.paragraphs.get(para)?;
    let (a, b) = (p.tok_start as usize, p.tok_end as usize);
    (a..b).rev().find_map(|k| {
        let cue = cue_at(text, tokens, k)?;
        let lo = doc.sentences[doc.sentence_of(k)].tok_start as usize;
        np_before(tokens, k, lo).or_else(|| np_after(tokens, cue.tok_end as usize, b))
    })
}

/// Finds direct and mixed quotations.
pub fn attribute_quoted(doc: &Doc, lex: &Lexicon) -> Vec<Quote> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let mut quotes: Vec<Quote> = Vec::new();
    // For each kept quote: the side its own attribution stood on.
    let mut sides: Vec<Option<Side>> = Vec::new();
    let mut spans: Vec<&QuoteSpan> = Vec::new();
    for (qi, q) in doc.quote_spans.iter().enumerate() {
        if is_title(text, tokens, q) || chance_single_marks(tokens, q) {
            continue;
        }
        let s_open = doc.sentence_of(q.open_tok as usize);
        let s_close = doc.sentence_of(q.close_tok.unwrap_or(q.end_tok - 1) as usize);
        let next_open = doc.quote_spans.get(qi + 1).map_or(usize::MAX, |n| n.open_tok as usize);
        let after_limit = (doc.sentences[s_close].tok_end as usize).min(next_open);
        let mut lo = doc.sentences[s_open].tok_start as usize;
        // `Smith said:` ending the paragraph before one that opens with this quotation: that
        // sentence introduces it, as it would on the same line, but only with a verb of saying
        // and its subject (without one it is the writer's: "… a cultish faith in Obama's word:").
        let open = q.open_tok as usize;
        let introduced = lo == open && open > 0 && tokens[open - 1].is_punct(b':');
        if introduced {
            lo = doc.sentences[doc.sentence_of(open - 1)].tok_start as usize;
        }
        if let Some(prev) = qi.checked_sub(1).and_then(|p| doc.quote_spans.get(p)) {
            let prev_end = prev.close_tok.unwrap_or(prev.end_tok) as usize + 1;
            lo = lo.max(prev_end.min(q.open_tok as usize));
        }
        let mut quote = Quote::new(q.start, q.end, QuoteKind::Direct, s_open as u32);
        quote.confidence = if q.close_tok.is_some() {
            Evidence::ClosedQuote
        } else {
            Evidence::UnclosedQuote
        }
        .confidence();
        let mut side = None;
        // After the quote first (`"…," he wrote`), unless that gives a cue with no speaker
        // (`"…," noting his age`) and the sentence before names one (`Vickers said he's "…"`).
        let after_found = after(doc, lex, q, after_limit);
        let before_found = match after_found {
            Some((_, Some(_))) => None,
            _ => before(doc, lex, q, lo)
                .filter(|(_, np, _)| np.is_some() || after_found.is_none())
                .filter(|(cue, np, _)| !introduced || cue.is_some() && np.is_some()),
        };
        let unattributed = after_found.is_none() && before_found.is_none();
        if let Some(np) = unattributed.then(|| signature(doc, q)).flatten() {
            // `"…" — Commissioner Jane Roe`: the quotation is signed, with no verb.
            quote.speaker = Some(np);
            quote.confidence = Evidence::DashSignature.confidence();
            side = Some(Side::After);
        } else if let (Some((cue, np)), None) = (after_found, before_found) {
            quote.cue = Some(cue);
            quote.speaker = np;
            side = Some(Side::After);
            // `Leaders envisioned a “home for whiteness,” Foster writes`: a fragment closing a
            // sentence of reported content; the quotation is the whole sentence (mixed).
            let open = q.open_tok as usize;
            let sentence_start = doc.sentences[s_open].tok_start as usize;
            let embedded = open > lo
                && lo == sentence_start
                && tokens[open - 1].is_word()
                && !tokens[lo..open]
                    .iter()
                    .any(|t| t.is(flag::CUE) || t.kind == TokenKind::QuoteMark);
            if embedded && np.is_some() && word_count(tokens, lo, open) >= 3 {
                quote.kind = QuoteKind::Mixed;
                quote.confidence = Evidence::MixedQuote.confidence();
                quote.start = tokens[lo].start;
            }
        } else if let Some((cue, np, content)) = before_found {
            quote.cue = cue;
            quote.speaker = np;
            side = Some(Side::Before);
            // `said “…”` with nothing between is direct; `said that he "…"` is mixed.
            if let Some(c) = content.filter(|&c| c < q.open_tok as usize) {
                if !mixed_from_content(text, tokens, &mut quote, q, c, after_limit) {
                    continue;
                }
            }
        }
        let n_words = word_count(tokens, q.first_tok as usize, q.end_tok as usize);
        let embedded = q.open_tok as usize > lo && {
            let p = &tokens[q.open_tok as usize - 1];
            p.is_word() && !p.is(flag::CUE)
        };
        // (Asked only of a short unattributed quotation: most have an attribution.)
        let going_on = || carry::continues_attributed(doc, q, spans.last().copied().zip(sides.last().copied()));
        if side.is_none() && (n_words < 3 && !going_on() || embedded && n_words < 6) {
            // A short unattributed fragment inside a sentence: a scare quote, a term or a
            // name, not a quotation.
            continue;
        }
        if quote.speaker.is_none() && quote.cue.is_some() {
            quote.confidence -= CUE_WITHOUT_SPEAKER_PENALTY;
        }
        quote.group = quotes.len() as u32;
        quotes.push(quote);
        sides.push(side);
        spans.push(q);
    }
    carry::carry_speakers(doc, lex, &mut quotes, &sides, &spans);
    for mut block in post::quoted_blocks(doc, lex, &quotes) {
        block.group = quotes.len() as u32;
        quotes.push(block);
    }
    quotes
}
