//! `cargo xtask test`: every check CI runs, in the order that fails fastest.

use std::process::Command;
use std::time::Instant;

/// One step of the suite: a name and the command it runs.
struct Step {
    name: &'static str,
    program: &'static str,
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
}

const STEPS: &[Step] = &[
    Step {
        name: "format",
        program: "cargo",
        args: &["fmt", "--all", "--check"],
        env: &[],
    },
    Step {
        name: "generated code is fresh",
        program: "cargo",
        args: &["xtask", "codegen", "--check"],
        env: &[],
    },
    Step {
        name: "major spec changes since the last release are versioned",
        program: "cargo",
        args: &["xtask", "gate"],
        env: &[],
    },
    Step {
        name: "clippy",
        program: "cargo",
        args: &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--all-features",
            "--",
            "-D",
            "warnings",
        ],
        env: &[],
    },
    Step {
        name: "the client with API version 2025-04-21 alone",
        program: "cargo",
        args: &[
            "check",
            "-p",
            "extend-client",
            "--no-default-features",
            "--features",
            "v2025-04-21",
        ],
        env: &[],
    },
    Step {
        name: "the client with its default, API version 2026-02-09, alone",
        program: "cargo",
        args: &["check", "-p", "extend-client"],
        env: &[],
    },
    Step {
        name: "tests",
        program: "cargo",
        args: &["test", "--workspace", "--all-features"],
        env: &[],
    },
    Step {
        name: "docs",
        program: "cargo",
        args: &["doc", "--workspace", "--no-deps", "--all-features"],
        env: &[("RUSTDOCFLAGS", "-D warnings")],
    },
    Step {
        name: "the crates publish as a set, in order (dry run)",
        program: "cargo",
        args: &[
            "publish",
            "--dry-run",
            "--workspace",
            "--allow-dirty",
            "--exclude",
            "xtask",
            "--exclude",
            "xtask-codegen",
            "--exclude",
            "xtask-diff",
            "--exclude",
            "extend-tests",
        ],
        env: &[],
    },
    Step {
        name: "the spec as a contract for other languages",
        program: "cargo",
        args: &["xtask", "contract"],
        env: &[],
    },
    Step {
        name: "schemathesis against extend-mock",
        program: "cargo",
        args: &["xtask", "conformance"],
        env: &[],
    },
];

/// Runs every step, stopping at the first failure. Returns whether all passed.
pub fn run() -> bool {
    let root = crate::workspace_root();
    let total = Instant::now();
    eprintln!("==> tools: rustfmt, clippy, Node.js, npm, Python, Chromium");
    if let Err(e) = crate::tools::ensure_system_tools() {
        eprintln!("xtask test: {e}");
        return false;
    }
    eprintln!("    ok in {:.1} s", total.elapsed().as_secs_f64());
    for step in STEPS {
        eprintln!(
            "==> {}: {} {}",
            step.name,
            step.program,
            step.args.join(" ")
        );
        let start = Instant::now();
        let status = Command::new(step.program)
            .args(step.args)
            .envs(step.env.iter().copied())
            .current_dir(&root)
            .status();
        match status {
            Ok(s) if s.success() => {
                eprintln!("    ok in {:.1} s", start.elapsed().as_secs_f64());
            }
            Ok(s) => {
                eprintln!("xtask test: step `{}` failed ({s})", step.name);
                return false;
            }
            Err(e) => {
                eprintln!(
                    "xtask test: could not run `{}` for step `{}`: {e}",
                    step.program, step.name
                );
                return false;
            }
        }
    }
    eprintln!(
        "xtask test: all {} steps passed in {:.0} s",
        STEPS.len(),
        total.elapsed().as_secs_f64()
    );
    true
}
