//! The report: every figure beside progenitor's, the ratio, the goal and whether it is met.

use super::{Results, BUILT_SIZE};
use std::fmt::Write;
use std::time::Duration;

/// Lines a 1,000-schema crate had before the code reductions; the goal is half of it.
const LINES_BEFORE: usize = 222_000;

/// The machine, as the report names it: cores, CPU, memory and the Rust toolchain.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.trim().trim_end_matches(" kB").parse::<u64>().ok())
        .map_or("unknown memory".to_owned(), |kib| {
            format!("{} GiB", kib.div_ceil(1024 * 1024))
        });
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{cores} cores ({cpu}), {memory}, {rustc}")
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

fn ratio(ours: f64, theirs: f64) -> f64 {
    if theirs == 0.0 {
        f64::NAN
    } else {
        ours / theirs
    }
}

fn mean(values: &[Duration]) -> Duration {
    let total: Duration = values.iter().sum();
    total / u32::try_from(values.len().max(1)).unwrap_or(1)
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "**missed**"
    }
}

/// The report as Markdown.
pub fn markdown(r: &Results, machine: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Machine: {machine}.\n");
    let _ = writeln!(
        out,
        "| figure | ours | progenitor 0.15.1 | ours / progenitor | goal | |\n|---|---|---|---|---|---|"
    );
    let mut row =
        |figure: String, ours: String, theirs: String, ratio: f64, goal: &str, met: bool| {
            let _ = writeln!(
                out,
                "| {figure} | {ours} | {theirs} | {ratio:.2}x | {goal} | {} |",
                verdict(met)
            );
        };
    if let Some(big) = r.codegen.iter().find(|c| c.label == "2000") {
        let (ours, theirs) = (big.ours_wall(), big.progenitor_wall());
        let x = ratio(ours.as_secs_f64(), theirs.as_secs_f64());
        row(
            "codegen, 2,000 schemas, wall (median)".into(),
            secs(ours),
            secs(theirs),
            x,
            "< 1.0 s and <= 0.5x",
            ours < Duration::from_secs(1) && x <= 0.5,
        );
        let (ours, theirs) = (big.ours_peak(), big.progenitor_peak());
        row(
            "codegen, 2,000 schemas, peak memory".into(),
            mib(ours),
            mib(theirs),
            ratio(ours as f64, theirs as f64),
            "<= 1.0x",
            ours <= theirs,
        );
    }
    let ((all, generated), theirs) = r.lines;
    row(
        format!("lines of Rust, {BUILT_SIZE} schemas (ours: all / without the carried runtimes)"),
        format!("{all} / {generated}"),
        theirs.to_string(),
        ratio(all as f64, theirs as f64),
        "<= 50% of 222k (111k)",
        all * 2 <= LINES_BEFORE,
    );
    let shown = |b: &super::Build| match &b.failure {
        Some(_) => "does not compile".to_owned(),
        None => secs(mean(&b.times)),
    };
    let (ours, theirs) = (mean(&r.builds[0].times), mean(&r.builds[1].times));
    let both = r.builds.iter().all(|b| b.failure.is_none());
    let x = if both {
        ratio(ours.as_secs_f64(), theirs.as_secs_f64())
    } else {
        f64::NAN
    };
    row(
        format!("`cargo build` of the {BUILT_SIZE}-schema crate, dependencies built (mean)"),
        shown(&r.builds[0]),
        shown(&r.builds[1]),
        x,
        "<= 0.5x",
        both && x <= 0.5,
    );
    for payload in &r.serde.payloads {
        let (Some(ours), Some(theirs)) = (payload.get("extend-models"), payload.get("progenitor"))
        else {
            continue;
        };
        let x = ratio(ours.round_trip, theirs.round_trip);
        row(
            format!(
                "parse + write, {} ({} KB)",
                payload.name,
                payload.bytes.div_ceil(1000)
            ),
            format!("{:.0} MB/s", ours.round_trip),
            format!("{:.0} MB/s", theirs.round_trip),
            x,
            ">= 1.0x, lossless",
            x >= 1.0,
        );
    }
    let finished = r.serde.payloads.iter().find(|p| p.name == "finished-run");
    if let Some((ours, plain)) =
        finished.and_then(|p| Some((p.get("extend-models")?, p.get("plain-mirror")?)))
    {
        let x = ratio(ours.read, plain.read);
        row(
            "deserialize the finished run, against a plain `#[derive(Deserialize)]` mirror".into(),
            format!("{:.0} MB/s", ours.read),
            format!("(mirror: {:.0} MB/s)", plain.read),
            x,
            ">= 0.9x the mirror",
            x >= 0.9,
        );
    }
    let _ = writeln!(
        out,
        "\nCodegen, every spec (median wall of the rounds, largest peak memory):\n\n\
         | spec | ours | progenitor | ours / progenitor | ours, peak | progenitor, peak |\n\
         |---|---|---|---|---|---|"
    );
    for c in &r.codegen {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.2}x | {} | {} |",
            c.label,
            secs(c.ours_wall()),
            secs(c.progenitor_wall()),
            ratio(
                c.ours_wall().as_secs_f64(),
                c.progenitor_wall().as_secs_f64()
            ),
            mib(c.ours_peak()),
            mib(c.progenitor_peak()),
        );
    }
    for payload in &r.serde.payloads {
        let _ = writeln!(
            out,
            "\nSerde, {}, {} bytes (median MB/s of interleaved rounds):\n\n\
             | types | deserialize | parse + write |\n|---|---|---|",
            payload.name, payload.bytes
        );
        for row in &payload.rows {
            let _ = writeln!(
                out,
                "| {} | {:.0} | {:.0} |",
                row.name, row.read, row.round_trip
            );
        }
    }
    let builds = |b: &super::Build| match &b.failure {
        Some(error) => format!("does not compile (`{error}`)"),
        None => b
            .times
            .iter()
            .map(|d| secs(*d))
            .collect::<Vec<_>>()
            .join(", "),
    };
    let _ = writeln!(
        out,
        "\nBuilds, each round: ours {}; progenitor {}.",
        builds(&r.builds[0]),
        builds(&r.builds[1])
    );
    out
}
