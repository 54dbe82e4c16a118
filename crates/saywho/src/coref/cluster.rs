//! Entities under construction: clusters of names, and what agrees with a pronoun.

use super::index::{named_by_part, NameIndex};
use crate::doc::{Doc, Entity, EntityKind};
use crate::lexicon::{cased, flag, form, Gender, Lexicon};
use crate::names::NameMention;
use crate::token::{shape, TokenKind};
use rustc_hash::FxHashMap;

/// Working state of one entity during resolution.
#[derive(Debug, Default, Clone)]
pub(super) struct Cluster<'t> {
    /// Words of the fullest name (possessive removed), slices of the text: a cluster grows
    /// its name often, and a `String` a word cost an allocation each time.
    pub(super) words: Vec<&'t str>,
    pub(super) name: String,
    pub(super) org: bool,
    /// The fullest name is a place of the place table ("Kenya", "Ontario"): a thing unless
    /// a title or role makes it a person ([`Cluster::is_thing`]).
    pub(super) place: bool,
    /// A title or role word before a name or in apposition to it says person ("Mrs.
    /// Georgia", "Austria, the team's point guard,"): a place name is then a person's.
    pub(super) titled: bool,
    /// An event, place or law: never "he" or "she".
    pub(super) thing: bool,
    /// A mention of two words or more, whose first is a first name of the name table, speaks
    /// ("Maria Street said", "James Park told reporters", "John Toshack said" after "the
    /// Toshack era"): a person's name, though written as a thing's ([`Cluster::is_thing`]).
    /// (A venue so named that speaks, "Victoria Park said", is taken for a person too: rarer
    /// in news than people named Park or Street.)
    pub(super) first_named_speaker: bool,
    /// A name ends with a word of places' names that is no common surname ("Charlotte
    /// County"): a thing even when it opens with a first name and speaks.
    pub(super) unit_place: bool,
    /// Mentions after "in", "at", "from" (places), and mentions elsewhere.
    pub(super) located: u32,
    pub(super) unlocated: u32,
    /// Mentions that only modify a role noun ("Crown attorney", "Liberal leader").
    pub(super) modifier: u32,
    pub(super) person: bool,
    pub(super) group: bool,
    /// The fullest name is a news outlet's ("CTV News"): no description of a company or an
    /// agency takes it.
    pub(super) outlet: bool,
    pub(super) female: u32,
    pub(super) male: u32,
    /// An age between commas followed a mention ("Kovacs, 34, said"): a person.
    pub(super) aged: bool,
    /// Role words seen with the name ("mayor", "host"), each once, lower case.
    pub(super) roles: Vec<String>,
    /// The same roles as indexes into the resolver's role table.
    pub(super) role_ids: Vec<u32>,
    /// Token of the latest mention, and of the latest as a subject or speaker.
    pub(super) last_any: Option<u32>,
    pub(super) last_subject: Option<u32>,
    /// Token of the latest mention as a quote's speaker.
    pub(super) last_spoke: Option<u32>,
    /// The latest mention was a subject or a speaker.
    pub(super) last_was_subject: bool,
    /// The latest mention was possessive.
    pub(super) last_was_possessive: bool,
    /// Token of the first mention.
    pub(super) first_any: Option<u32>,
    /// Mentions so far as a subject or a speaker.
    pub(super) subject_count: u32,
    /// Sentence of the latest mention.
    pub(super) last_sentence: u32,
    /// Mentions resolved so far.
    pub(super) mention_count: u32,
    /// The gender of the first name of a person's name (the name itself when it is one word
    /// and not mostly a surname),
    /// when the name table is decisive ([`crate::name_gender::first_name_gender`]); unknown
    /// otherwise.
    pub(super) name_gender: Gender,

    pub(super) mentions: Vec<(u32, u32)>,
    /// The shapes ([`super::index::word_shape`]) of the first word of `words` (low half) and
    /// of its last (high half), 0 without words: kept with the words, so that the name index's
    /// scan tests a cluster's words with one number, rarely equal, before reading them.
    pub(super) shapes: u64,
}

