//! The numbers of a report: documents and quotes, who is quoted most, the shares of women, men
//! and unknown (by people and by quotes; overall, by outlet, by month), and the channels.
//!
//! The quotes selected by the filters are first copied into a temporary table (`sel`), so
//! that every count below reads the same selection once, whatever the filters were.

use crate::{Filters, Result, Store};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::Serialize;

/// Speakers listed in each of the "most quoted" tables.
const TOP: usize = 20;

/// A report over the quotes that match a query and filters.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// The full-text query, if any.
    pub query: Option<String>,
    /// Documents that pass the document filters (outlet, dates).
    pub documents: u64,
    /// Documents with at least one selected quote.
    pub documents_with_quotes: u64,
    /// Selected quotes.
    pub quotes: u64,
    /// Error records in the store (documents that could not be processed).
    pub errors: u64,
    /// Quotes by kind (`direct`, `indirect`, `mixed`).
    pub kinds: Vec<Count>,
    /// The most quoted people, by entity key across documents.
    pub people: Vec<Count>,
    /// The most quoted organisations, by entity key across documents.
    pub organizations: Vec<Count>,
    /// Gender shares of the quoted people, over all selected quotes.
    pub gender: GenderShare,
    /// The same for each outlet (`(none)` for documents without one), most quotes first.
    pub gender_by_outlet: Vec<GenderShare>,
    /// The same for each month (`YYYY-MM`; `(no date)` last), in time order.
    pub gender_by_month: Vec<GenderShare>,
    /// Quotes by channel (`(none)` when the article does not say), most first.
    pub channels: Vec<Count>,
}

/// A row of a count table: a speaker, a channel or a kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The entity key (or the channel, or the kind).
    pub key: String,
    /// The name most often given to the key (the key itself for channels and kinds).
    pub name: String,
    /// Quotes.
    pub quotes: u64,
    /// Documents with such a quote.
    pub documents: u64,
    /// For a speaker: their gender across the corpus (see [`Report::gender`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

/// Women, men and unknown among quoted people, counted two ways.
///
/// Only speakers the article shows as a person count. **By people**: each distinct entity
/// key once, with the gender the corpus shows most for that key (female when more of its
/// articles show female than male, male in the opposite case, unknown on a tie or no
/// evidence); unnamed speakers ("a spokeswoman") have no key and are not counted.
/// **By quotes**: each quote once, with the gender its own article shows for the speaker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GenderShare {
    /// The outlet or month (empty for the whole selection).
    pub group: String,
    /// Distinct people.
    pub people: Share,
    /// Quotes.
    pub quotes: Share,
}

/// Counts of female, male and unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Share {
    /// Women.
    pub female: u64,
    /// Men.
    pub male: u64,
    /// Not shown.
    pub unknown: u64,
}

impl Share {
    /// The sum.
    pub fn total(&self) -> u64 {
        self.female + self.male + self.unknown
    }

    /// `n` as a percentage of the total (0 when the total is 0).
    ///
    /// ```
    /// let s = saywho_store::Share { female: 1, male: 2, unknown: 1 };
    /// assert_eq!(s.percent(s.female), 25.0);
    /// ```
    pub fn percent(&self, n: u64) -> f64 {
        match self.total() {
            0 => 0.0,
            t => 100.0 * n as f64 / t as f64,
        }
    }

    fn add(&mut self, gender: &str, n: u64) {
        match gender {
            "female" => self.female += n,
            "male" => self.male += n,
            _ => self.unknown += n,
        }
    }
}

