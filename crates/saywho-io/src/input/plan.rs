//! Which inputs to read, in which order, and under which ids: paths given on the command line,
//! folders expanded recursively.

use super::InputFormat;
use std::collections::{BTreeMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

/// One input to read: a file or standard input, its format and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file; `None` is standard input.
    pub path: Option<PathBuf>,
    /// How to read it.
    pub format: InputFormat,
    /// The id of its document when it holds one (text, HTML), and the stand-in id of an
    /// unreadable file: for a file found in a folder, its path below that folder without
    /// extension (`2024/jan/story`); for a file given itself, its name without extension
    /// (see [`Source::stem_id`]); `stdin` for standard input.
    pub id: String,
}

impl Source {
    /// The name used in positions: the path, or `<stdin>`.
    pub fn label(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "<stdin>".to_string(), |p| p.display().to_string())
    }

    /// The file name without its extensions, or `stdin`.
    pub fn stem_id(&self) -> String {
        self.path.as_deref().map_or_else(|| "stdin".to_string(), name_id)
    }
}

/// The file name of `path` without `.gz`/`.zst` and then its last extension.
fn name_id(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    strip_extension(&name)
}

/// `name` without `.gz`/`.zst` and then its last extension.
fn strip_extension(name: &str) -> String {
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => name.to_string(),
    }
}

/// The id of `file` found under the folder `root`: its relative path, `/`-separated, without
/// extension.
fn relative_id(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).ok()?;
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    parts.push(strip_extension(&last));
    Some(parts.join("/"))
}

/// Sources whose documents would get the same id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedId {
    /// The id.
    pub id: String,
    /// The sources that share it (`-` for standard input), in reading order.
    pub paths: Vec<String>,
}

/// The inputs of a run, in the order their documents are read.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Files (folders expanded recursively, sorted by path) and standard input.
    pub sources: Vec<Source>,
    /// The bytes of all files on disk (compressed size), for progress; `None` with standard
    /// input.
    pub total_bytes: Option<u64>,
    /// Text and HTML sources that would give their documents the same id, for the caller to
    /// warn about (ids are left as they are).
    pub shared_ids: Vec<SharedId>,
}

/// Expands `paths` into sources: `-` (or no path) is standard input, a folder contributes the
/// files whose names saywho reads in it and its subfolders, sorted by path, skipping hidden
/// files and folders (names starting with `.`) and reading a folder reached twice (a symbolic
/// link loop) once. `forced` overrides name-based detection; a file with an unknown name is
/// read as text when given itself, and left out of a folder. A path that does not exist is kept, so that reading it gives
/// an `io` error record; a folder that cannot be listed is an error.
pub fn plan(paths: &[PathBuf], forced: Option<InputFormat>) -> io::Result<Plan> {
    let mut sources = Vec::new();
    let mut total = Some(0u64);
    if paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-") {
        sources.push(Source {
            path: None,
            format: forced.unwrap_or(InputFormat::Text),
            id: "stdin".to_string(),
        });
        total = None;
    }
    for path in paths.iter().filter(|p| p.as_os_str() != "-") {
        if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut HashSet::new(), &mut files)?;
            for file in files {
                let Some(detected) = InputFormat::detect(&file) else {
                    continue;
                };
                let format = forced.unwrap_or(detected);
                add_size(&mut total, &file);
                let id = relative_id(path, &file).unwrap_or_else(|| name_id(&file));
                sources.push(Source {
                    path: Some(file),
                    format,
                    id,
                });
            }
        } else {
            add_size(&mut total, path);
            let format = forced
                .or_else(|| InputFormat::detect(path))
                .unwrap_or(InputFormat::Text);
            sources.push(Source {
                path: Some(path.clone()),
                format,
                id: name_id(path),
            });
        }
    }
    let shared_ids = shared_ids(&sources);
    Ok(Plan {
        sources,
        total_bytes: total,
        shared_ids,
    })
}

/// Collects the visible files under `dir`, depth first in name order (which is the order of
/// their sorted paths).
fn walk(dir: &Path, seen: &mut HashSet<PathBuf>, files: &mut Vec<PathBuf>) -> io::Result<()> {
    let with_path = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", dir.display()));
    // A folder reached again through a symbolic link is not read twice (nor forever).
    if !seen.insert(std::fs::canonicalize(dir).map_err(with_path)?) {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(dir)
        .map_err(with_path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<io::Result<Vec<PathBuf>>>()
        .map_err(with_path)?;
    entries.sort();
    for entry in entries {
        let hidden = entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if entry.is_dir() {
            walk(&entry, seen, files)?;
        } else if entry.is_file() {
            files.push(entry);
        }
    }
    Ok(())
}

/// Text and HTML sources with the same id, grouped, in reading order.
fn shared_ids(sources: &[Source]) -> Vec<SharedId> {
    let mut by_id: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for source in sources {
        if matches!(source.format, InputFormat::Text | InputFormat::Html) {
            let path = source
                .path
                .as_ref()
                .map_or_else(|| "-".to_string(), |p| p.display().to_string());
            by_id.entry(&source.id).or_default().push(path);
        }
    }
    let mut shared: Vec<SharedId> = by_id
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(id, paths)| SharedId {
            id: id.to_string(),
            paths,
        })
        .collect();
    // In reading order: by the first source of each group.
    let first = |s: &SharedId| sources.iter().position(|src| src.id == s.id);
    shared.sort_by_key(|s| first(s));
    shared
}

fn add_size(total: &mut Option<u64>, path: &Path) {
    if let (Some(t), Ok(meta)) = (total.as_mut(), std::fs::metadata(path)) {
        *t += meta.len();
    }
}
