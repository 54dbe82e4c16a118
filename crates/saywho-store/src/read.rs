//! Reading a document back whole, as the `Output` it was stored from.

use crate::{Error, Result, Store};
use rusqlite::{params, OptionalExtension, Row};
use saywho_record::{EntityRecord, Meta, Output, QuoteRecord, Record, SpeakerRecord, TextSpan};

impl Store {
    /// The document stored under `id`, rebuilt from its rows: equal to the [`Output`] that
    /// was put (the round trip the tests check), or `None` when there is no such document.
    ///
    /// ```
    /// use saywho_record::{Meta, Output, Record};
    /// let mut store = saywho_store::Store::open_in_memory().unwrap();
    /// let meta = Meta { date: Some("5 March 2024".into()), ..Meta::default() };
    /// let out = Output { record: Record::new("a", vec![], vec![]), meta, text: None };
    /// store.put(&out).unwrap();
    /// assert_eq!(store.get("a").unwrap(), Some(out));
    /// assert_eq!(store.get("b").unwrap(), None);
    /// ```
    pub fn get(&self, id: &str) -> Result<Option<Output>> {
        let head = self
            .conn
            .prepare_cached(
                "SELECT doc, schema_version, url, title, author, date_raw, outlet, text, date_source FROM documents WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    Meta {
                        url: r.get(2)?,
                        title: r.get(3)?,
                        author: r.get(4)?,
                        date: r.get(5)?,
                        outlet: r.get(6)?,
                        date_source: None,
                    },
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            })
            .optional()?;
        let Some((doc, schema_version, mut meta, text, date_source)) = head else {
            return Ok(None);
        };
        meta.date_source = date_source.map(|s| s.parse()).transpose().map_err(Error::Corrupt)?;
        let entities = self.entities_of(doc)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, char_start, char_end, kind, grp, cue, cue_start, cue_end, speaker, speaker_name,
                    mention, mention_start, mention_end, channel, confidence
             FROM quotes WHERE doc = ?1 ORDER BY seq",
        )?;
        let quotes = stmt
            .query_map([doc], quote)?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        let record = Record {
            schema_version,
            id: id.to_string(),
            quotes,
            entities,
        };
        Ok(Some(Output { record, meta, text }))
    }

    fn entities_of(&self, doc: i64) -> Result<Vec<EntityRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity, name, key, type, gender, gender_source FROM entities WHERE doc = ?1 ORDER BY entity",
        )?;
        let rows = stmt.query_map([doc], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut entities = Vec::new();
        for row in rows {
            let (entity, name, key, kind, gender, source) = row?;
            entities.push(EntityRecord {
                id: usize_of(entity)?,
                name,
                key,
                kind: kind.parse().map_err(Error::Corrupt)?,
                gender: gender.parse().map_err(Error::Corrupt)?,
                gender_source: source.parse().map_err(Error::Corrupt)?,
                mentions: Vec::new(),
            });
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity, text, char_start, char_end FROM mentions WHERE doc = ?1 ORDER BY entity, seq",
        )?;
        let mut rows = stmt.query(params![doc])?;
        while let Some(r) = rows.next()? {
            let entity = usize_of(r.get(0)?)?;
            let span = span(r.get(1)?, r.get(2)?, r.get(3)?)?;
            if let Some(e) = entities.get_mut(entity) {
                e.mentions.push(span);
            }
        }
        Ok(entities)
    }
}

/// A quote row; the outer result is SQLite's, the inner one the row's values'.
fn quote(r: &Row<'_>) -> rusqlite::Result<Result<QuoteRecord>> {
    let kind: String = r.get(3)?;
    let cue = (r.get(5)?, r.get(6)?, r.get(7)?);
    let speaker: (Option<i64>, Option<String>) = (r.get(8)?, r.get(9)?);
    let mention = (r.get(10)?, r.get(11)?, r.get(12)?);
    let (text, start, end, group): (String, i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(4)?);
    let channel: Option<String> = r.get(13)?;
    let confidence: f64 = r.get(14)?;
    Ok((|| {
        Ok(QuoteRecord {
            text,
            start: usize_of(start)?,
            end: usize_of(end)?,
            kind: kind.parse().map_err(Error::Corrupt)?,
            group: usize_of(group)?,
            cue: opt_span(cue)?,
            speaker: match speaker {
                (Some(entity), Some(name)) => Some(SpeakerRecord {
                    name,
                    entity: usize_of(entity)?,
                    mention: opt_span(mention)?,
                }),
                _ => None,
            },
            channel,
            // Stored from an f32, so the conversion back is exact.
            confidence: confidence as f32,
        })
    })())
}

fn opt_span(parts: (Option<String>, Option<i64>, Option<i64>)) -> Result<Option<TextSpan>> {
    match parts {
        (Some(text), Some(start), Some(end)) => span(text, start, end).map(Some),
        _ => Ok(None),
    }
}

fn span(text: String, start: i64, end: i64) -> Result<TextSpan> {
    Ok(TextSpan {
        text,
        start: usize_of(start)?,
        end: usize_of(end)?,
    })
}

fn usize_of(n: i64) -> Result<usize> {
    usize::try_from(n).map_err(|_| Error::Range(n.to_string()))
}
