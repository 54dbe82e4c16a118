//! The article body a page marks itself: the element with schema.org's microdata property
//! `itemprop="articleBody"` (<https://schema.org/articleBody>), which news publishers put on
//! the element that holds the story so that search engines can find it.
//!
//! trafilatura judges each block by its text and markup alone, and two things go wrong on
//! pages that carry the mark: it keeps blocks outside the marked body (a "more stories"
//! list, an author box), and on some layouts it misses the body altogether (paragraphs as
//! `<div>`s among video players). The mark is the publisher's own statement of where the
//! article is, so [`reconcile`] uses it as a boundary: when trafilatura's text holds most of
//! the marked body, its lines outside the body are dropped; when it holds little of it, the
//! body's own text replaces it. Pages without the mark (most pages) are left as they are.
//!
//! The element is found by one scan of the markup (the tag reader of [`super::depth`]), and
//! only its inside is parsed, so a page pays a `memmem` search unless it has the mark.

use super::depth::{self, find, read_tag, Kind};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// The property's value, as schema.org spells it (microdata values are case-sensitive).
const PROPERTY: &str = "articleBody";

/// Fewest words in a marked body worth trusting: a mark on a teaser or an empty shell says
/// little about where the story is.
const MIN_BODY_WORDS: usize = 50;

/// The share of the marked body's word 4-grams that trafilatura's text must hold for its
/// lines to be kept (filtered to the body); below it, trafilatura found some other part of
/// the page, and the body's own text is the article.
const MIN_BODY_COVERED: f64 = 0.5;

/// The share of a line's word 4-grams that must lie in the marked body for the line to stay.
const MIN_LINE_IN_BODY: f64 = 0.5;

/// Words in a shingle (the article-extraction benchmark's unit too).
const SHINGLE: usize = 4;

/// Elements inside a marked body whose text is not the article's: scripts and styles,
/// embedded media and their captions, asides, navigation and forms.
pub(super) const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "figure", "aside", "nav", "form", "button", "svg", "iframe",
];

/// `text` (trafilatura's, one paragraph a line) checked against the body `html` marks with
/// `itemprop="articleBody"`; `text` itself when the page has no such body of at least
/// [`MIN_BODY_WORDS`] words.
pub(super) fn reconcile(html: &str, text: String) -> String {
    let Some(inner) = marked_body(html) else {
        return text;
    };
    let body_text = super::paragraphs_without(inner, NOT_TEXT);
    let body = shingles(&body_text);
    if words(&body_text).count() < MIN_BODY_WORDS || body.is_empty() {
        return text;
    }
    let covered = shingles(&text).intersection(&body).count() as f64 / body.len() as f64;
    if covered < MIN_BODY_COVERED {
        return if body_text.lines().any(super::is_prose) {
            body_text
        } else {
            text
        };
    }
    let kept: Vec<&str> = text.lines().filter(|line| in_body(line, &body)).collect();
    if kept.iter().any(|line| super::is_prose(line)) {
        kept.join("\n")
    } else {
        text
    }
}

/// Whether a line of trafilatura's text belongs to the body: a line of under [`SHINGLE`] words
/// (a heading, a byline) cannot be judged by its 4-grams and stays.
fn in_body(line: &str, body: &HashSet<u64>) -> bool {
    if words(line).count() < SHINGLE {
        return true;
    }
    let own = shingles(line);
    let inside = own.iter().filter(|s| body.contains(s)).count();
    inside as f64 >= MIN_LINE_IN_BODY * own.len() as f64
}

/// The inside (between its tags) of the first element marked `itemprop="articleBody"`, or
/// `None`. An element never closed runs to the end of the page, as a browser reads it.
fn marked_body(html: &str) -> Option<&str> {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(hit) = find(bytes, at, PROPERTY.as_bytes()) {
        at = hit + PROPERTY.len();
        let Some(lt) = memchr::memrchr(b'<', &bytes[..hit]) else {
            continue;
        };
        let tag = read_tag(html, lt);
        let Kind::Start { name, self_closing } = tag.kind else {
            continue;
        };
        let name = &html[name.0..name.1];
        // The hit must lie inside this start tag, as the value of its `itemprop`.
        if tag.end <= hit || self_closing || depth::is_in(depth::VOID, name) || !has_property(&html[lt..tag.end]) {
            continue;
        }
        return Some(&html[tag.end..element_end(html, tag.end, name)]);
    }
    None
}

