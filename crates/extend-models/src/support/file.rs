//! The file a multipart request uploads: bytes in memory or a path on disk, with the name and
//! media type its part declares. The models use it for every `type: string, format: binary`
//! property; the client streams it into the request body without copying it.

use bytes::Bytes;
use serde::de::{self, Deserializer};
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// A file, as a multipart request carries it: where its content comes from, and the file name
/// and media type its part declares.
///
/// In JSON (where such a property has no standard form) a file in memory without name and
/// media type whose bytes are UTF-8 is that text; any other in-memory file is an object
/// `{"bytes", "fileName", "mediaType"}` whose `bytes` holds one character per byte (U+0000 to
/// U+00FF), and a file on disk is `{"path", "fileName", "mediaType"}`. All are read back as
/// they were written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct File {
    /// Where the content comes from.
    pub source: FileSource,
    /// The file name its part declares, such as `invoice.pdf`.
    pub file_name: Option<String>,
    /// The media type of its part, such as `application/pdf`; `application/octet-stream`
    /// when not given.
    pub media_type: Option<String>,
}

/// Where a [`File`]'s content comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileSource {
    /// Bytes in memory, shared (not copied) by every attempt of a call.
    Bytes(Bytes),
    /// A file on disk, opened and read as each attempt of a call sends it, so that it is
    /// never held in memory whole.
    Path(PathBuf),
}

impl Default for FileSource {
    fn default() -> Self {
        Self::Bytes(Bytes::new())
    }
}

impl File {
    /// A file of these bytes, without name or media type. A `Vec<u8>`, `String` or
    /// [`Bytes`] is taken over without a copy.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Self {
            source: FileSource::Bytes(bytes.into()),
            file_name: None,
            media_type: None,
        }
    }

    /// The file at `path`, read when a request sends it. Its part is named after the path's
    /// last component, and its media type follows the extension for common document and
    /// image types ([`media_type_of`]); both can be changed with [`File::with_name`] and
    /// [`File::with_media_type`].
    pub fn from_path(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        Self {
            file_name: path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned()),
            media_type: media_type_of(&path).map(str::to_owned),
            source: FileSource::Path(path),
        }
    }

    /// The same file with a file name.
    pub fn with_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The same file with a media type.
    pub fn with_media_type(mut self, media_type: impl Into<String>) -> Self {
        self.media_type = Some(media_type.into());
        self
    }

    /// The content, when it is in memory.
    pub fn bytes(&self) -> Option<&Bytes> {
        match &self.source {
            FileSource::Bytes(bytes) => Some(bytes),
            FileSource::Path(_) => None,
        }
    }

    /// The path, when the content is on disk.
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            FileSource::Path(path) => Some(path),
            FileSource::Bytes(_) => None,
        }
    }
}

/// The media type of a file by its extension (case aside), for the document and image types
/// document APIs take; `None` for any other, which is then sent as
/// `application/octet-stream`.
pub fn media_type_of(path: &Path) -> Option<&'static str> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "tif" | "tiff" => "image/tiff",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "bmp" => "image/bmp",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "xml" => "application/xml",
        "json" => "application/json",
        "eml" => "message/rfc822",
        _ => return None,
    })
}

/// The key of the object a file is written as while [`capture_files`] runs.
const CAPTURED: &str = "\u{0}captured-file";

thread_local! {
    /// The files written so far by the innermost [`capture_files`] on this thread.
    static CAPTURE: RefCell<Option<Vec<File>>> = const { RefCell::new(None) };
}

/// Runs `write` with every [`File`] it serializes set aside rather than written out: each is
/// written as a marker object that [`captured_file`] recognises, and returned in order. A
/// multipart body uses it to take the files of a request body as they are (shared bytes, or a
/// path) while writing the rest of it as JSON.
pub fn capture_files<R>(write: impl FnOnce() -> R) -> (R, Vec<File>) {
    /// Puts back the capture that was running before, also when `write` panics.
    struct Restore(Option<Option<Vec<File>>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            if let Some(previous) = self.0.take() {
                CAPTURE.with(|capture| *capture.borrow_mut() = previous);
            }
        }
    }
    let previous = CAPTURE.with(|capture| capture.replace(Some(Vec::new())));
    let mut restore = Restore(Some(previous));
    let result = write();
    let previous = restore.0.take().unwrap_or_default();
    let files = CAPTURE.with(|capture| capture.replace(previous));
    (result, files.unwrap_or_default())
}

/// The index, in what [`capture_files`] returned, of the file `value` marks.
pub fn captured_file(value: &Value) -> Option<usize> {
    match value {
        Value::Object(map) if map.len() == 1 => map.get(CAPTURED)?.as_u64()?.try_into().ok(),
        _ => None,
    }
}

