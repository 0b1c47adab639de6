#![doc = include_str!("../README.md")]

// Written by `cargo xtask codegen` from `spec/openapi.yaml` and formatted by the generator, so
// rustfmt leaves it alone.
#[rustfmt::skip]
mod models;
#[doc(hidden)]
pub mod support;

pub use models::*;
