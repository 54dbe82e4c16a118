//! Indirect quotations: reported speech without quotation marks.
//!
//! Three shapes cover most news prose:
//! - subject, cue, content: "Teigen revealed that she had lost her son", "X told reporters the
//!   plan would fail";
//! - content, subject and cue: "The plan will fail, a source said.";
//! - "according to": "According to police, the man fled." / "…, according to police."

use crate::attribution::{content_start, named_attribution_at, unlisted_description};
use crate::confidence::Evidence;
use crate::doc::{Doc, Quote, QuoteKind};
use crate::lexicon::{cased, flag, form, CueClass, Lexicon};
use crate::np::{cue_at, np_after, np_before, speaker_phrase_end, Cue, NpKind, SpeakerNp};
use crate::token::{shape, word_count, Token, TokenKind};
use crate::Scope;

mod according;
mod attributions;
mod bare_clause;
mod content_end;
mod gerund_clause;
mod shapes;
use according::according_to;
use bare_clause::reads_bare_clause;

pub(crate) use content_end::content_end;
use gerund_clause::gerund_clause;
pub(crate) use shapes::coordinated_subject;
use shapes::{interrupted_subject, passive_report, request, subject_and_modifier, title_cased_report};

/// Fewest words reported content must have where nothing but its position says it is a
/// clause (content before its attribution, after a gerund, around "according to"): shorter
/// pieces there are mostly adverbials and fragments ("In fact, he said, …").
const MIN_CONTENT_WORDS: usize = 4;
/// Fewest words of content after "X said that": the cue and the complementizer already say
/// it is reported speech ("She said that business was good."); below [`MIN_CONTENT_WORDS`]
/// it is given [`Evidence::IndirectShortContent`].
const MIN_CLAUSE_WORDS: usize = 2;
/// Most tokens that may follow "…, a source said" before the sentence ends.
const MAX_TAIL: usize = 8;

/// Finds indirect quotations in sentences, leaving alone the cues and tokens that direct and
/// mixed quotations already use. Groups are numbered 0, 1, 2 … in the order found; the two
/// parts of content split by its attribution ("A, officials said, B") share one.
///
/// In [`Scope::Attributions`] a cue that reports no clause may still attribute a noun phrase,
/// an infinitive or a belief ([`Reading::Attribution`]).
pub fn attribute_indirect(doc: &Doc, lex: &Lexicon, quoted: &[Quote], scope: Scope) -> Vec<Quote> {
    let mut out = Vec::new();
    for (group, found) in (0u32..).zip(find_indirect(doc, lex, quoted, scope)) {
        let mut q = found.quote;
        q.group = group;
        let second = found.continued_by.map(|(start, end)| Quote {
            start,
            end,
            ..q.clone()
        });
        out.push(q);
        out.extend(second);
    }
    out
}

/// An indirect quotation, and for content split by its attribution ("A, officials said, B")
/// the byte span of the second part.
struct Found {
    quote: Quote,
    continued_by: Option<(u32, u32)>,
}

impl From<Quote> for Found {
    fn from(quote: Quote) -> Found {
        Found {
            quote,
            continued_by: None,
        }
    }
}

/// How [`subject_first`] reads what follows a cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Reported speech: a clause, with or without "that".
    Speech,
    /// Only a clause after "that" (a cue a quotation already uses).
    ThatOnly,
    /// [`Scope::Attributions`], in a pass after speech: any content, a noun phrase or an
    /// infinitive too ("called for a ban", "pledged to cut taxes").
    Attribution,
}

