//! Indexes over the clusters under construction, so that finding a name's cluster costs the
//! clusters that share one of its words, not every cluster of the document.
//!
//! Each key is a hash of a word (or of several), with a tag saying which index it belongs to;
//! each value lists the clusters holding that key now, in ascending cluster order. A look-up
//! always checks the cluster itself, so a hash collision can never join two names.

use super::cluster::Cluster;
use crate::lexicon::{cased, Lexicon};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Which index a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Tag {
    /// All the words of the name.
    Exact,
    /// The last word of a name of any length.
    Last,
    /// The first word of a name that is not an organisation's.
    FirstOfPerson,
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

fn hash_initials(lex: &Lexicon, words: &[String]) -> u64 {
    let mut h = FxHasher::default();
    for ch in initials(lex, words) {
        ch.hash(&mut h);
    }
    h.finish()
}

/// The first letters of the words an acronym keeps ("of", "the" and the like skipped).
fn initials<'a>(lex: &'a Lexicon, words: &'a [String]) -> impl Iterator<Item = char> + 'a {
    words
        .iter()
        .filter(|w| !lex.is_cased(w, cased::ACRONYM_SKIP))
        .filter_map(|w| w.chars().next())
}

/// The keys a cluster with these words and this organisation flag is filed under.
fn keys(lex: &Lexicon, words: &[String], org: bool) -> Vec<(Tag, u64)> {
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return Vec::new();
    };
    let mut out = vec![
        (Tag::Exact, hash_words(words.iter().map(String::as_str))),
        (Tag::Last, hash_words([last.as_str()])),
    ];
    if !org {
        out.push((Tag::FirstOfPerson, hash_words([first.as_str()])));
    }
    if words.len() == 1 {
        out.push((Tag::Single, hash_words([first.as_str()])));
    } else {
        out.push((Tag::Pair, hash_words([first.as_str(), last.as_str()])));
        out.push((Tag::Initials, hash_initials(lex, words)));
    }
    out
}

/// The clusters filed under each key.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    lists: FxHashMap<(Tag, u64), Vec<u32>>,
    /// Candidate entries read by look-ups: the work these indexes do, for the budget.
    pub(super) reads: u64,
}

impl NameIndex {
    /// Files cluster `i` under the keys of its current words and flag, after removing it from
    /// those of `old` (its words and flag before the change).
    pub(super) fn refile(&mut self, lex: &Lexicon, i: usize, old: (&[String], bool), new: &Cluster) {
        let i = i as u32;
        for key in keys(lex, old.0, old.1) {
            if let Some(list) = self.lists.get_mut(&key) {
                if let Ok(at) = list.binary_search(&i) {
                    list.remove(at);
                }
            }
        }
        for key in keys(lex, &new.words, new.org) {
            let list = self.lists.entry(key).or_default();
            // New clusters come last: usually a push.
            if let Err(at) = list.binary_search(&i) {
                list.insert(at, i);
            }
        }
    }

    fn list(&self, tag: Tag, hash: u64) -> &[u32] {
        self.lists.get(&(tag, hash)).map_or(&[][..], Vec::as_slice)
    }

    /// The first cluster under a key that passes `check`, from the lowest index up.
    fn lowest(&mut self, tag: Tag, hash: u64, mut check: impl FnMut(usize) -> bool) -> Option<usize> {
        let list = self.lists.get(&(tag, hash)).map_or(&[][..], Vec::as_slice);
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
    pub(super) fn find(&mut self, lex: &Lexicon, clusters: &[Cluster], words: &[&str], org: bool) -> Option<usize> {
        if words.is_empty() {
            // Never from the name finder (a name starts with a word); kept for exactness.
            return clusters.iter().position(|c| c.words.is_empty());
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
        let last_is = |i: usize, w: &str| clusters[i].words.last().is_some_and(|l| l == w);
        let first_is = |i: usize, w: &str| !clusters[i].org && clusters[i].words.first().is_some_and(|f| f == w);
        let single_is = |i: usize, w: &str| clusters[i].words.len() == 1 && clusters[i].words[0] == w;
        let found = if words.len() == 1 {
            // "Legend" joins "John Legend"; "Chrissy" joins "Chrissy Teigen"; "Suncor" joins
            // "Suncor Energy".
            [
                self.highest(Tag::Last, word(first), |i| last_is(i, first)),
                self.highest(Tag::FirstOfPerson, word(first), |i| first_is(i, first)),
            ]
        } else {
            // "John Legend" absorbs an earlier "Legend".
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
                c.words.len() >= 2 && c.org == org && last_is(i, last) && c.words.first().is_some_and(|f| f == first)
            };
            let by_pair = self.highest(Tag::Pair, hash_words([first, last]), pair);
            [by_first.max(by_last), by_pair]
        };
        found.into_iter().flatten().max()
    }
}
