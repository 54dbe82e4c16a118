//! The listing for people (`--format text`).

use saywho::Record;
use std::io::{self, Write};

/// Writes `rec` as a few lines: each quote with speaker, cue, channel, kind and confidence,
/// then the entities.
pub fn write_listing(out: &mut impl Write, rec: &Record) -> io::Result<()> {
    writeln!(out, "== {} ({} quotes)", rec.id, rec.quotes.len())?;
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
            "  entity {}: {} ({}, {}, {} mentions)",
            e.id,
            e.name,
            e.kind,
            e.gender,
            e.mentions.len()
        )?;
    }
    Ok(())
}
