//! Reading a language's embedded tables into a [`Lexicon`].
//!
//! The literals here are the codes of the table format (tags such as `DET`, gender `m`, case
//! `subj`, role names), which `lexicons/README.md` documents; the words are all in the tables.

use super::{
    cased, flag, form, Case, ChannelContext, ChannelLabel, ChannelPhrase, ContextName, ContextRule, CueClass, Endings,
    Gender, Lexicon, WordInfo,
};
use rustc_hash::FxHashMap;

/// The embedded tables of one language.
pub(super) struct Tables {
    /// ISO 639-1 code.
    pub(super) code: &'static str,
    function_words: &'static str,
    calendar: &'static str,
    pronouns: &'static str,
    titles: &'static str,
    roles: &'static str,
    cue_verbs: &'static str,
    word_roles: &'static str,
    org_words: &'static str,
    abbreviations: &'static str,
    name_words: &'static str,
    attitude_verbs: &'static str,
    person_nouns: &'static str,
    common_words: &'static str,
    affixes: &'static str,
    page_furniture: &'static str,
    channels: &'static str,
    channel_contexts: &'static str,
}

/// English (`lexicons/en/`).
pub(super) const ENGLISH: Tables = Tables {
    code: "en",
    function_words: include_str!("../../lexicons/en/function_words.tsv"),
    calendar: include_str!("../../lexicons/en/calendar.txt"),
    pronouns: include_str!("../../lexicons/en/pronouns.tsv"),
    titles: include_str!("../../lexicons/en/titles.tsv"),
    roles: include_str!("../../lexicons/en/roles.tsv"),
    cue_verbs: include_str!("../../lexicons/en/cue_verbs.tsv"),
    word_roles: include_str!("../../lexicons/en/word_roles.tsv"),
    org_words: include_str!("../../lexicons/en/org_words.txt"),
    abbreviations: include_str!("../../lexicons/en/abbreviations.txt"),
    name_words: include_str!("../../lexicons/en/name_words.tsv"),
    attitude_verbs: include_str!("../../lexicons/en/attitude_verbs.tsv"),
    person_nouns: include_str!("../../lexicons/en/person_nouns.txt"),
    common_words: include_str!("../../lexicons/en/common_words.txt"),
    affixes: include_str!("../../lexicons/en/affixes.tsv"),
    page_furniture: include_str!("../../lexicons/en/page_furniture.txt"),
    channels: include_str!("../../lexicons/en/channels.tsv"),
    channel_contexts: include_str!("../../lexicons/en/channel_contexts.tsv"),
};

/// Every language with tables.
pub(super) const LANGUAGES: &[Tables] = &[ENGLISH];

/// The data lines of an embedded table: trailing blanks cut, comments and blank lines dropped.
pub(crate) fn data_lines(table: &str) -> impl Iterator<Item = &str> {
    table
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The data lines of an embedded table, fields split on tabs.
fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    data_lines(table).map(|l| l.split('\t').collect())
}

/// Field `i` of a row, empty when the row is shorter.
fn field<'a>(row: &[&'a str], i: usize) -> &'a str {
    row.get(i).copied().unwrap_or("")
}

/// The space-separated items of field `i`.
fn items<'a>(row: &[&'a str], i: usize) -> impl Iterator<Item = &'a str> {
    field(row, i).split(' ').filter(|w| !w.is_empty())
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

