//! A newer server adds fields, enum values and kinds of objects, and sends `null` for absent
//! optional fields. None of that may break a client or be lost when the value is written back.
//! Input that is actually wrong fails with an error, never a panic.

use crate::common::{response_example, round_trip, semantic_diff};
use extend_models::v2025_04_21::*;
use serde_json::{json, Value};

/// A response as a newer API version might send it: an unknown field on every object, unknown
/// values for every enum, a processor type this crate does not know, and `null` for absent
/// optional fields.
fn future_response() -> Value {
    let future = json!({ "addedIn": "2026-01-01", "nested": [1, null, {"deep": true}] });
    json!({
        "success": true,
        "requestId": "req_future",
        "workflowRun": {
            "object": "workflow_run",
            "id": "workflow_run_9",
            "name": null,
            "url": null,
            "status": "ARCHIVED",
            "metadata": { "internal_id": "id_9", "extend:usage_tags": null, "nested": { "a": [1] } },
            "batchId": null,
            "files": [{
                "object": "file",
                "id": "file_9",
                "name": "scan.heic",
                "type": "HEIC",
                "presignedUrl": null,
                "parentFileId": null,
                "contents": {
                    "rawText": null,
                    "markdown": null,
                    "pages": [{ "pageNumber": 1, "pageHeight": null, "pageWidth": 612.5, "rawText": null, "markdown": null, "html": null, "future": future }],
                    "sheets": [{ "sheetName": "S", "rawText": null, "future": future }],
                    "future": future
                },
                "metadata": { "pageCount": null, "parentSplit": { "id": "s", "type": null, "identifier": null, "startPage": 1, "endPage": null, "future": future }, "future": future },
                "createdAt": null,
                "updatedAt": "2026-01-01T00:00:00+02:00",
                "future": future
            }],
            "failureReason": null,
            "failureMessage": null,
            "initialRunAt": "2026-01-01T00:00:00.123Z",
            "reviewed": null,
            "reviewedBy": null,
            "rejectionNote": null,
            "reviewedAt": null,
            "startTime": null,
            "endTime": null,
            "outputs": [
                {
                    "object": "document_processor_run",
                    "id": "dpr_9",
                    "type": "EXTRACT",
                    "status": "QUEUED",
                    "edited": false,
                    "reviewed": null,
                    "edits": null,
                    "processorId": null,
                    "processorVersionId": null,
                    "processorName": null,
                    "config": null,
                    "files": null,
                    "mergedProcessors": [{ "processorId": null, "processorVersionId": null, "processorName": null, "future": future }],
                    "failureReason": null,
                    "failureMessage": null,
                    "metadata": null,
                    "url": null,
                    "initialOutput": null,
                    "reviewedOutput": null,
                    "output": {
                        "value": { "total": 1 },
                        "metadata": {
                            "total": {
                                "ocrConfidence": null,
                                "logprobsConfidence": null,
                                "citations": [{ "page": 1, "referenceText": null, "polygon": [{ "x": 1, "y": 2, "future": future }], "future": future }],
                                "insights": [{ "type": "critique", "content": "c", "future": future }],
                                "future": future
                            }
                        },
                        "future": future
                    },
                    "future": future
                },
                {
                    "object": "document_processor_run",
                    "id": "dpr_10",
                    "type": "CLASSIFY",
                    "edited": false,
                    "output": { "id": "invoice", "type": "invoice", "confidence": null, "insights": null, "future": future },
                    "future": future
                },
                {
                    "object": "document_processor_run",
                    "id": "dpr_11",
                    "type": "SPLITTER",
                    "edited": false,
                    "output": { "splits": [{ "id": null, "startPage": 1, "future": future }], "isExternal": null, "future": future },
                    "future": future
                },
                {
                    "object": "document_processor_run",
                    "id": "dpr_12",
                    "type": "PARSE",
                    "edited": false,
                    "output": { "chunks": [{ "text": "Hello" }] }
                },
                {
                    "object": "document_processor_run",
                    "id": "dpr_13",
                    "type": "EXTRACT",
                    "edited": true,
                    "edits": { "f": { "originalValue": null, "editedValue": 3, "notes": null, "page": null, "fieldType": null, "future": future } },
                    "output": {
                        "f": {
                            "id": "field_f",
                            "type": "percentage",
                            "value": { "amount": 3.5, "iso_4217_currency_code": null, "future": future },
                            "confidence": null,
                            "references": [{ "id": "r", "fieldName": "f", "page": 1, "boundingBoxes": [{ "top": 1, "left": 2, "bottom": 3, "right": 4, "future": future }], "future": future }],
                            "enum": [{ "value": "a", "description": null, "future": future }],
                            "future": future
                        }
                    }
                }
            ],
            "stepRuns": [{
                "object": "workflow_step_run",
                "id": "step_run_9",
                "status": "SKIPPED",
                "step": { "object": "workflow_step", "id": "step_9", "name": null, "type": "LLM_VALIDATION", "future": future },
                "output": { "rules": [{ "name": "r", "valid": false, "validArray": null, "failureReason": "TIMEOUT", "error": null, "future": future }], "future": future },
                "future": future
            }],
            "workflow": { "object": "workflow", "id": "workflow_9", "version": "draft", "name": "W", "future": future },
            "future": future
        }
    })
}

