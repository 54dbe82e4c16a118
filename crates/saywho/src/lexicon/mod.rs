//! The words of one language, compiled once from its tables.
//!
//! Every word of a document is looked up once, at tokenisation, in one hash table keyed by the
//! lower-cased word, and the token keeps the [`WordInfo`] it found: later stages test bits
//! instead of comparing strings. The stages know no word of any language: every word they act
//! on, every ending they test and every phrase they match is a row of a table under
//! `crates/saywho/lexicons/<lang>/`, embedded at build time (see `lexicons/README.md` for the
//! tables and their provenance). [`Lexicon::for_language`] builds the lexicon of a language.

use rustc_hash::FxHashMap;

mod cased_words;
mod common;
mod endings;
mod particles;
mod short;
mod tables;
pub(crate) use short::ShortKey;
pub(crate) use tables::data_lines;

use endings::Endings;

/// Bit flags describing what a word can be. A word can carry several.
///
/// Bits 0–23 are classes of the word, which a contraction or possessive of it keeps ("she's"
/// is a pronoun). The roles in [`WHOLE_WORD`](flag::WHOLE_WORD) hold only for the word itself,
/// as rules that used to compare spellings need; those in
/// [`LOWER_CASE_ONLY`](flag::LOWER_CASE_ONLY) only for the word written in lower case.
/// Roles come from `word_roles.tsv`, whose role names are these constants' names.
pub mod flag {
    /// A determiner: "the", "a", "this", "every".
    pub const DET: u64 = 1;
    /// A preposition: "of", "with", "during", "like".
    pub const PREP: u64 = 1 << 1;
    /// A coordinating conjunction: "and", "or", "but".
    pub const CONJ: u64 = 1 << 2;
    /// A word that opens a subordinate clause: "that", "because", "when", "if".
    pub const SUB: u64 = 1 << 3;
    /// An auxiliary or copula: "is", "has", "did", "would".
    pub const AUX: u64 = 1 << 4;
    /// An adverb of the function-word list: "also", "then", "however", "yesterday".
    pub const ADV: u64 = 1 << 5;
    /// A negation: "not", "never".
    pub const NEG: u64 = 1 << 6;
    /// A wh-word: "who", "which", "how".
    pub const WH: u64 = 1 << 7;
    /// Any other function word ("yes", "last", "according"): a function-word list entry
    /// with any other tag.
    pub const MISC: u64 = 1 << 8;
    /// A personal pronoun ("he", "them", "my"); its [`super::WordInfo::gender`] and
    /// [`super::WordInfo::case`] say which.
    pub const PRONOUN: u64 = 1 << 9;
    /// An honorific such as "Mr" or "Dr".
    pub const HONORIFIC: u64 = 1 << 10;
    /// An office or occupation used as a title before a name ("Mayor", "host").
    pub const TITLE: u64 = 1 << 11;
    /// A noun that heads a description of a person ("singer", "wife").
    pub const ROLE_PERSON: u64 = 1 << 12;
    /// A noun that heads a description of a group of people ("officials").
    pub const ROLE_GROUP: u64 = 1 << 13;
    /// A noun that heads a description of an organisation or document ("company", "report").
    pub const ROLE_ORG: u64 = 1 << 14;
    /// A verb of saying, writing or thinking.
    pub const CUE: u64 = 1 << 15;
    /// A month or weekday name: capitalised, yet never a person.
    pub const CALENDAR: u64 = 1 << 16;
    /// A cue verb's base form that is also a noun ("post", "note", "report").
    pub const CUE_NOUN: u64 = 1 << 17;
    /// A definite determiner ("the", "this", "these"): after it, a plain noun before a verb
    /// of saying is a speaker ("The military said").
    pub const DEFINITE: u64 = 1 << 18;
    /// A preposition that attaches a person to a body ("Tim Guest with the Nova Scotia Health
    /// Authority", "of", "for", "at"), when written in lower case.
    pub const AFFILIATION_PREP: u64 = 1 << 19;
    /// A cue verb whose first object is the hearer, not the content ("told reporters that").
    pub const HEARER_VERB: u64 = 1 << 20;
    /// A cue verb that reports a clause without "that" ("said the plan failed").
    pub const BARE_CLAUSE_VERB: u64 = 1 << 21;
    /// A cue verb that labels rather than reports ("called the plan a failure"): a cue only
    /// next to quotation marks.
    pub const LABEL_VERB: u64 = 1 << 22;
    /// A word an apostrophe may begin ("'em", "'til", "rock 'n' roll"): the apostrophe is no
    /// quotation mark.
    pub const ELISION: u64 = 1 << 23;

