//! The API end to end through the router (`tower::ServiceExt::oneshot`), and once over a real
//! loopback socket: every route, every error status, the batch stream, the body limit,
//! saturation, time limits and shutdown.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{send, Answer};
use http_body_util::BodyExt;
use saywho::ExtractError;
use saywho_record::Record;
use saywho_server::{router, router_with, Config, Timeouts};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

async fn post_json(app: &Router, uri: &str, body: Value) -> Answer {
    send(app, "POST", uri, Some("application/json"), body.to_string()).await
}

fn example() -> String {
    std::fs::read_to_string(common::repo_root().join("examples/article.txt")).expect("examples/article.txt")
}

fn app() -> Router {
    router(Config::default())
}

/// An extractor that waits `delay`, counting the extractions running, then returns an empty record.
fn slow(delay: Duration, running: Arc<AtomicUsize>) -> Arc<dyn saywho_io::Extractor + Send + Sync> {
    Arc::new(move |id: &str, _text: &str| -> Result<Record, ExtractError> {
        running.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(delay);
        running.fetch_sub(1, Ordering::SeqCst);
        Ok(Record::new(id, vec![], vec![]))
    })
}

#[tokio::test]
async fn plain_text_gives_the_record_of_extract() {
    let a = send(
        &app(),
        "POST",
        "/v1/extract?id=ferry",
        Some("text/plain; charset=utf-8"),
        example(),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/json");
    let record = a.json();
    assert_eq!(
        (record["schema_version"].as_str(), record["id"].as_str()),
        (Some(saywho_record::SCHEMA_VERSION), Some("ferry"))
    );
    let quotes = record["quotes"].as_array().expect("quotes");
    assert!(quotes.len() >= 8, "{record}");
    assert_eq!(quotes[1]["speaker"]["name"], "Elena Vasquez");
    assert!(record.get("text").is_none(), "the text is only echoed for HTML");
    // The same as the library's record, field for field.
    let engine = saywho::Engine::new().extract("ferry", &example()).expect("a record");
    let line: Value = serde_json::from_str(&serde_json::to_string(&engine).expect("JSON")).expect("JSON");
    assert_eq!(record, line);
}

#[tokio::test]
async fn json_bodies_carry_id_metadata_and_optionally_the_text() {
    let body = json!({"text": "“Yes,” Ann Lee said.", "id": 42, "url": "https://e.org/a", "title": "T", "emit_text": true, "other": 1});
    let a = post_json(&app(), "/v1/extract", body).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    let v = a.json();
    assert_eq!(
        (v["id"].as_str(), v["url"].as_str(), v["title"].as_str()),
        (Some("42"), Some("https://e.org/a"), Some("T"))
    );
    assert_eq!(v["text"], "“Yes,” Ann Lee said.");
    assert_eq!(v["quotes"][0]["speaker"]["name"], "Ann Lee");
}

const PAGE: &str = r#"<html><head><title>Rain due</title><meta property="og:site_name" content="Daily Example"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Rain due</h1>
<p>"It will rain all week," forecaster Ann Lee said on Monday, warning drivers.</p></article></body></html>"#;

#[tokio::test]
async fn html_gives_the_article_text_and_metadata() {
    for a in [
        send(
            &app(),
            "POST",
            "/v1/extract?url=https://e.org/rain",
            Some("text/html"),
            PAGE,
        )
        .await,
        post_json(
            &app(),
            "/v1/extract",
            json!({"html": PAGE, "url": "https://e.org/rain"}),
        )
        .await,
    ] {
        assert_eq!(a.status, StatusCode::OK, "{}", a.text());
        let v = a.json();
        assert_eq!(v["outlet"], "Daily Example");
        assert_eq!(v["url"], "https://e.org/rain");
        let text = v["text"].as_str().expect("the text");
        assert!(
            text.contains("forecaster Ann Lee said") && !text.contains("Home"),
            "{text}"
        );
        let q = &v["quotes"][0];
        let (start, end) = (
            q["start"].as_u64().unwrap_or(0) as usize,
            q["end"].as_u64().unwrap_or(0) as usize,
        );
        let words: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(
            words,
            q["text"].as_str().unwrap_or_default(),
            "offsets are code points into `text`"
        );
    }
}

#[tokio::test]
async fn the_seed_article_has_its_eleven_quotes() {
    let Some((text, gold)) = common::seed() else {
        eprintln!("skipped: ../shared/seed is absent");
        return;
    };
    let a = send(&app(), "POST", "/v1/extract", Some("text/plain"), text).await;
    assert_eq!(a.status, StatusCode::OK);
    let v = a.json();
    let speakers: Vec<&Value> = v["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .map(|q| &q["speaker"]["name"])
        .collect();
    let expected: Vec<&Value> = gold["quotes"]
        .as_array()
        .expect("gold")
        .iter()
        .map(|q| &q["speaker"])
        .collect();
    assert_eq!(speakers.len(), 11);
    assert_eq!(speakers, expected);
}

#[tokio::test]
async fn every_error_has_its_status_and_kind() {
    let app = app();
    let cases: Vec<(Answer, StatusCode, &str)> = vec![
        (
            send(&app, "POST", "/v1/extract", Some("application/json"), "{not json").await,
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            post_json(&app, "/v1/extract", json!(["a"])).await,
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            post_json(&app, "/v1/extract", json!({"text": "a", "html": "b"})).await,
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        (
            send(&app, "POST", "/v1/extract", Some("text/plain"), &b"caf\xe9"[..]).await,
            StatusCode::BAD_REQUEST,
            "invalid_utf8",
        ),
        (
            send(&app, "POST", "/v1/extract?id=a&id=b", Some("text/plain"), "x").await,
            StatusCode::BAD_REQUEST,
            "bad_query",
        ),
        (
            send(
                &app,
                "POST",
                "/v1/extract",
                Some("application/x-www-form-urlencoded"),
                "text=x",
            )
            .await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            send(&app, "POST", "/v1/extract", None, "x").await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            post_json(&app, "/v1/extract", json!({"id": "a"})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "missing_text",
        ),
        (
            post_json(&app, "/v1/extract", json!({"id": "a", "text": 42})).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "missing_text",
        ),
        (
            send(
                &app,
                "POST",
                "/v1/extract",
                Some("text/html"),
                "<html><body><nav><a href='/'>Home</a></nav></body></html>",
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "html_extraction",
        ),
        (
            send(&app, "GET", "/v1/nothing", None, "").await,
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            send(&app, "GET", "/v1/extract", None, "").await,
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            send(&app, "POST", "/v1/extract/batch", Some("text/html"), "x").await,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
    ];
    for (answer, status, kind) in cases {
        assert_eq!(
            (answer.status, answer.kind().as_str()),
            (status, kind),
            "{}",
            answer.text()
        );
        assert_eq!(answer.headers[header::CONTENT_TYPE], "application/json");
        assert!(answer.headers.get(header::RETRY_AFTER).is_none());
    }
}

#[tokio::test]
async fn bodies_over_the_limit_are_413_declared_or_not() {
    let app = router(Config {
        max_body_bytes: 1000,
        ..Config::default()
    });
    let big = "word ".repeat(300);
    let a = send(&app, "POST", "/v1/extract", Some("text/plain"), big.clone()).await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    // A streamed body has no Content-Length: it is cut off at the limit all the same.
    let chunks = futures_util::stream::iter((0..30).map(|_| Ok::<_, std::io::Error>("word ".repeat(10))));
    let a = send(
        &app,
        "POST",
        "/v1/extract",
        Some("text/plain"),
        Body::from_stream(chunks),
    )
    .await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    let a = send(&app, "POST", "/v1/extract/batch", Some("application/x-ndjson"), big).await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    let a = send(&app, "POST", "/v1/extract", Some("text/plain"), "“Yes,” Ann Lee said.").await;
    assert_eq!(a.status, StatusCode::OK, "under the limit");
}

#[tokio::test]
async fn a_panic_in_extraction_is_a_500_and_the_server_goes_on() {
    let extractor = Arc::new(|_: &str, text: &str| -> Result<Record, ExtractError> {
        assert!(!text.contains("boom"), "a bug");
        Ok(Record::new("ok", vec![], vec![]))
    });
    let app = router_with(Config::default(), extractor);
    let a = send(&app, "POST", "/v1/extract", Some("text/plain"), "boom").await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::INTERNAL_SERVER_ERROR, "panic")
    );
    let a = send(&app, "POST", "/v1/extract", Some("text/plain"), "fine").await;
    assert_eq!(a.status, StatusCode::OK);
    // In a batch the panic is one error line.
    let a = send(
        &app,
        "POST",
        "/v1/extract/batch",
        Some("application/x-ndjson"),
        "{\"text\":\"boom\"}\n{\"text\":\"x\"}\n",
    )
    .await;
    let lines: Vec<Value> = a
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(
        (lines[0]["error"]["kind"].as_str(), lines[1]["id"].as_str()),
        (Some("panic"), Some("ok"))
    );
}

#[tokio::test]
async fn a_full_queue_is_503_with_retry_after() {
    let running = Arc::new(AtomicUsize::new(0));
    let config = Config {
        slots: 1,
        queue: 0,
        ..Config::default()
    };
    let app = router_with(config, slow(Duration::from_millis(400), running.clone()));
    let first = tokio::spawn({
        let app = app.clone();
        async move { send(&app, "POST", "/v1/extract", Some("text/plain"), "a").await }
    });
    while running.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    for (uri, ct) in [
        ("/v1/extract", "text/plain"),
        ("/v1/extract/batch", "application/x-ndjson"),
    ] {
        let a = send(&app, "POST", uri, Some(ct), "{\"text\": \"b\"}").await;
        assert_eq!(
            (a.status, a.kind().as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, "overloaded"),
            "{uri}"
        );
        assert_eq!(a.headers[header::RETRY_AFTER], "1");
    }
    assert_eq!(first.await.expect("the first request").status, StatusCode::OK);
    let metrics = send(&app, "GET", "/metrics", None, "").await.text();
    assert!(
        metrics.contains("saywho_http_requests_total{route=\"/v1/extract\",status=\"503\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("saywho_errors_total{kind=\"overloaded\"} 2"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_request_over_the_time_limit_is_503_timeout() {
    let config = Config {
        timeout: Duration::from_millis(100),
        ..Config::default()
    };
    let app = router_with(config, slow(Duration::from_millis(600), Arc::default()));
    let a = send(&app, "POST", "/v1/extract", Some("text/plain"), "a").await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::SERVICE_UNAVAILABLE, "timeout")
    );
    assert_eq!(a.headers[header::RETRY_AFTER], "1");
}

#[tokio::test]
async fn a_batch_streams_records_and_error_lines_in_input_order() {
    let body = [
        json!({"id": "a", "text": "“Yes,” Ann Lee said."}).to_string(),
        "{broken".to_string(),
        String::new(),
        json!({"id": 7, "html": PAGE}).to_string(),
        json!({"id": "c"}).to_string(),
        json!({"text": "“No,” Bo Li said.", "title": "T"}).to_string(),
    ]
    .join("\r\n");
    let a = send(&app(), "POST", "/v1/extract/batch", Some("application/x-ndjson"), body).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/x-ndjson");
    let lines: Vec<Value> = a
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let summary: Vec<(String, String)> = lines
        .iter()
        .map(|v| {
            let what = v["error"]["kind"].as_str().map_or_else(
                || format!("{} quotes", v["quotes"].as_array().map_or(0, Vec::len)),
                str::to_string,
            );
            (v["id"].as_str().unwrap_or_default().to_string(), what)
        })
        .collect();
    let expected = [
        ("a", "1 quotes"),
        ("line-2", "malformed_json"),
        ("7", "1 quotes"),
        ("c", "missing_text"),
        ("line-6", "1 quotes"),
    ];
    assert_eq!(summary, expected.map(|(a, b)| (a.to_string(), b.to_string())));
    assert_eq!(lines[1]["error"]["position"], "line 2");
    assert_eq!(lines[2]["outlet"], "Daily Example");
    assert_eq!(lines[4]["title"], "T");
    // The records are those of the single route.
    let single = post_json(
        &app(),
        "/v1/extract",
        json!({"id": "a", "text": "“Yes,” Ann Lee said."}),
    )
    .await;
    assert_eq!(lines[0], single.json());
}

#[tokio::test]
async fn a_batch_answer_starts_before_its_last_line_is_done() {
    let release = Arc::new(AtomicBool::new(false));
    let gate = release.clone();
    let extractor = Arc::new(move |id: &str, _: &str| -> Result<Record, ExtractError> {
        while id == "slow" && !gate.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(5));
        }
        Ok(Record::new(id, vec![], vec![]))
    });
    let app = router_with(
        Config {
            slots: 1,
            ..Config::default()
        },
        extractor,
    );
    let body = "{\"id\":\"fast\",\"text\":\"x\"}\n{\"id\":\"slow\",\"text\":\"x\"}\n";
    let request = Request::post("/v1/extract/batch")
        .header(header::CONTENT_TYPE, "application/x-ndjson")
        .body(Body::from(body))
        .expect("a request");
    let response = app.oneshot(request).await.expect("an answer");
    let mut body = response.into_body();
    let first = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("the first line comes while the second is still running")
        .expect("a frame")
        .expect("data");
    let first = first.into_data().expect("data");
    assert!(
        first.starts_with(b"{\"schema_version\":\"1.2\",\"id\":\"fast\""),
        "{first:?}"
    );
    release.store(true, Ordering::SeqCst);
    let rest = body.collect().await.expect("the rest").to_bytes();
    assert!(String::from_utf8_lossy(&rest).contains("\"id\":\"slow\""));
}

#[tokio::test]
async fn health_metrics_and_the_openapi_document() {
    let app = app();
    let h = send(&app, "GET", "/healthz", None, "").await;
    assert_eq!((h.status, h.json()["status"].as_str()), (StatusCode::OK, Some("ok")));
    send(&app, "POST", "/v1/extract", Some("text/plain"), example()).await;
    send(&app, "POST", "/v1/extract", Some("application/json"), r#"{"text": 42}"#).await;
    let m = send(&app, "GET", "/metrics", None, "").await;
    assert!(m.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap_or("")
        .starts_with("text/plain; version=0.0.4"));
    let text = m.text();
    for expected in [
        "saywho_http_requests_total{route=\"/v1/extract\",status=\"200\"} 1",
        "saywho_http_requests_total{route=\"/v1/extract\",status=\"422\"} 1",
        "saywho_http_requests_total{route=\"/healthz\",status=\"200\"} 1",
        "saywho_http_request_duration_seconds_count{route=\"/v1/extract\"} 2",
        "saywho_documents_total 1",
        "saywho_errors_total{kind=\"missing_text\"} 1",
    ] {
        assert!(text.lines().any(|l| l == expected), "{expected} not in\n{text}");
    }
    assert!(text
        .lines()
        .any(|l| l.starts_with("saywho_quotes_total ") && l != "saywho_quotes_total 0"));
    let o = send(&app, "GET", "/openapi.json", None, "").await;
    let spec = o.json();
    assert!(spec["openapi"].as_str().unwrap_or("").starts_with("3."));
    for path in [
        "/v1/extract",
        "/v1/extract/batch",
        "/healthz",
        "/metrics",
        "/openapi.json",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} is documented");
    }
    let ok = &spec["paths"]["/v1/extract"]["post"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(ok["$ref"], "#/components/schemas/record");
    assert!(spec["components"]["schemas"]["quote"]["properties"]["speaker"].is_object());
}

#[tokio::test]
async fn pages_are_embedded_and_locked_down() {
    let app = app();
    for (path, media) in [
        ("/", "text/html"),
        ("/app.js", "text/javascript"),
        ("/common.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/api", "text/html"),
        ("/api.js", "text/javascript"),
        ("/example.txt", "text/plain"),
    ] {
        let a = send(&app, "GET", path, None, "").await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(
            a.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap_or("")
                .starts_with(media),
            "{path}"
        );
        let csp = a.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap_or("");
        assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe"), "{csp}");
        assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let text = a.text();
        if media == "text/html" {
            // No inline script or handler: every <script> has a src, no on…= attribute.
            assert!(
                text.match_indices("<script")
                    .all(|(i, _)| text[i..].split('>').next().unwrap_or("").contains(" src=")),
                "{path}"
            );
            assert!(!text.contains(" onclick=") && !text.contains(" onload="), "{path}");
        }
        if media == "text/javascript" {
            assert!(
                !text.contains("innerHTML") && !text.contains("insertAdjacentHTML") && !text.contains("eval("),
                "{path}"
            );
        }
    }
    // The API's answers carry the headers too.
    let a = send(&app, "GET", "/healthz", None, "").await;
    assert_eq!(a.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
}

/// A server of `app` on a loopback port ([`saywho_server::serve_with_timeouts`]): its address,
/// and a function that stops it and checks that it stops.
async fn running_server(app: Router, timeouts: Timeouts) -> (std::net::SocketAddr, impl AsyncFnOnce()) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let addr = listener.local_addr().expect("an address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(saywho_server::serve_with_timeouts(
        listener,
        app,
        async {
            let _ = stopped.await;
        },
        timeouts,
    ));
    let shut_down = async move || {
        let _ = stop.send(());
        let result = tokio::time::timeout(Duration::from_secs(5), server).await;
        assert!(matches!(result, Ok(Ok(Ok(())))), "the server stops when told");
    };
    (addr, shut_down)
}

#[tokio::test]
async fn a_real_socket_serves_and_shuts_down_gracefully() {
    let (addr, shut_down) = running_server(app(), Timeouts::default()).await;
    let url = format!("http://{addr}/v1/extract");
    let a = common::request(hyper::Method::POST, &url, Some("text/plain"), example().into_bytes()).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.json()["quotes"].as_array().is_some_and(|q| !q.is_empty()));
    shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_and_half_sent_connections_are_closed() {
    use std::io::{Read, Write};
    let timeouts = Timeouts {
        header_read: Duration::from_millis(300),
        ..Timeouts::default()
    };
    let (addr, shut_down) = running_server(app(), timeouts).await;
    // Each client on a blocking thread: it sends `first`, reads any response, and says whether
    // the server closed the connection (EOF or reset) before the client gave up after 10 s.
    let client = move |first: &'static [u8]| {
        tokio::task::spawn_blocking(move || {
            let mut stream = std::net::TcpStream::connect(addr).expect("connects");
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .expect("a timeout");
            stream.write_all(first).expect("writes");
            let mut got = Vec::new();
            let closed = match stream.read_to_end(&mut got) {
                Ok(_) => true,
                Err(e) => e.kind() != std::io::ErrorKind::WouldBlock && e.kind() != std::io::ErrorKind::TimedOut,
            };
            (closed, got)
        })
    };
    // Nothing sent; half a request line; a whole request answered, then nothing (an idle
    // keep-alive connection).
    let (silent, _) = client(b"").await.expect("runs");
    assert!(silent, "a silent client is disconnected");
    let (partial, _) = client(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").await.expect("runs");
    assert!(partial, "a half-sent head is disconnected");
    let (idle, got) = client(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.expect("runs");
    assert!(got.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&got));
    assert!(idle, "an idle keep-alive connection is disconnected");
    // And the server still answers.
    let url = format!("http://{addr}/healthz");
    let a = common::request(hyper::Method::GET, &url, None, Vec::new()).await;
    assert_eq!(a.status, StatusCode::OK);
    shut_down().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_disconnected() {
    use std::io::{Read, Write};
    // A record of some 24 MB: far more than the socket buffers hold (a few MB on Linux's
    // loopback), so the server's writes wait on the client.
    const RECORD_BYTES: usize = 24_000_000;
    let huge = Arc::new(|_id: &str, _text: &str| -> Result<Record, ExtractError> {
        Ok(Record::new("x".repeat(RECORD_BYTES), vec![], vec![]))
    });
    let text = "“Yes,” Ann Lee said.";
    let timeouts = Timeouts {
        write_stall: Duration::from_millis(300),
        ..Timeouts::default()
    };
    let (addr, shut_down) = running_server(router_with(Config::default(), huge), timeouts).await;
    let got = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).expect("connects");
        let head = format!(
            "POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
            text.len()
        );
        stream.write_all(head.as_bytes()).expect("writes");
        stream.write_all(text.as_bytes()).expect("writes");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a timeout");
        // The answer's first byte, so that the pause below starts once the server writes:
        // building and serialising the record can take seconds on a loaded machine, and a
        // client that resumed reading before the server had begun read the whole answer.
        let mut got = vec![0; 1];
        stream.read_exact(&mut got).expect("the answer starts");
        // Not reading while the server answers, for ten times the limit.
        std::thread::sleep(Duration::from_secs(3));
        let closed = match stream.read_to_end(&mut got) {
            Ok(_) => true,
            Err(e) => e.kind() != std::io::ErrorKind::WouldBlock && e.kind() != std::io::ErrorKind::TimedOut,
        };
        (closed, got.len())
    })
    .await
    .expect("runs");
    let (closed, received) = got;
    assert!(closed, "the connection is closed");
    assert!(received < RECORD_BYTES, "the response was cut off: {received} bytes");
    // And the server still answers.
    let url = format!("http://{addr}/healthz");
    let a = common::request(hyper::Method::GET, &url, None, Vec::new()).await;
    assert_eq!(a.status, StatusCode::OK);
    shut_down().await;
}

/// A request with headers of its own, through the router.
async fn send_with(app: &Router, uri: &str, headers: &[(&str, &str)], body: Vec<u8>) -> Answer {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut request = axum::http::Request::builder().method("POST").uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(axum::body::Body::from(body)).expect("a request"))
        .await
        .expect("the router never fails");
    let (parts, body) = response.into_parts();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.expect("a body").to_bytes(),
    }
}