#[test]
fn a_future_response_round_trips_without_loss() {
    let json = future_response();
    let response: UpdateWorkflowRunResponse = round_trip("future response", &json);
    let written = serde_json::to_value(&response).unwrap();

    // Every unknown field is written back exactly, not just in meaning.
    let mut expected_futures = 0;
    count_future_fields(&json, &mut expected_futures);
    let mut written_futures = 0;
    count_future_fields(&written, &mut written_futures);
    assert_eq!(
        expected_futures, 30,
        "the payload carries a future field on every object"
    );
    assert_eq!(written_futures, expected_futures);

    let run = &response.workflow_run;
    assert_eq!(response.additional_properties["requestId"], "req_future");
    assert_eq!(run.additional_properties["future"]["addedIn"], "2026-01-01");
    assert_eq!(
        run.status,
        WorkflowRunStatus::Unknown("ARCHIVED".to_owned())
    );
    assert_eq!(run.status.as_str(), "ARCHIVED");
    assert!(!run.status.is_known());
    assert_eq!(run.files[0].type_, Some(FileType::from("HEIC")));
    assert_eq!(run.name, None);
    assert_eq!(
        run.files[0].updated_at.unwrap().to_rfc3339(),
        "2025-12-31T22:00:00+00:00",
        "offsets other than Z are read as the same instant"
    );

    let DocumentProcessorRun::Extract(extract) = &run.outputs[0] else {
        panic!(
            "a known type with unknown fields stays typed: {:?}",
            run.outputs[0]
        );
    };
    assert_eq!(
        extract.status,
        Some(ProcessorRunStatus::Unknown("QUEUED".to_owned()))
    );
    assert!(matches!(
        extract.output,
        Some(ExtractOutput::JsonSchemaExtractOutput(_))
    ));

    let DocumentProcessorRun::Unknown(parse) = &run.outputs[3] else {
        panic!(
            "an unknown processor type is kept verbatim: {:?}",
            run.outputs[3]
        );
    };
    assert_eq!(run.outputs[3].tag(), Some("PARSE"));
    assert_eq!(
        Value::Object(parse.clone()),
        json["workflowRun"]["outputs"][3]
    );

    let DocumentProcessorRun::Extract(legacy) = &run.outputs[4] else {
        panic!("expected EXTRACT: {:?}", run.outputs[4]);
    };
    let Some(ExtractOutput::LegacyExtractOutput(fields)) = &legacy.output else {
        panic!("expected a fields-array output: {:?}", legacy.output);
    };
    assert_eq!(
        fields["f"].type_,
        LegacyFieldType::Unknown("percentage".to_owned())
    );
    assert!(matches!(
        fields["f"].value,
        Some(LegacyFieldValue::CurrencyValue(_))
    ));

    let step = &run.step_runs.as_ref().unwrap()[0];
    assert_eq!(step.status, StepRunStatus::from("SKIPPED"));
    let Some(StepRunOutput::RuleValidationOutput(rules)) = &step.output else {
        panic!("expected rule results: {:?}", step.output);
    };
    assert_eq!(
        rules.rules[0].failure_reason,
        Some(RuleFailureReason::Unknown("TIMEOUT".to_owned()))
    );
    assert_eq!(rules.rules[0].valid_array, None);
}

fn count_future_fields(value: &Value, count: &mut usize) {
    match value {
        Value::Object(map) => {
            if let Some(f) = map.get("future") {
                assert_eq!(
                    f["nested"],
                    json!([1, null, {"deep": true}]),
                    "future field changed"
                );
                *count += 1;
            }
            map.values().for_each(|v| count_future_fields(v, count));
        }
        Value::Array(items) => items.iter().for_each(|v| count_future_fields(v, count)),
        _ => {}
    }
}

