#![doc = include_str!("../README.md")]

mod builder;
mod error;
// Written by `cargo xtask codegen` from `spec/openapi.yaml`; rustfmt leaves it alone.
#[rustfmt::skip]
mod operations;
mod retry;
mod transport;

pub use builder::{Client, ClientBuilder};
pub use error::{Error, ErrorResponse};
pub use extend_models as models;
pub use operations::*;

impl ClientBuilder {
    /// Pins the API version with the `x-extend-api-version` header, such as `"2024-12-23"`.
    /// Without it, the server uses the account's default version.
    pub fn api_version(self, version: impl Into<String>) -> Self {
        self.default_header("x-extend-api-version", version)
    }
}
