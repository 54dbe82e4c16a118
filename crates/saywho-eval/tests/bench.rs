//! The benchmark's pieces: corpus loading, medians, /proc parsing, and a run on a fake engine.

mod common;

use saywho::Record;
use saywho_eval::bench::{load_corpus, median, parse_status_kb, run_bench, BenchOptions};

#[test]
fn medians() {
    let cases: &[(&[f64], f64)] = &[
        (&[], 0.0),
        (&[3.0], 3.0),
        (&[5.0, 1.0, 3.0], 3.0),
        (&[4.0, 1.0, 2.0, 3.0], 2.5),
    ];
    for (values, expected) in cases {
        assert_eq!(median(values), *expected, "{values:?}");
    }
}

#[test]
fn proc_status_fields_parse_in_kilobytes() {
    let status = "Name:\tsaywho\nVmPeak:\t  20000 kB\nVmHWM:\t    1234 kB\nVmRSS:\t     987 kB\n";
    assert_eq!(parse_status_kb(status, "VmHWM:"), Some(1234));
    assert_eq!(parse_status_kb(status, "VmRSS:"), Some(987));
    assert_eq!(parse_status_kb(status, "VmSwap:"), None);
}

#[test]
fn corpus_loads_and_a_fake_engine_is_timed() {
    let path = std::env::temp_dir().join(format!("saywho-bench-{}.jsonl", std::process::id()));
    let lines = "{\"id\": \"a\", \"text\": \"Ünïcode counts bytes.\"}\n\n{\"id\": 7, \"text\": \"boom\"}\n";
    std::fs::write(&path, lines).expect("write");
    let corpus = load_corpus(&path).expect("loads");
    assert_eq!(corpus.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), vec!["a", "7"]);
    let fake = |id: &str, text: &str| {
        assert_ne!(text, "boom", "deliberate test panic");
        let quote = common::quote(text, (0, 3), 0, None, None);
        Record::new(id, vec![quote.clone(), quote], vec![])
    };
    let options = BenchOptions {
        threads: 2,
        repeat: 3,
        passes: 2,
    };
    let report = run_bench("fixture", &corpus, options, fake).expect("runs");
    assert_eq!(
        (report.documents, report.passes, report.text_bytes),
        (2, 2, "Ünïcode counts bytes.".len() + 4)
    );
    assert_eq!((report.quotes_found, report.panicked_documents), (2, 1));
    assert_eq!(report.single_thread.seconds.len(), 3);
    assert_eq!((report.single_thread.threads, report.multi_thread.threads), (1, 2));
    assert!(report.multi_thread.documents_per_second > 0.0);
    if cfg!(target_os = "linux") {
        assert!(report.single_thread.peak_memory_bytes.is_some_and(|b| b > 0));
    }
    if cfg!(unix) {
        // Each repetition's CPU time, for per-core throughput (scripts/bench-python).
        for run in [&report.single_thread, &report.multi_thread] {
            assert_eq!(run.cpu_seconds.len(), 3);
            assert!(run.cpu_seconds.iter().all(|&s| s >= 0.0));
        }
    }
    let _ = std::fs::remove_file(&path);
    let bad = std::env::temp_dir().join(format!("saywho-bench-bad-{}.jsonl", std::process::id()));
    std::fs::write(&bad, "{\"id\": \"a\"}\n").expect("write");
    assert!(load_corpus(&bad).is_err(), "a line without text");
    let _ = std::fs::remove_file(&bad);
}
