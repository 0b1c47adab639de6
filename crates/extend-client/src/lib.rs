#![doc = include_str!("../README.md")]

// Each version's operations are written by `cargo xtask codegen` from
// `spec/<version>/openapi.yaml`; rustfmt leaves them alone. A cargo feature per version
// compiles only the versions a user asks for; each version's `Client` sends its own
// `x-extend-api-version`.

/// The client of API version 2025-04-21, the version before the current one.
#[cfg(feature = "v2025-04-21")]
#[rustfmt::skip]
pub mod v2025_04_21;
/// The client of API version 2026-02-09, the current one.
#[cfg(feature = "v2026-02-09")]
#[rustfmt::skip]
pub mod v2026_02_09;
pub mod runtime;

pub use extend_models as models;
// The runtime takes files out of request bodies with the models' helpers, at the path a
// standalone crate has them.
#[doc(hidden)]
pub use extend_models::support;
/// The current API version's client, also at the crate root.
#[cfg(feature = "v2026-02-09")]
#[doc(no_inline)]
pub use v2026_02_09::*;