/// `bytes` compressed by `encoder` (a `flate2::write` encoder over a `Vec`).
fn compress<W: std::io::Write>(
    mut encoder: W,
    bytes: &[u8],
    finish: impl FnOnce(W) -> std::io::Result<Vec<u8>>,
) -> Vec<u8> {
    encoder.write_all(bytes).expect("compresses");
    finish(encoder).expect("compresses")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    compress(encoder, bytes, flate2::write::GzEncoder::finish)
}

/// `deflate` as RFC 9110 has it: a zlib stream.
fn zlib(bytes: &[u8]) -> Vec<u8> {
    let encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    compress(encoder, bytes, flate2::write::ZlibEncoder::finish)
}

/// `deflate` as several clients send it: a raw DEFLATE stream, without zlib's header.
fn raw_deflate(bytes: &[u8]) -> Vec<u8> {
    let encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
    compress(encoder, bytes, flate2::write::DeflateEncoder::finish)
}

/// The names of the speakers of a record.
fn speakers(record: &Value) -> Vec<String> {
    record["quotes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|q| q["speaker"]["name"].as_str().map(String::from))
        .collect()
}

#[tokio::test]
async fn bodies_are_read_in_their_content_encoding_and_charset() {
    let app = router(Config {
        max_body_bytes: 100_000,
        ..Config::default()
    });
    let text = example();
    let deflate = zlib(text.as_bytes());
    let latin1 = b"\"C'est fini,\" said Ren\xe9e Lef\xe8vre, the caf\xe9's owner.".to_vec();
    let plain = [("content-type", "text/plain")];
    // (headers, body, status, error kind or a name the record holds)
    type Case<'a> = (Vec<(&'a str, &'a str)>, Vec<u8>, StatusCode, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![plain[0], ("content-encoding", "gzip")],
            gzip(text.as_bytes()),
            StatusCode::OK,
            "Vasquez",
        ),
        (
            vec![plain[0], ("content-encoding", "deflate")],
            deflate,
            StatusCode::OK,
            "Vasquez",
        ),
        (
            vec![plain[0], ("content-encoding", "identity")],
            text.clone().into_bytes(),
            StatusCode::OK,
            "Vasquez",
        ),
        (
            vec![plain[0], ("content-encoding", "br")],
            text.clone().into_bytes(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
        (
            vec![plain[0], ("content-encoding", "gzip")],
            b"not gzip at all".to_vec(),
            StatusCode::BAD_REQUEST,
            "malformed_body",
        ),
        // 100 KB of zeros gzip to a few hundred bytes: the limit is on what they decode to.
        (
            vec![plain[0], ("content-encoding", "gzip")],
            gzip(&vec![b' '; 200_000]),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
        (
            vec![("content-type", "text/plain; charset=ISO-8859-1")],
            latin1.clone(),
            StatusCode::OK,
            "Renée Lefèvre",
        ),
        (
            vec![("content-type", "text/plain")],
            latin1.clone(),
            StatusCode::BAD_REQUEST,
            "invalid_utf8",
        ),
        (
            vec![("content-type", "text/plain; charset=klingon")],
            latin1,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        ),
    ];
    for (headers, body, status, expected) in cases {
        let answer = send_with(&app, "/v1/extract", &headers, body).await;
        assert_eq!(answer.status, status, "{headers:?}: {}", answer.text());
        if status == StatusCode::OK {
            let speakers = speakers(&answer.json());
            assert!(
                speakers.iter().any(|s| s.contains(expected)),
                "{headers:?}: {speakers:?}"
            );
        } else {
            assert_eq!(answer.kind(), expected, "{headers:?}");
        }
    }
    // A batch is decoded the same way.
    let line = format!("{}\n", serde_json::json!({"id": "a", "text": text}));
    let batch = send_with(
        &app,
        "/v1/extract/batch",
        &[("content-type", "application/x-ndjson"), ("content-encoding", "gzip")],
        gzip(line.as_bytes()),
    )
    .await;
    assert_eq!(batch.status, StatusCode::OK);
    assert!(batch.text().contains("\"id\":\"a\""), "{}", batch.text());
    // JSON lines are UTF-8: a batch declared in another charset is refused whole.
    let latin = send_with(
        &app,
        "/v1/extract/batch",
        &[("content-type", "text/plain; charset=iso-8859-1")],
        line.into_bytes(),
    )
    .await;
    assert_eq!(latin.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(latin.kind(), "unsupported_media_type");
}

/// A metric's value in the answer of `/metrics`.
async fn metric(app: &Router, name: &str) -> Option<u64> {
    let text = send(app, "GET", "/metrics", None, "").await.text();
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_compressed_body_is_decoded_only_once_it_holds_a_slot() {
    // A few kilobytes of gzip can decode to the body limit: decoded before a slot, every
    // request in the queue held its decoded body (60 of them drove the server to 827 MB).
    let release = Arc::new(AtomicBool::new(false));
    let running = Arc::new(AtomicUsize::new(0));
    let extractor = {
        let (gate, running) = (release.clone(), running.clone());
        Arc::new(move |id: &str, _: &str| -> Result<Record, ExtractError> {
            running.fetch_add(1, Ordering::SeqCst);
            while !gate.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(5));
            }
            Ok(Record::new(id, vec![], vec![]))
        })
    };
    let config = Config {
        slots: 1,
        queue: 1,
        max_body_bytes: 1000,
        ..Config::default()
    };
    let app = router_with(config, extractor);
    // Opens the gate when the test ends, also when it fails (the runtime waits for the
    // blocking thread).
    struct Open(Arc<AtomicBool>);
    impl Drop for Open {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }
    let _open = Open(release.clone());
    // The slot is taken by an extraction that waits for the gate.
    let first = tokio::spawn({
        let app = app.clone();
        async move { send(&app, "POST", "/v1/extract", Some("text/plain"), "a").await }
    });
    while running.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let gz = [("content-type", "text/plain"), ("content-encoding", "gzip")];
    // A body that does not decode waits in the queue like any other: it is not decoded yet.
    let queued = tokio::spawn({
        let app = app.clone();
        async move { send_with(&app, "/v1/extract", &gz, b"not gzip at all".to_vec()).await }
    });
    let mut waited = Duration::ZERO;
    while metric(&app, "saywho_extractions_waiting").await != Some(1) {
        assert!(
            !queued.is_finished() && waited < Duration::from_secs(10),
            "the undecodable body was answered before it had a slot"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
        waited += Duration::from_millis(5);
    }
    // The queue is full: those turned away are not decoded at all, so they are 503 whatever
    // their body would decode to (it was 413 and 400: decoded first).
    let batch = [("content-type", "application/x-ndjson"), ("content-encoding", "gzip")];
    for (uri, headers, body) in [
        ("/v1/extract", &gz, gzip(&[b' '; 5000])),
        ("/v1/extract", &gz, b"not gzip at all".to_vec()),
        ("/v1/extract/batch", &batch, gzip(&[b'\n'; 5000])),
        ("/v1/extract/batch", &batch, b"not gzip at all".to_vec()),
    ] {
        let a = send_with(&app, uri, headers, body).await;
        assert_eq!(
            (a.status, a.kind().as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, "overloaded"),
            "{uri}"
        );
    }
    assert!(!queued.is_finished(), "still waiting for the slot");
    release.store(true, Ordering::SeqCst);
    assert_eq!(first.await.expect("the first request").status, StatusCode::OK);
    let queued = queued.await.expect("the queued request");
    assert_eq!(
        (queued.status, queued.kind().as_str()),
        (StatusCode::BAD_REQUEST, "malformed_body")
    );
    // Once slots are free, the same bodies get their answers as before.
    let a = send_with(&app, "/v1/extract", &gz, gzip(&[b' '; 5000])).await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    let a = send_with(&app, "/v1/extract/batch", &batch, gzip(&[b'\n'; 5000])).await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "too_large")
    );
    let a = send_with(&app, "/v1/extract/batch", &batch, b"not gzip at all".to_vec()).await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::BAD_REQUEST, "malformed_body")
    );
    assert_eq!(metric(&app, "saywho_extractions_waiting").await, Some(0));
}

