//! Two versions of one schema, compared: its type, nullability, values, bounds, properties,
//! items, members. A `$ref` to a component schema is a boundary: the component is compared
//! once, on its own (see `components.rs`), not at every place that names it.

use crate::change::{Change, Sides};
use crate::rule::Rule;
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};

/// Nesting beyond which a schema is not compared further (specs from elsewhere may nest
/// without end; real ones stay far below).
const MAX_DEPTH: usize = 64;

/// The two documents, and what was found so far.
#[derive(Debug)]
pub struct Cx<'a> {
    /// The old document, whose `$ref`s resolve in it.
    pub old: &'a Value,
    /// The new one.
    pub new: &'a Value,
    /// The changes found.
    pub changes: Vec<Change>,
    /// The pairs of places being compared, so that a cycle of inline references ends.
    seen: HashSet<(String, String)>,
}

/// One side of a comparison: a schema and its pointer in its document.
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    /// Its JSON pointer.
    pub pointer: &'a str,
    /// The schema.
    pub value: &'a Value,
}

/// Where the compared schemas belong: their subject and the sides they are used on.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// `GET /things`, `schema Thing`.
    pub subject: &'a str,
    /// Requests, responses or both.
    pub sides: Sides,
}

impl<'a> Cx<'a> {
    /// A comparison of `old` with `new`.
    pub fn new(old: &'a Value, new: &'a Value) -> Self {
        Self {
            old,
            new,
            changes: Vec::new(),
            seen: HashSet::new(),
        }
    }

    /// Records a change at `pointer`.
    pub fn found(&mut self, rule: Rule, place: Place<'_>, pointer: &str, detail: String) {
        self.changes.push(Change::new(
            rule,
            place.sides,
            place.subject,
            pointer,
            detail,
        ));
    }

    /// Compares two versions of a schema.
    pub fn schema(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>) {
        self.schema_at(place, old, new, 0);
    }

    /// Compares the schemas two versions of a parent hold under `key` (a parameter's
    /// `schema`, an array's `items`), when both hold one.
    pub fn under(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>, key: &str) {
        self.under_at(place, old, new, key, 0);
    }

    fn under_at(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>, key: &str, depth: usize) {
        let (Some(a), Some(b)) = (old.value.get(key), new.value.get(key)) else {
            return;
        };
        if !(a.is_object() && b.is_object()) {
            return;
        }
        let (pa, pb) = (child(old.pointer, &[key]), child(new.pointer, &[key]));
        let (a, b) = (
            At {
                pointer: &pa,
                value: a,
            },
            At {
                pointer: &pb,
                value: b,
            },
        );
        self.schema_at(place, a, b, depth);
    }

    fn schema_at(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let (old_ref, new_ref) = (component(old.value), component(new.value));
        match (old_ref, new_ref) {
            (Some(a), Some(b)) if a == b => return,
            (Some(a), Some(b)) => {
                let detail = format!("`{a}` became `{b}`");
                self.found(Rule::SchemaRenamed, place, new.pointer, detail);
                // An envelope dropped: the old schema held the new one in a property, so
                // what is read now is what that property held, compared on its own.
                if holds(self.old, a, b) {
                    return;
                }
            }
            _ => {}
        }
        let (old_doc, new_doc) = (self.old, self.new);
        let (Some(old), Some(new)) = (resolve(old_doc, old), resolve(new_doc, new)) else {
            return;
        };
        let key = (old.pointer.to_owned(), new.pointer.to_owned());
        if !self.seen.insert(key.clone()) {
            return;
        }
        self.kind(place, old, new);
        self.values(place, old, new);
        self.bounds(place, old, new);
        self.properties(place, old, new, depth);
        self.nested(place, old, new, depth);
        self.seen.remove(&key);
    }

