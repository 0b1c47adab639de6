//! Every workflow-run operation end to end against the in-process mock: runs created, advanced
//! on the mock's clock, listed page by page (also while other runs are being created),
//! updated, cancelled and deleted.

use chrono::{DateTime, Utc};
use extend_client::models::v2025_04_21::{
    BatchWorkflowRunInput, BatchWorkflowRunRequest, CreateWorkflowRunRequest, SortDirection,
    UpdateWorkflowRunRequest, WorkflowRunFileInput, WorkflowRunSortBy, WorkflowRunStatus,
};
use extend_client::v2025_04_21::{Client, Error};
use extend_mock::{Clock, ExtendMock, MockServer, Store, DEFAULT_API_KEY};
use std::collections::HashSet;
use std::time::Duration;

/// A mock with no runs, on a clock that moves only when the test says.
async fn start() -> (MockServer, Clock) {
    let start = DateTime::<Utc>::from_timestamp(1_747_000_000, 0).unwrap();
    let clock = Clock::manual(start);
    let store = Store::new().with_clock(clock.clone());
    let server = MockServer::start(ExtendMock::new(DEFAULT_API_KEY, store))
        .await
        .expect("the mock starts");
    (server, clock)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key(DEFAULT_API_KEY)
        .base_url(server.url())
        .build()
        .expect("a client")
}

fn by_url(name: &str) -> WorkflowRunFileInput {
    WorkflowRunFileInput::new().with_file_url(format!("https://files.example.com/{name}"))
}

/// A request to run `workflow` over `files` and `texts`.
fn run_request(
    workflow: &str,
    files: Vec<WorkflowRunFileInput>,
    texts: Vec<String>,
) -> CreateWorkflowRunRequest {
    CreateWorkflowRunRequest::new(workflow)
        .with_files(files)
        .with_raw_texts(texts)
}

/// Creates one run of `workflow` over `name`; returns its ID.
async fn create(client: &Client, workflow: &str, name: &str) -> String {
    let request = run_request(workflow, vec![by_url(name)], Vec::new());
    let mut created = client.create_workflow_run(&request).send().await.unwrap();
    assert_eq!(created.workflow_runs.len(), 1);
    created.workflow_runs.remove(0).id
}

fn status_code(error: &Error) -> u16 {
    error
        .as_api()
        .map(|e| e.status().as_u16())
        .unwrap_or_else(|| panic!("expected an API error, got {error:?}"))
}

#[tokio::test]
async fn a_run_is_created_advances_is_updated_and_deleted() {
    let (server, clock) = start().await;
    let client = client(&server);
    let request = run_request(
        "workflow_9001",
        vec![by_url("invoice_may.pdf?sig=1"), by_url("sheet.xlsx")],
        vec!["Invoice 7: 12.00 USD".into()],
    );
    let created = client.create_workflow_run(&request).send().await.unwrap();
    let names: Vec<&str> = created
        .workflow_runs
        .iter()
        .map(|r| r.files[0].name.as_str())
        .collect();
    assert_eq!(names, ["invoice_may.pdf", "sheet.xlsx", "raw_text.txt"]);
    assert!(created
        .workflow_runs
        .iter()
        .all(|r| r.status == WorkflowRunStatus::Pending && r.start_time.is_none()));
    let id = created.workflow_runs[0].id.clone();
    assert!(id.starts_with("workflow_run_"), "{id}");

    let status = |client: &Client, id: String| {
        let client = client.clone();
        async move {
            client
                .get_workflow_run(&id)
                .send()
                .await
                .unwrap()
                .workflow_run
        }
    };
    assert_eq!(
        status(&client, id.clone()).await.status,
        WorkflowRunStatus::Pending
    );
    clock.advance(Duration::from_secs(1));
    let processing = status(&client, id.clone()).await;
    assert_eq!(processing.status, WorkflowRunStatus::Processing);
    assert!(processing.start_time.is_some() && processing.end_time.is_none());
    clock.advance(Duration::from_secs(2));
    let processed = status(&client, id.clone()).await;
    assert_eq!(processed.status, WorkflowRunStatus::Processed);
    assert!(processed.end_time > processed.start_time);

    let update = UpdateWorkflowRunRequest::new().with_name("May invoice");
    let updated = client
        .update_workflow_run(&id, &update)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.workflow_run.name.as_deref(), Some("May invoice"));
    assert_eq!(
        status(&client, id.clone()).await.name.as_deref(),
        Some("May invoice")
    );

    let deleted = client.delete_workflow_run(&id).send().await.unwrap();
    assert_eq!(deleted.workflow_run_id, id);
    for error in [
        client.get_workflow_run(&id).send().await.unwrap_err(),
        client
            .update_workflow_run(&id, &update)
            .send()
            .await
            .unwrap_err(),
        client
            .cancel_workflow_run(&id)
            .send()
            .await
            .map(drop)
            .unwrap_err(),
        client
            .delete_workflow_run(&id)
            .send()
            .await
            .map(drop)
            .unwrap_err(),
    ] {
        assert_eq!(status_code(&error), 404, "{error}");
    }
}

