#![doc = include_str!("../README.md")]

// Each module is written by `cargo xtask codegen` from `spec/<version>/openapi.yaml` and
// formatted by the generator, so rustfmt leaves it alone. A cargo feature per version compiles
// only the versions a user asks for.

/// API version 2025-04-21, the version before the current one.
#[cfg(feature = "v2025-04-21")]
#[rustfmt::skip]
pub mod v2025_04_21;
/// API version 2026-02-09, the current one.
#[cfg(feature = "v2026-02-09")]
#[rustfmt::skip]
pub mod v2026_02_09;
#[doc(hidden)]
pub mod support;

/// The current API version's models, also at the crate root.
#[cfg(feature = "v2026-02-09")]
#[doc(no_inline)]
pub use v2026_02_09::*;
