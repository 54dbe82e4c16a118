//! Words quoted as blocks, without quotation marks: an embedded tweet or post is a paragraph of
//! its text followed by its signature, `TEXT pic.twitter.com/… — BC Hydro (@bchydro) December
//! 22, 2018`, the name before the handle being the speaker; a pull quote is a paragraph of
//! sentences ending with the name of who said them, `It's very bad for our senior population.
//! Rod Peters, Lake Cowichan mayor`.

use crate::confidence::Evidence;
use crate::doc::{Doc, Quote, QuoteKind};
use crate::lexicon::{cased, flag, Lexicon};
use crate::np::{np_after, NpKind, SpeakerNp};
use crate::token::{word_count, Token, TokenKind};

/// The signature of a post in tokens `lo..hi` (a paragraph): the dash, and the name before
/// the account handle in parentheses.
fn signature(text: &str, tokens: &[Token], lo: usize, hi: usize) -> Option<(usize, SpeakerNp)> {
    // The last dash of the paragraph: the text of the post may hold dashes of its own.
    let dash = (lo + 1..hi).rev().find(|&k| tokens[k].kind == TokenKind::Dash)?;
    let np = np_after(tokens, dash + 1, hi).filter(|np| np.kind == NpKind::Name)?;
    let open = tokens.get(np.tok_end as usize).filter(|t| t.is_punct(b'('))?;
    // The handle: "@" then the account name, right after the parenthesis.
    let handle = text.as_bytes().get(open.end as usize) == Some(&b'@');
    handle.then_some((dash, np))
}

/// The end of a post's text before its signature at `dash`: without the link to its picture
/// ("pic.twitter.com/W0IkInjjSH", maybe glued to a hashtag), a run of tokens with no space
/// between them that holds a slash.
fn text_end(tokens: &[Token], lo: usize, dash: usize) -> usize {
    let mut k = dash;
    while k > lo + 1 && tokens[k - 2].end == tokens[k - 1].start {
        k -= 1;
    }
    let run = k.saturating_sub(1).max(lo)..dash;
    let link = tokens[run.clone()].iter().any(|t| t.is_punct(b'/'));
    if link {
        run.start
    } else {
        dash
    }
}

/// Quotes for the paragraphs quoted as blocks (a post, or a pull quote), in text order, outside
/// the spans `quoted` already holds.
pub(super) fn quoted_blocks(doc: &Doc, lex: &Lexicon, quoted: &[Quote]) -> Vec<Quote> {
    let mut out = Vec::new();
    for para in &doc.paragraphs {
        let (lo, hi) = (para.tok_start as usize, para.tok_end as usize);
        let block = signed_post(doc, lo, hi)
            .map(|(end, np)| (end, np, Evidence::DashSignature))
            .or_else(|| {
                let (end, np) = name_signature(doc, lex, lo, hi)?;
                pull_quote_words(doc, lex, lo, end).then_some((end, np, Evidence::NameSignature))
            });
        let Some((end, np, evidence)) = block else {
            continue;
        };
        let tokens = &doc.tokens;
        let (start, stop) = (tokens[lo].start, tokens[end - 1].end);
        if quoted.iter().any(|q| q.start < stop && start < q.end) {
            continue;
        }
        let mut q = Quote::new(start, stop, QuoteKind::Direct, doc.sentence_of(lo) as u32);
        q.speaker = Some(np);
        q.confidence = evidence.confidence();
        out.push(q);
    }
    out
}

/// The end of a post's text in the paragraph `lo..hi`, and the name signing it, when the
/// paragraph is a post of at least four words without quotation marks (a post with marks
/// inside is left to the quotation rules).
fn signed_post(doc: &Doc, lo: usize, hi: usize) -> Option<(usize, SpeakerNp)> {
    let tokens = &doc.tokens[..];
    let (dash, np) = signature(doc.text, tokens, lo, hi)?;
    let end = text_end(tokens, lo, dash);
    let marks = tokens[lo..end].iter().any(|t| t.kind == TokenKind::QuoteMark);
    (end > lo && !marks && word_count(tokens, lo, end) >= 4).then_some((end, np))
}

