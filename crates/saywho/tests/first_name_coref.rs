//! Table-driven tests of the first-name table in coreference (issue #9): a lone sentence-initial
//! first name is a name, and a name of one word that the table decides says a gender, so that
//! a pronoun of the other gender does not take it when the text says nothing.

mod common;

use common::{check_referents, pronoun_referents};

#[test]
fn a_first_name_opening_a_sentence_is_a_name() {
    // (text, pronoun → referent in order)
    let cases: &[(&str, &[(&str, &str)])] = &[
        // "Grace" is seen nowhere mid-sentence; the table knows it as a woman's first name.
        (
            "Grace moved to Paris in 1921. Two years later her first novel appeared.",
            &[("her", "Grace")],
        ),
        // A common word opening a sentence is still no name, and no referent.
        (
            "Tom Hale arrived late. Rain was falling when he left.",
            &[("he", "Tom Hale")],
        ),
    ];
    check_referents(cases);
}

#[test]
fn a_one_word_name_the_table_decides_has_that_gender() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        // Maurice is nearer, but "Maurice" is a man's name and the text says nothing of him.
        (
            "Natasha waved as Maurice withdrew. She thanked the jury.",
            &[("She", "Natasha")],
        ),
        (
            "Maurice waved as Natasha withdrew. He thanked the jury.",
            &[("He", "Maurice")],
        ),
        // The text wins over the name: "Mrs Evans" is a woman whatever the table says of Evans.
        (
            "Mrs Evans met Maurice. She thanked him.",
            &[("She", "Evans"), ("him", "Maurice")],
        ),
    ];
    check_referents(cases);
}

#[test]
fn a_first_name_rules_out_the_relative_clauses_subject_of_the_other_gender() {
    // "she" inside the relative clause is not "Donald Trump, who …", whose first name the
    // table decides, though the text has not said "he" of him yet.
    let text = "Melanie Austin was enthusiastic about the rise of Donald Trump, who had talked about \
                the things she had come to believe.";
    assert_eq!(
        pronoun_referents(text),
        [("she".to_string(), "Melanie Austin".to_string())]
    );
}

#[test]
fn a_word_no_table_knows_opening_sentences_is_a_name() {
    // "Geller" opens two sentences before a verb and is never written in lower case: a name,
    // and "He" is him, not the man named once in between.
    let text = "Geller is reckoned among the best players of his time. Geller played in 23 \
                championships, a record equalled by Mark Taimanov. He won in 1955 at Moscow.";
    let got = pronoun_referents(text);
    assert_eq!(got.last(), Some(&("He".to_string(), "Geller".to_string())), "{got:?}");
}

#[test]
fn a_relative_named_by_first_name_is_not_the_namesake_named_before() {
    // (text, speaker of each quote in order)
    let cases: &[(&str, &[&str])] = &[
        // Spindler's father is not the police chief Joseph Boinnet.
        (
            "Police chief Joseph Boinnet said the attack was over. Spindler was among the dead. \
             Spindler's father, Joseph, says his son grew up in Houston and loved his work.",
            &["Joseph Boinnet", "Joseph"],
        ),
        // Named before with the possessor's surname: that person.
        (
            "Eric Trump spoke first. Later, Trump's son, Eric, said the plan was good for \
             everyone.",
            &["Eric Trump"],
        ),
        // A woman's role: she may have been named before under another surname.
        (
            "Carrie Symonds married the prime minister in 2021. Later, Johnson's wife, Carrie, said \
             the plan was good for everyone.",
            &["Carrie Symonds"],
        ),
        // A first name as the possessor: no surname to go by.
        (
            "Bill Clinton spoke first. Later, Hillary's husband, Bill, said the plan was good for \
             everyone.",
            &["Bill Clinton"],
        ),
        // A surname in apposition stays the person named before.
        (
            "Rudy Giuliani spoke first. Later, Trump's lawyer, Giuliani, said the plan was good for \
             everyone.",
            &["Rudy Giuliani"],
        ),
    ];
    for (text, speakers) in cases {
        let record = common::extract(text);
        let got = common::speakers(&record);
        assert_eq!(got, *speakers, "{text}");
    }
}
