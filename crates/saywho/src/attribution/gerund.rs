//! A reporting gerund before a quotation ("…, adding: “…”") and the verb whose subject it
//! shares.

use crate::lexicon::{flag, form};
use crate::np::{cue_at, np_before, NpKind, SpeakerNp};
use crate::token::{shape, Token};

/// "Lind said the firm faced tough choices, adding: “…”": a reporting gerund after a comma
/// speaks for the subject of the nearest finite reporting verb before it, within 16 tokens of
/// `lo..k` (read otherwise, the phrase before the sentence's first comma, "In a letter seen
/// by the BBC,", was taken for an appositive's subject). `None` without such a verb, in a
/// sentence opening with a subordinate clause ("After the report said …, the minister
/// visited, saying"), or when the verb's subject is a relative pronoun ("an architect who
/// said …") or a possessor ("dismissed Smith's claims, adding": a noun): the gerund is then
/// read as before.
pub(super) fn after_report(text: &str, tokens: &[Token], k: usize, lo: usize) -> Option<SpeakerNp> {
    if k < lo + 2 || !tokens[k].has_form(form::GERUND) || !tokens[k - 1].is_punct(b',') || tokens[lo].is(flag::SUB) {
        return None;
    }
    let report = (lo.max(k.saturating_sub(16))..k - 1)
        .rev()
        .filter(|&c| crate::names::is_finite_cue(&tokens[c]))
        .find_map(|c| cue_at(text, tokens, c).filter(|cue| cue.tok_start as usize == c))?;
    // Not the verb of a relative clause set off by commas ("Smith, whose company reported
    // losses, spoke to investors, saying"): a wh-word after a comma, before any other comma.
    let relative = (lo + 1..report.tok_start as usize)
        .rev()
        .take_while(|&j| !tokens[j].is_punct(b','))
        .any(|j| tokens[j].is(flag::WH) && tokens[j - 1].is_punct(b','));
    if relative {
        return None;
    }
    let np = np_before(tokens, report.tok_start as usize, lo)?;
    let possessor = tokens[np.tok_end as usize - 1].shape & shape::POSSESSIVE != 0;
    (np.kind != NpKind::Relative && !possessor).then_some(np)
}
