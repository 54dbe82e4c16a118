//! Entities and coreference: one entity per person or organisation, named by its fullest name.
//!
//! Names cluster by their words ("Legend" and "Chrissy" join "John Legend" and "Chrissy
//! Teigen"). Then one pass in text order resolves third-person pronouns and speaker
//! descriptions ("the singer", "the company") to the most salient compatible entity: the one
//! mentioned most recently, where a mention as the subject of a clause or as a speaker counts
//! as nearer. Gender comes only from the article: honorifics, kinship and role words, and the
//! pronouns resolved to the entity.

use crate::confidence::Evidence;
use crate::doc::{Doc, Mention, Resolution};
use crate::lexicon::{cased, flag, Case, Gender, Lexicon};
use crate::names::NameMention;
use crate::np::{np_after, NpKind, SpeakerNp};
use crate::rank::{Query, QueryKind, SpeakerRanker};
use crate::token::{shape, TokenKind};
use rustc_hash::FxHashMap;

mod at_token;
mod cluster;
mod index;
mod position;
mod resolver;
mod salience;

use at_token::{AtToken, TokenSet};
use cluster::{cluster_names, Cluster};
use index::NameIndex;
use position::is_subject;
use resolver::Resolver;
use salience::Salience;
pub use salience::{Work, BUDGET_BASE, BUDGET_PER_TOKEN, DEGRADED_LOOKBACK};

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

/// Builds the entities and mentions of `doc`, resolves each quote's speaker to one, and records
/// each pronoun and description resolved with its ranked candidates ([`Doc::queries`],
/// [`Doc::candidates`]). `work` bounds the look-ups (see [`Work`]).
pub fn resolve(doc: &mut Doc, lex: &Lexicon, ranker: &dyn SpeakerRanker, work: Work) {
    let mut index = NameIndex::default();
    // Each name makes at most one cluster: sized once, as a cluster is some 200 bytes and
    // regrowing the list copied them all.
    let mut clusters: Vec<Cluster> = Vec::with_capacity(doc.names.len());
    let speaker_names = speaker_name_starts(doc);
    let name_entity = cluster_names(doc, lex, &speaker_names, &mut clusters, &mut index);
    let quote_of_speaker = quotes_by_speaker(doc);
    let events = events(doc, &quote_of_speaker);
    // Each event touches about one cluster, and each but a name makes at most one query.
    let queries = events.iter().filter(|e| !matches!(e, Event::Name(_))).count();
    let mut salience = Salience::new(work, events.len());
    salience.work.spent += index.reads;
    salience.index_roles(&mut clusters, ranker.uses_name_gender());
    let candidates = candidates_estimate(queries, clusters.len());
    let mut r = Resolver {
        doc,
        lex,
        ranker,
        clusters,
        salience,
        name_entity: &name_entity,
        speaker_names,
        quote_of_speaker,
        // Each event notes at most one mention: sized once, so that the list is not regrown
        // (regrowing it, and a map of the tokens' entities, a dozen times a document cost
        // ~0.8% of the engine on BBC news).
        at_token: AtToken::new(doc.tokens.len()),
        mentions: Vec::with_capacity(events.len()),
        description_entities: FxHashMap::default(),
        typed_by_description: Vec::new(),
        queries: Vec::with_capacity(queries),
        candidates: Vec::with_capacity(candidates),
        sentence: 0,
    };
    for ev in &events {
        match *ev {
            Event::Name(i) => r.name(i),
            Event::Pronoun(k) => r.pronoun(k),
            Event::Speaker(np) => r.speaker(np),
        }
    }
    let Resolver {
        mut clusters,
        mut mentions,
        at_token,
        queries,
        candidates,
        salience,
        typed_by_description,
        ..
    } = r;
    // Filed again under an organisation's keys, as the names layer files one (only the key of
    // a first word depends on it; the lookups check the flag themselves, too).
    for e in typed_by_description {
        let c = &clusters[e as usize];
        let words = c.words.clone();
        index.refile(lex, e as usize, (&words, false), c);
    }
    let mut resolutions = vec![Resolution::default(); doc.quotes.len()];
    fallback_speakers(doc, &clusters, &mentions, &mut resolutions);
    let found = NamesFound {
        name_entity: &name_entity,
        at_token: &at_token,
        lex,
        index: &mut index,
    };
    quote_entities(doc, &mut clusters, found, &mut resolutions);
    doc.resolutions = resolutions;
    mentions.sort_by_key(|m| m.tok_start);
    let tokens = &doc.tokens;
    // Each entity's list sized once for its mentions, not regrown from empty a few times.
    let mut counts = vec![0usize; clusters.len()];
    mentions.iter().for_each(|m| counts[m.entity as usize] += 1);
    clusters
        .iter_mut()
        .zip(counts)
        .for_each(|(c, n)| c.mentions.reserve_exact(n));
    for m in &mentions {
        let span = (tokens[m.tok_start as usize].start, tokens[m.tok_end as usize - 1].end);
        clusters[m.entity as usize].mentions.push(span);
    }
    doc.mentions = mentions;
    doc.entities = clusters.into_iter().map(|c| c.into_entity(lex)).collect();
    doc.queries = queries;
    doc.candidates = candidates;
    doc.work = salience.work;
}

