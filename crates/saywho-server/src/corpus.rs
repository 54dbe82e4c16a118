//! The corpus routes of `saywho serve --db`: search, report and speakers over a quote store
//! made by `saywho index`, with the filters of the store commands. The store is opened read
//! only; queries run on the blocking pool, one SQLite connection each.

use crate::error::{ApiError, ErrorResponse};
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use saywho_record::{EntityKind, Gender, QuoteKind};
use saywho_store::{fts_query, Filters, Store};
use serde::Deserialize;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The most rows a search or speakers list returns.
const MAX_LIMIT: usize = 1000;

/// An open store: a few read-only connections (SQLite connections are not shared between
/// threads), used in turn.
pub struct Corpus {
    connections: Vec<Mutex<Store>>,
    next: AtomicUsize,
}

impl std::fmt::Debug for Corpus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Corpus({} connections)", self.connections.len())
    }
}

impl Corpus {
    /// Opens the store at `path` read-only, with `connections` connections (at least one).
    pub fn open(path: &Path, connections: usize) -> Result<Corpus, saywho_store::Error> {
        let connections = (0..connections.max(1))
            .map(|_| Store::open_read_only(path).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(Corpus {
            connections,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `query` on a connection, on the blocking pool, for at most `limit` (the server's
    /// `--timeout`), waiting for a connection included: past it the answer is a 503 `timeout`,
    /// and the query's SQL is stopped ([`Store::interruptible`], with a flag of this request's
    /// own), so that an expensive query (thousands of FTS terms ran for minutes) frees its
    /// connection for the next instead of holding it to the end. A query still waiting for a
    /// connection then runs nothing.
    async fn run<T, F>(self: Arc<Self>, limit: Duration, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, saywho_store::Error> + Send + 'static,
    {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let mut task = tokio::task::spawn_blocking(move || {
            let i = self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len();
            // A poisoned lock means a query panicked; the connection itself is still sound.
            let mut store = self.connections[i].lock().unwrap_or_else(|e| e.into_inner());
            if flag.load(Ordering::SeqCst) {
                return None;
            }
            Some(store.interruptible(flag, query))
        });
        match tokio::time::timeout(limit, &mut task).await {
            Ok(Ok(Some(result))) => result.map_err(store_error),
            Ok(Ok(None)) => Err(ApiError::timeout(limit)),
            Ok(Err(e)) => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "panic", e.to_string())),
            Err(_) => {
                cancel.store(true, Ordering::SeqCst);
                Err(ApiError::timeout(limit))
            }
        }
    }
}

/// A bad query or filter is the client's (400), in the words of the API (its query
/// parameters, not the command line's options); anything else is the store's (500).
fn store_error(e: saywho_store::Error) -> ApiError {
    match e {
        saywho_store::Error::Query { .. } => bad(format!("{e}; or add literal=true to search the words as typed")),
        saywho_store::Error::Filter { .. } => bad(e.to_string()),
        _ => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "store", e.to_string()),
    }
}

/// The query string of every corpus route (each reads the fields it documents).
#[derive(Debug, Default, Deserialize)]
pub struct CorpusQuery {
    q: Option<String>,
    literal: Option<String>,
    speaker: Option<String>,
    gender: Option<String>,
    outlet: Option<String>,
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(rename = "type")]
    entity_type: Option<String>,
    limit: Option<String>,
}

fn bad(message: String) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "bad_query", message)
}

