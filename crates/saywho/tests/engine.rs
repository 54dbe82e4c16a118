//! Table-driven behaviour tests of the whole engine on short passages written for the project.
//! Each case: a passage and the quotes expected from it, as (quote text, kind, speaker, cue).

mod common;

use common::{check, extract};

#[test]
fn quotation_marks_of_every_style() {
    check(&[
        (
            "“It works,” Ann Lee said.",
            &[("It works,", "direct", "Ann Lee", "said")],
        ),
        (
            "\"It works,\" Ann Lee said.",
            &[("It works,", "direct", "Ann Lee", "said")],
        ),
        (
            "''It works,'' Ann Lee said.",
            &[("It works,", "direct", "Ann Lee", "said")],
        ),
        (
            "``It works,'' Ann Lee said.",
            &[("It works,", "direct", "Ann Lee", "said")],
        ),
        (
            "Ann Lee said: « Ça marche bien ici. »",
            &[("Ça marche bien ici.", "direct", "Ann Lee", "said")],
        ),
        (
            "Ann Lee said: „Es funktioniert sehr gut.“",
            &[("Es funktioniert sehr gut.", "direct", "Ann Lee", "said")],
        ),
        (
            "'We will appeal the ruling,' Ann Lee said.",
            &[("We will appeal the ruling,", "direct", "Ann Lee", "said")],
        ),
        (
            "“He told me ‘never again’ that night,” Ann Lee said.",
            &[("He told me ‘never again’ that night,", "direct", "Ann Lee", "said")],
        ),
    ]);
}

#[test]
fn apostrophes_are_not_quotation_marks() {
    check(&[
        ("Teigen's '90s rock 'n' roll band played at the Joneses' house.", &[]),
        ("Ann Lee's dog isn't Bob Ray's.", &[]),
    ]);
}

#[test]
fn quotes_cut_in_two_and_over_paragraphs() {
    let r = extract("“This is the first half,” Ann Lee wrote. “And this is the second half.”");
    assert_eq!(r.quotes.len(), 2);
    assert_eq!(r.quotes[0].group, r.quotes[1].group, "one utterance, one group");
    assert_eq!(r.quotes[1].speaker.as_ref().map(|s| s.name.as_str()), Some("Ann Lee"));
    assert_eq!(r.quotes[1].cue.as_ref().map(|c| c.text.as_str()), Some("wrote"));

    // Cut by its attribution within one sentence: each fragment finds the cue on its own
    // side, and they are one utterance. Not after a first fragment that ends its sentence.
    let cases: &[(&str, bool)] = &[
        ("“The plan,” Ann Lee said, “will fail.”", true),
        ("Ann Lee is the mayor. “The plan,” she says, “will fail.”", true),
        ("\"For instance,\" said Ann Lee, \"older people use it.\"", true),
        ("“The vote is over.” Ann Lee said: “We lost.”", false),
    ];
    for &(text, one) in cases {
        let r = extract(text);
        assert_eq!(r.quotes.len(), 2, "{text}: {r:?}");
        assert_eq!(r.quotes[0].group == r.quotes[1].group, one, "{text}: {r:?}");
    }

    // Over paragraphs, each reopened by a mark: a fragment a paragraph, without the repeated
    // marks, all in one group with the speaker and cue of the whole.
    let text = "The vote was close. Ann Lee said:\n\n“First paragraph of it.\n\n“Second paragraph of it.\n\n“The end of it.”\n\nBob Ray left.";
    let r = extract(text);
    let texts: Vec<&str> = r.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["First paragraph of it.", "Second paragraph of it.", "The end of it."],
        "{r:?}"
    );
    let chars: Vec<char> = text.chars().collect();
    for q in &r.quotes {
        assert_eq!(
            chars[q.start..q.end].iter().collect::<String>(),
            q.text,
            "offsets in code points"
        );
        assert_eq!(q.group, r.quotes[0].group, "one utterance, one group");
        assert_eq!(q.speaker.as_ref().map(|s| s.name.as_str()), Some("Ann Lee"));
    }
    // A paragraph that closes its quotation, or a straight mark after the break (which may
    // close as well as open), leaves the span whole.
    let r = extract("Ann Lee said:\n\n\"First paragraph of it.\n\n\"The end of it.\"\n\nBob Ray left.");
    assert_eq!(r.quotes.len(), 1, "{r:?}");
    assert!(r.quotes[0].text.starts_with("First paragraph") && r.quotes[0].text.ends_with("The end of it."));
}

