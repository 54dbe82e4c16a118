//! Word lists, compiled once into one hash table keyed by the lower-cased word.
//!
//! Every word of a document is looked up once, at tokenisation, and the token keeps the
//! [`WordInfo`] it found: later stages test bits instead of comparing strings. The lists are
//! data files under `crates/saywho/lexicons/<lang>/`, embedded at build time; see `lexicons/README.md`
//! for their provenance.

use rustc_hash::FxHashMap;

/// Bit flags describing what a word can be. A word can carry several.
pub mod flag {
    /// A determiner: "the", "a", "this", "every".
    pub const DET: u32 = 1;
    /// A preposition: "of", "with", "during", "like".
    pub const PREP: u32 = 1 << 1;
    /// A coordinating conjunction: "and", "or", "but".
    pub const CONJ: u32 = 1 << 2;
    /// A word that opens a subordinate clause: "that", "because", "when", "if".
    pub const SUB: u32 = 1 << 3;
    /// An auxiliary or copula: "is", "has", "did", "would".
    pub const AUX: u32 = 1 << 4;
    /// An adverb of the function-word list: "also", "then", "however", "yesterday".
    pub const ADV: u32 = 1 << 5;
    /// A negation: "not", "never".
    pub const NEG: u32 = 1 << 6;
    /// A wh-word: "who", "which", "how".
    pub const WH: u32 = 1 << 7;
    /// Any other function word ("yes", "last", "according"): a function-word list entry
    /// with any other tag.
    pub const MISC: u32 = 1 << 8;
    /// A personal pronoun ("he", "them", "my"); its [`super::WordInfo::gender`] and
    /// [`super::WordInfo::case`] say which.
    pub const PRONOUN: u32 = 1 << 9;
    /// An honorific such as "Mr" or "Dr".
    pub const HONORIFIC: u32 = 1 << 10;
    /// An office or occupation used as a title before a name ("Mayor", "host").
    pub const TITLE: u32 = 1 << 11;
    /// A noun that heads a description of a person ("singer", "wife").
    pub const ROLE_PERSON: u32 = 1 << 12;
    /// A noun that heads a description of a group of people ("officials").
    pub const ROLE_GROUP: u32 = 1 << 13;
    /// A noun that heads a description of an organisation or document ("company", "report").
    pub const ROLE_ORG: u32 = 1 << 14;
    /// A verb of saying, writing or thinking.
    pub const CUE: u32 = 1 << 15;
    /// A month or weekday name: capitalised, yet never a person.
    pub const CALENDAR: u32 = 1 << 16;
    /// A cue verb's base form that is also a noun ("post", "note", "report").
    pub const CUE_NOUN: u32 = 1 << 17;
    /// Any closed-class word: never part of a name.
    pub const FUNCTION: u32 = DET | PREP | CONJ | SUB | AUX | ADV | NEG | WH | MISC;
    /// Any noun that heads a speaker description.
    pub const ROLE: u32 = ROLE_PERSON | ROLE_GROUP | ROLE_ORG;
}

/// Grammatical gender as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Gender {
    /// Nothing shows it.
    #[default]
    Unknown,
    /// "she", "Mrs", "wife".
    Female,
    /// "he", "Mr", "husband".
    Male,
    /// "it": an organisation or thing.
    Neuter,
    /// "they".
    Plural,
    /// First and second person: never resolved to a third party.
    Speaker,
}

/// The class of a reporting verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A verb of saying: "said", "added", "explained".
    Speech,
    /// A verb of writing or posting: "wrote", "tweeted". Implies a written channel.
    Writing,
    /// A verb of belief: "believes", "thinks". Indirect attribution only.
    Cognition,
}

/// Grammatical case of a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "he", "they", "we".
    Subject,
    /// "him", "them", "us".
    Object,
    /// "his", "their", "theirs".
    Possessive,
    /// "himself", "themselves".
    Reflexive,
}

/// Everything the lexicon knows about one word.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// Bits of [`flag`]; zero for a word the lexicon does not know.
    pub flags: u32,
    /// The gender the word implies: a pronoun's, or a gendered title's or role noun's
    /// ("Mrs", "wife"); [`Gender::Unknown`] otherwise.
    pub gender: Gender,
    /// The class of the reporting verb when the word is one of its forms (with
    /// [`flag::CUE`]).
    pub cue: Option<CueClass>,
    /// The case of a pronoun; `None` for every other word.
    pub case: Option<Case>,
    /// Index into [`Lexicon::channel_labels`] when the word names a channel on its own.
    pub channel: Option<u8>,
}

