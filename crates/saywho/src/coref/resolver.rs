//! The resolution pass: one method per kind of event, in text order.

use super::position::{
    according_to_source, clause_opens_between, ends_address, fronted_phrase_end, is_located, is_subject, pronoun_case,
};
use super::salience::{Role, Salience};
use super::{antecedent_of_who, of_complement, relative_antecedent, Cluster};
use crate::doc::{Doc, Mention};
use crate::lexicon::{cased, flag, Case, Gender, Lexicon};
use crate::np::{NpKind, SpeakerNp};
use crate::rank::{Candidate, Query, QueryKind, SpeakerRanker};
use crate::token::{shape, TokenKind};
use rustc_hash::FxHashMap;

/// State of the pass: clusters, mentions so far, and the queries recorded.
pub(super) struct Resolver<'d, 't> {
    pub(super) doc: &'d Doc<'t>,
    pub(super) lex: &'d Lexicon,
    pub(super) ranker: &'d dyn SpeakerRanker,
    pub(super) clusters: Vec<Cluster<'t>>,
    pub(super) salience: Salience,
    pub(super) name_entity: &'d [u32],
    pub(super) speaker_names: super::TokenSet,
    pub(super) quote_of_speaker: FxHashMap<u32, usize>,
    /// Entity of each resolved phrase, keyed by its first token.
    pub(super) at_token: super::AtToken,
    /// Mentions so far, in text order.
    pub(super) mentions: Vec<Mention>,
    /// Entities born of a description, by its lower-case text.
    pub(super) description_entities: FxHashMap<String, u32>,
    /// Names a description of a company ("the company", "the firm") was resolved to, which
    /// nothing had typed: organisations from then on (refiled in the name index after resolution).
    pub(super) typed_by_description: Vec<u32>,
    pub(super) queries: Vec<Query>,
    pub(super) candidates: Vec<Candidate>,
    /// Sentence of the current event (events come in text order).
    pub(super) sentence: usize,
}

impl Resolver<'_, '_> {
    /// Records a mention of cluster `e` at token `tok`.
    pub(super) fn touch(&mut self, e: usize, tok: u32, role: Role) {
        let sentences = &self.doc.sentences;
        while self.sentence + 1 < sentences.len() && sentences[self.sentence].tok_end <= tok {
            self.sentence += 1;
        }
        self.salience
            .touch(&mut self.clusters, e, tok, self.sentence as u32, role);
    }

