//! The mock's webhook events: posted when a created run is processed or cancelled, signed so
//! that `extend-webhooks` verifies them, received by a small server of the test's own.

use crate::receiver::receiver;
use axum::body::Bytes;
use axum::http::HeaderMap;
use chrono::{DateTime, Utc};
use extend_client::models::v2025_04_21::{
    CreateWorkflowRunRequest, WebhookEvent, WorkflowRunFileInput,
};
use extend_client::v2025_04_21::Client;
use extend_mock::{Clock, ExtendMock, MockServer, Store, WebhookTarget, DEFAULT_API_KEY};
use extend_webhooks::Verifier;
use std::time::Duration;
use tokio::sync::mpsc;

const SECRET: &str = "wss_mock_test_secret";

/// A mock with no runs, on a manual clock, posting its events to `url`; a client of it.
async fn start(url: &str) -> (MockServer, Client, Clock) {
    let clock = Clock::manual(DateTime::<Utc>::from_timestamp(1_747_000_000, 0).unwrap());
    let store = Store::new().with_clock(clock.clone());
    let mock =
        ExtendMock::new(DEFAULT_API_KEY, store).with_webhooks(WebhookTarget::new(url, SECRET));
    let server = MockServer::start(mock).await.unwrap();
    let client = Client::builder()
        .api_key(DEFAULT_API_KEY)
        .base_url(server.url())
        .build()
        .unwrap();
    (server, client, clock)
}

/// The mock's record of its deliveries, once it holds `count` of them (10 s at most).
async fn deliveries(server: &MockServer, count: usize) -> Vec<extend_mock::Delivery> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let deliveries = server.mock().webhook_deliveries();
        if deliveries.len() >= count {
            return deliveries;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{} deliveries recorded, {count} expected",
            deliveries.len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn next_event(received: &mut mpsc::UnboundedReceiver<(HeaderMap, Bytes)>) -> WebhookEvent {
    let (headers, body) = tokio::time::timeout(Duration::from_secs(10), received.recv())
        .await
        .expect("a delivery within 10 s")
        .expect("the receiver runs");
    Verifier::new(SECRET)
        .verify(&headers, &body)
        .expect("the delivery verifies")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processed_and_cancelled_runs_are_announced_with_signed_events() {
    let (url, mut received) = receiver().await;
    let (server, client, clock) = start(&url).await;
    let file = WorkflowRunFileInput::new().with_file_url("https://files.example.com/a.pdf");
    let request = CreateWorkflowRunRequest::new("workflow_1").with_files(vec![file.clone(), file]);
    let runs = client
        .create_workflow_run(&request)
        .send()
        .await
        .unwrap()
        .workflow_runs;
    let (done, cancelled) = (&runs[0].id, &runs[1].id);

    client.cancel_workflow_run(cancelled).send().await.unwrap();
    let WebhookEvent::WorkflowRunCancelled(event) = next_event(&mut received).await else {
        panic!("expected workflow_run.cancelled first");
    };
    assert_eq!(&event.payload.id, cancelled);

    // Nobody reads the run: it is announced when its time comes all the same.
    clock.advance(Duration::from_secs(3));
    let WebhookEvent::WorkflowRunCompleted(event) = next_event(&mut received).await else {
        panic!("expected workflow_run.completed");
    };
    assert_eq!(&event.payload.id, done);
    assert_eq!(event.payload.status.to_string(), "PROCESSED");

    // The receiver has the event before the mock has its answer: wait for the record.
    let deliveries = deliveries(&server, 2).await;
    let kinds: Vec<(&str, &str, Result<u16, String>)> = deliveries
        .iter()
        .map(|d| {
            (
                d.event_type.as_str(),
                d.object_id.as_str(),
                d.outcome.clone(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("workflow_run.cancelled", cancelled.as_str(), Ok(200)),
            ("workflow_run.completed", done.as_str(), Ok(200)),
        ]
    );
    assert_ne!(deliveries[0].event_id, deliveries[1].event_id);
}

#[tokio::test]
async fn an_unreachable_receiver_is_recorded_not_fatal() {
    let (server, client, clock) = start("http://127.0.0.1:9/hooks").await;
    let request = CreateWorkflowRunRequest::new("workflow_1").with_raw_texts(vec!["text".into()]);
    let id = client
        .create_workflow_run(&request)
        .send()
        .await
        .unwrap()
        .workflow_runs[0]
        .id
        .clone();
    clock.advance(Duration::from_secs(3));
    let delivery = &deliveries(&server, 1).await[0];
    assert_eq!(delivery.object_id, id);
    assert!(delivery.outcome.is_err(), "{delivery:?}");
    // The mock still serves.
    assert!(client.get_workflow_run(&id).send().await.is_ok());
}
