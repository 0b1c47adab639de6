//! The job most users come for, end to end against the 2026-02-09 mock through the generated
//! client: upload a file, run an extractor (or a classifier) over it, wait, read the typed
//! output. Runs move on the mock's manual clock, and one asked to fail ends `FAILED`.

use chrono::{DateTime, Utc};
use extend_client::models::v2026_02_09::{
    Classification, ClassifyConfig, ClassifyRunsCreateRequest, ClassifyRunsCreateRequestFile,
    ExtractConfigJson, ExtractOutput, ExtractRunsCreateRequest, ExtractRunsCreateRequestExtractor,
    ExtractRunsCreateRequestFile, ExtractorsCreateRequest, FileFromId, FileUpload,
    ProcessorRunStatus, UploadFileBody,
};
use extend_client::runtime::PollOptions;
use extend_client::v2026_02_09::Client;
use extend_mock::{Clock, ExtendMock, MockServer, Store, DEFAULT_API_KEY};
use serde_json::json;
use std::time::Duration;

/// A mock with only the examples' objects, on a manual clock, and a client of it.
pub async fn start() -> (MockServer, Client, Clock) {
    let clock = Clock::manual(DateTime::<Utc>::from_timestamp(1_770_000_000, 0).unwrap());
    let mock = ExtendMock::new(DEFAULT_API_KEY, Store::new().with_clock(clock.clone()));
    let server = MockServer::start(mock).await.unwrap();
    let client = Client::builder()
        .api_key(DEFAULT_API_KEY)
        .base_url(server.url())
        .build()
        .unwrap();
    (server, client, clock)
}

/// Uploads a small PDF and returns its id.
async fn upload(client: &Client) -> String {
    let body = UploadFileBody::new(
        FileUpload::new(b"%PDF-1.7 invoice 0042".to_vec())
            .with_name("invoice.pdf")
            .with_media_type("application/pdf"),
    );
    client.upload_file(&body).send().await.unwrap().id
}

fn quick() -> PollOptions {
    PollOptions::every(Duration::from_millis(5), Duration::from_secs(10))
}

fn invoice_schema() -> serde_json::Map<String, serde_json::Value> {
    let schema = json!({
        "type": "object",
        "properties": {
            "invoice_number": { "type": ["string", "null"] },
            "total": { "type": "number" },
        }
    });
    schema.as_object().unwrap().clone()
}

#[tokio::test]
async fn an_uploaded_file_is_extracted_waited_for_and_read_typed() {
    let (_server, client, clock) = start().await;
    let file_id = upload(&client).await;
    let request = ExtractRunsCreateRequest::new()
        .with_config(ExtractConfigJson::new().with_schema(invoice_schema()))
        .with_file(ExtractRunsCreateRequestFile::FileFromId(FileFromId::new(
            file_id,
        )));
    let run = client.create_extract_run(&request).send().await.unwrap();
    assert_eq!(run.status, ProcessorRunStatus::Pending);
    assert!(run.output.is_none());

    clock.advance(Duration::from_secs(1));
    let read = client.get_extract_run(&run.id).send().await.unwrap();
    assert_eq!(read.status, ProcessorRunStatus::Processing);

    clock.advance(Duration::from_secs(2));
    let done = client
        .get_extract_run(&run.id)
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(done.status, ProcessorRunStatus::Processed);
    let Some(ExtractOutput::ExtractOutputJson(output)) = done.output else {
        panic!("a JSON output: {:?}", done.output)
    };
    let mut fields: Vec<&str> = output.value.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["invoice_number", "total"]);
}

#[tokio::test]
async fn a_file_extracted_with_an_extractor_gets_the_extractors_fields() {
    let (_server, client, clock) = start().await;
    let extractor = ExtractorsCreateRequest::new("Invoices")
        .with_config(ExtractConfigJson::new().with_schema(invoice_schema()));
    let extractor = client.create_extractor(&extractor).send().await.unwrap();
    let file_id = upload(&client).await;
    let request = ExtractRunsCreateRequest::new()
        .with_extractor(ExtractRunsCreateRequestExtractor::new(&extractor.id))
        .with_file(ExtractRunsCreateRequestFile::FileFromId(FileFromId::new(
            file_id,
        )));
    let run = client.create_extract_run(&request).send().await.unwrap();
    assert_eq!(
        run.extractor.as_ref().map(|e| e.id.as_str()),
        Some(extractor.id.as_str())
    );
    clock.advance(Duration::from_secs(3));
    let done = client
        .get_extract_run(&run.id)
        .wait_with(quick())
        .await
        .unwrap();
    let Some(ExtractOutput::ExtractOutputJson(output)) = done.output else {
        panic!("a JSON output: {:?}", done.output)
    };
    let mut fields: Vec<&str> = output.value.keys().map(String::as_str).collect();
    fields.sort_unstable();
    assert_eq!(fields, ["invoice_number", "total"]);
}

