//! Proper names: runs of capitalised words outside quotations.
//!
//! Without a tagger, the hard part is the first word of a sentence, which is capitalised
//! whatever it is. It counts as a name only with evidence from the same article: it is
//! followed by another name word, the same word is capitalised somewhere else mid-sentence, or
//! it is an acronym. Titles before a name ("Mayor", "Mr.", "host") are kept apart from it.

use crate::lexicon::{cased, flag, form};
use crate::token::{shape, Token, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet};

mod department;
mod opener;
use department::name_after_office;
use opener::opener_evidence;

/// A proper name: tokens `tok_start..tok_end`, with titles from `title_start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMention {
    /// Index of the first of the titles and honorifics just before the name ("Prime
    /// Minister", "Mr" and its period); equal to `tok_start` when there are none.
    pub title_start: u32,
    /// Index of the name's first token.
    pub tok_start: u32,
    /// Index just past the name's last token (end-exclusive); that token may carry a
    /// possessive "'s".
    pub tok_end: u32,
}

impl NameMention {
    /// The name's text, possessive "'s" removed.
    pub fn text<'t>(&self, text: &'t str, tokens: &[Token]) -> &'t str {
        let a = tokens[self.tok_start as usize].start as usize;
        let last = &tokens[self.tok_end as usize - 1];
        let b = last.start as usize + last.base(text).len();
        &text[a..b]
    }
}

/// Does the platform named at token `k` ("Facebook", "YouTube"; a capitalised channel word)
/// speak: the subject of a reporting verb (perhaps across adverbs or an auxiliary), or the
/// body of a person's role ("a spokeswoman for YouTube said")?
fn platform_speaks(text: &str, lex: &crate::lexicon::Lexicon, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    let Some(id) = t.info.channel else { return false };
    if t.kind != TokenKind::Word || !t.is_cap() || t.shape & shape::IN_QUOTE != 0 {
        return false;
    }
    // The platform's own name, not a word for what is posted on it ("Tweets show …").
    if !lex.channel_label(id).name.eq_ignore_ascii_case(t.base(text)) {
        return false;
    }
    // Not a word of a longer name ("Virgin Radio says", "director of Email Systems").
    let cap_word = |n: &Token| n.kind == TokenKind::Word && n.is_cap();
    if k > 0 && cap_word(&tokens[k - 1]) && tokens[k - 1].end + 1 >= t.start
        || tokens.get(k + 1).is_some_and(|n| cap_word(n) && n.start <= t.end + 1)
    {
        return false;
    }
    let subject = tokens[k + 1..]
        .iter()
        .take(4)
        .find(|n| !(n.kind == TokenKind::Word && !n.is_cap() && n.is(flag::ADV | flag::AUX | flag::NEG)))
        .is_some_and(|n| n.kind == TokenKind::Word && !n.is_cap() && n.is(flag::CUE) && n.info.channel.is_none());
    let after_prep =
        k >= 1 && tokens[k - 1].kind == TokenKind::Word && tokens[k - 1].is(flag::PREP) && !tokens[k - 1].is_cap();
    let of_role =
        after_prep && k >= 2 && tokens[k - 1].is(flag::AFFILIATION_PREP) && tokens[k - 2].is(flag::ROLE_PERSON);
    // After any other preposition it is the channel ("people on Twitter said").
    of_role || subject && !after_prep
}

/// Is the capitalised title word at `k` ("King") the surname of a full name found before
/// ("Rep. Steve King … King said")? Not when a name or "of" follows it or a determiner
/// precedes it ("The King of Jordan" stays a title).
fn surname_seen(text: &str, tokens: &[Token], k: usize, names: &[NameMention]) -> bool {
    let t = &tokens[k];
    // (Most title words are lower case: "the president said".)
    if !t.is_cap() {
        return false;
    }
    let name_or_of_after = tokens
        .get(k + 1)
        .is_some_and(|n| is_name_word(n) && n.start <= t.end + 1 || n.is(flag::NAME_INNER_PREP));
    let determiner_before = k > 0 && tokens[k - 1].is(flag::DET);
    !name_or_of_after
        && !determiner_before
        && names
            .iter()
            .any(|n| n.tok_end > n.tok_start + 1 && tokens[n.tok_end as usize - 1].base(text) == t.base(text))
}