    /// Type, format and nullability.
    fn kind(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>) {
        let (old_types, new_types) = (types(old.value), types(new.value));
        if old_types != new_types {
            let detail = format!("type {} became {}", show(&old_types), show(&new_types));
            self.found(Rule::TypeChanged, place, new.pointer, detail);
        } else if old.value.get("format") != new.value.get("format") {
            let detail = format!(
                "format {} became {}",
                text(old.value.get("format")),
                text(new.value.get("format"))
            );
            self.found(Rule::TypeChanged, place, new.pointer, detail);
        }
        match (nullable(old.value), nullable(new.value)) {
            (false, true) => {
                let detail = "may now be null".to_owned();
                self.found(Rule::BecameNullable, place, new.pointer, detail);
            }
            (true, false) => {
                let detail = "may no longer be null".to_owned();
                self.found(Rule::BecameNotNullable, place, new.pointer, detail);
            }
            _ => {}
        }
        for flag in ["readOnly", "writeOnly"] {
            let is = |v: &Value| v.get(flag).and_then(Value::as_bool).unwrap_or(false);
            if is(old.value) != is(new.value) {
                let detail = format!("`{flag}` became {}", is(new.value));
                self.found(Rule::ReadOnlyChanged, place, new.pointer, detail);
            }
        }
    }

