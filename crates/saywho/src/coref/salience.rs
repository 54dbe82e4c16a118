//! Who was mentioned when: the history that candidates are gathered from, and the work budget.
//!
//! Every mention resolved "touches" its cluster: the cluster remembers its latest mention, and
//! the touch is appended to a history in text order. Candidates for a pronoun or description
//! are the clusters touched in the [`WINDOW`] tokens before it, read backwards from the end of
//! the history, so a look-up costs the mentions near it, not every entity of the document.

use super::cluster::{compatible, fits_org_description, weak_gender_conflict, Cluster};
use crate::lexicon::Gender;
use crate::rank::{Candidate, Features, Query, QueryKind, WINDOW};
use rustc_hash::FxHashMap;

/// Work units per token of the document that coreference may spend before it degrades.
pub const BUDGET_PER_TOKEN: u64 = 64;
/// Work units every document may spend, however short.
pub const BUDGET_BASE: u64 = 1_000_000;
/// Once the budget is spent, the most history entries a look-up reads.
pub const DEGRADED_LOOKBACK: usize = 16;

/// Work done by coreference on one document, counted in history and index entries read (a
/// deterministic measure, never time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Entries read so far.
    pub spent: u64,
    /// Entries it may read before degrading.
    pub budget: u64,
}

impl Work {
    /// The budget of a document of `tokens` tokens.
    pub fn for_tokens(tokens: usize) -> Work {
        Work {
            spent: 0,
            budget: BUDGET_BASE + BUDGET_PER_TOKEN * tokens as u64,
        }
    }

    /// Past the budget: look-ups read only the nearest [`DEGRADED_LOOKBACK`] entries.
    pub fn degraded(&self) -> bool {
        self.spent > self.budget
    }
}

/// What a mention's position says of it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Role {
    /// The subject of a clause, or a speaker.
    pub(super) subject: bool,
    /// The speaker of a quote.
    pub(super) speaks: bool,
    /// A possessive ("Dunn's", "his").
    pub(super) possessive: bool,
}

/// The mention history and per-cluster state that candidates are read from.
#[derive(Debug, Default)]
pub(super) struct Salience {
    /// (token, cluster) of every mention resolved, in text order.
    touches: Vec<(u32, u32)>,
    /// Lower-case role word → its index in `role_history`.
    role_ids: FxHashMap<String, u32>,
    /// For each role, the touches of clusters known by it, in text order (a cluster touched
    /// twice in a row keeps one entry).
    role_history: Vec<Vec<(u32, u32)>>,
    /// Per cluster, the serial of the last query that listed it (to list each once).
    listed: Vec<u32>,
    /// Scratch list of the clusters of one query, kept to save an allocation per query.
    scratch: Vec<usize>,
    queries: u32,
    pub(super) work: Work,
}

impl Salience {
    /// The state of a document with `events` names, pronouns and descriptions to resolve: its
    /// history sized once for their touches, not regrown.
    pub(super) fn new(work: Work, events: usize) -> Salience {
        Salience {
            work,
            touches: Vec::with_capacity(events),
            ..Salience::default()
        }
    }

