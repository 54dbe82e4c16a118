//! Table-driven tests of the reported speech issue #10 is about (classes of misses on PolNeAR
//! train and GGT dev), on short passages written for the project. Each case: a passage and the
//! quotes expected from it, as (quote text, kind, speaker, cue).

mod common;

use common::{check, extract};
use saywho::Engine;

#[test]
fn several_appositives_between_subject_and_cue() {
    check(&[
        (
            "Marley Anderson, 21, a junior from Las Vegas, said she turned out to support the senator.",
            &[(
                "she turned out to support the senator",
                "indirect",
                "Marley Anderson",
                "said",
            )],
        ),
        (
            "Nina Turner, a surrogate for Mr. Sanders, said that she had seen several emails.",
            &[("she had seen several emails", "indirect", "Nina Turner", "said")],
        ),
        // An adverbial between commas is no appositive: nobody is made the speaker.
        (
            "Ann Lee went upstairs and, without meaning a word of it, told Tracy the plan was fine.",
            &[],
        ),
    ]);
}

#[test]
fn shares_of_a_group_speak() {
    check(&[
        // After an inverted cue, the share with its group.
        (
            "“There will not be a path to the nomination,” said some of the advisers.",
            &[(
                "There will not be a path to the nomination,",
                "direct",
                "some of the advisers",
                "said",
            )],
        ),
        (
            "Most said they would vote for the senator in November.",
            &[(
                "they would vote for the senator in November",
                "indirect",
                "Most",
                "said",
            )],
        ),
        (
            "Twenty-four percent said she did nothing wrong at all.",
            &[(
                "she did nothing wrong at all",
                "indirect",
                "Twenty-four percent",
                "said",
            )],
        ),
        // A number of a group (word_roles.tsv GROUP_QUANTIFIER), as a share is.
        (
            "Six in 10 voters said Clinton is honest and trustworthy.",
            &[(
                "Clinton is honest and trustworthy",
                "indirect",
                "Six in 10 voters",
                "said",
            )],
        ),
        (
            "Thirty per cent said the leader was right to go to court.",
            &[(
                "the leader was right to go to court",
                "indirect",
                "Thirty per cent",
                "said",
            )],
        ),
        // A share or a count of a group named after it: the whole phrase speaks.
        (
            "Hundreds of residents said the water was brown for a week.",
            &[(
                "the water was brown for a week",
                "indirect",
                "Hundreds of residents",
                "said",
            )],
        ),
        (
            "Two of the officials said the plan would fail within a year.",
            &[(
                "the plan would fail within a year",
                "indirect",
                "Two of the officials",
                "said",
            )],
        ),
        (
            "Twenty-four percent of voters said she did nothing wrong at all.",
            &[(
                "she did nothing wrong at all",
                "indirect",
                "Twenty-four percent of voters",
                "said",
            )],
        ),
        (
            "Fifty nine percent of people said the tags would let shops track them.",
            &[(
                "the tags would let shops track them",
                "indirect",
                "Fifty nine percent of people",
                "said",
            )],
        ),
        (
            "Half of Vermont Democrats said they want the next president to be more liberal.",
            &[(
                "they want the next president to be more liberal",
                "indirect",
                "Half of Vermont Democrats",
                "said",
            )],
        ),
        (
            "Nearly three in four say they would like to buy goods made at home.",
            &[(
                "they would like to buy goods made at home",
                "indirect",
                "Nearly three in four",
                "say",
            )],
        ),
        // Nor one inside a name ("the Big Ten").
        (
            "The Big Ten said the games would go ahead as planned this season.",
            &[(
                "the games would go ahead as planned this season",
                "indirect",
                "Big Ten",
                "said",
            )],
        ),
    ]);
    // Not a number that modifies a noun: "seven" is no speaker of "state" here.
    let r = extract("The school was known for its seven state titles and its motto, “A spirit that will not die.”");
    assert!(r.quotes.iter().all(|q| q.speaker.is_none()), "{:?}", r.quotes);
}

#[test]
fn a_cue_coordinated_with_an_earlier_verb() {
    check(&[
        (
            "Ann Lee denied the report and said the company had done nothing wrong.",
            &[("the company had done nothing wrong", "indirect", "Ann Lee", "said")],
        ),
        (
            "Ann Lee cut the debt to $42,000 in five years, but said she could not fulfil her dream.",
            &[("she could not fulfil her dream", "indirect", "Ann Lee", "said")],
        ),
        // The first verb is no part of the subject, even when a person noun follows it.
        (
            "The police arrested a man and said a curfew would continue through the weekend.",
            &[(
                "a curfew would continue through the weekend",
                "indirect",
                "The police",
                "said",
            )],
        ),
        // A reported clause's "be" makes no passive of the first verb.
        (
            "Ann Lee said unionization is overdue, and added she does not think customers will mind.",
            &[
                ("unionization is overdue", "indirect", "Ann Lee", "said"),
                ("she does not think customers will mind", "indirect", "Ann Lee", "added"),
            ],
        ),
        // A passive first verb: "told" is passive too, and nobody speaks.
        (
            "Ann Lee had been diagnosed with cancer and told she had three months to live.",
            &[],
        ),
    ]);
}

#[test]
fn short_reported_speech() {
    check(&[
        (
            "Ann Lee said that business was good.",
            &[("business was good", "indirect", "Ann Lee", "said")],
        ),
        (
            "Ann Lee said business was good.",
            &[("business was good", "indirect", "Ann Lee", "said")],
        ),
        (
            "Ann Lee said that prices fell.",
            &[("prices fell", "indirect", "Ann Lee", "said")],
        ),
        // A past form that ends the sentence is the clause's verb; not in a clause of time.
        (
            "Ann Lee said the photo lied.",
            &[("the photo lied", "indirect", "Ann Lee", "said")],
        ),
        ("Ann Lee said before he died.", &[]),
        // Without "that" or a visible verb, a short object is no clause.
        ("The women will tell stories about firsts.", &[]),
    ]);
}

#[test]
fn short_reported_speech_is_less_sure() {
    let short = extract("Ann Lee said that business was good.");
    let long = extract("Ann Lee said that business was good this year.");
    assert!(short.quotes[0].confidence < long.quotes[0].confidence);
}

#[test]
fn according_to_a_document_or_a_count() {
    check(&[
        (
            "Clinton leads Sanders by 271 pledged delegates according to a count by The Associated Press.",
            &[(
                "Clinton leads Sanders by 271 pledged delegates",
                "indirect",
                "a count by The Associated Press",
                "according to",
            )],
        ),
        (
            "The senators were lining up against the plan, according to a senior aide who spoke on condition of anonymity.",
            &[(
                "The senators were lining up against the plan",
                "indirect",
                "a senior aide",
                "according to",
            )],
        ),
    ]);
}

#[test]
fn groups_and_descriptions_speak() {
    check(&[
        (
            "Aides said the senator was resting at home.",
            &[("the senator was resting at home", "indirect", "Aides", "said")],
        ),
        (
            "Advocates say the law is unfair to tenants.",
            &[("the law is unfair to tenants", "indirect", "Advocates", "say")],
        ),
        (
            "However, protesters say there is misinformation on both sides.",
            &[("there is misinformation on both sides", "indirect", "protesters", "say")],
        ),
        // A group noun opening the sentence, with a phrase after it.
        (
            "Sources familiar with the talks said the deal was close.",
            &[("the deal was close", "indirect", "Sources", "said")],
        ),
        (
            "Officials close to the mayor said the budget would balance.",
            &[("the budget would balance", "indirect", "Officials", "said")],
        ),
        // A description whose head is a noun for a person that the roles lack.
        (
            "A veteran forecaster commented that the storm would pass by Sunday.",
            &[(
                "the storm would pass by Sunday",
                "indirect",
                "A veteran forecaster",
                "commented",
            )],
        ),
        ("A harsh voice cried that the storm would pass by Sunday.", &[]),
        // A group, a preposition and a name: the name is where or with whom they are.
        (
            "Officials in Washington said the talks would resume next week.",
            &[("the talks would resume next week", "indirect", "Officials", "said")],
        ),
        (
            "Analysts at Goldman Sachs said the dollar would fall further.",
            &[("the dollar would fall further", "indirect", "Analysts", "said")],
        ),
        // At the sentence's start, "of" after a group is no part of a name ("Bank of Canada").
        (
            "Residents of Toronto told CBC that the storm was the worst in years.",
            &[("the storm was the worst in years", "indirect", "Residents", "told")],
        ),
        // A conjunction capitalised for opening the sentence is not part of the phrase; a
        // demonstrative is.
        (
            "But critics said the plan would fail.",
            &[("the plan would fail", "indirect", "critics", "said")],
        ),
        (
            "That official said the plan would fail.",
            &[("the plan would fail", "indirect", "That official", "said")],
        ),
        // Organisations in the plural, with or without a modifier.
        (
            "Human rights groups warned that the code was not binding.",
            &[("the code was not binding", "indirect", "Human rights groups", "warned")],
        ),
        (
            "Some charities said the plans would put lives at risk.",
            &[(
                "the plans would put lives at risk",
                "indirect",
                "Some charities",
                "said",
            )],
        ),
        (
            "The reforms were slow, and aid agencies warned that the money had run out.",
            &[("the money had run out", "indirect", "aid agencies", "warned")],
        ),
    ]);
}