    /// Enum values, default, description.
    fn values(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>) {
        let values = |v: &Value| -> Vec<Value> {
            let mut found: Vec<Value> = v
                .get("enum")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter(|v| !v.is_null()).cloned().collect())
                .unwrap_or_default();
            if let Some(constant) = v.get("const").filter(|c| !c.is_null()) {
                found.push(constant.clone());
            }
            found
        };
        let (old_values, new_values) = (values(old.value), values(new.value));
        // An enum that appears or disappears is a change of type, not of values.
        if !old_values.is_empty() && !new_values.is_empty() {
            for value in new_values.iter().filter(|v| !old_values.contains(v)) {
                let detail = format!("new value {value}");
                self.found(Rule::EnumValueAdded, place, new.pointer, detail);
            }
            for value in old_values.iter().filter(|v| !new_values.contains(v)) {
                let detail = format!("value {value} removed");
                self.found(Rule::EnumValueRemoved, place, new.pointer, detail);
            }
        } else if old_values.is_empty() != new_values.is_empty() {
            let detail = if new_values.is_empty() {
                "no longer limited to listed values".to_owned()
            } else {
                format!("now limited to {} listed values", new_values.len())
            };
            let rule = if new_values.is_empty() {
                Rule::EnumValueAdded
            } else {
                Rule::EnumValueRemoved
            };
            self.found(rule, place, new.pointer, detail);
        }
        if old.value.get("default") != new.value.get("default") {
            let detail = format!(
                "default {} became {}",
                text(old.value.get("default")),
                text(new.value.get("default"))
            );
            self.found(Rule::DefaultChanged, place, new.pointer, detail);
        }
        if old.value.get("description") != new.value.get("description") {
            let detail = "description changed".to_owned();
            self.found(Rule::DescriptionChanged, place, new.pointer, detail);
        }
    }

    /// Maxima, minima and patterns.
    fn bounds(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>) {
        for key in [
            "maximum",
            "exclusiveMaximum",
            "maxLength",
            "maxItems",
            "maxProperties",
        ] {
            let (a, b) = (number(old.value, key), number(new.value, key));
            let rule = match (a, b) {
                (None, Some(_)) => Rule::MaxDecreased,
                (Some(a), Some(b)) if b < a => Rule::MaxDecreased,
                (Some(_), None) => Rule::MaxIncreased,
                (Some(a), Some(b)) if b > a => Rule::MaxIncreased,
                _ => continue,
            };
            let detail = format!("`{key}` {} became {}", opt(a), opt(b));
            self.found(rule, place, new.pointer, detail);
        }
        for key in [
            "minimum",
            "exclusiveMinimum",
            "minLength",
            "minItems",
            "minProperties",
        ] {
            let (a, b) = (number(old.value, key), number(new.value, key));
            let rule = match (a, b) {
                (None, Some(_)) => Rule::MinIncreased,
                (Some(a), Some(b)) if b > a => Rule::MinIncreased,
                (Some(_), None) => Rule::MinDecreased,
                (Some(a), Some(b)) if b < a => Rule::MinDecreased,
                _ => continue,
            };
            let detail = format!("`{key}` {} became {}", opt(a), opt(b));
            self.found(rule, place, new.pointer, detail);
        }
        let pattern = |v: &Value| v.get("pattern").and_then(Value::as_str).map(str::to_owned);
        let rule = match (pattern(old.value), pattern(new.value)) {
            (None, Some(_)) => Some(Rule::PatternAdded),
            (Some(_), None) => Some(Rule::PatternRemoved),
            (Some(a), Some(b)) if a != b => Some(Rule::PatternChanged),
            _ => None,
        };
        if let Some(rule) = rule {
            let detail = format!(
                "pattern {} became {}",
                text(old.value.get("pattern")),
                text(new.value.get("pattern"))
            );
            self.found(rule, place, new.pointer, detail);
        }
    }

    /// Properties: removed, added, required or not, and each one's schema.
    fn properties(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>, depth: usize) {
        let props = |v: &'_ Value| -> serde_json::Map<String, Value> {
            v.get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let (old_props, new_props) = (props(old.value), props(new.value));
        let (old_required, new_required) = (required(old.value), required(new.value));
        for name in old_props.keys() {
            if !new_props.contains_key(name) {
                let pointer = child(old.pointer, &["properties", name]);
                let detail = format!("property `{name}` removed");
                self.found(Rule::PropertyRemoved, place, &pointer, detail);
            }
        }
        for (name, new_schema) in &new_props {
            let pointer = child(new.pointer, &["properties", name]);
            let Some(old_schema) = old_props.get(name) else {
                let (rule, what) = if new_required.contains(name) {
                    (Rule::RequiredPropertyAdded, "required")
                } else {
                    (Rule::OptionalPropertyAdded, "optional")
                };
                let detail = format!("new {what} property `{name}`");
                self.found(rule, place, &pointer, detail);
                continue;
            };
            match (old_required.contains(name), new_required.contains(name)) {
                (false, true) => {
                    let detail = format!("property `{name}` is now required");
                    self.found(Rule::PropertyBecameRequired, place, &pointer, detail);
                }
                (true, false) => {
                    let detail = format!("property `{name}` is now optional");
                    self.found(Rule::PropertyBecameOptional, place, &pointer, detail);
                }
                _ => {}
            }
            let old_pointer = child(old.pointer, &["properties", name]);
            self.schema_at(
                place,
                At {
                    pointer: &old_pointer,
                    value: old_schema,
                },
                At {
                    pointer: &pointer,
                    value: new_schema,
                },
                depth + 1,
            );
        }
        match (open(old.value), open(new.value)) {
            (Some(true), Some(false)) => {
                let detail = "no longer accepts undeclared properties".to_owned();
                self.found(Rule::AdditionalPropertiesClosed, place, new.pointer, detail);
            }
            (Some(false), Some(true)) => {
                let detail = "now accepts undeclared properties".to_owned();
                self.found(Rule::AdditionalPropertiesOpened, place, new.pointer, detail);
            }
            _ => {}
        }
    }

    /// Items, the schema of other properties, and the members of unions and `allOf`.
    fn nested(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>, depth: usize) {
        for key in ["items", "additionalProperties"] {
            self.under_at(place, old, new, key, depth + 1);
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            self.members(place, old, new, key, depth);
        }
    }

    /// The members of one `oneOf`, `anyOf` or `allOf`: those that are references are matched
    /// by name, inline ones by position.
    fn members(&mut self, place: Place<'_>, old: At<'_>, new: At<'_>, key: &str, depth: usize) {
        let list = |v: &'_ Value| -> Vec<Value> {
            v.get(key)
                .and_then(Value::as_array)
                .map(|a| a.iter().filter(|m| !is_null_member(m)).cloned().collect())
                .unwrap_or_default()
        };
        let (old_members, new_members) = (list(old.value), list(new.value));
        let names = |members: &[Value]| -> BTreeSet<String> {
            members
                .iter()
                .filter_map(|m| component(m).map(str::to_owned))
                .collect()
        };
        let (old_names, new_names) = (names(&old_members), names(&new_members));
        let union = key != "allOf";
        for name in new_names.difference(&old_names) {
            let (rule, detail) = if union {
                (
                    Rule::VariantAdded,
                    format!("new member `{name}` in `{key}`"),
                )
            } else {
                (Rule::SchemaChanged, format!("now also `{name}` (`allOf`)"))
            };
            self.found(rule, place, new.pointer, detail);
        }
        for name in old_names.difference(&new_names) {
            let (rule, detail) = if union {
                (
                    Rule::VariantRemoved,
                    format!("member `{name}` removed from `{key}`"),
                )
            } else {
                (Rule::SchemaChanged, format!("no longer `{name}` (`allOf`)"))
            };
            self.found(rule, place, new.pointer, detail);
        }
        let inline = |members: &[Value]| -> Vec<usize> {
            (0..members.len())
                .filter(|&i| component(&members[i]).is_none())
                .collect()
        };
        let (old_inline, new_inline) = (inline(&old_members), inline(&new_members));
        let shared = old_inline.len().min(new_inline.len());
        for (&i, &j) in old_inline.iter().zip(&new_inline).take(shared) {
            let pa = child(old.pointer, &[key, &i.to_string()]);
            let pb = child(new.pointer, &[key, &j.to_string()]);
            self.schema_at(
                place,
                At {
                    pointer: &pa,
                    value: &old_members[i],
                },
                At {
                    pointer: &pb,
                    value: &new_members[j],
                },
                depth + 1,
            );
        }
        let (rule, more) = if new_inline.len() > old_inline.len() {
            (Rule::VariantAdded, new_inline.len() - old_inline.len())
        } else {
            (Rule::VariantRemoved, old_inline.len() - new_inline.len())
        };
        if more > 0 {
            let rule = if union { rule } else { Rule::SchemaChanged };
            let detail = format!("{more} inline member(s) of `{key}` added or removed");
            self.found(rule, place, new.pointer, detail);
        }
    }
}

