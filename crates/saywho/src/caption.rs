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

/// Most words of a caption: a sentence or two under a picture, not a paragraph of the story.
const MAX_CAPTION_WORDS: usize = 60;

/// Is paragraph `para` of `doc` a photo caption: a short paragraph, not the document's only
/// one, that ends (perhaps before a period) with a bracketed credit of capitalised words only,
/// with a name of two words or more on one side of a slash ("(Steve Lawrence/CBC)",
/// "(Instagram/Darian Lonechild)"; not "(D/Calif.)", "(AC/DC)", "(Israel/Gaza)" or
/// "(Reporting by John Doe/Editing by Jane Roe)")?
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
    let cap_word = |t: &crate::token::Token| t.kind == TokenKind::Word && t.is_cap();
    if credit.iter().any(|t| t.kind == TokenKind::Word && !t.is_cap()) {
        return false;
    }
    // Capitalised words on both sides of a slash, two or more on one side (a name).
    let photographer = (1..credit.len().saturating_sub(1))
        .filter(|&i| credit[i].is_punct(b'/') && cap_word(&credit[i - 1]) && cap_word(&credit[i + 1]))
        .any(|i| i >= 2 && cap_word(&credit[i - 2]) || credit.get(i + 2).is_some_and(&cap_word));
    let words = tokens[..open].iter().filter(|t| t.kind == TokenKind::Word).count();
    photographer && (1..=MAX_CAPTION_WORDS).contains(&words) && doc.paragraphs.len() > 1
}
