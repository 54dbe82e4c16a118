//! Raw input to a [`Document`]: UTF-8 checks, JSONL parsing and HTML extraction. Runs in the
//! workers, so these costs scale with threads.

use crate::doc::{Document, Meta, Payload, Unit};
use crate::error::{DocError, ErrorKind};

/// The JSONL fields to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// The field holding the document id (`line-N` when absent).
    pub id: String,
    /// The field holding the text.
    pub text: String,
    /// The fields holding the metadata.
    pub meta: MetaFields,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            text: "text".into(),
            meta: MetaFields::default(),
        }
    }
}

/// The JSONL field read for each metadata field (copied when it holds a non-empty string); by
/// default the field of the same name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaFields {
    /// For `url`.
    pub url: String,
    /// For `title`.
    pub title: String,
    /// For `author`.
    pub author: String,
    /// For `date`.
    pub date: String,
    /// For `outlet`.
    pub outlet: String,
}

impl Default for MetaFields {
    fn default() -> Self {
        let [url, title, author, date, outlet] = MetaFields::NAMES.map(String::from);
        MetaFields {
            url,
            title,
            author,
            date,
            outlet,
        }
    }
}

impl MetaFields {
    /// The metadata fields, named as in the output.
    pub const NAMES: [&'static str; 5] = ["url", "title", "author", "date", "outlet"];

    /// Reads metadata field `name` from JSONL field `field`; an error for a name not in
    /// [`MetaFields::NAMES`].
    ///
    /// ```
    /// let mut meta = saywho_io::MetaFields::default();
    /// meta.set("title", "headline").unwrap();
    /// assert_eq!(meta.title, "headline");
    /// assert!(meta.set("byline", "x").is_err());
    /// ```
    pub fn set(&mut self, name: &str, field: &str) -> Result<(), String> {
        let slot = match name {
            "url" => &mut self.url,
            "title" => &mut self.title,
            "author" => &mut self.author,
            "date" => &mut self.date,
            "outlet" => &mut self.outlet,
            _ => {
                return Err(format!(
                    "no metadata field {name:?}: it is one of {}",
                    MetaFields::NAMES.join(", ")
                ))
            }
        };
        *slot = field.to_string();
        Ok(())
    }
}

/// Turns a unit into a document, or the reason it cannot be one.
///
/// ```
/// use saywho_io::{prepare, Fields, Payload, Unit};
/// let unit = Unit {
///     position: "corpus.jsonl:1".into(),
///     payload: Payload::JsonLine { line: 1, bytes: br#"{"id": 7, "text": "Hi.", "title": "T"}"#.to_vec() },
/// };
/// let doc = prepare(unit, &Fields::default()).unwrap();
/// assert_eq!((doc.id.as_str(), doc.text.as_str(), doc.meta.title.as_deref()), ("7", "Hi.", Some("T")));
/// ```
pub fn prepare(unit: Unit, fields: &Fields) -> Result<Document, DocError> {
    let position = unit.position;
    match unit.payload {
        Payload::Failed(e) => Err(e),
        Payload::Text { id, bytes } => match String::from_utf8(bytes) {
            Ok(text) => Ok(Document {
                id,
                text,
                meta: Meta::default(),
                extracted: false,
            }),
            Err(e) => Err(DocError::new(
                id,
                position,
                ErrorKind::InvalidUtf8,
                format!("not UTF-8 text: {}", e.utf8_error()),
            )),
        },
        Payload::JsonLine { line, bytes } => json_line(line, &bytes, &position, fields),
        Payload::Html {
            id,
            bytes,
            charset,
            meta,
        } => html_document(id, &bytes, charset.as_deref(), meta, &position),
    }
}

/// The main text and metadata of an HTML page.
#[cfg(feature = "html")]
fn html_document(
    id: String,
    bytes: &[u8],
    charset: Option<&str>,
    meta: crate::doc::Meta,
    position: &str,
) -> Result<Document, DocError> {
    let article = crate::html::extract_article(bytes, charset, meta, position, &id)?;
    Ok(Document {
        id,
        text: article.text,
        meta: article.meta,
        extracted: true,
    })
}

/// Without the `html` feature a page is an error record, never silently dropped.
#[cfg(not(feature = "html"))]
fn html_document(
    id: String,
    _bytes: &[u8],
    _charset: Option<&str>,
    _meta: crate::doc::Meta,
    position: &str,
) -> Result<Document, DocError> {
    Err(DocError::new(
        id,
        position,
        ErrorKind::HtmlExtraction,
        "this build of saywho-io has no HTML support (its cargo feature `html` is off)",
    ))
}

/// The id the record of `unit` will carry, as [`prepare`] would give it (without extracting
/// anything): for resuming a run after a given document.
pub(crate) fn unit_id(unit: &Unit, fields: &Fields) -> String {
    match &unit.payload {
        Payload::Text { id, .. } | Payload::Html { id, .. } => id.clone(),
        Payload::Failed(e) => e.id.clone(),
        Payload::JsonLine { line, bytes } => match serde_json::from_slice::<serde_json::Value>(bytes) {
            Ok(serde_json::Value::Object(object)) => {
                json_id(&object, &fields.id).unwrap_or_else(|| format!("line-{line}"))
            }
            _ => format!("line-{line}"),
        },
    }
}

/// A JSON object's id as `saywho extract` reads it from a JSONL line: field `field`'s string,
/// or its JSON for any other value (`7`, `3.5`); `None` when it is absent or null.
///
/// ```
/// let object = serde_json::json!({"id": 7, "text": "x"});
/// let object = object.as_object().unwrap();
/// assert_eq!(saywho_io::json_id(object, "id").as_deref(), Some("7"));
/// assert_eq!(saywho_io::json_id(object, "doc_id"), None);
/// ```
pub fn json_id(object: &serde_json::Map<String, serde_json::Value>, field: &str) -> Option<String> {
    match object.get(field) {
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(v) if !v.is_null() => Some(v.to_string()),
        _ => None,
    }
}

/// A JSON object's metadata as `saywho extract` reads it from a JSONL line: each field of
/// `fields` that holds a non-empty string; a field of any other type is left out.
pub fn json_meta(object: &serde_json::Map<String, serde_json::Value>, fields: &MetaFields) -> Meta {
    let field = |name: &str| match object.get(name) {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    Meta {
        url: field(&fields.url),
        title: field(&fields.title),
        author: field(&fields.author),
        date: field(&fields.date),
        outlet: field(&fields.outlet),
        date_source: None,
    }
}

fn json_line(line: usize, bytes: &[u8], position: &str, fields: &Fields) -> Result<Document, DocError> {
    let stand_in = || format!("line-{line}");
    if let Err(e) = std::str::from_utf8(bytes) {
        let message = format!("not UTF-8: {e}");
        return Err(DocError::new(stand_in(), position, ErrorKind::InvalidUtf8, message));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| DocError::new(stand_in(), position, ErrorKind::MalformedJson, e.to_string()))?;
    let serde_json::Value::Object(mut object) = value else {
        return Err(DocError::new(
            stand_in(),
            position,
            ErrorKind::MalformedJson,
            "not a JSON object",
        ));
    };
    let id = json_id(&object, &fields.id).unwrap_or_else(stand_in);
    // Read before the text is taken out, in case one field serves both.
    let meta = json_meta(&object, &fields.meta);
    let Some(serde_json::Value::String(text)) = object.remove(&fields.text) else {
        let message = format!("no string field {:?}", fields.text);
        return Err(DocError::new(id, position, ErrorKind::MissingText, message));
    };
    Ok(Document {
        id,
        text,
        meta,
        extracted: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(bytes: &[u8]) -> Result<Document, DocError> {
        let unit = Unit {
            position: "f:3".into(),
            payload: Payload::JsonLine {
                line: 3,
                bytes: bytes.to_vec(),
            },
        };
        prepare(unit, &Fields::default())
    }

    #[test]
    fn jsonl_lines_become_documents_or_typed_errors() {
        type Expected<'a> = Result<&'a str, (&'a str, ErrorKind)>;
        let cases: &[(&[u8], Expected)] = &[
            (br#"{"id": "a", "text": "x"}"#, Ok("a")),
            (br#"{"id": 7, "text": "x"}"#, Ok("7")),
            (br#"{"text": "x"}"#, Ok("line-3")),
            (br#"{"id": null, "text": "x"}"#, Ok("line-3")),
            (br#"{not json"#, Err(("line-3", ErrorKind::MalformedJson))),
            (br#"[1, 2]"#, Err(("line-3", ErrorKind::MalformedJson))),
            (br#"{"id": "b", "body": "x"}"#, Err(("b", ErrorKind::MissingText))),
            (br#"{"id": "b", "text": 5}"#, Err(("b", ErrorKind::MissingText))),
            (
                b"{\"id\": \"c\", \"text\": \"caf\xe9\"}",
                Err(("line-3", ErrorKind::InvalidUtf8)),
            ),
        ];
        for (input, expected) in cases {
            let got = line(input).map(|d| d.id).map_err(|e| (e.id, e.kind));
            let expected = expected.map(str::to_string).map_err(|(id, k)| (id.to_string(), k));
            assert_eq!(got, expected, "{}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn jsonl_metadata_fields_can_be_renamed() {
        let mut fields = Fields::default();
        fields.meta.set("url", "link").unwrap();
        fields.meta.set("title", "headline").unwrap();
        fields.meta.set("outlet", "source").unwrap();
        let unit = Unit {
            position: "f:1".into(),
            payload: Payload::JsonLine {
                line: 1,
                bytes: br#"{"id": "a", "text": "x", "link": "https://e.org/a", "headline": "H", "title": "not this",
                            "source": "E", "date": "2025-03-14"}"#
                    .to_vec(),
            },
        };
        let meta = prepare(unit, &fields).unwrap().meta;
        assert_eq!(meta.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(meta.title.as_deref(), Some("H"));
        assert_eq!(meta.outlet.as_deref(), Some("E"));
        assert_eq!(
            meta.date.as_deref(),
            Some("2025-03-14"),
            "unmapped fields keep their names"
        );
        assert_eq!(meta.author, None);
        let err = fields.meta.set("publisher", "x").unwrap_err();
        assert!(err.contains("url, title, author, date, outlet"), "{err}");
    }

    #[test]
    fn jsonl_metadata_fields_are_kept() {
        let doc = line(br#"{"id": "a", "text": "x", "url": "https://e.org/a", "outlet": "E", "date": 5}"#).unwrap();
        assert_eq!(doc.meta.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(doc.meta.outlet.as_deref(), Some("E"));
        assert_eq!(doc.meta.date, None, "only strings are kept");
    }
}
