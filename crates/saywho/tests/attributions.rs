//! Table-driven tests of the broader scope (`Scope::Attributions`, issue #10): stances and
//! claims whose content is a noun phrase, an infinitive or a belief without "that", as PolNeAR
//! annotates attributions. Each case: a passage and the quotes expected from it, as (quote
//! text, kind, speaker, cue). Passages written for the project.

mod common;

use common::{check, check_with, Expected};
use saywho::{Engine, Scope};

fn attributions() -> Engine {
    Engine::new().with_scope(Scope::Attributions)
}

/// What the broader scope finds in passages where speech finds nothing.
const ATTRIBUTIONS: &[(&str, &[Expected])] = &[
    // A noun phrase after a preposition that belongs to the cue.
    (
        "Senator Ann Lee called for a ban on assault weapons.",
        &[("a ban on assault weapons", "indirect", "Ann Lee", "called for")],
    ),
    (
        "Mayor Tom Reyes warned of deep cuts to the transit budget.",
        &[("deep cuts to the transit budget", "indirect", "Tom Reyes", "warned of")],
    ),
    // Verbs of stance (attitude_verbs.tsv).
    (
        "Governor Mary Fallin endorsed Donald Trump on Monday.",
        &[("Donald Trump on Monday", "indirect", "Mary Fallin", "endorsed")],
    ),
    (
        "Bernie Sanders denounced the ruling as a gift to Wall Street.",
        &[(
            "the ruling as a gift to Wall Street",
            "indirect",
            "Bernie Sanders",
            "denounced",
        )],
    ),
    // A quantifier as the subject.
    (
        "Many oppose the plan to close the plant.",
        &[("the plan to close the plant", "indirect", "Many", "oppose")],
    ),
    // An infinitive.
    (
        "Hillary Clinton pledged to work with both parties in Washington.",
        &[(
            "to work with both parties in Washington",
            "indirect",
            "Hillary Clinton",
            "pledged",
        )],
    ),
    (
        "Donald Trump has pledged to ban all Muslims from entering the country.",
        &[(
            "to ban all Muslims from entering the country",
            "indirect",
            "Donald Trump",
            "pledged",
        )],
    ),
    (
        "Jeb Bush declined to comment on the report.",
        &[("to comment on the report", "indirect", "Jeb Bush", "declined")],
    ),
    // A belief without "that".
    (
        "Ted Cruz thinks he can win the Iowa caucuses.",
        &[("he can win the Iowa caucuses", "indirect", "Ted Cruz", "thinks")],
    ),
    // A reporting verb with a noun phrase as its object.
    (
        "Marco Rubio cited the latest jobs report.",
        &[("the latest jobs report", "indirect", "Marco Rubio", "cited")],
    ),
];

#[test]
fn stances_and_claims_are_attributed_in_the_broader_scope() {
    check_with(&attributions(), ATTRIBUTIONS);
}

#[test]
fn speech_scope_reports_none_of_them() {
    let none: Vec<(&str, &[Expected])> = ATTRIBUTIONS.iter().map(|(text, _)| (*text, &[][..])).collect();
    check(&none);
}

#[test]
fn the_broader_scope_keeps_speech_as_it_is() {
    check_with(
        &attributions(),
        &[
            (
                "Ann Lee said the plan would fail.",
                &[("the plan would fail", "indirect", "Ann Lee", "said")],
            ),
            (
                "“We will win,” Ann Lee said.",
                &[("We will win,", "direct", "Ann Lee", "said")],
            ),
        ],
    );
}

#[test]
fn speech_keeps_its_quotes_and_stances_end_before_them() {
    check_with(
        &attributions(),
        &[
            (
                "Ann Lee, who endorsed Trump, said the plan would fail.",
                &[
                    ("Trump", "indirect", "Ann Lee", "endorsed"),
                    ("the plan would fail", "indirect", "Ann Lee", "said"),
                ],
            ),
            (
                "Critics denounced the ruling, Lee said.",
                &[("Critics denounced the ruling", "indirect", "Lee", "said")],
            ),
            // A refusal to say reports nothing, as in speech.
            ("Ann Lee refused to say when the plant would close.", &[]),
            // A time after the cue is no content.
            (
                "City officials declined on Friday to comment.",
                &[("to comment", "indirect", "City officials", "declined")],
            ),
            // A restrictive relative clause ends where the main clause begins, which only a
            // comma shows: without one, nothing.
            ("The senators who endorsed Trump met on Monday.", &[]),
        ],
    );
}

