//! The serde comparison: a small crate, written under `target/xtask-bench/serde-compare`,
//! that depends on extend-models and on progenitor's crate of the same spec, built in release
//! and run once. Its source is `xtask/bench-harness/serde_compare.rs`.

use std::path::Path;
use std::process::Command;

const MAIN: &str = include_str!("../../bench-harness/serde_compare.rs");

/// One set of types' throughput, in MB/s of JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct SerdeRow {
    /// Whose types.
    pub name: String,
    /// Deserializing the payload.
    pub read: f64,
    /// Deserializing it, then serializing the value back.
    pub round_trip: f64,
}

/// What the comparison printed for one payload.
#[derive(Debug, Clone, PartialEq)]
pub struct PayloadResults {
    /// Its shape: `run-in-progress`, `finished-run` or `listing`.
    pub name: String,
    /// Its size in bytes.
    pub bytes: usize,
    /// One row per set of types.
    pub rows: Vec<SerdeRow>,
}

impl PayloadResults {
    /// The row of `name`.
    pub fn get(&self, name: &str) -> Option<&SerdeRow> {
        self.rows.iter().find(|r| r.name == name)
    }
}

/// What the comparison printed: each payload's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SerdeResults {
    /// The payloads, in the order they ran.
    pub payloads: Vec<PayloadResults>,
}

/// Subjects measured on every payload.
const SUBJECTS: usize = 4;
/// Payloads the comparison runs.
const PAYLOADS: usize = 3;

/// Builds and runs the comparison.
pub fn serde_throughput(root: &Path, dir: &Path) -> Result<SerdeResults, String> {
    let crate_dir = dir.join("serde-compare");
    let src = crate_dir.join("src");
    std::fs::create_dir_all(&src)
        .map_err(|e| format!("could not create {}: {e}", src.display()))?;
    let common = root.join("crates/extend-models/benches/common/mod.rs");
    let manifest = format!(
        r#"[package]
name = "serde-compare"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
extend-models = {{ path = {models:?}, features = ["v2025-04-21"] }}
progenitor-extend = {{ path = {progenitor:?} }}
serde = {{ version = "1.0.200", features = ["derive"] }}
serde_json = "1.0.120"
serde_yaml_ng = "0.10"
chrono = {{ version = "0.4.38", default-features = false, features = ["std", "serde"] }}

[workspace]
"#,
        models = root.join("crates/extend-models").display().to_string(),
        progenitor = dir.join("progenitor/extend").display().to_string(),
    );
    write(&crate_dir.join("Cargo.toml"), &manifest)?;
    let main = MAIN.replace("@COMMON@", &common.display().to_string());
    write(&src.join("main.rs"), &main)?;
    let target = crate_dir.join("target");
    crate::tools::run_quietly(
        Command::new("cargo")
            .args(["build", "--quiet", "--release", "--target-dir"])
            .arg(&target)
            .current_dir(&crate_dir),
        "building the serde comparison",
    )?;
    let output = Command::new(target.join("release").join("serde-compare"))
        .arg(root.join(xtask_codegen::layout::MOCKED.spec()))
        .output()
        .map_err(|e| format!("could not run the serde comparison: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the serde comparison failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    parse(&String::from_utf8_lossy(&output.stdout))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("could not write {}: {e}", path.display()))
}

/// Reads, for each payload, `payload <name> <bytes>` and then `<subject> <read MB/s> <round
/// trip MB/s>` lines.
fn parse(text: &str) -> Result<SerdeResults, String> {
    let mut payloads: Vec<PayloadResults> = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let refused = || format!("the serde comparison printed `{line}`");
        match words.as_slice() {
            ["payload", name, bytes] => payloads.push(PayloadResults {
                name: (*name).to_owned(),
                bytes: bytes.parse().map_err(|_| refused())?,
                rows: Vec::new(),
            }),
            [name, read, trip] => {
                let (Ok(read), Ok(round_trip), Some(payload)) =
                    (read.parse(), trip.parse(), payloads.last_mut())
                else {
                    return Err(refused());
                };
                payload.rows.push(SerdeRow {
                    name: (*name).to_owned(),
                    read,
                    round_trip,
                });
            }
            _ => return Err(refused()),
        }
    }
    if payloads.len() == PAYLOADS && payloads.iter().all(|p| p.rows.len() == SUBJECTS) {
        Ok(SerdeResults { payloads })
    } else {
        Err(format!("the serde comparison printed too little:\n{text}"))
    }
}

#[cfg(test)]
mod tests {
    fn payload(name: &str) -> String {
        format!("payload {name} 45000\na 1.5 2.5\nb 3 4\nc 5 6\nd 7 8\n")
    }

    #[test]
    fn output_is_read_and_checked() {
        let text = [payload("small"), payload("big"), payload("list")].concat();
        let results = super::parse(&text).unwrap();
        assert_eq!(results.payloads.len(), 3);
        assert_eq!(results.payloads[1].name, "big");
        assert_eq!(results.payloads[1].bytes, 45000);
        let a = results.payloads[2].get("a").unwrap();
        assert_eq!((a.read, a.round_trip), (1.5, 2.5));
        // Too few payloads, too few rows, a word that is not a number, a row before any
        // payload.
        assert!(super::parse(&payload("one")).is_err());
        assert!(super::parse(
            &[payload("a"), payload("b"), "payload c 1\na 1 2\n".into()].concat()
        )
        .is_err());
        assert!(super::parse(&text.replace("b 3 4", "b x 4")).is_err());
        assert!(super::parse(&format!("a 1 2\n{text}")).is_err());
    }
}