/// An empty field is no filter (what an HTML form sends for a blank input).
fn nonempty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl CorpusQuery {
    fn filters(&self) -> Result<Filters, ApiError> {
        let gender = nonempty(&self.gender).map(str::parse::<Gender>).transpose();
        let kind = nonempty(&self.kind).map(str::parse::<QuoteKind>).transpose();
        let filters = Filters {
            speaker: nonempty(&self.speaker).map(String::from),
            gender: gender.map_err(|e| bad(format!("gender: {e}")))?,
            outlet: nonempty(&self.outlet).map(String::from),
            kind: kind.map_err(|e| bad(format!("kind: {e}")))?,
            from: nonempty(&self.from).map(String::from),
            to: nonempty(&self.to).map(String::from),
        };
        filters.validate().map_err(store_error)?;
        Ok(filters)
    }

    /// The full-text query, FTS5 syntax or (with `literal`) the words as typed.
    fn query(&self) -> Result<Option<String>, ApiError> {
        let literal = match nonempty(&self.literal) {
            None | Some("false" | "0") => false,
            Some("true" | "1" | "on") => true,
            Some(other) => return Err(bad(format!("literal: {other:?} is not true or false"))),
        };
        Ok(fts_query(nonempty(&self.q), literal))
    }

    fn limit(&self, default: usize) -> Result<usize, ApiError> {
        match nonempty(&self.limit) {
            None => Ok(default),
            Some(s) => match s.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
                _ => Err(bad(format!("limit: {s:?} is not a number from 1 to {MAX_LIMIT}"))),
            },
        }
    }
}

type QueryResult = Result<Query<CorpusQuery>, axum::extract::rejection::QueryRejection>;

fn read(query: QueryResult) -> Result<CorpusQuery, ApiError> {
    query.map(|Query(q)| q).map_err(|e| bad(e.body_text()))
}

fn corpus(app: &AppState) -> Result<Arc<Corpus>, ApiError> {
    app.corpus()
        .ok_or_else(|| ApiError::not_found("the corpus routes (start the server with --db)"))
}

/// Search the quotes of the corpus.
///
/// `q` is SQLite FTS5 syntax over quote text: words, "phrases", prefix*, AND, OR, NOT,
/// NEAR(a b, 5); `literal=true` searches the words as typed. Without `q`, the quotes that pass
/// the filters. Answers `{"hits": [...]}`, best match first, each with its document and a few
/// words of context.
#[utoipa::path(
    get,
    path = "/v1/search",
    tag = "corpus",
    params(
        ("q" = Option<String>, Query, description = "Full-text query (FTS5 syntax)"),
        ("literal" = Option<bool>, Query, description = "Search the words of `q` as typed"),
        ("speaker" = Option<String>, Query, description = "A speaker's name or key"),
        ("gender" = Option<String>, Query, description = "`female`, `male` or `unknown`"),
        ("outlet" = Option<String>, Query, description = "The documents' outlet, exactly"),
        ("kind" = Option<String>, Query, description = "`direct`, `indirect` or `mixed`"),
        ("from" = Option<String>, Query, description = "First day, `YYYY-MM-DD` (undated documents are left out)"),
        ("to" = Option<String>, Query, description = "Last day, `YYYY-MM-DD`"),
        ("limit" = Option<usize>, Query, description = "At most this many quotes (default 20, at most 1000)"),
    ),
    responses(
        (status = 200, description = "`{\"hits\": [{\"doc_id\", \"title\", \"date\", \"outlet\", \"url\", \"quote\", \"before\", \"after\", \"kind\", \"speaker\", \"speaker_key\", \"speaker_gender\", \"cue\", \"channel\", \"confidence\", \"start\", \"end\"}]}`", body = Object),
        (status = 400, description = "`bad_query`: a query or filter that cannot be read", body = ErrorResponse),
    )
)]
pub async fn search(State(app): State<AppState>, query: QueryResult) -> Result<Response, ApiError> {
    let params = read(query)?;
    let (filters, text, limit) = (params.filters()?, params.query()?, params.limit(20)?);
    let hits = corpus(&app)?
        .run(app.config().timeout, move |store| {
            store.search(text.as_deref(), &filters, limit)
        })
        .await?;
    Ok(axum::Json(serde_json::json!({ "hits": hits })).into_response())
}

