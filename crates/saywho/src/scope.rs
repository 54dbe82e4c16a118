//! What the engine reports: speech only, or every attribution.

/// What counts as a quotation.
///
/// News researchers who count voices want what people *said*: [`Scope::Speech`], the
/// default, reports speech and writing ("said the plan would fail", "wrote that …") and beliefs
/// only with "that" ("believes that …"). Attribution studies (PolNeAR's definition, see
/// docs/EVALUATION.md) count more: whatever a source is said to claim, want, back or attack,
/// with a noun phrase or an infinitive as content. [`Scope::Attributions`] adds those
/// (`"Trump called for a ban"`, `"the senator endorsed her"`, `"Clinton pledged to work with
/// both parties"`), as indirect quotations of lower confidence.
///
/// ```
/// use saywho::{Engine, Scope};
/// let text = "Senator Ann Lee called for a ban on assault weapons.";
/// assert!(Engine::new().extract("a", text).unwrap().quotes.is_empty());
/// let broad = Engine::new().with_scope(Scope::Attributions);
/// let record = broad.extract("a", text).unwrap();
/// assert_eq!(record.quotes[0].text, "a ban on assault weapons");
/// assert_eq!(record.quotes[0].speaker.as_ref().unwrap().name, "Ann Lee");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Speech and writing, reported or quoted; beliefs only with "that".
    #[default]
    Speech,
    /// Speech, plus attributions whose content is a noun phrase ("called for a ban"), an
    /// infinitive ("pledged to cut taxes") or a belief without "that" ("thinks he can win"),
    /// after the reporting verbs and the verbs of stance in `attitude_verbs.tsv`.
    Attributions,
}

impl Scope {
    /// Every scope.
    pub const ALL: [Scope; 2] = [Scope::Speech, Scope::Attributions];

    /// Its name, as `--scope` takes it: `speech` or `attributions`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Speech => "speech",
            Scope::Attributions => "attributions",
        }
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Scope {
    type Err = String;

    /// `speech` or `attributions` ([`Scope::as_str`]).
    fn from_str(s: &str) -> Result<Scope, String> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s)
            .ok_or_else(|| format!("unknown scope {s:?}: expected speech or attributions"))
    }
}
