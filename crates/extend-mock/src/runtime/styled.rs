//! Name-value pairs back into JSON values, the other half of the client's styled writing:
//! query parameters that are lists or objects, and form bodies (`a[b][0]=x` included).
//!
//! Text carries no types, so each value is read against a [`Shape`], which the generated
//! code derives from the spec's schema: `7` is a number where the schema wants an integer and
//! text where it wants a string. The JSON value is then checked and read like a JSON body.

use super::check::Problem;
use super::params::Query;
use super::style::{split_name, Style};
use axum::http::{header, HeaderMap};
use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

/// What a value looks like, as far as reading it from text needs.
#[doc(hidden)]
#[derive(Debug)]
pub enum Shape {
    /// Text, kept as it is.
    Text,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Anything: text, or lists and objects by their brackets.
    Any,
    /// A file, which only a multipart body carries.
    File,
    /// A list of items of a shape.
    List(&'static Shape),
    /// An object with string keys and values of a shape.
    Map(&'static Shape),
    /// An object with known properties; others are read as [`Shape::Any`].
    Object(&'static [(&'static str, &'static Shape)]),
    /// One of several shapes: the first that fits the text.
    OneOf(&'static [&'static Shape]),
}

/// Pairs with their names cut at the brackets, grouped into a tree.
#[derive(Debug, Default)]
struct Node {
    /// Values given at this name itself, in order.
    values: Vec<String>,
    /// Values given below it (`name[key]`), by key in order of first appearance.
    children: Vec<(String, Node)>,
}

impl Node {
    fn insert(&mut self, path: &[String], value: String) {
        match path.split_first() {
            None => self.values.push(value),
            Some((key, rest)) => {
                let position = self.children.iter().position(|(k, _)| k == key);
                let child = match position {
                    Some(i) => &mut self.children[i].1,
                    None => {
                        self.children.push((key.clone(), Node::default()));
                        &mut self.children.last_mut().expect("just pushed").1
                    }
                };
                child.insert(rest, value);
            }
        }
    }
}

/// A whole form body, `application/x-www-form-urlencoded`, read as `shape`, checked by
/// `check`, then read as `T`.
#[doc(hidden)]
pub fn form_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
    shape: &Shape,
    check: impl Fn(&Value, &str) -> Result<(), Problem>,
) -> Result<T, Problem> {
    if let Some(media) = headers.get(header::CONTENT_TYPE) {
        let media = media.to_str().unwrap_or_default();
        let essence = media.split(';').next().unwrap_or_default().trim();
        if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            return Err(Problem::in_part(
                "body",
                format!(
                    "the content type is `{media}`, expected `application/x-www-form-urlencoded`"
                ),
            ));
        }
    }
    let text = std::str::from_utf8(body)
        .map_err(|_| Problem::in_part("body", "the form body is not UTF-8"))?;
    let query = Query::parse(Some(text)).map_err(|p| Problem {
        part: "body".to_owned(),
        ..p
    })?;
    let mut root = Node::default();
    for (name, value) in query.pairs() {
        let path = split_name(name).ok_or_else(|| {
            Problem::in_part(
                "body",
                format!("`{name}` has a bracket that does not close"),
            )
        })?;
        root.insert(&path, value.to_owned());
    }
    let value = object(&root, shape);
    check(&value, "")?;
    serde_json::from_value(value).map_err(|e| Problem::in_part("body", e.to_string()))
}