fn find_indirect(doc: &Doc, lex: &Lexicon, quoted: &[Quote], scope: Scope) -> Vec<Found> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let broad = scope == Scope::Attributions;
    // Per-token marks, so that each test below is one look-up whatever the number of quotes.
    let mut used = vec![false; tokens.len()];
    let mut inside = vec![false; tokens.len()];
    for q in quoted {
        if let Some(c) = q.cue {
            used[c.tok_start as usize] = true;
        }
        mark_span(tokens, &mut inside, q.start, q.end);
    }
    let used_cue = |k: usize| used[k];
    let covered_tok = |k: usize| inside[k];
    let covered = |a: u32, b: u32| {
        let first = tokens.partition_point(|t| t.end <= a);
        tokens[first..]
            .iter()
            .take_while(|t| t.start < b)
            .enumerate()
            .any(|(i, _)| inside[first + i])
    };
    let mut out: Vec<Found> = Vec::new();

    for (si, s) in doc.sentences.iter().enumerate() {
        let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
        let mut k = lo;
        while k < hi {
            // Each report below starts at "according", a title-cased line or a cue (a cue verb
            // or "quoted"): most tokens are none of these, and are passed over in a tight loop
            // to the next that may be (some 7 million instructions fewer on BBC news than
            // taking each token through the loop).
            let may_start = |t: &Token| {
                t.info.cue.is_some()
                    || t.is(flag::SOURCE_CUE_HEAD | flag::QUOTATION_PARTICIPLE)
                    || t.shape & shape::TITLE_CASED != 0
            };
            let rest = &tokens[k..hi];
            k += rest.iter().position(may_start).unwrap_or(rest.len());
            let Some(t) = tokens[..hi].get(k) else { break };
            if t.in_quote() || covered_tok(k) {
                k += 1;
                continue;
            }
            // "according to X"
            let word_with = |t: &Token, role: u64| t.kind == TokenKind::Word && t.is(role);
            if word_with(t, flag::SOURCE_CUE_HEAD)
                && tokens.get(k + 1).is_some_and(|n| word_with(n, flag::INFINITIVE_TO))
            {
                if let Some(q) = according_to(doc, si, k) {
                    k = hi;
                    out.push(q.into());
                    continue;
                }
            }
            let title_cased = t.shape & shape::TITLE_CASED != 0;
            if let Some((q, resume)) = title_cased.then(|| title_cased_report(doc, si, k)).flatten() {
                out.push(q.into());
                k = resume;
                continue;
            }
            if let Some((q, resume)) = (t.info.cue.is_some() && !used_cue(k))
                .then(|| passive_report(doc, si, k))
                .flatten()
            {
                out.push(q.into());
                k = resume;
                continue;
            }
            // "called the plan a failure" names, it does not report; "call" stays a cue only
            // next to quotation marks.
            let speech_cue = cue_at(text, tokens, k).filter(|_| !t.is(flag::LABEL_VERB));
            let found = match speech_cue {
                Some(cue) => speech_report(doc, lex, si, &cue, used_cue(k)),
                None => None,
            };
            // Content that runs into a quotation ends before it, when enough is left.
            let found = found.and_then(|(f, resume)| {
                if !covered(f.quote.start, f.quote.end) {
                    return Some((f, resume));
                }
                end_before_quotation(text, tokens, f, hi, &covered_tok).map(|f| (f, resume))
            });
            match found {
                Some((q, resume)) => {
                    out.push(q);
                    k = resume.max(k + 1);
                }
                None => k += 1,
            }
        }
    }
    if broad {
        // Attributions beyond speech, in a pass of their own over what speech left, so that
        // the broader scope keeps every quotation of the default one.
        let mut taken = inside;
        for f in &out {
            mark_span(tokens, &mut taken, f.quote.start, f.quote.end);
            if let Some(c) = f.quote.cue {
                taken[c.tok_start as usize..c.tok_end as usize].fill(true);
            }
            if let Some((start, end)) = f.continued_by {
                mark_span(tokens, &mut taken, start, end);
            }
        }
        out.extend(attributions::attribution_pass(doc, lex, &used, &taken));
        out.sort_by_key(|f| f.quote.start);
    }
    out
}

/// Marks the tokens of the byte span `start..end`.
fn mark_span(tokens: &[Token], marks: &mut [bool], start: u32, end: u32) {
    let first = tokens.partition_point(|t| t.end <= start);
    for (k, t) in tokens.iter().enumerate().skip(first) {
        if t.start >= end {
            break;
        }
        marks[k] = true;
    }
}

