//! Sending one call: building the URL and headers, retrying as the policy says, and turning
//! the response into a value or an [`Error`]. The generated methods describe each call with
//! the items here, which are public for them but hidden from the docs.

use super::builder::{Client, Inner, USER_AGENT};
use super::error::{Error, ErrorResponse};
use super::multipart::{multipart_body, PartField};
use super::options::{RequestOptions, Response};
use super::streamed::{Chunk, Streamed};
use super::styled::{form_pairs, FormField};
use super::ApiSpec;
use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE,
};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::borrow::Cow;
use std::marker::PhantomData;

/// One segment of a request path.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub enum Segment<'a> {
    /// Text from the path template.
    Literal(&'static str),
    /// A path parameter's value: always one whole segment, percent-encoded.
    Param(&'static str, Cow<'a, str>),
}

/// Everything that describes one call, as the generated methods fill it in.
#[doc(hidden)]
#[derive(Debug)]
pub struct Call<'a, B: ?Sized> {
    /// The operationId, for errors.
    pub operation: &'static str,
    pub method: Method,
    pub path: &'a [Segment<'a>],
    pub query: Vec<(String, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<RequestBody<'a, B>>,
    /// What this call sets for itself over the client's settings.
    pub options: &'a RequestOptions,
}

/// A request body, by media type.
#[doc(hidden)]
#[derive(Debug)]
pub enum RequestBody<'a, B: ?Sized> {
    /// Serialized as `application/json`.
    Json(&'a B),
    /// Sent as `text/plain; charset=utf-8`.
    Text(&'a str),
    /// Sent as `application/octet-stream`.
    Binary(&'a [u8]),
    /// Serialized as `application/x-www-form-urlencoded`, each property as its entry says.
    Form(&'a B, &'static [FormField]),
    /// Serialized as `multipart/form-data`, each property a part as its entry says.
    Multipart(&'a B, &'static [PartField]),
}

/// A success response: its status and body, to be decoded as the operation documents; `E` is
/// the API's error body, for the error a body that does not decode becomes.
#[doc(hidden)]
#[derive(Debug)]
pub struct Received<E> {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    request_id: Option<String>,
    body: Bytes,
    error_body: PhantomData<fn() -> E>,
}

impl<E> Received<E> {
    /// The status code.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// The body decoded as JSON; a body that does not decode is an [`Error::Decode`].
    pub fn json<R: DeserializeOwned>(&self) -> Result<R, Error<E>> {
        serde_json::from_slice(&self.body).map_err(|source| Error::Decode {
            operation: self.operation,
            status: self.status,
            request_id: self.request_id.clone(),
            raw: String::from_utf8_lossy(&self.body).into_owned(),
            source,
        })
    }

    /// The body as text; bytes that are not UTF-8 become U+FFFD rather than failing.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as bytes, shared (no copy).
    pub fn bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// The response with `body`, the value decoded from it, in place of the bytes.
    pub fn with_body<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status.as_u16(),
            headers: self.headers,
            request_id: self.request_id,
            body,
        }
    }
}

