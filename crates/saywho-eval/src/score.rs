//! Scoring an extractor against a gold set: documents run in parallel (rayon), each one is
//! matched and tallied on its own, and the tallies are summed in document order.

use crate::calibration::Calibration;
use crate::gender::GenderTally;
use crate::gold::{GoldDocument, GoldQuote, GoldSet};
use crate::matching::{exact_matches, match_quotes, Match};
use crate::names::same_speaker;
use crate::report::{DatasetReport, Prf, Ratio, ThresholdReport};
use crate::span::{CharIndex, Span, SpanSet};
use rayon::prelude::*;
use saywho::{QuoteRecord, Record};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How to score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreOptions {
    /// The dataset's label in the report.
    pub name: String,
    /// Overlap thresholds to score at.
    pub thresholds: Vec<f64>,
    /// Collect the misses, false alarms and wrong speakers at this threshold.
    pub errors_at: Option<f64>,
}

impl Default for ScoreOptions {
    /// Both GGT thresholds (0.3 and 0.8), no error list.
    fn default() -> ScoreOptions {
        ScoreOptions {
            name: "gold".into(),
            thresholds: vec![0.3, 0.8],
            errors_at: None,
        }
    }
}

/// What went wrong on one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A gold quote no prediction matches.
    Miss,
    /// A prediction that matches no gold quote.
    FalseAlarm,
    /// A matched quote given to the wrong speaker (resolved name where the gold has one,
    /// otherwise the speaker mention).
    WrongSpeaker,
}

/// One miss, false alarm or wrong speaker, with enough context for a person to judge it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorItem {
    /// The document's id.
    pub document: String,
    /// What went wrong.
    pub kind: ErrorKind,
    /// Start of the quote (the gold one, except for false alarms).
    pub start: usize,
    /// End of the quote.
    pub end: usize,
    /// The quote's text.
    pub text: String,
    /// Up to 80 characters before it.
    pub before: String,
    /// Up to 80 characters after it.
    pub after: String,
    /// The gold speaker (resolved name, else the mention's text).
    pub gold_speaker: Option<String>,
    /// The predicted speaker's name, with its mention when it differs.
    pub predicted_speaker: Option<String>,
}

/// The result of [`score`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The figures.
    pub report: DatasetReport,
    /// The error list, when [`ScoreOptions::errors_at`] asked for one; in document order.
    pub errors: Vec<ErrorItem>,
}

/// Characters of context on each side of an error.
const CONTEXT: usize = 80;

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    num: usize,
    den: usize,
}

