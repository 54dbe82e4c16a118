//! Tests of our patches to the vendored trafilatura (`vendor/trafilatura/PATCHES.md`): each
//! was made to cost less, never to change what a page gives, and these hold it to that.

use std::io::Read;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The published `trim`: a soft-hyphen-free copy, split on whitespace, joined, NFC.
fn published_trim(s: &str) -> String {
    let no_soft_hyphen: String = s.chars().filter(|&c| c != '\u{00AD}').collect();
    let joined = no_soft_hyphen.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.nfc().collect()
}

#[test]
fn trim_gives_what_the_published_trim_gave() {
    let cases = [
        "",
        "\u{AD}",
        " \u{AD} ",
        "a\u{AD}b",
        "a \u{AD} b",
        "\u{201C}Curly,\u{201D} she said \u{2014} twice.",
        "u\u{308}ber, cafe\u{301}, \u{1100}\u{1161}",
        "a\u{2000}b\u{2001}c\u{A0}d\u{3000}e\u{85}f\u{2028}g\u{202F}h\u{205F}i\u{1680}j",
        "\u{212B}ngstr\u{F6}m \u{2126}, a\u{323}\u{307} q\u{307}\u{323}",
        "\t\r\n mixed \x0B\x0C ascii \t",
        "\x1C\x1Dcontrol\x1F not space\u{85}",
        "one two  three \u{201C}four\u{201D} \u{A0}five\u{A0} six \u{2029}",
    ];
    for case in cases {
        assert_eq!(trafilatura::utils::trim(case), published_trim(case), "{case:?}");
    }
    // Every string of four characters from an alphabet with each kind of byte `trim` tells
    // apart: ASCII letters, the space, other ASCII whitespace, non-ASCII whitespace of two and
    // three bytes, the soft hyphen, precomposed and combining letters, a curly quote.
    let alphabet = [
        'a', ' ', '\t', '\u{A0}', '\u{AD}', '\u{E9}', '\u{301}', '\u{2003}', '\u{201C}', '\u{3000}',
    ];
    let mut text = String::new();
    for n in 0..alphabet.len().pow(4) {
        text.clear();
        let mut digits = n;
        for _ in 0..4 {
            text.push(alphabet[digits % alphabet.len()]);
            digits /= alphabet.len();
        }
        assert_eq!(trafilatura::utils::trim(&text), published_trim(&text), "{text:?}");
    }
}

/// The paragraphs of a page by its content tree, and by the HTML trafilatura would have
/// serialised from that tree.
fn by_tree_and_by_html(html: &str) -> Option<(String, String)> {
    let options = super::options().with_content_tree(true);
    let by_tree = super::text_of(&trafilatura::extract(html, &options).ok()?);
    let options = super::options().with_content_tree(false);
    let result = trafilatura::extract(html, &options).ok()?;
    assert!(result.content_tree.is_none());
    Some((by_tree, super::text_of(&result)))
}

#[test]
fn the_content_tree_gives_the_paragraphs_its_html_gave() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pages: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    let benchmark = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/article-extraction/html");
    match std::fs::read_dir(&benchmark) {
        Ok(entries) => pages.extend(entries.flatten().map(|e| e.path())),
        Err(_) => eprintln!("skipping the 91 benchmark pages: {} is absent", benchmark.display()),
    }
    let mut compared = 0;
    for path in pages {
        let name = path.to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).expect("page");
        let html = if name.ends_with(".gz") {
            let mut html = String::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_string(&mut html)
                .expect("gzip");
            html
        } else if name.ends_with(".html") {
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            continue;
        };
        if let Some((by_tree, by_html)) = by_tree_and_by_html(&html) {
            assert_eq!(by_tree, by_html, "{name}");
            compared += 1;
        }
    }
    assert!(compared >= 10, "only {compared} pages compared");
}
