//! The call style every generated client has, against wiremock: optional parameters by name,
//! code that survives a spec adding one, per-call options, and the raw response.

use extend_client::models::v2025_04_21::{UpdateWorkflowRunRequest, WorkflowRunStatus};
use extend_client::v2025_04_21::{Client, Error};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The query the catalog calls below send: all twelve parameters, in the spec's order.
const SEARCH_QUERY: &str = "q=lamp&limit=20&offset=40&sort=price&descending=true\
    &since=2024-05-01T10%3A00%3A00Z&tags=desk&tags=led&minPrice=9.5&maxPrice=120\
    &currency=EUR&inStock=true&lang=de";

async fn catalog() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/products"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{ "name": "Lamp" }])))
        .mount(&server)
        .await;
    server
}

mod twelve {
    use extend_tests::fixture_clients::many_params::{Client, Error};
    use extend_tests::fixtures::many_params as api;

    pub async fn search(client: &Client) -> Result<Vec<api::Product>, Error> {
        include!("call_style/search.rs")
    }
}

mod thirteen {
    use extend_tests::fixture_clients::many_params_grown::{Client, Error};
    use extend_tests::fixtures::many_params_grown as api;

    pub async fn search(client: &Client) -> Result<Vec<api::Product>, Error> {
        include!("call_style/search.rs")
    }
}

#[tokio::test]
async fn twelve_optional_parameters_by_name_and_the_same_code_after_a_thirteenth() {
    let server = catalog().await;
    let first = extend_tests::fixture_clients::many_params::Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .build()
        .unwrap();
    let grown = extend_tests::fixture_clients::many_params_grown::Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .build()
        .unwrap();
    assert_eq!(twelve::search(&first).await.unwrap()[0].name, "Lamp");
    assert_eq!(thirteen::search(&grown).await.unwrap()[0].name, "Lamp");
    let sent = server.received_requests().await.unwrap();
    assert_eq!(sent.len(), 2);
    for request in &sent {
        assert_eq!(request.url.query(), Some(SEARCH_QUERY));
    }
    // The thirteenth is there to be set, and left out unless it is.
    let with_region = grown.search_products().region("eu").send().await.unwrap();
    assert_eq!(with_region.len(), 1);
    let last = server.received_requests().await.unwrap().pop().unwrap();
    assert_eq!(last.url.query(), Some("region=eu"));
}

fn extend(server: &MockServer, timeout: Duration) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .timeout(timeout)
        .max_retries(0)
        .build()
        .unwrap()
}

/// A run as Get and Update Workflow Run answer it, in the seed's version's envelope.
fn run_body(id: &str) -> serde_json::Value {
    json!({
        "success": true,
        "workflowRun": {
            "object": "workflow_run", "id": id, "status": "PROCESSED",
            "initialRunAt": "2023-01-01T09:41:00.000Z", "files": [], "outputs": [],
            "workflow": { "object": "workflow", "id": "workflow_1", "version": "1", "name": "w" }
        }
    })
}

#[tokio::test]
async fn a_per_call_timeout_fires_where_the_client_default_would_not() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(run_body("workflow_run_1"))
                .set_delay(Duration::from_millis(400)),
        )
        .mount(&server)
        .await;
    let client = extend(&server, Duration::from_secs(10));
    // The client's 10 s wait the 400 ms out.
    let run = client
        .get_workflow_run("workflow_run_1")
        .send()
        .await
        .unwrap();
    assert_eq!(run.workflow_run.status, WorkflowRunStatus::Processed);
    // 50 ms for this call alone, with no retry.
    let error = client
        .get_workflow_run("workflow_run_1")
        .timeout(Duration::from_millis(50))
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 1, .. }),
        "{error:?}"
    );
    // And the next call has the client's timeout again.
    assert!(client
        .get_workflow_run("workflow_run_1")
        .send()
        .await
        .is_ok());
}

#[tokio::test]
async fn per_call_retries_override_the_clients() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(0)
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(1))
        .build()
        .unwrap();
    client
        .get_workflow_run("r")
        .max_retries(2)
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    client.get_workflow_run("r").send().await.unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn a_per_call_header_and_api_version_go_with_that_call_only() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(run_body("workflow_run_1")))
        .mount(&server)
        .await;
    let client = extend(&server, Duration::from_secs(10));
    let request = UpdateWorkflowRunRequest::default();
    client
        .update_workflow_run("workflow_run_1", &request)
        .api_version("2099-01-01")
        .header("x-trace", "call-1")
        .send()
        .await
        .unwrap();
    client
        .update_workflow_run("workflow_run_1", &request)
        .send()
        .await
        .unwrap();
    let sent = server.received_requests().await.unwrap();
    let value = |i: usize, name: &str| {
        sent[i]
            .headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    assert_eq!(
        value(0, "x-extend-api-version").as_deref(),
        Some("2099-01-01")
    );
    assert_eq!(value(0, "x-trace").as_deref(), Some("call-1"));
    assert_eq!(
        value(1, "x-extend-api-version").as_deref(),
        Some(extend_client::v2025_04_21::API_VERSION)
    );
    assert_eq!(value(1, "x-trace"), None);
}

#[tokio::test]
async fn the_raw_response_gives_status_headers_and_request_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/workflow_runs"))
        .and(query_param("maxPageSize", "1"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req_42")
                .insert_header("x-ratelimit-remaining", "17")
                .set_body_json(json!({ "success": true, "workflowRuns": [] })),
        )
        .mount(&server)
        .await;
    let client = extend(&server, Duration::from_secs(10));
    let response = client
        .list_workflow_runs()
        .max_page_size(1)
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.request_id.as_deref(), Some("req_42"));
    assert_eq!(response.header("x-ratelimit-remaining"), Some("17"));
    assert!(response.body.workflow_runs.is_empty());
    assert_eq!(response.into_body().next_page_token, None);
}

#[tokio::test]
async fn the_header_of_a_call_must_be_a_valid_header() {
    let server = MockServer::start().await;
    let client = extend(&server, Duration::from_secs(10));
    let error = client
        .get_workflow_run("r")
        .header("bad header", "x")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest { message, .. } if message.contains("bad header")),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
