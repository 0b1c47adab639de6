//! The outside tools the checks use. Pinned npm and Python packages go into ignored folders of
//! `tests/contract/` (from `package-lock.json` and `requirements.txt`); the toolchain's rustfmt
//! and clippy come from rustup and Chromium from Debian's packages when they are missing. What
//! cannot be installed from here stops the run with the one command to run.

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

/// Every system tool the suite needs, found or installed, before any step runs: so that a
/// missing one is reported in seconds, not after the build.
pub fn ensure_system_tools() -> Result<(), String> {
    ensure_rust_components()?;
    require_node()?;
    require_python()?;
    ensure_chromium().map(drop)
}

/// Node.js and npm, which the pinned npm tools run on.
pub fn require_node() -> Result<(), String> {
    require(
        "node",
        "install Node.js 20 or later (Debian: apt-get install nodejs npm)",
    )?;
    require("npm", "install npm (Debian: apt-get install npm)")
}

/// Python 3, which the pinned Python tools run on.
fn require_python() -> Result<(), String> {
    require(
        "python3",
        "install Python 3.9 or later with venv (Debian: apt-get install python3-venv)",
    )
}

/// Whether `cargo <tool> --version` runs.
fn has_cargo_tool(tool: &str) -> bool {
    Command::new("cargo")
        .args([tool, "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// rustfmt and clippy, added to the toolchain with rustup when missing.
fn ensure_rust_components() -> Result<(), String> {
    if has_cargo_tool("fmt") && has_cargo_tool("clippy") {
        return Ok(());
    }
    eprintln!("    adding rustfmt and clippy to the toolchain (rustup component add)");
    run(
        Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]),
        "rustup component add rustfmt clippy",
    )
    .map_err(|e| format!("{e}; rustfmt and clippy are needed: install them with your toolchain"))
}

/// The names Chromium goes by on the PATH.
const CHROMIUM: &[&str] = &["chromium", "chromium-browser"];

/// Chromium, for the check of the HTML reference: found on the PATH, else installed from
/// Debian's packages when this runs as root with `apt-get` at hand; otherwise an error with the
/// one command that installs it.
pub fn ensure_chromium() -> Result<&'static str, String> {
    let found = || CHROMIUM.iter().copied().find(|p| require(p, "").is_ok());
    if let Some(chromium) = found() {
        return Ok(chromium);
    }
    const INSTALL: &str = "apt-get install -y --no-install-recommends chromium";
    if !is_root() || require("apt-get", "").is_err() {
        return Err(format!(
            "Chromium is needed to check the API reference and was not found; install it with              `sudo {INSTALL}` (Debian) or your system's package manager, then run again"
        ));
    }
    eprintln!("    installing Chromium from Debian's packages ({INSTALL})");
    let apt = |args: &[&str], what: &str| {
        run_quietly(
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive"),
            what,
        )
    };
    apt(&["update", "-qq"], "apt-get update")?;
    apt(
        &[
            "install",
            "-y",
            "-qq",
            "--no-install-recommends",
            "chromium",
        ],
        "apt-get install chromium",
    )?;
    found().ok_or_else(|| "apt-get installed chromium, but it is not on the PATH".to_owned())
}

/// Whether this process runs as root (user id 0).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.trim_ascii() == b"0")
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

/// Runs a command to completion with its output kept back, failing with its name and the end
/// of what it printed when it fails.
pub fn run_quietly(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("{what}: could not start {:?}: {e}", command.get_program()))?;
    if output.status.success() {
        return Ok(());
    }
    let printed = [output.stdout, output.stderr].concat();
    let printed = String::from_utf8_lossy(&printed);
    let lines: Vec<&str> = printed.lines().collect();
    let tail = lines[lines.len().saturating_sub(20)..].join("\n");
    Err(format!("{what} failed ({}):\n{tail}", output.status))
}

/// The binary of crate `name` at exactly `version`, installed with `cargo install --locked`
/// into `root` (never onto the machine's PATH) when it is missing or another version. `why`
/// tells the user what the wait is for.
pub fn cargo_installed(
    root: &Path,
    name: &str,
    version: &str,
    why: &str,
) -> Result<PathBuf, String> {
    let binary = root.join("bin").join(name);
    let record = std::fs::read_to_string(root.join(".crates.toml")).unwrap_or_default();
    if binary.is_file() && record.contains(&format!("{name} {version} ")) {
        return Ok(binary);
    }
    println!("{why}: installing {name} {version} (once; several minutes)");
    run_quietly(
        Command::new("cargo")
            .args(["install", name, "--locked", "--version"])
            .arg(format!("={version}"))
            .arg("--root")
            .arg(root),
        &format!("cargo install {name}"),
    )?;
    Ok(binary)
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
    require_node()?;
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
    require_python()?;
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
