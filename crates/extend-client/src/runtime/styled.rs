//! Structured values as name-value pairs, as OpenAPI's `style` and `explode` write them: query
//! parameters that are lists or objects, and the properties of form bodies.
//!
//! Lists and objects nested deeper than OpenAPI describes are written with brackets, indexes
//! for lists (`card[tags][0]=a`), as Stripe, Rails and PHP read them.

use super::style::{bracketed, Style};
use serde::Serialize;
use serde_json::Value;

/// How one property of a form body is written: its name, style and `explode`.
#[doc(hidden)]
pub type FormField = (&'static str, Style, bool);

/// Serializes `value` and appends the pairs that carry it as parameter `name`.
#[doc(hidden)]
pub fn push_styled<T: Serialize + ?Sized>(
    out: &mut Vec<(String, String)>,
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<(), String> {
    let value = serde_json::to_value(value)
        .map_err(|e| format!("parameter `{name}` does not serialize: {e}"))?;
    styled_pairs(name, &value, style, explode, out);
    Ok(())
}

/// Serializes `value` as the one piece of text a path segment, header or cookie carries, in
/// the `simple` style: lists and objects comma-separated (`a,b`; `k,v` or, exploded, `k=v`).
#[doc(hidden)]
pub fn styled_text<T: Serialize + ?Sized>(value: &T, explode: bool) -> Result<String, String> {
    let value = serde_json::to_value(value).map_err(|e| format!("does not serialize: {e}"))?;
    let mut out = Vec::new();
    styled_pairs("", &value, Style::Simple, explode, &mut out);
    Ok(out.into_iter().map(|(_, text)| text).collect())
}

/// The pairs of a form body: each property of the object `body` as its encoding in `fields`
/// says; properties it does not list are written plainly when scalar, repeated when lists,
/// and with brackets when objects.
#[doc(hidden)]
pub fn form_pairs<T: Serialize + ?Sized>(
    body: &T,
    fields: &[FormField],
) -> Result<Vec<(String, String)>, String> {
    let value = serde_json::to_value(body)
        .map_err(|e| format!("the request body does not serialize: {e}"))?;
    let Value::Object(properties) = value else {
        return Err(format!(
            "a form body must be an object, not {}",
            kind(&value)
        ));
    };
    let mut out = Vec::new();
    for (name, value) in &properties {
        let (style, explode) = fields
            .iter()
            .find(|(field, ..)| field == name)
            .map(|(_, style, explode)| (*style, *explode))
            .unwrap_or(match value {
                Value::Object(_) => (Style::DeepObject, true),
                _ => (Style::Form, true),
            });
        styled_pairs(name, value, style, explode, &mut out);
    }
    Ok(out)
}

/// The pairs that carry `value` as parameter `name`.
fn styled_pairs(
    name: &str,
    value: &Value,
    style: Style,
    explode: bool,
    out: &mut Vec<(String, String)>,
) {
    match value {
        _ if style == Style::DeepObject => nested(name.to_owned(), value, out),
        Value::Array(items) if style.spreads(explode) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Array(_) | Value::Object(_) => nested(bracketed(name, i), item, out),
                    scalar => out.push((name.to_owned(), text(scalar))),
                }
            }
        }
        Value::Object(properties) if style.spreads(explode) => {
            for (key, item) in properties {
                nested(key.clone(), item, out);
            }
        }
        Value::Array(items) => {
            let texts: Vec<String> = items.iter().map(text).collect();
            let delimiter = style.delimiter().to_string();
            out.push((name.to_owned(), texts.join(&delimiter)));
        }
        Value::Object(properties) => {
            let (pair, between) = if explode { ("=", ",") } else { (",", ",") };
            let texts: Vec<String> = properties
                .iter()
                .map(|(key, item)| format!("{key}{pair}{}", text(item)))
                .collect();
            out.push((name.to_owned(), texts.join(between)));
        }
        scalar => out.push((name.to_owned(), text(scalar))),
    }
}