/// Could this token be part of a name, ignoring its position in the sentence?
pub fn is_name_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
        && t.is_cap()
        && t.shape & (shape::IN_QUOTE | shape::HEADLINE) == 0
        && !t.is(flag::FUNCTION | flag::PRONOUN | flag::CALENDAR | flag::HONORIFIC)
        // Platforms ("Twitter") are channels, not speakers.
        && t.info.channel.is_none()
        // "Trump Says He …": in a title-cased line, a reporting verb's finite form ends a name.
        && !(t.shape & shape::TITLE_CASED != 0 && is_finite_cue(t))
}

/// A reporting verb in a finite form: "Says", "Said", "Tells", "Warned".
pub(crate) fn is_finite_cue(t: &Token) -> bool {
    t.info.cue.is_some() && (t.has_form(form::S) || t.is_past())
}

/// Finds the proper names of a document.
pub fn find_names(text: &str, tokens: &[Token], lex: &crate::lexicon::Lexicon) -> Vec<NameMention> {
    // Words the lexicon does not know, opening sentences: how often each does.
    let mut unknown_openers: FxHashMap<&str, u32> = FxHashMap::default();
    // Acronyms the article writes ("SEC", "FDA"): evidence for the long names they stand for.
    let mut acronyms: FxHashSet<&str> = FxHashSet::default();
    // Name words: at least one a name but for a platform's; the names are fewer.
    let mut name_words = 0;
    // The capitalised tokens, which the search for names below visits: a second pass over
    // every token to skip the others cost some 7 million instructions on BBC news. Each
    // token's index is written and kept only when it is capitalised, without a branch: about
    // one token in six is, and a test on each mispredicted some 165,000 times on BBC news.
    let mut caps: Vec<u32> = vec![0; tokens.len()];
    let mut n_caps = 0;
    for (k, t) in tokens.iter().enumerate() {
        caps[n_caps] = k as u32;
        n_caps += usize::from(t.is_cap());
    }
    caps.truncate(n_caps);
    // Name words mid-sentence (sized for news text, about one in twelve tokens, so that it is
    // not regrown), and the shapes of those opening sentences (one bit each).
    let mut mid: Vec<u32> = Vec::with_capacity(tokens.len() / 8);
    let mut opener_shapes = 0u64;
    // A name word is capitalised: only those tokens are asked.
    for &k in &caps {
        let (k, t) = (k as usize, &tokens[k as usize]);
        if is_name_word(t) {
            name_words += 1;
            if t.shape & shape::ALL_CAPS != 0 && (2..=6).contains(&(t.end - t.start)) {
                let word = t.base(text);
                acronyms.insert(word);
            }
            if !at_sentence_start(tokens, k) {
                mid.push(k as u32);
            } else {
                opener_shapes |= shape_bit(t.base(text));
                if t.info.flags() == 0 && t.info.cue.is_none() {
                    *unknown_openers.entry(t.base(text)).or_default() += 1;
                }
            }
        }
    }
    // Words capitalised mid-sentence somewhere in the article: evidence that the same word
    // at the start of a sentence is a name too. Only words opening a sentence are asked
    // about, so only those of their shapes are kept: most are not hashed (a set of every
    // word cost some 10 million instructions on BBC news).
    // (Sized for about a quarter of those words, so that it is seldom regrown.)
    let mut seen_mid: FxHashSet<&str> = FxHashSet::with_capacity_and_hasher(mid.len() / 4, Default::default());
    for &k in &mid {
        let word = tokens[k as usize].base(text);
        if opener_shapes & shape_bit(word) != 0 {
            seen_mid.insert(word);
        }
    }
    // Those opening two sentences or more and never capitalised mid-sentence (which is evidence
    // enough), unless the article writes them in lower case too: one more pass, only when there
    // are any (a few words at most, so a list), comparing lengths first.
    let mut repeated: Vec<&str> = unknown_openers
        .into_iter()
        .filter(|&(w, n)| n >= 2 && !seen_mid.contains(w))
        .map(|(w, _)| w)
        .collect();
    if !repeated.is_empty() {
        for t in tokens.iter().filter(|t| t.kind == TokenKind::Word && !t.is_cap()) {
            let len = (t.end - t.start) as usize;
            if repeated.iter().any(|w| w.len() == len) {
                let word = t.text(text);
                repeated.retain(|w| !w.eq_ignore_ascii_case(word));
            }
        }
    }

    // Sized once (some 9,000 regrowths on BBC news), for the name words and a few platforms.
    let mut names = Vec::with_capacity(name_words + 4);
    // The last run found to modify a title: it joins the next name's titles.
    let mut modifier: Option<(usize, usize)> = None;
    let mut k = 0usize;
    let mut next_cap = 0usize;
    loop {
        // Every test below needs a capital (a party's initial, a platform that speaks, a name
        // word): only capitalised tokens from `k` on are visited.
        while caps.get(next_cap).is_some_and(|&c| (c as usize) < k) {
            next_cap += 1;
        }
        let Some(&cap) = caps.get(next_cap) else { break };
        k = cap as usize;
        let t = &tokens[k];
        // "Gregory Meeks (D-N.Y.)", "Ted Cruz (R-Texas)": a party's initial and a state in
        // parentheses after a name hold no name.
        if let Some(close) = party_and_state(text, tokens, k) {
            k = close;
            continue;
        }
        // "Facebook said", "a spokeswoman for YouTube said": a platform, never a name where it
        // is a channel ("posted on Facebook"), names its company where it speaks.
        if t.info.channel.is_some() && platform_speaks(text, lex, tokens, k) {
            names.push(NameMention {
                title_start: k as u32,
                tok_start: k as u32,
                tok_end: k as u32 + 1,
            });
            k += 1;
            continue;
        }
        // A title starts no name: "Prime Minister Justin Trudeau" is the name "Justin Trudeau"
        // with its titles.
        let title =
            t.is(flag::TITLE) && !surname_after_honorific(text, tokens, k) && !surname_seen(text, tokens, k, &names);
        if !is_name_word(t) || title || title_starts_name(text, tokens, k) || hyphenated_modifier(text, lex, t) {
            k += 1;
            continue;
        }
        let end = run_end(text, tokens, lex, &acronyms, k);
        if modifies_title(text, tokens, lex, k, end) {
            modifier = Some((k, end));
            k = end;
            continue;
        }
        if indefinite_person_noun(text, tokens, lex, k, end) {
            k = end;
            continue;
        }
        if at_sentence_start(tokens, k) && end == k + 1 {
            let evidence = seen_mid.contains(t.base(text)) || opener_evidence(text, lex, tokens, k, &repeated);
            // "Officials said", "Critics argue": a noun for a group opening a sentence is a
            // description of speakers, not a name, unless it is capitalised mid-sentence too;
            // so is a share of people ("Others claim", "Several said").
            let group_noun = t.is(flag::ROLE_GROUP | flag::GROUP_QUANTIFIER) && !seen_mid.contains(t.base(text));
            if !evidence || t.is(flag::CUE) || group_noun {
                k = end;
                continue;
            }
        }
        // The first word of a sentence that is a common word ("Officials", "Watching")
        // is dropped from a longer run when it is never capitalised mid-sentence.
        let mut start = k;
        // "Knowing Bardos …": so is a gerund, listed or known by its ending ("Neighbouring
        // Kenya, a hub for …") when it is neither a first name nor a place ("Sterling",
        // "Beijing") nor part of the name of a street or an event ("Downing Street").
        let gerund = || {
            let word = t.base(text);
            lex.is_cased(word, cased::SENTENCE_GERUND)
                || t.has_form(form::GERUND)
                    && crate::name_gender::lookup(word).is_none()
                    && !crate::places::is_place(&[word])
                    && !lex.is_cased(tokens[end - 1].base(text), cased::NON_PERSON)
        };
        if at_sentence_start(tokens, k)
            && end > k + 1
            && !seen_mid.contains(t.base(text))
            && (t.is(flag::ROLE | flag::CUE) || gerund())
        {
            start = k + 1;
        }
        let mut title_start = titles_before(tokens, start);
        if let Some((title, first)) = name_after_office(text, tokens, start, end) {
            (title_start, start) = (title, first);
        }
        if let Some((m_start, m_end)) = modifier.take() {
            if m_end == title_start {
                title_start = m_start;
            }
        }
        names.push(NameMention {
            title_start: title_start as u32,
            tok_start: start as u32,
            tok_end: end as u32,
        });
        k = end;
    }
    names
}