#[test]
fn unbalanced_marks_never_swallow_the_article() {
    let text =
        "Ann Lee said “this quote never closes at all.\n\nBob Ray said the plan would cost far more than expected.";
    let r = extract(text);
    let kinds: Vec<(&str, &str)> = r.quotes.iter().map(|q| (q.kind.as_str(), q.text.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            ("direct", "this quote never closes at all."),
            ("indirect", "the plan would cost far more than expected")
        ]
    );
}

#[test]
fn kinds_direct_indirect_mixed() {
    check(&[
        // Reported content ending in a quoted fragment, attribution after: mixed, the whole
        // sentence.
        (
            "Early leaders envisioned a “home for whiteness in the west,” Cecil Foster writes.",
            &[(
                "Early leaders envisioned a “home for whiteness in the west,",
                "mixed",
                "Cecil Foster",
                "writes",
            )],
        ),
        // A pronoun in the content is the speaker herself, not a reason to look elsewhere.
        (
            "Ann Lee spoke after Joan Fox. Her time in office has been \"hard and heartbreaking,\" she said.",
            &[(
                "Her time in office has been \"hard and heartbreaking,",
                "mixed",
                "Ann Lee",
                "said",
            )],
        ),
        (
            "Teigen revealed that she had lost her son after a long illness.",
            &[(
                "she had lost her son after a long illness",
                "indirect",
                "Teigen",
                "revealed",
            )],
        ),
        (
            "The plan will fail within a year, Ann Lee said.",
            &[("The plan will fail within a year", "indirect", "Ann Lee", "said")],
        ),
        (
            "The plan will fail within a year, officials said.",
            &[("The plan will fail within a year", "indirect", "officials", "said")],
        ),
        (
            "The agency told CTV News it has not done any such study.",
            &[("it has not done any such study", "indirect", "The agency", "told")],
        ),
        (
            "Minister Ann Lee told the House of Commons that benefits would not be provided.",
            &[("benefits would not be provided", "indirect", "Ann Lee", "told")],
        ),
        (
            "The Youth Council stated in July it opposed the pipeline.",
            &[("it opposed the pipeline", "indirect", "Youth Council", "stated")],
        ),
        (
            "Ann Lee said roughly 65 per cent of the staff voted in favour.",
            &[(
                "roughly 65 per cent of the staff voted in favour",
                "indirect",
                "Ann Lee",
                "said",
            )],
        ),
        (
            "Justin Trudeau took questions. Trudeau's office said approximately 1,300 people attended the event.",
            &[(
                "approximately 1,300 people attended the event",
                "indirect",
                "Trudeau's office",
                "said",
            )],
        ),
        (
            // "his office" is not the organisation named before it.
            "The EDC lent the money. Jim Carr was minister; his office said the loan was legal.",
            &[("the loan was legal", "indirect", "his office", "said")],
        ),
        (
            "Jason Schultz, technical researcher at Talos, stated in a blog post that the threats came from one group.",
            &[("the threats came from one group", "indirect", "Jason Schultz", "stated")],
        ),
        (
            "Ann Lee told NBC’s “Today” show on Wednesday that she has nothing to apologize for.",
            &[("she has nothing to apologize for", "indirect", "Ann Lee", "told")],
        ),
        (
            "There is a real satisfaction, insists 16-year-old Xander Wise, in seeing your work in print.",
            &[
                ("There is a real satisfaction", "indirect", "Xander Wise", "insists"),
                ("in seeing your work in print", "indirect", "Xander Wise", "insists"),
            ],
        ),
        // An appositive after the speaker is not a second half of what was said.
        (
            "Many relationships fail under the strain, said Dr. Robert Rutledge, a Halifax radiation oncologist.",
            &[(
                "Many relationships fail under the strain",
                "indirect",
                "Robert Rutledge",
                "said",
            )],
        ),
        // A gerund has no subject after it: Ann Lee is noting.
        (
            "Ann Lee argued that the move hurt her group, noting the board frequently lobbies its members by mail.",
            &[
                ("the move hurt her group", "indirect", "Ann Lee", "argued"),
                (
                    "the board frequently lobbies its members by mail",
                    "indirect",
                    "Ann Lee",
                    "noting",
                ),
            ],
        ),
        (
            "They had two broad aims, Ann Lee writes; to change the law and to win the vote.",
            &[
                ("They had two broad aims", "indirect", "Ann Lee", "writes"),
                ("to change the law and to win the vote", "indirect", "Ann Lee", "writes"),
            ],
        ),
        (
            "According to Ann Lee, the plan will fail within a year.",
            &[(
                "the plan will fail within a year",
                "indirect",
                "Ann Lee",
                "According to",
            )],
        ),
        (
            "Ann Lee told reporters the plan would fail within a year.",
            &[("the plan would fail within a year", "indirect", "Ann Lee", "told")],
        ),
        (
            "Legend explained that he wrote the song \"because I have faith in us.\"",
            &[(
                "he wrote the song \"because I have faith in us.\"",
                "mixed",
                "Legend",
                "explained",
            )],
        ),
    ]);
}

