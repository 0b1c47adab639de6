//! The operations of two specs, compared: which exist, their ids, security, parameters,
//! request bodies and responses. Operations are matched by method and path, the names of the
//! path's parameters aside (`/runs/{id}` and `/runs/{runId}` are one path).

use crate::change::Sides;
use crate::rule::{Rule, Side};
use crate::schema::{child, At, Cx, Place};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of a document, where it lies.
struct Operation<'a> {
    pointer: String,
    path: &'a str,
    method: &'a str,
    item: &'a Value,
    value: &'a Value,
}

/// Every operation of `doc`, by method and path shape.
fn operations(doc: &Value) -> BTreeMap<(String, String), Operation<'_>> {
    let mut found = BTreeMap::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return found;
    };
    for (path, item) in paths {
        let item_pointer = child("", &["paths", path]);
        let item = follow(doc, item);
        for method in METHODS {
            if let Some(value) = item.get(method) {
                found.insert(
                    (method.to_owned(), shape(path)),
                    Operation {
                        pointer: child(&item_pointer, &[method]),
                        path,
                        method,
                        item,
                        value,
                    },
                );
            }
        }
    }
    found
}

/// A path with its parameters' names left out: `/runs/{}`.
fn shape(path: &str) -> String {
    let mut out = String::new();
    let mut in_name = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_name = true;
                out.push_str("{}");
            }
            '}' => in_name = false,
            _ if in_name => {}
            _ => out.push(c),
        }
    }
    out
}

/// A value with its `$ref` followed, if it is a local one (bounded).
fn follow<'v>(doc: &'v Value, value: &'v Value) -> &'v Value {
    let mut value = value;
    for _ in 0..16 {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            break;
        };
        match reference.strip_prefix('#').and_then(|p| doc.pointer(p)) {
            Some(target) => value = target,
            None => break,
        }
    }
    value
}

/// Compares the operations of the two documents of `cx`.
pub fn compare(cx: &mut Cx<'_>) {
    let (old_doc, new_doc) = (cx.old, cx.new);
    let (old_ops, new_ops) = (operations(old_doc), operations(new_doc));
    for (key, old) in &old_ops {
        let subject = format!("{} {}", old.method.to_uppercase(), old.path);
        let place = Place {
            subject: &subject,
            sides: Sides::BOTH,
        };
        let Some(new) = new_ops.get(key) else {
            cx.found(
                Rule::OperationRemoved,
                place,
                &old.pointer,
                "operation removed".to_owned(),
            );
            continue;
        };
        let subject = format!("{} {}", new.method.to_uppercase(), new.path);
        operation(cx, &subject, old, new);
    }
    for (key, new) in &new_ops {
        if !old_ops.contains_key(key) {
            let subject = format!("{} {}", new.method.to_uppercase(), new.path);
            let place = Place {
                subject: &subject,
                sides: Sides::BOTH,
            };
            cx.found(
                Rule::OperationAdded,
                place,
                &new.pointer,
                "new operation".to_owned(),
            );
        }
    }
}

fn operation(cx: &mut Cx<'_>, subject: &str, old: &Operation<'_>, new: &Operation<'_>) {
    let both = Place {
        subject,
        sides: Sides::BOTH,
    };
    let flag = |op: &Operation<'_>, key: &str| op.value.get(key).and_then(Value::as_bool);
    if flag(old, "deprecated") != Some(true) && flag(new, "deprecated") == Some(true) {
        cx.found(
            Rule::OperationDeprecated,
            both,
            &new.pointer,
            "now deprecated".to_owned(),
        );
    }
    fn id<'v>(op: &Operation<'v>) -> Option<&'v str> {
        op.value.get("operationId").and_then(Value::as_str)
    }
    if let (Some(a), Some(b)) = (id(old), id(new)) {
        if a != b {
            let detail = format!("operationId `{a}` became `{b}`");
            cx.found(Rule::OperationIdChanged, both, &new.pointer, detail);
        }
    }
    security(cx, both, old, new);
    parameters(cx, subject, old, new);
    request_body(cx, subject, old, new);
    responses(cx, subject, old, new);
}

/// Whether an operation needs credentials: its own `security`, else the document's.
fn secured(doc: &Value, op: &Operation<'_>) -> bool {
    let list = op
        .value
        .get("security")
        .or_else(|| doc.get("security"))
        .and_then(Value::as_array);
    // An empty requirement object in the list makes credentials optional.
    list.is_some_and(|l| {
        !l.is_empty()
            && l.iter()
                .all(|r| r.as_object().is_some_and(|o| !o.is_empty()))
    })
}

