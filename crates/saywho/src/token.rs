//! Tokenisation and paragraphs: one pass over the text, one flat array of tokens.
//!
//! A token is a word, a number, a quotation mark, a dash or another punctuation character,
//! with byte offsets into the text and the [`WordInfo`] its word has in the lexicon. Every
//! newline ends a paragraph; paragraphs are token ranges.

use crate::lexicon::{flag, Lexicon, WordInfo};

mod alnum;
mod word;
use word::{plain_word_token, scan_word, word_token};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A run of letters and digits, with inner apostrophes, hyphens and periods, whose first
    /// letter or digit is not an ASCII digit ("Teigen's", "U.S", "then-Surrey", "'em").
    Word,
    /// A word whose first letter or digit is an ASCII digit ("3.5", "1.13bn", "'90s"); it gets
    /// no lexicon entry.
    Number,
    /// A quotation mark or an apostrophe that may act as one; see [`mark`].
    QuoteMark,
    /// "--", "—", "–", "―", or a hyphen standing alone.
    Dash,
    /// Any other character that is not a letter, digit or space, one per token (".", ",",
    /// "$", "…").
    Punct,
}

/// Bits of [`Token::shape`].
pub mod shape {
    /// Starts with an upper-case letter.
    pub const CAP: u8 = 1;
    /// Two or more letters, all upper case.
    pub const ALL_CAPS: u8 = 1 << 1;
    /// Ends in "'s" or "’s" (the lexicon entry is that of the word without it).
    pub const POSSESSIVE: u8 = 1 << 2;
    /// First token of its sentence (set by the sentence splitter).
    pub const SENT_START: u8 = 1 << 3;
    /// Inside a quotation (set when quotations are found).
    pub const IN_QUOTE: u8 = 1 << 4;
    /// In a headline: a short title-cased line with no sentence punctuation.
    pub const HEADLINE: u8 = 1 << 5;
    /// In a title-cased line of four words or more ("Trump Says He Never Pledged To …"),
    /// with or without a final stop: a capitalised reporting verb there may be the verb.
    pub const TITLE_CASED: u8 = 1 << 6;
}

/// Bits of [`Token::mark`] for quotation marks.
pub mod mark {
    /// A double mark: '"', '“', '”', '„', '‟', '«', '»', or a doubled single mark
    /// ("''", "``") standing for one.
    pub const DOUBLE: u8 = 1;
    /// A single mark: "'", '‘', '’', '‚', '‹', '›'.
    pub const SINGLE: u8 = 1 << 1;
    /// Its shape or context lets it open a quotation.
    pub const CAN_OPEN: u8 = 1 << 2;
    /// Its shape or context lets it close a quotation.
    pub const CAN_CLOSE: u8 = 1 << 3;
}

/// One token. 24 bytes; a document's tokens are one `Vec`.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Byte offset of the token's first byte in the text.
    pub start: u32,
    /// Byte offset just past the token (end-exclusive).
    pub end: u32,
    /// What the token is.
    pub kind: TokenKind,
    /// Bits of [`shape`]: capitals, possessive, and the flags later stages set (sentence
    /// start, inside a quotation, headline).
    pub shape: u8,
    /// Bits of [`mark`] for a [`TokenKind::QuoteMark`]: which family and which directions it
    /// may take. Zero for every other kind.
    pub mark: u8,
    /// The first byte of the token (the punctuation character for one-byte punctuation).
    pub first: u8,
    /// What the lexicon knows of the word: looked up once, at tokenisation, by its form without
    /// a possessive "'s" (or by the word before a contraction such as "'re", "n't", when that is
    /// known), with the [`form`](crate::lexicon::form) bits of its spelling. Numbers get only those;
    /// marks and punctuation nothing.
    pub info: WordInfo,
}

