//! Regressions from the adversarial review (issue #15) that need the binary: stderr that cannot
//! be written, outputs that are also inputs, outputs that go away.

mod common;

use common::{saywho, TempDir};
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Child, Output, Stdio};

/// `n` JSONL lines, every other one broken: each broken line is a message on stderr.
fn mixed_jsonl(path: &Path, n: usize) {
    let lines: String = (0..n)
        .map(|i| {
            if i % 2 == 1 {
                format!("{{broken {i}\n")
            } else {
                format!("{{\"id\": \"d{i}\", \"text\": \"“Yes,” Ann Lee said.\"}}\n")
            }
        })
        .collect();
    std::fs::write(path, lines).expect("write corpus");
}

fn line_count(path: &Path) -> usize {
    std::fs::read_to_string(path).expect("output").lines().count()
}

/// Runs `saywho` with stdout and stderr pipes, one of which `close` closes from the start (a
/// pipe whose reader went away).
fn run_with_closed_pipe(args: &[&OsStr], close: fn(&mut Child)) -> Output {
    let mut child = saywho()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("saywho starts");
    close(&mut child);
    child.wait_with_output().expect("saywho finishes")
}

#[test]
fn diagnostics_that_cannot_be_written_never_stop_the_run() {
    let dir = TempDir::new("stderr");
    let input = dir.path("mixed.jsonl");
    mixed_jsonl(&input, 2000);
    let out = dir.path("out.jsonl");
    let args = [
        "extract".as_ref(),
        input.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--threads".as_ref(),
        "2".as_ref(),
    ];
    // stderr a closed pipe (`2>&1 | head -1`).
    let output = run_with_closed_pipe(&args, |child| drop(child.stderr.take()));
    assert_eq!(output.status.code(), Some(1), "failed documents: exit 1, not a panic");
    assert_eq!(line_count(&out), 2000, "the output is complete");
    // stderr a full disk.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let output = saywho().args(args).stderr(full).output().expect("runs");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(line_count(&out), 2000);
    // An error that stops the run still exits 2 when it cannot be told.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let bad = dir.path("no-such-dir/out.jsonl");
    let output = saywho()
        .args(["extract".as_ref(), input.as_os_str(), "-o".as_ref(), bad.as_os_str()])
        .stderr(full)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn index_diagnostics_that_cannot_be_written_never_stop_the_run() {
    let dir = TempDir::new("index-stderr");
    let input = dir.path("mixed.jsonl");
    mixed_jsonl(&input, 20);
    let db = dir.path("quotes.db");
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    // Its summary and its per-document failures went through eprintln!, which panics here.
    let output = saywho()
        .args(["index".as_ref(), input.as_os_str(), "--db".as_ref(), db.as_os_str()])
        .stderr(full)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "failed documents: exit 1, not a panic");
    assert!(db.exists());
}

#[test]
fn an_output_that_is_also_an_input_is_refused_before_it_is_touched() {
    let dir = TempDir::new("overwrite");
    let corpus = dir.path("x.jsonl");
    mixed_jsonl(&corpus, 10);
    let folder = dir.path("folder");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::write(folder.join("sub/a.txt"), "“Yes,” Ann Lee said.").unwrap();
    let link = dir.path("link.jsonl");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&corpus, &link).unwrap();
    let s = |p: &Path| p.display().to_string();
    let spelled_otherwise = format!("{}/../{}/x.jsonl", s(&dir), dir.file_name().unwrap().to_string_lossy());
    let cases: Vec<Vec<String>> = vec![
        vec![s(&corpus), "-o".into(), s(&corpus)],
        vec![s(&corpus), "-o".into(), spelled_otherwise],
        vec![
            s(&corpus),
            "-o".into(),
            s(&dir.path("o.jsonl")),
            "--errors".into(),
            s(&corpus),
        ],
        vec![s(&folder), "-o".into(), s(&folder.join("sub/a.txt"))],
        #[cfg(unix)]
        vec![s(&corpus), "-o".into(), s(&link)],
        vec![
            s(&corpus),
            "-o".into(),
            s(&dir.path("same.jsonl")),
            "--errors".into(),
            s(&dir.path("same.jsonl")),
        ],
    ];
    let before = std::fs::read(&corpus).unwrap();
    let text_before = std::fs::read(folder.join("sub/a.txt")).unwrap();
    for args in cases {
        let output = saywho().arg("extract").args(&args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("saywho: error:"), "{args:?}: {stderr}");
        assert_eq!(std::fs::read(&corpus).unwrap(), before, "{args:?} left the input alone");
        assert_eq!(
            std::fs::read(folder.join("sub/a.txt")).unwrap(),
            text_before,
            "{args:?}"
        );
    }
    // Standard input that is the output file.
    let output = saywho()
        .args(["extract".as_ref(), "-o".as_ref(), corpus.as_os_str()])
        .stdin(std::fs::File::open(&corpus).unwrap())
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read(&corpus).unwrap(), before);
    // An output in an input folder that the walk would not read is fine.
    let output = saywho()
        .arg("extract")
        .arg(&folder)
        .arg("-o")
        .arg(folder.join("quotes.jsonl"))
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[cfg(unix)]
#[test]
fn an_output_file_that_goes_away_is_a_failure_but_standard_output_is_not() {
    let dir = TempDir::new("epipe");
    let input = dir.path("mixed.jsonl");
    mixed_jsonl(&input, 4000);
    let ok = dir.path("ok.jsonl");
    let cases: &[(&[&str], Option<i32>)] = &[
        // `saywho extract … | head`: the reader had what it wanted.
        (&[], Some(0)),
        (&["-o", "/dev/stdout"], Some(2)),
        (&["-o", "OK", "--errors", "/dev/stdout"], Some(2)),
    ];
    for (extra, code) in cases {
        let mut args = vec!["extract".as_ref(), input.as_os_str()];
        args.extend(
            extra
                .iter()
                .map(|a| if *a == "OK" { ok.as_os_str() } else { a.as_ref() }),
        );
        let output = run_with_closed_pipe(&args, |child| drop(child.stdout.take()));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), *code, "{extra:?}: {stderr}");
        if *code == Some(2) {
            assert!(stderr.contains("cannot write"), "{extra:?}: {stderr}");
        }
    }
    // A full disk behind --errors is reported as well.
    let output = saywho()
        .args(["extract".as_ref(), input.as_os_str(), "-o".as_ref(), ok.as_os_str()])
        .args(["--errors", "/dev/full"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write --errors /dev/full"));
}
