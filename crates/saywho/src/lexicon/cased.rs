//! Classes of words as written (case-sensitive), for the capitalised words of names and
//! the words around them. See `name_words.tsv`, `org_words.txt` and `abbreviations.txt`.

/// Makes a name an organisation ("Hydro", "Inc").
pub const ORG: u32 = 1;
/// An abbreviation whose period does not end a sentence ("Mr", "U.S").
pub const ABBREVIATION: u32 = 1 << 1;
/// Ends the name of an event, place, law or building, never a person ("Festival",
/// "Street").
pub const NON_PERSON: u32 = 1 << 2;
/// Makes "at the …" an event where someone spoke ("Awards", "Summit").
pub const EVENT: u32 = 1 << 3;
/// Starts the name of a body one speaks to, not through ("Senate", "Court").
pub const AUDIENCE: u32 = 1 << 4;
/// A participle that opens sentences ("Knowing Bardos was a fan, …"), not a first name.
pub const SENTENCE_GERUND: u32 = 1 << 5;
/// A lower-case word inside a person's name ("van" in "Ludwig van Beethoven").
pub const CONNECTOR: u32 = 1 << 6;
/// Ends an agency's name in a photo credit ("Press" in "The Canadian Press Paul Carver").
pub const PHOTO_CREDIT: u32 = 1 << 7;
/// A platform named by its spelling alone ("posted on X").
pub const PLATFORM: u32 = 1 << 8;
/// A word an acronym leaves out ("of" in "Bank of Canada", BOC).
pub const ACRONYM_SKIP: u32 = 1 << 9;
/// Joins the words of an outlet's name ("and" in "Fox and Friends").
pub const NAME_AND: u32 = 1 << 10;
/// A lower-case noun whose most frequent sense is a person ("forecaster"); see
/// `person_nouns.txt`.
pub const PERSON_NOUN: u32 = 1 << 11;
/// A noun for a company, whose names rarely say what it is ("company", "firm"): type
/// `business` in `roles.tsv`.
pub const BUSINESS: u32 = 1 << 12;
/// The lower-case tail that makes a capitalised hyphenated word a modifier ("based" in
/// "Calgary-based").
pub const HYPHEN_MODIFIER: u32 = 1 << 13;
/// The first word of a place's name ("Lake" in "Lake Cowichan", "Fort McMurray").
pub const PLACE_FIRST: u32 = 1 << 14;
/// The first person singular ("I", "me", "my").
pub const FIRST_SINGULAR: u32 = 1 << 15;
/// Ends the name of a news outlet ("News" in "CTV News", "Times", "CBC").
pub const MEDIA: u32 = 1 << 16;
/// A lower-case noun for a news outlet ("newspaper", "broadcaster"): the only kind of
/// description that names one.
pub const MEDIA_ROLE: u32 = 1 << 17;
/// An indefinite pronoun ("nothing", "something"): after a cue, the object ("said nothing
/// about it") unless its own verb follows ("said something was wrong").
pub const INDEFINITE_PRONOUN: u32 = 1 << 18;
/// A verb of stance that attributes without reporting speech ("endorsed", "denounced"): a cue
/// only in [`crate::Scope::Attributions`]. See `attitude_verbs.tsv`.
pub const ATTITUDE_VERB: u32 = 1 << 19;
/// A preposition that belongs to the cue before a noun-phrase content ("called for", "talked
/// about", "warned of"), in [`crate::Scope::Attributions`].
pub const ATTRIBUTION_PARTICLE: u32 = 1 << 20;
/// A reporting verb whose readings in the attribution pass (beyond speech) were mostly wrong
/// on PolNeAR train ("member states have to approve", "swing states"): it opens no
/// attribution there, and stays a cue of speech. See `attitude_verbs.tsv`.
pub const ATTRIBUTION_EXCLUDED: u32 = 1 << 21;
/// A last word of places' names that is also a common surname ("Park", "Street"): a name that
/// opens with a first name and ends with it may be a person's. See `name_words.tsv`.
pub const SURNAME_PLACE: u32 = 1 << 22;
