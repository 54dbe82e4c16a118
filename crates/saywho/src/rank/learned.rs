//! A learned speaker ranker: a log-linear model over the candidates of a query.
//!
//! Each candidate gets a feature vector ([`vectors`]); its score is the dot product with the
//! model's weights, and the best scoring candidate among those the hard constraints allow
//! ([`allowed`]) is chosen. The weights are trained by `saywho train-ranker` (the trainer is in
//! `saywho-eval`) as a conditional logit: the probability of a candidate is the softmax of the
//! scores over the query's allowed candidates. The shipped weights
//! (`crates/saywho/models/ranker.tsv`) are embedded at build time; `scripts/train-ranker`
//! regenerates them bit for bit.
//!
//! Features come in three blocks, one for pronouns that speak ("…," he said), one for other
//! pronouns and one for descriptions, so that the kinds of query weigh the same evidence
//! differently; a feature name ends in `.speaker_pronoun`, `.pronoun` or `.description`
//! accordingly.

use super::{Candidate, Query, QueryKind, RuleRanker, SpeakerRanker, MAX_DISTANCE};
use crate::lexicon::{Case, Gender};

/// Names of the features of one block, in vector order.
pub const BLOCK: &[&str] = &[
    "log_tokens_since_mention",
    "has_subject_mention",
    "log_tokens_since_subject",
    "same_sentence",
    "previous_sentence",
    "log_sentences_since_mention",
    "same_paragraph",
    "previous_paragraph",
    "log_mentions",
    "gender_matches",
    "gender_unknown",
    "person_evidence",
    "org",
    "group",
    "thing",
    "described",
    "known_by_role",
    "relative_antecedent",
    "has_spoken",
    "log_tokens_since_spoken",
    "latest_as_subject",
    "rule_choice",
    "log_rule_distance",
    "nearest",
    "most_mentioned",
    "plural_query_org",
    "plural_query_group",
    "plural_query_person",
    "name_gender_matches",
    "name_gender_conflicts",
    "latest_possessive",
    "subject_if_query_subject",
    "subject_if_query_object",
    "subject_if_query_possessive",
    "possessive_if_query_possessive",
    "same_sentence_subject",
    "log_subject_mentions",
    "most_as_subject",
    "first_mentioned",
    "log_tokens_since_first_mention",
    "weak_gender_conflict",
];

/// The blocks of a feature vector, in order: the kinds of query.
pub const KINDS: &[&str] = &["speaker_pronoun", "pronoun", "description"];

/// Length of a feature vector: a block for each of [`KINDS`].
pub const DIMENSION: usize = 3 * BLOCK.len();

/// A feature vector.
pub type Vector = [f32; DIMENSION];

/// The name of feature `i` of a vector: `log_mentions.pronoun`.
pub fn feature_name(i: usize) -> String {
    format!("{}.{}", BLOCK[i % BLOCK.len()], KINDS[i / BLOCK.len()])
}

/// May the ranker choose this candidate? The hard constraints of [`RuleRanker`]: it agrees in
/// gender and number, syntax does not rule it out, it is within [`MAX_DISTANCE`], a
/// description of a person does not take an organisation, a description does not take an
/// entity born of another description, its first name does not say the other gender
/// ([`super::name_conflict`]). A candidate a rule overrides distance for (known by the description's
/// role word, the antecedent of the pronoun's relative clause) is allowed.
///
/// One constraint is softened for a pronoun that does not speak: a candidate whose gender
/// rests on a single pronoun of the other gender resolved to it
/// ([`super::Features::weak_gender_conflict`]) is allowed when it passes the others, and the
/// model weighs that evidence; one wrong resolution then no longer fixes the entity's gender
/// for the rest of the text. A speaking pronoun keeps the rule: its block may be set to the
/// rules' choice, which never takes such a candidate.
pub fn allowed(query: &Query, c: &Candidate) -> bool {
    let f = &c.features;
    let by_rule = query.kind == QueryKind::Description && f.known_by_role
        || query.kind == QueryKind::Pronoun && f.relative_antecedent;
    by_rule || RuleRanker::distance(query, f).is_some() || softened(query, c)
}

