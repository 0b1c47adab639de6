//! Helpers shared by the integration tests.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Debug;

/// Compares two JSON documents by meaning: an absent property equals `null`, numbers compare by
/// value (`1` equals `1.0`), and RFC 3339 timestamps compare by instant
/// (`...00.000Z` equals `...00Z`). Returns the path of the first difference.
pub fn semantic_diff(expected: &Value, actual: &Value) -> Option<String> {
    diff_at("", expected, actual)
}

fn diff_at(path: &str, a: &Value, b: &Value) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut keys: Vec<&String> = x.keys().chain(y.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter().find_map(|k| {
                let (va, vb) = (
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                );
                diff_at(&format!("{path}/{k}"), va, vb)
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return Some(format!("{path}: {} items vs {}", x.len(), y.len()));
            }
            x.iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (va, vb))| diff_at(&format!("{path}/{i}"), va, vb))
        }
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => None,
        (Value::String(x), Value::String(y)) if x == y || same_instant(x, y) => None,
        _ if a == b => None,
        _ => Some(format!("{path}: expected {a}, found {b}")),
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Parses `json` as `T`, writes it back, and checks that nothing was lost or changed in
/// meaning, and that reading the output again gives the same value.
pub fn round_trip<T>(what: &str, json: &Value) -> T
where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    let typed: T = serde_json::from_value(json.clone()).unwrap_or_else(|e| {
        panic!(
            "{what}: does not parse as {}: {e}",
            std::any::type_name::<T>()
        )
    });
    let written =
        serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{what}: does not serialize: {e}"));
    if let Some(diff) = semantic_diff(json, &written) {
        panic!(
            "{what}: round trip through {} changed {diff}",
            std::any::type_name::<T>()
        );
    }
    let again: T = serde_json::from_value(written)
        .unwrap_or_else(|e| panic!("{what}: output does not parse: {e}"));
    assert_eq!(
        typed, again,
        "{what}: reading the output again gives a different value"
    );
    typed
}

/// The spec of the version the mock serves (2025-04-21), as plain JSON.
pub fn spec() -> Value {
    spec_of(xtask::codegen::layout::MOCKED)
}

/// The spec of the current API version (2026-02-09), as plain JSON.
pub fn current_spec() -> Value {
    spec_of(xtask::codegen::layout::CURRENT)
}

fn spec_of(version: xtask::codegen::layout::ApiVersion) -> Value {
    let path = xtask::workspace_root().join(version.spec());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml_ng::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The value of a named example of the 200 response of Update Workflow Run.
pub fn response_example(name: &str) -> Value {
    let pointer = format!(
        "/paths/~1workflow_runs~1{{id}}/post/responses/200/content/application~1json/examples/{name}/value"
    );
    spec()
        .pointer(&pointer)
        .cloned()
        .unwrap_or_else(|| panic!("no example at {pointer}"))
}

#[test]
fn semantic_diff_is_strict_where_it_matters() {
    use serde_json::json;
    assert_eq!(semantic_diff(&json!({"a": null}), &json!({})), None);
    assert_eq!(semantic_diff(&json!({"a": 1}), &json!({"a": 1.0})), None);
    assert_eq!(
        semantic_diff(
            &json!("2023-01-01T09:41:00.000Z"),
            &json!("2023-01-01T09:41:00Z")
        ),
        None
    );
    assert!(semantic_diff(&json!({"a": 1}), &json!({})).is_some());
    assert!(semantic_diff(&json!({"a": "x"}), &json!({"a": "y"})).is_some());
    assert!(semantic_diff(&json!([1, 2]), &json!([1])).is_some());
    assert!(semantic_diff(
        &json!("2023-01-01T09:41:00Z"),
        &json!("2023-01-01T09:41:01Z")
    )
    .is_some());
    assert!(semantic_diff(&json!({"a": {"b": false}}), &json!({"a": {}})).is_some());
}

/// Serves `app` on a free loopback port, for as long as the test runs; returns its base URL.
pub async fn serve(app: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// An HTTP client, with the process's TLS provider installed.
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

/// Sends a request and returns its status, content type and body text.
pub async fn send(request: reqwest::RequestBuilder) -> (u16, String, String) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let media = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, media, response.text().await.unwrap())
}

/// Posts `body` as JSON to `url` and returns the status and body text.
pub async fn post_json(url: &str, body: &Value) -> (u16, String) {
    let request = http()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string());
    let (status, _, text) = send(request).await;
    (status, text)
}

/// A client of any generated API, pointed at `server`.
pub fn client_of<A: extend_client::runtime::ApiSpec>(
    server: &wiremock::MockServer,
) -> extend_client::runtime::Client<A> {
    extend_client::runtime::Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .build()
        .unwrap()
}
