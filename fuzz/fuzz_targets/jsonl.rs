//! The JSONL reader (through decompression, as a file would be read) and the preparation of
//! each unit it yields; the same with the reader of JSON documents (arrays, objects over
//! lines); then the same bytes as standard input, read in the format their first bytes show.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_all(data, saywho_io::InputFormat::Jsonl);
    common::read_all(data, saywho_io::InputFormat::Json);
    common::read_as(data, saywho_io::InputFormat::Text, true);
});
