//! Writing: one document (its row, quotes, entities and mentions) or one error record at a
//! time, in batched transactions.
//!
//! A document is always written whole inside a transaction, and a transaction holds only
//! whole documents; so a process killed at any moment leaves the documents of the committed
//! batches, each complete, and an index run started again replaces them with the same rows.

use crate::{int, normalize_date, Result, Store};
use rusqlite::{params, OptionalExtension};
use saywho_record::{DocError, Output, QuoteRecord, Record};

/// How many rows the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents indexed.
    pub documents: u64,
    /// Quotes.
    pub quotes: u64,
    /// Entities (per document).
    pub entities: u64,
    /// Mentions of entities.
    pub mentions: u64,
    /// Documents that could not be processed.
    pub errors: u64,
}

impl Store {
    /// Stores one document, replacing any document of the same id (and any error record of
    /// that id). Runs in the caller's transaction if one is open: use a [`Writer`] for many.
    ///
    /// ```
    /// use saywho_record::{Output, Record};
    /// let mut store = saywho_store::Store::open_in_memory().unwrap();
    /// let out = Output { record: Record::new("a", vec![], vec![]), meta: Default::default(), text: Some("Hi.".into()) };
    /// store.put(&out).unwrap();
    /// store.put(&out).unwrap();
    /// assert_eq!(store.counts().unwrap().documents, 1);
    /// ```
    pub fn put(&mut self, out: &Output) -> Result<()> {
        let record = &out.record;
        let meta = &out.meta;
        let existing: Option<i64> = self
            .conn
            .prepare_cached("SELECT doc FROM documents WHERE id = ?1")?
            .query_row([&record.id], |r| r.get(0))
            .optional()?;
        let date = meta.date.as_deref().and_then(normalize_date);
        let row = params![
            record.id,
            meta.url,
            meta.title,
            meta.author,
            date,
            meta.date,
            meta.date_source.map(|d| d.as_str()),
            meta.outlet,
            out.text,
            int(record.quotes.len())?,
            int(record.entities.len())?,
            record.schema_version,
        ];
        let doc = match existing {
            // Indexing the same document again changes nothing, not even quote rowids; the
            // check costs one read, and only for ids already stored.
            Some(_) if self.get(&record.id)?.as_ref() == Some(out) => {
                self.clear_errors(&record.id)?;
                return Ok(());
            }
            Some(doc) => {
                // Keep the document's rowid, so that re-indexing leaves `doc` numbers alone.
                for table in ["quotes", "mentions", "entities"] {
                    self.conn
                        .prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))?
                        .execute([doc])?;
                }
                self.conn
                    .prepare_cached(
                        "UPDATE documents SET id = ?1, url = ?2, title = ?3, author = ?4, date = ?5, date_raw = ?6,
                         date_source = ?7, outlet = ?8, text = ?9, quote_count = ?10, entity_count = ?11,
                         schema_version = ?12 WHERE doc = ?13",
                    )?
                    .execute(params![
                        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10],
                        row[11], doc
                    ])?;
                doc
            }
            None => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO documents (id, url, title, author, date, date_raw, date_source, outlet, text,
                         quote_count, entity_count, schema_version)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    )?
                    .execute(row)?;
                self.conn.last_insert_rowid()
            }
        };
        self.put_entities(doc, record)?;
        for (seq, q) in record.quotes.iter().enumerate() {
            self.put_quote(doc, seq, record, q)?;
        }
        self.clear_errors(&record.id)
    }

    fn clear_errors(&mut self, id: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM errors WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    fn put_entities(&mut self, doc: i64, record: &Record) -> Result<()> {
        let mut entity = self.conn.prepare_cached(
            "INSERT INTO entities (doc, entity, name, key, type, gender, gender_source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut mention = self.conn.prepare_cached(
            "INSERT INTO mentions (doc, entity, seq, text, char_start, char_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, e) in record.entities.iter().enumerate() {
            // The index in `entities` is what quotes point at; `e.id` should equal it, but the
            // position is what the record's own references use.
            entity.execute(params![
                doc,
                int(i)?,
                e.name,
                e.key,
                e.kind.as_str(),
                e.gender.as_str(),
                e.gender_source.as_str()
            ])?;
            for (seq, m) in e.mentions.iter().enumerate() {
                mention.execute(params![doc, int(i)?, int(seq)?, m.text, int(m.start)?, int(m.end)?])?;
            }
        }
        Ok(())
    }

    fn put_quote(&mut self, doc: i64, seq: usize, record: &Record, q: &QuoteRecord) -> Result<()> {
        let entity = record.speaker_entity(q);
        let speaker = q.speaker.as_ref();
        let mention = speaker.and_then(|s| s.mention.as_ref());
        let opt = |n: Option<usize>| n.map(int).transpose();
        self.conn
            .prepare_cached(
                "INSERT INTO quotes (doc, seq, text, char_start, char_end, kind, grp, cue, cue_start, cue_end,
                 speaker, speaker_name, speaker_key, speaker_type, speaker_gender,
                 mention, mention_start, mention_end, channel, confidence)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
            )?
            .execute(params![
                doc,
                int(seq)?,
                q.text,
                int(q.start)?,
                int(q.end)?,
                q.kind.as_str(),
                int(q.group)?,
                q.cue.as_ref().map(|c| c.text.as_str()),
                opt(q.cue.as_ref().map(|c| c.start))?,
                opt(q.cue.as_ref().map(|c| c.end))?,
                opt(speaker.map(|s| s.entity))?,
                speaker.map(|s| s.name.as_str()),
                entity.and_then(|e| e.key.as_deref()),
                entity.map(|e| e.kind.as_str()),
                entity.map(|e| e.gender.as_str()),
                mention.map(|m| m.text.as_str()),
                opt(mention.map(|m| m.start))?,
                opt(mention.map(|m| m.end))?,
                q.channel,
                as_written(q.confidence),
            ])?;
        let quote = self.conn.last_insert_rowid();
        self.conn
            .prepare_cached("INSERT INTO quotes_fts (rowid, text) VALUES (?1, ?2)")?
            .execute(params![quote, q.text])?;
        Ok(())
    }

    /// Stores an error record with its reason, replacing one of the same id and position.
    /// A document already stored under that id is kept: an error's id may be a stand-in (a
    /// file name, `line-7`), and a failed re-read should not erase what was read before.
    pub fn put_error(&mut self, error: &DocError) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO errors (id, position, kind, message) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![error.id, error.position, error.kind.as_str(), error.message])?;
        Ok(())
    }

    /// How many documents, quotes, entities, mentions and errors the store holds.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n.max(0) as u64)
        };
        Ok(Counts {
            documents: count("documents")?,
            quotes: count("quotes")?,
            entities: count("entities")?,
            mentions: count("mentions")?,
            errors: count("errors")?,
        })
    }

    /// A writer that commits every `batch` documents (and error records).
    pub fn writer(&mut self, batch: usize) -> Result<Writer<'_>> {
        Ok(Writer {
            store: self,
            batch: batch.max(1),
            pending: 0,
            open: false,
        })
    }
}

