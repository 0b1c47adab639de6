//! The client against a real HTTP server on loopback: the exact request, decoding, every error
//! kind, retries, timeouts, path encoding and key hygiene.

use extend_client::models::v2025_04_21::{
    UpdateWorkflowRunRequest, WorkflowRunMetadata, WorkflowRunStatus,
};
use extend_client::v2025_04_21::{Client, Error};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_test_5ecret_k3y";

fn run_json(id: &str) -> Value {
    json!({
        "success": true,
        "workflowRun": {
            "object": "workflow_run", "id": id, "status": "PROCESSED",
            "metadata": { "internal_id": "id_1234" },
            "initialRunAt": "2023-01-01T09:41:00.000Z",
            "files": [{ "object": "file", "id": "file_1234", "name": "example_file_name.pdf" }],
            "outputs": [{ "object": "document_processor_run", "id": "dpr_1234", "edited": true, "type": "EXTRACT",
                          "output": { "value": { "n": 1 }, "metadata": {} } }],
            "workflow": { "object": "workflow", "id": "workflow_1234", "version": "1", "name": "test_workflow" }
        }
    })
}

/// A client for `server` that retries quickly, so tests do not wait for real backoff.
fn client(server: &MockServer) -> extend_client::v2025_04_21::ClientBuilder {
    Client::builder()
        .api_key(KEY)
        .base_url(server.uri())
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

/// Mounts a server that answers the first request with `first` and every later one with the
/// run.
async fn fail_once_then_succeed(server: &MockServer, first: ResponseTemplate) {
    Mock::given(method("POST"))
        .respond_with(first)
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(run_json("workflow_run_1")))
        .mount(server)
        .await;
}

fn request() -> UpdateWorkflowRunRequest {
    let mut metadata = WorkflowRunMetadata::default();
    metadata
        .additional_properties
        .insert("internal_id".into(), json!("id_1234"));
    UpdateWorkflowRunRequest::new()
        .with_name("test_workflow")
        .with_metadata(metadata)
}

fn assert_key_hidden(what: &str, text: &str) {
    assert!(!text.contains(KEY), "{what} shows the API key: {text}");
}

#[tokio::test]
async fn sends_the_exact_request_and_decodes_the_run() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/workflow_runs/workflow_run_1234"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(header(
            "user-agent",
            concat!("extend-client/", env!("CARGO_PKG_VERSION")),
        ))
        .and(header("x-extend-api-version", "2024-12-23"))
        .and(body_json(
            json!({ "name": "test_workflow", "metadata": { "internal_id": "id_1234" } }),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(run_json("workflow_run_1234")))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server).api_version("2024-12-23").build().unwrap();
    let response = client
        .update_workflow_run("workflow_run_1234", &request())
        .send()
        .await
        .unwrap();
    assert!(response.success);
    assert_eq!(response.workflow_run.id, "workflow_run_1234");
    assert_eq!(response.workflow_run.status, WorkflowRunStatus::Processed);
    assert_eq!(response.workflow_run.files[0].name, "example_file_name.pdf");
    assert_key_hidden("Debug of the client", &format!("{client:?}"));
}

/// The values of header `name` on each request `server` received, in order.
async fn header_values(server: &MockServer, name: &str) -> Vec<Vec<String>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            request
                .headers
                .get_all(name)
                .iter()
                .map(|v| v.to_str().unwrap().to_owned())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn every_request_names_the_api_version_of_the_spec_unless_the_builder_sets_another() {
    assert_eq!(extend_client::v2025_04_21::API_VERSION, "2025-04-21");
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(run_json("workflow_run_1")))
        .mount(&server)
        .await;
    let by_default = client(&server).build().unwrap();
    let pinned = client(&server).api_version("2024-12-23").build().unwrap();
    let in_workspace = client(&server)
        .workspace_id("workspace_42")
        .build()
        .unwrap();
    for client in [&by_default, &pinned, &in_workspace] {
        client
            .update_workflow_run("workflow_run_1", &request())
            .send()
            .await
            .unwrap();
    }
    assert_eq!(
        header_values(&server, "x-extend-api-version").await,
        [vec!["2025-04-21"], vec!["2024-12-23"], vec!["2025-04-21"]],
        "one version header per request: the spec's, or the one the builder set"
    );
    assert_eq!(
        header_values(&server, "x-extend-workspace-id").await,
        [vec![], vec![], vec!["workspace_42"]],
        "the workspace header is sent only when set"
    );
}

