//! Cues and the noun phrases around them: who is the subject of "said"?
//!
//! Without a parser, the subject of a reporting verb is found by walking from the verb over
//! the words a speaker phrase is made of (names, titles, role nouns, determiners, possessives)
//! and across an appositive or parenthetical between commas or dashes.

use crate::lexicon::{flag, form, Gender};
use crate::token::{shape, Token, TokenKind};
pub use after::np_after;
pub use between::speaker_phrase_end;
use between::{postmodified_subject, reduced_relative_subject, who_before_phrase};

mod after;
mod appositive;
mod between;
mod cue;
pub use cue::{cue_after_quote, cue_at, Cue};

/// What a speaker phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// Contains a proper name ("Legend", "host Kelly Clarkson").
    Name,
    /// "he", "she", "they", "it".
    Pronoun,
    /// A description ("the singer", "officials", "the company").
    Description,
    /// "who" in a relative clause: the speaker is the phrase before it.
    Relative,
}

/// The phrase naming a speaker: tokens `tok_start..tok_end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeakerNp {
    /// Index of its first token.
    pub tok_start: u32,
    /// Index just past its last token (end-exclusive).
    pub tok_end: u32,
    /// What the phrase is.
    pub kind: NpKind,
}

/// "Wales' team physiotherapist": a single mark written against a word ending in "s", a word
/// after it, is the apostrophe of a plural possessive, not a quotation mark.
pub(crate) fn plural_possessive(tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    t.mark & crate::token::mark::SINGLE != 0
        && k > 0
        && {
            let p = &tokens[k - 1];
            p.kind == TokenKind::Word && p.end == t.start && p.has_form(crate::lexicon::form::S)
        }
        && tokens
            .get(k + 1)
            .is_some_and(|n| n.kind == TokenKind::Word && n.start > t.end)
}

/// A cue verb's participle, which may end a speaker phrase right before the phrase's own cue
/// ("those questioned said"; np/cue.rs does not read it as a cue there).
fn cue_participle(t: &Token) -> bool {
    t.is(flag::CUE) && t.is_past() && !t.is_cap()
}

/// Is this a word that can sit inside a speaker phrase?
fn np_word(t: &Token) -> bool {
    match t.kind {
        TokenKind::Word => {
            !t.is(flag::PREP | flag::CONJ | flag::SUB | flag::AUX | flag::WH | flag::NEG | flag::ADV | flag::CUE)
                || t.is(flag::ROLE | flag::TITLE | flag::HONORIFIC)
                // (Not a conjunction capitalised for opening the sentence: "But officials said";
                // "That official said" is a demonstrative.)
                || t.is_cap()
                    && !t.is(flag::PRONOUN)
                    && !(t.is(flag::CONJ | flag::SUB) && !t.is(flag::COMPLEMENTIZER) && t.shape & shape::SENT_START != 0)
        }
        // "42% say": the sign of a share belongs to its number.
        TokenKind::Number => true,
        TokenKind::Punct => t.is_punct(b'%'),
        _ => false,
    }
}

/// A subject pronoun that can name a speaker: not "I", "we" or "you" (the writer and the
/// reader).
fn is_subject_pronoun(t: &Token) -> bool {
    t.is_subject_pronoun() && t.info.gender != Gender::Speaker
}

fn is_who(t: &Token) -> bool {
    t.kind == TokenKind::Word && t.is(flag::SUBJECT_RELATIVE)
}

/// "the 39-year-old", "my two-year-old": an age names a person as a role noun does.
pub(crate) fn aged(t: &Token) -> bool {
    // ("45-year-old" is a number token.)
    matches!(t.kind, TokenKind::Word | TokenKind::Number) && t.has_form(form::AGE) && !t.is_cap()
}

