//! Markdown bodies of `docs/ACCURACY.md` and `docs/PERFORMANCE.md`, rendered from reports, with
//! the published figures beside ours. `scripts/gen-reports` adds the date, commit and machine.

use crate::bench::BenchReport;
use crate::gender::GenderReport;
use crate::gold::GoldFormat;
use crate::report::{DatasetReport, Prf, Ratio, ThresholdReport, PRF_PARTS};
use std::fmt::Write;

/// `83.7 (123/147)`, `– (0/0)` for an empty denominator, `n/a` when not annotated.
pub fn ratio_cell(ratio: Option<&Ratio>) -> String {
    match ratio {
        None => "n/a".into(),
        Some(Ratio {
            num,
            den,
            percent: Some(p),
        }) => format!("{p:.1} ({num}/{den})"),
        Some(Ratio {
            num,
            den,
            percent: None,
        }) => format!("– ({num}/{den})"),
    }
}

/// The percentage alone, for summary tables.
fn percent_cell(ratio: Option<&Ratio>) -> String {
    match ratio {
        None => "n/a".into(),
        Some(r) => r.percent.map_or_else(|| "–".into(), |p| format!("{p:.1}")),
    }
}

/// The body of `docs/ACCURACY.md`: the quotation data sets' figures, the gender of the people
/// quoted (GGT) and pronoun coreference (GAP).
pub fn accuracy(all: &[DatasetReport]) -> String {
    // GAP and HTML pages have no quotations: each has its own section, not a row of zeros in
    // the quote tables.
    let (others, quotes): (Vec<DatasetReport>, Vec<DatasetReport>) = all
        .iter()
        .cloned()
        .partition(|r| matches!(r.format, GoldFormat::Gap | GoldFormat::Html));
    let (gaps, htmls): (Vec<DatasetReport>, Vec<DatasetReport>) =
        others.into_iter().partition(|r| r.format == GoldFormat::Gap);
    let reports = &quotes[..];
    let mut out = String::new();
    out.push_str("## Headline figures\n\n");
    out.push_str(
        "Percentages; overlap thresholds 0.3 (lenient) and 0.8 (strict). Definitions: \
         [EVALUATION.md](EVALUATION.md).\n\n",
    );
    out.push_str(
        "| dataset | docs | gold | predicted | quote F1 @0.3 | quote F1 @0.8 | exact F1 | \
         speaker mention @0.3 | resolved speaker @0.3 | who-said-what F1 @0.3 | cue @0.3 |\n",
    );
    out.push_str("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for r in reports {
        let at = r.at(0.3);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.name,
            r.documents,
            r.gold_quotes,
            r.predicted_quotes,
            percent_cell(at.map(|t| &t.quote.f1)),
            percent_cell(r.at(0.8).map(|t| &t.quote.f1)),
            percent_cell(Some(&r.exact.f1)),
            percent_cell(at.and_then(|t| t.speaker_mention.as_ref())),
            percent_cell(at.and_then(|t| t.resolved_speaker.as_ref())),
            percent_cell(at.and_then(|t| t.who_said_what.as_ref()).map(|p| &p.f1)),
            percent_cell(at.and_then(|t| t.cue.as_ref())),
        );
    }
    out.push_str("\n## Published figures beside ours\n\n");
    out.push_str(&published(reports));
    out.push_str(&gender_section(reports));
    out.push_str(&gap_section(&gaps));
    out.push_str(&article_section(&htmls));
    for r in reports {
        out.push('\n');
        out.push_str(&dataset_detail(r));
    }
    out
}

