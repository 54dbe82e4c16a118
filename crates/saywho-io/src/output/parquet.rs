//! Parquet output: rows are gathered into Arrow batches of [`BATCH_ROWS`] (with the schema of
//! [`quote_schema`]) and written in row groups of at most [`GROUP_ROWS`], so memory stays flat
//! however many quotes there are.

use super::arrow::{quote_batch, quote_schema};
use super::rows::QuoteRow;
use crate::error::{Error, Result};
use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per Arrow batch handed to the Parquet writer.
const BATCH_ROWS: usize = 8192;
/// Rows per Parquet row group (the unit of memory the writer holds).
const GROUP_ROWS: usize = 64 * 1024;

/// Writes [`QuoteRow`]s to a Parquet file.
pub struct ParquetSink {
    writer: ArrowWriter<Box<dyn Write + Send>>,
    schema: SchemaRef,
    pending: Vec<QuoteRow>,
}

impl ParquetSink {
    /// A Parquet writer over `out` (Snappy-compressed pages).
    pub fn new(out: Box<dyn Write + Send>) -> Result<ParquetSink> {
        let schema = quote_schema();
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
        let batch = quote_batch(&self.schema, &rows)?;
        self.writer.write(&batch)?;
        Ok(())
    }
}