/// Classifies tokens `a..b` as a speaker phrase, or rejects them.
fn classify(tokens: &[Token], a: usize, b: usize) -> Option<SpeakerNp> {
    if a >= b {
        return None;
    }
    let span = &tokens[a..b];
    // Words inside a quoted title ("the 'Big Love' singer") do not make a name.
    let mut in_title = false;
    let has_name = span.iter().any(|t| {
        if t.kind == TokenKind::QuoteMark {
            in_title = !in_title;
        }
        !in_title
            && !t.in_quote()
            && t.kind == TokenKind::Word
            && t.is_cap()
            && !t.is(flag::FUNCTION | flag::PRONOUN | flag::CUE)
    });
    let has_role = span.iter().any(|t| t.is(flag::ROLE | flag::TITLE) || aged(t));
    // "the WHL commissioner": capitals before a lower-case role noun modify it.
    let last = &tokens[b - 1];
    // "the Kentucky Republican", "the Prime Minister": after "the", a capitalised role noun
    // heads a description too.
    let after_the =
        tokens[a].is(flag::DET) && (!tokens[a].is_cap() || tokens[a].shape & shape::SENT_START != 0) && b > a + 1;
    // "Officials said", "Sources familiar with the talks said": a noun for a group opening
    // the sentence alone is capitalised only for its place.
    let group_opening = b == a + 1 && last.is(flag::ROLE_GROUP) && last.shape & shape::SENT_START != 0;
    let role_headed = (last.is(flag::ROLE | flag::TITLE) || aged(last)) && !last.is_cap()
        || after_the && last.is(flag::ROLE_PERSON | flag::TITLE)
        || group_opening;
    // "Most said", "nearly half said", "Six in 10 voters said": a share or a number of a
    // group stands for the group; capitalised inside a sentence, it is part of a name ("the
    // Big Ten said").
    let named = last.is_cap() && last.shape & (shape::SENT_START | shape::TITLE_CASED) == 0;
    // Alone after a determiner or a possessive it modifies the noun after it ("its seven
    // state titles").
    let modifier = b == a + 1 && a > 0 && tokens[a - 1].is(flag::DET | flag::PRONOUN);
    let quantity =
        last.is(flag::GROUP_QUANTIFIER) && !last.is(flag::PRONOUN) && !named && !modifier || last.is_punct(b'%');
    let kind = if has_name && !role_headed && !quantity {
        NpKind::Name
    } else if has_role || quantity {
        NpKind::Description
    } else {
        return None;
    };
    Some(SpeakerNp {
        tok_start: a as u32,
        tok_end: b as u32,
        kind,
    })
}

/// A word ending in "-ly" at `j` that stands as an adverb before the verb: after an
/// auxiliary or another adverb ("has publicly said"), or right after a subject pronoun or a
/// name ("Trudeau repeatedly said"). After a determiner or an adjective the ending makes no
/// adverb ("the family said", "the assembly said").
fn ly_adverb(tokens: &[Token], j: usize, lo: usize) -> bool {
    let t = &tokens[j];
    if !t.has_form(form::ADVERB) || t.is(flag::FUNCTION | flag::ROLE | flag::TITLE | flag::CUE) || j <= lo {
        return false;
    }
    let p = &tokens[j - 1];
    p.kind == TokenKind::Word
        && (p.is(flag::AUX | flag::NEG | flag::ADV) && !p.is_cap()
            || is_subject_pronoun(p)
            || p.is_cap() && !p.is(flag::FUNCTION | flag::PRONOUN) && p.shape & shape::POSSESSIVE == 0)
}

/// The subject phrase that ends just before token `k` (a cue), not reaching before `lo`.
pub fn np_before(tokens: &[Token], k: usize, lo: usize) -> Option<SpeakerNp> {
    let i = before_adverbs(tokens, k, lo);
    // "Wells Fargo this month announced", "the bank earlier this year said", "the campaign on
    // Tuesday responded": a time adverbial is no subject; the subject stands before it (when
    // there is none there, the phrase is read as before: "a survey released on Friday said").
    if let Some(adverbial) = time_adverbial_before(tokens, i, lo) {
        let start = before_adverbs(tokens, adverbial, lo);
        if let Some(np) = subject_ending_at(tokens, k, start, lo) {
            return Some(np);
        }
        // "An annual survey released on Friday said": a participle after the subject.
        let participle = start > lo + 1 && {
            let p = &tokens[start - 1];
            p.kind == TokenKind::Word && !p.is_cap() && p.has_form(form::PAST) && !p.is(flag::FUNCTION | flag::CUE)
        };
        if let Some(np) = participle
            .then(|| subject_ending_at(tokens, k, start - 1, lo))
            .flatten()
        {
            return Some(np);
        }
        // Never the adverbial itself ("Other reports this week said": no subject here).
        return subject_ending_at(tokens, k, i, lo).filter(|np| (np.tok_start as usize) < adverbial);
    }
    subject_ending_at(tokens, k, i, lo)
}

