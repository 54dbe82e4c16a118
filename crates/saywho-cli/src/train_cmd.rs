//! `saywho train-ranker`: gather labelled speaker candidates from gold data, dump them, and fit
//! the learned ranker's weights. The work is in `saywho_eval::ranker_data` and
//! `saywho_eval::train`; this file parses arguments and prints.

use anyhow::Context;
use saywho::rank::learned;
use saywho_eval::folds::FoldChoice;
use saywho_eval::gold::{self, GoldFormat};
use saywho_eval::ranker_data::{self, Sample};
use saywho_eval::train::{self, TrainOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `saywho train-ranker`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:
  saywho train-ranker --gap ../shared/data/gap/gap-development.tsv \\
      --ggt ../shared/data/ggt-eval/ggt_dev.jsonl --litbank-coref ../shared/data/litbank/coref/brat \\
      -o crates/saywho/models/ranker.tsv
  saywho train-ranker --ggt ../shared/data/ggt-eval/ggt_dev.jsonl --folds 5 --fold 2 -o fold2.tsv
  saywho train-ranker --gap ../shared/data/gap/gap-development.tsv --dump candidates.tsv")]
pub struct TrainArgs {
    /// GAP files whose pronouns to learn from (never the validation or test file for a figure
    /// reported on it).
    #[arg(long, value_name = "FILE")]
    gap: Vec<PathBuf>,
    /// GGT files whose quotes' resolved speakers to learn from.
    #[arg(long, value_name = "FILE")]
    ggt: Vec<PathBuf>,
    /// With --fold: leave this fold of the GGT documents out (cross-validation).
    #[arg(long, value_name = "K", requires = "fold")]
    folds: Option<usize>,
    /// The GGT fold left out, 0 to K-1.
    #[arg(long, value_name = "F", requires = "folds")]
    fold: Option<usize>,
    /// LitBank coreference folder (coref/brat): its pronouns.
    #[arg(long, value_name = "DIR")]
    litbank_coref: Option<PathBuf>,
    /// LitBank quotations folder: its quotes' speakers.
    #[arg(long, value_name = "DIR")]
    litbank_quotes: Option<PathBuf>,
    /// Write every labelled candidate, with its features, to this TSV file.
    #[arg(long, value_name = "FILE")]
    dump: Option<PathBuf>,
    /// Write the weights here (default: standard output, unless --dump is given).
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Passes of gradient descent.
    #[arg(long, default_value_t = TrainOptions::default().iterations)]
    iterations: usize,
    /// L2 penalty.
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    l2: f64,
    /// Multiply the weight of a source's samples: `ggt=2`, `litbank-coref=0` (sources: gap,
    /// ggt, litbank-coref, litbank-quotes). Repeatable.
    #[arg(long, value_name = "SOURCE=W", value_parser = parse_weight)]
    weight: Vec<(String, f64)>,
    /// Kinds of query whose block of weights is not learned but set to choose what the rules
    /// choose (kinds: speaker_pronoun, pronoun, description). The blocks are disjoint, so the
    /// other blocks are trained as they would be anyway.
    #[arg(long, value_name = "KIND", value_delimiter = ',')]
    rules_for: Vec<String>,
    /// Weigh samples one by one instead of giving each source the same total weight.
    #[arg(long)]
    no_balance: bool,
}

/// Runs `saywho train-ranker`.
pub fn run(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let engine = saywho::Engine::new();
    let mut samples: Vec<Sample> = Vec::new();
    let mut provenance = vec![
        "saywho learned speaker ranker: weights of a conditional logit over each query's candidates".to_string(),
        "regenerate with scripts/train-ranker; trained with `saywho train-ranker` on:".to_string(),
    ];
    for path in &args.gap {
        let set = saywho_eval::gap::load(path).with_context(|| format!("cannot load {}", path.display()))?;
        let s = ranker_data::gap_samples(&engine, &set);
        provenance.push(format!(
            "  {} ({} examples): {} queries",
            shown(path),
            set.examples.len(),
            s.len()
        ));
        samples.extend(s);
    }
    for path in &args.ggt {
        let mut gold =
            gold::load(path, Some(GoldFormat::Ggt)).with_context(|| format!("cannot load {}", path.display()))?;
        let total = gold.documents.len();
        let mut note = String::new();
        if let (Some(folds), Some(fold)) = (args.folds, args.fold) {
            let choice = FoldChoice::new(folds, fold, true).map_err(anyhow::Error::msg)?;
            gold.documents = choice.select(std::mem::take(&mut gold.documents), |d| d.id.as_str());
            note = format!(", {}", choice.describe(gold.documents.len(), total));
        }
        let s = ranker_data::quote_samples(&engine, &gold, "ggt");
        provenance.push(format!("  {}{note}: {} queries", shown(path), s.len()));
        samples.extend(s);
    }
    if let Some(dir) = &args.litbank_coref {
        let docs = ranker_data::load_litbank_coref(dir).with_context(|| format!("cannot load {}", dir.display()))?;
        let s = ranker_data::litbank_coref_samples(&engine, &docs);
        provenance.push(format!(
            "  {} ({} documents): {} queries",
            shown(dir),
            docs.len(),
            s.len()
        ));
        samples.extend(s);
    }
    if let Some(dir) = &args.litbank_quotes {
        let gold =
            gold::load(dir, Some(GoldFormat::Litbank)).with_context(|| format!("cannot load {}", dir.display()))?;
        let s = ranker_data::quote_samples(&engine, &gold, "litbank-quotes");
        provenance.push(format!(
            "  {} ({} documents): {} queries",
            shown(dir),
            gold.documents.len(),
            s.len()
        ));
        samples.extend(s);
    }
    if let Some(path) = &args.dump {
        std::fs::write(path, ranker_data::dump(&samples))
            .with_context(|| format!("cannot write {}", path.display()))?;
        diag!("{} queries written to {}", samples.len(), path.display());
        if args.out.is_none() {
            return Ok(ExitCode::SUCCESS);
        }
    }
    let options = TrainOptions {
        iterations: args.iterations,
        l2: args.l2,
        balance_sources: !args.no_balance,
        source_weights: args.weight.clone(),
        ..TrainOptions::default()
    };
    provenance.push(format!(
        "options: {} iterations, learning rate {}, momentum {}, L2 {}, sources balanced: {}, source weights: {:?}",
        options.iterations,
        options.learning_rate,
        options.momentum,
        options.l2,
        options.balance_sources,
        options.source_weights
    ));
    let mut weights = train::train(&samples, &options);
    for kind in &args.rules_for {
        if !learned::KINDS.contains(&kind.as_str()) {
            anyhow::bail!("--rules-for {kind}: the kinds are {}", learned::KINDS.join(", "));
        }
        let rules = rule_weights();
        for (i, w) in weights.iter_mut().enumerate() {
            if learned::feature_name(i).ends_with(&format!(".{kind}")) {
                *w = rules[i];
            }
        }
    }
    if !args.rules_for.is_empty() {
        provenance.push(format!(
            "blocks set to the rules' choice: {}",
            args.rules_for.join(", ")
        ));
    }
    let rules = train::accuracy(&samples, &rule_weights());
    let learned = train::accuracy(&samples, &weights);
    provenance.push(format!(
        "training queries ranked right: rules {}/{}, learned {}/{}",
        rules.0, rules.1, learned.0, learned.1
    ));
    let tsv = train::to_tsv(&weights, &provenance);
    match &args.out {
        Some(path) => std::fs::write(path, &tsv).with_context(|| format!("cannot write {}", path.display()))?,
        None => crate::eval_cmd::emit(&tsv)?,
    }
    diag!(
        "{} queries; ranked right on them: rules {}/{}, learned {}/{}",
        samples.len(),
        rules.0,
        rules.1,
        learned.0,
        learned.1
    );
    Ok(ExitCode::SUCCESS)
}

fn parse_weight(s: &str) -> Result<(String, f64), String> {
    let (name, w) = s.split_once('=').ok_or("expected SOURCE=WEIGHT")?;
    let w: f64 = w.parse().map_err(|_| format!("{w:?} is not a number"))?;
    Ok((name.to_string(), w))
}

/// Weights that choose what the rules choose.
fn rule_weights() -> learned::Vector {
    let mut w = [0.0; learned::DIMENSION];
    for (i, x) in w.iter_mut().enumerate() {
        if learned::feature_name(i).starts_with("rule_choice.") {
            *x = 1.0;
        }
    }
    w
}

/// A path as given, with `/` separators, for the provenance lines (the same on every machine
/// when the recipe passes relative paths).
fn shown(path: &std::path::Path) -> String {
    path.display().to_string().replace('\\', "/")
}
