//! The 2026-02-09 spec against what Extend's official SDKs say of that version, as read into
//! `tests/sdk-facts/2026-02-09/` by `xtask/sdk-facts/read_ts_sdk.py`: every operation (method
//! and path), every webhook event type, and every property of every object the spec shares
//! with them, with the SDKs' optionality (`?`) and nullability (`| null`).

use serde_json::Value;
use std::collections::BTreeSet;

const FACTS: &str = "tests/sdk-facts/2026-02-09";

fn read(path: &str) -> String {
    let path = xtask::workspace_root().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn lines(path: &str) -> Vec<String> {
    read(path).lines().map(str::to_owned).collect()
}

#[test]
fn the_spec_has_every_operation_the_sdks_call() {
    let spec = crate::common::current_spec();
    let listed = lines(&format!("{FACTS}/operations.txt"));
    assert_eq!(listed.len(), 109, "the SDKs' list has 109 operations");
    let missing: Vec<&String> = listed
        .iter()
        .filter(|line| {
            let (method, path) = line.split_once(' ').expect("METHOD /path");
            spec["paths"][path][method.to_ascii_lowercase()].is_null()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not in the 2026-02-09 spec: {missing:?}"
    );
    let in_spec: usize = spec["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    assert_eq!(
        in_spec,
        listed.len(),
        "the spec has operations the SDKs do not"
    );
}

#[test]
fn every_error_status_the_sdks_handle_is_documented() {
    let spec = crate::common::current_spec();
    let facts: Value = serde_json::from_str(&read(&format!("{FACTS}/facts.json"))).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for op in facts["operations"].as_array().unwrap() {
        let (method, path) = (op["method"].as_str().unwrap(), op["path"].as_str().unwrap());
        let responses = &spec["paths"][path][method.to_ascii_lowercase()]["responses"];
        for status in op["errors"].as_object().unwrap().keys() {
            checked += 1;
            if responses[status].is_null() {
                missing.push(format!("{method} {path} {status}"));
            }
        }
    }
    assert!(missing.is_empty(), "undocumented: {missing:#?}");
    assert!(checked > 500, "only {checked} statuses compared");
}

#[test]
fn the_spec_has_every_webhook_event_type() {
    let spec = crate::common::current_spec();
    let listed: BTreeSet<String> = lines(&format!("{FACTS}/event-types.txt"))
        .into_iter()
        .collect();
    assert_eq!(listed.len(), 38);
    let mapping = spec["components"]["schemas"]["WebhookEvent"]["discriminator"]["mapping"]
        .as_object()
        .expect("WebhookEvent is a union told apart by eventType");
    let in_spec: BTreeSet<String> = mapping.keys().cloned().collect();
    assert_eq!(in_spec, listed);
    // Each variant states its own tag, so a validator and a generator see it too.
    for (event, target) in mapping {
        let name = target.as_str().unwrap().rsplit('/').next().unwrap();
        let tag = &spec["components"]["schemas"][name]["properties"]["eventType"]["enum"];
        assert_eq!(tag, &serde_json::json!([event]), "{name}");
    }
}

/// Whether a property schema allows `null`, as 3.1 says it.
fn allows_null(schema: &Value) -> bool {
    let types = &schema["type"];
    types == "null"
        || types
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t == "null"))
        || ["anyOf", "oneOf"].iter().any(|keyword| {
            schema[keyword]
                .as_array()
                .is_some_and(|members| members.iter().any(allows_null))
        })
        || schema.as_object().is_some_and(|s| s.is_empty())
}

#[test]
fn every_shared_object_has_the_sdks_properties_optionality_and_nullability() {
    let spec = crate::common::current_spec();
    let facts: Value = serde_json::from_str(&read(&format!("{FACTS}/facts.json"))).unwrap();
    let schemas = spec["components"]["schemas"].as_object().unwrap();
    let mut problems = Vec::new();
    let mut compared = 0;
    for (name, schema) in schemas {
        let sdk_name = if name == "File" {
            "File_"
        } else {
            name.as_str()
        };
        let Some(decl) = facts["types"].get(sdk_name) else {
            continue;
        };
        if decl["kind"] != "object" || schema["properties"].is_null() {
            continue;
        }
        let required: BTreeSet<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for property in own_and_inherited(&facts["types"], sdk_name) {
            let wire = property["name"].as_str().unwrap();
            if wire.starts_with("x-") {
                continue; // a header of the call, not a body property
            }
            let in_spec = &schema["properties"][wire];
            if in_spec.is_null() {
                // A query parameter of a request the SDK types as one object.
                continue;
            }
            compared += 1;
            let optional = property["optional"].as_bool().unwrap();
            if optional == required.contains(wire) {
                problems.push(format!("{name}.{wire}: optional in the SDKs is {optional}"));
            }
            let nullable = property["type"]["nullable"].as_bool().unwrap_or(false)
                || property["type"]["unknown"].as_bool().unwrap_or(false);
            if nullable != allows_null(in_spec) {
                problems.push(format!("{name}.{wire}: nullable in the SDKs is {nullable}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(compared > 1500, "only {compared} properties compared");
}

/// The properties of an SDK interface, its bases' first.
fn own_and_inherited<'f>(types: &'f Value, name: &str) -> Vec<&'f Value> {
    let decl = &types[name];
    let mut out: Vec<&Value> = Vec::new();
    for base in decl["extends"].as_array().into_iter().flatten() {
        out.extend(own_and_inherited(types, base.as_str().unwrap()));
    }
    out.extend(decl["properties"].as_array().into_iter().flatten());
    out
}
