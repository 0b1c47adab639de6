//! A standalone crate has a cargo feature per tag: built with one, it compiles, holds that
//! tag's operations and the types they reach, and lacks the operations of another.

use std::path::Path;
use std::process::{Command, Output};

/// `cargo check --example NAME` of the crate at `dir`, with `features` alone.
fn check_example(dir: &Path, name: &str, features: &str) -> Output {
    Command::new(env!("CARGO"))
        .args([
            "check",
            "--quiet",
            "--example",
            name,
            "--no-default-features",
        ])
        .args(["--features", features, "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            xtask::workspace_root()
                .join("target")
                .join("fixture-crates")
                .join("target"),
        )
        .output()
        .unwrap()
}

#[test]
fn one_tags_feature_builds_its_operations_and_not_anothers() {
    let root = xtask::workspace_root();
    let out = root.join("target").join("feature-crates").join("shelf");
    let _ = std::fs::remove_dir_all(&out);
    let spec = root.join("xtask/tests/suite/shelf.yaml");
    let target = xtask::codegen::Target::Standalone {
        spec,
        out: out.clone(),
        name: Some("feature-shelf".into()),
    };
    xtask::codegen::run(&target, false).unwrap();
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("full = [\"books\", \"authors\"]"),
        "{manifest}"
    );
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let examples = out.join("examples");
    std::fs::create_dir_all(&examples).unwrap();
    let call = |method: &str| {
        format!(
            "fn main() {{\n    let client = feature_shelf::Client::builder().build().unwrap();\n    \
             let _call = client.{method}();\n}}\n"
        )
    };
    std::fs::write(examples.join("books.rs"), call("list_books")).unwrap();
    std::fs::write(examples.join("authors.rs"), call("list_authors")).unwrap();

    let own = check_example(&out, "books", "books");
    assert!(
        own.status.success(),
        "{}",
        String::from_utf8_lossy(&own.stderr)
    );
    let other = check_example(&out, "authors", "books");
    let said = String::from_utf8_lossy(&other.stderr);
    assert!(!other.status.success(), "`list_authors` is under `authors`");
    assert!(said.contains("list_authors"), "{said}");
    // The whole API, as by default.
    let both = check_example(&out, "authors", "full");
    assert!(
        both.status.success(),
        "{}",
        String::from_utf8_lossy(&both.stderr)
    );
}
