//! A page's publication date, from what the page declares about itself and nowhere else: its
//! meta tags (`article:published_time`, `datePublished`, Dublin Core…), its JSON-LD
//! (`datePublished`), its `<time>` elements; or else a dateline opening the article ("March 3,
//! 2019 —"). A year in the prose ("its 2003 performance") is never a date.
//!
//! The page is scanned once for `<meta`, `<script` and `<time` tags, without building a tree.

use super::depth::{memchr, raw_text_end, read_tag, Kind};
use crate::doc::DateSource;
use saywho_record::date::{normalize_date, numeric_date};

/// Meta names (`name`, `property` or `itemprop`, compared in lower case) that give the date
/// a page was published: Open Graph's article namespace, schema.org, Dublin Core, and the
/// names of common publishing systems.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "datecreated",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "publication_date",
    "published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "originalpublicationdate",
];

/// Parts of the meta names that publishing systems make up for the same date
/// (`sn-post-date`, `parsely-pub-date`, `published-date`); a name holding one names a date only
/// when its content is one.
const PUBLISHED_META_PARTS: &[&str] = &["publish", "pub-date", "pub_date", "post-date", "post_date"];

/// JSON-LD keys of a publication date, in order of preference.
const PUBLISHED_JSON: &[&str] = &["datePublished", "dateCreated"];

/// The page's date as `YYYY-MM-DD`, from its meta tags, then its JSON-LD, then its `<time>`
/// elements (one marked `pubdate` or `itemprop="datePublished"`, or else the date of every
/// `<time datetime>` of the page when they all agree).
pub(crate) fn metadata_date(html: &str) -> Option<String> {
    let mut meta = None;
    let mut json_ld = None;
    let mut marked_time = None;
    let mut times: Vec<String> = Vec::new();
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(lt) = memchr(b'<', &bytes[at..]).map(|i| at + i) {
        // Only <meta>, <script> and <time> matter, and comments, whose content is skipped:
        // other tags are not read at all.
        if !matches!(bytes.get(lt + 1), Some(b'm' | b'M' | b's' | b'S' | b't' | b'T' | b'!')) {
            at = lt + 1;
            continue;
        }
        let tag = read_tag(html, lt);
        at = tag.end;
        let Kind::Start {
            name: (start, name_end),
            ..
        } = tag.kind
        else {
            continue;
        };
        let name = &html[start..name_end];
        let attributes = || read_attributes(&html[name_end..tag.end]);
        if name.eq_ignore_ascii_case("meta") && meta.is_none() {
            meta = meta_tag_date(&attributes());
        } else if name.eq_ignore_ascii_case("script") {
            let close = raw_text_end(html, tag.end, name);
            let is_json_ld = attributes()
                .iter()
                .any(|(k, v)| k.eq_ignore_ascii_case("type") && v.to_ascii_lowercase().contains("ld+json"));
            if is_json_ld && json_ld.is_none() {
                json_ld = json_ld_date(&html[tag.end..close]);
            }
            at = close;
        } else if name.eq_ignore_ascii_case("time") {
            let attrs = attributes();
            let value = |key: &str| attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v);
            let Some(date) = value("datetime").and_then(|v| numeric_date(v)) else {
                continue;
            };
            let marked = value("pubdate").is_some()
                || value("itemprop").is_some_and(|v| PUBLISHED_JSON.iter().any(|k| k.eq_ignore_ascii_case(v)));
            if marked && marked_time.is_none() {
                marked_time = Some(date.clone());
            }
            times.push(date);
        }
    }
    let agreed = times.first().filter(|first| times.iter().all(|t| t == *first)).cloned();
    meta.or(json_ld).or(marked_time).or(agreed)
}

/// The date of a `<meta>` tag that names a publication date.
fn meta_tag_date(attributes: &[(String, String)]) -> Option<String> {
    let value = |key: &str| {
        attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    };
    let names_date = ["name", "property", "itemprop", "http-equiv"]
        .iter()
        .filter_map(|key| value(key))
        .any(|name| {
            let name = name.trim().to_ascii_lowercase();
            PUBLISHED_META.contains(&name.as_str()) || PUBLISHED_META_PARTS.iter().any(|part| name.contains(part))
        });
    if !names_date {
        return None;
    }
    let content = value("content")?;
    normalize_date(content)
}