fn security(cx: &mut Cx<'_>, place: Place<'_>, old: &Operation<'_>, new: &Operation<'_>) {
    match (secured(cx.old, old), secured(cx.new, new)) {
        (false, true) => {
            let detail = "now needs credentials".to_owned();
            cx.found(Rule::SecurityAdded, place, &new.pointer, detail);
        }
        (true, false) => {
            let detail = "no longer needs credentials".to_owned();
            cx.found(Rule::SecurityRemoved, place, &new.pointer, detail);
        }
        _ => {}
    }
}

/// An operation's parameters (its path item's too, overridden by its own), by location and
/// name, each with its pointer.
fn params<'a>(
    doc: &'a Value,
    op: &Operation<'a>,
) -> BTreeMap<(String, String), (String, &'a Value)> {
    let mut found = BTreeMap::new();
    let lists = [
        (
            child("", &["paths", op.path, "parameters"]),
            op.item.get("parameters"),
        ),
        (
            child(&op.pointer, &["parameters"]),
            op.value.get("parameters"),
        ),
    ];
    for (pointer, list) in lists {
        let Some(list) = list.and_then(Value::as_array) else {
            continue;
        };
        for (i, param) in list.iter().enumerate() {
            let param = follow(doc, param);
            let (Some(location), Some(name)) = (
                param.get("in").and_then(Value::as_str),
                param.get("name").and_then(Value::as_str),
            ) else {
                continue;
            };
            found.insert(
                (location.to_owned(), name.to_owned()),
                (child(&pointer, &[&i.to_string()]), param),
            );
        }
    }
    found
}

fn parameters(cx: &mut Cx<'_>, subject: &str, old: &Operation<'_>, new: &Operation<'_>) {
    let place = Place {
        subject,
        sides: Sides::only(Side::Request),
    };
    let (old_doc, new_doc) = (cx.old, cx.new);
    let (old_params, new_params) = (params(old_doc, old), params(new_doc, new));
    let is_required = |p: &Value| p.get("required").and_then(Value::as_bool) == Some(true);
    // Path parameters are matched by position: their names are not part of the request.
    let path_names = |params: &BTreeMap<(String, String), (String, &Value)>| -> usize {
        params
            .keys()
            .filter(|(location, _)| location == "path")
            .count()
    };
    let renamed_paths = path_names(&old_params) == path_names(&new_params);
    for ((location, name), (pointer, old_param)) in &old_params {
        let key = (location.clone(), name.clone());
        let Some((new_pointer, new_param)) = new_params.get(&key) else {
            if location == "path" && renamed_paths {
                continue;
            }
            let moved = new_params
                .keys()
                .find(|(other, n)| n == name && other != location);
            match moved {
                Some((other, _)) => {
                    let detail = format!("parameter `{name}` moved from {location} to {other}");
                    cx.found(Rule::ParameterMoved, place, &new.pointer, detail);
                }
                None => {
                    let detail = format!("{location} parameter `{name}` removed");
                    cx.found(Rule::ParameterRemoved, place, pointer, detail);
                }
            }
            continue;
        };
        match (is_required(old_param), is_required(new_param)) {
            (false, true) => {
                let detail = format!("{location} parameter `{name}` is now required");
                cx.found(Rule::ParameterBecameRequired, place, new_pointer, detail);
            }
            (true, false) => {
                let detail = format!("{location} parameter `{name}` is now optional");
                cx.found(Rule::ParameterBecameOptional, place, new_pointer, detail);
            }
            _ => {}
        }
        let (old_at, new_at) = (
            At {
                pointer,
                value: old_param,
            },
            At {
                pointer: new_pointer,
                value: new_param,
            },
        );
        cx.under(place, old_at, new_at, "schema");
    }
    for ((location, name), (pointer, param)) in &new_params {
        let key = (location.clone(), name.clone());
        if old_params.contains_key(&key)
            || (location == "path" && renamed_paths)
            || old_params
                .keys()
                .any(|(other, n)| n == name && other != location)
        {
            continue;
        }
        let (rule, what) = if is_required(param) {
            (Rule::RequiredParameterAdded, "required")
        } else {
            (Rule::OptionalParameterAdded, "optional")
        };
        let detail = format!("new {what} {location} parameter `{name}`");
        cx.found(rule, place, pointer, detail);
    }
}

