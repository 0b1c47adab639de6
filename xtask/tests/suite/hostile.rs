//! Specs written to exhaust a generator that runs in CI on specs from elsewhere: each must end
//! within 10 s and 1 GiB of address space, with a refusal or a warning that names the place,
//! and never a panic.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(10);
/// 1 GiB, as `ulimit -v` counts it (KiB).
const MEMORY_KIB: u64 = 1024 * 1024;

/// A minimal 3.0 document with `schemas` and `extra` under `components`, and one operation
/// answering `#/components/schemas/A`.
fn spec(schemas: &str, extra: &str) -> String {
    format!(
        r##"{{"openapi": "3.0.3", "info": {{"title": "h", "version": "1"}},
  "paths": {{"/a": {{"get": {{"operationId": "getA", "parameters": [{{"$ref": "#/components/parameters/P"}}],
    "responses": {{"200": {{"description": "ok", "content": {{"application/json": {{"schema": {{"$ref": "#/components/schemas/A"}}}}}}}},
                   "404": {{"$ref": "#/components/responses/R"}}}}}}}}}},
  "components": {{"schemas": {schemas},
    "parameters": {{"P": {{"name": "p", "in": "query", "schema": {{"type": "string"}}}}}},
    "responses": {{"R": {{"description": "none"}}}} {extra}}}}}"##
    )
}

/// Each case: its name, its text, whether it is refused (else generated with a warning), and
/// what the message must name.
fn cases() -> Vec<(&'static str, String, bool, &'static str)> {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    vec![
        (
            "two aliases of each other",
            spec(
                r##"{"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}"##,
                "",
            ),
            false,
            "at /components/schemas/A: `A` is only a name for itself (a cycle of A, B)",
        ),
        (
            "an alias of itself",
            spec(r##"{"A": {"$ref": "#/components/schemas/A"}}"##, ""),
            false,
            "at /components/schemas/A: `A` is only a name for itself",
        ),
        (
            "three allOfs round",
            spec(
                r##"{"A": {"allOf": [{"$ref": "#/components/schemas/B"}]},
                     "B": {"allOf": [{"$ref": "#/components/schemas/C"}]},
                     "C": {"allOf": [{"$ref": "#/components/schemas/A"}]}}"##,
                "",
            ),
            false,
            "a cycle of A, B, C",
        ),
        (
            "an extension 100,000 arrays deep",
            spec(&format!(r#"{{"A": {{"type": "string", "x-deep": {deep}}}}}"#), ""),
            true,
            "nested more than 512 levels deep",
        ),
        (
            "a parameter that is a $ref round to itself",
            spec(r#"{"A": {"type": "string"}}"#, "")
                .replace(r#""P": {"name": "p", "in": "query", "schema": {"type": "string"}}"#,
                    r##""P": {"$ref": "#/components/parameters/Q"}, "Q": {"$ref": "#/components/parameters/P"}"##),
            false,
            "at /components/parameters/P: `P` is only a `$ref` round to itself (P -> Q -> P)",
        ),
        (
            "a response that is a $ref round to itself",
            spec(r#"{"A": {"type": "string"}}"#, "")
                .replace(r#""R": {"description": "none"}"#, r##""R": {"$ref": "#/components/responses/R"}"##),
            false,
            "at /components/responses/R: `R` is only a `$ref` round to itself",
        ),
        (
            "a schema under a path that holds itself",
            spec(r#"{"A": {"type": "string"}}"#, "").replace(
                r##"{"$ref": "#/components/schemas/A"}"##,
                r##"{"type": "object", "properties": {"next": {"$ref": "#/paths/~1a/get/responses/200/content/application~1json/schema"}}}"##,
            ),
            false,
            "points at a place that holds it",
        ),
    ]
}

/// Runs the generator on `spec` under the memory limit; its exit code, output and time.
fn generate(spec: &Path, out: &Path) -> (Option<i32>, String, Duration) {
    let started = Instant::now();
    let run = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec"])
        .arg(spec)
        .arg("--out")
        .arg(out)
        .output()
        .expect("sh runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    (run.status.code(), text, started.elapsed())
}

#[test]
fn hostile_specs_end_quickly_in_bounded_memory_naming_the_place() {
    let dir = xtask::workspace_root()
        .join("target")
        .join("xtask-cli-tests")
        .join("hostile");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for (i, (name, text, refused, named)) in cases().into_iter().enumerate() {
        let spec = dir.join(format!("case{i}.json"));
        std::fs::write(&spec, text).unwrap();
        let (code, said, took) = generate(&spec, &dir.join(format!("case{i}-out")));
        let expected = if refused { Some(1) } else { Some(0) };
        if took > LIMIT || code != expected || !said.contains(named) || said.contains("panicked") {
            failures.push(format!(
                "{name}: exit {code:?} (expected {expected:?}) after {took:?}; `{named}` in:\n{said}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