/// Writes documents in transactions of `batch` documents: one commit (and one WAL sync) per
/// batch rather than per document, which is most of the speed of a bulk load.
///
/// [`Writer::finish`] commits the last batch. A writer dropped without `finish` (an error
/// on the way) rolls its open batch back: the store keeps the committed batches, all whole.
#[derive(Debug)]
pub struct Writer<'a> {
    store: &'a mut Store,
    batch: usize,
    pending: usize,
    open: bool,
}

impl Writer<'_> {
    /// Stores one document ([`Store::put`]).
    pub fn put(&mut self, out: &Output) -> Result<()> {
        self.begin()?;
        self.store.put(out)?;
        self.done_one()
    }

    /// Stores one error record ([`Store::put_error`]).
    pub fn put_error(&mut self, error: &DocError) -> Result<()> {
        self.begin()?;
        self.store.put_error(error)?;
        self.done_one()
    }

    /// Commits the open batch.
    pub fn commit(&mut self) -> Result<()> {
        if self.open {
            self.store.conn.execute_batch("COMMIT")?;
            self.open = false;
            self.pending = 0;
        }
        Ok(())
    }

    /// Commits the last batch and ends the writer.
    pub fn finish(mut self) -> Result<()> {
        self.commit()
    }

    fn begin(&mut self) -> Result<()> {
        if !self.open {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.open = true;
        }
        Ok(())
    }

    fn done_one(&mut self) -> Result<()> {
        self.pending += 1;
        if self.pending >= self.batch {
            self.commit()?;
        }
        Ok(())
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing to report to: the caller that dropped us is already handling an error.
            let _ = self.store.conn.execute_batch("ROLLBACK");
        }
    }
}

/// The f64 of an f32's shortest decimal (0.9, not 0.8999999761581421): the value the JSON
/// record shows, so SQL and the search output show it too; read back as f32, a confidence (two
/// decimals) is unchanged. (Stores indexed before 2026-12-03 keep the widened values.)
fn as_written(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}
