//! `cargo xtask bench`: our generator and cargo-progenitor side by side, on the same specs, in
//! the same run, each run as its users run it. The figures:
//!
//! - codegen wall time and peak memory, on synthetic specs of 500, 1,000 and 2,000 schemas
//!   and on the Extend spec (ours: `cargo xtask codegen --spec S --out D`, a second run;
//!   progenitor: `cargo progenitor -i S -o D`), rounds interleaved;
//! - lines of Rust each writes for the 1,000-schema spec;
//! - `cargo build` of both 1,000-schema crates, their dependencies already built;
//! - GitHub's and Stripe's specs: codegen, and `cargo check` of the crates, whole and one
//!   feature alone (see `giants.rs`);
//! - serde throughput of our models, progenitor's types of the Extend spec and a plain mirror
//!   (see `xtask/bench-harness/serde_compare.rs`).
//!
//! Everything goes under `target/xtask-bench/`; the report is printed and written to
//! `target/xtask-bench/report.md`. Not part of the test command: it takes several minutes.

mod giants;
mod harness;
mod measure;
pub(crate) mod progenitor;
mod report;

use measure::{cost, median, rust_lines, Cost};
use std::path::{Path, PathBuf};
use std::time::Duration;
use xtask_codegen::synthetic;

/// Timed rounds of each generator per spec.
const CODEGEN_ROUNDS: usize = 5;
/// Timed rounds of each crate's build.
const BUILD_ROUNDS: usize = 2;
/// The synthetic spec sizes.
const SIZES: [usize; 3] = [500, 1000, 2000];
/// The size whose crates are counted and built.
const BUILT_SIZE: usize = 1000;

/// One spec both generators ran on.
#[derive(Debug)]
pub struct CodegenRow {
    /// What the spec is.
    pub label: String,
    /// Our runs.
    pub ours: Vec<Cost>,
    /// Progenitor's runs.
    pub progenitor: Vec<Cost>,
    /// Why progenitor wrote no crate, when it did not (then it has no runs).
    pub progenitor_failure: Option<String>,
}

impl CodegenRow {
    fn wall(costs: &[Cost]) -> Duration {
        median(costs.iter().map(|c| c.wall).collect())
    }

    /// Our median wall time.
    pub fn ours_wall(&self) -> Duration {
        Self::wall(&self.ours)
    }

    /// Progenitor's median wall time.
    pub fn progenitor_wall(&self) -> Duration {
        Self::wall(&self.progenitor)
    }

    /// Our largest peak memory over the rounds, in KiB.
    pub fn ours_peak(&self) -> u64 {
        self.ours.iter().map(|c| c.peak_kib).max().unwrap_or(0)
    }

    /// Progenitor's largest peak memory over the rounds, in KiB.
    pub fn progenitor_peak(&self) -> u64 {
        self.progenitor
            .iter()
            .map(|c| c.peak_kib)
            .max()
            .unwrap_or(0)
    }
}

/// Everything one run measured.
#[derive(Debug)]
pub struct Results {
    /// Codegen, per spec.
    pub codegen: Vec<CodegenRow>,
    /// Lines of the 1,000-schema crates: ours (all, and without the carried runtimes), then
    /// progenitor's.
    pub lines: ((usize, usize), usize),
    /// `cargo build` of the 1,000-schema crates: ours, then progenitor's.
    pub builds: [Build; 2],
    /// Serde throughput of each set of types.
    pub serde: harness::SerdeResults,
    /// GitHub's and Stripe's specs: codegen and `cargo check`.
    pub giants: Vec<giants::GiantRow>,
}

/// Runs every measurement and reports it.
pub fn run() -> Result<(), String> {
    let root = crate::workspace_root();
    let dir = root.join("target").join("xtask-bench");
    let progenitor = progenitor::ensure(&root)?;
    println!("bench: building xtask as `cargo xtask` runs it");
    crate::tools::run_quietly(
        std::process::Command::new("cargo")
            .args(["build", "--quiet", "--package", "xtask"])
            .current_dir(&root),
        "cargo build -p xtask",
    )?;
    let specs = write_specs(&root, &dir)?;
    let mut codegen = Vec::new();
    for (label, spec) in &specs {
        println!("bench: codegen of {label}");
        codegen.push(codegen_row(
            &root,
            &dir,
            &progenitor,
            (label, spec),
            CODEGEN_ROUNDS,
        )?);
    }
    let (ours_built, progenitor_built) = (
        dir.join("ours").join(BUILT_SIZE.to_string()),
        dir.join("progenitor").join(BUILT_SIZE.to_string()),
    );
    let ours_lines = rust_lines(&ours_built.join("src"))?;
    let (progenitor_lines, _) = rust_lines(&progenitor_built.join("src"))?;
    println!("bench: cargo build of the {BUILT_SIZE}-schema crates");
    let builds = builds(&[
        (&ours_built, &crate_name("ours", BUILT_SIZE)),
        (&progenitor_built, &crate_name("progenitor", BUILT_SIZE)),
    ])?;
    let giants = giants::run(&root, &dir, &progenitor)?;
    println!("bench: serde throughput (release build of the comparison)");
    let serde = harness::serde_throughput(&root, &dir)?;
    let results = Results {
        codegen,
        lines: (ours_lines, progenitor_lines),
        builds,
        serde,
        giants,
    };
    let text = report::markdown(&results, &report::machine());
    let path = dir.join("report.md");
    std::fs::write(&path, &text).map_err(|e| format!("could not write {}: {e}", path.display()))?;
    println!("\n{text}\nbench: written to {}", path.display());
    Ok(())
}

