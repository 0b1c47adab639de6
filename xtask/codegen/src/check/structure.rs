//! The types of the fields of schema, parameter and operation objects, checked in the parsed
//! tree before it is read as OpenAPI types. The typed reader stops at the first mistyped field
//! and, inside schemas, can only name the schema around it; this walk names the field itself
//! (`/components/schemas/A/required`, not `/components/schemas/A`) and finds every such
//! problem in one pass.

use crate::error::Diagnostic;
use crate::load::yaml_key;
use crate::pointer::Pointer;
use serde_yaml_ng::{Mapping, Value};

/// What a field must be.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Boolean,
    Number,
    /// A whole number, zero or more.
    Count,
    /// A list of strings.
    Names,
    /// A list of any values.
    List,
    /// A mapping.
    Map,
    /// A schema, or a boolean where JSON Schema allows one.
    Schema,
    /// A list of schemas.
    Schemas,
    /// A mapping of names to schemas.
    SchemaMap,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Text => "a string",
            Kind::Boolean => "a boolean",
            Kind::Number => "a number",
            Kind::Count => "a whole number, zero or more",
            Kind::Names => "a list of strings",
            Kind::List => "a list",
            Kind::Map | Kind::SchemaMap => "a mapping",
            Kind::Schema => "a schema (a mapping)",
            Kind::Schemas => "a list of schemas",
        }
    }
}

/// The schema keywords whose type is fixed, and what it is.
const SCHEMA_FIELDS: &[(&str, Kind)] = &[
    ("type", Kind::Text),
    ("format", Kind::Text),
    ("title", Kind::Text),
    ("description", Kind::Text),
    ("pattern", Kind::Text),
    ("required", Kind::Names),
    ("enum", Kind::List),
    ("properties", Kind::SchemaMap),
    ("items", Kind::Schema),
    ("additionalProperties", Kind::Schema),
    ("not", Kind::Schema),
    ("allOf", Kind::Schemas),
    ("oneOf", Kind::Schemas),
    ("anyOf", Kind::Schemas),
    ("nullable", Kind::Boolean),
    ("readOnly", Kind::Boolean),
    ("writeOnly", Kind::Boolean),
    ("deprecated", Kind::Boolean),
    ("uniqueItems", Kind::Boolean),
    ("minimum", Kind::Number),
    ("maximum", Kind::Number),
    ("multipleOf", Kind::Number),
    ("minLength", Kind::Count),
    ("maxLength", Kind::Count),
    ("minItems", Kind::Count),
    ("maxItems", Kind::Count),
    ("minProperties", Kind::Count),
    ("maxProperties", Kind::Count),
    ("discriminator", Kind::Map),
];

/// The parameter fields whose type is fixed.
const PARAMETER_FIELDS: &[(&str, Kind)] = &[
    ("name", Kind::Text),
    ("in", Kind::Text),
    ("description", Kind::Text),
    ("style", Kind::Text),
    ("required", Kind::Boolean),
    ("deprecated", Kind::Boolean),
    ("explode", Kind::Boolean),
    ("allowEmptyValue", Kind::Boolean),
    ("schema", Kind::Schema),
];

/// The operation fields whose type is fixed.
const OPERATION_FIELDS: &[(&str, Kind)] = &[
    ("operationId", Kind::Text),
    ("summary", Kind::Text),
    ("description", Kind::Text),
    ("deprecated", Kind::Boolean),
    ("tags", Kind::Names),
    ("parameters", Kind::List),
    ("responses", Kind::Map),
    ("requestBody", Kind::Map),
];

/// The path item keys that hold operations.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Every mistyped field found, each at its own pointer.
pub fn check(doc: &Value) -> Vec<Diagnostic> {
    let mut walk = Walk::default();
    let Some(root) = doc.as_mapping() else {
        return walk.problems;
    };
    if let Some(Value::Mapping(paths)) = root.get("paths") {
        for (path, item) in paths {
            let pointer = Pointer::root().child("paths").child(yaml_key(path));
            walk.path_item(item, &pointer);
        }
    }
    if let Some(Value::Mapping(components)) = root.get("components") {
        if let Some(Value::Mapping(schemas)) = components.get("schemas") {
            for (name, schema) in schemas {
                let pointer = Pointer::root()
                    .child("components")
                    .child("schemas")
                    .child(yaml_key(name));
                walk.schema(schema, &pointer);
            }
        }
        if let Some(Value::Mapping(parameters)) = components.get("parameters") {
            for (name, parameter) in parameters {
                let pointer = Pointer::root()
                    .child("components")
                    .child("parameters")
                    .child(yaml_key(name));
                walk.parameter(parameter, &pointer);
            }
        }
    }
    walk.problems
}

#[derive(Default)]
struct Walk {
    problems: Vec<Diagnostic>,
}

impl Walk {
    fn path_item(&mut self, item: &Value, pointer: &Pointer) {
        let Some(item) = item.as_mapping() else {
            return;
        };
        self.parameters(item, pointer);
        for (key, operation) in item {
            let key = yaml_key(key);
            if !METHODS.contains(&key.as_str()) {
                continue;
            }
            let here = pointer.child(key);
            if let Some(map) = self.fields(operation, &here, OPERATION_FIELDS) {
                self.parameters(map, &here);
                self.schemas_under(map.get("requestBody"), &here.child("requestBody"));
                self.schemas_under(map.get("responses"), &here.child("responses"));
            }
        }
    }

