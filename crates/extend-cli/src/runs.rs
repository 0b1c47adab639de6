//! `extend runs ...`: one call of the client per command, or a stream of pages for `list --all`.

use crate::output::{self, Progress};
use clap::ArgMatches;
use extend_client::models::v2025_04_21::{
    CreateWorkflowRunRequest, ListWorkflowRunsParams, SortDirection, UpdateWorkflowRunRequest,
    WorkflowRunFileInput, WorkflowRunMetadata, WorkflowRunSortBy, WorkflowRunStatus,
};
use extend_client::v2025_04_21::Client;

pub async fn run(matches: &ArgMatches) -> Result<(), String> {
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let text = |m: &ArgMatches, name: &str| m.get_one::<String>(name).cloned();
    match matches.subcommand() {
        Some(("get", m)) => {
            let id = text(m, "id").unwrap_or_default();
            let response = client.get_workflow_run(&id).send().await.map_err(api)?;
            output::json(&response.workflow_run)
        }
        Some(("list", m)) => list(&client, m).await,
        Some(("create", m)) => {
            let texts = |name: &str| -> Vec<String> {
                m.get_many::<String>(name)
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect()
            };
            let files: Vec<WorkflowRunFileInput> = texts("file-url")
                .into_iter()
                .map(|url| WorkflowRunFileInput::new().with_file_url(url))
                .chain(
                    texts("file-id")
                        .into_iter()
                        .map(|id| WorkflowRunFileInput::new().with_file_id(id)),
                )
                .collect();
            let raw_texts = texts("text");
            if files.is_empty() && raw_texts.is_empty() {
                return Err("give at least one --file-url, --file-id or --text".into());
            }
            let mut request =
                CreateWorkflowRunRequest::new(text(m, "workflow").unwrap_or_default());
            request.files = Some(files).filter(|f| !f.is_empty());
            request.raw_texts = Some(raw_texts).filter(|t| !t.is_empty());
            request.version = text(m, "version");
            request.priority = m.get_one::<i64>("priority").copied();
            request.metadata = metadata(m)?;
            let response = client
                .create_workflow_run(&request)
                .send()
                .await
                .map_err(api)?;
            output::json(&response.workflow_runs)
        }
        Some(("update", m)) => {
            let mut request = UpdateWorkflowRunRequest::new();
            request.name = text(m, "name");
            request.metadata = metadata(m)?;
            let id = text(m, "id").unwrap_or_default();
            let response = client
                .update_workflow_run(&id, &request)
                .send()
                .await
                .map_err(api)?;
            output::json(&response.workflow_run)
        }
        Some(("cancel", m)) => {
            let id = text(m, "id").unwrap_or_default();
            let response = client.cancel_workflow_run(&id).send().await.map_err(api)?;
            output::json(&response.workflow_run)
        }
        Some(("delete", m)) => {
            let id = text(m, "id").unwrap_or_default();
            let response = client.delete_workflow_run(&id).send().await.map_err(api)?;
            output::json(&response)
        }
        _ => Err("unknown `runs` command; see `extend runs --help`".into()),
    }
}

/// One page as the API gives it (with its `nextPageToken`), or with `--all` every run of every
/// page as one array.
async fn list(client: &Client, m: &ArgMatches) -> Result<(), String> {
    let text = |name: &str| m.get_one::<String>(name).map(String::as_str);
    let status: Option<WorkflowRunStatus> = text("status").map(enum_value).transpose()?;
    let sort_by: Option<WorkflowRunSortBy> = text("sort-by").map(enum_value).transpose()?;
    let sort_dir: Option<SortDirection> = text("sort-dir").map(enum_value).transpose()?;
    let mut params = ListWorkflowRunsParams::new();
    params.status = status;
    params.workflow_id = text("workflow").map(str::to_owned);
    params.batch_id = text("batch").map(str::to_owned);
    params.file_name_contains = text("file-name").map(str::to_owned);
    params.sort_by = sort_by;
    params.sort_dir = sort_dir;
    params.next_page_token = text("page-token").map(str::to_owned);
    params.max_page_size = m.get_one::<i64>("page-size").copied();
    let call = client.list_workflow_runs().with_parameters(params);
    if !m.get_flag("all") {
        return output::json(&call.send().await.map_err(api)?);
    }
    let mut stream = call.stream();
    let mut runs = Vec::new();
    let mut progress = Progress::new();
    let mut pages = 0;
    while let Some(run) = stream.next().await {
        runs.push(run.map_err(api)?);
        if stream.pages_read() != pages {
            pages = stream.pages_read();
            progress.update(runs.len(), pages);
        }
    }
    progress.finish();
    output::json(&runs)
}

/// An enum of the models from its text; the enums are open, so any text is a value (one the
/// tool does not know is sent as it is, and the server judges it).
fn enum_value<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| format!("`{text}`: {e}"))
}

fn metadata(m: &ArgMatches) -> Result<Option<WorkflowRunMetadata>, String> {
    m.get_one::<String>("metadata")
        .map(|json| {
            serde_json::from_str(json).map_err(|e| format!("--metadata is not a JSON object: {e}"))
        })
        .transpose()
}

/// A failed call as one line: the status and the API's message when it sent one.
fn api(error: extend_client::v2025_04_21::Error) -> String {
    error.to_string()
}