impl Store {
    /// The report over the quotes that match `query` (FTS5, as in [`Store::search`]; all
    /// quotes when `None`) and `filters`.
    ///
    /// ```
    /// let store = saywho_store::Store::open_in_memory().unwrap();
    /// let report = store.report(None, &Default::default()).unwrap();
    /// assert_eq!((report.documents, report.quotes, report.gender.people.total()), (0, 0, 0));
    /// ```
    pub fn report(&self, query: Option<&str>, filters: &Filters) -> Result<Report> {
        let query = query.map(str::trim).filter(|q| !q.is_empty());
        self.select(query, filters)?;
        let conn = &self.conn;
        let (doc_cond, doc_values) = filters.document_sql()?;
        let documents = one(
            conn,
            &format!("SELECT count(*) FROM documents d WHERE {doc_cond}"),
            &doc_values,
        )?;
        let mut report = Report {
            query: query.map(str::to_string),
            documents,
            documents_with_quotes: one(conn, "SELECT count(DISTINCT doc) FROM temp.sel", &[])?,
            quotes: one(conn, "SELECT count(*) FROM temp.sel", &[])?,
            errors: one(conn, "SELECT count(*) FROM errors", &[])?,
            kinds: tally(conn, "kind")?,
            channels: tally(conn, "coalesce(channel, '(none)')")?,
            people: top(conn, "person")?,
            organizations: top(conn, "organization")?,
            ..Report::default()
        };
        report.gender = shares(conn, "''")?.pop().unwrap_or_default();
        let mut by_outlet = shares(conn, "outlet")?;
        by_outlet.sort_by(|a, b| b.quotes.total().cmp(&a.quotes.total()).then(a.group.cmp(&b.group)));
        report.gender_by_outlet = by_outlet;
        // `(` sorts before digits, so the undated group is moved to the end by hand.
        let mut by_month = shares(conn, "month")?;
        by_month.sort_by_key(|g| (g.group == NO_DATE, g.group.clone()));
        report.gender_by_month = by_month;
        conn.execute_batch("DROP TABLE IF EXISTS temp.sel; DROP TABLE IF EXISTS temp.key_gender;")?;
        Ok(report)
    }

    /// Fills `temp.sel` with the selected quotes and `temp.key_gender` with the corpus-wide
    /// gender of each person key among them.
    fn select(&self, query: Option<&str>, filters: &Filters) -> Result<()> {
        let (cond, mut values) = filters.sql()?;
        let from = match query {
            Some(q) => {
                values.insert(0, Value::Text(q.to_string()));
                "quotes_fts f JOIN quotes q ON q.quote = f.rowid JOIN documents d ON d.doc = q.doc WHERE quotes_fts MATCH ? AND"
            }
            None => "quotes q JOIN documents d ON d.doc = q.doc WHERE",
        };
        self.conn
            .execute_batch("DROP TABLE IF EXISTS temp.sel; DROP TABLE IF EXISTS temp.key_gender;")?;
        let create = format!(
            "CREATE TEMP TABLE sel AS
             SELECT q.quote, q.doc, q.kind, q.speaker_key, q.speaker_type, q.speaker_gender, q.channel,
                    coalesce(d.outlet, '(none)') AS outlet, coalesce(substr(d.date, 1, 7), '{NO_DATE}') AS month
             FROM {from} {cond}"
        );
        let created = self.conn.execute(&create, params_from_iter(values.iter()));
        if let (Some(q), Err(rusqlite::Error::SqliteFailure(_, Some(message)))) = (query, &created) {
            if crate::search::is_query_error(message) {
                return Err(crate::Error::Query {
                    query: q.to_string(),
                    message: message.clone(),
                });
            }
        }
        created?;
        self.conn.execute_batch(
            "CREATE TEMP TABLE key_gender AS
             SELECT key,
                    CASE WHEN sum(gender = 'female') > sum(gender = 'male') THEN 'female'
                         WHEN sum(gender = 'male') > sum(gender = 'female') THEN 'male'
                         ELSE 'unknown' END AS gender
             FROM entities
             WHERE key IN (SELECT DISTINCT speaker_key FROM temp.sel WHERE speaker_type = 'person')
             GROUP BY key;
             CREATE UNIQUE INDEX temp.key_gender_key ON key_gender(key);",
        )?;
        Ok(())
    }
}

