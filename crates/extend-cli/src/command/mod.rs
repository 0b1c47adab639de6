//! The command line, with help for each command: `extend runs ...` (the workflow runs of API
//! version 2025-04-21), the commands of 2026-02-09 ([`current`]), and `extend webhooks verify`.

mod current;

use crate::resources::{Definition, RunKind};
use clap::{value_parser, Arg, ArgAction, Command};

/// The whole command, as `--help` shows it.
pub fn command() -> Command {
    Command::new("extend")
        .about(
            "Files, runs, definitions and webhooks of the Extend API, from the command line; output is JSON",
        )
        .after_help(
            "The API key is read from EXTEND_API_KEY; EXTEND_BASE_URL points the tool at another \
             server, such as a local extend-mock.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommands(RunKind::ONE_SHOT.map(current::one_shot))
        .subcommand(current::files())
        .subcommands(RunKind::ALL.map(current::runs))
        .subcommands(Definition::ALL.map(current::definitions))
        .subcommand(runs())
        .subcommand(webhooks())
}

fn id() -> Arg {
    Arg::new("id")
        .value_name("ID")
        .required(true)
        .help("The ID of the workflow run (workflow_run_...)")
}

fn metadata() -> Arg {
    Arg::new("metadata")
        .long("metadata")
        .value_name("JSON")
        .help("Metadata as a JSON object, such as '{\"internal_id\": \"id_1\"}'")
}

fn runs() -> Command {
    Command::new("runs")
        .about("Create, read, list, update, cancel and delete workflow runs (API version 2025-04-21)")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("get")
                .about("Print a workflow run with its files and outputs")
                .arg(id()),
        )
        .subcommand(
            Command::new("list")
                .about("List workflow runs, newest first: one page, or every page with --all")
                .arg(
                    Arg::new("status")
                        .long("status")
                        .value_name("STATUS")
                        .help("Only runs with this status (PENDING, PROCESSING, PROCESSED, FAILED, ...)"),
                )
                .arg(
                    Arg::new("workflow")
                        .long("workflow")
                        .value_name("WORKFLOW_ID")
                        .help("Only runs of this workflow"),
                )
                .arg(
                    Arg::new("batch")
                        .long("batch")
                        .value_name("BATCH_ID")
                        .help("Only runs of this batch"),
                )
                .arg(
                    Arg::new("file-name")
                        .long("file-name")
                        .value_name("TEXT")
                        .help("Only runs with a file whose name contains TEXT (ignoring case)"),
                )
                .arg(
                    Arg::new("sort-by")
                        .long("sort-by")
                        .value_name("FIELD")
                        .value_parser(["createdAt", "updatedAt"])
                        .help("The timestamp to order by [default: createdAt]"),
                )
                .arg(
                    Arg::new("sort-dir")
                        .long("sort-dir")
                        .value_name("DIR")
                        .value_parser(["asc", "desc"])
                        .help("Oldest (asc) or newest (desc) first [default: desc]"),
                )
                .arg(
                    Arg::new("page-size")
                        .long("page-size")
                        .value_name("N")
                        .value_parser(value_parser!(i64).range(1..=1000))
                        .help("Runs per page, 1 to 1000 [default: 10]"),
                )
                .arg(current::page_token())
                .arg(
                    Arg::new("all")
                        .long("all")
                        .action(ArgAction::SetTrue)
                        .help("Follow nextPageToken through every page and print all runs as one array (progress on stderr)"),
                ),
        )
        .subcommand(
            Command::new("create")
                .about("Run a workflow over files and texts: one run per file and per text")
                .arg(
                    Arg::new("workflow")
                        .long("workflow")
                        .value_name("WORKFLOW_ID")
                        .required(true)
                        .help("The workflow to run"),
                )
                .arg(
                    Arg::new("file-url")
                        .long("file-url")
                        .value_name("URL")
                        .action(ArgAction::Append)
                        .help("A file to download and run over (repeatable)"),
                )
                .arg(
                    Arg::new("file-id")
                        .long("file-id")
                        .value_name("FILE_ID")
                        .action(ArgAction::Append)
                        .help("A file already uploaded to Extend (repeatable)"),
                )
                .arg(
                    Arg::new("text")
                        .long("text")
                        .value_name("TEXT")
                        .action(ArgAction::Append)
                        .help("A raw text to run over (repeatable)"),
                )
                .arg(
                    Arg::new("version")
                        .long("version")
                        .value_name("VERSION")
                        .help("The workflow version, such as 3 or draft [default: the latest published]"),
                )
                .arg(
                    Arg::new("priority")
                        .long("priority")
                        .value_name("N")
                        .value_parser(value_parser!(i64).range(1..=100))
                        .help("Queue priority, 1 (first) to 100 [default: 50]"),
                )
                .arg(metadata()),
        )
        .subcommand(
            Command::new("update")
                .about("Rename a workflow run or merge metadata into it")
                .arg(id())
                .arg(
                    Arg::new("name")
                        .long("name")
                        .value_name("NAME")
                        .help("The new name"),
                )
                .arg(metadata()),
        )
        .subcommand(
            Command::new("cancel")
                .about("Cancel a workflow run that is PENDING or PROCESSING")
                .arg(id()),
        )
        .subcommand(
            Command::new("delete")
                .about("Delete a workflow run and what it produced, for good")
                .arg(id()),
        )
}

fn webhooks() -> Command {
    Command::new("webhooks")
        .about("Check webhook deliveries")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("verify")
                .about("Verify a delivery's signature and print its event; exit 1 if it does not verify")
                .arg(
                    Arg::new("secret")
                        .long("secret")
                        .value_name("SECRET")
                        .env("EXTEND_WEBHOOK_SECRET")
                        .required(true)
                        .hide_env_values(true)
                        .help("The endpoint's signing secret (wss_...)"),
                )
                .arg(
                    Arg::new("timestamp")
                        .long("timestamp")
                        .value_name("SECONDS")
                        .required(true)
                        .help("The x-extend-request-timestamp header"),
                )
                .arg(
                    Arg::new("signature")
                        .long("signature")
                        .value_name("HEX")
                        .required(true)
                        .help("The x-extend-request-signature header"),
                )
                .arg(
                    Arg::new("body")
                        .long("body")
                        .value_name("FILE")
                        .help("The raw body, exactly as received [default: standard input]"),
                )
                .arg(
                    Arg::new("tolerance")
                        .long("tolerance")
                        .value_name("SECONDS")
                        .value_parser(value_parser!(u64))
                        .help("How old the timestamp may be [default: 300]"),
                )
                .arg(
                    Arg::new("api-version")
                        .long("api-version")
                        .value_name("VERSION")
                        .value_parser(["2026-02-09", "2025-04-21"])
                        .default_value("2026-02-09")
                        .help("The API version of the endpoint, whose event types the event is read as"),
                ),
        )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_well_formed() {
        super::command().debug_assert();
    }
}
