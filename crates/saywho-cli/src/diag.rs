//! Diagnostics on stderr that can never stop a run.
//!
//! `eprintln!` panics when stderr cannot be written (`2>/dev/full`, or `2>&1 | head -1` once
//! `head` has gone), and a panic in the writer thread cut the output short. Diagnostics are a
//! courtesy to the person watching; the output file and the exit code are the contract. So
//! every message goes through [`write`], which ignores a failed write: there is nowhere left to
//! report it.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt;
use std::io::{IsTerminal, Write};

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

/// `n` and the noun that goes with it: `1 document`, `2 documents`, `3 passes` ("1 documents
/// read" in a summary reads as a mistake).
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A progress bar on stderr (of `total` bytes, when known), only for a person at a terminal and
/// never when `hide` (--quiet, or an output that shares the terminal).
pub fn progress_bar(hide: bool, total: Option<u64>) -> ProgressBar {
    if hide || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr_with_hz(4));
    let template = if total.is_some() {
        "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta} · {msg}"
    } else {
        "{spinner} {elapsed_precise} {bytes} {binary_bytes_per_sec} · {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
