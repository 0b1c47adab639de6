//! The building blocks of the generated request checks: one function per JSON Schema rule,
//! each naming the JSON pointer of the value it rejects.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

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

/// Any JSON value: nothing to check.
pub fn any(_: &Value, _: &str) -> Checked {
    Ok(())
}

/// Any JSON object.
pub fn any_object(value: &Value, at: &str) -> Checked {
    object(value, at).map(drop)
}

/// A whole number that fits in 32 bits.
pub fn int32(value: &Value, at: &str) -> Checked {
    integer(value, at, i64::from(i32::MIN), i64::from(i32::MAX))
}

/// A whole number that fits in 64 bits.
pub fn int64(value: &Value, at: &str) -> Checked {
    integer(value, at, i64::MIN, i64::MAX)
}

/// An array, each item checked with `item`.
pub fn items(value: &Value, at: &str, item: impl Fn(&Value, &str) -> Checked) -> Checked {
    for (i, value) in array(value, at)?.iter().enumerate() {
        item(value, &index(at, i))?;
    }
    Ok(())
}

/// An object used as a map, each value checked with `entry`.
pub fn entries(value: &Value, at: &str, entry: impl Fn(&Value, &str) -> Checked) -> Checked {
    for (key, value) in object(value, at)? {
        entry(value, &child(at, key))?;
    }
    Ok(())
}

/// A check of arrays whose items each pass `item`.
pub fn array_of(item: impl Fn(&Value, &str) -> Checked) -> impl Fn(&Value, &str) -> Checked {
    move |value, at| items(value, at, &item)
}

/// A check of maps whose values each pass `entry`.
pub fn map_of(entry: impl Fn(&Value, &str) -> Checked) -> impl Fn(&Value, &str) -> Checked {
    move |value, at| entries(value, at, &entry)
}

/// Property `key` of `object`, when present, checked with `check`.
pub fn property(
    object: &Map<String, Value>,
    at: &str,
    key: &str,
    check: impl Fn(&Value, &str) -> Checked,
) -> Checked {
    match object.get(key) {
        Some(value) => check(value, &child(at, key)),
        None => Ok(()),
    }
}

/// Property `key` of `object`, when present and not `null`, checked with `check`.
pub fn nullable_property(
    object: &Map<String, Value>,
    at: &str,
    key: &str,
    check: impl Fn(&Value, &str) -> Checked,
) -> Checked {
    match object.get(key) {
        Some(value) if !value.is_null() => check(value, &child(at, key)),
        _ => Ok(()),
    }
}

/// A string.
pub fn string(value: &Value, at: &str) -> Checked {
    value
        .as_str()
        .map(drop)
        .ok_or_else(|| expected(value, at, "a string"))
}

