//! Shapes of reported speech around the main three: a request ("urged people to …"), a cue
//! coordinated with an earlier verb ("denied the report and said …"), a clause interrupted
//! by its attribution ("The plan, she says, will fail."), a title-cased headline ("Trump
//! Says He Will Win."), and a report in the passive ("It was announced by the ministry that
//! …").

use super::{content_end, make, MIN_CLAUSE_WORDS, MIN_CONTENT_WORDS};
use crate::confidence::Evidence;
use crate::doc::{Doc, Quote};
use crate::lexicon::{flag, form, Case, CueClass, Gender};
use crate::np::{np_after, np_before, Cue, NpKind, SpeakerNp};
use crate::token::{shape, word_count, Token, TokenKind};

/// "Trudeau urged people to send a message", "warned residents to stay away": a verb whose
/// first object is the hearer reports a request as the hearer and an infinitive.
pub(super) fn request(doc: &Doc, si: usize, cue: &Cue, np: SpeakerNp) -> Option<(Quote, usize)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let hi = doc.sentences[si].tok_end as usize;
    let j = cue.tok_end as usize;
    if !tokens[cue.tok_start as usize].is(flag::HEARER_VERB) || j >= hi {
        return None;
    }
    // The hearer: a pronoun or a short noun phrase, then "to" and a verb.
    let to = (j + 1..hi.min(j + 5)).find(|&m| tokens[m].is(flag::INFINITIVE_TO))?;
    let hearer_ok = tokens[j..to].iter().all(|t| {
        t.kind == TokenKind::Word
            && !t.is(flag::PREP | flag::CONJ | flag::SUB | flag::CUE | flag::AUX)
            && (!t.is(flag::PRONOUN) || t.info.case == Some(crate::lexicon::Case::Object))
    });
    let verb_next = tokens
        .get(to + 1)
        .is_some_and(|t| t.kind == TokenKind::Word && !t.is(flag::FUNCTION));
    if !hearer_ok || !verb_next {
        return None;
    }
    let cend = content_end(text, tokens, j, hi, false);
    if cend <= to + 1 || word_count(tokens, j, cend) < MIN_CONTENT_WORDS {
        return None;
    }
    Some((
        make(doc, si, j, cend, Some(*cue), Some(np), Evidence::IndirectRequest),
        cend,
    ))
}

/// The subject of a cue coordinated with an earlier verb ("She denied the report and said
/// …", "… but said …"): the phrase that opens the sentence.
pub(crate) fn coordinated_subject(tokens: &[Token], k: usize, lo: usize) -> Option<SpeakerNp> {
    let mut i = k;
    // "and later said", "but has said"
    while i > lo && tokens[i - 1].is(flag::ADV | flag::AUX | flag::NEG) && !tokens[i - 1].is(flag::PRONOUN) {
        i -= 1;
    }
    if i <= lo + 2 || !tokens[i - 1].is(flag::CONJ) || tokens[i - 1].is_cap() {
        return None;
    }
    // Past leading conjunctions ("But she denied …"), the sentence's first phrase.
    let a = (lo..i).find(|&a| !tokens[a].is(flag::CONJ))?;
    let np = np_after(tokens, a, i - 1)?;
    // The subject is followed by its own verb, not by the conjunction ("Ohio and said"); a
    // passive first verb makes the second one passive too ("had been diagnosed … and told he
    // had three months"), and a hearer verb needs its hearer ("and told reporters"). Only the
    // verbs before a first reporting verb tell: in "He said prices are rising, and added …"
    // the "are" is the reported clause's.
    let first_verbs = &tokens[np.tok_end as usize..i];
    let first_cue = first_verbs
        .iter()
        .position(|t| t.is(flag::CUE))
        .unwrap_or(first_verbs.len());
    let passive = first_verbs[..first_cue].iter().any(|t| t.is(flag::BE_FORM));
    // A semicolon ends the subject's clause: what follows has a subject of its own, perhaps
    // left unsaid ("I thought of it; but again, when I felt …, and observing that …").
    let clause_ends = first_verbs.iter().any(|t| t.is_punct(b';'));
    let hearer_missing = tokens[k].is(flag::HEARER_VERB) && tokens.get(k + 1).is_some_and(Token::is_subject_pronoun);
    (np.tok_end as usize + 1 < i && np.kind != NpKind::Relative && !passive && !clause_ends && !hearer_missing)
        .then_some(np)
}

