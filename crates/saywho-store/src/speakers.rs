//! The people and organisations quoted: counts, gender with its evidence, and the names the
//! articles used for them.

use crate::{Filters, Result, Store};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};
use saywho_record::EntityKind;
use serde::Serialize;

/// Distinct mention texts listed per speaker, most used first.
const NAMES: usize = 12;

/// A speaker across the corpus: every quote whose speaker has one entity key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Speaker {
    /// The entity key ([`saywho_record::entity_key`]).
    pub key: String,
    /// The name the articles give most often.
    pub name: String,
    /// `person`, `organization` or `other`: the type most of its articles give it (on a tie,
    /// person, then organization). `--type` selects on this.
    #[serde(rename = "type")]
    pub kind: String,
    /// Selected quotes.
    pub quotes: u64,
    /// Documents with a selected quote.
    pub documents: u64,
    /// `female`, `male` or `unknown`: the gender more of its articles show (unknown on a tie).
    pub gender: String,
    /// What decided it: `text` when articles showed it, `name` for first-name statistics,
    /// `none` when nothing did.
    pub gender_source: String,
    /// Articles (in the whole store) showing the entity female.
    pub female_documents: u64,
    /// Articles showing it male.
    pub male_documents: u64,
    /// Articles naming it in all.
    pub entity_documents: u64,
    /// The words the articles used for it (names, pronouns, descriptions), most used first.
    pub names: Vec<String>,
}

impl Store {
    /// The speakers with an entity key among the quotes that match `filters` (and, when
    /// given, whose type is `kind`: the type most of their articles give them, the one the
    /// row shows), most quoted first, at most `limit`. Quote and document counts follow the
    /// filters; type, gender evidence and names come from every article of the store.
    ///
    /// ```
    /// let store = saywho_store::Store::open_in_memory().unwrap();
    /// assert!(store.speakers(&Default::default(), None, 10).unwrap().is_empty());
    /// ```
    pub fn speakers(&self, filters: &Filters, kind: Option<EntityKind>, limit: usize) -> Result<Vec<Speaker>> {
        let (cond, mut values) = filters.sql()?;
        // The speaker's type, as its row shows it, not each quote's: filtering on the quote's
        // type listed Microsoft (a person in 10 articles, an organisation in 9) under
        // `--type person` as an organisation with its person-typed quotes only.
        let kind_cond = match kind {
            Some(k) => {
                values.push(Value::Text(k.as_str().to_string()));
                format!("HAVING {MAJORITY_TYPE} = ?")
            }
            None => String::new(),
        };
        values.push(Value::Integer(crate::int(limit)?));
        let sql = format!(
            "SELECT q.speaker_key, count(*), count(DISTINCT q.doc)
             FROM quotes q JOIN documents d ON d.doc = q.doc
             WHERE q.speaker_key IS NOT NULL AND {cond}
             GROUP BY q.speaker_key {kind_cond} ORDER BY 2 DESC, 1 LIMIT ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
            Ok(Speaker {
                key: r.get(0)?,
                quotes: r.get::<_, i64>(1)?.max(0) as u64,
                documents: r.get::<_, i64>(2)?.max(0) as u64,
                ..Speaker::default()
            })
        })?;
        let mut speakers: Vec<Speaker> = rows.collect::<rusqlite::Result<_>>()?;
        for s in &mut speakers {
            self.describe(s)?;
        }
        Ok(speakers)
    }

    /// Fills in a speaker's name, type, gender and its evidence, and the names used for it.
    fn describe(&self, s: &mut Speaker) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, type, gender, gender_source, count(*) FROM entities WHERE key = ?1
             GROUP BY 1, 2, 3, 4",
        )?;
        let mut rows = stmt.query(params![s.key])?;
        let mut names: Vec<(String, u64)> = Vec::new();
        let mut kinds: Vec<(String, u64)> = Vec::new();
        let (mut from_text, mut from_name) = (0u64, 0u64);
        while let Some(r) = rows.next()? {
            let (name, kind, gender, source): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let n = r.get::<_, i64>(4)?.max(0) as u64;
            bump(&mut names, name, n);
            bump(&mut kinds, kind, n);
            s.entity_documents += n;
            match gender.as_str() {
                "female" => s.female_documents += n,
                "male" => s.male_documents += n,
                _ => {}
            }
            match source.as_str() {
                "text" => from_text += n,
                "name" => from_name += n,
                _ => {}
            }
        }
        s.name = most(&names).unwrap_or_else(|| s.key.clone());
        s.kind = majority_type(&kinds);
        s.gender = match s.female_documents.cmp(&s.male_documents) {
            std::cmp::Ordering::Greater => "female",
            std::cmp::Ordering::Less => "male",
            std::cmp::Ordering::Equal => "unknown",
        }
        .to_string();
        s.gender_source = match (s.gender.as_str(), from_text, from_name) {
            ("unknown", _, _) => "none",
            (_, t, _) if t > 0 => "text",
            (_, _, n) if n > 0 => "name",
            _ => "none",
        }
        .to_string();
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.text, count(*) FROM entities e JOIN mentions m ON m.doc = e.doc AND m.entity = e.entity
             WHERE e.key = ?1 GROUP BY m.text ORDER BY 2 DESC, 1 LIMIT ?2",
        )?;
        let texts = stmt.query_map(params![s.key, NAMES as i64], |r| r.get::<_, String>(0))?;
        s.names = texts.collect::<rusqlite::Result<_>>()?;
        Ok(())
    }
}

/// A speaker's type in SQL (`q.speaker_key` the speaker): the one most of its articles give
/// it, as [`majority_type`] chooses it.
const MAJORITY_TYPE: &str = "coalesce((SELECT e.type FROM entities e WHERE e.key = q.speaker_key GROUP BY e.type
     ORDER BY count(*) DESC, CASE e.type WHEN 'person' THEN 0 WHEN 'organization' THEN 1 ELSE 2 END, e.type
     LIMIT 1), 'other')";

/// The type most articles give a speaker; on a tie person, then organization, then the rest by
/// name (the order [`MAJORITY_TYPE`] uses, so that `--type` selects the rows that show it).
fn majority_type(kinds: &[(String, u64)]) -> String {
    let rank = |kind: &str| match kind {
        "person" => 0,
        "organization" => 1,
        _ => 2,
    };
    kinds
        .iter()
        .min_by(|(a, m), (b, n)| n.cmp(m).then(rank(a).cmp(&rank(b))).then(a.cmp(b)))
        .map_or_else(|| "other".to_string(), |(kind, _)| kind.clone())
}

fn bump(counts: &mut Vec<(String, u64)>, value: String, n: u64) {
    match counts.iter_mut().find(|(v, _)| *v == value) {
        Some((_, c)) => *c += n,
        None => counts.push((value, n)),
    }
}

/// The value with the highest count; the first seen on a tie.
fn most(counts: &[(String, u64)]) -> Option<String> {
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == best).map(|(v, _)| v.clone())
}
