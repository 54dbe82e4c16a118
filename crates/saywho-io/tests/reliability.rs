//! Regressions from the adversarial review (issue #15): byte-order marks, silent skips, input
//! that cannot be the format, broken WARC headers. Each input either becomes a result or an
//! error record, and the run ends in bounded time.

mod common;

use common::{response, TempDir};
use saywho_io::{InputFormat, Observer, Options};
use std::time::{Duration, Instant};

const GOOD: &str = "{\"id\": \"ok\", \"text\": \"“Fine,” she said.\"}\n";
const BOM: &str = "\u{feff}";

/// (id, error kind or "ok") of each output record.
fn outcomes(out: &[u8]) -> Vec<(String, String)> {
    common::json_lines(out)
        .iter()
        .map(|r| {
            let kind = r.get("error").map_or("ok", |e| e["kind"].as_str().unwrap_or("?"));
            (r["id"].as_str().unwrap_or("?").to_string(), kind.to_string())
        })
        .collect()
}

/// Expected (id, kind) pairs.
type Outcomes<'a> = &'a [(&'a str, &'a str)];

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn a_byte_order_mark_is_not_part_of_the_document() {
    let dir = TempDir::new("bom");
    let text = "“Yes,” Ann Lee said.";
    let cases: &[(&str, String, Outcomes)] = &[
        ("a.jsonl", format!("{BOM}{GOOD}{GOOD}"), &[("ok", "ok"), ("ok", "ok")]),
        // Two files concatenated, each with its mark.
        (
            "b.jsonl",
            format!("{BOM}{GOOD}{BOM}{GOOD}"),
            &[("ok", "ok"), ("ok", "ok")],
        ),
        // A mark on a line of its own is a blank line.
        ("c.jsonl", format!("{BOM}\n{GOOD}"), &[("ok", "ok")]),
        ("d.txt", format!("{BOM}{text}"), &[("d", "ok")]),
    ];
    for (name, content, expected) in cases {
        let file = dir.write(name, content.as_bytes());
        let (summary, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
        assert_eq!(outcomes(&out), owned(expected), "{name}");
        assert_eq!(summary.read, summary.extracted + summary.failed);
    }
    // Offsets count from after the mark: the quote of the text file starts at 1, after "“".
    let file = dir.write("e.txt", format!("{BOM}{text}").as_bytes());
    let (_, out, _) = common::run(&dir, &[file], None, &common::jsonl_options(1));
    let record = &common::json_lines(&out)[0];
    assert_eq!(record["quotes"][0]["start"], 1, "{record}");
    assert_eq!(record["quotes"][0]["text"], "Yes,");
}

#[cfg(unix)]
#[test]
fn a_dangling_symbolic_link_in_a_folder_is_an_io_error_record() {
    let dir = TempDir::new("dangling");
    let folder = dir.0.join("corpus");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "“Yes,” Ann Lee said.").unwrap();
    std::os::unix::fs::symlink(folder.join("gone.txt"), folder.join("b.txt")).unwrap();
    // A loop of links is as unreadable.
    std::os::unix::fs::symlink(folder.join("c.txt"), folder.join("c.txt")).unwrap();
    // A dangling link whose name saywho does not read stays out, like any such file.
    std::os::unix::fs::symlink(folder.join("gone.md"), folder.join("d.md")).unwrap();
    let (summary, out, errors) = common::run(&dir, &[folder], None, &common::jsonl_options(2));
    assert_eq!(outcomes(&out), owned(&[("a", "ok"), ("b", "io"), ("c", "io")]));
    assert_eq!((summary.read, summary.failed), (3, 2));
    assert!(errors.contains("symbolic link to"), "{errors}");
}

/// Remembers what the pipeline reports about repeated ids.
#[derive(Default)]
struct Repeats(Vec<(String, u64)>);

impl Observer for Repeats {
    fn duplicate_ids(&mut self, first: &str, count: u64) {
        self.0.push((first.to_string(), count));
    }
}

