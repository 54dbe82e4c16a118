//! `saywho extract` over corpora, as a user runs it: HTML and WARC in, CSV and Parquet out,
//! the errors file, --strict, and the summary counts.

mod common;

use common::{json_lines, saywho, validator, TempDir};
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../saywho-io/tests/fixtures")
        .join(name)
}

/// A WARC.gz with one HTML response (a gzip member per record) and one request record.
fn warc_gz(dir: &Path) -> PathBuf {
    let page = std::fs::read(fixture("harbour.html")).unwrap();
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    http.extend_from_slice(&page);
    let mut bytes = Vec::new();
    for (kind, block) in [("request", &b"GET / HTTP/1.1\r\n\r\n"[..]), ("response", &http[..])] {
        let mut record = Vec::new();
        let ct = format!("application/http; msgtype={kind}");
        saywho_io_record(&mut record, kind, &ct, block);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &record).unwrap();
        bytes.extend(gz.finish().unwrap());
    }
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A WARC record written by hand (the test does not trust the code under test to write it).
fn saywho_io_record(out: &mut Vec<u8>, kind: &str, content_type: &str, block: &[u8]) {
    out.extend_from_slice(
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://courier.example/a\r\n\
             WARC-Record-ID: <urn:uuid:{kind}>\r\nWARC-Date: 2025-03-14T09:00:00Z\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
}

/// An ARC v1 file with its version block, an HTML capture and an image, written by hand.
fn arc(dir: &Path) -> PathBuf {
    let mut bytes = Vec::new();
    let mut record = |url: &str, mime: &str, content: &[u8]| {
        bytes.extend(format!("{url} 192.0.2.7 20250314090000 {mime} {}\n", content.len()).into_bytes());
        bytes.extend_from_slice(content);
        bytes.push(b'\n');
    };
    record(
        "filedesc://crawl.arc",
        "text/plain",
        b"1 0 Tests\nURL IP-address Archive-date Content-type Archive-length\n",
    );
    record(
        "http://courier.example/a",
        "text/html",
        &std::fs::read(fixture("harbour.html")).unwrap(),
    );
    record("http://courier.example/logo.gif", "image/gif", b"GIF89a");
    let path = dir.join("crawl.arc");
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    saywho().arg("extract").args(args).output().expect("runs")
}

#[test]
fn html_and_warc_give_metadata_and_the_text_offsets_refer_to() {
    let dir = TempDir::new("html");
    let warc = warc_gz(&dir);
    let html = fixture("harbour.html");
    let out = run(&[html.as_os_str(), warc.as_os_str()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = json_lines(&out.stdout);
    let v = validator();
    assert_eq!(records.len(), 2);
    for r in &records {
        let errors: Vec<String> = v.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(r["title"], "Harbour bridge to close for repairs");
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        for q in r["quotes"].as_array().unwrap() {
            let (s, e) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text[s..e].iter().collect::<String>(), q["text"].as_str().unwrap());
        }
    }
    assert_eq!(records[0]["id"], "harbour");
    assert_eq!(records[1]["id"], "urn:uuid:response");
    assert_eq!(records[1]["url"], "https://courier.example/a");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 documents read, 2 extracted, 0 failed"), "{stderr}");
    assert!(stderr.contains("1 WARC record skipped (request 1)"), "{stderr}");

    let out = run(&[html.as_os_str(), "--no-emit-text".as_ref()]);
    assert!(json_lines(&out.stdout)[0].get("text").is_none());
}

#[test]
fn csv_parquet_errors_file_and_strict() {
    let dir = TempDir::new("formats");
    let jsonl = dir.join("c.jsonl");
    std::fs::write(
        &jsonl,
        "{\"id\": \"a\", \"url\": \"https://e.example/a\", \"text\": \"“Yes,” Ann Lee said.\"}\n{oops\n{\"id\": \"c\", \"text\": \"“No,” Bob Ray said.\"}\n",
    )
    .unwrap();
    let csv = dir.join("q.csv");
    let errors = dir.join("errors.jsonl");
    let out = run(&[
        jsonl.as_os_str(),
        "--output-format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        csv.as_os_str(),
        "--errors".as_ref(),
        errors.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let table = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert!(
        rows[0].starts_with("doc_id,url,title,date,date_source,outlet,quote,kind,group,speaker,"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].starts_with("a,https://e.example/a,,,,,\"Yes,\",direct,0,Ann Lee,"),
        "{}",
        rows[1]
    );
    assert!(
        rows[2].starts_with("line-2,") && rows[2].contains("malformed_json"),
        "{}",
        rows[2]
    );
    assert_eq!(rows.len(), 4);
    let failed = json_lines(&std::fs::read(&errors).unwrap());
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["error"]["kind"], "malformed_json");
    assert!(String::from_utf8_lossy(&out.stderr).contains("3 documents read, 2 extracted, 1 failed"));

    let parquet = dir.join("q.parquet");
    let out = run(&[
        jsonl.as_os_str(),
        "--output-format".as_ref(),
        "parquet".as_ref(),
        "-o".as_ref(),
        parquet.as_os_str(),
        "-q".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let bytes = std::fs::read(&parquet).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));

    let out = run(&[jsonl.as_os_str(), "--strict".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json_lines(&out.stdout).len(),
        2,
        "the good line and the error, then stop"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--strict"));
}

#[test]
fn threads_and_unordered_keep_every_document() {
    let dir = TempDir::new("threads");
    let jsonl = dir.join("c.jsonl");
    let lines: String = (0..200)
        .map(|i| format!("{{\"id\": \"d{i}\", \"text\": \"“Yes {i},” Ann Lee said.\"}}\n"))
        .collect();
    std::fs::write(&jsonl, lines).unwrap();
    let one = run(&[jsonl.as_os_str(), "--threads".as_ref(), "1".as_ref()]);
    let many = run(&[jsonl.as_os_str(), "-j".as_ref(), "4".as_ref()]);
    assert_eq!(one.stdout, many.stdout, "input order by default");
    let unordered = run(&[jsonl.as_os_str(), "--unordered".as_ref()]);
    let mut ids: Vec<String> = json_lines(&unordered.stdout)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    let mut want: Vec<String> = (0..200).map(|i| format!("d{i}")).collect();
    want.sort();
    assert_eq!(ids, want);
}

#[test]
fn arc_files_are_read_as_arc() {
    let dir = TempDir::new("arc");
    let page = std::fs::read(fixture("harbour.html")).unwrap();
    let mut http = b"HTTP/1.0 200 OK\r\nContent-type: text/html\r\n\r\n".to_vec();
    http.extend_from_slice(&page);
    let desc = b"1 0 Saywho Tests\nURL IP-address Archive-date Content-type Archive-length\n";
    let mut bytes = format!("filedesc://t.arc 0.0.0.0 20250314090000 text/plain {}\n", desc.len()).into_bytes();
    bytes.extend_from_slice(desc);
    bytes.extend(
        format!(
            "\nhttp://courier.example/a 192.0.2.7 20250314090100 text/html {}\n",
            http.len()
        )
        .into_bytes(),
    );
    bytes.extend_from_slice(&http);
    bytes.push(b'\n');
    let arc = dir.join("crawl.arc");
    std::fs::write(&arc, &bytes).unwrap();
    for args in [
        vec![arc.as_os_str()],
        vec![arc.as_os_str(), "--input-format".as_ref(), "arc".as_ref()],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let records = json_lines(&out.stdout);
        assert_eq!(records.len(), 1);
        assert_eq!(records[0]["id"], "20250314090100/http://courier.example/a");
        assert_eq!(records[0]["title"], "Harbour bridge to close for repairs");
    }
}

#[test]
fn a_page_of_menus_is_an_error_record_not_a_document() {
    let out = run(&[fixture("nav_only.html").as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "nav_only");
    assert_eq!(records[0]["error"]["kind"], "html_extraction");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no main text found"), "{stderr}");
}

#[test]
fn meta_fields_map_jsonl_field_names() {
    let dir = TempDir::new("meta-fields");
    let jsonl = dir.join("c.jsonl");
    std::fs::write(
        &jsonl,
        "{\"doc\": \"a\", \"body\": \"“Yes,” Ann Lee said.\", \"headline\": \"Ann agrees\", \"link\": \"https://e.example/a\", \"source\": \"E\", \"date\": \"2025-03-14\"}\n",
    )
    .unwrap();
    let args: Vec<&std::ffi::OsStr> = vec![
        jsonl.as_os_str(),
        "--id-field".as_ref(),
        "doc".as_ref(),
        "--text-field".as_ref(),
        "body".as_ref(),
        "--meta-field".as_ref(),
        "title=headline".as_ref(),
        "--meta-field".as_ref(),
        "url=link".as_ref(),
        "--meta-field".as_ref(),
        "outlet=source".as_ref(),
    ];
    let out = run(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r = &json_lines(&out.stdout)[0];
    assert_eq!(r["id"], "a");
    assert_eq!(r["title"], "Ann agrees");
    assert_eq!(r["url"], "https://e.example/a");
    assert_eq!(r["outlet"], "E");
    assert_eq!(r["date"], "2025-03-14", "an unmapped name keeps its own field");
    let errors: Vec<String> = validator().iter_errors(r).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    // The CSV columns follow.
    let mut csv_args = args.clone();
    csv_args.extend(["--output-format", "csv"].map(std::ffi::OsStr::new));
    let out = run(&csv_args);
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        table
            .lines()
            .nth(1)
            .is_some_and(|row| row.starts_with("a,https://e.example/a,Ann agrees,2025-03-14,,E,")),
        "{table}"
    );

    for bad in ["byline=writer", "title", "title="] {
        let out = run(&[jsonl.as_os_str(), "--meta-field".as_ref(), bad.as_ref()]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--meta-field"), "{bad}: {stderr}");
    }
    let out = run(&[jsonl.as_os_str(), "--meta-field".as_ref(), "byline=writer".as_ref()]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("url, title, author, date, outlet"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn skipped_records_are_named_for_their_archive_format() {
    let dir = TempDir::new("skipped");
    let arc = arc(&dir);
    let warc = warc_gz(&dir);
    let cases = [
        (vec![arc.as_os_str()], "2 ARC records skipped (filedesc 1, non-HTML 1)"),
        (
            vec![arc.as_os_str(), warc.as_os_str()],
            "3 WARC and ARC records skipped (filedesc 1, non-HTML 1, request 1)",
        ),
    ];
    for (args, expected) in cases {
        let out = run(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(!stderr.contains("WARC records"), "{args:?}: {stderr}");
    }
}