impl<A: ApiSpec> Client<A> {
    /// Sends a call and returns the success response as it came: the generated call
    /// decodes it as its operation documents.
    #[doc(hidden)]
    pub async fn execute_raw<B>(
        &self,
        call: Call<'_, B>,
    ) -> Result<Received<A::ErrorBody>, Error<A::ErrorBody>>
    where
        B: Serialize + ?Sized,
    {
        let operation = call.operation;
        let invalid = |message: String| Error::InvalidRequest { operation, message };
        let url = match &call.options.page_url {
            Some(link) => self.inner.same_server(link).map_err(invalid)?,
            None => self.inner.url(call.path, &call.query).map_err(invalid)?,
        };
        let (body, content_type) = match call.body {
            Some(body) => {
                let (body, content_type) = encode_body(body).map_err(invalid)?;
                (Some(body), Some(content_type))
            }
            None => (None, None),
        };
        let options = call.options;
        let headers = self
            .inner
            .headers(&call.headers, &options.headers, content_type.as_deref())
            .map_err(invalid)?;
        let inner = &self.inner;
        let timeout = options.timeout.unwrap_or(inner.timeout);
        let max_retries = options.max_retries.unwrap_or(inner.retry.max_retries);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let retries_left = attempt <= max_retries;
            let mut request = inner
                .http
                .request(call.method.clone(), url.clone())
                .headers(headers.clone())
                .timeout(timeout);
            match &body {
                Some(Encoded::Whole(bytes)) => request = request.body(bytes.clone()),
                Some(Encoded::Chunks(chunks)) => {
                    let streamed = Streamed::open(chunks).await.map_err(|failed| Error::File {
                        operation,
                        path: failed.path,
                        source: failed.source,
                    })?;
                    request = request
                        .header(CONTENT_LENGTH, streamed.len())
                        .body(reqwest::Body::wrap(streamed));
                }
                None => {}
            }
            let failure = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    let response_headers = response.headers().clone();
                    if !status.is_success()
                        && retries_left
                        && super::retry::should_retry(status, &response_headers)
                    {
                        drop(response);
                        inner.pause(attempt, Some(&response_headers)).await;
                        continue;
                    }
                    match response.bytes().await {
                        Ok(bytes) => {
                            return classify::<A>(
                                operation,
                                status,
                                response_headers,
                                bytes,
                                attempt,
                            )
                        }
                        Err(e) => e,
                    }
                }
                Err(e) => e,
            };
            if retries_left {
                inner.pause(attempt, None).await;
                continue;
            }
            return Err(if failure.is_timeout() {
                Error::Timeout {
                    operation,
                    attempts: attempt,
                }
            } else {
                Error::Connection {
                    operation,
                    attempts: attempt,
                    source: failure.without_url(),
                }
            });
        }
    }
}

/// A request body as it is sent: whole, or in chunks some of which are files on disk.
enum Encoded {
    Whole(Bytes),
    Chunks(Vec<Chunk>),
}

/// A request body in the bytes of its media type, and that media type.
fn encode_body<B: Serialize + ?Sized>(
    body: RequestBody<'_, B>,
) -> Result<(Encoded, Cow<'static, str>), String> {
    Ok(match body {
        RequestBody::Json(body) => {
            let bytes = serde_json::to_vec(body)
                .map_err(|e| format!("the request body does not serialize: {e}"))?;
            (Encoded::Whole(bytes.into()), "application/json".into())
        }
        RequestBody::Text(text) => (
            Encoded::Whole(Bytes::copy_from_slice(text.as_bytes())),
            "text/plain; charset=utf-8".into(),
        ),
        RequestBody::Binary(bytes) => (
            Encoded::Whole(Bytes::copy_from_slice(bytes)),
            "application/octet-stream".into(),
        ),
        RequestBody::Multipart(body, fields) => {
            let encoded = multipart_body(body, fields)?;
            (Encoded::Chunks(encoded.chunks), encoded.content_type.into())
        }
        RequestBody::Form(body, fields) => {
            let pairs = form_pairs(body, fields)?;
            let encoded = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish();
            (
                Encoded::Whole(encoded.into()),
                "application/x-www-form-urlencoded".into(),
            )
        }
    })
}

/// A success response, or the error a failed status stands for.
fn classify<A: ApiSpec>(
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    attempts: u32,
) -> Result<Received<A::ErrorBody>, Error<A::ErrorBody>> {
    let mut request_id = header_request_id(&headers);
    if status.is_success() {
        return Ok(Received {
            operation,
            status,
            headers,
            request_id,
            body,
            error_body: PhantomData,
        });
    }
    let (decoded, body_error) = match serde_json::from_slice::<A::ErrorBody>(&body) {
        Ok(decoded) => (Some(decoded), None),
        Err(e) => (None, Some(e.to_string())),
    };
    if request_id.is_none() {
        request_id = body_request_id(&body);
    }
    Err(Error::Api(Box::new(ErrorResponse {
        operation,
        status,
        request_id,
        body: decoded,
        body_error,
        raw: String::from_utf8_lossy(&body).into_owned(),
        attempts,
    })))
}

