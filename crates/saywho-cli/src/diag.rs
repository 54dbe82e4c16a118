//! Diagnostics on stderr that can never stop a run.
//!
//! `eprintln!` panics when stderr cannot be written (`2>/dev/full`, or `2>&1 | head -1` once
//! `head` has gone), and a panic in the writer thread cut the output short. Diagnostics are a
//! courtesy to the person watching; the output file and the exit code are the contract. So
//! every message goes through [`write`], which ignores a failed write: there is nowhere left to
//! report it.

use std::fmt;
use std::io::Write;

/// Writes one line to stderr; a failure is ignored.
pub fn write(args: fmt::Arguments<'_>) {
    let mut stderr = std::io::stderr().lock();
    // One `write_all` of the finished line, so that a partial write cannot interleave with the
    // progress bar's redraws.
    let line = format!("{args}\n");
    let _ = stderr.write_all(line.as_bytes()).and_then(|()| stderr.flush());
}

/// `eprintln!` that never panics: formats its arguments and hands them to [`write`].
macro_rules! diag {
    ($($arg:tt)*) => {
        $crate::diag::write(format_args!($($arg)*))
    };
}