#[test]
fn titles_and_scare_quotes_are_not_quotations() {
    check(&[
        ("The \"Big Love\" singer performed \"Never Break\" on Sunday.", &[]),
        ("Critics called the so-called \"reform\" a failure.", &[]),
    ]);
}

#[test]
fn cues_in_both_orders_and_with_appositives() {
    check(&[
        ("“We won,” said Ann Lee.", &[("We won,", "direct", "Ann Lee", "said")]),
        ("“We won,” Ann Lee said.", &[("We won,", "direct", "Ann Lee", "said")]),
        (
            "“We won,” Kelly Clarkson, the show's host, said.",
            &[("We won,", "direct", "Kelly Clarkson", "said")],
        ),
        (
            "Ann Lee concluded by writing that the team \"will be back next year.\"",
            &[(
                "the team \"will be back next year.\"",
                "mixed",
                "Ann Lee",
                "concluded by writing",
            )],
        ),
        (
            "“We won,” Ann Lee later added.",
            &[("We won,", "direct", "Ann Lee", "added")],
        ),
        (
            "“We print one copy,” says Campbell’s partner, Jason Louth.",
            &[("We print one copy,", "direct", "Jason Louth", "says")],
        ),
        // An organisation, then an occupation, then the speaker's name.
        (
            "“It is gamesmanship,” University of the Fraser Valley political scientist Hamish Telford said.",
            &[("It is gamesmanship,", "direct", "Hamish Telford", "said")],
        ),
        (
            "“It is gamesmanship,” Tim Guest with the Nova Scotia Health Authority said.",
            &[("It is gamesmanship,", "direct", "Tim Guest", "said")],
        ),
        // A title naming its office with "of", before the name.
        (
            "“It will fail,” Secretary of State John Kerry said.",
            &[("It will fail,", "direct", "John Kerry", "said")],
        ),
        (
            "Minister of Health Patty Hajdu said the plan would work.",
            &[("the plan would work", "indirect", "Patty Hajdu", "said")],
        ),
    ]);
}

#[test]
fn pronouns_and_descriptions_resolve_to_named_entities() {
    let text = "Singer John Legend thanked his fans on Thursday.\n\n\
                “We are grateful,” he wrote.\n\n\
                Host Kelly Clarkson introduced him at the show.\n\n\
                “They are an inspiration,” she said.\n\n\
                “It was a special night,” the singer added.";
    check(&[(
        text,
        &[
            ("We are grateful,", "direct", "John Legend", "wrote"),
            ("They are an inspiration,", "direct", "Kelly Clarkson", "said"),
            ("It was a special night,", "direct", "John Legend", "added"),
        ],
    )]);
    let r = extract(text);
    let gender = |name: &str| r.entities.iter().find(|e| e.name == name).map(|e| e.gender.to_string());
    assert_eq!(gender("John Legend").as_deref(), Some("male"));
    assert_eq!(gender("Kelly Clarkson").as_deref(), Some("female"));
}

