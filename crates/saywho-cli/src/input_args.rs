//! What to read and how: the input arguments of `extract` and `index`, and the
//! `saywho_io` plan and pipeline options they give.
use anyhow::Result;
use std::path::PathBuf;

/// The inputs and how to read them (flattened into `extract` and `index`).
#[derive(clap::Args, Debug)]
pub struct InputArgs {
    /// Files or folders (read recursively) to read; none, or "-", reads standard input. A file's
    /// id is its path below the folder given, without extension.
    pub inputs: Vec<PathBuf>,
    /// How to read the inputs: by file name (auto; standard input, and a file whose
    /// extension saywho does not know, by their first bytes: JSONL, a JSON array or
    /// pretty-printed objects, HTML, WARC, ARC or text), or one format for all.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// JSONL field holding the document id (a line number is used when it is missing).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSONL field holding the document text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSONL field holding a metadata field, as NAME=FIELD, NAME one of url, title, author,
    /// date, outlet (e.g. --meta-field title=headline); repeatable. Unmapped names are read
    /// from the field of the same name.
    #[arg(long = "meta-field", value_name = "NAME=FIELD", value_parser = parse_meta_field)]
    pub meta_fields: Vec<(String, String)>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Text,
    Jsonl,
    Html,
    Warc,
    Arc,
    /// A JSON array of objects, or objects laid out over lines: each object a document.
    Json,
}

impl InputArgs {
    /// The sources to read, in order.
    pub fn plan(&self) -> saywho_io::Plan {
        let forced = match self.input_format {
            InputFormat::Auto => None,
            InputFormat::Text => Some(saywho_io::InputFormat::Text),
            InputFormat::Jsonl => Some(saywho_io::InputFormat::Jsonl),
            InputFormat::Html => Some(saywho_io::InputFormat::Html),
            InputFormat::Warc => Some(saywho_io::InputFormat::Warc),
            InputFormat::Arc => Some(saywho_io::InputFormat::Arc),
            InputFormat::Json => Some(saywho_io::InputFormat::Json),
        };
        saywho_io::plan(&self.inputs, forced)
    }

    /// Pipeline options that read these inputs with `threads` workers (default: all cores) and
    /// make documents over `max_doc_bytes` error records; the rest are the defaults, for the
    /// command to change.
    pub fn options(&self, threads: Option<usize>, max_doc_bytes: usize) -> Result<saywho_io::Options> {
        let defaults = saywho_io::Options::default();
        Ok(saywho_io::Options {
            threads: threads.unwrap_or(defaults.threads),
            max_doc_bytes,
            fields: saywho_io::Fields {
                id: self.id_field.clone(),
                text: self.text_field.clone(),
                meta: meta_fields(&self.meta_fields)?,
            },
            ..defaults
        })
    }
}

/// A `--threads` value: 1 or more. 0 was taken silently (as 1, or as "all cores" by some
/// commands); the Python binding refuses it, and so does the CLI now.
pub fn parse_threads(value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(0) => Err("0 threads would run nothing; give 1 or more (leave --threads out for all cores)".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{value:?} is not a number of threads (1 or more)")),
    }
}

/// A `--meta-field` value: `NAME=FIELD`, with a metadata name saywho knows.
fn parse_meta_field(value: &str) -> Result<(String, String), String> {
    let Some((name, field)) = value.split_once('=') else {
        return Err("expected NAME=FIELD, e.g. title=headline".to_string());
    };
    let (name, field) = (name.trim(), field.trim());
    if field.is_empty() {
        return Err(format!("no JSONL field given for {name:?}"));
    }
    saywho_io::MetaFields::default().set(name, field)?;
    Ok((name.to_string(), field.to_string()))
}

/// The metadata fields, defaults overridden by `--meta-field`.
fn meta_fields(mappings: &[(String, String)]) -> Result<saywho_io::MetaFields> {
    let mut meta = saywho_io::MetaFields::default();
    for (name, field) in mappings {
        meta.set(name, field).map_err(anyhow::Error::msg)?;
    }
    Ok(meta)
}
