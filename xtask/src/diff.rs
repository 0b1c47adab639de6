//! `cargo xtask diff OLD NEW`: what changed from one spec to another, classified for senders,
//! readers and the generated crate (see the `xtask-diff` crate). OLD and NEW are files, or a
//! git revision and a path, `v0.1.0:spec/2026-02-09/openapi.yaml`, read with `git show`.

use std::path::Path;
use std::process::Command;
use xtask_diff::report::{self, Format};

/// Whether the exit status reports breaking changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Always 0 when both specs were read.
    Nothing,
    /// 1 when a change breaks senders or readers.
    Breaking,
}

/// Compares the specs and prints the changes; `Ok(true)` when the exit status should say that
/// something breaks.
pub fn run(old: &str, new: &str, format: Format, fail_on: FailOn) -> Result<bool, String> {
    let root = crate::workspace_root();
    let old = xtask_diff::load(old, &read(&root, old)?).map_err(|e| e.to_string())?;
    let new_spec = xtask_diff::load(new, &read(&root, new)?).map_err(|e| e.to_string())?;
    let changes = xtask_diff::diff(&old, &new_spec);
    print!("{}", report::write(&changes, format));
    Ok(fail_on == FailOn::Breaking && changes.iter().any(|c| c.is_breaking()))
}

/// The text of a spec: a file that exists, else `rev:path` from git.
pub fn read(root: &Path, source: &str) -> Result<String, String> {
    if Path::new(source).is_file() {
        return std::fs::read_to_string(source).map_err(|e| format!("{source}: {e}"));
    }
    let Some((rev, path)) = source.split_once(':') else {
        return Err(format!("{source}: no such file (nor a `rev:path`)"));
    };
    let output = Command::new("git")
        .args(["show", &format!("{rev}:{path}")])
        .current_dir(root)
        .output()
        .map_err(|e| format!("{source}: could not run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "{source}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{source}: not UTF-8"))
}

/// The format named on the command line.
pub fn format(name: &str) -> Option<Format> {
    match name {
        "text" => Some(Format::Text),
        "json" => Some(Format::Json),
        "markdown" => Some(Format::Markdown),
        _ => None,
    }
}
