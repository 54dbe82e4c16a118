#![cfg(feature = "html")] // the folders hold HTML pages
//! Folders are read recursively, in path order, without hidden entries and without following a
//! symbolic link loop; a file's id is its path below the folder given, and ids that several
//! sources would share are reported in the plan.

mod common;

use common::TempDir;
use saywho_io::{plan, InputFormat, SharedId};
use std::path::{Path, PathBuf};

const ARTICLE: &[u8] = "“Yes,” Ann Lee said.".as_bytes();

fn write(root: &Path, relative: &str) -> PathBuf {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&path, ARTICLE).expect("write");
    path
}

fn ids(plan: &saywho_io::Plan) -> Vec<&str> {
    plan.sources.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn folders_are_read_recursively_in_path_order_with_relative_ids() {
    let dir = TempDir::new("folders");
    let root = dir.0.join("corpus");
    for file in [
        "top.txt",
        "2024/jan/story.txt",
        "2024/feb/story.html",
        "2024/feb/notes.md",
        "2024/a.txt.gz",
        ".hidden.txt",
        ".git/objects/x.txt",
        "2024/.drafts/draft.txt",
        "b.jsonl",
    ] {
        write(&root, file);
    }
    #[cfg(unix)]
    {
        // A loop back to the top, and a second way into a folder already read.
        std::os::unix::fs::symlink(&root, root.join("2024/loop")).expect("symlink");
        std::os::unix::fs::symlink(root.join("2024/jan"), root.join("z-jan")).expect("symlink");
    }
    let plan = plan(std::slice::from_ref(&root), None);
    assert_eq!(ids(&plan), ["2024/a", "2024/feb/story", "2024/jan/story", "b", "top"]);
    let formats: Vec<InputFormat> = plan.sources.iter().map(|s| s.format).collect();
    use InputFormat::*;
    assert_eq!(formats, [Text, Html, Text, Jsonl, Text]);
    assert!(plan.shared_ids.is_empty(), "{:?}", plan.shared_ids);
    assert_eq!(plan.total_bytes, Some(5 * ARTICLE.len() as u64));
    // The file of a name saywho does not read is counted, for the caller to say so.
    let skipped = saywho_io::SkippedFiles {
        count: 1,
        first: Some(root.join("2024/feb/notes.md")),
    };
    assert_eq!(plan.skipped_files, skipped);

    // Ids are relative to the folder as given; a file given itself is its stem.
    let again = saywho_io::plan(&[root.join("2024/jan/../feb"), root.join("top.txt")], None);
    assert_eq!(ids(&again), ["story", "top"]);
    assert!(again.shared_ids.is_empty());
    #[cfg(unix)]
    {
        // From a subfolder, the link out of it is followed, once: the top folder is read
        // through it, but not the subfolder again.
        let sub = saywho_io::plan(&[root.join("2024")], None);
        assert_eq!(ids(&sub), ["a", "feb/story", "jan/story", "loop/b", "loop/top"]);
    }

    // The ids reach the output.
    let (summary, out, _) = common::run(&dir, &[root], None, &common::jsonl_options(2));
    let got: Vec<String> = common::json_lines(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(got, ["2024/a", "2024/feb/story", "2024/jan/story", "line-1", "top"]);
    assert_eq!(summary.failed, 1, "b.jsonl holds no JSON: its line is an error");
}

#[test]
fn ids_that_sources_would_share_are_reported() {
    let dir = TempDir::new("shared-ids");
    let one = write(&dir.0, "one/x/story.txt");
    write(&dir.0, "one/x/story.html");
    write(&dir.0, "two/x/story.txt");
    let lone = write(&dir.0, "three/story.txt");
    let other = write(&dir.0, "six/story.html");
    let plan = plan(
        &[dir.0.join("one"), dir.0.join("two"), lone.clone(), other.clone()],
        None,
    );
    assert_eq!(ids(&plan), ["x/story", "x/story", "x/story", "story", "story"]);
    let show = |p: &Path| p.display().to_string();
    assert_eq!(
        plan.shared_ids,
        [
            SharedId {
                id: "x/story".into(),
                paths: vec![
                    show(&one.with_extension("html")),
                    show(&one),
                    show(&dir.0.join("two/x/story.txt")),
                ],
            },
            SharedId {
                id: "story".into(),
                paths: vec![show(&lone), show(&other)],
            },
        ]
    );
    // JSONL and WARC files hold their own ids: no warning for them.
    write(&dir.0, "four/a.jsonl");
    write(&dir.0, "five/a.jsonl");
    let plan = saywho_io::plan(&[dir.0.join("four"), dir.0.join("five")], None);
    assert!(plan.shared_ids.is_empty());
}

#[test]
fn overlapping_inputs_are_read_once_under_their_first_id() {
    let dir = TempDir::new("overlap");
    let tree = dir.0.join("tree");
    write(&tree, "top.txt");
    write(&tree, "2024/jan/story.txt");
    write(&tree, "2024/feb/story.txt");
    let cases: [(Vec<PathBuf>, &[&str]); 4] = [
        // A folder and a folder inside it.
        (
            vec![tree.clone(), tree.join("2024")],
            &["2024/feb/story", "2024/jan/story", "top"],
        ),
        // The other way round: the inner folder comes first and keeps its ids.
        (
            vec![tree.join("2024"), tree.clone()],
            &["feb/story", "jan/story", "top"],
        ),
        // A folder and a file in it, the same file twice, a path spelled otherwise.
        (
            vec![
                tree.join("2024/jan/story.txt"),
                tree.clone(),
                tree.join("top.txt"),
                tree.join("2024/../top.txt"),
            ],
            &["story", "2024/feb/story", "top"],
        ),
        (vec![tree.join("2024/jan"), tree.join("2024/jan/")], &["story"]),
    ];
    for (inputs, expected) in cases {
        let plan = plan(&inputs, None);
        assert_eq!(ids(&plan), expected, "{inputs:?}");
        assert!(plan.shared_ids.is_empty(), "{inputs:?}: {:?}", plan.shared_ids);
    }
    let (summary, out, _) = common::run(
        &dir,
        &[tree.clone(), tree.join("2024")],
        None,
        &common::jsonl_options(2),
    );
    assert_eq!((summary.read, common::json_lines(&out).len()), (3, 3));
}

#[test]
fn a_source_for_an_unreadable_folder_reads_as_one_io_error() {
    let dir = TempDir::new("unreadable-source");
    let file = write(&dir.0, "c/three.txt");
    let sources = vec![
        saywho_io::Source {
            path: Some(dir.0.join("b")),
            format: InputFormat::Text,
            id: "b".into(),
            unreadable: Some("cannot read the folder: Permission denied".into()),
            sniff: false,
        },
        saywho_io::Source {
            path: Some(file),
            format: InputFormat::Text,
            id: "c/three".into(),
            unreadable: None,
            sniff: false,
        },
    ];
    let plan = saywho_io::Plan {
        sources,
        ..Default::default()
    };
    let out = dir.0.join("out.jsonl");
    let options = common::jsonl_options(1);
    let sink =
        saywho_io::FileSink::new(options.format, Box::new(std::fs::File::create(&out).expect("out"))).expect("sink");
    let summary = saywho_io::pipeline::run(
        &saywho::Engine::new(),
        &plan,
        &options,
        sink,
        None,
        &mut saywho_io::Quiet,
    )
    .expect("runs");
    let records = common::json_lines(&std::fs::read(&out).expect("read"));
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "b");
    assert_eq!(records[0]["error"]["kind"], "io");
    assert_eq!(
        records[0]["error"]["message"],
        "cannot read the folder: Permission denied"
    );
    assert_eq!(records[1]["id"], "c/three");
    assert_eq!((summary.read, summary.extracted, summary.failed), (2, 1, 1));
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_an_error_record_and_the_rest_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("unreadable");
    let tree = dir.0.join("tree");
    write(&tree, "a/one.txt");
    write(&tree, "b/two.txt");
    write(&tree, "c/three.txt");
    let locked = tree.join("b");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let readable = std::fs::read_dir(&locked).is_ok();
    if readable {
        // Root reads it all the same; the planner's own test covers this case.
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        eprintln!("skipped: {} is readable even without permissions", locked.display());
        return;
    }
    let (summary, out, errors) = common::run(&dir, std::slice::from_ref(&tree), None, &common::jsonl_options(1));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let records = common::json_lines(&out);
    let got: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap_or("?")).collect();
    assert_eq!(got, ["a/one", "b", "c/three"]);
    assert_eq!(records[1]["error"]["kind"], "io");
    assert_eq!(records[1]["error"]["position"], locked.display().to_string());
    assert_eq!((summary.read, summary.extracted, summary.failed), (3, 2, 1));
    assert!(errors.contains("\"io\""), "{errors}");
}

