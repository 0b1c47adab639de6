//! OpenAPI 3.1 read as 3.0. The typed OpenAPI crate reads 3.0, and most of what 3.1 changed
//! is spelling: JSON Schema 2020-12 says `type: [string, "null"]` where 3.0 says
//! `nullable: true`, `const` where 3.0 has a one-value `enum`, a number where 3.0 has a
//! boolean `exclusiveMinimum`. Those are rewritten in place, in the parsed tree, so every
//! pointer still names the same node of the text. What has no 3.0 form is left out with a
//! warning that names it and where.

use crate::error::Diagnostic;
use crate::load::yaml_key as key;
use crate::pointer::Pointer;
use serde_yaml_ng::{Mapping, Value};

/// JSON Schema keywords 3.0 has no form for; each is left out of the schema that has it.
const UNSUPPORTED: &[&str] = &[
    "prefixItems",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "patternProperties",
    "$defs",
    "$dynamicRef",
    "$dynamicAnchor",
    "contentSchema",
];

/// Keywords that say nothing about the shape of a value, dropped without a word.
const ANNOTATIONS: &[&str] = &["$id", "$schema", "$anchor", "$comment"];

/// Sub-schemas under a schema, by keyword: a schema, a map of them or a list of them.
const ONE: &[&str] = &["items", "additionalProperties", "not"];
const MAP: &[&str] = &["properties"];
const LIST: &[&str] = &["allOf", "anyOf", "oneOf"];

/// Rewrites a 3.1 document as 3.0, returning a warning for everything left out.
pub fn rewrite(doc: &mut Value) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    let Some(root) = doc.as_mapping_mut() else {
        return notes;
    };
    root.insert("openapi".into(), "3.0.3".into());
    root.remove("jsonSchemaDialect");
    let payloads = match root.remove("webhooks") {
        Some(webhooks) => webhook_payloads(webhooks, &mut notes),
        None => Vec::new(),
    };
    if !root.contains_key("paths") {
        root.insert("paths".into(), Value::Mapping(Mapping::new()));
    }
    if let Some(Value::Mapping(paths)) = root.get_mut("paths") {
        for (_, item) in paths.iter_mut() {
            fill_responses(item);
        }
    }
    if let Some(Value::Mapping(schemes)) = root
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    {
        schemes.retain(|name, scheme| {
            let mutual = scheme.get("type").and_then(Value::as_str) == Some("mutualTLS");
            if mutual {
                notes.push(Diagnostic::at(
                    Pointer::root()
                        .child("components")
                        .child("securitySchemes")
                        .child(key(name)),
                    "security scheme type `mutualTLS` is not supported: the client presents no \
                     certificate of its own; it is left out",
                ));
            }
            !mutual
        });
    }
    if let Some(components) = root.get_mut("components").and_then(Value::as_mapping_mut) {
        if let Some(schemas) = components
            .get_mut("schemas")
            .and_then(Value::as_mapping_mut)
        {
            for (name, schema) in schemas.iter_mut() {
                let pointer = Pointer::root()
                    .child("components")
                    .child("schemas")
                    .child(key(name));
                rewrite_schema(schema, &pointer, &mut notes);
            }
        }
    }
    // Already rewritten where they stood.
    if !payloads.is_empty() {
        let components = root
            .entry("components".into())
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if let Some(components) = components.as_mapping_mut() {
            let schemas = components
                .entry("schemas".into())
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            if let Some(schemas) = schemas.as_mapping_mut() {
                for (name, schema) in payloads {
                    let mut unique = name.clone();
                    let mut n = 2;
                    while schemas.contains_key(unique.as_str()) {
                        unique = format!("{name}{n}");
                        n += 1;
                    }
                    schemas.insert(unique.into(), schema);
                }
            }
        }
    }
    // Every other schema stands under a `schema` key: parameters, headers, media types.
    for section in ["paths", "components"] {
        if let Some(node) = root.get_mut(section) {
            find_schemas(node, &Pointer::root().child(section), &mut notes);
        }
    }
    notes
}