impl Tally {
    fn count(&mut self, right: bool) {
        self.den += 1;
        self.num += usize::from(right);
    }
    fn add(&mut self, other: Tally) {
        self.num += other.num;
        self.den += other.den;
    }
    fn ratio(self) -> Ratio {
        Ratio::new(self.num, self.den)
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct ThresholdTally {
    matched: usize,
    speaker_mention: Tally,
    resolved_speaker: Tally,
    who_said_what: usize,
    cue: Tally,
    channel: Tally,
    kind: Tally,
}

impl ThresholdTally {
    fn add(&mut self, o: &ThresholdTally) {
        self.matched += o.matched;
        self.speaker_mention.add(o.speaker_mention);
        self.resolved_speaker.add(o.resolved_speaker);
        self.who_said_what += o.who_said_what;
        self.cue.add(o.cue);
        self.channel.add(o.channel);
        self.kind.add(o.kind);
    }
}

#[derive(Debug, Default)]
struct DocumentTally {
    gold: usize,
    predicted: usize,
    exact: usize,
    panicked: bool,
    thresholds: Vec<ThresholdTally>,
    errors: Vec<ErrorItem>,
    calibration: Calibration,
    gender: Option<GenderTally>,
}

/// A predicted item: one quote, or the fragments of one group merged.
struct Predicted<'r> {
    span: SpanSet,
    quote: &'r QuoteRecord,
}

/// Scores `extract` (called as `extract(id, text)` on every document, in parallel) against
/// `gold`. A panic inside `extract` is caught: that document scores as if nothing was found
/// and is counted in [`DatasetReport::panicked_documents`].
pub fn score<F>(gold: &GoldSet, options: &ScoreOptions, extract: F) -> Scored
where
    F: Fn(&str, &str) -> Record + Sync,
{
    let tallies: Vec<DocumentTally> = gold
        .documents
        .par_iter()
        .map(|document| score_document(gold, document, options, &extract))
        .collect();
    let mut totals = vec![ThresholdTally::default(); options.thresholds.len()];
    let (mut gold_count, mut predicted, mut exact, mut panicked) = (0, 0, 0, 0);
    let mut errors = Vec::new();
    let mut calibration = Calibration::default();
    let mut gender: Option<GenderTally> = None;
    for tally in tallies {
        if let Some(part) = &tally.gender {
            gender.get_or_insert_with(GenderTally::default).add(part);
        }
        calibration.merge(&tally.calibration);
        gold_count += tally.gold;
        predicted += tally.predicted;
        exact += tally.exact;
        panicked += usize::from(tally.panicked);
        for (total, part) in totals.iter_mut().zip(&tally.thresholds) {
            total.add(part);
        }
        errors.extend(tally.errors);
    }
    let annotated = gold.annotations;
    let thresholds = options
        .thresholds
        .iter()
        .zip(totals)
        .map(|(&threshold, t)| ThresholdReport {
            threshold,
            matched: t.matched,
            quote: Prf::new(t.matched, gold_count, predicted),
            speaker_mention: annotated.speaker_mention.then(|| t.speaker_mention.ratio()),
            resolved_speaker: annotated.resolved_speaker.then(|| t.resolved_speaker.ratio()),
            who_said_what: annotated
                .resolved_speaker
                .then(|| Prf::new(t.who_said_what, gold_count, predicted)),
            cue: annotated.cue.then(|| t.cue.ratio()),
            channel: annotated.channel.then(|| t.channel.ratio()),
            kind: annotated.kind.then(|| t.kind.ratio()),
        })
        .collect();
    let mut notes = gold.notes.clone();
    if panicked > 0 {
        notes.push(format!("the extractor panicked on {panicked} documents"));
    }
    let report = DatasetReport {
        name: options.name.clone(),
        format: gold.format,
        source: gold.source.display().to_string(),
        documents: gold.documents.len(),
        gold_quotes: gold_count,
        predicted_quotes: predicted,
        panicked_documents: panicked,
        exact: Prf::new(exact, gold_count, predicted),
        thresholds,
        notes,
        calibration: calibration.bins(),
        gender: gender.map(|g| g.report()),
        gap: None,
        article: None,
    };
    Scored { report, errors }
}

fn score_document<F>(gold: &GoldSet, document: &GoldDocument, options: &ScoreOptions, extract: &F) -> DocumentTally
where
    F: Fn(&str, &str) -> Record + Sync,
{
    let (record, panicked) = match catch_unwind(AssertUnwindSafe(|| extract(&document.id, &document.text))) {
        Ok(record) => (record, false),
        Err(_) => (Record::new(document.id.clone(), vec![], vec![]), true),
    };
    let predicted = predicted_items(&record, gold.merge_predicted_groups);
    let gold_spans: Vec<SpanSet> = document.quotes.iter().map(|q| q.span.clone()).collect();
    let predicted_spans: Vec<SpanSet> = predicted.iter().map(|p| p.span.clone()).collect();

    let chars: Vec<char> = document.text.chars().collect();
    let gold_exact: Vec<SpanSet> = gold_spans.iter().map(|s| s.trimmed(&chars)).collect();
    let predicted_exact: Vec<SpanSet> = predicted_spans.iter().map(|s| s.trimmed(&chars)).collect();

    let mut tally = DocumentTally {
        gold: gold_spans.len(),
        predicted: predicted_spans.len(),
        exact: exact_matches(&gold_exact, &predicted_exact),
        panicked,
        gender: document.sources.as_ref().map(|s| GenderTally::of_record(s, &record)),
        ..DocumentTally::default()
    };
    for (i, &threshold) in options.thresholds.iter().enumerate() {
        let matches = match_quotes(&gold_spans, &predicted_spans, threshold);
        if i == 0 {
            tally.calibration = calibrate(document, &predicted, &matches);
        }
        let mut t = ThresholdTally {
            matched: matches.len(),
            ..ThresholdTally::default()
        };
        for m in &matches {
            tally_match(&mut t, &document.quotes[m.gold], predicted[m.predicted].quote);
        }
        tally.thresholds.push(t);
    }
    if let Some(threshold) = options.errors_at {
        let matches = match_quotes(&gold_spans, &predicted_spans, threshold);
        tally.errors = list_errors(gold, document, &predicted, &matches);
    }
    tally
}

/// Each predicted item's confidence, and whether it matched and had the right speaker.
fn calibrate(document: &GoldDocument, predicted: &[Predicted<'_>], matches: &[Match]) -> Calibration {
    let mut gold_of = vec![None; predicted.len()];
    for m in matches {
        gold_of[m.predicted] = Some(m.gold);
    }
    let mut calibration = Calibration::default();
    for (p, item) in predicted.iter().enumerate() {
        let quote = item.quote;
        // The resolved name where the gold has one, else its speaker mention (PolNeAR).
        let speaker_right = gold_of[p].is_some_and(|g| {
            let gold = &document.quotes[g];
            match (&gold.speaker, gold.speaker_mention) {
                (Some(name), _) => quote.speaker.as_ref().is_some_and(|s| same_speaker(name, &s.name)),
                (None, Some(mention)) => mention_overlaps(mention, quote),
                (None, None) => quote.speaker.is_none(),
            }
        });
        calibration.count(quote.confidence, gold_of[p].is_some(), speaker_right);
    }
    calibration
}

/// Adds one matched pair to the accuracies.
fn tally_match(t: &mut ThresholdTally, gold: &GoldQuote, predicted: &QuoteRecord) {
    if let Some(gold_mention) = gold.speaker_mention {
        t.speaker_mention.count(mention_overlaps(gold_mention, predicted));
    }
    match &gold.speaker {
        Some(name) => {
            let right = predicted.speaker.as_ref().is_some_and(|s| same_speaker(name, &s.name));
            t.resolved_speaker.count(right);
            t.who_said_what += usize::from(right);
        }
        // A gold quote nobody is credited with is right only when no one is predicted either.
        None => t.who_said_what += usize::from(predicted.speaker.is_none()),
    }
    if let Some(cue) = &gold.cue {
        let right = predicted.cue.as_ref().is_some_and(|c| same_cue(&c.text, cue));
        t.cue.count(right);
    }
    if let Some(channel) = &gold.channel {
        let right = predicted
            .channel
            .as_ref()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case(channel));
        t.channel.count(right);
    }
    if let Some(kind) = &gold.kind {
        t.kind.count(predicted.kind.as_str().eq_ignore_ascii_case(kind.trim()));
    }
}

/// Cues agree when their lower-cased words are equal (runs of white space count as one space).
fn same_cue(predicted: &str, gold: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    words(predicted) == words(gold)
}

fn mention_overlaps(gold: Span, predicted: &QuoteRecord) -> bool {
    let mention = predicted.speaker.as_ref().and_then(|s| s.mention.as_ref());
    mention.is_some_and(|m| {
        m.end > m.start
            && Span {
                start: m.start,
                end: m.end,
            }
            .intersection_len(&gold)
                > 0
    })
}

/// The predicted items of `record`, in text order. With `merge_groups`, quotes that share a
/// group become one item (its first fragment speaks for its speaker, cue and kind), even when
/// another quote sits between the fragments.
fn predicted_items(record: &Record, merge_groups: bool) -> Vec<Predicted<'_>> {
    let mut quotes: Vec<&QuoteRecord> = record.quotes.iter().collect();
    quotes.sort_by_key(|q| (q.start, q.end));
    let mut items: Vec<(Vec<Span>, &QuoteRecord)> = Vec::new();
    let mut item_of_group: HashMap<usize, usize> = HashMap::new();
    for quote in quotes {
        // An inverted span (an engine bug) covers nothing, so it can only be a false alarm.
        let span = Span::new(quote.start, quote.end).unwrap_or(Span {
            start: quote.start,
            end: quote.start,
        });
        match item_of_group.get(&quote.group) {
            Some(&index) if merge_groups => items[index].0.push(span),
            _ => {
                item_of_group.insert(quote.group, items.len());
                items.push((vec![span], quote));
            }
        }
    }
    items
        .into_iter()
        .map(|(fragments, quote)| Predicted {
            span: SpanSet::from_fragments(fragments),
            quote,
        })
        .collect()
}