/// Room for the candidates of `queries` queries, given `clusters` entities from names:
/// each query lists each entity at most once (BBC news averages 11 a query, a few dozen at
/// most). Sized once, as regrowing the list (some 2.6 times a document when it was sized by the
/// events) copied it each time: 0.6% of the engine's instructions. At most 32 a query (~2 kB):
/// a long document's list still grows where it needs to rather than being sized for its worst.
fn candidates_estimate(queries: usize, clusters: usize) -> usize {
    queries * clusters.clamp(1, 32)
}

/// The first quote each attribution's speaker phrase belongs to, by the phrase's first token
/// (the halves of one utterance share a phrase).
fn quotes_by_speaker(doc: &Doc) -> FxHashMap<u32, usize> {
    let mut quote_of_speaker: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, q) in doc.quotes.iter().enumerate() {
        if let Some(np) = q.speaker {
            quote_of_speaker.entry(np.tok_start).or_insert(i);
        }
    }
    quote_of_speaker
}

/// Names, third-person pronouns and speaker descriptions to resolve, in text order.
fn events(doc: &Doc, quote_of_speaker: &FxHashMap<u32, usize>) -> Vec<Event> {
    let tokens = &doc.tokens[..];
    let mut events: Vec<Event> = (0..doc.names.len()).map(Event::Name).collect();
    for (k, t) in tokens.iter().enumerate() {
        // Most tokens are no pronoun: they are passed over before anything else is asked.
        if t.kind != TokenKind::Word || !t.is(flag::PRONOUN) {
            continue;
        }
        let third_person = matches!(
            t.info.gender,
            Gender::Male | Gender::Female | Gender::Neuter | Gender::Plural
        );
        // "it" is often no one ("it's not just", "it is clear that"): it is resolved only where
        // it speaks ("…," it said), or as "its".
        let expletive = t.info.gender == Gender::Neuter
            && t.info.case != Some(Case::Possessive)
            && !quote_of_speaker.contains_key(&(k as u32));
        if third_person && !t.in_quote() && !expletive {
            events.push(Event::Pronoun(k as u32));
        }
    }
    // Speaker phrases that are not names need resolving where they stand. A group noun that
    // the names layer took for a name ("Police said" in an article that names "Thames Valley
    // Police") is resolved as that name.
    let is_name = |np: SpeakerNp| {
        let i = doc.names.partition_point(|n| n.tok_start < np.tok_start);
        doc.names
            .get(i)
            .is_some_and(|n| n.tok_start == np.tok_start && n.tok_end == np.tok_end)
    };
    for q in &doc.quotes {
        if let Some(np) = q.speaker {
            if matches!(np.kind, NpKind::Description | NpKind::Relative) && !q.speaker_carried && !is_name(np) {
                events.push(Event::Speaker(np));
            }
        }
    }
    subject_descriptions(doc, &mut events);
    // A name and a description may start at one token ("Trudeau's office said"): the name is
    // a mention of its own, then the description is resolved on top of it.
    let rank = |e: &Event| match e {
        Event::Name(_) => 0u8,
        Event::Pronoun(_) => 1,
        Event::Speaker(_) => 2,
    };
    events.sort_by_key(|e| (e.tok(&doc.names), rank(e)));
    events.dedup_by_key(|e| (e.tok(&doc.names), rank(e)));
    events
}

