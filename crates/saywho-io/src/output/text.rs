//! The listing for people (`--format text`).

use saywho::Record;
use saywho_record::DocError;
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

/// Writes a document that failed as one line where its listing would have been, so that a
/// listing saved to a file accounts for every document: `== id (failed: kind at position:
/// message)`.
pub fn write_failure(out: &mut impl Write, e: &DocError) -> io::Result<()> {
    let message = e.message.replace('\n', " ");
    writeln!(out, "== {} (failed: {} at {}: {message})", e.id, e.kind, e.position)
}

#[cfg(test)]
mod tests {
    use super::*;
    use saywho_record::ErrorKind;

    #[test]
    fn a_failure_is_one_line_of_the_listing() {
        let e = DocError::new(
            "b",
            "t.jsonl:2",
            ErrorKind::MissingText,
            "no string field \"text\"\nat all",
        );
        let mut out = Vec::new();
        write_failure(&mut out, &e).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "== b (failed: missing_text at t.jsonl:2: no string field \"text\" at all)\n"
        );
    }
}
