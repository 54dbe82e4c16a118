//! Quote rows as Arrow: the schema built from [`COLUMN_TYPES`] and record batches of
//! [`QuoteRow`]s, for the Parquet output and the Python bindings' Arrow tables. Strings are
//! UTF-8 (`large_string` is avoided: pandas, polars and DuckDB all read `string`), numbers are
//! `int64` and `float32`, and every column but `doc_id` is nullable.

use super::rows::QuoteRow;
use arrow_array::builder::{Float32Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use saywho_record::{ColumnType, COLUMN_TYPES};
use std::sync::Arc;

/// The Arrow schema of quote rows (the Parquet output's), in [`COLUMNS`](crate::COLUMNS) order.
///
/// ```
/// let schema = saywho_io::quote_schema();
/// assert_eq!(schema.field(0).name(), "doc_id");
/// assert_eq!(schema.field_with_name("confidence").unwrap().data_type(), &arrow_schema::DataType::Float32);
/// ```
pub fn quote_schema() -> SchemaRef {
    let fields: Vec<Field> = COLUMN_TYPES
        .iter()
        .map(|column| {
            let data_type = match column.ty {
                ColumnType::Text => DataType::Utf8,
                ColumnType::Int64 => DataType::Int64,
                ColumnType::Float32 => DataType::Float32,
            };
            Field::new(column.name, data_type, column.nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// The record batch of `rows` (in order) with `schema`, which is [`quote_schema`]'s.
pub fn quote_batch(schema: &SchemaRef, rows: &[QuoteRow]) -> Result<RecordBatch, ArrowError> {
    let mut confidence = Float32Builder::with_capacity(rows.len());
    for row in rows {
        confidence.append_option(row.confidence);
    }
    let columns: Vec<ArrayRef> = vec![
        strings(rows, |r| Some(r.doc_id.as_str())),
        strings(rows, |r| r.url.as_deref()),
        strings(rows, |r| r.title.as_deref()),
        strings(rows, |r| r.date.as_deref()),
        strings(rows, |r| r.date_source),
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
    RecordBatch::try_new(Arc::clone(schema), columns)
}

fn strings<'r>(rows: &'r [QuoteRow], get: impl Fn(&'r QuoteRow) -> Option<&'r str>) -> ArrayRef {
    let bytes = rows.iter().map(|r| get(r).map_or(0, str::len)).sum();
    let mut b = StringBuilder::with_capacity(rows.len(), bytes);
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
