//! The listing for people (`--format text`).

use saywho::Record;
use std::io::{self, Write};

/// "1 quote", "3 quotes".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Writes `rec` as a few lines: each quote with speaker, cue, channel, kind and confidence,
/// then the entities.
pub fn write_listing(out: &mut impl Write, rec: &Record) -> io::Result<()> {
    writeln!(out, "== {} ({})", rec.id, count(rec.quotes.len(), "quote"))?;
    for q in &rec.quotes {
        let speaker = q.speaker.as_ref().map_or("(unknown)", |s| s.name.as_str());
        let cue = q.cue.as_ref().map_or("-", |c| c.text.as_str());
        let channel = q.channel.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
        writeln!(out, "{speaker} · {cue}{channel} · {} · {:.2}", q.kind, q.confidence)?;
        writeln!(out, "    {}", q.text.replace('\n', " "))?;
    }
    for e in &rec.entities {
        writeln!(
            out,
            "  entity {}: {} ({}, {}, {})",
            e.id,
            e.name,
            e.kind,
            e.gender,
            count(e.mentions.len(), "mention")
        )?;
    }
    Ok(())
}
