//! What a created run names by id must exist: its file (`"file": {"id": ...}`) and the
//! definition it runs (`"extractor": {"id": ...}`, or `classifier`, `splitter`, `workflow`).
//! A run over a stored file carries that file's summary.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The request properties that name a stored object by `id`, and the collection it is in: a
/// file, and the definitions a run may name.
fn named() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    [("file", "/files")].iter().chain(super::definitions::KINDS)
}

/// The first object `body` names that `collections` does not hold, as `(property, id)`.
pub(super) fn missing<'a>(
    body: &'a Map<String, Value>,
    collections: &BTreeMap<String, Vec<Value>>,
) -> Option<(&'static str, &'a str)> {
    named().find_map(|(property, collection)| {
        let id = body.get(*property)?.get("id")?.as_str()?;
        let held = super::find(collections, collection, id).is_some();
        (!held).then_some((*property, id))
    })
}

/// On a run over a stored file named by id: that file as the run's `file`, in the fields the
/// run's summary of a file has.
pub(super) fn use_file(
    run: &mut Map<String, Value>,
    body: &Map<String, Value>,
    collections: &BTreeMap<String, Vec<Value>>,
) {
    let Some(id) = body
        .get("file")
        .and_then(|f| f.get("id"))
        .and_then(Value::as_str)
    else {
        return;
    };
    let (Some(Value::Object(summary)), Some(file)) =
        (run.get_mut("file"), super::find(collections, "/files", id))
    else {
        return;
    };
    for (field, slot) in summary.iter_mut() {
        if let Some(value) = file.get(field) {
            *slot = value.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn a_run_names_only_what_is_stored_and_carries_its_file() {
        let collections = BTreeMap::from([
            (
                "/files".to_owned(),
                vec![json!({ "id": "file_1", "name": "a.pdf", "contents": {} })],
            ),
            ("/extractors".to_owned(), vec![json!({ "id": "ex_1" })]),
        ]);
        let known = map(json!({ "file": { "id": "file_1" }, "extractor": { "id": "ex_1" } }));
        assert_eq!(missing(&known, &collections), None);
        let unknown = map(json!({ "file": { "id": "file_1" }, "extractor": { "id": "ex_2" } }));
        assert_eq!(missing(&unknown, &collections), Some(("extractor", "ex_2")));
        // A file by URL names nothing stored.
        let by_url = map(json!({ "file": { "url": "https://example.com/a.pdf" } }));
        assert_eq!(missing(&by_url, &collections), None);

        let mut run = map(json!({ "file": { "id": "file_x", "name": "x" } }));
        use_file(&mut run, &known, &collections);
        assert_eq!(run["file"], json!({ "id": "file_1", "name": "a.pdf" }));
    }
}
