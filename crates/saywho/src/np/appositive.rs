//! The subject of a cue across an appositive, a dash-set clause or a parenthetical between it
//! and its verb: "Kelly Clarkson, the show's host, said"; "Teigen -- who announced … --
//! revealed"; "Marley Anderson, 21, a junior from Las Vegas, said".

use super::{abbreviation_period, collect_left, is_subject_pronoun, opens_clause, NpKind, SpeakerNp};
use crate::lexicon::flag;
use crate::token::{Token, TokenKind};

/// The speaker phrase before the appositive or parenthetical that token `i - 1` (a comma, a
/// dash or a closing parenthesis) ends, not reaching before `lo`.
pub(super) fn subject_across(tokens: &[Token], i: usize, lo: usize) -> Option<SpeakerNp> {
    let t = &tokens[i - 1];
    let want_dash = t.kind == TokenKind::Dash;
    let want_paren = t.is_punct(b')');
    let floor = lo.max(i.saturating_sub(40));
    let is_opener = |p: &Token| {
        if want_dash {
            p.kind == TokenKind::Dash
        } else if want_paren {
            p.is_punct(b'(')
        } else {
            p.is_punct(b',')
        }
    };
    // The period of an abbreviation ("surrogate for Mr. Sanders,") ends nothing.
    let openers: Vec<usize> = (floor..i - 1)
        .rev()
        .take_while(|&j| !tokens[j].is_terminal() || abbreviation_period(tokens, j))
        .filter(|&j| is_opener(&tokens[j]))
        .collect();
    let &nearest = openers.first()?;
    // "DeLaet's agent, Danny Fritz, told": the appositive is the name itself.
    if !want_dash && !want_paren {
        let inner = collect_left(tokens, i - 1, nearest + 1);
        // ("Hussein Sayed, Chief Market Strategist at FXTM, said": a role in capitals, its head
        // before any preposition, is no name; "Ambassador Stefan Johannesson of Iceland" is.
        // Known limit: a surname that is also a role word, "the founder, Paul King, said",
        // reads as a role; the tokens do not say that "Paul" is a first name.)
        let role_in_capitals = |np: &SpeakerNp| {
            let (a, b) = (np.tok_start as usize, np.tok_end as usize);
            let head_end = (a..b)
                .find(|&j| tokens[j].is(flag::PREP) && !tokens[j].is_cap())
                .unwrap_or(b);
            head_end > a && tokens[head_end - 1].is(flag::TITLE | flag::ROLE_PERSON)
        };
        let is_name = |np: &SpeakerNp| {
            np.kind == NpKind::Name
                && np.tok_start as usize == nearest + 1
                && tokens[np.tok_end as usize - 1].is_cap()
                && !role_in_capitals(np)
        };
        if inner.as_ref().is_some_and(is_name) {
            return inner;
        }
        // "His defence attorneys, Charles Glynn and Richard Jones, have said": two names.
        let names = &tokens[nearest + 1..i - 1];
        let joined = names.len() >= 5
            && names
                .iter()
                .all(|t| t.is_word() && (t.is_cap() || t.is(flag::ADDITIVE_CONJ)))
            && names.iter().filter(|t| t.is(flag::ADDITIVE_CONJ)).count() == 1
            && names.first().is_some_and(|t| t.is_cap() && !t.is(flag::FUNCTION))
            && names.last().is_some_and(|t| t.is_cap());
        if joined && collect_left(tokens, nearest, lo).is_some_and(|np| np.kind == NpKind::Description) {
            return Some(SpeakerNp {
                tok_start: nearest as u32 + 1,
                tok_end: i as u32 - 1,
                kind: NpKind::Name,
            });
        }
    }
    // "Sarah Buckley, who attended …, played …, said": a relative clause with commas of
    // its own; its subject stands before ", who".
    let relative = openers
        .iter()
        .find(|&&j| {
            // "who" and "whose" follow a person; "where" and "which" do not.
            let who = tokens.get(j + 1).is_some_and(|w| w.is(flag::PERSON_RELATIVE));
            who && j > lo
        })
        .and_then(|&j| collect_left(tokens, j, lo))
        .filter(|np| np.kind == NpKind::Name);
    if relative.is_some() {
        return relative;
    }
    let described = |np: &SpeakerNp| np.kind == NpKind::Name || np.kind == NpKind::Description;
    if let Some(np) = collect_left(tokens, nearest, lo).filter(described) {
        return Some(np);
    }
    // "Gregory W. Meeks (D-N.Y.), chairman of …, said": a parenthetical after the subject
    // that opens the sentence.
    let bracketed = before_parenthetical(tokens, nearest, lo);
    if let Some(np) = collect_left(tokens, bracketed, lo)
        .filter(|np| bracketed < nearest && described(np) && opens_clause(tokens, np.tok_start as usize, lo))
    {
        return Some(np);
    }
    // "Marley Anderson, 21, a junior from Las Vegas, said": several appositives in a row.
    // Only the sentence's own subject is taken across them, so that a phrase inside a
    // clause before ("After the vote in Ohio, …") is never made the speaker.
    // Each piece between the commas must read as an appositive (an age, a description),
    // not an adverbial ("and, without meaning a word of it, told").
    let appositive = |a: usize, b: usize| {
        let first = &tokens[a];
        a < b
            && !first.is(flag::PREP | flag::SUB | flag::CONJ | flag::ADV | flag::WH | flag::NEG)
            && !tokens[a..b].iter().any(|t| t.is(flag::CUE) || is_subject_pronoun(t))
    };
    let mut right = i - 1;
    for &j in openers.iter().take(4) {
        if !appositive(j + 1, right) {
            return None;
        }
        right = j;
        if j == nearest {
            continue;
        }
        if let Some(np) = collect_left(tokens, j, lo).filter(described) {
            return opens_clause(tokens, np.tok_start as usize, lo).then_some(np);
        }
    }
    None
}

/// Where the phrase ending at `end` ends once a short parenthetical closing there is set aside:
/// "Gregory W. Meeks (D-N.Y.), chairman of …, said" has its subject before the "(".
fn before_parenthetical(tokens: &[Token], end: usize, lo: usize) -> usize {
    if end <= lo || !tokens[end - 1].is_punct(b')') {
        return end;
    }
    (lo.max(end.saturating_sub(10))..end - 1)
        .rev()
        .take_while(|&j| !tokens[j].is_punct(b')'))
        .find(|&j| tokens[j].is_punct(b'('))
        .unwrap_or(end)
}
