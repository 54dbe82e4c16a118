//! Parquet output: rows are gathered into Arrow batches of [`BATCH_ROWS`] and written in row
//! groups of at most [`GROUP_ROWS`], so memory stays flat however many quotes there are.
//! Strings are UTF-8 (`large_string` is avoided: pandas, polars and DuckDB all read `string`),
//! numbers are `int64` and `float32`, and every column but `doc_id` is nullable.

use super::rows::{QuoteRow, COLUMNS};
use crate::error::{Error, Result};
use arrow_array::builder::{Float32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per Arrow batch handed to the Parquet writer.
const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group (the unit of memory the writer holds).
const GROUP_ROWS: usize = 64 * 1024;

/// The Arrow schema of the Parquet output, in [`COLUMNS`] order.
///
/// ```
/// let schema = saywho_io::parquet_schema();
/// assert_eq!(schema.field(0).name(), "doc_id");
/// assert_eq!(schema.field_with_name("confidence").unwrap().data_type(), &arrow_schema::DataType::Float32);
/// ```
pub fn parquet_schema() -> SchemaRef {
    let fields: Vec<Field> = COLUMNS
        .iter()
        .map(|&name| {
            let data_type = match name {
                "group" | "start" | "end" => DataType::Int64,
                "confidence" => DataType::Float32,
                _ => DataType::Utf8,
            };
            Field::new(name, data_type, name != "doc_id")
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// Writes [`QuoteRow`]s to a Parquet file.
pub struct ParquetSink {
    writer: ArrowWriter<Box<dyn Write + Send>>,
    schema: SchemaRef,
    pending: Vec<QuoteRow>,
}

impl ParquetSink {
    /// A Parquet writer over `out` (Snappy-compressed pages).
    pub fn new(out: Box<dyn Write + Send>) -> Result<ParquetSink> {
        let schema = parquet_schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(out, Arc::clone(&schema), Some(props))?;
        Ok(ParquetSink {
            writer,
            schema,
            pending: Vec::with_capacity(BATCH_ROWS),
        })
    }

    /// Adds rows; a full batch is encoded.
    pub fn append(&mut self, rows: Vec<QuoteRow>) -> Result<()> {
        self.pending.extend(rows);
        if self.pending.len() >= BATCH_ROWS {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Writes what is pending and the file footer.
    pub fn finish(mut self) -> Result<()> {
        self.write_pending()?;
        let mut out = self.writer.into_inner()?;
        out.flush().map_err(Error::Write)
    }

    fn write_pending(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let batch = to_batch(&self.schema, &rows)?;
        self.writer.write(&batch)?;
        Ok(())
    }
}

fn strings<'r>(rows: &'r [QuoteRow], get: impl Fn(&'r QuoteRow) -> Option<&'r str>) -> ArrayRef {
    let mut b = StringBuilder::with_capacity(rows.len(), rows.len() * 16);
    for row in rows {
        b.append_option(get(row));
    }
    Arc::new(b.finish())
}

fn ints(rows: &[QuoteRow], get: impl Fn(&QuoteRow) -> Option<i64>) -> ArrayRef {
    let mut b = Int64Builder::with_capacity(rows.len());
    for row in rows {
        b.append_option(get(row));
    }
    Arc::new(b.finish())
}

fn to_batch(schema: &SchemaRef, rows: &[QuoteRow]) -> Result<RecordBatch> {
    let mut confidence = Float32Builder::with_capacity(rows.len());
    for row in rows {
        confidence.append_option(row.confidence);
    }
    let columns: Vec<ArrayRef> = vec![
        strings(rows, |r| Some(r.doc_id.as_str())),
        strings(rows, |r| r.url.as_deref()),
        strings(rows, |r| r.title.as_deref()),
        strings(rows, |r| r.date.as_deref()),
        strings(rows, |r| r.outlet.as_deref()),
        strings(rows, |r| r.quote.as_deref()),
        strings(rows, |r| r.kind),
        ints(rows, |r| r.group),
        strings(rows, |r| r.speaker.as_deref()),
        strings(rows, |r| r.speaker_key.as_deref()),
        strings(rows, |r| r.speaker_gender),
        strings(rows, |r| r.cue.as_deref()),
        strings(rows, |r| r.channel.as_deref()),
        Arc::new(confidence.finish()),
        ints(rows, |r| r.start),
        ints(rows, |r| r.end),
        strings(rows, |r| r.error_kind),
        strings(rows, |r| r.error_position.as_deref()),
        strings(rows, |r| r.error_message.as_deref()),
    ];
    Ok(RecordBatch::try_new(Arc::clone(schema), columns)?)
}
