//! `saywho index` over `saywho extract` JSONL output: no engine run, each line parsed as an
//! `OutputLine` (document or error record) and stored.
use crate::index_cmd::Tally;
use anyhow::{bail, Context, Result};
use indicatif::ProgressBar;
use saywho_io::{open_decoded, read_line_bounded, DocError, ErrorKind, InputFormat, Line, Plan, Source};
use saywho_record::{Output, OutputLine};
use saywho_store::Store;
use std::fs::File;
use std::sync::mpsc::sync_channel;

/// Lines parsed ahead of the writer: enough to keep it busy, few enough to bound memory.
const AHEAD: usize = 1024;

/// True when every input is a file (JSONL, or of a name saywho does not know) whose first line
/// is a `saywho extract` record.
/// Inputs of both kinds at once are refused: one run indexes one kind.
pub(crate) fn is_extract_output(plan: &Plan) -> Result<bool> {
    let mut kinds = Vec::new();
    for source in &plan.sources {
        // A file read by its first bytes (an unknown name) may be JSONL output too; standard
        // input cannot be looked at twice, so it needs --from-output.
        let is_output = match &source.path {
            Some(path) if source.format == InputFormat::Jsonl || source.sniff => first_line_is_output(source, path)?,
            _ => false,
        };
        kinds.push(is_output);
    }
    match (kinds.iter().any(|k| *k), kinds.iter().all(|k| *k)) {
        (true, false) => bail!("some inputs are `saywho extract` output and some are not; index them in separate runs"),
        (any, _) => Ok(any),
    }
}

fn first_line_is_output(source: &Source, path: &std::path::Path) -> Result<bool> {
    let file = File::open(path).with_context(|| format!("cannot open {}", source.label()))?;
    let Ok(mut input) = open_decoded(Box::new(file)) else {
        return Ok(false);
    };
    let mut buf = Vec::new();
    loop {
        match read_line_bounded(&mut input, &mut buf, 64 << 20) {
            Ok(Line::Complete) if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Line::Complete) => return Ok(serde_json::from_slice::<OutputLine>(&buf).is_ok()),
            _ => return Ok(false),
        }
    }
}

/// Reads every source's lines on a reader thread and stores them on this one.
pub(crate) fn index(
    plan: &Plan,
    store: &mut Store,
    batch: usize,
    max_doc_bytes: usize,
    bar: &ProgressBar,
    quiet: bool,
) -> Result<Tally> {
    let (tx, rx) = sync_channel::<(Result<Box<Output>, DocError>, u64)>(AHEAD);
    let mut tally = Tally::default();
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || {
            for source in &plan.sources {
                if !read_source(source, max_doc_bytes, &tx) {
                    return;
                }
            }
        });
        let mut writer = store.writer(batch)?;
        for (item, bytes) in rx {
            tally.read += 1;
            bar.inc(bytes);
            match item {
                Ok(out) => {
                    tally.indexed += 1;
                    tally.quotes += out.record.quotes.len() as u64;
                    tally.repeated.note(&out.record.id);
                    writer.put(&out)?;
                }
                Err(e) => {
                    tally.failed += 1;
                    if !quiet {
                        bar.suspend(|| diag!("saywho: {e}"));
                    }
                    writer.put_error(&e)?;
                }
            }
            if tally.read % 256 == 0 {
                bar.set_message(format!("{} documents", tally.read));
            }
        }
        writer.finish()?;
        Ok(())
    })?;
    Ok(tally)
}

type Sent = (Result<Box<Output>, DocError>, u64);

/// Sends each line of one source; false when the receiver has gone.
fn read_source(source: &Source, max_doc_bytes: usize, tx: &std::sync::mpsc::SyncSender<Sent>) -> bool {
    let label = source.label();
    let fail = |kind, message: String, position: String| Err(DocError::new(source.stem_id(), position, kind, message));
    let opened = match &source.path {
        Some(path) => File::open(path).map(|f| Box::new(f) as Box<dyn std::io::Read + Send>),
        None => Ok(Box::new(std::io::stdin()) as Box<dyn std::io::Read + Send>),
    };
    let mut input = match opened.and_then(open_decoded) {
        Ok(input) => input,
        Err(e) => return tx.send((fail(ErrorKind::Io, e.to_string(), label), 0)).is_ok(),
    };
    let mut buf = Vec::new();
    for line in 1usize.. {
        let position = format!("{label}:{line}");
        let item = match read_line_bounded(&mut input, &mut buf, max_doc_bytes) {
            Ok(Line::Eof) => return true,
            Ok(Line::TooLong(n)) => fail(ErrorKind::TooLarge, format!("line of {n} bytes"), position),
            Ok(Line::Complete) if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Line::Complete) => match serde_json::from_slice::<OutputLine>(&buf) {
                Ok(OutputLine::Document(out)) => Ok(out),
                Ok(OutputLine::Error(record)) => Err(DocError::from(record)),
                Err(e) => Err(DocError::new(
                    format!("line-{line}"),
                    position,
                    ErrorKind::MalformedJson,
                    format!("not a saywho extract record: {e}"),
                )),
            },
            Err(e) => {
                let (kind, message) = input.classify(&e);
                let _ = tx.send((fail(kind, message, position), 0));
                return true;
            }
        };
        if tx.send((item, buf.len() as u64 + 1)).is_err() {
            return false;
        }
    }
    true
}
