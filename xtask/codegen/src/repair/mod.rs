//! What real specs write loosely, and what OpenAPI 3.1 spells differently, rewritten in the
//! YAML tree as 3.0 means it before the typed reader sees it: each repair of a defect is a
//! located warning, never a silent change. References OpenAPI allows but the typed reader
//! cannot follow (into a path item, percent-encoded) are rewritten silently
//! ([`references`]).

pub mod alternatives;
pub mod lenient;
pub mod normalize;
pub mod references;
pub mod v31;

use crate::error::Diagnostic;

/// The extension a repair puts on a schema it moves into `components.schemas`, holding the
/// JSON pointer it stood at, so that what the generator reports about it points there.
pub const MOVED_FROM: &str = "x-codegen-moved-from";

/// Every repair of a document, in order; `openapi_31` adds the 3.1 rewrite.
pub fn repair(yaml: &mut serde_yaml_ng::Value, openapi_31: bool) -> Vec<Diagnostic> {
    // Repaired before they are copied, so that a copy needs no warning of its own.
    let mut notes = lenient::repair(yaml);
    notes.extend(references::rewrite(yaml));
    notes.extend(normalize::normalize(yaml));
    if openapi_31 {
        notes.extend(v31::rewrite(yaml));
    }
    alternatives::move_into_extension(yaml);
    notes
}
