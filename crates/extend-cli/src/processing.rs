//! The runs of API version 2026-02-09: `extend extract FILE` (and `classify`, `split`,
//! `parse`) in one command, and `extend extract-runs create|get|list|cancel|delete` (and the
//! other kinds, workflow runs too) one call at a time, `--wait` reading a run until it is
//! final.

use crate::files;
use crate::output::{self, Waiting};
use crate::resources::{run_call, Call, RunKind};
use clap::ArgMatches;
use extend_client::v2026_02_09::Client;
use serde_json::{json, Map, Value};
use std::path::PathBuf;

/// `extend <verb> FILE`: upload, create a run, wait, print its output (an extraction's
/// fields). A run that does not end `PROCESSED` is an error.
pub async fn one_shot(kind: RunKind, matches: &ArgMatches) -> Result<(), String> {
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let path = matches
        .get_one::<PathBuf>("file")
        .cloned()
        .unwrap_or_default();
    let file = files::upload(&client, &path).await?;
    let body = request(kind, json!({ "id": file.id }), matches)?;
    let run = run_call(&client, kind, Call::Create(body)).await?;
    let done = wait(&client, kind, &run).await?;
    let output = processed(kind, &done)?;
    match kind {
        RunKind::Extract => output::json(output.get("value").unwrap_or(output)),
        _ => output::json(output),
    }
}

/// `extend <verb>-runs ...`.
pub async fn runs(kind: RunKind, matches: &ArgMatches) -> Result<(), String> {
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let id = |m: &ArgMatches| m.get_one::<String>("id").cloned().unwrap_or_default();
    let (command, m) = matches.subcommand().ok_or_else(|| {
        format!(
            "a command is required; see `extend {}-runs --help`",
            kind.verb()
        )
    })?;
    let call = match command {
        "create" => {
            let file = match (
                m.get_one::<PathBuf>("file"),
                m.get_one::<String>("file-id"),
                m.get_one::<String>("file-url"),
            ) {
                (Some(path), _, _) => json!({ "id": files::upload(&client, path).await?.id }),
                (_, Some(id), _) => json!({ "id": id }),
                (_, _, Some(url)) => json!({ "url": url }),
                _ => return Err("give a FILE, --file-id or --file-url".into()),
            };
            Call::Create(request(kind, file, m)?)
        }
        "get" => Call::Get(id(m)),
        "list" => Call::list(m),
        "cancel" => Call::Cancel(id(m)),
        "delete" => Call::Delete(id(m)),
        other => return Err(format!("unknown command `{other}`")),
    };
    let answer = run_call(&client, kind, call).await?;
    let waits = matches!(command, "create" | "get") && m.get_flag("wait");
    if !waits {
        return output::json(&answer);
    }
    let done = wait(&client, kind, &answer).await?;
    output::json(processed(kind, &done)?)
}

/// The create request: the file, the definition (`--extractor ID`, with `--version`), and
/// `--config` and `--metadata` as given.
fn request(kind: RunKind, file: Value, m: &ArgMatches) -> Result<Value, String> {
    let mut body = Map::new();
    body.insert("file".into(), file);
    if let Some((property, _)) = kind.definition() {
        if let Some(id) = m.get_one::<String>(property) {
            let mut named = json!({ "id": id });
            if let Some(version) = m.get_one::<String>("version") {
                named["version"] = Value::from(version.as_str());
            }
            body.insert(property.into(), named);
        }
    }
    for name in ["config", "metadata"] {
        if let Some(text) = m.try_get_one::<String>(name).ok().flatten() {
            let value: Value =
                serde_json::from_str(text).map_err(|e| format!("--{name} is not JSON: {e}"))?;
            if !value.is_object() {
                return Err(format!("--{name} must be a JSON object"));
            }
            body.insert(name.into(), value);
        }
    }
    Ok(body.into())
}

/// Reads `run` until it is final, showing that it waits on standard error.
async fn wait(client: &Client, kind: RunKind, run: &Value) -> Result<Value, String> {
    let id = run["id"].as_str().unwrap_or_default().to_owned();
    let status = run["status"].as_str().unwrap_or("created");
    let waiting = Waiting::start(format!("{} run {id}", kind.verb()), status);
    let done = run_call(client, kind, Call::Wait(id)).await;
    waiting.finish(done.as_ref().ok().and_then(|d| d["status"].as_str()));
    done
}

/// The output of a run that ended `PROCESSED`; otherwise an error saying how it ended.
fn processed(kind: RunKind, run: &Value) -> Result<&Value, String> {
    match run["status"].as_str() {
        Some("PROCESSED") => Ok(&run[kind.output_field()]),
        status => Err(format!(
            "{} run {} ended {}: {}",
            kind.verb(),
            run["id"].as_str().unwrap_or_default(),
            status.unwrap_or("without a status"),
            run["failureMessage"].as_str().unwrap_or("no reason given")
        )),
    }
}
