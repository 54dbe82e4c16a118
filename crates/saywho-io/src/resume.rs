//! Continuing a run that was cut short (killed, or stopped by a signal): how much of its
//! output to keep, and which input documents that output already covers.
//!
//! A JSONL output holds one line per input document, in input order, so the documents it
//! covers are counted: a partial last line (a kill lands mid-write) is cut, and the run goes on
//! with the next document; the result is byte for byte what one uninterrupted run writes. A
//! CSV output holds rows per quote, so documents without quotes leave no trace: the last
//! document's rows (perhaps not all written) are cut too, and the run goes on after the
//! document before it, found by id.

use crate::error::{ErrorBody, ErrorKind, ErrorRecord};
use crate::output::{OutputFormat, COLUMNS};
use std::io::{self, BufRead, BufReader, Read};

/// Which input documents a resumed run skips, because the output kept covers them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Skip {
    /// None: start from the first document.
    #[default]
    Nothing,
    /// The first this many documents (every input document is one output record).
    Documents(u64),
    /// Every document up to and including the `occurrence`-th whose id is `id`.
    Through {
        /// The id of the last document kept.
        id: String,
        /// Which of the documents with that id it is, counting from 1.
        occurrence: u64,
    },
}

/// What to keep of an output that is to be continued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resume {
    /// Bytes of the output to keep; what follows is cut before writing goes on.
    pub keep_bytes: u64,
    /// The input documents the kept bytes cover.
    pub skip: Skip,
    /// Documents (JSONL) or rows (CSV) kept.
    pub kept: u64,
    /// Whether a CSV output's header is among the kept bytes (when not, the file is started
    /// again from its header).
    pub has_header: bool,
}

/// Reads an existing output of `format` (JSONL without `pretty`, or CSV) and says where to
/// continue it. `on_error` receives, in order, the error records among the kept documents, to
/// rebuild an errors file. Other formats are an `Unsupported` error: a Parquet file cannot be
/// appended to, pretty JSON and the text listing do not hold one document a line.
///
/// ```
/// use saywho_io::{resume_point, OutputFormat, Skip};
/// let out = b"{\"schema_version\":\"1.2\",\"id\":\"a\",\"quotes\":[]}\n{\"schema_version\":\"1.2\",\"id\":\"b\",\"quo";
/// let resume = resume_point(&out[..], OutputFormat::Jsonl { pretty: false }, &mut |_| {}).unwrap();
/// assert_eq!((resume.keep_bytes, resume.skip), (46, Skip::Documents(1)));
/// // A file that saywho did not write is refused, and left as it is.
/// let input = b"{\"id\": \"a\", \"text\": \"Yes, she said.\"}\n";
/// assert!(resume_point(&input[..], OutputFormat::Jsonl { pretty: false }, &mut |_| {}).is_err());
/// ```
pub fn resume_point(input: impl Read, format: OutputFormat, on_error: &mut dyn FnMut(&[u8])) -> io::Result<Resume> {
    match format {
        OutputFormat::Jsonl { pretty: false } => jsonl(input, on_error),
        OutputFormat::Csv => csv(input, on_error),
        _ => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "only JSONL (not --pretty) and CSV outputs can be resumed",
        )),
    }
}

/// The marker of an error record's line: `"` inside a JSON string is always escaped, so this
/// can only be the record's own `error` key.
const ERROR_KEY: &[u8] = b",\"error\":{\"kind\"";

/// How every line of saywho's JSONL output starts, a record's or an error's.
const RECORD_START: &[u8] = b"{\"schema_version\":\"";

/// The error for an output that saywho did not write: resuming would cut and append to it.
fn not_ours(what: String) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "{what}, so this is not saywho's output: nothing was changed (give --resume the output of an earlier run)"
        ),
    )
}

fn jsonl(input: impl Read, on_error: &mut dyn FnMut(&[u8])) -> io::Result<Resume> {
    let mut input = BufReader::with_capacity(256 * 1024, input);
    let mut line = Vec::new();
    let (mut keep_bytes, mut kept) = (0u64, 0u64);
    loop {
        line.clear();
        let n = input.read_until(b'\n', &mut line)?;
        // A partial last line may stop anywhere in a record's start, but not outside it; or
        // be NUL bytes, what a file system leaves of a write a crash cut short.
        let shown = line.len().min(RECORD_START.len());
        let zeros = line.last() != Some(&b'\n') && line.iter().all(|&b| b == 0);
        if !RECORD_START.starts_with(&line[..shown]) && !zeros {
            let start = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
            return Err(not_ours(format!("line {} starts {start:?}", kept + 1)));
        }
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        keep_bytes += n as u64;
        kept += 1;
        if line.windows(ERROR_KEY.len()).any(|w| w == ERROR_KEY) {
            on_error(&line);
        }
    }
    let skip = if kept == 0 {
        Skip::Nothing
    } else {
        Skip::Documents(kept)
    };
    Ok(Resume {
        keep_bytes,
        skip,
        kept,
        has_header: false,
    })
}