#[test]
fn repeated_jsonl_ids_are_reported_once_with_the_first_and_the_count() {
    let dir = TempDir::new("dupes");
    let line = |id: &str| format!("{{\"id\": \"{id}\", \"text\": \"x\"}}\n");
    type Case<'a> = (&'a [&'a str], Option<(&'a str, u64)>);
    let cases: &[Case] = &[
        (&["a", "b", "c"], None),
        (&["a", "b", "a"], Some(("a", 1))),
        (&["a", "b", "b", "a", "b"], Some(("b", 3))),
    ];
    for (ids, expected) in cases {
        // Across two files, as one run sees them.
        let (first, second) = ids.split_at(ids.len() / 2);
        let files = [
            dir.write(
                "1.jsonl",
                first.iter().map(|id| line(id)).collect::<String>().as_bytes(),
            ),
            dir.write(
                "2.jsonl",
                second.iter().map(|id| line(id)).collect::<String>().as_bytes(),
            ),
        ];
        let plan = saywho_io::plan(&files, None);
        let out = dir.0.join("out.jsonl");
        let sink = saywho_io::FileSink::new(
            saywho_io::OutputFormat::Jsonl { pretty: false },
            Box::new(std::fs::File::create(&out).unwrap()),
        )
        .unwrap();
        let mut repeats = Repeats::default();
        let options = common::jsonl_options(2);
        let summary =
            saywho_io::pipeline::run(&saywho::Engine::new(), &plan, &options, sink, None, &mut repeats).unwrap();
        let expected: Vec<(String, u64)> = expected.iter().map(|(id, n)| (id.to_string(), *n)).collect();
        assert_eq!(repeats.0, expected, "{ids:?}");
        assert_eq!(summary.read, ids.len() as u64, "every document is still written");
        assert_eq!(summary.duplicate_ids, expected.first().map_or(0, |e| e.1));
    }
}

/// Runs `inputs` with a small document limit and fails the test after `seconds`.
fn run_bounded(dir: &TempDir, file: std::path::PathBuf, format: InputFormat) -> Vec<(String, String)> {
    let started = Instant::now();
    let options = Options {
        max_doc_bytes: 4096,
        ..common::jsonl_options(1)
    };
    let (summary, out, _) = common::run(dir, &[file], Some(format), &options);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(summary.read, summary.extracted + summary.failed);
    outcomes(&out)
}

#[cfg(unix)]
#[test]
fn dev_zero_is_one_error_in_every_format() {
    let dir = TempDir::new("zero");
    let cases = [
        (InputFormat::Warc, "malformed_warc"),
        (InputFormat::Arc, "malformed_warc"),
        (InputFormat::Jsonl, "malformed_json"),
        (InputFormat::Text, "too_large"),
        (InputFormat::Html, "too_large"),
    ];
    for (format, kind) in cases {
        let got = run_bounded(&dir, "/dev/zero".into(), format);
        assert_eq!(got.len(), 1, "{format:?}: {got:?}");
        assert_eq!(got[0].1, kind, "{format:?}");
    }
}

#[test]
fn a_jsonl_line_without_end_is_one_error_and_ends_the_file() {
    let dir = TempDir::new("endless");
    // No NUL, no newline: text that goes on (here 1 MiB, far past 16 times the limit, and past
    // the reader's 256 KiB buffer, whose size is how often the length is checked).
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 1 << 20));
    bytes.extend_from_slice(format!("\n{GOOD}").as_bytes());
    let file = dir.write("endless.jsonl", &bytes);
    assert_eq!(
        run_bounded(&dir, file, InputFormat::Jsonl),
        owned(&[("ok", "ok"), ("line-2", "too_large")])
    );
    // A long line that does end is skipped and the file goes on, as before.
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend(std::iter::repeat_n(b'x', 4096 * 4));
    bytes.extend_from_slice(format!("\n{GOOD}").as_bytes());
    let file = dir.write("long.jsonl", &bytes);
    assert_eq!(
        run_bounded(&dir, file, InputFormat::Jsonl),
        owned(&[("ok", "ok"), ("line-2", "too_large"), ("ok", "ok")])
    );
    // UTF-16 is binary to a UTF-8 reader, and says so once.
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(GOOD.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let file = dir.write("utf16.jsonl", &utf16);
    assert_eq!(
        run_bounded(&dir, file, InputFormat::Jsonl),
        owned(&[("line-1", "malformed_json")])
    );
    // A stray NUL in a first line that is JSON spoils that line only, as it would further down.
    let file = dir.write(
        "nul.jsonl",
        format!("{{\"id\":\"z\",\"text\":\"a\0b\"}}\n{GOOD}\n").as_bytes(),
    );
    assert_eq!(
        run_bounded(&dir, file, InputFormat::Jsonl),
        owned(&[("line-1", "malformed_json"), ("ok", "ok")])
    );
}

