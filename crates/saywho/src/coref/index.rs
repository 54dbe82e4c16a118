//! Indexes over the clusters under construction, so that finding a name's cluster costs the
//! clusters that share one of its words, not every cluster of the document.
//!
//! Each key is a hash of a word (or of several), with a tag saying which index it belongs to;
//! each value lists the clusters holding that key now, in ascending cluster order. A look-up
//! always checks the cluster itself, so a hash collision can never join two names.

use super::cluster::Cluster;
use crate::lexicon::Lexicon;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Which index a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Tag {
    /// All the words of the name.
    Exact,
    /// The last word of a name of any length.
    Last,
    /// The first word of a name that is not an organisation's, or of an organisation's whose
    /// other words all say organisation ("Suncor" of "Suncor Energy").
    First,
    /// The only word of a one-word name.
    Single,
    /// First and last words of a name of two words or more.
    Pair,
    /// Initials of a name of two words or more ("EDC" for "Export Development Canada").
    Initials,
}

fn hash_words<'a>(words: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut h = FxHasher::default();
    for w in words {
        w.hash(&mut h);
    }
    h.finish()
}

fn hash_initials(lex: &Lexicon, words: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    for ch in initials(lex, words) {
        ch.hash(&mut h);
    }
    h.finish()
}

/// [`crate::names::initials`] of a cluster's words.
fn initials<'a>(lex: &'a Lexicon, words: &'a [&str]) -> impl Iterator<Item = char> + 'a {
    crate::names::initials(lex, words.iter().copied())
}

/// The keys a cluster with these words and this organisation flag is filed under (at most
/// five; a fixed array, as this runs for every new name).
fn keys(lex: &Lexicon, words: &[&str], org: bool) -> ([(Tag, u64); 5], usize) {
    let mut out = [(Tag::Exact, 0u64); 5];
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return (out, 0);
    };
    let mut n = 0;
    let mut push = |key: (Tag, u64)| {
        out[n] = key;
        n += 1;
    };
    push((Tag::Exact, hash_words(words.iter().copied())));
    push((Tag::Last, hash_words([*last])));
    if !org || company_first(lex, words) {
        push((Tag::First, hash_words([*first])));
    }
    if words.len() == 1 {
        push((Tag::Single, hash_words([*first])));
    } else {
        push((Tag::Pair, hash_words([*first, *last])));
        push((Tag::Initials, hash_initials(lex, words)));
    }
    (out, n)
}

/// Cluster indexes in ascending order; most keys have one, kept without an allocation.
#[derive(Debug)]
enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(i) => std::slice::from_ref(i),
            Ids::Many(v) => v,
        }
    }

    fn insert(&mut self, i: u32) {
        match self {
            Ids::One(j) if *j == i => {}
            Ids::One(j) => *self = Ids::Many(if *j < i { vec![*j, i] } else { vec![i, *j] }),
            Ids::Many(v) => {
                if let Err(at) = v.binary_search(&i) {
                    v.insert(at, i);
                }
            }
        }
    }

    /// Removes `i`; true when none is left.
    fn remove(&mut self, i: u32) -> bool {
        match self {
            Ids::One(j) => *j == i,
            Ids::Many(v) => {
                if let Ok(at) = v.binary_search(&i) {
                    v.remove(at);
                }
                v.is_empty()
            }
        }
    }
}

/// The clusters filed under each key.
/// Below this many clusters, a look-up reads them all (cheaper than keeping the indexes for
/// a news article's few dozen); the indexes are built when a document reaches it.
const SCAN_BELOW: usize = 48;

#[derive(Debug, Default)]
pub(super) struct NameIndex {
    lists: FxHashMap<(Tag, u64), Ids>,
    /// The indexes hold every cluster (the document has reached [`SCAN_BELOW`] clusters).
    built: bool,
    /// Candidate entries read by look-ups: the work these indexes do, for the budget.
    pub(super) reads: u64,
}

impl NameIndex {
    /// Files cluster `i` under the keys of its current words and flag, after removing it from
    /// those of `old` (its words and flag before the change).
    pub(super) fn refile(&mut self, lex: &Lexicon, i: usize, old: (&[&str], bool), new: &Cluster<'_>) {
        if !self.built {
            return;
        }
        let i = i as u32;
        let (old_keys, n) = keys(lex, old.0, old.1);
        for key in &old_keys[..n] {
            if self.lists.get_mut(key).is_some_and(|ids| ids.remove(i)) {
                self.lists.remove(key);
            }
        }
        let (new_keys, n) = keys(lex, &new.words, new.org);
        for &key in &new_keys[..n] {
            match self.lists.get_mut(&key) {
                Some(ids) => ids.insert(i),
                None => {
                    self.lists.insert(key, Ids::One(i));
                }
            }
        }
    }

