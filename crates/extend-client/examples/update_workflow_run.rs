//! Updates a workflow run's name and metadata, and prints the run as JSON.
//!
//! ```sh
//! EXTEND_API_KEY=... cargo run -p extend-client --example update_workflow_run -- \
//!     workflow_run_1234 --name "March invoices" --metadata '{"internal_id": "id_1234"}'
//! ```
//!
//! `EXTEND_BASE_URL` points it at another server, such as a local mock.

use extend_client::models::{UpdateWorkflowRunRequest, WorkflowRunMetadata};
use extend_client::Client;
use std::process::ExitCode;

const USAGE: &str = "usage: update_workflow_run <ID> [--name NAME] [--metadata JSON]";

/// The parsed command line.
struct Args {
    id: String,
    request: UpdateWorkflowRunRequest,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut id = None;
    let mut request = UpdateWorkflowRunRequest::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--name" => request.name = Some(args.next().ok_or("--name needs a value")?),
            "--metadata" => {
                let json = args.next().ok_or("--metadata needs a JSON object")?;
                let metadata: WorkflowRunMetadata = serde_json::from_str(&json)
                    .map_err(|e| format!("--metadata is not a JSON object: {e}"))?;
                request.metadata = Some(metadata);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            _ if id.is_none() => id = Some(arg),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    let id = id.ok_or("the workflow run ID is missing")?;
    Ok(Args { id, request })
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let client = match Client::from_env() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match client.update_workflow_run(&args.id, &args.request).await {
        Ok(response) => match serde_json::to_string_pretty(&response.workflow_run) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: the run could not be printed: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
