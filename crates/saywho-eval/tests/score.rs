//! The metrics on a small made-up article whose every figure is worked out by hand.

mod common;

use common::{find, gold_quote, quote};
use saywho::{Record, TextSpan};
use saywho_eval::gold::{Annotations, GoldDocument, GoldFormat, GoldSet};
use saywho_eval::span::{Span, SpanSet};
use saywho_eval::{score, ErrorKind, Prf, Ratio, ScoreOptions};

const TEXT: &str = "“We will rebuild the bridge,” Mayor Ana Ruiz said on Monday. Ruiz added that the \
work would start in May. Critics called it a stunt. “It is a waste,” said councillor Tom Pell.";

const ALL: Annotations = Annotations {
    speaker_mention: true,
    resolved_speaker: true,
    cue: true,
    channel: true,
    kind: true,
};

fn gold() -> GoldSet {
    let mut q0 = gold_quote(
        TEXT,
        "“We will rebuild the bridge,”",
        "Ana Ruiz",
        "Mayor Ana Ruiz",
        "said",
    );
    q0.kind = Some("direct".into());
    let mut q1 = gold_quote(TEXT, "the work would start in May", "Ana Ruiz", "Ruiz", "added");
    let (mention, _) = find(TEXT, "Ruiz added"); // the second "Ruiz", not the mayor's
    q1.speaker_mention = Some(Span {
        start: mention,
        end: mention + 4,
    });
    q1.kind = Some("indirect".into());
    let mut q2 = gold_quote(TEXT, "“It is a waste,”", "Tom Pell", "councillor Tom Pell", "said");
    q2.kind = Some("direct".into());
    q2.channel = Some("speech".into());
    let document = GoldDocument {
        id: "bridge".into(),
        text: TEXT.into(),
        quotes: vec![q0, q1, q2],
        sources: None,
    };
    GoldSet::new(GoldFormat::Seed, vec![document], ALL)
}

/// Right on the first quote; half of the second, given to the wrong man; the third to the right
/// man but without his mention; one false alarm.
fn extract(id: &str, text: &str) -> Record {
    let cue = |word: &str| {
        Some(TextSpan {
            text: word.into(),
            start: 0,
            end: 0,
        })
    };
    let mut p0 = quote(
        text,
        find(text, "We will rebuild the bridge,"),
        0,
        Some("Ruiz"),
        Some(find(text, "Ana Ruiz")),
    );
    p0.cue = cue("said");
    let (s1, _) = find(text, "the work would start in May");
    let half = "the work would start in May".chars().count() / 2 + 1;
    let p1 = quote(
        text,
        (s1, s1 + half),
        1,
        Some("Tom Pell"),
        Some(find(text, "Ruiz added")),
    );
    let mut p2 = quote(text, find(text, "“It is a waste,”"), 2, Some("Pell"), None);
    p2.cue = cue("Said");
    p2.channel = Some("Speech".into());
    let p3 = quote(text, find(text, "Critics called it a stunt"), 3, None, None);
    Record::new(id, vec![p0, p1, p2, p3], vec![])
}

fn ratio(num: usize, den: usize) -> Ratio {
    Ratio::new(num, den)
}

#[test]
fn every_metric_matches_its_hand_count() {
    let scored = score(&gold(), &ScoreOptions::default(), extract);
    let r = &scored.report;
    assert_eq!(
        (r.documents, r.gold_quotes, r.predicted_quotes, r.panicked_documents),
        (1, 3, 4, 0)
    );
    // Exact: the first (quote marks and comma trimmed from both) and the third.
    assert_eq!(r.exact, Prf::new(2, 3, 4));

    let lenient = r.at(0.3).expect("0.3 scored");
    assert_eq!(lenient.matched, 3);
    assert_eq!(lenient.quote, Prf::new(3, 3, 4));
    assert_eq!(lenient.quote.f1.percent, Some(100.0 * 6.0 / 7.0));
    assert_eq!(lenient.speaker_mention, Some(ratio(2, 3)), "the third has no mention");
    assert_eq!(lenient.resolved_speaker, Some(ratio(2, 3)), "the second went to Pell");
    assert_eq!(lenient.who_said_what, Some(Prf::new(2, 3, 4)));
    assert_eq!(
        lenient.cue,
        Some(ratio(2, 3)),
        "case-insensitive; the second has no cue"
    );
    assert_eq!(lenient.channel, Some(ratio(1, 1)), "only the third has a gold channel");
    assert_eq!(
        lenient.kind,
        Some(ratio(2, 3)),
        "the second is indirect, predicted direct"
    );

    let strict = r.at(0.8).expect("0.8 scored");
    assert_eq!(strict.matched, 2, "half of the second is not 80%");
    assert_eq!(strict.quote, Prf::new(2, 3, 4));
    assert_eq!(strict.who_said_what, Some(Prf::new(2, 3, 4)));
    assert_eq!(strict.resolved_speaker, Some(ratio(2, 2)));
}

