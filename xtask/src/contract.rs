//! The spec as a contract for other languages: outside validators accept it, generators for
//! TypeScript and Python produce code that type-checks and reads every example, the examples
//! match their schemas, and the HTML reference shows the API. Each check is one step that names
//! what failed.

use crate::tools::{self, contract_dir, quiet_node_env};
use std::path::Path;
use std::process::Command;

/// Runs every contract check, stopping at the first failure.
pub fn run() -> Result<(), String> {
    let root = crate::workspace_root();
    let spec = root.join(crate::codegen::layout::PROJECT_SPEC);
    let dir = contract_dir();
    let generated = dir.join("generated");
    std::fs::create_dir_all(&generated).map_err(|e| format!("{}: {e}", generated.display()))?;
    let npm = tools::ensure_npm_tools()?;
    let py = tools::ensure_python_tools()?;
    let node = |tool: &str| {
        let mut command = Command::new(npm.join(tool));
        quiet_node_env(&mut command).current_dir(&root);
        command
    };
    let python = |tool: &str| {
        let mut command = Command::new(py.join(tool));
        command.current_dir(&root);
        command
    };

    step(
        "openapi-spec-validator (PyPI)",
        python("openapi-spec-validator").arg(&spec),
    )?;
    redocly_lint(&npm, &spec, &dir)?;
    step(
        "@apidevtools/swagger-parser validate",
        Command::new("node")
            .arg(dir.join("validate.mjs"))
            .arg(&spec)
            .current_dir(&dir),
    )?;
    step(
        "@stoplight/spectral-cli lint (spectral:oas, warnings fail)",
        node("spectral")
            .args(["lint", "--fail-severity=warn", "--ruleset"])
            .arg(dir.join(".spectral.yaml"))
            .arg(&spec),
    )?;
    step(
        "examples match their schemas (OAS 3.0 validator and JSON Schema, strict nullable)",
        python("python")
            .arg(dir.join("check_examples.py"))
            .arg(&spec)
            .arg("jsonschema"),
    )?;
    step(
        "the webhook signature vectors are what Python's hmac computes",
        python("python")
            .arg(dir.join("webhook_vectors.py"))
            .arg("check")
            .arg(crate::workspace_root().join("crates/extend-webhooks/tests/vectors.json")),
    )?;
    step(
        "openapi-typescript generates types",
        node("openapi-typescript")
            .arg(&spec)
            .arg("--output")
            .arg(generated.join("extend.d.ts")),
    )?;
    step(
        "every example written as a TypeScript constant of its schema's type",
        python("python")
            .arg(dir.join("check_examples.py"))
            .arg(&spec)
            .arg("typescript")
            .arg(generated.join("examples.ts")),
    )?;
    step(
        "tsc --strict type-checks a consumer of the types and every example",
        node("tsc").arg("--project").arg(dir.join("tsconfig.json")),
    )?;
    let models = generated.join("models.py");
    step(
        "datamodel-code-generator generates pydantic v2 models",
        python("datamodel-codegen")
            .arg("--input")
            .arg(&spec)
            .args([
                "--input-file-type",
                "openapi",
                "--output-model-type",
                "pydantic_v2.BaseModel",
            ])
            .args([
                "--target-python-version",
                "3.11",
                "--formatters",
                "black",
                "isort",
                "--output",
            ])
            .arg(&models),
    )?;
    step(
        "the pydantic models parse every example",
        python("python")
            .arg(dir.join("check_examples.py"))
            .arg(&spec)
            .arg("pydantic")
            .arg(&models),
    )?;
    let client = generated.join("python-client");
    let path = format!(
        "{}:{}",
        py.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    step(
        "openapi-python-client generates a package",
        python("openapi-python-client")
            .args(["generate", "--overwrite", "--path"])
            .arg(&spec)
            .arg("--output-path")
            .arg(&client)
            .env("PATH", path),
    )?;
    step(
        "the generated Python client imports and parses the examples",
        python("python")
            .arg(dir.join("check_python_client.py"))
            .arg(&client),
    )?;
    eprintln!("--> the HTML API reference (cargo xtask docs) in headless Chromium");
    let index = crate::docs::build()?;
    let screenshot = crate::docs::check_in_browser(&index)?;
    eprintln!(
        "    ok: {} shows the operation; screenshot {}",
        index.display(),
        screenshot.display()
    );
    Ok(())
}

fn step(name: &str, command: &mut Command) -> Result<(), String> {
    eprintln!("--> {name}");
    tools::run(command, name)
}

/// `redocly lint` with the recommended rules. It exits 0 on warnings, and every warning must
/// be fixed in the spec or turned off in `redocly.yaml` with a reason, so the totals decide.
fn redocly_lint(npm: &Path, spec: &Path, dir: &Path) -> Result<(), String> {
    let name = "@redocly/cli lint (recommended rules, warnings fail)";
    eprintln!("--> {name}");
    let output = quiet_node_env(&mut Command::new(npm.join("redocly")))
        .arg("lint")
        .arg("--config")
        .arg(dir.join("redocly.yaml"))
        .arg("--format=json")
        .arg(spec)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("{name}: could not start redocly: {e}"))?;
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "{name}: the JSON report does not parse ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let totals = &report["totals"];
    let count = |key: &str| totals[key].as_u64().unwrap_or(0);
    let problems = report["problems"].as_array().cloned().unwrap_or_default();
    for problem in &problems {
        let at = problem["location"][0]["pointer"].as_str().unwrap_or("?");
        eprintln!(
            "    {} {}: {} at {at}",
            problem["severity"].as_str().unwrap_or("?"),
            problem["ruleId"].as_str().unwrap_or("?"),
            problem["message"].as_str().unwrap_or("?")
        );
    }
    if count("errors") + count("warnings") > 0 || !output.status.success() {
        return Err(format!(
            "{name}: {} errors, {} warnings",
            count("errors"),
            count("warnings")
        ));
    }
    Ok(())
}
