//! The outside tools the contract checks use, installed at pinned versions into ignored folders
//! of `tests/contract/`: npm packages from `package-lock.json`, Python packages from
//! `requirements.txt`. A system tool that is missing stops the run with what to install.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the contract files live, relative to the workspace root.
pub const CONTRACT_DIR: &str = "tests/contract";

/// The contract folder of the workspace.
pub fn contract_dir() -> PathBuf {
    crate::workspace_root().join(CONTRACT_DIR)
}

/// Fails with an install hint when `program --version` does not run.
pub fn require(program: &str, hint: &str) -> Result<(), String> {
    match Command::new(program).arg("--version").output() {
        Ok(output) if output.status.success() => Ok(()),
        _ => Err(format!(
            "`{program}` is needed for the contract checks but was not found: {hint}"
        )),
    }
}

/// Runs a command to completion, failing with its name when it fails.
pub fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("{what}: could not start {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// Whether `stamp` records exactly `source`'s contents, so an install is up to date.
fn is_current(source: &Path, stamp: &Path) -> bool {
    match (std::fs::read(source), std::fs::read(stamp)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn record(source: &Path, stamp: &Path) -> Result<(), String> {
    std::fs::copy(source, stamp)
        .map(drop)
        .map_err(|e| format!("could not write {}: {e}", stamp.display()))
}

/// Installs the npm tools with `npm ci` unless the lockfile is unchanged since the last install.
pub fn ensure_npm_tools() -> Result<PathBuf, String> {
    require(
        "node",
        "install Node.js 20 or later (Debian: apt-get install nodejs npm)",
    )?;
    require("npm", "install npm (Debian: apt-get install npm)")?;
    let dir = contract_dir();
    let lock = dir.join("package-lock.json");
    let stamp = dir.join("node_modules").join(".installed-lock.json");
    if !is_current(&lock, &stamp) {
        eprintln!("    installing the pinned npm tools (npm ci)");
        run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir),
            "npm ci",
        )?;
        record(&lock, &stamp)?;
    }
    Ok(dir.join("node_modules").join(".bin"))
}

/// Creates the Python virtual environment and installs the pinned requirements unless they
/// are unchanged since the last install. Returns the environment's `bin` folder.
pub fn ensure_python_tools() -> Result<PathBuf, String> {
    require(
        "python3",
        "install Python 3.9 or later with venv (Debian: apt-get install python3-venv)",
    )?;
    let dir = contract_dir();
    let venv = dir.join(".venv");
    let bin = venv.join("bin");
    let requirements = dir.join("requirements.txt");
    let stamp = venv.join(".installed-requirements.txt");
    if !bin.join("python").exists() {
        eprintln!("    creating the Python environment {}", venv.display());
        run(
            Command::new("python3").arg("-m").arg("venv").arg(&venv),
            "python3 -m venv",
        )?;
    }
    if !is_current(&requirements, &stamp) {
        eprintln!("    installing the pinned Python tools (pip install -r requirements.txt)");
        run(
            Command::new(bin.join("python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "-r",
                ])
                .arg(&requirements),
            "pip install",
        )?;
        record(&requirements, &stamp)?;
    }
    Ok(bin)
}

/// The environment for npm tools: no telemetry, no update notices.
pub fn quiet_node_env(command: &mut Command) -> &mut Command {
    command
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .env("NO_UPDATE_NOTIFIER", "1")
}
