//! Every fixture spec yields a standalone crate (models, client and server) that compiles without a
//! clippy warning, and generating it twice gives the same bytes; the hand-written runtimes such a
//! crate carries pass their own tests in it.

use std::process::Command;
use xtask::codegen::{self, layout, Target};

#[test]
fn every_fixture_generates_a_crate_that_compiles_clippy_clean() {
    let root = xtask::workspace_root();
    let dir = root.join("target").join("fixture-crates");
    let mut crates = Vec::new();
    for spec in layout::fixture_specs(&root).unwrap() {
        let name = layout::fixture_module(&spec);
        let out = dir.join(&name);
        let _ = std::fs::remove_dir_all(out.join("src"));
        let target = Target::Standalone {
            spec: spec.clone(),
            out: out.clone(),
            name: Some(format!("fixture-{}", name.replace('_', "-"))),
        };
        let first =
            codegen::run(&target, false).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        for (_, warning) in &first.warnings {
            eprintln!("{name}: warning: {warning}");
        }
        let again = codegen::run(&target, false).unwrap();
        assert!(
            again.report.written.is_empty(),
            "{name}: a second run changed {:?}",
            again.report.written
        );
        std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
        crates.push((name, out));
    }
    assert_eq!(crates.len(), 24, "one crate per fixture spec: {crates:?}");

    let mut failures = Vec::new();
    for (name, out) in &crates {
        let clippy = Command::new(env!("CARGO"))
            .args([
                "clippy",
                "--quiet",
                "--all-targets",
                "--all-features",
                "--manifest-path",
            ])
            .arg(out.join("Cargo.toml"))
            .args(["--", "-D", "warnings"])
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .output()
            .unwrap();
        if !clippy.status.success() {
            failures.push(format!(
                "{name}:\n{}",
                String::from_utf8_lossy(&clippy.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "generated crates that do not pass clippy:\n{}",
        failures.join("\n")
    );

    // The runtimes a generated crate carries bring their tests, and those pass there too.
    let (_, operations) = crates
        .iter()
        .find(|(name, _)| name == "operations")
        .expect("the operations fixture");
    let test = Command::new(env!("CARGO"))
        .args([
            "test",
            "--quiet",
            "--lib",
            "--all-features",
            "--manifest-path",
        ])
        .arg(operations.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&test.stdout);
    assert!(
        test.status.success(),
        "the runtime's tests fail in a generated crate:\n{stdout}\n{}",
        String::from_utf8_lossy(&test.stderr)
    );
    assert!(
        stdout.contains("test result: ok") && !stdout.contains(" 0 passed"),
        "{stdout}"
    );
}
