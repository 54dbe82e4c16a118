//! Outputs: each document's result is rendered in the worker ([`render`]) and written, in
//! order, by one [`Sink`]. JSONL keeps one line per document; CSV and Parquet one row per quote
//! ([`QuoteRow`]).

#[cfg(feature = "arrow")]
mod arrow;
mod json;
#[cfg(feature = "parquet")]
mod parquet;
mod rows;
mod text;

#[cfg(feature = "arrow")]
pub use self::arrow::{quote_batch, quote_schema};
#[cfg(feature = "parquet")]
pub use self::parquet::ParquetSink;
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
/// let record = saywho::Engine::new().extract("a", "“Yes,” Ann Lee said.").unwrap();
/// let out = Output { record, meta: Default::default(), text: None };
/// let Body::Bytes(line) = render(Ok(&out), OutputFormat::Jsonl { pretty: false }).unwrap() else { panic!() };
/// assert!(line.starts_with(br#"{"schema_version":"1.2","id":"a","quotes":[{"text":"Yes,""#));
/// ```
pub fn render(result: std::result::Result<&Output, &DocError>, format: OutputFormat) -> Result<Body> {
    // Sized for a typical record (a few kB) plus any text it carries, so the buffer is not
    // regrown and copied several times per document.
    let text_len = result.ok().and_then(|out| out.text.as_ref()).map_or(0, String::len);
    let mut bytes = Vec::with_capacity(4096 + text_len);
    match (format, result) {
        (OutputFormat::Jsonl { pretty: false }, Ok(out)) => {
            json::write_output(&mut bytes, out);
            bytes.push(b'\n');
        }
        (OutputFormat::Jsonl { pretty }, Ok(out)) => json_line(&mut bytes, out, pretty)?,
        (OutputFormat::Jsonl { pretty }, Err(e)) => json_line(&mut bytes, &e.record(), pretty)?,
        (OutputFormat::Text, Ok(out)) => text::write_listing(&mut bytes, &out.record).map_err(Error::Write)?,
        (OutputFormat::Text, Err(e)) => text::write_failure(&mut bytes, e).map_err(Error::Write)?,
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

/// Where each document's result goes, in input order (or as results finish).
///
/// A sink comes in two halves so that the costly part runs in parallel: its [`Render`] turns a
/// result into an item on the worker threads (JSON bytes, CSV bytes, rows), and the sink
/// itself writes items one by one on the writer thread. A store or a server implements it to
/// receive each [`Output`] whole (its `Render` hands the value over unchanged).
pub trait Sink {
    /// What the workers make of results for this sink.
    type Render: Render;
    /// The worker-side half, shared by every worker.
    fn render(&self) -> Self::Render;
    /// Writes one item (called on the writer thread, in order).
    fn write(&mut self, item: <Self::Render as Render>::Item) -> Result<()>;
    /// Flushes and closes the output once every item is written.
    fn finish(self) -> Result<()>;
}

/// The worker-side half of a [`Sink`]: turns one document's result into an item to write.
pub trait Render: Sync {
    /// What is handed to [`Sink::write`].
    type Item: Send;
    /// Makes the item for a document's output, or for its error.
    fn render(&self, result: std::result::Result<Output, &DocError>) -> Result<Self::Item>;
}

/// Renders results for one [`OutputFormat`] ([`render`]).
#[derive(Debug, Clone, Copy)]
pub struct FormatRender(pub OutputFormat);

impl Render for FormatRender {
    type Item = Body;
    fn render(&self, result: std::result::Result<Output, &DocError>) -> Result<Body> {
        render(result.as_ref().map_err(|e| *e), self.0)
    }
}

/// The sink of `saywho extract`: JSONL, text or CSV bytes to a writer, or a Parquet file.
pub enum FileSink {
    /// JSONL, text or CSV bytes (`format` is what they are rendered as).
    Bytes {
        /// The rendering.
        format: OutputFormat,
        /// Where the bytes go.
        out: Box<dyn Write + Send>,
    },
    /// A Parquet file.
    #[cfg(feature = "parquet")]
    Parquet(Box<ParquetSink>),
}

impl FileSink {
    /// A sink for `format` over `out`; CSV starts with its header line.
    pub fn new(format: OutputFormat, mut out: Box<dyn Write + Send>) -> Result<FileSink> {
        match format {
            #[cfg(feature = "parquet")]
            OutputFormat::Parquet => Ok(FileSink::Parquet(Box::new(ParquetSink::new(out)?))),
            #[cfg(not(feature = "parquet"))]
            OutputFormat::Parquet => Err(Error::Unsupported(
                "Parquet output (this build of saywho-io has its cargo feature `parquet` off)",
            )),
            OutputFormat::Csv => {
                out.write_all(COLUMNS.join(",").as_bytes()).map_err(Error::Write)?;
                out.write_all(b"\n").map_err(Error::Write)?;
                Ok(FileSink::Bytes { format, out })
            }
            _ => Ok(FileSink::Bytes { format, out }),
        }
    }

    /// A sink that continues an output an earlier run began (`--resume`): [`FileSink::new`]
    /// without the CSV header, which the output already has. Parquet is an `Unsupported`
    /// error: its footer, written last, indexes the whole file, so rows cannot be appended.
    pub fn appending(format: OutputFormat, out: Box<dyn Write + Send>) -> Result<FileSink> {
        match format {
            OutputFormat::Parquet => Err(Error::Unsupported(
                "appending to Parquet (its footer indexes the whole file, so a finished file cannot grow)",
            )),
            _ => Ok(FileSink::Bytes { format, out }),
        }
    }
}

impl Sink for FileSink {
    type Render = FormatRender;

    fn render(&self) -> FormatRender {
        match self {
            FileSink::Bytes { format, .. } => FormatRender(*format),
            #[cfg(feature = "parquet")]
            FileSink::Parquet(_) => FormatRender(OutputFormat::Parquet),
        }
    }

    fn write(&mut self, body: Body) -> Result<()> {
        match (self, body) {
            (FileSink::Bytes { out, .. }, Body::Bytes(b)) => out.write_all(&b).map_err(Error::Write),
            #[cfg(feature = "parquet")]
            (FileSink::Parquet(p), Body::Rows(rows)) => p.append(rows),
            // A mismatch is a bug in the pipeline: render and sink were built for one format.
            _ => Err(Error::Thread("a result rendered for another output format".into())),
        }
    }

    fn finish(self) -> Result<()> {
        match self {
            FileSink::Bytes { mut out, .. } => out.flush().map_err(Error::Write),
            #[cfg(feature = "parquet")]
            FileSink::Parquet(p) => p.finish(),
        }
    }
}

/// A sink that keeps every result in memory, in order: for tests, and for a caller that
/// wants values rather than bytes.
///
/// ```
/// use saywho_io::{pipeline, plan, Collect, Options, Quiet};
/// let dir = std::env::temp_dir().join(format!("saywho-collect-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let file = dir.join("a.txt");
/// std::fs::write(&file, "“Yes,” Ann Lee said.").unwrap();
/// let mut results = Vec::new();
/// pipeline::run(&saywho::Engine::new(), &plan(&[file], None), &Options::default(), Collect(&mut results), None, &mut Quiet).unwrap();
/// assert_eq!(results[0].as_ref().unwrap().record.quotes.len(), 1);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Debug)]
pub struct Collect<'a>(pub &'a mut Vec<std::result::Result<Output, DocError>>);

/// The [`Render`] of sinks that take results as they are.
#[derive(Debug, Clone, Copy, Default)]
pub struct AsIs;

impl Render for AsIs {
    type Item = std::result::Result<Output, DocError>;
    fn render(&self, result: std::result::Result<Output, &DocError>) -> Result<Self::Item> {
        Ok(result.map_err(Clone::clone))
    }
}

impl Sink for Collect<'_> {
    type Render = AsIs;
    fn render(&self) -> AsIs {
        AsIs
    }
    fn write(&mut self, item: std::result::Result<Output, DocError>) -> Result<()> {
        self.0.push(item);
        Ok(())
    }
    fn finish(self) -> Result<()> {
        Ok(())
    }
}
