//! saywho-store: an embedded SQLite store of saywho output. Index a corpus once, then search
//! its quotes and report on who is quoted, how often, and in what gender shares.
//!
//! The database is one file of plain tables (`documents`, `quotes`, `entities`, `mentions`,
//! `errors`, `meta`) and an FTS5 index over quote text, explorable with the `sqlite3` shell;
//! the schema is documented in this crate's README. The library never prints; every failure
//! is an [`Error`] value.
//!
//! ```
//! use saywho_record::{Output, QuoteKind, QuoteRecord, Record};
//! use saywho_store::{Filters, Store};
//! let mut store = Store::open_in_memory().unwrap();
//! let quote = QuoteRecord { text: "We will build homes".into(), start: 1, end: 20, kind: QuoteKind::Direct,
//!                           group: 0, cue: None, speaker: None, channel: None, confidence: 0.9 };
//! let out = Output { record: Record::new("a", vec![quote], vec![]), meta: Default::default(), text: None };
//! let mut writer = store.writer(500).unwrap();
//! writer.put(&out).unwrap();
//! writer.finish().unwrap();
//! let hits = store.search(Some("home*"), &Filters::default(), 10).unwrap();
//! assert_eq!(hits[0].quote, "We will build homes");
//! ```

#![warn(missing_docs)]

mod filter;
mod read;
mod report;
mod schema;
mod search;
mod speakers;
mod write;

pub use filter::Filters;
pub use report::{Count, GenderShare, Report, Share};
/// Dates are read as everywhere in saywho (HTML metadata, datelines, JSONL input).
pub use saywho_record::date::normalize_date;
pub use schema::STORE_SCHEMA_VERSION;
pub use search::{fts_literal, fts_query, SearchHit};
pub use speakers::Speaker;
pub use write::{Counts, Writer};

use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed (cannot open, disk full, locked past the timeout, …). Its message is
    /// SQLite's, once: rusqlite's error is not given as the source too, since it and its own
    /// source repeat that message ("file is not a database: file is not a database: Error
    /// code 26: …" in a chain of causes).
    #[error("database: {0}")]
    Sqlite(rusqlite::Error),
    /// The file is a database of another schema version.
    #[error("the database has store schema version {found}, this saywho reads version {expected}; a version-1 store is upgraded when it is next opened for writing (`saywho index` into it), any other needs the corpus indexed again into a new file")]
    SchemaVersion {
        /// The version in the file.
        found: String,
        /// The version this library reads.
        expected: &'static str,
    },
    /// The file is another application's SQLite database: it has tables, none of them a saywho
    /// store's `meta` with a schema version. Nothing is written to it.
    #[error("the database holds tables of another application ({tables}) and is not a saywho store; it was left as it is: index into a new file")]
    Foreign {
        /// Its tables.
        tables: i64,
    },
    /// The file is an SQLite database but not a saywho store (opened read-only).
    #[error("not a saywho store (no meta table with a schema version); create one with `saywho index`")]
    NotAStore,
    /// The full-text query could not be parsed.
    ///
    /// Its message names no option: how to search the words as typed is the front end's to say
    /// (`--literal` on the command line, `literal=true` in the API).
    #[error("cannot read the search query {query:?}: {message}. Quote a phrase as \"…\" with balanced quotation marks, use AND, OR, NOT and NEAR between terms, not alone")]
    Query {
        /// The query as given.
        query: String,
        /// SQLite's reason.
        message: String,
    },
    /// A filter value is not valid (a date that is not `YYYY-MM-DD`, a speaker with no key).
    /// `field` is the [`Filters`] field, which front ends name as they call it (`--from`,
    /// `from=`): the message used to say `--from` to API clients too.
    #[error("invalid filter: {field} {message}")]
    Filter {
        /// The field: `from`, `to` or `speaker`.
        field: &'static str,
        /// What is wrong with its value.
        message: String,
    },
    /// A stored value is not one this version writes (a kind, type or gender name).
    #[error("unexpected value in the database: {0}")]
    Corrupt(String),
    /// A number does not fit a database integer (a document over 2^63 characters).
    #[error("value out of range: {0}")]
    Range(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Sqlite(e)
    }
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A store: one SQLite database file.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// How many SQLite virtual-machine instructions run between two looks at a cancel flag
/// ([`Store::interruptible`]): a few microseconds, for the cost of an atomic load.
const PROGRESS_STEPS: std::ffi::c_int = 1_000;

impl Store {
    /// Opens the store at `path`, creating the file and its schema if needed.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("saywho-store-open-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let store = saywho_store::Store::open(dir.join("corpus.db")).unwrap();
    /// assert_eq!(store.counts().unwrap().documents, 0);
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open(path)?;
        schema::init(&conn, true)?;
        Ok(Store::with(conn))
    }

    /// Opens an existing store for reading only: a search or report never writes, and can run
    /// while an index run writes (WAL mode).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        schema::init(&conn, false)?;
        Ok(Store::with(conn))
    }

    /// A store in memory (for tests and examples).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        schema::init(&conn, true)?;
        Ok(Store::with(conn))
    }

    fn with(conn: Connection) -> Store {
        // Room for every statement of the writer and the readers, so none is re-prepared.
        conn.set_prepared_statement_cache_capacity(64);
        Store { conn }
    }

    /// The underlying connection, for queries of one's own.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` on this store, stopping any SQL statement it runs once `cancel` is set (from
    /// another thread): the statement then fails with SQLite's "interrupted". The flag is this
    /// call's own, so a late cancel never reaches another caller's queries. It is read every
    /// thousand SQLite instructions of a statement, so a cancel set between two statements
    /// stops the next one that runs that long.
    ///
    /// ```
    /// use std::sync::{atomic::AtomicBool, Arc};
    /// let mut store = saywho_store::Store::open_in_memory().unwrap();
    /// let cancel = Arc::new(AtomicBool::new(true));
    /// let long = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000000) \
    ///             SELECT count(*) FROM c";
    /// let count = store.interruptible(cancel, |s| {
    ///     Ok(s.connection().query_row(long, [], |r| r.get::<_, i64>(0))?)
    /// });
    /// assert!(count.is_err());
    /// // The flag is gone with the call: the same query runs to its end afterwards.
    /// assert_eq!(store.connection().query_row(long, [], |r| r.get::<_, i64>(0)).unwrap(), 1_000_000);
    /// ```
    pub fn interruptible<T>(&mut self, cancel: Arc<AtomicBool>, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn
            .progress_handler(PROGRESS_STEPS, Some(move || cancel.load(Ordering::Relaxed)))?;
        let result = work(self);
        self.conn.progress_handler(0, None::<fn() -> bool>)?;
        result
    }

    /// `PRAGMA integrity_check`: `"ok"` for a sound database, SQLite's findings otherwise.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(lines.join("\n"))
    }
}

/// Converts a count or offset to SQLite's integer.
fn int(n: usize) -> Result<i64> {
    i64::try_from(n).map_err(|_| Error::Range(n.to_string()))
}
