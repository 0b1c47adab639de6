//! The authoring rules of the specs, so that a spec edit cannot quietly break them: those of
//! both versions, and those of 2025-04-21, whose every schema and property is described.

use serde_json::Value;

/// Every schema under `node` that is not a bare `$ref` must have a description; `where_` names
/// the place for the failure message.
fn undocumented(node: &Value, where_: &str, out: &mut Vec<String>) {
    let Some(map) = node.as_object() else { return };
    if map.contains_key("$ref") {
        return;
    }
    if !map.contains_key("description") {
        out.push(where_.to_owned());
    }
    for (name, property) in map
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        undocumented(property, &format!("{where_}.{name}"), out);
    }
    for keyword in ["allOf"] {
        for (i, member) in map
            .get(keyword)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            // The members of an allOf are parts of one schema, described once at the top.
            if let Some(properties) = member.get("properties").and_then(Value::as_object) {
                for (name, property) in properties {
                    undocumented(property, &format!("{where_}.{keyword}[{i}].{name}"), out);
                }
            }
        }
    }
}

#[test]
fn every_schema_and_property_is_described() {
    let spec = crate::common::spec();
    let mut missing = Vec::new();
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        undocumented(schema, name, &mut missing);
    }
    assert!(missing.is_empty(), "add a description to: {missing:#?}");
}

#[test]
fn every_operation_is_named_tagged_and_described() {
    let spec = crate::common::spec();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for field in ["operationId", "summary", "description", "tags"] {
                assert!(op.get(field).is_some(), "{method} {path} has no {field}");
            }
            // Operations on one run answer 404 when it does not exist; listings and creations
            // name no run.
            let one_run = path.contains('{');
            for status in ["400", "401", "404", "429", "500"] {
                if status == "404" && !one_run {
                    continue;
                }
                assert!(
                    op["responses"].get(status).is_some(),
                    "{method} {path} lacks a {status} response"
                );
            }
        }
    }
}

#[test]
fn every_enum_value_in_the_facts_is_in_the_spec() {
    let spec = crate::common::spec();
    let enum_of = |schema: &str| -> Vec<String> {
        serde_json::from_value(spec["components"]["schemas"][schema]["enum"].clone()).unwrap()
    };
    let expected: &[(&str, &[&str])] = &[
        (
            "WorkflowRunStatus",
            &[
                "PENDING",
                "PROCESSING",
                "NEEDS_REVIEW",
                "REJECTED",
                "PROCESSED",
                "FAILED",
                "CANCELLING",
                "CANCELLED",
                "REVIEWED",
            ],
        ),
        (
            "FileType",
            &["PDF", "CSV", "IMG", "TXT", "DOCX", "EXCEL", "XML", "HTML"],
        ),
        (
            "ProcessorRunStatus",
            &["PENDING", "PROCESSING", "PROCESSED", "FAILED", "CANCELLED"],
        ),
        (
            "LegacyFieldType",
            &[
                "string",
                "number",
                "currency",
                "boolean",
                "date",
                "enum",
                "array",
                "object",
                "signature",
            ],
        ),
        (
            "StepRunStatus",
            &["PENDING", "PROCESSING", "PROCESSED", "FAILED"],
        ),
        (
            "WorkflowStepType",
            &["EXTERNAL_DATA_VALIDATION", "RULE_VALIDATION"],
        ),
        (
            "RuleFailureReason",
            &["RULE_FAILED", "PARSE_ERROR", "VALUE_ERROR"],
        ),
    ];
    for (schema, values) in expected {
        assert_eq!(enum_of(schema), *values, "{schema}");
    }
    let mapping = spec["components"]["schemas"]["DocumentProcessorRun"]["discriminator"]["mapping"]
        .as_object()
        .unwrap();
    let mut tags: Vec<&str> = mapping.keys().map(String::as_str).collect();
    tags.sort_unstable();
    assert_eq!(tags, ["CLASSIFY", "EXTRACT", "SPLITTER"]);
}

/// The version header of `spec`: one value, the spec's version, its default, sent by every
/// operation and set once by a client; and the servers, default first.
fn version_header_and_servers(spec: &Value, version: &str, servers: &[&str]) {
    assert_eq!(spec["info"]["version"], version);
    let parameter = &spec["components"]["parameters"]["ApiVersion"];
    assert_eq!(parameter["name"], "x-extend-api-version");
    assert_eq!(parameter["in"], "header");
    // 2025-04-21 names the header's schema; 2026-02-09 states it in place, as Extend does.
    let schema = match parameter["schema"]["$ref"].as_str() {
        Some(reference) => spec
            .pointer(&reference.replace("#/", "/"))
            .expect("the header's schema exists"),
        None => &parameter["schema"],
    };
    assert_eq!(
        schema["default"], version,
        "{version}: the header's default"
    );
    assert_eq!(
        schema["enum"],
        serde_json::json!([version]),
        "{version}: the one value"
    );
    let reference = serde_json::json!({ "$ref": "#/components/parameters/ApiVersion" });
    let globals = spec["x-speakeasy-globals"]["parameters"]
        .as_array()
        .unwrap();
    assert!(globals.contains(&reference), "a client sets it once");
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let parameters = op["parameters"].as_array().unwrap();
            assert!(
                parameters.contains(&reference),
                "{version}: {method} {path} does not document the version header"
            );
            operations += 1;
        }
    }
    assert!(operations >= 7, "{version}: {operations} operations");
    let listed: Vec<&str> = spec["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert_eq!(listed, servers, "{version}: the servers");
}

#[test]
fn the_version_header_names_the_version_the_spec_describes_on_every_operation() {
    // The seed's host stays the default server of 2025-04-21; the newer host is listed after.
    version_header_and_servers(
        &crate::common::spec(),
        "2025-04-21",
        &["https://api-prod.extend.app", "https://api.extend.ai"],
    );
    // 2026-02-09 as the official SDKs list its environments, the default first.
    version_header_and_servers(
        &crate::common::current_spec(),
        "2026-02-09",
        &[
            "https://api.extend.ai",
            "https://api.us2.extend.app",
            "https://api.eu1.extend.ai",
        ],
    );
}

#[test]
fn every_2026_operation_is_named_tagged_described_and_answers_its_errors_as_api_errors() {
    let spec = crate::common::current_spec();
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            for field in ["operationId", "summary", "description", "tags"] {
                assert!(op.get(field).is_some(), "{method} {path} has no {field}");
            }
            assert!(
                ids.insert(op["operationId"].as_str().unwrap()),
                "{method} {path}: operationId used twice"
            );
            let responses = op["responses"].as_object().unwrap();
            assert!(responses.contains_key("200"), "{method} {path}: no 200");
            for (status, response) in responses {
                if status.starts_with('2') {
                    continue;
                }
                // Shared responses are referenced by name.
                let response = match response["$ref"].as_str() {
                    Some(reference) => spec
                        .pointer(&reference.replace("#/", "/"))
                        .unwrap_or_else(|| panic!("{method} {path} {status}: {reference}")),
                    None => response,
                };
                let schema = response
                    .pointer("/content/application~1json/schema")
                    .unwrap_or_else(|| panic!("{method} {path} {status}: no JSON body"));
                assert!(
                    schema.get("$ref").is_some(),
                    "{method} {path} {status}: the error body is a named schema"
                );
            }
        }
    }
    assert_eq!(ids.len(), 109);
}
