//! Every example in the spec parses into its Rust type and writes back equal in meaning, and
//! the reference examples take the typed path (not a catch-all variant).

use crate::common::{current_spec, response_example, round_trip, spec};
use extend_models::v2025_04_21::*;
use serde_json::Value;

/// An example found in the spec: where, for which component schema, and its value.
struct Example {
    pointer: String,
    schema: String,
    value: Value,
}

/// Every example attached to a media type with a `$ref` schema, and every schema-level example
/// of a component schema.
fn examples(spec: &Value) -> Vec<Example> {
    let mut out = Vec::new();
    collect(spec, String::new(), &mut out);
    if let Some(schemas) = spec
        .pointer("/components/schemas")
        .and_then(Value::as_object)
    {
        for (name, schema) in schemas {
            if let Some(example) = schema.get("example") {
                out.push(Example {
                    pointer: format!("/components/schemas/{name}/example"),
                    schema: name.clone(),
                    value: example.clone(),
                });
            }
        }
    }
    out
}

fn collect(node: &Value, pointer: String, out: &mut Vec<Example>) {
    match node {
        Value::Object(map) => {
            let schema = map
                .get("schema")
                .and_then(|s| s.get("$ref"))
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/components/schemas/"));
            if let Some(schema) = schema {
                if let Some(example) = map.get("example") {
                    out.push(Example {
                        pointer: format!("{pointer}/example"),
                        schema: schema.to_owned(),
                        value: example.clone(),
                    });
                }
                for (name, example) in map
                    .get("examples")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                {
                    out.push(Example {
                        pointer: format!("{pointer}/examples/{name}"),
                        schema: schema.to_owned(),
                        value: example
                            .get("value")
                            .cloned()
                            .expect("examples have a value"),
                    });
                }
            }
            for (key, child) in map {
                collect(
                    child,
                    format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                collect(child, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_example_round_trips_through_its_rust_type() {
    let examples = examples(&spec());
    let mut seen = std::collections::BTreeSet::new();
    for Example {
        pointer,
        schema,
        value,
    } in &examples
    {
        match schema.as_str() {
            "UpdateWorkflowRunRequest" => {
                drop(round_trip::<UpdateWorkflowRunRequest>(pointer, value))
            }
            "UpdateWorkflowRunResponse" => {
                drop(round_trip::<UpdateWorkflowRunResponse>(pointer, value))
            }
            "ApiError" => drop(round_trip::<ApiError>(pointer, value)),
            "ApiVersion" => drop(round_trip::<ApiVersion>(pointer, value)),
            "JsonSchemaExtractOutput" => {
                drop(round_trip::<JsonSchemaExtractOutput>(pointer, value))
            }
            "LegacyExtractOutput" => drop(round_trip::<LegacyExtractOutput>(pointer, value)),
            "ClassifyOutput" => drop(round_trip::<ClassifyOutput>(pointer, value)),
            "SplitterOutput" => drop(round_trip::<SplitterOutput>(pointer, value)),
            "WorkflowRunStatus" => drop(round_trip::<WorkflowRunStatus>(pointer, value)),
            "WorkflowRunResponse" => drop(round_trip::<WorkflowRunResponse>(pointer, value)),
            "ListWorkflowRunsResponse" => {
                drop(round_trip::<ListWorkflowRunsResponse>(pointer, value))
            }
            "CreateWorkflowRunRequest" => {
                drop(round_trip::<CreateWorkflowRunRequest>(pointer, value))
            }
            "CreateWorkflowRunResponse" => {
                drop(round_trip::<CreateWorkflowRunResponse>(pointer, value))
            }
            "BatchWorkflowRunRequest" => {
                drop(round_trip::<BatchWorkflowRunRequest>(pointer, value))
            }
            "BatchWorkflowRunResponse" => {
                drop(round_trip::<BatchWorkflowRunResponse>(pointer, value))
            }
            "DeleteWorkflowRunResponse" => {
                drop(round_trip::<DeleteWorkflowRunResponse>(pointer, value))
            }
            "WebhookEvent" => {
                let event = round_trip::<WebhookEvent>(pointer, value);
                assert!(
                    !matches!(event, WebhookEvent::Unknown(_)),
                    "{pointer}: a documented event type reads as unknown"
                );
            }
            other => panic!("{pointer}: add a round trip for examples of `{other}` to this test"),
        }
        seen.insert(schema.as_str());
    }
    // Update's request and six responses, five error responses, four output kinds, the
    // version header; then list (a status filter, two pages), create (request, response),
    // batch (request, response), get, cancel (200 and its own 400), delete and a webhook event.
    assert_eq!(
        examples.len(),
        30,
        "examples found: {:?}",
        examples.iter().map(|e| &e.pointer).collect::<Vec<_>>()
    );
    assert_eq!(seen.len(), 17, "{seen:?}");
}

/// Round-trips `$value` through the 2026-02-09 type named `$schema`, among those listed;
/// evaluates to its `Debug` text, or `None` when the schema is not listed.
macro_rules! round_trip_2026 {
    ($pointer:expr, $schema:expr, $value:expr; $($name:ident),* $(,)?) => {
        match $schema {
            $(stringify!($name) => Some(format!(
                "{:?}",
                round_trip::<extend_models::v2026_02_09::$name>($pointer, $value)
            )),)*
            _ => None,
        }
    };
}

#[test]
fn every_2026_example_round_trips_through_its_rust_type_on_the_typed_path() {
    let examples = examples(&current_spec());
    let mut seen = std::collections::BTreeSet::new();
    let mut through_catch_all = Vec::new();
    for Example {
        pointer,
        schema,
        value,
    } in &examples
    {
        let typed = round_trip_2026!(pointer, schema.as_str(), value;
            BatchProcessorRunGetResponse,
            BatchRun,
            Classifier,
            ClassifierVersion,
            ClassifierVersionsCreateRequest,
            ClassifierVersionsListResponse,
            ClassifiersCreateRequest,
            ClassifiersListResponse,
            ClassifiersUpdateRequest,
            ClassifyRequest,
            ClassifyRun,
            ClassifyRunsCreateBatchRequest,
            ClassifyRunsCreateRequest,
            ClassifyRunsDeleteResponse,
            ClassifyRunsListResponse,
            DetectFormRequest,
            EditRequest,
            EditRun,
            EditRunsCreateRequest,
            EditRunsDeleteResponse,
            EditSchemaGenerationResponse,
            EditSchemasGenerateRequest,
            EditTemplate,
            EvaluationSet,
            EvaluationSetItem,
            EvaluationSetItemsCreateRequest,
            EvaluationSetItemsCreateResponse,
            EvaluationSetItemsDeleteResponse,
            EvaluationSetItemsListResponse,
            EvaluationSetItemsUpdateRequest,
            EvaluationSetRun,
            EvaluationSetRunsCreateRequest,
            EvaluationSetsCreateRequest,
            EvaluationSetsListResponse,
            ExtractRequest,
            ExtractRun,
            ExtractRunsCreateBatchRequest,
            ExtractRunsCreateRequest,
            ExtractRunsDeleteResponse,
            ExtractRunsListResponse,
            Extractor,
            ExtractorVersion,
            ExtractorVersionsCreateRequest,
            ExtractorVersionsListResponse,
            ExtractorsCreateRequest,
            ExtractorsListResponse,
            ExtractorsUpdateRequest,
            File,
            FilesDeleteResponse,
            FilesListResponse,
            FormDetectionRun,
            FormDetectionRunsCreateRequest,
            LegacyListProcessorsResponse,
            ParseRequest,
            ParseRun,
            ParseRunsCreateBatchRequest,
            ParseRunsCreateRequest,
            ParseRunsDeleteResponse,
            ParseRunsListResponse,
            ProcessorCreateRequest,
            ProcessorCreateResponse,
            ProcessorRunCancelResponse,
            ProcessorRunCreateRequest,
            ProcessorRunCreateResponse,
            ProcessorRunDeleteResponse,
            ProcessorRunGetResponse,
            ProcessorRunListResponse,
            ProcessorUpdateRequest,
            ProcessorUpdateResponse,
            ProcessorVersionCreateRequest,
            ProcessorVersionCreateResponse,
            ProcessorVersionGetResponse,
            ProcessorVersionListResponse,
            SplitRequest,
            SplitRun,
            SplitRunsCreateBatchRequest,
            SplitRunsCreateRequest,
            SplitRunsDeleteResponse,
            SplitRunsListResponse,
            Splitter,
            SplitterVersion,
            SplitterVersionsCreateRequest,
            SplitterVersionsListResponse,
            SplittersCreateRequest,
            SplittersListResponse,
            SplittersUpdateRequest,
            WebhookEndpoint,
            WebhookEndpointCreate,
            WebhookEndpointsCreateRequest,
            WebhookEndpointsDeleteResponse,
            WebhookEndpointsListResponse,
            WebhookEndpointsUpdateRequest,
            WebhookSubscription,
            WebhookSubscriptionsCreateRequest,
            WebhookSubscriptionsDeleteResponse,
            WebhookSubscriptionsListResponse,
            WebhookSubscriptionsUpdateRequest,
            Workflow,
            WorkflowRun,
            WorkflowRunsCreateBatchRequest,
            WorkflowRunsCreateBatchResponse,
            WorkflowRunsCreateRequest,
            WorkflowRunsDeleteResponse,
            WorkflowRunsListResponse,
            WorkflowRunsUpdateRequest,
            WorkflowVersion,
            WorkflowVersionsCreateRequest,
            WorkflowVersionsListResponse,
            WorkflowsCreateRequest,
            WorkflowsListResponse,
            WorkflowsUpdateRequest,

        )
        .unwrap_or_else(|| panic!("{pointer}: add `{schema}` to the round trips of this test"));
        // An example that only a catch-all reads (an unknown enum value, a union member that
        // matches no form) or that has properties the schema does not describe documents
        // something the types do not.
        for catch_all in ["Other(", "Unknown(", "additional_properties: {\""] {
            if typed.contains(catch_all) {
                through_catch_all.push(format!("{pointer} ({schema}, {catch_all}): {typed}"));
            }
        }
        seen.insert(schema.as_str());
    }
    assert!(
        through_catch_all.is_empty(),
        "examples read through a catch-all: {through_catch_all:#?}"
    );
    // An example for every request body and answer of the 109 operations that has one.
    assert_eq!(examples.len(), 153, "examples found");
    assert_eq!(seen.len(), 111, "{seen:?}");
}

#[test]
fn the_seed_example_parses_into_typed_outputs() {
    let response: UpdateWorkflowRunResponse =
        round_trip("seed example", &response_example("processedExtractRun"));
    assert!(response.success);
    let run = &response.workflow_run;
    assert_eq!(run.id, "workflow_run_1234");
    assert_eq!(run.status, WorkflowRunStatus::Processed);
    assert_eq!(run.object, WorkflowRunObject::WorkflowRun);
    assert_eq!(run.initial_run_at.to_rfc3339(), "2023-01-01T09:41:00+00:00");
    assert_eq!(run.reviewed_at.unwrap().timestamp_subsec_millis(), 500);
    assert_eq!(run.reviewed_by.as_deref(), Some("user_1234"));
    assert_eq!(
        run.metadata.as_ref().unwrap().additional_properties["internal_id"],
        "id_1234"
    );
    assert_eq!(run.files[0].name, "example_file_name.pdf");
    assert_eq!(run.workflow.version, "1");

    let DocumentProcessorRun::Extract(extract) = &run.outputs[0] else {
        panic!("expected an EXTRACT run, got {:?}", run.outputs[0]);
    };
    assert!(extract.edited);
    assert_eq!(run.outputs[0].tag(), Some("EXTRACT"));
    let Some(ExtractOutput::JsonSchemaExtractOutput(initial)) = &extract.initial_output else {
        panic!(
            "expected a JSON-schema output, got {:?}",
            extract.initial_output
        );
    };
    assert_eq!(initial.value["invoice_number"], "36995");
    let amount = &initial.metadata["amount"];
    assert_eq!(amount.ocr_confidence, Some(0.992));
    let citation = &amount.citations.as_ref().unwrap()[0];
    assert_eq!(citation.reference_text.as_deref(), Some("TOTAL $15,735.1"));
    assert_eq!(citation.polygon.as_ref().unwrap()[1].x, 467.2728);
    assert_eq!(
        amount.insights.as_ref().unwrap()[0].type_,
        Some(InsightType::Reasoning)
    );
}

#[test]
fn the_full_example_parses_every_output_kind_into_its_type() {
    let response: UpdateWorkflowRunResponse =
        round_trip("full example", &response_example("fullRun"));
    let run = response.workflow_run;
    assert_eq!(run.batch_id.as_deref(), Some("batch_7Ws31-F5"));
    assert_eq!(
        run.metadata.unwrap().extend_usage_tags,
        Some(vec!["team-finance".to_owned()])
    );
    assert_eq!(run.files[0].type_, Some(FileType::Pdf));
    assert_eq!(
        run.files[1]
            .metadata
            .as_ref()
            .unwrap()
            .parent_split
            .as_ref()
            .unwrap()
            .end_page,
        Some(3)
    );
    assert_eq!(
        run.files[2]
            .contents
            .as_ref()
            .unwrap()
            .sheets
            .as_ref()
            .unwrap()[0]
            .sheet_name
            .as_deref(),
        Some("Balances")
    );

    let DocumentProcessorRun::Classify(classify) = &run.outputs[0] else {
        panic!("expected CLASSIFY, got {:?}", run.outputs[0]);
    };
    assert_eq!(classify.output.as_ref().unwrap().confidence, Some(0.97));
    assert_eq!(
        classify.reviewed_output, None,
        "an explicit null reads as absent"
    );

    let DocumentProcessorRun::Splitter(splitter) = &run.outputs[1] else {
        panic!("expected SPLITTER, got {:?}", run.outputs[1]);
    };
    let split = &splitter.output.as_ref().unwrap().splits.as_ref().unwrap()[0];
    assert_eq!((split.start_page, split.end_page), (Some(1), Some(3)));

    let DocumentProcessorRun::Extract(legacy) = &run.outputs[2] else {
        panic!("expected EXTRACT, got {:?}", run.outputs[2]);
    };
    let Some(ExtractOutput::LegacyExtractOutput(fields)) = &legacy.output else {
        panic!("expected a fields-array output, got {:?}", legacy.output);
    };
    let field = &fields["account_number"];
    assert_eq!(field.type_, LegacyFieldType::String);
    assert_eq!(
        field.value,
        Some(LegacyFieldValue::String("ACME-2024".to_owned()))
    );
    assert_eq!(
        legacy.edits.as_ref().unwrap()["account_number"].page,
        Some(1.0)
    );
    assert_eq!(
        legacy.merged_processors.as_ref().unwrap()[0]
            .processor_id
            .as_deref(),
        Some("dp_2004")
    );

    let step = &run.step_runs.unwrap()[0];
    assert_eq!(step.step.type_, Some(WorkflowStepType::RuleValidation));
    let Some(StepRunOutput::RuleValidationOutput(rules)) = &step.output else {
        panic!("expected rule results, got {:?}", step.output);
    };
    assert_eq!(
        rules.rules[0].valid_array,
        Some(vec!["true".to_owned(), "true".to_owned()])
    );
}

#[test]
fn a_freshly_created_run_full_of_nulls_parses() {
    let response: UpdateWorkflowRunResponse =
        round_trip("pending example", &response_example("pendingRun"));
    let run = response.workflow_run;
    assert_eq!(run.status, WorkflowRunStatus::Pending);
    assert_eq!(
        (run.start_time, run.end_time, run.reviewed_at),
        (None, None, None)
    );
    assert_eq!(
        (run.name, run.batch_id, run.reviewed_by),
        (None, None, None)
    );
    // Microseconds and a numeric offset, as the live API writes them.
    assert_eq!(
        run.initial_run_at.to_rfc3339(),
        "2025-05-12T21:34:54.455+00:00"
    );
    let file = &run.files[0];
    assert_eq!((&file.presigned_url, &file.contents), (&None, &None));
    let metadata = file.metadata.as_ref().unwrap();
    assert_eq!((metadata.page_count, &metadata.parent_split), (None, &None));
    assert!(run.outputs.is_empty());
}

#[test]
fn unfinished_processor_runs_have_null_outputs() {
    let response: UpdateWorkflowRunResponse =
        round_trip("processing example", &response_example("processingRun"));
    let run = response.workflow_run;
    assert_eq!(run.status, WorkflowRunStatus::Processing);
    assert_eq!(
        run.start_time.unwrap().timestamp_subsec_micros(),
        250_731,
        "microseconds are kept"
    );
    assert_eq!(
        run.files[0].metadata.as_ref().unwrap().page_count,
        Some(2.0)
    );
    let DocumentProcessorRun::Extract(extract) = &run.outputs[1] else {
        panic!("expected EXTRACT, got {:?}", run.outputs[1]);
    };
    assert_eq!(extract.status, Some(ProcessorRunStatus::Processing));
    assert_eq!(
        (
            &extract.output,
            &extract.initial_output,
            &extract.reviewed_output
        ),
        (&None, &None, &None)
    );
    let DocumentProcessorRun::Splitter(splitter) = &run.outputs[2] else {
        panic!("expected SPLITTER, got {:?}", run.outputs[2]);
    };
    assert_eq!(splitter.status, Some(ProcessorRunStatus::Pending));
    assert_eq!(splitter.output, None);
}

#[test]
fn failed_and_cancelled_runs_parse() {
    let failed: UpdateWorkflowRunResponse =
        round_trip("failed example", &response_example("failedRun"));
    let run = failed.workflow_run;
    assert_eq!(run.status, WorkflowRunStatus::Failed);
    assert_eq!(run.failure_reason.as_deref(), Some("FILE_PARSE_ERROR"));
    let DocumentProcessorRun::Extract(extract) = &run.outputs[0] else {
        panic!("expected EXTRACT, got {:?}", run.outputs[0]);
    };
    assert_eq!(extract.status, Some(ProcessorRunStatus::Failed));
    assert!(extract.failure_message.is_some() && extract.output.is_none());

    let cancelled: UpdateWorkflowRunResponse =
        round_trip("cancelled example", &response_example("cancelledRun"));
    let run = cancelled.workflow_run;
    assert_eq!(run.status, WorkflowRunStatus::Cancelled);
    assert!(run.end_time.unwrap() > run.start_time.unwrap());
    assert_eq!(
        run.outputs[0].tag(),
        Some("EXTRACT"),
        "a cancelled processor run keeps its kind"
    );
}