    /// Gives each role of the clusters built from names an index, and with `name_gender` each
    /// its first name's gender.
    pub(super) fn index_roles(&mut self, clusters: &mut [Cluster<'_>], name_gender: bool) {
        for c in clusters.iter_mut() {
            if name_gender && !c.org && !c.group && !c.words.is_empty() {
                // A name of one word is looked up as it is, unless it is more often a surname
                // ("Williams was elected in 1990"): the table decides only for names at least
                // 90% one way, which few surnames are, and the surname list removes most of
                // those ("Maurice", "Natasha" stay; "Williams", "Henning" go).
                let first = crate::name_gender::first_name(&c.name)
                    .or_else(|| (!crate::surnames::is_mostly_surname(&c.name)).then_some(c.name.as_str()));
                c.name_gender = first
                    .and_then(crate::name_gender::first_name_gender)
                    .map_or(Gender::Unknown, |(g, _)| g);
            }
            for r in &c.roles {
                let id = match self.role_ids.get(r) {
                    Some(&id) => id,
                    None => {
                        let id = self.role_ids.len() as u32;
                        self.role_ids.insert(r.clone(), id);
                        id
                    }
                };
                c.role_ids.push(id);
            }
        }
        self.role_history = vec![Vec::new(); self.role_ids.len()];
    }

    /// Makes cluster `e` known by role word `role` (lower case) from now on: an entity born of
    /// a description ("a Bayern spokesman") is found again by its head noun ("the spokesman").
    pub(super) fn add_role(&mut self, clusters: &mut [Cluster<'_>], e: usize, role: &str) {
        let id = match self.role_ids.get(role) {
            Some(&id) => id,
            None => {
                let id = self.role_ids.len() as u32;
                self.role_ids.insert(role.to_string(), id);
                self.role_history.push(Vec::new());
                id
            }
        };
        if !clusters[e].role_ids.contains(&id) {
            clusters[e].role_ids.push(id);
        }
    }

    /// Records a mention of cluster `e` at token `tok` in sentence `sentence`: as the subject of
    /// a clause or a speaker (`subject`), and as a quote's speaker (`speaks`).
    pub(super) fn touch(&mut self, clusters: &mut [Cluster<'_>], e: usize, tok: u32, sentence: u32, role: Role) {
        let c = &mut clusters[e];
        c.last_any = Some(tok);
        if role.subject {
            c.last_subject = Some(tok);
        }
        if role.speaks {
            c.last_spoke = Some(tok);
        }
        if role.subject {
            c.subject_count += 1;
        }
        c.first_any.get_or_insert(tok);
        c.last_was_subject = role.subject;
        c.last_was_possessive = role.possessive;
        c.last_sentence = sentence;
        c.mention_count += 1;
        self.touches.push((tok, e as u32));
        for &r in &c.role_ids {
            let h = &mut self.role_history[r as usize];
            match h.last_mut() {
                Some(last) if last.1 == e as u32 => last.0 = tok,
                _ => h.push((tok, e as u32)),
            }
        }
    }

    /// The cluster known by role word `role` (lower case) whose latest mention is the latest
    /// before token `tok`; the highest cluster index on ties.
    pub(super) fn by_role(&mut self, clusters: &[Cluster<'_>], role: &str, tok: u32) -> Option<usize> {
        let &id = self.role_ids.get(role)?;
        let history = &self.role_history[id as usize];
        let mut best: Option<(u32, u32)> = None;
        let mut read = 0usize;
        for &(t, e) in history.iter().rev() {
            if best.is_some_and(|(bt, _)| t < bt) || self.work.degraded() && read >= DEGRADED_LOOKBACK {
                break;
            }
            read += 1;
            // Not the cluster's latest mention, or one at or after the query: either way the
            // cluster is judged by its latest mention, found elsewhere or ruled out.
            if t >= tok || clusters[e as usize].last_any != Some(t) {
                continue;
            }
            if best.is_none_or(|(_, be)| e > be) {
                best = Some((t, e));
            }
        }
        self.work.spent += read as u64;
        best.map(|(_, e)| e as usize)
    }

    /// Appends to `out` a candidate for each cluster mentioned in the window before the query,
    /// then for each of `extra` not listed yet, all in cluster order; `excluded` and
    /// `relative` say which syntax rules out or prefers.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn gather(
        &mut self,
        clusters: &[Cluster<'_>],
        sentences: &[crate::sentence::Sentence],
        query: &Query,
        extra: &[usize],
        role: Option<u32>,
        excluded: &impl Fn(usize) -> bool,
        relative: Option<usize>,
        out: &mut Vec<Candidate>,
    ) {
        self.queries += 1;
        let serial = self.queries;
        self.listed.resize(clusters.len(), 0);
        let tok = query.tok_start;
        let from = out.len();
        let mut read = 0usize;
        let mut listed = std::mem::take(&mut self.scratch);
        listed.clear();
        // The same set two ways: the history's entries in the window, or every cluster when
        // there are fewer clusters than entries (a short article), whichever reads less.
        let window_start = self.touches.partition_point(|&(t, _)| t.saturating_add(WINDOW) < tok);
        let in_window = self.touches.len() - window_start;
        if clusters.len() <= in_window && !self.work.degraded() {
            read = clusters.len();
            for (e, c) in clusters.iter().enumerate() {
                if c.last_any.is_some_and(|l| l < tok && l.saturating_add(WINDOW) >= tok) {
                    self.listed[e] = serial;
                    listed.push(e);
                }
            }
        } else {
            for &(_, e) in self.touches[window_start..].iter().rev() {
                if self.work.degraded() && read >= DEGRADED_LOOKBACK {
                    break;
                }
                read += 1;
                let e = e as usize;
                if self.listed[e] == serial {
                    continue;
                }
                self.listed[e] = serial;
                // Judged by its latest mention, which must come before the query.
                if clusters[e].last_any.is_some_and(|l| l < tok) {
                    listed.push(e);
                }
            }
            listed.sort_unstable();
        }
        for &e in extra {
            if self.listed[e] != serial {
                self.listed[e] = serial;
                listed.push(e);
            }
        }
        self.work.spent += read as u64;
        if !extra.is_empty() {
            listed.sort_unstable();
        }
        let query_sentence = sentences
            .partition_point(|s| s.tok_end <= tok)
            .min(sentences.len().saturating_sub(1));
        let context = Context {
            sentences,
            query,
            query_sentence,
            role,
            excluded,
            relative,
        };
        out.extend(listed.iter().map(|&e| Candidate {
            entity: e as u32,
            features: context.features(&clusters[e], e),
            score: None,
        }));
        self.scratch = listed;
        debug_assert!(out[from..].windows(2).all(|w| w[0].entity < w[1].entity));
    }

    /// The index of a role word, if any name was seen with it.
    pub(super) fn role_id(&self, role: &str) -> Option<u32> {
        self.role_ids.get(role).copied()
    }
}

/// What the features of one query's candidates are computed against. Generic in the test of
/// exclusion, so that it is inlined into the candidate loop rather than called through a
/// pointer for every candidate (some 216,000 on BBC news).
struct Context<'a, F> {
    sentences: &'a [crate::sentence::Sentence],
    query: &'a Query,
    query_sentence: usize,
    role: Option<u32>,
    excluded: &'a F,
    relative: Option<usize>,
}

impl<F: Fn(usize) -> bool> Context<'_, F> {
    // Inlined into the one loop that lists candidates, so that the features are written in
    // place in the candidate list, not returned through the stack and copied (216,756
    // candidates on BBC news).
    #[inline(always)]
    fn features(&self, c: &Cluster<'_>, e: usize) -> Features {
        let (query, tok) = (self.query, self.query.tok_start);
        let last = c.last_any.unwrap_or(0);
        let (qs, cs) = (
            &self.sentences[self.query_sentence],
            &self.sentences[c.last_sentence as usize],
        );
        Features {
            tokens_since_mention: tok.saturating_sub(last),
            tokens_since_subject: c.last_subject.map(|s| tok.saturating_sub(s)),
            sentences_since_mention: (self.query_sentence as u32).saturating_sub(c.last_sentence),
            paragraphs_since_mention: qs.para.saturating_sub(cs.para),
            mentions: c.mention_count,
            // (Only a description is ever of a business.)
            agrees: if query.business {
                fits_org_description(c)
            } else {
                compatible(c, query.gender)
            },
            gender: if c.org || c.group { Gender::Unknown } else { c.gender() },
            person_evidence: c.person || c.female + c.male > 0,
            org: c.org,
            group: c.group,
            thing: c.is_thing(),
            described: c.words.is_empty(),
            name_gender: c.name_gender,
            tokens_since_spoken: c.last_spoke.map(|s| tok.saturating_sub(s)),
            latest_as_subject: c.last_was_subject,
            latest_possessive: c.last_was_possessive,
            subject_mentions: c.subject_count,
            tokens_since_first_mention: tok.saturating_sub(c.first_any.unwrap_or(last)),
            weak_gender_conflict: weak_gender_conflict(c, query.gender),
            known_by_role: query.kind == QueryKind::Description && self.role.is_some_and(|r| c.role_ids.contains(&r)),
            excluded: (self.excluded)(e),
            relative_antecedent: self.relative == Some(e),
        }
    }
}
