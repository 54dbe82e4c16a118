//! The OpenAPI document: paths and request/error schemas from the handlers' annotations
//! (utoipa), and the record schema from `docs/schema/record.schema.json`, the JSON Schema that
//! the output tests validate real records against, so the two cannot drift apart.

use crate::document::ExtractRequest;
use crate::error::{ErrorDetail, ErrorResponse};
use serde_json::{Map, Value};
use utoipa::OpenApi;

/// The parts of the document written by hand: title, description, tags and shared schemas.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "saywho",
        description = "Who said what in news text: quotations with their offsets, cue, speaker (resolved to an entity), channel and the speaker's gender. Errors are `{\"error\": {\"kind\", \"message\"}}` with a stable `kind`.",
    ),
    components(schemas(ExtractRequest, ErrorResponse, ErrorDetail)),
    tags(
        (name = "extract", description = "Quotations of one document or a batch"),
        (name = "corpus", description = "Search and reports over an indexed corpus (with `saywho serve --db`)"),
        (name = "operations", description = "Health, metrics and this document"),
    )
)]
pub struct ApiDoc;

/// The finished document as JSON: `api` (from the routes) with the record schema's
/// definitions added to `components.schemas`, their references rewritten to point there.
pub fn finish(api: utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(&api).unwrap_or_else(|_| Value::Object(Map::new()));
    let schema: Value = serde_json::from_str(saywho_record::JSON_SCHEMA).unwrap_or(Value::Null);
    let Value::Object(mut schema) = schema else {
        return doc;
    };
    let defs = match schema.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let Some(root) = doc.as_object_mut() else {
        return doc;
    };
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    let Some(components) = components.as_object_mut() else {
        return doc;
    };
    let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
    let Some(schemas) = schemas.as_object_mut() else {
        return doc;
    };
    for (name, mut def) in defs {
        rewrite_refs(&mut def);
        schemas.insert(name, def);
    }
    // The whole line: a record or an error record (the lines of a batch's answer).
    let mut line = Map::new();
    for key in ["title", "description", "oneOf"] {
        if let Some(value) = schema.remove(key) {
            line.insert(key.to_string(), value);
        }
    }
    let mut line = Value::Object(line);
    rewrite_refs(&mut line);
    schemas.insert("output_line".to_string(), line);
    doc
}

/// `#/$defs/x` → `#/components/schemas/x`, everywhere in `value`.
fn rewrite_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    Value::String(s) if key == "$ref" => {
                        if let Some(name) = s.strip_prefix("#/$defs/") {
                            *s = format!("#/components/schemas/{name}");
                        }
                    }
                    _ => rewrite_refs(v),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_refs),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `$ref` of the finished document names a schema it has.
    #[test]
    fn every_reference_resolves() {
        let doc = finish(ApiDoc::openapi());
        let schemas = &doc["components"]["schemas"];
        assert!(
            schemas["record"].is_object() && schemas["quote"].is_object(),
            "{schemas}"
        );
        let mut refs = Vec::new();
        collect_refs(&doc, &mut refs);
        assert!(!refs.is_empty());
        for r in refs {
            let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{r}"));
            assert!(schemas[name].is_object(), "{r} does not resolve");
        }
    }

    fn collect_refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        Value::String(s) if k == "$ref" => out.push(s.clone()),
                        _ => collect_refs(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
            _ => {}
        }
    }
}
