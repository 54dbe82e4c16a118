//! The gender of the people quoted, as the Gender Gap Tracker measures it: per article, the
//! people the engine has speak at least one quote, by gender, against the annotators' lists of
//! sources (`sources_female`, `sources_male`, `sources_unknown` in GGT).
//!
//! A system source is an entity of the record that is a `person`, has a name (a `key`: a
//! description such as "a spokesperson" is nobody the annotators could list) and is the speaker
//! of at least one quote. Female (male) precision and recall compare, article by article, the
//! system's female (male) sources with the gold female (male) sources, matched one to one by
//! name with [`crate::names::same_speaker`]; counts are summed over articles. The female share
//! is female / (female + male) sources, and female / all sources with the unknown ones counted.
//!
//! ```
//! use saywho_eval::gender::GenderTally;
//! use saywho_eval::gold::GoldSources;
//! let gold = GoldSources { female: vec!["Cindy Dalglish".into()], male: vec!["Doug McCallum".into()], unknown: vec![] };
//! let system = [("Dalglish", saywho::Gender::Female), ("Doug McCallum", saywho::Gender::Female)];
//! let tally = GenderTally::of_sources(&gold, &system);
//! let report = tally.report();
//! assert_eq!(report.female.precision.num, 1); // Dalglish right, McCallum wrong
//! assert_eq!(report.female.precision.den, 2);
//! assert_eq!(report.male.recall.num, 0);
//! ```

use crate::gold::GoldSources;
use crate::names::same_speaker;
use crate::report::{Prf, Ratio};
use saywho::{EntityKind, Gender, GenderSource, Record};
use serde::{Deserialize, Serialize};

/// Sources by gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GenderCounts {
    /// Women.
    pub female: usize,
    /// Men.
    pub male: usize,
    /// Gender not known.
    pub unknown: usize,
}

impl GenderCounts {
    fn add(&mut self, o: GenderCounts) {
        self.female += o.female;
        self.male += o.male;
        self.unknown += o.unknown;
    }

    /// Women among the sources whose gender is known.
    pub fn female_share(&self) -> Ratio {
        Ratio::new(self.female, self.female + self.male)
    }

    /// Women among all the sources, the unknown ones counted.
    pub fn female_share_with_unknown(&self) -> Ratio {
        Ratio::new(self.female, self.female + self.male + self.unknown)
    }
}

/// The counts of one or more articles, summed before any ratio is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GenderTally {
    female_right: usize,
    male_right: usize,
    gold: GenderCounts,
    system: GenderCounts,
    by_name: usize,
    matched: usize,
    matched_same_gender: usize,
}

impl GenderTally {
    /// The tally of one article from its gold sources and the engine's record.
    pub fn of_record(gold: &GoldSources, record: &Record) -> GenderTally {
        let sources = system_sources(record);
        let by_name = sources.iter().filter(|(_, _, s)| *s == GenderSource::Name).count();
        let pairs: Vec<(&str, Gender)> = sources.iter().map(|&(n, g, _)| (n, g)).collect();
        GenderTally {
            by_name,
            ..GenderTally::of_sources(gold, &pairs)
        }
    }

    /// The tally of one article from its gold sources and the system's sources (name, gender).
    pub fn of_sources(gold: &GoldSources, system: &[(&str, Gender)]) -> GenderTally {
        let of = |wanted: Gender| system.iter().filter(move |(_, g)| *g == wanted).map(|(n, _)| *n);
        let female: Vec<&str> = of(Gender::Female).collect();
        let male: Vec<&str> = of(Gender::Male).collect();
        // Every gold source, with its gender, to see how often a source found by name has the
        // right gender whatever list it is on.
        let all_gold: Vec<(&str, Gender)> = [
            (&gold.female, Gender::Female),
            (&gold.male, Gender::Male),
            (&gold.unknown, Gender::Unknown),
        ]
        .into_iter()
        .flat_map(|(names, g)| names.iter().map(move |n| (n.as_str(), g)))
        .collect();
        let system_names: Vec<&str> = system.iter().map(|(n, _)| *n).collect();
        let matched = match_names(&all_gold.iter().map(|(n, _)| *n).collect::<Vec<_>>(), &system_names);
        GenderTally {
            female_right: match_names(&as_strs(&gold.female), &female).len(),
            male_right: match_names(&as_strs(&gold.male), &male).len(),
            gold: GenderCounts {
                female: gold.female.len(),
                male: gold.male.len(),
                unknown: gold.unknown.len(),
            },
            system: GenderCounts {
                female: female.len(),
                male: male.len(),
                unknown: system.len() - female.len() - male.len(),
            },
            by_name: 0,
            matched: matched.len(),
            matched_same_gender: matched.iter().filter(|&&(g, s)| all_gold[g].1 == system[s].1).count(),
        }
    }

    /// Adds another article's counts.
    pub fn add(&mut self, o: &GenderTally) {
        self.female_right += o.female_right;
        self.male_right += o.male_right;
        self.gold.add(o.gold);
        self.system.add(o.system);
        self.by_name += o.by_name;
        self.matched += o.matched;
        self.matched_same_gender += o.matched_same_gender;
    }