/// "The plan, she says, will fail.": a short subject before the attribution (`lo..comma`) and
/// its verb right after it (an auxiliary or a form of "be" after the comma at `tail_start`):
/// one utterance in two pieces, however short each is.
pub(super) fn interrupted_subject(tokens: &[Token], lo: usize, comma: usize, tail_start: usize, hi: usize) -> bool {
    let head = &tokens[lo..comma];
    let subject_start = head.first().is_some_and(|t| {
        t.kind == TokenKind::Word && (t.is(flag::DET) && !t.is(flag::SUB) || t.is_cap() && !t.is(flag::FUNCTION))
    });
    let verb_next = tokens
        .get(tail_start + 1)
        .is_some_and(|t| t.kind == TokenKind::Word && t.is(flag::AUX | flag::BE_FORM));
    // "Also charged, police said, was a man from Toronto": an inverted clause, whose head is
    // a participle phrase and whose verb is "be".
    let inverted = tokens.get(tail_start + 1).is_some_and(|t| t.is(flag::BE_FORM))
        && head
            .first()
            .is_some_and(|t| !t.is(flag::CONJ | flag::PREP | flag::SUB | flag::WH | flag::PRONOUN))
        && head.last().is_some_and(|t| t.has_form(form::PAST));
    let subject_start = subject_start || inverted;
    let words = word_count(tokens, lo, comma);
    tokens.get(tail_start).is_some_and(|t| t.is_punct(b','))
        && tail_start + 2 < hi
        && subject_start
        && verb_next
        && (1..=4).contains(&words)
        && head.iter().all(|t| t.is_word() || t.kind == TokenKind::Number)
}

/// "Trump Says He Never Pledged To Kill Family Members Of Terrorists.": in a title-cased line,
/// a reporting verb at `k` in a finite form, after a name of at most five words that opens the
/// line, reports the rest of the line (three words or more); at the end of the line, after a
/// comma and such a name, it reports what comes before the comma ("…, Lindsey Graham Says").
pub(super) fn title_cased_report(doc: &Doc, si: usize, k: usize) -> Option<(Quote, usize)> {
    let tokens = &doc.tokens[..];
    let s = &doc.sentences[si];
    let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
    let t = &tokens[k];
    let verb = t.kind == TokenKind::Word
        && t.is_cap()
        && t.shape & shape::TITLE_CASED != 0
        && t.shape & shape::IN_QUOTE == 0
        && crate::names::is_finite_cue(t)
        // A verb of saying that reports a clause without "that", and no hearer first: "Says",
        // "Claims"; not "Pens" (a note), "Tells" (a convention).
        && t.info.cue == Some(CueClass::Speech)
        && t.is(flag::BARE_CLAUSE_VERB)
        && !t.is(flag::HEARER_VERB);
    if !verb || k <= lo {
        return None;
    }
    let is_name = |span: &[Token]| {
        !span.is_empty()
            && span.len() <= 5
            && span
                .iter()
                .all(|x| x.kind == TokenKind::Word && x.is_cap() && !x.is(flag::FUNCTION | flag::PRONOUN | flag::CUE))
    };
    let cue = Cue {
        tok_start: k as u32,
        tok_end: k as u32 + 1,
        class: t.info.cue.unwrap_or(CueClass::Speech),
    };
    let speaker = |a: usize, b: usize| SpeakerNp {
        tok_start: a as u32,
        tok_end: b as u32,
        kind: NpKind::Name,
    };
    // "Lindsey Graham Says Trump Could Address Clean Energy": the name opens the line.
    if is_name(&tokens[lo..k]) {
        let end = content_end(doc.text, tokens, k + 1, hi, false);
        if word_count(tokens, k + 1, end) < 3 {
            return None;
        }
        let quote = make(
            doc,
            si,
            k + 1,
            end,
            Some(cue),
            Some(speaker(lo, k)),
            Evidence::TitleCasedReport,
        );
        return Some((quote, hi));
    }
    // "Trump Could Address Clean Energy, Lindsey Graham Says": the report first, then a comma,
    // the name and the verb, which ends the line.
    let ends_line = tokens[k + 1..hi].iter().all(|x| x.kind == TokenKind::Punct);
    let comma = (lo..k).rev().find(|&j| tokens[j].is_punct(b','))?;
    if !ends_line || !is_name(&tokens[comma + 1..k]) {
        return None;
    }
    let end = content_end(doc.text, tokens, lo, comma, false);
    if word_count(tokens, lo, end) < 3 {
        return None;
    }
    let quote = make(
        doc,
        si,
        lo,
        end,
        Some(cue),
        Some(speaker(comma + 1, k)),
        Evidence::TitleCasedReport,
    );
    Some((quote, hi))
}

