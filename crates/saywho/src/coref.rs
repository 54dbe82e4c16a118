//! Entities and coreference: one entity per person or organisation, named by its fullest name.
//!
//! Names cluster by their words ("Legend" and "Chrissy" join "John Legend" and "Chrissy
//! Teigen"). Then one pass in text order resolves third-person pronouns and speaker
//! descriptions ("the singer", "the company") to the most salient compatible entity: the one
//! mentioned most recently, where a mention as the subject of a clause or as a speaker counts
//! as nearer. Gender comes only from the article: honorifics, kinship and role words, and the
//! pronouns resolved to the entity.

use crate::doc::{Doc, Entity, EntityKind, Mention};
use crate::lexicon::{flag, Case, Gender, Lexicon};
use crate::names::NameMention;
use crate::np::{np_after, NpKind, SpeakerNp};
use crate::token::{shape, Token, TokenKind};
use rustc_hash::FxHashMap;

/// Working state of one entity during resolution.
#[derive(Debug, Default, Clone)]
struct Cluster {
    /// Words of the fullest name (possessive removed).
    words: Vec<String>,
    name: String,
    org: bool,
    /// An event, place or law: never "he" or "she".
    thing: bool,
    /// Mentions after "in", "at", "from" (places), and mentions elsewhere.
    located: u32,
    unlocated: u32,
    /// Mentions that only modify a role noun ("Crown attorney", "Liberal leader").
    modifier: u32,
    person: bool,
    group: bool,
    female: u32,
    male: u32,
    /// Role words seen with the name ("mayor", "host").
    roles: Vec<String>,
    last_any: Option<u32>,
    last_subject: Option<u32>,

    mentions: Vec<(u32, u32)>,
}

impl Cluster {
    fn gender(&self) -> Gender {
        use std::cmp::Ordering::*;
        match self.female.cmp(&self.male) {
            Greater => Gender::Female,
            Less => Gender::Male,
            Equal => Gender::Unknown,
        }
    }
}

/// A thing to resolve, in text order.
#[derive(Debug, Clone, Copy)]
enum Event {
    Name(usize),
    Pronoun(u32),
    Speaker(SpeakerNp),
}

impl Event {
    fn tok(&self, names: &[NameMention]) -> u32 {
        match *self {
            Event::Name(i) => names[i].tok_start,
            Event::Pronoun(t) => t,
            Event::Speaker(np) => np.tok_start,
        }
    }
}

