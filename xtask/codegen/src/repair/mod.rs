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
use crate::load::yaml_key;
use serde_yaml_ng::Value;

/// The extension a repair puts on a schema it moves into `components.schemas`, holding the
/// JSON pointer it stood at, so that what the generator reports about it points there.
pub const MOVED_FROM: &str = "x-codegen-moved-from";

/// The node a local JSON pointer (`/paths/~1a`) names. Keys match as [`yaml_key`] writes
/// them, so that `200:` (a number in YAML) is found by the token `200`.
pub(crate) fn lookup<'v>(doc: &'v Value, pointer: &str) -> Option<&'v Value> {
    let mut node = doc;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match node {
            Value::Mapping(map) => map.iter().find(|(k, _)| yaml_key(k) == token)?.1,
            Value::Sequence(list) => list.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The node at `path` (tokens as [`yaml_key`] writes keys, unescaped), to change.
pub(crate) fn lookup_mut<'v>(doc: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    let mut node = doc;
    for token in path {
        node = match node {
            Value::Mapping(map) => map.iter_mut().find(|(k, _)| yaml_key(k) == *token)?.1,
            Value::Sequence(list) => list.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

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
