//! Entities under construction: clusters of names, and the salience that picks an antecedent.

use crate::doc::Doc;
use crate::lexicon::{cased, flag, form, Gender, Lexicon};
use crate::token::{shape, TokenKind};

/// Working state of one entity during resolution.
#[derive(Debug, Default, Clone)]
pub(super) struct Cluster {
    /// Words of the fullest name (possessive removed).
    pub(super) words: Vec<String>,
    pub(super) name: String,
    pub(super) org: bool,
    /// An event, place or law: never "he" or "she".
    pub(super) thing: bool,
    /// Mentions after "in", "at", "from" (places), and mentions elsewhere.
    pub(super) located: u32,
    pub(super) unlocated: u32,
    /// Mentions that only modify a role noun ("Crown attorney", "Liberal leader").
    pub(super) modifier: u32,
    pub(super) person: bool,
    pub(super) group: bool,
    pub(super) female: u32,
    pub(super) male: u32,
    /// Role words seen with the name ("mayor", "host").
    pub(super) roles: Vec<String>,
    pub(super) last_any: Option<u32>,
    pub(super) last_subject: Option<u32>,

    pub(super) mentions: Vec<(u32, u32)>,
}

impl Cluster {
    pub(super) fn gender(&self) -> Gender {
        use std::cmp::Ordering::*;
        match self.female.cmp(&self.male) {
            Greater => Gender::Female,
            Less => Gender::Male,
            Equal => Gender::Unknown,
        }
    }
}

/// Clusters the name mentions; returns the cluster index of each.
pub(super) fn cluster_names(doc: &Doc, lex: &Lexicon, clusters: &mut Vec<Cluster>) -> Vec<u32> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let mut out = Vec::with_capacity(doc.names.len());
    for n in &doc.names {
        let words: Vec<&str> = tokens[n.tok_start as usize..n.tok_end as usize]
            .iter()
            .filter(|t| t.kind == TokenKind::Word && !t.is_punct(b'.'))
            .map(|t| t.base(text))
            .collect();
        let toks = &tokens[n.tok_start as usize..n.tok_end as usize];
        let org = words.iter().any(|w| lex.is_org_word(w)) || toks.iter().any(|t| t.shape & shape::ALL_CAPS != 0);
        let found = find_cluster(lex, clusters, &words, org);
        let e = match found {
            Some(e) => e,
            None => {
                clusters.push(Cluster::default());
                clusters.len() - 1
            }
        };
        let c = &mut clusters[e];
        if words.len() > c.words.len() {
            c.words = words.iter().map(|w| w.to_string()).collect();
            c.name = n.text(text, tokens).to_string();
        }
        c.org |= org;
        // "Niagara County" is a place; "Niagara County District Attorney Caroline Wojtaszek"
        // is a person.
        c.thing |= words.last().is_some_and(|w| lex.is_cased(w, cased::NON_PERSON))
            // "American", "Chinese", "British": a nationality, used as an adjective.
            || words.len() == 1 && lex.forms_of(words[0]) & form::DEMONYM != 0;
        // "the Liberals", "the Conservatives": a party or team spoken of as a group ("they").
        let after_the = n.title_start > 0 && tokens[n.title_start as usize - 1].is(flag::DEF_ARTICLE);
        let plural = words.len() == 1 && lex.forms_of(words[0]) & (form::S | form::NOT_PLURAL) == form::S;
        if after_the && plural && toks[toks.len() - 1].shape & shape::POSSESSIVE == 0 {
            c.group = true;
        } else if after_the && words.len() == 1 && !org {
            // "the West", "the Kremlin": a place or an institution, never "he" or "she".
            c.thing = true;
        }
        // Titles and role words before the name: gender and roles.
        let mut before = n.title_start as usize;
        if before == n.tok_start as usize
            && before > 0
                        && tokens[before - 1].is(flag::ROLE_PERSON)
            && !tokens[before - 1].in_quote()
            // "the mayor's Safe Surrey plan": the mayor is someone else.
            && tokens[before - 1].shape & shape::POSSESSIVE == 0
        {
            before -= 1;
        }
        for t in &tokens[before..n.tok_start as usize] {
            if t.kind != TokenKind::Word {
                continue;
            }
            match t.info.gender {
                Gender::Female => c.female += 3,
                Gender::Male => c.male += 3,
                _ => {}
            }
            if !c.org {
                c.person = true;
            }
            c.roles.push(t.text(text).to_ascii_lowercase());
        }
        out.push(e as u32);
    }
    out
}

