//! What the serde benchmarks share: the payloads and a plain mirror of the models. Also read
//! by `cargo xtask bench`, which measures the three payloads against progenitor's types.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The spec's `fullRun` example, grown to 60 outputs and 30 files: about the size of a run
/// over a long document.
pub fn payload() -> String {
    payload_from(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../spec/2025-04-21/openapi.yaml"
    )))
}

/// The payload, from the spec at `spec`.
pub fn payload_from(spec: &std::path::Path) -> String {
    finished_run(&read_spec(spec))
}

/// The payloads of three shapes, by name, from the spec at `spec`: a run in progress (the
/// `processingRun` example, small, most fields `null`), the finished run of [`payload`], and
/// a listing (the `firstPage` example of List Workflow Runs grown to 100 runs).
pub fn payloads_from(spec: &std::path::Path) -> [(&'static str, String); 3] {
    let spec = read_spec(spec);
    let in_progress = example(&spec, "/paths/~1workflow_runs~1{id}/post", "processingRun");
    let mut listing = example(&spec, "/paths/~1workflow_runs/get", "firstPage");
    let runs = listing["workflowRuns"].as_array().unwrap().clone();
    listing["workflowRuns"] = Value::Array(runs.iter().cycle().take(100).cloned().collect());
    [
        (
            "run-in-progress",
            serde_json::to_string(&in_progress).unwrap(),
        ),
        ("finished-run", finished_run(&spec)),
        ("listing", serde_json::to_string(&listing).unwrap()),
    ]
}

fn read_spec(spec: &std::path::Path) -> Value {
    serde_yaml_ng::from_str(&std::fs::read_to_string(spec).unwrap()).unwrap()
}

/// The value of the named example of an operation's 200 answer.
fn example(spec: &Value, operation: &str, name: &str) -> Value {
    let pointer =
        format!("{operation}/responses/200/content/application~1json/examples/{name}/value");
    spec.pointer(&pointer).unwrap().clone()
}

fn finished_run(spec: &Value) -> String {
    let update = "/paths/~1workflow_runs~1{id}/post";
    let mut example_run = example(spec, update, "fullRun");
    let seed = example(spec, update, "processedExtractRun")["workflowRun"]["outputs"][0].clone();
    let run = example_run["workflowRun"].as_object_mut().unwrap();
    let mut outputs = run["outputs"].as_array().unwrap().clone();
    outputs.push(seed);
    let files = run["files"].as_array().unwrap().clone();
    run.insert(
        "outputs".into(),
        Value::Array(outputs.iter().cycle().take(60).cloned().collect()),
    );
    run.insert(
        "files".into(),
        Value::Array(files.iter().cycle().take(30).cloned().collect()),
    );
    serde_json::to_string(&example_run).unwrap()
}

// The plain mirror: the same fields, closed enums as strings, unknown fields dropped.

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainResponse {
    success: bool,
    workflow_run: PlainRun,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainRun {
    object: String,
    id: String,
    name: Option<String>,
    url: Option<String>,
    status: String,
    metadata: Option<Map<String, Value>>,
    batch_id: Option<String>,
    files: Vec<PlainFile>,
    failure_reason: Option<String>,
    failure_message: Option<String>,
    initial_run_at: DateTime<Utc>,
    reviewed: Option<bool>,
    reviewed_by: Option<String>,
    rejection_note: Option<String>,
    reviewed_at: Option<DateTime<Utc>>,
    start_time: Option<DateTime<Utc>>,
    end_time: Option<DateTime<Utc>>,
    outputs: Vec<PlainProcessorRun>,
    step_runs: Option<Vec<PlainStepRun>>,
    workflow: PlainWorkflow,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainWorkflow {
    object: String,
    id: String,
    version: String,
    name: String,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainFile {
    object: String,
    id: String,
    name: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    presigned_url: Option<String>,
    parent_file_id: Option<String>,
    contents: Option<PlainContents>,
    metadata: Option<PlainFileMetadata>,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainContents {
    raw_text: Option<String>,
    markdown: Option<String>,
    pages: Option<Vec<PlainPage>>,
    sheets: Option<Vec<PlainSheet>>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainPage {
    page_number: Option<i64>,
    page_height: Option<f64>,
    page_width: Option<f64>,
    raw_text: Option<String>,
    markdown: Option<String>,
    html: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainSheet {
    sheet_name: Option<String>,
    raw_text: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainFileMetadata {
    page_count: Option<i64>,
    parent_split: Option<PlainParentSplit>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainParentSplit {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    identifier: Option<String>,
    start_page: Option<i64>,
    end_page: Option<i64>,
}

#[derive(Deserialize, Serialize)]
#[serde(tag = "type")]
pub enum PlainProcessorRun {
    #[serde(rename = "EXTRACT")]
    Extract(PlainRunOf<PlainExtractOutput>),
    #[serde(rename = "CLASSIFY")]
    Classify(PlainRunOf<PlainClassifyOutput>),
    #[serde(rename = "SPLITTER")]
    Splitter(PlainRunOf<PlainSplitterOutput>),
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainRunOf<O> {
    object: String,
    id: String,
    processor_id: Option<String>,
    processor_version_id: Option<String>,
    processor_name: Option<String>,
    status: Option<String>,
    reviewed: Option<bool>,
    edited: bool,
    edits: Option<BTreeMap<String, PlainEdit>>,
    config: Option<Map<String, Value>>,
    files: Option<Vec<PlainFile>>,
    merged_processors: Option<Vec<PlainMerged>>,
    failure_reason: Option<String>,
    failure_message: Option<String>,
    metadata: Option<Map<String, Value>>,
    url: Option<String>,
    initial_output: Option<O>,
    reviewed_output: Option<O>,
    output: Option<O>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainEdit {
    original_value: Option<Value>,
    edited_value: Option<Value>,
    notes: Option<String>,
    page: Option<i64>,
    field_type: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainMerged {
    processor_id: Option<String>,
    processor_version_id: Option<String>,
    processor_name: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(untagged)]
pub enum PlainExtractOutput {
    JsonSchema {
        value: Map<String, Value>,
        metadata: Option<BTreeMap<String, PlainFieldMetadata>>,
    },
    Legacy(BTreeMap<String, PlainLegacyField>),
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainFieldMetadata {
    ocr_confidence: Option<f64>,
    logprobs_confidence: Option<f64>,
    citations: Option<Vec<PlainCitation>>,
    insights: Option<Vec<PlainInsight>>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainCitation {
    page: Option<i64>,
    reference_text: Option<String>,
    polygon: Option<Vec<PlainPoint>>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainPoint {
    x: f64,
    y: f64,
}

#[derive(Deserialize, Serialize)]
pub struct PlainInsight {
    #[serde(rename = "type")]
    kind: Option<String>,
    content: Option<String>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainLegacyField {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    value: Option<Value>,
    confidence: Option<f64>,
    schema: Option<Value>,
    insights: Option<Vec<PlainInsight>>,
    references: Option<Vec<Value>>,
    #[serde(rename = "enum")]
    options: Option<Vec<Value>>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainClassifyOutput {
    id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    confidence: Option<f64>,
    insights: Option<Vec<PlainInsight>>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainSplitterOutput {
    splits: Option<Vec<PlainSplit>>,
    is_external: Option<bool>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainSplit {
    id: Option<String>,
    classification_id: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    start_page: Option<i64>,
    end_page: Option<i64>,
    identifier: Option<String>,
    observation: Option<String>,
    file_id: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize, Serialize)]
pub struct PlainStepRun {
    object: String,
    id: String,
    status: String,
    step: Value,
    output: Option<Value>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainListResponse {
    success: bool,
    workflow_runs: Vec<PlainRunSummary>,
    next_page_token: Option<String>,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainRunSummary {
    id: String,
    name: Option<String>,
    url: Option<String>,
    status: String,
    workflow_id: Option<String>,
    workflow_name: Option<String>,
    workflow_version_id: Option<String>,
    batch_id: Option<String>,
    initial_run_at: Option<DateTime<Utc>>,
    reviewed_by_user: Option<String>,
    reviewed_at: Option<DateTime<Utc>>,
    start_time: Option<DateTime<Utc>>,
    end_time: Option<DateTime<Utc>>,
    created_at: Option<DateTime<Utc>>,
    updated_at: Option<DateTime<Utc>>,
}