#[test]
fn a_hearer_of_two_nouns_joined_by_a_conjunction() {
    // The determiner after "and" is still the hearer's, not the start of what was said.
    check(&[
        (
            "The regulator warned banks and other lenders that gangs were applying for jobs.",
            &[("gangs were applying for jobs", "indirect", "The regulator", "warned")],
        ),
        (
            "The mayor told residents and the press that the bridge would reopen.",
            &[("the bridge would reopen", "indirect", "The mayor", "told")],
        ),
    ]);
}

#[test]
fn a_second_clause_with_its_own_subject_and_cue_holds_the_fragment() {
    // The fragment is what the second subject said, not the object of the first cue; an
    // aside set off by commas inside the first cue's content is no second clause.
    check(&[
        (
            "Several nations criticised the approach, and the EU envoy, Carlo Trojan, said the \
             bid \"must be judged on its merits\".",
            &[(
                "the bid \"must be judged on its merits\"",
                "mixed",
                "Carlo Trojan",
                "said",
            )],
        ),
        (
            "Jones said the accusations, and the way reporters described them, had left her \
             \"humiliated and afraid\".",
            &[(
                "the accusations, and the way reporters described them, had left her \"humiliated and afraid\"",
                "mixed",
                "Jones",
                "said",
            )],
        ),
    ]);
}

#[test]
fn a_group_noun_opening_a_sentence_is_a_group_not_a_person() {
    // Capitalised only for its place: not a name, so not a person called "Officials" whose
    // key would join every article's officials into one speaker.
    for text in [
        "Officials said the bridge would reopen in May.",
        "Critics argue the plan is too costly for the town.",
    ] {
        let record = extract(text);
        let speaker = record.quotes[0].speaker.as_ref().expect("a speaker");
        let entity = &record.entities[speaker.entity];
        assert_eq!(entity.kind, saywho::EntityKind::Other, "{text}");
        assert_eq!(entity.key, None, "{text}");
    }
}

#[test]
fn a_short_sentence_quoted_after_an_attributed_one_is_the_speaker_going_on() {
    check(&[
        (
            "Ann Lee was angry. \"It's over,\" she said. \"We're done.\"",
            &[
                ("It's over,", "direct", "Ann Lee", "said"),
                ("We're done.", "direct", "Ann Lee", "said"),
            ],
        ),
        // Not a short fragment inside a sentence, nor one in the next paragraph.
        (
            "Ann Lee was angry. \"It's over,\" she said. The \"new deal\" was dead.",
            &[("It's over,", "direct", "Ann Lee", "said")],
        ),
        (
            "Ann Lee was angry. \"It's over,\" she said.\n\nThe sign read \"Keep out.\"",
            &[("It's over,", "direct", "Ann Lee", "said")],
        ),
        // Nor one after a sentence of narration: a sign, a slogan.
        (
            "Ann Lee was angry. \"It's over,\" she said. Protesters held a banner. \"Keep out.\"",
            &[("It's over,", "direct", "Ann Lee", "said")],
        ),
    ]);
}

#[test]
fn a_share_of_people_speaking_is_a_group_not_a_person() {
    use saywho::EntityKind::{Other, Person};
    // A quantifier standing for people ("most", "a fifth", "some 82%") is no one whose gender
    // a count of quoted people could take, and no antecedent of "he" or "she".
    common::check_first_speaker(&[
        ("Most say it is impossible to gauge the damage yet.", "Most", Other),
        (
            "Prices rose again. Some said the increase would not last long.",
            "Some",
            Other,
        ),
        (
            "Nearly a fifth said they were too sick to work that day.",
            "a fifth",
            Other,
        ),
        (
            "But others claim the move will weaken the city as a financial centre.",
            "others",
            Other,
        ),
        (
            "Others claim the move will weaken the city as a financial centre.",
            "Others",
            Other,
        ),
        // One set off by a comma, with an apposition about one person, is that person.
        (
            "Two soldiers died. The third, a 23-year-old private, said he had been lucky.",
            "The third",
            Person,
        ),
    ]);
}

#[test]
fn a_cue_the_quotation_before_already_used() {
    check(&[(
        "“She has obligations at home,” the spokeswoman told Politico that Ann Lee plans to skip the convention.",
        &[
            ("She has obligations at home,", "direct", "the spokeswoman", "told"),
            (
                "Ann Lee plans to skip the convention",
                "indirect",
                "the spokeswoman",
                "told",
            ),
        ],
    )]);
}

#[test]
fn a_gerund_after_an_attribution() {
    check(&[(
        "“We will protect our investment,” Ann Lee said, adding that the board would meet next week.",
        &[
            ("We will protect our investment,", "direct", "Ann Lee", "said"),
            ("the board would meet next week", "indirect", "Ann Lee", "adding"),
        ],
    )]);
}

#[test]
fn a_gerund_clause_speaks_for_the_subject_not_the_object() {
    check(&[
        // The phrase after a verb that opens no clause of its own is its object.
        (
            "The company criticised the plan, saying it would cost jobs.",
            &[("it would cost jobs", "indirect", "The company", "saying")],
        ),
        (
            "The diocese issued a second statement on Tuesday, saying an investigation will look into the incident.",
            &[(
                "an investigation will look into the incident",
                "indirect",
                "The diocese",
                "saying",
            )],
        ),
        // A place set off by commas before the participle is no appositive subject.
        (
            "Hillary Clinton spoke in Tulsa, Oklahoma, arguing that the killings were intolerable.",
            &[("the killings were intolerable", "indirect", "Hillary Clinton", "arguing")],
        ),
        (
            "Mr Yushchenko was careful not to turn his back on Russia, which borders the country, saying he wanted good ties.",
            &[("he wanted good ties", "indirect", "Yushchenko", "saying")],
        ),
        // The object of a preposition is no subject; an opening clause ends at its comma.
        (
            "In a letter to the council the union criticised the plan, saying it would cost jobs.",
            &[("it would cost jobs", "indirect", "the union", "saying")],
        ),
        (
            "In his speech at the 2002 signing of the Infants Protection Act President George W. Bush praised the crew, saying the town owed them a great deal.",
            &[("the town owed them a great deal", "indirect", "George W. Bush", "saying")],
        ),
        (
            "As unrest escalated, Suncor concluded it could no longer stay, saying the risks were too high.",
            &[("the risks were too high", "indirect", "Suncor", "saying")],
        ),
        // A participle before the noun is no verb; a name's verb may take a bare noun.
        (
            "The newly elected mayor criticised the plan, saying that the figures were wrong.",
            &[("the figures were wrong", "indirect", "The newly elected mayor", "saying")],
        ),
        (
            "BC Hydro reminded customers to stock up, saying a packed freezer keeps food for two days.",
            &[("a packed freezer keeps food for two days", "indirect", "BC Hydro", "saying")],
        ),
        // A relative clause's comma opens no main clause.
        (
            "The minister rejected the claims, which critics raised in parliament, saying that the figures were wrong.",
            &[("the figures were wrong", "indirect", "The minister", "saying")],
        ),
        // After a quotation, the clause is its attribution.
        (
            "\"It will take time to recover,\" Mr. Ackman said at the time, adding that investors did not see its value.",
            &[
                ("It will take time to recover,", "direct", "Ackman", "said"),
                ("investors did not see its value", "indirect", "Ackman", "adding"),
            ],
        ),
    ]);
}

