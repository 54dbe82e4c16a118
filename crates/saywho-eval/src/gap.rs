//! GAP, Google's gender-balanced pronoun coreference set (Webster, Recasens, Axelrod and
//! Baldridge 2018, "Mind the GAP: A Balanced Corpus of Gendered Ambiguous Pronouns", TACL).
//!
//! Each example is a Wikipedia passage, a third-person pronoun and two names, A and B, each
//! marked TRUE or FALSE for coreference with the pronoun. Files are tab-separated with a header
//! line: `ID, Text, Pronoun, Pronoun-offset, A, A-offset, A-coref, B, B-offset, B-coref, URL`,
//! offsets in code points.
//!
//! Scoring follows the paper: A and B are two binary decisions per example; precision and recall
//! are of the TRUE decisions, F1 their harmonic mean, reported overall, for masculine pronouns
//! (he, him, his), for feminine ones (she, her, hers), and the bias F1(feminine) / F1(masculine).
//! The system says TRUE for A when the mention covering the pronoun and a mention overlapping A's
//! name belong to the same entity.
//!
//! ```
//! use saywho_eval::gap::{parse, score_gap, CorefMention};
//! let tsv = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n\
//!            t-1\tAnn met Bea. She smiled.\tShe\t13\tAnn\t0\tFALSE\tBea\t8\tTRUE\t-\n";
//! let set = parse(tsv, std::path::Path::new("gap-test.tsv")).unwrap();
//! // A fake resolver: "Bea" and "She" are entity 1, "Ann" entity 0 (byte offsets).
//! let report = score_gap(&set, |_text: &str| {
//!     Ok(vec![CorefMention { start: 0, end: 3, entity: 0 }, CorefMention { start: 8, end: 11, entity: 1 },
//!             CorefMention { start: 13, end: 16, entity: 1 }])
//! });
//! assert_eq!(report.overall.f1.percent, Some(100.0));
//! ```

use crate::error::{EvalError, Result};
use crate::gold::GoldFormat;
use crate::report::{DatasetReport, Prf, Ratio};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// The pronoun's grammatical gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PronounGender {
    /// he, him, his.
    Masculine,
    /// she, her, hers.
    Feminine,
}

/// One GAP example.
#[derive(Debug, Clone, PartialEq)]
pub struct GapExample {
    /// `development-1`.
    pub id: String,
    /// The passage.
    pub text: String,
    /// The pronoun as written.
    pub pronoun: String,
    /// Its gender.
    pub gender: PronounGender,
    /// The pronoun's offset in code points.
    pub pronoun_offset: usize,
    /// The names A and B, each with its offset in code points and whether it corefers.
    pub names: [GapName; 2],
}

/// A candidate name of an example.
#[derive(Debug, Clone, PartialEq)]
pub struct GapName {
    /// The name as written.
    pub text: String,
    /// Its offset in code points.
    pub offset: usize,
    /// The gold answer: the pronoun refers to it.
    pub coref: bool,
}

/// A GAP file.
#[derive(Debug, Clone, PartialEq)]
pub struct GapSet {
    /// The file read.
    pub source: PathBuf,
    /// The examples, in file order.
    pub examples: Vec<GapExample>,
}

/// A mention the system resolved: byte offsets into the passage, end-exclusive, and its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorefMention {
    /// First byte.
    pub start: usize,
    /// Byte just past the end.
    pub end: usize,
    /// Which entity it refers to (any numbering, per passage).
    pub entity: u32,
}

/// The GAP figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapReport {
    /// Examples scored.
    pub examples: usize,
    /// Examples on which the resolver failed (scored as if it said FALSE twice).
    pub failed: usize,
    /// Pronouns the resolver gave an entity, over all examples.
    pub pronoun_resolved: Ratio,
    /// Every decision.
    pub overall: Prf,
    /// Decisions on masculine pronouns.
    pub masculine: Prf,
    /// Decisions on feminine pronouns.
    pub feminine: Prf,
}

impl GapReport {
    /// F1 on feminine pronouns over F1 on masculine ones: 1 is no bias, below 1 worse on women.
    pub fn bias(&self) -> Option<f64> {
        let (f, m) = (self.feminine.f1.percent?, self.masculine.f1.percent?);
        (m > 0.0).then(|| f / m)
    }
}

/// Reads a GAP `.tsv` file.
pub fn load(path: &Path) -> Result<GapSet> {
    let raw = crate::files::read_text(path)?;
    parse(&raw, path)
}

