//! `extend`: the Extend API's files, runs, definitions and webhooks from the command line.
//!
//! ```sh
//! EXTEND_API_KEY=... extend runs list --status PROCESSED --all > runs.json
//! ```
//!
//! Every command prints JSON on standard output; errors go to standard error with exit code 1
//! (2 for a wrong command line).

mod command;
mod definitions;
mod files;
mod output;
mod processing;
mod resources;
mod runs;
mod webhooks;

use resources::{Definition, RunKind};

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let matches = command::command().get_matches();
    let result = match matches.subcommand() {
        Some(("runs", runs)) => runs::run(runs).await,
        Some(("files", files)) => files::run(files).await,
        Some(("webhooks", webhooks)) => webhooks::run(webhooks),
        Some((name, m)) => {
            if let Some(kind) = RunKind::one_shot(name) {
                processing::one_shot(kind, m).await
            } else if let Some(kind) = RunKind::ALL.into_iter().find(|k| k.runs_command() == name) {
                processing::runs(kind, m).await
            } else if let Some(definition) = Definition::from_name(name) {
                definitions::run(definition, m).await
            } else {
                Err(format!("unknown command `{name}`; see --help"))
            }
        }
        None => Err("a subcommand is required; see --help".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