impl WordInfo {
    /// True when any of `mask`'s bits is set.
    #[inline]
    pub fn is(&self, mask: u32) -> bool {
        self.flags & mask != 0
    }
}

/// A multi-word channel phrase ("press conference"), stored by its first word.
#[derive(Debug, Clone)]
pub struct ChannelPhrase {
    /// The words after the first, lower case, that must follow it in order (compared
    /// without regard to ASCII case).
    pub words: Vec<Box<str>>,
    /// Index into [`Lexicon::channel_labels`].
    pub label: u8,
}

/// The compiled word lists of one language.
#[derive(Debug)]
pub struct Lexicon {
    words: FxHashMap<Box<str>, WordInfo>,
    /// Capitalised words that make a name an organisation.
    org_words: FxHashMap<Box<str>, ()>,
    /// Abbreviations whose period does not end a sentence.
    abbreviations: FxHashMap<Box<str>, ()>,
    /// Channel labels, indexed by [`WordInfo::channel`].
    pub channel_labels: Vec<Box<str>>,
    /// Multi-word channel phrases keyed by their first word.
    pub channel_phrases: FxHashMap<Box<str>, Vec<ChannelPhrase>>,
}

const CUE_VERBS: &str = include_str!("../lexicons/en/cue_verbs.tsv");
const FUNCTION_WORDS: &str = include_str!("../lexicons/en/function_words.tsv");
const PRONOUNS: &str = include_str!("../lexicons/en/pronouns.tsv");
const TITLES: &str = include_str!("../lexicons/en/titles.tsv");
const ROLES: &str = include_str!("../lexicons/en/roles.tsv");
const ORG_WORDS: &str = include_str!("../lexicons/en/org_words.txt");
const CHANNELS: &str = include_str!("../lexicons/en/channels.tsv");
const ABBREVIATIONS: &str = include_str!("../lexicons/en/abbreviations.txt");
const CALENDAR: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    // Abbreviations that are never first names ("Jan", "Jun" may be).
    "feb",
    "apr",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The data lines of an embedded table: comments and blank lines dropped, fields split on tabs.
fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn gender_code(code: &str) -> Gender {
    match code {
        "m" => Gender::Male,
        "f" => Gender::Female,
        "n" => Gender::Neuter,
        "p" => Gender::Plural,
        "x" => Gender::Speaker,
        _ => Gender::Unknown,
    }
}

