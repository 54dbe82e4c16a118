#![cfg(feature = "html")]
//! Archive records whose length field is wrong (a file converted to LF line ends, spliced, or
//! with a digit flipped) are read up to where the next record truly starts: no record after
//! them is lost, and each one so read is counted.

mod common;

use common::{record, response, TempDir};
use saywho_io::InputFormat;

/// The page of each response record, in order.
const PAGES: [&str; 4] = ["harbour.html", "orchard.html", "harbour.html", "orchard.html"];

fn good(n: usize) -> Vec<u8> {
    response(
        &format!("https://e.example/{n}"),
        &format!("urn:uuid:{n}"),
        "text/html; charset=utf-8",
        &common::fixture(PAGES[n]),
    )
}

/// A response of some 400 bytes whose page says which record it is.
fn small(n: usize) -> Vec<u8> {
    let page = format!(
        "<html><body><article><p>Record {n} of the crawl, the archivist said on Monday, \
         was read whole.</p></article></body></html>"
    );
    response(
        &format!("https://e.example/{n}"),
        &format!("urn:uuid:{n}"),
        "text/html",
        page.as_bytes(),
    )
}

fn request(n: usize) -> Vec<u8> {
    record(
        "request",
        &format!("https://e.example/{n}"),
        &format!("urn:uuid:req{n}"),
        "application/http; msgtype=request",
        b"GET / HTTP/1.1\r\nHost: e.example\r\n\r\n",
    )
}

/// `record` with the first length field after `label` moved by `delta` bytes.
fn misstated(record: &[u8], label: &str, delta: i64) -> Vec<u8> {
    let text = String::from_utf8_lossy(record).into_owned();
    let at = text.find(label).expect("a length field") + label.len();
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    let length: i64 = text[at..at + digits].parse().expect("a length");
    format!("{}{}{}", &text[..at], length + delta, &text[at + digits..]).into_bytes()
}

fn warc_length(record: &[u8], delta: i64) -> Vec<u8> {
    misstated(record, "\r\nContent-Length: ", delta)
}

/// (id, outcome) of each output record, its text, and the count of lengths corrected.
type Run = (Vec<(String, String)>, Vec<String>, u64);

fn run(dir: &TempDir, file: std::path::PathBuf, format: InputFormat) -> Run {
    let (summary, out, _) = common::run(dir, &[file], Some(format), &common::jsonl_options(1));
    assert_eq!(summary.read, summary.extracted + summary.failed);
    let docs = common::json_lines(&out);
    let outcomes = docs
        .iter()
        .map(|d| {
            let id = d["id"].as_str().unwrap_or("").to_string();
            let kind = d["error"]["kind"].as_str().unwrap_or("ok").to_string();
            (id, kind)
        })
        .collect();
    let texts = docs
        .iter()
        .map(|d| d["text"].as_str().unwrap_or("").to_string())
        .collect();
    (outcomes, texts, summary.skipped.wrong_length)
}

