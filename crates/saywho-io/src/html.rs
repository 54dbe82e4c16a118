//! HTML pages to article text and metadata, with trafilatura (main-text extraction that drops
//! menus, ads, related links and comments, and reads title, author and site name from meta
//! tags, OpenGraph and JSON-LD). The date is read by [`dates`], from the page's metadata or the
//! article's dateline only. A page without an article — only navigation, link lists or site
//! notices — is an `html_extraction` error, not its menu.

mod continued_body;
mod dateline;
mod dates;
mod depth;
mod marked_body;
mod paragraphs;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod vendored_patches;

use crate::doc::Meta;
use crate::error::{DocError, ErrorKind};
use encoding_rs::Encoding;
use paragraphs::node_paragraphs;
pub use paragraphs::paragraphs;
pub(crate) use paragraphs::paragraphs_without;

/// The article in an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The main text, one paragraph a line.
    pub text: String,
    /// What the page says about itself.
    pub meta: Meta,
}

/// Decodes `bytes` (UTF-8, or the charset of the HTTP header or a `<meta charset>`) and
/// extracts the article. `known` is what the container knew (a WARC target URI); the page's own
/// metadata fills the rest.
///
/// ```
/// let page = br#"<html><head><title>Rain due</title><meta property="og:site_name" content="Daily Example"></head>
/// <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
/// <article><h1>Rain due</h1><p>"It will rain all week," forecaster Ann Lee said on Monday, warning drivers.</p>
/// <p>Officials said the roads would be gritted overnight and buses would run as usual.</p></article>
/// <footer>Copyright Daily Example</footer></body></html>"#;
/// let article = saywho_io::extract_article(page, None, Default::default(), "page.html", "page").unwrap();
/// assert!(article.text.contains("forecaster Ann Lee said"));
/// assert!(!article.text.contains("Copyright"));
/// assert_eq!(article.meta.outlet.as_deref(), Some("Daily Example"));
/// ```
pub fn extract_article(
    bytes: &[u8],
    charset: Option<&str>,
    known: Meta,
    position: &str,
    id: &str,
) -> Result<Article, DocError> {
    let html =
        decode(bytes, charset).map_err(|message| DocError::new(id, position, ErrorKind::InvalidUtf8, message))?;
    let fail = |message: String| DocError::new(id, position, ErrorKind::HtmlExtraction, message);
    let html = depth::flatten(&html, MAX_DEPTH);
    let found = match main_content(&html).map_err(|e| fail(e.to_string()))? {
        Some(found) => Some(found),
        None => fallback_content(&html).map_err(|e| fail(e.to_string()))?,
    };
    let Some((result, text)) = found.filter(|(_, text)| !text.is_empty()) else {
        return Err(fail(NO_MAIN_TEXT.to_string()));
    };
    let text = marked_body::reconcile(&html, text);
    let text = continued_body::extend(&html, text);
    let m = result.metadata;
    let some = |s: String| {
        let s = s.trim().to_string();
        (!s.is_empty()).then_some(s)
    };
    let (date, date_source) = match known.date {
        Some(date) => (Some(date), known.date_source),
        None => dates::page_date(&html, &text),
    };
    let title = known.title.or_else(|| some(m.title));
    let text = without_headline(text, title.as_deref());
    let meta = Meta {
        url: known.url.or_else(|| some(m.url)),
        title,
        author: known.author.or_else(|| some(m.author)),
        date,
        outlet: known.outlet.or_else(|| some(m.sitename)),
        date_source,
    };
    Ok(Article { text, meta })
}

/// Tags nested deeper than this are dropped before parsing, their text kept ([`depth::flatten`]):
/// real pages nest a few dozen levels; trafilatura stops walking at 500, and parsing costs
/// grow with the depth.
const MAX_DEPTH: usize = 200;

/// The message of a page without an article.
const NO_MAIN_TEXT: &str = "no main text found (the page holds only navigation, links or boilerplate)";

/// The text of a page, one paragraph a line: trafilatura's cleaned content tree made lines
/// (its HTML when it gives no tree), or its plain text when they give none.
fn text_of(result: &trafilatura::ExtractResult) -> String {
    // trafilatura's `content_text` runs paragraphs together with spaces; the engine needs one
    // paragraph a line (quotes carry over paragraphs), so the text is rebuilt from its tree
    // (its HTML when it gives no tree).
    let text = match &result.content_tree {
        Some(content) => content
            .tree
            .get(content.root)
            .map(|root| node_paragraphs(root, &[]))
            .unwrap_or_default(),
        None => paragraphs(&result.content_html),
    };
    if text.is_empty() {
        return result.content_text.trim().to_string();
    }
    text
}