/// One bit of 64 for a word's length, first byte and last byte: equal words set the same.
fn shape_bit(word: &str) -> u64 {
    let b = word.as_bytes();
    let key = (b.len() as u64) << 16
        | u64::from(b.first().copied().unwrap_or(0)) << 8
        | u64::from(b.last().copied().unwrap_or(0));
    crate::shape_filter::bit_of_word(key)
}

/// "an assistant Headmaster", "a Lieutenant-Colonel", "a Member of the Order": capitalised
/// nouns for a kind of person that are written in lower case elsewhere (`person_nouns.txt`),
/// after an indefinite article with at most two lower-case words between, describe someone;
/// they name no one.
fn indefinite_person_noun(text: &str, tokens: &[Token], lex: &crate::lexicon::Lexicon, k: usize, end: usize) -> bool {
    let mut i = k;
    while i > 0
        && k - i < 2
        && tokens[i - 1].is_word()
        && !tokens[i - 1].is_cap()
        && !tokens[i - 1].is(flag::INDEF_ARTICLE)
    {
        i -= 1;
    }
    if i == 0 || !tokens[i - 1].is(flag::INDEF_ARTICLE) {
        return false;
    }
    // The table writes "German" and "Democrat" capitalised (always so written): those name
    // a people or a party, and an acronym ("a POLITICO analysis") names an organisation.
    let person_noun = |part: &str| !part.is_empty() && lex.is_cased(&part.to_lowercase(), cased::PERSON_NOUN);
    tokens[k..end]
        .iter()
        .filter(|t| t.is_word())
        .all(|t| t.shape & shape::ALL_CAPS == 0 && t.base(text).split('-').all(person_noun))
}

