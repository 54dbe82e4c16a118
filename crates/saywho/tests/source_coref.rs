//! Table-driven tests of the source of "according to X" in coreference (issue #9): a person's
//! name there is a person ("she" may be her), not a place; and the source reports on others, so
//! a pronoun elsewhere in the sentence is not the source.

mod common;

use common::check_referents;

#[test]
fn the_source_of_according_to() {
    // (text, pronoun → referent in order)
    let cases: &[(&str, &[(&str, &str)])] = &[
        // A person's name is no place, though "to" may lead to one.
        (
            "The revolution is focused on stories, according to Carly Fiorina, chief of Hewlett Packard. \
             She said the goal was to make people the centre of technology.",
            &[("She", "Carly Fiorina")],
        ),
        // The pronoun in the sentence is someone the source reports on.
        (
            "Jennie Parker shot Dan Danielson. According to Glenn Snow, a historian, Danielson pulled out \
             his revolver.",
            &[("his", "Dan Danielson")],
        ),
        // A pronoun inside the source's own phrase may be the source.
        (
            "Jake Patterson met Richard Jones. According to Patterson and his lawyer, the deal was fair.",
            &[("his", "Jake Patterson")],
        ),
        // The source's head, not its possessor: the pronoun may be the possessor.
        (
            "Andrei Sannikov was detained. According to Sannikov's lawyer Pavel Sapelko, he was denied \
             treatment.",
            &[("he", "Andrei Sannikov")],
        ),
    ];
    check_referents(cases);
}

#[test]
fn a_players_position_describes_the_player() {
    // Sports news names players by their position ("the striker", "the England skipper").
    check_referents(&[
        (
            "Arsenal signed Thierry Henry in August. The striker said the move was right.",
            &[("The striker", "Thierry Henry")],
        ),
        (
            "Ireland welcomed back Brian O'Driscoll. The skipper said the injury had healed.",
            &[("The skipper", "Brian O'Driscoll")],
        ),
    ]);
}