/// The flag a `word_roles.tsv` role name stands for.
fn role_flag(name: &str) -> Option<u64> {
    Some(match name {
        "DEFINITE" => flag::DEFINITE,
        "AFFILIATION_PREP" => flag::AFFILIATION_PREP,
        "ELISION" => flag::ELISION,
        "DEF_ARTICLE" => flag::DEF_ARTICLE,
        "INDEF_ARTICLE" => flag::INDEF_ARTICLE,
        "PERSON_RELATIVE" => flag::PERSON_RELATIVE,
        "SUBJECT_RELATIVE" => flag::SUBJECT_RELATIVE,
        "OBJECT_OR_POSSESSIVE" => flag::OBJECT_OR_POSSESSIVE,
        "COMPLEMENTIZER" => flag::COMPLEMENTIZER,
        "INFINITIVE_TO" => flag::INFINITIVE_TO,
        "SOURCE_CUE_HEAD" => flag::SOURCE_CUE_HEAD,
        "BE_FORM" => flag::BE_FORM,
        "TIME_BEFORE_CONTENT" => flag::TIME_BEFORE_CONTENT,
        "PLACE_PREP" => flag::PLACE_PREP,
        "ADDITIVE_CONJ" => flag::ADDITIVE_CONJ,
        "LINK_LABEL" => flag::LINK_LABEL,
        "NAME_INNER_PREP" => flag::NAME_INNER_PREP,
        "IRREGULAR_PAST" => flag::IRREGULAR_PAST,
        "QUOTATION_PARTICIPLE" => flag::QUOTATION_PARTICIPLE,
        "AS_LINK" => flag::AS_LINK,
        "MEANS_BY" => flag::MEANS_BY,
        "CUE_PARTICLE" => flag::CUE_PARTICLE,
        "NAME_JOINER" => flag::NAME_JOINER,
        "CLAUSE_OPENER" => flag::CLAUSE_OPENER,
        "GROUP_QUANTIFIER" => flag::GROUP_QUANTIFIER,
        "CONCESSIVE_SUB" => flag::CONCESSIVE_SUB,
        _ => return None,
    })
}

/// The bit a class of `name_words.tsv` or `attitude_verbs.tsv` stands for.
fn name_class(name: &str) -> u32 {
    match name {
        "non_person" => cased::NON_PERSON,
        "event" => cased::EVENT,
        "audience" => cased::AUDIENCE,
        "sentence_gerund" => cased::SENTENCE_GERUND,
        "connector" => cased::CONNECTOR,
        "photo_credit" => cased::PHOTO_CREDIT,
        "platform" => cased::PLATFORM,
        "acronym_skip" => cased::ACRONYM_SKIP,
        "name_and" => cased::NAME_AND,
        "hyphen_modifier" => cased::HYPHEN_MODIFIER,
        "place_first" => cased::PLACE_FIRST,
        "first_singular" => cased::FIRST_SINGULAR,
        "media" => cased::MEDIA,
        "media_role" => cased::MEDIA_ROLE,
        "indefinite_pronoun" => cased::INDEFINITE_PRONOUN,
        "attitude_verb" => cased::ATTITUDE_VERB,
        "attribution_particle" => cased::ATTRIBUTION_PARTICLE,
        "attribution_excluded" => cased::ATTRIBUTION_EXCLUDED,
        "surname_place" => cased::SURNAME_PLACE,
        _ => 0,
    }
}

/// The [`form`] bit an `affixes.tsv` ending kind stands for.
fn ending_form(kind: &str) -> u8 {
    match kind {
        "gerund" => form::GERUND,
        "past" => form::PAST,
        "s" => form::S,
        "not_plural" => form::NOT_PLURAL,
        "adverb" => form::ADVERB,
        "demonym" => form::DEMONYM,
        "age" => form::AGE,
        _ => 0,
    }
}

type Words = FxHashMap<Box<str>, WordInfo>;

fn entry<'m>(words: &'m mut Words, w: &str) -> &'m mut WordInfo {
    words.entry(w.into()).or_default()
}

