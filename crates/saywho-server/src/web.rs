//! The web page and its assets, compiled into the binary (`include_str!`): nothing is fetched
//! from the network, and there is no build step. Every response also gets the security
//! headers here, so that a page showing hostile article text cannot be made to run script.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// A file of the page: its path, media type and contents.
struct Asset {
    path: &'static str,
    media: &'static str,
    body: &'static str,
}

const ASSETS: &[Asset] = &[
    Asset {
        path: "/",
        media: "text/html; charset=utf-8",
        body: include_str!("../web/index.html"),
    },
    Asset {
        path: "/app.js",
        media: "text/javascript; charset=utf-8",
        body: include_str!("../web/app.js"),
    },
    Asset {
        path: "/common.js",
        media: "text/javascript; charset=utf-8",
        body: include_str!("../web/common.js"),
    },
    Asset {
        path: "/style.css",
        media: "text/css; charset=utf-8",
        body: include_str!("../web/style.css"),
    },
    Asset {
        path: "/example.txt",
        media: "text/plain; charset=utf-8",
        body: include_str!("../web/example.txt"),
    },
    Asset {
        path: "/api",
        media: "text/html; charset=utf-8",
        body: include_str!("../web/api.html"),
    },
    Asset {
        path: "/api.js",
        media: "text/javascript; charset=utf-8",
        body: include_str!("../web/api.js"),
    },
];

/// The corpus page's files, served with `--db` only.
const CORPUS_ASSETS: &[Asset] = &[
    Asset {
        path: "/corpus",
        media: "text/html; charset=utf-8",
        body: include_str!("../web/corpus.html"),
    },
    Asset {
        path: "/corpus.js",
        media: "text/javascript; charset=utf-8",
        body: include_str!("../web/corpus.js"),
    },
];

/// The paths of the page's files.
pub fn paths() -> impl Iterator<Item = &'static str> {
    ASSETS.iter().map(|a| a.path)
}

/// The paths of the corpus page's files.
pub fn corpus_paths() -> impl Iterator<Item = &'static str> {
    CORPUS_ASSETS.iter().map(|a| a.path)
}

/// A router serving every asset.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    serve(ASSETS)
}

/// A router serving the corpus page.
pub fn corpus_router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    serve(CORPUS_ASSETS)
}

fn serve<S: Clone + Send + Sync + 'static>(assets: &'static [Asset]) -> Router<S> {
    assets.iter().fold(Router::new(), |router, asset| {
        let (media, body) = (asset.media, asset.body);
        router.route(
            asset.path,
            get(move || async move {
                // Small files that change with the binary: always revalidate.
                (
                    [(header::CONTENT_TYPE, media), (header::CACHE_CONTROL, "no-cache")],
                    body,
                )
                    .into_response()
            }),
        )
    })
}

/// The Content-Security-Policy of every response: scripts and styles only from this server's
/// own files (no inline script, no `eval`), no plugins, no framing, no other origins.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Adds the security headers to a response.
pub async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}
