//! A client's `wait()` against the mock: the run moves on the mock's manual clock, so a wait
//! that would take seconds against Extend ends as soon as the test moves the clock.

use chrono::{DateTime, Utc};
use extend_client::models::v2025_04_21::{
    CreateWorkflowRunRequest, WorkflowRunFileInput, WorkflowRunStatus,
};
use extend_client::runtime::PollOptions;
use extend_client::v2025_04_21::{Client, Error};
use extend_mock::{Clock, ExtendMock, MockServer, Store, DEFAULT_API_KEY};
use std::time::Duration;

async fn start() -> (MockServer, Client, Clock) {
    let clock = Clock::manual(DateTime::<Utc>::from_timestamp(1_747_000_000, 0).unwrap());
    let server = MockServer::start(ExtendMock::new(
        DEFAULT_API_KEY,
        Store::new().with_clock(clock.clone()),
    ))
    .await
    .unwrap();
    let client = Client::builder()
        .api_key(DEFAULT_API_KEY)
        .base_url(server.url())
        .build()
        .unwrap();
    (server, client, clock)
}

async fn create_run(client: &Client) -> String {
    let file = WorkflowRunFileInput::new().with_file_url("https://files.example.com/a.pdf");
    let request = CreateWorkflowRunRequest::new("workflow_1").with_files(vec![file]);
    let created = client.create_workflow_run(&request).send().await.unwrap();
    created.workflow_runs[0].id.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wait_ends_when_the_mock_clock_brings_the_run_to_processed() {
    let (_server, client, clock) = start().await;
    let id = create_run(&client).await;
    let poll = PollOptions::every(Duration::from_millis(5), Duration::from_secs(10));
    let waiting = {
        let client = client.clone();
        let id = id.clone();
        tokio::spawn(async move { client.get_workflow_run(&id).wait_with(poll).await })
    };
    tokio::time::sleep(Duration::from_millis(30)).await;
    assert!(!waiting.is_finished(), "the run is still pending");
    clock.advance(Duration::from_secs(3));
    let answer = waiting.await.unwrap().unwrap();
    assert_eq!(answer.workflow_run.id, id);
    assert_eq!(answer.workflow_run.status, WorkflowRunStatus::Processed);
}

#[tokio::test]
async fn a_run_the_clock_never_moves_times_out_pending() {
    let (_server, client, _clock) = start().await;
    let id = create_run(&client).await;
    let poll = PollOptions::every(Duration::from_millis(5), Duration::from_millis(50));
    let error = client
        .get_workflow_run(&id)
        .wait_with(poll)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::WaitTimeout { last_status: Some(s), .. } if s == "PENDING"),
        "{error:?}"
    );
}