impl Token {
    /// The token's text.
    #[inline]
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start as usize..self.end as usize]
    }
    /// The word without its possessive ending ("Teigen's" → "Teigen").
    // Always inlined, the search for the ending out of line: called for most capitalised
    // words by the name finder and coreference (some 400,000 times on BBC news), nearly all
    // without the ending, the call cost more than the test.
    #[inline(always)]
    pub fn base<'t>(&self, text: &'t str) -> &'t str {
        let t = self.text(text);
        if self.shape & shape::POSSESSIVE != 0 {
            without_possessive_ending(t)
        } else {
            t
        }
    }
    /// Is the token a [`TokenKind::Word`]? (Numbers are not.)
    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    /// Does it start with an upper-case letter ([`shape::CAP`])? Also true of a particle name
    /// such as "al-Shabaab".
    #[inline]
    pub fn is_cap(&self) -> bool {
        self.shape & shape::CAP != 0
    }
    /// Is it a pronoun in the subject case, of any person ("he", "they", "I", "we")?
    #[inline]
    pub fn is_subject_pronoun(&self) -> bool {
        self.kind == TokenKind::Word
            && self.is(crate::lexicon::flag::PRONOUN)
            && self.info.case == Some(crate::lexicon::Case::Subject)
    }
    /// Does it name a possessor before a noun: a possessive pronoun, "her", or a word with a
    /// possessive ending ("Clinton's")? With a determiner, what makes the next word a noun.
    #[inline]
    pub fn is_possessor(&self) -> bool {
        self.info.case == Some(crate::lexicon::Case::Possessive)
            || self.is(crate::lexicon::flag::OBJECT_OR_POSSESSIVE)
            || self.shape & shape::POSSESSIVE != 0
    }
    /// Is it a possessive pronoun ("his", "their"; "her" before a noun is resolved later)?
    #[inline]
    pub fn is_possessive_pronoun(&self) -> bool {
        self.is(crate::lexicon::flag::PRONOUN) && self.info.case == Some(crate::lexicon::Case::Possessive)
    }
    /// Is it a past tense or participle, regular ("added") or irregular ("said")?
    #[inline]
    pub fn is_past(&self) -> bool {
        self.has_form(crate::lexicon::form::PAST) || self.is(crate::lexicon::flag::IRREGULAR_PAST)
    }
    /// True when the word's lexicon entry has any of `mask`'s [`flag`] bits.
    #[inline]
    pub fn is(&self, mask: u64) -> bool {
        self.info.is(mask)
    }
    /// Is it a [`TokenKind::Punct`] whose first byte is `c`? Meant for ASCII punctuation.
    #[inline]
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == TokenKind::Punct && self.first == c
    }
    /// Is it inside a quoted span ([`shape::IN_QUOTE`], set by [`crate::marks::find_quotes`])?
    /// The marks that open and close the span are not.
    #[inline]
    pub fn in_quote(&self) -> bool {
        self.shape & shape::IN_QUOTE != 0
    }
    /// Does its spelling end in any of `mask`'s [`form`](crate::lexicon::form) bits ("-ing", "-ly")?
    #[inline]
    pub fn has_form(&self, mask: u8) -> bool {
        self.info.form & mask != 0
    }
    /// Ends a sentence: ".", "!", "?" or "…".
    #[inline]
    pub fn is_terminal(&self) -> bool {
        self.kind == TokenKind::Punct
            && (matches!(self.first, b'.' | b'!' | b'?') || self.end - self.start == 3 && self.first == 0xE2)
    }
}

/// A paragraph: a line of the text, as byte and token ranges.
#[derive(Debug, Clone, Copy)]
pub struct Paragraph {
    /// Byte offset where the line starts (just after the previous newline, leading spaces
    /// included).
    pub start: u32,
    /// Byte offset of the newline that ends it, or the text's length (end-exclusive).
    pub end: u32,
    /// Index of its first token.
    pub tok_start: u32,
    /// Index just past its last token (end-exclusive); always more than `tok_start`, as
    /// lines without tokens are not paragraphs.
    pub tok_end: u32,
}

/// `word` without its possessive ending: the lexicon's possessive endings start with their
/// only apostrophe (checked when its tables are read), so the ending starts at the word's last
/// apostrophe.
#[inline(never)]
fn without_possessive_ending(word: &str) -> &str {
    word.rfind(['\'', '’']).map_or(word, |i| &word[..i])
}