#[test]
fn metric_names_look_up_the_figures() {
    use saywho_eval::MetricValue::{NotAnnotated, Percent};
    let report = score(&gold(), &ScoreOptions::default(), extract).report;
    assert_eq!(report.metric("quote_recall@0.3"), Ok(Percent(100.0)));
    assert_eq!(report.metric("resolved_speaker_accuracy@0.8"), Ok(Percent(100.0)));
    assert_eq!(report.metric("exact_precision"), Ok(Percent(50.0)));
    assert!(report.metric("quote_f1@0.5").is_err(), "threshold not scored");
    assert!(report.metric("quote_f2@0.3").is_err(), "unknown name");
    assert!(report.metric("quote_f1").is_err(), "no threshold");
    let mut polnear_like = gold();
    polnear_like.annotations = Annotations {
        resolved_speaker: false,
        ..ALL
    };
    let report = score(&polnear_like, &ScoreOptions::default(), extract).report;
    assert_eq!(report.metric("who_said_what_f1@0.3"), Ok(NotAnnotated));
}

#[test]
fn errors_list_misses_false_alarms_and_wrong_speakers_with_context() {
    let options = ScoreOptions {
        errors_at: Some(0.8),
        ..ScoreOptions::default()
    };
    let errors = score(&gold(), &options, extract).errors;
    let kinds: Vec<(ErrorKind, &str)> = errors.iter().map(|e| (e.kind, e.text.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (ErrorKind::Miss, "the work would start in May"),
            (ErrorKind::FalseAlarm, "the work would"),
            (ErrorKind::FalseAlarm, "Critics called it a stunt"),
        ]
    );
    assert_eq!(errors[0].gold_speaker.as_deref(), Some("Ana Ruiz"));
    assert!(errors[0].before.ends_with("Ruiz added that "), "{:?}", errors[0].before);
    assert!(errors[0].after.starts_with(". Critics"), "{:?}", errors[0].after);
    assert_eq!(
        errors[1].predicted_speaker.as_deref(),
        Some("Tom Pell (\"Ruiz added\")")
    );

    let at_lenient = ScoreOptions {
        errors_at: Some(0.3),
        ..ScoreOptions::default()
    };
    let errors = score(&gold(), &at_lenient, extract).errors;
    let wrong: Vec<&str> = errors
        .iter()
        .filter(|e| e.kind == ErrorKind::WrongSpeaker)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(wrong, vec!["the work would start in May"]);
}

#[test]
fn predicted_fragments_of_one_group_merge_where_the_gold_is_discontinuous() {
    let text = "“First part,” she said, “second part.”";
    let (a, b) = (find(text, "“First part,”"), find(text, "“second part.”"));
    let mut q = gold_quote(text, "“First part,”", "Ada", "she", "said");
    q.span = SpanSet::from_fragments([Span { start: a.0, end: a.1 }, Span { start: b.0, end: b.1 }]);
    let document = GoldDocument {
        id: "d".into(),
        text: text.into(),
        quotes: vec![q],
        sources: None,
    };
    let mut gold = GoldSet::new(GoldFormat::Polnear, vec![document], Annotations::default());
    let two_fragments = |id: &str, text: &str| {
        Record::new(
            id,
            vec![
                quote(text, find(text, "First part,"), 7, Some("Ada"), None),
                quote(text, find(text, "second part."), 7, Some("Ada"), None),
            ],
            vec![],
        )
    };
    let separate = score(&gold, &ScoreOptions::default(), two_fragments).report;
    assert_eq!(
        (separate.predicted_quotes, separate.at(0.3).map(|t| t.matched)),
        (2, Some(1))
    );
    gold.merge_predicted_groups = true;
    let merged = score(&gold, &ScoreOptions::default(), two_fragments).report;
    assert_eq!(
        (merged.predicted_quotes, merged.at(0.8).map(|t| t.matched)),
        (1, Some(1))
    );
}

#[test]
fn a_panicking_extractor_scores_nothing_and_is_counted() {
    let report = score(&gold(), &ScoreOptions::default(), |_: &str, _: &str| -> Record {
        panic!("deliberate test panic")
    })
    .report;
    assert_eq!(report.panicked_documents, 1);
    assert_eq!(report.predicted_quotes, 0);
    assert!(report.notes.iter().any(|n| n.contains("panicked")));
}

#[test]
fn out_of_range_predictions_do_not_panic() {
    let wild = |id: &str, text: &str| {
        let mut q = quote(text, (0, 3), 0, None, None);
        (q.start, q.end) = (10_000, 20_000);
        let mut inverted = quote(text, (0, 3), 1, None, None);
        (inverted.start, inverted.end) = (9, 2);
        Record::new(id, vec![q, inverted], vec![])
    };
    let options = ScoreOptions {
        errors_at: Some(0.3),
        ..ScoreOptions::default()
    };
    let scored = score(&gold(), &options, wild);
    assert_eq!(scored.report.at(0.3).map(|t| t.matched), Some(0));
    assert_eq!(
        scored.errors.iter().filter(|e| e.kind == ErrorKind::FalseAlarm).count(),
        2
    );
}
