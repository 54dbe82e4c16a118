//! Photo captions inside an article's text: a paragraph that ends with a photo credit in
//! brackets, the photographer and the agency or outlet written with a slash ("Golden said she
//! looked for the co-worker. (Steve Lawrence/CBC)", "… in Dublin. ( Peter Lee / Waterloo
//! Region Record )").
//!
//! Pages put a caption under each picture, and a text taken from a page keeps it as a
//! paragraph of its own. What a caption says someone said is the article's own quotation
//! again, shortened ("Minister Seamus O'Regan said future benefits would not be provided"),
//! or a summary: counted as a quotation, it counts one voice twice. The Gender Gap Tracker's
//! annotators leave captions out; so does the engine.

use crate::doc::Doc;
use crate::token::TokenKind;

/// Most tokens inside a credit's brackets: "(Robyn Beck/Bloomberg News / Robyn Beck/Bloomberg
/// News)" has 11.
const MAX_CREDIT_TOKENS: usize = 16;

/// Is paragraph `para` of `doc` a photo caption: text, then a bracketed credit that ends it
/// (perhaps followed by a period), holding a slash between capitalised words?
///
/// ```
/// let engine = saywho::Engine::new();
/// let doc = engine.analyze("Golden said she looked for the co-worker. (Steve Lawrence/CBC)\nShe said more.").unwrap();
/// assert!(saywho::caption::is_caption(&doc, 0));
/// assert!(!saywho::caption::is_caption(&doc, 1));
/// ```
pub fn is_caption(doc: &Doc, para: usize) -> bool {
    let Some(p) = doc.paragraphs.get(para) else {
        return false;
    };
    let tokens = &doc.tokens[p.tok_start as usize..p.tok_end as usize];
    let mut end = tokens.len();
    if end > 0 && tokens[end - 1].is_punct(b'.') {
        end -= 1;
    }
    if end == 0 || !tokens[end - 1].is_punct(b')') {
        return false;
    }
    let close = end - 1;
    let Some(open) = (close.saturating_sub(MAX_CREDIT_TOKENS)..close)
        .rev()
        .find(|&i| tokens[i].is_punct(b'('))
    else {
        return false;
    };
    let credit = &tokens[open + 1..close];
    let slash_between_names = credit.windows(3).any(|w| {
        w[1].is_punct(b'/')
            && w[0].kind == TokenKind::Word
            && w[0].is_cap()
            && w[2].kind == TokenKind::Word
            && w[2].is_cap()
    });
    let text_before = tokens[..open].iter().any(|t| t.kind == TokenKind::Word);
    slash_between_names && text_before
}