impl Cluster<'_> {
    /// Never "he" or "she": an event, place or law, or a name of the place table ("Kenya")
    /// that no title or role before it made a person ("Mrs. Georgia").
    pub(super) fn is_thing(&self) -> bool {
        self.thing && (self.unit_place || !self.first_named_speaker) || self.place && !self.titled
    }

    /// The entity the finished cluster becomes.
    pub(super) fn into_entity(self, lex: &Lexicon) -> Entity {
        Entity {
            // A party or team named in the plural ("the Liberals") is an organisation too.
            kind: if self.org || self.group && !self.words.is_empty() {
                EntityKind::Organization
            } else if self.is_thing() && !self.titled {
                // A titled name is a person's ("Premier Doug Ford"), though the text also wrote
                // it as a thing's ("the Ford government").
                EntityKind::Other
            } else if self.speaks_as_organisation(lex) {
                EntityKind::Organization
            } else if self.person || self.female + self.male > 0 {
                EntityKind::Person
            } else {
                EntityKind::Other
            },
            gender: if self.org || self.group {
                Gender::Unknown
            } else {
                self.gender()
            },
            name: self.name,
            mentions: self.mentions,
        }
    }

    /// A name that nothing but its speaking made a person (no title or role, no age, no
    /// gendered pronoun), without a first name of the name table, that is one word ("Ofcom
    /// said", "Labour said", "Nintendo said") or ends in a common word of the language with
    /// no title or role among its words ("Federal Reserve", "Countryside Alliance", "Liberal
    /// Democrats"). News gives a person's full name at least once, and a surname is rarely a
    /// common word when the first name is one the table does not hold. On BBC news this
    /// retypes some 400 entities, about a dozen of them people known by one name or by a name
    /// from outside the table ("Bono" after "U2 frontman", "Ros Coward"). A company whose
    /// name is in the first-name table ("Sony") stays a person. (Taking "I" or "my" in the
    /// entity's own quotes as a person's mark was tried: on BBC and PolNeAR it rescued as many
    /// organisations wrongly given a person's quote as people.)
    fn speaks_as_organisation(&self, lex: &Lexicon) -> bool {
        // The flags first: the word look-ups below are for the few clusters they leave.
        if !self.person || self.titled || self.aged || self.female + self.male > 0 {
            return false;
        }
        let no_first_name = |w: &str| crate::name_gender::lookup(w).is_none();
        match self.words[..] {
            [word] => no_first_name(word),
            [.., last] => {
                lex.is_common_word(last)
                    && self
                        .words
                        .iter()
                        .all(|w| no_first_name(w) && !lex.lookup(w).is(flag::TITLE | flag::ROLE))
            }
            [] => false,
        }
    }

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
pub(super) fn cluster_names<'t>(
    doc: &Doc<'t>,
    lex: &Lexicon,
    speaker_names: &super::TokenSet,
    clusters: &mut Vec<Cluster<'t>>,
    index: &mut NameIndex,
) -> Vec<u32> {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let mut out = Vec::with_capacity(doc.names.len());
    // The cluster last named as a speaker under each of its first and last words: a surname
    // alone ("says LeBlanc") is the LeBlanc last quoted, not the one introduced last ("Ernie
    // LeBlanc, father of Jason LeBlanc, 42, says …").
    let mut latest_with_word: FxHashMap<&str, usize> = FxHashMap::default();
    // Each name's words, in one list kept across names (one allocation a name cost ~1% of the
    // engine on BBC news).
    let mut words: Vec<&str> = Vec::new();
    for n in &doc.names {
        words.clear();
        words.extend(
            tokens[n.tok_start as usize..n.tok_end as usize]
                .iter()
                .filter(|t| t.kind == TokenKind::Word && !t.is_punct(b'.'))
                .map(|t| t.base(text)),
        );
        // "Al-Shabaab has vowed …" opening a sentence is the al-Shabaab the article writes
        // elsewhere: the word as written there (a slice of the text, as the others are).
        if let Some(first) = words.first_mut() {
            if let Some(lowered) = lex.lower_name_particle(first) {
                if let Some(at) = text.find(&lowered) {
                    *first = &text[at..at + lowered.len()];
                }
            }
        }
        let toks = &tokens[n.tok_start as usize..n.tok_end as usize];
        // A platform that speaks ("Facebook said") is the company that runs it.
        let platform = matches!(toks, [t] if t.info.channel.is_some());
        // "Procter & Gamble", "Marks & Spencer": two names joined by "&" are a firm's (not
        // when a title follows: "Sales & Marketing Director Ann Lee").
        let titled = toks.iter().any(|t| t.is(flag::TITLE | flag::ROLE_PERSON) && t.is_cap());
        // A news outlet's name is an organisation's ("CTV News", "The Toronto Globe").
        let outlet = words.last().is_some_and(|w| lex.is_cased(w, cased::MEDIA));
        let named_org = outlet
            || words.iter().any(|w| lex.is_org_word(w))
            || toks
                .iter()
                .any(|t| t.shape & shape::ALL_CAPS != 0 || t.is_punct(b'&') && !titled)
            || platform;
        let latest = match words[..] {
            [word] => latest_with_word
                .get(word)
                .copied()
                .filter(|&e| clusters[e].words.len() >= 2 && named_by_part(&clusters[e], word)),
            _ => None,
        };
        // "Spindler's father, Joseph,": a family member named by first name, not the Joseph
        // named before; the one with the possessor's surname if the story named them so.
        let relative_surname = match words[..] {
            [_] => relative_of(text, tokens, n),
            _ => None,
        };
        let found = match relative_surname {
            // Exactly that full name, or a new entity: "Joseph Spindler" would also match the
            // son "Spindler".
            Some(surname) => index.find(lex, clusters, &[words[0], surname], false).filter(|&i| {
                clusters[i].words.len() == 2 && clusters[i].words[0] == words[0] && clusters[i].words[1] == surname
            }),
            None => latest.or_else(|| index.find(lex, clusters, &words, named_org)),
        };
        // Only where the name is introduced: later, "the campaign Manafort was running" is a
        // relative clause, not the campaign's name.
        // Not a person's name by its first name ("comedy giant John Cleese").
        // Asked last, as the rarest case needs it (a look-up for every name cost ~0.5% of the
        // engine on BBC news).
        let first_named = || words.len() >= 2 && crate::name_gender::first_name_gender(words[0]).is_some();
        let org = named_org || found.is_none() && org_noun_before(tokens, n) && !first_named();
        let e = match found {
            Some(e) => e,
            None => {
                clusters.push(Cluster::default());
                clusters.len() - 1
            }
        };
        let c = &mut clusters[e];
        let grows = words.len() > c.words.len();
        if grows || org && !c.org {
            let old = (std::mem::take(&mut c.words), c.org);
            c.words = if grows { words.clone() } else { old.0.clone() };
            c.shapes = super::index::word_shapes(&c.words);
            c.org |= org;
            index.refile(lex, e, (&old.0, old.1), c);
        }
        if grows {
            c.name = n.text(text, tokens).to_string();
            // Judged on the fullest name only: "Douglas" may be a place, "Poor Douglas" is not.
            c.place = crate::places::is_place(&words);
            c.outlet = outlet;
        }
        describe_name(doc, lex, n, &words, org, c);
        let speaks = speaker_names.contains(&n.tok_start);
        // (Asked of a speaker's name only: the look-up is rare there.) Not after a preposition:
        // "a commissioner in Kenton County, …, said" names the place of the speaker's role.
        let after_preposition = n.tok_start > 0 && tokens[n.tok_start as usize - 1].is(flag::PREP);
        c.first_named_speaker |=
            speaks && !after_preposition && first_named() && !crate::surnames::is_mostly_surname(words[0]);
        if let (Some(&first), Some(&last), true) = (words.first(), words.last(), speaks) {
            latest_with_word.insert(last, e);
            if !c.org {
                latest_with_word.insert(first, e);
            }
        }
        out.push(e as u32);
    }
    out
}

