//! Quotations set out by their speaker's name and a colon, without quotation marks: a
//! headline's "Pence: Gennifer Flowers Won't Be at Debate" and a transcript's "WALLACE: If I
//! may, sir, …". A paragraph that opens with a short name and a colon is what that speaker
//! says, when the article names them elsewhere too (so that "Photo:", "Update:" or
//! "Analysis:", which name nobody, stay labels).

use crate::confidence::Evidence;
use crate::doc::{Doc, Quote, QuoteKind};
use crate::lexicon::flag;
use crate::np::{NpKind, SpeakerNp};
use crate::token::{word_count, Token, TokenKind};

/// Most words in a speaker's label ("Rush Limbaugh", "Sen. Lindsey Graham" is a title too many).
const MAX_LABEL_WORDS: usize = 3;

/// Fewest words of what the label introduces: shorter, it is a subheading about the person
/// ("Sanders: Win in a walk.", "Cruz: Just hang on.").
const MIN_CONTENT_WORDS: usize = 5;

/// The labelled quotations of `doc`, each in its own group numbered from `first_group`; none
/// overlaps a quotation of `taken`.
pub(crate) fn labelled(doc: &Doc, taken: &[Quote], first_group: u32) -> Vec<Quote> {
    let tokens = &doc.tokens[..];
    let mut out = Vec::new();
    for p in &doc.paragraphs {
        let (lo, hi) = (p.tok_start as usize, p.tok_end as usize);
        // A transcript's turn may open with the quotation mark of the paragraph around it.
        let a = if tokens[lo].kind == TokenKind::QuoteMark {
            lo + 1
        } else {
            lo
        };
        let Some(colon) = (a + 1..hi.min(a + MAX_LABEL_WORDS + 1)).find(|&j| tokens[j].is_punct(b':')) else {
            continue;
        };
        if !tokens[a..colon].iter().all(is_label_word) {
            continue;
        }
        // Before the last word, first names only: "Rush Limbaugh:", not a letter's "Dear Judy:".
        let first_names = tokens[a..colon - 1]
            .iter()
            .all(|t| crate::name_gender::lookup(t.base(doc.text)).is_some());
        // A place introduces a list or a section ("Iowa: Tim Albrecht, Brad Anderson, …").
        let place = || {
            let words: Vec<&str> = tokens[a..colon].iter().map(|t| t.base(doc.text)).collect();
            crate::places::is_place(&words)
        };
        if !first_names || place() || !named_elsewhere(doc, a, colon) {
            continue;
        }
        let start = colon + 1;
        let mut end = hi;
        while end > start && matches!(tokens[end - 1].kind, TokenKind::QuoteMark) {
            end -= 1;
        }
        if word_count(tokens, start, end) < MIN_CONTENT_WORDS {
            continue;
        }
        let (s, e) = (tokens[start].start, tokens[end - 1].end);
        if taken.iter().any(|q| q.start < e && s < q.end) {
            continue;
        }
        let sentence = doc.sentence_of(start) as u32;
        let mut quote = Quote::new(s, e, QuoteKind::Direct, sentence);
        quote.group = first_group + out.len() as u32;
        quote.speaker = Some(SpeakerNp {
            tok_start: a as u32,
            tok_end: colon as u32,
            kind: NpKind::Name,
        });
        quote.confidence = Evidence::ColonLabel.confidence();
        out.push(quote);
    }
    out
}

/// A word of a name: capitalised, and no function word, pronoun, title, role, month or link
/// label ("Read:", "Watch:").
fn is_label_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.is_cap()
        && !t.is(flag::FUNCTION | flag::PRONOUN | flag::TITLE | flag::ROLE | flag::CALENDAR | flag::LINK_LABEL)
}

/// Whether the label's last word (in any case: "PENCE" for "Mike Pence") ends a name the
/// article uses outside the label.
fn named_elsewhere(doc: &Doc, a: usize, colon: usize) -> bool {
    let tokens = &doc.tokens;
    let last = tokens[colon - 1].base(doc.text);
    doc.names.iter().any(|n| {
        let (s, e) = (n.tok_start as usize, n.tok_end as usize);
        (e <= a || s >= colon) && tokens[e - 1].base(doc.text).eq_ignore_ascii_case(last)
    })
}
