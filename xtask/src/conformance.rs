//! `cargo xtask conformance`: schemathesis, pinned in `tests/contract/requirements.txt`, drives
//! the `extend-mock` program with requests generated from each spec the mock serves (the spec's
//! examples, boundary and negative cases, then random ones) and runs every check it has
//! (`--checks all`): no 5xx, every status, header and body documented and matching its
//! schema, schema-valid requests accepted and schema-violating ones refused, credentials
//! required and checked, deleted objects gone, and a stateful phase that follows the spec's
//! links (create, then get, update, cancel and delete what was created). A fixed seed makes a failure
//! reproducible. `tests/contract/schemathesis-<version>.toml` names the operations whose
//! documented 400s answer some schema-valid requests.

use crate::tools;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// The bearer token the mock is started with, and schemathesis sends.
const KEY: &str = "conformance_key";
/// The seed of the generated requests.
const SEED: &str = "20261128";

/// Stops the mock however the run ends.
struct Mock(Child);

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The target folder cargo builds into.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::workspace_root().join("target"))
}

/// Builds and starts the mock on a free port; returns it with its base URL.
fn start_mock() -> Result<(Mock, String), String> {
    let root = crate::workspace_root();
    tools::run(
        Command::new("cargo")
            .args([
                "build",
                "--quiet",
                "--package",
                "extend-mock",
                "--bin",
                "extend-mock",
            ])
            .current_dir(&root),
        "building extend-mock",
    )?;
    let binary = target_dir()
        .join("debug")
        .join(format!("extend-mock{}", std::env::consts::EXE_SUFFIX));
    let mut child = Command::new(&binary)
        .args(["--port", "0", "--api-key", KEY])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", binary.display()))?;
    let stdout = child.stdout.take();
    let mock = Mock(child);
    let mut lines = stdout.map(|out| BufReader::new(out).lines());
    let first = lines
        .as_mut()
        .and_then(Iterator::next)
        .and_then(Result::ok)
        .unwrap_or_default();
    // Keep reading, so that the mock never writes into a closed pipe.
    if let Some(rest) = lines {
        std::thread::spawn(move || rest.for_each(drop));
    }
    let url = first
        .strip_prefix("extend-mock listening on ")
        .ok_or_else(|| format!("extend-mock did not start: it printed {first:?}"))?
        .to_owned();
    Ok((mock, url))
}

/// Runs schemathesis against a fresh mock, for each API version it speaks.
pub fn run() -> Result<(), String> {
    let py = tools::ensure_python_tools()?;
    for version in crate::codegen::layout::VERSIONS.iter().filter(|v| v.mock) {
        run_version(&py, version)?;
    }
    Ok(())
}

/// How much of schemathesis a version gets. 2025-04-21 (7 operations) gets every phase and its
/// default number of cases; 2026-02-09 (109 operations) every phase but the coverage one, whose
/// boundary cases alone take 14 minutes here, and 10 cases an operation.
fn phases(version: &crate::codegen::layout::ApiVersion) -> &'static [&'static str] {
    if *version == crate::codegen::layout::MOCKED {
        &[]
    } else {
        &[
            "--phases",
            "examples,fuzzing,stateful",
            "--max-examples",
            "10",
        ]
    }
}

fn run_version(
    py: &std::path::Path,
    version: &crate::codegen::layout::ApiVersion,
) -> Result<(), String> {
    let spec = crate::workspace_root().join(version.spec());
    let (_mock, url) = start_mock()?;
    // Its example database and reports go under target/, not into the source tree.
    let work = target_dir().join("schemathesis").join(version.name);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    eprintln!(
        "--> schemathesis against extend-mock at {url}, API version {} (seed {SEED})",
        version.name
    );
    let config = crate::tools::contract_dir().join(format!("schemathesis-{}.toml", version.name));
    tools::run(
        Command::new(py.join("st"))
            .arg("--config-file")
            .arg(config)
            .arg("run")
            .arg(&spec)
            .args(["--url", &url])
            .args(["--header", &format!("Authorization: Bearer {KEY}")])
            // The mock speaks the version a request names.
            .args([
                "--header",
                &format!("x-extend-api-version: {}", version.name),
            ])
            .args(phases(version))
            // Every check schemathesis has, not only its defaults.
            .args(["--checks", "all"])
            .args([
                "--seed",
                SEED,
                "--generation-database",
                "none",
                "--no-color",
            ])
            .args(["--report", "junit", "--report-dir"])
            .arg(&work)
            .current_dir(&work),
        &format!("schemathesis against extend-mock, {}", version.name),
    )
}
