//! The building blocks of the generated request checks: one function per JSON Schema rule,
//! each naming the JSON pointer of the value it rejects.

use serde_json::{Map, Value};
use std::fmt;

/// Why a request does not match the spec, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What part of the request: `body`, or `path parameter `id``.
    pub part: String,
    /// A JSON pointer into that part; empty for the whole part.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem with the value at `pointer` of the request body.
    pub fn at(pointer: &str, message: impl Into<String>) -> Self {
        Self {
            part: "body".to_owned(),
            pointer: pointer.to_owned(),
            message: message.into(),
        }
    }

    /// A problem with a whole part of the request, such as a path parameter.
    pub fn in_part(part: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            part: part.into(),
            pointer: String::new(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pointer.is_empty() {
            write!(f, "{}: {}", self.part, self.message)
        } else {
            write!(f, "{} at `{}`: {}", self.part, self.pointer, self.message)
        }
    }
}

impl std::error::Error for Problem {}

type Checked<T = ()> = Result<T, Problem>;

/// The pointer of property `key` under `at`, escaped as RFC 6901 says.
pub fn child(at: &str, key: &str) -> String {
    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The pointer of item `index` under `at`.
pub fn index(at: &str, index: usize) -> String {
    format!("{at}/{index}")
}

/// "a string", "null": what a value is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn expected(value: &Value, at: &str, what: &str) -> Problem {
    Problem::at(at, format!("expected {what}, found {}", kind(value)))
}

/// An object.
pub fn object<'v>(value: &'v Value, at: &str) -> Checked<&'v Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| expected(value, at, "an object"))
}

/// An array.
pub fn array<'v>(value: &'v Value, at: &str) -> Checked<&'v Vec<Value>> {
    value
        .as_array()
        .ok_or_else(|| expected(value, at, "an array"))
}

/// A string.
pub fn string(value: &Value, at: &str) -> Checked {
    value
        .as_str()
        .map(drop)
        .ok_or_else(|| expected(value, at, "a string"))
}

/// `null`, the only value a schema of `null` alone allows.
pub fn null(value: &Value, at: &str) -> Checked {
    if value.is_null() {
        Ok(())
    } else {
        Err(expected(value, at, "null"))
    }
}

/// A boolean.
pub fn boolean(value: &Value, at: &str) -> Checked {
    value
        .as_bool()
        .map(drop)
        .ok_or_else(|| expected(value, at, "a boolean"))
}

/// Any number.
pub fn number(value: &Value, at: &str) -> Checked {
    if value.is_number() {
        Ok(())
    } else {
        Err(expected(value, at, "a number"))
    }
}

/// A whole number from `min` to `max`.
pub fn integer(value: &Value, at: &str, min: i64, max: i64) -> Checked {
    match value.as_i64() {
        Some(n) if (min..=max).contains(&n) => Ok(()),
        Some(n) => Err(Problem::at(
            at,
            format!("{n} is out of range ({min} to {max})"),
        )),
        None if value.is_u64() => Err(Problem::at(at, format!("{value} is out of range"))),
        None => Err(expected(value, at, "an integer")),
    }
}

/// An RFC 3339 timestamp, such as `2024-03-01T10:00:00Z`.
pub fn date_time(value: &Value, at: &str) -> Checked {
    let text = value
        .as_str()
        .ok_or_else(|| expected(value, at, "a date-time string"))?;
    chrono::DateTime::parse_from_rfc3339(text)
        .map(drop)
        .map_err(|e| Problem::at(at, format!("`{text}` is not an RFC 3339 date-time: {e}")))
}

/// A calendar date, such as `2024-03-01`.
pub fn date(value: &Value, at: &str) -> Checked {
    let text = value
        .as_str()
        .ok_or_else(|| expected(value, at, "a date string"))?;
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(drop)
        .map_err(|e| Problem::at(at, format!("`{text}` is not a date (YYYY-MM-DD): {e}")))
}

/// One of the enum's values.
pub fn one_of(value: &Value, at: &str, values: &[&str]) -> Checked {
    match value.as_str() {
        Some(text) if values.contains(&text) => Ok(()),
        Some(text) => Err(Problem::at(
            at,
            format!("`{text}` is not one of {}", values.join(", ")),
        )),
        None => Err(expected(value, at, "a string")),
    }
}