/// Where the adverbs, auxiliaries and negations right before token `i` start: "he also
/// said", "she has said", "officials later added", "Trudeau has publicly said".
fn before_adverbs(tokens: &[Token], mut i: usize, lo: usize) -> usize {
    while i > lo && {
        let t = &tokens[i - 1];
        t.kind == TokenKind::Word
            && (t.is(flag::ADV | flag::AUX | flag::NEG) || ly_adverb(tokens, i - 1, lo))
            && !t.is(flag::PRONOUN | flag::ROLE)
            && !t.is_cap()
    } {
        i -= 1;
    }
    i
}

/// The subject phrase of the cue at token `k` that ends just before token `i` (adverbs and
/// auxiliaries between them skipped), not reaching before `lo`.
fn subject_ending_at(tokens: &[Token], k: usize, i: usize, lo: usize) -> Option<SpeakerNp> {
    if i <= lo {
        return None;
    }
    let t = &tokens[i - 1];
    if is_subject_pronoun(t) {
        return Some(SpeakerNp {
            tok_start: i as u32 - 1,
            tok_end: i as u32,
            kind: NpKind::Pronoun,
        });
    }
    // "The U.N. said", "Acme Inc. said": the period of an abbreviation, written against it,
    // ends no phrase; the phrase holds it.
    if i >= lo + 2
        && t.is_punct(b'.')
        && tokens[i - 2].end == t.start
        && !tokens[i - 2].is(flag::HONORIFIC | flag::TITLE)
        && abbreviation_period(tokens, i - 1)
    {
        return collect_left(tokens, i - 1, lo)
            .filter(|np| np.kind == NpKind::Name && np.tok_end as usize == i - 1)
            .map(|np| SpeakerNp {
                tok_end: i as u32,
                ..np
            });
    }
    if let Some(np) = reduced_relative_subject(tokens, i, lo) {
        return Some(np);
    }
    // "The protesters, many of whom say …", "firms, some of which said …": a share of a
    // relative's antecedent speaks for it.
    if i >= lo + 4
        && t.kind == TokenKind::Word
        && t.is(flag::WH)
        && tokens[i - 2].is(flag::NAME_INNER_PREP)
        && !tokens[i - 2].is_cap()
        && tokens[i - 3].kind == TokenKind::Word
        && tokens[i - 3].is(flag::GROUP_QUANTIFIER | flag::DET)
        && tokens[i - 4].is_punct(b',')
    {
        return Some(SpeakerNp {
            tok_start: i as u32 - 3,
            tok_end: i as u32,
            kind: NpKind::Relative,
        });
    }
    if is_who(t) {
        return Some(SpeakerNp {
            tok_start: i as u32 - 1,
            tok_end: i as u32,
            kind: NpKind::Relative,
        });
    }
    if let Some(who) = who_before_phrase(tokens, i, lo) {
        return Some(who);
    }
    // An appositive or parenthetical between the subject and its verb:
    // "Kelly Clarkson, the show's host, said"; "Teigen -- who announced … -- revealed".
    if t.is_punct(b',') || t.kind == TokenKind::Dash || t.is_punct(b')') {
        return appositive::subject_across(tokens, i, lo);
    }
    match collect_left(tokens, i, lo) {
        // "sources familiar with the talks said": a phrase right after a preposition is its
        // object; the subject is the head before it.
        // (So is a name after a share of its group: "Half of Vermont Democrats said".)
        Some(np)
            if np.tok_start as usize > lo
                && tokens[np.tok_start as usize - 1].is(flag::PREP)
                && (np.kind == NpKind::Description
                    || np.kind == NpKind::Name
                        && np.tok_start as usize > lo + 1
                        && tokens[np.tok_start as usize - 2].is(flag::GROUP_QUANTIFIER)) =>
        {
            postmodified_subject(tokens, k, i, lo).or(Some(np))
        }
        // "A spokeswoman for Governor Reyes said", "an aide to Mr. Smith said": after a
        // person's role and a preposition, a titled person's name is the object; the role
        // speaks. (An organisation there, "a spokesman for NBC", is left to speak through
        // its spokesperson.) After a group of people ("officials in Washington", "analysts
        // at Goldman Sachs", "residents of Toronto"), any name is where or with whom they are;
        // the group speaks.
        Some(np)
            if np.kind == NpKind::Name
                && np.tok_start as usize > lo
                && tokens[np.tok_start as usize - 1].is(flag::PREP) =>
        {
            let titled = tokens[np.tok_start as usize..np.tok_end as usize]
                .iter()
                .any(|t| t.is(flag::TITLE | flag::HONORIFIC));
            postmodified_subject(tokens, k, i, lo)
                .filter(|head| {
                    let noun = &tokens[head.tok_end as usize - 1];
                    head.kind == NpKind::Description
                        && (noun.is(flag::ROLE_GROUP) || titled && noun.is(flag::ROLE_PERSON))
                })
                .or(Some(np))
        }
        Some(np) => Some(np),
        None => postmodified_subject(tokens, k, i, lo),
    }
}