#[test]
fn content_ends_before_a_quotation_set_off_by_a_comma() {
    check(&[(
        "Ann Lee also said the economic turmoil was not mainly the fault of banks, “not by a long shot,” she added.",
        &[
            (
                "the economic turmoil was not mainly the fault of banks",
                "indirect",
                "Ann Lee",
                "said",
            ),
            ("not by a long shot,", "direct", "Ann Lee", "added"),
        ],
    )]);
}

#[test]
fn a_long_appositive_after_an_inverted_cue() {
    check(&[(
        "The margins are not good enough, said Howard Rubel, a senior analyst at Jefferies, who notes that sales grew.",
        &[("The margins are not good enough", "indirect", "Howard Rubel", "said")],
    )]);
}

#[test]
fn a_speakers_name_and_a_colon_set_out_what_they_say() {
    check(&[
        // A headline, and a transcript's turns in capitals, of people the article names.
        (
            "Pence: Flowers Will Not Be at the Debate Tomorrow\n\nMike Pence spoke to Chris Wallace on Sunday.\n\nWALLACE: Will she be there tomorrow night, sir?\n\nPENCE: She will not be attending the debate.",
            &[
                ("Flowers Will Not Be at the Debate Tomorrow", "direct", "Mike Pence", ""),
                ("Will she be there tomorrow night, sir?", "direct", "Chris Wallace", ""),
                ("She will not be attending the debate.", "direct", "Mike Pence", ""),
            ],
        ),
        // Labels that name nobody the article names, a letter's salutation, a place before a
        // list, and a subheading too short to be what someone said.
        (
            "Photo: The mayor at the opening of the new bridge\n\nDear Judy: Your letter came here this morning.\n\nIowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink.\n\nSanders: Win in a walk.\n\nJudy and Bernie Sanders went to Iowa.",
            &[],
        ),
        // A colon opening a paragraph, a lone quotation mark, a label with nothing after it.
        (": a b c d e f\n\n\"\n\nPence:\n\nMike Pence left.", &[]),
    ]);
}

#[test]
fn a_relative_pronoun_as_the_subject_of_what_was_said() {
    check(&[
        (
            "Voters disliked the donations, which Smith said were accompanied by leverage and favors.",
            &[("were accompanied by leverage and favors", "indirect", "Smith", "said")],
        ),
        // Not without a verb opening the content.
        ("Voters disliked the donations, which Smith described in detail.", &[]),
    ]);
}

#[test]
fn a_time_or_place_between_who_and_the_cue() {
    check(&[
        (
            "He met Mitch McConnell, who in 2010 said the goal was to beat Obama.",
            &[("the goal was to beat Obama", "indirect", "Mitch McConnell", "said")],
        ),
        // A time adverbial between the subject and the cue ("this month", "last week").
        (
            "Wells Fargo this month announced it would drop the incentives.",
            &[("it would drop the incentives", "indirect", "Wells Fargo", "announced")],
        ),
        (
            "Germany wants the embargo lifted. Mr Straw last week said it was too early.",
            &[("it was too early", "indirect", "Straw", "said")],
        ),
        (
            "Mr Blair, who last year denied he planned to convert, said he would not discuss it.",
            &[
                ("he planned to convert", "indirect", "Blair", "denied"),
                ("he would not discuss it", "indirect", "Blair", "said"),
            ],
        ),
        (
            "The rooms were small. The Trump campaign on Tuesday responded that it had moved to larger quarters.",
            &[(
                "it had moved to larger quarters",
                "indirect",
                "The Trump campaign",
                "responded",
            )],
        ),
        (
            "An annual economic survey released on Friday said growth would slow next year.",
            &[(
                "growth would slow next year",
                "indirect",
                "An annual economic survey",
                "said",
            )],
        ),
        // A comparison is not such a phrase: "others" stays the subject it was.
        (
            "He met Jane Roe, who like others said the plan would fail.",
            &[("the plan would fail", "indirect", "others", "said")],
        ),
    ]);
}

#[test]
fn a_noun_of_time_after_a_cue_is_content() {
    // "week", "month", "year", "weekend" end time adverbials before a cue; after one they stay
    // in the content ("said weekend traffic"), unlike "said yesterday the plan".
    check(&[(
        "The roads were busy. Ann Lee said weekend traffic was heavy on the highway.",
        &[(
            "weekend traffic was heavy on the highway",
            "indirect",
            "Ann Lee",
            "said",
        )],
    )]);
}

#[test]
fn a_part_of_the_day_after_a_cue_is_a_time_not_content() {
    check(&[
        (
            "Ann Lee said Friday afternoon the bridge would reopen within a week.",
            &[("the bridge would reopen within a week", "indirect", "Ann Lee", "said")],
        ),
        // Nor is the time the content of a report that comes before its speaker.
        (
            "The plan is an insult to every taxpayer in the city, council members said Friday \
             afternoon, as they left the chamber.",
            &[(
                "The plan is an insult to every taxpayer in the city",
                "indirect",
                "council members",
                "said",
            )],
        ),
        // After no day's name, a noun of the day stays in the content.
        (
            "Ann Lee said morning traffic was heavy on the highway.",
            &[(
                "morning traffic was heavy on the highway",
                "indirect",
                "Ann Lee",
                "said",
            )],
        ),
    ]);
}

#[test]
fn questioning_reports_a_question() {
    check(&[
        (
            "At a rally in Florida, Clinton questioned what kind of person gets up at 3 a.m. to send tweets.",
            &[(
                "what kind of person gets up at 3 a.m. to send tweets",
                "indirect",
                "Clinton",
                "questioned",
            )],
        ),
        (
            "Delegates questioned whether Cruz could turn back on a pledge he had made.",
            &[(
                "whether Cruz could turn back on a pledge he had made",
                "indirect",
                "Delegates",
                "questioned",
            )],
        ),
        // An object is questioned, nothing reported; and the noun is no cue.
        ("Police questioned the driver for two hours on Tuesday.", &[]),
        // "what" and a naming verb: an object, no question.
        ("Critics questioned what they called a lack of transparency.", &[]),
        (
            "Heading into the year, there are open questions that will determine how the story plays out.",
            &[],
        ),
        // A noun before a verb is its subject ("question is", "claim was").
        (
            "It is this: that this terrible dumb question is its own reply; that it is not the \
             sentence of death we think it, but a hope.",
            &[],
        ),
    ]);
}

#[test]
fn those_questioned_speak() {
    check(&[
        (
            "Many of those questioned said they had an emotional connection to their phone.",
            &[(
                "they had an emotional connection to their phone",
                "indirect",
                "Many of those questioned",
                "said",
            )],
        ),
        (
            "Most of those asked said they would vote for the plan.",
            &[(
                "they would vote for the plan",
                "indirect",
                "Most of those asked",
                "said",
            )],
        ),
        (
            "Those questioned said the service was poor.",
            &[("the service was poor", "indirect", "Those questioned", "said")],
        ),
        // A cue after "said" is no participle of a subject.
        (
            "Robert Wisner, a lawyer in Toronto, said disputes between companies and governments are \
             increasingly resolved under investment treaties.",
            &[(
                "disputes between companies and governments are increasingly resolved under investment treaties",
                "indirect",
                "Robert Wisner",
                "said",
            )],
        ),
    ]);
}

#[test]
fn a_time_adverbial_is_never_the_speaker() {
    for text in [
        "Other reports this week said the German suitor will offer to run the market.",
        "The bank earlier this year said it would get rid of these incentives.",
    ] {
        let r = extract(text);
        let speakers: Vec<&str> = r
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_ref())
            .map(|s| s.name.as_str())
            .collect();
        assert!(
            speakers.iter().all(|s| !s.contains("week") && !s.contains("year")),
            "{text}: {speakers:?}"
        );
    }
}