/// Builds the lexicon of `t`.
pub(super) fn build(t: &Tables) -> Lexicon {
    let mut words = Words::default();
    add_closed_classes(t, &mut words);
    add_open_classes(t, &mut words);
    for row in rows(t.word_roles) {
        // An unknown role name is a table error; the debug build says so.
        let role = role_flag(row[0]);
        debug_assert!(role.is_some(), "unknown role {} in word_roles.tsv", row[0]);
        for w in items(&row, 1) {
            entry(&mut words, w).add(role.unwrap_or(0));
        }
    }

    let mut cased_words: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut add_cased = |w: &str, bit: u32| *cased_words.entry(w.into()).or_default() |= bit;
    for row in rows(t.org_words) {
        add_cased(row[0], cased::ORG);
    }
    for row in rows(t.abbreviations) {
        add_cased(row[0], cased::ABBREVIATION);
    }
    for row in rows(t.person_nouns) {
        add_cased(row[0], cased::PERSON_NOUN);
    }
    for row in rows(t.roles).filter(|r| field(r, 1) == "business") {
        add_cased(row[0], cased::BUSINESS);
    }
    for row in rows(t.name_words).chain(rows(t.attitude_verbs)) {
        let bit = name_class(row[0]);
        debug_assert!(
            bit != 0,
            "unknown class {} in name_words.tsv or attitude_verbs.tsv",
            row[0]
        );
        for w in items(&row, 1) {
            add_cased(w, bit);
        }
    }

    let (channel_labels, channel_contexts) = read_channels(t, &mut words);
    let affix = |kind: &str| -> Vec<Box<str>> {
        rows(t.affixes)
            .filter(|r| r[0] == kind)
            .flat_map(|r| items(&r, 1).map(Box::from).collect::<Vec<_>>())
            .collect()
    };
    let possessives = affix("possessive");
    let contractions = affix("contraction");
    let name_particles = affix("name_particle");
    let inflections = affix("inflection")
        .iter()
        .filter_map(|i| i.split_once('='))
        .map(|(ending, replacement)| (Box::from(ending), Box::from(replacement)))
        .collect();
    // The tokeniser relies on these shapes to skip most words cheaply (see Token::base,
    // Lexicon::contraction_stem and Lexicon::has_name_particle).
    debug_assert!(possessives
        .iter()
        .all(|p| p.starts_with(['\'', '’']) && p.matches(['\'', '’']).count() == 1));
    debug_assert!(contractions.iter().all(|c| c.contains(['\'', '’'])));
    debug_assert!(name_particles.iter().all(|p| p.ends_with('-')));
    let longest_particle = name_particles.iter().map(|p| p.len()).max().unwrap_or(0);

    Lexicon {
        language: t.code,
        short_words: super::short::ShortWords::new(words.iter().map(|(w, i)| (&**w, *i))),
        words,
        cased: super::cased_words::CasedWords::new(cased_words),
        endings: read_endings(t),
        possessives: Endings::new(possessives.into_iter().map(|p| (p, 0)).collect()),
        contractions: Endings::new(contractions.into_iter().map(|c| (c, 0)).collect()),
        name_particles,
        longest_particle,
        common_words: super::common::CommonWords::new(t.common_words, inflections),
        page_furniture: rows(t.page_furniture).map(|r| Box::from(r[0])).collect(),
        channel_labels,
        channel_context_starts: context_starts(&channel_contexts),
        channel_contexts,
    }
}

/// For each byte, the lengths (bit `n`, 63 for 63 and more) of the keys of `contexts` that
/// start with it in either ASCII case.
fn context_starts(contexts: &FxHashMap<Box<str>, ChannelContext>) -> Box<[u64; 256]> {
    let mut starts = Box::new([0u64; 256]);
    for key in contexts.keys() {
        if let Some(&b) = key.as_bytes().first() {
            let bit = 1u64 << key.len().min(63);
            starts[usize::from(b.to_ascii_lowercase())] |= bit;
            starts[usize::from(b.to_ascii_uppercase())] |= bit;
        }
    }
    starts
}

