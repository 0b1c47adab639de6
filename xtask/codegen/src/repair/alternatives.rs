//! An object schema that needs one of several properties says so with an `anyOf` or `oneOf`
//! whose members only list `required` names (`anyOf: [{required: [fileUrl]}, {required:
//! [fileId]}]`). The typed reader would take such a schema for a union, or drop the keyword
//! beside `properties`; it is moved into [`EXTENSION`] instead, where the generator reads it
//! as a rule of the struct: documented, and checked by the generated server.

use serde_yaml_ng::{Mapping, Value};

/// The extension that holds the rule: `{keyword: anyOf | oneOf, sets: [[name, ...], ...]}`.
pub const EXTENSION: &str = "x-codegen-required-alternatives";

/// Moves every such keyword of the document, at any depth, into [`EXTENSION`].
pub fn move_into_extension(doc: &mut Value) {
    match doc {
        Value::Mapping(map) => {
            if let Some(rule) = take_rule(map) {
                map.insert(Value::from(EXTENSION), rule);
            }
            for (_, child) in map.iter_mut() {
                move_into_extension(child);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(move_into_extension),
        Value::Tagged(tagged) => move_into_extension(&mut tagged.value),
        _ => {}
    }
}

/// Removes and returns the rule of an object schema, when it has one.
fn take_rule(schema: &mut Mapping) -> Option<Value> {
    let is_object = schema.contains_key("properties")
        || schema.get("type").and_then(Value::as_str) == Some("object");
    if !is_object {
        return None;
    }
    let keyword = ["anyOf", "oneOf"]
        .into_iter()
        .find(|k| schema.get(*k).and_then(required_sets).is_some())?;
    let sets = schema.get(keyword).and_then(required_sets)?;
    schema.remove(keyword);
    let mut rule = Mapping::new();
    rule.insert(Value::from("keyword"), Value::from(keyword));
    rule.insert(
        Value::from("sets"),
        Value::Sequence(
            sets.into_iter()
                .map(|set| Value::Sequence(set.into_iter().map(Value::from).collect()))
                .collect(),
        ),
    );
    Some(Value::Mapping(rule))
}

/// The `required` lists of the members, when every member (two or more) is a mapping of a
/// non-empty `required` list of names and, at most, a description or title.
fn required_sets(members: &Value) -> Option<Vec<Vec<String>>> {
    let members = members.as_sequence().filter(|m| m.len() >= 2)?;
    members
        .iter()
        .map(|member| {
            let member = member.as_mapping()?;
            let only_required = member
                .keys()
                .all(|k| matches!(k.as_str(), Some("required" | "description" | "title")));
            let names: Option<Vec<String>> = member
                .get("required")?
                .as_sequence()?
                .iter()
                .map(|n| n.as_str().map(str::to_owned))
                .collect();
            names.filter(|n| only_required && !n.is_empty())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(yaml: &str) -> Value {
        let mut doc: Value = serde_yaml_ng::from_str(yaml).unwrap();
        move_into_extension(&mut doc);
        doc
    }

    #[test]
    fn alternatives_of_required_names_become_the_extension() {
        let doc = moved(
            "a: {type: object, properties: {u: {}, i: {}}, anyOf: [{required: [u]}, {required: [i], description: by id}]}",
        );
        assert_eq!(doc["a"].get("anyOf"), None);
        assert_eq!(doc["a"][EXTENSION]["keyword"], "anyOf");
        let sets: Vec<Vec<String>> =
            serde_yaml_ng::from_value(doc["a"][EXTENSION]["sets"].clone()).unwrap();
        assert_eq!(sets, [["u"], ["i"]]);
        let nested = moved("p: {properties: {x: {properties: {f: {}}, oneOf: [{required: [f]}, {required: [g, h]}]}}}");
        assert_eq!(
            nested["p"]["properties"]["x"][EXTENSION]["keyword"],
            "oneOf"
        );
    }

    #[test]
    fn unions_and_schemas_that_are_not_objects_are_left_alone() {
        for yaml in [
            // Members that are schemas of their own: a union.
            "a: {type: object, anyOf: [{required: [u], properties: {u: {}}}, {required: [i]}]}",
            "a: {anyOf: [{required: [u]}, {required: [i]}]}",
            "a: {type: object, oneOf: [{required: [u]}]}",
            "a: {type: object, anyOf: [{required: []}, {required: [i]}]}",
            "a: {type: object, anyOf: [{$ref: '#/x'}, {required: [i]}]}",
        ] {
            let doc = moved(yaml);
            assert_eq!(doc["a"].get(EXTENSION), None, "{yaml}");
        }
    }
}