    /// The definite article: "the".
    pub const DEF_ARTICLE: u64 = 1 << 24;
    /// The indefinite article: "a", "an".
    pub const INDEF_ARTICLE: u64 = 1 << 25;
    /// A relative pronoun that follows a person: "who", "whose".
    pub const PERSON_RELATIVE: u64 = 1 << 26;
    /// A relative pronoun that is the subject of its clause: "who".
    pub const SUBJECT_RELATIVE: u64 = 1 << 27;
    /// A pronoun that is an object or, before a noun, a possessive: "her".
    pub const OBJECT_OR_POSSESSIVE: u64 = 1 << 28;
    /// The word that introduces reported content: "that".
    pub const COMPLEMENTIZER: u64 = 1 << 29;
    /// The infinitive marker ("said to be", "to answer"), which also ends the cue
    /// "according to".
    pub const INFINITIVE_TO: u64 = 1 << 30;
    /// The first word of the cue "according to", whose second word is [`INFINITIVE_TO`].
    pub const SOURCE_CUE_HEAD: u64 = 1 << 31;
    /// A form of "be": before a cue verb, a passive ("it was said").
    pub const BE_FORM: u64 = 1 << 32;
    /// A time adverb (also [`ADV`]) that may stand between a cue and its content ("said
    /// yesterday the plan …"), or a noun of time (not [`ADV`]) that ends a time adverbial
    /// ("this month", "last week") between a subject and its verb.
    pub const TIME_BEFORE_CONTENT: u64 = 1 << 33;
    /// A preposition after which a name is a place ("in Halifax", "from the UK").
    pub const PLACE_PREP: u64 = 1 << 34;
    /// The additive conjunction ("and"), which joins phrases rather than opening a clause.
    pub const ADDITIVE_CONJ: u64 = 1 << 35;
    /// A word that opens a link to another story ("READ MORE: …", "WATCH: …").
    pub const LINK_LABEL: u64 = 1 << 36;
    /// A preposition inside a capitalised name or between an office and its body ("House of
    /// Commons", "sergeant-at-arms of the House"), when not capitalised.
    pub const NAME_INNER_PREP: u64 = 1 << 37;
    /// An irregular past form of a cue verb ("said", "told"): no base form, though it has no
    /// regular ending.
    pub const IRREGULAR_PAST: u64 = 1 << 38;
    /// The participle that with [`AS_LINK`] and a cue verb makes one cue ("was quoted as
    /// saying").
    pub const QUOTATION_PARTICIPLE: u64 = 1 << 39;
    /// The word between [`QUOTATION_PARTICIPLE`] and a cue verb: "as".
    pub const AS_LINK: u64 = 1 << 40;
    /// The word between a cue and a gerund cue it is made of ("responded by saying").
    pub const MEANS_BY: u64 = 1 << 41;
    /// A particle that belongs to the cue verb before it ("pointed out").
    pub const CUE_PARTICLE: u64 = 1 << 42;
    /// A preposition that may join the words of a capitalised name ("Bank of Canada",
    /// "National Institute on Drug Abuse").
    pub const NAME_JOINER: u64 = 1 << 43;
    /// A form that opens a reported clause though it is an auxiliary ("said having …").
    pub const CLAUSE_OPENER: u64 = 1 << 44;
    /// A word for a share or a number of people that can stand alone as the subject of a
    /// report ("most said", "nearly half said", "24 percent said", "Six in 10 voters
    /// said"): a group description.
    pub const GROUP_QUANTIFIER: u64 = 1 << 45;
    /// A reporting verb whose content may be a question ("asked whether …", "wondered why
    /// …"): its content may open with a wh-word or "whether"/"if"; other verbs' may not ("did
    /// not say when" reports nothing).
    pub const QUESTION_VERB: u64 = 1 << 46;
    /// A concessive or contrastive subordinator ("while", "although"): after a comma it opens
    /// a clause of the writer's, which ends reported content ("said X, while Y …").
    pub const CONCESSIVE_SUB: u64 = 1 << 47;

