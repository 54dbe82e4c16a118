//! Scripts and style sheets emptied before a page is parsed.
//!
//! On the 91 pages of the article-extraction benchmark, 29% of the HTML is JavaScript inside
//! `<script>` and 25% is CSS inside `<style>`. html5ever tokenises it a character at a time,
//! and trafilatura then removes those elements unread. [`empty_scripts_and_styles`] is one
//! pass over the markup that keeps their tags and drops what is between them. A script whose
//! type names JSON (JSON-LD, which trafilatura and [`super::dates`] read) keeps its content.
//!
//! The pass must not change how the rest of the page parses. So it ends raw text exactly where
//! the HTML tokenizer does: at `</script` or `</style` followed by white space, `/` or `>`. It
//! skips the content of the other raw-text elements and of `<noscript>`, where `<script>` is
//! text. It leaves a script alone when its text holds `<!--`, because the tokenizer's escaped
//! states may then end it elsewhere. It also leaves scripts and styles alone inside `<svg>`
//! and `<math>`, where they are parsed as markup. Where it cannot tell, it keeps the page as
//! it is.

use super::depth::{find, is_in, memchr, read_tag, Kind};
use std::borrow::Cow;

/// Raw-text elements other than `script` and `style`, whose content is skipped whole (a
/// `<script>` inside a `<textarea>` or a `<noscript>` is text).
const SKIPPED: &[&str] = &["textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// `html` with the content of its scripts (but JSON ones) and style sheets removed, their
/// tags kept; `html` itself when there is none.
///
/// ```ignore
/// let html = "<p>a</p><script>var x = '<p>';</script><style>p { color: red }</style>";
/// assert_eq!(empty_scripts_and_styles(html), "<p>a</p><script></script><style></style>");
/// ```
pub(super) fn empty_scripts_and_styles(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    // Open `<svg>` and `<math>` elements, innermost last: their scripts and styles are
    // markup. Only an end tag of the innermost closes one; anything else keeps the page
    // foreign, which only stops the emptying.
    let mut foreign: Vec<&str> = Vec::new();
    let mut at = 0usize;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        // "</" and no letter: a bogus comment up to the next ">", as the tokenizer reads it.
        if bytes.get(lt + 1) == Some(&b'/') && !bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            at = memchr(b'>', &bytes[lt + 1..]).map_or(bytes.len(), |i| lt + 1 + i + 1);
            continue;
        }
        let tag = read_tag(html, lt);
        at = tag.end;
        match tag.kind {
            Kind::Other => {}
            Kind::End { name: (a, b) } => {
                if foreign.last().is_some_and(|f| f.eq_ignore_ascii_case(&html[a..b])) {
                    foreign.pop();
                }
            }
            Kind::Start {
                name: (a, b),
                self_closing,
            } => {
                let name = &html[a..b];
                if is_in(&["svg", "math"], name) {
                    if !self_closing {
                        foreign.push(name);
                    }
                    continue;
                }
                if !foreign.is_empty() {
                    continue;
                }
                if name.eq_ignore_ascii_case("plaintext") {
                    break;
                }
                let emptied = is_in(&["script", "style"], name);
                if !emptied && !is_in(SKIPPED, name) {
                    continue;
                }
                // Raw text up to the end tag the tokenizer takes; none: the page ends in it.
                let Some(end) = raw_text_end(bytes, tag.end, name) else {
                    break;
                };
                let content = &html[tag.end..end];
                let json = name.eq_ignore_ascii_case("script")
                    && super::depth::attribute(&html[lt..tag.end], "type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("json"));
                if emptied && !json && !content.is_empty() && !content.contains("<!--") {
                    let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
                    buffer.push_str(&html[copied..tag.end]);
                    copied = end;
                }
                at = end;
            }
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            Cow::Owned(buffer)
        }
    }
}

