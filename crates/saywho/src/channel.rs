//! Channels: where the words were said or written.
//!
//! A channel named in a quote's own attribution sentence ("she wrote on Instagram", "said in a
//! statement", "told CTV News") is the quote's. Otherwise the quote takes its speaker's current
//! channel: the last one named in a sentence whose subject is that speaker ("The singer took
//! to Twitter …", "… host Kelly Clarkson, at the Billboard Music Awards, …"). So a channel
//! carries over to the quotes it covers.

use crate::doc::Doc;
use crate::lexicon::{cased, flag, ContextName, ContextRule, Lexicon};
use crate::token::{Token, TokenKind};
use std::borrow::Cow;

/// The channel named in tokens `a..b` outside quotations, if any.
fn channel_in(doc: &Doc, lex: &Lexicon, a: usize, b: usize) -> Option<String> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    for k in a..b {
        let t = &tokens[k];
        if t.kind != TokenKind::Word || t.in_quote() {
            continue;
        }
        let context = if lex.may_start_channel_context_with(t.first, (t.end - t.start) as usize) {
            let mut buf = [0u8; 32];
            lex.channel_context(&ascii_lower(t.text(text), &mut buf))
        } else {
            None
        };
        for p in context.map_or(&[][..], |c| &c.phrases[..]) {
            let fits = p.words.iter().enumerate().all(|(i, w)| {
                tokens
                    .get(k + 1 + i)
                    .is_some_and(|n| n.text(text).eq_ignore_ascii_case(w))
            });
            if fits {
                return Some(lex.channel_label(p.label).name.to_string());
            }
        }
        if let Some(id) = t.info.channel {
            // "Facebook said": a platform that speaks is the company, not the channel.
            if doc.names.binary_search_by_key(&(k as u32), |n| n.tok_start).is_ok() {
                continue;
            }
            let label = lex.channel_label(id);
            // "an interview with CTV News"
            if let Some((lead, with_name)) = &label.with_name {
                if let Some(name) = named_after(lex, text, tokens, k + 1, b, Some(lead)) {
                    return Some(with_name.replace("{}", &name));
                }
            }
            return Some(label.name.to_string());
        }
        if let Some(rule) = context.and_then(|c| c.rule.as_ref()) {
            if let Some(channel) = channel_of_name(lex, text, tokens, k, b, rule) {
                return Some(channel);
            }
        }
    }
    None
}

/// The channel a name after the word at `k` gives by `rule`: "posted on X" (a platform by its
/// spelling alone), "told CTV News" (an interview with a named outlet; "told the House of
/// Commons", "told the Senate committee" name an audience, not an outlet), "at the Billboard
/// Music Awards" (a speech at a named event).
fn channel_of_name(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    k: usize,
    b: usize,
    rule: &ContextRule,
) -> Option<String> {
    let label = |name: &str| rule.label.replace("{}", name);
    match rule.name {
        ContextName::Platform => {
            let n = tokens.get(k + 1)?.text(text);
            lex.is_cased(n, cased::PLATFORM).then(|| label(n))
        }
        ContextName::Outlet => {
            let outlet = named_after(lex, text, tokens, k + 1, b, rule.between.as_deref())?;
            let audience = outlet
                .split(' ')
                .next()
                .is_some_and(|w| lex.is_cased(w, cased::AUDIENCE));
            let outlet_like = outlet.split(' ').any(|w| lex.is_org_word(w))
                || outlet.chars().filter(|c| c.is_uppercase()).count() >= 2;
            // "told Mr Blair", "told Judge Clark": a person, however capitalised.
            let titled = outlet
                .split(' ')
                .next()
                .is_some_and(|w| lex.lookup(w).is(flag::TITLE | flag::HONORIFIC));
            (!audience && outlet_like && !titled).then(|| label(&outlet))
        }
        ContextName::Event => {
            let event = named_after(lex, text, tokens, k + 1, b, rule.between.as_deref())?;
            event
                .split(' ')
                .any(|w| lex.is_cased(w, cased::EVENT))
                .then(|| label(&event))
        }
    }
}

