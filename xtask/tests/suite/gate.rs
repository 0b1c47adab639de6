//! The release gate on a scratch repository: a breaking spec change, or one that is a major
//! change of the generated Rust API, fails it until the crates' versions and the changelog say
//! so; an additive one passes.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(root: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// A repository with the workspace's specs, the generated crates' manifests at 0.1.0 and a
/// changelog, released as `v0.1.0`.
fn released() -> PathBuf {
    let workspace = xtask::workspace_root();
    let root = workspace
        .join("target")
        .join("xtask-cli-tests")
        .join("gate");
    let _ = fs::remove_dir_all(&root);
    for version in xtask::codegen::layout::VERSIONS {
        let spec = version.spec();
        let to = root.join(&spec);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(workspace.join(&spec), to).unwrap();
    }
    for name in xtask::gate::CRATES {
        manifest(&root, name, "0.1.0");
    }
    fs::write(
        root.join("CHANGELOG.md"),
        "# Changelog\n\n## 0.1.0\n\nFirst.\n",
    )
    .unwrap();
    git(&root, &["init", "-q"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "release"]);
    git(&root, &["tag", "v0.1.0"]);
    root
}

fn manifest(root: &Path, name: &str, version: &str) {
    let dir = root.join("crates").join(name);
    fs::create_dir_all(&dir).unwrap();
    let text = format!("[package]\nname = \"{name}\"\nversion = \"{version}\"\n");
    fs::write(dir.join("Cargo.toml"), text).unwrap();
}

/// Edits the newest version's spec: `from` replaced by `to`, once.
fn edit(root: &Path, from: &str, to: &str) {
    let spec = root.join(xtask::codegen::layout::VERSIONS.last().unwrap().spec());
    let text = fs::read_to_string(&spec).unwrap();
    assert!(text.contains(from), "`{from}` is in the spec");
    fs::write(&spec, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_breaking_change_needs_a_new_version_and_its_changelog() {
    let root = released();
    assert!(xtask::gate::run(&root).is_ok());

    // An optional response property added: nobody breaks.
    let versioned =
        "        workflowVersion:\n          $ref: '#/components/schemas/WorkflowVersionSummary'\n";
    let dashboard = "        dashboardUrl:\n          type: string\n";
    let both = format!("{versioned}{dashboard}");
    edit(
        &root,
        &both,
        &format!("{both}        zzNote:\n          type: string\n"),
    );
    let passed = xtask::gate::run(&root);
    assert!(passed.is_ok(), "{passed:?}");

    // An operation renamed: the same call on the wire, another method in Rust.
    edit(
        &root,
        "operationId: updateWorkflowRun",
        "operationId: renameWorkflowRun",
    );
    let failed = xtask::gate::run(&root).unwrap_err();
    assert!(
        failed.contains("[api-operation-id-changed; Rust: major]"),
        "{failed}"
    );
    edit(
        &root,
        "operationId: renameWorkflowRun",
        "operationId: updateWorkflowRun",
    );

    // `dashboardUrl` removed: readers break.
    edit(&root, &both, versioned);
    let failed = xtask::gate::run(&root).unwrap_err();
    assert!(failed.contains("dashboardUrl"), "{failed}");
    assert!(
        failed.contains("extend-models is 0.1.0 and must be at least 0.2.0"),
        "{failed}"
    );

    // The versions bumped: the changelog still has to say so.
    for name in xtask::gate::CRATES {
        manifest(&root, name, "0.2.0");
    }
    let failed = xtask::gate::run(&root).unwrap_err();
    assert!(failed.contains("no `## 0.2.0` section"), "{failed}");
    let changelog = root.join("CHANGELOG.md");
    let text = fs::read_to_string(&changelog).unwrap();
    fs::write(
        &changelog,
        text.replace(
            "## 0.1.0",
            "## 0.2.0\n\n`dashboardUrl` is gone.\n\n## 0.1.0",
        ),
    )
    .unwrap();
    let passed = xtask::gate::run(&root);
    assert!(passed.is_ok(), "{passed:?}");
}