fn quote_kind(c: char) -> Option<(u8, u8)> {
    // (double-or-single, the shape's own direction)
    use mark::*;
    Some(match c {
        '"' => (DOUBLE, CAN_OPEN | CAN_CLOSE),
        '“' | '„' | '‟' | '«' => (DOUBLE, CAN_OPEN),
        '”' | '»' => (DOUBLE, CAN_CLOSE),
        '\'' => (SINGLE, CAN_OPEN | CAN_CLOSE),
        '‘' | '‚' | '‹' => (SINGLE, CAN_OPEN),
        '’' | '›' => (SINGLE, CAN_CLOSE),
        _ => return None,
    })
}

/// Does `rest`, just after an apostrophe, start a word the apostrophe may begin ("'90s",
/// "rock 'n' roll", "'em")? Looks at six letters or digits at most.
fn is_elision(rest: &str, lex: &Lexicon) -> bool {
    let end = rest
        .char_indices()
        .take_while(|(_, c)| c.is_alphanumeric())
        .take(6)
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    lex.lookup(&rest[..end]).is(flag::ELISION) || rest.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Splits `text` into tokens and paragraphs.
pub fn tokenize(text: &str, lex: &Lexicon) -> (Vec<Token>, Vec<Paragraph>) {
    let (tokens, paragraphs, _) = tokenize_with_marks(text, lex);
    (tokens, paragraphs)
}

/// [`tokenize`], with the indices of the [`TokenKind::QuoteMark`] tokens in order, noted as
/// they are made (for [`crate::marks::find_quotes_among`]): a pass over every token to find
/// them again cost some 9 million instructions on BBC news, for a few marks in a hundred tokens.
pub(crate) fn tokenize_with_marks(text: &str, lex: &Lexicon) -> (Vec<Token>, Vec<Paragraph>, Vec<u32>) {
    let bytes = text.as_bytes();
    // One token in four bytes at most for nearly every news text: BBC news averages one in
    // five, and a fifth regrew the list (copying it whole) for 266 of its 2,225 documents.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4 + 8);
    let mut paragraphs: Vec<Paragraph> = Vec::with_capacity(text.len() / 300 + 4);
    let mut marks: Vec<u32> = Vec::new();
    let mut para_start: u32 = 0;
    let mut para_tok: u32 = 0;
    let mut i = 0usize;
    let n = text.len();

    let char_at = |i: usize| -> Option<char> { text.get(i..).and_then(|s| s.chars().next()) };
    let char_before = |i: usize| -> Option<char> { text.get(..i).and_then(|s| s.chars().next_back()) };

    while i < n {
        let b = bytes[i];
        if b == b'\n' {
            close_paragraph(&mut paragraphs, para_start, i, para_tok, tokens.len());
            i += 1;
            para_start = i as u32;
            para_tok = tokens.len() as u32;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // An ASCII letter or digit starts a word (as the general test below would say).
        if b.is_ascii_alphanumeric() {
            // Pushed as made, and not read back, so that it is written straight into the list;
            // a push in each arm, as a token shared by both was built field by field in a
            // stack slot (where `word_token` returns its own) and then read back whole.
            let (end, run) = scan_word(text, i);
            match run {
                Some(run) => tokens.push(plain_word_token(text, i, end, &run, lex)),
                None => tokens.push(word_token(text, i, end, lex)),
            }
            // The space after most words, passed over here rather than by a turn of the loop.
            i = end + usize::from(bytes.get(end) == Some(&b' '));
            continue;
        }
        // Printable ASCII punctuation other than the marks and the hyphen ("." "," ":" "(")
        // is a token of its own, as the general tests below would say, without decoding a
        // char and asking them.
        if b.is_ascii_graphic() && !matches!(b, b'"' | b'\'' | b'`' | b'-') {
            tokens.push(punct(i, i + 1, TokenKind::Punct, b));
            i += 1;
            continue;
        }
        let Some(c) = char_at(i) else { break };
        let clen = c.len_utf8();
        // Zero-width and soft-hyphen characters are invisible: treat them as space.
        if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}') {
            i += clen;
            continue;
        }
        if c.is_alphanumeric() {
            let (end, _) = scan_word(text, i);
            tokens.push(word_token(text, i, end, lex));
            i = end;
            continue;
        }
        // Doubled single marks (''quoted'' or ``quoted'') stand for a double quotation mark in
        // some newspapers' text.
        let doubled = matches!(c, '\'' | '’' | '`' | '‘') && text[i + clen..].starts_with(c);
        let mark_kind = if doubled {
            let own = if matches!(c, '`' | '‘') {
                mark::CAN_OPEN
            } else {
                mark::CAN_OPEN | mark::CAN_CLOSE
            };
            Some((mark::DOUBLE, own))
        } else {
            quote_kind(c)
        };
        if let Some((family, own)) = mark_kind {
            let clen = if doubled { clen * 2 } else { clen };
            let prev = char_before(i);
            let next = char_at(i + clen);
            // An apostrophe that starts an elided word belongs to that word.
            if family == mark::SINGLE
                && c != '‘'
                && prev.is_none_or(|p| !p.is_alphanumeric())
                && is_elision(&text[i + clen..], lex)
            {
                let (end, _) = scan_word(text, i + clen);
                tokens.push(word_token(text, i, end, lex));
                i = end;
                continue;
            }
            // Inches: 5'10" or 6" after a digit are measures, not quotation marks.
            let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
            if !(after_digit && (c == '"' || c == '\'')) {
                let prev_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
                let next_space = next.is_none_or(|p| p.is_whitespace() || ".,;:!?)]}—–…".contains(p));
                let m = mark_flags(family, own, prev_space, next_space);
                marks.push(tokens.len() as u32);
                tokens.push(Token {
                    start: i as u32,
                    end: (i + clen) as u32,
                    kind: TokenKind::QuoteMark,
                    shape: 0,
                    mark: m,
                    first: b,
                    info: WordInfo::default(),
                });
                i += clen;
                continue;
            }
        }
        // Dashes: "--", "—", "–", the horizontal bar "―" that signs quotations, or a lone
        // hyphen between spaces.
        if matches!(c, '—' | '–' | '―') || (c == '-' && bytes.get(i + 1) == Some(&b'-')) {
            let mut end = i + clen;
            while end < n && matches!(char_at(end), Some('-' | '—' | '–' | '―')) {
                end += char_at(end).map_or(1, char::len_utf8);
            }
            tokens.push(punct(i, end, TokenKind::Dash, b));
            i = end;
            continue;
        }
        let kind = if c == '-' && char_before(i).is_some_and(char::is_whitespace) {
            TokenKind::Dash
        } else {
            TokenKind::Punct
        };
        tokens.push(punct(i, i + clen, kind, b));
        i += clen;
    }
    close_paragraph(&mut paragraphs, para_start, n, para_tok, tokens.len());
    mark_headlines(text, &mut tokens, &paragraphs, lex);
    (tokens, paragraphs, marks)
}

