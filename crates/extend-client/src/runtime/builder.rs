//! Configuring and building a [`Client`].
//!
//! Each setting comes from the builder first, then the environment, then the spec: the API key
//! from the builder or the `*_API_KEY` variable, the base URL from the builder, the
//! `*_BASE_URL` variable or the spec's first server, and each header the spec sets once per
//! client (such as the API version) from its builder setting or the spec's default.

use super::error::Error;
use super::retry::RetryPolicy;
use super::{ApiSpec, GlobalHeader};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

/// `crate/version`, sent as the `User-Agent` of every request.
pub(crate) const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// The default time one attempt may take, from sending the request to reading the body.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// A client for the API `A`. Cheap to clone: clones share one connection pool.
pub struct Client<A> {
    pub(crate) inner: Arc<Inner>,
    api: PhantomData<fn() -> A>,
}

impl<A> Clone for Client<A> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
            api: PhantomData,
        }
    }
}

/// What every request of a client needs.
pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub base_url: reqwest::Url,
    /// `Authorization: Bearer ...`, marked sensitive so that it is never logged.
    pub authorization: HeaderValue,
    pub default_headers: HeaderMap,
    pub timeout: Duration,
    pub retry: RetryPolicy,
}

impl<A: ApiSpec> Client<A> {
    /// A builder with the defaults: key and base URL from the environment, 60 s timeout,
    /// 2 retries.
    pub fn builder() -> ClientBuilder<A> {
        ClientBuilder {
            api_key: None,
            base_url: None,
            timeout: None,
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            http: None,
            api: PhantomData,
        }
    }

    /// A client configured from the environment alone.
    pub fn from_env() -> Result<Self, Error<A::ErrorBody>> {
        Self::builder().build()
    }
}

impl<A> Client<A> {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }
}

impl<A> fmt::Debug for Client<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("api_key", &"[redacted]")
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.retry.max_retries)
            .finish_non_exhaustive()
    }
}

/// Settings for a [`Client`]; see [`Client::builder`].
pub struct ClientBuilder<A> {
    api_key: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    api: PhantomData<fn() -> A>,
}

impl<A> fmt::Debug for ClientBuilder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl<A: ApiSpec> ClientBuilder<A> {
    /// The API key, sent as a bearer token. Without it, the `*_API_KEY` variable is used.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The base URL, such as `http://localhost:8080` for a local server. Without it, the
    /// `*_BASE_URL` variable or else the spec's first server is used.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// How long one attempt may take, from sending the request to reading the whole body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed call is retried (default 2; 0 turns retries off).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The wait before the first retry and the longest wait between retries (defaults 0.5 s
    /// and 8 s). Each wait doubles the one before, with jitter.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.initial_backoff = initial;
        self.retry.max_backoff = max.max(initial);
        self
    }

    /// The longest `Retry-After` the client waits for (default 60 s); a server asking for
    /// longer gets the normal backoff instead.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends requests through this `reqwest::Client` (for proxies, custom TLS or a shared
    /// connection pool). The client's own timeout and headers still apply.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client; fails when no API key is given or a setting is invalid.
    pub fn build(self) -> Result<Client<A>, Error<A::ErrorBody>> {
        let api_key = match self.api_key {
            Some(key) => key,
            None => std::env::var(A::API_KEY_ENV).map_err(|_| {
                Error::Config(format!(
                    "no API key: call `ClientBuilder::api_key` or set {}",
                    A::API_KEY_ENV
                ))
            })?,
        };
        if api_key.trim().is_empty() {
            return Err(Error::Config("the API key is empty".to_owned()));
        }
        let mut authorization = HeaderValue::from_str(&format!("Bearer {}", api_key.trim()))
            .map_err(|_| {
                Error::Config("the API key contains characters not allowed in a header".to_owned())
            })?;
        authorization.set_sensitive(true);

        let base_url = match self.base_url {
            Some(url) => url,
            None => {
                std::env::var(A::BASE_URL_ENV).unwrap_or_else(|_| A::DEFAULT_BASE_URL.to_owned())
            }
        };
        if base_url.trim().is_empty() {
            return Err(Error::Config(format!(
                "no base URL: the spec lists no server; call `ClientBuilder::base_url` or set \
                 {}",
                A::BASE_URL_ENV
            )));
        }
        let mut base_url = reqwest::Url::parse(base_url.trim())
            .map_err(|e| Error::Config(format!("base URL `{base_url}` is not a valid URL: {e}")))?;
        if base_url.cannot_be_a_base() || !matches!(base_url.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "base URL `{base_url}` must be an http or https URL"
            )));
        }
        // Paths are appended segment by segment, so the base must not end with an empty one.
        if let Ok(mut segments) = base_url.path_segments_mut() {
            segments.pop_if_empty();
        }

        let default_headers = default_headers(A::GLOBAL_HEADERS, &self.headers)?;

        let http = match self.http {
            Some(http) => http,
            None => {
                install_crypto_provider();
                reqwest::Client::builder().build().map_err(|e| {
                    Error::Config(format!("the HTTP client could not be built: {e}"))
                })?
            }
        };
        Ok(Client {
            api: PhantomData,
            inner: Arc::new(Inner {
                http,
                base_url,
                authorization,
                default_headers,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                retry: self.retry,
            }),
        })
    }
}

