//! The real gold under `../shared` (skipped with a message when absent): the loaders read every
//! file, and an oracle extractor that answers with the gold scores 100 on every figure, which
//! checks the scorer and the loaders against each other.

mod common;

use common::{oracle, shared_path};
use saywho_eval::gold::{load, GoldFormat, GoldSet};
use saywho_eval::{score, DatasetReport, ScoreOptions};

fn assert_perfect(gold: &GoldSet) -> DatasetReport {
    let report = score(gold, &ScoreOptions::default(), oracle(gold)).report;
    for t in &report.thresholds {
        assert_eq!(t.quote.f1.percent, Some(100.0), "quote F1 @{}", t.threshold);
        for (name, ratio) in [
            ("speaker mention", t.speaker_mention),
            ("resolved speaker", t.resolved_speaker),
            ("cue", t.cue),
            ("channel", t.channel),
            ("kind", t.kind),
        ] {
            if let Some(ratio) = ratio {
                assert_eq!(ratio.num, ratio.den, "{name} @{}", t.threshold);
            }
        }
        if let Some(wsw) = t.who_said_what {
            assert_eq!(wsw.f1.percent, Some(100.0), "who-said-what @{}", t.threshold);
        }
    }
    report
}

#[test]
fn ggt_dev_loads_and_the_oracle_is_perfect() {
    let Some(path) = shared_path("data/ggt-eval/ggt_dev.jsonl") else {
        return;
    };
    let gold = load(&path, None).expect("GGT dev loads");
    assert_eq!(gold.format, GoldFormat::Ggt);
    // 814 entries, 27 of them repeats of one article's quotes (dropped, and noted).
    assert_eq!((gold.documents.len(), gold.quote_count()), (48, 787));
    assert!(
        gold.notes.iter().any(|n| n.starts_with("27 gold quotes repeated")),
        "{:?}",
        gold.notes
    );
    let report = assert_perfect(&gold);
    assert_eq!(report.exact.f1.percent, Some(100.0));
    assert!(report
        .at(0.3)
        .and_then(|t| t.speaker_mention)
        .is_some_and(|r| r.den > 600));
}

#[test]
fn polnear_dev_loads_and_the_oracle_is_perfect() {
    let Some(path) = shared_path("data/polnear/data/dev") else {
        return;
    };
    let gold = load(&path, None).expect("PolNeAR dev loads");
    assert_eq!(gold.format, GoldFormat::Polnear);
    assert_eq!(gold.documents.len(), 84);
    // 2,193 attributions, one of which has no Content.
    assert_eq!(gold.quote_count(), 2192);
    let report = assert_perfect(&gold);
    assert_eq!(
        report.at(0.3).and_then(|t| t.who_said_what),
        None,
        "no resolved speakers"
    );
}

#[test]
fn polnear_train_loads() {
    let Some(path) = shared_path("data/polnear/data/train") else {
        return;
    };
    let gold = load(&path, None).expect("PolNeAR train loads");
    assert_eq!(gold.documents.len(), 840);
}

#[test]
fn seed_loads_and_the_oracle_is_perfect() {
    let Some(path) = shared_path("seed/gold.json") else {
        return;
    };
    let gold = load(&path, None).expect("seed loads");
    assert_eq!(gold.format, GoldFormat::Seed);
    assert_eq!(gold.quote_count(), 11);
    let report = assert_perfect(&gold);
    let lenient = report.at(0.3).expect("0.3");
    assert_eq!(lenient.channel.map(|r| r.den), Some(9), "q8 and q9 have no channel");
    assert_eq!(lenient.kind.map(|r| r.den), Some(11));
}

#[test]
fn litbank_loads_and_the_oracle_is_perfect() {
    let Some(path) = shared_path("data/litbank/quotations/tsv") else {
        return;
    };
    let gold = load(&path, None).expect("LitBank quotations load");
    assert_eq!(gold.format, GoldFormat::Litbank);
    assert_eq!((gold.documents.len(), gold.quote_count()), (100, 1765));
    assert!(gold
        .documents
        .iter()
        .flat_map(|d| &d.quotes)
        .all(|q| q.speaker.is_some()));
    let report = assert_perfect(&gold);
    assert_eq!(report.exact.f1.percent, Some(100.0));
}
