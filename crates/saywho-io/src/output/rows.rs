//! The flat table shape shared by CSV and Parquet: one row per quote, carrying its document's
//! id and metadata; a failed document is one row with the `error_*` columns set.

use crate::doc::Output;
use crate::error::DocError;
use serde::Serialize;

/// Column names, in order (the CSV header and the Parquet schema).
pub const COLUMNS: [&str; 18] = [
    "doc_id",
    "url",
    "title",
    "date",
    "outlet",
    "quote",
    "kind",
    "group",
    "speaker",
    "speaker_gender",
    "cue",
    "channel",
    "confidence",
    "start",
    "end",
    "error_kind",
    "error_position",
    "error_message",
];

/// One row: a quote, or a failed document. Field order is [`COLUMNS`].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteRow {
    pub doc_id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// The quoted words.
    pub quote: Option<String>,
    /// `direct`, `indirect` or `mixed`.
    pub kind: Option<String>,
    pub group: Option<i64>,
    /// The speaker's fullest name.
    pub speaker: Option<String>,
    /// `female`, `male` or `unknown`.
    pub speaker_gender: Option<String>,
    /// The reporting words.
    pub cue: Option<String>,
    pub channel: Option<String>,
    pub confidence: Option<f32>,
    /// Code-point offsets of the quote in the document's text, end-exclusive.
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub error_kind: Option<&'static str>,
    pub error_position: Option<String>,
    pub error_message: Option<String>,
}

/// The rows of one document: one per quote (none when it has no quotes), or one error row.
///
/// ```
/// let record = saywho::Engine::new().extract("a", "“Yes,” Ann Lee said.");
/// let out = saywho_io::Output { record, meta: Default::default(), text: None };
/// let rows = saywho_io::quote_rows(Ok(&out));
/// assert_eq!(rows[0].speaker.as_deref(), Some("Ann Lee"));
/// assert_eq!((rows[0].start, rows[0].end), (Some(1), Some(5)));
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
            let entity = q.speaker.as_ref().and_then(|s| record.entities.get(s.entity));
            QuoteRow {
                doc_id: record.id.clone(),
                url: out.meta.url.clone(),
                title: out.meta.title.clone(),
                date: out.meta.date.clone(),
                outlet: out.meta.outlet.clone(),
                quote: Some(q.text.clone()),
                kind: Some(q.kind.clone()),
                group: Some(to_i64(q.group)),
                speaker: q.speaker.as_ref().map(|s| s.name.clone()),
                speaker_gender: entity.map(|e| e.gender.clone()),
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

    #[test]
    fn csv_header_matches_the_row_fields() {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.serialize(QuoteRow::default()).unwrap();
        let bytes = w.into_inner().unwrap();
        let header = String::from_utf8(bytes).unwrap();
        assert_eq!(header.lines().next().unwrap(), COLUMNS.join(","));
    }
}