#[tokio::test]
async fn only_pending_or_processing_runs_can_be_cancelled() {
    let (server, clock) = start().await;
    let client = client(&server);
    let queued = create(&client, "workflow_1", "a.pdf").await;
    let cancelled = client.cancel_workflow_run(&queued).send().await.unwrap();
    assert_eq!(cancelled.workflow_run.status, WorkflowRunStatus::Cancelled);
    // A cancelled run stays cancelled, and cannot be cancelled again.
    clock.advance(Duration::from_secs(10));
    let run = client
        .get_workflow_run(&queued)
        .send()
        .await
        .unwrap()
        .workflow_run;
    assert_eq!(run.status, WorkflowRunStatus::Cancelled);
    let again = client
        .cancel_workflow_run(&queued)
        .send()
        .await
        .unwrap_err();
    assert_eq!(status_code(&again), 400);

    let processing = create(&client, "workflow_1", "b.pdf").await;
    clock.advance(Duration::from_millis(1500));
    let cancelled = client
        .cancel_workflow_run(&processing)
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.workflow_run.status, WorkflowRunStatus::Cancelled);

    let finished = create(&client, "workflow_1", "c.pdf").await;
    clock.advance(Duration::from_secs(3));
    let refused = client
        .cancel_workflow_run(&finished)
        .send()
        .await
        .unwrap_err();
    assert_eq!(status_code(&refused), 400);
    let text = refused.to_string();
    assert!(text.contains("PROCESSED"), "{text}");
    let run = client
        .get_workflow_run(&finished)
        .send()
        .await
        .unwrap()
        .workflow_run;
    assert_eq!(run.status, WorkflowRunStatus::Processed);
}