#[test]
fn a_postmodified_speaker_after_an_inverted_cue() {
    check(&[
        (
            "The deal was close to being signed, said a source in the room.",
            &[("The deal was close to being signed", "indirect", "a source", "said")],
        ),
        (
            "The deal was close to being signed, said two sources familiar with the talks.",
            &[("The deal was close to being signed", "indirect", "two sources", "said")],
        ),
        // Not "Republicans said one GOP source in the room".
        (
            "The refusal did not go over well with Republicans, and the meeting deteriorated from there, said one GOP source in the room.",
            &[(
                "The refusal did not go over well with Republicans, and the meeting deteriorated from there",
                "indirect",
                "one GOP source",
                "said",
            )],
        ),
        (
            "Even India has more cultural resonance, says political scientist Dossym Satpayev in Almaty.",
            &[("Even India has more cultural resonance", "indirect", "Dossym Satpayev", "says")],
        ),
        // The comma that closes the subject's appositive is no inverted cue's: the clause after
        // "said" is the content, though it reads like a postmodified description.
        (
            "Joe Rees, a commissioner, said the photo misled voters.",
            &[("the photo misled voters", "indirect", "Joe Rees", "said")],
        ),
        // An object with a phrase after it is no inverted speaker.
        (
            "Eisenhower and his future secretary of State, John Foster Dulles, criticized President Truman's strategy of containing the Soviet Union.",
            &[],
        ),
        (
            "Sanders, who had wanted another debate, criticized Clinton on two fronts.",
            &[],
        ),
        (
            "China Central Television (CCTV), the state broadcaster, claims an audience of more than a billion people.",
            &[],
        ),
    ]);
}

#[test]
fn subjects_with_a_prepositional_phrase() {
    check(&[
        (
            "Ann Lee of the Vermont Senate said the vote would come next week.",
            &[("the vote would come next week", "indirect", "Ann Lee", "said")],
        ),
        // A cue word that is a noun after the phrase, or a phrase with no object, is no report.
        (
            "The notice of civil claim also includes statistics showing that fights decreased.",
            &[],
        ),
        (
            "Four colleagues from states where Trump is popular lost their elections.",
            &[],
        ),
    ]);
}

#[test]
fn questions_are_reported_by_question_verbs_only() {
    check(&[
        (
            "Ann Lee then asked whether it was out of the question for the senator to run.",
            &[(
                "whether it was out of the question for the senator to run",
                "indirect",
                "Ann Lee",
                "asked",
            )],
        ),
        ("Ann Lee did not say when the plant would close.", &[]),
    ]);
}

#[test]
fn a_description_with_a_prepositional_phrase_is_the_speaker_phrase() {
    // The phrase found is the head, "Sources", not "the talks" (checked on the engine's
    // layers; `groups_and_descriptions_speak` checks the speaker in the record).
    let text = "Sources familiar with the talks said the deal was close.";
    let doc = Engine::new().analyze(text).expect("analyses");
    assert_eq!(doc.quotes.len(), 1);
    let np = doc.quotes[0].speaker.expect("a speaker phrase");
    let (a, b) = doc.tok_span(np.tok_start, np.tok_end);
    assert_eq!(&text[a as usize..b as usize], "Sources");
}

#[test]
fn direct_quotes_in_odd_dress() {
    check(&[
        // Single marks around a short quotation with an apostrophe inside.
        (
            "'It's over,' Ann Lee said.",
            &[("It's over,", "direct", "Ann Lee", "said")],
        ),
        // A quotation signed after a dash, with no verb.
        (
            "“We will win this fight.” — Commissioner Jane Roe",
            &[("We will win this fight.", "direct", "Jane Roe", "")],
        ),
        // With a description after the name; not when a verb makes it a sentence.
        (
            "“We will win this fight.” — Jane Roe, commissioner of the district",
            &[("We will win this fight.", "direct", "Jane Roe", "")],
        ),
        ("“We will win this fight.” — Jane Roe, who was elected in May", &[]),
        // Signed with the horizontal bar, one after another.
        (
            "“He represents our greatest shame.” ― Sonya Herridge\n“He is ignorant of our culture.” ― Pamela Padilla",
            &[
                ("He represents our greatest shame.", "direct", "Sonya Herridge", ""),
                ("He is ignorant of our culture.", "direct", "Pamela Padilla", ""),
            ],
        ),
        // Set out as a paragraph of its own after the line that introduces it, which is no
        // subhead for being short and ending in a colon.
        (
            "Ann Lee said:\n\n“We will rebuild the bridge by next year.”",
            &[("We will rebuild the bridge by next year.", "direct", "Ann Lee", "said")],
        ),
        (
            "Prime Minister Justin Trudeau said in a statement:\n\n“We will rebuild the bridge.”",
            &[("We will rebuild the bridge.", "direct", "Justin Trudeau", "said")],
        ),
        // A headline's capitalised verb, or a wh-word announcing what follows, keeps the line a
        // subhead: its capitals are no name, and nobody is found to speak.
        (
            "The vote is today.\n\nWhat Boris Johnson Said:\n\n“We will win this vote and then we will govern.”",
            &[("We will win this vote and then we will govern.", "direct", "", "")],
        ),
        (
            "The vote is today.\n\nWhat the minister said:\n\n“We will win this vote and then we will govern.”",
            &[("We will win this vote and then we will govern.", "direct", "", "")],
        ),
        // Without a verb of saying, the line before is the writer's, not an attribution.
        (
            "The vote is today.\n\nIt rests on faith in Obama's word:\n\n“We will win this vote and then we will govern.”",
            &[("We will win this vote and then we will govern.", "direct", "", "")],
        ),
    ]);
}

#[test]
fn an_interrupted_clause_is_two_pieces_of_one_utterance() {
    check(&[
        (
            "The plan, Ann Lee says, will fail.",
            &[
                ("The plan", "indirect", "Ann Lee", "says"),
                ("will fail", "indirect", "Ann Lee", "says"),
            ],
        ),
        (
            "Also charged, police said, was a 34-year-old man from Toronto.",
            &[
                ("Also charged", "indirect", "police", "said"),
                ("was a 34-year-old man from Toronto", "indirect", "police", "said"),
            ],
        ),
    ]);
    let r = extract("The plan, Ann Lee says, will fail.");
    assert_eq!(r.quotes[0].group, r.quotes[1].group);
}

#[test]
fn objects_that_are_not_speech() {
    check(&[
        ("Ann Lee announced a $2M fund for schools.", &[]),
        (
            "Ann Lee announced a man was arrested.",
            &[("a man was arrested", "indirect", "Ann Lee", "announced")],
        ),
        // An indefinite pronoun is the object, unless its own verb follows.
        ("Ann Lee said nothing about the plan during the meeting.", &[]),
        ("Ann Lee must have said something to redeem herself.", &[]),
        (
            "Ann Lee said nothing has changed since May.",
            &[("nothing has changed since May", "indirect", "Ann Lee", "said")],
        ),
        (
            "Ann Lee said nothing new had emerged from the talks.",
            &[("nothing new had emerged from the talks", "indirect", "Ann Lee", "said")],
        ),
        (
            "Ann Lee said nothing in the report suggested fraud.",
            &[("nothing in the report suggested fraud", "indirect", "Ann Lee", "said")],
        ),
    ]);
}

#[test]
fn a_quoted_label_is_what_was_said() {
    check(&[
        // One quoted word after a labelling verb and its object: the label, not a scare quote.
        (
            "Ann Lee called half of the senator's supporters \"deplorables.\"",
            &[(
                "half of the senator's supporters \"deplorables.\"",
                "mixed",
                "Ann Lee",
                "called",
            )],
        ),
        (
            "Ann Lee called the suggestion \"disgraceful\".",
            &[("the suggestion \"disgraceful\"", "mixed", "Ann Lee", "called")],
        ),
        // The label ends what was said when a conjunction and a verb follow it.
        (
            "Ann Lee called the sentence \"outrageous\" and said her client was innocent.",
            &[
                ("the sentence \"outrageous\"", "mixed", "Ann Lee", "called"),
                ("her client was innocent", "indirect", "Ann Lee", "said"),
            ],
        ),
        (
            "Ann Lee called the senator a \"lightweight\".",
            &[("the senator a \"lightweight\"", "mixed", "Ann Lee", "called")],
        ),
        // "call on" asks; and a quoted word followed by an unquoted label is a scare quote.
        ("The union called on the council to appoint \"roving\" inspectors.", &[]),
        ("Critics called the so-called \"reform\" a failure.", &[]),
        // "call" in its other senses: the quoted word is a noun of the object itself.
        ("Ann Lee called the \"helpline\" but nobody answered.", &[]),
        ("Ann Lee called a \"summit\" of regional leaders.", &[]),
        ("Ann Lee called his \"fixer\" after the meeting.", &[]),
        ("The report called attention to the \"crisis\".", &[]),
    ]);
}

