//! The webhook events of API version 2026-02-09: a webhook endpoint and a subscription are
//! created through the generated client, then one change per event type the mock can cause;
//! every delivery is verified by `extend-webhooks` and read as the typed `WebhookEvent`.

use crate::current_runs::start;
use crate::receiver::receiver;
use axum::body::Bytes;
use axum::http::HeaderMap;
use extend_client::models::v2026_02_09::{
    ClassifierVersionsCreateRequest, ClassifiersCreateRequest, ClassifiersUpdateRequest,
    ClassifyRunsCreateBatchRequest, ClassifyRunsCreateRequest, EditRunsCreateRequest,
    ExtractRunsCreateBatchRequest, ExtractRunsCreateRequest, ExtractorVersionsCreateRequest,
    ExtractorsCreateRequest, ExtractorsUpdateRequest, ParseRunsCreateBatchRequest,
    ParseRunsCreateRequest, SplitRunsCreateRequest, SplitterVersionsCreateRequest,
    SplittersCreateRequest, SplittersUpdateRequest, WebhookEndpointsCreateRequest, WebhookEvent,
    WebhookSubscriptionsCreateRequest, WorkflowRunsCreateRequest, WorkflowVersionsCreateRequest,
    WorkflowsCreateRequest,
};
use extend_mock::v2026_02_09::FAIL_KEY;
use extend_webhooks::Verifier;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// Every event type of the spec the mock causes, with what causes it (the test below, in
/// order). Not caused: `*.deleted` (the API deletes no definition), `workflow_run.needs_review`,
/// `.rejected` and `.step_run.processed` (no human review or steps), `edit_run.failed` (an edit
/// run has no metadata to ask with).
const CAUSED: &[&str] = &[
    "extractor.created",
    "extractor.updated",
    "extractor.draft.updated",
    "extractor.version.published",
    "classifier.created",
    "classifier.updated",
    "classifier.draft.updated",
    "classifier.version.published",
    "splitter.created",
    "splitter.updated",
    "splitter.draft.updated",
    "splitter.version.published",
    "workflow.created",
    "workflow.deployed",
    "extract_run.processed",
    "extract_run.failed",
    "classify_run.processed",
    "classify_run.failed",
    "split_run.processed",
    "split_run.failed",
    "parse_run.processed",
    "parse_run.failed",
    "edit_run.processed",
    "workflow_run.completed",
    "workflow_run.failed",
    "workflow_run.cancelled",
    "batch_processor_run.processed",
    "batch_processor_run.failed",
    "batch_parse_run.processed",
    "batch_parse_run.failed",
];

/// A request body as the generated type reads it.
fn body<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("a request of the spec")
}

fn failing() -> Value {
    json!({ FAIL_KEY: "FAILED" })
}

