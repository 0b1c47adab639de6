//! `cargo xtask semver --policy`: the `Rust` column of `cargo xtask diff` checked against
//! cargo-semver-checks. Each case edits one small spec; the generator writes a crate from the
//! spec before and after (models, client and server, every feature on), and cargo-semver-checks
//! says whether the new crate is a minor release of the old one. A case where the diff calls
//! the change minor and the tool finds a major break fails the check: that would be the crates'
//! semver policy (README, "Semver of the generated crates") not holding. The reverse, the diff
//! stricter than the tool (it has no lint for a changed field type, say), is reported only.

use std::path::{Path, PathBuf};
use std::process::Command;
use xtask_diff::{Rule, Semver};

/// The spec every case edits: an operation with a path, a query parameter and a body, a
/// listing, a schema on each side, an enum, a `oneOf`.
const BASE: &str = r##"openapi: 3.0.3
info: { title: Policy, version: "1" }
paths:
  /runs/{id}:
    post:
      operationId: updateRun
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: limit, in: query, schema: { type: integer } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/RunUpdate" }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Run" }
        "404": { description: missing }
  /runs:
    get:
      operationId: listRuns
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Run" } }
components:
  schemas:
    RunUpdate:
      type: object
      properties:
        name: { type: string }
        tags: { type: array, items: { type: string } }
    Run:
      type: object
      required: [id, status]
      properties:
        id: { type: string }
        status: { type: string, enum: [PENDING, DONE] }
        note: { type: string }
        count: { type: integer }
"##;

/// One edit of [`BASE`] and the rule it must be found as.
struct Case {
    name: &'static str,
    edits: &'static [(&'static str, &'static str)],
    rule: Rule,
}

const CASES: &[Case] = &[
    Case {
        name: "response property added",
        edits: &[("        count: { type: integer }\n", "        count: { type: integer }\n        more: { type: string }\n")],
        rule: Rule::OptionalPropertyAdded,
    },
    Case {
        name: "request property added",
        edits: &[("        name: { type: string }\n", "        name: { type: string }\n        owner: { type: string }\n")],
        rule: Rule::OptionalPropertyAdded,
    },
    Case {
        name: "optional parameter added",
        edits: &[("        - { name: limit,", "        - { name: page, in: query, schema: { type: string } }\n        - { name: limit,")],
        rule: Rule::OptionalParameterAdded,
    },
    Case {
        name: "enum value added",
        edits: &[("enum: [PENDING, DONE]", "enum: [PENDING, DONE, FAILED]")],
        rule: Rule::EnumValueAdded,
    },
    Case {
        name: "operation added",
        edits: &[("components:\n", "  /runs/{id}/cancel:\n    post:\n      operationId: cancelRun\n      parameters:\n        - { name: id, in: path, required: true, schema: { type: string } }\n      responses:\n        \"200\": { description: ok }\ncomponents:\n")],
        rule: Rule::OperationAdded,
    },
    Case {
        name: "error status added",
        edits: &[("        \"404\": { description: missing }\n", "        \"404\": { description: missing }\n        \"409\": { description: conflict }\n")],
        rule: Rule::ErrorStatusAdded,
    },
    Case {
        name: "component schema added",
        edits: &[("    RunUpdate:\n", "    Extra:\n      type: object\n      properties: { x: { type: string } }\n    RunUpdate:\n")],
        rule: Rule::ComponentAdded,
    },
    Case {
        name: "required request property added",
        edits: &[("    RunUpdate:\n      type: object\n", "    RunUpdate:\n      type: object\n      required: [owner]\n"), ("        name: { type: string }\n", "        name: { type: string }\n        owner: { type: string }\n")],
        rule: Rule::RequiredPropertyAdded,
    },
    Case {
        name: "required parameter added",
        edits: &[("        - { name: limit,", "        - { name: page, in: query, required: true, schema: { type: string } }\n        - { name: limit,")],
        rule: Rule::RequiredParameterAdded,
    },
    Case {
        name: "response property removed",
        edits: &[("        note: { type: string }\n", "")],
        rule: Rule::PropertyRemoved,
    },
    Case {
        name: "response property made optional",
        edits: &[("required: [id, status]", "required: [id]")],
        rule: Rule::PropertyBecameOptional,
    },
    Case {
        name: "operation removed",
        edits: &[("  /runs:\n    get:\n      operationId: listRuns\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: { type: array, items: { $ref: \"#/components/schemas/Run\" } }\n", "")],
        rule: Rule::OperationRemoved,
    },
    Case {
        name: "operation renamed",
        edits: &[("operationId: listRuns", "operationId: listAllRuns")],
        rule: Rule::OperationIdChanged,
    },
    Case {
        name: "property type changed",
        edits: &[("        count: { type: integer }", "        count: { type: string }")],
        rule: Rule::TypeChanged,
    },
];

/// What the two verdicts on a case make together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    /// Both minor, or both major.
    Agree,
    /// The diff says major where the tool finds nothing to object to.
    Stricter,
    /// The diff says minor where the tool finds a major break: the policy does not hold.
    Broken,
}

/// Compares the diff's verdict with cargo-semver-checks'.
pub fn agreement(ours: Semver, tool_finds_major: bool) -> Agreement {
    match (ours == Semver::Major, tool_finds_major) {
        (true, true) | (false, false) => Agreement::Agree,
        (true, false) => Agreement::Stricter,
        (false, true) => Agreement::Broken,
    }
}

