#![cfg(feature = "html")] // the faults include HTML pages and WARC records
//! Every kind of bad input becomes an error record, the run goes on, and documents in equal
//! results plus errors; `strict` stops at the first failure.

mod common;

use common::{gzip, response, TempDir};
use saywho_io::{InputFormat, Options};

const GOOD: &str = "{\"id\": \"ok\", \"text\": \"“Fine,” she said.\"}\n";

/// Input files seeded with one fault kind each, and the records (id, error kind or "ok")
/// expected from each, in order.
fn seeded(dir: &TempDir) -> (Vec<std::path::PathBuf>, Vec<(&'static str, &'static str)>) {
    let mut files = Vec::new();
    let mut expected = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, records: &[(&'static str, &'static str)]| {
        files.push(dir.write(name, &bytes));
        expected.extend_from_slice(records);
    };
    let long = format!("{{\"id\": \"big\", \"text\": \"{}\"}}\n", "x".repeat(3000));
    add(
        "a.jsonl",
        format!("{GOOD}{{not json}}\n{{\"id\": \"nt\", \"body\": \"x\"}}\n{long}{{\"id\": \"u\", \"text\": \"caf\u{e9}\"}}\n")
            .into_bytes()
            .into_iter()
            .chain(b"{\"id\": \"bad\", \"text\": \"caf\xe9\"}\n".iter().copied())
            .collect(),
        &[("ok", "ok"), ("line-2", "malformed_json"), ("nt", "missing_text"), ("line-4", "too_large"), ("u", "ok"), ("line-6", "invalid_utf8")],
    );
    add(
        "latin1.txt",
        b"caf\xe9 \"quoted words,\" he said".to_vec(),
        &[("latin1", "invalid_utf8")],
    );
    add("huge.txt", vec![b'a'; 2500], &[("huge", "too_large")]);
    // A gzip file cut short: the lines before the cut survive, the one cut through is an error.
    let gz = gzip(GOOD.repeat(400).as_bytes());
    let cut = &gz[..gz.len() * 2 / 3];
    let survivors = decodable_lines(cut);
    assert!(survivors > 0 && survivors < 400, "{survivors}");
    let mut records = vec![("ok", "ok"); survivors];
    records.push((format!("line-{}", survivors + 1).leak(), "truncated_gzip"));
    add("cut.jsonl.gz", cut.to_vec(), &records);
    // Two good WARC records, then one whose block is shorter than its Content-Length.
    let page = common::fixture("orchard.html");
    let mut warc = response("https://e.example/1", "urn:uuid:1", "text/html; charset=utf-8", &page);
    let cut = response("https://e.example/2", "urn:uuid:2", "text/html", &page);
    warc.extend_from_slice(&cut[..cut.len() / 2]);
    add(
        "cut.warc",
        warc,
        &[("urn:uuid:1", "ok"), ("urn:uuid:2", "truncated_warc")],
    );
    add(
        "undecodable.html",
        b"<html><body><p>na\xefve caf\xe9</p></body></html>".to_vec(),
        &[("undecodable", "invalid_utf8")],
    );
    add(
        "empty.html",
        b"<html><head><title>T</title></head><body><script>var a = 1;</script></body></html>".to_vec(),
        &[("empty", "html_extraction")],
    );
    files.push(dir.0.join("missing.txt"));
    expected.push(("missing", "io"));
    (files, expected)
}

/// Lines a reader can recover from a cut gzip stream: those complete before the cut.
fn decodable_lines(cut: &[u8]) -> usize {
    use std::io::Read;
    let mut plain = Vec::new();
    let result = flate2::read::MultiGzDecoder::new(cut).read_to_end(&mut plain);
    assert!(result.is_err(), "the cut stream must fail to decode");
    plain.iter().filter(|&&b| b == b'\n').count()
}

fn outcome(record: &serde_json::Value) -> (String, String) {
    let kind = record.get("error").map_or("ok", |e| e["kind"].as_str().unwrap_or("?"));
    (record["id"].as_str().unwrap_or("?").to_string(), kind.to_string())
}

#[test]
fn every_fault_is_an_error_record_and_nothing_is_lost() {
    let dir = TempDir::new("faults");
    let (files, expected) = seeded(&dir);
    for threads in [1, 3] {
        let options = Options {
            max_doc_bytes: 2000,
            ..common::jsonl_options(threads)
        };
        let (summary, out, errors) = common::run(&dir, &files, None, &options);
        let records = common::json_lines(&out);
        let got: Vec<(String, String)> = records.iter().map(outcome).collect();
        let want: Vec<(String, String)> = expected.iter().map(|(i, k)| (i.to_string(), k.to_string())).collect();
        assert_eq!(got, want, "threads {threads}");
        assert_eq!(summary.read, records.len() as u64);
        assert_eq!(summary.read, summary.extracted + summary.failed);
        assert_eq!(
            summary.failed as usize,
            errors.lines().count(),
            "the errors file has every failure"
        );
        let positions: Vec<&str> = records.iter().filter_map(|r| r["error"]["position"].as_str()).collect();
        assert!(positions.iter().any(|p| p.ends_with("a.jsonl:2")), "{positions:?}");
        assert!(
            positions.iter().any(|p| p.ends_with("cut.warc:record 2")),
            "{positions:?}"
        );
    }
}

#[test]
fn strict_stops_at_the_first_failure() {
    let dir = TempDir::new("strict");
    let (files, _) = seeded(&dir);
    let options = Options {
        strict: true,
        ..common::jsonl_options(2)
    };
    let (summary, out, _) = common::run(&dir, &files, None, &options);
    let records = common::json_lines(&out);
    assert_eq!(records.len(), 2, "the good line, then the first error");
    let stopped = summary.stopped_at.expect("stopped");
    assert_eq!(stopped.kind, saywho_io::ErrorKind::MalformedJson);
    assert_eq!((summary.read, summary.failed), (2, 1));
}

#[test]
fn forced_formats_override_file_names() {
    let dir = TempDir::new("forced");
    let file = dir.write("corpus.data", GOOD.as_bytes());
    let (summary, out, _) = common::run(&dir, &[file], Some(InputFormat::Jsonl), &common::jsonl_options(1));
    assert_eq!(summary.extracted, 1);
    assert_eq!(common::json_lines(&out)[0]["id"], "ok");
}

#[test]
fn zstd_jsonl_is_read() {
    let dir = TempDir::new("zstd");
    let bytes = zstd::encode_all(format!("{GOOD}{GOOD}").as_bytes(), 3).unwrap();
    let file = dir.write("c.jsonl.zst", &bytes);
    let (summary, _, _) = common::run(&dir, &[file], None, &common::jsonl_options(2));
    assert_eq!((summary.read, summary.extracted), (2, 2));
}