#[test]
fn an_unnamed_format_is_told_by_its_first_bytes() {
    use saywho_io::sniff_format;
    let table: [(&[u8], InputFormat); 21] = [
        (b"{\"id\": \"a\", \"text\": \"x\"}\n", InputFormat::Jsonl),
        (b"\xef\xbb\xbf  { \"text\": \"x\"}", InputFormat::Jsonl),
        // Pretty-printed JSON is no JSONL (a line holds no whole object), nor is an array.
        (b"{\n  \"text\": \"x\"\n}", InputFormat::Json),
        (b"[{\"id\": \"a\", \"text\": \"x\"}]", InputFormat::Json),
        (b"[\n  {\n    \"id\": \"a\",", InputFormat::Json),
        (b"[]", InputFormat::Json),
        (b"[Photo] Ann Lee said she was happy.", InputFormat::Text),
        (b"{", InputFormat::Json),
        (b"[1, 2]", InputFormat::Json),
        // Text that opens with a brace or a bracket but does not read as JSON.
        (b"{{name}} said \"hello,\" Ann Lee said.", InputFormat::Text),
        (b"[\"Hello,\" said Ann.]", InputFormat::Text),
        (b"<?xml version=\"1.0\"?><!DOCTYPE html>", InputFormat::Html),
        (b"{}\n", InputFormat::Jsonl),
        (b"<!DOCTYPE html>\n<html>", InputFormat::Html),
        (b"\n  <html lang=\"en\">", InputFormat::Html),
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", InputFormat::Warc),
        (
            b"filedesc://IA-001102.arc 0.0.0.0 19961104142103 text/plain 76\n",
            InputFormat::Arc,
        ),
        ("“We will win,” she said.".as_bytes(), InputFormat::Text),
        (b"{braces} open this text", InputFormat::Text),
        (b"< 5 percent, officials said.", InputFormat::Text),
        (b"", InputFormat::Text),
    ];
    for (head, expected) in table {
        assert_eq!(sniff_format(head), expected, "{:?}", String::from_utf8_lossy(head));
    }
}