/// A file (`format: binary`): text, or the object a multipart file part is read into, with
/// its `bytes` as text.
pub fn file(value: &Value, at: &str) -> Checked {
    let is_file = value.is_string()
        || value
            .as_object()
            .is_some_and(|map| map.get("bytes").is_some_and(Value::is_string));
    if is_file {
        Ok(())
    } else {
        Err(expected(value, at, "a file"))
    }
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

/// A string's length in characters (`minLength`, `maxLength`).
pub fn length(value: &Value, at: &str, min: Option<u64>, max: Option<u64>) -> Checked {
    let Some(text) = value.as_str() else {
        return Ok(());
    };
    let length = text.chars().count() as u64;
    if let Some(min) = min.filter(|min| length < *min) {
        return Err(Problem::at(
            at,
            format!("is {length} characters long, shorter than {min} (minLength)"),
        ));
    }
    if let Some(max) = max.filter(|max| length > *max) {
        return Err(Problem::at(
            at,
            format!("is {length} characters long, longer than {max} (maxLength)"),
        ));
    }
    Ok(())
}

/// A string that matches a regular expression (`pattern`), compiled once per pattern.
pub fn pattern(value: &Value, at: &str, pattern: &'static str) -> Checked {
    type Compiled = HashMap<&'static str, Option<regex_lite::Regex>>;
    static COMPILED: OnceLock<Mutex<Compiled>> = OnceLock::new();
    let Some(text) = value.as_str() else {
        return Ok(());
    };
    // A panic while the lock was held cannot leave the cache half-written.
    let mut compiled = COMPILED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = compiled
        .entry(pattern)
        .or_insert_with(|| regex_lite::Regex::new(pattern).ok());
    match regex {
        Some(regex) if !regex.is_match(text) => Err(Problem::at(
            at,
            format!("`{text}` does not match `{pattern}` (pattern)"),
        )),
        _ => Ok(()),
    }
}

/// A number at or above a bound (`minimum`, or above it with `exclusiveMinimum`).
pub fn minimum(value: &Value, at: &str, bound: f64, exclusive: bool) -> Checked {
    match value.as_f64() {
        Some(n) if n < bound || (exclusive && n == bound) => {
            let (relation, keyword) = if exclusive {
                ("greater than", "exclusiveMinimum")
            } else {
                ("at least", "minimum")
            };
            Err(Problem::at(
                at,
                format!("{value} is not {relation} {bound} ({keyword})"),
            ))
        }
        _ => Ok(()),
    }
}

/// A number at or below a bound (`maximum`, or below it with `exclusiveMaximum`).
pub fn maximum(value: &Value, at: &str, bound: f64, exclusive: bool) -> Checked {
    match value.as_f64() {
        Some(n) if n > bound || (exclusive && n == bound) => {
            let (relation, keyword) = if exclusive {
                ("less than", "exclusiveMaximum")
            } else {
                ("at most", "maximum")
            };
            Err(Problem::at(
                at,
                format!("{value} is not {relation} {bound} ({keyword})"),
            ))
        }
        _ => Ok(()),
    }
}

/// A number that is a whole multiple of `of` (`multipleOf`).
pub fn multiple_of(value: &Value, at: &str, of: f64) -> Checked {
    match value.as_f64() {
        Some(n) if of > 0.0 && ((n / of) - (n / of).round()).abs() > 1e-9 => Err(Problem::at(
            at,
            format!("{value} is not a multiple of {of} (multipleOf)"),
        )),
        _ => Ok(()),
    }
}

/// An array's number of items (`minItems`, `maxItems`).
pub fn item_count(value: &Value, at: &str, min: Option<u64>, max: Option<u64>) -> Checked {
    let Some(items) = value.as_array() else {
        return Ok(());
    };
    count(
        at,
        items.len() as u64,
        min,
        max,
        ("items", "minItems", "maxItems"),
    )
}

/// An array whose items are all different (`uniqueItems`).
pub fn unique_items(value: &Value, at: &str) -> Checked {
    let Some(items) = value.as_array() else {
        return Ok(());
    };
    for (i, item) in items.iter().enumerate() {
        if let Some(j) = items[..i].iter().position(|earlier| earlier == item) {
            return Err(Problem::at(
                at,
                format!("items {j} and {i} are equal (uniqueItems)"),
            ));
        }
    }
    Ok(())
}

/// An object's number of properties (`minProperties`, `maxProperties`).
pub fn property_count(value: &Value, at: &str, min: Option<u64>, max: Option<u64>) -> Checked {
    let Some(object) = value.as_object() else {
        return Ok(());
    };
    count(
        at,
        object.len() as u64,
        min,
        max,
        ("properties", "minProperties", "maxProperties"),
    )
}

fn count(
    at: &str,
    n: u64,
    min: Option<u64>,
    max: Option<u64>,
    (what, min_keyword, max_keyword): (&str, &str, &str),
) -> Checked {
    if let Some(min) = min.filter(|min| n < *min) {
        return Err(Problem::at(
            at,
            format!("has {n} {what}, fewer than {min} ({min_keyword})"),
        ));
    }
    if let Some(max) = max.filter(|max| n > *max) {
        return Err(Problem::at(
            at,
            format!("has {n} {what}, more than {max} ({max_keyword})"),
        ));
    }
    Ok(())
}

/// One of an enum's values that are not all strings or all integers, given as JSON text;
/// numbers compare by value (`1` equals `1.0`).
pub fn among(value: &Value, at: &str, allowed: &[&str]) -> Checked {
    let same = |text: &&str| match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(n)) => value.as_f64().is_some_and(|v| Some(v) == n.as_f64()),
        Ok(other) => &other == value,
        Err(_) => false,
    };
    if allowed.iter().any(same) {
        Ok(())
    } else {
        Err(Problem::at(
            at,
            format!("{value} is not one of {} (enum)", allowed.join(", ")),
        ))
    }
}

/// No property but `allowed` is present (`additionalProperties: false`).
pub fn only(object: &Map<String, Value>, at: &str, allowed: &[&str]) -> Checked {
    match object.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(Problem::at(
            &child(at, key),
            format!("`{key}` is not a property the spec allows (additionalProperties: false)"),
        )),
        None => Ok(()),
    }
}

