//! The speaker phrase after an inverted cue: "said Legend", "said the singer", "said farm
//! worker Luis Ortega", "says Campbell's partner, Jason Louth".

use super::{aged, classify, is_subject_pronoun, name_run_end, np_word, plural_possessive, NpKind, SpeakerNp};
use crate::lexicon::flag;
use crate::token::{shape, Token, TokenKind};

/// Up to three lower-case content words from `j` and then a capitalised name word: "farm
/// worker Luis Ortega". Returns the index of the name word, or `j` when there is none.
fn occupation_before_name(tokens: &[Token], j: usize, hi: usize) -> usize {
    let plain = |t: &Token| {
        t.kind == TokenKind::Word
            && !t.is_cap()
            && !t.is(flag::FUNCTION | flag::CUE | flag::PRONOUN | flag::ADV | flag::CALENDAR)
    };
    let words = tokens[j..hi.min(j + 4)].iter().take_while(|t| plain(t)).count();
    let name_follows = tokens
        .get(j + words)
        .is_some_and(|n| j + words < hi && n.is_cap() && n.is_word() && !n.is(flag::FUNCTION | flag::PRONOUN));
    if (1..=3).contains(&words) && name_follows {
        j + words
    } else {
        j
    }
}

/// The speaker phrase that starts at token `k`, right after an inverted cue ("said Legend",
/// "said the singer"), not reaching `hi`.
pub fn np_after(tokens: &[Token], k: usize, hi: usize) -> Option<SpeakerNp> {
    let t = tokens.get(k).filter(|_| k < hi)?;
    if is_subject_pronoun(t) {
        return Some(SpeakerNp {
            tok_start: k as u32,
            tok_end: k as u32 + 1,
            kind: NpKind::Pronoun,
        });
    }
    // "said some of the advisers", "said two of those present": a share of a group.
    let of = tokens.get(k + 1).filter(|o| o.is(flag::NAME_INNER_PREP) && !o.is_cap());
    if t.is(flag::GROUP_QUANTIFIER) && of.is_some() {
        if let Some(group) = np_after(tokens, k + 2, hi) {
            return Some(SpeakerNp {
                tok_start: k as u32,
                tok_end: group.tok_end,
                kind: NpKind::Description,
            });
        }
    }
    let j = match walk(tokens, k, hi) {
        Walk::End(j) => j,
        Walk::Name(np) => return Some(np),
    };
    // "says Campbell's partner, Jason Louth": the name in apposition is the speaker.
    if j > k && j + 2 < hi && tokens[j].is_punct(b',') && tokens[j + 1].is_cap() && tokens[j + 1].is_word() {
        let m = name_run_end(tokens, j + 1, hi);
        let closes = m >= hi || tokens[m].is_punct(b',') || tokens[m].is_terminal();
        let described = classify(tokens, k, j).is_some_and(|np| np.kind != NpKind::Pronoun);
        let possessor = tokens[k..j].iter().any(|t| t.shape & shape::POSSESSIVE != 0);
        if closes && m > j + 1 && (described && !tokens[k].is_cap() || possessor) {
            return Some(SpeakerNp {
                tok_start: j as u32 + 1,
                tok_end: m as u32,
                kind: NpKind::Name,
            });
        }
    }
    // "the rookie defenceman": a definite description whose head the lexicon lacks, right
    // after an inverted cue, where nothing but the speaker can stand.
    let generic = j > k + 1
        && tokens[k].is(flag::DEF_ARTICLE)
        && (j >= hi || !tokens[j].is_word() || tokens[j].is(flag::PREP | flag::CONJ));
    classify(tokens, k, j).or_else(|| {
        generic.then_some(SpeakerNp {
            tok_start: k as u32,
            tok_end: j as u32,
            kind: NpKind::Description,
        })
    })
}

/// How the walk over a speaker phrase's words ended.
enum Walk {
    /// At this token: the phrase is the tokens before it.
    End(usize),
    /// At a name that is the whole speaker ("said NBC's Dante Chinni").
    Name(SpeakerNp),
}

