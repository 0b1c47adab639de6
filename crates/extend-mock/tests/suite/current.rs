//! API version 2026-02-09 against the mock, through the generated client: the objects the
//! spec's examples show are there from the start, and creating, reading, listing over pages,
//! updating, cancelling and deleting change the store as the API does. Requests that name
//! 2025-04-21 still reach that version.

use extend_client::models::v2026_02_09::{
    ExtractRunsCreateRequest, ExtractRunsCreateRequestExtractor, ExtractRunsCreateRequestFile,
    FileFromId, FileFromUrl, FileUpload, ProcessorRunStatus, UploadFileBody,
    WorkflowRunsUpdateRequest,
};
use extend_client::v2026_02_09::{Client, Error};
use extend_mock::{ExtendMock, MockServer, Store, DEFAULT_API_KEY};

/// The seeded extract run and workflow run of the spec's examples.
const SEEDED_EXTRACT_RUN: &str = "exr_Bq3vT8xW2nLk";
const SEEDED_WORKFLOW_RUN: &str = "workflow_run_Bq3vT8xW2nLk";
const SEEDED_EXTRACTOR: &str = "ex_Bq3vT8xW2nLk";

async fn start() -> (MockServer, Client) {
    let server = MockServer::start(ExtendMock::new(DEFAULT_API_KEY, Store::new()))
        .await
        .unwrap();
    let client = Client::builder()
        .api_key(DEFAULT_API_KEY)
        .base_url(server.url())
        .build()
        .unwrap();
    (server, client)
}

fn extract_request(url: &str) -> ExtractRunsCreateRequest {
    ExtractRunsCreateRequest::new()
        .with_extractor(ExtractRunsCreateRequestExtractor::new(SEEDED_EXTRACTOR))
        .with_file(ExtractRunsCreateRequestFile::FileFromUrl(FileFromUrl::new(
            url,
        )))
}

#[tokio::test]
async fn the_examples_objects_are_there_to_read() {
    let (_server, client) = start().await;
    let run = client
        .get_extract_run(SEEDED_EXTRACT_RUN)
        .send()
        .await
        .unwrap();
    assert_eq!(run.id, SEEDED_EXTRACT_RUN);
    let workflow_run = client
        .get_workflow_run(SEEDED_WORKFLOW_RUN)
        .send()
        .await
        .unwrap();
    assert_eq!(workflow_run.id, SEEDED_WORKFLOW_RUN);
    let error = client.get_extract_run("exr_nope").send().await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
}

#[tokio::test]
async fn a_run_naming_a_file_or_extractor_that_is_not_there_is_a_404() {
    let (_server, client) = start().await;
    let unknown_extractor = extract_request("https://example.com/a.pdf")
        .with_extractor(ExtractRunsCreateRequestExtractor::new("ex_nope"));
    let unknown_file = extract_request("https://example.com/a.pdf").with_file(
        ExtractRunsCreateRequestFile::FileFromId(FileFromId::new("file_nope")),
    );
    for (request, named) in [(unknown_extractor, "ex_nope"), (unknown_file, "file_nope")] {
        let error = client
            .create_extract_run(&request)
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
        assert!(error.to_string().contains(named), "{error}");
    }
}

#[tokio::test]
async fn created_runs_are_read_listed_over_pages_cancelled_and_deleted() {
    let (_server, client) = start().await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let request = extract_request(&format!("https://files.example.com/{n}.pdf"));
        let run = client.create_extract_run(&request).send().await.unwrap();
        assert_eq!(run.status, ProcessorRunStatus::Pending);
        assert!(!ids.contains(&run.id), "ids are new");
        ids.push(run.id);
    }
    let read = client.get_extract_run(&ids[1]).send().await.unwrap();
    assert_eq!(read.id, ids[1]);

    // Newest first, one per page, then the seeded run.
    let listed = client
        .list_extract_runs()
        .max_page_size(1)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let listed: Vec<String> = listed.into_iter().map(|r| r.id).collect();
    let expected = [&ids[2], &ids[1], &ids[0], SEEDED_EXTRACT_RUN];
    assert_eq!(listed, expected.map(str::to_owned));

    let cancelled = client.cancel_extract_run(&ids[0]).send().await.unwrap();
    assert_eq!(cancelled.status, ProcessorRunStatus::Cancelled);
    let again = client.cancel_extract_run(&ids[0]).send().await.unwrap_err();
    assert_eq!(again.status().map(|s| s.as_u16()), Some(400), "{again}");

    client.delete_extract_run(&ids[0]).send().await.unwrap();
    let gone = client.get_extract_run(&ids[0]).send().await.unwrap_err();
    assert!(
        matches!(&gone, Error::Api(e) if e.status() == 404),
        "{gone}"
    );
}

