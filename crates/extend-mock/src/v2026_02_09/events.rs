//! The webhook events of API version 2026-02-09: which change announces which event, and which
//! endpoints receive it.
//!
//! | change | event |
//! |---|---|
//! | a run ends `PROCESSED`, `FAILED` or `CANCELLED` | `{object}.processed` (a workflow run's `.completed`), `.failed`, `.cancelled` |
//! | an extractor, classifier, splitter or workflow is created | `{object}.created` |
//! | one is updated | `{object}.updated`, and `{object}.draft.updated` when the update sets its `config` |
//! | a version of one is created | `{object}.version.published` (a workflow's: `workflow.deployed`) |
//! | a batch of runs ends | `batch_parse_run.*`, `batch_processor_run.*` |
//!
//! An event is only sent when the spec has its type: each is read back as the spec's
//! `WebhookEvent` before it goes, so a change the spec announces nothing for (an extract run
//! cancelled) sends nothing, and a payload the spec's event would not carry is never sent.
//!
//! An event goes to every enabled endpoint created here whose `enabledEvents` has its type,
//! and to the endpoint of every subscription to the definition the run ran (its extractor,
//! classifier, splitter or workflow) whose `enabledEvents` has it; to each endpoint once.

use extend_models::v2026_02_09::WebhookEvent;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The definitions whose changes are announced, as their objects' `object` names them.
const DEFINITIONS: &[&str] = &["extractor", "classifier", "splitter", "workflow"];

/// An event ready to post: where, signed with what, and the body.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub url: String,
    pub secret: String,
    pub event_id: String,
    pub event_type: String,
    /// The ID of the run or definition it is about.
    pub object_id: String,
    pub body: Vec<u8>,
}

/// The event type a run announces in its status now, if it has ended.
pub(super) fn run_ended(run: &Value) -> Option<String> {
    let object = run["object"].as_str()?;
    let verb = match (object, run["status"].as_str()?) {
        ("workflow_run", "PROCESSED") => "completed",
        (_, "PROCESSED") => "processed",
        (_, "FAILED") => "failed",
        (_, "CANCELLED") => "cancelled",
        _ => return None,
    };
    Some(format!("{object}.{verb}"))
}

/// The event types a definition's create or update announces: `object` is what the call
/// answered, `updated` whether it was an update, `body` the request.
pub(super) fn definition_changed(
    object: &Value,
    updated: bool,
    body: Option<&Map<String, Value>>,
) -> Vec<String> {
    let Some(kind) = object["object"].as_str() else {
        return Vec::new();
    };
    if let Some(parent) = kind.strip_suffix("_version") {
        if !DEFINITIONS.contains(&parent) || updated {
            return Vec::new();
        }
        return vec![match parent {
            "workflow" => "workflow.deployed".to_owned(),
            _ => format!("{parent}.version.published"),
        }];
    }
    if !DEFINITIONS.contains(&kind) {
        return Vec::new();
    }
    if !updated {
        return vec![format!("{kind}.created")];
    }
    let mut types = vec![format!("{kind}.updated")];
    if body.is_some_and(|b| b.contains_key("config")) {
        types.push(format!("{kind}.draft.updated"));
    }
    types
}

/// The event of `event_type` about `payload` as the spec's `WebhookEvent` reads it, or `None`
/// when the spec has no such event or its event would not carry this payload. A parse run's
/// events carry its status, not the run.
pub(super) fn event(event_type: &str, event_id: &str, payload: &Value) -> Option<Value> {
    let payload = if payload["object"] == "parse_run" {
        json!({
            "object": "parse_run_status",
            "id": payload["id"],
            "status": payload["status"],
            "failureReason": payload["failureReason"],
            "failureMessage": payload["failureMessage"],
            "metadata": payload["metadata"],
        })
    } else {
        payload.clone()
    };
    let event = json!({ "eventId": event_id, "eventType": event_type, "payload": payload });
    match serde_json::from_value::<WebhookEvent>(event.clone()) {
        // `Unknown` holds the events of types the spec does not have.
        Ok(WebhookEvent::Unknown(_)) | Err(_) => None,
        Ok(_) => Some(event),
    }
}