#[tokio::test]
async fn each_error_status_becomes_an_api_error_with_its_body_and_request_id() {
    for (status, body) in [
        (
            400,
            json!({ "success": false, "error": "Invalid request body" }),
        ),
        (401, json!({ "success": false, "error": "Unauthorized" })),
        (
            404,
            json!({ "success": false, "error": "Workflow run not found", "requestId": "req_body_1" }),
        ),
        (
            429,
            json!({ "success": false, "error": "Too many requests", "code": "RATE_LIMITED", "retryable": true }),
        ),
        (
            500,
            json!({ "success": false, "error": "Internal server error" }),
        ),
        // A status the spec does not document is decoded the same way.
        (418, json!({ "success": false, "error": "I'm a teapot" })),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(&body)
                    .insert_header(
                        "x-request-id",
                        if status == 404 { "" } else { "req_header_1" },
                    ),
            )
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server).max_retries(0).build().unwrap();
        let error = client
            .update_workflow_run("workflow_run_1", &request())
            .send()
            .await
            .unwrap_err();
        let Error::Api(api) = &error else {
            panic!("{status}: {error:?}")
        };
        assert_eq!(api.status().as_u16(), status);
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(api.body().unwrap().error.as_deref(), body["error"].as_str());
        assert_eq!(
            error.is_retryable(),
            matches!(status, 429 | 500),
            "{status}"
        );
        assert_eq!(error.operation(), Some("updateWorkflowRun"));
        let expected_id = if status == 404 {
            "req_body_1"
        } else {
            "req_header_1"
        };
        assert_eq!(error.request_id(), Some(expected_id), "{status}");
        let message = error.to_string();
        assert!(
            message.contains(&status.to_string())
                && message.contains(body["error"].as_str().unwrap()),
            "{message}"
        );
        assert!(message.contains(expected_id), "{message}");
        if status == 429 {
            assert_eq!(api.body().unwrap().code.as_deref(), Some("RATE_LIMITED"));
        }
        assert_key_hidden("an API error", &format!("{error:?} {error}"));
    }
}

#[tokio::test]
async fn a_503_then_a_200_succeeds() {
    let server = MockServer::start().await;
    fail_once_then_succeed(&server, ResponseTemplate::new(503).set_body_string("busy")).await;
    let client = client(&server).build().unwrap();
    let response = client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap();
    assert_eq!(response.workflow_run.id, "workflow_run_1");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    fail_once_then_succeed(
        &server,
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
    )
    .await;
    // Backoff alone would wait at most 5 ms: only the header can make the client wait a second.
    let client = client(&server).build().unwrap();
    let start = Instant::now();
    client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap();
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "waited only {:?}",
        start.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_falls_back_to_backoff() {
    let server = MockServer::start().await;
    fail_once_then_succeed(
        &server,
        ResponseTemplate::new(503).insert_header("retry-after", "3600"),
    )
    .await;
    let client = client(&server)
        .max_retry_after(Duration::from_secs(2))
        .build()
        .unwrap();
    let start = Instant::now();
    client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "the client waited for the hour"
    );
}

#[tokio::test]
async fn gives_up_after_the_configured_retries() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(503)
                .set_body_json(json!({ "success": false, "error": "Unavailable" })),
        )
        .expect(4)
        .mount(&server)
        .await;
    let client = client(&server).max_retries(3).build().unwrap();
    let error = client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.as_api().unwrap().attempts(), 4);
    assert!(error.to_string().contains("after 4 attempts"), "{error}");

    let default_server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(3)
        .mount(&default_server)
        .await;
    let default_retries = client_for(&default_server);
    default_retries
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap_err();
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 422] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(json!({ "success": false, "error": "no" })),
            )
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server).max_retries(5).build().unwrap();
        let error = client
            .update_workflow_run("workflow_run_1", &request())
            .send()
            .await
            .unwrap_err();
        assert_eq!(error.status().unwrap().as_u16(), status);
        assert!(!error.is_retryable());
    }
}

#[tokio::test]
async fn slow_responses_time_out_and_are_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(run_json("workflow_run_1"))
                .set_delay(Duration::from_secs(3)),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server)
        .timeout(Duration::from_millis(100))
        .max_retries(1)
        .build()
        .unwrap();
    let error = client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 2, .. }),
        "{error:?}"
    );
    assert!(error.is_timeout() && error.is_retryable());
    assert_key_hidden("a timeout", &format!("{error:?} {error}"));
}

#[tokio::test]
async fn an_unreachable_server_is_a_connection_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .api_key(KEY)
        .base_url(url)
        .max_retries(1)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
        .build()
        .unwrap();
    let error = client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Connection { attempts: 2, .. }),
        "{error:?}"
    );
    assert!(std::error::Error::source(&error).is_some());
    assert_key_hidden("a connection error", &format!("{error:?} {error}"));
}

