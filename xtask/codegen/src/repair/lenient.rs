//! Repairs of malformed parts whose meaning is plain, made in the parsed tree before it is
//! read as OpenAPI, each with a warning that names it and where. Anything ambiguous is left
//! alone, for the reader to refuse.
//!
//! - A parameter with an empty `schema:` and its type written beside it, as OpenAPI 2.0 put it
//!   (`type: string` on the parameter itself): the schema keywords move into the schema.
//! - An empty `required:` (YAML's null, as Extend's own 2025-04-21 document has it): read as
//!   no required properties (on a parameter, as not required).
//!
//! Published specs carry both.

use crate::error::Diagnostic;
use crate::load::yaml_key;
use crate::pointer::Pointer;
use serde_yaml_ng::{Mapping, Value};

/// Keywords of an OpenAPI 2.0 parameter that belong in its schema.
const SCHEMA_KEYWORDS: &[&str] = &[
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "pattern",
];

/// Repairs the document, returning a warning per repair.
pub fn repair(doc: &mut Value) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    empty_required(doc, &Pointer::root(), &mut notes);
    let Some(root) = doc.as_mapping_mut() else {
        return notes;
    };
    if let Some(Value::Mapping(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            let pointer = Pointer::root().child("paths").child(yaml_key(path));
            let Some(item) = item.as_mapping_mut() else {
                continue;
            };
            for (key, value) in item.iter_mut() {
                let key = yaml_key(key);
                if key == "parameters" {
                    parameter_list(value, &pointer.child("parameters"), &mut notes);
                } else if let Some(operation) = value.as_mapping_mut() {
                    if let Some(list) = operation.get_mut("parameters") {
                        let here = pointer.child(&key).child("parameters");
                        parameter_list(list, &here, &mut notes);
                    }
                }
            }
        }
    }
    let shared = root
        .get_mut("components")
        .and_then(Value::as_mapping_mut)
        .and_then(|c| c.get_mut("parameters"))
        .and_then(Value::as_mapping_mut);
    if let Some(shared) = shared {
        for (name, parameter) in shared.iter_mut() {
            let pointer = Pointer::root()
                .child("components")
                .child("parameters")
                .child(yaml_key(name));
            parameter_schema(parameter, &pointer, &mut notes);
        }
    }
    notes
}

/// Removes every `required: null`, with a warning at each. Iterative, so that a deep tree
/// cannot overflow the stack.
fn empty_required(doc: &mut Value, root: &Pointer, notes: &mut Vec<Diagnostic>) {
    let mut work = vec![(doc, root.clone())];
    while let Some((node, pointer)) = work.pop() {
        match node {
            Value::Mapping(map) => {
                if matches!(map.get("required"), Some(Value::Null)) {
                    map.remove("required");
                    notes.push(Diagnostic::at(
                        pointer.child("required"),
                        "`required` is empty (null); read as naming nothing",
                    ));
                }
                for (key, value) in map.iter_mut() {
                    let here = pointer.child(yaml_key(key));
                    work.push((value, here));
                }
            }
            Value::Sequence(items) => {
                for (i, value) in items.iter_mut().enumerate() {
                    work.push((value, pointer.child(i)));
                }
            }
            Value::Tagged(tagged) => work.push((&mut tagged.value, pointer)),
            _ => {}
        }
    }
}

fn parameter_list(list: &mut Value, pointer: &Pointer, notes: &mut Vec<Diagnostic>) {
    if let Some(list) = list.as_sequence_mut() {
        for (i, parameter) in list.iter_mut().enumerate() {
            parameter_schema(parameter, &pointer.child(i), notes);
        }
    }
}

/// Moves the schema keywords of a parameter whose `schema` is empty (or missing, beside no
/// `content`) into its schema.
fn parameter_schema(parameter: &mut Value, pointer: &Pointer, notes: &mut Vec<Diagnostic>) {
    let Some(map) = parameter.as_mapping_mut() else {
        return;
    };
    let empty = match map.get("schema") {
        None => !map.contains_key("content") && !map.contains_key("$ref"),
        Some(Value::Null) => true,
        Some(Value::Mapping(m)) => m.is_empty(),
        Some(_) => false,
    };
    if !empty || !map.contains_key("type") {
        return;
    }
    let mut schema = Mapping::new();
    let mut moved = Vec::new();
    for keyword in SCHEMA_KEYWORDS {
        if let Some(value) = map.remove(*keyword) {
            schema.insert((*keyword).into(), value);
            moved.push(format!("`{keyword}`"));
        }
    }
    map.insert("schema".into(), Value::Mapping(schema));
    notes.push(Diagnostic::at(
        pointer,
        format!(
            "the parameter's `schema` is empty and {} stand beside it, as in OpenAPI 2.0; \
             read as its schema",
            moved.join(", ")
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_beside_an_empty_schema_moves_into_it_with_a_warning() {
        let mut doc: Value = serde_yaml_ng::from_str(
            r#"
openapi: 3.0.3
paths:
  /runs:
    get:
      parameters:
        - { name: nextPageToken, in: query, schema: , type: string }
        - { name: limit, in: query, type: integer, format: int32, minimum: 1 }
        - { name: fine, in: query, schema: { type: boolean } }
        - { name: body, in: query, content: { application/json: { schema: {} } } }
components:
  parameters:
    Id: { name: id, in: path, required: true, schema: {}, type: string }
"#,
        )
        .unwrap();
        let notes: Vec<String> = repair(&mut doc)
            .into_iter()
            .map(|d| format!("{}: {}", d.pointer, d.message))
            .collect();
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(notes[0].starts_with("/paths/~1runs/get/parameters/0: "));
        assert!(
            notes[1].contains("`type`, `format`, `minimum`"),
            "{notes:?}"
        );
        assert!(notes[2].starts_with("/components/parameters/Id: "));
        let list = &doc["paths"]["/runs"]["get"]["parameters"];
        assert_eq!(list[0]["schema"]["type"], Value::from("string"));
        assert!(list[0].get("type").is_none());
        assert_eq!(list[1]["schema"]["minimum"], Value::from(1));
        assert_eq!(list[2]["schema"]["type"], Value::from("boolean"));
        assert!(list[3].get("schema").is_none());
        assert_eq!(
            doc["components"]["parameters"]["Id"]["schema"]["type"],
            Value::from("string")
        );
    }

    #[test]
    fn a_spec_with_it_compiles_with_the_parameter_typed_and_a_located_warning() {
        let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /runs:\n    get:\n      operationId: listRuns\n      parameters:\n        - name: nextPageToken\n          in: query\n          schema:\n          type: string\n      responses: {'204': {description: ok}}\n";
        let converted = crate::compile(spec).expect("read leniently");
        let op = &converted.api.operations[0];
        assert_eq!(op.params[0].ty, crate::model::Ty::String);
        let warning = &converted.warnings[0];
        assert_eq!(warning.pointer, "/paths/~1runs/get/parameters/0");
        assert_eq!(warning.location.map(|(line, _)| line), Some(8), "{warning}");
    }
}
