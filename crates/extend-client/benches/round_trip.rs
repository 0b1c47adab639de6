//! One Update Workflow Run round trip on loopback, through the client and through bare
//! reqwest + serde_json doing the same work (same body, headers and response type), so that
//! the difference is what the client adds: URL building, headers, the retry loop and error
//! classification.
//!
//! `cargo bench -p extend-client --bench round_trip`

use criterion::{criterion_group, criterion_main, Criterion};
use extend_client::models::v2025_04_21::{UpdateWorkflowRunRequest, UpdateWorkflowRunResponse};
use extend_client::v2025_04_21::Client;
use std::hint::black_box;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The spec's full response example: every output kind, files with contents, step runs.
fn response_body() -> serde_json::Value {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../spec/2025-04-21/openapi.yaml"
    ))
    .unwrap();
    let spec: serde_json::Value = serde_yaml_ng::from_str(&spec).unwrap();
    spec.pointer("/paths/~1workflow_runs~1{id}/post/responses/200/content/application~1json/examples/fullRun/value")
        .unwrap()
        .clone()
}

fn round_trip(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(async {
        let server = MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(response_body()))
            .mount(&server)
            .await;
        server
    });
    let request = UpdateWorkflowRunRequest::new().with_name("March statements");

    // Built first: it installs the TLS crypto provider that a bare reqwest client needs too.
    let client = Client::builder()
        .api_key("sk_bench")
        .base_url(server.uri())
        .build()
        .unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/workflow_runs/workflow_run_5678", server.uri());

    let mut group = c.benchmark_group("update_workflow_run_round_trip");
    group.bench_function("extend_client", |b| {
        b.to_async(&runtime).iter(|| async {
            let response = client
                .update_workflow_run("workflow_run_5678", &request)
                .send()
                .await
                .unwrap();
            black_box(response)
        })
    });
    group.bench_function("bare_reqwest", |b| {
        b.to_async(&runtime).iter(|| async {
            let body = serde_json::to_vec(&request).unwrap();
            let response = http
                .post(&url)
                .bearer_auth("sk_bench")
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .header(reqwest::header::ACCEPT, "application/json")
                .header(reqwest::header::USER_AGENT, "bench")
                .body(body)
                .send()
                .await
                .unwrap();
            let bytes = response.bytes().await.unwrap();
            let parsed: UpdateWorkflowRunResponse = serde_json::from_slice(&bytes).unwrap();
            black_box(parsed)
        })
    });
    group.finish();
}

criterion_group!(benches, round_trip);
criterion_main!(benches);