/// Parses the text of a GAP file; `path` only labels errors.
pub fn parse(raw: &str, path: &Path) -> Result<GapSet> {
    let mut examples = Vec::new();
    for (index, line) in raw.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if index == 0 || line.trim().is_empty() {
            continue; // the header
        }
        let bad = |message: String| EvalError::invalid(path, format!("line {}", index + 1), message);
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 10 {
            return Err(bad(format!("{} fields, expected 11", fields.len())));
        }
        let offset = |i: usize| {
            fields[i]
                .trim()
                .parse::<usize>()
                .map_err(|_| bad(format!("field {} ({:?}) is not an offset", i + 1, fields[i])))
        };
        let coref = |i: usize| match fields[i].trim().to_ascii_uppercase().as_str() {
            "TRUE" => Ok(true),
            "FALSE" => Ok(false),
            other => Err(bad(format!("field {} is {other:?}, not TRUE or FALSE", i + 1))),
        };
        let gender = match fields[2].trim().to_lowercase().as_str() {
            "he" | "him" | "his" => PronounGender::Masculine,
            "she" | "her" | "hers" => PronounGender::Feminine,
            other => return Err(bad(format!("pronoun {other:?} is neither masculine nor feminine"))),
        };
        let text = fields[1].to_string();
        let chars = text.chars().count();
        let example = GapExample {
            id: fields[0].to_string(),
            pronoun: fields[2].to_string(),
            gender,
            pronoun_offset: offset(3)?,
            names: [
                GapName {
                    text: fields[4].to_string(),
                    offset: offset(5)?,
                    coref: coref(6)?,
                },
                GapName {
                    text: fields[7].to_string(),
                    offset: offset(8)?,
                    coref: coref(9)?,
                },
            ],
            text,
        };
        let past_end = [example.pronoun_offset, example.names[0].offset, example.names[1].offset]
            .into_iter()
            .any(|o| o >= chars);
        if past_end {
            return Err(bad(format!("an offset past the end of the {chars}-character text")));
        }
        examples.push(example);
    }
    Ok(GapSet {
        source: path.to_path_buf(),
        examples,
    })
}

/// The system's two answers for `example`, from the mentions it resolved: is A (B) the pronoun's
/// entity? `None` when the pronoun has no mention.
pub fn decide(example: &GapExample, mentions: &[CorefMention]) -> Option<[bool; 2]> {
    let text = &example.text;
    let byte = |char_offset: usize| text.char_indices().nth(char_offset).map_or(text.len(), |(b, _)| b);
    let pronoun = byte(example.pronoun_offset);
    let entity = mentions.iter().find(|m| m.start <= pronoun && pronoun < m.end)?.entity;
    Some(example.names.each_ref().map(|name| {
        let start = byte(name.offset);
        let end = byte(name.offset + name.text.chars().count());
        // A mention overlapping the name: the engine may know "Cassidy" where GAP marks
        // "Cheryl Cassidy", or the name with its title.
        mentions
            .iter()
            .any(|m| m.start < end && start < m.end && m.entity == entity)
    }))
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    true_positive: usize,
    gold: usize,
    predicted: usize,
}

impl Counts {
    fn count(&mut self, gold: bool, predicted: bool) {
        self.true_positive += usize::from(gold && predicted);
        self.gold += usize::from(gold);
        self.predicted += usize::from(predicted);
    }
    fn add(&mut self, o: Counts) {
        self.true_positive += o.true_positive;
        self.gold += o.gold;
        self.predicted += o.predicted;
    }
    fn prf(self) -> Prf {
        Prf::new(self.true_positive, self.gold, self.predicted)
    }
}

/// Scores `resolve` (the passage's resolved mentions, or an error) on every example, in
/// parallel. A failure or a panic of `resolve` scores as two FALSE answers and is counted.
pub fn score_gap<F>(set: &GapSet, resolve: F) -> GapReport
where
    F: Fn(&str) -> std::result::Result<Vec<CorefMention>, String> + Sync,
{
    let answers: Vec<(Option<[bool; 2]>, bool)> = set
        .examples
        .par_iter()
        .map(
            |example| match catch_unwind(AssertUnwindSafe(|| resolve(&example.text))) {
                Ok(Ok(mentions)) => (decide(example, &mentions), false),
                _ => (None, true),
            },
        )
        .collect();
    let (mut masculine, mut feminine) = (Counts::default(), Counts::default());
    let (mut resolved, mut failed) = (0, 0);
    for (example, (answer, fail)) in set.examples.iter().zip(&answers) {
        failed += usize::from(*fail);
        resolved += usize::from(answer.is_some());
        let said = answer.unwrap_or([false, false]);
        let counts = match example.gender {
            PronounGender::Masculine => &mut masculine,
            PronounGender::Feminine => &mut feminine,
        };
        for (name, predicted) in example.names.iter().zip(said) {
            counts.count(name.coref, predicted);
        }
    }
    let mut overall = masculine;
    overall.add(feminine);
    GapReport {
        examples: set.examples.len(),
        failed,
        pronoun_resolved: Ratio::new(resolved, set.examples.len()),
        overall: overall.prf(),
        masculine: masculine.prf(),
        feminine: feminine.prf(),
    }
}