#[tokio::test]
async fn update_workflow_run_merges_metadata_and_answers_the_run_itself() {
    let (_server, client) = start().await;
    let before = client
        .get_workflow_run(SEEDED_WORKFLOW_RUN)
        .send()
        .await
        .unwrap();
    let mut metadata = serde_json::Map::new();
    metadata.insert("customerId".into(), "cust_7".into());
    let request = WorkflowRunsUpdateRequest::new().with_metadata(metadata);
    let run = client
        .update_workflow_run(SEEDED_WORKFLOW_RUN, &request)
        .send()
        .await
        .unwrap();
    let kept = serde_json::to_value(&run.metadata).unwrap();
    assert_eq!(kept["customerId"], "cust_7");
    // The keys it had stay.
    for (key, value) in serde_json::to_value(&before.metadata)
        .unwrap()
        .as_object()
        .into_iter()
        .flatten()
    {
        assert_eq!(&kept[key], value, "{key}");
    }
}

#[tokio::test]
async fn an_uploaded_file_is_stored_under_its_name() {
    let (server, client) = start().await;
    let upload = UploadFileBody::new(
        FileUpload::new(b"%PDF-1.7 invoice".to_vec())
            .with_name("invoice.pdf")
            .with_media_type("application/pdf"),
    );
    let file = client.upload_file(&upload).send().await.unwrap();
    assert_eq!(file.name, "invoice.pdf");
    let stored = server.mock().current().objects("/files");
    assert_eq!(stored[0]["id"], file.id.as_str());
    let read = client.get_file(&file.id).send().await.unwrap();
    assert_eq!(read.name, "invoice.pdf");
}

#[tokio::test]
async fn the_version_header_chooses_the_version() {
    let (server, _client) = start().await;
    let http = reqwest::Client::new();
    let get = |version: Option<&'static str>| {
        let mut request = http
            .get(format!(
                "{}/workflow_runs/{SEEDED_WORKFLOW_RUN}",
                server.url()
            ))
            .bearer_auth(DEFAULT_API_KEY);
        if let Some(version) = version {
            request = request.header("x-extend-api-version", version);
        }
        request.send()
    };
    // No header: the current version, which answers the run itself.
    let current = get(None).await.unwrap().text().await.unwrap();
    let current: serde_json::Value = serde_json::from_str(&current).unwrap();
    assert_eq!(current["id"], SEEDED_WORKFLOW_RUN);
    let named = get(Some("2026-02-09")).await.unwrap();
    assert_eq!(named.status(), 200);
    // 2025-04-21 has its own runs, in an envelope: this one is not among them.
    let older = get(Some("2025-04-21")).await.unwrap();
    assert_eq!(older.status(), 404);
    let unknown = get(Some("2024-12-23")).await.unwrap();
    assert_eq!(unknown.status(), 400);
    let text = unknown.text().await.unwrap();
    assert!(text.contains("2026-02-09"), "{text}");
}

#[tokio::test]
async fn creates_whose_example_answer_has_no_id_are_answered() {
    let (server, _client) = start().await;
    let http = reqwest::Client::new();
    for (path, body) in [
        (
            "/processors",
            r#"{"name": "Invoice 0042", "type": "EXTRACT"}"#,
        ),
        (
            "/processor_runs",
            r#"{"processorId": "processor_Bq3vT8xW2nLk", "file": {"fileId": "file_1"}}"#,
        ),
    ] {
        let response = http
            .post(format!("{}{path}", server.url()))
            .bearer_auth(DEFAULT_API_KEY)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{path}: the mock answers: {e}"));
        assert_eq!(response.status(), 200, "{path}");
    }
}