/// A query parameter written by its style, read as `shape`, checked by `check`, then read as
/// `T`; `None` when the query does not carry it.
#[doc(hidden)]
pub fn styled_param<T: DeserializeOwned>(
    query: &Query,
    name: &str,
    (style, explode): (Style, bool),
    shape: &Shape,
    check: impl Fn(&Value, &str) -> Result<(), Problem>,
) -> Result<Option<T>, Problem> {
    let part = || format!("query parameter `{name}`");
    let mut root = Node::default();
    // An exploded object spreads its properties over the query: `r=1&g=2`.
    let spread_fields = if style.spreads(explode) {
        object_fields(shape)
    } else {
        None
    };
    for (key, value) in query.pairs() {
        let Some(path) = split_name(key) else {
            continue;
        };
        if path[0] == name {
            root.insert(&path[1..], value.to_owned());
        } else if spread_fields.is_some_and(|fields| fields.iter().any(|(f, _)| *f == path[0])) {
            root.insert(&path, value.to_owned());
        }
    }
    if root.values.is_empty() && root.children.is_empty() {
        return Ok(None);
    }
    let value = match (style, explode) {
        (Style::DeepObject, _) => read(&root, shape),
        (_, true) if !root.values.is_empty() || root.children.is_empty() => read(&root, shape),
        (_, true) => object(&root, resolved(shape, &root)),
        (_, false) => {
            let [single] = root.values.as_slice() else {
                return Err(Problem::in_part(part(), "given more than once"));
            };
            delimited(single, style.delimiter(), false, shape)
        }
    };
    check(&value, "").map_err(|problem| Problem {
        part: part(),
        ..problem
    })?;
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| Problem::in_part(part(), e.to_string()))
}

/// The properties of an object shape, or of the first object among a union's.
fn object_fields(shape: &Shape) -> Option<&'static [(&'static str, &'static Shape)]> {
    match shape {
        Shape::Object(fields) => Some(fields),
        Shape::OneOf(options) => options.iter().find_map(|o| object_fields(o)),
        _ => None,
    }
}

/// The shape a value takes when `shape` allows several: an object's when the pairs have
/// brackets, else the first.
fn resolved<'s>(shape: &'s Shape, node: &Node) -> &'s Shape {
    match shape {
        Shape::OneOf(options) => options
            .iter()
            .find(|o| {
                let structured = matches!(o, Shape::Object(_) | Shape::Map(_) | Shape::List(_));
                structured != node.children.is_empty()
            })
            .or(options.first())
            .map_or(&Shape::Any, |o| resolved(o, node)),
        other => other,
    }
}

/// One piece of text, `a,b,c`, as a list, or as an object: alternating keys and values, or,
/// exploded, `k=v` pairs.
fn delimited(text: &str, delimiter: char, explode: bool, shape: &Shape) -> Value {
    let parts: Vec<&str> = if text.is_empty() {
        Vec::new()
    } else {
        text.split(delimiter).collect()
    };
    match shape {
        Shape::List(item) => Value::Array(parts.iter().map(|p| scalar(p, item)).collect()),
        Shape::Object(_) | Shape::Map(_) => {
            let pairs: Vec<(&str, &str)> = if explode {
                parts
                    .iter()
                    .map(|p| p.split_once('=').unwrap_or((p, "")))
                    .collect()
            } else {
                parts
                    .chunks(2)
                    .map(|pair| (pair[0], pair.get(1).copied().unwrap_or_default()))
                    .collect()
            };
            let map = pairs
                .into_iter()
                .map(|(key, value)| (key.to_owned(), scalar(value, field_shape(shape, key))))
                .collect();
            Value::Object(map)
        }
        Shape::OneOf(_) => {
            let node = Node {
                values: vec![text.to_owned()],
                children: Vec::new(),
            };
            delimited(text, delimiter, explode, resolved(shape, &node))
        }
        other => scalar(text, other),
    }
}

/// The one text of a path segment, header or cookie that holds a list, object or union
/// (`simple` style: `a,b`; `k,v` or, exploded, `k=v`), read as `shape`, checked by `check`,
/// then read as `T`. For the parameter readers, which name the parameter in the error.
#[doc(hidden)]
pub fn simple_value<T: DeserializeOwned>(
    text: &str,
    explode: bool,
    shape: &Shape,
    check: impl Fn(&Value, &str) -> Result<(), Problem>,
) -> Result<T, String> {
    let value = delimited(text, Style::Simple.delimiter(), explode, shape);
    check(&value, "").map_err(|problem| {
        if problem.pointer.is_empty() {
            problem.message
        } else {
            format!("at `{}`: {}", problem.pointer, problem.message)
        }
    })?;
    serde_json::from_value(value).map_err(|e| e.to_string())
}

