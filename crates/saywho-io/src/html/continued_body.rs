//! Article bodies that a page cuts into pieces: a story's paragraphs in one container, an ad
//! slot or an empty recirculation box, then the story going on in a second container marked up
//! exactly like the first (`<div class="body__container article__body">` twice).
//!
//! trafilatura scores blocks and keeps the best one, so it returns the first piece alone and
//! loses the rest of the story. [`extend`] finds, in the raw markup, the container of the last
//! line trafilatura kept and follows it to the next element with the very same start tag,
//! when what lies between the two is not text (a few words at most, "Advertisement"), and
//! adds that element's sentences; and so on along the chain. The idea is readability's
//! (siblings of the chosen node that share its class are part of the article), applied to
//! elements that need not be siblings and checked more strictly: the same tag, the same
//! attributes, nothing to read between them, and prose inside.
//!
//! A page pays a search for its anchor and one scan of the tags before it; only a piece that
//! qualifies is parsed.

use super::depth::{self, find, read_tag, Kind};
use super::marked_body::{element_end, NOT_TEXT};

/// Most words of text between two pieces of one body (an ad's label, "Advertisement"); more
/// ("Posted in News", a headline), and the second element is some other part of the page: the
/// next post of a listing, the next story of an endless scroll.
const MAX_GAP_WORDS: usize = 2;

/// How many of the anchor's enclosing containers (innermost first) are tried.
const MAX_LEVELS: usize = 4;

/// Bytes of a line's end searched for in the markup: long enough to be found once, short
/// enough to lie in one text node.
const ANCHOR_BYTES: usize = 32;

/// Fewest bytes of an anchor (a shorter tail matches anywhere).
const MIN_ANCHOR_BYTES: usize = 12;

/// Elements that can hold a piece of a body. `article` is not one: its twin is the next story
/// of an endless-scroll page.
const CONTAINERS: &[&str] = &["div", "section"];

/// `text` (the article, one paragraph a line) with the pieces of its body that follow the
/// container of its last prose line, inserted after that line in page order. Only the last
/// prose line anchors: pieces after an earlier line would land before the lines that follow
/// it. A line the markup writes otherwise (a character reference for a curly quote) is not
/// found, and the text stays as it is.
pub(super) fn extend(html: &str, text: String) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(index) = lines.iter().rposition(|line| super::is_prose(line)) else {
        return text;
    };
    let Some(at) = anchor_position(html, lines[index]) else {
        return text;
    };
    let added = continuation(html, at);
    if added.is_empty() {
        return text;
    }
    let mut out: Vec<&str> = lines[..=index].to_vec();
    out.extend(added.iter().map(String::as_str).filter(|l| !lines.contains(l)));
    out.extend_from_slice(&lines[index + 1..]);
    out.join("\n")
}

/// Where the end of `line` lies in the markup, in text (not in a tag or a script).
fn anchor_position(html: &str, line: &str) -> Option<usize> {
    let line = line.trim_end();
    let mut start = line.len().saturating_sub(ANCHOR_BYTES);
    while !line.is_char_boundary(start) {
        start += 1;
    }
    // Start at a word: a tail cut inside a word may straddle markup ("ex<em>tra</em>").
    let tail = match line[start..].find(' ') {
        Some(space) if start > 0 => &line[start + space + 1..],
        _ => &line[start..],
    };
    if tail.len() < MIN_ANCHOR_BYTES {
        return None;
    }
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(hit) = find(bytes, from, tail.as_bytes()) {
        if in_text(html, hit) {
            return Some(hit);
        }
        from = hit + 1;
    }
    None
}

/// Whether byte `at` lies in the page's text: not inside a tag, a comment or raw text.
fn in_text(html: &str, at: usize) -> bool {
    let bytes = html.as_bytes();
    let Some(lt) = memchr::memrchr(b'<', &bytes[..at]) else {
        return true;
    };
    let tag = read_tag(html, lt);
    if tag.end > at {
        return false;
    }
    match tag.kind {
        Kind::Start { name, self_closing } => {
            let name = &html[name.0..name.1];
            self_closing || !depth::is_in(depth::RAW_TEXT, name)
        }
        _ => true,
    }
}

/// Whether a stretch of markup holds a top-level heading (`<h1`, `<h2`, any case): a new
/// story's title, never inside one body.
fn has_heading(markup: &str) -> bool {
    let bytes = markup.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|i| {
        bytes.get(i + 1).is_some_and(|c| c.eq_ignore_ascii_case(&b'h'))
            && bytes.get(i + 2).is_some_and(|c| matches!(c, b'1' | b'2'))
    })
}

/// An element open at some point of the page.
struct Open<'a> {
    name: &'a str,
    /// Its start tag, `<` to `>`.
    start_tag: &'a str,
    /// Where its content starts (just past the start tag).
    content: usize,
}