/// The first publication date in a JSON-LD block (objects, arrays and `@graph` searched
/// depth first).
fn json_ld_date(block: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(block.trim()).ok()?;
    PUBLISHED_JSON.iter().find_map(|key| find_key(&value, key, 0))
}

/// Depth-first search of `value` for a string under `key` that holds a date.
fn find_key(value: &serde_json::Value, key: &str, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    match value {
        serde_json::Value::Object(map) => {
            if let Some(date) = map.get(key).and_then(|v| v.as_str()).and_then(numeric_date) {
                return Some(date);
            }
            map.values().find_map(|v| find_key(v, key, depth + 1))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| find_key(v, key, depth + 1)),
        _ => None,
    }
}

/// The attributes of a tag, from just after its name to its end: `(name, value)` pairs, the
/// value unquoted (empty for a bare attribute). Character references are left as they are.
fn read_attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_end_matches('>').trim_end_matches('/');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_len == 0 {
            return out;
        }
        let name = rest[..name_len].to_string();
        rest = rest[name_len..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let after = after.trim_start();
        let (value, tail) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &after[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find(|c: char| c.is_ascii_whitespace()).unwrap_or(after.len());
                after.split_at(end)
            }
        };
        out.push((name, value.to_string()));
        rest = tail;
    }
}

/// The date and where it came from: the page's metadata, else a dateline at the start of
/// `text` (the extracted article), else none.
pub(crate) fn page_date(html: &str, text: &str) -> (Option<String>, Option<DateSource>) {
    if let Some(date) = metadata_date(html) {
        return (Some(date), Some(DateSource::Metadata));
    }
    match super::dateline::dateline(text) {
        Some(date) => (Some(date), Some(DateSource::Dateline)),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_from_meta_json_ld_and_time() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                r#"<meta property="article:published_time" content="2019-03-04T10:00:00Z">"#,
                Some("2019-03-04"),
            ),
            (
                r#"<META NAME="DC.date.issued" CONTENT="2020/02/29">"#,
                Some("2020-02-29"),
            ),
            (r#"<meta itemprop=datePublished content=20181130>"#, Some("2018-11-30")),
            (r#"<meta name="description" content="2019-03-04">"#, None),
            (
                r#"<meta property="article:published_time" content="November 19, 2019, 07:47 PM EST">"#,
                Some("2019-11-19"),
            ),
            (r#"<meta name="sn-post-date" content="2019/11/19">"#, Some("2019-11-19")),
            (
                r#"<meta property="article:publisher" content="https://facebook.com/x"><meta name="date" content="2019-01-02">"#,
                Some("2019-01-02"),
            ),
            (r#"<meta property="article:published_time" content="2019-02-30">"#, None),
            (
                r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2017-06-01T08:00"}]}</script>"#,
                Some("2017-06-01"),
            ),
            (
                r#"<script type="application/ld+json">{not json "datePublished":"2017-06-01"}</script>"#,
                None,
            ),
            (
                r#"<p>Posted <time pubdate datetime="2016-05-06">May 6</time></p>"#,
                Some("2016-05-06"),
            ),
            (
                r#"<time datetime="2016-05-06">a</time><time datetime="2016-05-06T09:00">b</time>"#,
                Some("2016-05-06"),
            ),
            // Several different dates (a list of related stories): none is the page's.
            (
                r#"<time datetime="2016-05-06">a</time><time datetime="2015-01-01">b</time>"#,
                None,
            ),
            // Meta tags win over JSON-LD and <time>.
            (
                r#"<time pubdate datetime="2001-01-01"></time><meta name="pubdate" content="2002-02-02">"#,
                Some("2002-02-02"),
            ),
            // Prose, a script and a comment are not metadata.
            ("<p>Its 2003 performance, on 2003-01-01, was its best.</p>", None),
            (
                r#"<script>var d = "<meta name='date' content='2010-01-01'>";</script>"#,
                None,
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(metadata_date(html).as_deref(), *expected, "{html}");
        }
    }
}