#[test]
fn a_pronoun_speaker_is_not_the_hearer_of_its_own_cue() {
    check(&[(
        "Harold Adams worked as a porter. Cecil Foster wrote a book about it. \
         \"I came home and said I'm not going back,\" he tells Foster in the book.",
        &[(
            "I came home and said I'm not going back,",
            "direct",
            "Harold Adams",
            "tells",
        )],
    )]);
}

#[test]
fn a_surname_alone_is_the_person_of_that_name_last_quoted() {
    check(&[(
        "Ernie LeBlanc, father of Jason LeBlanc, says his son struggled for years. \
         Jason LeBlanc died in a jail cell in 2018. \
         \"Your anxiety gets that bad, you need help,\" says LeBlanc.",
        &[
            ("his son struggled for years", "indirect", "Ernie LeBlanc", "says"),
            (
                "Your anxiety gets that bad, you need help,",
                "direct",
                "Ernie LeBlanc",
                "says",
            ),
        ],
    )]);
}

#[test]
fn a_description_mid_sentence_is_a_mention() {
    // "the mayor" after a fronted time phrase is the mayor named before (not the spokesperson
    // quoted just before), and "he" then follows the mayor.
    let text = "“We will build it,” Mayor Doug Reid said on Monday.\n\n\
                The line would run 16 kilometres through three towns and would cost far more than \
                the older plan, which was drawn up ten years ago for a smaller region and a far \
                smaller budget, before the new bridge and the two stations were built.\n\n\
                “No study was done,” a spokesperson said.\n\n\
                On Dec. 13, the mayor brought up the plan again.\n\n\
                “We can cut costs,” he said.";
    check(&[(
        text,
        &[
            ("We will build it,", "direct", "Doug Reid", "said"),
            ("No study was done,", "direct", "a spokesperson", "said"),
            ("We can cut costs,", "direct", "Doug Reid", "said"),
        ],
    )]);
}

#[test]
fn a_pronoun_inside_a_relative_clause_is_its_antecedent() {
    // "his" inside "Ray Bell, who … his …" is Bell, so Bell is the man and Ann Cole's "she"
    // is not drawn to him.
    let text = "“They made him our problem,” prosecutor Ann Cole said of Ray Bell, who broke one of \
                his victims' arms during his spree.\n\n\
                “He is a scary man,” she said.";
    check(&[(
        text,
        &[
            ("They made him our problem,", "direct", "Ann Cole", "said"),
            ("He is a scary man,", "direct", "Ann Cole", "said"),
        ],
    )]);
    // "whose" clauses and appositive roles: the "she" who speaks is Gokool, "president of a
    // charity", not a woman mentioned before her.
    check(&[(
        "“We will act,” Minister Jody Reid said of Audrey Parker. She has promised change.\n\nParker, whose cancer had \
         spread to her brain, chose an earlier death because she feared the worst.\n\nGiven Reid's views, \
         Ann Gokool, president of a charity, is hopeful.\n\n“We have hope,” she said.",
        &[
            ("We will act,", "direct", "Jody Reid", "said"),
            ("We have hope,", "direct", "Ann Gokool", "said"),
        ],
    )]);
    let r = extract(text);
    let gender = |name: &str| r.entities.iter().find(|e| e.name == name).map(|e| e.gender.to_string());
    assert_eq!(gender("Ray Bell").as_deref(), Some("male"));
    assert_eq!(gender("Ann Cole").as_deref(), Some("female"));
}

#[test]
fn page_furniture_and_paragraph_labels() {
    check(&[
        // A link to another story is not a quotation.
        (
            "The vote is on Monday.\n\nREAD MORE: Ann Lee says the plan will ‘fail badly’\n\nThe rest follows.",
            &[],
        ),
        // A label opening a paragraph of news: only the label is furniture.
        (
            "Markets rose.\n\nCHINA TALK: Vice-President Wang Qishan spoke in Davos on Tuesday. Wang \
             said that \"blame will not resolve the problems,\" alluding to trade.",
            &[("blame will not resolve the problems,", "direct", "Wang Qishan", "said")],
        ),
    ]);
}

