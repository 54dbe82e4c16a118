//! Table-driven tests of pronouns and the names of their own sentence in coreference (issue #9):
//! "him" is not the subject of its own clause, but may be the subject of another clause of the
//! sentence; "he" in "Schumer, he said, …" is not Schumer.

mod common;

use common::check_referents;

#[test]
fn an_object_pronoun_and_the_subject_of_its_clause() {
    // (text, pronoun → referent in order)
    let cases: &[(&str, &[(&str, &str)])] = &[
        // One clause: "him" is someone else.
        (
            "Richard Jones met Jake Patterson. Patterson thanked him.",
            &[("him", "Richard Jones")],
        ),
        // Another clause with its own subject: "him" may be the first clause's subject.
        (
            "Richard Jones met Jake Patterson. Whenever Patterson left the cabin or people visited \
             him, the dog barked.",
            &[("him", "Jake Patterson")],
        ),
        // An infinitive after a name has that name for its subject.
        (
            "Cao Bao met Zhang Fei. Cao Bao begged Zhang Fei to let him off.",
            &[("him", "Cao Bao")],
        ),
        // Not after a place, nor after words that open no clause here.
        (
            "Richard Jones met Jake Patterson. Patterson went to London to meet him.",
            &[("him", "Richard Jones")],
        ),
        (
            "Richard Jones met Jake Patterson. Patterson, as usual, thanked him.",
            &[("him", "Richard Jones")],
        ),
        (
            "Richard Jones met Jake Patterson. Patterson bought the bag and the hat for him.",
            &[("him", "Richard Jones")],
        ),
        // A verb joined by "and" keeps the subject: "him" is someone else.
        (
            "Richard Jones met Jake Patterson. Patterson took the bag and handed it to him.",
            &[("him", "Richard Jones")],
        ),
    ];
    check_referents(cases);
}

#[test]
fn a_name_before_a_split_attribution_is_not_its_speaker() {
    check_referents(&[
        // "Schumer, he said, …": Schumer is what was said about, the speaker is someone else.
        (
            "Chuck Schumer leads the Democrats. \"He is great,\" said Sen. Richard Blumenthal. Schumer, he said, \
             \"knows the minds of his colleagues.\"",
            &[("he", "Richard Blumenthal")],
        ),
    ]);
}