/// The cluster a name belongs to: the same words, or a part of a fuller name (surname or
/// first name), most recently seen first.
pub(super) fn find_cluster(lex: &Lexicon, clusters: &mut [Cluster], words: &[&str], org: bool) -> Option<usize> {
    let same = |c: &Cluster| c.words.len() == words.len() && c.words.iter().zip(words).all(|(a, b)| a == b);
    if let Some(i) = clusters.iter().position(same) {
        return Some(i);
    }
    // "EDC" for "Export Development Canada": an acronym of a name already seen.
    if let [acronym] = words {
        if acronym.len() >= 2 && acronym.chars().all(|ch| ch.is_ascii_uppercase()) {
            let initials = |c: &Cluster| -> String {
                c.words
                    .iter()
                    .filter(|w| !lex.is_cased(w, cased::ACRONYM_SKIP))
                    .filter_map(|w| w.chars().next())
                    .collect()
            };
            if let Some(i) = clusters
                .iter()
                .position(|c| c.words.len() >= 2 && initials(c) == *acronym)
            {
                return Some(i);
            }
        }
    }
    let mut best: Option<(usize, u32)> = None;
    for (i, c) in clusters.iter().enumerate() {
        if c.words.is_empty() || c.org != org && !(c.words.len() == 1 || words.len() == 1) {
            continue;
        }
        let matches = if words.len() == 1 {
            // "Legend" joins "John Legend"; "Chrissy" joins "Chrissy Teigen"; "Suncor" joins
            // "Suncor Energy".
            c.words.last().map(String::as_str) == Some(words[0])
                || !c.org && c.words.first().map(String::as_str) == Some(words[0])
        } else if c.words.len() == 1 {
            // "John Legend" absorbs an earlier "Legend".
            words.last() == Some(&c.words[0].as_str()) || !org && words.first() == Some(&c.words[0].as_str())
        } else {
            // "Jake Patterson" and "Jake Thomas Patterson"; never "Sophie Gregoire Trudeau" and
            // "Justin Trudeau".
            c.words.last().map(String::as_str) == words.last().copied()
                && c.words.first().map(String::as_str) == words.first().copied()
        };
        if matches {
            let recency = c.last_any.unwrap_or(0);
            if best.is_none_or(|(_, r)| recency >= r) {
                best = Some((i, recency));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// Can an entity be referred to by a pronoun or description of this gender?
pub(super) fn compatible(c: &Cluster, gender: Gender) -> bool {
    match gender {
        Gender::Male | Gender::Female => {
            let only_a_place = c.located > 0 && c.unlocated == 0;
            let only_a_modifier = c.modifier > 0 && c.modifier >= c.located + c.unlocated;
            let could_be_person = !(c.org || c.group || c.thing || only_a_place || only_a_modifier);
            could_be_person && (c.gender() == Gender::Unknown || c.gender() == gender)
        }
        Gender::Neuter => c.org,
        Gender::Plural => c.org || c.group,
        // Any person (descriptions whose head says no gender).
        _ => !c.org,
    }
}

/// The most salient entity compatible with `gender` before token `tok`.
pub(super) fn pick(
    clusters: &[Cluster],
    gender: Gender,
    tok: u32,
    want_person: bool,
    exclude: &[usize],
) -> Option<usize> {
    const MAX_DISTANCE: u32 = 600;
    let mut best: Option<(usize, u32)> = None;
    for (i, c) in clusters.iter().enumerate() {
        let Some(last) = c.last_any.filter(|&l| l < tok) else {
            continue;
        };
        if !compatible(c, gender) || want_person && c.org || exclude.contains(&i) {
            continue;
        }
        let mut distance = tok - last;
        if let Some(s) = c.last_subject.filter(|&s| s < tok) {
            distance = distance.min((tok - s) / 3);
        }

        // A name with no sign of being a person (a place, a product) is a weaker antecedent.
        if !c.person && c.female + c.male == 0 {
            distance = distance.saturating_mul(if c.last_subject.is_none() { 4 } else { 2 });
        }
        if distance > MAX_DISTANCE {
            continue;
        }
        if best.is_none_or(|(_, d)| distance < d) {
            best = Some((i, distance));
        }
    }
    best.map(|(i, _)| i)
}
