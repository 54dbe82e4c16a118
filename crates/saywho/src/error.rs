//! Errors as values: why a text could not be analysed.

/// Why a text could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The text is longer than the engine's limit.
    TooLarge {
        /// The text's length in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The engine panicked on this text: a bug in saywho, reported with its message.
    Panic(String),
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::TooLarge { bytes, limit } => {
                write!(f, "the text is {bytes} bytes, over the limit of {limit}")
            }
            ExtractError::Panic(message) => write!(f, "the engine panicked (a bug in saywho): {message}"),
        }
    }
}

impl std::error::Error for ExtractError {}

impl ExtractError {
    /// The error for a caught panic, with its message when it has one.
    pub(crate) fn from_panic(panic: &(dyn std::any::Any + Send)) -> ExtractError {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        ExtractError::Panic(message)
    }
}