/// The headers of every request: the spec's global headers with their defaults, replaced by
/// the headers the builder was given. Fails when a header is not valid or a global header the
/// spec requires has no value.
fn default_headers<E>(
    globals: &[GlobalHeader],
    set: &[(String, String)],
) -> Result<HeaderMap, Error<E>> {
    let defaults = globals
        .iter()
        .filter_map(|global| Some((global.name, global.default?)));
    let mut headers = HeaderMap::new();
    for (name, value) in defaults.chain(set.iter().map(|(n, v)| (n.as_str(), v.as_str()))) {
        let header_name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::Config(format!("`{name}` is not a valid header name")))?;
        let header_value = HeaderValue::from_str(value)
            .map_err(|_| Error::Config(format!("the value of header `{name}` is not valid")))?;
        headers.insert(header_name, header_value);
    }
    match globals
        .iter()
        .find(|global| global.required && !headers.contains_key(global.name))
    {
        Some(missing) => Err(Error::Config(format!(
            "the `{}` header is required: call `ClientBuilder::{}`",
            missing.name, missing.setter
        ))),
        None => Ok(headers),
    }
}

/// Makes *ring* the process's TLS crypto provider unless the application chose one already.
/// rustls 0.23.48 deprecates *ring*'s provider because it has no post-quantum key exchange;
/// aws-lc-rs, which has, doubles the client's cold build. An application that wants it
/// installs it before building a client, and this leaves it in place.
#[allow(deprecated)]
fn install_crypto_provider() {
    // An error means a provider is installed already, which is all that is needed.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLOBALS: &[GlobalHeader] = &[
        GlobalHeader {
            name: "x-api-version",
            default: Some("2025-04-21"),
            required: false,
            setter: "api_version",
        },
        GlobalHeader {
            name: "X-Tenant",
            default: None,
            required: true,
            setter: "tenant",
        },
        GlobalHeader {
            name: "x-workspace",
            default: None,
            required: false,
            setter: "workspace",
        },
    ];

    fn set(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn global_headers_start_from_their_defaults_and_the_builder_replaces_them() {
        let headers = default_headers::<()>(GLOBALS, &set(&[("x-tenant", "acme")])).unwrap();
        assert_eq!(headers["x-api-version"], "2025-04-21");
        assert_eq!(headers["x-tenant"], "acme");
        assert!(!headers.contains_key("x-workspace"), "no default, not set");

        let headers = default_headers::<()>(
            GLOBALS,
            &set(&[("X-Tenant", "acme"), ("x-api-version", "2024-12-23")]),
        )
        .unwrap();
        assert_eq!(headers.get_all("x-api-version").iter().count(), 1);
        assert_eq!(headers["x-api-version"], "2024-12-23");
    }

    #[test]
    fn a_required_global_header_without_a_value_names_its_setting() {
        let Err(Error::<()>::Config(message)) = default_headers(GLOBALS, &[]) else {
            panic!("a client without the required header was built");
        };
        assert_eq!(
            message,
            "the `X-Tenant` header is required: call `ClientBuilder::tenant`"
        );
        let Err(Error::<()>::Config(message)) =
            default_headers(GLOBALS, &set(&[("x-tenant", "a\nb")]))
        else {
            panic!("a header value with a line break was accepted");
        };
        assert!(message.contains("x-tenant"), "{message}");
    }
}