/// Allowed only because the gender constraint is softened (see [`allowed`]).
fn softened(query: &Query, c: &Candidate) -> bool {
    let f = &c.features;
    query.kind == QueryKind::Pronoun
        && !query.speaks
        && f.weak_gender_conflict
        && RuleRanker::distance(
            query,
            &super::Features {
                agrees: true,
                gender: Gender::Unknown,
                ..f.clone()
            },
        )
        .is_some()
}

fn log1p(x: u32) -> f32 {
    (x as f32).ln_1p()
}

/// The feature vector of each candidate of `query` (in the order given). Some features compare
/// a candidate with the others: the rule's choice, the nearest, the most mentioned.
pub fn vectors(query: &Query, candidates: &[Candidate]) -> Vec<Vector> {
    // The rules' choice (which skips first-name conflicts itself); on a copy, since ranking
    // writes scores.
    let mut scratch: Vec<Candidate> = candidates.to_vec();
    let rule_choice = RuleRanker.rank(query, &mut scratch);
    let ok: Vec<bool> = candidates.iter().map(|c| allowed(query, c)).collect();
    let allowed_min = |key: &dyn Fn(&Candidate) -> i64| {
        candidates
            .iter()
            .zip(&ok)
            .filter(|(_, &ok)| ok)
            .map(|(c, _)| key(c))
            .min()
    };
    let nearest = allowed_min(&|c| i64::from(c.features.tokens_since_mention));
    let most = allowed_min(&|c| -i64::from(c.features.mentions));
    let most_subject = allowed_min(&|c| -i64::from(c.features.subject_mentions)).filter(|&m| m < 0);
    let first = allowed_min(&|c| -i64::from(c.features.tokens_since_first_mention));
    let case = query.case;
    let offset = BLOCK.len()
        * match query.kind {
            QueryKind::Pronoun if query.speaks => 0,
            QueryKind::Pronoun => 1,
            QueryKind::Description => 2,
        };
    let plural = query.gender == Gender::Plural;
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let f = &c.features;
            let person_gender = matches!(query.gender, Gender::Male | Gender::Female);
            let rule_distance = RuleRanker::distance(query, f).unwrap_or(MAX_DISTANCE * 4);
            let block: [f32; BLOCK.len()] = [
                log1p(f.tokens_since_mention),
                f32::from(u8::from(f.tokens_since_subject.is_some())),
                f.tokens_since_subject.map_or(0.0, log1p),
                f32::from(u8::from(f.sentences_since_mention == 0)),
                f32::from(u8::from(f.sentences_since_mention == 1)),
                log1p(f.sentences_since_mention),
                f32::from(u8::from(f.paragraphs_since_mention == 0)),
                f32::from(u8::from(f.paragraphs_since_mention == 1)),
                log1p(f.mentions),
                f32::from(u8::from(person_gender && f.gender == query.gender)),
                f32::from(u8::from(f.gender == Gender::Unknown)),
                f32::from(u8::from(f.person_evidence)),
                f32::from(u8::from(f.org)),
                f32::from(u8::from(f.group)),
                f32::from(u8::from(f.thing)),
                f32::from(u8::from(f.described)),
                f32::from(u8::from(f.known_by_role)),
                f32::from(u8::from(f.relative_antecedent)),
                f32::from(u8::from(f.tokens_since_spoken.is_some())),
                f.tokens_since_spoken.map_or(0.0, log1p),
                f32::from(u8::from(f.latest_as_subject)),
                f32::from(u8::from(rule_choice == Some(i))),
                log1p(rule_distance),
                f32::from(u8::from(ok[i] && nearest == Some(i64::from(f.tokens_since_mention)))),
                f32::from(u8::from(ok[i] && most == Some(-i64::from(f.mentions)))),
                f32::from(u8::from(plural && f.org)),
                f32::from(u8::from(plural && f.group)),
                f32::from(u8::from(plural && f.person_evidence)),
                f32::from(u8::from(person_gender && f.name_gender == query.gender)),
                f32::from(u8::from(
                    person_gender && f.name_gender != Gender::Unknown && f.name_gender != query.gender,
                )),
                // Parallelism: a pronoun tends to take the role its antecedent had.
                f32::from(u8::from(f.latest_possessive)),
                f32::from(u8::from(f.latest_as_subject && case == Some(Case::Subject))),
                f32::from(u8::from(f.latest_as_subject && case == Some(Case::Object))),
                f32::from(u8::from(f.latest_as_subject && case == Some(Case::Possessive))),
                f32::from(u8::from(f.latest_possessive && case == Some(Case::Possessive))),
                f32::from(u8::from(f.latest_as_subject && f.sentences_since_mention == 0)),
                // The topic: the entity most often a subject, the one the text opened with.
                log1p(f.subject_mentions),
                f32::from(u8::from(ok[i] && most_subject == Some(-i64::from(f.subject_mentions)))),
                f32::from(u8::from(
                    ok[i] && first == Some(-i64::from(f.tokens_since_first_mention)),
                )),
                log1p(f.tokens_since_first_mention),
                f32::from(u8::from(f.weak_gender_conflict)),
            ];
            let mut v = [0.0; DIMENSION];
            v[offset..offset + BLOCK.len()].copy_from_slice(&block);
            v
        })
        .collect()
}