/// Descriptions that open a sentence as its subject ("The 'Big Love' singer took to …") are
/// mentions too: they carry salience and channels.
fn subject_descriptions(doc: &Doc, events: &mut Vec<Event>) {
    let tokens = &doc.tokens[..];
    for sent in &doc.sentences {
        let (lo, hi) = (sent.tok_start as usize, sent.tok_end as usize);
        // The last role noun of the sentence, and the last for a person, found at its first
        // determiner: a description's head is its last token, so none starting after them
        // qualifies, and the phrase is not read (np_after ran at 47,126 determiners of BBC
        // news, some 500 instructions each, and most phrases have no such head).
        let mut last_heads: Option<(Option<usize>, Option<usize>)> = None;
        for k in lo..hi {
            // Any determiner opening the sentence ("His wife took to …"); "the" anywhere else
            // ("On Dec. 13, the mayor brought up …").
            let t = &tokens[k];
            if !(t.is(flag::DET) && (k == lo || t.is(flag::DEF_ARTICLE))) || t.in_quote() {
                continue;
            }
            let (last_role, last_person) = *last_heads.get_or_insert_with(|| last_role_nouns(&tokens[lo..hi], lo));
            if (if k == lo { last_role } else { last_person }).is_none_or(|h| h < k) {
                continue;
            }
            if let Some(np) = np_after(tokens, k, hi) {
                // Mid-sentence, only people: "the government" there is too often no one said.
                let head = &tokens[np.tok_end as usize - 1];
                let head_is_person = head.is(flag::ROLE) && (k == lo || head.is(flag::ROLE_PERSON));
                if np.kind == NpKind::Description && head_is_person && is_subject(tokens, k, np.tok_end as usize) {
                    events.push(Event::Speaker(np));
                }
            }
        }
    }
}

/// The positions of the last role noun of `span` (which starts at token `lo`) and of the
/// last role noun for a person, if any.
fn last_role_nouns(span: &[crate::token::Token], lo: usize) -> (Option<usize>, Option<usize>) {
    let last = |mask: u64| span.iter().rposition(|t| t.is(mask)).map(|i| lo + i);
    (last(flag::ROLE), last(flag::ROLE_PERSON))
}

/// First tokens of the names inside a quote's own speaker phrase ("…," Legend said): those
/// names are people and subjects.
fn speaker_name_starts(doc: &Doc) -> TokenSet {
    let names = &doc.names;
    let mut out = TokenSet::new(doc.tokens.len());
    for q in &doc.quotes {
        let Some(np) = q.speaker.filter(|np| np.kind == NpKind::Name && !q.speaker_carried) else {
            continue;
        };
        // Names are in text order: those starting inside the phrase.
        let first = names.partition_point(|n| n.tok_start < np.tok_start);
        for n in names[first..].iter().take_while(|n| n.tok_start < np.tok_end) {
            if n.tok_end <= np.tok_end {
                out.insert(n.tok_start);
            }
        }
    }
    out
}

/// A quote opening a paragraph with no attribution, after a paragraph without quotes: the
/// person that paragraph was about (its last subject).
fn fallback_speakers(doc: &Doc, clusters: &[Cluster<'_>], mentions: &[Mention], resolutions: &mut [Resolution]) {
    for (q, r) in doc.quotes.iter().zip(resolutions.iter_mut()) {
        let Some(pp) = q.carry_from_paragraph.filter(|_| q.speaker.is_none()) else {
            continue;
        };
        let p = doc.paragraphs[pp as usize];
        // Mentions are in text order: those starting in the paragraph, from its end.
        let first = mentions.partition_point(|m| m.tok_start < p.tok_start);
        let last = first + mentions[first..].partition_point(|m| m.tok_start < p.tok_end);
        let subject = mentions[first..last]
            .iter()
            .rev()
            .filter(|m| m.tok_end <= p.tok_end && m.subject)
            .find(|m| {
                let c = &clusters[m.entity as usize];
                (c.person || c.female + c.male > 0) && !c.org
            });
        if let Some(m) = subject {
            r.fallback_entity = Some(m.entity);
            r.confidence = Some(Evidence::SubjectOfPreviousParagraph.confidence());
        }
    }
}

/// What [`quote_entities`] looks speakers up in.
struct NamesFound<'a> {
    /// The entity of each name mention.
    name_entity: &'a [u32],
    /// The entity each speaker phrase, pronoun or description was resolved to, by its token.
    at_token: &'a AtToken,
    lex: &'a Lexicon,
    /// The named entities by their words.
    index: &'a mut NameIndex,
}