#[test]
fn a_pull_quote_is_signed_by_the_name_ending_its_paragraph() {
    check(&[
        (
            "The storm hit on Thursday.\n\nIt's very bad for our seniors if they have no backup. Rod Peters, Lake Cowichan mayor\n\nCrews worked all night.",
            &[(
                "It's very bad for our seniors if they have no backup.",
                "direct",
                "Rod Peters",
                "",
            )],
        ),
        (
            "The board met in May.\n\nI think he has a long record of violence. Niagara County District Attorney Caroline Wojtaszek\n\nThe hearing ended.",
            &[(
                "I think he has a long record of violence.",
                "direct",
                "Caroline Wojtaszek",
                "",
            )],
        ),
        // Not the writer's own sentences (no first or second person; a report of their own)
        // ended by a byline, a caption's credit or a list of names.
        (
            "The board met in May.\n\nHe has a long record of violence. Niagara County District Attorney Caroline Wojtaszek\n\nThe hearing ended.",
            &[],
        ),
        (
            "The council voted on Tuesday. Mayor Jane Roe said the vote was a relief. The budget takes effect in April. Sarah Lee, Staff Reporter",
            &[("the vote was a relief", "indirect", "Jane Roe", "said")],
        ),
        (
            "The town met.\n\nWe will get a new plant next year after a decade of delays. By John Smith\n\nCrews worked.",
            &[],
        ),
        // A common word the name finder joined to the name ("Copyright", "Courtesy").
        (
            "The town met.\n\nWe will get a new plant next year after a decade of delays. Copyright John Smith\n\nCrews worked.",
            &[],
        ),
        (
            "The town met.\n\nWe will get a new plant next year after a decade of delays. Courtesy Jane Roe\n\nCrews worked.",
            &[],
        ),
        // A credit of one word or of an agency, or a name glued to the stop, signs no quote.
        (
            "The storm hit on Thursday.\n\nSocial media video shows the aftermath of the disaster. Reuters\n\nCrews worked all night.",
            &[],
        ),
        (
            "The storm hit on Thursday.\n\nA video shows the aftermath of the disaster. The Canadian Press\n\nCrews worked all night.",
            &[],
        ),
    ]);
}

#[test]
fn a_report_in_the_passive_is_its_agents() {
    check(&[
        (
            "It was announced by the ministry that the border would reopen on Monday.",
            &[(
                "the border would reopen on Monday",
                "indirect",
                "the ministry",
                "announced",
            )],
        ),
        // Without an agent, nobody is named as the source: no quote.
        ("It was announced that the border would reopen on Monday.", &[]),
        // Nor a passive with another subject, or an agent that is no speaker's report.
        ("He was told by his lawyer to stay home.", &[]),
    ]);
}

#[test]
fn a_quoted_word_a_reporting_verb_labels_with_as_is_what_was_said() {
    check(&[
        (
            "Ann Lee described the plan as \"reckless\".",
            &[("the plan as \"reckless\"", "mixed", "Ann Lee", "described")],
        ),
        // It ends with the label; the second quoted word is no label of its own.
        (
            "Ann Lee described the plan as \"reckless\" and \"doomed\".",
            &[("the plan as \"reckless\"", "mixed", "Ann Lee", "described")],
        ),
        // No object before "as", another verb between, or a participle's speaker: a scare
        // quote (in reported speech, part of it).
        ("The plan was described as \"reckless\".", &[]),
        (
            "Ann Lee argued that the plan should be seen as \"reckless\".",
            &[(
                "the plan should be seen as \"reckless\"",
                "indirect",
                "Ann Lee",
                "argued",
            )],
        ),
        (
            "Ann Lee issued a statement through her club describing the story as \"flattering\".",
            &[],
        ),
        // A verb reporting a bare clause labels nothing; the clause goes on past the word.
        (
            "Jones said the bill as \"written\" would hurt farmers across the state.",
            &[(
                "the bill as \"written\" would hurt farmers across the state",
                "indirect",
                "Jones",
                "said",
            )],
        ),
    ]);
}

#[test]
fn two_reports_in_one_sentence_are_two_quotes() {
    check(&[
        (
            "Ann Lee acknowledged that the candidate misspoke but noted that experts disagree on the matter.",
            &[
                ("the candidate misspoke", "indirect", "Ann Lee", "acknowledged"),
                ("experts disagree on the matter", "indirect", "Ann Lee", "noted"),
            ],
        ),
        (
            "Ann Lee reported that the group spent $1.1 million on ads, while a new group started by donors spent less.",
            &[("the group spent $1.1 million on ads", "indirect", "Ann Lee", "reported")],
        ),
    ]);
}

#[test]
fn verbs_of_communication_added_from_the_literature() {
    check(&[
        (
            "The protesters chanted that the mayor had to resign now.",
            &[("the mayor had to resign now", "indirect", "The protesters", "chanted")],
        ),
        (
            "Ann Lee opined that the court had gone too far.",
            &[("the court had gone too far", "indirect", "Ann Lee", "opined")],
        ),
    ]);
}

#[test]
fn requests_reported_as_hearer_and_infinitive() {
    check(&[
        (
            "Ann Lee urged people to send a message to the government.",
            &[(
                "people to send a message to the government",
                "indirect",
                "Ann Lee",
                "urged",
            )],
        ),
        (
            "Ann Lee warned residents to stay away from the river banks.",
            &[(
                "residents to stay away from the river banks",
                "indirect",
                "Ann Lee",
                "warned",
            )],
        ),
    ]);
}

#[test]
fn an_abbreviation_inside_an_appositive() {
    check(&[(
        "Jonathon Maguire, a researcher at St. Michael's Hospital in Toronto, said the plan may encourage more people to drink.",
        &[("the plan may encourage more people to drink", "indirect", "Jonathon Maguire", "said")],
    )]);
}

#[test]
fn posts_quoted_as_blocks() {
    check(&[
        (
            "Damage is unprecedented with hundreds of trees on power lines. pic.twitter.com/W0IkInjjSH — BC Hydro (@bchydro) December 22, 2018",
            &[("Damage is unprecedented with hundreds of trees on power lines.", "direct", "BC Hydro", "")],
        ),
        // A dash and a name without a handle is no signature of a post.
        ("Damage is unprecedented with hundreds of trees down — BC Hydro crews are out.", &[]),
    ]);
}

#[test]
fn short_second_parts_and_postmodified_speakers_after_the_content() {
    check(&[
        (
            "Too often, Ann Lee says, they get it.",
            &[
                ("Too often", "indirect", "Ann Lee", "says"),
                ("they get it", "indirect", "Ann Lee", "says"),
            ],
        ),
        // A lead-in of a conjunction alone is not what was said.
        (
            "And, Ann Lee says, they get it.",
            &[("they get it", "indirect", "Ann Lee", "says")],
        ),
        (
            "The group fled the building, a security professional present during the attack said.",
            &[(
                "The group fled the building",
                "indirect",
                "a security professional",
                "said",
            )],
        ),
    ]);
}

#[test]
fn more_group_subjects() {
    check(&[
        (
            "Social conservatives say the bills are necessary to protect charities.",
            &[(
                "the bills are necessary to protect charities",
                "indirect",
                "Social conservatives",
                "say",
            )],
        ),
        (
            "Each side said the other would be responsible for the delay.",
            &[(
                "the other would be responsible for the delay",
                "indirect",
                "Each side",
                "said",
            )],
        ),
        (
            "Roger Wicker (R-Miss.) said he expects Cruz to play a major role.",
            &[(
                "he expects Cruz to play a major role",
                "indirect",
                "Roger Wicker",
                "said",
            )],
        ),
    ]);
    // "42% say": the share is the speaker phrase (coref leaves it unresolved).
    let text = "On economic issues, 42% say they are liberal.";
    let doc = Engine::new().analyze(text).expect("analyses");
    let np = doc.quotes[0].speaker.expect("a speaker phrase");
    let (a, b) = doc.tok_span(np.tok_start, np.tok_end);
    assert_eq!(&text[a as usize..b as usize], "42%");
}

