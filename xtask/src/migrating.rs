//! MIGRATING.md, generated: the changes from the oldest API version's spec to the newest, as
//! `cargo xtask diff` classifies them, with the Rust names both crates give each. Written by
//! `cargo xtask codegen` beside the code and kept fresh by `--check`, as generated code is.

use std::path::Path;
use std::time::Instant;
use xtask_codegen::layout::Built;
use xtask_codegen::write::Output;
use xtask_codegen::Outcome;

/// The guide's file, at the workspace root.
pub const FILE: &str = "MIGRATING.md";

/// The guide between the first and the last API version, from their specs as codegen
/// compiled them.
pub fn contents(built: &Built) -> Result<String, String> {
    let (Some((old, old_spec)), Some((new, new_spec))) =
        (built.versions.first(), built.versions.last())
    else {
        return Err("no API versions".to_owned());
    };
    let (old_label, new_label) = (old.spec(), new.spec());
    let loaded = |label: &str, text: &str| xtask_diff::load(label, text).map_err(|e| e.to_string());
    let changes = xtask_diff::diff(
        &loaded(&old_label, &old_spec.text)?,
        &loaded(&new_label, &new_spec.text)?,
    );
    let module = |name: &str| format!("extend_models::v{}", name.replace('-', "_"));
    let (old_module, new_module) = (module(old.name), module(new.name));
    Ok(xtask_diff::migration::guide(
        xtask_diff::migration::Version {
            label: old.name,
            module: &old_module,
            api: &old_spec.converted.api,
        },
        xtask_diff::migration::Version {
            label: new.name,
            module: &new_module,
            api: &new_spec.converted.api,
        },
        &changes,
        &format!("{old_label} and {new_label}"),
    ))
}

/// `cargo xtask codegen` of the project: the generated code, the guide and the diff's rule
/// catalogue, written together (nothing is written unless all of them could be made).
pub fn codegen(root: &Path, check: bool) -> Result<Outcome, String> {
    let start = Instant::now();
    let target = xtask_codegen::Target::Project {
        root: root.to_owned(),
    };
    let mut built = xtask_codegen::build(&target).map_err(|e| e.to_string())?;
    let guide = contents(&built)?;
    built.plan.outputs.push(Output {
        path: root.join(FILE),
        contents: guide,
    });
    built.plan.outputs.push(Output {
        path: root.join("xtask/diff/RULES.md"),
        contents: xtask_diff::rule::catalogue(),
    });
    xtask_codegen::apply(built, check, start).map_err(|e| e.to_string())
}