/// The inline JSON payload schemas of the webhooks, rewritten as 3.0 where they stand, each
/// named for its operation (`operationId`, else the webhook's name) and `Payload`, to become
/// models. A payload given by `$ref` is a model already; what else a webhook says (its
/// responses, its parameters) has no place in a client and is left out.
fn webhook_payloads(webhooks: Value, notes: &mut Vec<Diagnostic>) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Value::Mapping(webhooks) = webhooks else {
        return out;
    };
    for (name, item) in webhooks {
        let name = key(&name);
        let Value::Mapping(item) = item else {
            continue;
        };
        for (method, operation) in item {
            let method = key(&method);
            let at = Pointer::root()
                .child("webhooks")
                .child(&name)
                .child(&method)
                .child("requestBody");
            let Some(body) = operation.get("requestBody") else {
                continue;
            };
            if body.get("$ref").is_some() {
                notes.push(Diagnostic::at(
                    at,
                    format!(
                        "webhook `{name}`: a request body given by `$ref` is not followed; \
                         give its schema by `$ref` instead to get a model of the payload"
                    ),
                ));
                continue;
            }
            let Some(content) = body.get("content").and_then(Value::as_mapping) else {
                continue;
            };
            let json = content.iter().find(|(media, _)| {
                let media = key(media);
                media.starts_with("application/json") || media.contains("+json")
            });
            let Some((media, body)) = json else {
                let found: Vec<String> = content.keys().map(key).collect();
                notes.push(Diagnostic::at(
                    at.child("content"),
                    format!(
                        "webhook `{name}`: its payload is not JSON (found: {}), so no model \
                         is made for it",
                        found.join(", ")
                    ),
                ));
                continue;
            };
            let Some(schema) = body.get("schema") else {
                continue;
            };
            if schema.get("$ref").is_some() {
                continue;
            }
            let pointer = at.child("content").child(key(media)).child("schema");
            let mut schema = schema.clone();
            rewrite_schema(&mut schema, &pointer, notes);
            if let Some(schema) = schema.as_mapping_mut() {
                schema.insert(super::MOVED_FROM.into(), pointer.as_str().into());
            }
            let base = operation
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or(&name);
            out.push((format!("{}Payload", upper_camel(base)), schema));
        }
    }
    out
}

/// Gives each operation of a path item the `responses` 3.1 lets it leave out (3.0 requires
/// it): none documented.
fn fill_responses(item: &mut Value) {
    let Some(item) = item.as_mapping_mut() else {
        return;
    };
    for (method, operation) in item.iter_mut() {
        let is_operation = matches!(
            key(method).as_str(),
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
        );
        if let (true, Some(operation)) = (is_operation, operation.as_mapping_mut()) {
            if !operation.contains_key("responses") {
                operation.insert("responses".into(), Value::Mapping(Mapping::new()));
            }
        }
    }
}

