//! `extend`: the Extend API's workflow runs, extraction and webhooks from the command line.
//!
//! ```sh
//! EXTEND_API_KEY=... extend runs list --status PROCESSED --all > runs.json
//! ```
//!
//! Every command prints JSON on standard output; errors go to standard error with exit code 1
//! (2 for a wrong command line).

mod command;
mod extract;
mod output;
mod runs;
mod webhooks;

use std::process::ExitCode;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let matches = command::command().get_matches();
    let result = match matches.subcommand() {
        Some(("runs", runs)) => runs::run(runs).await,
        Some(("extract", extract)) => extract::run(extract).await,
        Some(("webhooks", webhooks)) => webhooks::run(webhooks),
        _ => Err("a subcommand is required; see --help".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
