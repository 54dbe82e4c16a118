//! A bound on how deeply an HTML page nests, enforced before the page is parsed.
//!
//! html5ever's tree builder scans its stack of open elements for many tags ("is there a `<p>`
//! in button scope?"), so a page of `n` nested elements costs O(n²) to parse — 100,000 nested
//! `<div>`s (1.1 MB) ran for over a minute, and trafilatura parses a page up to three times.
//! trafilatura also stops its tree walks at depth 500, so text below that was lost ("no main
//! text found"). [`flatten`] is one linear pass over the markup that drops the tags nested
//! deeper than a bound and keeps everything else, text included, byte for byte; a page within
//! the bound is returned as it is, without a copy. The same pass drops the attributes of a tag
//! that has thousands ([`MAX_ATTRIBUTES`]), which html5ever parses in quadratic time too.

use std::borrow::Cow;

/// Elements never closed: they do not nest.
pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag (a `<` in a script is not a tag).
pub(super) const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements that close an open element of the same family when they start (`<p>a<p>b`, `<li>`
/// lists without `</li>`), as the HTML parser does; without this their depth would only grow.
const SELF_CLOSING_FAMILIES: &[&[&str]] = &[
    &["p"],
    &["li"],
    &["dt", "dd"],
    &["td", "th"],
    &["tr"],
    &["option"],
    &["rp", "rt"],
];

/// How far up the stack an end tag looks for its element. An end tag that matches nothing
/// near the top is ignored, so a flood of stray end tags stays linear.
pub(super) const END_TAG_REACH: usize = 16;

/// The most attributes a start tag keeps: html5ever checks each new attribute against those
/// before it, so a tag of `n` attributes costs O(n²) to parse (300,000 in a 3.5 MB page ran for
/// over a minute, and tied up a server's extraction slots). Real tags have a few dozen.
pub(crate) const MAX_ATTRIBUTES: usize = 1_000;

/// `html` with the tags nested deeper than `max_depth` dropped (each replaced by a space, so
/// that words on either side stay apart), and the attributes of a tag that has more than
/// [`MAX_ATTRIBUTES`] dropped (counted only for a tag long enough to hold that many, two bytes
/// each at the least, so that an ordinary page costs what it did); `html` itself when no tag is that deep or that long. Five nested
/// `<div>`s around `<p>Hello</p>` at `max_depth` 3 keep three `<div>`s and `Hello`.
pub(crate) fn flatten(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    // Names of the open elements, as slices of `html`.
    let mut open: Vec<&str> = Vec::new();
    let mut at = 0usize;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        let tag = read_tag(html, lt);
        at = tag.end;
        let keep = match tag.kind {
            Kind::Other => true,
            Kind::Start { name, self_closing } => {
                let name = name_of(html, name);
                close_family(&mut open, name);
                if self_closing || is_in(VOID, name) {
                    open.len() < max_depth
                } else {
                    open.push(name);
                    if is_in(RAW_TEXT, name) {
                        at = raw_text_end(html, at, name);
                    }
                    open.len() <= max_depth
                }
            }
            Kind::End { name } => {
                let name = name_of(html, name);
                let reach = open.len().saturating_sub(END_TAG_REACH);
                match open[reach..].iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                    Some(i) => {
                        let depth = reach + i + 1;
                        open.truncate(reach + i);
                        depth <= max_depth
                    }
                    None => open.len() <= max_depth,
                }
            }
        };
        if !keep {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..lt]);
            buffer.push(' ');
            copied = tag.end;
        } else if !matches!(tag.kind, Kind::Other) && tag.end - lt > 2 * MAX_ATTRIBUTES {
            let written = &bytes[lt..tag.end];
            let attributes = attributes(written);
            if attributes.count > MAX_ATTRIBUTES {
                // The element stays, as html5ever names it, without its attributes. (An end
                // tag's attributes are an error html5ever reads all the same.)
                let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
                buffer.push_str(&html[copied..lt]);
                buffer.push_str(&html[lt..lt + tag_name_end(written)]);
                buffer.push_str(if attributes.self_closing { "/>" } else { ">" });
                copied = tag.end;
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

/// What a `<` starts.
pub(super) enum Kind {
    /// A start tag: its name's byte range, and whether it ends with `/>`.
    Start { name: (usize, usize), self_closing: bool },
    /// An end tag and its name's byte range.
    End { name: (usize, usize) },
    /// A comment, a doctype, a processing instruction, or a `<` that starts no tag.
    Other,
}

/// The markup a `<` starts.
pub(super) struct Tag {
    /// What it is.
    pub(super) kind: Kind,
    /// Just past its `>` (or past the `<` when it starts no tag).
    pub(super) end: usize,
}

fn name_of(html: &str, (start, end): (usize, usize)) -> &str {
    &html[start..end]
}

pub(super) fn is_in(set: &[&str], name: &str) -> bool {
    set.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// A start tag of a family closes an open element of that family on top of the stack.
fn close_family(open: &mut Vec<&str>, name: &str) {
    if closes_family(open.last().copied(), name) {
        open.pop();
    }
}

/// Whether a start tag `name` closes the element `top` on top of the stack: both of one
/// family (`<p>` closes an open `<p>`, `<dd>` a `<dt>`).
pub(super) fn closes_family(top: Option<&str>, name: &str) -> bool {
    let Some(family) = SELF_CLOSING_FAMILIES.iter().find(|f| is_in(f, name)) else {
        return false;
    };
    top.is_some_and(|top| is_in(family, top))
}

/// Reads the markup that starts at the `<` at `lt`.
pub(super) fn read_tag(html: &str, lt: usize) -> Tag {
    let bytes = html.as_bytes();
    let rest = &bytes[lt + 1..];
    if rest.starts_with(b"!--") {
        let end = find(bytes, lt + 4, b"-->").map_or(bytes.len(), |i| i + 3);
        return Tag { kind: Kind::Other, end };
    }
    let (closing, name_start) = match rest.first() {
        Some(b'/') => (true, lt + 2),
        Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
        Some(b'!' | b'?') => {
            let end = memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |i| lt + i + 1);
            return Tag { kind: Kind::Other, end };
        }
        _ => {
            return Tag {
                kind: Kind::Other,
                end: lt + 1,
            }
        }
    };
    let name_end = bytes[name_start..]
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-' || *c == b':'))
        .map_or(bytes.len(), |i| name_start + i);
    if name_end == name_start {
        return Tag {
            kind: Kind::Other,
            end: lt + 1,
        };
    }
    let (end, self_closing) = tag_end(bytes, name_end);
    let name = (name_start, name_end);
    let kind = if closing {
        Kind::End { name }
    } else {
        Kind::Start { name, self_closing }
    };
    Tag { kind, end }
}

/// Just past the `>` that ends a tag whose attributes start at `from` (quoted attribute values
/// may hold `>`), and whether the tag ends with `/>`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (i + 1, i > from && bytes[i - 1] == b'/'),
            q @ (b'"' | b'\'') if after_equals => {
                i = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |j| i + 1 + j);
                after_equals = false;
            }
            b'=' => after_equals = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// A tag's attributes as html5ever's tokenizer reads them: how many, and whether the tag
/// ends with `/>` outside a value. `tag` runs from its `<` to past its `>`.
pub(super) struct Attributes {
    /// How many attribute names start (duplicates included: html5ever checks each new one
    /// against all before it, which is what costs).
    pub(super) count: usize,
    /// The tag closes itself (`<br/>`; not `<a href=x/>`, whose value is `x/`).
    pub(super) self_closing: bool,
}

/// Reads `tag`'s attributes with the states of the HTML tokenizer (before, in and after a
/// name; before a value; in a quoted or bare value; after a quoted value), so that no way of
/// writing attributes goes uncounted: glued after a quoted value (`a=""b=""`), a name opening
/// with `=`, a bare value ending in `=`.
pub(super) fn attributes(tag: &[u8]) -> Attributes {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Quoted(u8),
        Bare,
        AfterQuoted,
    }
    let name_end = tag_name_end(tag);
    let mut state = State::BeforeName;
    let mut count = 0;
    let mut i = name_end;
    while i < tag.len() {
        let c = tag[i];
        let space = c.is_ascii_whitespace();
        state = match state {
            State::Quoted(q) => {
                // Straight to the closing quote.
                i = memchr(q, &tag[i..]).map_or(tag.len(), |j| i + j);
                State::AfterQuoted
            }
            State::Bare if space => State::BeforeName,
            State::Bare if c == b'>' => break,
            State::Bare => State::Bare,
            _ if c == b'>' => break,
            State::BeforeValue if space => State::BeforeValue,
            State::BeforeValue if c == b'"' || c == b'\'' => State::Quoted(c),
            State::BeforeValue => State::Bare,
            State::Name | State::AfterName if c == b'=' => State::BeforeValue,
            State::Name if space => State::AfterName,
            State::Name if c != b'/' => State::Name,
            _ if space => State::BeforeName,
            _ if c == b'/' => {
                if tag.get(i + 1) == Some(&b'>') {
                    return Attributes {
                        count,
                        self_closing: true,
                    };
                }
                State::BeforeName
            }
            // A new name: in BeforeName (an `=` may open it), AfterName, or glued after a
            // quoted value.
            _ => {
                count += 1;
                State::Name
            }
        };
        i += 1;
    }
    Attributes {
        count,
        self_closing: false,
    }
}