/// Where a time adverbial ending before token `i` starts: "this month", "last week", "next
/// Tuesday" (a demonstrative or a word of no class, then a noun of time, [`flag::TIME_BEFORE_CONTENT`]
/// and not an adverb, or a weekday or month name), "on Tuesday", "in March" (a preposition,
/// then a weekday or month name; not a year: "a study in 2017 concluded" keeps the study's
/// date, and GGT counts no finding of a study).
fn time_adverbial_before(tokens: &[Token], i: usize, lo: usize) -> Option<usize> {
    if i < lo + 3 {
        return None;
    }
    let noun = &tokens[i - 1];
    let t = &tokens[i - 2];
    let word = |t: &Token| t.kind == TokenKind::Word && !t.is_cap();
    let dated = noun.kind == TokenKind::Word && noun.is(flag::CALENDAR) && noun.shape & shape::POSSESSIVE == 0;
    if word(t) && t.is(flag::PREP) && !t.is(flag::SUB) && dated {
        return Some(i - 2);
    }
    // "a poll released Friday found": a weekday or month name alone after a participle (not
    // a relative clause's verb: "The team that played Monday said").
    let relative = tokens[i - 3].is(flag::WH | flag::COMPLEMENTIZER);
    if word(t) && t.has_form(form::PAST) && !t.is(flag::CUE | flag::FUNCTION) && dated && noun.is_cap() && !relative {
        return Some(i - 1);
    }
    let time = noun.kind == TokenKind::Word
        && (noun.is(flag::TIME_BEFORE_CONTENT) && !noun.is(flag::ADV) && !noun.is_cap() || noun.is(flag::CALENDAR))
        && noun.shape & shape::POSSESSIVE == 0;
    // ("this", "these", "those"; of the words of no class, "last" and "next"; "first" and "yes"
    // have that class too but hardly stand before a noun of time and a verb of saying.)
    let opener = word(t)
        && (t.is(flag::DEFINITE) && !t.is(flag::DEF_ARTICLE) || t.is(flag::MISC) && !t.is(flag::SOURCE_CUE_HEAD));
    (time && opener).then_some(i - 2)
}

/// A period that ends an abbreviation ("Mr.", "Gov.", "St.", "Fla."), not a sentence: after
/// a title, or after a short capitalised word inside the sentence the splitter kept whole.
pub(crate) fn abbreviation_period(tokens: &[Token], k: usize) -> bool {
    let Some(p) = k.checked_sub(1).map(|j| &tokens[j]) else {
        return false;
    };
    // What follows shows it too: a closing parenthesis or a comma ("(R-Miss.) said").
    let inside = tokens.get(k + 1).is_some_and(|n| n.is_punct(b')') || n.is_punct(b','));
    tokens[k].is_punct(b'.')
        && (p.is(flag::HONORIFIC | flag::TITLE)
            || p.kind == TokenKind::Word && (p.is_cap() && p.end - p.start <= 5 || inside))
}

