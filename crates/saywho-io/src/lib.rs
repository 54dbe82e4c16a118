//! saywho-io: whole corpora in and out of the saywho engine.
//!
//! Inputs are plain text, JSONL (optionally gzip or zstd), HTML pages (main text and metadata
//! extracted), WARC and ARC files (HTML responses); outputs are JSONL, CSV and Parquet. The
//! [`pipeline`] streams documents through a reader thread, worker threads and a writer with
//! bounded queues, keeps input order, and turns every bad document into an error record
//! instead of stopping. The library never prints; progress and failures reach the caller
//! through an [`Observer`].
//!
//! ```
//! use saywho_io::{prepare, Fields, Payload, Unit};
//! let unit = Unit { position: "a.txt".into(), payload: Payload::Text { id: "a".into(), bytes: "“Yes,” Ann Lee said.".into() } };
//! let doc = prepare(unit, &Fields::default()).unwrap();
//! let record = saywho::Engine::new().extract(&doc.id, &doc.text).unwrap();
//! assert_eq!(record.quotes[0].speaker.as_ref().unwrap().name, "Ann Lee");
//! ```

#![warn(missing_docs)]

mod doc;
mod error;
#[cfg(feature = "html")]
mod html;
mod input;
mod output;
pub mod pipeline;
mod prepare;
mod resume;
mod synth;

pub use doc::{DateSource, Document, Meta, Output, Payload, Unit};
pub use error::{DocError, Error, ErrorBody, ErrorKind, ErrorRecord, Result};
#[cfg(feature = "html")]
pub use html::{extract_article, paragraphs, Article};
pub use input::{
    open_decoded, plan, read_line_bounded, read_source, read_stream, same_file, sniff_format, write_warc_record,
    ArchiveReader, Compression, Decoded, InputFormat, Line, Plan, ReadOptions, SharedId, SkippedFiles, Source,
    WarcSkips,
};
#[cfg(feature = "parquet")]
pub use output::ParquetSink;
#[cfg(feature = "arrow")]
pub use output::{quote_batch, quote_schema};
pub use output::{
    quote_rows, render, AsIs, Body, Collect, FileSink, FormatRender, OutputFormat, QuoteRow, Render, Sink, COLUMNS,
};
pub use pipeline::{Extractor, Observer, Options, Progress, Quiet, Summary};
pub use prepare::{json_id, json_meta, prepare, Fields, MetaFields};
pub use resume::{resume_point, Resume, Skip};
pub use synth::{article_page, write_article_warc};