/// Whether a start tag's `itemprop` lists [`PROPERTY`] (the attribute holds a space-separated
/// list of properties).
fn has_property(tag: &str) -> bool {
    depth::attribute(tag, "itemprop").is_some_and(|value| value.split_whitespace().any(|p| p == PROPERTY))
}

/// Where the element `name` whose content starts at `from` ends: at the `<` of the end tag
/// that balances it (elements of the same name nest), skipping comments and raw text.
pub(super) fn element_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut open = 1usize;
    let mut at = from;
    while let Some(lt) = depth::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let tag = read_tag(html, lt);
        at = tag.end;
        match tag.kind {
            Kind::Start { name: n, self_closing } => {
                let n = &html[n.0..n.1];
                if depth::is_in(depth::RAW_TEXT, n) && !self_closing {
                    at = depth::raw_text_end(html, at, n);
                } else if n.eq_ignore_ascii_case(name) && !self_closing {
                    open += 1;
                }
            }
            Kind::End { name: n } if html[n.0..n.1].eq_ignore_ascii_case(name) => {
                open -= 1;
                if open == 0 {
                    return lt;
                }
            }
            _ => {}
        }
    }
    bytes.len()
}

/// The words of a text as the article-extraction benchmark counts them: runs of letters,
/// digits and `_`.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Hashes of a text's lower-cased word 4-grams (a text of fewer words gives one, of all its
/// words).
fn shingles(text: &str) -> HashSet<u64> {
    let words: Vec<String> = words(text).map(str::to_lowercase).collect();
    if words.is_empty() {
        return HashSet::new();
    }
    let width = SHINGLE.min(words.len());
    words
        .windows(width)
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(words: usize) -> String {
        (0..words).map(|i| format!("word{i}")).collect::<Vec<_>>().join(" ") + "."
    }

    #[test]
    fn the_marked_element_is_found_with_its_nested_children() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                r#"<div itemprop="articleBody"><div>a</div>b</div><div>c</div>"#,
                Some("<div>a</div>b"),
            ),
            (
                r#"<section itemprop='articleBody text'><p>a</p></section>"#,
                Some("<p>a</p>"),
            ),
            (
                r#"<div itemprop=articleBody>a<!-- </div> -->b</div>"#,
                Some("a<!-- </div> -->b"),
            ),
            (
                r#"<div itemprop="articleBody"><script>"</div>"</script>a</div>"#,
                Some(r#"<script>"</div>"</script>a"#),
            ),
            // Never closed: to the end of the page.
            (r#"<div itemprop="articleBody"><p>a"#, Some("<p>a")),
            // The name in text, in JSON-LD, or in another attribute is no mark.
            (r#"<p>articleBody</p><script>{"articleBody": "x"}</script>"#, None),
            (r#"<div class="articleBody">a</div>"#, None),
            (r#"<meta itemprop="articleBody" content="x">"#, None),
        ];
        for (html, expected) in cases {
            assert_eq!(marked_body(html), *expected, "{html}");
        }
    }

    #[test]
    fn lines_outside_the_body_are_dropped_and_a_missed_body_is_taken() {
        let body = story(80);
        let page = format!(r#"<div itemprop="articleBody"><p>{body}</p><figure>Photo credit here.</figure></div>"#);
        let outside = "Read these other stories from our site about something else entirely.";
        // trafilatura kept the body and a block outside it: the block goes, a heading stays.
        let text = format!("Short heading\n{body}\n{outside}");
        assert_eq!(reconcile(&page, text), format!("Short heading\n{body}"));
        // trafilatura found something else: the body's own text, without the figure's.
        assert_eq!(reconcile(&page, outside.to_string()), body);
        // No mark, or a mark on a few words: trafilatura's text as it was.
        let small = r#"<div itemprop="articleBody"><p>Only a teaser here.</p></div>"#;
        assert_eq!(reconcile(small, outside.to_string()), outside);
        assert_eq!(reconcile("<p>x</p>", outside.to_string()), outside);
    }
}