/// Does a phrase starting at token `a` start its clause: at `lo`, or after conjunctions only?
fn opens_clause(tokens: &[Token], a: usize, lo: usize) -> bool {
    tokens[lo..a]
        .iter()
        .all(|t| t.kind == TokenKind::Word && t.is(flag::CONJ))
}

/// The end of the run of capitalised words, none a function word, that starts at `from`
/// (`from` itself when there is none): a name's extent after an inverted cue.
fn name_run_end(tokens: &[Token], from: usize, hi: usize) -> usize {
    (from..hi)
        .find(|&m| !(tokens[m].is_cap() && tokens[m].is_word() && !tokens[m].is(flag::FUNCTION)))
        .unwrap_or(hi.max(from))
}

/// The longest speaker phrase ending just before token `end`.
fn collect_left(tokens: &[Token], end: usize, lo: usize) -> Option<SpeakerNp> {
    if end <= lo {
        return None;
    }
    if is_subject_pronoun(&tokens[end - 1]) {
        return Some(SpeakerNp {
            tok_start: end as u32 - 1,
            tok_end: end as u32,
            kind: NpKind::Pronoun,
        });
    }
    let j = phrase_start(tokens, end, lo);
    // "The military said", "the suit says": "the" and a noun or two the lexicon lacks, right
    // before the verb of saying; "those questioned said": or a participle, a cue's among them.
    let generic = j < end
        && end - j <= 3
        && tokens[j].is(flag::DEFINITE)
        && tokens[j + 1..end].iter().all(|t| {
            t.is_word()
                && !t.is_cap()
                && !t.is(flag::FUNCTION | flag::PRONOUN)
                && (!t.is(flag::CUE) || cue_participle(t))
        });
    let np = classify(tokens, j, end)
        .or_else(|| {
            (generic && end > j + 1).then_some(SpeakerNp {
                tok_start: j as u32,
                tok_end: end as u32,
                kind: NpKind::Description,
            })
        })
        .filter(|_| !tokens[j].in_quote())?;
    if let Some(office) = office_in_body(tokens, j, end, lo) {
        return Some(office);
    }
    // "Tim Guest with the Nova Scotia Health Authority": a person attached to a body.
    if j >= lo + 2 && tokens[j - 1].is(flag::AFFILIATION_PREP) && !tokens[j - 1].is_cap() && tokens[j - 2].is_cap() {
        if let Some(person) = collect_left(tokens, j - 1, lo).filter(|p| p.kind == NpKind::Name) {
            return Some(SpeakerNp {
                tok_start: person.tok_start,
                ..np
            });
        }
    }
    Some(np)
}

