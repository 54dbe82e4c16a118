//! End-to-end on the founding example, `../shared/seed/article.txt` with its hand annotation.
//! Skipped, with a message, where `../shared` is absent.

use std::path::Path;

#[test]
fn seed_article_every_quote_with_speaker_cue_and_channel() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed");
    let (Ok(text), Ok(gold)) = (
        std::fs::read_to_string(dir.join("article.txt")),
        std::fs::read_to_string(dir.join("gold.json")),
    ) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold.json is JSON");
    let record = saywho::Engine::new().extract("seed", &text).expect("extracts");

    let mut used = vec![false; record.quotes.len()];
    for g in gold["quotes"].as_array().expect("quotes") {
        let (gs, ge) = (
            g["quote_start"].as_u64().unwrap() as usize,
            g["quote_end"].as_u64().unwrap() as usize,
        );
        // The predicted quote that covers most of the gold span (mixed quotes report the whole
        // reported content, which contains the gold's quoted fragment).
        let best = record
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| (i, q.end.min(ge).saturating_sub(q.start.max(gs))))
            .max_by_key(|&(_, overlap)| overlap)
            .filter(|&(_, overlap)| overlap * 10 >= (ge - gs) * 8);
        let qid = g["qid"].as_str().unwrap();
        let Some((i, _)) = best else {
            panic!("{qid} not found: {}", g["quote"])
        };
        assert!(!used[i], "{qid} matched twice");
        used[i] = true;
        let q = &record.quotes[i];
        assert_eq!(
            q.speaker.as_ref().map(|s| s.name.as_str()),
            g["speaker"].as_str(),
            "{qid} speaker"
        );
        assert_eq!(q.cue.as_ref().map(|c| c.text.as_str()), g["cue"].as_str(), "{qid} cue");
        assert_eq!(
            q.channel.as_deref().map(str::to_lowercase),
            g["channel"].as_str().map(str::to_lowercase),
            "{qid} channel"
        );
        assert_eq!(q.kind.as_str(), g["type"].as_str().unwrap(), "{qid} kind");
    }
    let extra: Vec<&str> = record
        .quotes
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(q, _)| q.text.as_str())
        .collect();
    assert!(extra.is_empty(), "false quotations: {extra:?}");
    // Fragments of one utterance share a group, as annotated.
    let group_of = |qid: &str| {
        let g = gold["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["qid"] == qid)
            .unwrap();
        let gs = g["quote_start"].as_u64().unwrap() as usize;
        record
            .quotes
            .iter()
            .find(|q| q.start <= gs + 1 && gs < q.end)
            .unwrap()
            .group
    };
    assert_eq!(group_of("q1"), group_of("q2"));
    assert_eq!(group_of("q4"), group_of("q5"));
    assert_ne!(group_of("q2"), group_of("q4"));
}
