//! What a finished run holds: an output shaped by the run's config, as the API would give one,
//! with placeholder values.
//!
//! - An extract run's output has a value for every property of its config's JSON Schema:
//!   `""` for a string (or the first `enum` value), `0` for a number, `false`, `[]`, an object
//!   filled the same way, `null` for anything else.
//! - A classify run's output is its config's first classification, at confidence 0.9.
//! - A split run's output has one split per classification of its config, a page each, in
//!   order (classification `n` is page `n`), in the run's file.
//! - A parse run's output is one chunk of the file's only page, whose text names the file.
//!
//! Other runs finish with the output of the spec's example.

use serde_json::{json, Map, Value};

/// The output of a run that has just finished, when its kind has one shaped by its config.
pub fn output(run: &Value) -> Option<Value> {
    match run["object"].as_str()? {
        "extract_run" => {
            // The value is an object even when the config has no schema.
            let value = match sample(&run["config"]["schema"]) {
                Value::Object(value) => value,
                _ => Map::new(),
            };
            Some(json!({ "value": value, "metadata": {} }))
        }
        "classify_run" => {
            let first = run["config"]["classifications"].get(0)?;
            Some(json!({
                "id": first["id"],
                "type": first["type"],
                "confidence": 0.9,
                "insights": [],
            }))
        }
        "split_run" => {
            let classifications = run["config"]["splitClassifications"].as_array()?;
            let file_id = run["file"]["id"].as_str().unwrap_or_default();
            let splits: Vec<Value> = classifications
                .iter()
                .zip(1u64..)
                .map(|(classification, page)| {
                    json!({
                        "id": format!("split_{page}"),
                        "type": classification["type"],
                        "classificationId": classification["id"],
                        "identifier": format!("{}-{page}", classification["type"].as_str().unwrap_or("split")),
                        "observation": format!("Page {page} reads as {}", classification["type"].as_str().unwrap_or("this type")),
                        "startPage": page,
                        "endPage": page,
                        "fileId": file_id,
                    })
                })
                .collect();
            Some(json!({ "splits": splits }))
        }
        "parse_run" => {
            let name = run["file"]["name"].as_str().unwrap_or("the file");
            Some(json!({ "chunks": [{
                "object": "chunk",
                "type": "page",
                "content": format!("Page 1 of {name}"),
                "metadata": { "pageRange": { "start": 1, "end": 1 } },
                "blocks": [],
            }] }))
        }
        _ => None,
    }
}

/// A placeholder value of the JSON Schema `schema`.
fn sample(schema: &Value) -> Value {
    if let Some(first) = schema["enum"].get(0) {
        return first.clone();
    }
    // `type: [string, null]` is a string.
    let kind = match &schema["type"] {
        Value::Array(types) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        Value::String(kind) => kind.as_str(),
        _ if schema.get("properties").is_some() => "object",
        _ => "null",
    };
    match kind {
        "string" => Value::from(""),
        "number" | "integer" => Value::from(0),
        "boolean" => Value::from(false),
        "array" => Value::Array(Vec::new()),
        "object" => {
            let mut object = Map::new();
            for (name, property) in schema["properties"].as_object().into_iter().flatten() {
                object.insert(name.clone(), sample(property));
            }
            Value::Object(object)
        }
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extract_output_has_every_property_of_the_schema() {
        let run = json!({
            "object": "extract_run",
            "config": { "schema": {
                "type": "object",
                "properties": {
                    "invoice_number": { "type": ["string", "null"] },
                    "total": { "type": "object", "properties": {
                        "amount": { "type": "number" }, "currency": { "enum": ["USD", "EUR"] }
                    } },
                    "paid": { "type": "boolean" },
                    "lines": { "type": "array", "items": {} },
                    "note": {}
                }
            } }
        });
        assert_eq!(
            output(&run).unwrap(),
            json!({
                "value": {
                    "invoice_number": "",
                    "total": { "amount": 0, "currency": "USD" },
                    "paid": false,
                    "lines": [],
                    "note": null
                },
                "metadata": {}
            })
        );
    }

    #[test]
    fn a_classify_output_is_the_first_classification_and_others_have_none() {
        let run = json!({
            "object": "classify_run",
            "config": { "classifications": [
                { "id": "inv", "type": "invoice", "description": "An invoice" },
                { "id": "rec", "type": "receipt", "description": "A receipt" }
            ] }
        });
        assert_eq!(output(&run).unwrap()["type"], "invoice");
        assert_eq!(
            output(&json!({ "object": "classify_run", "config": {} })),
            None
        );
        assert_eq!(output(&json!({ "object": "edit_run" })), None);
        let no_schema = output(&json!({ "object": "extract_run", "config": {} })).unwrap();
        assert_eq!(no_schema["value"], json!({}));
    }

    #[test]
    fn a_split_output_has_a_page_per_classification_and_a_parse_output_a_chunk() {
        let run = json!({
            "object": "split_run",
            "file": { "id": "file_1", "name": "batch.pdf" },
            "config": { "splitClassifications": [
                { "id": "inv", "type": "invoice", "description": "An invoice" },
                { "id": "rec", "type": "receipt", "description": "A receipt" }
            ] }
        });
        let splits = output(&run).unwrap()["splits"].clone();
        let pages: Vec<(&str, u64, &str)> = splits
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["classificationId"].as_str().unwrap(),
                    s["startPage"].as_u64().unwrap(),
                    s["fileId"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(pages, [("inv", 1, "file_1"), ("rec", 2, "file_1")]);
        let parse = json!({ "object": "parse_run", "file": { "name": "batch.pdf" } });
        assert_eq!(
            output(&parse).unwrap()["chunks"][0]["content"],
            "Page 1 of batch.pdf"
        );
    }
}