/// The flags of a quotation mark of `family` whose own shape allows `own` (opening, closing or
/// both), from the spaces around it: context decides for straight marks and corrects misused
/// curly ones.
fn mark_flags(family: u8, own: u8, prev_space: bool, next_space: bool) -> u8 {
    let mut m = family;
    // Context decides for straight marks and corrects misused curly ones.
    let left_flanking = prev_space && !next_space;
    let right_flanking = !prev_space && next_space;
    if own == mark::CAN_OPEN | mark::CAN_CLOSE {
        if left_flanking || (prev_space && next_space) {
            m |= mark::CAN_OPEN;
        }
        if right_flanking || (!prev_space && !next_space) || (prev_space && next_space) {
            m |= mark::CAN_CLOSE;
        }
        if m & (mark::CAN_OPEN | mark::CAN_CLOSE) == 0 {
            m |= mark::CAN_OPEN | mark::CAN_CLOSE;
        }
    } else {
        m |= own;
        if own == mark::CAN_OPEN && right_flanking {
            m |= mark::CAN_CLOSE;
            m &= !mark::CAN_OPEN;
        }
        if own == mark::CAN_CLOSE && left_flanking && family == mark::DOUBLE {
            m |= mark::CAN_OPEN;
            m &= !mark::CAN_CLOSE;
        }
    }
    m
}

/// Ends the paragraph that started at byte `start` and token `tok_start`, unless it holds no
/// token (a blank line).
fn close_paragraph(paragraphs: &mut Vec<Paragraph>, start: u32, end: usize, tok_start: u32, tok_end: usize) {
    if tok_end as u32 > tok_start {
        paragraphs.push(Paragraph {
            start,
            end: end as u32,
            tok_start,
            tok_end: tok_end as u32,
        });
    }
}

