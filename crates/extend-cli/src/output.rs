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

/// That the tool is waiting for `subject` (such as `extract run exr_1`), on standard error: on
/// a terminal a line redrawn four times a second with the time waited so far; elsewhere (a log,
/// a pipe) a line when it starts and one when it ends.
#[derive(Debug)]
pub struct Waiting {
    subject: String,
    started: std::time::Instant,
    ticker: Option<tokio::task::JoinHandle<()>>,
}

impl Waiting {
    /// Starts showing the wait for `subject`, now `status`.
    pub fn start(subject: String, status: &str) -> Self {
        let started = std::time::Instant::now();
        let line = format!("{subject} is {status}; waiting for it to finish");
        let ticker = if std::io::stderr().is_terminal() {
            Some(tokio::spawn(async move {
                for frame in ['|', '/', '-', '\\'].into_iter().cycle() {
                    let waited = started.elapsed().as_secs();
                    let _ = write!(std::io::stderr().lock(), "\r{frame} {line} ({waited} s)");
                    tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                }
            }))
        } else {
            eprintln!("{line}");
            None
        };
        Self {
            subject,
            started,
            ticker,
        }
    }

    /// Ends the wait, saying how it ended: `status`, or stopped by an error.
    pub fn finish(self, status: Option<&str>) {
        // On a terminal, over the redrawn line, wiping what is left of it.
        let start = if let Some(ticker) = self.ticker {
            ticker.abort();
            "\r\x1b[K"
        } else {
            ""
        };
        let waited = self.started.elapsed().as_secs_f64();
        let ended = status.map_or("stopped".to_owned(), |s| format!("ended {s}"));
        eprintln!("{start}{} {ended} after {waited:.1} s", self.subject);
    }
}
