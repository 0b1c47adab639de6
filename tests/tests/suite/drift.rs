//! The JSON Schema that schemars derives from the generated Rust types agrees with the spec's
//! component schemas: property names, required sets, enum values, and what each property holds
//! (which type, array, map or primitive). A failure names the schema and the property.
//!
//! Only run with the `schemars` feature (as `cargo xtask test` does).

use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The spec's component schemas.
fn spec_components(spec: &Value) -> &Map<String, Value> {
    spec["components"]["schemas"]
        .as_object()
        .expect("components.schemas")
}

/// The definitions schemars derives for every type reachable from the API's bodies.
fn rust_definitions() -> Map<String, Value> {
    use extend_models::v2025_04_21::*;
    let mut generator = schemars::SchemaGenerator::default();
    generator.subschema_for::<UpdateWorkflowRunRequest>();
    generator.subschema_for::<UpdateWorkflowRunResponse>();
    generator.subschema_for::<ApiError>();
    generator.subschema_for::<WorkflowRunResponse>();
    generator.subschema_for::<ListWorkflowRunsResponse>();
    generator.subschema_for::<CreateWorkflowRunRequest>();
    generator.subschema_for::<CreateWorkflowRunResponse>();
    generator.subschema_for::<BatchWorkflowRunRequest>();
    generator.subschema_for::<BatchWorkflowRunResponse>();
    generator.subschema_for::<DeleteWorkflowRunResponse>();
    generator.subschema_for::<WorkflowRunSortBy>();
    generator.subschema_for::<SortDirection>();
    generator.subschema_for::<WebhookEvent>();
    generator.definitions().clone()
}

/// Compares one side to the other and lists every disagreement.
struct Drift<'a> {
    spec: &'a Map<String, Value>,
    rust: &'a Map<String, Value>,
    problems: Vec<String>,
}

impl<'a> Drift<'a> {
    fn new(spec: &'a Map<String, Value>, rust: &'a Map<String, Value>) -> Self {
        Self {
            spec,
            rust,
            problems: Vec::new(),
        }
    }

    /// Checks every component schema that has a definition of its own in Rust.
    fn check_all(&mut self) {
        for (name, schema) in self.spec {
            if is_map_alias(schema) || is_null_only(schema) {
                continue; // a `type` alias: checked where it is used
            }
            match self.rust.get(name) {
                Some(rust) => self.check(name, schema, rust),
                None if self.only_in_all_of(name) => {}
                None => self
                    .problems
                    .push(format!("{name}: in the spec, but no Rust type derives it")),
            }
        }
    }

    /// Whether a component is used only as an `allOf` member (merged into others).
    fn only_in_all_of(&self, name: &str) -> bool {
        let target = format!("#/components/schemas/{name}");
        let mut used_elsewhere = false;
        for schema in self.spec.values() {
            let text = serde_json::to_string(schema).unwrap();
            let in_all_of = schema["allOf"]
                .as_array()
                .is_some_and(|m| m.iter().any(|m| m["$ref"] == *target));
            if text.contains(&target) && !in_all_of {
                used_elsewhere = true;
            }
        }
        !used_elsewhere
    }

