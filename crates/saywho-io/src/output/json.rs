//! A document's JSONL line, written directly: the same bytes as `serde_json::to_writer` of an
//! [`Output`] (a test checks it), in about half the time. Strings, most of a line, are
//! escaped by scanning eight bytes at a time for the few that need it, and the record's
//! shape is written field by field instead of through serde's flattened map.

use crate::doc::Output;
use saywho_record::{EntityRecord, QuoteRecord, SpeakerRecord, TextSpan};

/// Appends the compact JSON of `out` (no newline) to `buf`.
pub(super) fn write_output(buf: &mut Vec<u8>, out: &Output) {
    let r = &out.record;
    buf.extend_from_slice(b"{\"schema_version\":");
    string(buf, &r.schema_version);
    buf.extend_from_slice(b",\"id\":");
    string(buf, &r.id);
    buf.extend_from_slice(b",\"quotes\":[");
    for (i, q) in r.quotes.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        quote(buf, q);
    }
    buf.extend_from_slice(b"],\"entities\":[");
    for (i, e) in r.entities.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        entity(buf, e);
    }
    buf.push(b']');
    let m = &out.meta;
    let date_source = m.date_source.map(|d| d.as_str());
    // In the order of `Meta`'s fields, then the text: serde's order.
    let fields = [
        ("url", m.url.as_deref()),
        ("title", m.title.as_deref()),
        ("author", m.author.as_deref()),
        ("date", m.date.as_deref()),
        ("outlet", m.outlet.as_deref()),
        ("date_source", date_source),
        ("text", out.text.as_deref()),
    ];
    for (name, value) in fields {
        if let Some(v) = value {
            buf.extend_from_slice(b",\"");
            buf.extend_from_slice(name.as_bytes());
            buf.extend_from_slice(b"\":");
            string(buf, v);
        }
    }
    buf.push(b'}');
}

fn quote(buf: &mut Vec<u8>, q: &QuoteRecord) {
    buf.extend_from_slice(b"{\"text\":");
    string(buf, &q.text);
    buf.extend_from_slice(b",\"start\":");
    number(buf, q.start);
    buf.extend_from_slice(b",\"end\":");
    number(buf, q.end);
    buf.extend_from_slice(b",\"kind\":\"");
    buf.extend_from_slice(q.kind.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"group\":");
    number(buf, q.group);
    buf.extend_from_slice(b",\"cue\":");
    optional_span(buf, q.cue.as_ref());
    buf.extend_from_slice(b",\"speaker\":");
    match &q.speaker {
        Some(s) => speaker(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"channel\":");
    match &q.channel {
        Some(c) => string(buf, c),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"confidence\":");
    // serde_json's own float formatting (shortest round-trip digits; null when not finite).
    if serde_json::to_writer(&mut *buf, &q.confidence).is_err() {
        buf.extend_from_slice(b"null");
    }
    buf.push(b'}');
}

fn speaker(buf: &mut Vec<u8>, s: &SpeakerRecord) {
    buf.extend_from_slice(b"{\"name\":");
    string(buf, &s.name);
    buf.extend_from_slice(b",\"entity\":");
    number(buf, s.entity);
    buf.extend_from_slice(b",\"mention\":");
    optional_span(buf, s.mention.as_ref());
    buf.push(b'}');
}

fn entity(buf: &mut Vec<u8>, e: &EntityRecord) {
    buf.extend_from_slice(b"{\"id\":");
    number(buf, e.id);
    buf.extend_from_slice(b",\"name\":");
    string(buf, &e.name);
    buf.extend_from_slice(b",\"key\":");
    match &e.key {
        Some(k) => string(buf, k),
        None => buf.extend_from_slice(b"null"),
    }
    buf.extend_from_slice(b",\"type\":\"");
    buf.extend_from_slice(e.kind.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"gender\":\"");
    buf.extend_from_slice(e.gender.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"gender_source\":\"");
    buf.extend_from_slice(e.gender_source.as_str().as_bytes());
    buf.extend_from_slice(b"\",\"mentions\":[");
    for (i, m) in e.mentions.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        span(buf, m);
    }
    buf.extend_from_slice(b"]}");
}

fn optional_span(buf: &mut Vec<u8>, s: Option<&TextSpan>) {
    match s {
        Some(s) => span(buf, s),
        None => buf.extend_from_slice(b"null"),
    }
}

fn span(buf: &mut Vec<u8>, s: &TextSpan) {
    buf.extend_from_slice(b"{\"text\":");
    string(buf, &s.text);
    buf.extend_from_slice(b",\"start\":");
    number(buf, s.start);
    buf.extend_from_slice(b",\"end\":");
    number(buf, s.end);
    buf.push(b'}');
}

