//! Code generated from the fixture specs of `tests/fixtures/`, one module per spec, so that
//! every construct the generator supports is compiled and linted with the workspace.

// Written and formatted by `cargo xtask codegen`; rustfmt leaves it alone.
#[rustfmt::skip]
pub mod fixtures;
// The servers of the fixture specs with operations, generated the same way.
#[rustfmt::skip]
pub mod fixture_servers;
// Their clients, over the client runtime, carried here as a generated crate carries it: a
// client's methods are an inherent `impl` of the runtime's `Client`, so they must live in the
// crate that has the runtime.
#[rustfmt::skip]
pub mod fixture_clients;
#[path = "../../crates/extend-client/src/runtime/mod.rs"]
pub mod client_runtime;
// The models' helpers, at the path the client runtime finds them.
#[doc(hidden)]
pub use extend_models::support;

/// The examples in the project README, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
