//! The commands of API version 2026-02-09: files, each kind of run in one command and one call
//! at a time, and definitions.

use crate::resources::{Definition, RunKind};
use clap::{value_parser, Arg, ArgAction, Command};
use std::path::PathBuf;

fn id(what: &str) -> Arg {
    Arg::new("id")
        .value_name("ID")
        .required(true)
        .help(format!("The ID of the {what}"))
}

fn local_file(required: bool) -> Arg {
    Arg::new("file")
        .value_name("FILE")
        .required(required)
        .value_parser(value_parser!(PathBuf))
        .help("A document to upload first, such as invoice.pdf")
}

fn json_object(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name).long(name).value_name("JSON").help(help)
}

/// `--page-token`, which every list takes.
pub(super) fn page_token() -> Arg {
    Arg::new("page-token")
        .long("page-token")
        .value_name("TOKEN")
        .conflicts_with("all")
        .help("Print the page after the one that gave this nextPageToken")
}

/// `--page-size`, `--page-token` and `--all`, for a list of `what`.
fn list(what: &str) -> Command {
    Command::new("list")
        .about(format!(
            "List {what}, newest first: one page, or every page with --all"
        ))
        .arg(
            Arg::new("page-size")
                .long("page-size")
                .value_name("N")
                .value_parser(value_parser!(i64).range(1..=1000))
                .help("Items per page [default: the API's]"),
        )
        .arg(page_token())
        .arg(
            Arg::new("all")
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Follow nextPageToken through every page and print all as one array"),
        )
}

fn wait() -> Arg {
    Arg::new("wait")
        .long("wait")
        .action(ArgAction::SetTrue)
        .help("Read the run until it is final and print its output; exit 1 unless PROCESSED")
}

/// The definition flag of a kind (`--extractor ID`) and its `--version`.
fn definition_args(command: Command, kind: RunKind) -> Command {
    let Some((property, prefix)) = kind.definition() else {
        return command;
    };
    command
        .arg(
            Arg::new(property)
                .long(property)
                .value_name("ID")
                .help(format!("The {property} to run ({prefix}...)")),
        )
        .arg(
            Arg::new("version")
                .long("version")
                .value_name("VERSION")
                .requires(property)
                .help(format!(
                    "The {property} version, such as `2` or `draft` [default: the latest published]"
                )),
        )
}

fn config() -> Arg {
    json_object(
        "config",
        "The run's config as a JSON object, instead of (or with) a definition's",
    )
}

/// `extend extract FILE` and the like.
pub fn one_shot(kind: RunKind) -> Command {
    let verb = kind.verb();
    let done = match kind {
        RunKind::Extract => "print the extracted fields",
        RunKind::Classify => "print the classification",
        RunKind::Split => "print the splits",
        RunKind::Parse => "print the parsed chunks",
        RunKind::Workflow => "print its step runs",
    };
    let command = Command::new(verb)
        .about(format!(
            "Upload a file, {verb} it, wait, and {done} (API version 2026-02-09)"
        ))
        .arg(local_file(true).help("The document, such as invoice.pdf"));
    definition_args(command, kind).arg(config())
}

/// `extend extract-runs ...` and the like.
pub fn runs(kind: RunKind) -> Command {
    let verb = kind.verb();
    let what = format!("{verb} run");
    let create = Command::new("create")
        .about(format!(
            "Create a {what} over a local FILE (uploaded first), --file-id or --file-url"
        ))
        .arg(local_file(false))
        .arg(
            Arg::new("file-id")
                .long("file-id")
                .value_name("FILE_ID")
                .conflicts_with("file")
                .help("A file already uploaded"),
        )
        .arg(
            Arg::new("file-url")
                .long("file-url")
                .value_name("URL")
                .conflicts_with_all(["file", "file-id"])
                .help("A file to download"),
        );
    let create = definition_args(create, kind);
    // A workflow's steps hold their configs; a workflow run takes none.
    let create = if kind == RunKind::Workflow {
        create
    } else {
        create.arg(config())
    };
    let create = create
        .arg(json_object(
            "metadata",
            "Metadata as a JSON object, such as '{\"customerId\": \"c_1\"}'",
        ))
        .arg(wait());
    Command::new(kind.runs_command())
        .about(format!(
            "Create, read, list, cancel and delete {what}s (API version 2026-02-09)"
        ))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(create)
        .subcommand(
            Command::new("get")
                .about(format!("Print a {what}"))
                .arg(id(&what))
                .arg(wait()),
        )
        .subcommand(list(&format!("{what}s")))
        .subcommand(
            Command::new("cancel")
                .about(format!("Cancel a {what} that has not finished"))
                .arg(id(&what)),
        )
        .subcommand(
            Command::new("delete")
                .about(format!("Delete a {what} and its output, for good"))
                .arg(id(&what)),
        )
}

pub fn files() -> Command {
    Command::new("files")
        .about("Upload, list, read and delete files (API version 2026-02-09)")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("upload")
                .about("Upload a file, streamed from disk, and print it")
                .arg(local_file(true).help("The file, such as invoice.pdf")),
        )
        .subcommand(list("files"))
        .subcommand(Command::new("get").about("Print a file").arg(id("file")))
        .subcommand(
            Command::new("delete")
                .about("Delete a file, for good")
                .arg(id("file")),
        )
}

pub fn definitions(definition: Definition) -> Command {
    let name = definition.name();
    let one = name.strip_suffix('s').unwrap_or(name);
    Command::new(name)
        .about(format!("List and show {name} (API version 2026-02-09)"))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(list(name))
        .subcommand(
            Command::new("show")
                .about(format!("Print a {one} with its draft version"))
                .arg(id(one)),
        )
}
