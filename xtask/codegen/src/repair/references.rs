//! `$ref`s the generator's components cannot follow, rewritten in the tree before it is read:
//!
//! - percent-encoded ones (`#/components/schemas/Big%20Run`; a URI fragment may encode any
//!   character, RFC 3986 and RFC 6901 section 6) are decoded;
//! - one into another place of the document than `components` (a parameter another path item
//!   declares: `#/paths/~1companies~1%7BcompanyId%7D/parameters/0`) is replaced by a copy of
//!   what it points at. One inside what it points at (a schema under a path that refers to
//!   itself) would copy forever: it is read as any JSON value, with a warning; so are copies
//!   past [`MAX_PASSES`] levels or [`MAX_COPIED_NODES`] nodes;
//! - a component that is only a `$ref` to another, round to itself (a parameter `P` that is
//!   `Q`, which is `P`), names nothing: a warning at each says where it is left out. Schemas are
//!   left to the converter, which reads such a cycle as any JSON value.

use super::{lookup, lookup_mut};
use crate::error::Diagnostic;
use crate::load::yaml_key;
use crate::pointer::Pointer;
use serde_yaml_ng::{Mapping, Value};

/// How many times copies are made into copies before the rest is cut.
pub const MAX_PASSES: usize = 8;
/// How many nodes the copies may hold in all: a spec whose copies would grow past it (a schema
/// referring to itself many times over) has the rest cut, so that it cannot exhaust memory.
pub const MAX_COPIED_NODES: usize = 200_000;