/// `text` without its first line when that line is the page's title: the headline is the
/// record's `title`, and the text is the article under it (as GGT, which counts voices, reads
/// articles; a headline that repeats the story's quote would count it twice). A line that
/// differs from the title other than by the site's name after it stays, and so does a headline
/// with nothing of prose under it.
fn without_headline(text: String, title: Option<&str>) -> String {
    let Some(title) = title else { return text };
    let Some((first, rest)) = text.split_once('\n') else {
        return text;
    };
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let heading = words(first);
    // Page titles often go on after a separator with the site's name and more ("… | Inexhibit",
    // "… - Remember 80/90 - Memorabilia"): the heading may be the title up to any separator.
    let mut headlines = std::iter::once(title).chain(
        SITE_SEPARATORS
            .iter()
            .flat_map(|sep| title.match_indices(sep).map(|(at, _)| &title[..at])),
    );
    if heading.is_empty() || !headlines.any(|h| words(h) == heading) || !rest.lines().any(is_prose) {
        return text;
    }
    rest.to_string()
}

/// What separates a page title from the site name after it.
const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " · "];

/// trafilatura's options: its defaults, without its date search, which falls back on any
/// date-like text of the page (a year in the prose became the date; [`dates`] reads the date),
/// and with comment sections pruned before extraction rather than extracted as comments that
/// are then thrown away (the same text on the 91 benchmark pages, 1.5% fewer instructions),
/// without its language classification, which no record carries (a tenth of the step on short
/// pages), and with the content handed over as a tree rather than serialised to HTML that
/// [`text_of`] would parse again. The last two are our patches of the vendored crate.
fn options() -> trafilatura::Options {
    trafilatura::Options::default()
        .with_html_date_mode(trafilatura::HtmlDateMode::Disabled)
        .with_exclude_comments(true)
        .with_language_detection(false)
        .with_content_tree(true)
        // Records carry no categories, tags or licence.
        .with_taxonomy(false)
}

