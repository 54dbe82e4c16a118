//! The engine on arbitrary UTF-8: it must return a record or an error, never panic, and every
//! offset it gives must index the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static ENGINE: OnceLock<saywho::Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let engine = ENGINE.get_or_init(saywho::Engine::new);
    if let Ok(record) = engine.extract("fuzz", text) {
        let chars = text.chars().count();
        for quote in &record.quotes {
            assert!(
                quote.start <= quote.end && quote.end <= chars,
                "quote offsets out of the text"
            );
        }
    }
});
