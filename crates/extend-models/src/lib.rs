#![doc = include_str!("../README.md")]

// Both modules are written by `cargo xtask codegen` from `spec/openapi.yaml` and formatted by
// the generator, so rustfmt leaves them alone.
#[rustfmt::skip]
mod models;
#[rustfmt::skip]
mod support;

pub use models::*;
