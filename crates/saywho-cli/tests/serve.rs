//! `saywho serve` as a user runs it: it binds a loopback port, answers with records that follow
//! the output schema, and stops cleanly on SIGTERM.

mod common;

use common::{repo_root, saywho, signal, validator};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// One HTTP/1.1 request on its own connection; the status line and the body.
fn http(addr: &str, method: &str, path: &str, content_type: &str, body: &[u8]) -> (String, String) {
    let mut stream = TcpStream::connect(addr).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a timeout");
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).expect("the request is sent");
    stream.write_all(body).expect("the body is sent");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    let status = answer.lines().next().unwrap_or("").to_string();
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
    (status, body)
}

#[cfg(unix)]
#[test]
fn serve_answers_on_loopback_and_stops_on_sigterm() {
    let mut child = saywho()
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("saywho serve starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("a first line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    assert!(addr.starts_with("127.0.0.1:"), "{line}");

    let article = std::fs::read(repo_root().join("examples/article.txt")).expect("example");
    let (status, body) = http(&addr, "POST", "/v1/extract", "text/plain", &article);
    assert!(status.contains(" 200 "), "{status}: {body}");
    let record: serde_json::Value = serde_json::from_str(&body).expect("a JSON record");
    let errors: Vec<String> = validator().iter_errors(&record).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    signal(&child, "TERM");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("a status") {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "saywho serve did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).expect("the rest of stderr");
    assert!(status.success(), "{status}: {rest}");
    assert!(rest.contains("stopped"), "{rest}");
}

#[test]
fn serve_warns_when_not_on_loopback() {
    // An address that cannot be bound here: the warning comes first, then the error.
    let out = saywho()
        .args(["serve", "--addr", "192.0.2.1:1"])
        .output()
        .expect("saywho serve runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: 192.0.2.1:1 is not a loopback address"),
        "{stderr}"
    );
    assert!(!out.status.success());
}