/// Verifies and reads deliveries until every type of `expected` has come (30 s at most).
async fn receive(
    received: &mut UnboundedReceiver<(HeaderMap, Bytes)>,
    secret: &str,
    expected: &BTreeSet<&str>,
) -> Vec<WebhookEvent> {
    let verifier = Verifier::new(secret);
    let mut events: Vec<WebhookEvent> = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !expected
        .iter()
        .all(|t| events.iter().any(|e| e.tag() == Some(t)))
    {
        let (headers, body) = tokio::time::timeout_at(deadline, received.recv())
            .await
            .unwrap_or_else(|_| {
                let got: Vec<_> = events.iter().filter_map(WebhookEvent::tag).collect();
                panic!("30 s passed; received {got:?}")
            })
            .expect("the receiver runs");
        let event: WebhookEvent = verifier
            .verify(&headers, &body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
        assert!(
            !matches!(event, WebhookEvent::Unknown(_)),
            "an event type the spec does not have: {}",
            String::from_utf8_lossy(&body)
        );
        events.push(event);
    }
    events
}

#[tokio::test]
async fn every_event_the_mock_causes_is_signed_and_reads_as_its_typed_event() {
    let (url, mut received) = receiver().await;
    let (server, client, clock) = start().await;

    // Definition and run events go to an endpoint that names them; a workflow's run events
    // to a subscription to that workflow.
    let (endpoint_types, run_types): (Vec<&str>, Vec<&str>) =
        CAUSED.iter().partition(|t| !t.starts_with("workflow_run."));
    let endpoint = client
        .create_webhook_endpoint(&body::<WebhookEndpointsCreateRequest>(json!({
            "url": url, "name": "Everything", "enabledEvents": endpoint_types,
            "apiVersion": "2026-02-09",
        })))
        .send()
        .await
        .unwrap();
    let secret = endpoint.signing_secret.clone();
    // The secret is only in the create's answer.
    let read = client
        .get_webhook_endpoint(&endpoint.id)
        .send()
        .await
        .unwrap();
    assert!(!serde_json::to_string(&read).unwrap().contains(&secret));

    let extractor = client
        .create_extractor(&ExtractorsCreateRequest::new("Invoices"))
        .send()
        .await
        .unwrap();
    let update: ExtractorsUpdateRequest = body(json!({ "config": { "schema": {
        "type": "object", "properties": { "total": { "type": "number" } } } } }));
    client
        .update_extractor(&extractor.id, &update)
        .send()
        .await
        .unwrap();
    let version: ExtractorVersionsCreateRequest = body(json!({ "releaseType": "major" }));
    client
        .create_extractor_version(&extractor.id, &version)
        .send()
        .await
        .unwrap();
    let classifier = client
        .create_classifier(&ClassifiersCreateRequest::new("Kinds"))
        .send()
        .await
        .unwrap();
    let update: ClassifiersUpdateRequest = body(json!({ "config": { "classifications": [
        { "id": "inv", "type": "invoice", "description": "An invoice" } ] } }));
    client
        .update_classifier(&classifier.id, &update)
        .send()
        .await
        .unwrap();
    let version: ClassifierVersionsCreateRequest = body(json!({ "releaseType": "minor" }));
    client
        .create_classifier_version(&classifier.id, &version)
        .send()
        .await
        .unwrap();
    let splitter = client
        .create_splitter(&SplittersCreateRequest::new("Pages"))
        .send()
        .await
        .unwrap();
    let update: SplittersUpdateRequest = body(json!({ "config": { "splitClassifications": [
        { "id": "inv", "type": "invoice", "description": "An invoice" } ] } }));
    client
        .update_splitter(&splitter.id, &update)
        .send()
        .await
        .unwrap();
    let version: SplitterVersionsCreateRequest = body(json!({ "releaseType": "major" }));
    client
        .create_splitter_version(&splitter.id, &version)
        .send()
        .await
        .unwrap();
    let workflow = client
        .create_workflow(&WorkflowsCreateRequest::new("Invoices"))
        .send()
        .await
        .unwrap();
    let version: WorkflowVersionsCreateRequest = body(json!({ "name": "First" }));
    client
        .create_workflow_version(&workflow.id, &version)
        .send()
        .await
        .unwrap();
    client
        .create_webhook_subscription(&body::<WebhookSubscriptionsCreateRequest>(json!({
            "webhookEndpointId": endpoint.id, "resourceType": "workflow",
            "resourceId": workflow.id, "enabledEvents": run_types,
        })))
        .send()
        .await
        .unwrap();

    // Each kind of run, once to its end and once asked to fail (an edit run cannot be).
    let file = json!({ "url": "https://files.example.com/invoice.pdf" });
    for metadata in [json!({}), failing()] {
        let extract: ExtractRunsCreateRequest = body(json!({
            "extractor": { "id": extractor.id }, "file": file, "metadata": metadata }));
        client.create_extract_run(&extract).send().await.unwrap();
        let classify: ClassifyRunsCreateRequest = body(json!({
            "classifier": { "id": classifier.id }, "file": file, "metadata": metadata }));
        client.create_classify_run(&classify).send().await.unwrap();
        let split: SplitRunsCreateRequest = body(json!({
            "splitter": { "id": splitter.id }, "file": file, "metadata": metadata }));
        client.create_split_run(&split).send().await.unwrap();
        let parse: ParseRunsCreateRequest = body(json!({ "file": file, "metadata": metadata }));
        client.create_parse_run(&parse).send().await.unwrap();
        let workflow_run: WorkflowRunsCreateRequest = body(json!({
            "workflow": { "id": workflow.id }, "file": file, "metadata": metadata }));
        client
            .create_workflow_run(&workflow_run)
            .send()
            .await
            .unwrap();
    }
    let edit: EditRunsCreateRequest = body(json!({ "file": file }));
    client.create_edit_run(&edit).send().await.unwrap();
    let cancelled: WorkflowRunsCreateRequest =
        body(json!({ "workflow": { "id": workflow.id }, "file": file }));
    let cancelled = client.create_workflow_run(&cancelled).send().await.unwrap();
    client
        .cancel_workflow_run(&cancelled.id)
        .send()
        .await
        .unwrap();
    // Batches: one that ends processed and one with a run that fails, of each event kind.
    let extract_batch: ExtractRunsCreateBatchRequest = body(json!({
        "extractor": { "id": extractor.id }, "inputs": [{ "file": file }, { "file": file }] }));
    client
        .create_extract_run_batch(&extract_batch)
        .send()
        .await
        .unwrap();
    let classify_batch: ClassifyRunsCreateBatchRequest = body(json!({
        "classifier": { "id": classifier.id },
        "inputs": [{ "file": file }, { "file": file, "metadata": failing() }] }));
    client
        .create_classify_run_batch(&classify_batch)
        .send()
        .await
        .unwrap();
    for inputs in [
        json!([{ "file": file }]),
        json!([{ "file": file, "metadata": failing() }]),
    ] {
        let parse_batch: ParseRunsCreateBatchRequest = body(json!({ "inputs": inputs }));
        client
            .create_parse_run_batch(&parse_batch)
            .send()
            .await
            .unwrap();
    }
    // The runs end without another request: the mock posts as its clock moves.
    clock.advance(Duration::from_secs(3));

    let expected: BTreeSet<&str> = CAUSED.iter().copied().collect();
    let events = receive(&mut received, &secret, &expected).await;
    let types: BTreeSet<&str> = events.iter().filter_map(WebhookEvent::tag).collect();
    assert_eq!(types, expected);
    // A few payloads, read typed: each event names what it is about.
    for event in &events {
        match event {
            WebhookEvent::ExtractorVersionPublished(e) => {
                assert_eq!(e.payload.extractor_id, extractor.id);
            }
            WebhookEvent::WorkflowDeployed(e) => assert_eq!(e.payload.id, workflow.id),
            WebhookEvent::WorkflowRunCancelled(e) => assert_eq!(e.payload.id, cancelled.id),
            WebhookEvent::ExtractRunFailed(e) => {
                assert_eq!(e.payload.failure_reason.as_deref(), Some("MOCK_FAILURE"));
            }
            _ => {}
        }
    }
    // The mock's own record, written once the receiver has answered: every delivery
    // answered 200 at the endpoint's URL.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let deliveries = loop {
        let deliveries = server.mock().current().webhook_deliveries();
        if deliveries.len() >= events.len() || tokio::time::Instant::now() > deadline {
            break deliveries;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert!(deliveries.len() >= events.len());
    assert!(deliveries
        .iter()
        .all(|d| d.outcome == Ok(200) && d.url == url));
}
