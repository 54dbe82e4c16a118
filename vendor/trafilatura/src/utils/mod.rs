// Modified by saywho (2026-12-03): the changes are marked [saywho patch]; see PATCHES.md.
// Port of go-trafilatura/utils-common.go

pub mod language;
pub(crate) mod lru;
pub(crate) mod regex_patterns;
pub(crate) mod text;
pub(crate) mod url;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::dom::{Document, NodeId};

/// Collapses internal whitespace and trims leading/trailing spaces.
/// Equivalent to Go's `strings.Join(strings.Fields(s), " ")`.
///
/// Also strips U+00AD (SOFT HYPHEN) characters, matching Go's html.Parse behavior
/// which removes them from text nodes during parsing.
///
/// Applies Unicode NFC normalization, matching Go's html.Parse which normalizes
/// NFD-encoded text (e.g. `u + U+0308` → `ü`) to NFC.
///
/// Port of `trim`.
pub fn trim(s: &str) -> String {
    // One pass strips soft hyphens (U+00AD; Go's HTML parser removes them during
    // tokenization) and collapses Unicode whitespace (`char::is_whitespace`, as
    // `split_whitespace` does) into single spaces, dropping it at both ends. Runs of kept
    // bytes, single spaces between words included, are copied whole; only the lead bytes of
    // the characters that may be whitespace or a soft hyphen are decoded.
    // [saywho patch: was three passes, a soft-hyphen-free copy, a Vec of words and a join.]
    let bytes = s.as_bytes();
    let mut joined = String::with_capacity(s.len());
    let mut space_pending = false;
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // [saywho patch: sixteen bytes at a time while they are words and single spaces, which
        // the byte loop below would pass over one by one without changing anything.]
        if let Some(block) = bytes.get(i..i + 16) {
            if plain_block(block) && (bytes[i] != b' ' || i > run_start) {
                i += 16;
                continue;
            }
        }
        let block_end = (i + 16).min(bytes.len());
        while i < block_end {
            trim_step(
                s,
                bytes,
                &mut i,
                &mut run_start,
                &mut joined,
                &mut space_pending,
            );
        }
    }
    trim_flush(&mut joined, &s[run_start..], &mut space_pending);
    // NFC normalization — Go's html.Parse normalizes NFD decomposed chars to NFC.
    // [saywho patch: text the quick check proves normalized (all ASCII text, nearly all
    // text) is returned as it is; normalizing it again through the char iterator cost
    // about a fifth of a page's extraction. NFC is idempotent, so the output is the same.]
    if joined.is_ascii() || is_nfc_quick(joined.chars()) == IsNormalized::Yes {
        return joined;
    }
    joined.nfc().collect()
}

/// Whether `block` (sixteen bytes) is only bytes [`trim`] keeps and single spaces between them:
/// no byte below 0x20 (ASCII whitespace but the space; control characters, kept, only miss this
/// shortcut), no lead byte of a block holding other whitespace or the soft hyphen, no two spaces
/// in a row, no space last (the byte after it is not looked at). Written as folds without early
/// exits, so that the compiler compares the sixteen bytes together. [saywho patch]
#[inline]
fn plain_block(block: &[u8]) -> bool {
    let odd = block.iter().fold(false, |odd, &b| {
        odd | (b < 0x20) | (b == 0xC2) | (b == 0xE1) | (b == 0xE2) | (b == 0xE3)
    });
    let doubled = block[..block.len() - 1]
        .iter()
        .zip(&block[1..])
        .fold(false, |doubled, (&a, &b)| {
            doubled | ((a == b' ') & (b == b' '))
        });
    !odd && !doubled && block.last() != Some(&b' ')
}

