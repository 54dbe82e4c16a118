//! Reading the gold data's files, with the path in every error.

use crate::error::{EvalError, Result};
use std::path::{Path, PathBuf};

/// The whole of a UTF-8 text file.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))
}

/// The entries of `dir`, sorted by path (the order the loaders number documents in).
pub(crate) fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        paths.push(entry.map_err(|e| EvalError::io(dir, e))?.path());
    }
    paths.sort();
    Ok(paths)
}