/// The sentences of the body pieces that continue the container around byte `at`: tried
/// from the innermost container out, the first that has a continuation gives it.
fn continuation(html: &str, at: usize) -> Vec<String> {
    let Some(open) = open_elements(html, at) else {
        return Vec::new();
    };
    let candidates = open
        .iter()
        .rev()
        .filter(|e| depth::is_in(CONTAINERS, e.name) && class_says_body(e.start_tag))
        .take(MAX_LEVELS);
    for container in candidates {
        let pieces = twins_after(html, container);
        if pieces.is_empty() {
            continue;
        }
        let mut lines = Vec::new();
        for piece in pieces {
            let text = super::paragraphs_without(piece, NOT_TEXT);
            lines.extend(
                text.lines()
                    .filter(|l| super::is_prose(l) && !super::is_notice(l))
                    .map(str::to_string),
            );
        }
        return lines;
    }
    Vec::new()
}

/// The insides of the elements after `container` with its very start tag, each following the
/// one before with at most [`MAX_GAP_WORDS`] words between; a piece that holds a top-level
/// heading, or no prose, ends the chain.
fn twins_after<'a>(html: &'a str, container: &Open<'a>) -> Vec<&'a str> {
    let bytes = html.as_bytes();
    let mut end = element_end(html, container.content, container.name);
    let mut pieces = Vec::new();
    while let Some(next) = find(bytes, end, container.start_tag.as_bytes()) {
        let gap = gap_words(html, end, next);
        if gap.is_none_or(|words| words > MAX_GAP_WORDS) || has_heading(&html[end..next]) {
            break;
        }
        let content = next + container.start_tag.len();
        let piece_end = element_end(html, content, container.name);
        let piece = &html[content..piece_end];
        if has_heading(piece) {
            break;
        }
        pieces.push(piece);
        end = piece_end;
    }
    pieces
}

/// The elements open at byte `at`, outermost first, as a browser would nest them (unclosed
/// paragraphs and list items close each other; stray end tags are ignored); `None` when `at`
/// lies inside a tag, a comment, a script or a style (a quotation of the text there is no
/// text of the page).
fn open_elements(html: &str, at: usize) -> Option<Vec<Open<'_>>> {
    let bytes = html.as_bytes();
    let mut open: Vec<Open> = Vec::new();
    let mut scan = 0usize;
    while let Some(lt) = depth::memchr(b'<', &bytes[scan..at]).map(|i| scan + i) {
        let tag = read_tag(html, lt);
        if tag.end > at {
            return None;
        }
        scan = tag.end;
        match tag.kind {
            Kind::Other => {}
            Kind::Start { name, self_closing } => {
                let name = &html[name.0..name.1];
                if depth::closes_family(open.last().map(|e| e.name), name) {
                    open.pop();
                }
                if self_closing || depth::is_in(depth::VOID, name) {
                    continue;
                }
                if depth::is_in(depth::RAW_TEXT, name) {
                    scan = depth::raw_text_end(html, tag.end, name);
                    if scan > at {
                        return None;
                    }
                    continue;
                }
                open.push(Open {
                    name,
                    start_tag: &html[lt..tag.end],
                    content: tag.end,
                });
            }
            Kind::End { name } => {
                let name = &html[name.0..name.1];
                let reach = open.len().saturating_sub(depth::END_TAG_REACH);
                if let Some(i) = open[reach..].iter().rposition(|e| e.name.eq_ignore_ascii_case(name)) {
                    open.truncate(reach + i);
                }
            }
        }
    }
    Some(open)
}

/// Words of text between bytes `from` and `to` of the page, outside tags, comments and raw
/// text; `None` when `to` itself lies inside a comment, a script or a style (a start tag
/// written there is no element).
fn gap_words(html: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut words = 0;
    let mut at = from;
    while at < to {
        let lt = depth::memchr(b'<', &bytes[at..to]).map_or(to, |i| at + i);
        words += html[at..lt]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if lt >= to {
            break;
        }
        let tag = read_tag(html, lt);
        at = tag.end;
        if at > to {
            return None;
        }
        if let Kind::Start {
            name,
            self_closing: false,
        } = tag.kind
        {
            let name = &html[name.0..name.1];
            if depth::is_in(depth::RAW_TEXT, name) {
                at = depth::raw_text_end(html, at, name);
                if at > to {
                    return None;
                }
            }
        }
    }
    Some(words)
}

/// Words of a class name that say an element holds a story's text ("article__body",
/// "story-content", "entry-text"), as readability weighs class names.
const BODY_CLASS_WORDS: &[&str] = &["article", "body", "content", "entry", "post", "story", "text"];