/// Builds the entities and mentions of `doc` and resolves each quote's speaker to one.
pub fn resolve(doc: &mut Doc, lex: &Lexicon) {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let mut clusters: Vec<Cluster> = Vec::new();
    let name_entity = cluster_names(doc, lex, &mut clusters);

    // Speaker phrases that are not names need resolving where they stand.
    let mut events: Vec<Event> = (0..doc.names.len()).map(Event::Name).collect();
    for (k, t) in tokens.iter().enumerate() {
        let third_person = matches!(
            t.info.gender,
            Gender::Male | Gender::Female | Gender::Neuter | Gender::Plural
        );
        // "it" is often no one ("it's not just", "it is clear that"): it is resolved only where
        // it speaks ("…," it said), or as "its".
        let expletive = t.info.gender == Gender::Neuter
            && t.info.case != Some(Case::Possessive)
            && !doc
                .quotes
                .iter()
                .any(|q| q.speaker.is_some_and(|np| np.tok_start == k as u32));
        if t.kind == TokenKind::Word && t.is(flag::PRONOUN) && third_person && !t.in_quote() && !expletive {
            events.push(Event::Pronoun(k as u32));
        }
    }
    for q in &doc.quotes {
        if let Some(np) = q.speaker {
            if matches!(np.kind, NpKind::Description | NpKind::Relative) && !q.speaker_carried {
                events.push(Event::Speaker(np));
            }
        }
    }
    // Descriptions that open a sentence as its subject ("The 'Big Love' singer took to …")
    // are mentions too: they carry salience and channels.
    for sent in &doc.sentences {
        let k = sent.tok_start as usize;
        if let Some(np) = np_after(text, tokens, k, sent.tok_end as usize) {
            let head_is_person = tokens[np.tok_end as usize - 1].is(flag::ROLE);
            if np.kind == NpKind::Description
                && head_is_person
                && tokens[k].is(flag::DET)
                && is_subject(text, tokens, k, np.tok_end as usize)
            {
                events.push(Event::Speaker(np));
            }
        }
    }
    events.sort_by_key(|e| e.tok(&doc.names));
    events.dedup_by_key(|e| e.tok(&doc.names));

    // Names that are a quote's speaker ("…," Legend said) are people and subjects.
    let speaker_names: Vec<u32> = doc
        .quotes
        .iter()
        .filter_map(|q| q.speaker.filter(|np| np.kind == NpKind::Name && !q.speaker_carried))
        .flat_map(|np| {
            doc.names
                .iter()
                .filter(move |n| n.tok_start >= np.tok_start && n.tok_end <= np.tok_end)
                .map(|n| n.tok_start)
        })
        .collect();

    // Entity of each resolved phrase, keyed by its first token.
    let mut at_token: FxHashMap<u32, u32> = FxHashMap::default();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut description_entities: FxHashMap<String, u32> = FxHashMap::default();

    for ev in &events {
        match *ev {
            Event::Name(i) => {
                let n = doc.names[i];
                let e = name_entity[i];
                let speaks = speaker_names.contains(&n.tok_start);
                let subject = speaks || is_subject(text, tokens, n.title_start as usize, n.tok_end as usize);
                let c = &mut clusters[e as usize];
                if speaks && !c.org && !c.group {
                    c.person = true;
                }
                if is_located(text, tokens, n.title_start as usize) {
                    c.located += 1;
                } else {
                    c.unlocated += 1;
                }
                if tokens
                    .get(n.tok_end as usize)
                    .is_some_and(|t| t.is(flag::ROLE | flag::TITLE) && !t.is_cap() && t.is_word())
                {
                    c.modifier += 1;
                }
                touch(&mut clusters[e as usize], n.tok_start, subject);
                at_token.insert(n.tok_start, e);
                mentions.push(Mention {
                    tok_start: n.tok_start,
                    tok_end: n.tok_end,
                    entity: e,
                    subject,
                });
            }
            Event::Pronoun(k) => {
                let t = &tokens[k as usize];
                let case = pronoun_case(text, tokens, k as usize);
                // "him" is never the subject of its own clause: "Clarkson sent him …".
                let s = doc.sentences[doc.sentence_of(k as usize)];
                let mut exclude: Vec<usize> = Vec::new();
                if case == Some(Case::Object) {
                    exclude.extend(
                        mentions
                            .iter()
                            .rev()
                            .take_while(|m| m.tok_start >= s.tok_start)
                            .find(|m| m.subject)
                            .map(|m| m.entity as usize),
                    );
                }
                // "Macharia and colleagues hid, he said": the speaker of reported content is
                // not someone the content talks about.
                let (kb, sb) = (tokens[k as usize].start, tokens[s.tok_start as usize].start);
                if let Some(q) = doc
                    .quotes
                    .iter()
                    .find(|q| q.speaker.is_some_and(|np| np.tok_start == k) && q.end <= kb && q.start >= sb)
                {
                    let inside = |m: &Mention| {
                        let b = tokens[m.tok_start as usize].start;
                        q.start <= b && b < q.end
                    };
                    exclude.extend(mentions.iter().filter(|m| inside(m)).map(|m| m.entity as usize));
                }
                let Some(e) = pick(&clusters, t.info.gender, k, false, &exclude) else {
                    continue;
                };
                let c = &mut clusters[e];
                match t.info.gender {
                    Gender::Male => c.male += 1,
                    Gender::Female => c.female += 1,
                    _ => {}
                }
                if matches!(t.info.gender, Gender::Male | Gender::Female) && !c.org {
                    c.person = true;
                }
                let subject = case == Some(Case::Subject);
                touch(c, k, subject);
                at_token.insert(k, e as u32);
                mentions.push(Mention {
                    tok_start: k,
                    tok_end: k + 1,
                    entity: e as u32,
                    subject,
                });
            }
            Event::Speaker(np) => {
                let e = match np.kind {
                    NpKind::Relative => antecedent_of_who(doc, np.tok_start as usize, &at_token),
                    _ => resolve_description(doc, np, &mut clusters, &mut description_entities),
                };
                if let Some(e) = e {
                    touch(&mut clusters[e as usize], np.tok_start, true);
                    at_token.insert(np.tok_start, e);
                    if np.kind == NpKind::Description {
                        mentions.push(Mention {
                            tok_start: np.tok_start,
                            tok_end: np.tok_end,
                            entity: e,
                            subject: true,
                        });
                    }
                }
            }
        }
    }

    // A quote opening a paragraph with no attribution, after a paragraph without quotes:
    // the person that paragraph was about (its last subject).
    for q in doc.quotes.iter_mut() {
        let Some(pp) = q.carry_from_paragraph.filter(|_| q.speaker.is_none()) else {
            continue;
        };
        let p = doc.paragraphs[pp as usize];
        let subject = mentions
            .iter()
            .rev()
            .filter(|m| m.tok_start >= p.tok_start && m.tok_end <= p.tok_end && m.subject)
            .find(|m| {
                let c = &clusters[m.entity as usize];
                (c.person || c.female + c.male > 0) && !c.org
            });
        if let Some(m) = subject {
            q.fallback_entity = Some(m.entity);
            q.confidence = 0.55;
        }
    }

    // Each quote's speaker: the entity of the name inside its phrase, or of the phrase.
    for qi in 0..doc.quotes.len() {
        let Some(np) = doc.quotes[qi].speaker else {
            doc.quotes[qi].entity = doc.quotes[qi].fallback_entity;
            continue;
        };
        let e = match np.kind {
            NpKind::Name => doc
                .head_name(np)
                .map(|i| name_entity[i])
                .or_else(|| at_token.get(&np.tok_start).copied()),
            _ => at_token.get(&np.tok_start).copied(),
        };
        doc.quotes[qi].entity = e;
        if let Some(e) = e {
            let c = &mut clusters[e as usize];
            if !c.org && !c.group {
                c.person = true;
            }
        }
    }

    mentions.sort_by_key(|m| m.tok_start);
    for m in &mentions {
        let span = (tokens[m.tok_start as usize].start, tokens[m.tok_end as usize - 1].end);
        clusters[m.entity as usize].mentions.push(span);
    }
    doc.mentions = mentions;
    doc.entities = clusters
        .into_iter()
        .map(|c| Entity {
            // A party or team named in the plural ("the Liberals") is an organisation too.
            kind: if c.org || c.group && !c.words.is_empty() {
                EntityKind::Organization
            } else if c.thing {
                EntityKind::Other
            } else if c.person || c.female + c.male > 0 {
                EntityKind::Person
            } else {
                EntityKind::Other
            },
            gender: if c.org || c.group { Gender::Unknown } else { c.gender() },
            name: c.name,
            mentions: c.mentions,
        })
        .collect();
}

