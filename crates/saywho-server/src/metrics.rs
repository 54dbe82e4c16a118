//! `/metrics` in the Prometheus text format, written by hand: a few counters and one histogram
//! do not justify a metrics crate and its registry.

use crate::limit::Limiter;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Upper bounds of the latency histogram's buckets, in seconds: an extraction of a news
/// article takes about a millisecond, a queue at saturation adds up to seconds.
const BUCKETS: [f64; 14] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The error kind of a response, attached by [`crate::ApiError`] so that the metrics layer can
/// count errors by kind without parsing bodies.
#[derive(Debug, Clone, Copy)]
pub struct ErrorTag(pub &'static str);

#[derive(Debug, Default)]
struct Histogram {
    /// Observations at or under each bound (not cumulative; summed when rendered).
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        if let Some(i) = BUCKETS.iter().position(|&b| seconds <= b) {
            self.buckets[i] += 1;
        }
        self.count += 1;
        self.sum += seconds;
    }
}

#[derive(Debug, Default)]
struct Http {
    requests: BTreeMap<(&'static str, u16), u64>,
    latency: BTreeMap<&'static str, Histogram>,
    errors: BTreeMap<&'static str, u64>,
}

/// The server's counters. Shared by every request; one short lock per request.
#[derive(Debug)]
pub struct Metrics {
    http: Mutex<Http>,
    documents: AtomicU64,
    quotes: AtomicU64,
    started: Instant,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            http: Mutex::default(),
            documents: AtomicU64::new(0),
            quotes: AtomicU64::new(0),
            started: Instant::now(),
        }
    }
}

impl Metrics {
    /// A request to `route` answered with `status` after `elapsed` (until its headers: a
    /// streamed body may go on after), failed with `error` if any.
    pub fn observe(&self, route: &'static str, status: u16, elapsed: Duration, error: Option<&'static str>) {
        // A poisoned lock only means another request panicked while counting; the counts are
        // still usable.
        let mut http = self.http.lock().unwrap_or_else(|e| e.into_inner());
        *http.requests.entry((route, status)).or_default() += 1;
        http.latency.entry(route).or_default().observe(elapsed.as_secs_f64());
        if let Some(kind) = error {
            *http.errors.entry(kind).or_default() += 1;
        }
    }

    /// A document extracted with `quotes` quotes.
    pub fn document(&self, quotes: usize) {
        self.documents.fetch_add(1, Ordering::Relaxed);
        self.quotes.fetch_add(quotes as u64, Ordering::Relaxed);
    }

    /// A document of a batch that failed (its error line is in the stream, the response is 200).
    pub fn document_error(&self, kind: &'static str) {
        let mut http = self.http.lock().unwrap_or_else(|e| e.into_inner());
        *http.errors.entry(kind).or_default() += 1;
    }

    /// Documents extracted so far.
    pub fn documents(&self) -> u64 {
        self.documents.load(Ordering::Relaxed)
    }

    /// Everything, in the Prometheus text exposition format (version 0.0.4).
    pub fn render(&self, limiter: &Limiter, slots: usize) -> String {
        let mut out = String::with_capacity(4096);
        let http = self.http.lock().unwrap_or_else(|e| e.into_inner());
        // `write!` into a String cannot fail.
        let mut line = |s: std::fmt::Arguments| {
            let _ = out.write_fmt(s);
            out.push('\n');
        };
        line(format_args!(
            "# HELP saywho_http_requests_total HTTP requests answered, by route and status."
        ));
        line(format_args!("# TYPE saywho_http_requests_total counter"));
        for ((route, status), n) in &http.requests {
            line(format_args!(
                "saywho_http_requests_total{{route=\"{route}\",status=\"{status}\"}} {n}"
            ));
        }
        line(format_args!(
            "# HELP saywho_http_request_duration_seconds Time to answer a request (until its headers), by route."
        ));
        line(format_args!("# TYPE saywho_http_request_duration_seconds histogram"));
        for (route, h) in &http.latency {
            let mut cumulative = 0;
            for (bound, n) in BUCKETS.iter().zip(h.buckets) {
                cumulative += n;
                line(format_args!(
                    "saywho_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                ));
            }
            let name = "saywho_http_request_duration_seconds";
            line(format_args!(
                "{name}_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            ));
            line(format_args!("{name}_sum{{route=\"{route}\"}} {}", h.sum));
            line(format_args!("{name}_count{{route=\"{route}\"}} {}", h.count));
        }
        line(format_args!(
            "# HELP saywho_errors_total Failed requests and failed documents of batches, by error kind."
        ));
        line(format_args!("# TYPE saywho_errors_total counter"));
        for (kind, n) in &http.errors {
            line(format_args!("saywho_errors_total{{kind=\"{kind}\"}} {n}"));
        }
        let gauges: [(&str, &str, &str, u64); 6] = [
            (
                "saywho_documents_total",
                "counter",
                "Documents extracted.",
                self.documents(),
            ),
            (
                "saywho_quotes_total",
                "counter",
                "Quotes found.",
                self.quotes.load(Ordering::Relaxed),
            ),
            (
                "saywho_extraction_slots",
                "gauge",
                "Extractions that may run at once.",
                slots as u64,
            ),
            (
                "saywho_extractions_running",
                "gauge",
                "Extractions running now.",
                slots.saturating_sub(limiter.free_slots()) as u64,
            ),
            (
                "saywho_extractions_waiting",
                "gauge",
                "Requests waiting for a slot.",
                limiter.waiting() as u64,
            ),
            (
                "saywho_uptime_seconds",
                "gauge",
                "Seconds since the server started.",
                self.started.elapsed().as_secs(),
            ),
        ];
        for (name, kind, help, value) in gauges {
            line(format_args!("# HELP {name} {help}"));
            line(format_args!("# TYPE {name} {kind}"));
            line(format_args!("{name} {value}"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_histogram_is_cumulative_and_counts_every_request() {
        let m = Metrics::default();
        m.observe("/v1/extract", 200, Duration::from_micros(300), None);
        m.observe("/v1/extract", 200, Duration::from_millis(20), None);
        m.observe("/v1/extract", 413, Duration::from_secs(60), Some("too_large"));
        m.document(11);
        let text = m.render(&Limiter::new(2, 0), 2);
        for expected in [
            "saywho_http_requests_total{route=\"/v1/extract\",status=\"200\"} 2",
            "saywho_http_requests_total{route=\"/v1/extract\",status=\"413\"} 1",
            "saywho_http_request_duration_seconds_bucket{route=\"/v1/extract\",le=\"0.0005\"} 1",
            "saywho_http_request_duration_seconds_bucket{route=\"/v1/extract\",le=\"0.025\"} 2",
            "saywho_http_request_duration_seconds_bucket{route=\"/v1/extract\",le=\"10\"} 2",
            "saywho_http_request_duration_seconds_bucket{route=\"/v1/extract\",le=\"+Inf\"} 3",
            "saywho_http_request_duration_seconds_count{route=\"/v1/extract\"} 3",
            "saywho_errors_total{kind=\"too_large\"} 1",
            "saywho_quotes_total 11",
            "saywho_extractions_running 0",
        ] {
            assert!(text.lines().any(|l| l == expected), "{expected} not in\n{text}");
        }
    }
}