    /// Any closed-class word: never part of a name.
    pub const FUNCTION: u64 = DET | PREP | CONJ | SUB | AUX | ADV | NEG | WH | MISC;
    /// Any noun that heads a speaker description.
    pub const ROLE: u64 = ROLE_PERSON | ROLE_GROUP | ROLE_ORG;
    /// Roles that hold only for the word written in lower case.
    pub const LOWER_CASE_ONLY: u64 =
        IRREGULAR_PAST | QUOTATION_PARTICIPLE | AS_LINK | MEANS_BY | CUE_PARTICLE | NAME_JOINER | CLAUSE_OPENER;
    /// Roles that hold only for the word itself, not for a contraction or possessive of it
    /// ("who's", "wasn't", "today's").
    pub const WHOLE_WORD: u64 = DEF_ARTICLE
        | INDEF_ARTICLE
        | PERSON_RELATIVE
        | SUBJECT_RELATIVE
        | OBJECT_OR_POSSESSIVE
        | COMPLEMENTIZER
        | INFINITIVE_TO
        | SOURCE_CUE_HEAD
        | BE_FORM
        | TIME_BEFORE_CONTENT
        | PLACE_PREP
        | ADDITIVE_CONJ
        | LINK_LABEL
        | NAME_INNER_PREP
        | LOWER_CASE_ONLY;
    /// Every bit a [`super::WordInfo`] can hold.
    pub(crate) const ALL: u64 = (1 << 48) - 1;
}

/// Bits of [`WordInfo::form`]: what a token's spelling ends in, by the lexicon's table of
/// endings (`affixes.tsv`). Case-sensitive, as written.
pub mod form {
    /// A gerund or present participle ("saying").
    pub const GERUND: u8 = 1;
    /// A regular past tense or participle ("added").
    pub const PAST: u8 = 1 << 1;
    /// A third-person singular or plural ending ("says", "officials").
    pub const S: u8 = 1 << 2;
    /// An ending that looks like [`S`] but is no plural ("boss").
    pub const NOT_PLURAL: u8 = 1 << 3;
    /// An adverb ("roughly").
    pub const ADVERB: u8 = 1 << 4;
    /// A nationality used as an adjective ("American", "Chinese").
    pub const DEMONYM: u8 = 1 << 5;
    /// A person named by their age ("the 39-year-old"): heads a description of a person.
    pub const AGE: u8 = 1 << 6;
}

pub mod cased;

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
    /// A verb of stance that reports no speech: "endorsed", "denounced"
    /// (`attitude_verbs.tsv`). A cue only in [`crate::Scope::Attributions`].
    Attitude,
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

/// Everything the lexicon knows about one word. 12 bytes, so that a token stays 24.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// Bits 0–31 of the word's [`flag`]s.
    flags_low: u32,
    /// Bits 32–47 of the word's [`flag`]s.
    flags_high: u16,
    /// Bits of [`form`]: the endings of the token's spelling. Set by the tokeniser for every
    /// word and number; zero in the lexicon's own entries.
    pub form: u8,
    /// The gender the word implies: a pronoun's, or a gendered title's or role noun's
    /// ("Mrs", "wife"); [`Gender::Unknown`] otherwise.
    pub gender: Gender,
    /// The class of the reporting verb when the word is one of its forms (with
    /// [`flag::CUE`]).
    pub cue: Option<CueClass>,
    /// The case of a pronoun; `None` for every other word.
    pub case: Option<Case>,
    /// Index into [`Lexicon::channel_label`] when the word names a channel on its own.
    pub channel: Option<u8>,
}

impl WordInfo {
    /// All its [`flag`] bits.
    #[inline]
    pub fn flags(&self) -> u64 {
        u64::from(self.flags_low) | u64::from(self.flags_high) << 32
    }
    /// True when any of `mask`'s [`flag`] bits is set.
    #[inline]
    pub fn is(&self, mask: u64) -> bool {
        self.flags() & mask != 0
    }
    /// Adds the [`flag`] bits of `bits`.
    #[inline]
    pub fn add(&mut self, bits: u64) {
        self.set_flags(self.flags() | bits);
    }
    /// Removes the [`flag`] bits of `bits`.
    #[inline]
    pub fn remove(&mut self, bits: u64) {
        self.set_flags(self.flags() & !bits);
    }
    #[inline]
    fn set_flags(&mut self, bits: u64) {
        // A WordInfo holds 48 bits of flags.
        debug_assert_eq!(bits & !flag::ALL, 0);
        self.flags_low = bits as u32;
        self.flags_high = (bits >> 32) as u16;
    }
}

/// A multi-word channel phrase ("press conference"), stored by its first word.
#[derive(Debug, Clone)]
pub struct ChannelPhrase {
    /// The words after the first, lower case, that must follow it in order (compared
    /// without regard to ASCII case).
    pub words: Vec<Box<str>>,
    /// Index into [`Lexicon::channel_label`].
    pub label: u8,
}

