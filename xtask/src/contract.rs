//! The spec as a contract for other languages: outside validators accept it, generators for
//! TypeScript and Python produce code that type-checks and reads every example, the examples
//! match their schemas, and the HTML reference shows the API. Each check is one step that names
//! what failed.

use crate::codegen::layout::{ApiVersion, MOCKED, VERSIONS};
use crate::tools::{self, contract_dir, quiet_node_env};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the pinned npm and Python tools are; each command runs from the workspace root.
struct Tools {
    npm: PathBuf,
    py: PathBuf,
    root: PathBuf,
}

impl Tools {
    fn node(&self, tool: &str) -> Command {
        let mut command = Command::new(self.npm.join(tool));
        quiet_node_env(&mut command).current_dir(&self.root);
        command
    }

    fn python(&self, tool: &str) -> Command {
        let mut command = Command::new(self.py.join(tool));
        command.current_dir(&self.root);
        command
    }
}

/// Runs every contract check over the spec of every API version, stopping at the first
/// failure.
pub fn run() -> Result<(), String> {
    let tools = Tools {
        npm: tools::ensure_npm_tools()?,
        py: tools::ensure_python_tools()?,
        root: crate::workspace_root(),
    };
    for version in VERSIONS {
        check_version(version, &tools)?;
    }
    let dir = contract_dir();
    step(
        "the webhook signature vectors are what Python's hmac computes",
        tools
            .python("python")
            .arg(dir.join("webhook_vectors.py"))
            .arg("check")
            .arg(tools.root.join("crates/extend-webhooks/tests/vectors.json")),
    )?;
    python_client(&tools, &MOCKED)?;
    diff_schema(&tools)?;
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

/// The validators, the examples against their schemas, and the TypeScript and pydantic
/// consumers, for one version's spec; what they generate goes to `generated/<version>/`.
fn check_version(version: &ApiVersion, tools: &Tools) -> Result<(), String> {
    let spec = tools.root.join(version.spec());
    let dir = contract_dir();
    let generated = dir.join("generated").join(version.name);
    std::fs::create_dir_all(&generated).map_err(|e| format!("{}: {e}", generated.display()))?;
    eprintln!("=== {}", version.spec());
    let node = |tool: &str| tools.node(tool);
    let python = |tool: &str| tools.python(tool);
    let examples = |mode: &str| {
        let mut command = python("python");
        command
            .arg(dir.join("check_examples.py"))
            .arg(&spec)
            .arg(mode);
        command
    };

    step(
        "openapi-spec-validator (PyPI)",
        python("openapi-spec-validator").arg(&spec),
    )?;
    redocly_lint(&tools.npm, &spec, &dir)?;
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
        "examples match their schemas (two strict validators)",
        &mut examples("jsonschema"),
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
        examples("typescript").arg(generated.join("examples.ts")),
    )?;
    let tsconfig = generated.join("tsconfig.json");
    let config = format!(
        r#"{{ "extends": "../../tsconfig.json", "files": ["../../consumers/{}.ts", "extend.d.ts", "examples.ts"] }}"#,
        version.name
    );
    std::fs::write(&tsconfig, config).map_err(|e| format!("{}: {e}", tsconfig.display()))?;
    step(
        "tsc --strict type-checks a consumer of the types and every example",
        node("tsc").arg("--project").arg(&tsconfig),
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
        examples("pydantic").arg(&models),
    )
}

/// `cargo xtask diff --format json` of the two API versions, validated by Python's
/// `jsonschema` against the schema the repository publishes for that output.
fn diff_schema(tools: &Tools) -> Result<(), String> {
    let read = |path: &str| {
        let text = crate::diff::read(&tools.root, path)?;
        xtask_diff::load(path, &text).map_err(|e| e.to_string())
    };
    let (old, new) = (
        read("spec/2025-04-21/openapi.yaml")?,
        read("spec/2026-02-09/openapi.yaml")?,
    );
    let changes = xtask_diff::diff(&old, &new);
    let output = contract_dir().join("generated").join("diff.json");
    let json = xtask_diff::report::write(&changes, xtask_diff::report::Format::Json);
    std::fs::write(&output, json).map_err(|e| format!("{}: {e}", output.display()))?;
    let check = "import json, sys, jsonschema\n\
                 schema = json.load(open(sys.argv[1]))\n\
                 jsonschema.Draft202012Validator.check_schema(schema)\n\
                 jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))\n";
    step(
        "cargo xtask diff --format json is valid against xtask/diff/changes.schema.json",
        tools
            .python("python")
            .arg("-c")
            .arg(check)
            .arg(tools.root.join("xtask/diff/changes.schema.json"))
            .arg(&output),
    )
}

/// The package openapi-python-client generates, imported, with every response example parsed.
fn python_client(tools: &Tools, version: &ApiVersion) -> Result<(), String> {
    let spec = tools.root.join(version.spec());
    let dir = contract_dir();
    let client = dir
        .join("generated")
        .join(version.name)
        .join("python-client");
    let path = format!(
        "{}:{}",
        tools.py.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    step(
        "openapi-python-client generates a package",
        tools
            .python("openapi-python-client")
            .args(["generate", "--overwrite", "--path"])
            .arg(&spec)
            .arg("--output-path")
            .arg(&client)
            .env("PATH", path),
    )?;
    step(
        "the generated Python client imports and parses the examples",
        tools
            .python("python")
            .arg(dir.join("check_python_client.py"))
            .arg(&spec)
            .arg(&client),
    )
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
