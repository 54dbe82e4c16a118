//! Helpers shared by the integration tests: an HTTP/1.1 client over hyper (for the tests that
//! talk to a real socket: a running server, ChromeDriver) and the example articles.
#![allow(dead_code)] // each test binary uses a part

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{HeaderMap, Method, Request, StatusCode};
use std::path::PathBuf;

/// An answer: status, headers and the whole body.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    /// The error kind of an error answer, checking its shape.
    pub fn kind(&self) -> String {
        let v = self.json();
        assert!(v["error"]["message"].is_string(), "{v}");
        v["error"]["kind"].as_str().unwrap_or_default().to_string()
    }
}

/// One request through the router, without a socket.
pub async fn send(
    app: &axum::Router,
    method: &str,
    uri: &str,
    content_type: Option<&str>,
    body: impl Into<axum::body::Body>,
) -> Answer {
    use tower::ServiceExt;
    let mut request = axum::http::Request::builder().method(method).uri(uri);
    if let Some(ct) = content_type {
        request = request.header(hyper::header::CONTENT_TYPE, ct);
    }
    let response = app
        .clone()
        .oneshot(request.body(body.into()).expect("a request"))
        .await
        .expect("the router never fails");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("a body").to_bytes();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// One request on a new connection to `url` (`http://host:port/path`).
pub async fn request(method: Method, url: &str, content_type: Option<&str>, body: Vec<u8>) -> Answer {
    let uri: hyper::Uri = url.parse().expect("a valid URL");
    let authority = uri.authority().expect("a host and port").clone();
    let stream = tokio::net::TcpStream::connect(authority.as_str())
        .await
        .unwrap_or_else(|e| panic!("cannot connect to {authority}: {e}"));
    let (mut sender, conn) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
        .await
        .expect("an HTTP/1.1 handshake");
    tokio::spawn(conn);
    let mut builder = Request::builder()
        .method(method)
        .uri(uri.path_and_query().map_or("/", |p| p.as_str()))
        .header(hyper::header::HOST, authority.as_str());
    if let Some(ct) = content_type {
        builder = builder.header(hyper::header::CONTENT_TYPE, ct);
    }
    let response = sender
        .send_request(builder.body(Full::new(Bytes::from(body))).expect("a request"))
        .await
        .expect("an answer");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("the whole body").to_bytes();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// The repository's root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The seed article and its gold annotations, when `../shared` is there.
pub fn seed() -> Option<(String, serde_json::Value)> {
    let dir = repo_root().join("../shared/seed");
    let text = std::fs::read_to_string(dir.join("article.txt")).ok()?;
    let gold = std::fs::read_to_string(dir.join("gold.json")).ok()?;
    Some((text, serde_json::from_str(&gold).expect("gold.json is JSON")))
}
