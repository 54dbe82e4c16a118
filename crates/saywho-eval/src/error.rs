//! Errors of the evaluation library: every one names the file and the place in it.

use std::path::PathBuf;

/// Anything that can go wrong while loading gold data, floors or a corpus.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or folder could not be read.
    #[error("cannot read {path}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
    /// A file (or one line of a JSONL file) is not the JSON we expect.
    #[error("{path}: {location}: invalid JSON")]
    Json {
        /// The file.
        path: PathBuf,
        /// Where in the file, e.g. `line 3` or `whole file`.
        location: String,
        /// What serde_json said.
        #[source]
        source: serde_json::Error,
    },
    /// The file parsed, but its content breaks the format's rules (bad offsets, unknown ids…).
    #[error("{path}: {location}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Where in the file, e.g. `line 3, quote 2` or `T14`.
        location: String,
        /// What is wrong.
        message: String,
    },
    /// `--format` was not given and the path does not look like any known gold format.
    #[error("cannot tell the gold format of {path}: {reason}")]
    UnknownFormat {
        /// The path given.
        path: PathBuf,
        /// Why no format fits.
        reason: String,
    },
    /// Gold data that annotates no quote at all: nothing to score recall against. (A JSONL
    /// corpus without annotations reads as GGT, and scored "0 gold quotes" with exit 0.)
    #[error("no gold quotes in {path}: {reason}")]
    NoGold {
        /// The file.
        path: PathBuf,
        /// What was found instead.
        reason: String,
    },
    /// A floors file asks for a metric the report cannot give.
    #[error("floors for {dataset}: {message}")]
    Floor {
        /// The dataset entry of the floors file.
        dataset: String,
        /// What is wrong.
        message: String,
    },
}

impl EvalError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> EvalError {
        EvalError::Io {
            path: path.into(),
            source,
        }
    }

    /// A content error at `location` of `path`.
    pub fn invalid(path: impl Into<PathBuf>, location: impl Into<String>, message: impl Into<String>) -> EvalError {
        EvalError::Invalid {
            path: path.into(),
            location: location.into(),
            message: message.into(),
        }
    }
}

/// Result of this library.
pub type Result<T> = std::result::Result<T, EvalError>;
