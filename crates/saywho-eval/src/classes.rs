//! Recall by class of gold quote: which kinds of attribution the engine finds and misses.
//!
//! A gold quote's class comes from its annotated cue, read with the engine's own lexicon:
//! a verb of saying (`said`, `told`), of writing (`wrote`, `tweeted`), of cognition
//! (`believes`, `thinks`: PolNeAR annotates beliefs, GGT does not), `according to`, no cue or
//! only punctuation (a colon, a quote standing alone), and every other cue (attitudes and
//! actions PolNeAR counts as attributions: `supports`, `criticized`, `seems`, `is expected`).

use crate::gold::GoldSet;
use crate::score::{ErrorItem, ErrorKind};
use saywho::lexicon::{CueClass, Lexicon};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The classes, in report order.
pub const CLASSES: [&str; 6] = [
    "speech verb",
    "writing verb",
    "cognition verb",
    "according to",
    "no cue",
    "other cue",
];

/// Gold quotes and those matched, for one class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRecall {
    /// One of [`CLASSES`].
    pub class: String,
    /// Gold quotes of the class.
    pub gold: usize,
    /// Of those, how many a prediction matched.
    pub matched: usize,
}

/// The class of a cue as annotated.
pub fn class_of(cue: Option<&str>, lex: &Lexicon) -> &'static str {
    let Some(cue) = cue else { return CLASSES[4] };
    let words: Vec<String> = cue
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return CLASSES[4];
    }
    // The phrase is matched through the lexicon's own source-cue words, never spelled here.
    let head = lex.lookup(&words[0]);
    if head.is(saywho::lexicon::flag::SOURCE_CUE_HEAD)
        && words
            .get(1)
            .is_some_and(|w| lex.lookup(w).is(saywho::lexicon::flag::INFINITIVE_TO))
    {
        return CLASSES[3];
    }
    // The first reporting verb of the cue ("has said", "told reporters").
    match words.iter().find_map(|w| lex.lookup(w).cue) {
        Some(CueClass::Speech) => CLASSES[0],
        Some(CueClass::Writing) => CLASSES[1],
        Some(CueClass::Cognition) => CLASSES[2],
        Some(CueClass::Attitude) | None => CLASSES[5],
    }
}

/// Recall per class at the threshold `misses` were listed at: a gold quote is matched unless
/// it is among the misses.
pub fn recall_by_class(gold: &GoldSet, misses: &[ErrorItem], lex: &Lexicon) -> Vec<ClassRecall> {
    // Misses by document and span, counted: two gold quotes may share a span (GGT repeats
    // some), and only as many of them as were missed count as missed.
    let mut missed: HashMap<(&str, usize, usize), usize> = HashMap::new();
    for e in misses.iter().filter(|e| e.kind == ErrorKind::Miss) {
        *missed.entry((e.document.as_str(), e.start, e.end)).or_default() += 1;
    }
    let mut out: Vec<ClassRecall> = CLASSES
        .iter()
        .map(|c| ClassRecall {
            class: c.to_string(),
            gold: 0,
            matched: 0,
        })
        .collect();
    for doc in &gold.documents {
        for q in &doc.quotes {
            let class = class_of(q.cue.as_deref(), lex);
            let Some(slot) = out.iter_mut().find(|c| c.class == class) else {
                continue;
            };
            let frags = q.span.fragments();
            let key = (
                doc.id.as_str(),
                frags.first().map_or(0, |s| s.start),
                frags.last().map_or(0, |s| s.end),
            );
            slot.gold += 1;
            let was_missed = match missed.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => frags.is_empty(),
            };
            slot.matched += usize::from(!was_missed);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_fall_into_classes() {
        let lex = Lexicon::english();
        for (cue, class) in [
            (Some("said"), "speech verb"),
            (Some("has said"), "speech verb"),
            (Some("tweeted"), "writing verb"),
            (Some("believes"), "cognition verb"),
            (Some("According to"), "according to"),
            (Some(":"), "no cue"),
            (None, "no cue"),
            (Some("endorsed"), "other cue"),
        ] {
            assert_eq!(class_of(cue, &lex), class, "{cue:?}");
        }
    }
}
