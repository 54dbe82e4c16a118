//! The serialisable result of one document: the JSON schema users see, defined in the
//! `saywho-record` crate (serde only) so that the store, the server and the bindings share it
//! without the engine.
//!
//! Offsets here are **Unicode code points** into the exact input text, end-exclusive, as Python
//! indexes strings (JavaScript counts UTF-16 units: see docs/SERVER.md). The in-memory [`crate::Doc`] keeps byte offsets; it converts
//! to a [`Record`] with [`crate::Doc::to_record`]. The JSON Schema for this shape is
//! `docs/schema/record.schema.json`.

pub use saywho_record::{
    entity_key, EntityKind, EntityRecord, EntityRecordOf, Gender, GenderSource, QuoteKind, QuoteRecord, QuoteRecordOf,
    Record, RecordOf, SpeakerRecord, SpeakerRecordOf, TextSpan, TextSpanOf, SCHEMA_VERSION,
};
