//! Quotation marks to quoted spans.
//!
//! Double marks pair within a paragraph; a quotation left open at a paragraph's end carries on
//! when the next paragraph opens with a quotation mark (the convention for quotes that run over
//! several paragraphs). An open mark with no such continuation is recovered inside its own
//! paragraph and never swallows the rest of the article. Single marks pair only outside double
//! quotes and only inside one paragraph, so apostrophes and possessives cannot run away.

use crate::token::{mark, shape, word_count, Paragraph, Token, TokenKind};

/// A span of text between quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Token index of the opening mark.
    pub open_tok: u32,
    /// Token index of the closing mark; `None` when the quote was recovered at a paragraph end.
    pub close_tok: Option<u32>,
    /// Content tokens: `first_tok..end_tok` (marks excluded).
    pub first_tok: u32,
    /// Token index just past the content: the closing mark's, or the paragraph's end when
    /// the quote was recovered.
    pub end_tok: u32,
    /// Byte offset where the content starts: its first token, so without the mark and the
    /// whitespace after it.
    pub start: u32,
    /// Byte offset just past the content's last token (end-exclusive).
    pub end: u32,
    /// Between single marks.
    pub single: bool,
    /// Runs over more than one paragraph.
    pub multi_paragraph: bool,
}

impl QuoteSpan {
    /// Does the quotation end with its own period before the closing mark (`…unfunded."`),
    /// so that its sentence ends with it?
    pub fn closed_by_period(&self, tokens: &[Token]) -> bool {
        self.close_tok
            .is_some_and(|c| c > 0 && tokens[c as usize - 1].is_punct(b'.'))
    }
}

/// How many paragraphs one quotation may run over before the chain is broken.
const MAX_CHAIN: usize = 12;

fn is_double(t: &Token, want: u8) -> bool {
    t.kind == TokenKind::QuoteMark && t.mark & mark::DOUBLE != 0 && t.mark & want != 0
}

fn is_single(t: &Token, want: u8) -> bool {
    t.kind == TokenKind::QuoteMark && t.mark & mark::SINGLE != 0 && t.mark & want != 0
}

fn span(
    tokens: &[Token],
    open: u32,
    close: Option<u32>,
    last_tok: u32,
    single: bool,
    multi: bool,
) -> Option<QuoteSpan> {
    let first_tok = open + 1;
    let end_tok = close.unwrap_or(last_tok);
    if end_tok <= first_tok {
        return None;
    }
    Some(QuoteSpan {
        open_tok: open,
        close_tok: close,
        first_tok,
        end_tok,
        start: tokens[first_tok as usize].start,
        end: tokens[end_tok as usize - 1].end,
        single,
        multi_paragraph: multi,
    })
}

/// Finds the quoted spans of a document and marks their tokens [`shape::IN_QUOTE`].
pub fn find_quotes(tokens: &mut [Token], paragraphs: &[Paragraph]) -> Vec<QuoteSpan> {
    let marks: Vec<u32> = tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind == TokenKind::QuoteMark)
        .map(|(k, _)| k as u32)
        .collect();
    find_quotes_among(tokens, paragraphs, &marks)
}

