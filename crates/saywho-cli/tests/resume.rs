//! Kills and restarts (issue #15 item 8): a run killed with SIGKILL and continued with
//! `--resume`, or stopped with SIGINT/SIGTERM, ends with the output of one uninterrupted run.

mod common;

use common::{saywho, signal, TempDir};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A corpus that takes a debug build a few seconds: documents of 1–12 quotes, a broken line
/// now and then (error records), some ids repeated.
fn corpus(path: &Path, documents: usize) {
    let names = ["Ann Lee", "John Smith", "Maria Garcia", "Wei Chen"];
    let mut out = String::new();
    for i in 0..documents {
        if i % 97 == 5 {
            out.push_str(&format!("{{broken {i}\n"));
            continue;
        }
        let name = names[i % names.len()];
        let text: Vec<String> = (0..1 + (i * 7) % 12)
            .map(|j| {
                format!("“We will keep going, step {j},” {name} said on day {i}. Officials said the plan would go on.")
            })
            .collect();
        let id = if i % 50 == 0 {
            "same".to_string()
        } else {
            format!("d{i}")
        };
        out.push_str(&serde_json::json!({"id": id, "text": text.join(" ")}).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).expect("corpus");
}

/// `saywho extract corpus -o out --errors err --output-format format [extra]`.
fn extract(corpus: &Path, out: &Path, errors: &Path, format: &str, extra: &[&str]) -> Command {
    let mut command = saywho();
    command
        .arg("extract")
        .arg(corpus)
        .arg("-o")
        .arg(out)
        .arg("--errors")
        .arg(errors)
        .args(["--output-format", format, "--threads", "2"])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// A file for a spawned run's stderr, read once it has ended: a pipe read only then would
/// stall the run once it held a pipe's worth (about 64 KB) while the test polls the output.
fn stderr_file(path: &Path) -> std::fs::File {
    std::fs::File::create(path).expect("stderr file")
}

/// Waits until `path` holds at least `bytes` (the run is under way), or the child ends.
fn wait_for_output(child: &mut Child, path: &Path, bytes: u64) {
    let started = Instant::now();
    while std::fs::metadata(path).map_or(0, |m| m.len()) < bytes {
        if child.try_wait().expect("child").is_some() || started.elapsed() > Duration::from_secs(60) {
            panic!("the run ended before it could be interrupted");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn a_killed_run_resumed_ends_with_the_uninterrupted_output() {
    let dir = TempDir::new("kill");
    let input = dir.path("corpus.jsonl");
    corpus(&input, 1500);
    for format in ["jsonl", "csv"] {
        let (full, full_errors) = (dir.path(&format!("full.{format}")), dir.path("full.err"));
        let status = extract(&input, &full, &full_errors, format, &[])
            .status()
            .expect("runs");
        assert_eq!(status.code(), Some(1), "some lines are broken");
        let (part, part_errors) = (dir.path(&format!("part.{format}")), dir.path("part.err"));
        let mut child = extract(&input, &part, &part_errors, format, &[])
            .spawn()
            .expect("starts");
        wait_for_output(&mut child, &part, 300_000);
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let cut = std::fs::read(&part).unwrap();
        let whole = std::fs::read(&full).unwrap();
        assert!(cut.len() < whole.len(), "{format}: killed mid-run");
        assert!(whole.starts_with(&cut), "{format}: the killed output is a prefix");
        let status = extract(&input, &part, &part_errors, format, &["--resume"])
            .status()
            .expect("runs");
        assert_eq!(status.code(), Some(1), "{format}");
        assert!(
            std::fs::read(&part).unwrap() == whole,
            "{format}: resumed output differs"
        );
        assert_eq!(
            std::fs::read(&part_errors).unwrap(),
            std::fs::read(&full_errors).unwrap(),
            "{format}"
        );
        // Resuming a finished output adds nothing.
        let status = extract(&input, &part, &part_errors, format, &["--resume"])
            .status()
            .expect("runs");
        assert_eq!(status.code(), Some(0), "{format}: nothing left to read");
        assert!(
            std::fs::read(&part).unwrap() == whole,
            "{format}: a second resume changed the output"
        );
    }
}

#[test]
fn sigint_and_sigterm_close_the_output_and_exit_with_the_conventional_code() {
    let dir = TempDir::new("signals");
    let input = dir.path("corpus.jsonl");
    corpus(&input, 1500);
    let full = dir.path("full.jsonl");
    extract(&input, &full, &dir.path("full.err"), "jsonl", &[])
        .status()
        .expect("runs");
    for (name, code) in [("INT", 130), ("TERM", 143)] {
        let part = dir.path(&format!("{name}.jsonl"));
        let errors = dir.path("part.err");
        let stderr_path = dir.path(&format!("{name}.stderr"));
        let mut child = extract(&input, &part, &errors, "jsonl", &[])
            .stderr(stderr_file(&stderr_path))
            .spawn()
            .expect("starts");
        wait_for_output(&mut child, &part, 1);
        signal(&child, name);
        let status = child.wait().expect("ends");
        assert_eq!(status.code(), Some(code), "SIG{name}");
        let stderr = std::fs::read_to_string(&stderr_path).expect("stderr");
        assert!(
            stderr.contains("run the same command with --resume to continue"),
            "{stderr}"
        );
        let stopped = std::fs::read(&part).unwrap();
        assert!(stopped.ends_with(b"\n"), "SIG{name}: whole documents only");
        let status = extract(&input, &part, &errors, "jsonl", &["--resume"])
            .status()
            .expect("runs");
        assert_eq!(status.code(), Some(1));
        assert!(
            std::fs::read(&part).unwrap() == std::fs::read(&full).unwrap(),
            "SIG{name}"
        );
    }
}

/// The `doc_id` column of a Parquet file (which must be readable: footer and all).
fn parquet_ids(path: &Path) -> Vec<String> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let reader =
        SerializedFileReader::new(std::fs::File::open(path).expect("parquet file")).expect("a readable Parquet file");
    let mut ids = Vec::new();
    for row in reader.get_row_iter(None).expect("rows") {
        let row = row.expect("row");
        ids.push(row.get_string(0).expect("doc_id").clone());
    }
    ids
}

#[test]
fn sigterm_leaves_a_readable_parquet_file_and_resume_refuses_parquet() {
    let dir = TempDir::new("parquet");
    let input = dir.path("corpus.jsonl");
    // Large enough that one worker is still busy when the signal comes, however fast the
    // machine: the run must be interrupted, not finished.
    corpus(&input, 12_000);
    let full = dir.path("full.parquet");
    let started = Instant::now();
    extract(&input, &full, &dir.path("full.err"), "parquet", &[])
        .status()
        .expect("runs");
    // The signal comes a tenth of a whole run after the output appears (at most 300 ms): a
    // fixed delay let a fast, idle machine finish before it.
    let delay = (started.elapsed() / 10).min(Duration::from_millis(300));
    let part = dir.path("part.parquet");
    let stderr_path = dir.path("part.stderr");
    let mut child = extract(&input, &part, &dir.path("part.err"), "parquet", &[])
        .stderr(stderr_file(&stderr_path))
        .spawn()
        .expect("starts");
    // The Parquet writer holds rows back; the file exists once the run is set up.
    wait_for_output(&mut child, &part, 0);
    std::thread::sleep(delay);
    signal(&child, "TERM");
    let status = child.wait().expect("ends");
    assert_eq!(status.code(), Some(143));
    // The message tells what is true for Parquet: no --resume.
    let stderr = std::fs::read_to_string(&stderr_path).expect("stderr");
    assert!(
        stderr.contains("readable Parquet file") && stderr.contains("--resume is not available"),
        "{stderr}"
    );
    assert!(!stderr.contains("--resume to continue"), "{stderr}");
    let (stopped, whole) = (parquet_ids(&part), parquet_ids(&full));
    assert!(stopped.len() < whole.len(), "stopped mid-run");
    assert_eq!(stopped[..], whole[..stopped.len()], "the rows of the documents written");

    let output = extract(&input, &part, &dir.path("part.err"), "parquet", &["--resume"])
        .stderr(Stdio::piped())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot be appended"));
    assert_eq!(parquet_ids(&part), stopped, "the refused run left the file alone");
}
