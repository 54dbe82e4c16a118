use super::*;

#[test]
fn lookups_by_class() {
    let lex = Lexicon::english();
    let cases: &[(&str, u64, bool)] = &[
        ("said", flag::CUE, true),
        ("Concluded", flag::CUE, true),
        ("the", flag::DET, true),
        ("singer", flag::ROLE_PERSON, true),
        ("officials", flag::ROLE_GROUP, true),
        ("company", flag::ROLE_ORG, true),
        ("Mr", flag::HONORIFIC, true),
        ("Mayor", flag::TITLE, true),
        ("Legend", flag::CUE | flag::FUNCTION, false),
        ("August", flag::CALENDAR, true),
        ("The", flag::DEF_ARTICLE | flag::DEFINITE, true),
        ("wasn", flag::BE_FORM, false),
        (
            "told",
            flag::HEARER_VERB | flag::BARE_CLAUSE_VERB | flag::IRREGULAR_PAST,
            true,
        ),
        ("sworn", flag::BARE_CLAUSE_VERB, false),
        ("swore", flag::BARE_CLAUSE_VERB, true),
        ("calling", flag::LABEL_VERB, true),
    ];
    for &(word, mask, expected) in cases {
        assert_eq!(lex.lookup(word).is(mask), expected, "{word}");
    }
    assert_eq!(lex.lookup("she").gender, Gender::Female);
    assert_eq!(lex.lookup("wife").gender, Gender::Female);
    assert_eq!(lex.lookup("tweeted").cue, Some(CueClass::Writing));
    assert!(lex.lookup("Instagram").channel.is_some());
    assert!(lex.is_abbreviation("Mr") && !lex.is_abbreviation("Legend"));
    assert!(lex.is_org_word("Hydro"));
    assert!(lex.is_cased("Festival", cased::NON_PERSON) && !lex.is_cased("festival", cased::NON_PERSON));
}

#[test]
fn flags_fill_48_bits_and_a_token_stays_small() {
    let mut info = WordInfo::default();
    info.add(flag::CLAUSE_OPENER | flag::DET);
    assert!(info.is(flag::CLAUSE_OPENER) && info.is(flag::DET) && !info.is(flag::PREP));
    info.remove(flag::WHOLE_WORD);
    assert_eq!(info.flags(), flag::DET);
    assert_eq!(std::mem::size_of::<WordInfo>(), 12);
    assert_eq!(std::mem::size_of::<crate::token::Token>(), 24);
}

#[test]
fn endings_affixes_and_phrases() {
    let lex = Lexicon::english();
    assert_eq!(lex.forms_of("saying"), form::GERUND);
    assert_eq!(lex.forms_of("boss"), form::S | form::NOT_PLURAL);
    assert_eq!(lex.forms_of("Canadian"), form::DEMONYM);
    assert_eq!(lex.forms_of("roughly"), form::ADVERB);
    assert_eq!(lex.forms_of("SAYING"), 0, "endings are case-sensitive");
    assert_eq!(lex.strip_possessive("Teigen’s"), "Teigen");
    assert_eq!(lex.contraction_stem("they're"), Some("they"));
    assert_eq!(lex.contraction_stem("'re"), None);
    assert!(lex.has_name_particle("al-Shabaab") && !lex.has_name_particle("al-qaeda"));
    assert!(lex.has_page_furniture("story continues below advertisement"));
    let interview = lex.lookup("interview").channel.map(|id| lex.channel_label(id));
    assert!(interview.is_some_and(|l| l.with_name.is_some()));
    assert!(lex.channel_context("told").is_some_and(|c| c.rule.is_some()));
    assert!(lex.channel_context("press").is_some_and(|c| !c.phrases.is_empty()));
}

#[test]
fn languages_are_values() {
    assert_eq!(Lexicon::languages(), vec!["en"]);
    assert_eq!(Lexicon::for_language("en").map(|l| l.language()), Ok("en"));
    let err = Lexicon::for_language("fr").unwrap_err();
    assert_eq!(err.code, "fr");
    assert!(err.to_string().contains("\"fr\"") && err.to_string().ends_with("en"));
}

#[test]
fn channel_context_filter_lets_every_key_through() {
    let lex = Lexicon::english();
    assert!(!lex.channel_contexts.is_empty());
    for key in lex.channel_contexts.keys() {
        for word in [key.to_string(), key.to_ascii_uppercase()] {
            assert!(lex.may_start_channel_context(&word), "{word}");
        }
    }
    // A word of no key's first letter and length is skipped.
    let long = "q".repeat(40);
    assert!(!lex.channel_contexts.keys().any(|k| k.len() == 40));
    assert!(!lex.may_start_channel_context(&long));
}

#[test]
fn short_word_table_agrees_with_the_word_map() {
    let lex = Lexicon::english();
    for (word, info) in &lex.words {
        for w in [word.to_string(), word.to_uppercase(), format!("{word}x")] {
            let want = if w.to_lowercase() == **word {
                info.flags()
            } else {
                lex.words.get(w.to_lowercase().as_str()).map_or(0, |i| i.flags())
            };
            assert_eq!(lex.lookup(&w).flags(), want, "{w}");
        }
    }
}

#[test]
fn common_words_and_their_inflections() {
    let lex = Lexicon::english();
    let cases: &[(&str, bool)] = &[
        ("wood", true),
        ("Police", true),
        ("Prices", true),
        ("officials", true),
        ("studied", true),
        ("boxes", true),
        ("went", true),
        ("children", true),
        ("Canton", true),
        ("Taylor", false),
        ("Lieberman", false),
        ("Kudryavtseva", false),
        ("Hebblethwaite", false),
        ("Zoë", true),
        ("a", false),
    ];
    for &(word, common) in cases {
        assert_eq!(lex.is_common_word(word), common, "{word}");
    }
}

#[test]
fn the_common_word_list_is_sorted_and_every_word_is_found() {
    let lex = Lexicon::english();
    let words: Vec<&str> = lex.common_words.words().collect();
    assert!(words.len() > 50_000);
    for pair in words.windows(2) {
        assert!(pair[0].as_bytes() < pair[1].as_bytes(), "{pair:?}");
    }
    for w in &words {
        assert!(lex.is_common_word(w), "{w}");
    }
}

#[test]
fn forms_of_bytes_matches_forms_of() {
    let lex = Lexicon::english();
    let number = |w: &str| w.bytes().rev().fold(0u64, |n, b| n << 8 | u64::from(b));
    // Every listed word of eight bytes or fewer, as listed and in capitals.
    for listed in lex.common_words.words().filter(|w| (1..=8).contains(&w.len())) {
        for w in [listed.to_string(), listed.to_ascii_uppercase()] {
            assert_eq!(lex.forms_of_bytes(number(&w), w.len()), lex.forms_of(&w), "{w}");
        }
    }
}
