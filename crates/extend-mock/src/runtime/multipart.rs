//! `multipart/form-data` bodies read back into JSON: one property per part name (a list when
//! the name repeats or the schema wants one), files as the models' `File` reads them, JSON
//! parts parsed, text parts read against the body's [`Shape`].

use super::check::Problem;
use super::styled::{field_shape, scalar, Shape};
use axum::http::{header, HeaderMap};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// One part: its name, file name, media type and content.
#[derive(Debug)]
struct Part<'b> {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    content: &'b [u8],
}

/// A multipart body read as `shape`, checked by `check`, then read as `T`.
#[doc(hidden)]
pub fn multipart_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
    shape: &Shape,
    check: impl Fn(&Value, &str) -> Result<(), Problem>,
) -> Result<T, Problem> {
    let problem = |message: String| Problem::in_part("body", message);
    let media = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let boundary = boundary(media).ok_or_else(|| {
        problem(format!(
            "the content type is `{media}`, expected `multipart/form-data` with a boundary"
        ))
    })?;
    let mut map = Map::new();
    // The undescribed parts given more than once, now lists.
    let mut repeated: Vec<String> = Vec::new();
    for part in parts(body, &boundary).map_err(problem)? {
        let field = field_shape(shape, &part.name);
        let item = match field {
            Shape::List(item) => item,
            other => other,
        };
        let value = if matches!(item, Shape::File) || part.file_name.is_some() {
            file(&part)
        } else if part
            .content_type
            .as_deref()
            .is_some_and(|m| m.contains("json"))
        {
            serde_json::from_slice(part.content)
                .map_err(|e| problem(format!("part `{}` is not valid JSON: {e}", part.name)))?
        } else {
            let text = std::str::from_utf8(part.content)
                .map_err(|_| problem(format!("part `{}` is not UTF-8 text", part.name)))?;
            scalar(text, item)
        };
        let list = matches!(field, Shape::List(_));
        // A part the schema does not describe may repeat, as a list's items do.
        let undescribed = matches!(field, Shape::Any);
        match map.get_mut(&part.name) {
            Some(Value::Array(items)) if list => items.push(value),
            Some(Value::Array(items)) if undescribed && repeated.contains(&part.name) => {
                items.push(value)
            }
            Some(earlier) if undescribed => {
                let first = std::mem::take(earlier);
                *earlier = Value::Array(vec![first, value]);
                repeated.push(part.name);
            }
            Some(_) => {
                return Err(problem(format!(
                    "part `{}` is given more than once",
                    part.name
                )))
            }
            None if list => {
                map.insert(part.name, Value::Array(vec![value]));
            }
            None => {
                map.insert(part.name, value);
            }
        }
    }
    let value = Value::Object(map);
    check(&value, "")?;
    serde_json::from_value(value).map_err(|e| problem(e.to_string()))
}

/// A file part as the models' `File` reads it: `bytes` one character per byte.
fn file(part: &Part<'_>) -> Value {
    let mut map = Map::new();
    let bytes: String = part.content.iter().map(|&b| char::from(b)).collect();
    map.insert("bytes".to_owned(), Value::String(bytes));
    if let Some(name) = &part.file_name {
        map.insert("fileName".to_owned(), Value::String(name.clone()));
    }
    if let Some(media) = &part.content_type {
        map.insert("mediaType".to_owned(), Value::String(media.clone()));
    }
    Value::Object(map)
}

/// The boundary of a `multipart/form-data` media type.
fn boundary(media: &str) -> Option<String> {
    let mut pieces = media.split(';');
    let essence = pieces.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    pieces.find_map(|p| {
        let (key, value) = p.trim().split_once('=')?;
        key.eq_ignore_ascii_case("boundary")
            .then(|| value.trim_matches('"').to_owned())
            .filter(|b| !b.is_empty())
    })
}

/// The parts between the delimiters `--boundary`, up to the closing `--boundary--`.
fn parts<'b>(body: &'b [u8], boundary: &str) -> Result<Vec<Part<'b>>, String> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut rest = match find(body, delimiter) {
        Some(i) => &body[i + delimiter.len()..],
        None => return Err("the body has no boundary line".to_owned()),
    };
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Ok(parts);
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .ok_or("a boundary line does not end with CRLF")?;
        let end_of_headers = find(rest, b"\r\n\r\n").ok_or("a part's headers do not end")?;
        let head = std::str::from_utf8(&rest[..end_of_headers])
            .map_err(|_| "a part's headers are not UTF-8")?;
        let after = &rest[end_of_headers + 4..];
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(delimiter);
        let end = find(after, &closing).ok_or("a part is not closed by a boundary")?;
        parts.push(part(head, &after[..end])?);
        rest = &after[end + closing.len()..];
    }
}