/// Marks the tokens of title-cased lines without final punctuation ("John Legend Pens
/// Heartfelt Note to Chrissy Teigen"), where capitals say nothing about names and verbs, as
/// [`shape::HEADLINE`], and those of every title-cased line, final stop or not, as
/// [`shape::TITLE_CASED`].
fn mark_headlines(text: &str, tokens: &mut [Token], paragraphs: &[Paragraph], lex: &Lexicon) {
    if paragraphs.len() < 2 {
        return;
    }
    for (pi, p) in paragraphs.iter().enumerate() {
        let toks = &tokens[p.tok_start as usize..p.tok_end as usize];
        let words = toks.iter().filter(|t| t.kind == TokenKind::Word);
        let (n, caps, all_caps) = words.fold((0, 0, 0), |(n, c, a), t| {
            (
                n + 1,
                c + usize::from(t.is_cap()),
                a + usize::from(t.shape & shape::ALL_CAPS != 0),
            )
        });
        // "HOW MUCH WILL PARTIES ACTUALLY CAMPAIGN ON THE ISSUE?": a subhead in capitals.
        let shouted = n >= 2 && all_caps * 10 >= n * 7;
        let ends_sentence = toks
            .last()
            .is_some_and(|t| t.is_terminal() || t.kind == TokenKind::QuoteMark);
        // "READ MORE: …", "WATCH: …": links to other stories.
        let link_label = toks.first().is_some_and(|t| t.shape & shape::ALL_CAPS != 0)
            && toks
                .iter()
                .take(4)
                .position(|t| t.is_punct(b':'))
                .is_some_and(|c| toks[..c].iter().all(|t| t.shape & shape::ALL_CAPS != 0));
        let title_cased = n >= 4 && caps * 10 >= n * 7;
        // Subheads: short lines without sentence punctuation ("Overstating the debt"). A short
        // line with a reporting verb that ends in a colon before a paragraph opening with a
        // quotation mark is none ("Smith said:", "Prime Minister Justin Trudeau said:"): it
        // introduces that quotation. (Not with the verb capitalised, "Boris Johnson Says:", a
        // headline's; nor when a wh-word asks or announces it: "What they said:", "Here is
        // what residents told us:"; a relative one after a comma is the subject's: "Lee, who
        // chairs it, said:".)
        let quotation_next = paragraphs
            .get(pi + 1)
            .and_then(|next| tokens.get(next.tok_start as usize))
            .is_some_and(|t| t.kind == TokenKind::QuoteMark);
        let introduces = quotation_next
            && toks.last().is_some_and(|t| t.is_punct(b':'))
            && toks.iter().any(|t| t.is(flag::CUE) && !t.is_cap())
            && !toks
                .iter()
                .enumerate()
                .any(|(i, t)| t.is(flag::WH) && (i == 0 || !toks[i - 1].is_punct(b',')));
        let subhead = n <= 6;
        // "Story continues below advertisement.": a short line that says nothing of anyone.
        let filler = n <= 6
            && !toks
                .iter()
                .any(|t| t.is(flag::CUE | flag::PRONOUN) || t.kind == TokenKind::QuoteMark);
        // Page furniture that news text carries along ("Story continues below").
        let furniture = n <= 8 && lex.has_page_furniture(&text[p.start as usize..p.end as usize].to_ascii_lowercase());
        // "THE DAY IN ASIA: Strong earnings buoyed … in Malaysia.": a label opening a paragraph
        // of news sentences; only the label is furniture. "READ MORE: Trudeau says …" (no final
        // stop) is a link.
        let link_word = toks.first().is_some_and(|t| t.is(flag::LINK_LABEL));
        if link_label && !link_word && n > 8 && ends_sentence && !shouted {
            let colon = toks.iter().position(|t| t.is_punct(b':')).unwrap_or(0);
            for t in &mut tokens[p.tok_start as usize..p.tok_start as usize + colon + 1] {
                t.shape |= shape::HEADLINE;
            }
            continue;
        }
        if link_label || filler || furniture || shouted || (title_cased || subhead) && !ends_sentence && !introduces {
            for t in &mut tokens[p.tok_start as usize..p.tok_end as usize] {
                t.shape |= shape::HEADLINE;
            }
        }
        if title_cased {
            for t in &mut tokens[p.tok_start as usize..p.tok_end as usize] {
                t.shape |= shape::TITLE_CASED;
            }
        }
    }
}