/// A channel label, and the label it takes when a name follows ("interview with CTV News").
#[derive(Debug, Clone)]
pub struct ChannelLabel {
    /// The label reported ("statement", "Twitter").
    pub name: Box<str>,
    /// A word after the channel word that introduces a name ("with"), and the label then,
    /// `{}` standing for the name ("interview with {}").
    pub with_name: Option<(Box<str>, Box<str>)>,
}

/// What a name must be for a [`ChannelContext`] to give a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContextName {
    /// An outlet, not an audience ("told CTV News", not "told the Senate").
    Outlet,
    /// An event ("at the Billboard Music Awards").
    Event,
    /// A platform named by its spelling alone ("on X").
    Platform,
}

/// A word before a name that makes the name tell the channel ("told CTV News").
#[derive(Debug, Clone)]
pub struct ContextRule {
    /// What the name must be.
    pub name: ContextName,
    /// A word that may stand between the word and the name ("at the …"), lower case.
    pub between: Option<Box<str>>,
    /// The channel label, `{}` standing for the name.
    pub label: Box<str>,
}

/// What a lower-case word starts in the channel tables: phrases and a context rule.
#[derive(Debug, Clone, Default)]
pub struct ChannelContext {
    /// Multi-word channel phrases that start with the word.
    pub phrases: Vec<ChannelPhrase>,
    /// The rule the word starts when a name follows it.
    pub rule: Option<ContextRule>,
}

/// A language code [`Lexicon::for_language`] has no tables for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage {
    /// The code asked for.
    pub code: String,
}

impl std::fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no lexicon for language {:?}; the languages known are: {}",
            self.code,
            Lexicon::languages().join(", ")
        )
    }
}

impl std::error::Error for UnknownLanguage {}

/// The compiled tables of one language.
#[derive(Debug)]
pub struct Lexicon {
    /// The language's code ("en").
    language: &'static str,
    /// Every word by its lower-case form.
    words: FxHashMap<Box<str>, WordInfo>,
    /// The short ASCII words of `words` again, for the tokeniser's lookups.
    short_words: short::ShortWords,
    /// Bits of [`cased`] for words as written.
    cased: cased_words::CasedWords,
    /// Endings that say a word's [`form`].
    endings: Endings,
    /// Possessive endings ("'s"), each starting with its only apostrophe.
    possessives: Endings,
    /// Contraction endings ("'re", "n't"), in the order they are tried.
    contractions: Endings,
    /// Particles joined by a hyphen to a name ("al-"), and the longest one's length.
    name_particles: Vec<Box<str>>,
    longest_particle: usize,
    /// Words that are not names ("wood", "police"), and the inflections reducing to them.
    common_words: common::CommonWords,
    /// Phrases of page furniture ("click here"), lower case.
    page_furniture: Vec<Box<str>>,
    /// Channel labels, indexed by [`WordInfo::channel`] and [`ChannelPhrase::label`].
    channel_labels: Vec<ChannelLabel>,
    /// Channel phrases and context rules by their first word, lower case.
    channel_contexts: FxHashMap<Box<str>, ChannelContext>,
    /// For each byte, bit `n` (63 for 63 and more) set when a key of `channel_contexts` of
    /// `n` bytes starts with that byte in either ASCII case: most words are skipped without
    /// lower-casing or hashing them.
    channel_context_starts: Box<[u64; 256]>,
}

impl Lexicon {
    /// The English lexicon, built from the embedded tables.
    ///
    /// ```
    /// let lex = saywho::lexicon::Lexicon::english();
    /// assert!(lex.lookup("Said").cue.is_some());
    /// ```
    pub fn english() -> Lexicon {
        tables::build(&tables::ENGLISH)
    }

    /// The lexicon of the language whose code (ISO 639-1) is `code`.
    ///
    /// ```
    /// use saywho::lexicon::Lexicon;
    /// assert_eq!(Lexicon::for_language("en").unwrap().language(), "en");
    /// let err = Lexicon::for_language("xx").unwrap_err();
    /// assert!(err.to_string().contains("en"));
    /// ```
    pub fn for_language(code: &str) -> Result<Lexicon, UnknownLanguage> {
        tables::LANGUAGES
            .iter()
            .find(|t| t.code == code)
            .map(tables::build)
            .ok_or_else(|| UnknownLanguage { code: code.to_string() })
    }

