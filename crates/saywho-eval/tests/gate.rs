//! The gate itself: a good extractor passes the floors, weakened ones fail them. The gold is a
//! handful of made-up sentences written for this test.

mod common;

use common::{gold_quote, oracle, oracle_record};
use saywho::Record;
use saywho_eval::gate::{check, run_gate, DatasetFloors, GateOutcome};
use saywho_eval::gold::{Annotations, GoldDocument, GoldFormat, GoldSet};
use saywho_eval::{score, EvalError, ScoreOptions};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const HARBOUR: &str = "“The harbour will reopen in spring,” Transport Minister Lena Ortiz said on \
Tuesday. She added that ferries would run twice a day. “We have waited long enough,” said \
fisherman Sam Baptiste.";
const CLINIC: &str = "Dr. Priya Nair told the committee that the clinic needs six more nurses. \
“We are turning people away,” the doctor said. Board chair Owen Tully declined to comment, but a \
spokesperson wrote that a review is under way.";
const TEAM: &str = "Coach Mia Lindqvist said her team was ready. “Nobody expected us here,” she \
told reporters.";

fn document(id: &str, text: &str, quotes: &[(&str, &str, &str, &str)]) -> GoldDocument {
    GoldDocument {
        id: id.into(),
        text: text.into(),
        quotes: quotes
            .iter()
            .map(|(q, who, mention, cue)| gold_quote(text, q, who, mention, cue))
            .collect(),
        sources: None,
    }
}

fn harbour() -> GoldDocument {
    document(
        "harbour",
        HARBOUR,
        &[
            (
                "“The harbour will reopen in spring,”",
                "Lena Ortiz",
                "Transport Minister Lena Ortiz",
                "said",
            ),
            ("ferries would run twice a day", "Lena Ortiz", "She", "added"),
            (
                "“We have waited long enough,”",
                "Sam Baptiste",
                "fisherman Sam Baptiste",
                "said",
            ),
        ],
    )
}

fn gold() -> GoldSet {
    let annotations = Annotations {
        speaker_mention: true,
        resolved_speaker: true,
        cue: true,
        ..Annotations::default()
    };
    let documents = vec![
        harbour(),
        document(
            "clinic",
            CLINIC,
            &[
                (
                    "the clinic needs six more nurses",
                    "Priya Nair",
                    "Dr. Priya Nair",
                    "told",
                ),
                ("“We are turning people away,”", "Priya Nair", "the doctor", "said"),
                ("a review is under way", "spokesperson", "a spokesperson", "wrote"),
            ],
        ),
        document(
            "team",
            TEAM,
            &[
                ("her team was ready", "Mia Lindqvist", "Coach Mia Lindqvist", "said"),
                ("“Nobody expected us here,”", "Mia Lindqvist", "she", "told reporters"),
            ],
        ),
    ];
    GoldSet::new(GoldFormat::Seed, documents, annotations)
}

fn floors() -> DatasetFloors {
    let floors: BTreeMap<String, f64> = [
        ("quote_f1@0.3", 90.0),
        ("resolved_speaker_accuracy@0.3", 90.0),
        ("who_said_what_f1@0.3", 90.0),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    DatasetFloors {
        name: "fixture".into(),
        format: GoldFormat::Seed,
        path: PathBuf::new(),
        floors,
        ceilings: BTreeMap::new(),
    }
}

/// The metrics below their floor when `extract` is scored on the fixture.
fn failing(extract: impl Fn(&str, &str) -> Record + Sync) -> Vec<String> {
    let report = score(&gold(), &ScoreOptions::default(), extract).report;
    let findings = check(&floors(), &report).expect("floors name known metrics");
    findings.into_iter().filter(|f| !f.passed).map(|f| f.metric).collect()
}

/// The oracle's answer with every other quote dropped.
fn drop_half(gold: &GoldSet) -> impl Fn(&str, &str) -> Record + Sync {
    let good = oracle(gold);
    move |id, text| {
        let mut record = good(id, text);
        record.quotes = record.quotes.into_iter().step_by(2).collect();
        record
    }
}

/// The oracle's answer with every speaker renamed.
fn wrong_speakers(gold: &GoldSet) -> impl Fn(&str, &str) -> Record + Sync {
    let good = oracle(gold);
    move |id, text| {
        let mut record = good(id, text);
        for q in &mut record.quotes {
            if let Some(speaker) = &mut q.speaker {
                speaker.name = "Someone Else".into();
            }
        }
        record
    }
}

#[test]
fn the_good_extractor_passes() {
    assert_eq!(failing(oracle(&gold())), Vec::<String>::new());
}

#[test]
fn dropping_half_the_quotes_fails() {
    assert_eq!(
        failing(drop_half(&gold())),
        vec!["quote_f1@0.3", "who_said_what_f1@0.3"]
    );
}

#[test]
fn wrong_speakers_fail() {
    assert_eq!(
        failing(wrong_speakers(&gold())),
        vec!["resolved_speaker_accuracy@0.3", "who_said_what_f1@0.3"]
    );
}

#[test]
fn a_panic_fails_even_when_the_figures_pass() {
    let good = oracle(&gold());
    let fragile = move |id: &str, text: &str| {
        assert_ne!(id, "team", "deliberate test panic");
        good(id, text)
    };
    let report = score(&gold(), &ScoreOptions::default(), fragile).report;
    let mut no_floors = floors();
    no_floors.floors.clear();
    let findings = check(&no_floors, &report).expect("checks");
    assert_eq!(findings.len(), 1);
    assert!(!findings[0].passed && findings[0].metric.starts_with("panicked_documents"));
}

#[test]
fn unknown_or_unannotated_metrics_are_errors_not_passes() {
    let report = score(&gold(), &ScoreOptions::default(), oracle(&gold())).report;
    let mut typo = floors();
    typo.floors.insert("quote_f1@0.35".into(), 0.0);
    assert!(matches!(check(&typo, &report), Err(EvalError::Floor { .. })));
    let mut not_annotated = floors();
    not_annotated.floors.insert("channel_accuracy@0.3".into(), 0.0);
    assert!(matches!(check(&not_annotated, &report), Err(EvalError::Floor { .. })));
}

/// A repository-like layout under the temp dir: `repo/gate/floors.json` and
/// `shared/data/mini/{gold.json, article.txt}` holding the harbour article.
fn write_layout(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("saywho-gate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let data = root.join("shared/data/mini");
    std::fs::create_dir_all(&data).expect("mkdir");
    std::fs::create_dir_all(root.join("repo/gate")).expect("mkdir");
    let doc = harbour();
    let quotes: Vec<serde_json::Value> = doc
        .quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let span = q.span.hull().expect("fixture quote");
            let mention = q.speaker_mention.expect("fixture mention");
            json!({"qid": format!("q{i}"), "quote": q.text, "quote_start": span.start, "quote_end": span.end,
                   "speaker": q.speaker, "speaker_start": mention.start, "speaker_end": mention.end,
                   "cue": q.cue, "type": "direct"})
        })
        .collect();
    let gold = json!({"doc_id": "harbour", "source": "article.txt", "quotes": quotes});
    std::fs::write(data.join("gold.json"), gold.to_string()).expect("write");
    std::fs::write(data.join("article.txt"), HARBOUR).expect("write");
    let floors = json!({
        "comment": "test floors",
        "datasets": [{"name": "mini", "format": "seed", "path": "data/mini/gold.json",
                      "floors": {"quote_f1@0.3": 90.0, "who_said_what_f1@0.3": 90.0}}]
    });
    std::fs::write(root.join("repo/gate/floors.json"), floors.to_string()).expect("write");
    root
}

