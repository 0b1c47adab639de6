//! Code generation time as users run it: `cargo xtask codegen --spec S --out D` on the project
//! spec and on synthetic specs of 500, 1,000 and 2,000 schemas (one operation per ten schemas),
//! through the same path as the command (compile, generate, format, compare with the files on
//! disk). The first run writes the crate; the timed runs find it up to date, as a second run
//! of the command does.
//!
//! `cargo bench -p xtask --bench codegen`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::path::{Path, PathBuf};
use xtask::codegen::{self, Target};

/// The standalone target of `spec`, generated once so that timed runs compare, as users'
/// second runs do.
fn target(spec: PathBuf, out: &Path) -> Target {
    let target = Target::Standalone {
        spec,
        out: out.to_owned(),
        name: Some("bench".to_owned()),
    };
    codegen::run(&target, false).expect("the spec generates");
    target
}

fn codegen_time(c: &mut Criterion) {
    let dir = xtask::workspace_root().join("target").join("codegen-bench");
    let mut group = c.benchmark_group("codegen");
    group.sample_size(10);
    let project = target(
        xtask::workspace_root().join(xtask::codegen::layout::MOCKED.spec()),
        &dir.join("extend"),
    );
    group.bench_function("extend_spec", |b| {
        b.iter(|| codegen::run(&project, false).unwrap())
    });
    for schemas in [500, 1_000, 2_000] {
        let spec = dir.join(format!("synthetic-{schemas}.yaml"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&spec, codegen::synthetic::spec(schemas)).unwrap();
        let synthetic = target(spec, &dir.join(format!("synthetic-{schemas}")));
        group.throughput(Throughput::Elements(schemas as u64));
        group.bench_with_input(
            BenchmarkId::new("synthetic_schemas", schemas),
            &synthetic,
            |b, target| b.iter(|| codegen::run(target, false).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, codegen_time);
criterion_main!(benches);
