//! Load on the mock: many concurrent client updates over loopback, in one process.
//!
//! ```sh
//! cargo bench -p extend-client --bench mock_load
//! ```
//!
//! Reports throughput and latency percentiles, then checks that no request failed and that no
//! update was lost: every task writes its own metadata key, so each key must end up holding
//! the last value its task wrote to that run. It exits non-zero otherwise. Settings come from
//! the environment: `LOAD_CONCURRENCY` (default 64 tasks), `LOAD_REQUESTS` (default 20,000 in
//! all) and `LOAD_RUNS` (default 2: every task updates the two example runs in turn, so that
//! many updates of one run race each other).

use extend_client::models::v2025_04_21::{UpdateWorkflowRunRequest, WorkflowRunMetadata};
use extend_client::v2025_04_21::Client;
use extend_mock::{ExtendMock, MockServer, Store, DEFAULT_API_KEY};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The latency at quantile `q` of sorted samples.
fn percentile(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and gets a short run.
    let full = std::env::args().any(|a| a == "--bench");
    let concurrency = setting("LOAD_CONCURRENCY", 64).max(1);
    let requests = setting("LOAD_REQUESTS", if full { 20_000 } else { 500 }).max(concurrency);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let server = MockServer::start(ExtendMock::new(DEFAULT_API_KEY, Store::from_examples()))
            .await
            .expect("the mock starts");
        let ids: Vec<String> = server
            .mock()
            .store()
            .ids()
            .into_iter()
            .take(setting("LOAD_RUNS", 2).max(1))
            .collect();
        let client = Client::builder()
            .api_key(DEFAULT_API_KEY)
            .base_url(server.url())
            .max_retries(0)
            .build()
            .expect("a client");
        let ids = Arc::new(ids);
        let per_task = requests / concurrency;
        let started = Instant::now();
        let tasks: Vec<_> = (0..concurrency)
            .map(|task| {
                let client = client.clone();
                let ids = Arc::clone(&ids);
                tokio::spawn(async move {
                    let mut latencies = Vec::with_capacity(per_task);
                    let mut errors = Vec::new();
                    for n in 0..per_task {
                        let mut metadata = WorkflowRunMetadata::default();
                        metadata
                            .additional_properties
                            .insert(format!("task_{task}"), n.into());
                        let request = UpdateWorkflowRunRequest::new().with_metadata(metadata);
                        let id = &ids[(task + n) % ids.len()];
                        let sent = Instant::now();
                        match client.update_workflow_run(id, &request).send().await {
                            Ok(_) => latencies.push(sent.elapsed()),
                            Err(e) => errors.push(e.to_string()),
                        }
                    }
                    (latencies, errors)
                })
            })
            .collect();
        let mut latencies = Vec::with_capacity(requests);
        let mut errors = Vec::new();
        for task in tasks {
            let (l, e) = task.await.expect("a load task");
            latencies.extend(l);
            errors.extend(e);
        }
        let elapsed = started.elapsed();
        latencies.sort();
        let done = latencies.len() + errors.len();
        println!(
            "mock_load: {done} updates by {concurrency} concurrent tasks over {} runs in {:.2} s",
            ids.len(),
            elapsed.as_secs_f64()
        );
        println!(
            "  throughput {:.0} requests/s",
            done as f64 / elapsed.as_secs_f64()
        );
        if !latencies.is_empty() {
            println!(
                "  latency p50 {:?}, p90 {:?}, p99 {:?}, max {:?}",
                percentile(&latencies, 0.50),
                percentile(&latencies, 0.90),
                percentile(&latencies, 0.99),
                latencies[latencies.len() - 1]
            );
        }
        // Every key written must be in its run: a lost update would drop one.
        let runs: Vec<_> = ids
            .iter()
            .map(|id| server.mock().store().get(id).expect("the run exists"))
            .collect();
        // Each task's key must hold the last value it wrote to that run.
        let mut lost = 0;
        for task in 0..concurrency {
            for (r, run) in runs.iter().enumerate() {
                let last = (0..per_task).rev().find(|n| (task + n) % ids.len() == r);
                let stored = run
                    .metadata
                    .as_ref()
                    .and_then(|m| m.additional_properties.get(&format!("task_{task}")))
                    .and_then(serde_json::Value::as_u64);
                lost += usize::from(last.map(|n| n as u64) != stored);
            }
        }
        println!("  errors {}, lost updates {lost}", errors.len());
        if let Some(first) = errors.first() {
            eprintln!("first error: {first}");
        }
        if !errors.is_empty() || lost > 0 {
            std::process::exit(1);
        }
    });
}
