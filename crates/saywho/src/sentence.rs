//! Sentences, as token ranges inside paragraphs.
//!
//! A quotation is atomic: a period inside it never ends the sentence, except the last one
//! before its closing mark, and then the sentence ends after the mark. So `"…humbling," he
//! wrote.` is one sentence with its attribution.

use crate::lexicon::{flag, Lexicon};
use crate::marks::QuoteSpan;
use crate::token::{shape, Paragraph, Token, TokenKind};

/// A sentence: tokens `tok_start..tok_end` of paragraph `para`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Index of its first token.
    pub tok_start: u32,
    /// Index just past its last token (end-exclusive).
    pub tok_end: u32,
    /// Index of its paragraph in [`crate::Doc::paragraphs`].
    pub para: u32,
}

/// Longest sentence, in tokens, before it is cut at a comma (twice that: cut anywhere).
const MAX_SENTENCE_TOKENS: u32 = 400;

/// Splits every paragraph into sentences and marks their first tokens [`shape::SENT_START`].
pub fn split_sentences(
    text: &str,
    tokens: &mut [Token],
    paragraphs: &[Paragraph],
    quotes: &[QuoteSpan],
    lex: &Lexicon,
) -> Vec<Sentence> {
    let mut sentences = Vec::with_capacity(paragraphs.len() * 3);
    // For each token index inside a quote: where that quote's closing mark is.
    let mut q = 0usize;
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut start = para.tok_start;
        let mut k = para.tok_start;
        while k < para.tok_end {
            // Until a sentence grows long only punctuation can end it: the words before the next
            // punctuation are passed over in a tight loop, not each through the tests below
            // (some 10 million instructions on BBC news).
            let short_end = para.tok_end.min(start.saturating_add(MAX_SENTENCE_TOKENS));
            if k < short_end {
                let words = &tokens[k as usize..short_end as usize];
                k += words
                    .iter()
                    .position(|t| t.kind == TokenKind::Punct)
                    .unwrap_or(words.len()) as u32;
                if k == para.tok_end {
                    break;
                }
            }
            let t = &tokens[k as usize];
            // A runaway "sentence" (a list, a table, text without punctuation) is cut at a comma
            // or semicolon, and at worst anywhere, so that no stage works on an unbounded span.
            let long = k - start >= MAX_SENTENCE_TOKENS;
            if long && (t.is_punct(b',') || t.is_punct(b';') || k - start >= 2 * MAX_SENTENCE_TOKENS) && !t.in_quote() {
                sentences.push(Sentence {
                    tok_start: start,
                    tok_end: k + 1,
                    para: pi as u32,
                });
                start = k + 1;
                k += 1;
                continue;
            }
            if !t.is_terminal() {
                k += 1;
                continue;
            }
            // Where would the sentence end? After the terminal, and after closing marks and
            // brackets that follow it.
            let mut end = k + 1;
            if t.in_quote() {
                while q < quotes.len() && quotes[q].end_tok <= k {
                    q += 1;
                }
                let inside = quotes.get(q).filter(|s| s.first_tok <= k && k < s.end_tok);
                match inside {
                    Some(s) if s.end_tok == k + 1 && s.close_tok.is_some() => {
                        // `"We won!" Nunes said.` is one sentence with its attribution.
                        // (A title's period is skipped only after a question or an
                        // exclamation: `"Why?" Mr. Trump asked.`; after `."`, "Mr. Jones
                        // disagreed and said …" is a sentence of its own.)
                        let titled = !t.is_punct(b'.');
                        if attribution_follows(tokens, k as usize + 2, para.tok_end as usize, titled) {
                            k += 1;
                            continue;
                        }
                        end = k + 2
                    }
                    Some(_) => {
                        k += 1;
                        continue;
                    }
                    None => {}
                }
            }
            while end < para.tok_end && {
                let n = &tokens[end as usize];
                n.is_punct(b')') || n.is_punct(b']') || n.is_terminal()
            } {
                end += 1;
            }
            if end < para.tok_end && !starts_sentence(text, tokens, k, end, lex) {
                k += 1;
                continue;
            }
            sentences.push(Sentence {
                tok_start: start,
                tok_end: end,
                para: pi as u32,
            });
            start = end;
            k = end;
        }
        if start < para.tok_end {
            sentences.push(Sentence {
                tok_start: start,
                tok_end: para.tok_end,
                para: pi as u32,
            });
        }
    }
    for s in &sentences {
        tokens[s.tok_start as usize].shape |= shape::SENT_START;
    }
    sentences
}