/// "Calgary-based", "Quebec-born", "Ottawa-area": a capitalised word joined by a hyphen to a
/// lower-case word of the lexicon's list is a modifier, not the start of the name it stands
/// before ("Calgary-based Suncor Energy" is "Suncor Energy").
fn hyphenated_modifier(text: &str, lex: &crate::lexicon::Lexicon, t: &Token) -> bool {
    // The tail after the last hyphen, found by a byte search: this runs for every word that
    // may start a name, and a `char` pattern's searcher cost ~140 instructions a word.
    let word = t.text(text);
    let last_hyphen = word.bytes().rposition(|b| b == b'-');
    last_hyphen.map(|i| &word[i + 1..]).is_some_and(|tail| {
        // "Calgary-Based" in a title-cased line: the list is in lower case.
        if tail.bytes().any(|b| b.is_ascii_uppercase()) {
            lex.is_cased(&tail.to_ascii_lowercase(), cased::HYPHEN_MODIFIER)
        } else {
            lex.is_cased(tail, cased::HYPHEN_MODIFIER)
        }
    })
}

/// The index of the ")" closing a parenthetical that opens at `k` (just after its "(") with a
/// party's initial joined to a state ("D-N.Y.", "R-Texas") and holds at most six tokens.
fn party_and_state(text: &str, tokens: &[Token], k: usize) -> Option<usize> {
    if k == 0 || !tokens[k - 1].is_punct(b'(') {
        return None;
    }
    let t = &tokens[k];
    let word = t.text(text).as_bytes();
    let tagged = t.kind == TokenKind::Word
        && word.len() >= 3
        && word[0].is_ascii_uppercase()
        && word[1] == b'-'
        && word[2].is_ascii_uppercase();
    if !tagged {
        return None;
    }
    (k + 1..tokens.len().min(k + 7)).find(|&j| tokens[j].is_punct(b')'))
}

