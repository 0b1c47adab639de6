//! `multipart/form-data` bodies: one part per property of the body object, files as file
//! parts, text as text parts, objects and lists of objects as JSON parts.
//!
//! Files are taken out of the body as they are ([`capture_files`]): bytes in memory stay
//! shared and files on disk stay paths, read as each attempt sends them
//! ([`super::streamed`]), so that a retry sends the same body and no file is copied whole.

use super::streamed::Chunk;
use crate::support::{capture_files, captured_file, File, FileSource};
use bytes::Bytes;
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
    /// The body in order: headers and text in memory, file content in memory or on disk.
    pub chunks: Vec<Chunk>,
    pub content_type: String,
}

/// The content of one part.
enum Content {
    Bytes(Bytes),
    File(File),
}

/// One part before the boundary is chosen.
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    content: Content,
}

/// Writes the object `body` as a multipart body, each property as `fields` says; properties
/// it does not list are text when scalar and JSON otherwise, and `null` ones are left out.
/// A [`File`] is a file part wherever it stands at the top, alone or in a list.
#[doc(hidden)]
pub fn multipart_body<T: Serialize + ?Sized>(
    body: &T,
    fields: &[PartField],
) -> Result<Multipart, String> {
    let (value, files) = capture_files(|| serde_json::to_value(body));
    let value = value.map_err(|e| format!("the request body does not serialize: {e}"))?;
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
            Value::Array(items)
                if file
                    || items
                        .iter()
                        .all(|i| is_scalar(i) || captured_file(i).is_some()) =>
            {
                for item in items {
                    parts.push(part(&name, item, file, media, &files)?);
                }
            }
            value => parts.push(part(&name, value, file, media, &files)?),
        }
    }
    Ok(encode(parts))
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

/// The part of one value; `files` are the files [`capture_files`] took out of the body.
fn part(
    name: &str,
    value: Value,
    file: bool,
    media: Option<&str>,
    files: &[File],
) -> Result<Part, String> {
    let named = |content: Vec<u8>, content_type: Option<&str>| Part {
        name: name.to_owned(),
        file_name: None,
        content_type: content_type.map(str::to_owned),
        content: Content::Bytes(content.into()),
    };
    if let Some(file) = captured_file(&value).and_then(|index| files.get(index)) {
        return Ok(file_part(name, file.clone(), media));
    }
    if file {
        // A file given in its JSON form, as a body built as JSON carries it.
        let file = serde_json::from_value::<File>(value)
            .map_err(|_| format!("property `{name}` is not a file"))?;
        return Ok(file_part(name, file, media));
    }
    Ok(match value {
        Value::String(text) => named(text.into_bytes(), media),
        scalar @ (Value::Bool(_) | Value::Number(_)) if media.is_none() => {
            named(scalar.to_string().into_bytes(), None)
        }
        mut structured => {
            restore_files(&mut structured, files);
            named(
                structured.to_string().into_bytes(),
                Some(media.unwrap_or("application/json")),
            )
        }
    })
}

/// Puts back the JSON form of the files inside a part that is sent as JSON.
fn restore_files(value: &mut Value, files: &[File]) {
    if let Some(file) = captured_file(value).and_then(|index| files.get(index)) {
        *value = serde_json::to_value(file).unwrap_or(Value::Null);
        return;
    }
    match value {
        Value::Array(items) => items.iter_mut().for_each(|item| restore_files(item, files)),
        Value::Object(map) => map.values_mut().for_each(|item| restore_files(item, files)),
        _ => {}
    }
}

/// A file part. A file without a name is sent under the property's name, as servers want one
/// to see a file.
fn file_part(name: &str, mut file: File, media: Option<&str>) -> Part {
    Part {
        name: name.to_owned(),
        file_name: Some(file.file_name.take().unwrap_or_else(|| name.to_owned())),
        content_type: Some(
            file.media_type
                .take()
                .or(media.map(str::to_owned))
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
        ),
        content: Content::File(file),
    }
}