/// `word` as `to_ascii_lowercase` gives it, in `buf` when it fits: this runs for every word
/// outside quotations, and allocating a `String` for each was a tenth of the engine's time.
fn ascii_lower<'a>(word: &'a str, buf: &'a mut [u8; 32]) -> Cow<'a, str> {
    // Most words are lower case already.
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return Cow::Borrowed(word);
    }
    let Some(lower) = buf.get_mut(..word.len()) else {
        return Cow::Owned(word.to_ascii_lowercase());
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    // Lower-casing ASCII bytes keeps UTF-8 valid, so this never falls back.
    match std::str::from_utf8(lower) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(word.to_ascii_lowercase()),
    }
}

/// The capitalised name right after token `k` (after an optional `lead` word and a definite
/// article).
fn named_after(
    lex: &Lexicon,
    text: &str,
    tokens: &[Token],
    mut k: usize,
    b: usize,
    lead: Option<&str>,
) -> Option<String> {
    if let Some(lead) = lead {
        if tokens.get(k).is_some_and(|t| t.text(text).eq_ignore_ascii_case(lead)) {
            k += 1;
        }
    }
    if tokens.get(k).is_some_and(|t| t.is(flag::DEF_ARTICLE)) {
        k += 1;
    }
    // "Fox and Friends": a lower-case word that joins a name's words.
    let joins = |t: &Token| lex.is_cased(t.text(text), cased::NAME_AND);
    let start = k;
    while k < b && {
        let t = &tokens[k];
        t.kind == TokenKind::Word && (t.is_cap() || joins(t) && k > start) || t.kind == TokenKind::Number
    } {
        k += 1;
        if tokens[k - 1].is(flag::PRONOUN) {
            return None;
        }
    }
    while k > start && joins(&tokens[k - 1]) {
        k -= 1;
    }
    (k > start).then(|| text[tokens[start].start as usize..tokens[k - 1].end as usize].to_string())
}

/// Sets the channel of every quote in `doc` ([`Doc::channels`]).
pub fn assign(doc: &mut Doc, lex: &Lexicon) {
    let mut channels: Vec<Option<Box<str>>> = vec![None; doc.quotes.len()];
    let mut current: Vec<Option<String>> = vec![None; doc.entities.len()];
    let mut m = 0usize; // next mention to look at
    let mut q = 0usize; // next quote to assign
    let mut order: Vec<usize> = (0..doc.quotes.len()).collect();
    order.sort_by_key(|&i| doc.quotes[i].sentence);
    // The channel each sentence names, found once and only when asked for: a quote's
    // attribution sentence is looked at again for each of its quotes, and a subject's sentence
    // matters only for an entity some quote resolves to (the only ones whose current channel
    // is ever read). Scanning every sentence was 3% of the engine's instructions.
    let mut named_in: Vec<Option<Option<String>>> = vec![None; doc.sentences.len()];
    let mut named = |si: usize| -> Option<String> {
        named_in[si]
            .get_or_insert_with(|| {
                let s = doc.sentences[si];
                channel_in(doc, lex, s.tok_start as usize, s.tok_end as usize)
            })
            .clone()
    };
    let mut speaks = vec![false; doc.entities.len()];
    for e in doc.resolutions.iter().filter_map(|r| r.entity) {
        if let Some(s) = speaks.get_mut(e as usize) {
            *s = true;
        }
    }
    for si in 0..doc.sentences.len() {
        let s = doc.sentences[si];
        // The subject of this sentence takes any channel it names.
        let mut subject = None;
        while m < doc.mentions.len() && doc.mentions[m].tok_start < s.tok_end {
            let men = doc.mentions[m];
            if subject.is_none() && men.subject && men.tok_start >= s.tok_start {
                subject = Some(men.entity as usize);
            }
            m += 1;
        }
        if let Some(e) = subject.filter(|&e| speaks.get(e).copied().unwrap_or(false)) {
            if let Some(ch) = named(si) {
                current[e] = Some(ch);
            }
        }
        while q < order.len() && doc.quotes[order[q]].sentence as usize <= si {
            let quote = &doc.quotes[order[q]];
            // The attribution's own sentence may differ from where the quote starts.
            let own = quote.cue.and_then(|c| named(doc.sentence_of(c.tok_start as usize)));
            let entity = doc.resolutions.get(order[q]).and_then(|r| r.entity);
            let carried = entity.and_then(|e| current.get(e as usize).cloned().flatten());
            channels[order[q]] = own.or(carried).map(String::into_boxed_str);
            q += 1;
        }
    }
    doc.channels = channels;
}