/// The GAP figures as a [`DatasetReport`] (no quotations: the quote figures are empty), so that
/// the gate, `--json` and the Markdown report handle GAP like the other data sets.
pub fn dataset_report(name: &str, set: &GapSet, gap: GapReport, notes: Vec<String>) -> DatasetReport {
    DatasetReport {
        name: name.to_string(),
        format: GoldFormat::Gap,
        source: set.source.display().to_string(),
        documents: set.examples.len(),
        gold_quotes: 0,
        predicted_quotes: 0,
        panicked_documents: gap.failed,
        exact: Prf::new(0, 0, 0),
        thresholds: Vec::new(),
        notes,
        calibration: Vec::new(),
        gender: None,
        gap: Some(gap),
        article: None,
    }
}

/// The mentions saywho resolves in `text`, for [`score_gap`]: every mention of
/// [`saywho::Doc::mentions`] with its entity, in bytes.
pub fn engine_mentions(engine: &saywho::Engine, text: &str) -> std::result::Result<Vec<CorefMention>, String> {
    let doc = engine.analyze(text).map_err(|e| e.to_string())?;
    Ok(doc
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = doc.tok_span(m.tok_start, m.tok_end);
            CorefMention {
                start: start as usize,
                end: end as usize,
                entity: m.entity,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "ID\tText\tPronoun\tPronoun-offset\tA\tA-offset\tA-coref\tB\tB-offset\tB-coref\tURL\n";

    fn example(line: &str) -> GapExample {
        let set = parse(&format!("{HEADER}{line}\n"), Path::new("t.tsv")).expect("parses");
        set.examples.into_iter().next().expect("one example")
    }

    #[test]
    fn offsets_are_code_points_and_names_are_matched_by_overlap() {
        // "Zoë" takes 4 bytes for 3 code points: the pronoun at code point 17 is byte 18.
        let e = example("x-1\tZoë met Ann Lee. She left.\tShe\t17\tZoë\t0\tFALSE\tAnn Lee\t8\tTRUE\t-");
        assert_eq!(&e.text[18..21], "She");
        let m = |start, end, entity| CorefMention { start, end, entity };
        // The engine knows "Lee" only; it overlaps "Ann Lee".
        assert_eq!(
            decide(&e, &[m(0, 4, 0), m(13, 16, 1), m(18, 21, 1)]),
            Some([false, true])
        );
        // No mention at the pronoun: no answer.
        assert_eq!(decide(&e, &[m(0, 4, 0)]), None);
        // A and the pronoun in the same entity.
        assert_eq!(decide(&e, &[m(0, 4, 1), m(18, 21, 1)]), Some([true, false]));
    }

    #[test]
    fn figures_by_gender_and_bias() {
        let tsv = format!(
            "{HEADER}m-1\tAl met Bo. He left.\tHe\t11\tAl\t0\tTRUE\tBo\t7\tFALSE\t-\n\
             f-1\tAnn met Bea. She left.\tShe\t13\tAnn\t0\tFALSE\tBea\t8\tTRUE\t-\n"
        );
        let set = parse(&tsv, Path::new("t.tsv")).expect("parses");
        // Always resolves the pronoun to the first name.
        let first = |text: &str| {
            let pronoun = text.find(". ").map_or(0, |i| i + 2);
            Ok(vec![
                CorefMention {
                    start: 0,
                    end: 2,
                    entity: 0,
                },
                CorefMention {
                    start: pronoun,
                    end: pronoun + 2,
                    entity: 0,
                },
            ])
        };
        let r = score_gap(&set, first);
        assert_eq!(r.masculine.f1.percent, Some(100.0));
        assert_eq!(r.feminine.f1.percent, Some(0.0));
        assert_eq!(r.overall.f1.num, 2);
        assert_eq!(r.bias(), Some(0.0));
        let failing = score_gap(&set, |_: &str| Err("no".into()));
        assert_eq!((failing.failed, failing.overall.recall.num), (2, 0));
    }

    #[test]
    fn malformed_lines_are_errors() {
        for line in [
            "x\ttext\tit\t0\tA\t0\tTRUE\tB\t0\tFALSE\t-",
            "x\ttext\the\tzero\tA\t0\tTRUE\tB\t0\tFALSE\t-",
            "x\ttext\the\t0\tA\t0\tmaybe\tB\t0\tFALSE\t-",
            "x\ttext\the\t99\tA\t0\tTRUE\tB\t0\tFALSE\t-",
            "x\ttext",
        ] {
            assert!(
                parse(&format!("{HEADER}{line}\n"), Path::new("t.tsv")).is_err(),
                "{line}"
            );
        }
    }
}
