//! The client end to end against `extend-mock`, the local server generated from the same
//! spec: typed calls, the documented update semantics, and typed errors for a wrong key, an
//! unknown run and a rejected body.

use extend_client::models::v2025_04_21::{
    UpdateWorkflowRunRequest, WorkflowRunMetadata, WorkflowRunStatus,
};
use extend_client::v2025_04_21::{Client, Error};
use extend_mock::{ExtendMock, MockServer, Store, DEFAULT_API_KEY};
use serde_json::json;

async fn start() -> MockServer {
    MockServer::start(ExtendMock::new(DEFAULT_API_KEY, Store::from_examples()))
        .await
        .expect("the mock starts")
}

fn client(server: &MockServer, key: &str) -> Client {
    Client::builder()
        .api_key(key)
        .base_url(server.url())
        .build()
        .expect("a client")
}

/// The `error` text of an API error's body.
fn message(error: &Error) -> &str {
    error
        .as_api()
        .and_then(|a| a.body())
        .and_then(|b| b.error.as_deref())
        .unwrap_or_else(|| panic!("expected an API error with a message, got {error:?}"))
}

fn metadata(value: serde_json::Value) -> WorkflowRunMetadata {
    serde_json::from_value(value).unwrap()
}

#[tokio::test]
async fn updates_a_seeded_run() {
    let server = start().await;
    let request = UpdateWorkflowRunRequest::new()
        .with_name("March invoices")
        .with_metadata(metadata(json!({
            "internal_id": "id_9", "extend:usage_tags": ["team finance", "q3_invoices"]
        })));
    let response = client(&server, DEFAULT_API_KEY)
        .update_workflow_run("workflow_run_1234", &request)
        .send()
        .await
        .expect("the update succeeds");
    assert!(response.success);
    let run = response.workflow_run;
    assert_eq!(run.id, "workflow_run_1234");
    assert_eq!(run.name.as_deref(), Some("March invoices"));
    assert_eq!(run.status, WorkflowRunStatus::Processed);
    let metadata = run.metadata.unwrap();
    assert_eq!(
        metadata.extend_usage_tags,
        Some(vec!["teamfinance".to_owned(), "q3_invoices".to_owned()])
    );
    assert_eq!(metadata.additional_properties["internal_id"], "id_9");
    assert_eq!(run.outputs.len(), 1);
}

#[tokio::test]
async fn successive_updates_merge_metadata() {
    let server = start().await;
    let client = client(&server, DEFAULT_API_KEY);
    for (key, value) in [("a", 1), ("b", 2), ("a", 3)] {
        let request =
            UpdateWorkflowRunRequest::new().with_metadata(metadata(json!({ key: value })));
        client
            .update_workflow_run("workflow_run_5678", &request)
            .send()
            .await
            .unwrap();
    }
    let run = client
        .update_workflow_run("workflow_run_5678", &UpdateWorkflowRunRequest::default())
        .send()
        .await
        .unwrap()
        .workflow_run;
    // An empty update changes nothing, and keys from every earlier update are there.
    assert_eq!(run.name.as_deref(), Some("March statements"));
    assert_eq!(
        serde_json::to_value(run.metadata.unwrap()).unwrap(),
        json!({ "internal_id": "id_5678", "extend:usage_tags": ["team-finance"], "a": 3, "b": 2 })
    );
}

#[tokio::test]
async fn a_wrong_key_is_an_api_error_401_without_retries() {
    let server = start().await;
    let error = client(&server, "sk_wrong")
        .update_workflow_run("workflow_run_1234", &UpdateWorkflowRunRequest::default())
        .send()
        .await
        .unwrap_err();
    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status().as_u16(), 401);
    assert_eq!(api.attempts(), 1);
    let message = api.body().and_then(|b| b.error.as_deref()).unwrap();
    assert!(message.starts_with("Unauthorized"), "{message}");
    assert!(!error.to_string().contains("sk_wrong"));
}

#[tokio::test]
async fn an_unknown_run_is_an_api_error_404() {
    let server = start().await;
    let error = client(&server, DEFAULT_API_KEY)
        .update_workflow_run("workflow_run_nope", &UpdateWorkflowRunRequest::default())
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(!error.is_retryable());
    let body_error = message(&error);
    assert!(body_error.contains("workflow_run_nope"), "{body_error}");
}

#[tokio::test]
async fn ids_with_reserved_characters_reach_the_server_as_one_segment() {
    let server = start().await;
    let error = client(&server, DEFAULT_API_KEY)
        .update_workflow_run("a/b?c#d", &UpdateWorkflowRunRequest::default())
        .send()
        .await
        .unwrap_err();
    // Encoded as one segment, the ID is looked up whole (and is unknown), not routed elsewhere.
    let body_error = message(&error);
    assert!(body_error.contains("`a/b?c#d`"), "{body_error}");
}