    fn parameters(&mut self, owner: &Mapping, pointer: &Pointer) {
        if let Some(Value::Sequence(list)) = owner.get("parameters") {
            for (i, parameter) in list.iter().enumerate() {
                self.parameter(parameter, &pointer.child("parameters").child(i));
            }
        }
    }

    fn parameter(&mut self, parameter: &Value, pointer: &Pointer) {
        if let Some(map) = self.fields(parameter, pointer, PARAMETER_FIELDS) {
            if let Some(schema) = map.get("schema") {
                self.schema(schema, &pointer.child("schema"));
            }
        }
    }

    /// The schemas under every `schema` key below `value` (media types of bodies and
    /// responses, and their headers).
    fn schemas_under(&mut self, value: Option<&Value>, pointer: &Pointer) {
        let Some(Value::Mapping(map)) = value else {
            return;
        };
        for (key, child) in map {
            let key = yaml_key(key);
            let here = pointer.child(&key);
            if key == "schema" {
                self.schema(child, &here);
            } else if key != "example" && key != "examples" {
                self.schemas_under(Some(child), &here);
            }
        }
    }

    fn schema(&mut self, schema: &Value, pointer: &Pointer) {
        if schema.is_bool() {
            return;
        }
        let Some(map) = self.fields(schema, pointer, SCHEMA_FIELDS) else {
            return;
        };
        for (key, value) in map {
            let key = yaml_key(key);
            let here = pointer.child(&key);
            match (key.as_str(), value) {
                ("items" | "additionalProperties" | "not", child) => self.schema(child, &here),
                ("allOf" | "oneOf" | "anyOf", Value::Sequence(list)) => {
                    for (i, child) in list.iter().enumerate() {
                        self.schema(child, &here.child(i));
                    }
                }
                ("properties", Value::Mapping(properties)) => {
                    for (name, child) in properties {
                        let pointer = here.child(yaml_key(name));
                        self.schema(child, &pointer);
                    }
                }
                _ => {}
            }
        }
    }

    /// Checks the fields of an object that must be a mapping, returning it when it is one
    /// (a `$ref` is left to the reference checks).
    fn fields<'v>(
        &mut self,
        value: &'v Value,
        pointer: &Pointer,
        expected: &[(&str, Kind)],
    ) -> Option<&'v Mapping> {
        let Some(map) = value.as_mapping() else {
            self.problems.push(Diagnostic::at(
                pointer,
                format!("expected a mapping, found {}", found(value)),
            ));
            return None;
        };
        if map.contains_key("$ref") {
            return None;
        }
        for (key, kind) in expected {
            let Some(field) = map.get(*key) else {
                continue;
            };
            if !fits(field, *kind) {
                self.problems.push(Diagnostic::at(
                    pointer.child(key),
                    format!("`{key}` must be {}, not {}", kind.noun(), found(field)),
                ));
            }
        }
        Some(map)
    }
}

fn fits(value: &Value, kind: Kind) -> bool {
    match kind {
        Kind::Text => value.is_string(),
        Kind::Boolean => value.is_bool(),
        Kind::Number => value.is_number(),
        Kind::Count => value.as_u64().is_some(),
        Kind::Names => value
            .as_sequence()
            .is_some_and(|list| list.iter().all(Value::is_string)),
        Kind::List | Kind::Schemas => value.is_sequence(),
        Kind::Map | Kind::SchemaMap => value.is_mapping(),
        Kind::Schema => value.is_mapping() || value.is_bool(),
    }
}

fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
        Value::Tagged(_) => "a tagged value".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_mistyped_field_is_named_at_its_own_pointer() {
        let doc: serde_yaml_ng::Value = serde_yaml_ng::from_str(
            r##"
paths:
  /a:
    get:
      operationId: 7
      parameters:
        - { name: q, in: query, required: "yes", schema: { type: string, maxLength: -1 } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { type: object, required: name } }
components:
  schemas:
    A:
      type: object
      required: "name"
      properties:
        name: { type: string, minimum: "x" }
        list: { allOf: [ { nullable: 1 } ] }
    Fine: { $ref: "#/components/schemas/A" }
"##,
        )
        .unwrap();
        let problems: Vec<String> = super::check(&doc)
            .into_iter()
            .map(|d| d.to_string())
            .collect();
        let expected = [
            "/paths/~1a/get/operationId: `operationId` must be a string, not the number 7",
            "/paths/~1a/get/parameters/0/required: `required` must be a boolean",
            "/paths/~1a/get/parameters/0/schema/maxLength: `maxLength` must be a whole number",
            "/paths/~1a/get/responses/200/content/application~1json/schema/items/required",
            "/components/schemas/A/required: `required` must be a list of strings, not the string \"name\"",
            "/components/schemas/A/properties/name/minimum: `minimum` must be a number",
            "/components/schemas/A/properties/list/allOf/0/nullable",
        ];
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
        for (problem, expected) in problems.iter().zip(expected) {
            assert!(
                problem.contains(expected),
                "{problem} does not say {expected}"
            );
        }
    }
}
