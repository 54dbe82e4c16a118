//! Shared by the reader targets: read `data` as `format`, then prepare every unit as the
//! pipeline's workers do. Every unit must become a document or an error; nothing may panic.

use saywho_io::{prepare, read_stream, Fields, InputFormat, ReadOptions, Source, WarcSkips};

/// Small, so that a fuzzer's input cannot make a document large enough to be slow.
const MAX_DOC_BYTES: usize = 64 * 1024;

pub fn read_all(data: &[u8], format: InputFormat) {
    read_as(data, format, false);
}

/// As [`read_all`]; with `sniff`, the format is told from the first bytes (as for standard
/// input), `format` being the fallback.
pub fn read_as(data: &[u8], format: InputFormat, sniff: bool) {
    let source = Source {
        path: None,
        format,
        id: "fuzz".into(),
        unreadable: None,
        sniff,
    };
    let options = ReadOptions {
        max_doc_bytes: MAX_DOC_BYTES,
    };
    let fields = Fields::default();
    let mut emit = |unit| {
        let _ = prepare(unit, &fields);
        true
    };
    let raw = Box::new(std::io::Cursor::new(data.to_vec()));
    read_stream(raw, &source, &options, &mut emit, &mut WarcSkips::default());
}