/// A node read as `shape`.
fn read(node: &Node, shape: &Shape) -> Value {
    match resolved(shape, node) {
        Shape::List(item) => {
            if !node.children.is_empty() {
                let mut indexed: Vec<(usize, &Node)> = node
                    .children
                    .iter()
                    .enumerate()
                    .map(|(order, (key, child))| (key.parse().unwrap_or(usize::MAX - order), child))
                    .collect();
                indexed.sort_by_key(|(index, _)| *index);
                return Value::Array(indexed.into_iter().map(|(_, n)| read(n, item)).collect());
            }
            match node.values.as_slice() {
                [only] if only.is_empty() => Value::Array(Vec::new()),
                values => Value::Array(values.iter().map(|v| scalar(v, item)).collect()),
            }
        }
        shape @ (Shape::Object(_) | Shape::Map(_)) if !node.children.is_empty() => {
            object(node, shape)
        }
        Shape::Any if !node.children.is_empty() => {
            let numbered = node
                .children
                .iter()
                .all(|(k, _)| k.parse::<usize>().is_ok());
            if numbered {
                read(node, &Shape::List(&Shape::Any))
            } else {
                object(node, &Shape::Any)
            }
        }
        shape => match node.values.as_slice() {
            [] => Value::Null,
            [only] => scalar(only, shape),
            many => Value::Array(many.iter().map(|v| scalar(v, shape)).collect()),
        },
    }
}

/// A node's children as the properties of an object.
fn object(node: &Node, shape: &Shape) -> Value {
    let map = node
        .children
        .iter()
        .map(|(key, child)| (key.clone(), read(child, field_shape(shape, key))))
        .collect();
    Value::Object(map)
}

/// The shape of property `key` of an object or map shape.
pub(super) fn field_shape<'s>(shape: &'s Shape, key: &str) -> &'s Shape {
    match shape {
        Shape::Object(fields) => fields
            .iter()
            .find(|(field, _)| *field == key)
            .map_or(&Shape::Any, |(_, s)| s),
        Shape::Map(value) => value,
        Shape::OneOf(options) => options
            .iter()
            .find(|o| matches!(o, Shape::Object(_) | Shape::Map(_) | Shape::OneOf(_)))
            .map_or(&Shape::Any, |o| field_shape(o, key)),
        _ => &Shape::Any,
    }
}