/// Words of a class name that say it does not, even beside one of [`BODY_CLASS_WORDS`]
/// ("post-comments", "content-sidebar", "related-content", "widget-container").
const NOT_BODY_CLASS_WORDS: &[&str] = &[
    "ad", "ads", "aside", "comment", "comments", "footer", "header", "menu", "nav", "promo", "rail", "recirc",
    "related", "share", "sidebar", "social", "sponsor", "teaser", "widget",
];

/// Whether a start tag's `class` names a story's body: one of its words (split at anything
/// but a letter) is in [`BODY_CLASS_WORDS`] and none in [`NOT_BODY_CLASS_WORDS`]. A bare
/// `<div>`, or one classed for layout alone ("row", "css-1x2y3z"), could be any part of a page.
fn class_says_body(start_tag: &str) -> bool {
    let Some(class) = depth::attribute(start_tag, "class").map(str::to_ascii_lowercase) else {
        return false;
    };
    let words = || {
        class
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
    };
    words().any(|w| BODY_CLASS_WORDS.contains(&w)) && !words().any(|w| NOT_BODY_CLASS_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"<div class="article__body">"#;

    fn page(between: &str, second: &str) -> String {
        format!(
            "<html><body><h1>Title</h1>{BODY}<p>The council met on Monday to discuss the budget.</p>\
             <p>It voted to close two libraries.</p></div>{between}{BODY}{second}</div>\
             <footer>Footer text here.</footer></body></html>"
        )
    }

    const FIRST: &str = "The council met on Monday to discuss the budget.\nIt voted to close two libraries.";

    #[test]
    fn a_body_cut_by_an_ad_goes_on_in_its_twin() {
        let ad = r#"<div class="ad"><span>Advertisement</span><script>var a = "<p>x</p>";</script></div>"#;
        let second = "<p>Residents said they would fight the plan.</p><p>A vote is due in May.</p>";
        let html = page(ad, second);
        assert_eq!(
            extend(&html, FIRST.to_string()),
            format!("{FIRST}\nResidents said they would fight the plan.\nA vote is due in May.")
        );
        // Lines after the anchor stay after the added ones.
        let text = format!("{FIRST}\nShare this");
        assert!(extend(&html, text).ends_with("May.\nShare this"));
    }

    #[test]
    fn no_twin_text_between_or_no_prose_leaves_the_text() {
        let second = "<p>Residents said they would fight the plan.</p>";
        let cases = [
            // Text between the two: the second is some other part of the page.
            page(
                "<div><p>Read more stories from our newsroom about the city today.</p></div>",
                second,
            ),
            // The second holds a new story's headline.
            page(
                "",
                "<h1>Another story</h1><p>Residents said they would fight the plan.</p>",
            ),
            // Nothing but links.
            page("", "<ul><li><a href=x>More news</a></li></ul>"),
            // A different start tag.
            page("", second).replacen(BODY, "<div class=\"article__body lead\">", 1),
            // Three words between: a listing's next post ("Posted in News").
            page("<p>Posted in News</p>", second),
            // A headline between, in any case: the next story of an endless scroll.
            page("<H2>Fire</H2>", second),
            // The twin's start tag inside a comment is no element (the search stops there).
            page(&format!("<!-- {BODY} -->"), second),
        ];
        for html in &cases {
            assert_eq!(extend(html, FIRST.to_string()), FIRST, "{html}");
        }
        // The anchor is not in the page's text (only in a script): nothing to follow.
        let scripted = format!("<script>\"{FIRST}\"</script>{BODY}<p>Residents said they would.</p></div>");
        assert_eq!(extend(&scripted, FIRST.to_string()), FIRST);
    }

    #[test]
    fn open_elements_nest_as_a_browser_reads_them() {
        let html = r#"<div class="a"><p>one<p>two <b>x</b><br> three <span>here"#;
        let open = open_elements(html, html.len() - 2).expect("in text");
        let names: Vec<&str> = open.iter().map(|e| e.name).collect();
        assert_eq!(names, ["div", "p", "span"]);
    }

    #[test]
    fn class_names_say_which_containers_hold_a_body() {
        let cases = [
            (r#"<div class="grid--item body body__container article__body">"#, true),
            ("<div id=x class=story-text>", true),
            ("<div\tclass=\"entry-content\">", true),
            (r#"<section class='entry-content'>"#, true),
            (r#"<div class="row">"#, false),
            (r#"<div class="css-stl7tm">"#, false),
            (r#"<div class="elementor-widget-container">"#, false),
            (r#"<div class="post-comments">"#, false),
            (r#"<div class="">"#, false),
            (r#"<div data-class="article">"#, false),
            ("<div>", false),
        ];
        for (tag, expected) in cases {
            assert_eq!(class_says_body(tag), expected, "{tag}");
        }
    }
}