/// "Ms Jones, whose son was killed, criticised the police", "Supporters of the bill, including
/// Senator Warren, praised the vote": a name or a phrase for people alone before the first
/// comma, then a relative clause or a participle set off before the cue at `k`, are the
/// sentence's subject and its modifier, and the cue its verb: nothing before it was said.
/// (Not a clause there: "The department suffered high turnover, which had interfered with its
/// work, said the committee.")
pub(super) fn subject_and_modifier(tokens: &[Token], lo: usize, k: usize) -> bool {
    let mut commas = (lo..k - 1).filter(|&c| tokens[c].is_punct(b','));
    // Exactly "NP, MODIFIER, VERB": one piece set off between the subject and the cue.
    let only_comma = commas.next().filter(|_| commas.next().is_none());
    let set_off_modifier = only_comma
        .and_then(|c| tokens.get(c + 1))
        .is_some_and(|t| t.kind == TokenKind::Word && (t.is(flag::WH) || t.has_form(form::GERUND) && !t.is(flag::CUE)));
    // The subject alone: a name, or a phrase for people, opening the sentence with no verb
    // form in it ("The pound fell sharply, hitting importers, said analysts" is a clause).
    let subject_alone = |first: usize| {
        let verb = tokens[lo..first]
            .iter()
            .any(|t| t.is_past() || t.has_form(form::S) && !t.is_cap() || t.is(flag::AUX | flag::BE_FORM));
        let people = |np: &SpeakerNp| {
            np.kind == NpKind::Name
                || tokens[np.tok_start as usize..np.tok_end as usize]
                    .iter()
                    .any(|t| t.is(flag::ROLE | flag::TITLE))
        };
        !verb
            && !tokens[lo].is(flag::PREP | flag::SUB | flag::ADV)
            && np_before(tokens, first, lo).is_some_and(|np| np.tok_start as usize == lo && people(&np))
    };
    set_off_modifier && only_comma.is_some_and(subject_alone)
}

/// "It was announced by the ministry that the border would reopen": a reporting verb in the
/// passive after an expletive "it", its agent after "by", its content after "that". The agent
/// is the speaker; `None` without one ("It was reported that …" names no source, so it is left
/// out: a quote is counted for who said it).
/// (A cue in the passive is no cue to [`crate::np::cue_at`]: the subject did not speak.)
pub(super) fn passive_report(doc: &Doc, si: usize, k: usize) -> Option<(Quote, usize)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let s = &doc.sentences[si];
    let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
    let class = tokens[k].info.cue?;
    let cue = Cue {
        tok_start: k as u32,
        tok_end: k as u32 + 1,
        class,
    };
    let expletive =
        |t: &Token| t.is(flag::PRONOUN) && t.info.gender == Gender::Neuter && t.info.case == Some(Case::Subject);
    if k < lo + 2 || !tokens[k].is_past() || !tokens[k - 1].is(flag::BE_FORM) || !expletive(&tokens[k - 2]) {
        return None;
    }
    let by = cue.tok_end as usize;
    if !tokens.get(by).is_some_and(|t| t.is(flag::MEANS_BY)) {
        return None;
    }
    let agent = np_after(tokens, by + 1, hi)?;
    let that = agent.tok_end as usize;
    if !tokens.get(that).is_some_and(|t| t.is(flag::COMPLEMENTIZER)) || that + 1 >= hi {
        return None;
    }
    let cend = content_end(text, tokens, that + 1, hi, false);
    if word_count(tokens, that + 1, cend) < MIN_CLAUSE_WORDS {
        return None;
    }
    let quote = make(
        doc,
        si,
        that + 1,
        cend,
        Some(cue),
        Some(agent),
        Evidence::IndirectWithComplementizer,
    );
    Some((quote, cend))
}
