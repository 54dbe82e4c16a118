//! Which inputs to read, in which order, and under which ids: paths given on the command line,
//! folders expanded recursively.

use super::InputFormat;
use std::collections::{HashMap, HashSet};
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
    /// Set when `path` is a folder that could not be listed: why. Reading the source then
    /// gives one `io` error record (with the folder's path below the folder given as its id)
    /// and the other inputs are read as usual.
    pub unreadable: Option<String>,
    /// Nothing said how to read it (standard input, or a file given by a name saywho does
    /// not know, with no format forced): its format is told from the first bytes read
    /// ([`sniff_format`](crate::sniff_format)), and `format` (text) is only the fallback, which
    /// the plan's other users see (the shared-id warning counts such a file as a text).
    pub sniff: bool,
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
    let mut parts = relative_parts(root, file)?;
    let last = parts.pop()?;
    parts.push(strip_extension(&last));
    Some(parts.join("/"))
}

/// The id of the folder `dir` found under (or given as) the folder `root`: its relative path,
/// `/`-separated, or its name when it is `root` itself.
fn folder_id(root: &Path, dir: &Path) -> String {
    match relative_parts(root, dir) {
        Some(parts) if !parts.is_empty() => parts.join("/"),
        _ => dir
            .file_name()
            .map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned()),
    }
}

fn relative_parts(root: &Path, path: &Path) -> Option<Vec<String>> {
    let relative = path.strip_prefix(root).ok()?;
    Some(
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect(),
    )
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
    /// Files found in the folders given and left out because saywho does not read files of
    /// their name, for the caller to say so: a folder of such files alone read nothing,
    /// silently.
    pub skipped_files: SkippedFiles,
}

/// Files of a folder left out for their names: how many, and the first (in path order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkippedFiles {
    /// How many.
    pub count: usize,
    /// The first, as an example.
    pub first: Option<PathBuf>,
}

impl Plan {
    /// The first source that reads the file at `path` — the same file, however it is spelled or
    /// linked to (device and inode on unix), standard input included — or `None` when `path`
    /// does not exist or no source reads it. Callers ask before opening an output for writing,
    /// since creating it would truncate the input it is about to read.
    ///
    /// ```
    /// let dir = std::env::temp_dir().join(format!("saywho-io-reads-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// std::fs::write(dir.join("a.txt"), "text").unwrap();
    /// let plan = saywho_io::plan(&[dir.clone()], None);
    /// assert!(plan.source_reading(&dir.join("a.txt")).is_some());
    /// assert!(plan.source_reading(&dir.join("./a.txt")).is_some());
    /// assert!(plan.source_reading(&dir.join("out.txt")).is_none());
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn source_reading(&self, path: &Path) -> Option<&Source> {
        let target = FileId::of_path(path)?;
        self.sources
            .iter()
            .filter(|s| s.unreadable.is_none())
            .find(|s| match &s.path {
                Some(p) => FileId::of_path(p).as_ref() == Some(&target),
                None => FileId::of_stdin().as_ref() == Some(&target),
            })
    }
}

/// Whether `a` and `b` name one existing file (device and inode on unix).
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((FileId::of_path(a), FileId::of_path(b)), (Some(x), Some(y)) if x == y)
}

/// What makes a file itself, whatever its path: its device and inode on unix, its canonical
/// path elsewhere.
#[derive(Debug, PartialEq, Eq)]
struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    #[cfg(unix)]
    fn of_path(path: &Path) -> Option<FileId> {
        std::fs::metadata(path).ok().map(|m| Self::of_metadata(&m))
    }

    #[cfg(unix)]
    fn of_metadata(m: &std::fs::Metadata) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId((m.dev(), m.ino()))
    }

    /// Standard input, when it is a file (`saywho extract < x.jsonl -o x.jsonl`).
    #[cfg(unix)]
    fn of_stdin() -> Option<FileId> {
        use std::os::fd::AsFd;
        let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
        std::fs::File::from(fd).metadata().ok().map(|m| Self::of_metadata(&m))
    }

    #[cfg(not(unix))]
    fn of_path(path: &Path) -> Option<FileId> {
        std::fs::canonicalize(path).ok().map(FileId)
    }

    #[cfg(not(unix))]
    fn of_stdin() -> Option<FileId> {
        None
    }
}

