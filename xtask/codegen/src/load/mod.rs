//! YAML or JSON text to a typed OpenAPI document, with problems located by line, column and
//! JSON pointer.

pub mod locate;
pub mod resolve;

use crate::error::Diagnostic;
use serde_json::Value;

/// The OpenAPI versions this generator reads.
pub const SUPPORTED_VERSIONS: &str = "3.0.x (3.0.0 to 3.0.4) and 3.1.x";

/// A spec parsed once: the YAML tree, in the spec's key order, and the same tree as JSON for
/// the checks that walk it untyped (references, the version).
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The document as YAML values, keys in spec order.
    pub yaml: serde_yaml_ng::Value,
    /// The document as plain JSON.
    pub raw: Value,
}

/// Parses `text` (YAML or JSON) once. Line and column are not kept: a problem found later
/// is placed by its JSON pointer, on demand.
pub fn parse(text: &str) -> Result<Parsed, Diagnostic> {
    check_nesting(text)?;
    let yaml = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text).map_err(syntax_error)?;
    // JSON keys are strings; a tree whose keys are not (`true:`) takes the text's own route.
    let raw = match serde_json::to_value(&yaml) {
        Ok(raw) => raw,
        Err(_) => parse_tree(text)?,
    };
    Ok(Parsed { yaml, raw })
}

/// The parsed tree as OpenAPI types. The tree carries no positions, so a mistyped field is
/// placed by a second reading of the text, which knows lines and columns; a spec that reads
/// cleanly is never read twice. Where the text reads differently (a tree repaired or
/// rewritten from 3.1), the problem is placed by its pointer alone.
pub fn typed(parsed: &Parsed, text: &str) -> Result<openapiv3::OpenAPI, Diagnostic> {
    let error = match serde_path_to_error::deserialize(&parsed.yaml) {
        Ok(doc) => return Ok(doc),
        Err(error) => error,
    };
    let pointer = pointer_of(error.path());
    match parse_typed(text) {
        // The same problem, placed by the text's line and column.
        Err(placed) if placed.pointer == pointer => Err(placed),
        _ => Err(Diagnostic::at(
            pointer,
            format!(
                "invalid OpenAPI: {}",
                strip_location(&error.into_inner().to_string())
            ),
        )),
    }
}

/// How deep `[` and `{` may nest before the text is refused unread. The YAML parser refuses
/// more than 128 levels anyway, but only after work that grows with the square of the depth
/// (100,000 levels took 22 s): a linear scan refuses such a text at once. The limit is above
/// the parser's so that a bracket in a plain scalar (`see [1`) never refuses a spec it reads.
pub const MAX_FLOW_NESTING: usize = 512;

/// Refuses a text whose flow collections (JSON's arrays and objects) nest deeper than
/// [`MAX_FLOW_NESTING`], at the place where they do. Quoted strings and comments are skipped.
fn check_nesting(text: &str) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    let mut previous = '\n';
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            (line, column) = (line + 1, 0);
            comment = false;
        } else if comment {
        } else if let Some(q) = quote {
            // `"` strings escape with a backslash; YAML's `'` strings double the quote, which
            // reads here as the string closing and opening again.
            if escaped {
                escaped = false;
            } else if q == '"' && c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' => quote = Some(c),
                '#' if previous.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_FLOW_NESTING {
                        return Err(Diagnostic {
                            pointer: String::new(),
                            location: Some((line, column)),
                            message: format!(
                                "nested more than {MAX_FLOW_NESTING} levels deep; refused unread"
                            ),
                        });
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = c;
    }
    Ok(())
}

/// Parses `text` as YAML (JSON is YAML too) into an untyped tree, nesting bounded as in
/// [`parse`].
pub fn parse_tree(text: &str) -> Result<Value, Diagnostic> {
    check_nesting(text)?;
    serde_yaml_ng::from_str::<Value>(text).map_err(syntax_error)
}

fn syntax_error(e: serde_yaml_ng::Error) -> Diagnostic {
    Diagnostic {
        pointer: String::new(),
        location: e.location().map(|l| (l.line(), l.column())),
        message: format!("not valid YAML or JSON: {}", strip_location(&e.to_string())),
    }
}

/// Checks that the tree is an OpenAPI 3.0 document, naming what it is otherwise.
pub fn check_version(raw: &Value) -> Result<(), Diagnostic> {
    let Some(root) = raw.as_object() else {
        return Err(Diagnostic::at(
            "",
            format!(
                "not an OpenAPI document: the top level is {}, not an object",
                kind(raw)
            ),
        ));
    };
    if let Some(swagger) = root.get("swagger") {
        return Err(Diagnostic::at(
            "/swagger",
            format!(
                "OpenAPI {} (Swagger) is not supported; supported versions: {SUPPORTED_VERSIONS}. \
                 Convert the spec to OpenAPI 3.0 first",
                display(swagger)
            ),
        ));
    }
    match root.get("openapi") {
        None => Err(Diagnostic::at(
            "",
            "not an OpenAPI document: the `openapi` version field is missing",
        )),
        Some(Value::String(v)) if is_supported(v) => Ok(()),
        Some(v) => Err(Diagnostic::at(
            "/openapi",
            format!(
                "OpenAPI version {} is not supported; supported versions: {SUPPORTED_VERSIONS}",
                display(v)
            ),
        )),
    }
}

