//! The gender figures (GGT sources by gender), GAP scoring through the gate, and the Markdown
//! sections that show them, on fixtures written here.

mod common;

use common::gold_quote;
use saywho::{EntityKind, EntityRecord, Gender, GenderSource, Record};
use saywho_eval::gap::CorefMention;
use saywho_eval::gate::{run_gate, run_gate_with_coref, GateOutcome};
use saywho_eval::gold::{Annotations, GoldDocument, GoldFormat, GoldSet, GoldSources};
use saywho_eval::{markdown, score, MetricValue, ScoreOptions};
use std::path::PathBuf;

const TEXT: &str = "“We will build it,” Cindy Dalglish said. “It costs too much,” Doug McCallum said.";

fn gold() -> GoldSet {
    let document = GoldDocument {
        id: "a".into(),
        text: TEXT.into(),
        quotes: vec![
            gold_quote(TEXT, "“We will build it,”", "Cindy Dalglish", "Cindy Dalglish", "said"),
            gold_quote(TEXT, "“It costs too much,”", "Doug McCallum", "Doug McCallum", "said"),
        ],
        sources: Some(GoldSources {
            female: vec!["Cindy Dalglish".into()],
            male: vec!["Doug McCallum".into()],
            unknown: vec![],
        }),
    };
    let annotations = Annotations {
        resolved_speaker: true,
        ..Annotations::default()
    };
    GoldSet::new(GoldFormat::Ggt, vec![document], annotations)
}

fn entity(id: usize, name: &str, gender: Gender, source: GenderSource) -> EntityRecord {
    EntityRecord {
        id,
        name: name.into(),
        key: saywho::entity_key(name),
        kind: EntityKind::Person,
        gender,
        gender_source: source,
        mentions: vec![],
    }
}

/// Both quotes with their speakers; Dalglish female from her name, McCallum of unknown gender.
fn extract(id: &str, text: &str) -> Record {
    let mut record = common::oracle(&gold())(id, text);
    record.entities = vec![
        entity(0, "Cindy Dalglish", Gender::Female, GenderSource::Name),
        entity(1, "Doug McCallum", Gender::Unknown, GenderSource::None),
    ];
    for (i, q) in record.quotes.iter_mut().enumerate() {
        if let Some(s) = q.speaker.as_mut() {
            s.entity = i;
        }
    }
    record
}

#[test]
fn sources_by_gender_are_scored_with_the_quotes() {
    let report = score(&gold(), &ScoreOptions::default(), extract).report;
    let g = report.gender.as_ref().expect("the gold lists sources");
    assert_eq!((g.female.f1.num, g.female.f1.den), (2, 2));
    assert_eq!((g.male.recall.num, g.male.precision.den), (0, 0));
    assert_eq!((g.system.female, g.system.male, g.system.unknown), (1, 0, 1));
    assert_eq!((g.gender_from_name.num, g.gender_from_name.den), (1, 1));
    assert_eq!(report.metric("female_source_f1"), Ok(MetricValue::Percent(100.0)));
    assert_eq!(report.metric("male_source_recall"), Ok(MetricValue::Percent(0.0)));
    // Gold 50% women, system 100% of those with a gender.
    assert_eq!(report.metric("female_share_agreement"), Ok(MetricValue::Percent(50.0)));
    assert_eq!(report.metric("gap_f1"), Ok(MetricValue::NotAnnotated));
    assert!(report.metric("female_sources_f1").is_err());
    // The JSON carries it, and an old report without it still reads.
    let json = serde_json::to_value(&report).expect("serialises");
    assert!(json["gender"]["female"]["f1"]["percent"].is_number());
    let mut old = json.clone();
    old.as_object_mut().expect("object").remove("gender");
    let back: saywho_eval::DatasetReport = serde_json::from_value(old).expect("reads");
    assert_eq!(back.gender, None);
}

/// A shared folder with one GAP file and a floors file naming it.
fn gap_fixture(floor: f64) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir().join(format!("saywho-eval-gap-gate-{}-{floor}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("shared/data/gap")).expect("dirs");
    let header = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n";
    let rows = "d-1\tAnn met Bea. She left.\tShe\t13\tAnn\t0\tFALSE\tBea\t8\tTRUE\t-\n\
                d-2\tAl met Bo. He left.\tHe\t11\tAl\t0\tTRUE\tBo\t7\tFALSE\t-\n";
    std::fs::write(dir.join("shared/data/gap/gap-x.tsv"), format!("{header}{rows}")).expect("write");
    let floors = serde_json::json!({
        "shared_dir": "shared",
        "datasets": [{"name": "gap-x", "format": "gap", "path": "data/gap/gap-x.tsv",
                      "floors": {"gap_f1": floor, "gap_f1_feminine": 0.0}}]
    });
    let floors_path = dir.join("floors.json");
    std::fs::write(&floors_path, floors.to_string()).expect("write");
    (dir, floors_path)
}

/// Resolves every pronoun to the first name of its passage.
fn first_name_resolver(text: &str) -> Result<Vec<CorefMention>, String> {
    let pronoun = text.find(". ").map_or(0, |i| i + 2);
    let first = text.find(' ').unwrap_or(0);
    Ok(vec![
        CorefMention {
            start: 0,
            end: first,
            entity: 0,
        },
        CorefMention {
            start: pronoun,
            end: pronoun + 2,
            entity: 0,
        },
    ])
}

#[test]
fn the_gate_scores_gap_with_a_resolver() {
    let (dir, floors) = gap_fixture(50.0);
    let outcome = run_gate_with_coref(
        &floors,
        None,
        |id, _| Record::new(id, vec![], vec![]),
        Some(&first_name_resolver),
    )
    .expect("runs");
    let GateOutcome::Checked { reports, findings } = &outcome else {
        panic!("shared data is there")
    };
    // Right on the man, wrong on the woman: F1 50 overall, 0 feminine.
    assert_eq!(reports[0].gap.as_ref().map(|g| g.overall.f1.num), Some(2));
    assert!(findings.iter().all(|f| f.passed), "{findings:?}");
    let (dir2, strict) = gap_fixture(60.0);
    let failed = run_gate_with_coref(
        &strict,
        None,
        |id, _| Record::new(id, vec![], vec![]),
        Some(&first_name_resolver),
    )
    .expect("runs");
    assert_eq!(failed.failures().len(), 1);
    assert!(
        run_gate(&floors, None, |id, _| Record::new(id, vec![], vec![])).is_err(),
        "no resolver"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&dir2);
}

#[test]
fn the_markdown_report_shows_gender_and_gap() {
    let ggt = score(&gold(), &ScoreOptions::default(), extract).report;
    let set = saywho_eval::gap::parse(
        "header\nd-1\tAnn met Bea. She left.\tShe\t13\tAnn\t0\tFALSE\tBea\t8\tTRUE\t-\n",
        std::path::Path::new("gap-x.tsv"),
    )
    .expect("parses");
    let gap = saywho_eval::gap::score_gap(&set, first_name_resolver);
    let gap = saywho_eval::gap::dataset_report("gap-x", &set, gap, vec![]);
    let md = markdown::accuracy(&[ggt, gap]);
    assert!(md.contains("## The people quoted, by gender"), "{md}");
    assert!(md.contains("Gender Gap Tracker V5.3"), "{md}");
    assert!(md.contains("## Pronoun coreference (GAP)"), "{md}");
    assert!(md.contains("| saywho | gap-x (1 examples) | 0.0 (0/2) |"), "{md}");
    // GAP is not a row of the quotation table.
    let headline = md.split("## Published").next().expect("headline");
    assert!(!headline.contains("gap-x"), "{headline}");
}