/// Where a tag's name ends, as html5ever reads it: at white space, `/` or `>` (a name may
/// hold `_` and `.`, which [`read_tag`] stops at). `tag` starts at its `<` (or `</`).
fn tag_name_end(tag: &[u8]) -> usize {
    let from = if tag.get(1) == Some(&b'/') { 2 } else { 1 };
    tag[from.min(tag.len())..]
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
        .map_or(tag.len(), |i| from + i)
}

/// The value of attribute `name` (lower case) in a start tag, as written: quoted or bare,
/// the name matched in any case after white space ("<div\tCLASS=a>"; not "data-class").
pub(super) fn attribute<'t>(start_tag: &'t str, name: &str) -> Option<&'t str> {
    let bytes = start_tag.as_bytes();
    let at = (1..bytes.len()).find(|&i| {
        bytes[i - 1].is_ascii_whitespace()
            && bytes
                .get(i..i + name.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(name.as_bytes()))
            && start_tag[i + name.len()..].trim_start().starts_with('=')
    })?;
    let rest = start_tag[at + name.len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    Some(match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
        _ => rest.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
    })
}

/// Where the raw text of element `name` that starts at `from` ends: at its end tag's `<`.
pub(super) fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(i) = find(bytes, at, b"</") {
        let candidate = &bytes[i + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return i;
        }
        at = i + 2;
    }
    bytes.len()
}

