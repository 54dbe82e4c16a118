//! The database schema: plain tables that read well in the `sqlite3` shell, an FTS5 index over
//! quote text kept in sync by triggers, and a `meta` table with the schema version.

use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// The version of the store's schema, kept in `meta.schema_version`. A database of another
/// version is refused rather than misread, except a version-1 store opened for writing, which
/// is brought up to date in place (see [`upgrade`]).
///
/// History: `1` (2026-12) the first; `2` (2026-12) added `documents.date_source`.
pub const STORE_SCHEMA_VERSION: &str = "2";

/// The tables, indexes and triggers (documented in `crates/saywho-store/README.md`).
///
/// New quotes are added to `quotes_fts` by the writer itself, right after each quote row, not
/// by an insert trigger: a trigger that writes to an FTS5 table opens a statement savepoint,
/// and FTS5 flushes its in-memory index at every savepoint, so each quote became a tiny
/// segment to merge; that was 30% of an index run. Deletes and updates (rare: a changed
/// document re-indexed, or a hand edit) go through triggers.
///
/// Surrogate keys (`documents.doc`, `quotes.quote`) are SQLite rowids: integer joins are the
/// cheapest there are, and the FTS index needs an integer rowid. The speaker's key, name,
/// type and gender are copied onto each quote, because every search and report filters or
/// groups quotes by them and a join per quote would cost more than the bytes.
const DDL: &str = r#"
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    doc            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    url            TEXT,
    title          TEXT,
    author         TEXT,
    date           TEXT,
    date_raw       TEXT,
    date_source    TEXT,
    outlet         TEXT,
    text           TEXT,
    quote_count    INTEGER NOT NULL,
    entity_count   INTEGER NOT NULL,
    schema_version TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet);

CREATE TABLE IF NOT EXISTS entities (
    doc           INTEGER NOT NULL,
    entity        INTEGER NOT NULL,
    name          TEXT NOT NULL,
    key           TEXT,
    type          TEXT NOT NULL,
    gender        TEXT NOT NULL,
    gender_source TEXT NOT NULL,
    PRIMARY KEY (doc, entity)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_key ON entities(key);

CREATE TABLE IF NOT EXISTS mentions (
    doc    INTEGER NOT NULL,
    entity INTEGER NOT NULL,
    seq    INTEGER NOT NULL,
    text   TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    PRIMARY KEY (doc, entity, seq)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS quotes (
    quote          INTEGER PRIMARY KEY,
    doc            INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    grp            INTEGER NOT NULL,
    cue            TEXT,
    cue_start      INTEGER,
    cue_end        INTEGER,
    speaker        INTEGER,
    speaker_name   TEXT,
    speaker_key    TEXT,
    speaker_type   TEXT,
    speaker_gender TEXT,
    mention        TEXT,
    mention_start  INTEGER,
    mention_end    INTEGER,
    channel        TEXT,
    confidence     REAL NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS quotes_doc ON quotes(doc, seq);
CREATE INDEX IF NOT EXISTS quotes_speaker_key ON quotes(speaker_key);

CREATE TABLE IF NOT EXISTS errors (
    id       TEXT NOT NULL,
    position TEXT NOT NULL,
    kind     TEXT NOT NULL,
    message  TEXT NOT NULL,
    PRIMARY KEY (id, position)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text,
    content = 'quotes',
    content_rowid = 'quote',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.quote, old.text);
END;
CREATE TRIGGER IF NOT EXISTS quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.quote, old.text);
    INSERT INTO quotes_fts(rowid, text) VALUES (new.quote, new.text);
END;
"#;

/// Settings of every connection. WAL: readers never block the writer and a killed writer
/// leaves the last committed transaction intact; `synchronous = NORMAL` is safe with WAL
/// against a process crash (only a power cut can lose the last transactions, never corrupt).
/// (The journal mode is set by the writer only: it is a property of the file, and a
/// read-only connection cannot change it.)
const PRAGMAS: &str = "
PRAGMA synchronous = NORMAL;
PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -65536;
PRAGMA busy_timeout = 10000;
";

/// Sets up a connection and creates or checks the schema.
pub(crate) fn init(conn: &Connection, writable: bool) -> Result<()> {
    conn.execute_batch(PRAGMAS)?;
    if writable {
        // Another application's database is left as it is: no tables of ours, no WAL mode.
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 && schema_version(conn)?.is_none() {
            return Err(Error::Foreign { tables });
        }
        // A checkpoint copies the WAL's pages into the database; letting the WAL grow to 64 MB
        // rather than 4 MB between checkpoints writes the pages a bulk load touches again and
        // again (index and FTS pages) once instead of at every few batches.
        conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 16384;")?;
        conn.execute_batch(&format!("BEGIN IMMEDIATE;{DDL}COMMIT;"))?;
    }
    match schema_version(conn)? {
        Some(v) if v == STORE_SCHEMA_VERSION => Ok(()),
        Some(v) if v == "1" && writable => upgrade(conn),
        Some(v) => Err(Error::SchemaVersion {
            found: v,
            expected: STORE_SCHEMA_VERSION,
        }),
        None if writable => {
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?1), ('record_schema_version', ?2)",
                params![STORE_SCHEMA_VERSION, saywho_record::SCHEMA_VERSION],
            )?;
            Ok(())
        }
        None => Err(Error::NotAStore),
    }
}

/// The store schema version in `meta`; `None` when there is no `meta` table or no version in it.
fn schema_version(conn: &Connection) -> Result<Option<String>> {
    match conn
        .query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get(0))
        .optional()
    {
        Ok(v) => Ok(v),
        // A database that was never initialised, or another application's.
        Err(rusqlite::Error::SqliteFailure(_, Some(ref m)))
            if m.contains("no such table") || m.contains("no such column") =>
        {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// Brings a version-1 store to the current version: version 2 added `documents.date_source`,
/// which documents stored before it leave NULL (their source is unknown, as for JSONL input).
/// Adding a nullable column rewrites no row, so this is instant on any size of store.
fn upgrade(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "BEGIN IMMEDIATE;
         ALTER TABLE documents ADD COLUMN date_source TEXT;
         UPDATE meta SET value = '{STORE_SCHEMA_VERSION}' WHERE key = 'schema_version';
         COMMIT;"
    ))?;
    Ok(())
}
