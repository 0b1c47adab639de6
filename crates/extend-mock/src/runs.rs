//! New runs, as Run Workflow and Batch Run Workflow make them: one for each file and each raw
//! text, `PENDING`, with its file described.

use crate::store::Store;
use extend_models::v2025_04_21::{
    File, FileMetadata, FileType, Workflow, WorkflowRun, WorkflowRunFileInput, WorkflowRunMetadata,
    WorkflowRunRequired, WorkflowRunStatus,
};

/// What a new run runs over.
#[derive(Debug)]
pub enum Input<'i> {
    /// A file given by URL or ID.
    File(&'i WorkflowRunFileInput),
    /// A raw text.
    Text,
}

/// What new runs share.
#[derive(Debug)]
pub struct Template<'t> {
    pub workflow_id: &'t str,
    pub version: Option<&'t str>,
    pub batch_id: Option<&'t str>,
}

/// A new run over `input`; the store gives it its IDs and, when it is stored, its times.
pub(crate) fn new_run(
    store: &Store,
    template: &Template<'_>,
    input: Input<'_>,
    metadata: Option<WorkflowRunMetadata>,
) -> Result<WorkflowRun, String> {
    let name = match input {
        Input::File(file) => file_name(file)?,
        Input::Text => "raw_text.txt".to_owned(),
    };
    let id = store.new_id("workflow_run_");
    let now = store.clock().now();
    let file_id = match input {
        Input::File(WorkflowRunFileInput {
            file_id: Some(id), ..
        }) => id.clone(),
        _ => store.new_id("file_"),
    };
    let file = File::new(file_id, name.clone())
        .with_type(file_type(&name))
        .with_metadata(FileMetadata::new())
        .with_created_at(now)
        .with_updated_at(now);
    let workflow_id = template.workflow_id;
    let workflow = Workflow::new(workflow_id, template.version.unwrap_or("1"), workflow_id);
    let url = format!("https://dashboard.extend.ai/workflows/{workflow_id}/runs/{id}");
    let mut run = WorkflowRun::new(WorkflowRunRequired {
        id,
        status: WorkflowRunStatus::Pending,
        files: vec![file],
        initial_run_at: now,
        outputs: Vec::new(),
        workflow,
    })
    .with_url(url)
    .with_reviewed(false)
    .with_step_runs(Vec::new());
    run.metadata = metadata;
    run.batch_id = template.batch_id.map(str::to_owned);
    Ok(run)
}

/// The name of a file input: given, or the last segment of its URL, or its ID.
fn file_name(file: &WorkflowRunFileInput) -> Result<String, String> {
    if let Some(name) = file.file_name.as_deref().filter(|n| !n.is_empty()) {
        return Ok(name.to_owned());
    }
    if let Some(url) = file.file_url.as_deref() {
        let path = url.split(['?', '#']).next().unwrap_or(url);
        if let Some(last) = path.rsplit('/').next().filter(|s| !s.is_empty()) {
            return Ok(last.to_owned());
        }
        return Ok("file".to_owned());
    }
    match file.file_id.as_deref() {
        Some(id) => Ok(id.to_owned()),
        None => Err("a file needs a `fileUrl` or a `fileId`".to_owned()),
    }
}

/// The kind of a file, by its extension.
fn file_type(name: &str) -> FileType {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("csv") => FileType::Csv,
        Some("png" | "jpg" | "jpeg" | "gif" | "tif" | "tiff" | "webp") => FileType::Img,
        Some("txt") => FileType::Txt,
        Some("doc" | "docx") => FileType::Docx,
        Some("xls" | "xlsx") => FileType::Excel,
        Some("xml") => FileType::Xml,
        Some("html" | "htm") => FileType::Html,
        _ => FileType::Pdf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: Option<&str>, url: Option<&str>, id: Option<&str>) -> WorkflowRunFileInput {
        let mut input = WorkflowRunFileInput::new();
        input.file_name = name.map(Into::into);
        input.file_url = url.map(Into::into);
        input.file_id = id.map(Into::into);
        input
    }

    #[test]
    fn a_file_is_named_by_its_name_url_or_id() {
        let named = input(Some("a.csv"), Some("https://x/b.pdf"), None);
        assert_eq!(file_name(&named).unwrap(), "a.csv");
        let by_url = input(None, Some("https://x/dir/b.xlsx?sig=1"), None);
        assert_eq!(file_name(&by_url).unwrap(), "b.xlsx");
        assert_eq!(
            file_name(&input(None, None, Some("file_9"))).unwrap(),
            "file_9"
        );
        assert!(file_name(&input(None, None, None)).is_err());
        assert_eq!(file_type("b.XLSX"), FileType::Excel);
        assert_eq!(file_type("scan"), FileType::Pdf);
    }
}
