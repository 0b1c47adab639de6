//! The docs of generated code link where they name a type: the spec's text is escaped (a
//! `[0]` in a description stays text), the generator's own links are not. `cargo doc` denies
//! broken links; this checks that no link was escaped into text instead.

const EXTEND_GENERATED: [(&str, &str); 5] = [
    (
        "crates/extend-models/src/v2025_04_21.rs",
        include_str!("../../../crates/extend-models/src/v2025_04_21.rs"),
    ),
    (
        "crates/extend-models/src/v2026_02_09.rs",
        include_str!("../../../crates/extend-models/src/v2026_02_09.rs"),
    ),
    (
        "crates/extend-client/src/v2025_04_21.rs",
        include_str!("../../../crates/extend-client/src/v2025_04_21.rs"),
    ),
    (
        "crates/extend-client/src/v2026_02_09.rs",
        include_str!("../../../crates/extend-client/src/v2026_02_09.rs"),
    ),
    (
        "crates/extend-mock/src/api.rs",
        include_str!("../../../crates/extend-mock/src/api.rs"),
    ),
];

#[test]
fn no_doc_of_the_extend_crates_holds_an_escaped_bracket() {
    for (path, text) in EXTEND_GENERATED {
        let escaped: Vec<&str> = text
            .lines()
            .filter(|line| line.trim_start().starts_with("///") && line.contains("\\["))
            .collect();
        assert!(escaped.is_empty(), "{path}:\n{}", escaped.join("\n"));
    }
}

#[test]
fn a_property_of_a_named_type_links_to_that_type() {
    for (path, models) in &EXTEND_GENERATED[..2] {
        let links: Vec<&str> = models
            .lines()
            .filter_map(|line| line.trim_start().strip_prefix("/// See [`"))
            .filter_map(|rest| rest.split('`').next())
            .collect();
        assert!(links.len() > 30, "{path}: {} links", links.len());
        for name in links {
            let defined = [
                format!("pub struct {name} "),
                format!("pub enum {name} "),
                format!("pub type {name} "),
            ];
            assert!(
                defined.iter().any(|d| models.contains(d.as_str())),
                "{path}: `{name}` is linked but not defined"
            );
        }
    }
    // The spec's own brackets stay text.
    let markdown = include_str!("../../src/fixtures/docs_markdown.rs");
    assert!(markdown.contains("Brackets \\[0\\]"));
}