/// Walks from `k` over the words a speaker phrase after an inverted cue is made of (names,
/// titles, role nouns and their modifiers, a short quoted title), not reaching `hi`.
fn walk(tokens: &[Token], k: usize, hi: usize) -> Walk {
    let occupation_end = occupation_before_name(tokens, k, hi);
    let mut j = k;
    while j < hi {
        let t = &tokens[j];
        if t.kind == TokenKind::QuoteMark && j > k && plural_possessive(tokens, j) {
            // "said Wales' team physiotherapist Mark Davies".
            j += 1;
            continue;
        }
        if t.kind == TokenKind::QuoteMark && j > k {
            // The "Big Love" singer: jump over a short quoted title.
            let close = (j + 1..hi.min(j + 8)).find(|&m| tokens[m].kind == TokenKind::QuoteMark);
            match close {
                Some(m) if m > j + 1 => {
                    j = m + 1;
                    continue;
                }
                _ => break,
            }
        }
        // "Gen. Smith", not "said the spokesman. He …": the period of an abbreviated title,
        // inside the sentence. "Jeffrey N. Trimble": the period of an initial, written against
        // it, before the rest of the name, in a phrase that is a name (in "of the Protection Act
        // President George W. Bush" the name starts at the title).
        if t.is_punct(b'.') && j > k {
            let p = &tokens[j - 1];
            let initial = tokens[k].is_cap()
                && !tokens[k].is(flag::DET)
                && p.kind == TokenKind::Word
                && p.is_cap()
                && p.end - p.start == 1
                && p.end == t.start;
            let inside = tokens
                .get(j + 1)
                .is_some_and(|n| n.shape & shape::SENT_START == 0 && (!initial || n.is_cap() && n.is_word()));
            if (p.is(flag::HONORIFIC | flag::TITLE) || initial) && inside {
                j += 1;
                continue;
            }
        }
        // "the National Institute on Drug Abuse": a preposition inside a capitalised name.
        // ("Procter & Gamble": an "&" between capitalised words.)
        let joins_name = (t.is(flag::NAME_JOINER) || t.is_punct(b'&'))
            && j > k
            && tokens[j - 1].is_cap()
            && tokens
                .get(j + 1)
                .is_some_and(|n| n.is_cap() && n.is_word() && !n.is(flag::FUNCTION));
        if joins_name && j + 1 < hi {
            j += 1;
            continue;
        }
        if !np_word(t) || (t.is(flag::DET) && j > k) {
            break;
        }
        // "Cambridge cartoonist Andre Campbell": an occupation between capitalised words.
        let before_name = tokens[k].is_cap()
            && tokens
                .get(j + 1)
                .is_some_and(|n| n.is_cap() && n.is_word() && !n.is(flag::FUNCTION));
        if t.kind == TokenKind::Word
            && !t.is_cap()
            && !before_name
            && !t.is(flag::ROLE | flag::TITLE | flag::DET | flag::HONORIFIC)
            && !aged(t)
        {
            // Lower-case words may precede a role noun ("the lead singer"); after "the" they
            // may also be a description the lexicon lacks ("the rookie defenceman").
            // A past form with an object after it is the clause's verb, not a modifier: "The
            // police arrested a man and said …" (subject "The police").
            let verb_with_object = t.is_past() && tokens.get(j + 1).is_some_and(|n| n.is(flag::DET | flag::PRONOUN));
            if verb_with_object {
                break;
            }
            let rest_has_role = tokens[j + 1..hi.min(j + 4)]
                .iter()
                .any(|x| x.is(flag::ROLE | flag::TITLE) || aged(x));
            let after_the = tokens[k].is(flag::DEF_ARTICLE) && j - k <= 3;
            let head_seen = tokens[k..j].iter().any(|x| x.is(flag::ROLE | flag::TITLE));
            let description_word = after_the && !head_seen && !t.is(flag::FUNCTION | flag::CUE | flag::PRONOUN);
            // "said farm worker Luis Ortega": an occupation the lexicon lacks, right before
            // the name, in the speaker's place after an inverted cue.
            let before_speaker_name = j < occupation_end;
            if !rest_has_role && !description_word && !before_speaker_name {
                break;
            }
        }
        j += 1;
        // "the town's finance office": a possessor inside the phrase, not its end.
        let role_follows = tokens[j..hi.min(j + 3)].iter().any(|n| n.is(flag::ROLE | flag::TITLE));
        if t.shape & shape::POSSESSIVE != 0 && !role_follows {
            // "said NBC's Dante Chinni": a name of two words or more after a proper noun's
            // possessive, ending the phrase, is the speaker; the possessor is where they work.
            let name_end = name_run_end(tokens, j, hi);
            let ends = name_end >= hi || !tokens[name_end].is_word();
            if tokens[k].is_cap() && j == k + 1 && name_end >= j + 2 && ends {
                return Walk::Name(SpeakerNp {
                    tok_start: j as u32,
                    tok_end: name_end as u32,
                    kind: NpKind::Name,
                });
            }
            break;
        }
    }
    Walk::End(j)
}