/// Runs every case with the cargo-semver-checks binary `tool`; `Err` names the cases where the
/// policy does not hold (or a case that no longer finds its rule).
pub fn run(root: &Path, tool: &Path) -> Result<(), String> {
    let work = root.join("target").join("semver-policy");
    let mut rows = Vec::new();
    let mut broken = Vec::new();
    // Every case starts from the same crate.
    let old_dir = generate(&work, "old", BASE)?;
    for case in CASES {
        let new_text = edited(case.edits)?;
        let ours = diff_verdict(case, &new_text)?;
        let new_dir = generate(&work, "new", &new_text)?;
        let tool_finds_major = tool_finds_major(tool, &work, &old_dir, &new_dir)?;
        let agreement = agreement(ours, tool_finds_major);
        if agreement == Agreement::Broken {
            broken.push(case.name);
        }
        let line = format!(
            "| {} | `{}` | {} | {} | {} |",
            case.name,
            case.rule.id(),
            label(ours),
            if tool_finds_major { "major" } else { "minor" },
            match agreement {
                Agreement::Agree => "agree",
                Agreement::Stricter => "diff stricter",
                Agreement::Broken => "**policy broken**",
            }
        );
        println!("{line}");
        rows.push(line);
    }
    println!(
        "semver policy: {} case(s), {} where the diff says minor and cargo-semver-checks major",
        rows.len(),
        broken.len()
    );
    if broken.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the generated crates break semver where `cargo xtask diff` says minor: {}",
            broken.join(", ")
        ))
    }
}

fn label(semver: Semver) -> &'static str {
    match semver {
        Semver::Patch => "patch",
        Semver::Minor => "minor",
        Semver::Major => "major",
    }
}

/// The base with each `(from, to)` replaced once.
fn edited(edits: &[(&str, &str)]) -> Result<String, String> {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        if !text.contains(from) {
            return Err(format!("semver policy: `{from}` is not in the base spec"));
        }
        text = text.replacen(from, to, 1);
    }
    Ok(text)
}

/// The diff's verdict on the case: the highest Rust impact of its changes, documentation
/// aside, after checking that the case's own rule is among them.
fn diff_verdict(case: &Case, new_text: &str) -> Result<Semver, String> {
    let load = |label: &str, text: &str| xtask_diff::load(label, text).map_err(|e| e.to_string());
    let changes = xtask_diff::diff(&load("old", BASE)?, &load("new", new_text)?);
    let changes: Vec<_> = changes
        .into_iter()
        .filter(|c| c.rule() != Rule::DescriptionChanged)
        .collect();
    if !changes.iter().any(|c| c.rule() == case.rule) {
        return Err(format!(
            "semver policy: `{}` did not find `{}`: {changes:?}",
            case.name,
            case.rule.id()
        ));
    }
    Ok(changes
        .iter()
        .map(|c| c.rust)
        .max()
        .unwrap_or(Semver::Patch))
}

/// Writes `spec` to `work/<side>.yaml` and generates crate `policy` from it into `work/<side>`.
fn generate(work: &Path, side: &str, spec: &str) -> Result<PathBuf, String> {
    std::fs::create_dir_all(work).map_err(|e| format!("{}: {e}", work.display()))?;
    let spec_path = work.join(format!("{side}.yaml"));
    std::fs::write(&spec_path, spec).map_err(|e| format!("{}: {e}", spec_path.display()))?;
    let out = work.join(side);
    let target = xtask_codegen::Target::Standalone {
        spec: spec_path,
        out: out.clone(),
        name: Some("policy".to_owned()),
    };
    xtask_codegen::run(&target, false).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Whether cargo-semver-checks finds a change in `new` that a minor release of `old` may not
/// make. Both crates build in one target folder, so that their dependencies build once.
fn tool_finds_major(tool: &Path, work: &Path, old: &Path, new: &Path) -> Result<bool, String> {
    let output = Command::new(tool)
        .arg("semver-checks")
        .arg("--manifest-path")
        .arg(new.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(old)
        .args(["--release-type", "minor", "--all-features"])
        .env("CARGO_TARGET_DIR", work.join("target"))
        .output()
        .map_err(|e| format!("could not run cargo-semver-checks: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    if output.status.success() {
        return Ok(false);
    }
    // A failure that is not a verdict (a build error, say) is an error, not "major".
    if text.contains("semver requires new major version") || text.contains("FAIL") {
        Ok(true)
    } else {
        Err(format!(
            "cargo-semver-checks failed without a verdict:\n{text}"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_edits_the_base_and_finds_its_rule() {
        for case in CASES {
            let text = edited(case.edits).unwrap();
            diff_verdict(case, &text).unwrap();
        }
    }

    #[test]
    fn only_a_minor_verdict_the_tool_calls_major_breaks_the_policy() {
        assert_eq!(agreement(Semver::Minor, false), Agreement::Agree);
        assert_eq!(agreement(Semver::Major, true), Agreement::Agree);
        assert_eq!(agreement(Semver::Major, false), Agreement::Stricter);
        assert_eq!(agreement(Semver::Minor, true), Agreement::Broken);
        assert_eq!(agreement(Semver::Patch, true), Agreement::Broken);
    }
}
