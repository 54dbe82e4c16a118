//! A small HTTP load client for `saywho serve`: N keep-alive connections post ~5 KB articles to
//! `/v1/extract` until a request count or a time limit is reached, then it prints throughput,
//! latency percentiles, statuses and the server's peak resident memory as one JSON line.
//!
//! Loopback only: it refuses any other address, so it can never load someone else's server.
//!
//! ```sh
//! cargo run --release -p saywho-server --example loadgen -- \
//!     --url http://127.0.0.1:8080 --connections 100 --requests 20000 --seconds 20 --pid $SERVER_PID
//! ```
//! `scripts/bench-serve` runs it at 10, 100 and 1,000 connections against a release server.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Args {
    url: String,
    connections: usize,
    requests: usize,
    seconds: f64,
    pid: Option<u32>,
    doc_bytes: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        url: "http://127.0.0.1:8080".into(),
        connections: 10,
        requests: 10_000,
        seconds: 20.0,
        pid: None,
        doc_bytes: 5_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |e: std::num::ParseIntError| format!("{flag}: {e}");
        match flag.as_str() {
            "--url" => args.url = value,
            "--connections" => args.connections = value.parse().map_err(bad)?,
            "--requests" => args.requests = value.parse().map_err(bad)?,
            "--seconds" => args.seconds = value.parse().map_err(|e| format!("{flag}: {e}"))?,
            "--pid" => args.pid = Some(value.parse().map_err(bad)?),
            "--doc-bytes" => args.doc_bytes = value.parse().map_err(bad)?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    let host = args
        .url
        .trim_start_matches("http://")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    if !(host == "localhost" || host.starts_with("127.") || host == "[::1]") {
        return Err(format!(
            "{} is not a loopback address; loadgen only loads this machine",
            args.url
        ));
    }
    Ok(args)
}

/// A news article of about `bytes` bytes: the example article's paragraphs, repeated.
fn article(bytes: usize) -> String {
    let example = include_str!("../../../examples/article.txt");
    let mut text = String::new();
    for paragraph in example.split("\n\n").cycle() {
        if text.len() >= bytes {
            break;
        }
        text.push_str(paragraph.trim());
        text.push_str("\n\n");
    }
    text
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u32>,
    ok: u64,
    overloaded: u64,
    other: u64,
    connection_errors: u64,
}

/// One connection: sends requests while there are any left and time remains.
async fn connection(url: Arc<hyper::Uri>, body: Bytes, left: Arc<AtomicUsize>, deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    let authority = url.authority().map(|a| a.to_string()).unwrap_or_default();
    'reconnect: while Instant::now() < deadline && left.load(Ordering::Relaxed) > 0 {
        let Ok(stream) = tokio::net::TcpStream::connect(&authority).await else {
            tally.connection_errors += 1;
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        let Ok((mut sender, conn)) = hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream)).await
        else {
            tally.connection_errors += 1;
            continue;
        };
        tokio::spawn(conn);
        while Instant::now() < deadline {
            // Take one request from the shared budget.
            if left
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                .is_err()
            {
                break 'reconnect;
            }
            let request = hyper::Request::post("/v1/extract")
                .header(hyper::header::HOST, authority.as_str())
                .header(hyper::header::CONTENT_TYPE, "text/plain")
                .body(Full::new(body.clone()));
            let Ok(request) = request else { break 'reconnect };
            let start = Instant::now();
            let answer = match sender.send_request(request).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    response.into_body().collect().await.map(|_| status).ok()
                }
                Err(_) => None,
            };
            let micros = start.elapsed().as_micros().min(u32::MAX as u128) as u32;
            match answer {
                Some(200) => {
                    tally.ok += 1;
                    tally.latencies_us.push(micros);
                }
                Some(503) => tally.overloaded += 1,
                Some(_) => tally.other += 1,
                None => {
                    tally.connection_errors += 1;
                    continue 'reconnect;
                }
            }
        }
        break;
    }
    tally
}

/// The resident memory of process `pid` now, in kB.
fn rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("loadgen: {e}");
            std::process::exit(2);
        }
    };
    let url: hyper::Uri = match args.url.parse() {
        Ok(url) => url,
        Err(e) => {
            eprintln!("loadgen: bad --url: {e}");
            std::process::exit(2);
        }
    };
    let url = Arc::new(url);
    let body = Bytes::from(article(args.doc_bytes));
    let left = Arc::new(AtomicUsize::new(args.requests));
    let peak_rss = Arc::new(AtomicU64::new(0));
    let sampling = args.pid.map(|pid| {
        let peak = peak_rss.clone();
        tokio::spawn(async move {
            loop {
                if let Some(kb) = rss_kb(pid) {
                    peak.fetch_max(kb, Ordering::Relaxed);
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    });
    let start = Instant::now();
    let deadline = start + Duration::from_secs_f64(args.seconds);
    let tasks: Vec<_> = (0..args.connections)
        .map(|_| tokio::spawn(connection(url.clone(), body.clone(), left.clone(), deadline)))
        .collect();
    let mut all = Tally::default();
    for task in tasks {
        if let Ok(t) = task.await {
            all.latencies_us.extend(t.latencies_us);
            all.ok += t.ok;
            all.overloaded += t.overloaded;
            all.other += t.other;
            all.connection_errors += t.connection_errors;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    if let Some(sampling) = sampling {
        sampling.abort();
    }
    all.latencies_us.sort_unstable();
    let report = serde_json::json!({
        "connections": args.connections,
        "doc_bytes": body.len(),
        "seconds": (elapsed * 100.0).round() / 100.0,
        "ok": all.ok,
        "overloaded_503": all.overloaded,
        "other_status": all.other,
        "connection_errors": all.connection_errors,
        "extractions_per_s": (all.ok as f64 / elapsed).round(),
        "p50_ms": percentile(&all.latencies_us, 0.50),
        "p90_ms": percentile(&all.latencies_us, 0.90),
        "p99_ms": percentile(&all.latencies_us, 0.99),
        "max_ms": percentile(&all.latencies_us, 1.0),
        "server_peak_rss_mb": args.pid.map(|_| (peak_rss.load(Ordering::Relaxed) as f64 / 1024.0).round()),
    });
    println!("{report}");
}