    /// The figures.
    pub fn report(&self) -> GenderReport {
        GenderReport {
            female: Prf::new(self.female_right, self.gold.female, self.system.female),
            male: Prf::new(self.male_right, self.gold.male, self.system.male),
            gold: self.gold,
            system: self.system,
            gold_female_share: self.gold.female_share(),
            system_female_share: self.system.female_share(),
            gold_female_share_with_unknown: self.gold.female_share_with_unknown(),
            system_female_share_with_unknown: self.system.female_share_with_unknown(),
            gender_from_name: Ratio::new(self.by_name, self.system.female + self.system.male),
            same_gender_when_found: Ratio::new(self.matched_same_gender, self.matched),
        }
    }
}

/// The gender figures of a GGT data set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GenderReport {
    /// Female sources: precision, recall and F1 of the system's women against the gold's.
    pub female: Prf,
    /// Male sources, likewise.
    pub male: Prf,
    /// Gold sources by gender.
    pub gold: GenderCounts,
    /// System sources by gender.
    pub system: GenderCounts,
    /// Women among the gold sources of known gender.
    pub gold_female_share: Ratio,
    /// Women among the system's sources of known gender.
    pub system_female_share: Ratio,
    /// Women among all gold sources.
    pub gold_female_share_with_unknown: Ratio,
    /// Women among all system sources.
    pub system_female_share_with_unknown: Ratio,
    /// System sources of known gender whose gender came from their first name.
    pub gender_from_name: Ratio,
    /// Of the system sources that name a gold source (of any gender), those given the gold
    /// gender: gender accuracy apart from extraction errors.
    pub same_gender_when_found: Ratio,
}

impl GenderReport {
    /// 100 minus the distance, in points, between the system's and the gold's female share
    /// (of sources of known gender): 100 when they agree. `None` when either is undefined.
    pub fn female_share_agreement(&self) -> Option<f64> {
        let (gold, system) = (self.gold_female_share.percent?, self.system_female_share.percent?);
        Some(100.0 - (gold - system).abs())
    }
}

/// The record's sources: named people who speak at least one quote, with their gender and what
/// decided it, in entity order.
pub fn system_sources(record: &Record) -> Vec<(&str, Gender, GenderSource)> {
    let mut speaks = vec![false; record.entities.len()];
    for q in &record.quotes {
        if let Some(s) = &q.speaker {
            if let Some(flag) = speaks.get_mut(s.entity) {
                *flag = true;
            }
        }
    }
    record
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| speaks[*i] && e.kind == EntityKind::Person && e.key.is_some())
        .map(|(_, e)| (e.name.as_str(), e.gender, e.gender_source))
        .collect()
}

fn as_strs(names: &[String]) -> Vec<&str> {
    names.iter().map(String::as_str).collect()
}

/// One-to-one pairs (gold index, system index) of names of the same person, greedy in gold
/// order: each gold name takes the first unused system name that matches it.
fn match_names(gold: &[&str], system: &[&str]) -> Vec<(usize, usize)> {
    let mut used = vec![false; system.len()];
    let mut pairs = Vec::new();
    for (g, gold_name) in gold.iter().enumerate() {
        let found = (0..system.len()).find(|&s| !used[s] && same_speaker(gold_name, system[s]));
        if let Some(s) = found {
            used[s] = true;
            pairs.push((g, s));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(female: &[&str], male: &[&str], unknown: &[&str]) -> GoldSources {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
        GoldSources {
            female: own(female),
            male: own(male),
            unknown: own(unknown),
        }
    }

    #[test]
    fn counts_and_shares() {
        let gold = sources(
            &["Cindy Dalglish", "Cindy Secord"],
            &["Doug McCallum", "Bruce Hayne"],
            &["Pat Lee"],
        );
        let system = [
            ("Cindy Dalglish", Gender::Female),
            ("McCallum", Gender::Male),
            ("Bruce Hayne", Gender::Female),
            ("Pat Lee", Gender::Unknown),
            ("Someone Else", Gender::Male),
        ];
        let mut tally = GenderTally::of_sources(&gold, &system);
        tally.add(&GenderTally::default());
        let r = tally.report();
        assert_eq!(
            (r.female.precision.num, r.female.precision.den, r.female.recall.den),
            (1, 2, 2)
        );
        assert_eq!(
            (r.male.precision.num, r.male.precision.den, r.male.recall.den),
            (1, 2, 2)
        );
        assert_eq!(r.gold_female_share.percent, Some(50.0));
        assert_eq!(r.system_female_share.percent, Some(50.0));
        assert_eq!(r.gold_female_share_with_unknown.percent, Some(40.0));
        assert_eq!(r.female_share_agreement(), Some(100.0));
        // Dalglish, McCallum, Hayne and Lee found; Hayne's gender wrong.
        assert_eq!((r.same_gender_when_found.num, r.same_gender_when_found.den), (3, 4));
    }

    #[test]
    fn one_system_source_matches_one_gold_source() {
        let gold = sources(&["Ann Smith", "Jo Smith"], &[], &[]);
        let r = GenderTally::of_sources(&gold, &[("Smith", Gender::Female)]).report();
        assert_eq!(r.female.recall.num, 1);
        assert_eq!(r.female.recall.den, 2);
    }
}
