//! With the `schemars` feature, the models describe themselves as JSON Schema with the wire
//! names, required sets and enum values of the spec.

use extend_models::v2025_04_21::UpdateWorkflowRunResponse;
use serde_json::{json, Value};

#[test]
fn the_json_schema_uses_the_wire_contract() {
    let schema = serde_json::to_value(schemars::schema_for!(UpdateWorkflowRunResponse)).unwrap();
    let defs = &schema["$defs"];
    let run = &defs["WorkflowRun"];
    assert!(run["properties"].get("initialRunAt").is_some(), "{run:#}");
    assert!(run["properties"].get("initial_run_at").is_none());
    let required: Vec<&str> = run["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for field in [
        "object",
        "id",
        "status",
        "initialRunAt",
        "files",
        "outputs",
        "workflow",
    ] {
        assert!(
            required.contains(&field),
            "{field} should be required: {required:?}"
        );
    }
    assert!(!required.contains(&"name"));
    assert_eq!(defs["WorkflowRunStatus"]["enum"][0], json!("PENDING"));
    let variants = defs["DocumentProcessorRun"]["oneOf"].as_array().unwrap();
    assert_eq!(variants.len(), 3);
    assert_eq!(
        variants[0]["allOf"][1]["properties"]["type"]["const"],
        "EXTRACT"
    );
}
