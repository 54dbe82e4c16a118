//! The filters shared by search, report and speakers, turned into an SQL condition over
//! `quotes q JOIN documents d` with every value a bound parameter.

use crate::{normalize_date, Error, Result};
use rusqlite::types::Value;
use saywho_record::{entity_key, Gender, QuoteKind};

/// Which quotes to consider. Empty fields do not filter.
///
/// ```
/// let f = saywho_store::Filters { outlet: Some("BBC".into()), from: Some("2024-01-01".into()), ..Default::default() };
/// assert!(f.validate().is_ok());
/// let bad = saywho_store::Filters { to: Some("last week".into()), ..Default::default() };
/// assert!(bad.validate().is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// The speaker: a name ("John Legend") or key (`john-legend`), compared by key.
    pub speaker: Option<String>,
    /// The speaker's gender in the article.
    pub gender: Option<Gender>,
    /// The document's outlet, exactly.
    pub outlet: Option<String>,
    /// The quote's kind.
    pub kind: Option<QuoteKind>,
    /// First day, `YYYY-MM-DD`, inclusive. Documents without a readable date are left out.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive. Documents without a readable date are left out.
    pub to: Option<String>,
}

impl Filters {
    /// Checks the values: dates must be real `YYYY-MM-DD` days, a speaker must have a key.
    pub fn validate(&self) -> Result<()> {
        for (field, date) in [("from", &self.from), ("to", &self.to)] {
            if let Some(d) = date {
                if normalize_date(d).as_deref() != Some(d.as_str()) {
                    let message = format!("{d:?} is not a date as YYYY-MM-DD");
                    return Err(Error::Filter { field, message });
                }
            }
        }
        if let Some(s) = &self.speaker {
            if entity_key(s).is_none() {
                let message = format!("{s:?} has no letters or digits");
                return Err(Error::Filter {
                    field: "speaker",
                    message,
                });
            }
        }
        Ok(())
    }

    /// True when no filter is set.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// The condition (`1` when there is none) and its parameters, for a query whose quotes are
    /// `q` and documents `d`.
    pub(crate) fn sql(&self) -> Result<(String, Vec<Value>)> {
        self.validate()?;
        let mut conds: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let mut add = |cond: &'static str, value: String| {
            conds.push(cond);
            values.push(Value::Text(value));
        };
        if let Some(key) = self.speaker.as_deref().and_then(entity_key) {
            add("q.speaker_key = ?", key);
        }
        if let Some(g) = self.gender {
            add("q.speaker_gender = ?", g.as_str().to_string());
        }
        if let Some(o) = &self.outlet {
            add("d.outlet = ?", o.clone());
        }
        if let Some(k) = self.kind {
            add("q.kind = ?", k.as_str().to_string());
        }
        // `date` is NULL for a missing or unreadable date, so any comparison leaves it out.
        if let Some(from) = &self.from {
            add("d.date >= ?", from.clone());
        }
        if let Some(to) = &self.to {
            add("d.date <= ?", to.clone());
        }
        let sql = if conds.is_empty() {
            "1".to_string()
        } else {
            conds.join(" AND ")
        };
        Ok((sql, values))
    }

    /// True when a filter is on the document (outlet or dates) rather than the quote.
    pub(crate) fn document_filtered(&self) -> bool {
        self.outlet.is_some() || self.from.is_some() || self.to.is_some()
    }

    /// The condition on documents alone (outlet and dates), for counting documents.
    pub(crate) fn document_sql(&self) -> Result<(String, Vec<Value>)> {
        let docs_only = Filters {
            outlet: self.outlet.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            ..Filters::default()
        };
        docs_only.sql()
    }
}
