//! The connection loop: hyper's HTTP/1.1 server under the app, with what `axum::serve` does
//! not set. A client that sends no complete request head within [`HEADER_READ_TIMEOUT`] is
//! disconnected, whether it sent nothing, part of a request line, or nothing more after a
//! response (an idle keep-alive connection): without a timer hyper waits for ever, and idle
//! clients could hold every file descriptor the process has. A response that cannot be written
//! for [`WRITE_STALL_TIMEOUT`] (a client that stopped reading, its receive window full) ends its
//! connection too: hyper would wait for the window to open for ever. At most
//! [`MAX_CONNECTIONS`] are open at once; more wait in the kernel's listen queue until one closes.

use axum::body::Body;
use axum::extract::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::{watch, Semaphore};
use tokio::time::Sleep;
use tower::ServiceExt;

/// How long a client may take to send a request's head, counted from when the server starts
/// waiting for it (the connection's opening, or the end of the previous response).
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(15);

/// How long a write may make no progress (not one byte taken by the client's side) before the
/// connection is closed.
pub const WRITE_STALL_TIMEOUT: Duration = Duration::from_secs(30);

/// The time limits of a connection (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// For a request's head, counted from when the server starts waiting for it (the
    /// connection's opening, or the end of the previous response).
    pub header_read: Duration,
    /// For a write that makes no progress.
    pub write_stall: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            header_read: HEADER_READ_TIMEOUT,
            write_stall: WRITE_STALL_TIMEOUT,
        }
    }
}

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
    serve_with_timeouts(listener, app, shutdown, Timeouts::default()).await
}

/// [`serve`] with other time limits than the defaults.
pub async fn serve_with_timeouts(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    timeouts: Timeouts,
) -> std::io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(timeouts.header_read);
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
        let stream = WriteStallLimit::new(stream, timeouts.write_stall);
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

/// A stream whose writes fail with `TimedOut` once one has waited `limit` without progress.
struct WriteStallLimit<S> {
    inner: S,
    limit: Duration,
    /// Started when a write first waits; dropped when one makes progress.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<S> WriteStallLimit<S> {
    fn new(inner: S, limit: Duration) -> Self {
        WriteStallLimit {
            inner,
            limit,
            stalled: None,
        }
    }

    /// `poll` (a write, flush or shutdown of the inner stream) under the limit.
    fn limited<T>(&mut self, cx: &mut Context<'_>, poll: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        if poll.is_ready() {
            self.stalled = None;
            return poll;
        }
        let limit = self.limit;
        let timer = self.stalled.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("the client took no bytes for {limit:?}"),
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteStallLimit<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WriteStallLimit<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.limited(cx, poll)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.limited(cx, poll)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_flush(cx);
        self.limited(cx, poll)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let poll = Pin::new(&mut self.inner).poll_shutdown(cx);
        self.limited(cx, poll)
    }
}
