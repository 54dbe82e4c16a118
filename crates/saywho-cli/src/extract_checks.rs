//! What `saywho extract` decides and checks before it opens anything: the output format, the
//! outputs it refuses, and the notes on its inputs (shared with `index`). Kept apart from the
//! run itself in `extract_cmd`.

use crate::extract_cmd::ExtractArgs;
use anyhow::{bail, Result};
use std::path::Path;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Jsonl,
    Csv,
    Parquet,
    Text,
}

impl OutputFormat {
    /// The format a file's name asks for (as `report` reads its -o extension): without this,
    /// `-o quotes.parquet` got JSONL under a Parquet name. JSONL for other names and for
    /// standard output (`None`).
    pub fn for_path(path: Option<&Path>) -> OutputFormat {
        let ext = path.and_then(Path::extension).and_then(|e| e.to_str());
        match ext.map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => OutputFormat::Csv,
            Some("parquet" | "pq") => OutputFormat::Parquet,
            Some("txt") => OutputFormat::Text,
            _ => OutputFormat::Jsonl,
        }
    }

    /// The format's name as `--output-format` takes it.
    fn name(self) -> &'static str {
        match self {
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Csv => "csv",
            OutputFormat::Parquet => "parquet",
            OutputFormat::Text => "text",
        }
    }
}

/// The output format: `--output-format`, else the -o file's extension. `--pretty` indents
/// JSON only, so with another format it is refused: dropping it silently turned
/// `-o out.csv --pretty` (indented JSON before the extension chose) into CSV unannounced.
pub(crate) fn output_format(args: &ExtractArgs) -> Result<saywho_io::OutputFormat> {
    let chosen = args
        .format
        .unwrap_or_else(|| OutputFormat::for_path(args.output.as_deref()));
    if args.pretty && chosen != OutputFormat::Jsonl {
        let name = chosen.name();
        match (&args.format, &args.output) {
            (None, Some(path)) => bail!(
                "--pretty indents JSON, but -o {} writes {name} (from its extension): drop --pretty, \
                 or add --output-format jsonl to write indented JSON under that name",
                path.display()
            ),
            _ => bail!("--pretty indents JSON, but --output-format {name} is not JSON: drop one of them"),
        }
    }
    Ok(match chosen {
        OutputFormat::Jsonl => saywho_io::OutputFormat::Jsonl { pretty: args.pretty },
        OutputFormat::Csv => saywho_io::OutputFormat::Csv,
        OutputFormat::Parquet => saywho_io::OutputFormat::Parquet,
        OutputFormat::Text => saywho_io::OutputFormat::Text,
    })
}

/// Stops the run when an output file's name says it is compressed: saywho writes no compressed
/// output, and `-o out.csv.gz` gave uncompressed JSONL (the extension read was `gz`) under a name
/// that tells every reader, saywho's own included, to decompress it.
pub(crate) fn refuse_compressed_names(args: &ExtractArgs) -> Result<()> {
    let outputs = [("-o", &args.output), ("--errors", &args.errors)];
    for (option, path) in outputs.iter().filter_map(|(o, p)| p.as_ref().map(|p| (o, p))) {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        let Some((_, tool)) = COMPRESSED.iter().find(|(e, _)| ext.as_deref() == Some(*e)) else {
            continue;
        };
        bail!(
            "{option} {}: saywho does not compress what it writes; write {} and compress it \
             afterwards, or pipe standard output into a compressor (… | {tool} > {})",
            path.display(),
            path.with_extension("").display(),
            path.display()
        );
    }
    Ok(())
}

/// Extensions of compressed files, refused for an output, and the tool that writes each.
const COMPRESSED: [(&str, &str); 4] = [("gz", "gzip"), ("zst", "zstd"), ("bz2", "bzip2"), ("xz", "xz")];

/// Stops the run before anything is opened for writing when an output (`-o`, `--errors`) is a
/// file the run reads — given itself, found in a folder given, or as standard input — or when
/// both outputs are one file: creating it would truncate it, and the input would be lost.
pub(crate) fn refuse_to_overwrite_inputs(args: &ExtractArgs, plan: &saywho_io::Plan) -> Result<()> {
    let outputs = [("-o", &args.output), ("--errors", &args.errors)];
    for (option, path) in outputs.iter().filter_map(|(o, p)| p.as_ref().map(|p| (o, p))) {
        if let Some(source) = plan.source_reading(path) {
            let input = source
                .path
                .as_ref()
                .map_or_else(|| "standard input".to_string(), |p| p.display().to_string());
            bail!(
                "{option} {} is also an input ({input}): writing it would destroy what is to be read; choose another output file",
                path.display()
            );
        }
    }
    if let (Some(out), Some(errors)) = (&args.output, &args.errors) {
        if out == errors || saywho_io::same_file(out, errors) {
            bail!(
                "-o and --errors are one file ({}): give them different files",
                out.display()
            );
        }
    }
    Ok(())
}

/// A note on stderr when files in the folders given were left out for their names: a folder
/// holding only such files gave no output, no message and exit 0.
pub(crate) fn note_skipped_files(skipped: &saywho_io::SkippedFiles) {
    let Some(first) = &skipped.first else {
        return;
    };
    diag!(
        "saywho: {} in the folders given left out (the first: {}): in a folder saywho reads {}; \
         a file given itself is read whatever its name",
        crate::diag::count(skipped.count as u64, "file", "files"),
        first.display(),
        names_read()
    );
}

/// The file names saywho reads in a folder, from saywho-io's own list (a copy here drifted):
/// `.txt, .text, … and .arc files (each also .gz or .zst)`.
fn names_read() -> String {
    let dotted = |e: &&str| format!(".{e}");
    let extensions: Vec<String> = saywho_io::InputFormat::EXTENSIONS
        .iter()
        .map(|(e, _)| dotted(e))
        .collect();
    let compressed: Vec<String> = saywho_io::InputFormat::COMPRESSED.iter().map(dotted).collect();
    format!(
        "{} files (each also {})",
        in_words(&extensions, "and"),
        in_words(&compressed, "or")
    )
}

/// `a, b and c` (with `conjunction` for "and").
fn in_words(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {conjunction} {last}", rest.join(", ")),
    }
}

/// One warning on stderr when several inputs would give their documents the same id.
pub(crate) fn warn_shared_ids(shared: &[saywho_io::SharedId]) {
    const SHOWN: usize = 3;
    if shared.is_empty() {
        return;
    }
    let mut groups: Vec<String> = shared
        .iter()
        .take(SHOWN)
        .map(|s| format!("{:?} ({})", s.id, s.paths.join(", ")))
        .collect();
    if shared.len() > SHOWN {
        groups.push(format!("and {} more", shared.len() - SHOWN));
    }
    let ids = if shared.len() == 1 { "id is" } else { "ids are" };
    diag!(
        "saywho: warning: {} {ids} shared by several inputs, whose records cannot be told apart by id: {}",
        shared.len(),
        groups.join("; ")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_read_in_a_folder_are_saywho_ios() {
        assert_eq!(
            names_read(),
            ".txt, .text, .jsonl, .ndjson, .html, .htm, .xhtml, .warc and .arc files (each also .gz or .zst)"
        );
    }
}
