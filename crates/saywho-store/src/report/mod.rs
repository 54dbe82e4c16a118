//! The numbers of a report: documents and quotes, who is quoted most, the shares of women, men
//! and unknown (by people and by quotes; overall, by outlet, by month), and the channels.
//!
//! The quotes selected by the query and filters are read once, in one SQL scan, and counted
//! in memory ([`tally`]); only the corpus-wide gender of the quoted people and the name most
//! used for each of the top speakers are further look-ups.

mod tally;

use crate::{Error, Filters, Result, Store};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::Serialize;
use std::collections::BTreeMap;
use tally::{Interner, Pass, Row, Sex, Tally};

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

    fn add(&mut self, sex: Sex) {
        match sex {
            Sex::Female => self.female += 1,
            Sex::Male => self.male += 1,
            Sex::Unknown => self.unknown += 1,
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
        let mut pass = self.scan(query, filters)?;
        let conn = &self.conn;
        let (doc_cond, doc_values) = filters.document_sql()?;
        let documents = one(
            conn,
            &format!("SELECT count(*) FROM documents d WHERE {doc_cond}"),
            &doc_values,
        )?;
        let genders = key_genders(conn, &pass, GENDER_LOOKUPS)?;
        let kinds = counts(std::mem::take(&mut pass.kind_tally), &pass.kinds);
        let channels = counts(std::mem::take(&mut pass.channel_tally), &pass.channels);
        let people = top(conn, std::mem::take(&mut pass.person_tally), &pass.keys, Some(&genders))?;
        let organizations = top(conn, std::mem::take(&mut pass.organization_tally), &pass.keys, None)?;
        let overall = shares(
            pass.outlet_quotes.iter().map(|&(_, sex)| (0, sex)),
            pass.outlet_people.iter().map(|&(_, key)| (0, key)).collect(),
            &genders,
            |_| String::new(),
        );
        let mut gender_by_outlet = shares(
            pass.outlet_quotes.iter().copied(),
            std::mem::take(&mut pass.outlet_people),
            &genders,
            |g| pass.outlets.name(g).to_string(),
        );
        gender_by_outlet.sort_by(|a, b| b.quotes.total().cmp(&a.quotes.total()).then(a.group.cmp(&b.group)));
        let mut gender_by_month = shares(
            pass.month_quotes.iter().copied(),
            std::mem::take(&mut pass.month_people),
            &genders,
            |g| pass.months.name(g).to_string(),
        );
        // `(` sorts before digits, so the undated group is moved to the end by hand.
        gender_by_month.sort_by_key(|g| (g.group == NO_DATE, g.group.clone()));
        Ok(Report {
            query: query.map(str::to_string),
            documents,
            documents_with_quotes: pass.documents(),
            quotes: pass.quotes,
            errors: one(conn, "SELECT count(*) FROM errors", &[])?,
            kinds,
            people,
            organizations,
            gender: overall.into_iter().next().unwrap_or_default(),
            gender_by_outlet,
            gender_by_month,
            channels,
        })
    }

    /// Reads the selected quotes once and counts them.
    fn scan(&self, query: Option<&str>, filters: &Filters) -> Result<Pass> {
        let (cond, mut values) = filters.sql()?;
        let from = match query {
            Some(q) => {
                values.insert(0, Value::Text(q.to_string()));
                "quotes_fts f JOIN quotes q ON q.quote = f.rowid JOIN documents d ON d.doc = q.doc WHERE quotes_fts MATCH ? AND"
            }
            None => "quotes q JOIN documents d ON d.doc = q.doc WHERE",
        };
        let sql = format!(
            "SELECT q.doc, q.kind, q.speaker_key, q.speaker_type, q.speaker_gender, q.channel,
                    coalesce(d.outlet, '(none)'), coalesce(substr(d.date, 1, 7), '{NO_DATE}')
             FROM {from} {cond}"
        );
        let mut pass = Pass::default();
        let run = |pass: &mut Pass| -> rusqlite::Result<()> {
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(values.iter()))?;
            while let Some(r) = rows.next()? {
                pass.add(&Row {
                    doc: r.get(0)?,
                    kind: r.get_ref(1)?.as_str()?,
                    key: r.get_ref(2)?.as_str_or_null()?,
                    speaker_type: r.get_ref(3)?.as_str_or_null()?,
                    gender: r.get_ref(4)?.as_str_or_null()?,
                    channel: r.get_ref(5)?.as_str_or_null()?,
                    outlet: r.get_ref(6)?.as_str()?,
                    month: r.get_ref(7)?.as_str()?,
                });
            }
            Ok(())
        };
        run(&mut pass).map_err(|e| match (query, e) {
            (Some(q), rusqlite::Error::SqliteFailure(_, Some(message))) if crate::search::is_query_error(&message) => {
                Error::Query {
                    query: q.to_string(),
                    message,
                }
            }
            (_, e) => Error::Sqlite(e),
        })?;
        Ok(pass)
    }
}

/// The group of quotes from documents without a readable date.
pub(crate) const NO_DATE: &str = "(no date)";

/// Above this many selected speakers, their genders are read in one scan of `entities`
/// rather than one indexed look-up each.
const GENDER_LOOKUPS: usize = 2_000;

/// Column `i` of a row as text, without copying it.
fn text<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(r.get_ref(i)?.as_str_or_null()?)
}

fn one(conn: &Connection, sql: &str, values: &[Value]) -> Result<u64> {
    let n: i64 = conn.query_row(sql, params_from_iter(values.iter()), |r| r.get(0))?;
    Ok(n.max(0) as u64)
}