/// Reported speech after the cue `cue`: subject first, content first, or after a gerund; only
/// a "that" clause after a cue a quotation already uses.
fn speech_report(doc: &Doc, lex: &Lexicon, si: usize, cue: &Cue, used: bool) -> Option<(Found, usize)> {
    let tokens = &doc.tokens[..];
    let (lo, k) = (doc.sentences[si].tok_start as usize, cue.tok_start as usize);
    let t = &tokens[k];
    let plain = |found: Option<(Quote, usize)>| found.map(|(q, resume)| (Found::from(q), resume));
    if used {
        // `"…," the spokeswoman told POLITICO that Gore plans to skip …`: a cue that
        // attributes the quotation before it may report a "that" clause after it too.
        plain(subject_first(doc, lex, si, cue, Reading::ThatOnly))
    } else if cue.class == CueClass::Cognition {
        plain(subject_first(doc, lex, si, cue, Reading::Speech))
    } else {
        // "…in Tulsa, Oklahoma, arguing that …": a participle after a comma has no
        // subject of its own there (the phrase before the comma is no appositive
        // subject); its clause is read as a gerund clause.
        let participle_after_comma = k > lo && t.has_form(form::GERUND) && tokens[k - 1].is_punct(b',');
        (!participle_after_comma)
            .then(|| plain(subject_first(doc, lex, si, cue, Reading::Speech)))
            .flatten()
            .or_else(|| content_first(doc, si, cue))
            .or_else(|| plain(gerund_clause(doc, si, cue)))
    }
}

/// Indirect content `found` that runs into a quotation, ended before it ("said the turmoil was not
/// the fault of banks, “not by a long shot.”"); `None` when too little is left, or when the
/// quotation goes on with the clause ("said that the comment “was inappropriate”").
fn end_before_quotation(
    text: &str,
    tokens: &[Token],
    mut found: Found,
    hi: usize,
    covered_tok: &dyn Fn(usize) -> bool,
) -> Option<Found> {
    let a = tokens.partition_point(|t| t.end <= found.quote.start);
    let mut stop = (a..hi).find(|&m| covered_tok(m))?;
    while stop > a && tokens[stop - 1].kind == TokenKind::QuoteMark {
        stop -= 1;
    }
    let set_off = stop > a && {
        let p = &tokens[stop - 1];
        p.is_punct(b',') || p.is_punct(b':') || p.is_punct(b';') || p.is_terminal() || p.kind == TokenKind::Dash
    };
    let end = content_end(text, tokens, a, stop, false);
    // A phrase cut short ("will look into the") is no content.
    let cut_short = end > a && tokens[end - 1].is(flag::DET | flag::PREP | flag::CONJ);
    if !set_off || cut_short || end <= a || covered_tok(a) || word_count(tokens, a, end) < MIN_CONTENT_WORDS {
        return None;
    }
    found.quote.end = tokens[end - 1].end;
    found.continued_by = None;
    Some(found)
}

fn make(
    doc: &Doc,
    si: usize,
    a: usize,
    b: usize,
    cue: Option<Cue>,
    np: Option<SpeakerNp>,
    evidence: Evidence,
) -> Quote {
    let mut q = Quote::new(
        doc.tokens[a].start,
        doc.tokens[b - 1].end,
        QuoteKind::Indirect,
        si as u32,
    );
    q.cue = cue;
    q.speaker = np;
    q.confidence = evidence.confidence();
    q
}

/// Where content that starts at `cstart` and would end at `cend` ends when its cue stands in a
/// subordinate clause ("Though Justice Dunphy said he was loath to …, he believed …", "When
/// asked whether he thought the country was well-governed, he replied"): where the main
/// clause begins, at a comma before a subject pronoun.
fn main_clause_cut(tokens: &[Token], lo: usize, np: &SpeakerNp, cstart: usize, cend: usize) -> usize {
    let subordinate = tokens[lo..np.tok_end as usize]
        .iter()
        .any(|t| t.is(flag::SUB) && !t.is(flag::COMPLEMENTIZER));
    if !subordinate {
        return cend;
    }
    (cstart + 1..cend)
        .find(|&m| tokens[m].is_punct(b',') && tokens.get(m + 1).is_some_and(Token::is_subject_pronoun))
        .unwrap_or(cend)
}

