//! `multipart/form-data` bodies: one part per property of the body object, files as file
//! parts, text as text parts, objects and lists of objects as JSON parts.
//!
//! The body is written to bytes before it is sent, so that a retry sends it again; a
//! streaming body could be sent once only.

use serde::Serialize;
use serde_json::Value;
use std::hash::{BuildHasher, Hasher};

/// How one property of a multipart body is written: its name, whether it holds files, and
/// the media type the spec's `encoding` gives its part.
#[doc(hidden)]
pub type PartField = (&'static str, bool, Option<&'static str>);

/// A multipart body, ready to send, and the `Content-Type` that names its boundary.
#[doc(hidden)]
#[derive(Debug)]
pub struct Multipart {
    pub bytes: Vec<u8>,
    pub content_type: String,
}

/// One part before the boundary is chosen.
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    content: Vec<u8>,
}

/// Writes the object `body` as a multipart body, each property as `fields` says; properties
/// it does not list are text when scalar and JSON otherwise, and `null` ones are left out.
#[doc(hidden)]
pub fn multipart_body<T: Serialize + ?Sized>(
    body: &T,
    fields: &[PartField],
) -> Result<Multipart, String> {
    let value = serde_json::to_value(body)
        .map_err(|e| format!("the request body does not serialize: {e}"))?;
    let Value::Object(properties) = value else {
        return Err("a multipart body must be an object".to_owned());
    };
    let mut parts = Vec::new();
    for (name, value) in properties {
        let (file, media) = fields
            .iter()
            .find(|(field, ..)| *field == name)
            .map_or((false, None), |(_, file, media)| (*file, *media));
        match value {
            Value::Null => {}
            Value::Array(items) if file || items.iter().all(is_scalar) => {
                for item in items {
                    parts.push(part(&name, item, file, media)?);
                }
            }
            value => parts.push(part(&name, value, file, media)?),
        }
    }
    Ok(encode(parts))
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// The part of one value.
fn part(name: &str, value: Value, file: bool, media: Option<&str>) -> Result<Part, String> {
    let named = |content: Vec<u8>, content_type: Option<&str>| Part {
        name: name.to_owned(),
        file_name: None,
        content_type: content_type.map(str::to_owned),
        content,
    };
    if file {
        return file_part(name, value, media);
    }
    Ok(match value {
        Value::String(text) => named(text.into_bytes(), media),
        scalar @ (Value::Bool(_) | Value::Number(_)) if media.is_none() => {
            named(scalar.to_string().into_bytes(), None)
        }
        structured => named(
            structured.to_string().into_bytes(),
            Some(media.unwrap_or("application/json")),
        ),
    })
}

/// A file part from a file's JSON form (see the models' `File`): text, or an object with
/// `bytes` (one character per byte), `fileName` and `mediaType`. A file without a name is
/// sent under the property's name, as servers want one to see a file.
fn file_part(name: &str, value: Value, media: Option<&str>) -> Result<Part, String> {
    let bad = || format!("property `{name}` is not a file");
    let (content, file_name, media_type) = match value {
        Value::String(text) => (text.into_bytes(), None, None),
        Value::Object(mut map) => {
            let mut text = |key: &str| match map.remove(key) {
                Some(Value::String(s)) => Some(s),
                _ => None,
            };
            let bytes = text("bytes").ok_or_else(bad)?;
            let content = bytes
                .chars()
                .map(|c| u8::try_from(c).map_err(|_| bad()))
                .collect::<Result<Vec<u8>, String>>()?;
            (content, text("fileName"), text("mediaType"))
        }
        _ => return Err(bad()),
    };
    Ok(Part {
        name: name.to_owned(),
        file_name: Some(file_name.unwrap_or_else(|| name.to_owned())),
        content_type: Some(
            media_type
                .or(media.map(str::to_owned))
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
        ),
        content,
    })
}

/// The parts between boundaries that none of them contains.
fn encode(parts: Vec<Part>) -> Multipart {
    let boundary = loop {
        let candidate = format!("extend-boundary-{:016x}", random());
        let needle = candidate.as_bytes();
        let clash = parts
            .iter()
            .any(|p| p.content.windows(needle.len()).any(|w| w == needle));
        if !clash {
            break candidate;
        }
    };
    let mut bytes = Vec::new();
    for part in parts {
        bytes.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mut disposition = format!("form-data; name=\"{}\"", quoted(&part.name));
        if let Some(file_name) = &part.file_name {
            disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
        }
        bytes.extend_from_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
        if let Some(content_type) = &part.content_type {
            bytes.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(&part.content);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Multipart {
        bytes,
        content_type: format!("multipart/form-data; boundary={boundary}"),
    }
}

/// A name inside a quoted header parameter, with `"`, CR and LF escaped as browsers do.
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// 64 bits that differ from call to call: the standard library's randomly seeded hasher over
/// a counter.
fn random() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(body: &Multipart) -> String {
        String::from_utf8_lossy(&body.bytes).into_owned()
    }

    #[test]
    fn properties_become_parts() {
        let body = json!({
            "purpose": "extraction",
            "pages": 3,
            "tags": ["a", "b"],
            "options": {"ocr": true},
            "note": null,
            "file": {"bytes": "%PDF\u{ff}", "fileName": "scan \"1\".pdf", "mediaType": "application/pdf"},
            "raw": "plain",
        });
        let fields = [("file", true, None), ("raw", true, Some("text/csv"))];
        let encoded = multipart_body(&body, &fields).unwrap();
        let boundary = encoded
            .content_type
            .strip_prefix("multipart/form-data; boundary=")
            .unwrap()
            .to_owned();
        let sent = text(&encoded);
        for expected in [
            "Content-Disposition: form-data; name=\"purpose\"\r\n\r\nextraction\r\n".to_owned(),
            "name=\"pages\"\r\n\r\n3\r\n".to_owned(),
            "name=\"tags\"\r\n\r\na\r\n".to_owned(),
            "name=\"tags\"\r\n\r\nb\r\n".to_owned(),
            "name=\"options\"\r\nContent-Type: application/json\r\n\r\n{\"ocr\":true}\r\n"
                .to_owned(),
            "name=\"file\"; filename=\"scan %221%22.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF"
                .to_owned(),
            "name=\"raw\"; filename=\"raw\"\r\nContent-Type: text/csv\r\n\r\nplain\r\n".to_owned(),
            format!("--{boundary}--\r\n"),
        ] {
            assert!(sent.contains(&expected), "{expected:?} not in {sent}");
        }
        assert!(!sent.contains("note"), "null is left out");
        let pdf = b"%PDF\xff\r\n";
        assert!(
            encoded.bytes.windows(pdf.len()).any(|w| w == pdf),
            "bytes as they are"
        );
        assert_eq!(sent.matches(&format!("--{boundary}\r\n")).count(), 7);
    }

    #[test]
    fn files_must_be_files() {
        let error = multipart_body(&json!({"file": 3}), &[("file", true, None)]).unwrap_err();
        assert_eq!(error, "property `file` is not a file");
        assert!(multipart_body(&json!([1]), &[]).is_err());
    }
}
