//! `cargo xtask codegen`: OpenAPI spec to Rust crates.
//!
//! ```text
//! spec  --load-->  OpenAPI  --check-->  --convert-->  model  --emit-->  tokens  --format-->  text  --write-->  disk
//! ```
//!
//! Each arrow is one module; `generate` runs emit and format for one spec, the same way for
//! the project, a standalone crate and the benchmark, and `layout` decides where the text goes.
//! Nothing is written unless every stage succeeds for every file.

pub mod check;
pub mod convert;
pub mod docs;
pub mod embedded;
pub mod emit;
pub mod error;
pub mod features;
pub mod format;
pub mod generate;
pub mod layout;
pub mod load;
pub mod model;
pub mod naming;
pub mod pointer;
pub mod repair;
pub mod summary;
pub mod synthetic;
pub mod write;

use convert::Converted;
use error::{Diagnostic, Error};
use generate::Compiled;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Loads, checks and converts spec text. Every problem found is returned together, each with
/// its JSON pointer and, where the text has it, its line and column.
pub fn compile(text: &str) -> Result<Converted, Vec<Diagnostic>> {
    let mut parsed = load::parse(text).map_err(|d| vec![d])?;
    load::check_version(&parsed.raw).map_err(|d| locate(text, vec![d]))?;
    let openapi_31 = parsed.raw["openapi"].as_str().is_some_and(load::is_31);
    let notes = repair::repair(&mut parsed.yaml, openapi_31);
    let mut problems = check::references(&parsed.raw);
    // Mistyped fields, each at its own pointer; the typed reader would name only the first,
    // and inside a schema only the schema.
    let mistyped = check::structure::check(&parsed.yaml);
    if !mistyped.is_empty() {
        problems.extend(mistyped);
        return Err(locate(text, problems));
    }
    let typed = load::typed(&parsed, text);
    drop(parsed);
    match typed {
        Ok(doc) => {
            problems.extend(check::operations(&doc));
            if problems.is_empty() {
                let mut converted = convert::convert(&doc);
                let mut warnings = notes;
                warnings.append(&mut converted.warnings);
                if !warnings.is_empty() {
                    converted.warnings = locate(text, warnings);
                }
                return Ok(converted);
            }
        }
        Err(d) => problems.push(d),
    }
    Err(locate(text, problems))
}

/// Adds line and column to problems that only have a pointer. The text is indexed only when
/// there is something to locate, so a clean spec is parsed once.
fn locate(text: &str, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if problems.iter().any(|d| d.location.is_none()) {
        let map = load::locate::SourceMap::build(text);
        for problem in problems.iter_mut().filter(|d| d.location.is_none()) {
            problem.location = map.locate(&problem.pointer);
        }
    }
    problems
}

/// Reads and compiles a spec file.
pub fn compile_file(path: &Path) -> Result<Converted, Error> {
    compile_spec(path).map(|compiled| compiled.converted)
}

/// Reads and compiles a spec file, and keeps its text to place what the emitters report later.
pub fn compile_spec(path: &Path) -> Result<Compiled, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let converted = compile(&text).map_err(|problems| Error::Spec {
        path: path.to_owned(),
        problems,
    })?;
    Ok(Compiled { converted, text })
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// This repository: `spec/openapi.yaml` into `extend-models`, and the fixture specs of
    /// `tests/fixtures/` into the `extend-tests` crate.
    Project {
        /// The workspace root.
        root: PathBuf,
    },
    /// A standalone crate for any spec.
    Standalone {
        /// The spec file.
        spec: PathBuf,
        /// The crate folder to create or update.
        out: PathBuf,
        /// The crate name; by default derived from the folder name.
        name: Option<String>,
    },
}

/// The result of a run.
#[derive(Debug)]
pub struct Outcome {
    /// What was written, left alone or found stale.
    pub report: write::Report,
    /// Specs read.
    pub specs: usize,
    /// Operations generated, over all specs.
    pub operations: usize,
    /// Types generated, over all specs.
    pub types: usize,
    /// Parts of the specs that were skipped, with the spec they come from.
    pub warnings: Vec<(PathBuf, Diagnostic)>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl Outcome {
    /// The one-line summary printed after a run.
    pub fn summary_line(&self, check: bool) -> String {
        let r = &self.report;
        let files = if check {
            format!(
                "{} file{} up to date, {} stale",
                r.unchanged,
                plural(r.unchanged),
                r.stale.len()
            )
        } else {
            let mut s = format!(
                "{} file{} written, {} unchanged",
                r.written.len(),
                plural(r.written.len()),
                r.unchanged
            );
            if !r.removed.is_empty() {
                s.push_str(&format!(", {} removed", r.removed.len()));
            }
            s
        };
        format!(
            "codegen: {} spec{}, {} operation{}, {} type{}; {files} in {} ms",
            self.specs,
            plural(self.specs),
            self.operations,
            plural(self.operations),
            self.types,
            plural(self.types),
            self.elapsed.as_millis()
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Generates `target`; with `check`, writes nothing and reports stale files instead.
pub fn run(target: &Target, check: bool) -> Result<Outcome, Error> {
    let start = Instant::now();
    apply(build(target)?, check, start)
}

/// Every file `target` is made of, in memory: for a caller that adds files of its own to the
/// plan (from [`layout::Built::versions`]) before [`apply`] writes them all at once.
pub fn build(target: &Target) -> Result<layout::Built, Error> {
    match target {
        Target::Project { root } => layout::project(root),
        Target::Standalone { spec, out, name } => layout::standalone(spec, out, name.as_deref()),
    }
}

/// Writes (or, with `check`, compares) what [`build`] planned; `start` is when the run began.
pub fn apply(built: layout::Built, check: bool, start: Instant) -> Result<Outcome, Error> {
    let report = write::apply(&built.plan, check)?;
    Ok(Outcome {
        report,
        specs: built.specs,
        operations: built.operations,
        types: built.types,
        warnings: built.warnings,
        elapsed: start.elapsed(),
    })
}