/// A request body or response's `content`, by media type.
fn content(value: &Value) -> Map<String, Value> {
    value
        .get("content")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

fn request_body(cx: &mut Cx<'_>, subject: &str, old: &Operation<'_>, new: &Operation<'_>) {
    let place = Place {
        subject,
        sides: Sides::only(Side::Request),
    };
    let pointer = |op: &Operation<'_>| child(&op.pointer, &["requestBody"]);
    let body = |doc: &'_ Value, op: &Operation<'_>| -> Option<Value> {
        op.value.get("requestBody").map(|b| follow(doc, b).clone())
    };
    let (old_body, new_body) = (body(cx.old, old), body(cx.new, new));
    let is_required = |b: &Value| b.get("required").and_then(Value::as_bool) == Some(true);
    let (old_body, new_body) = match (old_body, new_body) {
        (None, None) => return,
        (None, Some(b)) => {
            let rule = if is_required(&b) {
                Rule::RequestBodyAdded
            } else {
                Rule::OptionalRequestBodyAdded
            };
            cx.found(rule, place, &pointer(new), "now takes a body".to_owned());
            return;
        }
        (Some(_), None) => {
            let detail = "no longer takes a body".to_owned();
            cx.found(Rule::RequestBodyRemoved, place, &pointer(old), detail);
            return;
        }
        (Some(a), Some(b)) => (a, b),
    };
    match (is_required(&old_body), is_required(&new_body)) {
        (false, true) => {
            let detail = "the body is now required".to_owned();
            cx.found(
                Rule::RequestBodyBecameRequired,
                place,
                &pointer(new),
                detail,
            );
        }
        (true, false) => {
            let detail = "the body is now optional".to_owned();
            cx.found(
                Rule::RequestBodyBecameOptional,
                place,
                &pointer(new),
                detail,
            );
        }
        _ => {}
    }
    media_types(
        cx,
        place,
        (&pointer(old), &old_body),
        (&pointer(new), &new_body),
        (Rule::RequestMediaTypeRemoved, Rule::RequestMediaTypeAdded),
    );
}

/// The media types of a body or response: removed, added, and each shared one's schema.
fn media_types(
    cx: &mut Cx<'_>,
    place: Place<'_>,
    (old_pointer, old): (&str, &Value),
    (new_pointer, new): (&str, &Value),
    (removed, added): (Rule, Rule),
) {
    let (old_content, new_content) = (content(old), content(new));
    for (media, old_media) in &old_content {
        let old_at = child(old_pointer, &["content", media]);
        let Some(new_media) = new_content.get(media) else {
            cx.found(removed, place, &old_at, format!("`{media}` removed"));
            continue;
        };
        let new_at = child(new_pointer, &["content", media]);
        let (a, b) = (
            At {
                pointer: &old_at,
                value: old_media,
            },
            At {
                pointer: &new_at,
                value: new_media,
            },
        );
        cx.under(place, a, b, "schema");
    }
    for media in new_content.keys() {
        if !old_content.contains_key(media) {
            let at = child(new_pointer, &["content", media]);
            cx.found(added, place, &at, format!("`{media}` added"));
        }
    }
}

fn responses(cx: &mut Cx<'_>, subject: &str, old: &Operation<'_>, new: &Operation<'_>) {
    let place = Place {
        subject,
        sides: Sides::only(Side::Response),
    };
    let list = |op: &Operation<'_>| -> Map<String, Value> {
        op.value
            .get("responses")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (old_list, new_list) = (list(old), list(new));
    let success = |status: &str| status.starts_with('2');
    let at = |op: &Operation<'_>, status: &str| child(&op.pointer, &["responses", status]);
    for (status, old_response) in &old_list {
        let Some(new_response) = new_list.get(status) else {
            let rule = if success(status) {
                Rule::SuccessStatusRemoved
            } else {
                Rule::ErrorStatusRemoved
            };
            cx.found(
                rule,
                place,
                &at(old, status),
                format!("status {status} removed"),
            );
            continue;
        };
        let (a, b) = (follow(cx.old, old_response), follow(cx.new, new_response));
        let (pa, pb) = (at(old, status), at(new, status));
        media_types(
            cx,
            place,
            (&pa, a),
            (&pb, b),
            (Rule::ResponseMediaTypeRemoved, Rule::ResponseMediaTypeAdded),
        );
        let headers = |r: &Value| -> Vec<String> {
            r.get("headers")
                .and_then(Value::as_object)
                .map(|h| h.keys().map(|k| k.to_ascii_lowercase()).collect())
                .unwrap_or_default()
        };
        let new_headers = headers(b);
        for header in headers(a) {
            if !new_headers.contains(&header) {
                let pointer = child(&pa, &["headers", &header]);
                let detail = format!("header `{header}` of status {status} removed");
                cx.found(Rule::ResponseHeaderRemoved, place, &pointer, detail);
            }
        }
    }
    for status in new_list.keys() {
        if !old_list.contains_key(status) {
            let rule = if success(status) {
                Rule::SuccessStatusAdded
            } else {
                Rule::ErrorStatusAdded
            };
            cx.found(
                rule,
                place,
                &at(new, status),
                format!("new status {status}"),
            );
        }
    }
}
