//! The release gate: each API version's spec compared with the last release. A change that
//! breaks clients that send or read, or that is a major change of the generated Rust API (as
//! `cargo xtask diff` classifies both), needs the crates generated from the specs bumped a
//! semver-major step (the minor while they are 0.x) and a section for the new version in
//! CHANGELOG.md. Changes of the hand-written Rust API are for `cargo xtask semver`. Extend's
//! `info.version` is the API version and not ours to bump.
//!
//! The last release is the newest `v*` tag, or, before there is one, the revision recorded in
//! `RELEASED` at the workspace root.

use std::path::Path;
use std::process::Command;
use xtask_diff::{Change, Level, Semver};

/// The crates generated from the specs, whose versions the gate reads.
pub const CRATES: [&str; 3] = ["extend-models", "extend-client", "extend-mock"];

/// The file that records the last release's revision while no tag does.
pub const RECORD: &str = "RELEASED";

/// Runs the gate in the repository at `root`; `Err` lists what breaks and what to do.
pub fn run(root: &Path) -> Result<String, String> {
    let Some(release) = last_release(root)? else {
        return Ok("gate: no release yet (no `v*` tag, no RELEASED file)".to_owned());
    };
    let mut changes: Vec<(String, Change)> = Vec::new();
    for version in xtask_codegen::layout::VERSIONS {
        let spec = version.spec();
        let Ok(old_text) = crate::diff::read(root, &format!("{release}:{spec}")) else {
            continue; // A version the release did not have: all of it is new.
        };
        let new_text =
            std::fs::read_to_string(root.join(&spec)).map_err(|e| format!("{spec}: {e}"))?;
        let old =
            xtask_diff::load(&format!("{release}:{spec}"), &old_text).map_err(|e| e.to_string())?;
        let new = xtask_diff::load(&spec, &new_text).map_err(|e| e.to_string())?;
        changes.extend(
            xtask_diff::diff(&old, &new)
                .into_iter()
                .map(|c| (spec.clone(), c)),
        );
    }
    let major: Vec<&(String, Change)> = changes.iter().filter(|(_, c)| needs_major(c)).collect();
    if major.is_empty() {
        return Ok(format!(
            "gate: {} change(s) since {release}, none breaking and none a major Rust change",
            changes.len()
        ));
    }
    let mut problems = Vec::new();
    let mut target = None;
    for name in CRATES {
        let manifest = format!("crates/{name}/Cargo.toml");
        let now = version_of(&std::fs::read_to_string(root.join(&manifest)).unwrap_or_default())
            .ok_or_else(|| format!("{manifest}: no version"))?;
        let then = crate::diff::read(root, &format!("{release}:{manifest}"))
            .ok()
            .and_then(|text| version_of(&text))
            .unwrap_or(now);
        let wanted = major_step(then);
        if now < wanted {
            problems.push(format!(
                "{name} is {} and must be at least {} (major changes since {release})",
                show(now),
                show(wanted),
            ));
        }
        target = Some(target.map_or(now, |t: (u64, u64, u64)| t.max(now)));
    }
    let target = target.map_or_else(String::new, show);
    let changelog = std::fs::read_to_string(root.join("CHANGELOG.md")).unwrap_or_default();
    if problems.is_empty() && !changelog.lines().any(|l| heads_version(l, &target)) {
        problems.push(format!(
            "CHANGELOG.md has no `## {target}` section for the new version"
        ));
    }
    if problems.is_empty() {
        return Ok(format!(
            "gate: {} change(s) since {release}; the crates are at {target} with a changelog section",
            changes.len()
        ));
    }
    let mut message = format!(
        "the specs changed since the last release ({release}) in ways that need a new version:\n"
    );
    for (spec, change) in major {
        message.push_str(&format!(
            "  {spec}:{}: {}: {} [{}; {}]\n",
            change.line.unwrap_or(0),
            change.subject,
            change.detail,
            change.id,
            why_major(change),
        ));
    }
    message.push_str("what to do:\n");
    for problem in problems {
        message.push_str(&format!("  - {problem}\n"));
    }
    message.push_str("  - then describe the changes under that version in CHANGELOG.md");
    Err(message)
}

/// The newest `v*` tag, else the revision in `RELEASED`, else none.
pub fn last_release(root: &Path) -> Result<Option<String>, String> {
    let output = Command::new("git")
        .args(["tag", "--list", "v*", "--sort=-v:refname"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("could not run git: {e}"))?;
    let tags = String::from_utf8_lossy(&output.stdout);
    if let Some(tag) = tags.lines().next().filter(|t| !t.is_empty()) {
        return Ok(Some(tag.to_owned()));
    }
    Ok(std::fs::read_to_string(root.join(RECORD))
        .ok()
        .and_then(|text| {
            text.lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned)
        }))
}

/// The `version` of a manifest's `[package]`.
fn version_of(manifest: &str) -> Option<(u64, u64, u64)> {
    let line = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("version") && l.contains('"'))?;
    let value = line.split('"').nth(1)?;
    let mut parts = value.split(['.', '-', '+']).map(|p| p.parse::<u64>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// Whether a changelog line is the heading of `version`: `## 0.2.0`, also with a date or a note
/// after it (`## 0.2.0 (not yet published)`, `## [0.2.0] - 2026-12-06`).
fn heads_version(line: &str, version: &str) -> bool {
    let Some(title) = line.trim().strip_prefix("## ") else {
        return false;
    };
    let first = title.split_whitespace().next().unwrap_or_default();
    first.trim_start_matches('[').trim_end_matches(']') == version
}

/// Whether a change needs a major version: it breaks clients on the wire, or code written
/// against the generated crates.
fn needs_major(change: &Change) -> bool {
    change.is_breaking() || change.rust == Semver::Major
}

/// Why a change needs a major version, for the gate's list.
fn why_major(change: &Change) -> String {
    let mut why = Vec::new();
    if change.sender == Level::Breaking {
        why.push("breaks senders");
    }
    if change.reader == Level::Breaking {
        why.push("breaks readers");
    }
    if change.rust == Semver::Major {
        why.push("Rust: major");
    }
    why.join(", ")
}

/// The first version a semver-major step after `v` allows: while 0.x, Cargo reads a new minor
/// as incompatible, so that is the step.
fn major_step((major, minor, _): (u64, u64, u64)) -> (u64, u64, u64) {
    if major == 0 {
        (0, minor + 1, 0)
    } else {
        (major + 1, 0, 0)
    }
}

fn show((major, minor, patch): (u64, u64, u64)) -> String {
    format!("{major}.{minor}.{patch}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_as_cargo_reads_them() {
        assert_eq!(major_step((0, 1, 0)), (0, 2, 0));
        assert_eq!(major_step((0, 1, 3)), (0, 2, 0));
        assert_eq!(major_step((1, 2, 3)), (2, 0, 0));
        assert!(heads_version("## 0.2.0", "0.2.0"));
        assert!(heads_version("## 0.2.0 (not yet published)", "0.2.0"));
        assert!(heads_version("## [0.2.0] - 2026-12-06", "0.2.0"));
        assert!(!heads_version("## 0.2.01", "0.2.0"));
        assert!(!heads_version("### 0.2.0", "0.2.0"));
        assert!(!heads_version("## Unreleased", "0.2.0"));
        assert_eq!(
            version_of("[package]\nname = \"x\"\nversion = \"0.3.1\"\n"),
            Some((0, 3, 1))
        );
    }
}