/// The parts between boundaries. The boundary holds 64 random bits and is checked against the
/// content in memory; a file on disk is not read to check it, as no client reads a file twice
/// for this.
fn encode(parts: Vec<Part>) -> Multipart {
    let boundary = loop {
        let candidate = format!("extend-boundary-{:016x}{:016x}", random(), random());
        let needle = candidate.as_bytes();
        let clash = parts.iter().any(|p| {
            let bytes: &[u8] = match &p.content {
                Content::Bytes(bytes) => bytes,
                Content::File(file) => file.bytes().map_or(&[], |b| b),
            };
            bytes.windows(needle.len()).any(|w| w == needle)
        });
        if !clash {
            break candidate;
        }
    };
    let mut chunks = Vec::new();
    let mut head = Vec::new();
    for part in parts {
        head.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mut disposition = format!("form-data; name=\"{}\"", quoted(&part.name));
        if let Some(file_name) = &part.file_name {
            disposition.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
        }
        head.extend_from_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
        if let Some(content_type) = &part.content_type {
            head.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        head.extend_from_slice(b"\r\n");
        let content = match part.content {
            Content::Bytes(bytes) => Chunk::Bytes(bytes),
            Content::File(File {
                source: FileSource::Bytes(bytes),
                ..
            }) => Chunk::Bytes(bytes),
            Content::File(File {
                source: FileSource::Path(path),
                ..
            }) => Chunk::Path(path),
        };
        chunks.push(Chunk::Bytes(std::mem::take(&mut head).into()));
        chunks.push(content);
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    chunks.push(Chunk::Bytes(head.into()));
    Multipart {
        chunks,
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

    /// The body's bytes, with each file on disk as `<path>`.
    fn body_bytes(body: &Multipart) -> Vec<u8> {
        let mut bytes = Vec::new();
        for chunk in &body.chunks {
            match chunk {
                Chunk::Bytes(b) => bytes.extend_from_slice(b),
                Chunk::Path(path) => {
                    bytes.extend_from_slice(format!("<{}>", path.display()).as_bytes())
                }
            }
        }
        bytes
    }

    fn text(body: &Multipart) -> String {
        String::from_utf8_lossy(&body_bytes(body)).into_owned()
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
            body_bytes(&encoded).windows(pdf.len()).any(|w| w == pdf),
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

    #[test]
    fn files_are_sent_as_they_are_held() {
        #[derive(serde::Serialize)]
        struct Upload {
            file: File,
            attachments: Vec<File>,
            meta: serde_json::Value,
            #[serde(rename = "inForm")]
            in_form: Option<File>,
        }
        let shared = Bytes::from(vec![7u8; 4096]);
        let body = Upload {
            file: File::new(shared.clone()).with_name("a.bin"),
            attachments: vec![File::from_path("/data/scan.pdf"), File::new("note")],
            meta: json!({"pages": 2}),
            in_form: None,
        };
        let fields = [("file", true, None), ("attachments", true, None)];
        let encoded = multipart_body(&body, &fields).unwrap();
        let held = encoded
            .chunks
            .iter()
            .find_map(|c| match c {
                Chunk::Bytes(b) if b.len() == 4096 => Some(b),
                _ => None,
            })
            .expect("the file's bytes as one chunk");
        assert_eq!(held.as_ptr(), shared.as_ptr(), "shared, not copied");
        let paths: Vec<_> = encoded
            .chunks
            .iter()
            .filter_map(|c| match c {
                Chunk::Path(p) => Some(p.to_str().unwrap()),
                Chunk::Bytes(_) => None,
            })
            .collect();
        assert_eq!(paths, ["/data/scan.pdf"]);
        let written = text(&encoded);
        for expected in [
            "name=\"file\"; filename=\"a.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n",
            "name=\"attachments\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n</data/scan.pdf>\r\n",
            "name=\"attachments\"; filename=\"attachments\"\r\nContent-Type: application/octet-stream\r\n\r\nnote\r\n",
            "name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"pages\":2}\r\n",
        ] {
            assert!(written.contains(expected), "{expected:?} not in {written}");
        }
        assert!(!written.contains("inForm"));
        // A file inside a JSON part is written in its JSON form there.
        let nested = multipart_body(&json!({"meta": {}}), &[]).unwrap();
        assert!(text(&nested).contains("{}"));
        #[derive(serde::Serialize)]
        struct Nested {
            meta: Vec<std::collections::BTreeMap<&'static str, File>>,
        }
        let body = Nested {
            meta: vec![[("logo", File::new("svg"))].into_iter().collect()],
        };
        let encoded = multipart_body(&body, &[]).unwrap();
        assert!(
            text(&encoded).contains("[{\"logo\":\"svg\"}]"),
            "{}",
            text(&encoded)
        );
    }
}
