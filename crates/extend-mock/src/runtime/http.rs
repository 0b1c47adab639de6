//! What the generated handlers do with HTTP: read credentials and JSON bodies, and write
//! responses.

use super::check::Problem;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The credentials a request carries.
#[derive(Debug, Clone, Copy)]
pub struct Credentials<'a> {
    headers: &'a HeaderMap,
}

impl<'a> Credentials<'a> {
    /// The credentials in a request's headers.
    pub fn new(headers: &'a HeaderMap) -> Self {
        Self { headers }
    }

    /// The token of an `Authorization: Bearer <token>` header; `None` when the header is
    /// missing, not text, of another scheme or empty.
    pub fn bearer(&self) -> Option<&'a str> {
        let value = self.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
        let (scheme, token) = value.split_once(' ')?;
        let token = token.trim();
        (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
    }
}

/// A JSON response. A body that cannot be serialized is a 500 that says so.
pub fn json(status: u16, body: &impl Serialize) -> Response {
    json_as(status, body, "application/json")
}

/// A JSON response sent as another JSON media type, such as `application/problem+json`.
pub fn json_as(status: u16, body: &impl Serialize, media: &str) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => with_type(status, bytes, media),
        Err(e) => with_type(
            500,
            format!("the response could not be serialized: {e}"),
            "text/plain; charset=utf-8",
        ),
    }
}

/// The status of an operation a server does not implement: 501 Not Implemented.
pub const NOT_IMPLEMENTED: u16 = 501;

/// The body of an operation a server does not implement (the answer of the server trait's
/// default methods), naming the operation.
pub fn not_implemented(operation: &str) -> Value {
    serde_json::json!({
        "code": "NOT_IMPLEMENTED",
        "message": format!("`{operation}` is not implemented by this server"),
    })
}

/// A response without a body.
pub fn empty(status: u16) -> Response {
    status_code(status).into_response()
}

/// A text response of the given media type.
pub fn text(status: u16, body: String, media: &str) -> Response {
    with_type(status, body, media)
}

/// A binary response of the given media type.
pub fn binary(status: u16, body: bytes::Bytes, media: &str) -> Response {
    with_type(status, body, media)
}

/// A response with a `Content-Type`; a media type that is not a valid header value is sent as
/// `application/octet-stream` rather than not at all.
fn with_type(status: u16, body: impl IntoResponse, media: &str) -> Response {
    let media = HeaderValue::from_str(media)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    (status_code(status), [(header::CONTENT_TYPE, media)], body).into_response()
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A `text/*` body: UTF-8, or a problem.
pub fn text_body(body: &[u8]) -> Result<String, Problem> {
    String::from_utf8(body.to_vec())
        .map_err(|e| Problem::in_part("body", format!("not UTF-8 text: {e}")))
}

/// A required JSON body: checked against the spec by `check`, then read as `T`.
pub fn json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
    check: impl Fn(&Value, &str) -> Result<(), Problem>,
) -> Result<T, Problem> {
    optional_json_body(headers, body, check)?
        .ok_or_else(|| Problem::in_part("body", "a JSON body is required"))
}

/// An optional JSON body: `None` when the request has none.
pub fn optional_json_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: &[u8],
    check: impl Fn(&Value, &str) -> Result<(), Problem>,
) -> Result<Option<T>, Problem> {
    if body.is_empty() {
        return Ok(None);
    }
    if let Some(media) = headers.get(header::CONTENT_TYPE) {
        let essence = media
            .to_str()
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if essence != "application/json" && !essence.ends_with("+json") {
            return Err(Problem::in_part(
                "body",
                format!("the content type is `{essence}`, expected `application/json`"),
            ));
        }
    }
    let mut value: Value = serde_json::from_slice(body)
        .map_err(|e| Problem::in_part("body", format!("not valid JSON: {e}")))?;
    // JSON Schema counts `3.0` as the integer 3: read it as one, as the checks do.
    integral_numbers_as_integers(&mut value);
    check(&value, "")?;
    serde_json::from_value(value)
        .map(Some)
        .map_err(|e| Problem::in_part("body", e.to_string()))
}

/// Rewrites every number with no fractional part that an `i64` holds (`3.0`, `-2e3`) as that
/// integer, in place: the same JSON value, in the form serde reads into an integer type.
pub fn integral_numbers_as_integers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            // Only below 2^53 does an f64 say which integer it was: serde_json reads integers
            // beyond i64 and u64 (such as -2^63 - 1) as the nearest f64, which is in range.
            if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn bearer_tokens_need_the_scheme_and_a_token() {
        let token = |value| {
            let h = headers(&[("authorization", value)]);
            Credentials::new(&h).bearer().map(str::to_owned)
        };
        assert_eq!(token("Bearer abc").as_deref(), Some("abc"));
        assert_eq!(token("bearer  abc ").as_deref(), Some("abc"));
        assert_eq!(token("Basic abc"), None);
        assert_eq!(token("Bearer "), None);
        assert_eq!(Credentials::new(&HeaderMap::new()).bearer(), None);
    }

    #[test]
    fn bodies_must_be_json_of_the_right_shape() {
        let ok = |_: &Value, _: &str| Ok(());
        let json = headers(&[("content-type", "application/json; charset=utf-8")]);
        let read = json_body::<Value>(&json, b"{\"a\":1}", ok).unwrap();
        assert_eq!(read["a"], 1);
        let broken = json_body::<Value>(&json, b"{", ok).unwrap_err();
        assert!(
            broken.to_string().starts_with("body: not valid JSON"),
            "{broken}"
        );
        let form = headers(&[("content-type", "application/x-www-form-urlencoded")]);
        assert!(json_body::<Value>(&form, b"a=1", ok)
            .unwrap_err()
            .message
            .contains("content type"));
        assert!(json_body::<Value>(&json, b"", ok)
            .unwrap_err()
            .message
            .contains("required"));
        assert_eq!(optional_json_body::<Value>(&json, b"", ok), Ok(None));
        let refuse = |_: &Value, at: &str| Err(Problem::at(at, "no"));
        assert_eq!(
            json_body::<Value>(&json, b"1", refuse).unwrap_err().message,
            "no"
        );
    }

    #[test]
    fn integral_numbers_are_read_as_the_integers_they_are() {
        #[derive(serde::Deserialize)]
        struct Page {
            start: i64,
            ratio: f64,
        }
        let json = headers(&[("content-type", "application/json")]);
        let ok = |_: &Value, _: &str| Ok(());
        let page: Page = json_body(&json, br#"{"start": -2.0e3, "ratio": 1}"#, ok).unwrap();
        assert_eq!((page.start, page.ratio), (-2000, 1.0));
        let mut value: Value = serde_json::from_str(r#"[1.5, 3.0, 1e300, {"a": [4.0]}]"#).unwrap();
        integral_numbers_as_integers(&mut value);
        assert_eq!(value.to_string(), "[1.5,3,1e+300,{\"a\":[4]}]");
        // Beyond i64, the nearest f64 is not the integer sent: it stays a number, refused.
        let below = br#"{"start": -9223372036854775809, "ratio": 1}"#;
        assert!(json_body::<Page>(&json, below, ok).is_err());
        // A fractional value is no integer, and a type that wants one refuses it.
        assert!(json_body::<Page>(&json, br#"{"start": 0.5, "ratio": 1}"#, ok).is_err());
    }
}