/// The corpus report: documents and quotes, who is quoted most, gender shares (by people and
/// by quotes; overall, by outlet and by month) and channels, over the quotes that match `q` and
/// the filters.
#[utoipa::path(
    get,
    path = "/v1/report",
    tag = "corpus",
    params(
        ("q" = Option<String>, Query, description = "Full-text query (FTS5 syntax)"),
        ("literal" = Option<bool>, Query, description = "Search the words of `q` as typed"),
        ("speaker" = Option<String>, Query, description = "A speaker's name or key"),
        ("gender" = Option<String>, Query, description = "`female`, `male` or `unknown`"),
        ("outlet" = Option<String>, Query, description = "The documents' outlet, exactly"),
        ("kind" = Option<String>, Query, description = "`direct`, `indirect` or `mixed`"),
        ("from" = Option<String>, Query, description = "First day, `YYYY-MM-DD`"),
        ("to" = Option<String>, Query, description = "Last day, `YYYY-MM-DD`"),
    ),
    responses(
        (status = 200, description = "The report: `documents`, `documents_with_quotes`, `quotes`, `errors`, `kinds`, `people`, `organizations`, `gender`, `gender_by_outlet`, `gender_by_month`, `channels` (as `saywho report --format json`)", body = Object),
        (status = 400, description = "`bad_query`", body = ErrorResponse),
    )
)]
pub async fn report(State(app): State<AppState>, query: QueryResult) -> Result<Response, ApiError> {
    let params = read(query)?;
    let (filters, text) = (params.filters()?, params.query()?);
    let report = corpus(&app)?
        .run(app.config().timeout, move |store| {
            store.report(text.as_deref(), &filters)
        })
        .await?;
    Ok(axum::Json(report).into_response())
}

/// The people and organisations quoted, most quoted first: counts, gender with its evidence,
/// and the names the articles used for them.
#[utoipa::path(
    get,
    path = "/v1/speakers",
    tag = "corpus",
    params(
        ("type" = Option<String>, Query, description = "`person`, `organization` or `other`"),
        ("speaker" = Option<String>, Query, description = "A speaker's name or key"),
        ("gender" = Option<String>, Query, description = "`female`, `male` or `unknown`"),
        ("outlet" = Option<String>, Query, description = "The documents' outlet, exactly"),
        ("kind" = Option<String>, Query, description = "`direct`, `indirect` or `mixed`"),
        ("from" = Option<String>, Query, description = "First day, `YYYY-MM-DD`"),
        ("to" = Option<String>, Query, description = "Last day, `YYYY-MM-DD`"),
        ("limit" = Option<usize>, Query, description = "At most this many speakers (default 50, at most 1000)"),
    ),
    responses(
        (status = 200, description = "`{\"speakers\": [{\"key\", \"name\", \"type\", \"quotes\", \"documents\", \"gender\", \"gender_source\", \"female_documents\", \"male_documents\", \"entity_documents\", \"names\"}]}`", body = Object),
        (status = 400, description = "`bad_query`", body = ErrorResponse),
    )
)]
pub async fn speakers(State(app): State<AppState>, query: QueryResult) -> Result<Response, ApiError> {
    let params = read(query)?;
    let filters = params.filters()?;
    let limit = params.limit(50)?;
    let kind = nonempty(&params.entity_type)
        .map(str::parse::<EntityKind>)
        .transpose()
        .map_err(|e| bad(format!("type: {e}")))?;
    let speakers = corpus(&app)?
        .run(app.config().timeout, move |store| store.speakers(&filters, kind, limit))
        .await?;
    Ok(axum::Json(serde_json::json!({ "speakers": speakers })).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_query_past_the_limit_is_interrupted_and_frees_its_connection() {
        let dir = std::env::temp_dir().join(format!("saywho-corpus-interrupt-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        let db = dir.join("c.db");
        drop(Store::open(&db).expect("a new store"));
        // One connection: the second query can only run once the first has let go of it.
        let corpus = Arc::new(Corpus::open(&db, 1).expect("opens"));
        let endless = |store: &Store| -> Result<i64, saywho_store::Error> {
            store
                .connection()
                .query_row(
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                    [],
                    |r| r.get(0),
                )
                .map_err(saywho_store::Error::from)
        };
        let started = std::time::Instant::now();
        let first = corpus.clone().run(Duration::from_millis(100), endless).await;
        assert!(matches!(&first, Err(e) if e.kind == "timeout"), "{first:?}");
        let quick = |store: &Store| -> Result<i64, saywho_store::Error> {
            store
                .connection()
                .query_row("SELECT 7", [], |r| r.get(0))
                .map_err(saywho_store::Error::from)
        };
        let second = corpus.clone().run(Duration::from_secs(30), quick).await;
        assert_eq!(second.ok(), Some(7));
        assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