/// The first `needle` in `haystack` (the `memchr` crate's vectorised search: the page is
/// scanned from `<` to `<`, and most of its bytes lie between tags).
pub(super) fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

/// The first `needle` in `bytes` at or after `from`.
pub(super) fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_counted_as_html5ever_reads_them() {
        let cases: &[(&str, usize)] = &[
            ("<div>", 0),
            ("<div class=a id=\"b c\" hidden>", 3),
            ("<div a = 'x y' b=c/d e>", 3),
            ("<img src=x/>", 1),
            ("<br/>", 0),
            ("<p title=\"a>b\" lang=en>", 2),
            // Glued after a quoted value, opening with `=`, after a bare value ending in `=`.
            ("<div a=\"\"b=\"\"c=''>", 3),
            ("<div =a =b>", 1),   // "=a" with the value "b"
            ("<div =a b =c>", 2), // "=a", and "b" with the value "c"
            ("<div a=b= c=d=>", 2),
            ("</div a b>", 2),
        ];
        for (tag, expected) in cases {
            assert_eq!(attributes(tag.as_bytes()).count, *expected, "{tag}");
        }
    }

    #[test]
    fn a_tag_with_thousands_of_attributes_keeps_none() {
        let many: String = (0..MAX_ATTRIBUTES + 1).map(|i| format!(" a{i}=\"v\"")).collect();
        let html = format!("<body><div{many}><p>Hi</p></div><br{many}/></body>");
        assert_eq!(flatten(&html, 100), "<body><div><p>Hi</p></div><br/></body>");
        // Glued, in an end tag, a name with `_`, a bare value ending in `/`.
        let glued: String = (0..MAX_ATTRIBUTES + 1).map(|i| format!("a{i}=\"\"")).collect();
        let html = format!("<p_x {glued}>a</div {glued}><svg {many} a=x/>");
        assert_eq!(flatten(&html, 100), "<p_x>a</div><svg>");
        // At the bound, the page is returned as it is.
        let enough: String = (0..MAX_ATTRIBUTES).map(|i| format!(" a{i}")).collect();
        let html = format!("<div{enough}>x</div>");
        assert!(matches!(flatten(&html, 100), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_bound_are_dropped_and_text_kept() {
        let cases: &[(&str, usize, &str)] = &[
            ("<div><p>a</p></div>", 5, "<div><p>a</p></div>"),
            ("<div><div><div>x</div></div></div>", 2, "<div><div> x </div></div>"),
            // Void elements and self-closing tags do not nest.
            (
                "<div><br><img src=x><p>a</p></div>",
                2,
                "<div><br><img src=x><p>a</p></div>",
            ),
            // Unclosed paragraphs and list items close each other, as in a browser.
            ("<div><p>a<p>b<p>c</div>", 2, "<div><p>a<p>b<p>c</div>"),
            ("<ul><li>a<li>b<li>c</ul>", 2, "<ul><li>a<li>b<li>c</ul>"),
            // A `>` in a quoted attribute value does not end the tag; a `<` in a script is no tag.
            (
                "<div title=\"a>b\"><div>x</div></div>",
                1,
                "<div title=\"a>b\"> x </div>",
            ),
            ("<div><script>if (a<b) {}</script></div>", 1, "<div> if (a<b) {} </div>"),
            (
                "<div><!-- <div> --><div>x</div></div>",
                1,
                "<div><!-- <div> --> x </div>",
            ),
            // Stray end tags are ignored.
            ("<div></span></b><div>x</div></div>", 1, "<div></span></b> x </div>"),
        ];
        for (html, depth, expected) in cases {
            assert_eq!(flatten(html, *depth), *expected, "{html} at depth {depth}");
        }
    }

    #[test]
    fn attributes_are_read_quoted_or_bare_in_any_case() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            (r#"<div class="a b">"#, "class", Some("a b")),
            ("<div\tCLASS='x' id=y>", "class", Some("x")),
            ("<div id=y class=z>", "class", Some("z")),
            (r#"<div data-class="a">"#, "class", None),
            (r#"<div itemprop = "articleBody">"#, "itemprop", Some("articleBody")),
            ("<div>", "class", None),
        ];
        for (tag, name, expected) in cases {
            assert_eq!(attribute(tag, name), *expected, "{tag}");
        }
    }

    #[test]
    fn a_page_within_the_bound_is_not_copied() {
        let html = "<html><body><div><p>a</p></div></body></html>";
        assert!(matches!(flatten(html, 10), Cow::Borrowed(_)));
    }
}