/// "X said (that) CONTENT"; with [`Reading::ThatOnly`], only "X said that CONTENT"; with
/// [`Reading::Attribution`], "X called for CONTENT" too.
fn subject_first(doc: &Doc, lex: &Lexicon, si: usize, cue: &Cue, reading: Reading) -> Option<(Quote, usize)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let s = &doc.sentences[si];
    let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
    let k = cue.tok_start as usize;
    // "A veteran forecaster commented that": opening the sentence, a description whose head
    // is a noun for a person the roles lack.
    let opening_description = || unlisted_description(text, tokens, lex, lo, k);
    let (np, coordinated) = match np_before(tokens, k, lo).or_else(opening_description) {
        Some(np) => (np, false),
        None => (coordinated_subject(tokens, k, lo)?, true),
    };
    let (cstart, has_that) = content_start(text, tokens, cue, hi);
    if reading == Reading::Attribution {
        // Right after the cue, unless a "that" follows: no phrase is skipped ("pledged to ban
        // all …" is all content).
        let cstart = if has_that && attributions::that_opens_content(tokens, cue, cstart) {
            cstart
        } else {
            cue.tok_end as usize
        };
        return attributions::attributed(doc, si, cue, np, cstart);
    }
    // Beliefs and findings ("believes that", "a poll shows that") count only with "that".
    if (reading == Reading::ThatOnly || cue.class == CueClass::Cognition) && !has_that {
        return None;
    }
    if !has_that {
        if let Some(q) = request(doc, si, cue, np) {
            return Some(q);
        }
    }
    let bare_clause = !has_that && reads_bare_clause(tokens, (lo, hi), cue, &np, cstart);
    if cstart >= hi || !(has_that || bare_clause) {
        return None;
    }
    let mut cend = content_end(text, tokens, cstart, hi, np.kind == NpKind::Relative);
    // "Though Justice Dunphy said he was loath to …, he believed …": in a subordinate clause,
    // the content ends where the main clause begins.
    cend = main_clause_cut(tokens, lo, &np, cstart, cend);
    let words = word_count(tokens, cstart, cend);
    // Without "that", a short object reads like a clause ("tell stories about …", "tweet it
    // out").
    // "announced a $2M fund for schools": after a cue without "that", "a" opens an object
    // unless a verb form follows ("said a man was arrested", "said a man died").
    let has_verb = tokens.get(cstart..cend).is_some_and(|c| c.iter().any(verb_form));
    if !has_that && tokens[cstart].is(flag::INDEF_ARTICLE) && !has_verb {
        return None;
    }
    if !has_that && indefinite_object(text, lex, tokens, cstart, cend) {
        return None;
    }
    // A short bare clause passes with a visible verb after its subject ("said business was
    // good"), or a past form that ends the sentence ("said the photo lied.": no object or
    // phrase follows that would make it a participle modifying the noun), not in a clause of
    // time or condition ("said before he died": when it was said).
    let ends_sentence = tokens.get(cend).is_none_or(|t| t.is_terminal());
    let visible_verb = tokens
        .get(cstart + 1..cend)
        .is_some_and(|c| c.iter().any(|t| t.is(flag::AUX | flag::BE_FORM)))
        || ends_sentence && cend > cstart + 1 && tokens[cend - 1].is_past() && !tokens[cstart].is(flag::SUB);
    let min_words = if has_that {
        MIN_CLAUSE_WORDS
    } else if visible_verb {
        MIN_CLAUSE_WORDS + 1
    } else {
        MIN_CONTENT_WORDS
    };
    if cend <= cstart || words < min_words {
        return None;
    }
    // "…, said police Chief Joseph Boinnet.": what follows is the speaker, not content; so is
    // a description with a phrase after it, after a comma ("…, said one GOP source in the
    // room.").
    // (Not the comma that closes an appositive to the sentence's subject: "Joe Rees, a
    // commissioner, said the photo misled voters" is Rees's.)
    let subject_set_off =
        np.tok_start as usize == lo && tokens.get(np.tok_end as usize).is_some_and(|t| t.is_punct(b','));
    let speaker_after = np_after(tokens, cstart, hi).is_some_and(|n| {
        n.kind == NpKind::Name && n.tok_end as usize >= cend
            || k > lo && tokens[k - 1].is_punct(b',') && !subject_set_off && speaker_phrase_end(tokens, n, hi) >= cend
    });
    if !has_that && speaker_after {
        return None;
    }
    let evidence = if words < MIN_CONTENT_WORDS {
        Evidence::IndirectShortContent
    } else if coordinated {
        Evidence::IndirectCoordinatedCue
    } else if has_that {
        Evidence::IndirectWithComplementizer
    } else {
        Evidence::IndirectBareClause
    };
    Some((make(doc, si, cstart, cend, Some(*cue), Some(np), evidence), cend))
}