#[tokio::test]
async fn a_compressed_batch_answers_as_the_same_batch_sent_plain() {
    // Its lines are decoded one at a time: numbered, trimmed and skipped as a plain body's.
    let body = [
        json!({"id": "a", "text": "“Yes,” Ann Lee said."}).to_string(),
        "{broken".to_string(),
        "  \t".to_string(),
        String::new(),
        json!({"id": 7, "html": PAGE}).to_string(),
        json!({"id": "c"}).to_string(),
        "\r".to_string(),
        json!({"text": "“No,” Bo Li said.", "title": "T"}).to_string(),
        "[1]".to_string(),
    ]
    .join("\r\n");
    let app = app();
    let ndjson = ("content-type", "application/x-ndjson");
    let plain = send_with(&app, "/v1/extract/batch", &[ndjson], body.clone().into_bytes()).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert_eq!(plain.text().lines().count(), 6, "{}", plain.text());
    for ending in ["", "\n", "\r\n\r\n"] {
        let body = format!("{body}{ending}");
        for (coding, compressed) in [("gzip", gzip(body.as_bytes())), ("deflate", zlib(body.as_bytes()))] {
            let headers = [ndjson, ("content-encoding", coding)];
            let a = send_with(&app, "/v1/extract/batch", &headers, compressed).await;
            assert_eq!(a.status, StatusCode::OK, "{coding}");
            assert_eq!(a.text(), plain.text(), "{coding} {ending:?}");
        }
    }
}