/// Where the run of name words starting at token `k` ends: further name words, connectors
/// ("Ludwig van Beethoven", "Bank of Canada") and initials ("J. K. Rowling"), stopping at a
/// title that starts another name, a photo credit or a possessive.
fn run_end(text: &str, tokens: &[Token], lex: &crate::lexicon::Lexicon, acronyms: &FxHashSet<&str>, k: usize) -> usize {
    let t = &tokens[k];
    let mut end = k + 1;
    // Kept as the run grows (a rescan at each word made a long run quadratic).
    let mut org_so_far = lex.is_org_word(t.base(text));
    let mut ampersand = false;
    if t.shape & shape::POSSESSIVE == 0 {
        while let Some(n) = tokens.get(end) {
            // A title before a name ends the run: "Chinese Vice-President Wang Qishan",
            // "Barron County District Attorney Brian Wright", "European Central Bank
            // President Mario Draghi", "Liberal MP Dana Whitfield" (see `find_names` for
            // what becomes of the words before the title).
            // "The Canadian Press Paul Carver", "Getty Images Kevin Vickers": a photo credit
            // ends where a caption starts.
            let credit = lex.is_cased(tokens[end - 1].base(text), cased::PHOTO_CREDIT)
                && n.is_cap()
                && !n.is(flag::ROLE | flag::TITLE)
                && !lex.is_org_word(n.base(text));
            if credit {
                break;
            }
            let title_before_name = title_starts_name(text, tokens, end);
            if is_name_word(n) && n.start <= tokens[end - 1].end + 1 && !title_before_name {
                end += 1;
                org_so_far |= lex.is_org_word(n.base(text));
                if n.shape & shape::POSSESSIVE != 0 {
                    break;
                }
                continue;
            }
            if !org_so_far && !ampersand {
                if let Some(org_end) = coordinated_org_end(text, tokens, lex, acronyms, k, end) {
                    end = org_end;
                    break;
                }
            }
            // "Ludwig van Beethoven", "J. K. Rowling", "Bank of Canada", "Procter & Gamble"
            let joins = if n.kind == TokenKind::Word
                && (lex.is_cased(n.text(text), cased::CONNECTOR) || org_so_far && n.is(flag::NAME_JOINER))
            {
                tokens.get(end + 1).is_some_and(is_name_word)
            } else if n.is_punct(b'&') {
                !ampersand && firm_ampersand(text, tokens, end)
            } else {
                n.is_punct(b'.')
                    && tokens[end - 1].text(text).chars().count() == 1
                    && tokens
                        .get(end + 1)
                        .is_some_and(|w| is_name_word(w) && w.shape & shape::SENT_START == 0)
            };
            if !joins {
                break;
            }
            ampersand |= n.is_punct(b'&');
            end += 2;
            org_so_far |= lex.is_org_word(tokens[end - 1].base(text));
            if tokens[end - 1].shape & shape::POSSESSIVE != 0 {
                break;
            }
        }
    }
    end
}

