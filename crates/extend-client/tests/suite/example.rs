//! The `update_workflow_run` example, run as a user runs it, against a local server.

use serde_json::json;
use std::path::PathBuf;
use std::process::{Command, Output};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The example binary, which `cargo test` builds beside the test binaries.
fn example() -> PathBuf {
    let deps = std::env::current_exe().unwrap();
    let profile = deps.parent().and_then(|d| d.parent()).unwrap();
    let binary = profile.join("examples").join(format!(
        "update_workflow_run{}",
        std::env::consts::EXE_SUFFIX
    ));
    assert!(
        binary.exists(),
        "{} is missing: run the tests with `cargo test -p extend-client`, which builds examples",
        binary.display()
    );
    binary
}

/// The reference response example of the spec, so the example prints what the API sends.
fn spec_response() -> serde_json::Value {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../spec/openapi.yaml"
    ))
    .unwrap();
    let spec: serde_json::Value = serde_yaml_ng::from_str(&spec).unwrap();
    spec.pointer("/paths/~1workflow_runs~1{id}/post/responses/200/content/application~1json/examples/processedExtractRun/value")
        .unwrap()
        .clone()
}

async fn run(args: &[&str], base_url: &str, key: Option<&str>) -> Output {
    let mut command = Command::new(example());
    command
        .args(args)
        .env("EXTEND_BASE_URL", base_url)
        .env_remove("EXTEND_API_KEY");
    if let Some(key) = key {
        command.env("EXTEND_API_KEY", key);
    }
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn updates_the_run_and_prints_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/workflow_runs/workflow_run_1234"))
        .and(header("authorization", "Bearer sk_example"))
        .and(body_json(json!({ "name": "March", "metadata": { "internal_id": "id_1234", "extend:usage_tags": ["a"] } })))
        .respond_with(ResponseTemplate::new(200).set_body_json(spec_response()))
        .expect(1)
        .mount(&server)
        .await;
    let output = run(
        &[
            "workflow_run_1234",
            "--name",
            "March",
            "--metadata",
            r#"{"internal_id": "id_1234", "extend:usage_tags": ["a"]}"#,
        ],
        &server.uri(),
        Some("sk_example"),
    )
    .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: serde_json::Value =
        serde_json::from_str(&stdout).expect("the run is printed as JSON");
    assert_eq!(printed["id"], "workflow_run_1234");
    assert_eq!(printed["outputs"][0]["type"], "EXTRACT");
    assert!(stdout.contains("\n  \"id\""), "pretty-printed: {stdout}");
}

#[tokio::test]
async fn an_unauthorized_call_prints_the_error_and_fails() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({ "success": false, "error": "Unauthorized" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let output = run(&["workflow_run_1234"], &server.uri(), Some("sk_wrong_key")).await;
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("401 Unauthorized") && stderr.contains("Unauthorized"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("sk_wrong_key"),
        "the key must not be printed: {stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[tokio::test]
async fn a_missing_key_or_bad_arguments_fail_with_a_message() {
    let output = run(&["workflow_run_1234"], "http://127.0.0.1:9", None).await;
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("EXTEND_API_KEY"));

    for args in [
        &[][..],
        &["--metadata", "[1]", "id"],
        &["a", "b"],
        &["--bogus"],
    ] {
        let output = run(args, "http://127.0.0.1:9", Some("k")).await;
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("usage:"),
            "{args:?}"
        );
    }
}

/// The two commands of the README: the mock serving, the example updating a seeded run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updates_a_seeded_run_of_the_mock_and_reports_its_errors() {
    use extend_mock::{ExtendMock, Store, DEFAULT_API_KEY};
    let server =
        extend_mock::MockServer::start(ExtendMock::new(DEFAULT_API_KEY, Store::from_examples()))
            .await
            .unwrap();
    let args = [
        "workflow_run_1234",
        "--name",
        "March invoices",
        "--metadata",
        r#"{"extend:usage_tags": ["team finance"]}"#,
    ];
    let output = run(&args, &server.url(), Some(DEFAULT_API_KEY)).await;
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed["name"], "March invoices");
    assert_eq!(
        printed["metadata"],
        json!({ "internal_id": "id_1234", "extend:usage_tags": ["teamfinance"] })
    );

    let wrong_key = run(&args, &server.url(), Some("sk_wrong")).await;
    assert_eq!(wrong_key.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong_key.stderr).contains("401"));
    let unknown = run(&["workflow_run_0"], &server.url(), Some(DEFAULT_API_KEY)).await;
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("404"));
}