#[tokio::test]
async fn deflate_is_read_with_or_without_the_zlib_header() {
    let app = router(Config {
        max_body_bytes: 100_000,
        ..Config::default()
    });
    let text = example();
    let line = format!("{}\n", json!({"id": "a", "text": text}));
    let plain = [("content-type", "text/plain"), ("content-encoding", "deflate")];
    let ndjson = [
        ("content-type", "application/x-ndjson"),
        ("content-encoding", "deflate"),
    ];
    // RFC 9110's deflate is zlib; several clients send raw DEFLATE. Every level, since a raw
    // stream's first bytes depend on it (a stored block, fixed or dynamic Huffman codes).
    let encode = |zlib: bool, level: u32, bytes: &[u8]| {
        let level = flate2::Compression::new(level);
        if zlib {
            compress(
                flate2::write::ZlibEncoder::new(Vec::new(), level),
                bytes,
                flate2::write::ZlibEncoder::finish,
            )
        } else {
            compress(
                flate2::write::DeflateEncoder::new(Vec::new(), level),
                bytes,
                flate2::write::DeflateEncoder::finish,
            )
        }
    };
    for zlib in [true, false] {
        for level in 0..=9 {
            let a = send_with(&app, "/v1/extract", &plain, encode(zlib, level, text.as_bytes())).await;
            assert_eq!(a.status, StatusCode::OK, "zlib {zlib}, level {level}: {}", a.text());
            assert!(speakers(&a.json()).iter().any(|s| s.contains("Vasquez")), "zlib {zlib}");
        }
        let a = send_with(&app, "/v1/extract/batch", &ndjson, encode(zlib, 6, line.as_bytes())).await;
        assert_eq!(a.status, StatusCode::OK, "zlib {zlib}");
        assert!(a.text().contains("Vasquez"), "zlib {zlib}: {}", a.text());
        // Over the limit once decoded, either way.
        let a = send_with(&app, "/v1/extract", &plain, encode(zlib, 6, &[b' '; 200_000])).await;
        assert_eq!(
            (a.status, a.kind().as_str()),
            (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            "zlib {zlib}"
        );
    }
    assert_eq!(raw_deflate(b"x"), encode(false, 1, b"x"));
    // Neither: a zlib header on a stream that does not follow, and bytes that are not DEFLATE.
    for body in [vec![0x78, 0x9c, 0xff, 0xff, 0xff], b"not deflate at all".to_vec()] {
        for (uri, headers) in [("/v1/extract", &plain), ("/v1/extract/batch", &ndjson)] {
            let a = send_with(&app, uri, headers, body.clone()).await;
            assert_eq!(
                (a.status, a.kind().as_str()),
                (StatusCode::BAD_REQUEST, "malformed_body"),
                "{uri} {body:?}"
            );
        }
    }
}

#[tokio::test]
async fn an_empty_compressed_body_is_answered_as_an_empty_body() {
    // Clients that compress every request send an empty body with the header still on.
    let app = app();
    for (uri, media) in [
        ("/v1/extract", "text/plain"),
        ("/v1/extract", "application/json"),
        ("/v1/extract", "text/html"),
        ("/v1/extract/batch", "application/x-ndjson"),
    ] {
        let plain = send_with(&app, uri, &[("content-type", media)], Vec::new()).await;
        for coding in ["gzip", "x-gzip", "deflate", "identity"] {
            let headers = [("content-type", media), ("content-encoding", coding)];
            let a = send_with(&app, uri, &headers, Vec::new()).await;
            assert_eq!(
                (a.status, a.text()),
                (plain.status, plain.text()),
                "{uri} {media} {coding}"
            );
        }
    }
    // What those are: an empty document for the one-document route (a record with no quotes,
    // as `saywho extract` gives an empty file), no lines for a batch.
    let a = send_with(&app, "/v1/extract", &[("content-type", "text/plain")], Vec::new()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text());
    assert_eq!(
        a.json(),
        json!({"schema_version": saywho_record::SCHEMA_VERSION, "id": "doc", "quotes": [], "entities": []})
    );
    let ndjson = [("content-type", "application/x-ndjson"), ("content-encoding", "gzip")];
    let a = send_with(&app, "/v1/extract/batch", &ndjson, Vec::new()).await;
    assert_eq!((a.status, a.text().as_str()), (StatusCode::OK, ""));
    // A coding the server does not read is still refused, empty or not.
    let br = [("content-type", "text/plain"), ("content-encoding", "br")];
    let a = send_with(&app, "/v1/extract", &br, Vec::new()).await;
    assert_eq!(
        (a.status, a.kind().as_str()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_stop_reading_a_batch_hold_no_slot() {
    use std::io::Write;
    // Two clients send a small gzip batch of many lines and never read the answer. Once the
    // socket's buffers are full the server stops writing; its slots must stay free for others
    // (taken inside the answer's stream, each was granted to a line no longer polled, and
    // another request waited for the 30 s write timeout).
    let config = Config {
        slots: 2,
        ..Config::default()
    };
    let (addr, shut_down) = running_server(router(config), Timeouts::default()).await;
    let body = gzip(&b"{\n".repeat(2_000_000));
    let head = format!(
        "POST /v1/extract/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut stalled = Vec::new();
    for _ in 0..2 {
        let mut stream = std::net::TcpStream::connect(addr).expect("connects");
        stream.write_all(head.as_bytes()).expect("writes");
        stream.write_all(&body).expect("writes");
        stalled.push(stream);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let url = format!("http://{addr}/v1/extract");
    let other = tokio::time::timeout(
        Duration::from_secs(10),
        common::request(hyper::Method::POST, &url, Some("text/plain"), b"a".to_vec()),
    )
    .await;
    assert_eq!(other.map(|a| a.status).ok(), Some(StatusCode::OK));
    drop(stalled);
    shut_down().await;
}

/// What `saywho extract` makes of one JSONL line (saywho-io's reader, then the engine): the
/// record's id and its error kind or quote count.
fn cli_answer(n: usize, line: &[u8]) -> (String, String) {
    let unit = saywho_io::Unit {
        position: format!("<stdin>:{n}"),
        payload: saywho_io::Payload::JsonLine {
            line: n,
            bytes: line.to_vec(),
        },
    };
    match saywho_io::prepare(unit, &saywho_io::Fields::default()) {
        Err(e) => (e.id, e.kind.to_string()),
        Ok(doc) => {
            let record = saywho::Engine::new().extract(&doc.id, &doc.text).expect("a record");
            (doc.id, format!("{} quotes", record.quotes.len()))
        }
    }
}

/// A batch's answers: each line's id and its error kind (and message) or quote count.
async fn batch_answers(lines: &[Vec<u8>]) -> Vec<(String, String, String)> {
    let a = send_with(
        &app(),
        "/v1/extract/batch",
        &[("content-type", "application/x-ndjson")],
        lines.join(&b"\n"[..]),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    a.text()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("a JSON line");
            let what = v["error"]["kind"].as_str().map_or_else(
                || format!("{} quotes", v["quotes"].as_array().map_or(0, Vec::len)),
                str::to_string,
            );
            let message = v["error"]["message"].as_str().unwrap_or_default().to_string();
            (v["id"].as_str().unwrap_or_default().to_string(), what, message)
        })
        .collect()
}

#[tokio::test]
async fn a_batch_answers_each_line_as_saywho_extract_does() {
    // The lines docs/SERVER.md says get the record or error kind `saywho extract` gives, same id.
    let agree: Vec<&[u8]> = vec![
        br#"{"id": "f", "text": ""}"#,
        br#"{"id": "w", "text": " \n "}"#,
        br#"{"id": "d", "text": 42}"#,
        br#"{"id": "n", "text": null}"#,
        br#"{"id": "b", "body": "no text field"}"#,
        "{\"id\": \"t\", \"text\": \"“Yes,” Ann Lee said.\", \"title\": 5, \"url\": []}".as_bytes(),
        "{\"id\": \"e\", \"text\": \"“Yes,” Ann Lee said.\", \"emit_text\": \"yes\"}".as_bytes(),
        br#"{"id": 3.5, "text": "x"}"#,
        br#"{"text": "x"}"#,
        b"{broken",
        b"[1, 2]",
        b"{\"id\": \"u\", \"text\": \"caf\xe9\"}",
    ];
    // The lines it says are answered differently: an html page (the CLI's JSONL reader has no
    // html field: missing_text) and both text and html (the CLI reads the text).
    let page = json!({"id": "h", "html": PAGE}).to_string();
    let both = br#"{"id": "th", "text": "x", "html": "<p>y</p>"}"#;
    let mut lines: Vec<Vec<u8>> = agree.iter().map(|l| l.to_vec()).collect();
    lines.extend([page.clone().into_bytes(), both.to_vec()]);
    let got = batch_answers(&lines).await;
    let kinds: Vec<(String, String)> = got.iter().map(|(id, what, _)| (id.clone(), what.clone())).collect();
    let expected: Vec<(String, String)> = agree.iter().enumerate().map(|(i, l)| cli_answer(i + 1, l)).collect();
    assert_eq!(kinds[..agree.len()], expected[..]);
    // The cases the two used to answer differently.
    assert_eq!(kinds[0], ("f".to_string(), "0 quotes".to_string()));
    assert_eq!(kinds[2], ("d".to_string(), "missing_text".to_string()));
    assert_eq!(kinds[6], ("e".to_string(), "1 quotes".to_string()));
    // Where they differ, as documented.
    let n = agree.len();
    assert_eq!(
        cli_answer(n + 1, page.as_bytes()),
        ("h".to_string(), "missing_text".to_string())
    );
    assert_eq!(kinds[n], ("h".to_string(), "1 quotes".to_string()));
    assert_eq!(cli_answer(n + 2, both), ("th".to_string(), "0 quotes".to_string()));
    assert_eq!(kinds[n + 1], ("th".to_string(), "malformed_json".to_string()));
    // A missing text is named with html too; the CLI names its text field alone.
    assert_eq!(got[4].2, "no string field \"text\" or \"html\"");
}

/// The `curl … /v1/extract … -d '{…}'` examples of a document, each with the answer shown on
/// the line after it: (body, answer).
fn curl_examples(doc: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut examples = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((_, rest)) = line.split_once(" -d '") else {
            continue;
        };
        // The command is on this line or, continued with `\`, on the one before (none for a
        // first line).
        let command = match (line.contains("curl"), i.checked_sub(1)) {
            (true, _) => *line,
            (false, Some(before)) => lines[before],
            (false, None) => continue,
        };
        if !command.contains("/v1/extract ") {
            continue;
        }
        let body = rest.trim_end().trim_end_matches('\'');
        if let Some(answer) = lines.get(i + 1).filter(|l| l.starts_with('{')) {
            examples.push((body.to_string(), answer.to_string()));
        }
    }
    examples
}

#[test]
fn curl_examples_are_read_from_any_line() {
    let doc = "  -d '{\"text\": \"x\"}'\n{\"a\": 1}\n$ curl -s localhost:8080/v1/extract \\\n  -d '{\"text\": \"y\"}'\n{\"b\": 2}\n";
    assert_eq!(
        curl_examples(doc),
        [("{\"text\": \"y\"}".to_string(), "{\"b\": 2}".to_string())]
    );
}

#[tokio::test]
async fn the_docs_curl_examples_show_the_real_answers() {
    let app = app();
    for doc in ["docs/SERVER.md", "README.md"] {
        let text = std::fs::read_to_string(common::repo_root().join(doc)).expect("the doc");
        let examples = curl_examples(&text);
        assert!(!examples.is_empty(), "{doc} shows a curl example");
        for (body, shown) in examples {
            let a = send(&app, "POST", "/v1/extract", Some("application/json"), body.clone()).await;
            assert_eq!(
                a.text(),
                shown,
                "{doc}: the answer to {body} is not the one shown; paste it"
            );
        }
    }
}