/// One run of CSV rows with the same `doc_id`: one document.
struct Run {
    id: String,
    /// Where its first row starts.
    start: u64,
    /// Its error record, for an error row.
    error: Option<Vec<u8>>,
}

/// The complete rows of a CSV output, read in order.
#[derive(Default)]
struct CsvScan {
    has_header: bool,
    /// Set at a row that cannot be ours (a wrong header): nothing after it is looked at.
    stopped: bool,
    /// The document before the last one, and the last one (perhaps not all its rows written).
    previous: Option<Run>,
    last: Option<Run>,
    /// How many documents each id has had, the last one included.
    occurrences: std::collections::HashMap<String, u64>,
    rows: u64,
    /// Rows before the last document's.
    rows_kept: u64,
}

impl CsvScan {
    /// Takes one complete row that starts at byte `start`.
    fn row(&mut self, start: u64, record: &csv::ByteRecord, on_error: &mut dyn FnMut(&[u8])) {
        if self.stopped {
            return;
        }
        if !self.has_header {
            self.has_header = record.iter().eq(COLUMNS.iter().map(|c| c.as_bytes()));
            self.stopped = !self.has_header;
            return;
        }
        self.rows += 1;
        let id = String::from_utf8_lossy(&record[0]).into_owned();
        if self.last.as_ref().is_some_and(|r| r.id == id) {
            return;
        }
        if let Some(error) = self.previous.take().and_then(|run| run.error) {
            on_error(&error);
        }
        self.previous = self.last.take();
        self.rows_kept = self.rows - 1;
        *self.occurrences.entry(id.clone()).or_default() += 1;
        self.last = Some(Run {
            error: error_line(record, &id),
            id,
            start,
        });
    }
}

/// A reader that notes where the last line break outside double quotes is, which is where the
/// last complete CSV row ends (the writer quotes every field holding a line break).
struct RowEnds<R> {
    inner: R,
    read: u64,
    quoted: bool,
    last_row_end: u64,
}

impl<R: Read> Read for RowEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            match b {
                b'"' => self.quoted = !self.quoted,
                b'\n' if !self.quoted => self.last_row_end = self.read + i as u64 + 1,
                _ => {}
            }
        }
        self.read += n as u64;
        Ok(n)
    }
}