/// One step of [`trim`]'s byte loop at `*i`. [saywho patch: the loop's body, moved out of it]
#[inline]
fn trim_step(
    s: &str,
    bytes: &[u8],
    i: &mut usize,
    run_start: &mut usize,
    joined: &mut String,
    space_pending: &mut bool,
) {
    let at = *i;
    match TRIM_CLASS[bytes[at] as usize] {
        TRIM_KEPT => *i += 1,
        TRIM_SPACE
            if at > *run_start
                && bytes.get(at + 1).map(|&b| TRIM_CLASS[b as usize]) == Some(TRIM_KEPT) =>
        {
            *i += 1
        }
        TRIM_DECODE => {
            let c = s[at..].chars().next().unwrap_or('\0');
            let is_space = c.is_whitespace();
            if is_space || c == '\u{00AD}' {
                trim_flush(joined, &s[*run_start..at], space_pending);
                *space_pending |= is_space;
                *run_start = at + c.len_utf8();
            }
            *i += c.len_utf8();
        }
        _ => {
            trim_flush(joined, &s[*run_start..at], space_pending);
            *space_pending = true;
            *i += 1;
            *run_start = *i;
        }
    }
}

/// Appends a run of kept bytes to `joined`, after a space when whitespace came before it and
/// `joined` has text. [saywho patch: was a function inside `trim`]
fn trim_flush(joined: &mut String, run: &str, space_pending: &mut bool) {
    if !run.is_empty() {
        if *space_pending && !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(run);
        *space_pending = false;
    }
}

/// [`trim`]'s byte classes: bytes kept as they are (ASCII other than whitespace, UTF-8
/// continuation bytes, lead bytes of characters that are never whitespace or U+00AD), the
/// ASCII space, the other ASCII whitespace, and the lead bytes of the blocks holding the
/// other whitespace and the soft hyphen, to decode: 0xC2 (U+0080..U+00BF: U+0085, U+00A0,
/// U+00AD), 0xE1 (U+1000..U+1FFF: U+1680), 0xE2 (U+2000..U+2FFF: U+2000..U+200A, U+2028,
/// U+2029, U+202F, U+205F) and 0xE3 (U+3000..U+3FFF: U+3000). [saywho patch]
const TRIM_KEPT: u8 = 0;
const TRIM_SPACE: u8 = 1;
const TRIM_OTHER_SPACE: u8 = 2;
const TRIM_DECODE: u8 = 3;
static TRIM_CLASS: [u8; 256] = {
    let mut class = [TRIM_KEPT; 256];
    class[b' ' as usize] = TRIM_SPACE;
    class[b'\t' as usize] = TRIM_OTHER_SPACE;
    class[b'\n' as usize] = TRIM_OTHER_SPACE;
    class[0x0B] = TRIM_OTHER_SPACE;
    class[0x0C] = TRIM_OTHER_SPACE;
    class[b'\r' as usize] = TRIM_OTHER_SPACE;
    class[0xC2] = TRIM_DECODE;
    class[0xE1] = TRIM_DECODE;
    class[0xE2] = TRIM_DECODE;
    class[0xE3] = TRIM_DECODE;
    class
};

/// Counts words (whitespace-delimited tokens) in a string.
///
/// Port of `strWordCount`.
pub(crate) fn str_word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Returns the first non-empty string from the arguments.
///
/// Port of `strOr`.
pub(crate) fn str_or<'a>(args: &[&'a str]) -> &'a str {
    args.iter().find(|&&s| !s.is_empty()).copied().unwrap_or("")
}

/// Checks if an element has a valid image `src` or `data-src` attribute.
///
/// Port of `isImageElement`.
pub(crate) fn is_image_element(doc: &Document, id: NodeId) -> bool {
    for attr_name in ["src", "data-src", "data-srcset"] {
        if let Some(val) = doc.get_attribute(id, attr_name) {
            if is_image_file(&val) {
                return true;
            }
        }
    }
    // Also check any attribute starting with "data-src".
    for attr in doc.attribute_names(id) {
        if attr.starts_with("data-src") {
            if let Some(val) = doc.get_attribute(id, &attr) {
                if is_image_file(&val) {
                    return true;
                }
            }
        }
    }
    false
}

