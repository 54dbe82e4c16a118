//! saywho-server: saywho over HTTP. A JSON API (`POST /v1/extract`, `POST /v1/extract/batch`,
//! `GET /healthz`, `GET /metrics`, `GET /openapi.json`) and a web page that shows an article
//! with each quote highlighted in its speaker's colour, all served by one axum router.
//!
//! Extraction is CPU-bound, so it runs on tokio's blocking pool, never on the async workers,
//! behind a [`Limiter`]: as many extractions at once as there are slots, a bounded queue, and
//! a 503 with `Retry-After` beyond it. Bodies are limited in size and requests in time. The
//! library never prints; it logs through `tracing`.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! let app = saywho_server::router(saywho_server::Config::default());
//! saywho_server::serve(listener, app, saywho_server::shutdown_signal()).await
//! # }
//! ```

#![warn(missing_docs)]

mod api;
mod connection;
mod corpus;
mod document;
mod error;
mod limit;
mod metrics;
mod openapi;
mod web;

pub use connection::{serve, serve_with_timeouts, Timeouts, HEADER_READ_TIMEOUT, MAX_CONNECTIONS, WRITE_STALL_TIMEOUT};
pub use corpus::Corpus;
pub use document::{ExtractRequest, DEFAULT_ID};
pub use error::{ApiError, ErrorDetail, ErrorResponse, RETRY_AFTER_SECS};
pub use limit::{Limiter, Saturated};
pub use metrics::Metrics;
pub use web::CSP;

use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use saywho_io::Extractor;
use std::sync::Arc;
use std::time::{Duration, Instant};
use utoipa::OpenApi;
use utoipa_axum::{router::OpenApiRouter, routes};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The largest request body, in bytes (also the engine's text limit).
    pub max_body_bytes: usize,
    /// The longest a request may take, from its first byte to its answer (for a batch: until
    /// its answer starts).
    pub timeout: Duration,
    /// Extractions that run at once (one per core by default).
    pub slots: usize,
    /// Requests that may wait for a slot; more are answered 503.
    pub queue: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body_bytes: 5_000_000,
            timeout: Duration::from_secs(30),
            slots: std::thread::available_parallelism().map_or(1, |n| n.get()),
            queue: 1024,
        }
    }
}

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    extractor: Arc<dyn Extractor + Send + Sync>,
    limiter: Limiter,
    metrics: Metrics,
    config: Config,
    openapi: String,
    corpus: Option<Arc<Corpus>>,
}

impl AppState {
    /// The engine (or a stand-in).
    pub fn extractor(&self) -> Arc<dyn Extractor + Send + Sync> {
        self.0.extractor.clone()
    }
    /// The admission control.
    pub fn limiter(&self) -> &Limiter {
        &self.0.limiter
    }
    /// The counters.
    pub fn metrics(&self) -> &Metrics {
        &self.0.metrics
    }
    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.0.config
    }
    /// The corpus of `--db`, if any.
    pub fn corpus(&self) -> Option<Arc<Corpus>> {
        self.0.corpus.clone()
    }
    /// The OpenAPI document, serialised.
    pub fn openapi_json(&self) -> &str {
        &self.0.openapi
    }
}

/// The API routes with their OpenAPI annotations; the corpus routes only with a corpus, so
/// that the document describes what this server answers.
fn api_routes(with_corpus: bool) -> OpenApiRouter<AppState> {
    let api = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(api::extract))
        .routes(routes!(api::extract_batch))
        .routes(routes!(api::healthz))
        .routes(routes!(api::metrics))
        .routes(routes!(api::openapi));
    if !with_corpus {
        return api;
    }
    api.routes(routes!(corpus::search))
        .routes(routes!(corpus::report))
        .routes(routes!(corpus::speakers))
}

/// The paths of the API (for the metrics' `route` label).
const API_PATHS: &[&str] = &[
    "/v1/extract",
    "/v1/extract/batch",
    "/healthz",
    "/metrics",
    "/openapi.json",
    "/v1/search",
    "/v1/report",
    "/v1/speakers",
];

/// The router of the whole server, with saywho's English engine.
pub fn router(config: Config) -> Router {
    let engine = saywho::Engine::new().with_max_text_bytes(config.max_body_bytes);
    router_with(config, Arc::new(engine))
}

/// The router of the whole server with another extractor (a configured engine, or a stand-in
/// in tests).
pub fn router_with(config: Config, extractor: Arc<dyn Extractor + Send + Sync>) -> Router {
    router_with_corpus(config, extractor, None)
}

/// The router of the whole server, with the corpus routes and page when `corpus` is given.
pub fn router_with_corpus(
    config: Config,
    extractor: Arc<dyn Extractor + Send + Sync>,
    corpus: Option<Corpus>,
) -> Router {
    let with_corpus = corpus.is_some();
    let (api, spec) = api_routes(with_corpus).split_for_parts();
    let openapi = openapi::finish(spec).to_string();
    let state = AppState(Arc::new(Inner {
        extractor,
        limiter: Limiter::new(config.slots, config.queue),
        metrics: Metrics::default(),
        config,
        openapi,
        corpus: corpus.map(Arc::new),
    }));
    let pages = if with_corpus {
        web::router().merge(web::corpus_router())
    } else {
        web::router()
    };
    api.merge(pages)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), track))
        .layer(middleware::map_response(web::security_headers))
        .with_state(state)
}

async fn not_found(request: Request) -> ApiError {
    ApiError::not_found(request.uri().path())
}

async fn method_not_allowed(request: Request) -> ApiError {
    let message = format!("{} is not allowed on {}", request.method(), request.uri().path());
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        message,
    )
}

/// The `route` label of a path: the route itself, or `other` for any path the server does not
/// serve, so that scanners cannot blow up the number of series.
fn route_label(path: &str) -> &'static str {
    API_PATHS
        .iter()
        .copied()
        .chain(web::paths())
        .chain(web::corpus_paths())
        .find(|p| *p == path)
        .unwrap_or("other")
}

/// Counts every request by route and status, and times it.
async fn track(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let route = route_label(request.uri().path());
    let start = Instant::now();
    let response = next.run(request).await;
    let elapsed = start.elapsed();
    let status = response.status();
    let error = response.extensions().get::<metrics::ErrorTag>().map(|t| t.0);
    app.metrics().observe(route, status.as_u16(), elapsed, error);
    if status.is_server_error() {
        tracing::warn!(route, status = status.as_u16(), error, ?elapsed, "request failed");
    } else {
        tracing::debug!(route, status = status.as_u16(), ?elapsed, "request");
    }
    response.into_response()
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => tracing::info!("SIGINT: shutting down"),
        _ = terminate => tracing::info!("SIGTERM: shutting down"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_path_has_a_metrics_label() {
        let (_, spec) = api_routes(true).split_for_parts();
        for path in spec.paths.paths.keys() {
            assert_eq!(route_label(path), path.as_str());
        }
        assert_eq!(route_label("/wp-admin"), "other");
    }
}
