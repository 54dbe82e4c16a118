//! Table-driven tests of a pronoun in a phrase fronted before its sentence's subject (issue
//! #9): it refers forward to the person named right after the phrase ("In his review, Glenn
//! Swan states …"), unless that name is a possessive or an apposition, or the phrase names
//! someone before the pronoun.

mod common;

use common::check_referents;

#[test]
fn a_pronoun_in_a_fronted_phrase_is_the_subject_after_it() {
    check_referents(&[
        (
            "Mary Adams chose the album. In his list for the Review, Robert Christgau named it the best of the year.",
            &[("his", "Robert Christgau")],
        ),
        (
            "Mary Paine raised the girl. Living with her aunt Mary Paine, Kelsey studied for ten years.",
            &[("her", "Kelsey")],
        ),
        (
            "Serena Williams won on Monday. Before her meeting with Martinez, Davenport believes there is room to improve.",
            &[("her", "Davenport")],
        ),
        (
            "Tom Hill spoke first. When he was 14, Jack Hayden met the general.",
            &[("he", "Jack Hayden")],
        ),
    ]);
}

#[test]
fn a_possessive_an_apposition_or_a_name_in_the_phrase_keeps_the_pronoun_back() {
    check_referents(&[
        (
            "Jane Smith died in May. After her death, Smith's husband sold the house.",
            &[("her", "Jane Smith")],
        ),
        (
            "Nadia Demkina was born in 1987. According to her mother, Tatyana Vladimovna, Demkina was a fast learner.",
            &[("her", "Nadia Demkina")],
        ),
        (
            "Training resumed on Monday. With Martyn Wood's injury likely to keep him out, Bath need cover.",
            &[("him", "Martyn Wood")],
        ),
        // An object pronoun; a comma only in the next sentence.
        (
            "Tom Hill left on Monday. Replacing him, Peter Jones took over.",
            &[("him", "Tom Hill")],
        ),
        (
            "Tom Hill arrived late. Because he was ill he missed the vote. Finally, Peter Jones spoke.",
            &[("he", "Tom Hill"), ("he", "Tom Hill")],
        ),
    ]);
}
