//! Update Workflow Run in both API versions, against wiremock: each version's client sends its
//! own `x-extend-api-version` and reads its own answer (an envelope in 2025-04-21, the run
//! itself in 2026-02-09), with the answers taken from each spec's own example. And an upload:
//! a multipart body that a multipart parser reads back.

use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The first example of the 200 answer of `POST path` in a version's spec.
fn answer(version: &xtask::codegen::layout::ApiVersion, path: &str) -> Value {
    let text = std::fs::read_to_string(xtask::workspace_root().join(version.spec())).unwrap();
    let spec: Value = serde_yaml_ng::from_str(&text).unwrap();
    let examples =
        &spec["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]["examples"];
    let (_, first) = examples.as_object().unwrap().iter().next().unwrap();
    first["value"].clone()
}

fn update_answer(version: &xtask::codegen::layout::ApiVersion) -> Value {
    answer(version, "/workflow_runs/{id}")
}

async fn server_for(api_version: &str, answer: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/workflow_runs/workflow_run_1"))
        .and(header("x-extend-api-version", api_version))
        .and(body_json(
            json!({ "name": "March invoices", "metadata": { "customerId": "cust_7" } }),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(answer))
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// A client of either version, pointed at `server`.
fn client_of<A: extend_client::runtime::ApiSpec>(
    server: &MockServer,
) -> extend_client::runtime::Client<A> {
    extend_client::runtime::Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .build()
        .unwrap()
}

fn metadata() -> serde_json::Map<String, Value> {
    json!({ "customerId": "cust_7" })
        .as_object()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn the_current_version_sends_its_header_and_reads_the_run_itself() {
    use extend_client::models::v2026_02_09::{WorkflowRunStatus, WorkflowRunsUpdateRequest};
    use extend_client::v2026_02_09::{Client, API_VERSION};

    assert_eq!(API_VERSION, "2026-02-09");
    let answer = update_answer(&xtask::codegen::layout::CURRENT);
    let server = server_for("2026-02-09", answer.clone()).await;
    let client: Client = client_of(&server);
    let request = WorkflowRunsUpdateRequest {
        name: Some("March invoices".into()),
        metadata: Some(metadata()),
        ..Default::default()
    };
    let run = client
        .update_workflow_run("workflow_run_1", &request)
        .send()
        .await
        .unwrap();
    assert_eq!(run.id, answer["id"]);
    assert_eq!(run.status, WorkflowRunStatus::Processed);
    assert_eq!(run.metadata["customerId"], "cust_7");
    assert_eq!(run.reviewed_by_user, None);
    // The crate root is the current version.
    let _: extend_client::Client = client;
}

#[tokio::test]
async fn the_version_before_sends_its_header_and_reads_the_envelope() {
    use extend_client::models::v2025_04_21::{UpdateWorkflowRunRequest, WorkflowRunMetadata};
    use extend_client::v2025_04_21::{Client, API_VERSION};

    assert_eq!(API_VERSION, "2025-04-21");
    let answer = update_answer(&xtask::codegen::layout::VERSIONS[0]);
    let server = server_for("2025-04-21", answer.clone()).await;
    let client: Client = client_of(&server);
    let fields = WorkflowRunMetadata {
        additional_properties: metadata(),
        ..Default::default()
    };
    let request = UpdateWorkflowRunRequest {
        name: Some("March invoices".into()),
        metadata: Some(fields),
        ..Default::default()
    };
    let response = client
        .update_workflow_run("workflow_run_1", &request)
        .send()
        .await
        .unwrap();
    assert!(response.success);
    assert_eq!(response.workflow_run.id, answer["workflowRun"]["id"]);
}

#[tokio::test]
async fn an_upload_is_a_multipart_body_that_a_parser_reads_back() {
    use extend_client::models::v2026_02_09::{FileUpload, UploadFileBody};
    use extend_client::v2026_02_09::Client;

    let server = MockServer::start().await;
    let uploaded = answer(&xtask::codegen::layout::CURRENT, "/files/upload");
    Mock::given(method("POST"))
        .and(path("/files/upload"))
        .and(header("x-extend-api-version", "2026-02-09"))
        .respond_with(ResponseTemplate::new(200).set_body_json(uploaded.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let client: Client = client_of(&server);
    // Every byte value, so that nothing is read as text on the way.
    let content: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let file = FileUpload::new(content.clone())
        .with_name("invoice 0042.pdf")
        .with_media_type("application/pdf");
    let answer = client
        .upload_file(&UploadFileBody::new(file))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.id, uploaded["id"]);

    let sent = &server.received_requests().await.unwrap()[0];
    let content_type = sent.headers["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let body = bytes::Bytes::from(sent.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut parts = multer::Multipart::new(stream, boundary);
    let part = parts.next_field().await.unwrap().expect("a file part");
    assert_eq!(part.name(), Some("file"));
    assert_eq!(part.file_name(), Some("invoice 0042.pdf"));
    assert_eq!(
        part.content_type().map(ToString::to_string).as_deref(),
        Some("application/pdf")
    );
    assert_eq!(part.bytes().await.unwrap(), content);
    assert!(parts.next_field().await.unwrap().is_none(), "one part only");
}