/// Checks whether a file path/URL appears to point to an image file.
///
/// Port of `isImageFile`.
pub(crate) fn is_image_file(src: &str) -> bool {
    if src.is_empty() {
        return false;
    }

    // Extract just the path portion before any query string.
    let path_part = src.split('?').next().unwrap_or(src);

    let ext = path_part
        .split('/')
        .next_back()
        .unwrap_or_default()
        .split('.')
        .next_back()
        .unwrap_or_default();

    let ext_lower = ext.to_lowercase();
    matches!(
        ext_lower.as_str(),
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" | "bmp" | "avif" | "tiff" | "tif" | "ico"
    )
}

/// Deduplicate a list of strings split from comma/semicolon-separated inputs.
/// Strips quotes and trims whitespace from each entry.
///
/// Port of `uniquifyLists`.
pub(crate) fn uniquify_lists(inputs: &[&str]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut result = Vec::new();

    for &input in inputs {
        // Choose separator: whichever is more common.
        let sep = if input.chars().filter(|&c| c == ';').count()
            > input.chars().filter(|&c| c == ',').count()
        {
            ';'
        } else {
            ','
        };

        for entry in input.split(sep) {
            let entry = trim(entry).replace(['"', '\''], "");
            if !entry.is_empty() && seen.insert(entry.clone()) {
                result.push(entry);
            }
        }
    }

    result
}

/// Removes characters that are neither printable nor whitespace.
///
/// Port of Go's `removeControlCharacters` (keeps `unicode.IsPrint || IsSpace`).
/// Rust has no `is_printable`; this approximation keeps all whitespace
/// (matching Go's `IsSpace`) and drops control characters (`Cc`). Format
/// characters (`Cf`, e.g. zero-width space) are kept where Go removes them —
/// a cosmetic divergence noted in DEVIATIONS.md.
pub(crate) fn remove_control_characters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_whitespace() || !c.is_control())
        .collect()
}

/// Decodes common HTML entities in a string.
///
/// Handles named entities (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`, etc.)
/// and numeric references (`&#NNN;`, `&#xHHH;`).
pub(crate) fn unescape_html(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }

    let mut result = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();

    while let Some((_, ch)) = chars.next() {
        if ch != '&' {
            result.push(ch);
            continue;
        }

        // Collect entity name up to ';' or a non-entity character.
        // Use peek() so that the terminating character is NOT consumed when
        // the guard fires — the outer loop will process it on the next iteration.
        let mut entity = String::new();
        let mut found_semi = false;

        while let Some(&(_, ec)) = chars.peek() {
            if ec == ';' {
                chars.next();
                found_semi = true;
                break;
            }
            if entity.len() > 12 || (!ec.is_alphanumeric() && ec != '#') {
                // Leave ec unconsumed so the outer loop handles it normally.
                break;
            }
            chars.next();
            entity.push(ec);
        }

        let decoded: Option<&str> = match entity.as_str() {
            "amp" => Some("&"),
            "lt" => Some("<"),
            "gt" => Some(">"),
            "quot" => Some("\""),
            "apos" => Some("'"),
            "nbsp" => Some("\u{00A0}"),
            "ndash" => Some("\u{2013}"),
            "mdash" => Some("\u{2014}"),
            "hellip" => Some("\u{2026}"),
            "laquo" => Some("\u{00AB}"),
            "raquo" => Some("\u{00BB}"),
            "copy" => Some("\u{00A9}"),
            "reg" => Some("\u{00AE}"),
            "trade" => Some("\u{2122}"),
            _ => None,
        };

        if let Some(d) = decoded {
            result.push_str(d);
            continue;
        }

        // Numeric character references — valid both with and without semicolon
        // (HTML5 spec §13.2.5.72 allows omitting ';' for numeric refs).
        if let Some(stripped) = entity.strip_prefix('#') {
            let cp = if let Some(hex) = stripped
                .strip_prefix('x')
                .or_else(|| stripped.strip_prefix('X'))
            {
                u32::from_str_radix(hex, 16).ok()
            } else {
                stripped.parse::<u32>().ok()
            };
            if let Some(c) = cp.and_then(char::from_u32) {
                result.push(c);
                continue;
            }
        }

        if !found_semi {
            // Named entity without semicolon and not a known legacy entity — emit literally.
            result.push('&');
            result.push_str(&entity);
            continue;
        }

        // Unknown entity with semicolon — emit literally.
        result.push('&');
        result.push_str(&entity);
        result.push(';');
    }

    result
}

