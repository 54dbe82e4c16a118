//! `saywho serve`: the HTTP API and the web page of `saywho-server`, on a tokio runtime. This
//! file parses arguments, sets up logging and the runtime, and binds; the server is the library's.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Serve the API and the web page over HTTP.
///
/// Open the address in a browser to paste an article and see who said what; send
/// `POST /v1/extract` for one document and `POST /v1/extract/batch` for JSONL. The API is
/// described at /api and /openapi.json. Logs go to stderr (`RUST_LOG=debug` for every request).
///
/// Examples:
///   saywho serve                                   # http://127.0.0.1:8080/
///   saywho serve --addr 127.0.0.1:9000 --timeout 10
///   saywho serve --db corpus.db                    # also /corpus and /v1/search, /v1/report, /v1/speakers
///   curl -s localhost:8080/v1/extract -H 'content-type: text/plain' --data-binary @article.txt
#[derive(clap::Args, Debug)]
#[command(verbatim_doc_comment)]
pub struct ServeArgs {
    /// Address to listen on. Loopback by default; another address exposes the server to the
    /// network, which has no authentication.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// A quote store made by `saywho index`, opened read-only: adds the corpus page and the
    /// search, report and speakers routes.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// The largest request body, in bytes (also the largest document).
    #[arg(long, default_value_t = 5_000_000, value_name = "BYTES")]
    max_body_bytes: usize,
    /// The longest a request may take, in seconds (reading, waiting and extracting).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS")]
    timeout: f64,
    /// Extractions that run at once (default: one per core; 1 or more).
    #[arg(long, value_parser = parse_slots)]
    slots: Option<usize>,
    /// Requests that may wait for an extraction slot; beyond, the server answers 503.
    #[arg(long, default_value_t = 1024)]
    queue: usize,
    /// Runtime threads for connections (default: one per core); extraction runs on its own
    /// threads, at most `--slots` at once.
    #[arg(long, value_parser = crate::input_args::parse_threads)]
    threads: Option<usize>,
    #[command(flatten)]
    scope: crate::scope_args::ScopeArgs,
}

/// Runs `saywho serve` until SIGINT or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    init_logging();
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        anyhow::bail!("--timeout must be a positive number of seconds");
    }
    let mut config = saywho_server::Config {
        max_body_bytes: args.max_body_bytes,
        timeout: Duration::from_secs_f64(args.timeout),
        queue: args.queue,
        ..saywho_server::Config::default()
    };
    if let Some(slots) = args.slots {
        config.slots = slots;
    }
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    if let Some(threads) = args.threads {
        runtime.worker_threads(threads);
    }
    let runtime = runtime.enable_all().build().context("cannot start the async runtime")?;
    // Opened before binding, so that a wrong path fails at once with the store's reason.
    let corpus = match &args.db {
        Some(path) => {
            crate::search_cmd::require_store(path)?;
            let corpus = saywho_server::Corpus::open(path, config.slots)
                .with_context(|| format!("cannot open the store {}", path.display()))?;
            Some(corpus)
        }
        None => None,
    };
    runtime.block_on(serve(args.addr, config, corpus, args.scope.scope))?;
    Ok(ExitCode::SUCCESS)
}

async fn serve(
    addr: SocketAddr,
    config: saywho_server::Config,
    corpus: Option<saywho_server::Corpus>,
    scope: saywho::Scope,
) -> anyhow::Result<()> {
    if !addr.ip().is_loopback() {
        diag!(
            "saywho serve: warning: {addr} is not a loopback address: the server will be reachable from other machines, and it has no authentication"
        );
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr().context("cannot read the bound address")?;
    let engine = saywho::Engine::new()
        .with_max_text_bytes(config.max_body_bytes)
        .with_scope(scope);
    let app = saywho_server::router_with_corpus(config, std::sync::Arc::new(engine), corpus);
    diag!("saywho serve: listening on http://{local}/ (Ctrl-C to stop)");
    saywho_server::serve(listener, app, saywho_server::shutdown_signal())
        .await
        .context("the server failed")?;
    diag!("saywho serve: stopped");
    Ok(())
}

/// A `--slots` value: 1 or more. 0 is refused as `--threads 0` is, rather than quietly made 1.
fn parse_slots(value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(0) => Err("0 slots would extract nothing; give 1 or more (leave --slots out for one per core)".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{value:?} is not a number of slots (1 or more)")),
    }
}

/// Logs to stderr; `RUST_LOG` chooses what (default: warnings, and the server's info lines).
/// Colours only on a terminal: a log file gets plain text.
fn init_logging() {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,saywho_server=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