/// Where the raw text of element `name` starting at `from` ends, as the HTML tokenizer ends
/// it: at `</name` (in any case) followed by white space, `/` or `>`; `None` when the page
/// ends first.
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let i = find(bytes, at, b"</")?;
        let after = i + 2 + name.len();
        let named = bytes
            .get(i + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if named
            && matches!(
                bytes.get(after),
                Some(b'\t' | b'\n' | b'\x0C' | b'\r' | b' ' | b'/' | b'>')
            )
        {
            return Some(i);
        }
        at = i + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_styles_are_emptied_where_the_tokenizer_reads_raw_text() {
        let cases: &[(&str, &str)] = &[
            (
                "<p>a</p><script>var x = '<p>';</script><style>p { color: red }</style><p>b</p>",
                "<p>a</p><script></script><style></style><p>b</p>",
            ),
            // JSON-LD stays: trafilatura reads it.
            (
                r#"<script type="application/ld+json">{"a": 1}</script><script TYPE=text/javascript>x()</script>"#,
                r#"<script type="application/ld+json">{"a": 1}</script><script TYPE=text/javascript></script>"#,
            ),
            // The end tag must be followed by white space, "/" or ">".
            ("<script>a</scripts>b</SCRIPT >c", "<script></SCRIPT >c"),
            // No end tag: the page ends in the script, and stays as it is.
            ("<p>a</p><script>never closed", "<p>a</p><script>never closed"),
            // "<!--" in a script: the tokenizer's escaped states; left alone.
            (
                "<script><!-- document.write('<script>x</script>') --></script><p>a</p>",
                "<script><!-- document.write('<script>x</script>') --></script><p>a</p>",
            ),
            // A script in a textarea, a title or a noscript is text.
            (
                "<textarea><script>x</script></textarea><noscript><style>y</style></noscript>",
                "<textarea><script>x</script></textarea><noscript><style>y</style></noscript>",
            ),
            // In SVG and MathML a script is markup.
            (
                "<svg><script>a<b>c</b></script></svg><script>d</script>",
                "<svg><script>a<b>c</b></script></svg><script></script>",
            ),
            // A stray end tag of another foreign element does not end the SVG.
            (
                "<svg></math><script>x</script></svg><script>y</script>",
                "<svg></math><script>x</script></svg><script></script>",
            ),
            // "</" before no letter opens a bogus comment up to ">", which may swallow a tag.
            ("</ <script>x</script> >y", "</ <script>x</script> >y"),
            // A comment hides a script tag.
            (
                "<!-- <script> -->x<script>y</script>",
                "<!-- <script> -->x<script></script>",
            ),
            // Nothing to empty: no copy.
            ("<p>plain</p>", "<p>plain</p>"),
        ];
        for (html, expected) in cases {
            assert_eq!(empty_scripts_and_styles(html), *expected, "{html}");
        }
        assert!(matches!(
            empty_scripts_and_styles("<p>a</p><script></script>"),
            Cow::Borrowed(_)
        ));
    }

    /// What trafilatura extracts from every page at hand (saywho's fixtures, and the 91 pages
    /// of the article-extraction benchmark when `../shared` is there) is the same with and
    /// without the scripts' and style sheets' text: the text, and the metadata saywho keeps.
    #[test]
    fn trafilatura_extracts_the_same_from_the_emptied_page() {
        use std::io::Read;
        use std::path::Path;
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pages = Vec::new();
        for dir in [
            root.join("tests/fixtures"),
            root.join("../../../shared/data/article-extraction/html"),
        ] {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                eprintln!("skipping {}: absent", dir.display());
                continue;
            };
            for path in entries.flatten().map(|e| e.path()) {
                let name = path.to_string_lossy().into_owned();
                let Ok(bytes) = std::fs::read(&path) else { continue };
                let mut html = String::new();
                if name.ends_with(".gz") {
                    if flate2::read::GzDecoder::new(&bytes[..])
                        .read_to_string(&mut html)
                        .is_err()
                    {
                        continue;
                    }
                } else if name.ends_with(".html") {
                    html = String::from_utf8_lossy(&bytes).into_owned();
                } else {
                    continue;
                }
                pages.push((name, html));
            }
        }
        let mut emptied = 0;
        for (name, html) in &pages {
            let lean = empty_scripts_and_styles(html);
            emptied += usize::from(matches!(lean, Cow::Owned(_)));
            let run = |page: &str| {
                super::super::main_content(page).ok().flatten().map(|(result, text)| {
                    let m = result.metadata;
                    (text, m.title, m.author, m.sitename, m.url)
                })
            };
            assert_eq!(run(html), run(&lean), "{name}");
        }
        assert!(
            emptied >= 2,
            "only {emptied} of {} pages had a script or a style to empty",
            pages.len()
        );
    }
}