/// "the Food and Drug Administration (FDA)", "the Securities and Exchange Commission": where
/// the run of name words `start..end` is the first of words coordinated inside one
/// organisation's name, the end of that name: after the separator at `end` ("and", or commas
/// before a last "and"), runs of name words, the last ending in a word of an organisation's
/// name, whose initials the article also writes as an acronym (`acronyms`; or an acronym in
/// parentheses follows). Without that evidence "the Pentagon and State Department", "the
/// Liberals and Green Party" are two bodies, as they mostly are. Not when the first run holds
/// an organisation's word itself (the caller checks that) or an acronym ("the IMF and World
/// Bank"). The search ends a dozen tokens on: longer lists are lists.
fn coordinated_org_end(
    text: &str,
    tokens: &[Token],
    lex: &crate::lexicon::Lexicon,
    acronyms: &FxHashSet<&str>,
    start: usize,
    end: usize,
) -> Option<usize> {
    if acronyms.is_empty() || tokens[start..end].iter().any(|t| t.shape & shape::ALL_CAPS != 0) {
        return None;
    }
    let is_and = |t: &Token| t.kind == TokenKind::Word && t.is(flag::ADDITIVE_CONJ) && !t.is_cap();
    let mut pos = end;
    while pos < end + 12 {
        let sep = tokens.get(pos)?;
        let mut last = is_and(sep);
        if !last && !sep.is_punct(b',') {
            return None;
        }
        let mut w = pos + 1;
        // The serial comma: ", and".
        if !last && tokens.get(w).is_some_and(is_and) {
            last = true;
            w += 1;
        }
        let run_start = w;
        while w < run_start + 4 {
            let Some(t) = tokens
                .get(w)
                .filter(|t| is_name_word(t) && !title_starts_name(text, tokens, w))
            else {
                break;
            };
            w += 1;
            if t.shape & shape::POSSESSIVE != 0 {
                break;
            }
        }
        if w == run_start {
            return None;
        }
        if last {
            let named = lex.is_org_word(tokens[w - 1].base(text)) && {
                // "SEC", or "PCS" for the "Public and Commercial Services Union"; or, after
                // "the", an acronym in parentheses right after, in any language ("the …
                // Geophysics Agency (BMKG)"; not a ticker: "Toyota and Honda Motor Co (HMC)").
                let words = tokens[start..w]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .map(|t| t.base(text));
                let all: String = initials(lex, words).collect();
                let but_last = all.char_indices().last().map_or("", |(i, _)| &all[..i]);
                let after_the = start > 0 && tokens[start - 1].is(flag::DEF_ARTICLE);
                let bracketed = matches!(tokens.get(w..w + 3), Some([o, a, c])
                        if o.is_punct(b'(') && a.shape & shape::ALL_CAPS != 0 && c.is_punct(b')'));
                acronyms.contains(all.as_str())
                    || but_last.len() >= 2 && acronyms.contains(but_last)
                    || after_the && bracketed
            };
            return named.then_some(w);
        }
        if tokens[w - 1].shape & shape::POSSESSIVE != 0 {
            return None;
        }
        pos = w;
    }
    None
}

/// The first letters of the words an acronym keeps ("of", "and", "the" and the like
/// skipped): "SEC" for "Securities and Exchange Commission". Shared with coreference, which
/// finds "SEC" again as the name it stands for.
pub(crate) fn initials<'a>(
    lex: &'a crate::lexicon::Lexicon,
    words: impl Iterator<Item = &'a str> + 'a,
) -> impl Iterator<Item = char> + 'a {
    words
        .filter(|w| !lex.is_cased(w, cased::ACRONYM_SKIP))
        .filter_map(|w| w.chars().next())
}

/// Does the "&" at `k` join two names into a firm's ("Procter & Gamble", "Marks & Spencer")?
/// Not two people's first names ("Harry & Meghan"), nor a department before a title ("Sales &
/// Marketing Director Ann Lee"); a name holds one "&" at most.
fn firm_ampersand(text: &str, tokens: &[Token], k: usize) -> bool {
    let (Some(left), Some(right)) = (k.checked_sub(1).map(|i| &tokens[i]), tokens.get(k + 1)) else {
        return false;
    };
    let first_name = |t: &Token| crate::name_gender::first_name_gender(t.base(text)).is_some();
    is_name_word(right)
        && !(first_name(left) && first_name(right))
        && !tokens
            .get(k + 2)
            .is_some_and(|t| t.is(flag::TITLE | flag::ROLE_PERSON) && t.is_cap())
}

