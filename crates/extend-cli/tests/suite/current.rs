//! The commands of API version 2026-02-09 against the mock: files, each kind of run in one
//! command and call by call, definitions, and verifying a delivery of a 2026 event type.

use crate::{extend, json_out, mock, signed};
use extend_mock::v2026_02_09::api::{JsonApi, EXAMPLES};
use extend_mock::{runtime::JsonCall, MockServer};
use serde_json::{json, Value};
use std::path::PathBuf;

/// Creates something through the mock itself (not the tool under test); its answer.
async fn create(
    server: &MockServer,
    operation: &'static str,
    path: &'static str,
    body: Value,
) -> Value {
    let (status, answer) = server
        .mock()
        .current()
        .handle(JsonCall {
            operation,
            method: "POST",
            path,
            params: serde_json::Map::new(),
            body: Some(body),
        })
        .await;
    assert_eq!(status, 200, "{answer}");
    answer
}

/// A small PDF in a folder of the test's own.
fn pdf(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("extend-cli-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("invoice.pdf");
    std::fs::write(&path, b"%PDF-1.7 invoice 0042").unwrap();
    path
}

fn failed_saying(output: &std::process::Output, words: &[&str]) {
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{said}");
    for word in words {
        assert!(said.contains(word), "`{word}` not in: {said}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_uploaded_listed_read_and_deleted() {
    let server = mock().await;
    let url = server.url();
    let path = pdf("files");
    let uploaded = json_out(&extend(&["files", "upload", path.to_str().unwrap()], &url, b"").await);
    let id = uploaded["id"].as_str().unwrap().to_owned();
    assert_eq!(uploaded["name"], "invoice.pdf");
    let all = json_out(&extend(&["files", "list", "--all"], &url, b"").await);
    assert!(
        all.as_array().unwrap().iter().any(|f| f["id"] == id),
        "{all}"
    );
    let page = json_out(&extend(&["files", "list", "--page-size", "1"], &url, b"").await);
    assert_eq!(page["data"].as_array().unwrap().len(), 1);
    assert_eq!(page["data"][0]["id"], id);
    let read = json_out(&extend(&["files", "get", &id], &url, b"").await);
    assert_eq!(read["name"], "invoice.pdf");
    let deleted = json_out(&extend(&["files", "delete", &id], &url, b"").await);
    assert_eq!(deleted["id"], id);
    failed_saying(&extend(&["files", "get", &id], &url, b"").await, &["404"]);
    failed_saying(
        &extend(&["files", "upload", "/nonexistent.pdf"], &url, b"").await,
        &["no such file"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn classify_split_and_parse_a_file_in_one_command_each() {
    let server = mock().await;
    let url = server.url();
    let classifications = json!([
        { "id": "inv", "type": "invoice", "description": "An invoice" },
        { "id": "rec", "type": "receipt", "description": "A receipt" }
    ]);
    let classifier = create(
        &server,
        "createClassifier",
        "/classifiers",
        json!({ "name": "Kinds", "config": { "classifications": classifications } }),
    )
    .await;
    let splitter = create(
        &server,
        "createSplitter",
        "/splitters",
        json!({ "name": "Pages", "config": { "splitClassifications": classifications } }),
    )
    .await;
    let path = pdf("one-shot");
    let path = path.to_str().unwrap();
    let classifier_id = classifier["id"].as_str().unwrap();
    let splitter_id = splitter["id"].as_str().unwrap();
    // Each waits for its run on the mock's clock, a few seconds: all at once.
    let classify = ["classify", path, "--classifier", classifier_id];
    let split = ["split", path, "--splitter", splitter_id];
    let parse = ["parse", path];
    let (classified, split, parsed) = tokio::join!(
        extend(&classify, &url, b""),
        extend(&split, &url, b""),
        extend(&parse, &url, b""),
    );
    assert_eq!(json_out(&classified)["type"], "invoice");
    let splits = json_out(&split)["splits"].clone();
    let pages: Vec<&str> = splits
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["classificationId"].as_str().unwrap())
        .collect();
    assert_eq!(pages, ["inv", "rec"]);
    assert_eq!(
        json_out(&parsed)["chunks"][0]["content"],
        "Page 1 of invoice.pdf"
    );
    let said = String::from_utf8_lossy(&parsed.stderr);
    assert!(
        said.contains("waiting") && said.contains("ended PROCESSED"),
        "{said}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_of_a_kind_are_created_waited_for_listed_cancelled_and_deleted() {
    let server = mock().await;
    let url = server.url();
    let extractor = create(
        &server,
        "createExtractor",
        "/extractors",
        json!({ "name": "Invoices", "config": { "schema": { "type": "object",
            "properties": { "total": { "type": "number" } } } } }),
    )
    .await;
    let extractor = extractor["id"].as_str().unwrap();
    let path = pdf("runs");
    let created = json_out(
        &extend(
            &[
                "extract-runs",
                "create",
                path.to_str().unwrap(),
                "--extractor",
                extractor,
                "--metadata",
                r#"{"customerId": "c_1"}"#,
            ],
            &url,
            b"",
        )
        .await,
    );
    assert_eq!(created["status"], "PENDING");
    assert_eq!(created["metadata"]["customerId"], "c_1");
    let id = created["id"].as_str().unwrap().to_owned();
    let output = json_out(&extend(&["extract-runs", "get", &id, "--wait"], &url, b"").await);
    assert_eq!(output["value"], json!({ "total": 0 }));

    let other = json_out(
        &extend(
            &[
                "extract-runs",
                "create",
                "--file-url",
                "https://files.example.com/b.pdf",
                "--extractor",
                extractor,
            ],
            &url,
            b"",
        )
        .await,
    );
    let other = other["id"].as_str().unwrap();
    let cancelled = json_out(&extend(&["extract-runs", "cancel", other], &url, b"").await);
    assert_eq!(cancelled["status"], "CANCELLED");
    let listed = json_out(&extend(&["extract-runs", "list", "--all"], &url, b"").await);
    let listed: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(&listed[..2], [other, id.as_str()]);
    json_out(&extend(&["extract-runs", "delete", &id], &url, b"").await);
    failed_saying(
        &extend(&["extract-runs", "get", &id], &url, b"").await,
        &["404"],
    );

    // What the API refuses, and a run that fails, exit 1 saying why.
    failed_saying(
        &extend(
            &["extract-runs", "create", "--file-id", "file_nope"],
            &url,
            b"",
        )
        .await,
        &["file_nope"],
    );
    failed_saying(
        &extend(
            &[
                "extract-runs",
                "create",
                "--file-url",
                "https://files.example.com/c.pdf",
                "--metadata",
                r#"{"mock:outcome": "FAILED"}"#,
                "--wait",
            ],
            &url,
            b"",
        )
        .await,
        &["ended FAILED"],
    );
    failed_saying(
        &extend(
            &[
                "extract-runs",
                "create",
                "--file-id",
                "f",
                "--config",
                "[1]",
            ],
            &url,
            b"",
        )
        .await,
        &["--config must be a JSON object"],
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workflow_run_is_created_and_waited_for_its_step_runs() {
    let server = mock().await;
    let url = server.url();
    let workflow = create(
        &server,
        "createWorkflow",
        "/workflows",
        json!({ "name": "Invoices" }),
    )
    .await;
    let args = [
        "workflow-runs",
        "create",
        "--file-url",
        "https://files.example.com/a.pdf",
        "--workflow",
        workflow["id"].as_str().unwrap(),
        "--wait",
    ];
    let output = extend(&args, &url, b"").await;
    // What a processed workflow run holds: its step runs, as the spec's example has them.
    assert!(json_out(&output).is_array());
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("workflow run") && said.contains("ended PROCESSED"),
        "{said}"
    );
    let listed = json_out(&extend(&["workflow-runs", "list"], &url, b"").await);
    assert_eq!(listed["data"][0]["workflow"]["id"], workflow["id"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definitions_are_listed_and_shown() {
    let server = mock().await;
    let url = server.url();
    for name in ["extractors", "classifiers", "splitters", "workflows"] {
        let all = json_out(&extend(&[name, "list", "--all"], &url, b"").await);
        let first = all[0]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: {all}"));
        let shown = json_out(&extend(&[name, "show", first], &url, b"").await);
        assert_eq!(shown["id"], first);
    }
}

#[tokio::test]
async fn webhooks_verify_reads_every_event_type_of_the_current_version() {
    let example = |operation: &str| -> Value {
        let found = EXAMPLES
            .iter()
            .find(|e| e.operation == operation && e.status == "200")
            .unwrap();
        serde_json::from_str(found.json).unwrap()
    };
    let verify = |body: String| async move {
        let (timestamp, signature) = signed("wss_secret", &body);
        extend(
            &[
                "webhooks",
                "verify",
                "--secret",
                "wss_secret",
                "--timestamp",
                &timestamp,
                "--signature",
                &signature,
            ],
            "http://127.0.0.1:9",
            body.as_bytes(),
        )
        .await
    };
    let event = json!({
        "eventId": "evt_1", "eventType": "extractor.version.published",
        "payload": example("getExtractorVersion"),
    });
    let read = json_out(&verify(event.to_string()).await);
    assert_eq!(read["eventType"], "extractor.version.published");
    assert_eq!(read["payload"], event["payload"]);
    // Its type known, its payload not that type's: refused, as a receiver would.
    let wrong = json!({
        "eventId": "evt_2", "eventType": "extract_run.processed",
        "payload": example("getExtractorVersion"),
    });
    failed_saying(&verify(wrong.to_string()).await, &["not an event"]);
}