fn touch(c: &mut Cluster, tok: u32, subject: bool) {
    c.last_any = Some(tok);
    if subject {
        c.last_subject = Some(tok);
    }
}

/// Capitalised words that make a name an event, place or document, never a person.
const NON_PERSON_WORDS: &[&str] = &[
    "Awards",
    "Festival",
    "Games",
    "Summit",
    "Conference",
    "Cup",
    "Championship",
    "Olympics",
    "Show",
    "Day",
    "Week",
    "Act",
    "Bill",
    "Street",
    "Avenue",
    "Road",
    "Park",
    "River",
    "Lake",
    "Island",
    "Mountain",
    "Bay",
    "Valley",
    "City",
    "County",
    "Province",
    "State",
    "Airport",
    "Bridge",
    "Hall",
    "Centre",
    "Center",
    "Stadium",
    "Arena",
    "Highway",
];

/// Clusters the name mentions; returns the cluster index of each.
fn cluster_names(doc: &Doc, lex: &Lexicon, clusters: &mut Vec<Cluster>) -> Vec<u32> {
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
        let found = find_cluster(clusters, &words, org);
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
        c.thing |= words.last().is_some_and(|w| NON_PERSON_WORDS.contains(w))
            // "American", "Chinese", "British": a nationality, used as an adjective.
            || words.len() == 1 && ["ian", "ean", "ican", "ese", "ish"].iter().any(|s| words[0].ends_with(s));
        // "the Liberals", "the Conservatives": a party or team spoken of as a group ("they").
        let after_the = n.title_start > 0
            && tokens[n.title_start as usize - 1]
                .text(text)
                .eq_ignore_ascii_case("the");
        if after_the && words.len() == 1 && words[0].ends_with('s') && !toks[toks.len() - 1].text(text).ends_with("'s")
        {
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
fn find_cluster(clusters: &mut [Cluster], words: &[&str], org: bool) -> Option<usize> {
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
                    .filter(|w| !matches!(w.as_str(), "of" | "on" | "for" | "and" | "the"))
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

/// Does the name starting at `k` follow a preposition of place ("in Halifax", "from the UK")?
fn is_located(text: &str, tokens: &[Token], k: usize) -> bool {
    // "in Dublin, Ireland": the second name of a place is a place too.
    if k >= 2 && tokens[k - 1].is_punct(b',') && tokens[k - 2].is_cap() {
        let mut m = k - 2;
        while m > 0 && tokens[m - 1].is_cap() && tokens[m - 1].is_word() {
            m -= 1;
        }
        if is_located_direct(text, tokens, m) {
            return true;
        }
    }
    is_located_direct(text, tokens, k)
}

fn is_located_direct(text: &str, tokens: &[Token], k: usize) -> bool {
    let mut i = k;
    if i > 0 && tokens[i - 1].text(text).eq_ignore_ascii_case("the") {
        i -= 1;
    }
    i > 0 && {
        let p = tokens[i - 1].text(text);
        [
            "in",
            "at",
            "from",
            "near",
            "across",
            "throughout",
            "outside",
            "inside",
            "around",
            "into",
            "to",
            "of",
        ]
        .iter()
        .any(|w| p.eq_ignore_ascii_case(w))
    }
}

/// The case of the pronoun at `k`; "her" before a noun is possessive ("her love").
fn pronoun_case(text: &str, tokens: &[Token], k: usize) -> Option<Case> {
    let t = &tokens[k];
    if t.text(text).eq_ignore_ascii_case("her") {
        let before_noun = tokens
            .get(k + 1)
            .is_some_and(|n| n.kind == TokenKind::Word && !n.is(flag::FUNCTION | flag::PRONOUN));
        return Some(if before_noun { Case::Possessive } else { Case::Object });
    }
    t.info.case
}

/// Is the phrase at tokens `a..b` the subject of its clause?
fn is_subject(text: &str, tokens: &[Token], a: usize, b: usize) -> bool {
    if tokens[b - 1].shape & shape::POSSESSIVE != 0 {
        return false;
    }
    // "his father, Bill, who …": a name in apposition to a noun is not the clause's subject.
    let appositive = a >= 2 && tokens[a - 1].is_punct(b',') && tokens[a - 2].is(flag::ROLE_PERSON);
    let before_ok = !appositive
        && (a == 0 || tokens[a].shape & shape::SENT_START != 0 || {
            let p = &tokens[a - 1];
            match p.kind {
                TokenKind::Word => {
                    p.is(flag::CONJ | flag::SUB | flag::DET) && !p.text(text).eq_ignore_ascii_case("and")
                        || p.is(flag::ROLE) && role_phrase_is_subject(text, tokens, a - 1)
                }
                TokenKind::QuoteMark | TokenKind::Dash => true,
                TokenKind::Punct => p.is_punct(b',') || p.is_punct(b'(') || p.is_punct(b':'),
                TokenKind::Number => false,
            }
        });
    // After "the" or "a", a name is a modifier or a predicate ("the Northumberland co-op",
    // "the American authorities", "a Kentucky Republican,") unless a verb of saying follows.
    let after_determiner = a > 0 && tokens[a - 1].is(flag::DET) && tokens[a].shape & shape::SENT_START == 0;
    let after_ok = tokens.get(b).is_some_and(|n| match n.kind {
        TokenKind::Word if after_determiner => n.is(flag::CUE | flag::AUX),
        TokenKind::Word => {
            n.is(flag::CUE | flag::AUX | flag::ADV | flag::NEG) || !n.is_cap() && !n.is(flag::FUNCTION | flag::PRONOUN)
        }
        TokenKind::Dash => !after_determiner,
        TokenKind::Punct => !after_determiner && (n.is_punct(b',') || n.is_punct(b'(')),
        _ => false,
    });
    before_ok && after_ok
}

/// Can an entity be referred to by a pronoun or description of this gender?
fn compatible(c: &Cluster, gender: Gender) -> bool {
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

/// "Canadian actor Oh said" (subject) versus "agreed with Halifax Crown attorney Paul Carver"
/// (object): what stands before the role phrase ending at `k`.
fn role_phrase_is_subject(text: &str, tokens: &[Token], k: usize) -> bool {
    let mut i = k;
    while i > 0 && tokens[i - 1].is_word() && (tokens[i - 1].is_cap() || !tokens[i - 1].is(flag::FUNCTION)) {
        if tokens[i].shape & shape::SENT_START != 0 {
            return true;
        }
        i -= 1;
    }
    if tokens[i].shape & shape::SENT_START != 0 || i == 0 {
        return true;
    }
    let p = &tokens[i - 1];
    p.is_punct(b',')
        || p.kind == TokenKind::QuoteMark
        || p.is(flag::CONJ | flag::SUB) && !p.text(text).eq_ignore_ascii_case("and")
}

/// The most salient entity compatible with `gender` before token `tok`.
fn pick(clusters: &[Cluster], gender: Gender, tok: u32, want_person: bool, exclude: &[usize]) -> Option<usize> {
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

/// The entity of the phrase just before "who".
fn antecedent_of_who(doc: &Doc, who: usize, at_token: &FxHashMap<u32, u32>) -> Option<u32> {
    let mut k = who;
    while k > 0 && (doc.tokens[k - 1].is_punct(b',') || doc.tokens[k - 1].kind == TokenKind::Dash) {
        k -= 1;
    }
    doc.names
        .iter()
        .rev()
        .find(|n| n.tok_end as usize == k)
        .and_then(|n| at_token.get(&n.tok_start).copied())
}

/// Resolves a description such as "the singer" or "officials".
fn resolve_description(
    doc: &Doc,
    np: SpeakerNp,
    clusters: &mut Vec<Cluster>,
    seen: &mut FxHashMap<String, u32>,
) -> Option<u32> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let span = &tokens[np.tok_start as usize..np.tok_end as usize];
    // The role noun, or else the last word ("the rookie defenceman").
    let head = span
        .iter()
        .rev()
        .find(|t| t.is(flag::ROLE | flag::TITLE))
        .or_else(|| span.iter().rev().find(|t| t.is_word()))?;
    let head_word = head.base(text).to_ascii_lowercase();
    let first = span[0].text(text).to_ascii_lowercase();
    let definite =
        first == "the" || span[0].is(flag::PRONOUN) || span[0].shape & shape::POSSESSIVE != 0 && span.len() > 1;
    let group = head.is(flag::ROLE_GROUP);
    let org = head.is(flag::ROLE_ORG);
    let phrase_text = {
        let (a, b) = doc.tok_span(np.tok_start, np.tok_end);
        &text[a as usize..b as usize]
    };

    // "the company" may be an organisation named before; "the town's finance office" is a
    // body of its own.
    // A plain modifier ("the security firm") still names the same organisation; a possessor or
    // a name ("the town's finance office", "the Nova Scotia judge") makes another.
    let bare = span.len() <= 2
        || span[1..span.len() - 1]
            .iter()
            .all(|t| t.is_word() && !t.is_cap() && t.shape & shape::POSSESSIVE == 0 && !t.is(flag::FUNCTION));
    // "The military said": a lone noun the lexicon does not know as a person stays a speaker
    // of its own; "the rookie defenceman" (described further) may be someone named before.
    let unknown_head = !head.is(flag::ROLE | flag::TITLE);
    if definite && !group && (bare || !org) && !(unknown_head && span.len() == 2) {
        // An entity already known by this role ("the mayor" for "Mayor Doug McCallum").
        let by_role = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| c.roles.contains(&head_word) && c.last_any.is_some_and(|l| l < np.tok_start))
            .max_by_key(|(_, c)| c.last_any)
            .map(|(i, _)| i);
        let candidate = by_role.or_else(|| {
            let gender = if org {
                Gender::Neuter
            } else {
                match head.info.gender {
                    Gender::Unknown => Gender::Speaker, // any person
                    g => g,
                }
            };
            pick(clusters, gender, np.tok_start, !org, &[])
        });
        if let Some(e) = candidate.filter(|&e| clusters[e].org == org) {
            return Some(e as u32);
        }
    }
    // A new entity named by the phrase: "officials", "a source", "the school's defenders".
    let key = phrase_text.to_lowercase();
    if let Some(&e) = seen.get(&key) {
        return Some(e);
    }
    clusters.push(Cluster {
        name: phrase_text.to_string(),
        words: Vec::new(),
        org,
        group,
        person: !org && !group,
        female: u32::from(head.info.gender == Gender::Female),
        male: u32::from(head.info.gender == Gender::Male),
        ..Cluster::default()
    });
    let e = clusters.len() as u32 - 1;
    seen.insert(key, e);
    Some(e)
}