#[tokio::test]
async fn a_classify_run_ends_with_one_of_its_classifications() {
    let (_server, client, clock) = start().await;
    let file_id = upload(&client).await;
    let classifications = vec![
        Classification::new("inv", "invoice", "An invoice"),
        Classification::new("rec", "receipt", "A receipt"),
    ];
    let request = ClassifyRunsCreateRequest::new(ClassifyRunsCreateRequestFile::FileFromId(
        FileFromId::new(file_id),
    ))
    .with_config(ClassifyConfig::new(classifications));
    let run = client.create_classify_run(&request).send().await.unwrap();
    clock.advance(Duration::from_secs(3));
    let done = client
        .get_classify_run(&run.id)
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(done.status, ProcessorRunStatus::Processed);
    assert_eq!(done.output.unwrap().type_, "invoice");
}

#[tokio::test]
async fn a_split_run_ends_with_a_split_per_classification_of_the_uploaded_file() {
    use extend_client::models::v2026_02_09::{
        SplitClassification, SplitConfig, SplitRunsCreateRequest, SplitRunsCreateRequestFile,
    };
    let (_server, client, clock) = start().await;
    let file_id = upload(&client).await;
    let request = SplitRunsCreateRequest::new(SplitRunsCreateRequestFile::FileFromId(
        FileFromId::new(&file_id),
    ))
    .with_config(SplitConfig::new(vec![
        SplitClassification::new("inv", "invoice", "An invoice"),
        SplitClassification::new("rec", "receipt", "A receipt"),
    ]));
    let run = client.create_split_run(&request).send().await.unwrap();
    assert_eq!(
        run.file.as_ref().map(|f| f.id.as_str()),
        Some(file_id.as_str())
    );
    clock.advance(Duration::from_secs(3));
    let done = client
        .get_split_run(&run.id)
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(done.status, ProcessorRunStatus::Processed);
    let splits = done.output.unwrap().splits;
    let read: Vec<(&str, i64, &str)> = splits
        .iter()
        .map(|s| {
            (
                s.classification_id.as_str(),
                s.start_page,
                s.file_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [("inv", 1, file_id.as_str()), ("rec", 2, file_id.as_str())]
    );
}

#[tokio::test]
async fn a_parse_run_ends_with_the_text_of_the_uploaded_file() {
    use extend_client::models::v2026_02_09::{
        ParseRunStatusEnum, ParseRunsCreateRequest, ParseRunsCreateRequestFile,
    };
    let (_server, client, clock) = start().await;
    let file_id = upload(&client).await;
    let request = ParseRunsCreateRequest::new(ParseRunsCreateRequestFile::FileFromId(
        FileFromId::new(&file_id),
    ));
    let run = client.create_parse_run(&request).send().await.unwrap();
    assert_eq!(run.file.name, "invoice.pdf");
    assert!(run.output.is_none());
    clock.advance(Duration::from_secs(3));
    let done = client
        .get_parse_run(&run.id)
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(done.status, ParseRunStatusEnum::Processed);
    let chunks = done.output.unwrap().chunks;
    assert_eq!(chunks.len(), 1);
    assert_eq!(chunks[0].content, "Page 1 of invoice.pdf");
    assert_eq!(chunks[0].metadata.page_range.start, 1);
}

#[tokio::test]
async fn a_batch_creates_a_run_per_input_listed_by_batch_and_ends_with_them() {
    use extend_client::models::v2026_02_09::{BatchRunStatus, ExtractRunsCreateBatchRequest};
    let (_server, client, clock) = start().await;
    let file_id = upload(&client).await;
    let extractor = client
        .create_extractor(&ExtractorsCreateRequest::new("Invoices"))
        .send()
        .await
        .unwrap();
    let request: ExtractRunsCreateBatchRequest = serde_json::from_value(json!({
        "extractor": { "id": extractor.id },
        "inputs": [{ "file": { "id": file_id } }, { "file": { "url": "https://example.com/b.pdf" } }],
    }))
    .unwrap();
    let batch = client
        .create_extract_run_batch(&request)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (batch.status, batch.run_count),
        (BatchRunStatus::Pending, 2)
    );
    // A run made alone is not in the batch.
    let alone = ExtractRunsCreateRequest::new()
        .with_extractor(ExtractRunsCreateRequestExtractor::new(&extractor.id))
        .with_file(ExtractRunsCreateRequestFile::FileFromId(FileFromId::new(
            &file_id,
        )));
    client.create_extract_run(&alone).send().await.unwrap();
    let runs = client
        .list_extract_runs()
        .batch_id(&batch.id)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs
        .iter()
        .all(|r| r.extractor.as_ref().map(|e| &e.id) == Some(&extractor.id)));
    clock.advance(Duration::from_secs(3));
    let done = client
        .get_batch_run(&batch.id)
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(done.status, BatchRunStatus::Processed);
    // A batch naming what is not there creates nothing.
    let unknown: ExtractRunsCreateBatchRequest = serde_json::from_value(json!({
        "extractor": { "id": "ex_nope" }, "inputs": [{ "file": { "id": file_id } }],
    }))
    .unwrap();
    let error = client
        .create_extract_run_batch(&unknown)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
}

