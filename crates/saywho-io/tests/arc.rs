#![cfg(feature = "html")]
//! ARC input (Internet Archive ARC v1, and v2 headers): HTML captures become documents, the
//! version block and non-HTML records are skipped and counted, a record cut short is an error,
//! and a WARC file named `.arc` is not misread.

mod common;

use common::TempDir;
use saywho_io::InputFormat;
use std::path::Path;

/// One ARC v1 record: the header line, the content, the newline that ends a record.
fn arc_record(url: &str, date: &str, mime: &str, content: &[u8]) -> Vec<u8> {
    let mut out = format!("{url} 192.0.2.7 {date} {mime} {}\n", content.len()).into_bytes();
    out.extend_from_slice(content);
    out.push(b'\n');
    out
}

/// The version block that starts an ARC v1 file.
fn version_block() -> Vec<u8> {
    let fields = b"1 0 Saywho Tests\nURL IP-address Archive-date Content-type Archive-length\n";
    arc_record("filedesc://test.arc", "20250314090000", "text/plain", fields)
}

fn http(status: &str, mime: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.0 {status}\r\nContent-type: {mime}\r\nContent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn crawl() -> Vec<Vec<u8>> {
    let harbour = common::fixture("harbour.html");
    let orchard = common::fixture("orchard.html");
    vec![
        version_block(),
        arc_record(
            "http://courier.example/a",
            "20250314090100",
            "text/html",
            &http("200 OK", "text/html; charset=utf-8", &harbour),
        ),
        arc_record(
            "http://courier.example/logo.gif",
            "20250314090101",
            "image/gif",
            b"GIF89a\x01\x00",
        ),
        arc_record(
            "http://courier.example/gone",
            "20250314090102",
            "text/html",
            &http("404 Not Found", "text/html", b"<p>Not here</p>"),
        ),
        arc_record(
            "dns:courier.example",
            "20250314090103",
            "text/dns",
            b"courier.example. 300 IN A 192.0.2.7",
        ),
        // A capture without an HTTP header: the content is the page.
        arc_record("http://gazette.example/b", "20250314090104", "text/html", &orchard),
    ]
}

fn ids(docs: &[serde_json::Value]) -> Vec<&str> {
    docs.iter().map(|d| d["id"].as_str().unwrap_or("?")).collect()
}

#[test]
fn arc_names_are_arc_not_warc() {
    for name in ["IA-001102.arc", "crawl.arc.gz", "CRAWL.ARC.zst"] {
        assert_eq!(InputFormat::detect(Path::new(name)), Some(InputFormat::Arc), "{name}");
    }
    assert_eq!(InputFormat::detect(Path::new("crawl.warc.gz")), Some(InputFormat::Warc));
}

#[test]
fn html_captures_become_documents_and_the_rest_is_counted() {
    let dir = TempDir::new("arc");
    let records = crawl();
    for file in common::plain_and_gzipped(&dir, "crawl.arc", &records) {
        let (summary, out, _) = common::run(&dir, std::slice::from_ref(&file), None, &common::jsonl_options(2));
        let docs = common::json_lines(&out);
        assert_eq!(
            ids(&docs),
            [
                "20250314090100/http://courier.example/a",
                "20250314090104/http://gazette.example/b"
            ],
            "{}",
            file.display()
        );
        assert_eq!((summary.read, summary.extracted, summary.failed), (2, 2, 0));
        let skipped: Vec<(&str, u64)> = summary
            .skipped
            .by_reason
            .iter()
            .map(|(r, n)| (r.as_str(), *n))
            .collect();
        assert_eq!(skipped, [("HTTP status not 2xx", 1), ("filedesc", 1), ("non-HTML", 2)]);
        let a = &docs[0];
        assert_eq!(a["url"], "http://courier.example/a", "the ARC header's URL");
        assert_eq!(a["title"], "Harbour bridge to close for repairs");
        let text = a["text"].as_str().expect("text is emitted for HTML");
        assert!(text.contains("said Marta Kowalski"), "{text}");
        assert!(!a["quotes"].as_array().unwrap().is_empty());
        assert!(docs[1]["text"].as_str().unwrap().contains("Greta Lindqvist"));
    }
}

#[test]
fn v2_headers_give_url_and_length_too() {
    let dir = TempDir::new("arc-v2");
    let page = http("200 OK", "text/html", &common::fixture("orchard.html"));
    let mut bytes = version_block();
    bytes.extend(
        format!(
            "http://gazette.example/b 192.0.2.7 20250314090104 text/html 200 ABCDEF - 0 test.arc {}\n",
            page.len()
        )
        .into_bytes(),
    );
    bytes.extend_from_slice(&page);
    bytes.push(b'\n');
    let file = dir.write("v2.arc", &bytes);
    let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
    assert_eq!((summary.read, summary.extracted), (1, 1));
    assert_eq!(common::json_lines(&out)[0]["url"], "http://gazette.example/b");
}

#[test]
fn a_cut_record_is_an_error_and_ends_the_file() {
    let dir = TempDir::new("arc-cut");
    let records = crawl();
    let mut bytes = records[..2].concat();
    let cut = &records[5];
    bytes.extend_from_slice(&cut[..cut.len() / 2]);
    let file = dir.write("cut.arc", &bytes);
    let (summary, out, errors) = common::run(&dir, &[file], None, &common::jsonl_options(1));
    let docs = common::json_lines(&out);
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(docs[0]["id"], "20250314090100/http://courier.example/a");
    assert_eq!(docs[1]["id"], "20250314090104/http://gazette.example/b");
    assert_eq!(docs[1]["error"]["kind"], "truncated_warc");
    assert_eq!(
        docs[1]["error"]["position"],
        format!("{}:record 3", dir.0.join("cut.arc").display())
    );
    assert_eq!((summary.read, summary.failed), (2, 1));
    assert!(errors.contains("truncated_warc"), "{errors}");
}

#[test]
fn what_is_not_arc_is_one_clear_error() {
    let dir = TempDir::new("arc-bad");
    let warc = common::response("https://e.example/b", "urn:uuid:b", "text/html", b"<p>Hi</p>");
    let cases: [(&str, Vec<u8>, &str); 2] = [
        ("misnamed.arc", warc, "this is a WARC file"),
        (
            "garbage.arc",
            b"this is not an ARC file\n".to_vec(),
            "expected an ARC header line",
        ),
    ];
    for (name, bytes, message) in cases {
        let file = dir.write(name, &bytes);
        let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
        let docs = common::json_lines(&out);
        assert_eq!(docs.len(), 1, "{name}: {docs:?}");
        assert_eq!(docs[0]["error"]["kind"], "malformed_warc", "{name}");
        let got = docs[0]["error"]["message"].as_str().unwrap_or("");
        assert!(got.contains(message), "{name}: {got}");
        assert_eq!((summary.read, summary.failed), (1, 1));
    }
}

#[test]
fn a_header_line_cut_at_the_end_is_truncated_not_malformed() {
    let dir = TempDir::new("arc-cut-header");
    let records = crawl();
    let mut bytes = records[..2].concat();
    let next = &records[5];
    let newline = next.iter().position(|&b| b == b'\n').expect("a header line");
    for cut in [newline / 2, 10, newline] {
        let mut file_bytes = bytes.clone();
        file_bytes.extend_from_slice(&next[..cut]);
        let file = dir.write(&format!("cut-{cut}.arc"), &file_bytes);
        let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
        let docs = common::json_lines(&out);
        assert_eq!(docs.len(), 2, "cut at {cut}: {docs:?}");
        assert_eq!(
            docs[1]["error"]["kind"], "truncated_warc",
            "cut at {cut}: {:?}",
            docs[1]
        );
        assert_eq!((summary.read, summary.failed), (2, 1), "cut at {cut}");
    }
    // A complete line that is not a header is still malformed, even at the end of the file.
    bytes.extend_from_slice(b"not a header\n");
    let file = dir.write("bad-last.arc", &bytes);
    let (_, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
    assert_eq!(common::json_lines(&out)[1]["error"]["kind"], "malformed_warc");
}

#[test]
fn header_lines_have_5_or_10_fields() {
    let dir = TempDir::new("arc-fields");
    let page = http("200 OK", "text/html", &common::fixture("orchard.html"));
    let cases = [
        // A URL with a space in it: six fields.
        ("http://gazette.example/a b 192.0.2.7 20250314090104 text/html", true),
        // Seven: neither v1 nor v2.
        (
            "http://gazette.example/b 192.0.2.7 20250314090104 text/html 200 ABCDEF",
            true,
        ),
        // A v2 line whose URL has a space: eleven.
        (
            "http://gazette.example/a b 192.0.2.7 20250314090104 text/html 200 ABCDEF - 0 test.arc",
            true,
        ),
        ("http://gazette.example/b 192.0.2.7 20250314090104 text/html", false),
        (
            "http://gazette.example/b 192.0.2.7 20250314090104 text/html 200 ABCDEF - 0 test.arc",
            false,
        ),
    ];
    for (i, (fields, malformed)) in cases.into_iter().enumerate() {
        let mut bytes = version_block();
        bytes.extend(format!("{fields} {}\n", page.len()).into_bytes());
        bytes.extend_from_slice(&page);
        bytes.push(b'\n');
        let file = dir.write(&format!("fields-{i}.arc"), &bytes);
        let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
        let docs = common::json_lines(&out);
        assert_eq!(docs.len(), 1, "{fields}: {docs:?}");
        if malformed {
            assert_eq!(docs[0]["error"]["kind"], "malformed_warc", "{fields}");
            let message = docs[0]["error"]["message"].as_str().unwrap_or("");
            assert!(
                message.contains("5 fields") && message.contains("10"),
                "{fields}: {message}"
            );
            if i == 0 {
                assert!(message.contains("found 6 fields (a space in the URL?)"), "{message}");
            }
            assert_eq!(
                (summary.read, summary.failed, summary.skipped.total()),
                (1, 1, 1),
                "{fields}"
            );
        } else {
            assert_eq!(docs[0]["url"], "http://gazette.example/b", "{fields}");
            assert_eq!((summary.read, summary.extracted), (1, 1), "{fields}");
        }
    }
}

#[test]
fn reading_resumes_after_a_malformed_header_line() {
    let dir = TempDir::new("arc-resume");
    let page = |n: usize| {
        http(
            "200 OK",
            "text/html",
            &common::fixture(["harbour.html", "orchard.html"][n % 2]),
        )
    };
    let mut bytes = version_block();
    bytes.extend(arc_record(
        "http://e.example/0",
        "20250314090100",
        "text/html",
        &page(0),
    ));
    // A space in the URL: six fields.
    bytes.extend(arc_record(
        "http://e.example/a b",
        "20250314090101",
        "text/html",
        &page(1),
    ));
    bytes.extend(arc_record(
        "http://e.example/2",
        "20250314090102",
        "text/html",
        &page(2),
    ));
    let file = dir.write("spaced.arc", &bytes);
    let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
    let docs = common::json_lines(&out);
    let got: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap_or(""),
                d["error"]["kind"].as_str().unwrap_or("ok"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("20250314090100/http://e.example/0", "ok"),
            ("record-3", "malformed_warc"),
            ("20250314090102/http://e.example/2", "ok"),
        ]
    );
    assert_eq!((summary.read, summary.failed), (3, 1));
}