/// Reads one byte a call, as a slow pipe may.
struct Trickle(std::io::Cursor<Vec<u8>>);

impl std::io::Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let end = buf.len().min(1);
        self.0.read(&mut buf[..end])
    }
}

/// The units of `bytes` read as standard input with no format given.
fn read_as_stdin(bytes: Vec<u8>, trickle: bool) -> Vec<saywho_io::Payload> {
    let source = saywho_io::Source {
        path: None,
        format: InputFormat::Text,
        id: "stdin".into(),
        unreadable: None,
        sniff: true,
    };
    let raw: Box<dyn std::io::Read + Send> = if trickle {
        Box::new(Trickle(std::io::Cursor::new(bytes)))
    } else {
        Box::new(std::io::Cursor::new(bytes))
    };
    let mut payloads = Vec::new();
    let options = saywho_io::ReadOptions { max_doc_bytes: 1 << 20 };
    let mut emit = |unit: saywho_io::Unit| {
        payloads.push(unit.payload);
        true
    };
    saywho_io::read_stream(raw, &source, &options, &mut emit, &mut saywho_io::WarcSkips::default());
    payloads
}

#[test]
fn standard_input_trickling_in_is_still_told_by_its_first_line() {
    let jsonl = b"{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": \"b\", \"text\": \"y\"}\n".to_vec();
    for trickle in [false, true] {
        let payloads = read_as_stdin(jsonl.clone(), trickle);
        assert_eq!(payloads.len(), 2, "trickle {trickle}");
        assert!(
            payloads
                .iter()
                .all(|p| matches!(p, saywho_io::Payload::JsonLine { .. })),
            "trickle {trickle}: {payloads:?}"
        );
    }
    // The bytes looked at are read again: the text comes out whole.
    let payloads = read_as_stdin("“Yes,” she said.".as_bytes().to_vec(), true);
    match &payloads[..] {
        [saywho_io::Payload::Text { bytes, .. }] => assert_eq!(bytes, "“Yes,” she said.".as_bytes()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_gzip_header_cut_short_on_standard_input_is_an_error_record() {
    let payloads = read_as_stdin(vec![0x1f, 0x8b, 0x08], false);
    match &payloads[..] {
        [saywho_io::Payload::Failed(e)] => assert_eq!(e.id, "stdin", "{e:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_jsonl_gzip_header_cut_short_is_an_error_record_not_an_empty_file() {
    // The decoder gives its error once, then reads as ended: the look at the first bytes
    // for binary data must not swallow it.
    let source = saywho_io::Source {
        path: None,
        format: InputFormat::Jsonl,
        id: "cut".into(),
        unreadable: None,
        sniff: false,
    };
    let mut payloads = Vec::new();
    let options = saywho_io::ReadOptions { max_doc_bytes: 1 << 20 };
    let raw = Box::new(std::io::Cursor::new(vec![0x1f, 0x8b, 0x08]));
    saywho_io::read_stream(
        raw,
        &source,
        &options,
        &mut |u| {
            payloads.push(u.payload);
            true
        },
        &mut saywho_io::WarcSkips::default(),
    );
    match &payloads[..] {
        [saywho_io::Payload::Failed(e)] => assert_eq!(e.kind, saywho_io::ErrorKind::TruncatedGzip, "{e:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_json_array_or_objects_over_lines_are_one_document_each() {
    use saywho_io::Payload;
    let array = br#"[{"id": "a", "text": "x"},
 {"id": "b", "text": "y"}]"#
        .to_vec();
    let pretty = b"{\n  \"id\": \"a\",\n  \"text\": \"x\"\n}\n{\n  \"id\": \"b\",\n  \"text\": \"y\"\n}\n".to_vec();
    for (bytes, trickle) in [(array.clone(), false), (array, true), (pretty, false)] {
        let payloads = read_as_stdin(bytes, trickle);
        let lines: Vec<usize> = payloads
            .iter()
            .map(|p| match p {
                Payload::JsonLine { line, .. } => *line,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(lines, [1, 2], "trickle {trickle}");
    }
}

#[test]
fn a_json_array_cut_short_keeps_its_items_before_the_cut() {
    use saywho_io::Payload;
    let payloads = read_as_stdin(br#"[{"id": "a", "text": "x"}, {"id": "b", "te"#.to_vec(), false);
    match &payloads[..] {
        [Payload::JsonLine { line: 1, .. }, Payload::Failed(e)] => {
            assert_eq!(
                (e.kind, e.id.as_str()),
                (saywho_io::ErrorKind::MalformedJson, "line-2"),
                "{e:?}"
            );
            assert_eq!(e.position, "<stdin>:item-2", "{e:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_json_document_is_split_by_its_structure_not_parsed_whole() {
    use saywho_io::Payload;
    let lines = |payloads: &[Payload]| -> Vec<String> {
        payloads
            .iter()
            .map(|p| match p {
                Payload::JsonLine { line, .. } => format!("item {line}"),
                Payload::Failed(e) => format!("{:?} at {}", e.kind, e.position),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    let table: [(&[u8], &[&str]); 4] = [
        // A bad item (not UTF-8, not JSON) is its own error, parsed in the workers: the items
        // after it are read. Brackets and commas inside strings are no structure.
        (
            b"[{\"text\": \"caf\xe9\"}, {bad}, {\"text\": \"a ] , [ \\\" }\"}]",
            &["item 1", "item 2", "item 3"],
        ),
        // Two arrays one after another (`cat a.json b.json`), a trailing comma.
        (b"[{\"text\": \"x\"}]\n[{\"text\": \"y\"},]", &["item 1", "item 2"]),
        // A break in the structure stops the reading after the items before it.
        (
            b"[{\"text\": \"x\"} {\"text\": \"y\"}]",
            &["item 1", "MalformedJson at <stdin>:item-2"],
        ),
        (b"[]", &[]),
    ];
    for (bytes, expected) in table {
        assert_eq!(
            lines(&read_as_stdin(bytes.to_vec(), false)),
            expected,
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn a_json_document_stops_when_asked_with_nothing_after() {
    let source = saywho_io::Source {
        path: None,
        format: InputFormat::Json,
        id: "stdin".into(),
        unreadable: None,
        sniff: false,
    };
    let bytes = br#"[{"text": "x"}, {"text": "y"}, {"text": "z"}]"#.to_vec();
    let mut payloads = Vec::new();
    let options = saywho_io::ReadOptions { max_doc_bytes: 1 << 20 };
    let raw = Box::new(std::io::Cursor::new(bytes));
    let mut emit = |u: saywho_io::Unit| {
        payloads.push(u.payload);
        false
    };
    saywho_io::read_stream(raw, &source, &options, &mut emit, &mut saywho_io::WarcSkips::default());
    assert_eq!(payloads.len(), 1, "{payloads:?}");
}