#[tokio::test]
async fn a_run_asked_to_fail_ends_failed_with_a_reason() {
    let (_server, client, clock) = start().await;
    let file_id = upload(&client).await;
    let mut metadata = serde_json::Map::new();
    metadata.insert(extend_mock::v2026_02_09::FAIL_KEY.into(), "FAILED".into());
    let request = ExtractRunsCreateRequest::new()
        .with_file(ExtractRunsCreateRequestFile::FileFromId(FileFromId::new(
            file_id,
        )))
        .with_metadata(metadata);
    let run = client.create_extract_run(&request).send().await.unwrap();
    clock.advance(Duration::from_secs(3));
    let done = client
        .get_extract_run(&run.id)
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(done.status, ProcessorRunStatus::Failed);
    assert_eq!(done.failure_reason.as_deref(), Some("MOCK_FAILURE"));
    // A cancelled run stops where it is.
    let other = client.create_extract_run(&request).send().await.unwrap();
    client.cancel_extract_run(&other.id).send().await.unwrap();
    clock.advance(Duration::from_secs(3));
    let read = client.get_extract_run(&other.id).send().await.unwrap();
    assert_eq!(read.status, ProcessorRunStatus::Cancelled);
}

#[tokio::test]
async fn a_workflow_run_is_created_updated_listed_over_pages_cancelled_and_deleted() {
    use extend_client::models::v2026_02_09::{
        WorkflowReference, WorkflowRunStatus, WorkflowRunsCreateRequest,
        WorkflowRunsCreateRequestFile, WorkflowRunsUpdateRequest, WorkflowsCreateRequest,
    };
    let (_server, client, clock) = start().await;
    let file_id = upload(&client).await;
    let workflow = client
        .create_workflow(&WorkflowsCreateRequest::new("Invoice intake"))
        .send()
        .await
        .unwrap();
    let mut ids = Vec::new();
    for _ in 0..3 {
        let request = WorkflowRunsCreateRequest::new(
            WorkflowReference::new(&workflow.id),
            WorkflowRunsCreateRequestFile::FileFromId(FileFromId::new(&file_id)),
        );
        let run = client.create_workflow_run(&request).send().await.unwrap();
        assert_eq!(run.status, WorkflowRunStatus::Pending);
        assert_eq!(run.workflow.id, workflow.id);
        ids.push(run.id);
    }
    // 2026-02-09's Update Workflow Run answers the run itself, its metadata merged.
    let mut metadata = serde_json::Map::new();
    metadata.insert("customerId".into(), "cust_7".into());
    let update = WorkflowRunsUpdateRequest::new().with_metadata(metadata);
    let updated = client
        .update_workflow_run(&ids[0], &update)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.id, ids[0]);
    assert_eq!(
        serde_json::to_value(&updated.metadata).unwrap()["customerId"],
        "cust_7"
    );
    let listed = client
        .list_workflow_runs()
        .max_page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let listed: Vec<&str> = listed.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        &listed[..3],
        [&ids[2], &ids[1], &ids[0]].map(String::as_str)
    );
    let cancelled = client.cancel_workflow_run(&ids[1]).send().await.unwrap();
    assert_eq!(cancelled.status, WorkflowRunStatus::Cancelled);
    clock.advance(Duration::from_secs(3));
    let done = client
        .get_workflow_run(&ids[2])
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(done.status, WorkflowRunStatus::Processed);
    client.delete_workflow_run(&ids[0]).send().await.unwrap();
    let gone = client.get_workflow_run(&ids[0]).send().await.unwrap_err();
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404), "{gone}");
}
