//! The committed generated code is what the spec and generator produce now, so plain
//! `cargo test` catches a spec edited without `cargo xtask codegen`.

use xtask::codegen::{self, Target};

#[test]
fn generated_code_is_fresh() {
    let root = xtask::workspace_root();
    let outcome = xtask::migrating::codegen(&root, true)
        .unwrap_or_else(|e| panic!("codegen --check failed: {e}"));
    let stale: Vec<String> = outcome
        .report
        .stale
        .iter()
        .map(|s| {
            format!(
                "{}\n{}",
                s.path.strip_prefix(&root).unwrap_or(&s.path).display(),
                s.diff
            )
        })
        .collect();
    assert!(
        stale.is_empty(),
        "generated files are out of date; run `cargo xtask codegen`:\n{}",
        stale.join("\n\n")
    );
    // Each version's models and client, the mock's server of each version, and the mock's copy of the client
    // runtime's `style.rs`; each fixture's models, and its server and client when it has
    // operations; the three module files that list them.
    let mocked = xtask::codegen::layout::VERSIONS
        .iter()
        .filter(|v| v.mock)
        .count();
    let fixtures = xtask::codegen::layout::fixture_specs(&root).unwrap();
    let with_operations = fixtures
        .iter()
        .filter(|spec| {
            !codegen::compile_file(spec)
                .unwrap()
                .api
                .operations
                .is_empty()
        })
        .count();
    assert_eq!(
        outcome.report.unchanged,
        2 * xtask::codegen::layout::VERSIONS.len()
            + mocked
            + 1
            + fixtures.len()
            + 2 * with_operations
            + 3
            // MIGRATING.md and the diff's RULES.md.
            + 2,
        "{outcome:?}"
    );
}

/// Copies the inputs and outputs of project generation into a scratch root.
fn scratch_project(name: &str) -> std::path::PathBuf {
    let root = xtask::workspace_root();
    let scratch = root.join("target").join("freshness-tests").join(name);
    let _ = std::fs::remove_dir_all(&scratch);
    for dir in [
        "spec/2025-04-21",
        "spec/2026-02-09",
        "tests/fixtures",
        "crates/extend-models/src",
        "crates/extend-client/src",
        "crates/extend-client/src/runtime",
        "crates/extend-mock/src",
        "crates/extend-mock/src/runtime",
        "crates/extend-mock/src/v2026_02_09",
        "tests/src/fixtures",
        "tests/src/fixture_servers",
        "tests/src/fixture_clients",
    ] {
        std::fs::create_dir_all(scratch.join(dir)).unwrap();
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, scratch.join(dir).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    scratch
}

#[test]
fn editing_a_description_makes_the_check_name_the_stale_file() {
    let scratch = scratch_project("edit-description");
    let spec = scratch.join("spec/2025-04-21/openapi.yaml");
    let text = std::fs::read_to_string(&spec).unwrap();
    let edited = text.replace("Who reviewed the run", "The person who reviewed the run");
    assert_ne!(text, edited);
    std::fs::write(&spec, edited).unwrap();

    let target = Target::Project {
        root: scratch.clone(),
    };
    let outcome = codegen::run(&target, true).unwrap();
    let stale: Vec<_> = outcome
        .report
        .stale
        .iter()
        .map(|s| s.path.strip_prefix(&scratch).unwrap())
        .collect();
    assert_eq!(
        stale,
        [std::path::Path::new(
            "crates/extend-models/src/v2025_04_21.rs"
        )]
    );
    assert!(outcome.report.stale[0]
        .diff
        .contains("+    /// The person who reviewed the run"));

    let written = codegen::run(&target, false).unwrap();
    assert_eq!(written.report.written.len(), 1);
    assert!(codegen::run(&target, true).unwrap().report.stale.is_empty());
}

#[test]
fn a_removed_fixture_leaves_a_stale_module_behind() {
    let scratch = scratch_project("removed-fixture");
    std::fs::remove_file(scratch.join("tests/fixtures/maps.yaml")).unwrap();
    let outcome = codegen::run(
        &Target::Project {
            root: scratch.clone(),
        },
        true,
    )
    .unwrap();
    let stale: Vec<_> = outcome
        .report
        .stale
        .iter()
        .map(|s| s.path.strip_prefix(&scratch).unwrap().to_owned())
        .collect();
    assert!(
        stale.contains(&"tests/src/fixtures/maps.rs".into()),
        "{stale:?}"
    );
    assert!(
        stale.contains(&"tests/src/fixtures/mod.rs".into()),
        "{stale:?}"
    );
}
