//! What a change to an OpenAPI spec does downstream. Two versions of a spec (3.0 or 3.1, YAML
//! or JSON) are compared operation by operation and component by component; every change is
//! listed with its place (JSON pointer, and line in the new spec) and classified three ways:
//! for clients that send requests, for clients that read responses, and for the Rust crate the
//! generator writes from the spec (major, minor, patch). The rules are in [`rule`]; where they
//! follow oasdiff's, each names the oasdiff check.
//!
//! The pipeline: [`load`] both texts, compare [`operations`] (parameters, bodies, responses)
//! and [`components`] (each schema once, on the sides that use it) through [`schema`], then
//! place each change on a line and write it out with [`report`].

pub mod change;
pub mod components;
pub mod migration;
pub mod operations;
pub mod report;
pub mod rule;
pub mod schema;

pub use change::Change;
pub use rule::{Level, Rule, Semver};

use serde_json::Value;
use xtask_codegen::load::locate::SourceMap;

/// One version of a spec, read.
#[derive(Debug)]
pub struct Spec {
    tree: Value,
    lines: SourceMap,
}

/// A spec that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// What it is: a file name or a `rev:path`.
    pub source: String,
    /// Why, with the line where there is one.
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.message)
    }
}

impl std::error::Error for LoadError {}

/// Reads a spec's text; `source` names it in errors.
pub fn load(source: &str, text: &str) -> Result<Spec, LoadError> {
    let fail = |message: String| LoadError {
        source: source.to_owned(),
        message,
    };
    let tree = xtask_codegen::load::parse_tree(text).map_err(|d| fail(d.to_string()))?;
    xtask_codegen::load::check_version(&tree).map_err(|d| fail(d.to_string()))?;
    Ok(Spec {
        tree,
        lines: SourceMap::build(text),
    })
}

/// Every change from `old` to `new`, most severe first, each placed on a line of `new`.
pub fn diff(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut cx = schema::Cx::new(&old.tree, &new.tree);
    operations::compare(&mut cx);
    components::compare(&mut cx);
    let mut changes = cx.changes;
    for change in &mut changes {
        let position = new.lines.locate(&change.pointer);
        change.line = position.map(|(line, _)| line);
        change.column = position.map(|(_, column)| column);
    }
    changes.sort_by(|a, b| {
        b.level()
            .cmp(&a.level())
            .then(b.rust.cmp(&a.rust))
            .then(a.subject.cmp(&b.subject))
            .then(a.pointer.cmp(&b.pointer))
            .then(a.detail.cmp(&b.detail))
    });
    changes.dedup();
    changes
}
