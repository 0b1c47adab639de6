//! MIGRATING.md, generated: the changes from the oldest API version's spec to the newest, as
//! `cargo xtask diff` classifies them, with the Rust names both crates give each. Written by
//! `cargo xtask codegen` beside the code and kept fresh by `--check`, as generated code is.

use std::path::Path;
use xtask_codegen::layout::VERSIONS;
use xtask_codegen::write::{self, Output, Plan};
use xtask_codegen::Outcome;

/// The guide's file, at the workspace root.
pub const FILE: &str = "MIGRATING.md";

/// The guide between the first and the last API version.
pub fn contents(root: &Path) -> Result<String, String> {
    let (Some(old), Some(new)) = (VERSIONS.first(), VERSIONS.last()) else {
        return Err("no API versions".to_owned());
    };
    let read = |spec: &str| -> Result<(String, xtask_codegen::convert::Converted), String> {
        let path = root.join(spec);
        let compiled = xtask_codegen::compile_spec(&path).map_err(|e| e.to_string())?;
        Ok((compiled.text, compiled.converted))
    };
    let (old_spec, new_spec) = (old.spec(), new.spec());
    let ((old_text, old_model), (new_text, new_model)) = (read(&old_spec)?, read(&new_spec)?);
    let loaded = |label: &str, text: &str| xtask_diff::load(label, text).map_err(|e| e.to_string());
    let changes = xtask_diff::diff(
        &loaded(&old_spec, &old_text)?,
        &loaded(&new_spec, &new_text)?,
    );
    let module = |name: &str| format!("extend_models::v{}", name.replace('-', "_"));
    let (old_module, new_module) = (module(old.name), module(new.name));
    Ok(xtask_diff::migration::guide(
        xtask_diff::migration::Version {
            label: old.name,
            module: &old_module,
            api: &old_model.api,
        },
        xtask_diff::migration::Version {
            label: new.name,
            module: &new_module,
            api: &new_model.api,
        },
        &changes,
        &format!("{old_spec} and {new_spec}"),
    ))
}

/// `cargo xtask codegen` of the project: the generated code, then the guide and the diff's
/// rule catalogue, in one report.
pub fn codegen(root: &Path, check: bool) -> Result<Outcome, String> {
    let target = xtask_codegen::Target::Project {
        root: root.to_owned(),
    };
    let mut outcome = xtask_codegen::run(&target, check).map_err(|e| e.to_string())?;
    let plan = Plan {
        outputs: vec![
            Output {
                path: root.join(FILE),
                contents: contents(root)?,
            },
            Output {
                path: root.join("xtask/diff/RULES.md"),
                contents: xtask_diff::rule::catalogue(),
            },
        ],
        owned_dirs: Vec::new(),
    };
    let report = write::apply(&plan, check).map_err(|e| e.to_string())?;
    outcome.report.written.extend(report.written);
    outcome.report.unchanged += report.unchanged;
    outcome.report.stale.extend(report.stale);
    Ok(outcome)
}
