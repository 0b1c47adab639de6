//! Code generation time: the project spec, and synthetic specs of 500, 1,000 and 2,000 schemas
//! (one operation per ten schemas), from spec text to formatted models and client.
//!
//! `cargo bench -p xtask --bench codegen`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use xtask::codegen;

fn codegen_time(c: &mut Criterion) {
    let mut group = c.benchmark_group("codegen");
    group.sample_size(10);
    let project =
        std::fs::read_to_string(xtask::workspace_root().join("spec/openapi.yaml")).unwrap();
    group.bench_function("extend_spec", |b| {
        b.iter(|| codegen::render(&project).unwrap())
    });
    for schemas in [500, 1_000, 2_000] {
        let text = codegen::synthetic::spec(schemas);
        group.throughput(Throughput::Elements(schemas as u64));
        group.bench_with_input(
            BenchmarkId::new("synthetic_schemas", schemas),
            &text,
            |b, text| b.iter(|| codegen::render(text).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, codegen_time);
criterion_main!(benches);