impl Serialize for File {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let captured = CAPTURE.with(|capture| {
            let mut capture = capture.borrow_mut();
            let files = capture.as_mut()?;
            files.push(self.clone());
            Some(files.len() - 1)
        });
        if let Some(index) = captured {
            let mut map = Map::new();
            map.insert(CAPTURED.to_owned(), Value::from(index));
            return map.serialize(serializer);
        }
        let mut map = Map::new();
        match &self.source {
            FileSource::Bytes(bytes) => {
                if self.file_name.is_none() && self.media_type.is_none() {
                    if let Ok(text) = std::str::from_utf8(bytes) {
                        return serializer.serialize_str(text);
                    }
                }
                let bytes: String = bytes.iter().map(|&b| char::from(b)).collect();
                map.insert("bytes".to_owned(), Value::String(bytes));
            }
            FileSource::Path(path) => {
                let path = path.to_str().ok_or_else(|| {
                    S::Error::custom(format!("the path {} is not UTF-8", path.display()))
                })?;
                map.insert("path".to_owned(), Value::String(path.to_owned()));
            }
        }
        if let Some(name) = &self.file_name {
            map.insert("fileName".to_owned(), Value::String(name.clone()));
        }
        if let Some(media) = &self.media_type {
            map.insert("mediaType".to_owned(), Value::String(media.clone()));
        }
        map.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for File {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut map = match Value::deserialize(deserializer)? {
            Value::String(text) => return Ok(Self::new(text)),
            Value::Object(map) => map,
            other => {
                return Err(de::Error::custom(format!(
                    "a file is text or an object with its `bytes` or `path`, not {other}"
                )))
            }
        };
        let mut text = |key: &str| -> Result<Option<String>, D::Error> {
            match map.remove(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(de::Error::custom(format!(
                    "a file's `{key}` must be a string"
                ))),
            }
        };
        let source = match (text("bytes")?, text("path")?) {
            (Some(bytes), None) => FileSource::Bytes(
                bytes
                    .chars()
                    .map(|c| {
                        u8::try_from(c).map_err(|_| {
                            de::Error::custom(
                                "a file's `bytes` holds one character per byte, U+0000 to U+00FF",
                            )
                        })
                    })
                    .collect::<Result<Vec<u8>, D::Error>>()?
                    .into(),
            ),
            (None, Some(path)) => FileSource::Path(path.into()),
            (Some(_), Some(_)) => {
                return Err(de::Error::custom(
                    "a file has its `bytes` or its `path`, not both",
                ))
            }
            (None, None) => {
                return Err(de::Error::custom("a file needs its `bytes` or its `path`"))
            }
        };
        Ok(Self {
            source,
            file_name: text("fileName")?,
            media_type: text("mediaType")?,
        })
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for File {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "File".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "binary" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn files_round_trip_through_json() {
        let text = File::new("plain text");
        assert_eq!(serde_json::to_value(&text).unwrap(), json!("plain text"));
        let binary = File::new(vec![0u8, 159, 255, b'a'])
            .with_name("scan.pdf")
            .with_media_type("application/pdf");
        let value = serde_json::to_value(&binary).unwrap();
        assert_eq!(
            value,
            json!({"bytes": "\u{0}\u{9f}\u{ff}a", "fileName": "scan.pdf", "mediaType": "application/pdf"})
        );
        let on_disk = File::from_path("/tmp/Scan 1.PDF");
        assert_eq!(
            serde_json::to_value(&on_disk).unwrap(),
            json!({"path": "/tmp/Scan 1.PDF", "fileName": "Scan 1.PDF", "mediaType": "application/pdf"})
        );
        for file in [text, binary, File::new(vec![200u8]), on_disk] {
            let back: File = serde_json::from_value(serde_json::to_value(&file).unwrap()).unwrap();
            assert_eq!(back, file);
        }
        let wide = serde_json::from_value::<File>(json!({"bytes": "€"})).unwrap_err();
        assert!(
            wide.to_string().contains("one character per byte"),
            "{wide}"
        );
        assert!(serde_json::from_value::<File>(json!({"fileName": "a"})).is_err());
        assert!(serde_json::from_value::<File>(json!({"bytes": "a", "path": "b"})).is_err());
        assert!(serde_json::from_value::<File>(json!(3)).is_err());
    }

    #[test]
    fn a_path_names_the_file_and_its_media_type() {
        let file = File::from_path("in/report.final.XLSX");
        assert_eq!(file.file_name.as_deref(), Some("report.final.XLSX"));
        assert_eq!(
            file.media_type.as_deref(),
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        );
        assert_eq!(file.path(), Some(Path::new("in/report.final.XLSX")));
        assert_eq!(file.bytes(), None);
        let unknown = File::from_path("archive.tar.zst");
        assert_eq!(unknown.media_type, None);
        assert_eq!(File::from_path("README").media_type, None);
    }

    #[test]
    fn captured_files_are_set_aside_and_the_capture_ends() {
        let body = json!(null);
        let files = [File::new(vec![1u8, 2]), File::from_path("a.pdf")];
        let (value, captured) = capture_files(|| serde_json::to_value(&files).unwrap());
        assert_eq!(captured, files);
        let Value::Array(markers) = value else {
            panic!("{value}")
        };
        let indexes: Vec<_> = markers.iter().map(captured_file).collect();
        assert_eq!(indexes, [Some(0), Some(1)]);
        assert_eq!(captured_file(&body), None);
        assert_eq!(captured_file(&json!({"bytes": "a"})), None);
        // Outside the capture, files are written out again, also after a panic inside one.
        let unwound = std::panic::catch_unwind(|| capture_files(|| panic!("inside")));
        assert!(unwound.is_err());
        assert_eq!(
            serde_json::to_value(&files[0]).unwrap(),
            json!("\u{1}\u{2}")
        );
        // A capture inside another keeps its own files.
        let (inner, outer) = capture_files(|| {
            let first = serde_json::to_value(&files[0]).unwrap();
            let (_, inner) = capture_files(|| serde_json::to_value(&files[1]).unwrap());
            let second = serde_json::to_value(&files[0]).unwrap();
            assert_eq!(
                (captured_file(&first), captured_file(&second)),
                (Some(0), Some(1))
            );
            inner
        });
        assert_eq!(inner, [files[1].clone()]);
        assert_eq!(outer, [files[0].clone(), files[0].clone()]);
    }
}