/// The endpoints (URL and signing secret) that receive an event of `event_type` about
/// `about`, each once.
pub(super) fn recipients(
    event_type: &str,
    about: &Value,
    collections: &BTreeMap<String, Vec<Value>>,
    secrets: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let wants = |o: &Value| {
        o["enabledEvents"]
            .as_array()
            .is_some_and(|types| types.iter().any(|t| t == event_type))
    };
    let endpoints = collections
        .get("/webhook_endpoints")
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut chosen: Vec<&str> = endpoints
        .iter()
        .filter(|e| wants(e))
        .filter_map(|e| e["id"].as_str())
        .collect();
    for subscription in collections
        .get("/webhook_subscriptions")
        .into_iter()
        .flatten()
        .filter(|s| wants(s))
    {
        let resource = subscription["resourceType"].as_str().unwrap_or_default();
        if about[resource]["id"] == subscription["resourceId"] {
            if let Some(endpoint) = subscription["webhookEndpointId"].as_str() {
                chosen.push(endpoint);
            }
        }
    }
    chosen.sort_unstable();
    chosen.dedup();
    chosen
        .into_iter()
        .filter_map(|id| {
            let endpoint = endpoints.iter().find(|e| e["id"] == id)?;
            let secret = secrets.get(id)?;
            if endpoint["status"] != "enabled" {
                return None;
            }
            Some((endpoint["url"].as_str()?.to_owned(), secret.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_announce_their_end_in_the_spec_s_words() {
        let run = |object: &str, status: &str| json!({ "object": object, "status": status });
        assert_eq!(
            run_ended(&run("workflow_run", "PROCESSED")).as_deref(),
            Some("workflow_run.completed")
        );
        assert_eq!(
            run_ended(&run("extract_run", "FAILED")).as_deref(),
            Some("extract_run.failed")
        );
        assert_eq!(run_ended(&run("extract_run", "PROCESSING")), None);
    }

    #[test]
    fn definitions_announce_creates_updates_drafts_and_versions() {
        let extractor = json!({ "object": "extractor" });
        assert_eq!(
            definition_changed(&extractor, false, None),
            ["extractor.created"]
        );
        let config = json!({ "config": {} });
        assert_eq!(
            definition_changed(&extractor, true, config.as_object()),
            ["extractor.updated", "extractor.draft.updated"]
        );
        assert_eq!(
            definition_changed(&json!({ "object": "workflow_version" }), false, None),
            ["workflow.deployed"]
        );
        assert!(definition_changed(&json!({ "object": "file" }), false, None).is_empty());
    }

    #[test]
    fn only_events_the_spec_has_are_built() {
        let run = json!({ "object": "extract_run", "id": "exr_1" });
        // Not an extract run: the spec's event would not carry it.
        assert!(event("extract_run.processed", "evt_1", &run).is_none());
        assert!(event("extract_run.cancelled", "evt_1", &run).is_none());
    }

    #[test]
    fn an_event_goes_to_each_enabled_endpoint_or_subscription_that_wants_it_once() {
        let endpoint = |id: &str, status: &str, events: Value| json!({ "id": id, "url": format!("http://{id}"), "status": status, "enabledEvents": events });
        let collections = BTreeMap::from([
            (
                "/webhook_endpoints".to_owned(),
                vec![
                    endpoint("a", "enabled", json!(["extract_run.processed"])),
                    endpoint("b", "enabled", json!([])),
                    endpoint("c", "disabled", json!(["extract_run.processed"])),
                    endpoint("d", "enabled", json!([])),
                ],
            ),
            (
                "/webhook_subscriptions".to_owned(),
                vec![
                    json!({ "webhookEndpointId": "b", "resourceType": "extractor",
                            "resourceId": "ex_1", "enabledEvents": ["extract_run.processed"] }),
                    json!({ "webhookEndpointId": "a", "resourceType": "extractor",
                            "resourceId": "ex_1", "enabledEvents": ["extract_run.processed"] }),
                    json!({ "webhookEndpointId": "d", "resourceType": "extractor",
                            "resourceId": "ex_2", "enabledEvents": ["extract_run.processed"] }),
                ],
            ),
        ]);
        let secrets = ["a", "b", "c", "d"].map(|id| (id.to_owned(), format!("wss_{id}")));
        let secrets = BTreeMap::from(secrets);
        let run = json!({ "extractor": { "id": "ex_1" } });
        let urls: Vec<String> = recipients("extract_run.processed", &run, &collections, &secrets)
            .into_iter()
            .map(|(url, _)| url)
            .collect();
        assert_eq!(urls, ["http://a", "http://b"]);
    }
}