fn published(reports: &[DatasetReport]) -> String {
    let find = |format| reports.iter().find(|r| r.format == format);
    let f1_at = |r: &DatasetReport, t| percent_cell(r.at(t).map(|a| &a.quote.f1));
    let mut out = String::new();
    out.push_str("| system | data | quote F1 @0.3 | quote F1 @0.8 | speaker | how matched |\n");
    out.push_str("|---|---|--:|--:|--:|---|\n");
    out.push_str(
        "| Gender Gap Tracker V5.3 (Asr et al. 2021, PLOS ONE 16(1): e0245533) | GGT, all 98 \
         articles | 83.7 | 76.1 | 86.0 (mention overlap @0.3) | character overlap of the gold \
         span, one-to-one |\n",
    );
    if let Some(r) = find(GoldFormat::Ggt) {
        let _ = writeln!(
            out,
            "| saywho | {} ({} articles, the development half) | {} | {} | {} (mention overlap @0.3) | same |",
            r.name,
            r.documents,
            f1_at(r, 0.3),
            f1_at(r, 0.8),
            percent_cell(r.at(0.3).and_then(|t| t.speaker_mention.as_ref())),
        );
    }
    out.push_str(
        "| BERT-CofeNet (COLING 2022, Table 6) | PolNeAR test | content 72.9 | – | source 83.2 | \
         exact match, sentence level |\n",
    );
    if let Some(r) = find(GoldFormat::Polnear) {
        let _ = writeln!(
            out,
            "| saywho | {} ({} articles) | content {} | content {} | source mention {} (@0.3) | \
             document-level overlap: **not directly comparable** |",
            r.name,
            r.documents,
            f1_at(r, 0.3),
            f1_at(r, 0.8),
            percent_cell(r.at(0.3).and_then(|t| t.speaker_mention.as_ref())),
        );
    }
    out.push_str(
        "\nThe GGT figures were published on all 98 annotated articles; ours use the 48-article \
         development half (the rest is a blind test set). CofeNet extracts from single sentences \
         and counts exact span matches; we extract from whole articles and match by overlap.\n",
    );
    out
}

/// The people quoted by gender, beside the Gender Gap Tracker's own figures.
fn gender_section(reports: &[DatasetReport]) -> String {
    let mut out = String::new();
    let with_gender: Vec<(&DatasetReport, &GenderReport)> = reports
        .iter()
        .filter_map(|r| r.gender.as_ref().map(|g| (r, g)))
        .collect();
    if with_gender.is_empty() {
        return out;
    }
    out.push_str("\n## The people quoted, by gender\n\n");
    out.push_str(
        "Sources are the named people who speak at least one quote; per article, the system's \
         women (men) are matched by name to the annotators' female (male) sources; counts summed \
         over articles. Female share: women over women and men (in brackets: over all sources, \
         those of unknown gender counted).\n\n",
    );
    out.push_str(
        "| system | data | female P | female R | female F1 | male P | male R | male F1 | \
         female share (gold) | female share (system) | gender from first name |\n",
    );
    out.push_str("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    out.push_str(
        "| Gender Gap Tracker V5.3 (`evaluate_ner_and_gender.py`, README.eval.md) | GGT, all 98 \
         articles | 94.6 | 64.6 | 76.8 | 87.7 | 76.5 | 81.7 | – | 23.8 (of all) | – |\n",
    );
    for (r, g) in with_gender {
        let p = |x: &Ratio| percent_cell(Some(x));
        let _ = writeln!(
            out,
            "| saywho | {} ({} articles) | {} | {} | {} | {} | {} | {} | {} ({}) | {} ({}) | {} |",
            r.name,
            r.documents,
            p(&g.female.precision),
            p(&g.female.recall),
            p(&g.female.f1),
            p(&g.male.precision),
            p(&g.male.recall),
            p(&g.male.f1),
            p(&g.gold_female_share),
            p(&g.gold_female_share_with_unknown),
            p(&g.system_female_share),
            p(&g.system_female_share_with_unknown),
            ratio_cell(Some(&g.gender_from_name)),
        );
    }
    out
}

/// GAP pronoun coreference, beside the GAP paper's best baseline.
fn gap_section(gaps: &[DatasetReport]) -> String {
    let mut out = String::new();
    if gaps.is_empty() {
        return out;
    }
    out.push_str("\n## Pronoun coreference (GAP)\n\n");
    out.push_str(
        "F1 of the TRUE decisions (is name A, is name B, the pronoun's antecedent), overall and \
         for masculine and feminine pronouns; bias = F1 feminine / F1 masculine.\n\n",
    );
    out.push_str("| system | data | overall F1 | masculine F1 | feminine F1 | bias | pronoun resolved |\n");
    out.push_str("|---|---|--:|--:|--:|--:|--:|\n");
    out.push_str(
        "| syntactic parallelism, the GAP paper's best baseline (Webster et al. 2018, TACL) | \
         GAP test, snippet context | 66.9 | 69.4 | 64.4 | 0.93 | – |\n",
    );
    for r in gaps {
        let Some(g) = &r.gap else { continue };
        let _ = writeln!(
            out,
            "| saywho | {} ({} examples) | {} | {} | {} | {} | {} |",
            r.name,
            g.examples,
            ratio_cell(Some(&g.overall.f1)),
            ratio_cell(Some(&g.masculine.f1)),
            ratio_cell(Some(&g.feminine.f1)),
            g.bias().map_or_else(|| "–".to_string(), |b| format!("{b:.2}")),
            percent_cell(Some(&g.pronoun_resolved)),
        );
    }
    out.push_str(
        "\nThe baseline was measured on GAP's test split, which is held out here; ours are the \
         development and validation splits.\n",
    );
    out
}

