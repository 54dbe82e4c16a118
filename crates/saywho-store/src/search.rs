//! Full-text search over quote text (FTS5), with the filters, and each quote in its context.

use crate::{Error, Filters, Result, Store};
use rusqlite::types::Value;
use serde::Serialize;

/// Characters of document text read on each side of a quote, before cutting to whole words.
const CONTEXT_CHARS: i64 = 100;
/// Words of context kept on each side.
const CONTEXT_WORDS: usize = 8;

/// One quote found, with its document and a few words around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    /// The document's id.
    pub doc_id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its date, `YYYY-MM-DD` (absent when missing or unreadable).
    pub date: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// The quoted words.
    pub quote: String,
    /// A few words of the document before the quote (empty when the text was not stored).
    pub before: String,
    /// A few words after it.
    pub after: String,
    /// `direct`, `indirect` or `mixed`.
    pub kind: String,
    /// The speaker's name.
    pub speaker: Option<String>,
    /// The speaker's cross-document key.
    pub speaker_key: Option<String>,
    /// The speaker's gender in the article.
    pub speaker_gender: Option<String>,
    /// The reporting words.
    pub cue: Option<String>,
    /// Where it was said.
    pub channel: Option<String>,
    /// The engine's confidence.
    pub confidence: f64,
    /// Code-point offset of the quote in the document's text.
    pub start: i64,
    /// Code-point offset just past it.
    pub end: i64,
}