/// A WARC record with `lines` extra header lines.
fn long_header(id: &str, lines: usize) -> Vec<u8> {
    let mut record = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <{id}>\r\n");
    for i in 0..lines {
        record.push_str(&format!("X-Padding-{i}: x\r\n"));
    }
    record.push_str("Content-Length: 5\r\n\r\nhello\r\n\r\n");
    record.into_bytes()
}

#[test]
fn a_broken_warc_header_is_malformed_and_reading_resumes_at_the_next_record() {
    let dir = TempDir::new("resync");
    let page = common::fixture("orchard.html");
    let good = |n: usize| {
        response(
            &format!("https://e.example/{n}"),
            &format!("urn:uuid:{n}"),
            "text/html",
            &page,
        )
    };
    let no_length =
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:nolength>\r\n\r\nsome block\r\n\r\n".to_vec();
    let mut wrong_length = good(9);
    // A Content-Length 100 bytes short leaves the tail of the block where a record should start.
    let text = String::from_utf8_lossy(&wrong_length).into_owned();
    let declared: usize = text
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split("\r\n")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    wrong_length = text
        .replacen(
            &format!("Content-Length: {declared}"),
            &format!("Content-Length: {}", declared - 100),
            1,
        )
        .into_bytes();
    let cases: Vec<(&str, Vec<u8>, Outcomes)> = vec![
        (
            "many-lines",
            [good(1), long_header("urn:uuid:long", 2000), good(2)].concat(),
            &[
                ("urn:uuid:1", "ok"),
                ("record-2", "malformed_warc"),
                ("urn:uuid:2", "ok"),
            ],
        ),
        (
            "no-length",
            [good(1), no_length, good(2)].concat(),
            &[
                ("urn:uuid:1", "ok"),
                ("urn:uuid:nolength", "malformed_warc"),
                ("urn:uuid:2", "ok"),
            ],
        ),
        (
            "wrong-length",
            [good(1), wrong_length, good(2)].concat(),
            // The block is read on to the next record start (tests/record_lengths.rs).
            &[("urn:uuid:1", "ok"), ("urn:uuid:9", "ok"), ("urn:uuid:2", "ok")],
        ),
    ];
    for (name, bytes, expected) in cases {
        for file in common::plain_and_gzipped(&dir, &format!("{name}.warc"), std::slice::from_ref(&bytes)) {
            let got = run_bounded(&dir, file, InputFormat::Warc);
            assert_eq!(got, owned(expected), "{name}");
        }
    }
}

#[cfg(feature = "html")]
#[test]
fn deeply_nested_html_keeps_its_text_in_linear_time() {
    let article = "<p>\"It will rain all week,\" forecaster Ann Lee said on Monday, warning drivers to take care.</p>\
                   <p>Officials said the roads would be gritted overnight and buses would run as usual.</p>";
    for depth in [500, 5_000, 100_000] {
        let page = format!(
            "<html><body>{}{article}{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let started = Instant::now();
        let found = saywho_io::extract_article(page.as_bytes(), None, Default::default(), "deep.html", "deep");
        let elapsed = started.elapsed();
        let article = found.unwrap_or_else(|e| panic!("depth {depth}: {e}"));
        assert!(
            article.text.contains("forecaster Ann Lee said"),
            "depth {depth}: {:?}",
            article.text
        );
        assert!(article.text.contains("buses would run as usual"), "depth {depth}");
        // Quadratic parsing took 17 s at depth 8,000 (debug build) and over a minute at 100,000.
        assert!(elapsed < Duration::from_secs(20), "depth {depth}: {elapsed:?}");
    }
}