fn is_supported(version: &str) -> bool {
    if is_31(version) {
        return true;
    }
    let mut parts = version.split('.');
    parts.next() == Some("3")
        && parts.next() == Some("0")
        && parts.next().is_some_and(|p| p.parse::<u32>().is_ok())
        && parts.next().is_none()
}

/// Deserializes `text` into OpenAPI types; a field of the wrong type is reported with its
/// pointer and position.
pub fn parse_typed(text: &str) -> Result<openapiv3::OpenAPI, Diagnostic> {
    let de = serde_yaml_ng::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let pointer = pointer_of(e.path());
        let inner = e.into_inner();
        Diagnostic {
            pointer,
            location: inner.location().map(|l| (l.line(), l.column())),
            message: format!("invalid OpenAPI: {}", strip_location(&inner.to_string())),
        }
    })
}

/// A JSON pointer for a serde path.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&crate::pointer::escape(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// A YAML mapping key as the JSON pointer token it stands for: strings as they are, other
/// scalars (`200:`) as YAML writes them.
pub fn yaml_key(k: &serde_yaml_ng::Value) -> String {
    match k {
        serde_yaml_ng::Value::String(s) => s.clone(),
        other => serde_yaml_ng::to_string(other)
            .map(|s| s.trim_end().to_owned())
            .unwrap_or_default(),
    }
}

/// Drops the " at line L column C" suffix the YAML parser adds: the location is shown apart.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn display(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether `version` is an OpenAPI 3.1 version.
pub fn is_31(version: &str) -> bool {
    let mut parts = version.split('.');
    parts.next() == Some("3")
        && parts.next() == Some("1")
        && parts.next().is_some_and(|p| p.parse::<u32>().is_ok())
        && parts.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_have_a_position() {
        let d = parse_tree("openapi: 3.0.3\ninfo: [unclosed\n").unwrap_err();
        assert!(d.location.is_some(), "{d}");
        assert!(d.message.starts_with("not valid YAML"), "{d}");
    }

    #[test]
    fn versions() {
        let v = |s: &str| check_version(&parse_tree(s).unwrap());
        assert!(v("openapi: 3.0.3").is_ok());
        assert!(v("openapi: 3.0.0").is_ok());
        assert!(v("openapi: 3.1.0").is_ok());
        let e = v("openapi: 3.2.0").unwrap_err();
        assert!(
            e.message.contains("3.2.0") && e.message.contains("3.0.x"),
            "{e}"
        );
        let e = v("swagger: '2.0'").unwrap_err();
        assert!(e.message.contains("Swagger"), "{e}");
        let e = v("- a list").unwrap_err();
        assert!(e.message.contains("an array"), "{e}");
        let e = v("info: {}").unwrap_err();
        assert!(e.message.contains("missing"), "{e}");
    }

    #[test]
    fn wrong_types_are_located() {
        let text = "openapi: 3.0.3\ninfo:\n  title: [not, a, string]\n  version: '1'\npaths: {}\n";
        let d = parse_typed(text).unwrap_err();
        assert_eq!(d.pointer, "/info/title", "{d}");
        assert_eq!(d.location, Some((3, 10)), "{d}");
        assert!(d.message.contains("expected a string"), "{d}");
    }

    #[test]
    fn one_parse_reads_like_the_text_and_places_mistakes_as_precisely() {
        let good = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /b: {}\n  /a: {}\n";
        let doc = typed(&parse(good).unwrap(), good).unwrap();
        let paths: Vec<&String> = doc.paths.paths.keys().collect();
        assert_eq!(paths, ["/b", "/a"], "spec order is kept");
        let bad = "openapi: 3.0.3\ninfo:\n  title: [not, a, string]\n  version: '1'\npaths: {}\n";
        let d = typed(&parse(bad).unwrap(), bad).unwrap_err();
        assert_eq!(d.pointer, "/info/title", "{d}");
        assert_eq!(d.location, Some((3, 10)), "{d}");
    }

    #[test]
    fn wrong_types_under_paths_still_have_a_line() {
        // openapiv3 flattens path items, which hides the path below `/paths` from serde; the
        // parser's line and column still point at the offending node's path item.
        let text = "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get:\n      operationId: [x]\n      responses: {}\n";
        let d = parse_typed(text).unwrap_err();
        assert!(d.pointer.starts_with("/paths"), "{d}");
        assert_eq!(d.location.map(|(line, _)| line), Some(6), "{d}");
    }
}
