//! The text of HTML, one block element a line, as the engine reads it (quotes carry over
//! paragraphs): from a fragment of markup, or from a tree trafilatura already parsed.

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "section",
    "article",
    "header",
    "footer",
    "figcaption",
    "table",
    "ul",
    "ol",
    "dl",
    "hr",
    "main",
    "aside",
];

/// The text of an HTML fragment, one block element a line, whitespace collapsed.
///
/// ```
/// let html = "<h1>Title</h1><p>One  <b>two</b>\nthree.</p><ul><li>Four</li></ul>";
/// assert_eq!(saywho_io::paragraphs(html), "Title\nOne two three.\nFour");
/// ```
pub fn paragraphs(html: &str) -> String {
    paragraphs_without(html, &[])
}

/// [`paragraphs`] without the text inside the elements named in `skipped`.
pub(crate) fn paragraphs_without(html: &str, skipped: &[&str]) -> String {
    node_paragraphs(scraper::Html::parse_fragment(html).tree.root(), skipped)
}

/// [`paragraphs_without`] of the tree under `root`.
pub(super) fn node_paragraphs(root: ego_tree::NodeRef<'_, scraper::Node>, skipped: &[&str]) -> String {
    let mut lines: Vec<String> = Vec::new();
    // Open elements of `skipped` around the current node.
    let mut skipping = 0usize;
    let mut line = String::new();
    let mut end_line = |line: &mut String| {
        let trimmed = line.trim_end();
        if !trimmed.is_empty() {
            lines.push(trimmed.to_string());
        }
        line.clear();
    };
    for edge in root.traverse() {
        let (node, closing) = match edge {
            ego_tree::iter::Edge::Open(n) => (n, false),
            ego_tree::iter::Edge::Close(n) => (n, true),
        };
        match node.value() {
            scraper::Node::Element(e) if skipped.contains(&e.name()) => {
                if closing {
                    skipping -= 1;
                } else {
                    skipping += 1;
                }
                end_line(&mut line);
            }
            scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => end_line(&mut line),
            scraper::Node::Text(t) if !closing && skipping == 0 => push_collapsed(&mut line, t),
            _ => {}
        }
    }
    end_line(&mut line);
    lines.join("\n")
}

/// Appends `text` with each run of whitespace made one space, as a browser renders inline text.
/// Runs of other characters, and single spaces between them, are copied whole; only lead bytes
/// of the blocks that hold Unicode whitespace are decoded (a character at a time, this cost a
/// twentieth of a WARC run of small pages).
fn push_collapsed(line: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let kept = match bytes[at] {
            0x21..=0x7F => true,
            // A single space after a kept character and before another stays in the run: it
            // is the space the line would get.
            b' ' => at > run_start && matches!(bytes.get(at + 1), Some(0x21..=0x7F)),
            // UTF-8 continuation bytes, and lead bytes of blocks without whitespace (U+0085 and
            // U+00A0 are under 0xC2, U+1680 under 0xE1, U+2000 to U+205F under 0xE2, U+3000
            // under 0xE3).
            b => b >= 0x80 && !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3),
        };
        if kept {
            at += 1;
            continue;
        }
        let (is_space, width) = match bytes[at] {
            // ASCII whitespace as `char::is_whitespace` has it (vertical tab included).
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => (true, 1),
            b if b < 0x80 => (false, 1),
            _ => text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if is_space {
            line.push_str(&text[run_start..at]);
            if !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
            run_start = at + width;
        }
        at += width;
    }
    line.push_str(&text[run_start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_collapsed_renders_whitespace_as_a_character_loop_did() {
        let by_chars = |line: &mut String, text: &str| {
            for c in text.chars() {
                if !c.is_whitespace() {
                    line.push(c);
                } else if !line.is_empty() && !line.ends_with(' ') {
                    line.push(' ');
                }
            }
        };
        // Every string of four from an alphabet of each byte class: ASCII letters, the space,
        // other ASCII whitespace (the vertical tab too), an ASCII control character, non-ASCII
        // whitespace of two and three bytes, other non-ASCII characters of two, three and four
        // bytes, some under the lead bytes of whitespace.
        let alphabet = [
            'a',
            ' ',
            '\t',
            '\u{B}',
            '\u{1}',
            '\u{85}',
            '\u{A0}',
            '\u{E9}',
            '\u{1680}',
            '\u{2003}',
            '\u{201C}',
            '\u{3000}',
            '\u{1F600}',
        ];
        for text in super::super::test_support::every_string(&alphabet, 4) {
            for start in ["", "x", "x "] {
                let (mut fast, mut slow) = (start.to_string(), start.to_string());
                push_collapsed(&mut fast, &text);
                by_chars(&mut slow, &text);
                assert_eq!(fast, slow, "{start:?} + {text:?}");
            }
        }
    }
}
