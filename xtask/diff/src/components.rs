//! The component schemas of two specs, compared once each, on the sides where they are used:
//! a schema only requests reach changes nothing for readers, and the other way round.

use crate::change::Sides;
use crate::rule::Rule;
use crate::schema::{child, component, At, Cx, Place};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Compares the component schemas of the two documents of `cx`.
pub fn compare(cx: &mut Cx<'_>) {
    let (old_doc, new_doc) = (cx.old, cx.new);
    let (old_schemas, new_schemas) = (schemas(old_doc), schemas(new_doc));
    let (old_sides, new_sides) = (sides(old_doc), sides(new_doc));
    let side_of = |name: &str| {
        let pick = |map: &BTreeMap<String, Sides>| map.get(name).copied().unwrap_or_default();
        let (a, b) = (pick(&old_sides), pick(&new_sides));
        let merged = Sides {
            request: a.request || b.request,
            response: a.response || b.response,
        };
        if merged == Sides::default() {
            Sides::BOTH
        } else {
            merged
        }
    };
    for (name, old_schema) in &old_schemas {
        let subject = format!("schema {name}");
        let pointer = child("", &["components", "schemas", name]);
        let place = Place {
            subject: &subject,
            sides: side_of(name),
        };
        let Some(new_schema) = new_schemas.get(name) else {
            let detail = format!("schema `{name}` removed");
            cx.found(Rule::ComponentRemoved, place, &pointer, detail);
            continue;
        };
        cx.schema(
            place,
            At {
                pointer: &pointer,
                value: old_schema,
            },
            At {
                pointer: &pointer,
                value: new_schema,
            },
        );
    }
    for name in new_schemas.keys() {
        if !old_schemas.contains_key(name) {
            let subject = format!("schema {name}");
            let pointer = child("", &["components", "schemas", name]);
            let place = Place {
                subject: &subject,
                sides: side_of(name),
            };
            cx.found(
                Rule::ComponentAdded,
                place,
                &pointer,
                format!("new schema `{name}`"),
            );
        }
    }
}

fn schemas(doc: &Value) -> serde_json::Map<String, Value> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// For each component schema, the sides that reach it: from parameters and request bodies,
/// from responses, through other components.
fn sides(doc: &Value) -> BTreeMap<String, Sides> {
    let mut request = Vec::new();
    let mut response = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for item in paths.values() {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (key, value) in item {
                if key == "parameters" {
                    refs(doc, value, &mut request);
                    continue;
                }
                let Some(op) = value.as_object() else {
                    continue;
                };
                for (part, value) in op {
                    match part.as_str() {
                        "parameters" | "requestBody" => refs(doc, value, &mut request),
                        "responses" => refs(doc, value, &mut response),
                        _ => {}
                    }
                }
            }
        }
    }
    let mut out: BTreeMap<String, Sides> = BTreeMap::new();
    for name in reach(doc, request) {
        out.entry(name).or_default().request = true;
    }
    for name in reach(doc, response) {
        out.entry(name).or_default().response = true;
    }
    out
}

/// Every `$ref` under `value`, followed into parameters, bodies and responses declared as
/// components; component schemas are collected, not entered.
fn refs(doc: &Value, value: &Value, found: &mut Vec<String>) {
    let mut work = vec![value];
    let mut entered = BTreeSet::new();
    while let Some(value) = work.pop() {
        match value {
            Value::Object(map) => {
                if let Some(name) = component(value) {
                    found.push(name.to_owned());
                    continue;
                }
                if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                    if entered.insert(reference.to_owned()) {
                        if let Some(target) =
                            reference.strip_prefix('#').and_then(|p| doc.pointer(p))
                        {
                            work.push(target);
                        }
                    }
                    continue;
                }
                work.extend(map.values());
            }
            Value::Array(items) => work.extend(items),
            _ => {}
        }
    }
}

/// The component schemas reachable from `roots`, roots included.
fn reach(doc: &Value, roots: Vec<String>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut work = roots;
    while let Some(name) = work.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let pointer = child("/components/schemas", &[&name]);
        if let Some(schema) = doc.pointer(&pointer) {
            refs(doc, schema, &mut work);
        }
    }
    seen
}
