//! The learned speaker ranker on passages written for the project: each case is a passage, a
//! quote in it and the speaker the quote should be given. The cases come from issue 9 and from
//! what the rules already get right (which the learned ranker must keep).
//!
//! Issue 9's first example ("Mark Dunn found work… Unlike Dunn, he has not found a job. 'My
//! children come first,' he said." → Ali Reza) is not here: the learned ranker, like the rules,
//! still gives Mark Dunn (docs/RANKER.md).

use saywho::rank::{LearnedRanker, RuleRanker, SpeakerRanker};
use saywho::Engine;

/// (passage, words of the quote, expected speaker)
const CASES: &[(&str, &str, &str)] = &[
    (
        "Mark Dunn found work at the plant last spring. \"The money is good,\" he said.",
        "The money is good",
        "Mark Dunn",
    ),
    (
        "Sarah Cole met Tom Hart at the rally. She spoke first. \"We will win,\" she said.",
        "We will win",
        "Sarah Cole",
    ),
    (
        "Mayor Doug McCallum spoke to reporters on Monday with Jane Ruiz. \
         \"The budget is balanced,\" the mayor said.",
        "The budget is balanced",
        "Doug McCallum",
    ),
    (
        "Acme Holdings Inc. cut 200 jobs this year, and Jane Ruiz lost hers. \
         \"We regret the decision,\" the company said.",
        "We regret the decision",
        "Acme Holdings Inc",
    ),
];

/// A case where the first name decides: "she" skips the nearest person, a man by his first
/// name (both rankers apply the name filter, `rank::name_conflict`).
const NAME_GENDER: (&str, &str, &str) = (
    "Richard Miller told the court the report was late. Wendy Golden waited for years. \
     Richard Miller left early. \"I chose to fight,\" she says.",
    "I chose to fight",
    "Wendy Golden",
);

/// The speaker name given to the quote containing `words`.
fn speaker_of(engine: &Engine, text: &str, words: &str) -> Option<String> {
    let record = engine.extract("t", text).expect("extracts");
    let quote = record.quotes.iter().find(|q| q.text.contains(words))?;
    quote.speaker.as_ref().map(|s| s.name.clone())
}

#[test]
fn the_shipped_weights_parse() {
    assert!(LearnedRanker::embedded().is_ok());
}

#[test]
fn the_learned_ranker_finds_the_speakers() {
    let engine = Engine::new().with_ranker(Box::new(LearnedRanker::embedded().expect("weights parse")));
    let mut wrong = Vec::new();
    for (text, words, expected) in CASES.iter().chain([&NAME_GENDER]) {
        let got = speaker_of(&engine, text, words);
        if got.as_deref() != Some(expected) {
            wrong.push(format!("{words:?}: expected {expected}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn bad_weights_are_errors_not_panics() {
    assert!(LearnedRanker::parse("log_mentions.pronoun\tnot-a-number\n").is_err());
    assert!(LearnedRanker::parse("no_such_feature.pronoun\t1\n").is_err());
    // A feature missing.
    assert!(LearnedRanker::parse("log_mentions.pronoun\t1\n").is_err());
}

#[test]
fn the_rules_ranker_is_still_the_default() {
    // The same output from Engine::new() and an engine given the rules explicitly.
    let text = "Mark Dunn found work. \"The money is good,\" Dunn said. His neighbour Ali Reza has \
                had less luck. Unlike Dunn, he has not found a job. \"My children come first,\" he said.";
    let a = Engine::new().extract("t", text).expect("extracts");
    let b = Engine::new()
        .with_ranker(Box::new(RuleRanker) as Box<dyn SpeakerRanker>)
        .extract("t", text)
        .expect("extracts");
    assert_eq!(a, b);
}

#[test]
fn the_rules_skip_a_person_whose_first_name_says_the_other_gender() {
    let (text, words, expected) = NAME_GENDER;
    assert_eq!(speaker_of(&Engine::new(), text, words).as_deref(), Some(expected));
    // Text evidence wins over the name: "Mr." makes this Wendy a man.
    let text = "Richard Miller told the court the report was late. Mr. Wendy Golden waited for \
                years. \"I chose to fight,\" he says.";
    assert_eq!(speaker_of(&Engine::new(), text, words).as_deref(), Some("Wendy Golden"));
}