/// `thing.changed` or `thing_changed` as `ThingChanged`.
fn upper_camel(text: &str) -> String {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Rewrites the value of every `schema` key below `node`, which is not a schema itself.
fn find_schemas(node: &mut Value, pointer: &Pointer, notes: &mut Vec<Diagnostic>) {
    match node {
        Value::Mapping(map) => {
            for (k, child) in map.iter_mut() {
                let k = key(k);
                let here = pointer.child(&k);
                if here.as_str() == "/components/schemas" {
                    continue;
                }
                if k == "schema" {
                    rewrite_schema(child, &here, notes);
                } else {
                    find_schemas(child, &here, notes);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter_mut().enumerate() {
                find_schemas(child, &pointer.child(i), notes);
            }
        }
        _ => {}
    }
}

/// Rewrites one schema and everything below it.
fn rewrite_schema(schema: &mut Value, pointer: &Pointer, notes: &mut Vec<Diagnostic>) {
    // `true` accepts anything, as `{}` does; `false` accepts nothing, which 3.0 cannot say.
    match schema {
        Value::Bool(true) => {
            *schema = Value::Mapping(Mapping::new());
            return;
        }
        Value::Bool(false) => {
            notes.push(Diagnostic::at(
                pointer,
                "the schema `false` (no value is valid) is read as any value",
            ));
            *schema = Value::Mapping(Mapping::new());
            return;
        }
        _ => {}
    }
    let Some(map) = schema.as_mapping_mut() else {
        return;
    };
    if map.contains_key("$ref") {
        let siblings: Vec<String> = map
            .keys()
            .map(key)
            .filter(|k| !matches!(k.as_str(), "$ref" | "description" | "summary"))
            .collect();
        if !siblings.is_empty() {
            notes.push(Diagnostic::at(
                pointer,
                format!(
                    "keywords beside `$ref` are not read: {}",
                    siblings
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        return;
    }
    // Before `types`, which writes `nullable` itself.
    if map.contains_key("nullable") {
        notes.push(Diagnostic::at(
            pointer.child("nullable"),
            "`nullable` is not an OpenAPI 3.1 keyword (3.1 lists \"null\" in `type`); it is \
             read as in 3.0",
        ));
    }
    types(map, pointer, notes);
    if let Some(value) = map.remove("const") {
        if !map.contains_key("enum") {
            map.insert("enum".into(), Value::Sequence(vec![value]));
        }
    }
    if let Some(Value::Sequence(mut examples)) = map.remove("examples") {
        if !map.contains_key("example") && !examples.is_empty() {
            map.insert("example".into(), examples.swap_remove(0));
        }
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(n)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), Value::Number(n));
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
    content(map);
    for k in ANNOTATIONS {
        map.remove(*k);
    }
    for k in UNSUPPORTED {
        if map.remove(*k).is_some() {
            notes.push(Diagnostic::at(
                pointer.child(k),
                format!("`{k}` is not supported; it is left out of the schema"),
            ));
        }
    }
    for k in ONE {
        if let Some(child) = map.get_mut(*k) {
            if !(*k == "additionalProperties" && child.is_bool()) {
                rewrite_schema(child, &pointer.child(k), notes);
            }
        }
    }
    for k in MAP {
        if let Some(Value::Mapping(children)) = map.get_mut(*k) {
            for (name, child) in children.iter_mut() {
                let here = pointer.child(k).child(key(name));
                rewrite_schema(child, &here, notes);
            }
        }
    }
    for k in LIST {
        if let Some(Value::Sequence(children)) = map.get_mut(*k) {
            for (i, child) in children.iter_mut().enumerate() {
                rewrite_schema(child, &pointer.child(k).child(i), notes);
            }
        }
    }
}

/// `type` as a list, or `"null"`: the 3.0 `type` with `nullable`, a `null`-only schema, or
/// one alternative per type.
fn types(map: &mut Mapping, pointer: &Pointer, notes: &mut Vec<Diagnostic>) {
    let listed: Vec<String> = match map.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Sequence(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => return,
    };
    let nullable = listed.iter().any(|t| t == "null");
    let others: Vec<&String> = listed.iter().filter(|t| *t != "null").collect();
    match others.as_slice() {
        [] => {
            map.remove("type");
            if !map.contains_key("enum") {
                map.insert("enum".into(), Value::Sequence(vec![Value::Null]));
            }
        }
        [only] => {
            map.insert("type".into(), Value::String((*only).clone()));
        }
        several => {
            map.remove("type");
            if map.contains_key("anyOf") || map.contains_key("oneOf") {
                notes.push(Diagnostic::at(
                    pointer.child("type"),
                    "a list of types beside `anyOf` or `oneOf` is not read; the value is typed \
                     by those alone",
                ));
            } else {
                let alternatives = several
                    .iter()
                    .map(|t| {
                        let mut m = Mapping::new();
                        m.insert("type".into(), Value::String((*t).clone()));
                        Value::Mapping(m)
                    })
                    .collect();
                map.insert("anyOf".into(), Value::Sequence(alternatives));
            }
        }
    }
    if nullable {
        map.insert("nullable".into(), Value::Bool(true));
    }
}

/// `contentEncoding` and `contentMediaType` on a string: base64 is 3.0's `format: byte`, any
/// other media type but JSON is `format: binary`.
fn content(map: &mut Mapping) {
    let encoding = map.remove("contentEncoding");
    let media = map.remove("contentMediaType");
    if map.contains_key("format") {
        return;
    }
    let format = match (
        encoding.as_ref().and_then(Value::as_str),
        media.as_ref().and_then(Value::as_str),
    ) {
        (Some("base64"), _) => "byte",
        (_, Some(m)) if !m.contains("json") => "binary",
        _ => return,
    };
    map.insert("format".into(), format.into());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::is_31;

    fn rewritten(yaml: &str) -> (Value, Vec<String>) {
        let mut doc: Value = serde_yaml_ng::from_str(yaml).unwrap();
        let notes = rewrite(&mut doc);
        (
            doc,
            notes
                .into_iter()
                .map(|d| format!("{}: {}", d.pointer, d.message))
                .collect(),
        )
    }

    fn schema<'v>(doc: &'v Value, name: &str) -> &'v Value {
        &doc["components"]["schemas"][name]
    }

    #[test]
    fn versions() {
        assert!(is_31("3.1.0") && is_31("3.1.1"));
        assert!(!is_31("3.0.3") && !is_31("3.1") && !is_31("3.2.0"));
    }

    #[test]
    fn optional_responses_and_mutual_tls() {
        let (doc, notes) = rewritten(
            r#"
openapi: 3.1.0
paths:
  /a:
    get: {operationId: a}
    post: {operationId: b, responses: {"204": {description: ok}}}
components:
  securitySchemes:
    mtls: {type: mutualTLS}
    bearer: {type: http, scheme: bearer}
"#,
        );
        assert!(doc["paths"]["/a"]["get"]["responses"].is_mapping());
        assert!(doc["paths"]["/a"]["post"]["responses"]["204"].is_mapping());
        let schemes = &doc["components"]["securitySchemes"];
        assert!(schemes.get("mtls").is_none() && schemes.get("bearer").is_some());
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("/components/securitySchemes/mtls: security scheme type"));
    }

    #[test]
    fn spellings_become_3_0() {
        let (doc, notes) = rewritten(
            r#"
openapi: 3.1.0
info: {title: t, version: "1"}
components:
  schemas:
    A:
      type: object
      properties:
        name: {type: [string, "null"], examples: [Ann, Bo]}
        kind: {const: circle}
        size: {type: number, exclusiveMinimum: 0, exclusiveMaximum: 10}
        either: {type: [string, integer]}
        gone: {type: "null"}
        data: {type: string, contentEncoding: base64}
        any: true
"#,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(doc["openapi"], Value::from("3.0.3"));
        assert!(doc["paths"].is_mapping());
        let p = &schema(&doc, "A")["properties"];
        assert_eq!(p["name"]["type"], Value::from("string"));
        assert_eq!(p["name"]["nullable"], Value::Bool(true));
        assert_eq!(p["name"]["example"], Value::from("Ann"));
        assert_eq!(
            p["kind"]["enum"],
            serde_yaml_ng::from_str::<Value>("[circle]").unwrap()
        );
        assert_eq!(p["size"]["minimum"], Value::from(0));
        assert_eq!(p["size"]["exclusiveMinimum"], Value::Bool(true));
        assert_eq!(p["size"]["maximum"], Value::from(10));
        assert_eq!(p["either"]["anyOf"][1]["type"], Value::from("integer"));
        assert_eq!(p["gone"]["enum"], Value::Sequence(vec![Value::Null]));
        assert_eq!(p["gone"]["nullable"], Value::Bool(true));
        assert_eq!(p["data"]["format"], Value::from("byte"));
        assert!(p["any"].as_mapping().is_some_and(Mapping::is_empty));
    }

    #[test]
    fn what_3_0_cannot_say_is_left_out_with_a_located_warning() {
        let (doc, notes) = rewritten(
            r##"
openapi: 3.1.0
info: {title: t, version: "1"}
webhooks:
  done: {post: {requestBody: {content: {application/json: {schema: {type: [object, "null"]}}}}}}
  file: {post: {requestBody: {content: {application/pdf: {schema: {type: string}}}}}}
  shared: {post: {requestBody: {$ref: "#/components/requestBodies/Shared"}}}
paths:
  /a:
    get:
      parameters:
        - {name: q, in: query, schema: {type: array, prefixItems: [{type: string}]}}
      responses: {"200": {description: ok}}
components:
  schemas:
    B: {$ref: "#/components/schemas/C", default: 1, description: fine}
    C: {type: integer, nullable: true}
"##,
        );
        assert_eq!(
            notes,
            [
                "/webhooks/file/post/requestBody/content: webhook `file`: its payload is not JSON (found: application/pdf), so no model is made for it",
                "/webhooks/shared/post/requestBody: webhook `shared`: a request body given by `$ref` is not followed; give its schema by `$ref` instead to get a model of the payload",
                "/components/schemas/B: keywords beside `$ref` are not read: `default`",
                "/components/schemas/C/nullable: `nullable` is not an OpenAPI 3.1 keyword (3.1 lists \"null\" in `type`); it is read as in 3.0",
                "/paths/~1a/get/parameters/0/schema/prefixItems: `prefixItems` is not supported; it is left out of the schema",
            ]
        );
        assert!(doc.get("webhooks").is_none());
        let payload = schema(&doc, "DonePayload");
        assert_eq!(payload["type"], Value::from("object"));
        assert_eq!(payload["nullable"], Value::Bool(true));
    }
}