/// "00" to "99": the two digits of each number below 100.
const DIGIT_PAIRS: [u8; 200] = {
    let mut pairs = [0u8; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
};

/// A non-negative integer in decimal, two digits at a time (a division per digit pair, not
/// per digit: offsets are mostly four to six digits long).
fn number(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while n >= 100 {
        let pair = n % 100 * 2;
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        at -= 2;
        digits[at..at + 2].copy_from_slice(&DIGIT_PAIRS[n * 2..n * 2 + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + n as u8;
    }
    buf.extend_from_slice(&digits[at..]);
}

/// The high bit of each byte of `w` below 0x20, `"` or `\\`, and maybe of bytes above the
/// lowest such (a borrow carries up); the lowest bit set is always exact, as nothing borrows
/// below the first byte found.
#[inline]
fn special_bytes(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The classic test for a zero byte, on `w` xor the byte sought; and for bytes below 0x20.
    // The three at once, without a branch for each.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x;
    (zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\'))) | (w.wrapping_sub(ONES * 0x20) & !w))
        & HIGH
}

/// The bytes of `tail` (fewer than eight) as a little-endian word, padded with spaces, which
/// need no escape.
#[inline]
fn tail_word(tail: &[u8]) -> u64 {
    let mut padded = [b' '; 8];
    let len = tail.len().min(8);
    padded[..len].copy_from_slice(&tail[..len]);
    u64::from_le_bytes(padded)
}

/// `s` as a JSON string, escaped as serde_json escapes it: `\"`, `\\`, the short escapes of
/// backspace, form feed, newline, carriage return and tab, `\u00XX` (lower-case hex) for the
/// other control characters; everything else as it is.
fn string(buf: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    buf.push(b'"');
    let mut run = 0; // start of the bytes not yet copied
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes with nothing to escape: skip them at once; so too the last few, padded
        // with a byte that needs none (a byte at a time they cost more than the rest of a
        // short string).
        let w = match bytes.get(i..i + 8) {
            Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or([b'"'; 8])),
            None => tail_word(&bytes[i..]),
        };
        let special = special_bytes(w);
        if special == 0 {
            i = (i + 8).min(bytes.len());
            continue;
        }
        // Straight to the first byte to escape, not a byte at a time through those before it
        // (each a word's test again); never into the padding, which needs no escape.
        i += (special.trailing_zeros() / 8) as usize;
        let b = bytes[i];
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0..=0x1F => b"",
            _ => {
                i += 1;
                continue;
            }
        };
        buf.extend_from_slice(&bytes[run..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ]);
        } else {
            buf.extend_from_slice(escape);
        }
        i += 1;
        run = i;
    }
    buf.extend_from_slice(&bytes[run..]);
    buf.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use saywho_record::{DateSource, Meta};

    fn same_as_serde(out: &Output) {
        let mut mine = Vec::new();
        write_output(&mut mine, out);
        let theirs = serde_json::to_vec(out).unwrap();
        assert_eq!(String::from_utf8_lossy(&mine), String::from_utf8_lossy(&theirs));
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let engine = saywho::Engine::new();
        let texts = [
            "“We will never break,” John Legend wrote on Twitter. He added: \"Yes\\no\" \u{1}\u{1f}\t.",
            "The mayor said the plan failed.\r\n“It’s over,” she told CTV News. Ann Lee, a résumé writer, agreed.",
            "",
        ];
        for (i, text) in texts.iter().enumerate() {
            let record = engine.extract(&format!("doc \"{i}\"\n"), text).unwrap();
            same_as_serde(&Output {
                record: record.clone(),
                meta: Meta::default(),
                text: None,
            });
            same_as_serde(&Output {
                record,
                meta: Meta {
                    url: Some("https://x.invalid/a?b=\"c\"".into()),
                    title: None,
                    author: Some("Ann \u{7f} Lee".into()),
                    date: Some("2024-01-02".into()),
                    outlet: Some("BBC".into()),
                    date_source: Some(DateSource::Dateline),
                },
                text: Some(text.to_string()),
            });
        }
    }

    #[test]
    fn escapes_every_byte_as_serde_json_does() {
        let all: String = (0u8..0x80).map(char::from).chain("é—🎉".chars()).collect();
        for len in 0..all.len() {
            let Some(s) = all.get(len..) else { continue };
            let mut mine = Vec::new();
            string(&mut mine, s);
            assert_eq!(mine, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        for n in [0usize, 7, 9, 10, 11, 99, 100, 101, 999, 1000, 12345, 123456, usize::MAX] {
            let mut mine = Vec::new();
            number(&mut mine, n);
            assert_eq!(mine, n.to_string().into_bytes());
        }
    }
}