#[test]
fn a_capitalised_role_after_the_is_a_description() {
    check(&[(
        "Mitch McConnell spoke on Monday. The Kentucky Republican said the bill will pass easily this week.",
        &[(
            "the bill will pass easily this week",
            "indirect",
            "Mitch McConnell",
            "said",
        )],
    )]);
    check(&[(
        "Ann Lee spoke first. As the school reopened on Wednesday, Senate Majority Leader Mitch \
         McConnell blamed activists.\n\n“They attacked these young people,” the Kentucky Republican said.",
        &[("They attacked these young people,", "direct", "Mitch McConnell", "said")],
    )]);
}

#[test]
fn organisations_speak() {
    check(&[
        (
            "“We will review the decision,” the White House said.",
            &[("We will review the decision,", "direct", "White House", "said")],
        ),
        (
            "Acme Corp. cut 200 jobs. The company said the cuts were needed to survive.",
            &[("the cuts were needed to survive", "indirect", "Acme Corp", "said")],
        ),
    ]);
}

#[test]
fn a_sentence_about_someone_named_before_a_quotation_gives_it_to_them() {
    // (text, speaker of the last quotation): only a quotation in the first person singular
    // that speaks of no "he" or "she" is the person's own.
    let cases: &[(&str, &str)] = &[
        (
            "“The dollar's fall has been sudden,” said Brian Taylor of Wells Fargo. Treasury \
             Secretary John Snow put a brave face on the news. “I think the economy is growing at \
             such a fast rate.”",
            "John Snow",
        ),
        // The sentence names someone, but as a possessor: the earlier speaker goes on.
        (
            "“The dollar's fall has been sudden,” said Brian Taylor of Wells Fargo. John Snow's \
             office was closed. “I think the economy is growing at such a fast rate.”",
            "Brian Taylor",
        ),
        // A quotation about the person, or not in the first person: the earlier speaker's.
        (
            "“We did everything we could tonight,” said coach Bill Jones. Smith scored twice in the \
             second half. “He was fantastic and I am proud of him.”",
            "Bill Jones",
        ),
        (
            "“We were never told,” said resident Tom Vance. Smith declined to comment. “It is a \
             scandal.”",
            "Tom Vance",
        ),
        // In a paragraph of its own, after a paragraph quoting someone else.
        (
            "“The dollar's fall has been sudden,” said Brian Taylor of Wells Fargo.\n\nMorrison is \
             seen quizzing a college administrator. “But what happened? Why did nobody tell my \
             parents?”",
            "Morrison",
        ),
    ];
    for (text, speaker) in cases {
        let r = extract(text);
        let last = r.quotes.last().expect("a quote");
        assert_eq!(last.speaker.as_ref().map(|s| s.name.as_str()), Some(*speaker), "{text}");
    }
}

#[test]
fn a_paragraph_naming_no_one_does_not_end_the_speaker_s_turn() {
    // (text, speaker of the last quotation): the writer's own paragraph between two paragraphs
    // of quotation is skipped only when it names no one and the quotation opens its paragraph.
    let cases: &[(&str, Option<&str>)] = &[
        (
            "“Costs rose sharply for everyone,” Ann Lee said.\n\nThe loss from a stroke was the largest.\n\n\
             “So stroke patients were losing about a third of their incomes.”",
            Some("Ann Lee"),
        ),
        (
            "“Costs rose sharply for everyone,” Ann Lee said.\n\nThe loss from a stroke was the largest in \
             Tom Weir's study.\n\n“So stroke patients were losing about a third of their incomes.”",
            None,
        ),
        // A paragraph bringing in someone, even unnamed, or a subhead, ends the turn.
        (
            "“It was terrifying and I thought we would die,” said passenger Amy Chen.\n\nAnother \
             passenger described a similar scene.\n\n“The plane just dropped, and people were \
             screaming.”",
            None,
        ),
        (
            "“Costs rose sharply for everyone,” Ann Lee said.\n\nOthers were less sure.\n\n“I do \
             not know if it will work at all, frankly.”",
            None,
        ),
        (
            "“Costs rose sharply for everyone,” Ann Lee said.\n\nWhat the survey found\n\n“Most \
             people felt the plan would never work.”",
            None,
        ),
        (
            "“Costs rose sharply for everyone,” Ann Lee said.\n\nThe loss was the largest.\n\nThen \
             “stroke patients were losing about a third of their incomes” in the study.",
            None,
        ),
    ];
    for (text, speaker) in cases {
        let r = extract(text);
        let last = r.quotes.last().expect("a quote");
        let name = last.speaker.as_ref().map(|s| s.name.as_str());
        assert_eq!(name, *speaker, "{text}");
    }
}