/// The Extend spec and the synthetic specs, by label.
fn write_specs(root: &Path, dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let specs_dir = dir.join("specs");
    std::fs::create_dir_all(&specs_dir)
        .map_err(|e| format!("could not create {}: {e}", specs_dir.display()))?;
    let mut specs = vec![(
        "extend".to_owned(),
        root.join(xtask_codegen::layout::MOCKED.spec()),
    )];
    for n in SIZES {
        let path = specs_dir.join(format!("synthetic-{n}.json"));
        std::fs::write(&path, synthetic::spec(n))
            .map_err(|e| format!("could not write {}: {e}", path.display()))?;
        specs.push((n.to_string(), path));
    }
    Ok(specs)
}

fn crate_name(generator: &str, label: impl std::fmt::Display) -> String {
    format!("{generator}-{label}")
}

/// Both generators on one spec: each once to write its crate (the timed runs are second
/// runs, as a user's are), then `rounds` that alternate between the two. Progenitor failing
/// on the spec is a result: the row says why, and has only our runs.
fn codegen_row(
    root: &Path,
    dir: &Path,
    progenitor: &Path,
    (label, spec): (&str, &Path),
    rounds: usize,
) -> Result<CodegenRow, String> {
    let ours_out = dir.join("ours").join(label);
    let progenitor_out = dir.join("progenitor").join(label);
    let ours_args: Vec<std::ffi::OsString> = vec![
        "xtask".into(),
        "codegen".into(),
        "--spec".into(),
        spec.into(),
        "--out".into(),
        ours_out.into(),
        "--name".into(),
        crate_name("ours", label).into(),
    ];
    let progenitor_args = progenitor::args(spec, &progenitor_out, &crate_name("progenitor", label));
    let cargo = Path::new("cargo");
    cost(root, cargo, &ours_args)?;
    let mut row = CodegenRow {
        label: label.to_owned(),
        ours: Vec::new(),
        progenitor: Vec::new(),
        progenitor_failure: progenitor::try_once(progenitor, &progenitor_args).err(),
    };
    for _ in 0..rounds {
        row.ours.push(cost(root, cargo, &ours_args)?);
        if row.progenitor_failure.is_none() {
            row.progenitor
                .push(cost(root, progenitor, &progenitor_args)?);
        }
    }
    if row.progenitor_failure.is_none() {
        progenitor::detach(&progenitor_out)?;
    }
    Ok(row)
}

/// The builds of one generated crate.
#[derive(Debug, Default)]
pub struct Build {
    /// Each timed build.
    pub times: Vec<Duration>,
    /// Why the crate does not compile, if it does not.
    pub failure: Option<String>,
}

/// `cargo build` of each crate with its dependencies built: built once, then rounds of
/// `cargo clean -p` and a timed build, alternating between the crates. A crate that does not
/// compile is reported as such.
fn builds(crates: &[(&Path, &str); 2]) -> Result<[Build; 2], String> {
    let cargo = Path::new("cargo");
    let target = |dir: &Path| dir.join("target");
    let mut builds = [Build::default(), Build::default()];
    for ((dir, _), build) in crates.iter().zip(&mut builds) {
        let target_dir = target(dir);
        let mut args: Vec<std::ffi::OsString> = vec!["build".into(), "--quiet".into()];
        args.extend(["--target-dir".into(), target_dir.into()]);
        if let Err(e) = cost(dir, cargo, &args) {
            build.failure = Some(first_error(&e));
        }
    }
    for _ in 0..BUILD_ROUNDS {
        for (i, (dir, name)) in crates.iter().enumerate() {
            if builds[i].failure.is_some() {
                continue;
            }
            clean(dir, name, &target(dir))?;
            let target_dir: std::ffi::OsString = target(dir).into();
            let build: Vec<std::ffi::OsString> = vec![
                "build".into(),
                "--quiet".into(),
                "--target-dir".into(),
                target_dir,
            ];
            let wall = cost(dir, cargo, &build)?.wall;
            builds[i].times.push(wall);
        }
    }
    Ok(builds)
}

/// `cargo clean -p name` of the crate in `dir`, built into `target`.
fn clean(dir: &Path, name: &str, target: &Path) -> Result<(), String> {
    let args: [std::ffi::OsString; 6] = [
        "clean".into(),
        "--quiet".into(),
        "--package".into(),
        name.into(),
        "--target-dir".into(),
        target.into(),
    ];
    cost(dir, Path::new("cargo"), &args).map(|_| ())
}

/// The first line of cargo's output that is an error, or all of it.
fn first_error(printed: &str) -> String {
    printed
        .lines()
        .find(|l| l.starts_with("error"))
        .unwrap_or(printed)
        .to_owned()
}