/// The corpus-wide gender of each selected speaker key (indexed by key id): the gender more
/// of the articles naming the key show (see [`GenderShare`]); `None` for a key no entity has.
/// Up to `max_lookups` keys are looked up one by one, more in one scan.
fn key_genders(conn: &Connection, pass: &Pass, max_lookups: usize) -> Result<Vec<Option<Sex>>> {
    let mut votes: Vec<Option<(u64, u64)>> = vec![None; pass.keys.len()];
    let mut count = |id: usize, gender: Option<&str>| {
        let (f, m) = votes[id].get_or_insert((0, 0));
        match Sex::parse(gender) {
            Sex::Female => *f += 1,
            Sex::Male => *m += 1,
            Sex::Unknown => {}
        }
    };
    if pass.keys.len() <= max_lookups {
        let mut stmt = conn.prepare("SELECT gender FROM entities WHERE key = ?1")?;
        for id in 0..pass.keys.len() {
            let mut rows = stmt.query([pass.keys.name(id as u32)])?;
            while let Some(r) = rows.next()? {
                count(id, text(r, 0)?);
            }
        }
    } else {
        let mut stmt = conn.prepare("SELECT key, gender FROM entities WHERE key IS NOT NULL")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Some(id) = text(r, 0)?.and_then(|k| pass.keys.get(k)) {
                count(id as usize, text(r, 1)?);
            }
        }
    }
    Ok(votes.into_iter().map(|v| v.map(|(f, m)| Sex::majority(f, m))).collect())
}

/// A tally as count rows, most quotes first, then by value.
fn counts(tally: Tally, names: &Interner) -> Vec<Count> {
    let mut rows: Vec<Count> = tally
        .finish()
        .into_iter()
        .map(|(id, quotes, documents)| Count {
            key: names.name(id).to_string(),
            name: names.name(id).to_string(),
            quotes,
            documents,
            gender: None,
        })
        .collect();
    rows.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.key.cmp(&b.key)));
    rows
}

/// The [`TOP`] most quoted speakers of a tally of keys, with the name most often used for
/// the key in the whole store, and (for people) their gender.
fn top(conn: &Connection, tally: Tally, keys: &Interner, genders: Option<&[Option<Sex>]>) -> Result<Vec<Count>> {
    let mut rows = counts(tally, keys);
    rows.truncate(TOP);
    let mut name = conn.prepare(
        "SELECT speaker_name FROM quotes WHERE speaker_key = ?1
         GROUP BY speaker_name ORDER BY count(*) DESC, speaker_name LIMIT 1",
    )?;
    for row in &mut rows {
        let used: Option<Option<String>> = name.query([&row.key])?.next()?.map(|r| r.get(0)).transpose()?;
        if let Some(n) = used.flatten() {
            row.name = n;
        }
        // Only people have a gender; organisations' is always unknown.
        row.gender = genders
            .and_then(|g| keys.get(&row.key).and_then(|id| g[id as usize]))
            .map(|sex| sex.as_str().to_string());
    }
    Ok(rows)
}

/// Gender shares by group: quotes from `(group, gender)` pairs, people from distinct `(group, key)` pairs with the key's corpus gender.
fn shares(
    quotes: impl Iterator<Item = (u32, Sex)>,
    mut people: Vec<(u32, u32)>,
    genders: &[Option<Sex>],
    group_name: impl Fn(u32) -> String,
) -> Vec<GenderShare> {
    let mut groups: BTreeMap<u32, GenderShare> = BTreeMap::new();
    for (g, sex) in quotes {
        group(&mut groups, g, &group_name).quotes.add(sex);
    }
    people.sort_unstable();
    people.dedup();
    for (g, key) in people {
        let sex = genders[key as usize].unwrap_or(Sex::Unknown);
        group(&mut groups, g, &group_name).people.add(sex);
    }
    groups.into_values().collect()
}

fn group<'a>(groups: &'a mut BTreeMap<u32, GenderShare>, g: u32, name: &impl Fn(u32) -> String) -> &'a mut GenderShare {
    groups.entry(g).or_insert_with(|| GenderShare {
        group: name(g),
        ..GenderShare::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_genders_agree_whether_looked_up_or_scanned() {
        let store = Store::open_in_memory().unwrap();
        let rows = [
            (1, 0, "ann-lee", "female"),
            (2, 0, "ann-lee", "female"),
            (3, 0, "ann-lee", "male"),
            (1, 1, "bob-roe", "male"),
            (2, 1, "bob-roe", "unknown"),
            (1, 2, "kim-ng", "female"),
            (2, 2, "kim-ng", "male"),
            (1, 3, "not-quoted", "female"),
        ];
        for (doc, entity, key, gender) in rows {
            store
                .conn
                .execute(
                    "INSERT INTO entities (doc, entity, name, key, type, gender, gender_source)
                     VALUES (?1, ?2, ?3, ?3, 'person', ?4, 'text')",
                    rusqlite::params![doc, entity, key, gender],
                )
                .unwrap();
        }
        let mut pass = Pass::default();
        for key in ["kim-ng", "ann-lee", "nobody", "bob-roe"] {
            pass.keys.id(key);
        }
        let expected = [Some(Sex::Unknown), Some(Sex::Female), None, Some(Sex::Male)];
        assert_eq!(key_genders(&store.conn, &pass, 100).unwrap(), expected);
        assert_eq!(key_genders(&store.conn, &pass, 0).unwrap(), expected);
    }
}