// The helpers of a call, kept off `Client` so that no operation name can clash with them.
impl Inner {
    async fn pause(&self, attempt: u32, headers: Option<&HeaderMap>) {
        tokio::time::sleep(self.retry.delay(attempt - 1, headers)).await;
    }

    /// The base URL with the path appended segment by segment and the query added. A path
    /// parameter can never change the path: `/`, `?`, `#` and `%` in it are encoded, and values
    /// that would be read as a different path (empty, `.` and `..`) are refused.
    /// `link` (absolute, or relative to the base URL) when it is on the client's server:
    /// the credentials go with it, so a link elsewhere is refused.
    fn same_server(&self, link: &str) -> Result<Url, String> {
        let url = self
            .base_url
            .join(link)
            .map_err(|e| format!("the next page's link `{link}` is not a URL: {e}"))?;
        if url.origin() != self.base_url.origin() {
            return Err(format!(
                "the next page's link `{link}` is on another server than {}; not followed, \
                 since the call's credentials would go with it",
                self.base_url.origin().ascii_serialization()
            ));
        }
        Ok(url)
    }

    fn url(&self, path: &[Segment<'_>], query: &[(String, String)]) -> Result<Url, String> {
        let mut url = self.base_url.clone();
        {
            let mut segments = url
                .path_segments_mut()
                .map_err(|()| "the base URL cannot take a path".to_owned())?;
            for segment in path {
                match segment {
                    Segment::Literal(text) => {
                        segments.push(text);
                    }
                    Segment::Param(name, value) => {
                        if value.is_empty() || value == "." || value == ".." {
                            return Err(format!(
                                "path parameter `{name}` may not be {value:?}: it would change the path"
                            ));
                        }
                        segments.push(value);
                    }
                }
            }
        }
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        Ok(url)
    }

    /// The client's headers, then the call's parameters (`extra`), then the headers the call
    /// sets for itself (`own`), each later one replacing an earlier one of the same name.
    fn headers(
        &self,
        extra: &[(&'static str, String)],
        own: &[(String, String)],
        content_type: Option<&str>,
    ) -> Result<HeaderMap, String> {
        let inner = self;
        let mut headers = inner.default_headers.clone();
        headers.insert(AUTHORIZATION, inner.authorization.clone());
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_static(USER_AGENT),
        );
        if let Some(content_type) = content_type {
            let value = HeaderValue::from_str(content_type)
                .map_err(|_| format!("`{content_type}` is not a valid content type"))?;
            headers.insert(CONTENT_TYPE, value);
        }
        let params = extra
            .iter()
            .map(|(name, value)| (*name, value, "header parameter"));
        let own = own
            .iter()
            .map(|(name, value)| (name.as_str(), value, "header"));
        for (name, value, what) in params.chain(own) {
            let header_name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("`{name}` is not a valid header name"))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| format!("{what} `{name}` has characters a header cannot carry"))?;
            headers.insert(header_name, value);
        }
        Ok(headers)
    }
}

