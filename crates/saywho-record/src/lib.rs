//! saywho-record: the output schema of saywho, shared by the engine, corpus I/O, the store,
//! the server and the language bindings.
//!
//! It holds the types and their serde shape: a document's [`Record`] (quotes and entities),
//! the [`Output`] line that adds the document's [`Meta`], the [`ErrorRecord`] of a document
//! that failed, and the flat [`QuoteRow`] of CSV and Parquet; and the one reader of
//! publication dates ([`date`]) that the HTML reader and the store share. Its one dependency
//! is serde.
//!
//! Every serialised record carries [`SCHEMA_VERSION`]. Offsets are Unicode code points into
//! the exact input text, end-exclusive (Python string indices; JavaScript's UTF-16 indices differ
//! after characters outside the Basic Multilingual Plane).
//!
//! ```
//! use saywho_record::{entity_key, QuoteKind, Record};
//! let line = r#"{"schema_version":"1.2","id":"a","quotes":[],"entities":[]}"#;
//! let record: Record = serde_json::from_str(line).unwrap();
//! assert_eq!(record.id, "a");
//! assert_eq!(QuoteKind::Mixed.as_str(), "mixed");
//! assert_eq!(entity_key("José  Díaz-Balart"), entity_key("Jose Diaz-Balart"));
//! ```

#![warn(missing_docs)]

pub mod date;
mod error;
mod key;
mod meta;
mod record;
mod rows;

pub use error::{DocError, ErrorBody, ErrorKind, ErrorRecord};
pub use key::entity_key;
pub use meta::{DateSource, Meta, Output, OutputLine};
pub use record::{
    EntityKind, EntityRecord, EntityRecordOf, Gender, GenderSource, QuoteKind, QuoteRecord, QuoteRecordOf, Record,
    RecordOf, SpeakerRecord, SpeakerRecordOf, TextSpan, TextSpanOf,
};
pub use rows::{quote_rows, Column, ColumnType, QuoteRow, COLUMNS, COLUMN_TYPES};

/// The version of the output schema (`docs/schema/record.schema.json`), carried by every
/// record as `schema_version`. The major number changes when a field is removed, renamed or
/// changes meaning; the minor number when a field is added.
///
/// History: `1.0` (2026-12) added `schema_version`, the entity `key` and `gender_source`, and
/// the `speaker_key` column of the quote rows, to the unversioned format of 2026-11; `1.1`
/// (2026-12) added the document's `date_source`; `1.2` (2026-12) its `date_source` column in
/// the quote rows.
pub const SCHEMA_VERSION: &str = "1.2";

/// The JSON Schema of a record (`docs/schema/record.schema.json`, linked into this crate so
/// that it packages): what the server publishes in its OpenAPI document.
///
/// ```
/// assert!(saywho_record::JSON_SCHEMA.contains("schema_version"));
/// ```
pub const JSON_SCHEMA: &str = include_str!("../schema/record.schema.json");