impl Lexicon {
    /// The English lexicon, built from the embedded tables.
    ///
    /// ```
    /// let lex = saywho::lexicon::Lexicon::english();
    /// assert!(lex.lookup("Said").cue.is_some());
    /// ```
    pub fn english() -> Lexicon {
        let mut words: FxHashMap<Box<str>, WordInfo> = FxHashMap::default();
        fn entry<'m>(words: &'m mut FxHashMap<Box<str>, WordInfo>, w: &str) -> &'m mut WordInfo {
            words.entry(w.into()).or_default()
        }

        for row in rows(FUNCTION_WORDS) {
            let bit = match row.get(1).copied().unwrap_or("") {
                "DET" => flag::DET,
                "PREP" => flag::PREP,
                "CONJ" => flag::CONJ,
                "SUB" => flag::SUB,
                "AUX" => flag::AUX,
                "ADV" => flag::ADV,
                "NEG" => flag::NEG,
                "WH" => flag::WH,
                _ => flag::MISC,
            };
            entry(&mut words, row[0]).flags |= bit;
        }
        for w in CALENDAR {
            entry(&mut words, w).flags |= flag::CALENDAR;
        }
        for row in rows(PRONOUNS) {
            let e = entry(&mut words, row[0]);
            e.flags |= flag::PRONOUN;
            e.gender = gender_code(row.get(1).copied().unwrap_or(""));
            e.case = match row.get(2).copied().unwrap_or("") {
                "subj" => Some(Case::Subject),
                "obj" => Some(Case::Object),
                "poss" => Some(Case::Possessive),
                _ => Some(Case::Reflexive),
            };
        }
        for row in rows(TITLES) {
            let e = entry(&mut words, row[0]);
            e.flags |= if row.get(2) == Some(&"hon") {
                flag::HONORIFIC
            } else {
                flag::TITLE
            };
            let g = gender_code(row.get(1).copied().unwrap_or(""));
            if g != Gender::Unknown {
                e.gender = g;
            }
        }
        for row in rows(ROLES) {
            let e = entry(&mut words, row[0]);
            e.flags |= match row.get(1).copied().unwrap_or("") {
                "person" => flag::ROLE_PERSON,
                "group" => flag::ROLE_GROUP,
                _ => flag::ROLE_ORG,
            };
            let g = gender_code(row.get(2).copied().unwrap_or(""));
            if g != Gender::Unknown {
                e.gender = g;
            }
        }
        for row in rows(CUE_VERBS) {
            let class = match row.get(1).copied().unwrap_or("") {
                "W" => CueClass::Writing,
                "C" => CueClass::Cognition,
                _ => CueClass::Speech,
            };
            if row.get(3) == Some(&"N") {
                entry(&mut words, row[0]).flags |= flag::CUE_NOUN;
            }
            let forms = row.get(2).copied().unwrap_or("");
            for form in std::iter::once(row[0]).chain(forms.split(' ')) {
                if form.is_empty() {
                    continue;
                }
                let e = entry(&mut words, form);
                e.flags |= flag::CUE;
                // A form listed under several classes keeps the strongest (speech first).
                if e.cue.is_none() {
                    e.cue = Some(class);
                }
            }
        }

        let mut channel_labels: Vec<Box<str>> = Vec::new();
        let mut channel_phrases: FxHashMap<Box<str>, Vec<ChannelPhrase>> = FxHashMap::default();
        for row in rows(CHANNELS) {
            let Some(label) = row.get(1) else { continue };
            let id = match channel_labels.iter().position(|l| &**l == *label) {
                Some(i) => i,
                None => {
                    channel_labels.push((*label).into());
                    channel_labels.len() - 1
                }
            } as u8;
            let parts: Vec<&str> = row[0].split(' ').collect();
            if parts.len() == 1 {
                words.entry(parts[0].into()).or_default().channel = Some(id);
            } else {
                channel_phrases.entry(parts[0].into()).or_default().push(ChannelPhrase {
                    words: parts[1..].iter().map(|w| (*w).into()).collect(),
                    label: id,
                });
            }
        }

        let set = |table: &str| -> FxHashMap<Box<str>, ()> { rows(table).map(|r| (r[0].into(), ())).collect() };
        Lexicon {
            words,
            org_words: set(ORG_WORDS),
            abbreviations: set(ABBREVIATIONS),
            channel_labels,
            channel_phrases,
        }
    }

    /// What the lexicon knows of `word`, matched without regard to case. Unknown words get
    /// the empty [`WordInfo`].
    pub fn lookup(&self, word: &str) -> WordInfo {
        // Lower-case into a stack buffer: no allocation for the common ASCII word.
        let bytes = word.as_bytes();
        // Most words are lower-case ASCII already: look them up as they are.
        if bytes.len() <= 64 && bytes.iter().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            return self.words.get(word).copied().unwrap_or_default();
        }
        if bytes.len() <= 32 && bytes.is_ascii() {
            let mut buf = [0u8; 32];
            for (d, s) in buf.iter_mut().zip(bytes) {
                *d = s.to_ascii_lowercase();
            }
            let lower = std::str::from_utf8(&buf[..bytes.len()]).unwrap_or("");
            return self.words.get(lower).copied().unwrap_or_default();
        }
        if bytes.len() > 64 {
            return WordInfo::default();
        }
        let lower = word.to_lowercase();
        self.words.get(lower.as_str()).copied().unwrap_or_default()
    }

    /// True when a capitalised `word` marks an organisation name ("Hydro", "Inc").
    pub fn is_org_word(&self, word: &str) -> bool {
        self.org_words.contains_key(word)
    }

    /// True when `word` followed by a period is an abbreviation, not a sentence end.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains_key(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_by_class() {
        let lex = Lexicon::english();
        let cases: &[(&str, u32, bool)] = &[
            ("said", flag::CUE, true),
            ("Concluded", flag::CUE, true),
            ("the", flag::DET, true),
            ("singer", flag::ROLE_PERSON, true),
            ("officials", flag::ROLE_GROUP, true),
            ("company", flag::ROLE_ORG, true),
            ("Mr", flag::HONORIFIC, true),
            ("Mayor", flag::TITLE, true),
            ("Legend", flag::CUE | flag::FUNCTION, false),
            ("August", flag::CALENDAR, true),
        ];
        for &(word, mask, expected) in cases {
            assert_eq!(lex.lookup(word).is(mask), expected, "{word}");
        }
        assert_eq!(lex.lookup("she").gender, Gender::Female);
        assert_eq!(lex.lookup("wife").gender, Gender::Female);
        assert_eq!(lex.lookup("tweeted").cue, Some(CueClass::Writing));
        assert!(lex.lookup("Instagram").channel.is_some());
        assert!(lex.is_abbreviation("Mr") && !lex.is_abbreviation("Legend"));
        assert!(lex.is_org_word("Hydro"));
    }
}
