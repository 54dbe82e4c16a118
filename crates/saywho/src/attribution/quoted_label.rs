//! Quoted fragments after reported content: mixed quotations (`said that he had "no regrets"
//! about it`), and the label a reporting verb gives its object ("called the plan “reckless”",
//! "described the plan as “reckless”"): what was said, not a scare quote.

use crate::confidence::Evidence;
use crate::doc::{Quote, QuoteKind};
use crate::lexicon::flag;
use crate::marks::QuoteSpan;
use crate::np::Cue;
use crate::token::{word_count, Token};

/// Whether the quoted fragment `q`, ending before `after_fragment`, is the label a labelling
/// verb (`cue`) gives its object: an object stands between them, and the label ends the clause
/// or goes on with a preposition ("called his supporters “deplorables”", "calling him a
/// “giant” of the movement"); not "called on the government to appoint “roving” reps" (a
/// request), nor "called the so-called “reform” a failure", whose label is unquoted.
pub(super) fn is_label(tokens: &[Token], cue: &Cue, q: &QuoteSpan, after_fragment: usize) -> bool {
    let k = cue.tok_start as usize;
    let open = q.open_tok as usize;
    // The word before the label: the object's last word ("called the suggestion “…”"), or an
    // indefinite article after an object ("called Putin a “killer”"). A definite article or a
    // possessive there makes the quoted word a noun of the object itself, called in another
    // sense ("called the “helpline”", "called his “fixer”", "called attention to the
    // “crisis”", "called a “summit”").
    let before = open.checked_sub(1).map(|b| &tokens[b]);
    let object_then_article = |b: usize| {
        tokens[b].is(flag::INDEF_ARTICLE)
            && b > k + 1
            && !tokens[b - 1].is(flag::PREP | flag::DET)
            && tokens[b - 1].is_word()
    };
    let object_before = open > k + 1
        && before.is_some_and(|t| {
            t.is_word()
                && !t.is_possessive_pronoun()
                && (!t.is(flag::DET | flag::PREP) || object_then_article(open - 1))
        });
    tokens[k].is(flag::LABEL_VERB)
        && !tokens.get(k + 1).is_some_and(|t| t.is(flag::PREP))
        && object_before
        && tokens
            .get(after_fragment)
            .is_none_or(|t| !t.is_word() || t.is(flag::CONJ | flag::PREP))
}

/// Is the quoted fragment `q` the word a reporting verb labels its object with through "as":
/// "described the plan as “reckless”", "hailed the deal as “historic”"? The object, a short
/// noun phrase with no verb, stands between the cue and "as": not "was described as “…”" (no
/// object, so not the speaker's word for it), nor "argued that it should be recognized as
/// “…”" (another verb labels). Only after a finite verb: a participle's speaker is less sure
/// ("a statement through Arsenal describing the speculation as “flattering”" is Reyes's).
/// A verb that reports a bare clause ("said the bill as “written” would hurt farmers", "told
/// reporters on Monday as “usual”") takes no such label; and the label ends its clause (as [`is_label`]'s does: punctuation, a
/// conjunction or a preposition after it, not "would hurt").
pub(super) fn labelled_as(tokens: &[Token], cue: &Cue, q: &QuoteSpan) -> bool {
    let verb = &tokens[cue.tok_start as usize];
    if !crate::names::is_finite_cue(verb) || verb.is(flag::BARE_CLAUSE_VERB) {
        return false;
    }
    let (k, open) = (cue.tok_end as usize, q.open_tok as usize);
    let object = |t: &Token| t.is_word() && !t.is(flag::AUX | flag::BE_FORM | flag::CUE | flag::SUB) && !t.is_past();
    let after = q.close_tok.map_or(q.end_tok, |c| c + 1) as usize;
    let ends_clause = tokens
        .get(after)
        .is_none_or(|t| !t.is_word() || t.is(flag::CONJ | flag::PREP) || q.closed_by_period(tokens));
    (k + 2..=k + MAX_LABELLED_OBJECT + 1).contains(&open)
        && tokens[open - 1].is(flag::AS_LINK)
        && !tokens[open - 2].is(flag::DET)
        && tokens[k..open - 1].iter().all(object)
        && ends_clause
}

/// The longest object, in tokens, that [`labelled_as`] reads between a cue and "as".
const MAX_LABELLED_OBJECT: usize = 6;

/// `said that he had "no regrets" about it`: the quotation `q`, after its cue with reported
/// content opening at token `c`, is a mixed quotation: from `c` to the end of the content's
/// clause (or to its own closing mark). False when it is a one-word scare quote inside the
/// report, which is dropped, unless it is the label its cue gives ("called it “reckless”").
pub(super) fn mixed_from_content(
    text: &str,
    tokens: &[Token],
    quote: &mut Quote,
    q: &QuoteSpan,
    c: usize,
    after_limit: usize,
) -> bool {
    let after_fragment = q.close_tok.map_or(q.end_tok, |t| t + 1) as usize;
    let labelled = quote
        .cue
        .as_ref()
        .is_some_and(|cue| is_label(tokens, cue, q, after_fragment));
    // A one-word fragment in reported speech is a scare quote, unless it is the label:
    // the label is what was said.
    let one_word = word_count(tokens, q.first_tok as usize, q.end_tok as usize) < 2;
    let one_word_label = one_word && !labelled && quote.cue.as_ref().is_some_and(|cue| labelled_as(tokens, cue, q));
    if one_word && !labelled && !one_word_label {
        return false;
    }
    quote.kind = QuoteKind::Mixed;
    quote.confidence = Evidence::MixedQuote.confidence();
    quote.start = tokens[c].start;
    // The reported content runs on past the fragment to the end of its clause,
    // unless the fragment's own period ended the sentence, or the fragment is a
    // label and a conjunction and a verb follow it ("called the term “outrageous”
    // and said …": the speaker's next act, where "called Camp Delta a “scandal” and
    // an “icon”" goes on labelling).
    let clause_end = crate::indirect::content_end(text, tokens, c, after_limit.max(c), false);
    let verb = |t: &Token| t.is(flag::AUX | flag::BE_FORM | flag::CUE) || t.is_past();
    let label_ends = labelled
        && tokens.get(after_fragment).is_some_and(|t| t.is(flag::CONJ))
        && tokens.get(after_fragment + 1).is_some_and(verb);
    // A one-word label through "as" is all that was quoted: "described the plan as
    // “reckless” and “doomed”" ends with it.
    if clause_end > after_fragment && !q.closed_by_period(tokens) && !label_ends && !one_word_label {
        quote.end = tokens[clause_end - 1].end;
    } else if let Some(close) = q.close_tok {
        // It ends with the fragment: with its closing mark, as it starts before the
        // opening one (`he had "no regrets"`, not `he had "no regrets`).
        quote.end = tokens[close as usize].end;
    }
    true
}