    fn check(&mut self, name: &str, spec: &Value, rust: &Value) {
        if let Some(values) = spec["enum"].as_array() {
            if rust["enum"].as_array() != Some(values) {
                self.problems.push(format!(
                    "{name}: enum values differ: spec {values:?}, Rust {}",
                    rust["enum"]
                ));
            }
            return;
        }
        if let Some(members) = spec["oneOf"]
            .as_array()
            .filter(|_| spec["discriminator"].is_object())
        {
            let mapping = spec["discriminator"]["mapping"].as_object();
            // Every tag the mapping gives a member (several tags may share one schema), or
            // the schema's name when the mapping gives it none.
            let expected: BTreeSet<(String, String)> = members
                .iter()
                .flat_map(|m| {
                    let target = ref_name(m).unwrap().to_owned();
                    let mut tags: Vec<String> = mapping
                        .into_iter()
                        .flatten()
                        .filter(|(_, t)| ref_name_str(t.as_str().unwrap()) == target)
                        .map(|(k, _)| k.clone())
                        .collect();
                    if tags.is_empty() {
                        tags.push(target.clone());
                    }
                    tags.into_iter().map(move |tag| (tag, target.clone()))
                })
                .collect();
            let actual: BTreeSet<(String, String)> = rust["oneOf"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| {
                    let tag = v["allOf"][1]["properties"]
                        .as_object()
                        .and_then(|p| p.values().next())
                        .map(|p| p["const"].as_str().unwrap_or_default().to_owned());
                    (
                        tag.unwrap_or_default(),
                        ref_name(&v["allOf"][0]).unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            if expected != actual {
                self.problems.push(format!(
                    "{name}: tagged variants differ: spec {expected:?}, Rust {actual:?}"
                ));
            }
            return;
        }
        let keyword = ["anyOf", "oneOf"].into_iter().find(|k| spec[*k].is_array());
        // An object's `anyOf` or `oneOf` of `required` lists is a rule of the object, which
        // the Rust type's schema states the same way.
        let rule = keyword.filter(|_| spec.get("properties").is_some());
        if let Some(keyword) = rule {
            if spec[keyword] != rust[keyword] {
                self.problems.push(format!(
                    "{name}: {keyword} differs: spec {}, Rust {}",
                    spec[keyword], rust[keyword]
                ));
            }
        } else if let Some(members) = keyword.and_then(|k| spec[k].as_array()) {
            let rust_members = rust["anyOf"].as_array().cloned().unwrap_or_default();
            // A `null` alternative is no variant in Rust: the fields that hold the union are
            // `Option`s instead.
            let members: Vec<&Value> = members.iter().filter(|m| !self.is_null_member(m)).collect();
            for (i, member) in members.into_iter().enumerate() {
                let expected = self.spec_shape(member);
                let actual = rust_members
                    .get(i)
                    .map_or("nothing".to_owned(), |r| self.rust_shape(r));
                if expected != actual {
                    self.problems.push(format!(
                        "{name}: member {i} differs: spec {expected}, Rust {actual}"
                    ));
                }
            }
            return;
        }
        let (properties, required) = self.effective_object(spec);
        let rust_properties = rust["properties"].as_object().cloned().unwrap_or_default();
        let rust_required: BTreeSet<String> = rust["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect();
        for key in properties.keys() {
            if !rust_properties.contains_key(key) {
                self.problems.push(format!(
                    "{name}.{key}: in the spec, but not in the Rust type"
                ));
            }
        }
        for key in rust_properties.keys() {
            if !properties.contains_key(key) {
                self.problems.push(format!(
                    "{name}.{key}: in the Rust type, but not in the spec"
                ));
            }
        }
        if required != rust_required {
            self.problems.push(format!(
                "{name}: required properties differ: spec {required:?}, Rust {rust_required:?}"
            ));
        }
        for (key, schema) in &properties {
            if let Some(rust) = rust_properties.get(key) {
                let (expected, actual) = (self.spec_shape(schema), self.rust_shape(rust));
                if expected != actual {
                    self.problems.push(format!(
                        "{name}.{key}: the spec says {expected}, Rust says {actual}"
                    ));
                }
            }
        }
    }

    /// Properties and required names of an object schema, with `allOf` members merged.
    fn effective_object(&self, schema: &Value) -> (Map<String, Value>, BTreeSet<String>) {
        let mut properties = Map::new();
        let mut required = BTreeSet::new();
        let mut parts = vec![schema.clone()];
        while let Some(part) = parts.pop() {
            if let Some(target) = ref_name(&part) {
                parts.push(self.spec[target].clone());
                continue;
            }
            for member in part["allOf"].as_array().into_iter().flatten() {
                parts.push(member.clone());
            }
            for (key, value) in part["properties"].as_object().into_iter().flatten() {
                properties.insert(key.clone(), value.clone());
            }
            required.extend(
                part["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(str::to_owned)),
            );
        }
        (properties, required)
    }

    /// Whether a union member allows `null` alone, directly or through a `$ref`.
    fn is_null_member(&self, member: &Value) -> bool {
        match ref_name(member) {
            Some(target) => is_null_only(&self.spec[target]),
            None => is_null_only(member),
        }
    }

    /// What a spec schema holds, in a form both sides can produce.
    fn spec_shape(&self, schema: &Value) -> String {
        if let Some(target) = ref_name(schema) {
            let component = &self.spec[target];
            if component["enum"].is_array() || is_map_alias(component) {
                return self.spec_shape(component);
            }
            return format!("type {target}");
        }
        if let Some(values) = schema["enum"].as_array() {
            return format!("enum {}", Value::Array(values.clone()));
        }
        let ty = schema["type"].as_str();
        if let Some(shape) = primitive_shape(ty, schema) {
            return shape;
        }
        match ty {
            Some("array") => format!("array of {}", self.spec_shape(&schema["items"])),
            Some("object") | None
                if schema["additionalProperties"].is_object() && schema["properties"].is_null() =>
            {
                format!(
                    "map of {}",
                    self.spec_shape(&schema["additionalProperties"])
                )
            }
            Some("object") => "object".to_owned(),
            _ => "any".to_owned(),
        }
    }

    /// What a schemars schema holds, in the same form, with `null` alternatives left out.
    fn rust_shape(&self, schema: &Value) -> String {
        if let Some(members) = schema["anyOf"].as_array() {
            let non_null: Vec<&Value> = members.iter().filter(|m| m["type"] != "null").collect();
            if non_null.len() == 1 {
                return self.rust_shape(non_null[0]);
            }
        }
        if let Some(target) = ref_name(schema) {
            let definition = &self.rust[target];
            if definition["enum"].is_array() {
                return self.rust_shape(definition);
            }
            return format!("type {target}");
        }
        if let Some(values) = schema["enum"].as_array() {
            return format!("enum {}", Value::Array(values.clone()));
        }
        let ty = match &schema["type"] {
            Value::String(t) => Some(t.as_str()),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null"),
            _ => None,
        };
        if let Some(shape) = primitive_shape(ty, schema) {
            return shape;
        }
        match ty {
            Some("array") => format!("array of {}", self.rust_shape(&schema["items"])),
            Some("object") if schema["additionalProperties"].is_object() => {
                format!(
                    "map of {}",
                    self.rust_shape(&schema["additionalProperties"])
                )
            }
            Some("object") => "object".to_owned(),
            _ => "any".to_owned(),
        }
    }
}

/// The shape of a string, number or boolean schema, the same on both sides; `None` otherwise.
fn primitive_shape(ty: Option<&str>, schema: &Value) -> Option<String> {
    Some(match ty? {
        "string" => match schema["format"].as_str() {
            Some(format @ ("date-time" | "date")) => format!("string ({format})"),
            _ => "string".to_owned(),
        },
        primitive @ ("integer" | "number" | "boolean") => primitive.to_owned(),
        _ => return None,
    })
}

/// A component that is only a map (no properties): Rust makes it a `type` alias.
fn is_map_alias(schema: &Value) -> bool {
    schema["additionalProperties"].is_object()
        && schema["properties"].is_null()
        && schema["allOf"].is_null()
}

/// A schema of `null` alone (`enum: [null]`): Rust makes it `()`, and unions leave it out.
fn is_null_only(schema: &Value) -> bool {
    schema["enum"]
        .as_array()
        .is_some_and(|values| values.iter().all(Value::is_null))
}

fn ref_name(schema: &Value) -> Option<&str> {
    schema["$ref"].as_str().map(ref_name_str)
}

fn ref_name_str(reference: &str) -> &str {
    reference.rsplit('/').next().unwrap_or(reference)
}

fn drift(spec: &Value, rust: &Map<String, Value>) -> Vec<String> {
    let mut drift = Drift::new(spec_components(spec), rust);
    drift.check_all();
    drift.problems
}

#[test]
fn the_rust_types_say_what_the_spec_says() {
    let problems = drift(&crate::common::spec(), &rust_definitions());
    assert!(
        problems.is_empty(),
        "the spec and the Rust types disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_change_on_either_side_is_named() {
    let rust = rust_definitions();
    let mut spec = crate::common::spec();
    let run = spec["components"]["schemas"]["WorkflowRun"]
        .as_object_mut()
        .unwrap();
    let properties = run["properties"].as_object_mut().unwrap();
    let moved = properties.remove("initialRunAt").unwrap();
    properties.insert("initialRunTime".to_owned(), moved);
    properties["batchId"] = serde_json::json!({ "type": "integer" });
    spec["components"]["schemas"]["FileType"]["enum"]
        .as_array_mut()
        .unwrap()
        .push("PNG".into());
    spec["components"]["schemas"]["Point"]["required"] = serde_json::json!(["x"]);

    let problems = drift(&spec, &rust).join("\n");
    for expected in [
        "WorkflowRun.initialRunTime: in the spec, but not in the Rust type",
        "WorkflowRun.initialRunAt: in the Rust type, but not in the spec",
        "WorkflowRun.batchId: the spec says integer, Rust says string",
        "FileType: enum values differ",
        "Point: required properties differ",
    ] {
        assert!(
            problems.contains(expected),
            "expected `{expected}` in:\n{problems}"
        );
    }
}