/// A query that searches the words as typed: each whitespace-separated term becomes an FTS5
/// string (in double quotes, inner quotes doubled), so that no character is an operator.
///
/// ```
/// assert_eq!(saywho_store::fts_literal(r#"rent "control" OR"#).as_deref(), Some(r#""rent" """control""" "OR""#));
/// assert_eq!(saywho_store::fts_literal("  "), None);
/// ```
pub fn fts_literal(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split_whitespace()
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// The FTS5 query of a user's `query`: as given, or when `literal` its words as typed
/// ([`fts_literal`]).
///
/// ```
/// use saywho_store::fts_query;
/// assert_eq!(fts_query(Some("hous*"), false).as_deref(), Some("hous*"));
/// assert_eq!(fts_query(Some("hous*"), true).as_deref(), Some(r#""hous*""#));
/// assert_eq!(fts_query(None, true), None);
/// ```
pub fn fts_query(query: Option<&str>, literal: bool) -> Option<String> {
    let query = query?;
    if literal {
        fts_literal(query)
    } else {
        Some(query.to_string())
    }
}

impl Store {
    /// The quotes matching the FTS5 `query` (all quotes when `None`) and `filters`, best match
    /// first (BM25; without a query, in indexing order), at most `limit`.
    ///
    /// The query is FTS5 syntax, passed as an SQL parameter: words (`housing`), phrases
    /// (`"rent control"`), prefixes (`hous*`), `AND`, `OR`, `NOT`, `NEAR(a b, 5)`. A query
    /// that is not valid FTS5 is [`Error::Query`]; [`fts_literal`] makes any text a valid one.
    pub fn search(&self, query: Option<&str>, filters: &Filters, limit: usize) -> Result<Vec<SearchHit>> {
        let (cond, mut values) = filters.sql()?;
        let query = query.map(str::trim).filter(|q| !q.is_empty());
        // The matches are ranked and cut to `limit` first, on rowids alone; only then are the
        // rows read and the context cut from the document text. Sorting whole rows would
        // read the text of every match, thousands for a common word.
        let (from, rank) = match query {
            Some(q) => {
                values.insert(0, Value::Text(q.to_string()));
                (
                    "quotes_fts f JOIN quotes q ON q.quote = f.rowid JOIN documents d ON d.doc = q.doc
                     WHERE quotes_fts MATCH ? AND",
                    "f.rank",
                )
            }
            // Without a query, indexing order: (doc, seq) rather than the quote's rowid, so that
            // a plan walking documents by an index (outlet, date) yields rows in order and stops
            // early.
            None => ("quotes q JOIN documents d ON d.doc = q.doc WHERE", "0"),
        };
        values.push(Value::Integer(crate::int(limit)?));
        let sql = format!(
            "WITH hits AS (SELECT q.quote AS quote, {rank} AS r, q.doc AS doc, q.seq AS seq FROM {from} {cond}
                           ORDER BY {order} LIMIT ?)
             SELECT d.id, d.title, d.date, d.outlet, d.url, q.text, q.kind, q.speaker_name, q.speaker_key,
                    q.speaker_gender, q.cue, q.channel, q.confidence, q.char_start, q.char_end,
                    substr(d.text, max(q.char_start - {CONTEXT_CHARS}, 0) + 1, q.char_start - max(q.char_start - {CONTEXT_CHARS}, 0)),
                    substr(d.text, q.char_end + 1, {CONTEXT_CHARS})
             FROM hits h JOIN quotes q ON q.quote = h.quote JOIN documents d ON d.doc = q.doc
             ORDER BY h.r, h.doc, h.seq",
            // Spelled out rather than by the constant `r`, which the planner cannot see through.
            // With a document filter (outlet, dates) the plan walks documents by their index,
            // and only `d.doc` (equal to `q.doc`) tells the planner that rows already come in
            // order, so that it stops at the limit instead of sorting every match (100 ms -> 3
            // ms for an outlet and a gender on 100,000 documents); without one it walks quotes
            // by `quotes_doc`, which `q.doc` matches.
            order = match (query, filters.document_filtered()) {
                (Some(_), _) => "f.rank",
                (None, true) => "d.doc, q.seq",
                (None, false) => "q.doc, q.seq",
            }
        );
        let run = || -> rusqlite::Result<Vec<SearchHit>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(values.iter()), |r| {
                let start: i64 = r.get(13)?;
                let before: Option<String> = r.get(15)?;
                let after: Option<String> = r.get(16)?;
                Ok(SearchHit {
                    doc_id: r.get(0)?,
                    title: r.get(1)?,
                    date: r.get(2)?,
                    outlet: r.get(3)?,
                    url: r.get(4)?,
                    quote: r.get(5)?,
                    kind: r.get(6)?,
                    speaker: r.get(7)?,
                    speaker_key: r.get(8)?,
                    speaker_gender: r.get(9)?,
                    cue: r.get(10)?,
                    channel: r.get(11)?,
                    confidence: r.get(12)?,
                    start,
                    end: r.get(14)?,
                    before: context_before(before.as_deref().unwrap_or(""), start > CONTEXT_CHARS),
                    after: context_after(after.as_deref().unwrap_or("")),
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| match (query, e) {
            (Some(q), rusqlite::Error::SqliteFailure(_, Some(message))) if is_query_error(&message) => Error::Query {
                query: q.to_string(),
                message,
            },
            (_, e) => Error::Sqlite(e),
        })
    }
}

/// FTS5 reports a query it cannot parse as an SQL error at the first step; these are its
/// messages (`fts5: syntax error near …`, `unterminated string`, a `column:` filter naming
/// no column, a misused special query).
pub(crate) fn is_query_error(message: &str) -> bool {
    [
        "fts5",
        "syntax error",
        "unterminated string",
        "no such column",
        "unknown special query",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// The last words before a quote; the first word is dropped when the read window cut it.
fn context_before(text: &str, cut: bool) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    let starts_mid_word = cut && !text.starts_with(char::is_whitespace);
    if starts_mid_word && !words.is_empty() {
        words.remove(0);
    }
    let skip = words.len().saturating_sub(CONTEXT_WORDS);
    let mut s = words[skip..].join(" ");
    // Keep the space (or not) that separates the context from the quote.
    if text.ends_with(char::is_whitespace) && !s.is_empty() {
        s.push(' ');
    }
    s
}

/// The first words after a quote.
fn context_after(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(CONTEXT_WORDS).collect();
    let mut s = words.join(" ");
    if text.starts_with(char::is_whitespace) && !s.is_empty() {
        s.insert(0, ' ');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_whole_words_and_keeps_the_spacing() {
        assert_eq!(context_before("ing the minister said “", true), "the minister said “");
        assert_eq!(context_before("He said ", false), "He said ");
        assert_eq!(
            context_after("” she said. And then more words came here to be cut"),
            "” she said. And then more words came"
        );
        assert_eq!(context_after(" he said."), " he said.");
        assert_eq!(context_before("", true), "");
    }
}
