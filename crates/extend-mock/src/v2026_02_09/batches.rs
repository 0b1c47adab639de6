//! Batches: `POST /extract_runs/batch` (and the other kinds') creates one run per input, as
//! its single create would with the request's other properties, and a `batch_run` under
//! `/batch_runs` that follows its runs: `PROCESSING` once one has started, then `PROCESSED`
//! when all have ended (`FAILED` if one failed, `CANCELLED` if all were cancelled). Its end is
//! announced as `batch_parse_run.*` for parse runs and `batch_processor_run.*` for extract,
//! classify and split runs. Runs list by `batchId` whether or not their objects carry it. A
//! batch without inputs (the spec allows one) is `PROCESSED` at once.

use super::{api, find, find_mut, references, CurrentMock, JsonCall};
use serde_json::{json, Map, Value};

/// A batch on its way to its end.
#[derive(Debug)]
pub(super) struct Batch {
    /// The collection of its runs.
    collection: String,
    runs: Vec<String>,
}

/// A batch's status, given its runs' statuses; `None` while none has started.
fn status(runs: &[&str]) -> Option<&'static str> {
    let ended = |s: &&str| matches!(*s, "PROCESSED" | "FAILED" | "CANCELLED");
    if !runs.iter().all(ended) {
        return runs.iter().any(|s| *s != "PENDING").then_some("PROCESSING");
    }
    Some(if runs.contains(&"FAILED") {
        "FAILED"
    } else if !runs.is_empty() && runs.iter().all(|s| *s == "CANCELLED") {
        "CANCELLED"
    } else {
        "PROCESSED"
    })
}

/// The event type prefix of a batch of runs of `collection`, if the spec announces its end.
fn event_prefix(collection: &str) -> Option<&'static str> {
    match collection {
        "/parse_runs" => Some("batch_parse_run"),
        "/extract_runs" | "/classify_runs" | "/split_runs" => Some("batch_processor_run"),
        _ => None,
    }
}

impl CurrentMock {
    /// `POST {collection}/batch`.
    pub(super) fn batch(
        &self,
        collection: &str,
        call: &JsonCall,
        example: Option<Value>,
    ) -> (u16, Value) {
        let Some(Value::Object(body)) = &call.body else {
            return (200, example.unwrap_or_else(|| json!({})));
        };
        let Some((operation, _, path)) = api::OPERATIONS
            .iter()
            .find(|(_, method, path)| *method == "POST" && *path == collection)
        else {
            return (200, example.unwrap_or_else(|| json!({})));
        };
        let inputs = body["inputs"].as_array().cloned().unwrap_or_default();
        // Each input as its own create: the request's other properties, the input's over them.
        let requests: Vec<Map<String, Value>> = inputs
            .iter()
            .map(|input| {
                let mut single = body.clone();
                single.remove("inputs");
                single.extend(input.as_object().cloned().unwrap_or_default());
                single
            })
            .collect();
        {
            let state = self.lock();
            for request in &requests {
                if let Some((property, id)) = references::missing(request, &state.collections) {
                    return super::error(
                        404,
                        "NOT_FOUND",
                        format!("the {property} `{id}` was not found"),
                    );
                }
            }
        }
        let batch_id = {
            let mut state = self.lock();
            state.created += 1;
            format!("batch_mock{}", state.created)
        };
        let mut runs = Vec::new();
        for request in requests {
            let single = JsonCall {
                operation,
                method: "POST",
                path,
                params: call.params.clone(),
                body: Some(Value::Object(request)),
            };
            let (status, run) = self.create(collection, &single, self.example_of(operation));
            let Some(id) = run["id"].as_str().filter(|_| status == 200) else {
                return (status, run);
            };
            runs.push(id.to_owned());
        }
        let batch = json!({
            "object": "batch_run",
            "id": batch_id,
            "status": "PENDING",
            "runCount": runs.len(),
            "createdAt": self.now(),
        });
        let mut state = self.lock();
        for id in &runs {
            state.batch_of.insert(id.clone(), batch_id.clone());
            if let Some(Value::Object(run)) = find_mut(&mut state.collections, collection, id) {
                if run.contains_key("batchId") {
                    run.insert("batchId".into(), Value::from(batch_id.clone()));
                }
            }
        }
        state
            .collections
            .entry("/batch_runs".into())
            .or_default()
            .insert(0, batch.clone());
        state.batches.insert(
            batch_id.clone(),
            Batch {
                collection: collection.to_owned(),
                runs,
            },
        );
        // A workflow batch answers its id alone, as its example does.
        match example {
            Some(Value::Object(answer)) if answer.contains_key("batchId") => {
                (200, json!({ "batchId": batch_id }))
            }
            _ => (200, batch),
        }
    }

    /// Moves each batch on with its runs, announcing those that end.
    pub(super) fn advance_batches(&self) {
        let mut state = self.lock();
        let mut ended = Vec::new();
        for (id, batch) in &state.batches {
            let statuses: Vec<&str> = batch
                .runs
                .iter()
                .filter_map(|run| {
                    find(&state.collections, &batch.collection, run)?["status"].as_str()
                })
                .collect();
            if let Some(now) = status(&statuses) {
                ended.push((id.clone(), batch.collection.clone(), now));
            }
        }
        for (id, collection, now) in ended {
            let Some(batch) = find_mut(&mut state.collections, "/batch_runs", &id) else {
                state.batches.remove(&id);
                continue;
            };
            batch["status"] = Value::from(now);
            if now == "PROCESSING" {
                continue;
            }
            let batch = batch.clone();
            state.batches.remove(&id);
            let verb = if now == "PROCESSED" {
                "processed"
            } else {
                "failed"
            };
            if let Some(prefix) = event_prefix(&collection) {
                state.announce(&format!("{prefix}.{verb}"), &batch);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_follows_its_runs() {
        assert_eq!(status(&["PENDING", "PENDING"]), None);
        assert_eq!(status(&["PROCESSING", "PENDING"]), Some("PROCESSING"));
        assert_eq!(status(&["PROCESSED", "PROCESSED"]), Some("PROCESSED"));
        assert_eq!(status(&["PROCESSED", "FAILED"]), Some("FAILED"));
        assert_eq!(status(&["CANCELLED", "CANCELLED"]), Some("CANCELLED"));
        assert_eq!(status(&["CANCELLED", "PROCESSED"]), Some("PROCESSED"));
        assert_eq!(status(&[]), Some("PROCESSED"));
        assert_eq!(event_prefix("/workflow_runs"), None);
    }
}