/// Each quote's speaker: the entity of the name inside its phrase, or of the phrase. A name
/// the name finder did not take (a title-cased headline's "…, Lindsey Graham Says") is looked
/// up by its words among the article's named entities.
fn quote_entities(doc: &Doc, clusters: &mut [Cluster<'_>], found: NamesFound, resolutions: &mut [Resolution]) {
    let NamesFound {
        name_entity,
        at_token,
        lex,
        index,
    } = found;
    for (q, r) in doc.quotes.iter().zip(resolutions.iter_mut()) {
        let Some(np) = q.speaker else {
            r.entity = r.fallback_entity;
            continue;
        };
        let e = match np.kind {
            NpKind::Name => doc
                .head_name(np)
                .map(|i| name_entity[i])
                .or_else(|| at_token.get(&np.tok_start).copied())
                .or_else(|| entity_by_words(doc, np, lex, clusters, index)),
            _ => at_token.get(&np.tok_start).copied(),
        };
        r.entity = e;
        if let Some(e) = e {
            let c = &mut clusters[e as usize];
            if !c.org && !c.group {
                c.person = true;
            }
        }
    }
}

/// The named entity a speaker's name the name finder did not take stands for, looked up by its
/// words. Only a plain name, without a function word, a title or a role ("Duke of Edinburgh"
/// is not the Edinburgh the article names). A name in capitals that the article never writes so
/// is looked up as a name is written (a transcript's "PENCE" is the article's "Pence"; "IBM"
/// stays "IBM").
fn entity_by_words(
    doc: &Doc,
    np: SpeakerNp,
    lex: &Lexicon,
    clusters: &[Cluster<'_>],
    index: &mut NameIndex,
) -> Option<u32> {
    let span = &doc.tokens[np.tok_start as usize..np.tok_end as usize];
    let plain = span
        .iter()
        .all(|t| t.is_word() && !t.is(flag::FUNCTION | flag::TITLE | flag::ROLE));
    if !plain {
        return None;
    }
    let words: Vec<&str> = span.iter().map(|t| t.base(doc.text)).collect();
    if let Some(e) = index.find(lex, clusters, &words, false) {
        return Some(e as u32);
    }
    if span.iter().all(|t| t.shape & shape::ALL_CAPS == 0) {
        return None;
    }
    let cased: Vec<String> = words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .into_iter()
                .chain(chars.flat_map(char::to_lowercase))
                .collect()
        })
        .collect();
    let cased: Vec<&str> = cased.iter().map(String::as_str).collect();
    index.find(lex, clusters, &cased, false).map(|e| e as u32)
}

/// The entity a relative clause ("Shrubsall, who …") is about, when the pronoun at `k` is
/// inside it: no one else is named between "who" and the pronoun.
pub(super) fn relative_antecedent(doc: &Doc, k: usize, sentence_start: usize, mentions: &[Mention]) -> Option<usize> {
    let tokens = &doc.tokens;
    let who = (sentence_start..k)
        .rev()
        .take(30)
        .find(|&w| tokens[w].is(flag::PERSON_RELATIVE) && !tokens[w].in_quote())?;
    let mut a = who;
    while a > sentence_start && tokens[a - 1].is_punct(b',') {
        a -= 1;
    }
    let before = mentions.iter().rev().skip_while(|m| m.tok_start as usize >= k);
    // Mentions after "who" are of the antecedent only ("who … his victims … his spree").
    let e = before.clone().find(|m| m.tok_start as usize <= who)?;
    let others = before
        .take_while(|m| m.tok_start as usize > who)
        .any(|m| m.entity != e.entity);
    (e.tok_end as usize == a && a < who && !others).then_some(e.entity as usize)
}

/// The entity of the phrase just before "who".
pub(super) fn antecedent_of_who(doc: &Doc, who: usize, at_token: &AtToken) -> Option<u32> {
    let mut k = who;
    while k > 0 && (doc.tokens[k - 1].is_punct(b',') || doc.tokens[k - 1].kind == TokenKind::Dash) {
        k -= 1;
    }
    // Names are in text order and do not overlap: the last one ending at or before `k`.
    let i = doc.names.partition_point(|n| n.tok_end as usize <= k).checked_sub(1)?;
    let n = doc.names.get(i).filter(|n| n.tok_end as usize == k)?;
    at_token.get(&n.tok_start).copied()
}

