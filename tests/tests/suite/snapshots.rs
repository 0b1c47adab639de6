//! Snapshots of the generator: the warnings of each fixture spec, and an outline of the Extend
//! spec's API surface. Review changes with `cargo insta review`. The code each fixture spec
//! produces is checked in once, as the compiled module in `tests/src/fixtures/`, and kept
//! fresh by `cargo xtask codegen --check`.

use std::path::Path;
use xtask::codegen::{self, layout};

fn label(spec: &Path) -> String {
    let file = spec.file_name().unwrap().to_string_lossy();
    format!("{}/{file}", layout::FIXTURE_SPECS)
}

/// What a standalone run of each fixture spec warns about, with line and column: the fixtures
/// that exercise a warning have it here, and a warning that appears or goes shows up in review.
#[test]
fn fixture_warnings() {
    let root = xtask::workspace_root();
    let mut report = String::new();
    for spec in layout::fixture_specs(&root).unwrap() {
        let out = root.join("target").join("fixture-warnings");
        let built = layout::standalone(&spec, &out, Some("fixture"))
            .unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        for (_, warning) in built.warnings {
            report.push_str(&format!("{}:{warning}\n", label(&spec)));
        }
    }
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("fixture_warnings", report);
    });
}

#[test]
fn extend_api_surface() {
    for version in layout::VERSIONS {
        let spec = xtask::workspace_root().join(version.spec());
        let converted = codegen::compile_file(&spec).unwrap();
        assert!(
            converted.warnings.is_empty(),
            "the spec of {} must generate without warnings: {:?}",
            version.name,
            converted.warnings
        );
        let name = format!("extend_api_surface_{}", version.module);
        insta::with_settings!({ omit_expression => true }, {
            insta::assert_snapshot!(name, codegen::summary::summarize(&converted.api));
        });
    }
}