/// Removes characters in common emoji Unicode ranges.
///
/// Approximates `gomoji.RemoveEmojis` from go-trafilatura.
/// Covers: Misc Symbols/Dingbats (U+2600–U+27BF), Supplemental Arrows &
/// Dingbats (U+2900–U+2BFF), supplementary emoji planes (U+1F000–U+1FFFF),
/// variation selectors (U+FE00–U+FE0F), and the Tags block (U+E0000–U+E007F).
pub(crate) fn remove_emojis(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            let cp = c as u32;
            !matches!(
                cp,
                0x2600..=0x27BF    // Misc Symbols, Dingbats
                | 0x2900..=0x2BFF  // Supplemental Arrows, Misc Symbols & Arrows
                | 0x1F000..=0x1FFFF // Supplementary multilingual plane (emoji)
                | 0xFE00..=0xFE0F  // Variation selectors
                | 0xE0000..=0xE007F // Tags block
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_trim() {
        assert_eq!(trim("  hello   world  "), "hello world");
        assert_eq!(trim("single"), "single");
        assert_eq!(trim(""), "");
        assert_eq!(trim("  "), "");
        assert_eq!(trim("a  b\tc"), "a b c");
    }

    /// [saywho patch] The one-pass `trim` gives what the published three-pass one gave.
    #[test]
    fn trim_matches_the_three_pass_original() {
        fn original(s: &str) -> String {
            let no_soft_hyphen: String = s.chars().filter(|&c| c != '\u{00AD}').collect();
            let joined = no_soft_hyphen
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            joined.nfc().collect()
        }
        let cases = [
            "",
            " \u{AD} ",
            "a\u{AD}b",
            "a \u{AD} b",
            "\u{AD}  lead and trail \u{AD}",
            "\u{201C}Curly,\u{201D} she said \u{2014} twice.",
            "u\u{308}ber, cafe\u{301}, \u{1100}\u{1161}",
            "x \u{301}y\n\u{301}",
            "a\u{2000}b\u{2001}c\u{00A0}d\u{3000}e\u{85}f\u{2028}g",
            "\u{212B}ngstr\u{F6}m \u{2126}",
            "a\u{323}\u{307} q\u{307}\u{323}",
            "\u{0915}\u{093C} \u{FB2A} \u{1E9B}\u{0323}",
            "\t\r\n mixed \x0B\x0C ascii \t",
            "\x1C\x1Dcontrol\x1F not space\u{85}",
            "e\u{AD}\u{301} \u{AD}\u{301}x",
            "\u{AD}",
            "caf\u{E9}\u{AD}s \u{202F} \u{205F}\u{1680}end",
            "one two  three \u{201C}four\u{201D} \u{A0}five\u{A0} six \u{2029}",
            "a b c d",
            " a",
            "a ",
            "a \u{E9} \u{E9}\u{E9} b\u{AD} \u{AD}c",
        ];
        // saywho runs every four-character string of an alphabet with each byte class
        // through both (crates/saywho-io/src/html/vendored_patches.rs in saywho).
        for case in cases {
            assert_eq!(trim(case), original(case), "{case:?}");
        }
    }

    #[test]
    fn test_str_word_count() {
        assert_eq!(str_word_count("hello world"), 2);
        assert_eq!(str_word_count("  one  two  three  "), 3);
        assert_eq!(str_word_count(""), 0);
        assert_eq!(str_word_count("single"), 1);
    }

    #[test]
    fn test_str_or() {
        assert_eq!(str_or(&["", "second", "third"]), "second");
        assert_eq!(str_or(&["first", "second"]), "first");
        assert_eq!(str_or(&["", ""]), "");
        assert_eq!(str_or(&[]), "");
    }

    #[test]
    fn test_is_image_file() {
        assert!(is_image_file("photo.jpg"));
        assert!(is_image_file("/photo.jpg"));
        assert!(is_image_file("image.PNG"));
        assert!(is_image_file(
            "https://cdn.example.com/img/photo.webp?size=large"
        ));
        assert!(is_image_file("//cdn.example.com/img/photo.webp?size=large"));
        assert!(!is_image_file("document.pdf"));
        assert!(!is_image_file("script.js"));
        assert!(!is_image_file(""));
        assert!(!is_image_file("noextension"));
    }

    #[test]
    fn test_uniquify_lists() {
        let result = uniquify_lists(&["one, two, three", "two, four"]);
        assert!(result.contains(&"one".to_string()));
        assert!(result.contains(&"two".to_string()));
        assert!(result.contains(&"three".to_string()));
        assert!(result.contains(&"four".to_string()));
        // "two" should appear only once.
        assert_eq!(result.iter().filter(|&s| s == "two").count(), 1);
    }

    #[test]
    fn test_uniquify_lists_semicolon() {
        let result = uniquify_lists(&["alpha; beta; gamma"]);
        assert_eq!(result.len(), 3);
    }

    #[test]
    fn test_uniquify_lists_strips_quotes() {
        let result = uniquify_lists(&[r#""rust", "python""#]);
        assert!(result.contains(&"rust".to_string()));
        assert!(result.contains(&"python".to_string()));
    }

    #[test]
    fn test_unescape_html_common_entities() {
        assert_eq!(unescape_html("&amp;"), "&");
        assert_eq!(unescape_html("&lt;tag&gt;"), "<tag>");
        assert_eq!(unescape_html("&quot;hello&quot;"), "\"hello\"");
        assert_eq!(unescape_html("A &amp; B"), "A & B");
        assert_eq!(unescape_html("no entities"), "no entities");
    }

    #[test]
    fn test_unescape_html_numeric_refs() {
        assert_eq!(unescape_html("&#65;"), "A");
        assert_eq!(unescape_html("&#x41;"), "A");
        assert_eq!(unescape_html("&#x1F600;"), "\u{1F600}");
    }

    #[test]
    fn test_unescape_html_long_entity_no_corruption() {
        // Entity names longer than 12 chars should be emitted literally without
        // swallowing the terminating character.
        let input = "&verylongentityname; rest";
        let result = unescape_html(input);
        // The long unknown entity is emitted literally; " rest" must follow intact.
        assert!(result.ends_with(" rest"), "got: {result}");
        assert!(result.contains('&'), "got: {result}");
    }

    #[test]
    fn test_unescape_html_non_entity_ampersand() {
        // Ampersand not followed by a semicolon should be emitted literally.
        assert_eq!(unescape_html("a & b"), "a & b");
    }

    #[test]
    fn test_remove_emojis_basic() {
        // U+1F600 (😀) — supplementary plane, should be removed.
        assert_eq!(remove_emojis("hello \u{1F600} world"), "hello  world");
        // U+2764 (❤) — in Misc Symbols range, removed.
        assert_eq!(remove_emojis("love \u{2764}"), "love ");
        // ASCII should not be affected.
        assert_eq!(remove_emojis("plain text"), "plain text");
    }

    #[test]
    fn test_remove_emojis_extended_ranges() {
        // U+2B50 (⭐) — in 0x2900–0x2BFF range, should now be removed.
        assert_eq!(remove_emojis("rating \u{2B50}"), "rating ");
        // U+2B06 (⬆) — also in that range.
        assert_eq!(remove_emojis("up \u{2B06}"), "up ");
    }
}
