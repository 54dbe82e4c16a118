//! Table-driven tests of descriptions of organisations (issue #9): "the company" may be a
//! company name the text never typed, once that name has acted; a description of a government,
//! court or report takes only a name typed as an organisation; and a modifier joined by a
//! hyphen ("Calgary-based") is no part of the name after it.

mod common;

use common::{check, check_referents};

#[test]
fn a_business_description_takes_an_untyped_name_that_acted() {
    check_referents(&[
        (
            "Last year, Renault enjoyed a healthy rise in profits. The firm said it expected margins to be lower.",
            &[("The firm", "Renault")],
        ),
        (
            "As unrest escalated, Suncor concluded that it could no longer operate in Libya. The company noted that it might have to repay the money.",
            &[("The company", "Suncor")],
        ),
        // A name only mentioned, never acting ("an analyst at Petercam"), is not taken.
        (
            "In London, Unilever reported higher sales, said Arjan Sweere, an analyst at Petercam. The company said the changes would speed decisions.",
            &[("The company", "Unilever")],
        ),
    ]);
}

#[test]
fn a_government_description_takes_only_an_organisation() {
    check_referents(&[
        (
            "In Ankara, Serdengecti announced that exports were up. The government said growth would continue.",
            &[("The government", "-")],
        ),
        // Nor does a party: a person is as often named before it.
        (
            "On Monday, Xi Jinping visited Moscow. The party said the talks went well.",
            &[("The party", "-")],
        ),
    ]);
}

#[test]
fn a_person_is_no_company() {
    check_referents(&[
        // A first name of the name table, a title, a gendered pronoun: a person.
        (
            "On Monday, Jeremy Hunt criticised the plan. The company said it would appeal.",
            &[("The company", "-")],
        ),
        (
            "On Monday, Chief Executive Zhang Yiming unveiled an app. The company said it was popular.",
            &[("The company", "-")],
        ),
        (
            "On Monday, Okonjo Iweala warned that she would act. The company said it would appeal.",
            &[("she", "Okonjo Iweala"), ("The company", "-")],
        ),
    ]);
}

#[test]
fn a_hyphenated_modifier_starts_no_name() {
    check(&[
        (
            "Calgary-based Suncor Energy said it would leave Libya.",
            &[("it would leave Libya", "indirect", "Suncor Energy", "said")],
        ),
        (
            "The Quebec-born singer Celine Dion said she was happy.",
            &[("she was happy", "indirect", "Celine Dion", "said")],
        ),
        // Romanised names join syllables with a hyphen: they stay names.
        (
            "Kiu Bo-lung said he had lost his memory.",
            &[("he had lost his memory", "indirect", "Kiu Bo-lung", "said")],
        ),
    ]);
}

#[test]
fn a_company_is_named_by_the_first_word_of_its_name() {
    // After "Suncor Energy", "Suncor" is the company, when the words after the first all say
    // organisation (lexicons/en/org_words.txt) and no person or other name takes the word.
    check(&[
        (
            "The government paid Suncor Energy $600-million. Suncor said political risk continues to impede its production.",
            &[(
                "political risk continues to impede its production",
                "indirect",
                "Suncor Energy",
                "said",
            )],
        ),
        (
            "Southwest Airlines cut fares in May. Southwest said it expected a loss for the first quarter.",
            &[("it expected a loss for the first quarter", "indirect", "Southwest Airlines", "said")],
        ),
        // A person named by the word first keeps it.
        (
            "Donald Trump bought the hotel. The Trump Organization sold it later. Trump said he was proud of the deal.",
            &[("he was proud of the deal", "indirect", "Donald Trump", "said")],
        ),
        // Nor does the company take an earlier mention of the word: it may be the person.
        (
            "Trump said he would never sell the hotel. The Trump Organization said it had sold the hotel.",
            &[
                ("he would never sell the hotel", "indirect", "Trump", "said"),
                ("it had sold the hotel", "indirect", "Trump Organization", "said"),
            ],
        ),
        // Not when the first word is a place: the place alone is the place.
        (
            "Canada Post raised its prices in May. Canada said the country would sign the treaty.",
            &[("the country would sign the treaty", "indirect", "Canada", "said")],
        ),
    ]);
}

#[test]
fn names_joined_by_an_ampersand_are_one_organisation() {
    check_referents(&[
        // The whole name is the speaker, typed as an organisation, so "the company" and "it"
        // find it rather than the firm named before.
        (
            "BMO Research analyst Keith Bachman said results were strong. Procter & Gamble rallied 6 per cent. The company said its profit could be higher.",
            &[("The company", "Procter & Gamble"), ("its", "Procter & Gamble")],
        ),
        (
            "Earlier this month, accountancy firm Ernst & Young said forecasts were too optimistic. It claimed revenues were likely to be below estimates.",
            &[("It", "Ernst & Young")],
        ),
    ]);
    check(&[(
        "\"We will co-operate,\" said Marks & Spencer.",
        &[("We will co-operate,", "direct", "Marks & Spencer", "said")],
    )]);
}