/// Main text from HTML pages, beside the published figures of other extractors.
fn article_section(htmls: &[DatasetReport]) -> String {
    let mut out = String::new();
    if htmls.is_empty() {
        return out;
    }
    out.push_str("\n## Main text of HTML pages (article-extraction benchmark)\n\n");
    out.push_str(
        "The benchmark's metric (scrapinghub/article-extraction-benchmark, `evaluate.py`): per \
         page, shingles of 4 consecutive `\\w+` tokens of the true and the extracted body, \
         matched as multisets; precision and recall averaged over pages, F1 of the two averages; \
         accuracy = pages whose token sequences are identical. A lost page (an extraction \
         error) counts as an empty prediction: recall 0, no precision.\n\n",
    );
    out.push_str("| system | data | F1 | precision | recall | accuracy | pages lost |\n");
    out.push_str("|---|---|--:|--:|--:|--:|--:|\n");
    for r in htmls {
        let Some(a) = &r.article else { continue };
        let f = &a.figures;
        let _ = writeln!(
            out,
            "| saywho | {} ({} pages) | {:.3} | {:.3} | {:.3} | {:.3} | {} |",
            r.name, a.pages, f.f1, f.precision, f.recall, f.accuracy, a.lost
        );
    }
    out.push_str(
        "| rs_trafilatura (benchmark README) | all 181 pages | 0.970 | – | – | – | – |\n\
         | trafilatura 2.0, Python (benchmark README) | all 181 pages | 0.958 | – | – | – | – |\n\
         | go-readability (benchmark README) | all 181 pages | 0.947 | – | – | – | – |\n\
         | dom_smoothie (benchmark README) | all 181 pages | 0.865 | – | – | – | – |\n",
    );
    out.push_str(
        "\nOur pages are 91 of the benchmark's 181; the other 90 are held out, so the published \
         figures are beside ours, not directly comparable.\n",
    );
    out
}

fn prf_rows(out: &mut String, label: &str, cells: &[Option<&Prf>]) {
    for (part, pick) in PRF_PARTS {
        let row: Vec<String> = cells.iter().map(|c| ratio_cell(c.map(pick))).collect();
        let _ = writeln!(out, "| {label} {part} | {} |", row.join(" | "));
    }
}

/// The full table of one dataset: every metric at every threshold, with counts.
pub fn dataset_detail(r: &DatasetReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### {} ({}: `{}`)\n", r.name, r.format, r.source);
    let _ = writeln!(
        out,
        "{} documents, {} gold quotes, {} predicted, {} extractor panics. Exact-span F1: {}.\n",
        r.documents,
        r.gold_quotes,
        r.predicted_quotes,
        r.panicked_documents,
        ratio_cell(Some(&r.exact.f1))
    );
    let heads: Vec<String> = r.thresholds.iter().map(|t| format!("@{}", t.threshold)).collect();
    let _ = writeln!(out, "| metric | {} |", heads.join(" | "));
    let _ = writeln!(out, "|---|{}", "--:|".repeat(heads.len()));
    let matched: Vec<String> = r.thresholds.iter().map(|t| t.matched.to_string()).collect();
    let _ = writeln!(out, "| matched | {} |", matched.join(" | "));
    let quotes: Vec<Option<&Prf>> = r.thresholds.iter().map(|t| Some(&t.quote)).collect();
    prf_rows(&mut out, "quote", &quotes);
    type Accuracy = fn(&ThresholdReport) -> Option<&Ratio>;
    let accuracies: [(&str, Accuracy); 5] = [
        ("speaker mention", |t| t.speaker_mention.as_ref()),
        ("resolved speaker", |t| t.resolved_speaker.as_ref()),
        ("cue", |t| t.cue.as_ref()),
        ("channel", |t| t.channel.as_ref()),
        ("kind", |t| t.kind.as_ref()),
    ];
    for (label, pick) in accuracies {
        let row: Vec<String> = r.thresholds.iter().map(|t| ratio_cell(pick(t))).collect();
        let _ = writeln!(out, "| {label} accuracy | {} |", row.join(" | "));
    }
    let wsw: Vec<Option<&Prf>> = r.thresholds.iter().map(|t| t.who_said_what.as_ref()).collect();
    prf_rows(&mut out, "who-said-what", &wsw);
    calibration_table(&mut out, r);
    if !r.notes.is_empty() {
        out.push('\n');
    }
    for note in &r.notes {
        let _ = writeln!(out, "- {note}");
    }
    out
}