/// `name=value` for a `Cookie` header, with the characters a cookie value cannot hold
/// percent-encoded.
#[doc(hidden)]
pub fn cookie_pair(name: &str, value: &str) -> String {
    let mut pair = format!("{name}=");
    for c in value.chars() {
        if c.is_ascii_graphic() && !matches!(c, ';' | ',' | '"' | '\\' | '%') {
            pair.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                pair.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    pair
}

/// The request id from the usual response headers (an empty one does not count).
fn header_request_id(headers: &HeaderMap) -> Option<String> {
    ["x-request-id", "request-id", "x-amzn-requestid"]
        .iter()
        .find_map(|name| {
            let value = headers.get(*name)?.to_str().ok()?.trim();
            (!value.is_empty()).then(|| value.to_owned())
        })
}

/// The request id from a JSON error body's `requestId`, which newer API versions send.
fn body_request_id(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value.get("requestId")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wiremock::matchers::{body_bytes, header, method};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn call<'a>(body: Option<RequestBody<'a, ()>>) -> Call<'a, ()> {
        Call {
            operation: "test",
            method: Method::PUT,
            path: &[],
            query: vec![
                ("tag".to_owned(), "a b".to_owned()),
                ("tag".to_owned(), "c&d".to_owned()),
            ],
            headers: Vec::new(),
            body,
            options: &NO_OPTIONS,
        }
    }

    static NO_OPTIONS: RequestOptions = RequestOptions {
        timeout: None,
        max_retries: None,
        headers: Vec::new(),
        page_url: None,
    };

    /// An API of the runtime's own, so that these tests need no generated code.
    struct TestApi;

    impl ApiSpec for TestApi {
        type ErrorBody = serde_json::Value;
        const DEFAULT_BASE_URL: &'static str = "";
        const API_KEY_ENV: &'static str = "TEST_API_KEY";
        const BASE_URL_ENV: &'static str = "TEST_BASE_URL";
        const GLOBAL_HEADERS: &'static [super::super::GlobalHeader] = &[];
    }

    async fn client(server: &MockServer) -> Client<TestApi> {
        Client::builder()
            .api_key("k")
            .base_url(server.uri())
            .max_retries(0)
            .build()
            .unwrap()
    }

    #[tokio::test]
    async fn text_and_binary_bodies_carry_their_content_type() {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .and(header("content-type", "text/plain; charset=utf-8"))
            .and(body_bytes("héllo"))
            .respond_with(ResponseTemplate::new(200).set_body_raw("ok text", "text/plain"))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("PUT"))
            .and(header("content-type", "application/octet-stream"))
            .and(body_bytes(vec![0u8, 159, 146, 150]))
            .respond_with(ResponseTemplate::new(201).set_body_bytes(vec![1u8, 2, 255]))
            .expect(1)
            .mount(&server)
            .await;
        let client = client(&server).await;

        let text = client
            .execute_raw(call(Some(RequestBody::Text("héllo"))))
            .await
            .unwrap();
        assert_eq!((text.status(), text.text()), (200, "ok text".to_owned()));
        let bytes = [0u8, 159, 146, 150];
        let binary = client
            .execute_raw(call(Some(RequestBody::Binary(&bytes))))
            .await
            .unwrap();
        assert_eq!(binary.status(), 201);
        assert_eq!(binary.bytes().as_ref(), [1u8, 2, 255]);

        let sent = server.received_requests().await.unwrap();
        assert_eq!(
            sent[0].url.query(),
            Some("tag=a+b&tag=c%26d"),
            "repeated, encoded query"
        );
    }

    #[tokio::test]
    async fn a_body_that_is_not_the_documented_json_is_a_decode_error() {
        let server = MockServer::start().await;
        Mock::given(method("PUT"))
            .respond_with(ResponseTemplate::new(200).set_body_raw("plain", "text/plain"))
            .mount(&server)
            .await;
        let received = client(&server).await.execute_raw(call(None)).await.unwrap();
        let error = received.json::<serde_json::Value>().unwrap_err();
        assert!(
            matches!(error, Error::Decode { ref raw, .. } if raw == "plain"),
            "{error:?}"
        );
    }

    #[test]
    fn cookie_values_are_encoded() {
        assert_eq!(
            cookie_pair("session", "a b;c=d,é"),
            "session=a%20b%3Bc=d%2C%C3%A9"
        );
    }
}
