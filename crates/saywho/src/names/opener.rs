//! Evidence that the lone word opening a sentence is a name: a capital there says nothing,
//! so something else must ("Teigen revealed …", "Kudryavtseva won …").

use super::is_name_word;
use crate::lexicon::{cased, flag, form, Lexicon};
use crate::token::{shape, Token, TokenKind};

/// What, besides being capitalised mid-sentence, shows that the lone word opening a sentence
/// at `k` is a name: written in capitals or as a possessive, the subject of a reporting verb
/// ("Teigen revealed …"), introduced by an appositive ("Roman, a resident of the area, said",
/// "China, Pyongyang's only ally, said"), a first name before a clause, an inner capital
/// ("MacKenzie"), a word of the article's `repeated` sentence openers, or a word the language
/// does not have, before a clause or a parenthesis ("Kudryavtseva won", "Etta (voiced by …)").
pub(super) fn opener_evidence(text: &str, lex: &Lexicon, tokens: &[Token], k: usize, repeated: &[&str]) -> bool {
    let t = &tokens[k];
    let before_cue = tokens.get(k + 1).is_some_and(|n| n.is(flag::CUE) && !n.is_cap());
    let introduced = tokens.get(k + 1).is_some_and(|n| n.is_punct(b','))
        && tokens.get(k + 2).is_some_and(|n| {
            let possessive_pronoun = n.is_possessive_pronoun();
            let possessive_name = n.is_cap() && n.shape & shape::POSSESSIVE != 0 && is_name_word(n);
            !n.is_cap() && (n.is(flag::DET) || possessive_pronoun) || possessive_name
        });
    t.shape & shape::ALL_CAPS != 0
        || t.shape & shape::POSSESSIVE != 0
        || before_cue
        || introduced
        || first_name_before_clause(text, tokens, k)
        || inner_capital(t.text(text))
        || repeated_opener(text, tokens, k, repeated)
        || unlisted_opener(text, lex, tokens, k)
}

/// Is the word opening a sentence at `k` one the lexicon and the list of common words do not
/// know ("Lieberman", "Kudryavtseva"), followed by a lower-case word or an opening
/// parenthesis? Such a word is a name, mostly a surname given alone after the full name (news
/// and reference works give it once, and a passage may show only the later mentions); a common
/// word opening a sentence ("Prices rose", "Police said") is listed. Not before a comma, where
/// interjections stand ("Oh, yes"); nor a people ("Californians voted"), which the list has
/// only capitalised; nor a compound ("US-German carmaker", "Ex-BBC"); nor a word modifying the
/// nouns before a name ("Liverpool winger Harry Kewell", "Sony horror film The Grudge").
fn unlisted_opener(text: &str, lex: &Lexicon, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    let clause_after = tokens.get(k + 1).is_some_and(|n| {
        n.kind == TokenKind::Word && !n.is_cap() && !modifies_name_after(tokens, k) || n.is_punct(b'(')
    });
    let word = t.base(text);
    if !clause_after || t.info.flags() != 0 || t.info.cue.is_some() || word.contains('-') {
        return false;
    }
    let people = |w: &str| lex.is_cased(w, cased::PERSON_NOUN) || lex.forms_of(w) & form::DEMONYM != 0;
    // The plural ending is one byte ("Democrats"), as affixes.tsv writes it.
    let singular = (word.len().checked_sub(1))
        .filter(|&n| t.has_form(form::S) && word.is_char_boundary(n))
        .map_or(word, |n| &word[..n]);
    !people(word) && !people(singular) && !lex.is_common_word(word)
}

/// Do one to three lower-case nouns follow the word at `k`, then a capitalised word: "Manchester
/// rock band Doves", "Notts police chief Steve Green"? Words the lexicon knows other than
/// nouns for people (articles, auxiliaries, prepositions), reporting verbs and past forms end
/// the nouns: "Dhavernas portrayed swimmer Marilyn Bell" is a clause.
fn modifies_name_after(tokens: &[Token], k: usize) -> bool {
    let noun = |t: &Token| {
        let known = t.info.flags() & !flag::ROLE != 0;
        t.kind == TokenKind::Word && !t.is_cap() && !known && t.info.cue.is_none() && !t.is_past()
    };
    let nouns = tokens[k + 1..].iter().take(3).take_while(|t| noun(t)).count();
    nouns > 0
        && tokens
            .get(k + 1 + nouns)
            .is_some_and(|t| t.kind == TokenKind::Word && t.is_cap())
}

/// "MacKenzie", "McCord", "DeShawn": a capital after a lower-case letter, as common words never
/// have, says a sentence's first word is a name.
fn inner_capital(word: &str) -> bool {
    word.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// "Grace moved to Paris": a lone sentence-initial word that the name table knows as a first
/// name of one gender ([`crate::name_gender::first_name_gender`]: at least 90% one way over a
/// thousand bearers, which leaves out most common words) and that a lower-case word follows,
/// as a verb follows its subject. A passage that names someone by first name alone, with no
/// mention mid-sentence, has no other evidence that the first word is a name.
fn first_name_before_clause(text: &str, tokens: &[Token], k: usize) -> bool {
    lower_word_after(tokens, k).is_some()
        && !tokens[k].is(flag::ROLE | flag::TITLE | flag::CUE)
        && crate::name_gender::first_name_gender(tokens[k].base(text)).is_some()
}

/// "Geller played in 23 championships. … Geller won in 1955": a word no table knows that opens
/// two sentences or more and that the article never writes in lower case (`repeated`, from
/// `find_names`), here before a lower-case auxiliary or content word (as a verb follows its
/// subject; not "of"), is a surname; a common word would show in lower case somewhere, or be
/// in the lexicon. (A number word the article never writes in lower case still passes: "One
/// high-profile case …" makes "One" a name.)
fn repeated_opener(text: &str, tokens: &[Token], k: usize, repeated: &[&str]) -> bool {
    let t = &tokens[k];
    repeated.contains(&t.base(text))
        && !t.has_form(form::GERUND | form::ADVERB)
        // A verb, not "of" ("One of the biggest changes …").
        && lower_word_after(tokens, k).is_some_and(|n| n.is(flag::AUX) || !n.is(flag::FUNCTION))
}

/// The lower-case word right after token `k` (one space at most between), as a verb follows
/// the name that is its subject.
fn lower_word_after(tokens: &[Token], k: usize) -> Option<&Token> {
    tokens
        .get(k + 1)
        .filter(|n| n.kind == TokenKind::Word && !n.is_cap() && n.start <= tokens[k].end + 1)
}
