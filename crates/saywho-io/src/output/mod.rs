//! Outputs: each document's result is rendered in the worker ([`render`]) and written, in
//! order, by one [`Sink`]. JSONL keeps one line per document; CSV and Parquet one row per quote
//! ([`QuoteRow`]).

mod parquet;
mod rows;
mod text;

pub use self::parquet::{parquet_schema, ParquetSink};
pub use rows::{quote_rows, QuoteRow, COLUMNS};

use crate::doc::Output;
use crate::error::{DocError, Error, Result};
use std::io::Write;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// One JSON object per document (`pretty`: indented).
    Jsonl {
        /// Indent the JSON.
        pretty: bool,
    },
    /// A listing for a person to read.
    Text,
    /// One row per quote, with a header line.
    Csv,
    /// One row per quote, in a Parquet file.
    Parquet,
}

/// A rendered result: the bytes for a byte-oriented format, or rows for Parquet.
#[derive(Debug)]
pub enum Body {
    /// Ready to write.
    Bytes(Vec<u8>),
    /// Rows to append.
    Rows(Vec<QuoteRow>),
}

/// Renders one document's output (or error) for `format`.
///
/// ```
/// use saywho_io::{render, Body, Output, OutputFormat};
/// let record = saywho::Engine::new().extract("a", "“Yes,” Ann Lee said.");
/// let out = Output { record, meta: Default::default(), text: None };
/// let Body::Bytes(line) = render(Ok(&out), OutputFormat::Jsonl { pretty: false }).unwrap() else { panic!() };
/// assert!(line.starts_with(br#"{"schema_version":"1.0","id":"a","quotes":[{"text":"Yes,""#));
/// ```
pub fn render(result: std::result::Result<&Output, &DocError>, format: OutputFormat) -> Result<Body> {
    // Sized for a typical record (a few kB) plus any text it carries, so the buffer is not
    // regrown and copied several times per document.
    let text_len = result.ok().and_then(|out| out.text.as_ref()).map_or(0, String::len);
    let mut bytes = Vec::with_capacity(4096 + text_len);
    match (format, result) {
        (OutputFormat::Jsonl { pretty }, Ok(out)) => json_line(&mut bytes, out, pretty)?,
        (OutputFormat::Jsonl { pretty }, Err(e)) => json_line(&mut bytes, &e.record(), pretty)?,
        (OutputFormat::Text, Ok(out)) => text::write_listing(&mut bytes, &out.record).map_err(Error::Write)?,
        // The listing is for people; failures are reported on stderr.
        (OutputFormat::Text, Err(_)) => {}
        (OutputFormat::Csv, result) => {
            let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(&mut bytes);
            for row in quote_rows(result) {
                writer.serialize(row)?;
            }
            writer.flush().map_err(Error::Write)?;
        }
        (OutputFormat::Parquet, result) => return Ok(Body::Rows(quote_rows(result))),
    }
    Ok(Body::Bytes(bytes))
}

fn json_line<T: serde::Serialize>(out: &mut Vec<u8>, value: &T, pretty: bool) -> Result<()> {
    let written = if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    written.map_err(|e| Error::Write(e.into()))?;
    out.push(b'\n');
    Ok(())
}

/// Where rendered results go, in order.
pub enum Sink {
    /// JSONL, text or CSV bytes.
    Bytes(Box<dyn Write + Send>),
    /// A Parquet file.
    Parquet(Box<ParquetSink>),
}

impl Sink {
    /// A sink for `format` over `out`; CSV starts with its header line.
    pub fn new(format: OutputFormat, mut out: Box<dyn Write + Send>) -> Result<Sink> {
        match format {
            OutputFormat::Parquet => Ok(Sink::Parquet(Box::new(ParquetSink::new(out)?))),
            OutputFormat::Csv => {
                out.write_all(COLUMNS.join(",").as_bytes()).map_err(Error::Write)?;
                out.write_all(b"\n").map_err(Error::Write)?;
                Ok(Sink::Bytes(out))
            }
            _ => Ok(Sink::Bytes(out)),
        }
    }

    /// Writes one rendered result.
    pub fn write(&mut self, body: Body) -> Result<()> {
        match (self, body) {
            (Sink::Bytes(out), Body::Bytes(b)) => out.write_all(&b).map_err(Error::Write),
            (Sink::Parquet(p), Body::Rows(rows)) => p.append(rows),
            // A mismatch is a bug in the pipeline: render and sink were built for one format.
            _ => Err(Error::Thread("a result rendered for another output format".into())),
        }
    }

    /// Flushes and closes the output.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Bytes(mut out) => out.flush().map_err(Error::Write),
            Sink::Parquet(p) => p.finish(),
        }
    }
}