/// trafilatura's main-content extractor alone: `None` when it finds no content, or only lines
/// that are not prose (a menu or a list of headlines taken for the article).
///
/// Its default run falls back to a dump of the page (`baseline`) whenever the main content is
/// under 250 characters; that is what turned menus into documents, and it also ran menus into
/// the paragraphs of short articles. Here the fallback is off, so a short article keeps its
/// own paragraphs and nothing else; [`fallback_content`] is tried only when this finds nothing.
fn main_content(html: &str) -> Result<Option<(trafilatura::ExtractResult, String)>, trafilatura::TrafilaturaError> {
    let mut options = options();
    options.config = options.config.with_min_extracted_size(0);
    match trafilatura::extract(html, &options) {
        Ok(result) => {
            let text = text_of(&result);
            Ok(text.lines().any(is_prose).then_some((result, text)))
        }
        Err(trafilatura::TrafilaturaError::InsufficientContent { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// trafilatura's default run, whose text, when the main extractor found nothing, comes from its
/// fallback: JSON-LD `articleBody`, `<article>` or `<p>` elements, or every text node of the
/// page. Kept only when one of its sentences is prose that is not a site notice (cookies,
/// copyright, sign-in, newsletter): `None` otherwise, so that a page of navigation and
/// boilerplate gives an `html_extraction` error rather than its menu.
fn fallback_content(html: &str) -> Result<Option<(trafilatura::ExtractResult, String)>, trafilatura::TrafilaturaError> {
    let result = match trafilatura::extract(html, &options()) {
        Ok(result) => result,
        Err(trafilatura::TrafilaturaError::InsufficientContent { .. }) => return Ok(None),
        Err(e) => return Err(e),
    };
    // The fallback's parts (text nodes, paragraphs) are its lines, judged sentence by sentence:
    // a JSON-LD `articleBody` is one line, and one mention of "privacy" must not drop it.
    let article = result
        .content_text
        .lines()
        .flat_map(sentences)
        .any(|s| is_prose(s) && !is_notice(s));
    Ok(article.then(|| {
        let text = text_of(&result);
        (result, text)
    }))
}

/// The sentences of a line: each ends after `.`, `!`, `?` or `…` (and any closing quotes or
/// brackets) followed by a space; the last may end without one.
fn sentences(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len();
        let mut after_stop = false;
        for (i, c) in rest.char_indices() {
            if c.is_whitespace() && after_stop {
                end = i;
                break;
            }
            if ".!?…".contains(c) {
                after_stop = true;
            } else if !CLOSERS.contains(c) {
                after_stop = false;
            }
        }
        let (sentence, tail) = rest.split_at(end);
        rest = tail.trim_start();
        Some(sentence)
    })
}

/// Closing quotes and brackets, which may follow the end of a sentence.
const CLOSERS: &str = "\"'”’»)]」』";

/// Fewest words in a line of prose.
const PROSE_WORDS: usize = 4;

/// Fewest characters of a line of prose in a script written without spaces between words
/// (Chinese, Japanese).
const PROSE_UNSPACED_CHARS: usize = 12;

/// A line of running text: at least [`PROSE_WORDS`] words (or, in a script without spaces,
/// [`PROSE_UNSPACED_CHARS`] letters), ending a sentence (before any closing quotes or
/// brackets). Menu items, link labels and headlines are not.
fn is_prose(line: &str) -> bool {
    let body = line.trim_end_matches(|c: char| c.is_whitespace() || CLOSERS.contains(c));
    // The end first, and counts that stop at their thresholds: lines are whole paragraphs.
    if !body.ends_with(['.', '!', '?', '…', '。', '！', '？']) {
        return false;
    }
    let words = body
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .take(PROSE_WORDS)
        .count();
    words >= PROSE_WORDS
        || body
            .chars()
            .filter(|&c| is_unspaced_letter(c))
            .take(PROSE_UNSPACED_CHARS)
            .count()
            >= PROSE_UNSPACED_CHARS
}

/// A letter of a script written without spaces: CJK ideographs, kana, and their punctuation's
/// neighbours (Unicode blocks, not a word list).
fn is_unspaced_letter(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0xFF66..=0xFF9D    // half-width Katakana
        | 0x0E00..=0x0E7F    // Thai
    )
}

/// The phrases of the notices every page of a site carries, which are not an article: word
/// sequences matched as whole words (a word may take a plural `s`); `#` is any number. News
/// uses some of these words too ("the privacy commissioner", "copyright reform"), so the
/// phrases are the notices' own ("privacy policy", "Copyright 2025"), and a page is judged
/// sentence by sentence.
const NOTICES: &[&[&str]] = &[
    &["cookie"],
    &["javascript"],
    &["your", "browser"],
    &["copyright", "#"],
    &["©"],
    &["all", "rights", "reserved"],
    &["privacy", "policy"],
    &["privacy", "notice"],
    &["privacy", "statement"],
    &["privacy", "settings"],
    &["your", "privacy"],
    &["terms", "of", "use"],
    &["terms", "and", "conditions"],
    &["terms", "of", "service"],
    &["subscribe"],
    &["newsletter"],
    &["sign", "in"],
    &["sign", "up"],
    &["log", "in"],
];

/// Whether `sentence` holds one of the [`NOTICES`].
fn is_notice(sentence: &str) -> bool {
    // "©2025" is two words.
    let lower = sentence.to_lowercase().replace('©', " © ");
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '©'))
        .filter(|w| !w.is_empty())
        .collect();
    let matches = |word: &str, pattern: &str| {
        if pattern == "#" {
            return word.chars().all(|c| c.is_ascii_digit());
        }
        word == pattern || word.strip_suffix('s') == Some(pattern)
    };
    NOTICES.iter().any(|notice| {
        words.windows(notice.len()).any(|w| {
            w.iter()
                .zip(notice.iter())
                .all(|(word, pattern)| matches(word, pattern))
        })
    })
}

/// The page as a string: UTF-8 when it is; otherwise the declared charset. Undeclared,
/// invalid UTF-8 is an error rather than a guess.
fn decode(bytes: &[u8], charset: Option<&str>) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let label = charset.map(str::to_string).or_else(|| meta_charset(bytes));
    let Some(encoding) = label.as_deref().and_then(|l| Encoding::for_label(l.as_bytes())) else {
        return Err("the page is not UTF-8 and declares no charset".to_string());
    };
    if encoding == encoding_rs::UTF_8 {
        return Err("the page declares UTF-8 but is not valid UTF-8".to_string());
    }
    let (text, _, _) = encoding.decode(bytes);
    Ok(text.into_owned())
}