fn punct(start: usize, end: usize, kind: TokenKind, first: u8) -> Token {
    Token {
        start: start as u32,
        end: end as u32,
        kind,
        shape: 0,
        mark: 0,
        first,
        info: WordInfo::default(),
    }
}

/// How many words and numbers tokens `a..b` hold (none when the range is empty or reversed).
pub fn word_count(tokens: &[Token], a: usize, b: usize) -> usize {
    tokens
        .get(a..b)
        .unwrap_or_default()
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let lex = Lexicon::english();
        let (toks, _) = tokenize(text, &lex);
        toks.iter().map(|t| t.text(text).to_string()).collect()
    }

    #[test]
    fn splits_words_and_keeps_apostrophes() {
        let cases: &[(&str, &[&str])] = &[
            ("Teigen's strength", &["Teigen's", "strength"]),
            ("the '90s were", &["the", "'90s", "were"]),
            ("rock 'n' roll", &["rock", "'n", "'", "roll"]),
            ("We’ve felt", &["We’ve", "felt"]),
            ("the U.S. said", &["the", "U.S", ".", "said"]),
            ("$1.13bn profit", &["$", "1.13bn", "profit"]),
            ("then-Surrey mayor", &["then-Surrey", "mayor"]),
            ("Teigen -- who", &["Teigen", "--", "who"]),
            ("5'10\" tall", &["5", "'", "10", "\"", "tall"]),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "{text}");
        }
    }

    #[test]
    fn ascii_punctuation_is_one_token_each() {
        let lex = Lexicon::english();
        for b in (0x21u8..0x7F).filter(|b| !b.is_ascii_alphanumeric() && !b"\"'`-".contains(b)) {
            let text = format!("x {0}{0} y", char::from(b));
            let (toks, _) = tokenize(&text, &lex);
            let kinds: Vec<TokenKind> = toks.iter().map(|t| t.kind).collect();
            use TokenKind::*;
            assert_eq!(kinds, [Word, Punct, Punct, Word], "{text}");
            assert!(
                toks[1..3].iter().all(|t| t.first == b && t.end - t.start == 1),
                "{text}"
            );
        }
    }

    #[test]
    fn marks_get_directions_from_context() {
        let lex = Lexicon::english();
        let text = "He said \"yes,\" and “no” then 'fine'.";
        let (toks, _) = tokenize(text, &lex);
        let marks: Vec<u8> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::QuoteMark)
            .map(|t| t.mark & (mark::CAN_OPEN | mark::CAN_CLOSE))
            .collect();
        use mark::*;
        assert_eq!(
            marks,
            vec![CAN_OPEN, CAN_CLOSE, CAN_OPEN, CAN_CLOSE, CAN_OPEN, CAN_CLOSE]
        );
        // 5'10": both marks are measures.
        let (toks, _) = tokenize("He is 5'10\" tall", &lex);
        assert!(toks.iter().all(|t| t.kind != TokenKind::QuoteMark));
    }

    #[test]
    fn paragraphs_are_lines_with_tokens() {
        let lex = Lexicon::english();
        let text = "One two.\n\n  \nThree.\nFour";
        let (_, paras) = tokenize(text, &lex);
        let spans: Vec<&str> = paras.iter().map(|p| &text[p.start as usize..p.end as usize]).collect();
        assert_eq!(spans, vec!["One two.", "Three.", "Four"]);
    }

    #[test]
    fn possessive_names_look_up_their_base() {
        let lex = Lexicon::english();
        let text = "the singer's wife and she's";
        let (toks, _) = tokenize(text, &lex);
        assert!(toks[1].shape & shape::POSSESSIVE != 0);
        assert!(toks[1].is(flag::ROLE_PERSON));
        assert_eq!(toks[1].base(text), "singer");
        assert!(toks[4].shape & shape::POSSESSIVE == 0);
    }
}