#[test]
fn nouns_and_passives_are_no_cues() {
    check_with(
        &attributions(),
        &[
            // The same words as nouns, after a determiner or a possessive.
            ("The decline in sales hit investors on Monday.", &[]),
            ("The sharp decline in sales hit investors on Monday.", &[]),
            ("His support for the plan surprised the council.", &[]),
            // A passive: the subject is no source.
            ("The ruling was denounced by several critics.", &[]),
            ("He was also accused of fraud in the case.", &[]),
            // After a number or a quantifier, a noun.
            ("Clinton has won two states by a wide margin.", &[]),
            // "to" before a noun phrase is no infinitive.
            ("The Clinton campaign did not respond to a request for comment.", &[]),
            // No subject before the verb: no source.
            ("Blamed for the loss, the coach resigned on Friday.", &[]),
            // "state" opens no attribution (attribution_excluded): mostly a noun in news.
            ("Member states have to approve the deal.", &[]),
            ("Minnesota state delegate Mary Susan wore a red cape.", &[]),
            // Nor does "report": "reported from" is a byline.
            ("Julie Pace reported from Los Angeles.", &[]),
        ],
    );
}

#[test]
fn content_keeps_to_its_own_clause() {
    check_with(
        &attributions(),
        &[
            // The "that" of an infinitive's verb is no "that" of the cue: what was refused is
            // to accept it.
            (
                "Mr Kosslick refused to accept that the war had turned audiences against Hollywood.",
                &[(
                    "to accept that the war had turned audiences against Hollywood",
                    "indirect",
                    "Kosslick",
                    "refused",
                )],
            ),
            // Nor is a "that" far after the cue, past the object.
            (
                "Kelly Holmes will defend her indoor title in Sheffield earlier that month.",
                &[(
                    "her indoor title in Sheffield earlier that month",
                    "indirect",
                    "Kelly Holmes",
                    "defend",
                )],
            ),
            // In a subordinate clause, the content ends where the main clause begins. (No
            // speaker: "he" has no antecedent here.)
            (
                "When asked whether he thought the country was well governed, he paused for a while.",
                &[("the country was well governed", "indirect", "", "thought")],
            ),
            // An adverb or a phrase before "that" leaves it the cue's.
            (
                "The union threatened repeatedly that it would strike.",
                &[("it would strike", "indirect", "The union", "threatened")],
            ),
            (
                "The union threatened in a statement that it would strike.",
                &[("it would strike", "indirect", "The union", "threatened")],
            ),
            // A preposition alone is no content.
            ("This is a plan the supporters will agree with.", &[]),
            // After a participle that modifies the subject, an auxiliary is the main verb.
            ("Businesses complaining might like to look at corporate pay.", &[]),
        ],
    );
}

/// A guard: `attribution_excluded` is read only by the attribution pass.
#[test]
fn an_excluded_verb_stays_a_cue_of_speech() {
    check_with(
        &attributions(),
        &[(
            "The senator stated that the plan would fail.",
            &[("the plan would fail", "indirect", "The senator", "stated")],
        )],
    );
}

#[test]
fn a_hearer_alone_is_no_content() {
    check_with(
        &attributions(),
        &[
            // The direct quote after the hearer is speech; the hearer is not a stance. (A
            // guard: the attribution pass never reads a quotation's own cue.)
            (
                "The minister told BBC Radio 4's Today programme: “We will not back down.”",
                &[("We will not back down.", "direct", "The minister", "told")],
            ),
            ("Ann Lee told reporters on Monday.", &[]),
            ("Ann Lee told the newspaper.", &[]),
            ("The senator urged Congress.", &[]),
            // A name as a modifier, a second object, a quantifier, a particle: content.
            (
                "Donald Trump promised a Muslim ban.",
                &[("a Muslim ban", "indirect", "Donald Trump", "promised")],
            ),
            (
                "Trump promised them a wall.",
                &[("them a wall", "indirect", "Trump", "promised")],
            ),
            (
                "The governor urged more police.",
                &[("more police", "indirect", "The governor", "urged")],
            ),
            (
                "The mayor warned against Donald Trump.",
                &[("Donald Trump", "indirect", "The mayor", "warned against")],
            ),
            // An object in lower case that is no person is content: PolNeAR marks "told a
            // different tale".
            (
                "Fox told a slightly different tale.",
                &[("a slightly different tale", "indirect", "Fox", "told")],
            ),
        ],
    );
}
