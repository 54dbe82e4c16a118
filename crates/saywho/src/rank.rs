//! Speaker candidates and the ranker that chooses among them.
//!
//! Coreference ([`crate::coref`]) resolves each third-person pronoun ("he", "they") and each
//! speaker description ("the singer", "the company") to an entity mentioned before it. For each
//! such phrase it records a [`Query`] in [`crate::Doc::queries`] and the entities it could
//! refer to as [`Candidate`]s in [`crate::Doc::candidates`], each with the [`Features`] the
//! choice rests on; a [`SpeakerRanker`] then chooses one. [`RuleRanker`], the default, applies
//! the engine's hand-written rules; another ranker (a learned one) can be given to
//! [`crate::Engine::with_ranker`] and compared with `saywho eval`.
//!
//! Candidates are the entities mentioned in the [`WINDOW`] tokens before the phrase (no rule
//! reaches further: see [`MAX_DISTANCE`]), plus, for a description, the latest entity known by
//! the description's role word wherever it was mentioned. They are listed in entity order.

use crate::lexicon::{Case, Gender};

pub mod learned;
pub use learned::LearnedRanker;

/// The furthest an antecedent may be under [`RuleRanker`], in weighted tokens (see
/// [`Features::tokens_since_mention`]).
pub const MAX_DISTANCE: u32 = 600;

/// How far back candidates are gathered, in tokens: a mention as a subject counts a third of
/// its distance, so no entity last mentioned further back than `3 × MAX_DISTANCE + 2` tokens
/// can be within [`MAX_DISTANCE`]. Bounding the look-back keeps resolution linear in the
/// document's length.
pub const WINDOW: u32 = 3 * MAX_DISTANCE + 2;

/// What is being resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    /// A third-person pronoun: "he", "she", "they", "its".
    Pronoun,
    /// A speaker description: "the singer", "the company", "officials".
    Description,
}

/// One phrase to resolve to an entity, and where its candidates are.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// Index of the phrase's first token.
    pub tok_start: u32,
    /// Index just past its last token.
    pub tok_end: u32,
    /// Pronoun or description.
    pub kind: QueryKind,
    /// The gender the phrase asks for: the pronoun's, or the description head's
    /// ([`Gender::Speaker`] for any person, [`Gender::Neuter`] for an organisation).
    pub gender: Gender,
    /// Only a person will do (a description whose head is not an organisation's).
    pub want_person: bool,
    /// The description's head names an organisation ("the company").
    pub org: bool,
    /// The description's head names a company ("the company", "the firm"), whose names rarely
    /// say what it is: a name the text never typed may be one, once it has acted (see
    /// [`Features::agrees`]).
    pub business: bool,
    /// The phrase is the speaker of a quote ("…," he said).
    pub speaks: bool,
    /// A pronoun's grammatical case ("he", "him", "his"), for parallelism with the
    /// candidates' roles; `None` for a description.
    pub case: Option<Case>,
    /// Range of its candidates in [`crate::Doc::candidates`].
    pub candidates: (u32, u32),
    /// The entity chosen (index into [`crate::Doc::entities`]), if any.
    pub chosen: Option<u32>,
}

/// An entity a [`Query`] could refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index into [`crate::Doc::entities`].
    pub entity: u32,
    /// What the ranker sees.
    pub features: Features,
    /// The ranker's score, higher is better; `None` when the ranker ruled it out.
    pub score: Option<f32>,
}

