//! `extend extract FILE --extractor ID`: the most common job in one command, in API version
//! 2026-02-09. The file is uploaded (streamed from disk), an extract run is created over it
//! with the extractor, the run is read until it is final (what it is doing shown on standard
//! error), and its extracted fields are printed as JSON. A run that fails is an error.

use clap::ArgMatches;
use extend_client::models::v2026_02_09::{
    ExtractOutput, ExtractRunsCreateRequest, ExtractRunsCreateRequestExtractor,
    ExtractRunsCreateRequestFile, FileFromId, FileUpload, ProcessorRunStatus, UploadFileBody,
};
use extend_client::v2026_02_09::Client;
use std::path::PathBuf;

pub async fn run(matches: &ArgMatches) -> Result<(), String> {
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let path = matches
        .get_one::<PathBuf>("file")
        .cloned()
        .unwrap_or_default();
    if !path.is_file() {
        return Err(format!("{}: no such file", path.display()));
    }
    let extractor = matches
        .get_one::<String>("extractor")
        .cloned()
        .unwrap_or_default();
    let upload = UploadFileBody::new(FileUpload::from_path(&path));
    let file = client
        .upload_file(&upload)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("uploaded {} as {}", path.display(), file.id);
    let request = ExtractRunsCreateRequest {
        extractor: Some(ExtractRunsCreateRequestExtractor {
            version: matches.get_one::<String>("version").cloned(),
            ..ExtractRunsCreateRequestExtractor::new(extractor)
        }),
        file: Some(ExtractRunsCreateRequestFile::FileFromId(FileFromId::new(
            file.id,
        ))),
        ..Default::default()
    };
    let run = client
        .create_extract_run(&request)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    eprintln!(
        "extract run {} is {}; waiting for it to finish",
        run.id, run.status
    );
    let done = client
        .get_extract_run(&run.id)
        .wait()
        .await
        .map_err(|e| e.to_string())?;
    match (done.status, done.output) {
        (ProcessorRunStatus::Processed, Some(ExtractOutput::ExtractOutputJson(output))) => {
            crate::output::json(&output.value)
        }
        (ProcessorRunStatus::Processed, Some(other)) => crate::output::json(&other),
        (status, _) => Err(format!(
            "extract run {} ended {status}: {}",
            done.id,
            done.failure_message.as_deref().unwrap_or("no reason given")
        )),
    }
}
