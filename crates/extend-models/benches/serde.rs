//! Deserialize and serialize throughput of a realistic WorkflowRun response: the generated
//! models (which keep unknown fields and values) against a plain `#[derive(Deserialize)]`
//! mirror with the same fields that drops unknown fields, and against `serde_json::Value`.
//!
//! `cargo bench -p extend-models --bench serde`

// The payloads of other shapes and their mirror are for `cargo xtask bench`.
#[allow(dead_code)]
mod common;

use common::{payload, PlainResponse};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;
use std::hint::black_box;

fn throughput(c: &mut Criterion) {
    let json = payload();
    let models: extend_models::v2025_04_21::UpdateWorkflowRunResponse =
        serde_json::from_str(&json).unwrap();
    let plain: PlainResponse = serde_json::from_str(&json).unwrap();
    let value: Value = serde_json::from_str(&json).unwrap();

    let mut group = c.benchmark_group("deserialize");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("extend_models", |b| {
        b.iter(|| {
            serde_json::from_str::<extend_models::v2025_04_21::UpdateWorkflowRunResponse>(
                black_box(&json),
            )
            .unwrap()
        })
    });
    group.bench_function("plain_struct", |b| {
        b.iter(|| serde_json::from_str::<PlainResponse>(black_box(&json)).unwrap())
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&json)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("serialize");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.bench_function("extend_models", |b| {
        b.iter(|| serde_json::to_vec(black_box(&models)).unwrap())
    });
    group.bench_function("plain_struct", |b| {
        b.iter(|| serde_json::to_vec(black_box(&plain)).unwrap())
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