#[test]
fn fractions_and_trades_as_subjects() {
    check(&[
        (
            "Nearly a third say they don't know.",
            &[("they don't know", "indirect", "a third", "say")],
        ),
        (
            "In the zone, Chinese traders also say business is poor.",
            &[("business is poor", "indirect", "Chinese traders", "say")],
        ),
    ]);
}

#[test]
fn two_names_in_apposition_to_a_description() {
    check(&[(
        "His defence attorneys, Charles Glynn and Richard Jones, have said they might seek a change of venue.",
        &[("they might seek a change of venue", "indirect", "Richard Jones", "said")],
    )]);
}

#[test]
fn an_inverted_speaker_ending_in_a_title_period_does_not_panic() {
    // The speaker phrase takes the sentence's last period ("a spokesman."): the part after it
    // is empty, and the next sentence must not be read as the second half.
    let r = extract("It was an issue the minister wanted to progress, said a spokesman. But he played it down.");
    assert_eq!(r.quotes.len(), 1);
    assert_eq!(r.quotes[0].text, "It was an issue the minister wanted to progress");
}

#[test]
fn merged_reports_are_split() {
    check(&[
        (
            "Though Justice Dunphy said he was loath to penalize a charity, he believed the station had acted improperly.",
            &[("he was loath to penalize a charity", "indirect", "Dunphy", "said")],
        ),
        (
            "Jeff Traeger said unionization is overdue in the restaurant industry, and added he doesn't think customers will mind.",
            &[
                ("unionization is overdue in the restaurant industry", "indirect", "Jeff Traeger", "said"),
                ("he doesn't think customers will mind", "indirect", "Jeff Traeger", "added"),
            ],
        ),
    ]);
}

#[test]
fn a_source_of_according_to_that_is_no_person_is_never_he_or_she() {
    // GAP development-792: "local legend" speaks, but "his" is Berney's.
    let r = extract(
        "Berney was created a baronet in 1791. According to local legend, like his ancestors, \
         Sir Berney is still around.",
    );
    assert_eq!(
        r.quotes[0].speaker.as_ref().map(|s| s.name.as_str()),
        Some("local legend")
    );
    let legend = r.entities.iter().find(|e| e.name == "local legend").expect("an entity");
    assert_eq!(legend.kind.to_string(), "other");
    assert_eq!(legend.mentions.len(), 1, "{:?}", legend.mentions);
    // A role noun still makes the source a person.
    let r = extract("The plan will fail, according to a senior aide. He spoke on condition of anonymity.");
    let aide = r
        .entities
        .iter()
        .find(|e| e.name == "a senior aide")
        .expect("an entity");
    assert_eq!(aide.kind.to_string(), "person");
}

#[test]
fn a_quotation_ending_its_sentence_leaves_the_next_cue_alone() {
    check(&[
        // The fragment's period ends the sentence: "Jones said" opens a report of its own.
        (
            "Ann Smith described the plan as \"reckless and unfunded.\" Bob Jones said it was a disaster.",
            &[
                (
                    "the plan as \"reckless and unfunded.\"",
                    "mixed",
                    "Ann Smith",
                    "described",
                ),
                ("it was a disaster", "indirect", "Bob Jones", "said"),
            ],
        ),
        // The cue still closes a quotation when nothing but the speaker follows it.
        (
            "\"We will fight this in court.\" Ann Smith said.",
            &[("We will fight this in court.", "direct", "Ann Smith", "said")],
        ),
    ]);
}

#[test]
fn an_unattributed_quotation_takes_the_nearest_attribution_before_it() {
    // The second quotation is the columnist's; the third follows Lee's report, not the
    // columnist's words.
    let r = extract(
        "\"Nothing could be worse for the city,\" a local columnist wrote in 1954. \"We wish them \
         well.\" Ann Lee writes that the council agreed. The law banned \"anyone unsuited to the \
         climate of the province.\"",
    );
    let speakers: Vec<_> = r
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            Some("a local columnist"),
            Some("a local columnist"),
            Some("Ann Lee"),
            Some("Ann Lee")
        ]
    );
}

#[test]
fn a_gerund_cue_after_a_fragments_closing_mark_ends_the_fragment() {
    check(&[(
        "Ann Lee said she is a \"long way from making a decision,\" noting that she has served in public office for 43 years.",
        &[
            ("she is a \"long way from making a decision,\"", "mixed", "Ann Lee", "said"),
            ("she has served in public office for 43 years", "indirect", "Ann Lee", "noting"),
        ],
    )]);
}

#[test]
fn a_report_inside_a_concessive_clause_ends_with_the_clause() {
    check(&[
        (
            "Though Ann Lee said she was loath to penalize the station, she ordered it to pay costs.",
            &[("she was loath to penalize the station", "indirect", "Ann Lee", "said")],
        ),
        // The main clause's verb does not report the subordinate clause.
        (
            "While Bob Smith said the plan would work, Ottawa rejected it.",
            &[("the plan would work", "indirect", "Bob Smith", "said")],
        ),
    ]);
}

#[test]
fn an_abbreviations_period_before_the_cue_ends_no_subject() {
    check(&[
        (
            "The U.N. said it would increase oversight as well.",
            &[("it would increase oversight as well", "indirect", "U.N", "said")],
        ),
        (
            "Acme Inc. said it would cut 200 jobs in the spring.",
            &[("it would cut 200 jobs in the spring", "indirect", "Acme Inc", "said")],
        ),
        // A party and state in parentheses, the state an initialism after a hyphen.
        (
            "Rep. Trey Gowdy (R-S.C.) said the claim smacked of hypocrisy.",
            &[("the claim smacked of hypocrisy", "indirect", "Trey Gowdy", "said")],
        ),
        // A sentence that ends with an abbreviation: the next sentence's subject speaks.
        (
            "The plan failed in the U.S. Officials said it was dead.",
            &[("it was dead", "indirect", "Officials", "said")],
        ),
    ]);
}

#[test]
fn that_before_a_verb_is_the_subject_of_what_was_said() {
    check(&[
        (
            "Ann Lee said that was not her view.",
            &[("that was not her view", "indirect", "Ann Lee", "said")],
        ),
        (
            "Ann Lee said that she would go.",
            &[("she would go", "indirect", "Ann Lee", "said")],
        ),
    ]);
}

#[test]
fn adverbs_prepositions_and_means_between_the_parts() {
    check(&[
        // An adverb in -ly between the auxiliary and the cue.
        (
            "Justin Trudeau has publicly said that the carbon tax is the best way to cut emissions.",
            &[(
                "the carbon tax is the best way to cut emissions",
                "indirect",
                "Justin Trudeau",
                "said",
            )],
        ),
        // A conjunction in the object of the subject's preposition.
        (
            "Two experts on housing and transit said the plan would not work.",
            &[("the plan would not work", "indirect", "Two experts", "said")],
        ),
        // After a preposition a cue word is a noun: "email" does not end the search for "that".
        (
            "Jessica Ditto said via email that the campaign would defend itself.",
            &[("the campaign would defend itself", "indirect", "Jessica Ditto", "said")],
        ),
        // "by saying": the means of the subject's act.
        (
            "President Barack Obama responded to a mother by saying his refusal was a manufactured issue.",
            &[(
                "his refusal was a manufactured issue",
                "indirect",
                "Barack Obama",
                "saying",
            )],
        ),
        // "The family said" keeps its noun in -ly.
        (
            "Her family said the plan would not work.",
            &[("the plan would not work", "indirect", "Her family", "said")],
        ),
    ]);
}

