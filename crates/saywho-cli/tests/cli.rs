//! End-to-end tests of the `saywho` binary, as a user runs it.

mod common;

use common::{json_lines, output_with_stdin, repo_root, saywho, validator, TempDir};
use std::process::Output;

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    output_with_stdin(saywho().args(args), stdin)
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    json_lines(&out.stdout)
}

/// Every offset in a record indexes the input text by code point.
fn assert_offsets(record: &serde_json::Value, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let check = |span: &serde_json::Value| {
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, span["text"].as_str().unwrap(), "offsets {s}..{e}");
    };
    for q in record["quotes"].as_array().unwrap() {
        check(q);
        if !q["cue"].is_null() {
            check(&q["cue"]);
        }
        if let Some(m) = q["speaker"].get("mention").filter(|m| !m.is_null()) {
            check(m);
        }
    }
    for e in record["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            check(m);
        }
    }
}

#[test]
fn extracts_the_shipped_example_with_valid_schema_and_offsets() {
    let path = repo_root().join("examples/article.txt");
    let out = saywho().arg("extract").arg(&path).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = lines(&out);
    assert_eq!(records.len(), 1);
    let v = validator();
    for r in &records {
        let errors: Vec<String> = v.iter_errors(r).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "schema errors: {errors:?}");
    }
    let text = std::fs::read_to_string(&path).unwrap();
    assert_offsets(&records[0], &text);
    let speakers: Vec<&str> = records[0]["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker"]["name"].as_str())
        .collect();
    assert!(
        speakers.contains(&"Elena Vasquez") && speakers.contains(&"Tom Baird"),
        "{speakers:?}"
    );
}

#[test]
fn text_format_is_for_people() {
    let out = run_with_stdin(
        &["extract", "--format", "text"],
        "“We will never break,” John Legend wrote on Twitter.".as_bytes(),
    );
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("John Legend · wrote [Twitter] · direct"), "{s}");
    assert!(s.contains("We will never break,"), "{s}");
}

#[test]
fn standard_input_is_read_in_the_format_its_first_bytes_show() {
    // A JSONL corpus piped in gives a record a line, as the same file named .jsonl would.
    let jsonl = "{\"id\": \"a\", \"text\": \"“Fine,” she said.\"}\n{\"id\": \"b\", \"text\": \"None.\"}\n";
    let records = json_lines(&run_with_stdin(&["extract"], jsonl.as_bytes()).stdout);
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(
        records[0]["quotes"][0]["start"], 1,
        "offsets into the text, not the line"
    );
    // A page piped in is read as HTML: its quote's offsets are in the article text.
    let page = "<!doctype html><html><body><article><p>“We will never break,” John Legend wrote on \
                Twitter. His wife said that she was grateful for the letters the family got.</p>\
                </article></body></html>";
    let records = json_lines(&run_with_stdin(&["extract", "--emit-text"], page.as_bytes()).stdout);
    let text = records[0]["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("“We will never break,”"), "{text}");
    // --input-format still decides: the same line read as one text.
    let records = json_lines(&run_with_stdin(&["extract", "--input-format", "text"], jsonl.as_bytes()).stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["id"], "stdin");
}

#[test]
fn a_json_array_gives_a_record_an_object_and_an_error_record_where_it_breaks() {
    // As `json.dump(docs, indent=2)` writes it, piped in and named .json; then cut short.
    let array = "[\n  {\"id\": \"a\", \"text\": \"“Fine,” she said.\"},\n  {\"id\": \"b\", \"text\": \"None.\"}\n]\n";
    let dir = TempDir::new("json-array");
    let file = dir.path("docs.json");
    std::fs::write(&file, array).expect("written");
    let file = file.to_string_lossy().into_owned();
    for out in [
        run_with_stdin(&["extract"], array.as_bytes()),
        run_with_stdin(&["extract", &file], b""),
    ] {
        let records = json_lines(&out.stdout);
        let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(records[0]["quotes"][0]["start"], 1, "offsets into the text");
        assert!(out.status.success());
    }
    let cut = &array[..array.find("None").expect("there")];
    let out = run_with_stdin(&["extract"], cut.as_bytes());
    let records = json_lines(&out.stdout);
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["error"]["kind"], "malformed_json");
    assert_eq!(records[1]["error"]["position"], "<stdin>:item-2");
    assert!(!out.status.success());
}

