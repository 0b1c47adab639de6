//! Property tests of the generated models:
//! - arbitrary JSON never makes them panic, and whatever they accept they write back without
//!   loss (reading the output again gives the same value);
//! - arbitrary values that the spec's schemas allow always parse, and survive a round trip.

use extend_models::v2025_04_21::*;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt::Debug;

/// Keys the models know, so that arbitrary objects often reach deep into them.
const KEYS: &[&str] = &[
    "success",
    "workflowRun",
    "object",
    "id",
    "name",
    "status",
    "type",
    "files",
    "outputs",
    "workflow",
    "version",
    "initialRunAt",
    "metadata",
    "value",
    "output",
    "edited",
    "splits",
    "rules",
    "step",
    "extend:usage_tags",
    "x",
];

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just("workflow_run".to_owned()),
            Just("EXTRACT".to_owned()),
            Just("CLASSIFY".to_owned()),
            Just("2024-01-01T00:00:00Z".to_owned()),
            ".{0,8}",
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|pairs| {
                Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// Parses `json` as `T`; if it parses, writing it and reading it back must give the same value.
fn accepts_losslessly<T>(json: &Value) -> Result<(), TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    if let Ok(value) = serde_json::from_value::<T>(json.clone()) {
        let written =
            serde_json::to_value(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again: T = serde_json::from_value(written.clone())
            .map_err(|e| TestCaseError::fail(format!("{e}: output {written} of input {json}")))?;
        prop_assert_eq!(value, again);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics_and_what_parses_round_trips(json in arbitrary_json()) {
        accepts_losslessly::<UpdateWorkflowRunResponse>(&json)?;
        accepts_losslessly::<UpdateWorkflowRunRequest>(&json)?;
        accepts_losslessly::<WorkflowRun>(&json)?;
        accepts_losslessly::<DocumentProcessorRun>(&json)?;
        accepts_losslessly::<ExtractOutput>(&json)?;
        accepts_losslessly::<LegacyFieldValue>(&json)?;
        accepts_losslessly::<StepRun>(&json)?;
        accepts_losslessly::<ApiError>(&json)?;
        accepts_losslessly::<WorkflowRunStatus>(&json)?;
        // Arbitrary bytes as text, too.
        let text = json.to_string();
        let half: String = text.chars().take(text.chars().count() / 2).collect();
        let _ = serde_json::from_str::<UpdateWorkflowRunResponse>(&half);
    }
}

/// A strategy for values the schema at `schema` allows, generated from the spec itself.
fn valid(spec: &Value, schema: &Value, depth: u32) -> BoxedStrategy<Value> {
    if let Some(reference) = schema["$ref"].as_str() {
        let target = spec
            .pointer(reference.trim_start_matches('#'))
            .expect("refs resolve");
        return valid(spec, target, depth);
    }
    let nullable = schema["nullable"] == Value::Bool(true);
    let strategy = non_null(spec, schema, depth);
    if nullable {
        prop_oneof![1 => Just(Value::Null), 4 => strategy].boxed()
    } else {
        strategy
    }
}

fn non_null(spec: &Value, schema: &Value, depth: u32) -> BoxedStrategy<Value> {
    if let Some(values) = schema["enum"].as_array() {
        return prop::sample::select(values.clone()).boxed();
    }
    if let (Some(members), Some(tag)) = (
        schema["oneOf"].as_array(),
        schema["discriminator"]["propertyName"].as_str(),
    ) {
        let mapping = schema["discriminator"]["mapping"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let variants: Vec<BoxedStrategy<Value>> = members
            .iter()
            .map(|member| {
                let reference = member["$ref"].as_str().unwrap();
                let value = mapping
                    .iter()
                    .find(|(_, target)| target.as_str() == Some(reference))
                    .map(|(k, _)| k.clone())
                    .unwrap();
                let tag = tag.to_owned();
                valid(spec, member, depth)
                    .prop_map(move |mut object| {
                        object[&tag] = Value::String(value.clone());
                        object
                    })
                    .boxed()
            })
            .collect();
        return prop::strategy::Union::new(variants).boxed();
    }
    if let Some(members) = schema["anyOf"].as_array().or(schema["oneOf"].as_array()) {
        let variants: Vec<_> = members.iter().map(|m| valid(spec, m, depth)).collect();
        return prop::strategy::Union::new(variants).boxed();
    }
    if schema["allOf"].is_array() || schema["properties"].is_object() {
        return object(spec, schema, depth);
    }
    match schema["type"].as_str() {
        Some("string") if schema["format"] == "date-time" => (0i64..4_000_000_000, 0u32..1000)
            .prop_map(|(s, ms)| {
                let at = chrono::DateTime::from_timestamp(s, ms * 1_000_000).unwrap();
                Value::String(at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            })
            .boxed(),
        Some("string") => "[a-z0-9_ -]{0,12}".prop_map(Value::String).boxed(),
        Some("integer") => (-1000i64..100_000).prop_map(Value::from).boxed(),
        Some("number") => (-1e6f64..1e6).prop_map(Value::from).boxed(),
        Some("boolean") => any::<bool>().prop_map(Value::Bool).boxed(),
        Some("array") if depth > 0 => {
            prop::collection::vec(valid(spec, &schema["items"], depth - 1), 0..3)
                .prop_map(Value::Array)
                .boxed()
        }
        Some("array") => Just(Value::Array(Vec::new())).boxed(),
        Some("object") if schema["additionalProperties"].is_object() && depth > 0 => {
            prop::collection::btree_map(
                "[a-z]{1,6}",
                valid(spec, &schema["additionalProperties"], depth - 1),
                0..3,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect()))
            .boxed()
        }
        // Out of depth, a typed map is empty; a free-form object can hold anything.
        Some("object") if schema["additionalProperties"].is_object() => {
            Just(serde_json::json!({})).boxed()
        }
        Some("object") => Just(serde_json::json!({ "free": ["form", 1] })).boxed(),
        _ => prop_oneof![
            Just(Value::Null),
            Just(Value::from(1)),
            Just(Value::from("any"))
        ]
        .boxed(),
    }
}

/// An object with every required property, each optional one present or not, and sometimes a
/// property the spec does not know.
fn object(spec: &Value, schema: &Value, depth: u32) -> BoxedStrategy<Value> {
    let mut properties = Map::new();
    let mut required: Vec<String> = Vec::new();
    let mut parts = vec![schema.clone()];
    while let Some(part) = parts.pop() {
        if let Some(reference) = part["$ref"].as_str() {
            parts.push(
                spec.pointer(reference.trim_start_matches('#'))
                    .unwrap()
                    .clone(),
            );
            continue;
        }
        parts.extend(part["allOf"].as_array().cloned().unwrap_or_default());
        properties.extend(part["properties"].as_object().cloned().unwrap_or_default());
        required.extend(
            part["required"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_owned)),
        );
    }
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = properties
        .into_iter()
        .map(|(key, property)| {
            let value = if depth == 0 && !required.contains(&key) {
                return Just(None).boxed();
            } else {
                valid(spec, &property, depth.saturating_sub(1))
            };
            if required.contains(&key) {
                value.prop_map(move |v| Some((key.clone(), v))).boxed()
            } else {
                prop::option::of(value)
                    .prop_map(move |v| v.map(|v| (key.clone(), v)))
                    .boxed()
            }
        })
        .collect();
    (fields, prop::option::of(arbitrary_json()))
        .prop_map(|(fields, extra)| {
            let mut object: Map<String, Value> = fields.into_iter().flatten().collect();
            if let Some(extra) = extra {
                object.insert("addedLater".to_owned(), extra);
            }
            Value::Object(object)
        })
        .boxed()
}

fn spec_response_strategy() -> BoxedStrategy<Value> {
    let spec = crate::common::spec();
    let schema = spec["components"]["schemas"]["UpdateWorkflowRunResponse"].clone();
    valid(&spec, &schema, 4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_value_the_spec_allows_parses_and_round_trips(json in spec_response_strategy()) {
        let parsed: UpdateWorkflowRunResponse = serde_json::from_value(json.clone())
            .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        let written = serde_json::to_value(&parsed).unwrap();
        prop_assert!(crate::common::semantic_diff(&json, &written).is_none(), "{:?}", crate::common::semantic_diff(&json, &written));
        let again: UpdateWorkflowRunResponse = serde_json::from_value(written).unwrap();
        prop_assert_eq!(parsed, again);
    }
}