/// Brackets all the way down: `prefix[key]` for object properties, `prefix[index]` for list
/// items; an empty list or object is `prefix=`, as `null` is.
fn nested(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(properties) if !properties.is_empty() => {
            for (key, item) in properties {
                nested(bracketed(&prefix, key), item, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                nested(bracketed(&prefix, i), item, out);
            }
        }
        Value::Array(_) | Value::Object(_) => out.push((prefix, String::new())),
        scalar => out.push((prefix, text(scalar))),
    }
}

/// A value as one piece of text: strings as they are, `null` as nothing, and lists or
/// objects nested inside a delimited list as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Pairs in name order (objects keep their keys in either order, as serde_json's
    /// `preserve_order` feature says); repeated names keep theirs.
    fn sorted(mut pairs: Vec<(String, String)>) -> Vec<(String, String)> {
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs
    }

    fn pairs(value: Value, style: Style, explode: bool) -> Vec<(String, String)> {
        let mut out = Vec::new();
        push_styled(&mut out, "p", &value, style, explode).unwrap();
        sorted(out)
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        sorted(
            list.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn lists_follow_their_style() {
        let list = json!(["a", 1, true]);
        assert_eq!(
            pairs(list.clone(), Style::Form, true),
            owned(&[("p", "a"), ("p", "1"), ("p", "true")])
        );
        assert_eq!(
            pairs(list.clone(), Style::Form, false),
            owned(&[("p", "a,1,true")])
        );
        assert_eq!(
            pairs(list.clone(), Style::SpaceDelimited, false),
            owned(&[("p", "a 1 true")])
        );
        assert_eq!(
            pairs(list.clone(), Style::PipeDelimited, false),
            owned(&[("p", "a|1|true")])
        );
        assert_eq!(
            pairs(list, Style::DeepObject, true),
            owned(&[("p[0]", "a"), ("p[1]", "1"), ("p[2]", "true")])
        );
    }

    #[test]
    fn objects_follow_their_style() {
        let object = json!({"g": "x", "r": 100});
        assert_eq!(
            pairs(object.clone(), Style::Form, true),
            owned(&[("r", "100"), ("g", "x")])
        );
        assert_eq!(
            pairs(object.clone(), Style::Form, false),
            owned(&[("p", "g,x,r,100")])
        );
        assert_eq!(
            pairs(object.clone(), Style::Simple, true),
            owned(&[("p", "g=x,r=100")])
        );
        assert_eq!(
            pairs(object, Style::DeepObject, true),
            owned(&[("p[r]", "100"), ("p[g]", "x")])
        );
    }

    #[test]
    fn single_texts_are_simple() {
        assert_eq!(styled_text(&json!("a,b"), false).unwrap(), "a,b");
        assert_eq!(styled_text(&json!([1, 2]), false).unwrap(), "1,2");
        assert_eq!(styled_text(&json!({"k": "v"}), false).unwrap(), "k,v");
        assert_eq!(styled_text(&json!({"k": "v"}), true).unwrap(), "k=v");
        assert_eq!(styled_text(&json!(null), true).unwrap(), "");
    }

    #[test]
    fn form_bodies_nest_with_brackets() {
        let body = json!({
            "amount": 2000,
            "metadata": {"order": "6735", "tags": ["a", "b"], "none": {}},
            "expand": ["customer", "invoice"],
            "description": null,
        });
        let fields = [("expand", Style::DeepObject, true)];
        assert_eq!(
            sorted(form_pairs(&body, &fields).unwrap()),
            owned(&[
                ("amount", "2000"),
                ("metadata[order]", "6735"),
                ("metadata[tags][0]", "a"),
                ("metadata[tags][1]", "b"),
                ("metadata[none]", ""),
                ("expand[0]", "customer"),
                ("expand[1]", "invoice"),
                ("description", ""),
            ])
        );
        let unlisted = form_pairs(&json!({"tags": ["a", "b"]}), &[]).unwrap();
        assert_eq!(unlisted, owned(&[("tags", "a"), ("tags", "b")]));
        assert_eq!(
            form_pairs(&json!([1]), &[]).unwrap_err(),
            "a form body must be an object, not a list"
        );
    }
}
