//! The hand-written half of the client, the same for every API: configuration, auth, the
//! request loop with retries and timeouts, and errors.
//!
//! It knows nothing of a particular spec. The generated half describes its API by
//! implementing [`ApiSpec`] on a type of its own (the server, the environment variables, the
//! headers set once per client, the type of error bodies), names the client's types for that
//! API (`pub type Client = runtime::Client<ExtendSpec>`) and adds one method per operation. A crate
//! generated for another spec carries this module unchanged.

mod builder;
mod error;
mod multipart;
mod options;
mod paginate;
mod poll;
mod retry;
mod streamed;
#[doc(hidden)]
pub mod style;
mod styled;
mod transport;

pub use builder::{Client, ClientBuilder};
pub use error::{Error, ErrorResponse};
#[doc(hidden)]
pub use multipart::{multipart_body, Multipart, PartField};
pub use options::{RequestOptions, Response};
pub use paginate::{next_link, Page, PageFuture, Paginated};
#[doc(hidden)]
pub use poll::poll_until;
pub use poll::PollOptions;
#[doc(hidden)]
pub use streamed::Chunk;
#[doc(hidden)]
pub use style::Style;
#[doc(hidden)]
pub use styled::{form_pairs, push_styled, styled_text, FormField};
#[doc(hidden)]
pub use transport::{cookie_pair, Call, Received, RequestBody, Segment};

/// What the client needs to know about an API, from its spec. The generated code implements
/// it on a marker type.
pub trait ApiSpec: Send + Sync + 'static {
    /// The body of the API's error responses, decoded into [`ErrorResponse::body`].
    type ErrorBody: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug + Send + Sync;

    /// The first server the spec lists; used unless a base URL is configured.
    const DEFAULT_BASE_URL: &'static str;
    /// The environment variable read for the API key.
    const API_KEY_ENV: &'static str;
    /// The environment variable read for the base URL.
    const BASE_URL_ENV: &'static str;
    /// The headers a client sets once and sends with every request.
    const GLOBAL_HEADERS: &'static [GlobalHeader];
}

/// A header the spec has a client set once and send with every request; the generated code
/// lists them, with a builder setting for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlobalHeader {
    /// The header name.
    pub name: &'static str,
    /// The value sent when the builder sets none.
    pub default: Option<&'static str>,
    /// Whether building fails without a value.
    pub required: bool,
    /// The name of the builder setting, for the error that asks for it.
    pub setter: &'static str,
}
