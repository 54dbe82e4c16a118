//! Helpers shared by the saywho-io tests: temp folders, WARC building, pipeline runs.
#![allow(dead_code)]

use saywho_io::{pipeline, plan, FileSink, InputFormat, Options, OutputFormat, Quiet, Summary};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A fresh folder under the system temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("saywho-io-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).expect("fixture")
}

/// One WARC record; `http` is the whole block.
pub fn record(warc_type: &str, url: &str, id: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    saywho_io::write_warc_record(&mut out, warc_type, url, id, content_type, block).expect("write record");
    out
}

/// A WARC response record carrying an HTTP 200 response with `body`.
pub fn response(url: &str, id: &str, mime: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    http.extend_from_slice(body);
    record("response", url, id, "application/http; msgtype=response", &http)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

/// `records` written to `dir` twice: plain as `name`, and as `name.gz` with each record its own
/// gzip member (as Common Crawl and the Internet Archive write them).
pub fn plain_and_gzipped(dir: &TempDir, name: &str, records: &[Vec<u8>]) -> [PathBuf; 2] {
    let members: Vec<u8> = records.iter().flat_map(|r| gzip(r)).collect();
    [
        dir.write(name, &records.concat()),
        dir.write(&format!("{name}.gz"), &members),
    ]
}

/// Runs the pipeline over `inputs`, returning the summary, the output bytes and the errors file.
pub fn run(
    dir: &TempDir,
    inputs: &[PathBuf],
    forced: Option<InputFormat>,
    options: &Options,
) -> (Summary, Vec<u8>, String) {
    let plan = plan(inputs, forced);
    let out_path = dir.0.join(format!("out-{}", options.threads));
    let sink = FileSink::new(options.format, Box::new(std::fs::File::create(&out_path).expect("out"))).expect("sink");
    let mut errors = Vec::new();
    let summary = pipeline::run(
        &saywho::Engine::new(),
        &plan,
        options,
        sink,
        Some(&mut errors),
        &mut Quiet,
    )
    .expect("pipeline runs");
    let out = std::fs::read(&out_path).expect("read output");
    (summary, out, String::from_utf8(errors).expect("errors are UTF-8"))
}

pub fn jsonl_options(threads: usize) -> Options {
    Options {
        threads,
        format: OutputFormat::Jsonl { pretty: false },
        ..Options::default()
    }
}

pub fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}
