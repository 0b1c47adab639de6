//! The generator we measure against: cargo-progenitor, pinned, installed with `cargo install`
//! into `target/bench-tools` (never onto the machine's PATH).

use crate::tools;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned release.
pub const VERSION: &str = "0.15.1";

/// The cargo-progenitor binary, installed first when it is missing or another version.
pub fn ensure(root: &Path) -> Result<PathBuf, String> {
    let install_root = root.join("target").join("bench-tools");
    let binary = install_root.join("bin").join("cargo-progenitor");
    let record = std::fs::read_to_string(install_root.join(".crates.toml")).unwrap_or_default();
    if binary.is_file() && record.contains(&format!("cargo-progenitor {VERSION} ")) {
        return Ok(binary);
    }
    println!("bench: installing cargo-progenitor {VERSION} (once; a few minutes)");
    tools::run_quietly(
        Command::new("cargo")
            .args(["install", "cargo-progenitor", "--locked", "--version"])
            .arg(format!("={VERSION}"))
            .arg("--root")
            .arg(&install_root),
        "cargo install cargo-progenitor",
    )?;
    Ok(binary)
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