/// The possessor's surname of a man's role a first name is set beside, alone: "Spindler" in
/// "Spindler's father, Joseph,". Only a man's role (father, son, husband, brother: their
/// surname is mostly the possessor's, where a wife or a daughter may have been named before
/// under another, "Carrie Symonds" for "Johnson's wife, Carrie"), a possessive name that is no
/// first name ("Harry's wife, Meghan"; "his father, Joseph" may be the Joseph already named),
/// and a first name of the name table that is no common surname.
fn relative_of<'t>(text: &'t str, tokens: &[crate::token::Token], n: &NameMention) -> Option<&'t str> {
    let k = n.tok_start as usize;
    if k < 3 || n.title_start != n.tok_start || !tokens[k - 1].is_punct(b',') {
        return None;
    }
    let (role, owner) = (&tokens[k - 2], &tokens[k - 3]);
    let word = tokens[k].base(text);
    let is_role = role.is(flag::ROLE_PERSON) && !role.is_cap() && role.info.gender == Gender::Male;
    let is_first_name =
        |w: &str| crate::name_gender::first_name_gender(w).is_some() && !crate::surnames::is_mostly_surname(w);
    let owner_named = owner.kind == TokenKind::Word
        && owner.is_cap()
        && owner.shape & shape::POSSESSIVE != 0
        && !owner.is(flag::PRONOUN | flag::FUNCTION)
        && !is_first_name(owner.base(text));
    let first_name = is_first_name(word);
    (is_role && first_name && owner_named).then(|| owner.base(text))
}

