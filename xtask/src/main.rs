//! `cargo xtask`: see `cargo xtask help`.

use std::path::PathBuf;
use std::process::ExitCode;
use xtask::codegen::{self, Target};

const HELP: &str = "\
cargo xtask <command>

Commands:
  codegen                 regenerate the code derived from spec/openapi.yaml
  codegen --check         write nothing; fail naming each generated file that is stale
  codegen --spec PATH --out DIR [--name NAME] [--check]
                          generate a standalone crate for any OpenAPI 3.0 spec into DIR
  docs                    render the HTML API reference into target/api-docs/index.html
  contract                run the outside-tool checks of the spec (validators, TS, Python, docs)
  conformance             run schemathesis against the extend-mock server
  test                    run every check CI runs: fmt, codegen --check, clippy, tests, rustdoc,
                          the contract checks and conformance
  help                    show this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => codegen_command(&args[1..]),
        Some("docs") if args.len() == 1 => match xtask::docs::build() {
            Ok(index) => {
                println!("docs: {}", index.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Some("contract") if args.len() == 1 => report(xtask::contract::run()),
        Some("conformance") if args.len() == 1 => report(xtask::conformance::run()),
        Some("test") if args.len() == 1 => {
            if xtask::suite::run() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("xtask: unknown command `{other}`\n\n{HELP}");
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

/// Parsed `codegen` arguments.
struct CodegenArgs {
    check: bool,
    target: Target,
}

fn parse_codegen(args: &[String]) -> Result<CodegenArgs, String> {
    let mut check = false;
    let (mut spec, mut out, mut name) = (None, None, None);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("`{flag}` needs a value"))
        };
        match arg.as_str() {
            "--check" => check = true,
            "--spec" => spec = Some(PathBuf::from(value("--spec")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--name" => name = Some(value("--name")?),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let target = match (spec, out) {
        (None, None) if name.is_none() => Target::Project {
            root: xtask::workspace_root(),
        },
        (Some(spec), Some(out)) => Target::Standalone { spec, out, name },
        _ => return Err("`--spec` and `--out` go together (and `--name` needs both)".to_owned()),
    };
    Ok(CodegenArgs { check, target })
}

fn codegen_command(args: &[String]) -> ExitCode {
    let parsed = match parse_codegen(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("xtask codegen: {message}\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    let outcome = match codegen::run(&parsed.target, parsed.check) {
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
    println!("{}", outcome.summary_line(parsed.check));
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