/// A verb form that may be a clause's own: an auxiliary, a form of "be", or a past form.
fn verb_form(t: &Token) -> bool {
    t.is(flag::AUX | flag::BE_FORM) || t.is_past()
}

/// "said nothing about the plan", "said something to redeem himself": is the content from
/// `cstart` to `cend` an indefinite pronoun that is the cue's object? Not when its own verb
/// follows it, maybe after a modifier or a short phrase ("said something was wrong", "said
/// nothing new had emerged", "said nothing in the report suggested fraud"); an infinitive or a
/// comma first says it is no clause. (A form in -s counts only right after it, "something
/// seems": further on it is as often a plural noun, "nothing about the plans".)
fn indefinite_object(text: &str, lex: &Lexicon, tokens: &[Token], cstart: usize, cend: usize) -> bool {
    if !lex.is_cased(tokens[cstart].text(text), cased::INDEFINITE_PRONOUN) {
        return false;
    }
    let next_s = tokens
        .get(cstart + 1)
        .is_some_and(|t| t.has_form(form::S) && !t.is(flag::FUNCTION));
    let own_verb = next_s
        || tokens[cstart + 1..cend.min(cstart + 6).max(cstart + 1)]
            .iter()
            .take_while(|t| !t.is(flag::INFINITIVE_TO) && !t.is_punct(b','))
            .any(verb_form);
    !own_verb
}