    /// The codes of the languages [`Lexicon::for_language`] knows.
    pub fn languages() -> Vec<&'static str> {
        tables::LANGUAGES.iter().map(|t| t.code).collect()
    }

    /// The code of this lexicon's language.
    pub fn language(&self) -> &'static str {
        self.language
    }

    /// What the lexicon knows of `word`, matched without regard to case. Unknown words get
    /// the empty [`WordInfo`].
    #[inline]
    pub fn lookup(&self, word: &str) -> WordInfo {
        // The short-word table answers for nearly every word of a text, without a call: the
        // tokeniser looks up every word, and calling one function for both paths cost some
        // twenty instructions a word in saving and restoring the registers the long path needs.
        match self.short_words.get(word.as_bytes()) {
            Some(info) => info,
            None => self.lookup_long(word),
        }
    }

    /// [`Lexicon::lookup`] of the ASCII word whose key in the short-word table is `key` (the
    /// tokeniser makes it as it scans the word, without reading it again), as a reference to
    /// the entry; `None` when the table cannot tell (ask [`Lexicon::lookup`]).
    #[inline]
    pub(crate) fn short_entry(&self, key: ShortKey) -> Option<&WordInfo> {
        self.short_words.get_key(key)
    }

    /// [`Lexicon::lookup`] of a word the short-word table cannot tell (longer than its words,
    /// or not ASCII).
    #[inline(never)]
    fn lookup_long(&self, word: &str) -> WordInfo {
        let bytes = word.as_bytes();
        // Lower-case into a stack buffer: no allocation for the common ASCII word.
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

    /// The bits of [`cased`] of `word` as written.
    #[inline]
    pub fn cased(&self, word: &str) -> u32 {
        self.cased.get(word)
    }

    /// True when `word` as written has any of `mask`'s [`cased`] bits.
    #[inline]
    pub fn is_cased(&self, word: &str, mask: u32) -> bool {
        self.cased(word) & mask != 0
    }

    /// True when a capitalised `word` marks an organisation name ("Hydro", "Inc").
    pub fn is_org_word(&self, word: &str) -> bool {
        self.is_cased(word, cased::ORG)
    }

    /// True when `word` followed by a period is an abbreviation, not a sentence end.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.is_cased(word, cased::ABBREVIATION)
    }

    /// The bits of [`form`] that `word`'s spelling ends in.
    #[inline]
    pub fn forms_of(&self, word: &str) -> u8 {
        self.endings.forms_of(word)
    }

    /// [`Lexicon::forms_of`] of a word of `len` bytes (1 to 8) given as the little-endian
    /// number `bytes` (zero above its bytes), as the tokeniser has it from its scan.
    #[inline]
    pub(crate) fn forms_of_bytes(&self, bytes: u64, len: usize) -> u8 {
        self.endings.forms_of_bytes(bytes, len)
    }

    /// `word` without its possessive ending ("Teigen's" → "Teigen"), or `word` itself.
    #[inline]
    pub fn strip_possessive<'w>(&self, word: &'w str) -> &'w str {
        self.possessives.strip(word).unwrap_or(word)
    }

    /// The word before a contraction ending ("they're" → "they"), if `word` has one.
    #[inline]
    pub fn contraction_stem<'w>(&self, word: &'w str) -> Option<&'w str> {
        // Every contraction ending has an apostrophe (checked when the tables are read):
        // most words skip the comparisons.
        if !word.contains(['\'', '’']) {
            return None;
        }
        self.contractions.strip(word).filter(|s| !s.is_empty())
    }

    /// True when the lower-cased `line` holds a phrase of page furniture ("click here").
    pub fn has_page_furniture(&self, line: &str) -> bool {
        self.page_furniture.iter().any(|f| line.contains(&**f))
    }

    /// The channel label with index `id` ([`WordInfo::channel`], [`ChannelPhrase::label`]).
    pub fn channel_label(&self, id: u8) -> &ChannelLabel {
        &self.channel_labels[id as usize]
    }

    /// The channel phrases and context rule that the lower-case word `word` starts.
    #[inline]
    pub fn channel_context(&self, word: &str) -> Option<&ChannelContext> {
        self.channel_contexts.get(word)
    }

    /// False when no word of `word`'s first byte and length, whatever its ASCII case, starts a
    /// channel phrase or context rule ([`Lexicon::channel_context`] of its lower case is
    /// `None`); true when one may.
    #[inline]
    pub fn may_start_channel_context(&self, word: &str) -> bool {
        word.as_bytes()
            .first()
            .is_some_and(|&b| self.may_start_channel_context_with(b, word.len()))
    }

    /// [`Lexicon::may_start_channel_context`] of a word of `len` bytes whose first byte is
    /// `first` (a token's [`first`](crate::token::Token::first) and length).
    #[inline]
    pub fn may_start_channel_context_with(&self, first: u8, len: usize) -> bool {
        self.channel_context_starts[usize::from(first)] & 1 << len.min(63) != 0
    }
}

#[cfg(test)]
mod tests;
