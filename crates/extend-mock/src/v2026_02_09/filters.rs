//! What a listing's query parameters ask for, read from their names alone:
//!
//! | parameter | keeps an object when |
//! |---|---|
//! | `status`, `source`, ... (a property of the object) | that property equals it |
//! | `extractorId`, `workflowId`, ... | the object's `extractor.id` (`workflow.id`, ...) equals it |
//! | `batchId` | the object was created in that batch (a property or not) |
//! | `nameContains`, `fileNameContains` | `name` (`file.name`) contains it, ignoring case |
//!
//! `sortBy` (`createdAt`, `updatedAt`) and `sortDir` (`asc`, `desc`, the default) order what is
//! kept. Parameters that are none of these (paging, a workspace) filter nothing.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Parameters that never filter.
const NOT_FILTERS: &[&str] = &[
    "maxPageSize",
    "nextPageToken",
    "sortBy",
    "sortDir",
    "x-extend-workspace-id",
    "x-extend-api-version",
];

/// The objects `params` keep, in the order they ask for; `batches` gives the batch of each run
/// created in one, by id.
pub(super) fn apply(
    objects: Vec<Value>,
    params: &Map<String, Value>,
    batches: &BTreeMap<String, String>,
) -> Vec<Value> {
    let mut kept: Vec<Value> = objects
        .into_iter()
        .filter(|object| {
            params
                .iter()
                .filter(|(name, _)| !NOT_FILTERS.contains(&name.as_str()))
                .all(|(name, wanted)| keeps(object, name, wanted, batches))
        })
        .collect();
    if let Some(field) = params.get("sortBy").and_then(Value::as_str) {
        // Newest first, as stored, before the direction is applied; RFC 3339 sorts as text.
        kept.sort_by(|a, b| b[field].as_str().cmp(&a[field].as_str()));
    }
    if params.get("sortDir").and_then(Value::as_str) == Some("asc") {
        kept.reverse();
    }
    kept
}

fn keeps(object: &Value, name: &str, wanted: &Value, batches: &BTreeMap<String, String>) -> bool {
    if name == "batchId" && object.get("batchId").is_none_or(Value::is_null) {
        let batch = object["id"].as_str().and_then(|id| batches.get(id));
        return batch.is_some_and(|b| wanted == b.as_str());
    }
    if let Some(text) = name.strip_suffix("Contains") {
        let Some(wanted) = wanted.as_str() else {
            return true;
        };
        return field(object, text)
            .and_then(Value::as_str)
            .is_some_and(|v| v.to_lowercase().contains(&wanted.to_lowercase()));
    }
    match field(object, name) {
        Some(value) => value == wanted,
        // A parameter the objects have no field for filters nothing.
        None => true,
    }
}

/// The field a parameter names: `status` itself, `extractorId` as `extractor.id`,
/// `fileName` as `file.name`.
fn field<'a>(object: &'a Value, name: &str) -> Option<&'a Value> {
    if let Some(value) = object.get(name) {
        return Some(value);
    }
    let split = name.rfind(|c: char| c.is_ascii_uppercase())?;
    let (owner, rest) = name.split_at(split);
    let rest = rest.to_ascii_lowercase();
    object.get(owner)?.get(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(objects: &[Value]) -> Vec<&str> {
        objects.iter().map(|o| o["id"].as_str().unwrap()).collect()
    }

    #[test]
    fn parameters_filter_by_the_fields_they_name_and_order_as_asked() {
        let objects = vec![
            json!({ "id": "r3", "status": "PENDING", "extractor": { "id": "ex_1" },
                    "file": { "name": "May Invoice.pdf" }, "createdAt": "2026-03-03T00:00:00Z" }),
            json!({ "id": "r2", "status": "PROCESSED", "extractor": { "id": "ex_2" },
                    "file": { "name": "receipt.pdf" }, "createdAt": "2026-03-02T00:00:00Z" }),
            json!({ "id": "r1", "status": "PROCESSED", "extractor": { "id": "ex_1" },
                    "file": { "name": "june invoice.pdf" }, "createdAt": "2026-03-01T00:00:00Z" }),
        ];
        let batches = BTreeMap::from([("r2".to_owned(), "batch_1".to_owned())]);
        let with = |params: Value| apply(objects.clone(), params.as_object().unwrap(), &batches);
        assert_eq!(ids(&with(json!({ "status": "PROCESSED" }))), ["r2", "r1"]);
        assert_eq!(ids(&with(json!({ "extractorId": "ex_1" }))), ["r3", "r1"]);
        assert_eq!(
            ids(&with(json!({ "fileNameContains": "INVOICE" }))),
            ["r3", "r1"]
        );
        assert_eq!(ids(&with(json!({ "batchId": "batch_1" }))), ["r2"]);
        assert_eq!(
            ids(&with(
                json!({ "sortBy": "createdAt", "sortDir": "asc", "maxPageSize": 1 })
            )),
            ["r1", "r2", "r3"]
        );
        assert_eq!(ids(&with(json!({ "workspace": "w" }))).len(), 3);
    }
}