/// A case: its name, its records, the outcomes, the lengths corrected, and whether the texts
/// are the clean run's.
type Case = (&'static str, Vec<Vec<u8>>, Vec<(String, String)>, u64, bool);

fn ok(ids: &[&str]) -> Vec<(String, String)> {
    ids.iter().map(|id| (id.to_string(), "ok".to_string())).collect()
}

#[test]
fn a_wrong_content_length_loses_no_record() {
    let dir = TempDir::new("warc-lengths");
    let clean_file = dir.write("clean.warc", &[good(0), good(1), good(2), good(3)].concat());
    let (_, clean_texts, _) = run(&dir, clean_file, InputFormat::Warc);
    let all = ok(&["urn:uuid:0", "urn:uuid:1", "urn:uuid:2", "urn:uuid:3"]);
    let lf_only = |r: Vec<u8>| String::from_utf8_lossy(&r).replace("\r\n", "\n").into_bytes();
    let cases: Vec<Case> = vec![
        ("right", vec![good(0), good(1), good(2), good(3)], all.clone(), 0, true),
        // 40 bytes too long: the block ran into the next record's header.
        (
            "overran",
            vec![good(0), warc_length(&good(1), 40), good(2), good(3)],
            all.clone(),
            1,
            true,
        ),
        // A flipped digit: the block swallowed every record after it.
        (
            "swallowed",
            vec![good(0), warc_length(&good(1), 1_000_000_000), good(2), good(3)],
            all.clone(),
            1,
            true,
        ),
        // 100 bytes too short: the page's tail was where a record should start.
        (
            "short",
            vec![good(0), warc_length(&good(1), -100), good(2), good(3)],
            all.clone(),
            1,
            true,
        ),
        // Skipped records are measured the same way.
        (
            "skipped-overran",
            vec![good(0), warc_length(&request(1), 25), good(2), good(3)],
            ok(&["urn:uuid:0", "urn:uuid:2", "urn:uuid:3"]),
            1,
            false,
        ),
        (
            "skipped-short",
            vec![good(0), warc_length(&request(1), -10), good(2), good(3)],
            ok(&["urn:uuid:0", "urn:uuid:2", "urn:uuid:3"]),
            1,
            false,
        ),
        // Line ends converted to LF: every length is a few bytes too long; the last record,
        // with no record after it to say where it ends, is reported cut short.
        (
            "lf",
            vec![lf_only(good(0)), lf_only(good(1)), lf_only(good(2)), lf_only(good(3))],
            vec![
                ("urn:uuid:0".into(), "ok".into()),
                ("urn:uuid:1".into(), "ok".into()),
                ("urn:uuid:2".into(), "ok".into()),
                ("urn:uuid:3".into(), "truncated_warc".into()),
            ],
            3,
            false,
        ),
        // The last record too short: its tail is followed by no record start, so it is not
        // taken for part of the page but reported.
        (
            "last-short",
            vec![good(0), warc_length(&good(1), -100)],
            vec![
                ("urn:uuid:0".into(), "ok".into()),
                ("urn:uuid:1".into(), "ok".into()),
                ("record-3".into(), "malformed_warc".into()),
            ],
            0,
            false,
        ),
    ];
    for (name, records, expected, corrected, same_texts) in cases {
        for file in common::plain_and_gzipped(&dir, &format!("{name}.warc"), &records) {
            let (outcomes, texts, wrong) = run(&dir, file, InputFormat::Warc);
            assert_eq!(outcomes, expected, "{name}");
            assert_eq!(wrong, corrected, "{name}");
            if same_texts {
                assert_eq!(texts, clean_texts, "{name}");
            }
        }
    }
}

#[test]
fn a_page_that_quotes_a_warc_header_is_not_cut() {
    let dir = TempDir::new("warc-quoted-header");
    let page = b"<html><body><article><p>The archivist said the format has lasted twenty years and \
        is read by every crawler she knows.</p><pre>\r\nWARC/1.0\r\nWARC-Type: response\r\n\r\n</pre>\
        <p>Each record starts with that line, she said, and the length that follows it.</p>\
        </article></body></html>";
    let quoting = response("https://e.example/q", "urn:uuid:q", "text/html", page);
    let file = dir.write("quoting.warc", &[good(0), quoting, good(2)].concat());
    let (outcomes, texts, wrong) = run(&dir, file, InputFormat::Warc);
    assert_eq!(outcomes, ok(&["urn:uuid:0", "urn:uuid:q", "urn:uuid:2"]));
    assert_eq!(wrong, 0);
    assert!(texts[1].contains("length that follows it"), "{}", texts[1]);
}

/// One ARC v1 record: the header line, the content, the newline that ends a record.
fn arc_record(n: usize) -> Vec<u8> {
    let mut content = b"HTTP/1.0 200 OK\r\nContent-type: text/html\r\n\r\n".to_vec();
    content.extend_from_slice(&common::fixture(PAGES[n]));
    let mut out = format!(
        "http://e.example/{n} 192.0.2.7 2025031409010{n} text/html {}\n",
        content.len()
    )
    .into_bytes();
    out.extend_from_slice(&content);
    out.push(b'\n');
    out
}

/// The version block that starts an ARC v1 file.
fn version_block() -> Vec<u8> {
    let fields = b"1 0 Saywho Tests\nURL IP-address Archive-date Content-type Archive-length\n";
    let mut out = format!(
        "filedesc://test.arc 0.0.0.0 20250314090000 text/plain {}\n",
        fields.len()
    )
    .into_bytes();
    out.extend_from_slice(fields);
    out.push(b'\n');
    out
}

/// `record` with the length that ends its header line moved by `delta` bytes.
fn arc_length(record: &[u8], delta: i64) -> Vec<u8> {
    let line_end = record.iter().position(|&b| b == b'\n').expect("a header line");
    let line = String::from_utf8_lossy(&record[..line_end]).into_owned();
    let (fields, length) = line.rsplit_once(' ').expect("fields");
    let length: i64 = length.parse().expect("a length");
    let mut out = format!("{fields} {}", length + delta).into_bytes();
    out.extend_from_slice(&record[line_end..]);
    out
}

#[test]
fn a_wrong_archive_length_loses_no_arc_record() {
    let dir = TempDir::new("arc-lengths");
    let version = version_block();
    let ids: Vec<String> = (0..3)
        .map(|n| format!("2025031409010{n}/http://e.example/{n}"))
        .collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let cases = [
        ("right", [0, 0, 0], 0),
        ("overran", [0, 30, 0], 1),
        ("short", [0, -50, 0], 1),
        ("swallowed", [1_000_000_000, 0, 0], 1),
    ];
    let mut clean_texts = None;
    for (name, deltas, corrected) in cases {
        let mut bytes = version.clone();
        for (n, delta) in deltas.into_iter().enumerate() {
            bytes.extend(arc_length(&arc_record(n), delta));
        }
        let file = dir.write(&format!("{name}.arc"), &bytes);
        let (outcomes, texts, wrong) = run(&dir, file, InputFormat::Arc);
        assert_eq!(outcomes, ok(&ids), "{name}");
        assert_eq!(wrong, corrected, "{name}");
        assert_eq!(&texts, clean_texts.get_or_insert_with(|| texts.clone()), "{name}");
    }
}

#[test]
fn a_length_that_swallowed_more_than_the_size_limit_says_what_it_lost() {
    let dir = TempDir::new("warc-swallowed-many");
    // 300 records of some 400 bytes after the broken one: more than the 4,096-byte limit and
    // the 64 KiB allowed for an HTTP header hold. The length ends past the end of the input,
    // or inside the records, some 100 KB after them.
    let options = saywho_io::Options {
        max_doc_bytes: 4096,
        ..common::jsonl_options(1)
    };
    for (name, delta) in [
        ("past-end", 1_000_000_000),
        ("inside", 100_000),
        ("inside-2", 100_150),
        ("inside-3", 100_300),
    ] {
        let mut records = vec![warc_length(&small(0), delta)];
        records.extend((1..=300).map(small));
        for file in common::plain_and_gzipped(&dir, &format!("{name}.warc"), &records) {
            let (summary, out, _) = common::run(&dir, &[file], Some(InputFormat::Warc), &options);
            let docs = common::json_lines(&out);
            let kind = |d: &serde_json::Value| d["error"]["kind"].as_str().unwrap_or("ok").to_string();
            // The broken record says that bytes were lost.
            assert_eq!(docs[0]["id"], "urn:uuid:0", "{name}");
            assert_eq!(kind(&docs[0]), "malformed_warc", "{name}");
            let message = docs[0]["error"]["message"].as_str().unwrap_or("");
            assert!(message.contains("bytes after them are lost"), "{name}: {message}");
            // The records held come back whole, each with its own text and none spliced
            // with another; after a length that ends inside the input, so do those after it.
            let mut numbers = Vec::new();
            for doc in docs.iter().skip(1).filter(|d| kind(d) == "ok") {
                let id = doc["id"].as_str().unwrap_or("");
                let n: usize = id.trim_start_matches("urn:uuid:").parse().expect("a number");
                let text = doc["text"].as_str().unwrap_or("");
                assert_eq!(text.matches("of the crawl").count(), 1, "{name}: {id}: {text}");
                assert!(
                    text.contains(&format!("Record {n} of the crawl")),
                    "{name}: {id}: {text}"
                );
                numbers.push(n);
            }
            assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{name}: {numbers:?}");
            assert!(numbers.len() > 100, "{name}: most of the 64 KiB held come back");
            assert_eq!(numbers.first(), Some(&1), "{name}");
            if name.starts_with("inside") {
                assert_eq!(numbers.last(), Some(&300), "{name}: the records after the length");
            }
            assert_eq!(summary.read, docs.len() as u64, "{name}");
        }
    }
}

/// Files whose lengths are right are read as they always were, whatever their blocks hold and
/// whatever damage lies between records (from a review of the first version, which took such
/// damage for a wrong length).
#[test]
fn right_lengths_are_never_overridden() {
    let dir = TempDir::new("right-lengths");
    let quoting = |n: usize, filler: usize| {
        let quoted = String::from_utf8_lossy(&good(0)).into_owned();
        let page = format!(
            "<html><body><article><p>The archivist said each record starts with one line.</p>\
             <pre>\n{quoted}</pre>{}<p>Those lines, she said, are read first.</p></article></body></html>",
            "<p>More of the same page, the archivist said again and again.</p>\n".repeat(filler)
        );
        response(
            &format!("https://e.example/{n}"),
            &format!("urn:uuid:{n}"),
            "text/html",
            page.as_bytes(),
        )
    };
    let mut damaged = good(2);
    damaged[0] = b'X';
    let mut spaced = good(1);
    spaced.extend_from_slice(b" \r\n");
    // (name, records, --max-doc-bytes, outcomes)
    type RightCase = (&'static str, Vec<Vec<u8>>, usize, Vec<(String, String)>);
    let cases: Vec<RightCase> = vec![
        (
            "quoting",
            vec![good(0), quoting(1, 0), good(2)],
            5_000_000,
            ok(&["urn:uuid:0", "urn:uuid:1", "urn:uuid:2"]),
        ),
        (
            "quoting-over-limit",
            vec![good(0), quoting(1, 2000), good(2)],
            20_000,
            vec![
                ("urn:uuid:0".into(), "ok".into()),
                ("urn:uuid:1".into(), "too_large".into()),
                ("urn:uuid:2".into(), "ok".into()),
            ],
        ),
        (
            "damaged-start",
            vec![good(0), good(1), damaged, good(3)],
            5_000_000,
            vec![
                ("urn:uuid:0".into(), "ok".into()),
                ("urn:uuid:1".into(), "ok".into()),
                ("record-3".into(), "malformed_warc".into()),
                ("urn:uuid:3".into(), "ok".into()),
            ],
        ),
        (
            "junk-between",
            vec![good(0), b"junk line\n".repeat(20_000), good(1)],
            10_000,
            vec![
                ("urn:uuid:0".into(), "ok".into()),
                ("record-2".into(), "malformed_warc".into()),
                ("urn:uuid:1".into(), "ok".into()),
            ],
        ),
        // A writer that leaves out the blank line after a block, or after each (the blocks
        // then run over the limit as a whole: 200 of some 400 bytes against 2,000 and 64 KiB).
        (
            "glued-one",
            (0..4)
                .map(|n| {
                    if n == 1 {
                        small(n)[..small(n).len() - 4].to_vec()
                    } else {
                        small(n)
                    }
                })
                .collect(),
            5_000_000,
            ok(&["urn:uuid:0", "urn:uuid:1", "urn:uuid:2", "urn:uuid:3"]),
        ),
        (
            "glued-all",
            (0..200).map(|n| small(n)[..small(n).len() - 4].to_vec()).collect(),
            2_000,
            (0..200).map(|n| (format!("urn:uuid:{n}"), "ok".to_string())).collect(),
        ),
        (
            "spaces-after",
            vec![good(0), spaced, good(2)],
            5_000_000,
            ok(&["urn:uuid:0", "urn:uuid:1", "urn:uuid:2"]),
        ),
    ];
    for (name, records, max_doc_bytes, expected) in cases {
        let options = saywho_io::Options {
            max_doc_bytes,
            ..common::jsonl_options(1)
        };
        for file in common::plain_and_gzipped(&dir, &format!("{name}.warc"), &records) {
            let (summary, out, _) = common::run(&dir, &[file], Some(InputFormat::Warc), &options);
            let docs = common::json_lines(&out);
            let outcomes: Vec<(String, String)> = docs
                .iter()
                .map(|d| {
                    let kind = d["error"]["kind"].as_str().unwrap_or("ok");
                    (d["id"].as_str().unwrap_or("").to_string(), kind.to_string())
                })
                .collect();
            assert_eq!(outcomes, expected, "{name}");
            assert_eq!(summary.skipped.wrong_length, 0, "{name}");
            if name == "quoting" {
                let text = docs[1]["text"].as_str().unwrap_or("");
                assert!(text.contains("are read first"), "{name}: {text}");
            }
        }
    }
}

#[test]
fn arc_header_lines_the_reader_accepts_start_records() {
    let dir = TempDir::new("arc-right-lengths");
    let ids: Vec<String> = (0..3)
        .map(|n| format!("2025031409010{n}/http://e.example/{n}"))
        .collect();
    // A trailing space on every header line; a Latin-1 byte in a URL.
    let trailing_space = |r: Vec<u8>| {
        let end = r.iter().position(|&b| b == b'\n').expect("a header line");
        [&r[..end], b" ", &r[end..]].concat()
    };
    let latin1 = |r: Vec<u8>| {
        let text = r.iter().position(|&b| b == b' ').expect("a URL");
        [&r[..text], b"\xe9", &r[text..]].concat()
    };
    let version = version_block();
    // Records without the newline that ends them.
    let glued: Vec<u8> = (0..3)
        .flat_map(|n| {
            let r = arc_record(n);
            r[..r.len() - 1].to_vec()
        })
        .collect();
    let file = dir.write("glued.arc", &[version.clone(), glued].concat());
    let (outcomes, _, wrong) = run(&dir, file, InputFormat::Arc);
    assert_eq!(outcomes.len(), 3, "{outcomes:?}");
    assert!(outcomes.iter().all(|(_, kind)| kind == "ok"), "{outcomes:?}");
    assert_eq!(wrong, 0);
    let spaced: Vec<u8> = (0..3).flat_map(|n| trailing_space(arc_record(n))).collect();
    let file = dir.write("spaced.arc", &[version.clone(), spaced].concat());
    let (outcomes, _, wrong) = run(&dir, file, InputFormat::Arc);
    let ids_ok: Vec<&str> = ids.iter().map(String::as_str).collect();
    assert_eq!(outcomes, ok(&ids_ok));
    assert_eq!(wrong, 0);
    let file = dir.write(
        "latin1.arc",
        &[version, arc_record(0), latin1(arc_record(1)), arc_record(2)].concat(),
    );
    let (outcomes, _, wrong) = run(&dir, file, InputFormat::Arc);
    assert_eq!(outcomes.len(), 3, "{outcomes:?}");
    assert_eq!(outcomes[2], (ids[2].clone(), "ok".to_string()));
    assert_eq!(wrong, 0);
}