/// One of an integer enum's values.
pub fn one_of_integers(value: &Value, at: &str, values: &[i64]) -> Checked {
    match value.as_i64() {
        Some(number) if values.contains(&number) => Ok(()),
        Some(number) => {
            let listed: Vec<String> = values.iter().map(i64::to_string).collect();
            Err(Problem::at(
                at,
                format!("{number} is not one of {}", listed.join(", ")),
            ))
        }
        None => Err(expected(value, at, "an integer")),
    }
}

/// Every required property is present.
pub fn required(object: &Map<String, Value>, at: &str, names: &[&str]) -> Checked {
    match names.iter().find(|name| !object.contains_key(**name)) {
        Some(name) => Err(Problem::at(
            at,
            format!("the required property `{name}` is missing"),
        )),
        None => Ok(()),
    }
}

/// The discriminator of a tagged union: an object whose `tag` property is one of `values`.
pub fn tag<'v>(value: &'v Value, at: &str, tag: &str, values: &[&str]) -> Checked<&'v str> {
    let object = object(value, at)?;
    let tag_value = object
        .get(tag)
        .ok_or_else(|| Problem::at(at, format!("the discriminator `{tag}` is missing")))?;
    let tag_at = child(at, tag);
    one_of(tag_value, &tag_at, values)?;
    Ok(tag_value.as_str().unwrap_or_default())
}

/// At least one of the attempts passed; otherwise the first problem, prefixed with the names of
/// the alternatives.
pub fn any_of(at: &str, attempts: impl IntoIterator<Item = Checked>, names: &str) -> Checked {
    let mut first = None;
    for attempt in attempts {
        match attempt {
            Ok(()) => return Ok(()),
            Err(problem) => {
                first.get_or_insert(problem);
            }
        }
    }
    let detail = first.map(|p| format!(" (first: {p})")).unwrap_or_default();
    Err(Problem::at(at, format!("matches none of {names}{detail}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pointers_escape_slash_and_tilde() {
        assert_eq!(child("", "a/b~c"), "/a~1b~0c");
        assert_eq!(index("/tags", 2), "/tags/2");
    }

    #[test]
    fn each_rule_names_what_it_found() {
        let problem = string(&json!(5), "/name").unwrap_err();
        assert_eq!(
            problem.to_string(),
            "body at `/name`: expected a string, found a number"
        );
        assert!(integer(&json!(1.5), "/n", 0, 10).is_err());
        assert!(integer(&json!(11), "/n", 0, 10)
            .unwrap_err()
            .message
            .contains("out of range"));
        assert!(integer(&json!(u64::MAX), "/n", i64::MIN, i64::MAX).is_err());
        assert!(integer(&json!(7), "/n", 0, 10).is_ok());
        assert!(date_time(&json!("2024-03-01T10:00:00Z"), "").is_ok());
        assert!(date_time(&json!("yesterday"), "").is_err());
        assert!(date(&json!("2024-02-30"), "").is_err());
        assert!(one_of(&json!("B"), "", &["A"])
            .unwrap_err()
            .message
            .contains("`B`"));
        let missing = required(json!({}).as_object().unwrap(), "", &["id"]).unwrap_err();
        assert!(missing.message.contains("`id`"));
    }

    #[test]
    fn tags_must_be_present_and_known() {
        assert_eq!(tag(&json!({"type": "A"}), "", "type", &["A"]), Ok("A"));
        assert!(tag(&json!({}), "", "type", &["A"]).is_err());
        assert_eq!(
            tag(&json!({"type": "B"}), "", "type", &["A"])
                .unwrap_err()
                .pointer,
            "/type"
        );
    }

    #[test]
    fn any_of_passes_when_one_passes_and_reports_the_first_problem_otherwise() {
        assert!(any_of("", [Err(Problem::at("", "no")), Ok(())], "A, B").is_ok());
        let problem = any_of("/x", [Err(Problem::at("/x", "no"))], "A").unwrap_err();
        assert_eq!(problem.pointer, "/x");
        assert!(problem.message.contains("matches none of A"));
    }
}
