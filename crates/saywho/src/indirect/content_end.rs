//! Where reported content ends: at a second report ("…, adding that", "… but Chapman says"),
//! a clause of the writer's, the end of a concessive clause, or the sentence's end.

use super::cue_at;
use crate::lexicon::{flag, form};
use crate::np::np_before;
use crate::token::{shape, Token, TokenKind};

/// Does the comma at `k` close a relative clause, the main verb following ("…, noted that",
/// "…, issued a statement", "…, doesn't pretend")? `from` is where the content starts. A comma
/// inside the content that another closes is an appositive's ("that the two men, and Mr. Cruz
/// in particular, must …"); a past form is a participle's when another comma follows ("the
/// city, founded in 1850, was …", "the plan, unveiled last week, would …"; but "…, gathered
/// outside the ministry."), and one that a conjunction or a comma follows is one of a list
/// ("she was tired, worried and hungry").
fn relative_clause_closes(text: &str, tokens: &[Token], from: usize, k: usize, hi: usize) -> bool {
    let inside_commas = tokens[from..k].iter().filter(|t| t.is_punct(b',')).count();
    let main_verb = inside_commas % 2 == 0
        && tokens.get(k + 1).filter(|_| k + 1 < hi).is_some_and(|n| {
            let after = tokens.get(k + 2);
            let more_commas = tokens[k + 1..hi].iter().any(|t| t.is_punct(b','));
            n.kind == TokenKind::Word
                && !n.is_cap()
                && (n.is(flag::AUX) || n.is_past() && !n.is(flag::FUNCTION) && !more_commas)
                && !after.is_some_and(|a| a.is(flag::CONJ) || a.is_punct(b','))
        });
    main_verb || (k + 1..hi.min(k + 3)).any(|j| cue_at(text, tokens, j).is_some())
}

/// Does a subject and a reporting verb start at token `a` ("Chapman says", "officials said")?
fn new_report_at(text: &str, tokens: &[Token], a: usize, hi: usize) -> bool {
    (a + 1..hi.min(a + 6)).any(|k| {
        cue_at(text, tokens, k).is_some() && np_before(tokens, k, a).is_some_and(|np| np.tok_start as usize == a)
    })
}

/// The longest aside between commas inside reported content ("if anyone", "in particular").
const MAX_ASIDE_WORDS: usize = 3;

/// Does the sentence end with a report of its own starting at `a`, its subject and verb and
/// nothing after them (", the ministry added.", ", MPs said.", ", he argued.")? What comes
/// before that comma is then its content, not the end of an earlier report's, whose content
/// starts at `from`. (With words after the verb, ", he told activists.", it is left to the
/// earlier report, as before.)
fn closing_report_at(text: &str, tokens: &[Token], from: usize, a: usize, hi: usize) -> bool {
    let Some(last) = (a..hi)
        .rev()
        .find(|&j| !(tokens[j].is_terminal() || tokens[j].kind == TokenKind::QuoteMark))
    else {
        return false;
    };
    // The cheap tests first: this runs at every comma of reported content. The sentence ends
    // there (not a comma that ends a longer piece of content, "Prices will rise, the bank said,
    // the FT reports"), and the comma before `a` closes no short aside that the content from
    // `from` opened ("who, if anyone, the police suspected", "what, exactly, his father
    // said"); a clause may end there ("…of Rover, who have been accused …, the FT reports",
    // "…, because those decisions should be left to states, they said").
    if last <= a || last >= a + 6 || !(tokens[last + 1..hi].iter().any(|t| t.is_terminal()) || hi >= tokens.len()) {
        return false;
    }
    let comma = a.saturating_sub(1);
    let opened = tokens[from..comma]
        .iter()
        .rposition(|t| t.is_punct(b','))
        .map(|c| from + c);
    let aside_closes = opened.is_some_and(|c| crate::token::word_count(tokens, c + 1, comma) <= MAX_ASIDE_WORDS);
    !aside_closes
        && cue_at(text, tokens, last).is_some()
        && np_before(tokens, last, a).is_some_and(|np| np.tok_start as usize == a)
}

