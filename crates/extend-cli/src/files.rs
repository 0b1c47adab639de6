//! `extend files upload|list|get|delete` (API version 2026-02-09).

use crate::output;
use crate::resources::{file_call, Call};
use clap::ArgMatches;
use extend_client::models::v2026_02_09::{File, FileUpload, UploadFileBody};
use extend_client::v2026_02_09::Client;
use std::path::{Path, PathBuf};

/// Uploads the file at `path`, streamed from disk, and says so on standard error.
pub async fn upload(client: &Client, path: &Path) -> Result<File, String> {
    if !path.is_file() {
        return Err(format!("{}: no such file", path.display()));
    }
    let body = UploadFileBody::new(FileUpload::from_path(path));
    let file = client
        .upload_file(&body)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("uploaded {} as {}", path.display(), file.id);
    Ok(file)
}

pub async fn run(matches: &ArgMatches) -> Result<(), String> {
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let id = |m: &ArgMatches| m.get_one::<String>("id").cloned().unwrap_or_default();
    let call = match matches.subcommand() {
        Some(("upload", m)) => {
            let path = m.get_one::<PathBuf>("file").cloned().unwrap_or_default();
            return output::json(&upload(&client, &path).await?);
        }
        Some(("get", m)) => Call::Get(id(m)),
        Some(("delete", m)) => Call::Delete(id(m)),
        Some(("list", m)) => Call::list(m),
        _ => return Err("unknown `files` command; see `extend files --help`".into()),
    };
    output::json(&file_call(&client, call).await?)
}
