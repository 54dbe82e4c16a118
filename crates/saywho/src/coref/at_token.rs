//! The entity each resolved token stands for, and sets of tokens: a slot per token of the
//! document, where a hash map or set keyed by token hashed and probed at every look-up.

/// The entity a name, pronoun or speaker phrase starting at a token was resolved to, by token:
/// one slot per token of the document. A hash map of the resolved tokens hashed and probed at
/// each of some 80,000 insertions on BBC news (about 70 instructions each); a slot is one store.
#[derive(Debug, Default)]
pub(crate) struct AtToken(Vec<u32>);

/// The slot of a token that no entity is noted at.
const NONE: u32 = u32::MAX;

impl AtToken {
    /// No entity yet at any of `tokens` tokens.
    pub(super) fn new(tokens: usize) -> AtToken {
        AtToken(vec![NONE; tokens])
    }

    /// Notes entity `e` at token `tok` (replacing any noted there).
    #[inline]
    pub(super) fn insert(&mut self, tok: u32, e: u32) {
        if let Some(slot) = self.0.get_mut(tok as usize) {
            *slot = e;
        }
    }

    /// The entity noted at token `tok`, if any.
    #[inline]
    pub(super) fn get(&self, tok: &u32) -> Option<&u32> {
        self.0.get(*tok as usize).filter(|&&e| e != NONE)
    }
}

/// A set of a document's tokens (by index): a flag per token. Asked about every name mention
/// twice (some 146,000 times on BBC news), a hash set took some 20 instructions a look-up.
#[derive(Debug, Default)]
pub(crate) struct TokenSet(Vec<bool>);

impl TokenSet {
    /// None of `tokens` tokens.
    pub(super) fn new(tokens: usize) -> TokenSet {
        TokenSet(vec![false; tokens])
    }

    /// Adds token `tok`.
    #[inline]
    pub(super) fn insert(&mut self, tok: u32) {
        if let Some(slot) = self.0.get_mut(tok as usize) {
            *slot = true;
        }
    }

    /// Is token `tok` in the set?
    #[inline]
    pub(super) fn contains(&self, tok: &u32) -> bool {
        self.0.get(*tok as usize).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_the_latest_entity_at_each_token() {
        let mut at = AtToken::new(4);
        assert_eq!(at.get(&1), None);
        at.insert(1, 7);
        at.insert(3, 0);
        at.insert(1, 8);
        at.insert(9, 5);
        assert_eq!(at.get(&1), Some(&8));
        assert_eq!(at.get(&3), Some(&0));
        assert_eq!(at.get(&0), None);
        assert_eq!(at.get(&9), None);
    }

    #[test]
    fn holds_the_tokens_added() {
        let mut set = TokenSet::new(3);
        set.insert(2);
        set.insert(5);
        assert!(set.contains(&2));
        assert!(!set.contains(&0));
        assert!(!set.contains(&5));
    }
}