#[test]
fn a_quote_paragraph_continues_the_previous_speaker() {
    let text = "“We are ready,” Ann Lee said.\n\n“Nobody will stop us now, whatever they try.”";
    let r = extract(text);
    assert_eq!(r.quotes.len(), 2);
    let s = r.quotes[1].speaker.as_ref().expect("carried speaker");
    assert_eq!(s.name, "Ann Lee");
    assert!(s.mention.is_none(), "the mention is null for a carried speaker");
}

#[test]
fn channels_are_found_and_carried() {
    let text = "Ann Lee took to Instagram on Friday.\n\n\
                “Thank you all,” she wrote.\n\n\
                “We are thrilled,” Bob Ray said in a statement.\n\n\
                “It went well,” Cy Dee told CTV News.\n\n\
                “Vote early,” Ed Fox wrote on X.\n\n\
                Dee spoke at the Global Health Summit on Monday.\n\n\
                “We must act now,” he said.";
    let r = extract(text);
    let channels: Vec<Option<&str>> = r.quotes.iter().map(|q| q.channel.as_deref()).collect();
    assert_eq!(
        channels,
        vec![
            Some("Instagram"),
            Some("statement"),
            Some("interview with CTV News"),
            Some("X"),
            Some("speech")
        ]
    );
    // A legislature is an audience, not an outlet; nor is a titled person one.
    for text in [
        "Minister Ann Lee told the House of Commons that benefits would not be provided.",
        "The chancellor told Mr Blair that he would not stand in the way of the reform.",
    ] {
        let r = extract(text);
        assert_eq!(r.quotes.len(), 1, "{text}");
        assert_eq!(r.quotes[0].channel, None, "{text}");
    }
}

#[test]
fn a_platform_that_speaks_is_its_company() {
    // "Facebook said": the company speaks, and says it through no channel named; "posted on
    // Facebook" stays a channel; "a spokeswoman for YouTube" speaks for YouTube.
    let r = extract(
        "The posts spread quickly. Facebook said it removed the accounts on Tuesday.\n\n\
         Later Ann Lee posted on Facebook that the ban was wrong.\n\n\
         A spokeswoman for YouTube said that it had policies against such videos.",
    );
    let got: Vec<(Option<&str>, Option<&str>)> = r
        .quotes
        .iter()
        .map(|q| (q.speaker.as_ref().map(|s| s.name.as_str()), q.channel.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("Facebook"), None),
            (Some("Ann Lee"), Some("Facebook")),
            (Some("YouTube"), None)
        ]
    );
    let facebook = r.entities.iter().find(|e| e.name == "Facebook").expect("an entity");
    assert_eq!(facebook.kind.to_string(), "organization");
    // Not the last word of a longer name.
    let r = extract("UK broadcaster Virgin Radio says it will cut the prices of its adverts.");
    let speaker = r
        .quotes
        .first()
        .and_then(|q| q.speaker.as_ref())
        .map(|s| s.name.as_str());
    assert_ne!(speaker, Some("Radio"));
    let r = extract("“Spam fell in January,” said Neil Hammerton, managing director of Email Systems.");
    assert!(r.entities.iter().all(|e| e.name != "Email"), "{:?}", r.entities);
    // After a preposition it is the channel ("people on Twitter said"), and a word for what is
    // posted there names no company ("Tweets show").
    let r = extract("The ad ran on Sunday. Many people on Twitter said the advert was racist.");
    assert_eq!(r.quotes.len(), 1);
    assert_eq!(r.quotes[0].channel.as_deref(), Some("Twitter"));
    assert!(r.entities.iter().all(|e| e.name != "Twitter"), "{:?}", r.entities);
    let r = extract("The ad ran on Sunday. Tweets show that the advert was shared widely.");
    assert!(r.entities.iter().all(|e| e.name != "Tweets"), "{:?}", r.entities);
}

