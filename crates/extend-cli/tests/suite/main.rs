//! The `extend` tool as a user runs it: the binary, against the in-process mock, its JSON on
//! standard output and its errors and progress on standard error.

mod current;

use extend_mock::{ExtendMock, MockServer, Store, DEFAULT_API_KEY};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `extend args...` against `base_url`, with `stdin` as its input.
pub async fn extend(args: &[&str], base_url: &str, stdin: &[u8]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_extend"));
    command
        .args(args)
        .env("EXTEND_API_KEY", DEFAULT_API_KEY)
        .env("EXTEND_BASE_URL", base_url)
        .env_remove("EXTEND_WEBHOOK_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let stdin = stdin.to_vec();
    tokio::task::spawn_blocking(move || {
        let mut child = command.spawn().unwrap();
        child.stdin.take().unwrap().write_all(&stdin).unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap()
}

pub fn json_out(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the output is JSON")
}

pub async fn mock() -> MockServer {
    MockServer::start(ExtendMock::new(DEFAULT_API_KEY, Store::new()))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_from_creation_to_deletion() {
    let server = mock().await;
    let url = server.url();
    let created = json_out(
        &extend(
            &[
                "runs",
                "create",
                "--workflow",
                "workflow_9001",
                "--file-url",
                "https://files.example.com/invoice.pdf",
                "--text",
                "Invoice 7",
                "--metadata",
                r#"{"internal_id": "id_7"}"#,
            ],
            &url,
            b"",
        )
        .await,
    );
    let runs = created.as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["status"], "PENDING");
    assert_eq!(runs[0]["files"][0]["name"], "invoice.pdf");
    assert_eq!(runs[0]["metadata"]["internal_id"], "id_7");
    let id = runs[0]["id"].as_str().unwrap().to_owned();

    let got = json_out(&extend(&["runs", "get", &id], &url, b"").await);
    assert_eq!(got["id"], id.as_str());
    let updated = json_out(&extend(&["runs", "update", &id, "--name", "May"], &url, b"").await);
    assert_eq!(updated["name"], "May");
    let cancelled = json_out(&extend(&["runs", "cancel", &id], &url, b"").await);
    assert_eq!(cancelled["status"], "CANCELLED");
    let deleted = json_out(&extend(&["runs", "delete", &id], &url, b"").await);
    assert_eq!(deleted["workflowRunId"], id.as_str());

    let gone = extend(&["runs", "get", &id], &url, b"").await;
    assert_eq!(gone.status.code(), Some(1));
    assert!(gone.stdout.is_empty());
    let message = String::from_utf8_lossy(&gone.stderr);
    assert!(
        message.contains("404") && message.contains(&id),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_all_follows_every_page_and_reports_progress() {
    let server = mock().await;
    let url = server.url();
    for i in 0..5 {
        let file = format!("https://files.example.com/f{i}.pdf");
        json_out(
            &extend(
                &["runs", "create", "--workflow", "w", "--file-url", &file],
                &url,
                b"",
            )
            .await,
        );
    }
    let output = extend(
        &[
            "runs",
            "list",
            "--all",
            "--page-size",
            "2",
            "--sort-dir",
            "asc",
        ],
        &url,
        b"",
    )
    .await;
    let all = json_out(&output);
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 5);
    let progress = String::from_utf8_lossy(&output.stderr);
    assert!(
        progress.contains("listing: 5 runs from 3 pages"),
        "{progress}"
    );

    // Without --all: one page and its token.
    let page = json_out(&extend(&["runs", "list", "--page-size", "2"], &url, b"").await);
    assert_eq!(page["workflowRuns"].as_array().unwrap().len(), 2);
    let token = page["nextPageToken"].as_str().unwrap();
    let next = json_out(
        &extend(
            &["runs", "list", "--page-size", "2", "--page-token", token],
            &url,
            b"",
        )
        .await,
    );
    assert_eq!(next["workflowRuns"].as_array().unwrap().len(), 2);
    assert_ne!(next["workflowRuns"][0]["id"], page["workflowRuns"][0]["id"]);
}

#[tokio::test]
async fn a_wrong_command_line_exits_2_with_help() {
    let output = extend(
        &["runs", "list", "--page-size", "0"],
        "http://127.0.0.1:9",
        b"",
    )
    .await;
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--page-size"));
}

/// A delivery signed now with `secret`.
pub fn signed(secret: &str, body: &str) -> (String, String) {
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        .to_string();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    let tag = ring::hmac::sign(&key, format!("v0:{timestamp}:{body}").as_bytes());
    let hex = tag.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    (timestamp, hex)
}

#[tokio::test]
async fn webhooks_verify_prints_the_event_or_says_which_check_failed() {
    let body = json!({
        "eventId": "event_1",
        "eventType": "workflow_run.completed",
        "payload": {
            "object": "workflow_run", "id": "workflow_run_1", "status": "PROCESSED",
            "initialRunAt": "2025-05-12T21:34:54Z", "files": [], "outputs": [],
            "workflow": {"object": "workflow", "id": "workflow_1", "version": "1", "name": "W"}
        }
    })
    .to_string();
    let (timestamp, signature) = signed("wss_secret", &body);
    let verify = |secret: &'static str, signature: String, body: String| {
        let timestamp = timestamp.clone();
        async move {
            extend(
                &[
                    "webhooks",
                    "verify",
                    "--secret",
                    secret,
                    "--timestamp",
                    &timestamp,
                    "--signature",
                    &signature,
                    "--api-version",
                    "2025-04-21",
                ],
                "http://127.0.0.1:9",
                body.as_bytes(),
            )
            .await
        }
    };
    let event = json_out(&verify("wss_secret", signature.clone(), body.clone()).await);
    assert_eq!(event["eventType"], "workflow_run.completed");
    assert_eq!(event["payload"]["id"], "workflow_run_1");

    let wrong = verify("wss_other", signature.clone(), body.clone()).await;
    assert_eq!(wrong.status.code(), Some(1));
    let changed = verify("wss_secret", signature, body.replace("event_1", "event_2")).await;
    for refused in [wrong, changed] {
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(
            message.contains("does not verify") && message.contains("signature"),
            "{message}"
        );
    }
}

/// The README shows each command's `--help`; it must be what the tool prints.
#[tokio::test]
async fn the_readme_shows_each_commands_help_as_the_tool_prints_it() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for command in [
        &[][..],
        &["extract"],
        &["classify"],
        &["split"],
        &["parse"],
        &["files", "upload"],
        &["files", "list"],
        &["files", "get"],
        &["files", "delete"],
        &["extract-runs", "create"],
        &["extract-runs", "get"],
        &["extract-runs", "list"],
        &["extract-runs", "cancel"],
        &["extract-runs", "delete"],
        &["parse-runs", "create"],
        &["workflow-runs", "create"],
        &["extractors", "list"],
        &["extractors", "show"],
        &["runs", "get"],
        &["runs", "list"],
        &["runs", "create"],
        &["runs", "update"],
        &["runs", "cancel"],
        &["runs", "delete"],
        &["webhooks", "verify"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let output = extend(&args, "http://127.0.0.1:9", b"").await;
        assert!(output.status.success());
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(
            readme.contains(help.trim_end()),
            "README.md does not show `extend {}` as the tool prints it:\n{help}",
            command.join(" ")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extract_uploads_a_file_runs_the_extractor_waits_and_prints_the_fields() {
    use extend_mock::v2026_02_09::api::JsonApi;
    let server = mock().await;
    // An extractor with a two-field schema, made through the mock itself.
    let (status, extractor) = server
        .mock()
        .current()
        .handle(extend_mock::runtime::JsonCall {
            operation: "createExtractor",
            method: "POST",
            path: "/extractors",
            params: serde_json::Map::new(),
            body: Some(json!({
                "name": "Invoices",
                "config": { "schema": { "type": "object", "properties": {
                    "invoice_number": { "type": "string" },
                    "total": { "type": "number" }
                } } }
            })),
        })
        .await;
    assert_eq!(status, 200);
    let extractor = extractor["id"].as_str().unwrap().to_owned();
    let dir = std::env::temp_dir().join(format!("extend-cli-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("invoice.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 invoice 0042").unwrap();

    let output = extend(
        &["extract", pdf.to_str().unwrap(), "--extractor", &extractor],
        &server.url(),
        b"",
    )
    .await;
    assert_eq!(
        json_out(&output),
        json!({ "invoice_number": "", "total": 0 })
    );
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("uploaded") && said.contains("waiting"),
        "{said}"
    );
    // The upload is the file, under its name.
    let files = server.mock().current().objects("/files");
    assert_eq!(files[0]["name"], "invoice.pdf");

    let missing = extend(
        &["extract", "/nonexistent.pdf", "--extractor", &extractor],
        &server.url(),
        b"",
    )
    .await;
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));
    std::fs::remove_dir_all(&dir).unwrap();
}