#[tokio::test]
async fn a_listing_streams_every_page_and_keeps_its_filters() {
    let (server, clock) = start().await;
    let client = client(&server);
    let mut ours = Vec::new();
    for i in 0..23 {
        ours.push(create(&client, "workflow_a", &format!("invoice_{i}.pdf")).await);
        create(&client, "workflow_b", &format!("other_{i}.pdf")).await;
        clock.advance(Duration::from_millis(100));
    }
    // Without `sortBy`, the listing orders by `updatedAt`, as the spec documents: the oldest
    // run, renamed after every run has finished, comes first.
    clock.advance(Duration::from_secs(10));
    let rename = UpdateWorkflowRunRequest::new().with_name("renamed");
    client
        .update_workflow_run(&ours[0], &rename)
        .send()
        .await
        .unwrap();
    let first = client
        .list_workflow_runs()
        .workflow_id("workflow_a")
        .max_page_size(1)
        .send()
        .await
        .unwrap();
    assert_eq!(first.workflow_runs[0].id, ours[0]);
    let mut stream = client
        .list_workflow_runs()
        .workflow_id("workflow_a")
        .sort_by(WorkflowRunSortBy::CreatedAt)
        .max_page_size(5)
        .stream();
    let mut listed = Vec::new();
    while let Some(run) = stream.next().await {
        let run = run.unwrap();
        assert_eq!(run.workflow_id, "workflow_a");
        listed.push(run.id);
    }
    assert_eq!(stream.pages_read(), 5);
    // Newest first, each once.
    ours.reverse();
    assert_eq!(listed, ours);

    // Oldest first, by file name, and only processed runs.
    clock.advance(Duration::from_secs(3));
    let invoices = client
        .list_workflow_runs()
        .status(WorkflowRunStatus::Processed)
        .file_name_contains("INVOICE_1")
        .sort_by(WorkflowRunSortBy::CreatedAt)
        .sort_dir(SortDirection::Asc)
        .max_page_size(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<String> = invoices.iter().map(|r| r.id.clone()).collect();
    // invoice_1 and invoice_10 to invoice_19.
    assert_eq!(names.len(), 11);
    assert_eq!(names[0], ours[ours.len() - 2]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_yields_each_run_once_while_others_are_created() {
    let (server, clock) = start().await;
    let client = client(&server);
    let mut before = HashSet::new();
    for i in 0..40 {
        before.insert(create(&client, "workflow_a", &format!("f{i}.pdf")).await);
        clock.advance(Duration::from_millis(10));
    }
    for direction in [SortDirection::Desc, SortDirection::Asc] {
        // A writer creates runs of the same workflow the whole time the listing runs.
        let writer = {
            let client = client.clone();
            let clock = clock.clone();
            tokio::spawn(async move {
                let mut created = HashSet::new();
                for i in 0..60 {
                    created.insert(create(&client, "workflow_a", &format!("new{i}.pdf")).await);
                    if i % 2 == 0 {
                        clock.advance(Duration::from_millis(10));
                    }
                    tokio::task::yield_now().await;
                }
                created
            })
        };
        let mut stream = client
            .list_workflow_runs()
            .workflow_id("workflow_a")
            .sort_by(WorkflowRunSortBy::CreatedAt)
            .sort_dir(direction.clone())
            .max_page_size(3)
            .stream();
        let mut seen = Vec::new();
        while let Some(run) = stream.next().await {
            seen.push(run.unwrap().id);
            tokio::task::yield_now().await;
        }
        let created = writer.await.unwrap();
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(
            unique.len(),
            seen.len(),
            "{direction:?}: a run was listed twice"
        );
        let missing: Vec<&String> = before.iter().filter(|id| !unique.contains(id)).collect();
        assert!(missing.is_empty(), "{direction:?}: skipped {missing:?}");
        assert!(
            unique
                .iter()
                .all(|id| before.contains(*id) || created.contains(*id)),
            "{direction:?}"
        );
        before.extend(created);
    }
}

#[tokio::test]
async fn a_batch_creates_runs_that_share_its_id() {
    let (server, _clock) = start().await;
    let client = client(&server);
    let request = BatchWorkflowRunRequest::new(
        "workflow_9001",
        vec![
            BatchWorkflowRunInput::new().with_file(by_url("a.pdf")),
            BatchWorkflowRunInput::new().with_raw_text("text"),
        ],
    );
    let batch = client
        .batch_create_workflow_runs(&request)
        .send()
        .await
        .unwrap();
    assert!(batch.batch_id.starts_with("batch_"));
    let runs = client
        .list_workflow_runs()
        .batch_id(&batch.batch_id)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs
        .iter()
        .all(|r| r.batch_id.as_ref() == Some(&batch.batch_id)));

    let mut neither = request;
    neither.inputs = vec![BatchWorkflowRunInput::default()];
    let refused = client
        .batch_create_workflow_runs(&neither)
        .send()
        .await
        .unwrap_err();
    assert_eq!(status_code(&refused), 400);
}

#[tokio::test]
async fn a_cursor_is_refused_by_a_listing_with_other_filters() {
    let (server, _clock) = start().await;
    let client = client(&server);
    for i in 0..3 {
        create(&client, "workflow_a", &format!("f{i}.pdf")).await;
    }
    let first = client
        .list_workflow_runs()
        .max_page_size(1)
        .send()
        .await
        .unwrap();
    let token = first.next_page_token.expect("more pages");
    let other = client
        .list_workflow_runs()
        .sort_dir(SortDirection::Asc)
        .next_page_token(token)
        .max_page_size(1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(status_code(&other), 400);
    let forged = client
        .list_workflow_runs()
        .next_page_token("not-a-token")
        .max_page_size(1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(status_code(&forged), 400);
}