/// Function words, month and weekday names, pronouns.
fn add_closed_classes(t: &Tables, words: &mut Words) {
    for row in rows(t.function_words) {
        let bit = match field(&row, 1) {
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
        entry(words, row[0]).add(bit);
    }
    for row in rows(t.calendar) {
        entry(words, row[0]).add(flag::CALENDAR);
    }
    for row in rows(t.pronouns) {
        let e = entry(words, row[0]);
        e.add(flag::PRONOUN);
        e.gender = gender_code(field(&row, 1));
        e.case = match field(&row, 2) {
            "subj" => Some(Case::Subject),
            "obj" => Some(Case::Object),
            "poss" => Some(Case::Possessive),
            _ => Some(Case::Reflexive),
        };
    }
}

/// Titles, role nouns and cue verbs.
fn add_open_classes(t: &Tables, words: &mut Words) {
    for row in rows(t.titles) {
        let e = entry(words, row[0]);
        e.add(if field(&row, 2) == "hon" {
            flag::HONORIFIC
        } else {
            flag::TITLE
        });
        let g = gender_code(field(&row, 1));
        if g != Gender::Unknown {
            e.gender = g;
        }
    }
    for row in rows(t.roles) {
        let e = entry(words, row[0]);
        let kind = field(&row, 1);
        debug_assert!(
            matches!(kind, "person" | "group" | "org" | "business"),
            "unknown type {kind} in roles.tsv"
        );
        e.add(match kind {
            "person" => flag::ROLE_PERSON,
            "group" => flag::ROLE_GROUP,
            // A business ("the company") is an organisation; `build` marks it apart in the
            // cased table too (cased::BUSINESS).
            _ => flag::ROLE_ORG,
        });
        let g = gender_code(field(&row, 2));
        if g != Gender::Unknown {
            e.gender = g;
        }
    }
    for row in rows(t.cue_verbs) {
        let class = match field(&row, 1) {
            "W" => CueClass::Writing,
            "C" => CueClass::Cognition,
            _ => CueClass::Speech,
        };
        let letters = field(&row, 3);
        if letters.contains('N') {
            entry(words, row[0]).add(flag::CUE_NOUN);
        }
        let frames = [
            ('B', flag::BARE_CLAUSE_VERB),
            ('H', flag::HEARER_VERB),
            ('L', flag::LABEL_VERB),
            ('Q', flag::QUESTION_VERB),
        ]
        .iter()
        .filter(|(letter, _)| letters.contains(*letter))
        .fold(0, |bits, (_, bit)| bits | bit);
        let without_frames: Vec<&str> = items(&row, 4).collect();
        for form in std::iter::once(row[0]).chain(items(&row, 2)) {
            let e = entry(words, form);
            e.add(flag::CUE);
            if !without_frames.contains(&form) {
                e.add(frames);
            }
            // A form listed under several classes keeps the strongest (speech first).
            if e.cue.is_none() {
                e.cue = Some(class);
            }
        }
    }
}

/// Endings that say a word's form, indexed by their last byte.
fn read_endings(t: &Tables) -> Endings {
    let mut list: Vec<(Box<str>, u8)> = Vec::new();
    for row in rows(t.affixes) {
        let bits = ending_form(row[0]);
        if bits != 0 {
            list.extend(items(&row, 1).map(|e| (Box::from(e), bits)));
        }
    }
    Endings::new(list)
}

/// Channel words and phrases (their labels go in `words`), and the context rules.
fn read_channels(t: &Tables, words: &mut Words) -> (Vec<ChannelLabel>, FxHashMap<Box<str>, ChannelContext>) {
    let mut labels: Vec<ChannelLabel> = Vec::new();
    let mut contexts: FxHashMap<Box<str>, ChannelContext> = FxHashMap::default();
    for row in rows(t.channels) {
        let Some(label) = row.get(1) else { continue };
        let id = match labels.iter().position(|l| &*l.name == *label) {
            Some(i) => i,
            None => {
                labels.push(ChannelLabel {
                    name: (*label).into(),
                    with_name: None,
                });
                labels.len() - 1
            }
        };
        if let (Some(lead), Some(named)) = (row.get(2), row.get(3)) {
            labels[id].with_name = Some(((*lead).into(), (*named).into()));
        }
        let id = id as u8;
        let parts: Vec<&str> = row[0].split(' ').collect();
        if parts.len() == 1 {
            entry(words, parts[0]).channel = Some(id);
        } else {
            contexts
                .entry(parts[0].into())
                .or_default()
                .phrases
                .push(ChannelPhrase {
                    words: parts[1..].iter().map(|w| (*w).into()).collect(),
                    label: id,
                });
        }
    }
    for row in rows(t.channel_contexts) {
        let name = match field(&row, 1) {
            "outlet" => ContextName::Outlet,
            "event" => ContextName::Event,
            _ => ContextName::Platform,
        };
        let between = Some(field(&row, 2)).filter(|w| !w.is_empty() && *w != "-");
        contexts.entry(row[0].into()).or_default().rule = Some(ContextRule {
            name,
            between: between.map(Box::from),
            label: field(&row, 3).into(),
        });
    }
    (labels, contexts)
}
