//! HTML main-text extraction on arbitrary bytes (any charset, any nesting).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = saywho_io::extract_article(data, None, Default::default(), "fuzz.html", "fuzz");
});