#[test]
fn run_gate_reads_the_floors_file_and_the_shared_folder() {
    let root = write_layout("run");
    let floors_path = root.join("repo/gate/floors.json");
    let gold = saywho_eval::gold::load(&root.join("shared/data/mini/gold.json"), None).expect("fixture loads");

    let passed = run_gate(&floors_path, None, oracle(&gold)).expect("runs");
    assert!(matches!(passed, GateOutcome::Checked { ref findings, .. } if findings.len() == 2));
    assert!(passed.failures().is_empty());

    let failed = run_gate(&floors_path, None, drop_half(&gold)).expect("runs");
    let metrics: Vec<&str> = failed.failures().iter().map(|f| f.metric.as_str()).collect();
    assert_eq!(metrics, vec!["quote_f1@0.3", "who_said_what_f1@0.3"]);

    let absent = run_gate(&floors_path, Some(Path::new("/nonexistent/shared")), drop_half(&gold)).expect("runs");
    assert!(matches!(absent, GateOutcome::Skipped { .. }));
    assert!(absent.failures().is_empty());

    // The extractor sees the article text itself, not just the id.
    let seen = run_gate(&floors_path, None, |id: &str, text: &str| {
        assert_eq!((id, text), ("harbour", HARBOUR));
        oracle_record(&gold.documents[0])
    })
    .expect("runs");
    assert!(seen.failures().is_empty());
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn ceilings_bound_lost_pages_and_floors_bound_article_f1() {
    use saywho_eval::article::{dataset_report, ArticleReport, ArticleSet, Figures};
    let set = ArticleSet {
        source: PathBuf::from("<memory>"),
        pages: Vec::new(),
    };
    let article = ArticleReport {
        pages: 10,
        lost: 2,
        figures: Figures {
            precision: 0.9,
            recall: 0.8,
            f1: 0.85,
            accuracy: 0.1,
        },
        ..ArticleReport::default()
    };
    let report = dataset_report("pages", &set, article, Vec::new());
    let bounds = |floor: f64, ceiling: f64| DatasetFloors {
        name: "pages".into(),
        format: GoldFormat::Html,
        path: PathBuf::new(),
        floors: [("article_f1".to_string(), floor)].into_iter().collect(),
        ceilings: [("article_lost_pages".to_string(), ceiling)].into_iter().collect(),
    };
    let failing = |floors: DatasetFloors| -> Vec<String> {
        let findings = check(&floors, &report).expect("known metrics");
        findings.into_iter().filter(|f| !f.passed).map(|f| f.metric).collect()
    };
    assert!(failing(bounds(85.0, 2.0)).is_empty());
    assert_eq!(failing(bounds(85.0, 1.0)), ["article_lost_pages"]);
    assert_eq!(failing(bounds(85.1, 2.0)), ["article_f1"]);
    // A quotation metric on pages is an error, not a pass.
    let mut wrong = bounds(0.0, 9.0);
    wrong.floors.insert("quote_f1@0.3".into(), 0.0);
    assert!(check(&wrong, &report).is_err());
}