/// Where the speaker phrase ending just before `end` starts: words walked leftwards while
/// they may belong to it, not reaching before `lo`.
fn phrase_start(tokens: &[Token], end: usize, lo: usize) -> usize {
    let mut j = end;
    let mut lowercase_modifiers = 0;
    while j > lo {
        let t = &tokens[j - 1];
        if t.kind == TokenKind::QuoteMark {
            // The "Big Love" singer: a short title in quotes inside the phrase.
            let mut m = j - 1;
            let mut words = 0;
            while m > lo && tokens[m - 1].kind != TokenKind::QuoteMark && words < 6 {
                m -= 1;
                words += 1;
            }
            if m > lo && words > 0 && words < 6 && tokens[m - 1].kind == TokenKind::QuoteMark {
                j = m - 1;
                continue;
            }
            break;
        }
        // "House of Commons", "Bank of Canada": "of" inside a capitalised name. ("Half of
        // Democrats" is a share of a group and "Residents of Toronto" a group, each capitalised
        // for its place.)
        let group_opening =
            |q: &Token| q.is(flag::GROUP_QUANTIFIER | flag::ROLE_GROUP) && q.shape & shape::SENT_START != 0;
        let of_in_name = t.is(flag::NAME_INNER_PREP)
            && !t.is_cap()
            && j >= lo + 2
            && tokens[j - 2].is_cap()
            && !group_opening(&tokens[j - 2])
            && tokens[j].is_cap();
        // "Procter & Gamble", "Marks & Spencer": "&" between capitalised words.
        // (Not a department before a title: "Sales & Marketing Director Ann Lee".)
        let ampersand_in_name = t.is_punct(b'&')
            && j >= lo + 2
            && tokens[j - 2].is_cap()
            && tokens[j].is_cap()
            && !tokens
                .get(j + 1)
                .is_some_and(|n| n.is(flag::TITLE | flag::ROLE_PERSON) && n.is_cap());
        if of_in_name || ampersand_in_name {
            j -= 1;
            continue;
        }
        if t.is_punct(b'.') && j >= 2 && tokens[j - 2].is(flag::HONORIFIC | flag::TITLE) {
            j -= 1;
            continue;
        }
        // "George W. Bush", "J. K. Rowling": the period of an initial, written against it,
        // inside a name (a capitalised word follows it).
        let initial = |p: &Token| p.kind == TokenKind::Word && p.is_cap() && p.end - p.start == 1;
        if t.is_punct(b'.')
            && j >= lo + 2
            && initial(&tokens[j - 2])
            && tokens[j - 2].end == t.start
            && tokens.get(j).is_some_and(|n| n.is_cap() && n.kind == TokenKind::Word)
        {
            j -= 1;
            continue;
        }
        // "those questioned said", "most of those asked said": a participle of a cue verb
        // right before the cue belongs to the phrase (np/cue.rs reads it so too).
        let participle = j == end && cue_participle(t);
        if !np_word(t) && !participle {
            break;
        }
        if t.is(flag::DET) {
            j -= 1;
            break;
        }
        let plain_lower = t.kind == TokenKind::Word
            && !t.is_cap()
            && !t.is(flag::ROLE | flag::TITLE | flag::HONORIFIC)
            // A quantity belongs to the phrase ("Fifty nine percent", "nearly three in four").
            && !t.is(flag::GROUP_QUANTIFIER)
            && t.shape & shape::POSSESSIVE == 0;
        if plain_lower {
            // "lead singer", "senior officials": an adjective before a role noun.
            lowercase_modifiers += 1;
            let role_right = tokens[j..end].iter().any(|x| x.is(flag::ROLE | flag::TITLE));
            // "The military said": a plain noun right after "the".
            let the_left = (j.saturating_sub(3).max(lo)..j - 1).rev().any(|m| {
                tokens[m].is(flag::DEFINITE) && {
                    tokens[m + 1..j - 1]
                        .iter()
                        .all(|x| x.is_word() && !x.is_cap() && !x.is(flag::FUNCTION))
                }
            });
            if lowercase_modifiers > 2 || !role_right && !the_left {
                break;
            }
        }
        j -= 1;
    }
    j
}

/// "The former sergeant-at-arms of the House of Commons": a person described by an office in
/// a body; the phrase (from `j`) is the office, not the body.
fn office_in_body(tokens: &[Token], j: usize, end: usize, lo: usize) -> Option<SpeakerNp> {
    if j >= lo + 3 && tokens[j - 1].is(flag::NAME_INNER_PREP) && !tokens[j - 1].is_cap() {
        let mut m = j - 1;
        while m > lo
            && m + 5 > j
            && tokens[m - 1].is_word()
            && !tokens[m - 1].is_cap()
            && !tokens[m - 1].is(flag::FUNCTION | flag::CUE | flag::PRONOUN)
        {
            m -= 1;
        }
        if m < j - 1 && m > lo && tokens[m - 1].is(flag::DEFINITE) {
            return Some(SpeakerNp {
                tok_start: m as u32 - 1,
                tok_end: end as u32,
                kind: NpKind::Description,
            });
        }
    }
    None
}

#[cfg(test)]
mod tests;