#[test]
fn a_name_a_company_description_took_is_a_company_from_then_on() {
    // "it" may take it now, and "he" no longer (BBC: Microsoft had been a man).
    let text = "Microsoft has said it will replace 14 million power cables for its Xbox consoles. The \
                company said the move was a \"preventative step\" after reports of fire hazards. \
                Microsoft said it had received 30 reports of minor injury. In a statement, it added: \
                \"In almost all instances, any damage was contained within the console itself.\"";
    let r = common::extract(text);
    let speakers = common::speakers(&r);
    assert_eq!(speakers, ["Microsoft"; 4], "{text}");
    assert_eq!(r.entities[0].kind.to_string(), "organization");
}

#[test]
fn a_personal_name_a_company_description_took_stays_who_he_may_be() {
    // "Smith" is a name of the name table: the description more likely took him wrongly.
    let r = common::extract(
        "\"We are expanding,\" Smith said on Monday. \"Profits rose,\" the company said. \"It was hard,\" he added.",
    );
    let speakers = common::speakers(&r);
    assert_eq!(speakers.last(), Some(&"Smith"), "{speakers:?}");
}

#[test]
fn a_company_named_after_its_line_of_business_is_an_organisation() {
    use saywho::EntityKind::{Organization, Person};
    // "oil giant Yukos", "coffee chain Starbucks": the noun before the name says what it is, so
    // "it" takes it and it is no person of unknown gender; "the carmaker" finds it again.
    common::check_first_speaker(&[
        (
            "Russian oil giant Yukos said it would appeal against the ruling.",
            "Yukos",
            Organization,
        ),
        (
            "Coffee chain Starbucks said it would close 300 stores this year.",
            "Starbucks",
            Organization,
        ),
        (
            "French carmaker Renault reported lower sales in March. The carmaker said demand would recover by June.",
            "Renault",
            Organization,
        ),
        // A person's name by its first name stays a person's, however described.
        (
            "Comedy giant John Cleese said he would retire next year.",
            "John Cleese",
            Person,
        ),
        (
            "Tony Benn, a giant of the Labour left, said the party had lost its way.",
            "Tony Benn",
            Person,
        ),
    ]);
}

#[test]
fn a_description_of_a_company_or_a_government_is_not_the_outlet_it_spoke_to() {
    // Only a noun for an outlet ("the newspaper") names the outlet that reported or
    // interviewed someone; "the government" or "the board" is someone else. An outlet's name
    // is an organisation's.
    check_referents(&[
        (
            "A spokesman told BBC News the plan would work. The government said the plan was sound.",
            &[("The government", "-")],
        ),
        (
            "Fans told CBC the bid was low. The board said the proposal was fair.",
            &[("The board", "-")],
        ),
        (
            "The figures were wrong, the Toronto Globe reported. The newspaper said the report was accurate.",
            &[("The newspaper", "Toronto Globe")],
        ),
    ]);
}

#[test]
fn an_outlet_that_speaks_is_what_a_description_of_it_takes() {
    // Only an outlet spoken to is kept from "the agency": one that speaks itself is taken.
    check(&[(
        "AFP said one of its photographers was injured in the blast. The agency said he was in \
         stable condition.",
        &[
            (
                "one of its photographers was injured in the blast",
                "indirect",
                "AFP",
                "said",
            ),
            ("he was in stable condition", "indirect", "AFP", "said"),
        ],
    )]);
}

#[test]
fn a_speaker_named_only_by_words_no_person_is_named_by_is_an_organisation() {
    use saywho::EntityKind::{Organization, Person};
    // Speaking is all the text says of "Ofcom", "Labour" or "Countryside Alliance": a person
    // would have been named in full, titled or called "he" or "she" somewhere.
    common::check_first_speaker(&[
        ("Ofcom said the rules would change next year.", "Ofcom", Organization),
        (
            "Labour said the tax would hurt families. The plan was dropped.",
            "Labour",
            Organization,
        ),
        // A name of several words that ends in a common word, with no first name in it.
        (
            "The Countryside Alliance said the ban would be challenged.",
            "Countryside Alliance",
            Organization,
        ),
        // A first name, a title or role, an age, a gendered pronoun or a full name: a person.
        ("Maria said the rules would change next year.", "Maria", Person),
        ("Heizo Takenaka said the rules would change.", "Heizo Takenaka", Person),
        ("Striker Ronaldinho said the team would win.", "Ronaldinho", Person),
        ("“The rules will change,” Kovacs, 34, said.", "Kovacs", Person),
        ("Gordon Brown said the rules would change.", "Gordon Brown", Person),
        ("Mr Sloncek said the rules would change.", "Sloncek", Person),
        (
            "Takenaka said the rules would change. He gave no date.",
            "Takenaka",
            Person,
        ),
        (
            "Heizo Takenaka was in Tokyo. Takenaka said the rules would change.",
            "Heizo Takenaka",
            Person,
        ),
    ]);
}