/// A pull quote's signature ending the paragraph `lo..hi`: its last sentence is a person's
/// name of two words or more (with its titles), alone or with a description set off by a
/// comma, and no final stop, after a sentence that ends with one and a space. Not one word
/// ("Reuters" crediting a video) nor an agency's name ("The Canadian Press"). Returns where the
/// signature starts, and the name.
fn name_signature(doc: &Doc, lex: &Lexicon, lo: usize, hi: usize) -> Option<(usize, SpeakerNp)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let last = doc.sentences[doc.sentence_of(hi.checked_sub(1)?)];
    let start = last.tok_start as usize;
    let spaced = |k: usize| tokens[k - 1].end < tokens[k].start;
    if start <= lo || !tokens[start - 1].is_terminal() || !spaced(start) || tokens[hi - 1].is_terminal() {
        return None;
    }
    let np = np_after(tokens, start, hi).filter(|np| np.kind == NpKind::Name && np.tok_start as usize == start)?;
    // The name opens the line, after nothing but capitalised titles and their modifiers
    // ("Niagara County District Attorney Caroline Wojtaszek"; not "By John Smith" or
    // "Copyright John Smith").
    let name = doc.names.get(doc.names.partition_point(|n| n.tok_end < np.tok_end))?;
    if name.tok_end != np.tok_end {
        return None;
    }
    let before = &tokens[start..name.tok_start as usize];
    let titled = before.iter().all(|t| t.is_cap() && !t.is(flag::FUNCTION))
        && before.iter().any(|t| t.is(flag::TITLE | flag::ROLE));
    if !before.is_empty() && !titled {
        return None;
    }
    let credit = lex.is_cased(tokens[name.tok_end as usize - 1].text(text), cased::PHOTO_CREDIT);
    // The name finder joins a capitalised common word opening the line to the name after it
    // ("Copyright John Smith", "Courtesy Jane Roe"): a common word that is no first name nor a
    // title opens no signature ("Rod Peters" does: "Rod" is a first name too).
    let first = &tokens[name.tok_start as usize];
    let first_text = first.text(text);
    let common_first = !first.is(flag::TITLE | flag::ROLE)
        && lex.is_common_word(first_text)
        && crate::name_gender::lookup(first_text).is_none();
    if name.tok_end < name.tok_start + 2 || credit || common_first {
        return None;
    }
    let after = np.tok_end as usize;
    // A description, not a second name ("Mary Jones, Tom Brown": a list).
    let described = || {
        tokens[after].is_punct(b',')
            && hi - after <= MAX_DESCRIPTION
            && tokens[after + 1..hi].iter().all(|t| {
                let first_name = t.is_cap() && crate::name_gender::first_name_gender(t.text(text)).is_some();
                t.is_word() && !t.is(flag::CUE | flag::AUX | flag::BE_FORM | flag::PRONOUN) && !first_name
            })
    };
    (after >= hi || described()).then_some((start, np))
}

/// The longest description after a pull quote's name, in tokens with its comma.
const MAX_DESCRIPTION: usize = 8;

/// The most sentences a pull quote holds before its signature.
const MAX_PULL_SENTENCES: usize = 3;

/// Do tokens `lo..end` read as words someone said, set out as a pull quote: at least four
/// words and at most [`MAX_PULL_SENTENCES`] sentences, in the first or second person ("our
/// senior population", "I'm hoping", "when you're stripped down"), with no quotation marks
/// (left to the quotation rules) and no attribution of their own (a cue or "according to":
/// then they are the writer's report, and a name ending the paragraph is a byline, a credit or
/// a list, not a signature)?
fn pull_quote_words(doc: &Doc, lex: &Lexicon, lo: usize, end: usize) -> bool {
    let words = &doc.tokens[lo..end];
    let sentences = doc.sentence_of(end - 1) + 1 - doc.sentence_of(lo);
    let first_or_second =
        |info: crate::lexicon::WordInfo| info.is(flag::PRONOUN) && info.gender == crate::lexicon::Gender::Speaker;
    // ("I'm", "you're": the pronoun before a contraction.)
    let spoken = words.iter().any(|t| {
        first_or_second(t.info)
            || lex
                .contraction_stem(t.text(doc.text))
                .is_some_and(|stem| first_or_second(lex.lookup(stem)))
    });
    // A finite reporting verb ("said", "says") or "according to"; a participle ("I'm hoping
    // that …") reports nothing of its own.
    let reported = words
        .iter()
        .any(|t| t.kind == TokenKind::QuoteMark || t.is(flag::SOURCE_CUE_HEAD) || crate::names::is_finite_cue(t));
    spoken && !reported && sentences <= MAX_PULL_SENTENCES && word_count(doc.tokens.as_slice(), lo, end) >= 4
}