fn csv(input: impl Read, on_error: &mut dyn FnMut(&[u8])) -> io::Result<Resume> {
    // The first line is the header, or a piece of it cut short.
    let mut input = BufReader::with_capacity(256 * 1024, input);
    let mut first = Vec::new();
    input.read_until(b'\n', &mut first)?;
    let header = format!("{}\n", COLUMNS.join(","));
    let shown = first.len().min(header.len());
    if first.len() > header.len() || !header.as_bytes().starts_with(&first[..shown]) {
        return Err(not_ours(format!(
            "its first line is not the header {}",
            COLUMNS.join(",")
        )));
    }
    let ends = RowEnds {
        inner: io::Cursor::new(first).chain(input),
        read: 0,
        quoted: false,
        last_row_end: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(ends);
    let mut scan = CsvScan::default();
    // A row is known complete once the next one is read; the last one, when a line break
    // follows it. Every complete row has all the columns.
    let mut pending: Option<(u64, u64, csv::ByteRecord)> = None;
    loop {
        let start = reader.position().byte();
        let mut record = csv::ByteRecord::new();
        let more = reader.read_byte_record(&mut record).map_err(io::Error::other)?;
        if let Some((start, end, row)) = pending.take() {
            let complete = row.len() == COLUMNS.len() && (more || end <= reader.get_ref().last_row_end);
            if !complete {
                break;
            }
            scan.row(start, &row, on_error);
        }
        if !more {
            break;
        }
        pending = Some((start, reader.position().byte(), record));
    }
    let header_bytes = (COLUMNS.join(",").len() + 1) as u64;
    // The last document may not have all its rows: it is cut and done again.
    let keep_bytes = match (&scan.last, scan.has_header) {
        (Some(run), _) => run.start,
        (None, true) => header_bytes,
        (None, false) => 0,
    };
    let skip = match scan.previous {
        Some(run) => {
            if let Some(error) = &run.error {
                on_error(error);
            }
            // Runs are of distinct consecutive ids, so the last one is not counted here.
            let occurrence = scan.occurrences.get(&run.id).copied().unwrap_or(1);
            Skip::Through { id: run.id, occurrence }
        }
        None => Skip::Nothing,
    };
    Ok(Resume {
        keep_bytes,
        skip,
        kept: if scan.last.is_some() { scan.rows_kept } else { scan.rows },
        has_header: scan.has_header,
    })
}

/// The error record (JSONL line) of an error row, as the errors file holds it.
fn error_line(record: &csv::ByteRecord, id: &str) -> Option<Vec<u8>> {
    let column = |name: &str| {
        let i = COLUMNS.iter().position(|c| *c == name)?;
        Some(String::from_utf8_lossy(record.get(i)?).into_owned())
    };
    let kind = column("error_kind").filter(|k| !k.is_empty())?;
    let kind: ErrorKind = serde_json::from_value(serde_json::Value::String(kind)).ok()?;
    let error = ErrorRecord {
        schema_version: saywho_record::SCHEMA_VERSION.to_string(),
        id: id.to_string(),
        error: ErrorBody {
            kind,
            position: column("error_position").unwrap_or_default(),
            message: column("error_message").unwrap_or_default(),
        },
    };
    let mut line = serde_json::to_vec(&error).ok()?;
    line.push(b'\n');
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(bytes: &[u8], format: OutputFormat) -> (u64, Skip, usize) {
        let mut errors = 0;
        let r = resume_point(bytes, format, &mut |_| errors += 1).unwrap();
        (r.keep_bytes, r.skip, errors)
    }

    #[test]
    fn jsonl_keeps_whole_lines_and_counts_them() {
        let error = br#"{"schema_version":"1.2","id":"x","error":{"kind":"io","position":"p","message":"m"}}"#;
        let two = [&b"{\"schema_version\":\"1.2\",\"id\":\"a\"}\n"[..], error, b"\n"].concat();
        let cases: Vec<(Vec<u8>, (u64, Skip, usize))> = vec![
            (b"".to_vec(), (0, Skip::Nothing, 0)),
            (b"{\"schema_vers".to_vec(), (0, Skip::Nothing, 0)),
            // A crash's NUL-filled tail after whole lines is cut like a partial line.
            (
                [&two[..], &[0u8; 3000][..]].concat(),
                (two.len() as u64, Skip::Documents(2), 1),
            ),
            (
                b"{\"schema_version\":\"1.2\",\"id\":\"a\"".to_vec(),
                (0, Skip::Nothing, 0),
            ),
            (two.clone(), (two.len() as u64, Skip::Documents(2), 1)),
            (
                [&two[..], b"{\"schema_version\":\"1.2\",\"id\":\"c\",\"te"].concat(),
                (two.len() as u64, Skip::Documents(2), 1),
            ),
        ];
        for (bytes, expected) in cases {
            assert_eq!(
                point(&bytes, OutputFormat::Jsonl { pretty: false }),
                expected,
                "{:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
    }

    #[test]
    fn an_output_saywho_did_not_write_is_refused() {
        let header = format!("{}\n", COLUMNS.join(","));
        let cases: [(&[u8], OutputFormat); 5] = [
            // The input given as the output by mistake: its lines, or its one line without end.
            (
                b"{\"id\": \"a\", \"text\": \"x\"}\n",
                OutputFormat::Jsonl { pretty: false },
            ),
            (b"{\"id\": \"a\", \"te", OutputFormat::Jsonl { pretty: false }),
            (b"Notes for the story\n", OutputFormat::Jsonl { pretty: false }),
            (b"name,date\nAnn,2024\n", OutputFormat::Csv),
            (header.as_bytes(), OutputFormat::Jsonl { pretty: false }),
        ];
        for (bytes, format) in cases {
            let got = resume_point(bytes, format, &mut |_| {});
            let e = got.expect_err(&String::from_utf8_lossy(bytes));
            assert_eq!(e.kind(), io::ErrorKind::InvalidData);
            assert!(e.to_string().contains("not saywho's output"), "{e}");
        }
    }

    #[test]
    fn csv_cuts_the_last_document_and_resumes_after_the_one_before() {
        let header = format!("{}\n", COLUMNS.join(","));
        let row = |id: &str, quote: &str| format!("{id},,,,,,{quote},direct,0,,,,said,,0.9,0,1,,,\n");
        let error = "e,,,,,,,,,,,,,,,,,io,f.txt,gone\n";
        let a = row("a", "\"two\nlines\"") + &row("a", "x");
        let cases: Vec<(String, (u64, Skip, usize))> = vec![
            (String::new(), (0, Skip::Nothing, 0)),
            (header[..10].to_string(), (0, Skip::Nothing, 0)),
            (header.clone(), (header.len() as u64, Skip::Nothing, 0)),
            // One document: it may be incomplete, so it is done again.
            (header.clone() + &a, (header.len() as u64, Skip::Nothing, 0)),
            (
                header.clone() + &a + error + &row("b", "y"),
                (
                    (header.len() + a.len() + error.len()) as u64,
                    Skip::Through {
                        id: "e".into(),
                        occurrence: 1,
                    },
                    1,
                ),
            ),
            // A row cut inside its quoted line break is not a row.
            (
                header.clone() + &a + error + &row("b", "\"cut\n"),
                (
                    header.len() as u64 + a.len() as u64,
                    Skip::Through {
                        id: "a".into(),
                        occurrence: 1,
                    },
                    0,
                ),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(point(text.as_bytes(), OutputFormat::Csv), expected, "{text:?}");
        }
    }
}
