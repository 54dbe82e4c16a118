//! The text `saywho eval` prints: the scores table, the gender and GAP tables, the recall by
//! class and the list of errors. Kept apart from the argument handling in `eval_cmd`.

use crate::eval_cmd::ERRORS_AT;
use saywho_eval::classes::ClassRecall;
use saywho_eval::gap;
use saywho_eval::markdown;
use saywho_eval::report::PRF_PARTS;
use saywho_eval::{DatasetReport, ErrorItem, ErrorKind, Ratio};
use std::fmt::Write as _;

/// The recall-by-class table of `--by-class`.
pub(crate) fn write_classes(out: &mut String, classes: &[ClassRecall]) {
    let _ = writeln!(out, "\nrecall by class of gold quote (its cue), overlap {ERRORS_AT}");
    for c in classes {
        let _ = writeln!(
            out,
            "  {:<16} {:>22}",
            c.class,
            cell(Some(&Ratio::new(c.matched, c.gold)))
        );
    }
}

fn cell(ratio: Option<&Ratio>) -> String {
    markdown::ratio_cell(ratio)
}

pub(crate) fn write_table(out: &mut String, r: &DatasetReport, seconds: f64) {
    let _ = writeln!(out, "{} ({}: {})", r.name, r.format, r.source);
    let _ = writeln!(
        out,
        "{} documents, {} gold quotes, {} predicted, {} panics, {seconds:.2} s\n",
        r.documents, r.gold_quotes, r.predicted_quotes, r.panicked_documents
    );
    let heads: Vec<String> = r.thresholds.iter().map(|t| format!("@{}", t.threshold)).collect();
    let mut row = |label: &str, cells: Vec<String>| {
        let cells: Vec<String> = cells.iter().map(|c| format!("{c:>22}")).collect();
        let _ = writeln!(out, "{label:<28}{}", cells.join(""));
    };
    row("metric", heads);
    row("matched", r.thresholds.iter().map(|t| t.matched.to_string()).collect());
    for (part, pick) in PRF_PARTS {
        row(
            &format!("quote {part}"),
            r.thresholds.iter().map(|t| cell(Some(pick(&t.quote)))).collect(),
        );
    }
    row(
        "speaker mention accuracy",
        r.thresholds.iter().map(|t| cell(t.speaker_mention.as_ref())).collect(),
    );
    row(
        "resolved speaker accuracy",
        r.thresholds.iter().map(|t| cell(t.resolved_speaker.as_ref())).collect(),
    );
    for (part, pick) in PRF_PARTS {
        let cells = r
            .thresholds
            .iter()
            .map(|t| cell(t.who_said_what.as_ref().map(pick)))
            .collect();
        row(&format!("who-said-what {part}"), cells);
    }
    row(
        "cue accuracy",
        r.thresholds.iter().map(|t| cell(t.cue.as_ref())).collect(),
    );
    row(
        "channel accuracy",
        r.thresholds.iter().map(|t| cell(t.channel.as_ref())).collect(),
    );
    row(
        "kind accuracy",
        r.thresholds.iter().map(|t| cell(t.kind.as_ref())).collect(),
    );
    let _ = writeln!(
        out,
        "\nexact span: precision {}, recall {}, F1 {}",
        cell(Some(&r.exact.precision)),
        cell(Some(&r.exact.recall)),
        cell(Some(&r.exact.f1))
    );
    if let Some(g) = &r.gender {
        write_gender(out, g);
    }
    for note in &r.notes {
        let _ = writeln!(out, "note: {note}");
    }
}

/// The gender of the people quoted (GGT).
fn write_gender(out: &mut String, g: &saywho_eval::gender::GenderReport) {
    let _ = writeln!(out, "\npeople quoted, by gender (name-matched per article)");
    let _ = writeln!(out, "{:<28}{:>22}{:>22}{:>22}", "", "precision", "recall", "F1");
    for (label, prf) in [("female sources", &g.female), ("male sources", &g.male)] {
        let _ = writeln!(
            out,
            "{label:<28}{:>22}{:>22}{:>22}",
            cell(Some(&prf.precision)),
            cell(Some(&prf.recall)),
            cell(Some(&prf.f1))
        );
    }
    let _ = writeln!(
        out,
        "sources female/male/unknown: gold {}/{}/{}, system {}/{}/{}",
        g.gold.female, g.gold.male, g.gold.unknown, g.system.female, g.system.male, g.system.unknown
    );
    let _ = writeln!(
        out,
        "female share: gold {}, system {}; counting unknown: gold {}, system {}",
        cell(Some(&g.gold_female_share)),
        cell(Some(&g.system_female_share)),
        cell(Some(&g.gold_female_share_with_unknown)),
        cell(Some(&g.system_female_share_with_unknown))
    );
    let _ = writeln!(
        out,
        "gender from the first name: {}; right gender where the source is found: {}",
        cell(Some(&g.gender_from_name)),
        cell(Some(&g.same_gender_when_found))
    );
}