/// [`find_quotes`], given the indices of the quotation marks among the tokens, in order (as
/// [`crate::token::tokenize_with_marks`] notes them). Both passes below read only the marks (a
/// few in a hundred tokens), where each read every token (some 13 million instructions on BBC
/// news).
pub(crate) fn find_quotes_among(tokens: &mut [Token], paragraphs: &[Paragraph], marks: &[u32]) -> Vec<QuoteSpan> {
    let mut quotes: Vec<QuoteSpan> = Vec::new();
    // (opening mark, paragraphs it has run over so far)
    let mut carried: Option<(u32, usize)> = None;
    // The next mark to read (paragraphs are in text order).
    let mut m = 0usize;

    for (pi, para) in paragraphs.iter().enumerate() {
        let mut k = para.tok_start;
        let mut open: Option<u32> = None;
        let mut chain = 0usize;
        if let Some((o, c)) = carried.take() {
            // The caller checked that this paragraph starts with an opening mark.
            open = Some(o);
            chain = c;
            k += 1;
        }
        while marks.get(m).is_some_and(|&mk| mk < k) {
            m += 1;
        }
        while let Some(&k) = marks.get(m).filter(|&&mk| mk < para.tok_end) {
            m += 1;
            let t = &tokens[k as usize];
            if t.mark & mark::DOUBLE != 0 {
                match open {
                    None if t.mark & mark::CAN_OPEN != 0 => open = Some(k),
                    None => {} // a stray closing mark: ignored
                    Some(o) if t.mark & mark::CAN_CLOSE != 0 => {
                        quotes.extend(span(tokens, o, Some(k), k, false, chain > 0));
                        open = None;
                        chain = 0;
                    }
                    // Two openers in a row: the first was stray, unless it started a quote
                    // carried over from the previous paragraph.
                    Some(_) => {
                        open = Some(k);
                        chain = 0;
                    }
                }
            }
        }
        if let Some(o) = open {
            let next_opens = paragraphs
                .get(pi + 1)
                .is_some_and(|n| is_double(&tokens[n.tok_start as usize], mark::CAN_OPEN));
            if next_opens && chain < MAX_CHAIN {
                carried = Some((o, chain + 1));
            } else if word_count(tokens, o as usize + 1, para.tok_end as usize) >= 3 {
                // Recovery: a missing closing mark ends the quote at its paragraph's end.
                quotes.extend(span(tokens, o, None, para.tok_end, false, chain > 0));
            }
        }
    }

    // Single marks, outside double quotes, within one paragraph.
    // Double quotes are in text order: one cursor walks them alongside the tokens.
    let double_count = quotes.len();
    let mut next_double = 0usize;
    let mut para_marks = 0usize;
    for para in paragraphs {
        let mut open: Option<u32> = None;
        let mut k = para.tok_start;
        // The paragraph's marks from `m` on: a jump over a double quote may pass the
        // paragraph's end, so the next paragraph finds its first mark afresh.
        while marks.get(para_marks).is_some_and(|&mk| mk < para.tok_start) {
            para_marks += 1;
        }
        let mut m = para_marks;
        while k < para.tok_end {
            // Only marks matter here: a single mark, or a double quote's opening mark to jump
            // from (the cursor catches up at the next mark).
            while marks.get(m).is_some_and(|&mk| mk < k) {
                m += 1;
            }
            match marks.get(m) {
                Some(&mk) if mk < para.tok_end => k = mk,
                _ => break,
            }
            while next_double < double_count && quotes[next_double].open_tok < k {
                next_double += 1;
            }
            if let Some(q) = quotes[..double_count].get(next_double).filter(|q| q.open_tok == k) {
                // Jump over a double quote and what it contains.
                k = q.close_tok.unwrap_or(q.end_tok) + 1;
                continue;
            }
            let t = &tokens[k as usize];
            if open.is_none() && is_single(t, mark::CAN_OPEN) {
                open = Some(k);
            } else if let Some(o) = open {
                if is_single(t, mark::CAN_CLOSE) {
                    quotes.extend(span(tokens, o, Some(k), k, true, false));
                    open = None;
                }
            }
            k += 1;
        }
    }
    quotes.sort_by_key(|q| q.open_tok);

    for q in &quotes {
        for t in &mut tokens[q.first_tok as usize..q.end_tok as usize] {
            t.shape |= shape::IN_QUOTE;
        }
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::token::tokenize;

    fn quoted(text: &str) -> Vec<String> {
        let lex = Lexicon::english();
        let (mut toks, paras) = tokenize(text, &lex);
        find_quotes(&mut toks, &paras)
            .iter()
            .map(|q| text[q.start as usize..q.end as usize].to_string())
            .collect()
    }

    #[test]
    fn pairs_marks_of_every_style() {
        let cases: &[(&str, &[&str])] = &[
            ("“Yes, I did,” he said.", &["Yes, I did,"]),
            ("\"Yes,\" he said. \"No.\"", &["Yes,", "No."]),
            ("« Oui », dit-il.", &["Oui"]),
            ("„Ja“, sagte er.", &["Ja"]),
            ("He said 'this is fine' today.", &["this is fine"]),
            ("Teigen's '90s rock 'n' roll and the Joneses' car.", &[]),
            (
                "“He called it ‘a disgrace’ on air,” she said.",
                &["He called it ‘a disgrace’ on air,"],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&quoted(text), expected, "{text}");
        }
    }

    #[test]
    fn multi_paragraph_quote_is_one_span() {
        let text = "He said: “First part of it.\n\n“Second part of it.\n\n“End of it.”\n\nAfter.";
        assert_eq!(
            quoted(text),
            vec!["First part of it.\n\n“Second part of it.\n\n“End of it."]
        );
    }

    #[test]
    fn unbalanced_marks_stay_in_their_paragraph() {
        // A stray opening mark is recovered to its paragraph's end; the next paragraph is
        // untouched.
        let text = "She said “this never closes at all.\n\nNext paragraph, “quoted here,” he said.";
        assert_eq!(quoted(text), vec!["this never closes at all.", "quoted here,"]);
        // A stray closing mark is ignored.
        assert_eq!(quoted("Odd” mark. “Real one,” she said."), vec!["Real one,"]);
        // Marks alone never panic.
        for text in ["\"", "“", "”", "'", "\"\"", "“”", "\n“\n”\n", "“ ”"] {
            let _ = quoted(text);
        }
    }
}