/// "the president of Mexico, who": when the name starting at token `start` completes a noun
/// for a person ("of" or "on" before it), the position of that noun, whose phrase "who" may
/// follow instead of the name.
pub(super) fn of_complement(doc: &Doc, start: usize) -> Option<usize> {
    let tokens = &doc.tokens;
    let of = start
        .checked_sub(1)
        .filter(|&o| tokens[o].is(flag::NAME_INNER_PREP) && !tokens[o].is_cap())?;
    let head = of.checked_sub(1)?;
    let t = &tokens[head];
    (t.kind == TokenKind::Word && !t.is_cap() && t.is(flag::ROLE_PERSON)).then_some(head)
}

impl Resolver<'_, '_> {
    /// Resolves a description such as "the singer" or "officials": to an entity mentioned
    /// before when it may corefer, else to an entity of its own, one per wording.
    fn description(&mut self, np: SpeakerNp) -> Option<u32> {
        let doc = self.doc;
        let (text, tokens) = (doc.text, &doc.tokens[..]);
        let span = &tokens[np.tok_start as usize..np.tok_end as usize];
        let head = description_head(span)?;
        let org = head.is(flag::ROLE_ORG);
        if may_corefer(span, head) {
            let role = head.base(text).to_ascii_lowercase();
            // An entity already known by this role ("the mayor" for "Mayor Doug McCallum").
            let by_role = self.salience.by_role(&self.clusters, &role, np.tok_start);
            let gender = if org {
                Gender::Neuter
            } else {
                match head.info.gender {
                    Gender::Unknown => Gender::Speaker, // any person
                    g => g,
                }
            };
            let query = Query {
                tok_start: np.tok_start,
                tok_end: np.tok_end,
                kind: QueryKind::Description,
                gender,
                want_person: !org,
                org,
                business: org && self.lex.is_cased(&role, cased::BUSINESS),
                speaks: self.quote_of_speaker.contains_key(&np.tok_start),
                case: None,
                candidates: (0, 0),
                chosen: None,
            };
            // "the mayor" is not "a spokesperson" quoted just before: an entity born of a
            // description is found again only by the same words (a feature of its own).
            let role_id = self.salience.role_id(&role);
            let business = query.business;
            // A company or an agency is not the outlet it spoke to ("The agency told CTV News");
            // only a noun for an outlet ("the newspaper") is.
            let outlets = if org && !self.lex.is_cased(&role, cased::MEDIA_ROLE) {
                cluster::outlets_spoken_to(&self.clusters)
            } else {
                Vec::new()
            };
            let outlet = |e: usize| outlets.get(e).copied().unwrap_or(false);
            if let Some(e) = self.rank(query, by_role.as_slice(), role_id, &outlet, None) {
                // "Microsoft … the company said": a name nothing typed that a description of a
                // company takes is a company; "he" no longer takes it, "it" does. Not when a
                // word of it is a person's name in the name table (a surname too, there): in
                // "Smith said … the company said", Smith is likelier someone the description
                // took wrongly, and stays who "he" may be.
                let c = &self.clusters[e];
                let no_personal_name = || c.words.iter().all(|w| crate::name_gender::lookup(w).is_none());
                if business && !c.org && no_personal_name() {
                    self.clusters[e].org = true;
                    self.typed_by_description.push(e as u32);
                }
                return Some(e as u32);
            }
        }
        self.described_entity(np)
    }

