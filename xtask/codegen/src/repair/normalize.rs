//! Two changes to the parsed tree before it is read as OpenAPI, for what the typed reader
//! cannot take or would misread:
//!
//! - a path item given by `$ref` (to `#/paths/...` or, in 3.1, `#/components/pathItems/...`)
//!   is replaced by a copy of what it points at, so its operations are generated like any
//!   other; a reference to another file is left out with a warning;
//! - an `encoding` entry of a request body without `explode` gets `explode: true` when its
//!   style is `form` (or absent), OpenAPI's default, which the reader would take as `false`.

use super::lookup;
use crate::error::Diagnostic;
use crate::load::yaml_key;
use crate::pointer::Pointer;
use serde_yaml_ng::{Mapping, Value};

/// Makes both changes, returning a warning per reference left out.
pub fn normalize(doc: &mut Value) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let snapshot = doc.clone();
    let Some(root) = doc.as_mapping_mut() else {
        return notes;
    };
    if let Some(Value::Mapping(paths)) = root.get_mut("paths") {
        let mut unresolved = Vec::new();
        for (path, item) in paths.iter_mut() {
            let pointer = Pointer::root().child("paths").child(yaml_key(path));
            if let Err(note) = inline_path_item(item, &snapshot, &pointer) {
                notes.push(note);
                unresolved.push(path.clone());
            }
            fill_encodings(item);
        }
        for path in unresolved {
            paths.remove(&path);
        }
    }
    if let Some(components) = root.get_mut("components").and_then(Value::as_mapping_mut) {
        // Copied where they are used; OpenAPI 3.0 has no place for them.
        components.remove("pathItems");
        if let Some(Value::Mapping(bodies)) = components.get_mut("requestBodies") {
            for (_, body) in bodies.iter_mut() {
                fill_body(body);
            }
        }
    }
    notes
}

/// Replaces a path item that is a `$ref` by what it points at, following chains of them.
fn inline_path_item(item: &mut Value, doc: &Value, pointer: &Pointer) -> Result<(), Diagnostic> {
    let mut seen = Vec::new();
    while let Some(target) = reference(item) {
        let refused = |why: &str| {
            Diagnostic::at(
                pointer.child("$ref"),
                format!("the path item `$ref: {target}` {why}; its operations are left out"),
            )
        };
        if seen.contains(&target) {
            return Err(refused("refers to itself"));
        }
        let Some(local) = target.strip_prefix('#') else {
            return Err(refused("points into another file, which is not read"));
        };
        let Some(found) = lookup(doc, local) else {
            return Err(refused("points at nothing"));
        };
        let mut copy = found.clone();
        // Keys beside the `$ref` (3.1 allows `summary` and `description`) win over the copy's.
        if let (Some(own), Some(into)) = (item.as_mapping(), copy.as_mapping_mut()) {
            for (key, value) in own.iter().filter(|(k, _)| k.as_str() != Some("$ref")) {
                into.insert(key.clone(), value.clone());
            }
        }
        *item = copy;
        seen.push(target);
    }
    Ok(())
}

/// The `$ref` of a mapping, if it has one.
fn reference(value: &Value) -> Option<String> {
    value.as_mapping()?.get("$ref")?.as_str().map(str::to_owned)
}

/// Fills the encodings of every operation's request body in a path item.
fn fill_encodings(item: &mut Value) {
    let Some(item) = item.as_mapping_mut() else {
        return;
    };
    for (_, operation) in item.iter_mut() {
        if let Some(body) = operation
            .as_mapping_mut()
            .and_then(|op| op.get_mut("requestBody"))
        {
            fill_body(body);
        }
    }
}

/// Gives each `encoding` entry of a request body's media types its `explode` default.
fn fill_body(body: &mut Value) {
    let content = body
        .as_mapping_mut()
        .and_then(|b| b.get_mut("content"))
        .and_then(Value::as_mapping_mut);
    for (_, media) in content.into_iter().flat_map(Mapping::iter_mut) {
        let encodings = media
            .as_mapping_mut()
            .and_then(|m| m.get_mut("encoding"))
            .and_then(Value::as_mapping_mut);
        for (_, encoding) in encodings.into_iter().flat_map(Mapping::iter_mut) {
            let Some(encoding) = encoding.as_mapping_mut() else {
                continue;
            };
            let form = encoding
                .get("style")
                .is_none_or(|style| style.as_str() == Some("form"));
            if form && !encoding.contains_key("explode") {
                encoding.insert("explode".into(), true.into());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn normalized(text: &str) -> (serde_yaml_ng::Value, Vec<String>) {
        let mut doc = serde_yaml_ng::from_str(text).unwrap();
        let notes = super::normalize(&mut doc);
        (doc, notes.into_iter().map(|n| n.to_string()).collect())
    }

    #[test]
    fn path_items_by_reference_are_copied_in() {
        let (doc, notes) = normalized(
            "paths:\n  /a: {$ref: '#/components/pathItems/A'}\n  /b: {$ref: '#/paths/~1a', \
             summary: B}\n  /c: {$ref: 'other.yaml#/paths/~1c'}\n  /d: {$ref: '#/paths/~1d'}\n\
             components:\n  pathItems:\n    A: {get: {operationId: getA}}\n",
        );
        assert_eq!(
            doc["paths"]["/a"]["get"]["operationId"].as_str(),
            Some("getA")
        );
        assert_eq!(
            doc["paths"]["/b"]["get"]["operationId"].as_str(),
            Some("getA")
        );
        assert_eq!(doc["paths"]["/b"]["summary"].as_str(), Some("B"));
        assert!(doc["paths"].get("/c").is_none() && doc["paths"].get("/d").is_none());
        assert!(doc["components"].get("pathItems").is_none());
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("/paths/~1c/$ref") && notes[0].contains("another file"));
        assert!(notes[1].contains("refers to itself"), "{notes:?}");
    }

    #[test]
    fn form_encodings_explode_unless_told_otherwise() {
        let (doc, notes) = normalized(
            "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          \
             application/x-www-form-urlencoded:\n            encoding:\n              \
             a: {}\n              b: {style: form, explode: false}\n              \
             c: {style: deepObject}\n",
        );
        let encoding = &doc["paths"]["/a"]["post"]["requestBody"]["content"]
            ["application/x-www-form-urlencoded"]["encoding"];
        assert_eq!(encoding["a"]["explode"].as_bool(), Some(true));
        assert_eq!(encoding["b"]["explode"].as_bool(), Some(false));
        assert!(encoding["c"].get("explode").is_none());
        assert!(notes.is_empty());
    }
}