#[test]
fn explaining_and_revealing_how_or_why() {
    check(&[
        (
            "Retired general Carter Ham explained why he backs Trump over Hillary Clinton.",
            &[(
                "why he backs Trump over Hillary Clinton",
                "indirect",
                "Carter Ham",
                "explained",
            )],
        ),
        (
            "The report describes how the agency lost track of the money over three years.",
            &[(
                "how the agency lost track of the money over three years",
                "indirect",
                "The report",
                "describes",
            )],
        ),
        // A refusal to say reports nothing, with these verbs too.
        ("The minister would not explain why the plant closed last year.", &[]),
    ]);
}

#[test]
fn a_description_with_a_relative_clause_without_who() {
    check(&[
        (
            "In her favor, all the experts I interviewed said her proposals were more detailed.",
            &[("her proposals were more detailed", "indirect", "the experts", "said")],
        ),
        (
            "The people we spoke to said the plan would not work.",
            &[("the plan would not work", "indirect", "The people", "said")],
        ),
        (
            "Officials I talked with said the talks had stalled.",
            &[("the talks had stalled", "indirect", "Officials", "said")],
        ),
    ]);
}

#[test]
fn a_title_cased_headline_reports_with_a_verb_of_saying() {
    check(&[
        (
            "Bernie Sanders Says He Has Already Started Writing His Address.\n\nThe senator spoke in Iowa on Monday.",
            &[(
                "He Has Already Started Writing His Address",
                "indirect",
                "Bernie Sanders",
                "Says",
            )],
        ),
        // The report first, then the name and the verb ending the line.
        (
            "Trump Could Address Clean Energy, Lindsey Graham Says\n\nSen. Lindsey Graham spoke in Iowa on Monday.",
            &[("Trump Could Address Clean Energy", "indirect", "Lindsey Graham", "Says")],
        ),
        (
            "Clean Energy, Lindsey Graham Says, Is Coming\n\nThe senator spoke in Iowa on Monday.",
            &[],
        ),
        // A note penned and a convention told are objects, not reported speech.
        (
            "John Legend Pens Heartfelt Note to Chrissy Teigen\n\nThe singer spoke in Iowa on Monday.",
            &[],
        ),
        (
            "Howard Dean Tells Democratic Convention About The Crisis.\n\nThe governor spoke in Iowa on Monday.",
            &[],
        ),
    ]);
}

#[test]
fn an_age_names_a_person() {
    // "the 45-year-old", "my two-year-old" (lexicons/en/affixes.tsv `age`): a description of a
    // person, which may be someone named before.
    check(&[
        (
            "Ann Lee spoke first. “We will win,” the 45-year-old said.",
            &[("We will win,", "direct", "Ann Lee", "said")],
        ),
        (
            "I made up a narration. “No, that’s the mom,” says my two-year-old.",
            &[("No, that’s the mom,", "direct", "my two-year-old", "says")],
        ),
        (
            "Phil Spector is free on bail. The 64-year-old has denied the killing, saying the actress shot herself.",
            &[("the actress shot herself", "indirect", "Phil Spector", "saying")],
        ),
    ]);
}

#[test]
fn reported_speech_before_an_inverted_cue_and_a_name_with_an_initial() {
    check(&[(
        "Moves against the Voice of America were a worrying sign of pressure on the press, said Jeffrey N. Trimble, a senior official with the Broadcasting Board.",
        &[(
            "Moves against the Voice of America were a worrying sign of pressure on the press",
            "indirect",
            "Jeffrey N. Trimble",
            "said",
        )],
    )]);
}

#[test]
fn a_description_whose_head_is_a_noun_for_a_person() {
    check(&[
        // Before a colon, as before reported content.
        (
            "Another person said: “We will win this fight for sure.”",
            &[("We will win this fight for sure.", "direct", "Another person", "said")],
        ),
        // A capitalised modifier: the body the person belongs to, not the speaker.
        (
            "They spent a lot. “Nobody cares about money,” the RNC member said.",
            &[("Nobody cares about money,", "direct", "the RNC member", "said")],
        ),
        // A bare form after a singular head is a noun, not its verb.
        (
            "The great American plumber joke, that many-branched evergreen, was planted at this time.",
            &[],
        ),
    ]);
}

#[test]
fn a_gerund_before_a_quotation_speaks_for_the_reporting_verb_before_it() {
    check(&[
        (
            "Sara Lind said the company faced tough choices, adding: “This has been a difficult year for all of us.”",
            &[
                ("the company faced tough choices", "indirect", "Sara Lind", "said"),
                ("This has been a difficult year for all of us.", "direct", "Sara Lind", "adding"),
            ],
        ),
        // Not the phrase before the sentence's first comma ("the BBC").
        (
            "In a letter to staff seen by the BBC, Sara Lind said the company faced tough choices, adding: “This has been a difficult year for all of us.”",
            &[
                ("the company faced tough choices", "indirect", "Sara Lind", "said"),
                ("This has been a difficult year for all of us.", "direct", "Sara Lind", "adding"),
            ],
        ),
        // The verb's object is not its subject.
        (
            "Ms Jones, whose son was killed in the crash, criticised the police, saying: “They failed us all.”",
            &[("They failed us all.", "direct", "Jones", "saying")],
        ),
        // "comments" is a noun after a possessive, no verb of saying: its possessor says nothing.
        (
            "Ryan's campaign shrugged off Trump's comments, telling reporters: “Nobody on the team has ever asked for an endorsement.”",
            &[(
                "Nobody on the team has ever asked for an endorsement.",
                "direct",
                "Ryan's campaign",
                "telling",
            )],
        ),
    ]);
}

#[test]
fn a_subject_set_off_by_a_relative_clause_is_no_inverted_content() {
    check(&[
        ("Ms Jones, whose son was killed in the crash, criticised the police.", &[]),
        ("Supporters of the bill, including Senator Warren, praised the vote.", &[]),
        // A clause before the relative one is content, reported by an inverted cue.
        (
            "The department suffered from a high turnover of staff, which had interfered with its work, said the committee.",
            &[(
                "The department suffered from a high turnover of staff, which had interfered with its work",
                "indirect",
                "the committee",
                "said",
            )],
        ),
        // Nor a clause opening the sentence, or a subject that is no name and no phrase for people.
        (
            "The hospital, which serves 300,000 people, is understaffed, leaving patients at risk, said the report.",
            &[(
                "The hospital, which serves 300,000 people, is understaffed, leaving patients at risk",
                "indirect",
                "the report",
                "said",
            )],
        ),
        (
            "The pound fell sharply against the dollar, hitting importers hard, said analysts.",
            &[(
                "The pound fell sharply against the dollar, hitting importers hard",
                "indirect",
                "analysts",
                "said",
            )],
        ),
        (
            "In October, mobile phone users grew by 1.4 million, overtaking the number of landlines, said the regulator.",
            &[(
                "In October, mobile phone users grew by 1.4 million, overtaking the number of landlines",
                "indirect",
                "the regulator",
                "said",
            )],
        ),
    ]);
}

#[test]
fn a_weekday_after_the_subjects_participle() {
    check(&[
        (
            "A new poll released Friday found that 70 percent of voters would back the plan.",
            &[(
                "70 percent of voters would back the plan",
                "indirect",
                "A new poll",
                "found",
            )],
        ),
        // Not a relative clause's verb: the quotation stays, if with no speaker found.
        (
            "The team that played Monday said that they were tired after the long trip.",
            &[("they were tired after the long trip", "indirect", "", "said")],
        ),
        (
            "A court document filed Thursday says that the manager will not be prosecuted.",
            &[(
                "the manager will not be prosecuted",
                "indirect",
                "A court document",
                "says",
            )],
        ),
    ]);
}

#[test]
fn a_cue_after_a_quotation_with_its_hearer() {
    check(&[
        (
            "Swank praised him. “I bow down to you,” Swank said to the 74-year-old Eastwood.",
            &[("I bow down to you,", "direct", "Swank", "said")],
        ),
        // After a quotation that ended its sentence, "written to" is news of its own.
        (
            "Ms Brankin said: “We need to talk to the hospital and we need to reflect on this.” Ms Sturgeon has written to Mr McConnell asking for clarification.",
            &[(
                "We need to talk to the hospital and we need to reflect on this.",
                "direct",
                "Brankin",
                "said",
            )],
        ),
        (
            "The minister said: “We have done nothing wrong!” Labour leader Keir Starmer wrote to the prime minister demanding an inquiry.",
            &[("We have done nothing wrong!", "direct", "The minister", "said")],
        ),
        // A question's attribution after it, with a titled name: one sentence.
        (
            "They met. “Will we win this?” Mr. Trump asked.",
            &[("Will we win this?", "direct", "Trump", "asked")],
        ),
        // After `."`, a titled name's sentence is its own.
        (
            "Smith said: “We will win.” Mr. Jones disagreed and said that they would lose.",
            &[
                ("We will win.", "direct", "Smith", "said"),
                ("they would lose", "indirect", "Jones", "said"),
            ],
        ),
        // "said to" before a verb reports nothing.
        ("He is said to be worth millions of dollars.", &[]),
    ]);
}