/// The charset of a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` in the
/// first 4 KiB, where the HTML standard says to look.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
    (end > 0).then(|| rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_sentences_not_menus_headlines_or_notices() {
        let cases = [
            ("Police said the road was closed.", true, false),
            ("“Yes,” Ann Lee said.", true, false),
            ("\"We will not give up,\" she said. \u{201d}", true, false),
            ("Is this the end of the line for buses?", true, false),
            ("Apple growers fear the smallest harvest in a decade", false, false),
            ("Home News Sport", false, false),
            ("Read more.", false, false),
            ("Letters: readers on the river footpath", false, false),
            ("市議会は月曜日、川に新しい橋を建設する計画を承認した。", true, false),
            ("「長く待たれていた決定だ」と述べた。」", true, false),
            ("市議会が新しい橋を承認", false, false),
            ("ホーム ニュース", false, false),
            ("We use cookies to give you the best experience.", true, true),
            (
                "Copyright 2025 The Millbrook Courier Ltd. All rights reserved.",
                true,
                true,
            ),
        ];
        for (line, prose, notice) in cases {
            assert_eq!((is_prose(line), is_notice(line)), (prose, notice), "{line}");
        }
    }

    #[test]
    fn a_first_line_that_is_the_title_is_left_to_the_title() {
        let body = "\nThe council approved the bridge on Monday.";
        let cases = [
            ("Bridge approved", Some("Bridge approved"), false),
            ("Bridge ‘approved’", Some("Bridge 'approved' | Valley Gazette"), false),
            (
                "Bridge approved",
                Some("Bridge approved - Gazette - News of the valley"),
                false,
            ),
            // Another wording, another line, no title: kept.
            ("Bridge approved at last", Some("Bridge approved"), true),
            ("Valley Gazette", Some("Bridge approved | Valley Gazette"), true),
            ("Bridge approved", None, true),
        ];
        for (first, title, kept) in cases {
            let text = format!("{first}{body}");
            let expected = if kept { text.clone() } else { body[1..].to_string() };
            assert_eq!(without_headline(text, title), expected, "{first} / {title:?}");
        }
        // A headline with no prose under it stays.
        let text = "Bridge approved\nPhotos".to_string();
        assert_eq!(without_headline(text.clone(), Some("Bridge approved")), text);
    }

    #[test]
    fn notices_are_whole_phrases_not_words_inside_news() {
        let cases = [
            ("Please log in to continue.", true),
            ("Sign up for our morning newsletter.", true),
            ("Read our privacy policy.", true),
            ("Text ©2025 Valley Gazette.", true),
            ("We use cookies on this site.", true),
            ("She wrote on her blog in March.", false),
            ("The privacy commissioner said the data was lost.", false),
            ("Musicians have backed copyright reform.", false),
            ("Newsletters and cookies.", true),
            ("Subscribers were told on Monday.", false),
        ];
        for (sentence, notice) in cases {
            assert_eq!(is_notice(sentence), notice, "{sentence}");
        }
    }

    #[test]
    fn lines_split_into_sentences() {
        let line = "He left. \"No,\" she said! Why? Then… nothing (at all.) end";
        assert_eq!(
            sentences(line).collect::<Vec<_>>(),
            [
                "He left.",
                "\"No,\" she said!",
                "Why?",
                "Then…",
                "nothing (at all.)",
                "end"
            ]
        );
        assert_eq!(sentences("  ").count(), 0);
        assert_eq!(
            sentences("3.5 per cent rose.").collect::<Vec<_>>(),
            ["3.5 per cent rose."]
        );
    }

    #[test]
    fn pages_decode_by_declared_charset_or_fail() {
        let cases: &[(&[u8], Option<&str>, Option<&str>)] = &[
            (b"caf\xc3\xa9", None, Some("café")),
            (b"\xef\xbb\xbfbom", None, Some("bom")),
            (b"caf\xe9", Some("windows-1252"), Some("café")),
            (
                b"<meta charset=\"iso-8859-1\">caf\xe9",
                None,
                Some("<meta charset=\"iso-8859-1\">café"),
            ),
            (b"caf\xe9", None, None),
            (b"caf\xe9", Some("utf-8"), None),
        ];
        for (bytes, charset, expected) in cases {
            assert_eq!(decode(bytes, *charset).ok().as_deref(), *expected, "{bytes:?}");
        }
    }
}