/// A title (not an honorific) at `k` directly before a name word: "MP" in "Liberal MP Dana
/// Whitfield".
fn title_starts_name(text: &str, tokens: &[Token], k: usize) -> bool {
    let t = &tokens[k];
    let Some(next) = tokens.get(k + 1).filter(|n| is_name_word(n)) else {
        return false;
    };
    // "FBI Director James Comey": after an acronym, a capitalised role noun before a first
    // name the table decides stands as a title (else the acronym makes the whole run an
    // organisation's name).
    let after_acronym = k > 0 && tokens[k - 1].shape & shape::ALL_CAPS != 0;
    let role_as_title = after_acronym
        && t.is(flag::ROLE_PERSON)
        && t.is_cap()
        && t.shape & shape::POSSESSIVE == 0
        && crate::name_gender::first_name_gender(next.base(text)).is_some();
    (t.is(flag::TITLE) || role_as_title) && !t.is(flag::HONORIFIC)
}

/// Is the title word at `k` a surname, as after an honorific and before no other name word it
/// is: "Mr. King added", "Mrs. Bishop said"? Only a word the surname list has; "Mr. President"
/// stays an address.
fn surname_after_honorific(text: &str, tokens: &[Token], k: usize) -> bool {
    tokens[titles_before(tokens, k)..k]
        .iter()
        .any(|t| t.is(flag::HONORIFIC))
        && !tokens.get(k + 1).is_some_and(is_name_word)
        && crate::surnames::is_mostly_surname(tokens[k].base(text))
}

/// Whether the run `k..end`, which stops before a title, is a modifier of that title rather
/// than a name of its own: "Liberal" in "Liberal MP Dana Whitfield", "Health" in "Health
/// Minister Randy Delorey". A place or an organisation is a name ("European Central Bank
/// President Mario Draghi"), and so is the run before a hyphenated title ("Chinese
/// Vice-President Wang Qishan").
fn modifies_title(text: &str, tokens: &[Token], lex: &crate::lexicon::Lexicon, k: usize, end: usize) -> bool {
    end < tokens.len()
        && title_starts_name(text, tokens, end)
        && !tokens[end].text(text).contains('-')
        && tokens[end].start <= tokens[end - 1].end + 1
        && !tokens[k..end]
            .iter()
            .any(|t| lex.is_cased(t.base(text), cased::ORG | cased::NON_PERSON) || lex.is_org_word(t.base(text)))
}

/// The first of the titles and honorifics just before the name starting at `start`.
fn titles_before(tokens: &[Token], start: usize) -> usize {
    let mut title_start = start;
    while title_start > 0 {
        let p = &tokens[title_start - 1];
        let is_title = p.kind == TokenKind::Word && p.is(flag::TITLE | flag::HONORIFIC) && !p.in_quote();
        let is_abbrev_dot =
            p.is_punct(b'.') && title_start >= 2 && tokens[title_start - 2].is(flag::TITLE | flag::HONORIFIC);
        if is_title || is_abbrev_dot {
            title_start -= 1;
        } else {
            break;
        }
    }
    title_start
}

/// True when token `k` starts its sentence, or follows only an opening mark or dash there.
fn at_sentence_start(tokens: &[Token], k: usize) -> bool {
    let mut i = k;
    loop {
        if tokens[i].shape & shape::SENT_START != 0 {
            return true;
        }
        if i == 0 {
            return true;
        }
        let p = &tokens[i - 1];
        if matches!(p.kind, TokenKind::QuoteMark | TokenKind::Dash) || p.is_punct(b'(') {
            i -= 1;
        } else {
            return false;
        }
    }
}

#[cfg(test)]
mod tests;