#[tokio::test]
async fn a_non_json_502_page_keeps_the_raw_text() {
    let server = MockServer::start().await;
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server).max_retries(0).build().unwrap();
    let error = client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap_err();
    let api = error.as_api().expect("an error status is an API error");
    assert_eq!(api.status().as_u16(), 502);
    assert!(api.body().is_none());
    assert!(
        api.body_error().unwrap().contains("expected value"),
        "{:?}",
        api.body_error()
    );
    assert_eq!(api.raw_body(), page);
    assert!(error.to_string().contains("502 Bad Gateway"), "{error}");
    assert!(error.is_retryable());
}

#[tokio::test]
async fn a_truncated_success_body_is_a_decode_error_with_the_raw_text() {
    let server = MockServer::start().await;
    let full = serde_json::to_string(&run_json("workflow_run_1")).unwrap();
    let truncated = &full[..full.len() / 2];
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(truncated, "application/json")
                .insert_header("x-request-id", "req_9"),
        )
        .mount(&server)
        .await;
    let client = client(&server).build().unwrap();
    let error = client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap_err();
    let Error::Decode {
        status,
        raw,
        request_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(status.as_u16(), 200);
    assert_eq!(raw, truncated);
    assert_eq!(request_id.as_deref(), Some("req_9"));
    assert!(
        error.to_string().contains("does not match the spec"),
        "{error}"
    );
    assert!(!error.is_retryable());
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "a decode error is not retried"
    );
    assert_key_hidden("a decode error", &format!("{error:?} {error}"));

    // A well-formed body of the wrong shape is a decode error too.
    let wrong = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "success": true })))
        .mount(&wrong)
        .await;
    let error = client_for(&wrong)
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("missing field `workflowRun`"),
        "{error}"
    );
}

fn client_for(server: &MockServer) -> Client {
    client(server).build().unwrap()
}

#[tokio::test]
async fn hostile_ids_stay_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(run_json("x")))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let cases = [
        ("../x", "/workflow_runs/..%2Fx"),
        ("a/b", "/workflow_runs/a%2Fb"),
        ("a?b=c", "/workflow_runs/a%3Fb=c"),
        ("a#frag", "/workflow_runs/a%23frag"),
        ("%2e%2e", "/workflow_runs/%252e%252e"),
        (
            "../../admin?x=1#y",
            "/workflow_runs/..%2F..%2Fadmin%3Fx=1%23y",
        ),
        ("run id", "/workflow_runs/run%20id"),
    ];
    for (id, _) in &cases {
        client
            .update_workflow_run(*id, &request())
            .send()
            .await
            .unwrap();
    }
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), cases.len());
    for ((id, expected), request) in cases.iter().zip(&received) {
        assert_eq!(request.url.path(), *expected, "id {id:?}");
        assert_eq!(request.url.query(), None, "id {id:?} added a query");
        assert_eq!(request.url.fragment(), None, "id {id:?} added a fragment");
    }

    for id in ["", ".", ".."] {
        let error = client
            .update_workflow_run(id, &request())
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::InvalidRequest { .. }),
            "{id:?}: {error:?}"
        );
        assert!(error.to_string().contains("path parameter `id`"), "{error}");
    }
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        cases.len(),
        "refused ids are never sent"
    );
}

#[tokio::test]
async fn a_base_url_with_a_path_keeps_it() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/workflow_runs/workflow_run_1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(run_json("workflow_run_1")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key(KEY)
        .base_url(format!("{}/v1/", server.uri()))
        .build()
        .unwrap();
    client
        .update_workflow_run("workflow_run_1", &request())
        .send()
        .await
        .unwrap();
}

#[test]
fn configuration_errors_are_clear_and_never_show_the_key() {
    let error = Client::builder().api_key("  ").build().unwrap_err();
    assert!(
        matches!(error, Error::Config(_)) && error.to_string().contains("empty"),
        "{error}"
    );
    let error = Client::builder()
        .api_key(KEY)
        .base_url("not a url")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("not a valid URL"), "{error}");
    let error = Client::builder()
        .api_key(KEY)
        .base_url("ftp://example.com")
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("http or https"), "{error}");
    let error = Client::builder().api_key("bad\nkey").build().unwrap_err();
    assert!(
        error.to_string().contains("not allowed in a header"),
        "{error}"
    );
    assert_key_hidden("a config error", &format!("{error:?}"));
    let error = Client::builder()
        .api_key(KEY)
        .default_header("bad header", "x")
        .build()
        .unwrap_err();
    assert!(
        error.to_string().contains("not a valid header name"),
        "{error}"
    );
    let builder = Client::builder().api_key(KEY);
    assert_key_hidden("Debug of the builder", &format!("{builder:?}"));
    let client = builder.base_url("https://example.com").build().unwrap();
    assert_eq!(client.base_url(), "https://example.com/");
    assert_key_hidden("Debug of the client", &format!("{client:?}"));
}
