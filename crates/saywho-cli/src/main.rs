//! The `saywho` command: a thin shell over the `saywho` and `saywho-eval` libraries.
use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc rather than the system allocator: glibc's malloc, free and realloc were a fifth of
/// a worker's instructions on JSONL (callgrind, BBC corpus), and trafilatura allocates for every
/// node and string of a page. mimalloc's per-thread heaps take fewer instructions per call
/// (a worker ran 9% fewer in all) and share no lock between the workers.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[macro_use]
mod diag;
mod bench_cmd;
mod bench_html;
mod bench_pathological;
mod eval_cmd;
mod eval_html;
mod eval_text;
mod extract_checks;
mod extract_cmd;
mod index_cmd;
mod index_output;
mod input_args;
mod report_cmd;
mod report_html;
mod scope_args;
mod search_cmd;
mod serve_cmd;
mod speakers_cmd;
mod train_cmd;

/// Who said what: quotations, speakers, cues and channels in news articles.
#[derive(Parser, Debug)]
#[command(name = "saywho", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    // The help text, with examples, is on `ExtractArgs`.
    Extract(extract_cmd::ExtractArgs),
    /// Score the engine against gold annotations.
    Eval(eval_cmd::EvalArgs),
    /// Measure throughput and memory on a JSONL corpus.
    Bench(bench_cmd::BenchArgs),
    /// Index a corpus into a quote store (SQLite) for search, report and speakers.
    Index(index_cmd::IndexArgs),
    /// Search the quotes of a store (full text and filters).
    Search(search_cmd::SearchArgs),
    /// Report on who is quoted in a store (HTML, Markdown or JSON).
    Report(report_cmd::ReportArgs),
    /// List the people and organisations quoted in a store.
    Speakers(speakers_cmd::SpeakersArgs),
    Serve(serve_cmd::ServeArgs),
    /// Fit the learned speaker ranker's weights on gold data (or dump its training data).
    TrainRanker(train_cmd::TrainArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Bench(args) => bench_cmd::run(args),
        Command::Index(args) => index_cmd::run(args),
        Command::Search(args) => search_cmd::run(args),
        Command::Report(args) => report_cmd::run(args),
        Command::Speakers(args) => speakers_cmd::run(args),
        Command::Serve(args) => serve_cmd::run(args),
        Command::TrainRanker(args) => train_cmd::run(args),
    };
    match result {
        Ok(code) => code,
        // `saywho extract … | head`: the reader went away; that is not a failure. A file given
        // with -o or --errors that cannot be written is one, even when it is a closed pipe.
        Err(err)
            if err.downcast_ref::<extract_cmd::OutputFileFailed>().is_none()
                && err.chain().any(|e| {
                    e.downcast_ref::<std::io::Error>()
                        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
                }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            diag!("saywho: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