/// One piece of text as `shape` wants it; text that does not fit stays text, for the check
/// to name. Empty text is `null` where the shape is not text.
pub(super) fn scalar(text: &str, shape: &Shape) -> Value {
    let as_text = || Value::String(text.to_owned());
    match shape {
        Shape::Text => as_text(),
        _ if text.is_empty() => Value::Null,
        Shape::Integer => text.parse::<i64>().map_or_else(|_| as_text(), Value::from),
        Shape::Number => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or_else(as_text, |n| {
                text.parse::<i64>().map_or(Value::Number(n), Value::from)
            }),
        Shape::Boolean => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => as_text(),
        },
        Shape::OneOf(options) => options
            .iter()
            .map(|o| scalar(text, o))
            .find(|v| !v.is_string())
            .unwrap_or_else(as_text),
        Shape::Any | Shape::File | Shape::List(_) | Shape::Map(_) | Shape::Object(_) => as_text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    static CARD: Shape = Shape::Object(&[("exp_month", &Shape::Integer), ("tags", &TAGS)]);
    static TAGS: Shape = Shape::List(&Shape::Text);
    static CREATED: Shape = Shape::OneOf(&[&RANGE, &Shape::Integer]);
    static RANGE: Shape = Shape::Object(&[("gt", &Shape::Integer), ("lte", &Shape::Integer)]);
    static BODY: Shape = Shape::Object(&[
        ("amount", &Shape::Integer),
        ("capture", &Shape::Boolean),
        ("card", &CARD),
        ("metadata", &Shape::Map(&Shape::Text)),
        ("expand", &TAGS),
    ]);

    fn ok(_: &Value, _: &str) -> Result<(), Problem> {
        Ok(())
    }

    fn param(raw: &str, name: &str, style: Style, explode: bool, shape: &Shape) -> Option<Value> {
        let query = Query::parse(Some(raw)).unwrap();
        styled_param(&query, name, (style, explode), shape, ok).unwrap()
    }

    #[test]
    fn form_bodies_nest_by_brackets_and_take_their_types_from_the_shape() {
        let body = "amount=2000&capture=false&card[exp_month]=12&card[tags][1]=b&card[tags][0]=a\
                    &metadata[order]=6735&expand[0]=customer&expand[1]=invoice&extra=7";
        let form = HeaderMap::new();
        let value: Value = form_body(&form, body.as_bytes(), &BODY, ok).unwrap();
        assert_eq!(
            value,
            json!({
                "amount": 2000, "capture": false,
                "card": {"exp_month": 12, "tags": ["a", "b"]},
                "metadata": {"order": "6735"},
                "expand": ["customer", "invoice"],
                "extra": "7",
            })
        );
        let wrong = form_body::<Value>(&form, b"a[b=1", &BODY, ok).unwrap_err();
        assert!(wrong.message.contains("does not close"), "{wrong}");
        let mut json = HeaderMap::new();
        json.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        let wrong = form_body::<Value>(&json, b"{}", &BODY, ok).unwrap_err();
        assert!(wrong
            .message
            .contains("expected `application/x-www-form-urlencoded`"));
        let not_a_number: Value = form_body(&form, b"amount=lots", &BODY, ok).unwrap();
        assert_eq!(
            not_a_number,
            json!({"amount": "lots"}),
            "left for the check to name"
        );
    }

    #[test]
    fn simple_texts_read_back() {
        let list = Shape::List(&Shape::Integer);
        assert_eq!(
            simple_value::<Value>("1,2", false, &list, ok),
            Ok(json!([1, 2]))
        );
        assert_eq!(
            simple_value::<Value>("gt,5,lte,9", false, &RANGE, ok),
            Ok(json!({"gt": 5, "lte": 9}))
        );
        assert_eq!(
            simple_value::<Value>("gt=5,lte=9", true, &RANGE, ok),
            Ok(json!({"gt": 5, "lte": 9}))
        );
        let either = Shape::OneOf(&[&Shape::Text, &Shape::Text]);
        assert_eq!(
            simple_value::<Value>("a,b", false, &either, ok),
            Ok(json!("a,b"))
        );
        let wrong = simple_value::<Vec<i64>>("1,x", false, &list, ok).unwrap_err();
        assert!(wrong.contains("invalid type"), "{wrong}");
    }

    #[test]
    fn query_styles_read_back() {
        let list = Shape::List(&Shape::Integer);
        for (raw, style, explode) in [
            ("p=1&p=2", Style::Form, true),
            ("p=1,2", Style::Form, false),
            ("p=1%202", Style::SpaceDelimited, false),
            ("p=1|2", Style::PipeDelimited, false),
            ("p[0]=1&p[1]=2", Style::DeepObject, true),
        ] {
            assert_eq!(
                param(raw, "p", style, explode, &list),
                Some(json!([1, 2])),
                "{raw}"
            );
        }
        assert_eq!(
            param(
                "created[gt]=5&created[lte]=9",
                "created",
                Style::DeepObject,
                true,
                &CREATED
            ),
            Some(json!({"gt": 5, "lte": 9}))
        );
        assert_eq!(
            param("created=5", "created", Style::DeepObject, true, &CREATED),
            Some(json!(5)),
            "a union takes the scalar form without brackets"
        );
        assert_eq!(
            param("gt=5&other=1&lte=9", "range", Style::Form, true, &RANGE),
            Some(json!({"gt": 5, "lte": 9})),
            "an exploded object takes its own properties from the query"
        );
        assert_eq!(
            param("range=gt,5,lte,9", "range", Style::Form, false, &RANGE),
            Some(json!({"gt": 5, "lte": 9}))
        );
        assert_eq!(param("other=1", "p", Style::Form, false, &list), None);
        let twice = Query::parse(Some("p=1&p=2")).unwrap();
        let error =
            styled_param::<Value>(&twice, "p", (Style::Form, false), &list, ok).unwrap_err();
        assert_eq!(error.part, "query parameter `p`");
    }
}