/// A part from its header lines and content.
fn part<'b>(head: &str, content: &'b [u8]) -> Result<Part<'b>, String> {
    let mut name = None;
    let mut file_name = None;
    let mut content_type = None;
    for line in head.split("\r\n") {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        if key.trim().eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        } else if key.trim().eq_ignore_ascii_case("content-disposition") {
            for param in value.split(';').skip(1) {
                let Some((k, v)) = param.trim().split_once('=') else {
                    continue;
                };
                let v = unquote(v.trim());
                match k.trim().to_ascii_lowercase().as_str() {
                    "name" => name = Some(v),
                    "filename" => file_name = Some(v),
                    _ => {}
                }
            }
        }
    }
    Ok(Part {
        name: name.ok_or("a part has no name in its Content-Disposition")?,
        file_name,
        content_type,
        content,
    })
}

/// A quoted parameter value, with the escapes browsers write (`%22`, `%0D`, `%0A`) undone.
fn unquote(value: &str) -> String {
    value
        .trim_matches('"')
        .replace("%22", "\"")
        .replace("%0D", "\r")
        .replace("%0A", "\n")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use serde_json::json;

    static UPLOAD: Shape = Shape::Object(&[
        ("file", &Shape::File),
        ("pages", &Shape::Integer),
        ("tags", &Shape::List(&Shape::Text)),
    ]);

    fn ok(_: &Value, _: &str) -> Result<(), Problem> {
        Ok(())
    }

    fn headers(media: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(media).unwrap());
        headers
    }

    #[test]
    fn parts_read_back_by_shape() {
        let body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; \
            filename=\"a %221%22.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\xff\r\n\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"pages\"\r\n\r\n3\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
            --XyZ\r\nContent-Disposition: form-data; name=\"options\"\r\n\
            Content-Type: application/json\r\n\r\n{\"ocr\":true}\r\n--XyZ--\r\n";
        let value: Value = multipart_body(
            &headers("multipart/form-data; boundary=XyZ"),
            body,
            &UPLOAD,
            ok,
        )
        .unwrap();
        assert_eq!(
            value,
            json!({
                "file": {"bytes": "%PDF\u{ff}\r\n", "fileName": "a \"1\".pdf", "mediaType": "application/pdf"},
                "pages": 3,
                "tags": ["a"],
                "options": {"ocr": true},
            })
        );
    }

    #[test]
    fn undescribed_parts_may_repeat_and_described_ones_may_not() {
        let part = |name: &str, text: &str| {
            format!("--b\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n")
        };
        let multipart = headers("multipart/form-data; boundary=b");
        let body = [
            part("x", "1"),
            part("x", "2"),
            part("x", "3"),
            "--b--".into(),
        ]
        .concat();
        let value: Value = multipart_body(&multipart, body.as_bytes(), &UPLOAD, ok).unwrap();
        assert_eq!(value, json!({ "x": ["1", "2", "3"] }));
        let body = [part("pages", "1"), part("pages", "2"), "--b--".into()].concat();
        let problem =
            multipart_body::<Value>(&multipart, body.as_bytes(), &UPLOAD, ok).unwrap_err();
        assert!(
            problem.message.contains("`pages` is given more than once"),
            "{problem}"
        );
    }

    #[test]
    fn malformed_bodies_are_problems() {
        let multipart = headers("multipart/form-data; boundary=b");
        let cases: [(&HeaderMap, &[u8], &str); 4] = [
            (
                &headers("application/json"),
                b"{}",
                "expected `multipart/form-data`",
            ),
            (&multipart, b"no boundary here", "no boundary line"),
            (
                &multipart,
                b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
                "no name",
            ),
            (
                &multipart,
                b"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
                "not closed",
            ),
        ];
        for (headers, body, expected) in cases {
            let problem = multipart_body::<Value>(headers, body, &UPLOAD, ok).unwrap_err();
            assert!(
                problem.message.contains(expected),
                "{problem} for {expected}"
            );
        }
    }
}