/// Expands `paths` into sources: `-` (or no path) is standard input, a folder contributes the
/// files whose names saywho reads in it and its subfolders, sorted by path, skipping hidden
/// files and folders (names starting with `.`). `forced` overrides name-based detection; a file
/// with an unknown name is read as text when given itself, and left out of a folder.
///
/// Nothing here fails the run. A file reached more than once — through overlapping inputs
/// (`tree/ tree/2024`), the same path given twice or spelled otherwise, or symbolic links — is
/// read once, under the id of its first occurrence, and a folder reached again through a
/// symbolic link (a loop) is not read again. A path that does not exist is kept, so that
/// reading it gives an `io` error record; so is a folder that cannot be listed (see
/// [`Source::unreadable`]), and the rest is read.
pub fn plan(paths: &[PathBuf], forced: Option<InputFormat>) -> Plan {
    plan_with(paths, forced, &list_dir)
}

/// A folder's entries.
type Lister<'a> = &'a dyn Fn(&Path) -> io::Result<Vec<PathBuf>>;

fn list_dir(dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect()
}

/// [`plan`], listing folders with `list`.
fn plan_with(paths: &[PathBuf], forced: Option<InputFormat>, list: Lister) -> Plan {
    let mut sources = Vec::new();
    let mut total = Some(0u64);
    if paths.is_empty() || paths.iter().any(|p| p.as_os_str() == "-") {
        sources.push(Source {
            path: None,
            format: forced.unwrap_or(InputFormat::Text),
            id: "stdin".to_string(),
            unreadable: None,
            sniff: forced.is_none(),
        });
        total = None;
    }
    // Canonical paths of the files and folders taken so far, across all inputs.
    let mut seen = HashSet::new();
    let mut skipped = SkippedFiles::default();
    for path in paths.iter().filter(|p| p.as_os_str() != "-") {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, list, &mut seen, &mut found);
            for item in found {
                match item {
                    Found::File(file) => {
                        let Some(detected) = InputFormat::detect(&file) else {
                            skipped.count += 1;
                            skipped.first.get_or_insert(file);
                            continue;
                        };
                        add_size(&mut total, &file);
                        let id = relative_id(path, &file).unwrap_or_else(|| name_id(&file));
                        sources.push(Source {
                            path: Some(file),
                            format: forced.unwrap_or(detected),
                            id,
                            unreadable: None,
                            sniff: false,
                        });
                    }
                    Found::Unreadable(dir, message) => sources.push(Source {
                        id: folder_id(path, &dir),
                        path: Some(dir),
                        format: forced.unwrap_or(InputFormat::Text),
                        unreadable: Some(message),
                        sniff: false,
                    }),
                }
            }
        } else {
            // A path that cannot be resolved (one that does not exist) is kept as given.
            let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if !seen.insert(key) {
                continue;
            }
            add_size(&mut total, path);
            let format = forced.or_else(|| InputFormat::detect(path));
            sources.push(Source {
                path: Some(path.clone()),
                format: format.unwrap_or(InputFormat::Text),
                id: name_id(path),
                unreadable: None,
                sniff: format.is_none(),
            });
        }
    }
    let shared_ids = shared_ids(&sources);
    Plan {
        sources,
        total_bytes: total,
        shared_ids,
        skipped_files: skipped,
    }
}

/// What a walk finds.
enum Found {
    File(PathBuf),
    /// A folder that cannot be resolved or listed, and why.
    Unreadable(PathBuf, String),
}