/// The reliability table: for each confidence the engine gives, the share of quotes right.
fn calibration_table(out: &mut String, r: &DatasetReport) {
    if r.calibration.is_empty() {
        return;
    }
    let threshold = r.thresholds.first().map_or(0.0, |t| t.threshold);
    let speakers = r
        .thresholds
        .first()
        .is_some_and(|t| t.resolved_speaker.is_some() || t.speaker_mention.is_some());
    let _ = writeln!(
        out,
        "\nCalibration at @{threshold} (expected calibration error {:.1} points): of the quotes given each \
         confidence, the share that match a gold quote{}.\n",
        100.0 * crate::expected_calibration_error(&r.calibration),
        if speakers {
            ", and the share also right in speaker"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "| confidence | quotes | matched | gap |{}",
        if speakers { " who-said-what right |" } else { "" }
    );
    let _ = writeln!(out, "|--:|--:|--:|--:|{}", if speakers { "--:|" } else { "" });
    for b in &r.calibration {
        let _ = write!(
            out,
            "| {:.2} | {} | {:.1}% | {:+.1} |",
            b.confidence,
            b.quotes,
            100.0 * b.precision(),
            100.0 * b.gap()
        );
        if speakers {
            let _ = write!(out, " {:.1}% |", 100.0 * b.who_said_what_precision());
        }
        out.push('\n');
    }
}

fn megabytes(bytes: Option<u64>) -> String {
    bytes.map_or_else(|| "n/a".into(), |b| format!("{:.1} MB", b as f64 / 1e6))
}

/// The body of `docs/PERFORMANCE.md`.
pub fn performance(b: &BenchReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Corpus `{}`: {} documents, {:.2} MB of UTF-8 text, loaded into memory before timing; \
         each run goes through it {} times. Figures are the median of {} runs. {} quotes found; \
         the engine panicked on {} documents.\n",
        b.corpus,
        b.documents,
        b.text_bytes as f64 / 1e6,
        b.passes,
        b.single_thread.seconds.len(),
        b.quotes_found,
        b.panicked_documents,
    );
    out.push_str("| system | threads | MB/s | documents/s | seconds | peak memory |\n");
    out.push_str("|---|--:|--:|--:|--:|--:|\n");
    for run in [&b.single_thread, &b.multi_thread] {
        let _ = writeln!(
            out,
            "| saywho | {} | {:.2} | {:.0} | {:.3} | {} |",
            run.threads,
            run.mb_per_second,
            run.documents_per_second,
            run.median_seconds,
            megabytes(run.peak_memory_bytes),
        );
    }
    out.push_str("| textacy 0.13 + spaCy en_core_web_sm (measured on this machine) | 1 | 0.03 | – | – | – |\n");
    let _ = writeln!(
        out,
        "\nResident memory after loading the corpus: {}. Peak memory is VmHWM from \
         /proc/self/status{}. textacy raised an exception on 720 of the 2,225 BBC articles; \
         saywho panicked on {}.",
        megabytes(b.memory_after_load_bytes),
        if b.peak_reset_between_runs {
            ", reset before each kind of run"
        } else {
            ", cumulative (it could not be reset between runs)"
        },
        b.panicked_documents,
    );
    out
}
