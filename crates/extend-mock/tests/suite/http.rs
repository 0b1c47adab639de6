//! The mock over real HTTP on loopback, as any client in any language sees it: status codes,
//! error bodies, the documented update semantics, and no lost update under concurrency.

use extend_mock::{ExtendMock, MockServer, Store, DEFAULT_API_KEY};
use serde_json::{json, Value};

async fn start() -> MockServer {
    MockServer::start(ExtendMock::new(DEFAULT_API_KEY, Store::from_examples()))
        .await
        .expect("the mock starts")
}

fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// Posts `body` (raw text) to `path` with `key` as bearer token, and returns status and JSON.
async fn post(server: &MockServer, path: &str, key: Option<&str>, body: &str) -> (u16, Value) {
    let mut request = http()
        .post(format!("{}{path}", server.url()))
        .header("content-type", "application/json")
        .header("x-extend-api-version", "2025-04-21")
        .body(body.to_owned());
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.expect("the request is sent");
    let status = response.status().as_u16();
    let text = response.text().await.expect("the body is read");
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{status} {text:?}: {e}"));
    (status, json)
}

async fn update(server: &MockServer, id: &str, body: Value) -> (u16, Value) {
    post(
        server,
        &format!("/workflow_runs/{id}"),
        Some(DEFAULT_API_KEY),
        &body.to_string(),
    )
    .await
}

#[tokio::test]
async fn an_update_renames_merges_metadata_and_sanitizes_usage_tags() {
    let server = start().await;
    let (status, body) = update(
        &server,
        "workflow_run_5678",
        json!({ "name": "April", "metadata": { "internal_id": "new", "batch": 7,
                "extend:usage_tags": ["team finance!", "q3_invoices"] } }),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["success"], true);
    let run = &body["workflowRun"];
    assert_eq!(run["id"], "workflow_run_5678");
    assert_eq!(run["name"], "April");
    assert_eq!(
        run["metadata"],
        json!({ "internal_id": "new", "batch": 7, "extend:usage_tags": ["teamfinance", "q3_invoices"] })
    );
    // Everything else about the run is as the spec's example has it.
    assert_eq!(run["workflow"]["name"], "Bank statements");
    assert_eq!(run["outputs"].as_array().map(Vec::len), Some(3));
    // The change is kept.
    let stored = server.mock().store().get("workflow_run_5678").unwrap();
    assert_eq!(stored.name.as_deref(), Some("April"));
}

#[tokio::test]
async fn credentials_are_required_and_checked_first() {
    let server = start().await;
    for key in [None, Some("wrong_key")] {
        let (status, body) = post(&server, "/workflow_runs/workflow_run_1234", key, "{").await;
        assert_eq!(status, 401, "{key:?}");
        assert_eq!(body["success"], false);
        assert!(
            body["error"].as_str().unwrap().starts_with("Unauthorized"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn the_api_version_header_chooses_the_version_and_names_the_ones_spoken() {
    let server = start().await;
    let send = |version: Option<&'static str>| {
        let mut request = http()
            .post(format!("{}/workflow_runs/workflow_run_1234", server.url()))
            .bearer_auth(DEFAULT_API_KEY)
            .header("content-type", "application/json")
            .body(r#"{"name":"versioned"}"#);
        if let Some(version) = version {
            request = request.header("x-extend-api-version", version);
        }
        async move {
            let response = request.send().await.expect("the request is sent");
            let status = response.status().as_u16();
            let text = response.text().await.expect("the body is read");
            (
                status,
                serde_json::from_str::<Value>(&text).expect("a JSON body"),
            )
        }
    };
    let (status, body) = send(Some("2025-04-21")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["workflowRun"]["name"], "versioned");
    // Without the header the request speaks 2026-02-09, which has other runs.
    let (status, body) = send(None).await;
    assert_eq!(
        (status, body["code"].clone()),
        (404, json!("NOT_FOUND")),
        "{body}"
    );
    for refused in ["2024-12-23", "2026-01-01", "latest", ""] {
        let (status, body) = send(Some(refused)).await;
        assert_eq!(status, 400, "{refused:?}: {body}");
        assert_eq!(
            body["message"],
            format!(
                "Invalid request: header `x-extend-api-version`: `{refused}`: not one of \
                 2025-04-21, 2026-02-09"
            ),
            "the 400 names the header and the versions spoken"
        );
    }
}

#[tokio::test]
async fn an_unknown_run_is_404() {
    let server = start().await;
    let (status, body) = update(&server, "workflow_run_missing", json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(body["success"], false);
    assert!(body["error"]
        .as_str()
        .unwrap()
        .contains("workflow_run_missing"));
}

#[tokio::test]
async fn bodies_that_are_not_json_or_break_the_schema_are_400_naming_the_problem() {
    let server = start().await;
    let path = "/workflow_runs/workflow_run_1234";
    let cases = [
        ("{\"name\": ", "body: not valid JSON"),
        ("[]", "body: expected an object, found an array"),
        (
            "{\"name\": 5}",
            "body at `/name`: expected a string, found a number",
        ),
        (
            "{\"name\": null}",
            "body at `/name`: expected a string, found null",
        ),
        (
            "{\"metadata\": \"x\"}",
            "body at `/metadata`: expected an object",
        ),
        (
            "{\"metadata\": {\"extend:usage_tags\": [\"a\", 1]}}",
            "body at `/metadata/extend:usage_tags/1`: expected a string",
        ),
        ("", "body: a JSON body is required"),
    ];
    for (body, expected) in cases {
        let (status, answer) = post(&server, path, Some(DEFAULT_API_KEY), body).await;
        assert_eq!(status, 400, "{body}");
        let message = answer["error"].as_str().unwrap();
        assert!(message.contains(expected), "{body}: {message}");
    }
    // Nothing was changed by the rejected requests.
    let run = server.mock().store().get("workflow_run_1234").unwrap();
    assert_eq!(run.name, None);
}

#[tokio::test]
async fn other_routes_and_methods_are_refused() {
    let server = start().await;
    let (status, body) = update(&server, "a/b", json!({})).await;
    assert_eq!((status, body["success"].clone()), (404, json!(false)));
    let response = http()
        .put(format!("{}/workflow_runs/workflow_run_1234", server.url()))
        .header("x-extend-api-version", "2025-04-21")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_updates_of_one_run_lose_no_metadata_key() {
    let server = std::sync::Arc::new(start().await);
    let tasks: Vec<_> = (0..64)
        .map(|i| {
            let server = std::sync::Arc::clone(&server);
            tokio::spawn(async move {
                let body =
                    json!({ "name": format!("n{i}"), "metadata": { format!("key_{i}"): i } });
                update(&server, "workflow_run_1234", body).await.0
            })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    let metadata = server
        .mock()
        .store()
        .get("workflow_run_1234")
        .unwrap()
        .metadata
        .unwrap()
        .additional_properties;
    for i in 0..64 {
        assert_eq!(
            metadata.get(&format!("key_{i}")),
            Some(&json!(i)),
            "key_{i}"
        );
    }
    assert_eq!(metadata["internal_id"], "id_1234");
}

#[tokio::test]
async fn shutdown_stops_the_server() {
    let server = start().await;
    let url = server.url();
    server.shutdown().await.unwrap();
    assert!(http()
        .post(format!("{url}/workflow_runs/x"))
        .send()
        .await
        .is_err());
}
