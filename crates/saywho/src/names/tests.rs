use super::*;
use crate::lexicon::Lexicon;
use crate::marks::find_quotes;
use crate::sentence::split_sentences;
use crate::token::tokenize;

fn names(text: &str) -> Vec<(String, String)> {
    let lex = Lexicon::english();
    let (mut toks, paras) = tokenize(text, &lex);
    let quotes = find_quotes(&mut toks, &paras);
    split_sentences(text, &mut toks, &paras, &quotes, &lex);
    find_names(text, &toks, &lex)
        .iter()
        .map(|n| {
            let title = &text[toks[n.title_start as usize].start as usize..toks[n.tok_start as usize].start as usize];
            (title.trim().to_string(), n.text(text, &toks).to_string())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn finds_names_with_titles() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Yesterday host Kelly Clarkson sang.", &[("host", "Kelly Clarkson")]),
        ("It was Mr. Hemming who spoke.", &[("Mr.", "Hemming")]),
        ("Legend spoke. Then Legend left.", &[("", "Legend"), ("", "Legend")]),
        ("Watching it was hard for Ann Lee.", &[("", "Ann Lee")]),
        ("He met Teigen's mother in August.", &[("", "Teigen")]),
        (
            "Chinese Vice-President Wang Qishan took aim.",
            &[("Vice-President", "Wang Qishan")],
        ),
        (
            "In the photo, The Canadian Press Paul Carver talks with reporters.",
            &[("", "Canadian Press"), ("", "Paul Carver")],
        ),
        ("Knowing Bardos, nobody was surprised.", &[("", "Bardos")]),
        // A capital inside a word opening a sentence: a name ("MacKenzie"), unlike "Watching".
        (
            "MacKenzie studied with Bernard Leach.",
            &[("", "MacKenzie"), ("", "Bernard Leach")],
        ),
        // First names end in "-ing" too.
        (
            "Channing Tatum said so. Sterling Brown agreed.",
            &[("", "Channing Tatum"), ("", "Sterling Brown")],
        ),
        (
            "Yesterday Barron County District Attorney Brian Wright spoke.",
            &[("", "Barron County District"), ("Attorney", "Brian Wright")],
        ),
        (
            "On Dec. 13, Ann Lee met Jan Berg on Nov. 2.",
            &[("", "Ann Lee"), ("", "Jan Berg")],
        ),
        // A title naming its office with "of": the office's words are the title's.
        (
            "Yesterday Secretary of State John Kerry spoke.",
            &[("Secretary of State", "John Kerry")],
        ),
        (
            "She married former Governor of West Virginia John J. Jacob.",
            &[("Governor of West Virginia", "John J. Jacob")],
        ),
        // Nothing tells where the office ends: one run, as before.
        ("Yesterday Secretary of State Kerry spoke.", &[("", "State Kerry")]),
        (
            "The Bank of Montreal Ann Lee fund grew.",
            &[("", "Bank of Montreal Ann Lee")],
        ),
        (
            "They visited Ludwig van Beethoven's house.",
            &[("", "Ludwig van Beethoven")],
        ),
        ("“Tom is here,” said Ann.", &[("", "Ann")]),
        ("Officials at BC Hydro said so.", &[("", "BC Hydro")]),
        ("Shares of Procter & Gamble rose.", &[("", "Procter & Gamble")]),
        // Words coordinated inside an organisation's name the article also writes as an
        // acronym, or with one in parentheses after it.
        (
            "He wrote to the U.S. Food and Drug Administration's chief. The FDA said no.",
            &[("", "U.S"), ("", "Food and Drug Administration"), ("", "FDA")],
        ),
        (
            "It struck, according to the Meteorology, Climatology and Geophysics Agency (BMKG).",
            &[("", "Meteorology, Climatology and Geophysics Agency"), ("", "BMKG")],
        ),
        // Without that evidence, two bodies; nor an acronym and a name.
        (
            "He met the Pentagon and State Department staff.",
            &[("", "Pentagon"), ("", "State Department")],
        ),
        (
            "He met the Bank of Canada and Federal Reserve Board staff.",
            &[("", "Bank of Canada"), ("", "Federal Reserve Board")],
        ),
        (
            "He met the IMF and World Bank. The IMF and WB agreed.",
            &[("", "IMF"), ("", "World Bank"), ("", "IMF"), ("", "WB")],
        ),
        (
            "He met Tesla and Ford Motor Company.",
            &[("", "Tesla"), ("", "Ford Motor Company")],
        ),
        (
            "He met the Liberals and Conservatives.",
            &[("", "Liberals"), ("", "Conservatives")],
        ),
        // Two first names are two people; a name holds one "&".
        ("Later Harry & Meghan left.", &[("", "Harry"), ("", "Meghan")]),
        (
            "Later Procter & Gamble & Brown left.",
            &[("", "Procter & Gamble"), ("", "Brown")],
        ),
        // An initial never joins a name across a paragraph break.
        ("He posted on X.\n\nDee spoke at noon.", &[("", "X"), ("", "Dee")]),
    ];
    for (text, expected) in cases {
        assert_eq!(names(text), pairs(expected), "{text}");
    }
}

#[test]
fn a_word_the_language_lacks_opening_a_sentence_is_a_name() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Lieberman first joined the White House in 1993.",
            &["Lieberman", "White House"],
        ),
        ("Kudryavtseva won another silver medal.", &["Kudryavtseva"]),
        ("Hebblethwaite has written several books.", &["Hebblethwaite"]),
        (
            "Etta (voiced by Leigh-Allyn Baker) runs the shop.",
            &["Etta", "Leigh-Allyn Baker"],
        ),
        // Common words, inflected or not, are no names.
        ("Prices rose sharply.", &[]),
        ("Investigators found nothing.", &[]),
        ("Anybody can see it.", &[]),
        // Not before a comma (interjections), nor a people, a compound or a modifier.
        ("Oh, yes.", &[]),
        ("Californians voted for Stanford.", &["Stanford"]),
        ("Manchester rock band Doves topped the chart.", &["Doves"]),
        ("Liverpool winger Harry Kewell is hurt.", &["Harry Kewell"]),
        (
            "Dhavernas portrayed swimmer Marilyn Bell.",
            &["Dhavernas", "Marilyn Bell"],
        ),
    ];
    for &(text, expected) in cases {
        let found: Vec<String> = names(text).into_iter().map(|(_, name)| name).collect();
        assert_eq!(found, expected, "{text}");
    }
}
