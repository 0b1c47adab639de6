//! Whole-document checks that OpenAPI types alone do not enforce: every `$ref` resolves,
//! operationIds are unique, and path templates match the declared path parameters.

pub mod structure;

use crate::error::Diagnostic;
use crate::load::resolve::Resolver;
use crate::model::PathTemplate;
use crate::pointer::Pointer;
use openapiv3::{OpenAPI, ParameterSchemaOrContent, ReferenceOr};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// Every `$ref` in the untyped tree must point at a node of the same document.
pub fn references(raw: &Value) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    walk_refs(raw, raw, &mut String::new(), &mut problems);
    problems
}

fn walk_refs(root: &Value, node: &Value, pointer: &mut String, out: &mut Vec<Diagnostic>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(target)) = map.get("$ref") {
                if let Some(problem) = check_ref(root, target) {
                    out.push(Diagnostic::at(format!("{pointer}/$ref"), problem));
                }
            }
            for (key, child) in map {
                let len = pointer.len();
                pointer.push('/');
                push_escaped(pointer, key);
                walk_refs(root, child, pointer, out);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let len = pointer.len();
                // Writing to a `String` cannot fail.
                let _ = write!(pointer, "/{i}");
                walk_refs(root, child, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

/// Appends one JSON pointer token, escaped (RFC 6901), without allocating.
fn push_escaped(pointer: &mut String, token: &str) {
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

fn check_ref(root: &Value, target: &str) -> Option<String> {
    let Some(local) = target.strip_prefix('#') else {
        return Some(format!(
            "`$ref: {target}` points outside this document; external references are not \
             supported, bundle the spec into one file first"
        ));
    };
    // A fragment may percent-encode any character (RFC 6901, section 6).
    match root.pointer(&crate::repair::references::percent_decode(local)) {
        Some(_) => None,
        None => Some(format!(
            "unresolved `$ref: {target}`: there is no `{}` in this document",
            if local.is_empty() { "/" } else { local }
        )),
    }
}

/// Unique operationIds and path parameters that match their templates.
pub fn operations(doc: &OpenAPI) -> Vec<Diagnostic> {
    let resolver = Resolver::new(doc);
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, Pointer> = HashMap::new();
    for (path, item) in &doc.paths.paths {
        let path_pointer = Pointer::root().child("paths").child(path);
        let ReferenceOr::Item(item) = item else {
            problems.push(Diagnostic::at(
                path_pointer,
                "path items given by `$ref` are not supported; write the path item inline",
            ));
            continue;
        };
        // A malformed template is the converter's to report, with the operations it skips.
        let template: BTreeSet<String> = PathTemplate::parse(path)
            .map(|t| t.params().map(str::to_owned).collect())
            .unwrap_or_default();
        for (method, op) in item.iter() {
            let op_pointer = path_pointer.child(method);
            if let Some(id) = op.operation_id.as_deref() {
                if let Some(first) = seen.insert(id, op_pointer.clone()) {
                    problems.push(Diagnostic::at(
                        op_pointer.child("operationId"),
                        format!("operationId `{id}` is used twice; first at {first}"),
                    ));
                }
            }
            let declared: BTreeSet<String> = item
                .parameters
                .iter()
                .chain(&op.parameters)
                .filter_map(|p| resolver.parameter(p))
                .filter(|p| matches!(p, openapiv3::Parameter::Path { .. }))
                .map(|p| p.parameter_data_ref().name.clone())
                .collect();
            for name in template.difference(&declared) {
                problems.push(Diagnostic::at(
                    op_pointer.clone(),
                    format!(
                        "path parameter `{name}` is used in the path `{path}` but not declared \
                         (add it to `parameters` with `in: path`)"
                    ),
                ));
            }
            for name in declared
                .difference(&template)
                .filter(|_| PathTemplate::parse(path).is_ok())
            {
                problems.push(Diagnostic::at(
                    op_pointer.clone(),
                    format!("path parameter `{name}` is declared but `{path}` has no `{{{name}}}`"),
                ));
            }
            for param in op.parameters.iter().chain(&item.parameters) {
                if let Some(p) = resolver.parameter(param) {
                    if let ParameterSchemaOrContent::Content(_) = p.parameter_data_ref().format {
                        problems.push(Diagnostic::at(
                            op_pointer.clone(),
                            format!(
                                "parameter `{}` uses `content`; only `schema` parameters are \
                                 supported",
                                p.parameter_data_ref().name
                            ),
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{parse_tree, parse_typed};
    use crate::model::{Part, Segment};

    #[test]
    fn unresolved_and_external_refs_are_named() {
        let raw = parse_tree(
            "a:\n  $ref: '#/components/schemas/Missing'\nb:\n  - $ref: 'other.yaml#/X'\nc:\n  $ref: '#/a'\n",
        )
        .unwrap();
        let problems = references(&raw);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].pointer, "/a/$ref");
        assert!(problems[0].message.contains("#/components/schemas/Missing"));
        assert_eq!(problems[1].pointer, "/b/0/$ref");
        assert!(problems[1].message.contains("external"));
    }

    #[test]
    fn operation_problems_are_all_reported() {
        let doc = parse_typed(
            r#"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /a/{id}:
    get:
      operationId: same
      responses: {}
  /b:
    get:
      operationId: same
      parameters:
        - { name: x, in: path, required: true, schema: { type: string } }
      responses: {}
"#,
        )
        .unwrap();
        let problems = operations(&doc);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{text:#?}");
        assert!(text[0].contains("`id` is used in the path"), "{text:#?}");
        assert!(text[1].contains("`same` is used twice"), "{text:#?}");
        assert!(text[2].contains("`x` is declared"), "{text:#?}");
    }

    #[test]
    fn templates() {
        let template = PathTemplate::parse("/a/{id}/b/{other_id}.{ext}").unwrap();
        let names: Vec<&str> = template.params().collect();
        assert_eq!(names, ["id", "other_id", "ext"]);
        assert_eq!(
            template.segments[3],
            Segment::Mixed(vec![
                Part::Param("other_id".into()),
                Part::Text(".".into()),
                Part::Param("ext".into())
            ])
        );
        assert_eq!(template.segments[1], Segment::Param("id".into()));
        for bad in ["/a/{id", "/a/id}", "/a/{}", "/a/{{id}}"] {
            let error = PathTemplate::parse(bad).unwrap_err();
            assert!(error.contains(bad), "{error}");
        }
    }
}
