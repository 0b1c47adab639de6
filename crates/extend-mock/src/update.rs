//! What Update Workflow Run does to a run, as the API documents it.

use extend_models::v2025_04_21::{UpdateWorkflowRunRequest, WorkflowRun, WorkflowRunMetadata};

/// Applies an update: a given `name` replaces the old one; `metadata` is merged into the
/// existing metadata, incoming keys winning, with `extend:usage_tags` sanitized.
pub fn apply(run: &mut WorkflowRun, request: UpdateWorkflowRunRequest) {
    if let Some(name) = request.name {
        run.name = Some(name);
    }
    if let Some(incoming) = request.metadata {
        let metadata = run
            .metadata
            .get_or_insert_with(WorkflowRunMetadata::default);
        if let Some(tags) = incoming.extend_usage_tags {
            metadata.extend_usage_tags = Some(sanitize_tags(tags));
        }
        metadata
            .additional_properties
            .extend(incoming.additional_properties);
    }
}

/// Usage tags keep only ASCII letters, digits, `-` and `_`; a tag with nothing left is dropped.
pub fn sanitize_tags(tags: Vec<String>) -> Vec<String> {
    tags.into_iter()
        .map(|tag| {
            tag.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|tag| !tag.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run() -> WorkflowRun {
        serde_json::from_value(json!({
            "object": "workflow_run", "id": "workflow_run_1", "name": "old", "status": "PENDING",
            "metadata": { "keep": 1, "replace": "old", "extend:usage_tags": ["a"] },
            "initialRunAt": "2024-01-01T00:00:00Z", "files": [], "outputs": [],
            "workflow": { "object": "workflow", "id": "workflow_1", "version": "1", "name": "w" }
        }))
        .unwrap()
    }

    fn request(value: serde_json::Value) -> UpdateWorkflowRunRequest {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn name_is_replaced_and_metadata_merged_with_incoming_keys_winning() {
        let mut run = run();
        apply(
            &mut run,
            request(json!({ "name": "new", "metadata": { "replace": "new", "add": [1] } })),
        );
        assert_eq!(run.name.as_deref(), Some("new"));
        assert_eq!(
            serde_json::to_value(&run.metadata).unwrap(),
            json!({ "keep": 1, "replace": "new", "add": [1], "extend:usage_tags": ["a"] })
        );
    }

    #[test]
    fn an_empty_request_changes_nothing() {
        let mut run = run();
        apply(&mut run, request(json!({})));
        assert_eq!(run, self::run());
    }

    #[test]
    fn metadata_is_created_when_the_run_has_none() {
        let mut run = run();
        run.metadata = None;
        apply(&mut run, request(json!({ "metadata": { "k": "v" } })));
        assert_eq!(
            serde_json::to_value(&run.metadata).unwrap(),
            json!({ "k": "v" })
        );
    }

    #[test]
    fn usage_tags_keep_letters_digits_dashes_and_underscores() {
        let tags = ["team finance!", "q3_invoices", "ünï-cødé", "%%", "A-b_9"];
        assert_eq!(
            sanitize_tags(tags.map(String::from).to_vec()),
            ["teamfinance", "q3_invoices", "n-cd", "A-b_9"]
        );
        let mut run = run();
        apply(
            &mut run,
            request(json!({ "metadata": { "extend:usage_tags": ["x y"] } })),
        );
        assert_eq!(
            run.metadata.unwrap().extend_usage_tags,
            Some(vec!["xy".to_owned()])
        );
    }
}