/// "CONTENT, X said." and "CONTENT, said X."
fn content_first(doc: &Doc, si: usize, cue: &Cue) -> Option<(Found, usize)> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let s = &doc.sentences[si];
    let (lo, hi) = (s.tok_start as usize, s.tok_end as usize);
    let k = cue.tok_start as usize;
    if cue.tok_end as usize > hi {
        return None;
    }
    // The tail after the cue is short and holds no new clause, or it is the second half of
    // what was said: "CONTENT1, officials said, CONTENT2."
    let (comma, np) = if k > lo && tokens[k - 1].is_punct(b',') {
        // "…, insists Xander Wise, in seeing …": the inverted speaker phrase ends there; a
        // gerund (", noting the board …") has no subject after it.
        if tokens[k].has_form(form::GERUND) {
            return None;
        }
        if subject_and_modifier(tokens, lo, k) {
            return None;
        }
        let np = np_after(tokens, cue.tok_end as usize, hi)?;
        // The speaker's phrase may run on ("…, said a source in the room") after a verb of
        // saying that takes a bare clause, as inverted cues are ("…, criticized Clinton on two
        // fronts" has an object), unless the comma closes the subject's appositive ("CCTV,
        // the state broadcaster, claims an audience of …": what follows is its object).
        let closes_appositive = || {
            tokens[lo..k - 1]
                .iter()
                .rposition(|t| t.is_punct(b','))
                .is_some_and(|c| {
                    let piece = &tokens[lo + c + 1..k - 1];
                    piece.first().is_some_and(|t| t.is(flag::DET)) && piece.iter().any(|t| t.is(flag::ROLE))
                })
        };
        let after = if tokens[k].is(flag::BARE_CLAUSE_VERB) && !closes_appositive() {
            speaker_phrase_end(tokens, np, hi)
        } else {
            np.tok_end as usize
        };
        let ends = tokens
            .get(after)
            .is_none_or(|t| t.is_punct(b',') || t.is_punct(b';') || t.is_terminal())
            || after >= hi;
        if !ends {
            return None;
        }
        (k - 1, np)
    } else {
        let np = np_before(tokens, k, lo)?;
        let c = (np.tok_start as usize).checked_sub(1)?;
        // "…five superdelegates, two of whom have pledged their support": what stands before a
        // relative subject is its antecedent, never what it said.
        if c < lo || !tokens[c].is_punct(b',') || np.kind == NpKind::Relative {
            return None;
        }
        (c, np)
    };
    // "While Smith said the plan would work, Ottawa rejected it": a concessive clause with
    // an attribution of its own is not what the later cue reports.
    if tokens[lo].is(flag::CONCESSIVE_SUB)
        && (lo..comma).any(|j| {
            // A verb's past or -s form ("said", "says"), not a noun ("in Europe demand").
            (tokens[j].has_form(form::PAST | form::S) || tokens[j].is(flag::IRREGULAR_PAST))
                && named_attribution_at(doc, j, lo).is_some()
        })
    {
        return None;
    }
    // What follows the attribution ("…, insists Xander Wise, in seeing …").
    let tail_start = (cue.tok_end as usize).max(np.tok_end as usize);
    let tail = &tokens[tail_start..hi];
    // "They had two aims, Foster writes; to challenge …": a semicolon splits it too.
    // "…, said Dr. Robert Rutledge, a Halifax oncologist.": an appositive is no second half.
    let appositive = tokens.get(tail_start + 1).is_some_and(|t| t.is(flag::INDEF_ARTICLE))
        || tokens.get(tail_start + 1).is_some_and(|t| t.is(flag::DET))
            && tokens
                .get(tail_start + 1..hi.min(tail_start + 6))
                .unwrap_or_default()
                .iter()
                .any(|t| t.is(flag::ROLE | flag::TITLE));
    let interrupted = interrupted_subject(tokens, lo, comma, tail_start, hi);
    // "Too often, he says, they get it.": a second part opening with a subject pronoun is a
    // clause however short.
    let pronoun_clause = tail_start + 1 < hi
        && tokens[tail_start + 1..].first().is_some_and(Token::is_subject_pronoun)
        && word_count(tokens, tail_start + 1, hi) > MIN_CLAUSE_WORDS;
    let split_tail = tail.first().is_some_and(|t| t.is_punct(b',') || t.is_punct(b';'))
        && !appositive
        && (interrupted || pronoun_clause || word_count(tokens, tail_start + 1, hi) >= MIN_CONTENT_WORDS);
    // "…, said Howard Rubel, a senior analyst at Jefferies, who notes that …": an appositive
    // after the speaker may run long and hold clauses of its own; it belongs to the speaker.
    let set_off_appositive = appositive && tail.first().is_some_and(|t| t.is_punct(b','));
    if !split_tail
        && !set_off_appositive
        && (tail.iter().filter(|t| !t.is_terminal()).count() > MAX_TAIL
            || tail
                .iter()
                .any(|t| t.kind == TokenKind::Word && t.is(flag::COMPLEMENTIZER) || t.kind == TokenKind::QuoteMark))
    {
        return None;
    }

    let mut a = lo;
    // "But …", "And …" are not part of what was said.
    while a < comma && tokens[a].is(flag::CONJ) {
        a += 1;
    }
    let end = content_end(text, tokens, a, comma, false);
    let tail = if split_tail {
        let b = tail_start + 1;
        let b_end = content_end(text, tokens, b, hi, false);
        (b_end > b).then_some((b, b_end))
    } else {
        None
    };
    // "Too often, he says, they get it.": with a second half, a short lead-in is the first
    // piece of what was said.
    let head_ok = interrupted
        || word_count(tokens, a, end) >= MIN_CONTENT_WORDS
        || tail.is_some() && tokens[a].is_word() && word_count(tokens, a, end) >= 1;
    match (head_ok, tail) {
        (true, tail) => {
            let first = Found {
                quote: make(doc, si, a, end, Some(*cue), Some(np), Evidence::IndirectContentFirst),
                // The second half belongs to the same utterance: a quote of the same group.
                continued_by: tail.map(|(b, e)| (tokens[b].start, tokens[e - 1].end)),
            };
            Some((first, hi))
        }
        // "And, he says, they get it.": a lead-in of conjunctions alone is not what was said.
        (false, Some((b, e))) => Some((
            make(doc, si, b, e, Some(*cue), Some(np), Evidence::IndirectSecondPart).into(),
            hi,
        )),
        (false, None) => None,
    }
}
