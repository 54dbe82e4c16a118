//! The flat table shape shared by CSV and Parquet (and the Python bindings' Arrow tables): one
//! row per quote, carrying its document's id and metadata; a failed document is one row with
//! the `error_*` columns set.

use crate::{DocError, Output};
use serde::Serialize;

/// The type of a column's values; the Parquet output and the Python bindings' Arrow tables map
/// it to Arrow's (`string`, `int64`, `float32`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnType {
    /// UTF-8 text.
    Text,
    /// A signed 64-bit integer.
    Int64,
    /// A 32-bit float.
    Float32,
}

/// One column of the quote rows: its name, type, and whether it may be empty (null).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Column {
    /// The column's name (CSV header, Parquet field).
    pub name: &'static str,
    /// The type of its values.
    pub ty: ColumnType,
    /// Whether a row may leave it empty (every column but `doc_id`).
    pub nullable: bool,
}

/// The columns, in order, with their types (the Parquet schema and the Python bindings' Arrow
/// schema are built from it).
pub const COLUMN_TYPES: [Column; 20] = [
    Column {
        name: "doc_id",
        ty: ColumnType::Text,
        nullable: false,
    },
    nullable("url", ColumnType::Text),
    nullable("title", ColumnType::Text),
    nullable("date", ColumnType::Text),
    nullable("date_source", ColumnType::Text),
    nullable("outlet", ColumnType::Text),
    nullable("quote", ColumnType::Text),
    nullable("kind", ColumnType::Text),
    nullable("group", ColumnType::Int64),
    nullable("speaker", ColumnType::Text),
    nullable("speaker_key", ColumnType::Text),
    nullable("speaker_gender", ColumnType::Text),
    nullable("cue", ColumnType::Text),
    nullable("channel", ColumnType::Text),
    nullable("confidence", ColumnType::Float32),
    nullable("start", ColumnType::Int64),
    nullable("end", ColumnType::Int64),
    nullable("error_kind", ColumnType::Text),
    nullable("error_position", ColumnType::Text),
    nullable("error_message", ColumnType::Text),
];

const fn nullable(name: &'static str, ty: ColumnType) -> Column {
    Column {
        name,
        ty,
        nullable: true,
    }
}

/// Column names, in order (the CSV header): the names of [`COLUMN_TYPES`].
pub const COLUMNS: [&str; 20] = {
    let mut names = [""; 20];
    let mut i = 0;
    while i < names.len() {
        names[i] = COLUMN_TYPES[i].name;
        i += 1;
    }
    names
};

/// One row: a quote, or a failed document. Field order is [`COLUMNS`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteRow {
    /// The document's id, or its stand-in (`line-7`, the file name) on an error row.
    pub doc_id: String,
    /// The document's URL, from its metadata.
    pub url: Option<String>,
    /// The document's headline, from its metadata.
    pub title: Option<String>,
    /// The document's publication date, as its metadata gives it (kept as a string).
    pub date: Option<String>,
    /// Where an HTML page's `date` came from: `metadata` or `dateline` (see `DateSource`).
    pub date_source: Option<&'static str>,
    /// The document's outlet (site name), from its metadata.
    pub outlet: Option<String>,
    /// The quoted words.
    pub quote: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: Option<&'static str>,
    /// The quote's group: fragments of one utterance (a quote cut in two by its attribution)
    /// share a group.
    pub group: Option<i64>,
    /// The speaker's fullest name.
    pub speaker: Option<String>,
    /// The speaker's cross-document key ([`crate::entity_key`]); empty for an unnamed speaker.
    pub speaker_key: Option<String>,
    /// `female`, `male` or `unknown`.
    pub speaker_gender: Option<&'static str>,
    /// The reporting words.
    pub cue: Option<String>,
    /// Where it was said or written (`Twitter`, `statement`, `interview with CNN`, …); `None`
    /// when the engine found none.
    pub channel: Option<String>,
    /// How sure the engine is of the quote, in [0, 1].
    pub confidence: Option<f32>,
    /// Code-point offset of the quote's first character in the document's text.
    pub start: Option<i64>,
    /// Code-point offset just past the quote's last character (end-exclusive).
    pub end: Option<i64>,
    /// On a failed document's row only: the [`ErrorKind`](crate::ErrorKind) name, e.g.
    /// `"too_large"`.
    pub error_kind: Option<&'static str>,
    /// On a failed document's row only: where in the input (`file`, `file:line` or
    /// `file:record N`).
    pub error_position: Option<String>,
    /// On a failed document's row only: the details, for a person.
    pub error_message: Option<String>,
}