/// No property the spec marks `readOnly` is present: a request may not set it.
pub fn read_only(object: &Map<String, Value>, at: &str, names: &[&str]) -> Checked {
    match names.iter().find(|name| object.contains_key(**name)) {
        Some(name) => Err(Problem::at(
            &child(at, name),
            format!("`{name}` is read-only (readOnly): the server sets it, a request may not"),
        )),
        None => Ok(()),
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

/// One of `sets` of properties is present in full (`exactly_one`: one and no more), as an
/// `anyOf` (`oneOf`) of `required` lists says; `rule` is that in words.
pub fn alternatives(
    object: &Map<String, Value>,
    at: &str,
    sets: &[&[&str]],
    exactly_one: bool,
    rule: &str,
) -> Checked {
    let present = sets
        .iter()
        .filter(|set| set.iter().all(|name| object.contains_key(*name)))
        .count();
    if present == 0 || (exactly_one && present > 1) {
        return Err(Problem::at(at, format!("the object needs {rule}")));
    }
    Ok(())
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
    fn constraints_name_the_broken_keyword_and_skip_other_types() {
        let message = |checked: Checked| checked.unwrap_err().message;
        assert_eq!(
            message(length(&json!("ab"), "", Some(3), None)),
            "is 2 characters long, shorter than 3 (minLength)"
        );
        assert!(message(length(&json!("é€x"), "", None, Some(2))).contains("3 characters"));
        assert!(length(&json!("abc"), "", Some(3), Some(3)).is_ok());
        assert_eq!(
            message(pattern(&json!("A1"), "", "^[a-z]+$")),
            "`A1` does not match `^[a-z]+$` (pattern)"
        );
        assert!(pattern(&json!("abc"), "", "^[a-z]+$").is_ok());
        assert_eq!(
            message(minimum(&json!(0), "", 1.0, false)),
            "0 is not at least 1 (minimum)"
        );
        assert_eq!(
            message(minimum(&json!(1), "", 1.0, true)),
            "1 is not greater than 1 (exclusiveMinimum)"
        );
        assert!(minimum(&json!(1), "", 1.0, false).is_ok());
        assert!(message(maximum(&json!(1000.5), "", 1000.0, false)).contains("(maximum)"));
        assert!(message(maximum(&json!(5), "", 5.0, true)).contains("(exclusiveMaximum)"));
        assert!(multiple_of(&json!(0.3), "", 0.1).is_ok());
        assert!(message(multiple_of(&json!(7), "", 5.0)).contains("(multipleOf)"));
        assert_eq!(
            message(item_count(&json!([]), "", Some(1), None)),
            "has 0 items, fewer than 1 (minItems)"
        );
        assert!(message(item_count(&json!([1, 2, 3]), "", None, Some(2))).contains("(maxItems)"));
        assert_eq!(
            message(unique_items(&json!([1, 2, 1]), "")),
            "items 0 and 2 are equal (uniqueItems)"
        );
        assert!(unique_items(&json!([1, "1"]), "").is_ok());
        assert!(message(property_count(&json!({}), "", Some(1), None)).contains("(minProperties)"));
        assert!(
            message(property_count(&json!({"a": 1, "b": 2}), "", None, Some(1)))
                .contains("(maxProperties)")
        );
        assert!(among(&json!(1.0), "", &["0.5", "1"]).is_ok());
        assert!(among(&json!(true), "", &["true"]).is_ok());
        assert_eq!(
            message(among(&json!("auto "), "", &["\"auto\"", "0"])),
            "\"auto \" is not one of \"auto\", 0 (enum)"
        );
        // Each rule leaves values of other types to the type check.
        for checked in [
            length(&json!(5), "", Some(9), None),
            pattern(&json!(5), "", "^a$"),
            minimum(&json!("0"), "", 1.0, false),
            item_count(&json!({}), "", Some(1), None),
            property_count(&json!([]), "", Some(1), None),
        ] {
            assert!(checked.is_ok());
        }
    }

    #[test]
    fn combinators_check_properties_items_and_entries_at_their_pointers() {
        let object = json!({ "tags": ["a", 2], "none": null, "map": { "k": "v" } });
        let object = object.as_object().unwrap();
        let problem = property(object, "", "tags", array_of(string)).unwrap_err();
        assert_eq!(problem.pointer, "/tags/1");
        assert!(property(object, "", "missing", string).is_ok());
        assert!(property(object, "", "none", string).is_err());
        assert!(nullable_property(object, "", "none", string).is_ok());
        let problem = property(object, "/o", "map", map_of(int64)).unwrap_err();
        assert_eq!(problem.pointer, "/o/map/k");
        assert!(int32(&json!(3_000_000_000_i64), "").is_err());
        assert!(int64(&json!(3_000_000_000_i64), "").is_ok());
        assert!(any_object(&json!([]), "").is_err() && any(&json!([]), "").is_ok());
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