    /// Files every cluster, once there are enough to make the indexes worth keeping.
    fn build(&mut self, lex: &Lexicon, clusters: &[Cluster<'_>]) {
        self.built = true;
        self.lists.reserve(clusters.len() * 8);
        for (i, c) in clusters.iter().enumerate() {
            self.refile(lex, i, (&[], false), c);
        }
    }

    fn list(&self, tag: Tag, hash: u64) -> &[u32] {
        self.lists.get(&(tag, hash)).map_or(&[][..], Ids::as_slice)
    }

    /// The first cluster under a key that passes `check`, from the lowest index up.
    fn lowest(&mut self, tag: Tag, hash: u64, mut check: impl FnMut(usize) -> bool) -> Option<usize> {
        let list = self.list(tag, hash);
        let mut reads = 0;
        let found = list.iter().map(|&i| i as usize).find(|&i| {
            reads += 1;
            check(i)
        });
        self.reads += reads;
        found
    }

    /// The last cluster under a key that passes `check`, from the highest index down.
    fn highest(&mut self, tag: Tag, hash: u64, mut check: impl FnMut(usize) -> bool) -> Option<usize> {
        let list = self.list(tag, hash);
        let mut reads = 0;
        let found = list.iter().rev().map(|&i| i as usize).find(|&i| {
            reads += 1;
            check(i)
        });
        self.reads += reads;
        found
    }

    /// The cluster a name belongs to: the same words; else an acronym of a name already seen;
    /// else a part of a fuller name (surname or first name), the latest such cluster. Every
    /// candidate is checked against the rule itself; the indexes only narrow the search.
    pub(super) fn find(&mut self, lex: &Lexicon, clusters: &[Cluster<'_>], words: &[&str], org: bool) -> Option<usize> {
        if words.is_empty() {
            // Never from the name finder (a name starts with a word); kept for exactness.
            return clusters.iter().position(|c| c.words.is_empty());
        }
        if !self.built {
            if clusters.len() < SCAN_BELOW {
                self.reads += clusters.len() as u64;
                return scan(lex, clusters, words, org);
            }
            self.build(lex, clusters);
        }
        let (&first, &last) = (words.first()?, words.last()?);
        let same = |i: usize| {
            let c = &clusters[i];
            c.words.len() == words.len() && c.words.iter().zip(words).all(|(a, b)| a == b)
        };
        if let Some(i) = self.lowest(Tag::Exact, hash_words(words.iter().copied()), same) {
            return Some(i);
        }
        if let [acronym] = words {
            if acronym.len() >= 2 && acronym.chars().all(|ch| ch.is_ascii_uppercase()) {
                let hash = {
                    let mut h = FxHasher::default();
                    for ch in acronym.chars() {
                        ch.hash(&mut h);
                    }
                    h.finish()
                };
                let matches = |i: usize| {
                    let c = &clusters[i];
                    c.words.len() >= 2 && initials(lex, &c.words).eq(acronym.chars())
                };
                if let Some(i) = self.lowest(Tag::Initials, hash, matches) {
                    return Some(i);
                }
            }
        }
        let word = |w: &str| hash_words([w]);
        let last_is = |i: usize, w: &str| clusters[i].words.last().is_some_and(|l| *l == w);
        let first_is = |i: usize, w: &str| !clusters[i].org && clusters[i].words.first().is_some_and(|f| *f == w);
        let single_is = |i: usize, w: &str| clusters[i].words.len() == 1 && clusters[i].words[0] == w;
        let found = if words.len() == 1 {
            // "Legend" joins "John Legend"; "Chrissy" joins "Chrissy Teigen"; failing both,
            // "Suncor" joins "Suncor Energy" ("Donald Trump … the Trump Organization … Trump
            // said": the person).
            let by_part = [
                self.highest(Tag::Last, word(first), |i| last_is(i, first)),
                self.highest(Tag::First, word(first), |i| first_is(i, first)),
            ];
            if let Some(i) = by_part.into_iter().flatten().max() {
                return Some(i);
            }
            let company = |i: usize| company_named_by_first(lex, &clusters[i], first);
            [self.highest(Tag::First, word(first), company), None]
        } else {
            // "John Legend" absorbs an earlier "Legend" (a company never absorbs an earlier
            // first word: "Trump said … The Trump Organization said" are two).
            let by_first = if org {
                None
            } else {
                self.highest(Tag::Single, word(first), |i| single_is(i, first))
            };
            let by_last = self.highest(Tag::Single, word(last), |i| single_is(i, last));
            // "Jake Patterson" and "Jake Thomas Patterson"; never "Sophie Gregoire Trudeau" and
            // "Justin Trudeau"; and only within persons or within organisations.
            let pair = |i: usize| {
                let c = &clusters[i];
                c.words.len() >= 2 && c.org == org && last_is(i, last) && c.words.first().is_some_and(|f| *f == first)
            };
            let by_pair = self.highest(Tag::Pair, hash_words([first, last]), pair);
            [by_first.max(by_last), by_pair]
        };
        found.into_iter().flatten().max()
    }
}

/// The same rule as [`NameIndex::find`], reading every cluster: for the first few.
fn scan(lex: &Lexicon, clusters: &[Cluster<'_>], words: &[&str], org: bool) -> Option<usize> {
    // The shapes of the first and last words first: equal for equal names, and rarely equal
    // otherwise, where the number of words alone was about as often equal as not and its test
    // mispredicted.
    let shapes = word_shapes(words);
    let same = |c: &Cluster<'_>| {
        c.shapes == shapes && c.words.len() == words.len() && c.words.iter().zip(words).all(|(a, b)| same_word(a, b))
    };
    if let Some(i) = clusters.iter().position(same) {
        return Some(i);
    }
    if let [acronym] = words {
        if acronym.len() >= 2 && acronym.chars().all(|ch| ch.is_ascii_uppercase()) {
            let matches = |c: &Cluster<'_>| c.words.len() >= 2 && initials(lex, &c.words).eq(acronym.chars());
            if let Some(i) = clusters.iter().position(matches) {
                return Some(i);
            }
        }
    }
    // The latest cluster that matches; for one word, a company by its first word only failing
    // any other. A one-word name has a loop of its own (most look-ups are of one word, and
    // the shape of `words` was otherwise tested again at every cluster); `named_by_part` is
    // false for a cluster without words.
    if let [word] = words {
        let shape = word_shape(word);
        return match clusters.iter().rposition(|c| shaped_by_part(c, word, shape)) {
            None => clusters.iter().rposition(|c| company_named_by_first(lex, c, word)),
            found => found,
        };
    }
    clusters.iter().rposition(|c| {
        if c.words.is_empty() || c.org != org && c.words.len() != 1 {
            return false;
        }
        let (first, last) = (c.words.first().copied(), c.words.last().copied());
        if c.words.len() == 1 {
            words.last().is_some_and(|w| same_word(w, c.words[0]))
                || !org && words.first().is_some_and(|w| same_word(w, c.words[0]))
        } else {
            same_word_opt(last, words.last().copied()) && same_word_opt(first, words.first().copied())
        }
    })
}

/// Does the one-word name `word` name cluster `c` as a part of its name: its last word ("Legend"
/// for "John Legend"), or a person's first word ("Chrissy")?
pub(super) fn named_by_part(c: &Cluster<'_>, word: &str) -> bool {
    shaped_by_part(c, word, word_shape(word))
}

/// [`named_by_part`] given the word's shape ([`word_shape`]), which a scan computes once: the
/// cluster's shapes ([`Cluster::shapes`]) first, as for the whole name in `scan`.
#[inline(always)]
fn shaped_by_part(c: &Cluster<'_>, word: &str, shape: u64) -> bool {
    c.shapes >> 32 == shape && c.words.last().is_some_and(|l| same_word(l, word))
        || !c.org && c.shapes & 0xFFFF_FFFF == shape && c.words.first().is_some_and(|f| same_word(f, word))
}

/// A word's length and first byte as one number, never 0: equal for equal words, and for
/// most unequal ones unequal.
#[inline(always)]
pub(super) fn word_shape(w: &str) -> u64 {
    let first = u64::from(w.as_bytes().first().copied().unwrap_or(0));
    u64::from(((w.len() as u64) << 8 | first) as u32) | (1 << 31)
}

/// The shapes of the first of `words` (low half) and of the last (high half); 0 for no words.
pub(super) fn word_shapes(words: &[&str]) -> u64 {
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => word_shape(first) | (word_shape(last) << 32),
        _ => 0,
    }
}

/// Are two words the same? Their lengths and first bytes first: the scan compares a name's
/// words with every cluster's, and a call to compare the bytes cost more than these tests at
/// the many words of one length that differ from the first byte.
#[inline(always)]
fn same_word(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// [`same_word`] of two words that may be missing (equal when both are).
#[inline(always)]
fn same_word_opt(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same_word(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

/// Does the one-word name `word` name the organisation `c` by the first word of its name
/// ("Suncor" for "Suncor Energy"; see [`company_first`])? Tried only when no person or other
/// name takes the word.
fn company_named_by_first(lex: &Lexicon, c: &Cluster<'_>, word: &str) -> bool {
    // The word first: `company_first` asks the place and name tables, and this runs for every
    // cluster a one-word name does not otherwise match.
    c.org && c.words.first().is_some_and(|f| *f == word) && company_first(lex, &c.words)
}

/// A name of two words or more whose words after the first are all words of organisations'
/// names (`lexicons/en/org_words.txt`: "Suncor Energy", "Acme Holdings Inc") and whose first
/// word is no place, nationality or first name: its first word alone names it, after it.
fn company_first(lex: &Lexicon, words: &[&str]) -> bool {
    // Not a place's ("Canada Post", "Ottawa Police", "Washington Post"): the place alone is
    // the place; nor a first name's ("the Clinton Foundation": "Clinton" may be the person).
    words.len() >= 2
        && words[1..].iter().all(|w| lex.is_org_word(w))
        && !crate::places::is_place(&[words[0]])
        && lex.forms_of(words[0]) & crate::lexicon::form::DEMONYM == 0
        && crate::name_gender::lookup(words[0]).is_none()
}
