//! The JSONL reader (through decompression, as a file would be read) and the preparation of
//! each unit it yields.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::read_all(data, saywho_io::InputFormat::Jsonl));
