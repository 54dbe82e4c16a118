//! saywho: who said what in news text.
pub mod record;
pub use record::*;

/// The extraction engine. Build once, share across threads.
#[derive(Debug, Default)]
pub struct Engine {}

impl Engine {
    pub fn new() -> Engine {
        Engine {}
    }
    /// Extract every quotation of `text` as a serialisable record.
    pub fn extract(&self, id: &str, text: &str) -> Record {
        let _ = text;
        Record { id: id.to_string(), quotes: vec![], entities: vec![] }
    }
}
