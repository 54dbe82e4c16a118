//! Pathological documents for the time-complexity benchmark (`saywho bench --pathological`):
//! single documents made of one pattern repeated up to a size, to check that the engine's time
//! grows linearly with a document's length and that no document under the size limit holds a
//! worker for long.
//!
//! Each generator is deterministic: the same size gives the same text.

use serde::{Deserialize, Serialize};
use std::time::Instant;

/// A family of pathological documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Generator {
    /// "Bakemo Tirasu said that the plan 17 works." with a new person in every sentence:
    /// many entities, each a speaker.
    SaidThat,
    /// The same sentences without a cue ("… visited the plan 17 site."): many names, no quote.
    NamesOnly,
    /// Ordinary news prose (the corpus given) joined into one document.
    Prose,
    /// Guillemets and curly quotes, opened and closed out of step.
    MixedMarks,
    /// The prose with carriage returns as the only line ends.
    CrOnly,
}

impl Generator {
    /// Every generator, in report order.
    pub const ALL: [Generator; 5] = [
        Generator::SaidThat,
        Generator::NamesOnly,
        Generator::Prose,
        Generator::MixedMarks,
        Generator::CrOnly,
    ];

    /// The generator's name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Generator::SaidThat => "said_that",
            Generator::NamesOnly => "names_only",
            Generator::Prose => "prose",
            Generator::MixedMarks => "mixed_marks",
            Generator::CrOnly => "cr_only",
        }
    }

    /// A document of about `bytes` bytes (never more), built from `prose` where the family
    /// needs real text. `None` when it needs prose and `prose` is empty.
    ///
    /// ```
    /// use saywho_eval::pathological::Generator;
    /// let doc = Generator::SaidThat.generate(2_000, &[]).unwrap();
    /// assert!(doc.len() <= 2_000 && doc.len() > 1_500);
    /// assert!(doc.contains(" said that the plan "));
    /// assert_eq!(doc, Generator::SaidThat.generate(2_000, &[]).unwrap());
    /// ```
    pub fn generate(self, bytes: usize, prose: &[&str]) -> Option<String> {
        let mut out = String::with_capacity(bytes + 256);
        let mut i = 0usize;
        loop {
            let piece = match self {
                Generator::SaidThat => sentence(i, "said that the plan", "works."),
                Generator::NamesOnly => sentence(i, "visited the plan", "site."),
                Generator::MixedMarks => marks(i),
                Generator::Prose | Generator::CrOnly => {
                    let text = prose.get(i % prose.len().max(1))?;
                    let text = if self == Generator::CrOnly {
                        text.replace("\r\n", "\r").replace('\n', "\r")
                    } else {
                        text.to_string()
                    };
                    let end = if self == Generator::CrOnly { "\r\r" } else { "\n\n" };
                    text + end
                }
            };
            if out.len() + piece.len() > bytes {
                break;
            }
            out.push_str(&piece);
            i += 1;
        }
        Some(out)
    }
}

/// A made-up name from `i`: distinct for every `i`, shaped like a name ("Bakemo").
fn name(mut i: usize, syllables: usize) -> String {
    const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let mut s = String::new();
    for k in 0..syllables {
        let c = CONSONANTS[i % CONSONANTS.len()];
        i /= CONSONANTS.len();
        let v = VOWELS[i % VOWELS.len()];
        i /= VOWELS.len();
        s.push(if k == 0 { c.to_ascii_uppercase() } else { c } as char);
        s.push(v as char);
    }
    s
}

/// "First Last <middle> <i> <end>", ten to a paragraph.
fn sentence(i: usize, middle: &str, end: &str) -> String {
    let gap = if i % 10 == 9 { "\n\n" } else { " " };
    format!(
        "{} {} {middle} {i} {end}{gap}",
        name(i, 3),
        name(i.wrapping_mul(7919), 3)
    )
}

/// Quotation marks of two traditions, opened and closed out of step.
fn marks(i: usize) -> String {
    let who = name(i, 3);
    match i % 4 {
        0 => format!("«The plan {i} works,” {who} said. "),
        1 => format!("“It will not last »,  {who} told reporters. "),
        2 => format!("« Nothing, » said {who}, “ever changes. "),
        _ => format!("{who} said: « we go on » and “ then\n\n"),
    }
}

/// One measured document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathologicalRun {
    /// The generator.
    pub generator: Generator,
    /// The multiple of the base size.
    pub scale: usize,
    /// The document's size.
    pub bytes: usize,
    /// Seconds to extract it (one thread), or `None` when skipped because a smaller one was
    /// already over the time cap.
    pub seconds: Option<f64>,
    /// Quotes found.
    pub quotes: usize,
    /// Whether the engine returned an error (over its limit or its work budget).
    pub error: Option<String>,
}

/// Measures every generator at `base_bytes` × each of `scales` (one run each, one thread).
/// A series stops once a run takes longer than `cap_seconds`: the larger sizes would only take
/// longer, and the benchmark must end.
pub fn run_pathological<F>(
    base_bytes: usize,
    scales: &[usize],
    cap_seconds: f64,
    prose: &[&str],
    extract: F,
) -> Vec<PathologicalRun>
where
    F: Fn(&str) -> Result<usize, String>,
{
    let mut runs = Vec::new();
    for generator in Generator::ALL {
        let mut over_cap = false;
        for &scale in scales {
            let Some(text) = generator.generate(base_bytes * scale, prose) else {
                continue;
            };
            let mut run = PathologicalRun {
                generator,
                scale,
                bytes: text.len(),
                seconds: None,
                quotes: 0,
                error: None,
            };
            if !over_cap {
                let start = Instant::now();
                match extract(&text) {
                    Ok(quotes) => run.quotes = quotes,
                    Err(e) => run.error = Some(e),
                }
                let seconds = start.elapsed().as_secs_f64();
                over_cap = seconds > cap_seconds;
                run.seconds = Some(seconds);
            }
            runs.push(run);
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generator_fills_its_size_and_names_differ() {
        let prose = ["One paragraph of prose.\nAnd a second line."];
        for g in Generator::ALL {
            let doc = g.generate(10_000, &prose).unwrap();
            assert!(doc.len() <= 10_000 && doc.len() > 9_000, "{} {}", g.name(), doc.len());
        }
        assert!(Generator::Prose.generate(1000, &[]).is_none());
        assert!(!Generator::CrOnly.generate(1000, &prose).unwrap().contains('\n'));
        assert_ne!(name(1, 3), name(2, 3));
    }

    #[test]
    fn a_series_stops_after_a_run_over_the_cap() {
        let runs = run_pathological(1000, &[1, 2], 0.0, &[], |_| Ok(0));
        // Prose families are left out without prose; the rest run once, then skip.
        assert_eq!(runs.len(), 6);
        assert!(runs.iter().filter(|r| r.scale == 2).all(|r| r.seconds.is_none()));
    }
}
