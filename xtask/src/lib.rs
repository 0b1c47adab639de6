//! Project automation for the Extend crates, run as `cargo xtask <command>`.
//!
//! The code generator lives here as a library so that tests can drive each stage directly.

pub mod codegen;
pub mod conformance;
pub mod contract;
pub mod docs;
pub mod suite;
pub mod tools;

use std::path::PathBuf;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