    /// A name: a mention of its cluster, with what its position says of it.
    pub(super) fn name(&mut self, i: usize) {
        let tokens = &self.doc.tokens[..];
        let n = self.doc.names[i];
        let e = self.name_entity[i];
        let speaks = self.speaker_names.contains(&n.tok_start);
        let subject = speaks || is_subject(tokens, n.title_start as usize, n.tok_end as usize);
        let possessive = tokens[n.tok_end as usize - 1].shape & crate::token::shape::POSSESSIVE != 0;
        let c = &mut self.clusters[e as usize];
        // "Shanaaz Gokool, president of Dying with Dignity Canada, …": an appositive
        // role says person.
        let role_apposed = tokens.get(n.tok_end as usize).is_some_and(|t| t.is_punct(b','))
            && tokens[n.tok_end as usize + 1..]
                .iter()
                .take(3)
                .take_while(|t| t.is_word() && !t.is_cap())
                .any(|t| t.is(flag::ROLE_PERSON | flag::TITLE))
            // "born in Melbourne, Australia, the daughter of …": the role is the subject's.
            && !(c.place && ends_address(tokens, n.title_start as usize));
        // "Kovacs, 34, said": an age between commas says person (typing only:
        // `Cluster::speaks_as_organisation`).
        c.aged |= is_age_apposition(tokens, n.tok_end as usize);
        // "Rally Canada, the group that organized the event, said": an appositive whose head
        // is a noun for an organisation says what it is, unless the text made it a person.
        // (So does a full name whose first name the name table decides: "Tony Benn, a giant of
        // the Labour left". Not a name of one word: "Highfield, a … firm".)
        let first_named = c.words.len() >= 2 && c.name_gender != crate::lexicon::Gender::Unknown;
        let person_so_far = c.person || c.titled || c.female + c.male > 0 || first_named;
        // ("Separately, the firm, …": a sentence adverb is no name.)
        let adverb =
            n.tok_end == n.tok_start + 1 && tokens[n.tok_start as usize].has_form(crate::lexicon::form::ADVERB);
        if !person_so_far && !role_apposed && !adverb && org_apposed(tokens, n.tok_end as usize) {
            c.org = true;
        }
        if (speaks || role_apposed) && !c.org && !c.group {
            c.person = true;
            c.titled |= role_apposed;
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
        self.touch(
            e as usize,
            n.tok_start,
            Role {
                subject,
                speaks,
                possessive,
            },
        );
        self.at_token.insert(n.tok_start, e);
        self.mentions.push(Mention {
            tok_start: n.tok_start,
            tok_end: n.tok_end,
            entity: e,
            subject,
        });
    }

    /// A third-person pronoun: ranked among the entities before it.
    pub(super) fn pronoun(&mut self, k: u32) {
        let doc = self.doc;
        let tokens = &doc.tokens[..];
        let t = &tokens[k as usize];
        let case = pronoun_case(tokens, k as usize);
        let s = doc.sentences[doc.sentence_of(k as usize)];
        let exclude = self.pronoun_exclusions(k, case, s.tok_start);
        // "William Shrubsall, who fractured one of his victims' skulls": inside a
        // relative clause, the pronoun is the person the clause is about.
        let relative = relative_antecedent(doc, k as usize, s.tok_start as usize, &self.mentions).filter(|&e| {
            // "who" says a person, even after "of" or "from".
            let c = &self.clusters[e];
            // The text's evidence, else the first name's ("Donald Trump, who … she" is not him).
            let g = match c.gender() {
                Gender::Unknown => c.name_gender,
                g => g,
            };
            let person_pronoun = matches!(t.info.gender, Gender::Male | Gender::Female);
            person_pronoun && !c.org && (g == Gender::Unknown || g == t.info.gender) && !exclude.contains(&e)
        });
        let relative = relative.or_else(|| self.fronted_subject(k, (s.tok_start, s.tok_end), case, &exclude));
        let query = Query {
            tok_start: k,
            tok_end: k + 1,
            kind: QueryKind::Pronoun,
            gender: t.info.gender,
            want_person: false,
            org: false,
            business: false,
            speaks: self.quote_of_speaker.contains_key(&k),
            case,
            candidates: (0, 0),
            chosen: None,
        };
        let Some(e) = self.rank(query, relative.as_slice(), None, &|e| exclude.contains(&e), relative) else {
            return;
        };
        let c = &mut self.clusters[e];
        match t.info.gender {
            Gender::Male => c.male += 1,
            Gender::Female => c.female += 1,
            _ => {}
        }
        if matches!(t.info.gender, Gender::Male | Gender::Female) && !c.org {
            c.person = true;
        }
        let subject = case == Some(Case::Subject);
        let speaks = self.quote_of_speaker.contains_key(&k);
        let possessive = case == Some(Case::Possessive);
        self.touch(
            e,
            k,
            Role {
                subject,
                speaks,
                possessive,
            },
        );
        self.at_token.insert(k, e as u32);
        self.mentions.push(Mention {
            tok_start: k,
            tok_end: k + 1,
            entity: e as u32,
            subject,
        });
    }

    /// "In his list for the Review, Robert Christgau named …": the person named as the subject
    /// right after the phrase fronted before it, when the pronoun at `k` stands in that phrase
    /// and agrees with them (a pronoun may refer forward to the subject its phrase modifies).
    /// The name opens the clause (titles allowed: "former manager Ray McKinnon") and is neither
    /// a possessive ("After his death, Smith's wife …") nor set off by a comma (an apposition:
    /// "According to her mother, Tatyana Vladimovna, Demkina …"); the phrase names no one
    /// before the pronoun.
    fn fronted_subject(&self, k: u32, sentence: (u32, u32), case: Option<Case>, exclude: &[usize]) -> Option<usize> {
        let (doc, tokens) = (self.doc, &self.doc.tokens[..]);
        let t = &tokens[k as usize];
        // An object pronoun is no one the clause after is about ("Replacing him, Peter Jones
        // …", "Unlike him, …").
        let person = matches!(t.info.gender, Gender::Male | Gender::Female);
        if !person || case == Some(Case::Object) || self.quote_of_speaker.contains_key(&k) {
            return None;
        }
        let (sentence_start, sentence_end) = sentence;
        let comma = fronted_phrase_end(tokens, sentence_start as usize, sentence_end as usize, k as usize)?;
        // "With Martyn Wood's injury likely to keep him out, Bath need …", "When the minister
        // said he would resign, …": a name, or a noun for a person, in the phrase before the
        // pronoun is its nearer antecedent.
        let first_in_phrase = doc.names.partition_point(|n| n.title_start < sentence_start);
        let person_noun = tokens[sentence_start as usize..k as usize]
            .iter()
            .any(|w| w.is(flag::ROLE_PERSON) || !w.is_cap() && self.lex.is_cased(w.text(doc.text), cased::PERSON_NOUN));
        if person_noun || doc.names.get(first_in_phrase).is_some_and(|n| n.tok_start < k) {
            return None;
        }
        let i = doc.names.partition_point(|n| (n.title_start as usize) <= comma);
        let n = doc.names.get(i).filter(|n| n.title_start as usize == comma + 1)?;
        let last = &tokens[n.tok_end as usize - 1];
        let clause_after = tokens
            .get(n.tok_end as usize)
            .is_some_and(|a| a.kind == TokenKind::Word && !a.is_cap() || a.is_punct(b'('));
        if last.shape & shape::POSSESSIVE != 0 || !clause_after {
            return None;
        }
        let e = self.name_entity[i] as usize;
        let c = &self.clusters[e];
        let gender = match c.gender() {
            Gender::Unknown => c.name_gender,
            g => g,
        };
        let agrees =
            super::cluster::compatible(c, t.info.gender) && (gender == Gender::Unknown || gender == t.info.gender);
        (agrees && !exclude.contains(&e)).then_some(e)
    }

    /// Entities the pronoun at `k` cannot refer to.
    fn pronoun_exclusions(&self, k: u32, case: Option<Case>, sentence_start: u32) -> Vec<usize> {
        let (doc, mentions) = (self.doc, &self.mentions);
        let tokens = &doc.tokens[..];
        let mut exclude: Vec<usize> = Vec::new();
        // "him" is never the subject of its own clause: "Clarkson sent him …" (see
        // `clause_opens_between` for another clause in between).
        if case == Some(Case::Object) {
            exclude.extend(
                mentions
                    .iter()
                    .rev()
                    .take_while(|m| m.tok_start >= sentence_start)
                    .find(|m| m.subject)
                    .filter(|m| !clause_opens_between(tokens, mentions, m.tok_end, k))
                    .map(|m| m.entity as usize),
            );
        }
        // "Unlike Dunn, he has not found a job": a name alone after the preposition that
        // opens the sentence, set off by a comma before the pronoun, is someone the clause is
        // set against, not its subject. Only a bare name: a longer phrase may be a clause about
        // the subject ("After Hayes left the series, he …"), and a cue after the pronoun makes
        // an attribution ("For Dunn, he said, …").
        let opener = &tokens[sentence_start as usize];
        let fronted = case == Some(Case::Subject)
            && k >= sentence_start + 3
            && tokens[k as usize - 1].is_punct(b',')
            && opener.kind == TokenKind::Word
            && opener.is(flag::PREP)
            && !opener.is(flag::SUB)
            && !tokens.get(k as usize + 1).is_some_and(|t| t.is(flag::CUE))
            && k - sentence_start <= 6
            && bare_name(&tokens[sentence_start as usize + 1..k as usize - 1]);
        // "Schumer, he said, “knows the minds …”": a bare name opening the sentence before
        // the attribution that splits it is the subject of what was said, not the speaker.
        let split_subject = case == Some(Case::Subject)
            && self.quote_of_speaker.contains_key(&k)
            && k >= sentence_start + 2
            && k - sentence_start <= 5
            && tokens[k as usize - 1].is_punct(b',')
            && tokens.get(k as usize + 1).is_some_and(|t| t.is(flag::CUE))
            && !tokens[sentence_start as usize].is(flag::PRONOUN)
            && bare_name(&tokens[sentence_start as usize..k as usize - 1]);
        if fronted || split_subject {
            let first = mentions.partition_point(|m| m.tok_start < sentence_start);
            exclude.extend(
                mentions[first..]
                    .iter()
                    .take_while(|m| m.tok_start < k)
                    .filter(|m| !tokens[m.tok_start as usize].is(flag::PRONOUN))
                    .map(|m| m.entity as usize),
            );
        }
        exclude.extend(according_to_source(tokens, mentions, sentence_start, k));
        let own_quote = self.quote_of_speaker.get(&k).map(|&i| &doc.quotes[i]);
        // "…," he tells Foster in the book: the hearer named right after the speaker's own
        // cue is someone else.
        let hearer_cue = own_quote
            .and_then(|q| q.cue)
            .filter(|cue| tokens[cue.tok_start as usize].is(flag::HEARER_VERB));
        if let Some(cue) = hearer_cue {
            let i = doc.names.partition_point(|n| n.title_start < cue.tok_end);
            if doc.names.get(i).is_some_and(|n| n.title_start == cue.tok_end) {
                exclude.push(self.name_entity[i] as usize);
            }
        }
        // "Macharia and colleagues hid, he said": the speaker of reported content is
        // not someone the content talks about.
        let (kb, sb) = (tokens[k as usize].start, tokens[sentence_start as usize].start);
        if let Some(q) = own_quote.filter(|q| q.end <= kb && q.start >= sb) {
            // Named there, that is; "Her time has been hard, she said" is about herself.
            // Mentions are in text order: those starting inside the quote.
            let first_tok = tokens.partition_point(|t| t.start < q.start) as u32;
            let first = mentions.partition_point(|m| m.tok_start < first_tok);
            let inside = mentions[first..]
                .iter()
                .take_while(|m| tokens[m.tok_start as usize].start < q.end)
                .filter(|m| !tokens[m.tok_start as usize].is(flag::PRONOUN));
            exclude.extend(inside.map(|m| m.entity as usize));
        }
        exclude
    }

    /// Gathers the query's candidates, lets the ranker choose, and records both.
    pub(super) fn rank(
        &mut self,
        mut query: Query,
        extra: &[usize],
        role: Option<u32>,
        excluded: &impl Fn(usize) -> bool,
        relative: Option<usize>,
    ) -> Option<usize> {
        let from = self.candidates.len();
        self.salience.gather(
            &self.clusters,
            &self.doc.sentences,
            &query,
            extra,
            role,
            excluded,
            relative,
            &mut self.candidates,
        );
        let chosen = self.ranker.rank(&query, &mut self.candidates[from..]);
        let chosen = chosen
            .and_then(|i| self.candidates[from..].get(i))
            .map(|c| c.entity as usize);
        query.candidates = (from as u32, self.candidates.len() as u32);
        query.chosen = chosen.map(|e| e as u32);
        self.queries.push(query);
        chosen
    }

    /// "an architect who said": the description right before "who", of a determiner, plain
    /// words and a noun for a person, is the speaker, an entity of its own.
    /// (Also set off by a comma, "met the Mexican president, who said", where a capitalised
    /// word may modify the head.)
    fn described_before_who(&mut self, who: usize) -> Option<u32> {
        let (text, tokens) = (self.doc.text, &self.doc.tokens[..]);
        let plain = |t: &crate::token::Token| t.kind == TokenKind::Word && !t.is_cap() && !t.is(flag::FUNCTION);
        let set_off = who > 0 && tokens[who - 1].is_punct(b',');
        let who = if set_off { who - 1 } else { who };
        // "the president of Mexico, who said": the phrase ends at its head, before "of".
        let who = self.head_before_place_of(who).map_or(who, |head| head + 1);
        let modifier = |t: &crate::token::Token| {
            plain(t)
                || set_off && t.kind == TokenKind::Word && !t.is(flag::FUNCTION) && t.shape & shape::POSSESSIVE == 0
        };
        let head = tokens.get(who.checked_sub(1)?).filter(|t| plain(t))?;
        if !(head.is(flag::ROLE_PERSON | flag::ROLE_GROUP) || self.lex.is_cased(head.text(text), cased::PERSON_NOUN)) {
            return None;
        }
        let mut a = who - 1;
        while a > 0 && who - a < 4 && modifier(&tokens[a - 1]) {
            a -= 1;
        }
        let det = a.checked_sub(1).filter(|&d| {
            tokens[d].is(flag::DET) && (!tokens[d].is_cap() || tokens[d].shape & shape::SENT_START != 0)
        })?;
        // "Nunes, the ferocious brawler who calls herself": the appositive's name.
        if det > 0 && tokens[det - 1].is_punct(b',') {
            return antecedent_of_who(self.doc, det, &self.at_token);
        }
        // "spoke to the woman who said": the clause says which one, someone not named before.
        self.described_entity(SpeakerNp {
            tok_start: det as u32,
            tok_end: who as u32,
            kind: NpKind::Description,
        })
    }

    /// "the president of Mexico, who": when the name ending before token `end` is a place,
    /// an organisation or a thing completing a noun for a person, that noun's position.
    /// "who" is not a place's; a person's name there stays the antecedent ("the son of Maria
    /// Lopez, who said her son …").
    fn head_before_place_of(&self, end: usize) -> Option<usize> {
        let names = &self.doc.names;
        let i = names.partition_point(|n| n.tok_end as usize <= end).checked_sub(1)?;
        let n = names.get(i).filter(|n| n.tok_end as usize == end)?;
        let head = of_complement(self.doc, n.tok_start as usize)?;
        let e = *self.at_token.get(&n.tok_start)?;
        let c = &self.clusters[e as usize];
        (c.place || c.org || c.thing).then_some(head)
    }

    /// A speaker phrase that is no name: "who", or a description.
    pub(super) fn speaker(&mut self, np: SpeakerNp) {
        let e = match np.kind {
            NpKind::Relative => {
                let who = np.tok_start as usize;
                let comma = who.checked_sub(1).filter(|&c| self.doc.tokens[c].is_punct(b','));
                let of_place = comma.and_then(|c| self.head_before_place_of(c)).is_some();
                // "many of whom" are people: a name before the comma is theirs only when it
                // names people ("marched through London, many of whom said" is not London's).
                let share = np.tok_end > np.tok_start + 1;
                antecedent_of_who(self.doc, who, &self.at_token)
                    .filter(|_| !of_place)
                    .filter(|&e| {
                        let c = &self.clusters[e as usize];
                        !share || (c.person || c.group) && !(c.place || c.org || c.thing)
                    })
                    .or_else(|| self.described_before_who(who))
            }
            _ => self.description(np),
        };
        if let Some(e) = e {
            let speaks = self.quote_of_speaker.contains_key(&np.tok_start);
            self.touch(
                e as usize,
                np.tok_start,
                Role {
                    subject: true,
                    speaks,
                    possessive: false,
                },
            );
            self.at_token.insert(np.tok_start, e);
            if np.kind == NpKind::Description {
                self.mentions.push(Mention {
                    tok_start: np.tok_start,
                    tok_end: np.tok_end,
                    entity: e,
                    subject: true,
                });
            }
        }
    }
}

/// Does an appositive headed by a noun for an organisation follow the name ending before token
/// `end`: ", the group that …", ", a Calgary-based firm,"? Up to two modifiers may stand before
/// the noun; the noun ends the phrase (a person's role after it, "the company's founder", is
/// a person's appositive).
fn org_apposed(tokens: &[crate::token::Token], end: usize) -> bool {
    if !tokens.get(end).is_some_and(|t| t.is_punct(b',')) {
        return false;
    }
    let mut k = end + 1;
    if tokens.get(k).is_some_and(|t| t.is(flag::DET) && !t.is(flag::SUB)) {
        k += 1;
    }
    for _ in 0..3 {
        let Some(t) = tokens.get(k) else { return false };
        // Lower case: "a University of Michigan librarian" is a person's appositive.
        if t.kind != TokenKind::Word || t.is_cap() {
            return false;
        }
        if t.is(flag::ROLE_ORG)
            && !t.is(flag::ROLE_PERSON | flag::TITLE)
            && t.shape & crate::token::shape::POSSESSIVE == 0
        {
            // The noun ends the phrase: a comma, a parenthesis, or a relative or a preposition
            // ("the group that …", "the firm behind …") follows; not a verb ("…, the firm has
            // said" is a clause of its own).
            return tokens.get(k + 1).is_some_and(|n| {
                n.is_punct(b',')
                    || n.is_punct(b'(')
                    || n.kind == TokenKind::Word && n.is(flag::SUB | flag::WH | flag::PREP)
            });
        }
        if t.is(flag::FUNCTION | flag::ROLE | flag::TITLE | flag::CUE | flag::PRONOUN) {
            return false;
        }
        k += 1;
    }
    false
}

/// Capitalised words only, none a function word: a bare name ("Dunn", "Chuck Schumer").
fn bare_name(span: &[crate::token::Token]) -> bool {
    span.iter().all(|t| t.is_word() && t.is_cap() && !t.is(flag::FUNCTION))
}

/// ", 34," right after a name (at token `end`): an age between commas, a number of one to
/// three digits.
fn is_age_apposition(tokens: &[crate::token::Token], end: usize) -> bool {
    match tokens.get(end..end + 3) {
        Some([open, age, close]) => {
            open.is_punct(b',')
                && close.is_punct(b',')
                && age.kind == crate::token::TokenKind::Number
                && (1..=3).contains(&(age.end - age.start))
        }
        _ => false,
    }
}
