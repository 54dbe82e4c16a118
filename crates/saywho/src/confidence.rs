//! How sure the engine is of a quotation and its attribution: one value per kind of evidence.
//!
//! [`crate::Quote::confidence`] is set from this table and nowhere else, so that what a
//! confidence means can be read here. The values are nominal, ordered by how often each kind
//! of evidence proved right while the rules were written, not calibrated probabilities.

/// The evidence a quotation and its speaker rest on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Words between a matched pair of quotation marks, with or without an attribution:
    /// `"…," he wrote`.
    ClosedQuote,
    /// An opening mark whose closing mark is missing; the quotation was ended at its
    /// paragraph's end.
    UnclosedQuote,
    /// A quotation signed by a name after a dash, with no verb: `"We will win." — Jane Roe`.
    DashSignature,
    /// A paragraph of words quoted without marks and signed by a name ending it, with no verb
    /// or final stop: a pull quote, `It's very bad for our seniors. Rod Peters, mayor`.
    NameSignature,
    /// A paragraph set out by a speaker's name and a colon, without quotation marks: a
    /// headline's `Pence: Flowers Won't Be at Debate`, a transcript's `WALLACE: If I may, …`.
    ColonLabel,
    /// A quoted fragment inside reported speech, with the cue and speaker of its sentence:
    /// `Legend explained that he wrote the song "because …"`.
    MixedQuote,
    /// A quotation with no attribution of its own that takes the speaker of an attributed
    /// quotation in the same paragraph.
    SpeakerOfSameParagraph,
    /// A quotation with no attribution of its own that takes the speaker of the last
    /// quotation of the paragraph before.
    SpeakerOfPreviousParagraph,
    /// A quotation for which no speaker was found (yet): the starting value of every quote.
    NoAttribution,
    /// Reported speech introduced by "that": "Teigen revealed that she had lost her son".
    IndirectWithComplementizer,
    /// Reported speech without "that": "officials said the plan would fail".
    IndirectBareClause,
    /// A request reported as its hearer and an infinitive: "Trudeau urged people to send a
    /// message to the government".
    IndirectRequest,
    /// Reported speech of two or three words after a subject and its cue ("She said that
    /// business was good."): short content is more often an object or an adverbial misread.
    IndirectShortContent,
    /// Reported speech after a cue coordinated with an earlier verb, the speaker being the
    /// sentence's subject: "She denied the report and said the company did nothing wrong".
    IndirectCoordinatedCue,
    /// Reported speech after a gerund cue, the speaker being the sentence's subject: "X
    /// criticised the plan, saying it would fail".
    IndirectAfterGerund,
    /// Reported speech before its attribution: "The plan will fail, a source said."
    IndirectContentFirst,
    /// Only the part after the attribution is reported speech: "And, he says, they get it."
    IndirectSecondPart,
    /// "According to X, …" and "…, according to X."
    AccordingTo,
    /// Only in [`crate::Scope::Attributions`]: a stance or claim whose content is a noun
    /// phrase, an infinitive or a belief without "that" ("called for a ban", "pledged to cut
    /// taxes", "thinks he can win").
    Attribution,
    /// A title-cased headline that reports what someone said: "Trump Says He Will Win."
    TitleCasedReport,
    /// A quotation opening a paragraph with no attribution, after a paragraph without
    /// quotations: the speaker is the person that paragraph was about (its last subject).
    SubjectOfPreviousParagraph,
    /// A quotation opening a paragraph with no attribution, once indirect quotations are known:
    /// the speaker of the last quotation of the paragraph before.
    CarriedAcrossParagraphs,
    /// Likewise, but the paragraph before has no quotation with a speaker: its last
    /// attribution (`…," said Nicholson in an email`).
    LastAttributionOfParagraph,
}

impl Evidence {
    /// The confidence this evidence gives, nominally in [0, 1].
    pub const fn confidence(self) -> f32 {
        match self {
            Evidence::ClosedQuote => 0.9,
            Evidence::UnclosedQuote => 0.6,
            Evidence::DashSignature => 0.8,
            Evidence::NameSignature => 0.7,
            Evidence::ColonLabel => 0.7,
            Evidence::MixedQuote => 0.75,
            Evidence::SpeakerOfSameParagraph => 0.75,
            Evidence::SpeakerOfPreviousParagraph => 0.7,
            Evidence::NoAttribution => 0.5,
            Evidence::IndirectWithComplementizer => 0.75,
            Evidence::IndirectBareClause => 0.65,
            Evidence::IndirectShortContent => 0.55,
            Evidence::IndirectRequest => 0.6,
            Evidence::IndirectCoordinatedCue => 0.6,
            Evidence::IndirectAfterGerund => 0.6,
            Evidence::IndirectContentFirst => 0.7,
            Evidence::IndirectSecondPart => 0.6,
            Evidence::AccordingTo => 0.7,
            Evidence::Attribution => 0.45,
            Evidence::TitleCasedReport => 0.6,
            Evidence::SubjectOfPreviousParagraph => 0.55,
            Evidence::CarriedAcrossParagraphs => 0.65,
            Evidence::LastAttributionOfParagraph => 0.55,
        }
    }
}

/// Taken off a direct or mixed quotation whose attribution has a cue but no speaker phrase
/// (`"…," noting his age`).
pub const CUE_WITHOUT_SPEAKER_PENALTY: f32 = 0.2;
