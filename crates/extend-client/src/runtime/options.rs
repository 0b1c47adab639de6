//! What one call may set for itself, over the client's settings (its timeout, its retries and
//! extra headers), and what it gives back: the decoded body, or the whole [`Response`]. The
//! generated call builders fill the options in; the transport applies them.

use std::time::Duration;

/// Settings of one call; each one left unset takes the client's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// How long each attempt may take, instead of the client's timeout.
    pub timeout: Option<Duration>,
    /// How many times the call is retried, instead of the client's count.
    pub max_retries: Option<u32>,
    /// Headers sent with this call alone, after (and so over) the client's own.
    pub headers: Vec<(String, String)>,
    /// The whole URL of the page to read, as the page before named it in its `Link` header:
    /// sent instead of the call's path and query. A `Link`-paged `stream()` sets it.
    #[doc(hidden)]
    pub page_url: Option<String>,
}

/// A success response with its body decoded: for callers who need the status, a header or
/// the request id besides the value (`send_with_response()` on a call).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The status code.
    pub status: u16,
    /// The response headers.
    pub headers: reqwest::header::HeaderMap,
    /// The server's request id (from `x-request-id` or a similar header), when it sent one.
    pub request_id: Option<String>,
    /// The body, decoded as the operation documents.
    pub body: T,
}

impl<T> Response<T> {
    /// The value of header `name`, when it is present and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The decoded body alone.
    pub fn into_body(self) -> T {
        self.body
    }
}