#[test]
fn who_after_a_description_set_off_by_a_comma() {
    check(&[
        (
            "Trump met the Mexican president, who said that NAFTA has been good for both countries.",
            &[(
                "NAFTA has been good for both countries",
                "indirect",
                "the Mexican president",
                "said",
            )],
        ),
        (
            "He spoke with a farmer, who said that the drought had ruined his crops.",
            &[("the drought had ruined his crops", "indirect", "a farmer", "said")],
        ),
    ]);
}

#[test]
fn who_after_a_person_of_a_place_is_the_person() {
    check(&[
        (
            "Trump met Enrique Pena Nieto, the president of Mexico, who said that Mexico would not pay for the wall.",
            &[(
                "Mexico would not pay for the wall",
                "indirect",
                "Enrique Pena Nieto",
                "said",
            )],
        ),
        (
            "He met the mayor of Toronto, who said the city would build more homes.",
            &[("the city would build more homes", "indirect", "the mayor", "said")],
        ),
        // A person's name there may be the antecedent: it stays.
        (
            "Police arrested the son of Maria Lopez, who said her son was innocent.",
            &[("her son was innocent", "indirect", "Maria Lopez", "said")],
        ),
    ]);
}

#[test]
fn a_closing_attribution_ends_the_content_before_it() {
    check(&[
        // The sentence's own attribution closes it: the earlier report's content ends at its
        // comma, and the whole report before it is what the second speaker said.
        (
            "Officials said the bridge would reopen, the ministry added.",
            &[
                (
                    "Officials said the bridge would reopen",
                    "indirect",
                    "the ministry",
                    "added",
                ),
                ("the bridge would reopen", "indirect", "Officials", "said"),
            ],
        ),
        (
            "Ann Lee spoke on Monday. Officials said the bridge would reopen, she added.",
            &[
                ("Officials said the bridge would reopen", "indirect", "Ann Lee", "added"),
                ("the bridge would reopen", "indirect", "Officials", "said"),
            ],
        ),
        // Words after the closing verb: left to the earlier report, as before.
        (
            "The chancellor said the cuts were the equivalent of sacking every teacher, he told activists.",
            &[(
                "the cuts were the equivalent of sacking every teacher, he told activists",
                "indirect",
                "The chancellor",
                "said",
            )],
        ),
    ]);
}

#[test]
fn a_titled_name_after_a_group_and_a_preposition_is_its_object() {
    check(&[(
        "Advisers to Mr. Obama say the president will veto the bill.",
        &[("the president will veto the bill", "indirect", "Advisers", "say")],
    )]);
}

#[test]
fn a_relative_clause_ends_before_the_main_verb() {
    check(&[
        (
            "Maria Lopez, who said she had lost her job, gathered with others outside the ministry.",
            &[("she had lost her job", "indirect", "Maria Lopez", "said")],
        ),
        // A comma inside the content that another closes sets off an appositive there.
        (
            "Ann Lee, who said that the two men, and Mr. Cruz in particular, must do more, spoke on Monday.",
            &[(
                "the two men, and Mr. Cruz in particular, must do more",
                "indirect",
                "Ann Lee",
                "said",
            )],
        ),
        // A past form before a preposition and another comma is a participle inside the
        // content: the clause is not cut there (its end stays as before).
        (
            "Maria Lopez, who said the city, founded in 1850, was old, left early.",
            &[(
                "the city, founded in 1850, was old, left early",
                "indirect",
                "Maria Lopez",
                "said",
            )],
        ),
    ]);
}

#[test]
fn a_share_of_a_relative_antecedent_speaks_for_it() {
    check(&[
        (
            "The protesters, many of whom say they have lost their jobs, gathered outside the ministry.",
            &[("they have lost their jobs", "indirect", "The protesters", "say")],
        ),
        (
            "Maria Lopez met the nurses, most of whom said they were exhausted.",
            &[("they were exhausted", "indirect", "the nurses", "said")],
        ),
        // What stands before a relative subject is its antecedent, never its content.
        (
            "The state's Democrats also have five superdelegates, two of whom have already pledged their support to Clinton.",
            &[],
        ),
    ]);
}

#[test]
fn a_person_noun_the_roles_lack_after_an_inverted_cue() {
    check(&[
        (
            "\"It is over,\" says a voter.",
            &[("It is over,", "direct", "a voter", "says")],
        ),
        (
            "\"Is it over?\" asked a voter in the crowd.",
            &[("Is it over?", "direct", "a voter", "asked")],
        ),
        (
            "\"It is over,\" said a local shopkeeper, who declined to give her name.",
            &[("It is over,", "direct", "a local shopkeeper", "said")],
        ),
        // Before the cue, the place after its preposition is not the speaker; a role's
        // phrase speaks for its organisation as before.
        (
            "\"It is over,\" a voter in the crowd said.",
            &[("It is over,", "direct", "a voter", "said")],
        ),
        (
            "The Department for Constitutional Affairs (DCA) replied. \"We are pleased,\" a spokesman for the DCA said.",
            &[("We are pleased,", "direct", "Department for Constitutional Affairs", "said")],
        ),
    ]);
}

#[test]
fn asides_participles_and_places_are_not_reports_or_speakers() {
    check(&[
        // A participle set off by commas inside a relative clause's content.
        (
            "Ann Lee, who said the plan, unveiled last week, would cost 5bn, defended the policy.",
            &[(
                "the plan, unveiled last week, would cost 5bn",
                "indirect",
                "Ann Lee",
                "said",
            )],
        ),
        // A short aside before a subject and a cue at the sentence's end: no closing report.
        (
            "She said it was not clear who, if anyone, the police suspected.",
            &[(
                "it was not clear who, if anyone, the police suspected",
                "indirect",
                "",
                "said",
            )],
        ),
        // A closing report inside a longer content is not one.
        (
            "Prices will rise, the bank said, the FT reports.",
            &[("Prices will rise, the bank said", "indirect", "FT", "reports")],
        ),
        // "many of whom" are people, not the place named before them.
        (
            "Thousands of people marched through London, many of whom said they had never protested before.",
            &[("they had never protested before", "indirect", "", "said")],
        ),
    ]);
}

#[test]
fn a_phrase_of_place_or_time_between_the_cue_and_the_clause() {
    check(&[
        (
            "Chapman admits in this instance, there were fatalities.",
            &[("there were fatalities", "indirect", "Chapman", "admits")],
        ),
        (
            "The union said at 7:30 p.m., there were no units available.",
            &[("there were no units available", "indirect", "The union", "said")],
        ),
        // The clause after the comma is the main one: the cue is in a subordinate clause.
        (
            "After residents complained about the noise, the council was forced to act.",
            &[],
        ),
        ("Ever since he testified in March, he has been receiving threats.", &[]),
        // The verb after the phrase is the main clause's: no report.
        (
            "All of the business written in the Lloyd's market is placed via brokers.",
            &[],
        ),
        ("One of the songs he wrote for other artists was a hit.", &[]),
    ]);
}

#[test]
fn a_cue_word_in_the_plural_after_a_number_or_quantifier_is_a_noun() {
    check(&[
        ("The two states hold primaries on March 1.", &[]),
        ("Some states remained too close to call.", &[]),
        // A verb after a plural subject has no "-s": these keep their cue.
        (
            "Most say the plan will fail.",
            &[("the plan will fail", "indirect", "Most", "say")],
        ),
        (
            "Two said they would leave the party.",
            &[("they would leave the party", "indirect", "Two", "said")],
        ),
    ]);
}
