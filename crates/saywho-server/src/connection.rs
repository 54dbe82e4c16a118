//! The connection loop: hyper's HTTP/1.1 server under the app, with what `axum::serve` does
//! not set. A client that sends no complete request head within [`HEADER_READ_TIMEOUT`] is
//! disconnected, whether it sent nothing, part of a request line, or nothing more after a
//! response (an idle keep-alive connection): without a timer hyper waits for ever, and idle
//! clients could hold every file descriptor the process has. At most [`MAX_CONNECTIONS`] are
//! open at once; more wait in the kernel's listen queue until one closes.

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

/// How long a client may take to send a request's head, counted from when the server starts
/// waiting for it (the connection's opening, or the end of the previous response).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(15);

/// Connections open at once; a small part of the usual file-descriptor limit (1,024 at the
/// least), so that the store, the logs and the listener always have some.
pub const MAX_CONNECTIONS: usize = 512;

/// After an `accept` error (out of file descriptors, most often), wait this long before the
/// next: retrying at once would spin, and log every few seconds.
const ACCEPT_BACKOFF: Duration = Duration::from_secs(1);

/// How long shutdown waits for the connections still open (a response being written to a
/// client that does not read it, a request head half sent) before it returns anyway.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Serves `app` on `listener` until `shutdown` completes, then lets the requests in flight
/// finish (connections close once their current response is written), for at most
/// [`SHUTDOWN_GRACE`].
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// let app = axum::Router::new();
/// saywho_server::serve(listener, app, saywho_server::shutdown_signal()).await
/// # }
/// ```
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with_header_timeout(listener, app, shutdown, HEADER_READ_TIMEOUT).await
}

/// [`serve`] with another time allowed for a request's head than [`HEADER_READ_TIMEOUT`].
pub async fn serve_with_header_timeout(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    header_read_timeout: Duration,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(header_read_timeout);
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    // Each connection holds a receiver; the sender's `closed` says when the last has ended.
    let (closing, closing_rx) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break, // the semaphore is never closed
            },
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A client that gave up before it was accepted is no error of the server's.
                Err(e) if matches!(e.kind(), std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset) => continue,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = app.clone().map_request(|req: Request<Incoming>| req.map(Body::new));
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let mut closing_rx = closing_rx.clone();
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(error = %e, "connection ended");
                    }
                }
                _ = closing_rx.changed() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(permit);
        });
    }
    drop(listener);
    drop(closing_rx);
    let _ = closing.send(true);
    if tokio::time::timeout(SHUTDOWN_GRACE, closing.closed()).await.is_err() {
        tracing::warn!(
            open = MAX_CONNECTIONS - open.available_permits(),
            "connections still open after the shutdown grace period"
        );
    }
    Ok(())
}