    /// The entity a description names of its own, one per wording: "officials", "a source",
    /// "the school's defenders".
    pub(super) fn described_entity(&mut self, np: SpeakerNp) -> Option<u32> {
        let doc = self.doc;
        let (text, tokens) = (doc.text, &doc.tokens[..]);
        let span = &tokens[np.tok_start as usize..np.tok_end as usize];
        let head = description_head(span)?;
        let org = head.is(flag::ROLE_ORG);
        let phrase_text = {
            let (a, b) = doc.tok_span(np.tok_start, np.tok_end);
            &text[a as usize..b as usize]
        };
        let key = phrase_text.to_lowercase();
        if let Some(&e) = self.description_entities.get(&key) {
            return Some(e);
        }
        // "Most said", "some suggest", "a fifth saying": a share of people is a group as much
        // as "analysts" is, never someone called "he" or "she" nor a person counted by gender.
        // Not one set off by a comma, which an apposition about one person follows ("The
        // third, a 23-year-old private, said he …").
        let end = np.tok_end as usize;
        let set_off = tokens.get(end).is_some_and(|t| t.is_punct(b','))
            && tokens
                .get(end + 1)
                .is_some_and(|t| t.is(flag::DEF_ARTICLE | flag::INDEF_ARTICLE));
        let group = head.is(flag::ROLE_GROUP) || head.is(flag::GROUP_QUANTIFIER) && !set_off;
        // The source of "according to" may be no one: a document, a poll, a legend ("according
        // to local legend", "according to some"). Unless a role noun or a title says it is a
        // person ("according to a senior aide", "according to his mother"), it speaks but is
        // never "he" or "she" (a lower-case word's first-name gender, "legend", says nothing).
        let a = np.tok_start as usize;
        let according_to = a >= 2 && tokens[a - 2].is(flag::SOURCE_CUE_HEAD) && tokens[a - 1].is(flag::INFINITIVE_TO);
        let no_person = according_to && !org && !group && !span.iter().any(|t| t.is(flag::ROLE | flag::TITLE));
        self.clusters.push(Cluster {
            name: phrase_text.to_string(),
            words: Vec::new(),
            org,
            group,
            thing: no_person,
            person: !org && !group && !no_person,
            female: u32::from(head.info.gender == Gender::Female),
            male: u32::from(head.info.gender == Gender::Male),
            ..Cluster::default()
        });
        let e = self.clusters.len() as u32 - 1;
        self.description_entities.insert(key, e);
        // "A Bayern spokesman said … the spokesman added": a person introduced by an
        // indefinite description (any modifiers), or by "the" and lower-case modifiers only, is
        // found again by its head noun alone. Not one introduced as someone known ("the Texas
        // attorney general", "Russia's president"): the story often names that person later,
        // and "the attorney general" is then the name's (measured: BBC lost names). Nor an
        // organisation or a group: "a rival company" is seldom "the company" of the story.
        // Known limit: a person named after the description and known by its head noun only
        // through an appositive ("A lawyer said … The family's lawyer, Jane Roe, filed … the
        // lawyer said") loses "the lawyer" to the description; requiring no person named since
        // lost far more spokespeople on BBC than it saved.
        let the_plain = span[0].is(flag::DEF_ARTICLE)
            && span[1..]
                .iter()
                .all(|t| !t.is_cap() && t.shape & shape::POSSESSIVE == 0);
        let plain = span[0].is(flag::INDEF_ARTICLE) || the_plain;
        if plain && head.is(flag::ROLE_PERSON | flag::TITLE) && !org && !group && !no_person {
            let role = head.base(text).to_ascii_lowercase();
            self.salience.add_role(&mut self.clusters, e as usize, &role);
        }
        Some(e)
    }
}

/// The head of a description: its role noun, or else its last word ("the rookie defenceman").
fn description_head(span: &[crate::token::Token]) -> Option<&crate::token::Token> {
    span.iter()
        .rev()
        .find(|t| t.is(flag::ROLE | flag::TITLE) || crate::np::aged(t))
        .or_else(|| span.iter().rev().find(|t| t.is_word()))
}

/// May a description (tokens `span`, head noun `head`) refer to an entity named before?
fn may_corefer(span: &[crate::token::Token], head: &crate::token::Token) -> bool {
    let definite = span[0].is(flag::DEF_ARTICLE)
        || span[0].is(flag::PRONOUN)
        || span[0].shape & shape::POSSESSIVE != 0 && span.len() > 1;
    let group = head.is(flag::ROLE_GROUP);
    let org = head.is(flag::ROLE_ORG);
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
    // ("the 45-year-old said": an age is a person's, known.)
    let unknown_head = !head.is(flag::ROLE | flag::TITLE) && !crate::np::aged(head);
    // "Trudeau's office", "McCallum's staff": a named possessor makes a body of its own.
    // So does "his office": a person's office is not an organisation named before.
    let named_possessor = span[0].is_cap() && span[0].shape & shape::POSSESSIVE != 0 && !span[0].is(flag::PRONOUN)
        || org && span[0].is_possessive_pronoun();
    let may = definite && !group && (bare || !org) && !(unknown_head && span.len() == 2);
    may && !named_possessor
}
