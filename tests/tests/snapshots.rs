//! Snapshots of the generator: the code each fixture spec produces, and an outline of the
//! Extend spec's API surface. Review changes with `cargo insta review`.

use std::path::Path;
use xtask::codegen::{self, layout};

fn label(spec: &Path) -> String {
    let file = spec.file_name().unwrap().to_string_lossy();
    format!("{}/{file}", layout::FIXTURE_SPECS)
}

#[test]
fn every_fixture_spec_has_a_snapshot_of_its_generated_code() {
    let root = xtask::workspace_root();
    let specs = layout::fixture_specs(&root).unwrap();
    assert!(
        specs.len() >= 8,
        "expected the fixture suite, found {specs:?}"
    );
    for spec in specs {
        let source = layout::models_source(&spec, &label(&spec))
            .unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        let name = layout::fixture_module(&spec);
        insta::with_settings!({ snapshot_suffix => name.clone(), omit_expression => true }, {
            insta::assert_snapshot!("fixture", source);
        });
    }
}

#[test]
fn extend_api_surface() {
    let spec = xtask::workspace_root().join(layout::PROJECT_SPEC);
    let converted = codegen::compile_file(&spec).unwrap();
    assert!(
        converted.warnings.is_empty(),
        "the project spec must generate without warnings: {:?}",
        converted.warnings
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("extend_api_surface", codegen::summary::summarize(&converted.api));
    });
}