/// Does a short attribution ("Nunes said."; with `titled`, "Mr. Trump asked.") follow a
/// quotation's closing mark at `from`?
fn attribution_follows(tokens: &[Token], from: usize, end: usize, titled: bool) -> bool {
    for (j, t) in tokens.iter().enumerate().take(end).skip(from).take(6) {
        // (The period of a capitalised title or honorific before a name ends nothing: "Mr.",
        // "Gov.", "Dr."; "Call the senator. She said" ends a sentence.)
        let title_period = titled
            && t.is_punct(b'.')
            && j > 0
            && tokens[j - 1].is(flag::HONORIFIC | flag::TITLE)
            && tokens[j - 1].is_cap()
            && tokens.get(j + 1).is_some_and(|n| n.is_cap());
        if t.is_terminal() && !title_period || t.kind == TokenKind::QuoteMark {
            return false;
        }
        if t.is(flag::CUE) && t.kind == TokenKind::Word && !t.is_cap() {
            return true;
        }
    }
    false
}

/// Whether a sentence starts at token `next`, given the terminal at `term`.
fn starts_sentence(text: &str, tokens: &[Token], term: u32, next: u32, lex: &Lexicon) -> bool {
    let n = &tokens[next as usize];
    let next_is_start = match n.kind {
        TokenKind::Word => n.is_cap(),
        TokenKind::Number => true,
        TokenKind::QuoteMark | TokenKind::Dash => true,
        TokenKind::Punct => n.is_punct(b'('),
    };
    if !next_is_start {
        return false;
    }
    let t = &tokens[term as usize];
    if !t.is_punct(b'.') || term == 0 {
        return true;
    }
    let prev = &tokens[term as usize - 1];
    if prev.end != t.start || prev.kind != TokenKind::Word {
        return true;
    }
    // "R-S.C.": a period with a single letter written right after it continues an initialism.
    if n.start == t.end && n.kind == TokenKind::Word && n.end - n.start == 1 {
        return false;
    }
    let word = prev.text(text);
    let next_is_function = n.kind == TokenKind::Word && n.is(flag::FUNCTION | flag::PRONOUN);
    // "Mr. Smith", "Dr. Lee": never a sentence end.
    if prev.is(flag::HONORIFIC | flag::TITLE) && lex.is_abbreviation(word) {
        return false;
    }
    // "J. Smith": an initial.
    if word.chars().count() == 1 && prev.is_cap() {
        return next_is_function;
    }
    // "U.S. officials", "Sept. 11", "Inc. said": an abbreviation, unless a clear new sentence
    // follows ("... in the U.S. The ...").
    if lex.is_abbreviation(word) {
        return next_is_function;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::find_quotes;
    use crate::token::tokenize;

    fn split(text: &str) -> Vec<String> {
        let lex = Lexicon::english();
        let (mut toks, paras) = tokenize(text, &lex);
        let quotes = find_quotes(&mut toks, &paras);
        split_sentences(text, &mut toks, &paras, &quotes, &lex)
            .iter()
            .map(|s| {
                let a = toks[s.tok_start as usize].start as usize;
                let b = toks[s.tok_end as usize - 1].end as usize;
                text[a..b].to_string()
            })
            .collect()
    }

    #[test]
    fn splits_news_sentences() {
        let cases: &[(&str, &[&str])] = &[
            ("Mr. Smith left. He came back.", &["Mr. Smith left.", "He came back."]),
            (
                "It rose in the U.S. The rest fell.",
                &["It rose in the U.S.", "The rest fell."],
            ),
            (
                "U.S. officials met on Sept. 11 in D.C. today.",
                &["U.S. officials met on Sept. 11 in D.C. today."],
            ),
            (
                "“One. Two,” he wrote. “Three.” Then she left.",
                &["“One. Two,” he wrote.", "“Three.”", "Then she left."],
            ),
            ("“Why?” she asked. No answer.", &["“Why?” she asked.", "No answer."]),
            ("J. K. Rowling wrote it.", &["J. K. Rowling wrote it."]),
            (
                "Rep. Trey Gowdy (R-S.C.) said so.",
                &["Rep. Trey Gowdy (R-S.C.) said so."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&split(text), expected, "{text}");
        }
    }

    #[test]
    fn paragraphs_end_sentences() {
        assert_eq!(split("No period\nNew line."), vec!["No period", "New line."]);
    }
}
