//! The corpus routes of `saywho serve --db` over a small store built here: search, report and
//! speakers with the filters, their errors, and the routes and page absent without a store.

mod common;

use axum::http::{header, StatusCode};
use axum::Router;
use common::send;
use saywho_record::Meta;
use saywho_server::{router, router_with_corpus, Config, Corpus};
use saywho_store::Store;
use std::path::PathBuf;
use std::sync::Arc;

/// A store of three documents of two outlets, and the router over it.
fn corpus_app(name: &str) -> (Router, PathBuf) {
    let dir = std::env::temp_dir().join(format!("saywho-server-corpus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let db = dir.join("corpus.db");
    let example = std::fs::read_to_string(common::repo_root().join("examples/article.txt")).expect("example");
    let docs = [
        ("a", "Daily Example", "2024-03-01", "“We will build homes for every family,” Mayor Ann Lee said on Monday. She added that rents would fall.".to_string()),
        ("b", "Other News", "2024-04-02", "“Housing is a right, not a privilege,” said Ravi Patel, a councillor. He said that he would vote against the plan.".to_string()),
        ("c", "Daily Example", "2024-05-05", example),
    ];
    let engine = saywho::Engine::new();
    let mut store = Store::open(&db).expect("a new store");
    let mut writer = store.writer(10).expect("a writer");
    for (id, outlet, date, text) in docs {
        let record = engine.extract(id, &text).expect("a record");
        let meta = Meta {
            outlet: Some(outlet.into()),
            date: Some(date.into()),
            title: Some(format!("Story {id}")),
            ..Meta::default()
        };
        let out = saywho_record::Output {
            record,
            meta,
            text: Some(text),
        };
        writer.put(&out).expect("stored");
    }
    writer.finish().expect("committed");
    drop(store);
    let corpus = Corpus::open(&db, 2).expect("the store opens read-only");
    let app = router_with_corpus(Config::default(), Arc::new(saywho::Engine::new()), Some(corpus));
    (app, dir)
}

#[tokio::test]
async fn search_finds_quotes_with_filters_and_context() {
    let (app, dir) = corpus_app("search");
    let a = send(&app, "GET", "/v1/search?q=homes", None, "").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let hits = a.json()["hits"].as_array().cloned().unwrap_or_default();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["speaker"], "Ann Lee");
    assert_eq!(
        (hits[0]["outlet"].as_str(), hits[0]["date"].as_str()),
        (Some("Daily Example"), Some("2024-03-01"))
    );
    // Filters: an outlet, a speaker by key, a gender, dates; blank fields (as a form sends them)
    // filter nothing.
    let count = |uri: String| {
        let app = app.clone();
        async move {
            let a = send(&app, "GET", &uri, None, "").await;
            assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.text());
            a.json()["hits"].as_array().map_or(0, Vec::len)
        }
    };
    let all = count("/v1/search?limit=1000".into()).await;
    assert!(all >= 10, "{all}");
    assert_eq!(count("/v1/search?outlet=Other+News".into()).await, 2);
    assert_eq!(count("/v1/search?speaker=ravi-patel".into()).await, 2);
    assert_eq!(count("/v1/search?speaker=Ravi+Patel&kind=direct".into()).await, 1);
    assert_eq!(count("/v1/search?from=2024-04-01&to=2024-04-30".into()).await, 2);
    assert_eq!(count("/v1/search?q=&speaker=&gender=&limit=1000".into()).await, all);
    assert_eq!(count("/v1/search?limit=3".into()).await, 3);
    // Literal: FTS5 syntax characters are plain words.
    assert_eq!(count("/v1/search?q=%22homes&literal=true".into()).await, 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn bad_queries_and_filters_are_400() {
    let (app, dir) = corpus_app("errors");
    // (request, what its message names): the query parameters, never the command line's
    // options (it said "--from" and "pass --literal").
    for (uri, names) in [
        ("/v1/search?q=%22unbalanced", "literal=true"),
        ("/v1/search?from=yesterday", "from \"yesterday\""),
        ("/v1/search?gender=other", "gender"),
        ("/v1/search?kind=quoted", "kind"),
        ("/v1/search?limit=0", "limit"),
        ("/v1/search?limit=lots", "limit"),
        ("/v1/search?literal=maybe", "literal"),
        ("/v1/report?to=2024-13-45", "to \"2024-13-45\""),
        ("/v1/report?q=OR", "literal=true"),
        ("/v1/speakers?type=animal", "type"),
        ("/v1/speakers?speaker=%2B%2B", "speaker \"++\""),
    ] {
        let a = send(&app, "GET", uri, None, "").await;
        assert_eq!(
            (a.status, a.kind().as_str()),
            (StatusCode::BAD_REQUEST, "bad_query"),
            "{uri}"
        );
        let message = a.json()["error"]["message"].as_str().unwrap_or_default().to_string();
        assert!(message.contains(names) && !message.contains("--"), "{uri}: {message}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn report_and_speakers_count_the_corpus() {
    let (app, dir) = corpus_app("report");
    let r = send(&app, "GET", "/v1/report", None, "").await.json();
    assert_eq!(r["documents"], 3);
    assert!(r["quotes"].as_u64().unwrap_or(0) >= 10, "{r}");
    let people: Vec<&str> = r["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(
        people.contains(&"Ann Lee") && people.contains(&"Elena Vasquez"),
        "{people:?}"
    );
    let by_outlet = send(&app, "GET", "/v1/report?outlet=Other+News", None, "").await.json();
    assert_eq!(by_outlet["documents"], 1);
    let s = send(&app, "GET", "/v1/speakers?type=person&limit=5", None, "").await;
    assert_eq!(s.status, StatusCode::OK);
    let speakers = s.json()["speakers"].as_array().cloned().unwrap_or_default();
    assert!(!speakers.is_empty() && speakers.len() <= 5);
    assert!(speakers.iter().all(|s| s["type"] == "person"), "{speakers:?}");
    assert_eq!(speakers[0]["name"], "Elena Vasquez", "most quoted first");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn the_corpus_page_and_routes_exist_only_with_a_store() {
    let (with, dir) = corpus_app("page");
    let without = router(Config::default());
    for (app, present) in [(&with, true), (&without, false)] {
        let page = send(app, "GET", "/corpus", None, "").await;
        assert_eq!(page.status == StatusCode::OK, present);
        if present {
            assert!(page.headers[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap_or("")
                .contains("script-src 'self'"));
            let js = send(app, "GET", "/corpus.js", None, "").await.text();
            assert!(!js.contains("innerHTML") && !js.contains("eval("));
        }
        let search = send(app, "GET", "/v1/search?q=homes", None, "").await;
        assert_eq!(search.status == StatusCode::OK, present);
        let spec = send(app, "GET", "/openapi.json", None, "").await.json();
        for path in ["/v1/search", "/v1/report", "/v1/speakers"] {
            assert_eq!(spec["paths"][path].is_object(), present, "{path}");
        }
        let health = send(app, "GET", "/healthz", None, "").await.json();
        assert_eq!(health["corpus"], present);
    }
    assert!(
        Corpus::open(&dir.join("missing.db"), 1).is_err(),
        "a missing store is an error"
    );
    let _ = std::fs::remove_dir_all(dir);
}
