#![doc = include_str!("../README.md")]

// Written by `cargo xtask codegen` from `spec/openapi.yaml`; rustfmt leaves it alone.
#[rustfmt::skip]
mod operations;
pub mod runtime;

pub use extend_models as models;
pub use operations::*;