/// What is known of a candidate when its query is resolved (nothing after the query counts).
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Tokens from the entity's latest mention to the query.
    pub tokens_since_mention: u32,
    /// Tokens from its latest mention as the subject of a clause or as a speaker, if any.
    pub tokens_since_subject: Option<u32>,
    /// Sentences from its latest mention to the query (0: the same sentence).
    pub sentences_since_mention: u32,
    /// Paragraphs from its latest mention to the query (0: the same paragraph).
    pub paragraphs_since_mention: u32,
    /// Its mentions so far: salience.
    pub mentions: u32,
    /// Gender and number agree with the query: a person of no other gender for "he" and
    /// "she" (never an organisation, group, place or a name seen only as a modifier), an
    /// organisation for "it", an organisation or group for "they", anyone but an
    /// organisation for a description of a person, an organisation for one of an
    /// organisation, and for one of a company ([`Query::business`]) an organisation or a name
    /// that has been a subject or a speaker and that no title, role, gendered pronoun or
    /// decisive first name made a person, nor the text a group, place or thing (speaking is
    /// no evidence of a person there: companies speak).
    pub agrees: bool,
    /// The entity's gender so far, from titles, role words and pronouns resolved to it.
    pub gender: Gender,
    /// Anything says it is a person: a title, a role in apposition, speaking, a gendered
    /// pronoun.
    pub person_evidence: bool,
    /// It is an organisation.
    pub org: bool,
    /// It is a group ("the Liberals").
    pub group: bool,
    /// It is a thing: an event, a place, a law, a nationality.
    pub thing: bool,
    /// It was born of a description ("a spokesperson"), not of a name.
    pub described: bool,
    /// The gender its first name says (the name itself when it is one word, unless that word
    /// is more often a surname: [`crate::surnames`]), when the name table is decisive and the ranker asks for it ([`SpeakerRanker::uses_name_gender`]);
    /// [`Gender::Unknown`] otherwise. Evidence, not agreement: the text's
    /// evidence is [`Features::gender`].
    pub name_gender: Gender,
    /// Tokens from its latest mention as the speaker of a quote, if any: recency of speaking.
    pub tokens_since_spoken: Option<u32>,
    /// Its latest mention was the subject of a clause or a speaker: the grammatical role of
    /// the latest mention.
    pub latest_as_subject: bool,
    /// Its latest mention was possessive ("Dunn's", "his").
    pub latest_possessive: bool,
    /// Its mentions so far as the subject of a clause or as a speaker: how much the text is
    /// about it.
    pub subject_mentions: u32,
    /// Tokens from its first mention to the query: the entity the text opened with is often
    /// its topic.
    pub tokens_since_first_mention: u32,
    /// It disagrees in gender with the query only because of a single pronoun resolved to it
    /// earlier (no title, no second pronoun): evidence that may itself be a resolution error,
    /// so a ranker may weigh it instead of ruling the candidate out.
    pub weak_gender_conflict: bool,
    /// A description's head word was seen as this entity's title or role ("the mayor" for
    /// "Mayor Doug McCallum").
    pub known_by_role: bool,
    /// Syntax rules it out: the subject of the clause of an object pronoun ("Clarkson sent
    /// him"), or someone named in the quotation that the pronoun introduces.
    pub excluded: bool,
    /// The pronoun stands in a relative clause about this entity ("Shrubsall, who fractured
    /// one of his victims' skulls").
    pub relative_antecedent: bool,
}

/// Chooses the entity a [`Query`] refers to among its candidates.
///
/// `rank` may set each candidate's [`Candidate::score`] (it is recorded in the document's
/// layers) and returns the index of the chosen candidate, or `None` to leave the phrase
/// unresolved. It must be deterministic: the same document must give the same output.
pub trait SpeakerRanker: Send + Sync + std::fmt::Debug {
    /// Scores `candidates` (in entity order) and returns the chosen one's index.
    fn rank(&self, query: &Query, candidates: &mut [Candidate]) -> Option<usize>;

    /// Whether the ranker reads [`Features::name_gender`]: looking first names up cost 6% of
    /// the engine's instructions on GGT dev (callgrind), so it is done only for a ranker that
    /// asks.
    fn uses_name_gender(&self) -> bool {
        false
    }
}

