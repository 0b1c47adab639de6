//! The `extend-mock` program: it starts, serves the spec's runs and a seed file's, and
//! refuses bad options and seed files with a message.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_extend-mock");

/// Kills the server when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the program on a free port and returns it with its base URL and the runs it lists.
fn start(args: &[&str]) -> (Running, String, String) {
    let child = Command::new(BIN)
        .args(["--port", "0"])
        .args(args)
        .env_remove("EXTEND_MOCK_API_KEY")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let mut running = Running(child);
    let stdout = running.0.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines().map(Result::unwrap);
    let first = lines.next().expect("a first line");
    let url = first
        .strip_prefix("extend-mock listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    let _key = lines.next();
    let runs = lines.next().unwrap_or_default();
    (running, url, runs)
}

#[test]
fn serves_the_example_runs_and_a_seed_file() {
    let dir = std::env::temp_dir().join(format!("extend-mock-bin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seed = dir.join("runs.json");
    std::fs::write(
        &seed,
        r#"[{ "object": "workflow_run", "id": "workflow_run_seeded", "status": "PENDING",
              "initialRunAt": "2024-05-01T00:00:00Z", "files": [], "outputs": [],
              "workflow": { "object": "workflow", "id": "workflow_1", "version": "1", "name": "w" } }]"#,
    )
    .unwrap();
    let (_server, url, runs) = start(&["--api-key", "k1", "--seed", seed.to_str().unwrap()]);
    assert!(
        runs.contains("workflow_run_1234") && runs.contains("workflow_run_seeded"),
        "{runs}"
    );
    let status = |key: &str, id: &str| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let _ = rustls::crypto::ring::default_provider().install_default();
            reqwest::Client::new()
                .post(format!("{url}/workflow_runs/{id}"))
                .bearer_auth(key)
                .header("content-type", "application/json")
                .header("x-extend-api-version", "2025-04-21")
                .body(r#"{"name": "renamed"}"#)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        })
    };
    assert_eq!(status("k1", "workflow_run_seeded"), 200);
    assert_eq!(status("k1", "workflow_run_1234"), 200);
    assert_eq!(status("extend_mock_key", "workflow_run_1234"), 401);
    assert_eq!(status("k1", "workflow_run_unknown"), 404);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_options_and_seed_files_are_refused_with_a_message() {
    let run = |args: &[&str]| Command::new(BIN).args(args).output().unwrap();
    let usage = run(&["--port", "x"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("`x` is not a port number"));
    let missing = run(&["--port", "0", "--seed", "/nonexistent/runs.json"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/runs.json"));
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--seed FILE"));
}