/// Collects the visible files under `dir` not `seen` before, depth first in name order (which
/// is the order of their sorted paths), and the folders that cannot be read.
fn walk(dir: &Path, list: Lister, seen: &mut HashSet<PathBuf>, found: &mut Vec<Found>) {
    let unreadable = |e: io::Error| Found::Unreadable(dir.to_path_buf(), format!("cannot read the folder: {e}"));
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => return found.push(unreadable(e)),
    };
    // A folder reached again (an overlapping input, a symbolic link) is not read twice, nor
    // forever.
    if !seen.insert(canonical.clone()) {
        return;
    }
    let mut entries = match list(dir) {
        Ok(entries) => entries,
        Err(e) => return found.push(unreadable(e)),
    };
    entries.sort();
    for entry in entries {
        let Some(name) = entry.file_name() else {
            continue;
        };
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if entry.is_dir() {
            walk(&entry, list, seen, found);
        } else if entry.is_file() {
            // Within a canonical folder, only a symbolic link needs resolving.
            let is_link = std::fs::symlink_metadata(&entry).is_ok_and(|m| m.file_type().is_symlink());
            let key = if is_link {
                std::fs::canonicalize(&entry).unwrap_or_else(|_| entry.clone())
            } else {
                canonical.join(name)
            };
            if seen.insert(key) {
                found.push(Found::File(entry));
            }
        } else if std::fs::symlink_metadata(&entry).is_ok_and(|m| m.file_type().is_symlink()) {
            // A link to nothing (or a loop of links) is neither file nor folder; kept, so that
            // reading it gives an `io` error record like any unreadable file, not silence.
            if seen.insert(entry.clone()) {
                found.push(Found::File(entry));
            }
        }
    }
}

/// Text and HTML sources with the same id, grouped, in reading order (of each group's first
/// source).
fn shared_ids(sources: &[Source]) -> Vec<SharedId> {
    // Each id's first source index and its paths.
    let mut by_id: HashMap<&str, (usize, Vec<String>)> = HashMap::new();
    for (index, source) in sources.iter().enumerate() {
        if matches!(source.format, InputFormat::Text | InputFormat::Html) {
            let path = source
                .path
                .as_ref()
                .map_or_else(|| "-".to_string(), |p| p.display().to_string());
            by_id
                .entry(&source.id)
                .or_insert_with(|| (index, Vec::new()))
                .1
                .push(path);
        }
    }
    let mut shared: Vec<(usize, SharedId)> = by_id
        .into_iter()
        .filter(|(_, (_, paths))| paths.len() > 1)
        .map(|(id, (first, paths))| {
            let id = id.to_string();
            (first, SharedId { id, paths })
        })
        .collect();
    shared.sort_unstable_by_key(|(first, _)| *first);
    shared.into_iter().map(|(_, s)| s).collect()
}

fn add_size(total: &mut Option<u64>, path: &Path) {
    if let (Some(t), Ok(meta)) = (total.as_mut(), std::fs::metadata(path)) {
        *t += meta.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_that_cannot_be_listed_is_a_source_that_fails_and_the_rest_is_read() {
        let root = std::env::temp_dir().join(format!("saywho-io-plan-unlisted-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in ["a/one.txt", "b/two.txt", "b/deep/three.txt", "c/four.txt"] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "text").unwrap();
        }
        let locked = root.join("b");
        let denied = |dir: &Path| {
            if dir == locked {
                Err(io::Error::new(io::ErrorKind::PermissionDenied, "Permission denied"))
            } else {
                list_dir(dir)
            }
        };
        let plan = plan_with(std::slice::from_ref(&root), None, &denied);
        let got: Vec<(&str, bool)> = plan
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.unreadable.is_some()))
            .collect();
        assert_eq!(got, [("a/one", false), ("b", true), ("c/four", false)]);
        let message = plan.sources[1].unreadable.as_deref().unwrap();
        assert_eq!(message, "cannot read the folder: Permission denied");
        assert_eq!(plan.sources[1].path.as_deref(), Some(locked.as_path()));

        // The folder given itself: its name is the id.
        let plan = plan_with(std::slice::from_ref(&locked), None, &denied);
        let got: Vec<(&str, bool)> = plan
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.unreadable.is_some()))
            .collect();
        assert_eq!(got, [("b", true)]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
