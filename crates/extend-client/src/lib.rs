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
