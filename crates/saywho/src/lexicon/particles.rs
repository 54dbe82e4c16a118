//! Name particles joined by a hyphen to a name ("al-Shabaab", "bin-Laden"), from the
//! `name_particle` rows of `affixes.tsv`.

use super::Lexicon;

impl Lexicon {
    /// True when `word` starts with a name particle and a capital ("al-Shabaab").
    #[inline]
    pub fn has_name_particle(&self, word: &str) -> bool {
        // Each particle ends in a hyphen (checked when the tables are read): most words skip
        // the comparisons.
        word.as_bytes().iter().take(self.longest_particle).any(|&b| b == b'-')
            && self
                .name_particles
                .iter()
                .any(|p| word.starts_with(&**p) && word[p.len()..].chars().next().is_some_and(char::is_uppercase))
    }

    /// `word` with a capitalised name particle written in lower case ("Al-Shabaab" →
    /// "al-Shabaab", as a sentence opening with the name writes it), or `None` when it has none.
    ///
    /// ```
    /// let lex = saywho::lexicon::Lexicon::english();
    /// assert_eq!(lex.lower_name_particle("Al-Shabaab").as_deref(), Some("al-Shabaab"));
    /// assert_eq!(lex.lower_name_particle("al-Shabaab"), None);
    /// ```
    // Asked of the first word of every name: inlined, so that a word with no hyphen near its
    // start costs a few comparisons and no call (62,357 names on BBC news).
    #[inline]
    pub fn lower_name_particle(&self, word: &str) -> Option<String> {
        let first = *word.as_bytes().first()?;
        if !first.is_ascii_uppercase() || !word.as_bytes().iter().take(self.longest_particle).any(|&b| b == b'-') {
            return None;
        }
        self.lowered_particle(word)
    }

    /// [`Lexicon::lower_name_particle`] once the cheap tests pass.
    #[cold]
    fn lowered_particle(&self, word: &str) -> Option<String> {
        let lowered = word[..1].to_ascii_lowercase() + &word[1..];
        self.has_name_particle(&lowered).then_some(lowered)
    }
}
