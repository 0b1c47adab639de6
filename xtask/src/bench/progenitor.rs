//! The generator we measure against: cargo-progenitor, pinned, installed with `cargo install`
//! into `target/bench-tools` (never onto the machine's PATH).

use crate::tools;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned release.
pub const VERSION: &str = "0.15.1";

/// The cargo-progenitor binary, installed first when it is missing or another version.
pub fn ensure(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target").join("bench-tools");
    tools::cargo_installed(&tools, "cargo-progenitor", VERSION, "bench")
}

/// The arguments that generate crate `name` from `spec` into `out`.
pub fn args(spec: &Path, out: &Path, name: &str) -> Vec<std::ffi::OsString> {
    vec![
        "progenitor".into(),
        "--input".into(),
        spec.into(),
        "--output".into(),
        out.into(),
        "--name".into(),
        name.into(),
        "--version".into(),
        "0.1.0".into(),
    ]
}

/// Runs progenitor once with `args`, untimed: `Err` says why it wrote no crate.
pub fn try_once(binary: &Path, args: &[std::ffi::OsString]) -> Result<(), String> {
    let output = Command::new(binary)
        .args(args)
        .output()
        .map_err(|e| format!("did not start: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(failure(&String::from_utf8_lossy(
        &[output.stdout, output.stderr].concat(),
    )))
}

/// Makes progenitor's crate a workspace of its own, as ours are, so that cargo builds it
/// where it lies (inside this repository's `target/`).
pub fn detach(out: &Path) -> Result<(), String> {
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|e| format!("could not read {}: {e}", manifest.display()))?;
    if text.lines().any(|l| l.trim() == "[workspace]") {
        return Ok(());
    }
    std::fs::write(&manifest, format!("{text}\n[workspace]\n"))
        .map_err(|e| format!("could not write {}: {e}", manifest.display()))
}

/// Why progenitor did not write a crate, from what it printed: a panic's message (the line
/// after `panicked at`), or its refusal (`gen fail: ...`), or its first line.
pub fn failure(printed: &str) -> String {
    let lines: Vec<&str> = printed.lines().map(str::trim).collect();
    if let Some(i) = lines.iter().position(|l| l.contains("panicked at")) {
        let message = lines.get(i + 1).copied().unwrap_or_default();
        return format!("panicked: {message}");
    }
    lines
        .iter()
        .find(|l| l.starts_with("gen fail"))
        .or(lines.iter().find(|l| !l.is_empty()))
        .map_or_else(|| "failed".to_owned(), |l| (*l).to_owned())
}

#[cfg(test)]
mod tests {
    use super::failure;

    #[test]
    fn a_panic_or_a_refusal_is_named() {
        let panic =
            "\nthread 'main' panicked at src/method.rs:2057:23:\nnot yet implemented: x\nnote: y";
        assert_eq!(failure(panic), "panicked: not yet implemented: x");
        let refusal = "gen fail: UnexpectedFormat(\"deepObject\")\nError: generation failed";
        assert_eq!(
            failure(refusal),
            "gen fail: UnexpectedFormat(\"deepObject\")"
        );
        assert_eq!(failure(""), "failed");
    }
}