/// Rewrites the document's references, returning a warning per cut or cycle.
pub fn rewrite(doc: &mut Value) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let mut copied = 0usize;
    for pass in 0..=MAX_PASSES {
        let found = references(doc);
        let mut changed = false;
        for (at, target) in found {
            let Some(local) = target.strip_prefix('#') else {
                continue;
            };
            let decoded = percent_decode(local);
            if is_component(&decoded) {
                if decoded != local {
                    set_ref(doc, &at, format!("#{decoded}"));
                    changed = true;
                }
                continue;
            }
            // Unresolved references are the reference check's to report.
            let Some(found) = lookup(doc, &decoded) else {
                continue;
            };
            let inside = pointer_of(&at)
                .as_str()
                .strip_prefix(decoded.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
            let size = if inside { 0 } else { count_nodes(found) };
            if inside || pass == MAX_PASSES || copied + size > MAX_COPIED_NODES {
                let why = if inside {
                    "points at a place that holds it, so a copy would hold itself".to_owned()
                } else {
                    format!(
                        "would be copied more than {MAX_PASSES} levels deep or past \
                         {MAX_COPIED_NODES} nodes"
                    )
                };
                notes.push(Diagnostic::at(
                    pointer_of(&at).child("$ref"),
                    format!("`$ref: {target}` {why}; it is read as any JSON value"),
                ));
                if let Some(slot) = lookup_mut(doc, &at) {
                    *slot = Value::Mapping(Mapping::new());
                    changed = true;
                }
                continue;
            }
            let replacement = {
                copied += size;
                found.clone()
            };
            if let Some(slot) = lookup_mut(doc, &at) {
                *slot = replacement;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    notes.extend(component_cycles(doc));
    notes
}

/// How many nodes a tree holds.
fn count_nodes(tree: &Value) -> usize {
    let mut count = 0;
    let mut work = vec![tree];
    while let Some(node) = work.pop() {
        count += 1;
        match node {
            Value::Mapping(map) => work.extend(map.values()),
            Value::Sequence(items) => work.extend(items),
            _ => {}
        }
    }
    count
}

/// Whether a decoded pointer names a component the generator reads by name.
fn is_component(pointer: &str) -> bool {
    let mut parts = pointer.trim_start_matches('/').split('/');
    parts.next() == Some("components")
        && parts.next().is_some()
        && parts.next().is_some()
        && parts.next().is_none()
}

/// Every `$ref` of the tree: the path of the mapping that holds it, and its target.
fn references(doc: &Value) -> Vec<(Vec<String>, String)> {
    let mut found = Vec::new();
    let mut work = vec![(doc, Vec::new())];
    while let Some((node, path)) = work.pop() {
        match node {
            Value::Mapping(map) => {
                if let Some(Value::String(target)) = map.get("$ref") {
                    found.push((path.clone(), target.clone()));
                }
                for (key, value) in map {
                    let mut here = path.clone();
                    here.push(yaml_key(key));
                    work.push((value, here));
                }
            }
            Value::Sequence(items) => {
                for (i, value) in items.iter().enumerate() {
                    let mut here = path.clone();
                    here.push(i.to_string());
                    work.push((value, here));
                }
            }
            _ => {}
        }
    }
    found
}

/// The components (other than schemas) that are a `$ref` to a component that, through `$ref`s
/// alone, comes back to them.
fn component_cycles(doc: &Value) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let Some(Value::Mapping(components)) = doc.get("components") else {
        return notes;
    };
    for (section, entries) in components {
        let section = yaml_key(section);
        let Value::Mapping(entries) = entries else {
            continue;
        };
        if section == "schemas" {
            continue;
        }
        for name in entries.keys().map(yaml_key) {
            let start = format!("/components/{section}/{name}");
            let mut chain = vec![start.clone()];
            let mut at = start.clone();
            let cycle = loop {
                let Some(next) = lookup(doc, &at)
                    .and_then(|n| n.get("$ref"))
                    .and_then(Value::as_str)
                    .and_then(|r| r.strip_prefix('#'))
                    .map(percent_decode)
                else {
                    break None;
                };
                if next == start {
                    break Some(chain);
                }
                if chain.contains(&next) || chain.len() > 64 {
                    // A cycle further on, reported from one of its own members.
                    break None;
                }
                chain.push(next.clone());
                at = next;
            };
            if let Some(chain) = cycle {
                let names: Vec<&str> = chain
                    .iter()
                    .map(|p| p.rsplit('/').next().unwrap_or(p))
                    .collect();
                notes.push(Diagnostic::at(
                    Pointer::root()
                        .child("components")
                        .child(&section)
                        .child(&name),
                    format!(
                        "`{name}` is only a `$ref` round to itself ({} -> {name}): it names \
                         nothing, and is left out where it is used",
                        names.join(" -> ")
                    ),
                ));
            }
        }
    }
    notes
}

fn pointer_of(path: &[String]) -> Pointer {
    path.iter()
        .fold(Pointer::root(), |pointer, token| pointer.child(token))
}

/// `%XX` decoded; anything that is not valid percent-encoded UTF-8 left as it is.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied(),
            bytes.get(i + 2).copied(),
        ) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                out.push(u8::try_from(value).unwrap_or(b'%'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn set_ref(doc: &mut Value, at: &[String], target: String) {
    if let Some(Value::Mapping(map)) = lookup_mut(doc, at) {
        map.insert("$ref".into(), Value::String(target));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Value {
        serde_yaml_ng::from_str(text).unwrap()
    }

    #[test]
    fn references_into_paths_are_copied_and_encoded_ones_decoded() {
        let mut tree = doc(r##"
paths:
  /companies/{companyId}:
    parameters:
      - { name: companyId, in: path, required: true, schema: { type: string } }
  /companies/{companyId}/connections:
    parameters:
      - $ref: "#/paths/~1companies~1%7BcompanyId%7D/parameters/0"
    get:
      responses:
        "200": { $ref: "#/components/responses/Big%20Answer" }
        500: { $ref: "#/paths/~1companies~1%7BcompanyId%7D/parameters/0" }
"##);
        assert!(rewrite(&mut tree).is_empty());
        let copied = &tree["paths"]["/companies/{companyId}/connections"]["parameters"][0];
        assert_eq!(copied["name"].as_str(), Some("companyId"));
        let decoded =
            &tree["paths"]["/companies/{companyId}/connections"]["get"]["responses"]["200"];
        assert_eq!(
            decoded["$ref"].as_str(),
            Some("#/components/responses/Big Answer")
        );
        // A key YAML reads as a number (`500:`) is written over too.
        let responses = &tree["paths"]["/companies/{companyId}/connections"]["get"]["responses"];
        assert_eq!(responses[500]["in"].as_str(), Some("path"));
    }

    #[test]
    fn a_copy_that_holds_itself_is_cut_with_a_warning() {
        let mut tree = doc(r##"
paths:
  /a:
    get:
      responses:
        "200":
          content:
            application/json:
              schema:
                type: object
                properties:
                  next: { $ref: "#/paths/~1a/get/responses/200/content/application~1json/schema" }
"##);
        let notes = rewrite(&mut tree);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].message.contains("holds it"), "{notes:?}");
        // Twenty references a level, eight levels down: the copies stop at the budget.
        let mut text = String::from("paths:\n");
        for level in 0..8 {
            text.push_str(&format!("  /l{level}:\n    x-refs:\n"));
            for _ in 0..20 {
                text.push_str(&format!("      - $ref: \"#/paths/~1l{}\"\n", level + 1));
            }
        }
        text.push_str("  /l8: { x-leaf: [1, 2, 3] }\n");
        let mut tree = doc(&text);
        let notes = rewrite(&mut tree);
        assert!(
            notes
                .iter()
                .any(|n| n.message.contains("past 200000 nodes")),
            "{notes:?}"
        );
        assert!(count_nodes(&tree) < 2 * MAX_COPIED_NODES);
    }

    #[test]
    fn components_that_are_references_round_to_themselves_are_named() {
        let mut tree = doc(r##"
components:
  parameters:
    P: { $ref: "#/components/parameters/Q" }
    Q: { $ref: "#/components/parameters/P" }
    R: { $ref: "#/components/parameters/P" }
"##);
        let notes = rewrite(&mut tree);
        let places: Vec<&str> = notes.iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(
            places,
            ["/components/parameters/P", "/components/parameters/Q"]
        );
        assert!(notes[0].message.contains("P -> Q -> P"), "{notes:?}");
    }

    #[test]
    fn percent_decoding_leaves_what_is_not_encoded() {
        assert_eq!(percent_decode("%7Bid%7D"), "{id}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