/// The group of quotes from documents without a readable date.
pub(crate) const NO_DATE: &str = "(no date)";

fn one(conn: &Connection, sql: &str, values: &[Value]) -> Result<u64> {
    let n: i64 = conn.query_row(sql, params_from_iter(values.iter()), |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// Quotes and documents by the value of `expr` over `sel`, most quotes first.
fn tally(conn: &Connection, expr: &str) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {expr} AS v, count(*), count(DISTINCT doc) FROM temp.sel GROUP BY v ORDER BY 2 DESC, 1"
    ))?;
    let rows = stmt.query_map([], |r| {
        let v: String = r.get(0)?;
        Ok(Count {
            key: v.clone(),
            name: v,
            quotes: r.get::<_, i64>(1)?.max(0) as u64,
            documents: r.get::<_, i64>(2)?.max(0) as u64,
            gender: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The most quoted speakers of one type, by key, with the name most often used for the key
/// in the whole store.
fn top(conn: &Connection, kind: &str) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare(
        "SELECT s.speaker_key, count(*), count(DISTINCT s.doc), kg.gender,
                (SELECT speaker_name FROM quotes WHERE speaker_key = s.speaker_key
                 GROUP BY speaker_name ORDER BY count(*) DESC, speaker_name LIMIT 1)
         FROM temp.sel s LEFT JOIN temp.key_gender kg ON kg.key = s.speaker_key
         WHERE s.speaker_type = ?1 AND s.speaker_key IS NOT NULL
         GROUP BY s.speaker_key ORDER BY 2 DESC, 1 LIMIT ?2",
    )?;
    let rows = stmt.query_map(rusqlite::params![kind, TOP as i64], |r| {
        let key: String = r.get(0)?;
        Ok(Count {
            name: r.get::<_, Option<String>>(4)?.unwrap_or_else(|| key.clone()),
            key,
            quotes: r.get::<_, i64>(1)?.max(0) as u64,
            documents: r.get::<_, i64>(2)?.max(0) as u64,
            // Only people have a gender; organisations' is always unknown.
            gender: (kind == "person")
                .then(|| r.get::<_, Option<String>>(3))
                .transpose()?
                .flatten(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Gender shares by `group` (a column of `sel`, or `''` for one overall group).
fn shares(conn: &Connection, group: &str) -> Result<Vec<GenderShare>> {
    let mut groups: std::collections::BTreeMap<String, GenderShare> = Default::default();
    let mut by_quotes = conn.prepare(&format!(
        "SELECT {group}, coalesce(speaker_gender, 'unknown'), count(*) FROM temp.sel
         WHERE speaker_type = 'person' GROUP BY 1, 2"
    ))?;
    let mut rows = by_quotes.query([])?;
    while let Some(r) = rows.next()? {
        let (g, gender, n): (String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        entry(&mut groups, g).quotes.add(&gender, n.max(0) as u64);
    }
    let mut by_people = conn.prepare(&format!(
        "SELECT p.g, coalesce(kg.gender, 'unknown'), count(*)
         FROM (SELECT DISTINCT {group} AS g, speaker_key FROM temp.sel
               WHERE speaker_type = 'person' AND speaker_key IS NOT NULL) p
         LEFT JOIN temp.key_gender kg ON kg.key = p.speaker_key
         GROUP BY 1, 2"
    ))?;
    let mut rows = by_people.query([])?;
    while let Some(r) = rows.next()? {
        let (g, gender, n): (String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        entry(&mut groups, g).people.add(&gender, n.max(0) as u64);
    }
    if group == "''" && groups.is_empty() {
        groups.insert(String::new(), GenderShare::default());
    }
    Ok(groups.into_values().collect())
}

fn entry(groups: &mut std::collections::BTreeMap<String, GenderShare>, g: String) -> &mut GenderShare {
    groups.entry(g.clone()).or_insert_with(|| GenderShare {
        group: g,
        ..GenderShare::default()
    })
}