/// Whether component `outer` of `doc` has a property that is a `$ref` to component `inner`.
fn holds(doc: &Value, outer: &str, inner: &str) -> bool {
    let pointer = child("/components/schemas", &[outer, "properties"]);
    doc.pointer(&pointer)
        .and_then(Value::as_object)
        .is_some_and(|props| props.values().any(|p| component(p) == Some(inner)))
}

/// The component schema a `$ref` names, if the value is one.
pub fn component(value: &Value) -> Option<&str> {
    value
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
}

/// A schema with its `$ref`s followed (a bounded number of times), and where it lies.
fn resolve<'v>(doc: &'v Value, at: At<'v>) -> Option<At<'v>> {
    let mut at = at;
    for _ in 0..16 {
        let Some(reference) = at.value.get("$ref").and_then(Value::as_str) else {
            return Some(at);
        };
        let pointer = reference.strip_prefix('#')?;
        at = At {
            pointer,
            value: doc.pointer(pointer)?,
        };
    }
    None
}

/// The JSON types a schema allows, `null` aside; empty for any.
fn types(schema: &Value) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    match schema.get("type") {
        Some(Value::String(t)) => {
            found.insert(t.clone());
        }
        Some(Value::Array(list)) => {
            found.extend(list.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        _ => {}
    }
    found.remove("null");
    found
}

/// Whether a schema allows `null`: `nullable: true` (3.0), `null` among its types (3.1), or a
/// `null` member of its `oneOf` / `anyOf`.
fn nullable(schema: &Value) -> bool {
    let flag = schema.get("nullable").and_then(Value::as_bool) == Some(true);
    let typed = match schema.get("type") {
        Some(Value::Array(list)) => list.iter().any(|t| t == "null"),
        Some(Value::String(t)) => t == "null",
        _ => false,
    };
    let member = ["oneOf", "anyOf"].iter().any(|key| {
        schema
            .get(*key)
            .and_then(Value::as_array)
            .is_some_and(|members| members.iter().any(is_null_member))
    });
    flag || typed || member
}

/// A union member that only allows `null`.
fn is_null_member(member: &Value) -> bool {
    member.get("type").and_then(Value::as_str) == Some("null")
        || member
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| values.len() == 1 && values[0].is_null())
}

/// Whether an object schema accepts properties it does not declare, when it says.
fn open(schema: &Value) -> Option<bool> {
    match schema.get("additionalProperties") {
        Some(Value::Bool(open)) => Some(*open),
        Some(Value::Object(_)) => Some(true),
        _ if schema.get("properties").is_some() => Some(true),
        _ => None,
    }
}

/// The names a schema requires.
fn required(schema: &Value) -> BTreeSet<String> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn number(schema: &Value, key: &str) -> Option<f64> {
    schema.get(key).and_then(Value::as_f64)
}

fn opt(value: Option<f64>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| v.to_string())
}

fn text(value: Option<&Value>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
}

fn show(types: &BTreeSet<String>) -> String {
    if types.is_empty() {
        "any".to_owned()
    } else {
        types
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(" or ")
    }
}

/// `pointer` with more tokens, escaped.
pub fn child(pointer: &str, tokens: &[&str]) -> String {
    let mut out = pointer.to_owned();
    for token in tokens {
        out.push('/');
        out.push_str(&token.replace('~', "~0").replace('/', "~1"));
    }
    out
}
