//! `cargo xtask semver`: cargo-semver-checks on the published Rust API of extend-models and
//! extend-client, every feature on, against the last release (the revision `cargo xtask gate`
//! compares the specs with). The tool is pinned and installed with `cargo install --locked`
//! into `target/tools` the first time. Not part of the test command: installing it compiles
//! for several minutes, more than CI's budget leaves.

pub mod policy;

use crate::tools;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned release of cargo-semver-checks.
pub const VERSION: &str = "0.46.0";

/// The crates whose Rust API users depend on by semver.
pub const CRATES: [&str; 2] = ["extend-models", "extend-client"];

/// Runs the check; `Err` carries what the tool reported.
pub fn run(root: &Path) -> Result<(), String> {
    let Some(release) = crate::gate::last_release(root)? else {
        println!("semver: no release yet (no `v*` tag, no RELEASED file): nothing to compare");
        return Ok(());
    };
    let binary = ensure(root)?;
    let mut command = Command::new(binary);
    command.arg("semver-checks");
    for name in CRATES {
        command.args(["--package", name]);
    }
    command
        .args(["--all-features", "--baseline-rev", &release])
        .current_dir(root);
    println!(
        "semver: cargo semver-checks {} against {release}",
        CRATES.join(", ")
    );
    let status = command
        .status()
        .map_err(|e| format!("could not run cargo-semver-checks: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo semver-checks found changes that need a new major version (the minor while \
             0.x) of {} since {release}",
            CRATES.join(" or ")
        ))
    }
}

/// `cargo xtask semver --policy`: the diff's `Rust` column against cargo-semver-checks, on
/// crates the generator writes ([`policy`]).
pub fn run_policy(root: &Path) -> Result<(), String> {
    let binary = ensure(root)?;
    policy::run(root, &binary)
}

/// The cargo-semver-checks binary, installed first when missing or another version.
fn ensure(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target").join("tools");
    tools::cargo_installed(&tools, "cargo-semver-checks", VERSION, "semver")
}
