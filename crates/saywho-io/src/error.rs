//! Errors as values: a [`DocError`] is one document that could not be processed (the run goes
//! on and it becomes an error record); an [`Error`] stops the whole run (an output that cannot
//! be written, a thread pool that cannot start).

pub use saywho_record::{DocError, ErrorBody, ErrorKind, ErrorRecord};

/// An error that stops the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing the output failed.
    #[error("cannot write the output")]
    Write(#[source] std::io::Error),
    /// Writing the Parquet output failed.
    #[cfg(feature = "parquet")]
    #[error("cannot write Parquet")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Building an Arrow batch failed (a bug: the columns disagree).
    #[cfg(feature = "parquet")]
    #[error("cannot build an Arrow batch")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The output asked for is not in this build.
    #[error("not in this build: {0}")]
    Unsupported(&'static str),
    /// Writing a CSV row failed.
    #[error("cannot write CSV")]
    Csv(#[from] csv::Error),
    /// A worker or the reader thread died.
    #[error("a pipeline thread failed: {0}")]
    Thread(String),
}

/// Results of the whole run.
pub type Result<T, E = Error> = std::result::Result<T, E>;
