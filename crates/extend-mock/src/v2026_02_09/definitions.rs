//! Definitions (extractors, classifiers, splitters, workflows) and the runs that use them: a
//! created definition keeps the config it was given as its draft version's, and a run created
//! with `{"extractor": {"id": ...}}` (or `classifier`, `splitter`, `workflow`) runs with that
//! config, the request's `overrideConfig` merged over it, and names the definition it ran.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The definition kinds a run may name, by the request property that names one.
pub(super) const KINDS: &[(&str, &str)] = &[
    ("extractor", "/extractors"),
    ("classifier", "/classifiers"),
    ("splitter", "/splitters"),
    ("workflow", "/workflows"),
];

/// On a created definition (an object with a `draftVersion`), keeps the request's `config` as
/// its draft version's config.
pub(super) fn keep_config(object: &mut Map<String, Value>, body: &Map<String, Value>) {
    let (Some(config), Some(Value::Object(draft))) =
        (body.get("config"), object.get_mut("draftVersion"))
    else {
        return;
    };
    if draft.contains_key("config") {
        draft.insert("config".into(), config.clone());
    }
}

/// On a created run that names a definition the store holds: its config from the definition,
/// under the request's own `overrideConfig`, and the definition named as the run's.
pub(super) fn run_by_definition(
    run: &mut Map<String, Value>,
    body: &Map<String, Value>,
    collections: &BTreeMap<String, Vec<Value>>,
) {
    for (property, collection) in KINDS {
        let Some(id) = body
            .get(*property)
            .and_then(|d| d.get("id"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        let Some(definition) = super::find(collections, collection, id) else {
            continue;
        };
        let mut config = match &definition["draftVersion"]["config"] {
            Value::Object(config) => config.clone(),
            _ => Map::new(),
        };
        if let Some(Value::Object(overrides)) = body[*property].get("overrideConfig") {
            config.extend(overrides.clone());
        }
        if run.contains_key("config") && body.get("config").is_none() {
            run.insert("config".into(), Value::Object(config));
        }
        if let Some(Value::Object(named)) = run.get_mut(*property) {
            for field in ["id", "name"] {
                if let Some(value) = definition.get(field) {
                    named.insert(field.into(), value.clone());
                }
            }
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
    fn a_run_takes_its_definitions_config_under_its_overrides() {
        let mut extractor =
            map(json!({ "id": "ex_1", "name": "Invoices", "draftVersion": { "config": {} } }));
        keep_config(
            &mut extractor,
            &map(json!({ "config": { "schema": { "type": "object" }, "baseProcessor": "a" } })),
        );
        assert_eq!(extractor["draftVersion"]["config"]["baseProcessor"], "a");
        let collections =
            BTreeMap::from([("/extractors".to_owned(), vec![Value::Object(extractor)])]);
        let mut run =
            map(json!({ "config": {}, "extractor": { "id": "ex_example", "name": "x" } }));
        let body = map(
            json!({ "extractor": { "id": "ex_1", "overrideConfig": { "baseProcessor": "b" } } }),
        );
        run_by_definition(&mut run, &body, &collections);
        assert_eq!(
            Value::Object(run.clone()),
            json!({
                "config": { "schema": { "type": "object" }, "baseProcessor": "b" },
                "extractor": { "id": "ex_1", "name": "Invoices" },
            })
        );
        // An unknown definition changes nothing.
        let before = run.clone();
        run_by_definition(
            &mut run,
            &map(json!({ "extractor": { "id": "ex_nope" } })),
            &collections,
        );
        assert_eq!(run, before);
    }
}