fn list_errors(
    gold: &GoldSet,
    document: &GoldDocument,
    predicted: &[Predicted<'_>],
    matches: &[Match],
) -> Vec<ErrorItem> {
    let index = CharIndex::new(&document.text);
    let mut gold_matched = vec![None; document.quotes.len()];
    let mut predicted_matched = vec![false; predicted.len()];
    for m in matches {
        gold_matched[m.gold] = Some(m.predicted);
        predicted_matched[m.predicted] = true;
    }
    let item = |kind, span: Option<Span>, gold_speaker, predicted_speaker| {
        let (start, end) = span.map_or((0, 0), |s| (s.start, s.end));
        ErrorItem {
            document: document.id.clone(),
            kind,
            start,
            end,
            text: index.slice(start, end).to_string(),
            before: index.slice(start.saturating_sub(CONTEXT), start).to_string(),
            after: index.slice(end, end + CONTEXT).to_string(),
            gold_speaker,
            predicted_speaker,
        }
    };
    let mut errors = Vec::new();
    for (g, quote) in document.quotes.iter().enumerate() {
        let gold_speaker = quote.speaker.clone().or_else(|| quote.speaker_mention_text.clone());
        match gold_matched[g] {
            None => errors.push(item(ErrorKind::Miss, quote.span.hull(), gold_speaker, None)),
            Some(p) => {
                let record = predicted[p].quote;
                let wrong = if gold.annotations.resolved_speaker {
                    quote
                        .speaker
                        .as_ref()
                        .is_some_and(|name| !record.speaker.as_ref().is_some_and(|s| same_speaker(name, &s.name)))
                } else {
                    quote.speaker_mention.is_some_and(|m| !mention_overlaps(m, record))
                };
                if wrong {
                    let hull = quote.span.hull();
                    errors.push(item(ErrorKind::WrongSpeaker, hull, gold_speaker, describe(record)));
                }
            }
        }
    }
    for (p, item_predicted) in predicted.iter().enumerate() {
        if !predicted_matched[p] {
            let hull = item_predicted.span.hull();
            errors.push(item(ErrorKind::FalseAlarm, hull, None, describe(item_predicted.quote)));
        }
    }
    // Stable: at one position the gold quote's entry comes before a prediction's.
    errors.sort_by_key(|e| e.start);
    errors
}

/// `name`, or `name (mention)` when the mention says something else.
fn describe(quote: &QuoteRecord) -> Option<String> {
    let speaker = quote.speaker.as_ref()?;
    Some(match &speaker.mention {
        Some(m) if m.text != speaker.name => format!("{} (\"{}\")", speaker.name, m.text),
        _ => speaker.name.clone(),
    })
}