/// GAP figures.
pub(crate) fn write_gap_table(out: &mut String, r: &DatasetReport, seconds: f64) {
    let _ = writeln!(out, "{} ({}: {})", r.name, r.format, r.source);
    let Some(g) = &r.gap else { return };
    let _ = writeln!(
        out,
        "{} examples, {} failed, pronoun resolved to an entity in {}, {seconds:.2} s\n",
        g.examples,
        g.failed,
        cell(Some(&g.pronoun_resolved))
    );
    let _ = writeln!(out, "{:<16}{:>22}{:>22}{:>22}", "pronouns", "precision", "recall", "F1");
    for (label, prf) in [
        ("overall", &g.overall),
        ("masculine", &g.masculine),
        ("feminine", &g.feminine),
    ] {
        let _ = writeln!(
            out,
            "{label:<16}{:>22}{:>22}{:>22}",
            cell(Some(&prf.precision)),
            cell(Some(&prf.recall)),
            cell(Some(&prf.f1))
        );
    }
    let bias = g.bias().map_or_else(|| "–".to_string(), |b| format!("{b:.2}"));
    let _ = writeln!(out, "bias (F1 feminine / F1 masculine): {bias}");
    for note in &r.notes {
        let _ = writeln!(out, "note: {note}");
    }
}

/// Each GAP example gone wrong with its class, then the count of each class by pronoun.
pub(crate) fn write_gap_errors(
    out: &mut String,
    set: &gap::GapSet,
    diagnoses: &[saywho_eval::gap_errors::GapDiagnosis],
) {
    use std::collections::BTreeMap;
    let mut counts: BTreeMap<_, BTreeMap<&str, usize>> = BTreeMap::new();
    for (ex, d) in set.examples.iter().zip(diagnoses) {
        *counts
            .entry(d.class)
            .or_default()
            .entry(d.pronoun.as_str())
            .or_default() += 1;
        if d.class == saywho_eval::gap_errors::GapClass::Right {
            continue;
        }
        let gold = |i: usize| if ex.names[i].coref { "TRUE" } else { "false" };
        let _ = writeln!(
            out,
            "[{}] {} {:?}@{}: A {:?} {}, B {:?} {}; chosen {}",
            d.class.label(),
            ex.id,
            ex.pronoun,
            ex.pronoun_offset,
            ex.names[0].text,
            gold(0),
            ex.names[1].text,
            gold(1),
            d.chosen.as_deref().unwrap_or("-")
        );
        let _ = writeln!(out, "  {}\n", flat(&ex.text));
    }
    let _ = writeln!(out, "classes (examples, by pronoun):");
    for (class, by_pronoun) in &counts {
        let total: usize = by_pronoun.values().sum();
        let detail: Vec<String> = by_pronoun.iter().map(|(p, n)| format!("{p} {n}")).collect();
        let _ = writeln!(out, "  {:<34} {total:>5}  ({})", class.label(), detail.join(", "));
    }
    out.push('\n');
}

/// One line of text, for context printed on a terminal.
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn write_errors(out: &mut String, errors: &[ErrorItem]) {
    for e in errors {
        let kind = match e.kind {
            ErrorKind::Miss => "MISS",
            ErrorKind::FalseAlarm => "FALSE ALARM",
            ErrorKind::WrongSpeaker => "WRONG SPEAKER",
        };
        let _ = writeln!(out, "[{kind}] {} {}..{}", e.document, e.start, e.end);
        let _ = writeln!(out, "  …{}⟦{}⟧{}…", flat(&e.before), flat(&e.text), flat(&e.after));
        let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "  gold speaker: {}   predicted: {}\n",
            show(&e.gold_speaker),
            show(&e.predicted_speaker)
        );
    }
    let count = |kind| errors.iter().filter(|e| e.kind == kind).count();
    let _ = writeln!(
        out,
        "{} misses, {} false alarms, {} wrong speakers (overlap {ERRORS_AT})\n",
        count(ErrorKind::Miss),
        count(ErrorKind::FalseAlarm),
        count(ErrorKind::WrongSpeaker)
    );
}