/// "Somali group al-Shabaab", "the company Acme": a noun for an organisation right before
/// the name, with no title between, names what the name is. ("city Mayor Doug McCallum" has a
/// title between; "company spokesman Bob Lee" a person's role; in "secretary of state Hillary
/// Clinton" the noun ends an office.)
fn org_noun_before(tokens: &[crate::token::Token], n: &NameMention) -> bool {
    let k = n.tok_start as usize;
    n.title_start == n.tok_start
        && k > 0
        && !(k >= 2 && tokens[k - 2].is(flag::PREP | flag::ROLE_PERSON | flag::TITLE))
        && tokens.get(k - 1).is_some_and(|t| {
            t.kind == TokenKind::Word
                && !t.is_cap()
                && t.is(flag::ROLE_ORG)
                && !t.is(flag::ROLE_PERSON | flag::TITLE)
                && t.shape & shape::POSSESSIVE == 0
        })
}

/// What one name mention tells of its cluster: a thing or a group, gender and roles from the
/// titles before it.
fn describe_name(doc: &Doc, lex: &Lexicon, n: &NameMention, words: &[&str], org: bool, c: &mut Cluster<'_>) {
    let (text, tokens) = (doc.text, &doc.tokens[..]);
    let toks = &tokens[n.tok_start as usize..n.tok_end as usize];
    // "Niagara County" is a place; "Niagara County District Attorney Caroline Wojtaszek"
    // is a person.
    let last_cased = words.last().map_or(0, |w| lex.cased(w));
    let place_word = last_cased & cased::NON_PERSON != 0;
    c.unit_place |= place_word && last_cased & cased::SURNAME_PLACE == 0;
    c.thing |= place_word
        || words.len() >= 2 && lex.is_cased(words[0], cased::PLACE_FIRST)
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
            c.titled = true;
        }
        let role = t.text(text).to_ascii_lowercase();
        // Roles are a set: "Mr Blair" fifty times is one role.
        if !c.roles.contains(&role) {
            c.roles.push(role);
        }
    }
}

/// Could "he" or "she" refer to it, gender aside?
fn could_be_person(c: &Cluster<'_>) -> bool {
    let only_a_place = c.located > 0 && c.unlocated == 0;
    let only_a_modifier = c.modifier > 0 && c.modifier >= c.located + c.unlocated;
    !(c.org || c.group || c.is_thing() || only_a_place || only_a_modifier)
}

/// Can an entity be referred to by a pronoun or description of this gender?
// Inlined into the candidate loop of `Salience::gather` (some 216,000 calls on BBC news): a
// call there spilled the features being built around a test of a few fields.
#[inline]
pub(super) fn compatible(c: &Cluster<'_>, gender: Gender) -> bool {
    match gender {
        Gender::Male | Gender::Female => could_be_person(c) && (c.gender() == Gender::Unknown || c.gender() == gender),
        Gender::Neuter => c.org,
        Gender::Plural => c.org || c.group,
        // Any person (descriptions whose head says no gender): "the mayor" is no place, event
        // or name that only modified a role noun, unless the text made it a person.
        // (A title always sets `person`.)
        _ => !c.org && (could_be_person(c) || c.person),
    }
}

/// Could a description of a company ("the company", "the firm") refer to it? An
/// organisation, or a name that has acted (the subject of a clause or a speaker) and that
/// nothing has shown to be a person (title, role, gendered pronoun, a first name of the name
/// table: speaking is no evidence, organisations speak), a group, a place or a thing ("Tesla
/// has named … the company announced"): company names rarely carry a word that says so. A
/// name only mentioned ("an analyst at Petercam", "told Time magazine") is not taken.
pub(super) fn fits_org_description(c: &Cluster<'_>) -> bool {
    let untyped = || {
        !(c.words.is_empty() || c.group || c.is_thing() || c.titled)
            && c.subject_count > 0
            && c.female + c.male == 0
            && c.name_gender == Gender::Unknown
            && (c.words.len() == 1 || crate::name_gender::lookup(c.words[0]).is_none())
    };
    c.org || untyped()
}

/// The entity disagrees with a pronoun of this gender only because one pronoun of the other
/// gender was resolved to it (its one vote of gender evidence; a title gives three): see
/// [`crate::rank::Features::weak_gender_conflict`].
pub(super) fn weak_gender_conflict(c: &Cluster<'_>, gender: Gender) -> bool {
    matches!(gender, Gender::Male | Gender::Female)
        && c.female + c.male == 1
        && c.gender() != gender
        && could_be_person(c)
}

/// For each cluster, is it a news outlet that has not spoken itself, only been spoken to or
/// reported ("told CTV News", "the BBC reported")? ("AFP said … The agency said" is AFP.)
/// Empty, with no allocation, when there is none.
pub(super) fn outlets_spoken_to(clusters: &[Cluster<'_>]) -> Vec<bool> {
    let spoken_to = |c: &Cluster<'_>| c.outlet && c.last_spoke.is_none();
    if clusters.iter().any(spoken_to) {
        clusters.iter().map(spoken_to).collect()
    } else {
        Vec::new()
    }
}