/// Does a finite reporting verb with no subject of its own start at `a` (after "and", "but"),
/// maybe after an adverb ("but later said")?
fn coordinated_report_at(tokens: &[Token], a: usize, hi: usize) -> bool {
    let mut k = a;
    while k < hi && k < a + 2 && tokens[k].is(flag::ADV) {
        k += 1;
    }
    tokens.get(k).filter(|_| k < hi).is_some_and(|t| {
        t.kind == TokenKind::Word
            && t.is(flag::CUE)
            && !t.is_cap()
            && t.is_past()
            && tokens
                .get(k + 1)
                .is_some_and(|n| n.is(flag::COMPLEMENTIZER) || n.is_subject_pronoun())
    })
}

/// Where reported content starting at `from` ends in a sentence ending at `hi`.
pub(crate) fn content_end(text: &str, tokens: &[Token], from: usize, hi: usize, stop_at_dash: bool) -> usize {
    let mut end = hi;
    let concessive = in_concessive_clause(tokens, from);
    for k in from..hi {
        let t = &tokens[k];
        // "Though Dunphy said he was loath to penalize it, he believed …": the subordinate
        // clause, and what was said in it, ends where the main clause's subject begins.
        if concessive
            && k > from
            && t.is_punct(b',')
            && tokens.get(k + 1).is_some_and(|n| {
                n.is_subject_pronoun() || n.kind == TokenKind::Word && n.is_cap() && !n.is(flag::FUNCTION)
            })
        {
            end = k;
            break;
        }
        // A relative clause ends at its closing dash or comma ("who writes …, noted").
        if stop_at_dash
            && (t.kind == TokenKind::Dash || t.is_punct(b',') && relative_clause_closes(text, tokens, from, k, hi))
        {
            end = k;
            break;
        }
        // "…, adding that", "…, saying": a second report begins; also after a quotation's
        // comma and closing mark (`he's a "long ways from a decision," noting that …`),
        // which stay with the quotation.
        if t.is_punct(b',') || t.kind == TokenKind::Dash {
            let closing_mark = t.is_punct(b',') && tokens.get(k + 1).is_some_and(|n| n.kind == TokenKind::QuoteMark);
            let verb = if closing_mark { k + 2 } else { k + 1 };
            if tokens
                .get(verb)
                .is_some_and(|n| n.is(flag::CUE) && n.has_form(form::GERUND))
            {
                end = if closing_mark { verb } else { k };
                break;
            }
        }
        // "… the bridge would reopen, the ministry added.": the sentence's own attribution
        // closes it.
        if k > from && t.is_punct(b',') && closing_report_at(text, tokens, from, k + 1, hi) {
            end = k;
            break;
        }
        if t.kind == TokenKind::QuoteMark && k > from && tokens[k - 1].is_punct(b':') {
            end = k - 1;
            break;
        }
        // "…, while a new super PAC started …": a clause of the writer's begins.
        if k > from && t.is(flag::CONCESSIVE_SUB) && tokens[k - 1].is_punct(b',') {
            end = k;
            break;
        }
        // "… but Chapman says …": a new report by someone else begins; "… but noted that …":
        // a second report by the same speaker, its own quotation.
        if k > from
            && t.is(flag::CONJ)
            && (new_report_at(text, tokens, k + 1, hi) || coordinated_report_at(tokens, k + 1, hi))
        {
            end = k;
            break;
        }
    }
    while end > from && {
        let t = &tokens[end - 1];
        t.is_terminal() || t.is_punct(b',') || t.is_punct(b';') || t.is_punct(b':') || t.kind == TokenKind::Dash
    } {
        end -= 1;
    }
    end
}

/// Does the clause holding token `from` open a sentence with "though", "although", "while"
/// or "whereas" ("Though Dunphy said …")? Looks back to the sentence's start, a comma or at
/// most 16 tokens.
fn in_concessive_clause(tokens: &[Token], from: usize) -> bool {
    for k in (from.saturating_sub(16)..from).rev() {
        let t = &tokens[k];
        if t.is_terminal() || t.is_punct(b',') || t.is_punct(b';') || t.kind == TokenKind::QuoteMark {
            return false;
        }
        if t.shape & shape::SENT_START != 0 {
            return t.is(flag::CONCESSIVE_SUB);
        }
    }
    false
}