#[test]
fn gender_comes_from_the_text_first_then_from_the_first_name() {
    // Until the name table, gender came only from the text and "Sam Kerr" stayed unknown. Now
    // the text still wins ("Ms." makes Sam Ray a woman), and a person the text says nothing
    // about gets the first name's gender when the name is at least 90% one way ("Sam", "Cindy"),
    // with `gender_source` "name". A name used for both ("Robin") and an organisation stay
    // unknown.
    let r = extract(
        "“We lost,” Sam Kerr said.\n\n“We lost,” Ms. Sam Ray said.\n\n“We lost,” Mr. Al Tan said.\n\n\
         “We won,” Cindy Dalglish said.\n\n“We tied,” Robin Lee said.\n\n\
         “We agree,” the Surrey Board of Trade said in a statement.",
    );
    let gender = |name: &str| {
        r.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| (e.gender.to_string(), e.gender_source.to_string()))
    };
    let is = |g: &str, s: &str| Some((g.to_string(), s.to_string()));
    assert_eq!(
        gender("Sam Kerr"),
        is("male", "name"),
        "the first name, nothing in the text"
    );
    assert_eq!(
        gender("Sam Ray"),
        is("female", "text"),
        "the text wins over the first name"
    );
    assert_eq!(gender("Al Tan"), is("male", "text"));
    assert_eq!(gender("Cindy Dalglish"), is("female", "name"));
    assert_eq!(gender("Robin Lee"), is("unknown", "none"), "a first name used for both");
    let board = r.entities.iter().find(|e| e.name.contains("Board of Trade"));
    assert!(
        board.is_some_and(|e| e.gender.to_string() == "unknown" && e.gender_source.to_string() == "none"),
        "{:?}",
        r.entities
    );
}

#[test]
fn confidence_is_a_probability_and_offsets_index_code_points() {
    let text = "Café owner Zoë Brûlé said: “Ça va très bien — merci.”";
    let r = extract(text);
    assert_eq!(r.quotes.len(), 1);
    let q = &r.quotes[0];
    assert!((0.0..=1.0).contains(&q.confidence));
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
    assert_eq!(q.speaker.as_ref().unwrap().name, "Zoë Brûlé");
}

#[test]
fn a_photo_caption_is_no_quotation() {
    check(&[
        (
            "Golden said she looked for the co-worker who shared the drugs. (Steve Lawrence/CBC)\nGolden said she wanted someone to share the responsibility.",
            &[("she wanted someone to share the responsibility", "indirect", "Golden", "said")],
        ),
        (
            "The rules changed in May.\nMinister Seamus O'Regan said future benefits would not be provided. ( Adrian Wyld / Canadian Press ).",
            &[],
        ),
        // A document of one paragraph is no caption; nor is a bracket without a name in it.
        (
            "Jane Doe said the plan would fail. (Steve Lawrence/CBC)",
            &[("the plan would fail", "indirect", "Jane Doe", "said")],
        ),
        (
            "The tour starts in May.\nThe band said the tour would go ahead (AC/DC).",
            &[("the tour would go ahead (AC/DC)", "indirect", "The band", "said")],
        ),
        // Brackets without a credit leave the paragraph a paragraph.
        (
            "Minister Seamus O'Regan said future benefits would not be provided (for now).",
            &[("future benefits would not be provided (for now)", "indirect", "Seamus O'Regan", "said")],
        ),
    ]);
}
