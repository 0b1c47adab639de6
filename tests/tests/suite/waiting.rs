//! `wait()` on the reads the specs mark `x-polling`, against wiremock: the run is read again
//! until its status is final, and a run that never finishes ends in `Error::WaitTimeout` with
//! its last status. Pauses of a few milliseconds keep the tests fast.

use crate::common::client_of;
use serde_json::Value;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The first example of the 200 answer of `GET path` in a version's spec.
fn read_example(version: &xtask::codegen::layout::ApiVersion, path: &str) -> Value {
    let text = std::fs::read_to_string(xtask::workspace_root().join(version.spec())).unwrap();
    let spec: Value = serde_yaml_ng::from_str(&text).unwrap();
    let examples =
        &spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["examples"];
    let (_, first) = examples.as_object().unwrap().iter().next().unwrap();
    first["value"].clone()
}

/// `answer` with the status at `pointer` set to each of `statuses` in turn, one read each,
/// the last for every read after.
async fn serve_statuses(
    route: &str,
    answer: &Value,
    pointer: &str,
    statuses: &[&str],
) -> MockServer {
    let server = MockServer::start().await;
    for (i, status) in statuses.iter().enumerate() {
        let mut body = answer.clone();
        *body.pointer_mut(pointer).unwrap() = Value::from(*status);
        let mock = Mock::given(method("GET"))
            .and(path(route))
            .respond_with(ResponseTemplate::new(200).set_body_json(body));
        let mock = if i + 1 < statuses.len() {
            mock.up_to_n_times(1)
        } else {
            mock
        };
        mock.mount(&server).await;
    }
    server
}

fn quick() -> extend_client::runtime::PollOptions {
    extend_client::runtime::PollOptions::every(Duration::from_millis(5), Duration::from_secs(5))
}

#[tokio::test]
async fn an_extract_run_is_read_until_it_is_processed() {
    use extend_client::models::v2026_02_09::ProcessorRunStatus;
    use extend_client::v2026_02_09::Client;
    let example = read_example(&xtask::codegen::layout::CURRENT, "/extract_runs/{id}");
    let server = serve_statuses(
        "/extract_runs/ex_run_1",
        &example,
        "/status",
        &["PENDING", "PENDING", "PROCESSING", "PROCESSED"],
    )
    .await;
    let client: Client = client_of(&server);
    let run = client
        .get_extract_run("ex_run_1")
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(run.status, ProcessorRunStatus::Processed);
    let reads = server.received_requests().await.unwrap();
    assert_eq!(reads.len(), 4);
    // Every read is the same call, with the version header.
    assert!(reads
        .iter()
        .all(|r| r.headers["x-extend-api-version"] == "2026-02-09"));
}

#[tokio::test]
async fn a_run_that_never_finishes_times_out_with_its_last_status() {
    use extend_client::v2026_02_09::{Client, Error};
    let example = read_example(&xtask::codegen::layout::CURRENT, "/extract_runs/{id}");
    let server = serve_statuses(
        "/extract_runs/ex_run_1",
        &example,
        "/status",
        &["PROCESSING"],
    )
    .await;
    let client: Client = client_of(&server);
    let options = extend_client::runtime::PollOptions::every(
        Duration::from_millis(5),
        Duration::from_millis(60),
    );
    let error = client
        .get_extract_run("ex_run_1")
        .wait_with(options)
        .await
        .unwrap_err();
    let Error::WaitTimeout {
        operation,
        waited,
        polls,
        last_status,
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*operation, "getExtractRun");
    assert_eq!(last_status.as_deref(), Some("PROCESSING"));
    assert!(*waited >= Duration::from_millis(60), "{waited:?}");
    assert!(*polls >= 2, "{polls}");
    assert!(
        error.to_string().contains("last status `PROCESSING`"),
        "{error}"
    );
}

#[tokio::test]
async fn a_2025_workflow_run_is_read_through_its_envelope_until_it_is_final() {
    use extend_client::models::v2025_04_21::WorkflowRunStatus;
    use extend_client::v2025_04_21::Client;
    let example = read_example(&xtask::codegen::layout::MOCKED, "/workflow_runs/{id}");
    // `NEEDS_REVIEW` is final for a wait: the run does not move on until a person acts.
    let server = serve_statuses(
        "/workflow_runs/wr_1",
        &example,
        "/workflowRun/status",
        &["PENDING", "CANCELLING", "NEEDS_REVIEW"],
    )
    .await;
    let client: Client = client_of(&server);
    let answer = client
        .get_workflow_run("wr_1")
        .wait_with(quick())
        .await
        .unwrap();
    assert_eq!(answer.workflow_run.status, WorkflowRunStatus::NeedsReview);
    let reads = server.received_requests().await.unwrap();
    assert_eq!(reads.len(), 3);
    assert!(reads
        .iter()
        .all(|r| r.headers["x-extend-api-version"] == "2025-04-21"));
}