/// The index of the highest score, the first on ties: a helper for rankers that score each
/// candidate on its own.
pub fn best_score(candidates: &[Candidate]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, c) in candidates.iter().enumerate() {
        if let Some(s) = c.score {
            if best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// The engine's hand-written rules.
///
/// - A pronoun inside a relative clause refers to the clause's antecedent.
/// - A description refers to the entity last mentioned among those known by its role word
///   (the latest entity on ties of position), if [`description_fits`] says it may; else, as a
///   pronoun does:
/// - the nearest agreeing entity not ruled out (for a description, not born of another
///   description, and a person when it describes one; for "he" or "she", not a person whose
///   first name says the other gender while the text says nothing: [`name_conflict`]), where the distance is the tokens since
///   its latest mention, or a third of those since its latest mention as a subject if less,
///   doubled for an entity with no sign of being a person that was a subject once and
///   quadrupled for one that never was; no further than [`MAX_DISTANCE`]; the first in entity
///   order on ties. A description takes it only if [`description_fits`]: a person's never an
///   organisation, an organisation's an organisation (a company's also a name nothing typed
///   that has acted, see [`Features::agrees`]).
///
/// A candidate's score is minus its distance (plus a large constant for the role and
/// relative-clause rules); ruled-out candidates have none.
#[derive(Debug, Clone, Copy, Default)]
pub struct RuleRanker;

/// Added to the score of a candidate chosen by a rule that overrides distance.
const OVERRIDE: f32 = 1.0e7;

/// The candidate's first name says the other gender than the pronoun's ("she" for "Richard
/// Cuthbertson"), and the text says nothing of its gender (text evidence wins): the name table
/// is decisive only for names at least ~90% one way ([`crate::name_gender`]).
pub fn name_conflict(query: &Query, f: &Features) -> bool {
    matches!(query.gender, Gender::Male | Gender::Female)
        && f.gender == Gender::Unknown
        && f.name_gender != Gender::Unknown
        && f.name_gender != query.gender
}

/// May the ranker's choice stand for a description? One of an organisation takes what
/// [`Features::agrees`] allows it; one of a person never takes an organisation; a pronoun's
/// choice always stands.
pub fn description_fits(query: &Query, c: &Candidate) -> bool {
    match query.kind {
        QueryKind::Pronoun => true,
        QueryKind::Description if query.org => c.features.agrees,
        QueryKind::Description => !c.features.org,
    }
}

impl RuleRanker {
    /// The weighted distance of a candidate, `None` when ruled out.
    pub fn distance(query: &Query, f: &Features) -> Option<u32> {
        let ruled_out = !f.agrees
            || query.want_person && f.org
            || f.excluded
            || query.kind == QueryKind::Description && f.described
            || name_conflict(query, f);
        if ruled_out {
            return None;
        }
        let mut distance = f.tokens_since_mention;
        if let Some(s) = f.tokens_since_subject {
            distance = distance.min(s / 3);
        }
        // A name with no sign of being a person (a place, a product) is a weaker antecedent.
        if !f.person_evidence {
            distance = distance.saturating_mul(if f.tokens_since_subject.is_none() { 4 } else { 2 });
        }
        (distance <= MAX_DISTANCE).then_some(distance)
    }
}

impl SpeakerRanker for RuleRanker {
    fn uses_name_gender(&self) -> bool {
        true
    }

    fn rank(&self, query: &Query, candidates: &mut [Candidate]) -> Option<usize> {
        if query.kind == QueryKind::Pronoun {
            if let Some(i) = candidates.iter().position(|c| c.features.relative_antecedent) {
                candidates[i].score = Some(OVERRIDE);
                return Some(i);
            }
        }
        if query.kind == QueryKind::Description {
            // The latest mentioned; on a tie, the latest entity.
            let by_role = candidates
                .iter()
                .enumerate()
                .filter(|(_, c)| c.features.known_by_role)
                .min_by_key(|(_, c)| (c.features.tokens_since_mention, std::cmp::Reverse(c.entity)))
                .map(|(i, _)| i);
            if let Some(i) = by_role {
                let c = &mut candidates[i];
                c.score = Some(OVERRIDE - c.features.tokens_since_mention as f32);
                return description_fits(query, c).then_some(i);
            }
        }
        for c in candidates.iter_mut() {
            c.score = Self::distance(query, &c.features).map(|d| -(d as f32));
        }
        best_score(candidates).filter(|&i| description_fits(query, &candidates[i]))
    }
}