#[test]
fn unknown_enum_values_round_trip_and_known_ones_parse_from_any_string() {
    for status in WorkflowRunStatus::KNOWN_VALUES {
        let parsed: WorkflowRunStatus = serde_json::from_value(json!(status)).unwrap();
        assert!(parsed.is_known(), "{status}");
        assert_eq!(parsed.to_string(), *status);
    }
    let parsed: WorkflowRunStatus = serde_json::from_str("\"PAUSED\"").unwrap();
    assert_eq!(serde_json::to_string(&parsed).unwrap(), "\"PAUSED\"");
    assert_eq!(
        "NEEDS_REVIEW".parse::<WorkflowRunStatus>().unwrap(),
        WorkflowRunStatus::NeedsReview
    );
}

#[test]
fn wrong_input_is_an_error_not_a_panic() {
    let valid = response_example("processedExtractRun");
    let with = |pointer: &str, value: Value| {
        let mut json = valid.clone();
        *json.pointer_mut(pointer).unwrap() = value;
        serde_json::from_value::<UpdateWorkflowRunResponse>(json)
    };
    let without = |parent: &str, key: &str| {
        let mut json = valid.clone();
        json.pointer_mut(parent)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .remove(key);
        serde_json::from_value::<UpdateWorkflowRunResponse>(json)
    };

    let cases = [
        (
            "id is a number",
            with("/workflowRun/id", json!(5)),
            "invalid type",
        ),
        (
            "status is an object",
            with("/workflowRun/status", json!({})),
            "expected a string",
        ),
        (
            "timestamp is not RFC 3339",
            with("/workflowRun/initialRunAt", json!("yesterday")),
            "input contains invalid characters",
        ),
        (
            "files is not a list",
            with("/workflowRun/files", json!("file_1")),
            "invalid type",
        ),
        (
            "required field is null",
            with("/workflowRun/id", Value::Null),
            "invalid type: null",
        ),
        (
            "a typed output has a wrong field",
            with("/workflowRun/outputs/0/edited", json!("yes")),
            "invalid type",
        ),
        (
            "missing required field",
            without("/workflowRun", "id"),
            "missing field `id`",
        ),
        (
            "missing envelope field",
            without("", "workflowRun"),
            "missing field `workflowRun`",
        ),
        (
            "missing required field in a variant",
            without("/workflowRun/outputs/0", "id"),
            "missing field `id`",
        ),
    ];
    for (what, result, expected) in cases {
        let error = result.expect_err(what).to_string();
        assert!(
            error.contains(expected),
            "{what}: `{error}` should mention `{expected}`"
        );
    }

    for malformed in [
        "",
        "{",
        "{\"success\": true,}",
        "[1, 2]",
        "null",
        "{\"success\": tru}",
    ] {
        let result = serde_json::from_str::<UpdateWorkflowRunResponse>(malformed);
        assert!(result.is_err(), "{malformed:?} must not parse");
    }
}

#[test]
fn nulls_and_absence_read_the_same_in_responses() {
    let mut with_nulls = response_example("processedExtractRun");
    let run = with_nulls["workflowRun"].as_object_mut().unwrap();
    for key in [
        "name",
        "url",
        "batchId",
        "reviewedBy",
        "reviewedAt",
        "startTime",
        "endTime",
        "stepRuns",
        "reviewed",
    ] {
        run.insert(key.to_owned(), Value::Null);
    }
    let parsed: UpdateWorkflowRunResponse = serde_json::from_value(with_nulls.clone()).unwrap();
    assert_eq!(parsed.workflow_run.reviewed_by, None);
    assert_eq!(parsed.workflow_run.start_time, None);
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(semantic_diff(&with_nulls, &written), None);
    assert!(
        written["workflowRun"].get("reviewedBy").is_none(),
        "absent fields are left out, not written as null"
    );
}

#[test]
fn requests_leave_out_what_is_not_set() {
    let request = UpdateWorkflowRunRequest::new().with_name("renamed");
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({ "name": "renamed" })
    );

    let mut metadata = WorkflowRunMetadata::new().with_extend_usage_tags(vec!["team-a".to_owned()]);
    metadata
        .additional_properties
        .insert("internal_id".to_owned(), json!("id_1"));
    let request = UpdateWorkflowRunRequest::new().with_metadata(metadata);
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({ "metadata": { "extend:usage_tags": ["team-a"], "internal_id": "id_1" } })
    );
    assert_eq!(
        serde_json::to_value(UpdateWorkflowRunRequest::default()).unwrap(),
        json!({})
    );
}
