//! Entities and coreference: one entity per person or organisation, named by its fullest name.
//!
//! Names cluster by their words ("Legend" and "Chrissy" join "John Legend" and "Chrissy
//! Teigen"). Then one pass in text order resolves third-person pronouns and speaker
//! descriptions ("the singer", "the company") to the most salient compatible entity: the one
//! mentioned most recently, where a mention as the subject of a clause or as a speaker counts
//! as nearer. Gender comes only from the article: honorifics, kinship and role words, and the
//! pronouns resolved to the entity.

use crate::confidence::Evidence;
use crate::doc::{Doc, Entity, EntityKind, Mention};
use crate::lexicon::{flag, Case, Gender, Lexicon};
use crate::names::NameMention;
use crate::np::{np_after, NpKind, SpeakerNp};
use crate::token::{shape, TokenKind};
use rustc_hash::FxHashMap;

mod cluster;
mod position;

use cluster::{cluster_names, pick, Cluster};
use position::{is_located, is_subject, pronoun_case};

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
    let tokens = &doc.tokens[..];
    let mut clusters: Vec<Cluster> = Vec::new();
    let name_entity = cluster_names(doc, lex, &mut clusters);

    // The first quote each attribution's speaker phrase belongs to, by the phrase's first token
    // (the halves of one utterance share a phrase).
    let mut quote_of_speaker: FxHashMap<u32, usize> = FxHashMap::default();
    for (i, q) in doc.quotes.iter().enumerate() {
        if let Some(np) = q.speaker {
            quote_of_speaker.entry(np.tok_start).or_insert(i);
        }
    }

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
            && !quote_of_speaker.contains_key(&(k as u32));
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
        let (lo, hi) = (sent.tok_start as usize, sent.tok_end as usize);
        for k in lo..hi {
            // Any determiner opening the sentence ("His wife took to …"); "the" anywhere else
            // ("On Dec. 13, the mayor brought up …").
            let the = tokens[k].is(flag::DEF_ARTICLE);
            if !(tokens[k].is(flag::DET) && (k == lo || the)) || tokens[k].in_quote() {
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
    // A name and a description may start at one token ("Trudeau's office said"): the name is
    // a mention of its own, then the description is resolved on top of it.
    let rank = |e: &Event| match e {
        Event::Name(_) => 0u8,
        Event::Pronoun(_) => 1,
        Event::Speaker(_) => 2,
    };
    events.sort_by_key(|e| (e.tok(&doc.names), rank(e)));
    events.dedup_by_key(|e| (e.tok(&doc.names), rank(e)));

    // Names that are a quote's speaker ("…," Legend said) are people and subjects.
    let speaker_names: rustc_hash::FxHashSet<u32> = doc
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
                let subject = speaks || is_subject(tokens, n.title_start as usize, n.tok_end as usize);
                let c = &mut clusters[e as usize];
                // "Shanaaz Gokool, president of Dying with Dignity Canada, …": an appositive
                // role says person.
                let role_apposed = tokens.get(n.tok_end as usize).is_some_and(|t| t.is_punct(b','))
                    && tokens[n.tok_end as usize + 1..]
                        .iter()
                        .take(3)
                        .take_while(|t| t.is_word() && !t.is_cap())
                        .any(|t| t.is(flag::ROLE_PERSON | flag::TITLE));
                if (speaks || role_apposed) && !c.org && !c.group {
                    c.person = true;
                }
                if is_located(tokens, n.title_start as usize) {
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
                let case = pronoun_case(tokens, k as usize);
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
                let own_quote = quote_of_speaker.get(&k).map(|&i| &doc.quotes[i]);
                if let Some(q) = own_quote.filter(|q| q.end <= kb && q.start >= sb) {
                    // Named there, that is; "Her time has been hard, she said" is about herself.
                    let inside = |m: &Mention| {
                        let b = tokens[m.tok_start as usize].start;
                        q.start <= b && b < q.end && !tokens[m.tok_start as usize].is(flag::PRONOUN)
                    };
                    exclude.extend(mentions.iter().filter(|m| inside(m)).map(|m| m.entity as usize));
                }
                // "William Shrubsall, who fractured one of his victims' skulls": inside a
                // relative clause, the pronoun is the person the clause is about.
                let relative = relative_antecedent(doc, k as usize, s.tok_start as usize, &mentions).filter(|&e| {
                    // "who" says a person, even after "of" or "from".
                    let c = &clusters[e];
                    let g = c.gender();
                    let person_pronoun = matches!(t.info.gender, Gender::Male | Gender::Female);
                    person_pronoun && !c.org && (g == Gender::Unknown || g == t.info.gender) && !exclude.contains(&e)
                });
                let Some(e) = relative.or_else(|| pick(&clusters, t.info.gender, k, false, &exclude)) else {
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
            q.confidence = Evidence::SubjectOfPreviousParagraph.confidence();
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

/// The entity a relative clause ("Shrubsall, who …") is about, when the pronoun at `k` is
/// inside it: no one else is named between "who" and the pronoun.
fn relative_antecedent(doc: &Doc, k: usize, sentence_start: usize, mentions: &[Mention]) -> Option<usize> {
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
    let head_word = head.base(text);
    let definite = span[0].is(flag::DEF_ARTICLE)
        || span[0].is(flag::PRONOUN)
        || span[0].shape & shape::POSSESSIVE != 0 && span.len() > 1;
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
    // "Trudeau's office", "McCallum's staff": a named possessor makes a body of its own.
    // So does "his office": a person's office is not an organisation named before.
    let named_possessor = span[0].is_cap() && span[0].shape & shape::POSSESSIVE != 0 && !span[0].is(flag::PRONOUN)
        || org && span[0].is(flag::PRONOUN) && span[0].info.case == Some(Case::Possessive);
    let may_corefer = definite && !group && (bare || !org) && !(unknown_head && span.len() == 2);
    if may_corefer && !named_possessor {
        // An entity already known by this role ("the mayor" for "Mayor Doug McCallum").
        let by_role = clusters
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.roles.iter().any(|r| r.eq_ignore_ascii_case(head_word))
                    && c.last_any.is_some_and(|l| l < np.tok_start)
            })
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
            // "the mayor" is not "a spokesperson" quoted just before: an entity born of a
            // description is found again only by the same words.
            let described: Vec<usize> = (0..clusters.len()).filter(|&i| clusters[i].words.is_empty()).collect();
            pick(clusters, gender, np.tok_start, !org, &described)
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