/// The rows of one document: one per quote (none when it has no quotes), or one error row.
///
/// ```
/// use saywho_record::{quote_rows, Output, QuoteKind, QuoteRecord, Record};
/// let quote = QuoteRecord { text: "Yes,".into(), start: 1, end: 5, kind: QuoteKind::Direct, group: 0,
///                           cue: None, speaker: None, channel: None, confidence: 0.9 };
/// let out = Output { record: Record::new("a", vec![quote], vec![]), meta: Default::default(), text: None };
/// let rows = quote_rows(Ok(&out));
/// assert_eq!((rows[0].kind, rows[0].start, rows[0].end), (Some("direct"), Some(1), Some(5)));
/// ```
pub fn quote_rows(result: Result<&Output, &DocError>) -> Vec<QuoteRow> {
    let out = match result {
        Ok(out) => out,
        Err(e) => {
            return vec![QuoteRow {
                doc_id: e.id.clone(),
                error_kind: Some(e.kind.as_str()),
                error_position: Some(e.position.clone()),
                error_message: Some(e.message.clone()),
                ..QuoteRow::default()
            }]
        }
    };
    let record = &out.record;
    record
        .quotes
        .iter()
        .map(|q| {
            let entity = record.speaker_entity(q);
            QuoteRow {
                doc_id: record.id.clone(),
                url: out.meta.url.clone(),
                title: out.meta.title.clone(),
                date: out.meta.date.clone(),
                date_source: out.meta.date_source.map(|d| d.as_str()),
                outlet: out.meta.outlet.clone(),
                quote: Some(q.text.clone()),
                kind: Some(q.kind.as_str()),
                group: Some(to_i64(q.group)),
                speaker: q.speaker.as_ref().map(|s| s.name.clone()),
                speaker_key: entity.and_then(|e| e.key.clone()),
                speaker_gender: entity.map(|e| e.gender.as_str()),
                cue: q.cue.as_ref().map(|c| c.text.clone()),
                channel: q.channel.clone(),
                confidence: Some(q.confidence),
                start: Some(to_i64(q.start)),
                end: Some(to_i64(q.end)),
                ..QuoteRow::default()
            }
        })
        .collect()
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DateSource, Meta, QuoteKind, QuoteRecord, Record};

    #[test]
    fn rows_carry_the_document_metadata_and_where_its_date_came_from() {
        let quote = QuoteRecord {
            text: "Yes,".into(),
            start: 1,
            end: 5,
            kind: QuoteKind::Direct,
            group: 0,
            cue: None,
            speaker: None,
            channel: None,
            confidence: 0.9,
        };
        let meta = Meta {
            date: Some("2019-03-03".into()),
            date_source: Some(DateSource::Dateline),
            outlet: Some("Reuters".into()),
            ..Meta::default()
        };
        let out = Output {
            record: Record::new("a", vec![quote], vec![]),
            meta,
            text: None,
        };
        let row = &quote_rows(Ok(&out))[0];
        assert_eq!(row.date.as_deref(), Some("2019-03-03"));
        assert_eq!(row.date_source, Some("dateline"));
        assert_eq!(row.outlet.as_deref(), Some("Reuters"));
        // A date that came with the input says nothing of its source.
        let out = Output {
            meta: Meta {
                date: Some("2019-03-03".into()),
                ..Meta::default()
            },
            ..out
        };
        assert_eq!(quote_rows(Ok(&out))[0].date_source, None);
        let at = COLUMNS.iter().position(|&c| c == "date_source");
        assert_eq!(at, Some(COLUMNS.iter().position(|&c| c == "date").unwrap() + 1));
    }
}
