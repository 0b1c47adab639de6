//! Update Workflow Run in both API versions, against wiremock: each version's client sends its
//! own `x-extend-api-version` and reads its own answer (an envelope in 2025-04-21, the run
//! itself in 2026-02-09), with the answers taken from each spec's own example. And uploads,
//! from bytes and from a file on disk: a multipart body that a multipart parser reads back.

use crate::common::client_of;
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
    let request = WorkflowRunsUpdateRequest::new()
        .with_name("March invoices")
        .with_metadata(metadata());
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
    let mut fields = WorkflowRunMetadata::new();
    fields.additional_properties = metadata();
    let request = UpdateWorkflowRunRequest::new()
        .with_name("March invoices")
        .with_metadata(fields);
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
    let (name, file_name, media_type, bytes) = only_part(sent).await;
    assert_eq!(name, "file");
    assert_eq!(file_name, "invoice 0042.pdf");
    assert_eq!(media_type, "application/pdf");
    assert!(bytes == content, "the bytes as they were");
}

/// The one part of a multipart request, read back by `multer`: its name, file name, media
/// type and bytes.
async fn only_part(sent: &wiremock::Request) -> (String, String, String, Vec<u8>) {
    let content_type = sent.headers["content-type"].to_str().unwrap();
    let boundary = multer::parse_boundary(content_type).unwrap();
    let body = bytes::Bytes::from(sent.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut parts = multer::Multipart::new(stream, boundary);
    let part = parts.next_field().await.unwrap().expect("a file part");
    let described = (
        part.name().unwrap().to_owned(),
        part.file_name().unwrap().to_owned(),
        part.content_type().unwrap().to_string(),
    );
    let bytes = part.bytes().await.unwrap().to_vec();
    assert!(parts.next_field().await.unwrap().is_none(), "one part only");
    (described.0, described.1, described.2, bytes)
}

#[tokio::test]
async fn an_upload_streams_a_file_from_disk_again_on_each_attempt() {
    use extend_client::models::v2026_02_09::{FileUpload, UploadFileBody};
    use extend_client::v2026_02_09::Client;

    let server = MockServer::start().await;
    let uploaded = answer(&xtask::codegen::layout::CURRENT, "/files/upload");
    // The first attempt meets a 503, so the body must be sent whole a second time.
    Mock::given(method("POST"))
        .and(path("/files/upload"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/files/upload"))
        .respond_with(ResponseTemplate::new(200).set_body_json(uploaded.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let client: Client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(1)
        .retry_backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(1),
        )
        .build()
        .unwrap();
    // Larger than one read block of the body, and every byte value.
    let content: Vec<u8> = (0..=255u8).cycle().take(200_001).collect();
    let folder = std::env::temp_dir().join(format!("extend-upload-{}", std::process::id()));
    std::fs::create_dir_all(&folder).unwrap();
    let on_disk = folder.join("Invoice 0042.PDF");
    std::fs::write(&on_disk, &content).unwrap();
    let answer = client
        .upload_file(&UploadFileBody::new(FileUpload::from_path(&on_disk)))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.id, uploaded["id"]);

    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2, "one attempt and one retry");
    for request in &sent {
        let length = request.headers["content-length"].to_str().unwrap();
        assert_eq!(length, request.body.len().to_string());
        let (name, file_name, media_type, bytes) = only_part(request).await;
        assert_eq!(name, "file");
        assert_eq!(file_name, "Invoice 0042.PDF");
        assert_eq!(media_type, "application/pdf");
        assert!(bytes == content, "the file's bytes, whole");
    }

    // A file that is not there is named in a typed error, and nothing is sent.
    let missing = folder.join("missing.pdf");
    let error = client
        .upload_file(&UploadFileBody::new(FileUpload::from_path(&missing)))
        .send()
        .await
        .unwrap_err();
    match &error {
        extend_client::Error::File { path, source, .. } => {
            assert_eq!(path, &missing);
            assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
        }
        other => panic!("not a file error: {other}"),
    }
    assert!(error.to_string().contains("missing.pdf"), "{error}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    std::fs::remove_dir_all(folder).unwrap();
}
