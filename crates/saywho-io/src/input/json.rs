//! A JSON document as input: an array of objects (`json.dump(docs)`, pandas'
//! `to_json(orient="records")`), or objects one after another however they are laid out
//! (a pretty-printed object, `jq .` output). Each object becomes a unit as a JSONL line does,
//! parsed in the workers, so its fields, its errors and its stand-in id (`line-N`, N counting
//! the objects) are a JSONL line's.
//!
//! The document is read whole, up to [`GIVE_UP_FACTOR`] times `--max-doc-bytes`: an array
//! cannot be split into its objects by lines, and a corpus that size belongs in JSONL.

use super::{failed, strip_bom, Decoded, ReadOptions, GIVE_UP_FACTOR};
use crate::doc::{Payload, Unit};
use crate::error::ErrorKind;
use serde_json::value::RawValue;
use std::io::Read;

/// Reads a JSON document and hands each object to `emit` (see the module's comment). A
/// document that is too large, or stops being JSON, is one error record for the objects not
/// read; the objects before it are units as usual.
pub(super) fn read_json(label: &str, input: &mut Decoded, options: &ReadOptions, emit: &mut dyn FnMut(Unit) -> bool) {
    let limit = options.max_doc_bytes.saturating_mul(GIVE_UP_FACTOR) as u64;
    let mut bytes = Vec::new();
    if let Err(e) = input.by_ref().take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        let (kind, message) = input.classify(&e);
        emit(failed("line-1".into(), &format!("{label}:item-1"), kind, message));
        return;
    }
    if bytes.len() as u64 > limit {
        let message = format!(
            "a JSON document of more than {limit} bytes ({GIVE_UP_FACTOR} times --max-doc-bytes) is not read: \
             give its objects as JSON lines, one a line (`jq -c '.[]'`)"
        );
        emit(failed(
            "line-1".into(),
            &format!("{label}:item-1"),
            ErrorKind::TooLarge,
            message,
        ));
        return;
    }
    strip_bom(&mut bytes);
    let mut reader = Objects {
        label,
        max_doc_bytes: options.max_doc_bytes,
        emit,
        count: 0,
    };
    let opens_array = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let read = if opens_array {
        // An array's items are handed over as they are parsed, so that those before a break
        // in the JSON (a file cut short) are not lost with it.
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        serde::Deserializer::deserialize_seq(&mut de, &mut reader).and_then(|go_on| {
            if go_on {
                de.end()?;
            }
            Ok(())
        })
    } else {
        // Any other value is one document (a value that is no object is then an error
        // record of its own, as on a JSONL line).
        serde_json::Deserializer::from_slice(&bytes)
            .into_iter::<&RawValue>()
            .try_for_each(|value| match reader.object(value?) {
                true => Ok(()),
                false => Err(None),
            })
            .or_else(|e: Option<serde_json::Error>| e.map_or(Ok(()), Err))
    };
    if let Err(e) = read {
        let next = reader.count + 1;
        let message = format!("not JSON: {e}; the rest of the document is not read");
        (reader.emit)(failed(
            format!("line-{next}"),
            &format!("{label}:item-{next}"),
            ErrorKind::MalformedJson,
            message,
        ));
    }
}

/// Hands a document's objects to `emit`, counting them.
struct Objects<'a> {
    label: &'a str,
    max_doc_bytes: usize,
    emit: &'a mut dyn FnMut(Unit) -> bool,
    count: usize,
}

impl Objects<'_> {
    /// Hands over one object (its JSON text); false when `emit` asks to stop.
    fn object(&mut self, value: &RawValue) -> bool {
        self.count += 1;
        let n = self.count;
        let position = format!("{}:item-{n}", self.label);
        let text = value.get();
        let unit = if text.len() > self.max_doc_bytes {
            let message = format!(
                "object of {} bytes is over --max-doc-bytes ({} bytes)",
                text.len(),
                self.max_doc_bytes
            );
            failed(format!("line-{n}"), &position, ErrorKind::TooLarge, message)
        } else {
            Unit {
                position,
                payload: Payload::JsonLine {
                    line: n,
                    bytes: text.as_bytes().to_vec(),
                },
            }
        };
        (self.emit)(unit)
    }
}

/// The items of the top-level array, each handed over as soon as it is parsed; the value is
/// false when `emit` asked to stop.
impl<'de> serde::de::Visitor<'de> for &mut Objects<'_> {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of objects")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<bool, A::Error> {
        while let Some(item) = items.next_element::<&'de RawValue>()? {
            if !self.object(item) {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
