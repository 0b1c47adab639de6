//! The changes written out: as text for people, as JSON for tools (its schema is
//! `xtask/diff/changes.schema.json`), as Markdown for a changelog.

use crate::change::Change;
use crate::rule::{Level, Semver};
use serde::Serialize;
use std::fmt::Write;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One line per change, and a summary.
    Text,
    /// `{ "summary": ..., "changes": [...] }`.
    Json,
    /// Sections by level, for a changelog.
    Markdown,
}

/// The counts a report ends with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Every change.
    pub changes: usize,
    /// Changes that break senders or readers.
    pub breaking: usize,
    /// Changes that may break some.
    pub warnings: usize,
    /// The bump the generated crate needs.
    pub rust: Semver,
}

impl Summary {
    /// The counts of `changes`.
    pub fn of(changes: &[Change]) -> Self {
        let count = |level: Level| changes.iter().filter(|c| c.level() == level).count();
        Self {
            changes: changes.len(),
            breaking: count(Level::Breaking),
            warnings: count(Level::Warning),
            rust: changes
                .iter()
                .map(|c| c.rust)
                .max()
                .unwrap_or(Semver::Patch),
        }
    }
}

/// The changes in `format`.
pub fn write(changes: &[Change], format: Format) -> String {
    match format {
        Format::Text => text(changes),
        Format::Json => json(changes),
        Format::Markdown => markdown(changes),
    }
}

fn level(level: Level) -> &'static str {
    match level {
        Level::None => "none",
        Level::Info => "info",
        Level::Warning => "warning",
        Level::Breaking => "breaking",
    }
}

fn semver(semver: Semver) -> &'static str {
    match semver {
        Semver::Patch => "patch",
        Semver::Minor => "minor",
        Semver::Major => "major",
    }
}

fn place(change: &Change) -> String {
    match (change.line, change.column) {
        (Some(line), Some(column)) => format!("{line}:{column}, {}", change.pointer),
        _ => change.pointer.clone(),
    }
}

fn summary_line(summary: &Summary) -> String {
    format!(
        "{} change(s): {} breaking, {} warning(s); the generated crate needs a {} version",
        summary.changes,
        summary.breaking,
        summary.warnings,
        semver(summary.rust)
    )
}

fn text(changes: &[Change]) -> String {
    let mut out = String::new();
    for change in changes {
        let _ = writeln!(
            out,
            "{:<8} {}: {} [{}; senders: {}, readers: {}, Rust: {}] ({})",
            level(change.level()),
            change.subject,
            change.detail,
            change.id,
            level(change.sender),
            level(change.reader),
            semver(change.rust),
            place(change),
        );
    }
    let _ = writeln!(out, "{}", summary_line(&Summary::of(changes)));
    out
}

fn json(changes: &[Change]) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        summary: Summary,
        changes: &'a [Change],
    }
    let document = Document {
        summary: Summary::of(changes),
        changes,
    };
    // Plain data of strings and numbers: serialization cannot fail.
    serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"
}

fn markdown(changes: &[Change]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}.", summary_line(&Summary::of(changes)));
    let sections = [
        (Level::Breaking, "Breaking"),
        (Level::Warning, "May break"),
        (Level::Info, "Other changes"),
        (Level::None, "Additions and documentation"),
    ];
    for (section, title) in sections {
        let listed: Vec<&Change> = changes
            .iter()
            .filter(|c| c.level() == section)
            .filter(|c| section != Level::None || c.rust != Semver::Patch)
            .collect();
        if listed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n### {title}\n");
        for change in listed {
            let _ = writeln!(
                out,
                "- `{}`: {} (senders: {}, readers: {}, Rust: {}; `{}`)",
                change.subject,
                change.detail,
                level(change.sender),
                level(change.reader),
                semver(change.rust),
                change.id,
            );
        }
    }
    out
}