#[test]
fn the_text_listing_accounts_for_every_document() {
    let jsonl = "{\"id\": \"a\", \"text\": \"“Fine,” she said.\"}\n{\"id\": \"b\"}\n";
    let out = run_with_stdin(
        &["extract", "--format", "text", "--input-format", "jsonl"],
        jsonl.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let listing = String::from_utf8_lossy(&out.stdout);
    let heads: Vec<&str> = listing.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(
        heads,
        [
            "== a (1 quote)",
            "== b (failed: missing_text at <stdin>:2: no string field \"text\")"
        ],
        "{listing}"
    );
}

#[test]
fn bad_documents_become_error_records_and_counts_add_up() {
    let dir = TempDir::new("test");
    let jsonl = dir.join("docs.jsonl");
    std::fs::write(
        &jsonl,
        concat!(
            "{\"id\": \"a\", \"text\": \"“Fine,” she said.\"}\n",
            "{not json}\n",
            "{\"id\": \"c\", \"body\": \"no text field\"}\n",
            "\n",
            "{\"id\": 7, \"text\": \"Police said the road would reopen on Monday morning.\"}\n",
        ),
    )
    .unwrap();
    let bad_utf8 = dir.join("latin1.txt");
    std::fs::write(&bad_utf8, b"caf\xe9 \"quoted words here,\" he said").unwrap();

    let out = saywho()
        .arg("extract")
        .arg(&jsonl)
        .arg(&bad_utf8)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "failures give exit code 1");
    let records = lines(&out);
    let v = validator();
    for r in &records {
        assert!(v.is_valid(r), "{r}");
    }
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a", "line-2", "c", "7", "latin1"]);
    let errors: Vec<&str> = records
        .iter()
        .filter_map(|r| r.get("error").map(|e| e["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, vec!["malformed_json", "missing_text", "invalid_utf8"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("5 documents read, 2 extracted, 3 failed"), "{stderr}");
}

#[test]
fn reads_folders_and_writes_to_a_file() {
    let dir = TempDir::new("folder");
    std::fs::create_dir_all(dir.join("2024/jan")).unwrap();
    std::fs::create_dir_all(dir.join(".cache")).unwrap();
    std::fs::write(dir.join("one.txt"), "“Yes,” Ann Lee said.").unwrap();
    std::fs::write(dir.join("two.txt"), "“No,” Bob Ray said.").unwrap();
    std::fs::write(dir.join("skip.md"), "not read").unwrap();
    std::fs::write(dir.join("2024/jan/one.txt"), "“Maybe,” Cy Dee said.").unwrap();
    std::fs::write(dir.join(".cache/hidden.txt"), "not read").unwrap();
    // Outside the folder, so that the second run does not read it.
    let out_file = dir.with_extension("out.jsonl");
    let out = saywho()
        .arg("extract")
        .arg(&dir)
        .arg("-o")
        .arg(&out_file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read_to_string(&out_file).unwrap();
    let ids: Vec<String> = written
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, vec!["2024/jan/one", "one", "two"]);

    // Two files that would share an id: one warning, and both are still read.
    std::fs::write(dir.join("2024/jan/one.html"), "<p>“Maybe,” Cy Dee said.</p>").unwrap();
    let out = saywho().arg("extract").arg(&dir).output().expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
    assert!(
        stderr.contains("1 id is shared by several inputs") && stderr.contains("\"2024/jan/one\" ("),
        "{stderr}"
    );
    assert!(stderr.contains("4 documents read, 4 extracted"), "{stderr}");
    std::fs::remove_file(&out_file).ok();
}

#[test]
fn a_dash_for_output_is_standard_output() {
    let dir = TempDir::new("dash-output");
    std::fs::create_dir_all(&*dir).unwrap();
    let out = saywho()
        .current_dir(&*dir)
        .args(["extract", "-", "-o", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all("“Yes,” Ann Lee said.".as_bytes())?;
            child.wait_with_output()
        })
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(lines(&out).len(), 1);
    assert!(!dir.join("-").exists(), "no file named \"-\" is written");
}

#[test]
fn help_explains_every_command() {
    for args in [
        vec!["--help"],
        vec!["extract", "--help"],
        vec!["eval", "--help"],
        vec!["bench", "--help"],
    ] {
        let out = saywho().args(&args).output().expect("runs");
        assert!(out.status.success(), "{args:?}");
        assert!(!out.stdout.is_empty());
    }
    let out = saywho().args(["extract", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Examples:"));
}

#[test]
fn the_output_format_follows_the_output_files_extension() {
    let dir = TempDir::new("out-ext");
    let input = dir.join("in.txt");
    std::fs::write(&input, "“Yes,” Ann Lee said.").unwrap();
    // (file name, --output-format given, how the file starts)
    let cases: [(&str, Option<&str>, &[u8]); 8] = [
        ("quotes.parquet", None, b"PAR1"),
        ("quotes.PQ", None, b"PAR1"),
        ("quotes.csv", None, b"doc_id,"),
        ("quotes.txt", None, b"== in (1 quote)"),
        ("quotes.jsonl", None, b"{\"schema_version\""),
        ("quotes.out", None, b"{\"schema_version\""),
        // An explicit format wins over the extension.
        ("forced.csv", Some("jsonl"), b"{\"schema_version\""),
        ("forced.jsonl", Some("csv"), b"doc_id,"),
    ];
    for (name, format, start) in cases {
        let out_file = dir.join(name);
        let mut command = saywho();
        command.arg("extract").arg(&input).arg("-o").arg(&out_file);
        if let Some(format) = format {
            command.args(["--output-format", format]);
        }
        let out = command.output().expect("runs");
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let written = std::fs::read(&out_file).unwrap();
        assert!(
            written.starts_with(start),
            "{name} {format:?}: {}",
            String::from_utf8_lossy(&written[..written.len().min(40)])
        );
    }
}

#[test]
fn pretty_with_a_format_that_is_not_json_is_refused() {
    let dir = TempDir::new("pretty-format");
    let input = dir.join("in.txt");
    std::fs::write(&input, "“Yes,” Ann Lee said.").unwrap();
    // (file name, --output-format given, what the message names)
    let cases = [
        ("quotes.csv", None, "writes csv (from its extension)"),
        ("quotes.parquet", None, "writes parquet (from its extension)"),
        ("quotes.jsonl", Some("text"), "--output-format text is not JSON"),
    ];
    for (name, format, said) in cases {
        let out_file = dir.join(name);
        let mut command = saywho();
        command
            .arg("extract")
            .arg(&input)
            .arg("-o")
            .arg(&out_file)
            .arg("--pretty");
        if let Some(format) = format {
            command.args(["--output-format", format]);
        }
        let out = command.output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains("--pretty indents JSON") && stderr.contains(said),
            "{name}: {stderr}"
        );
        assert!(!out_file.exists(), "{name}: nothing is written");
    }
    // Indented JSON under any name is still one option away.
    let out_file = dir.join("pretty.csv");
    let out = saywho()
        .arg("extract")
        .arg(&input)
        .arg("-o")
        .arg(&out_file)
        .args(["--pretty", "--output-format", "jsonl"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&out_file)
        .unwrap()
        .starts_with(b"{\n  \"schema_version\""));
}

#[test]
fn resume_to_standard_output_is_refused() {
    let dir = TempDir::new("resume-stdout");
    let input = dir.join("in.txt");
    std::fs::write(&input, "“Yes,” Ann Lee said.").unwrap();
    let out = saywho()
        .arg("extract")
        .arg(&input)
        .args(["-o", "-", "--resume"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("-o - is standard output"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing is extracted");
}

#[test]
fn a_compressed_output_name_is_refused() {
    let dir = TempDir::new("out-gz");
    let input = dir.join("in.txt");
    std::fs::write(&input, "“Yes,” Ann Lee said.").unwrap();
    for (option, name, tool) in [
        ("-o", "quotes.csv.gz", "gzip"),
        ("-o", "quotes.jsonl.GZ", "gzip"),
        ("-o", "quotes.jsonl.zst", "zstd"),
        ("--errors", "failed.jsonl.gz", "gzip"),
    ] {
        let file = dir.join(name);
        let out = saywho()
            .arg("extract")
            .arg(&input)
            .arg(option)
            .arg(&file)
            .args(["--output-format", "jsonl"])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.contains("does not compress") && stderr.contains(tool),
            "{name}: {stderr}"
        );
        assert!(!file.exists(), "{name}: nothing is written");
    }
}

#[test]
fn eval_refuses_a_corpus_without_gold_quotes() {
    let dir = TempDir::new("eval-no-gold");
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(&corpus, "{\"id\": \"a\", \"text\": \"“Yes,” Ann Lee said.\"}\n").unwrap();
    let out = saywho().arg("eval").arg(&corpus).output().expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no gold quotes in"), "{stderr}");
    assert!(out.stdout.is_empty(), "no scores are printed");
}

#[test]
fn zero_threads_is_refused_with_a_reason() {
    for command in [
        &["extract", "--threads", "0"][..],
        &["extract", "-j", "0"],
        &["index", "x.txt", "--db", "x.db", "--threads", "0"],
        &["eval", "gold.jsonl", "--threads", "0"],
        &["bench", "--threads", "0"],
        &["serve", "--threads", "0"],
    ] {
        let out = saywho().args(command).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {stderr}");
        assert!(stderr.contains("0 threads would run nothing"), "{command:?}: {stderr}");
    }
}

#[test]
fn zero_slots_is_refused_with_a_reason() {
    let out = saywho().args(["serve", "--slots", "0"]).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("0 slots would extract nothing"), "{stderr}");
}

#[test]
fn files_left_out_of_a_folder_are_counted_on_stderr() {
    let dir = TempDir::new("skipped-files");
    std::fs::write(dir.join("a.md"), "“Yes,” Ann Lee said.").unwrap();
    std::fs::write(dir.join("b.doc"), "x").unwrap();
    // (extra file, what stderr says)
    let cases = [
        (None, "saywho: 2 files in the folders given left out (the first: "),
        (Some("c.txt"), "saywho: 2 files in the folders given left out"),
    ];
    for (extra, says) in cases {
        if let Some(name) = extra {
            std::fs::write(dir.join(name), "“No,” Bo Li said.").unwrap();
        }
        for command in ["extract", "index"] {
            let mut run = saywho();
            run.arg(command).arg(&*dir);
            if command == "index" {
                run.arg("--db").arg(dir.with_extension("db"));
            }
            let out = run.output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.contains(says) && stderr.contains("a.md"),
                "{command} {extra:?}: {stderr}"
            );
            // (index with nothing to read says so and fails, as it did before.)
            let ok = out.status.success() || (command == "index" && extra.is_none());
            assert!(ok, "{command} {extra:?}: {stderr}");
        }
        let _ = std::fs::remove_file(dir.with_extension("db"));
    }
}

#[test]
fn eval_names_every_gold_format_when_it_cannot_tell() {
    let dir = TempDir::new("eval-unknown");
    let files = [
        ("notes.txt", "text"),
        ("truth.json", "{\"a\": {\"articleBody\": \"x\"}}"),
    ];
    for (name, contents) in files {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        let out = saywho().arg("eval").arg(&path).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains("cannot tell the gold format"), "{name}: {stderr}");
        assert!(
            stderr.contains("--html DIR") && stderr.contains("--format"),
            "{name}: {stderr}"
        );
    }
    let out = saywho().arg("eval").arg(dir.join("notes.txt")).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("LitBank") && stderr.contains("HTML pages"), "{stderr}");
}
