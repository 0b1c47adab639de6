//! What the tool writes: JSON on standard output, progress on standard error.

use serde::Serialize;
use std::io::{IsTerminal, Write};

/// Prints `value` as indented JSON, then a new line.
pub fn json(value: &impl Serialize) -> Result<(), String> {
    let text =
        serde_json::to_string_pretty(value).map_err(|e| format!("cannot write JSON: {e}"))?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| format!("cannot write the output: {e}"))
}

/// A one-line counter on standard error, redrawn in place on a terminal; elsewhere (a log, a
/// pipe) one line per page.
#[derive(Debug)]
pub struct Progress {
    terminal: bool,
    drawn: bool,
}

impl Progress {
    pub fn new() -> Self {
        Self {
            terminal: std::io::stderr().is_terminal(),
            drawn: false,
        }
    }

    /// Shows how many runs of how many pages have arrived.
    pub fn update(&mut self, runs: usize, pages: u64) {
        let line = format!("listing: {runs} runs from {pages} pages");
        let mut err = std::io::stderr().lock();
        let _ = if self.terminal {
            write!(err, "\r{line}")
        } else {
            writeln!(err, "{line}")
        };
        self.drawn = true;
    }

    /// Ends the counter's line.
    pub fn finish(self) {
        if self.terminal && self.drawn {
            let _ = writeln!(std::io::stderr());
        }
    }
}
