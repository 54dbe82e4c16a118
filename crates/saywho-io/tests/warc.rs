#![cfg(feature = "html")]
//! WARC input: HTML responses become documents with the page's metadata and the text the
//! offsets refer to; other records are skipped and counted; per-record gzip is read.

mod common;

use common::{record, response, TempDir};

fn crawl() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            "",
            "urn:uuid:0",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "https://courier.example/a",
            "urn:uuid:r1",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\nHost: courier.example\r\n\r\n",
        ),
        response(
            "https://courier.example/a",
            "urn:uuid:a",
            "text/html; charset=utf-8",
            &common::fixture("harbour.html"),
        ),
        record(
            "metadata",
            "https://courier.example/a",
            "urn:uuid:m1",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        response(
            "https://courier.example/logo.png",
            "urn:uuid:img",
            "image/png",
            b"\x89PNG\r\n",
        ),
        response(
            "https://gazette.example/b",
            "urn:uuid:b",
            "text/html",
            &common::fixture("orchard.html"),
        ),
    ]
}

#[test]
fn html_responses_become_documents_and_the_rest_is_counted() {
    let dir = TempDir::new("warc");
    let records = crawl();
    for file in common::plain_and_gzipped(&dir, "crawl.warc", &records) {
        let (summary, out, _) = common::run(&dir, std::slice::from_ref(&file), None, &common::jsonl_options(2));
        let docs = common::json_lines(&out);
        let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["urn:uuid:a", "urn:uuid:b"], "{}", file.display());
        assert_eq!((summary.read, summary.extracted, summary.failed), (2, 2, 0));
        let skipped: Vec<(&str, u64)> = summary
            .skipped
            .by_reason
            .iter()
            .map(|(r, n)| (r.as_str(), *n))
            .collect();
        assert_eq!(
            skipped,
            [("metadata", 1), ("non-HTML", 1), ("request", 1), ("warcinfo", 1)]
        );

        let a = &docs[0];
        assert_eq!(a["url"], "https://courier.example/a", "the WARC target URI");
        assert_eq!(a["title"], "Harbour bridge to close for repairs");
        assert_eq!(a["outlet"], "The Millbrook Courier");
        assert_eq!(a["date"], "2025-03-14");
        let text: Vec<char> = a["text"].as_str().expect("text is emitted for HTML").chars().collect();
        let quotes = a["quotes"].as_array().unwrap();
        assert!(!quotes.is_empty());
        for q in quotes {
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text[s..e].iter().collect::<String>(), q["text"].as_str().unwrap());
        }
    }
}

#[test]
fn oversized_records_are_skipped_unread_and_reported() {
    let dir = TempDir::new("warc-big");
    let mut big = b"<html><body><p>".to_vec();
    big.extend(std::iter::repeat_n(b'w', 200_000));
    let bytes = [
        response("https://e.example/big", "urn:uuid:big", "text/html", &big),
        response(
            "https://e.example/b",
            "urn:uuid:b",
            "text/html",
            &common::fixture("orchard.html"),
        ),
    ]
    .concat();
    let file = dir.write("big.warc", &bytes);
    let options = saywho_io::Options {
        max_doc_bytes: 10_000,
        ..common::jsonl_options(1)
    };
    let (summary, out, _) = common::run(&dir, &[file], None, &options);
    let docs = common::json_lines(&out);
    assert_eq!(docs[0]["error"]["kind"], "too_large");
    assert_eq!(docs[1]["id"], "urn:uuid:b", "the record after it is read");
    assert_eq!((summary.read, summary.failed), (2, 1));
}

#[test]
fn a_file_that_is_not_warc_is_one_error() {
    let dir = TempDir::new("warc-bad");
    let file = dir.write("bad.warc", b"this is not a WARC file\r\n\r\n");
    let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
    assert_eq!(common::json_lines(&out)[0]["error"]["kind"], "malformed_warc");
    assert_eq!((summary.read, summary.failed), (1, 1));
}

#[test]
fn an_arc_file_named_warc_says_so() {
    let dir = TempDir::new("warc-arc");
    let arc = b"filedesc://test.arc 0.0.0.0 20250314090000 text/plain 4\n1 0\n\n";
    let file = dir.write("misnamed.warc", arc);
    let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
    let docs = common::json_lines(&out);
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert_eq!(docs[0]["error"]["kind"], "malformed_warc");
    let message = docs[0]["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("looks like an ARC file") && message.contains("--input-format arc"),
        "{message}"
    );
    assert_eq!((summary.read, summary.failed), (1, 1));
}
