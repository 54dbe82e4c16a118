//! Unit tests of the speaker phrases around cues.

use super::*;
use crate::lexicon::Lexicon;
use crate::token::tokenize;

fn subject(text: &str, cue: &str) -> Option<(String, NpKind)> {
    let lex = Lexicon::english();
    let (toks, _) = tokenize(text, &lex);
    let k = toks.iter().position(|t| t.text(text) == cue)?;
    cue_at(text, &toks, k)?;
    let np = np_before(&toks, k, 0)?;
    let a = toks[np.tok_start as usize].start as usize;
    let b = toks[np.tok_end as usize - 1].end as usize;
    Some((text[a..b].to_string(), np.kind))
}

#[test]
fn finds_subjects_of_cues() {
    use NpKind::*;
    type Case<'a> = (&'a str, &'a str, Option<(&'a str, NpKind)>);
    let cases: &[Case] = &[
        ("Legend explained that", "explained", Some(("Legend", Name))),
        // An adverb in -ly between the subject or its auxiliary and the verb; not a noun in
        // -ly after a determiner or a possessive.
        (
            "Justin Trudeau has publicly said",
            "said",
            Some(("Justin Trudeau", Name)),
        ),
        ("she repeatedly said", "said", Some(("she", Pronoun))),
        // A time adverbial between the subject and the verb.
        (
            "Wells Fargo just this month announced",
            "announced",
            Some(("Wells Fargo", Name)),
        ),
        ("Wells Fargo last week said", "said", Some(("Wells Fargo", Name))),
        // "&" between capitalised words is inside the name.
        ("Procter & Gamble said", "said", Some(("Procter & Gamble", Name))),
        (
            "The bank earlier this year said",
            "said",
            Some(("The bank", Description)),
        ),
        (
            "officials next Tuesday will say",
            "say",
            Some(("officials", Description)),
        ),
        ("The family said", "said", Some(("The family", Description))),
        // A group after which a titled name is the object of "to", the title abbreviated
        // with a period or not.
        // (Lower case: these tests run no sentence splitter, which marks a sentence's first word.)
        ("advisers to Mr. Obama said", "said", Some(("advisers", Description))),
        ("advisers to Mr Obama said", "said", Some(("advisers", Description))),
        ("friends of Mr. Obama said", "said", Some(("friends", Description))),
        ("Her family said", "said", Some(("Her family", Description))),
        // A conjunction inside the object of a subject's preposition.
        (
            "experts on housing and transit said",
            "said",
            Some(("experts", Description)),
        ),
        (
            "After thanking people for their words of comfort and empathy he added",
            "added",
            Some(("he", Pronoun)),
        ),
        ("host Kelly Clarkson said", "said", Some(("host Kelly Clarkson", Name))),
        (
            "Kelly Clarkson, the show's host, said",
            "said",
            Some(("Kelly Clarkson", Name)),
        ),
        (
            "Teigen -- who announced she was expecting -- revealed",
            "revealed",
            Some(("Teigen", Name)),
        ),
        ("Teigen -- who announced", "announced", Some(("who", Relative))),
        ("Some voters say", "say", Some(("Some voters", Description))),
        (
            "But the school's defenders said",
            "said",
            Some(("the school's defenders", Description)),
        ),
        (
            "The \"Big Love\" singer wrote",
            "wrote",
            Some(("The \"Big Love\" singer", Description)),
        ),
        ("the lead singer told", "told", Some(("the lead singer", Description))),
        ("Mr. Hemming also said", "said", Some(("Mr. Hemming", Name))),
        ("the plan said", "said", Some(("the plan", Description))),
        ("it was said", "said", None),
    ];
    for (text, cue, expected) in cases {
        let got = subject(text, cue);
        let want = expected.map(|(s, k)| (s.to_string(), k));
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn finds_inverted_subjects() {
    let lex = Lexicon::english();
    for (text, want) in [
        ("said Legend.", Some("Legend")),
        ("said the singer.", Some("the singer")),
        ("said Jane Doe, a spokeswoman", Some("Jane Doe")),
        ("said in a statement", None),
        // The organisation's possessive before the speaker's name.
        ("said NBC's Dante Chinni.", Some("Dante Chinni")),
        ("said Amazon's Robin Terrell, who runs it", Some("Robin Terrell")),
        // A possessive before a description or one word stays the phrase it was.
        ("said NBC's analyst.", Some("NBC's analyst")),
        ("said Smith's lawyer, Jane Doe.", Some("Jane Doe")),
        // "&" between capitalised words is inside the name.
        ("said Marks & Spencer.", Some("Marks & Spencer")),
        // An initial's period inside the name.
        ("said Jeffrey N. Trimble, a senior official", Some("Jeffrey N. Trimble")),
    ] {
        let (toks, _) = tokenize(text, &lex);
        let np = np_after(&toks, 1, toks.len());
        let got = np.map(|np| {
            text[toks[np.tok_start as usize].start as usize..toks[np.tok_end as usize - 1].end as usize].to_string()
        });
        assert_eq!(got.as_deref(), want, "{text}");
    }
}