/// A model's weights did not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadWeights {
    /// Line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for BadWeights {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ranker weights, line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for BadWeights {}

/// The weights shipped with the crate.
const EMBEDDED: &str = include_str!("../../models/ranker.tsv");

/// A ranker that scores each allowed candidate with learned weights (see the module
/// documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct LearnedRanker {
    weights: Vector,
}

impl LearnedRanker {
    /// A ranker with these weights.
    pub fn new(weights: Vector) -> LearnedRanker {
        LearnedRanker { weights }
    }

    /// The ranker with the weights shipped with the crate.
    pub fn embedded() -> Result<LearnedRanker, BadWeights> {
        LearnedRanker::parse(EMBEDDED)
    }

    /// Reads weights written as `name<TAB>weight` lines (`#` starts a comment line). Every
    /// feature must be given once; an unknown name is an error.
    pub fn parse(tsv: &str) -> Result<LearnedRanker, BadWeights> {
        let mut weights = [0.0; DIMENSION];
        let mut seen = [false; DIMENSION];
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |message: String| BadWeights { line: n + 1, message };
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| bad("expected a name and a weight separated by a tab".into()))?;
            let i = (0..DIMENSION)
                .find(|&i| feature_name(i) == name)
                .ok_or_else(|| bad(format!("unknown feature {name:?}")))?;
            if seen[i] {
                return Err(bad(format!("feature {name:?} given twice")));
            }
            weights[i] = value
                .trim()
                .parse::<f32>()
                .ok()
                .filter(|w| w.is_finite())
                .ok_or_else(|| bad(format!("weight {value:?} is not a number")))?;
            seen[i] = true;
        }
        if let Some(i) = seen.iter().position(|s| !s) {
            let line = tsv.lines().count();
            return Err(BadWeights {
                line,
                message: format!("feature {:?} missing", feature_name(i)),
            });
        }
        Ok(LearnedRanker { weights })
    }

    /// The weights, in vector order.
    pub fn weights(&self) -> &Vector {
        &self.weights
    }

    /// The score of a feature vector.
    pub fn score(&self, v: &Vector) -> f32 {
        self.weights.iter().zip(v).map(|(w, x)| w * x).sum()
    }
}

impl SpeakerRanker for LearnedRanker {
    fn rank(&self, query: &Query, candidates: &mut [Candidate]) -> Option<usize> {
        let vectors = vectors(query, candidates);
        for (c, v) in candidates.iter_mut().zip(&vectors) {
            c.score = allowed(query, c).then(|| self.score(v));
        }
        super::best_score(candidates).filter(|&i| super::description_fits(query, &candidates[i]))
    }

    fn uses_name_gender(&self) -> bool {
        true
    }
}
